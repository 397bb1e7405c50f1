//! Markdown bodies (Hugo and Hexo scrapers write some posts in Markdown mixed with HTML:
//! `**問：…**`, `#### 答：`, `![](src)`, `<figure>` blocks, Hugo shortcodes) are rendered to
//! HTML with comrak before the body is walked, so that the speech stage sees the same blocks
//! and bold leads as in an HTML post.
//!
//! comrak is used with its CJK-friendly emphasis extension: under plain CommonMark the closing
//! `**` of `**問：**答` follows punctuation and precedes an ideograph, so it may not close the
//! emphasis (commonmark-spec#650), and every `**label：**` of a Chinese transcript would stay
//! literal. Raw HTML passes through (it is parsed with the rest). Line breaks inside a paragraph
//! are kept as breaks: scraped Chinese text is not hard-wrapped, and a transcript's turns may sit
//! on consecutive lines.
//!
//! Whether a body is Markdown is decided per document ([`is_markdown`]) unless
//! `body.markdown` says `always` or `never`.

use std::sync::LazyLock;

/// Whether a body is Markdown: it has no HTML paragraph structure (`<p>`, `<div>`, `<br>`,
/// lists, tables, document markup) and has a Markdown mark (a heading, emphasis, an image, a
/// link, a list or quote line) or is plain text in paragraphs.
pub fn is_markdown(body: &str) -> bool {
    static HTML_BLOCKS: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)<(?:p|div|br|table|tr|li|ul|ol|section|article|html|body|head|h[1-6]|span|font|center)[\s>/]",
        )
        .expect("valid")
    });
    static MARKS: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?m)^\s{0,3}(?:#{1,6}\s|[-*+]\s|>\s?|\d+\.\s)|\*\*[^*\n]+\*\*|!\[[^\]]*\]\(|\[[^\]]+\]\([^)]+\)|\n\s*\n",
        )
        .expect("valid")
    });
    let trimmed = body.trim();
    !trimmed.is_empty() && !HTML_BLOCKS.is_match(body) && MARKS.is_match(trimmed)
}

/// Render a Markdown body to HTML. Hugo shortcodes (`{{< video … >}}`, `{{% … %}}`) are
/// removed first: they are templates, not text.
pub fn to_html(md: &str) -> String {
    static SHORTCODE: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"\{\{[<%].*?[%>]\}\}").expect("valid"));
    let md = SHORTCODE.replace_all(md, "");
    let mut o = comrak::Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.cjk_friendly_emphasis = true;
    o.render.r#unsafe = true;
    o.render.hardbreaks = true;
    comrak::markdown_to_html(&md, &o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_bodies_are_markdown() {
        assert!(is_markdown("# 標題\n\n**問：你好嗎？**\n\n答：好。"));
        assert!(is_markdown("第一段。\n\n第二段。"));
        assert!(is_markdown(
            "![](https://x/a.jpg)\n\n<figure><img src=a></figure>"
        ));
        assert!(!is_markdown("<div>\n<p>正文</p>\n</div>"));
        assert!(!is_markdown(
            "<div>   \n【标题】财联社5月2日讯，内容。  \n</div>"
        ));
        assert!(!is_markdown("one line of text"));
        assert!(!is_markdown("a<br>b\n\nc"));
    }

    #[test]
    fn cjk_emphasis_labels_become_bold() {
        let html = to_html(
            "**問：**你怎樣看？\n\n**鄭** ：我認為……\n\n#### 答：\n\n{{< video src=\"x.mp4\" >}}\n",
        );
        assert!(html.contains("<strong>問：</strong>你怎樣看？"), "{html}");
        assert!(html.contains("<strong>鄭</strong> ：我認為"), "{html}");
        assert!(html.contains("<h4>答：</h4>"), "{html}");
        assert!(!html.contains("video"), "{html}");
    }
}
