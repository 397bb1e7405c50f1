//! Print the page metadata of each whole HTML page given (UTF-8 only), as JSON: every date
//! candidate with its source and the day it reads as written (before the normalize stage ranks
//! them), title, byline, site. For writing and debugging the metadata and date rules:
//! `cargo run --release --example meta -- page.html`.
use newsetl::normalize::dates::parse::{self, DayOrder, Parsed};

fn day(value: &str, text: bool) -> Option<String> {
    let p = if text {
        parse::find_in_text(value, DayOrder::DayFirst).map(|(p, _)| p)
    } else {
        parse::parse(value.trim(), DayOrder::DayFirst)
    };
    match p? {
        Parsed::Local { date, .. } => Some(date.to_string()),
        Parsed::Epoch(t) => Some(t.date_naive().to_string()),
        Parsed::Relative(_) => None,
    }
}

fn main() {
    for a in std::env::args().skip(1) {
        let bytes = std::fs::read(&a).expect("readable file");
        let html = String::from_utf8_lossy(&bytes);
        let doc = scraper::Html::parse_document(&html);
        let meta = newsetl::body::metadata::read(&doc, None);
        let mut v = serde_json::to_value(&meta).expect("serializable");
        for key in ["published", "modified"] {
            if let Some(list) = v[key].as_array_mut() {
                for c in list {
                    let text = c["source"] == "text";
                    let d = day(c["value"].as_str().unwrap_or(""), text);
                    c["day"] = serde_json::json!(d);
                }
            }
        }
        println!("{a}\n{}", serde_json::to_string(&v).expect("serializable"));
    }
}
