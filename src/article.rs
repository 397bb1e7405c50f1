//! The record one document becomes: everything the stages extracted, assembled by `pipeline`,
//! written by `sink`, shown by `inspect`.

use crate::body::{Block, Image};
use crate::error::DocError;
use crate::read::ContentHash;
use crate::speech::Speech;
use crate::store::schema::Partitioning;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub doc_id: String,
    pub source_path: String,
    pub title: Option<String>,
    pub categories: Vec<String>,
    pub section: Option<String>,
    pub site: Option<String>,
    pub feed: Option<String>,
    pub author: Option<String>,
    /// The UTC instant of publication, when the date has a time of day.
    pub published_at: Option<DateTime<Utc>>,
    /// The calendar day of publication in the document's own zone.
    pub published_date: Option<NaiveDate>,
    pub date_precision: Option<&'static str>,
    pub date_source: Option<&'static str>,
    pub date_raw: Option<String>,
    pub date_status: &'static str,
    pub date_zone: Option<String>,
    /// Whether an assumed-zone date agrees with the day and part of day the body's lead states
    /// ([`crate::normalize::dates::zone_check`]); `None` when nothing is stated or the zone was
    /// written. Counted per site in the run report; not a column.
    pub date_zone_check: Option<bool>,
    pub modified_at: Option<DateTime<Utc>>,
    /// When the page was fetched (`WARC-Date` of its WARC record); `None` for files.
    pub fetched_at: Option<DateTime<Utc>>,
    pub headimg: Option<String>,
    pub thumbnail: Option<String>,
    pub editor: Option<String>,
    pub original_title: Option<String>,
    pub body_text: String,
    pub blocks: Vec<Block>,
    pub images: Vec<Image>,
    /// Kind, turns, Q&A pairs and quotes (the speech stage).
    pub speech: Speech,
    pub encoding: String,
    pub encoding_source: &'static str,
    pub encoding_declared: Option<String>,
    /// `html` (a body kept whole), `markdown` (rendered first), `page` (a whole page, main text
    /// found by the content step).
    pub body_format: &'static str,
    /// The page's canonical address.
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub keywords: Vec<String>,
    pub front_matter_status: &'static str,
    pub front_matter_error: Option<String>,
    /// Front-matter keys not modeled as columns, as a JSON object.
    pub front_matter_extra: String,
    pub size_bytes: u64,
    pub content_hash: ContentHash,
    pub config_hash: String,
    pub newsetl_version: &'static str,
    /// Category values with no mapping, `(level, value)`: for the run report, not written.
    #[serde(skip)]
    pub unmapped: Vec<(&'static str, String)>,
}

impl Article {
    /// The publication day, for evaluations and partitioning.
    pub fn published_day(&self) -> Option<NaiveDate> {
        self.published_date
    }

    /// The Hive partition value of the article and its child rows.
    pub fn partition(&self, by: Partitioning) -> String {
        by.value(self.published_date)
    }
}

/// One row of the `errors` table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorRow {
    pub doc_id: String,
    pub source_path: String,
    pub error: DocError,
    /// XXH3-128 of the file's bytes, when they could be read.
    pub content_hash: Option<ContentHash>,
    pub config_hash: String,
}
