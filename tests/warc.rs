//! WARC input: each HTML response record is a document; other records are counted; the WARC
//! file is the unit of change for incremental runs; a broken file keeps what was read before
//! the break. And a real crawl (wget --warc-file against a local HTTP server) extracts the same
//! as the same pages read as files.

mod common;

use common::{read_table, run, run_report};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// One WARC record, gzipped on its own as crawlers write them.
fn record(kind: &str, id: &str, uri: Option<&str>, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\nWARC-Date: 2022-03-07T09:30:00Z\r\n"
    );
    if let Some(u) = uri {
        r.push_str(&format!("WARC-Target-URI: {u}\r\n"));
    }
    r.push_str(&format!(
        "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    ));
    let mut bytes = r.into_bytes();
    bytes.extend_from_slice(block);
    bytes.extend_from_slice(b"\r\n\r\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&bytes).unwrap();
    gz.finish().unwrap()
}

fn http(head: &str, body: &[u8]) -> Vec<u8> {
    let mut m = head.replace('\n', "\r\n").into_bytes();
    m.extend_from_slice(b"\r\n");
    m.extend_from_slice(body);
    m
}

const HTTP: &str = "application/http; msgtype=response";

fn page(title: &str, day: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><h1>{title}</h1>\
         <p>{day}电 某市今日召开新闻发布会，介绍稳就业的新举措。发言人表示，各项政策将在本月落地。</p>\
         <p>这是第二段正文，说明具体安排和时间表，内容足够长，可以算作文章的主要内容。</p></body></html>"
    )
}

/// A crawl with every kind of record: 3 pages (one GBK named only by the HTTP header, one
/// chunked and gzipped), and records that are not documents, and one that is broken.
fn crawl() -> Vec<u8> {
    let mut w = Vec::new();
    w.extend(record(
        "warcinfo",
        "urn:uuid:info",
        None,
        "application/warc-fields",
        b"software: test\r\n",
    ));
    w.extend(record(
        "request",
        "urn:uuid:req-1",
        Some("https://news.example.cn/2022/03/07/a.html"),
        "application/http; msgtype=request",
        b"GET /2022/03/07/a.html HTTP/1.1\r\nHost: news.example.cn\r\n\r\n",
    ));
    let a = page("国常会部署稳就业", "3月7日");
    let (gbk, _, _) = encoding_rs::GBK.encode(&a);
    w.extend(record(
        "response",
        "urn:uuid:page-a",
        Some("https://news.example.cn/2022/03/07/a.html"),
        HTTP,
        &http(
            "HTTP/1.1 200 OK\nContent-Type: text/html; charset=GBK\n",
            &gbk,
        ),
    ));
    // Chunked and gzipped.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(page("第二篇报道", "3月8日").as_bytes())
        .unwrap();
    let gz = gz.finish().unwrap();
    let mut chunked = Vec::new();
    for part in gz.chunks(100) {
        chunked.extend(format!("{:x}\r\n", part.len()).into_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    w.extend(record(
        "response",
        "urn:uuid:page-b",
        Some("https://news.example.cn/b.html"),
        HTTP,
        &http(
            "HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\nTransfer-Encoding: chunked\nContent-Encoding: gzip\n",
            &chunked,
        ),
    ));
    // Not documents.
    w.extend(record(
        "response",
        "urn:uuid:css",
        Some("https://news.example.cn/site.css"),
        HTTP,
        &http("HTTP/1.1 200 OK\nContent-Type: text/css\n", b"p{color:red}"),
    ));
    w.extend(record(
        "response",
        "urn:uuid:moved",
        Some("https://news.example.cn/old"),
        HTTP,
        &http(
            "HTTP/1.1 301 Moved Permanently\nLocation: /b.html\nContent-Type: text/html\n",
            b"<a href=/b.html>moved</a>",
        ),
    ));
    w.extend(record(
        "metadata",
        "urn:uuid:meta",
        Some("https://news.example.cn/b.html"),
        "application/warc-fields",
        b"outlink: https://news.example.cn/c.html\r\n",
    ));
    // A response that cannot be read: an errors row of its own.
    w.extend(record(
        "response",
        "urn:uuid:brotli",
        Some("https://news.example.cn/br.html"),
        HTTP,
        &http(
            "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: br\n",
            b"\x1b\x03\x00",
        ),
    ));
    w.extend(record(
        "response",
        "urn:uuid:page-c",
        Some("https://news.example.cn/c.html"),
        HTTP,
        &http("HTTP/1.0 200 OK\n", page("第三篇", "3月9日").as_bytes()),
    ));
    w
}

fn by_path(rows: &[Map<String, Value>]) -> BTreeMap<String, &Map<String, Value>> {
    rows.iter()
        .map(|r| (r["source_path"].as_str().unwrap().to_string(), r))
        .collect()
}

#[test]
fn pages_of_a_warc_file_are_documents() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir_all(input.join("crawls")).unwrap();
    std::fs::write(input.join("crawls/day1.warc.gz"), crawl()).unwrap();
    let out = run(&input, &output);
    // One record failed: the exit code says so.
    assert_eq!(out.status.code(), Some(1), "{out:?}");

    let articles = read_table(&output, "articles");
    let a = by_path(&articles);
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        [
            "crawls/day1.warc.gz#urn:uuid:page-a",
            "crawls/day1.warc.gz#urn:uuid:page-b",
            "crawls/day1.warc.gz#urn:uuid:page-c",
        ]
    );
    let pa = a["crawls/day1.warc.gz#urn:uuid:page-a"];
    // The HTTP header's charset decoded the GBK page.
    assert_eq!(pa["title"], "国常会部署稳就业");
    assert_eq!(pa["encoding"], "gbk");
    assert_eq!(pa["encoding_source"], "http");
    assert_eq!(pa["url"], "https://news.example.cn/2022/03/07/a.html");
    assert_eq!(pa["fetched_at"], common::micros("2022-03-07T09:30:00Z"));
    // The day comes from the fetched address's path (the page names no other).
    assert_eq!(pa["published_date"], "2022-03-07");
    assert_eq!(pa["date_source"], "url");
    // Ids come from the record ids: stable across runs and paths.
    let ids: Vec<&str> = articles
        .iter()
        .map(|r| r["doc_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids.iter().collect::<std::collections::HashSet<_>>().len(),
        3
    );
    let pb = a["crawls/day1.warc.gz#urn:uuid:page-b"];
    assert!(
        pb["body_text"].as_str().unwrap().contains("第二段正文"),
        "{pb:?}"
    );
    assert_eq!(pb["title"], "第二篇报道");
    let pc = a["crawls/day1.warc.gz#urn:uuid:page-c"];
    assert_eq!(pc["encoding_source"], "utf8");

    let errors = read_table(&output, "errors");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0]["source_path"],
        "crawls/day1.warc.gz#urn:uuid:brotli"
    );
    assert_eq!(errors[0]["stage"], "read");
    assert_eq!(errors[0]["kind"], "warc");
    assert!(errors[0]["message"].as_str().unwrap().contains("\"br\""));

    let r = run_report(&output);
    assert_eq!(r["warc"]["files"], 1);
    assert_eq!(r["warc"]["records"], 9);
    assert_eq!(r["warc"]["pages"], 3);
    assert_eq!(
        r["warc"]["skipped"],
        serde_json::json!({"warcinfo": 1, "request": 1, "metadata": 1, "not_html": 1, "status_301": 1})
    );
    assert_eq!(r["articles"], 3);
    assert_eq!(r["failed"], 1);

    // `inspect` shows every page, and names the record it could not read.
    let file = input.join("crawls/day1.warc.gz");
    let out = common::newsetl(&["inspect", file.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pages = shown["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 4);
    assert_eq!(pages[0]["title"], "国常会部署稳就业");
    assert_eq!(pages[0]["doc_id"], pa["doc_id"]);
    assert_eq!(pages[2]["error"]["kind"], "warc");
}

/// A response record of one HTML page at `https://x.example/<id>.html`.
fn one_page(id: &str, title: &str) -> Vec<u8> {
    record(
        "response",
        id,
        Some(&format!("https://x.example/{id}.html")),
        HTTP,
        &http(
            "HTTP/1.1 200 OK\nContent-Type: text/html\n",
            page(title, "5日").as_bytes(),
        ),
    )
}

fn sorted<const N: usize>(titles: [&str; N]) -> Vec<String> {
    let mut t: Vec<String> = titles.iter().map(|s| s.to_string()).collect();
    t.sort();
    t
}

#[test]
fn a_warc_file_is_the_unit_of_change() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir_all(&input).unwrap();
    let one = one_page;
    let a = [
        one("urn:uuid:a1", "甲方第一篇"),
        one("urn:uuid:a2", "甲方第二篇"),
    ]
    .concat();
    let b = [one("urn:uuid:b1", "乙方第一篇")].concat();
    std::fs::write(input.join("a.warc.gz"), &a).unwrap();
    std::fs::write(input.join("b.warc.gz"), &b).unwrap();
    std::fs::write(input.join("post.html"), page("文件里的文章", "6日")).unwrap();
    assert!(run(&input, &output).status.success());
    let titles = |output: &Path| {
        let mut t: Vec<String> = read_table(output, "articles")
            .iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect();
        t.sort();
        t
    };
    assert_eq!(
        titles(&output),
        sorted(["文件里的文章", "甲方第一篇", "甲方第二篇", "乙方第一篇"])
    );

    // Unchanged: nothing is read again.
    assert!(run(&input, &output).status.success());
    let r = run_report(&output);
    assert_eq!(r["changes"]["processed"], 0, "{r}");
    assert_eq!(r["changes"]["unchanged"], 3);
    assert_eq!(
        titles(&output),
        sorted(["文件里的文章", "甲方第一篇", "甲方第二篇", "乙方第一篇"])
    );

    // a.warc.gz changes: a page replaced, one dropped, one added; b and the file are kept.
    let a = [
        one("urn:uuid:a1", "甲方第一篇改"),
        one("urn:uuid:a3", "甲方第三篇"),
    ]
    .concat();
    std::fs::write(input.join("a.warc.gz"), &a).unwrap();
    assert!(run(&input, &output).status.success());
    let r = run_report(&output);
    assert_eq!(r["changes"]["changed"], 1, "{r}");
    assert_eq!(r["articles"], 2);
    assert_eq!(
        titles(&output),
        sorted(["文件里的文章", "乙方第一篇", "甲方第一篇改", "甲方第三篇"])
    );

    // The same record in a second WARC file is one document.
    std::fs::write(
        input.join("c.warc.gz"),
        one("urn:uuid:b1", "乙方第一篇副本"),
    )
    .unwrap();
    assert!(run(&input, &output).status.success());
    assert_eq!(run_report(&output)["warc"]["skipped"]["duplicate"], 1);
    assert_eq!(
        titles(&output),
        sorted(["文件里的文章", "乙方第一篇", "甲方第一篇改", "甲方第三篇"])
    );

    // The page stays while a WARC file holds it: b goes, c still has b1.
    std::fs::remove_file(input.join("b.warc.gz")).unwrap();
    assert!(run(&input, &output).status.success());
    assert_eq!(
        titles(&output),
        sorted(["文件里的文章", "乙方第一篇", "甲方第一篇改", "甲方第三篇"])
    );
    // A deleted WARC file takes its pages with it.
    std::fs::remove_file(input.join("c.warc.gz")).unwrap();
    assert!(run(&input, &output).status.success());
    assert_eq!(
        titles(&output),
        sorted(["文件里的文章", "甲方第一篇改", "甲方第三篇"])
    );
    // And a full rebuild agrees with the incremental result.
    let full = dir.path().join("full");
    assert!(run(&input, &full).status.success());
    assert_eq!(common::dataset(&output), common::dataset(&full));
}

#[test]
fn a_broken_warc_file_keeps_the_pages_before_the_break() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir_all(&input).unwrap();
    let mut w = crawl();
    // The crawl's records are whole; one more is cut in half.
    let last = record(
        "response",
        "urn:uuid:cut",
        Some("https://x.example/cut.html"),
        HTTP,
        &http(
            "HTTP/1.1 200 OK\nContent-Type: text/html\n",
            page("截断", "1日").as_bytes(),
        ),
    );
    w.extend_from_slice(&last[..last.len() / 2]);
    std::fs::write(input.join("broken.warc.gz"), &w).unwrap();
    // Not WARC at all.
    std::fs::write(
        input.join("not.warc"),
        b"<html><p>not a warc file</p></html>",
    )
    .unwrap();
    let out = run(&input, &output);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(read_table(&output, "articles").len(), 3);
    let errors = read_table(&output, "errors");
    let e = by_path(&errors);
    assert_eq!(e["broken.warc.gz"]["kind"], "warc", "{errors:?}");
    assert_eq!(e["not.warc"]["kind"], "warc");
    assert!(e.contains_key("broken.warc.gz#urn:uuid:brotli"));
    // Nothing changed: the broken file is not read again, its pages stay.
    let out = run(&input, &output);
    assert_eq!(run_report(&output)["changes"]["processed"], 0, "{out:?}");
    assert_eq!(read_table(&output, "articles").len(), 3);
}

/// Serve `dir` over HTTP/1.0 on 127.0.0.1 (one thread per connection) until the process ends;
/// returns the port.
fn serve(dir: &Path) -> u16 {
    use std::io::{BufRead, BufReader};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                reader.read_line(&mut line).unwrap();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
                        break;
                    }
                }
                let path = line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .trim_start_matches('/');
                let (status, body) = match std::fs::read(dir.join(path)) {
                    Ok(b) => ("200 OK", b),
                    Err(_) => ("404 Not Found", b"<html>not found</html>".to_vec()),
                };
                let head = format!(
                    "HTTP/1.0 {status}\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                stream.write_all(head.as_bytes()).unwrap();
                stream.write_all(&body).unwrap();
            });
        }
    });
    port
}

/// Rows of every table with the document named by `name` (the file name of its page) instead
/// of its `doc_id`, and without what differs by design between a capture and a file.
fn comparable(output: &Path) -> BTreeMap<&'static str, Vec<String>> {
    let articles = read_table(output, "articles");
    let name: BTreeMap<String, String> = articles
        .iter()
        .map(|r| {
            let from = r["url"]
                .as_str()
                .unwrap_or_else(|| r["source_path"].as_str().unwrap());
            let n = from.rsplit('/').next().unwrap().to_string();
            (r["doc_id"].as_str().unwrap().to_string(), n)
        })
        .collect();
    common::TABLES
        .iter()
        .map(|t| {
            let mut rows: Vec<String> = read_table(output, t)
                .into_iter()
                .map(|mut r| {
                    let id = r["doc_id"].as_str().unwrap().to_string();
                    r.insert("doc_id".into(), Value::String(name[&id].clone()));
                    for k in ["source_path", "url", "fetched_at", "run_id"] {
                        r.remove(k);
                    }
                    Value::Object(r).to_string()
                })
                .collect();
            rows.sort();
            (*t, rows)
        })
        .collect()
}

/// Issue 18's test 7: pages served by a local HTTP server and captured with
/// `wget --warc-file` extract equal to the same pages as files. CI installs wget and sets
/// NEWSETL_REQUIRE_WGET=1.
#[test]
fn a_wget_crawl_extracts_like_the_same_pages_as_files() {
    let have = std::process::Command::new("wget")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        assert!(
            std::env::var_os("NEWSETL_REQUIRE_WGET").is_none(),
            "wget is required here"
        );
        eprintln!("wget not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::copy(
        common::fixtures().join("pages/plain-article.html"),
        site.join("plain-article.html"),
    )
    .unwrap();
    let gbk_page = page("国常会", "3月7日").replace("<head>", "<head><meta charset=gbk>");
    let (gbk, _, _) = encoding_rs::GBK.encode(&gbk_page);
    std::fs::write(site.join("gbk.html"), &gbk).unwrap();
    std::fs::write(
        site.join("jsonld.html"),
        r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"记者会实录","datePublished":"2022-03-07T16:10:00+08:00","author":{"@type":"Person","name":"王强"}}</script></head>
<body><nav>首页 | 新闻</nav><article><h1>记者会实录</h1><p>记者：今年的就业目标是什么？</p><p>王强：我们将确保就业稳定，新增就业一千一百万人以上。</p></article><footer>版权所有</footer></body></html>"#,
    )
    .unwrap();
    let port = serve(&site);
    let crawl = dir.path().join("crawl");
    std::fs::create_dir_all(&crawl).unwrap();
    let urls: Vec<String> = ["plain-article.html", "gbk.html", "jsonld.html"]
        .iter()
        .map(|n| format!("http://127.0.0.1:{port}/{n}"))
        .collect();
    let out = std::process::Command::new("wget")
        .args(["-q", "--no-proxy", "--tries=1", "--timeout=20"])
        .arg(format!("--warc-file={}", crawl.join("site").display()))
        .arg("-P")
        .arg(dir.path().join("downloads"))
        .args(&urls)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(crawl.join("site.warc.gz").is_file());

    let (from_warc, from_files) = (dir.path().join("w"), dir.path().join("f"));
    let o = run(&crawl, &from_warc);
    assert!(o.status.success(), "{o:?}");
    let o = run(&site, &from_files);
    assert!(o.status.success(), "{o:?}");
    let (w, f) = (comparable(&from_warc), comparable(&from_files));
    assert_eq!(w["articles"].len(), 3);
    assert_eq!(w, f);
    // wget's own records (request, metadata, its log as a resource) are counted, not errors.
    let r = run_report(&from_warc);
    assert_eq!(r["warc"]["pages"], 3);
    assert_eq!(r["failed"], 0);
}

#[test]
fn pages_gone_from_a_changed_warc_file_count_as_deletions() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir_all(&input).unwrap();
    let one = |id: &str| one_page(id, &format!("第{id}篇稿件的标题"));
    std::fs::write(
        input.join("a.warc.gz"),
        [one("urn:uuid:p1"), one("urn:uuid:p2"), one("urn:uuid:p3")].concat(),
    )
    .unwrap();
    std::fs::write(input.join("post.html"), page("文件里的文章", "6日")).unwrap();
    assert!(run(&input, &output).status.success());
    let before = common::dataset(&output);
    // The crawl file is rewritten with one page: 2 of the 4 published articles would go.
    std::fs::write(input.join("a.warc.gz"), one("urn:uuid:p1")).unwrap();
    let out = common::newsetl(&[
        "run",
        "--quiet",
        "--max-delete-fraction",
        "0.25",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert_eq!(common::dataset(&output), before);
    let out = run(&input, &output);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(read_table(&output, "articles").len(), 2);
    let r = run_report(&output);
    let changes =
        std::fs::read_to_string(output.join(r["changes_file"].as_str().unwrap())).unwrap();
    let deleted: Vec<&str> = changes
        .lines()
        .filter(|l| l.contains("\"deleted\""))
        .collect();
    assert_eq!(deleted.len(), 2, "{changes}");
    assert!(deleted.iter().any(|l| l.contains("a.warc.gz#urn:uuid:p2")));
}
