//! The output tables: every column's name, Arrow type, meaning and an example, in one place.
//! `sink` builds its Arrow schemas from these definitions and `newsetl schema` prints them.
//!
//! `SCHEMA_VERSION` is part of the contract: renaming or retyping a column bumps it.

use arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use std::collections::HashMap;
use std::sync::Arc;

pub const SCHEMA_VERSION: &str = "4";

/// How partitioned tables are split (`output.partition_by`): by the year or month of the
/// publication day (`articles.published_date`, the day in the document's own zone). The column (Hive style, `year=2022/`, `month=2022-03/`) is not stored inside the
/// files; documents without a usable date are in `undated`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Partitioning {
    Year,
    #[default]
    Month,
}

/// The partition value of a document without a usable date.
pub const UNDATED: &str = "undated";

impl Partitioning {
    /// The Hive partition column.
    pub fn column(self) -> &'static str {
        match self {
            Partitioning::Year => "year",
            Partitioning::Month => "month",
        }
    }

    /// The partition of a document published on day `t`.
    pub fn value(self, t: Option<chrono::NaiveDate>) -> String {
        let format = match self {
            Partitioning::Year => "%Y",
            Partitioning::Month => "%Y-%m",
        };
        t.map_or_else(|| UNDATED.to_string(), |t| t.format(format).to_string())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    Str,
    Int,
    TimestampUtc,
    /// A calendar day (Arrow `date32`).
    Date,
    StrList,
}

impl ColType {
    pub fn arrow(self) -> DataType {
        match self {
            ColType::Str => DataType::Utf8,
            ColType::Int => DataType::Int64,
            ColType::TimestampUtc => DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            ColType::Date => DataType::Date32,
            ColType::StrList => {
                DataType::List(Arc::new(Field::new(LIST_ITEM, DataType::Utf8, true)))
            }
        }
    }

    fn label(self) -> &'static str {
        match self {
            ColType::Str => "string",
            ColType::Int => "int64",
            ColType::TimestampUtc => "timestamp[us, UTC]",
            ColType::Date => "date32",
            ColType::StrList => "list<string>",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColType,
    pub nullable: bool,
    pub description: &'static str,
    pub example: &'static str,
}

/// Columns with few distinct values (sites, kinds, roles, statuses, speakers, hashes): written
/// with dictionary encoding. Long text columns are not (a dictionary of unique paragraphs only
/// costs time before the writer falls back to plain encoding).
pub const DICTIONARY_COLUMNS: &[&str] = &[
    "categories",
    "section",
    "site",
    "feed",
    "author",
    "date_status",
    "date_zone",
    "date_precision",
    "date_source",
    "encoding_source",
    "encoding_declared",
    "body_format",
    "site_name",
    "language",
    "keywords",
    "editor",
    "kind",
    "role",
    "speaker",
    "speaker_title",
    "speaker_org",
    "cue",
    "questioner",
    "questioner_org",
    "answerer",
    "answerer_title",
    "source",
    "stage",
    "encoding",
    "front_matter_status",
    "config_hash",
    "newsetl_version",
];

#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub description: &'static str,
    /// Whether the table is partitioned by `month`.
    pub partitioned: bool,
    pub columns: &'static [Column],
}

impl Column {
    /// The Parquet leaf column holding this column's values (`categories.list.item` for a list,
    /// as Arrow's writer names it).
    pub fn parquet_leaf(&self) -> parquet::schema::types::ColumnPath {
        let mut path = vec![self.name.to_string()];
        if self.ty == ColType::StrList {
            path.extend(["list".to_string(), LIST_ITEM.to_string()]);
        }
        parquet::schema::types::ColumnPath::new(path)
    }
}

/// The name of a list column's element field.
const LIST_ITEM: &str = "item";

const fn col(
    name: &'static str,
    ty: ColType,
    nullable: bool,
    description: &'static str,
    example: &'static str,
) -> Column {
    Column {
        name,
        ty,
        nullable,
        description,
        example,
    }
}

use ColType::*;

pub const ARTICLES: Table = Table {
    name: "articles",
    description: "One row per document that could be read.",
    partitioned: true,
    columns: &[
        col(
            "doc_id",
            Str,
            false,
            "Stable id, 16 hex digits: XXH3-64 of the path relative to the input root, or, for a page of a WARC file, of a NUL byte and its WARC-Record-ID without <> (no path holds NUL, so the two never collide). Joins every table.",
            "4b1f0c2d9a7e6b35",
        ),
        col(
            "source_path",
            Str,
            false,
            "Path relative to the input root, '/'-separated; for a page of a WARC file, the file's path, '#' and the record id (crawls/day1.warc.gz#urn:uuid:…).",
            "金融/新浪财经/新浪财经－国內/a.md",
        ),
        col(
            "title",
            Str,
            true,
            "Front-matter title; for web pages the headline (JSON-LD headline, an <h1> the <title> contains, og:title, or the <title> without its site and channel segments).",
            "王毅：打造更加紧密的中国—中亚命运共同体…",
        ),
        col(
            "categories",
            StrList,
            false,
            "Cleaned category list as written (usually category, site, feed).",
            "[金融, 新浪财经, 新浪财经－国內]",
        ),
        col(
            "section",
            Str,
            true,
            "First category mapped through categories.yaml (English id); unmapped values pass through.",
            "finance",
        ),
        col(
            "site",
            Str,
            true,
            "Second category mapped through categories.yaml (site id); unmapped values pass through.",
            "sina_finance",
        ),
        col(
            "feed",
            Str,
            true,
            "Third category, mapped if categories.yaml maps it.",
            "新浪财经－国內",
        ),
        col(
            "author",
            Str,
            true,
            "Front-matter author (often the site); for web pages JSON-LD author, meta author, rel=author or a byline element, byline words (By, 记者) removed.",
            "新浪财经",
        ),
        col(
            "published_at",
            TimestampUtc,
            true,
            "Publication instant in UTC, when the date has a time of day (date_precision second or minute); null for a date given as a day only.",
            "2022-03-07 08:10:42+00:00",
        ),
        col(
            "published_date",
            Date,
            true,
            "Publication day as written, in the document's own zone (the offset given, else the site's or region's zone, dates.zone_by_site / zone_by_region): a day-only date stays that day. On a whole page whose metadata disagree (the same instant in two zones, or a republished article), the value whose day the page's own date line shows; a UTC value whose clock reading is the local time the page shows (a false Z) is read as that local time. Partitions follow its month.",
            "2022-03-07",
        ),
        col(
            "date_precision",
            Str,
            true,
            "second | minute | day: how precise the chosen date is.",
            "second",
        ),
        col(
            "date_source",
            Str,
            true,
            "Where the chosen date came from: front_matter | json_ld | article_meta | generic_meta | time_element (`<time datetime>`, hAtom `abbr.published`, microdata `itemprop=datePublished` on an element, an empty date element's epoch in `data-val`/`data-time`) | url | text | crawl.",
            "front_matter",
        ),
        col(
            "date_raw",
            Str,
            true,
            "The chosen date exactly as written (for a failed date, the first value offered).",
            "Mon, 07 Mar 2022 08:10:42 GMT",
        ),
        col(
            "date_status",
            Str,
            false,
            "ok (the value gave its offset or an unambiguous zone, or is a day) | assumed_zone (naive value read in date_zone, or an ambiguous zone abbreviation such as CST resolved by it) | unparsed | implausible (year out of range, or after the crawl) | missing.",
            "ok",
        ),
        col(
            "date_zone",
            Str,
            true,
            "The zone or offset the date was read with: the IANA zone assumed for a naive value, the zone an abbreviation was resolved to (Asia/Shanghai (CST = +08:00)), or the offset written.",
            "Asia/Shanghai",
        ),
        col(
            "modified_at",
            TimestampUtc,
            true,
            "Last modification instant in UTC, when the page gives one with a time (JSON-LD dateModified, article:modified_time).",
            "2022-03-08 02:00:00+00:00",
        ),
        col(
            "fetched_at",
            TimestampUtc,
            true,
            "When the page was fetched, in UTC: the WARC-Date of its WARC record (also the crawl time relative dates count from); null for documents read from files.",
            "2022-03-08 03:15:02+00:00",
        ),
        col(
            "headimg",
            Str,
            true,
            "Header image URL (front-matter headimg, or og:image / JSON-LD image); null when it is a placeholder (body.placeholder_image_patterns).",
            "https://n.sinaimg.cn/….png",
        ),
        col(
            "thumbnail",
            Str,
            true,
            "Front-matter thumbnail URL.",
            "https://n.sinaimg.cn/….png",
        ),
        col(
            "editor",
            Str,
            true,
            "Responsible editor taken out of the body (责任编辑：…).",
            "蒋晓桐",
        ),
        col(
            "original_title",
            Str,
            true,
            "Original title taken out of the body (原标题：…).",
            "王毅：打造更加紧密的中国—中亚命运共同体…",
        ),
        col(
            "body_text",
            Str,
            false,
            "Article text: the blocks of `paragraphs`, joined by newlines (a whole page's captions left out: they stay in `paragraphs` and `images.caption`).",
            "3月7日下午，十三届全国人大五次会议…",
        ),
        col(
            "n_paragraphs",
            Int,
            false,
            "Number of rows of this document in `paragraphs` (all block kinds).",
            "6",
        ),
        col(
            "n_images",
            Int,
            false,
            "Number of rows of this document in `images`.",
            "1",
        ),
        col(
            "kind",
            Str,
            false,
            "press_conference | interview | qa_answer (Zhihu-style answer) | article (no Q&A structure).",
            "press_conference",
        ),
        col(
            "n_turns",
            Int,
            false,
            "Number of rows of this document in `turns`.",
            "2",
        ),
        col(
            "n_qa_pairs",
            Int,
            false,
            "Number of rows of this document in `qa_pairs`.",
            "1",
        ),
        col(
            "n_quotes",
            Int,
            false,
            "Number of rows of this document in `quotes`.",
            "1",
        ),
        col(
            "origin_url",
            Str,
            true,
            "Link to the original post when the page gives one (Zhihu a.originUrl).",
            "https://www.zhihu.com/question/20943539/answer/2365920874",
        ),
        col(
            "encoding",
            Str,
            false,
            "Encoding the file was decoded with (utf-8, utf-8-bom, gbk, gb18030, …; '+replaced' if bytes were replaced).",
            "utf-8",
        ),
        col(
            "encoding_source",
            Str,
            false,
            "How the encoding was decided: bom | http (the charset of the HTTP Content-Type header a WARC record was served with, and the bytes fit) | declared (the page's meta charset, and the bytes fit) | utf8 (valid UTF-8, with no declaration or overriding another) | detected (chardetng's guess: no declaration, or one the bytes do not fit).",
            "declared",
        ),
        col(
            "encoding_declared",
            Str,
            true,
            "The encoding the page declares (canonical name), whether or not it was used.",
            "gbk",
        ),
        col(
            "body_format",
            Str,
            false,
            "html (a body kept whole: a feed's post) | markdown (rendered to HTML first) | page (a whole web page: main text found by the content step, boilerplate dropped).",
            "html",
        ),
        col(
            "url",
            Str,
            true,
            "The page's canonical address (link rel=canonical, og:url, JSON-LD url).",
            "https://news.example.cn/city/2022/0305/riverside.html",
        ),
        col(
            "site_name",
            Str,
            true,
            "The site's name as the page gives it (og:site_name, JSON-LD publisher).",
            "示例新闻网",
        ),
        col(
            "description",
            Str,
            true,
            "The page's description (meta description, og:description, JSON-LD description).",
            "全长4.2公里的河畔步道改造完工。",
        ),
        col(
            "language",
            Str,
            true,
            "The page's language (html lang, content-language, JSON-LD inLanguage).",
            "zh-CN",
        ),
        col(
            "keywords",
            StrList,
            false,
            "Keywords and tags (meta keywords, article:tag, JSON-LD keywords); empty when none.",
            "[城市, 步道]",
        ),
        col(
            "front_matter_status",
            Str,
            false,
            "ok (valid YAML) | lenient (broken YAML read by the fallback parser) | missing.",
            "ok",
        ),
        col(
            "front_matter_error",
            Str,
            true,
            "Why the strict YAML parse failed (lenient only).",
            "did not find expected key at line 2 column 1",
        ),
        col(
            "front_matter_extra",
            Str,
            false,
            "Front-matter keys not modeled as columns, as a JSON object.",
            "{\"comments\":false}",
        ),
        col(
            "size_bytes",
            Int,
            false,
            "Size of the input file in bytes.",
            "3869",
        ),
        col(
            "content_hash",
            Str,
            false,
            "XXH3-128 of the file's bytes, 32 hex digits.",
            "9d22631a164ff952…",
        ),
        col(
            "config_hash",
            Str,
            false,
            "Hash of the configuration that produced the row.",
            "a3c1f09e77d2b410",
        ),
        col(
            "newsetl_version",
            Str,
            false,
            "Version of newsetl that produced the row.",
            "0.1.0",
        ),
    ],
};

/// The first column of every table that hangs off `articles`.
const ARTICLE_ID: Column = col(
    "doc_id",
    Str,
    false,
    "The article's id.",
    "4b1f0c2d9a7e6b35",
);

pub const PARAGRAPHS: Table = Table {
    name: "paragraphs",
    description: "The article's text blocks in reading order; boilerplate, editor and original-title lines removed.",
    partitioned: true,
    columns: &[
        ARTICLE_ID,
        col(
            "seq",
            Int,
            false,
            "Position of the block in the article, from 0.",
            "0",
        ),
        col(
            "kind",
            Str,
            false,
            "paragraph | heading | list_item | blockquote | caption | code | table_row (a row of a data table: its cells joined by a tab).",
            "paragraph",
        ),
        col(
            "text",
            Str,
            false,
            "Normalized text (white space collapsed, U+3000 indents removed).",
            "3月7日下午，十三届全国人大五次会议…",
        ),
    ],
};

pub const IMAGES: Table = Table {
    name: "images",
    description: "Images of the article body in reading order (boilerplate images removed).",
    partitioned: true,
    columns: &[
        ARTICLE_ID,
        col(
            "seq",
            Int,
            false,
            "Position of the image in the article, from 0.",
            "0",
        ),
        col(
            "src",
            Str,
            false,
            "Image URL (src, or a lazy-loading attribute from config).",
            "https://n.sinaimg.cn/….png",
        ),
        col("alt", Str, true, "alt text, null when empty.", "示意图"),
        col(
            "caption",
            Str,
            true,
            "Caption (figcaption or a configured caption element).",
            "图为…",
        ),
    ],
};

pub const TURNS: Table = Table {
    name: "turns",
    description: "Speaker turns of press conferences, interviews, transcripts and Zhihu answers, in order.",
    partitioned: true,
    columns: &[
        ARTICLE_ID,
        col(
            "seq",
            Int,
            false,
            "Position of the turn in the document, from 0.",
            "0",
        ),
        col(
            "role",
            Str,
            false,
            "question | answer | host | statement (a labelled speaker who answers no question).",
            "question",
        ),
        col(
            "speaker",
            Str,
            true,
            "Speaker's name, resolved within the document (`王毅表示` after `国务委员兼外交部长王毅`); null when unnamed (a reporter of an outlet).",
            "王毅",
        ),
        col(
            "speaker_title",
            Str,
            true,
            "Speaker's title as the document gives it (for Zhihu answers the author's bio).",
            "国务委员兼外交部长",
        ),
        col(
            "speaker_org",
            Str,
            true,
            "The questioner's outlet (`<outlet>记者提问：`, a legend line, an outlet label; for an interview's unnamed questions, the publication), or the speaker's organisation when the document gives one that is not a title.",
            "哈萨克斯坦24KZ电视台",
        ),
        col(
            "speaker_type",
            Str,
            true,
            "person | organisation | unnamed (知情人士, 投资者, 网友); null when nobody is named.",
            "person",
        ),
        col(
            "cue",
            Str,
            false,
            "What opened the turn: the cue word (记者提问, 问, 答, 表示, 说, ...), `label` (`<name>：`), `bold` (a question prompt in bold, or a numbered one — `1、…？` — in an interview), `implicit` (an answer after a complete question), `question`/`answer` (Zhihu).",
            "记者提问",
        ),
        col(
            "text",
            Str,
            false,
            "The turn's text: its paragraphs joined by newlines, a leading question/answer/label cue removed.",
            "今年是中国和中亚国家建交30周年。…",
        ),
        col(
            "first_seq",
            Int,
            true,
            "`paragraphs.seq` of the turn's first paragraph (null when the text is not a paragraph, e.g. a Zhihu question taken from the title).",
            "2",
        ),
        col(
            "last_seq",
            Int,
            true,
            "`paragraphs.seq` of the turn's last paragraph.",
            "2",
        ),
    ],
};

pub const QA_PAIRS: Table = Table {
    name: "qa_pairs",
    description: "Each answer turn with the question it answers (a question answered by two speakers gives two pairs).",
    partitioned: true,
    columns: &[
        ARTICLE_ID,
        col(
            "seq",
            Int,
            false,
            "Position of the pair in the document, from 0.",
            "0",
        ),
        col(
            "questioner",
            Str,
            true,
            "The journalist's name, when given.",
            "张伟",
        ),
        col(
            "questioner_org",
            Str,
            true,
            "The questioner's outlet.",
            "哈萨克斯坦24KZ电视台",
        ),
        col(
            "question",
            Str,
            false,
            "The question's text.",
            "今年是中国和中亚国家建交30周年。…",
        ),
        col("answerer", Str, true, "Who answers.", "王毅"),
        col(
            "answerer_title",
            Str,
            true,
            "The answerer's title.",
            "国务委员兼外交部长",
        ),
        col(
            "answer",
            Str,
            false,
            "The answer's text.",
            "王毅表示，今年中国同中亚关系的大事喜事不断。…",
        ),
        col(
            "question_turn",
            Int,
            false,
            "`turns.seq` of the question.",
            "0",
        ),
        col("answer_turn", Int, false, "`turns.seq` of the answer.", "1"),
    ],
};

pub const QUOTES: Table = Table {
    name: "quotes",
    description: "Speech attributed to someone outside Q&A exchanges: headlines (`王毅：…`, `某某谈接种：…`) and body forms (`X表示，…`, `X说：“…”`, `“…”X说。`, `据X介绍，…`), one row per attribution.",
    partitioned: true,
    columns: &[
        ARTICLE_ID,
        col(
            "seq",
            Int,
            false,
            "Position of the quote in the document, from 0.",
            "0",
        ),
        col(
            "kind",
            Str,
            false,
            "direct (the words are inside quotation marks “…” 「…」 『…』) | indirect (reported speech, `X表示，…`) | mixed (reported speech quoting some words, `X认为，经济“稳中向好”`).",
            "direct",
        ),
        col(
            "speaker",
            Str,
            false,
            "Who is quoted: a person's name without title or adjuncts (`拜登在23日的讲话中` → 拜登), an organisation (教育部), or an unnamed source as written (知情人士); a pronoun resolved to the person last named; several people of one quote listed with `、` (`葉劉淑儀及葉國謙表示` → 葉劉淑儀、葉國謙).",
            "王毅",
        ),
        col(
            "speaker_title",
            Str,
            true,
            "The speaker's title, when the document gives it.",
            "国务委员兼外交部长",
        ),
        col(
            "speaker_org",
            Str,
            true,
            "The organisation written before a person's name when it is not a title (`中欧基金曹某` → 中欧基金).",
            "中欧基金",
        ),
        col(
            "speaker_type",
            Str,
            false,
            "person | organisation | unnamed.",
            "person",
        ),
        col(
            "cue",
            Str,
            false,
            "The attributing verb (表示, 称, 指出, 问, ...); `：` for a headline or for quoted words after a colon with no verb (the clause's subject speaks); `——` for an attribution line; `continued` for a quoted sentence that goes on quoting the last speaker.",
            "表示",
        ),
        col(
            "quote",
            Str,
            false,
            "The words: the text inside “…” after the cue, else the rest of the sentence.",
            "打造更加紧密的中国—中亚命运共同体…",
        ),
        col("source", Str, false, "title | body.", "title"),
        col(
            "paragraph_seq",
            Int,
            true,
            "`paragraphs.seq` of the quote (null for the title).",
            "5",
        ),
    ],
};

pub const ERRORS: Table = Table {
    name: "errors",
    description: "One row per input file that could not be turned into an article.",
    partitioned: false,
    columns: &[
        col(
            "doc_id",
            Str,
            false,
            "The id the document would have had.",
            "4b1f0c2d9a7e6b35",
        ),
        col(
            "source_path",
            Str,
            false,
            "Path relative to the input root (for a page of a WARC file: file#record id; for a WARC file that broke off: the file).",
            "broken/binary.md",
        ),
        col(
            "stage",
            Str,
            false,
            "read | front_matter | body | speech | normalize | write.",
            "read",
        ),
        col(
            "kind",
            Str,
            false,
            "io | discovery | empty | binary | too_large | too_deep | duplicate | panic.",
            "binary",
        ),
        col(
            "message",
            Str,
            false,
            "What went wrong, for a person.",
            "file contains NUL bytes: binary data, not a text document",
        ),
        col(
            "content_hash",
            Str,
            true,
            "XXH3-128 of the file's bytes (null when they could not be read).",
            "0c9d4f7e2b8a61d35e0f4a9b7c2d1e83",
        ),
        col(
            "config_hash",
            Str,
            false,
            "Hash of the configuration of the run.",
            "a3c1f09e77d2b410",
        ),
    ],
};

pub const TABLES: [&Table; 7] = [
    &ARTICLES,
    &PARAGRAPHS,
    &IMAGES,
    &TURNS,
    &QA_PAIRS,
    &QUOTES,
    &ERRORS,
];

impl Table {
    /// The Arrow schema of the stored files (without the partition column), each field
    /// carrying its description as metadata.
    pub fn arrow_schema(&self) -> Arc<Schema> {
        let fields: Vec<Field> = self
            .columns
            .iter()
            .map(|c| {
                Field::new(c.name, c.ty.arrow(), c.nullable).with_metadata(HashMap::from([(
                    "description".to_string(),
                    c.description.to_string(),
                )]))
            })
            .collect();
        Arc::new(Schema::new(fields))
    }
}

/// The data dictionary as text (`newsetl schema`) or Markdown (`--format markdown`).
pub fn render(markdown: bool) -> String {
    let mut out = String::new();
    if markdown {
        out.push_str(&format!("# newsetl output schema (version {SCHEMA_VERSION})\n\nGenerated by `newsetl schema --format markdown`; do not edit.\n\n"));
    } else {
        out.push_str(&format!(
            "newsetl output schema, version {SCHEMA_VERSION}\n\n"
        ));
    }
    for t in TABLES {
        let part = if t.partitioned {
            "partitioned by `month` (publication month in UTC, `YYYY-MM`, or `undated`; with `output.partition_by: year`, by `year`, `YYYY`)".to_string()
        } else {
            "not partitioned".to_string()
        };
        if markdown {
            out.push_str(&format!("## `{}`\n\n{} Stored under `{}/`, {part}.\n\n| column | type | null | meaning | example |\n|---|---|---|---|---|\n", t.name, t.description, t.name));
            for c in t.columns {
                let null = if c.nullable { "yes" } else { "no" };
                out.push_str(&format!(
                    "| `{}` | {} | {null} | {} | {} |\n",
                    c.name,
                    c.ty.label(),
                    md_escape(c.description),
                    md_escape(c.example)
                ));
            }
            out.push('\n');
        } else {
            out.push_str(&format!("{} — {} ({part})\n", t.name, t.description));
            for c in t.columns {
                let null = if c.nullable { "null" } else { "not null" };
                out.push_str(&format!(
                    "  {:<20} {:<18} {:<8} {}\n",
                    c.name,
                    c.ty.label(),
                    null,
                    c.description
                ));
            }
            out.push('\n');
        }
    }
    out
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('<', "\\<")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_unique_and_partition_column_is_not_stored() {
        for t in TABLES {
            let mut names: Vec<_> = t.columns.iter().map(|c| c.name).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), t.columns.len(), "{}", t.name);
            assert!(
                !names.contains(&"year") && !names.contains(&"month"),
                "{}",
                t.name
            );
            assert_eq!(t.columns[0].name, "doc_id", "{} joins on doc_id", t.name);
        }
        for d in DICTIONARY_COLUMNS {
            assert!(
                TABLES
                    .iter()
                    .any(|t| t.columns.iter().any(|c| c.name == *d)),
                "dictionary column {d} is in no table"
            );
        }
    }

    #[test]
    fn published_at_is_utc_microseconds_and_descriptions_are_field_metadata() {
        let s = ARTICLES.arrow_schema();
        let f = s.field_with_name("published_at").unwrap();
        assert_eq!(
            f.data_type(),
            &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
        );
        assert!(f.metadata()["description"].contains("UTC"));
        assert!(render(true).contains("| `published_at` | timestamp[us, UTC] |"));
    }
}
