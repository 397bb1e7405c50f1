//! Stage 3 — body: parse the article HTML with scraper into ordered, typed text blocks and images;
//! pull out the editor line and the original title; read `<head>` metadata for pages that have no
//! front matter.
//!
//! Rules (all in `body:` of `newsetl.yaml`): `drop_selectors` remove elements with their content
//! (script/style/noscript/template are always removed); `caption_selectors` mark image captions;
//! `drop_text_patterns` drop whole blocks; `editor_patterns` and `original_title_patterns` take a
//! value out of a block (named group `value`) and remove the matched text from the article.

use crate::error::{DocError, ErrorKind, Stage};
use crate::rules::RuleCompiler;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use serde::{Deserialize, Serialize};

/// `body:` in `newsetl.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct BodyConfig {
    /// CSS selectors of boilerplate removed with everything inside (ads, QR-code footers, ...).
    pub drop_selectors: Vec<String>,
    /// CSS selectors of image captions (`figcaption`, `.img_descr`, ...).
    pub caption_selectors: Vec<String>,
    /// Regexes: a block matching one is dropped (whole-block boilerplate such as `null`).
    pub drop_text_patterns: Vec<String>,
    /// Regexes with a named group `value`: the editor (`责任编辑：蒋晓桐` → `蒋晓桐`).
    pub editor_patterns: Vec<String>,
    /// Regexes with a named group `value`: the original title (`原标题：…`).
    pub original_title_patterns: Vec<String>,
    /// Attributes holding an image's address, in order of preference (lazy-loading pages put
    /// the real one in `data-src`).
    pub image_src_attributes: Vec<String>,
    /// CSS selectors of emphasis (bold) elements: the bold text a block starts with is kept as
    /// the block's `lead` (the speech stage reads speaker labels and questions from it).
    pub emphasis_selectors: Vec<String>,
}

/// Compiled body rules.
#[derive(Debug)]
pub struct BodyRules {
    /// All drop selectors joined into one selector list (one match test per element).
    pub drop: Option<Selector>,
    pub caption: Option<Selector>,
    pub drop_text: Vec<Regex>,
    pub editor: Vec<Regex>,
    pub original_title: Vec<Regex>,
    pub image_src_attributes: Vec<String>,
    pub emphasis: Option<Selector>,
}

/// A named value taken out of the document by a CSS selector (the element's text, or one of its
/// attributes) before boilerplate is dropped; the element leaves the article text. The rules come
/// from the stage that needs the value (the speech stage's Zhihu answer fields).
#[derive(Debug)]
pub struct FieldRule {
    pub name: String,
    pub selector: Selector,
    pub attribute: Option<String>,
}

impl BodyRules {
    /// Validate every rule (reporting each bad one by key) and compile.
    pub fn compile(cfg: &BodyConfig, report: &mut impl FnMut(String, String)) -> Option<BodyRules> {
        let mut c = RuleCompiler::new("body.", report);
        let drop = c.selector_list("drop_selectors", &cfg.drop_selectors);
        let caption = c.selector_list("caption_selectors", &cfg.caption_selectors);
        let emphasis = c.selector_list("emphasis_selectors", &cfg.emphasis_selectors);
        let drop_text = c.regexes("drop_text_patterns", &cfg.drop_text_patterns, &[]);
        let editor = c.regexes("editor_patterns", &cfg.editor_patterns, &["value"]);
        let original_title = c.regexes(
            "original_title_patterns",
            &cfg.original_title_patterns,
            &["value"],
        );
        let mut image_src_attributes = cfg.image_src_attributes.clone();
        if image_src_attributes.is_empty() {
            image_src_attributes.push("src".into());
        }
        c.ok().then_some(BodyRules {
            drop,
            caption,
            drop_text,
            editor,
            original_title,
            image_src_attributes,
            emphasis,
        })
    }
}

/// What a block is: the `kind` column of `paragraphs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Blockquote,
    Caption,
    Code,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading => "heading",
            BlockKind::ListItem => "list_item",
            BlockKind::Blockquote => "blockquote",
            BlockKind::Caption => "caption",
            BlockKind::Code => "code",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// The emphasized (bold) text the block starts with, if any; equal to `text` when the whole
    /// block is bold. Not written to the output; the speech stage reads labels from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
}

impl Block {
    /// Whether the whole block is emphasized.
    pub fn is_bold(&self) -> bool {
        self.lead.as_deref() == Some(self.text.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Image {
    pub src: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
}

/// Metadata of a full HTML page (`<title>`, `og:*`, `article:*`, `<h1>`): the fallback for
/// documents without front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HeadMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub image: Option<String>,
}

/// The article structure of one body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub images: Vec<Image>,
    pub editor: Option<String>,
    pub original_title: Option<String>,
    pub head: HeadMeta,
    /// Values taken by [`FieldRule`]s, `(name, value)`, first match per name, in document order.
    pub fields: Vec<(String, String)>,
}

impl Body {
    /// The article text: blocks joined by newlines.
    pub fn text(&self) -> String {
        let mut s = String::with_capacity(self.blocks.iter().map(|b| b.text.len() + 1).sum());
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                s.push('\n');
            }
            s.push_str(&b.text);
        }
        s
    }
}

/// Extract the article structure from a body's HTML, taking out the `fields` first.
pub fn extract(
    html: &str,
    rules: &BodyRules,
    fields: &[FieldRule],
    max_depth: usize,
) -> Result<Body, DocError> {
    let depth = nesting_depth(html);
    if depth > max_depth {
        return Err(DocError::new(
            Stage::Body,
            ErrorKind::TooDeep,
            format!("HTML nests {depth} elements deep, over read.max_nesting_depth = {max_depth}"),
        ));
    }
    let doc = Html::parse_document(html);
    let mut walker = Walker::new(rules, fields);
    walker.walk(&doc);
    let mut body = Body {
        blocks: walker.blocks,
        images: walker.images,
        fields: walker.fields,
        head: head_meta(&doc),
        ..Body::default()
    };
    pull_patterns(&mut body, rules);
    Ok(body)
}

/// Elements whose content is never article text.
fn always_dropped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "iframe"
            | "object"
            | "svg"
            | "button"
            | "select"
            | "textarea"
    )
}

/// Elements that start and end a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "hr"
            | "br"
            | "address"
            | "center"
            | "form"
            | "fieldset"
            | "details"
            | "summary"
            | "body"
            | "html"
    )
}

fn kind_of_element(name: &str) -> Option<BlockKind> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::Blockquote,
        "pre" => BlockKind::Code,
        "figcaption" | "caption" => BlockKind::Caption,
        _ => return None,
    })
}

struct Walker<'r> {
    rules: &'r BodyRules,
    field_rules: &'r [FieldRule],
    fields: Vec<(String, String)>,
    /// An emphasized element opened at the start of the current block and not yet closed.
    emphasis_open: Option<ego_tree::NodeId>,
    /// Length of `buf` where the block's leading emphasized run ended.
    lead_end: Option<usize>,
    blocks: Vec<Block>,
    images: Vec<Image>,
    buf: String,
    /// Open elements that give their content a kind, innermost last, with the node id.
    kinds: Vec<(ego_tree::NodeId, BlockKind)>,
    /// Index of the image a following caption may describe (no text block since it).
    captionable: Option<usize>,
}

impl<'r> Walker<'r> {
    fn new(rules: &'r BodyRules, field_rules: &'r [FieldRule]) -> Self {
        Walker {
            rules,
            field_rules,
            fields: Vec::new(),
            emphasis_open: None,
            lead_end: None,
            blocks: Vec::new(),
            images: Vec::new(),
            buf: String::new(),
            kinds: Vec::new(),
            captionable: None,
        }
    }

    fn current_kind(&self) -> BlockKind {
        // A caption or code context wins over an outer one; otherwise the innermost.
        self.kinds.last().map_or(BlockKind::Paragraph, |(_, k)| *k)
    }

    fn flush(&mut self) {
        // The lead of a block flushed inside its emphasis (`<strong>…<br>`) is all of it.
        let lead_end = self
            .lead_end
            .take()
            .or(self.emphasis_open.map(|_| self.buf.len()));
        if self.buf.is_empty() {
            return;
        }
        let kind = self.current_kind();
        let text = if kind == BlockKind::Code {
            self.buf.trim_matches('\n').to_string()
        } else {
            normalize_text(&self.buf)
        };
        let lead = lead_end
            .map(|end| normalize_text(&self.buf[..end]))
            .filter(|l| !l.is_empty());
        self.buf.clear();
        if text.is_empty() {
            return;
        }
        if kind == BlockKind::Caption {
            if let Some(img) = self.captionable.and_then(|i| self.images.get_mut(i))
                && img.caption.is_none()
            {
                img.caption = Some(text.clone());
            }
        } else {
            self.captionable = None;
        }
        self.blocks.push(Block { kind, text, lead });
    }

    /// If a field rule selects this element, record its value and return true (the element is
    /// then skipped).
    fn capture(&mut self, elem: &ElementRef) -> bool {
        let Some(rule) = self.field_rules.iter().find(|r| r.selector.matches(elem)) else {
            return false;
        };
        let value = match &rule.attribute {
            Some(a) => elem
                .attr(a)
                .map(|v| v.trim().to_string())
                .unwrap_or_default(),
            None => normalize_text(&elem.text().collect::<String>()),
        };
        if !value.is_empty() && !self.fields.iter().any(|(n, _)| *n == rule.name) {
            self.fields.push((rule.name.clone(), value));
        }
        true
    }

    fn walk(&mut self, doc: &Html) {
        use ego_tree::iter::Edge;
        let mut skipping: Option<ego_tree::NodeId> = None;
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.buf.push_str(&t.text),
                        Node::Element(el) => {
                            let name = el.name();
                            let elem = ElementRef::wrap(node).expect("element node");
                            if self.capture(&elem) {
                                skipping = Some(node.id());
                                continue;
                            }
                            if always_dropped(name)
                                || self.rules.drop.as_ref().is_some_and(|s| s.matches(&elem))
                            {
                                skipping = Some(node.id());
                                continue;
                            }
                            let kind = if self
                                .rules
                                .caption
                                .as_ref()
                                .is_some_and(|s| s.matches(&elem))
                            {
                                Some(BlockKind::Caption)
                            } else {
                                kind_of_element(name)
                            };
                            // A kind-giving element is a block boundary even when inline
                            // (`<span class="img_descr">`).
                            if is_block(name) || kind.is_some() {
                                self.flush();
                            }
                            if name == "img" {
                                self.image(&elem);
                            }
                            if let Some(k) = kind {
                                self.kinds.push((node.id(), k));
                            }
                            if self.emphasis_open.is_none()
                                && self.lead_end.is_none()
                                && self.buf.trim().is_empty()
                                && self
                                    .rules
                                    .emphasis
                                    .as_ref()
                                    .is_some_and(|s| s.matches(&elem))
                            {
                                self.emphasis_open = Some(node.id());
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = skipping {
                        if id == node.id() {
                            skipping = None;
                        }
                        continue;
                    }
                    if let Node::Element(el) = node.value() {
                        let gives_kind = self.kinds.last().is_some_and(|(id, _)| *id == node.id());
                        if is_block(el.name()) || gives_kind {
                            self.flush();
                        }
                        if gives_kind {
                            self.kinds.pop();
                        }
                        if self.emphasis_open == Some(node.id()) {
                            self.emphasis_open = None;
                            if !self.buf.trim().is_empty() {
                                self.lead_end = Some(self.buf.len());
                            }
                        }
                    }
                }
            }
        }
        self.flush();
    }

    fn image(&mut self, el: &ElementRef) {
        let src = self
            .rules
            .image_src_attributes
            .iter()
            .filter_map(|a| el.attr(a))
            .map(str::trim)
            .find(|s| !s.is_empty() && !s.starts_with("data:"));
        let Some(src) = src else { return };
        let alt = el.attr("alt").map(normalize_text).filter(|a| !a.is_empty());
        self.images.push(Image {
            src: src.to_string(),
            alt,
            caption: None,
        });
        self.captionable = Some(self.images.len() - 1);
    }
}

/// Collapse white space (including U+3000 ideographic and U+00A0 no-break spaces) to single
/// spaces and trim; zero-width characters are removed. Chinese punctuation is kept as is.
pub fn normalize_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}') {
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Apply the text rules to the blocks: drop boilerplate blocks, take out the editor and the
/// original title (removing the matched text, and the block when nothing else is left).
/// When several blocks match, the earlier pattern in the config wins, then the earlier block.
fn pull_patterns(body: &mut Body, rules: &BodyRules) {
    // (pattern index, value) of the best match so far.
    let mut editor: Option<(usize, String)> = None;
    let mut original_title: Option<(usize, String)> = None;
    body.blocks.retain_mut(|block| {
        if rules.drop_text.iter().any(|r| r.is_match(&block.text)) {
            return false;
        }
        for (patterns, best) in [
            (&rules.editor, &mut editor),
            (&rules.original_title, &mut original_title),
        ] {
            if let Some((index, value, rest)) = take_value(patterns, &block.text) {
                if best.as_ref().is_none_or(|(i, _)| index < *i) {
                    *best = Some((index, value));
                }
                block.text = rest;
            }
        }
        !block.text.is_empty()
    });
    body.editor = editor.map(|(_, v)| v);
    body.original_title = original_title.map(|(_, v)| v);
}

/// The first pattern that matches: its index, its `value` group, and the text without the match.
fn take_value(patterns: &[Regex], text: &str) -> Option<(usize, String, String)> {
    patterns.iter().enumerate().find_map(|(index, r)| {
        let caps = r.captures(text)?;
        let value = normalize_text(caps.name("value")?.as_str());
        let whole = caps.get(0)?;
        let rest = normalize_text(&format!(
            "{}{}",
            &text[..whole.start()],
            &text[whole.end()..]
        ));
        (!value.is_empty()).then_some((index, value, rest))
    })
}

/// A cheap upper bound on element nesting, computed before parsing: the tree builder is
/// quadratic in depth, so absurdly deep documents are refused up front. Void elements and
/// elements whose end tag is optional are not counted.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if end == start {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        if matches!(
            name.as_str(),
            "area"
                | "base"
                | "br"
                | "col"
                | "embed"
                | "hr"
                | "img"
                | "input"
                | "link"
                | "meta"
                | "source"
                | "track"
                | "wbr"
                | "p"
                | "li"
                | "dt"
                | "dd"
                | "tr"
                | "td"
                | "th"
                | "option"
                | "thead"
                | "tbody"
                | "tfoot"
                | "rt"
                | "rp"
                | "optgroup"
                | "colgroup"
                | "caption"
        ) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let self_closing = bytes[end..]
                .iter()
                .position(|&b| b == b'>')
                .is_some_and(|p| p > 0 && bytes[end + p - 1] == b'/');
            if !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

fn head_meta(doc: &Html) -> HeadMeta {
    use std::sync::LazyLock;
    static META: LazyLock<Selector> =
        LazyLock::new(|| Selector::parse("meta[content]").expect("valid"));
    static TITLE: LazyLock<Selector> = LazyLock::new(|| Selector::parse("title").expect("valid"));
    static H1: LazyLock<Selector> = LazyLock::new(|| Selector::parse("h1").expect("valid"));
    let mut m = HeadMeta::default();
    let mut og_title = None;
    for el in doc.select(&META) {
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"))
            .unwrap_or("");
        let value = normalize_text(el.attr("content").unwrap_or(""));
        if value.is_empty() {
            continue;
        }
        let slot = match key.to_ascii_lowercase().as_str() {
            "og:title" | "twitter:title" => &mut og_title,
            "author" | "article:author" | "byl" => &mut m.author,
            "article:published_time"
            | "og:published_time"
            | "pubdate"
            | "publishdate"
            | "datepublished"
            | "date"
            | "dc.date"
            | "publish_date" => &mut m.published,
            "og:site_name" | "application-name" => &mut m.site_name,
            "og:image" | "twitter:image" => &mut m.image,
            _ => continue,
        };
        slot.get_or_insert(value);
    }
    let text_of = |sel: &Selector| {
        doc.select(sel)
            .map(|e| normalize_text(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    m.title = og_title
        .or_else(|| text_of(&TITLE))
        .or_else(|| text_of(&H1));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> BodyRules {
        let cfg = BodyConfig {
            drop_selectors: vec![".appendQr_wrap".into(), ".ad".into()],
            caption_selectors: vec![".img_descr".into()],
            drop_text_patterns: vec!["^(null|undefined)$".into()],
            editor_patterns: vec![
                r"^责任编辑[:：]\s*(?P<value>\S+)(\s+SF\d+)?$".into(),
                r"[（(]编辑\s*(?P<value>[^）)\s]+)[）)]$".into(),
            ],
            original_title_patterns: vec![r"^原标题[:：\s]\s*(?P<value>.+)$".into()],
            image_src_attributes: vec!["data-src".into(), "src".into()],
            emphasis_selectors: vec!["strong".into(), "b".into()],
        };
        BodyRules::compile(&cfg, &mut |k, r| panic!("{k}: {r}")).unwrap()
    }

    fn ex(html: &str) -> Body {
        extract(html, &rules(), &[], 512).unwrap()
    }

    fn texts(b: &Body) -> Vec<(&str, &str)> {
        b.blocks
            .iter()
            .map(|b| (b.kind.as_str(), b.text.as_str()))
            .collect()
    }

    #[test]
    fn paragraphs_headings_lists_and_quotes() {
        let b = ex(
            "<div><h2>小标题</h2><p>　　第一段\n  文字。</p><ul><li>一</li><li>二</li></ul><blockquote><p>引用</p></blockquote><pre>let x = 1;\n  y</pre></div>",
        );
        assert_eq!(
            texts(&b),
            [
                ("heading", "小标题"),
                ("paragraph", "第一段 文字。"),
                ("list_item", "一"),
                ("list_item", "二"),
                ("blockquote", "引用"),
                ("code", "let x = 1;\n  y")
            ]
        );
    }

    #[test]
    fn text_without_paragraph_tags_and_br_lines() {
        let b = ex("<div>   \n【标题】财联社5月2日讯，内容。  \n</div>");
        assert_eq!(texts(&b), [("paragraph", "【标题】财联社5月2日讯，内容。")]);
        let b = ex("<div>line one<br>line two<br><br>line three</div>");
        assert_eq!(
            texts(&b),
            [
                ("paragraph", "line one"),
                ("paragraph", "line two"),
                ("paragraph", "line three")
            ]
        );
    }

    #[test]
    fn boilerplate_scripts_styles_and_comments_are_dropped() {
        let b = ex(
            "<div><p>正文</p><!-- 文末二维码 --><style>.a&#123;x:1&#125;</style><script>var a=1;</script><div class=\"clearfix appendQr_wrap\"><img src=\"qr.png\"><div>海量资讯、精准解读，尽在新浪财经APP</div></div><p class=\"ad\">广告</p></div>",
        );
        assert_eq!(texts(&b), [("paragraph", "正文")]);
        assert!(b.images.is_empty());
    }

    #[test]
    fn images_with_captions_and_lazy_src() {
        let b = ex(
            "<div class=\"img_wrapper\"><img src=\"a.png\" alt><span class=\"img_descr\"></span></div><figure><img data-src=\"real.jpg\" src=\"data:image/gif;base64,xx\" alt=\"示意图\"><figcaption>图注</figcaption></figure><div class=\"img_wrapper\"><img src=\"c.png\"><span class=\"img_descr\">图片说明</span></div>",
        );
        assert_eq!(
            b.images,
            [
                Image {
                    src: "a.png".into(),
                    alt: None,
                    caption: None
                },
                Image {
                    src: "real.jpg".into(),
                    alt: Some("示意图".into()),
                    caption: Some("图注".into())
                },
                Image {
                    src: "c.png".into(),
                    alt: None,
                    caption: Some("图片说明".into())
                },
            ]
        );
        assert_eq!(texts(&b), [("caption", "图注"), ("caption", "图片说明")]);
    }

    #[test]
    fn editor_and_original_title_leave_the_paragraphs() {
        let b = ex(
            "<p>　　原标题 王毅：打造更加紧密的中国—中亚命运共同体</p><p>正文。（编辑 潇湘）</p><p class=\"article-editor\">责任编辑：张恒星 SF142</p>",
        );
        assert_eq!(b.editor.as_deref(), Some("张恒星"));
        assert_eq!(
            b.original_title.as_deref(),
            Some("王毅：打造更加紧密的中国—中亚命运共同体")
        );
        assert_eq!(texts(&b), [("paragraph", "正文。")]);
    }

    #[test]
    fn bold_leads_are_kept_on_blocks() {
        let b = ex("<p><strong>人民日报记者：</strong>请问有什么特点？</p>\
                    <p><b>一、如何评价？</b></p><p>没有加粗。</p><p>中间<strong>加粗</strong></p>");
        let leads: Vec<Option<&str>> = b.blocks.iter().map(|b| b.lead.as_deref()).collect();
        assert_eq!(
            leads,
            [Some("人民日报记者："), Some("一、如何评价？"), None, None]
        );
        assert!(b.blocks[1].is_bold() && !b.blocks[0].is_bold());
    }

    #[test]
    fn field_rules_take_values_out_of_the_text() {
        let fields = [
            FieldRule {
                name: "author".into(),
                selector: Selector::parse("span.author").unwrap(),
                attribute: None,
            },
            FieldRule {
                name: "origin_url".into(),
                selector: Selector::parse("a.originUrl").unwrap(),
                attribute: Some("href".into()),
            },
        ];
        let html = r#"<div><span class="author">温戈，</span><a class="originUrl" href="https://z/1">查看</a></div><p>正文。</p>"#;
        let b = extract(html, &rules(), &fields, 512).unwrap();
        assert_eq!(
            b.fields,
            [
                ("author".to_string(), "温戈，".to_string()),
                ("origin_url".to_string(), "https://z/1".to_string())
            ]
        );
        assert_eq!(b.text(), "正文。");
    }

    #[test]
    fn null_body_has_no_blocks() {
        assert!(ex("<div>\nnull\n</div>").blocks.is_empty());
    }

    #[test]
    fn head_metadata_of_a_plain_page() {
        let b = ex(
            "<html><head><title>页面标题 - 站点</title><meta property=\"og:title\" content=\"文章标题\"><meta name=\"author\" content=\"张三\"><meta property=\"article:published_time\" content=\"2021-04-11T08:00:00+08:00\"></head><body><h1>文章标题</h1><p>正文</p></body></html>",
        );
        assert_eq!(b.head.title.as_deref(), Some("文章标题"));
        assert_eq!(b.head.author.as_deref(), Some("张三"));
        assert_eq!(
            b.head.published.as_deref(),
            Some("2021-04-11T08:00:00+08:00")
        );
        assert_eq!(texts(&b), [("heading", "文章标题"), ("paragraph", "正文")]);
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = "<div>".repeat(100_000);
        let err = extract(&deep, &rules(), &[], 512).unwrap_err();
        assert_eq!(err.kind, ErrorKind::TooDeep);
        assert_eq!(
            nesting_depth("<p>a<p>b<br><img src=x><div><span/></div>"),
            1
        );
    }

    #[test]
    fn config_errors_are_reported_per_key() {
        let cfg = BodyConfig {
            drop_selectors: vec!["p[".into()],
            editor_patterns: vec!["编辑(.*)".into()],
            ..Default::default()
        };
        let mut seen = Vec::new();
        assert!(BodyRules::compile(&cfg, &mut |k, _| seen.push(k)).is_none());
        assert_eq!(seen, ["body.drop_selectors[0]", "body.editor_patterns[0]"]);
    }
}
