//! Dates: every date a document offers (its front matter's, or a page's JSON-LD, meta tags,
//! `<time>`, address and visible date line — [`crate::body::DateCandidate`]) is parsed
//! ([`parse`]) and the most reliable one chosen ([`choose`]): by source (front matter, JSON-LD
//! and article meta over generic meta, over `<time>`, over the address, over visible text),
//! then by precision; a day-only value is refined by a more precise one of another source that
//! gives the same day.
//!
//! What is stored keeps what the value said:
//! - `published_date`: the calendar day of publication in the document's own zone — the offset
//!   the value was written with, or for a UTC instant or a naive value the zone of the site
//!   (`dates.zone_by_site`), of its address's country (`dates.zone_by_region`), or
//!   `dates.default_zone`. A day stays that day: `2022-03-01` is never `2022-02-28T16:00Z`.
//! - `published_at`: the UTC instant, only when the value has a time of day.
//! - `date_precision` (`second` | `minute` | `day`), `date_source`, `date_zone`, `date_status`.
//!
//! Zones: an explicit offset is used as written. A zone abbreviation is looked up in
//! `dates.zone_abbreviations`; an ambiguous one (`CST`: China, US Central or Cuba) is resolved
//! by the document's zone (a Chinese feed's `CST` is +08:00) and flagged `assumed_zone`. A
//! naive value is read in the document's zone and flagged `assumed_zone`.
//!
//! Plausibility: a year outside `min_year..=max_year`, or a publication after the crawl (or the
//! file's modification) by more than `dates.future_tolerance_hours`, is not a publication date.

pub mod parse;
pub mod zone_check;

use crate::body::{DateCandidate, DateSource};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
pub use parse::DayOrder;
use parse::{Parsed, Precision, Relative, ZoneHint};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// `dates:` in `newsetl.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatesConfig {
    /// IANA zone of documents whose site, address or language says nothing.
    pub default_zone: String,
    /// Zone per site (`新浪财经`) or site and feed (`知乎/知乎日报`), overriding the others.
    pub zone_by_site: BTreeMap<String, String>,
    /// Zone per country code, found as the address's top-level domain (`de`) or the region of
    /// the page's language (`es-AR` → `ar`).
    pub zone_by_region: BTreeMap<String, String>,
    /// Zone per language (`zh`, `ja`, `de`) for pages whose region is not known; languages
    /// spoken across many zones (`en`, `es`) are best left out.
    pub zone_by_language: BTreeMap<String, String>,
    /// Zone abbreviations → the zones they may mean, each with the offset it means there
    /// (`CST: {Asia/Shanghai: "+08:00", America/Chicago: "-06:00", America/Havana: "-05:00"}`).
    /// One entry: that offset. Several: the document's zone if it is one of them, else the
    /// first; the value is then flagged `assumed_zone`.
    pub zone_abbreviations: BTreeMap<String, BTreeMap<String, String>>,
    /// Regions (as in `zone_by_region`) that write numeric dates month first (`03/07/2022` is
    /// 7 March); elsewhere day first.
    pub month_first_regions: Vec<String>,
    /// Languages whose pages write numeric dates month first when nothing tells their country
    /// (`en`: a page marked only `lang="en"` on a `.com` address is read as American; `en-GB`
    /// or a `.uk` address is read day first).
    pub month_first_languages: Vec<String>,
    /// chrono formats of site-specific date-times that carry an offset (`%z`), tried before the
    /// built-in forms.
    pub offset_formats: Vec<String>,
    /// chrono formats of site-specific naive date-times, read in the document's zone.
    pub naive_formats: Vec<String>,
    /// chrono formats of site-specific dates (a day).
    pub date_formats: Vec<String>,
    /// Dates outside these years are not dates (`implausible`).
    pub min_year: i32,
    pub max_year: i32,
    /// A publication this many hours after the crawl time (or the file's modification time)
    /// is implausible.
    pub future_tolerance_hours: i64,
}

impl Default for DatesConfig {
    fn default() -> Self {
        DatesConfig {
            default_zone: "Asia/Shanghai".into(),
            zone_by_site: BTreeMap::new(),
            zone_by_region: BTreeMap::new(),
            zone_by_language: BTreeMap::new(),
            zone_abbreviations: BTreeMap::new(),
            month_first_regions: vec!["us".into()],
            month_first_languages: vec!["en".into()],
            offset_formats: Vec::new(),
            naive_formats: Vec::new(),
            date_formats: Vec::new(),
            min_year: 1990,
            max_year: 2100,
            future_tolerance_hours: 48,
        }
    }
}

/// One meaning of a zone abbreviation.
#[derive(Debug, Clone)]
pub struct AbbrevZone {
    pub zone: String,
    pub offset: FixedOffset,
}

#[derive(Debug)]
pub struct DateRules {
    pub default_zone: Tz,
    pub zone_by_site: HashMap<String, Tz>,
    pub zone_by_region: HashMap<String, Tz>,
    pub zone_by_language: HashMap<String, Tz>,
    pub abbreviations: HashMap<String, Vec<AbbrevZone>>,
    pub month_first_regions: Vec<String>,
    pub month_first_languages: Vec<String>,
    pub offset_formats: Vec<String>,
    pub naive_formats: Vec<String>,
    pub date_formats: Vec<String>,
    pub min_year: i32,
    pub max_year: i32,
    pub future_tolerance: chrono::Duration,
}

fn check_format(f: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(f).any(|i| matches!(i, Item::Error)) {
        Err(format!("invalid chrono format {f:?}"))
    } else {
        Ok(())
    }
}

/// `+08:00`, `-0600`, `+8`.
fn fixed_offset(s: &str) -> Option<FixedOffset> {
    match parse::parse(&format!("2000-01-01T00:00{s}"), DayOrder::DayFirst)? {
        Parsed::Local {
            zone: ZoneHint::Offset(o),
            ..
        } => Some(o),
        _ => None,
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
        let zone_by_region = cfg
            .zone_by_region
            .iter()
            .map(|(r, z)| {
                (
                    r.to_ascii_lowercase(),
                    zone(format!("dates.zone_by_region.{r}"), z, &mut ok),
                )
            })
            .collect();
        let zone_by_language = cfg
            .zone_by_language
            .iter()
            .map(|(l, z)| {
                (
                    l.to_ascii_lowercase(),
                    zone(format!("dates.zone_by_language.{l}"), z, &mut ok),
                )
            })
            .collect();
        let mut abbreviations = HashMap::new();
        let mut bad_offsets = Vec::new();
        for (abbrev, meanings) in &cfg.zone_abbreviations {
            let mut list = Vec::new();
            for (z, off) in meanings {
                zone(format!("dates.zone_abbreviations.{abbrev}.{z}"), z, &mut ok);
                match fixed_offset(off) {
                    Some(offset) => list.push(AbbrevZone {
                        zone: z.clone(),
                        offset,
                    }),
                    None => bad_offsets.push((
                        format!("dates.zone_abbreviations.{abbrev}.{z}"),
                        format!("{off:?} is not an offset such as +08:00"),
                    )),
                }
            }
            abbreviations.insert(abbrev.to_ascii_uppercase(), list);
        }
        for (key, why) in bad_offsets {
            report(key, why);
            ok = false;
        }
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
            zone_by_region,
            zone_by_language,
            abbreviations,
            month_first_regions: cfg
                .month_first_regions
                .iter()
                .map(|r| r.to_ascii_lowercase())
                .collect(),
            month_first_languages: cfg
                .month_first_languages
                .iter()
                .map(|r| r.to_ascii_lowercase())
                .collect(),
            offset_formats: cfg.offset_formats.clone(),
            naive_formats: cfg.naive_formats.clone(),
            date_formats: cfg.date_formats.clone(),
            min_year: cfg.min_year,
            max_year: cfg.max_year,
            future_tolerance: chrono::Duration::hours(cfg.future_tolerance_hours),
        })
    }

    /// The zone of a document: its site or feed's, else its address's or language's region's,
    /// else its language's; `None` when nothing tells (the default zone then reads naive
    /// values, and a UTC instant keeps its UTC day). Also returns the region found (for day
    /// order).
    pub fn zone_for(&self, doc: &DocZone) -> (Option<Tz>, Option<String>) {
        if let (Some(s), Some(f)) = (doc.site, doc.feed)
            && let Some(z) = self.zone_by_site.get(&format!("{s}/{f}"))
        {
            return (Some(*z), None);
        }
        if let Some(z) = doc.site.and_then(|s| self.zone_by_site.get(s)) {
            return (Some(*z), None);
        }
        let region = region_of(doc.url, doc.language);
        if let Some(r) = &region
            && let Some(z) = self.zone_by_region.get(r)
        {
            return (Some(*z), region);
        }
        let lang = doc
            .language
            .and_then(|l| l.split(['-', '_']).next())
            .map(str::to_ascii_lowercase);
        if let Some(z) = lang.and_then(|l| self.zone_by_language.get(&l)) {
            return (Some(*z), region);
        }
        (None, region)
    }
}

impl DateRules {
    /// The order of day and month in a document's numeric dates: month first in a region of
    /// `month_first_regions`; without a region, month first when its language
    /// (`en-US` → `en`) is one of `month_first_languages`; else day first.
    pub fn day_order(&self, region: Option<&str>, language: Option<&str>) -> DayOrder {
        let month_first = match region {
            Some(r) => self.month_first_regions.iter().any(|m| m == r),
            None => language
                .and_then(|l| l.split(['-', '_']).next())
                .map(str::to_ascii_lowercase)
                .is_some_and(|l| self.month_first_languages.contains(&l)),
        };
        if month_first {
            DayOrder::MonthFirst
        } else {
            DayOrder::DayFirst
        }
    }
}

/// What tells a document's zone.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocZone<'a> {
    pub site: Option<&'a str>,
    pub feed: Option<&'a str>,
    /// The page's address.
    pub url: Option<&'a str>,
    /// The page's language (`es-AR`, `de`).
    pub language: Option<&'a str>,
}

/// The country of a page: the region subtag of its language (`es-AR` → `ar`), else its
/// address's country-code top-level domain (`www.clarin.com.ar` → `ar`).
fn region_of(url: Option<&str>, language: Option<&str>) -> Option<String> {
    if let Some(lang) = language {
        let parts: Vec<&str> = lang.split(['-', '_']).collect();
        if let Some(r) = parts
            .get(1)
            .filter(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
        {
            return Some(r.to_ascii_lowercase());
        }
    }
    let host = url?.split("://").nth(1)?.split(['/', ':', '?']).next()?;
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    (tld.len() == 2 && tld.chars().all(|c| c.is_ascii_alphabetic())).then_some(tld)
}

/// The `date_status` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateStatus {
    /// The value carried its own offset or zone.
    Ok,
    /// A naive value read in the document's zone, or an ambiguous zone abbreviation resolved
    /// by it (`date_zone` says which).
    AssumedZone,
    /// Not a date in any known form (`Invalid Date`, garbage), or relative with no crawl time.
    Unparsed,
    /// A well-formed date outside `min_year..=max_year` (`Sat, 04 Apr 2189`), or after the
    /// crawl.
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

/// The chosen publication date of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NormalizedDate {
    /// The UTC instant, when the value has a time of day.
    pub utc: Option<DateTime<Utc>>,
    /// The calendar day of publication in the document's own zone.
    pub day: Option<NaiveDate>,
    pub precision: Option<Precision>,
    pub source: Option<DateSource>,
    pub status: DateStatus,
    /// The zone assumed (a naive value's, an abbreviation's), or the offset written.
    pub zone: Option<String>,
    /// The value as written.
    pub raw: Option<String>,
}

impl NormalizedDate {
    fn none(status: DateStatus, raw: Option<String>) -> Self {
        NormalizedDate {
            utc: None,
            day: None,
            precision: None,
            source: None,
            status,
            zone: None,
            raw,
        }
    }
}

/// What decides plausibility and relative dates.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    /// When the document was fetched (WARC-Date): relative dates are read against it, and no
    /// publication comes after it.
    pub crawled: Option<DateTime<Utc>>,
    /// The input file's modification time: no publication comes after it either.
    pub file_modified: Option<DateTime<Utc>>,
}

/// A candidate read: its reading and, for visible text, the date as written in it.
type Read = Result<(Reading, Option<String>), DateStatus>;

/// One value read: the candidate's reading before the choice.
#[derive(Clone)]
struct Reading {
    utc: Option<DateTime<Utc>>,
    day: NaiveDate,
    precision: Precision,
    assumed: bool,
    zone: Option<String>,
}

/// Read one value in the document's zone.
fn read_value(
    s: &str,
    zone: Tz,
    known: bool,
    order: DayOrder,
    clock: &Clock,
    rules: &DateRules,
) -> Result<Reading, DateStatus> {
    let s = s.trim();
    // Site-specific formats first.
    for f in &rules.offset_formats {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Ok(Reading {
                utc: Some(d.with_timezone(&Utc)),
                day: d.date_naive(),
                precision: Precision::Second,
                assumed: false,
                zone: Some(d.offset().to_string()),
            });
        }
    }
    let custom = rules
        .naive_formats
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(|dt| Parsed::Local {
            date: dt.date(),
            time: Some(dt.time()),
            precision: Precision::Second,
            zone: ZoneHint::Naive,
        })
        .or_else(|| {
            rules
                .date_formats
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
                .map(|date| Parsed::Local {
                    date,
                    time: None,
                    precision: Precision::Day,
                    zone: ZoneHint::Naive,
                })
        });
    let parsed = custom
        .or_else(|| parse::parse(s, order))
        .ok_or(DateStatus::Unparsed)?;
    reading(parsed, zone, known, clock, rules)
}

/// `zone` reads naive values; a UTC instant's day is taken in it only when it is `known` to be
/// the document's (else the UTC day).
fn reading(
    p: Parsed,
    zone: Tz,
    known: bool,
    clock: &Clock,
    rules: &DateRules,
) -> Result<Reading, DateStatus> {
    let day_zone = if known { zone } else { Tz::UTC };
    match p {
        Parsed::Epoch(t) => Ok(Reading {
            utc: Some(t),
            day: t.with_timezone(&day_zone).date_naive(),
            precision: Precision::Second,
            assumed: false,
            zone: None,
        }),
        Parsed::Relative(r) => {
            let now = clock.crawled.ok_or(DateStatus::Unparsed)?;
            match r {
                Relative::Ago(secs) => {
                    let t = now - chrono::Duration::seconds(secs);
                    Ok(Reading {
                        utc: Some(t),
                        day: t.with_timezone(&zone).date_naive(),
                        precision: if secs >= 86_400 {
                            Precision::Day
                        } else {
                            Precision::Minute
                        },
                        assumed: true,
                        zone: Some(zone.name().to_string()),
                    })
                }
                Relative::Day(days, time) => {
                    let day = now.with_timezone(&zone).date_naive() + chrono::Duration::days(days);
                    local_reading(
                        day,
                        time,
                        Precision::Minute,
                        &ZoneHint::Naive,
                        zone,
                        day_zone,
                        rules,
                    )
                }
            }
        }
        Parsed::Local {
            date,
            time,
            precision,
            zone: hint,
        } => local_reading(date, time, precision, &hint, zone, day_zone, rules),
    }
}

fn local_reading(
    date: NaiveDate,
    time: Option<NaiveTime>,
    precision: Precision,
    hint: &ZoneHint,
    zone: Tz,
    day_zone: Tz,
    rules: &DateRules,
) -> Result<Reading, DateStatus> {
    let Some(time) = time else {
        // A day is a day: no instant, no zone arithmetic.
        return Ok(Reading {
            utc: None,
            day: date,
            precision: Precision::Day,
            assumed: false,
            zone: None,
        });
    };
    let local = date.and_time(time);
    let (offset, assumed, zone_name) = match hint {
        ZoneHint::Offset(o) => (Some(*o), false, Some(o.to_string())),
        ZoneHint::Abbrev(a) => {
            let meanings = rules.abbreviations.get(a).ok_or(DateStatus::Unparsed)?;
            let chosen = meanings
                .iter()
                .find(|m| m.zone == zone.name())
                .or(meanings.first())
                .ok_or(DateStatus::Unparsed)?;
            let ambiguous = meanings.len() > 1;
            (
                Some(chosen.offset),
                ambiguous,
                Some(format!("{} ({a} = {})", chosen.zone, chosen.offset)),
            )
        }
        ZoneHint::Naive => (None, true, Some(zone.name().to_string())),
    };
    let utc = match offset {
        Some(o) => o
            .from_local_datetime(&local)
            .single()
            .map(|d| d.with_timezone(&Utc)),
        None => zone
            .from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                // In a DST gap there is no such local time; take the next valid one.
                zone.from_local_datetime(&(local + chrono::Duration::hours(1)))
                    .earliest()
            })
            .map(|d| d.with_timezone(&Utc)),
    }
    .ok_or(DateStatus::Unparsed)?;
    // The day as written in the value's own zone; a UTC instant (a feed's `GMT`, a page's `Z`)
    // is not written in the document's zone, so its day is taken in that zone.
    let utc_written = matches!(hint, ZoneHint::Offset(o) if o.local_minus_utc() == 0);
    let day = if utc_written {
        utc.with_timezone(&day_zone).date_naive()
    } else {
        date
    };
    Ok(Reading {
        utc: Some(utc),
        day,
        precision,
        assumed,
        zone: zone_name,
    })
}

fn plausible(r: &Reading, clock: &Clock, rules: &DateRules) -> bool {
    if !(rules.min_year..=rules.max_year).contains(&r.day.year()) {
        return false;
    }
    let latest = [clock.crawled, clock.file_modified]
        .into_iter()
        .flatten()
        .min();
    if let Some(latest) = latest {
        let limit = latest + rules.future_tolerance;
        let at = r.utc.unwrap_or_else(|| {
            Utc.from_utc_datetime(&r.day.and_hms_opt(0, 0, 0).expect("midnight"))
        });
        if at > limit {
            return false;
        }
    }
    true
}

/// Read one candidate: a structured value whole, visible text by the first date in it (with
/// that date as written).
fn read_candidate(
    c: &DateCandidate,
    zone: Tz,
    known: bool,
    order: DayOrder,
    clock: &Clock,
    rules: &DateRules,
) -> Read {
    let value = c.value.trim();
    if c.source != DateSource::Text {
        return read_value(value, zone, known, order, clock, rules).map(|r| (r, None));
    }
    match parse::find_in_text(value, order) {
        Some((p, matched)) => reading(p, zone, known, clock, rules)
            .or_else(|e| {
                // A capitalised word after the time that is no zone known
                // (`22:36:13 BY DUSCHA`): the date without it.
                let word = matched
                    .trim_end()
                    .rsplit(char::is_whitespace)
                    .next()
                    .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
                    .ok_or(e)?;
                let at = value.find(&matched).ok_or(e)? + matched.trim_end().len() - word.len();
                let (p, _) = parse::find_in_text(&value[..at], order).ok_or(e)?;
                reading(p, zone, known, clock, rules)
            })
            .map(|r| (r, Some(matched))),
        None => Err(DateStatus::Unparsed),
    }
}

/// Choose the publication date among `candidates` (see the module doc). `zone` is the
/// document's zone when something tells it ([`DateRules::zone_for`]; a feed's documents always
/// have one), `order` the order of day and month in its numeric dates
/// ([`DateRules::day_order`]).
///
/// `modified` are the page's modification dates. A page's own date line decides between the
/// values its metadata gives: when the first date visible near the headline or byline is not
/// the day of the best-ranked value but is the day of another structured publication value
/// (JSON-LD and meta written in different zones, or disagreeing), or of a later modification
/// (a republished article that shows its new date), that value is taken — readers and
/// annotators date a page by what it shows. Front matter is never overruled.
pub fn choose(
    candidates: &[DateCandidate],
    modified: &[DateCandidate],
    zone: Option<Tz>,
    order: DayOrder,
    clock: &Clock,
    rules: &DateRules,
) -> NormalizedDate {
    let known = zone.is_some();
    let zone = zone.unwrap_or(rules.default_zone);
    if candidates.iter().all(|c| c.value.trim().is_empty()) {
        return NormalizedDate::none(DateStatus::Missing, None);
    }
    let read = |c: &DateCandidate| read_candidate(c, zone, known, order, clock, rules);
    let mut ranked: Vec<&DateCandidate> = candidates.iter().collect();
    ranked.sort_by_key(|c| c.source);
    let mut first_failure: Option<(DateStatus, &DateCandidate)> = None;
    // Each reading with its candidate and, for visible text, the date as written in it.
    let mut readings: Vec<(Reading, &DateCandidate, Option<String>)> = Vec::new();
    for c in ranked {
        // The best-ranked reading with a time wins outright; lower sources are read only to
        // refine a day-precision best (below), so they are not parsed after it.
        if readings
            .first()
            .is_some_and(|(r, _, _)| r.precision > Precision::Day)
        {
            break;
        }
        if c.value.trim().is_empty() {
            continue;
        }
        match read(c) {
            Ok((r, matched)) if plausible(&r, clock, rules) => readings.push((r, c, matched)),
            Ok(_) => {
                first_failure.get_or_insert((DateStatus::Implausible, c));
            }
            // Running text with no date in it is no date, not an unparsed one.
            Err(_) if c.source == DateSource::Text => {}
            Err(status) => {
                first_failure.get_or_insert((status, c));
            }
        }
    }
    let Some(best) = readings.first() else {
        return match first_failure {
            Some((status, c)) => NormalizedDate::none(status, Some(c.value.clone())),
            None => NormalizedDate::none(DateStatus::Missing, None),
        };
    };
    let shown = (best.1.source != DateSource::FrontMatter)
        .then(|| {
            shown_value(
                candidates,
                modified,
                best.0.day,
                known.then_some(zone),
                &read,
                clock,
                rules,
            )
        })
        .flatten();
    let mut chosen = match &shown {
        Some(s) => s,
        None => best,
    };
    if chosen.0.precision == Precision::Day {
        // A day refined by a more precise value of the same day from another source.
        if let Some(finer) = readings
            .iter()
            .find(|(r, _, _)| r.precision > Precision::Day && r.day == chosen.0.day)
        {
            chosen = finer;
        }
    }
    let (r, source, matched) = chosen;
    NormalizedDate {
        utc: r.utc,
        day: Some(r.day),
        precision: Some(r.precision),
        source: Some(source.source),
        status: if r.assumed {
            DateStatus::AssumedZone
        } else {
            DateStatus::Ok
        },
        zone: r.zone.clone(),
        // From visible text, the date as written there, not the lines around it.
        raw: Some(
            matched
                .as_deref()
                .map_or_else(|| source.value.clone(), |m| m.trim().to_string()),
        ),
    }
}

/// The structured value whose day the page's first visible date shows, when that is not
/// `best_day` (see [`choose`]): a publication value of another source or zone, else a
/// modification later than `best_day`.
///
/// The same instant the page shows with its own zone (`March 12, 2022 9:30 PM EST` beside
/// `2022-03-13T02:30:00Z`) is that value, on the day shown.
///
/// A value in UTC (`2022-03-12T23:30:00Z`) whose clock reading is the very date and time the
/// page shows in its own `zone` (`12.03.2022, 23:30 Uhr`) was written in local time with a
/// false `Z` (some CMSs do): it is read as that local time, its day as written, and flagged
/// `assumed_zone`.
fn shown_value<'a>(
    candidates: &'a [DateCandidate],
    modified: &'a [DateCandidate],
    best_day: NaiveDate,
    zone: Option<Tz>,
    read: &dyn Fn(&DateCandidate) -> Read,
    clock: &Clock,
    rules: &DateRules,
) -> Option<(Reading, &'a DateCandidate, Option<String>)> {
    let shown = candidates
        .iter()
        .filter(|c| c.source == DateSource::Text)
        .find_map(|c| read(c).ok().filter(|(r, _)| plausible(r, clock, rules)))?
        .0;
    let shown_day = shown.day;
    if shown_day == best_day {
        return None;
    }
    let structured = |c: &&'a DateCandidate| {
        !matches!(
            c.source,
            DateSource::FrontMatter | DateSource::Url | DateSource::Text | DateSource::Crawl
        )
    };
    // The structured values read once, best-ranked source first.
    let read_all = |list: &'a [DateCandidate]| {
        let mut v: Vec<(Reading, &'a DateCandidate)> = list
            .iter()
            .filter(structured)
            .filter_map(|c| Some((read(c).ok()?.0, c)))
            .collect();
        v.sort_by_key(|(_, c)| c.source);
        v
    };
    let published = read_all(candidates);
    let pick = |list: &[(Reading, &'a DateCandidate)], after: Option<NaiveDate>| {
        list.iter().find_map(|(r, c)| {
            (r.day == shown_day && after.is_none_or(|a| r.day > a) && plausible(r, clock, rules))
                .then(|| (r.clone(), *c, None))
        })
    };
    // The shown local date and time, when the page shows a time in its known zone.
    let shown_local = zone
        .filter(|_| shown.precision > Precision::Day && shown.assumed)
        .and_then(|z| Some(shown.utc?.with_timezone(&z).naive_local()));
    let false_z = || {
        let local = shown_local?;
        published.iter().find_map(|(r, c)| {
            let utc = r.utc?;
            (r.zone.as_deref() == Some("+00:00") && utc.naive_utc() == local).then(|| {
                (
                    Reading {
                        utc: shown.utc,
                        day: shown_day,
                        precision: r.precision,
                        assumed: true,
                        zone: shown.zone.clone(),
                    },
                    *c,
                    None,
                )
            })
        })
    };
    // The same instant shown with its own zone (`March 12, 2022 9:30 PM EST` beside
    // `2022-03-13T02:30:00Z`): the structured value, on the day the page shows.
    let same_instant = || {
        let shown_utc = shown.utc.filter(|_| !shown.assumed)?;
        published.iter().find_map(|(r, c)| {
            (r.utc? == shown_utc).then(|| {
                (
                    Reading {
                        day: shown_day,
                        ..r.clone()
                    },
                    *c,
                    None,
                )
            })
        })
    };
    pick(&published, None)
        .or_else(false_z)
        .or_else(same_instant)
        .or_else(|| pick(&read_all(modified), Some(best_day)))
}

#[cfg(test)]
mod tests;
