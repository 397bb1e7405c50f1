//! The store: everything that lives in the output between runs. [`schema`] defines the tables,
//! [`sink`] is the only writer of the dataset (Parquet files, staging, publish), [`state`] holds
//! the run state (manifest, lock, ownership marker); [`lake`] is the object-store publish (Delta
//! Lake tables written by shards and committed once).

pub mod durable;
pub mod guard;
pub mod lake;
pub mod schema;
pub mod sink;
pub mod state;
