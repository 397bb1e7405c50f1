//! `newsetl eval`: measure extraction against gold data.
//!
//! - [`gold`]: the speech stage against the hand-written gold set in `tests/gold/` (regression
//!   figures: written together with the rules).
//! - [`web`]: main text and metadata (title, author, publication day) of whole web pages
//!   against the real pages of `../shared/corpus/web-dev/` and `html-pages/`.
//!
//! Every evaluation on real documents reports a **dev** and a **test** split, fixed by the
//! document's path before any tuning ([`split_of`]): rules are tuned on dev; test is the figure
//! to report.

pub mod gold;
pub mod speech;
pub mod web;

pub use gold::{Report, evaluate};

use std::collections::BTreeSet;

/// The split a real document belongs to: `test` when XXH3-64 of its path relative to the corpus
/// root (UTF-8, `/`-separated, e.g. `web-dev/main-text/pages/x.html`) is odd, else `dev`. Fixed
/// before tuning; `benches/reference/extractors.py` uses the same rule.
pub fn split_of(path: &str) -> Split {
    if xxhash_rust::xxh3::xxh3_64(path.as_bytes()) % 2 == 1 {
        Split::Test
    } else {
        Split::Dev
    }
}

/// A split of a real gold set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Dev,
    Test,
}

impl Split {
    pub fn as_str(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
}

/// Precision, recall and F1 of one score, from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Prf {
    pub true_positives: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.true_positives as f64 / self.predicted as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.true_positives as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub(crate) fn add<T: Ord>(&mut self, predicted: &BTreeSet<T>, gold: &BTreeSet<T>) {
        self.true_positives += predicted.intersection(gold).count();
        self.predicted += predicted.len();
        self.gold += gold.len();
    }
}

/// Length of the longest common subsequence of `a` and `b` (characters), by the bit-parallel
/// algorithm of Hyyrö (2004), `O(|a|·|b|/64)`: a 50,000 × 50,000 comparison is ~40 M word
/// operations.
pub fn lcs_len(a: &[char], b: &[char]) -> usize {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let m = a.len();
    if m == 0 {
        return 0;
    }
    let words = m.div_ceil(64);
    let mut masks: std::collections::HashMap<char, Vec<u64>> = std::collections::HashMap::new();
    for (i, c) in a.iter().enumerate() {
        masks.entry(*c).or_insert_with(|| vec![0; words])[i / 64] |= 1 << (i % 64);
    }
    let mut v = vec![u64::MAX; words];
    let zero = vec![0u64; words];
    for c in b {
        let pm = masks.get(c).unwrap_or(&zero);
        let mut carry = 0u64;
        for w in 0..words {
            let u = v[w] & pm[w];
            let (s1, c1) = v[w].overflowing_add(u);
            let (s2, c2) = s1.overflowing_add(carry);
            carry = (c1 || c2) as u64;
            v[w] = s2 | (v[w] & !u);
        }
    }
    let mut zeros = 0;
    for (w, word) in v.iter().enumerate() {
        let bits = if w + 1 == words && m % 64 != 0 {
            m % 64
        } else {
            64
        };
        let mask = if bits == 64 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        zeros += (!word & mask).count_ones() as usize;
    }
    zeros
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_lcs(a: &[char], b: &[char]) -> usize {
        let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                t[i][j] = if a[i - 1] == b[j - 1] {
                    t[i - 1][j - 1] + 1
                } else {
                    t[i - 1][j].max(t[i][j - 1])
                };
            }
        }
        t[a.len()][b.len()]
    }

    #[test]
    fn lcs_matches_the_table_method() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..300 {
            let alpha = ['a', 'b', 'c', '中', '文'];
            let a: Vec<char> = (0..rng.usize(0..150))
                .map(|_| alpha[rng.usize(..5)])
                .collect();
            let b: Vec<char> = (0..rng.usize(0..150))
                .map(|_| alpha[rng.usize(..5)])
                .collect();
            assert_eq!(lcs_len(&a, &b), naive_lcs(&a, &b), "{a:?} {b:?}");
        }
    }

    #[test]
    fn splits_are_fixed_by_path() {
        // Values the reference script computes with xxhash.xxh3_64_intdigest.
        let a = split_of("web-dev/main-text/pages/a.html");
        assert_eq!(a, split_of("web-dev/main-text/pages/a.html"));
        let n = 1000;
        let tests = (0..n)
            .filter(|i| split_of(&format!("x/{i}.html")) == Split::Test)
            .count();
        assert!((400..600).contains(&tests), "{tests}");
    }
}
