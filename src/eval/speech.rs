//! The speech stage against real documents of the shared corpus, annotated by reading them
//! (`tests/gold/real/*.yaml`; the format is in `tests/gold/real/GUIDE.md`), scored the way the
//! project's hold-out is scored:
//!
//! - **document kind** accuracy;
//! - **Q&A pairs**: a predicted pair matches a gold pair when the gold question's start (`q`)
//!   is found at the start of the predicted question (white space removed; a label of up to 20
//!   characters before it is allowed); pairs are matched one to one in document order.
//!   Precision, recall, F1; on matched pairs, the share with the right answerer, answerer
//!   title, questioner outlet, answer start and answer end;
//! - **quotes**, per kind (direct, indirect, mixed): a predicted quote of the kind matches a gold
//!   one of the same kind when the gold text's start is at the start of the predicted quote and
//!   the speaker is the same, exactly;
//! - **false pairs** on documents annotated as plain articles, and on whole web pages.
//!
//! Each document is in the dev or the test split by its path ([`super::split_of`]).

use super::{Prf, Split, split_of};
use crate::config::Rules;
use crate::pipeline::{self, StageTimes};
use crate::read::SourceFile;
use crate::speech::Speech;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// One annotated document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    pub kind: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub pairs: Option<Vec<GoldPair>>,
    /// `None`: quotes not annotated (web pages).
    #[serde(default)]
    pub quotes: Option<Vec<GoldQuote>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldPair {
    pub q: String,
    #[serde(default)]
    pub questioner: Option<String>,
    #[serde(default)]
    pub questioner_org: Option<String>,
    #[serde(default)]
    pub answerer: Option<String>,
    #[serde(default)]
    pub answerer_title: Option<String>,
    pub a_start: String,
    pub a_end: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub speaker_type: Option<String>,
    pub kind: String,
    #[serde(default)]
    pub source: Option<String>,
    pub text: String,
    #[serde(default)]
    pub speaker_title: Option<String>,
    #[serde(default)]
    pub speaker_org: Option<String>,
    #[serde(default)]
    pub cue: Option<String>,
}

/// Right out of how many, for a field of matched pairs.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Share {
    pub right: usize,
    pub of: usize,
}

impl Share {
    pub fn value(&self) -> f64 {
        if self.of == 0 {
            1.0
        } else {
            self.right as f64 / self.of as f64
        }
    }
    fn add(&mut self, ok: bool) {
        self.of += 1;
        self.right += ok as usize;
    }
    fn merge(&mut self, o: &Share) {
        self.right += o.right;
        self.of += o.of;
    }
}

/// The figures of one split.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SpeechFigures {
    pub documents: usize,
    pub kind: Share,
    pub pairs: Prf,
    pub answerer: Share,
    pub answerer_title: Share,
    pub questioner_org: Share,
    pub answer_start: Share,
    pub answer_end: Share,
    pub direct: Prf,
    pub indirect: Prf,
    pub mixed: Prf,
    /// Quotes of any kind with the right speaker (the kind not compared).
    pub any_quote: Prf,
    /// Pairs found on documents annotated as plain articles.
    pub pairs_on_articles: usize,
    /// Whole web pages with at least one pair, and the pairs.
    pub web_pages_with_pairs: usize,
    pub pairs_on_web_pages: usize,
    /// Predicted quote speakers that are not a name (clause text, a pronoun with a particle).
    pub clause_speakers: usize,
    pub predicted_quotes: usize,
    /// Documents the pipeline failed on (scored as empty).
    pub failed: usize,
    /// Documents per gold kind and predicted kind: `gold → predicted → n`.
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
}

impl SpeechFigures {
    fn merge(&mut self, o: &SpeechFigures) {
        self.documents += o.documents;
        self.kind.merge(&o.kind);
        for (a, b) in [
            (&mut self.pairs, &o.pairs),
            (&mut self.direct, &o.direct),
            (&mut self.indirect, &o.indirect),
            (&mut self.mixed, &o.mixed),
            (&mut self.any_quote, &o.any_quote),
        ] {
            a.true_positives += b.true_positives;
            a.predicted += b.predicted;
            a.gold += b.gold;
        }
        for (a, b) in [
            (&mut self.answerer, &o.answerer),
            (&mut self.answerer_title, &o.answerer_title),
            (&mut self.questioner_org, &o.questioner_org),
            (&mut self.answer_start, &o.answer_start),
            (&mut self.answer_end, &o.answer_end),
        ] {
            a.merge(b);
        }
        self.pairs_on_articles += o.pairs_on_articles;
        self.web_pages_with_pairs += o.web_pages_with_pairs;
        self.pairs_on_web_pages += o.pairs_on_web_pages;
        self.clause_speakers += o.clause_speakers;
        self.predicted_quotes += o.predicted_quotes;
        self.failed += o.failed;
        for (g, m) in &o.confusion {
            for (p, n) in m {
                *self
                    .confusion
                    .entry(g.clone())
                    .or_default()
                    .entry(p.clone())
                    .or_default() += n;
            }
        }
    }
}

/// One document's result.
#[derive(Debug, Clone, Serialize)]
pub struct DocResult {
    pub path: String,
    pub split: Split,
    pub figures: SpeechFigures,
    pub notes: Vec<String>,
}

/// The result of the speech evaluation on real documents.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SpeechReport {
    pub dev: SpeechFigures,
    pub test: SpeechFigures,
    pub docs: Vec<DocResult>,
}

impl SpeechReport {
    pub fn split(&self, s: Split) -> &SpeechFigures {
        match s {
            Split::Dev => &self.dev,
            Split::Test => &self.test,
        }
    }
}

/// Text as compared: white space and Markdown emphasis marks removed.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '#' | '_' | '\u{200b}'))
        .collect()
}

/// Whether `start` (squashed) begins `text` (squashed), after at most `slack` characters.
fn starts_near(text: &str, start: &str, slack: usize) -> bool {
    let (t, s) = (squash(text), squash(start));
    if s.is_empty() {
        return false;
    }
    match t.find(&s) {
        Some(at) => t[..at].chars().count() <= slack,
        None => false,
    }
}

fn ends_with_squashed(text: &str, end: &str) -> bool {
    let strip = |s: &str| {
        squash(s)
            .trim_end_matches(['。', '.', '！', '!', '？', '?', '”', '」', '"', '）', ')'])
            .to_string()
    };
    let (t, e) = (strip(text), strip(end));
    !e.is_empty() && t.ends_with(&e)
}

fn same(a: Option<&str>, b: Option<&str>) -> bool {
    let n = |s: Option<&str>| s.map(squash).filter(|s| !s.is_empty());
    n(a) == n(b)
}

/// Whether a speaker is a name rather than clause text: no particle or verb glued to it,
/// not a bare pronoun with a particle (`的她`).
pub fn looks_like_clause(speaker: &str) -> bool {
    let s = speaker.trim();
    s.chars().count() > 12
        || s.starts_with('的')
        || s.contains("在")
        || s.ends_with(['的', '了', '地', '着', '笑', '这', '那'])
        || ["这样", "时", "中", "上", "后"]
            .iter()
            .any(|w| s.ends_with(w))
}

fn score(path: &str, gold: &GoldDoc, s: &Speech) -> DocResult {
    let mut f = SpeechFigures {
        documents: 1,
        ..Default::default()
    };
    let mut notes = Vec::new();
    let predicted_kind = s.kind.as_str();
    f.kind.add(predicted_kind == gold.kind);
    f.confusion
        .entry(gold.kind.clone())
        .or_default()
        .insert(predicted_kind.to_string(), 1);
    if predicted_kind != gold.kind {
        notes.push(format!(
            "kind: expected {}, got {predicted_kind}",
            gold.kind
        ));
    }
    let web = path.starts_with("web-dev/") || path.starts_with("html-pages/");
    if web {
        f.pairs_on_web_pages = s.pairs.len();
        f.web_pages_with_pairs = (!s.pairs.is_empty()) as usize;
    } else if gold.kind == "article" {
        f.pairs_on_articles = s.pairs.len();
    }
    // Pairs, matched one to one in order.
    let gold_pairs = gold.pairs.clone().unwrap_or_default();
    let mut used = vec![false; s.pairs.len()];
    f.pairs.gold = gold_pairs.len();
    f.pairs.predicted = s.pairs.len();
    for g in &gold_pairs {
        let found = s
            .pairs
            .iter()
            .enumerate()
            .find(|(i, p)| !used[*i] && starts_near(&p.question, &g.q, 20));
        match found {
            Some((i, p)) => {
                used[i] = true;
                f.pairs.true_positives += 1;
                let checks = [
                    (
                        &mut f.answerer,
                        same(p.answerer.as_deref(), g.answerer.as_deref()),
                        "answerer",
                        p.answerer.clone(),
                        g.answerer.clone(),
                    ),
                    (
                        &mut f.answerer_title,
                        same(p.answerer_title.as_deref(), g.answerer_title.as_deref()),
                        "answerer_title",
                        p.answerer_title.clone(),
                        g.answerer_title.clone(),
                    ),
                    (
                        &mut f.questioner_org,
                        same(p.questioner_org.as_deref(), g.questioner_org.as_deref()),
                        "questioner_org",
                        p.questioner_org.clone(),
                        g.questioner_org.clone(),
                    ),
                ];
                for (share, ok, name, got, want) in checks {
                    share.add(ok);
                    if !ok {
                        notes.push(format!(
                            "pair {:?}: {name} expected {want:?}, got {got:?}",
                            g.q
                        ));
                    }
                }
                let start = starts_near(&p.answer, &g.a_start, 20);
                f.answer_start.add(start);
                let end = ends_with_squashed(&p.answer, &g.a_end);
                f.answer_end.add(end);
                if !start || !end {
                    let a: String = p.answer.chars().take(40).collect();
                    let z: String = {
                        let c: Vec<char> = p.answer.chars().collect();
                        c[c.len().saturating_sub(30)..].iter().collect()
                    };
                    notes.push(format!(
                        "pair {:?}: answer {a:?}…{z:?}, expected {:?}…{:?}",
                        g.q, g.a_start, g.a_end
                    ));
                }
            }
            None => notes.push(format!(
                "missing pair: {:?} (answerer {:?})",
                g.q, g.answerer
            )),
        }
    }
    for (i, p) in s.pairs.iter().enumerate() {
        if !used[i] {
            let q: String = p.question.chars().take(40).collect();
            notes.push(format!("extra pair: {q:?} (answerer {:?})", p.answerer));
        }
    }
    // Quotes.
    f.predicted_quotes = s.quotes.len();
    f.clause_speakers = s
        .quotes
        .iter()
        .filter(|q| looks_like_clause(&q.speaker))
        .count();
    if let Some(gold_quotes) = &gold.quotes {
        for (kind, prf) in [
            ("direct", &mut f.direct),
            ("indirect", &mut f.indirect),
            ("mixed", &mut f.mixed),
        ] {
            let g: Vec<&GoldQuote> = gold_quotes.iter().filter(|q| q.kind == kind).collect();
            let p: Vec<&crate::speech::Quote> = s
                .quotes
                .iter()
                .filter(|q| q.kind.as_str() == kind)
                .collect();
            prf.gold += g.len();
            prf.predicted += p.len();
            let mut used = vec![false; p.len()];
            for gq in &g {
                if let Some(i) = (0..p.len()).find(|&i| {
                    !used[i]
                        && starts_near(&p[i].quote, &gq.text, 4)
                        && same(Some(&p[i].speaker), gq.speaker.as_deref())
                }) {
                    used[i] = true;
                    prf.true_positives += 1;
                } else {
                    let close = s.quotes.iter().find(|q| starts_near(&q.quote, &gq.text, 4));
                    notes.push(format!(
                        "{kind} quote {:?} by {:?}: {}",
                        gq.text,
                        gq.speaker,
                        close.map_or("missing".into(), |q| format!(
                            "got {} by {:?}",
                            q.kind.as_str(),
                            q.speaker
                        ))
                    ));
                }
            }
        }
        for q in &s.quotes {
            if !gold_quotes.iter().any(|g| {
                starts_near(&q.quote, &g.text, 4) && same(Some(&q.speaker), g.speaker.as_deref())
            }) {
                let text: String = q.quote.chars().take(24).collect();
                notes.push(format!(
                    "extra {} quote {text:?} by {:?} (cue {})",
                    q.kind.as_str(),
                    q.speaker,
                    q.cue
                ));
            }
        }
        f.any_quote.gold = gold_quotes.len();
        f.any_quote.predicted = s.quotes.len();
        let mut used = vec![false; s.quotes.len()];
        for gq in gold_quotes {
            if let Some(i) = (0..s.quotes.len()).find(|&i| {
                !used[i]
                    && starts_near(&s.quotes[i].quote, &gq.text, 4)
                    && same(Some(&s.quotes[i].speaker), gq.speaker.as_deref())
            }) {
                used[i] = true;
                f.any_quote.true_positives += 1;
            }
        }
    }
    DocResult {
        path: path.to_string(),
        split: split_of(path),
        figures: f,
        notes,
    }
}

/// Read every annotation file of `gold_dir` (`*.yaml`): path relative to the corpus →
/// annotation.
pub fn read_gold(gold_dir: &Path) -> Result<BTreeMap<String, GoldDoc>, String> {
    let mut all = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(gold_dir)
        .map_err(|e| format!("{}: {e}", gold_dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let docs: BTreeMap<String, GoldDoc> = yaml::parse_typed_with_path(&text)
            .map_err(|(at, e)| format!("{}: at {at}: {e}", f.display()))?;
        for (k, v) in docs {
            if all.insert(k.clone(), v).is_some() {
                return Err(format!("{k} is annotated twice"));
            }
        }
    }
    Ok(all)
}

/// Score the speech stage on every annotated document of `corpus`.
pub fn evaluate(corpus: &Path, gold_dir: &Path, rules: &Rules) -> Result<SpeechReport, String> {
    use rayon::prelude::*;
    let gold = read_gold(gold_dir)?;
    let mut docs: Vec<DocResult> = gold
        .par_iter()
        .map(|(path, g)| {
            let full = corpus.join(path);
            let bytes = std::fs::read(&full).map_err(|e| format!("{}: {e}", full.display()))?;
            let file = SourceFile::new(corpus, full);
            let result = pipeline::catch_panic(|| {
                pipeline::process_bytes(&file, &bytes, rules, &mut StageTimes::default())
            });
            let failed = result.is_err();
            let speech = result.map(|a| a.speech).unwrap_or_default();
            let mut scored = score(path, g, &speech);
            if failed {
                scored.figures.failed = 1;
                scored
                    .notes
                    .insert(0, "FAILED: the pipeline failed on this document".into());
            }
            Ok(scored)
        })
        .collect::<Result<_, String>>()?;
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let mut report = SpeechReport::default();
    for d in &docs {
        match d.split {
            Split::Dev => report.dev.merge(&d.figures),
            Split::Test => report.test.merge(&d.figures),
        }
    }
    report.docs = docs;
    Ok(report)
}

impl SpeechReport {
    pub fn render(&self, verbose: bool) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "speech on real documents: dev {}, test {}\n",
            self.dev.documents, self.test.documents
        );
        let _ = writeln!(s, "{:<36} {:>24} {:>24}", "", "dev", "test");
        let prf = |p: &Prf| format!("{:.3}/{:.3}/{:.3}", p.precision(), p.recall(), p.f1());
        let share = |x: &Share| format!("{:.3} ({}/{})", x.value(), x.right, x.of);
        type Row<'a> = (&'a str, Box<dyn Fn(&SpeechFigures) -> String + 'a>);
        let rows: Vec<Row> = vec![
            ("document kind", Box::new(|f| share(&f.kind))),
            ("Q&A pairs P/R/F1", Box::new(|f| prf(&f.pairs))),
            ("  answerer", Box::new(|f| share(&f.answerer))),
            ("  answerer title", Box::new(|f| share(&f.answerer_title))),
            (
                "  questioner outlet",
                Box::new(|f| share(&f.questioner_org)),
            ),
            ("  answer start", Box::new(|f| share(&f.answer_start))),
            ("  answer end", Box::new(|f| share(&f.answer_end))),
            (
                "direct quotes P/R/F1 (speaker)",
                Box::new(|f| prf(&f.direct)),
            ),
            ("indirect quotes P/R/F1", Box::new(|f| prf(&f.indirect))),
            ("mixed quotes P/R/F1", Box::new(|f| prf(&f.mixed))),
            (
                "any quote P/R/F1 (speaker)",
                Box::new(|f| prf(&f.any_quote)),
            ),
            (
                "pairs on plain articles",
                Box::new(|f| f.pairs_on_articles.to_string()),
            ),
            (
                "web pages with pairs (pairs)",
                Box::new(|f| format!("{} ({})", f.web_pages_with_pairs, f.pairs_on_web_pages)),
            ),
            (
                "clause-like quote speakers",
                Box::new(|f| format!("{} of {}", f.clause_speakers, f.predicted_quotes)),
            ),
            ("documents failed", Box::new(|f| f.failed.to_string())),
        ];
        for (name, f) in rows {
            let _ = writeln!(s, "{name:<36} {:>24} {:>24}", f(&self.dev), f(&self.test));
        }
        for (split, f) in [("dev", &self.dev), ("test", &self.test)] {
            let _ = writeln!(s, "\nkinds ({split}), gold → predicted:");
            for (g, m) in &f.confusion {
                let _ = writeln!(s, "  {g:<17} {m:?}");
            }
        }
        if verbose {
            for d in &self.docs {
                if !d.notes.is_empty() {
                    let _ = writeln!(s, "\n[{}] {}", d.split.as_str(), d.path);
                    for n in &d.notes {
                        let _ = writeln!(s, "  {n}");
                    }
                }
            }
        }
        s
    }
}
