//! Quotes: speech attributed to someone in the narrative and in the title.
//!
//! Forms read (in folded text, so `說`, `稱`, `「」` of traditional text count):
//! - **cue then words** — `<speaker><verb>，…。`, `<speaker><verb>：“…”`, `<speaker><verb>“…”`,
//!   several in one paragraph; `据<speaker>介绍，…`;
//! - **words then cue** — `“…”<speaker><verb>。`, `“…”，<speaker><verb>`;
//! - **colon, no verb** — `<subject><predicate>：“…”`: the clause subject's words when it names
//!   someone ([`SpeechRules::clause_subject`]);
//! - **headlines** — `<speaker>：…`, `<speaker>谈<topic>：…` (the title patterns).
//!
//! The speaker phrase goes through [`SpeechRules::analyse`]; a pronoun resolves to the last
//! person named, or the quote is dropped. A cue inside words already attributed (`中方表示`
//! inside someone's quote) is not a new quote. Each quote has a [`QuoteKind`]: `direct` when
//! the words are all inside quotation marks, `mixed` when reported speech quotes some words,
//! `indirect` otherwise.

use super::speakers::{Phrase, Registry, SpeakerType, Who};
use super::text::{BOUNDARY, OPEN, Unit, clause_start, fold, is_space};
use super::{Quote, QuoteKind, QuoteSource, SpeechRules};
use crate::body::BlockKind;
use unicode_script::UnicodeScript;

/// The closing quotation mark of an opening one (`“` → `”`, `「` → `」`, `『` → `』`; else `"`).
pub(super) fn closing(open: char) -> char {
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
                    let after_close = &s[end + close.len_utf8()..];
                    // The quoted words end the sentence (`“…。”`, `“…”。`, `“…”，他说`, or
                    // another quote follows): direct. `“有必要”对…进行调查。` goes on after the
                    // mark: the sentence is reported speech quoting some words (mixed).
                    // After a comma the sentence may go on with the speaker's predicate
                    // (`认为，“消费是压舱石”，要尽快…。`, `“…”，对…表示关注`): reported speech
                    // quoting some words (mixed) — when the rest of the sentence is one clause
                    // that opens with a verb or preposition (no subject of its own), names no
                    // one (no pronoun, no person's name) and quotes nothing more.
                    let rest = after_close.trim_start_matches(is_space);
                    let goes_on = rest.strip_prefix(['，', ',']).is_some_and(|r| {
                        let end = r.find(['。', '！', '？', '!', '?', '；']);
                        // (A question after it is the writer's: `話「…」，想挑逗被告？`.)
                        if end.is_some_and(|e| r[e..].starts_with(['？', '?'])) {
                            return false;
                        }
                        let sentence = end.map_or(r, |e| &r[..e]).trim_matches(is_space);
                        let ws = super::segment::words(sentence);
                        ws.first().is_some_and(|w| matches!(w.tag, "v" | "p"))
                            && !sentence.contains(['，', ','])
                            && !sentence.contains(OPEN)
                            && !ws
                                .iter()
                                .any(|w| w.tag == "r" || super::segment::is_person_tag(w.tag))
                    });
                    let ends = s[body..end]
                        .trim_end()
                        .ends_with(['。', '！', '？', '!', '?', '…'])
                        || rest.is_empty()
                        || (rest.starts_with([
                            '。', '！', '？', '!', '?', '，', ',', '“', '「', '『', '…', '；',
                        ]) && !goes_on);
                    if ends {
                        // `“甲。”“乙。”` and `“甲，”他说，“乙。”` stay one attribution: the
                        // words end at the first closing mark; what follows is consumed.
                        return (lead + body..lead + end, true, lead + end + close.len_utf8());
                    }
                    break;
                }
            }
        }
        if depth > 0 {
            return (lead + body..after.len(), true, after.len());
        }
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

/// The byte length of a quotation that is all of `rest` (white space around it): `“…。”` with
/// a sentence's end inside and no quotation nested; `None` otherwise.
fn trailing_quotation(rest: &str) -> Option<usize> {
    let gap = rest.len() - rest.trim_start_matches(is_space).len();
    let open = rest[gap..]
        .chars()
        .next()
        .filter(|c| OPEN.contains(c) && *c != '"')?;
    let body = gap + open.len_utf8();
    let close_at = body + rest[body..].find(closing(open))?;
    let inner = &rest[body..close_at];
    let end = close_at + closing(open).len_utf8();
    (!inner.contains(OPEN)
        && inner
            .trim_end()
            .ends_with(['。', '！', '？', '!', '?', '…'])
        && rest[end..].trim_matches(is_space).is_empty())
    .then_some(end)
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
    /// The speaker of the last quote and its paragraph: who a paragraph that opens with a
    /// quotation mark and names nobody goes on quoting.
    last_quote: Option<(Who, usize)>,
    /// The person a paragraph last named (by [`Registry::last_named`]) and that paragraph.
    last_named: Option<(Who, usize)>,
    /// Speakers quoted so far (names).
    quoted: std::collections::HashSet<String>,
    /// The last organisation a phrase named: what `该公司` refers back to.
    last_org: Option<Who>,
    /// The folded text of the prose units before the current one (their last 600 bytes or
    /// so), and the current unit's: where `该公司` finds the organisation named last.
    context: String,
    current: String,
    /// The same as written (the fold keeps the byte layout).
    context_orig: String,
    current_orig: String,
    /// A cue ending its paragraph with a colon (`律政司發言人回應指：`), its verb and paragraph:
    /// the words are the next paragraph, when that is quoted or a blockquote.
    pending: Option<(Who, String, usize)>,
}

impl<'a> Quotes<'a> {
    pub fn new(rules: &'a SpeechRules, registry: &'a Registry, principal: Option<Who>) -> Self {
        Quotes {
            rules,
            registry,
            last: principal,
            last_quote: None,
            last_named: None,
            quoted: std::collections::HashSet::new(),
            last_org: None,
            context: String::new(),
            current: String::new(),
            context_orig: String::new(),
            current_orig: String::new(),
            pending: None,
        }
    }

    /// The speaker a phrase names; `quoted`: the phrase stands right before or after words in
    /// quotation marks, so any noun phrase is a speaker ([`SpeechRules::analyse_loose`]).
    fn resolve(&mut self, orig: &str, fold: &str, quoted: bool) -> Option<Who> {
        // A surname or short form of a person named before (`蕭指`, `林認為`).
        let (s, e) = self.rules.trim_phrase(fold);
        // The last part of a foreign name known in full (`卡列尼娜` → `安娜·卡列尼娜`), whatever
        // the segmenter makes of it.
        if e > s
            && let Some(k) = self
                .registry
                .expand(&fold[s..e])
                .filter(|k| fold[s..e].chars().count() <= 2 || k.key.len() > e - s)
        {
            self.last = Some(k.clone());
            return Some(k.clone());
        }
        // `对方` (the other party), `后者`, `前者` refer to someone named before; else nobody
        // can be told.
        if let w @ ("对方" | "后者" | "前者") = &fold[s..e] {
            return self.counterpart(fold, w);
        }
        // A demonstrative and a title (`该负责人`, `这位局长`, `该名发言人`) refer back to the one
        // known person with that title (`市教育局负责人王强…。该负责人表示`).
        // (The phrase's leading patterns may have cut `这位`, `该名` off already.)
        let demonstrated = ["这位", "这名", "那位", "那名", "该名", "该位", "此位"]
            .iter()
            .any(|d| fold[..s].trim_end_matches(is_space).ends_with(d));
        if let Some(noun) = self
            .rules
            .demonstratives
            .iter()
            .find_map(|d| fold[s..e].strip_prefix(d.as_str()))
            .map(|n| n.trim_start_matches(['名', '位']))
            .or_else(|| demonstrated.then(|| &fold[s..e]))
            && let Some(k) = self.registry.by_title(noun).cloned().or_else(|| {
                // Else a description (`这名巴西前锋`, `这位22岁的姑娘`) is the person named
                // last before it.
                let at = self.current.find(fold).unwrap_or(0);
                (demonstrated && noun.chars().count() >= 2)
                    .then(|| self.registry.last_named(&self.current, at).cloned())
                    .flatten()
                    .filter(|k| k.kind == SpeakerType::Person)
            })
        {
            self.last = Some(k.clone());
            return Some(k);
        }
        // A short form followed by adverbs only (`林郑只`, `刘则`, `梁当时亦`), which the
        // segmenter may read as one name.
        if let Some(k) = self.known_then_adverbs(&fold[s..e]) {
            self.last = Some(k.clone());
            return Some(k);
        }
        let mut phrase = if quoted {
            self.rules.analyse_loose(orig, fold)
        } else {
            self.rules.analyse(orig, fold)
        };
        // A name the document uses as a speaker again and again (`記協`, `風雨蘭`), which the
        // segmenter does not read as one.
        // (Also when the segmenter reads only a part of it as a name: `禾丰益` as `丰益`,
        // `平安资管` as `资管`; not an unnamed source after its marker: `有网友` is `网友`.)
        let x = super::speakers::trim_adverbs(&fold[s..e]);
        let part = matches!(&phrase, Phrase::Who(w)
            if w.key != x
                && x.ends_with(w.key.as_str())
                && (w.kind != SpeakerType::Unnamed
                    || !self
                        .rules
                        .unnamed_markers
                        .iter()
                        .any(|m| x[..x.len() - w.key.len()].ends_with(m.as_str()))));
        if (matches!(phrase, Phrase::Not) || part) && self.registry.doc_names.iter().any(|n| n == x)
        {
            phrase = Phrase::Who(Who::named(&orig[s..s + x.len()], SpeakerType::Organisation));
        }
        match phrase {
            Phrase::Who(mut w) => {
                // A person named before (a surname or a foreign name's last part); a Latin word
                // typed as an organisation too when it ends a known person's name (`Johnston`).
                if let Some(k) = self.registry.expand(&w.key).filter(|k| {
                    w.kind == SpeakerType::Person || k.key.ends_with(&format!(" {}", w.key))
                }) {
                    let title = w.title.take();
                    let org = w.org.take();
                    w = k.clone();
                    w.title = title.or(w.title);
                    w.org = org.or(w.org);
                }
                // A surname with a title or form of address (`王市长`, `杨指导`, `李总`) for the
                // one known person with that surname (`市长王强`, `主教练杨鸣`).
                if w.kind == SpeakerType::Person
                    && let Some(k) = self.surname_address(&w.key)
                {
                    w = k;
                }
                // A title alone (`特首`, `发言人`, `行政長官`) for the one known person whose
                // title ends with it (`特首林鄭月娥`, `外交部发言人汪文斌`) — not the reporter,
                // who is the writer. (Pronouns after it keep referring to whom they did: the
                // title says less of who is meant than a name.)
                let mut by_title = false;
                if w.kind != SpeakerType::Person
                    && w.org.is_none()
                    && w.key.chars().count() <= 4
                    && w.key != self.rules.reporter_word
                    && self.rules.ends_with_title(&w.key)
                    && let Some(k) = self.registry.by_title(&w.key)
                    && k.kind == SpeakerType::Person
                {
                    w = k.clone();
                    by_title = true;
                }
                self.registry.complete(&mut w);
                // A person, or a role speaking for an organisation (`上交所有关负责人`: one
                // person, whom a later `她还说` means, not the person named before).
                if (w.kind == SpeakerType::Person && !by_title)
                    || (w.kind == SpeakerType::Unnamed && w.org.is_some())
                {
                    self.last = Some(w.clone());
                }
                // A role of `该公司` (`该公司相关负责人`): the organisation named last before.
                if w.kind == SpeakerType::Unnamed
                    && let Some(o) = w.org.clone()
                    && self.rules.starts_with_demonstrative(&super::text::fold(&o))
                {
                    match self.antecedent(fold, &super::text::fold(&o)) {
                        Some(a) => w.org = Some(a.name),
                        // Nothing named before: the phrase stays whole (`该校负责人`).
                        // (As written, with `相关`/`有关` between: `该平台相关负责人`.)
                        None => {
                            let whole = orig
                                .find(o.as_str())
                                .and_then(|a| {
                                    let from = &orig[a..];
                                    from.find(w.name.as_str())
                                        .map(|b| &from[..b + w.name.len()])
                                })
                                .filter(|x| {
                                    x.chars().count()
                                        <= o.chars().count() + 2 + w.name.chars().count()
                                })
                                .map_or_else(|| format!("{o}{}", w.name), str::to_string);
                            w.key = super::text::fold(&whole);
                            w.name = whole;
                            w.org = None;
                        }
                    }
                }
                if w.kind == SpeakerType::Organisation {
                    // `该公司` refers back to the organisation named last, if any.
                    if self.rules.starts_with_demonstrative(&w.key) {
                        if let Some(o) = self.antecedent(fold, &w.key) {
                            return Some(o);
                        }
                    } else {
                        self.last_org = Some(w.clone());
                    }
                }
                Some(w)
            }
            Phrase::Pronoun => self.last.clone().filter(|w| {
                let phrase = &fold[s.min(fold.len())..];
                self.rules.pronoun_agrees(phrase, w) && self.registry.agrees(phrase, w)
            }),
            Phrase::Not => None,
        }
    }

    /// The organisation a demonstrative phrase (`key`, folded: `该公司`, `该行`) found in
    /// `fold` (the speaker phrase, folded) refers back to: the last one named before it in
    /// this unit or the context ([`SpeechRules::antecedent_organisation`]), else the last
    /// organisation quoted when its name fits the noun.
    fn antecedent(&self, fold: &str, key: &str) -> Option<Who> {
        let at = self.current.find(fold).unwrap_or(0);
        let before = format!("{}{}", self.context, &self.current[..at]);
        let before_orig = format!("{}{}", self.context_orig, &self.current_orig[..at]);
        let noun = self
            .rules
            .demonstratives
            .iter()
            .find_map(|d| key.strip_prefix(d.as_str()))
            .unwrap_or(key);
        let fits = |o: &Who| noun.chars().count() != 1 || o.key.ends_with(noun);
        let named = self.rules.antecedent_organisation(&before, noun).map(|r| {
            let mut o = Who::named(&before_orig[r.clone()], SpeakerType::Organisation);
            o.key = before[r].to_string();
            o
        });
        named.or_else(|| self.last_org.clone().filter(fits))
    }

    /// The one known person whose name starts with the surname of `key` when `key` is that
    /// surname and a title (`王市长`, `杨指导`, `张博士`); none when two or more share the
    /// surname.
    fn surname_address(&self, key: &str) -> Option<Who> {
        // A title (`市长`, `指导`, `博士`), not a form of address only (`陳先生`, `李总`, `陈伯`
        // name people the writer may not name otherwise: a resident beside an official of the
        // same surname).
        // (Cheap tests first: this runs on every person resolved.)
        if key.chars().count() > 6 || !self.rules.is_surname_start(key) {
            return None;
        }
        let rest = self.rules.surname_before(key, &self.rules.title_suffixes)?;
        self.registry.one_with_surname(rest, key, 4).cloned()
    }

    /// The speaker of a clause of adverbs only after a refusal (`張建宗沒有回應，只稱…`): the
    /// known person who opens the clause before, when that clause is negated
    /// ([`SpeechRules::negated`]). A phrase that is only a connector (`並表示`, `，又指…`)
    /// takes the known person who opens the nearest clause before it in the same sentence
    /// (`李國偉到訪灣仔街市，並表示…`), negated or not.
    fn sentence_subject(&self, u_text: &str, f: &str, start: usize, end: usize) -> Option<Who> {
        self.sentence_subject_with(u_text, f, start, end, false)
    }

    /// The speaker of a verb alone after a comma (at byte `at`): [`Self::sentence_subject`];
    /// for a verb without colon or comma after it (`…，指…`) only a known person who opens the
    /// clause, after a title at most (`中国常驻联合国代表张军大使…，强调…`), or the clause's own
    /// subject — not a person it names further on (`提出建議的楊岳橋，反駁鄭若驊指…的說法，
    /// 指…` is none of 鄭若驊's).
    fn subject_before_comma(&self, u_text: &str, f: &str, at: usize, bare: bool) -> Option<Who> {
        self.sentence_subject_with(u_text, f, at, at, bare)
    }

    /// For a verb alone after a comma (at byte `at` of `u`'s fold), the subject of the clause
    /// before ([`Self::subject_before_comma`]): with its colon or comma after it, or a verb that
    /// takes a clause and is the first cue of its sentence (`…，指…`; not `X表示，…，希望…`,
    /// where a verb after a comma is part of the words reported).
    fn subject_before_verb(&self, u: &Unit, verb: &str, punct: &Span, at: usize) -> Option<Who> {
        let f = u.fold.as_str();
        let bare = punct.as_str().is_empty();
        let sentence = f[..at]
            .rfind(['。', '！', '？', '!', '?', '；', ';'])
            .map_or(0, |i| i + f[i..].chars().next().map_or(1, char::len_utf8));
        let cue_before = u
            .cues
            .iter()
            .any(|c| c.verb.start >= sentence && c.verb.start < at);
        if bare && (cue_before || !self.rules.reports_after_clause(verb)) {
            return None;
        }
        self.subject_before_comma(&u.text, f, at, bare)
    }

    fn sentence_subject_with(
        &self,
        u_text: &str,
        f: &str,
        start: usize,
        end: usize,
        strict: bool,
    ) -> Option<Who> {
        if f[start..end].chars().count() > 4 {
            return None;
        }
        let ws = super::segment::words(&f[start..end]);
        if !ws.iter().all(|w| matches!(w.tag, "d" | "ad" | "c")) {
            return None;
        }
        let connector = ws
            .iter()
            .all(|w| self.rules.clause_connectors.iter().any(|c| c == w.text));
        if ws.is_empty() && !connector {
            return None;
        }
        let before = f[..start].strip_suffix(['，', ','])?;
        let sentence = before
            .rfind(['。', '！', '？', '!', '?', '；', ';'])
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let mut clause_end = before.len();
        while clause_end > sentence {
            let clause_start = sentence + clause_start(&before[sentence..clause_end]);
            let clause = &before[clause_start..clause_end];
            // A concessive clause (`虽然中国…受西方影响，但认为…`) is subordinate: its subject
            // is no speaker's; the search goes on before it.
            let concessive = self
                .rules
                .concessive_connectors
                .iter()
                .any(|x| before[clause_start..clause_end].starts_with(x.as_str()));
            if !clause.is_empty() && !inside_quotes(f, clause_start) && !concessive {
                // A passive clause before a connector: who speaks cannot be told (`…被警方拘捕，
                // 並指…`).
                if connector && clause.contains('被') {
                    return None;
                }
                let (s, _) = self.rules.trim_phrase(clause);
                let head = &clause[s + self.rules.connector_len(&clause[s..])..];
                // The name opens the clause, or follows a title there (`民主黨主席李國偉…`).
                let opens = |at: usize| {
                    at == 0
                        || (connector
                            && (!strict || self.rules.ends_with_title(&head[..at]))
                            && head[..at].chars().count() <= 12)
                };
                let known = self
                    .registry
                    .known
                    .iter()
                    .filter(|k| k.kind == SpeakerType::Person)
                    .filter_map(|k| {
                        head.find(k.key.as_str())
                            .filter(|&at| opens(at))
                            .map(|at| (at, k))
                    })
                    .min_by_key(|(at, k)| (*at, std::cmp::Reverse(k.key.len())));
                if let Some((_, k)) = known
                    && (connector || self.rules.negated(clause))
                {
                    return Some(self.registry.full_name(k).clone());
                }
                // A clause with a subject or a person of its own ends the search: the connector
                // may continue that clause (`…，陳志明隨即反駁，並指…`, `商戶們紛紛向他訴苦，又指…`).
                if connector {
                    let orig = &u_text[clause_start..clause_end];
                    let subject = self.rules.clause_subject(orig, clause);
                    // The clause right before with a subject of its own that names someone
                    // (`有警員甚至向露宿者塞白粉，並向露宿者說：`): that one speaks. (Further
                    // back a clause may be inside words reported before: `X指，政府…，因此
                    // 召開記者會，又表示…`.)
                    if let Phrase::Who(w) = &subject
                        && !before[clause_start..].contains(['，', ',', '；', ';'])
                    {
                        return Some(w.clone());
                    }
                    let other = !matches!(subject, Phrase::Not)
                        || super::segment::words(clause)
                            .iter()
                            .any(|w| matches!(w.tag, "nr" | "nrfg" | "nrt" | "r"));
                    if other {
                        return None;
                    }
                }
            }
            // Only the clause right before, after a refusal.
            if !connector {
                return None;
            }
            clause_end = before[..clause_start]
                .char_indices()
                .next_back()
                .filter(|_| clause_start > sentence)
                .map_or(sentence, |(i, _)| i);
        }
        None
    }

    /// Whom a word of reference in `phrase` refers to, among the people and unnamed sources
    /// named before it in its paragraph (within 60 characters): `对方` (the other party) the
    /// last one that is no sentence's subject nor the reporter (`…跟货主确认…，对方说` → `货主`;
    /// `记者联系到当事人谢某某，对方表示` → `谢某某` when known, else `当事人`); `后者` (the
    /// latter) the last person, `前者` (the former) the one before that (`市长李强会见了团长施密特。
    /// 后者表示` → `施密特`, `前者表示` → `李强`).
    fn counterpart(&self, phrase: &str, word: &str) -> Option<Who> {
        let at = self.current.find(phrase)?;
        let before = &self.current[..at];
        let from = before.char_indices().rev().nth(60).map_or(0, |(i, _)| i);
        let text = &before[from..];
        let ends: Vec<usize> = text
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .rev()
            .collect();
        // Not a sentence's subject (`宋师傅…跟货主确认…，对方说`: the subject is the one who
        // dealt with the other party), nor the reporter.
        let subject = |start: usize| {
            let lead = text[..start].trim_end_matches(|c: char| is_space(c) || c == '*');
            (from == 0 && lead.is_empty()) || lead.ends_with(['。', '！', '？', '!', '?'])
        };
        let other = word == "对方";
        // The people named, last first (one entry per person).
        let mut people: Vec<Who> = Vec::new();
        for end in ends {
            let upto = &text[..end];
            if let Some(k) = self
                .registry
                .known
                .iter()
                .filter(|k| k.kind == SpeakerType::Person && upto.ends_with(k.key.as_str()))
                .max_by_key(|k| k.key.len())
                .filter(|k| !other || !subject(end - k.key.len()))
            {
                let w = self.registry.full_name(k).clone();
                if other {
                    return Some(w);
                }
                if !people.iter().any(|p| p.key == w.key) {
                    people.push(w);
                }
                continue;
            }
            if !other {
                continue;
            }
            if let Some(u) = self
                .rules
                .unnamed_words
                .iter()
                .filter(|u| upto.ends_with(u.as_str()) && **u != self.rules.reporter_word)
                .max_by_key(|u| u.len())
                .filter(|u| !subject(end - u.len()))
            {
                let start = from + end - u.len();
                return Some(Who::source(&self.current_orig[start..from + end], u, true));
            }
        }
        match word {
            "后者" => people.into_iter().next(),
            "前者" => people.into_iter().nth(1),
            _ => None,
        }
    }

    /// The part of a cue's phrase that names its speaker when the phrase holds another speech
    /// verb and a person's name after it. With only adverbs or time words between that name
    /// and the cue (`蕭世和澄清黃坤明當時是說`, `控方指梁天琦當時說`, `他透露李四早前曾說`)
    /// the name is the cue's subject: the range from the name. With nothing between, the name
    /// is the first verb's object (`特朗普批評拜登說：`): the range before that verb. A time
    /// clause (`批評拜登時說`) is neither. Byte range in `fold`.
    fn reported_subject(&self, orig: &str, fold: &str) -> Option<std::ops::Range<usize>> {
        let ac = self.rules.verb_ac.as_ref()?;
        let verbs: Vec<_> = ac.find_iter(fold).collect();
        verbs.iter().rev().find_map(|m| {
            if m.start() == 0 {
                return None;
            }
            let tail = &fold[m.end()..];
            let ws = super::segment::words(tail);
            // The adverbs and time words at the tail's end.
            let adverbs = ws
                .iter()
                .rev()
                .take_while(|w| {
                    (matches!(w.tag, "d" | "t" | "ad") || matches!(w.text, "是" | "曾" | "曾经"))
                        && !matches!(w.text, "时" | "时候" | "后" | "之后" | "以后" | "前")
                })
                .count();
            if adverbs == ws.len() {
                return None;
            }
            let name_end = m.end() + ws.get(ws.len() - adverbs).map_or(tail.len(), |w| w.start);
            let name = &fold[m.end()..name_end];
            // The verb is a word of its own, or the name is one word read from the verb's
            // end (the segmenter may join `指梁`) — and not the end of a title word
            // (`分析` of `分析师王青`: `师王青` is no name).
            let part_of_title = || {
                name.char_indices().skip(1).take(2).any(|(i, _)| {
                    let upto = &fold[..m.end() + i];
                    self.rules
                        .title_suffixes
                        .iter()
                        .any(|t| upto.ends_with(t.as_str()))
                })
            };
            if !super::speakers::is_name(name)
                || !(super::segment::boundary_at(fold, m.start(), m.end())
                    || ws.first().is_some_and(|w| w.end == name.len()))
                || part_of_title()
            {
                return None;
            }
            // Known, or a surname and one or two characters (the segmenter may tag
            // `黃坤明` a place), or a person by the phrase rules.
            let person = self.registry.expand(name).is_some()
                || (self.rules.is_surname_start(name)
                    && (2..=3).contains(&name.chars().count())
                    && !name.contains('·'))
                || matches!(
                    self.rules.analyse(&orig[m.end()..name_end], name),
                    Phrase::Who(ref w) if w.kind == SpeakerType::Person && w.key.len() == name.len()
                );
            if !person {
                return None;
            }
            Some(if adverbs > 0 {
                m.end()..fold.len()
            } else {
                0..m.start()
            })
        })
    }

    /// The known person whose name or short form (a surname, `林郑`) starts `fold` (after a
    /// leading connector, `但`), when the rest is adverbs, time words or conjunctions only.
    fn known_then_adverbs(&self, fold: &str) -> Option<Who> {
        if fold.chars().count() > 8 {
            return None;
        }
        let fold = &fold[self.rules.connector_len(fold)..];
        let cuts: Vec<usize> = fold.char_indices().map(|(i, _)| i).skip(1).collect();
        cuts.into_iter().rev().find_map(|at| {
            let k = self.registry.expand(&fold[..at])?;
            let rest = super::segment::words(&fold[at..]);
            (k.kind == SpeakerType::Person
                && !rest.is_empty()
                && rest.iter().all(|w| {
                    matches!(w.tag, "d" | "t" | "c" | "ad") && w.text.chars().count() <= 2
                }))
            .then(|| k.clone())
        })
    }

    fn quote(
        w: Who,
        cue: &str,
        words: &str,
        kind: QuoteKind,
        source: QuoteSource,
        seq: Option<usize>,
    ) -> Quote {
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

    /// The words a cue ending the paragraph before announced (`律政司發言人回應指：`): this
    /// unit, when it is a blockquote (each of its paragraphs) or is words in quotation marks
    /// and nothing after them, in the next block. Anything else cancels the announcement.
    fn announced(&mut self, u: &Unit) -> Option<Quote> {
        let (w, cue, seq) = self.pending.take()?;
        if u.seq > seq + 1 {
            return None;
        }
        let f = u.fold.trim_matches(|c: char| is_space(c) || c == '*');
        let lead = u.fold.len()
            - u.fold
                .trim_start_matches(|c: char| is_space(c) || c == '*')
                .len();
        let (range, direct) = if f.starts_with(OPEN) {
            let (r, direct, used) = words_after(f);
            // Text after the closing mark (`“…”赵立坚补充说。`) attributes the words itself.
            if !f[used..]
                .trim_matches(|c: char| is_space(c) || matches!(c, '。' | '，' | ','))
                .is_empty()
            {
                return None;
            }
            (lead + r.start..lead + r.end, direct)
        } else if u.kind == BlockKind::Blockquote {
            // A blockquote of several paragraphs: the next one goes on with the words.
            self.pending = Some((w.clone(), cue.clone(), u.seq));
            (lead..lead + f.len(), true)
        } else {
            return None;
        };
        let words = u.orig(range);
        if !direct || !words.chars().any(char::is_alphanumeric) {
            return None;
        }
        Some(Self::quote(
            w,
            &cue,
            words,
            QuoteKind::Direct,
            QuoteSource::Body,
            Some(u.seq),
        ))
    }

    /// The attributed headline, if the title is one.
    pub fn title(&mut self, title: &str) -> Option<Quote> {
        let t = title.trim_matches(is_space);
        let f = fold(t);
        for r in self.rules.title_quote.matching(&f) {
            let Some(c) = r.captures(&f) else { continue };
            let (sp, q) = (c.name("speaker")?, c.name("quote")?);
            // In a Latin title every word follows a space: `The Real Thing: a note` names nobody.
            if sp.start() > 0 && !f.chars().any(|c| c.script() == unicode_script::Script::Han) {
                continue;
            }
            let words = t[q.range()].trim_matches(is_space);
            if words.is_empty() {
                continue;
            }
            // A speech verb between the phrase and the colon (`平安资管独家回应：`, `12306再回应
            // “…”：`) makes any noun phrase before it a speaker, as quotation marks do.
            let verb_between = f[sp.end()..q.start()]
                .trim_matches(|c: char| is_space(c) || c == '：' || c == ':')
                .chars()
                .count()
                > 0;
            // A verb cue is a word of its own: not part of a dictionary word (`小说`, `号称`,
            // `又称`, `宣称`); a word the segmenter made up may hold it (`美媒称`).
            if let Some(m) = c.name("cue") {
                let to = f[m.end()..]
                    .char_indices()
                    .nth(2)
                    .map_or(f.len(), |(i, _)| m.end() + i);
                let ws = super::segment::words(&f[sp.start()..to]);
                let inside = ws.iter().any(|x| {
                    let (ws_, we) = (sp.start() + x.start, sp.start() + x.end);
                    ws_ < m.end()
                        && m.start() < we
                        && (ws_, we) != (m.start(), m.end())
                        && super::segment::in_dictionary(x.text)
                });
                if inside {
                    continue;
                }
            }
            let Some(w) = self.resolve(&t[sp.range()], sp.as_str(), verb_between) else {
                continue;
            };
            let (inner, direct) = match words.chars().next() {
                Some(o) if OPEN.contains(&o) && words.ends_with(closing(o)) => (
                    &words[o.len_utf8()..words.len() - closing(o).len_utf8()],
                    true,
                ),
                _ => (words, false),
            };
            let cue = c.name("cue").map_or("：", |m| &t[m.range()]);
            return Some(Self::quote(
                w,
                cue,
                inner,
                kind_of(inner, direct),
                QuoteSource::Title,
                None,
            ));
        }
        None
    }

    /// A headline that quotes without naming the speaker (`…　「過往集中項目監察，冇為意性侵問題」`,
    /// `"再过20年，美国终会发现，他们找错了敌人"`): the words in quotation marks that end the
    /// title (or are all of it), attributed to the one speaker in the body who says most of
    /// them — an answer or a quote whose text holds the headline's clauses (of four or more
    /// characters, compared folded and without punctuation). `said`: each speaker (as a
    /// quote row without words) and their words. None when no clause is found or two speakers
    /// say as much. The row keeps the cue of the words found.
    pub fn title_by_body(title: &str, said: &[(Quote, &str)]) -> Option<Quote> {
        let t = title.trim_matches(is_space);
        let close = t.chars().next_back()?;
        let open = OPEN
            .iter()
            .copied()
            .chain(['"'])
            .find(|&o| closing(o) == close)?;
        let inner_end = t.len() - close.len_utf8();
        let open_at = t[..inner_end].rfind(open)?;
        let inner = t[open_at + open.len_utf8()..inner_end].trim_matches(is_space);
        // The marks enclose the whole title or follow a space or separator.
        let lead = t[..open_at].trim_end_matches(is_space);
        if !(lead.is_empty()
            || lead.len() < t[..open_at].len()
            || lead.ends_with(['：', ':', '|', '｜', '-', '—']))
        {
            return None;
        }
        let plain =
            |s: &str| -> String { fold(s).chars().filter(|c| c.is_alphanumeric()).collect() };
        let clauses: Vec<String> = inner
            .split(|c: char| !c.is_alphanumeric())
            .map(plain)
            .filter(|c| c.chars().count() >= 4)
            .collect();
        if clauses.is_empty() {
            return None;
        }
        let mut best: Option<(usize, &Quote)> = None;
        let mut tie = false;
        for (who, words) in said {
            let w = plain(words);
            let score: usize = clauses
                .iter()
                .filter(|c| w.contains(c.as_str()))
                .map(|c| c.chars().count())
                .sum();
            if score == 0 {
                continue;
            }
            match best {
                Some((b, bw)) if score == b && bw.speaker != who.speaker => tie = true,
                Some((b, _)) if score <= b => {}
                _ => {
                    best = Some((score, who));
                    tie = false;
                }
            }
        }
        let (_, who) = best.filter(|_| !tie)?;
        Some(Quote {
            kind: kind_of(inner, true),
            quote: inner.to_string(),
            source: QuoteSource::Title,
            seq: None,
            ..who.clone()
        })
    }

    /// Quotes of one unit; `next` is the unit after it (an attribution line `——Name` may
    /// stand there).
    pub fn unit(&mut self, u: &Unit, next: Option<&Unit>) -> Vec<Quote> {
        let out = self.unit_quotes(u, next);
        // The text before the next unit, for `该公司` (bounded; both copies cut alike).
        self.context.push_str(&self.current);
        self.context_orig.push_str(&self.current_orig);
        if self.context.len() > 600 {
            let mut cut = self.context.len() - 600;
            while !self.context.is_char_boundary(cut) || !self.context_orig.is_char_boundary(cut) {
                cut += 1;
            }
            self.context.drain(..cut);
            self.context_orig.drain(..cut);
        }
        self.current.clear();
        self.current_orig.clear();
        out
    }

    fn unit_quotes(&mut self, u: &Unit, next: Option<&Unit>) -> Vec<Quote> {
        self.current.clone_from(&u.fold);
        self.current_orig.clone_from(&u.text);
        let mut out = Vec::new();
        let f = u.fold.as_str();
        // Byte ranges already attributed: cues inside them are words, not cues.
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        // Words a cue ending the paragraph before announced: the whole unit is taken.
        let announced = self.announced(u);
        if announced.is_some() {
            taken.push(0..f.len());
        }

        // Every cue with a speaker, first; then the words of each, which end where the next
        // cue's speaker begins (`白宫证实，…。白宫说：“…”` is two quotes).
        let mut cues = Vec::new();
        for c in &u.cues {
            let verb = Span {
                s: f,
                r: c.verb.clone(),
            };
            let punct = Span {
                s: f,
                r: c.punct.clone(),
            };
            if inside_quotes(f, verb.start()) {
                continue;
            }
            let before = &f[..verb.start()];
            let mut start = clause_start(before);
            // Not when the name ends the phrase (`林引述「陳幫辦」指`: who speaks is in the marks).
            if start < verb.start() {
                start = over_quoted_names(f, start);
            }
            let mut end = verb.start();
            // `张三拿起一个苹果，说：“…”`: a verb alone after a comma, the clause before no
            // speaker — the sentence's subject says the words.
            let alone = (start == end && before.ends_with(['，', ','])).then_some(end);
            // A verb with its connector after a comma (`…，又指…`, `…，並指…`): the subject of
            // the sentence's clause before says it.
            if start == end
                && verb
                    .as_str()
                    .starts_with(self.rules.connector_verb_starts.as_slice())
                && let Some(w) = self.sentence_subject(&u.text, f, start, end)
            {
                cues.push((
                    start,
                    verb.range(),
                    punct.range(),
                    punct.as_str().is_empty(),
                    w,
                ));
                continue;
            }
            // A verb of opinion right after another cue's comma is part of the words that cue
            // reports (`葉劉淑儀及葉國謙表示，相信…`: `相信` is said, not a new cue; not
            // `彭博社质疑，称“…”`, where `称` reports).
            if start == verb.start()
                && self.rules.is_opinion_verb(verb.as_str())
                && u.cues
                    .iter()
                    .any(|o| o.verb.end <= start && !o.punct.is_empty() && o.punct.end == start)
            {
                continue;
            }
            if start == verb.start() && before.ends_with(['，', ',']) {
                // `马宣立医生，批评…`: the clause before the comma is the speaker, if that is all
                // it is.
                end = start
                    - '，'
                        .len_utf8()
                        .min(before.len() - before.trim_end_matches(['，', ',']).len());
                start = clause_start(&f[..end]);
                if start >= end || f[start..end].chars().count() > 12 {
                    // A longer clause before the comma is a predicate of its own, its subject
                    // the speaker (`盧偉聰其後交代元朗襲擊事件，指…`, `王建平在会上介绍了项目
                    // 进展，称…`): the sentence's subject says the words.
                    if let Some(at) = alone
                        && let Some(w) = self.subject_before_verb(u, verb.as_str(), &punct, at)
                    {
                        cues.push((
                            at,
                            verb.range(),
                            punct.range(),
                            punct.as_str().is_empty(),
                            w,
                        ));
                    }
                    continue;
                }
            }
            // Connectors and determiners before the speaker (`也有网友`, `这位负责人`) are not
            // clause text.
            let lead = self.rules.trim_phrase(&f[start..end]).0;
            // Only a connector after a comma (`张伟沉默了片刻，随后说：`, `…，接着说`): the subject
            // of the sentence's clause before says it, as after `又`/`并`.
            if start < end
                && (lead >= end - start
                    || self.rules.leading_words.iter().any(|x| x == &f[start..end]))
                && !punct.as_str().is_empty()
                && f[..start].ends_with(['，', ','])
                && let Some(w) = self.sentence_subject(&u.text, f, start, start)
            {
                cues.push((
                    start,
                    verb.range(),
                    punct.range(),
                    punct.as_str().is_empty(),
                    w,
                ));
                continue;
            }
            if start == end
                || self.rules.not_speaker(&f[start + lead..verb.end()])
                || self.rules.negated(&f[start..verb.start()])
                || passive_before(&f[start..verb.start()])
            {
                continue;
            }
            let quoted = OPEN.iter().any(|o| {
                f[punct.range()].starts_with(*o)
                    || f[punct.end()..]
                        .trim_start_matches(is_space)
                        .starts_with(*o)
            });
            // A short quoted term right after a verb that takes a noun (not a clause: `指`,
            // `表示` are `bare_verbs`), which a noun phrase goes on from, is its object, not
            // words said (`提出“双碳”目标`, `宣布“清零”政策`).
            let takes_clause = self.rules.is_bare_verb(verb.as_str());
            if let Some(o) = f[punct.range()]
                .chars()
                .next()
                .filter(|c| OPEN.contains(c) && !takes_clause)
            {
                let body = punct.start() + o.len_utf8();
                if let Some(j) = f[body..].find(closing(o)) {
                    let inner = &f[body..body + j];
                    let after = f[body + j + closing(o).len_utf8()..].chars().next();
                    if inner.chars().count() <= 8
                        && !inner.contains(['。', '！', '？', '，', '!', '?', ','])
                        && after.is_some_and(|c| c.script() == unicode_script::Script::Han)
                    {
                        continue;
                    }
                }
            }
            // Words reported inside a speech verb's clause (`蕭世和澄清黃坤明當時是說「…」`):
            // the person after that verb says them.
            if let Some(r) = self.reported_subject(&u.text[start..end], &f[start..end]) {
                (start, end) = (start + r.start, start + r.end);
            }
            // A pronoun refers to the subject of the last sentence that names someone it can
            // refer to.
            if let Some(k) = self.registry.last_named_for(f, start, &f[start..end]) {
                self.last = Some(k.clone());
            }
            // A predicate with its aspect particle (`叹了口气说`, `红着眼眶说`) is no speaker:
            // the sentence's subject before the comma is.
            let comma = f[..start]
                .rfind(['，', ','])
                .map(|i| {
                    i + '，'
                        .len_utf8()
                        .min(f[i..].chars().next().map_or(1, char::len_utf8))
                })
                .filter(|&c| c <= start && !f[c..end].contains(BOUNDARY));
            let predicate = start < end
                && f[start..end].contains(['了', '着', '过'])
                && comma.is_some_and(|c| {
                    super::segment::words(&f[c..end])
                        .iter()
                        .skip(1)
                        .any(|w| matches!(w.tag, "ul" | "uz" | "ug"))
                });
            let alone = if predicate { comma } else { alone };
            // Who the phrase names; else, for a verb alone after a comma with its colon or
            // comma, or a verb that takes a clause (`…，指…`), the sentence's subject.
            let mut of_sentence = false;
            let Some(w) = (!predicate)
                .then(|| {
                    self.resolve(&u.text[start..end], &f[start..end], quoted)
                        .or_else(|| self.sentence_subject(&u.text, f, start, end))
                })
                .flatten()
                .or_else(|| {
                    of_sentence = true;
                    alone.and_then(|at| self.subject_before_verb(u, verb.as_str(), &punct, at))
                })
            else {
                continue;
            };
            // Before a comma, only a person's name alone (`马宣立医生，批评…`), or a clause
            // whose subject speaks on (`香港記者協會發表聲明，表示…`).
            if end < verb.start()
                && w.kind != SpeakerType::Person
                && !matches!(
                    self.rules
                        .clause_subject(&u.text[start..end], &f[start..end]),
                    Phrase::Who(_)
                )
            {
                continue;
            }
            let bare = punct.as_str().is_empty();
            if bare {
                let v = verb.as_str();
                let listed = self.rules.is_bare_verb(v);
                // A one-character verb (`指`, `称`) after an organisation or source only after
                // a comma that ends its clause (`警方發出新聞稿，指…`), or right after its whole
                // name of two characters or more, letters only (`中聯辦指…`, `一位货车司机称…`;
                // not `沪指`, an index, nor `IT之家网友称` read as `IT`, nor `…】#知网称`).
                let after_clause = of_sentence || end < verb.start();
                let right_after = w.key.chars().count() >= 2
                    && w.key.chars().all(|c| c.is_alphanumeric() || c == '·')
                    && super::speakers::trim_adverbs(&f[start..end]).ends_with(w.key.as_str());
                if !listed
                    || (v.chars().count() < 2
                        && w.kind != SpeakerType::Person
                        && !after_clause
                        && !right_after)
                {
                    continue;
                }
            }
            cues.push((start, verb.range(), punct.range(), bare, w));
        }
        // The verb of each quote in `out`, by byte offset (none for announced words).
        let mut verbs_at: Vec<usize> = Vec::new();
        if let Some(q) = announced {
            verbs_at.push(usize::MAX);
            out.push(q);
        }
        for n in 0..cues.len() {
            let (_, ref verb, ref punct, bare, ref w) = cues[n];
            let (verb, punct) = (verb.clone(), punct.clone());
            if taken.iter().any(|r| r.contains(&verb.start)) {
                continue;
            }
            let after_at = if OPEN.iter().any(|o| f[punct.clone()].starts_with(*o)) {
                punct.start
            } else {
                punct.end
            };
            // The next cue ends these words when it is a new attribution: its words are in
            // quotation marks, or it names the same speaker again (`白宫证实，…，白宫说：“…”`).
            // A named person with a title or organisation opens a new attribution too
            // (`美国政府接连发声谴责，美国国务卿布林肯3日表示，…`). Otherwise it is reported
            // inside them (`赵立坚回应称，中方表示严重关切`).
            let limit = cues
                .get(n + 1)
                .filter(|c| {
                    f[c.2.clone()].starts_with(OPEN)
                        || f[c.2.end..].trim_start_matches(is_space).starts_with(OPEN)
                        || c.4.key == w.key
                        || (c.4.kind == SpeakerType::Person
                            && (c.4.title.is_some() || c.4.org.is_some()))
                        // A contrast opens its clause (`…，但专家表示，…`): someone else's
                        // words, not reported inside these.
                        || {
                            let before = &f[..c.1.start];
                            let clause = before.rfind(['，', ',']).map_or(before, |i| {
                                &before[i + before[i..].chars().next().map_or(1, char::len_utf8)..]
                            });
                            self.rules
                                .contrast_connectors
                                .iter()
                                .any(|x| clause.trim_start_matches(is_space).starts_with(x.as_str()))
                                && c.4.key != w.key
                        }
                })
                .map_or(f.len(), |c| c.0)
                .max(after_at);
            let (mut range, direct, mut used) = words_after(&f[after_at..limit]);
            // Reported words followed by quoted ones that end the paragraph with no cue of
            // their own (`X说，急诊科一直缺人。“年轻医生都不愿意来。”`): the same attribution
            // goes on (mixed), to the closing mark.
            if !direct
                && limit == f.len()
                && f[after_at + range.start..after_at + range.end]
                    .trim_end()
                    .ends_with(['。', '！', '？', '!', '?'])
                && f[after_at + range.start..after_at + range.end]
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .count()
                    >= 4
                && let Some(end) = trailing_quotation(&f[after_at + used..])
            {
                range.end = used + end;
                used += end;
            }
            let words = u
                .orig(after_at + range.start..after_at + range.end)
                .trim_end_matches(|c: char| is_space(c) || matches!(c, '，' | ','));
            let count = words.trim_matches(is_space).chars().count();
            if f[verb.end..]
                .trim_end_matches(|c: char| is_space(c) || c == '*')
                .trim_start_matches("如下")
                .trim_matches(is_space)
                .chars()
                .all(|c| matches!(c, '：' | ':'))
                && f[verb.end..].contains(['：', ':'])
            {
                // `…回應指：` ends the paragraph: the next one holds the words.
                self.pending = Some((w.clone(), u.orig(verb.clone()).to_string(), u.seq));
                continue;
            }
            // Words have a letter or digit (`王五说：”` quotes nothing).
            if count == 0 || (bare && count < 4) || !words.chars().any(char::is_alphanumeric) {
                continue;
            }
            taken.push(after_at..after_at + used);
            verbs_at.push(verb.start);
            out.push(Self::quote(
                w.clone(),
                u.orig(verb),
                words,
                kind_of(words, direct),
                QuoteSource::Body,
                Some(u.seq),
            ));
        }
        // Reported words before their speaker and verb, which end the sentence (wire style:
        // `公司今年将加大研发投入，董事长王建林表示。`, `政府將持續推動改革，林佳龍說。`): the
        // clause after the last comma is the speaker, the sentence before it the words.
        for c in &u.cues {
            let v = c.verb.clone();
            if inside_quotes(f, v.start)
                || taken.iter().any(|r| r.contains(&v.start))
                || verbs_at.contains(&v.start)
            {
                continue;
            }
            let after = f[v.end..].trim_start_matches(is_space);
            if !(after.is_empty() || after.starts_with(['。', '！', '!', '；', ';'])) {
                continue;
            }
            // A bare verb, or any speech verb with `说`/`道` (`补充说`, `解释道`): at the end of
            // the sentence it can only report.
            let verb_word = &f[v.clone()];
            if !(self.rules.is_bare_verb(verb_word)
                || (verb_word.chars().count() >= 3 && verb_word.ends_with(['说', '道'])))
            {
                continue;
            }
            let Some(comma) = f[..v.start].rfind(['，', ',']) else {
                continue;
            };
            let ps = comma + f[comma..].chars().next().map_or(1, char::len_utf8);
            let phrase = &f[ps..v.start];
            if phrase.is_empty() || phrase.chars().count() > 20 || phrase.contains(BOUNDARY) {
                continue;
            }
            let ss = f[..comma]
                .rfind(['。', '！', '？', '!', '?', '；', ';'])
                .map_or(0, |i| i + f[i..].chars().next().map_or(1, char::len_utf8));
            let words = &f[ss..comma];
            if words.chars().count() < 8
                || words.contains(OPEN)
                || words.contains(['”', '」', '』'])
                || taken.iter().any(|r| r.start < comma && ss < r.end)
                || verbs_at.iter().any(|&x| (ss..v.end).contains(&x))
                || self.rules.not_speaker(&f[ps..v.end])
                || self.rules.negated(phrase)
                || passive_before(phrase)
            {
                continue;
            }
            let Some(w) = self.resolve(&u.text[ps..v.start], phrase, false) else {
                continue;
            };
            // The speaker phrase is a name or a source, not a clause (`…，记者在现场看到`).
            if super::segment::words(phrase)
                .iter()
                .any(|x| x.tag.starts_with('v'))
                && w.kind != SpeakerType::Person
            {
                continue;
            }
            taken.push(ss..v.end);
            verbs_at.push(v.start);
            let words = u.orig(ss..comma);
            out.push(Self::quote(
                w,
                u.orig(v.clone()),
                words,
                kind_of(words, false),
                QuoteSource::Body,
                Some(u.seq),
            ));
        }
        // `<subject><predicate>：“…”` with no speech verb: the clause's subject says the words,
        // when the clause speaks of speaking (`聊了聊…`, `回道`, `补了一句`;
        // `speech.colon_speech_words`) and is not passive (`被称为：“国士”` names). At most 64
        // such colons per paragraph (each rescans its line).
        let candidates: Vec<(usize, &str)> = f
            .match_indices(['：', ':'])
            .filter(|(colon, c)| {
                f[colon + c.len()..]
                    .trim_start_matches(is_space)
                    .starts_with(OPEN)
            })
            .take(64)
            .collect();
        for (colon, c) in candidates {
            let after = colon + c.len();
            let rest = f[after..].trim_start_matches(is_space);
            let open_at = f.len() - rest.len();
            if inside_quotes(f, colon)
                || taken
                    .iter()
                    .any(|r| r.contains(&open_at) || r.contains(&colon))
                || verbs_at
                    .iter()
                    .any(|&v| v < colon && !f[v..colon].contains(BOUNDARY))
            {
                continue;
            }
            let start = clause_start(&f[..colon]);
            if start >= colon {
                continue;
            }
            // A person's name alone before the colon at the paragraph's start (`王强：“…”`,
            // `市民李华：「…」`), outside an exchange: a quote with the colon as its cue.
            // The words are a sentence, and the paragraph ends with them (`王强：“拼命三郎”，工作
            // 二十年…` gives a nickname, not words).
            let sentence = {
                let (range, _, used) = words_after(&f[open_at..]);
                let inner =
                    f[open_at + range.start..open_at + range.end].trim_end_matches(is_space);
                (inner.ends_with(['。', '！', '？', '!', '?', '…']) || inner.chars().count() >= 10)
                    && f[open_at + used..]
                        .trim_matches(|c: char| is_space(c) || "。！？!?”」』*".contains(c))
                        .is_empty()
            };
            let named = sentence
                && f[..start]
                    .trim_matches(|c: char| is_space(c) || c == '*')
                    .is_empty()
                && !super::segment::words(&f[start..colon])
                    .iter()
                    .any(|w| w.tag.starts_with('v') || w.tag == "p")
                && matches!(
                    self.rules.analyse(&u.text[start..colon], &f[start..colon]),
                    Phrase::Who(ref w) if w.kind == SpeakerType::Person
                        && f[start..colon].trim_matches(|c: char| is_space(c) || c == '*').ends_with(w.key.as_str())
                );
            let speaks = named || self.rules.colon_clause_speaks(&f[start..colon]);
            // A clause that does not speak of speaking (`谭素珍很着急：“…”`, `邹建平记得很清楚：
            // “…”`) still gives its person's words when they are a sentence that ends the
            // paragraph (not a nickname or a sign's text in the middle of one).
            if !speaks && (!sentence || f[start..colon].contains('被')) {
                continue;
            }
            let subject = if named {
                self.rules.analyse(&u.text[start..colon], &f[start..colon])
            } else {
                self.rules
                    .clause_subject(&u.text[start..colon], &f[start..colon])
            };
            if !speaks
                && !matches!(subject, Phrase::Pronoun)
                && !matches!(subject, Phrase::Who(ref w) if w.kind == SpeakerType::Person)
            {
                continue;
            }
            let w = match subject {
                Phrase::Who(mut w) => {
                    if let Some(k) = self
                        .registry
                        .expand(&w.key)
                        .filter(|_| w.kind == SpeakerType::Person)
                    {
                        w = k.clone();
                    }
                    self.registry.complete(&mut w);
                    if w.kind == SpeakerType::Person {
                        self.last = Some(w.clone());
                    }
                    w
                }
                Phrase::Pronoun => match self
                    .registry
                    .last_named_for(f, start, &f[start..colon])
                    .or(self.last.as_ref())
                    .filter(|k| {
                        self.rules.pronoun_agrees(&f[start..colon], k)
                            && self.registry.agrees(&f[start..colon], k)
                    }) {
                    Some(k) => k.clone(),
                    None => continue,
                },
                Phrase::Not => continue,
            };
            let (range, direct, used) = words_after(&f[open_at..]);
            let words = u.orig(open_at + range.start..open_at + range.end);
            if !direct || !words.chars().any(char::is_alphanumeric) {
                continue;
            }
            taken.push(start..open_at + used);
            verbs_at.push(colon);
            out.push(Self::quote(
                w,
                c,
                words,
                QuoteKind::Direct,
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
                let Some(j) = f[body..].find(closing(o)) else {
                    break;
                };
                let close_at = body + j;
                let after = close_at + closing(o).len_utf8();
                at = after;
                if taken.iter().any(|r| r.contains(&open_at)) {
                    continue;
                }
                let rest = &f[after..];
                // A quoted term is no speech (`的「特務監校」行為令人髮指`, `「爆眼教師」楊子俊…
                // 質疑`): the words open a clause and are a sentence — they end with its mark,
                // a comma follows them, or they are ten characters or more.
                let inner = f[body..close_at].trim_matches(is_space);
                let before = f[..open_at].trim_end_matches(|c: char| is_space(c) || c == '*');
                let opens = before.is_empty()
                    || before.ends_with([
                        '。', '！', '？', '!', '?', '，', ',', '：', ':', '；', '”', '」', '』',
                    ]);
                let sentence = inner.ends_with(['。', '！', '？', '!', '?', '…', '，', ','])
                    || rest.trim_start_matches(is_space).starts_with(['，', ','])
                    || inner.chars().count() >= 10;
                let term = !opens || !sentence;
                // Words after a colon belong to what introduced them (`主持人問他：「…？」`,
                // `高叫口號：「…」`), not to a cue after them that has its own colon
                // (`他回答：「…」`).
                let introduced = before.ends_with(['：', ':']);
                // `“…” ——Evan Gilman，维护者`: an attribution line after the words.
                let dash = rest.trim_start_matches(is_space);
                if dash.starts_with(['—', '―']) && !term {
                    let name_at =
                        after + (rest.len() - dash.trim_start_matches(['—', '―', ' ']).len());
                    let name_end = f[name_at..]
                        .find(['，', ',', '。', '（', '(', '\n', '“', '"'])
                        .map_or(f.len(), |i| name_at + i);
                    if name_end > name_at
                        && let Some(w) =
                            self.resolve(&u.text[name_at..name_end], &f[name_at..name_end], false)
                    {
                        let words = u.orig(body..close_at);
                        taken.push(open_at..name_end);
                        out.push(Self::quote(
                            w,
                            "——",
                            words,
                            QuoteKind::Direct,
                            QuoteSource::Body,
                            Some(u.seq),
                        ));
                        continue;
                    }
                }
                let skip = rest.len() - rest.trim_start_matches(['，', ',', ' ']).len();
                let clause_start = after + skip;
                // The verb must end the clause (before its first boundary mark): the regex reads
                // up to that mark only, not the rest of the paragraph (quadratic on a paragraph
                // of many quotations).
                let window = f[clause_start..].find(BOUNDARY).map_or(f.len(), |i| {
                    clause_start
                        + i
                        + f[clause_start + i..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8)
                });
                // A question asked of someone (`“这是谁干的？”警察问张三。`): the verb and its
                // addressee end the clause.
                static ASK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
                    regex::Regex::new(
                        r"^[^，。！？；：:“”「」\s]{1,12}?(?P<verb>[追质反询发]?问)[^，。！？；：:“”「」\s]{1,6}?\s*(?:[。，,！!；;]|$)",
                    )
                    .expect("valid")
                });
                let asked = || {
                    inner
                        .ends_with(['？', '?'])
                        .then(|| ASK.captures(&f[clause_start..window]))
                        .flatten()
                        .map(|c| {
                            let m = c.name("verb").expect("group");
                            (m.start(), m.end())
                        })
                };
                // `“…”回忆起当年的情景，老兵李德胜说。`: an adverbial clause naming nobody between
                // the words and the clause of their cue.
                let after_adverbial = || {
                    let first = &f[clause_start..window];
                    if !first.ends_with(['，', ','])
                        || super::segment::words(first).iter().any(|w| {
                            super::segment::is_person_tag(w.tag)
                                // A personal pronoun, not a demonstrative (`谈起这几年，`).
                                || (w.tag == "r" && self.rules.is_pronoun(w.text))
                        })
                    {
                        return None;
                    }
                    let end = f[window..].find(BOUNDARY).map_or(f.len(), |i| {
                        window + i + f[window + i..].chars().next().map_or(1, char::len_utf8)
                    });
                    let c = v.captures(&f[window..end])?;
                    let m = c.name("verb").expect("group");
                    (m.start() > 0).then_some((window, m.start(), m.end()))
                };
                // A fragment `向…说` that starts at a name's surname (`向东升说`) is none: the
                // verb after it is.
                let cue_end = |from: usize| {
                    let mut s = from;
                    loop {
                        let c = v.captures(&f[s..window])?;
                        let m = c.name("verb").expect("group");
                        if !self.rules.given_name_at(f, s + m.start()) {
                            return Some((s + m.start() - from, s + m.end() - from));
                        }
                        s +=
                            m.start() + f[s + m.start()..].chars().next().map_or(1, char::len_utf8);
                    }
                };
                let Some((clause_start, verb_start, verb_end)) = cue_end(clause_start)
                    .or_else(asked)
                    .map(|(s, e)| (clause_start, s, e))
                    .or_else(after_adverbial)
                else {
                    continue;
                };
                // `“甲，”李四表示，“乙。”`, `「甲。」他說：「乙。」`: one attribution, whose
                // words are 甲 then 乙. After
                // `“甲。”李四称，乙…` the cue's reported words (乙) are a quote of their own:
                // 甲 is a second, direct one.
                if term {
                    // Still, the phrase names who speaks next (what a pronoun refers to).
                    let phrase = clause_start..clause_start + verb_start;
                    if !phrase.is_empty() && !f[phrase.clone()].contains(BOUNDARY) {
                        self.resolve(&u.text[phrase.clone()], &f[phrase], true);
                    }
                    continue;
                }
                // (A cue ending its clause with a comma or a full stop still takes them, as
                // before: `…：「…」他先作評論，指…`.)
                if introduced
                    && f[clause_start + verb_end..]
                        .trim_start_matches(is_space)
                        .starts_with(['：', ':'])
                {
                    continue;
                }
                if let Some(i) = verbs_at
                    .iter()
                    .position(|&x| x == clause_start + verb_start)
                {
                    let words = u.orig(body..close_at).trim_matches(is_space).to_string();
                    if out[i].kind == QuoteKind::Direct {
                        // (`“甲”，他说，“乙。”`: the comma outside the mark joins the parts.)
                        let joint = if words.ends_with(|c: char| {
                            c.is_ascii_punctuation() || "，。！？…、；：".contains(c)
                        }) {
                            ""
                        } else {
                            "，"
                        };
                        out[i].quote = format!("{words}{joint}{}", out[i].quote);
                    } else if !words.is_empty() {
                        let mut q = out[i].clone();
                        q.quote = words;
                        q.kind = QuoteKind::Direct;
                        out.push(q);
                    }
                    taken.push(open_at..after);
                    continue;
                }
                let phrase = clause_start..clause_start + verb_start;
                if phrase.is_empty() || f[phrase.clone()].contains(BOUNDARY) {
                    continue;
                }
                let Some(w) = self.resolve(&u.text[phrase.clone()], &f[phrase.clone()], true)
                else {
                    continue;
                };
                let words = u.orig(body..close_at);
                if words.trim_matches(is_space).is_empty() {
                    continue;
                }
                taken.push(open_at..clause_start + verb_end);
                let cue = u.orig(clause_start + verb_start..clause_start + verb_end);
                let mut q = Self::quote(
                    w,
                    cue,
                    words,
                    QuoteKind::Direct,
                    QuoteSource::Body,
                    Some(u.seq),
                );
                // `“甲，”李四表示。“乙。”`: the quotation right after the attribution's
                // sentence goes on with the same words.
                let end = clause_start + verb_end;
                let next = f[end..].trim_start_matches(is_space);
                if let Some(rest) = next.strip_prefix(['。', '.'])
                    && let Some(o2) = rest.trim_start_matches(is_space).chars().next()
                    && OPEN.contains(&o2)
                {
                    let open2 = f.len() - rest.trim_start_matches(is_space).len();
                    let body2 = open2 + o2.len_utf8();
                    if let Some(j) = f[body2..].find(closing(o2)) {
                        let more = u.orig(body2..body2 + j).trim_matches(is_space);
                        // Unless a cue of its own follows it (`“甲。”张三说。“乙。”李四反驳道。`).
                        let after = &f[body2 + j + closing(o2).len_utf8()..];
                        let sentence = &after[..after
                            .find(['。', '！', '？', '!', '?', '“', '「', '『'])
                            .unwrap_or(after.len())];
                        let own_cue = self
                            .rules
                            .verb_ac
                            .as_ref()
                            .is_some_and(|ac| ac.find(sentence).is_some());
                        if !more.is_empty() && !own_cue {
                            q.quote = format!("{}{more}", q.quote);
                            taken.push(open2..body2 + j + closing(o2).len_utf8());
                            at = at.max(body2 + j + closing(o2).len_utf8());
                        }
                    }
                }
                out.push(q);
            }
        }
        // `“……”` as a paragraph of its own, with `——Name，title` on the next line.
        if out.is_empty()
            && let Some(o) = f.chars().next().filter(|c| OPEN.contains(c))
            && let Some(n) = next
            && n.fold.starts_with(['—', '―'])
        {
            let at = n.fold.len() - n.fold.trim_start_matches(['—', '―', ' ']).len();
            let end = n.fold[at..]
                .find(['，', ',', '。', '（', '('])
                .map_or(n.fold.len(), |i| at + i);
            if end > at
                && let Some(w) = self.resolve(&n.text[at..end], &n.fold[at..end], false)
            {
                let body = o.len_utf8();
                let close = f[body..].rfind(closing(o)).map_or(f.len(), |i| body + i);
                out.push(Self::quote(
                    w,
                    "——",
                    u.orig(body..close),
                    QuoteKind::Direct,
                    QuoteSource::Body,
                    Some(u.seq),
                ));
            }
        }
        // Quoted sentences that name nobody, right after someone was quoted: still them. A
        // quotation opening the paragraph or a sentence of it, that is a sentence itself (the
        // words end one, or the mark is followed by the end of one); a quoted phrase inside a
        // sentence (`“京沪计划”拟减持`) is not speech.
        // With nobody quoted just before, the person a sentence of this paragraph names before
        // the quotation is who speaks (`…李先生均发布有货运订单，但几乎没有司机接单。“司机运货
        // 一不小心就要被隔离…”`).
        let continued = match self.last_quote.clone() {
            Some((w, seq)) if u.seq <= seq + 2 => {
                // A person named in a paragraph after the last quote, and quoted before, is who
                // goes on speaking (`…Johnston还承诺…。` then `“我们设定了…”`), not the last
                // quote's speaker; a person only mentioned (`队长李明因伤缺席。`) is not.
                Some(match &self.last_named {
                    Some((k, at))
                        if *at > seq
                            && k.kind == SpeakerType::Person
                            && self.quoted.contains(&k.name) =>
                    {
                        k.clone()
                    }
                    _ => w,
                })
            }
            _ => f.find(OPEN).filter(|&i| i > 0).and_then(|first| {
                self.registry
                    .last_named(f, first)
                    .filter(|k| k.kind == SpeakerType::Person && f[..first].contains(&k.key))
                    .cloned()
            }),
        };
        // (Quotations after words attributed in this paragraph belong to that attribution:
        // one quote per attribution, `張三說：「甲。」「乙。」`.)
        if out.is_empty()
            && let Some(w) = continued
        {
            let mut at = 0;
            while let Some(i) = f[at..].find(OPEN) {
                let open_at = at + i;
                let o = f[open_at..].chars().next().expect("found");
                let body = open_at + o.len_utf8();
                let close_at = f[body..].find(closing(o)).map_or(f.len(), |j| body + j);
                at = (close_at + closing(o).len_utf8()).min(f.len());
                let before = f[..open_at].trim_end_matches(is_space);
                let opens_sentence = before.is_empty()
                    || before.ends_with(['。', '！', '？', '!', '?', '”', '」', '…']);
                let inner = f[body..close_at].trim_end_matches(is_space);
                let after = f[at..].trim_start_matches(is_space);
                let is_sentence = inner.ends_with(['。', '！', '？', '!', '?', '…'])
                    || after.is_empty()
                    || after.starts_with(['。', '！', '？', '!', '?', '“', '「', '『']);
                let words = u.orig(body..close_at);
                let n = words.trim_matches(is_space).chars().count();
                if opens_sentence
                    && is_sentence
                    && n >= if before.is_empty() { 4 } else { 8 }
                    && !taken.iter().any(|r| r.contains(&open_at))
                {
                    out.push(Self::quote(
                        w.clone(),
                        "continued",
                        words,
                        QuoteKind::Direct,
                        QuoteSource::Body,
                        Some(u.seq),
                    ));
                }
                if close_at >= f.len() {
                    break;
                }
            }
        }
        self.quoted.extend(out.iter().map(|q| q.speaker.clone()));
        if let Some(q) = out.last() {
            let mut w = Who::named(&q.speaker, q.speaker_type);
            w.title = q.speaker_title.clone();
            w.org = q.speaker_org.clone();
            self.last_quote = Some((w, u.seq));
        }
        if let Some(k) = self.registry.last_named(f, f.len()) {
            self.last = Some(k.clone());
            self.last_named = Some((k.clone(), u.seq));
        }
        out.sort_by_key(|q| u.text.find(q.quote.as_str()).unwrap_or(usize::MAX));
        out
    }
}

/// Whether the verb is passive with its agent before it (`王立群被李华指责`, `该官员被网友批评`,
/// `林先生被鄰居指`): the words are said of the subject, not by it. `被问及此事时表示` (a clause
/// of time), `被投诉的书记宣称` (a relative clause) and words that start with `被`, as the
/// segmenter reads them — nouns (`被告人张某`, `被害人家属`, `被访者`) and attributes (`被困乘客
/// 刘女士`, `被捕男子`) — are not.
fn passive_before(phrase: &str) -> bool {
    phrase.rfind('被').is_some_and(|i| {
        let agent = &phrase[i + '被'.len_utf8()..];
        let n = agent.chars().count();
        (1..=6).contains(&n)
            && !agent.contains('的')
            && !agent.starts_with(['问', '询', '追'])
            && !agent.ends_with(['时', '后', '上', '中', '前'])
            && !super::segment::words(phrase)
                .iter()
                .any(|w| w.start == i && w.text.chars().count() >= 2)
    })
}

/// Whether byte `at` of `f` is inside quotation marks.
/// The start of a speaker phrase that names an event, programme or outlet in quotation marks
/// (`王文涛在“部长通道”上`, `接受「眾新聞」訪問時`): when the phrase starting at `start` follows
/// a closing mark whose quotation is a name — at most 20 characters, no sentence or clause
/// mark inside, opened in the middle of a clause (after neither a boundary nor the start) —
/// the phrase starts before it, at the clause's start. Repeated for several names.
fn over_quoted_names(f: &str, mut start: usize) -> usize {
    loop {
        let Some(close) = f[..start].chars().next_back() else {
            return start;
        };
        let open = match close {
            '”' => '“',
            '」' => '「',
            '』' => '『',
            _ => return start,
        };
        let close_at = start - close.len_utf8();
        let Some(open_at) = f[..close_at].rfind(open) else {
            return start;
        };
        let inner = &f[open_at + open.len_utf8()..close_at];
        let before = &f[..open_at];
        if inner.is_empty()
            || inner.chars().count() > 20
            || inner.contains(BOUNDARY)
            || before.is_empty()
            || before.ends_with(BOUNDARY)
            || before.ends_with(is_space)
        {
            return start;
        }
        start = clause_start(before);
    }
}

/// Whether byte `at` of `f` is inside quotation marks (`“…”`, `「…」`, `『…』`) or title marks
/// (`《…》`, `〈…〉`: a programme or book named `《发言人说》` reports nothing).
fn inside_quotes(f: &str, at: usize) -> bool {
    let (mut quotes, mut titles) = (0i32, 0i32);
    for c in f[..at].chars() {
        match c {
            '“' | '「' | '『' => quotes += 1,
            '”' | '」' | '』' => quotes -= 1,
            '《' | '〈' => titles += 1,
            '》' | '〉' => titles -= 1,
            _ => {}
        }
    }
    quotes > 0 || titles > 0
}

/// A byte range of a text, with the accessors of a regex match.
pub(super) struct Span<'t> {
    pub s: &'t str,
    pub r: std::ops::Range<usize>,
}

impl<'t> Span<'t> {
    pub fn start(&self) -> usize {
        self.r.start
    }
    pub fn end(&self) -> usize {
        self.r.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.r.clone()
    }
    pub fn as_str(&self) -> &'t str {
        &self.s[self.r.clone()]
    }
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
