//! Stage 4 — speech: who speaks, who asks, and what they said.
//!
//! Input: the document's title, site and the body's blocks (with their bold `lead`s) and fields;
//! output: the document kind, its turns, Q→A pairs and attributed quotes. Every pattern, cue word
//! and selector comes from `speech.yaml` ([`SpeechConfig`]); this module holds the procedure.
//!
//! The procedure, per document:
//! 1. **Zhihu-style answers** (`qa_answer`): the author/bio/link fields taken out of the HTML by
//!    the `qa_answer.fields` selectors, an `X的回答` author line, or a `问题-X的回答：…` title
//!    make the document one question (the `h2.question-title` field, a bold first line, or the
//!    title) answered by its author.
//! 2. **Speakers known to the document**: the principal speaker named in the opening
//!    (`国务委员兼外交部长王毅就…回答中外记者提问`) and every `<title><name>表示，` phrase are
//!    split into title and name, so that a later `王毅表示` resolves to the same speaker.
//! 3. **Signals per paragraph**: a question (`…记者提问：`, `问：`, `Q：`, `追问：`, a bold
//!    numbered question, `<outlet>记者：`), an answer (`答：`, `A：`), a host label
//!    (`主持人：`), a speaker label (`<name>：` set in bold, a known speaker, a guest role), a
//!    speaker cue at the start (`<speaker>表示，/说/指出/强调/回答`), an end of structure
//!    (`以下为…`, `（完）`, headings), or nothing.
//! 4. **Turns**, only when the document has questions or a labelled transcript: a question turn
//!    opens at a question signal; an answer turn at an answer, a label or a speaker cue after a
//!    question, or at the first cue-less paragraph after a complete question (`…？`), spoken
//!    by the principal speaker; paragraphs without a signal continue the current turn; the next
//!    question, a new speaker or the end of the structure closes it. A speaker cue outside a Q&A
//!    structure is a quote, not a turn — `张军表示，` in a report does not make an interview.
//! 5. **Pairs**: each answer turn is paired with the question (or host question) it follows.
//! 6. **Quotes**: the title form `王毅：打造…` and, in paragraphs outside turns, every
//!    `<speaker><verb>，“…”` / `<speaker><verb>，…。` with a speaker that passes the checks
//!    (`换句话说`, `比如说`, `必须指出` and the like are not speakers).

use crate::body::{Block, BlockKind, FieldRule};
use crate::rules::RuleCompiler;
use regex::Regex;
use serde::{Deserialize, Serialize};
use unicode_script::{Script, UnicodeScript};

/// `speech.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SpeechConfig {
    /// Regexes over the title and the opening paragraphs: a Q&A document matching one is a
    /// press conference (otherwise an interview).
    pub press_conference_patterns: Vec<String>,
    /// How many paragraphs from the start count as the opening.
    pub opening_paragraphs: usize,
    /// Regexes with a group `speaker`: the principal speaker named in the opening (who answers
    /// when an answer has no speaker of its own).
    pub principal_patterns: Vec<String>,
    /// Regexes over a paragraph: it starts a question turn. Groups: `text` (the question without
    /// its cue), optional `org` (the outlet) and `name` (the journalist).
    pub question_patterns: Vec<String>,
    /// Regex over a paragraph that is bold as a whole: a question (group `text`). Counts only in
    /// a document with at least two of them or with other Q&A signals.
    pub bold_question_pattern: String,
    /// Regexes over a paragraph: it starts an answer turn (group `text`).
    pub answer_patterns: Vec<String>,
    /// Regex of a speaker label at the start of a paragraph: groups `label` and `text`.
    pub label_pattern: String,
    /// Labels of the host (`主持人`).
    pub host_labels: Vec<String>,
    /// Labels of a guest or other speaker that count even when not set in bold (`嘉宾`).
    pub guest_labels: Vec<String>,
    /// The word that makes a label a questioner (`人民日报记者：`): `<org>记者<name>`.
    pub reporter_word: String,
    /// Verbs that attribute speech (`表示`, `说`, `指出`, ...). Longer ones win.
    pub speech_verbs: Vec<String>,
    /// Words that may precede a speaker at the start of a paragraph, followed by `，`
    /// (`此外，`, `会上，`).
    pub leading_connectors: Vec<String>,
    /// Regexes removed (repeatedly) from the end of a speaker phrase: time words, adverbs,
    /// parentheses (`赵立坚今天（6日）回应称` → `赵立坚`).
    pub speaker_trailing_patterns: Vec<String>,
    /// Regexes removed from the start of a speaker phrase (`专访乐玉成` → `乐玉成`).
    pub speaker_leading_patterns: Vec<String>,
    /// Regexes: a speaker phrase matching one is not a speaker (`换句话`, `比如`, `必须`, ...).
    pub not_speaker_patterns: Vec<String>,
    /// Pronouns that refer to the last named speaker (`他`, `她`).
    pub pronouns: Vec<String>,
    /// Longest speaker phrase, in characters.
    pub max_speaker_chars: usize,
    /// Words a title ends with (`部长`, `发言人`, `专家`); what follows is the name.
    pub title_suffixes: Vec<String>,
    /// Regexes over a paragraph: the Q&A structure ends here.
    pub end_patterns: Vec<String>,
    /// Regex over the title: an attributed headline (`王毅：打造…`), groups `speaker`, `quote`.
    pub title_quote_pattern: String,
    pub qa_answer: QaAnswerConfig,
}

/// `qa_answer:` in `speech.yaml`: Zhihu-style question-and-answer posts.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct QaAnswerConfig {
    /// Values taken out of the HTML (and out of the text): `question`, `author`, `bio`,
    /// `origin_url`.
    pub fields: Vec<FieldConfig>,
    /// Regexes over the first paragraphs: the author line (`剑英的回答`), group `author`.
    pub author_line_patterns: Vec<String>,
    /// Regexes over the title, groups `question` and `author`.
    pub title_patterns: Vec<String>,
    /// Regex removed from the author (`温戈，` → `温戈`).
    pub author_trim_pattern: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldConfig {
    pub name: String,
    pub selector: String,
    /// Take this attribute instead of the text.
    #[serde(default)]
    pub attribute: Option<String>,
}

/// Compiled speech rules.
#[derive(Debug)]
pub struct SpeechRules {
    press_conference: Vec<Regex>,
    opening: usize,
    principal: Vec<Regex>,
    question: Vec<Regex>,
    bold_question: Option<Regex>,
    answer: Vec<Regex>,
    label: Option<Regex>,
    host_labels: Vec<String>,
    guest_labels: Vec<String>,
    reporter_word: String,
    /// `^(connector，)?(?P<speaker>…)(?P<verb>…)(?P<punct>[，,：:]|“)`
    start_cue: Option<Regex>,
    /// `(?P<verb>…)\s*(?P<punct>[，,：:]|“)` anywhere.
    any_cue: Option<Regex>,
    trailing: Vec<Regex>,
    leading: Vec<Regex>,
    not_speaker: Vec<Regex>,
    pronouns: Vec<String>,
    max_speaker_chars: usize,
    /// `title_suffixes`, searched in one pass.
    title_suffixes: Option<aho_corasick::AhoCorasick>,
    end: Vec<Regex>,
    title_quote: Option<Regex>,
    /// Selectors of the Zhihu fields, handed to the body stage.
    pub fields: Vec<FieldRule>,
    author_line: Vec<Regex>,
    qa_title: Vec<Regex>,
    author_trim: Option<Regex>,
}

impl SpeechRules {
    /// Validate every rule (each bad one reported by key) and compile.
    pub fn compile(
        cfg: &SpeechConfig,
        report: &mut impl FnMut(String, String),
    ) -> Option<SpeechRules> {
        let mut c = RuleCompiler::new("", report);
        let press_conference = c.regexes(
            "press_conference_patterns",
            &cfg.press_conference_patterns,
            &[],
        );
        let principal = c.regexes("principal_patterns", &cfg.principal_patterns, &["speaker"]);
        let question = c.regexes("question_patterns", &cfg.question_patterns, &["text"]);
        let answer = c.regexes("answer_patterns", &cfg.answer_patterns, &["text"]);
        let trailing = c.regexes(
            "speaker_trailing_patterns",
            &cfg.speaker_trailing_patterns,
            &[],
        );
        let leading = c.regexes(
            "speaker_leading_patterns",
            &cfg.speaker_leading_patterns,
            &[],
        );
        let not_speaker = c.regexes("not_speaker_patterns", &cfg.not_speaker_patterns, &[]);
        let end = c.regexes("end_patterns", &cfg.end_patterns, &[]);
        let author_line = c.regexes(
            "qa_answer.author_line_patterns",
            &cfg.qa_answer.author_line_patterns,
            &["author"],
        );
        let qa_title = c.regexes(
            "qa_answer.title_patterns",
            &cfg.qa_answer.title_patterns,
            &["question", "author"],
        );
        let bold_question = c.regex(
            "bold_question_pattern",
            &cfg.bold_question_pattern,
            &["text"],
        );
        let label = c.regex("label_pattern", &cfg.label_pattern, &["label", "text"]);
        let title_quote = c.regex(
            "title_quote_pattern",
            &cfg.title_quote_pattern,
            &["speaker", "quote"],
        );
        let author_trim = c.regex(
            "qa_answer.author_trim_pattern",
            &cfg.qa_answer.author_trim_pattern,
            &[],
        );

        // The cue regexes are built from the word lists.
        let mut verbs: Vec<&str> = cfg.speech_verbs.iter().map(String::as_str).collect();
        verbs.sort_by_key(|v| std::cmp::Reverse(v.chars().count()));
        let verbs: Vec<String> = verbs.iter().map(|v| regex::escape(v)).collect();
        let connectors: Vec<String> = cfg
            .leading_connectors
            .iter()
            .map(|c| regex::escape(c))
            .collect();
        let (start_cue, any_cue) = if verbs.is_empty() {
            (None, None)
        } else {
            let v = verbs.join("|");
            let lead = if connectors.is_empty() {
                String::new()
            } else {
                format!("(?:(?:{})[，,]\\s*)?", connectors.join("|"))
            };
            let start = format!(
                "^{lead}(?P<speaker>[^，,。；;：:！？!?“”「」\\n]{{2,{}}}?)(?P<verb>{v})\\s*(?P<punct>[，,：:]|“)",
                cfg.max_speaker_chars.max(2) + 16
            );
            let any = format!("(?P<verb>{v})\\s*(?P<punct>[，,：:]|“)");
            (
                c.regex("speech_verbs", &start, &["speaker"]),
                c.regex("speech_verbs", &any, &["verb"]),
            )
        };

        let title_suffixes = c.literals("title_suffixes", &cfg.title_suffixes);
        let mut fields = Vec::new();
        for (i, f) in cfg.qa_answer.fields.iter().enumerate() {
            let key = format!("qa_answer.fields[{i}].selector");
            if let Some(selector) = c.selector(&key, &f.selector) {
                fields.push(FieldRule {
                    name: f.name.clone(),
                    selector,
                    attribute: f.attribute.clone(),
                });
            }
        }
        c.ok().then(|| SpeechRules {
            press_conference,
            opening: cfg.opening_paragraphs.max(1),
            principal,
            question,
            bold_question,
            answer,
            label,
            host_labels: cfg.host_labels.clone(),
            guest_labels: cfg.guest_labels.clone(),
            reporter_word: cfg.reporter_word.clone(),
            start_cue,
            any_cue,
            trailing,
            leading,
            not_speaker,
            pronouns: cfg.pronouns.clone(),
            max_speaker_chars: cfg.max_speaker_chars.max(2),
            title_suffixes,
            end,
            title_quote,
            fields,
            author_line,
            qa_title,
            author_trim,
        })
    }
}

/// What kind of document it is: `articles.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    PressConference,
    Interview,
    QaAnswer,
    Article,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::PressConference => "press_conference",
            DocKind::Interview => "interview",
            DocKind::QaAnswer => "qa_answer",
            DocKind::Article => "article",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Question,
    Answer,
    Host,
    Statement,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Question => "question",
            Role::Answer => "answer",
            Role::Host => "host",
            Role::Statement => "statement",
        }
    }
}

/// One speaker's uninterrupted turn: a row of `turns`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    pub role: Role,
    pub speaker: Option<String>,
    pub speaker_title: Option<String>,
    pub speaker_org: Option<String>,
    /// What opened the turn: the cue word or label (`提问`, `表示`, `答`, `label`, `bold`,
    /// `implicit` for an answer after a complete question).
    pub cue: String,
    pub text: String,
    /// First and last paragraph (`paragraphs.seq`); null when the text is not a paragraph
    /// (a Zhihu question taken from the title).
    pub first_seq: Option<usize>,
    pub last_seq: Option<usize>,
}

/// A question and one answer to it: a row of `qa_pairs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QaPair {
    pub questioner: Option<String>,
    pub questioner_org: Option<String>,
    pub question: String,
    pub answerer: Option<String>,
    pub answerer_title: Option<String>,
    pub answer: String,
    /// `turns.seq` of the question and of the answer.
    pub question_turn: usize,
    pub answer_turn: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteSource {
    Title,
    Body,
}

impl QuoteSource {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteSource::Title => "title",
            QuoteSource::Body => "body",
        }
    }
}

/// An attributed quote outside Q&A turns: a row of `quotes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub speaker: String,
    pub speaker_title: Option<String>,
    pub cue: String,
    pub quote: String,
    pub source: QuoteSource,
    /// The paragraph (`paragraphs.seq`), null for the title.
    pub seq: Option<usize>,
}

/// What the speech stage found in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speech {
    pub kind: DocKind,
    pub turns: Vec<Turn>,
    pub pairs: Vec<QaPair>,
    pub quotes: Vec<Quote>,
    /// Link to the original answer (Zhihu `a.originUrl`).
    pub origin_url: Option<String>,
}

impl Default for Speech {
    fn default() -> Self {
        Speech {
            kind: DocKind::Article,
            turns: Vec::new(),
            pairs: Vec::new(),
            quotes: Vec::new(),
            origin_url: None,
        }
    }
}

/// The stage's input: parts of what earlier stages produced.
#[derive(Debug, Clone, Copy)]
pub struct SpeechInput<'a> {
    pub title: Option<&'a str>,
    pub blocks: &'a [Block],
    pub fields: &'a [(String, String)],
}

/// A speaker as resolved within a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Speaker {
    name: String,
    title: Option<String>,
}

/// The per-paragraph signal.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Signal {
    Question {
        org: Option<String>,
        name: Option<String>,
        text: String,
        cue: String,
        bold: bool,
        /// A bold question with a number (`一、`, `1：`).
        numbered: bool,
    },
    Answer {
        text: String,
        cue: String,
    },
    Host {
        label: String,
        text: String,
    },
    /// A label (`王毅：…`, keeps `text` without the label) or a cue (`王毅表示，…`, keeps the
    /// whole paragraph).
    Speaker {
        who: Speaker,
        text: String,
        cue: String,
        label: bool,
    },
    End,
    None,
}

/// Run the stage on one document.
pub fn extract(input: &SpeechInput, rules: &SpeechRules) -> Speech {
    let field = |name: &str| {
        input
            .fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let mut speech = Speech {
        origin_url: field("origin_url"),
        ..Speech::default()
    };
    if let Some(qa) = qa_answer(input, rules, &field) {
        speech.kind = DocKind::QaAnswer;
        speech.turns = qa.0;
        speech.pairs = qa.1;
        return speech;
    }

    let doc = Doc::new(input, rules);
    let mut signals: Vec<Signal> = input.blocks.iter().map(|b| doc.signal(b, false)).collect();
    if signals
        .iter()
        .any(|s| matches!(s, Signal::Question { bold: false, .. }))
    {
        signals = input.blocks.iter().map(|b| doc.signal(b, true)).collect();
    }
    let numbered_bold_questions = signals
        .iter()
        .filter(|s| {
            matches!(
                s,
                Signal::Question {
                    bold: true,
                    numbered: true,
                    ..
                }
            )
        })
        .count();
    let bold_questions = signals
        .iter()
        .filter(|s| matches!(s, Signal::Question { bold: true, .. }))
        .count();
    let other_questions = signals
        .iter()
        .filter(|s| {
            matches!(
                s,
                Signal::Question { bold: false, .. } | Signal::Answer { .. }
            )
        })
        .count();
    let hosts = signals
        .iter()
        .filter(|s| matches!(s, Signal::Host { .. }))
        .count();
    let mut labelled: Vec<&str> = signals
        .iter()
        .filter_map(|s| match s {
            Signal::Speaker {
                who, label: true, ..
            } => Some(who.name.as_str()),
            _ => None,
        })
        .collect();
    let labels = labelled.len();
    labelled.sort_unstable();
    labelled.dedup();
    // Bold questions count in a document with other Q&A cues or a principal speaker, or when
    // there are several numbered ones (an interview's questions) — not for bold rhetorical
    // sub-headings of a report.
    let bold_counts =
        numbered_bold_questions >= 2 || other_questions > 0 || doc.principal.is_some();
    let qa = other_questions > 0 || (bold_counts && bold_questions > 0);
    // A transcript: a host, or labels of at least two different speakers.
    let transcript = hosts > 0 || (labels >= 2 && labelled.len() >= 2);

    if qa || transcript {
        speech.turns = doc.turns(input.blocks, &signals, bold_counts);
        speech.pairs = pairs(&speech.turns);
    }
    if !speech.turns.is_empty() {
        let opening = input.title.into_iter().chain(
            input
                .blocks
                .iter()
                .take(rules.opening)
                .map(|b| b.text.as_str()),
        );
        let press = opening
            .into_iter()
            .any(|t| rules.press_conference.iter().any(|r| r.is_match(t)));
        speech.kind = if press {
            DocKind::PressConference
        } else {
            DocKind::Interview
        };
    }
    speech.quotes = doc.quotes(input, &speech.turns);
    speech
}

/// Zhihu-style answer: `(turns, pairs)` when the document is one.
fn qa_answer(
    input: &SpeechInput,
    rules: &SpeechRules,
    field: &dyn Fn(&str) -> Option<String>,
) -> Option<(Vec<Turn>, Vec<QaPair>)> {
    let title_match = input
        .title
        .and_then(|t| rules.qa_title.iter().find_map(|r| r.captures(t)));
    let head = input.blocks.iter().take(3).enumerate();
    let author_line = head.clone().find_map(|(i, b)| {
        rules
            .author_line
            .iter()
            .find_map(|r| r.captures(&b.text))
            .and_then(|c| Some((i, c.name("author")?.as_str().to_string())))
    });
    let trim = |a: String| match &rules.author_trim {
        Some(r) => r.replace_all(&a, "").trim().to_string(),
        None => a.trim().to_string(),
    };
    let author = field("author")
        .or_else(|| author_line.as_ref().map(|(_, a)| a.clone()))
        .or_else(|| {
            title_match
                .as_ref()
                .and_then(|c| Some(c.name("author")?.as_str().to_string()))
        })
        .map(trim)
        .filter(|a| !a.is_empty())?;
    // The question: a field, a bold line ending in a question mark before the author line,
    // the title's question part, or the title.
    let bold_line = author_line.as_ref().and_then(|(i, _)| {
        (0..*i).find(|&j| input.blocks[j].is_bold() && input.blocks[j].text.ends_with(['？', '?']))
    });
    let (question, question_seq) = if let Some(q) = field("question") {
        (q, None)
    } else if let Some(j) = bold_line {
        (input.blocks[j].text.clone(), Some(j))
    } else if let Some(q) = title_match
        .as_ref()
        .and_then(|c| Some(c.name("question")?.as_str().to_string()))
    {
        (q, None)
    } else {
        (input.title.unwrap_or_default().trim().to_string(), None)
    };
    let skip_until = author_line.map(|(i, _)| i + 1).unwrap_or(0);
    let content: Vec<usize> = (skip_until..input.blocks.len())
        .filter(|&i| input.blocks[i].kind != BlockKind::Caption)
        .collect();
    let answer = content
        .iter()
        .map(|&i| input.blocks[i].text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let bio = field("bio");
    let turns = vec![
        Turn {
            role: Role::Question,
            speaker: None,
            speaker_title: None,
            speaker_org: None,
            cue: "question".into(),
            text: question.clone(),
            first_seq: question_seq,
            last_seq: question_seq,
        },
        Turn {
            role: Role::Answer,
            speaker: Some(author.clone()),
            speaker_title: bio.clone(),
            speaker_org: None,
            cue: "answer".into(),
            text: answer.clone(),
            first_seq: content.first().copied(),
            last_seq: content.last().copied(),
        },
    ];
    let pairs = if question.is_empty() || answer.is_empty() {
        Vec::new()
    } else {
        vec![QaPair {
            questioner: None,
            questioner_org: None,
            question,
            answerer: Some(author),
            answerer_title: bio,
            answer,
            question_turn: 0,
            answer_turn: 1,
        }]
    };
    Some((turns, pairs))
}

/// A speech cue in a text: the speaker phrase, the verb, and the byte offset after the cue.
type Cue = (String, String, usize);

/// Speakers known to one document, and the rules.
struct Doc<'r> {
    rules: &'r SpeechRules,
    /// The speech cues of every block, found once (`cues_in`), used to learn speakers and to
    /// extract quotes.
    cues: Vec<Vec<Cue>>,
    /// Named speakers with their titles, in order of appearance.
    known: Vec<Speaker>,
    principal: Option<Speaker>,
}

impl<'r> Doc<'r> {
    fn new(input: &SpeechInput, rules: &'r SpeechRules) -> Doc<'r> {
        let mut doc = Doc {
            rules,
            cues: Vec::new(),
            known: Vec::new(),
            principal: None,
        };
        // The principal speaker, from the opening.
        let opening = input
            .blocks
            .iter()
            .take(rules.opening)
            .map(|b| b.text.as_str());
        'found: for text in opening {
            for r in &rules.principal {
                for c in r.captures_iter(text) {
                    let phrase = doc.clean_speaker(c.name("speaker").map_or("", |m| m.as_str()));
                    if let Some(p) = phrase.and_then(|p| doc.split(&p)) {
                        doc.learn(&p);
                        doc.principal = Some(p);
                        break 'found;
                    }
                }
            }
        }
        // Every titled speaker phrase in the text.
        let cues: Vec<Vec<Cue>> = input.blocks.iter().map(|b| doc.cues_in(&b.text)).collect();
        for b_cues in &cues {
            for (phrase, _, _) in b_cues {
                if let Some(s) = doc.split(phrase) {
                    doc.learn(&s);
                }
            }
        }
        doc.cues = cues;
        for b in input.blocks {
            if let Some(c) = rules.label.as_ref().and_then(|r| r.captures(&b.text)) {
                let label = c.name("label").map_or("", |m| m.as_str().trim());
                if b.lead.as_deref().is_some_and(|l| l.starts_with(label))
                    && let Some(s) = doc.clean_speaker(label).and_then(|p| doc.split(&p))
                {
                    doc.learn(&s);
                }
            }
        }
        doc
    }

    fn learn(&mut self, s: &Speaker) {
        if s.title.is_some() && !self.known.iter().any(|k| k.name == s.name) {
            self.known.push(s.clone());
        }
    }

    /// Trim a raw speaker phrase and check that it can be a speaker.
    fn clean_speaker(&self, raw: &str) -> Option<String> {
        let mut p = raw.trim().to_string();
        loop {
            let before = p.len();
            for r in &self.rules.trailing {
                if let Some(m) = r.find(&p)
                    && m.end() == p.len()
                    && m.start() > 0
                {
                    p.truncate(m.start());
                }
            }
            for r in &self.rules.leading {
                if let Some(m) = r.find(&p)
                    && m.start() == 0
                    && m.end() < p.len()
                {
                    p.replace_range(..m.end(), "");
                }
            }
            p = p.trim().to_string();
            if p.len() == before {
                break;
            }
        }
        let n = p.chars().count();
        if n < 2 && !self.rules.pronouns.contains(&p) {
            return None;
        }
        if n > self.rules.max_speaker_chars || self.rules.not_speaker.iter().any(|r| r.is_match(&p))
        {
            return None;
        }
        Some(p)
    }

    /// Split a speaker phrase into title and name, resolving names known to the document and
    /// pronouns (which resolve later, by the caller).
    fn split(&self, phrase: &str) -> Option<Speaker> {
        if self.rules.pronouns.iter().any(|p| p == phrase) {
            return None;
        }
        // A known name at the end: `王毅`, `国务委员兼外交部长王毅`.
        if let Some(k) = self.known.iter().find(|k| phrase.ends_with(&k.name)) {
            let prefix = phrase[..phrase.len() - k.name.len()].trim();
            let title = if prefix.is_empty() {
                k.title.clone()
            } else {
                Some(prefix.to_string())
            };
            return Some(Speaker {
                name: k.name.clone(),
                title,
            });
        }
        // `<title> <name>` with a space.
        if let Some((title, name)) = phrase.rsplit_once([' ', '\u{3000}']) {
            let (title, name) = (title.trim(), name.trim());
            if !title.is_empty() && is_name(name) {
                return Some(Speaker {
                    name: name.into(),
                    title: Some(title.into()),
                });
            }
        }
        // The last title word followed by a name.
        let best = self
            .rules
            .title_suffixes
            .as_ref()
            .and_then(|words| words.find_overlapping_iter(phrase).map(|m| m.end()).max());
        if let Some(end) = best {
            let (title, name) = (&phrase[..end], &phrase[end..]);
            if is_name(name) {
                return Some(Speaker {
                    name: name.into(),
                    title: Some(title.into()),
                });
            }
        }
        Some(Speaker {
            name: phrase.to_string(),
            title: None,
        })
    }

    /// The speaker phrase of every speech cue in a text: `(phrase, verb, byte offset after
    /// the cue)`.
    fn cues_in(&self, text: &str) -> Vec<Cue> {
        let Some(any) = &self.rules.any_cue else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for c in any.captures_iter(text) {
            let verb = c.name("verb").expect("group");
            let punct = c.name("punct").expect("group");
            // The clause before the verb, back to the last boundary.
            let before = &text[..verb.start()];
            let start = before
                .rfind([
                    '，', ',', '。', '；', ';', '：', ':', '！', '？', '!', '?', '“', '”', '\n',
                ])
                .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
                .unwrap_or(0);
            let Some(phrase) = self.clean_speaker(&before[start..]) else {
                continue;
            };
            // Not a speaker if the verb is part of a set phrase (`必须指出`).
            if self
                .rules
                .not_speaker
                .iter()
                .any(|r| r.is_match(&format!("{}{}", phrase, verb.as_str())))
            {
                continue;
            }
            let after = if punct.as_str() == "“" {
                punct.start()
            } else {
                punct.end()
            };
            out.push((phrase, verb.as_str().to_string(), after));
        }
        out
    }

    /// The signal of one paragraph. `lenient`: in a document with questions, a plain
    /// `<name>：` label counts without bold (`记者：…` / `李红：…` interviews).
    fn signal(&self, b: &Block, lenient: bool) -> Signal {
        let r = self.rules;
        if matches!(b.kind, BlockKind::Caption | BlockKind::Code) {
            return Signal::None;
        }
        let text = b.text.as_str();
        if r.end.iter().any(|e| e.is_match(text)) {
            return Signal::End;
        }
        for q in &r.question {
            if let Some(c) = q.captures(text) {
                let g = |n: &str| {
                    c.name(n)
                        .map(|m| m.as_str().trim().to_string())
                        .filter(|s| !s.is_empty())
                };
                let body = g("text").unwrap_or_default();
                // The cue is the prefix without the outlet and the name: `记者提问`.
                let cue_end = c.name("text").map_or(text.len(), |m| m.start());
                let mut cue = text[..cue_end].to_string();
                for n in ["org", "name"] {
                    if let Some(m) = c.name(n) {
                        cue = cue.replacen(m.as_str(), "", 1);
                    }
                }
                return Signal::Question {
                    org: g("org"),
                    name: g("name"),
                    text: body,
                    cue: cue_word(&cue),
                    bold: false,
                    numbered: false,
                };
            }
        }
        for a in &r.answer {
            if let Some(c) = a.captures(text) {
                let cue_end = c.name("text").map_or(text.len(), |m| m.start());
                return Signal::Answer {
                    text: c.name("text").map_or("", |m| m.as_str()).trim().to_string(),
                    cue: cue_word(&text[..cue_end]),
                };
            }
        }
        if let Some(c) = r.label.as_ref().and_then(|l| l.captures(text)) {
            let label = c.name("label").map_or("", |m| m.as_str()).trim();
            let rest = c.name("text").map_or("", |m| m.as_str()).trim().to_string();
            let bold = b.lead.as_deref().is_some_and(|l| l.starts_with(label));
            if r.host_labels.iter().any(|h| h == label) {
                return Signal::Host {
                    label: label.into(),
                    text: rest,
                };
            }
            // A reporter's label: checked like any speaker phrase, so that reported speech
            // (`专家蔡学飞告诉财联社记者：“…”`) loses its `告诉…记者` tail and is not one.
            let cleaned = self.clean_speaker(label);
            let reporter = cleaned.as_deref().filter(|l| {
                !r.reporter_word.is_empty() && (bold || l.ends_with(r.reporter_word.as_str()))
            });
            if let Some(label) = reporter
                && let Some((org, name)) = label.split_once(r.reporter_word.as_str())
            {
                let org = org.trim().trim_start_matches('有');
                return Signal::Question {
                    org: (!org.is_empty()).then(|| org.to_string()),
                    name: (!name.trim().is_empty()).then(|| name.trim().to_string()),
                    text: rest,
                    cue: "label".into(),
                    bold: false,
                    numbered: false,
                };
            }
            // A speaker label: in a paragraph, with words after it, naming a known speaker, a
            // guest role, or — in bold — a titled speaker or a name (`书名：`, `注意：` in list
            // items or alone do not make a transcript).
            let guest = r.guest_labels.iter().any(|g| label.starts_with(g.as_str()));
            let paragraph = matches!(b.kind, BlockKind::Paragraph | BlockKind::Blockquote);
            if let Some(who) = cleaned.as_deref().and_then(|p| self.split(p)) {
                let known = self.known.iter().any(|k| k.name == who.name);
                let person = who.title.is_some() || is_name(&who.name);
                if paragraph
                    && !rest.is_empty()
                    && (known || guest || ((bold || lenient) && person))
                {
                    return Signal::Speaker {
                        who,
                        text: rest,
                        cue: "label".into(),
                        label: true,
                    };
                }
            }
        }
        if let (Some(bq), true) = (&r.bold_question, b.is_bold())
            && let Some(c) = bq.captures(text)
        {
            return Signal::Question {
                org: None,
                name: None,
                text: c
                    .name("text")
                    .map_or(text, |m| m.as_str())
                    .trim()
                    .to_string(),
                cue: "bold".into(),
                bold: true,
                numbered: c.name("number").is_some(),
            };
        }
        if b.kind == BlockKind::Heading {
            return Signal::End;
        }
        if let Some(c) = r.start_cue.as_ref().and_then(|s| s.captures(text)) {
            let raw = c.name("speaker").map_or("", |m| m.as_str());
            let verb = c.name("verb").map_or("", |m| m.as_str());
            if let Some(phrase) = self.clean_speaker(raw) {
                let set_phrase = r
                    .not_speaker
                    .iter()
                    .any(|n| n.is_match(&format!("{phrase}{verb}")));
                if !set_phrase && let Some(who) = self.split(&phrase) {
                    return Signal::Speaker {
                        who,
                        text: text.to_string(),
                        cue: verb.into(),
                        label: false,
                    };
                }
            }
        }
        Signal::None
    }

    /// The turns of a Q&A or transcript document.
    fn turns(&self, blocks: &[Block], signals: &[Signal], bold_counts: bool) -> Vec<Turn> {
        let mut turns: Vec<Turn> = Vec::new();
        let mut current: Option<Turn> = None;
        // Whether a question (or a host's question) is open: answers may follow.
        let mut question_open = false;
        let mut seen_question = false;
        let close = |current: &mut Option<Turn>, turns: &mut Vec<Turn>| {
            if let Some(t) = current.take() {
                turns.push(t);
            }
        };
        let principal = self.principal.clone();
        for (i, (b, s)) in blocks.iter().zip(signals).enumerate() {
            let start =
                |role: Role, who: Option<Speaker>, org: Option<String>, cue: &str, text: &str| {
                    Turn {
                        role,
                        speaker_title: who.as_ref().and_then(|w| w.title.clone()),
                        speaker: who.map(|w| w.name),
                        speaker_org: org,
                        cue: cue.to_string(),
                        text: text.to_string(),
                        first_seq: Some(i),
                        last_seq: Some(i),
                    }
                };
            match s {
                Signal::Question { bold: true, .. } if !bold_counts => {
                    continue_turn(&mut current, b, i);
                }
                Signal::Question {
                    org,
                    name,
                    text,
                    cue,
                    ..
                } => {
                    close(&mut current, &mut turns);
                    let who = name.clone().map(|n| Speaker {
                        name: n,
                        title: None,
                    });
                    current = Some(start(Role::Question, who, org.clone(), cue, text));
                    question_open = true;
                    seen_question = true;
                }
                Signal::Answer { text, cue } => {
                    close(&mut current, &mut turns);
                    current = Some(start(Role::Answer, principal.clone(), None, cue, text));
                }
                Signal::Host { label, text } => {
                    close(&mut current, &mut turns);
                    let who = Speaker {
                        name: label.clone(),
                        title: None,
                    };
                    current = Some(start(Role::Host, Some(who), None, "label", text));
                    question_open = text.contains(['？', '?']);
                }
                Signal::Speaker {
                    who,
                    text,
                    cue,
                    label,
                } => {
                    let same = current.as_ref().is_some_and(|t| {
                        matches!(t.role, Role::Answer | Role::Statement)
                            && t.speaker.as_deref() == Some(who.name.as_str())
                    });
                    // Inside an answer, only a label or a titled or known speaker starts a new
                    // turn (`中方认为，` inside 王毅's answer is still 王毅 speaking).
                    let answering = current.as_ref().is_some_and(|t| t.role == Role::Answer);
                    let named =
                        who.title.is_some() || self.known.iter().any(|k| k.name == who.name);
                    if (same || (answering && !named)) && !label {
                        continue_turn(&mut current, b, i);
                    } else if question_open || *label || current.is_some() {
                        close(&mut current, &mut turns);
                        let role = if question_open {
                            Role::Answer
                        } else {
                            Role::Statement
                        };
                        let who = who.clone();
                        current = Some(start(role, Some(who), None, cue, text));
                    }
                    // A cue before any question is reported speech (a quote), not a turn.
                }
                Signal::End => {
                    close(&mut current, &mut turns);
                    question_open = false;
                }
                Signal::None => {
                    let complete_question = current
                        .as_ref()
                        .is_some_and(|t| t.role == Role::Question && t.text.ends_with(['？', '?']))
                        || (current.is_none() && question_open && seen_question);
                    if complete_question && b.kind != BlockKind::Caption {
                        close(&mut current, &mut turns);
                        current = Some(start(
                            Role::Answer,
                            principal.clone(),
                            None,
                            "implicit",
                            &b.text,
                        ));
                    } else {
                        continue_turn(&mut current, b, i);
                    }
                }
            }
        }
        close(&mut current, &mut turns);
        turns
    }

    /// Quotes from the title and from paragraphs outside turns.
    fn quotes(&self, input: &SpeechInput, turns: &[Turn]) -> Vec<Quote> {
        let mut out = Vec::new();
        if let (Some(t), Some(r)) = (input.title, &self.rules.title_quote)
            && let Some(c) = r.captures(t.trim())
        {
            let raw = c.name("speaker").map_or("", |m| m.as_str());
            let quote = c.name("quote").map_or("", |m| m.as_str()).trim();
            if let Some(s) = self.clean_speaker(raw).and_then(|p| self.split(&p))
                && !quote.is_empty()
            {
                out.push(Quote {
                    speaker: s.name,
                    speaker_title: s.title,
                    cue: "：".into(),
                    quote: quote.to_string(),
                    source: QuoteSource::Title,
                    seq: None,
                });
            }
        }
        let in_turn = |i: usize| {
            turns
                .iter()
                .any(|t| t.first_seq.is_some_and(|f| f <= i) && t.last_seq.is_some_and(|l| i <= l))
        };
        let mut last: Option<Speaker> = None;
        for (i, b) in input.blocks.iter().enumerate() {
            if in_turn(i)
                || !matches!(
                    b.kind,
                    BlockKind::Paragraph | BlockKind::Blockquote | BlockKind::ListItem
                )
            {
                continue;
            }
            for (phrase, verb, after) in &self.cues[i] {
                let who = if self.rules.pronouns.contains(phrase) {
                    match &last {
                        Some(s) => s.clone(),
                        None => continue,
                    }
                } else {
                    match self.split(phrase) {
                        Some(s) => s,
                        None => continue,
                    }
                };
                let quote = quote_text(&b.text[*after..]);
                if quote.is_empty() {
                    continue;
                }
                last = Some(who.clone());
                out.push(Quote {
                    speaker: who.name,
                    speaker_title: who.title,
                    cue: verb.clone(),
                    quote,
                    source: QuoteSource::Body,
                    seq: Some(i),
                });
            }
        }
        out
    }
}

/// The cue of a question or answer: the prefix without punctuation (`记者提问`, `问`, `答`).
fn cue_word(prefix: &str) -> String {
    let w = prefix.trim().trim_end_matches([':', '：', ' ']).trim();
    if w.is_empty() {
        "cue".into()
    } else {
        w.to_string()
    }
}

fn continue_turn(current: &mut Option<Turn>, b: &Block, i: usize) {
    if let Some(t) = current {
        if b.kind == BlockKind::Caption {
            return;
        }
        if !t.text.is_empty() {
            t.text.push('\n');
        }
        t.text.push_str(&b.text);
        t.last_seq = Some(i);
    }
}

/// Each answer paired with the question it follows.
fn pairs(turns: &[Turn]) -> Vec<QaPair> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in turns.iter().enumerate() {
        match t.role {
            Role::Question => open = Some(i),
            Role::Host => open = t.text.contains(['？', '?']).then_some(i),
            Role::Answer => {
                if let Some(q) = open {
                    let qt = &turns[q];
                    out.push(QaPair {
                        questioner: qt.speaker.clone(),
                        questioner_org: qt.speaker_org.clone(),
                        question: qt.text.clone(),
                        answerer: t.speaker.clone(),
                        answerer_title: t.speaker_title.clone(),
                        answer: t.text.clone(),
                        question_turn: q,
                        answer_turn: i,
                    });
                }
            }
            Role::Statement => {}
        }
    }
    out
}

/// A person's name: 2–4 Han characters, or a foreign name with `·`, or Latin words.
fn is_name(s: &str) -> bool {
    let n = s.chars().count();
    let han = s.chars().all(|c| c.script() == Script::Han || c == '·');
    (han && (2..=4).contains(&n))
        || (han && s.contains('·') && n <= 12)
        || (s
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '.')
            && (2..=30).contains(&n)
            && s.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
}

/// The quoted words after a cue: `“…”` if it opens with a quotation mark, else the rest of
/// the sentence.
fn quote_text(after: &str) -> String {
    let s = after.trim_start_matches([' ', '，', ',', '：', ':']);
    if let Some(rest) = s.strip_prefix('“') {
        let mut depth = 1;
        for (i, c) in rest.char_indices() {
            match c {
                '“' => depth += 1,
                '”' => {
                    depth -= 1;
                    if depth == 0 {
                        return rest[..i].trim().to_string();
                    }
                }
                _ => {}
            }
        }
        return rest.trim().to_string();
    }
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '“' => depth += 1,
            '”' => depth -= 1,
            '。' | '！' | '？' | '!' | '?' if depth <= 0 => {
                return s[..i + c.len_utf8()].trim().to_string();
            }
            _ => {}
        }
    }
    s.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{self, ConfigSource};

    /// The embedded configuration, loaded once for all tests.
    fn rules() -> &'static crate::config::Rules {
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
        let fields = [
            ("author".to_string(), "温戈，".to_string()),
            ("bio".to_string(), "芯片工程师".to_string()),
            (
                "origin_url".to_string(),
                "https://www.zhihu.com/question/1/answer/2".to_string(),
            ),
        ];
        let blocks = [p("CPU 坏的概率极小。"), p("多数是外界原因。")];
        let s = extract(
            &SpeechInput {
                title: Some("CPU 为什么很少会坏？"),
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
}
