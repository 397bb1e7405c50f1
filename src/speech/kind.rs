//! The document kind: `press_conference`, `interview`, `qa_answer` (decided by [`super::zhihu`])
//! or `article`.
//!
//! A document with Q&A pairs is a press conference when its title or opening names one
//! (`记者会`, `发布会`, `记者招待会`, `见记者`, `回答中外记者提问`) and its title does not call it an
//! interview (`专访`, `对话`); otherwise an interview — but a single question whose answer names
//! no one or follows it in its own paragraph, in a report that does not call itself either, is narrative (an article), and so are
//! questions set only in bold that nobody named answers there (an explainer's headings). Q&A-shaped
//! documents that are neither — FAQ
//! explainers (`十问十答`, `explainer_patterns`: unless a person the document names answers),
//! court testimony (`not_dialogue_patterns`) — are articles, unless the
//! title calls them an interview (`专访`, `对话`); so are the lines of a scene or a call that
//! named people ask in a document that speaks of no interview or reporter. A document
//! without pairs is a press conference when its opening reports one that took place (`在今天召开的
//! 新闻发布会上`, `记者从…发布会获悉`) and does not only announce it (`将于…举行`); else an article.

use super::text::{Unit, fold};
use super::{DocKind, QaPair, Role, SpeechRules, Turn};
use crate::rules::Patterns;

/// The kind of a document that is not a Zhihu answer.
pub fn of(
    title: Option<&str>,
    opening: &[&Unit],
    turns: &[Turn],
    pairs: &[QaPair],
    rules: &SpeechRules,
) -> DocKind {
    let title = title.map(fold).unwrap_or_default();
    let any =
        |list: &Patterns| list.is_match(&title) || opening.iter().any(|u| list.is_match(&u.fold));
    let in_title = |list: &Patterns| list.is_match(&title);
    // Not when the title calls the document an interview (`专访：一位法官的十年` speaks of a
    // court without being testimony).
    // Nor when reporters named by their outlet ask (`人民日报记者：…？`): a press transcript
    // however its title calls it (`一问一答｜…`, `…问答`).
    let reporters_ask = !rules.reporter_word.is_empty()
        && turns.iter().any(|t| {
            t.role == Role::Question
                && t.speaker_org.is_some()
                && t.cue.contains(rules.reporter_word.as_str())
        });
    // Court words in the narration, not in what a labelled answerer says (an official asked
    // about a trial: `**鄭若驊：**…由三名指定法官審理`).
    let in_answer = |u: &&&Unit| {
        turns.iter().any(|t| {
            t.role == Role::Answer
                && t.cue == "label"
                && t.first_seq
                    .zip(t.last_seq)
                    .is_some_and(|(a, b)| (a..=b).contains(&u.seq))
        })
    };
    let court = rules.not_dialogue.is_match(&title)
        || opening
            .iter()
            .filter(|u| !in_answer(u))
            .any(|u| rules.not_dialogue.is_match(&u.fold));
    if court && !in_title(&rules.interview) && !reporters_ask {
        return DocKind::Article;
    }
    // An explainer's marks (`Q&A：`, `十问十答`) over an exchange a named person answers, in
    // a document whose title or opening speaks of an interview or a press conference
    // (`interview_patterns`, `press_conference_patterns`), or whose opening may name whom it
    // asks in its prose (`principal_triggers`: `接受…采访`, `记者`; not a heading that repeats
    // the title),
    // are an interview's title — not a writer's own questions and answers (`撰文：…盧思位`
    // over `盧思位：…十問十答`).
    let named_answers = pairs.iter().any(|p| {
        turns
            .get(p.answer_turn)
            .is_some_and(|t| t.speaker_type == Some(super::SpeakerType::Person))
    }) && (any(&rules.interview)
        || any(&rules.press_conference)
        || opening.iter().any(|u| {
            u.is_prose()
                && !matches!(u.kind, crate::body::BlockKind::Heading)
                && rules.may_name_principal(&u.fold)
        }));
    if any(&rules.explainer) && !in_title(&rules.interview) && !reporters_ask && !named_answers {
        return DocKind::Article;
    }
    let questions = turns
        .iter()
        .any(|t| matches!(t.role, Role::Question | Role::Host));
    // Pairs of reported questions (`被问及…时表示`) make a press conference only where the
    // opening names one; in other reports they are narrative.
    let direct = pairs.iter().any(|p| {
        turns
            .get(p.question_turn)
            .is_some_and(|t| t.cue != "reported")
    });
    if !pairs.is_empty() && !direct {
        return if any(&rules.press_conference)
            || (any(&rules.press_report) && !any(&rules.announcement))
        {
            DocKind::PressConference
        } else {
            DocKind::Article
        };
    }
    // Lines of a scene or a call (`赵刚：…？` / `李云龙：…`, `接警员：…？` / `报警人：…`):
    // every question put under a label that names a person as its asker (no outlet, no
    // reporter), in a document
    // whose title and opening say nothing of an interview, a press conference or a reporter
    // (`principal_triggers`: `访`, `对话`, `记者`, `发布会`, …): narrative, not an exchange.
    let asked: Vec<&Turn> = turns
        .iter()
        .filter(|t| matches!(t.role, Role::Question | Role::Host))
        .collect();
    // A role that asks (`母亲：`, `老师：`, `民警：`) counts as a person here; the sources that
    // put questions to a company or a program (`投资者：`, `网友：`, `question_triggers`) do not.
    let by_people = !asked.is_empty()
        && asked.iter().all(|t| {
            t.role == Role::Question
                && match t.speaker_type {
                    Some(super::SpeakerType::Person) => true,
                    Some(super::SpeakerType::Unnamed) => t.speaker.as_deref().is_some_and(|s| {
                        !rules
                            .question_triggers
                            .iter()
                            .any(|q| s.contains(q.as_str()))
                    }),
                    _ => false,
                }
                && t.speaker_org.is_none()
                && t.cue != "reported"
                && !t.cue.contains(rules.reporter_word.as_str())
        });
    if by_people
        && !rules.may_name_principal(&title)
        && !opening.iter().any(|u| rules.may_name_principal(&u.fold))
        // (`議員…質詢司長…`: a questioning.)
        && !std::iter::once(title.as_str())
            .chain(opening.iter().map(|u| u.fold.as_str()))
            .any(|t| t.contains(['问', '询']))
        && !any(&rules.interview)
        && !any(&rules.press_conference)
    {
        return DocKind::Article;
    }
    // One question with an answer nobody is named for, or answered in the question's own
    // paragraph (`记者问：“…？”王建国说，…`), in a report that neither its title nor
    // its opening calls an interview or a press conference (`记者问：“…？”` in a news story):
    // narrative, not an exchange.
    // Labels that say question and answer (`问：…？` / `答：…`) are an exchange even once;
    // not `Question:`/`Answer:` (a web page's reader question or FAQ entry).
    let labelled = |t: Option<&Turn>, labels: &[String]| {
        t.is_some_and(|t| !t.cue.is_ascii() && labels.iter().any(|l| fold(l) == fold(&t.cue)))
    };
    let lone = pairs.len() == 1
        && turns
            .iter()
            .filter(|t| matches!(t.role, Role::Question | Role::Host))
            .count()
            == 1
        && (pairs[0].answerer.is_none() || answered_in_passing(turns, &pairs[0]))
        && !(labelled(turns.get(pairs[0].question_turn), &rules.question_labels)
            && labelled(turns.get(pairs[0].answer_turn), &rules.answer_labels));
    if lone && !in_title(&rules.interview) && !any(&rules.press_conference) {
        return DocKind::Article;
    }
    // Questions set only in bold, answered by nobody named, in a document neither its title
    // nor its opening calls an interview or a press conference: an explainer's headings
    // (`**一、起徵點是多少？**` then the facts), not an exchange.
    let bold_only = !pairs.is_empty()
        && pairs.iter().all(|p| p.answerer.is_none())
        && turns
            .iter()
            .filter(|t| matches!(t.role, Role::Question | Role::Host))
            .all(|t| t.cue == "bold");
    if bold_only && !any(&rules.interview) && !any(&rules.press_conference) {
        return DocKind::Article;
    }
    // Questions and answers nobody is named for — no answerer, no asker's name or outlet — in
    // a document whose title and opening speak of no interview, press conference or reporter
    // (`Q：什么是…？` / `A：…` under `一文看懂`): an explainer, not an exchange — unless a
    // question addresses someone (`你認為…？`: an interview whose interviewee goes unnamed).
    // Nor is a script whose roles are single characters (`甲：`/`乙：`, a comic dialogue).
    let anonymous = !pairs.is_empty()
        && pairs
            .iter()
            .all(|p| p.answerer.is_none() && p.questioner.is_none() && p.questioner_org.is_none());
    let addressed = pairs
        .iter()
        .any(|p| p.question.contains(['你', '您', '妳']) || p.question.contains("閣下"));
    let script = asked.iter().all(|t| {
        t.cue.chars().count() == 1
            && !rules
                .question_labels
                .iter()
                .any(|l| fold(l) == fold(&t.cue))
    });
    if anonymous
        && (script || !addressed)
        && !rules.may_name_principal(&title)
        && !opening.iter().any(|u| rules.may_name_principal(&u.fold))
        && !any(&rules.interview)
        && !any(&rules.press_conference)
    {
        return DocKind::Article;
    }
    if !pairs.is_empty() && questions {
        // (Or an outlet the opening names as conducting it: `接受中国国际电视台（CGTN）《视点》
        // 栏目专访，就…回答记者提问` is an interview, whatever else it says.)
        if in_title(&rules.interview) || !rules.interviewers(opening).is_empty() {
            return DocKind::Interview;
        }
        return if any(&rules.press_conference) {
            DocKind::PressConference
        } else {
            DocKind::Interview
        };
    }
    if any(&rules.press_report) && !any(&rules.announcement) {
        return DocKind::PressConference;
    }
    DocKind::Article
}

/// Whether a pair's answer follows its question in the question's own paragraph, with no label
/// of its own (`记者问：“资金从哪里来？”王建国说，…`): an answer told in passing.
fn answered_in_passing(turns: &[Turn], pair: &QaPair) -> bool {
    match (turns.get(pair.question_turn), turns.get(pair.answer_turn)) {
        (Some(q), Some(a)) => a.cue == "implicit" && a.first_seq == q.first_seq,
        _ => false,
    }
}
