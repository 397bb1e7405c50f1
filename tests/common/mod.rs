//! Helpers for integration tests: run the binary, read a table back from Parquet as JSON rows.
#![allow(dead_code)]

use arrow::array::{Array, AsArray};
use arrow::datatypes::{DataType, Int64Type, TimestampMicrosecondType};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed document, relative to the repository.
pub const SEED: &str = "seeds/000_9d22631a164ff952.txt";

pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/corpus")
}

/// Run `newsetl` with arguments, from the repository root.
pub fn newsetl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsetl"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("binary runs")
}

/// `newsetl run --input <input> --output <output> --quiet`.
pub fn run(input: &Path, output: &Path) -> Output {
    newsetl(&[
        "run",
        "--quiet",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ])
}

/// The report of the last run written to `output` (`_runs/<run_id>.json`; run ids sort by
/// time).
pub fn run_report(output: &Path) -> Value {
    let mut reports: Vec<PathBuf> = std::fs::read_dir(output.join("_runs"))
        .expect("_runs exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    reports.sort();
    let last = reports.last().expect("a run report");
    serde_json::from_slice(&std::fs::read(last).expect("readable")).expect("JSON")
}

/// Every Parquet file of a table, sorted by path.
pub fn table_files(output: &Path, table: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(output.join(table))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "parquet"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// All rows of a table as JSON objects, with the Hive partition column added from the path.
/// Timestamps become microseconds since the epoch.
pub fn read_table(output: &Path, table: &str) -> Vec<Map<String, Value>> {
    let mut rows = Vec::new();
    for file in table_files(output, table) {
        let partition = file
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(|n| n.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()));
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&file).unwrap())
            .unwrap()
            .build()
            .unwrap();
        for batch in reader {
            let batch = batch.unwrap();
            let schema = batch.schema();
            for row in 0..batch.num_rows() {
                let mut obj = Map::new();
                for (i, field) in schema.fields().iter().enumerate() {
                    obj.insert(field.name().clone(), cell(batch.column(i).as_ref(), row));
                }
                if let Some((k, v)) = &partition {
                    obj.insert(k.clone(), Value::String(v.clone()));
                }
                rows.push(obj);
            }
        }
    }
    rows
}

fn cell(col: &dyn Array, row: usize) -> Value {
    if col.is_null(row) {
        return Value::Null;
    }
    match col.data_type() {
        DataType::Utf8 => Value::String(col.as_string::<i32>().value(row).to_string()),
        DataType::Int64 => Value::from(col.as_primitive::<Int64Type>().value(row)),
        DataType::Timestamp(_, _) => {
            Value::from(col.as_primitive::<TimestampMicrosecondType>().value(row))
        }
        DataType::Date32 => {
            let days = col
                .as_primitive::<arrow::datatypes::Date32Type>()
                .value(row);
            let day = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
                + chrono::Duration::days(days as i64);
            Value::String(day.to_string())
        }
        DataType::List(_) => {
            let list = col.as_list::<i32>().value(row);
            Value::Array((0..list.len()).map(|i| cell(list.as_ref(), i)).collect())
        }
        other => panic!("unexpected column type {other}"),
    }
}

/// The one row whose `column` equals `value`.
pub fn row<'a>(
    rows: &'a [Map<String, Value>],
    column: &str,
    value: &str,
) -> &'a Map<String, Value> {
    let found: Vec<_> = rows.iter().filter(|r| r[column] == value).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one row with {column} = {value:?}, found {}",
        found.len()
    );
    found[0]
}

/// Rows of a child table for one document, in `seq` order.
pub fn children<'a>(rows: &'a [Map<String, Value>], doc_id: &Value) -> Vec<&'a Map<String, Value>> {
    let mut v: Vec<_> = rows.iter().filter(|r| &r["doc_id"] == doc_id).collect();
    v.sort_by_key(|r| r["seq"].as_i64());
    v
}

/// Microseconds since the epoch of an RFC 3339 instant.
pub fn micros(rfc3339: &str) -> Value {
    Value::from(
        chrono::DateTime::parse_from_rfc3339(rfc3339)
            .unwrap()
            .timestamp_micros(),
    )
}

pub const TABLES: [&str; 7] = [
    "articles",
    "paragraphs",
    "images",
    "turns",
    "qa_pairs",
    "quotes",
    "errors",
];

/// Every table's rows, sorted (row order inside a partition is not part of the contract).
pub fn dataset(output: &Path) -> BTreeMap<&'static str, Vec<String>> {
    TABLES
        .iter()
        .map(|t| {
            let mut rows: Vec<String> = read_table(output, t)
                .into_iter()
                .map(|r| Value::Object(r).to_string())
                .collect();
            rows.sort();
            (*t, rows)
        })
        .collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

pub mod corpus;
