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

/// Whether `word` is in the segmenter's dictionary (a word it did not find there is one its
/// hidden Markov model made up: a name it does not know, `贾樟柯/n`, `张抒扬/v`, or a new word).
pub fn in_dictionary(word: &str) -> bool {
    jieba().has_word(word)
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

/// A phrase's words as byte ranges and tags.
type Segmented = Vec<(usize, usize, &'static str)>;

thread_local! {
    /// Phrases segmented in the document this thread is reading: text → (start, end, tag) of
    /// each word. A quarter of the segmenter's calls repeat a phrase (the same clause is read
    /// when learning speakers, reading turns and finding quotes).
    static SEGMENTED: std::cell::RefCell<std::collections::HashMap<String, Segmented>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
    /// The tags met so far, each kept once for the life of the thread (a few dozen).
    static TAGS: std::cell::RefCell<std::collections::HashSet<&'static str>> =
        std::cell::RefCell::new(std::collections::HashSet::new());
}

/// Forget the phrases of the previous document (called when a document starts).
pub fn clear_cache() {
    SEGMENTED.with(|c| c.borrow_mut().clear());
}

fn interned(tag: &str) -> &'static str {
    TAGS.with(|t| {
        let mut t = t.borrow_mut();
        if let Some(s) = t.get(tag) {
            return *s;
        }
        let s: &'static str = Box::leak(tag.to_string().into_boxed_str());
        t.insert(s);
        s
    })
}

/// Words and tags of `fold`, with byte ranges (remembered for the document being read).
pub fn words(fold: &str) -> Vec<Word<'_>> {
    let rebuild = |v: &[(usize, usize, &'static str)]| -> Vec<Word<'_>> {
        v.iter()
            .map(|&(start, end, tag)| Word {
                text: &fold[start..end],
                tag,
                start,
                end,
            })
            .collect()
    };
    if let Some(ws) = SEGMENTED.with(|c| c.borrow().get(fold).map(|v| rebuild(v))) {
        return ws;
    }
    let ws = segmented(fold);
    SEGMENTED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() < 4096 {
            c.insert(
                fold.to_string(),
                ws.iter()
                    .map(|w| (w.start, w.end, interned(w.tag)))
                    .collect(),
            );
        }
    });
    ws
}

/// Words and tags of `fold`, with byte ranges: the segmenter's, with the repairs below.
fn segmented(fold: &str) -> Vec<Word<'_>> {
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
        // The segmenter may read a name and the function word or verb after it as one name
        // (`张三于/nr 会后`, `陈大文于/nr`, `张三看/nr 了`, `王华问/nr`): the last character is a
        // word of its own when it is one of [`NAME_NEVER_ENDS`] and two or more remain.
        let word = &fold[start..end];
        if matches!(t.tag, "nr" | "nrfg" | "nrt")
            && word.chars().count() >= 3
            && let Some(last) = word.chars().next_back()
            && let Some(&(_, tag)) = NAME_NEVER_ENDS.iter().find(|(c, _)| *c == last)
        {
            let cut = end - last.len_utf8();
            out.push(Word {
                text: &fold[start..cut],
                tag: t.tag,
                start,
                end: cut,
            });
            out.push(Word {
                text: &fold[cut..end],
                tag,
                start: cut,
                end,
            });
            continue;
        }
        out.push(Word {
            text: word,
            tag: t.tag,
            start,
            end,
        });
    }
    // A two-character name whose last character the segmenter joined to a time word after it
    // (`李家/nrfg 超今/tg 早`): the character ends the name, the time word keeps the rest.
    for i in 1..out.len() {
        let (name, next) = (&out[i - 1], &out[i]);
        let mut cs = next.text.chars();
        if matches!(name.tag, "nr" | "nrfg")
            && name.text.chars().count() == 2
            && name.end == next.start
            && matches!(next.tag, "t" | "tg")
            && let (Some(first), Some(second), None) = (cs.next(), cs.next(), cs.next())
            && "今昨明前早晚".contains(second)
            && !"今昨明前早晚日本上下当".contains(first)
        {
            let cut = next.start + first.len_utf8();
            let (ns, ne) = (name.start, next.end);
            out[i - 1] = Word {
                text: &fold[ns..cut],
                tag: "nr",
                start: ns,
                end: cut,
            };
            out[i] = Word {
                text: &fold[cut..ne],
                tag: "t",
                start: cut,
                end: ne,
            };
        }
    }
    // A two-character name joined to the event of a time word after it (`蔡斌赛/nr 前`,
    // `张伟会/nr 前`, `李明庭/nr 后`): the event's character goes to the time word (`赛前`).
    for i in 1..out.len() {
        let (name, next) = (&out[i - 1], &out[i]);
        if matches!(name.tag, "nr" | "nrfg" | "nrt")
            && name.end == next.start
            && name.text.chars().count() == 3
            && next.text.starts_with(['前', '后', '後'])
            && let Some(event) = name.text.chars().next_back()
            && EVENTS_BEFORE_TIME.contains(event)
        {
            let cut = name.end - event.len_utf8();
            let (ns, ne) = (name.start, next.end);
            out[i - 1] = Word {
                text: &fold[ns..cut],
                tag: "nr",
                start: ns,
                end: cut,
            };
            out[i] = Word {
                text: &fold[cut..ne],
                tag: "t",
                start: cut,
                end: ne,
            };
        }
    }
    out
}

/// Events that make a time word with `前`/`后` after them (`赛前`, `会后`, `庭后`, `节前`,
/// `课后`, `饭后`, `战前`, `考前`, `婚前`, `演前`, `审前`, `场后`).
const EVENTS_BEFORE_TIME: &str = "赛会庭节课饭餐战考婚演审场";

/// Characters that end no Chinese personal name — prepositions, adverbs, conjunctions and the
/// verbs that follow a subject (`于`, `在`, `却`, `只`, `看`, `说`, `问`) — with the tag each
/// gets when split off a name the segmenter joined it to.
const NAME_NEVER_ENDS: [(char, &str); 36] = [
    ('于', "p"),
    ('在', "p"),
    ('向', "p"),
    ('对', "p"),
    ('从', "p"),
    ('跟', "p"),
    ('把', "p"),
    ('被', "p"),
    ('只', "d"),
    ('却', "d"),
    ('也', "d"),
    ('还', "d"),
    ('都', "d"),
    ('就', "d"),
    ('又', "d"),
    ('亦', "d"),
    ('再', "d"),
    ('则', "d"),
    ('即', "d"),
    ('已', "d"),
    ('将', "d"),
    ('便', "d"),
    ('看', "v"),
    ('想', "v"),
    ('站', "v"),
    ('坐', "v"),
    ('说', "v"),
    ('问', "v"),
    ('称', "v"),
    ('指', "v"),
    ('是', "v"),
    ('讲', "v"),
    ('答', "v"),
    ('们', "k"),
    ('等', "u"),
    ('及', "c"),
];

/// Whether a segmenter tag marks a person's name (`nr`, `nrt`, `nrfg`).
pub fn is_person_tag(tag: &str) -> bool {
    matches!(tag, "nr" | "nrt" | "nrfg")
}

/// Whether `c` ends no Chinese personal name (a preposition, adverb or verb of
/// [`NAME_NEVER_ENDS`]: `于`, `便`, `是`, `说`).
pub fn ends_no_name(c: char) -> bool {
    NAME_NEVER_ENDS.iter().any(|(x, _)| *x == c)
}

/// Whether `s` is letters of the Latin script only (`Martínez`, `Fayó`, `Ravipati`).
pub fn latin_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_latin_letter)
}

/// A letter of the Latin script, with or without diacritics (`a`, `í`, `ø`).
pub fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && unicode_script::UnicodeScript::script(&c) == unicode_script::Script::Latin
}
