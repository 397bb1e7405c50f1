//! Categories to a stable taxonomy: items cleaned (trim, leading `| ` / `— ` / `- ` markers,
//! white space), then the first three mapped through `categories.yaml` (`section`, `site`,
//! `feed` tables); an unmapped value passes through unchanged and is reported.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `categories.yaml`: raw value → stable value, per level.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CategoryMapping {
    /// First category (`金融`) → normalized English section (`finance`).
    pub section: BTreeMap<String, String>,
    /// Second category, the site (`新浪财经`) → site id (`sina_finance`).
    pub site: BTreeMap<String, String>,
    /// Third category, the feed → feed id. Optional.
    pub feed: BTreeMap<String, String>,
}

#[derive(Debug)]
pub struct CategoryRules {
    pub mapping: CategoryMapping,
}

impl CategoryRules {
    pub fn compile(
        m: &CategoryMapping,
        report: &mut impl FnMut(String, String),
    ) -> Option<CategoryRules> {
        let mut ok = true;
        for (level, table) in [
            ("section", &m.section),
            ("site", &m.site),
            ("feed", &m.feed),
        ] {
            for (k, v) in table {
                if v.trim().is_empty() {
                    report(format!("{level}.{k}"), "maps to an empty value".into());
                    ok = false;
                } else if !v
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                {
                    report(
                        format!("{level}.{k}"),
                        format!("{v:?} is not a lowercase id (a-z, 0-9, _)"),
                    );
                    ok = false;
                }
            }
        }
        ok.then(|| CategoryRules { mapping: m.clone() })
    }
}

/// The stable taxonomy of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Taxonomy {
    /// The cleaned category list.
    pub categories: Vec<String>,
    pub section: Option<String>,
    pub site: Option<String>,
    pub feed: Option<String>,
    /// Values at a level whose mapping table is not empty but has no entry for them:
    /// `(level, value)`.
    pub unmapped: Vec<(&'static str, String)>,
}

/// Clean one category item.
pub fn clean_category(s: &str) -> String {
    let mut t = s.trim();
    loop {
        let before = t;
        for marker in ["| ", "|", "— ", "—", "- "] {
            if let Some(rest) = t.strip_prefix(marker) {
                t = rest.trim_start();
            }
        }
        if t == before {
            break;
        }
    }
    crate::body::normalize_text(t)
}

pub fn categorize(raw: &[String], rules: &CategoryRules) -> Taxonomy {
    let categories: Vec<String> = raw
        .iter()
        .map(|c| clean_category(c))
        .filter(|c| !c.is_empty())
        .collect();
    let m = &rules.mapping;
    let mut unmapped = Vec::new();
    let mut level =
        |i: usize, name: &'static str, table: &BTreeMap<String, String>| -> Option<String> {
            let v = categories.get(i)?;
            match table.get(v) {
                Some(mapped) => Some(mapped.clone()),
                None => {
                    if !table.is_empty() {
                        unmapped.push((name, v.clone()));
                    }
                    Some(v.clone())
                }
            }
        };
    let section = level(0, "section", &m.section);
    let site = level(1, "site", &m.site);
    let feed = level(2, "feed", &m.feed);
    Taxonomy {
        categories,
        section,
        site,
        feed,
        unmapped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_are_cleaned_and_mapped() {
        let mapping = CategoryMapping {
            section: [("金融".to_string(), "finance".to_string())].into(),
            site: [("新浪财经".to_string(), "sina_finance".to_string())].into(),
            feed: BTreeMap::new(),
        };
        let rules = CategoryRules::compile(&mapping, &mut |k, r| panic!("{k}: {r}")).unwrap();
        let t = categorize(
            &[
                "金融".into(),
                "| 新浪财经".into(),
                " 新浪财经－国內 ".into(),
            ],
            &rules,
        );
        assert_eq!(t.categories, ["金融", "新浪财经", "新浪财经－国內"]);
        assert_eq!(
            (t.section.as_deref(), t.site.as_deref(), t.feed.as_deref()),
            (
                Some("finance"),
                Some("sina_finance"),
                Some("新浪财经－国內")
            )
        );
        assert!(t.unmapped.is_empty());
        let t = categorize(
            &["学习".into(), "— 知識分子".into(), "— 创新".into()],
            &rules,
        );
        assert_eq!(t.categories, ["学习", "知識分子", "创新"]);
        assert_eq!(t.section.as_deref(), Some("学习"));
        assert_eq!(
            t.unmapped,
            [
                ("section", "学习".to_string()),
                ("site", "知識分子".to_string())
            ]
        );
    }
}
