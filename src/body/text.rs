//! Text helpers of the body stage: white space, scripts, punctuation.

/// Collapse white space (including U+3000 ideographic and U+00A0 no-break spaces) to single
/// spaces and trim; zero-width characters are removed. Chinese punctuation is kept as is.
pub fn normalize_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}'
        ) {
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

/// Letters and digits only, lowercase: how a heading is compared with a title.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A CJK ideograph, kana or hangul: one such character carries about as much text as a
/// western word, so lengths are weighted by it ([`weighted_len`]).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Sentence punctuation, western and CJK: the commas and stops that mark running text.
pub fn is_sentence_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | '!' | '?' | '，' | '。' | '；' | '！' | '？' | '、' | '：' | ':'
    )
}

/// The length of a text in "western characters": a CJK character counts 3 (a Chinese word is
/// 1–2 characters, a western word with its space about 6).
pub fn weighted_len(s: &str) -> usize {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if is_cjk(c) { 3 } else { 1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_and_invisible_characters() {
        assert_eq!(normalize_text("　　第一段\n  文字。"), "第一段 文字。");
        assert_eq!(normalize_text("a\u{200B}b\u{00AD}c\u{00A0} d"), "abc d");
    }

    #[test]
    fn weights() {
        assert_eq!(weighted_len("ab c"), 3);
        assert_eq!(weighted_len("中文"), 6);
        assert!(is_sentence_punct('，') && !is_sentence_punct('a'));
    }
}
