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
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
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

#[derive(Clone, Copy, ValueEnum)]
enum SchemaFormat {
    Text,
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("newsetl: error: {e:#}");
            ExitCode::from(EXIT_FATAL)
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
            quiet,
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
            };
            let bar = if !quiet && std::io::stderr().is_terminal() {
                let bar = indicatif::ProgressBar::new(0);
                bar.set_style(
                    indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} docs ({per_sec}, eta {eta})")
                        .expect("valid template"),
                );
                Some(bar)
            } else {
                None
            };
            let progress = |p: Progress| {
                if let Some(bar) = &bar {
                    match p {
                        Progress::Discovered(n) => bar.set_length(n),
                        Progress::Done(n) => bar.set_position(n),
                    }
                }
            };
            let summary = pipeline::run(&rules, &opts, &progress).context("run failed")?;
            if let Some(bar) = &bar {
                bar.finish_and_clear();
            }
            if !quiet {
                eprint!("{}", human_summary(&summary));
            }
            let rate = if summary.files == 0 {
                0.0
            } else {
                summary.failed as f64 / summary.files as f64
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
                newsetl::schema::render(matches!(format, SchemaFormat::Markdown))
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

fn human_summary(s: &pipeline::RunSummary) -> String {
    let mut out = format!(
        "newsetl run {}: {} files → {} articles, {} errors in {:.2}s; wrote {} files ({} bytes) to {}\n",
        s.run_id,
        s.files,
        s.articles,
        s.failed,
        s.wall_seconds,
        s.written.files,
        s.written.bytes,
        s.output
    );
    let join = |m: &std::collections::BTreeMap<String, u64>| {
        m.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out += &format!(
        "  front matter: {}\n  dates: {}\n",
        join(&s.front_matter_status),
        join(&s.date_status)
    );
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
