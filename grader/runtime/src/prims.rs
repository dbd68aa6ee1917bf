//! Machine primitives that timing budgets are expressed in.
//!
//! A budget such as `3 * gemm(2000, 64, 2000)` means "three times as long as one ndarray matrix
//! product of a 2000×64 by a 64×2000 matrix, measured in the same process, interleaved with the
//! student's function". `pass(8MB)` is one read-and-write sweep over that many bytes of f64.
//! Because both sides are measured on the same machine at the same moment, the verdict does not
//! depend on how fast or how loaded the machine is.

use ndarray::Array2;
use serde::{Deserialize, Serialize};
use std::hint::black_box;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Primitive {
    /// `(m × k) · (k × n)` with `ndarray`'s `.dot()`.
    Gemm { m: usize, k: usize, n: usize },
    /// One read-modify-write pass over this many bytes.
    Pass { bytes: usize },
    /// A copy that moves this many bytes in all: half read from one buffer, half written to
    /// another (`cargo xtask bench`'s measure of this machine's memory bandwidth).
    Copy { bytes: usize },
}

impl std::fmt::Display for Primitive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Primitive::Gemm { m, k, n } => write!(f, "gemm({m}, {k}, {n})"),
            Primitive::Pass { bytes } => {
                if bytes % (1 << 20) == 0 {
                    write!(f, "pass({}MB)", bytes >> 20)
                } else if bytes % (1 << 10) == 0 {
                    write!(f, "pass({}KB)", bytes >> 10)
                } else {
                    write!(f, "pass({bytes})")
                }
            }
            Primitive::Copy { bytes } => write!(f, "copy({bytes})"),
        }
    }
}

/// The inputs of a primitive, allocated once before timing starts.
pub enum Prepared {
    Gemm(Array2<f64>, Array2<f64>),
    Pass(Vec<f64>),
    Copy(Vec<f64>, Vec<f64>),
}

impl Primitive {
    pub fn prepare(&self) -> Prepared {
        match *self {
            Primitive::Gemm { m, k, n } => Prepared::Gemm(
                Array2::from_shape_fn((m, k), |(i, j)| ((i * 7 + j * 13) % 17) as f64 * 0.1 - 0.8),
                Array2::from_shape_fn((k, n), |(i, j)| ((i * 11 + j * 5) % 19) as f64 * 0.1 - 0.9),
            ),
            Primitive::Pass { bytes } => Prepared::Pass((0..bytes / 8).map(|i| (i % 100) as f64).collect()),
            Primitive::Copy { bytes } => Prepared::Copy((0..bytes / 16).map(|i| (i % 100) as f64).collect(), vec![1.0; bytes / 16]),
        }
    }
}

impl Prepared {
    /// Runs the primitive once.
    pub fn run(&mut self) {
        match self {
            Prepared::Gemm(a, b) => {
                black_box(a.dot(b));
            }
            Prepared::Pass(v) => {
                for x in v.iter_mut() {
                    *x = *x * 0.5 + 1.0;
                }
                black_box(v);
            }
            Prepared::Copy(from, to) => {
                to.copy_from_slice(from);
                black_box(to);
            }
        }
    }
}
