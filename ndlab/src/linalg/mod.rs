//! NumPy-shaped linear algebra on `ndarray`: `solve`, `inv`, `det`, `eigh`, `svd`, `qr`,
//! `cholesky`, `lstsq` (and `matmul`), each returning a [`Result`] with a clear [`LinalgError`]
//! instead of panicking or handing back NaN.
//!
//! This is a thin layer, not a linear-algebra library. The numbers come from a real one:
//! - **faer** (default): pure Rust, builds offline everywhere, single-threaded here;
//! - **Intel MKL** through `ndarray-linalg` (LAPACK), with `--features mkl` (see the README).
//!
//! What the layer adds, identically for both backends:
//! - input checks: square where needed, matching shapes, finite values;
//! - `solve`/`inv` report [`LinalgError::Singular`] when a pivot of the LU factorisation is zero
//!   or below `n·ε` times the largest pivot. NumPy only complains about an exact zero and returns
//!   huge meaningless numbers for a numerically singular matrix; we prefer the error;
//! - signs: each eigenvector (and each singular-vector pair) is flipped so that its
//!   largest-magnitude entry (the first one on ties) is positive; `qr` makes `diag(R) ≥ 0`. The
//!   maths allows either sign, and backends differ, so without this the same program could print
//!   different vectors on two machines;
//! - orders as NumPy: `eigh` ascending, `svd` descending.
//!
//! `BACKEND` names the one compiled in.

use ndarray::{Array1, Array2, ArrayBase, Axis, Data, Ix1, Ix2};
use std::fmt;

#[cfg(feature = "mkl")]
mod mkl_backend;
#[cfg(feature = "mkl")]
use mkl_backend as backend;

#[cfg(all(feature = "faer", not(feature = "mkl")))]
mod faer_backend;
#[cfg(all(feature = "faer", not(feature = "mkl")))]
use faer_backend as backend;

#[cfg(not(any(feature = "faer", feature = "mkl")))]
compile_error!("ndlab::linalg needs a backend: the `faer` feature (default) or `mkl`");

/// The library doing the work in this build.
pub const BACKEND: &str = backend::NAME;

/// Why a linear-algebra call could not give an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum LinalgError {
    /// The operation needs a square matrix.
    NotSquare { rows: usize, cols: usize },
    /// The operands do not fit together (the message says how).
    ShapeMismatch(String),
    /// The matrix is singular (or numerically so: a pivot below `n·ε` of the largest).
    Singular,
    /// Cholesky needs a symmetric positive-definite matrix.
    NotPositiveDefinite,
    /// An iterative algorithm (eigenvalues, SVD) did not converge.
    NoConvergence,
    /// The input holds NaN or ±∞.
    NotFinite,
    /// The backend reported something else.
    Backend(String),
}

impl fmt::Display for LinalgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinalgError::NotSquare { rows, cols } => write!(f, "expected a square matrix, got {rows}×{cols}"),
            LinalgError::ShapeMismatch(m) => write!(f, "shape mismatch: {m}"),
            LinalgError::Singular => write!(f, "the matrix is singular (to working precision)"),
            LinalgError::NotPositiveDefinite => write!(f, "the matrix is not positive definite"),
            LinalgError::NoConvergence => write!(f, "the algorithm did not converge"),
            LinalgError::NotFinite => write!(f, "the input contains NaN or infinity"),
            LinalgError::Backend(m) => write!(f, "{BACKEND}: {m}"),
        }
    }
}

impl std::error::Error for LinalgError {}

pub type Result<T> = std::result::Result<T, LinalgError>;

fn finite<S: Data<Elem = f64>, D: ndarray::Dimension>(a: &ArrayBase<S, D>) -> Result<()> {
    if a.iter().all(|x| x.is_finite()) { Ok(()) } else { Err(LinalgError::NotFinite) }
}

fn square<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Result<usize> {
    let (r, c) = a.dim();
    if r == c { Ok(r) } else { Err(LinalgError::NotSquare { rows: r, cols: c }) }
}

/// The symmetric matrix whose lower triangle is `a`'s (what NumPy's `eigh`/`cholesky` read).
/// Built here, once, so every backend sees the same full matrix whatever its layout conventions.
fn from_lower<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Array2<f64> {
    Array2::from_shape_fn(a.dim(), |(i, j)| if i >= j { a[[i, j]] } else { a[[j, i]] })
}

/// A checked LU factorisation: `P·A = L·U`.
struct Lu {
    f: backend::Lu,
    n: usize,
}

impl Lu {
    fn new<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Result<Lu> {
        let n = square(a)?;
        finite(a)?;
        Ok(Lu { f: backend::lu(a.view()), n })
    }

    /// Numerically singular: a zero or non-finite pivot, or one below n·ε of the largest.
    fn singular(&self) -> bool {
        let piv = self.f.pivots();
        let max = piv.iter().fold(0.0f64, |m, p| m.max(p.abs()));
        let tol = self.n as f64 * f64::EPSILON * max;
        piv.iter().any(|p| !p.is_finite() || *p == 0.0 || p.abs() <= tol)
    }

    fn det(&self) -> f64 {
        let piv = self.f.pivots();
        if piv.contains(&0.0) {
            return 0.0;
        }
        let sign = if self.f.swaps().is_multiple_of(2) { 1.0 } else { -1.0 };
        sign * piv.iter().product::<f64>()
    }

    fn solve(&self, b: Array2<f64>) -> Result<Array2<f64>> {
        if self.singular() {
            return Err(LinalgError::Singular);
        }
        Ok(self.f.solve(b))
    }
}

/// The Gram matrix `aᵀ · a` (`a.T @ a`; BLAS `syrk`), for example the `d × d` cross-products
/// of a covariance matrix, or `x · xᵀ` as `gram(&x.t())`. It is symmetric, so only one
/// triangle is computed (about half the work of [`matmul`]) and mirrored: exactly symmetric.
pub fn gram<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Array2<f64> {
    backend::gram(a.view())
}

/// Matrix product `a · b` (`a @ b`), through the backend's GEMM. With faer on a machine with
/// AVX-512, this is about twice as fast as ndarray's `.dot()` for large products (measured by
/// `cargo xtask bench`; ndarray's `matrixmultiply` has AVX2 kernels only).
pub fn matmul<S1, S2>(a: &ArrayBase<S1, Ix2>, b: &ArrayBase<S2, Ix2>) -> Result<Array2<f64>>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    if a.ncols() != b.nrows() {
        return Err(LinalgError::ShapeMismatch(format!("{:?} @ {:?}: inner sizes differ", a.dim(), b.dim())));
    }
    Ok(backend::matmul(a.view(), b.view()))
}

/// Solves `a · x = b` for one right-hand side (`np.linalg.solve(a, b)`).
pub fn solve<S1, S2>(a: &ArrayBase<S1, Ix2>, b: &ArrayBase<S2, Ix1>) -> Result<Array1<f64>>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    let b2 = b.view().insert_axis(Axis(1));
    let x = solve_many(a, &b2)?;
    Ok(x.index_axis_move(Axis(1), 0))
}

/// Solves `a · X = B` for every column of `B` at once, sharing one factorisation.
pub fn solve_many<S1, S2>(a: &ArrayBase<S1, Ix2>, b: &ArrayBase<S2, Ix2>) -> Result<Array2<f64>>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    let n = square(a)?;
    if b.nrows() != n {
        return Err(LinalgError::ShapeMismatch(format!("a is {n}×{n} but b has {} rows", b.nrows())));
    }
    finite(b)?;
    if n == 0 || b.ncols() == 0 {
        Lu::new(a)?;
        return Ok(Array2::zeros(b.dim()));
    }
    Lu::new(a)?.solve(b.to_owned())
}

/// The inverse (`np.linalg.inv`). To solve a system, prefer [`solve`]: it is cheaper and more
/// accurate than multiplying by the inverse.
pub fn inv<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Result<Array2<f64>> {
    let lu = Lu::new(a)?;
    if lu.n == 0 {
        return Ok(Array2::zeros((0, 0)));
    }
    lu.solve(Array2::eye(lu.n))
}

/// The determinant (`np.linalg.det`), from the LU factorisation: the product of the pivots,
/// negated for an odd number of row swaps. A singular matrix gives 0 (or a tiny number).
pub fn det<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Result<f64> {
    let lu = Lu::new(a)?;
    if lu.n == 0 {
        return Ok(1.0);
    }
    Ok(lu.det())
}

/// Flips column `j` (and row `j` of `partner`, if any) so that the column's largest-magnitude
/// entry is positive; entries within a relative 1e-6 of the largest count as ties, and the first
/// of them decides.
fn fix_signs(v: &mut Array2<f64>, mut partner: Option<&mut Array2<f64>>) {
    for j in 0..v.ncols() {
        let col = v.column(j);
        let max = col.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        let Some(lead) = col.iter().find(|x| x.abs() >= max * (1.0 - 1e-6)) else { continue };
        if *lead < 0.0 {
            v.column_mut(j).mapv_inplace(|x| -x);
            if let Some(p) = partner.as_deref_mut() {
                p.row_mut(j).mapv_inplace(|x| -x);
            }
        }
    }
}

/// Eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix (`np.linalg.eigh`).
/// Only the lower triangle is read, as NumPy does by default.
pub fn eigh<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Result<(Array1<f64>, Array2<f64>)> {
    let n = square(a)?;
    finite(a)?;
    if n == 0 {
        return Ok((Array1::zeros(0), Array2::zeros((0, 0))));
    }
    let (w, mut v) = backend::eigh(from_lower(a).view())?;
    fix_signs(&mut v, None);
    Ok((w, v))
}

/// Eigenvalues only (ascending) of a symmetric matrix (`np.linalg.eigvalsh`).
pub fn eigvalsh<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Result<Array1<f64>> {
    let n = square(a)?;
    finite(a)?;
    if n == 0 {
        return Ok(Array1::zeros(0));
    }
    backend::eigvalsh(from_lower(a).view())
}

/// Thin SVD (`np.linalg.svd(a, full_matrices=False)`): `a = U · diag(s) · Vt` with `U` m×k,
/// `s` of length k in descending order and `Vt` k×n, k = min(m, n).
pub fn svd<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Result<(Array2<f64>, Array1<f64>, Array2<f64>)> {
    finite(a)?;
    let (m, n) = a.dim();
    let k = m.min(n);
    if k == 0 {
        return Ok((Array2::zeros((m, 0)), Array1::zeros(0), Array2::zeros((0, n))));
    }
    let (mut u, s, mut vt) = backend::svd(a.view())?;
    fix_signs(&mut u, Some(&mut vt));
    Ok((u, s, vt))
}

/// Singular values only, descending (`np.linalg.svd(a, compute_uv=False)`).
pub fn svdvals<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Result<Array1<f64>> {
    finite(a)?;
    if a.nrows().min(a.ncols()) == 0 {
        return Ok(Array1::zeros(0));
    }
    backend::svdvals(a.view())
}

/// Reduced QR (`np.linalg.qr(a)`): `a = Q · R`, `Q` m×k with orthonormal columns, `R` k×n upper
/// triangular with a non-negative diagonal, k = min(m, n).
pub fn qr<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Result<(Array2<f64>, Array2<f64>)> {
    finite(a)?;
    let (m, n) = a.dim();
    let k = m.min(n);
    if k == 0 {
        return Ok((Array2::zeros((m, 0)), Array2::zeros((0, n))));
    }
    let (mut q, mut r) = backend::qr(a.view())?;
    for i in 0..k {
        if r[[i, i]] < 0.0 {
            r.row_mut(i).mapv_inplace(|x| -x);
            q.column_mut(i).mapv_inplace(|x| -x);
        }
    }
    Ok((q, r))
}

/// The Cholesky factor `L` (lower triangular, `a = L · Lᵀ`) of a symmetric positive-definite
/// matrix (`np.linalg.cholesky`). Only the lower triangle of `a` is read.
pub fn cholesky<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>) -> Result<Array2<f64>> {
    let n = square(a)?;
    finite(a)?;
    if n == 0 {
        return Ok(Array2::zeros((0, 0)));
    }
    let l = backend::cholesky(from_lower(a).view())?;
    if l.iter().any(|x| !x.is_finite()) {
        return Err(LinalgError::NotPositiveDefinite);
    }
    Ok(l)
}

/// Least squares (`np.linalg.lstsq(a, b, rcond=None)[0]`): the `x` minimising `‖a·x − b‖₂`,
/// and among those the one of smallest norm. Computed from the SVD, ignoring singular values
/// below `ε · max(m, n) · s_max` (NumPy's default), so rank-deficient and under-determined
/// systems get NumPy's answer.
pub fn lstsq<S1, S2>(a: &ArrayBase<S1, Ix2>, b: &ArrayBase<S2, Ix1>) -> Result<Array1<f64>>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    let (m, n) = a.dim();
    if b.len() != m {
        return Err(LinalgError::ShapeMismatch(format!("a has {m} rows but b has {} entries", b.len())));
    }
    finite(b)?;
    let (u, s, vt) = svd(a)?;
    let mut x = Array1::zeros(n);
    let Some(&smax) = s.first() else { return Ok(x) };
    let cutoff = f64::EPSILON * m.max(n) as f64 * smax;
    let utb = u.t().dot(b);
    for (i, &si) in s.iter().enumerate() {
        if si > cutoff {
            x.scaled_add(utb[i] / si, &vt.row(i));
        }
    }
    Ok(x)
}

#[cfg(test)]
mod tests;
