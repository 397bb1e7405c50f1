//! newsetl: scraped news posts → Parquet dataset.
//!
//! One module per stage — [`read`], [`front_matter`], [`body`], [`speech`], [`normalize`] — each a pure
//! function from one document's data to the next stage's data; [`pipeline`] wires them and the
//! parallelism; [`sink`] is the only writer; [`config`] the one typed, validated configuration;
//! [`schema`] the one definition of the output tables. See ARCHITECTURE.md.

pub mod article;
pub mod body;
pub mod config;
pub mod error;
pub mod eval;
pub mod front_matter;
pub mod inspect;
pub mod memory;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod schema;
pub mod sink;
pub mod speech;
pub mod state;
pub mod yaml;
