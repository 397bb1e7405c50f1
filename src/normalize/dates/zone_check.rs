//! Cross-check of naive dates against the day and part of day a document's lead states
//! (issue 16, naive feed dates).
//!
//! RSSHub writes some feeds' dates without a zone; newsetl reads them in the site's zone
//! (`dates.zone_by_site`, else the default) and flags them `assumed_zone`. When that zone is
//! wrong — a feed that writes UTC read as Beijing time — every value of the site is hours off,
//! silently. The lead of a news post often states the day and part of day of what it reports
//! (`3月7日下午，…`, `7日晚间`). A post cannot be published before the part of day it reports
//! on the same day, nor on the day before it: such a post *disagrees* with its date's zone. One
//! disagreement is noise (a preview of a meeting "this afternoon"); a site whose posts mostly
//! disagree has a misconfigured zone, which the run report names
//! ([`crate::pipeline::RunSummary::date_zone_checks`]). Values are never rewritten.

use chrono::{Datelike, NaiveDateTime, Timelike};
use regex::Regex;
use std::sync::LazyLock;

/// How many characters of the body's start are read: the lead, where the day is stated.
pub const LEAD_CHARS: usize = 200;

/// Parts of day and the hour each starts at (Chinese usage, simplified and traditional).
const PARTS: [(&str, u32); 15] = [
    ("凌晨", 0),
    ("清晨", 5),
    ("早上", 5),
    ("早晨", 5),
    ("上午", 6),
    ("中午", 11),
    ("午间", 11),
    ("午間", 11),
    ("下午", 12),
    ("傍晚", 17),
    ("晚间", 18),
    ("晚間", 18),
    ("晚上", 18),
    ("夜间", 18),
    ("深夜", 21),
];

/// Whether a document whose date was written `local` (a naive date-time, as read in the assumed
/// zone) agrees with the day and part of day stated at the start of its body (`lead`, its first
/// [`LEAD_CHARS`] characters): `Some(false)` when it was published before the stated part of
/// day began, or on the day before the stated day; `Some(true)` when the stated day is the
/// publication day and the time is after that part began; `None` when the lead states no day
/// and part of day, or a day other than the publication day and the next.
pub fn check(local: NaiveDateTime, lead: &str) -> Option<bool> {
    static STATED: LazyLock<Regex> = LazyLock::new(|| {
        let parts: Vec<&str> = PARTS.iter().map(|(p, _)| *p).collect();
        Regex::new(&format!(
            r"(?:(?P<mo>\d{{1,2}})\s*月\s*)?(?P<d>\d{{1,2}})\s*日\s*(?P<part>{})",
            parts.join("|")
        ))
        .expect("valid")
    });
    let end = lead
        .char_indices()
        .nth(LEAD_CHARS)
        .map_or(lead.len(), |(i, _)| i);
    let c = STATED.captures(&lead[..end])?;
    // An announcement (`将于7日下午举行`) states a time still to come.
    let before = &lead[..c.get(0)?.start()];
    if [
        "将于",
        "将在",
        "定于",
        "拟于",
        "计划于",
        "預定",
        "將於",
        "將在",
    ]
    .iter()
    .any(|w| before.ends_with(w))
    {
        return None;
    }
    let day: u32 = c["d"].parse().ok()?;
    let month: Option<u32> = c.name("mo").and_then(|m| m.as_str().parse().ok());
    let starts = PARTS.iter().find(|(p, _)| *p == &c["part"])?.1;
    let date = local.date();
    let next = date.succ_opt()?;
    let is = |d: chrono::NaiveDate| d.day() == day && month.is_none_or(|m| m == d.month());
    if is(date) {
        Some(local.hour() >= starts)
    } else if is(next) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
    }

    #[test]
    fn a_post_is_not_published_before_the_part_of_day_it_reports() {
        let lead = "新华社北京3月7日电 3月7日下午，国务院新闻办公室举行发布会。";
        // Written 18:30: after the afternoon began.
        assert_eq!(check(at("2022-03-07 18:30"), lead), Some(true));
        // Written 10:30 (a feed writing UTC read as Beijing time: 18:30 there): before it.
        assert_eq!(check(at("2022-03-07 10:30"), lead), Some(false));
        // Written the day before the day it reports.
        assert_eq!(
            check(at("2022-03-06 23:10"), "7日凌晨，一场大雪覆盖全城。"),
            Some(false)
        );
        // Day of month only; traditional characters.
        assert_eq!(
            check(at("2022-03-07 21:00"), "7日晚間，警方拘捕兩人。"),
            Some(true)
        );
        assert_eq!(
            check(at("2022-03-07 09:00"), "7日晚間，警方拘捕兩人。"),
            Some(false)
        );
        // Another month's 7th, another day, or no part of day: nothing to check.
        assert_eq!(
            check(at("2022-03-07 09:00"), "2月7日下午，会议召开。"),
            None
        );
        assert_eq!(check(at("2022-03-07 09:00"), "5日下午，会议召开。"), None);
        assert_eq!(check(at("2022-03-07 09:00"), "3月7日，会议召开。"), None);
        // An announcement of what is to come that day.
        assert_eq!(
            check(at("2022-03-07 08:00"), "发布会将于7日下午举行。"),
            None
        );
        // Beyond the lead: not read.
        let long = format!("{}7日下午会议召开。", "正文".repeat(120));
        assert_eq!(check(at("2022-03-07 09:00"), &long), None);
    }
}
