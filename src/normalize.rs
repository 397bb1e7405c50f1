//! Stage 5 — normalize: dates to UTC timestamps, categories to a stable taxonomy.
//!
//! Dates: RFC 2822, RFC 3339, the configured formats with an offset, epoch seconds or
//! milliseconds, then the configured naive formats read in the zone of the document's site/feed
//! (`dates.zone_by_site`, else `dates.default_zone`). A value outside `min_year..=max_year` is
//! not a date. Nothing here fails a document: a bad date is a null with a status.
//!
//! Categories: items cleaned (trim, leading `| ` / `— ` / `- ` markers, white space), then the
//! first three mapped through `categories.yaml` (`section`, `site`, `feed` tables); an unmapped
//! value passes through unchanged and is reported.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// `dates:` in `newsetl.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatesConfig {
    /// IANA zone for naive date-times (no offset given).
    pub default_zone: String,
    /// Zone per site (`新浪财经`) or site and feed (`知乎/知乎日报`), overriding the default.
    pub zone_by_site: BTreeMap<String, String>,
    /// chrono formats of date-times that carry an offset (`%z`), tried after RFC 2822 and 3339.
    pub offset_formats: Vec<String>,
    /// chrono formats of naive date-times, read in the document's zone.
    pub naive_formats: Vec<String>,
    /// chrono formats of bare dates, read as local midnight.
    pub date_formats: Vec<String>,
    /// Dates outside these years are treated as not dates (`implausible`).
    pub min_year: i32,
    pub max_year: i32,
}

impl Default for DatesConfig {
    fn default() -> Self {
        DatesConfig {
            default_zone: "Asia/Shanghai".into(),
            zone_by_site: BTreeMap::new(),
            offset_formats: Vec::new(),
            naive_formats: vec!["%Y-%m-%d %H:%M:%S".into()],
            date_formats: Vec::new(),
            min_year: 1990,
            max_year: 2100,
        }
    }
}

#[derive(Debug)]
pub struct DateRules {
    pub default_zone: Tz,
    pub zone_by_site: HashMap<String, Tz>,
    pub offset_formats: Vec<String>,
    pub naive_formats: Vec<String>,
    pub date_formats: Vec<String>,
    pub min_year: i32,
    pub max_year: i32,
}

fn check_format(f: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(f).any(|i| matches!(i, Item::Error)) {
        Err(format!("invalid chrono format {f:?}"))
    } else {
        Ok(())
    }
}

impl DateRules {
    pub fn compile(
        cfg: &DatesConfig,
        report: &mut impl FnMut(String, String),
    ) -> Option<DateRules> {
        let mut ok = true;
        let mut zone = |key: String, name: &str, ok: &mut bool| -> Tz {
            name.parse::<Tz>().unwrap_or_else(|_| {
                report(
                    key,
                    format!("unknown time zone {name:?} (use an IANA name such as Asia/Shanghai)"),
                );
                *ok = false;
                Tz::UTC
            })
        };
        let default_zone = zone("dates.default_zone".into(), &cfg.default_zone, &mut ok);
        let zone_by_site = cfg
            .zone_by_site
            .iter()
            .map(|(site, z)| {
                (
                    site.clone(),
                    zone(format!("dates.zone_by_site.{site}"), z, &mut ok),
                )
            })
            .collect();
        for (key, list) in [
            ("offset_formats", &cfg.offset_formats),
            ("naive_formats", &cfg.naive_formats),
            ("date_formats", &cfg.date_formats),
        ] {
            for (i, f) in list.iter().enumerate() {
                if let Err(e) = check_format(f) {
                    report(format!("dates.{key}[{i}]"), e);
                    ok = false;
                }
            }
        }
        if cfg.min_year > cfg.max_year {
            report(
                "dates.min_year".into(),
                format!(
                    "min_year {} is after max_year {}",
                    cfg.min_year, cfg.max_year
                ),
            );
            ok = false;
        }
        ok.then(|| DateRules {
            default_zone,
            zone_by_site,
            offset_formats: cfg.offset_formats.clone(),
            naive_formats: cfg.naive_formats.clone(),
            date_formats: cfg.date_formats.clone(),
            min_year: cfg.min_year,
            max_year: cfg.max_year,
        })
    }

    /// The zone for naive dates of a document from `site` / `feed`.
    pub fn zone_for(&self, site: Option<&str>, feed: Option<&str>) -> Tz {
        if let (Some(s), Some(f)) = (site, feed)
            && let Some(z) = self.zone_by_site.get(&format!("{s}/{f}"))
        {
            return *z;
        }
        site.and_then(|s| self.zone_by_site.get(s))
            .copied()
            .unwrap_or(self.default_zone)
    }
}

/// The `date_status` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateStatus {
    /// The value carried its own offset or zone.
    Ok,
    /// A naive value, read in the configured zone.
    AssumedZone,
    /// Not a date in any known format (`Invalid Date`, garbage).
    Unparsed,
    /// A well-formed date outside `min_year..=max_year` (`Sat, 04 Apr 2189`).
    Implausible,
    /// The document gives no date.
    Missing,
}

impl DateStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DateStatus::Ok => "ok",
            DateStatus::AssumedZone => "assumed_zone",
            DateStatus::Unparsed => "unparsed",
            DateStatus::Implausible => "implausible",
            DateStatus::Missing => "missing",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NormalizedDate {
    pub utc: Option<DateTime<Utc>>,
    pub status: DateStatus,
    /// The zone a naive value was read in.
    pub zone: Option<String>,
}

/// Normalize one raw date string.
pub fn parse_date(raw: Option<&str>, zone: Tz, rules: &DateRules) -> NormalizedDate {
    let none = |status| NormalizedDate {
        utc: None,
        status,
        zone: None,
    };
    let Some(s) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return none(DateStatus::Missing);
    };
    let (utc, assumed) = match parse_any(s, zone, rules) {
        Some(v) => v,
        None => return none(DateStatus::Unparsed),
    };
    if !(rules.min_year..=rules.max_year).contains(&utc.year()) {
        return none(DateStatus::Implausible);
    }
    if assumed {
        NormalizedDate {
            utc: Some(utc),
            status: DateStatus::AssumedZone,
            zone: Some(zone.name().to_string()),
        }
    } else {
        NormalizedDate {
            utc: Some(utc),
            status: DateStatus::Ok,
            zone: None,
        }
    }
}

/// `(instant, zone_was_assumed)`.
fn parse_any(s: &str, zone: Tz, rules: &DateRules) -> Option<(DateTime<Utc>, bool)> {
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some((d.with_timezone(&Utc), false));
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some((d.with_timezone(&Utc), false));
    }
    for f in &rules.offset_formats {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some((d.with_timezone(&Utc), false));
        }
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        let d = match s.len() {
            9 | 10 => DateTime::from_timestamp(n, 0),
            12 | 13 => DateTime::from_timestamp_millis(n),
            _ => None,
        };
        return d.map(|d| (d, false));
    }
    let local = rules
        .naive_formats
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .or_else(|| {
            rules
                .date_formats
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
    // In a DST gap there is no such local time; take the earliest valid reading around it.
    let d = zone.from_local_datetime(&local).earliest().or_else(|| {
        zone.from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()
    })?;
    Some((d.with_timezone(&Utc), true))
}

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

    fn rules() -> DateRules {
        let cfg = DatesConfig {
            zone_by_site: [("Bing 壁纸".to_string(), "UTC".to_string())].into(),
            offset_formats: vec!["%Y-%m-%d %H:%M:%S %z".into()],
            naive_formats: vec![
                "%Y-%m-%d %H:%M:%S".into(),
                "%Y/%m/%d %H:%M".into(),
                "%Y年%m月%d日 %H:%M".into(),
            ],
            date_formats: vec!["%Y-%m-%d".into()],
            ..DatesConfig::default()
        };
        DateRules::compile(&cfg, &mut |k, r| panic!("{k}: {r}")).unwrap()
    }

    fn utc(raw: &str) -> (Option<String>, DateStatus) {
        let r = rules();
        let d = parse_date(Some(raw), r.default_zone, &r);
        (
            d.utc
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            d.status,
        )
    }

    #[test]
    fn rfc2822_and_iso() {
        assert_eq!(
            utc("Mon, 07 Mar 2022 08:10:42 GMT"),
            (Some("2022-03-07T08:10:42Z".into()), DateStatus::Ok)
        );
        assert_eq!(
            utc("Mon, 07 Mar 2022 16:10:42 +0800"),
            (Some("2022-03-07T08:10:42Z".into()), DateStatus::Ok)
        );
        assert_eq!(
            utc("2022-03-07T16:10:42+08:00"),
            (Some("2022-03-07T08:10:42Z".into()), DateStatus::Ok)
        );
        assert_eq!(
            utc("2022-03-07T08:10:42.5Z"),
            (Some("2022-03-07T08:10:42Z".into()), DateStatus::Ok)
        );
        assert_eq!(
            utc("2022-03-07 16:10:42 +0800"),
            (Some("2022-03-07T08:10:42Z".into()), DateStatus::Ok)
        );
    }

    #[test]
    fn naive_dates_are_read_in_the_configured_zone() {
        assert_eq!(
            utc("2021-04-11 00:30:33"),
            (Some("2021-04-10T16:30:33Z".into()), DateStatus::AssumedZone)
        );
        assert_eq!(
            utc("2021/04/11 00:30"),
            (Some("2021-04-10T16:30:00Z".into()), DateStatus::AssumedZone)
        );
        assert_eq!(
            utc("2022年03月07日 16:10"),
            (Some("2022-03-07T08:10:00Z".into()), DateStatus::AssumedZone)
        );
        assert_eq!(
            utc("2022-03-07"),
            (Some("2022-03-06T16:00:00Z".into()), DateStatus::AssumedZone)
        );
        let r = rules();
        let z = r.zone_for(Some("Bing 壁纸"), Some("每日壁纸"));
        assert_eq!(z, Tz::UTC);
        let d = parse_date(Some("2021-04-11 00:30:33"), z, &r);
        assert_eq!(
            d.utc
                .unwrap()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "2021-04-11T00:30:33Z"
        );
        assert_eq!(d.zone.as_deref(), Some("UTC"));
    }

    #[test]
    fn epochs() {
        assert_eq!(
            utc("1646640642"),
            (Some("2022-03-07T08:10:42Z".into()), DateStatus::Ok)
        );
        assert_eq!(
            utc("1646640642000"),
            (Some("2022-03-07T08:10:42Z".into()), DateStatus::Ok)
        );
        assert_eq!(utc("12345").1, DateStatus::Unparsed);
    }

    #[test]
    fn non_dates_are_nulls_with_a_status() {
        assert_eq!(utc("Invalid Date"), (None, DateStatus::Unparsed));
        assert_eq!(
            utc("Sat, 04 Apr 2189 00:00:00 GMT"),
            (None, DateStatus::Implausible)
        );
        let r = rules();
        assert_eq!(
            parse_date(None, r.default_zone, &r).status,
            DateStatus::Missing
        );
        assert_eq!(
            parse_date(Some("  "), r.default_zone, &r).status,
            DateStatus::Missing
        );
    }

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

    #[test]
    fn bad_date_rules_are_reported() {
        let cfg = DatesConfig {
            default_zone: "Nowhere/City".into(),
            naive_formats: vec!["%Y-%Q".into()],
            min_year: 2100,
            max_year: 1990,
            ..Default::default()
        };
        let mut keys = Vec::new();
        assert!(DateRules::compile(&cfg, &mut |k, _| keys.push(k)).is_none());
        assert_eq!(
            keys,
            [
                "dates.default_zone",
                "dates.naive_formats[0]",
                "dates.min_year"
            ]
        );
    }
}
