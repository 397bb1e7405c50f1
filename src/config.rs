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
    /// Where the configuration came from, for reports: the main file's path, or `embedded`.
    pub source: String,
    /// The built-in rules were used because no configuration was found (no `--config`, no
    /// `NEWSETL_CONFIG`, no `./config/newsetl.yaml`), not because they were asked for.
    pub fell_back: bool,
    /// What loading decided on its own that a user should know (a file not found and the
    /// built-in one used instead).
    pub notes: Vec<String>,
}

/// Where to find the configuration.
#[derive(Debug, Clone)]
pub enum ConfigSource {
    /// A `newsetl.yaml` file (the other files are resolved next to it) or a directory holding
    /// one. Keys and files it leaves out take the built-in values.
    Path(PathBuf),
    /// The copy compiled into the binary; `chosen` when asked for (`--config embedded`), not
    /// fallen back to.
    Embedded { chosen: bool },
}

/// The environment variable naming the configuration when `--config` is not given.
pub const CONFIG_ENV: &str = "NEWSETL_CONFIG";

impl ConfigSource {
    /// `--config` if given, else `$NEWSETL_CONFIG`, else `./config/newsetl.yaml` if it exists,
    /// else the embedded copy. The value `embedded` names the embedded copy.
    pub fn resolve(explicit: Option<&Path>) -> ConfigSource {
        let named = explicit.map(Path::to_path_buf).or_else(|| {
            std::env::var_os(CONFIG_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        // `file://` URLs name local files; other URLs stay as they are and fail to be read.
        let named = named.map(|p| match p.to_str().map(crate::store::guard::local_path) {
            Some(Ok(local)) => local,
            _ => p,
        });
        match named {
            Some(p) if p.as_os_str() == "embedded" => ConfigSource::Embedded { chosen: true },
            Some(p) => ConfigSource::Path(p),
            None => {
                let local = Path::new("config").join("newsetl.yaml");
                if local.is_file() {
                    ConfigSource::Path(local)
                } else {
                    ConfigSource::Embedded { chosen: false }
                }
            }
        }
    }
}

/// One configuration file as loaded: its name for messages, and its YAML value.
struct ConfigFile {
    name: String,
    value: yaml::Value,
}

/// Load, validate and compile. All problems found are reported together.
pub fn load(source: &ConfigSource) -> Result<Rules, Vec<ConfigIssue>> {
    let embedded = |file: &str, text: &str| -> Result<ConfigFile, Vec<ConfigIssue>> {
        let name = format!("<embedded>/{file}");
        let value = yaml::parse_value(text).map_err(|e| vec![issue(&name, "", e.0)])?;
        Ok(ConfigFile { name, value })
    };
    let main_default = embedded("newsetl.yaml", EMBEDDED_MAIN)?;
    let map_default = embedded("categories.yaml", EMBEDDED_CATEGORIES)?;
    let speech_default = embedded("speech.yaml", EMBEDDED_SPEECH)?;
    match source {
        ConfigSource::Embedded { chosen } => compile_values(
            main_default,
            map_default,
            speech_default,
            "embedded".into(),
            !chosen,
            Vec::new(),
        ),
        ConfigSource::Path(p) => {
            let main_path = if p.is_dir() {
                p.join("newsetl.yaml")
            } else {
                p.clone()
            };
            // Reports name the file absolutely: a run started elsewhere is told apart.
            let main_path = std::path::absolute(&main_path).unwrap_or(main_path);
            let main_name = main_path.display().to_string();
            let main = read_over(&main_path, main_default)?;
            let dir = main_path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let user_main =
                yaml::parse_value(&std::fs::read_to_string(&main_path).unwrap_or_default())
                    .unwrap_or(yaml::Value::Null);
            let mut notes = Vec::new();
            let mut companion = |section: &str, key: &str, default: ConfigFile| {
                let file = yaml::lookup(&main.value, &[section, key])
                    .and_then(yaml::scalar_to_string)
                    .unwrap_or_default();
                let path = dir.join(&file);
                let named = yaml::lookup(&user_main, &[section, key]).is_some();
                if path.is_file() || named {
                    read_over(&path, default)
                } else {
                    notes.push(format!(
                        "{} not found beside {main_name}: the built-in {section} rules are used ({section}.{key})",
                        path.display()
                    ));
                    Ok(default)
                }
            };
            let mapping = companion("categories", "mapping_file", map_default)?;
            let speech = companion("speech", "rules_file", speech_default)?;
            compile_values(main, mapping, speech, main_name, false, notes)
        }
    }
}

/// Read the YAML file at `path` and lay it over `default`: keys it gives replace the defaults'
/// (mappings are merged key by key, lists and values replaced), keys it leaves out keep them.
fn read_over(path: &Path, mut default: ConfigFile) -> Result<ConfigFile, Vec<ConfigIssue>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        let why = if e.kind() == std::io::ErrorKind::NotFound {
            "no such file".to_string()
        } else {
            e.to_string()
        };
        vec![issue(
            &name,
            "",
            format!("cannot read the configuration: {why}"),
        )]
    })?;
    let value = yaml::parse_value(&text).map_err(|e| vec![issue(&name, "", e.0)])?;
    match &value {
        yaml::Value::Mapping(_) | yaml::Value::Null => {}
        other => {
            return Err(vec![issue(
                &name,
                "",
                format!(
                    "a configuration file is a mapping of keys (`key: value` lines), not {}",
                    yaml::kind_name(other)
                ),
            )]);
        }
    }
    yaml::merge(&mut default.value, value);
    Ok(ConfigFile {
        name,
        value: default.value,
    })
}

fn issue(file: &str, key: &str, reason: impl Into<String>) -> ConfigIssue {
    ConfigIssue {
        file: file.to_string(),
        key: key.to_string(),
        reason: reason.into(),
    }
}

/// Type one configuration value, locating the failing key.
fn typed<T: serde::de::DeserializeOwned + Default>(f: &ConfigFile) -> Result<T, ConfigIssue> {
    if matches!(f.value, yaml::Value::Null) {
        return Ok(T::default());
    }
    yaml::from_value_with_path(f.value.clone()).map_err(|(path, e)| issue(&f.name, &path, e.0))
}

/// Compile the three files (their values as given, with no defaults laid under them).
#[cfg(test)]
fn compile_texts(
    main: (&str, &str),
    read_file: impl Fn(&str) -> Result<(String, String), ConfigIssue>,
    source: String,
) -> Result<Rules, Vec<ConfigIssue>> {
    let file = |(name, text): (String, String)| -> Result<ConfigFile, Vec<ConfigIssue>> {
        let value = yaml::parse_value(&text).map_err(|e| vec![issue(&name, "", e.0)])?;
        Ok(ConfigFile { name, value })
    };
    let main = file((main.0.to_string(), main.1.to_string()))?;
    let config: Config = typed(&main).map_err(|i| vec![i])?;
    let mapping = file(read_file(&config.categories.mapping_file).map_err(|i| vec![i])?)?;
    let speech = file(read_file(&config.speech.rules_file).map_err(|i| vec![i])?)?;
    compile_values(main, mapping, speech, source, false, Vec::new())
}

fn compile_values(
    main: ConfigFile,
    mapping_file: ConfigFile,
    speech_file: ConfigFile,
    source: String,
    fell_back: bool,
    notes: Vec<String>,
) -> Result<Rules, Vec<ConfigIssue>> {
    let mut issues = Vec::new();
    let config: Option<Config> = typed(&main).map_err(|i| issues.push(i)).ok();
    let mapping: Option<CategoryMapping> = typed(&mapping_file).map_err(|i| issues.push(i)).ok();
    let speech_config: Option<SpeechConfig> = typed(&speech_file).map_err(|i| issues.push(i)).ok();
    let (Some(config), Some(mapping), Some(speech_config)) = (config, mapping, speech_config)
    else {
        return Err(issues);
    };
    let main_name = main.name.as_str();
    let mut at = |key: String, reason: String| issues.push(issue(main_name, &key, reason));
    config.read.validate(&mut at);
    config.output.validate(&mut at);
    let body = BodyRules::compile(&config.body, &mut at);
    let dates = DateRules::compile(&config.dates, &mut at);
    let map_name = mapping_file.name.as_str();
    let mut at_map = |key: String, reason: String| issues.push(issue(map_name, &key, reason));
    let categories = CategoryRules::compile(&mapping, &mut at_map);
    let speech_name = speech_file.name.as_str();
    let mut at_speech = |key: String, reason: String| issues.push(issue(speech_name, &key, reason));
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
        fell_back,
        notes,
    })
}

/// Which configuration file a path is: by its name, else by its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `newsetl.yaml`: the stages' rules.
    Main,
    /// `categories.yaml`: the category mapping.
    Categories,
    /// `speech.yaml`: the speech rules.
    Speech,
}

impl FileKind {
    /// The kind of the file at `path`: `categories.yaml` and `speech.yaml` by name; otherwise
    /// by its top-level keys (`section`/`site`/`feed` only: categories; only keys of the speech
    /// rules: speech), else the main file.
    pub fn of(path: &Path) -> FileKind {
        match path.file_name().and_then(|n| n.to_str()) {
            Some("categories.yaml" | "categories.yml") => return FileKind::Categories,
            Some("speech.yaml" | "speech.yml") => return FileKind::Speech,
            Some("newsetl.yaml" | "newsetl.yml") => return FileKind::Main,
            _ => {}
        }
        let value = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| yaml::parse_value(&t).ok());
        let keys: Vec<String> = match &value {
            Some(yaml::Value::Mapping(m)) => m.keys().filter_map(yaml::scalar_to_string).collect(),
            _ => Vec::new(),
        };
        // The kind whose keys the file uses most; a tie or none (typos only): the main file,
        // whose check names unknown keys.
        let count = |known: &[&str]| keys.iter().filter(|k| known.contains(&k.as_str())).count();
        let main_keys = ["read", "body", "dates", "categories", "speech", "output"];
        let speech_keys: Vec<String> = match crate::yaml::to_json_value(&SpeechConfig::default()) {
            serde_json::Value::Object(o) => o.keys().cloned().collect(),
            _ => Vec::new(),
        };
        let speech_keys: Vec<&str> = speech_keys.iter().map(String::as_str).collect();
        let (m, c, sp) = (
            count(&main_keys),
            count(&["section", "site", "feed"]),
            count(&speech_keys),
        );
        if c > m && c > sp {
            FileKind::Categories
        } else if sp > m && sp > c {
            FileKind::Speech
        } else {
            FileKind::Main
        }
    }
}

/// `newsetl check-config FILE`: validate one file by its kind ([`FileKind`]): the main file
/// with the files it names, or a category mapping or speech rules file on its own (laid over
/// the built-in defaults). Returns a one-line description of what was checked.
pub fn check_file(path: &Path) -> Result<String, Vec<ConfigIssue>> {
    let kind = FileKind::of(path);
    let name = path.display().to_string();
    let built_in = |file: &str, text: &str| -> ConfigFile {
        ConfigFile {
            name: format!("<embedded>/{file}"),
            value: yaml::parse_value(text).expect("embedded config is YAML"),
        }
    };
    match kind {
        FileKind::Main => {
            let rules = load(&ConfigSource::Path(path.to_path_buf()))?;
            let mut out = format!("config OK: {} (hash {})", rules.source, rules.hash);
            for n in &rules.notes {
                out += &format!("\n  note: {n}");
            }
            Ok(out)
        }
        FileKind::Categories => {
            let file = read_over(path, built_in("categories.yaml", EMBEDDED_CATEGORIES))?;
            let mapping: CategoryMapping = typed(&file).map_err(|i| vec![i])?;
            let mut issues = Vec::new();
            let mut at = |key: String, reason: String| issues.push(issue(&name, &key, reason));
            CategoryRules::compile(&mapping, &mut at);
            if !issues.is_empty() {
                return Err(issues);
            }
            Ok(format!(
                "category mapping OK: {name} ({} sections, {} sites, {} feeds with the built-in ones)",
                mapping.section.len(),
                mapping.site.len(),
                mapping.feed.len()
            ))
        }
        FileKind::Speech => {
            let file = read_over(path, built_in("speech.yaml", EMBEDDED_SPEECH))?;
            let speech: SpeechConfig = typed(&file).map_err(|i| vec![i])?;
            let mut issues = Vec::new();
            let mut at = |key: String, reason: String| issues.push(issue(&name, &key, reason));
            SpeechRules::compile(&speech, &mut at);
            if !issues.is_empty() {
                return Err(issues);
            }
            Ok(format!("speech rules OK: {name}"))
        }
    }
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
        let rules = load(&ConfigSource::Embedded { chosen: true }).expect("embedded config valid");
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
