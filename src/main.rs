//! The command line: parses arguments, calls the library, reports. No extraction rules here.

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use newsetl::config::{self, ConfigSource};
use newsetl::error::RunError;
use newsetl::pipeline::{self, Progress, RunOptions};
use newsetl::store::guard::{self, DeletePolicy};
use newsetl::store::lake::Lake;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// A line on stderr that never panics: a closed pipe (`newsetl run 2>&1 | head`) must not kill
/// a run that is writing its dataset.
macro_rules! elog {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `s` with control characters escaped (`\n`, `\u{1b}`): file names come from the outside and
/// must not forge log lines or drive the terminal.
fn printable(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// Exit codes, documented in the README and in `newsetl run --help`.
const EXIT_OK: u8 = 0;
const EXIT_DOCS_FAILED: u8 = 1;
// 2 is clap's usage error.
const EXIT_USAGE: u8 = 2;
const EXIT_FATAL: u8 = 3;
const EXIT_LOCKED: u8 = 4;

/// Progress lines when stderr is not a terminal: one per this many seconds.
const LOG_INTERVAL: std::time::Duration = std::time::Duration::from_secs(10);
/// Failed documents named on stderr before the list is cut (the errors table has them all).
const MAX_FAILURES_SHOWN: u64 = 20;
/// `error` events in JSON logs before they are cut.
const MAX_FAILURE_EVENTS: u64 = 1000;

const RUN_ABOUT: &str = "Extract the documents under the inputs and publish the dataset";
const RUN_LONG_ABOUT: &str = "\
Extract the documents under the inputs and publish the dataset.

Incremental: only files that are new or changed since the last run are extracted (a file with
the same size and mtime is not read; a new mtime with the same bytes is kept), files gone from the
inputs are deleted from the dataset, and only the partitions they touch are rewritten. A change
of configuration, newsetl version or schema version rebuilds everything (`--full` forces it).
Tables are published atomically; a run killed at any moment leaves the previous dataset.

Safety: a missing input is fatal; newsetl writes only into a new or empty directory, or one it
created (marked by .newsetl-output), never removes files it did not write, and refuses a run
that would delete more than --max-delete-fraction of the published documents (or all of them)
unless --allow-deletes is given.";
const RUN_AFTER_HELP: &str = "\
Exit codes:
  0  success: every document this run extracted was extracted (or the failed share is within
     --max-error-rate)
  1  the dataset was published, but documents failed: they are named on stderr, in the errors
     table and in _runs/<run_id>.changes.jsonl
  2  usage error (bad arguments)
  3  fatal: nothing was published, the previous dataset is intact (invalid configuration,
     missing input, an output that is not newsetl's, too many deletions, unwritable output)
  4  another run holds the output's lock, or (commit, --format delta) another writer committed
     to a Delta table first: nothing was done; try again later

Beyond one machine (see the README's Scaling out):
  newsetl plan --run RUN --shards N --input DIR --output s3://bucket/lake/
  newsetl run --shard i/N --run RUN --output s3://bucket/lake/     (one task per shard)
  newsetl commit --run RUN --output s3://bucket/lake/";

#[derive(Parser)]
#[command(
    name = "newsetl",
    version,
    about = "Scraped news posts and web pages → analyst-ready Parquet dataset",
    long_about = "Scraped news posts and web pages → analyst-ready Parquet dataset.\n\n\
                  Start with `newsetl run` (seeds/ → output/); `newsetl <command> --help` \
                  tells more of each command."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The configuration option shared by the commands that extract.
const CONFIG_HELP: &str = "Configuration: newsetl.yaml or the directory holding it; `embedded` for \
     the built-in rules. Default: $NEWSETL_CONFIG, else ./config/newsetl.yaml, else the built-in \
     rules. Keys and files it leaves out take the built-in values";

#[derive(Subcommand)]
enum Command {
    #[command(about = RUN_ABOUT, long_about = RUN_LONG_ABOUT, after_help = RUN_AFTER_HELP)]
    Run {
        #[arg(long, help = CONFIG_HELP)]
        config: Option<PathBuf>,
        /// Input directory (or file:// URL), or with --format delta / --shard an object-store
        /// prefix (s3://bucket/posts/, gs://, az://); repeatable. Default: seeds
        #[arg(long = "input", default_value = "seeds", value_parser = parse_input)]
        inputs: Vec<PathBuf>,
        /// Output directory (or file:// URL); created if missing. With --shard or --format
        /// delta: the lake location, a directory or an object-store URL (s3://, gs://, az://).
        #[arg(long, default_value = "output")]
        output: String,
        /// Layout of the output: `dir` (Parquet tables published by directory exchange, the
        /// default) or `delta` (Delta Lake tables, committed by transaction).
        #[arg(long, value_enum, default_value_t = OutputFormat::Dir)]
        format: OutputFormat,
        /// Run shard i of N of a planned run (`i/N`; `N` alone takes i from
        /// JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID less
        /// SLURM_ARRAY_TASK_MIN). Needs --run; inputs and configuration come from the plan.
        #[arg(long, requires = "run")]
        shard: Option<String>,
        /// The run id of a planned run (with --shard), or of the run --format delta makes
        /// (default: a new id).
        #[arg(long, value_parser = parse_run_id)]
        run: Option<String>,
        /// Where a shard or a Delta run extracts before uploading. Default: the system's
        /// temporary directory.
        #[arg(long)]
        work_dir: Option<PathBuf>,
        /// Highest share of failed documents (0–1) that still exits 0.
        #[arg(long, default_value_t = 0.0, value_parser = parse_fraction)]
        max_error_rate: f64,
        /// Highest share (0–1) of the published documents a run may delete; a run that would
        /// delete more, or all of them, is refused (exit 3) unless --allow-deletes is given.
        #[arg(long, default_value_t = 0.5, value_parser = parse_fraction)]
        max_delete_fraction: f64,
        /// Allow a run to delete any number of published documents.
        #[arg(long)]
        allow_deletes: bool,
        /// Re-extract every document, whatever the previous run's manifest says.
        #[arg(long)]
        full: bool,
        /// Plan the run and print what would be extracted, deleted and kept; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print nothing but errors (failed documents are still named).
        #[arg(long, short)]
        quiet: bool,
        /// Progress, failures and the summary on stderr as text or as JSON lines.
        #[arg(long, value_enum, default_value_t = LogFormat::Text)]
        log_format: LogFormat,
    },
    /// Plan a sharded run: list the inputs once and write the run plan into the lake
    /// (<output>/_newsetl/runs/<run>/plan.json).
    Plan {
        #[arg(long, help = CONFIG_HELP)]
        config: Option<PathBuf>,
        /// The run id (letters, digits, '-', '_', '.'; not starting with '.'; at most 128):
        /// shards and the commit name it.
        #[arg(long, value_parser = parse_run_id)]
        run: String,
        /// How many shards.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        shards: u32,
        /// Input directory (or file:// URL) or object-store prefix (s3://bucket/posts/, gs://,
        /// az://); repeatable. Default: seeds
        #[arg(long = "input", default_value = "seeds", value_parser = parse_input)]
        inputs: Vec<PathBuf>,
        /// The lake location: a directory or an object-store URL (s3://, gs://, az://).
        #[arg(long)]
        output: String,
        /// Re-extract every document. Without it, a run planned on a lake whose last committed
        /// run had the same shard count and configuration is incremental: each shard extracts
        /// only the files that are new or changed since, and rewrites only the partitions
        /// those touch.
        #[arg(long)]
        full: bool,
    },
    /// Publish a planned run once every shard has completed: one Delta transaction per table.
    /// Exit 3 when a shard is missing (nothing committed), 4 when another writer won a table;
    /// committing a run again is a no-op.
    Commit {
        #[arg(long, help = CONFIG_HELP)]
        config: Option<PathBuf>,
        /// The run id given to `plan`.
        #[arg(long, value_parser = parse_run_id)]
        run: String,
        /// The lake location given to `plan`.
        #[arg(long)]
        output: String,
        /// Highest share (0–1) of the last committed run's articles this commit may drop; a
        /// commit that would drop more, or all of them, is refused (exit 3).
        #[arg(long, default_value_t = 0.5, value_parser = parse_fraction)]
        max_delete_fraction: f64,
        /// Allow a commit to drop any number of articles.
        #[arg(long)]
        allow_deletes: bool,
    },
    /// Show what every stage extracts from one document (the tool for writing rules).
    Inspect {
        file: PathBuf,
        /// The input root the file is under, so that the doc_id shown is the dataset's (ids
        /// hash the path relative to the root). Default: the path as given.
        #[arg(long)]
        root: Option<PathBuf>,
        #[arg(long, help = CONFIG_HELP)]
        config: Option<PathBuf>,
        /// Print the extracted record as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print every output table's columns, types and meaning (docs/SCHEMA.md is this output).
    Schema {
        #[arg(long, value_enum, default_value_t = SchemaFormat::Text)]
        format: SchemaFormat,
    },
    /// Validate a configuration file by its kind (newsetl.yaml with the files it names,
    /// categories.yaml or speech.yaml); exit 3 when it is invalid. Default: the configuration a
    /// run would use.
    CheckConfig { file: Option<PathBuf> },
    /// Score extraction against gold data: `gold` (default), the speech stage against the
    /// hand-written set in tests/gold; `speech`, the speech stage against real posts annotated
    /// in tests/gold/real; `web`, main text, title, author and day of the real pages of the
    /// shared corpus. The real sets report a dev and a test split.
    Eval {
        #[arg(value_enum, default_value_t = EvalSet::Gold)]
        set: EvalSet,
        /// Gold directory of `gold`: `annotations.yaml` and `docs/` (default: tests/gold of the
        /// repository; pass it when running elsewhere).
        #[arg(long, default_value = "tests/gold")]
        gold: PathBuf,
        /// The shared corpus (`web-dev/`, `html-pages/`, …) for `web`.
        #[arg(long, default_value = "../shared/corpus")]
        corpus: PathBuf,
        #[arg(long, help = CONFIG_HELP)]
        config: Option<PathBuf>,
        /// List what differs, document by document.
        #[arg(long, short)]
        verbose: bool,
        /// Print the figures (and every page's) as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the directory of the newest complete snapshot of an output: every table as one
    /// run published it (read there when you need tables that agree with each other).
    Snapshot {
        /// Output directory.
        #[arg(default_value = "output", value_parser = parse_local_path)]
        output: PathBuf,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff), e.g. `newsetl man > /usr/local/share/man/man1/newsetl.1`.
    Man,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Dir,
    Delta,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EvalSet {
    Gold,
    Web,
    Speech,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaFormat {
    Text,
    Markdown,
}

fn parse_local_path(s: &str) -> Result<PathBuf, String> {
    guard::local_path(s)
}

/// An input: an object-store prefix (`s3://bucket/posts/`), or a local path as
/// [`parse_local_path`] takes it.
fn parse_input(s: &str) -> Result<PathBuf, String> {
    if newsetl::read::objects::is_url(std::path::Path::new(s)) {
        Ok(PathBuf::from(s))
    } else {
        guard::local_path(s)
    }
}

fn parse_run_id(s: &str) -> Result<String, String> {
    newsetl::pipeline::shards::check_run_id(s)
        .map(|()| s.to_string())
        .map_err(|e| e.to_string())
}

fn parse_fraction(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0 and 1 (a share: 0.05 is 5%)"))
    }
}

fn main() -> ExitCode {
    newsetl::memory::tune_allocator();
    let cli = Cli::parse();
    let json = matches!(
        cli.command,
        Command::Run {
            log_format: LogFormat::Json,
            ..
        }
    );
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            let locked = matches!(
                e.downcast_ref::<RunError>(),
                Some(
                    RunError::Locked { .. }
                        | RunError::CommitConflict { .. }
                        | RunError::BaseMoved { .. }
                )
            );
            let code = if locked { EXIT_LOCKED } else { EXIT_FATAL };
            if json {
                let line = serde_json::json!({"event": "fatal", "exit_code": code, "message": format!("{e:#}")});
                elog!("{line}");
            } else {
                elog!("newsetl: error: {e:#}");
            }
            ExitCode::from(code)
        }
    }
}

/// `run --shard` (one shard of a planned run) or `run --format delta` (plan, one shard and
/// commit in one process, with a new run id).
#[allow(clippy::too_many_arguments)]
fn run_to_lake(
    rules: &config::Rules,
    inputs: Vec<PathBuf>,
    output: &str,
    shard: Option<&str>,
    run: Option<String>,
    work_dir: Option<&std::path::Path>,
    quiet: bool,
    max_error_rate: f64,
    deletes: DeletePolicy,
    full: bool,
) -> anyhow::Result<u8> {
    use newsetl::pipeline::shards::{self, ShardOutcome};
    let lake = Lake::open(output)?;
    let whole_run = shard.is_none();
    let (run, shard) = match shard {
        Some(arg) => {
            let shard = match shards::parse_shard(arg) {
                Ok(s) => s,
                Err(m) => {
                    elog!("error: invalid value '{arg}' for '--shard <SHARD>': {m}");
                    return Ok(EXIT_USAGE);
                }
            };
            (run.expect("clap requires --run with --shard"), shard)
        }
        None => {
            let run = run.unwrap_or_else(pipeline::new_run_id);
            let plan = shards::plan(rules, &inputs, &lake, &run, 1, full)?;
            for why in &plan.skipped_objects {
                elog!("warning: an object was left out (its key is not a path): {why}");
            }
            (run, (0, 1))
        }
    };
    // Failed documents are named on stderr, as in a local run (also with --quiet).
    let reporter = Reporter::new(quiet, LogFormat::Text, &run);
    let failures = |p: pipeline::Progress| {
        if let pipeline::Progress::Failed(_) = p {
            reporter.progress(p);
        }
    };
    let outcome = shards::run_shard(rules, &lake, &run, shard, work_dir, &failures)?;
    let (done, failed_rate) = match outcome {
        ShardOutcome::AlreadyDone(d) => {
            elog!(
                "newsetl run {run} shard {}/{}: already completed ({} articles); nothing done",
                d.shard,
                d.shards,
                d.articles
            );
            (d, 0.0)
        }
        ShardOutcome::Done(summary, d) => {
            let uploaded = d
                .tables
                .values()
                .flatten()
                .filter(|f| newsetl::store::lake::ShardDone::uploaded_by(f, &run))
                .count();
            if !quiet {
                elog!(
                    "newsetl run {run} shard {}/{}: {} files{} → {} articles, {} errors; uploaded {} files to {}{}",
                    d.shard,
                    d.shards,
                    d.files,
                    if d.downloaded > 0 {
                        format!(" ({} downloaded)", d.downloaded)
                    } else {
                        String::new()
                    },
                    d.articles,
                    d.failed,
                    uploaded,
                    lake.url,
                    match &d.base {
                        Some(b) => format!(
                            " ({} changes, {} files kept from run {b})",
                            summary.changes.processed + summary.changes.deleted,
                            d.tables.values().map(Vec::len).sum::<usize>() - uploaded
                        ),
                        None => String::new(),
                    }
                );
            }
            let documents = (summary.articles + summary.failed).max(1) as f64;
            (d, summary.failed as f64 / documents)
        }
    };
    if whole_run {
        // --format delta: this process is the whole run.
        let commits = shards::commit(rules, &lake, &run, deletes)?;
        if !quiet {
            let versions: Vec<String> = commits
                .iter()
                .map(|c| match c.version {
                    Some(v) => format!("{} v{v}", c.table),
                    None => format!("{} (already)", c.table),
                })
                .collect();
            elog!("newsetl run {run}: committed {}", versions.join(", "));
        }
    }
    Ok(if done.failed > 0 && failed_rate > max_error_rate {
        EXIT_DOCS_FAILED
    } else {
        EXIT_OK
    })
}

/// A reader that closed the pipe (`newsetl schema | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Write to stdout, returning (not panicking on) a closed pipe.
fn out(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

fn load_rules(path: Option<&std::path::Path>) -> anyhow::Result<config::Rules> {
    let source = ConfigSource::resolve(path);
    config::load(&source).map_err(|issues| RunError::Config(issues).into())
}

fn dispatch(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Run {
            config,
            inputs,
            output,
            format,
            shard,
            run,
            work_dir,
            max_error_rate,
            max_delete_fraction,
            allow_deletes,
            full,
            dry_run,
            quiet,
            log_format,
        } => {
            let rules = load_rules(config.as_deref())?;
            if shard.is_some() || format == OutputFormat::Delta {
                if dry_run {
                    elog!(
                        "error: --dry-run plans a local run; with --shard or --format delta use `newsetl plan` (it writes only the plan)"
                    );
                    return Ok(EXIT_USAGE);
                }
                if full && shard.is_some() {
                    elog!(
                        "error: a shard does what its run's plan says; re-extract everything with `newsetl plan --full`"
                    );
                    return Ok(EXIT_USAGE);
                }
                let deletes = DeletePolicy {
                    max_fraction: max_delete_fraction,
                    allow: allow_deletes,
                };
                return run_to_lake(
                    &rules,
                    inputs,
                    &output,
                    shard.as_deref(),
                    run,
                    work_dir.as_deref(),
                    quiet,
                    max_error_rate,
                    deletes,
                    full,
                );
            }
            if let Some(url) = inputs.iter().find(|i| newsetl::read::objects::is_url(i)) {
                elog!(
                    "error: {}: object-store inputs are read by runs into a lake (--format delta, or plan / run --shard / commit)",
                    url.display()
                );
                return Ok(EXIT_USAGE);
            }
            let output = match guard::local_path(&output) {
                Ok(p) => p,
                Err(m) => {
                    elog!(
                        "error: invalid value '{output}' for '--output <OUTPUT>': {m}\n\nFor more information, try '--help'."
                    );
                    return Ok(EXIT_USAGE);
                }
            };
            let opts = RunOptions {
                full,
                dry_run,
                deletes: DeletePolicy {
                    max_fraction: max_delete_fraction,
                    allow: allow_deletes,
                },
                ..RunOptions::new(inputs, output)
            };
            if dry_run {
                let plan = pipeline::dry_run(&rules, &opts)?;
                let code = if plan.refused.is_some() {
                    EXIT_FATAL
                } else {
                    EXIT_OK
                };
                // A reader that stops early (`| head`) does not change the verdict.
                let _ = out(&render_dry_run(&plan, &rules));
                return Ok(code);
            }
            let reporter = Reporter::new(quiet, log_format, &opts.run_id);
            if !quiet && log_format == LogFormat::Text {
                for n in &rules.notes {
                    elog!("newsetl: note: {n}");
                }
            }
            let summary =
                pipeline::run(&rules, &opts, &|p| reporter.progress(p)).context("run failed")?;
            reporter.finish(&summary, &rules);
            // Per document: a WARC file is one work item and many documents.
            let documents = summary.articles + summary.failed;
            let rate = if documents == 0 {
                0.0
            } else {
                summary.failed as f64 / documents as f64
            };
            Ok(if summary.failed > 0 && rate > max_error_rate {
                EXIT_DOCS_FAILED
            } else {
                EXIT_OK
            })
        }
        Command::Plan {
            config,
            run,
            shards,
            inputs,
            output,
            full,
        } => {
            let rules = load_rules(config.as_deref())?;
            let lake = Lake::open(&output)?;
            let plan = pipeline::shards::plan(&rules, &inputs, &lake, &run, shards, full)?;
            elog!(
                "newsetl plan {run}: {} shards, {} files ({:?} per shard) in {}; {}",
                plan.shards,
                plan.files_per_shard.iter().sum::<u64>(),
                plan.files_per_shard,
                lake.url,
                match &plan.base {
                    Some(b) => format!("incremental on run {b}"),
                    None => "every document extracted".to_string(),
                }
            );
            for why in &plan.skipped_objects {
                elog!("warning: an object was left out (its key is not a path): {why}");
            }
            Ok(EXIT_OK)
        }
        Command::Commit {
            config,
            run,
            output,
            max_delete_fraction,
            allow_deletes,
        } => {
            let rules = load_rules(config.as_deref())?;
            let lake = Lake::open(&output)?;
            let deletes = DeletePolicy {
                max_fraction: max_delete_fraction,
                allow: allow_deletes,
            };
            let commits = pipeline::shards::commit(&rules, &lake, &run, deletes)?;
            for c in &commits {
                match c.version {
                    Some(v) => elog!(
                        "newsetl commit {run}: {} version {v} (+{} files, -{}, {} kept){}",
                        c.table,
                        c.added,
                        c.removed,
                        c.kept,
                        match c.checkpoint {
                            Some(true) => ", checkpoint written",
                            Some(false) => ", checkpoint failed",
                            None => "",
                        }
                    ),
                    None => elog!("newsetl commit {run}: {} already committed", c.table),
                }
            }
            Ok(EXIT_OK)
        }
        Command::Inspect {
            file,
            root,
            config,
            json,
        } => {
            let rules = load_rules(config.as_deref())?;
            let is_warc = file
                .file_name()
                .is_some_and(|n| newsetl::read::warc::is_warc_name(&n.to_string_lossy()));
            if is_warc {
                // A WARC file holds many documents: each page in turn.
                let (pages, broke) = newsetl::inspect::inspect_warc(&file, &rules);
                let failed = broke.is_some() || pages.iter().any(Result::is_err);
                if json {
                    let pages: Vec<serde_json::Value> = pages
                        .iter()
                        .map(|p| match p {
                            Ok(a) => serde_json::to_value(a),
                            Err((path, e)) => {
                                Ok(serde_json::json!({ "source_path": path, "error": e }))
                            }
                        })
                        .collect::<Result<_, _>>()?;
                    let doc = serde_json::json!({ "pages": pages, "error": broke });
                    out(&(serde_json::to_string_pretty(&doc)? + "\n"))?;
                } else {
                    for p in &pages {
                        match p {
                            Ok(a) => out(&format!("{}\n", newsetl::inspect::render(a)))?,
                            Err((path, e)) => elog!("{path}: not extracted: {e}"),
                        }
                    }
                    if let Some(e) = &broke {
                        elog!("{}: {e}", file.display());
                    }
                }
                return Ok(if failed { EXIT_DOCS_FAILED } else { EXIT_OK });
            }
            let result = match &root {
                Some(root) => newsetl::inspect::inspect_under(&file, root, &rules)
                    .map_err(anyhow::Error::msg)?,
                None => newsetl::inspect::inspect(&file, &rules),
            };
            let root_note = match &root {
                Some(r) => format!("relative to the input root {}", r.display()),
                None => {
                    "of the path as given; pass --root <input dir> for the dataset's id".to_string()
                }
            };
            match result {
                Ok(a) => {
                    if json {
                        out(&(serde_json::to_string_pretty(&a)? + "\n"))?;
                    } else {
                        out(&format!(
                            "{}(doc_id {root_note})\n",
                            newsetl::inspect::render(&a)
                        ))?;
                    }
                    Ok(EXIT_OK)
                }
                Err(e) => {
                    if json {
                        out(
                            &(serde_json::to_string_pretty(&serde_json::json!({ "error": e }))?
                                + "\n"),
                        )?;
                    } else {
                        elog!("{}: not extracted: {e}", file.display());
                    }
                    Ok(EXIT_DOCS_FAILED)
                }
            }
        }
        Command::Schema { format } => {
            out(&newsetl::store::schema::render(matches!(
                format,
                SchemaFormat::Markdown
            )))?;
            Ok(EXIT_OK)
        }
        Command::CheckConfig { file } => {
            let described = match &file {
                Some(f) => config::check_file(f).map_err(RunError::Config)?,
                None => {
                    let rules = load_rules(None)?;
                    let mut s = format!("config OK: {} (hash {})", rules.source, rules.hash);
                    for n in &rules.notes {
                        s += &format!("\n  note: {n}");
                    }
                    s
                }
            };
            out(&(described + "\n"))?;
            Ok(EXIT_OK)
        }
        Command::Eval {
            set: EvalSet::Speech,
            corpus,
            gold,
            config,
            verbose,
            json,
        } => {
            let gold = if gold == std::path::Path::new("tests/gold") {
                gold.join("real")
            } else {
                gold
            };
            if !corpus.is_dir() || !gold.is_dir() {
                anyhow::bail!(
                    "need the corpus ({}) and the annotations ({}): pass --corpus and --gold",
                    corpus.display(),
                    gold.display()
                );
            }
            let rules = load_rules(config.as_deref())?;
            let report = newsetl::eval::speech::evaluate(&corpus, &gold, &rules)
                .map_err(anyhow::Error::msg)?;
            if json {
                out(&(serde_json::to_string_pretty(&report)? + "\n"))?;
            } else {
                out(&report.render(verbose))?;
            }
            Ok(EXIT_OK)
        }
        Command::Eval {
            set: EvalSet::Web,
            corpus,
            config,
            verbose,
            json,
            ..
        } => {
            if !corpus.join("web-dev").is_dir() {
                anyhow::bail!(
                    "no corpus at {} (web-dev/, html-pages/): pass --corpus <dir>",
                    corpus.display()
                );
            }
            let rules = load_rules(config.as_deref())?;
            let report =
                newsetl::eval::web::evaluate(&corpus, &rules).map_err(anyhow::Error::msg)?;
            if json {
                out(&(serde_json::to_string_pretty(&report)? + "\n"))?;
            } else {
                out(&report.render(verbose))?;
            }
            Ok(EXIT_OK)
        }
        Command::Eval {
            gold,
            config,
            verbose,
            ..
        } => {
            if !gold.join("annotations.yaml").is_file() {
                anyhow::bail!(
                    "no gold set at {} (annotations.yaml): run from the repository root, or pass \
                     --gold <dir> (the repository's tests/gold)",
                    gold.display()
                );
            }
            let rules = load_rules(config.as_deref())?;
            let report = newsetl::eval::evaluate(&gold, &rules).map_err(anyhow::Error::msg)?;
            out(&report.render(verbose))?;
            Ok(EXIT_OK)
        }
        Command::Snapshot { output } => {
            let id = newsetl::store::sink::snapshot_named_by_latest(&output)
                .map_err(anyhow::Error::msg)?;
            let dir = output.join(newsetl::store::sink::SNAPSHOTS_DIR).join(id);
            out(&format!("{}\n", dir.display()))?;
            Ok(EXIT_OK)
        }
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "newsetl", &mut buf);
            out(&String::from_utf8_lossy(&buf))?;
            Ok(EXIT_OK)
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
            out(&String::from_utf8_lossy(&buf))?;
            Ok(EXIT_OK)
        }
    }
}

fn render_dry_run(plan: &pipeline::DryRun, rules: &config::Rules) -> String {
    let c = &plan.changes;
    let mut s = format!(
        "dry run ({}{}), config {}: {} files\n  would extract {} ({} new, {} changed, {} retried), delete {}, keep {} unchanged\n",
        plan.mode,
        plan.full_reason
            .as_deref()
            .map(|r| format!(": {r}"))
            .unwrap_or_default(),
        rules.source,
        plan.files,
        c.processed,
        c.new,
        c.changed,
        c.retried,
        c.deleted,
        c.unchanged
    );
    if let Some(why) = &plan.refused {
        s += &format!("  the run would be REFUSED: {why}\n");
    }
    for ch in &plan.list {
        s += &format!("{}\t{}\n", ch.change, printable(&ch.path));
    }
    s
}

/// Progress on stderr: a bar on a terminal, a line every [`LOG_INTERVAL`] otherwise, JSON lines
/// with `--log-format json`; nothing but failures with `--quiet`.
struct Reporter {
    quiet: bool,
    format: LogFormat,
    run_id: String,
    on_terminal: bool,
    bar: std::sync::OnceLock<indicatif::ProgressBar>,
    started: std::time::Instant,
    total: std::sync::atomic::AtomicU64,
    failures: std::sync::atomic::AtomicU64,
    last_line: std::sync::Mutex<std::time::Instant>,
}

impl Reporter {
    fn new(quiet: bool, format: LogFormat, run_id: &str) -> Reporter {
        let now = std::time::Instant::now();
        Reporter {
            quiet,
            format,
            run_id: run_id.to_string(),
            on_terminal: !quiet && format == LogFormat::Text && std::io::stderr().is_terminal(),
            bar: std::sync::OnceLock::new(),
            started: now,
            total: 0.into(),
            failures: 0.into(),
            last_line: std::sync::Mutex::new(now),
        }
    }

    /// The bar, made when there is something to extract (a run with nothing to do shows none).
    fn make_bar(&self, n: u64) -> &indicatif::ProgressBar {
        self.bar.get_or_init(|| {
            let bar = indicatif::ProgressBar::new(n);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} docs ({rate}, eta {eta})",
                )
                .expect("valid template")
                .with_key(
                    "rate",
                    |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0}/s", s.per_sec());
                    },
                ),
            );
            bar
        })
    }

    fn failed(&self, e: &newsetl::article::ErrorRow) {
        use std::sync::atomic::Ordering;
        let n = self.failures.fetch_add(1, Ordering::Relaxed) + 1;
        match self.format {
            LogFormat::Json => {
                if n <= MAX_FAILURE_EVENTS {
                    elog!(
                        "{}",
                        serde_json::json!({"event": "error", "run_id": self.run_id, "path": e.source_path,
                            "doc_id": e.doc_id, "stage": e.error.stage.as_str(), "kind": e.error.kind.as_str(),
                            "message": e.error.message})
                    );
                }
            }
            LogFormat::Text => {
                if n <= MAX_FAILURES_SHOWN {
                    let line = format!(
                        "newsetl: failed: {}: {}/{}: {}",
                        printable(&e.source_path),
                        e.error.stage,
                        e.error.kind,
                        printable(&e.error.message)
                    );
                    match self.bar.get() {
                        Some(bar) => bar.println(line),
                        None => elog!("{line}"),
                    }
                }
            }
        }
    }

    fn progress(&self, p: Progress) {
        use std::sync::atomic::Ordering;
        if let Progress::Failed(e) = p {
            self.failed(e);
            return;
        }
        if self.on_terminal {
            match p {
                Progress::Planned(n) if n > 0 => {
                    self.make_bar(n);
                }
                Progress::Done(n) => {
                    if let Some(bar) = self.bar.get() {
                        bar.set_position(n);
                    }
                }
                _ => {}
            }
            return;
        }
        if self.quiet {
            return;
        }
        let elapsed = self.started.elapsed().as_secs_f64();
        let (done, total) = match p {
            Progress::Planned(n) => {
                self.total.store(n, Ordering::Relaxed);
                match self.format {
                    LogFormat::Json => elog!(
                        "{}",
                        serde_json::json!({"event": "planned", "run_id": self.run_id, "to_extract": n, "elapsed_s": elapsed})
                    ),
                    LogFormat::Text => {
                        elog!("newsetl: {n} documents to extract (planned in {elapsed:.1}s)")
                    }
                }
                return;
            }
            Progress::Done(n) => {
                let mut last = self.last_line.lock().expect("not poisoned");
                if last.elapsed() < LOG_INTERVAL {
                    return;
                }
                *last = std::time::Instant::now();
                (n, self.total.load(Ordering::Relaxed))
            }
            Progress::Failed(_) => unreachable!("handled above"),
        };
        match self.format {
            LogFormat::Json => elog!(
                "{}",
                serde_json::json!({"event": "progress", "run_id": self.run_id, "done": done, "total": total, "elapsed_s": elapsed})
            ),
            LogFormat::Text => elog!(
                "newsetl: {done}/{total} extracted ({:.0}%), {elapsed:.1}s",
                if total == 0 {
                    100.0
                } else {
                    100.0 * done as f64 / total as f64
                }
            ),
        }
    }

    fn finish(&self, summary: &pipeline::RunSummary, rules: &config::Rules) {
        use std::sync::atomic::Ordering;
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
        let failures = self.failures.load(Ordering::Relaxed);
        let report = format!("{}/_runs/{}.json", summary.output, summary.run_id);
        match self.format {
            LogFormat::Json => {
                if failures > MAX_FAILURE_EVENTS {
                    elog!(
                        "{}",
                        serde_json::json!({"event": "errors_truncated", "run_id": self.run_id,
                            "shown": MAX_FAILURE_EVENTS, "failed": failures})
                    );
                }
                if !self.quiet {
                    let mut v = serde_json::to_value(summary).expect("summary serializes");
                    v["event"] = "summary".into();
                    elog!("{v}");
                }
            }
            LogFormat::Text => {
                if failures > MAX_FAILURES_SHOWN {
                    elog!(
                        "newsetl: … and {} more failed documents: see the errors table and {report}",
                        failures - MAX_FAILURES_SHOWN
                    );
                }
                if !self.quiet {
                    elog!("{}", human_summary(summary, rules).trim_end());
                } else if failures > 0 {
                    elog!("newsetl: {failures} documents failed; report: {report}");
                }
            }
        }
    }
}

fn human_summary(s: &pipeline::RunSummary, rules: &config::Rules) -> String {
    let c = &s.changes;
    let files_line = match &s.full_reason {
        Some(reason) => format!(
            "{} files re-extracted, {} deleted (full run: {reason})",
            c.processed, c.deleted
        ),
        None => format!(
            "{} files: {} new, {} changed, {} retried, {} unchanged, {} deleted",
            s.files, c.new, c.changed, c.retried, c.unchanged, c.deleted
        ),
    };
    let mut out = format!(
        "newsetl run {} ({}): {files_line}\n  extracted {} → {} articles, {} errors in {:.2}s; wrote {} files ({}), kept {}\n",
        s.run_id,
        s.mode,
        c.processed,
        s.articles,
        s.failed,
        s.wall_seconds,
        s.written.files,
        indicatif::HumanBytes(s.written.bytes),
        s.written.files_kept,
    );
    let config = if rules.fell_back {
        "embedded (built-in rules: no --config, NEWSETL_CONFIG or ./config/newsetl.yaml)"
            .to_string()
    } else {
        s.config_source.clone()
    };
    out += &format!("  config: {config} (hash {})\n", s.config_hash);
    if let Some(id) = &s.stale_lock {
        out += &format!("  note: run {id} had died holding the lock; its leftovers were removed\n");
    }
    let join = |m: &std::collections::BTreeMap<String, u64>| {
        m.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if s.articles > 0 {
        out += &format!(
            "  front matter: {}\n  dates: {}\n",
            join(&s.front_matter_status),
            join(&s.date_status)
        );
    }
    for (site, c) in s.date_zone_checks.iter().filter(|(_, c)| c.suspect) {
        out += &format!(
            "  dates: {site}: {} of {} assumed-zone dates are before the part of day their lead states; check dates.zone_by_site\n",
            c.disagree, c.checked
        );
    }
    if !s.errors_by_kind.is_empty() {
        out += &format!("  errors: {}\n", join(&s.errors_by_kind));
    }
    if !s.unmapped_categories.is_empty() {
        out += &format!(
            "  unmapped categories: {} values (see the run report)\n",
            s.unmapped_categories.len()
        );
    }
    for w in s.warnings.iter().chain(&s.written.warnings) {
        out += &format!("  warning: {w}\n");
    }
    if !s.written.foreign_files.is_empty() {
        out += &format!(
            "  note: {} files in the tables were not written by newsetl and were kept: {}\n",
            s.written.foreign_files.len(),
            s.written.foreign_files.join(", ")
        );
    }
    if let Some(snap) = &s.written.snapshot {
        out += &format!("  snapshot: {}/{snap}\n", s.output);
    }
    out += &format!("  report: {}/_runs/{}.json", s.output, s.run_id);
    if let Some(f) = &s.changes_file {
        out += &format!(" (changes: {}/{f})", s.output);
    }
    out += "\n";
    out
}
