//! # Module 5 — `linalg`: linear algebra, from scratch and with the library
//!
//! Nearly every method in machine learning ends in a linear-algebra call: least squares for
//! regression, an eigendecomposition for PCA, a Cholesky factor to sample from a Gaussian, an SVD
//! to compress or denoise. NumPy hides all of them behind `np.linalg`, which hands the work to
//! LAPACK. This module first builds the main algorithms **from scratch** on `ndarray` (norms,
//! Horner's rule, triangular solves, Gaussian elimination, LU, determinant, inverse, Cholesky,
//! Householder QR, least squares, power iteration), so you know what the library does and
//! where it can fail,
//! then uses the workbook's library **`ndlab::linalg`** for the rest (symmetric
//! eigendecomposition, SVD, low-rank approximation, rank and condition number, polynomial fits,
//! ordinary least squares).
//!
//! ## `ndarray` for linear algebra
//!
//! - `a.dot(&b)` is NumPy's `a @ b`: matrix × matrix, matrix × vector, vector × matrix, and
//!   vector · vector (a scalar). `&a * &b` is the **element-wise** product, like NumPy's `a * b`.
//! - `a.t()` is the transpose, a view (no copy). `a.t().dot(&a)` is `AᵀA`.
//! - `a.row(i)`, `a.column(j)`, `a.slice(s![i, ..j])`, `a.slice_mut(s![k.., k..])` give views
//!   into parts of a matrix; `row.dot(&x.slice(s![..i]))` is a partial inner product without a
//!   copy. `view.assign(&other)` copies values into a view; `row.scaled_add(-f, &pivot_row)` is
//!   the `row -= f * pivot_row` of elimination.
//! - `Array2::eye(n)` is the identity; `a.swap([i, j], [k, l])` swaps two entries.
//!
//! ## `ndlab::linalg`: the library
//!
//! `ndlab::linalg` is a thin NumPy-shaped layer over [faer](https://faer-rs.github.io) (pure
//! Rust, the default) or Intel MKL through `ndarray-linalg` (`--features mkl`). It takes any
//! `f64` matrix or view and returns owned arrays in a `Result<_, LinalgError>`:
//! `matmul`, `solve`, `solve_many`, `inv`, `det`, `eigh`, `eigvalsh`, `svd` (thin), `svdvals`,
//! `qr` (reduced), `cholesky`, `lstsq`. `LinalgError` says what went wrong: `NotSquare`,
//! `ShapeMismatch`, `Singular`, `NotPositiveDefinite`, `NoConvergence`, `NotFinite`. Where a
//! result is only defined up to sign (eigenvectors, singular vectors) the library flips each
//! vector so that its largest-magnitude entry (the first one on ties) is positive, so both
//! backends give the same answer.
//!
//! ## The pivot tolerance used in this module
//!
//! Floating-point elimination rarely produces an exact zero: the last pivot of the singular
//! matrix `[[1, 2, 3], [4, 5, 6], [7, 8, 9]]` comes out near `1e-16`, and dividing by it gives
//! answers around `1e16` that look valid and are garbage (NumPy returns them). The from-scratch
//! exercises therefore treat a pivot `p` (a diagonal entry you are about to divide by) as zero
//! when
//!
//! ```text
//! |p| <= n · ε · max |a_ij|        (ε = f64::EPSILON ≈ 2.2e-16)
//! ```
//!
//! where `n` is the order of the matrix and the maximum runs over the entries of the **input**
//! matrix the function reads (for a triangular solve: the triangle it reads; for
//! `inverse_by_solve`: `A`, not the `U` it computes). A zero or NaN
//! pivot also fails the test, so write it as `!(p.abs() > tol)`. Such a system returns an
//! `Err(String)` with a message, never NaN or infinities. The tolerance is relative, so
//! scaling a matrix by `1e-20` does not make it singular. `ndlab::linalg::solve` and `inv`
//! apply the same idea (relative to the largest pivot) and return `LinalgError::Singular`.
//!
//! ## About speed, honestly
//!
//! Small dense linear algebra in Rust is fast even with plain loops: an `n × n` elimination
//! written with index loops is fine for the sizes of the untimed exercises. One exception to
//! "a loop is as fast": a floating-point **reduction** (a sum, an inner product) written as
//! `s += x[k] * y[k]` in a loop is one chain of dependent additions, which the compiler may
//! not reorder, so it runs one addition at a time. `ndarray`'s `.sum()` and `.dot()` on
//! contiguous data add into eight accumulators (`unrolled_fold`/`unrolled_dot` in its source)
//! and vectorise: several times faster on data in cache, and rounded differently. Use them
//! (or several accumulators) for long sums. What is slow beyond that is the wrong **algorithm** or the
//! wrong **memory walk**, and two exercises are timed for that:
//! - `det_lu`: the cofactor (Laplace) expansion taught in maths courses costs `n!` operations;
//!   elimination costs `n³/3`. At `n = 10` that is microseconds against about a second.
//! - `ols_with_bias`: `XᵀX` for a tall `10⁵ × 20` matrix through `.dot` (a blocked,
//!   vectorised kernel) against index loops that walk the 16 MB matrix down its columns once
//!   per entry of the result, or accumulate it one scalar multiply-add at a time.
//!
//! ## Working on the module
//!
//! Replace each `todo!()` with your code. Later exercises may call earlier ones (for example
//! `det_lu` may use your `lu_decompose`). `cargo test -p linalg` runs the public tests at the
//! bottom of this file; the grader runs more cases, including singular and near-singular
//! systems, 1 × 1 and non-square inputs.
#![allow(unused_variables, unused_imports)]

use ndarray::Zip;
use ndarray::prelude::*;
use ndlab::linalg::{self as la, LinalgError};

// =============================================================================================
// Norms, products and polynomials
// =============================================================================================

/// **Exercise 1 — the three vector norms.**
///
/// Returns `(l1, l2, linf)` for a vector `v`: the sum of absolute values, the Euclidean length
/// `sqrt(Σ vᵢ²)`, and the largest absolute value. They measure "size" differently: L1 counts
/// every coordinate, L∞ only the worst one, and `linf <= l2 <= l1` always holds.
///
/// - NumPy: `np.linalg.norm(v, 1)`, `np.linalg.norm(v)`, `np.linalg.norm(v, np.inf)`
/// - ndarray: `v.iter().map(|x| x.abs()).sum()`, `v.dot(v).sqrt()`, and a `fold` with
///   `f64::max` for the maximum.
/// - Edge cases: the empty vector has all three norms equal to 0 (NumPy raises for `inf` on an
///   empty array); negative entries count by their absolute value.
/// - Speed: not timed; any single pass is fine at these sizes. On long vectors the reduction
///   rule of the module's introduction applies: `v.dot(v)` vectorises, while
///   `v.iter().map(..).sum()` (like a `for` loop with one `+=`) is a single dependent chain.
pub fn vector_norms(v: &Array1<f64>) -> (f64, f64, f64) {
    // BEGIN SOLUTION
    let l1 = v.iter().map(|x| x.abs()).sum();
    let l2 = v.dot(v).sqrt();
    let linf = v.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    (l1, l2, linf)
    // END SOLUTION
}

/// **Exercise 2 — three matrix norms.**
///
/// Returns `(fro, one, inf)` for a matrix `a`:
/// - `fro`, the Frobenius norm `sqrt(Σᵢⱼ aᵢⱼ²)` (the L2 norm of all entries in a line);
/// - `one`, the largest absolute **column** sum `maxⱼ Σᵢ |aᵢⱼ|`;
/// - `inf`, the largest absolute **row** sum `maxᵢ Σⱼ |aᵢⱼ|`.
///
/// `one` and `inf` are the norms *induced* by the vector L1 and L∞ norms: the most `A` can
/// stretch a vector, measured in those norms. (The induced L2 norm is the largest singular
/// value, see `rank_and_cond`.)
///
/// - NumPy: `np.linalg.norm(A, 'fro')`, `np.linalg.norm(A, 1)`, `np.linalg.norm(A, np.inf)`
/// - ndarray: `a.iter()` for the Frobenius sum; `a.mapv(f64::abs).sum_axis(Axis(0))` gives
///   the column sums (`Axis(1)` the row sums), then fold them with `f64::max`.
/// - Pitfalls: `one` sums down the columns (axis 0), not along the rows: easy to swap. A matrix
///   with no rows or no columns has all three norms 0.
/// - The L2 norm of every row, `np.linalg.norm(A, axis=1)`, is a reduction along `Axis(1)`:
///   `a.map_axis(Axis(1), |row| row.dot(&row).sqrt())`. You used it in
///   `broadcasting::l2_normalize_rows`.
/// - Speed: not timed.
pub fn matrix_norms(a: &Array2<f64>) -> (f64, f64, f64) {
    // BEGIN SOLUTION
    let fro = a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let abs = a.mapv(f64::abs);
    let one = abs.sum_axis(Axis(0)).fold(0.0_f64, |m, &x| m.max(x));
    let inf = abs.sum_axis(Axis(1)).fold(0.0_f64, |m, &x| m.max(x));
    (fro, one, inf)
    // END SOLUTION
}

/// **Exercise 3 — evaluate a polynomial by Horner's rule.**
///
/// Returns `p(xᵢ)` for every entry of `x`, where `coeffs` holds the coefficients **highest
/// power first**, the order `polyfit` (exercise 20) returns: with `d = coeffs.len() − 1`,
/// `p(x) = c[0]·x^d + c[1]·x^(d−1) + … + c[d]`. Empty `coeffs` is the zero polynomial (all
/// zeros, as in NumPy); an empty `x` gives an empty result.
///
/// Horner's rule nests the powers away: `p(x) = (…((c[0]·x + c[1])·x + c[2])·x + …) + c[d]`.
/// Start from `acc = 0` and, for each coefficient in order, set `acc = acc·x + c`: `d + 1`
/// multiply-adds per point, no `powi`, and the error is small (Horner is backward stable),
/// whereas summing `c[j]·x^(d−j)` computes every power separately.
///
/// - NumPy: `np.polyval(coeffs, x)`, which runs exactly this loop on whole arrays
///   (`y = zeros_like(x); for c in coeffs: y = y * x + c`).
/// - ndarray: per point, a `fold` over the coefficients inside `x.mapv(...)`; or NumPy's
///   coefficient-outer order, in place, with `acc.zip_mut_with(x, ...)` (or `Zip`). Both do the
///   same operations in the same order per point, so they agree to the last bit.
/// - Pitfalls: `acc * x + c` with two roundings is what NumPy computes; `f64::mul_add` rounds
///   once and can differ in the last bits (near a root of the polynomial that difference is
///   relatively large). Starting from `acc = 0`, as NumPy does, an infinite `x` gives NaN
///   (`0 · ∞`); the graded cases use finite values and NaN (which stays NaN).
/// - Speed: not timed. `x.mapv` with an inner fold reads `x` once; `acc = &acc * x + c` on
///   whole arrays allocates a new array per coefficient (NumPy's way), which is fine for short
///   polynomials and small arrays.
pub fn polyval(coeffs: &Array1<f64>, x: &Array1<f64>) -> Array1<f64> {
    // BEGIN SOLUTION
    x.mapv(|t| coeffs.iter().fold(0.0, |acc, &c| acc * t + c))
    // END SOLUTION
}

/// **Exercise 4 — `dot` is not `*`.**
///
/// Returns `(matrix_product, elementwise_product)` of `a` (`m × k`) and `b`, each as an
/// `Option`: the matrix product `a·b` exists only when `a`'s column count equals `b`'s row count
/// (`None` otherwise); the element-wise product only when the shapes are equal (`None`
/// otherwise; no broadcasting in this exercise).
///
/// The two are different operations that happen to coincide in nothing but notation in some
/// languages. `(A·B)ᵢⱼ = Σₖ Aᵢₖ Bₖⱼ` mixes rows with columns; `(A∘B)ᵢⱼ = Aᵢⱼ Bᵢⱼ` pairs
/// entries. For square matrices both exist and differ; for a `2 × 3` and a `3 × 2` only the
/// matrix product exists.
///
/// - NumPy: `a @ b` (or `np.dot(a, b)`) and `a * b`. (In old NumPy code `np.matrix` made `*`
///   the matrix product: a classic source of bugs.)
/// - ndarray: `a.dot(b)` and `a * b` on references (`&a * &b`). `a.dot(b)` **panics** when
///   the inner dimensions differ. `&a * &b` broadcasts, as NumPy's `*` does: unequal but
///   compatible shapes such as `(3, 1) * (1, 4)` or `(1, n) * (m, n)` silently give a
///   broadcast result, and it panics only when the shapes cannot be broadcast. Hence the
///   explicit checks `a.ncols() == b.nrows()` and `a.dim() == b.dim()` first.
/// - Edge cases: `k = 0` (a `3 × 0` times a `0 × 2`) is a valid product: a `3 × 2` matrix of
///   zeros.
/// - Speed: not timed.
pub fn dot_vs_mul(a: &Array2<f64>, b: &Array2<f64>) -> (Option<Array2<f64>>, Option<Array2<f64>>) {
    // BEGIN SOLUTION
    let prod = (a.ncols() == b.nrows()).then(|| a.dot(b));
    let elem = (a.dim() == b.dim()).then(|| a * b);
    (prod, elem)
    // END SOLUTION
}

// =============================================================================================
// Triangular systems and Gaussian elimination
// =============================================================================================

/// **Exercise 5 — forward substitution: solve `L x = b` for lower-triangular `L`.**
///
/// The first equation has one unknown, `l₀₀ x₀ = b₀`; each next one adds one unknown:
/// `xᵢ = (bᵢ − Σ_{j<i} lᵢⱼ xⱼ) / lᵢᵢ`. Only the lower triangle (diagonal included) of `l` is
/// read; whatever is above the diagonal is ignored.
///
/// Errors (`Err` with a message): `l` not square, `b`'s length not equal to `l`'s order, or a
/// diagonal entry that counts as zero under the module's pivot tolerance
/// (`|lᵢᵢ| <= n·ε·max|lᵢⱼ|`, the maximum over the lower triangle).
///
/// - NumPy/SciPy: `scipy.linalg.solve_triangular(L, b, lower=True)`
/// - ndarray: `l.slice(s![i, ..i]).dot(&x.slice(s![..i]))` is the partial sum without a loop.
/// - Edge cases: `n = 0` gives an empty solution; a 1 × 1 system is a division.
/// - Speed: not timed. `n²` operations: a plain double loop is fine at these sizes; for large
///   `n` the inner sum is a reduction, which `.dot()` on the two slices vectorises and a
///   one-accumulator loop does not.
pub fn forward_substitution(l: &Array2<f64>, b: &Array1<f64>) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    let n = l.nrows();
    if l.ncols() != n {
        return Err(format!("forward_substitution: the matrix is {}x{}, not square", n, l.ncols()));
    }
    if b.len() != n {
        return Err(format!("forward_substitution: the right-hand side has length {}, the matrix order is {n}", b.len()));
    }
    let mut scale = 0.0_f64;
    for i in 0..n {
        for j in 0..=i {
            scale = scale.max(l[[i, j]].abs());
        }
    }
    let tol = n as f64 * f64::EPSILON * scale;
    let mut x = Array1::<f64>::zeros(n);
    for i in 0..n {
        let d = l[[i, i]];
        if !(d.abs() > tol) {
            return Err(format!("forward_substitution: diagonal entry {i} is {d:e}, zero within the tolerance {tol:e}"));
        }
        let s = l.slice(s![i, ..i]).dot(&x.slice(s![..i]));
        x[i] = (b[i] - s) / d;
    }
    Ok(x)
    // END SOLUTION
}

/// **Exercise 6 — back substitution: solve `U x = b` for upper-triangular `U`.**
///
/// The mirror image of exercise 5: start from the **last** equation, `uₙ₋₁ₙ₋₁ xₙ₋₁ = bₙ₋₁`, and
/// go up: `xᵢ = (bᵢ − Σ_{j>i} uᵢⱼ xⱼ) / uᵢᵢ`. Only the upper triangle (diagonal included) is
/// read. This is the second half of every elimination-based solver.
///
/// Errors: as in exercise 5 (not square, wrong length of `b`, a diagonal entry that is zero
/// within `n·ε·max|uᵢⱼ|`, the maximum over the upper triangle).
///
/// - NumPy/SciPy: `scipy.linalg.solve_triangular(U, b)` (upper is the default)
/// - ndarray: `(0..n).rev()` for the loop, `u.slice(s![i, i + 1..]).dot(&x.slice(s![i + 1..]))`.
/// - Edge cases: `n = 0`; 1 × 1; entries below the diagonal must not influence the result.
/// - Speed: not timed.
pub fn back_substitution(u: &Array2<f64>, b: &Array1<f64>) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    let n = u.nrows();
    if u.ncols() != n {
        return Err(format!("back_substitution: the matrix is {}x{}, not square", n, u.ncols()));
    }
    if b.len() != n {
        return Err(format!("back_substitution: the right-hand side has length {}, the matrix order is {n}", b.len()));
    }
    let mut scale = 0.0_f64;
    for i in 0..n {
        for j in i..n {
            scale = scale.max(u[[i, j]].abs());
        }
    }
    let tol = n as f64 * f64::EPSILON * scale;
    let mut x = Array1::<f64>::zeros(n);
    for i in (0..n).rev() {
        let d = u[[i, i]];
        if !(d.abs() > tol) {
            return Err(format!("back_substitution: diagonal entry {i} is {d:e}, zero within the tolerance {tol:e}"));
        }
        let s = u.slice(s![i, i + 1..]).dot(&x.slice(s![i + 1..]));
        x[i] = (b[i] - s) / d;
    }
    Ok(x)
    // END SOLUTION
}

/// **Exercise 7 — Gaussian elimination with partial pivoting.**
///
/// Solves the square system `A x = b`. For each column `k`: pick as pivot the row (among rows
/// `k..n`) whose entry in column `k` has the largest absolute value (the **first** such row on
/// ties), swap it into row `k` (in `b` too), and subtract multiples of it from the rows below so
/// that column `k` becomes zero under the diagonal. Then back-substitute on the triangular
/// result.
///
/// Why pivot? Without it, `[[1e-20, 1], [1, 1]]` divides by `1e-20`, the multiplier `1e20`
/// swamps the other entries and the answer is wrong in the first digit; with it, every
/// multiplier has magnitude ≤ 1 and rounding errors stay small.
///
/// Errors: `a` not square, `b`'s length wrong, or a pivot that counts as zero under the
/// module's tolerance `n·ε·max|aᵢⱼ|` (the maximum over the input `a`): the matrix is singular or
/// numerically singular. `[[1, 2, 3], [4, 5, 6], [7, 8, 9]]` must be rejected although its last
/// pivot is not exactly 0.
///
/// - NumPy: `np.linalg.solve(A, b)` (LAPACK `gesv`: the same algorithm, blocked)
/// - ndarray: work on owned copies (`a.to_owned()`); swap rows entry by entry with
///   `m.swap([k, j], [p, j])` (or swap two row views with `Zip`); for the update,
///   `split_at(Axis(0), k + 1)` on `m.view_mut()` gives the pivot row and the rows below as two
///   views you may hold at once, and `row.scaled_add(-f, &pivot_row)` subtracts.
/// - Edge cases: 1 × 1 (`[[0]]` is singular), a matrix that needs a swap at the first step
///   (`a₀₀ = 0`), exactly and numerically singular matrices, `n = 0` (an empty solution).
/// - Speed: not timed. `2n³/3` operations whatever the style.
pub fn gauss_solve(a: &Array2<f64>, b: &Array1<f64>) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    let n = a.nrows();
    if a.ncols() != n {
        return Err(format!("gauss_solve: the matrix is {}x{}, not square", n, a.ncols()));
    }
    if b.len() != n {
        return Err(format!("gauss_solve: the right-hand side has length {}, the matrix order is {n}", b.len()));
    }
    let tol = n as f64 * f64::EPSILON * a.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    let mut m = a.to_owned();
    let mut y = b.to_owned();
    for k in 0..n {
        let mut p = k;
        for i in k + 1..n {
            if m[[i, k]].abs() > m[[p, k]].abs() {
                p = i;
            }
        }
        if !(m[[p, k]].abs() > tol) {
            return Err(format!("gauss_solve: the matrix is singular (pivot {k} is {:e}, tolerance {tol:e})", m[[p, k]]));
        }
        if p != k {
            for j in 0..n {
                m.swap([k, j], [p, j]);
            }
            y.swap(k, p);
        }
        let (top, mut below) = m.view_mut().split_at(Axis(0), k + 1);
        let pivot_row = top.row(k);
        for (r, mut row) in below.rows_mut().into_iter().enumerate() {
            let f = row[k] / pivot_row[k];
            if f != 0.0 {
                row.slice_mut(s![k..]).scaled_add(-f, &pivot_row.slice(s![k..]));
                y[k + 1 + r] -= f * y[k];
            }
        }
    }
    let mut x = Array1::<f64>::zeros(n);
    for i in (0..n).rev() {
        let s = m.slice(s![i, i + 1..]).dot(&x.slice(s![i + 1..]));
        x[i] = (y[i] - s) / m[[i, i]];
    }
    Ok(x)
    // END SOLUTION
}

/// **Exercise 8 — LU decomposition with a row permutation.**
///
/// Returns `(perm, l, u)` with `l` unit lower-triangular (ones on the diagonal), `u`
/// upper-triangular, and `perm` a permutation of `0..n` such that row `i` of `l·u` is row
/// `perm[i]` of `a`: `a.select(Axis(0), perm) == l·u`, i.e. `P A = L U`.
///
/// It is exercise 7 with the bookkeeping kept: the multipliers `f` you used to clear column `k`
/// become column `k` of `L` (below the diagonal), what remains of the matrix is `U`, and `perm`
/// records the row swaps (swap the already-computed multipliers along with the rows). Use
/// exactly the pivoting rule of exercise 7 (largest absolute value, first on ties) so the
/// factors are the expected ones. Once you have `L`, `U` and `perm`, every new right-hand side
/// costs only a forward and a back substitution (`n²` instead of `n³`).
///
/// Unlike `gauss_solve`, this does **not** fail on singular matrices: every square matrix has
/// such a factorisation. When a whole column below the diagonal is zero there is nothing to
/// eliminate: leave the multipliers at 0 and keep the zero pivot in `U`. Only a non-square `a`
/// is an error.
///
/// - NumPy/SciPy: `P, L, U = scipy.linalg.lu(A)` (SciPy returns `A = P L U`, so its `P` is the
///   transpose of the permutation matrix of `perm`); `np.linalg` has no LU of its own.
/// - ndarray: one working copy; at the end build `l` and `u` from its triangles
///   (`Array2::from_shape_fn((n, n), |(i, j)| ...)`). `perm` is an `Array1<usize>`.
/// - Edge cases: 1 × 1; a zero matrix (`l = I`, `u = 0`, `perm` the identity); a matrix whose
///   first column is zero; ties between candidate pivots.
/// - Speed: not timed.
pub fn lu_decompose(a: &Array2<f64>) -> Result<(Array1<usize>, Array2<f64>, Array2<f64>), String> {
    // BEGIN SOLUTION
    let n = a.nrows();
    if a.ncols() != n {
        return Err(format!("lu_decompose: the matrix is {}x{}, not square", n, a.ncols()));
    }
    let mut m = a.to_owned();
    let mut perm: Array1<usize> = (0..n).collect();
    for k in 0..n {
        let mut p = k;
        for i in k + 1..n {
            if m[[i, k]].abs() > m[[p, k]].abs() {
                p = i;
            }
        }
        if p != k {
            for j in 0..n {
                m.swap([k, j], [p, j]);
            }
            perm.swap(k, p);
        }
        let pivot = m[[k, k]];
        if pivot == 0.0 {
            continue;
        }
        let (top, mut below) = m.view_mut().split_at(Axis(0), k + 1);
        let pivot_row = top.row(k);
        for mut row in below.rows_mut() {
            let f = row[k] / pivot;
            row[k] = f;
            if f != 0.0 {
                row.slice_mut(s![k + 1..]).scaled_add(-f, &pivot_row.slice(s![k + 1..]));
            }
        }
    }
    let l = Array2::from_shape_fn((n, n), |(i, j)| {
        if i == j {
            1.0
        } else if i > j {
            m[[i, j]]
        } else {
            0.0
        }
    });
    let u = Array2::from_shape_fn((n, n), |(i, j)| if i <= j { m[[i, j]] } else { 0.0 });
    Ok((perm, l, u))
    // END SOLUTION
}

/// **Exercise 9 — the determinant through elimination.**
///
/// Returns `det(a)`. With `P A = L U`: `det(L) = 1` (unit diagonal), `det(U)` is the product of
/// its diagonal, and every row swap flips the sign, so `det(A) = (−1)^(number of swaps) ·
/// Π uₖₖ`. Count the swaps as you eliminate (or the parity of `perm` from exercise 8).
///
/// A singular matrix has determinant 0: when a pivot is exactly 0, return `0.0` (no tolerance
/// here: the determinant of a numerically singular matrix is just a tiny number, as in NumPy).
/// A non-square matrix is an error. The empty `0 × 0` matrix has determinant 1 (the empty
/// product), as in NumPy.
///
/// - NumPy: `np.linalg.det(A)` (LAPACK LU, then this product)
/// - ndarray: elimination on a copy, as in exercise 7, multiplying the pivots as you go.
/// - Pitfalls: forgetting the sign of the swaps; the product of many pivots can overflow or
///   underflow for large `n` (NumPy offers `slogdet` for that; not tested here).
/// - Speed: **timed**, on a 10 × 10 matrix. The cofactor (Laplace) expansion along the first
///   row, `det A = Σⱼ (−1)ʲ a₀ⱼ det(M₀ⱼ)`, is what most courses teach, and it is correct, but
///   it calls itself on `n` minors of order `n − 1`: `n!` terms, 3.6 million for `n = 10` and
///   about `e · n!` ≈ 10 million recursive calls (each building a minor, if you copy them).
///   Elimination does `n³/3` ≈ 330 multiply-adds: microseconds against a second or more.
pub fn det_lu(a: &Array2<f64>) -> Result<f64, String> {
    // BEGIN SOLUTION
    let n = a.nrows();
    if a.ncols() != n {
        return Err(format!("det_lu: the matrix is {}x{}, not square", n, a.ncols()));
    }
    let mut m = a.to_owned();
    let mut det = 1.0;
    for k in 0..n {
        let mut p = k;
        for i in k + 1..n {
            if m[[i, k]].abs() > m[[p, k]].abs() {
                p = i;
            }
        }
        let pivot = m[[p, k]];
        if pivot == 0.0 {
            return Ok(0.0);
        }
        if p != k {
            for j in k..n {
                m.swap([k, j], [p, j]);
            }
            det = -det;
        }
        det *= pivot;
        let (top, mut below) = m.view_mut().split_at(Axis(0), k + 1);
        let pivot_row = top.row(k);
        for mut row in below.rows_mut() {
            let f = row[k] / pivot;
            if f != 0.0 {
                row.slice_mut(s![k + 1..]).scaled_add(-f, &pivot_row.slice(s![k + 1..]));
            }
        }
    }
    Ok(det)
    // END SOLUTION
}

/// **Exercise 10 — the inverse, by solving against the identity.**
///
/// `A X = I` is `n` systems `A xⱼ = eⱼ`, one per column of the identity, and all of them share
/// the matrix. So factor **once** (`lu_decompose`), then for each column `j`: permute `eⱼ`
/// (entry `i` of the permuted vector is `eⱼ[perm[i]]`), forward-substitute with `L`,
/// back-substitute with `U`, and store the result as column `j` of the inverse. One `n³/3`
/// factorisation plus `n` substitutions of `n²` each.
///
/// Errors: not square, or singular: a diagonal entry of `U` that counts as zero under the
/// module's tolerance `n·ε·max|aᵢⱼ|` (the maximum over the input `a`). That is the only
/// singularity test: check the `n` pivots once, then substitute without a second check.
///
/// Careful if you reuse your `back_substitution` here: its tolerance is `n·ε·max|uᵢⱼ|`, over
/// `U`, and elimination can make `U`'s entries larger than `A`'s (*element growth*: with
/// partial pivoting, up to `2ⁿ⁻¹` times). Then it rejects a pivot this contract accepts. For
/// example, `A = [[1, 0, 0, 1], [-1, 1, 0, 1], [-1, -1, δ, 1], [-1, -1, -δ, 1]]` with
/// `δ = 2⁻⁴⁸ ≈ 3.6e-15` has `max|aᵢⱼ| = 1`, but its `U` has last column `(1, 2, 4, 8)` and the
/// pivot `δ`. `δ` lies above this exercise's tolerance `4ε ≈ 8.9e-16` and below
/// `back_substitution`'s `4ε·8 ≈ 7.1e-15`, so `A` must be inverted. Write the two
/// substitutions inline (a few lines each: `L` has a unit diagonal), or call helpers that take
/// the tolerance as an argument.
///
/// - NumPy: `np.linalg.inv(A)`, which is literally LAPACK `gesv` on the identity
///   (`numpy/linalg/umath_linalg.cpp` fills the right-hand side with `I` and calls `gesv`):
///   the same as `np.linalg.solve(A, np.eye(n))`, and the same plan as this exercise.
///   (`getrf` + `getri`, which inverts the triangular factors in place, is SciPy's
///   `scipy.linalg.inv`.)
/// - ndarray: `Array2::eye(n)`, `x.column_mut(j).assign(&col)`; your `lu_decompose`
///   (exercise 8) and the substitution loops of exercises 5 and 6.
/// - Edge cases: 1 × 1 (`[[4]]` gives `[[0.25]]`), a permutation matrix (its inverse is its
///   transpose), singular and numerically singular matrices (an `Err`), and a matrix with
///   element growth and a small but valid pivot (the example above).
/// - Speed: not timed. You rarely need an inverse at all: see `solve_vs_inv_residuals`.
pub fn inverse_by_solve(a: &Array2<f64>) -> Result<Array2<f64>, String> {
    // BEGIN SOLUTION
    let n = a.nrows();
    let (perm, l, u) = lu_decompose(a)?;
    let tol = n as f64 * f64::EPSILON * a.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    for k in 0..n {
        if !(u[[k, k]].abs() > tol) {
            return Err(format!("inverse_by_solve: the matrix is singular (pivot {k} is {:e}, tolerance {tol:e})", u[[k, k]]));
        }
    }
    // The pivots passed the one test of the contract: substitute without a second tolerance.
    let mut inv = Array2::<f64>::zeros((n, n));
    for j in 0..n {
        // Forward substitution with the unit lower-triangular L on the permuted e_j.
        let mut y: Array1<f64> = perm.iter().map(|&p| if p == j { 1.0 } else { 0.0 }).collect();
        for i in 0..n {
            let s = l.slice(s![i, ..i]).dot(&y.slice(s![..i]));
            y[i] -= s;
        }
        // Back substitution with U.
        let mut x = Array1::<f64>::zeros(n);
        for i in (0..n).rev() {
            let s = u.slice(s![i, i + 1..]).dot(&x.slice(s![i + 1..]));
            x[i] = (y[i] - s) / u[[i, i]];
        }
        inv.column_mut(j).assign(&x);
    }
    Ok(inv)
    // END SOLUTION
}

/// **Exercise 11 — `solve` beats `inv(A)·b` (with the library).**
///
/// Solves `A x = b` twice with `ndlab::linalg`: once with `la::solve(a, b)`, once as
/// `la::inv(a)` followed by `.dot(b)`. Returns the two residual norms
/// `(‖A x_solve − b‖₂, ‖A x_inv − b‖₂)`, each computed as `(a.dot(&x) - b)` followed by the
/// vector's L2 norm. Library errors (not square, wrong length, singular) are returned with `?`.
///
/// The residual says how well `x` satisfies the equations. `solve` factors `A = P L U` and
/// substitutes; its result is *backward stable*: it is the exact solution of a system within
/// rounding of `A`, so its residual is at the level of `ε·‖A‖·‖x‖` whatever the conditioning.
/// `inv(A)·b` does more arithmetic (the inverse costs three to four times the factorisation:
/// `2n³` flops through LAPACK's `getri`, about `8n³/3` the way NumPy's `inv` does it, `gesv`
/// on the identity; then a matrix-vector product) and has no such guarantee: each column of
/// the inverse is accurate only to about `κ(A)·ε` relative, and multiplying by `b` turns that
/// into a residual that grows with the condition number. On the 10 × 10 Hilbert matrix
/// `Hᵢⱼ = 1/(i+j+1)` (`κ ≈ 1.6·10¹³`) with `b = H·(1, …, 1)`, the `solve` residual measures
/// about `5e-16` and the `inv` one about `6e-5`: eleven orders of magnitude. Both answers `x`
/// are far from the exact solution there (no method can do better than `κ·ε` on such a
/// matrix), but only `solve`'s is the exact answer to a nearby problem.
///
/// Time tells the same story: for one right-hand side `solve` is `2n³/3` flops, `inv` at least
/// `2n³`; for many right-hand sides factor once (`solve_many`) instead of inverting.
/// Rule of thumb, as in NumPy: write `np.linalg.solve(A, b)`, never `np.linalg.inv(A) @ b`.
///
/// - NumPy: `np.linalg.solve(A, b)` vs `np.linalg.inv(A) @ b`; `np.linalg.norm(A @ x - b)`
/// - ndarray: `la::solve(a, b)?`, `la::inv(a)?.dot(b)`, `r.dot(&r).sqrt()`.
/// - Graded by a derived check: the grader computes both residuals itself and accepts values
///   of the same size (rounding differs between ways of summing a residual); an `Err` is
///   expected for a singular or non-square matrix.
/// - Speed: not timed (the matrices are small).
pub fn solve_vs_inv_residuals(a: &Array2<f64>, b: &Array1<f64>) -> Result<(f64, f64), LinalgError> {
    // BEGIN SOLUTION
    let residual = |x: &Array1<f64>| {
        let r = a.dot(x) - b;
        r.dot(&r).sqrt()
    };
    let x_solve = la::solve(a, b)?;
    let x_inv = la::inv(a)?.dot(b);
    Ok((residual(&x_solve), residual(&x_inv)))
    // END SOLUTION
}

// =============================================================================================
// Factorisations: Cholesky and QR
// =============================================================================================

/// **Exercise 12 — Cholesky: `A = L Lᵀ` for a symmetric positive-definite `A`.**
///
/// Returns the lower-triangular `L` with a positive diagonal. Column by column:
/// `lⱼⱼ = sqrt(aⱼⱼ − Σ_{k<j} lⱼₖ²)` and, below it, `lᵢⱼ = (aᵢⱼ − Σ_{k<j} lᵢₖ lⱼₖ) / lⱼⱼ`. Half
/// the work of LU and no pivoting needed. Only the **lower triangle** of `a` is read (the upper
/// one is assumed to mirror it), as NumPy does.
///
/// The quantity under the square root is positive for every `j` exactly when `A` is positive
/// definite, so the factorisation doubles as the standard test for it. Errors: `a` not square,
/// or a value under the square root that is not `> 0` (zero, negative or NaN; no tolerance
/// here): the matrix is not positive definite (a positive *semi*-definite matrix such as
/// `[[1, 1], [1, 1]]` fails too).
///
/// - NumPy: `np.linalg.cholesky(A)` (raises `LinAlgError` when not positive definite);
///   library: `ndlab::linalg::cholesky`.
/// - ndarray: `l.slice(s![i, ..j]).dot(&l.slice(s![j, ..j]))` is the partial inner product of
///   two rows of `L` computed so far.
/// - Edge cases: 1 × 1 (`[[4]]` gives `[[2]]`, `[[-1]]` is an error), a diagonal matrix, a
///   matrix whose upper triangle holds garbage (it must be ignored).
/// - Speed: not timed. `n³/6` multiply-adds.
pub fn cholesky_scratch(a: &Array2<f64>) -> Result<Array2<f64>, String> {
    // BEGIN SOLUTION
    let n = a.nrows();
    if a.ncols() != n {
        return Err(format!("cholesky_scratch: the matrix is {}x{}, not square", n, a.ncols()));
    }
    let mut l = Array2::<f64>::zeros((n, n));
    for j in 0..n {
        let d = a[[j, j]] - l.slice(s![j, ..j]).dot(&l.slice(s![j, ..j]));
        if !(d > 0.0) {
            return Err(format!("cholesky_scratch: the matrix is not positive definite (pivot {j} is {d:e})"));
        }
        let ljj = d.sqrt();
        l[[j, j]] = ljj;
        for i in j + 1..n {
            let s = l.slice(s![i, ..j]).dot(&l.slice(s![j, ..j]));
            l[[i, j]] = (a[[i, j]] - s) / ljj;
        }
    }
    Ok(l)
    // END SOLUTION
}

/// **Exercise 13 — Householder QR.**
///
/// Returns the reduced factorisation `(q, r)` of an `m × n` matrix: with `k = min(m, n)`, `q` is
/// `m × k` with orthonormal columns (`qᵀq = I`), `r` is `k × n` upper-triangular, `a = q·r`,
/// and **every diagonal entry of `r` is ≥ 0** (this makes the answer unique for a matrix of
/// full rank; flip the sign of row `i` of `r` and column `i` of `q` together where `rᵢᵢ < 0`).
///
/// For each column `j < k`, a Householder reflection `H = I − 2 v vᵀ / (vᵀv)` maps the part
/// `x = r[j.., j]` of the column onto a multiple of the first unit vector: take
/// `v = x − α e₁` with `α = −sign(x₀)·‖x‖` (sign(0) = +1). The opposite sign of `x₀` avoids
/// subtracting two nearly equal numbers. Apply `H` to the trailing block `r[j.., j..]`:
/// `block −= (2/vᵀv) · v (vᵀ block)`. Afterwards, `q` is the product of the reflections
/// applied to the first `k` columns of the `m × m` identity, in reverse order. A column that is
/// already zero below (and on) the diagonal needs no reflection. Set the entries below the
/// diagonal of `r` to exactly 0.
///
/// Reflections are orthogonal, so they never amplify rounding errors: this is why QR, not the
/// normal equations, is the safe way to do least squares (exercise 15).
///
/// - NumPy: `np.linalg.qr(A)` (mode `'reduced'`; NumPy does not fix the signs);
///   library: `ndlab::linalg::qr` (diagonal of `R` ≥ 0, like here).
/// - ndarray: `v.dot(&block)` is the row vector `vᵀ·block`; `v.view().insert_axis(Axis(1))`
///   and `w.view().insert_axis(Axis(0))` make a column and a row whose `.dot` is the outer
///   product; `block.scaled_add(-c, &outer)` subtracts it.
/// - Edge cases: wide matrices (`m < n`: `q` is `m × m`, `r` is `m × n`), tall ones, a single
///   column, 1 × 1 (`[[-3]]` gives `q = [[-1]]`, `r = [[3]]`).
/// - Speed: not timed.
pub fn householder_qr(a: &Array2<f64>) -> (Array2<f64>, Array2<f64>) {
    // BEGIN SOLUTION
    let (m, n) = a.dim();
    let k = m.min(n);
    let mut r = a.to_owned();
    let mut reflections: Vec<Option<(Array1<f64>, f64)>> = Vec::with_capacity(k);
    for j in 0..k {
        let x = r.slice(s![j.., j]).to_owned();
        let norm = x.dot(&x).sqrt();
        if norm == 0.0 {
            reflections.push(None);
            continue;
        }
        let alpha = if x[0] >= 0.0 { -norm } else { norm };
        let mut v = x;
        v[0] -= alpha;
        let c = 2.0 / v.dot(&v);
        let mut block = r.slice_mut(s![j.., j..]);
        let w = v.dot(&block);
        let outer = v.view().insert_axis(Axis(1)).dot(&w.view().insert_axis(Axis(0)));
        block.scaled_add(-c, &outer);
        reflections.push(Some((v, c)));
    }
    // Q = H₀ H₁ … H_{k−1} applied to the first k columns of the identity.
    let mut q = Array2::<f64>::eye(m).slice(s![.., ..k]).to_owned();
    for (j, refl) in reflections.iter().enumerate().rev() {
        if let Some((v, c)) = refl {
            let mut block = q.slice_mut(s![j.., ..]);
            let w = v.dot(&block);
            let outer = v.view().insert_axis(Axis(1)).dot(&w.view().insert_axis(Axis(0)));
            block.scaled_add(-*c, &outer);
        }
    }
    let mut r = r.slice(s![..k, ..]).to_owned();
    for i in 0..k {
        for j in 0..i.min(n) {
            r[[i, j]] = 0.0;
        }
        if r[[i, i]] < 0.0 {
            r.row_mut(i).mapv_inplace(|x| -x);
            q.column_mut(i).mapv_inplace(|x| -x);
        }
    }
    (q, r)
    // END SOLUTION
}

// =============================================================================================
// Least squares
// =============================================================================================

/// **Exercise 14 — least squares through the normal equations.**
///
/// For a tall `m × n` matrix `a` (`m ≥ n`, more equations than unknowns) returns the `x` that
/// minimises `‖a x − b‖₂`. At the minimum the residual is orthogonal to every column of `a`,
/// which gives the **normal equations** `(aᵀa) x = aᵀb`: a small `n × n` symmetric
/// positive-definite system. Solve it with your `cholesky_scratch`, then a forward
/// substitution with `L` and a back substitution with `Lᵀ`.
///
/// Short, fast, and fine for well-conditioned problems, but forming `aᵀa` **squares the
/// condition number** (`κ(aᵀa) = κ(a)²`), so you lose twice as many digits. The Läuchli matrix
/// `[[1, 1], [δ, 0], [0, δ]]` with `δ = 1e-8` has `κ ≈ 1.4·10⁸`, an ordinary number; but
/// `aᵀa = [[1 + δ², 1], [1, 1 + δ²]]` and `1 + 10⁻¹⁶` rounds to exactly `1` in `f64`: the
/// computed `aᵀa` is singular and Cholesky fails, although the problem has a perfectly good
/// answer. Milder cases do not fail, they are just inaccurate: a degree-9 polynomial fit on 30
/// points of `[0, 1]` (`κ ≈ 3.5·10⁶`) recovers the coefficients to about `4e-4` this way,
/// against `1e-9` through QR. Exercise 15 avoids forming `aᵀa`.
///
/// Errors: `m < n` (the minimiser is not unique), `b`'s length not `m`, and `aᵀa` not positive
/// definite (linearly dependent columns, such as a column of zeros).
///
/// - NumPy: `np.linalg.solve(A.T @ A, A.T @ b)` (what `np.linalg.lstsq` is *not* doing)
/// - ndarray: `a.t().dot(a)` and `a.t().dot(b)`; `l.t().to_owned()` for `Lᵀ`.
/// - Speed: not timed (see `ols_with_bias` for the timed version with the library).
pub fn lstsq_normal(a: &Array2<f64>, b: &Array1<f64>) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    let (m, n) = a.dim();
    if m < n {
        return Err(format!("lstsq_normal: {m} equations for {n} unknowns: the least-squares solution is not unique"));
    }
    if b.len() != m {
        return Err(format!("lstsq_normal: b has length {}, the matrix has {m} rows", b.len()));
    }
    let l = cholesky_scratch(&a.t().dot(a))?;
    let y = forward_substitution(&l, &a.t().dot(b))?;
    back_substitution(&l.t().to_owned(), &y)
    // END SOLUTION
}

/// **Exercise 15 — least squares through QR.**
///
/// Same problem as exercise 14, solved the stable way: with `a = q r` (your `householder_qr`),
/// `‖a x − b‖ = ‖r x − qᵀb‖` plus a part `x` cannot change, so `x` solves the triangular system
/// `r x = qᵀb` (your `back_substitution`). Nothing is squared: the error grows like `κ(a)`,
/// not `κ(a)²`. On the Läuchli matrix of exercise 14, where the normal equations break down,
/// QR returns `[1, 1]` to 15 digits.
///
/// Errors: `m < n`, `b`'s length not `m`, and rank deficiency: a diagonal entry of `r` that the
/// back substitution's pivot tolerance treats as zero (`n·ε·max|rᵢⱼ|`).
///
/// - NumPy: `Q, R = np.linalg.qr(A); np.linalg.solve(R, Q.T @ b)` or
///   `scipy.linalg.solve_triangular(R, Q.T @ b)`. (`np.linalg.lstsq` uses the SVD, which
///   also handles rank-deficient problems.)
/// - ndarray: `q.t().dot(b)`.
/// - Edge cases: a square system (the exact solution), one column (a projection onto one
///   vector), a zero column (an error).
/// - Speed: not timed.
pub fn lstsq_qr(a: &Array2<f64>, b: &Array1<f64>) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    let (m, n) = a.dim();
    if m < n {
        return Err(format!("lstsq_qr: {m} equations for {n} unknowns: the least-squares solution is not unique"));
    }
    if b.len() != m {
        return Err(format!("lstsq_qr: b has length {}, the matrix has {m} rows", b.len()));
    }
    let (q, r) = householder_qr(a);
    back_substitution(&r, &q.t().dot(b)).map_err(|e| format!("lstsq_qr: the columns are linearly dependent ({e})"))
    // END SOLUTION
}

// =============================================================================================
// Eigenvalues
// =============================================================================================

/// **Exercise 16 — power iteration for the dominant eigenpair.**
///
/// Multiplying any vector by `A` again and again stretches it most along the eigenvector whose
/// eigenvalue has the largest magnitude, so the direction converges to that eigenvector (at a
/// speed set by `|λ₂ / λ₁|`). Returns `(lambda, v)`: the eigenvalue and the unit eigenvector.
///
/// The contract, step by step (follow it, so your iterates are the expected ones):
/// 1. start from `v = (1, 1, …, 1) / sqrt(n)`;
/// 2. each iteration: `w = A v`; if `‖w‖` is 0 (or not finite) return an `Err`; divide `w` by
///    its norm, then fix its sign: flip `w` if its largest-magnitude entry (the first one on
///    ties) is negative;
/// 3. if `‖w − v‖ < tol`, stop with `v = w` and `lambda = vᵀ A v` (the Rayleigh quotient,
///    which also gets the sign of a negative eigenvalue right); otherwise `v = w` and repeat;
/// 4. after `max_iter` iterations without stopping, return an `Err` (no convergence).
///
/// The sign rule matters: with a negative dominant eigenvalue `A v` flips the vector at every
/// step and without the rule the iterates would never settle. It is also the rule
/// `ndlab::linalg` uses, so `v` can be compared with `eigh`.
///
/// Errors: not square, `n = 0`, `A v = 0`, no convergence within `max_iter` (including
/// `max_iter = 0`, and matrices with two dominant eigenvalues of opposite sign such as
/// `diag(2, −2)`, where the direction oscillates forever).
///
/// - NumPy: a loop around `A @ v` and `np.linalg.norm`; `np.linalg.eigh` for the reference.
/// - ndarray: `a.dot(&v)`, `w /= norm`, `w.mapv_inplace(|x| -x)`.
/// - Speed: not timed. Each step is one matrix-vector product; the number of steps is what
///   matters (a ratio `|λ₂ / λ₁|` near 1 converges slowly).
pub fn power_iteration(a: &Array2<f64>, max_iter: usize, tol: f64) -> Result<(f64, Array1<f64>), String> {
    // BEGIN SOLUTION
    let n = a.nrows();
    if a.ncols() != n {
        return Err(format!("power_iteration: the matrix is {}x{}, not square", n, a.ncols()));
    }
    if n == 0 {
        return Err("power_iteration: the matrix is empty".into());
    }
    let mut v = Array1::from_elem(n, 1.0 / (n as f64).sqrt());
    for _ in 0..max_iter {
        let mut w = a.dot(&v);
        let norm = w.dot(&w).sqrt();
        if !(norm > 0.0 && norm.is_finite()) {
            return Err(format!("power_iteration: ‖A v‖ = {norm}: the iteration cannot continue"));
        }
        w /= norm;
        let mut p = 0;
        for i in 1..n {
            if w[i].abs() > w[p].abs() {
                p = i;
            }
        }
        if w[p] < 0.0 {
            w.mapv_inplace(|x| -x);
        }
        let diff = (&w - &v).mapv(|x| x * x).sum().sqrt();
        v = w;
        if diff < tol {
            let lambda = v.dot(&a.dot(&v));
            return Ok((lambda, v));
        }
    }
    Err(format!("power_iteration: no convergence in {max_iter} iterations"))
    // END SOLUTION
}

// =============================================================================================
// With the library: eigendecomposition, SVD, fitting
// =============================================================================================

/// **Exercise 17 — symmetric eigendecomposition, largest first.**
///
/// Returns `(values, vectors)` of a symmetric matrix with the eigenvalues in **descending**
/// order and the eigenvectors as the **columns** of `vectors`, in the same order:
/// `a · vectors.column(i) = values[i] · vectors.column(i)`. PCA, spectral clustering and
/// low-rank models all want the largest eigenvalues first, while LAPACK (and so `np.linalg.eigh`
/// and `la::eigh`) returns them ascending.
///
/// Call `la::eigh(a)?` and reverse both: the values, and the **columns** of the vectors (not
/// the rows: the rows of `vectors` are coordinates, not eigenvectors). Keep the library's signs
/// (each eigenvector's largest-magnitude entry is positive).
///
/// - NumPy: `w, V = np.linalg.eigh(A); w[::-1], V[:, ::-1]`
/// - ndarray: a negative step in a slice reverses an axis: `w.slice(s![..;-1])`,
///   `v.slice(s![.., ..;-1])` (views; `.to_owned()` to return them).
/// - Edge cases: 1 × 1, a diagonal matrix (its eigenvectors are unit vectors), negative
///   eigenvalues (descending means the most positive first, not the largest in magnitude), a
///   non-square matrix (`Err`, from the library). `eigh` reads only the lower triangle.
/// - Speed: not timed.
pub fn eigh_desc(a: &Array2<f64>) -> Result<(Array1<f64>, Array2<f64>), LinalgError> {
    // BEGIN SOLUTION
    let (w, v) = la::eigh(a)?;
    Ok((w.slice(s![..;-1]).to_owned(), v.slice(s![.., ..;-1]).to_owned()))
    // END SOLUTION
}

/// **Exercise 18 — best rank-`k` approximation by the SVD (Eckart–Young).**
///
/// With the thin SVD `A = U diag(s) Vᵀ` (singular values descending), keeping the first `k`
/// terms, `A_k = U[:, :k] · diag(s[:k]) · Vᵀ[:k, :]`, gives the closest matrix of rank `k` to
/// `A` in the Frobenius norm (and in the 2-norm). The Eckart–Young theorem also says how
/// close: `‖A − A_k‖_F = sqrt(s_k² + s_{k+1}² + …)`, the root of the sum of the **discarded**
/// squared singular values.
///
/// Returns `(a_k, err_direct, err_from_s)`: the approximation, `‖A − A_k‖_F` computed from the
/// matrices, and the same error computed from the singular values alone. The two numbers agree
/// (to rounding): check it in your tests. This is how image compression by SVD and "explained
/// variance" in PCA work: the singular values tell you the cost of truncation before you
/// truncate.
///
/// Errors: `k > min(m, n)` is a `LinalgError::ShapeMismatch` with a message. `k = 0` gives
/// the zero matrix and an error equal to `‖A‖_F`; `k = min(m, n)` gives `A` back and an error
/// of (about) 0.
///
/// - NumPy: `U, s, Vt = np.linalg.svd(A, full_matrices=False)`,
///   `(U[:, :k] * s[:k]) @ Vt[:k]`, `np.linalg.norm(A - Ak)`, `np.sqrt((s[k:] ** 2).sum())`
/// - ndarray: `la::svd(a)?`; `u.slice(s![.., ..k])`; scaling the columns of `U` by `s` is a
///   broadcast (`&u_k * &s_k`, the vector spans the last axis), then `.dot(&vt_k)`.
///   Never build `diag(s)` as a matrix: it is an `O(k²)` array of zeros.
/// - Speed: not timed.
pub fn low_rank_approx(a: &Array2<f64>, k: usize) -> Result<(Array2<f64>, f64, f64), LinalgError> {
    // BEGIN SOLUTION
    let (m, n) = a.dim();
    if k > m.min(n) {
        return Err(LinalgError::ShapeMismatch(format!("rank {k} asked of a {m}x{n} matrix (at most {})", m.min(n))));
    }
    let (u, s, vt) = la::svd(a)?;
    let ak = (&u.slice(s![.., ..k]) * &s.slice(s![..k])).dot(&vt.slice(s![..k, ..]));
    let err_direct = (a - &ak).iter().map(|x| x * x).sum::<f64>().sqrt();
    let err_from_s = s.slice(s![k..]).iter().map(|x| x * x).sum::<f64>().sqrt();
    Ok((ak, err_direct, err_from_s))
    // END SOLUTION
}

/// **Exercise 19 — rank and condition number from the singular values.**
///
/// Returns `(rank, cond)` for any `m × n` matrix:
/// - `rank`: the number of singular values `s_i > rtol · s_max`. In exact arithmetic the rank
///   is the number of non-zero singular values; in floating point a rank-deficient matrix has
///   "zero" singular values around `1e-16 · s_max`, so a relative threshold decides. NumPy's
///   default is `rtol = max(m, n) · ε`; this exercise takes `rtol` as an argument.
/// - `cond`: the 2-norm condition number `s_max / s_min`, the factor by which relative errors
///   in `b` can grow in the solution of `A x = b` (roughly: you lose `log10(cond)` digits).
///   When `rank < min(m, n)` the matrix is (numerically) singular and `cond` is `f64::INFINITY`.
///   NumPy returns `s_max / s_min` as computed: a rounding-noise value like `3e16`, the same
///   on every run of one build but different between platforms and BLAS/LAPACK builds, or
///   `inf` when the computed `s_min` is exactly 0.
///
/// A zero matrix and an empty one have rank 0 and `cond = ∞`.
///
/// - NumPy: `np.linalg.matrix_rank(A, rtol=...)`, `np.linalg.cond(A)`
/// - ndarray: `la::svdvals(a)?` (descending), `.iter().filter(...).count()`.
/// - Edge cases: a wide matrix (rank ≤ number of rows), a matrix with a repeated row, a nearly
///   singular matrix whose rank depends on `rtol`, the Hilbert matrix (full rank, huge `cond`).
/// - Speed: not timed.
pub fn rank_and_cond(a: &Array2<f64>, rtol: f64) -> Result<(usize, f64), LinalgError> {
    // BEGIN SOLUTION
    let s = la::svdvals(a)?;
    let Some(&smax) = s.first() else { return Ok((0, f64::INFINITY)) };
    let rank = s.iter().filter(|&&x| x > rtol * smax).count();
    let cond = if rank == s.len() { smax / s[s.len() - 1] } else { f64::INFINITY };
    Ok((rank, cond))
    // END SOLUTION
}

/// **Exercise 20 — polynomial fit through a Vandermonde matrix.**
///
/// Fits a polynomial of degree `deg` to the points `(x_i, y_i)` by least squares and returns its
/// `deg + 1` coefficients **highest power first**, as `np.polyfit` does: `p[0]·x^deg + … +
/// p[deg]`. The fit is linear in the coefficients: with the Vandermonde matrix
/// `V[i, j] = x_i^(deg − j)`, the coefficients minimise `‖V p − y‖₂`; solve that with
/// `la::lstsq`.
///
/// - NumPy: `np.polyfit(x, y, deg)`. It builds `np.vander(x, deg + 1)`, scales every column
///   to unit Euclidean norm (which improves the conditioning), calls `lstsq` with
///   `rcond = len(x)·ε`, and divides the coefficients by the scales. This exercise calls
///   `la::lstsq` on the unscaled matrix (cutoff `max(m, n)·ε·s_max`), so on a well-conditioned
///   fit the two agree to rounding; on an ill-conditioned or rank-deficient one they can differ.
/// - ndarray: `Array2::from_shape_fn((n, deg + 1), |(i, j)| x[i].powi((deg - j) as i32))`.
///   Your `polyval` (exercise 3) evaluates the fitted polynomial.
/// - Errors: `x` and `y` of different lengths (`LinalgError::ShapeMismatch`).
/// - Edge cases: `deg = 0` (the mean of `y`), exactly `deg + 1` points (interpolation), fewer
///   points than coefficients (`lstsq` returns the minimum-norm solution, as NumPy does after
///   a warning).
/// - Conditioning: the columns `x^9, x^8, …` of a Vandermonde matrix on `[0, 1]` are nearly
///   parallel (`κ ≈ 3.5·10⁶` for degree 9 on 30 points); `lstsq` (SVD) copes, the normal
///   equations lose about 13 digits (exercise 14). Centring and scaling `x` first helps both.
/// - Speed: not timed.
pub fn polyfit(x: &Array1<f64>, y: &Array1<f64>, deg: usize) -> Result<Array1<f64>, LinalgError> {
    // BEGIN SOLUTION
    if x.len() != y.len() {
        return Err(LinalgError::ShapeMismatch(format!("x has {} points, y has {}", x.len(), y.len())));
    }
    let v = Array2::from_shape_fn((x.len(), deg + 1), |(i, j)| x[i].powi((deg - j) as i32));
    la::lstsq(&v, y)
    // END SOLUTION
}

/// **Exercise 21 — ordinary least squares with a bias column.**
///
/// Linear regression `y ≈ β₀ + X β`: with the design matrix `D = [1 | X]` (a column of ones
/// in front of the `n × d` data `x`), solve the normal equations `(DᵀD) β = Dᵀy` with
/// `la::solve`. Returns `β` of length `d + 1`, the intercept `β₀` first.
///
/// With `n` much larger than `d` the whole cost is forming `DᵀD`: `n·(d+1)²` multiply-adds,
/// one matrix product. The small `(d+1) × (d+1)` system is then nothing. (The normal equations
/// are fine here because the columns are not nearly collinear; for ill-conditioned designs see
/// exercises 14 and 15.) You do not even need to build `D` (a 17 MB copy): by blocks,
///
/// ```text
/// DᵀD = [ n   sᵀ  ]      Dᵀy = [ Σ yᵢ ]        s = the column sums of X
///       [ s   XᵀX ]            [ Xᵀy  ]
/// ```
///
/// Errors: `y`'s length not `n`; linearly dependent columns (a feature that is all zeros, or a
/// copy of another feature, or a constant feature that duplicates the bias): `DᵀD` is singular
/// and `la::solve` reports `LinalgError::Singular`: return that error. (`la::lstsq` would
/// quietly return a minimum-norm answer instead, which is not what is asked here.)
///
/// - NumPy: `D = np.column_stack([np.ones(n), X]); np.linalg.solve(D.T @ D, D.T @ y)`
///   (or `np.linalg.lstsq(D, y)`)
/// - ndarray: `x.t().dot(x)` for `XᵀX`; `x.sum_axis(Axis(0))` for `s`; write the blocks into a
///   zero matrix with `gram.slice_mut(s![1.., 1..]).assign(...)`, `s![0, 1..]` and `s![1.., 0]`.
///   For `Xᵀy`, walk the rows once: `rhs.scaled_add(yᵢ, &row)` over
///   `x.rows().into_iter().zip(y)`. (Building `D` with `Array2::ones` and
///   `slice_mut(s![.., 1..]).assign(x)` and calling `d.t().dot(&d)` is also fine, just slower.)
/// - Edge cases: `d = 0` (only the intercept: the mean of `y`); a perfect linear relation (the
///   exact coefficients); a zero feature (an `Err`).
/// - Speed: **timed**, on `x` of `10⁵ × 20` (16 MB). `.dot` computes `XᵀX` with a blocked,
///   vectorised kernel that reads `X` a few times. The textbook triple loop
///   `for i, for j, for k: g[i][j] += d[[k, i]] * d[[k, j]]` runs the inner loop **down two
///   columns** of the design matrix, one row (168 bytes) per step, sweeping the 17 MB matrix
///   441 times; each sum is a serial chain of dependent additions behind index checks. It
///   measured about 17 times slower than the reference. Swapping the loops (`for k` outside, so the rows are read
///   in order) fixes the memory walk but stays scalar, index-checked code, one multiply-add
///   at a time into `g`: still about 9 times slower than `.dot`. One more trap, specific to
///   `ndarray` without BLAS: `x.t().dot(y)` (a transposed matrix times a vector) is computed
///   as 20 dot products down the columns of `x`, a strided walk that costs as much as `XᵀX`
///   itself; the row loop above reads `x` once in order.
pub fn ols_with_bias(x: &Array2<f64>, y: &Array1<f64>) -> Result<Array1<f64>, LinalgError> {
    // BEGIN SOLUTION
    let (n, d) = x.dim();
    if y.len() != n {
        return Err(LinalgError::ShapeMismatch(format!("x has {n} rows, y has {} entries", y.len())));
    }
    let sums = x.sum_axis(Axis(0));
    let mut gram = Array2::<f64>::zeros((d + 1, d + 1));
    gram[[0, 0]] = n as f64;
    gram.slice_mut(s![0, 1..]).assign(&sums);
    gram.slice_mut(s![1.., 0]).assign(&sums);
    gram.slice_mut(s![1.., 1..]).assign(&x.t().dot(x));
    let mut rhs = Array1::<f64>::zeros(d + 1);
    rhs[0] = y.sum();
    {
        let mut xty = rhs.slice_mut(s![1..]);
        for (row, &yi) in x.rows().into_iter().zip(y) {
            xty.scaled_add(yi, &row);
        }
    }
    la::solve(&gram, &rhs)
    // END SOLUTION
}

/// **Exercise 22 — the pseudo-inverse from the SVD.**
///
/// Returns the Moore–Penrose pseudo-inverse `A⁺` (`n × m`) of any `m × n` matrix: with the thin
/// SVD `A = U·diag(s)·Vᵀ`, `A⁺ = V·diag(1/s)·Uᵀ`, where the singular values at or below
/// `rtol · s_max` count as zero and their reciprocal is **0**, not `1/s` (that cut is what makes
/// the pseudo-inverse of a rank-deficient or nearly singular matrix well behaved). For a square
/// invertible `A` this is `A⁻¹`; for a tall `A` with independent columns, `A⁺·b` is the
/// least-squares solution; for any `A`, `A⁺·b` is the minimum-norm least-squares solution that
/// `la::lstsq` returns. A zero or empty matrix gives the `n × m` zero matrix.
///
/// Errors: `rtol` negative or NaN (`ShapeMismatch` with a message), and whatever `la::svd`
/// reports (`NotFinite` for NaN or infinity in `a`).
///
/// - NumPy: `np.linalg.pinv(a, rtol=rtol)` (NumPy before 2.0 called the same cut `rcond`).
/// - ndarray: `let (u, s, vt) = la::svd(a)?;` then the reciprocals with `mapv`, scale the
///   **rows** of `vt` (`&vt * &inv.insert_axis(Axis(1))`: `inv` as a column broadcasts along
///   each row) and take `scaled.t().dot(&u.t())`. Building `diag(1/s)` as a full matrix
///   (`Array2::from_diag`) and multiplying three matrices gives the same result with one more
///   product.
/// - Pitfalls: inverting every singular value turns rounding noise (`1e-17`) into `1e17`;
///   scaling the columns of `vt` instead of its rows.
/// - Edge cases: a rank-one matrix; a wide matrix; `rtol = 0` (every non-zero value inverted);
///   the zero matrix.
/// - Speed: not timed (one SVD and one product).
pub fn pinv(a: &Array2<f64>, rtol: f64) -> Result<Array2<f64>, LinalgError> {
    // BEGIN SOLUTION
    if !(rtol >= 0.0) {
        return Err(LinalgError::ShapeMismatch(format!("pinv: rtol must be 0 or more, got {rtol}")));
    }
    let (m, n) = a.dim();
    let (u, s, vt) = la::svd(a)?;
    let Some(&smax) = s.first() else { return Ok(Array2::zeros((n, m))) };
    let inv = s.mapv(|v| if v > rtol * smax && v > 0.0 { 1.0 / v } else { 0.0 });
    let scaled = &vt * &inv.insert_axis(Axis(1));
    Ok(scaled.t().dot(&u.t()))
    // END SOLUTION
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Equal within a small tolerance, same shape.
    fn assert_close<D: Dimension>(got: &Array<f64, D>, want: &Array<f64, D>, tol: f64) {
        assert_eq!(got.shape(), want.shape(), "shape: got {got}, want {want}");
        for (g, w) in got.iter().zip(want.iter()) {
            assert!((g - w).abs() <= tol * (1.0 + w.abs()), "got {got}, want {want}");
        }
    }

    fn hilbert(n: usize) -> Array2<f64> {
        Array2::from_shape_fn((n, n), |(i, j)| 1.0 / (i + j + 1) as f64)
    }

    // 1-2
    #[test]
    fn norms_of_a_vector_and_a_matrix() {
        assert_eq!(vector_norms(&array![3.0, -4.0]), (7.0, 5.0, 4.0));
        assert_eq!(vector_norms(&Array1::zeros(0)), (0.0, 0.0, 0.0));
        let a = array![[1.0, -2.0], [-3.0, 4.0]];
        let (fro, one, inf) = matrix_norms(&a);
        assert!((fro - 30f64.sqrt()).abs() < 1e-12);
        assert_eq!((one, inf), (6.0, 7.0));
    }

    // 3
    #[test]
    fn polyval_by_horner() {
        // 2x² − 3x + 1, highest power first.
        let c = array![2.0, -3.0, 1.0];
        assert_eq!(polyval(&c, &array![-1.0, 0.0, 0.5, 2.0]), array![6.0, 1.0, 0.0, 3.0]);
        assert_eq!(polyval(&Array1::zeros(0), &array![1.0, 2.0]), array![0.0, 0.0]);
        assert_eq!(polyval(&c, &Array1::zeros(0)).len(), 0);
        let x = array![-1.0, 0.0, 1.0, 2.0, 3.0];
        let y = x.mapv(|t| 2.0 * t * t - 3.0 * t + 1.0);
        assert_close(&polyval(&polyfit(&x, &y, 2).unwrap(), &x), &y, 1e-10);
    }

    // 4
    #[test]
    fn dot_and_elementwise_differ() {
        let a = array![[1.0, 2.0], [3.0, 4.0]];
        let (p, e) = dot_vs_mul(&a, &a);
        assert_eq!(p.unwrap(), array![[7.0, 10.0], [15.0, 22.0]]);
        assert_eq!(e.unwrap(), array![[1.0, 4.0], [9.0, 16.0]]);
        let (p, e) = dot_vs_mul(&Array2::zeros((2, 3)), &Array2::zeros((3, 2)));
        assert_eq!(p.unwrap().dim(), (2, 2));
        assert!(e.is_none());
    }

    // 5-7
    #[test]
    fn triangular_solves() {
        let l = array![[2.0, 99.0], [1.0, 4.0]];
        assert_close(&forward_substitution(&l, &array![2.0, 9.0]).unwrap(), &array![1.0, 2.0], 1e-12);
        let u = array![[2.0, 1.0], [99.0, 4.0]];
        assert_close(&back_substitution(&u, &array![4.0, 8.0]).unwrap(), &array![1.0, 2.0], 1e-12);
        assert!(back_substitution(&array![[1.0, 1.0], [0.0, 0.0]], &array![1.0, 1.0]).is_err());
        assert!(forward_substitution(&l, &array![1.0]).is_err());
    }

    #[test]
    fn gauss_solve_pivots_and_rejects_singular() {
        let a = array![[0.0, 1.0], [1.0, 1.0]];
        assert_close(&gauss_solve(&a, &array![2.0, 3.0]).unwrap(), &array![1.0, 2.0], 1e-12);
        let tiny = array![[1e-20, 1.0], [1.0, 1.0]];
        assert_close(&gauss_solve(&tiny, &array![1.0, 2.0]).unwrap(), &array![1.0, 1.0], 1e-12);
        assert!(gauss_solve(&array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], &array![1.0, 2.0, 3.0]).is_err());
        assert!(gauss_solve(&array![[0.0]], &array![1.0]).is_err());
        assert!(gauss_solve(&Array2::zeros((2, 3)), &array![1.0, 2.0]).is_err());
    }

    // 8-10
    #[test]
    fn lu_reassembles_the_permuted_matrix() {
        let a = array![[1.0, 2.0, 0.0], [3.0, -1.0, 2.0], [-2.0, 4.0, 5.0]];
        let (perm, l, u) = lu_decompose(&a).unwrap();
        assert_close(&l.dot(&u), &a.select(Axis(0), perm.as_slice().unwrap()), 1e-12);
        assert_eq!(perm[0], 1);
        for i in 0..3 {
            assert_eq!(l[[i, i]], 1.0);
            for j in i + 1..3 {
                assert_eq!(l[[i, j]], 0.0);
                assert_eq!(u[[j, i]], 0.0);
            }
        }
        let (_, _, u0) = lu_decompose(&Array2::zeros((2, 2))).unwrap();
        assert_eq!(u0, Array2::<f64>::zeros((2, 2)));
    }

    #[test]
    fn determinant_and_inverse() {
        let a = array![[1.0, 2.0, 0.0], [3.0, -1.0, 2.0], [-2.0, 4.0, 5.0]];
        // 1·(−5−8) − 2·(15+4) + 0 = −51
        assert!((det_lu(&a).unwrap() + 51.0).abs() < 1e-12);
        assert_eq!(det_lu(&array![[0.0, 1.0], [1.0, 0.0]]).unwrap(), -1.0);
        assert_eq!(det_lu(&Array2::zeros((0, 0))).unwrap(), 1.0);
        assert_eq!(det_lu(&array![[1.0, 2.0], [2.0, 4.0]]).unwrap(), 0.0);
        let inv = inverse_by_solve(&a).unwrap();
        assert_close(&a.dot(&inv), &Array2::eye(3), 1e-12);
        assert!(inverse_by_solve(&array![[1.0, 2.0], [2.0, 4.0]]).is_err());
    }

    #[test]
    fn inverse_uses_one_tolerance_relative_to_a() {
        // Element growth: max|U| = 8 > max|A| = 1; the pivot 2⁻⁴⁸ passes n·ε·max|A| = 2⁻⁵⁰.
        let d = 2f64.powi(-48);
        let a = array![[1.0, 0.0, 0.0, 1.0], [-1.0, 1.0, 0.0, 1.0], [-1.0, -1.0, d, 1.0], [-1.0, -1.0, -d, 1.0]];
        let (_, _, u) = lu_decompose(&a).unwrap();
        assert_eq!(u.column(3), array![1.0, 2.0, 4.0, 8.0]);
        let inv = inverse_by_solve(&a).unwrap();
        assert_eq!(a.dot(&inv), Array2::eye(4)); // every step is exact for this matrix
        let tiny = 2f64.powi(-51);
        let b = array![[1.0, 0.0, 0.0, 1.0], [-1.0, 1.0, 0.0, 1.0], [-1.0, -1.0, tiny, 1.0], [-1.0, -1.0, -tiny, 1.0]];
        assert!(inverse_by_solve(&b).is_err());
    }

    // 12-13
    #[test]
    fn cholesky_and_qr() {
        let a = array![[4.0, 1e9, 0.0], [2.0, 5.0, 1e9], [0.0, 1.0, 2.0]];
        let l = cholesky_scratch(&a).unwrap();
        let full = array![[4.0, 2.0, 0.0], [2.0, 5.0, 1.0], [0.0, 1.0, 2.0]];
        assert_close(&l.dot(&l.t()), &full, 1e-12);
        assert!(cholesky_scratch(&array![[1.0, 1.0], [1.0, 1.0]]).is_err());
        for a in [hilbert(4), array![[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], array![[-3.0]]] {
            let (q, r) = householder_qr(&a);
            let k = a.nrows().min(a.ncols());
            assert_eq!((q.dim(), r.dim()), ((a.nrows(), k), (k, a.ncols())));
            assert_close(&q.dot(&r), &a, 1e-12);
            assert_close(&q.t().dot(&q), &Array2::eye(k), 1e-12);
            for i in 0..k {
                assert!(r[[i, i]] >= 0.0);
            }
        }
    }

    // 14-15
    #[test]
    fn least_squares_two_ways() {
        // Fit y = 1 + 2t exactly.
        let a = array![[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]];
        let b = array![1.0, 3.0, 5.0, 7.0];
        assert_close(&lstsq_normal(&a, &b).unwrap(), &array![1.0, 2.0], 1e-10);
        assert_close(&lstsq_qr(&a, &b).unwrap(), &array![1.0, 2.0], 1e-12);
        let zero_col = array![[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]];
        assert!(lstsq_qr(&zero_col, &array![1.0, 2.0, 3.0]).is_err());
        assert!(lstsq_normal(&zero_col, &array![1.0, 2.0, 3.0]).is_err());
    }

    // 16
    #[test]
    fn power_iteration_finds_the_dominant_pair() {
        let a = array![[2.0, 1.0], [1.0, 2.0]];
        let (lambda, v) = power_iteration(&a, 100, 1e-12).unwrap();
        assert!((lambda - 3.0).abs() < 1e-10);
        assert_close(&v, &array![0.5f64.sqrt(), 0.5f64.sqrt()], 1e-10);
        let (lambda, v) = power_iteration(&array![[1.0, 0.0], [0.0, -3.0]], 200, 1e-12).unwrap();
        assert!((lambda + 3.0).abs() < 1e-10 && v[1] > 0.999);
        assert!(power_iteration(&array![[2.0, 0.0], [0.0, -2.0]], 100, 1e-12).is_err());
    }

    // 11
    #[test]
    fn solve_residual_is_smaller_on_hilbert() {
        let h = hilbert(10);
        let b = h.dot(&Array1::ones(10));
        let (rs, ri) = solve_vs_inv_residuals(&h, &b).unwrap();
        assert!(rs < 1e-12 && ri > 100.0 * rs, "({rs}, {ri})");
        assert!(solve_vs_inv_residuals(&array![[1.0, 2.0], [2.0, 4.0]], &array![1.0, 1.0]).is_err());
    }

    // 17
    #[test]
    fn eigh_desc_is_descending_with_matching_columns() {
        let a = array![[4.0, 1.0, 0.0], [1.0, 3.0, 0.5], [0.0, 0.5, -2.0]];
        let (w, v) = eigh_desc(&a).unwrap();
        assert!(w[0] > w[1] && w[1] > w[2]);
        for i in 0..3 {
            let col = v.column(i);
            assert_close(&a.dot(&col), &(&col * w[i]), 1e-10);
        }
        let (lambda, pv) = power_iteration(&a, 1000, 1e-13).unwrap();
        assert!((lambda - w[0]).abs() < 1e-9);
        assert_close(&pv, &v.column(0).to_owned(), 1e-6);
    }

    // 18-19
    #[test]
    fn eckart_young_and_rank() {
        let a = array![[3.0, 1.0, 2.0], [1.0, -1.0, 0.5], [0.0, 2.0, 1.0], [1.0, 1.0, 1.0]];
        for k in 0..=3 {
            let (ak, e1, e2) = low_rank_approx(&a, k).unwrap();
            assert!((e1 - e2).abs() < 1e-10, "k = {k}: {e1} vs {e2}");
            assert_eq!(rank_and_cond(&ak, 1e-10).unwrap().0, k);
        }
        assert!(low_rank_approx(&a, 4).is_err());
        let (r, c) = rank_and_cond(&array![[2.0, 0.0], [0.0, 0.5]], 1e-10).unwrap();
        assert_eq!(r, 2);
        assert!((c - 4.0).abs() < 1e-12);
        assert_eq!(rank_and_cond(&Array2::zeros((2, 2)), 1e-10).unwrap(), (0, f64::INFINITY));
    }

    // 20-21
    #[test]
    fn fitting() {
        let x = array![-1.0, 0.0, 1.0, 2.0, 3.0];
        let y = x.mapv(|t| 2.0 * t * t - 3.0 * t + 1.0);
        assert_close(&polyfit(&x, &y, 2).unwrap(), &array![2.0, -3.0, 1.0], 1e-10);
        assert!(polyfit(&x, &array![1.0], 1).is_err());
        let xs = array![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 3.0]];
        let ys = xs.map_axis(Axis(1), |r| 0.5 + 2.0 * r[0] - 1.0 * r[1]);
        assert_close(&ols_with_bias(&xs, &ys).unwrap(), &array![0.5, 2.0, -1.0], 1e-10);
        let zero_feature = array![[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]];
        assert!(ols_with_bias(&zero_feature, &array![1.0, 2.0, 2.0]).is_err());
    }

    // 22
    #[test]
    fn pinv_inverts_what_can_be_inverted() {
        let a = array![[2.0, 0.0], [0.0, 4.0], [0.0, 0.0]];
        assert_close(&pinv(&a, 1e-12).unwrap(), &array![[0.5, 0.0, 0.0], [0.0, 0.25, 0.0]], 1e-12);
        let r1 = array![[1.0, 2.0], [2.0, 4.0]];
        let p = pinv(&r1, 1e-12).unwrap();
        assert_close(&r1.dot(&p).dot(&r1), &r1, 1e-10);
        assert_eq!(pinv(&Array2::zeros((2, 3)), 1e-12).unwrap(), Array2::<f64>::zeros((3, 2)));
        assert!(pinv(&r1, -1.0).is_err());
    }
}
