//! The speech stage against the hand-written gold set (`tests/gold/docs/*.md` +
//! `tests/gold/annotations.yaml`): regression figures, written with the rules.
//!
//! Three scores, each precision / recall / F1 over sets of tuples, micro-averaged over documents:
//! - **turn boundaries**: `(doc, role, first_seq, last_seq)`;
//! - **speaker attribution**: `(doc, turn first_seq, speaker)` for turns with a speaker and
//!   `(doc, quote source, paragraph seq, speaker)` for quotes;
//! - **Q→A linking**: `(doc, question first_seq, answer first_seq)`.
//!
//! Plus the document kind's accuracy and the number of Q&A pairs found on documents annotated
//! as plain articles (which must be zero).

use super::Prf;
use crate::config::Rules;
use crate::pipeline::{self, StageTimes};
use crate::read::SourceFile;
use crate::speech::Speech;
use crate::yaml;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;

/// One document's annotation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    pub kind: String,
    #[serde(default)]
    pub turns: Vec<TurnRow>,
    #[serde(default)]
    pub pairs: Vec<(Option<usize>, Option<usize>)>,
    #[serde(default)]
    pub quotes: Vec<(String, Option<usize>, String)>,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub documents: usize,
    pub turn_boundaries: Prf,
    pub speakers: Prf,
    pub qa_links: Prf,
    pub kind_correct: usize,
    /// Q&A pairs found on documents annotated `article`.
    pub pairs_on_articles: usize,
    /// Per document, what differs (missing `-`, extra `+`).
    pub differences: BTreeMap<String, Vec<String>>,
}

type Key = String;

type TurnRow = (String, Option<usize>, Option<usize>, Option<String>);

fn turn_keys(turns: &[TurnRow]) -> (BTreeSet<Key>, BTreeSet<Key>) {
    let bounds = turns
        .iter()
        .map(|(r, f, l, _)| format!("turn {r} {f:?}–{l:?}"))
        .collect();
    let speakers = turns
        .iter()
        .filter_map(|(_, f, _, s)| s.as_ref().map(|s| format!("speaker of turn at {f:?}: {s}")))
        .collect();
    (bounds, speakers)
}

fn quote_keys(quotes: &[(String, Option<usize>, String)]) -> BTreeSet<Key> {
    quotes
        .iter()
        .map(|(src, seq, s)| format!("quote {src} {seq:?}: {s}"))
        .collect()
}

fn pair_keys(pairs: &[(Option<usize>, Option<usize>)]) -> BTreeSet<Key> {
    pairs
        .iter()
        .map(|(q, a)| format!("pair {q:?}→{a:?}"))
        .collect()
}

/// The predicted tuples of one document, in the annotation's shape.
fn predicted(s: &Speech) -> Gold {
    Gold {
        kind: s.kind.as_str().to_string(),
        turns: s
            .turns
            .iter()
            .map(|t| {
                (
                    t.role.as_str().to_string(),
                    t.first_seq,
                    t.last_seq,
                    t.speaker.clone(),
                )
            })
            .collect(),
        pairs: s
            .pairs
            .iter()
            .map(|p| {
                (
                    s.turns[p.question_turn].first_seq,
                    s.turns[p.answer_turn].first_seq,
                )
            })
            .collect(),
        quotes: s
            .quotes
            .iter()
            .map(|q| (q.source.as_str().to_string(), q.seq, q.speaker.clone()))
            .collect(),
    }
}

/// Evaluate every annotated document under `gold_dir`.
pub fn evaluate(gold_dir: &Path, rules: &Rules) -> Result<Report, String> {
    let annotations_path = gold_dir.join("annotations.yaml");
    let text = std::fs::read_to_string(&annotations_path)
        .map_err(|e| format!("cannot read {}: {e}", annotations_path.display()))?;
    let annotations: BTreeMap<String, Gold> = yaml::parse_typed_with_path(&text)
        .map_err(|(path, e)| format!("{}: at {path}: {e}", annotations_path.display()))?;
    let docs = gold_dir.join("docs");
    let mut report = Report::default();
    for (name, gold) in &annotations {
        let path = docs.join(name);
        let file = SourceFile::new(&docs, path.clone());
        let article = pipeline::process_file(&file, rules, &mut StageTimes::default())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let pred = predicted(&article.speech);
        report.documents += 1;
        if pred.kind == gold.kind {
            report.kind_correct += 1;
        }
        if gold.kind == "article" {
            report.pairs_on_articles += pred.pairs.len();
        }
        let (gb, gs) = turn_keys(&gold.turns);
        let (pb, ps) = turn_keys(&pred.turns);
        let (gq, pq) = (quote_keys(&gold.quotes), quote_keys(&pred.quotes));
        let (gp, pp) = (pair_keys(&gold.pairs), pair_keys(&pred.pairs));
        let gs: BTreeSet<Key> = gs.union(&gq).cloned().collect();
        let ps: BTreeSet<Key> = ps.union(&pq).cloned().collect();
        report.turn_boundaries.add(&pb, &gb);
        report.speakers.add(&ps, &gs);
        report.qa_links.add(&pp, &gp);
        let mut diff = Vec::new();
        if pred.kind != gold.kind {
            diff.push(format!("kind: expected {}, got {}", gold.kind, pred.kind));
        }
        for (p, g) in [(&pb, &gb), (&ps, &gs), (&pp, &gp)] {
            diff.extend(g.difference(p).map(|k| format!("- {k}")));
            diff.extend(p.difference(g).map(|k| format!("+ {k}")));
        }
        if !diff.is_empty() {
            report.differences.insert(name.clone(), diff);
        }
    }
    Ok(report)
}

impl Report {
    /// The printed report; `verbose` lists each document's differences.
    pub fn render(&self, verbose: bool) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "speech evaluation on {} gold documents\n",
            self.documents
        );
        let _ = writeln!(
            s,
            "{:<22} {:>9} {:>9} {:>9}   (tp / predicted / gold)",
            "", "precision", "recall", "F1"
        );
        for (name, p) in [
            ("turn boundaries", self.turn_boundaries),
            ("speaker attribution", self.speakers),
            ("Q→A linking", self.qa_links),
        ] {
            let _ = writeln!(
                s,
                "{name:<22} {:>9.3} {:>9.3} {:>9.3}   ({} / {} / {})",
                p.precision(),
                p.recall(),
                p.f1(),
                p.true_positives,
                p.predicted,
                p.gold
            );
        }
        let _ = writeln!(
            s,
            "\ndocument kind correct: {} / {}\nQ&A pairs on plain articles: {}",
            self.kind_correct, self.documents, self.pairs_on_articles
        );
        if verbose {
            for (doc, diff) in &self.differences {
                let _ = writeln!(s, "\n{doc}");
                for d in diff {
                    let _ = writeln!(s, "  {d}");
                }
            }
        } else if !self.differences.is_empty() {
            let _ = writeln!(
                s,
                "{} documents differ; --verbose lists how",
                self.differences.len()
            );
        }
        s
    }
}
