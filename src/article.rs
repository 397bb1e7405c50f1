//! The record one document becomes: everything the stages extracted, assembled by `pipeline`,
//! written by `sink`, shown by `inspect`.

use crate::body::{Block, Image};
use crate::error::DocError;
use crate::read::ContentHash;
use crate::speech::Speech;
use crate::store::schema::Partitioning;
use chrono::{DateTime, Utc};
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
    pub published_at: Option<DateTime<Utc>>,
    pub date_raw: Option<String>,
    pub date_status: &'static str,
    pub date_zone: Option<String>,
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
    /// The Hive partition value of the article and its child rows.
    pub fn partition(&self, by: Partitioning) -> String {
        by.value(self.published_at)
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
