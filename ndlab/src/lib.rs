//! The workbook's own library. Today it holds [`linalg`]: NumPy-shaped linear algebra
//! (`solve`, `inv`, `det`, `eigh`, `svd`, `qr`, `cholesky`, `lstsq`) on `ndarray` arrays.
pub mod linalg;
