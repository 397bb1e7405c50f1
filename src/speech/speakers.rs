//! Speaker names: where a speaker phrase begins and ends, and what it is.
//!
//! A phrase is the text before a speech verb back to the clause boundary
//! (`此外，中欧基金曹某在23日的会上解释`). Its words and their parts of speech come from the
//! jieba segmenter (`jieba-rs`, its bundled dictionary; tags as in ICTCLAS: `nr` person, `ns`
//! place, `nt` organisation, `n` noun, `p` preposition, `d` adverb, `t` time, …) run on the
//! folded text. The speaker is the **subject**: the run of nominal words at the start of the
//! clause, after connectors; a preposition, an adverb, a time word or a verb ends it, so time and
//! place adjuncts (`在23日的讲话中`) and clause text never enter a name. The run is then split:
//! a trailing person name (`nr` words, or a Latin name) is the speaker and what precedes it the
//! title (`外交部发言人`) or the organisation (`中欧基金`); a run without a name is an
//! organisation (`教育部`, `港交所`, a place as a government) or an unnamed source
//! (`知情人士`, `网友`), by the word lists of `speech.yaml`.

use super::config::SpeechRules;
use super::segment::{Word, is_latin_letter, is_person_tag, words};
use super::text::is_space;
use serde::Serialize;
use unicode_script::{Script, UnicodeScript};

thread_local! {
    /// Phrases analysed in the document this thread is reading: `(orig, fold)` → result.
    static CACHE: std::cell::RefCell<std::collections::HashMap<(String, String), Phrase>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Forget the phrases of the previous document (called when a document starts).
pub fn clear_cache() {
    CACHE.with(|c| c.borrow_mut().clear());
    super::segment::clear_cache();
}

/// What a speaker is: `turns.speaker_type`, `quotes.speaker_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerType {
    /// A named person (`王毅`, `林鄭月娥`).
    Person,
    /// An organisation, office or government speaking as one (`外交部`, `公司`, `美国`).
    Organisation,
    /// An unnamed source (`知情人士`, `市场人士`, `网友`, `投资者`).
    Unnamed,
}

impl SpeakerType {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Organisation => "organisation",
            SpeakerType::Unnamed => "unnamed",
        }
    }
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    /// The name as written (`林鄭月娥`, `外交部`, `知情人士`).
    pub name: String,
    /// The name folded: the key speakers are compared by.
    pub key: String,
    /// Title as written before the name (`外交部发言人`), if any.
    pub title: Option<String>,
    /// Organisation as written before the name when it is not a title (`中欧基金`).
    pub org: Option<String>,
    pub kind: SpeakerType,
}

impl Who {
    /// A person by a name as written and folded (no analysis).
    fn named_at(name: &str, key: &str) -> Who {
        Who {
            name: name.to_string(),
            key: key.to_string(),
            title: None,
            org: None,
            kind: SpeakerType::Person,
        }
    }

    /// A person by a name and a title as written (`title` trimmed; empty is none) and the name
    /// folded (`key`), for the registry.
    pub(super) fn titled(name: &str, key: &str, title: &str) -> Who {
        let title = title.trim_matches(is_space);
        Who {
            title: (!title.is_empty()).then(|| title.to_string()),
            ..Who::named_at(name, key)
        }
    }

    /// An unnamed source or an organisation, as written (`name`) and folded (`key`).
    pub(super) fn source(name: &str, key: &str, unnamed: bool) -> Who {
        Who {
            name: name.trim_matches(is_space).to_string(),
            key: key.trim_matches(is_space).to_string(),
            title: None,
            org: None,
            kind: if unnamed {
                SpeakerType::Unnamed
            } else {
                SpeakerType::Organisation
            },
        }
    }

    /// A speaker known only by a label or a field (no analysis).
    pub fn named(name: &str, kind: SpeakerType) -> Who {
        let name = name.trim_matches(is_space).to_string();
        Who {
            key: super::text::fold(&name),
            name,
            title: None,
            org: None,
            kind,
        }
    }
}

/// The result of analysing a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phrase {
    Who(Who),
    /// `他`, `她`, `他们`: refers to the last person named.
    Pronoun,
    /// Not a speaker (`换句话`, `讲话`, clause text).
    Not,
}

/// The length of a speaker phrase in characters, a Latin word (letters and digits) counting
/// as one and spaces as none: `Carelon Digital Platforms公司零信任总监Sunil Ravipati` is 12.
pub fn phrase_len(s: &str) -> usize {
    let mut n = 0;
    let mut prev_latin = false;
    for c in s.chars() {
        let latin = is_latin_letter(c) || c.is_ascii_digit();
        if (latin && !prev_latin) || (!latin && c != ' ') {
            n += 1;
        }
        prev_latin = latin;
    }
    n
}

/// A person's name: 2–4 Han characters, a foreign name with `·`, or capitalised Latin words
/// (`Agustín Martínez Fayó`).
pub fn is_name(s: &str) -> bool {
    let n = s.chars().count();
    let han = s.chars().all(|c| c.script() == Script::Han || c == '·');
    (han && (2..=4).contains(&n))
        || (han && s.contains('·') && n <= 12)
        || (s
            .chars()
            .all(|c| is_latin_letter(c) || c == ' ' || c == '.' || c == '-')
            && (2..=30).contains(&n)
            && s.chars().next().is_some_and(char::is_uppercase))
}

/// Conjunctions and prepositions some surname characters also are, read as such before a
/// name or a form of address (`和先生`: her husband; `对李明`): never the name's surname there.
const NOT_SURNAME_HERE: &str = "和与跟同对给把被让叫替为将从在由及";

impl SpeechRules {
    /// Trim a raw phrase (folded) by the trailing and leading patterns: the byte range kept.
    pub fn trim_phrase(&self, fold: &str) -> (usize, usize) {
        let (mut s, mut e) = (0, fold.len());
        loop {
            let before = (s, e);
            {
                let p = &fold[s..e];
                if let Some(m) = self.trailing.find_any(p)
                    && m.end() == p.len()
                    && m.start() > 0
                {
                    // The cut at a word's start (`朱桂芳苦笑` less `笑` is `朱桂芳`, not a name
                    // `朱桂芳苦`): a word the pattern's start falls inside goes with it.
                    // (Unless the text before the pattern ends with a surname called with 小 or
                    // 老 that the segmenter joined to the verb: `小陈擦/v 了擦…`, `外卖骑手小
                    // 陈握/v 着…`.)
                    let name_before = || self.ends_with_address_name(&p[..m.start()]);
                    let at = if super::segment::boundary_at(p, 0, m.start()) || name_before() {
                        m.start()
                    } else {
                        words(p)
                            .iter()
                            .find(|w| w.start < m.start() && m.start() < w.end)
                            // A verb or adverb (`苦笑/v`), not a name the segmenter joined
                            // to the pattern's first character.
                            .filter(|w| matches!(w.tag.chars().next(), Some('v' | 'd' | 'a')))
                            .map(|w| w.start)
                            .filter(|&a| a > 0)
                            .unwrap_or(m.start())
                    };
                    e = s + at;
                }
            }
            {
                let p = &fold[s..e];
                if let Some(m) = self.leading.find_any(p)
                    && m.start() == 0
                    && m.end() < p.len()
                {
                    s += m.end();
                }
            }
            while s < e {
                let c = fold[s..e].chars().next().expect("non-empty");
                if is_space(c) {
                    s += c.len_utf8();
                } else {
                    break;
                }
            }
            while s < e {
                let c = fold[s..e].chars().next_back().expect("non-empty");
                if is_space(c) {
                    e -= c.len_utf8();
                } else {
                    break;
                }
            }
            if (s, e) == before {
                break;
            }
        }
        (s, e)
    }

    /// The byte length of the leading connector (`speech.leading_connectors`: `此后`, `但`, …)
    /// that `fold` starts with, when something follows it; 0 when none.
    pub fn connector_len(&self, fold: &str) -> usize {
        self.leading_words
            .iter()
            .find(|w| fold.len() > w.len() && fold.starts_with(w.as_str()))
            .map_or(0, |w| w.len())
    }

    /// Whether a phrase (folded; or phrase + verb) matches `not_speaker_patterns`, read after
    /// the leading connectors (`此后她` is `她`: `此` starts no speaker, `此后` does not count).
    pub fn not_speaker(&self, fold: &str) -> bool {
        let mut p = fold;
        while self.connector_len(p) > 0 {
            p = &p[self.connector_len(p)..];
        }
        self.not_speaker.is_match(p)
    }

    /// Whether a subject (folded) ends with one of `document_nouns` (`报告`, `通告`, `集会`): a
    /// document or an event, no speaker.
    fn names_document(&self, fold: &str) -> bool {
        self.document_nouns
            .iter()
            .any(|d| fold.ends_with(d.as_str()))
    }

    /// Whether `prefix` and `surname` are how a person is called (`老张`, `小刘`): `老` or `小`
    /// before one of the commonest surnames (`address_surnames`; `老师`, `老板`, `小区` are
    /// words).
    fn called(&self, prefix: char, surname: char) -> bool {
        matches!(prefix, '老' | '小') && self.address_surnames.contains(&surname)
    }

    /// Whether `fold` ends with a surname called with `老` or `小` (`外卖骑手小陈`, `老李`).
    fn ends_with_address_name(&self, fold: &str) -> bool {
        let mut cs = fold.chars().rev();
        matches!((cs.next(), cs.next()), (Some(s), Some(p)) if self.called(p, s))
    }

    pub(super) fn is_pronoun(&self, fold: &str) -> bool {
        self.pronouns.iter().any(|p| p == fold)
    }

    fn ends_with_any(words: &[String], s: &str) -> bool {
        words.iter().any(|w| s.ends_with(w.as_str()))
    }

    /// Whether the folded text ends with a title word (`发言人`, `部长`).
    pub fn ends_with_title(&self, fold: &str) -> bool {
        // Most texts end with a character no title word ends with: one set lookup.
        fold.chars()
            .next_back()
            .is_some_and(|c| self.title_last_chars.contains(&c))
            && Self::ends_with_any(&self.title_suffixes, fold)
    }

    /// A surname and a form of address, at most four characters (`谢女士`, `王律师`), or a
    /// surname alone and a title word (`王局长`): a person.
    fn is_addressed(&self, key: &str) -> bool {
        (key.chars().count() <= 4
            && self.is_surname_start(key)
            && self
                .forms_of_address
                .iter()
                .any(|a| key.ends_with(a.as_str()) && key.len() > a.len()))
            // A surname alone before a title word (`王局长`, `陳部長`; not `高级经理`).
            || self.title_suffixes.iter().any(|t| {
                key.strip_suffix(t.as_str())
                    .is_some_and(|s| !s.is_empty() && self.surnames.iter().any(|x| x == s))
            })
    }

    /// The surname (one or two characters) of `key` when `key` is a surname followed by one
    /// of `words` (`王市长` with `市长` → `王`); none otherwise.
    pub(super) fn surname_before<'k>(&self, key: &'k str, words: &[String]) -> Option<&'k str> {
        words
            .iter()
            .filter_map(|t| key.strip_suffix(t.as_str()))
            .find(|r| (1..=2).contains(&r.chars().count()) && self.is_surname_start(r))
    }

    pub(super) fn is_surname_start(&self, s: &str) -> bool {
        s.chars().next().is_some_and(|c| {
            self.surname_chars.contains(&c)
                || (self.surname_firsts.contains(&c)
                    && self.surnames.iter().any(|x| s.starts_with(x.as_str())))
        })
    }

    /// Whether `ws` (two or three words, the whole phrase) is one Chinese name the segmenter
    /// split: 2–3 characters starting with a surname character, not a dictionary word
    /// together, with no function word (`c`, `p`, `u`, `r`, `y`, `e`, `f`), no common noun
    /// and no character that ends no name after the surname.
    fn split_name(&self, ws: &[Word]) -> bool {
        let text: String = ws.iter().map(|w| w.text).collect();
        let n = text.chars().count();
        (2..=3).contains(&n)
            && text.chars().all(|c| c.script() == Script::Han)
            && text
                .chars()
                .next()
                .is_some_and(|c| self.surname_chars.contains(&c))
            && !text.chars().skip(1).any(super::segment::ends_no_name)
            && !text.chars().skip(1).any(|c| {
                let mut b = [0u8; 4];
                self.name_stop_chars.iter().any(|x| x == c.encode_utf8(&mut b))
            })
            && !ws.iter().any(|w| {
                matches!(
                    w.tag.chars().next(),
                    Some('c' | 'p' | 'u' | 'r' | 'y' | 'e' | 'f' | 'q')
                ) || w.tag == "t"
            })
            && !super::segment::in_dictionary(&text)
            // Nor a verb and its object (`包/v 饺子/n`): no common noun after the surname.
            && !ws[1..]
                .iter()
                .any(|w| w.tag == "n" && w.text.chars().count() >= 2)
    }

    /// The end (exclusive word index) of a person's name that starts at word `k`, if one does:
    /// a word tagged as a person (`nr`, `nrfg`, `nrt`), or a 2–3 character word tagged as a place
    /// or proper noun that starts with a surname, or a surname character followed by one or two
    /// characters; a 2-character name absorbs a following single character that is not a
    /// function word (`李家/超` → `李家超`, `萧世/和` → `萧世和`), up to 3 characters (4 when
    /// the name starts with two surnames: `林郑月娥`). Latin names run over Latin words.
    fn name_at(&self, ws: &[Word], k: usize) -> Option<usize> {
        // A word the segmenter tags as a numeral without any numeral in it (`王月`, `郑月`: a
        // name with `月` read as a month).
        let numeral = |t: &str| {
            t.chars().any(|c| {
                c.is_ascii_digit()
                    || "〇零一二三四五六七八九十百千万亿两几半数多余第廿卅".contains(c)
            })
        };
        let w = ws.get(k)?;
        let han = |t: &str| t.chars().all(|c| c.script() == Script::Han);
        let chars = |t: &str| t.chars().count();
        let latin_name = |t: &str| {
            t.chars().all(is_latin_letter)
                && t.starts_with(char::is_uppercase)
                && t.chars().any(char::is_lowercase)
        };
        // Capitalised words that are no part of a person's name (`The CEO Of Apple Inc Tim
        // Cook`): a Latin name is at most three words, none of these.
        const NOT_NAME: [&str; 16] = [
            "The", "Of", "And", "For", "In", "At", "On", "By", "To", "Inc", "Ltd", "Co", "Corp",
            "LLC", "GmbH", "AG",
        ];
        let latin_part = |t: &str| latin_name(t) && !NOT_NAME.contains(&t);
        if latin_name(w.text) {
            // A name is a whole run of capitalised words, not the end of a longer one (`The
            // International Monetary Fund Managing Director` has none).
            let inside_run = k >= 2 && ws[k - 1].text == " " && latin_part(ws[k - 2].text);
            if !latin_part(w.text) || inside_run {
                return None;
            }
            let mut e = k + 1;
            let mut parts = 1;
            while e + 1 < ws.len() && ws[e].text == " " && latin_part(ws[e + 1].text) {
                e += 2;
                parts += 1;
            }
            return (parts <= 3).then_some(e);
        }
        // A transliterated name written with `·` (`约翰·奇普曼`, `穆罕默德·巴尔金多`): its parts
        // and dots whatever the segmenter's tags, each part of transliteration characters, the
        // last of at most five.
        let translit = |t: &str| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c != '·' && self.transliteration.contains(&c))
        };
        if translit(w.text) && ws.get(k + 1).is_some_and(|x| x.text == "·") {
            let mut e = k + 1;
            while ws.get(e).is_some_and(|x| x.text == "·")
                && ws.get(e + 1).is_some_and(|x| translit(x.text))
            {
                e += 1;
                let mut part = 0;
                while let Some(x) = ws.get(e).filter(|x| translit(x.text)) {
                    if part + chars(x.text) > 5 {
                        break;
                    }
                    part += chars(x.text);
                    e += 1;
                }
            }
            if e > k + 2 {
                return Some(e);
            }
        }
        let n = chars(w.text);
        // A name withheld by the press (`段某某`, `张某`, `欧阳某某`): a surname and `某`,
        // which the segmenter splits as a classifier and a pronoun (`段/q 某某/r`).
        let surname = |t: &str| {
            (chars(t) == 1
                && t.chars()
                    .next()
                    .is_some_and(|c| self.surname_chars.contains(&c)))
                || self.surnames.iter().any(|x| x == t)
        };
        if han(w.text)
            && (1..=3).contains(&n)
            && (surname(w.text) || w.text.strip_suffix('某').is_some_and(surname))
            && let Some(x) = ws.get(k + 1)
            && !x.text.is_empty()
            && x.text.chars().all(|c| c == '某')
            && n + chars(x.text) <= 4
        {
            return Some(k + 2);
        }
        // A transliterated name the segmenter tags as one (`内塔尼亚胡/nrt`, `阿尔巴尼/nrt 斯`):
        // its word and the transliteration characters after it, up to 8 characters — longer
        // than a Chinese name.
        if w.tag == "nrt" && n >= 4 && han(w.text) {
            let mut e = k + 1;
            let mut len = n;
            while let Some(x) = ws.get(e)
                && chars(x.text) == 1
                && x.text.chars().all(|c| self.transliteration.contains(&c))
                && len < 8
            {
                len += 1;
                e += 1;
            }
            return (len <= 8).then_some(e);
        }
        // An organisation the segmenter tags as a person (`乐施会/nr`): a longer word ending
        // with an organisation's last character is no name.
        if is_person_tag(w.tag)
            && n >= 3
            && w.text.ends_with(self.organisation_last_chars.as_slice())
        {
            return None;
        }
        // Nor is an organisation's name of the configured list (`华为/nr`, `白宫/nr`).
        if is_person_tag(w.tag) && n >= 2 && self.organisation_suffixes.iter().any(|o| o == w.text)
        {
            return None;
        }
        let person = is_person_tag(w.tag);
        // A surname the segmenter reads as a verb or the like right after a title word,
        // before a given name it reads as a proper noun or a two-character adverb (`研究员/n
        // 包/v 云岗/ns`, `副局长/n 饶/v 立新/d`; not `记者/n 包/v 饺子/n`).
        // So does one that opens the text or follows punctuation (`包/v 云岗/ns 表示`, a
        // headline `包云岗：`, `撰文 | 包云岗`) — not a preposition, conjunction or adverb
        // before a transliteration (`向/p 普京/ns`).
        let opens = k == 0
            || ws[k - 1]
                .text
                .chars()
                .all(|c| !c.is_alphanumeric() && c != '·');
        let after_title = n == 1
            && ((k > 0 && self.ends_with_title(ws[k - 1].text))
                || (opens
                    && ((!matches!(w.tag.chars().next(), Some('p' | 'c' | 'd' | 'r' | 'u'))
                        && ws.get(k + 1).is_some_and(|x| {
                            !x.text.chars().all(|c| self.transliteration.contains(&c))
                        }))
                        // A preposition or adverb only before a given name the segmenter
                        // tags as a Chinese person's (`向/p 明德/nr`, `于/p 海波/nr`; not
                        // `向/p 普京/ns`).
                        || (matches!(w.tag.chars().next(), Some('p' | 'd'))
                            && !NOT_SURNAME_HERE.contains(w.text)
                            && ws
                                .get(k + 1)
                                .is_some_and(|x| matches!(x.tag, "nr" | "nrfg"))))))
            && ws.get(k + 1).is_some_and(|x| {
                han(x.text)
                    && (1..=2).contains(&chars(x.text))
                    && (matches!(x.tag, "ns" | "nz" | "nr" | "nrfg" | "nrt")
                        || (x.tag == "d" && chars(x.text) == 2))
            });
        // A two-character surname the segmenter splits, its second character read with the
        // given name as a person's name (`山/n 田一郎/nr`: `山田一郎`).
        if n == 1
            && let Some(next) = ws.get(k + 1)
            && matches!(next.tag, "nr" | "nrfg")
            && (2..=3).contains(&chars(next.text))
            && next.text.chars().next().is_some_and(|c| {
                let mut two = String::from(w.text);
                two.push(c);
                self.surnames.contains(&two)
            })
        {
            return Some(k + 2);
        }
        // A compound surname and its given name, however the segmenter tags them (`欧阳/ns
        // 娜娜/nr`).
        if n == 2
            && self.surnames.iter().any(|x| x == w.text)
            && let Some(next) = ws.get(k + 1)
            && han(next.text)
            && (1..=2).contains(&chars(next.text))
            && (is_person_tag(next.tag) || next.tag.starts_with('n'))
            && !self.name_stop_chars.iter().any(|x| x == next.text)
        {
            return Some(k + 2);
        }
        // A surname before `先生`/`女士`/`小姐`/`太太` (`name_address_words`) is how someone is
        // called, whatever the segmenter reads the surname as (`曾/d 小姐`, `于/p 先生`, `向/p
        // 女士`) — not a conjunction or a preposition that is no common surname (`和/c 先生`:
        // her husband; `对女士`).
        if n == 1
            && self.is_surname_start(w.text)
            && !w.tag.starts_with('c')
            && !NOT_SURNAME_HERE.contains(w.text)
            && ws
                .get(k + 1)
                .is_some_and(|x| self.name_address_words.iter().any(|a| a == x.text))
        {
            return Some(k + 2);
        }
        // A married name in the Hong Kong way: a surname, then a whole three-character name
        // (`叶/nr 刘淑仪/nrfg` → `叶刘淑仪`).
        if n == 1
            && (is_person_tag(w.tag) || w.tag == "ng")
            && self.is_surname_start(w.text)
            && let Some(next) = ws.get(k + 1)
            && is_person_tag(next.tag)
            && chars(next.text) == 3
            && han(next.text)
            && self.is_surname_start(next.text)
        {
            return Some(k + 2);
        }
        // A transliterated name right after a title word is a person's, however the segmenter
        // tags it (`总统/n 普京/ns`, `总理/nr 朔/j 尔茨/nrt`): the run of such words. (One that
        // starts with a surname is read as a Chinese name below: `主管/n 徐国/ns 伟/zg`.)
        let foreign = |x: &Word| {
            han(x.text)
                && (matches!(x.tag, "ns" | "j" | "nz" | "nrt")
                    || x.text.chars().all(|c| self.transliteration.contains(&c)))
        };
        if k > 0
            && self.ends_with_title(ws[k - 1].text)
            && foreign(w)
            && !person
            && !self.is_surname_start(w.text)
        {
            let mut e = k + 1;
            let mut len = n;
            while let Some(x) = ws.get(e)
                && foreign(x)
                && len + chars(x.text) <= 6
            {
                len += chars(x.text);
                e += 1;
            }
            if len >= 2 {
                return Some(e);
            }
        }
        // A surname with `老`/`小` is how people are called (`老张`, `小/a 刘/zg`).
        // Only with the commonest surnames (`address_surnames`): `老师`, `老板`, `小区` are words.
        let mut cs = w.text.chars();
        if n == 2
            && let (Some(p), Some(c)) = (cs.next(), cs.next())
            && self.called(p, c)
        {
            return Some(k + 1);
        }
        if let Some(p) = w.text.chars().next().filter(|_| n == 1)
            && let Some(x) = ws.get(k + 1)
            && let Some(c) = x.text.chars().next().filter(|_| chars(x.text) == 1)
            && self.called(p, c)
        {
            return Some(k + 2);
        }
        // A transliterated foreign name (`拜登/nrt`) has no surname.
        if !han(w.text) || !(self.is_surname_start(w.text) || (person && n >= 2)) {
            return None;
        }
        // A surname and a given name's first character read as a common noun, then its last
        // character, ending the phrase (`黄家/n 明/a`).
        // (Or before a joiner and another name: `黄程/n 灏/g 、/x 蓝正宏/nr`.)
        let split_given = w.tag == "n"
            && n == 2
            && (k + 2 == ws.len()
                || ws
                    .get(k + 2)
                    .is_some_and(|x| x.text == "和" || self.joiners.iter().any(|j| j == x.text)))
            && ws[k + 1].text.chars().count() == 1
            && han(ws[k + 1].text)
            && matches!(ws[k + 1].tag, "a" | "ng" | "nr" | "ag" | "zg" | "j" | "g");
        // A word the segmenter made up (not in its dictionary) that starts with a surname: a
        // name it does not know, read as a noun or verb (`贾樟柯/n`, `全红婵/n`, `张抒扬/v`,
        // `李想/v`, `盛来/v 运`); not a two-character noun (`高管/n`, `房企/n` are new words).
        // Only where a name stands: first in the phrase or after a title word (not `也/许是`,
        // `涂謹/申以`), and with no character of its given name that ends no name (`鄭便率`).
        let unknown = (2..=3).contains(&n)
            && (matches!(w.tag, "v" | "vn") || (w.tag == "n" && n == 3))
            && (k == 0 || self.ends_with_title(ws[k - 1].text) || !han(ws[k - 1].text))
            && !w.text.chars().skip(1).any(super::segment::ends_no_name)
            && !super::segment::in_dictionary(w.text);
        let proper = (matches!(w.tag, "ns" | "nz" | "nrfg" | "x") && (2..=3).contains(&n))
            || split_given
            || unknown;
        let limit = |first: &str| {
            let two_surnames = first.chars().nth(1).is_some_and(|c| {
                let mut b = [0u8; 4];
                self.is_surname_start(c.encode_utf8(&mut b))
            });
            if two_surnames { 4 } else { 3 }
        };
        let stop = |t: &str| self.name_stop_chars.iter().any(|x| x == t);
        let mut e = k + 1;
        let mut len = n;
        if (person || proper) && n >= 2 {
            if n > 4 {
                return None;
            }
        } else if n == 1
            && (after_title
                || !matches!(
                    w.tag.chars().next(),
                    Some('c' | 'p' | 'd' | 'v' | 'u' | 'r' | 'y' | 'e' | 'm' | 'q')
                )
                || (matches!(w.tag.chars().next(), Some('q' | 'r'))
                // A surname the segmenter reads as a measure word or pronoun (`张/q 立新`,
                // `何/r 平安`): no numeral before it.
                && (k == 0 || !ws[k - 1].tag.starts_with('m'))))
        {
            // A surname alone: the given name follows.
            let next = ws.get(e)?;
            let function = matches!(
                next.tag.chars().next(),
                Some('c' | 'p' | 'd' | 'u' | 'r' | 'y' | 'e' | 'm' | 'q' | 'f' | 't')
            );
            // The segmenter may split a given name off as an adverb (`王/nr 立新/d`): after a
            // surname it tags as a person, a two-character adverb is the given name.
            // Not one that ends with an adverb of its own (`林/ng 郑则/d`, `郑仅/d`: a married
            // name's second surname and `则`/`仅`).
            let given_as_adverb =
                (person || after_title || matches!(w.tag.chars().next(), Some('q' | 'r')))
                    && next.tag == "d"
                    && chars(next.text) == 2
                    && !next
                        .text
                        .char_indices()
                        .last()
                        .is_some_and(|(i, _)| stop(&next.text[i..]));
            // Or as a numeral with no numeral in it (`林/ng 郑月/m 娥`: `月` read as a month).
            let given_as_numeral = next.tag == "m" && chars(next.text) == 2 && !numeral(next.text);
            // A whole name after it, when the character ends a title with the word before
            // (`财务/n 官/n 姚波/nr`): the character is no surname of it (`副部长/n 刘/? 向东/nr`
            // is one name).
            let whole_name = k > 0
                && self.ends_with_title(&format!("{}{}", ws[k - 1].text, w.text))
                && is_person_tag(next.tag)
                && chars(next.text) == 2
                && self.is_surname_start(next.text);
            // Nor is a title word a given name after a character read as a noun (`公民/n
            // 党/n 党魁/n`; not `张/q 博士`, `黄/a 部长`, how people are called).
            let title_word =
                w.tag.starts_with('n') && self.title_suffixes.iter().any(|t| t == next.text);
            if !han(next.text)
                || stop(next.text)
                || chars(next.text) > 2
                || whole_name
                || title_word
                || (function && !given_as_adverb && !given_as_numeral)
            {
                return None;
            }
            len += chars(next.text);
            e += 1;
        } else if n == 2 && w.tag == "m" && !numeral(w.text) {
            // A surname and a given name's first character read as a numeral (`王月/m 娥`).
        } else {
            return None;
        }
        // Absorb single characters.
        let max = limit(&ws[k..].iter().map(|w| w.text).collect::<String>());
        while len < max {
            let Some(next) = ws.get(e) else { break };
            // A stop character the segmenter reads as an adjective or noun, as a word of its
            // own, ends a two-character name (`蔡子/nr 强/a 认为`): only a character split off
            // a verb (`强/a 调/v`) is followed by another single character.
            let given_last = len == 2
                && matches!(next.tag, "a" | "ag" | "ng" | "zg")
                && !ws
                    .get(e + 1)
                    .is_some_and(|x| chars(x.text) == 1 && han(x.text));
            if chars(next.text) != 1 || !han(next.text) || (stop(next.text) && !given_last) {
                break;
            }
            if ws.get(e + 1).is_some_and(|x| is_person_tag(x.tag)) {
                break;
            }
            // `和`, `与`, `跟`, `同` before a noun, verbal noun or pronoun join the name to
            // another (`王芳/和/记者`, `韩冬/和/旅游/vn 博主`), they do not end it (`萧世/和/表示`
            // does).
            if matches!(next.text, "和" | "与" | "跟" | "同")
                && ws.get(e + 1).is_some_and(|x| {
                    x.tag.starts_with('n') || x.tag.starts_with('r') || x.tag == "vn"
                })
            {
                break;
            }
            if len >= 3 && !(len == 3 && max == 4) {
                break;
            }
            len += 1;
            e += 1;
        }
        (len >= 2).then_some(e)
    }

    /// The length in bytes of a leading adverbial set off by a comma at the start of `fold`
    /// (`对此，`, `此外，`, `随后，`, `会上，`, `7日，`): up to 6 characters of conjunctions,
    /// adverbs, prepositions with a demonstrative, time and locative words and numbers — not
    /// a pronoun alone (`他，`) nor a noun (`王强，`) — or up to 8 of an event and a localizer
    /// (`发布会上，`, `采访中，`). 0 when there is none.
    pub fn leading_adjunct(&self, fold: &str) -> usize {
        let Some(comma) = fold.find(['，', ',']) else {
            return 0;
        };
        let head = &fold[..comma];
        let n = head.chars().count();
        let localized =
            head.ends_with(['上', '中', '后', '後', '前', '里', '內', '内', '间', '間']);
        if n == 0 || n > 8 || (n > 6 && !localized) {
            return self.topic_adjunct(fold);
        }
        let ws = words(head);
        // An event and a localizer (`发布会上，`, `记者会上，`, `采访中，`, `会后，`, `在当天的
        // 记者会上，`): where or when, no speaker — a noun or verb of the event, with a
        // preposition, time words, `的` and determiners around it.
        if localized
            && let Some((last, rest)) = ws.split_last()
            && last.tag == "f"
            && rest
                .iter()
                .any(|w| w.tag.starts_with('n') || w.tag.starts_with('v'))
            && rest.iter().enumerate().all(|(i, w)| {
                w.tag.starts_with('n') && !is_person_tag(w.tag)
                    || w.tag.starts_with('v')
                    || matches!(w.tag, "t" | "uj" | "r" | "m" | "q")
                    || (i == 0 && w.tag == "p")
            })
        {
            return comma + fold[comma..].chars().next().map_or(1, char::len_utf8);
        }
        if n > 6 {
            return self.topic_adjunct(fold);
        }
        let adjunct = |w: &Word| {
            matches!(
                w.tag.chars().next(),
                Some('c' | 'd' | 'p' | 'r' | 't' | 'f' | 'm' | 'q')
            ) || (w.tag == "s" && n <= 3)
        };
        if ws.iter().all(adjunct) && !ws.iter().all(|w| w.tag.starts_with('r')) {
            comma + fold[comma..].chars().next().map_or(1, char::len_utf8)
        } else {
            self.topic_adjunct(fold)
        }
    }

    /// The length in bytes of a leading topic set off by a comma (`对于土地供应，`, `至於會否
    /// 考慮輸入外地救生員，`, `关于明年的计划，`): a topic preposition (`speech.topic_prepositions`:
    /// `对于`, `至于`, `关于`, `针对`; tagged `p` by the segmenter) and up to 24 characters with no clause mark, no
    /// person's name and no speech verb. 0 when there is none.
    pub fn topic_adjunct(&self, fold: &str) -> usize {
        let Some(comma) = fold.find(['，', ',']) else {
            return 0;
        };
        let head = &fold[..comma];
        if !self
            .topic_prepositions
            .iter()
            .any(|p| head.starts_with(p.as_str()))
            || head.chars().count() > 24
            || head.contains(['。', '；', '：', '“', '「', '？', '！'])
        {
            return 0;
        }
        let ws = words(head);
        if ws.first().is_none_or(|w| w.tag != "p")
            || ws.iter().any(|w| is_person_tag(w.tag))
            || self
                .verb_at_start
                .as_ref()
                .is_some_and(|v| ws.iter().skip(1).any(|w| v.is_match(&head[w.start..])))
        {
            return 0;
        }
        comma + fold[comma..].chars().next().map_or(1, char::len_utf8)
    }

    /// Where in `before` the organisation a demonstrative phrase (`该公司`, `该行`) refers back
    /// to is named: the last one named there (the text before the phrase, folded; its last 150 characters are
    /// read) — a word the segmenter tags as an organisation (`美国苹果公司/nt`), a name of
    /// `organisation_suffixes` (`微软`, `谷歌`), or such a suffix with the nouns before it
    /// (`恒生银行`, `人民医院`). `noun`: the phrase without its demonstrative; that word alone
    /// (`公司`) names nobody, and a one-character noun (`行`, `院`) must end the name.
    pub fn antecedent_organisation(
        &self,
        before: &str,
        noun: &str,
    ) -> Option<std::ops::Range<usize>> {
        let from = before.char_indices().rev().nth(150).map_or(0, |(i, _)| i);
        let tail = &before[from..];
        let ws = words(tail);
        let nominal = |w: &Word| {
            matches!(w.tag, "n" | "nz" | "ns" | "nr" | "nrt" | "nt" | "j" | "eng")
                && !self.demonstratives.iter().any(|d| d == w.text)
        };
        for i in (0..ws.len()).rev() {
            let w = &ws[i];
            let listed = w.text.chars().count() >= 2
                && self.organisation_suffixes.iter().any(|o| o == w.text);
            if !(w.tag == "nt" || listed) {
                continue;
            }
            // After a demonstrative it is an earlier mention of the same kind (`该公司`).
            if i > 0 && self.demonstratives.iter().any(|d| d == ws[i - 1].text) {
                continue;
            }
            let mut s = i;
            while s > 0 && nominal(&ws[s - 1]) && i - s < 3 {
                s -= 1;
            }
            if s == i && w.tag != "nt" && (noun.ends_with(w.text) || w.text.ends_with(noun)) {
                continue;
            }
            let start = ws[s].start;
            let key = tail[start..w.end].to_string();
            // One character names the kind (`该行` a bank, `该院` a hospital or court): the
            // organisation's name ends with it.
            if noun.chars().count() == 1 && !key.ends_with(noun) {
                continue;
            }
            return Some(from + start..from + w.end);
        }
        None
    }

    /// Whether a (folded) phrase opens with a demonstrative of `demonstratives` (`该公司`).
    pub fn starts_with_demonstrative(&self, fold: &str) -> bool {
        self.demonstratives
            .iter()
            .any(|d| fold.starts_with(d.as_str()) && fold.len() > d.len())
    }

    /// The end (exclusive word index) of a name that starts `ws`, if one does.
    pub(super) fn name_at_start(&self, ws: &[Word]) -> Option<usize> {
        self.name_at(ws, 0)
    }

    /// The end (byte in `f`) of a person's name starting at byte `at`, read in the eight
    /// characters from there ([`Self::name_at`]).
    pub(super) fn name_starting(&self, f: &str, at: usize) -> Option<usize> {
        let end = f[at..]
            .char_indices()
            .nth(8)
            .map_or(f.len(), |(i, _)| at + i);
        let ws = words(&f[at..end]);
        let e = self.name_at_start(&ws)?;
        Some(at + ws[e - 1].end)
    }

    /// The first word of a name that ends exactly at word `end` (exclusive), between `lo` and
    /// `end`: the longest such name.
    fn name_ending(&self, ws: &[Word], lo: usize, end: usize) -> Option<usize> {
        (lo..end).find(|&k| self.name_at(ws, k) == Some(end))
    }

    /// Where adjuncts after the subject begin, if any: trailing adverbs and time words (`d`, `ad`, `t`; with their
    /// `地`/`着`) and a prepositional phrase (`p` …) that follows a nominal word or pronoun and
    /// does not start a name. `None` when the phrase has none (or is nothing else).
    fn adjunct_start(&self, ws: &[Word]) -> Option<usize> {
        let mut end = ws.len();
        while end > 1
            && self.name_ending(ws, 0, end).is_none()
            && (matches!(ws[end - 1].tag, "d" | "ad" | "uv" | "uz" | "t")
                || ws[end - 1].text.chars().all(is_space))
        {
            // `绝望/v 地/uv`, `笑/v 着/uz`: the adverbial's head goes with its particle.
            if matches!(ws[end - 1].tag, "uv" | "uz")
                && end > 2
                && !ws[end - 2].tag.starts_with('n')
            {
                end -= 1;
            }
            end -= 1;
        }
        let head =
            |w: &Word| w.tag.starts_with('n') || w.tag == "r" || w.tag == "eng" || w.tag == "j";
        // Also after a time word that follows the subject (`陳大文/nr 昨晚/t 在/p Facebook`).
        let after_head =
            |k: usize| head(&ws[k - 1]) || (k >= 2 && ws[k - 1].tag == "t" && head(&ws[k - 2]));
        // `与`/`和`/`及` inside an office's name before a person's (`统计信息与风险监测司司长刘志清`)
        // join, they open no adjunct.
        let joins_name = |k: usize| {
            matches!(ws[k].text, "与" | "和" | "及" | "同" | "跟")
                && self.name_ending(ws, k + 1, ws.len()).is_some()
        };
        let prep = (1..end).find(|&k| {
            ws[k].tag == "p" && after_head(k) && self.name_at(ws, k).is_none() && !joins_name(k)
        });
        let cut = prep.unwrap_or(end);
        (cut < ws.len() && cut > 0).then_some(cut)
    }

    /// Where a title or organisation before a name can start in `ws` (the words before the
    /// name): after the last clause in them, so that a name that is the object of a clause
    /// takes none of the clause (`记者昨天采访了市长王建平` → `市长`, `本报记者日前专访了中国人民
    /// 大学教授王强` → `中国人民大学教授`). A clause ends at an aspect particle (`了`, `着`,
    /// `过`), a punctuation mark, a speech verb however tagged (not as a verbal noun:
    /// `易观/nr 分析/vn`), or a verb after a title word (`记者专访`), a person's name, time
    /// word, number, adverb or pronoun — not a joiner (`董事兼研究员`), and when the next word is no
    /// title word (`记者今日专访王强`; not `公司执行董事`, `联合创始人`), or a verb of source
    /// (`摘自`, `来自`). 0 when there is none.
    pub(super) fn after_clause(&self, ws: &[Word]) -> usize {
        let title_word = |w: &Word| {
            self.title_suffixes
                .iter()
                .any(|t| w.text.ends_with(t.as_str()))
        };
        let mut cut = 0;
        for (p, w) in ws.iter().enumerate() {
            // Marks that end a clause (not `、`, `·` or brackets, which join or qualify
            // titles: `党委书记、董事长`, `高级警司（行动）`).
            let punct = !w.text.is_empty()
                && w.text.chars().all(|c| {
                    matches!(
                        c,
                        '，' | ','
                            | '。'
                            | '；'
                            | ';'
                            | '：'
                            | ':'
                            | '！'
                            | '!'
                            | '？'
                            | '?'
                            | '“'
                            | '”'
                            | '「'
                            | '」'
                            | '『'
                            | '』'
                            | '【'
                            | '】'
                    )
                });
            let aspect = matches!(w.tag, "ul" | "uz" | "ug");
            // A conjunction after a person's name parts two people's phrases (`副局长王建平和
            // 新闻发言人付凌晖`).
            let after_person = p > 0
                && matches!(w.text, "和" | "与" | "及" | "、" | "同" | "跟")
                && is_person_tag(ws[p - 1].tag);
            // A speech verb the segmenter tags as a noun (`质问/n`) is a verb here.
            let speech_verb = self.verb_ac.as_ref().is_some_and(|ac| {
                ac.find(w.text)
                    .is_some_and(|m| m.start() == 0 && m.end() == w.text.len())
            });
            // A verb inside an organisation's name (`医院/n 感染/v 疾病科`) follows a noun
            // too: after a noun, only a speech verb or a verb after a title word (`记者/n
            // 专访/v`) is a predicate.
            let joiner = self.joiners.iter().any(|j| j == w.text);
            let predicate = w.tag != "vn"
                && (w.tag.starts_with('v') || speech_verb)
                && !joiner
                && p > 0
                && (matches!(ws[p - 1].tag, "t" | "d" | "r" | "m")
                    || is_person_tag(ws[p - 1].tag)
                    || speech_verb
                    || title_word(&ws[p - 1]))
                && !title_word(w)
                && !ws.get(p + 1).is_some_and(title_word);
            // A verb of source (`摘自`, `来自`, `转自`: a caption's `圖片摘自台灣總統蔡英文
            // facebook`) ends a clause after any word.
            let source = w.tag == "v" && w.text.ends_with('自') && w.text.chars().count() == 2;
            if punct || aspect || predicate || after_person || source {
                cut = p + 1;
            }
        }
        cut
    }

    /// Whether the words before a subject end in a clause with a copula or an agent marker
    /// after a noun (`口号是2016年由`): the noun after them is its complement or agent, not the
    /// speaker. A relative clause closed by `的` (`被投诉的社区书记`) qualifies the noun instead.
    fn after_copula(&self, before: &[Word]) -> bool {
        let run = before.len() - before.iter().rev().take_while(|w| w.tag != "uj").count();
        // The marker follows a noun (`口号是`, `计划由`): a cleft (`当时是王立群说`) or an
        // agent after a time word (`最后由王立群发言`) names the speaker.
        (run.max(1)..before.len()).any(|k| {
            matches!(before[k].text, "是" | "由" | "被")
                && (before[k - 1].tag.starts_with('n') || before[k - 1].tag == "r")
        })
    }

    /// Like [`Self::analyse`], for a phrase right before words in quotation marks
    /// (`<phrase>说：“…”`, `“…”<phrase>说`): there the phrase is a speaker if it is a noun
    /// phrase at all, so a common noun that no word list names is one (`接线生`, `卖酒商人`,
    /// `当事人的妻子`), as an unnamed source; a surname with a form of address is a person
    /// (`谢女士`). The subject is the last nouns joined by `的` (`不愿具名的业内人士` →
    /// `业内人士`: a clause before `的` is dropped).
    pub fn analyse_loose(&self, orig: &str, fold: &str) -> Phrase {
        let strict = self.analyse(orig, fold);
        if !matches!(strict, Phrase::Not) {
            return strict;
        }
        let (s, e) = self.trim_phrase(fold);
        if s >= e {
            return Phrase::Not;
        }
        let (orig, fold) = (&orig[s..e], &fold[s..e]);
        // The writer's own voice (`令我今天可以大胆说：「…」`) is nobody's quote.
        if fold.contains('我') {
            return Phrase::Not;
        }
        let ws = words(fold);
        let mut end = ws.len();
        if let Some(cut) = self.adjunct_start(&ws) {
            end = cut;
        }
        if end == 0 {
            return Phrase::Not;
        }
        let noun = |w: &Word| w.tag.starts_with('n') && !w.text.chars().all(is_space);
        let last = &ws[end - 1];
        let plural = last.text == "们" && end >= 2 && noun(&ws[end - 2]);
        if !(noun(last) || plural) {
            return Phrase::Not;
        }
        // Back over nouns, and over `的` after a noun: a noun that is a verb's object
        // (`透露/v 姓名/n 的`) belongs to a clause, unless it names people (`上访/v 当事人/n
        // 的妻子`: a person suffix, `人`, `者`, `员`, …).
        let person_noun = |w: &Word| {
            w.text.ends_with([
                '人', '者', '员', '士', '师', '家', '生', '长', '民', '友', '主',
            ])
        };
        let mut k = end - 1;
        while k > 0 {
            let w = &ws[k - 1];
            if noun(w) {
                k -= 1;
            } else if w.tag == "uj"
                && k >= 2
                && noun(&ws[k - 2])
                && (k == 2 || !ws[k - 3].tag.starts_with('v') || person_noun(&ws[k - 2]))
            {
                k -= 2;
            } else {
                break;
            }
        }
        // A one-character prefix of age or size (`老/a 船长`).
        if k > 0 && ws[k - 1].tag == "a" && ws[k - 1].text.chars().count() == 1 {
            k -= 1;
        }
        // A surname the segmenter cut off a form of address (`谢/v 女士/n`).
        if k > 0
            && ws[k - 1].text.chars().count() == 1
            && self.is_surname_start(ws[k - 1].text)
            && self.forms_of_address.iter().any(|a| a == ws[k].text)
        {
            k -= 1;
        }
        // After a copula or an agent marker the noun is no subject (`口号是…由梁天琦`).
        if self.after_copula(&ws[..k]) {
            return Phrase::Not;
        }
        let (ps, pe) = (ws[k].start, ws[end - 1].end);
        let key = fold[ps..pe].trim_matches(is_space);
        let n = key.chars().count();
        if !(2..=10).contains(&n)
            || self.not_speaker(key)
            || self.is_pronoun(key)
            || self.names_document(key)
        {
            return Phrase::Not;
        }
        let addressed = self.is_addressed(key);
        Phrase::Who(Who {
            name: orig[ps..pe].trim_matches(is_space).to_string(),
            key: key.to_string(),
            title: None,
            org: None,
            kind: if addressed {
                SpeakerType::Person
            } else {
                SpeakerType::Unnamed
            },
        })
    }

    /// The subject of a clause that introduces words in quotation marks with a colon and no
    /// speech verb (`王兴在饭否的个人简介一直都是：“…”`, `营业部人士同时也和记者聊了聊…：“…”`):
    /// the noun phrase that opens the clause (after connectors and time words), when a
    /// predicate follows it (a verb, adverb, preposition or conjunction), analysed strictly
    /// ([`Self::analyse`]) — so `原标题：“…”` or `措施包括：“…”` name nobody.
    pub fn clause_subject(&self, orig: &str, fold: &str) -> Phrase {
        let (s, e) = self.trim_phrase(fold);
        if s >= e {
            return Phrase::Not;
        }
        // A trailing pattern trimmed (`发表声明`) was the predicate.
        let trimmed_predicate = e < fold.len();
        let (orig, fold) = (&orig[s..e], &fold[s..e]);
        let ws = words(fold);
        let mut i = 0;
        while i < ws.len()
            && (matches!(ws[i].tag, "c" | "t" | "d")
                || self.leading_words.iter().any(|x| x == ws[i].text)
                || ws[i].text.chars().all(is_space))
        {
            i += 1;
        }
        // The predicate (or a time word before it: `王建平昨天出席…`; an idiom: `发表声明/l`).
        let verbal = |k: usize| {
            ws.get(k).is_some_and(|w| {
                matches!(w.tag.chars().next(), Some('v' | 'd' | 'p' | 'c'))
                    || matches!(w.tag, "t" | "l" | "i")
            })
        };
        // Also a pronoun of time or frequency before it (`熟客李志强每天/r 都来`).
        let predicate =
            |k: usize| verbal(k) || (ws.get(k).is_some_and(|w| w.tag == "r") && verbal(k + 1));
        // `他的母亲谭素珍很着急`: the noun phrase after a pronoun's `的` is the subject.
        if i + 2 < ws.len() && self.is_pronoun(ws[i].text) && ws[i + 1].tag == "uj" {
            i += 2;
        } else if i < ws.len() && self.is_pronoun(ws[i].text) {
            return if predicate(i + 1) {
                Phrase::Pronoun
            } else {
                Phrase::Not
            };
        }
        // An unnamed source's marker (`有居民…`, `一位…`) opens the noun phrase.
        let mut j = i + usize::from(
            ws.get(i)
                .is_some_and(|w| self.unnamed_markers.iter().any(|m| m == w.text)),
        );
        while j < ws.len() {
            if let Some(e) = self.name_at(&ws, j) {
                j = e;
            } else if ws[j].tag.starts_with('n')
                || matches!(ws[j].tag, "j" | "eng")
                // A source or title word however tagged (`邻居/v 陈秀英`).
                || self.unnamed_words.iter().any(|x| x == ws[j].text)
                || self.title_suffixes.iter().any(|x| x == ws[j].text)
                // `前` before a title is "former" (`美国前/f 总统`), not a locative.
                || (ws[j].text == "前" && ws.get(j + 1).is_some_and(|x| x.tag.starts_with('n')))
            {
                j += 1;
            } else {
                break;
            }
        }
        if j == i
            || !(predicate(j) || (j == ws.len() && trimmed_predicate))
            || !ws[i..j]
                .iter()
                .any(|w| w.tag.starts_with('n') || w.tag == "j" || w.tag == "eng")
        {
            // A description whose words the segmenter tags as verbs (`快递/v 小哥 孙浩`,
            // `返乡/v 创业 青年/t 刘小军`) before a person's name that the predicate follows:
            // the description and the name are the subject.
            return (i + 1..ws.len().min(i + 5))
                .find_map(|k| {
                    let e = self.name_at(&ws, k)?;
                    let description = ws[i..k].iter().all(|w| {
                        (w.tag.starts_with(['n', 'v']) || matches!(w.tag, "t" | "j"))
                            && !is_person_tag(w.tag)
                            && !w.text.chars().all(is_space)
                    }) && ws[i..k].iter().any(|w| w.tag.starts_with('n'))
                        // A title right before the name, not a verb taking it as its object
                        // (`市民感谢孙浩…`).
                        && (ws[k - 1].tag.starts_with('n') || matches!(ws[k - 1].tag, "t" | "j"));
                    (description && predicate(e)).then(|| (ws[i].start, ws[e - 1].end))
                })
                .map_or(Phrase::Not, |(rs, re)| {
                    match self.analyse(&orig[rs..re], &fold[rs..re]) {
                        Phrase::Who(w) if w.kind == SpeakerType::Person => Phrase::Who(w),
                        _ => Phrase::Not,
                    }
                });
        }
        let (rs, re) = (ws[i].start, ws[j - 1].end);
        self.analyse(&orig[rs..re], &fold[rs..re])
    }

    /// Analyse a speaker phrase: `orig` as written and `fold` its folded copy (same layout).
    /// Results are remembered for the document being read (the same phrase is met when
    /// learning speakers, reading turns and finding quotes).
    pub fn analyse(&self, orig: &str, fold: &str) -> Phrase {
        let key = (orig.to_string(), fold.to_string());
        if let Some(p) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
            return p;
        }
        let p = match self.analyse_uncached(orig, fold) {
            Phrase::Who(w) => Phrase::Who(self.role_of(w)),
            p => p,
        };
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() < 4096 {
                c.insert(key, p.clone());
            }
        });
        p
    }

    /// An unnamed source named by an organisation and the role it speaks through
    /// (`财政部有关负责人`; speech.yaml `organisation_roles`): the role is the speaker
    /// (`负责人`), the organisation its `org`. The part before the role must
    /// be an organisation (an organisation suffix, or a word the segmenter tags as one), with
    /// `有关`/`相关` dropped. Members (`美联储官员`) and other speakers are returned as they
    /// are.
    pub(super) fn role_of(&self, w: Who) -> Who {
        if w.kind != SpeakerType::Unnamed {
            return w;
        }
        let Some(role) = self
            .organisation_roles
            .iter()
            .filter(|u| w.key.len() > u.len() && w.key.ends_with(u.as_str()))
            .max_by_key(|u| u.len())
        else {
            return w;
        };
        let pre = &w.key[..w.key.len() - role.len()];
        // (`有关`, `相关`, and a count: `该公司一位高管`.)
        let pre = ["有关", "相关"]
            .iter()
            .find_map(|x| pre.strip_suffix(x))
            .unwrap_or(pre);
        let pre = self
            .unnamed_markers
            .iter()
            .find_map(|x| pre.strip_suffix(x.as_str()))
            .unwrap_or(pre);
        // (`该行`, `该院`: an institution the demonstrative refers back to.)
        let organisation = !pre.is_empty()
            && (Self::ends_with_any(&self.organisation_suffixes, pre)
                || (self.starts_with_demonstrative(pre) && (2..=4).contains(&pre.chars().count()))
                || is_acronym(pre)
                || words(pre)
                    .last()
                    .is_some_and(|x| matches!(x.tag, "nt" | "j") && x.text.chars().count() >= 2));
        if !organisation || w.name.len() != w.key.len() {
            return w;
        }
        let at = w.key.len() - role.len();
        Who {
            name: w.name[at..].to_string(),
            key: role.clone(),
            title: None,
            org: Some(w.name[..pre.len()].to_string()),
            kind: SpeakerType::Unnamed,
        }
    }

    fn analyse_uncached(&self, orig: &str, fold: &str) -> Phrase {
        let (s, e) = self.trim_phrase(fold);
        if s >= e {
            return Phrase::Not;
        }
        let (orig, fold) = (&orig[s..e], &fold[s..e]);
        if self.is_pronoun(fold) {
            return Phrase::Pronoun;
        }
        if phrase_len(fold) > self.max_speaker_chars || self.not_speaker(fold) {
            return Phrase::Not;
        }
        // A leading connector is no part of a name the segmenter would join it to (`但林郑`
        // read as `但林/nr 郑`).
        let c = self.connector_len(fold);
        if c > 0 && fold[c..].chars().count() >= 2 {
            return self.analyse_uncached(&orig[c..], &fold[c..]);
        }
        let ws = words(fold);
        // A relative clause before an unnamed source is no part of it (`一位不愿具名的官员`,
        // `接受采访的业内人士` → `官员`, `业内人士`): a verb, adjective or adverb before the last
        // `的`, and only a word of `unnamed_words` after it.
        if let Some(d) = ws.iter().rposition(|w| w.tag == "uj")
            && d > 0
            && d + 1 < ws.len()
            && (ws[d - 1].tag.starts_with('v') || matches!(ws[d - 1].tag, "a" | "ad" | "d"))
        {
            let at = ws[d + 1].start;
            let rest = fold[at..].trim_matches(is_space);
            if self.unnamed_words.iter().any(|x| x == rest) {
                return Phrase::Who(Who {
                    name: orig[at..].trim_matches(is_space).to_string(),
                    key: rest.to_string(),
                    title: None,
                    org: None,
                    kind: SpeakerType::Unnamed,
                });
            }
        }
        // Adverbs and a prepositional adjunct after the subject are not part of it
        // (`社区书记竟公然`, `周阿婆还对他们`, `她在社交媒体`, `李先生无奈地`): cut them and
        // analyse what precedes.
        if let Some(cut) = self.adjunct_start(&ws)
            && ws[cut].start > 0
        {
            let e = ws[cut].start;
            return self.analyse_uncached(&orig[..e], &fold[..e]);
        }
        // A demonstrative before an organisation or unnamed source refers back to one
        // (`该公司`, `该营业部人士`; `该院`, `该行`, `该校`: an institution by one character,
        // which the segmenter joins to the demonstrative).
        if let Some(d) = self
            .demonstratives
            .iter()
            .find(|d| fold.starts_with(d.as_str()) && fold.len() > d.len())
        {
            let rest = fold[d.len()..].trim_matches(is_space);
            let rest_ws = words(rest);
            let institution = rest
                .chars()
                .next()
                .is_some_and(|c| c.script() == Script::Han)
                && ws
                    .first()
                    .is_some_and(|w| w.text.len() > d.len() && w.tag == "r");
            // A title after it is its role (`该局局长`, `该公司发言人`).
            let unnamed = self
                .unnamed_words
                .iter()
                .any(|x| rest.ends_with(x.as_str()))
                || self.ends_with_title(rest);
            let org = Self::ends_with_any(&self.organisation_suffixes, rest)
                || (institution && rest.chars().count() == 1);
            // Nouns (the segmenter tags `发言人` an idiom).
            // (`相关`, `有关` before a role: `该公司相关负责人`.)
            // (A verbal noun before the noun: `上述分析/vn 人士`.)
            let plain = rest_ws.iter().all(|w| {
                w.tag.starts_with('n')
                    || matches!(w.tag, "j" | "q" | "m" | "b" | "eng" | "ng" | "l")
                    || (w.tag == "vn" && w.end < rest.len())
                    || matches!(w.text, "相关" | "有关")
            }) || institution;
            // An organisation's role after it (`该公司相关负责人`, `该公司一位高管`): the
            // demonstrative stays with the organisation, for the quote finder to resolve.
            let role_of_org = self
                .organisation_roles
                .iter()
                .any(|r| rest.len() > r.len() && rest.ends_with(r.as_str()));
            if (unnamed || org) && plain && (1..=10).contains(&rest.chars().count()) {
                // An unnamed source is its noun (`该营业部人士` → `营业部人士`; but `该校负责人`
                // stays whole); an organisation keeps the demonstrative, for the quote finder
                // to resolve (`该公司`).
                let from = if unnamed && !institution && !role_of_org {
                    d.len()
                } else {
                    0
                };
                return Phrase::Who(Who::source(&orig[from..], &fold[from..], unnamed));
            }
        }
        // Skip connectors and markers of an unnamed source at the start (`此外`, `据`, `有`,
        // `一位`, `该`).
        let mut i = 0;
        let mut unnamed_marker = false;
        // A count before the noun (`17家`, `多数`, `两名`; not a date's `1月21日`).
        let mut counted = false;
        while i < ws.len() {
            let w = ws[i];
            let marker = self.unnamed_markers.iter().any(|x| x == w.text);
            let skip = marker
                || self.leading_words.iter().any(|x| x == w.text)
                || matches!(w.tag, "c" | "p" | "m" | "q" | "mq" | "uj")
                || w.text
                    .chars()
                    .all(|c| is_space(c) || (!c.is_alphanumeric() && c != '·'));
            if !skip || self.name_at(&ws, i).is_some() {
                break;
            }
            unnamed_marker |= marker;
            // (A numbered heading is no count: `一、指标解释`.)
            let punct_only = !w.text.chars().any(char::is_alphanumeric);
            counted = !punct_only
                && (counted
                    || marker
                    || matches!(w.tag, "q" | "mq")
                    || (w.tag == "m"
                        && !w.text.chars().all(|c| c.is_ascii_digit())
                        && w.text.chars().any(|c| {
                            c.is_ascii_digit()
                                || "〇零一二三四五六七八九十百千万两几数多余半".contains(c)
                        })
                        && !w.text.ends_with(['日', '月', '年', '号', '时', '点'])));
            i += 1;
        }
        if i >= ws.len() {
            return Phrase::Not;
        }
        // A group counted before its noun (`17家券商`, `多数券商`, `两名男子`): the noun, one or
        // two common nouns to the end of the phrase, is an unnamed source (an organisation when
        // it ends with an organisation's suffix: `多家机构`). Without the count a bare noun is
        // no speaker (`券商表示` is left alone).
        if counted
            && i > 0
            && ws.len() - i <= 2
            && ws[i..]
                .iter()
                .all(|w| matches!(w.tag, "n" | "j" | "ns" | "nz" | "nt"))
            && matches!(ws[ws.len() - 1].tag, "n" | "j")
            && (i..ws.len()).all(|k| self.name_at(&ws, k).is_none())
        {
            let rest = fold[ws[i].start..].trim_matches(is_space);
            if (2..=6).contains(&rest.chars().count())
                && !self.not_speaker(rest)
                && !self.names_document(rest)
            {
                let at = fold.len() - fold[ws[i].start..].trim_start_matches(is_space).len();
                let org = Self::ends_with_any(&self.organisation_suffixes, rest);
                return Phrase::Who(Who::source(&orig[at..], rest, !org));
            }
        }
        // The whole phrase is a name the segmenter splits into words it reads as others (`谢/v
        // 启明/v`, `高志/n 刚/d`, `万家/m 宁/j`): two or three Chinese characters after a
        // surname, no dictionary word together, none a character that ends no name, no
        // function word among them. (One word alone is left to the segmenter: `高管/n` is a
        // word it does not know, no name.)
        if i == 0 && (2..=3).contains(&ws.len()) && self.split_name(&ws) {
            return Phrase::Who(Who::named_at(
                orig.trim_matches(is_space),
                fold.trim_matches(is_space),
            ));
        }
        if self.is_pronoun(ws[i].text) {
            // `她的代表律师`, `他的母亲`: someone related to the referent, not the referent —
            // the phrase after `的` says who (or nobody that can be told).
            if ws.get(i + 1).is_some_and(|w| w.tag == "uj")
                && let Some(next) = ws.get(i + 2)
            {
                return match self.analyse_uncached(&orig[next.start..], &fold[next.start..]) {
                    Phrase::Pronoun => Phrase::Not,
                    p => p,
                };
            }
            // `其唱片公司发言人`, `其妻子`: `其` before a noun is "its"/"his" — the noun phrase
            // says who speaks, as after `他的`.
            if ws[i].text == "其"
                && let Some(next) = ws.get(i + 1)
                && next.tag.starts_with('n')
            {
                return match self.analyse_uncached(&orig[next.start..], &fold[next.start..]) {
                    Phrase::Pronoun => Phrase::Not,
                    p => p,
                };
            }
            // `他在会上` → the pronoun.
            return Phrase::Pronoun;
        }
        // The subject: nominal words from here.
        // (A verbal noun joined to the next noun names what an office does: `运输/vn 及/c
        // 房屋/n 局局长/n`, `劳工/vn 及/c 福利/ns 局/n`; elsewhere it is a noun of the predicate
        // or a determiner: `上述/vn`.)
        let joined_at = |end: usize| {
            let rest = &fold[end..];
            self.joiners
                .iter()
                .any(|j| rest.starts_with(j.as_str()) && rest.len() > j.len())
        };
        let nominal = |w: &Word| {
            let t = w.tag;
            t.starts_with('n')
                || (t == "vn" && joined_at(w.end))
                || matches!(t, "j" | "eng" | "b" | "nz")
                || (t == "x"
                    && w.text
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '·' || c == '.'))
                || self.title_suffixes.iter().any(|x| x == w.text)
                || self
                    .unnamed_words
                    .iter()
                    .any(|x| w.text.ends_with(x.as_str()))
                || (t == "l" && self.ends_with_title(w.text))
        };
        // A name (or names joined by `、`) ending the phrase wins: `保安局局长李家超`, also before
        // a title word (`马宣立医生`).
        let mut j = ws.len();
        let mut name_start = self.name_ending(&ws, i, j);
        // After a copula or an agent marker the name is no subject: `口号是2016年由梁天琦`
        // (提出) is a clause about the slogan.
        if name_start.is_some_and(|k| self.after_copula(&ws[i..k])) {
            return Phrase::Not;
        }
        // A cleft or an agent marker is no part of a title (`当时是王立群`, `最后由王立群`).
        if let Some(k) = name_start
            && let Some(c) = ws[i..k].iter().rposition(|w| matches!(w.text, "是" | "由"))
        {
            i += c + 1;
        }
        // A title word after the name (`陳文敏教授`, `马宣立医生`): the title when none
        // precedes the name.
        // A form of address after a full name (`陳文敏先生`, `李娟女士`) is no part of it.
        let mut title_after = None;
        let address = |w: &Word| self.name_address_words.iter().any(|a| a == w.text);
        if name_start.is_none()
            && j >= 2
            && (self.title_suffixes.iter().any(|t| t == ws[j - 1].text) || address(&ws[j - 1]))
            && let Some(k) = self.name_ending(&ws, i, j - 1)
            && (!address(&ws[j - 1]) || ws[j - 2].end - ws[k].start >= 6)
        {
            name_start = Some(k);
            j -= 1;
            title_after = (!address(&ws[j])).then(|| ws[j].start..ws[j].end);
        }
        if name_start.is_none() {
            // Else the subject run from the start, adjuncts after it dropped (`拜登在…中`).
            j = i;
            while j < ws.len() {
                let w = &ws[j];
                if let Some(e) = self.name_at(&ws, j) {
                    j = e;
                    continue;
                }
                let joins = self.joiners.iter().any(|x| x == w.text)
                    || w.text == " "
                    || w.text == "·"
                    || w.tag == "uj";
                let joined = joins
                    && j > i
                    && j + 1 < ws.len()
                    && (nominal(&ws[j + 1]) || self.name_at(&ws, j + 1).is_some());
                // A title's prefix the segmenter reads as a locative opens the subject (`前/f
                // 特首梁振英昨日在…撰文`).
                let prefix = j == i && w.tag == "f" && ws.get(j + 1).is_some_and(&nominal);
                if !(nominal(w) || joined || prefix) {
                    break;
                }
                j += 1;
            }
            if j < ws.len() || j == i {
                // The segmenter may tag a word of a source or organisation as a verb or a time
                // (`分析/vn 人士`, `冬/t 奥组委`): a short phrase ending with an unnamed-source
                // word or an organisation suffix is one, as a whole.
                // A place or organisation before the marker of an unnamed source qualifies it
                // (`上海一位分析人士` → `分析人士`).
                let mut i = (i + 1..ws.len().saturating_sub(1))
                    .rev()
                    .find(|&m| self.unnamed_markers.iter().any(|x| x == ws[m].text))
                    .map_or(i, |m| m + 1);
                // A time before it is no part of it (`当日下午游戏公司`, `3日晚间外交部`, `现/tg
                // 当地森林公安`).
                while i + 1 < ws.len()
                    && (matches!(ws[i].tag, "t" | "tg")
                        || (ws[i].tag == "m" && matches!(ws[i + 1].tag, "t" | "m")))
                {
                    i += 1;
                }
                // After an unnamed source's marker, a short relative clause before the source
                // word qualifies it (`一位不愿具名的教授` → `教授`).
                if i > 0
                    && self.unnamed_markers.iter().any(|x| x == ws[i - 1].text)
                    && let Some(d) = (i..ws.len().saturating_sub(1))
                        .rev()
                        .find(|&m| ws[m].text == "的")
                    && ws[i].start < ws[d].start
                    && fold[ws[i].start..ws[d].start].chars().count() <= 8
                {
                    i = d + 1;
                }
                let rest = fold[ws[i].start..].trim_matches(is_space);
                let n = rest.chars().count();
                // After a marker (`一位…私募基金经理`), a title word heads an unnamed source too.
                let marked = i > 0
                    && ws[..i]
                        .iter()
                        .any(|w| self.unnamed_markers.iter().any(|x| x == w.text));
                let unnamed = self
                    .unnamed_words
                    .iter()
                    .any(|x| rest.ends_with(x.as_str()))
                    || (marked && self.ends_with_title(rest));
                let org = Self::ends_with_any(&self.organisation_suffixes, rest);
                // (`某/r` opens a description: `某头部券商分析师`.)
                let clause = ws[i..]
                    .iter()
                    .enumerate()
                    .filter(|(x, w)| !(*x == 0 && w.text == "某"))
                    .any(|(_, w)| {
                        matches!(w.tag.chars().next(), Some('p' | 'd' | 'c' | 'u' | 'r'))
                    });
                if (unnamed || org)
                    && !clause
                    && (2..=12).contains(&n)
                    && !self.not_speaker(rest)
                    && !self.names_document(rest)
                {
                    let at = fold.len() - fold[ws[i].start..].trim_start_matches(is_space).len();
                    let mut w = Who::source(&orig[at..], rest, unnamed);
                    if self.is_addressed(rest) {
                        w.kind = SpeakerType::Person;
                    }
                    return Phrase::Who(w);
                }
            }
            if j == i {
                return Phrase::Not;
            }
            name_start = self.name_ending(&ws, i, j);
        }
        let (rs, re) = (ws[i].start, ws[j - 1].end);
        let run_fold = &fold[rs..re];
        if let Some(mut k) = name_start {
            let re = ws[j - 1].end;
            // A transliterated name extends left over transliteration characters.
            let translit = |t: &str| t.chars().all(|c| self.transliteration.contains(&c));
            if (k..j).all(|x| translit(ws[x].text)) {
                while k > i
                    && translit(ws[k - 1].text)
                    && !self.ends_with_title(ws[k - 1].text)
                    && !self.joiners.iter().any(|x| x == ws[k - 1].text)
                {
                    k -= 1;
                }
                // A first given name joined by a hyphen, of any characters (`让-吕克·莫雷尔`).
                if k > i
                    && matches!(ws[k].text, "-" | "－" | "‐")
                    && ws[k - 1].text.chars().count() <= 3
                    && ws[k - 1].text.chars().all(|c| c.script() == Script::Han)
                    && !self.ends_with_title(ws[k - 1].text)
                {
                    k -= 1;
                }
            }
            // Names joined by `、`/`和`: `黄程灏、蓝正宏` is one speaker phrase. The joiner
            // words' byte ranges, to write the names as a list with `、` (`葉劉淑儀及葉國謙` →
            // `葉劉淑儀、葉國謙`), as one writes several speakers of one quote.
            // The later name may have its own title between (`首席技术官林晓和副总裁赵一鸣`): the
            // joiner and that title are left out of the list.
            let mut joined: Vec<(usize, usize)> = Vec::new();
            loop {
                let mut jk = k;
                // (A title word, and a prefix the segmenter splits off before one: `副/b 市长`.)
                while jk > i + 1
                    && jk + 3 >= k
                    && ((ws[jk - 1].text.chars().count() >= 2
                        && self.ends_with_title(ws[jk - 1].text))
                        || (jk < k && ws[jk - 1].tag == "b"))
                {
                    jk -= 1;
                }
                if !(jk >= i + 2
                    && (self.joiners.iter().any(|x| x == ws[jk - 1].text)
                        || ws[jk - 1].text == "和"))
                {
                    break;
                }
                let Some(k2) = self.name_ending(&ws, i, jk - 1) else {
                    break;
                };
                joined.push((ws[jk - 1].start, ws[k - 1].end));
                k = k2;
            }
            let mut ns = ws[k].start;
            // A transliterated name written with `·` (`埃隆·马斯克`, `乔治·华盛顿`) is one name:
            // the part before the dot joins it, back to a title word (`首席执行官埃隆·马斯克`)
            // or a character that ends no name.
            let dot_at = if fold[ns..].starts_with('·') {
                Some(ns)
            } else if fold[..ns].ends_with('·') {
                Some(ns - '·'.len_utf8())
            } else {
                None
            };
            if let Some(dot) = dot_at {
                let mut at = dot;
                let mut n = 0;
                while let Some(c) = fold[..at].chars().next_back() {
                    let mut b = [0u8; 4];
                    // A hyphen between transliterated given names (`让-吕克·莫雷尔`).
                    let hyphen = matches!(c, '-' | '－' | '‐')
                        && n > 0
                        && fold[..at - c.len_utf8()]
                            .chars()
                            .next_back()
                            .is_some_and(|p| p.script() == Script::Han);
                    if hyphen {
                        at -= c.len_utf8();
                        continue;
                    }
                    if n >= 6
                        || c.script() != Script::Han
                        || self.ends_with_title(&fold[..at])
                        || self
                            .name_stop_chars
                            .iter()
                            .any(|x| x == c.encode_utf8(&mut b))
                    {
                        break;
                    }
                    at -= c.len_utf8();
                    n += 1;
                }
                if n > 0 {
                    ns = at;
                }
            }
            // `主任何立平` segmented `主/任何/立平`: a two-character name without a surname
            // takes the surname character before it when what remains still ends with a title.
            // Not when the word before already ends with a title (`主教练/琼斯`: `练` ends
            // `教练`, no name starts there).
            if fold[ns..re].chars().count() == 2
                && !self.is_surname_start(&fold[ns..re])
                && !self.ends_with_title(&fold[..ns])
                && let Some((p, c)) = fold[..ns].char_indices().next_back()
            {
                let mut b = [0u8; 4];
                if self.is_surname_start(c.encode_utf8(&mut b)) && self.ends_with_title(&fold[..p])
                {
                    ns = p;
                }
            }
            // `主理人何静` segmented `主理/人何静`: the name's first character ends a title with
            // the word before it; the name is what follows, when that starts with a surname.
            // (The first name's end: several names may follow, `官林晓/nr 和 副总裁 赵一鸣`.)
            let fe = self.name_at(&ws, k).map_or(re, |e| ws[e - 1].end);
            if let Some(c) = fold[ns..fe].chars().next()
                && (3..=4).contains(&fold[ns..fe].chars().count())
                && ns > rs
                && self.ends_with_title(&fold[rs..ns + c.len_utf8()])
                && !self.ends_with_title(&fold[rs..ns])
                && self.is_surname_start(&fold[ns + c.len_utf8()..fe])
            {
                ns += c.len_utf8();
            }
            // What precedes the name in the subject is its title or organisation, without
            // adverbs, time words, prepositions or verbs before it.
            let mut bs = rs.min(ns);
            let mut x = i;
            // Not the clause a name is the object of (`记者昨天采访了市长王建平`).
            let k_name = ws.iter().position(|w| w.end > ns).unwrap_or(ws.len());
            if k_name > i {
                let c = self.after_clause(&ws[i..k_name]);
                if c > 0 {
                    x = i + c;
                    bs = ws.get(x).map_or(ns, |w| w.start).min(ns);
                }
            }
            while x < ws.len()
                && ws[x].end <= ns
                && !ws[x].text.starts_with('某')
                && (matches!(
                    ws[x].tag.chars().next(),
                    Some('d' | 't' | 'c' | 'p' | 'r' | 'm' | 'q' | 'u' | 'y')
                ) && !self
                    .title_suffixes
                    .iter()
                    .any(|t| ws[x].text.ends_with(t.as_str())))
            {
                x += 1;
                bs = ws.get(x).map_or(ns, |w| w.start).min(ns);
            }
            let before = orig[bs..ns].trim_matches(is_space);
            let before_fold = fold[bs..ns].trim_matches(is_space);
            let (ps, pe) = self.post_title(before_fold);
            let ps = ps + self.second_party(&before_fold[ps..pe]);
            let (before, before_fold) = (&before[ps..pe], &before_fold[ps..pe]);
            // `港大的陳文敏教授`: the organisation without its `的`.
            let (before, before_fold) = match before_fold.strip_suffix('的') {
                Some(b) if title_after.is_some() => (
                    before[..b.len()].trim_matches(is_space),
                    b.trim_matches(is_space),
                ),
                _ => (before, before_fold),
            };
            let (title, org) = if before.is_empty() {
                (title_after.map(|r| orig[r].to_string()), None)
            } else if self
                .title_suffixes
                .iter()
                .any(|t| before_fold.contains(t.as_str()))
            {
                (Some(before.to_string()), None)
            } else {
                (
                    title_after.map(|r| orig[r].to_string()),
                    Some(before.to_string()),
                )
            };
            // Several names: joined by `、`.
            let listed = |t: &str| {
                let mut out = String::new();
                let mut at = ns;
                for &(js, je) in joined.iter().rev().filter(|(js, _)| *js >= ns) {
                    out.push_str(&t[at..js]);
                    out.push('、');
                    at = je;
                }
                out.push_str(&t[at..re]);
                out.trim_matches(is_space).to_string()
            };
            return Phrase::Who(Who {
                name: listed(orig),
                key: listed(fold),
                title,
                org,
                kind: SpeakerType::Person,
            });
        }
        if self.not_speaker(run_fold) || self.names_document(run_fold) {
            return Phrase::Not;
        }
        let last = &ws[j - 1];
        let name = orig[rs..re].trim_matches(is_space).to_string();
        let key = run_fold.trim_matches(is_space).to_string();
        let kind = if self.is_addressed(&key) {
            SpeakerType::Person
        } else if self.unnamed_words.iter().any(|x| key.ends_with(x.as_str())) {
            SpeakerType::Unnamed
        } else if matches!(last.tag, "nt" | "ns" | "j" | "nz")
            || Self::ends_with_any(&self.organisation_suffixes, &key)
            || is_acronym(&key)
        {
            SpeakerType::Organisation
        } else if self.ends_with_title(&key) || unnamed_marker {
            // A title without a name (`发言人`, `外交部发言人`).
            SpeakerType::Unnamed
        } else {
            return Phrase::Not;
        };
        Phrase::Who(Who {
            name,
            key,
            title: None,
            org: None,
            kind,
        })
    }

    /// Full foreign names wherever they are written (`伊万杰琳·莉莉` — transliteration
    /// characters joined by `·` — and Latin `Scott Johnston`), so that a later short form
    /// (`莉莉`, `Johnston`) resolves to the whole name ([`Registry::expand`]) even when the
    /// full name was never a speaker.
    pub fn scan_full_names(&self, units: &[super::text::Unit], registry: &mut Registry) {
        let translit = |c: char| c != '·' && self.transliteration.contains(&c);
        for u in units.iter().filter(|u| u.carries_quotes()) {
            let f = u.fold.as_str();
            for (dot, _) in f.match_indices('·') {
                let left = f[..dot].len() - f[..dot].trim_end_matches(translit).len();
                let rest = &f[dot + '·'.len_utf8()..];
                let right = rest.len() - rest.trim_start_matches(translit).len();
                if left == 0 || right == 0 || f[..dot - left].ends_with(translit) {
                    continue;
                }
                let (s, e) = (dot - left, dot + '·'.len_utf8() + right);
                // Only the first two parts (`约翰·奇普曼`); a longer name is learned whole.
                if f[e..].starts_with('·') {
                    continue;
                }
                registry.learn(&Who::named_at(u.orig(s..e), &f[s..e]));
            }
            // Capitalised Latin words of letters with or without diacritics (`Agustín`).
            let at = |j: usize| f[j..].chars().next();
            let word_start = |j: usize| {
                at(j).is_some_and(|c| c.is_uppercase() && is_latin_letter(c))
                    && !f[..j]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                    && f[j..]
                        .chars()
                        .nth(1)
                        .is_some_and(|c| c.is_lowercase() && is_latin_letter(c))
            };
            let word_end = |j: usize| {
                let first = at(j).map_or(1, char::len_utf8);
                j + first
                    + f[j + first..]
                        .chars()
                        .take_while(|&c| c.is_lowercase() && is_latin_letter(c))
                        .map(char::len_utf8)
                        .sum::<usize>()
            };
            let mut i = 0;
            while i < f.len() {
                if !word_start(i) {
                    i += at(i).map_or(1, char::len_utf8);
                    continue;
                }
                let (s, mut e) = (i, word_end(i));
                let mut parts = 1;
                while f[e..].starts_with(' ') && word_start(e + 1) {
                    e = word_end(e + 1);
                    parts += 1;
                }
                // In Chinese text, not inside English prose (`As Docker gains …`).
                let letter_after = f[e..]
                    .trim_start_matches(' ')
                    .starts_with(|c: char| c.is_ascii_digit() || is_latin_letter(c));
                let lower_before = f[..s]
                    .trim_end_matches(' ')
                    .ends_with(|c: char| c.is_lowercase() && is_latin_letter(c));
                if (2..=3).contains(&parts) && !letter_after && !lower_before {
                    registry.add_full(Who::named_at(u.orig(s..e), &f[s..e]));
                }
                i = e;
            }
        }
    }

    /// The byte range of a person's name right after the first `的` of a clause, with the role
    /// words between (`家住东城区的市民王建国` → `市民王建国`), when a verb or a preposition
    /// follows it, time words and adverbs aside (`今年58岁的陈建国是…` → `陈建国`); none when
    /// the clause goes on with a noun after the name (`张三的儿子说`) or nothing follows it.
    fn name_after_modifier(&self, fold: &str) -> Option<(usize, usize)> {
        // Cheap test first: a surname or a transliteration's character right after the first
        // `的` (`陈建国`, `法比奥`).
        let de = fold.find('的')?;
        let after = &fold[de + '的'.len_utf8()..];
        // (Within the first eight characters: a role word may come first, `的市民王建国`.)
        if !after
            .char_indices()
            .take(8)
            .any(|(i, c)| self.is_surname_start(&after[i..]) || self.transliteration.contains(&c))
        {
            return None;
        }
        let ws = words(fold);
        let j = ws.iter().position(|w| w.text == "的")?;
        // Up to three words of a role or title between `的` and the name (`家住东城区的市民
        // 王建国`, `62岁的种粮大户马振华`): nouns the name follows right away.
        let mut k = j + 1;
        while k < ws.len().min(j + 4)
            && self.name_at(&ws, k).is_none()
            && (ws[k].tag.starts_with('n') || ws[k].tag == "j")
            && !is_person_tag(ws[k].tag)
        {
            k += 1;
        }
        let e = self.name_at(&ws, k)?;
        // Time words and adverbs may come before the verb (`陈建国今年又扩种了…`), and the
        // predicate may open with a preposition (`今年58岁的黄德明在这条街上修了…`,
        // `現年72歲的黃伯在深水埗住了…`, `…的王芳对记者说`).
        let next = ws[e..]
            .iter()
            .find(|w| !(w.tag.starts_with('t') || w.tag.starts_with('d')))?;
        (next.tag.starts_with('v') || next.tag == "p" || next.text == "是")
            .then(|| (ws[j + 1].start, ws[e - 1].end))
    }

    /// Short names the document uses at least twice as the subject of a speech verb, right at
    /// a clause's start (`記協指出，…`, `記協亦都憂慮…`, `風雨蘭稱…`, `風雨蘭批評…`), folded:
    /// names of organisations and their abbreviations that no dictionary has, so that the
    /// segmenter splits them or reads them as verbs. A candidate is 2–4 Han characters after
    /// adverbs are cut off; pronouns, demonstratives, documents (`speech.document_nouns`:
    /// `通知`, `判決書`), one common noun of the dictionary (`會議`, `數據`) and phrases with
    /// a time word, adverb, conjunction, preposition, pronoun, numeral or particle (`同時`,
    /// `對此`, `目前`) are not names. Two uses, not one: a single clause start is as likely a
    /// predicate's fragment. Returned sorted; empty without speech verbs.
    pub fn scan_recurring_subjects(&self, units: &[super::text::Unit]) -> Vec<String> {
        let Some(ac) = self.verb_ac.as_ref() else {
            return Vec::new();
        };
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for u in units.iter().filter(|u| u.carries_quotes()) {
            let f = u.fold.as_str();
            for m in ac.find_iter(f) {
                let before = &f[..m.start()];
                let x = trim_adverbs(
                    before[super::text::clause_start(before)..].trim_start_matches(is_space),
                );
                let n = x.chars().count();
                if !(2..=4).contains(&n)
                    || !x.chars().all(|c| {
                        unicode_script::UnicodeScript::script(&c) == unicode_script::Script::Han
                    })
                    || self.pronouns.iter().any(|p| x.starts_with(p.as_str()))
                    || self.starts_with_demonstrative(x)
                    // A document speaks only through its writer (`通知强调`, `判决书指出`).
                    || self.names_document(x)
                {
                    continue;
                }
                *counts.entry(x).or_default() += 1;
            }
        }
        let mut names: Vec<String> = counts
            .into_iter()
            .filter(|(_, c)| *c >= 2)
            .map(|(x, _)| x)
            .filter(|x| {
                let ws = words(x);
                // One word the dictionary has as a common noun (`会议强调`, `数据显示`) is a
                // thing, not a name.
                !(ws.len() == 1 && (ws[0].tag.starts_with('n') || ws[0].tag == "vn"))
                    && !ws.iter().any(|w| {
                        matches!(
                            w.tag.chars().next(),
                            Some('t' | 'd' | 'c' | 'p' | 'r' | 'm' | 'u' | 'f' | 'q')
                        )
                    })
            })
            .map(str::to_string)
            .collect();
        names.sort();
        names
    }

    /// Learn the people sentences open with: the first clause of each sentence of a prose unit
    /// (up to 24 characters) whose subject is a person's name followed by its predicate
    /// (`王建平昨天出席了股东大会`, `另一位受访者、投资人赵思远则持不同看法`). Pronouns after them
    /// refer to them ([`Registry::last_named`]). Organisations and unnamed sources are not
    /// learned.
    pub fn scan_sentence_subjects(&self, units: &[super::text::Unit], registry: &mut Registry) {
        const ENDS: [char; 5] = ['。', '！', '？', '!', '?'];
        const CLAUSE: [char; 12] = [
            '，', ',', '；', ';', '：', ':', '“', '”', '「', '」', '（', '(',
        ];
        for u in units.iter().filter(|u| u.is_prose()) {
            let f = u.fold.as_str();
            let mut from = 0;
            while from < f.len() {
                let end = f[from..].find(ENDS).map_or(f.len(), |i| from + i);
                let next = end + f[end..].chars().next().map_or(0, char::len_utf8);
                // After a quotation (`…。”随后，张一鸣上台。`): the closing mark and a leading
                // adverbial set off by a comma are no part of the sentence's subject.
                let body = end
                    - f[from..end]
                        .trim_start_matches(['”', '」', '』', ' '])
                        .len();
                let at = body + self.leading_adjunct(&f[body..end]);
                let clause_end = f[at..end].find(CLAUSE).map_or(end, |i| at + i);
                let cut = f[at..clause_end]
                    .char_indices()
                    .nth(24)
                    .map_or(clause_end, |(i, _)| at + i);
                let subject = if cut > at {
                    self.clause_subject(&u.text[at..cut], &f[at..cut])
                } else {
                    Phrase::Not
                };
                // A subject after a modifier closed by `的` (`今年58岁的陈建国是…`, `身为教师的
                // 王芳说…`): the name right after `的`, before the predicate.
                let subject = match subject {
                    Phrase::Who(w) => Phrase::Who(w),
                    _ if cut > at => {
                        self.name_after_modifier(&f[at..cut])
                            .map_or(Phrase::Not, |(s, e)| {
                                match self.analyse(&u.text[at + s..at + e], &f[at + s..at + e]) {
                                    Phrase::Who(w) if w.kind == SpeakerType::Person => {
                                        Phrase::Who(w)
                                    }
                                    _ => Phrase::Not,
                                }
                            })
                    }
                    other => other,
                };
                match subject {
                    Phrase::Who(w)
                        if w.kind == SpeakerType::Person && w.key.chars().count() >= 2 =>
                    {
                        registry.learn(&w);
                    }
                    // A reporter's sentence (`记者随后采访了邻居张阿姨`, `記者致電陳先生查詢`):
                    // the person it names after a contact verb (`reporter_contact_verbs`) is
                    // whom pronouns after it refer to.
                    Phrase::Who(w)
                        if !self.reporter_word.is_empty()
                            && w.key.ends_with(self.reporter_word.as_str()) =>
                    {
                        let ws = words(&f[at..cut]);
                        if let Some(v) = ws
                            .iter()
                            .position(|x| self.reporter_contact_verbs.iter().any(|c| c == x.text))
                        {
                            let object = (v + 1..ws.len()).find_map(|k| {
                                let e = self.name_at(&ws, k)?;
                                let (s, e) = (at + ws[k].start, at + ws[e - 1].end);
                                match self.analyse(
                                    &u.text[at + ws[v + 1].start..e],
                                    &f[at + ws[v + 1].start..e],
                                ) {
                                    Phrase::Who(p)
                                        if p.kind == SpeakerType::Person && p.key == f[s..e] =>
                                    {
                                        Some(p)
                                    }
                                    _ => None,
                                }
                            });
                            if let Some(p) = object {
                                registry.learn(&p);
                            }
                        }
                    }
                    _ => {}
                }
                from = next;
            }
        }
        // Which gendered pronoun the document uses for whom: the one known person named
        // between a gendered pronoun and the previous one (or its sentence's start), `…但蔡若莲
        // 一直回避问题，质疑她上任后…`.
        registry.gendered = self.pronoun_excludes.keys().cloned().collect();
        let gendered: Vec<&str> = self.pronoun_excludes.keys().map(String::as_str).collect();
        for u in units.iter().filter(|u| u.is_prose()) {
            for sentence in u.fold.split(['。', '！', '？', '!', '?']) {
                let mut hits: Vec<(usize, &str)> = gendered
                    .iter()
                    .flat_map(|p| sentence.match_indices(*p))
                    .filter(|(i, p)| !sentence[i + p.len()..].starts_with('们'))
                    .collect();
                hits.sort_unstable();
                let mut from = 0;
                for (at, p) in hits {
                    let span = &sentence[from..at];
                    from = at + p.len();
                    let mut named = registry
                        .known
                        .iter()
                        .filter(|k| span.contains(k.key.as_str()))
                        .map(|k| k.key.clone());
                    let Some(key) = named.next() else { continue };
                    if named.next().is_some() {
                        continue;
                    }
                    // Not when the pronoun is inside quoted words, when someone else is named
                    // in between (`会见了陈美玲，并向她…`), or when words are reported in between
                    // (`谈到女儿时说，她…`: the pronoun is in what he says).
                    let depth = sentence[..at]
                        .chars()
                        .map(|c| match c {
                            '“' | '「' | '『' => 1i32,
                            '”' | '」' | '』' => -1,
                            _ => 0,
                        })
                        .sum::<i32>();
                    let after_name = &span[span.find(key.as_str()).map_or(0, |i| i + key.len())..];
                    let someone_else = super::segment::words(span).iter().any(|w| {
                        is_person_tag(w.tag) && !key.contains(w.text) && !w.text.contains(&*key)
                    });
                    if depth > 0 || someone_else || !self.cue_matches(after_name).is_empty() {
                        continue;
                    }
                    if !registry.referred.iter().any(|(k, q)| k == &key && q == p)
                        && registry.referred.len() < MAX_KNOWN
                    {
                        registry.referred.push((key, p.to_string()));
                    }
                }
            }
        }
    }

    /// A title in apposition after a name that ends at byte `at` of `fold`: `王强（中国人民大学
    /// 教授）`, `王强，现任中国人民大学教授，…`, or after a post verb right after the name
    /// (`王强是中国人民大学教授`, `王强现任…`; speech.yaml `post_verbs`) — the title's byte range
    /// in `fold`, when the apposition (up to 30 characters, its post verb excluded) ends with a
    /// title word and holds no clause ([`Self::after_clause`]). A former post (`曾任…`,
    /// `former_post_verbs`) is none; the part after it may give the present one.
    pub(super) fn apposition(&self, fold: &str, at: usize) -> Option<(usize, usize)> {
        let rest = &fold[at..];
        let open = rest.chars().next()?;
        const CLAUSE: &[char] = &['，', ',', '。', '；', ';', '：', ':'];
        let (body, closers): (usize, &[char]) = match open {
            '（' => (at + open.len_utf8(), &['）']),
            '(' => (at + open.len_utf8(), &[')']),
            '，' | ',' => (at + open.len_utf8(), CLAUSE),
            _ if self.post_verbs.iter().any(|p| rest.starts_with(p.as_str())) => (at, CLAUSE),
            _ => return None,
        };
        let open_clause = closers == CLAUSE;
        let end = match fold[body..].find(closers) {
            Some(i) => body + i,
            None if open_clause => fold.len(),
            None => return None,
        };
        if self
            .former_post_verbs
            .iter()
            .any(|p| fold[body..end].starts_with(p.as_str()))
        {
            return (open_clause && end < fold.len())
                .then(|| self.apposition(fold, end))
                .flatten();
        }
        let mut start = body;
        if let Some(p) = self
            .post_verbs
            .iter()
            .find(|p| fold[start..end].starts_with(p.as_str()))
        {
            start += p.len();
        }
        let seg = fold[start..end].trim_end_matches(is_space);
        let n = seg.chars().count();
        if !(2..=30).contains(&n) || !self.ends_with_title(seg) {
            return None;
        }
        // Someone's relation to a person is no post (`王强是我的老师`, `他的律师`).
        let ws = words(seg);
        (self.after_clause(&ws) == 0 && !ws.iter().any(|w| w.tag == "r" || w.tag == "uj"))
            .then_some((start, start + seg.len()))
    }

    /// The person whose name ends at byte `at` of `fold` (within the 8 characters before it),
    /// as a speaker without title: the name's byte range.
    pub(super) fn name_before(&self, fold: &str, at: usize) -> Option<(usize, usize)> {
        let from = fold[..at].char_indices().rev().nth(7).map_or(0, |(i, _)| i);
        let ws = words(&fold[from..at]);
        let k = self.name_ending(&ws, 0, ws.len())?;
        Some((from + ws[k].start, at))
    }

    /// Where the second of two people's phrases starts in `t` (a title run before a name):
    /// after a last `及`/`和`/`与` when the part before it ends with a title word or a name
    /// (`教育局局长和市长` → `市长`), not inside an organisation's name (`運輸及房屋局局長`,
    /// `政制及內地事務局`). 0 when there is none.
    pub(super) fn second_party(&self, t: &str) -> usize {
        t.rfind(['及', '和', '与'])
            .filter(|&i| self.ends_with_title(&t[..i]) || self.name_before(t, i).is_some())
            .map_or(0, |i| i + '和'.len_utf8())
    }

    /// The title inside a phrase before a name that a post verb opens or `的` closes
    /// (`现任港大法律学院教授的` → `港大法律学院教授`, `身为…教授的`): its byte range in `t`. A
    /// one-character post verb (`是`, `为`) counts only before `的`; the rest must still end
    /// with a title word, else the phrase is kept whole.
    pub(super) fn post_title(&self, t: &str) -> (usize, usize) {
        let e = t.strip_suffix('的').map_or(t.len(), str::len);
        let s = self
            .post_verbs
            .iter()
            .find(|p| t[..e].starts_with(p.as_str()) && (e < t.len() || p.chars().count() >= 2))
            .map_or(0, |p| p.len());
        if (s, e) != (0, t.len()) && s < e && self.ends_with_title(&t[s..e]) {
            (s, e)
        } else {
            (0, t.len())
        }
    }

    /// Named people with their titles in apposition (`王强（中国人民大学教授）表示`, `王强，
    /// 现任某协会会长，…`; see [`Self::apposition`]): what labels and later mentions resolve to.
    pub fn scan_appositive_titles(&self, units: &[super::text::Unit], registry: &mut Registry) {
        for u in units.iter().filter(|u| u.carries_quotes()) {
            // A paragraph wholly in parentheses is read inside them (`（陳文敏為…教授）`).
            let t = u.fold.trim_end_matches(is_space);
            let inner = t
                .strip_prefix('（')
                .and_then(|x| x.strip_suffix('）'))
                .filter(|x| !x.contains(['（', '）']));
            let (off, f) = match inner {
                Some(x) => ('（'.len_utf8(), x),
                None => (0, u.fold.as_str()),
            };
            let orig = |r: std::ops::Range<usize>| u.orig(r.start + off..r.end + off);
            // After `（`, a comma, or a post verb (`王强是…教授`).
            let starts = f.char_indices().filter_map(|(at, c)| {
                (matches!(c, '（' | '(' | '，' | ',')
                    || (at > 0
                        && self.post_verb_firsts.contains(&c)
                        && self
                            .post_verbs
                            .iter()
                            .any(|p| f[at..].starts_with(p.as_str()))))
                .then_some(at)
            });
            // A sentence opening with a post and a comma before the name (`作为…教授，王强…`).
            let sentences = std::iter::once(0).chain(
                f.match_indices(['。', '！', '？', '；'])
                    .map(|(i, c)| i + c.len()),
            );
            for s0 in sentences {
                let Some(p) = self
                    .post_verbs
                    .iter()
                    .find(|p| p.chars().count() >= 2 && f[s0..].starts_with(p.as_str()))
                else {
                    continue;
                };
                let ts = s0 + p.len();
                let Some(c) = f[ts..].find(['，', ',']).map(|i| ts + i) else {
                    continue;
                };
                let seg = &f[ts..c];
                if !(2..=30).contains(&seg.chars().count())
                    || !self.ends_with_title(seg)
                    || self.after_clause(&words(seg)) != 0
                {
                    continue;
                }
                let ns = c + f[c..].chars().next().map_or(1, char::len_utf8);
                let Some(ne) = self.name_starting(f, ns) else {
                    continue;
                };
                registry.learn(&Who::titled(orig(ns..ne), &f[ns..ne], orig(ts..c)));
            }
            for at in starts {
                let Some((ts, te)) = self.apposition(f, at) else {
                    continue;
                };
                let Some((ns, ne)) = self.name_before(f, at) else {
                    continue;
                };
                registry.learn(&Who::titled(orig(ns..ne), &f[ns..ne], orig(ts..te)));
            }
        }
    }

    /// Named people with their titles, wherever a title word is followed by a name
    /// (`律政司司長鄭若驊`, `華為創辦人任正非`): what labels and later mentions resolve to.
    pub fn scan_titled_names(&self, units: &[super::text::Unit], registry: &mut Registry) {
        let Some(ac) = &self.title_ac else { return };
        for u in units.iter().filter(|u| u.carries_quotes()) {
            let f = u.fold.as_str();
            for m in ac.find_iter(f) {
                // A Chinese name, or a Latin one (`首席执行官Scott Johnston`, `CEO Scott
                // Johnston`).
                let spaced = f[m.end()..].starts_with(' ')
                    && f[m.end() + 1..].starts_with(|c: char| c.is_ascii_uppercase());
                // `的` between a title a post verb opens and the name (`身为…教授的王强`).
                let de = f[m.end()..].starts_with('的');
                let name_at = m.end() + usize::from(spaced) + if de { '的'.len_utf8() } else { 0 };
                let after = &f[name_at..];
                let latin = after.starts_with(|c: char| c.is_ascii_uppercase());
                if !(latin || self.is_surname_start(after)) {
                    continue;
                }
                // A window of a few characters after the title word (a few words if Latin).
                let wend = after
                    .char_indices()
                    .nth(if latin { 40 } else { 6 })
                    .map_or(after.len(), |(i, _)| i);
                let ws = words(&after[..wend]);
                let Some(e) = self.name_at(&ws, 0) else {
                    continue;
                };
                let name_end = name_at + ws[e - 1].end;
                // The title: back from the title word to a clause boundary.
                let before = &f[..m.start()];
                const HARD: [char; 20] = [
                    '，', ',', '。', '；', ';', '：', ':', '！', '？', '“', '”', '「', '」', '、',
                    '（', '(', '）', ')', ' ', '的',
                ];
                let after = |i: usize| i + before[i..].chars().next().map_or(1, char::len_utf8);
                let hard = before.rfind(HARD).map_or(0, after);
                // `及`/`和`/`与` part two people's phrases (`教育局局长和市长李明`), not an
                // organisation's name (`運輸及房屋局局長`, `政制及內地事務局`): the part before
                // it must end with a title word or a name.
                let ts = hard + self.second_party(&before[hard..]);
                let (mut ts, _) = {
                    let (a, b) = self.trim_phrase(&f[ts..m.end()]);
                    (ts + a, ts + b)
                };
                // A leading connector the segmenter glues to the title (`据市/v 发改委`) is no
                // part of it.
                loop {
                    let c = self.connector_len(&f[ts..m.end()]);
                    if c == 0 {
                        break;
                    }
                    ts += c;
                }
                // Adverbs, time words and the like before the title are not part of it
                // (`原先教育界議員`).
                let tws = words(&f[ts..m.end()]);
                let skip = tws
                    .iter()
                    .take_while(|w| {
                        matches!(
                            w.tag.chars().next(),
                            Some('d' | 't' | 'c' | 'p' | 'r' | 'm' | 'q' | 'u' | 'y')
                        ) || self.leading_words.iter().any(|x| x == w.text)
                    })
                    .last()
                    .map_or(0, |w| w.end);
                // Nor is a clause ending with a preposition (`本网向香港乐施会传讯部主管`) or
                // one the name is the object of (`记者昨天采访了市长`).
                let skip = tws
                    .iter()
                    .rposition(|w| w.tag == "p")
                    .map_or(skip, |k| skip.max(tws[k].end));
                let skip = match self.after_clause(&tws) {
                    0 => skip,
                    c => skip.max(tws.get(c).map_or(m.end() - ts, |w| w.start)),
                };
                let (ps, pe) = self.post_title(&f[ts + skip..name_at]);
                if de && pe == name_at - (ts + skip) {
                    // `的` after a title no post verb opens: a relative clause, not a post.
                    continue;
                }
                registry.learn(&Who::titled(
                    u.orig(name_at..name_end),
                    &f[name_at..name_end],
                    u.orig(ts + skip + ps..ts + skip + pe),
                ));
            }
        }
    }
}

/// A title of one to three characters (`教授`, `主席`, `總書記`): a bare title word, which a
/// fuller title of the same person (`復旦大學經濟學院院長`) replaces.
fn is_bare_title(t: &str) -> bool {
    t.chars().count() <= 3
}

/// The first of `pronouns` in `phrase` that is not a plural (`他们`), if any.
fn first_gendered<'p>(phrase: &str, pronouns: impl Iterator<Item = &'p str>) -> Option<&'p str> {
    let mut best: Option<(usize, &str)> = None;
    for p in pronouns {
        let found = phrase
            .match_indices(p)
            .find(|(i, _)| !phrase[i + p.len()..].starts_with('们'))
            .map(|(i, _)| i);
        if let Some(i) = found
            && best.is_none_or(|(b, _)| i < b)
        {
            best = Some((i, p));
        }
    }
    best.map(|(_, p)| p)
}

/// A Latin acronym (`CNN`, `BBC`, `AFP`, `G7`): an organisation's name.
fn is_acronym(s: &str) -> bool {
    (2..=8).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
}

/// Adverbs between a subject and its verb (`記協亦都憂慮`, `風雨蘭則稱`), folded.
const ADVERBS_AFTER_SUBJECT: &str = "则亦又也便就再都还却仍均续并並更";

/// `phrase` (folded) without the adverbs it ends with ([`ADVERBS_AFTER_SUBJECT`]): the subject
/// before them (`記協亦都` → `記協`).
pub(super) fn trim_adverbs(phrase: &str) -> &str {
    phrase.trim_end_matches(|c| ADVERBS_AFTER_SUBJECT.contains(c))
}

/// The most speakers a document's registry remembers.
const MAX_KNOWN: usize = 300;

/// The speakers a document has named so far, in order of appearance.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    pub known: Vec<Who>,
    /// Latin full names written in the text (`Scott Johnston`): what a last name met alone
    /// stands for; not antecedents of pronouns (`Digital Age` in a sentence is no person).
    pub full: Vec<Who>,
    /// `(key, pronoun)`: the document refers to the person by that gendered pronoun (`蔡若莲`,
    /// `她`), learned from sentences that name one known person and then the pronoun.
    pub referred: Vec<(String, String)>,
    /// The gendered pronouns (`speech.pronoun_excludes`' keys).
    pub gendered: Vec<String>,
    /// Short names the document itself uses as a speaker, folded
    /// ([`SpeechRules::scan_recurring_subjects`]): organisations and abbreviations the
    /// segmenter does not know (`記協`, `風雨蘭`).
    pub doc_names: Vec<String>,
}

impl Registry {
    /// Remember a Latin full name written in the text (see [`Registry::full`]).
    pub fn add_full(&mut self, w: Who) {
        if self.full.len() < MAX_KNOWN && !self.full.iter().any(|k| k.key == w.key) {
            self.full.push(w);
        }
    }

    /// Remember a speaker (a person with a title or organisation wins over one without).
    pub fn learn(&mut self, w: &Who) {
        if w.kind != SpeakerType::Person {
            return;
        }
        let full = self.known.len() >= MAX_KNOWN;
        match self.known.iter_mut().find(|k| k.key == w.key) {
            Some(k) => {
                // A title wins over none, and a fuller form of the same title over the short
                // one (`團長` → `訪京團團長`), and any longer title over a bare title word
                // (`教授` of `張軍教授` → `復旦大學經濟學院院長`).
                let fuller = match (&k.title, &w.title) {
                    (None, Some(_)) => true,
                    (Some(a), Some(b)) => {
                        b.len() > a.len() && (b.ends_with(a.as_str()) || is_bare_title(a))
                    }
                    _ => false,
                };
                if fuller {
                    k.title = w.title.clone();
                }
                if k.org.is_none() && w.org.is_some() {
                    k.org = w.org.clone();
                }
            }
            // A document names a few dozen speakers; past a few hundred (a list, a dump) no
            // more are remembered, which keeps resolving them linear in the document.
            None if !full => self.known.push(w.clone()),
            None => {}
        }
    }

    /// Fill a speaker's title and organisation from an earlier mention of the same name; a
    /// bare title word after the name (`張軍教授`) gives way to a fuller title known.
    pub fn complete(&self, w: &mut Who) {
        if let Some(k) = self.known.iter().find(|k| k.key == w.key) {
            let bare = w.title.as_deref().is_some_and(is_bare_title)
                && k.title
                    .as_ref()
                    .zip(w.title.as_ref())
                    .is_some_and(|(a, b)| a.len() > b.len());
            if w.title.is_none() || bare {
                w.title = k.title.clone();
            }
            if w.org.is_none() {
                w.org = k.org.clone();
            }
        }
    }

    /// Whether the first gendered pronoun of `phrase` (`他`, `她`, not their plurals) can refer
    /// to `k` by what the document shows: false when the document refers to `k` by another
    /// gendered pronoun and never by this one.
    pub fn agrees(&self, phrase: &str, k: &Who) -> bool {
        let Some(p) = first_gendered(phrase, self.gendered.iter().map(String::as_str)) else {
            return true;
        };
        let mut other = false;
        for (key, q) in &self.referred {
            if key == &k.key {
                if q == p {
                    return true;
                }
                other = true;
            }
        }
        !other
    }

    /// The known person named last in `fold[..at]` (what a pronoun at `at` refers to).
    /// The subject of the nearest sentence before `at` that names someone: its first named
    /// person (`麦康奈尔指责拜登…。他表示` → 麦康奈尔).
    pub fn last_named(&self, fold: &str, at: usize) -> Option<&Who> {
        self.last_named_for(fold, at, "")
    }

    /// [`Registry::last_named`], skipping people the gendered pronoun of `phrase` cannot refer
    /// to ([`Registry::agrees`]): the nearest sentence with one that agrees.
    pub fn last_named_for(&self, fold: &str, at: usize, phrase: &str) -> Option<&Who> {
        let text = &fold[..at];
        let mut end = text.len();
        loop {
            let start = text[..end]
                .char_indices()
                .rev()
                .find(|(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let sentence = &text[start..end];
            let first = self
                .known
                .iter()
                .filter(|k| self.agrees(phrase, k))
                .filter_map(|k| sentence.find(k.key.as_str()).map(|p| (p, k)))
                // At one place the longest (`伊万杰琳·莉莉`, not its first part `伊万`).
                .min_by_key(|(p, k)| (*p, std::cmp::Reverse(k.key.len())));
            if let Some((_, k)) = first {
                // A short form stands for the full name known (`莉莉` → `伊万杰琳·莉莉`).
                return Some(self.full_name(k));
            }
            if start == 0 {
                return None;
            }
            end = text[..start]
                .char_indices()
                .next_back()
                .map_or(0, |(i, _)| i);
        }
    }

    /// The one known person whose name starts with `surname` and is longer (at most
    /// `max_chars` characters), other than `other_than`; none when two or more differ.
    pub fn one_with_surname(
        &self,
        surname: &str,
        other_than: &str,
        max_chars: usize,
    ) -> Option<&Who> {
        // (A name withheld with `某` is no full name another mention shortens: `刘某`, a
        // driver, is not `刘老师`.)
        let mut found = self.known.iter().filter(|k| {
            k.kind == SpeakerType::Person
                && !k.key.ends_with('某')
                && k.key != other_than
                && k.key.starts_with(surname)
                && k.key.len() > surname.len()
                && k.key.chars().count() <= max_chars
        });
        let one = found.next()?;
        found.all(|k| k.key == one.key).then_some(one)
    }

    /// The full foreign name a known short form is the last part of (`Johnston` → `Scott
    /// Johnston`), or the known itself.
    pub fn full_name<'r>(&'r self, k: &'r Who) -> &'r Who {
        self.known
            .iter()
            .chain(&self.full)
            .find(|f| {
                f.key.strip_suffix(k.key.as_str()).is_some_and(|first| {
                    first.ends_with([' ', '·', '・', '•', '.']) && first.len() > 1
                })
            })
            .unwrap_or(k)
    }

    /// The known person a short label or surname stands for (`林` → `林煥光`, `林郑` →
    /// `林鄭月娥`): the first known name that starts with `key` and is longer.
    /// The one known person whose title is `key` or ends with it (a label `行政長官：` or
    /// `局長：` for `發展局局長黃偉綸` named before); none when two or more share it.
    pub fn by_title(&self, key: &str) -> Option<&Who> {
        if key.chars().count() < 2 {
            return None;
        }
        let mut found = self.known.iter().filter(|k| {
            k.title
                .as_deref()
                .is_some_and(|t| super::text::fold(t).ends_with(key))
        });
        let first = found.next()?;
        found.all(|k| k.key == first.key).then_some(first)
    }

    pub fn expand(&self, key: &str) -> Option<&Who> {
        if key.is_empty() {
            return None;
        }
        // The last part of a foreign name stands for the whole (`Johnston` → `Scott Johnston`,
        // `莉莉` → `伊万杰琳·莉莉`), even when the short form was met on its own; else the name
        // itself; else a surname for the full name (`林郑` → `林郑月娥`).
        let last_part = |k: &&Who| {
            k.key
                .strip_suffix(key)
                .is_some_and(|first| first.ends_with([' ', '·', '・', '•', '.']) && first.len() > 1)
        };
        let longer = || {
            self.known
                .iter()
                .find(|k| k.key.starts_with(key) && k.key.len() > key.len())
        };
        // A married name's two surnames known on their own (`林鄭表示`) still stand for the
        // full name known (`林鄭月娥`, `葉劉淑儀`: four characters).
        let married = || {
            (key.chars().count() == 2)
                .then(|| {
                    self.known
                        .iter()
                        .find(|k| k.key.starts_with(key) && k.key.chars().count() == 4)
                })
                .flatten()
        };
        self.known
            .iter()
            .find(last_part)
            .or_else(|| self.full.iter().find(last_part))
            .or_else(married)
            .or_else(|| self.known.iter().find(|k| k.key == key))
            .or_else(longer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> &'static SpeechRules {
        &super::super::tests::rules().speech
    }

    fn who(phrase: &str) -> Option<(String, Option<String>, Option<String>, SpeakerType)> {
        let fold = super::super::text::fold(phrase);
        match rules().analyse(phrase, &fold) {
            Phrase::Who(w) => Some((w.name, w.title, w.org, w.kind)),
            _ => None,
        }
    }

    #[test]
    fn names_titles_and_organisations_split_by_parts_of_speech() {
        use SpeakerType::*;
        assert_eq!(
            who("中欧基金曹某"),
            Some(("曹某".into(), None, Some("中欧基金".into()), Person))
        );
        assert_eq!(
            who("外交部发言人汪文斌"),
            Some(("汪文斌".into(), Some("外交部发言人".into()), None, Person))
        );
        assert_eq!(
            who("国务委员兼外交部长王毅"),
            Some((
                "王毅".into(),
                Some("国务委员兼外交部长".into()),
                None,
                Person
            ))
        );
        assert_eq!(
            who("拜登在23日的讲话中这样").map(|w| w.0),
            Some("拜登".into())
        );
        assert_eq!(
            who("周凱旋").map(|w| (w.0, w.3)),
            Some(("周凱旋".into(), Person))
        );
        assert_eq!(
            who("樂施會傳訊部主管徐國偉"),
            Some((
                "徐國偉".into(),
                Some("樂施會傳訊部主管".into()),
                None,
                Person
            ))
        );
        assert_eq!(who("教育部").map(|w| w.3), Some(Organisation));
        assert_eq!(who("知情人士").map(|w| w.3), Some(Unnamed));
        assert_eq!(
            who("有网友").map(|w| (w.0, w.3)),
            Some(("网友".into(), Unnamed))
        );
        assert_eq!(
            who("公司人士笑").map(|w| (w.0, w.3)),
            Some(("公司人士".into(), Unnamed))
        );
    }

    #[test]
    fn clause_text_and_pronouns_are_not_names() {
        let r = rules();
        for p in ["他", "她"] {
            assert_eq!(r.analyse(p, p), Phrase::Pronoun, "{p}");
        }
        assert_eq!(r.analyse("的她", "的她"), Phrase::Pronoun);
        for p in ["换句话", "讲话", "这份报告"] {
            assert!(matches!(r.analyse(p, p), Phrase::Not), "{p}");
        }
    }

    #[test]
    fn names_the_segmenter_reads_as_numerals() {
        // `月` read as a month: `王月/m 娥`, `林/ng 郑月/m 娥`.
        let w = who("特首林郑月娥").expect("a speaker");
        assert_eq!(
            (w.0.as_str(), w.1.as_deref(), w.3),
            ("林郑月娥", Some("特首"), SpeakerType::Person)
        );
        assert_eq!(who("王月娥").map(|w| w.0), Some("王月娥".to_string()));
        // A real numeral is no name.
        assert_eq!(who("三月份"), None);
    }

    #[test]
    fn compound_surnames_start_names() {
        assert_eq!(
            who("歌手欧阳娜娜").map(|w| (w.0, w.1)),
            Some(("欧阳娜娜".to_string(), Some("歌手".to_string())))
        );
    }

    #[test]
    fn a_relative_clause_before_an_unnamed_source_is_cut() {
        for (phrase, key) in [
            ("一位不愿具名的官员", "官员"),
            ("接受采访的业内人士", "业内人士"),
        ] {
            let w = who(phrase).unwrap_or_else(|| panic!("{phrase}: no speaker"));
            assert_eq!((w.0.as_str(), w.3), (key, SpeakerType::Unnamed), "{phrase}");
        }
        // Not an unnamed-source word after the clause: unchanged.
        assert_eq!(who("仍然坚持的香港人"), None);
    }
}
