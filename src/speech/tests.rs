//! Tests of the whole stage on small documents; each concern's own tests sit in its module.

use super::*;
use crate::body::BlockKind;
use crate::config::{self, ConfigSource};

/// The embedded configuration, loaded once for all tests.
pub(crate) fn rules() -> &'static crate::config::Rules {
    static RULES: std::sync::OnceLock<crate::config::Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| config::load(&ConfigSource::Embedded { chosen: true }).expect("config"))
}

fn p(text: &str) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        text: text.into(),
        lead: None,
    }
}

/// The speech of a document of plain paragraphs under an uninformative title.
fn run_paragraphs(paragraphs: &[&str]) -> Speech {
    let blocks: Vec<Block> = paragraphs.iter().map(|t| p(t)).collect();
    run("x", &blocks)
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
    // Numbered bold questions make an interview where the title calls the document one …
    let numbered = [
        bold("一、如何看待？"),
        p("答一。"),
        bold("二、如何评价？"),
        p("答二。"),
    ];
    let s = run("专访：某协会会长谈行业", &numbered);
    assert_eq!(s.kind, DocKind::Interview);
    assert_eq!(s.pairs.len(), 2);
    // … or names the interviewee (`专访王强`: he answers) …
    let s = run("专访王强", &numbered);
    assert_eq!(s.kind, DocKind::Interview);
    assert!(all_answered_by(&s, "王强"), "{:#?}", s.pairs);
    // … else, answered by nobody named, they are an explainer's headings.
    let s = run("一文看清新规", &numbered);
    assert_eq!(s.kind, DocKind::Article);
    assert!(s.pairs.is_empty());
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

// ---- Failure kinds of issue 14, each varied; expected values come from reading the text. ----

fn h(text: &str) -> Block {
    Block {
        kind: BlockKind::Heading,
        text: text.into(),
        lead: None,
    }
}

fn caption(text: &str) -> Block {
    Block {
        kind: BlockKind::Caption,
        text: text.into(),
        lead: None,
    }
}

fn bold(text: &str) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        text: text.into(),
        lead: Some(text.into()),
    }
}

/// The body's quotes (not the title's).
fn body_quotes(s: &Speech) -> impl Iterator<Item = &Quote> {
    s.quotes.iter().filter(|q| q.source == QuoteSource::Body)
}

/// Whether every pair is answered by `name`.
fn all_answered_by(s: &Speech, name: &str) -> bool {
    s.pairs.iter().all(|p| p.answerer.as_deref() == Some(name))
}

type PairRow = (String, Option<String>, Option<String>, Option<String>);

fn pairs_of(s: &Speech) -> Vec<PairRow> {
    s.pairs
        .iter()
        .map(|p| {
            (
                p.question.chars().take(6).collect(),
                p.answerer.clone(),
                p.questioner_org.clone(),
                Some(p.answer.chars().take(4).collect()),
            )
        })
        .collect()
}

#[test]
fn kind1_outlet_and_name_labels_in_bold_with_headings_and_captions_between() {
    let s = run(
        "对话李华：城市更新不是推倒重来",
        &[
            p("近日，某某新闻专访了城市规划学者李华。"),
            bold_label("某某新闻：", "旧城改造最难的是什么？"),
            bold_label("李华：", "最难的是让居民留下来。"),
            caption("李华在工作室。摄影 王某"),
            p("很多项目把人迁走了，街区也就空了。"),
            h("谈资金"),
            bold_label("某某新闻：", "钱从哪里来？"),
            p("李华：政府出一部分，社会资本出一部分。"),
        ],
    );
    assert_eq!(s.kind, DocKind::Interview);
    let got = pairs_of(&s);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("李华"));
    assert_eq!(got[0].2.as_deref(), Some("某某新闻"));
    assert!(
        s.pairs[0].answer.ends_with("街区也就空了。"),
        "the caption is skipped, the paragraph continues the answer"
    );
    assert_eq!(
        got[1].1.as_deref(),
        Some("李华"),
        "an answer label not in bold counts"
    );
    assert!(s.pairs[1].answer.starts_with("政府出一部分"));
}

#[test]
fn kind2_question_cues_inside_paragraphs_and_reported_questions() {
    let s = run(
        "外交部例行记者会",
        &[
            p(
                "外交部发言人张明主持例行记者会。有记者提问：双方会谈取得了哪些成果？张明表示，双方达成了多项共识。",
            ),
            p("有记者就此访行程提问。"),
            p("张明表示，具体安排将适时发布。"),
            p("被问及下一步计划时，张明说，中方愿同各方保持沟通。"),
        ],
    );
    assert_eq!(s.kind, DocKind::PressConference);
    let qs: Vec<&str> = s.pairs.iter().map(|p| p.question.as_str()).collect();
    assert_eq!(qs.len(), 3, "{qs:?}");
    assert!(qs[0].starts_with("双方会谈取得了哪些成果"));
    assert!(qs[1].starts_with("此访行程"));
    assert!(qs[2].starts_with("下一步计划"));
    assert!(all_answered_by(&s, "张明"));
    assert!(s.pairs[0].answer.contains("双方达成了多项共识"));
    assert!(s.pairs[1].answer.contains("适时发布"));
}

#[test]
fn kind3_askers_who_are_not_reporters() {
    let s = run(
        "某公司回应投资者",
        &[
            p("有投资者在互动平台提问：公司的新产线何时投产？"),
            p("公司在互动平台表示，新产线预计年内投产。"),
            p("有网友提问：产品会涨价吗？"),
            p("公司回应称，暂无涨价计划。"),
        ],
    );
    assert_eq!(s.pairs.len(), 2, "{:?}", pairs_of(&s));
    assert_eq!(s.turns[0].speaker.as_deref(), Some("投资者"));
    assert_eq!(s.pairs[0].answerer.as_deref(), Some("公司"));
    assert_eq!(s.turns[0].speaker_type, Some(SpeakerType::Unnamed));
    assert!(s.pairs[1].question.starts_with("产品会涨价吗"));
}

#[test]
fn kind4_compilation_each_question_with_its_own_author_and_bio() {
    let field = |name: &str, value: &str, at: usize| Field {
        name: name.into(),
        value: value.into(),
        at,
    };
    let blocks = [
        p("为什么猫喜欢纸箱？"),
        p("纸箱让猫感到安全。"),
        p("狗为什么怕打雷？"),
        p("雷声的低频让狗不安。"),
        p("它们听得比人远。"),
    ];
    let fields = [
        field("author", "甲乙，", 1),
        field("bio", "兽医", 1),
        field("author", "丙丁", 3),
    ];
    let s = extract(
        &SpeechInput {
            title: Some("猫狗问答合集"),
            byline: None,
            blocks: &blocks,
            fields: &fields,
        },
        &rules().speech,
    );
    assert_eq!(s.kind, DocKind::QaAnswer);
    let got: Vec<(&str, Option<&str>, Option<&str>, &str)> = s
        .pairs
        .iter()
        .map(|p| {
            (
                p.question.as_str(),
                p.answerer.as_deref(),
                p.answerer_title.as_deref(),
                p.answer.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "为什么猫喜欢纸箱？",
                Some("甲乙"),
                Some("兽医"),
                "纸箱让猫感到安全。"
            ),
            (
                "狗为什么怕打雷？",
                Some("丙丁"),
                None,
                "雷声的低频让狗不安。\n它们听得比人远。"
            ),
        ],
        "a bio never migrates to the next author; the title is not the question"
    );
}

#[test]
fn kind5_bold_numbered_prompts_and_a_legend_line() {
    let s = run(
        "行业协会会长谈标准",
        &[
            p("问：本报记者；答：某协会会长王强"),
            bold("Q1：新标准什么时候实施？"),
            p("明年一月起实施。"),
            bold("2、企业要做哪些准备？"),
            p("先自查，再整改。"),
        ],
    );
    assert_eq!(s.kind, DocKind::Interview);
    assert_eq!(s.pairs.len(), 2, "{:?}", pairs_of(&s));
    assert!(s.pairs[0].question.starts_with("新标准什么时候实施"));
    assert_eq!(s.pairs[0].answerer.as_deref(), Some("王强"));
    assert_eq!(s.pairs[0].answerer_title.as_deref(), Some("某协会会长"));
    assert!(s.pairs[1].question.starts_with("企业要做哪些准备"));
}

#[test]
fn kind6_expert_statements_are_not_an_interview() {
    let s = run(
        "专家解读一季度数据",
        &[
            bold("消费回暖"),
            bold_label("孙一：", "消费恢复好于预期。"),
            bold_label("金二：", "服务消费是主要动力。"),
            bold("投资结构"),
            bold_label("孙一：", "制造业投资增速较快。"),
            bold_label("金二：", "基建投资保持稳定。"),
        ],
    );
    assert_eq!(s.kind, DocKind::Article);
    assert!(s.pairs.is_empty());
    assert!(
        s.turns.iter().all(|t| t.role == Role::Statement),
        "{:?}",
        s.turns
    );
}

#[test]
fn kind7_label_styles_of_traditional_text() {
    // `記：/蕭：` with a legend, `**鄭** ：` (colon outside the bold), ` 答：` and `#### 答：`.
    let s = run(
        "蕭世和見記者",
        &[
            p("記：現場採訪記者　　　蕭：蕭世和"),
            p("記：今天見了甚麼人？"),
            p("蕭：見了部長，談得很好。"),
            p("記：有談到新聞自由嗎？"),
            p("有提到，但沒有細談。"),
        ],
    );
    assert_eq!(s.pairs.len(), 2, "{:?}", pairs_of(&s));
    assert!(all_answered_by(&s, "蕭世和"));
    assert!(
        s.pairs[1].answer.starts_with("有提到"),
        "an unlabelled answer after a question"
    );
    let s = run(
        "立法會質詢",
        &[
            p("議員涂大文質詢司長鄭小明。"),
            bold_label("涂", " ：你最早幾時知道？"),
            bold_label("鄭", " ：我買的時候不知道。"),
            bold_label("涂", " ：係咪一月知？"),
            p(" 答：我已經講過。"),
        ],
    );
    assert_eq!(s.pairs.len(), 2, "{:?}", pairs_of(&s));
    assert_eq!(
        s.pairs[0].answerer.as_deref(),
        Some("鄭小明"),
        "a short label resolves to the full name"
    );
    let s = run(
        "專訪",
        &[
            p("問：你為何參選？"),
            h("答："),
            p("因為想改變。"),
            p("問：會否退選？"),
            p("答：不會。"),
        ],
    );
    assert_eq!(s.pairs.len(), 2, "{:?}", pairs_of(&s));
    assert!(
        s.pairs[0].answer.starts_with("因為想改變"),
        "a heading that is only a label opens the answer"
    );
}

#[test]
fn quote_kinds_direct_indirect_mixed() {
    let s = run(
        "x",
        &[
            p("李明说：“我们会继续努力。”"),
            p("王芳表示，市场将保持稳定。"),
            p("赵强认为，经济“稳中向好”，但仍需观察。"),
            p("张华坦言，“有必要”对此进行调查。"),
        ],
    );
    let got: Vec<(&str, &str)> = s
        .quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.kind.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("李明", "direct"),
            ("王芳", "indirect"),
            ("赵强", "mixed"),
            ("张华", "mixed")
        ]
    );
}

#[test]
fn quote_forms_words_first_colon_after_verb_and_headlines() {
    let s = run(
        "国家发展和改革委员会主任何立平：稳增长政策将持续发力",
        &[
            p("“明年经济会更好。”张三说。"),
            p("“困难是暂时的，”李四表示，“前景是光明的。”"),
            p("王五认为：“创新是第一动力。”"),
        ],
    );
    let got: Vec<(&str, &str, &str)> = s
        .quotes
        .iter()
        .map(|q| (q.source.as_str(), q.speaker.as_str(), q.kind.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("title", "何立平", "indirect"),
            ("body", "张三", "direct"),
            ("body", "李四", "direct"),
            ("body", "王五", "direct")
        ]
    );
    assert_eq!(
        s.quotes[0].speaker_title.as_deref(),
        Some("国家发展和改革委员会主任")
    );
    assert!(s.quotes[2].quote.starts_with("困难是暂时的"));
    let s = run("钟南山谈接种：加强针很有必要", &[]);
    assert_eq!(s.quotes[0].speaker, "钟南山");
    assert!(s.quotes[0].quote.starts_with("加强针"));
}

#[test]
fn speaker_boundaries_and_types() {
    let s = run(
        "x",
        &[
            p("中欧基金曹明表示，市场已经见底。"),
            p("曹明解释说，估值处于低位。"),
            p("美国总统拜登在23日的讲话中这样说：“我们不会退让。”"),
            p("她笑称，这只是开始。"),
            p("知情人士透露，谈判仍在继续。"),
            p("教育部指出，将加强监管。"),
            // The segmenter splits this given name off as an adverb (`王/nr 立新/d`).
            p("市园林局局长王立新表示，照明年底前完成改造。"),
            p("王立新还表示，步道将全天开放。"),
        ],
    );
    let got: Vec<(&str, Option<&str>, &str)> = s
        .quotes
        .iter()
        .map(|q| {
            (
                q.speaker.as_str(),
                q.speaker_org.as_deref().or(q.speaker_title.as_deref()),
                q.speaker_type.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("曹明", Some("中欧基金"), "person"),
            ("曹明", Some("中欧基金"), "person"),
            ("拜登", Some("美国总统"), "person"),
            ("拜登", Some("美国总统"), "person"),
            ("知情人士", None, "unnamed"),
            ("教育部", None, "organisation"),
            ("王立新", Some("市园林局局长"), "person"),
            ("王立新", Some("市园林局局长"), "person"),
        ],
        "a pronoun resolves to the last person named, never `的她`"
    );
    assert_eq!(s.quotes[1].cue, "解释说");
    // `标称` is not `称`.
    let s = run("x", &[p("这款手机标称续航两天。")]);
    assert!(s.quotes.is_empty(), "{:?}", s.quotes);
}

#[test]
fn kind1_bold_questions_answered_under_one_bold_name_label() {
    let s = run(
        "专访某引擎负责人：做自己的工具",
        &[
            p("近日，我们与某引擎负责人周明聊了聊。"),
            bold("为什么要自研引擎？"),
            bold_label("周明：", "因为通用引擎满足不了我们的需求。"),
            h("关于团队"),
            bold("团队有多大？"),
            bold_label("周明：", "一百多人。"),
            p("其中一半是程序。"),
            bold("下一步呢？"),
            p("周明：继续打磨工具链。"),
        ],
    );
    assert_eq!(s.kind, DocKind::Interview);
    let got = pairs_of(&s);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(all_answered_by(&s, "周明"));
    assert!(s.pairs[1].answer.ends_with("其中一半是程序。"));
    assert!(s.pairs[2].answer.starts_with("继续打磨"));
}

#[test]
fn cues_are_given_as_written() {
    let s = run("x", &[p("陳肇始今日說，限奶令是基於供應問題。")]);
    assert_eq!(s.quotes[0].cue, "說");
    assert_eq!(s.quotes[0].speaker, "陳肇始");
}

/// Quotes in captions count: the speaker cue at the start of a photo caption, in both scripts,
/// between the turns of an interview (the caption is not a turn) and in a plain article.
#[test]
fn quotes_in_captions_are_read_but_captions_are_not_turns() {
    let s = run(
        "專訪張超雄：不太從選票角度出發",
        &[
            p("工黨立法會議員張超雄接受本報專訪。"),
            bold_label("問：", "你為何支持三隧分流？"),
            bold_label("答：", "三隧分流的概念值得支持，問題已存在很多年。"),
            caption("張超雄認為，三隧分流可以令乘隧道巴的市民，減少受塞車之苦。資料圖片"),
            bold_label("問：", "會否擔心踩入政治陷阱？"),
            bold_label("答：", "都要小心，但我哋從政策優劣出發。"),
        ],
    );
    assert_eq!(s.kind, DocKind::Interview);
    assert_eq!(s.pairs.len(), 2, "{:#?}", s.pairs);
    assert!(s.turns.iter().all(|t| !t.text.contains("資料圖片")));
    let q: Vec<(&str, &str)> = body_quotes(&s)
        .map(|q| (q.speaker.as_str(), q.quote.as_str()))
        .collect();
    assert!(
        q.iter()
            .any(|(who, text)| *who == "張超雄" && text.starts_with("三隧分流可以")),
        "{q:?}"
    );
    let s = run(
        "河畔步道改造完工",
        &[
            p("全长4.2公里的河畔步道改造完工，本周末迎来首批市民。"),
            caption("市园林局局长王立新表示，步道夜间照明也将在年底前完成改造。摄影 李明"),
        ],
    );
    assert_eq!(s.kind, DocKind::Article);
    assert!(
        s.quotes
            .iter()
            .any(|q| q.speaker == "王立新" && q.quote.starts_with("步道夜间照明")),
        "{:#?}",
        s.quotes
    );
}
/// Cue phrases that carried their own words: `对此` before an unnamed source is not `对…表示`
/// (said to someone); `告诉` takes its addressee up to the colon; a foreign person's last name
/// stands for the full name given with a title before (also when the short form was met first).
#[test]
fn cue_phrases_with_addressees_and_foreign_short_names() {
    let s = run(
        "x",
        &[
            p("5月1日消息，北京市住建委公布了名单。"),
            p("对此有网友表示：“想从根本解决这个问题，还是需要优质教育资源的均衡分布”"),
            p("中国酒业智库专家蔡学飞告诉财联社记者：“茅台市场价下跌的直接原因是供给增加。”"),
            p("Docker首席执行官Scott Johnston接受采访时介绍了公司的最新进展。"),
            p("Johnston表示，“两年半之前，我们虽然已经打造出一套优秀的产品。”"),
            p("公司对记者表示，新产品将在下月上市。"),
        ],
    );
    let speakers: Vec<&str> = body_quotes(&s).map(|q| q.speaker.as_str()).collect();
    assert_eq!(
        speakers,
        ["网友", "蔡学飞", "Scott Johnston", "公司"],
        "{:#?}",
        s.quotes
    );
}

/// Companies and federations named without 公司/集团: an industry word ends an organisation's
/// name (`商汤科技`, `中信证券`, `国际体联`), also before `发表的声明称`.
#[test]
fn organisations_named_by_their_industry_word() {
    let s = run(
        "x",
        &[
            p("商汤科技11日公开发布声明表示：“对这一指控强烈反对。”"),
            p("中信证券认为，市场仍处于震荡阶段。"),
            p("国际体联发表的声明称：“裁判的打分没有错误。”"),
        ],
    );
    let got: Vec<(&str, &str)> = body_quotes(&s)
        .map(|q| (q.speaker.as_str(), q.speaker_type.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("商汤科技", "organisation"),
            ("中信证券", "organisation"),
            ("国际体联", "organisation")
        ],
        "{:#?}",
        s.quotes
    );
}
/// Acronyms speak as organisations (`CNN在报道中评论称`); a verb that ends another word is no
/// cue (`发布演说 NBC视频截图`, `号称`, `小说`).
#[test]
fn acronym_speakers_and_verbs_inside_words() {
    let s = run(
        "x",
        &[
            p("CNN在报道中评论称，就在白宫释放石油储备之际，油价仍在上涨。"),
            p("拜登23日在白宫发布演说 NBC视频截图"),
            p("这款手机号称续航两天，价格也不高。"),
            p("他写的小说讲述了一个关于战争的故事。"),
        ],
    );
    let got: Vec<(&str, &str)> = body_quotes(&s)
        .map(|q| (q.speaker.as_str(), q.speaker_type.as_str()))
        .collect();
    assert_eq!(got, [("CNN", "organisation")], "{:#?}", s.quotes);
}

/// The speaker of each quote, in order.
fn speakers(s: &Speech) -> Vec<&str> {
    s.quotes.iter().map(|q| q.speaker.as_str()).collect()
}

/// `(speaker, words)` of each quote, in order.
fn said(s: &Speech) -> Vec<(&str, &str)> {
    s.quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.quote.as_str()))
        .collect()
}

/// `(speaker, kind, words)` of each quote, in order.
fn said_kind(s: &Speech) -> Vec<(&str, &str, &str)> {
    s.quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.kind.as_str(), q.quote.as_str()))
        .collect()
}

/// `(speaker, type, quote start)` of each quote, in order.
fn quoted(s: &Speech) -> Vec<(String, &'static str, String)> {
    s.quotes
        .iter()
        .map(|q| {
            (
                q.speaker.clone(),
                q.speaker_type.as_str(),
                q.quote.chars().take(4).collect(),
            )
        })
        .collect()
}

#[test]
fn any_noun_phrase_before_quoted_words_is_a_speaker() {
    // Right before `：“…”` a phrase is a speaker if it is a noun phrase at all; the word lists
    // of unnamed sources and titles need not name it.
    let s = run(
        "x",
        &[
            p("热线接线员回答：“这类包裹目前不能寄送。”"),
            p("一位卖菜摊主说：“今年的菜价比去年高。”"),
            p("受害者的女儿说：“我们只想知道真相。”"),
            // A clause before `的` is not part of the subject; a determiner neither.
            p("一名不愿透露姓名的业内人士表示：“并购谈判已经停止。”"),
            p("这位工程师说：“大桥明年可以通车。”"),
            // The segmenter cuts `胡/v 女士/n`: a surname with a form of address is a person.
            p("胡女士告诉记者：“孩子已经回家了。”"),
            p("车主们纷纷表示：“充电桩太少了。”"),
        ],
    );
    assert_eq!(
        quoted(&s),
        [
            ("热线接线员".into(), "unnamed", "这类包裹".into()),
            ("卖菜摊主".into(), "unnamed", "今年的菜".into()),
            ("受害者的女儿".into(), "unnamed", "我们只想".into()),
            ("业内人士".into(), "unnamed", "并购谈判".into()),
            ("工程师".into(), "unnamed", "大桥明年".into()),
            ("胡女士".into(), "person", "孩子已经".into()),
            ("车主们".into(), "unnamed", "充电桩太".into()),
        ]
    );
    // Without quotation marks the word lists still decide: a common noun reporting
    // (`市场认为，…`, `这一现象说明，…`) is no speaker.
    let s = run(
        "x",
        &[
            p("卖花姑娘认为，菜价还会上涨。"),
            p("这一现象说明，需求正在回升。"),
        ],
    );
    assert!(s.quotes.is_empty(), "{:#?}", s.quotes);
}

#[test]
fn adverbs_and_adjuncts_after_the_speaker_are_cut() {
    let s = run(
        "x",
        &[
            p("被投诉的物业经理竟公然宣称“业主的意见不重要”。"),
            p("老船长绝望地喊道：“船要沉了！”"),
            p("赵先生无奈地说：“只能再等一个月。”"),
            p("孙丽丽说：“谢谢。”她在个人微博写道：“感谢大家的关心。”"),
            p("钱刚笑着说：“我早就知道了。”"),
        ],
    );
    assert_eq!(
        quoted(&s),
        [
            ("物业经理".into(), "unnamed", "业主的意".into()),
            ("老船长".into(), "unnamed", "船要沉了".into()),
            ("赵先生".into(), "person", "只能再等".into()),
            ("孙丽丽".into(), "person", "谢谢。".into()),
            ("孙丽丽".into(), "person", "感谢大家".into()),
            ("钱刚".into(), "person", "我早就知".into()),
        ]
    );
}

#[test]
fn aspect_particles_belong_to_the_cue_and_passives_are_not_cues() {
    let s = run(
        "x",
        &[
            p("林海曾说过：“规则不能随意改变。”"),
            p("林海还说了一句：“大家辛苦了。”"),
            // Passive: what is said of the subject, not by it.
            p("这支球队被质疑“消极比赛”，赛后被指违反规定。"),
            // `称重`, `说明天` are other words.
            p("记者看到工作人员把猪肉称重后装箱。"),
        ],
    );
    assert_eq!(
        quoted(&s),
        [
            ("林海".into(), "person", "规则不能".into()),
            ("林海".into(), "person", "大家辛苦".into()),
        ]
    );
    assert_eq!(s.quotes[0].cue, "说过");
}

#[test]
fn a_short_form_resolves_to_the_full_name_written_anywhere() {
    // The full name is written once, not as a speaker; the short forms that speak later
    // (the last part of a transliterated or Latin name) stand for it, pronouns too.
    let s = run(
        "x",
        &[
            p("出演过多部电影的安娜·卡列尼娜上周出席了首映礼。"),
            p("卡列尼娜表示：“这个角色很难演。”"),
            p("她还说：“我会继续努力。”"),
            p("公司CEO Maria Lopez为公司工作了十年。"),
            p("Lopez指出，“我们今年会扩大招聘。”"),
            // English prose is not a name (`As Docker gains …`).
            p("原文标题：As Acme gains momentum, it hauls in money"),
            p("Acme表示，“融资已经完成。”"),
        ],
    );
    let who = speakers(&s);
    assert_eq!(
        who,
        ["安娜·卡列尼娜", "安娜·卡列尼娜", "Maria Lopez", "Acme"],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn quoted_sentences_after_a_quote_go_on_quoting_the_speaker() {
    let s = run(
        "x",
        &[
            p("周明表示：“今年的目标已经完成。”"),
            // A quoted sentence inside a paragraph that names nobody: still 周明.
            p("公司今年扩张很快。“明年我们会开设二十家新店。”"),
            // A quoted term inside a sentence is no speech.
            p("这项“春风计划”已经覆盖全省。"),
        ],
    );
    assert_eq!(
        quoted(&s),
        [
            ("周明".into(), "person", "今年的目".into()),
            ("周明".into(), "person", "明年我们".into()),
        ]
    );
    assert_eq!(s.quotes[1].cue, "continued");
}

#[test]
fn a_titled_person_opens_a_new_attribution_inside_reported_words() {
    let s = run(
        "x",
        &[
            p("事件发生后，多国政府接连发声谴责，英国外交大臣韦伯2日表示，英方将提供援助。"),
            // An organisation reported inside someone's words stays inside them.
            p("发言人赵明回应称，中方表示严重关切。"),
        ],
    );
    assert_eq!(
        quoted(&s),
        [
            ("韦伯".into(), "person", "英方将提".into()),
            ("赵明".into(), "person", "中方表示".into()),
        ]
    );
}

#[test]
fn names_written_with_a_dot_and_latin_names_keep_their_bounds() {
    let s = run(
        "x",
        &[
            p("埃隆·马斯克说：“我们很满意。”"),
            p("特斯拉首席执行官埃隆·马斯克表示：“产能还会提高。”"),
            // Capitalised words that are no name stay out of it.
            p("The CEO Of Acme Inc Tim Cook说：“销量创了新高。”"),
            // Words without a letter or digit are no quote.
            p("王五说：”"),
        ],
    );
    let got: Vec<(&str, Option<&str>)> = s
        .quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.speaker_title.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            // The title is the document's for that person, from any mention.
            ("埃隆·马斯克", Some("特斯拉首席执行官")),
            ("埃隆·马斯克", Some("特斯拉首席执行官")),
            ("Tim Cook", Some("The CEO Of Acme Inc")),
        ]
    );
}

#[test]
fn huge_lines_are_not_read_for_quotes_and_the_registry_is_bounded() {
    // A line of more than 20,000 bytes is no prose: its cues are not read, even a real one
    // (reading every quotation pair of such a line against every other took seconds).
    let padding = "“好”".repeat(5_000);
    let s = run("x", &[p(&format!("张三说：“今天的会议很重要。”{padding}"))]);
    assert!(s.quotes.is_empty(), "{:#?}", s.quotes);
    let s = run("x", &[p("张三说：“今天的会议很重要。”")]);
    assert_eq!(s.quotes.len(), 1);
    // A registry keeps at most 300 names (5,000 distinct speakers were compared with each
    // other for every sentence); the quotes are still found, each with its own speaker.
    let mut r = speakers::Registry::default();
    for i in 0..1_000u32 {
        let name = format!("张{}", char::from_u32(0x4e00 + i).unwrap());
        r.learn(&speakers::Who {
            name: name.clone(),
            key: name,
            title: None,
            org: None,
            kind: SpeakerType::Person,
        });
    }
    assert_eq!(r.known.len(), 300);
    let many: Vec<Block> = (0..1_000u32)
        .map(|i| {
            p(&format!(
                "记者张{}说：“今天的会议很重要。”",
                char::from_u32(0x4e00 + i).unwrap()
            ))
        })
        .collect();
    let s = run("x", &many);
    // (A few generated names are no names to the segmenter, `张不`.)
    assert!(s.quotes.len() >= 990, "{}", s.quotes.len());
}

#[test]
fn latin_words_written_in_the_text_are_no_antecedents() {
    // `Digital Age` is written as a Latin full name would be; it may complete a last name met
    // alone, but a pronoun does not refer to it.
    let s = run(
        "x",
        &[
            p("王芳回应，希望政府多了解网络。"),
            p("有人把这个时代叫作Digital Age。"),
            p("她又表示，会继续关注这件事。"),
        ],
    );
    let who = speakers(&s);
    assert_eq!(who, ["王芳", "王芳"], "{:#?}", s.quotes);
}

#[test]
fn latin_names_with_diacritics_and_long_latin_titles() {
    // Letters with diacritics are letters of a name (`José Núñez`, `Zoë Ørsted`); a Latin word
    // counts as one character of a speaker phrase, so a long organisation name before the
    // title does not make the phrase too long.
    let s = run(
        "x",
        &[
            p("“系统上线后故障少了很多。”</p>"),
            p("——José Núñez Peña，某银行首席架构师"),
            p(
                "Northwind Global Logistics Services公司安全总监Zoë Ørsted表示，“我们已经完成迁移。”",
            ),
            p("Ørsted补充说：“明年还会扩大规模。”"),
        ],
    );
    let got: Vec<(&str, &str)> = s
        .quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.speaker_type.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("José Núñez Peña", "person"),
            ("Zoë Ørsted", "person"),
            ("Zoë Ørsted", "person"),
        ],
        "{:#?}",
        s.quotes
    );
    assert_eq!(
        s.quotes[1].speaker_title.as_deref(),
        Some("Northwind Global Logistics Services公司安全总监")
    );
}

#[test]
fn a_question_in_quotation_marks_is_quoted_and_a_bare_ask_is_not() {
    let s = run(
        "x",
        &[
            p("有买家问“这批货什么时候到”，店员称“下周一”。"),
            p("李建国问：“为什么还没有退款？”"),
            // `问` without quotation marks is no cue (`问他`, `问题`, `访问`).
            p("记者问他此事的进展，他没有回答。"),
            p("这个问题“很复杂”。"),
            // A word that ends in `问` is no cue (`慰问`, `访问`, `质问`, `学问`).
            p("省委书记慰问“两节”期间坚守岗位的职工。"),
            p("用户可访问“国家政务服务平台”办理业务。"),
        ],
    );
    assert_eq!(
        quoted(&s),
        [
            ("买家".into(), "unnamed", "这批货什".into()),
            ("店员".into(), "unnamed", "下周一".into()),
            ("李建国".into(), "person", "为什么还".into()),
        ],
        "{:#?}",
        s.quotes
    );
    assert_eq!(s.kind, DocKind::Article);
    assert!(s.pairs.is_empty());
}

#[test]
fn a_colon_before_quoted_words_gives_them_to_the_clause_subject() {
    // No speech verb: the subject of the clause that the colon ends says the words.
    let s = run(
        "x",
        &[
            p("陈思远在个人主页上的签名一直是：“慢慢来，比较快。”"),
            p("物业经理同时也和居民聊起了停车的难处：“车位确实不够。”"),
            p("她随后在群里补了一句：“大家别着急。”"),
            // A subject that names nobody, or no subject at all: no quote.
            p("原标题：“三问菜价”"),
            p("主要措施包括：“限时限量”和“错峰供应”。"),
            p("海报上写着：“欢迎光临”。"),
            // Naming, passives, awards, choices: no speech.
            p("钟南山被称为：“国士”。"),
            p("张伟最终选择了：“放弃”。"),
            p("阿里巴巴集团将其命名为：“双十一”。"),
            p("百度百科显示：“该公司成立于2010年。”"),
            // `和` before a noun joins the subject to it; it is no part of the name.
            p("王芳和记者聊起了往事：“那时候很苦。”"),
        ],
    );
    assert_eq!(
        quoted(&s),
        [
            ("陈思远".into(), "person", "慢慢来，".into()),
            ("物业经理".into(), "unnamed", "车位确实".into()),
            // The pronoun is the last person named.
            ("陈思远".into(), "person", "大家别着".into()),
            ("王芳".into(), "person", "那时候很".into()),
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn a_quote_paragraph_goes_to_the_person_named_after_the_last_quote() {
    // Named after the last quote and quoted before: the quoted paragraph is theirs.
    let s = run(
        "x",
        &[
            p("公司创始人王建华说：“招聘不会停。”"),
            p("星河公司表示，今年营收增长两成。"),
            p("王建华还承诺扩大招聘。"),
            p("“我们每周都会汇总招聘进展。”"),
        ],
    );
    let who = speakers(&s);
    assert_eq!(who, ["王建华", "星河公司", "王建华"], "{:#?}", s.quotes);
    // Only mentioned (never quoted): the last quote's speaker goes on.
    let s = run(
        "x",
        &[
            p("教练张伟说：“我们会全力以赴。”"),
            p("队长李明因伤缺席本场比赛。"),
            p("“他是球队的核心。”"),
        ],
    );
    let who = speakers(&s);
    assert_eq!(who, ["张伟", "张伟"], "{:#?}", s.quotes);
    // Named before the last quote: the quote's speaker goes on.
    let s = run(
        "x",
        &[
            p("王建华出席了发布活动。"),
            p("公司发言人李明表示：“营收增长两成。”"),
            p("“明年还会更好。”"),
        ],
    );
    let who = speakers(&s);
    assert_eq!(who, ["李明", "李明"], "{:#?}", s.quotes);
}

#[test]
fn a_gendered_pronoun_does_not_refer_to_a_name_of_the_other_sex() {
    let s = run(
        "x",
        &[
            p("陈阿婆说：“我每天都看盘。”"),
            p("他还和记者聊起了陈阿婆：“老人家心态很好。”"),
            p("她笑着说：“炒股是为了动脑子。”"),
            p("王先生说：“我也来看看。”"),
            p("她表示：“我们等了很久。”"),
        ],
    );
    let who = speakers(&s);
    // `他` cannot be 陈阿婆 and `她` cannot be 王先生: no quote rather than a wrong speaker.
    assert_eq!(who, ["陈阿婆", "陈阿婆", "王先生"], "{:#?}", s.quotes);
}

#[test]
fn surnames_the_segmenter_reads_as_measure_words_or_pronouns() {
    // `张/q 立新/d`, `何/r 平安`, `张/q 博士`: a surname the segmenter reads as a measure word or
    // pronoun still starts a name when no numeral precedes it.
    // (`张华` is named too: `张博士` is neither of the two for sure.)
    let s = run(
        "x",
        &[
            p("张华和同事出席了发布会。"),
            p("张立新表示：“今年的销量还会增长。”"),
            p("何平安说：“我们会继续投入。”"),
            p("张博士强调：“平台明年上线。”"),
            // `一张` after a numeral is a measure word; `他` is the last person named.
            p("他拿出一张纸说：“就这些。”"),
        ],
    );
    let who = speakers(&s);
    assert_eq!(
        who,
        ["张立新", "何平安", "张博士", "张博士"],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn a_quoted_term_before_the_cue_does_not_replace_the_reported_words() {
    // `“…”` earlier in the sentence than its cue is a quoted term, not the words: the verb is
    // not in the clause after its closing mark.
    let s = run(
        "x",
        &[p(
            "他回忆，“乒乓外交”是两国关系史上的一段佳话，王立群说，合作是双方唯一正确的选择。",
        )],
    );
    let got = said(&s);
    assert_eq!(
        got,
        [("王立群", "合作是双方唯一正确的选择。")],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn a_cue_ending_its_paragraph_with_a_colon_announces_the_next_one() {
    let quote = |text: &str| Block {
        kind: BlockKind::Blockquote,
        text: text.into(),
        lead: None,
    };
    let s = run(
        "x",
        &[
            // The words in quotation marks in the next paragraph.
            p("本报向市政府查询，市政府发言人回应指："),
            p("“本案经详细考虑后，决定不作检控。”"),
            // A blockquote after `如下：`; a negated verb (`没有逐一回答`) reports nothing.
            p("王立群没有逐一回答，他只回应如下："),
            quote("我们会在下月公布完整的报告。"),
            // A plain paragraph after the colon is narrative: nothing.
            p("李华表示："),
            p("会议随后结束，各方没有再发言。"),
            // The announcement does not carry past the next paragraph.
            p("张明说："),
            p("会场一度安静。"),
            p("“这是另一件事。”"),
        ],
    );
    let got = said_kind(&s);
    assert_eq!(
        got,
        [
            ("市政府发言人", "direct", "本案经详细考虑后，决定不作检控。"),
            ("王立群", "direct", "我们会在下月公布完整的报告。"),
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn connectors_and_adverbs_around_a_known_name_are_not_part_of_it() {
    let s = run(
        "x",
        &[
            p("历史学者刘志明作供时表示，传单内容属实。"),
            // A two-character connector before a pronoun (`此` alone starts no speaker).
            p("此后他称“传单是我写的”，法官没有回应。"),
            // A short form with an adverb the segmenter joins to it (`刘则`).
            p("刘则说“这只是口号”。"),
            // A connector and an adverb on both sides of the short form.
            p("但刘只多次说：会继续配合调查。"),
            // After a copula or an agent marker the name is the slogan's author, not the
            // speaker of the words that follow.
            p("陈小姐说，部分人有喊这句口号，而口号是2016年由刘志明提出，“但现在的意思一样吗？”"),
            // A relative clause with 被 qualifies the speaker (`被投诉的社区书记`).
            p("被投诉的社区书记竟公然宣称“我有一百个办法”。"),
            // A negated verb reports nothing; a clause of adverbs only is the sentence
            // subject's.
            p("刘志明没有正面回应，只称部分人还未完成程序。"),
        ],
    );
    let got: Vec<(&str, String)> = s
        .quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.quote.chars().take(4).collect()))
        .collect();
    let want: Vec<(&str, String)> = [
        ("刘志明", "传单内容"),
        ("刘志明", "传单是我"),
        ("刘志明", "这只是口"),
        ("刘志明", "会继续配"),
        ("陈小姐", "部分人有"),
        ("社区书记", "我有一百"),
        ("刘志明", "部分人还"),
    ]
    .iter()
    .map(|(a, b)| (*a, b.to_string()))
    .collect();
    assert_eq!(got, want, "{:#?}", s.quotes);
}

#[test]
fn words_first_before_a_cue_with_reported_words_are_a_quote_of_their_own() {
    let s = run(
        "x",
        &[
            // `“甲。”X称，乙。`: 甲 is X's direct quote, 乙 the reported words.
            p("“多数项目的资金已经到位。”张立群称，公司正在协调各方，以缓解压力。"),
            // Quoted terms are no words: after `的`, or short and not a sentence; `令人发指`
            // is no cue (`speech.not_cue_words`).
            p("王小明的“特务监校”行为令人发指，李华说，学校是教育场所。"),
            p("“爆眼教师”赵一鸣曾在书中质疑，教育界连讨论都不敢。"),
            // A dash after a quoted term explains it; it is no attribution line.
            p("后果却要其他干部来“买单”——他们要花百倍的努力。"),
        ],
    );
    let got: Vec<(&str, &str, String)> = s
        .quotes
        .iter()
        .map(|q| {
            (
                q.speaker.as_str(),
                q.kind.as_str(),
                q.quote.chars().take(4).collect(),
            )
        })
        .collect();
    let want: Vec<(&str, &str, String)> = [
        ("张立群", "direct", "多数项目"),
        ("张立群", "indirect", "公司正在"),
        ("李华", "indirect", "学校是教"),
        ("赵一鸣", "indirect", "教育界连"),
    ]
    .iter()
    .map(|(a, b, c)| (*a, *b, c.to_string()))
    .collect();
    assert_eq!(got, want, "{:#?}", s.quotes);
}

#[test]
fn someone_else_reported_after_a_labelled_interview_is_narrative_not_an_answer() {
    let s = run(
        "对话李华：城市更新不是推倒重来",
        &[
            p("近日，某某新闻专访了城市规划学者李华。"),
            bold_label("某某新闻：", "旧城改造最难的是什么？"),
            bold_label("李华：", "最难的是让居民留下来。"),
            bold_label("某某新闻：", "钱从哪里来？"),
            bold_label("李华：", "政府出一部分，社会资本出一部分。"),
            // After the last answer, the article reports what an official said elsewhere.
            p("规划局局长王建国表示，明年将出台新的更新条例。"),
        ],
    );
    // The same with `问：`/`答：` labels.
    let t = run(
        "专访：城市更新",
        &[
            p("本报专访城市规划学者李华。"),
            bold_label("问：", "旧城改造最难的是什么？"),
            bold_label("答：", "最难的是让居民留下来。"),
            bold_label("问：", "钱从哪里来？"),
            bold_label("答：", "政府出一部分，社会资本出一部分。"),
            p("规划局局长王建国表示，明年将出台新的更新条例。"),
        ],
    );
    assert_eq!(t.pairs.len(), 2, "{:#?}", t.pairs);
    assert!(
        t.quotes.iter().any(|q| q.speaker == "王建国"),
        "{:#?}",
        t.quotes
    );
    assert_eq!(s.kind, DocKind::Interview);
    let answerers: Vec<Option<&str>> = s.pairs.iter().map(|p| p.answerer.as_deref()).collect();
    assert_eq!(answerers, [Some("李华"), Some("李华")], "{:#?}", s.pairs);
    assert!(
        s.quotes
            .iter()
            .any(|q| q.speaker == "王建国" && q.quote.starts_with("明年将出台")),
        "{:#?}",
        s.quotes
    );
}

#[test]
fn break_test_mends_negation_passive_cleft_and_colon_forms() {
    let s = run(
        "x",
        &[
            // A negator several words before the verb still negates it.
            p("王立群没有就此事公开回应，只称政府会研究。"),
            // The agent of a passive verb speaks, not the subject: no quote for 王立群.
            p("王立群被李华指责，“你根本不懂”。"),
            // A cleft names the speaker; `是` is no part of a title.
            p("当时是王立群说：“我们必须改革。”"),
            // The writer's own voice is nobody's quote.
            p("这些经历，令我今天可以大胆说：“我懂得这座城市。”"),
        ],
    );
    let got: Vec<(&str, Option<&str>, Option<&str>, String)> = s
        .quotes
        .iter()
        .map(|q| {
            (
                q.speaker.as_str(),
                q.speaker_title.as_deref(),
                q.speaker_org.as_deref(),
                q.quote.chars().take(4).collect(),
            )
        })
        .collect();
    let want: Vec<(&str, Option<&str>, Option<&str>, String)> = vec![
        ("王立群", None, None, "政府会研".into()),
        ("王立群", None, None, "我们必须".into()),
    ];
    assert_eq!(got, want, "{:#?}", s.quotes);
}

#[test]
fn announced_words_yield_to_their_own_attribution_and_read_hong_kong_colons() {
    let quote = |text: &str| Block {
        kind: BlockKind::Blockquote,
        text: text.into(),
        lead: None,
    };
    let s = run(
        "x",
        &[
            // The presentation-form colon `︰` of Hong Kong text is a colon.
            p("保安局局長鄧炳強表示︰"),
            p("「警方會嚴正執法。」"),
            // The next paragraph names its own speaker after the words: theirs.
            p("汪文斌表示："),
            p("“中方坚决反对。”赵立坚补充说。"),
            // Each paragraph of an announced blockquote.
            p("外交部发言人汪文斌表示："),
            quote("中方坚决反对。"),
            quote("我们将采取必要措施。"),
        ],
    );
    let got = said(&s);
    assert_eq!(
        got,
        [
            ("鄧炳強", "警方會嚴正執法。"),
            ("赵立坚", "中方坚决反对。"),
            ("汪文斌", "中方坚决反对。"),
            ("汪文斌", "我们将采取必要措施。"),
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn a_lone_reporters_question_in_a_report_is_narrative() {
    let body = [
        p("本市今年将新建十个公园，预计年底前完工。"),
        p("市园林局局长王建国介绍，新公园将以社区公园为主。"),
        p("记者问：“资金从哪里来？”王建国说，资金由市区两级财政共同承担。"),
        p("据了解，这些公园将免费开放。"),
    ];
    let s = run("本市今年将新建十个公园", &body);
    assert_eq!(s.kind, DocKind::Article, "{:#?}", s.turns);
    assert!(s.pairs.is_empty(), "{:#?}", s.pairs);
    assert!(
        s.quotes
            .iter()
            .any(|q| q.speaker == "王建国" && q.quote.starts_with("新公园")),
        "{:#?}",
        s.quotes
    );
    // The same question in a document that calls itself an interview stays one.
    let t = run("专访市园林局局长王建国：十个新公园", &body);
    assert_eq!(t.kind, DocKind::Interview);
    assert_eq!(t.pairs.len(), 1);
}

#[test]
fn a_quotation_after_a_sentence_naming_someone_is_theirs() {
    let s = run(
        "x",
        &[
            p("基金经理王建国表示，市场仍有结构性机会。"),
            p("本次论坛共有三个环节。"),
            p("第一个环节讨论了产业链。"),
            p("第二个环节讨论了消费。"),
            // Nobody quoted just before; the paragraph names a person before the quotation.
            p(
                "王建国首先介绍了他的投资框架，其策略是配置代表未来方向的行业。“供需格局是判断景气变化方向的主要抓手。”",
            ),
            // A quoted phrase inside a sentence is no speech.
            p("张立群说明了计划。这一“双碳”目标需要各方配合完成。"),
        ],
    );
    let got = said(&s);
    assert_eq!(
        got,
        [
            ("王建国", "市场仍有结构性机会。"),
            ("王建国", "供需格局是判断景气变化方向的主要抓手。")
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn a_subject_and_its_verb_before_a_colon_say_the_quoted_words() {
    let s = run(
        "x",
        &[
            // Verbs outside the speech-verb list, in both scripts.
            p("区议员陈大文怒斥：“这种做法完全不可接受。”"),
            p("校長何美玲慨嘆：「香港已經變咗。」"),
            p("网友周小北调侃：“谁来负责？”"),
            // The verb's addressee before the colon is not part of the words.
            p("议员李国伟批评政府：“你们完全没有做事！”"),
            p("分析师陈国栋提醒投资者：“不要盲目追高。”"),
            // A reply verb joined to `指`/`称` with nothing between is one cue; the short
            // form before it is the person named earlier.
            p("民主黨主席羅健熙今日表示，政府做法不當。"),
            p("羅回應指：「我們的立場從來沒有改變。」"),
            // An outlet's report, a document's text, a noun before the colon: no speech.
            p("本地电台其后报道：“事件已经平息，各方同意再谈。”"),
            p("陈大文的微博：“今天很开心。”"),
            p("门口的告示写着：“闲人免进。”"),
        ],
    );
    assert_eq!(
        said(&s),
        [
            ("陈大文", "这种做法完全不可接受。"),
            ("何美玲", "香港已經變咗。"),
            ("周小北", "谁来负责？"),
            ("李国伟", "你们完全没有做事！"),
            ("陈国栋", "不要盲目追高。"),
            ("羅健熙", "政府做法不當。"),
            ("羅健熙", "我們的立場從來沒有改變。"),
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn words_after_another_introducer_s_colon_are_not_a_later_cue_s() {
    let s = run(
        "x",
        &[
            p("示威者高叫口號：「撤回條例！」李國偉說：「我會轉達訴求。」"),
            p("主持人問：「你會否參選？」陳大文回答：「暫時未有決定。」"),
        ],
    );
    assert_eq!(
        said(&s),
        [
            ("李國偉", "我會轉達訴求。"),
            ("主持人", "你會否參選？"),
            ("陳大文", "暫時未有決定。")
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn a_quotation_split_by_its_cue_is_one_quote_of_both_parts() {
    let s = run(
        "x",
        &[
            p("保安局局長李家超今日表示，警方會嚴正執法。"),
            // Cue then colon between the parts.
            p("「我們不會容忍暴力。」他說：「任何人違法都會被追究。」"),
            // Cue then comma.
            p("“我们会继续跟进，”王芳表示，“请大家放心。”"),
            // The words after the colon are not quoted: a quote of their own (indirect).
            p("“这份报告的结论经得起检验。”张三说：政府应该检讨。"),
        ],
    );
    assert_eq!(
        said_kind(&s),
        [
            ("李家超", "indirect", "警方會嚴正執法。"),
            (
                "李家超",
                "direct",
                "我們不會容忍暴力。任何人違法都會被追究。"
            ),
            ("王芳", "direct", "我们会继续跟进，请大家放心。"),
            ("张三", "direct", "这份报告的结论经得起检验。"),
            ("张三", "indirect", "政府应该检讨。"),
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn a_possessive_pronoun_names_someone_else_and_a_title_prefix_opens_the_subject() {
    let s = run(
        "x",
        &[
            p("中聯辦副主任譚鐵牛在會上強調：「一國兩制行穩致遠。」"),
            // `她的代表律師`, `他的母親`: not the person named before.
            p("她的代表律師在庭上指：「被告深感後悔。」"),
            p("他的母親哭着說：「我只想兒子平安。」"),
            // The pronoun itself still refers back.
            p("他在會上說：「我們會處理。」"),
            // `前`/`原` before a title, then time, place and manner before the verb.
            p("前特首梁振英昨日在社交網站撰文表示，「港獨必須打擊」。"),
            p("原财政部长楼继伟日前在论坛上发言表示，财政政策要更积极。"),
        ],
    );
    assert_eq!(
        said(&s),
        [
            ("譚鐵牛", "一國兩制行穩致遠。"),
            ("代表律師", "被告深感後悔。"),
            ("母親", "我只想兒子平安。"),
            ("譚鐵牛", "我們會處理。"),
            ("梁振英", "港獨必須打擊"),
            ("楼继伟", "财政政策要更积极。"),
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn the_outlet_the_opening_names_as_interviewer_asks_the_questions() {
    let outlets = |s: &Speech| -> Vec<String> {
        s.pairs
            .iter()
            .map(|p| p.questioner_org.clone().unwrap_or_default())
            .collect()
    };
    // Labels `記：` with no legend and no byline outlet: the opening's `在X的訪問中` names it.
    let s = run(
        "x",
        &[
            p("前區議員周志明日前離港。他在明鏡日報的訪問中說，離開的念頭已有幾個月。"),
            bold("記：你何時決定離開？"),
            p("周：大約一個月前，情況轉差之後。"),
            bold("記：家人知道嗎？"),
            p("周：他們一直都知道。"),
        ],
    );
    assert_eq!(outlets(&s), ["明鏡日報"; 2]);
    // A label that starts the outlet's name is the outlet (`東：` after `接受東方時報專訪`).
    let s = run(
        "x",
        &[
            p("作家林小雲接受東方時報專訪，談新書。"),
            p("東：新書寫了什麼？"),
            p("林：寫我母親的一生。"),
            p("東：寫了多久？"),
            p("林：三年。"),
        ],
    );
    assert_eq!(outlets(&s), ["東方時報"; 2]);
    // The media in general or a place are no interviewer.
    let s = run(
        "x",
        &[
            p("作家林小雲在北京接受傳媒訪問，談新書。"),
            p("問：新書寫了什麼？"),
            p("答：寫我母親的一生。"),
        ],
    );
    assert!(
        s.pairs.iter().all(|p| p.questioner_org.is_none()),
        "{:?}",
        pairs_of(&s)
    );
}

#[test]
fn given_names_the_segmenter_splits_stay_whole() {
    // `陈家/nrfg 明/a`, `黄家/n 明/a`: `明` is a given name's character, not `明天`.
    let s = run(
        "x",
        &[
            p("陈家明说，今年的订单比去年多。"),
            p("黄家明表示，市场仍有压力。"),
            p("李华明天将出席论坛。"),
        ],
    );
    assert_eq!(
        said(&s),
        [
            ("陈家明", "今年的订单比去年多。"),
            ("黄家明", "市场仍有压力。")
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn pronouns_refer_to_people_sentences_open_with_and_agree_in_gender() {
    // A person a sentence opens with, who is nobody's speaker yet.
    let s = run(
        "x",
        &[p(
            "王建平昨天出席了股东大会。他在会上表示，今年公司销量有望突破300万辆。",
        )],
    );
    assert_eq!(
        said(&s),
        [("王建平", "今年公司销量有望突破300万辆。")],
        "{:#?}",
        s.quotes
    );
    // The document refers to 何美玲 as 她: a later 他 is not her but the man named before.
    let s = run(
        "x",
        &[
            p("何美玲當年在教育局任職，她早前獲委任為局長。"),
            p("陳大偉批評，教材偏頗。此外，何美玲當年只屬中低級職員。他補充，得票減少。"),
        ],
    );
    assert_eq!(
        said(&s),
        [("陳大偉", "教材偏頗。"), ("陳大偉", "得票減少。")],
        "{:#?}",
        s.quotes
    );
    // No gender is learned from a pronoun after someone else's name or inside reported words.
    let s = run(
        "x",
        &[
            p("李国伟昨天会见了陈美玲，并向她了解居民的意见。他表示，会跟进事件。"),
            p("王建平昨天谈到女儿时说，她一直很努力。他表示，女儿明年会出国读书。"),
        ],
    );
    let got = said(&s);
    assert!(got.contains(&("李国伟", "会跟进事件。")), "{got:?}");
    assert!(got.contains(&("王建平", "女儿明年会出国读书。")), "{got:?}");
    // An organisation the segmenter tags as a person (`乐施会/nr`) is no antecedent.
    let s = run(
        "x",
        &[p(
            "香港乐施会上周接获715人要求停止捐款。本网向香港乐施会传讯部主管徐国伟查询。他表示，监察重点在财务。",
        )],
    );
    assert!(
        said(&s).iter().all(|(who, _)| !who.contains("乐施会")),
        "{:#?}",
        s.quotes
    );
}

#[test]
fn a_name_in_quotation_marks_inside_the_speaker_phrase_is_part_of_it() {
    let s = run(
        "x",
        &[
            p("商务部部长王文涛在“部长通道”上表示，市场信心正在逐步恢复。"),
            p("李國偉接受「眾新聞」訪問時說：「香港經濟有望喺下半年復蘇。」"),
            p("王文涛日前在“2022中国发展高层论坛”上发表演讲时指出，外资对中国市场充满信心。"),
            // Who speaks is the name in the marks: no speaker phrase of its own.
            p("林大文引述「陳幫辦」指，警方在該段時間並沒有出隊。"),
            // `下称`, `是指` are no cues.
            p("公司与北京某科技集团有限公司（下称“某集团”）签订了协议。"),
            p("他所追求的“独立”是指可以自由地选择交往对象。"),
        ],
    );
    assert_eq!(
        said(&s),
        [
            ("王文涛", "市场信心正在逐步恢复。"),
            ("李國偉", "香港經濟有望喺下半年復蘇。"),
            ("王文涛", "外资对中国市场充满信心。"),
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn a_verb_negated_by_bing_wu_reports_nothing() {
    let s = run(
        "x",
        &[
            p("民主黨主席李國偉今日表示，會繼續爭取。"),
            p("李國偉並無透露具體時間表。"),
            p("李國偉無透露具體時間表，只表示會盡快公布。"),
        ],
    );
    assert_eq!(
        said(&s),
        [("李國偉", "會繼續爭取。"), ("李國偉", "會盡快公布。")],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn a_connector_verb_after_a_comma_is_the_sentence_subjects_next_attribution() {
    let s = run(
        "x",
        &[
            p("民主黨主席李國偉今日表示，經濟會好轉，又指政府應減稅。"),
            p("李國偉到訪灣仔街市，並表示政府會加強支援小商戶。"),
            // Not a clause of the quoted words, nor a negated phrase's adverbs.
            p("有人說「李國偉做得很好」，並稱要支持他。"),
            p("即便如此，也不是说政府应该退出。"),
            // Someone else's clause, or a passive one, before the connector: not the opener's.
            p("李國偉昨日到訪灣仔街市，商戶們紛紛向他訴苦，又指租金太貴。"),
            p("陳大明昨日在灣仔被警方拘捕，並指他涉嫌盜竊。"),
        ],
    );
    assert_eq!(
        said_kind(&s),
        [
            ("李國偉", "indirect", "經濟會好轉"),
            ("李國偉", "indirect", "政府應減稅。"),
            ("李國偉", "indirect", "政府會加強支援小商戶。"),
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn organisations_the_segmenter_tags_as_people_are_organisations() {
    // `华为/nr`, `白宫/nr`: names of the configured organisation list.
    let s = run(
        "x",
        &[
            p("华为表示，将继续投入研发。"),
            p("白宫官员宣称，制裁的影响可以控制。"),
            p("白宫表示，总统将出席峰会。"),
        ],
    );
    let got: Vec<(&str, &str)> = s
        .quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.speaker_type.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("华为", "organisation"),
            ("白宫官员", "unnamed"),
            ("白宫", "organisation")
        ],
        "{:#?}",
        s.quotes
    );
}

/// Each pair's answerer and their title.
fn answerers(s: &Speech) -> Vec<(Option<&str>, Option<&str>)> {
    s.pairs
        .iter()
        .map(|p| (p.answerer.as_deref(), p.answerer_title.as_deref()))
        .collect()
}

/// Each quote's speaker and speaker type.
fn typed(s: &Speech) -> Vec<(&str, &str)> {
    s.quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.speaker_type.as_str()))
        .collect()
}

/// Each quote's speaker and words.
fn spoken(s: &Speech) -> Vec<(&str, &str)> {
    s.quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.quote.as_str()))
        .collect()
}

#[test]
fn a_role_of_a_demonstrated_organisation_speaks_for_the_one_named_before() {
    // `该公司相关负责人`, `该公司一位高管`: an unnamed source (the role) of the organisation the
    // demonstrative refers back to; with nothing named before, the phrase stays whole.
    for (paras, role, org) in [
        (
            [
                "记者联系了恒达科技公司。",
                "该公司相关负责人表示，目前生产经营一切正常。",
            ],
            "负责人",
            Some("恒达科技公司"),
        ),
        (
            [
                "记者走访了华信银行。",
                "该行相关负责人表示，相关业务正常办理。",
            ],
            "负责人",
            Some("华信银行"),
        ),
        (
            [
                "记者联系了恒达科技公司。",
                "该公司一位高管对记者表示，公司没有裁员计划。",
            ],
            "高管",
            Some("恒达科技公司"),
        ),
        (
            ["本报讯。", "该公司相关负责人表示，目前生产经营一切正常。"],
            "该公司相关负责人",
            None,
        ),
    ] {
        let s = run("新闻", &[p(paras[0]), p(paras[1])]);
        assert_eq!(
            s.quotes
                .iter()
                .map(|q| (q.speaker.as_str(), q.speaker_org.as_deref(), q.speaker_type))
                .collect::<Vec<_>>(),
            [(role, org, SpeakerType::Unnamed)],
            "{}",
            paras[1]
        );
    }
}

#[test]
fn a_verb_after_a_connector_and_quote_first_verbs_of_manner() {
    // `X看了看窗外，接着说：“…”` (随后, 然后): only a connector before the verb, after a
    // comma — the subject of the clause before says it.
    for (text, speaker) in [
        ("张伟看了看窗外，接着说：“明天再谈。”", "张伟"),
        ("张伟看了看窗外，随后说：“明天再谈。”", "张伟"),
        ("李明想了想，然后说：“可以。”", "李明"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, "person")], "{text}");
    }
    // Words first, then a verb of manner (打趣道, 坦陈, 直呼).
    for (text, speaker, cue) in [
        ("“这下可热闹了。”王师傅打趣道。", "王师傅", "打趣道"),
        ("“压力确实很大。”刘敏坦陈。", "刘敏", "坦陈"),
        ("“太贵了！”不少网友直呼。", "网友", "直呼"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(
            s.quotes
                .iter()
                .map(|q| (q.speaker.as_str(), q.cue.as_str(), q.kind))
                .collect::<Vec<_>>(),
            [(speaker, cue, QuoteKind::Direct)],
            "{text}"
        );
    }
    // A commitment (`承诺`, `保证`: nouns as often as verbs) is no cue.
    for text in ["公司承诺的分红没有兑现。", "质量保证，是企业的生命线。"]
    {
        assert!(run("x", &[p(text)]).quotes.is_empty(), "{text}");
    }
}

/// Each quote's speaker and, by `field`, its title or organisation.
fn speakers_with(s: &Speech, field: fn(&Quote) -> Option<&str>) -> Vec<(&str, Option<&str>)> {
    s.quotes
        .iter()
        .map(|q| (q.speaker.as_str(), field(q)))
        .collect()
}

/// Two exchanges under `ask`/`answer` labels after `opening`.
fn exchange(title: &str, opening: &[&str], ask: &str, answer: [&str; 2]) -> Speech {
    let mut blocks: Vec<Block> = opening.iter().map(|t| p(t)).collect();
    blocks.extend([
        p(&format!("{ask}：今年的经济形势怎么样？")),
        p(&format!("{}：会逐步好起来。", answer[0])),
        p(&format!("{ask}：主要的风险在哪里？")),
        p(&format!("{}：外部需求仍然偏弱。", answer[1])),
    ]);
    run(title, &blocks)
}

#[test]
fn an_answerers_title_is_the_noun_phrase_before_the_name_not_the_clause() {
    // The name is the object of a clause: the clause is no part of the title.
    for (opening, name, title) in [
        (
            "本报记者日前专访了中国人民大学经济学院教授王强。",
            "王强",
            "中国人民大学经济学院教授",
        ),
        ("记者昨天采访了市长王强。", "王强", "市长"),
        ("日前，记者走访了驻华大使王强。", "王强", "驻华大使"),
        ("记者专访公司执行董事王强。", "王强", "公司执行董事"),
        // A verb inside an organisation's name is no clause.
        (
            "记者专访北京大学第一医院感染疾病科主任王强。",
            "王强",
            "北京大学第一医院感染疾病科主任",
        ),
        // A speech verb the segmenter tags as a noun (`質問/n`) ends the clause too.
        (
            "民主黨議員涂謹申今日就僭建問題質問律政司司長王強。",
            "王強",
            "律政司司長",
        ),
        // A married name in the Hong Kong way (`葉/nr 劉淑儀/nrfg`).
        (
            "新民黨主席葉劉淑儀日前接受本報專訪。",
            "葉劉淑儀",
            "新民黨主席",
        ),
        // A Hong Kong variant character in the name (`衞`).
        (
            "本報記者日前專訪了政制及內地事務局局長曾國衞。",
            "曾國衞",
            "政制及內地事務局局長",
        ),
    ] {
        let s = exchange("x", &[opening], "记者", [name, name]);
        assert_eq!(answerers(&s), [(Some(name), Some(title)); 2], "{opening}");
    }
    // A conjunction after a name parts two people's phrases; a former post gives way to the
    // present one.
    let s = exchange(
        "x",
        &["国家统计局副局长王建平和新闻发言人付凌晖出席发布会并回答记者提问。"],
        "记者",
        ["付凌晖", "王建平"],
    );
    assert_eq!(
        answerers(&s),
        [
            (Some("付凌晖"), Some("新闻发言人")),
            (Some("王建平"), Some("国家统计局副局长"))
        ]
    );
    let s = exchange(
        "专访",
        &["王强，曾任财政部副部长，现任中国财政学会会长，日前接受本报专访。"],
        "记者",
        ["王强", "王强"],
    );
    assert_eq!(answerers(&s)[0], (Some("王强"), Some("中国财政学会会长")));
    // `及` inside a bureau's name is part of it; between two people's phrases it parts them.
    let s = exchange(
        "x",
        &["運輸及房屋局局長陳帆今日出席活動後會見傳媒。"],
        "記者",
        ["陳帆", "陳帆"],
    );
    assert_eq!(answerers(&s)[0], (Some("陳帆"), Some("運輸及房屋局局長")));
    let s = exchange(
        "x",
        &["教育局局长和市长李明今日出席活动后会见传媒。"],
        "记者",
        ["李明", "李明"],
    );
    assert_eq!(answerers(&s)[0], (Some("李明"), Some("市长")));
}

#[test]
fn titles_in_apposition_in_a_guest_line_and_in_the_headline() {
    // `王强（…教授）` and `王强，现任…教授。` in the opening.
    for opening in [
        "王强（中国人民大学经济学院教授）日前接受本报采访。",
        "王强，现任中国人民大学经济学院教授，长期研究宏观经济。",
    ] {
        let s = exchange("x", &[opening], "记者", ["王强", "王强"]);
        assert_eq!(
            answerers(&s),
            [(Some("王强"), Some("中国人民大学经济学院教授")); 2],
            "{opening}"
        );
    }
    // An opening introducing someone answers `答：` that name nobody.
    let s = exchange(
        "专访",
        &["王强，中国人民大学经济学院教授。"],
        "问",
        ["答", "答"],
    );
    assert_eq!(
        answerers(&s),
        [(Some("王强"), Some("中国人民大学经济学院教授")); 2]
    );
    // A guest line says who answers and is no turn.
    let s = exchange(
        "对话",
        &["受访者：王强（中国人民大学经济学院教授）"],
        "记者",
        ["王强", "王强"],
    );
    assert_eq!(s.turns.len(), 4, "{:#?}", s.turns);
    assert_eq!(
        answerers(&s)[0],
        (Some("王强"), Some("中国人民大学经济学院教授"))
    );
    // The headline's title for a person the body names without one.
    let s = exchange(
        "【專訪】前行會召集人林煥光：政府要重建信任",
        &["記者日前訪問了林煥光。"],
        "問",
        ["答", "答"],
    );
    assert_eq!(answerers(&s)[0], (Some("林煥光"), Some("前行會召集人")));
}

#[test]
fn introduced_people_answer_under_their_name_once_and_after_a_leading_adverbial() {
    // Two officials introduced in the opening, each answering once under their name: the
    // labels count once (雷正龙); a surname read as a verb after a title before a given name
    // read as an adverb (`副局长/n 饶/v 立新/d`).
    for (opening, first, second) in [
        (
            "在今天的新闻发布会上，国家卫生健康委疾控局副局长雷正龙，北京大学第一医院感染疾病科主任王贵强回答了记者提问。",
            ("雷正龙", "国家卫生健康委疾控局副局长"),
            ("王贵强", "北京大学第一医院感染疾病科主任"),
        ),
        (
            "财政部副部长许宏才、国家税务总局副局长饶立新出席发布会并答记者问。",
            ("饶立新", "国家税务总局副局长"),
            ("许宏才", "财政部副部长"),
        ),
    ] {
        let s = exchange("发布会", &[opening], "记者", [first.0, second.0]);
        assert_eq!(
            answerers(&s),
            [
                (Some(first.0), Some(first.1)),
                (Some(second.0), Some(second.1))
            ],
            "{opening}"
        );
    }
    // `对此，` before the answerer's cue.
    let s = run(
        "国新办举行新闻发布会",
        &[
            p("国务院新闻办公室7日举行新闻发布会，国家发展改革委副主任胡祖才出席并回答记者提问。"),
            p("有记者提问：今年的经济增长目标能否实现？"),
            p("对此，胡祖才回应称，今年经济增长目标是能够实现的。"),
        ],
    );
    assert_eq!(
        answerers(&s),
        [(Some("胡祖才"), Some("国家发展改革委副主任"))]
    );
    // A reported question ending its sentence, or put as `针对记者关于…的提问`.
    for asked in [
        "有记者问及如何稳定物价。对此，胡祖才回应称，我国有能力保持物价稳定。",
        "针对记者关于物价的提问，胡祖才回应称，我国有能力保持物价稳定。",
    ] {
        let s = run(
            "国新办发布会",
            &[
                p("国家发展改革委副主任胡祖才在发布会上介绍了有关情况。"),
                p(asked),
            ],
        );
        assert_eq!(
            answerers(&s),
            [(Some("胡祖才"), Some("国家发展改革委副主任"))],
            "{asked}"
        );
    }
    // A sentence after a quotation and an adverbial (`…。”随后，李明发表了讲话。`) opens with its
    // subject: the pronoun after it is theirs.
    let s = run(
        "x",
        &[p(
            "马化腾在演讲中说：“AI是百年一遇的机遇。”随后，李明发表了讲话。他说：“我们要保持谦逊。”",
        )],
    );
    assert_eq!(speakers(&s), ["马化腾", "李明"], "{:#?}", s.quotes);
    // A stop character read as an adjective ends a two-character name (`蔡子/nr 强/a`).
    let s = run("x", &[p("高级讲师蔡子强认为，政府要反思。")]);
    assert_eq!(said(&s), [("蔡子强", "政府要反思。")]);
    // Foreign names after a title however tagged (`总统/n 普京/ns`, `总理/nr 朔/j 尔茨/nrt`),
    // people called by surname (`老张`, `小/a 刘/zg`) — but `老师` is no name.
    let s = run(
        "x",
        &[
            p("俄罗斯总统普京说：“北约东扩威胁俄罗斯安全。”"),
            p("德国总理朔尔茨说：“这是一个时代转折点。”"),
            p("老张说：“现在年轻人都在网上买菜了。”"),
            p("“双十一那几天，一天要送四百多单。”小刘说。"),
            p("老师说：“明天考试。”"),
        ],
    );
    assert_eq!(
        typed(&s),
        [
            ("普京", "person"),
            ("朔尔茨", "person"),
            ("老张", "person"),
            ("小刘", "person"),
            ("老师", "unnamed")
        ],
        "{:#?}",
        s.quotes
    );
    // A surname read as a verb after a title word, before a given name read as a place.
    let s = run("x", &[p("研究所研究员包云岗表示，差距还在生态。")]);
    assert_eq!(said(&s), [("包云岗", "差距还在生态。")]);
}

#[test]
fn demonstratives_institution_sides_and_cantonese_verbs() {
    // `该公司` refers back to the organisation named last; `该…人士` is the unnamed source.
    let s = run(
        "x",
        &[
            p("微软表示，新版系统将于下月推送给所有用户。"),
            p("该公司证实，部分打印机在更新后无法正常工作。"),
            p("该营业部人士表示，线上交易已占九成以上。"),
        ],
    );
    assert_eq!(
        typed(&s),
        [
            ("微软", "organisation"),
            ("微软", "organisation"),
            ("营业部人士", "unnamed")
        ],
        "{:#?}",
        s.quotes
    );
    // The organisation named last, not the last that spoke; one only named too.
    let s = run(
        "x",
        &[
            p("微软表示，新系统将免费升级。"),
            p("与此同时，谷歌周二也发布了新版安卓系统。该公司表示，新系统将于下月推送。"),
        ],
    );
    assert_eq!(speakers(&s), ["微软", "谷歌"], "{:#?}", s.quotes);
    let s = run(
        "x",
        &[
            p("美国苹果公司周一发布新款手机。"),
            p("该公司表示，新机将于周五开售。"),
        ],
    );
    assert_eq!(speakers(&s), ["美国苹果公司"], "{:#?}", s.quotes);
    // An institution by one character after the demonstrative (`該行`, `该院`), as written.
    let s = run(
        "x",
        &[
            p("滙豐控股表示，全年盈利按年上升。"),
            p("恒生銀行昨日亦公布業績。該行表示，派息維持不變，股東可於下月收取股息。"),
            p("北京市第一人民医院发生医疗纠纷。该院表示，正配合调查。"),
            p("该校负责人表示，已报警处理。"),
        ],
    );
    assert_eq!(
        speakers(&s),
        ["滙豐控股", "恒生銀行", "人民医院", "该校负责人"],
        "{:#?}",
        s.quotes
    );
    // An institution's side (`院方`, `控方`) and a government's short name (`港府`).
    let s = run(
        "x",
        &[
            p("院方表示，病人目前情况稳定，仍在深切治疗部留医。"),
            p("控方指出，化验報告顯示二人曾有接觸。"),
            p("港府表示，會密切留意有關情況的發展。"),
        ],
    );
    assert_eq!(speakers(&s), ["院方", "控方", "港府"], "{:#?}", s.quotes);
    // Cantonese `話`/`講` after a name or `佢`; not the end of a noun (`一句古話，`).
    let s = run(
        "x",
        &[
            p("陳大文話，政府要交代清楚今次事件。"),
            p("佢話：「我哋一定會堅持落去。」"),
            p("結局印證了中國一句古話，一時強弱在於力。"),
            p("陳大文講，佢唔會放棄爭取。"),
        ],
    );
    assert_eq!(
        said(&s),
        [
            ("陳大文", "政府要交代清楚今次事件。"),
            ("陳大文", "我哋一定會堅持落去。"),
            ("陳大文", "佢唔會放棄爭取。")
        ],
        "{:#?}",
        s.quotes
    );
    // A question verb with its addressee before the colon (`質問局長：「…？」`).
    let s = run(
        "x",
        &[p("議員陳大文質問局長：「為何拖延這麼久才公布報告？」")],
    );
    assert_eq!(said(&s), [("陳大文", "為何拖延這麼久才公布報告？")]);
    // `评价说`, `点评：` attribute words (`这一评价说明了问题` does not).
    let s = run(
        "x",
        &[
            p("清华大学教授孙立平评价说：“他是我见过最勤奋的学生。”"),
            p("这一评价说明了问题。"),
        ],
    );
    assert_eq!(speakers(&s), ["孙立平"], "{:#?}", s.quotes);
    // Cantonese addressees: `同記者講`, `向記者話`.
    let s = run(
        "x",
        &[
            p("陳大文同記者講：「我哋真係好辛苦，每日都做到好夜。」"),
            p("陳大文向記者話，今年嘅生意難做咗好多，連舖頭租金都貴過舊年。"),
        ],
    );
    assert_eq!(speakers(&s), ["陳大文", "陳大文"], "{:#?}", s.quotes);
    // A time word and a place after the subject are adjuncts (`陳大文昨晚在Facebook發文`);
    // `反駁` attributes words before it.
    let s = run(
        "x",
        &[
            p("前立法會議員陳大文昨晚在Facebook發文，指政府做法不公。"),
            p("「這是不能接受的。」陳大文反駁。"),
        ],
    );
    assert_eq!(
        said(&s),
        [
            ("陳大文", "指政府做法不公。"),
            ("陳大文", "這是不能接受的。")
        ],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn an_outlet_in_title_marks_conducts_the_interview() {
    for opening in [
        "前行政會議召集人林煥光接受《明報》專訪，談到政府的管治問題。",
        "前行政會議召集人林煥光在《明報》的訪問中談到政府的管治問題。",
        "前行政會議召集人林煥光在《明報》專訪中表示，政府要重建信任。",
        "前行政會議召集人林煥光早前接受《明報》（Ming Pao）訪問。",
        "近日，《明報》專訪了前行政會議召集人林煥光。",
    ] {
        let s = exchange("專訪", &[opening], "問", ["答", "答"]);
        let rows: Vec<(Option<&str>, Option<&str>)> = s
            .pairs
            .iter()
            .map(|p| (p.questioner_org.as_deref(), p.answerer.as_deref()))
            .collect();
        assert_eq!(rows, [(Some("明報"), Some("林煥光")); 2], "{opening}");
    }
    // An outlet's label in title marks, and a reporter of an outlet (`新华社记者`).
    let s = exchange(
        "王强谈经济",
        &["中国人民大学教授王强日前接受《财经》杂志专访。"],
        "《财经》",
        ["王强", "王强"],
    );
    let orgs: Vec<Option<&str>> = s
        .pairs
        .iter()
        .map(|p| p.questioner_org.as_deref())
        .collect();
    assert_eq!(orgs, [Some("财经"); 2], "{:#?}", s.turns);
    let s = exchange(
        "x",
        &["王强日前接受新华社记者专访。"],
        "记者",
        ["王强", "王强"],
    );
    let orgs: Vec<Option<&str>> = s
        .pairs
        .iter()
        .map(|p| p.questioner_org.as_deref())
        .collect();
    assert_eq!(orgs, [Some("新华社"); 2]);
}

#[test]
fn interviewees_introduced_by_a_post_verb_a_copula_or_a_pronoun() {
    // The interviewee is introduced by a post verb before a title and `的` (`身為…的X`,
    // `現任…的X`, `担任…的X`), by a copula after the name (`X是…`, `X现任…`), or by
    // `作为…，X`; the sentence saying they were interviewed may name them by a pronoun
    // (`他接受…訪問`) or after a comma and a time word (`…的X，日前接受…`).
    for (opening, ask, answer, name, title) in [
        (
            "陳文敏是香港大學法律學院教授，他接受眾新聞訪問時談及國安法。",
            "問",
            ["答", "答"],
            "陳文敏",
            "香港大學法律學院教授",
        ),
        (
            "身為香港大學法律學院教授的陳文敏，日前接受眾新聞訪問。",
            "問",
            ["答", "答"],
            "陳文敏",
            "香港大學法律學院教授",
        ),
        (
            "現任港大法律學院教授的陳文敏日前接受本網訪問。",
            "眾",
            ["陳", "陳"],
            "陳文敏",
            "港大法律學院教授",
        ),
        (
            "担任中国人民大学经济学院教授的王强近日接受了本报专访。",
            "问",
            ["答", "答"],
            "王强",
            "中国人民大学经济学院教授",
        ),
        (
            "王强现任中国人民大学经济学院教授。他日前接受本报采访时谈到了经济形势。",
            "记者",
            ["王强", "王强"],
            "王强",
            "中国人民大学经济学院教授",
        ),
        (
            "作为中国人民大学经济学院教授，王强近日接受了本报专访。",
            "问",
            ["答", "答"],
            "王强",
            "中国人民大学经济学院教授",
        ),
    ] {
        let s = exchange("专访", &[opening], ask, answer);
        assert_eq!(answerers(&s), [(Some(name), Some(title)); 2], "{opening}");
    }
    // A note after the last answer introduces the interviewee and is no part of the answer:
    // a paragraph wholly in parentheses, or a line under a profile label (`受訪者簡介：`).
    for note in [
        "（陳文敏為香港大學法律學院教授）",
        "受訪者簡介：陳文敏，香港大學法律學院教授。",
        "（人物簡介：陳文敏，香港大學法律學院教授）",
    ] {
        let mut blocks = vec![p("本網日前訪問了陳文敏。")];
        blocks.extend([
            p("問：你怎樣看國安法？"),
            p("答：我認為影響很大。"),
            p("問：前景如何？"),
            p("答：很難說。"),
            p(note),
        ]);
        let s = run("國安法一年", &blocks);
        assert_eq!(s.turns.len(), 4, "{note}: {:#?}", s.turns);
        assert_eq!(s.turns[3].last_seq, Some(4), "{note}");
        assert_eq!(
            answerers(&s)[1],
            (Some("陳文敏"), Some("香港大學法律學院教授")),
            "{note}"
        );
    }
    // A photo caption gives a title (not the verb of its source: `圖片摘自…`).
    for (caption, title) in [
        ("港大法律學院教授陳文敏。（眾新聞圖片）", "港大法律學院教授"),
        ("圖片摘自港大法律學院教授陳文敏facebook", "港大法律學院教授"),
    ] {
        let blocks = vec![
            Block {
                kind: BlockKind::Caption,
                text: caption.into(),
                lead: None,
            },
            p("本網日前訪問了陳文敏。"),
            p("問：你怎樣看國安法？"),
            p("答：我認為影響很大。"),
        ];
        let s = run("國安法一年", &blocks);
        assert_eq!(answerers(&s), [(Some("陳文敏"), Some(title))], "{caption}");
    }
    // A copula before something that is no post, or a relation to someone, introduces
    // nobody.
    for opening in [
        "王强是我多年的朋友，他很少接受采访。",
        "王强是我的老师，他日前接受了本报专访。",
    ] {
        let s = exchange("专访", &[opening], "问", ["答", "答"]);
        assert!(
            answerers(&s).iter().all(|(_, t)| t.is_none()),
            "{opening}: {:?}",
            answerers(&s)
        );
    }
    // A title word after the name (`港大的陳文敏教授`) is the title when no fuller one is
    // known; a fuller one given elsewhere wins (`復旦大學經濟學院院長張軍` … `張軍教授`).
    let s = exchange(
        "專訪",
        &["本網日前訪問了港大的陳文敏教授。"],
        "問",
        ["答", "答"],
    );
    assert_eq!(answerers(&s)[0], (Some("陳文敏"), Some("教授")));
    for opening in [
        ["本網日前訪問了張軍教授。", "張軍現任復旦大學經濟學院院長。"],
        [
            "復旦大學經濟學院院長張軍日前接受本網訪問。",
            "張軍教授長期研究經濟轉型。",
        ],
    ] {
        let s = exchange("專訪", &opening, "問", ["答", "答"]);
        assert_eq!(
            answerers(&s)[0],
            (Some("張軍"), Some("復旦大學經濟學院院長")),
            "{opening:?}"
        );
    }
    // Title words of trades and professions (`心理學家`, `藥劑師`, `攝影師`).
    for (opening, title) in [
        ("本網訪問了臨床心理學家陳文敏。", "臨床心理學家"),
        ("本網訪問了藥劑師陳文敏。", "藥劑師"),
        ("本網訪問了攝影師陳文敏。", "攝影師"),
    ] {
        let s = exchange("專訪", &[opening], "問", ["答", "答"]);
        assert_eq!(answerers(&s)[0], (Some("陳文敏"), Some(title)), "{opening}");
    }
}

#[test]
fn an_organisation_speaking_through_a_role_is_the_role_with_its_organisation() {
    // `<organisation>[有关|相关]<role>`: the role speaks, the organisation is its org; a member
    // of an organisation (`美联储官员`), a spokesperson (`律政司發言人`) and a role after no
    // organisation stay as written.
    for (text, speaker, org) in [
        (
            "财政部有关负责人说：“预算公开将进一步细化。”",
            "负责人",
            Some("财政部"),
        ),
        ("律政司發言人表示，會詳細研究判詞。", "律政司發言人", None),
        (
            "商务部相关负责人表示，消费市场将继续回暖。",
            "负责人",
            Some("商务部"),
        ),
        ("美联储官员认为，通胀是暂时的。", "美联储官员", None),
        ("一位不愿具名的负责人表示，项目已经暂停。", "负责人", None),
    ] {
        let s = run("x", &[p(text)]);
        let q = speakers_with(&s, |q| q.speaker_org.as_deref());
        assert_eq!(q, [(speaker, org)], "{text}");
        assert_eq!(typed(&s)[0].1, "unnamed", "{text}");
    }
}

#[test]
fn a_connector_before_the_verb_is_no_part_of_the_speaker() {
    // `繼`/`继而` (then, further) before the verb, like `又`, `亦`, `续`.
    for (text, speaker) in [
        ("順豐公司繼指：「事件屬運作失誤。」", "順豐公司"),
        ("王强继而表示，公司会加快整改。", "王强"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s).first().map(|t| t.0), Some(speaker), "{text}");
    }
}

#[test]
fn officials_meeting_the_press_and_headlines_naming_the_interviewee_give_the_answerer() {
    // An opening saying who met the press (`見記者`, `會見傳媒`, `舉行記者會`, `回應記者提
    // 問`), with a parenthesis or a time word after the name.
    for (opening, name, title) in [
        (
            "行政長官林鄭月娥今早出席行政會議前見記者。",
            "林鄭月娥",
            "行政長官",
        ),
        ("保安局局長李家超今日會見傳媒。", "李家超", "保安局局長"),
        ("財政司司長陳茂波今日舉行記者會。", "陳茂波", "財政司司長"),
        ("发展局局长王强回应记者提问。", "王强", "发展局局长"),
        (
            "港大法律學院教授陳文敏（左圖）日前接受本網訪問。",
            "陳文敏",
            "港大法律學院教授",
        ),
        (
            "港大法律學院教授陳文敏（Johannes Chan）日前接受本網訪問。",
            "陳文敏",
            "港大法律學院教授",
        ),
        (
            "陳文敏乃港大法律學院教授，日前接受本網訪問。",
            "陳文敏",
            "港大法律學院教授",
        ),
    ] {
        let s = exchange("x", &[opening], "問", ["答", "答"]);
        assert_eq!(answerers(&s), [(Some(name), Some(title)); 2], "{opening}");
    }
    // A headline naming the interviewee, before or after `專訪` (not a phrase after a dash).
    for (headline, name, title) in [
        ("專訪：公民黨黨魁黃子華", "黃子華", Some("公民黨黨魁")),
        (
            "專訪公民黨黨魁黃子華　談房屋困局",
            "黃子華",
            Some("公民黨黨魁"),
        ),
        ("公民黨黨魁黃子華專訪", "黃子華", Some("公民黨黨魁")),
        ("黃子華專訪──重建祥和 再啓政改", "黃子華", None),
    ] {
        let s = exchange(headline, &["房屋問題困擾香港多年。"], "問", ["答", "答"]);
        assert_eq!(answerers(&s), [(Some(name), title); 2], "{headline}");
    }
}

#[test]
fn a_character_ending_a_title_is_no_surname_of_the_name_after_it() {
    // `首席财务官姚波`: `官` ends the title, `姚波` is the name; `副部长刘向东` stays whole,
    // and `向东表示` is no `向…表示` (said to someone).
    for (text, name, title) in [
        ("首席财务官姚波表示，股价存在低估。", "姚波", "首席财务官"),
        ("副部长刘向东表示，投资要注重质量。", "刘向东", "副部长"),
        (
            "首席财务官陈志明指出，现金流保持稳定。",
            "陈志明",
            "首席财务官",
        ),
    ] {
        let s = run("x", &[p(text)]);
        let q = speakers_with(&s, |q| q.speaker_title.as_deref());
        assert_eq!(q, [(name, Some(title))], "{text}");
    }
}

#[test]
fn labels_naming_a_title_headings_asking_and_names_with_a_form_of_address() {
    // A label that is a title (`行政長官：`, `局長：`) is the one person the document names
    // with that title.
    for (opening, label, name, title) in [
        (
            "行政長官林鄭月娥今早出席行政會議前見記者。",
            "行政長官",
            "林鄭月娥",
            "行政長官",
        ),
        (
            "發展局局長黃偉綸今日會見傳媒。",
            "局長",
            "黃偉綸",
            "發展局局長",
        ),
    ] {
        let s = exchange("x", &[opening], "記者", [label, label]);
        assert_eq!(answerers(&s), [(Some(name), Some(title)); 2], "{opening}");
    }
    // Two people with the title: the label names neither.
    let s = exchange(
        "x",
        &["發展局局長黃偉綸和保安局局長李家超今日會見傳媒。"],
        "記者",
        ["局長", "局長"],
    );
    assert!(
        answerers(&s)
            .iter()
            .all(|(n, _)| *n != Some("黃偉綸") && *n != Some("李家超")),
        "{:?}",
        answerers(&s)
    );
    // A question under a question label set as a heading (`#### 問：…？`).
    let mut blocks = vec![p("本網日前訪問了港大教授陳文敏。")];
    for (q, a) in [
        ("問：你怎樣看？", "要增加供應。"),
        ("問：政府呢？", "做得不夠。"),
    ] {
        blocks.push(Block {
            kind: BlockKind::Heading,
            text: q.into(),
            lead: None,
        });
        blocks.push(p(a));
    }
    let s = run("專訪陳文敏", &blocks);
    assert_eq!(answerers(&s), [(Some("陳文敏"), Some("港大教授")); 2]);
    // A form of address after a full name is no part of it (`陳文敏先生`); a title word is
    // no given name (`公民/n 党/n 党魁/n`).
    for (opening, title) in [
        ("陳文敏先生日前接受本網訪問。", None),
        ("港大教授陳文敏先生日前接受本網訪問。", Some("港大教授")),
        ("陳文敏，公民黨黨魁，日前接受本網訪問。", Some("公民黨黨魁")),
    ] {
        let s = exchange("x", &[opening], "問", ["答", "答"]);
        assert_eq!(answerers(&s), [(Some("陳文敏"), title); 2], "{opening}");
    }
}

#[test]
fn anonymous_answers_are_the_person_a_note_introduces_and_legends_part_at_one_space() {
    // `答：` with nobody named in the opening: the one person a closing note or a caption
    // introduces with a title.
    for (note, caption) in [
        (Some("（黃子華為公民黨黨魁）"), None),
        (None, Some("公民黨黨魁黃子華。（眾新聞圖片）")),
    ] {
        let mut blocks = Vec::new();
        if let Some(c) = caption {
            blocks.push(Block {
                kind: BlockKind::Caption,
                text: c.into(),
                lead: None,
            });
        }
        blocks.extend([
            p("房屋問題困擾香港多年。"),
            p("問：你怎樣看？"),
            p("答：要增加供應。"),
        ]);
        if let Some(n) = note {
            blocks.push(p(n));
        }
        let s = run("房屋", &blocks);
        assert_eq!(
            answerers(&s),
            [(Some("黃子華"), Some("公民黨黨魁"))],
            "{note:?} {caption:?}"
        );
    }
    // A legend whose parts one space parts; words qualifying the reporter are no outlet.
    let s = exchange(
        "x",
        &["記：現場採訪記者 蕭：星島新聞集團行政總裁蕭世和"],
        "記",
        ["蕭", "蕭"],
    );
    assert_eq!(s.turns.len(), 4, "{:#?}", s.turns);
    assert_eq!(
        answerers(&s),
        [(Some("蕭世和"), Some("星島新聞集團行政總裁")); 2]
    );
    assert!(
        s.pairs.iter().all(|p| p.questioner_org.is_none()),
        "{:#?}",
        s.pairs
    );
}

#[test]
fn a_married_names_two_surnames_stand_for_the_full_name() {
    // `林鄭` (said on its own too) is `林鄭月娥`, named with her title before; a
    // two-character name is not taken for a longer one (`王丽` is no `王丽站`).
    let s = run(
        "x",
        &[
            p("行政長官林鄭月娥今早出席行政會議前見記者。"),
            p("林鄭表示，會增加土地供應。"),
            p("記者問到施政報告時，林鄭表示，會增加土地供應。"),
        ],
    );
    assert_eq!(answerers(&s), [(Some("林鄭月娥"), Some("行政長官"))]);
    assert!(
        s.quotes.iter().all(|q| q.speaker == "林鄭月娥"),
        "{:#?}",
        s.quotes
    );
    let s = run("x", &[p("王丽站在门口。"), p("王丽表示，会尽快处理。")]);
    assert_eq!(typed(&s), [("王丽", "person")]);
}

#[test]
fn asking_and_answering_verbs_attribute_quoted_words_before_or_after_them() {
    // `问`/`答` attribute only words in quotation marks: right after them or their colon, or
    // before them at the end of the sentence; a name the segmenter joins to the verb
    // (`王华问/nr`) is the name.
    for (text, speaker, words) in [
        ("王华问：“你去哪里了？”", "王华", "你去哪里了？"),
        ("“怎么办？”王华问。", "王华", "怎么办？"),
        ("「點算好？」陳太問。", "陳太", "點算好？"),
        ("张三答：“从不后悔。”", "张三", "从不后悔。"),
    ] {
        let s = run("x", &[p(text)]);
        let q = spoken(&s);
        assert_eq!(q, [(speaker, words)], "{text}");
    }
    for text in ["他问了很多问题。", "王华回答了记者的问题。"] {
        assert!(run("x", &[p(text)]).quotes.is_empty(), "{text}");
    }
}

#[test]
fn a_quotation_right_after_a_words_first_attribution_goes_on_with_it() {
    // `“甲，”李四表示。“乙。”` is one quote, as `“甲，”李四表示，“乙。”` is; narrative after the
    // attribution is none of it.
    for (text, words) in [
        (
            "“这是我们的家，”李四表示。“我们不会离开。”",
            "这是我们的家，我们不会离开。",
        ),
        (
            "“这是我们的家，”李四表示，“我们不会离开。”",
            "这是我们的家，我们不会离开。",
        ),
        (
            "“这是我们的家。”李四表示。他随后离开了会场。",
            "这是我们的家。",
        ),
    ] {
        let s = run("x", &[p(text)]);
        let q = spoken(&s);
        assert_eq!(q, [("李四", words)], "{text}");
    }
}

#[test]
fn a_verb_after_a_predicate_and_a_comma_is_the_sentence_subjects() {
    // `X<predicate>，说：“…”`, `X摇摇头，叹了口气说：“…”`: the predicate (an aspect particle
    // in it) is no speaker; the sentence's subject is.
    for (text, name) in [
        ("张三昨日出席了活动，说：“尝尝，很甜。”", "张三"),
        ("张三摇摇头，叹了口气说：“没办法。”", "张三"),
        ("王强看了看记者，说道：“这事不好办。”", "王强"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(name, "person")], "{text}");
    }
}

#[test]
fn a_name_the_segmenter_joins_to_the_word_after_it_ends_before_it() {
    // `张三于/nr`, `陈大文于/nr`, `张三想/nr`, `李娜/nr 只/d`: the name ends before the
    // function word or verb.
    for (text, name) in [
        ("张三于会后表示，方案可行。", "张三"),
        ("陳大文於會後表示：「我反對。」", "陳大文"),
        ("张三想了想说：“可以。”", "张三"),
        ("李娜只说：“再等等。”", "李娜"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(name, "person")], "{text}");
    }
}

#[test]
fn relayed_words_complaints_and_cantonese_verbs_after_an_adverb() {
    // `X援引Y的话称`: Y speaks; `反映` attributes words; `話` after `則` still follows a name;
    // a quantity before an unnamed source is no part of it (`大量司机`).
    for (text, speaker) in [
        ("路透社援引知情人士的话称：“交易将在下周宣布。”", "知情人士"),
        (
            "《华盛顿邮报》援引分析人士的话指出，此举的政治意涵大于实际效果。",
            "分析人士",
        ),
        ("多名居民向本报反映：“晚上噪音太大。”", "居民"),
        ("大量司机反映，因外地车牌而无法下高速。", "司机"),
        ("黃小姐則話：「我唔擔心。」", "黃小姐"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s).first().map(|t| t.0), Some(speaker), "{text}");
    }
    assert!(run("x", &[p("数据反映了经济回暖。")]).quotes.is_empty());
}

#[test]
fn a_quoted_term_as_the_object_of_a_verb_taking_a_noun_is_no_quote() {
    for text in ["习近平提出“双碳”目标。", "他宣布“清零”政策结束。"] {
        assert!(run("x", &[p(text)]).quotes.is_empty(), "{text}");
    }
    // After a verb taking a clause the words are reported (`指「…」意涵…`), and words said
    // stay quotes (`直言“这不可能”`).
    for text in [
        "劉智鵬指「光復、革命」意涵千年不變。",
        "张三直言“这不可能”，随即离开。",
    ] {
        assert_eq!(run("x", &[p(text)]).quotes.len(), 1, "{text}");
    }
}

#[test]
fn a_reporter_asking_someone_in_reported_speech_puts_a_question() {
    // `有記者問她是否…，X稱：「…」`: the question reported with `問` and its object; `有记者问：`
    // stays a question cue, `有记者问到这个问题。` asks nothing answered.
    let s = run(
        "x",
        &[
            p("行政長官林鄭月娥今早出席行政會議前見記者。"),
            p("有記者問她是否仍有信心管治，林鄭月娥稱：「我有信心。」"),
        ],
    );
    assert_eq!(answerers(&s), [(Some("林鄭月娥"), Some("行政長官"))]);
    assert!(
        s.pairs[0].question.starts_with("她是否仍有信心"),
        "{:#?}",
        s.pairs
    );
    let s = run(
        "x",
        &[
            p("国新办今天举行新闻发布会，王强出席并回答记者提问。"),
            p("有记者问：今年经济怎么样？"),
            p("王强表示，经济会逐步好起来。"),
            p("有记者问到这个问题。"),
        ],
    );
    assert_eq!(s.pairs.len(), 1, "{:#?}", s.pairs);
    assert!(
        s.pairs[0].question.starts_with("今年经济"),
        "{:#?}",
        s.pairs
    );
}

#[test]
fn a_label_of_a_surname_and_a_title_is_the_one_person_with_that_surname() {
    // `陳教授：` is 陳文敏, named before; with two 陳 it names neither.
    let s = exchange(
        "x",
        &["本網訪問了港大教授陳文敏。"],
        "記者",
        ["陳教授", "陳教授"],
    );
    assert_eq!(answerers(&s), [(Some("陳文敏"), Some("港大教授")); 2]);
    let s = exchange(
        "x",
        &["本網訪問了港大教授陳文敏和城大教授陳嘉琪。"],
        "記者",
        ["陳教授", "陳教授"],
    );
    assert!(
        answerers(&s)
            .iter()
            .all(|(n, _)| *n != Some("陳文敏") && *n != Some("陳嘉琪")),
        "{:?}",
        answerers(&s)
    );
}

#[test]
fn a_question_verbs_addressee_may_stand_before_the_words_without_a_colon() {
    // `質問X「…？」`, `追问X，“…”`: the subject asks; the addressee is no speaker. Words that
    // merely follow a word ending in 问 (`慰问老人，“…”`) are not asked.
    for (text, asker) in [
        (
            "民主黨涂謹申質問鄭若驊「最早幾時知間屋僭建」，但未獲回應。",
            "涂謹申",
        ),
        ("赵六质问钱七“你为什么不去北京？”", "赵六"),
        ("王强追问李明，“公司下一步怎么办？”", "王强"),
        ("赵六问钱七：“你明天去北京吗？”", "赵六"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(asker, "person")], "{text}");
    }
    let s = run("x", &[p("他到社区慰问老人，“你们好吗？”老人笑了。")]);
    assert!(s.quotes.iter().all(|q| q.cue != "慰问"), "{:?}", spoken(&s));
}

#[test]
fn a_person_named_after_a_speech_verb_and_before_an_adverb_says_the_words() {
    // `X澄清Y當時是說「…」`, `控方指Y當時說`: an adverb or time word ties Y to the cue; with
    // nothing between, Y is the first verb's object and X speaks (`X批评Y说：`); a time
    // clause (`批评Y时说`) is no adverb.
    for (text, speaker) in [
        (
            "蕭世和澄清黃坤明當時是說，「要防止外部勢力干預。」",
            "黃坤明",
        ),
        ("控方指梁天琦當時說：「我們就係香港嘅主人。」", "梁天琦"),
        ("他透露李四早前曾说：“公司不会裁员。”", "李四"),
        ("王强表示李明当时说：“我们会赢。”", "李明"),
        ("特朗普批评拜登说：“他太软弱了。”", "特朗普"),
        ("特朗普批评拜登时说：“他太软弱了。”", "特朗普"),
        ("张三回应记者时说：“不会。”", "张三"),
        ("新闻发言人王五当时说：“好。”", "王五"),
        // A speech verb inside a title word (`分析师`) reports nothing.
        ("首席宏观分析师王青对财联社表示：“影响有限。”", "王青"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, "person")], "{text}");
    }
}

#[test]
fn a_pronoun_refers_to_the_whole_foreign_name_not_its_first_part() {
    // `伊万杰琳·莉莉…，她…表示`: the segmenter also makes `伊万` a person; the longer name
    // found at the same place is the one referred to.
    let s = run(
        "x",
        &[p(
            "新西兰女演员伊万杰琳·莉莉也参加了集会，她在社交媒体表示：“我不会接种。”",
        )],
    );
    assert_eq!(typed(&s), [("伊万杰琳·莉莉", "person")]);
}

#[test]
fn a_connector_verb_takes_the_subject_of_the_clause_right_before() {
    // `<subject>…，並向X說：「…」`: the subject of the clause before the comma speaks, named
    // or not, an unnamed source's marker included (`有警員`, `不少市民`).
    for (text, speaker, kind) in [
        (
            "有居民甚至向记者展示了照片，并向记者说：“我们很无奈。”",
            "居民",
            "unnamed",
        ),
        ("不少市民向他诉苦，又指：“生意难做。”", "市民", "unnamed"),
        (
            "华为昨日发布新机，并表示：“销量会很好。”",
            "华为",
            "organisation",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, kind)], "{text}");
    }
    // Further back a clause may be inside words reported before: the speaker of those.
    let s = run(
        "x",
        &[p(
            "李家超開場發言時指，政府至今仍未能在委員會上交換意見，因此召開記者會，又表示委員會是最適合討論的地方。",
        )],
    );
    assert!(
        s.quotes.iter().all(|q| q.speaker == "李家超"),
        "{:?}",
        spoken(&s)
    );
    // A clause without a subject names nobody.
    assert!(
        run("x", &[p("天气转冷，并指：“生意难做。”")])
            .quotes
            .is_empty()
    );
}

#[test]
fn a_verb_after_could_not_reports_nothing() {
    // `未能` negates like `未`, `無法`: `政府至今未能解釋草案` attributes no words.
    // (The first sentence gives no quote even without `未能`; the second does: `解释，` is a
    // cue once `未能` is not read as a negator.)
    for text in [
        "政府至今未能解釋草案的細節，市民感到不滿。",
        "公司至今未能解释，原因仍不清楚。",
    ] {
        let s = run("x", &[p(text)]);
        assert!(s.quotes.is_empty(), "{text}: {:?}", spoken(&s));
    }
}

#[test]
fn a_headline_quoting_without_a_speaker_is_the_body_speaker_who_says_it() {
    // The headline's words in quotation marks (after a space, or the whole title) are the one
    // body speaker's whose words hold its clauses: a quote, or an interview's answer.
    let s = run(
        "逾700人停捐款　樂施會每年損失逾百萬元　「過往集中項目監察，冇為意性侵問題」",
        &[
            p("樂施會傳訊部主管徐國偉表示，過往樂施會主要集中在財務，冇為意性侵問題。"),
            p("另有捐款人李先生說：「我會繼續捐。」"),
        ],
    );
    let title: Vec<_> = s
        .quotes
        .iter()
        .filter(|q| q.source == QuoteSource::Title)
        .map(|q| (q.speaker.as_str(), q.kind, q.quote.as_str()))
        .collect();
    assert_eq!(
        title,
        [(
            "徐國偉",
            QuoteKind::Direct,
            "過往集中項目監察，冇為意性侵問題"
        )]
    );
    let s = run(
        "“再过20年，美国终会发现，他们找错了敌人”",
        &[
            p("外交部副部长乐玉成接受记者专访。"),
            p("记者：美国从阿富汗撤军有什么启示？"),
            p("乐玉成：再过20年，美国终会发现，他们找错了敌人。"),
            p("记者：中美关系会好转吗？"),
            p("乐玉成：我们愿意合作。"),
        ],
    );
    assert!(
        s.quotes
            .iter()
            .any(|q| q.source == QuoteSource::Title && q.speaker == "乐玉成"),
        "{:?}",
        spoken(&s)
    );
    // Words nobody in the body says, or two speakers saying as much: no attribution.
    for (title, body) in [
        ("「香港會更好」", vec!["王强表示，经济正在复苏。"]),
        (
            "「经济正在复苏」",
            vec!["王强表示，经济正在复苏。", "李明表示，经济正在复苏。"],
        ),
        // Quotation marks inside the title are a term, not its words.
        ("他们找错了“敌人”之后", vec!["王强表示，他们找错了敌人。"]),
    ] {
        let blocks: Vec<Block> = body.iter().map(|t| p(t)).collect();
        let s = run(title, &blocks);
        assert!(
            s.quotes.iter().all(|q| q.source != QuoteSource::Title),
            "{title}: {:?}",
            spoken(&s)
        );
    }
}

#[test]
fn a_transliterated_name_with_a_dot_is_read_whole_whatever_the_tags() {
    // `穆罕默德·巴尔/ns 金多/m`, `约翰/nrt ·/x 奇普/nz 曼/nr`: every part of transliteration
    // characters, the name's end before a word that is none (`上周`, `说`).
    for (text, name) in [
        (
            "欧佩克秘书长穆罕默德·巴尔金多上周曾表示，供应过剩已经开始。",
            "穆罕默德·巴尔金多",
        ),
        ("约翰·奇普曼说：“欢迎各位。”", "约翰·奇普曼"),
        (
            "塞巴斯蒂安·勒科尔努强调：“我们就在地区内。”",
            "塞巴斯蒂安·勒科尔努",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(name, "person")], "{text}");
    }
}

#[test]
fn a_time_before_an_organisation_or_unnamed_source_is_no_part_of_it() {
    for (text, speaker, kind) in [
        (
            "当日下午游戏公司回应称，已全额退款。",
            "游戏公司",
            "organisation",
        ),
        (
            "目前业内人士预计，就业人数将继续增加。",
            "业内人士",
            "unnamed",
        ),
        (
            "周二晚间中国外交部表示，将采取反制措施。",
            "中国外交部",
            "organisation",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, kind)], "{text}");
    }
}

#[test]
fn a_clause_before_a_comma_lends_its_subject_to_the_verb_after_it() {
    // `<organisation>發表聲明，表示…`: the subject of the clause (a trimmed predicate such as
    // `发表声明` included) speaks on after the comma, organisations and unnamed sources too.
    for (text, speaker, kind) in [
        (
            "香港記者協會發表聲明，表示極度遺憾，認為此舉削弱公眾知情權。",
            "香港記者協會",
            "organisation",
        ),
        (
            "香港記者協會發表聲明，表示：「極度遺憾。」",
            "香港記者協會",
            "organisation",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, kind)], "{text}");
    }
    // A clause whose subject names nobody lends none.
    assert!(
        run("x", &[p("公司股价大涨，表示市场看好其前景。")])
            .quotes
            .is_empty()
    );
}

#[test]
fn a_speech_verb_after_de_is_a_noun() {
    // `…打分的解释，…`, `舍曼…的言论`: no cue.
    let s = run(
        "x",
        &[p(
            "国际体联发表声明，公布了该动作打分的解释，这也是该组织第一次公布详细打分。",
        )],
    );
    assert!(s.quotes.iter().all(|q| q.cue != "解释"), "{:?}", spoken(&s));
}

#[test]
fn a_quotation_after_a_words_first_sentence_with_its_own_cue_is_its_own() {
    // `“甲。”张三说。“乙。”李四反驳道。`: two speakers; without a cue of its own the second
    // quotation goes on with the first (`“甲。”张三说。“乙。”`).
    let s = run("x", &[p("“我们会赢的。”张三说。“不可能。”李四反驳道。")]);
    assert_eq!(spoken(&s), [("张三", "我们会赢的。"), ("李四", "不可能。")]);
    let s = run("x", &[p("“我们会赢的。”张三说。“一定会。”")]);
    assert_eq!(spoken(&s), [("张三", "我们会赢的。一定会。")]);
}

#[test]
fn names_sources_and_verbs_a_break_test_found() {
    // A name's last character the segmenter joins to a time word (`李家/nrfg 超今/tg`); a
    // relative clause after an unnamed source's marker (`一位不愿具名的教授`); a surname and a
    // form of address is a person (`王律师`, `陳教授`); `辩称`, `高喊`, `叮嘱X：`.
    for (text, speaker, kind) in [
        (
            "香港特區行政長官李家超今早出席行政會議前會見傳媒時說：「政府會全力支援。」",
            "李家超",
            "person",
        ),
        (
            "北京大学一位不愿具名的教授说：“这项研究存在缺陷。”",
            "教授",
            "unnamed",
        ),
        (
            "一位不愿透露姓名的业内人士表示，交易已经完成。",
            "业内人士",
            "unnamed",
        ),
        ("王律师辩称：“证据链并不完整。”", "王律师", "person"),
        ("陳教授指出，研究仍有局限。", "陳教授", "person"),
        ("球迷们高喊：“我们还会回来的！”", "球迷们", "unnamed"),
        ("王老师叮嘱学生们：“考试时一定要仔细。”", "王老师", "person"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, kind)], "{text}");
    }
    // Without a surname the form of address is an unnamed source.
    let s = run("x", &[p("一位律师表示，证据不足。")]);
    assert_eq!(typed(&s), [("律师", "unnamed")]);
}

#[test]
fn occupations_as_unnamed_sources_and_a_bracketed_headline_before_the_speaker() {
    // An occupation with its trade before it (`卖酒商人`, `种粮大户`) is an unnamed source as
    // written, with its marker or without; words that are no occupation stay no speaker.
    for (text, speaker) in [
        ("一位卖酒商人坦言：“没有办法，主要是领导换了。”", "卖酒商人"),
        ("卖酒商人坦言，价格还会回落。", "卖酒商人"),
        ("一位种粮大户说：“今年收成好。”", "种粮大户"),
        ("不少网民认为，这个决定太仓促。", "网民"),
        ("多位店长表示，客流还没有恢复。", "店长"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, "unnamed")], "{text}");
    }
    let s = run("x", &[p("卖酒利润坦言，价格还会回落。")]);
    assert!(typed(&s).is_empty(), "{:?}", typed(&s));
    // A headline in `【】` before the speaker is no part of the speaker phrase: the person
    // after it speaks, and a caption-like line without a name gives nobody (it gave
    // `撤回禁堂食】地盤工人`).
    let s = run(
        "x",
        &[p("【撤回禁堂食】地盤工人鄭先生表示，坐低食飯好基本。")],
    );
    assert_eq!(typed(&s), [("鄭先生", "person")]);
    assert_no_speaker_contains(
        "【撤回禁堂食】地盤工人：坐低食飯好基本，唔好講到恩賜咁。",
        "】",
    );
}

/// Asserts that no quote of a one-paragraph document has a speaker containing `needle`.
fn assert_no_speaker_contains(text: &str, needle: &str) {
    let s = run("x", &[p(text)]);
    assert!(
        s.quotes.iter().all(|q| !q.speaker.contains(needle)),
        "{text}: {:?}",
        typed(&s)
    );
}

#[test]
fn an_addressee_after_xiang_is_no_speaker_whatever_the_verb() {
    // `向X提到`, `向X指出`: X is told, the subject speaks; with nothing but an adjunct before
    // `向` (`在記者會上向林鄭提到`) the addressee is still no speaker.
    for (text, speaker) in [
        ("王先生在会上向记者提到，项目已经完工。", "王先生"),
        ("李女士向我们提到：“孩子已经好多了。”", "李女士"),
        ("陳先生向傳媒指出，調查仍在進行。", "陳先生"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, "person")], "{text}");
    }
    assert_no_speaker_contains("美國記者，在記者會上向林鄭提到，警方使用過分武力。", "林鄭");
}

#[test]
fn frames_that_name_whose_words_follow() {
    // `正如X所说：`, `就像X在…上所说，`, `在X看来，`: X speaks; `该公司发言人` is the role
    // (no company named before); a question verb joined to its addressee by the segmenter
    // (`记者问张/n 三：“…”`) still puts the question.
    for (text, speaker) in [
        ("正如刘教授所说：“教育是百年大计。”", "刘教授"),
        (
            "就像李克强总理在记者会上所说，这是高基数上的增长。",
            "李克强",
        ),
        ("在王强看来，“创新是企业的生命”。", "王强"),
        ("该公司发言人表示：“指控毫无根据。”", "公司发言人"),
        ("记者问张三：“你后悔吗？”", "记者"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(
            s.quotes.first().map(|q| q.speaker.as_str()),
            Some(speaker),
            "{text}"
        );
    }
    // An institution ending in 所 keeps it (`车管所`); a chain letter `如連鎖信所說` is no one.
    let s = run("x", &[p("济南市车管所表示，已经总结出原因。")]);
    assert_eq!(typed(&s), [("济南市车管所", "organisation")]);
    let s = run("x", &[p("如連鎖信所說，臉書有權使用你發布的內容。")]);
    assert!(s.quotes.is_empty(), "{:?}", spoken(&s));
}

#[test]
fn pronouns_refer_to_former_office_holders_and_whom_a_reporter_met() {
    // `美国前财长萨默斯近日访华。他…`: `前` before a title is "former", the subject is learned;
    // `记者随后采访了邻居张阿姨。她说`: the person a reporter contacts (`reporter_contact_verbs`)
    // is the antecedent. A place after a motion verb is nobody (`记者到屯门黄金海岸一带观察`).
    for (text, speaker) in [
        (
            "美国前财长萨默斯近日访华。他告诉记者：“中美关系正处于关键时期。”",
            "萨默斯",
        ),
        (
            "记者随后采访了邻居张阿姨。她说：“他平时很少出门。”",
            "张阿姨",
        ),
        (
            "本报记者日前专访了中国人民大学教授王强。他认为：“经济会好转。”",
            "王强",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, "person")], "{text}");
    }
    let s = run(
        "x",
        &[p(
            "记者今日中午到屯门黄金海岸一带进行观察。他们说：“还好。”",
        )],
    );
    assert!(s.quotes.is_empty(), "{:?}", spoken(&s));
    // `對方` (the other party, no `對…表示` cue) is the person or unnamed source named last
    // before it; with none, nobody can be told.
    for (text, speaker) in [
        ("記者致電陳先生查詢。對方表示：「我不清楚此事。」", "陳先生"),
        (
            "记者联系到该事件中被威胁的当事人，对方表示：“没有收到道歉。”",
            "当事人",
        ),
        // The sentence's subject dealt with the other party: not it.
        ("宋师傅出发前还跟货主确认能否进城，对方说“包下”。", "货主"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(
            s.quotes.first().map(|q| q.speaker.as_str()),
            Some(speaker),
            "{text}"
        );
    }
    assert!(
        run("x", &[p("对方表示：“没有收到道歉。”")])
            .quotes
            .is_empty()
    );
}

#[test]
fn words_first_question_asked_of_someone() {
    // `“…？”警察问张三。`: the verb and its addressee end the clause; the asker speaks. Words
    // that are no question take no addressee (`“你好。”他问了问题。`).
    for (text, asker) in [
        ("“这是谁干的？”警察问张三。", "警察"),
        ("“你什么时候还钱？”债主质问李四。", "债主"),
        ("“这是谁干的？”王强问李四。", "王强"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(
            s.quotes
                .iter()
                .map(|q| (q.speaker.as_str(), q.cue.as_str()))
                .next(),
            Some((asker, if asker == "债主" { "质问" } else { "问" })),
            "{text}"
        );
    }
    assert!(run("x", &[p("“你好。”他问了问题。")]).quotes.is_empty());
}

#[test]
fn a_name_label_answers_once_after_a_cue_question_or_a_reporters_label() {
    // One exchange: a question put by a cue (`网友问：…？`) or a reporter's label (`新华社记者：`),
    // answered under the introduced spokesperson's name label (`汪晓明：`). The label is the
    // answer's cue, not part of its text.
    for (ask, outlet) in [
        ("网友问：地铁5号线什么时候开通？", None),
        ("新华社记者：地铁5号线什么时候开通？", Some("新华社")),
    ] {
        let s = run(
            "外交部例行记者会",
            &[
                p("外交部发言人汪晓明主持例行记者会。"),
                p(ask),
                p("汪晓明：预计年底开通。"),
            ],
        );
        assert_eq!(s.kind, DocKind::PressConference, "{ask}");
        assert_eq!(
            pairs_of(&s),
            [(
                "地铁5号线什".to_string(),
                Some("汪晓明".to_string()),
                outlet.map(str::to_string),
                Some("预计年底".to_string())
            )],
            "{ask}"
        );
    }
}

#[test]
fn a_reporters_label_with_the_reporters_name_puts_questions() {
    // `新华社记者王丽：…？`: the outlet and the reporter ask; the spokesperson's label answers.
    let s = run(
        "国新办发布会",
        &[
            p("国务院新闻办公室今天举行新闻发布会，商务部新闻发言人李静出席并答记者问。"),
            p("新华社记者王丽：外资企业在华投资意愿如何？"),
            p("李静：外资企业普遍看好中国市场。"),
            p("人民日报记者张伟：外贸形势怎么样？"),
            p("李静：外贸保持稳定。"),
        ],
    );
    assert_eq!(s.kind, DocKind::PressConference);
    let asked: Vec<_> = s
        .pairs
        .iter()
        .map(|q| {
            (
                q.questioner.as_deref(),
                q.questioner_org.as_deref(),
                q.answerer.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        asked,
        [
            (Some("王丽"), Some("新华社"), Some("李静")),
            (Some("张伟"), Some("人民日报"), Some("李静"))
        ]
    );
}

#[test]
fn a_question_cue_after_a_leading_adverbial_puts_a_question() {
    // `会上，路透社记者提问：…？`, `随后，有记者问：…？`: the adverbial set off by a comma is no
    // part of the cue; a cue inside a running clause still is none.
    let s = run(
        "外交部：将作出坚决回应",
        &[
            p("外交部发言人汪晓明8日主持例行记者会。"),
            p("会上，路透社记者提问：美方宣布新一轮对华制裁，中方将如何应对？"),
            p("汪晓明表示，中方将作出坚决回应，维护自身权益。"),
            p("随后，有记者问：中方是否会采取反制措施？"),
            p("汪晓明表示，中方会作出必要反应。"),
        ],
    );
    assert_eq!(s.kind, DocKind::PressConference);
    let orgs: Vec<_> = s
        .pairs
        .iter()
        .map(|q| q.questioner_org.as_deref())
        .collect();
    assert_eq!(orgs, [Some("路透社"), None]);
    assert!(all_answered_by(&s, "汪晓明"));
}

#[test]
fn a_newsrooms_own_explainer_of_questions_is_an_article() {
    // `本报整理了…常见问题` then 问：/答：, `你需要知道的五件事`, an exam's worked answers: no
    // exchange with anyone. An interview whose opening sorts out issues stays one.
    for (title, opening) in [
        (
            "个税年度汇算开始了",
            "个税年度汇算今日开始，本报整理了纳税人关心的常见问题。",
        ),
        (
            "消費券新一輪發放 你需要知道的五件事",
            "新一輪消費券下月發放。",
        ),
        ("高考数学模拟题解析", "以下为本次模拟考试的部分题目。"),
    ] {
        let s = run(
            title,
            &[
                p(opening),
                p("问：哪些人需要办理？"),
                p("答：年度预缴税额高于应纳税额的纳税人。"),
                p("问：可以通过什么渠道办理？"),
                p("答：可以通过App办理。"),
            ],
        );
        assert_eq!((s.kind, s.pairs.len()), (DocKind::Article, 0), "{title}");
    }
    let s = run(
        "专访王强：减税会继续",
        &[
            p("财政部副部长王强日前接受本报专访，梳理了减税降费面临的问题。"),
            p("问：减税会继续吗？"),
            p("答：会继续。"),
            p("问：力度如何？"),
            p("答：力度不减。"),
        ],
    );
    assert_eq!((s.kind, s.pairs.len()), (DocKind::Interview, 2));
}

#[test]
fn a_photo_caption_or_a_short_bold_heading_ends_an_answer() {
    // `图为…。 本报记者 王磊 摄` written as a paragraph and `**谈未来**` between exchanges are
    // no part of the answer before them, nor answers of their own.
    let s = run(
        "专访刘海峰",
        &[
            p("清华大学教授刘海峰日前接受本报专访。"),
            bold_label("记者：", "您会离开科研一线吗？"),
            bold_label("刘海峰：", "不会。我会一直在实验室。"),
            p("图为刘海峰在实验室指导学生。 本报记者 王磊 摄"),
            bold("谈未来"),
            bold_label("记者：", "未来有何计划？"),
            bold_label("刘海峰：", "继续做基础研究。"),
        ],
    );
    let answers: Vec<_> = s.pairs.iter().map(|q| q.answer.as_str()).collect();
    assert_eq!(answers, ["不会。我会一直在实验室。", "继续做基础研究。"]);
}

#[test]
fn a_photo_caption_between_a_question_and_its_answer_answers_nothing() {
    let s = run(
        "对话林涛",
        &[
            p("导演林涛的新片即将上映。"),
            bold_label("新京晚报：", "新片的灵感来自哪里？"),
            p("林涛在片场。 新京晚报记者 何川 摄"),
            bold_label("林涛：", "来自我童年的记忆。"),
            bold_label("新京晚报：", "拍摄中最难的是什么？"),
            bold_label("林涛：", "天气。"),
        ],
    );
    let answers: Vec<_> = s.pairs.iter().map(|q| q.answer.as_str()).collect();
    assert_eq!(answers, ["来自我童年的记忆。", "天气。"]);
}

#[test]
fn a_question_cue_with_cheng_and_its_answer_in_the_opening_paragraph() {
    // `有记者提问称，…？汪晓明表示，…` inside the opening paragraph, then a reported question:
    // two pairs; the cue is written without its comma.
    let s = run(
        "外交部例行记者会",
        &[
            p(
                "外交部发言人汪晓明主持例行记者会。有记者提问称，某国防长近日访问台湾，中方如何看待？汪晓明表示，中方坚决反对。",
            ),
            p("另有记者问及中美贸易磋商进展。汪晓明称，双方保持沟通。"),
        ],
    );
    assert_eq!(s.kind, DocKind::PressConference);
    assert_eq!(s.pairs.len(), 2);
    assert!(all_answered_by(&s, "汪晓明"));
    assert_eq!(s.turns[0].cue, "有记者提问称");
}

#[test]
fn a_reported_question_may_say_where_it_was_asked() {
    // `有记者在发布会上问及…。X表示，…`: the place between the asker and the verb.
    let s = run(
        "国新办举行新闻发布会",
        &[
            p("国务院新闻办公室今天举行新闻发布会，商务部新闻发言人李静出席。"),
            p("有记者在发布会上问及外资企业的投资意愿。李静表示，外资企业普遍看好中国市场。"),
        ],
    );
    assert_eq!(s.kind, DocKind::PressConference);
    assert_eq!(s.pairs.len(), 1);
    assert!(all_answered_by(&s, "李静"));
}

#[test]
fn an_askers_nickname_in_quotation_marks_stays_with_the_asker() {
    // `网友“小李”问：…？` then `市住建局回复：…`: the public's questions, the bureau's answers.
    let s = run(
        "市住建局回复网友留言",
        &[
            p("网友“小李”问：公积金贷款额度能否提高？"),
            p("市住建局回复：目前最高额度为80万元。"),
            p("网友“阿明”问：二手房能用公积金吗？"),
            p("市住建局回复：可以。"),
        ],
    );
    assert_eq!(s.pairs.len(), 2);
    assert!(all_answered_by(&s, "市住建局"));
}

#[test]
fn a_name_alone_before_a_colon_and_quotation_marks_is_a_quote() {
    // `王强：“…”`, `市民李华：“…”` opening a paragraph of an article: a direct quote with `：`
    // as its cue. A clause with a verb is no bare name (`蕭世和續引述張曉明：「…」` is the
    // relayer's, not 張曉明's); a label that names nobody quotes nothing.
    let s = run(
        "x",
        &[
            p("记者随后采访了王强。"),
            p("王强：“我们不会放弃。”"),
            p("市民李华：“希望房价降下来。”"),
            p("蕭世和續引述張曉明：「佢有講到。」"),
            p("口号：“团结就是力量”"),
        ],
    );
    assert_eq!(
        s.quotes
            .iter()
            .map(|q| (q.speaker.as_str(), q.cue.as_str()))
            .collect::<Vec<_>>(),
        [("王强", "："), ("李华", "："), ("蕭世和", "：")]
    );
}

#[test]
fn the_latter_and_the_former_refer_to_the_last_two_people_named() {
    // `后者` is the person named last before it, `前者` the one before that.
    for (word, speaker) in [("后者", "施密特"), ("前者", "李强")] {
        let s = run(
            "x",
            &[p(&format!(
                "市长李强会见了来访的德国代表团团长施密特。{word}表示：“我们期待进一步合作。”"
            ))],
        );
        assert_eq!(
            s.quotes.first().map(|q| q.speaker.as_str()),
            Some(speaker),
            "{word}"
        );
    }
}

#[test]
fn an_adverbial_clause_may_stand_between_the_words_and_their_cue() {
    // `“…”回忆起当年的情景，老兵李德胜说。`: the clause naming nobody is no speaker; a clause that
    // names someone ends the search (`“…”张三说完这番话，李四表示：` is not 李四's).
    let s = run(
        "x",
        &[p(
            "“这是我这辈子最难忘的一天。”回忆起当年的情景，老兵李德胜说。",
        )],
    );
    assert_eq!(typed(&s), [("李德胜", "person")]);
    let s = run("x", &[p("“我们会赢。”张三说完这番话，李四表示：“未必。”")]);
    assert!(
        s.quotes
            .iter()
            .all(|q| q.quote != "我们会赢。" || q.speaker != "李四"),
        "{:?}",
        spoken(&s)
    );
}

#[test]
fn a_gesture_before_a_colon_puts_the_words_in_the_subjects_mouth() {
    // `李四笑了笑：“…”`, `王强想了想：“…”`: a reduplicated verb with 了; a noun before the
    // colon is no speaker (`张三的微博：“…”`).
    for (text, speaker) in [
        ("面对记者的提问，李四笑了笑：“无可奉告。”", "李四"),
        ("王强想了想：“可以试试。”", "王强"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, "person")], "{text}");
    }
    assert!(
        run("x", &[p("张三的微博：“今天很开心。”")])
            .quotes
            .is_empty()
    );
}

#[test]
fn a_plural_pronoun_is_no_one_person() {
    // `他们表示：“…”` after a sentence naming 王强: a group, not 王强.
    let s = run(
        "x",
        &[
            p("王强昨天出席了活动。"),
            p("他们表示：“我们支持。”"),
            p("他表示：“我支持。”"),
        ],
    );
    assert_eq!(spoken(&s), [("王强", "我支持。")]);
}

#[test]
fn shapes_a_precision_break_test_found_quote_nothing() {
    // Captions (`图片说明：“…”`), signs (`红灯表示：“…”`), a nickname after a name (`王强：“拼命
    // 三郎”，…`), a verb with 了 and a noun object (`指出了三处错误`), `说什么也` ("no matter
    // what"), an abstract subject (`有观点认为`), a questionnaire's question; a newsroom's
    // `…问答` and a chat log in a court's findings are no interview.
    for text in [
        "图片说明：“王强在田间查看麦苗长势。”（记者 李明 摄）",
        "红灯表示：“停止通行”。",
        "王强：“拼命三郎”，工作二十年从未请假。",
        "李明指出了三处错误，并一一改正。",
        "王强说什么也不肯收下这笔钱。",
        "有观点认为，人工智能将取代部分工作岗位。",
        "问卷问题：“您每天通勤时间多长？”",
    ] {
        let s = run("x", &[p(text)]);
        assert!(s.quotes.is_empty(), "{text}: {:?}", spoken(&s));
    }
    // Still quotes: `说了：`, `说了一句：`, `指出，`.
    for text in [
        "王强说了：“好。”",
        "王强说了一句：“好。”",
        "李明指出，经济正在复苏。",
    ] {
        assert_eq!(run("x", &[p(text)]).quotes.len(), 1, "{text}");
    }
    let faq = run(
        "疫苗接种问答",
        &[
            p("问：新冠疫苗需要打几针？"),
            p("答：目前需接种两针。"),
            p("问：接种后多久产生抗体？"),
            p("答：一般两周左右。"),
        ],
    );
    let chat = run(
        "男子网购被骗",
        &[
            p("经审理查明，被告人王某与被害人赵某的聊天记录如下："),
            p("王某：钱转了吗？"),
            p("赵某：转了，五万。"),
            p("王某：好，明天给你货。"),
            p("赵某：一定要准时。"),
        ],
    );
    for s in [faq, chat] {
        assert_eq!((s.kind, s.pairs.len()), (DocKind::Article, 0));
    }
}

#[test]
fn a_surname_alone_before_a_title_word_is_a_person() {
    // `王局长`, `陳部長`: one person; `高级经理` (no surname alone) and `一位局长` are unnamed.
    for (text, speaker, kind) in [
        ("王局长表示，将尽快处理。", "王局长", "person"),
        ("陳部長指出，政策不變。", "陳部長", "person"),
        ("高级经理表示，销量上升。", "高级经理", "unnamed"),
        ("一位局长表示，将尽快处理。", "局长", "unnamed"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, kind)], "{text}");
    }
}

#[test]
fn a_source_word_ending_in_ren_before_cheng_is_a_cue() {
    // `发言人称`, `当事人称`, `知情人称`: a source word before `称`, not the noun `人称`; `号称`
    // and `人称“…”` stay no cue.
    for (text, speaker) in [
        ("外交部发言人称，中方坚决反对。", "外交部发言人"),
        ("当事人称：“我没有酒驾。”", "当事人"),
        ("知情人称，交易已完成。", "知情人"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(
            s.quotes.first().map(|q| q.speaker.as_str()),
            Some(speaker),
            "{text}"
        );
    }
    for text in ["他号称天下第一。", "这种说法，人称“神话”。"] {
        assert!(run("x", &[p(text)]).quotes.is_empty(), "{text}");
    }
}

#[test]
fn qi_alone_is_a_pronoun_and_the_words_it_starts_are_no_speakers() {
    // `其还透露，…` / `其表示，…` refer back like `他`; `其中`, `其实`, `其他` start no speaker.
    for text in [
        "罗志伟表示，公司将加大研发投入。其还透露，海外市场是下一步重点。",
        "董事长罗志伟在业绩会上表示，公司将加大研发投入。其表示，海外市场是下一步重点。",
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(
            spoken(&s).iter().map(|(who, _)| *who).collect::<Vec<_>>(),
            ["罗志伟", "罗志伟"],
            "{text}"
        );
    }
    for text in ["其实说，这里没有问题。", "其他说，这里没有问题。"] {
        assert!(run("x", &[p(text)]).quotes.is_empty(), "{text}");
    }
}

#[test]
fn a_time_word_after_a_name_keeps_its_event() {
    // The segmenter reads `蔡斌赛/nr 前`: the event's character belongs to the time word.
    for (text, speaker) in [
        (
            "“这是一场硬仗。”中国女排主教练蔡斌赛前表示，“我们会全力以赴。”",
            "蔡斌",
        ),
        ("张伟会前表示，这是一场硬仗。", "张伟"),
        ("李明庭后表示，将提起上诉。", "李明"),
        ("王芳节前表示，商场客流明显增加。", "王芳"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(
            typed(&s).first().copied(),
            Some((speaker, "person")),
            "{text}"
        );
    }
}

#[test]
fn a_name_the_segmenter_does_not_know_is_read_by_its_surname() {
    // Names outside the segmenter's dictionary come out as made-up nouns or verbs
    // (`贾樟柯/n`, `张抒扬/v`, `盛来/v 运/n`): first in the phrase or after a title word, a
    // made-up word that starts with a surname is a name.
    for (text, speaker) in [
        (
            "国家统计局副局长盛来运表示，房地产市场仍处于调整之中。",
            "盛来运",
        ),
        ("“这是我的第一块金牌。”全红婵说。", "全红婵"),
        ("导演贾樟柯表示，电影要回到现实。", "贾樟柯"),
        ("张抒扬表示，医院将扩大门诊量。", "张抒扬"),
        ("台积电董事长魏哲家说：“需求很强劲。”", "魏哲家"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(
            typed(&s).first().copied(),
            Some((speaker, "person")),
            "{text}"
        );
    }
    // New words that are no names: a two-character noun (`高管`), a word inside a clause
    // (`也/许是`).
    let s = run("x", &[p("公司高管表示，今年不会裁员。")]);
    assert!(
        typed(&s).iter().all(|(_, kind)| *kind != "person"),
        "{:?}",
        typed(&s)
    );
    let s = run(
        "x",
        &[p(
            "但也许是觉得不妥，拉姆斯菲尔德赶紧补充称，应由当地人民自己决定。",
        )],
    );
    assert!(
        typed(&s).iter().all(|(who, _)| *who != "许是"),
        "{:?}",
        typed(&s)
    );
}

#[test]
fn a_question_reported_as_answered_or_after_a_comma_pairs_with_its_answer() {
    // `在回答彭博社记者关于…的提问时，X表示，…` (the outlet is the asker's) and `有记者问，…。X回应说，…`
    // (the question after the comma, ending with a full stop).
    let s = run(
        "商务部部长记者会",
        &[
            p("3月6日，十四届全国人大二次会议举行经济主题记者会。"),
            p(
                "在回答彭博社记者关于中美经贸关系的提问时，商务部部长王文涛表示，中美经贸关系的本质是互利共赢。",
            ),
            p("在回答中央广播电视总台记者有关提振消费的问题时，王文涛说，今年将开展消费促进活动。"),
        ],
    );
    assert_eq!(s.kind, DocKind::PressConference);
    assert_eq!(
        pairs_of(&s)
            .iter()
            .map(|(q, who, org, _)| (q.as_str(), who.as_deref(), org.as_deref()))
            .collect::<Vec<_>>(),
        [
            ("中美经贸关系", Some("王文涛"), Some("彭博社")),
            ("提振消费", Some("王文涛"), Some("中央广播电视总台")),
        ]
    );
    let s = run(
        "国新办新闻发布会",
        &[
            p("4月16日，国新办举行新闻发布会，国家统计局副局长李明介绍情况。"),
            p("有记者问，当前消费恢复是否可持续。李明回应说，消费有望保持稳定增长。"),
        ],
    );
    assert_eq!(s.pairs.len(), 1, "{:?}", pairs_of(&s));
    assert!(s.pairs[0].question.starts_with("当前消费恢复"));
    assert!(all_answered_by(&s, "李明"));
}

#[test]
fn an_askers_outlet_is_the_outlet_without_bullets_or_existential_words() {
    // `36氪:` is an outlet that starts with digits (numbering is `1.` or `Q1`); a bullet
    // (`■北青报：`) is no part of a label; `还有记者问：` names no outlet `还有`.
    for (asker, outlet) in [
        ("36氪", "36氪"),
        ("■北青报", "北青报"),
        ("◆新京报", "新京报"),
    ] {
        let s = run(
            "对话",
            &[
                p("本报记者日前专访了张明。"),
                p(&format!("{asker}：你怎么看？")),
                p("张明：很好。"),
                p(&format!("{asker}：下一步呢？")),
                p("张明：继续努力。"),
            ],
        );
        assert_eq!(s.pairs.len(), 2, "{asker}");
        assert!(
            s.pairs
                .iter()
                .all(|p| p.questioner_org.as_deref() == Some(outlet)),
            "{asker}: {:?}",
            pairs_of(&s)
        );
    }
    assert_eq!(crate::speech::text::strip_number("1.问"), "问");
    assert_eq!(crate::speech::text::strip_number("Q1"), "Q");
    let s = run(
        "市教育局新闻发布会",
        &[
            p("市教育局召开新闻发布会，市教育局局长陈红出席。"),
            p("发布会上，有记者提问：今年学区划片调整的依据是什么？"),
            p("陈红回应称，划片调整综合考虑了学校承载能力等因素。"),
            p("还有记者问：对于已购学区房的家庭是否有过渡安排？"),
            p("对此，陈红表示，将设置三年过渡期。"),
        ],
    );
    // An event and a localizer (`发布会上，`) before a question cue.
    assert_eq!(s.pairs.len(), 2, "{:?}", pairs_of(&s));
    assert!(all_answered_by(&s, "陈红"));
    assert!(s.pairs.iter().all(|p| p.questioner_org.is_none()));
}

#[test]
fn a_verb_that_modifies_a_noun_or_states_a_stance_quotes_nothing() {
    // `专家指出的三个问题`: the verb before `的` and a noun modifies it; `表示关注，但…`,
    // `表示强烈不满和坚决反对。`: a stance, no words.
    for text in [
        "专家指出的三个问题，已经全部整改到位。",
        "他说的话没有人信。",
        "市场监管部门表示关注，但未透露具体细节。",
        "中方对此表示强烈不满和坚决反对。",
        "外交部发言人表示深切的哀悼。",
    ] {
        let s = run("x", &[p(text)]);
        assert!(s.quotes.is_empty(), "{text}: {:?}", spoken(&s));
    }
    // A stance followed by more reports that (`表示欢迎、期待…，认为…`); `说的，` closes a frame.
    for (text, speaker, words) in [
        (
            "顾委会主席陈建强表示欢迎、期待小组报告，认为工作不会重叠。",
            "陈建强",
            "欢迎、期待小组报告，认为工作不会重叠。",
        ),
        ("就像鲁迅说的，世上本没有路。", "鲁迅", "世上本没有路。"),
        (
            "王五表示欢迎外资企业来华投资。",
            "王五",
            "欢迎外资企业来华投资。",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(spoken(&s), [(speaker, words)], "{text}");
    }
}

#[test]
fn a_gesture_and_its_object_before_the_verb_are_not_the_speaker() {
    // `“…”李总拿起一部手机说。`: the speaker is the subject, not the gesture's object.
    for (text, speaker) in [
        ("“这就是我们的新产品。”李总拿起一部手机说。", "李总"),
        ("“谢谢你们。”老人握着志愿者的手说。", "老人"),
        ("村支书李明指着山坡对记者说：“这里以前是荒山。”", "李明"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(
            spoken(&s).first().map(|(who, _)| *who),
            Some(speaker),
            "{text}"
        );
    }
}

#[test]
fn nouns_that_start_with_bei_and_people_by_relation_or_trade_speak() {
    // `被告人`, `被害人`, `被访者` are nouns, not a passive `被`; family, neighbours and trades
    // are unnamed sources (`外卖骑手`, `儿子`, `前同事`), not the person named inside the
    // phrase (`雷军的一位前同事`).
    for (text, speaker, kind) in [
        ("被告人张某说：“我当时太冲动了。”", "张某", "person"),
        (
            "被告人李某称，自己对涉案资金来源并不知情。",
            "李某",
            "person",
        ),
        (
            "被害人家属表示，对判决结果基本满意。",
            "被害人家属",
            "unnamed",
        ),
        ("被访者表示，对服务满意。", "被访者", "unnamed"),
        (
            "一名外卖骑手告诉记者，平台算法让他们越跑越快。",
            "外卖骑手",
            "unnamed",
        ),
        ("“再玩五分钟。”儿子嘟囔着说。", "儿子", "unnamed"),
        (
            "小米创始人雷军的一位前同事告诉记者，雷军做事非常拼。",
            "前同事",
            "unnamed",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, kind)], "{text}");
    }
    // A passive with its agent still quotes nothing of the subject's.
    assert!(
        run("x", &[p("王立群被李华指责“不负责任”。")])
            .quotes
            .is_empty()
    );
}

#[test]
fn reported_words_before_their_speaker_and_a_verb_that_ends_the_sentence() {
    // Wire style: `…，董事长王建林表示。` — the clause after the last comma speaks, the
    // sentence before it is what was said (indirect).
    for (text, speaker, words) in [
        (
            "公司今年将加大研发投入，董事长王建林表示。",
            "王建林",
            "公司今年将加大研发投入",
        ),
        (
            "政府將持續推動改革，林佳龍說。",
            "林佳龍",
            "政府將持續推動改革",
        ),
        (
            "今年经济将保持稳定增长，多位经济学家表示。",
            "经济学家",
            "今年经济将保持稳定增长",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(spoken(&s), [(speaker, words)], "{text}");
        assert_eq!(s.quotes[0].kind, QuoteKind::Indirect, "{text}");
    }
    // A short clause or a pronoun with nobody named before says nothing.
    for text in ["张三来到现场，李四说。", "我们将继续支持香港发展，他说。"]
    {
        assert!(run("x", &[p(text)]).quotes.is_empty(), "{text}");
    }
}

#[test]
fn an_outlet_named_in_the_opening_asks_under_its_own_label() {
    // `南方周末记者日前专访了…` names the outlet; `南方周末：` (not bold, tagged as a name by the
    // segmenter) then asks. A title calling the document an interview keeps it one even when
    // its opening speaks of a court (`法官`).
    let s = run(
        "南方周末专访：一位法官的十年",
        &[
            p("南方周末记者日前专访了某基层法院法官刘志刚。"),
            p("南方周末：你审理过最难的案子是什么？"),
            p("刘志刚：是一起涉及老人赡养的案子。"),
            p("南方周末：你怎么处理的？"),
            p("刘志刚：我花了三个月时间做调解。"),
        ],
    );
    assert_eq!(s.kind, DocKind::Interview);
    assert_eq!(
        pairs_of(&s)
            .iter()
            .map(|(_, who, org, _)| (who.as_deref(), org.as_deref()))
            .collect::<Vec<_>>(),
        [
            (Some("刘志刚"), Some("南方周末")),
            (Some("刘志刚"), Some("南方周末"))
        ]
    );
    assert!(s.pairs.iter().all(|p| p.questioner.is_none()));
}

#[test]
fn labels_in_lenticular_brackets_put_questions_and_answers() {
    // `【记者】…？` / `【谷爱凌】…`: labels without a colon. Bracketed section headings of a
    // news digest (`【国内】`, `【专家观点】`) are no exchange.
    let s = run(
        "【对话】北京冬奥冠军谷爱凌：享受比赛的每一刻",
        &[
            p("北京冬奥会结束后，谷爱凌接受了记者的专访。"),
            p("【记者】比赛时你紧张吗？"),
            p("【谷爱凌】当然紧张，但我会把紧张转化成动力。"),
            p("【记者】接下来的目标是什么？"),
            p("【谷爱凌】继续学习，同时也会继续训练。"),
        ],
    );
    assert_eq!(s.kind, DocKind::Interview);
    assert_eq!(s.pairs.len(), 2);
    assert!(all_answered_by(&s, "谷爱凌"));
    let s = run(
        "早报",
        &[
            p("【国内】国务院召开常务会议。"),
            p("【国际】美联储宣布加息。"),
            p("【国内】多地出台楼市新政。"),
            p("【国际】欧盟峰会开幕？"),
        ],
    );
    assert!(s.pairs.is_empty() && s.kind == DocKind::Article);
}

#[test]
fn lines_of_a_scene_that_named_people_ask_are_no_exchange() {
    // A drama's lines (`赵刚：…？` / `李云龙：…`) in a report that speaks of no interview or
    // reporter: an article. The same labels after an opening that names an interview are one.
    let lines = [
        p("赵刚：老李，你这是要干什么？"),
        p("李云龙：干什么？打他个狗日的！"),
        p("赵刚：上级的命令你也不听了？"),
        p("李云龙：狭路相逢勇者胜！"),
    ];
    let mut doc = vec![p("电视剧《亮剑》播出多年，很多台词至今仍被观众津津乐道。")];
    doc.extend(lines.iter().cloned());
    let s = run("《亮剑》经典台词回顾", &doc);
    assert_eq!(s.kind, DocKind::Article);
    assert!(s.pairs.is_empty());
    let mut doc = vec![p("本报记者赵刚日前专访了演员李云龙。")];
    doc.extend(lines.iter().cloned());
    let s = run("演员谈角色", &doc);
    assert_eq!(s.pairs.len(), 2, "{:?}", pairs_of(&s));
}

#[test]
fn the_host_the_opening_names_hosts_and_answers_nothing() {
    // `…寿小丽主持。`: her closing words are the host's, no answer to the last question; an
    // invitation (`请…赵辰昕介绍情况`) is no part of a title. `主持人为陈伟鸿`: his questions
    // are the host's, and each guest the opening names answers under their own label.
    let s = run(
        "国新办新闻发布会",
        &[
            p(
                "国新办举行新闻发布会，请国家发展改革委副主任赵辰昕介绍情况，国新办新闻局副局长寿小丽主持。",
            ),
            bold_label("经济日报记者：", "如何扩大有效投资？"),
            bold_label("赵辰昕：", "我们将加快推进重大项目建设。"),
            bold_label("寿小丽：", "今天的发布会到此结束，谢谢大家。"),
        ],
    );
    assert_eq!(s.pairs.len(), 1, "{:?}", pairs_of(&s));
    assert_eq!(s.pairs[0].answerer.as_deref(), Some("赵辰昕"));
    assert_eq!(
        s.pairs[0].answerer_title.as_deref(),
        Some("国家发展改革委副主任")
    );
    let s = run(
        "圆桌对话：新能源汽车出海",
        &[
            p("长城汽车总裁穆峰、蔚来汽车联合创始人秦力洪参与了圆桌对话，主持人为陈伟鸿。"),
            p("陈伟鸿：中国车企出海面临的最大挑战是什么？"),
            p("穆峰：我认为是本地化。"),
            p("秦力洪：我补充一点，品牌认知也是很大挑战。"),
            p("陈伟鸿：贸易壁垒增加，企业该如何应对？"),
            p("秦力洪：积极推进海外建厂。"),
        ],
    );
    assert_eq!(
        s.pairs
            .iter()
            .map(|p| p.answerer.as_deref())
            .collect::<Vec<_>>(),
        [Some("穆峰"), Some("秦力洪"), Some("秦力洪")]
    );
}

#[test]
fn question_and_answer_labels_pair_once_and_within_one_paragraph() {
    // `问：…？` / `答：…` is an exchange even with one pair; `问：…？答：…` in one paragraph
    // is a question and its answer.
    let s = run(
        "招生政策",
        &[
            p("问：今年的招生计划有什么变化？"),
            p("答：今年我校计划招收本科生5000人，比去年增加200人。"),
        ],
    );
    assert_eq!(s.pairs.len(), 1);
    assert_ne!(s.kind, DocKind::Article);
    let s = run(
        "新版医保目录有哪些变化",
        &[
            p("国家医保局相关负责人就新版医保目录答记者问。"),
            bold_label(
                "问：",
                "新版目录新增了多少药品？答：本次调整共新增126个药品。",
            ),
            bold_label("问：", "新目录什么时候开始执行？答：2024年1月1日起执行。"),
        ],
    );
    assert_eq!(
        pairs_of(&s)
            .iter()
            .map(|(q, _, _, a)| (q.as_str(), a.as_deref()))
            .collect::<Vec<_>>(),
        [
            ("新版目录新增", Some("本次调整")),
            ("新目录什么时", Some("2024"))
        ]
    );
    // A narrative question cue with its answer once stays narrative.
    let s = run(
        "市民反映",
        &[p("记者问：“这里什么时候修好？”工作人员说，下个月。")],
    );
    assert!(s.pairs.is_empty());
}

#[test]
fn a_connector_before_zhichu_and_a_court_adverb_before_the_verb() {
    // `又指出` (the verb list's `又指` would end before `出`); `当庭`, `当场` before the verb are
    // no part of the speaker.
    for (text, speaker) in [
        ("王毅又指出，台湾问题是中国内政。", "王毅"),
        ("刘某当庭辩称，其并不知道该笔款项系诈骗所得。", "刘某"),
        ("张三当场表示，愿意赔偿。", "张三"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, "person")], "{text}");
    }
}

#[test]
fn a_demonstrative_and_a_title_refer_back_to_the_person_with_that_title() {
    // `市教育局负责人王强…。该负责人表示，…`: 王强, not an unnamed `负责人`.
    for follow in [
        "该负责人表示，今年将新建十所学校。",
        "这位负责人表示，今年将新建十所学校。",
    ] {
        let s = run("x", &[p("市教育局负责人王强介绍了有关情况。"), p(follow)]);
        assert_eq!(typed(&s), [("王强", "person")], "{follow}");
    }
    // Two people with the title: nobody can be told, the role stays.
    let s = run(
        "x",
        &[
            p("市教育局负责人王强和市卫健委负责人李明介绍了有关情况。"),
            p("该负责人表示，今年将新建十所学校。"),
        ],
    );
    assert!(
        typed(&s)
            .iter()
            .all(|(who, _)| !matches!(*who, "王强" | "李明"))
    );
}

#[test]
fn a_person_after_a_modifier_with_de_is_whom_a_pronoun_refers_to() {
    // `今年58岁的陈建国是…。“…”他说。`: the sentence's subject is the name after `的`.
    for opening in [
        "今年58岁的陈建国是村里的种粮大户。",
        "身为种粮大户的陈建国今年又扩种了三十亩。",
        // The predicate opens with a preposition.
        "今年58岁的陈建国在这条街上修了三十年自行车。",
        "种了一辈子地的陈建国对记者讲起了今年的收成。",
        // Role words between `的` and the name.
        "家住东城区的市民陈建国上午来到政务服务中心。",
        "今年62岁的种粮大户陈建国笑得合不拢嘴。",
    ] {
        let s = run(
            "x",
            &[p(&format!("{opening}“今年雨水好，收成应该不错。”他说。"))],
        );
        assert_eq!(typed(&s), [("陈建国", "person")], "{opening}");
    }
    // Traditional characters, a colon cue, and a woman's pronoun.
    let s = run(
        "x",
        &[p(
            "現年72歲的黃伯在深水埗住了四十多年。他說：「以前這條街很熱鬧，現在很多舖頭都關了門。」",
        )],
    );
    assert_eq!(typed(&s), [("黃伯", "person")]);
    let s = run(
        "x",
        &[p(
            "今年62岁的王桂芳在菜市场卖了二十年豆腐。“现在大家都用手机付款，我也学会了扫码。”她说。",
        )],
    );
    assert_eq!(typed(&s), [("王桂芳", "person")]);
    // A noun between `的` and the predicate: the name is a possessor, not the subject.
    let s = run(
        "x",
        &[p(
            "村支书陈建国的儿子在城里打工。“今年雨水好，收成应该不错。”他说。",
        )],
    );
    assert!(
        typed(&s).iter().all(|(who, _)| *who != "陈建国"),
        "{:?}",
        typed(&s)
    );
}

#[test]
fn an_outlet_in_title_marks_labels_its_reporter() {
    // `《环球时报》记者：`, `香港《南华早报》记者：`: the outlet without its title marks.
    for (label, outlet) in [
        ("《环球时报》记者：", "环球时报"),
        ("香港《南华早报》记者：", "香港南华早报"),
    ] {
        let s = run(
            "外交部例行记者会",
            &[
                p("外交部发言人毛宁主持例行记者会。"),
                bold_label(label, "中方对此有何评论？"),
                bold_label("毛宁：", "我们注意到有关报道。"),
            ],
        );
        assert_eq!(
            pairs_of(&s)
                .iter()
                .map(|(_, who, org, _)| (who.as_deref(), org.as_deref()))
                .collect::<Vec<_>>(),
            [(Some("毛宁"), Some(outlet))],
            "{label}"
        );
    }
}

#[test]
fn a_dateline_or_byline_a_paragraph_opens_with_speaks_for_nobody() {
    for (text, speaker) in [
        (
            "（中央社記者葉素萍台北30日電）行政院長卓榮泰今天前往應變中心視察，他表示「寧可備而不用，不可用而不備」。",
            "卓榮泰",
        ),
        (
            "新华社贝鲁特9月23日电（记者 刘宗亚）黎巴嫩卫生部23日晚发表声明说，空袭已造成至少492人死亡。",
            "黎巴嫩卫生部",
        ),
        (
            "【文匯報訊】行政長官李家超昨日出席論壇時表示，政府將全力拼經濟。",
            "李家超",
        ),
        (
            "本报讯（记者 王强）市教育局局长李明昨日表示，将新建十所学校。",
            "李明",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(
            spoken(&s).iter().map(|(who, _)| *who).collect::<Vec<_>>(),
            [speaker],
            "{text}"
        );
        // The speaker's title carries nothing of the dateline.
        assert!(
            s.quotes
                .iter()
                .all(|q| !q.speaker_title.as_deref().unwrap_or("").contains("讯")),
            "{text}"
        );
    }
    assert_eq!(
        text::blank("（記者）王", 12),
        "\u{3000}\u{3000}\u{3000}\u{3000}王"
    );
}

#[test]
fn a_short_answer_that_only_runs_the_meeting_is_the_hosts() {
    // A named spokesperson hosting (`下面请各位记者提问。`, `最后一个问题。`, `今天的发布会就到
    // 这里，谢谢各位。`): no answer to the question before.
    let s = run(
        "国新办举行新闻发布会",
        &[
            p("国务院新闻办公室今天举行新闻发布会，请国家统计局副局长盛来运介绍情况。"),
            bold_label(
                "国务院新闻办公室新闻局副局长、新闻发言人邢慧娜：",
                "下面请各位记者提问。",
            ),
            bold_label("第一财经记者：", "如何看待名义增速较低？"),
            bold_label("盛来运：", "主要是价格水平偏低。"),
            bold_label("邢慧娜：", "最后一个问题。"),
            bold_label("中国日报记者：", "居民收入增长情况如何？"),
            bold_label("盛来运：", "名义增长6.2%。"),
            bold_label("邢慧娜：", "今天的发布会就到这里，谢谢各位。"),
        ],
    );
    assert_eq!(
        s.pairs
            .iter()
            .map(|p| (p.questioner_org.as_deref(), p.answerer.as_deref()))
            .collect::<Vec<_>>(),
        [
            (Some("第一财经"), Some("盛来运")),
            (Some("中国日报"), Some("盛来运"))
        ]
    );
}

#[test]
fn reporters_asking_under_their_outlets_make_a_transcript_whatever_the_title() {
    // `一问一答｜…` is an explainer's title too; reporters named by outlet asking make it a
    // press transcript. A newsroom's own `十问十答` with bare `问：` labels stays an article.
    let s = run(
        "一问一答｜住建部部长倪虹谈房地产市场",
        &[
            p("全国人大举行记者会，住建部部长倪虹回答记者提问。"),
            bold_label("人民日报记者：", "下一步将如何稳定市场？"),
            bold_label("倪虹：", "我们将因城施策。"),
            bold_label("经济日报记者：", "保交楼进展如何？"),
            bold_label("倪虹：", "已交付超过300万套。"),
        ],
    );
    assert_eq!(s.kind, DocKind::PressConference);
    assert_eq!(s.pairs.len(), 2);
    let s = run(
        "个税汇算十问十答",
        &[
            p("问：哪些人需要办理汇算？"),
            p("答：年收入超过12万元的纳税人需要办理。"),
            p("问：什么时候办理？"),
            p("答：次年3月1日至6月30日。"),
        ],
    );
    assert_eq!(s.kind, DocKind::Article);
}

#[test]
fn a_reported_question_is_answered_where_it_is_reported() {
    // Someone quoted in a later paragraph (an analyst) answers nothing; their words stay a
    // quote.
    let s = run(
        "证监会打击财务造假",
        &[
            p("证监会主席吴清在会上表示，将严厉打击财务造假。"),
            p("在回答记者关于减持新规的提问时，吴清说，相关规则正在研究中。"),
            p("中信证券首席经济学家明明认为，政策力度超出预期。"),
        ],
    );
    assert!(all_answered_by(&s, "吴清"), "{:?}", pairs_of(&s));
    assert!(
        s.quotes.iter().any(|q| q.speaker == "明明"),
        "{:?}",
        spoken(&s)
    );
}

#[test]
fn a_narrative_report_puts_its_questions_in_many_phrasings() {
    // Press reports word the question many ways: `询问`, an asker with a modifier (`外国记者`),
    // the cue after an event adverbial (`在当天的记者会上，`), the question quoted and only
    // named (`在回答“…”的问题时`, `对于“…”的提问`), or `X在回答有关…的提问时表示`. Each is one
    // pair answered by the person named after (or before) it.
    let opening = p("商务部新闻发言人孙丽主持例行新闻发布会。");
    for (para, question, answerer) in [
        (
            "有记者询问，明年的财政赤字率会否上调？刘伟表示，将保持必要的支出强度。",
            "明年的财政赤字率会否上调？",
            "刘伟",
        ),
        (
            "在当天的记者会上，有记者问：房地产市场何时企稳？李明说，市场正在逐步恢复。",
            "房地产市场何时企稳？",
            "李明",
        ),
        (
            "在回答“医保目录何时调整”的问题时，张华说，今年下半年启动。",
            "医保目录何时调整",
            "张华",
        ),
        (
            "对于“退休年龄是否延迟”的提问，王强表示，将稳妥有序推进。",
            "退休年龄是否延迟",
            "王强",
        ),
        (
            "赵刚在回答有关芯片出口管制的提问时表示，中方坚决反对。",
            "芯片出口管制",
            "赵刚",
        ),
        (
            "有外国记者提问称，中方如何看待关税调整。孙丽回应称，贸易战没有赢家。",
            "中方如何看待关税调整",
            "孙丽",
        ),
    ] {
        let s = run("商务部举行例行新闻发布会", &[opening.clone(), p(para)]);
        assert_eq!(s.pairs.len(), 1, "{para}: {:?}", pairs_of(&s));
        assert_eq!(s.pairs[0].question, question, "{para}");
        assert_eq!(s.pairs[0].answerer.as_deref(), Some(answerer), "{para}");
    }
    // A question an article discusses (`对于“…”的问题，`) was put by nobody: no pair.
    let s = run(
        "延迟退休怎么改",
        &[p(
            "对于“谁来为养老金缺口买单”的问题，业内人士表示，需要多方共担。",
        )],
    );
    assert!(s.pairs.is_empty(), "{:?}", pairs_of(&s));
}

#[test]
fn a_label_right_after_a_put_question_answers_even_once() {
    // One exchange only: a question under a reporter's or a question label, then a name's
    // label used once and not in bold (`毛宁：`, `王女士：`, a rare surname `眭明：`), or a
    // name with the answer word (`毛宁答：`, whose label is no part of the answer).
    for (question, answer, answerer, text) in [
        (
            "法新社记者：日本首相将访华，中方有何评论？",
            "毛宁：我们欢迎日方作出努力。",
            "毛宁",
            "我们欢迎日方作出努力。",
        ),
        (
            "问：中方如何看待此次峰会成果？",
            "毛宁答：此次峰会取得了丰硕成果。",
            "毛宁",
            "此次峰会取得了丰硕成果。",
        ),
        (
            "记者：你觉得这次活动怎么样？",
            "王女士：挺好的，孩子们都很开心。",
            "王女士",
            "挺好的，孩子们都很开心。",
        ),
        (
            "路透社记者：中方将如何回应？",
            "眭明：中方将采取坚决措施。",
            "眭明",
            "中方将采取坚决措施。",
        ),
    ] {
        let s = run("外交部发言人答记者问", &[p(question), p(answer)]);
        assert_eq!(s.pairs.len(), 1, "{answer}: {:?}", pairs_of(&s));
        assert_eq!(s.pairs[0].answerer.as_deref(), Some(answerer), "{answer}");
        assert_eq!(s.pairs[0].answer, text, "{answer}");
    }
    // A statement under a name after a statement is no answer.
    let s = run(
        "两会声音",
        &[p("记者：代表们热议民生话题。"), p("张华：要把教育办好。")],
    );
    assert!(s.pairs.is_empty(), "{:?}", pairs_of(&s));
}

#[test]
fn explainers_scripts_and_scenes_are_no_exchange() {
    // Q&A-shaped text nobody is interviewed in: an explainer's `Q：`/`A：` (nobody named, no
    // question addressed to anyone), a comic dialogue's `甲：`/`乙：`, a scene between roles
    // (`母亲：`/`儿子：`, `民警：`/`王女士：`) in a document that speaks of no interview.
    for (title, lines) in [
        (
            "什么是数字人民币？一文看懂",
            [
                "Q：什么是数字人民币？",
                "A：它是法定货币的数字形式。",
                "Q：如何开通？",
                "A：下载App即可开通。",
            ],
        ),
        (
            "相声：买猴",
            [
                "甲：您最近忙什么呢？",
                "乙：我呀，忙着买猴呢。",
                "甲：买猴干什么？",
                "乙：这您就不知道了。",
            ],
        ),
        (
            "一次谈话",
            [
                "母亲：你今天作业写完了吗？",
                "儿子：早就写完了。",
                "母亲：那去睡觉吧？",
                "儿子：好的。",
            ],
        ),
        (
            "派出所里的一幕",
            [
                "民警：你的钱包是什么时候丢的？",
                "王女士：大概是下午三点。",
                "民警：里面有多少钱？",
                "王女士：两千多元。",
            ],
        ),
    ] {
        let blocks: Vec<Block> = lines.iter().map(|l| p(l)).collect();
        let s = run(title, &blocks);
        assert_eq!(s.kind, DocKind::Article, "{title}");
        assert!(s.pairs.is_empty(), "{title}: {:?}", pairs_of(&s));
    }
    // Investors asking a company, and questions put to someone (`你怎么看…？`) under `问：`
    // whose interviewee goes unnamed, stay exchanges.
    for (title, lines) in [
        (
            "公司回复投资者提问",
            [
                "投资者：公司产品是否用于储能？",
                "董秘：可用于储能领域。",
                "投资者：今年产能如何？",
                "董秘：产能稳步提升。",
            ],
        ),
        (
            "教育专家谈双减",
            [
                "问：你怎么看双减政策？",
                "答：这是一项好政策。",
                "问：家长该怎么做？",
                "答：多陪伴孩子。",
            ],
        ),
    ] {
        let blocks: Vec<Block> = lines.iter().map(|l| p(l)).collect();
        let s = run(title, &blocks);
        assert_eq!(s.pairs.len(), 2, "{title}: {:?}", pairs_of(&s));
    }
}

#[test]
fn a_reporter_labelled_with_a_name_asks_under_the_name_alone_too() {
    // `央视记者 董倩：` (a space before the name; an outlet with digits), then `董倩：`: the
    // reporter asks both times, the interviewee answers.
    for (first, name, outlet) in [
        ("央视记者 董倩：", "董倩", "央视"),
        ("21世纪经济报道记者 王芳：", "王芳", "21世纪经济报道"),
        ("新华社记者李丽：", "李丽", "新华社"),
    ] {
        let s = run(
            "专访钟南山",
            &[
                p(&format!("{first}疫情什么时候结束？")),
                p("钟南山：还需要一段时间。"),
                p(&format!("{name}：您对年轻人有什么建议？")),
                p("钟南山：保护好自己。"),
            ],
        );
        assert_eq!(
            s.pairs
                .iter()
                .map(|p| (
                    p.questioner.as_deref(),
                    p.questioner_org.as_deref(),
                    p.answerer.as_deref()
                ))
                .collect::<Vec<_>>(),
            [(Some(name), Some(outlet), Some("钟南山")); 2],
            "{first}"
        );
    }
}

#[test]
fn a_photo_caption_inside_an_answer_neither_answers_nor_ends_it() {
    for caption in [
        "图为钟南山在接受采访。新华社记者 李强 摄",
        "▲ 钟南山在实验室。",
        "钟南山在实验室。（图：新华社）",
        "钟南山在新书签售会上。受访者供图",
        "发布会现场（人社部供图）",
        "钟南山在实验室。资料图片",
    ] {
        let s = run(
            "专访钟南山",
            &[
                p("记者：疫情什么时候结束？"),
                p("钟南山：还需要一段时间。"),
                p(caption),
                p("我们要有信心。"),
                p("记者：您对年轻人有什么建议？"),
                p("钟南山：保护好自己。"),
            ],
        );
        assert_eq!(s.pairs.len(), 2, "{caption}");
        assert_eq!(
            s.pairs[0].answer, "还需要一段时间。\n我们要有信心。",
            "{caption}"
        );
    }
}

#[test]
fn a_label_of_a_title_and_a_name_answers_even_once_and_not_in_bold() {
    // `国家卫生健康委医政司副司长邢若齐：` (not bold, longer than a short label): a person.
    let s = run(
        "国家卫健委发布会",
        &[
            p("国务院联防联控机制召开新闻发布会。"),
            p("记者：如何保障儿童就医需求？"),
            p("国家卫生健康委医政司副司长邢若齐：要求各地延长儿科门诊服务时间。"),
            p("记者：老年人如何做好冬季防护？"),
            p("北京大学第一医院感染疾病科主任王贵强：及时接种流感疫苗。"),
        ],
    );
    assert_eq!(
        s.pairs
            .iter()
            .map(|p| p.answerer.as_deref())
            .collect::<Vec<_>>(),
        [Some("邢若齐"), Some("王贵强")]
    );
}

#[test]
fn a_follow_up_is_put_by_whoever_asked_before() {
    let s = run(
        "外交部例行记者会",
        &[
            p("外交部发言人毛宁主持例行记者会。"),
            bold_label("法新社记者：", "你对此有何评论？"),
            bold_label("毛宁：", "美国不是南海问题当事方。"),
            bold_label("追问：", "中方是否会与菲方磋商？"),
            bold_label("毛宁：", "中方始终致力于对话协商。"),
        ],
    );
    assert_eq!(
        s.pairs
            .iter()
            .map(|p| p.questioner_org.as_deref())
            .collect::<Vec<_>>(),
        [Some("法新社"), Some("法新社")]
    );
}

#[test]
fn a_surname_and_a_title_refer_to_the_one_known_person_with_that_surname() {
    // `杨指导`, `王市长` after `主教练杨鸣`, `市长王强`; `王总` alone is a person. `陈先生` is
    // whom the writer calls so (a resident), not an official of the same surname.
    for (text, speaker) in [
        (
            "辽宁队主教练杨鸣坦言，球队输在了细节上。“最后两分钟我们有两次失误。”杨指导说。",
            "杨鸣",
        ),
        ("市长王强表示，将加快建设。王市长还说，明年开工。", "王强"),
    ] {
        let s = run("x", &[p(text)]);
        assert!(
            spoken(&s).iter().all(|(who, _)| *who == speaker) && s.quotes.len() == 2,
            "{text}: {:?}",
            spoken(&s)
        );
    }
    assert_eq!(
        typed(&run("x", &[p("王总表示，数字化营销很重要。")])),
        [("王总", "person")]
    );
    let s = run(
        "x",
        &[p(
            "财政司司长陈茂波出席活动。市民陈先生表示，担心楼价下跌。",
        )],
    );
    assert!(
        spoken(&s).iter().any(|(who, _)| *who == "陈先生"),
        "{:?}",
        spoken(&s)
    );
    // Two people with the surname: nobody can be told.
    let s = run(
        "x",
        &[p("市长王强和副市长王明出席。王市长表示，明年开工。")],
    );
    assert!(
        spoken(&s)
            .iter()
            .all(|(who, _)| !matches!(*who, "王强" | "王明"))
    );
}

#[test]
fn a_demonstrative_description_is_the_person_named_last() {
    // `这名巴西前锋`: no title of anyone's, a description of whom the text named last.
    let s = run(
        "x",
        &[p(
            "梅开二度的法比奥显得很兴奋。“这是我最重要的进球。”这名巴西前锋说。",
        )],
    );
    assert_eq!(typed(&s), [("法比奥", "person")]);
    // Without a demonstrative the noun is an unnamed source.
    let s = run(
        "x",
        &[p("法比奥进了两球。一名巴西球迷说，这场比赛很精彩。")],
    );
    assert!(
        spoken(&s).iter().all(|(who, _)| *who != "法比奥"),
        "{:?}",
        spoken(&s)
    );
}

#[test]
fn after_a_marker_a_title_word_or_a_trade_heads_an_unnamed_source() {
    for (text, speaker) in [
        (
            "一位不愿具名的私募基金经理对财新记者说，动力电池行业产能过剩。",
            "私募基金经理",
        ),
        (
            "一位贵州本地的茅台经销商告诉记者，今年旺季不旺。",
            "茅台经销商",
        ),
        ("商场一名保安说，当时人很多。", "保安"),
        ("公诉人指出，被告人应从重处罚。", "公诉人"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, "unnamed")], "{text}");
    }
}

#[test]
fn what_the_speaker_was_doing_before_shi_is_no_part_of_the_speaker() {
    for (text, speaker) in [
        ("王大明讲话时表示，要加快发展。", "王大明"),
        ("導演張曜元上台領獎時表示，這部電影拍了五年。", "張曜元"),
        ("李强会见客人时说，欢迎来访。", "李强"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, "person")], "{text}");
    }
}

#[test]
fn question_labels_numbered_after_the_word_put_questions() {
    // `问题1：`, `问一：` are question labels; `问题：` alone heads a how-to's problem.
    for (a, b) in [("问题1：", "问题2："), ("问一：", "问二：")] {
        let s = run(
            "招生政策",
            &[
                p(&format!("{a}今年的招生计划有什么变化？")),
                p("答：今年计划招收5000人。"),
                p(&format!("{b}学费呢？")),
                p("答：学费不变。"),
            ],
        );
        assert_eq!(s.pairs.len(), 2, "{a}");
    }
    let s = run(
        "电脑蓝屏怎么办",
        &[p("问题：电脑开机蓝屏？"), p("解决：重装系统即可。")],
    );
    assert!(s.pairs.is_empty());
}

#[test]
fn in_an_exchange_a_short_label_that_starts_with_a_surname_is_a_person() {
    // `屠呦呦` (the segmenter reads `屠/nr 呦/e 呦/e`), bold, answering a reporter's label.
    let s = run(
        "专访诺贝尔奖得主屠呦呦",
        &[
            p("中国中医科学院终身研究员屠呦呦日前接受了本报记者专访。"),
            bold_label("记者：", "青蒿素研究最艰难的时候是什么时候？"),
            bold_label("屠呦呦：", "是190次失败之后。"),
            bold_label("记者：", "您对年轻科研人员有什么寄语？"),
            bold_label("屠呦呦：", "要耐得住寂寞。"),
        ],
    );
    assert!(
        s.pairs.len() == 2 && all_answered_by(&s, "屠呦呦"),
        "{:?}",
        pairs_of(&s)
    );
}

/// Each text, alone in a document, gives one quote by `speaker` of type `kind`.
fn one_speaker_each(kind: &str, cases: &[(&str, &str)]) {
    for (text, speaker) in cases {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(*speaker, kind)], "{text}");
    }
}

#[test]
fn a_transliterated_name_may_be_longer_than_a_chinese_one() {
    // `内塔尼亚胡/nrt` (five characters), `阿尔巴尼/nrt 斯`.
    one_speaker_each(
        "person",
        &[
            ("以色列总理内塔尼亚胡表示，行动将继续。", "内塔尼亚胡"),
            ("澳大利亚总理阿尔巴尼斯表示，将加强合作。", "阿尔巴尼斯"),
        ],
    );
}

#[test]
fn a_title_word_the_segmenter_reads_whole_keeps_its_last_character() {
    // `主教练/n 琼斯/nrt`: `练` ends `教练`, it does not start a name `练琼斯`; a
    // two-character name without a surname still takes one from a title the segmenter split
    // (`主/任何/立平` → `主任`, `何立平`).
    one_speaker_each(
        "person",
        &[
            ("主教练琼斯表示，球队表现不错。", "琼斯"),
            ("队长马克说，大家尽力了。", "马克"),
            ("主任何立平表示，工作正在推进。", "何立平"),
        ],
    );
}

#[test]
fn a_manner_verb_before_the_cue_is_cut_at_its_word_not_inside_it() {
    // `朱桂芳苦笑说`: the trailing `笑` falls inside the word `苦笑/v`, which goes whole.
    one_speaker_each(
        "person",
        &[
            ("「以前掃兩條街。」朱桂芳苦笑說。", "朱桂芳"),
            ("“真没想到。”陈建国苦笑道。", "陈建国"),
            ("控方證人梁志偉供稱，他在現場。", "梁志偉"),
            ("原告陈先生诉称，大衣的羊毛含量不足。", "陈先生"),
        ],
    );
}

#[test]
fn mou_marks_an_unnamed_source_and_trades_and_officers_are_sources() {
    one_speaker_each(
        "unnamed",
        &[
            (
                "某头部券商分析师表示，市场调整较为充分。",
                "某头部券商分析师",
            ),
            ("某股份制银行人士透露，额度已经用完。", "某股份制银行人士"),
            ("民警表示，此类团伙往往以老年人为目标。", "民警"),
            ("承办法官介绍，该案已审结。", "承办法官"),
            ("一位连锁品牌加盟商表示，毛利已不足2元。", "连锁品牌加盟商"),
        ],
    );
    // An anonymised person stays a person.
    let s = run("x", &[p("被告人王某称，他不知情。")]);
    assert_eq!(typed(&s), [("王某", "person")]);
}

#[test]
fn announcements_and_bulletins_are_said_by_the_company_or_office() {
    one_speaker_each(
        "organisation",
        &[
            ("华远酒业发布公告称，预计全年净利润增长18%。", "华远酒业"),
            (
                "恒润股份11月6日晚间公告，公司与一家车企签订供货协议。",
                "恒润股份",
            ),
            ("蒙泉乳业公告称，公司董事长辞职。", "蒙泉乳业"),
            ("据警方通报，一名男子酒后驾车被查。", "警方"),
        ],
    );
    // The announcement as a document is no speaker.
    let s = run("x", &[p("该公告显示，公司营收增长两成。")]);
    assert!(typed(&s).is_empty(), "{:?}", typed(&s));
}

#[test]
fn qi_before_a_noun_is_a_possessive_and_the_noun_speaks() {
    let s = run(
        "x",
        &[
            p("歌手林曉晴宣布暫別樂壇。"),
            p("其唱片公司發言人表示，尊重她的決定。"),
            p("其妻子表示，他身体很好。"),
            p("其表示，将会上诉。"),
        ],
    );
    assert_eq!(
        typed(&s),
        [
            ("唱片公司發言人", "unnamed"),
            ("妻子", "unnamed"),
            ("林曉晴", "person")
        ]
    );
}

#[test]
fn an_outlet_that_starts_with_you_keeps_it_and_traditional_existentials_go() {
    // `有線記者問` is i-Cable's reporter (not `線`); `還有新華社記者問` is Xinhua's; `在場記者`
    // is a reporter present, no outlet.
    let s = run(
        "x",
        &[
            p("行政長官李家超今早會見傳媒。"),
            p("有線記者問：北都進度如何？"),
            p("李家超：北都是重中之重。"),
            p("還有新華社記者問：何時完成？"),
            p("李家超：會盡快。"),
            p("在場記者：還有嗎？"),
            p("李家超：沒有了。"),
        ],
    );
    let orgs: Vec<Option<&str>> = s
        .pairs
        .iter()
        .map(|q| s.turns[q.question_turn].speaker_org.as_deref())
        .collect();
    assert_eq!(orgs, [Some("有線"), Some("新華社"), None]);
}

#[test]
fn photo_captions_between_exchanges_are_no_part_of_an_answer() {
    for caption in [
        "▲ 周子恆在台北接受訪問。",
        "周子恆在片場指導演員。（攝影：陳大文）",
        "周子恆與外婆合照。（圖：受訪者提供）",
        "攝：陳大文",
    ] {
        let s = run(
            "x",
            &[
                p("導演周子恆接受端傳媒專訪。"),
                p("端：靈感來自哪裡？"),
                p("周子恆：來自我外婆。"),
                p(caption),
                p("端：你同意嗎？"),
                p("周子恆：我不太同意。"),
            ],
        );
        assert_eq!(s.pairs.len(), 2, "{caption}");
        let answer = &s.turns[s.pairs[0].answer_turn];
        assert!(
            !answer.text.contains("周子恆在") && !answer.text.contains("攝"),
            "{caption}: {}",
            answer.text
        );
        assert_eq!(answer.last_seq, answer.first_seq, "{caption}");
    }
}

#[test]
fn a_subject_before_a_word_of_frequency_is_whom_a_later_pronoun_means() {
    // `熟客李志强每天/r 都来`: the person just introduced, not the last speaker.
    for (intro, speaker) in [
        (
            "熟客李志強每天都來。他說：「以後唔知去邊食早餐。」",
            "李志強",
        ),
        ("退休教师王建国每年都会回来。他说，这里变化很大。", "王建国"),
        // A description the segmenter tags as verbs (`快递/v 小哥`, `返乡/v 创业 青年/t`).
        (
            "快递小哥孙浩每天要送两百多件包裹。“最怕的就是下雨天，”他笑着说。",
            "孙浩",
        ),
        (
            "返乡创业青年刘小军每年都要带回一批新品种。他说，农村一样能过上好日子。",
            "刘小军",
        ),
    ] {
        let s = run("x", &[p("老闆吳家輝表示，難以經營。"), p(intro)]);
        assert_eq!(typed(&s)[1], (speaker, "person"), "{intro}");
    }
    // A verb, not a title, right before the name: `感谢/v 孙浩` names its object.
    let s = run(
        "x",
        &[
            p("老闆吳家輝表示，難以經營。"),
            p("市民感谢孙浩每天送来包裹。“最怕的就是下雨天，”他笑着说。"),
        ],
    );
    assert!(
        typed(&s).iter().all(|(who, _)| *who != "孙浩"),
        "{:?}",
        typed(&s)
    );
}

#[test]
fn a_manner_word_before_the_verb_after_the_words_is_no_part_of_the_speaker() {
    for text in [
        "“只要肯干，在农村一样能过上好日子。”返乡创业青年刘小军这样说道。",
        "“只要肯干，在农村一样能过上好日子。”刘小军如此说。",
        "“只要肯干，在农村一样能过上好日子。”谈起这几年，刘小军这么说。",
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [("刘小军", "person")], "{text}");
    }
}

#[test]
fn an_outlet_in_parentheses_after_a_question_or_reporter_label_asks() {
    let s = run(
        "x",
        &[
            p("行政長官李家超今早會見傳媒。"),
            p("問（有線新聞）：北都進度如何？"),
            p("李家超：北都是重中之重。"),
            p("記者陳嘉欣（明報）：何時完成？"),
            p("李家超：會盡快。"),
        ],
    );
    let asked: Vec<(Option<&str>, Option<&str>)> = s
        .pairs
        .iter()
        .map(|q| {
            let t = &s.turns[q.question_turn];
            (t.speaker_org.as_deref(), t.speaker.as_deref())
        })
        .collect();
    assert_eq!(
        asked,
        [(Some("有線新聞"), None), (Some("明報"), Some("陳嘉欣"))]
    );
    assert!(
        s.pairs
            .iter()
            .all(|q| q.answerer.as_deref() == Some("李家超"))
    );
}

#[test]
fn a_question_reported_with_bei_wen_dao_ends_at_shi_and_the_verb_after_answers() {
    // `被問到…時表示，`: the question is what was asked (not `到…時表示`), `時間` is no `時`,
    // and the one who was asked answers (not a word inside the answer: `硬指標`).
    for (text, q) in [
        (
            "行政長官李家超今早見記者，被問到公屋輪候時間時表示，政府不會設硬指標。",
            "公屋輪候時間",
        ),
        (
            "行政長官李家超今早見記者，被問及此事時，他表示，政府不會設硬指標。",
            "此事",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(s.pairs.len(), 1, "{text}");
        assert_eq!(s.turns[s.pairs[0].question_turn].text, q, "{text}");
        assert_eq!(s.pairs[0].answerer.as_deref(), Some("李家超"), "{text}");
    }
}

#[test]
fn a_label_that_is_the_title_of_one_known_person_answers_even_once() {
    let s = run(
        "x",
        &[
            p("保安局局長鄧炳強與消防處處長楊恩健舉行記者會。"),
            p("問：火警原因？"),
            p("處長：初步相信是電線短路。"),
            p("問：會否立法？"),
            p("局長：我們會研究。"),
        ],
    );
    let answerers: Vec<Option<&str>> = s.pairs.iter().map(|q| q.answerer.as_deref()).collect();
    assert_eq!(answerers, [Some("楊恩健"), Some("鄧炳強")]);
    // The label is no part of the answer.
    assert!(!s.turns[s.pairs[0].answer_turn].text.contains("處長："));
}

#[test]
fn yu_inside_an_offices_name_joins_it_and_the_person_after_speaks() {
    for (text, title) in [
        (
            "金融监管总局统计信息与风险监测司司长刘志清介绍，前三季度贷款增长较快。",
            "金融监管总局统计信息与风险监测司司长",
        ),
        (
            "统计信息与风险监测司司长刘志清介绍，贷款增长较快。",
            "统计信息与风险监测司司长",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [("刘志清", "person")], "{text}");
        assert_eq!(s.quotes[0].speaker_title.as_deref(), Some(title), "{text}");
    }
}

#[test]
fn a_laugh_a_sigh_or_a_shout_attributes_the_words_in_marks_after_it() {
    let s = run(
        "x",
        &[
            p("檔主郭美玲重開檔口。"),
            p("她苦笑：「一晚要交八百蚊。」"),
            p("市民大嗌：「加油！」"),
            // Without quotation marks a laugh attributes nothing.
            p("大家都笑了，气氛很好。"),
        ],
    );
    assert_eq!(typed(&s), [("郭美玲", "person"), ("市民", "unnamed")]);
    assert!(s.quotes.iter().all(|q| q.kind == QuoteKind::Direct));
}

#[test]
fn but_continues_the_subject_and_opens_someone_elses_words() {
    for (text, expected) in [
        // `但` before a verb alone: the subject of the clause before speaks.
        (
            "陈大明同意此说法，但强调：“我没有看见。”",
            vec![("陈大明", "person")],
        ),
        // `但` before another speaker: that one's words end the first speaker's.
        (
            "王强认为经济会好转，但专家表示，仍有风险。",
            vec![("王强", "person"), ("专家", "unnamed")],
        ),
        // A concessive clause's subject is no speaker (`虽然中国…，但认为…`).
        (
            "劉智鵬在庭上解釋，「革命」指推翻政權。雖然中國受西方影響，但認為應以政治意思為先。",
            vec![("劉智鵬", "person")],
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), expected, "{text}");
    }
}

#[test]
fn a_host_giving_the_floor_leaves_the_question_open_and_a_named_host_answers_nothing() {
    let s = run(
        "x",
        &[
            p("国新办举行发布会，某部副部长刘建新介绍情况。"),
            p("央视记者：进展如何？"),
            p("主持人：请刘建新副主任回答。"),
            p("刘建新：顺利推进。"),
            p("路透社记者：投资如何？"),
            p("主持人：请刘建新副主任回答。"),
            p("刘建新：增长16%。"),
            p("主持人寿小丽：谢谢刘主任。下一个问题。"),
        ],
    );
    assert_eq!(s.kind, DocKind::PressConference);
    let rows: Vec<(Option<&str>, Option<&str>)> = s
        .pairs
        .iter()
        .map(|q| {
            (
                s.turns[q.question_turn].speaker_org.as_deref(),
                q.answerer.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Some("央视"), Some("刘建新")),
            (Some("路透社"), Some("刘建新"))
        ]
    );
}

#[test]
fn quoted_words_ending_the_paragraph_after_reported_ones_go_on_with_them() {
    // `X说，A。“B。”` with no cue of B's own: one attribution, mixed.
    for (text, speaker) in [
        (
            "黄振华说，急诊科一直缺人。“年轻医生都不愿意来急诊。”",
            "黄振华",
        ),
        (
            "店主邓丽华却说，排队并不意味着赚钱。“房租一年涨了三成。”",
            "邓丽华",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(s.quotes.len(), 1, "{text}");
        assert_eq!(s.quotes[0].speaker, speaker, "{text}");
        assert_eq!(s.quotes[0].kind, QuoteKind::Mixed, "{text}");
        assert!(s.quotes[0].quote.ends_with("。”"), "{text}");
    }
    // With a cue of its own the quotation is its own.
    let s = run(
        "x",
        &[p("王强表示，公司运营正常。“我们有信心。”他补充道。")],
    );
    assert_eq!(s.quotes.len(), 2);
}

#[test]
fn a_persons_clause_before_a_colon_gives_their_words_however_it_is_said() {
    // `<person><predicate>：“<sentence>”` ending the paragraph, the predicate no verb of
    // speaking (`很着急`, `记得很清楚`); `他的母亲谭素珍` is the mother.
    for (text, speaker) in [
        (
            "主治医生邹建平记得很清楚：“她是我见过最坚强的病人之一。”",
            "邹建平",
        ),
        (
            "他的母亲谭素珍很着急：“三十岁不到就回家，亲戚们会怎么说？”",
            "谭素珍",
        ),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, "person")], "{text}");
        assert_eq!(s.quotes[0].kind, QuoteKind::Direct, "{text}");
    }
    // A sign's text, a nickname before more narrative: no quote.
    for text in [
        "门口的告示牌写着：“今日休息。”",
        "王强：“拼命三郎”，工作二十年。",
    ] {
        let s = run("x", &[p(text)]);
        assert!(typed(&s).is_empty(), "{text}: {:?}", typed(&s));
    }
}

#[test]
fn a_source_word_the_segmenter_tags_as_a_verb_still_heads_a_subject() {
    // `邻居/v 陈秀英`: the neighbour just introduced is whom `她` means, not the last speaker.
    let s = run(
        "x",
        &[
            p("“今晚是第五个了。”医生黄振华说。"),
            p("他的邻居陈秀英今年62岁。她告诉记者，补偿款还没谈拢。"),
        ],
    );
    assert_eq!(typed(&s), [("黄振华", "person"), ("陈秀英", "person")]);
}

#[test]
fn the_spokesperson_who_chairs_a_briefing_answers_what_reporters_ask() {
    let s = run(
        "x",
        &[
            p("外交部发言人韩雪梅主持例行记者会。"),
            p("法新社记者：中方能否证实？"),
            p("这个问题建议你向主管部门询问。"),
            p("路透社记者：能否介绍情况？"),
            p("我们注意到有关情况。"),
        ],
    );
    let rows: Vec<(Option<&str>, Option<&str>)> = s
        .pairs
        .iter()
        .map(|q| {
            (
                s.turns[q.question_turn].speaker_org.as_deref(),
                q.answerer.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Some("法新社"), Some("韩雪梅")),
            (Some("路透社"), Some("韩雪梅"))
        ]
    );
}

#[test]
fn an_interview_given_with_le_names_the_outlet_that_asks() {
    // `接受了经济日报记者的采访` as `接受经济日报记者采访`: bare `记者：` asks for the outlet.
    let s = run(
        "x",
        &[
            p("局长杨立伟接受了经济日报记者的采访。"),
            p("记者：进展如何？"),
            p("杨立伟：很好。"),
            p("记者：停车？"),
            p("杨立伟：新增泊位。"),
        ],
    );
    assert_eq!(s.pairs.len(), 2);
    for q in &s.pairs {
        assert_eq!(
            s.turns[q.question_turn].speaker_org.as_deref(),
            Some("经济日报")
        );
        assert_eq!(q.answerer.as_deref(), Some("杨立伟"));
    }
}

#[test]
fn a_request_in_bold_and_an_investors_label_put_questions() {
    // `请谈谈…。` in bold is a question as `…？` is, in an interview.
    let s = run(
        "x",
        &[
            p("作家孙立安接受本报专访。"),
            bold("请谈谈您的创作经历。"),
            p("我二十岁开始写诗。"),
            bold("说说您的下一部作品。"),
            p("可能会写母亲。"),
        ],
    );
    assert_eq!(s.pairs.len(), 2);
    assert!(
        s.pairs
            .iter()
            .all(|q| q.answerer.as_deref() == Some("孙立安"))
    );
    // `投资者：…？` at an earnings call: the investor asks.
    let s = run(
        "x",
        &[
            p("公司董事长王启明出席业绩说明会。"),
            p("投资者：海外业务进展如何？"),
            p("王启明：海外是重要方向。"),
            p("投资者：毛利率为何提升？"),
            p("王启明：产品结构改善。"),
        ],
    );
    assert_eq!(s.pairs.len(), 2);
    for q in &s.pairs {
        assert_eq!(q.questioner.as_deref(), Some("投资者"));
        assert_eq!(q.answerer.as_deref(), Some("王启明"));
    }
    // A reader's remark without a question is none.
    let s = run(
        "x",
        &[p("网友热议此事。"), p("网友：支持。"), p("网友：反对。")],
    );
    assert!(s.pairs.is_empty());
}

#[test]
fn a_contrast_after_an_ascii_comma_is_read_too() {
    // `,` is one byte, `，` three: the clause after either is read whole.
    let s = run("x", &[p("王强认为经济会好转,但专家表示,仍有风险。")]);
    assert_eq!(typed(&s), [("王强", "person"), ("专家", "unnamed")]);
}

#[test]
fn a_foreign_name_of_less_common_transliteration_characters_is_learned_whole() {
    // Xinhua's transliteration table has characters the first list lacked (`瑞`, `滕`, `露`,
    // `易`): a full name of them written anywhere, with or without `·`, is one name, and its
    // last part alone later stands for it — not `莱维`, not `滕贝格` of an organisation
    // `斯托尔`, not `丝·格丽克`.
    let cases: [(&[&str], &str); 4] = [
        (
            &[
                "北约秘书长斯托尔滕贝格在会后举行记者会。",
                "斯托尔滕贝格表示：“北约与俄罗斯之间存在重大分歧。”",
            ],
            "斯托尔滕贝格",
        ),
        (
            &[
                "扎克瑞·莱维在剧中扮演沙赞，还曾扮演过别的角色。",
                "莱维表示：“詹姆斯是我的好友。”",
            ],
            "扎克瑞·莱维",
        ),
        (
            &["露易丝·格丽克获得诺贝尔文学奖。格丽克表示，诗歌是孤独的。"],
            "露易丝·格丽克",
        ),
        (
            &["英国演员瑞安·雷诺兹出席活动。", "雷诺兹说：“我很高兴。”"],
            "瑞安·雷诺兹",
        ),
    ];
    for (paragraphs, speaker) in cases {
        let s = run_paragraphs(paragraphs);
        assert_eq!(typed(&s), [(speaker, "person")], "{paragraphs:?}");
        assert!(s.quotes[0].speaker_org.is_none(), "{paragraphs:?}");
    }
    // A Chinese name with one of these characters stays a Chinese name.
    one_speaker_each("person", &[("王瑞安表示，公司运营正常。", "王瑞安")]);
}

#[test]
fn a_surname_the_segmenter_reads_as_a_verb_opens_the_name() {
    // `包/v 云岗/ns`, `包/v 国华/nz`, `查/v 建国/ns`, `管/vn 志强/nrfg`: the surname is a word of
    // its own; where the name opens a clause, a headline or follows punctuation it is part of
    // the name — not an organisation `包` of a person `云岗`, and not no speaker at all.
    one_speaker_each(
        "person",
        &[
            ("包云岗表示，开源芯片还有很长的路要走。", "包云岗"),
            ("包国华表示，今年的经济形势比较复杂。", "包国华"),
            ("会上，查建国说，项目进展顺利。", "查建国"),
            ("管志强指出，基层治理需要更多人手。", "管志强"),
        ],
    );
    // A headline of the name and a colon.
    let s = run("包云岗：同台积电的差距不只在技术上", &[p("这是一篇文章。")]);
    assert_eq!(typed(&s), [("包云岗", "person")]);
    assert!(s.quotes[0].speaker_org.is_none());
    // A byline with the title in apposition, then a pronoun that stands for it.
    let s = run(
        "x",
        &[
            p("撰文 | 包云岗（中科院计算技术研究所研究员）"),
            p("在他看来，我们同台积电的差距不仅体现在工艺技术上。"),
        ],
    );
    assert_eq!(typed(&s), [("包云岗", "person")]);
    assert_eq!(
        s.quotes[0].speaker_title.as_deref(),
        Some("中科院计算技术研究所研究员")
    );
    // Still after a title word (`研究员包云岗`), as before.
    one_speaker_each(
        "person",
        &[(
            "中国科学院计算技术研究所研究员包云岗表示，差距还很大。",
            "包云岗",
        )],
    );
    // Not a preposition before a foreign name (`向/p 普京`), nor a verb before a noun that is
    // no name (`包/v 饺子/n`).
    let s = run("x", &[p("记者向普京提问。普京表示，俄方愿意继续对话。")]);
    assert_eq!(s.quotes[0].speaker, "普京");
    let s = run("x", &[p("包饺子表示，今年的经济形势比较复杂。")]);
    assert!(
        s.quotes.iter().all(|q| q.speaker != "包饺子"),
        "{:?}",
        typed(&s)
    );
}

#[test]
fn a_verb_after_the_comma_of_its_subjects_own_clause_reports_that_subjects_words() {
    // `X + predicate，指/称/强调…`: the clause before the comma has a predicate of its own (with
    // adverbs, a place or time, an object), and the verb after the comma reports the words of
    // its subject — a person, an organisation, after a title.
    let cases = [
        (
            "盧偉聰其後交代元朗襲擊事件，指警方在晚上約10時45分接獲報案。",
            "盧偉聰",
            "person",
            "警方在晚上",
        ),
        (
            "王建平在会上介绍了项目进展，称今年将完成投资目标。",
            "王建平",
            "person",
            "今年将完成",
        ),
        (
            "警方昨日發出新聞稿，指有人在現場投擲汽油彈。",
            "警方",
            "organisation",
            "有人在現場",
        ),
        (
            "华泰证券此前发表研报，称商汤毛利率优于同行。",
            "华泰证券",
            "organisation",
            "商汤毛利率",
        ),
        (
            "中国常驻联合国代表张军大使在会上阐述中方立场，强调推动局势降级是国际社会的迫切期待。",
            "张军",
            "person",
            "推动局势降级",
        ),
    ];
    for (text, speaker, kind, words) in cases {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, kind)], "{text}");
        assert!(
            s.quotes[0].quote.starts_with(words),
            "{text}: {:?}",
            s.quotes[0].quote
        );
        assert_eq!(s.quotes[0].kind, QuoteKind::Indirect, "{text}");
    }
    // Not a second quote inside words already reported in the sentence (`X表示，…，指…`), nor
    // a verb of opinion or wish after a clause (`…出席论坛，希望…`: often someone else's).
    let s = run(
        "x",
        &[p(
            "李小姐表示，要視乎背後的人手，指每次的記者會都會集中討論。",
        )],
    );
    assert_eq!(typed(&s), [("李小姐", "person")]);
    let s = run("x", &[p("王建平出席论坛并参观了展区，希望大家多提意见。")]);
    assert!(s.quotes.is_empty(), "{:?}", typed(&s));
}

#[test]
fn a_surname_read_as_an_adverb_before_a_form_of_address_is_how_someone_is_called() {
    // `曾/d 小姐`: the segmenter reads the surname `曾` as "once"; before `先生`, `女士`, `小姐`,
    // `太太` it is the surname, with or without a modifier before it.
    one_speaker_each(
        "person",
        &[
            ("曾小姐表示，要視乎背後的人手。", "曾小姐"),
            ("30歲的曾小姐說，他們並非代表抗爭者。", "曾小姐"),
            ("曾先生称，价格太高了。", "曾先生"),
            ("何先生表示，房子漏水已经三个月了。", "何先生"),
        ],
    );
    let s = run(
        "x",
        &[p(
            "主持人之一的曾小姐補充，指內地近日練兵的舉動是打壓集會自由。",
        )],
    );
    assert_eq!(s.quotes[0].speaker, "曾小姐");
    // Not a conjunction before `先生` (her husband).
    let s = run("x", &[p("王女士和先生一起来到现场，表示很满意。")]);
    assert!(
        s.quotes.iter().all(|q| q.speaker != "和先生"),
        "{:?}",
        typed(&s)
    );
}

#[test]
fn a_title_alone_is_the_one_known_person_with_that_title() {
    // `发言人表示` after `外交部发言人汪文斌…`: the title alone stands for the one person the
    // document names with it, in either script.
    let cases: [(&[&str], &str); 3] = [
        (
            &[
                "外交部发言人汪文斌主持例行记者会。",
                "发言人表示，中方坚决反对。",
            ],
            "汪文斌",
        ),
        (
            &["特首林鄭月娥昨日出席活動。", "特首表示，政府會盡快處理。"],
            "林鄭月娥",
        ),
        (
            &[
                "湖北好律律师事务所律师陈亮认为，收购濒危动物制品属违法行为。",
                "律师还分析称，老虎是国家一级保护野生动物。",
            ],
            "陈亮",
        ),
    ];
    for (paragraphs, speaker) in cases {
        let s = run_paragraphs(paragraphs);
        assert_eq!(
            s.quotes.last().map(|q| q.speaker.as_str()),
            Some(speaker),
            "{paragraphs:?}"
        );
    }
    // Two people with the title: the title alone stays as written.
    let s = run(
        "x",
        &[
            p("外交部发言人汪文斌和商务部发言人束珏婷分别回应。"),
            p("发言人表示，中方坚决反对。"),
        ],
    );
    assert_eq!(s.quotes.last().map(|q| q.speaker.as_str()), Some("发言人"));
    // The reporter is the writer, not a reporter the document names.
    let s = run(
        "x",
        &[p("本报记者王强报道。"), p("记者表示，现场秩序良好。")],
    );
    assert!(
        s.quotes.iter().all(|q| q.speaker != "王强"),
        "{:?}",
        typed(&s)
    );
}

#[test]
fn a_surname_that_is_a_preposition_opens_a_name_the_segmenter_tags_as_a_persons() {
    // `向/p 明德/nr`, `于/p 海波/nr`, `曾/d 庆和`: at a clause's start, after a title or before
    // quoted words' cue, the preposition is the surname — and `向明德表示` is no `向…表示`
    // ("said to …") fragment there.
    one_speaker_each(
        "person",
        &[
            ("向明德回应，政府会检讨有关安排。", "向明德"),
            ("市长向明德表示，政府会检讨有关安排。", "向明德"),
            ("于海波表示，市场仍有压力。", "于海波"),
            ("“这件事对公司声誉影响很大。”向东升说。", "向东升"),
            ("“市场仍有压力。”副部长刘向东说。", "刘向东"),
        ],
    );
    // Still "said to" after a subject: the subject speaks.
    let s = run("x", &[p("王强向李明表示，政府会检讨有关安排。")]);
    assert_eq!(typed(&s), [("王强", "person")]);
}

#[test]
fn a_department_ending_in_chu_is_an_organisation() {
    // Hong Kong departments (`消防處`, `入境處`, `警務處`) like `局`, `署`.
    one_speaker_each(
        "organisation",
        &[
            ("消防處表示，火警原因有待調查。", "消防處"),
            ("入境處表示，會跟進個案。", "入境處"),
        ],
    );
}

#[test]
fn foreign_names_with_a_hyphen_a_japanese_surname_or_a_minister_title() {
    // `让-吕克·莫雷尔`: a first given name joined by a hyphen is part of the name; `山/n
    // 田一郎/nr`: a Japanese family name the segmenter splits; `外相`, `大臣`: titles.
    one_speaker_each(
        "person",
        &[
            ("让-吕克·莫雷尔表示，通胀压力仍然存在。", "让-吕克·莫雷尔"),
            (
                "法国央行首席经济学家让-吕克·莫雷尔说：“通胀压力仍然存在。”",
                "让-吕克·莫雷尔",
            ),
            ("日本外相山田一郎表示，日方关注事态发展。", "山田一郎"),
            ("日本选手桥本大辉认为，这次的难度分偏低。", "桥本大辉"),
            ("英國外相大衛·哈靈頓日前表示，英方關注事態。", "大衛·哈靈頓"),
        ],
    );
    let s = run("x", &[p("英國外相大衛·哈靈頓日前表示，英方關注事態。")]);
    assert_eq!(s.quotes[0].speaker_title.as_deref(), Some("英國外相"));
    let s = run("x", &[p("日本外相山田一郎表示，日方关注事态发展。")]);
    assert!(s.quotes[0].speaker_org.is_none());
}

#[test]
fn reported_words_before_a_speech_verb_with_shuo_that_ends_the_sentence() {
    // Wire style with a verb that needs punctuation elsewhere (`补充`): `…，王强补充说。`,
    // `…，他补充说。`, traditional `補充說`.
    let cases: [(&[&str], &str, &str); 3] = [
        (
            &["秋粮收购工作进展顺利，王强补充说。"],
            "王强",
            "秋粮收购工作进展顺利",
        ),
        (
            &["王强出席了会议。秋粮收购工作进展顺利，他补充说。"],
            "王强",
            "秋粮收购工作进展顺利",
        ),
        (
            &["這個問題要分開處理，單新華補充說。"],
            "單新華",
            "這個問題要分開處理",
        ),
    ];
    for (paragraphs, speaker, words) in cases {
        let s = run_paragraphs(paragraphs);
        assert_eq!(spoken(&s), [(speaker, words)], "{paragraphs:?}");
    }
    // Not such a verb before more of the sentence (`补充说明了情况`), nor with nothing before.
    assert!(run("x", &[p("王强补充说明了有关情况。")]).quotes.is_empty());
    assert!(run("x", &[p("王强补充说。")]).quotes.is_empty());
}

#[test]
fn several_speakers_of_one_quote_are_listed_with_a_list_comma() {
    // `A及B`, `A和B`, `A、B均` before the cue: one quote of both, written `A、B` whatever the
    // joiner; a name the segmenter splits before the joiner (`黄程/n 灏/g 、`) stays whole.
    one_speaker_each(
        "person",
        &[
            (
                "葉劉淑儀及葉國謙表示，示威者背後必定有大台。",
                "葉劉淑儀、葉國謙",
            ),
            ("张海波和李东升均表示，市场仍有压力。", "张海波、李东升"),
            ("黃程灝、藍正宏均認為，必須維護香港法治。", "黃程灝、藍正宏"),
        ],
    );
    // A verb of opinion after the cue's comma is part of the words, not a cue of its own; a
    // reporting verb there is the cue (`质疑，称“…”`).
    let s = run("x", &[p("葉劉淑儀表示，相信示威者背後必定有大台。")]);
    assert_eq!(spoken(&s), [("葉劉淑儀", "相信示威者背後必定有大台。")]);
    let s = run("x", &[p("彭博社质疑，称“这是一个充满挑战性的目标”。")]);
    assert_eq!(s.quotes.len(), 1);
    assert_eq!(s.quotes[0].cue, "称");
    assert_eq!(s.quotes[0].kind, QuoteKind::Direct);
}

#[test]
fn a_name_the_segmenter_splits_into_other_words_is_one_name_when_it_is_the_whole_phrase() {
    // `谢/v 启明/v`: two or three characters after a surname, no dictionary word, the whole
    // speaker phrase.
    one_speaker_each(
        "person",
        &[("谢启明表示，债券市场短期可能出现波动。", "谢启明")],
    );
    // Words the dictionary knows, or a new word alone, are no name.
    for text in [
        "双方表示，将加强合作。",
        "管理层表示，公司运营正常。",
        "高管表示，公司运营正常。",
    ] {
        let s = run("x", &[p(text)]);
        assert!(
            s.quotes
                .iter()
                .all(|q| q.speaker_type != SpeakerType::Person),
            "{text}: {:?}",
            typed(&s)
        );
    }
}

#[test]
fn an_explainers_mark_over_an_interview_of_a_named_person_is_an_interview() {
    // `Q&A：` in the headline over an exchange a named person answers, whose opening speaks of
    // the interview: an interview, not an explainer.
    let blocks = [
        p("天翼汽车CEO韩子轩在上海车展期间接受了多家媒体采访。"),
        bold_label("Q：", "天翼的智驾系统什么时候能在全国开通？"),
        bold_label("A：", "我们计划在今年三季度实现全国都能开。"),
        bold_label("Q：", "你们会自研芯片吗？"),
        bold_label("A：", "芯片我们会自研，但不会放弃和合作伙伴的合作。"),
    ];
    let s = run("Q&A：天翼汽车CEO谈智能驾驶", &blocks);
    assert_eq!(s.kind, DocKind::Interview);
    assert_eq!(s.pairs.len(), 2);
    assert_eq!(s.pairs[0].answerer.as_deref(), Some("韩子轩"));
    // A writer's own questions and answers under such a title stay an article: the opening is
    // a byline, no interview.
    let blocks = [
        p("【撰文：维权律师卢思位】"),
        bold_label("一问：", "家属委托的律师无法介入案件，该怎么办？"),
        p("从此前的情况来看，当事人已经自行委托了两名辩护人。"),
        bold_label("二问：", "一审案件什么时候会有结果？"),
        p("法院立案后，一审应该在两个月内判决。"),
    ];
    let s = run("卢思位：偷渡案一审程序十问十答", &blocks);
    assert_eq!(s.kind, DocKind::Article);
    assert!(s.pairs.is_empty());
}

#[test]
fn a_reporters_label_with_the_question_verb_names_no_reporter_after_the_verb() {
    // `記者又問：`, `记者提问：` are the reporter's label, not a reporter named `又問`/`提问`;
    // `本报记者李明问：` is 李明's.
    let blocks = [
        p("市长王强今天出席记者会。"),
        bold_label("记者提问：", "地铁何时通车？"),
        bold_label("王强：", "明年年底。"),
        bold_label("記者又問：", "票價多少？"),
        bold_label("王强：", "还在研究。"),
        bold_label("本报记者李明问：", "会否延误？"),
        bold_label("王强：", "不会。"),
    ];
    let s = run("市长出席记者会", &blocks);
    assert_eq!(s.pairs.len(), 3);
    let askers: Vec<Option<&str>> = s.pairs.iter().map(|q| q.questioner.as_deref()).collect();
    assert_eq!(askers, [None, None, Some("李明")]);
    assert!(
        s.pairs
            .iter()
            .all(|q| q.answerer.as_deref() == Some("王强"))
    );
}

#[test]
fn a_name_the_document_repeats_as_a_speaker_is_one_though_the_segmenter_splits_it() {
    // Abbreviations and names of organisations no dictionary has (`記協` read as a verb,
    // `風雨蘭` split in two) speak when the document uses them as a speaker at least twice,
    // in traditional or simplified characters, with an adverb before the verb or not.
    let cases: &[(&[&str], &str, usize)] = &[
        (
            &[
                "記協指出，政府新聞稿刪去記者提問。",
                "記協亦都呼籲，當局切勿干預節目製作。",
            ],
            "記協",
            2,
        ),
        (
            &[
                "關注性暴力的團體今日公佈數據。",
                "風雨蘭批評政府對性暴力受害人支援不足。",
                "風雨蘭希望社會能夠更加關注性暴力。",
            ],
            "風雨蘭",
            2,
        ),
        (
            &["职工盟指出，最低工资应每年检讨。职工盟又批评，当局处理手法粗疏。"],
            "职工盟",
            2,
        ),
        (
            &["明愛表示，服務需求大增。", "明愛並呼籲，政府增撥資源。"],
            "明愛",
            2,
        ),
    ];
    for (paragraphs, speaker, n) in cases {
        let s = run_paragraphs(paragraphs);
        let by: Vec<&str> = s
            .quotes
            .iter()
            .filter(|q| q.speaker == *speaker)
            .map(|q| q.quote.as_str())
            .collect();
        assert_eq!(by.len(), *n, "{paragraphs:?}: {:?}", s.quotes);
        assert!(
            s.quotes
                .iter()
                .all(|q| q.speaker_type == SpeakerType::Organisation),
            "{paragraphs:?}: {:?}",
            s.quotes
        );
    }
    // Used once, such a phrase stays unread; a common noun (`会议`, `数据`), a document
    // (`通知`, `判決書`) or a connector (`同时`) repeated before a verb is no speaker.
    for paragraphs in [
        &["记协指出，政府新闻稿删去记者提问。"][..],
        &["会议强调，要做好防疫工作。会议指出，经济运行总体平稳。"],
        &["数据显示，三月份销量上涨。数据显示，四月份销量下跌。"],
        &["公司业绩下滑。同时表示，运营正常。同时表示，没有裁员计划。"],
        &[
            "通知强调，各地要严格审批。",
            "通知并强调，要加强对收费行为的监管。",
        ],
        &["判決書指出，原審並無犯錯。判決書亦指出，證供前後矛盾。"],
    ] {
        let s = run_paragraphs(paragraphs);
        assert!(s.quotes.is_empty(), "{paragraphs:?}: {:?}", s.quotes);
    }
}

#[test]
fn an_office_whose_name_opens_with_a_verbal_noun_speaks() {
    // `勞工及福利局`, `運輸及房屋局`, `商務及經濟發展局`: the first word is a verbal noun to
    // the segmenter (`劳工/vn`, `运输/vn`), the office's name goes on after `及`. A verbal
    // noun as a determiner (`上述/vn`) is no part of the speaker.
    let cases = [
        ("勞工及福利局表示，政府會研究相關數據。", "勞工及福利局"),
        (
            "勞工及福利局局長回應表示，政府會研究相關數據。",
            "勞工及福利局局長",
        ),
        (
            "运输及房屋局局长表示，政府会研究延长车票优惠。",
            "运输及房屋局局长",
        ),
        ("上述分析人士认为，价格仍有下调空间。", "分析人士"),
    ];
    for (text, speaker) in cases {
        assert_eq!(speakers(&run_paragraphs(&[text])), [speaker], "{text}");
    }
    // A verbal noun alone is the predicate's noun, no speaker.
    for text in [
        "调查显示，七成受访者支持延长假期。",
        "研究发现，睡眠不足影响记忆。",
    ] {
        let s = run_paragraphs(&[text]);
        assert!(s.quotes.is_empty(), "{text}: {:?}", s.quotes);
    }
}

#[test]
fn a_headline_speaker_after_quoted_words_or_before_a_verb_and_quoted_words() {
    // The speaker of a headline may follow a closing quotation mark (`“爆表”美联储官员：`), be a
    // Latin name and title in a Chinese headline (`CMarkits CEO：`), or put a speech verb and
    // its quoted object before the colon (`再回应“加速包”：`); with the verb, a name the
    // document uses (`平安资管`) is the speaker whole.
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "美国通胀“爆表”美联储官员：莫慌",
            &["美国公布的通胀数据远超预期。"],
            "美联储官员",
        ),
        (
            "CMarkits CEO：来自中国的强劲需求，助力全球原油市场复苏",
            &["国际油价本周继续上涨。"],
            "CEO",
        ),
        (
            "京东再回应“裁员传闻”：并未大规模裁员",
            &["有消息称京东将裁员。"],
            "京东",
        ),
        (
            "平安资管独家回应：平安目前无减持计划",
            &[
                "平安资管表示，京沪高铁项目具有长周期性。",
                "平安资管认为，项目回报稳定。",
            ],
            "平安资管",
        ),
    ];
    for (title, body, speaker) in cases {
        let blocks: Vec<Block> = body.iter().map(|t| p(t)).collect();
        let s = run(title, &blocks);
        let t: Vec<&str> = s
            .quotes
            .iter()
            .filter(|q| q.source == QuoteSource::Title)
            .map(|q| q.speaker.as_str())
            .collect();
        assert_eq!(t, [*speaker], "{title}: {:?}", s.quotes);
    }
    // A Latin headline's colon names nobody; nor a quoted word before a colon of a topic.
    for title in ["The Real Thing: a note", "“双减”一年：校外培训大幅减少"] {
        let s = run(title, &[p("正文。")]);
        assert!(
            s.quotes.iter().all(|q| q.source != QuoteSource::Title),
            "{title}: {:?}",
            s.quotes
        );
    }
}

#[test]
fn a_one_character_verb_right_after_a_whole_organisation_or_source_reports() {
    // `称`, `指` with no comma after an organisation or unnamed source of two characters or
    // more that ends right before the verb: its words.
    let cases = [
        ("中联办指有关谈话属内部言论。", "中联办"),
        ("一位货车司机称自家停在路边的货车被吹翻。", "货车司机"),
        ("警方称涉事男子已被刑事拘留。", "警方"),
    ];
    for (text, speaker) in cases {
        assert_eq!(speakers(&run_paragraphs(&[text])), [speaker], "{text}");
    }
    // An index (`沪指`), or a source the verb does not follow right after (`IT之家网友称` is no
    // quote of `IT`).
    for text in ["沪指震荡走高，深指跟涨。", "IT之家网友称收到了乱码短信。"]
    {
        let s = run_paragraphs(&[text]);
        assert!(
            s.quotes
                .iter()
                .all(|q| q.speaker != "沪" && q.speaker != "IT"),
            "{text}: {:?}",
            s.quotes
        );
    }
}

#[test]
fn a_married_names_short_form_with_an_adverb_is_the_known_person() {
    // `林鄭則`, `林鄭僅` (the segmenter: `林/ng 郑则/d`) are 林鄭月娥 with an adverb, not a name
    // `林鄭僅` that later mentions then resolve to; a given name read as an adverb (`王/nr
    // 立新/d`) stays a name.
    let s = run_paragraphs(&[
        "林鄭月娥出席記者會。",
        "林鄭僅說：「我們會聆聽。」",
        "林鄭則向記者說：「我們會繼續。」",
        "王立新表示，會繼續參選。",
    ]);
    assert_eq!(
        speakers(&s),
        ["林鄭月娥", "林鄭月娥", "王立新"],
        "{:?}",
        s.quotes
    );
}

/// Askers named with the question verb as their label (`读者王女士问：`, `議員鄧家輝問：`,
/// `网友小周追问：`) put questions that the next label or speaker answers; a named asker's
/// follow-up in the exchange (`議員梁淑嫻追問，…？`, `…則質疑，…`) is a question too, not an
/// answer; and an answer label with a title before the name (`醫務衞生局局長蘇文傑答：`) is the
/// name's. Negatives: a word ending in the verb (`顾问：`) and a scene of questions in a story.
#[test]
fn askers_named_with_the_question_verb() {
    // (title, paragraphs, expected (question start, asker, answerer) per pair)
    type Case<'a> = (&'a str, Vec<&'a str>, Vec<(&'a str, &'a str, &'a str)>);
    let cases: Vec<Case> = vec![
        (
            "法律信箱｜租房押金不退怎么办？",
            vec![
                "本栏目由执业律师解答读者来信中的法律问题。本期解答律师：正衡律师事务所律师陈静。",
                "读者王女士问：房东扣了全部押金，这样合理吗？",
                "陈静答：押金的性质是担保，房东只能在实际损失范围内扣除。",
                "建议您先收集证据，与房东协商。",
                "读者小刘问：室友欠租跑了，我需要承担吗？",
                "陈静答：要看租赁合同是谁和房东签的。",
            ],
            vec![
                ("房东扣了全部", "王女士", "陈静"),
                ("室友欠租跑了", "小刘", "陈静"),
            ],
        ),
        (
            "立法會質詢：議員關注醫療券",
            vec![
                "立法會今日舉行大會，多名議員就醫療券提出質詢。",
                "議員鄧家輝問：政府有冇統計過濫用個案？",
                "醫務衞生局局長蘇文傑答：衞生署去年共接獲186宗投訴。",
                "議員梁淑嫻追問，會唔會考慮擴展使用範圍？",
                "蘇文傑表示，當局正與內地有關部門商討。",
            ],
            vec![
                ("政府有冇統計", "鄧家輝", "蘇文傑"),
                ("會唔會考慮擴", "梁淑嫻", "蘇文傑"),
            ],
        ),
        (
            "市民热线｜公交站何时恢复",
            vec![
                "本期热线邀请市交通局副局长刘建平回答市民问题。",
                "网友小周追问：学校门口的公交站能不能恢复？",
                "刘建平答：站点将在下月恢复。",
            ],
            vec![("学校门口的公", "小周", "刘建平")],
        ),
    ];
    for (title, paragraphs, expected) in cases {
        let blocks: Vec<Block> = paragraphs.iter().map(|t| p(t)).collect();
        let s = run(title, &blocks);
        let got: Vec<(String, Option<String>, Option<String>)> = s
            .pairs
            .iter()
            .map(|p| {
                (
                    p.question.chars().take(6).collect(),
                    p.questioner.clone(),
                    p.answerer.clone(),
                )
            })
            .collect();
        let want: Vec<(String, Option<String>, Option<String>)> = expected
            .iter()
            .map(|(q, a, b)| (q.to_string(), Some(a.to_string()), Some(b.to_string())))
            .collect();
        assert_eq!(got, want, "{title}");
        assert_ne!(s.kind, DocKind::Article, "{title}");
        assert!(
            s.pairs.iter().all(|p| p.questioner_org.is_none()),
            "{title}: a reader or a councillor names no outlet: {:?}",
            s.pairs
        );
    }
    // Not askers: a word ending in the verb, and questions a story's characters put.
    for (title, paragraphs) in [
        (
            "某公司聘请新顾问",
            vec![
                "公司昨日宣布聘请三名外部专家。",
                "顾问：王强、李明、赵刚。",
                "新团队将于下月到任。",
            ],
        ),
        (
            "山里的守林人",
            vec![
                "傍晚，老张带我们巡山。",
                "小女孩问：一个人在山上不孤单吗？",
                "老张笑了笑，没有回答。",
            ],
        ),
    ] {
        let blocks: Vec<Block> = paragraphs.iter().map(|t| p(t)).collect();
        let s = run(title, &blocks);
        assert!(s.pairs.is_empty(), "{title}: {:?}", pairs_of(&s));
        assert_eq!(s.kind, DocKind::Article, "{title}");
    }
}

/// A paragraph that sets a new topic before its speaker (`对于土地供应，孙立平介绍，…`, `至於會否
/// 考慮…，陳國輝稱，…`, `关于明年的计划，…`) ends the answer before it: its words are a quote, not
/// more of the answer. A topic that points back at the question (`对于这个问题，`, `针对上述提问，`)
/// is the answer.
#[test]
fn a_new_topic_before_the_speaker_ends_the_answer() {
    let opening =
        "市政府今日举行新闻发布会，市住建局局长张明、市自然资源局副局长孙立平回答记者提问。";
    for (topic_paragraph, speaker) in [
        (
            "对于土地供应，孙立平介绍，今年全市安排保障性住房用地45公顷。",
            "孙立平",
        ),
        (
            "至於會否考慮輸入外地救生員，張明稱，當局會研究不同方案。",
            "張明",
        ),
        ("关于明年的计划，张明说，还将新建三千套。", "张明"),
    ] {
        let s = run(
            "市政府新闻发布会",
            &[
                p(opening),
                p("有记者提问：外地年轻人能否申请？张明表示，今年起取消户籍限制，均可申请。"),
                p(topic_paragraph),
            ],
        );
        assert_eq!(s.pairs.len(), 1, "{topic_paragraph}: {:?}", pairs_of(&s));
        assert!(
            s.pairs[0].answer.ends_with("均可申请。"),
            "{topic_paragraph}: {}",
            s.pairs[0].answer
        );
        assert!(
            body_quotes(&s).any(|q| super::text::fold(&q.speaker) == super::text::fold(speaker)),
            "{topic_paragraph}: {:?}",
            s.quotes
        );
    }
    for answer in [
        "对于这个问题，张明表示，今年起取消户籍限制。",
        "针对上述提问，张明回应称，今年起取消户籍限制。",
    ] {
        let s = run(
            "市政府新闻发布会",
            &[p(opening), p("有记者提问：外地年轻人能否申请？"), p(answer)],
        );
        assert_eq!(s.pairs.len(), 1, "{answer}: {:?}", pairs_of(&s));
        assert_eq!(s.pairs[0].answerer.as_deref(), Some("张明"), "{answer}");
    }
}

/// A paragraph wholly in parentheses after an answer is no part of it: a source line
/// (`（文章来源：证券时讯网）`) ends the answer, a photo credit (`（圖：眾聲新聞記者攝）`) is skipped
/// and the answer goes on after it. (Such a paragraph is blanked in the fold, which hid it from
/// both checks.)
#[test]
fn a_paragraph_in_parentheses_after_an_answer_is_no_part_of_it() {
    for (question, answer, note) in [
        (
            "投资者提问：董事长近期是否有增持计划？",
            "华辰股份董秘答：感谢您的关注。如有相关计划，公司将履行信息披露义务。",
            "（文章来源：证券时讯网）",
        ),
        (
            "記者：你覺得實體書店嘅未來係點？",
            "鄧永樂：書店唔係博物館，要搵到自己嘅位置，同社區連結。",
            "（圖：眾聲新聞記者攝）",
        ),
        (
            "记者：明年还会扩产吗？",
            "王强：会，我们计划再建两条产线。",
            "(本文仅代表受访者个人观点)",
        ),
    ] {
        let s = run(
            "专访",
            &[
                p("本报记者专访了华辰股份董秘与书店店主。"),
                p(question),
                p(answer),
                p(note),
            ],
        );
        assert_eq!(s.pairs.len(), 1, "{question}: {:?}", pairs_of(&s));
        assert!(
            !s.pairs[0].answer.contains(['（', '(']),
            "{note}: {}",
            s.pairs[0].answer
        );
    }
    // A credit between two paragraphs of one answer: the answer goes on after it.
    let s = run(
        "专访",
        &[
            p("記者：租金壓力大唔大？"),
            p("鄧永樂：大。不過業主係我哋嘅老顧客。"),
            p("（圖：眾聲新聞記者攝）"),
            p("佢肯以低過市價兩成租畀我哋。"),
        ],
    );
    assert_eq!(s.pairs.len(), 1, "{:?}", pairs_of(&s));
    assert!(
        s.pairs[0].answer.ends_with("租畀我哋。") && !s.pairs[0].answer.contains('圖'),
        "{}",
        s.pairs[0].answer
    );
}

/// A label of the first characters of the principal speaker's name (`蕭：` for 蕭嘉欣 of the
/// headline `專訪蕭嘉欣：…`) is the principal: the answer is theirs and the label no part of its
/// words. Read through the whole pipeline, as a feed's post (before, the label stayed in the
/// answers: `蕭：落更之後…`).
#[test]
fn a_short_label_of_the_principal_speakers_name() {
    for (title, label, name) in [
        ("專訪蕭嘉欣：由消防員到馬拉松冠軍", "蕭", "蕭嘉欣"),
        ("专访周海燕：三十年只做一件事", "周", "周海燕"),
    ] {
        let post = format!(
            "---\ntitle: {title}\ncategories: [新聞, 體壇快訊]\nauthor: 林俊傑\ndate: 2024-02-20 13:00:00\n---\n\
             <p>現職消防隊目的{name}，上月奪得渣打馬拉松本地女子組冠軍。平日返24小時更，佢點樣擠出時間練跑？</p>\n\
             <p>記：返更咁辛苦，你幾時練跑？</p>\n\
             <p>{label}：落更之後瞓四個鐘，起身就去跑。</p>\n\
             <p>記：屋企人支唔支持？</p>\n\
             <p>{label}：老公都係跑手，佢會幫我計配速。</p>\n\
             <p>記：下一個目標係乜？</p>\n\
             <p>{label}：希望明年可以跑入2小時35分。</p>\n"
        );
        let root = std::path::Path::new("/feeds");
        let file = crate::read::SourceFile::new(root, root.join("post.md"));
        let article = crate::pipeline::process_bytes(
            &file,
            post.as_bytes(),
            rules(),
            &mut Default::default(),
        )
        .expect("processed");
        let s = &article.speech;
        assert_eq!(s.pairs.len(), 3, "{name}: {:?}", pairs_of(s));
        for pair in &s.pairs {
            assert_eq!(pair.answerer.as_deref(), Some(name));
            assert!(
                !pair.answer.starts_with(label),
                "{name}: the label stays in {}",
                pair.answer
            );
        }
    }
}

/// A reporter's question in quotation marks (`有记者问：“…？”`, `有記者問：「…？」`) ends after its
/// closing mark: the mark is no answer of its own, and the question's words are without the
/// marks. A statement of a role speaking for an organisation after someone's answer
/// (`商务部有关负责人表示，…`) is narrative, a quote: it neither goes on with the answer nor
/// answers the question again; an organisation that answers first (`公司回复称`) still does.
#[test]
fn a_question_in_quotation_marks_and_an_organisations_statement_after_the_answer() {
    let opening = "外交部发言人毛晓宁8日主持例行记者会。";
    for (question, words) in [
        (
            "有记者问：“美方宣布对华出口管制新措施，中方有何回应？”",
            "美方宣布对华出口管制新措施，中方有何回应？",
        ),
        (
            "有記者問：「美方宣布新措施，中方會否反制？」",
            "美方宣布新措施，中方會否反制？",
        ),
        (
            "另有记者提问：“美方近日宣布新措施。中方有何回应？”",
            "美方近日宣布新措施。中方有何回应？",
        ),
    ] {
        for statement in [
            "商务部有关负责人表示，中方将采取必要措施。",
            "另据新华社报道，商务部相关负责人称，中方将采取必要措施。",
        ] {
            let s = run(
                "外交部例行记者会",
                &[
                    p(opening),
                    p(question),
                    p("毛晓宁表示：“中方坚决反对美方滥用出口管制措施。”"),
                    p(statement),
                ],
            );
            assert_eq!(
                s.pairs.len(),
                1,
                "{question} / {statement}: {:?}",
                pairs_of(&s)
            );
            let pair = &s.pairs[0];
            assert_eq!(pair.question, words, "{question}");
            assert_eq!(pair.answerer.as_deref(), Some("毛晓宁"), "{question}");
            assert!(
                pair.answer.ends_with("措施。”"),
                "{statement}: {}",
                pair.answer
            );
            assert!(
                body_quotes(&s).any(|q| statement.contains(q.quote.as_str())),
                "{statement}: {:?}",
                s.quotes
            );
        }
    }
    // An organisation that answers first is the answerer.
    let s = run(
        "公司回应投资者",
        &[
            p("3月7日，某公司在互动平台回答了投资者的提问。"),
            p("有投资者提问：“公司今年的产能扩张进展如何？”"),
            p("公司回复称：新产线已于去年底投产。"),
        ],
    );
    assert_eq!(s.pairs.len(), 1, "{:?}", pairs_of(&s));
    assert_eq!(s.pairs[0].answerer.as_deref(), Some("公司"));
}

/// Speaker phrases the break tester's articles lost or cut: a cue written with its channel
/// (`发布公告称`, `发出声明表示`) and a part of the day after the date (`4月10日晚间`); a source
/// word of the markets (`交易员`, `基金经理`, `策略师`) after a qualifier (`一位国有大行交易员` was
/// `国有`); a word that starts with `被` as an attribute (`被困乘客刘女士`, `被捕男子陈某`) is no
/// passive, while `被邻居指` still is.
#[test]
fn speaker_phrases_with_a_channel_a_part_of_the_day_a_market_source_or_a_bei_attribute() {
    for (paragraph, speaker) in [
        (
            "远航科技（600999）4月10日晚间发布公告称，预计一季度净利润增长50%。",
            "远航科技",
        ),
        ("远航科技发布公告称，预计一季度净利润增长50%。", "远航科技"),
        ("华夏银行昨日下午发出声明表示，网传消息不实。", "华夏银行"),
        (
            "一位国有大行交易员则对记者称：“目前市场结汇意愿较强。”",
            "国有大行交易员",
        ),
        ("一位公募基金经理表示，市场情绪正在修复。", "公募基金经理"),
        ("被困乘客刘女士回忆道：“水一直涨到胸口。”", "刘女士"),
        ("被捕男子陈某供称，他并不知情。", "陈某"),
    ] {
        let s = run_paragraphs(&[paragraph]);
        let got: Vec<&str> = body_quotes(&s).map(|q| q.speaker.as_str()).collect();
        assert_eq!(got, [speaker], "{paragraph}: {:?}", s.quotes);
    }
    // A passive: the words are said of the subject.
    let s = run_paragraphs(&["林先生被邻居指，经常深夜制造噪音。"]);
    assert!(
        body_quotes(&s).all(|q| q.speaker != "林先生"),
        "{:?}",
        s.quotes
    );
}

/// Quoted words followed by a comma: the sentence goes on with the speaker's own predicate
/// (`认为，“消费是压舱石”，要尽快…`) — reported speech quoting some words (mixed, the whole
/// sentence); it does not when the rest has a subject of its own, names someone or quotes more
/// (direct, the words in the marks). A quote split around its cue with the comma outside the
/// first mark (`“甲”，X表示，“乙。”`) keeps the comma between its parts.
#[test]
fn quoted_words_before_a_comma_and_the_parts_of_a_split_quote() {
    for (paragraph, kind, words) in [
        (
            "李明远认为，“消费是压舱石”，要尽快把消费恢复起来。",
            "mixed",
            "“消费是压舱石”，要尽快把消费恢复起来。",
        ),
        (
            "张华表示，“稳字当头”，对各项政策进行评估。",
            "mixed",
            "“稳字当头”，对各项政策进行评估。",
        ),
        (
            "王芳说：“我们不会放弃”，她随后离开了会场。",
            "direct",
            "我们不会放弃",
        ),
        (
            "王芳说：“我们不会放弃”，“也不会后退”。",
            "direct",
            "我们不会放弃",
        ),
        (
            "王芳说：“我们不会放弃”，会场响起掌声，众人起立。",
            "direct",
            "我们不会放弃",
        ),
    ] {
        let s = run_paragraphs(&[paragraph]);
        let got: Vec<(&str, &str)> = body_quotes(&s)
            .map(|q| (q.kind.as_str(), q.quote.as_str()))
            .collect();
        assert_eq!(got.first(), Some(&(kind, words)), "{paragraph}: {got:?}");
    }
    for (paragraph, words) in [
        (
            "“市场已经消化了加息预期”，一位交易员表示，“真正的风险在于缩表。”",
            "市场已经消化了加息预期，真正的风险在于缩表。",
        ),
        (
            "“市场已经消化了加息预期，”一位交易员表示，“真正的风险在于缩表。”",
            "市场已经消化了加息预期，真正的风险在于缩表。",
        ),
    ] {
        let s = run_paragraphs(&[paragraph]);
        let got: Vec<&str> = body_quotes(&s).map(|q| q.quote.as_str()).collect();
        assert_eq!(got, [words], "{paragraph}");
    }
}

/// A pronoun means the last single speaker: a role speaking for an organisation
/// (`上海证券交易所有关负责人表示，…` then `她还说，…`) is one person, whom the pronoun means —
/// not the person named before it. A word the segmenter takes for a name but that ends as an
/// institution does (`天文台/nr`, `…站`, `…馆`) is an organisation, never a pronoun's referent.
#[test]
fn a_pronoun_after_an_organisations_role_and_institutions_read_as_names() {
    let s = run_paragraphs(&[
        "证监会主席助理周伟出席论坛。",
        "上海证券交易所有关负责人表示，科创板运行平稳。",
        "她还说，科创板将进一步完善制度。",
    ]);
    let last = s.quotes.last().expect("quotes");
    assert!(last.quote.starts_with("科创板将进一步"), "{:?}", s.quotes);
    assert_eq!(
        (last.speaker.as_str(), last.speaker_org.as_deref()),
        ("负责人", Some("上海证券交易所")),
        "{:?}",
        s.quotes
    );
    for (org, person) in [("天文台", "李文輝"), ("气象台", "李文辉")] {
        let s = run_paragraphs(&[
            &format!("{org}今日表示，台风正逐渐移近。"),
            &format!("{org}高级科学主任{person}说：“预料台风今晚最接近。”"),
            "“风暴潮可能令低洼地区出现水浸，”他续说，“居民应及早做好防风措施。”",
        ]);
        let got: Vec<(&str, &str)> = s
            .quotes
            .iter()
            .map(|q| (q.speaker.as_str(), q.speaker_type.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (org, "organisation"),
                (person, "person"),
                (person, "person")
            ],
            "{org}"
        );
    }
}

/// A heading under an answer label with the answer's words on it (`#### 答：…`, Markdown
/// bodies of interviews) is the answer, whose unlabelled paragraphs go on with it; before, the
/// heading was read as a section heading and the question went unanswered. A heading of a name
/// label with words (`# 周凱旋：李嘉誠會…`, the title repeated) stays a heading.
#[test]
fn a_heading_under_an_answer_label_is_the_answer() {
    for label in ["答：", "答:", "A：", "【答】"] {
        let s = run(
            "专访某协会会长王强",
            &[
                p("本报记者日前专访了某协会会长王强。"),
                bold_label("问：", "行业今年面临哪些挑战？"),
                h(&format!("{label}原材料价格上涨是最大的挑战。")),
                p("我们正在和上下游沟通，希望稳定价格。"),
                bold_label("问：", "明年的展望如何？"),
                bold_label("答：", "我们对明年保持谨慎乐观。"),
            ],
        );
        let got: Vec<(String, Option<String>)> = s
            .pairs
            .iter()
            .map(|p| {
                (
                    p.question.clone(),
                    p.answer.lines().last().map(str::to_string),
                )
            })
            .collect();
        assert_eq!(s.pairs.len(), 2, "{label}: {got:?}");
        assert!(
            s.pairs[0].answer.starts_with("原材料价格上涨"),
            "{label}: {got:?}"
        );
        assert!(
            s.pairs[0].answer.ends_with("希望稳定价格。"),
            "{label}: {got:?}"
        );
    }
    let s = run(
        "周凱旋談李嘉誠",
        &[
            h("周凱旋：李嘉誠會繼續工作"),
            p("周凱旋昨日出席活動時表示，李嘉誠身體很好。"),
        ],
    );
    assert!(s.pairs.is_empty() && s.turns.is_empty(), "{:?}", s.turns);
}

/// `工作人员` is a role through which an organisation speaks, like `负责人`: the speaker is the
/// role, the organisation before it its `org` (`沁阳市森林公安局工作人员` → 工作人员, org
/// 沁阳市森林公安局); before something that is no organisation (`摊位工作人员`) the phrase stays
/// whole.
#[test]
fn staff_of_an_organisation_speak_as_its_role() {
    for (paragraph, speaker, org) in [
        (
            "沁阳市森林公安局工作人员向记者表示，现已就此事介入调查。",
            "工作人员",
            Some("沁阳市森林公安局"),
        ),
        (
            "莆田市疾控中心工作人员告诉记者，目前正在加紧推进疫苗接种。",
            "工作人员",
            Some("莆田市疾控中心"),
        ),
        (
            "财政部有关负责人表示，将加快预算执行。",
            "负责人",
            Some("财政部"),
        ),
        (
            "摊位工作人员告诉记者，场地方并没有要求。",
            "摊位工作人员",
            None,
        ),
    ] {
        let s = run_paragraphs(&[paragraph]);
        let got: Vec<(&str, Option<&str>)> = body_quotes(&s)
            .map(|q| (q.speaker.as_str(), q.speaker_org.as_deref()))
            .collect();
        assert_eq!(got, [(speaker, org)], "{paragraph}");
    }
}

/// Narrative press-conference reports (a break tester's own, round 15): questions reported
/// with a comma after the verb (`有記者問，…，她回應指`), a word before `問及` (`記者再問及`),
/// `针对…的提问` with no reporter named, or in quotation marks with the asker after them
/// (`“…？”有记者问。`); a second official adding to an answer (`邹澜补充说`) answers the same
/// question; the reporter's voice after an answer ends it (`…数据显示`, `截至…`, `发布会还通报`).
#[test]
fn narrative_press_conference_questions_additions_and_the_reporters_voice() {
    let opening = "国务院新闻办公室7日举行新闻发布会，中国人民银行副行长刘国强、货币政策司司长邹澜介绍情况并答记者问。";
    for (question, answer, q_start) in [
        (
            "有记者问，今年是否还有降准空间，刘国强回应指，降准仍有一定空间。",
            None,
            "今年是否还有降准空间",
        ),
        (
            "記者再問及今年是否還有降準空間，劉國強指，降準仍有一定空間。",
            None,
            "今年是否還有降準空間",
        ),
        (
            "针对今年是否还有降准空间的提问，刘国强表示，降准仍有一定空间。",
            None,
            "今年是否还有降准空间",
        ),
        (
            "“今年是否还有降准空间？”有记者问。",
            Some("刘国强回答说，降准仍有一定空间。"),
            "今年是否还有降准空间？",
        ),
    ] {
        let mut blocks = vec![p(opening), p(question)];
        blocks.extend(answer.map(p));
        blocks.push(p("邹澜补充说，降准将综合考虑经济运行情况。"));
        blocks.push(p("数据显示，目前金融机构平均法定存款准备金率为8.1%。"));
        let s = run("国新办新闻发布会", &blocks);
        let got = pairs_of(&s);
        assert_eq!(s.pairs.len(), 2, "{question}: {got:?}");
        for (pair, who) in s.pairs.iter().zip(["刘国强", "邹澜"]) {
            assert_eq!(
                super::text::fold(pair.answerer.as_deref().unwrap_or("")),
                super::text::fold(who),
                "{question}: {got:?}"
            );
            assert!(pair.question.starts_with(q_start), "{question}: {got:?}");
            assert!(!pair.question.contains('”'), "{question}: {got:?}");
            assert!(!pair.answer.contains("数据显示"), "{question}: {got:?}");
        }
    }
    // The reporter's voice after an answer ends it.
    for after in [
        "国家统计局数据显示，2月份调查失业率为5.5%。",
        "截至2月末，广义货币余额244万亿元。",
        "发布会还通报，全市各区将继续增设采样点。",
        "白皮书显示，过去五年共实施207次发射。",
    ] {
        let s = run(
            "国新办新闻发布会",
            &[
                p(opening),
                p("有记者提问：今年是否还有降准空间？"),
                p("刘国强表示，降准仍有一定空间。"),
                p("央行将灵活适度地运用好降准等工具。"),
                p(after),
            ],
        );
        assert_eq!(s.pairs.len(), 1, "{after}");
        assert!(
            s.pairs[0].answer.ends_with("降准等工具。"),
            "{after}: {}",
            s.pairs[0].answer
        );
    }
}

/// A photo caption that ends with its credit in parentheses (`…店內一角。（眾新聞攝）`,
/// `（新华社记者 张三 摄）`) inside an answer is skipped, not appended to the answer.
#[test]
fn a_caption_closed_by_a_credit_in_parentheses_inside_an_answer() {
    for credit in [
        "「閱讀時光」店內一角。（眾新聞攝）",
        "书店一角。（新华社记者 张三 摄）",
        "书店一角（受访者供图）",
    ] {
        let s = run(
            "專訪書店店主",
            &[
                p("本報記者專訪書店店主陳大文。"),
                bold_label("記者：", "你覺得實體書店嘅未來係點？"),
                bold_label("陳大文：", "書店唔只係賣書。"),
                p(credit),
                p("我哋會繼續辦讀書會。"),
            ],
        );
        assert_eq!(s.pairs.len(), 1, "{credit}");
        let a = &s.pairs[0].answer;
        assert!(!a.contains("一角"), "{credit}: {a}");
        assert!(a.ends_with("讀書會。"), "{credit}: {a}");
    }
}

/// A role of an organisation named only by a demonstrative (`该平台相关负责人`), with nothing
/// named before for it to refer to, is the phrase as written — it was `该平台负责人`, words not
/// in the text.
#[test]
fn a_demonstratives_role_with_nothing_before_stays_as_written() {
    for (paragraph, speaker) in [
        (
            "该平台相关负责人回应称，公司正在优化派单算法。",
            "该平台相关负责人",
        ),
        ("该校有关负责人表示，学校将加强管理。", "该校有关负责人"),
        ("该公司负责人表示，将尽快整改。", "该公司负责人"),
    ] {
        let s = run_paragraphs(&[paragraph]);
        let got: Vec<&str> = body_quotes(&s).map(|q| q.speaker.as_str()).collect();
        assert_eq!(got, [speaker], "{paragraph}");
    }
}

/// An editors' FAQ introduced as the questions readers ask (`以下是纳税人关心的几个问题。`,
/// `下面就市民关注的疑问作出解答`, `常见疑问`) is an explainer: kind `article`, no pairs — the
/// same labels with no such introduction are still an exchange.
#[test]
fn an_faq_introduced_as_the_questions_readers_ask_is_an_explainer() {
    let exchange = [
        p("问：哪些人需要办理汇算？"),
        p("答：年度综合所得收入超过12万元且需要补税的纳税人需要办理。"),
        p("问：汇算的时间是什么时候？"),
        p("答：3月1日至6月30日。"),
    ];
    for intro in [
        "以下是纳税人关心的几个问题。",
        "下面就市民关注的几个疑问作出解答。",
        "记者整理了汇算中的常见疑问。",
    ] {
        let mut blocks = vec![p(intro)];
        blocks.extend(exchange.iter().cloned());
        let s = run("个税汇算清缴开始了", &blocks);
        assert_eq!(s.kind, DocKind::Article, "{intro}");
        assert!(s.pairs.is_empty(), "{intro}");
    }
    let s = run("个税汇算清缴开始了", &exchange);
    assert_eq!(s.pairs.len(), 2);
}

/// An outlet the opening names as conducting the interview (`接受中国国际电视台（CGTN）《视点》
/// 栏目专访`) makes the document an interview even when it says its guest answered reporters'
/// questions (`就…回答记者提问`), and asks its unlabelled questions; a generic word with a name
/// before it is an outlet (`中国国际电视台`, not `内媒`, `传媒`).
#[test]
fn an_outlet_granted_the_interview_in_the_opening() {
    let exchange = [
        bold("一、美国撤出阿富汗，人们从中可以得到什么启示？"),
        p("阿富汗变局是世界百年变局的一个缩影。"),
        bold("二、中美两国元首是否将近期举行峰会？"),
        p("双方正就此保持沟通。"),
    ];
    for (opening, kind, outlet) in [
        (
            "10月11日，外交部副部长乐玉成接受中国国际电视台（CGTN）《视点》栏目专访，就中美关系等问题回答记者提问。",
            DocKind::Interview,
            Some("中国国际电视台"),
        ),
        (
            "外交部副部长乐玉成日前接受凤凰卫视独家专访，回答记者提问。",
            DocKind::Interview,
            Some("凤凰卫视"),
        ),
        (
            "外交部副部长乐玉成日前接受传媒采访，回答记者提问。",
            DocKind::PressConference,
            None,
        ),
    ] {
        let mut blocks = vec![p(opening)];
        blocks.extend(exchange.iter().cloned());
        let s = run("乐玉成谈中美关系", &blocks);
        assert_eq!(s.kind, kind, "{opening}");
        assert_eq!(s.pairs.len(), 2, "{opening}");
        assert!(
            s.pairs
                .iter()
                .all(|p| p.questioner_org.as_deref() == outlet),
            "{opening}: {:?}",
            pairs_of(&s)
        );
    }
}

/// In a report of a press conference, a topic answered with a verb of reply (`对于市场关注的
/// 专项债发行节奏，王建凡回应称，…`) is a question only reported, with its answer; a topic with
/// another verb (`介绍`) still only ends the answer before it, and in a plain article (no press
/// conference in the opening) `对于此事，公司回应称` is a quote, no pair.
#[test]
fn a_topic_answered_with_a_verb_of_reply_at_a_press_conference() {
    let opening = "国务院新闻办公室7日举行新闻发布会，财政部副部长许宏才、预算司副司长王建凡介绍情况并答记者问。";
    for (paragraph, q, who) in [
        (
            "对于市场关注的地方政府专项债券发行节奏，王建凡回应称，截至2月底已发行约5000亿元。",
            "市场关注的地方政府专项债券发行节奏",
            "王建凡",
        ),
        (
            "針對減稅降費的力度，許宏才回答說，今年將實施新的組合式稅費支持政策。",
            "減稅降費的力度",
            "許宏才",
        ),
    ] {
        let s = run(
            "国新办新闻发布会",
            &[
                p(opening),
                p("有记者提问：今年财政政策有何新举措？"),
                p("许宏才表示，今年将加大支出强度。"),
                p(paragraph),
            ],
        );
        let got = pairs_of(&s);
        assert_eq!(s.pairs.len(), 2, "{paragraph}: {got:?}");
        assert_eq!(s.pairs[1].question, q, "{got:?}");
        assert_eq!(
            super::text::fold(s.pairs[1].answerer.as_deref().unwrap_or("")),
            super::text::fold(who)
        );
        assert!(s.pairs[0].answer.ends_with("支出强度。"), "{got:?}");
    }
    // Another verb: the topic ends the answer, no pair of its own.
    let s = run(
        "国新办新闻发布会",
        &[
            p(opening),
            p("有记者提问：今年财政政策有何新举措？"),
            p("许宏才表示，今年将加大支出强度。"),
            p("对于专项债，王建凡介绍，今年额度为3.65万亿元。"),
        ],
    );
    assert_eq!(s.pairs.len(), 1, "{:?}", pairs_of(&s));
    // A plain article: a quote.
    let s = run(
        "某公司产品被通报",
        &[
            p("市场监管部门日前通报了一批不合格产品。"),
            p("对于此事，公司回应称，已下架相关批次产品。"),
        ],
    );
    assert!(s.pairs.is_empty(), "{:?}", pairs_of(&s));
    assert_eq!(s.kind, DocKind::Article);
    assert!(
        body_quotes(&s).any(|q| q.speaker == "公司"),
        "{:?}",
        s.quotes
    );
}

#[test]
fn a_date_written_before_the_speaker_with_no_comma() {
    for (text, speaker, words) in [
        (
            "1月21日晚间世茂集团公告称，以10.6亿元的价格转让旗下项目。",
            "世茂集团",
            "以10.6亿元",
        ),
        (
            "5月22日梅花生物公告，公司董事会通过了回购议案。",
            "梅花生物",
            "公司董事会",
        ),
        ("3日晚间李建国表示，合同已经签署。", "李建国", "合同已经"),
        (
            "当地时间12月10日美国财政部宣布，将该公司列入清单。",
            "美国财政部",
            "将该公司",
        ),
        (
            "2022年3月3日外交部发言人汪文斌表示，中方坚决反对。",
            "汪文斌",
            "中方坚决",
        ),
        // After the speaker: the day and a part of it (`23日晚`, which the segmenter reads
        // as `日晚`); a country's side (`乌方`) speaks as an organisation.
        ("新华社3日晚称，会议已经闭幕。", "新华社", "会议已经"),
        ("乌方23日晚称，已找到410具平民遗体。", "乌方", "已找到"),
    ] {
        let s = run("消息", &[p(text)]);
        let q: Vec<_> = body_quotes(&s).collect();
        assert_eq!(q.len(), 1, "{text}: {:?}", s.quotes);
        assert_eq!(q[0].speaker, speaker, "{text}");
        assert!(q[0].quote.starts_with(words), "{text}: {:?}", q[0].quote);
        assert_eq!(q[0].kind, QuoteKind::Indirect, "{text}");
    }
    // A number that is no date stays no speaker (`第5号通告指的是…`: a document).
    let s = run("消息", &[p("第5号通告指的是指挥部于9月1日公布的通告。")]);
    assert!(body_quotes(&s).next().is_none(), "{:?}", s.quotes);
}

#[test]
fn a_name_withheld_with_mou_is_a_person() {
    for (text, speaker) in [
        ("段某某称，自己卖的其实是鹿肉。", "段某某"),
        ("据王某表示，照片是他在微信群里看到的。", "王某"),
        ("被告人李某某表示，对指控没有异议。", "李某某"),
        ("記者聯絡上陳某，陳某表示，自己並不知情。", "陳某"),
        (
            "当事人欧阳某某表示，从未授权他人使用其身份信息。",
            "欧阳某某",
        ),
    ] {
        let s = run("消息", &[p(text)]);
        let q: Vec<_> = body_quotes(&s).collect();
        assert_eq!(q.len(), 1, "{text}: {:?}", s.quotes);
        assert_eq!(q[0].speaker, speaker, "{text}");
        assert_eq!(q[0].speaker_type, SpeakerType::Person, "{text}");
    }
    // A withheld name is no full name a later form of address shortens: `刘老师` is not the
    // driver `刘某` of an earlier paragraph.
    let s = run(
        "消息",
        &[
            p("网约车司机刘某称，当晚他并未接到订单。"),
            p("在校任教三十年的刘老师说，最大的欣慰是看到学生成才。"),
        ],
    );
    let q: Vec<_> = body_quotes(&s).map(|q| q.speaker.as_str()).collect();
    assert_eq!(q, ["刘某", "刘老师"], "{:?}", s.quotes);
    // `某` opening a description is no name: `某券商分析师` is an unnamed source.
    let s = run("消息", &[p("某券商分析师表示，市场仍有调整压力。")]);
    assert!(
        body_quotes(&s).all(|q| q.speaker_type != SpeakerType::Person),
        "{:?}",
        s.quotes
    );
}

#[test]
fn a_counted_group_is_an_unnamed_source() {
    for (text, speaker) in [
        ("多数券商表示将代客户承担利息支出。", "券商"),
        ("17家券商表示，将退还认购手续费。", "券商"),
        ("两名男子表示，当时并不在现场。", "男子"),
        ("有券商表示，已暂停相关业务。", "券商"),
        ("有考生称，考点的说明中并未提及。", "考生"),
        ("多家机构表示，下半年经济有望回暖。", "机构"),
    ] {
        let s = run("消息", &[p(text)]);
        let q: Vec<_> = body_quotes(&s).collect();
        assert_eq!(q.len(), 1, "{text}: {:?}", s.quotes);
        assert_eq!(q[0].speaker, speaker, "{text}");
        assert_ne!(q[0].speaker_type, SpeakerType::Person, "{text}");
    }
    // Without a count a bare common noun is no speaker; a count that is a date is none, and
    // a numeral-looking word without a numeral (`许`) is no count.
    for text in [
        "券商表示将代客户承担利息支出。",
        "也许传统价值观认为女性无法从事学术。",
        "一、指标解释及相关说明",
        "两位数字表示年份的后两位。",
    ] {
        let s = run("消息", &[p(text)]);
        assert!(body_quotes(&s).next().is_none(), "{text}: {:?}", s.quotes);
    }
    // Places with `国家` speak as a group of governments.
    let s = run("消息", &[p("然而，东南亚国家纷纷表示不愿意选边站队。")]);
    assert!(
        body_quotes(&s).any(|q| q.speaker == "东南亚国家"),
        "{:?}",
        s.quotes
    );
}

#[test]
fn a_host_addressing_a_guest_by_name_does_not_make_the_guest_the_host() {
    for (opening, first, second) in [
        (
            "本期节目邀请了露营品牌创始人韩冬和旅游博主许倩，聊聊露营热。",
            "韩冬",
            "许倩",
        ),
        (
            "本期节目邀请了两位嘉宾，一起聊聊城市更新。",
            "王志刚",
            "李红",
        ),
    ] {
        let s = run(
            "圆桌对话",
            &[
                p(opening),
                bold_label("主持人：", &format!("{first}，你觉得这股热潮会持续多久？")),
                bold_label(
                    &format!("{first}："),
                    "我认为这不是一阵风，而是一种新的生活方式。",
                ),
                bold_label("主持人：", &format!("{second}，新手最容易犯什么错？")),
                bold_label(&format!("{second}："), "装备买太多，其实一顶帐篷就够了。"),
            ],
        );
        let answerers: Vec<_> = s.pairs.iter().map(|p| p.answerer.as_deref()).collect();
        assert_eq!(answerers, [Some(first), Some(second)], "{:?}", pairs_of(&s));
    }
    // An opening line naming the host still names the host.
    let s = run(
        "圆桌对话",
        &[
            p("本期节目的主持人为陈伟鸿。"),
            bold_label("陈伟鸿：", "韩冬，你觉得这股热潮会持续多久？"),
            bold_label("韩冬：", "我认为这不是一阵风。"),
        ],
    );
    assert_eq!(s.turns[0].role, Role::Host, "{:?}", s.turns);
    assert_eq!(s.pairs.len(), 1, "{:?}", pairs_of(&s));
}

#[test]
fn a_title_the_segmenter_glues_to_the_name() {
    // `主理人何静` is segmented `主理/n 人何静/nr`: the name is 何静.
    let s = run(
        "专访咖啡品牌主理人何静：把店开进社区",
        &[
            p("何静原本是一名建筑师，三年前辞职开了第一家咖啡馆。"),
            bold_label("问：", "为什么把店开在社区里？"),
            bold_label("答：", "社区里的客人会成为朋友。"),
            bold_label("问：", "接下来有什么计划？"),
            bold_label("答：", "明年再开两家。"),
        ],
    );
    assert!(all_answered_by(&s, "何静"), "{:?}", pairs_of(&s));
    assert_eq!(s.pairs.len(), 2, "{:?}", pairs_of(&s));
    // A title ending on its own word keeps the name whole (`主任何立平`).
    let s = run("消息", &[p("办公室主任何立平表示，方案将于下月公布。")]);
    assert!(
        body_quotes(&s).any(|q| q.speaker == "何立平"),
        "{:?}",
        s.quotes
    );
}

#[test]
fn numbered_questions_not_in_bold_in_an_interview() {
    let exchanges = [
        p("1、您上任后最想改变的是什么？"),
        p("我最想改变的是评价方式，不再只看分数。"),
        p("2. 课后服务会延长到几点？"),
        p("目前定在下午五点半，家长可以申请延长。"),
        p("三、学校如何落实“双减”？"),
        p("我们把书面作业控制在一小时以内。"),
    ];
    let mut blocks = vec![p(
        "今年九月，周文涛出任市第三实验小学校长。本报记者与他进行了对话。",
    )];
    blocks.extend(exchanges.iter().cloned());
    let s = run("对话新任校长周文涛：让每个孩子都被看见", &blocks);
    assert_eq!(s.kind, DocKind::Interview);
    assert_eq!(s.pairs.len(), 3, "{:?}", pairs_of(&s));
    assert!(all_answered_by(&s, "周文涛"), "{:?}", pairs_of(&s));
    assert!(
        s.pairs[2].question.starts_with("学校如何"),
        "{:?}",
        pairs_of(&s)
    );
    // Without an interviewee the same list is an explainer's: no pairs.
    let mut blocks = vec![p("新学期开始，家长们关心的问题有哪些？我们整理如下。")];
    blocks.extend(exchanges.iter().cloned());
    let s = run("新学期家长最关心的三个问题", &blocks);
    assert!(s.pairs.is_empty(), "{:?}", pairs_of(&s));
    assert_eq!(s.kind, DocKind::Article);
    // One numbered question is not a list of them.
    let s = run(
        "对话新任校长周文涛",
        &[
            p("本报记者与周文涛进行了对话。"),
            p("1、您上任后最想改变的是什么？"),
            p("这是很多家长关心的问题。"),
        ],
    );
    assert!(s.pairs.is_empty(), "{:?}", pairs_of(&s));
}

#[test]
fn a_speech_verb_inside_title_marks_reports_nothing() {
    for text in [
        "《发言人说》是外交部推出的一档短视频栏目。",
        "《记者说》是一档访谈节目，每周播出一期。",
        "他转发了一篇题为〈专家称房价将企稳〉的文章。",
    ] {
        let s = run("消息", &[p(text)]);
        assert!(body_quotes(&s).next().is_none(), "{text}: {:?}", s.quotes);
    }
    // A cue outside the marks still reports, the title inside its words.
    let s = run(
        "消息",
        &[p("外交部发言人毛宁表示，《发言人说》栏目将继续更新。")],
    );
    let q: Vec<_> = body_quotes(&s).collect();
    assert_eq!(q.len(), 1, "{:?}", s.quotes);
    assert_eq!(q[0].speaker, "毛宁");
    assert!(q[0].quote.contains("《发言人说》"), "{:?}", q[0].quote);
}

#[test]
fn names_joined_with_a_title_each() {
    for (text, speaker) in [
        (
            "公司首席技术官林晓和副总裁赵一鸣均表示，新产品将在明年春季量产。",
            "林晓、赵一鸣",
        ),
        ("市长王强与副市长李红都表示，项目将按期完工。", "王强、李红"),
        (
            "林晓和赵一鸣均表示，新产品将在明年春季量产。",
            "林晓、赵一鸣",
        ),
        // Titles only before the joiner: one person.
        ("教育局局长和市长李明表示，方案将于下月公布。", "李明"),
    ] {
        let s = run("消息", &[p(text)]);
        let q: Vec<_> = body_quotes(&s).collect();
        assert_eq!(q.len(), 1, "{text}: {:?}", s.quotes);
        assert_eq!(q[0].speaker, speaker, "{text}");
    }
}

#[test]
fn a_connector_glued_to_a_title_is_no_part_of_it() {
    // `据市/v 发改委`: the title learned for later mentions is 市发改委副主任.
    let s = run(
        "消息",
        &[
            p("据市发改委副主任郑明远介绍，今年全市已新开工重大项目一百二十个。"),
            p("他还透露，明年将重点支持新能源汽车消费。"),
        ],
    );
    let q: Vec<_> = body_quotes(&s).collect();
    assert_eq!(q.len(), 2, "{:?}", s.quotes);
    for q in q {
        assert_eq!(q.speaker, "郑明远");
        assert_eq!(q.speaker_title.as_deref(), Some("市发改委副主任"), "{q:?}");
    }
}

#[test]
fn court_words_in_a_labelled_answer_do_not_make_testimony() {
    // An official asked about a trial, in a doorstep transcript: the court words are what she
    // says, not the document's setting.
    let doc = |answer: &str| {
        run(
            "律政司司長見記者談話內容",
            &[
                p("律政司司長鄭若驊今日出席活動後見記者。以下為談話內容："),
                bold_label("記者：", "為何案件不設陪審團？"),
                bold_label("鄭若驊：", answer),
                bold_label("記者：", "會否上訴？"),
                bold_label("鄭若驊：", "我們會研究判詞。"),
            ],
        )
    };
    for answer in [
        "不設陪審團審訊是法例容許的安排，由三名指定法官審理。",
        "案件已交由法庭處理，證人會出庭作供。",
        "這是一般安排。",
    ] {
        let s = doc(answer);
        assert_eq!(s.kind, DocKind::PressConference, "{answer}");
        assert_eq!(s.pairs.len(), 2, "{answer}: {:#?}", s.pairs);
    }
    // Testimony told in the narration stays an article.
    let s = run_paragraphs(&[
        "案件今日在區域法院續審，控方傳召證人作供。",
        "控方問：「你當晚在哪裏？」",
        "證人答：「我在家。」",
    ]);
    assert_eq!(s.kind, DocKind::Article);
    assert!(s.pairs.is_empty());
}

#[test]
fn an_action_between_a_called_name_and_the_verb_is_no_part_of_the_speaker() {
    // The segmenter joins the surname to the action's verb (`小/a 陈擦/v`): the name still ends
    // before the action; two actions at once (`一边…一边`) are trimmed whole.
    for (text, speaker) in [
        (
            "“说实话，”外卖骑手小陈擦了擦额头上的汗说，“夏天最难熬的就是中午。”",
            "小陈",
        ),
        ("外卖骑手小陈握着老人的手说：“您放心，我每天都来。”", "小陈"),
        (
            "在工地干了二十年的老李一边收拾行李一边笑着说：“今年工钱一分没欠，回家能过个踏实年。”",
            "老李",
        ),
        // A name that is no called surname keeps the word rule (`朱桂芳苦笑` is 朱桂芳).
        ("朱桂芳苦笑道：“这日子没法过了。”", "朱桂芳"),
    ] {
        let s = run("x", &[p(text)]);
        let who = typed(&s);
        assert!(!who.is_empty(), "{text}");
        assert!(who.iter().all(|(w, _)| *w == speaker), "{text}: {who:?}");
    }
}

#[test]
fn an_aspect_particle_after_the_verb_belongs_to_the_cue_and_a_negated_verb_reports_nothing() {
    // `说过，…`, `表示过，…`, `透露了，…`: the particle is the cue's, the words start after the
    // comma (simplified and traditional).
    for (text, speaker, cue, words) in [
        (
            "高瓴资本创始人张磊也曾说过，源源不断创造价值才是根本。",
            "张磊",
            "说过",
            "源源不断创造价值才是根本。",
        ),
        (
            "外交部发言人汪文斌此前表示过，中方坚决反对干涉。",
            "汪文斌",
            "表示过",
            "中方坚决反对干涉。",
        ),
        (
            "李明曾指出過，公司今年的利潤將大幅增長。",
            "李明",
            "指出過",
            "公司今年的利潤將大幅增長。",
        ),
        (
            "美國有線新聞網絡透露了，過渡團隊正考慮徵收關稅。",
            "美國有線新聞網絡",
            "透露了",
            "過渡團隊正考慮徵收關稅。",
        ),
    ] {
        let s = run("x", &[p(text)]);
        let q = s
            .quotes
            .first()
            .unwrap_or_else(|| panic!("no quote: {text}"));
        assert_eq!(
            (q.speaker.as_str(), q.cue.as_str(), q.quote.as_str()),
            (speaker, cue, words),
            "{text}"
        );
    }
    // A verb that needs quotation marks stays one with its particle (`笑了，` reports nothing);
    // a negated verb reports nothing (`从没说过，`, `从不表示`).
    for text in [
        "张华笑了，随后离开了会场。",
        // `了，` completing the action: a connector or a number after it.
        "对此，公司已经回应了，但网友并不买账。",
        "李明讲了，一个多小时，大家都很累。",
        "李明说了，也做了，值得表扬。",
        "王建国从没说过，这件事与公司无关。",
        "王建国从来没有说过，这件事与公司无关。",
        "李明从不表示，公司会裁员。",
    ] {
        let s = run("x", &[p(text)]);
        assert!(s.quotes.is_empty(), "{text}: {:?}", spoken(&s));
    }
}

#[test]
fn a_headline_with_a_speech_verb_before_quotation_marks_and_no_colon() {
    // `X称“…”`, `X说「…」`: the words in the marks, the verb as the cue; when the marks only
    // open a clause (`称“中国威胁论”站不住脚`) the clause is the quote, mixed.
    for (title, speaker, cue, kind, words) in [
        (
            "马斯克称“特斯拉明年将实现完全自动驾驶”",
            "马斯克",
            "称",
            QuoteKind::Direct,
            "特斯拉明年将实现完全自动驾驶",
        ),
        (
            "外交部长王毅说“中方坚决反对任何形式的干涉”！",
            "王毅",
            "说",
            QuoteKind::Direct,
            "中方坚决反对任何形式的干涉",
        ),
        (
            "專家直言「樓價仍會下跌」　業界憂慮",
            "專家",
            "直言",
            QuoteKind::Direct,
            "樓價仍會下跌",
        ),
        (
            "美媒称“中国威胁论”站不住脚",
            "美媒",
            "称",
            QuoteKind::Mixed,
            "“中国威胁论”站不住脚",
        ),
        (
            "【逐字紀錄】控方劉智鵬稱「光復、革命」意涵千年不變　指梁天琦造勢",
            "劉智鵬",
            "稱",
            QuoteKind::Mixed,
            "「光復、革命」意涵千年不變",
        ),
    ] {
        let s = run(title, &[p("正文。")]);
        let q = s
            .quotes
            .iter()
            .find(|q| q.source == QuoteSource::Title)
            .unwrap_or_else(|| panic!("no title quote: {title}"));
        assert_eq!(
            (q.speaker.as_str(), q.cue.as_str(), q.kind, q.quote.as_str()),
            (speaker, cue, kind, words),
            "{title}"
        );
    }
    // Marks after no speech verb, or a verb with no speaker before it, quote nobody.
    // Nor does a verb that is part of a dictionary word (`小说`, `号称`, `又称`, `宣称`),
    // nor 回应, whose marks name the topic.
    for title in [
        "“双十一”来了",
        "一图读懂“十四五”规划",
        "说“不”的勇气",
        "小明的小说“青春”获奖",
        "这款手机号称“史上最强”",
        "该病又称“富贵病”",
        "杭州宣称“不限购”",
        "外交部回应“中国威胁论”",
        "教育部回应“取消中考”传闻",
    ] {
        let s = run(title, &[p("正文。")]);
        assert!(
            !s.quotes.iter().any(|q| q.source == QuoteSource::Title),
            "{title}: {:?}",
            spoken(&s)
        );
    }
}

#[test]
fn the_matter_spoken_about_and_a_time_morpheme_are_no_part_of_the_speaker() {
    // `X就此事回应称`, `X就…一事表示`: the topic goes; `现/tg` before an organisation goes;
    // `公安` names an organisation like `警方`.
    for (text, speaker, kind) in [
        (
            "当地森林公安就此事回应记者称，已介入调查。",
            "当地森林公安",
            "organisation",
        ),
        (
            "现当地森林公安回应记者称，已介入调查。",
            "当地森林公安",
            "organisation",
        ),
        ("沁阳市公安表示，已介入调查。", "沁阳市公安", "organisation"),
        ("王强就网传裁员一事回应称，公司经营正常。", "王强", "person"),
        (
            "外交部发言人汪文斌就两国关系问题表示，中方立场一贯。",
            "汪文斌",
            "person",
        ),
        ("港府就此表示，会严肃跟进。", "港府", "organisation"),
        // The last 就 starts the topic: one inside the speaker's name stays.
        (
            "市就业服务中心就此事回应称，将加强监管。",
            "市就业服务中心",
            "organisation",
        ),
        (
            "成就集团就此事回应称，一切正常。",
            "成就集团",
            "organisation",
        ),
        ("曾在该处就职的同事称，他为人低调。", "同事", "unnamed"),
    ] {
        let s = run("x", &[p(text)]);
        assert_eq!(typed(&s), [(speaker, kind)], "{text}");
    }
}

#[test]
fn a_subheading_in_the_headline_form_is_attributed_as_the_title_is() {
    // A heading or a short all-bold line `X：…` quotes X, with the body as its source.
    for (block, speaker) in [
        (bold("美联储官员：莫慌"), "美联储官员"),
        (h("严跃进：房企拿地意愿非常弱"), "严跃进"),
        (bold("新华社：当我们炮轰完“打分不公”，然后呢？"), "新华社"),
    ] {
        let s = run(
            "美国通胀数据飙升",
            &[
                p("6月10日晚，美国劳工部公布数据，美联储官员、专家严跃进和新华社随后发表看法。"),
                block.clone(),
                p("数据显示，5月CPI同比上涨8.6%。"),
            ],
        );
        let q = body_quotes(&s)
            .next()
            .unwrap_or_else(|| panic!("no quote: {}", block.text));
        assert_eq!(
            (q.speaker.as_str(), q.seq),
            (speaker, Some(1)),
            "{}",
            block.text
        );
    }
    // Not: an organisation-like topic the document names nowhere else, a Latin section label,
    // or the title repeated as the body's first heading (its quote is the title's, once).
    // Nor a place heading a roundup's section, or a name after a role (a credit line), though
    // the document names them elsewhere.
    for block in [
        bold("强势政府：上海民间资本的后发之势"),
        h("Fazit: Welche Autofinanzierung ist die beste?"),
        h("上海：新增病例10例"),
        bold("主持人：李四"),
    ] {
        let s = run(
            "x",
            &[
                block.clone(),
                p("上海和北京的主持人都提到了这些数据，李四也在场。"),
            ],
        );
        assert!(s.quotes.is_empty(), "{}: {:?}", block.text, spoken(&s));
    }
    let title = "黃遠輝：從頭到尾不知填海1700公頃　諮詢報告會還社會公道";
    let s = run(
        title,
        &[
            h("黃遠輝：從頭到尾不知填海1700公頃 諮詢報告會還社會公道"),
            p("正文。"),
        ],
    );
    assert_eq!(s.quotes.len(), 1, "{:?}", spoken(&s));
    assert_eq!(s.quotes[0].source, QuoteSource::Title);
    // With the site's name after the title too.
    let s = run(
        "专家：房价不会大跌_新浪财经",
        &[h("专家：房价不会大跌"), p("专家表示，房价总体平稳。")],
    );
    assert!(!body_quotes(&s).any(|q| q.cue == "："), "{:?}", spoken(&s));
}
