//! The walk over the parsed tree that turns elements into blocks of text and images, in reading
//! order. What is never text: script, style and their kin ([`always_dropped`]), elements hidden
//! from readers (`hidden`, `aria-hidden="true"`, inline `display:none` / `visibility:hidden`, the
//! CSS frameworks' class `hidden` ([`is_hidden`]) —
//! anti-copy filler inside a paragraph disappears without splitting the words around it),
//! `body.drop_selectors`, and whatever the content step marked as boilerplate.
//!
//! A row of a data table (cells without block content) is one `table_row` block, its cells
//! joined by a tab; layout tables, whose cells hold paragraphs, give their paragraphs.

use super::images;
use super::text::normalize_text;
use super::{Block, BlockKind, BodyRules, FieldRule, Image};
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};
use std::collections::HashSet;

/// Elements whose content is never article text.
pub fn always_dropped(name: &str) -> bool {
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
            | "input"
            | "canvas"
            | "math"
            | "video"
            | "audio"
    )
}

/// Elements that start and end a block of text.
pub fn is_block(name: &str) -> bool {
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

/// Whether an element is hidden from readers by its own attributes: `hidden`,
/// `aria-hidden="true"`, an inline `display:none` or `visibility:hidden`, or the class `hidden`
/// that CSS frameworks define as `display:none` (Bootstrap 3, Tailwind, Bulma; trafilatura drops
/// it too) — unless a responsive class shows it again at some width (Tailwind's `hidden
/// md:block`: a class starting `sm:`, `md:`, `lg:`, `xl:` or `2xl:`), and not on `<html>`,
/// `<body>` or `<main>`, which scripts unhide when the page has loaded (an anti-flicker
/// `<body class="hidden">`).
pub fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(class) = el.attr("class")
        && !matches!(el.name(), "html" | "body" | "main")
        && class.split_ascii_whitespace().any(|t| t == "hidden")
        && !class.split_ascii_whitespace().any(|t| {
            ["sm:", "md:", "lg:", "xl:", "2xl:"]
                .iter()
                .any(|p| t.starts_with(p))
        })
    {
        return true;
    }
    let Some(style) = el.attr("style") else {
        return false;
    };
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// A row whose cells hold no block content: one `table_row` block. Not a row whose cell is
/// running text set in lines (two or more `<br>` in 200 characters or more: a post in a
/// layout table's cell), which is read as paragraphs.
fn is_data_row(row: ElementRef) -> bool {
    let mut breaks = 0;
    let inline = row.descendants().skip(1).all(|n| match n.value() {
        Node::Element(e) => {
            let name = e.name();
            breaks += usize::from(name == "br");
            matches!(name, "td" | "th") || !is_block(name) || name == "br"
        }
        _ => true,
    });
    inline && (breaks < 2 || row.text().map(|t| t.trim().chars().count()).sum::<usize>() < 200)
}

/// The figure being walked: its first image, and a caption written before any image.
struct Figure {
    id: NodeId,
    image: Option<usize>,
    pending_caption: Option<String>,
}

pub struct Walker<'r> {
    rules: &'r BodyRules,
    field_rules: &'r [FieldRule],
    /// Elements (with their content) to leave out: boilerplate found by the content step.
    skip: &'r HashSet<NodeId>,
    pub fields: Vec<super::Field>,
    /// An emphasized element opened at the start of the current block and not yet closed.
    emphasis_open: Option<NodeId>,
    /// Length of `buf` where the block's leading emphasized run ended.
    lead_end: Option<usize>,
    pub blocks: Vec<Block>,
    /// Per block, the weighted length of its text inside links (parallel to `blocks`).
    pub block_links: Vec<usize>,
    pub images: Vec<Image>,
    buf: String,
    /// Text of the current block inside links, weighted.
    buf_links: usize,
    /// Open `<a>` elements.
    in_link: usize,
    /// Open elements that give their content a kind, innermost last, with the node id.
    kinds: Vec<(NodeId, BlockKind)>,
    /// Index of the image a following caption may describe (no text block since it).
    captionable: Option<usize>,
    figures: Vec<Figure>,
    /// The data row being walked, its cells so far, and whether a cell is open.
    row: Option<(NodeId, Vec<String>, bool)>,
    /// An `<img>` that had only a placeholder, waiting for the `<noscript>` copy after it: its
    /// alt text.
    placeholder: Option<Option<String>>,
    /// `<source srcset>` candidates of the `<picture>` being walked.
    picture_source: Option<String>,
}

impl<'r> Walker<'r> {
    pub fn new(
        rules: &'r BodyRules,
        field_rules: &'r [FieldRule],
        skip: &'r HashSet<NodeId>,
    ) -> Self {
        Walker {
            rules,
            field_rules,
            skip,
            fields: Vec::new(),
            emphasis_open: None,
            lead_end: None,
            blocks: Vec::new(),
            block_links: Vec::new(),
            images: Vec::new(),
            buf: String::new(),
            buf_links: 0,
            in_link: 0,
            kinds: Vec::new(),
            captionable: None,
            figures: Vec::new(),
            row: None,
            placeholder: None,
            picture_source: None,
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
        let links = std::mem::take(&mut self.buf_links);
        if text.is_empty() {
            return;
        }
        if kind == BlockKind::Caption {
            // Inside a figure, the caption is its image's, written after it or before it;
            // elsewhere, the image just before it.
            match self.figures.last_mut() {
                Some(f) => match f.image {
                    Some(i) => {
                        if self.images[i].caption.is_none() {
                            self.images[i].caption = Some(text.clone());
                        }
                    }
                    None => f.pending_caption = Some(text.clone()),
                },
                None => {
                    if let Some(img) = self.captionable.and_then(|i| self.images.get_mut(i))
                        && img.caption.is_none()
                    {
                        img.caption = Some(text.clone());
                    }
                }
            }
        } else {
            self.captionable = None;
        }
        self.blocks.push(Block { kind, text, lead });
        self.block_links.push(links);
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
        if !value.is_empty() {
            self.fields.push(super::Field {
                name: rule.name.clone(),
                value,
                at: self.blocks.len(),
            });
        }
        true
    }

    /// Walk the whole document.
    pub fn walk(&mut self, doc: &Html) {
        self.walk_from(doc.tree.root().id(), doc);
    }

    /// Walk the subtree of `root`.
    pub fn walk_from(&mut self, root: NodeId, doc: &Html) {
        use ego_tree::iter::Edge;
        let Some(root) = doc.tree.get(root) else {
            return;
        };
        let mut skipping: Option<NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => {
                            if self.in_link > 0 {
                                self.buf_links += super::text::weighted_len(&t.text);
                            }
                            self.buf.push_str(&t.text)
                        }
                        Node::Element(el) => {
                            let name = el.name();
                            let elem = ElementRef::wrap(node).expect("element node");
                            if name == "noscript" {
                                self.noscript(&elem);
                            }
                            if self.skip.contains(&node.id()) || self.capture(&elem) {
                                skipping = Some(node.id());
                                continue;
                            }
                            if always_dropped(name) || is_hidden(el) || self.rules.drops(&elem) {
                                skipping = Some(node.id());
                                continue;
                            }
                            self.open(node.id(), name, &elem);
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
                        self.close(node.id(), el.name());
                    }
                }
            }
        }
        self.flush();
    }

    fn open(&mut self, id: NodeId, name: &str, elem: &ElementRef) {
        if let Some((_, cells, open)) = &mut self.row {
            // Inside a data row: cells are separated, not flushed.
            if matches!(name, "td" | "th") {
                let cell = normalize_text(&std::mem::take(&mut self.buf));
                if *open {
                    cells.push(cell);
                }
                *open = true;
                return;
            }
            if name == "img" {
                self.image(elem);
            }
            // A line break inside a cell separates words (`Zeile 1<br>Zeile 2`).
            if name == "br" {
                self.buf.push(' ');
            }
            return;
        }
        if name == "tr" && is_data_row(*elem) {
            self.flush();
            self.row = Some((id, Vec::new(), false));
            return;
        }
        let kind = if self.rules.caption.as_ref().is_some_and(|s| s.matches(elem)) {
            Some(BlockKind::Caption)
        } else {
            kind_of_element(name)
        };
        // A kind-giving element is a block boundary even when inline
        // (`<span class="img_descr">`).
        if is_block(name) || kind.is_some() {
            self.flush();
        }
        match name {
            "a" => self.in_link += 1,
            "img" => self.image(elem),
            "figure" => {
                self.captionable = None;
                self.figures.push(Figure {
                    id,
                    image: None,
                    pending_caption: None,
                })
            }
            "picture" => self.picture_source = None,
            "source" if self.picture_source.is_none() => {
                self.picture_source = images::real_src(elem, self.rules);
            }
            _ => {}
        }
        if let Some(k) = kind {
            self.kinds.push((id, k));
        }
        if self.emphasis_open.is_none()
            && self.lead_end.is_none()
            && self.buf.trim().is_empty()
            && self
                .rules
                .emphasis
                .as_ref()
                .is_some_and(|s| s.matches(elem))
        {
            self.emphasis_open = Some(id);
        }
    }

    fn close(&mut self, id: NodeId, name: &str) {
        if let Some((row_id, cells, open)) = &mut self.row {
            if *row_id != id {
                return;
            }
            let last = normalize_text(&std::mem::take(&mut self.buf));
            if *open {
                cells.push(last);
            }
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            let text = cells.join("\t");
            self.row = None;
            if !text.trim().is_empty() {
                self.captionable = None;
                self.blocks.push(Block {
                    kind: BlockKind::TableRow,
                    text,
                    lead: None,
                });
                self.block_links.push(std::mem::take(&mut self.buf_links));
            }
            return;
        }
        let gives_kind = self.kinds.last().is_some_and(|(k, _)| *k == id);
        if is_block(name) || gives_kind {
            self.flush();
        }
        if gives_kind {
            self.kinds.pop();
        }
        if self.emphasis_open == Some(id) {
            self.emphasis_open = None;
            if !self.buf.trim().is_empty() {
                self.lead_end = Some(self.buf.len());
            }
        }
        if name == "figure" && self.figures.last().is_some_and(|f| f.id == id) {
            self.figures.pop();
        }
        if name == "picture" {
            self.picture_source = None;
        }
        if name == "a" {
            self.in_link = self.in_link.saturating_sub(1);
        }
    }

    fn image(&mut self, el: &ElementRef) {
        let alt = el.attr("alt").map(normalize_text).filter(|a| !a.is_empty());
        let src = images::real_src(el, self.rules).or_else(|| self.picture_source.clone());
        match src {
            Some(src) => self.push_image(src, alt),
            None => self.placeholder = Some(alt),
        }
    }

    fn push_image(&mut self, src: String, alt: Option<String>) {
        self.placeholder = None;
        let mut caption = None;
        let index = self.images.len();
        if let Some(f) = self.figures.last_mut()
            && f.image.is_none()
        {
            f.image = Some(index);
            caption = f.pending_caption.take();
        }
        self.images.push(Image { src, alt, caption });
        self.captionable = Some(index);
    }

    /// A `<noscript>` copy of an image whose visible `<img>` was only a placeholder.
    fn noscript(&mut self, el: &ElementRef) {
        let Some(alt) = self.placeholder.take() else {
            return;
        };
        let text: String = el.text().collect();
        if let Some((src, inner_alt)) = images::noscript_images(&text, self.rules)
            .into_iter()
            .next()
        {
            self.push_image(src, alt.or(inner_alt));
        }
    }
}
