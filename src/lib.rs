//! newsetl: scraped news posts → Parquet dataset.
//!
//! One module per stage — [`read`], [`front_matter`], [`body`], [`speech`], [`normalize`] — each a pure
//! function from one document's data to the next stage's data; [`pipeline`] wires them and the
//! parallelism; [`store`] holds the output: its [`store::sink`] is the only writer and its
//! [`store::schema`] the one definition of the output tables; [`config`] is the one typed,
//! validated configuration, compiled through [`rules`]. See ARCHITECTURE.md.

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
pub mod rules;
pub mod speech;
pub mod store;
pub mod yaml;
