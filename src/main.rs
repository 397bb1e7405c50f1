//! The command line: parses arguments, calls the library, reports. No extraction rules here.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use newsetl::config::{self, ConfigSource};
use newsetl::pipeline::{self, Progress, RunOptions};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes, documented in the README.
const EXIT_OK: u8 = 0;
const EXIT_DOCS_FAILED: u8 = 1;
// 2 is clap's usage error.
const EXIT_FATAL: u8 = 3;
const EXIT_LOCKED: u8 = 4;

/// Progress lines when stderr is not a terminal: one per this many seconds.
const LOG_INTERVAL: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Parser)]
#[command(
    name = "newsetl",
    version,
    about = "Scraped news posts → analyst-ready Parquet dataset"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract every document under the inputs and write the dataset.
    Run {
        /// Configuration file (newsetl.yaml) or directory; default ./config, else the built-in copy.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Input directory; repeatable.
        #[arg(long = "input", default_value = "seeds")]
        inputs: Vec<PathBuf>,
        /// Output directory.
        #[arg(long, default_value = "output")]
        output: PathBuf,
        /// Highest share of failed documents (0–1) that still exits 0.
        #[arg(long, default_value_t = 0.0)]
        max_error_rate: f64,
        /// Re-extract every document, whatever the previous run's manifest says.
        #[arg(long)]
        full: bool,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
        /// Progress and summary on stderr as text or as JSON lines.
        #[arg(long, value_enum, default_value_t = LogFormat::Text)]
        log_format: LogFormat,
    },
    /// Show what every stage extracts from one document.
    Inspect {
        file: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
        /// Print the extracted record as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print every output table's columns, types and meaning.
    Schema {
        #[arg(long, value_enum, default_value_t = SchemaFormat::Text)]
        format: SchemaFormat,
    },
    /// Validate the configuration; non-zero exit when it is invalid.
    CheckConfig { file: Option<PathBuf> },
    /// Score the speech stage against the hand-annotated gold set (precision, recall, F1).
    Eval {
        /// Gold directory: `annotations.yaml` and `docs/`.
        #[arg(long, default_value = "tests/gold")]
        gold: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
        /// List what differs, document by document.
        #[arg(long, short)]
        verbose: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaFormat {
    Text,
    Markdown,
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
        Err(e) => {
            let locked = matches!(
                e.downcast_ref::<newsetl::error::RunError>(),
                Some(newsetl::error::RunError::Locked { .. })
            );
            let code = if locked { EXIT_LOCKED } else { EXIT_FATAL };
            if json {
                let line = serde_json::json!({"event": "error", "exit_code": code, "message": format!("{e:#}")});
                eprintln!("{line}");
            } else {
                eprintln!("newsetl: error: {e:#}");
            }
            ExitCode::from(code)
        }
    }
}

fn load_rules(path: Option<&std::path::Path>) -> anyhow::Result<config::Rules> {
    let source = ConfigSource::resolve(path);
    config::load(&source).map_err(|issues| newsetl::error::RunError::Config(issues).into())
}

fn dispatch(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Run {
            config,
            inputs,
            output,
            max_error_rate,
            full,
            quiet,
            log_format,
        } => {
            anyhow::ensure!(
                (0.0..=1.0).contains(&max_error_rate),
                "--max-error-rate must be between 0 and 1"
            );
            let rules = load_rules(config.as_deref())?;
            let opts = RunOptions {
                inputs,
                output,
                run_id: pipeline::new_run_id(),
                full,
            };
            let reporter = Reporter::new(quiet, log_format, &opts.run_id);
            let summary =
                pipeline::run(&rules, &opts, &|p| reporter.progress(p)).context("run failed")?;
            reporter.finish(&summary);
            let rate = if summary.changes.processed == 0 {
                0.0
            } else {
                summary.failed as f64 / summary.changes.processed as f64
            };
            Ok(if summary.failed > 0 && rate > max_error_rate {
                EXIT_DOCS_FAILED
            } else {
                EXIT_OK
            })
        }
        Command::Inspect { file, config, json } => {
            let rules = load_rules(config.as_deref())?;
            match newsetl::inspect::inspect(&file, &rules) {
                Ok(a) => {
                    if json {
                        println!("{}", serde_json::to_string_pretty(&a)?);
                    } else {
                        print!("{}", newsetl::inspect::render(&a));
                    }
                    Ok(EXIT_OK)
                }
                Err(e) => {
                    if json {
                        println!(
                            "{}",
                            serde_json::to_string_pretty(&serde_json::json!({ "error": e }))?
                        );
                    } else {
                        println!("{}: not extracted: {e}", file.display());
                    }
                    Ok(EXIT_DOCS_FAILED)
                }
            }
        }
        Command::Schema { format } => {
            print!(
                "{}",
                newsetl::store::schema::render(matches!(format, SchemaFormat::Markdown))
            );
            Ok(EXIT_OK)
        }
        Command::CheckConfig { file } => {
            let rules = load_rules(file.as_deref())?;
            println!("config OK: {} (hash {})", rules.source, rules.hash);
            Ok(EXIT_OK)
        }
        Command::Eval {
            gold,
            config,
            verbose,
        } => {
            let rules = load_rules(config.as_deref())?;
            let report = newsetl::eval::evaluate(&gold, &rules).map_err(anyhow::Error::msg)?;
            print!("{}", report.render(verbose));
            Ok(EXIT_OK)
        }
    }
}

/// Progress on stderr: a bar on a terminal, a line every [`LOG_INTERVAL`] otherwise, JSON lines
/// with `--log-format json`, nothing with `--quiet`.
struct Reporter {
    quiet: bool,
    format: LogFormat,
    run_id: String,
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
    total: std::sync::atomic::AtomicU64,
    last_line: std::sync::Mutex<std::time::Instant>,
}

impl Reporter {
    fn new(quiet: bool, format: LogFormat, run_id: &str) -> Reporter {
        let bar = (!quiet && format == LogFormat::Text && std::io::stderr().is_terminal()).then(
            || {
                let bar = indicatif::ProgressBar::new(0);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} docs ({per_sec}, eta {eta})",
                    )
                    .expect("valid template"),
                );
                bar
            },
        );
        let now = std::time::Instant::now();
        Reporter {
            quiet,
            format,
            run_id: run_id.to_string(),
            bar,
            started: now,
            total: 0.into(),
            last_line: std::sync::Mutex::new(now),
        }
    }

    fn progress(&self, p: Progress) {
        use std::sync::atomic::Ordering;
        if let Some(bar) = &self.bar {
            match p {
                Progress::Planned(n) => bar.set_length(n),
                Progress::Done(n) => bar.set_position(n),
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
                    LogFormat::Json => eprintln!(
                        "{}",
                        serde_json::json!({"event": "planned", "run_id": self.run_id, "to_extract": n, "elapsed_s": elapsed})
                    ),
                    LogFormat::Text => {
                        eprintln!("newsetl: {n} documents to extract (planned in {elapsed:.1}s)")
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
        };
        match self.format {
            LogFormat::Json => eprintln!(
                "{}",
                serde_json::json!({"event": "progress", "run_id": self.run_id, "done": done, "total": total, "elapsed_s": elapsed})
            ),
            LogFormat::Text => eprintln!(
                "newsetl: {done}/{total} extracted ({:.0}%), {elapsed:.1}s",
                if total == 0 {
                    100.0
                } else {
                    100.0 * done as f64 / total as f64
                }
            ),
        }
    }

    fn finish(&self, summary: &pipeline::RunSummary) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.quiet {
            return;
        }
        match self.format {
            LogFormat::Json => {
                let mut v = serde_json::to_value(summary).expect("summary serializes");
                v["event"] = "summary".into();
                eprintln!("{v}");
            }
            LogFormat::Text => eprint!("{}", human_summary(summary)),
        }
    }
}

fn human_summary(s: &pipeline::RunSummary) -> String {
    let c = &s.changes;
    let mut out = format!(
        "newsetl run {} ({}{}): {} files: {} new, {} changed, {} retried, {} unchanged, {} deleted\n  \
         extracted {} → {} articles, {} errors in {:.2}s; wrote {} files ({} bytes), kept {} to {}\n",
        s.run_id,
        s.mode,
        s.full_reason
            .as_deref()
            .map(|r| format!(": {r}"))
            .unwrap_or_default(),
        s.files,
        c.new,
        c.changed,
        c.retried,
        c.unchanged,
        c.deleted,
        c.processed,
        s.articles,
        s.failed,
        s.wall_seconds,
        s.written.files,
        s.written.bytes,
        s.written.files_kept,
        s.output
    );
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
    if !s.errors_by_kind.is_empty() {
        out += &format!("  errors: {}\n", join(&s.errors_by_kind));
    }
    if !s.unmapped_categories.is_empty() {
        out += &format!(
            "  unmapped categories: {} values (see the run report)\n",
            s.unmapped_categories.len()
        );
    }
    out += &format!("  report: {}/_runs/{}.json\n", s.output, s.run_id);
    out
}
