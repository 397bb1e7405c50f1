//! Stage 5 — normalize: dates to UTC instants and calendar days with their precision and
//! source ([`dates`]), categories to a stable taxonomy ([`categories`]). Nothing here fails a
//! document: a bad value is a null with a status.

pub mod categories;
pub mod dates;

pub use categories::{CategoryMapping, CategoryRules, Taxonomy, categorize, clean_category};
pub use dates::{DateRules, DateStatus, DatesConfig, NormalizedDate};
