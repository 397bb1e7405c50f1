//! Main-text extraction by three extractors on the same pages, scored by newsetl's web
//! evaluation (`newsetl::eval::web`): dom_smoothie (a readability.js port), trafilatura (a
//! go-trafilatura port) and newsetl itself. Prints each one's figures per split and its CPU time
//! per page (one thread, the extraction call only).

use newsetl::config::{self, ConfigSource};
use newsetl::eval::web::{Extracted, evaluate_with, newsetl_extract};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Bytes → text the way newsetl's read stage would not: a detector on the whole page, for the
/// crates that take `&str` only.
fn decode(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    enc.decode(bytes).0.into_owned()
}

fn main() {
    let corpus = PathBuf::from(std::env::args().nth(1).unwrap_or("../../../shared/corpus".into()));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let rules = config::load(&ConfigSource::Path(repo.join("config/newsetl.yaml"))).expect("config");
    rayon::ThreadPoolBuilder::new().num_threads(1).build_global().ok();
    let cpu = Mutex::new(Duration::ZERO);
    let timed = |f: &dyn Fn() -> Extracted| {
        let t = Instant::now();
        let x = f();
        *cpu.lock().unwrap() += t.elapsed();
        x
    };
    type Extractor<'a> = (&'a str, Box<dyn Fn(&Path, &str, &[u8]) -> Extracted + Sync + 'a>);
    let extractors: Vec<Extractor> = vec![
        (
            "newsetl",
            Box::new(|root: &Path, rel: &str, bytes: &[u8]| {
                timed(&|| newsetl_extract(root, rel, bytes, &rules))
            }),
        ),
        (
            "dom_smoothie 0.19",
            Box::new(|_: &Path, _: &str, bytes: &[u8]| {
                let html = decode(bytes);
                timed(&|| {
                    let cfg = dom_smoothie::Config {
                        text_mode: dom_smoothie::TextMode::Formatted,
                        ..Default::default()
                    };
                    match dom_smoothie::Readability::new(html.as_str(), None, Some(cfg))
                        .and_then(|mut r| r.parse())
                    {
                        Ok(a) => Extracted {
                            text: a.text_content.to_string(),
                            title: Some(a.title.clone()).filter(|t| !t.is_empty()),
                            author: a.byline.clone(),
                            date: a.published_time.as_deref().and_then(|d| d.get(..10)).map(str::to_string),
                            ..Default::default()
                        },
                        Err(_) => Extracted { failed: true, ..Default::default() },
                    }
                })
            }),
        ),
        (
            "trafilatura 0.6",
            Box::new(|_: &Path, _: &str, bytes: &[u8]| {
                let html = decode(bytes);
                timed(&|| {
                    let opts = trafilatura::Options::default();
                    match trafilatura::extract(&html, &opts) {
                        Ok(r) => Extracted {
                            text: r.content_text.clone(),
                            title: Some(r.metadata.title.clone()).filter(|t| !t.is_empty()),
                            author: Some(r.metadata.author.clone()).filter(|t| !t.is_empty()),
                            date: r.metadata.date.map(|d| d.format("%Y-%m-%d").to_string()),
                            ..Default::default()
                        },
                        Err(_) => Extracted { failed: true, ..Default::default() },
                    }
                })
            }),
        ),
    ];
    for (name, f) in &extractors {
        *cpu.lock().unwrap() = Duration::ZERO;
        let report = evaluate_with(&corpus, f.as_ref()).expect("corpus");
        let pages = report.all().pages;
        let spent = *cpu.lock().unwrap();
        println!(
            "== {name}: {:.2} ms CPU per page ({} pages)\n{}",
            spent.as_secs_f64() * 1000.0 / pages as f64,
            pages,
            report.render(false)
        );
    }
}
