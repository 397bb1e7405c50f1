//! The one typed, validated configuration. Every stage owns the struct for its own section
//! (`read::ReadConfig`, `body::BodyConfig`, ...) next to its code; this module loads the files,
//! validates them all at once (unknown keys, regexes, CSS selectors, time zones) and compiles
//! them into [`Rules`], which the pipeline shares read-only across threads.
//!
//! Files: `newsetl.yaml` (the stages' rules), the category mapping it names
//! (`categories.mapping_file`, `categories.yaml` by default) and the speech rules
//! (`speech.rules_file`, `speech.yaml`), both looked up relative to the main file.

use crate::body::{BodyConfig, BodyRules};
use crate::error::ConfigIssue;
use crate::normalize::{CategoryMapping, CategoryRules, DateRules, DatesConfig};
use crate::read::ReadConfig;
use crate::speech::{SpeechConfig, SpeechRules};
use crate::store::sink::OutputConfig;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The embedded default configuration: the files in `config/` at build time, used when no
/// `config/` directory is found and no `--config` is given.
pub const EMBEDDED_MAIN: &str = include_str!("../config/newsetl.yaml");
pub const EMBEDDED_CATEGORIES: &str = include_str!("../config/categories.yaml");
pub const EMBEDDED_SPEECH: &str = include_str!("../config/speech.yaml");

/// `newsetl.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub read: ReadConfig,
    pub body: BodyConfig,
    pub dates: DatesConfig,
    pub categories: CategoriesConfig,
    pub speech: SpeechSection,
    pub output: OutputConfig,
}

/// The `speech` section of `newsetl.yaml`: where the speech rules live.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SpeechSection {
    /// Path of the speech rules, relative to `newsetl.yaml`.
    pub rules_file: String,
}

impl Default for SpeechSection {
    fn default() -> Self {
        SpeechSection {
            rules_file: "speech.yaml".into(),
        }
    }
}

/// The `categories` section of `newsetl.yaml`: where the mapping lives.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CategoriesConfig {
    /// Path of the mapping file, relative to `newsetl.yaml`.
    pub mapping_file: String,
}

impl Default for CategoriesConfig {
    fn default() -> Self {
        CategoriesConfig {
            mapping_file: "categories.yaml".into(),
        }
    }
}

/// The validated, compiled configuration shared by all stages.
#[derive(Debug)]
pub struct Rules {
    pub config: Config,
    pub mapping: CategoryMapping,
    pub speech_config: SpeechConfig,
    pub read: ReadConfig,
    pub body: BodyRules,
    pub dates: DateRules,
    pub categories: CategoryRules,
    pub speech: SpeechRules,
    /// Hash of the canonical (parsed) configuration: comments and formatting do not change it,
    /// any rule does. Recorded in every output row and file.
    pub hash: String,
    /// Where the configuration came from, for reports.
    pub source: String,
}

/// Where to find the configuration.
#[derive(Debug, Clone)]
pub enum ConfigSource {
    /// A `newsetl.yaml` file (the mapping file is resolved next to it) or a directory holding one.
    Path(PathBuf),
    /// The copy compiled into the binary.
    Embedded,
}

impl ConfigSource {
    /// `--config` if given, else `./config/newsetl.yaml` if it exists, else the embedded copy.
    pub fn resolve(explicit: Option<&Path>) -> ConfigSource {
        match explicit {
            Some(p) => ConfigSource::Path(p.to_path_buf()),
            None => {
                let local = Path::new("config").join("newsetl.yaml");
                if local.is_file() {
                    ConfigSource::Path(local)
                } else {
                    ConfigSource::Embedded
                }
            }
        }
    }
}

/// Load, validate and compile. All problems found are reported together.
pub fn load(source: &ConfigSource) -> Result<Rules, Vec<ConfigIssue>> {
    match source {
        ConfigSource::Embedded => compile_texts(
            ("<embedded>/newsetl.yaml", EMBEDDED_MAIN),
            |file| {
                let name = format!("<embedded>/{file}");
                match file {
                    "categories.yaml" => Ok((name, EMBEDDED_CATEGORIES.into())),
                    "speech.yaml" => Ok((name, EMBEDDED_SPEECH.into())),
                    _ => Err(issue(&name, "", "not built into the binary: pass --config")),
                }
            },
            "embedded".into(),
        ),
        ConfigSource::Path(p) => {
            let main_path = if p.is_dir() {
                p.join("newsetl.yaml")
            } else {
                p.clone()
            };
            let main_name = main_path.display().to_string();
            let text = std::fs::read_to_string(&main_path)
                .map_err(|e| vec![issue(&main_name, "", format!("cannot read: {e}"))])?;
            let dir = main_path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            compile_texts(
                (&main_name, &text),
                |file: &str| {
                    let path = dir.join(file);
                    let name = path.display().to_string();
                    std::fs::read_to_string(&path)
                        .map(|t| (name.clone(), t))
                        .map_err(|e| issue(&name, "", format!("cannot read: {e}")))
                },
                main_name.clone(),
            )
        }
    }
}

fn issue(file: &str, key: &str, reason: impl Into<String>) -> ConfigIssue {
    ConfigIssue {
        file: file.to_string(),
        key: key.to_string(),
        reason: reason.into(),
    }
}

/// Parse one YAML config file into its typed struct, locating the failing key.
fn parse_file<T: serde::de::DeserializeOwned + Default>(
    name: &str,
    text: &str,
) -> Result<T, ConfigIssue> {
    if text.trim().is_empty() {
        return Ok(T::default());
    }
    yaml::parse_typed_with_path(text).map_err(|(path, e)| issue(name, &path, e.0))
}

fn compile_texts(
    main: (&str, &str),
    read_file: impl Fn(&str) -> Result<(String, String), ConfigIssue>,
    source: String,
) -> Result<Rules, Vec<ConfigIssue>> {
    let (main_name, main_text) = main;
    let config: Config = parse_file(main_name, main_text).map_err(|i| vec![i])?;
    let (map_name, map_text) = read_file(&config.categories.mapping_file).map_err(|i| vec![i])?;
    let mapping: CategoryMapping = parse_file(&map_name, &map_text).map_err(|i| vec![i])?;
    let (speech_name, speech_text) = read_file(&config.speech.rules_file).map_err(|i| vec![i])?;
    let speech_config: SpeechConfig =
        parse_file(&speech_name, &speech_text).map_err(|i| vec![i])?;

    let mut issues = Vec::new();
    let mut at = |key: String, reason: String| issues.push(issue(main_name, &key, reason));
    config.read.validate(&mut at);
    config.output.validate(&mut at);
    let body = BodyRules::compile(&config.body, &mut at);
    let dates = DateRules::compile(&config.dates, &mut at);
    let mut at_map = |key: String, reason: String| issues.push(issue(&map_name, &key, reason));
    let categories = CategoryRules::compile(&mapping, &mut at_map);
    let mut at_speech =
        |key: String, reason: String| issues.push(issue(&speech_name, &key, reason));
    let speech = SpeechRules::compile(&speech_config, &mut at_speech);
    if !issues.is_empty() {
        return Err(issues);
    }
    let hash = config_hash(&config, &mapping, &speech_config);
    Ok(Rules {
        read: config.read.clone(),
        config,
        mapping,
        speech_config,
        speech: speech.expect("no issues reported"),
        body: body.expect("no issues reported"),
        dates: dates.expect("no issues reported"),
        categories: categories.expect("no issues reported"),
        hash,
        source,
    })
}

/// The hash of the canonical configuration: all files parsed, re-serialized as JSON.
fn config_hash(config: &Config, mapping: &CategoryMapping, speech: &SpeechConfig) -> String {
    let canonical = serde_json::to_string(&(config, mapping, speech)).expect("config serializes");
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(canonical.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(main: &str, mapping: &str) -> Result<Rules, Vec<ConfigIssue>> {
        compile3(main, mapping, "")
    }

    fn compile3(main: &str, mapping: &str, speech: &str) -> Result<Rules, Vec<ConfigIssue>> {
        let (mapping, speech) = (mapping.to_string(), speech.to_string());
        compile_texts(
            ("main.yaml", main),
            move |file| match file {
                "speech.yaml" => Ok(("speech.yaml".into(), speech.clone())),
                _ => Ok(("map.yaml".into(), mapping.clone())),
            },
            "test".into(),
        )
    }

    #[test]
    fn speech_rules_are_validated_and_hashed() {
        let err = compile3(
            "",
            "",
            "question_patterns: ['^问：(.*)$']\nlabel_pattern: '(['\n",
        )
        .unwrap_err();
        let keys: Vec<(&str, &str)> = err
            .iter()
            .map(|i| (i.file.as_str(), i.key.as_str()))
            .collect();
        assert!(
            keys.contains(&("speech.yaml", "question_patterns[0]")),
            "{err:?}"
        );
        assert!(keys.contains(&("speech.yaml", "label_pattern")), "{err:?}");
        let a = compile3("", "", "speech_verbs: [表示]\n").unwrap();
        let b = compile3("", "", "speech_verbs: [表示, 说]\n").unwrap();
        assert_ne!(a.hash, b.hash);
    }

    #[test]
    fn embedded_config_is_valid() {
        let rules = load(&ConfigSource::Embedded).expect("embedded config valid");
        assert_eq!(rules.hash.len(), 16);
        assert!(rules.body.drop.is_some());
    }

    #[test]
    fn unknown_key_is_reported_with_its_path() {
        let err = compile("body:\n  drop_selectorz: [p]\n", "").unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].file, "main.yaml");
        assert!(err[0].key.starts_with("body"), "{:?}", err[0]);
        assert!(err[0].reason.contains("drop_selectorz"), "{:?}", err[0]);
    }

    #[test]
    fn all_bad_rules_are_reported_together() {
        let err = compile(
            "body:\n  drop_selectors: ['p[']\n  editor_patterns: ['(unclosed']\ndates:\n  default_zone: Mars/Olympus\n",
            "",
        )
        .unwrap_err();
        let keys: Vec<&str> = err.iter().map(|i| i.key.as_str()).collect();
        assert!(keys.contains(&"body.drop_selectors[0]"), "{keys:?}");
        assert!(keys.contains(&"body.editor_patterns[0]"), "{keys:?}");
        assert!(keys.contains(&"dates.default_zone"), "{keys:?}");
    }

    #[test]
    fn hash_ignores_comments_but_not_rules() {
        let a = compile("dates:\n  default_zone: Asia/Shanghai\n", "").unwrap();
        let b = compile("# a comment\ndates:\n  default_zone:   Asia/Shanghai\n", "").unwrap();
        let c = compile("dates:\n  default_zone: UTC\n", "").unwrap();
        assert_eq!(a.hash, b.hash);
        assert_ne!(a.hash, c.hash);
        let d = compile("", "section:\n  金融: finance\n").unwrap();
        assert_ne!(a.hash, d.hash);
    }
}
