//! Date strings as pages and feeds write them, into a day, an optional time of day, a precision
//! and what the string says of its zone. No crate parses this range (BENCHMARKS.md, "Dates":
//! the candidates fail on ISO 8601 without seconds, hour-only offsets or Chinese forms, and
//! all of them read `CST` as US Central), so the forms are listed here, each a regex with its
//! reading; chrono does the calendar arithmetic.
//!
//! Forms: RFC 2822 (`Thu, 31 Mar 2022 20:30:00 CST`) and Java's `Date.toString()`
//! (`Thu Mar 31 20:30:00 CST 2022`); ISO 8601 extended with or without seconds, fractions and
//! offsets (`2022-03-07T16:10+08:00`, `…+08`, `…+0800`, `…Z`, a space for `T`, `UTC`/`GMT`
//! suffixes) and basic (`20220307`, `20220307T161000Z`); slashes and dots
//! (`2022/3/7 16:10`, `07.03.2022 16:10`, `03/07/2022`: day-first unless the month cannot be
//! the first field or the region reads month-first); Chinese (`2022年3月7日 下午4:10`,
//! `2022年03月07日16:10:42`, `2022-03-07 16时10分`); month names in English, German, French,
//! Spanish, Portuguese, Italian, Polish, Russian and Dutch (`March 7, 2022 10:30 AM`, `7. März 2022`,
//! `7 de marzo de 2022`, `7 marca 2022`, `7 марта 2022`); epoch seconds and milliseconds; relative dates
//! (`3小时前`, `昨天 10:20`, `2 hours ago`, `yesterday`), read against a crawl time.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveTime};
use std::sync::LazyLock;

/// How precise a value is: the `date_precision` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Minute,
    Second,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Minute => "minute",
            Precision::Second => "second",
        }
    }
}

/// What a value says of its zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZoneHint {
    /// An explicit offset: `+08:00`, `+0800`, `+08`, `Z`, `UTC`, `GMT`.
    Offset(FixedOffset),
    /// A zone abbreviation (`CST`, `CEST`, `EDT`), upper case, to resolve.
    Abbrev(String),
    /// Nothing: a local time in the document's zone.
    Naive,
}

/// A relative value, resolved against a crawl time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// So many seconds before the crawl (`3小时前`, `2 hours ago`).
    Ago(i64),
    /// A day relative to the crawl's day (`昨天` = −1), at a time if given.
    Day(i64, Option<NaiveTime>),
}

/// A parsed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// A calendar date, with a time of day when the value has one.
    Local {
        date: NaiveDate,
        time: Option<NaiveTime>,
        precision: Precision,
        zone: ZoneHint,
    },
    /// Seconds since the epoch (10 digits) or milliseconds (13).
    Epoch(chrono::DateTime<chrono::Utc>),
    Relative(Relative),
}

/// Whether `03/04/2022` is 3 April (day first, the default) or 4 March.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mrz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("okt", 10),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Polish (nominative and genitive)
    ("styczeń", 1),
    ("stycznia", 1),
    ("luty", 2),
    ("lutego", 2),
    ("marzec", 3),
    ("marca", 3),
    ("kwiecień", 4),
    ("kwietnia", 4),
    ("maj", 5),
    ("maja", 5),
    ("czerwiec", 6),
    ("czerwca", 6),
    ("lipiec", 7),
    ("lipca", 7),
    ("sierpień", 8),
    ("sierpnia", 8),
    ("wrzesień", 9),
    ("września", 9),
    ("październik", 10),
    ("października", 10),
    ("listopad", 11),
    ("listopada", 11),
    ("grudzień", 12),
    ("grudnia", 12),
    // Russian (genitive, as dates write them, and nominative)
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
];

fn month_of(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == n).map(|(_, v)| *v)
}

/// The month-name alternation, longest first.
fn month_alt() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(m, _)| *m).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    names.join("|")
}

const WEEKDAY: &str = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?,?";
/// A zone: an offset, or an abbreviation in capitals as a word of its own (case-sensitive inside
/// the case-insensitive forms: `2015-03-15 22:36:13 by duscha` has no zone `by`).
const ZONE: &str = r"(?P<zone>(?-i:Z|UTC|GMT|UT|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?|[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5}(?-u:\b)))";
const TIME: &str = r"(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?:[:：](?P<s>\d{2})(?:[.,]\d{1,9})?)?(?:\s*(?P<ampm>[aApP]\.?[mM]\.?))?";

/// The forms, each a regex (named groups: `y`, `mo`, `mon` (a name), `d`, `h`, `mi`, `s`,
/// `ampm`, `ap` (上午/下午), `zone`, and for relative forms `n`, `unit`, `rel`) and whether its
/// numeric fields are ambiguous in order.
struct Form {
    re: regex::Regex,
    anchored: regex::Regex,
    slash: bool,
}

fn form(pattern: &str, slash: bool) -> Form {
    Form {
        re: regex::Regex::new(&format!("(?i){pattern}")).expect("valid date form"),
        anchored: regex::Regex::new(&format!(r"(?i)^\s*(?:{pattern})\s*$"))
            .expect("valid date form"),
        slash,
    }
}

static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
    let mon = format!(r"(?P<mon>{})\.?", month_alt());
    vec![
        // ISO 8601 extended and its relatives: 2022-03-07[T ]16:10[:42[.5]][zone]
        form(
            &format!(
                r"(?P<y>\d{{4}})[-/.](?P<mo>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?:(?:T|\s+|\s*,\s*)(?:{TIME}))?\s*{ZONE}?"
            ),
            false,
        ),
        // ISO 8601 basic: 20220307[T161000[Z]]
        form(
            r"(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})(?:T(?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})?\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?",
            false,
        ),
        // Chinese: 2022年3月7日 [上午|下午…]4:10[:42] / 16时10分[42秒]
        form(
            r"(?P<y>\d{4})\s*年\s*(?P<mo>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*(?P<ap>上午|下午|晚上|早上|凌晨|中午|晚间|傍晚|早晨|夜间)?\s*(?P<h>\d{1,2})\s*[:：时點点]\s*(?P<mi>\d{1,2})?\s*分?(?:\s*[:：]?\s*(?P<s>\d{1,2})\s*秒?)?)?",
            false,
        ),
        // RFC 2822 and the like: [Thu, ]31 Mar 2022 [20:30[:00]] [zone]
        form(
            &format!(
                r"(?:{WEEKDAY}\s+)?(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th)?\s+(?:de\s+)?{mon},?\s+(?:de\s+)?(?P<y>\d{{4}})(?:\s*г(?:ода|\.)?)?(?:,?\s+(?:um\s+|at\s+|à\s+|às\s+|a\s+las\s+|o\s+|-\s+)?(?:{TIME})(?:\s*(?:Uhr|h))?)?\s*{ZONE}?"
            ),
            false,
        ),
        // Java Date.toString: Thu Mar 31 20:30:00 CST 2022
        form(
            &format!(
                r"(?:{WEEKDAY}\s+)?{mon}\s+(?P<d>\d{{1,2}})\s+{TIME}\s+{ZONE}\s+(?P<y>\d{{4}})"
            ),
            false,
        ),
        // Month first: March 7, 2022[, 10:30 AM] [zone]
        form(
            &format!(
                r"(?:{WEEKDAY}\s+)?{mon}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?:,?\s+(?:at\s+)?(?:{TIME}))?\s*{ZONE}?"
            ),
            false,
        ),
        // Numeric day/month/year: 07.03.2022 [16:10], 03/07/2022 [4:10 PM]
        form(
            &format!(
                r"(?P<d>\d{{1,2}})(?P<sep>[./-])(?P<mo>\d{{1,2}})(?P<sep2>[./-])(?P<y>\d{{4}})(?:,?\s+(?:um\s+|-\s+)?(?:{TIME})(?:\s*Uhr)?)?\s*{ZONE}?"
            ),
            true,
        ),
        // Numeric with a two-digit year, dotted and day first (German `23.09.22`, `6.11.22 um
        // 10:30`): 20yy.
        form(
            &format!(
                r"(?P<d>\d{{1,2}})\.(?P<mo>\d{{1,2}})\.(?P<yy>\d{{2}})(?:,?\s+(?:um\s+|-\s+)?(?:{TIME})(?:\s*Uhr)?)?"
            ),
            false,
        ),
        // Numeric with slashes and a two-digit year (American `3/12/22`, `03/12/22 2:05 PM`):
        // 20yy, day and month ordered as the four-digit form.
        form(
            &format!(
                r"(?P<d>\d{{1,2}})(?P<sep>/)(?P<mo>\d{{1,2}})(?P<sep2>/)(?P<yy>\d{{2}})(?:,?\s+(?:{TIME}))?\s*{ZONE}?"
            ),
            true,
        ),
        // Relative, Chinese: 3小时前, 刚刚, 昨天 10:20. Not inside a sentence: a relative word
        // followed by more words (`今日召开`, `30日前完成`) or a day after a month (`3月30日前`,
        // a deadline) is not a date display; see `in_sentence`.
        form(
            r"(?P<pre>月)?(?P<n>\d{1,3})\s*(?P<unit>秒|分钟|分鐘|小时|小時|天|日)前(?P<after>\p{Han}{1,2})?",
            false,
        ),
        form(
            &format!(
                r"(?P<rel>刚刚|剛剛|今天|今日|昨天|昨日|前天)(?:\s*(?:{TIME}))?(?P<after>\p{{Han}}{{1,2}})?"
            ),
            false,
        ),
        // Relative, English: 2 hours ago, yesterday [at 10:20]
        form(
            r"(?P<n>\d{1,3})\s+(?P<unit>second|minute|min|hour|day)s?\s+ago",
            false,
        ),
        form(
            &format!(r"(?P<rel>just now|today|yesterday)(?:,?\s+(?:at\s+)?(?:{TIME}))?"),
            false,
        ),
    ]
});

fn num(c: &regex::Captures, name: &str) -> Option<u32> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn offset_of(zone: &str) -> Option<ZoneHint> {
    let z = zone.trim();
    let upper = z.to_ascii_uppercase();
    if matches!(upper.as_str(), "Z" | "UTC" | "GMT" | "UT") {
        return Some(ZoneHint::Offset(FixedOffset::east_opt(0)?));
    }
    let signed = upper
        .strip_prefix("GMT")
        .or_else(|| upper.strip_prefix("UTC"))
        .unwrap_or(&upper);
    if let Some(rest) = signed.strip_prefix(['+', '-']) {
        let sign = if signed.starts_with('-') { -1 } else { 1 };
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        let (h, m) = match digits.len() {
            1 | 2 => (digits.parse::<i32>().ok()?, 0),
            3 => (
                digits[..1].parse::<i32>().ok()?,
                digits[1..].parse::<i32>().ok()?,
            ),
            4 => (
                digits[..2].parse::<i32>().ok()?,
                digits[2..].parse::<i32>().ok()?,
            ),
            _ => return None,
        };
        if h > 14 || m > 59 {
            return None;
        }
        return Some(ZoneHint::Offset(FixedOffset::east_opt(
            sign * (h * 3600 + m * 60),
        )?));
    }
    if upper.chars().all(|c| c.is_ascii_alphabetic()) && (2..=5).contains(&upper.len()) {
        return Some(ZoneHint::Abbrev(upper));
    }
    None
}

/// The time of day of a match, with 上午/下午 or AM/PM applied; its precision.
fn time_of(c: &regex::Captures) -> Option<Option<(NaiveTime, Precision)>> {
    let Some(h) = num(c, "h") else {
        return Some(None);
    };
    let mut h = h;
    let mi = num(c, "mi").unwrap_or(0);
    let s = num(c, "s");
    if let Some(ampm) = c.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        if h > 12 {
            return None;
        }
        h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    if let Some(ap) = c.name("ap") {
        h = match ap.as_str() {
            "下午" | "晚上" | "晚间" | "傍晚" | "夜间" if h < 12 => h + 12,
            "中午" if h < 6 => h + 12,
            "凌晨" if h == 12 => 0,
            _ => h,
        };
    }
    let precision = if s.is_some() {
        Precision::Second
    } else {
        Precision::Minute
    };
    let t = NaiveTime::from_hms_opt(h, mi, s.unwrap_or(0))?;
    Some(Some((t, precision)))
}

/// A relative form that is part of a sentence, not a date display: a day after a month
/// (`3月30日前`, before the 30th), or words that go on after it (`今日召开`, `30日前完成`) other
/// than the display's own `发布`/`更新` (`3小时前发布`).
fn in_sentence(c: &regex::Captures) -> bool {
    c.name("pre").is_some()
        || c.name("after")
            .is_some_and(|a| !["发布", "發佈", "发表", "發表", "更新"].contains(&a.as_str()))
}

fn read(c: &regex::Captures, slash: bool, order: DayOrder) -> Option<Parsed> {
    if (c.name("n").is_some() || c.name("rel").is_some()) && in_sentence(c) {
        return None;
    }
    if let Some(n) = num(c, "n") {
        let unit = c.name("unit")?.as_str().to_lowercase();
        let secs = match unit.as_str() {
            "秒" | "second" => 1,
            "分钟" | "分鐘" | "minute" | "min" => 60,
            "小时" | "小時" | "hour" => 3600,
            "天" | "日" | "day" => 86_400,
            _ => return None,
        };
        return Some(Parsed::Relative(Relative::Ago(n as i64 * secs)));
    }
    if let Some(rel) = c.name("rel") {
        let time = time_of(c)?.map(|(t, _)| t);
        return Some(Parsed::Relative(
            match rel.as_str().to_lowercase().as_str() {
                "刚刚" | "剛剛" | "just now" => Relative::Ago(0),
                "今天" | "今日" | "today" => Relative::Day(0, time),
                "昨天" | "昨日" | "yesterday" => Relative::Day(-1, time),
                "前天" => Relative::Day(-2, time),
                _ => return None,
            },
        ));
    }
    let y: i32 = match (c.name("y"), c.name("yy")) {
        (Some(y), _) => y.as_str().parse().ok()?,
        (None, yy) => 2000 + yy?.as_str().parse::<i32>().ok()?,
    };
    let d = num(c, "d")?;
    let mut mo = match c.name("mon") {
        Some(m) => month_of(m.as_str())?,
        None => num(c, "mo")?,
    };
    let mut d = d;
    if slash {
        // Numeric `a/b/yyyy`: `d` holds a, `mo` holds b.
        if c.name("sep").map(|m| m.as_str()) != c.name("sep2").map(|m| m.as_str()) {
            return None;
        }
        let (a, b) = (d, mo);
        let dotted = c.name("sep").is_some_and(|m| m.as_str() == ".");
        (d, mo) = if a > 12 || dotted {
            (a, b)
        } else if b > 12 || order == DayOrder::MonthFirst {
            (b, a)
        } else {
            (a, b)
        };
    }
    let date = NaiveDate::from_ymd_opt(y, mo, d)?;
    let time = time_of(c)?;
    let zone = match c.name("zone") {
        Some(z) if time.is_some() || z.as_str().len() > 1 => offset_of(z.as_str())?,
        _ => ZoneHint::Naive,
    };
    Some(match time {
        Some((t, precision)) => Parsed::Local {
            date,
            time: Some(t),
            precision,
            zone,
        },
        None => Parsed::Local {
            date,
            time: None,
            precision: Precision::Day,
            zone: ZoneHint::Naive,
        },
    })
}

/// Parse a whole value (a meta tag's content, a front-matter date).
pub fn parse(s: &str, order: DayOrder) -> Option<Parsed> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut owned = None;
    if s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        match s.len() {
            9 | 10 => return chrono::DateTime::from_timestamp(n, 0).map(Parsed::Epoch),
            12 | 13 => return chrono::DateTime::from_timestamp_millis(n).map(Parsed::Epoch),
            8 => {}
            // `20200305170200` (a `ptime` meta): the basic form with its `T` left out.
            14 => owned = Some(format!("{}T{}", &s[..8], &s[8..])),
            _ => return None,
        }
    }
    let s = dot_time(owned.as_deref().unwrap_or(s));
    FORMS.iter().find_map(|f| {
        let c = f.anchored.captures(&s)?;
        read(&c, f.slash, order)
    })
}

/// A time written with a dot after a date's year (`Thursday 5 March 2020 17.02 GMT`, the
/// Guardian's) as with a colon; other text unchanged.
fn dot_time(s: &str) -> std::borrow::Cow<'_, str> {
    static DOT: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(\d{4},?\s+)(\d{1,2})\.(\d{2})(\s+[A-Z]{2,5}(?-u:\b)|\s*$)")
            .expect("valid")
    });
    DOT.replace_all(s, "$1$2:$3$4")
}

/// Whether the date at `start..end` of `text` is the adverbial opening a sentence of running
/// text (`On March 12, 2022, the council took up…`, `Am 12. März 2022 hat der Stadtrat…`,
/// `Le 12 mars 2022, le conseil…`): only a preposition before it on its line, and words going
/// on after it, not a separator (`On March 12, 2022 | By Jane Doe`) or the line's end. Such a
/// date is a fact the article reports, not a dateline.
fn opens_sentence(text: &str, start: usize, end: usize) -> bool {
    static PREPOSITION: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)^\s*(?:on|since|until|from|am|vom|seit|bis|le|depuis|el|desde|hasta|il|dal|op|em|w|dnia)\s*$")
            .expect("valid")
    });
    static GOES_ON: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"^,?\s*(\p{Ll}+)").expect("valid"));
    // Words that go on a date line, not a sentence: a byline, a time, a place.
    const LINE_WORDS: [&str; 12] = [
        "by", "von", "par", "por", "przez", "at", "um", "à", "a", "o", "in", "im",
    ];
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    PREPOSITION.is_match(&text[line_start..start])
        && GOES_ON
            .captures(&text[end..])
            .is_some_and(|c| !LINE_WORDS.contains(&&c[1]))
}

/// Whether the date at `start` of `text` stands inside a sentence of running text (`Die
/// Anhörung ist für den 12. März 2022 angesetzt.`, `L'audience aura lieu le 12 mars 2022 à la
/// mairie.`, `The hearing will take place March 12, 2022 at city hall.`): three words or more
/// come before it on its line, the last of them in lower case, and the line ends as a sentence
/// does — or four words or more come before it (the start of a long line, cut). No
/// publication label or author word is among them (`This article was posted on …`), and they
/// are no byline (`By … on March 12, 2022.`). Such a date is something the article reports.
/// Letters with case only: Chinese text is not judged.
fn inside_sentence(text: &str, start: usize) -> bool {
    static LABEL: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)(?:published|posted|updated|veröffentlicht|aktualisiert|erschien|erschienen|publié|publicado|actualizado|appears|appeared|print|stand|datum|date|written|geschrieben|verfasst|author|autor|écrit|escrito)")
            .expect("valid")
    });
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let before = &text[line_start..start];
    let words: Vec<&str> = before
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    words.len() >= 3
        && words.last().is_some_and(|w| {
            w.chars().all(|c| c.is_lowercase() || !c.is_alphabetic())
                && w.chars().any(char::is_lowercase)
        })
        // The line ends as a sentence does, or is the start of a longer line cut off
        // (a dateline's place) with more words before the date than a dateline has.
        && (text[start..line_end]
            .trim_end()
            .ends_with(['.', '!', '?'])
            || words.len() >= 4)
        && !LABEL.is_match(before)
        // A byline (`By Anna Schulz and Peter Meyer on March 12, 2022.`).
        && !matches!(
            words[0].to_lowercase().as_str(),
            "by" | "von" | "par" | "por" | "przez"
        )
}

/// Find the first date in running text (a date line, a byline: `发布时间：2022-03-07 16:10
/// 来源：…`); returns the parsed value and the matched text. Dates that open a sentence
/// ([`opens_sentence`]) or stand inside one ([`inside_sentence`]) are passed over.
pub fn find_in_text(text: &str, order: DayOrder) -> Option<(Parsed, String)> {
    let text = &*dot_time(text);
    let mut best: Option<(usize, usize, Parsed)> = None;
    for f in FORMS.iter() {
        for c in f.re.captures_iter(text) {
            let m = c.get(0).expect("whole match");
            // Whole numbers only: not the middle of a longer digit run.
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(|c| c.is_ascii_digit())
                || after.is_some_and(|c| c.is_ascii_digit())
            {
                continue;
            }
            if opens_sentence(text, m.start(), m.end()) || inside_sentence(text, m.start()) {
                continue;
            }
            let Some(p) = read(&c, f.slash, order) else {
                continue;
            };
            if let Parsed::Local { date, .. } = &p
                && !(1990..=2100).contains(&date.year())
            {
                continue;
            }
            let better = match &best {
                None => true,
                Some((start, len, _)) => {
                    m.start() < *start || (m.start() == *start && m.len() > *len)
                }
            };
            if better {
                best = Some((m.start(), m.len(), p));
            }
            break;
        }
    }
    best.map(|(start, len, p)| (p, text[start..start + len].to_string()))
}
