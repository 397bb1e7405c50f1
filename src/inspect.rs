//! `newsetl inspect FILE`: run every stage on one file and show what each extracted.

use crate::article::Article;
use crate::config::Rules;
use crate::error::DocError;
use crate::pipeline::{self, StageTimes};
use crate::read::SourceFile;
use crate::store::schema::Partitioning;
use std::fmt::Write;
use std::path::Path;

/// Extract one file. Its `source_path` (and so its id) is the path as given.
pub fn inspect(path: &Path, rules: &Rules) -> Result<Article, DocError> {
    let file = SourceFile::new(Path::new(""), path.to_path_buf());
    pipeline::process_file(&file, rules, &mut StageTimes::default())
}

/// One page of a WARC file: its article, or its `source_path` and why it failed.
pub type PageResult = Result<Article, (String, DocError)>;

/// Extract every page of a WARC file (see [`crate::read::warc`]), in file order: each page's
/// `source_path` is the path as given, `#` and its record id, as a run over the file's directory
/// gives it. A record that cannot be read or extracted is an `Err` (its `source_path` and why)
/// in its place; the second value is why the file broke off (it cannot be opened, is not WARC, or
/// is truncated), after the pages read before the break.
pub fn inspect_warc(path: &Path, rules: &Rules) -> (Vec<PageResult>, Option<DocError>) {
    use crate::read::warc::{WarcItem, read_records};
    let mut out = Vec::new();
    let rel = path.display().to_string();
    let broke = read_records(path, rules.read.max_file_bytes, |item| {
        let page = match item {
            WarcItem::Page(p) => p,
            WarcItem::Failed {
                record_id, error, ..
            } => {
                out.push(Err((format!("{rel}#{record_id}"), error)));
                return;
            }
            WarcItem::Skipped(_) => return,
        };
        let file = SourceFile {
            path: path.to_path_buf(),
            rel: format!("{rel}#{}", page.record_id),
            doc_id: crate::read::warc::page_id(&page.record_id),
        };
        let capture = pipeline::Capture {
            url: page.target_uri.as_deref(),
            fetched_at: page.fetched_at,
            charset: page.http_charset,
        };
        let clock = crate::normalize::dates::Clock {
            crawled: Some(page.fetched_at),
            file_modified: None,
        };
        out.push(
            pipeline::catch_panic(|| {
                pipeline::process_captured(
                    &file,
                    &page.body,
                    &clock,
                    Some(&capture),
                    rules,
                    &mut StageTimes::default(),
                )
            })
            .map_err(|e| (file.rel.clone(), e)),
        );
    });
    (out, broke.err())
}

/// Extract one file found under the input root `root`: its `source_path` and `doc_id` are the
/// ones a run over `root` gives it. Fails (the outer error) when the file is not under `root`.
pub fn inspect_under(
    path: &Path,
    root: &Path,
    rules: &Rules,
) -> Result<Result<Article, DocError>, String> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (file_abs, root_abs) = (abs(path), abs(root));
    if !file_abs.starts_with(&root_abs) {
        return Err(format!(
            "{} is not under the input root {}",
            path.display(),
            root.display()
        ));
    }
    let file = SourceFile::new(&root_abs, file_abs);
    Ok(pipeline::process_file(
        &file,
        rules,
        &mut StageTimes::default(),
    ))
}

/// A human-readable rendering, stage by stage.
pub fn render(a: &Article) -> String {
    let mut s = String::new();
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let _ = writeln!(s, "{}  (doc_id {})", a.source_path, a.doc_id);
    let _ = writeln!(
        s,
        "\n[read]\n  encoding      {}\n  size          {} bytes\n  content_hash  {}",
        a.encoding, a.size_bytes, a.content_hash
    );
    let _ = writeln!(s, "\n[front matter]  status {}", a.front_matter_status);
    if let Some(e) = &a.front_matter_error {
        let _ = writeln!(s, "  yaml error    {e}");
    }
    let _ = writeln!(
        s,
        "  title         {}\n  author        {}\n  categories    {:?}\n  headimg       {}\n  extra         {}",
        opt(&a.title),
        opt(&a.author),
        a.categories,
        opt(&a.headimg),
        a.front_matter_extra
    );
    let _ = writeln!(
        s,
        "\n[body]  {} blocks, {} images",
        a.blocks.len(),
        a.images.len()
    );
    let _ = writeln!(
        s,
        "  editor         {}\n  original_title {}",
        opt(&a.editor),
        opt(&a.original_title)
    );
    for (i, b) in a.blocks.iter().enumerate() {
        let _ = writeln!(
            s,
            "  {i:>3} {:<10} {}",
            b.kind.as_str(),
            truncate(&b.text, 70)
        );
    }
    for (i, img) in a.images.iter().enumerate() {
        let _ = writeln!(
            s,
            "  img {i:>2} {}  alt={}  caption={}",
            img.src,
            opt(&img.alt),
            opt(&img.caption)
        );
    }
    let sp = &a.speech;
    let _ = writeln!(
        s,
        "\n[speech]  kind {}, {} turns, {} pairs, {} quotes",
        sp.kind.as_str(),
        sp.turns.len(),
        sp.pairs.len(),
        sp.quotes.len()
    );
    if let Some(u) = &sp.origin_url {
        let _ = writeln!(s, "  origin_url    {u}");
    }
    let short = |t: &str| truncate(t, 50);
    let span = |f: Option<usize>, l: Option<usize>| match (f, l) {
        (Some(f), Some(l)) if f == l => format!("¶{f}"),
        (Some(f), Some(l)) => format!("¶{f}–{l}"),
        _ => "title".into(),
    };
    for (i, t) in sp.turns.iter().enumerate() {
        let _ = writeln!(
            s,
            "  turn {i:>2} {:<9} {:<8} speaker={}{} title={} org={} cue={}\n          {}",
            t.role.as_str(),
            span(t.first_seq, t.last_seq),
            opt(&t.speaker),
            t.speaker_type
                .map(|k| format!(" [{}]", k.as_str()))
                .unwrap_or_default(),
            opt(&t.speaker_title),
            opt(&t.speaker_org),
            t.cue,
            short(&t.text)
        );
    }
    for (i, p) in sp.pairs.iter().enumerate() {
        let _ = writeln!(
            s,
            "  pair {i:>2} turn {} → turn {}: {}{} asks, {}{} answers",
            p.question_turn,
            p.answer_turn,
            opt(&p.questioner_org),
            p.questioner
                .as_deref()
                .map(|q| format!(" {q}"))
                .unwrap_or_default(),
            opt(&p.answerer),
            p.answerer_title
                .as_deref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default()
        );
    }
    for (i, q) in sp.quotes.iter().enumerate() {
        let _ = writeln!(
            s,
            "  quote {i:>2} [{}{}] {} {} [{}]{}{} {}: {}",
            q.source.as_str(),
            q.seq.map(|x| format!(" ¶{x}")).unwrap_or_default(),
            q.kind.as_str(),
            q.speaker,
            q.speaker_type.as_str(),
            q.speaker_org
                .as_deref()
                .map(|o| format!(" {{{o}}}"))
                .unwrap_or_default(),
            q.speaker_title
                .as_deref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default(),
            q.cue,
            short(&q.quote)
        );
    }
    let published = a
        .published_at
        .map(|t| t.to_rfc3339())
        .unwrap_or_else(|| "null".into());
    let _ = writeln!(
        s,
        "\n[normalize]\n  date_raw      {}\n  published_at  {published}\n  date_status   {}{}",
        opt(&a.date_raw),
        a.date_status,
        a.date_zone
            .as_ref()
            .map(|z| format!(" ({z})"))
            .unwrap_or_default()
    );
    let _ = writeln!(
        s,
        "  section       {}\n  site          {}\n  feed          {}\n  partition     year={} / month={}",
        opt(&a.section),
        opt(&a.site),
        opt(&a.feed),
        a.partition(Partitioning::Year),
        a.partition(Partitioning::Month)
    );
    for (level, v) in &a.unmapped {
        let _ = writeln!(s, "  unmapped {level}: {v}");
    }
    s
}

/// The first `max` characters of a text, with `…` when it was longer.
fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
