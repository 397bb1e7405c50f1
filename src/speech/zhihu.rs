//! Zhihu-style answers (`qa_answer`): a question answered by its author, or a compilation of
//! several questions, each answered by its own author.
//!
//! The author comes from the answer template's own fields (`div.answer span.author`, its
//! `span.bio`; the selectors of `speech.yaml` are scoped to that markup, so an ordinary
//! page's `<span class="author">` byline is never an answer's author), from an author line
//! (`剑英的回答`) among the first units, or from a `问题-作者的回答：…` title. The question is the
//! body's own question line before the author (a compilation has one per answer), a
//! `question` field, the title's question part, or the title — and there must be one: a post
//! with an author but no question (a Zhihu Daily essay) is an article. A bio belongs to the
//! author whose meta line it is in; it never passes to the next author.

use super::speakers::SpeakerType;
use super::text::{Unit, fold, is_space};
use super::{QaPair, Role, SpeechRules, Turn};
use crate::body::Field;

fn ends_question(s: &str) -> bool {
    s.trim_end_matches(is_space).ends_with(['？', '?'])
}

/// A question line of the body: short and ending with a question mark.
fn is_question_line(u: &Unit) -> bool {
    u.is_prose() && ends_question(&u.text) && u.text.chars().count() <= 150
}

/// The `qa_answer` reading of a document: `(turns, pairs)`, or `None` when it is not one.
pub fn read(
    title: Option<&str>,
    units: &[Unit],
    fields: &[Field],
    rules: &SpeechRules,
) -> Option<(Vec<Turn>, Vec<QaPair>)> {
    let trim = |a: &str| match &rules.author_trim {
        Some(r) => r.replace_all(a, "").trim_matches(is_space).to_string(),
        None => a.trim_matches(is_space).to_string(),
    };
    let title_match = title.and_then(|t| {
        let f = fold(t);
        rules.qa_title.matching(&f).into_iter().find_map(|r| {
            let c = r.captures(&f)?;
            let q = c.name("question")?;
            let a = c.name("author")?;
            Some((t[q.range()].to_string(), t[a.range()].to_string()))
        })
    });
    // Authors: (name, bio, index of the first unit of the answer).
    let first_unit_at = |block: usize| {
        units
            .iter()
            .position(|u| u.seq >= block)
            .unwrap_or(units.len())
    };
    let mut authors: Vec<(String, Option<String>, usize)> = Vec::new();
    for f in fields.iter().filter(|f| f.name == "author") {
        let name = trim(&f.value);
        if name.is_empty() {
            continue;
        }
        let bio = fields
            .iter()
            .find(|b| b.name == "bio" && b.at == f.at)
            .map(|b| b.value.trim_matches(is_space).to_string())
            .filter(|b| !b.is_empty());
        authors.push((name, bio, first_unit_at(f.at)));
    }
    if authors.is_empty() {
        let line = units.iter().take(3).enumerate().find_map(|(i, u)| {
            rules
                .author_line
                .matching(&u.fold)
                .into_iter()
                .find_map(|r| {
                    let c = r.captures(&u.fold)?;
                    let a = c.name("author")?;
                    Some((trim(u.orig(a.range())), i))
                })
        });
        if let Some((name, i)) = line {
            authors.push((name, None, i + 1));
        } else if let Some((_, a)) = &title_match {
            authors.push((trim(a), None, 0));
        }
    }
    authors.retain(|(a, _, _)| !a.is_empty());
    if authors.is_empty() {
        return None;
    }
    let questions: Vec<&Field> = fields.iter().filter(|f| f.name == "question").collect();
    let title_question = title_match
        .as_ref()
        .map(|(q, _)| q.trim_matches(is_space).to_string())
        .or_else(|| {
            title
                .map(|t| t.trim_matches(is_space).to_string())
                .filter(|t| {
                    let f = fold(t);
                    t.contains(['？', '?'])
                        || rules.question_words.iter().any(|w| f.contains(w.as_str()))
                })
        });

    let mut turns = Vec::new();
    let mut pairs = Vec::new();
    let mut prev_end = 0;
    for (n, (author, bio, start)) in authors.iter().enumerate() {
        // The question line just before this answer.
        let body_q = (prev_end..*start)
            .rev()
            .find(|&i| is_question_line(&units[i]));
        let field_q = questions
            .iter()
            .rev()
            .find(|q| first_unit_at(q.at) <= *start)
            .map(|q| q.value.trim_matches(is_space).to_string());
        let (question, q_seq) = match (field_q, body_q) {
            (Some(q), _) => (q, None),
            (None, Some(i)) => (units[i].text.clone(), Some(units[i].seq)),
            (None, None) if n == 0 => match &title_question {
                Some(q) => (q.clone(), None),
                None => return None,
            },
            (None, None) => continue,
        };
        // The answer runs to the next author's question line (or the next author).
        let end = match authors.get(n + 1) {
            Some((_, _, next)) => (*start..*next)
                .rev()
                .find(|&i| is_question_line(&units[i]))
                .unwrap_or(*next),
            None => units.len(),
        };
        prev_end = end;
        let content: Vec<&Unit> = units[*start..end]
            .iter()
            // Code is part of an answer (a snippet it explains); captions are not.
            .filter(|u| u.kind != crate::body::BlockKind::Caption && Some(u.seq) != q_seq)
            .collect();
        let answer = content
            .iter()
            .map(|u| u.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let qi = turns.len();
        turns.push(Turn {
            role: Role::Question,
            speaker: None,
            speaker_title: None,
            speaker_org: None,
            speaker_type: None,
            cue: "question".into(),
            text: question.clone(),
            first_seq: q_seq,
            last_seq: q_seq,
        });
        turns.push(Turn {
            role: Role::Answer,
            speaker: Some(author.clone()),
            speaker_title: bio.clone(),
            speaker_org: None,
            speaker_type: Some(SpeakerType::Person),
            cue: "answer".into(),
            text: answer.clone(),
            first_seq: content.first().map(|u| u.seq),
            last_seq: content.last().map(|u| u.seq),
        });
        if !question.is_empty() && !answer.is_empty() {
            pairs.push(QaPair {
                questioner: None,
                questioner_org: None,
                question,
                answerer: Some(author.clone()),
                answerer_title: bio.clone(),
                answer,
                question_turn: qi,
                answer_turn: qi + 1,
            });
        }
    }
    if turns.is_empty() {
        return None;
    }
    Some((turns, pairs))
}
