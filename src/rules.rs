//! Compiling rules from configuration: regexes, CSS selectors and literal sets, each checked
//! and reported by its key. Below the stages and `config` (both use it; it uses neither), so
//! that no import circle runs through the configuration.

use regex::Regex;
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
        match aho_corasick::AhoCorasick::new(list) {
            Ok(a) => Some(a),
            Err(e) => {
                self.bad(key, format!("cannot build the literal set: {e}"));
                None
            }
        }
    }
}
