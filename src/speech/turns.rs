//! Turns: who asks and who answers, unit by unit.
//!
//! Three shapes are read, in one pass over the units:
//! - **labelled transcripts** — `問：/答：`, `記：/蕭：`, `記者：/任正非：`, `德國之聲：/鍾國斌：`,
//!   `Q1:/A:`, `主持人：`, a label set in bold or not, in a heading (`#### 答：`) or with its
//!   colon outside the bold (`**鄭** ：`); an asker named with the question verb
//!   (`读者王女士问：`, `議員鄧家輝問：`) and an answerer with the answer word (`陈静答：`,
//!   `醫務衞生局局長蘇文傑答：`). A label's **role** comes from the document, not from
//!   the label alone: question and answer words (`问`, `Q`, `记者`; `答`, `A`) by the word
//!   lists; a **legend** line (`問：眾新聞記者；答：樂施會傳訊部主管徐國偉`) names who the
//!   labels are; any other label is a speaker, and the one whose turns end in question marks
//!   (at least half, two or more turns) is the interviewer. Labels of speakers that no one
//!   questions are statements (expert sound bites), not an interview. Short labels resolve to a
//!   full name the document gives (`林` → `林煥光`, `眾` → `眾新聞`).
//! - **cue-marked questions** — `<outlet>记者提问：`, `问：`, `有投资者在互动平台提问：`, also in
//!   the middle of a paragraph, and bold questions (numbered or in a document with other
//!   Q&A signals); the answer is the next speaker cue (`王毅表示，`), label, or — after a
//!   complete question — the next paragraph, spoken by the principal speaker.
//! - **reported questions** — `被问及…时，他说`, `有记者就…提问。…表示`: the question's own
//!   words and the answer of the speaker cue that follows.
//!
//! A turn continues over unlabelled units until the next question, speaker, heading, or end of
//! the structure (`（完）`, `延伸阅读`).

use super::speakers::{Phrase, Registry, SpeakerType, Who};
use super::text::{Label, OPEN, Unit, is_space, strip_number};
use super::{Role, SpeechRules, Turn};
use std::collections::HashMap;

/// What a label stands for in this document.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LabelRole {
    Ask,
    Answer,
    Host,
    /// A named speaker (answers when questioned, else makes statements).
    Speaker,
}

/// A label's resolution: its role and who it is.
#[derive(Debug, Clone)]
struct LabelInfo {
    role: LabelRole,
    who: Option<Who>,
    /// For askers: the outlet.
    org: Option<String>,
}

/// The document as the turn reader sees it.
pub struct Reader<'a> {
    pub rules: &'a SpeechRules,
    pub units: &'a [Unit],
    pub registry: Registry,
    pub principal: Option<Who>,
    /// The opening units, where the principal speaker is named (`…就…回答中外记者提问`); searched
    /// by [`Reader::seek_principal`] only in a document with signs of an exchange.
    pub opening: Vec<usize>,
    /// Who the title quotes (`周凱旋：…`): the principal when the opening names nobody.
    pub title_speaker: Option<Who>,
    /// Organisations the document names as its own (`眾新聞`, from the byline): what a short
    /// asker label (`眾`) stands for.
    pub outlets: Vec<String>,
}

/// A question cue found in a unit: `(start, org, journalist, asker, text start, cue)` — where
/// the cue starts, the asking organisation, journalist and other asker (`投资者`, `网友`) when
/// named, where the question's words start (both byte offsets in the unit), and the cue.
type QuestionCue = (
    usize,
    Option<String>,
    Option<String>,
    Option<String>,
    usize,
    String,
);

/// A turn being built.
fn open(
    role: Role,
    who: Option<&Who>,
    org: Option<String>,
    cue: &str,
    text: &str,
    seq: usize,
) -> Turn {
    Turn {
        role,
        speaker: who.map(|w| w.name.clone()),
        speaker_title: who.and_then(|w| w.title.clone()),
        speaker_org: org.or_else(|| who.and_then(|w| w.org.clone())),
        speaker_type: who.map(|w| w.kind),
        cue: cue.to_string(),
        text: text.trim_matches(is_space).to_string(),
        first_seq: Some(seq),
        last_seq: Some(seq),
    }
}

/// `s` without the existential words before an asker (`有`, `还有`, `另有`, `也有`, `亦有`,
/// `再有`: `还有记者问：` names no outlet `还有`).
fn existential_out(s: &str) -> &str {
    for w in ["还有", "另有", "也有", "亦有", "再有", "又有", "有"] {
        // Not the first character of an outlet's name (`有线`, `有线新闻`): the existential is
        // a word of its own for the segmenter, and what remains is nothing or a name of two
        // characters or more.
        if let Some(rest) = s.strip_prefix(w)
            && rest.chars().count() != 1
            && (rest.is_empty()
                || super::segment::words(s)
                    .first()
                    .is_some_and(|x| x.text.len() <= w.len()))
        {
            return rest;
        }
    }
    s
}

/// A question's words without the quotation marks around them (`“…？”` → `…？`); marks that
/// do not enclose the whole text stay.
fn unquote(text: &str) -> &str {
    let t = text.trim_matches(is_space);
    let mut cs = t.chars();
    match (cs.next(), cs.next_back()) {
        (Some(o @ ('“' | '「' | '『')), Some(c))
            if c == super::quotes::closing(o)
                && !t[o.len_utf8()..t.len() - c.len_utf8()].contains(o) =>
        {
            &t[o.len_utf8()..t.len() - c.len_utf8()]
        }
        _ => text,
    }
}

fn ends_question(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| is_space(c) || matches!(c, '）' | ')' | '”' | '」' | '*'));
    t.ends_with(['？', '?'])
}

/// The question verb closing a label, longest first (`记者又问`, `读者王女士追问`, `議員問`).
const ASK_VERBS: [&str; 8] = ["又问", "再问", "续问", "也问", "亦问", "追问", "提问", "问"];

impl<'a> Reader<'a> {
    /// Whether a label's key (`raw` as written) is a person's name after their title
    /// (`国家卫生健康委医政司副司长邢若齐`, `醫務衞生局局長蘇文傑`): the segmenter's analysis
    /// gives a person with a title whose name ends the key.
    fn titled_person(&self, raw: &str, key: &str) -> bool {
        matches!(
            self.rules.analyse(raw, key),
            Phrase::Who(ref w) if w.kind == SpeakerType::Person
                && w.title.is_some()
                && key.ends_with(w.key.as_str())
        )
    }

    /// The label a unit starts with, if it can be one.
    pub fn label(&self, u: &Unit) -> Option<Label> {
        let r = self.rules.label.as_ref()?;
        let c = r.captures(&u.fold)?;
        // `【记者】…`: a label in lenticular brackets, no colon.
        let m = c.name("label").or_else(|| c.name("bracket"))?;
        let text = c.name("text").map_or(u.fold.len(), |t| t.start());
        // A heading with words after its label is a heading (`# 周凱旋：李嘉誠會…` repeats the
        // title); a heading that is only a label (`#### 答：`) opens a turn.
        // A heading putting a question under a question label (`#### 問：…？`), or words under
        // an answer label (`#### 答：…`), is a turn.
        let rest = u.fold[text..].trim_matches(is_space);
        let word = strip_number(m.as_str()).trim_matches(is_space);
        let turn = (ends_question(rest) && Self::is_word(&self.rules.question_labels, word))
            || Self::is_word(&self.rules.answer_labels, word);
        if u.kind == crate::body::BlockKind::Heading && !rest.is_empty() && !turn {
            return None;
        }
        let base = strip_number(m.as_str()).trim_matches(is_space);
        // A question or answer label numbered after it (`问题1`, `问一`, `答二`): the label,
        // even where the word alone is no label (`问题：` heads a how-to's problem).
        let words = base.trim_end_matches(|c: char| "一二三四五六七八九十".contains(c));
        let numbered_qa = (words.len() < base.len()
            || base.len() < m.as_str().trim_matches(is_space).len())
            && (Self::is_word(&self.rules.question_labels, words)
                || Self::is_word(&self.rules.answer_labels, words));
        let key = if numbered_qa { words } else { base };
        // The key is a slice of the fold: the same bytes of the original are the label as written.
        let ks = m.start() + (key.as_ptr() as usize - m.as_str().as_ptr() as usize);
        // Title marks around an outlet (`《环球时报》记者`) are no part of the label.
        let raw = u.orig(ks..ks + key.len()).replace(['《', '》'], "");
        let key = key.replace(['《', '》'], "");
        let (raw, key) = self.outlet_in_parentheses(raw, key);
        // A name and the answer word (`毛宁答：`): the name's label.
        let han =
            |c: char| unicode_script::UnicodeScript::script(&c) == unicode_script::Script::Han;
        // So is a person named after a title (`醫務衞生局局長蘇文傑答：`).
        let titled = |stem: &str| {
            let n = stem.chars().count();
            n > 4 && n <= 24 && self.titled_person(&raw.chars().take(n).collect::<String>(), stem)
        };
        let (raw, key) = match self.rules.answer_labels.iter().find_map(|a| {
            key.strip_suffix(a.as_str()).filter(|stem| {
                ((2..=4).contains(&stem.chars().count())
                    && stem.chars().all(han)
                    && self.rules.is_surname_start(stem))
                    || titled(stem)
            })
        }) {
            Some(stem) => {
                let n = stem.chars().count();
                (raw.chars().take(n).collect(), stem.to_string())
            }
            None => (raw, key),
        };
        // A reporter's label with the question verb (`記者提問`, `記者又問`, `本报记者王强问`):
        // the reporter's label, not a reporter named `又問`.
        let w = self.rules.reporter_word.as_str();
        let (raw, key) = match ASK_VERBS
            .iter()
            .find_map(|q| key.strip_suffix(q))
            .map(|stem| stem.trim_end_matches(['又', '再', '也', '亦', '续']))
            .filter(|stem| !w.is_empty() && stem.contains(w))
        {
            Some(stem) if stem != w || !Self::is_word(&self.rules.question_labels, &key) => {
                let n = stem.chars().count();
                (raw.chars().take(n).collect(), stem.to_string())
            }
            _ => (raw, key),
        };
        // An asker named before the question verb (`读者王女士问：`, `議員鄧家輝問：`,
        // `网友小周追问：`): the asker's label, its words a question. Not a word that ends in
        // the verb (`顾问：`, `反问：`: one character before it) nor a phrase that names nobody.
        let asker = ASK_VERBS.iter().find_map(|q| {
            let stem = key.strip_suffix(q)?;
            let n = stem.chars().count();
            ((2..=12).contains(&n)
                && matches!(
                    self.rules.analyse(&raw.chars().take(n).collect::<String>(), stem),
                    Phrase::Who(ref w) if matches!(w.kind, SpeakerType::Person | SpeakerType::Unnamed)
                ))
            .then_some(n)
        });
        let (raw, key) = match asker {
            Some(n) => (raw.chars().take(n).collect(), key.chars().take(n).collect()),
            None => (raw, key),
        };
        let n = key.chars().count();
        let bold_label = u.bold || u.lead.is_some();
        // A label in bold may carry a title (`国家卫生健康委疾控局副局长、一级巡视员 雷正龙：`).
        // Not in bold, a long label is a person's name after their title
        // (`国家卫生健康委医政司副司长邢若齐：`), or no label.
        let titled_person = || n <= 40 && self.titled_person(&raw, &key);
        if n == 0
            || (n > if bold_label { 40 } else { 12 } && !titled_person())
            || key.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        if (self.not_label(&key) && !numbered_qa) || key.contains('的') {
            return None;
        }
        // `他表示：` is a speech cue, not a label.
        if let Some(v) = &self.rules.verb_at_start
            && key
                .char_indices()
                .any(|(i, _)| i > 0 && v.is_match(&key[i..]))
        {
            return None;
        }
        let bold = u.bold
            || u.lead.as_deref().is_some_and(|l| {
                let l = l.trim_end_matches([':', '：']).trim_matches(is_space);
                !l.is_empty() && m.as_str().trim_matches(is_space).starts_with(l)
            })
            || u.kind == crate::body::BlockKind::Heading;
        Some(Label {
            raw,
            key,
            rest: text,
            bold,
            asks: asker.is_some(),
        })
    }

    /// Whether a unit is an editor's note rather than speech: a line under a label that
    /// [`Self::label`] refuses as no speaker (`受訪者簡介：`, `來源：`), a paragraph wholly in
    /// parentheses, a photo caption written as a paragraph (`…摄`, `图为…`), or a short heading
    /// in bold (`**谈未来**`).
    fn is_note(&self, u: &Unit) -> bool {
        // As written: the fold may have blanked a parenthesis it does not read.
        let t = u.text.trim_matches(is_space);
        if (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')'))
        {
            let mut inner = t.chars();
            inner.next();
            return !inner.as_str().contains(['（', '(']);
        }
        if self.is_caption(u) {
            return true;
        }
        let n = t.chars().count();
        // A short heading set in bold between exchanges (`**谈未来**`): no sentence, no label.
        if u.bold
            && (1..=12).contains(&n)
            && !t.contains(['。', '？', '?', '！', '!', '，', ',', '：', ':'])
        {
            return true;
        }
        let Some(c) = self.rules.label.as_ref().and_then(|r| r.captures(&u.fold)) else {
            return false;
        };
        let Some(m) = c.name("label").or_else(|| c.name("bracket")) else {
            return false;
        };
        let key = strip_number(m.as_str()).trim_matches(is_space);
        !key.is_empty() && self.label(u).is_none() && self.not_label(key)
    }

    /// Whether a unit is a photo caption written as a paragraph (`图为刘海峰在实验室。 本报记者
    /// 王磊 摄`, `▲ 周子恆在台北接受訪問。`, `攝：…`, `…。（圖：中央社）`, `…。受访者供图`): at most 80
    /// characters. Inside an answer it answers nothing and ends nothing.
    fn is_caption(&self, u: &Unit) -> bool {
        // A paragraph wholly in parentheses is blanked in the fold (an aside, no speech):
        // its own text, folded, tells whether it is a credit.
        let whole;
        let t = match u.fold.trim_matches(is_space) {
            "" => {
                whole = super::text::fold(&u.text);
                whole.trim_matches(is_space)
            }
            t => t,
        };
        let n = t.chars().count();
        // (A photo provided by someone: `…。受访者供图`, `…。资料图片`.)
        if n <= 80
            && (t.ends_with('摄')
                || t.ends_with("供图")
                || t.ends_with("资料图片")
                || t.starts_with("图为")
                || t.starts_with("图："))
        {
            return true;
        }
        // Other caption forms: a pointer mark before it (`▲ 周子恆在台北接受訪問。`), a credit
        // line (`攝：…`, `圖片來源：…`), or a credit in parentheses closing it (`…。（圖：中央社）`,
        // `（攝影：…）`, `…店內一角。（眾新聞攝）`, `（新华社记者 张三 摄）`) — read in the text as
        // written, as the fold blanks asides in parentheses.
        let written = super::text::fold(&u.text);
        let w = written.trim_matches(is_space);
        if w.chars().count() <= 80
            && w.ends_with(['）', ')'])
            && w.rfind(['（', '(']).is_some_and(|at| {
                let credit = w[at..]
                    .trim_end_matches(['）', ')'])
                    .trim_end_matches(is_space);
                credit.ends_with('摄') || credit.ends_with("供图")
            })
        {
            return true;
        }
        if n <= 80
            && (t.starts_with(['▲', '△', '▼', '↑', '⬆'])
                || ["摄：", "摄影：", "图片：", "图片来源"]
                    .iter()
                    .any(|x| t.starts_with(x))
                || t.ends_with(['）', ')'])
                    && t.rfind(['（', '(']).is_some_and(|at| {
                        let credit = &t[at..];
                        ["图：", "图片", "摄影", "摄：", "资料图", "供图"]
                            .iter()
                            .any(|x| credit.contains(x))
                    }))
        {
            return true;
        }
        false
    }

    /// A question label or a reporter's label with the outlet in parentheses after it
    /// (`問（有線新聞）`, `記者陳嘉欣（明報）`): the outlet's reporter (`有線新聞記者`,
    /// `明報記者陳嘉欣`), as labels without parentheses are read. Other labels unchanged.
    fn outlet_in_parentheses(&self, raw: String, key: String) -> (String, String) {
        let w = self.rules.reporter_word.as_str();
        let Some(inner) = key
            .strip_suffix(['）', ')'])
            .and_then(|k| k.rfind(['（', '(']).map(|at| (at, k)))
        else {
            return (raw, key);
        };
        let (at, k) = inner;
        let open = k[at..].chars().next().map_or(0, char::len_utf8);
        let (head, outlet) = (&k[..at], &k[at + open..]);
        let n = outlet.chars().count();
        if w.is_empty()
            || !(2..=10).contains(&n)
            || outlet.contains(['（', '(', '，', ',', '、'])
            || head.is_empty()
        {
            return (raw, key);
        }
        // Same layout: the parts of `raw` are at the same byte offsets.
        let (raw_head, raw_outlet) = (&raw[..at], &raw[at + open..k.len()]);
        if Self::is_word(&self.rules.question_labels, strip_number(head)) {
            (format!("{raw_outlet}{w}"), format!("{outlet}{w}"))
        } else if head.starts_with(w) {
            (format!("{raw_outlet}{raw_head}"), format!("{outlet}{head}"))
        } else {
            (raw, key)
        }
    }

    /// Whether a label key is one of `not_labels` or ends with one of two or more characters
    /// (`受訪者簡介`, `人物背景`) while being no question or answer label.
    fn not_label(&self, key: &str) -> bool {
        self.rules.not_labels.iter().any(|w| {
            w == key
                || (w.chars().count() >= 2
                    && key.ends_with(w.as_str())
                    && !Self::is_word(&self.rules.question_labels, key)
                    && !Self::is_word(&self.rules.answer_labels, key))
        })
    }

    fn is_word(list: &[String], key: &str) -> bool {
        list.iter().any(|w| w.eq_ignore_ascii_case(key))
    }

    /// Legend units: `問：眾新聞記者；答：樂施會傳訊部主管徐國偉`, or two short consecutive
    /// `記：眾新聞記者` / `葉：葉建源` lines, before the exchanges. Returns the units' indexes
    /// and label key → (definition as written, folded).
    fn legend(&self, labels: &[Option<Label>]) -> (Vec<usize>, HashMap<String, (String, String)>) {
        let mut units = Vec::new();
        let mut map = HashMap::new();
        let short = |u: &Unit, l: &Label| {
            let rest = &u.fold[l.rest..];
            rest.chars().count() <= 40
                && !rest.contains(['。', '？', '?', '！', '!', '，', ','])
                && !rest.trim_matches(is_space).is_empty()
        };
        let limit = self.units.len().min(12);
        let segments = |u: &Unit| -> Vec<(String, String, String)> {
            // Split on `；`, `;`, runs of two or more spaces or an ideographic space.
            let mut out = Vec::new();
            let mut parts: Vec<(usize, usize)> = Vec::new();
            let b = u.fold.as_bytes();
            let mut start = 0;
            let mut i = 0;
            let chars: Vec<(usize, char)> = u.fold.char_indices().collect();
            let mut k = 0;
            while k < chars.len() {
                let (at, c) = chars[k];
                // A single space before another label (`問：眾新聞記者 答：陳文敏`).
                let label_next = || {
                    let rest = &u.fold[at + c.len_utf8()..];
                    rest.char_indices()
                        .take(5)
                        .find(|&(_, x)| matches!(x, '：' | ':'))
                        .is_some_and(|(i, _)| i > 0 && !rest[..i].contains(is_space))
                };
                let sep_len = if c == '；' || c == ';' || c == '\u{3000}' || c == '\u{a0}' {
                    c.len_utf8()
                } else if c == ' '
                    && ((k + 1 < chars.len() && chars[k + 1].1 == ' ') || label_next())
                {
                    1
                } else {
                    0
                };
                if sep_len > 0 {
                    if at > start {
                        parts.push((start, at));
                    }
                    start = at + sep_len;
                    i = start;
                }
                k += 1;
            }
            let _ = (b, i);
            if start < u.fold.len() {
                parts.push((start, u.fold.len()));
            }
            for (s, e) in parts {
                let seg = &u.fold[s..e];
                if let Some(at) = seg.find(['：', ':']) {
                    let colon = seg[at..].chars().next().map_or(1, char::len_utf8);
                    let l = seg[..at].trim_matches(is_space);
                    let d = u.orig(s + at + colon..e).trim_matches(is_space);
                    let df = seg[at + colon..].trim_matches(is_space);
                    if !l.is_empty() && l.chars().count() <= 4 && !d.is_empty() {
                        out.push((strip_number(l).to_string(), d.to_string(), df.to_string()));
                    }
                }
            }
            out
        };
        let mut k = 0;
        while k < limit {
            let (u, l) = (&self.units[k], &labels[k]);
            if let Some(l) = l
                && short(u, l)
            {
                let segs = segments(u);
                if segs.len() >= 2 {
                    units.push(k);
                    for (l, d, f) in segs {
                        map.insert(l, (d, f));
                    }
                    k += 1;
                    continue;
                }
                // Two consecutive one-segment lines.
                if k + 1 < limit
                    && let Some(l2) = &labels[k + 1]
                    && short(&self.units[k + 1], l2)
                    && l.key != l2.key
                    && l.key.chars().count() <= 4
                    && l2.key.chars().count() <= 4
                {
                    let s1 = segments(u);
                    let s2 = segments(&self.units[k + 1]);
                    if s1.len() == 1 && s2.len() == 1 {
                        units.extend([k, k + 1]);
                        for (l, d, f) in s1.into_iter().chain(s2) {
                            map.insert(l, (d, f));
                        }
                        k += 2;
                        continue;
                    }
                }
            }
            k += 1;
        }
        (units, map)
    }

    /// An outlet the document names that starts with a short label (`眾` → `眾新聞`).
    fn outlet_for(&self, key: &str) -> Option<String> {
        self.outlets
            .iter()
            .find(|o| super::text::fold(o).starts_with(key))
            .cloned()
    }

    /// Split `<org>记者<name>` (folded) into outlet and journalist, as written.
    fn reporter(&self, orig: &str, fold: &str) -> Option<(Option<String>, Option<String>)> {
        let w = self.rules.reporter_word.as_str();
        if w.is_empty() {
            return None;
        }
        let at = fold.find(w)?;
        // Words that qualify the journalist are no outlet (`現場採訪記者`, `本報記者`).
        let mut end = at;
        while let Some(x) = self
            .rules
            .not_outlet_words
            .iter()
            .find(|x| !x.is_empty() && fold[..end].ends_with(x.as_str()))
        {
            end -= x.len();
        }
        // Read on the folded copy (`還有` is `还有`), cut from the text as written (same layout).
        let (o, f) = (
            orig[..end].trim_matches(is_space),
            fold[..end].trim_matches(is_space),
        );
        let cut = f.len() - existential_out(f).len();
        let org = o.get(cut..).unwrap_or(o).to_string();
        let name = orig[at + w.len()..].trim_matches(is_space).to_string();
        let org = (!org.is_empty()).then_some(org);
        let name = (!name.is_empty() && super::speakers::is_name(&name)).then_some(name);
        Some((org, name))
    }

    /// Whether a label names a reporter: it ends with the reporter word (`新华社记者`) or has a
    /// name after it (`新华社记者王丽`).
    fn reporter_label(&self, key: &str) -> bool {
        let w = self.rules.reporter_word.as_str();
        !w.is_empty()
            && key.rfind(w).is_some_and(|at| {
                // (`央视记者 董倩`: a space may stand before the name.)
                let name = key[at + w.len()..].trim_matches(is_space);
                name.is_empty() || (name.chars().count() <= 4 && super::speakers::is_name(name))
            })
    }

    /// A label of a surname and a title or form of address (`陳教授`, `王先生`) for the one known
    /// person with that surname.
    fn surname_and_title(&self, fold: &str) -> Option<&Who> {
        let rest = self
            .rules
            .surname_before(fold, &self.rules.address_words_folded)?;
        self.registry.one_with_surname(rest, "", usize::MAX)
    }

    /// Resolve a definition (legend) or label to a speaker.
    fn resolve(&self, orig: &str, fold: &str) -> Option<Who> {
        if let Some(k) = self
            .registry
            .expand(fold)
            .or_else(|| self.registry.by_title(fold))
            .or_else(|| self.surname_and_title(fold))
        {
            return Some(k.clone());
        }
        match self.rules.analyse(orig, fold) {
            Phrase::Who(mut w) => {
                self.registry.complete(&mut w);
                Some(w)
            }
            _ => None,
        }
    }

    /// Whether `u` is a numbered question in a paragraph of its own, in bold or not
    /// (`1、您上任后最想改变的是什么？`, `二．…？`, `Q3：…？`; `bold_question_pattern` with its
    /// group `number`).
    fn numbered_question(&self, u: &Unit) -> bool {
        u.is_prose()
            && u.fold.starts_with(|c: char| {
                c.is_ascii_digit() || c == 'Q' || "一二三四五六七八九十①②③④⑤⑥⑦⑧⑨⑩".contains(c)
            })
            && ends_question(&u.fold)
            && self
                .rules
                .bold_question
                .as_ref()
                .and_then(|r| r.captures(&u.fold))
                .is_some_and(|c| c.name("number").is_some())
    }

    /// Read the turns of the document. `bold_counts`: whether bold questions count.
    pub fn turns(&mut self) -> Vec<Turn> {
        let units = self.units;
        let rules = self.rules;
        let labels: Vec<Option<Label>> = units
            .iter()
            .map(|u| if u.is_prose() { self.label(u) } else { None })
            .collect();
        let (mut legend_units, legend) = self.legend(&labels);
        // The legend's answerer is the principal speaker.
        if let Some((d, f)) = rules
            .answer_labels
            .iter()
            .find_map(|a| legend.get(a.as_str()))
            && let Some(w) = self.resolve(d, f)
        {
            self.principal = Some(w);
        }
        // A guest line before the exchanges (`受访者：王强（中国人民大学教授）`, `嘉宾：…`) says
        // who answers; it is no turn.
        for k in 0..units.len().min(12) {
            let Some(l) = &labels[k] else { continue };
            let u = &units[k];
            let rest = u.fold[l.rest..].trim_matches(is_space);
            if Self::is_word(&rules.guest_labels, &l.key)
                && !rest.is_empty()
                && rest.chars().count() <= 40
                && !rest.contains(['。', '？', '?', '！', '!'])
            {
                legend_units.push(k);
                if self.principal.is_none() {
                    let at = u.fold.len() - u.fold[l.rest..].trim_start_matches(is_space).len();
                    self.principal = self
                        .introduced(u, at)
                        .or_else(|| self.resolve(u.orig(at..u.fold.len()), &u.fold[at..]));
                }
            }
        }

        // Askers named with the question verb (`读者王女士问：`).
        let asking: std::collections::HashSet<String> = labels
            .iter()
            .flatten()
            .filter(|l| l.asks)
            .map(|l| l.key.clone())
            .collect();
        // Signs of an exchange: the principal speaker is sought only then.
        let signs = !legend.is_empty()
            || !asking.is_empty()
            || labels.iter().flatten().any(|l| {
                Self::is_word(&rules.question_labels, &l.key)
                    || Self::is_word(&rules.answer_labels, &l.key)
                    || Self::is_word(&rules.host_labels, &l.key)
                    // A reporter's label (`法新社记者：`).
                    || self.reporter_label(&l.key)
            })
            || labels.iter().flatten().filter(|l| l.bold).count() >= 2
            || units
                .iter()
                .filter(|u| self.numbered_question(u))
                .nth(1)
                .is_some()
            || units.iter().any(|u| {
                u.is_prose()
                    && ((rules.may_ask(&u.fold) && rules.question.is_match(&u.fold))
                        || (rules.may_report(&u.fold) && rules.reported_question.is_match(&u.fold))
                        || (u.bold
                            && rules
                                .bold_question
                                .as_ref()
                                .is_some_and(|r| r.is_match(&u.fold))))
            });
        if signs {
            self.seek_principal();
        }

        // Label statistics, legend lines excepted.
        let mut count: HashMap<&str, (usize, usize, bool)> = HashMap::new();
        for (k, l) in labels.iter().enumerate() {
            if let Some(l) = l
                && !legend_units.contains(&k)
            {
                let e = count.entry(l.key.as_str()).or_default();
                e.0 += 1;
                if ends_question(&units[k].fold[l.rest..]) {
                    e.1 += 1;
                }
                e.2 |= l.bold;
            }
        }
        // Whether question labels put questions (`记者：`, `问：`): then a label naming a person
        // the document introduces (`雷正龙：` after `…副局长、一级巡视员雷正龙…回答了记者提问`)
        // answers even once.
        // A reporter's label (`新华社记者：`) puts questions too, and so does a question cue
        // (`有记者问：…？`, `路透社记者提问：…？`).
        let asked_by_cue = units
            .iter()
            .any(|u| u.is_prose() && rules.may_ask(&u.fold) && rules.question.is_match(&u.fold));
        // A label naming the host the opening introduces (`寿小丽：` after `…寿小丽主持。`).
        let host = self.host_in_opening();
        let names_host = |key: &str| {
            host.as_ref().filter(|h| {
                let k = key.trim_matches(is_space);
                k == h.key || (k.chars().count() >= 2 && h.key.starts_with(k))
            })
        };
        let asked_by_label = asked_by_cue
            || !asking.is_empty()
            || count.keys().any(|k| {
                Self::is_word(&rules.question_labels, k)
                    || self.reporter_label(k)
                    || names_host(k).is_some()
            });
        // Labels that answer a question put right before them under a question label or a
        // reporter's (`法新社记者：…？` then `毛宁：…`): a speaker even once and not in bold.
        let after_question: std::collections::HashSet<&str> = (1..units.len())
            .filter(|&k| {
                labels[k - 1].as_ref().is_some_and(|q| {
                    (Self::is_word(&rules.question_labels, &q.key)
                        || self.reporter_label(&q.key)
                        || q.asks)
                        && ends_question(&units[k - 1].fold[q.rest..])
                })
            })
            .filter_map(|k| labels[k].as_ref().map(|l| l.key.as_str()))
            .collect();
        // Reporters labelled with their names (`央视记者 董倩：`): name (folded) → (outlet, name).
        let reporters: HashMap<String, (Option<String>, String)> = labels
            .iter()
            .flatten()
            .filter(|l| self.reporter_label(&l.key))
            .filter_map(|l| match self.reporter(&l.raw, &l.key) {
                Some((org, Some(name))) => Some((super::text::fold(&name), (org, name))),
                _ => None,
            })
            .collect();
        let mut infos: HashMap<String, LabelInfo> = HashMap::new();
        for (key, &(n, q, bold)) in &count {
            let key = *key;
            let raw = labels
                .iter()
                .flatten()
                .find(|l| l.key == key)
                .map_or(key.to_string(), |l| l.raw.clone());
            let def = legend.get(key);
            let def_reporter = def.is_some_and(|(_, f)| {
                f.contains(rules.reporter_word.as_str()) || Self::is_word(&rules.host_labels, f)
            });
            let info = if let Some(h) = names_host(key) {
                LabelInfo {
                    role: LabelRole::Host,
                    who: Some(h.clone()),
                    org: None,
                }
            } else if Self::is_word(&rules.host_labels, key)
                || rules.host_labels.iter().any(|h| {
                    // `主持人寿小丽：` — the host's word and a name.
                    key.strip_prefix(h.as_str()).is_some_and(|name| {
                        (2..=4).contains(&name.chars().count()) && super::speakers::is_name(name)
                    })
                })
            {
                LabelInfo {
                    role: LabelRole::Host,
                    who: Some(Who::named(&raw, SpeakerType::Person)),
                    org: None,
                }
            } else if asking.contains(key) {
                // `读者王女士问：` asks; its asker is who the label names.
                // A source's word before the name (`读者`, `網民`) is the asker's role, no
                // outlet.
                LabelInfo {
                    role: LabelRole::Ask,
                    who: self.resolve(&raw, key).map(|mut w| {
                        if w.title.is_none() {
                            w.title = w.org.take();
                        }
                        w.org = None;
                        w
                    }),
                    org: None,
                }
            } else if let Some((org, name)) = reporters.get(key) {
                // The name alone of a reporter labelled in full before (`央视记者 董倩：` then
                // `董倩：`) asks too.
                LabelInfo {
                    role: LabelRole::Ask,
                    who: Some(Who::named(name, SpeakerType::Person)),
                    org: org.clone(),
                }
            } else if Self::is_word(&rules.question_labels, key)
                || def_reporter
                || self.reporter_label(key)
            {
                let (org, name) = match def {
                    Some((d, f)) => self.reporter(d, f).unwrap_or((None, None)),
                    None => self.reporter(&raw, key).unwrap_or((None, None)),
                };
                LabelInfo {
                    role: LabelRole::Ask,
                    who: name.map(|n| Who::named(&n, SpeakerType::Person)),
                    org,
                }
            } else if Self::is_word(&rules.answer_labels, key) {
                let who = def
                    .and_then(|(d, f)| self.resolve(d, f))
                    .or_else(|| self.principal.clone())
                    .or_else(|| self.introduced_in_notes());
                LabelInfo {
                    role: LabelRole::Answer,
                    who,
                    org: None,
                }
            } else {
                // A name, an outlet or an abbreviation.
                let introduced = asked_by_label
                    && self
                        .registry
                        .expand(key)
                        .is_some_and(|k| k.kind == SpeakerType::Person);
                // A person named after their title (`…副司长邢若齐：`) is a speaker even once.
                let titled = key.chars().count() > 4 && self.titled_person(&raw, key);
                // So is the title of the one known person with it (`處長：` after `…消防處處長
                // 楊恩健…`), in an exchange.
                let title_of_one = asked_by_label && self.registry.by_title(key).is_some();
                let answers_question = after_question.contains(key);
                if !(bold
                    || n >= 2
                    || answers_question
                    || introduced
                    || titled
                    || title_of_one
                    || def.is_some()
                    || self
                        .rules
                        .guest_labels
                        .iter()
                        .any(|g| key.starts_with(g.as_str())))
                {
                    continue;
                }
                let who = match def {
                    Some((d, f)) => self.resolve(d, f),
                    None => self.resolve(&raw, key),
                };
                let outlet = self.outlet_for(key);
                // In an exchange, a short label in bold or used twice that starts with a
                // surname is a person's name the segmenter does not know (`项飙/n`, `屠/nr 呦/e
                // 呦/e`).
                let who = who.or_else(|| {
                    (asked_by_label
                        && outlet.is_none()
                        && (bold || n >= 2 || answers_question)
                        && (2..=3).contains(&key.chars().count())
                        && key.chars().all(|c| {
                            unicode_script::UnicodeScript::script(&c) == unicode_script::Script::Han
                        })
                        && self.rules.is_surname_start(key))
                    .then(|| Who::named(&raw, SpeakerType::Person))
                });
                // A label of the first characters of the principal speaker's name (`蕭：` for
                // 蕭嘉欣, whom the opening introduces only after a title with `的`) is the
                // principal, in an exchange.
                let who = who.or_else(|| {
                    self.principal
                        .as_ref()
                        .filter(|p| {
                            asked_by_label
                                && outlet.is_none()
                                && (bold || n >= 2 || answers_question)
                                && p.kind == SpeakerType::Person
                                && key.chars().count() < p.key.chars().count()
                                && p.key.starts_with(key)
                        })
                        .cloned()
                });
                let asks = n >= 2 && q * 2 >= n;
                if who.is_none() && outlet.is_none() && !(asks && key.chars().count() <= 8) {
                    continue;
                }
                if asks {
                    // A label that is an outlet the document names (`南方周末：`, which the
                    // segmenter tags as a name) is no person.
                    let is_outlet = outlet.is_some();
                    // An unnamed source asking (`投资者：`, `网友：`) is the asker, no outlet.
                    let source =
                        !is_outlet && who.as_ref().is_some_and(|w| w.kind == SpeakerType::Unnamed);
                    // One character (`甲：`, `问` aside) names no outlet: a role in a script.
                    let org = outlet.or_else(|| {
                        (!source
                            && key.chars().count() >= 2
                            && who.as_ref().is_none_or(|w| w.kind != SpeakerType::Person))
                        .then(|| raw.clone())
                    });
                    let who =
                        who.filter(|w| (w.kind == SpeakerType::Person && !is_outlet) || source);
                    LabelInfo {
                        role: LabelRole::Ask,
                        who,
                        org,
                    }
                } else {
                    LabelInfo {
                        role: LabelRole::Speaker,
                        who,
                        org: None,
                    }
                }
            };
            infos.insert(key.to_string(), info);
        }
        // A label role counts toward a dialogue only with its partner.
        let units_with = |role: LabelRole| {
            labels
                .iter()
                .enumerate()
                .filter(|(k, l)| {
                    !legend_units.contains(k)
                        && l.as_ref()
                            .and_then(|l| infos.get(&l.key))
                            .is_some_and(|i| i.role == role)
                })
                .count()
        };
        let asks = units_with(LabelRole::Ask) + units_with(LabelRole::Host);
        let answers = units_with(LabelRole::Answer) + units_with(LabelRole::Speaker);
        let speakers: Vec<&String> = infos
            .iter()
            .filter(|(_, i)| i.role == LabelRole::Speaker)
            .map(|(k, _)| k)
            .collect();
        let mut bold_questions: Vec<bool> = units
            .iter()
            .map(|u| {
                u.bold
                    && u.is_prose()
                    && rules
                        .bold_question
                        .as_ref()
                        .is_some_and(|r| r.is_match(&u.fold))
            })
            .collect();
        let numbered_bold = units
            .iter()
            .zip(&bold_questions)
            .filter(|(u, b)| {
                **b && rules
                    .bold_question
                    .as_ref()
                    .and_then(|r| r.captures(&u.fold))
                    .is_some_and(|c| c.name("number").is_some())
            })
            .count();
        let n_bold = bold_questions.iter().filter(|b| **b).count();
        // Bold questions answered under one speaker's label (`**赵某：**…`): an interview.
        let interviewee = speakers.len() == 1
            && count.get(speakers[0].as_str()).is_some_and(|c| c.0 >= 2)
            && n_bold >= 2;
        let labelled_dialogue =
            ((asks >= 1 || asked_by_cue) && answers >= 1) || asks >= 2 || interviewee;
        let statements = !labelled_dialogue && speakers.len() >= 2;
        if !labelled_dialogue && !statements {
            infos.clear();
        }
        // The principal: the legend's answerer, else the only named speaker of the labels.
        if self.principal.is_none() {
            let named: Vec<&Who> = infos
                .values()
                .filter(|i| matches!(i.role, LabelRole::Speaker | LabelRole::Answer))
                .filter_map(|i| i.who.as_ref())
                .collect();
            if named.len() == 1 {
                self.principal = Some(named[0].clone());
            }
        }
        if let Some(p) = &self.principal {
            for i in infos.values_mut() {
                if i.role == LabelRole::Answer && i.who.is_none() {
                    i.who = Some(p.clone());
                }
            }
        }

        // Numbered questions not in bold (`1、您上任后最想改变的是什么？`), each followed by a
        // paragraph that is no question, in an interview whose interviewee the title or the
        // opening names: they are put like bold ones. (Without an interviewee, a numbered
        // list of questions is an explainer's or a column's.)
        if self.principal.is_some() {
            let numbered_plain: Vec<usize> = (0..units.len().saturating_sub(1))
                .filter(|&k| {
                    let u = &units[k];
                    !bold_questions[k]
                        && self.numbered_question(u)
                        && units[k + 1].is_prose()
                        && !ends_question(&units[k + 1].fold)
                })
                .collect();
            if numbered_plain.len() >= 2 {
                for k in numbered_plain {
                    bold_questions[k] = true;
                }
            }
        }
        let n_bold = bold_questions.iter().filter(|b| **b).count();

        // Signals that make this a Q&A document without labels.
        let question_cues: Vec<Option<QuestionCue>> = units
            .iter()
            .map(|u| {
                if u.is_prose() {
                    self.question_cue(u)
                } else {
                    None
                }
            })
            .collect();
        let cue_questions = question_cues.iter().filter(|q| q.is_some()).count();
        let bold_counts = numbered_bold >= 2
            || cue_questions > 0
            || labelled_dialogue
            || (self.principal.is_some() && n_bold >= 2);

        let mut turns: Vec<Turn> = Vec::new();
        let mut current: Option<Turn> = None;
        let mut question_open = false;
        let close = |current: &mut Option<Turn>, turns: &mut Vec<Turn>| {
            if let Some(t) = current.take()
                && (!t.text.is_empty() || t.role == Role::Answer)
            {
                turns.push(t);
            }
        };
        let mut k = 0;
        while k < units.len() {
            let u = &units[k];
            let seq = u.seq;
            if legend_units.contains(&k) || !u.is_prose() {
                k += 1;
                continue;
            }
            if rules.end.is_match(&u.fold) {
                close(&mut current, &mut turns);
                question_open = false;
                k += 1;
                continue;
            }
            // A label.
            if let Some(l) = &labels[k]
                && let Some(info) = infos.get(&l.key)
            {
                let rest = u.orig(l.rest..u.fold.len());
                close(&mut current, &mut turns);
                match info.role {
                    LabelRole::Ask => {
                        current = Some(open(
                            Role::Question,
                            info.who.as_ref(),
                            info.org.clone(),
                            &l.raw,
                            rest,
                            seq,
                        ));
                        question_open = true;
                    }
                    LabelRole::Host => {
                        current = Some(open(
                            Role::Host,
                            info.who.as_ref(),
                            None,
                            "label",
                            rest,
                            seq,
                        ));
                        // A host giving the floor (`主持人：请刘建新副主任回答。`) leaves the
                        // question open for whoever answers next.
                        question_open = ends_question(rest)
                            || rest.contains(['？', '?'])
                            || (question_open && rest.contains(['请', '請']));
                    }
                    LabelRole::Answer | LabelRole::Speaker => {
                        let role = if labelled_dialogue
                            && (question_open || info.role == LabelRole::Answer)
                        {
                            Role::Answer
                        } else {
                            Role::Statement
                        };
                        let cue = if info.role == LabelRole::Answer {
                            l.raw.as_str()
                        } else {
                            "label"
                        };
                        current = Some(open(role, info.who.as_ref(), None, cue, rest, seq));
                    }
                }
                k += 1;
                continue;
            }
            if u.kind == crate::body::BlockKind::Heading {
                close(&mut current, &mut turns);
                question_open = false;
                k += 1;
                continue;
            }
            // A question cue.
            if let Some((at, org, name, asker, text_at, cue)) = question_cues[k].clone() {
                let text = &u.fold[text_at..];
                close(&mut current, &mut turns);
                let who = name
                    .map(|n| Who::named(&n, SpeakerType::Person))
                    .or_else(|| asker.map(|a| Who::named(&a, SpeakerType::Unnamed)));
                let _ = at;
                // The question ends at its question mark; what follows in the unit answers it.
                // To its last question mark: `…如何？下一步有何举措？` is one question.
                // A question in quotation marks (`有记者问：“…？”`) ends after its closing mark,
                // and the marks are no part of its words.
                let q_end = text
                    .char_indices()
                    .rfind(|(_, c)| matches!(c, '？' | '?'))
                    .map(|(i, c)| {
                        let e = text_at + i + c.len_utf8();
                        e + (u.fold.len() - e)
                            - u.fold[e..].trim_start_matches(['”', '」', '』', '"']).len()
                    });
                // (After a question in quotation marks opening the unit, `“…？”有记者问。`, the
                // rest is its attribution.)
                let attributed = u.fold[..text_at]
                    .trim_matches(is_space)
                    .chars()
                    .all(|c| OPEN.contains(&c))
                    && text_at > 0;
                let tail_start = q_end
                    .filter(|&e| !attributed && !u.fold[e..].trim_matches(is_space).is_empty());
                let q_text = if attributed {
                    u.orig(text_at..q_end.unwrap_or(u.fold.len()))
                        .trim_end_matches(['”', '」', '』', '"'])
                } else {
                    unquote(u.orig(text_at..tail_start.unwrap_or(u.fold.len())))
                };
                let question = open(Role::Question, who.as_ref(), org, &cue, q_text, seq);
                question_open = true;
                if let Some(ts) = tail_start {
                    turns.push(question);
                    let tail = u.orig(ts..u.fold.len());
                    let speaker = self
                        .start_cue(&u.text[ts..], &u.fold[ts..])
                        .map(|(w, _)| w)
                        .or_else(|| self.principal.clone());
                    current = Some(open(
                        Role::Answer,
                        speaker.as_ref(),
                        None,
                        "implicit",
                        tail,
                        seq,
                    ));
                } else {
                    current = Some(question);
                }
                k += 1;
                continue;
            }
            // A reported question with its answer.
            if let Some((q, answer_at, who, verb, org)) = self.reported(k) {
                close(&mut current, &mut turns);
                turns.push(open(Role::Question, None, org, "reported", &q, seq));
                // A reported question is answered where it is reported: someone quoted after
                // (`中信证券首席经济学家明明认为，…`) answers nothing.
                question_open = false;
                let (au, a_at) = answer_at;
                let text = units[au].orig(a_at..units[au].fold.len());
                current = Some(open(
                    Role::Answer,
                    who.as_ref(),
                    None,
                    &verb,
                    text,
                    units[au].seq,
                ));
                k = au + 1;
                continue;
            }
            if bold_questions[k] && bold_counts {
                close(&mut current, &mut turns);
                let c = rules
                    .bold_question
                    .as_ref()
                    .and_then(|r| r.captures(&u.fold))
                    .expect("matched above");
                let t = c.name("text").map_or(0..u.fold.len(), |m| m.range());
                current = Some(open(Role::Question, None, None, "bold", u.orig(t), seq));
                question_open = true;
                k += 1;
                continue;
            }
            // Inside an answer, a photo caption (`（圖：眾聲新聞記者攝）`) is skipped and a note
            // (`（文章来源：证券时讯网）`) ends it, before any cue the segmenter reads in them.
            if current.as_ref().is_some_and(|t| t.role == Role::Answer) && self.is_note(u) {
                if !self.is_caption(u) {
                    close(&mut current, &mut turns);
                }
                k += 1;
                continue;
            }
            // A speaker cue at the start.
            if let Some((who, verb)) = self.unit_cue(u) {
                let same = current.as_ref().is_some_and(|t| {
                    matches!(t.role, Role::Answer | Role::Statement)
                        && (t.speaker.as_deref() == Some(who.name.as_str())
                            || t.speaker
                                .as_deref()
                                .is_some_and(|s| super::text::fold(s) == who.key))
                });
                // In an exchange already under way, a named asker's follow-up (`議員梁淑嫻追問，
                // …？`, `議員何志明則質疑，…`) is a question, not an answer to the one before.
                let exchange = turns
                    .iter()
                    .chain(current.as_ref())
                    .any(|t| t.role == Role::Question);
                let fverb = super::text::fold(&verb);
                if exchange
                    && ((fverb.ends_with('问') && ends_question(&u.fold))
                        || self
                            .rules
                            .challenge_verbs
                            .iter()
                            .any(|v| fverb.ends_with(v.as_str())))
                {
                    // The question's words: after the verb and its comma or colon.
                    let words = u
                        .cues
                        .first()
                        .map_or(u.text.as_str(), |c| u.orig(c.verb.end..u.fold.len()))
                        .trim_start_matches(['，', ',', '：', ':', ' ']);
                    close(&mut current, &mut turns);
                    current = Some(open(Role::Question, Some(&who), None, &verb, words, seq));
                    question_open = true;
                    k += 1;
                    continue;
                }
                // A new topic set before the speaker (`对于土地供应，孙立平介绍，…`, `至於會否
                // 考慮…，陳國輝稱，…`) ends the answer and the question it answered; a topic
                // that points back at the question (`对于这个问题，`, `针对上述提问，`) does not.
                let topic = self.rules.topic_adjunct(&u.fold);
                if topic > 0
                    && !self
                        .rules
                        .topic_back_words
                        .iter()
                        .any(|w| u.fold[..topic].contains(w.as_str()))
                {
                    close(&mut current, &mut turns);
                    question_open = false;
                    // In a report of a press conference, a topic answered with a verb of reply
                    // (`对于市场关注的专项债发行节奏，王建凡回应称，…`) is a question only
                    // reported, with its answer.
                    let reply = self
                        .rules
                        .reply_verbs
                        .iter()
                        .any(|v| fverb.starts_with(v.as_str()));
                    let press = self
                        .opening
                        .iter()
                        .any(|&i| self.rules.press_conference.is_match(&self.units[i].fold));
                    if reply && press {
                        let head = &u.fold[..topic];
                        let from = self
                            .rules
                            .topic_prepositions
                            .iter()
                            .find(|p| head.starts_with(p.as_str()))
                            .map_or(0, |p| p.len());
                        let comma = head.char_indices().next_back().map_or(topic, |(i, _)| i);
                        let q = u.orig(from..comma.max(from)).trim_matches(is_space);
                        if q.chars().count() >= 2 {
                            turns.push(open(Role::Question, None, None, "reported", q, seq));
                            current = Some(open(
                                Role::Answer,
                                Some(&who),
                                None,
                                &verb,
                                u.orig(topic..u.fold.len()),
                                seq,
                            ));
                        }
                    }
                    k += 1;
                    continue;
                }
                let answering = current.as_ref().is_some_and(|t| t.role == Role::Answer);
                // A role speaking for an organisation (`商务部有关负责人`). (An organisation
                // itself may be the answerer's side: `中方始终认为，…` goes on with the answer.)
                let institution = who.kind == SpeakerType::Unnamed && who.org.is_some();
                let named = who.title.is_some()
                    || self.registry.known.iter().any(|k| k.key == who.key)
                    || who.kind == SpeakerType::Person
                    || institution;
                if same || (answering && !named) {
                    continue_turn(&mut current, u);
                } else if (question_open && !(answering && institution))
                    // Another official adding to an answer (`邹澜补充说，…`) answers the
                    // question too, even one only reported.
                    || (answering && fverb.starts_with("补充") && !institution)
                {
                    // (Such a role's statement after someone's answer, `商务部有关负责人表示，…`,
                    // is narrative: it answers nothing.)
                    close(&mut current, &mut turns);
                    current = Some(open(Role::Answer, Some(&who), None, &verb, &u.text, seq));
                } else {
                    close(&mut current, &mut turns);
                }
                k += 1;
                continue;
            }
            // A photo caption inside an answer: skipped, the answer goes on after it.
            if current.as_ref().is_some_and(|t| t.role == Role::Answer) && self.is_caption(u) {
                k += 1;
                continue;
            }
            // No signal. A note after an answer ends it: a line under a label that is no
            // speaker (`受訪者簡介：…`, `責任編輯：…`) or a paragraph wholly in parentheses
            // (`（陳文敏為港大法律學院教授）`).
            if current.as_ref().is_some_and(|t| t.role == Role::Answer) && self.is_note(u) {
                close(&mut current, &mut turns);
                k += 1;
                continue;
            }
            // Between a question and its answer a note (a photo caption) answers nothing.
            if current.as_ref().is_some_and(|t| t.role == Role::Question) && self.is_note(u) {
                k += 1;
                continue;
            }
            // (A request set in bold, `请谈谈…。`, is a whole question too.)
            let complete_question = current.as_ref().is_some_and(|t| {
                t.role == Role::Question && (ends_question(&t.text) || t.cue == "bold")
            });
            if complete_question {
                close(&mut current, &mut turns);
                current = Some(open(
                    Role::Answer,
                    self.principal.as_ref(),
                    None,
                    "implicit",
                    &u.text,
                    seq,
                ));
            } else {
                continue_turn(&mut current, u);
            }
            k += 1;
        }
        close(&mut current, &mut turns);
        // A document with statements only has no questions: statement turns are kept only in
        // a labelled exchange of two or more speakers.
        if !labelled_dialogue && !statements {
            turns.retain(|t| t.role != Role::Statement);
        }
        if !turns
            .iter()
            .any(|t| matches!(t.role, Role::Question | Role::Host))
            && !statements
        {
            turns.clear();
        }
        turns
    }

    /// The host the opening names (`host_patterns`), if any.
    fn host_in_opening(&self) -> Option<Who> {
        for &k in &self.opening {
            let u = &self.units[k];
            // (Every pattern names the hosting: a cheap test first.)
            // A host's labelled question naming whom it addresses (`主持人：韩冬，你觉得…？`)
            // is a turn, not a line naming the host.
            if !u.fold.contains("主持") || u.fold.contains(['？', '?']) {
                continue;
            }
            for r in self.rules.host.iter() {
                for c in r.captures_iter(&u.fold) {
                    let m = c.name("host").expect("group");
                    if let Phrase::Who(w) = self.rules.analyse(u.orig(m.range()), m.as_str())
                        && w.kind == SpeakerType::Person
                    {
                        return Some(w);
                    }
                }
            }
        }
        None
    }

    /// The principal speaker named in the opening by the principal patterns, else the speaker
    /// of the title; the legend's answerer, set before, wins.
    fn seek_principal(&mut self) {
        if self.principal.is_some() {
            return;
        }
        for &k in &self.opening {
            let u = &self.units[k];
            if !self.rules.may_name_principal(&u.fold) {
                continue;
            }
            for r in self.rules.principal.iter() {
                for c in r.captures_iter(&u.fold) {
                    let m = c.name("speaker").expect("group");
                    match self.rules.analyse(u.orig(m.range()), m.as_str()) {
                        Phrase::Who(w) if w.kind == SpeakerType::Person => {
                            self.registry.learn(&w);
                            let mut w = w;
                            self.registry.complete(&mut w);
                            self.principal = Some(w);
                            return;
                        }
                        // `陳文敏是…教授，他接受眾新聞訪問`: the person named last before.
                        Phrase::Pronoun => {
                            if let Some(w) = self.person_named_before(k, m.start()) {
                                self.principal = Some(w);
                                return;
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        // An opening that introduces someone by name and title (`王强，中国人民大学教授。`).
        for &k in &self.opening {
            if let Some(w) = self.introduced(&self.units[k], 0) {
                self.principal = Some(w);
                return;
            }
        }
        // The spokesperson who chairs a briefing answers (`外交部发言人韩雪梅主持例行记者会`).
        if let Some(h) = self.host_in_opening()
            && h.title.as_deref().is_some_and(|t| {
                let t = super::text::fold(t);
                self.rules
                    .answering_host_titles
                    .iter()
                    .any(|x| t.ends_with(x.as_str()))
            })
        {
            let mut w = h;
            self.registry.complete(&mut w);
            self.principal = Some(w);
            return;
        }
        if let Some(t) = self.title_speaker.clone() {
            let mut w = t;
            self.registry.complete(&mut w);
            self.principal = Some(w);
        }
    }

    /// The one person a note or a caption introduces with a title (`（黃子華為公民黨黨魁）`,
    /// `受訪者簡介：…`, a photo caption): who answers `答：` when the opening names nobody.
    fn introduced_in_notes(&self) -> Option<Who> {
        let mut named: Vec<&Who> = Vec::new();
        for u in self
            .units
            .iter()
            .filter(|u| u.kind == crate::body::BlockKind::Caption || self.is_note(u))
        {
            for w in self.registry.known.iter().filter(|w| {
                w.kind == SpeakerType::Person && w.title.is_some() && u.fold.contains(&w.key)
            }) {
                if !named.iter().any(|n| n.key == w.key) {
                    named.push(w);
                }
            }
        }
        match named.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    }

    /// The known person named last in the opening before byte `at` of unit `k`.
    fn person_named_before(&self, k: usize, at: usize) -> Option<Who> {
        let mut best: Option<((usize, usize), &Who)> = None;
        for &j in self.opening.iter().filter(|&&j| j <= k) {
            let f = &self.units[j].fold;
            let f = if j == k { &f[..at] } else { f.as_str() };
            for w in self
                .registry
                .known
                .iter()
                .filter(|w| w.kind == SpeakerType::Person && !w.key.is_empty())
            {
                if let Some(i) = f.rfind(w.key.as_str())
                    && best.is_none_or(|(b, _)| (j, i) > b)
                {
                    best = Some(((j, i), w));
                }
            }
        }
        best.map(|(_, w)| w.clone())
    }

    /// The person a unit introduces at byte `at` by name and title in apposition (`王强，中国
    /// 人民大学教授`, `王强（中国人民大学教授）`; see `SpeechRules::apposition`), with what the
    /// document tells of them.
    fn introduced(&self, u: &Unit, at: usize) -> Option<Who> {
        let f = &u.fold;
        let ne = self.rules.name_starting(f, at)?;
        let (ts, te) = self.rules.apposition(f, ne)?;
        let mut w = Who::titled(u.orig(at..ne), &f[at..ne], u.orig(ts..te));
        self.registry.complete(&mut w);
        Some(w)
    }

    /// A question cue in a unit (see [`QuestionCue`]). At the start of the unit, or after a
    /// sentence end.
    fn question_cue(&self, u: &Unit) -> Option<QuestionCue> {
        if !self.rules.may_ask(&u.fold) {
            return None;
        }
        for q in self.rules.question.matching(&u.fold) {
            for c in q.captures_iter(&u.fold) {
                let m = c.get(0).expect("match");
                let before = u.fold[..m.start()].trim_end_matches(is_space);
                // At a sentence's start, or after a leading adverbial (`会上，`, `随后，`).
                let sentence = before
                    .rfind(['。', '！', '？', '!', '?', '；', '：'])
                    .map_or(0, |i| {
                        i + before[i..].chars().next().map_or(1, char::len_utf8)
                    });
                let lead = &u.fold[sentence..m.start()];
                if !(before.is_empty()
                    || before.ends_with(['。', '！', '？', '!', '?', '；', '：'])
                    || (!lead.trim_matches(is_space).is_empty()
                        && self.rules.leading_adjunct(lead) == lead.len()))
                {
                    continue;
                }
                let g = |n: &str| {
                    c.name(n)
                        .map(|x| u.orig(x.range()).trim_matches(is_space).to_string())
                        .filter(|s| !s.is_empty())
                };
                let text = c.name("text").expect("group");
                if u.fold[text.range()].trim_matches(is_space).is_empty() {
                    continue;
                }
                let mut cue = u.fold[m.start()..text.start()].to_string();
                for n in ["org", "name"] {
                    if let Some(x) = c.name(n) {
                        cue = cue.replacen(x.as_str(), "", 1);
                    }
                }
                let mut cue = cue
                    .trim_matches(|c: char| is_space(c) || matches!(c, ':' | '：' | '，' | ','))
                    .to_string();
                // A question in quotation marks with its asker after it (`“…？”有记者问。`):
                // the cue is the attribution.
                if cue.chars().all(|c| OPEN.contains(&c)) && !cue.is_empty() {
                    cue = u.fold[text.end()..m.end()]
                        .trim_matches(|c: char| is_space(c) || "”」』，,。.".contains(c))
                        .to_string();
                }
                // Read on the folded copy (`還有` is `还有`), cut from the text as written.
                let org = c
                    .name("org")
                    .map(|x| {
                        let (o, f) = (
                            u.orig(x.range()).trim_matches(is_space),
                            u.fold[x.range()].trim_matches(is_space),
                        );
                        let cut = f.len() - existential_out(f).len();
                        o.get(cut..).unwrap_or(o).to_string()
                    })
                    .filter(|o| !o.is_empty());
                return Some((
                    m.start(),
                    org,
                    g("name"),
                    g("asker"),
                    text.start(),
                    if cue.is_empty() { "cue".into() } else { cue },
                ));
            }
        }
        None
    }

    /// A speaker cue at the start of a unit (its first cue, found once).
    fn unit_cue(&self, u: &Unit) -> Option<(Who, String)> {
        // A question put in quotation marks (`买家问“…”`) is quoted, not a turn.
        let c = u
            .cues
            .first()
            .filter(|c| !self.rules.is_quoted_verb(&u.fold[c.verb.clone()]))?;
        self.cue_at_start(&u.text, &u.fold, c.verb.clone())
    }

    /// A speaker cue at the start of a text: `<speaker><verb>，` / `：` / `“`.
    pub fn start_cue(&self, orig: &str, fold: &str) -> Option<(Who, String)> {
        let any = self.rules.any_cue.as_ref()?;
        let c = any.captures(fold)?;
        self.cue_at_start(orig, fold, c.name("verb")?.range())
    }

    fn cue_at_start(
        &self,
        orig: &str,
        fold: &str,
        verb: std::ops::Range<usize>,
    ) -> Option<(Who, String)> {
        let written = orig[verb.clone()].to_string();
        // A leading adverbial set off by a comma (`对此，`, `此外，`, `随后，`, `7日，`) is no
        // part of the cue's sentence subject.
        let skip = self.rules.leading_adjunct(&fold[..verb.start]);
        let (orig, fold) = (&orig[skip..], &fold[skip..]);
        let verb = verb.start - skip..verb.end - skip;
        let verb = super::quotes::Span { s: fold, r: verb };
        let before = &fold[..verb.start()];
        if before.is_empty()
            || before.contains([
                '，', ',', '。', '；', ';', '：', ':', '！', '？', '!', '?', '“', '”', '「', '」',
            ])
            || before.chars().count() > self.rules.max_speaker_chars + 16
        {
            return None;
        }
        if self.rules.not_speaker(&fold[..verb.end()]) {
            return None;
        }
        match self.rules.analyse(&orig[..verb.start()], before) {
            Phrase::Who(mut w) => {
                if let Some(k) = self.registry.expand(&w.key)
                    && w.kind == SpeakerType::Person
                {
                    let title = w.title.take();
                    w = k.clone();
                    if title.is_some() {
                        w.title = title;
                    }
                }
                self.registry.complete(&mut w);
                Some((w, written))
            }
            Phrase::Pronoun => self.last_person().map(|w| (w, written)),
            Phrase::Not => None,
        }
    }

    fn last_person(&self) -> Option<Who> {
        self.principal
            .clone()
            .or_else(|| self.registry.known.last().cloned())
    }

    /// A reported question in unit `k` and the answer after it: `(question as written, (unit,
    /// byte offset of the answer), answerer, cue verb, the asker's outlet)` — the outlet is the
    /// pattern's group `org` (`在回答彭博社记者关于…的提问时`).
    #[allow(clippy::type_complexity)]
    fn reported(
        &self,
        k: usize,
    ) -> Option<(String, (usize, usize), Option<Who>, String, Option<String>)> {
        let u = &self.units[k];
        if !self.rules.may_report(&u.fold) {
            return None;
        }
        for r in self.rules.reported_question.matching(&u.fold) {
            let Some(c) = r.captures(&u.fold) else {
                continue;
            };
            let q = c.name("q")?;
            // The question ends at `时` when the pattern has a group `when`: the verb after it
            // (`被问到…时表示，`) is the answer's.
            let end = c.name("when").map_or(c.get(0)?.end(), |m| m.end());
            let question = u.orig(q.range()).trim_matches(is_space).to_string();
            if question.chars().count() < 2 {
                continue;
            }
            let org = c
                .name("org")
                .map(|m| u.orig(m.range()).trim_matches(is_space).to_string())
                .filter(|o| !o.is_empty());
            // A clause of the question's words that opens with a speaker cue is the answer
            // (`有记者问，今年是否还有降准空间，刘国强表示，…。`).
            for (i, comma) in u.fold[q.range()]
                .char_indices()
                .filter(|(_, c)| matches!(c, '，' | ','))
            {
                let at = q.start() + i + comma.len_utf8();
                if let Some((who, verb)) = self.start_cue(&u.text[at..], &u.fold[at..]) {
                    let question = u
                        .orig(q.start()..q.start() + i)
                        .trim_matches(is_space)
                        .to_string();
                    if question.chars().count() >= 2 {
                        return Some((question, (k, at), Some(who), verb, org));
                    }
                }
            }
            // The answer: a speaker cue right after, in this unit or at the start of the next.
            let rest = &u.fold[end..];
            let rest =
                rest.trim_start_matches(|c: char| is_space(c) || matches!(c, '，' | ',' | '。'));
            let at = u.fold.len() - rest.len();
            if !rest.is_empty() {
                if let Some((who, verb)) = self.start_cue(&u.text[at..], rest) {
                    return Some((question, (k, at), Some(who), verb, org));
                }
                if let Some(v) = &self.rules.verb_at_start
                    && let Some(m) = v.captures(rest)
                {
                    // `…时表示，` with the speaker before the question (`林郑被问及…时表示`).
                    let verb = m.name("verb").map_or("", |x| x.as_str()).to_string();
                    let before = &u.fold[..c.get(0)?.start()];
                    let who = self
                        .start_cue(&u.text[..before.len()], before)
                        .map(|(w, _)| w)
                        .or_else(
                            || match self.rules.analyse(&u.text[..before.len()], before) {
                                Phrase::Who(w) => Some(w),
                                _ => self.last_person(),
                            },
                        );
                    return Some((question, (k, at), who, verb, org));
                }
                continue;
            }
            if k + 1 < self.units.len() {
                let n = &self.units[k + 1];
                if let Some((who, verb)) = self.unit_cue(n) {
                    return Some((question, (k + 1, 0), Some(who), verb, org));
                }
            }
        }
        None
    }
}

fn continue_turn(current: &mut Option<Turn>, u: &Unit) {
    if let Some(t) = current {
        if !t.text.is_empty() {
            t.text.push('\n');
        }
        t.text.push_str(&u.text);
        t.last_seq = Some(u.seq);
    }
}
