//! The nesting guard: HTML's tree builder is quadratic in nesting depth, so an absurdly deep
//! document is refused (`body/too_deep`) before it is parsed.
//!
//! The depth is measured by a small tokenizer that knows what the HTML standard's tokenizer
//! knows about where tags are: the content of raw-text and escapable raw-text elements
//! (`script`, `style`, `textarea`, `title`, …) and comments hold no tags, and a `<` or `>`
//! inside a quoted attribute value is not markup. Void elements and elements whose end tag may
//! be omitted (`p`, `li`, `td`, …) are not counted, so the figure is an upper bound of real
//! element nesting that ordinary pages keep far below the limit.

/// Elements whose content is text up to their end tag (HTML standard, 13.1.2: raw text and
/// escapable raw text elements, plus `noscript`, `noembed`, `noframes`, `xmp`, `plaintext`
/// which the tokenizer treats alike).
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"plaintext"
    )
}

/// Void elements and elements whose end tag may be omitted: not counted.
fn is_uncounted(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"rt"
            | b"rp"
            | b"optgroup"
            | b"colgroup"
            | b"caption"
    )
}

/// An upper bound of the element nesting of `html` (see the module doc).
pub fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            // A comment ends at the next `-->`.
            i = match memchr::memmem::find(&b[i + 3..], b"-->") {
                Some(p) => i + 3 + p + 3,
                None => b.len(),
            };
            continue;
        }
        if matches!(b.get(i), Some(b'!' | b'?')) {
            i = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |p| i + p + 1);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let mut end = start;
        while end < b.len() && b[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if end == start || !b[start].is_ascii_alphabetic() {
            // Not a tag: `<` in text (`a < b`).
            continue;
        }
        let name = b[start..end].to_ascii_lowercase();
        // The rest of the tag, with quoted attribute values skipped.
        let mut j = end;
        let mut quote: Option<u8> = None;
        let mut self_closing = false;
        while j < b.len() {
            let c = b[j];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => {
                    self_closing = j > end && b[j - 1] == b'/';
                    break;
                }
                None => {}
            }
            j += 1;
        }
        i = (j + 1).min(b.len());
        if closing {
            if !is_uncounted(&name) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if is_raw_text(&name) {
            // Skip to the matching end tag: no markup inside.
            let mut k = i;
            loop {
                match memchr::memmem::find(&b[k..], b"</") {
                    Some(p) => {
                        let at = k + p + 2;
                        let tail = &b[at..(at + name.len()).min(b.len())];
                        if tail.eq_ignore_ascii_case(&name) {
                            i = at;
                            break;
                        }
                        k = at;
                    }
                    None => {
                        i = b.len();
                        break;
                    }
                }
            }
            continue;
        }
        if !is_uncounted(&name) && !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_real_nesting() {
        assert_eq!(
            nesting_depth("<p>a<p>b<br><img src=x><div><span/></div>"),
            1
        );
        assert_eq!(nesting_depth(&"<div>".repeat(1000)), 1000);
        assert_eq!(
            nesting_depth("<html><body><div><section><p>x</p></section></div></body></html>"),
            4
        );
    }

    #[test]
    fn script_style_comments_and_attributes_hold_no_tags() {
        let loops = "for(i=0;i<arr.length;i++){if(a<b&&c>d){}}".repeat(600);
        let page = format!(
            "<html><body><script>{loops}</script><style>a<b{{}}</style>\
             <!-- <div><div><div> --><p title=\"<div><div>\" data-x='<span>'>x</p>\
             <textarea><div><div></textarea></body></html>"
        );
        assert_eq!(nesting_depth(&page), 2);
        // An end tag spelled in another case still ends the script.
        assert_eq!(
            nesting_depth("<script>x<y</SCRIPT><div><div></div></div>"),
            2
        );
        // `<` in text is text.
        assert_eq!(nesting_depth("<div>a < b, 1<2</div>"), 1);
    }
}
