//! Stage 2 — front matter: split the `---` block off the document and parse it.
//!
//! Strict first (serde_yaml, through [`crate::yaml`]); when the YAML is broken or not a mapping,
//! a lenient line parser (`key: value`, `- item`, indented continuations) takes over and the
//! status says `lenient`, with the YAML error kept. HTML entities in values are decoded.

use crate::yaml::{self, Value};
use serde::Serialize;
use std::collections::BTreeMap;

/// How the front matter was read: the `front_matter_status` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FmStatus {
    /// Valid YAML.
    Ok,
    /// Broken YAML (or an unclosed block) read by the lenient parser.
    Lenient,
    /// The document has no front matter.
    Missing,
}

impl FmStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FmStatus::Ok => "ok",
            FmStatus::Lenient => "lenient",
            FmStatus::Missing => "missing",
        }
    }
}

/// The front matter's modeled keys, plus every other key as JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrontMatter {
    pub status: FmStatus,
    /// Why the strict parse failed, when `status` is `lenient`.
    pub yaml_error: Option<String>,
    pub title: Option<String>,
    /// Categories as written, nested lists flattened, entities decoded; cleaning and mapping
    /// happen in `normalize`.
    pub categories: Vec<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub headimg: Option<String>,
    pub thumbnail: Option<String>,
    /// Keys not modeled above (`comments`, `tags`, ...), kept as JSON values.
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl FrontMatter {
    fn empty(status: FmStatus) -> Self {
        FrontMatter {
            status,
            yaml_error: None,
            title: None,
            categories: Vec::new(),
            author: None,
            date: None,
            headimg: None,
            thumbnail: None,
            extra: BTreeMap::new(),
        }
    }
}

/// Split a document into its front-matter block (if any) and its body.
/// Returns `(block, body, closed)`; `closed` is false for a block with no closing `---`.
pub fn split(text: &str) -> (Option<&str>, &str, bool) {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let Some(after_open) = strip_delimiter_line(rest) else {
        return (None, text, true);
    };
    let block_start = text.len() - after_open.len();
    let mut pos = block_start;
    for line in after_open.split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return (
                Some(&text[block_start..pos]),
                &text[pos + line.len()..],
                true,
            );
        }
        pos += line.len();
    }
    // Unclosed: the block ends where the HTML starts (a line beginning with '<').
    let mut pos = block_start;
    for line in after_open.split_inclusive('\n') {
        if line.trim_start().starts_with('<') {
            break;
        }
        pos += line.len();
    }
    (Some(&text[block_start..pos]), &text[pos..], false)
}

fn strip_delimiter_line(s: &str) -> Option<&str> {
    let line_end = s.find('\n').map_or(s.len(), |i| i + 1);
    (s[..line_end].trim_end() == "---").then(|| &s[line_end..])
}

/// Parse a whole document: front matter and the remaining body.
pub fn parse(text: &str) -> (FrontMatter, &str) {
    match split(text) {
        (None, body, _) => (FrontMatter::empty(FmStatus::Missing), body),
        (Some(block), body, closed) => {
            let mut fm = parse_block(block);
            if !closed {
                fm.status = FmStatus::Lenient;
                fm.yaml_error
                    .get_or_insert_with(|| "front matter has no closing '---' line".to_string());
            }
            (fm, body)
        }
    }
}

/// Parse the text between the `---` lines.
pub fn parse_block(block: &str) -> FrontMatter {
    match yaml::parse_value(block) {
        Ok(Value::Mapping(map)) => {
            let mut fm = FrontMatter::empty(FmStatus::Ok);
            for (k, v) in &map {
                let Some(key) = yaml::scalar_to_string(k) else {
                    continue;
                };
                set_field(&mut fm, &key, v);
            }
            fm
        }
        Ok(Value::Null) => FrontMatter::empty(FmStatus::Ok),
        Ok(other) => {
            let mut fm = lenient(block);
            fm.yaml_error = Some(format!(
                "front matter is not a mapping but {}",
                kind_of(&other)
            ));
            fm
        }
        Err(e) => {
            let mut fm = lenient(block);
            fm.yaml_error = Some(e.0);
            fm
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Sequence(_) => "a list",
        Value::String(_) | Value::Number(_) | Value::Bool(_) => "a scalar",
        _ => "another value",
    }
}

fn decode_entities(s: &str) -> String {
    html_escape::decode_html_entities(s).trim().to_string()
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

fn set_field(fm: &mut FrontMatter, key: &str, v: &Value) {
    let scalar = || {
        yaml::scalar_to_string(v)
            .map(|s| decode_entities(&s))
            .and_then(non_empty)
    };
    match key {
        "title" => fm.title = scalar(),
        "author" => fm.author = scalar(),
        "date" => fm.date = scalar(),
        "headimg" => fm.headimg = scalar(),
        "thumbnail" => fm.thumbnail = scalar(),
        "categories" => {
            fm.categories.clear();
            flatten(v, &mut fm.categories);
        }
        _ => {
            fm.extra.insert(key.to_string(), yaml::to_json(v));
        }
    }
}

fn flatten(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Sequence(items) => items.iter().for_each(|i| flatten(i, out)),
        Value::Tagged(t) => flatten(&t.value, out),
        other => {
            if let Some(s) = yaml::scalar_to_string(other).map(|s| decode_entities(&s))
                && !s.is_empty()
            {
                out.push(s);
            }
        }
    }
}

/// The fallback for broken YAML: `key: value` lines, `- item` lines (any nesting, collected into
/// the last key), indented lines continuing the previous value.
fn lenient(block: &str) -> FrontMatter {
    let mut fm = FrontMatter::empty(FmStatus::Lenient);
    let mut key: Option<String> = None;
    let mut scalar = String::new();
    let mut items: Vec<String> = Vec::new();
    let flush = |fm: &mut FrontMatter,
                 key: &Option<String>,
                 scalar: &mut String,
                 items: &mut Vec<String>| {
        if let Some(k) = key {
            let value = if items.is_empty() {
                Value::String(unquote(scalar.trim()))
            } else {
                Value::Sequence(items.drain(..).map(Value::String).collect())
            };
            set_field(fm, k, &value);
        }
        scalar.clear();
        items.clear();
    };
    for line in block.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if let Some(item) = list_item(trimmed) {
            if key.is_some() {
                items.push(unquote(item));
            }
            continue;
        }
        if !indented && let Some((k, v)) = key_value(trimmed) {
            flush(&mut fm, &key, &mut scalar, &mut items);
            key = Some(k.to_string());
            scalar.push_str(v);
            continue;
        }
        // A continuation of a multi-line scalar.
        if !scalar.is_empty() {
            scalar.push(' ');
        }
        scalar.push_str(trimmed);
    }
    flush(&mut fm, &key, &mut scalar, &mut items);
    fm
}

/// `- x`, `-  - x` → `x`.
fn list_item(line: &str) -> Option<&str> {
    let mut rest = line.strip_prefix('-')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    loop {
        rest = rest.trim_start();
        match rest.strip_prefix('-') {
            Some(r) if r.is_empty() || r.starts_with([' ', '\t']) => rest = r,
            _ => return Some(rest.trim_end()),
        }
    }
}

/// `key: value` where the key is a plain identifier.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(':')?;
    let ok = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (ok && (v.is_empty() || v.starts_with([' ', '\t']))).then(|| (k, v.trim()))
}

/// Strip one pair of matching outer quotes; undo YAML's `''` escape in single quotes and the
/// common backslash escapes in double quotes.
fn unquote(s: &str) -> String {
    let s = s.trim();
    if s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'') {
        return s[1..s.len() - 1].replace("''", "'");
    }
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        return s[1..s.len() - 1]
            .replace("\\\"", "\"")
            .replace("\\\\", "\\");
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_FM: &str = "\n---\ntitle: '王毅：打造更加紧密的中国—中亚命运共同体'\ncategories: \n - 金融\n - 新浪财经\n - 新浪财经－国內\nheadimg: 'https://n.sinaimg.cn/a.png'\nauthor: 新浪财经\ncomments: false\ndate: Mon, 07 Mar 2022 08:10:42 GMT\nthumbnail: 'https://n.sinaimg.cn/a.png'\n---\n\n<div>body</div>\n";

    #[test]
    fn strict_parse_of_a_regular_post() {
        let (fm, body) = parse(SEED_FM);
        assert_eq!(fm.status, FmStatus::Ok);
        assert_eq!(
            fm.title.as_deref(),
            Some("王毅：打造更加紧密的中国—中亚命运共同体")
        );
        assert_eq!(fm.categories, ["金融", "新浪财经", "新浪财经－国內"]);
        assert_eq!(fm.author.as_deref(), Some("新浪财经"));
        assert_eq!(fm.date.as_deref(), Some("Mon, 07 Mar 2022 08:10:42 GMT"));
        assert_eq!(
            fm.extra.get("comments"),
            Some(&serde_json::Value::Bool(false))
        );
        assert_eq!(body.trim(), "<div>body</div>");
    }

    #[test]
    fn nested_category_items_are_flattened() {
        let (fm, _) =
            parse("---\ntitle: '2019'\ncategories: \n - 编程\n - ACM\n -  - 图灵奖获得者\n---\n");
        assert_eq!(fm.status, FmStatus::Ok);
        assert_eq!(fm.title.as_deref(), Some("2019"));
        assert_eq!(fm.categories, ["编程", "ACM", "图灵奖获得者"]);
    }

    #[test]
    fn title_with_both_quote_kinds_falls_back_to_lenient() {
        let (fm, body) = parse(
            "---\ntitle: 'It's a \"great\" day: really'\ncategories:\n    - 博客\n    - Paul Graham 博客\n    - — Essays\n\nauthor: PG\ndate: 2021-04-11 00:30:33\n---\n<p>x</p>",
        );
        assert_eq!(fm.status, FmStatus::Lenient);
        assert!(fm.yaml_error.is_some());
        assert_eq!(fm.title.as_deref(), Some("It's a \"great\" day: really"));
        assert_eq!(fm.categories, ["博客", "Paul Graham 博客", "— Essays"]);
        assert_eq!(fm.author.as_deref(), Some("PG"));
        assert_eq!(fm.date.as_deref(), Some("2021-04-11 00:30:33"));
        assert_eq!(body, "<p>x</p>");
    }

    #[test]
    fn multi_line_title_in_lenient_mode() {
        let (fm, _) = parse(
            "---\ntitle: first line: with colon\n  second line\ncategories: [a\nauthor: x\n---\n",
        );
        assert_eq!(fm.status, FmStatus::Lenient);
        assert_eq!(
            fm.title.as_deref(),
            Some("first line: with colon second line")
        );
        assert_eq!(fm.author.as_deref(), Some("x"));
    }

    #[test]
    fn entities_are_decoded() {
        let (fm, _) =
            parse("---\ntitle: 'a &#123;b&#125; &amp; c'\ncategories: [x &amp; y]\n---\n");
        assert_eq!(fm.title.as_deref(), Some("a {b} & c"));
        assert_eq!(fm.categories, ["x & y"]);
    }

    #[test]
    fn missing_and_unclosed() {
        let (fm, body) = parse("<html><title>x</title></html>");
        assert_eq!(fm.status, FmStatus::Missing);
        assert_eq!(body, "<html><title>x</title></html>");
        let (fm, body) = parse("---\ntitle: cut off\ndate: 2021-04-11\n<div><p>body</p></div>");
        assert_eq!(fm.status, FmStatus::Lenient);
        assert_eq!(fm.title.as_deref(), Some("cut off"));
        assert_eq!(body, "<div><p>body</p></div>");
    }

    #[test]
    fn yaml_alias_bomb_does_not_explode() {
        let bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\ni: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\ntitle: bomb\n---\n";
        let (fm, _) = parse(bomb);
        // Either the YAML library refuses the expansion (lenient) or it stays small; never hangs.
        assert_eq!(fm.title.as_deref(), Some("bomb"));
    }
}
