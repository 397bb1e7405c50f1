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
use warc::{RecordType, WarcHeader, WarcReader};

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

/// Read the WARC file at `path` and hand each record to `visit`, in file order.
///
/// `max_body_bytes` bounds one record's body (`read.max_file_bytes`): a larger response is
/// `Failed` without being read into memory.
///
/// Errors: `read/io` when the file cannot be opened, `read/warc` when the file is not WARC or
/// breaks off (a malformed header, a truncated record, a broken gzip member). The records
/// handed to `visit` before the failure stand.
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
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let input: Box<dyn BufRead> = if name.to_ascii_lowercase().ends_with(".gz") {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(BufReader::new(file)),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    let mut reader = WarcReader::new(input);
    let mut records = reader.stream_records();
    let mut n = 0u64;
    while let Some(record) = records.next_item() {
        n += 1;
        let record = record.map_err(|e| warc_error(format!("record {n}: {e}")))?;
        let kind = match record.warc_type() {
            RecordType::Response => None,
            RecordType::WarcInfo => Some("warcinfo"),
            RecordType::Request => Some("request"),
            RecordType::Metadata => Some("metadata"),
            RecordType::Revisit => Some("revisit"),
            RecordType::Resource => Some("resource"),
            RecordType::Conversion => Some("conversion"),
            RecordType::Continuation => Some("continuation"),
            _ => Some("other"),
        };
        if let Some(kind) = kind {
            visit(WarcItem::Skipped(kind.into()));
            continue;
        }
        let record_id = record
            .warc_id()
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string();
        let target_uri = record.header(WarcHeader::TargetURI).map(|u| {
            u.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        });
        let fetched_at = *record.date();
        let http = record
            .header(WarcHeader::ContentType)
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        if !http {
            visit(WarcItem::Skipped("not_http".into()));
            continue;
        }
        if record.content_length() > max_body_bytes {
            visit(WarcItem::Failed {
                error: DocError::new(
                    Stage::Read,
                    ErrorKind::TooLarge,
                    format!(
                        "record is {} bytes, over read.max_file_bytes = {max_body_bytes}",
                        record.content_length()
                    ),
                ),
                record_id,
                target_uri,
            });
            continue;
        }
        let mut message = Vec::with_capacity(record.content_length() as usize);
        let mut record = record;
        record
            .read_to_end(&mut message)
            .map_err(|e| warc_error(format!("record {n} ({record_id}): {e}")))?;
        visit(match http_page(&message) {
            Ok(Some((charset, body))) => WarcItem::Page(WarcPage {
                record_id,
                target_uri,
                fetched_at,
                http_charset: charset,
                body,
            }),
            Ok(None) => WarcItem::Skipped(skip_reason(&message)),
            Err(message) => WarcItem::Failed {
                record_id,
                target_uri,
                error: warc_error(message),
            },
        });
    }
    // The reader sees the end of its input where no record header ends: a file with bytes but
    // no record is not WARC.
    if n == 0 && bytes > 0 {
        return Err(warc_error(
            "no WARC record found: not a WARC file (a record starts with `WARC/1.x`)".into(),
        ));
    }
    Ok(())
}

/// Why a response is not a page (for the count), from its HTTP head.
fn skip_reason(message: &[u8]) -> String {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut res = httparse::Response::new(&mut headers);
    match res.parse(message) {
        Ok(httparse::Status::Complete(_)) => match res.code {
            Some(c) if !(200..300).contains(&c) => format!("status_{c}"),
            _ => "not_html".into(),
        },
        _ => "not_http".into(),
    }
}

/// The page of a successful HTML response: the HTTP header's charset and the decoded payload.
type HttpPage = (Option<&'static Encoding>, Vec<u8>);

/// The page in an HTTP response message: `Ok(None)` when it is not a successful HTML response.
/// Errors: a head that does not parse, a broken chunked body, an unknown content coding.
fn http_page(message: &[u8]) -> Result<Option<HttpPage>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut res = httparse::Response::new(&mut headers);
    let head_len = match res.parse(message) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("the HTTP head is cut off".into()),
        Err(e) => return Err(format!("the HTTP head does not parse: {e}")),
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
    let mut body = match header("transfer-encoding") {
        Some(te) if te.split(',').any(|c| c.trim() == "chunked") => dechunk(raw)?,
        _ => raw.to_vec(),
    };
    match header("content-encoding").as_deref() {
        None | Some("") | Some("identity") => {}
        Some("gzip" | "x-gzip") => body = inflate(flate2::read::MultiGzDecoder::new(&body[..]))?,
        Some("deflate") => body = inflate(flate2::read::ZlibDecoder::new(&body[..]))?,
        Some(other) => return Err(format!("content coding {other:?} is not supported")),
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

fn inflate(mut r: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.read_to_end(&mut out)
        .map_err(|e| format!("the compressed body does not decompress: {e}"))?;
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

    fn response(head: &str, body: &[u8]) -> Vec<u8> {
        let mut m = head.replace('\n', "\r\n").into_bytes();
        m.extend_from_slice(b"\r\n");
        m.extend_from_slice(body);
        m
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

    #[test]
    fn warc_names() {
        assert!(is_warc_name("crawl-00001.warc.gz"));
        assert!(is_warc_name("a.WARC"));
        assert!(!is_warc_name("a.warc.gz.md"));
        assert!(!is_warc_name("a.gz"));
    }
}
