//! Compiling rules from configuration: regexes, CSS selectors and literal sets, each checked
//! and reported by its key. Below the stages and `config` (both use it; it uses neither), so
//! that no import circle runs through the configuration.

use regex::{Regex, RegexSet};
use scraper::Selector;

/// Compiles one stage's regexes and selectors, reporting each bad rule by its key (prefixed
/// with the stage's section, `body.`), and remembering whether any was bad. Every stage that
/// has pattern or selector rules compiles them through this, once, at load time.
pub struct RuleCompiler<'r> {
    prefix: &'static str,
    report: &'r mut dyn FnMut(String, String),
    ok: bool,
}

impl<'r> RuleCompiler<'r> {
    pub fn new(prefix: &'static str, report: &'r mut dyn FnMut(String, String)) -> Self {
        RuleCompiler {
            prefix,
            report,
            ok: true,
        }
    }

    /// Whether every rule compiled so far was valid.
    pub fn ok(&self) -> bool {
        self.ok
    }

    fn bad(&mut self, key: &str, reason: String) {
        (self.report)(format!("{}{key}", self.prefix), reason);
        self.ok = false;
    }

    /// One regex that must have the named `groups`; an empty pattern is no rule (`None`).
    pub fn regex(&mut self, key: &str, pattern: &str, groups: &[&str]) -> Option<Regex> {
        if pattern.is_empty() {
            return None;
        }
        match Regex::new(pattern) {
            Ok(r) => {
                let missing: Vec<&&str> = groups
                    .iter()
                    .filter(|g| r.capture_names().all(|n| n != Some(**g)))
                    .collect();
                for g in missing {
                    self.bad(
                        key,
                        format!("pattern {pattern:?} has no named group (?P<{g}>…)"),
                    );
                }
                Some(r)
            }
            Err(e) => {
                self.bad(key, format!("invalid regex: {e}"));
                None
            }
        }
    }

    /// A list of regexes (`key[i]` for each).
    pub fn regexes(&mut self, key: &str, list: &[String], groups: &[&str]) -> Vec<Regex> {
        list.iter()
            .enumerate()
            .filter_map(|(i, p)| self.regex(&format!("{key}[{i}]"), p, groups))
            .collect()
    }

    /// A list of regexes as [`Patterns`] (each checked as `key[i]`).
    pub fn patterns(&mut self, key: &str, list: &[String], groups: &[&str]) -> Patterns {
        let regexes = self.regexes(key, list, groups);
        // A RegexSet over patterns with lazy repetitions measured slower than trying each
        // pattern (its engine cannot stop at the first match): kept for lists of plain
        // alternations only.
        let plain = list
            .iter()
            .all(|p| !p.contains("}?") && !p.contains("*?") && !p.contains("+?"));
        let set = if regexes.is_empty() || regexes.len() != list.len() || !plain || list.len() < 3 {
            None
        } else {
            RegexSet::new(list).ok()
        };
        // One regex with every pattern as an alternative: a single search for `is_match` and
        // `find_any` (patterns without capture groups only, so that names cannot clash).
        // Named groups become plain groups in it, so that names cannot clash.
        let combined = if regexes.len() >= 2 && regexes.len() == list.len() {
            let named = Regex::new(r"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>").expect("valid");
            let alt: Vec<String> = list
                .iter()
                .map(|p| format!("(?:{})", named.replace_all(p, "(?:")))
                .collect();
            Regex::new(&alt.join("|")).ok()
        } else {
            None
        };
        Patterns {
            set,
            combined,
            list: regexes,
        }
    }

    /// One CSS selector.
    pub fn selector(&mut self, key: &str, selector: &str) -> Option<Selector> {
        match Selector::parse(selector) {
            Ok(s) => Some(s),
            Err(e) => {
                self.bad(key, format!("invalid CSS selector {selector:?}: {e}"));
                None
            }
        }
    }

    /// A list of CSS selectors, each checked (`key[i]`), joined into one selector list so that
    /// matching an element is one test; `None` for an empty list.
    pub fn selector_list(&mut self, key: &str, list: &[String]) -> Option<Selector> {
        for (i, s) in list.iter().enumerate() {
            self.selector(&format!("{key}[{i}]"), s);
        }
        if list.is_empty() || !self.ok {
            return None;
        }
        Selector::parse(&list.join(", ")).ok()
    }

    /// A set of literal strings searched for in one pass (Aho-Corasick); `None` for an empty
    /// list.
    pub fn literals(&mut self, key: &str, list: &[String]) -> Option<aho_corasick::AhoCorasick> {
        if let Some(i) = list.iter().position(String::is_empty) {
            self.bad(&format!("{key}[{i}]"), "must not be empty".into());
            return None;
        }
        if list.is_empty() {
            return None;
        }
        // Leftmost-longest: `首席执行官` is one match, not `首席` and a remainder.
        match aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(list)
        {
            Ok(a) => Some(a),
            Err(e) => {
                self.bad(key, format!("cannot build the literal set: {e}"));
                None
            }
        }
    }
}

/// A list of regexes with one [`RegexSet`] over all of them, so that a text none of them
/// matches (the common case) costs one pass, and only the patterns that match are run for their
/// groups.
#[derive(Debug, Clone, Default)]
pub struct Patterns {
    set: Option<RegexSet>,
    combined: Option<Regex>,
    list: Vec<Regex>,
}

impl Patterns {
    /// Whether any pattern matches.
    pub fn is_match(&self, text: &str) -> bool {
        if let Some(c) = &self.combined {
            return c.is_match(text);
        }
        match &self.set {
            Some(s) => s.is_match(text),
            None => self.list.iter().any(|r| r.is_match(text)),
        }
    }

    /// The leftmost match of any pattern (the first listed wins at the same start).
    pub fn find_any<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        match &self.combined {
            Some(c) => c.find(text),
            None => self
                .list
                .iter()
                .filter_map(|r| r.find(text))
                .min_by_key(|m| m.start()),
        }
    }

    /// The patterns that match `text`, in list order.
    pub fn matching<'a>(&'a self, text: &str) -> Vec<&'a Regex> {
        // `RegexSet::matches` runs every pattern to the end; a plain `is_match` stops at the
        // first hit, so the set only answers whether to look further.
        if self.set.as_ref().is_some_and(|s| !s.is_match(text))
            || self.combined.as_ref().is_some_and(|c| !c.is_match(text))
        {
            return Vec::new();
        }
        self.list.iter().filter(|r| r.is_match(text)).collect()
    }

    /// Every pattern, in list order.
    pub fn iter(&self) -> std::slice::Iter<'_, Regex> {
        self.list.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}
