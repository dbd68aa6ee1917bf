// Comparisons written `!(x >= 0.0)` are deliberate: they are true for NaN as well.
#![allow(clippy::neg_cmp_op_on_partial_ord)]
//! The part of the ndlab judge that is compiled into the runner binaries, next to a submission.
//!
//! Everything here only *computes*: decoding arguments ([`value`], [`inputs`]), calling exercises
//! ([`table`]), the runner protocol ([`runner`]) and the machine primitives timing budgets are
//! expressed in ([`prims`]). Verdicts are decided by the `ndlab-grader` crate, in another process.

pub mod checks;
pub mod inputs;
pub mod prims;
pub mod runner;
pub mod stats;
pub mod table;
pub mod value;

pub use table::Table;
pub use value::{Data, FromValue, IntoValue, Value};
