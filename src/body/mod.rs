//! Stage 3 — body: parse the document's HTML once with scraper, then read from that one tree
//! the page's metadata ([`metadata`]), the article's content root on whole pages ([`content`]),
//! and the article as ordered, typed text blocks and images ([`walk`], [`images`]); take the
//! editor line and the original title out of the text. A body written in Markdown is rendered
//! to HTML first ([`markdown`]). The nesting guard ([`depth`]) refuses absurdly deep documents
//! before they are parsed.
//!
//! Rules (all in `body:` of `newsetl.yaml`): `drop_selectors` remove elements with their content
//! (script/style/noscript/template are always removed); `caption_selectors` mark image captions;
//! `drop_text_patterns` drop whole blocks; `editor_patterns` and `original_title_patterns` take a
//! value out of a block (named group `value`) and remove the matched text from the article;
//! `main_text`, `content_selectors` and `boilerplate_class_words` steer the content step;
//! `placeholder_image_patterns` name images that are not the article's.

pub mod content;
pub mod depth;
pub mod images;
pub mod markdown;
pub mod metadata;
pub mod text;
pub mod walk;

pub use metadata::{DateCandidate, DateSource, PageMeta};
pub use text::normalize_text;

use crate::error::{DocError, ErrorKind, Stage};
use crate::rules::RuleCompiler;
use regex::Regex;
use scraper::{Html, Selector};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// When the content step runs (`body.main_text`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MainText {
    /// On whole pages (document markup: `<html>`, `<head>`, `<body>`, a doctype); a body
    /// fragment (a Hexo post's HTML) keeps all its text.
    #[default]
    Auto,
    /// On every document.
    Always,
    /// Never: every document keeps all its text.
    Never,
}

/// Whether a body is rendered from Markdown first (`body.markdown`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkdownMode {
    /// When the body has no HTML paragraph structure and has Markdown marks
    /// ([`markdown::is_markdown`]).
    #[default]
    Auto,
    Always,
    Never,
}

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
    /// When the content step (main text of whole pages) runs.
    pub main_text: MainText,
    /// When a body is rendered from Markdown first.
    pub markdown: MarkdownMode,
    /// The content root of a site's pages, by site name or host (`news.example.cn`): a CSS
    /// selector that wins over the scoring.
    pub content_selectors: BTreeMap<String, String>,
    /// Words that, as a whole word of an element's class or id (split at `-`, `_`, spaces),
    /// mark boilerplate on whole pages (`comment`, `share`, `related`, …).
    pub boilerplate_class_words: Vec<String>,
    /// Prefixes of such words (`advert` for `advertisement`, `cookie` for `cookiebar`).
    pub boilerplate_class_prefixes: Vec<String>,
    /// Regexes: on whole pages, a block matching one is boilerplate (`Read more: …`,
    /// `Lesen Sie auch`, `延伸阅读`, paywall and newsletter lines); it goes, like a link list.
    pub boilerplate_text_patterns: Vec<String>,
    /// Regexes: on whole pages, blocks at the end of the article that match one are dropped,
    /// running text or not (calls to follow the site or download its app, rights notices).
    pub closing_boilerplate_patterns: Vec<String>,
    /// Regexes: on whole pages, a heading (or a short line of its own) after the article's
    /// running text that matches one opens a section that is not the article — comments,
    /// related articles (`评论`, `12 Comments`, `Leave a Reply`, `相关阅读`): it and all after
    /// it go.
    pub tail_section_patterns: Vec<String>,
    /// Regexes of image addresses that are placeholders, not the article's images (random
    /// header pictures, 1×1 GIFs): such images are dropped, and `headimg` / `thumbnail` too.
    pub placeholder_image_patterns: Vec<String>,
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
    pub main_text: MainText,
    pub markdown: MarkdownMode,
    /// Content selectors by site name or host.
    pub content_by_site: HashMap<String, Selector>,
    pub boilerplate_words: HashSet<String>,
    pub boilerplate_prefixes: Vec<String>,
    pub boilerplate_text: Vec<Regex>,
    pub closing_boilerplate: Vec<Regex>,
    pub tail_section: Vec<Regex>,
    pub placeholder_images: Vec<Regex>,
}

/// A value a [`FieldRule`] took out of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub name: String,
    pub value: String,
    /// How many blocks came before it: the value sits between `blocks[at - 1]` and
    /// `blocks[at]`.
    pub at: usize,
}

/// A named value taken out of the document by a CSS selector (the element's text, or one of its
/// attributes) before boilerplate is dropped; the element leaves the article text. The rules come
/// from the stage that needs the value (the speech stage's Zhihu answer fields).
#[derive(Debug)]
pub struct FieldRule {
    /// The value's name (`author`, `bio`, `question`, `origin_url`).
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
        let placeholder_images = c.regexes(
            "placeholder_image_patterns",
            &cfg.placeholder_image_patterns,
            &[],
        );
        let boilerplate_text = c.regexes(
            "boilerplate_text_patterns",
            &cfg.boilerplate_text_patterns,
            &[],
        );
        let closing_boilerplate = c.regexes(
            "closing_boilerplate_patterns",
            &cfg.closing_boilerplate_patterns,
            &[],
        );
        let tail_section = c.regexes("tail_section_patterns", &cfg.tail_section_patterns, &[]);
        let content_by_site = cfg
            .content_selectors
            .iter()
            .filter_map(|(site, s)| {
                c.selector(&format!("content_selectors.{site}"), s)
                    .map(|sel| (site.clone(), sel))
            })
            .collect();
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
            main_text: cfg.main_text,
            markdown: cfg.markdown,
            content_by_site,
            boilerplate_words: cfg
                .boilerplate_class_words
                .iter()
                .map(|w| w.to_ascii_lowercase())
                .collect(),
            boilerplate_prefixes: cfg
                .boilerplate_class_prefixes
                .iter()
                .map(|w| w.to_ascii_lowercase())
                .collect(),
            boilerplate_text,
            closing_boilerplate,
            tail_section,
            placeholder_images,
        })
    }

    /// Whether `body.drop_selectors` drop this element (never the document's `html` or `body`,
    /// whose classes describe the page, not a part of it).
    pub fn drops(&self, el: &scraper::ElementRef) -> bool {
        !matches!(el.value().name(), "html" | "body")
            && self.drop.as_ref().is_some_and(|s| s.matches(el))
    }

    /// Whether an image address is a placeholder (`placeholder_image_patterns`, `data:` URIs).
    pub fn is_placeholder_image(&self, src: &str) -> bool {
        images::is_placeholder(src, self)
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
    /// A row of a data table, its cells joined by a tab.
    TableRow,
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
            BlockKind::TableRow => "table_row",
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

/// The article structure of one body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub images: Vec<Image>,
    pub editor: Option<String>,
    pub original_title: Option<String>,
    /// What the page says about itself (whole pages; a Hexo body has little).
    pub head: PageMeta,
    /// Values taken by [`FieldRule`]s, every match, in document order.
    pub fields: Vec<Field>,
    /// Whether the content step ran (the document is a whole page).
    pub whole_page: bool,
    /// The body was Markdown, rendered to HTML first.
    pub markdown: bool,
}

impl Body {
    /// The article text: blocks joined by newlines; on a whole page, without its captions.
    pub fn text(&self) -> String {
        let mut s = String::with_capacity(self.blocks.iter().map(|b| b.text.len() + 1).sum());
        // A whole page's captions are not its main text (they stay in `blocks` and on their
        // images), as in the extraction benchmarks' gold and trafilatura's output.
        let skip_captions = self.whole_page;
        for b in &self.blocks {
            if skip_captions && b.kind == BlockKind::Caption {
                continue;
            }
            if !s.is_empty() {
                s.push('\n');
            }
            s.push_str(&b.text);
        }
        s
    }
}

/// The content selector for a page: by its site name, else by its address's host.
fn content_selector<'r>(rules: &'r BodyRules, meta: &PageMeta) -> Option<&'r Selector> {
    if rules.content_by_site.is_empty() {
        return None;
    }
    let host = meta
        .url
        .as_deref()
        .and_then(|u| u.split("://").nth(1))
        .and_then(|rest| rest.split('/').next());
    meta.site_name
        .as_deref()
        .and_then(|s| rules.content_by_site.get(s))
        .or_else(|| host.and_then(|h| rules.content_by_site.get(h)))
}

/// Extract the article structure from a body (HTML, or Markdown by `body.markdown`), taking
/// out the `fields` first. `fetched_from` is the address the page was fetched from (a WARC
/// record's target URI), read for a date in its path when the page names no canonical address.
///
/// Errors: `body/too_deep` when the HTML nests deeper than `max_depth` ([`depth`]).
pub fn extract(
    html: &str,
    fetched_from: Option<&str>,
    rules: &BodyRules,
    fields: &[FieldRule],
    max_depth: usize,
) -> Result<Body, DocError> {
    let rendered;
    let md = match rules.markdown {
        MarkdownMode::Auto => markdown::is_markdown(html),
        MarkdownMode::Always => true,
        MarkdownMode::Never => false,
    };
    let (html, is_md) = if md {
        rendered = markdown::to_html(html);
        (rendered.as_str(), true)
    } else {
        (html, false)
    };
    let depth = depth::nesting_depth(html);
    if depth > max_depth {
        return Err(DocError::new(
            Stage::Body,
            ErrorKind::TooDeep,
            format!("HTML nests {depth} elements deep, over read.max_nesting_depth = {max_depth}"),
        ));
    }
    let doc = Html::parse_document(html);
    let head = metadata::read(&doc, fetched_from);
    let whole_page = match rules.main_text {
        MainText::Auto => content::is_whole_page(html, md),
        MainText::Always => true,
        MainText::Never => false,
    };
    let located = if whole_page {
        content::locate(&doc, rules, content_selector(rules, &head))
    } else {
        content::Content::default()
    };
    let mut walker = walk::Walker::new(rules, fields, &located.skip);
    match located.root {
        Some(root) => walker.walk_from(root, &doc),
        None => walker.walk(&doc),
    }
    let blocks = if whole_page {
        content::smooth(walker.blocks, &walker.block_links, rules)
    } else {
        walker.blocks
    };
    let mut body = Body {
        blocks,
        images: walker.images,
        fields: walker.fields,
        head,
        whole_page,
        markdown: is_md,
        ..Body::default()
    };
    pull_patterns(&mut body, rules);
    Ok(body)
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
            placeholder_image_patterns: vec![
                r"^https?://picsum\.photos/".into(),
                r"(?i)(?:^|/)(?:blank|spacer|pixel)\.gif$".into(),
            ],
            boilerplate_class_words: [
                "nav",
                "sidebar",
                "comment",
                "comments",
                "share",
                "sharing",
                "related",
                "recommendations",
                "footer",
                "cookie",
            ]
            .map(String::from)
            .to_vec(),
            boilerplate_text_patterns: vec![r"(?i)^read more\b.*$".into()],
            closing_boilerplate_patterns: vec![
                r"(?i)\b(?:follow \w+ \w+ on (?:twitter|instagram)|all rights reserved)\b".into(),
            ],
            tail_section_patterns: vec![
                r"(?i)^(?:\d+\s*)?(?:comments?|leave a reply)\s*[:：]?$".into(),
                r"^(?:评论|网友评论)(?:\s*[(（]?\d+[)）]?)?$".into(),
            ],
            ..Default::default()
        };
        BodyRules::compile(&cfg, &mut |k, r| panic!("{k}: {r}")).unwrap()
    }

    fn ex(html: &str) -> Body {
        extract(html, None, &rules(), &[], 512).unwrap()
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
    fn the_embedded_rules_take_editor_lines_in_parentheses_out() {
        let r = crate::config::load(&crate::config::ConfigSource::Embedded { chosen: true })
            .expect("config");
        for (html, editor) in [
            ("<p>正文第一段。</p><p>（责任编辑： 黄帅 ）</p>", "黄帅"),
            ("<p>正文第一段。</p><p>（責任編輯：陳大文）</p>", "陳大文"),
            ("<p>正文第一段。</p><p>(编辑 潇湘)</p>", "潇湘"),
        ] {
            let b = extract(html, None, &r.body, &[], 512).unwrap();
            assert_eq!(b.editor.as_deref(), Some(editor), "{html}");
            assert_eq!(texts(&b), [("paragraph", "正文第一段。")], "{html}");
        }
    }

    #[test]
    fn the_embedded_rules_leave_an_author_box_out_of_the_article() {
        // An author box (`author-bio`, `about-author`, `authorbox`) with more text than a
        // short post beside it in the same `<article>` is not the article.
        let r = crate::config::load(&crate::config::ConfigSource::Embedded { chosen: true })
            .expect("config");
        for class in ["author-bio", "about-author", "authorbox", "bio"] {
            let post: String = (1..=4)
                .map(|n| format!(r#"<div class="wpb_row"><div class="wpb_column"><div class="vc_column-inner"><div class="wpb_wrapper"><div class="wpb_text_column"><div class="wpb_wrapper"><p>Geschenkidee {n}: eine Vase aus Glas, handgemacht in einer kleinen Werkstatt in Sachsen, passt zu jeder Jahreszeit und kostet wenig.</p></div></div></div></div></div></div>"#))
                .collect();
            let bio: String = (1..=2)
                .map(|n| format!("<p>Über mich, Teil {n}: Ich schreibe seit vielen Jahren über Mode, Wohnen und Familie, lebe in Berlin und berate Firmen in Fragen der Kommunikation.</p>"))
                .collect();
            let page = format!(
                r#"<!DOCTYPE html><html><head><title>Gift Guide</title></head><body><main><article><div class="entry-content">{post}</div><div class="section-inner"><div class="{class}"><div class="description">{bio}</div></div></div></article></main></body></html>"#
            );
            let b = extract(&page, None, &r.body, &[], 512).unwrap();
            let text = b.text();
            assert!(text.contains("Geschenkidee 4"), "{class}: {text}");
            assert!(!text.contains("Über mich"), "{class}: {text}");
        }
    }

    #[test]
    fn the_embedded_rules_drop_reader_appeals_that_end_the_article() {
        let r = crate::config::load(&crate::config::ConfigSource::Embedded { chosen: true })
            .expect("config");
        let body = "<p>The council approved the new bus lanes on Tuesday, after two years of debate, and work will start in the spring.</p><p>Residents said the plan, which also adds bike racks, would make the high street safer for children.</p>";
        for tail in [
            "<p>When you join, you’ll get unlimited digital access to our reporting on the city and its people.</p><p>Join now to get:</p><p>— Special reports</p><p>First-time subscribers also receive a tote bag made by local artisans!</p><p>If you’re seeing this message but you’re already a subscriber, you can log in for immediate access to this story.</p>",
            "<p>Get the latest news straight to your phone with the Daily Courier app.</p>",
            "<p>¡Mira lo que tiene nuestro canal de YouTube!</p>",
            "<p>Zapraszamy też do subskrypcji tygodnika i oglądania naszych audycji.</p>",
            "<p>Please support our journalism: become a member today.</p>",
            "<p>Kategorien</p><p>Beliebt.</p><p>Ab nur 1,90 Euro im Monat gibt es uns ohne Werbebanner. Unterstütze unabhängige Berichterstattung!</p>",
        ] {
            let page = format!(
                r#"<!DOCTYPE html><html><head><title>Bus lanes</title></head><body><article><h1>Bus lanes</h1>{body}{tail}</article></body></html>"#
            );
            let b = extract(&page, None, &r.body, &[], 512).unwrap();
            let text = b.text();
            assert!(text.ends_with("safer for children."), "{tail}: {text}");
        }
        // An article about an app that ends on it keeps its last paragraph.
        let page = format!(
            r#"<!DOCTYPE html><html><head><title>Parking</title></head><body><article><h1>Parking</h1>{body}<p>Drivers can pay with the city's new parking app, which sends a reminder before the time runs out.</p></article></body></html>"#
        );
        let text = extract(&page, None, &r.body, &[], 512).unwrap().text();
        assert!(text.ends_with("before the time runs out."), "{text}");
    }

    #[test]
    fn rows_of_a_data_table_stay_when_each_names_a_link() {
        let r = crate::config::load(&crate::config::ConfigSource::Embedded { chosen: true })
            .expect("config");
        let para = "<p>The engine runs on many platforms, and the desktop app brings it to the machines most developers use every day.</p>";
        let rows = r#"<tr><td><a href="/mac/">Desktop for Mac (macOS)</a></td><td><a href="/mac/"><img src="/yes.svg" alt="yes"></a></td></tr><tr><td><a href="/win/">Desktop for Windows</a></td><td><a href="/win/"><img src="/yes.svg" alt="yes"></a></td></tr>"#;
        let with_header = format!(
            "<table><thead><tr><th>Platform</th><th>x86_64</th></tr></thead><tbody>{rows}</tbody></table>"
        );
        // Without header cells the same rows are a list of links, as a menu set in a table is.
        let without = format!("<table><tbody>{rows}</tbody></table>");
        let page = |table: &str| {
            format!(
                r#"<!DOCTYPE html><html><head><title>Install</title></head><body><main><h1>Install</h1>{para}{table}{para}</main></body></html>"#
            )
        };
        let text = extract(&page(&with_header), None, &r.body, &[], 512)
            .unwrap()
            .text();
        assert!(
            text.contains("Platform\tx86_64\nDesktop for Mac (macOS)\nDesktop for Windows\n"),
            "{text}"
        );
        let text = extract(&page(&without), None, &r.body, &[], 512)
            .unwrap()
            .text();
        assert!(!text.contains("Desktop for Windows"), "{text}");
        // Nor does a data table nested in a cell make the layout table around it data: its own
        // rows of links are still a menu (with the whole table, here, as all of it is links).
        let nested = format!("<table><tbody><tr><td>{with_header}</td></tr>{rows}</tbody></table>");
        let text = extract(&page(&nested), None, &r.body, &[], 512)
            .unwrap()
            .text();
        assert!(text.matches("Desktop for Windows").count() <= 1, "{text}");
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
        let b = extract(html, None, &rules(), &fields, 512).unwrap();
        let got: Vec<(&str, &str, usize)> = b
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.value.as_str(), f.at))
            .collect();
        assert_eq!(
            got,
            [("author", "温戈，", 0), ("origin_url", "https://z/1", 0)]
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
        assert_eq!(b.head.published[0].value, "2021-04-11T08:00:00+08:00");
        assert_eq!(b.head.published[0].source, DateSource::ArticleMeta);
        assert!(b.whole_page);
        assert_eq!(texts(&b), [("heading", "文章标题"), ("paragraph", "正文")]);
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = "<div>".repeat(100_000);
        let err = extract(&deep, None, &rules(), &[], 512).unwrap_err();
        assert_eq!(err.kind, ErrorKind::TooDeep);
        // `<` in a long inline script is not nesting (a real page is 3 deep).
        let loops = "for(i=0;i<m12.length;i++){}".repeat(600);
        let page = format!(
            "<html><body><script>{loops}</script><h1>社区食堂</h1><p>正文。</p></body></html>"
        );
        assert!(extract(&page, None, &rules(), &[], 512).is_ok());
    }

    #[test]
    fn hidden_text_is_not_text_and_does_not_split_words() {
        let b = ex(
            r#"<div><p>某银行<span style="display:none">k7q2</span>今日宣布，<span style="display: none ;">x9</span>下调利率。</p>
            <div style="display:none">相关搜索：存款利率</div><p style="visibility: hidden">本文禁止转载</p>
            <p hidden>隐藏</p><p aria-hidden="true">图标</p><p>业内人士认为，影响有限。</p></div>"#,
        );
        assert_eq!(
            texts(&b),
            [
                ("paragraph", "某银行今日宣布，下调利率。"),
                ("paragraph", "业内人士认为，影响有限。")
            ]
        );
    }

    #[test]
    fn the_css_frameworks_hidden_class_is_hidden_unless_a_width_shows_it() {
        let b = ex(
            r#"<div><p>某银行今日宣布，下调利率。</p><div class="tab hidden"><p>阵容：张三、李四</p></div>
            <p class="hidden-xs">宽屏也显示的段落。</p><p class="hidden md:block">桌面显示的段落。</p>
            <p class="hidden dark:text-white">暗色也隐藏的段落。</p>
            <p class="not-hidden">另一段。</p></div>"#,
        );
        assert_eq!(
            texts(&b),
            [
                ("paragraph", "某银行今日宣布，下调利率。"),
                ("paragraph", "宽屏也显示的段落。"),
                ("paragraph", "桌面显示的段落。"),
                ("paragraph", "另一段。")
            ]
        );
        // A whole page whose `<body>` a script unhides on load (anti-flicker) keeps its text.
        let r = crate::config::load(&crate::config::ConfigSource::Embedded { chosen: true })
            .expect("config");
        let page = r#"<!DOCTYPE html><html><head><title>T</title></head><body class="hidden"><article><h1>T</h1><p>The council approved the new bus lanes on Tuesday, after two years of debate, and work will start in the spring.</p></article></body></html>"#;
        let text = extract(page, None, &r.body, &[], 512).unwrap().text();
        assert!(text.contains("approved the new bus lanes"), "{text}");
    }

    #[test]
    fn data_table_rows_keep_their_cells_and_layout_tables_their_paragraphs() {
        let b = ex(
            "<table><caption>主要指标</caption><tr><th>指标</th><th>数值</th></tr><tr><td>GDP</td><td><b>5.5%</b></td></tr><tr><td></td><td>空</td></tr></table>                    <table><tr><td><p>第一段。</p><p>第二段。</p></td><td>侧栏</td></tr></table>",
        );
        assert_eq!(
            texts(&b),
            [
                ("caption", "主要指标"),
                ("table_row", "指标\t数值"),
                ("table_row", "GDP\t5.5%"),
                ("table_row", "\t空"),
                ("paragraph", "第一段。"),
                ("paragraph", "第二段。"),
                ("paragraph", "侧栏")
            ]
        );
    }

    #[test]
    fn lazy_images_noscript_srcset_picture_and_captions_before_images() {
        let b = ex(
            r#"<figure><img src="data:image/gif;base64,R0lGOD" alt="改造后的江边步道"><noscript><img src="https://img.example.cn/a.jpg"></noscript><figcaption>改造后的江边步道。</figcaption></figure>
            <figure><figcaption>重新开放首日的老街夜市。</figcaption><img src="https://img.example.cn/b.jpg"></figure>
            <p><img srcset="https://x/c-480.jpg 480w, https://x/c-960.jpg 960w" src="https://x/c-480.jpg"></p>
            <picture><source srcset="https://x/d.webp 1x, https://x/d@2x.webp 2x"><img src="https://picsum.photos/200"></picture>
            <p><img data-lazy-src="https://x/e.jpg" src="/images/blank.gif"></p>"#,
        );
        let got: Vec<(&str, Option<&str>, Option<&str>)> = b
            .images
            .iter()
            .map(|i| (i.src.as_str(), i.alt.as_deref(), i.caption.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "https://img.example.cn/a.jpg",
                    Some("改造后的江边步道"),
                    Some("改造后的江边步道。")
                ),
                (
                    "https://img.example.cn/b.jpg",
                    None,
                    Some("重新开放首日的老街夜市。")
                ),
                ("https://x/c-960.jpg", None, None),
                ("https://x/d@2x.webp", None, None),
                ("https://x/e.jpg", None, None),
            ]
        );
    }

    #[test]
    fn whole_pages_lose_their_boilerplate_and_fragments_keep_all() {
        let para = |n: usize| {
            format!(
                "<p>这是文章的第{n}段正文，讲述了河畔步道改造的经过，市民普遍表示满意，步道的夜间照明也得到改善。</p>"
            )
        };
        let body: String = (1..=6).map(para).collect();
        let page = format!(
            r##"<!DOCTYPE html><html><head><title>河畔步道改造完工_城市_示例网</title></head><body>
            <nav><a href="/">首页</a> <a href="/city">城市</a></nav>
            <div class="breadcrumb-wrap">首页 &gt; 城市</div>
            <div class="main"><article><h1>河畔步道改造完工</h1><p class="lead">全长4.2公里的河畔步道改造完工，本周末迎来首批市民。</p>
            <div class="article-body">{body}<p>Read more: 公园开放时间调整</p>
            <div class="share-bar"><a href="#">微博</a> <a href="#">微信</a></div></div></article>
            <aside class="sidebar"><h3>热门</h3><ul><li><a href="/1">春季赏花指南，十大公园推荐名单出炉</a></li><li><a href="/2">地铁新线路开通时间公布</a></li></ul></aside>
            <div class="comments"><p>网友甲：终于修好了！这条步道我每天都走，修好之后真的舒服多了。</p></div></div>
            <footer>版权所有 © 示例网</footer></body></html>"##
        );
        let b = ex(&page);
        let text = b.text();
        assert!(b.whole_page);
        assert!(text.contains("第6段正文"), "{text}");
        assert!(text.starts_with("河畔步道改造完工\n全长4.2公里"), "{text}");
        for junk in [
            "首页",
            "热门",
            "春季赏花",
            "网友甲",
            "版权所有",
            "微博",
            "Read more",
        ] {
            assert!(!text.contains(junk), "{junk:?} in {text}");
        }
        // The same markup as a feed's body fragment keeps everything.
        let fragment = format!(
            r#"<div><p>正文一。</p><div class="comments">评论区</div>{}</div>"#,
            para(1)
        );
        let b = ex(&fragment);
        assert!(!b.whole_page);
        assert!(b.text().contains("评论区"));
        // A page's body saved without its document markup (a form, a navigation) is a page.
        let saved = format!(
            r#"<text title="河畔步道改造完工"><form name="Form1" method="post"><div id="leftmenu"><h3>导航</h3><ul><li><a href="/">首页</a></li><li><a href="/rss">RSS</a></li></ul></div><div class="post"><h2>河畔步道改造完工</h2>{body}</div><div id="comments"><h4>re: 河畔步道</h4><p>网友甲：终于修好了！这条步道我每天都走，修好之后真的舒服多了。</p></div></form></text>"#
        );
        let b = ex(&saved);
        assert!(b.whole_page);
        let text = b.text();
        assert!(
            text.contains("第6段正文") && !text.contains("导航"),
            "{text}"
        );
        assert!(content::is_whole_page(
            "<div><nav>目录</nav><p>正文</p></div>",
            false
        ));
        // Words that start like the tags are not them; a Markdown body's prose may name one.
        assert!(!content::is_whole_page(
            "<p>The <formula> and <navy> are words.</p>",
            false
        ));
        assert!(!content::is_whole_page(
            "The <nav> element holds links.\n\nMore text.",
            true
        ));
    }

    #[test]
    fn a_short_article_anchored_by_the_description_wins_over_a_stream_of_teasers() {
        let lead =
            "路透月度调查显示，日本企业信心5月保持稳定，但日圆疲弱带来的通胀压力正损害利润。";
        let teaser = |n: usize| {
            format!(
                r#"<li class="stream-item"><h4><a href="/n/{n}">第{n}条新闻的标题在这里</a></h4><p>这是第{n}条新闻的摘要，讲述了市场的最新变化。分析师普遍认为走势仍将持续一段时间，投资者应保持谨慎。</p></li>"#
            )
        };
        let stream: String = (1..=20).map(teaser).collect();
        let page = format!(
            r#"<!DOCTYPE html><html><head><title>日本企业5月信心保持稳定</title><meta name="description" content="{lead}"></head><body>
            <div class="caas-body"><p>{lead}</p><p>调查显示，5月制造业景气判断指数维持于正9。</p></div>
            <div class="more"><ul class="stream">{stream}</ul></div></body></html>"#
        );
        let text = ex(&page).text();
        assert!(text.contains("制造业景气判断指数"), "{text}");
        assert!(!text.contains("第3条新闻"), "{text}");
        // An article that is not a stream keeps its root, whatever the description matches
        // (a lead paragraph in a box of its own).
        let body: String = (1..=6)
            .map(|n| format!("<p>这是文章的第{n}段正文，讲述了河畔步道改造的经过，市民普遍表示满意，步道的夜间照明也得到改善。</p>"))
            .collect();
        let page = format!(
            r#"<!DOCTYPE html><html><head><title>步道</title><meta name="description" content="{lead}"></head><body>
            <div class="teaser-box"><p>{lead}</p></div><div class="article-body">{body}</div></body></html>"#
        );
        let text = ex(&page).text();
        assert!(text.contains("第6段正文"), "{text}");
    }

    #[test]
    fn a_text_cell_with_an_empty_or_hidden_placeholder_is_still_a_paragraph() {
        // A blog of table layout (uCoz): the post is one table cell of text lines between
        // <br>, after a hidden video slot; beside it a poll box. Whether the slot is hidden,
        // empty or absent, the post is the main text.
        let post = "Es war gesagt, falls du zornig bist, sollst du einen Brief schreiben. Der Brief für jenen, der dich gekränkt hat.<br>Heute werde es starten. Ich muss so viele Briefe nun schreiben.<br>Kannst du hohe Wände gehen? Ist deine Nase voll?<br>Und noch viele Fragen, die ich dir stellen will, bevor der Tag zu Ende geht.";
        for slot in [
            r#"<div id="nativeroll_video_cont" style="display:none;"></div>"#,
            r#"<div class="video-slot"></div>"#,
            "",
        ] {
            let page = format!(
                r#"<!DOCTYPE html><html><head><title>Briefe</title></head><body><form action="/search"><input name="q"></form><table><tr>
                <td><table><tr><td><b>Unsere Umfrage</b></td></tr><tr><td><div class="pollQue">Wie sind Sie hier angekommen? Bitte wählen Sie eine Antwort aus der Liste, damit wir unser Blog verbessern können.</div><div class="pollLnk"><a href="/p1">Nach dem Link</a> <a href="/p2">Search</a></div><div>Antworten insgesamt: 19</div></td></tr></table></td>
                <td><table><tr><td><img src="/logo.png"></td></tr></table><table><tr><td><a href="/blog/">Hauptseite</a> » Briefe<hr>
                <table class="eBlock"><tr><td><div class="eTitle">Briefe</div></td></tr><tr><td class="eMessage">{slot}{post}</td></tr><tr><td class="eDetails">Aufrufe: 410</td></tr></table></td></tr></table></td>
                </tr></table></body></html>"#
            );
            let b = ex(&page);
            let text = b.text();
            assert!(b.whole_page);
            // Its lines stay lines, words apart.
            assert!(
                text.contains("gekränkt hat.\nHeute werde es starten"),
                "{slot}: {text}"
            );
            assert!(!text.contains("Antworten insgesamt"), "{slot}: {text}");
        }
    }

    #[test]
    fn an_article_spread_over_page_builder_modules_is_read_whole() {
        // Each module nests its paragraphs six levels below the rows' container, deeper than
        // the scoring window: the container of the modules is the root.
        let module = |n: usize, text: &str| {
            format!(
                r#"<div class="vc_row wpb_row"><div class="wpb_column vc_col-sm-8"><div class="vc_column-inner"><div class="wpb_wrapper"><div class="wpb_text_column"><div class="wpb_wrapper"><p>{text} Abschnitt {n} erklärt, worauf es dabei ankommt, und nennt die wichtigsten Punkte. {text} {text} {text}</p></div></div></div></div></div></div>"#
            )
        };
        let mut rows: String = (1..=5)
            .map(|n| {
                module(
                    n,
                    "Die Regale im Flur brauchen feste Buchstützen aus Metall.",
                )
            })
            .collect();
        // A row of teasers among the modules: left out.
        rows.push_str(r#"<div class="vc_row wpb_row"><div class="wpb_column"><h3><a href="/x">Zehn Ideen für kleine Bäder</a></h3><p>Kleine Bäder wirken mit hellen Fliesen, Spiegeln und offenen Regalen deutlich größer, als sie sind.</p><p><a href="/x">weiter lesen</a></p></div></div>"#);
        let bio = "<div class=\"author-bio\"><p>Anna schreibt seit zehn Jahren über Wohnen, Design und Reisen. Sie lebt mit ihrer Familie in Hamburg und liebt alte Möbel, Flohmärkte und lange Spaziergänge.</p><p>Ihr Lieblingsort ist die Küche, in der sie am Wochenende gern für Freunde kocht.</p></div>";
        let page = format!(
            r#"<!DOCTYPE html><html><head><title>Regale</title></head><body><nav><a href="/">Start</a></nav>
            <div class="site"><div class="content-area"><div class="page-body">{rows}</div>{bio}</div></div></body></html>"#
        );
        let text = ex(&page).text();
        for n in 1..=5 {
            assert!(
                text.contains(&format!("Abschnitt {n} erklärt")),
                "{n}: {text}"
            );
        }
        assert!(!text.contains("Kleine Bäder wirken"), "{text}");
        // A short article beside a list of other stories (each summary with its "read more"
        // link) keeps its root: the list is no module of it.
        let teaser = |n: usize| {
            format!(
                r#"<div class="news-item"><div class="inner"><div class="box"><h3>Meldung {n}</h3><p>Die Fraktion fordert zum {n}. Mal mehr Geld für Schulen, Sportplätze und Bibliotheken in den Stadtteilen.</p><p><a href="/n/{n}">weiter lesen</a></p></div></div></div>"#
            )
        };
        let list: String = (1..=8).map(teaser).collect();
        let page = format!(
            r#"<!DOCTYPE html><html><head><title>Waldorfschule</title></head><body>
            <div class="container"><div class="row"><div class="news-list">{list}</div>
            <div class="news-detail"><h1>Waldorfschule</h1><p>Ein positives Signal gab es diese Woche für die Waldorfschule, die nun erweitert werden kann.</p><p>Die Fraktion setzt sich seit langem für die Entwicklung der Schule ein, sagte der Sprecher.</p></div></div></div></body></html>"#
        );
        let text = ex(&page).text();
        assert!(text.contains("positives Signal"), "{text}");
        assert!(!text.contains("Meldung 3"), "{text}");
    }

    #[test]
    fn short_list_items_that_run_on_from_the_article_stay() {
        let long = "The meeting discusses how organisations change, which models worked for the members, and what they learned from them over the last year.";
        let page = |before: &str, after: &str| {
            format!(
                r##"<!DOCTYPE html><html><head><title>Agenda</title></head><body><nav><a href="/">Home</a></nav>
                <article><h1>Meeting in April</h1>{before}<p>{long}</p>{after}</article>
                <footer>© Example</footer></body></html>"##
            )
        };
        // Items after the article's running text, items before it, nested items.
        let b = ex(&page(
            "",
            "<ol><li>Small groups (30 mins)</li><li>Presentations<ol><li>Talks (15 mins)</li></ol></li></ol>",
        ));
        let text = b.text();
        for item in ["Small groups (30 mins)", "Presentations", "Talks (15 mins)"] {
            assert!(text.contains(item), "{item:?} missing from {text}");
        }
        let b = ex(&page(
            "<ul><li>Host: Example AG</li><li>Moderator: Jane Doe</li></ul>",
            "",
        ));
        assert!(b.text().contains("Moderator: Jane Doe"), "{}", b.text());
        // A link list between the article and the items cuts them off (related links).
        let b = ex(&page(
            "",
            r#"<p><a href="/a">Older meetings and all their notes</a></p><ul><li>Impressum</li><li>Kontakt</li></ul>"#,
        ));
        let text = b.text();
        assert!(!text.contains("Impressum"), "{text}");
        assert!(text.contains("organisations change"), "{text}");
    }

    #[test]
    fn boilerplate_inside_the_article_and_at_its_end() {
        let long = |n: usize| {
            format!(
                "<p>Paragraph {n} of the story tells how the river path was rebuilt, what it cost, and what the people who walk it every day now say about it.</p>"
            )
        };
        let page = |inner: &str| {
            format!(
                r##"<!DOCTYPE html><html><head><title>River path</title></head><body><nav><a href="/">Home</a></nav>
                <article><h1>River path reopens</h1>{}{inner}{}</article><footer>© Example</footer></body></html>"##,
                long(1),
                long(2)
            )
        };
        // A "read also" line between two paragraphs goes (it used to stay inside the article).
        let text = ex(&page("<p>Read more: New cycle lanes in the city</p>")).text();
        assert!(!text.contains("Read more"), "{text}");
        assert!(text.contains("Paragraph 2"), "{text}");
        // Class names read by their last telling word; modifiers tell nothing.
        let text = ex(&page(r#"<div class="story-recommendations"><p>Five parks to visit this spring, ranked by our readers, with maps.</p></div>"#)).text();
        assert!(!text.contains("Five parks"), "{text}");
        let text = ex(&page(r#"<div class="has-sharing"><p>The path is 4.2 kilometres long and lit at night, the city says, so runners can use it late.</p></div>"#)).text();
        assert!(text.contains("4.2 kilometres"), "{text}");
        // Words split in camel case and joined across a separator: `relatedStories`,
        // `side-bar-box` name boilerplate; `articleText` names content.
        for class in ["relatedStories", "side-bar-box", "shareBox"] {
            let text = ex(&page(&format!(r#"<div class="{class}"><p>Sign up and get the week's best stories about the city, every Friday morning, free.</p></div>"#))).text();
            assert!(!text.contains("every Friday"), "{class}: {text}");
        }
        let text = ex(&page(r#"<div class="articleText"><p>The path is 4.2 kilometres long and lit at night, the city says, so runners can use it late.</p></div>"#)).text();
        assert!(text.contains("4.2 kilometres"), "{text}");
        // A link-dense box that still holds a paragraph of running text is looked into.
        let links: String = (0..20)
            .map(|i| format!("<a href=\"/t{i}\">Tag number {i}</a> "))
            .collect();
        let text = ex(&page(&format!(
            r#"<div class="box">{links}<p>The city council approved the budget for the second stage on Monday, after a long debate about costs.</p></div>"#
        )))
        .text();
        assert!(text.contains("second stage"), "{text}");
        // A bold lead-in right before the article's first paragraph stays.
        let bold = ex(&format!(
            r##"<!DOCTYPE html><html><head><title>T</title></head><body><article><h2>Notes</h2><p><b>Blind readers</b></p>{}</article></body></html>"##,
            long(1)
        ));
        assert!(bold.text().contains("Blind readers"), "{}", bold.text());
        // Closing calls to follow or subscribe and rights notices go, also as running text.
        let text = ex(&format!(
            r##"<!DOCTYPE html><html><head><title>T</title></head><body><article><h1>River path reopens</h1>{}{}<p>Follow The Gleaner on Twitter and Instagram @Gleaner and on Facebook, send us a story.</p><p>© 2023 Example Media. All rights reserved.</p></article></body></html>"##,
            long(1),
            long(2)
        ))
        .text();
        assert!(text.contains("Paragraph 2"), "{text}");
        for junk in ["Follow The Gleaner", "All rights reserved"] {
            assert!(!text.contains(junk), "{junk:?} in {text}");
        }
    }

    #[test]
    fn a_comments_section_after_the_article_is_not_main_text() {
        let long = |n: usize| {
            format!(
                "<p>Paragraph {n} of the story tells how the river path was rebuilt, what it cost, and what the people who walk it every day now say about it.</p>"
            )
        };
        // Comments under a heading, in a container with no boilerplate class names (old blog
        // engines): the heading and all after it go, in any of the configured spellings.
        for heading in [
            "<h3>评论</h3>",
            "<h2>12 Comments</h2>",
            "<p>网友评论(63)</p>",
        ] {
            let text = ex(&format!(
                r##"<!DOCTYPE html><html><head><title>T</title></head><body><div id="main"><h1>River path reopens</h1>{}{}{heading}<h4># re: River path reopens 2004-12-27 12:46</h4><p>Great news, thanks for writing this up, I walk there every morning with my dog and it was a pity.</p><p>Finally!</p></div></body></html>"##,
                long(1),
                long(2)
            ))
            .text();
            assert!(text.contains("Paragraph 2"), "{heading}: {text}");
            for junk in ["Comments", "评论", "# re:", "Great news", "Finally"] {
                assert!(!text.contains(junk), "{heading}: {junk:?} in {text}");
            }
        }
        // Before the article's running text, such a heading is no section end.
        let text = ex(&format!(
            r##"<!DOCTYPE html><html><head><title>T</title></head><body><article><h2>Comments</h2>{}{}</article></body></html>"##,
            long(1),
            long(2)
        ))
        .text();
        assert!(
            text.contains("Paragraph 1") && text.contains("Paragraph 2"),
            "{text}"
        );
    }

    #[test]
    fn the_first_of_repeated_posts_is_the_pages_own() {
        let para = |topic: &str, n: usize| {
            format!(
                "<p>{topic}: paragraph {n} explains what happened, who decided it, and what it means for the people of the town over the next year.</p>"
            )
        };
        let post = |topic: &str, paras: usize| {
            let body: String = (1..=paras).map(|n| para(topic, n)).collect();
            format!(r#"<div class="post-text">{body}</div>"#)
        };
        // A question-and-answer thread: the question is the page's own post, the longer
        // answers below it are replies.
        let page = format!(
            r##"<!DOCTYPE html><html><head><title>Thread</title></head><body>
            <div id="question"><h1>Which auxiliary verb?</h1><div class="votes"><a href="/up">up</a></div>{}</div>
            <div id="answers"><h2>2 Answers</h2><div class="answer">{}</div><div class="answer">{}</div></div></body></html>"##,
            post("Question about werden", 2),
            post("Answer on passive voice", 7),
            post("Answer on tenses", 4)
        );
        let text = ex(&page).text();
        assert!(
            text.contains("Question about werden: paragraph 2"),
            "{text}"
        );
        // Peers with little text of their own (teasers) do not take the article's place.
        let teaser =
            r#"<article class="story"><p>Short teaser text for another story.</p></article>"#;
        let body: String = (1..=6).map(|n| para("Election results", n)).collect();
        let page = format!(
            r##"<!DOCTYPE html><html><head><title>Vote</title></head><body><aside>{teaser}</aside><div>{teaser}<article class="story">{body}</article></div></body></html>"##
        );
        let text = ex(&page).text();
        assert!(text.contains("Election results: paragraph 6"), "{text}");
    }

    #[test]
    fn of_repeated_blocks_the_one_headed_by_the_title_is_the_pages_own() {
        let para = |topic: &str, n: usize| {
            format!(
                "<p>{topic}: paragraph {n} explains what happened, who decided it, and what it means for the people of the town over the next year.</p>"
            )
        };
        // An infinite-scroll page: the next stories are loaded below the page's own, in blocks
        // of the same class whose names say nothing; a later story is the longest.
        let block = |h: &str, head: &str, topic: &str, paras: usize| {
            let body: String = (1..=paras).map(|n| para(topic, n)).collect();
            format!(r#"<div class="scrollblock"><{h}>{head}</{h}>{body}</div>"#)
        };
        let page = |head: &str, h: &str| {
            format!(
                r##"<!DOCTYPE html><html><head>{head}</head><body>{}{}{}</body></html>"##,
                block(h, "Vehicle blessing on Saturday", "Blessing", 2),
                block(h, "Baby hurt at home", "Accident", 3),
                block(h, "Prosecutor speaks about the courts", "Courts", 8)
            )
        };
        for (head, h) in [
            ("<title>Daily | Vehicle blessing on Saturday</title>", "h1"),
            (
                r#"<title>Daily</title><meta property="og:title" content="Vehicle blessing on Saturday">"#,
                "h2",
            ),
        ] {
            let text = ex(&page(head, h)).text();
            assert!(text.contains("Blessing: paragraph 2"), "{text}");
            assert!(!text.contains("Courts: paragraph"), "{text}");
        }
        // No block is headed by the title: the best-scoring block stays.
        let text = ex(&page("<title>Daily</title>", "h1")).text();
        assert!(text.contains("Courts: paragraph 8"), "{text}");
        // The same in Chinese, headline in the second block.
        let zh = |n: usize, topic: &str| {
            format!(
                "<p>{topic}第{n}段：记者了解到，相关部门已经完成了调查，并将在下周公布详细的处理意见和整改方案。</p>"
            )
        };
        let zblock = |head: &str, topic: &str, paras: usize| {
            let body: String = (1..=paras).map(|n| zh(n, topic)).collect();
            format!(r#"<section class="news-item"><h1>{head}</h1>{body}</section>"#)
        };
        let page = format!(
            r##"<!DOCTYPE html><html><head><title>河畔步道改造完工_城市_示例网</title></head><body>{}{}{}</body></html>"##,
            zblock("地铁新线开通", "地铁", 6),
            zblock("河畔步道改造完工", "步道", 2),
            zblock("市场价格平稳", "价格", 7)
        );
        let text = ex(&page).text();
        assert!(text.contains("步道第2段"), "{text}");
        assert!(!text.contains("价格第"), "{text}");
    }

    #[test]
    fn captions_are_not_a_whole_pages_main_text() {
        let para = "<p>这是文章的正文段落，讲述了河畔步道改造的经过，市民普遍表示满意，步道的夜间照明也得到改善。</p>";
        let figure =
            r#"<figure><img src="/a.jpg"><figcaption>步道夜景。摄影 李明</figcaption></figure>"#;
        let b = ex(&format!(
            r##"<!DOCTYPE html><html><head><title>步道</title></head><body><article><h1>步道改造完工</h1>{para}{figure}{para}</article></body></html>"##
        ));
        assert!(b.whole_page);
        assert!(!b.text().contains("步道夜景"), "{}", b.text());
        assert!(
            b.blocks
                .iter()
                .any(|x| x.kind == BlockKind::Caption && x.text.contains("步道夜景"))
        );
        // A feed's fragment keeps its captions in the text.
        let b = ex(&format!("<div>{para}{figure}</div>"));
        assert!(!b.whole_page);
        assert!(b.text().contains("步道夜景"), "{}", b.text());
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
