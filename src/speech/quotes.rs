//! Quotes: speech attributed to someone in the narrative and in the title.
//!
//! Forms read (in folded text, so `說`, `稱`, `「」` of traditional text count):
//! - **cue then words** — `<speaker><verb>，…。`, `<speaker><verb>：“…”`, `<speaker><verb>“…”`,
//!   several in one paragraph; `据<speaker>介绍，…`;
//! - **words then cue** — `“…”<speaker><verb>。`, `“…”，<speaker><verb>`;
//! - **headlines** — `<speaker>：…`, `<speaker>谈<topic>：…` (the title patterns).
//!
//! The speaker phrase goes through [`SpeechRules::analyse`]; a pronoun resolves to the last
//! person named, or the quote is dropped. A cue inside words already attributed (`中方表示`
//! inside someone's quote) is not a new quote. Each quote has a [`QuoteKind`]: `direct` when
//! the words are all inside quotation marks, `mixed` when reported speech quotes some words,
//! `indirect` otherwise.

use super::speakers::{Phrase, Registry, SpeakerType, Who};
use super::text::{Unit, fold, is_space};
use super::{Quote, QuoteKind, QuoteSource, SpeechRules};

const OPEN: [char; 4] = ['“', '「', '『', '"'];
const BOUNDARY: [char; 18] = [
    '，', ',', '。', '；', ';', '：', ':', '！', '？', '!', '?', '“', '”', '「', '」', '『', '』', '\n',
];

fn closing(open: char) -> char {
    match open {
        '“' => '”',
        '「' => '」',
        '『' => '』',
        _ => '"',
    }
}

/// The quoted words after a cue (`after`: the text after the verb and its punctuation):
/// `(words, direct, byte length consumed)`. Words in quotation marks run to the matching mark;
/// otherwise to the end of the sentence, outside quotation marks.
fn words_after(after: &str) -> (std::ops::Range<usize>, bool, usize) {
    let lead = after.len()
        - after
            .trim_start_matches(|c: char| is_space(c) || matches!(c, '，' | ',' | '：' | ':'))
            .len();
    let s = &after[lead..];
    if let Some(open) = s.chars().next().filter(|c| OPEN.contains(c)) {
        let close = closing(open);
        let body = open.len_utf8();
        let mut depth = 1;
        for (i, c) in s[body..].char_indices() {
            if c == open && open != '"' {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth == 0 {
                    let end = body + i;
                    // `“甲。”“乙。”` and `“甲，”他说，“乙。”` stay one attribution: the words
                    // end at the first closing mark; what follows is consumed.
                    return (lead + body..lead + end, true, lead + end + close.len_utf8());
                }
            }
        }
        return (lead + body..after.len(), true, after.len());
    }
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '“' | '「' | '『' => depth += 1,
            '”' | '」' | '』' => depth -= 1,
            '。' | '！' | '？' | '!' | '?' if depth <= 0 => {
                let e = lead + i + c.len_utf8();
                return (lead..e, false, e);
            }
            _ => {}
        }
    }
    (lead..after.len(), false, after.len())
}

/// The kind of reported words.
fn kind_of(words: &str, direct: bool) -> QuoteKind {
    if direct {
        QuoteKind::Direct
    } else if words.contains(['“', '「', '『']) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// Quote-finding over one document.
pub struct Quotes<'a> {
    pub rules: &'a SpeechRules,
    pub registry: &'a Registry,
    /// The last person quoted or named: what a pronoun refers to.
    last: Option<Who>,
}

impl<'a> Quotes<'a> {
    pub fn new(rules: &'a SpeechRules, registry: &'a Registry, principal: Option<Who>) -> Self {
        Quotes {
            rules,
            registry,
            last: principal,
        }
    }

    fn resolve(&mut self, orig: &str, fold: &str) -> Option<Who> {
        // A surname or short form of a person named before (`蕭指`, `林認為`).
        let (s, e) = self.rules.trim_phrase(fold);
        if e > s
            && fold[s..e].chars().count() <= 2
            && let Some(k) = self.registry.expand(&fold[s..e])
        {
            self.last = Some(k.clone());
            return Some(k.clone());
        }
        match self.rules.analyse(orig, fold) {
            Phrase::Who(mut w) => {
                if w.kind == SpeakerType::Person
                    && let Some(k) = self.registry.expand(&w.key)
                {
                    let title = w.title.take();
                    let org = w.org.take();
                    w = k.clone();
                    w.title = title.or(w.title);
                    w.org = org.or(w.org);
                }
                self.registry.complete(&mut w);
                if w.kind == SpeakerType::Person {
                    self.last = Some(w.clone());
                }
                Some(w)
            }
            Phrase::Pronoun => self.last.clone(),
            Phrase::Not => None,
        }
    }

    fn quote(w: Who, cue: &str, words: &str, kind: QuoteKind, source: QuoteSource, seq: Option<usize>) -> Quote {
        Quote {
            kind,
            speaker: w.name,
            speaker_title: w.title,
            speaker_org: w.org,
            speaker_type: w.kind,
            cue: cue.to_string(),
            quote: words.trim_matches(is_space).to_string(),
            source,
            seq,
        }
    }

    /// The attributed headline, if the title is one.
    pub fn title(&mut self, title: &str) -> Option<Quote> {
        let t = title.trim_matches(is_space);
        let f = fold(t);
        for r in &self.rules.title_quote {
            let Some(c) = r.captures(&f) else { continue };
            let (sp, q) = (c.name("speaker")?, c.name("quote")?);
            let words = t[q.range()].trim_matches(is_space);
            if words.is_empty() {
                continue;
            }
            let Some(w) = self.resolve(&t[sp.range()], sp.as_str()) else {
                continue;
            };
            let (inner, direct) = match words.chars().next() {
                Some(o) if OPEN.contains(&o) && words.ends_with(closing(o)) => {
                    (&words[o.len_utf8()..words.len() - closing(o).len_utf8()], true)
                }
                _ => (words, false),
            };
            return Some(Self::quote(w, "：", inner, kind_of(inner, direct), QuoteSource::Title, None));
        }
        None
    }

    /// Quotes of one unit.
    pub fn unit(&mut self, u: &Unit) -> Vec<Quote> {
        let mut out = Vec::new();
        let Some(any) = &self.rules.any_cue else {
            return out;
        };
        let f = u.fold.as_str();
        // Byte ranges already attributed: cues inside them are words, not cues.
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for c in any.captures_iter(f) {
            let verb = c.name("verb").expect("group");
            let punct = c.name("punct").expect("group");
            if taken.iter().any(|r| r.contains(&verb.start())) || inside_quotes(f, verb.start()) {
                continue;
            }
            let before = &f[..verb.start()];
            let start = before
                .rfind(BOUNDARY)
                .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
                .unwrap_or(0);
            if start == verb.start() {
                continue;
            }
            if self.rules.not_speaker(&f[start..verb.end()]) {
                continue;
            }
            // A pronoun refers to the last person named before it.
            if let Some(k) = self.registry.last_named(f, start) {
                self.last = Some(k.clone());
            }
            let Some(w) = self.resolve(&u.text[start..verb.start()], &f[start..verb.start()]) else {
                continue;
            };
            let bare = punct.as_str().is_empty();
            if bare {
                let v = verb.as_str();
                let listed = self.rules.bare_verbs.iter().any(|b| {
                    v == b || v.strip_suffix(['说', '道', '称']).is_some_and(|x| x == b)
                });
                if !listed || (v.chars().count() < 2 && w.kind != SpeakerType::Person) {
                    continue;
                }
            }
            let after_at = if OPEN.iter().any(|o| punct.as_str().starts_with(*o)) {
                punct.start()
            } else {
                punct.end()
            };
            let (range, direct, used) = words_after(&f[after_at..]);
            let words = u.orig(after_at + range.start..after_at + range.end);
            let n = words.trim_matches(is_space).chars().count();
            if n == 0 || (bare && n < 4) {
                continue;
            }
            taken.push(after_at..after_at + used);
            out.push(Self::quote(
                w,
                verb.as_str(),
                words,
                kind_of(words, direct),
                QuoteSource::Body,
                Some(u.seq),
            ));
        }
        // Words first: `“…”<speaker><verb>。`
        if let Some(v) = &self.rules.any_cue_end {
            let mut at = 0;
            while let Some(i) = f[at..].find(OPEN) {
                let open_at = at + i;
                let o = f[open_at..].chars().next().expect("found");
                let body = open_at + o.len_utf8();
                let Some(j) = f[body..].find(closing(o)) else { break };
                let close_at = body + j;
                let after = close_at + closing(o).len_utf8();
                at = after;
                if taken.iter().any(|r| r.contains(&open_at)) {
                    continue;
                }
                let rest = &f[after..];
                let skip = rest.len() - rest.trim_start_matches(['，', ',', ' ']).len();
                let clause_start = after + skip;
                let Some(c) = v.captures(&f[clause_start..]) else { continue };
                let verb = c.name("verb").expect("group");
                let phrase = clause_start..clause_start + verb.start();
                if phrase.is_empty() || f[phrase.clone()].contains(BOUNDARY) {
                    continue;
                }
                let Some(w) = self.resolve(&u.text[phrase.clone()], &f[phrase.clone()]) else {
                    continue;
                };
                let words = u.orig(body..close_at);
                if words.trim_matches(is_space).is_empty() {
                    continue;
                }
                taken.push(open_at..clause_start + verb.end());
                out.push(Self::quote(
                    w,
                    verb.as_str(),
                    words,
                    QuoteKind::Direct,
                    QuoteSource::Body,
                    Some(u.seq),
                ));
            }
        }
        if let Some(k) = self.registry.last_named(f, f.len()) {
            self.last = Some(k.clone());
        }
        out.sort_by_key(|q| u.text.find(q.quote.as_str()).unwrap_or(usize::MAX));
        out
    }
}

/// Whether byte `at` of `f` is inside quotation marks.
fn inside_quotes(f: &str, at: usize) -> bool {
    let mut depth = 0i32;
    for c in f[..at].chars() {
        match c {
            '“' | '「' | '『' => depth += 1,
            '”' | '」' | '』' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_after_a_cue() {
        let (r, d, _) = words_after("：“美方说一套做一套。”他还说。");
        assert!(d);
        assert_eq!(&"：“美方说一套做一套。”他还说。"[r], "美方说一套做一套。");
        let s = "，中方表示“严重关切”。另外";
        let (r, d, _) = words_after(s);
        assert!(!d);
        assert_eq!(&s[r.clone()], "中方表示“严重关切”。");
        assert_eq!(kind_of(&s[r], d), QuoteKind::Mixed);
    }
}
