//! The word segmenter (`jieba-rs`, its bundled dictionary; tags as in ICTCLAS: `nr` person,
//! `ns` place, `n` noun, `p` preposition, `d` adverb, …), shared by the cue finder
//! ([`super::config`]) and the speaker analysis ([`super::speakers`]), below both.

use jieba_rs::Jieba;
use std::sync::OnceLock;

/// The segmenter, loaded once per process (about 0.1 s).
fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// A word of the phrase with its tag and byte range.
#[derive(Debug, Clone, Copy)]
pub struct Word<'a> {
    pub text: &'a str,
    pub tag: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Whether the segmenter puts a word boundary at byte `at` of `fold`, reading from `from`
/// to a few characters past `at` (`称/这是` yes; `称重`, `说/明天` for `说明` no).
pub fn boundary_at(fold: &str, from: usize, at: usize) -> bool {
    let end = fold[at..]
        .char_indices()
        .nth(3)
        .map_or(fold.len(), |(i, _)| at + i);
    let window = &fold[from..end];
    let mut pos = from;
    for w in jieba().cut(window, true) {
        pos += w.word.len();
        if pos == at {
            return true;
        }
        if pos > at {
            return false;
        }
    }
    true
}

/// Words and tags of `fold`, with byte ranges.
pub fn words(fold: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut pos = 0;
    for t in jieba().tag(fold, true) {
        let start = if fold[pos..].starts_with(t.word) {
            pos
        } else {
            match fold[pos..].find(t.word) {
                Some(i) => pos + i,
                None => continue,
            }
        };
        let end = start + t.word.len();
        pos = end;
        // The segmenter cuts Latin words at letters outside ASCII (`Agust/í/n`): pieces that
        // touch are one word.
        if let Some(last) = out.last_mut()
            && last.end == start
            && latin_word(last.text)
            && latin_word(t.word)
        {
            last.end = end;
            last.text = &fold[last.start..end];
            last.tag = "eng";
            continue;
        }
        out.push(Word {
            text: &fold[start..end],
            tag: t.tag,
            start,
            end,
        });
    }
    out
}

/// Whether `s` is letters of the Latin script only (`Martínez`, `Fayó`, `Ravipati`).
pub fn latin_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_latin_letter)
}

/// A letter of the Latin script, with or without diacritics (`a`, `í`, `ø`).
pub fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && unicode_script::UnicodeScript::script(&c) == unicode_script::Script::Latin
}
