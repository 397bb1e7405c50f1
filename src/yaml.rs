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
        (path, YamlError(e.into_inner().to_string()))
    })
}
