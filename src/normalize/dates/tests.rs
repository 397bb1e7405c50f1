//! Table-driven tests of date reading: each row a value as sites write it, the zone of the
//! document, and what must come out (UTC instant, day, precision, status).

use super::*;
use crate::body::{DateCandidate, DateSource};

fn rules() -> DateRules {
    let text = format!(
        "{}\n",
        r#"
default_zone: Asia/Shanghai
zone_by_site: {"Bing 壁纸": UTC}
zone_by_region: {cn: Asia/Shanghai, de: Europe/Berlin, ar: America/Argentina/Buenos_Aires, us: America/New_York, co: America/Bogota}
zone_by_language: {zh: Asia/Shanghai, de: Europe/Berlin}
month_first_regions: [us]
zone_abbreviations:
  CST: {Asia/Shanghai: "+08:00", America/Chicago: "-06:00", America/Havana: "-05:00"}
  IST: {Asia/Kolkata: "+05:30", Europe/Dublin: "+01:00"}
  CEST: {Europe/Berlin: "+02:00"}
  CET: {Europe/Berlin: "+01:00"}
  EDT: {America/New_York: "-04:00"}
  EST: {America/New_York: "-05:00"}
  JST: {Asia/Tokyo: "+09:00"}
naive_formats: ['%d.%m.%y %H:%M']
"#
    );
    let cfg: DatesConfig = crate::yaml::parse_typed(&text).unwrap();
    DateRules::compile(&cfg, &mut |k, r| panic!("{k}: {r}")).unwrap()
}

const SH: Option<&str> = Some("Asia/Shanghai");

/// (value, zone of the document or None, expected UTC instant or "", day, precision, status).
type Case = (
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const CASES: &[Case] = &[
    // RFC 2822, feeds
    ("Mon, 07 Mar 2022 08:10:42 GMT", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "ok"),
    ("Mon, 07 Mar 2022 16:10:42 +0800", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "ok"),
    ("Sat, 24 Apr 2021 23:23:17 GMT", SH, "2021-04-24T23:23:17Z", "2021-04-25", "second", "ok"),
    ("Thu, 31 Mar 2022 20:30:00 GMT", None, "2022-03-31T20:30:00Z", "2022-03-31", "second", "ok"),
    ("24 Apr 2021 23:23 GMT", SH, "2021-04-24T23:23:00Z", "2021-04-25", "minute", "ok"),
    ("Fri, 13 May 2022 00:00:00 UT", SH, "2022-05-13T00:00:00Z", "2022-05-13", "second", "ok"),
    // zone abbreviations: CST in a Chinese feed is +08:00 (ambiguous: assumed)
    ("Thu, 31 Mar 2022 20:30:00 CST", SH, "2022-03-31T12:30:00Z", "2022-03-31", "second", "assumed_zone"),
    ("Thu Mar 31 20:30:00 CST 2022", SH, "2022-03-31T12:30:00Z", "2022-03-31", "second", "assumed_zone"),
    ("Thu, 31 Mar 2022 20:30:00 CST", Some("America/Chicago"), "2022-04-01T02:30:00Z", "2022-03-31", "second", "assumed_zone"),
    ("Thu, 31 Mar 2022 20:30:00 CEST", None, "2022-03-31T18:30:00Z", "2022-03-31", "second", "ok"),
    ("Wed, 02 Nov 2022 09:15:00 EDT", None, "2022-11-02T13:15:00Z", "2022-11-02", "second", "ok"),
    ("Mon, 05 Dec 2022 09:15:00 EST", None, "2022-12-05T14:15:00Z", "2022-12-05", "second", "ok"),
    ("Thu, 31 Mar 2022 20:30:00 IST", None, "2022-03-31T15:00:00Z", "2022-03-31", "second", "assumed_zone"),
    ("Thu, 31 Mar 2022 20:30:00 JST", None, "2022-03-31T11:30:00Z", "2022-03-31", "second", "ok"),
    ("Thu, 31 Mar 2022 20:30:00 XYZ", SH, "", "", "", "unparsed"),
    ("Tue Mar 01 09:30:00 CET 2022", None, "2022-03-01T08:30:00Z", "2022-03-01", "second", "ok"),
    // ISO 8601 extended
    ("2022-03-07T16:10:42+08:00", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "ok"),
    ("2022-03-07T16:10+08:00", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "ok"),
    ("2022-03-07T16:10:42+08", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "ok"),
    ("2022-03-07T16:10+0800", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "ok"),
    ("2022-03-07T08:10:42Z", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "ok"),
    ("2022-03-07T08:10:42.123Z", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "ok"),
    ("2022-03-07T08:10:42.123456+01:00", None, "2022-03-07T07:10:42Z", "2022-03-07", "second", "ok"),
    ("2022-03-07 16:10:42 +0800", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "ok"),
    ("2022-03-07 08:10:42 UTC", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "ok"),
    ("2022-03-07 08:10 GMT", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "ok"),
    ("2022-03-07T23:30:00Z", SH, "2022-03-07T23:30:00Z", "2022-03-08", "second", "ok"),
    ("2022-03-07T23:30:00Z", None, "2022-03-07T23:30:00Z", "2022-03-07", "second", "ok"),
    ("2022-05-04T03:37:37+00:00", Some("America/Bogota"), "2022-05-04T03:37:37Z", "2022-05-03", "second", "ok"),
    ("2022-03-07T16:10:42-05:00", None, "2022-03-07T21:10:42Z", "2022-03-07", "second", "ok"),
    ("2022-03-07T16:10:42GMT+08:00", None, "2022-03-07T08:10:42Z", "2022-03-07", "second", "ok"),
    // naive date-times: the document's zone, assumed
    ("2022-03-07 16:10:42", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "assumed_zone"),
    ("2021-04-11 00:30:33", SH, "2021-04-10T16:30:33Z", "2021-04-11", "second", "assumed_zone"),
    ("2021-04-11 00:30:33", Some("UTC"), "2021-04-11T00:30:33Z", "2021-04-11", "second", "assumed_zone"),
    ("2022-03-07 16:10", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022-03-07T16:10:42", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "assumed_zone"),
    ("2022/03/07 16:10", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022/3/7 9:05:01", SH, "2022-03-07T01:05:01Z", "2022-03-07", "second", "assumed_zone"),
    ("2022.03.07 16:10", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022-03-07, 16:10", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022-03-27 02:30:00", Some("Europe/Berlin"), "2022-03-27T01:30:00Z", "2022-03-27", "second", "assumed_zone"),
    // a day is a day: no instant, same calendar day whatever the zone
    ("2022-03-01", SH, "", "2022-03-01", "day", "ok"),
    ("2022-03-01", None, "", "2022-03-01", "day", "ok"),
    ("2022/3/1", SH, "", "2022-03-01", "day", "ok"),
    ("2022.03.01", SH, "", "2022-03-01", "day", "ok"),
    ("20220307", SH, "", "2022-03-07", "day", "ok"),
    // a two-digit year, dotted and day first (German sites: `23.09.22`, `6.11.22`)
    ("23.09.22", None, "", "2022-09-23", "day", "ok"),
    // German abbreviations of March
    ("12. Mär. 2022", None, "", "2022-03-12", "day", "ok"),
    ("12. Mrz 2022", None, "", "2022-03-12", "day", "ok"),
    ("6.11.22", None, "", "2022-11-06", "day", "ok"),
    ("6.11.22 um 10:30 Uhr", Some("Europe/Berlin"), "2022-11-06T09:30:00Z", "2022-11-06", "minute", "assumed_zone"),
    ("31.02.22", None, "", "", "", "unparsed"),
    ("1.2.3", None, "", "", "", "unparsed"),
    ("192.168.1.10", None, "", "", "", "unparsed"),
    ("20220307T161000Z", SH, "2022-03-07T16:10:00Z", "2022-03-08", "second", "ok"),
    ("2022-11-1", None, "", "2022-11-01", "day", "ok"),
    // Chinese
    ("2022年03月07日 16:10", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022年3月7日 16:10:42", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "assumed_zone"),
    ("2022年03月07日16:10", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022年3月7日", SH, "", "2022-03-07", "day", "ok"),
    ("2022年3月7日 下午4:10", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022年3月7日 上午9:05", SH, "2022-03-07T01:05:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022年3月7日 晚上8点30分", SH, "2022-03-07T12:30:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022年3月7日 16时10分", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022年3月7日 星期一 16:10", SH, "2022-03-07T08:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022年3月7日 凌晨12:30", SH, "2022-03-06T16:30:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("2022年3月7日 中午1:15", SH, "2022-03-07T05:15:00Z", "2022-03-07", "minute", "assumed_zone"),
    // month names
    ("March 7, 2022", None, "", "2022-03-07", "day", "ok"),
    ("March 7, 2022 10:30 AM", Some("America/New_York"), "2022-03-07T15:30:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("Mar 7, 2022, 4:10 PM EST", None, "2022-03-07T21:10:00Z", "2022-03-07", "minute", "ok"),
    ("Monday, March 7th, 2022", None, "", "2022-03-07", "day", "ok"),
    ("7 March 2022", None, "", "2022-03-07", "day", "ok"),
    ("7th March 2022 16:10", Some("UTC"), "2022-03-07T16:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("7. März 2022", Some("Europe/Berlin"), "", "2022-03-07", "day", "ok"),
    ("7. März 2022, 16:10 Uhr", Some("Europe/Berlin"), "2022-03-07T15:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("Montag, 7. März 2022 um 16:10", Some("Europe/Berlin"), "2022-03-07T15:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("7 de marzo de 2022", None, "", "2022-03-07", "day", "ok"),
    ("7 de marzo de 2022 - 16:10", Some("America/Argentina/Buenos_Aires"), "2022-03-07T19:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("7 mars 2022", None, "", "2022-03-07", "day", "ok"),
    ("7 de março de 2022", None, "", "2022-03-07", "day", "ok"),
    ("7 marca 2022", None, "", "2022-03-07", "day", "ok"),
    ("7 października 2022", None, "", "2022-10-07", "day", "ok"),
    ("7 maggio 2022", None, "", "2022-05-07", "day", "ok"),
    ("7 maart 2022", None, "", "2022-03-07", "day", "ok"),
    ("7 марта 2022", None, "", "2022-03-07", "day", "ok"),
    ("Monday 7 March 2022 16.10 GMT", None, "2022-03-07T16:10:00Z", "2022-03-07", "minute", "ok"),
    ("20220307161000", SH, "2022-03-07T08:10:00Z", "2022-03-07", "second", "assumed_zone"),
    ("7 Мая 2022 г., 16:10", Some("Europe/Moscow"), "2022-05-07T13:10:00Z", "2022-05-07", "minute", "assumed_zone"),
    // numeric day/month order
    ("07.03.2022", Some("Europe/Berlin"), "", "2022-03-07", "day", "ok"),
    ("07.03.2022 16:10", Some("Europe/Berlin"), "2022-03-07T15:10:00Z", "2022-03-07", "minute", "assumed_zone"),
    ("07/03/2022", None, "", "2022-03-07", "day", "ok"),
    ("13/03/2022", None, "", "2022-03-13", "day", "ok"),
    ("03/13/2022", None, "", "2022-03-13", "day", "ok"),
    ("07-03-2022", None, "", "2022-03-07", "day", "ok"),
    ("07/03-2022", None, "", "", "", "unparsed"),
    // site formats from config
    ("07.03.22 16:10", SH, "2022-03-07T08:10:00Z", "2022-03-07", "second", "assumed_zone"),
    // epochs
    ("1646640642", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "ok"),
    ("1646640642000", SH, "2022-03-07T08:10:42Z", "2022-03-07", "second", "ok"),
    ("12345", SH, "", "", "", "unparsed"),
    // not dates, or not plausible
    ("Invalid Date", SH, "", "", "", "unparsed"),
    ("undefined", SH, "", "", "", "unparsed"),
    ("../../tmp", SH, "", "", "", "unparsed"),
    ("Sat, 04 Apr 2189 00:00:00 GMT", SH, "", "", "", "implausible"),
    ("1899-12-31", SH, "", "", "", "implausible"),
    ("2022-02-30", SH, "", "", "", "unparsed"),
    ("2022-13-01 10:00", SH, "", "", "", "unparsed"),
    ("2022-03-07T25:10:00Z", SH, "", "", "", "unparsed"),
    // relative dates without a crawl time
    ("3小时前", SH, "", "", "", "unparsed"),
];

/// A date candidate: `value` from `source`.
fn cand(value: &str, source: DateSource) -> DateCandidate {
    DateCandidate {
        value: value.into(),
        source,
    }
}

/// The date chosen from one structured `value` and the date line `shown` on the same page.
fn beside_shown(
    value: DateCandidate,
    shown: &str,
    zone: Option<Tz>,
    order: DayOrder,
    r: &DateRules,
) -> NormalizedDate {
    choose(
        &[value, cand(shown, DateSource::Text)],
        &[],
        zone,
        order,
        &Clock::default(),
        r,
    )
}

fn zone(z: Option<&str>) -> Option<Tz> {
    z.map(|z| z.parse().unwrap())
}

fn region(z: Option<&str>) -> Option<&'static str> {
    (z == Some("America/New_York")).then_some("us")
}

#[test]
fn every_form_and_zone_case() {
    let r = rules();
    assert!(CASES.len() >= 80, "{} cases", CASES.len());
    let mut failures = Vec::new();
    for (value, z, utc, day, precision, status) in CASES {
        let c = [DateCandidate {
            value: value.to_string(),
            source: DateSource::ArticleMeta,
        }];
        let d = choose(
            &c,
            &[],
            zone(*z),
            r.day_order(region(*z), None),
            &Clock::default(),
            &r,
        );
        let got = (
            d.utc
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default(),
            d.day.map(|d| d.to_string()).unwrap_or_default(),
            d.precision.map(|p| p.as_str()).unwrap_or_default(),
            d.status.as_str(),
        );
        let want = (utc.to_string(), day.to_string(), *precision, *status);
        if got != want {
            failures.push(format!("{value:?} in {z:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn relative_dates_read_against_the_crawl_time() {
    let r = rules();
    let clock = Clock {
        crawled: Some("2022-03-07T08:00:00Z".parse().unwrap()),
        file_modified: None,
    };
    let one = |v: &str| {
        choose(
            &[DateCandidate {
                value: v.into(),
                source: DateSource::Text,
            }],
            &[],
            zone(SH),
            DayOrder::DayFirst,
            &clock,
            &r,
        )
    };
    let d = one("3小时前");
    assert_eq!(d.utc.unwrap().to_rfc3339(), "2022-03-07T05:00:00+00:00");
    let d = one("昨天 10:20");
    assert_eq!(d.utc.unwrap().to_rfc3339(), "2022-03-06T02:20:00+00:00");
    assert_eq!(d.day.unwrap().to_string(), "2022-03-06");
    let d = one("3小时前发布");
    assert_eq!(d.utc.unwrap().to_rfc3339(), "2022-03-07T05:00:00+00:00");
    let d = one("发布时间：今天 14:30");
    assert_eq!(d.utc.unwrap().to_rfc3339(), "2022-03-07T06:30:00+00:00");
    // Inside a sentence they are not dates: `today` of the story, a deadline.
    for sentence in [
        "新华社北京3月7日电 国务院今日召开常务会议",
        "相关工作须于3月30日前完成",
        "各地应在30日前完成排查",
        "他昨天表示将继续推进",
    ] {
        let d = one(sentence);
        assert_eq!((d.day, d.utc), (None, None), "{sentence}");
    }
    // Words after a time are no zone: only capitals are an abbreviation (`by duscha` is the
    // poster; `CST` is one).
    let d = one("发布时间 2022/03/06 22:36:13 by duscha");
    assert_eq!(d.utc.unwrap().to_rfc3339(), "2022-03-06T14:36:13+00:00");
    let d = one("posted 2022-03-06 22:36 via web");
    assert_eq!(d.utc.unwrap().to_rfc3339(), "2022-03-06T14:36:00+00:00");
    let d = one("Posted on 2022-03-06 22:36:13 BY DUSCHA");
    assert_eq!(d.utc.unwrap().to_rfc3339(), "2022-03-06T14:36:13+00:00");
    let d = one("2022-03-06 22:36 CST");
    assert_eq!(d.utc.unwrap().to_rfc3339(), "2022-03-06T14:36:00+00:00");
    let d = one("2 hours ago");
    assert_eq!(d.utc.unwrap().to_rfc3339(), "2022-03-07T06:00:00+00:00");
    // After the crawl: implausible.
    assert_eq!(one("2022-03-12 10:00").status, DateStatus::Implausible);
}

#[test]
fn sources_are_ranked_and_a_day_is_refined_by_a_precise_time() {
    let r = rules();
    let c = cand;
    // A date-only generic meta placed first does not win over article meta.
    let d = choose(
        &[
            c("2022-03-06", DateSource::GenericMeta),
            c("2022-03-07T16:10:00+08:00", DateSource::ArticleMeta),
        ],
        &[],
        zone(SH),
        DayOrder::DayFirst,
        &Clock::default(),
        &r,
    );
    assert_eq!(d.source, Some(DateSource::ArticleMeta));
    assert_eq!(d.day.unwrap().to_string(), "2022-03-07");
    // A day from JSON-LD, the time of that day from <time>.
    let d = choose(
        &[
            c("2022-03-07", DateSource::JsonLd),
            c("2022-03-07T16:10+08:00", DateSource::TimeElement),
        ],
        &[],
        zone(SH),
        DayOrder::DayFirst,
        &Clock::default(),
        &r,
    );
    assert_eq!(d.precision, Some(Precision::Minute));
    assert_eq!(d.source, Some(DateSource::TimeElement));
    // An unparsable better source gives way to a worse one that parses.
    let d = choose(
        &[
            c("Invalid Date", DateSource::FrontMatter),
            c(
                "发布时间：2022年03月07日 16:10 来源：示例网",
                DateSource::Text,
            ),
        ],
        &[],
        zone(SH),
        DayOrder::DayFirst,
        &Clock::default(),
        &r,
    );
    assert_eq!(d.source, Some(DateSource::Text));
    assert_eq!(d.utc.unwrap().to_rfc3339(), "2022-03-07T08:10:00+00:00");
    // From visible text, `date_raw` is the date as written, not the lines around it.
    assert_eq!(d.raw.as_deref(), Some("2022年03月07日 16:10"));
    // Nothing given: missing.
    assert_eq!(
        choose(
            &[],
            &[],
            zone(SH),
            DayOrder::DayFirst,
            &Clock::default(),
            &r
        )
        .status,
        DateStatus::Missing
    );
}

#[test]
fn the_date_the_page_shows_decides_between_its_metadata() {
    let r = rules();
    let c = cand;
    let pick = |published: &[DateCandidate], modified: &[DateCandidate]| {
        let d = choose(
            published,
            modified,
            None,
            DayOrder::DayFirst,
            &Clock::default(),
            &r,
        );
        (d.day.map(|d| d.to_string()).unwrap_or_default(), d.source)
    };
    // The same instant in two zones: JSON-LD's local evening, article meta's UTC morning; the
    // page shows the UTC day.
    let meta = [
        c("2022-05-06T02:00:00Z", DateSource::ArticleMeta),
        c("2022-05-05T21:00:00-05:00", DateSource::JsonLd),
    ];
    let shows = |text: &str| {
        let mut v = meta.to_vec();
        v.push(c(text, DateSource::Text));
        v
    };
    assert_eq!(
        pick(&shows("6 May 2022 - 2:00 a. m."), &[]),
        ("2022-05-06".into(), Some(DateSource::ArticleMeta))
    );
    // Showing JSON-LD's day, or no date, or a day no value gives (the site header's today):
    // the ranking stands.
    for text in [
        "5 de mayo de 2022",
        "Kommentare (3)",
        "Miércoles, 11 de Mayo de 2022",
    ] {
        assert_eq!(
            pick(&shows(text), &[]),
            ("2022-05-05".into(), Some(DateSource::JsonLd)),
            "{text}"
        );
    }
    // A republished article: published 2021, modified and shown 2023.
    let published = [
        c("2021-11-22T18:42:22+01:00", DateSource::JsonLd),
        c("1. Januar 2023", DateSource::Text),
    ];
    let modified = [c("2023-01-01T10:00:00+01:00", DateSource::JsonLd)];
    assert_eq!(
        pick(&published, &modified),
        ("2023-01-01".into(), Some(DateSource::JsonLd))
    );
    // Not an edit older than the publication, nor one the page does not show.
    let shown_old = [
        c("2022-12-25T10:00:00+01:00", DateSource::JsonLd),
        c("7. Dezember 2022", DateSource::Text),
    ];
    let older = [c("2022-12-07T10:00:00+01:00", DateSource::JsonLd)];
    assert_eq!(pick(&shown_old, &older).0, "2022-12-25");
    assert_eq!(pick(&published[..1], &modified).0, "2021-11-22");
    // Front matter is never overruled by what the page shows.
    let post = [
        c("2022-03-07 16:10:00", DateSource::FrontMatter),
        c("2022-03-08T09:00:00+08:00", DateSource::ArticleMeta),
        c("2022年03月08日", DateSource::Text),
    ];
    assert_eq!(
        choose(
            &post,
            &[],
            zone(SH),
            DayOrder::DayFirst,
            &Clock::default(),
            &r
        )
        .source,
        Some(DateSource::FrontMatter)
    );
}

#[test]
fn zones_by_site_region_and_language() {
    let r = rules();
    let z = |site: Option<&str>, url: Option<&str>, lang: Option<&str>| {
        r.zone_for(&DocZone {
            site,
            feed: None,
            url,
            language: lang,
        })
        .0
        .map(|z| z.name().to_string())
    };
    assert_eq!(z(Some("Bing 壁纸"), None, None).as_deref(), Some("UTC"));
    assert_eq!(
        z(None, Some("https://www.clarin.com.ar/x"), None).as_deref(),
        Some("America/Argentina/Buenos_Aires")
    );
    assert_eq!(
        z(None, None, Some("es-CO")).as_deref(),
        Some("America/Bogota")
    );
    assert_eq!(
        z(None, Some("https://example.com/"), Some("de")).as_deref(),
        Some("Europe/Berlin")
    );
    assert_eq!(z(None, Some("https://example.com/"), Some("en")), None);
}

#[test]
fn bad_date_rules_are_reported() {
    let cfg = DatesConfig {
        default_zone: "Nowhere/City".into(),
        naive_formats: vec!["%Y-%Q".into()],
        zone_abbreviations: [(
            "XST".to_string(),
            [("Asia/Shanghai".to_string(), "8 hours".to_string())].into(),
        )]
        .into(),
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
            "dates.zone_abbreviations.XST.Asia/Shanghai",
            "dates.naive_formats[0]",
            "dates.min_year"
        ]
    );
}

#[test]
fn a_utc_value_that_is_the_local_time_the_page_shows_has_a_false_z() {
    let r = rules();
    let pick = |shown: &str| {
        let d = beside_shown(
            cand("2022-03-12T23:30:00Z", DateSource::JsonLd),
            shown,
            zone(Some("Europe/Berlin")),
            DayOrder::DayFirst,
            &r,
        );
        (
            d.day.unwrap().to_string(),
            d.utc.unwrap().to_rfc3339(),
            d.status,
        )
    };
    // The page shows 23:30 on the 12th, the value says 23:30Z: local time with a false Z.
    assert_eq!(
        pick("12.03.2022, 23:30 Uhr"),
        (
            "2022-03-12".into(),
            "2022-03-12T22:30:00+00:00".into(),
            DateStatus::AssumedZone
        )
    );
    // The page shows 00:30 on the 13th: the Z is true, the day is Berlin's.
    assert_eq!(
        pick("13.03.2022, 00:30 Uhr"),
        (
            "2022-03-13".into(),
            "2022-03-12T23:30:00+00:00".into(),
            DateStatus::Ok
        )
    );
    // Another time that day, or a day only: no evidence, the UTC instant stands.
    for shown in ["12.03.2022, 21:00 Uhr", "12.03.2022"] {
        assert_eq!(
            pick(shown),
            (
                "2022-03-13".into(),
                "2022-03-12T23:30:00+00:00".into(),
                DateStatus::Ok
            ),
            "{shown}"
        );
    }
}

#[test]
fn the_same_instant_shown_with_its_zone_gives_the_day_shown() {
    let r = rules();
    let pick = |shown: &str| {
        let d = beside_shown(
            cand("2022-03-13T02:30:00Z", DateSource::ArticleMeta),
            shown,
            None,
            DayOrder::MonthFirst,
            &r,
        );
        (d.day.unwrap().to_string(), d.utc.unwrap().to_rfc3339())
    };
    // 9:30 PM EST on the 12th is 02:30 UTC on the 13th: the page's day, the instant kept.
    assert_eq!(
        pick("March 12, 2022 9:30 PM EST"),
        ("2022-03-12".into(), "2022-03-13T02:30:00+00:00".into())
    );
    // Another instant, or a day without a zone: the value's UTC day stands.
    for shown in ["March 12, 2022 8:00 PM EST", "March 12, 2022"] {
        assert_eq!(
            pick(shown),
            ("2022-03-13".into(), "2022-03-13T02:30:00+00:00".into()),
            "{shown}"
        );
    }
}
