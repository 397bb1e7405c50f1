//! WARC input: a `.warc` or `.warc.gz` file (ISO 28500, WARC 1.0/1.1) holds many documents.
//!
//! Each `response` record whose HTTP message is a successful (2xx) HTML response is one
//! document: its id comes from `WARC-Record-ID`, its address from `WARC-Target-URI`, its fetch
//! time from `WARC-Date`, and the charset of the HTTP `Content-Type` header is tried before the
//! page's own declaration. Every other record (`warcinfo`, `request`, `metadata`, `revisit`,
//! non-HTML or non-2xx responses) is counted by reason, not an error. Records are read with the
//! `warc` crate's streaming reader (bodies of skipped records are never buffered); gzip members
//! (one per record, as crawlers write them) are undone by flate2's `MultiGzDecoder`; the HTTP
//! head is parsed by `httparse`, a chunked transfer coding and a gzip/deflate content coding
//! are undone (RFC 9112 §7.1, RFC 9110 §8.4).

use crate::error::{DocError, ErrorKind, Stage};
use chrono::{DateTime, Utc};
use encoding_rs::Encoding;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Whether a file name is a WARC file's: it ends in `.warc` or `.warc.gz` (any case).
pub fn is_warc_name(name: &str) -> bool {
    let ends = |suffix: &str| {
        name.len() >= suffix.len()
            && name.as_bytes()[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    ends(".warc") || ends(".warc.gz")
}

/// One HTML page captured in a WARC file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcPage {
    /// `WARC-Record-ID` without its angle brackets (`urn:uuid:…`).
    pub record_id: String,
    /// `WARC-Target-URI`: the address the page was fetched from.
    pub target_uri: Option<String>,
    /// `WARC-Date`: when it was fetched (UTC).
    pub fetched_at: DateTime<Utc>,
    /// The charset named by the HTTP `Content-Type` header, when encoding_rs knows the label.
    pub http_charset: Option<&'static Encoding>,
    /// The HTTP payload: the page's bytes after the transfer and content codings are undone.
    pub body: Vec<u8>,
}

/// What one record of a WARC file is to newsetl.
#[derive(Debug)]
pub enum WarcItem {
    /// An HTML page: a document.
    Page(WarcPage),
    /// A record that is not a document, and why (`warcinfo`, `request`, `not_html`,
    /// `status_404`, …): counted in the run report.
    Skipped(String),
    /// A response record that should be a page but cannot be read (an unknown content coding,
    /// a broken chunked body, a body over `read.max_file_bytes`): an errors row for the record.
    Failed {
        record_id: String,
        target_uri: Option<String>,
        error: DocError,
    },
}

fn warc_error(message: String) -> DocError {
    DocError::new(Stage::Read, ErrorKind::Warc, message)
}

/// The id of a page of a WARC file: XXH3-64 of a NUL byte and its `WARC-Record-ID` (without
/// `<>`). No path holds a NUL byte, so a page's id never equals a file's.
pub fn page_id(record_id: &str) -> crate::read::DocId {
    let mut b = Vec::with_capacity(record_id.len() + 1);
    b.push(0);
    b.extend_from_slice(record_id.as_bytes());
    crate::read::DocId::of(&b)
}

/// A header line longer than this is not a header (binary garbage without line breaks).
const MAX_LINE: usize = 64 * 1024;
/// How much of an HTTP response is read to decide whether it is an HTML page.
const HTTP_HEAD: u64 = 64 * 1024;

/// Read the WARC file at `path` and hand each record to `visit`, in file order.
///
/// The record framing (ISO 28500 §5: a `WARC/1.x` line, header lines, a blank line,
/// `Content-Length` bytes, two CRLFs) is read here: the `warc` crate (0.4, unmaintained since
/// 2024) panics on a header value that is not UTF-8 and abandons the rest of a file at one bad
/// record, and `rust_warc` allocates a record's `Content-Length` before reading it. A `.gz`
/// file is read gzip member by member (crawlers write one record per member), so a record that
/// breaks inside its member costs only that record. A record that cannot be read — a header
/// without `Content-Length`, a body shorter than it says, a record that does not end where its
/// length says, bytes between records that are not WARC — is a `Failed` item, and reading goes
/// on at the next `WARC/1.x` line (or member). Bodies are streamed: a record that is not a page
/// is skipped without being held, an HTML response over `max_body_bytes` (also once decoded) is
/// `Failed` as too large.
///
/// Errors: `read/io` when the file cannot be opened or read, `read/warc` when a gzip member is
/// broken or the file holds no WARC record at all. The records handed to `visit` before the
/// failure stand.
pub fn read_records(
    path: &Path,
    max_body_bytes: u64,
    mut visit: impl FnMut(WarcItem),
) -> Result<(), DocError> {
    let io = |e: std::io::Error| {
        DocError::new(Stage::Read, ErrorKind::Io, format!("cannot read file: {e}"))
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let bytes = file.metadata().map_err(io)?.len();
    let mut raw = BufReader::with_capacity(1 << 16, file);
    let gz = raw.fill_buf().map_err(io)?.starts_with(&[0x1f, 0x8b]);
    let mut state = Records {
        n: 0,
        found: 0,
        max_body_bytes,
        visit: &mut visit,
    };
    if gz {
        // One member at a time: flate2's bufread decoder stops at the end of its member.
        let mut member = 0u64;
        while !raw.fill_buf().map_err(io)?.is_empty() {
            member += 1;
            let mut dec =
                BufReader::with_capacity(1 << 16, flate2::bufread::GzDecoder::new(&mut raw));
            if let Err(e) = state.stream(&mut dec) {
                return Err(warc_error(format!(
                    "gzip member {member} (after record {}) is broken: {e}",
                    state.n
                )));
            }
        }
    } else if let Err(e) = state.stream(&mut raw) {
        return Err(io(e));
    }
    if state.found == 0 && bytes > 0 {
        return Err(warc_error(
            "no WARC record found: not a WARC file (a record starts with `WARC/1.x`)".into(),
        ));
    }
    Ok(())
}

struct Records<'v, V: FnMut(WarcItem)> {
    /// Records seen (and stretches of bytes that are not records, once a record was found).
    n: u64,
    /// `WARC/1.x` lines seen.
    found: u64,
    max_body_bytes: u64,
    visit: &'v mut V,
}

/// One line, without its line break, at most [`MAX_LINE`] bytes (a longer one is cut there);
/// `None` at the end of the stream.
fn read_line(r: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let n = r
        .by_ref()
        .take(MAX_LINE as u64)
        .read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(None);
    }
    while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        line.pop();
    }
    Ok(Some(line))
}

fn is_version_line(line: &[u8]) -> bool {
    line.starts_with(b"WARC/1.")
}

/// A record's named headers (lower-case names, values as lossy text).
struct Header(Vec<(String, String)>);

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl<V: FnMut(WarcItem)> Records<'_, V> {
    fn failed(&mut self, record_id: Option<&str>, target_uri: Option<String>, message: String) {
        let record_id = match record_id {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => format!("record-{}", self.n),
        };
        (self.visit)(WarcItem::Failed {
            record_id,
            target_uri,
            error: warc_error(message),
        });
    }

    /// Read records from one stream (a file, or one gzip member) to its end. Errors: I/O
    /// (including a broken gzip member).
    fn stream(&mut self, r: &mut impl BufRead) -> std::io::Result<()> {
        let mut line = read_line(r)?;
        // The bytes after a record that could not be framed are its own block: not reported
        // again as bytes between records.
        let mut unframed = false;
        loop {
            // Between records: blank lines, or bytes that are not WARC.
            let mut skipped = 0usize;
            while let Some(l) = &line {
                if is_version_line(l) {
                    break;
                }
                skipped += l.iter().filter(|b| !b.is_ascii_whitespace()).count();
                line = read_line(r)?;
            }
            // Bytes before the first record make the file not WARC (reported once, at the end).
            let quiet = std::mem::take(&mut unframed);
            if skipped > 0 && self.found > 0 && !quiet {
                self.n += 1;
                self.failed(
                    None,
                    None,
                    format!("{skipped} bytes that are not a WARC record were skipped"),
                );
            }
            if line.is_none() {
                return Ok(());
            }
            self.n += 1;
            self.found += 1;
            // Header lines up to the blank line; a line starting with white space continues
            // the one before.
            let mut header = Header(Vec::new());
            let mut ended = false;
            while let Some(l) = read_line(r)? {
                if l.is_empty() {
                    ended = true;
                    break;
                }
                let text = String::from_utf8_lossy(&l).into_owned();
                if text.starts_with([' ', '\t']) {
                    if let Some(last) = header.0.last_mut() {
                        last.1.push(' ');
                        last.1.push_str(text.trim());
                    }
                } else if let Some((k, v)) = text.split_once(':') {
                    header
                        .0
                        .push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                }
            }
            let id = header
                .get("warc-record-id")
                .map(|v| v.trim_start_matches('<').trim_end_matches('>').to_string());
            let uri = header
                .get("warc-target-uri")
                .map(|v| v.trim_start_matches('<').trim_end_matches('>').to_string());
            if !ended {
                self.failed(
                    id.as_deref(),
                    uri,
                    "the file is cut off inside a record header".into(),
                );
                return Ok(());
            }
            let Some(len) = header
                .get("content-length")
                .and_then(|v| v.parse::<u64>().ok())
            else {
                self.failed(
                    id.as_deref(),
                    uri,
                    "a record without a valid Content-Length: it cannot be framed".into(),
                );
                unframed = true;
                line = read_line(r)?;
                continue;
            };
            let mut body = r.by_ref().take(len);
            let outcome = self.record(&header, id.as_deref(), uri.clone(), len, &mut body);
            // Whatever was not read of the block is skipped; then the record must end.
            std::io::copy(&mut body, &mut std::io::sink())?;
            let read = len - body.limit();
            if read < len {
                self.failed(
                    id.as_deref(),
                    uri,
                    format!("the record is cut off: {read} of its {len} bytes"),
                );
                return Ok(());
            }
            let mut end = [0u8; 4];
            let mut got = 0;
            while got < 4 {
                let n = r.read(&mut end[got..])?;
                if n == 0 {
                    break;
                }
                got += n;
            }
            let clean = &end[..got] == b"\r\n\r\n";
            if !clean {
                self.failed(
                    id.as_deref(),
                    uri,
                    "the record does not end where its Content-Length says (a wrong length, or a cut)"
                        .into(),
                );
                // What was read past the block may start the next record.
                line = read_line(r)?;
                if let Some(l) = &mut line {
                    let mut joined = end[..got].to_vec();
                    joined.extend_from_slice(l);
                    let start = joined
                        .windows(7)
                        .position(|w| w == b"WARC/1.")
                        .unwrap_or(joined.len());
                    *l = joined[start..].to_vec();
                }
                continue;
            }
            if let Some(item) = outcome {
                (self.visit)(item);
            }
            line = read_line(r)?;
        }
    }

    /// Decide what one record is, reading its block from `body` (at most `len` bytes) as far
    /// as needed. `None` when the record broke off (the caller reports that).
    fn record(
        &mut self,
        header: &Header,
        id: Option<&str>,
        uri: Option<String>,
        len: u64,
        body: &mut impl Read,
    ) -> Option<WarcItem> {
        let kind = header.get("warc-type").unwrap_or("").to_ascii_lowercase();
        if kind != "response" {
            let kind = match kind.as_str() {
                "warcinfo" | "request" | "metadata" | "revisit" | "resource" | "conversion"
                | "continuation" => kind,
                "" => "no_type".into(),
                _ => "other".into(),
            };
            return Some(WarcItem::Skipped(kind));
        }
        // A segmented record (ISO 28500 §6.6) is only a part of its payload.
        if header.get("warc-segment-number").is_some() {
            return Some(WarcItem::Skipped("segmented".into()));
        }
        let Some(id) = id.filter(|i| !i.is_empty()) else {
            return Some(WarcItem::Failed {
                record_id: format!("record-{}", self.n),
                target_uri: uri,
                error: warc_error("a response without a WARC-Record-ID".into()),
            });
        };
        let failed = |message: String| WarcItem::Failed {
            record_id: id.to_string(),
            target_uri: uri.clone(),
            error: warc_error(message),
        };
        let fetched_at = match header.get("warc-date").map(DateTime::parse_from_rfc3339) {
            Some(Ok(d)) => d.with_timezone(&Utc),
            Some(Err(_)) | None => {
                return Some(failed(format!(
                    "WARC-Date {:?} is not a UTC date-time (2022-03-07T09:30:00Z)",
                    header.get("warc-date").unwrap_or("")
                )));
            }
        };
        let mut head = Vec::new();
        if body
            .by_ref()
            .take(HTTP_HEAD)
            .read_to_end(&mut head)
            .is_err()
        {
            return None;
        }
        let typed_http = header
            .get("content-type")
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        if !typed_http && !head.starts_with(b"HTTP/") {
            return Some(WarcItem::Skipped("not_http".into()));
        }
        // Not a page (by the HTTP head alone): skipped whatever its size.
        match http_head(&head) {
            HeadVerdict::Page => {}
            HeadVerdict::Skip(why) => return Some(WarcItem::Skipped(why)),
            HeadVerdict::Partial if (head.len() as u64) < len => {
                return Some(failed("the HTTP head is longer than 64 KiB".into()));
            }
            HeadVerdict::Partial => return Some(failed("the HTTP head is cut off".into())),
            HeadVerdict::Broken(m) => return Some(failed(m)),
        }
        if len > self.max_body_bytes {
            return Some(WarcItem::Failed {
                record_id: id.to_string(),
                target_uri: uri,
                error: DocError::new(
                    Stage::Read,
                    ErrorKind::TooLarge,
                    format!(
                        "record is {len} bytes, over read.max_file_bytes = {}",
                        self.max_body_bytes
                    ),
                ),
            });
        }
        let mut message = head;
        if body.read_to_end(&mut message).is_err() {
            return None;
        }
        if (message.len() as u64) < len {
            return None;
        }
        Some(match http_page(&message, self.max_body_bytes) {
            Ok(Some((charset, body))) => WarcItem::Page(WarcPage {
                record_id: id.to_string(),
                target_uri: uri,
                fetched_at,
                http_charset: charset,
                body,
            }),
            Ok(None) => WarcItem::Skipped(skip_reason(&message)),
            Err(e) => match e {
                PageError::TooLarge(m) => WarcItem::Failed {
                    record_id: id.to_string(),
                    target_uri: uri,
                    error: DocError::new(Stage::Read, ErrorKind::TooLarge, m),
                },
                PageError::Broken(m) => failed(m),
            },
        })
    }
}

enum HeadVerdict {
    Page,
    Skip(String),
    Partial,
    Broken(String),
}

/// `HTTP/2 200` and `HTTP/2.0 200` as `HTTP/1.1 200`: httparse reads HTTP/1.x heads only, and
/// crawlers record HTTP/2 responses with the same head syntax.
fn http1_head(message: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    for v in [&b"HTTP/2.0 "[..], &b"HTTP/2 "[..], &b"HTTP/3 "[..]] {
        if let Some(rest) = message.strip_prefix(v) {
            let mut m = b"HTTP/1.1 ".to_vec();
            m.extend_from_slice(rest);
            return std::borrow::Cow::Owned(m);
        }
    }
    std::borrow::Cow::Borrowed(message)
}

/// What the head of an HTTP response says: a page (2xx, HTML or untyped), something else, or
/// not enough or broken bytes.
fn http_head(head: &[u8]) -> HeadVerdict {
    let head = http1_head(head);
    let mut headers = [httparse::EMPTY_HEADER; 256];
    let mut res = httparse::Response::new(&mut headers);
    match res.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return HeadVerdict::Partial,
        Err(e) => return HeadVerdict::Broken(format!("the HTTP head does not parse: {e}")),
    }
    match res.code {
        Some(c) if (200..300).contains(&c) => {}
        Some(c) => return HeadVerdict::Skip(format!("status_{c}")),
        None => return HeadVerdict::Partial,
    }
    let ty = res
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))
        .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase());
    match ty {
        Some(t) => {
            let mime = t.split(';').next().unwrap_or("").trim().to_string();
            if mime == "text/html" || mime == "application/xhtml+xml" {
                HeadVerdict::Page
            } else {
                HeadVerdict::Skip("not_html".into())
            }
        }
        None => HeadVerdict::Page,
    }
}

/// Why a response is not a page (for the count), from its HTTP head.
fn skip_reason(message: &[u8]) -> String {
    let message = http1_head(message);
    let mut headers = [httparse::EMPTY_HEADER; 256];
    let mut res = httparse::Response::new(&mut headers);
    match res.parse(&message) {
        Ok(httparse::Status::Complete(_)) => match res.code {
            Some(c) if !(200..300).contains(&c) => format!("status_{c}"),
            _ => "not_html".into(),
        },
        _ => "not_http".into(),
    }
}

/// The page of a successful HTML response: the HTTP header's charset and the decoded payload.
type HttpPage = (Option<&'static Encoding>, Vec<u8>);

/// Why a response that should be a page is not one.
#[derive(Debug, PartialEq, Eq)]
enum PageError {
    /// Decoded, it is larger than the limit.
    TooLarge(String),
    Broken(String),
}

/// The page in an HTTP response message: `Ok(None)` when it is not a successful, non-empty
/// HTML response. Errors: a head that does not parse, a broken chunked body, an unknown content
/// coding, a body over `max_bytes` once decoded.
fn http_page(message: &[u8], max_bytes: u64) -> Result<Option<HttpPage>, PageError> {
    let owned = http1_head(message);
    let message = &owned[..];
    let mut headers = [httparse::EMPTY_HEADER; 256];
    let mut res = httparse::Response::new(&mut headers);
    let head_len = match res.parse(message) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err(PageError::Broken("the HTTP head is cut off".into()));
        }
        Err(e) => {
            return Err(PageError::Broken(format!(
                "the HTTP head does not parse: {e}"
            )));
        }
    };
    if !res.code.is_some_and(|c| (200..300).contains(&c)) {
        return Ok(None);
    }
    let header = |name: &str| {
        res.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = header("content-type");
    let raw = &message[head_len..];
    let mut body = match header("transfer-encoding").as_deref() {
        Some(te) if te.split(',').any(|c| c.trim() == "chunked") => {
            if te
                .split(',')
                .any(|c| !matches!(c.trim(), "chunked" | "identity"))
            {
                return Err(PageError::Broken(format!(
                    "transfer coding {te:?} is not supported"
                )));
            }
            dechunk(raw).map_err(PageError::Broken)?
        }
        _ => raw.to_vec(),
    };
    match header("content-encoding").as_deref() {
        None | Some("") | Some("identity") => {}
        Some("gzip" | "x-gzip") => {
            body = inflate(flate2::read::MultiGzDecoder::new(&body[..]), max_bytes)?;
        }
        Some("deflate") => {
            // RFC 9110 means zlib; some servers send raw deflate.
            body = match inflate(flate2::read::ZlibDecoder::new(&body[..]), max_bytes) {
                Ok(b) => b,
                Err(PageError::Broken(_)) => {
                    inflate(flate2::read::DeflateDecoder::new(&body[..]), max_bytes)?
                }
                Err(e) => return Err(e),
            };
        }
        Some(other) => {
            return Err(PageError::Broken(format!(
                "content coding {other:?} is not supported"
            )));
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let html = match content_type.as_deref() {
        Some(t) => {
            let mime = t.split(';').next().unwrap_or("").trim();
            mime == "text/html" || mime == "application/xhtml+xml"
        }
        // No Content-Type: sniff for markup, as browsers do.
        None => looks_like_html(&body),
    };
    if !html {
        return Ok(None);
    }
    let charset = content_type.as_deref().and_then(|t| {
        t.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            (k.trim() == "charset")
                .then(|| Encoding::for_label(v.trim().trim_matches('"').as_bytes()))
                .flatten()
        })
    });
    Ok(Some((charset, body)))
}

fn looks_like_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<head")
}

/// Decompress, at most `max_bytes` (a small compressed body can unpack to gigabytes).
fn inflate(r: impl Read, max_bytes: u64) -> Result<Vec<u8>, PageError> {
    let mut out = Vec::new();
    r.take(max_bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| PageError::Broken(format!("the compressed body does not decompress: {e}")))?;
    if out.len() as u64 > max_bytes {
        return Err(PageError::TooLarge(format!(
            "the page decompresses to more than read.max_file_bytes = {max_bytes} bytes"
        )));
    }
    Ok(out)
}

/// Undo the chunked transfer coding (RFC 9112 §7.1); trailers are dropped.
fn dechunk(mut raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let (start, size) = match httparse::parse_chunk_size(raw) {
            Ok(httparse::Status::Complete(x)) => x,
            _ => return Err("the chunked body is broken (a chunk size does not parse)".into()),
        };
        if size == 0 {
            return Ok(out);
        }
        let end = usize::try_from(size)
            .ok()
            .and_then(|s| start.checked_add(s))
            .filter(|&e| e <= raw.len())
            .ok_or("the chunked body is cut off")?;
        out.extend_from_slice(&raw[start..end]);
        raw = raw[end..].strip_prefix(b"\r\n").unwrap_or(&raw[end..]);
    }
}

/// What the records of a run's WARC files were: `by_kind` counts records that are not
/// documents by reason (`request`, `not_html`, `status_301`, `duplicate`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct WarcCounts {
    /// WARC files read.
    pub files: u64,
    /// Records read.
    pub records: u64,
    /// HTML pages among them (documents).
    pub pages: u64,
    pub skipped: BTreeMap<String, u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http_msg(head: &str, body: &[u8]) -> Vec<u8> {
        response(head, body)
    }

    fn response(head: &str, body: &[u8]) -> Vec<u8> {
        let mut m = head.replace('\n', "\r\n").into_bytes();
        m.extend_from_slice(b"\r\n");
        m.extend_from_slice(body);
        m
    }

    fn http_page(m: &[u8]) -> Result<Option<HttpPage>, String> {
        super::http_page(m, 1 << 20).map_err(|e| match e {
            PageError::TooLarge(m) | PageError::Broken(m) => m,
        })
    }

    #[test]
    fn http_pages() {
        let (cs, body) = http_page(&response(
            "HTTP/1.1 200 OK\nContent-Type: text/html; charset=GBK\n",
            b"<p>x</p>",
        ))
        .unwrap()
        .unwrap();
        assert_eq!(cs, Some(encoding_rs::GBK));
        assert_eq!(body, b"<p>x</p>");
        // Not pages: other types, other statuses.
        let css = response("HTTP/1.1 200 OK\nContent-Type: text/css\n", b"p{}");
        assert_eq!(http_page(&css).unwrap(), None);
        assert_eq!(skip_reason(&css), "not_html");
        let moved = response("HTTP/1.1 301 Moved\nLocation: /x\n", b"<html>");
        assert_eq!(http_page(&moved).unwrap(), None);
        assert_eq!(skip_reason(&moved), "status_301");
        // No type: sniffed.
        let bare = response("HTTP/1.0 200 OK\n", b"  <!DOCTYPE html><p>y");
        assert!(http_page(&bare).unwrap().is_some());
        // An unknown coding is an error, not a page of compressed bytes.
        let br = response(
            "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: br\n",
            b"\x1b\x00",
        );
        assert!(http_page(&br).unwrap_err().contains("\"br\""));
    }

    #[test]
    fn codings_are_undone() {
        let chunked = response(
            "HTTP/1.1 200 OK\nContent-Type: text/html\nTransfer-Encoding: chunked\n",
            b"4\r\n<p>a\r\n5;ext=1\r\nb</p>\r\n0\r\nX-Trailer: 1\r\n\r\n",
        );
        assert_eq!(http_page(&chunked).unwrap().unwrap().1, b"<p>ab</p>");
        let cut = response(
            "HTTP/1.1 200 OK\nContent-Type: text/html\nTransfer-Encoding: chunked\n",
            b"40\r\n<p>a",
        );
        assert!(http_page(&cut).unwrap_err().contains("cut off"));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, "<p>压缩</p>".as_bytes()).unwrap();
        let gz = response(
            "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: gzip\n",
            &gz.finish().unwrap(),
        );
        assert_eq!(http_page(&gz).unwrap().unwrap().1, "<p>压缩</p>".as_bytes());
    }

    fn record(kind: &str, id: &str, uri: &[u8], block: &[u8], length: Option<usize>) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\nWARC-Date: 2022-03-07T09:30:00Z\r\nContent-Type: application/http; msgtype=response\r\nWARC-Target-URI: "
        )
        .into_bytes();
        r.extend_from_slice(uri);
        r.extend_from_slice(b"\r\n");
        if let Some(n) = length {
            r.extend_from_slice(format!("Content-Length: {n}\r\n").as_bytes());
        }
        r.extend_from_slice(b"\r\n");
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut e, bytes).unwrap();
        e.finish().unwrap()
    }

    fn read_all(name: &str, bytes: &[u8], limit: u64) -> (Vec<String>, Result<(), DocError>) {
        let dir =
            std::env::temp_dir().join(format!("newsetl-warc-test-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut seen = Vec::new();
        let r = read_records(&path, limit, |item| {
            seen.push(match item {
                WarcItem::Page(p) => {
                    format!("page {} {}", p.record_id, p.target_uri.unwrap_or_default())
                }
                WarcItem::Skipped(why) => format!("skipped {why}"),
                WarcItem::Failed {
                    record_id, error, ..
                } => format!("failed {record_id} {}", error.kind),
            })
        });
        std::fs::remove_dir_all(&dir).unwrap();
        (seen, r)
    }

    #[test]
    fn bad_records_cost_only_themselves() {
        let html = http_msg("HTTP/1.1 200 OK\nContent-Type: text/html\n", b"<p>x</p>");
        let page = |id: &str, uri: &[u8]| record("response", id, uri, &html, Some(html.len()));
        // A URI that is not UTF-8 (no panic), a record without a length, one whose length
        // runs past its gzip member, then a good one.
        let mut file = gz(&page("a", b"http://x/caf\xe9"));
        file.extend(gz(&record("response", "b", b"http://x/b", &html, None)));
        file.extend(gz(&record(
            "response",
            "c",
            b"http://x/c",
            &html,
            Some(html.len() + 500),
        )));
        file.extend(gz(&page("d", b"http://x/d")));
        let (seen, r) = read_all("a.warc.gz", &file, 1 << 20);
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            seen,
            [
                "page a http://x/caf\u{fffd}",
                "failed b warc",
                "failed c warc",
                "page d http://x/d"
            ]
        );
        // Uncompressed: bytes between records are skipped and reported; reading goes on.
        let mut file = page("a", b"u");
        file.extend_from_slice(b"garbage\r\n");
        file.extend(page("d", b"v"));
        let (seen, _) = read_all("b.warc", &file, 1 << 20);
        assert_eq!(seen, ["page a u", "failed record-2 warc", "page d v"]);
        // Cut inside a header: the file says so.
        let mut cut = page("a", b"u");
        cut.extend_from_slice(b"WARC/1.1\r\nWARC-Type: resp");
        let (seen, _) = read_all("c.warc", &cut, 1 << 20);
        assert_eq!(seen, ["page a u", "failed record-2 warc"]);
        // Not WARC at all.
        let (seen, r) = read_all("d.warc", b"<html>hello</html>", 1 << 20);
        assert!(seen.is_empty());
        assert!(r.unwrap_err().message.contains("not a WARC file"));
    }

    #[test]
    fn size_limits_hold_for_pages_only() {
        // 4 MiB of HTML zipped to a few KiB: over a 1 MiB limit once decoded.
        let big = vec![b'a'; 4 << 20];
        let bomb = http_msg(
            "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: gzip\n",
            &gz(&big),
        );
        let image = http_msg("HTTP/1.1 200 OK\nContent-Type: image/jpeg\n", &big);
        let mut file = record("response", "bomb", b"u", &bomb, Some(bomb.len()));
        file.extend(record("response", "jpg", b"v", &image, Some(image.len())));
        let (seen, r) = read_all("e.warc", &file, 1 << 20);
        assert!(r.is_ok());
        assert_eq!(seen, ["failed bomb too_large", "skipped not_html"]);
    }

    #[test]
    fn warc_names() {
        assert!(is_warc_name("crawl-00001.warc.gz"));
        assert!(is_warc_name("a.WARC"));
        assert!(!is_warc_name("a.warc.gz.md"));
        assert!(!is_warc_name("a.gz"));
    }
}
