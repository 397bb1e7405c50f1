//! Whole web pages against the real pages of `../shared/corpus/` (see their READMEs for the
//! formats and the scoring rules, which this module follows):
//!
//! - `web-dev/main-text/` (348 pages, many languages): main text scored by gold segments as
//!   trafilatura's own evaluation does — after collapsing white space, a `with` segment found in
//!   the text is a true positive (else a false negative), a `without` segment found is a false
//!   positive (else a true negative); counts summed over pages. A second variant also counts the
//!   reader-comment segments as `without`. Title (exact, white space collapsed), author (exact)
//!   and publication day where annotated.
//! - `web-dev/zh-news/` (30 Chinese news pages) and `html-pages/` (40 Chinese pages): a
//!   character-level LCS precision, recall and F1 of the body (white space removed), summed over
//!   pages; for html-pages also author and publication day.
//!
//! Every page is in the dev or the test split by its path ([`super::split_of`]).

use super::{Split, lcs_len, split_of};
use crate::article::Article;
use crate::config::Rules;
use crate::pipeline::{self, StageTimes};
use crate::read::SourceFile;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// Segment counts of the main-text score.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Segments {
    pub tp: usize,
    pub fn_: usize,
    pub fp: usize,
    pub tn: usize,
}

impl Segments {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    fn merge(&mut self, o: &Segments) {
        self.tp += o.tp;
        self.fn_ += o.fn_;
        self.fp += o.fp;
        self.tn += o.tn;
    }
}

/// Character LCS counts, summed over pages.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Lcs {
    pub common: usize,
    pub predicted: usize,
    pub gold: usize,
    pub pages: usize,
    /// Sum of per-page F1, for the page mean.
    pub f1_sum: f64,
}

impl Lcs {
    pub fn precision(&self) -> f64 {
        ratio(self.common, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.common, self.gold)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.common, self.predicted + self.gold)
    }
    pub fn page_mean_f1(&self) -> f64 {
        if self.pages == 0 {
            0.0
        } else {
            self.f1_sum / self.pages as f64
        }
    }
    fn merge(&mut self, o: &Lcs) {
        self.common += o.common;
        self.predicted += o.predicted;
        self.gold += o.gold;
        self.pages += o.pages;
        self.f1_sum += o.f1_sum;
    }
}

/// Right / annotated, and how many were given but wrong.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Exact {
    pub right: usize,
    pub wrong: usize,
    pub missing: usize,
}

impl Exact {
    pub fn gold(&self) -> usize {
        self.right + self.wrong + self.missing
    }
    pub fn accuracy(&self) -> f64 {
        ratio(self.right, self.gold())
    }
    fn merge(&mut self, o: &Exact) {
        self.right += o.right;
        self.wrong += o.wrong;
        self.missing += o.missing;
    }
    fn score(&mut self, predicted: Option<&str>, gold: &str) -> bool {
        match predicted {
            Some(p) if p == gold => {
                self.right += 1;
                true
            }
            Some(_) => {
                self.wrong += 1;
                false
            }
            None => {
                self.missing += 1;
                false
            }
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The figures of one split.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    pub pages: usize,
    /// web-dev/main-text segments.
    pub main_text: Segments,
    /// The same, with reader-comment segments counted as `without`.
    pub main_text_comments: Segments,
    /// web-dev/zh-news bodies.
    pub zh_news: Lcs,
    /// html-pages bodies.
    pub html_pages: Lcs,
    pub title: Exact,
    pub author: Exact,
    /// Publication day (`YYYY-MM-DD`).
    pub date: Exact,
    /// Pages refused as `body/too_deep`.
    pub too_deep: usize,
    /// Pages that failed to extract at all.
    pub failed: usize,
    /// Q&A pairs found on web pages (none of them is a Q&A document).
    pub qa_pairs: usize,
    /// Pages the speech stage labelled `qa_answer`.
    pub qa_answer_pages: usize,
}

impl Figures {
    fn merge(&mut self, o: &Figures) {
        self.pages += o.pages;
        self.main_text.merge(&o.main_text);
        self.main_text_comments.merge(&o.main_text_comments);
        self.zh_news.merge(&o.zh_news);
        self.html_pages.merge(&o.html_pages);
        self.title.merge(&o.title);
        self.author.merge(&o.author);
        self.date.merge(&o.date);
        self.too_deep += o.too_deep;
        self.failed += o.failed;
        self.qa_pairs += o.qa_pairs;
        self.qa_answer_pages += o.qa_answer_pages;
    }
}

/// What one page gave, for `--verbose` and for comparing page by page.
#[derive(Debug, Clone, Serialize)]
pub struct PageResult {
    pub path: String,
    pub split: Split,
    pub figures: Figures,
    /// What went wrong on this page, one line each.
    pub notes: Vec<String>,
}

/// The result of the web evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WebReport {
    pub dev: Figures,
    pub test: Figures,
    pub pages: Vec<PageResult>,
}

impl WebReport {
    pub fn all(&self) -> Figures {
        let mut f = self.dev.clone();
        f.merge(&self.test);
        f
    }
    pub fn split(&self, s: Split) -> &Figures {
        match s {
            Split::Dev => &self.dev,
            Split::Test => &self.test,
        }
    }
}

/// What an extractor returns for one page: the article text and metadata. The evaluation
/// scores newsetl ([`newsetl_extract`]) or any other extractor given as a function (the crate
/// comparison in `benches/compare-extractors`).
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub text: String,
    pub title: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub too_deep: bool,
    pub failed: bool,
    pub qa_pairs: usize,
    pub qa_answer: bool,
}

/// newsetl's extraction of one page: the whole pipeline on its bytes.
pub fn newsetl_extract(root: &Path, rel: &str, bytes: &[u8], rules: &Rules) -> Extracted {
    let file = SourceFile::new(root, root.join(rel));
    let result = pipeline::catch_panic(|| {
        pipeline::process_bytes(&file, bytes, rules, &mut StageTimes::default())
    });
    match result {
        Ok(a) => from_article(&a),
        Err(e) => Extracted {
            too_deep: e.kind == crate::error::ErrorKind::TooDeep,
            failed: true,
            ..Default::default()
        },
    }
}

fn from_article(a: &Article) -> Extracted {
    Extracted {
        text: a.body_text.clone(),
        title: a.title.clone(),
        author: a.author.clone(),
        date: a.published_day().map(|d| d.format("%Y-%m-%d").to_string()),
        qa_pairs: a.speech.pairs.len(),
        qa_answer: a.speech.kind.as_str() == "qa_answer",
        ..Default::default()
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn no_space(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A gold day as `YYYY-MM-DD`: `2022-11-1` is padded; a year-day-month value (`2022-29-11`,
/// two in web-dev) is read as year-month-day; anything else (`UNKNOWN`, a name) is no gold.
pub fn gold_day(s: &str) -> Option<String> {
    use std::sync::LazyLock;
    static DAY: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})").expect("valid"));
    let c = DAY.captures(s)?;
    let y: i32 = c[1].parse().ok()?;
    let (mut m, mut d): (u32, u32) = (c[2].parse().ok()?, c[3].parse().ok()?);
    if m > 12 && d <= 12 {
        std::mem::swap(&mut m, &mut d);
    }
    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}

fn lcs_score(pred: &str, gold: &str) -> Lcs {
    let (p, g) = (no_space(pred), no_space(gold));
    let common = lcs_len(&p, &g);
    let f1 = ratio(2 * common, p.len() + g.len());
    Lcs {
        common,
        predicted: p.len(),
        gold: g.len(),
        pages: 1,
        f1_sum: f1,
    }
}

/// Score every page of the corpus at `corpus` with `extract` (given the corpus root, the
/// page's path relative to it, and its bytes). Pages are extracted in parallel.
pub fn evaluate_with(
    corpus: &Path,
    extract: &(dyn Fn(&Path, &str, &[u8]) -> Extracted + Sync),
) -> Result<WebReport, String> {
    use rayon::prelude::*;
    let jobs = jobs(corpus)?;
    let mut pages: Vec<PageResult> = jobs
        .par_iter()
        .map(|job| {
            let bytes =
                std::fs::read(corpus.join(&job.path)).map_err(|e| format!("{}: {e}", job.path))?;
            let x = extract(corpus, &job.path, &bytes);
            Ok(score(job, &x))
        })
        .collect::<Result<_, String>>()?;
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let mut report = WebReport::default();
    for p in &pages {
        match p.split {
            Split::Dev => report.dev.merge(&p.figures),
            Split::Test => report.test.merge(&p.figures),
        }
    }
    report.pages = pages;
    Ok(report)
}

/// [`evaluate_with`] newsetl itself.
pub fn evaluate(corpus: &Path, rules: &Rules) -> Result<WebReport, String> {
    evaluate_with(corpus, &|root, rel, bytes| {
        newsetl_extract(root, rel, bytes, rules)
    })
}

/// One page to score and its gold.
struct Job {
    path: String,
    split: Split,
    with: Vec<String>,
    without: Vec<String>,
    comments: Vec<String>,
    body: Option<String>,
    body_set: BodySet,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum BodySet {
    None,
    ZhNews,
    HtmlPages,
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn non_empty(v: &serde_json::Value) -> Option<String> {
    v.as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Every page of the three gold sets with its gold values.
fn jobs(corpus: &Path) -> Result<Vec<Job>, String> {
    let mut jobs = Vec::new();
    let new_job = |path: String| Job {
        split: split_of(&path),
        path,
        with: Vec::new(),
        without: Vec::new(),
        comments: Vec::new(),
        body: None,
        body_set: BodySet::None,
        title: None,
        author: None,
        date: None,
    };
    let main = read_json(&corpus.join("web-dev/main-text/gold.json"))?;
    for (file, g) in main.as_object().into_iter().flatten() {
        let mut j = new_job(format!("web-dev/main-text/pages/{file}"));
        j.with = strings(&g["with"]);
        j.without = strings(&g["without"]);
        j.comments = strings(&g["comments"]);
        j.title = non_empty(&g["title"]).map(|t| collapse(&t));
        j.author = non_empty(&g["author"]);
        j.date = non_empty(&g["date"]).and_then(|d| gold_day(&d));
        jobs.push(j);
    }
    let zh = read_json(&corpus.join("web-dev/zh-news/gold.json"))?;
    for (file, g) in zh.as_object().into_iter().flatten() {
        let mut j = new_job(format!("web-dev/zh-news/pages/{file}"));
        j.body = non_empty(&g["body"]);
        j.body_set = BodySet::ZhNews;
        jobs.push(j);
    }
    let ia = "html-pages/immortal-autumn+Chinese-Web-Content-Extraction-Dataset";
    let dir = corpus.join(ia).join("original");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".html"))
        .collect();
    names.sort();
    for name in names {
        let uuid = name.trim_end_matches(".html");
        let text = |kind: &str| {
            std::fs::read_to_string(corpus.join(ia).join(kind).join(format!("{uuid}.txt")))
                .ok()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty() && s != "UNKNOWN")
        };
        let mut j = new_job(format!("{ia}/original/{name}"));
        j.body = text("cleaned");
        j.body_set = BodySet::HtmlPages;
        j.author = text("author").map(|a| collapse(&a));
        j.date = text("date").and_then(|d| gold_day(&d));
        jobs.push(j);
    }
    Ok(jobs)
}

fn score(job: &Job, x: &Extracted) -> PageResult {
    let mut f = Figures {
        pages: 1,
        too_deep: x.too_deep as usize,
        failed: x.failed as usize,
        qa_pairs: x.qa_pairs,
        qa_answer_pages: x.qa_answer as usize,
        ..Default::default()
    };
    let mut notes = Vec::new();
    let text = collapse(&x.text);
    for seg in &job.with {
        if text.contains(&collapse(seg)) {
            f.main_text.tp += 1;
        } else {
            f.main_text.fn_ += 1;
            notes.push(format!("missing: {seg}"));
        }
    }
    for seg in &job.without {
        if text.contains(&collapse(seg)) {
            f.main_text.fp += 1;
            notes.push(format!("extra: {seg}"));
        } else {
            f.main_text.tn += 1;
        }
    }
    f.main_text_comments = f.main_text;
    for seg in &job.comments {
        if text.contains(&collapse(seg)) {
            f.main_text_comments.fp += 1;
            notes.push(format!("comment: {seg}"));
        } else {
            f.main_text_comments.tn += 1;
        }
    }
    if let Some(body) = &job.body {
        let l = lcs_score(&x.text, body);
        if l.precision() < 0.9 || l.recall() < 0.9 {
            notes.push(format!(
                "body LCS precision {:.2} recall {:.2} ({} of {} chars)",
                l.precision(),
                l.recall(),
                l.predicted,
                l.gold
            ));
        }
        match job.body_set {
            BodySet::ZhNews => f.zh_news = l,
            BodySet::HtmlPages => f.html_pages = l,
            BodySet::None => {}
        }
    }
    let fields = [
        (
            "title",
            &job.title,
            x.title.as_deref().map(collapse),
            &mut f.title,
        ),
        (
            "author",
            &job.author,
            x.author.as_deref().map(collapse),
            &mut f.author,
        ),
        ("date", &job.date, x.date.clone(), &mut f.date),
    ];
    for (name, gold, pred, exact) in fields {
        if let Some(g) = gold
            && !exact.score(pred.as_deref(), g)
        {
            notes.push(format!("{name}: expected {g:?}, got {pred:?}"));
        }
    }
    if x.qa_pairs > 0 {
        notes.push(format!(
            "{} Q&A pairs (right only if the page is an interview)",
            x.qa_pairs
        ));
    }
    PageResult {
        path: job.path.clone(),
        split: job.split,
        figures: f,
        notes,
    }
}

impl WebReport {
    /// The printed report: each split's figures; `verbose` lists every page's problems.
    pub fn render(&self, verbose: bool) -> String {
        let mut s = String::new();
        let all = self.all();
        let _ = writeln!(
            s,
            "web pages: {} (dev {}, test {})\n",
            all.pages, self.dev.pages, self.test.pages
        );
        let _ = writeln!(s, "{:<34} {:>22} {:>22} {:>22}", "", "dev", "test", "all");
        let row = |s: &mut String, name: &str, f: &dyn Fn(&Figures) -> String| {
            let _ = writeln!(
                s,
                "{name:<34} {:>22} {:>22} {:>22}",
                f(&self.dev),
                f(&self.test),
                f(&all)
            );
        };
        let prf = |p: f64, r: f64, f1: f64| format!("{p:.3}/{r:.3}/{f1:.3}");
        row(&mut s, "main text P/R/F1 (segments)", &|f| {
            prf(
                f.main_text.precision(),
                f.main_text.recall(),
                f.main_text.f1(),
            )
        });
        row(&mut s, "  comments as without", &|f| {
            prf(
                f.main_text_comments.precision(),
                f.main_text_comments.recall(),
                f.main_text_comments.f1(),
            )
        });
        row(&mut s, "zh-news body P/R/F1 (char LCS)", &|f| {
            prf(f.zh_news.precision(), f.zh_news.recall(), f.zh_news.f1())
        });
        row(&mut s, "html-pages body P/R/F1 (char LCS)", &|f| {
            prf(
                f.html_pages.precision(),
                f.html_pages.recall(),
                f.html_pages.f1(),
            )
        });
        let exact = |e: &Exact| {
            format!(
                "{:.3} ({}/{}, {} wrong)",
                e.accuracy(),
                e.right,
                e.gold(),
                e.wrong
            )
        };
        row(&mut s, "title exact", &|f| exact(&f.title));
        row(&mut s, "author exact", &|f| exact(&f.author));
        row(&mut s, "publication day", &|f| exact(&f.date));
        row(&mut s, "refused as too_deep / failed", &|f| {
            format!("{} / {}", f.too_deep, f.failed)
        });
        row(&mut s, "Q&A pairs / qa_answer pages", &|f| {
            format!("{} / {}", f.qa_pairs, f.qa_answer_pages)
        });
        if verbose {
            let mut by_split: BTreeMap<Split, Vec<&PageResult>> = BTreeMap::new();
            for p in &self.pages {
                by_split.entry(p.split).or_default().push(p);
            }
            for (split, pages) in by_split {
                for p in pages.iter().filter(|p| !p.notes.is_empty()) {
                    let _ = writeln!(s, "\n[{}] {}", split.as_str(), p.path);
                    for n in &p.notes {
                        let _ = writeln!(s, "  {n}");
                    }
                }
            }
        }
        s
    }
}
