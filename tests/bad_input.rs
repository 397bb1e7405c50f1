//! Bad input never crashes a run and never loses data: every file gets a correct parse or an
//! errors row with a clear reason, and the run goes on.

mod common;

use common::*;
use newsetl::config::{self, ConfigSource};
use newsetl::pipeline::{self, Progress, RunOptions};
use serde_json::{Map, Value};
use std::path::Path;

const GOOD: &str = "---\ntitle: 正常的文章\ndate: 2022-03-07 08:10:42\n---\n<p>正文。</p>\n";

fn by_path<'a>(rows: &'a [Map<String, Value>], path: &str) -> Option<&'a Map<String, Value>> {
    rows.iter().find(|r| r["source_path"] == path)
}

fn error_kind(output: &Path, path: &str) -> Option<String> {
    let errors = read_table(output, "errors");
    by_path(&errors, path).map(|e| e["kind"].as_str().unwrap().to_string())
}

#[test]
fn every_kind_of_bad_file_gets_a_parse_or_a_clear_errors_row() {
    let input = tempfile::tempdir().unwrap();
    let root = input.path();
    let w = |name: &str, bytes: &[u8]| std::fs::write(root.join(name), bytes).unwrap();

    w("good.md", GOOD.as_bytes());
    w("empty.md", b"");
    w("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    // 50 MB: over read.max_file_bytes (32 MiB), refused before it is read.
    let big = std::fs::File::create(root.join("huge.md")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    w(
        "invalid-utf8.md",
        b"---\ntitle: bad bytes\n---\n<p>ok \xff\xfe here</p>",
    );
    let (gbk, _, _) =
        encoding_rs::GBK.encode("<html><body><p>证券时报网讯，沪指收涨。</p></body></html>");
    w("gbk-undeclared.html", &gbk);
    w(
        "truncated.md",
        b"---\ntitle: cut off\ndate: 2021-04-11 00:30:33\n<p>body</p>",
    );
    w("only-front-matter.md", b"---\ntitle: nothing after\n---\n");
    // A billion-laughs YAML alias bomb.
    let mut bomb = String::from("---\na: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
    let mut prev = 'a';
    for c in 'b'..='j' {
        bomb += &format!("{c}: &{c} [{}]\n", vec![format!("*{prev}"); 9].join(","));
        prev = c;
    }
    bomb += "title: bomb\n---\n<p>正文</p>\n";
    w("alias-bomb.md", bomb.as_bytes());
    // 100,000 nested elements: refused before the quadratic tree builder sees it.
    w("deep.html", "<div>".repeat(100_000).as_bytes());
    // A date that tries to become a path.
    w(
        "escape.md",
        b"---\ntitle: x\ndate: ../../../../tmp/evil\n---\n<p>x</p>",
    );
    // Names with spaces, a newline, any Unicode.
    w("with spaces.md", GOOD.as_bytes());
    w("new\nline.md", GOOD.as_bytes());
    w("emoji 📰 ΑΒΓ عربي.md", GOOD.as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::PermissionsExt;
        let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        std::fs::write(root.join(latin1), GOOD).unwrap();
        w("unreadable.md", GOOD.as_bytes());
        std::fs::set_permissions(
            root.join("unreadable.md"),
            std::fs::Permissions::from_mode(0o000),
        )
        .unwrap();
        std::fs::create_dir(root.join("loop")).unwrap();
        std::os::unix::fs::symlink(root.join("loop"), root.join("loop/again")).unwrap();
    }

    let out = tempfile::tempdir().unwrap();
    let o = run(root, out.path());
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let articles = read_table(out.path(), "articles");
    let errors = read_table(out.path(), "errors");
    let article = |p: &str| by_path(&articles, p).unwrap_or_else(|| panic!("no article for {p:?}"));

    // Nothing lost: every file is an article or an error, exactly once.
    let n_files = 14 + cfg!(unix) as usize * 3;
    let paths: Vec<_> = articles.iter().map(|a| a["source_path"].clone()).collect();
    assert_eq!(
        articles.len() + errors.len(),
        n_files,
        "{paths:?} {errors:?}"
    );

    assert_eq!(article("good.md")["title"], "正常的文章");
    assert_eq!(error_kind(out.path(), "empty.md").as_deref(), Some("empty"));
    assert_eq!(
        error_kind(out.path(), "binary.md").as_deref(),
        Some("binary")
    );
    assert_eq!(
        error_kind(out.path(), "huge.md").as_deref(),
        Some("too_large")
    );
    let msg = &by_path(&errors, "huge.md").unwrap()["message"];
    assert!(msg.as_str().unwrap().contains("52428800 bytes"), "{msg}");
    assert_eq!(article("invalid-utf8.md")["encoding"], "utf-8+replaced");
    let gbk = article("gbk-undeclared.html");
    assert_eq!(gbk["encoding"], "gbk");
    assert_eq!(gbk["encoding_source"], "detected");
    assert!(gbk["body_text"].as_str().unwrap().contains("证券时报网讯"));
    let truncated = article("truncated.md");
    assert_eq!(truncated["title"], "cut off");
    assert_eq!(truncated["front_matter_status"], "lenient");
    assert_eq!(article("only-front-matter.md")["title"], "nothing after");
    let bomb = article("alias-bomb.md");
    assert_eq!(bomb["front_matter_status"], "lenient");
    assert!(
        bomb["front_matter_error"]
            .as_str()
            .unwrap()
            .contains("repetition limit"),
        "{bomb:?}"
    );
    assert_eq!(bomb["title"], "bomb");
    assert_eq!(
        error_kind(out.path(), "deep.html").as_deref(),
        Some("too_deep")
    );
    let escape = article("escape.md");
    assert_eq!(escape["date_status"], "unparsed");
    assert_eq!(escape["month"], "undated");
    for p in ["with spaces.md", "new\nline.md", "emoji 📰 ΑΒΓ عربي.md"] {
        assert_eq!(article(p)["title"], "正常的文章", "{p:?}");
    }
    #[cfg(unix)]
    {
        assert_eq!(article("caf\u{FFFD}.md")["title"], "正常的文章");
        // Root reads anything: then a correct parse is the right outcome.
        let root_user = running_as_root();
        match error_kind(out.path(), "unreadable.md") {
            Some(kind) => {
                assert_eq!(kind, "io");
                let e = by_path(&errors, "unreadable.md").unwrap();
                assert!(e["message"].as_str().unwrap().contains("ermission denied"));
            }
            None => assert!(root_user, "mode 000 file read by a non-root user"),
        }
        let looped: Vec<_> = errors.iter().filter(|e| e["kind"] == "discovery").collect();
        assert_eq!(looped.len(), 1, "{errors:?}");
        assert!(looped[0]["message"].as_str().unwrap().contains("loop"));
    }

    // Whatever the data, every file the run wrote is inside the output directory.
    for e in walkdir::WalkDir::new(out.path()) {
        let e = e.unwrap();
        let real = std::fs::canonicalize(e.path()).unwrap();
        assert!(real.starts_with(std::fs::canonicalize(out.path()).unwrap()));
    }
}

#[cfg(unix)]
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    // The owner of a file we just created is our effective user.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("me");
    std::fs::write(&f, "").unwrap();
    std::fs::metadata(&f).unwrap().uid() == 0
}

#[test]
fn a_file_deleted_between_discovery_and_read_is_an_io_error_and_the_run_goes_on() {
    let input = tempfile::tempdir().unwrap();
    for name in ["a.md", "vanishing.md", "z.md"] {
        std::fs::write(input.path().join(name), GOOD).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let rules = config::load(&ConfigSource::Path(repo().join("config/newsetl.yaml"))).unwrap();
    let opts = RunOptions::new(vec![input.path().to_path_buf()], out.path().to_path_buf());
    let vanish = input.path().join("vanishing.md");
    // Planning (discovery and stat) is over when `Planned` is reported; extraction follows.
    let summary = pipeline::run(&rules, &opts, &|p| {
        if let Progress::Planned(_) = p {
            std::fs::remove_file(&vanish).unwrap();
        }
    })
    .unwrap();
    assert_eq!((summary.articles, summary.failed), (2, 1));
    let errors = read_table(out.path(), "errors");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["source_path"], "vanishing.md");
    assert_eq!(errors[0]["kind"], "io");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("No such file")
    );

    // I/O failures are retried: the file is back, the next run extracts it.
    std::fs::write(&vanish, GOOD).unwrap();
    let summary = pipeline::run(
        &rules,
        &RunOptions {
            run_id: pipeline::new_run_id(),
            ..opts
        },
        &|_| {},
    )
    .unwrap();
    assert_eq!(summary.changes.retried, 1);
    assert_eq!(read_table(out.path(), "errors").len(), 0);
    assert_eq!(read_table(out.path(), "articles").len(), 3);
}
