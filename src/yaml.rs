//! The one door to YAML. `serde_yaml` is the maintained fork `yaml_serde` renamed in Cargo.toml;
//! every other module goes through these functions, so a future swap touches this file only.

pub use serde_yaml::{Mapping, Value};

/// A YAML parse or shape error, with the parser's own location text.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct YamlError(pub String);

/// Parse a YAML document into a generic value.
pub fn parse_value(text: &str) -> Result<Value, YamlError> {
    serde_yaml::from_str(text).map_err(|e| YamlError(e.to_string()))
}

/// Parse a YAML document straight into a typed struct.
pub fn parse_typed<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| YamlError(e.to_string()))
}

/// Render a YAML scalar as the string a human wrote: strings as-is, numbers and booleans in
/// their canonical form; `None` for null, sequences, mappings and tagged values.
pub fn scalar_to_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Convert a YAML value to JSON, for the `front_matter_extra` column. Non-string keys are
/// stringified; tagged values keep their inner value.
pub fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => serde_json::from_str(&n.to_string()).unwrap_or(serde_json::Value::Null),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Sequence(seq) => serde_json::Value::Array(seq.iter().map(to_json).collect()),
        Value::Mapping(m) => serde_json::Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let key = scalar_to_string(k).unwrap_or_else(|| format!("{k:?}"));
                    (key, to_json(v))
                })
                .collect(),
        ),
        Value::Tagged(t) => to_json(&t.value),
    }
}

/// Parse into a typed struct and, on failure, say at which key path it failed
/// (`body.drop_selectors[2]`), for configuration errors a person has to fix.
pub fn parse_typed_with_path<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<T, (String, YamlError)> {
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        (path, YamlError(humanize(&e.into_inner().to_string())))
    })
}

/// Type a YAML value and, on failure, say at which key path it failed. Messages name YAML
/// shapes (a mapping, a list), not Rust types.
pub fn from_value_with_path<T: serde::de::DeserializeOwned>(
    value: Value,
) -> Result<T, (String, YamlError)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        (path, YamlError(humanize(&e.into_inner().to_string())))
    })
}

/// Serde's wording for a person editing YAML: `expected struct BodyConfig` → `expected a
/// mapping`, `sequence` → `list`.
fn humanize(msg: &str) -> String {
    use std::sync::LazyLock;
    static STRUCT: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"expected struct \w+").expect("valid"));
    STRUCT
        .replace_all(msg, "expected a mapping of keys")
        .replace("invalid type: sequence", "invalid type: a list")
        .replace("expected a sequence", "expected a list")
        .replace("invalid type: map", "invalid type: a mapping")
}

/// The value at `path` (mapping keys) inside `v`, if there is one.
pub fn lookup<'v>(v: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(v, |v, key| v.as_mapping()?.get(*key))
}

/// Lay `over` on `base`: mappings merge key by key (recursively); any other value of `over`
/// replaces `base`'s; a null `over` (an empty file) leaves `base` as it is.
pub fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (_, Value::Null) => {}
        (Value::Mapping(b), Value::Mapping(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

/// What kind of YAML value `v` is, for messages.
pub fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// A serializable value as JSON (for listing a config struct's keys).
pub fn to_json_value<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}
