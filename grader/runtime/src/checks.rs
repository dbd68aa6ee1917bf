//! Comparators for answers that are defined only up to a symmetry of the problem, used by glue
//! files as derived checks (`check = "..."` in a spec) or to put a submission's answer into a
//! canonical form before the ordinary comparison:
//! - [`partitions`]: clusterings, where label names are arbitrary (k-means);
//! - [`signs`]: eigenvectors and singular vectors, whose sign is arbitrary (PCA);
//! - [`standardize`]: the constant-column rule every standardisation exercise shares;
//! - [`gradients`]: analytic gradients against central differences (`nn`, `classify`).

pub mod gradients;
pub mod partitions;
pub mod signs;
pub mod standardize;

pub use gradients::*;
pub use partitions::*;
pub use signs::*;
pub use standardize::*;
