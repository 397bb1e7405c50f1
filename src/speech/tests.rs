//! Tests of the whole stage on small documents; each concern's own tests sit in its module.

use super::*;
use crate::body::BlockKind;
use crate::config::{self, ConfigSource};

/// The embedded configuration, loaded once for all tests.
pub(crate) fn rules() -> &'static crate::config::Rules {
    static RULES: std::sync::OnceLock<crate::config::Rules> = std::sync::OnceLock::new();
    RULES
        .get_or_init(|| config::load(&ConfigSource::Embedded { chosen: true }).expect("config"))
}

fn p(text: &str) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        text: text.into(),
        lead: None,
    }
}

fn bold_label(label: &str, rest: &str) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        text: format!("{label}{rest}"),
        lead: Some(label.into()),
    }
}

fn run(title: &str, blocks: &[Block]) -> Speech {
    let r = rules();
    extract(
        &SpeechInput {
            title: Some(title),
            byline: None,
            blocks,
            fields: &[],
        },
        &r.speech,
    )
}

#[test]
fn press_conference_question_and_titled_answer() {
    let s = run(
        "王毅：打造更加紧密的中国—中亚命运共同体",
        &[
            p("3月7日下午，国务委员兼外交部长王毅就“中国外交政策”相关问题回答中外记者提问。"),
            p("哈萨克斯坦24KZ电视台记者提问：今年是建交30周年。中方计划采取哪些措施？"),
            p("王毅表示，今年中国同中亚关系的大事喜事不断。"),
            p("中方始终认为，一个繁荣稳定的中亚符合共同利益。"),
        ],
    );
    assert_eq!(s.kind, DocKind::PressConference);
    assert_eq!(s.pairs.len(), 1);
    let pair = &s.pairs[0];
    assert_eq!(pair.questioner_org.as_deref(), Some("哈萨克斯坦24KZ电视台"));
    assert!(pair.question.starts_with("今年是建交30周年"));
    assert_eq!(pair.answerer.as_deref(), Some("王毅"));
    assert_eq!(pair.answerer_title.as_deref(), Some("国务委员兼外交部长"));
    assert_eq!(s.turns[1].first_seq, Some(2));
    assert_eq!(
        s.turns[1].last_seq,
        Some(3),
        "a cue-less paragraph continues the answer"
    );
    assert_eq!(s.turns[0].cue, "记者提问");
    let q = &s.quotes[0];
    assert_eq!((q.source, q.speaker.as_str()), (QuoteSource::Title, "王毅"));
    assert_eq!(q.speaker_title.as_deref(), Some("国务委员兼外交部长"));
}

#[test]
fn biaoshi_in_a_report_is_a_quote_not_a_turn() {
    let s = run(
        "新能源汽车销量增长",
        &[
            p("中汽协副秘书长陈士华表示，新能源汽车市场已经转向市场驱动。"),
            p("张军表示，今年行业整体将保持增长。"),
            p("换句话说，行业进入新阶段。比如说，价格战仍在继续。必须指出，风险依然存在。"),
        ],
    );
    assert_eq!(s.kind, DocKind::Article);
    assert!(s.turns.is_empty() && s.pairs.is_empty());
    let speakers: Vec<(&str, Option<&str>)> = s
        .quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.speaker_title.as_deref()))
        .collect();
    assert_eq!(
        speakers,
        [("陈士华", Some("中汽协副秘书长")), ("张军", None)]
    );
}

#[test]
fn direct_quotes_and_trailing_adverbials() {
    let s = run(
        "x",
        &[p(
            "对此，中国外交部发言人赵立坚今天（6日）回应称，中方表示严重关切。知情人士表示：“美方说一套做一套。”",
        )],
    );
    let got: Vec<(&str, &str, &str)> = s
        .quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.cue.as_str(), q.quote.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("赵立坚", "回应称", "中方表示严重关切。"),
            ("知情人士", "表示", "美方说一套做一套。")
        ]
    );
    assert_eq!(
        s.quotes[0].speaker_title.as_deref(),
        Some("中国外交部发言人")
    );
}

#[test]
fn bold_label_transcript_with_host_and_two_answerers() {
    let s = run(
        "发布会",
        &[
            bold_label("主持人：", "请问数字经济的最大贡献是什么？"),
            bold_label("清华大学教授 李明：", "提升了全要素生产率。"),
            p("企业降低了成本。"),
            bold_label("研究员王芳：", "数据要素的价值正在释放。"),
        ],
    );
    type Row<'a> = (&'a str, Option<&'a str>, Option<usize>, Option<usize>);
    let roles: Vec<Row> = s
        .turns
        .iter()
        .map(|t| {
            (
                t.role.as_str(),
                t.speaker.as_deref(),
                t.first_seq,
                t.last_seq,
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("host", Some("主持人"), Some(0), Some(0)),
            ("answer", Some("李明"), Some(1), Some(2)),
            ("answer", Some("王芳"), Some(3), Some(3)),
        ]
    );
    assert_eq!(
        s.pairs.len(),
        2,
        "both answers pair with the host's question"
    );
}

#[test]
fn unnumbered_bold_subheadings_do_not_make_an_interview() {
    let bold = |t: &str| Block {
        kind: BlockKind::Paragraph,
        text: t.into(),
        lead: Some(t.into()),
    };
    let s = run(
        "x",
        &[
            p("数据公布。"),
            bold("这是一份怎样的数据？"),
            p("涨幅高于预期。"),
            bold("通胀会持续吗？"),
            p("难说。"),
        ],
    );
    assert_eq!(s.kind, DocKind::Article);
    assert!(s.pairs.is_empty());
    let s = run(
        "x",
        &[
            bold("一、如何看待？"),
            p("答一。"),
            bold("二、如何评价？"),
            p("答二。"),
        ],
    );
    assert_eq!(s.kind, DocKind::Interview);
    assert_eq!(s.pairs.len(), 2);
}

#[test]
fn zhihu_answer_from_fields() {
    let r = rules();
    let field = |name: &str, value: &str| Field {
        name: name.into(),
        value: value.into(),
        at: 0,
    };
    let fields = [
        field("author", "温戈，"),
        field("bio", "芯片工程师"),
        field("origin_url", "https://www.zhihu.com/question/1/answer/2"),
    ];
    let blocks = [p("CPU 坏的概率极小。"), p("多数是外界原因。")];
    let s = extract(
        &SpeechInput {
            title: Some("CPU 为什么很少会坏？"),
            byline: None,
            blocks: &blocks,
            fields: &fields,
        },
        &r.speech,
    );
    assert_eq!(s.kind, DocKind::QaAnswer);
    let pair = &s.pairs[0];
    assert_eq!(pair.question, "CPU 为什么很少会坏？");
    assert_eq!(pair.answerer.as_deref(), Some("温戈"));
    assert_eq!(pair.answerer_title.as_deref(), Some("芯片工程师"));
    assert_eq!(pair.answer, "CPU 坏的概率极小。\n多数是外界原因。");
    assert_eq!(
        s.origin_url.as_deref(),
        Some("https://www.zhihu.com/question/1/answer/2")
    );
}
