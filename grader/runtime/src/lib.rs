// Comparisons written `!(x >= 0.0)` are deliberate: they are true for NaN as well.
#![allow(clippy::neg_cmp_op_on_partial_ord)]
//! The part of the ndlab judge that is compiled into the runner binaries, next to a submission.
//!
//! Everything here only *computes*: decoding arguments ([`value`], [`inputs`]), calling exercises
//! ([`table`]), the runner protocol ([`runner`]) and the machine primitives timing budgets are
//! expressed in ([`prims`]). Verdicts are decided by the `ndlab-grader` crate, in another process.

pub mod alloc;
pub mod checks;
pub mod inputs;
pub mod prims;
pub mod runner;
pub mod stats;
pub mod table;
pub mod value;

pub use table::Table;
pub use value::{Data, FromValue, IntoValue, Value};

/// SplitMix64's finaliser: a fixed, well-mixed 64-bit hash (seeds of timed inputs, weights of
/// fingerprints).
pub fn mix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
