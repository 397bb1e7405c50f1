//! The content step for whole web pages: find the article's content root and drop the
//! boilerplate around and inside it (navigation, headers and footers, sidebars, related-article
//! lists, comment threads, share bars, cookie and subscription banners).
//!
//! A body that a feed already cut to the article (a Hexo post's HTML, a fragment) keeps all its
//! text; a whole page (it has `<html>`, `<head>` or `<body>` markup, or `body.main_text` says
//! so) goes through this step. It works on the tree already parsed, in three moves:
//!
//! 1. **Boilerplate by semantics and names.** `nav`, `aside`, `footer`, `menu`, `dialog`, a
//!    page-level `header`, ARIA landmarks that are not content (`navigation`, `banner`,
//!    `contentinfo`, `complementary`, `search`), and elements whose class or id names a kind of
//!    boilerplate (`body.boilerplate_class_words`: `comment`, `share`, `related`, `sidebar`,
//!    `cookie`, …, matched as whole words of the class or id). An element that holds most of
//!    the page's running text is never boilerplate, whatever its name (`content-sidebar-wrap`).
//! 2. **The content root.** A per-site selector (`body.content_selectors`), else the element
//!    scored highest by the method of Readability (Mozilla, after Arc90): every paragraph of
//!    running text gives points (1, plus its commas and stops, plus one per 100 characters, up
//!    to 3) to its parent, half to its grandparent and a third per level above; an element's
//!    score is then scaled by `1 − link density` and weighted by its tag and by class words
//!    (`article`, `content`, `body`, `entry`, `post`, `text` up; boilerplate words down).
//!    Structured markup (`[itemprop=articleBody]`, a single `<article>`, `<main>`) is taken
//!    instead when it holds the best candidate's text. An article spread over page-builder
//!    modules deeper than the scoring window is read from the modules' container
//!    ([`modules_root`]: mostly running text, few links, no teaser list). Siblings of the root
//!    whose own score or
//!    running text is high enough (a lead paragraph beside the body) are kept with it.
//! 3. **Pruning inside the root.** Link lists (an element whose text is mostly link text) and
//!    the boilerplate of move 1 are left out; a data table (its first row has header cells) is
//!    no link list, however many of its cells are links.
//! 4. **Smoothing the blocks** ([`smooth`]): link-dense and short blocks at the edges of the
//!    article go (bylines, share counts, "read more"), those between paragraphs stay.
//!
//! Lengths are weighted for CJK text (a character counts as 3, [`super::text::weighted_len`]).

use super::BodyRules;
use super::text::{is_sentence_punct, squash, weighted_len};
use super::walk::{always_dropped, is_hidden};
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};
use std::collections::{HashMap, HashSet};

/// Where the article is in a page.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// The element to walk: the content root, or `None` for the whole document.
    pub root: Option<NodeId>,
    /// Elements inside the root to leave out.
    pub skip: HashSet<NodeId>,
}

/// Whether `html` is a whole page rather than a body fragment: it has document markup
/// (`<html`, `<head`, `<body` or a doctype) in its first 4 KiB, or, when `markup_only` is false,
/// it is a page's body saved without them — it holds a form or a navigation element (`<form`,
/// `<nav`), which the article bodies that feeds carry never do (none of the 404 posts of the
/// shared corpora). A Markdown body is read with `markup_only`: its prose may name `<nav>`.
pub fn is_whole_page(html: &str, markup_only: bool) -> bool {
    let head = html.as_bytes()[..html.len().min(4096)].to_ascii_lowercase();
    if [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|m| memchr::memmem::find(&head, m).is_some())
    {
        return true;
    }
    if markup_only {
        return false;
    }
    let b = html.as_bytes();
    [&b"<form"[..], b"<nav"].iter().any(|tag| {
        memchr::memmem::find_iter(b, &tag[..2]).any(|at| {
            b.len() > at + tag.len()
                && b[at..at + tag.len()].eq_ignore_ascii_case(tag)
                && matches!(
                    b[at + tag.len()],
                    b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'/'
                )
        })
    })
}

/// Text statistics of one element's subtree (visible text only).
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    /// Weighted length of the text.
    len: usize,
    /// Weighted length of the text inside links.
    link_len: usize,
    /// Sentence punctuation marks.
    punct: usize,
    /// Weighted length of running text: in paragraphs of enough text and few links.
    running: usize,
}

impl Stats {
    fn link_density(&self) -> f64 {
        if self.len == 0 {
            0.0
        } else {
            self.link_len as f64 / self.len as f64
        }
    }
}

/// Class and id words that raise or lower a candidate (Readability's weights, words extended).
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "page",
    "post",
    "text",
    "blog",
    "story",
    "artikel",
    "inhalt",
    "contenido",
    "cuerpo",
    "nota",
    "tresc",
    "detail",
    "zw",
    "newsdetail",
];

/// Words of an element's class and id attributes: lowercase, split on `-`, `_`, spaces and
/// camel-case boundaries are not split (`articleBody` stays one word; so does `sidebar`).
fn words(el: &scraper::node::Element) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["class", "id"] {
        if let Some(v) = el.attr(attr) {
            for w in v.split(|c: char| c.is_whitespace() || c == '-' || c == '_' || c == ':') {
                if !w.is_empty() {
                    out.push(w.to_ascii_lowercase());
                }
            }
        }
    }
    out
}

/// Words of a class or id that say an element holds the article (Readability's
/// "okMaybeItsACandidate"): such an element is not boilerplate by its name.
const CONTENT_MARKERS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "contents",
    "main",
    "column",
    "post",
    "entry",
    "text",
    "story",
    "artikel",
    "inhalt",
];

/// The words of a camel-case name (`mehrwerteTeaser` → `mehrwerte`, `Teaser`; `articleBody` →
/// `article`, `Body`); an all-capitals run stays one word (`CTA`).
fn split_camel(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b: Vec<(usize, char)> = s.char_indices().collect();
    for k in 1..b.len() {
        let (i, c) = b[k];
        if c.is_uppercase() && b[k - 1].1.is_lowercase() {
            out.push(&s[start..i]);
            start = i;
        }
    }
    out.push(&s[start..]);
    out
}

fn is_boilerplate_word(w: &str, rules: &BodyRules) -> bool {
    rules.boilerplate_words.contains(w)
        || rules
            .boilerplate_prefixes
            .iter()
            .any(|p| w.len() > p.len() && w.starts_with(p.as_str()))
}

/// Whether an element is boilerplate by its tag, role or names (move 1), before the text test.
fn looks_like_boilerplate(
    el: &scraper::node::Element,
    inside_article: bool,
    rules: &BodyRules,
) -> bool {
    let name = el.name();
    if matches!(name, "nav" | "aside" | "footer" | "menu" | "dialog") {
        return true;
    }
    if name == "header" && !inside_article {
        return true;
    }
    if let Some(role) = el.attr("role")
        && matches!(
            role,
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "dialog"
                | "alert"
        )
    {
        return true;
    }
    // Each class token (and the id) is read by its last telling word: `story-recommendations`
    // and `article-meta__byline` name boilerplate, `sidebar-content` names content; a word after
    // a modifier (`has-sharing`, `no-sidebar`) tells nothing. Boilerplate if a token says so and
    // none says content.
    let (mut boiler, mut content) = (false, false);
    for attr in ["class", "id"] {
        let Some(v) = el.attr(attr) else { continue };
        for token in v.split_whitespace() {
            let mut last = None;
            let mut modified = false;
            // Words split at `-`, `_`, `:` and camel case (`mehrwerteTeaser`); two words that
            // make a boilerplate word together count as it (`news-letter` → `newsletter`).
            let parts: Vec<String> = token
                .split(['-', '_', ':'])
                .flat_map(split_camel)
                .filter(|w| !w.is_empty())
                .map(|w| w.to_ascii_lowercase())
                .collect();
            let mut words: Vec<String> = Vec::with_capacity(parts.len());
            let mut i = 0;
            while i < parts.len() {
                if i + 1 < parts.len() {
                    let joined = format!("{}{}", parts[i], parts[i + 1]);
                    if is_boilerplate_word(&joined, rules) {
                        words.push(joined);
                        i += 2;
                        continue;
                    }
                }
                words.push(parts[i].clone());
                i += 1;
            }
            for w in words {
                if modified {
                    modified = false;
                    continue;
                }
                if matches!(
                    w.as_str(),
                    "has" | "no" | "with" | "without" | "enable" | "is"
                ) {
                    modified = true;
                } else if CONTENT_MARKERS.contains(&w.as_str()) {
                    last = Some(false);
                } else if is_boilerplate_word(&w, rules) {
                    last = Some(true);
                }
            }
            match last {
                Some(true) => boiler = true,
                Some(false) => content = true,
                None => {}
            }
        }
    }
    boiler && !content
}

/// A paragraph of running text: a `p`, `pre`, `td`, `li`, `dd`, `blockquote`, or a `div`/
/// `section` holding text and no block element with visible text of its own (an empty or
/// hidden `<div>` placeholder — a video slot with `display:none` — does not make a text cell
/// a container). `stats` holds the children's statistics (hidden ones have none).
fn is_paragraph(node: NodeRef<Node>, stats: &HashMap<NodeId, Stats>) -> bool {
    let Node::Element(el) = node.value() else {
        return false;
    };
    match el.name() {
        "p" | "pre" | "blockquote" | "dd" => true,
        "td" | "li" | "div" | "section" => !node.children().any(|c| {
            matches!(c.value(), Node::Element(e) if matches!(e.name(),
                "p" | "div" | "section" | "table" | "ul" | "ol" | "article" | "h1" | "h2" | "h3" | "blockquote"))
                && stats.get(&c.id()).is_some_and(|s| s.len > 0)
        }),
        _ => false,
    }
}

/// Find the content of a whole page: its root, and what to leave out inside it. A selector
/// from `body.content_selectors` for the page's site wins over the scoring.
pub fn locate(
    doc: &Html,
    rules: &BodyRules,
    content_selector: Option<&scraper::Selector>,
) -> Content {
    let root = doc.tree.root();
    // Statistics of every element, bottom-up, visible text only.
    let mut stats: HashMap<NodeId, Stats> = HashMap::new();
    let mut own_paragraphs: Vec<(NodeId, Stats)> = Vec::new();
    collect(root, &mut stats, &mut own_paragraphs, rules);
    let total_running = stats.get(&root.id()).map_or(0, |s| s.running).max(1);

    // Move 1: boilerplate by name, unless it holds most of the running text.
    let mut boiler: HashSet<NodeId> = HashSet::new();
    mark_boilerplate(root, false, &stats, total_running, rules, &mut boiler);

    // Move 2: the content root.
    let chosen = content_selector
        .and_then(|sel| doc.select(sel).next())
        .map(|e| e.id());
    let mut teaser_modules: Vec<NodeId> = Vec::new();
    let (root_id, keep_siblings) = match chosen {
        Some(id) => (id, Vec::new()),
        None => match best_candidate(doc, &stats, &own_paragraphs, &boiler, rules) {
            Some((root, keep, teasers)) => {
                teaser_modules = teasers;
                (root, keep)
            }
            None => {
                // No running text to score: the whole page, boilerplate and the headline out.
                let mut skip = HashSet::new();
                prune(root, &stats, &boiler, &mut skip);
                return Content { root: None, skip };
            }
        },
    };

    // Move 3: prune inside the root.
    let mut skip: HashSet<NodeId> = teaser_modules.into_iter().collect();
    let walk_root = if keep_siblings.is_empty() {
        root_id
    } else {
        // Walk the parent, keeping only the root and the chosen siblings.
        let node = doc.tree.get(root_id).expect("candidate exists");
        let parent = node.parent().expect("a candidate has a parent");
        for c in parent.children() {
            if c.id() != root_id && !keep_siblings.contains(&c.id()) {
                skip.insert(c.id());
            }
        }
        parent.id()
    };
    let node = doc.tree.get(walk_root).expect("exists");
    prune(node, &stats, &boiler, &mut skip);
    if std::env::var_os("NEWSETL_DEBUG_CONTENT").is_some() {
        let describe = |id: NodeId| {
            doc.tree
                .get(id)
                .and_then(|n| {
                    n.value().as_element().map(|e| {
                        format!(
                            "{}.{}#{}",
                            e.name(),
                            e.attr("class").unwrap_or(""),
                            e.attr("id").unwrap_or("")
                        )
                    })
                })
                .unwrap_or_default()
        };
        eprintln!(
            "content root {} (candidate {}), {} skipped inside, {} boilerplate",
            describe(walk_root),
            describe(root_id),
            skip.len(),
            boiler.len()
        );
        for id in &skip {
            eprintln!("  skip {}", describe(*id));
        }
    }
    Content {
        root: Some(walk_root),
        skip,
    }
}

/// Fill `stats` for `node`'s subtree; return its stats. Paragraphs are also listed with their
/// own stats.
fn collect(
    node: NodeRef<Node>,
    stats: &mut HashMap<NodeId, Stats>,
    paragraphs: &mut Vec<(NodeId, Stats)>,
    rules: &BodyRules,
) -> Stats {
    let mut s = Stats::default();
    match node.value() {
        Node::Text(t) => {
            let len = weighted_len(&t.text);
            s.len = len;
            s.punct = t.text.chars().filter(|c| is_sentence_punct(*c)).count();
            return s;
        }
        Node::Element(el) => {
            if always_dropped(el.name()) || is_hidden(el) {
                return s;
            }
            if ElementRef::wrap(node).is_some_and(|e| rules.drops(&e)) {
                return s;
            }
        }
        Node::Document => {}
        _ => return s,
    }
    for c in node.children() {
        let cs = collect(c, stats, paragraphs, rules);
        s.len += cs.len;
        s.link_len += cs.link_len;
        s.punct += cs.punct;
        s.running += cs.running;
    }
    if let Node::Element(el) = node.value() {
        if el.name() == "a" {
            s.link_len = s.len;
        }
        if is_paragraph(node, stats) && s.len >= 25 && s.link_density() < 0.5 && s.running == 0 {
            s.running = s.len - s.link_len;
            paragraphs.push((node.id(), s));
        }
    }
    stats.insert(node.id(), s);
    s
}

fn mark_boilerplate(
    node: NodeRef<Node>,
    inside_article: bool,
    stats: &HashMap<NodeId, Stats>,
    total_running: usize,
    rules: &BodyRules,
    out: &mut HashSet<NodeId>,
) {
    for c in node.children() {
        let Node::Element(el) = c.value() else {
            continue;
        };
        let s = stats.get(&c.id()).copied().unwrap_or_default();
        let holds_most = s.running * 2 > total_running;
        if !holds_most && looks_like_boilerplate(el, inside_article, rules) {
            out.insert(c.id());
            continue;
        }
        let inside = inside_article
            || matches!(el.name(), "article" | "main")
            || el.attr("itemprop") == Some("articleBody");
        mark_boilerplate(c, inside, stats, total_running, rules, out);
    }
}

fn tag_weight(name: &str) -> f64 {
    match name {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn class_weight(el: &scraper::node::Element, rules: &BodyRules) -> f64 {
    let ws = words(el);
    let mut w = 0.0;
    if ws.iter().any(|w| is_boilerplate_word(w, rules)) {
        w -= 25.0;
    }
    if ws.iter().any(|w| POSITIVE.iter().any(|p| w.contains(p))) {
        w += 25.0;
    }
    if el.attr("itemprop") == Some("articleBody") {
        w += 50.0;
    }
    w
}

fn within(node: NodeRef<Node>, set: &HashSet<NodeId>) -> bool {
    node.ancestors()
        .chain(std::iter::once(node))
        .any(|a| set.contains(&a.id()))
}

/// Readability's candidate selection: the best-scoring element and the siblings to keep with
/// it.
fn best_candidate(
    doc: &Html,
    stats: &HashMap<NodeId, Stats>,
    paragraphs: &[(NodeId, Stats)],
    boiler: &HashSet<NodeId>,
    rules: &BodyRules,
) -> Option<(NodeId, Vec<NodeId>, Vec<NodeId>)> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for (id, s) in paragraphs {
        let node = doc.tree.get(*id)?;
        if within(node, boiler) {
            continue;
        }
        let points = 1.0 + s.punct as f64 + (s.len as f64 / 100.0).min(3.0);
        for (level, anc) in node.ancestors().take(5).enumerate() {
            let Node::Element(el) = anc.value() else {
                break;
            };
            if matches!(el.name(), "html" | "body") {
                break;
            }
            let entry = scores
                .entry(anc.id())
                .or_insert_with(|| tag_weight(el.name()) + class_weight(el, rules));
            *entry += match level {
                0 => points,
                1 => points / 2.0,
                l => points / (l as f64 * 3.0),
            };
        }
    }
    let final_score = |id: &NodeId, raw: f64| {
        let ld = stats.get(id).map_or(0.0, Stats::link_density);
        raw * (1.0 - ld)
    };
    let (top, top_score) = scores
        .iter()
        .map(|(id, raw)| (*id, final_score(id, *raw)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
    let mut top = top;
    let mut top_score = top_score;
    // Structured markup that holds the candidate's text is the article as its author marked
    // it: take it when it is not much larger.
    let top_running = stats.get(&top).map_or(0, |s| s.running);
    let node = doc.tree.get(top)?;
    for anc in node.ancestors() {
        let Node::Element(el) = anc.value() else {
            break;
        };
        let marked =
            el.attr("itemprop") == Some("articleBody") || matches!(el.name(), "article" | "main");
        if marked && !boiler.contains(&anc.id()) {
            let s = stats.get(&anc.id()).copied().unwrap_or_default();
            if s.running <= top_running * 3 / 2 + 300 && s.link_density() < 0.35 {
                top = anc.id();
                top_score = scores
                    .get(&top)
                    .copied()
                    .unwrap_or(top_score)
                    .max(top_score);
                break;
            }
        }
    }
    // A stream of teasers (a list, or three or more linked headings) can outscore a short
    // article. The page's description (`<meta name=description>`, Open Graph) is often the
    // article's lead: when the top is such a stream and holds no paragraph that starts as the
    // description does, while one exists outside boilerplate, the best-scoring container of
    // that paragraph (up to three levels up) is the root.
    let teasers = |id: NodeId| {
        let Some(n) = doc.tree.get(id) else {
            return false;
        };
        // A list item or a list, or inside one (a teaser's summary).
        let listed = std::iter::once(n).chain(n.ancestors().take(2)).any(
            |a| matches!(a.value(), Node::Element(e) if matches!(e.name(), "ul" | "ol" | "li")),
        );
        let linked_headings = n
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "h2" | "h3" | "h4"))
            .filter(|e| {
                e.descendants()
                    .chain(e.ancestors().take(2))
                    .any(|d| matches!(d.value(), Node::Element(x) if x.name() == "a"))
            })
            .count();
        listed || linked_headings >= 3
    };
    let mut stream: HashSet<NodeId> = HashSet::new();
    if teasers(top)
        && let Some(lead) = description_lead(doc)
    {
        let anchored: Vec<NodeRef<Node>> = paragraphs
            .iter()
            .filter_map(|(id, _)| doc.tree.get(*id))
            .filter(|n| !within(*n, boiler))
            .filter(|n| {
                let text: String = ElementRef::wrap(*n)
                    .map(|e| e.text().collect())
                    .unwrap_or_default();
                squash(&text).starts_with(&lead)
            })
            .collect();
        let top_node = doc.tree.get(top)?;
        let in_top = |n: &NodeRef<Node>| n.ancestors().any(|a| a.id() == top) || n.id() == top;
        if !anchored.is_empty()
            && !anchored.iter().any(in_top)
            && let Some((id, score)) = anchored[0]
                .ancestors()
                .take(3)
                .filter(|a| !matches!(a.value(), Node::Element(e) if matches!(e.name(), "html" | "body")))
                .filter_map(|a| scores.get(&a.id()).map(|r| (a.id(), final_score(&a.id(), *r))))
                .max_by(|a, b| a.1.total_cmp(&b.1))
            && !top_node.ancestors().any(|a| a.id() == id)
        {
            // The stream is no sibling to keep.
            stream.extend(std::iter::once(top).chain(top_node.ancestors().map(|a| a.id())));
            top = id;
            top_score = score;
        }
    }
    // Repeated peers (an infinite-scroll page's next articles, a thread's posts): blocks of the
    // top's tag and class elsewhere in the page, each with running text of its own. The page's
    // own article is the one whose heading is the page's title; failing that, when the blocks
    // are posts or articles by name, the first of them.
    let post_like = |el: &scraper::node::Element| {
        el.name() == "article"
            || words(el)
                .iter()
                .any(|w| matches!(w.as_str(), "post" | "article" | "entry" | "story"))
    };
    let mut peer_ids: HashSet<NodeId> = HashSet::new();
    if let Some(Node::Element(el)) = doc.tree.get(top).map(|n| n.value()) {
        let (name, class) = (el.name(), el.attr("class").unwrap_or("").trim());
        let top_running = stats.get(&top).map_or(0, |s| s.running);
        let top_node = doc.tree.get(top)?;
        let peers: Vec<NodeRef<Node>> = doc
            .tree
            .root()
            .descendants()
            .filter(|n| {
                n.id() != top
                    && matches!(n.value(), Node::Element(e) if e.name() == name && e.attr("class").unwrap_or("").trim() == class)
                    && !within(*n, boiler)
                    && stats.get(&n.id()).is_some_and(|s| s.running >= 200)
                    && !n.ancestors().any(|a| a.id() == top)
                    && !top_node.ancestors().any(|a| a.id() == n.id())
            })
            .collect();
        if !peers.is_empty() {
            // Blocks with headlines of their own are stories (repeated text blocks of one
            // article have none).
            let has_headline = |n: &NodeRef<Node>| {
                n.descendants().any(
                    |d| matches!(d.value(), Node::Element(e) if matches!(e.name(), "h1" | "h2")),
                )
            };
            peer_ids = peers
                .iter()
                .chain([&top_node])
                .filter(|p| has_headline(p))
                .map(NodeRef::id)
                .collect();
            let title = page_title(doc);
            let headed = |n: NodeRef<Node>| title.as_deref().is_some_and(|t| holds_headline(n, t));
            if !headed(top_node) {
                if let Some(p) = peers.iter().find(|p| headed(**p)) {
                    top = p.id();
                    top_score = scores.get(&top).copied().unwrap_or(top_score);
                } else if post_like(el)
                    && let Some(first) = peers
                        .iter()
                        .find(|p| {
                            stats
                                .get(&p.id())
                                .is_some_and(|s| s.running >= top_running / 5)
                        })
                        .filter(|p| p.id() < top)
                {
                    top = first.id();
                    top_score = scores.get(&top).copied().unwrap_or(top_score);
                }
            }
        }
    }
    // Grow the root while its parent adds little beside it, and that little is text rather
    // than links: the article's header (headline, lead, byline, picture) around its body.
    loop {
        let node = doc.tree.get(top)?;
        let Some(parent) = node.parent() else { break };
        let Node::Element(pel) = parent.value() else {
            break;
        };
        if matches!(pel.name(), "body" | "html") || boiler.contains(&parent.id()) {
            break;
        }
        let (t, p) = (
            stats.get(&top).copied().unwrap_or_default(),
            stats.get(&parent.id()).copied().unwrap_or_default(),
        );
        let added = p.len.saturating_sub(t.len);
        let added_links = p.link_len.saturating_sub(t.link_len);
        let small = added <= (t.len / 3).max(500);
        let wordy = added == 0 || (added_links as f64) <= 0.35 * added as f64;
        if small && wordy {
            top = parent.id();
            top_score = scores
                .get(&top)
                .copied()
                .unwrap_or(top_score)
                .max(top_score);
        } else {
            break;
        }
    }
    // An article spread over modules (page builders: `div.j-module`, `div.wpb_text_column`,
    // one row each) is deeper than the scoring window: its paragraphs meet only in an
    // ancestor that no paragraph scored. Take the highest ancestor up to four levels up (not
    // past an `article`, `main` or `articleBody`) whose running text outside boilerplate is at
    // least twice the root's, whose text outside boilerplate is mostly running text with few
    // links, and whose paragraphs are not teasers (at most one all-link block for two
    // paragraphs: a list of other articles has a "read more" link or a linked headline for
    // each summary).
    let mut teaser_modules = Vec::new();
    if let Some((w, teasers)) = modules_root(doc, top, stats, paragraphs, boiler) {
        teaser_modules = teasers;
        top = w;
        top_score = scores.get(&w).copied().unwrap_or(top_score).max(top_score);
    }
    // Siblings worth keeping (Readability: score over a fifth of the top's, or a paragraph of
    // running text).
    let threshold = (top_score * 0.2).max(10.0);
    let node = doc.tree.get(top)?;
    let mut keep = Vec::new();
    if let Some(parent) = node.parent()
        && !matches!(parent.value(), Node::Document)
    {
        for sib in parent.children() {
            // Another of the repeated blocks is another article.
            if sib.id() == top
                || boiler.contains(&sib.id())
                || peer_ids.contains(&sib.id())
                || stream.contains(&sib.id())
            {
                continue;
            }
            let Node::Element(_) = sib.value() else {
                continue;
            };
            let s = stats.get(&sib.id()).copied().unwrap_or_default();
            let score = scores
                .get(&sib.id())
                .map(|r| final_score(&sib.id(), *r))
                .unwrap_or(0.0);
            let running_paragraph = is_paragraph(sib, stats)
                && s.link_density() < 0.25
                && (s.len >= 80 || (s.len > 0 && s.punct > 0 && s.link_len == 0));
            if score >= threshold || running_paragraph {
                keep.push(sib.id());
            }
        }
    }
    Some((top, keep, teaser_modules))
}

/// What an element holds outside boilerplate: running text (weighted length), all text and
/// text inside links (weighted lengths), paragraphs and links (counts).
#[derive(Default)]
struct Clean {
    running: usize,
    len: usize,
    link_len: usize,
    paragraphs: usize,
    /// Blocks (paragraphs, headings) whose text is all inside links: "read more", a linked
    /// headline.
    link_blocks: usize,
}

fn clean_stats(
    node: NodeRef<Node>,
    stats: &HashMap<NodeId, Stats>,
    paragraphs: &HashSet<NodeId>,
    boiler: &HashSet<NodeId>,
    out: &mut Clean,
) {
    if boiler.contains(&node.id()) {
        return;
    }
    if paragraphs.contains(&node.id()) {
        out.running += stats.get(&node.id()).map_or(0, |s| s.running);
        out.paragraphs += 1;
    }
    match node.value() {
        Node::Text(t) => out.len += weighted_len(&t.text),
        Node::Element(el) => {
            if always_dropped(el.name()) || is_hidden(el) {
                return;
            }
            if el.name() == "a" {
                out.link_len += stats.get(&node.id()).map_or(0, |s| s.len);
            }
            let block = is_paragraph(node, stats) || matches!(el.name(), "h1" | "h2" | "h3" | "h4");
            if let Some(s) = stats.get(&node.id())
                && block
                && s.len > 0
                && s.link_len * 10 >= s.len * 9
            {
                out.link_blocks += 1;
            }
        }
        _ => {}
    }
    for c in node.children() {
        if matches!(c.value(), Node::Text(_)) || c.value().is_element() {
            clean_stats(c, stats, paragraphs, boiler, out);
        }
    }
}

/// The ancestor that holds an article spread over modules, if any (see [`best_candidate`]),
/// and its children that are teasers of other articles (more all-link blocks than one for two
/// paragraphs: a "related stories" row among the modules), to leave out.
fn modules_root(
    doc: &Html,
    top: NodeId,
    stats: &HashMap<NodeId, Stats>,
    paragraphs: &[(NodeId, Stats)],
    boiler: &HashSet<NodeId>,
) -> Option<(NodeId, Vec<NodeId>)> {
    let para_ids: HashSet<NodeId> = paragraphs.iter().map(|(id, _)| *id).collect();
    let clean = |n: NodeRef<Node>| {
        let mut c = Clean::default();
        clean_stats(n, stats, &para_ids, boiler, &mut c);
        c
    };
    let mut cur = doc.tree.get(top)?;
    let base = clean(cur).running.max(1);
    let mut widened = None;
    for _ in 0..4 {
        if let Node::Element(e) = cur.value()
            && (matches!(e.name(), "main" | "article")
                || e.attr("itemprop") == Some("articleBody")
                || e.attr("role") == Some("main"))
        {
            break;
        }
        let Some(parent) = cur.parent() else { break };
        let Node::Element(pel) = parent.value() else {
            break;
        };
        if matches!(pel.name(), "body" | "html") || boiler.contains(&parent.id()) {
            break;
        }
        let c = clean(parent);
        if std::env::var_os("NEWSETL_DEBUG_CONTENT").is_some() {
            eprintln!(
                "  modules? {}: running {} (base {base}) len {} links {} paragraphs {} link blocks {}",
                pel.name(),
                c.running,
                c.len,
                c.link_len,
                c.paragraphs,
                c.link_blocks
            );
        }
        if c.running >= 2 * base
            && (c.link_len as f64) < 0.25 * c.len as f64
            && c.running as f64 >= 0.6 * c.len as f64
            && c.link_blocks * 2 <= c.paragraphs
        {
            widened = Some(parent.id());
        }
        cur = parent;
    }
    let w = widened?;
    // Teasers among the modules: children of the ancestors from the root up to the container,
    // off the root's own line.
    let start = doc.tree.get(top)?;
    let line: Vec<NodeRef<Node>> = std::iter::once(start)
        .chain(start.ancestors())
        .take_while(|a| a.id() != w)
        .collect();
    let teasers = line
        .iter()
        .filter_map(|n| n.parent())
        .flat_map(|p| p.children())
        .filter(|c| c.value().is_element() && !line.iter().any(|l| l.id() == c.id()))
        .filter(|c| {
            let s = clean(*c);
            s.link_blocks > 0 && s.link_blocks * 2 > s.paragraphs
        })
        .map(|c| c.id())
        .collect();
    Some((w, teasers))
}

/// The start of the page's description (`meta[name=description]`, `og:description`,
/// `twitter:description`), letters and digits only, lowercase: its first 20 characters, when it
/// has that many.
fn description_lead(doc: &Html) -> Option<String> {
    static DESCRIPTION: std::sync::LazyLock<scraper::Selector> = std::sync::LazyLock::new(|| {
        scraper::Selector::parse(
            "meta[name=description], meta[property='og:description'], meta[name='twitter:description']",
        )
        .expect("valid selector")
    });
    doc.select(&DESCRIPTION)
        .filter_map(|e| e.value().attr("content"))
        .map(squash)
        .find(|d| d.chars().count() >= 20)
        .map(|d| d.chars().take(20).collect())
}

/// The page's title as its `<title>` or `og:title` gives it, letters and digits only, lowercase:
/// what a heading is compared with in [`holds_headline`].
fn page_title(doc: &Html) -> Option<String> {
    static TITLES: std::sync::LazyLock<scraper::Selector> = std::sync::LazyLock::new(|| {
        scraper::Selector::parse("title, meta[property='og:title']").expect("valid selector")
    });
    let mut all = String::new();
    for e in doc.select(&TITLES) {
        match e.value().attr("content") {
            Some(c) => all.push_str(c),
            None => all.extend(e.text()),
        }
        all.push(' ');
    }
    let t = squash(&all);
    (!t.is_empty()).then_some(t)
}

/// Whether a first- to third-level heading inside `node` is the page's title (`title`, as
/// [`page_title`] gives it, contains it), at least eight letters long.
fn holds_headline(node: NodeRef<Node>, title: &str) -> bool {
    node.descendants().any(|d| {
        let Some(el) = ElementRef::wrap(d) else {
            return false;
        };
        if !matches!(el.value().name(), "h1" | "h2" | "h3") {
            return false;
        }
        let h = squash(&el.text().collect::<String>());
        h.chars().count() >= 8 && title.contains(&h)
    })
}

/// Move 3 inside the root: boilerplate and link lists.
fn prune(
    node: NodeRef<Node>,
    stats: &HashMap<NodeId, Stats>,
    boiler: &HashSet<NodeId>,
    skip: &mut HashSet<NodeId>,
) {
    for c in node.children() {
        let Node::Element(el) = c.value() else {
            continue;
        };
        if boiler.contains(&c.id()) {
            skip.insert(c.id());
            continue;
        }
        let s = stats.get(&c.id()).copied().unwrap_or_default();
        let name = el.name();
        // (A data table's rows are looked into, not pruned: see `in_table_with_header`; tested
        // last, as it reads the table.)
        if !matches!(name, "a" | "p" | "span" | "strong" | "em" | "b" | "i")
            && s.len >= 20
            && s.link_density() > 0.6
            && s.running < s.len / 3
            && s.running < 80
            && !(matches!(
                name,
                "table" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th"
            ) && in_table_with_header(c))
        {
            // A list of links: related articles, tags, pagination, a menu left inside. One that
            // still holds a paragraph of running text is looked into instead.
            skip.insert(c.id());
            continue;
        }
        prune(c, stats, boiler, skip);
    }
}

/// Whether `node` (a table, a row group, a row or a cell) belongs to a table whose first row has
/// header cells (`th`): a data table, whose rows are the data even when each names a link (a
/// list of downloads, of platforms with their pages). Only the nearest table's own first row
/// counts — not a calendar or infobox nested in a layout table.
fn in_table_with_header(node: NodeRef<Node>) -> bool {
    let is = |n: &NodeRef<Node>, names: &[&str]| matches!(n.value(), Node::Element(e) if names.contains(&e.name()));
    let Some(table) = std::iter::once(node)
        .chain(node.ancestors())
        .find(|a| is(a, &["table"]))
    else {
        return false;
    };
    // The first row: a direct child, or the first row of the first row group.
    let first_row = table.children().find_map(|c| {
        if is(&c, &["tr"]) {
            Some(c)
        } else if is(&c, &["thead", "tbody", "tfoot"]) {
            c.children().find(|r| is(r, &["tr"]))
        } else {
            None
        }
    });
    first_row.is_some_and(|r| r.children().any(|cell| is(&cell, &["th"])))
}

/// Block smoothing after the walk, for whole pages (after jusText, Pomikálek 2011): a block is
/// *good* when it is running text (at least 70 weighted characters with sentence punctuation
/// and mostly not links), *bad* when it is mostly link text, *short* otherwise. Blocks between
/// the first and the last good block stay (a subheading, a short paragraph, a list or a linked
/// line inside the article); before the first and after the last, short and bad blocks go
/// (bylines, share counts, "read more", copyright lines), except a heading right before the
/// first good block, a sentence, and list items joined to the good blocks by short blocks only
/// (an agenda or a list of steps that runs on from the article; dev split main text F1 .860 →
/// .866). A heading or short line after the first good block that matches
/// `body.tail_section_patterns` (`评论`, `12 Comments`, `Related posts`) opens a comments or
/// related section: it and all after it go. A page with no good block keeps all but its bad
/// blocks (a recipe, a list page).
pub fn smooth(blocks: Vec<super::Block>, links: &[usize], rules: &BodyRules) -> Vec<super::Block> {
    use super::BlockKind;
    #[derive(Clone, Copy, PartialEq)]
    enum Class {
        Good,
        Short,
        Bad,
        /// Matches a boilerplate text pattern (`Lesen Sie auch: …`): dropped wherever it is.
        Promo,
    }
    let class: Vec<Class> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let len = weighted_len(&b.text);
            let link = links.get(i).copied().unwrap_or(0);
            if rules.boilerplate_text.iter().any(|r| r.is_match(&b.text)) {
                Class::Promo
            } else if len > 0 && link * 2 > len {
                Class::Bad
            } else if len >= 70
                && b.text.chars().any(is_sentence_punct)
                && b.kind != BlockKind::Heading
            {
                Class::Good
            } else {
                Class::Short
            }
        })
        .collect();
    // Closing lines (`Follow us on …`, `All rights reserved`) at the article's end go, and the
    // article ends at the good block before them.
    let mut class = class;
    let closing: Vec<bool> = blocks
        .iter()
        .map(|b| {
            rules
                .closing_boilerplate
                .iter()
                .any(|r| r.is_match(&b.text))
        })
        .collect();
    let mut end = class.len();
    while let Some(l) = class[..end].iter().rposition(|c| *c == Class::Good) {
        for i in l + 1..end {
            if closing[i] {
                class[i] = Class::Promo;
            }
        }
        end = l;
        if !closing[l] {
            break;
        }
        class[l] = Class::Promo;
    }
    // A comments or related-articles section after the running text ends the article: its
    // heading and all after it go.
    if let Some(first) = class.iter().position(|c| *c == Class::Good)
        && let Some(t) = (first + 1..blocks.len()).find(|&i| {
            let b = &blocks[i];
            (b.kind == BlockKind::Heading || b.text.chars().count() <= 40)
                && rules.tail_section.iter().any(|r| r.is_match(b.text.trim()))
        })
    {
        for c in &mut class[t..] {
            *c = Class::Promo;
        }
    }
    let (Some(first), Some(last)) = (
        class.iter().position(|c| *c == Class::Good),
        class.iter().rposition(|c| *c == Class::Good),
    ) else {
        return blocks
            .into_iter()
            .zip(&class)
            .filter(|(_, c)| !matches!(**c, Class::Bad | Class::Promo))
            .map(|(b, _)| b)
            .collect();
    };
    // Short blocks joined to the good region by short blocks only (no bad block between).
    let mut lo = first;
    while lo > 0 && class[lo - 1] == Class::Short {
        lo -= 1;
    }
    let mut hi = last;
    while hi + 1 < class.len() && class[hi + 1] == Class::Short {
        hi += 1;
    }
    blocks
        .into_iter()
        .enumerate()
        .filter(|(i, b)| match class[*i] {
            Class::Promo => false,
            Class::Good => true,
            _ if (first..=last).contains(i) => true,
            Class::Bad => false,
            // A list that runs on from the article (an agenda, steps, sub-points).
            Class::Short if (lo..=hi).contains(i) && b.kind == BlockKind::ListItem => true,
            Class::Short => {
                // At the edges: a heading right before the first good block, or a sentence.
                (*i + 1 == first
                    && (b.kind == BlockKind::Heading
                        || b.text.trim_end().ends_with([':', '：'])
                        || b.is_bold()))
                    || (weighted_len(&b.text) >= 20
                        && b.text
                            .trim_end()
                            .ends_with(['.', '。', '!', '！', '?', '？', '…', '"', '”', '」']))
            }
        })
        .map(|(_, b)| b)
        .collect()
}
