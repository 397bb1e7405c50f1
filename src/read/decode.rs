//! Bytes to text. In order:
//!
//! 1. A byte-order mark decides (UTF-8, UTF-16LE/BE).
//! 2. The page's declaration is found by the HTML standard's prescan (13.2.3.2, "prescan a byte
//!    stream to determine its encoding"): `<meta charset>` or `<meta http-equiv=content-type
//!    content="…charset=…">`, with comments skipped and attribute values read as the tokenizer
//!    reads them — a `charset=` inside a script or a comment is not a declaration. The standard
//!    stops after 1,024 bytes; browsers then still switch when the parser meets a `<meta
//!    charset>` later in `<head>`, so the scan goes on through the head (up to 64 KiB, skipping
//!    the content of `<script>`, `<style>` and their kin) until `<body>`.
//! 3. Bytes that are valid UTF-8 are UTF-8, whatever the declaration says (pages re-encoded by a
//!    crawler keep their old `gb2312` label).
//! 4. A post with front matter (`---` first) is UTF-8 by its format: invalid bytes are replaced.
//! 5. Otherwise the declared encoding, if it decodes the bytes cleanly; else what chardetng
//!    (Firefox's detector) guesses — also for undeclared pages, where it tells Big5 from GBK,
//!    Shift_JIS, EUC-KR and windows-125x; else the declared encoding with replacements.
//!
//! [`Decoded::source`] says which step decided, [`Decoded::declared`] what the page declared,
//! and the encoding's name ends in `+replaced` when bytes had to be replaced.

use crate::error::{DocError, ErrorKind, Stage};
use encoding_rs::Encoding;

/// How the encoding was decided: the `encoding_source` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EncodingSource {
    /// A byte-order mark.
    Bom,
    /// The page's declaration (and the bytes agree).
    Declared,
    /// The charset of the HTTP `Content-Type` header it was served with (a WARC record), and
    /// the bytes agree.
    Http,
    /// The bytes are valid UTF-8 (with no declaration, or overriding another one).
    Utf8,
    /// chardetng's guess (no declaration, or one the bytes do not fit).
    Detected,
}

impl EncodingSource {
    pub fn as_str(self) -> &'static str {
        match self {
            EncodingSource::Bom => "bom",
            EncodingSource::Declared => "declared",
            EncodingSource::Http => "http",
            EncodingSource::Utf8 => "utf8",
            EncodingSource::Detected => "detected",
        }
    }
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `gbk`, `big5`, ...; `+replaced` is appended when
    /// undecodable bytes were replaced by U+FFFD.
    pub encoding: String,
    pub source: EncodingSource,
    /// The encoding the page declares (its canonical name), if it declares one.
    pub declared: Option<String>,
}

/// How far the declaration is looked for.
const PRESCAN_LIMIT: usize = 64 * 1024;

/// Decode a file's bytes to text.
///
/// Errors: `read/empty` (nothing but white space), `read/binary` (NUL bytes in the first 8 KiB).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DocError> {
    decode_with_transport(bytes, None)
}

/// [`decode`] of a page served with a charset in its HTTP `Content-Type` header (`transport`):
/// as in the HTML standard's encoding sniffing, the transport's charset comes after a BOM and
/// before the page's own declaration — except that bytes which are valid UTF-8 are read as
/// UTF-8 (servers that send a default `ISO-8859-1` for every page are common), and a transport
/// charset the bytes do not fit falls through to the declaration and detection.
pub fn decode_with_transport(
    bytes: &[u8],
    transport: Option<&'static Encoding>,
) -> Result<Decoded, DocError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DocError::new(
            Stage::Read,
            ErrorKind::Empty,
            "file is empty or only white space",
        ));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let name = format!("{}-bom", enc.name().to_ascii_lowercase());
        return Ok(finish(
            text.into_owned(),
            name,
            had_errors,
            EncodingSource::Bom,
            None,
        ));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(DocError::new(
            Stage::Read,
            ErrorKind::Binary,
            "file contains NUL bytes: binary data, not a text document",
        ));
    }
    let declared = prescan(bytes);
    let declared_name = declared.map(|e| e.name().to_ascii_lowercase());
    if let Ok(s) = std::str::from_utf8(bytes) {
        let source = if transport == Some(encoding_rs::UTF_8) {
            EncodingSource::Http
        } else if declared == Some(encoding_rs::UTF_8) {
            EncodingSource::Declared
        } else {
            EncodingSource::Utf8
        };
        return Ok(Decoded {
            text: s.to_string(),
            encoding: "utf-8".into(),
            source,
            declared: declared_name,
        });
    }
    // The HTTP header's charset, then the page's, each only if the bytes fit it.
    for (named, source) in [
        (transport, EncodingSource::Http),
        (declared, EncodingSource::Declared),
    ] {
        if let Some(enc) = named.filter(|e| *e != encoding_rs::UTF_8) {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if !had_errors {
                return Ok(finish(
                    text.into_owned(),
                    enc.name().to_ascii_lowercase(),
                    false,
                    source,
                    declared_name,
                ));
            }
        }
    }
    // A post with front matter (Hexo, Hugo) is UTF-8 by its format: bad bytes are damage, not
    // another encoding.
    if declared.is_none() && bytes.trim_ascii_start().starts_with(b"---") {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Ok(finish(
            text,
            "utf-8".into(),
            true,
            EncodingSource::Utf8,
            None,
        ));
    }
    // UTF-8 but for a few stray bytes (a Latin-1 character in a script comment): one bad byte
    // must not turn every other character into mojibake.
    if declared.is_none_or(|e| e == encoding_rs::UTF_8) && nearly_utf8(bytes) {
        return Ok(finish(
            String::from_utf8_lossy(bytes).into_owned(),
            "utf-8".into(),
            true,
            if declared.is_some() {
                EncodingSource::Declared
            } else {
                EncodingSource::Utf8
            },
            declared_name,
        ));
    }
    let guess = detect(bytes);
    let (text, had_errors) = guess.decode_without_bom_handling(bytes);
    if had_errors && let Some(enc) = declared.filter(|e| *e != encoding_rs::UTF_8) {
        // Neither fits cleanly: the page's word, with replacements.
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok(finish(
            text.into_owned(),
            enc.name().to_ascii_lowercase(),
            true,
            EncodingSource::Declared,
            declared_name,
        ));
    }
    Ok(finish(
        text.into_owned(),
        guess.name().to_ascii_lowercase(),
        had_errors,
        EncodingSource::Detected,
        declared_name,
    ))
}

/// Whether bytes that are not valid UTF-8 are still UTF-8 text with a few damaged bytes: at
/// least 20 well-formed multi-byte characters for each invalid sequence, and at most 16
/// invalid sequences. Text in a legacy encoding (GBK, Big5, windows-1252) has almost no
/// well-formed multi-byte UTF-8 sequences, so it fails the test.
fn nearly_utf8(bytes: &[u8]) -> bool {
    let (mut multi, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid > 0 && invalid <= 16 && multi >= 20 * invalid
}

/// chardetng's guess for bytes that are not UTF-8.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    det.guess(None, chardetng::Utf8Detection::Allow)
}

fn finish(
    text: String,
    encoding: String,
    had_errors: bool,
    source: EncodingSource,
    declared: Option<String>,
) -> Decoded {
    let encoding = if had_errors {
        format!("{encoding}+replaced")
    } else {
        encoding
    };
    Decoded {
        text,
        encoding,
        source,
        declared,
    }
}

/// Elements whose content holds no tags (skipped by the scan).
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"noscript"
            | b"noembed"
            | b"noframes"
            | b"template"
    )
}

/// The encoding a page declares (see the module doc), by the standard's label rules: UTF-16
/// labels mean UTF-8, `x-user-defined` means windows-1252.
pub fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let b = &bytes[..bytes.len().min(PRESCAN_LIMIT)];
    let mut i = 0;
    while i < b.len()
        && let Some(off) = memchr::memchr(b'<', &b[i..])
    {
        i += off;
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = match memchr::memmem::find(&rest[4..], b"-->") {
                Some(p) => i + 4 + p + 3,
                None => return None,
            };
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = if closing { 2 } else { 1 };
        if !rest
            .get(name_start)
            .is_some_and(|c| c.is_ascii_alphabetic())
        {
            // `<!doctype`, `<?xml`, `</`-less junk: skip to `>`.
            i = match memchr::memchr(b'>', &rest[1..]) {
                Some(p) => i + 1 + p + 1,
                None => return None,
            };
            continue;
        }
        let mut j = name_start;
        while j < rest.len() && !rest[j].is_ascii_whitespace() && rest[j] != b'>' && rest[j] != b'/'
        {
            j += 1;
        }
        let name = rest[name_start..j].to_ascii_lowercase();
        let (attrs, end) = attributes(&rest[j..]);
        i += j + end;
        if closing {
            continue;
        }
        if name == b"meta" {
            if let Some(enc) = meta_encoding(&attrs) {
                return Some(enc);
            }
        } else if name == b"body" {
            return None;
        } else if is_raw_text(&name) {
            // Skip to the end tag.
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
                    None => return None,
                }
            }
        }
    }
    None
}

/// The attributes of a tag (after its name) as `(name, value)` in lower-case names, and how
/// many bytes up to and including the closing `>` were read.
/// A tag's attributes: `(name, value)` pairs.
type Attributes = Vec<(Vec<u8>, Vec<u8>)>;

fn attributes(s: &[u8]) -> (Attributes, usize) {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while i < s.len() && (s[i].is_ascii_whitespace() || s[i] == b'/') {
            i += 1;
        }
        if i >= s.len() {
            return (out, i);
        }
        if s[i] == b'>' {
            return (out, i + 1);
        }
        let start = i;
        while i < s.len() && !s[i].is_ascii_whitespace() && !matches!(s[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = s[start..i].to_ascii_lowercase();
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = Vec::new();
        if i < s.len() && s[i] == b'=' {
            i += 1;
            while i < s.len() && s[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < s.len() && (s[i] == b'"' || s[i] == b'\'') {
                let q = s[i];
                i += 1;
                let vs = i;
                while i < s.len() && s[i] != q {
                    i += 1;
                }
                value = s[vs..i].to_vec();
                i = (i + 1).min(s.len());
            } else {
                let vs = i;
                while i < s.len() && !s[i].is_ascii_whitespace() && s[i] != b'>' {
                    i += 1;
                }
                value = s[vs..i].to_vec();
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
}

/// A `<meta>`'s encoding: its `charset`, or the charset in `content` when `http-equiv` is
/// `content-type`.
fn meta_encoding(attrs: &[(Vec<u8>, Vec<u8>)]) -> Option<&'static Encoding> {
    let get = |n: &[u8]| {
        attrs
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.as_slice())
    };
    let label = if let Some(cs) = get(b"charset") {
        cs.to_vec()
    } else if get(b"http-equiv").is_some_and(|h| h.eq_ignore_ascii_case(b"content-type")) {
        charset_in_content(get(b"content")?)?
    } else {
        return None;
    };
    let enc = Encoding::for_label(label.trim_ascii())?;
    Some(
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else if enc == encoding_rs::X_USER_DEFINED {
            encoding_rs::WINDOWS_1252
        } else {
            enc
        },
    )
}

/// The standard's "extract a character encoding from a meta element" on a `content` value.
fn charset_in_content(content: &[u8]) -> Option<Vec<u8>> {
    let lower = content.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset")?;
    let mut i = at + 7;
    while i < content.len() && content[i].is_ascii_whitespace() {
        i += 1;
    }
    if content.get(i) != Some(&b'=') {
        return charset_in_content(&content[at + 7..]);
    }
    i += 1;
    while i < content.len() && content[i].is_ascii_whitespace() {
        i += 1;
    }
    let v = &content[i..];
    let value = match v.first() {
        Some(q @ (b'"' | b'\'')) => {
            let end = memchr::memchr(*q, &v[1..])?;
            &v[1..1 + end]
        }
        _ => {
            let end = v
                .iter()
                .position(|c| c.is_ascii_whitespace() || *c == b';')
                .unwrap_or(v.len());
            &v[..end]
        }
    };
    (!value.is_empty()).then(|| value.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_charset_comes_before_the_pages_declaration() {
        // Big5 bytes whose page wrongly declares GBK (both decode them without errors).
        let (big5, _, _) = encoding_rs::BIG5.encode("<meta charset=gbk><p>香港新聞記者會</p>");
        let d = decode_with_transport(&big5, Some(encoding_rs::BIG5)).unwrap();
        assert_eq!(
            (d.encoding.as_str(), d.source),
            ("big5", EncodingSource::Http)
        );
        assert!(d.text.contains("香港新聞記者會"));
        assert_eq!(d.declared.as_deref(), Some("gbk"));
        // A server's blanket ISO-8859-1 does not turn a UTF-8 page into mojibake.
        let d = decode_with_transport("<p>新闻</p>".as_bytes(), Some(encoding_rs::WINDOWS_1252))
            .unwrap();
        assert_eq!(
            (d.text.as_str(), d.source),
            ("<p>新闻</p>", EncodingSource::Utf8)
        );
        let d = decode_with_transport("<p>新闻</p>".as_bytes(), Some(encoding_rs::UTF_8)).unwrap();
        assert_eq!(d.source, EncodingSource::Http);
        // A transport charset the bytes do not fit (UTF-8 claimed, GBK served) falls through
        // to the page's declaration.
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=gbk><p>新浪财经</p>");
        let d = decode_with_transport(&gbk, Some(encoding_rs::UTF_8)).unwrap();
        assert_eq!(
            (d.encoding.as_str(), d.source),
            ("gbk", EncodingSource::Declared)
        );
        assert!(d.text.contains("新浪财经"));
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("标题".as_bytes()).unwrap();
        assert_eq!(
            (d.encoding.as_str(), d.source),
            ("utf-8", EncodingSource::Utf8)
        );
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("标题".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "标题");
        assert_eq!(d.encoding, "utf-8-bom");
        assert_eq!(d.source, EncodingSource::Bom);
    }

    #[test]
    fn gbk_declared_and_undeclared() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=\"gbk\"><p>新浪财经</p>");
        let d = decode(&gbk).unwrap();
        assert_eq!(
            (d.encoding.as_str(), d.source),
            ("gbk", EncodingSource::Declared)
        );
        assert!(d.text.contains("新浪财经"));
        let (plain, _, _) = encoding_rs::GBK
            .encode("<p>责任编辑：蒋晓桐。十三届全国人大五次会议在人民大会堂举行。</p>");
        let d = decode(&plain).unwrap();
        assert_eq!(
            (d.encoding.as_str(), d.source),
            ("gbk", EncodingSource::Detected)
        );
        assert!(d.text.contains("责任编辑：蒋晓桐"));
    }

    #[test]
    fn a_wrong_declaration_loses_to_the_bytes() {
        // Declared gb2312, stored as UTF-8 (re-encoded by a crawler).
        let d = decode("<meta charset=gb2312><p>中文正文</p>".as_bytes()).unwrap();
        assert_eq!(
            (d.encoding.as_str(), d.source),
            ("utf-8", EncodingSource::Utf8)
        );
        assert_eq!(d.declared.as_deref(), Some("gbk"));
        // Declared ISO-8859-1 after a script that mentions charset=utf-8.
        let page = "<html><head><script>var a='<meta charset=utf-8>'; // charset=utf-8</script><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body>Gr\u{fc}\u{df}e</body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("Grüße"), "{}", d.text);
    }

    #[test]
    fn a_late_declaration_after_long_styles_is_found() {
        let style = format!("<style>{}</style>", "p{color:red}".repeat(700));
        let page = format!(
            "<html><head>{style}<meta charset=\"big5\"><title>颱風來襲 北部山區發布豪雨特報</title></head><body><p>中央氣象局發布豪雨特報。</p></body></html>"
        );
        let (bytes, _, _) = encoding_rs::BIG5.encode(&page);
        let d = decode(&bytes).unwrap();
        assert_eq!(
            (d.encoding.as_str(), d.source),
            ("big5", EncodingSource::Declared)
        );
        assert!(d.text.contains("颱風來襲"));
    }

    #[test]
    fn prescan_rules() {
        assert_eq!(
            prescan(b"<!-- <meta charset=gbk> --><meta charset='big5'>"),
            Some(encoding_rs::BIG5)
        );
        assert_eq!(prescan(b"<meta charset=utf-16>"), Some(encoding_rs::UTF_8));
        assert_eq!(
            prescan(b"<meta content=\"text/html; charset=gbk\">"),
            None,
            "no http-equiv"
        );
        assert_eq!(
            prescan(b"<meta http-equiv=content-type content='text/html;charset=\"shift_jis\"'>"),
            Some(encoding_rs::SHIFT_JIS)
        );
        assert_eq!(prescan(b"<body><meta charset=gbk>"), None, "after <body>");
        assert_eq!(prescan(b"<p title='<meta charset=gbk>'>x"), None);
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(decode(b"").unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(decode(b" \n\t").unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00binary").unwrap_err().kind,
            ErrorKind::Binary
        );
    }

    #[test]
    fn invalid_bytes_are_replaced_and_flagged() {
        let d = decode(b"abc \xff\xfe\xff def").unwrap();
        assert!(
            d.encoding.ends_with("+replaced") || d.source == EncodingSource::Detected,
            "{}",
            d.encoding
        );
        assert!(d.text.contains("abc"));
    }

    #[test]
    fn utf8_with_a_few_stray_bytes_stays_utf8() {
        // Declared UTF-8, one Latin-1 byte in a script comment; declared or not.
        for head in ["<meta charset=\"utf-8\">", ""] {
            let mut page = format!("<html><head>{head}<script>/* M").into_bytes();
            page.push(0xE4); // `ä` in Latin-1
            page.extend_from_slice(
                "scot */</script></head><body><p>Mäscot: Schafe, Lämmer und Wolle für Größe und Güte.</p><p>中文正文一段，讲述河畔步道改造的经过。</p></body></html>"
                    .as_bytes(),
            );
            let d = decode(&page).unwrap();
            assert_eq!(d.encoding, "utf-8+replaced", "{head:?}");
            assert!(d.text.contains("Mäscot: Schafe, Lämmer"), "{}", d.text);
        }
        // Legacy-encoded text with UTF-8's look-alike bytes is not taken for damaged UTF-8.
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(
            "<p>Grüße aus Köln: Bäcker, Möbel, Übungen, Straße, Fußball, Käse, Größe, Öl.</p>",
        );
        assert!(decode(&latin).unwrap().text.contains("Grüße aus Köln"));
        let (gbk, _, _) =
            encoding_rs::GBK.encode("<p>十三届全国人大五次会议在人民大会堂举行。</p>");
        assert!(decode(&gbk).unwrap().text.contains("人民大会堂"));
    }
}
