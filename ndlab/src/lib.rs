//! The workbook's own library. Today it holds [`linalg`]: NumPy-shaped linear algebra
//! (`solve`, `inv`, `det`, `eigh`, `svd`, `qr`, `cholesky`, `lstsq`) on `ndarray` arrays.
pub mod linalg;

/// `docs/numpy-to-ndarray.md`, the NumPy-to-ndarray cheat sheet: included here only so that
/// `cargo test -p ndlab --doc` compiles and runs every Rust block in it.
#[cfg(doctest)]
#[doc = include_str!("../../docs/numpy-to-ndarray.md")]
pub struct NumpyToNdarrayCheatSheet;
