//! Where an image's real address is. Pages load images lazily: the visible `<img>` may hold a
//! placeholder (a `data:` URI, a 1×1 GIF, a random `picsum.photos` header) while the address
//! is in `srcset`/`data-srcset` (the largest candidate wins), in a lazy-loading attribute
//! (`body.image_src_attributes`, then the common `data-lazy-src`, `data-url`, …), in a
//! `<picture><source srcset>`, or only in the `<noscript>` copy that follows it (Readability's
//! `_unwrapNoscriptImages`).

use super::BodyRules;
use scraper::ElementRef;

/// Lazy-loading attributes tried after the configured ones.
const LAZY_ATTRIBUTES: [&str; 8] = [
    "data-lazy-src",
    "data-url",
    "data-lazyload",
    "data-echo",
    "data-hi-res-src",
    "data-full-src",
    "data-original-src",
    "data-src-large",
];

/// Whether `src` is a placeholder rather than the article's image: a `data:` URI, or an address
/// matching `body.placeholder_image_patterns`.
pub fn is_placeholder(src: &str, rules: &BodyRules) -> bool {
    src.starts_with("data:") || rules.placeholder_images.iter().any(|r| r.is_match(src))
}

/// The largest candidate of a `srcset` value (`a.jpg 480w, b.jpg 960w` → `b.jpg`; `x`
/// descriptors likewise; no descriptor counts as `1x`).
pub fn largest_srcset(srcset: &str) -> Option<&str> {
    srcset
        .split(',')
        .filter_map(|c| {
            let mut parts = c.split_whitespace();
            let url = parts.next()?;
            let size = parts
                .next()
                .and_then(|d| {
                    let (n, unit) = d.split_at(d.len().saturating_sub(1));
                    let n: f64 = n.parse().ok()?;
                    Some(if unit == "x" { n * 1000.0 } else { n })
                })
                .unwrap_or(1000.0);
            Some((url, size))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(u, _)| u)
}

/// The real address of an `<img>` (or `<source>`), or `None` when it only has placeholders.
pub fn real_src(el: &ElementRef, rules: &BodyRules) -> Option<String> {
    let ok = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && !is_placeholder(s, rules)).then(|| s.to_string())
    };
    for attr in ["data-srcset", "srcset"] {
        if let Some(best) = el.attr(attr).and_then(largest_srcset).and_then(ok) {
            return Some(best);
        }
    }
    rules
        .image_src_attributes
        .iter()
        .map(String::as_str)
        .chain(LAZY_ATTRIBUTES)
        .filter_map(|a| el.attr(a))
        .find_map(ok)
}

/// The images inside the text of a `<noscript>` element (parsed as a fragment): `(src, alt)`.
pub fn noscript_images(text: &str, rules: &BodyRules) -> Vec<(String, Option<String>)> {
    if !text.contains("<img") {
        return Vec::new();
    }
    use std::sync::LazyLock;
    static IMG: LazyLock<scraper::Selector> =
        LazyLock::new(|| scraper::Selector::parse("img").expect("valid"));
    let frag = scraper::Html::parse_fragment(text);
    frag.select(&IMG)
        .filter_map(|img| {
            let src = real_src(&img, rules)?;
            let alt = img
                .attr("alt")
                .map(super::text::normalize_text)
                .filter(|a| !a.is_empty());
            Some((src, alt))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_candidates() {
        assert_eq!(
            largest_srcset("a.jpg 480w, b.jpg 960w, c.jpg 720w"),
            Some("b.jpg")
        );
        assert_eq!(largest_srcset("a.jpg, b.jpg 2x"), Some("b.jpg"));
        assert_eq!(largest_srcset(""), None);
    }
}
