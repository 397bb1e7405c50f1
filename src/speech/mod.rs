//! Stage 4 — speech: who speaks, who asks, and what they said.
//!
//! Input: the document's title, byline and the body's blocks (with their bold `lead`s) and
//! fields; output: the document kind, its turns, Q→A pairs and attributed quotes. Every
//! pattern, word list and selector comes from `speech.yaml` ([`SpeechConfig`], in
//! [`config`]); the modules hold the procedure, one concern each:
//!
//! - [`text`] — blocks cut into units (lines), each folded to simplified characters with the
//!   same byte layout, so that one rule covers both scripts and outputs keep the text as written;
//! - [`speakers`] — speaker phrases split into name, title, organisation and
//!   [`SpeakerType`] by a word segmenter's parts of speech (jieba), and the document's
//!   registry of named speakers;
//! - [`zhihu`] — Zhihu-style answers and compilations (`qa_answer`);
//! - [`turns`] — labelled transcripts, cue-marked and reported questions, and their answers;
//! - [`kind`] — the document kind from its turns and its opening;
//! - [`quotes`] — direct, indirect and mixed quotes in the narrative and the title.
//!
//! Pairs are each answer turn with the question (or host question) it follows.

pub mod config;
pub mod kind;
pub mod quotes;
pub mod segment;
pub mod speakers;
pub mod text;
pub mod turns;
pub mod zhihu;

pub use config::{FieldConfig, QaAnswerConfig, SpeechConfig, SpeechRules};
pub use speakers::SpeakerType;

use crate::body::{Block, BlockKind, Field};
use serde::Serialize;
use speakers::{Phrase, Registry};
use unicode_script::UnicodeScript;

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
    /// The questioner's outlet, or the speaker's organisation when the document gives one
    /// that is not a title.
    pub speaker_org: Option<String>,
    /// person | organisation | unnamed; null when nobody is named.
    pub speaker_type: Option<SpeakerType>,
    /// What opened the turn: the cue word or label (`提问`, `表示`, `答`, `label`, `bold`,
    /// `reported`, `implicit` for an answer after a complete question).
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

/// Whether a quote gives the speaker's own words: the `quotes.kind` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// The words are inside quotation marks (“…”, 「…」, 『…』).
    Direct,
    /// Reported speech without quotation marks (`X表示，…`).
    Indirect,
    /// Reported speech that quotes some words (`X表示，经济“稳中向好”`).
    Mixed,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// An attributed quote outside Q&A turns: a row of `quotes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub kind: QuoteKind,
    pub speaker: String,
    pub speaker_title: Option<String>,
    pub speaker_org: Option<String>,
    pub speaker_type: SpeakerType,
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
    /// The document's byline (front matter `author`, or the page's): names the outlet a short
    /// asker label stands for (`眾新聞記者` → `眾`).
    pub byline: Option<&'a str>,
    pub blocks: &'a [Block],
    pub fields: &'a [Field],
}

/// The longest line whose speech cues are read, in bytes.
const MAX_UNIT_BYTES: usize = 20_000;

/// Run the stage on one document.
pub fn extract(input: &SpeechInput, rules: &SpeechRules) -> Speech {
    speakers::clear_cache();
    let mut units = text::units(input.blocks, text::needs_fold(input.title, input.blocks));
    // A dateline or byline a paragraph opens with is blanked in the fold (same byte layout):
    // nobody in it speaks (`（中央社記者葉素萍台北30日電）行政院長卓榮泰…表示`).
    for u in units.iter_mut().filter(|u| u.is_prose()) {
        let n = rules.dateline_len(&u.fold);
        if n > 0 {
            u.fold = text::blank(&u.fold, n);
        }
    }
    // Names the document repeats as a speaker, which cues may follow though the segmenter
    // joins the verb to them (`风雨兰称`).
    let doc_names = rules.scan_recurring_subjects(&units);
    // A line of more than 20,000 bytes is no paragraph of prose (a page's text run together, a
    // data dump): its cues are not read, which keeps quote finding linear in the document.
    for u in units
        .iter_mut()
        .filter(|u| u.carries_quotes() && u.fold.len() <= MAX_UNIT_BYTES)
    {
        u.cues = rules.cue_matches_with(&u.fold, &doc_names);
    }
    let mut speech = Speech {
        origin_url: input
            .fields
            .iter()
            .find(|f| f.name == "origin_url")
            .map(|f| f.value.clone()),
        ..Speech::default()
    };
    if let Some((turns, pairs)) = zhihu::read(input.title, &units, input.fields, rules) {
        speech.kind = DocKind::QaAnswer;
        speech.turns = turns;
        speech.pairs = pairs;
        return speech;
    }

    // The speakers the document names, and its principal speaker.
    let mut registry = Registry {
        doc_names,
        ..Registry::default()
    };
    let opening: Vec<&text::Unit> = units
        .iter()
        .filter(|u| u.is_prose())
        .take(rules.opening)
        .collect();
    for u in &units {
        if !u.is_prose() {
            continue;
        }
        {
            for c in &u.cues {
                let verb = &c.verb;
                let before = &u.fold[..verb.start];
                let start = before
                    .rfind([
                        '，', ',', '。', '；', ';', '：', ':', '！', '？', '!', '?', '“', '”',
                        '「', '」',
                    ])
                    .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
                    .unwrap_or(0);
                if start < verb.start
                    && let Phrase::Who(w) =
                        rules.analyse(&u.text[start..verb.start], &u.fold[start..verb.start])
                {
                    registry.learn(&w);
                }
            }
        }
    }
    // People a sentence opens with (`王建平昨天出席了股东大会。他在会上表示…`): what a pronoun
    // after them refers to, though they are nobody's speaker yet.
    rules.scan_sentence_subjects(&units, &mut registry);
    rules.scan_titled_names(&units, &mut registry);
    rules.scan_appositive_titles(&units, &mut registry);
    rules.scan_full_names(&units, &mut registry);
    let mut title_quote = None;
    if let Some(t) = input.title {
        let mut q = quotes::Quotes::new(rules, &registry, None);
        title_quote = q.title(t);
    }
    // The person the headline quotes, with the title it gives them (`前行會召集人林煥光：…`):
    // labels and answers naming them take that title when the body gives none.
    let title_speaker = title_quote
        .as_ref()
        .filter(|q| q.speaker_type == SpeakerType::Person)
        .map(|q| speakers::Who {
            title: q.speaker_title.clone(),
            org: q.speaker_org.clone(),
            ..speakers::Who::named(&q.speaker, SpeakerType::Person)
        });
    if let Some(w) = title_speaker.as_ref().filter(|w| w.title.is_some()) {
        registry.learn(w);
    }
    // Else the person a headline names as interviewed (`专访王强`, `對話陳帆`), by the principal
    // patterns.
    let title_speaker = title_speaker.or_else(|| {
        let t = text::fold(input.title?);
        if !rules.may_name_principal(&t) {
            return None;
        }
        rules.principal.iter().find_map(|r| {
            let c = r.captures(&t)?;
            let m = c.name("speaker")?;
            let orig = input.title?.get(m.range())?;
            match rules.analyse(orig, m.as_str()) {
                Phrase::Who(w) if w.kind == SpeakerType::Person => {
                    registry.learn(&w);
                    Some(w)
                }
                _ => None,
            }
        })
    });
    // The outlet the opening names as conducting the interview, then the byline's.
    let mut outlets = rules.interviewers(&opening);
    let byline_outlets: Vec<String> = input
        .byline
        .map(|b| {
            let f = text::fold(b);
            let w = rules.reporter_word.as_str();
            // `眾新聞記者`: the byline names the outlet only (not `實習記者曾港深`).
            match (!w.is_empty()).then(|| f.strip_suffix(w)).flatten() {
                Some(org)
                    if !org.is_empty()
                        && !rules
                            .not_outlet_words
                            .iter()
                            .any(|x| org.ends_with(x.as_str())) =>
                {
                    vec![b[..org.len()].trim_matches(text::is_space).to_string()]
                }
                _ => Vec::new(),
            }
        })
        .unwrap_or_default();
    for o in byline_outlets {
        if !outlets.contains(&o) {
            outlets.push(o);
        }
    }

    let mut reader = turns::Reader {
        rules,
        units: &units,
        registry,
        principal: None,
        opening: units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.is_prose())
            .take(rules.opening)
            .map(|(i, _)| i)
            .collect(),
        title_speaker,
        outlets,
    };
    speech.turns = reader.turns();
    // A follow-up (`追问：…`) is put by whoever asked the question before.
    let mut last_asker: Option<(Option<String>, Option<String>)> = None;
    for t in &mut speech.turns {
        if t.role != Role::Question {
            continue;
        }
        if text::fold(&t.cue) == "追问" && t.speaker.is_none() && t.speaker_org.is_none() {
            if let Some((who, org)) = &last_asker {
                t.speaker.clone_from(who);
                t.speaker_org.clone_from(org);
            }
        } else {
            last_asker = Some((t.speaker.clone(), t.speaker_org.clone()));
        }
    }
    // A short answer that only runs the meeting (`最后一个问题。`, `下面请各位记者提问。`,
    // `今天的发布会就到这里，谢谢各位。`: `host_line_patterns`) is the host's, no answer.
    for t in &mut speech.turns {
        if t.role == Role::Answer
            && t.text.chars().count() <= 40
            && rules.host_line.is_match(&text::fold(&t.text))
        {
            t.role = Role::Host;
        }
    }
    // In an exchange written with labels (`記：`/`蕭：`, `問：`/`答：`), a paragraph reporting someone
    // else's words right after an answer (`…張曉明表示，…` after the interview's last answer)
    // is narrative, not a turn: its words are quotes. (In a narrated press conference, a
    // second official answering the same question is a turn.)
    let verb_cue = |t: &Turn| !rules.cue_matches(&text::fold(&t.cue)).is_empty();
    let answers = speech.turns.iter().filter(|t| t.role == Role::Answer);
    let labelled = answers
        .clone()
        .filter(|t| !verb_cue(t) && !matches!(t.cue.as_str(), "implicit" | "reported"))
        .count();
    if labelled * 2 > answers.count() {
        let turns = std::mem::take(&mut speech.turns);
        for t in turns {
            let narrative = speech.turns.last().is_some_and(|p| {
                p.role == Role::Answer && t.role == Role::Answer && p.speaker != t.speaker
            }) && verb_cue(&t);
            if !narrative {
                speech.turns.push(t);
            }
        }
    }
    for t in &mut speech.turns {
        if t.speaker_title.is_none()
            && let Some(name) = &t.speaker
        {
            let mut w = speakers::Who::named(name, t.speaker_type.unwrap_or(SpeakerType::Person));
            reader.registry.complete(&mut w);
            t.speaker_title = w.title;
        }
    }
    speech.pairs = pairs(&speech.turns);
    speech.kind = kind::of(input.title, &opening, &speech.turns, &speech.pairs, rules);
    if speech.kind == DocKind::Interview
        && let Some(outlet) = reader.outlets.first()
    {
        // An interview's questions are the publication's when no one else is named.
        for t in &mut speech.turns {
            if t.role == Role::Question && t.speaker.is_none() && t.speaker_org.is_none() {
                t.speaker_org = Some(outlet.clone());
            }
        }
        speech.pairs = pairs(&speech.turns);
    }
    if speech.kind == DocKind::Article {
        speech.turns.retain(|t| t.role == Role::Statement);
        speech.pairs.clear();
    }
    // Quotes: the title, and units outside exchanges, captions too (a reported question's
    // answer is narrative and keeps its quotes).
    let exchange: Vec<(usize, usize)> = speech
        .turns
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            let reported = t.cue == "reported"
                || (t.role == Role::Answer
                    && i.checked_sub(1)
                        .is_some_and(|p| speech.turns[p].cue == "reported"));
            !reported
        })
        .filter_map(|(_, t)| Some((t.first_seq?, t.last_seq?)))
        .collect();
    let registry = &reader.registry;
    let mut q = quotes::Quotes::new(rules, registry, None);
    if let Some(t) = input.title
        && let Some(tq) = q.title(t)
    {
        speech.quotes.push(tq);
    }
    for (i, u) in units.iter().enumerate() {
        if !u.carries_quotes()
            || u.fold.len() > MAX_UNIT_BYTES
            || exchange.iter().any(|&(f, l)| f <= u.seq && u.seq <= l)
        {
            continue;
        }
        let found = q.unit(u, units.get(i + 1));
        // A subheading (a heading, or a short line all in bold) in the headline form
        // (`美联储官员：莫慌`, `新华社：当我们…`) is attributed as the title is, when
        // [`subheading_speaks`]: a section's topic is written the same way (`强势政府：上海民间
        // 资本…`, `深度：…`). Chinese ones only (`Fazit: …`, `Rechenbeispiel: …` name a
        // section).
        // (Not the title repeated as the body's first heading, punctuation aside.)
        if found.is_empty()
            && (u.kind == BlockKind::Heading || (u.bold && u.text.chars().count() <= 40))
            && input.title.is_none_or(|t| {
                let bare =
                    |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).collect() };
                let (t, h) = (bare(t), bare(&u.text));
                // (The title may carry the site's name: `专家：房价不会大跌_新浪财经`.)
                !(t.contains(&h) || h.contains(&t))
            })
            && u.text
                .chars()
                .any(|c| c.script() == unicode_script::Script::Han)
            && let Some(mut hq) = q.title(&u.text)
            && subheading_speaks(&hq, u, &units, rules)
        {
            hq.source = QuoteSource::Body;
            hq.seq = Some(u.seq);
            speech.quotes.push(hq);
        }
        speech.quotes.extend(found);
    }
    // A headline quoting without a speaker: the one in the body who says its words.
    if let Some(t) = input.title
        && !speech.quotes.iter().any(|q| q.source == QuoteSource::Title)
    {
        let mut said: Vec<(Quote, &str)> = speech
            .quotes
            .iter()
            .map(|q| (q.clone(), q.quote.as_str()))
            .collect();
        for a in speech.turns.iter().filter(|t| t.role == Role::Answer) {
            if let Some(name) = &a.speaker {
                let who = Quote {
                    kind: QuoteKind::Direct,
                    speaker: name.clone(),
                    speaker_title: a.speaker_title.clone(),
                    speaker_org: a.speaker_org.clone(),
                    speaker_type: a.speaker_type.unwrap_or(SpeakerType::Person),
                    cue: a.cue.clone(),
                    quote: String::new(),
                    source: QuoteSource::Body,
                    seq: None,
                };
                said.push((who, a.text.as_str()));
            }
        }
        if let Some(tq) = quotes::Quotes::title_by_body(t, &said) {
            speech.quotes.insert(0, tq);
        }
    }
    speech
}

/// Whether a subheading's headline-form quote (`严跃进：房企拿地意愿非常弱`) is speech: the
/// speaker is named in another unit of the document too, and is no place (`上海：新增病例10例`,
/// a roundup's section); the words are more than a person's name (`主持人：李四`).
fn subheading_speaks(q: &Quote, u: &text::Unit, units: &[text::Unit], rules: &SpeechRules) -> bool {
    let key = text::fold(&q.speaker);
    let elsewhere = units
        .iter()
        .any(|o| o.seq != u.seq && o.fold.contains(key.as_str()));
    let place = matches!(segment::words(&key).as_slice(), [w] if w.tag == "ns");
    let words = text::fold(&q.quote);
    let a_name = matches!(
        rules.analyse(&q.quote, &words),
        Phrase::Who(w) if w.kind == SpeakerType::Person && w.key == words
    );
    elsewhere && !place && !a_name
}

/// Each answer paired with the question it follows.
fn pairs(turns: &[Turn]) -> Vec<QaPair> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in turns.iter().enumerate() {
        match t.role {
            Role::Question => open = Some(i),
            // A host asking puts a question; a host giving the floor (`请…回答`) leaves the
            // question before open.
            Role::Host if t.text.contains(['？', '?']) => open = Some(i),
            Role::Host if t.text.contains(['请', '請']) => {}
            Role::Host => open = None,
            Role::Answer => {
                if let Some(q) = open {
                    let qt = &turns[q];
                    if qt.text.is_empty() || t.text.is_empty() {
                        continue;
                    }
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

#[cfg(test)]
pub(crate) mod tests;
