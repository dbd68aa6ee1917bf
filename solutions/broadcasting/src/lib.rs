//! # Module 2 — `broadcasting`: operations between arrays of different shapes
//!
//! Machine-learning code is full of lines like `(X - mean) / std`, `X @ W + b` or
//! `A[:, None, :] - B[None, :, :]`: an operation between a big array and a smaller one that is
//! meant to be *repeated* along some axes. NumPy calls this **broadcasting**, and `ndarray`
//! implements the same rule for its arithmetic operators. This module is about that rule, the
//! everyday preprocessing steps built on it (centring, scaling, normalising), activations, and
//! the two workhorses of distance-based methods: pairwise distances and nearest-centroid
//! assignment.
//!
//! ## The rule
//!
//! Write the two shapes one above the other, **aligned on the right**. Compare them axis by
//! axis, from the last one backwards: two lengths are compatible when they are equal or when
//! one of them is 1 (that axis is repeated to the other's length); a shape that runs out of
//! axes is treated as if it had 1s on its left. Anything else is an error. So `(1000, 4)` and
//! `(4,)` give `(1000, 4)` (the vector is repeated for every row), `(5, 1)` and `(1, 3)` give
//! `(5, 3)` (an outer operation), and `(3,)` with `(4,)` is an error.
//!
//! Nothing is copied to repeat the small array: a broadcast is a *view* whose stride along the
//! repeated axis is 0, so every step along that axis reads the same memory again.
//!
//! ## The rule in `ndarray`
//!
//! - `&a + &b`, `&a - &b`, `&a * &b`, `&a / &b` broadcast both operands, as in NumPy, and
//!   allocate a new array for the result. `a - &b` with an *owned* `a` that already has the
//!   result's shape reuses `a`'s memory (so `a` is consumed); `a -= &b` broadcasts `b` into an
//!   existing `a`.
//! - A vector of length `d` broadcasts against the rows of an `n × d` matrix as it is (it is
//!   right-aligned, like NumPy's `(d,)`). To repeat it along the *other* axis, make it a column
//!   first: `v.insert_axis(Axis(1))` is NumPy's `v[:, None]` (shape `(n, 1)`), and
//!   `v.insert_axis(Axis(0))` is `v[None, :]`. `insert_axis` consumes an array or a view; on a
//!   borrowed array write `v.view().insert_axis(Axis(1))`.
//! - `.broadcast(shape)` returns the repeated view explicitly (an `Option`: `None` when the
//!   shapes are incompatible), and `Zip::from(..).and_broadcast(..)` runs one loop over
//!   several arrays of compatible shapes without any temporary.
//! - Mismatched shapes **panic** in the operators (NumPy raises `ValueError`).
//!
//! ## About speed, honestly
//!
//! In NumPy, broadcasting is how you avoid Python loops. In Rust a loop is not slow, and a
//! broadcast expression is a loop too, so "vectorised" is not automatically faster here. What
//! makes array code slow in Rust is:
//! - **Per-element indexing in the hot loop**: `a[[i, j]]` checks both indices against the
//!   shape and recomputes the address every time; the checks and the arithmetic are cheap one
//!   by one, but they stop the compiler from turning the loop into SIMD code. Iterators, `Zip`
//!   and whole-array operations do neither.
//! - **Allocation inside loops**: `&p - &c` inside a loop over pairs builds (and frees) a new
//!   array each time; for short rows the allocation costs more than the arithmetic.
//! - **Cache-hostile strides**: walking down the columns of a large row-major matrix (you timed
//!   this in `arrays::column_means`).
//! - **Cubic loops where a matrix product belongs**: a hand-written triple loop runs one
//!   dependent addition after another, while `.dot` uses a tuned kernel that keeps the CPU's
//!   vector units busy.
//! - **Needless copies and giant temporaries**: a broadcast that materialises an `n × m × d`
//!   array just to sum it again writes far more memory than the answer needs.
//! - **Single-accumulator reductions**: a `for` loop with one `acc += v` is a chain of
//!   dependent floating-point additions the compiler may not reorder, while `ndarray`'s
//!   `.sum()` and `.dot()` on contiguous data add into eight separate accumulators that it can
//!   vectorise. On data already in cache the loop is several times slower, and it rounds
//!   differently. For a reduction, call `.sum()`/`.dot()` (or keep several accumulators).
//!
//! Three exercises are **timed** on large inputs (`standardize_columns`, `pairwise_sq_dists`,
//! `assign_to_centroids`); their doc comments say what the slow version does wrong. The
//! others are checked for correctness only: there, a clear loop is as good as an idiom, as
//! long as it does not reduce a long array through a single accumulator.
//!
//! ## Working on the module
//!
//! Replace each `todo!()` with your code. `cargo test -p broadcasting` runs the public tests at
//! the bottom of this file; the grader runs more cases, including the edge cases each doc
//! comment mentions.
#![allow(unused_variables, unused_imports)]

use ndarray::Zip;
use ndarray::prelude::*;

// =============================================================================================
// The rule
// =============================================================================================

/// **Exercise 1 — the broadcasting rule itself.**
///
/// Returns the shape that an element-wise operation between arrays of shapes `a` and `b`
/// produces, or an `Err` with a message naming both shapes when they are incompatible.
///
/// Align the shapes on the right; pad the shorter one with 1s on the left; then, per axis, the
/// lengths must be equal (result: that length) or one of them must be 1 (result: the other).
/// Examples: `[1000, 4]` and `[4]` give `[1000, 4]`; `[5, 1]` and `[1, 3]` give `[5, 3]`;
/// `[8, 1, 6, 1]` and `[7, 1, 5]` give `[8, 7, 6, 5]`; `[3]` and `[4]` is an error.
///
/// - NumPy: `np.broadcast_shapes(a, b)` (raises `ValueError` on incompatible shapes)
/// - Rust: iterate both shapes from the end (`.iter().rev()`), treat a missing axis as 1,
///   collect, and reverse at the end.
/// - Edge cases the grader tests: an empty shape `[]` (a scalar) broadcasts with anything;
///   a length-0 axis is an ordinary length: `0` with `1` gives `0`, but `0` with `5` is an
///   error (it is not "the smaller one wins").
/// - Speed: not timed; shapes are tiny.
pub fn broadcast_shape(a: &[usize], b: &[usize]) -> Result<Vec<usize>, String> {
    // BEGIN SOLUTION
    let n = a.len().max(b.len());
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        // Axis i counted from the right; a shape that has run out of axes contributes a 1.
        let x = if i < a.len() { a[a.len() - 1 - i] } else { 1 };
        let y = if i < b.len() { b[b.len() - 1 - i] } else { 1 };
        let r = if x == y || y == 1 {
            x
        } else if x == 1 {
            y
        } else {
            return Err(format!("shapes {a:?} and {b:?} do not broadcast: axis lengths {x} and {y} differ and neither is 1"));
        };
        out.push(r);
    }
    out.reverse();
    Ok(out)
    // END SOLUTION
}

/// **Exercise 2 — a dense layer: `X·W + b`.**
///
/// `x` is a batch of `n` samples with `d` features (`n × d`), `w` the layer's weights
/// (`d × h`) and `b` its bias (length `h`). Returns the `n × h` matrix `x·w` with `b` added to
/// **every row**.
///
/// The bias is a vector of length `h`; the product has shape `(n, h)`. Right-aligned, `(h,)`
/// matches the last axis, so the bias is repeated down the rows: no loop over the batch and no
/// copy of `b` per sample.
///
/// - NumPy: `x @ w + b`
/// - ndarray: `.dot(...)` gives an owned array; add the bias with `+ &b` (which reuses the
///   product's memory) or `+=`.
/// - Pitfalls: `b.view().insert_axis(Axis(1))` (a column) would try to add one bias per *sample*
///   and fails to broadcast unless `n == h`, and when `n == h` it silently adds the wrong
///   thing. A batch of zero samples gives an empty `(0, h)` result.
/// - Speed: not timed. The product dominates; a loop adding `b` to each row is just as fast
///   as `+ &b`, but building `np.tile(b, (n, 1))` first is a needless copy.
pub fn add_bias(x: &Array2<f64>, w: &Array2<f64>, b: &Array1<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    x.dot(w) + b
    // END SOLUTION
}

/// **Exercise 3 — outer operations.**
///
/// For vectors `a` (length `n`) and `b` (length `m`), returns two `n × m` matrices:
/// `(products, differences)` with `products[[i, j]] = a[i] * b[j]` and
/// `differences[[i, j]] = a[i] - b[j]`.
///
/// Make `a` a column (shape `(n, 1)`) and `b` a row (shape `(1, m)`, or simply `(m,)`):
/// broadcasting then pairs every `a[i]` with every `b[j]`. The same trick gives any "all
/// pairs" table: sums, comparisons, distances on a line.
///
/// - NumPy: `np.multiply.outer(a, b)` or `a[:, None] * b[None, :]`; and `a[:, None] - b`
/// - ndarray: `a.view().insert_axis(Axis(1))`, then `&col * b` and `&col - b`.
/// - Pitfalls: `&a * &b` on two 1-D arrays is the *element-wise* product (and panics when
///   `n != m`); `a.dot(b)` is the inner product, a single number. Either input may be empty.
/// - Speed: not timed. A double loop writing into `Array2::zeros((n, m))`, or
///   `Array2::from_shape_fn`, is equally fast.
pub fn outer_ops(a: &Array1<f64>, b: &Array1<f64>) -> (Array2<f64>, Array2<f64>) {
    // BEGIN SOLUTION
    let col = a.view().insert_axis(Axis(1));
    (&col * b, &col - b)
    // END SOLUTION
}

// =============================================================================================
// Preprocessing: per-column and per-row statistics
// =============================================================================================

/// **Exercise 4 — centre the columns, leaving the input alone.**
///
/// Returns a new matrix in which each column has had its mean subtracted, so every column of
/// the result averages to 0. The input must not change (the grader passes it by reference, so
/// Rust already guarantees that; in NumPy `X -= X.mean(axis=0)` would silently modify the
/// caller's data). A matrix with zero rows is returned as it is (an empty copy).
///
/// - NumPy: `X - X.mean(axis=0)` (a new array), not `X -= ...` (in place)
/// - ndarray: `.mean_axis(Axis(0))` for the means (an `Option`: `None` with zero rows), then
///   `a - &means`: `&Array2 - &Array1` allocates the result and broadcasts the means down the
///   rows.
/// - Pitfalls: `a.mean_axis(Axis(1))` gives row means of length `n`, which does not
///   broadcast against `(n, d)` unless you make it a column, and is not what is asked.
/// - Speed: not timed. Two row-wise passes; a loop over `rows()` is as fast.
pub fn center_columns(a: &Array2<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    match a.mean_axis(Axis(0)) {
        Some(means) => a - &means,
        None => a.to_owned(),
    }
    // END SOLUTION
}

/// **Exercise 5 — min-max scaling per column.**
///
/// Maps each column linearly onto `[0, 1]`: `(a - min) / (max - min)`, with the column's own
/// minimum and maximum. A constant column (`max == min`) becomes all zeros instead of
/// `0 / 0 = NaN` (scikit-learn's `MinMaxScaler` does the same). Zero rows give an empty
/// `(0, d)` result. Inputs contain no NaN.
///
/// - NumPy: `(X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))`
/// - ndarray: there is no `min_axis`; fold the rows with
///   `a.fold_axis(Axis(0), f64::INFINITY, |&m, &x| m.min(x))` (and the same for the maximum),
///   compute the ranges, then one broadcasting expression.
/// - Pitfalls: `map_axis(Axis(0), ...)` also works but hands you strided columns (fine for
///   small data; exercise 10 times the same walk on a large matrix); negative values and
///   columns whose minimum is not in the first row are in the hidden cases.
/// - Speed: not timed (the memory pattern of the timed exercise 10, `standardize_columns`).
pub fn minmax_scale_columns(a: &Array2<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    let mins = a.fold_axis(Axis(0), f64::INFINITY, |&m, &x| m.min(x));
    let maxs = a.fold_axis(Axis(0), f64::NEG_INFINITY, |&m, &x| m.max(x));
    let inv = Zip::from(&mins).and(&maxs).map_collect(|&lo, &hi| if hi > lo { 1.0 / (hi - lo) } else { 0.0 });
    Zip::from(a).and_broadcast(&mins).and_broadcast(&inv).map_collect(|&x, &lo, &k| (x - lo) * k)
    // END SOLUTION
}

/// **Exercise 6 — L2-normalise the rows.**
///
/// Divides each row by its Euclidean length `sqrt(Σ x²)`, so every row of the result has
/// length 1 (the usual step before cosine similarity). A row of zeros has no direction and
/// stays all zeros, instead of `0 / 0 = NaN`.
///
/// The norms form a vector of length `n`, one per **row**: to divide each row by its own norm
/// it must broadcast as a column, shape `(n, 1)`.
///
/// - NumPy: `X / np.linalg.norm(X, axis=1, keepdims=True)` (plus the zero guard)
/// - ndarray: `a.map_axis(Axis(1), |row| row.dot(&row).sqrt())` for the norms (rows are
///   contiguous, so this is a fast walk), then `.insert_axis(Axis(1))` to make them a column
///   (NumPy's `keepdims=True`), then `a / &column` or `a * &inv_column`.
/// - Pitfalls: dividing by the norms *without* `insert_axis` divides column `j` by the norm
///   of row `j`: it panics for non-square input and is silently wrong for square input (the
///   grader has square cases).
/// - Speed: not timed. A loop over `rows_mut()` of a copy is as fast.
pub fn l2_normalize_rows(a: &Array2<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    let inv = a.map_axis(Axis(1), |row| {
        let norm = row.dot(&row).sqrt();
        if norm > 0.0 { 1.0 / norm } else { 0.0 }
    });
    a * &inv.insert_axis(Axis(1))
    // END SOLUTION
}

// =============================================================================================
// Activations
// =============================================================================================

/// **Exercise 7 — leaky ReLU.**
///
/// Returns `x` where `x > 0` and `alpha * x` elsewhere, element by element (`alpha` is a small
/// slope such as `0.01`, so negative inputs still pass a little gradient). NaN stays NaN.
///
/// An element-wise function is broadcasting's simplest case: a scalar is a shape `()` that
/// repeats over everything.
///
/// - NumPy: `np.where(x > 0, x, alpha * x)`
/// - ndarray: `.mapv(|v| ...)` with an `if`.
/// - Pitfalls: the shortcut `v.max(alpha * v)` is right only when `alpha <= 1`: for
///   `alpha > 1` (unusual but legal, and in the hidden cases) it picks `alpha * v` for positive
///   `v`. Write the `if`; it also says what you mean.
/// - Speed: not timed. `mapv` and a loop over `iter_mut()` compile to the same code.
pub fn leaky_relu(a: &Array2<f64>, alpha: f64) -> Array2<f64> {
    // BEGIN SOLUTION
    a.mapv(|v| if v > 0.0 { v } else { alpha * v })
    // END SOLUTION
}

/// **Exercise 8 — softplus, computed without overflow.**
///
/// Returns `ln(1 + e^x)` element by element: a smooth ReLU, and the function behind the
/// logistic loss. The textbook formula breaks at both ends in floating point:
/// - for `x > 709`, `e^x` overflows to infinity, so the result is `inf` instead of about `x`;
/// - for `x < -36` or so, `1 + e^x` rounds to exactly `1` and the result becomes `0` (or loses
///   most of its digits well before that), although the true value is about `e^x`.
///
/// Rewrite it as `max(x, 0) + ln(1 + e^(-|x|))` (the exponent is never positive) and compute
/// `ln(1 + y)` with `ln_1p`, which is accurate for tiny `y`. `+inf` gives `inf`, `-inf` gives
/// `0`, NaN gives NaN.
///
/// - NumPy: `np.logaddexp(0, x)` (the stable form); `np.log1p(np.exp(-abs(x))) + np.maximum(x, 0)`
/// - ndarray: `.mapv(...)` with `f64::exp`, `f64::ln_1p`, `f64::abs`, `f64::max`.
/// - Pitfalls: the grader's values include `800`, `-800`, `-40` and `±inf`; `(1.0 + y).ln()`
///   instead of `y.ln_1p()` fails the relative tolerance for very negative inputs.
/// - Speed: not timed; the `exp` and `ln_1p` calls dominate whichever way you loop.
pub fn softplus(a: &Array2<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    a.mapv(|x| x.max(0.0) + (-x.abs()).exp().ln_1p())
    // END SOLUTION
}

/// **Exercise 9 — a numerically stable softmax along an axis.**
///
/// Returns `exp(x) / sum(exp(x))` computed along `axis` (`1`: each row sums to 1, the usual
/// case for a batch of class scores; `0`: each column sums to 1). Any other axis panics.
///
/// `e^x` overflows for `x > 709`, so subtract the maximum of each row (or column) first:
/// softmax does not change when the same number is subtracted from all its inputs, and after
/// the shift the largest exponent is `e^0 = 1`. The maxima have one value per row; keep them
/// as a column (shape `(n, 1)`, NumPy's `keepdims=True`) so they broadcast back along the
/// right axis. Same for the sums.
///
/// - NumPy: `e = np.exp(x - x.max(axis=1, keepdims=True)); e / e.sum(axis=1, keepdims=True)`
/// - ndarray: `fold_axis(Axis(axis), f64::NEG_INFINITY, |&m, &v| m.max(v))`, then
///   `.insert_axis(Axis(axis))` (the reduced axis comes back with length 1), `.mapv(f64::exp)`
///   or `.mapv_inplace`, `.sum_axis(Axis(axis))` and `insert_axis` again.
/// - Pitfalls: inputs like `1000.0` overflow without the shift (`inf / inf = NaN`); `-inf`
///   inputs give probability 0; a row that is all `-inf` gives NaN (as in NumPy: `-inf - -inf`
///   is NaN). An empty matrix gives an empty result.
/// - Speed: not timed, deliberately: a loop over `rows_mut()` that does the three steps per
///   row is as fast as the whole-array idiom in Rust (each row stays in cache between the
///   steps), so there is no slow "naive" version to catch.
pub fn softmax(a: &Array2<f64>, axis: usize) -> Array2<f64> {
    // BEGIN SOLUTION
    assert!(axis < 2, "softmax: axis must be 0 or 1 for a matrix, got {axis}");
    let ax = Axis(axis);
    let max = a.fold_axis(ax, f64::NEG_INFINITY, |&m, &v| m.max(v)).insert_axis(ax);
    let mut e = a - &max;
    e.mapv_inplace(f64::exp);
    let sums = e.sum_axis(ax).insert_axis(ax);
    e / &sums
    // END SOLUTION
}

// =============================================================================================
// Column statistics on a large matrix
// =============================================================================================

/// **Exercise 10 — standardise the columns (z-scores) of a large matrix.**
///
/// Returns `(a - mean) / std` column by column, with the column's mean and its *population*
/// standard deviation (divide by `n`, NumPy's default `ddof = 0`), so each column of the result
/// has mean 0 and standard deviation 1. Zero rows give an empty `(0, d)` result.
///
/// A column is *constant* when all its values are equal, tested exactly (every value equals the
/// first, or `max == min`), never by comparing a computed standard deviation with 0: the mean
/// of ten `0.1`s is `0.09999999999999999`, so their computed standard deviation is about
/// `1.4e-17`, not 0. A constant column is centred on its value and scaled by 1, so it becomes
/// exactly zeros (the same numbers as multiplying its centred values by 0). Without the test,
/// `0 / 0` gives NaN for an exact constant such as `7.0`, and the ten `0.1`s become ten `1.0`s.
/// (scikit-learn's `StandardScaler` decides differently: it calls a column constant when its
/// computed variance is below a small bound derived from the column's mean and the rounding
/// error of the variance formula, and then divides by 1, leaving `x - mean`.)
///
/// - NumPy: `const = (X == X[0]).all(axis=0)`, then
///   `np.where(const, 0.0, (X - X.mean(axis=0)) / np.where(const, 1.0, X.std(axis=0)))`
/// - ndarray: the means and the sums of squared deviations *row by row* (`mean_axis(Axis(0))`,
///   then a loop over `a.rows()` adding `(row - mean)²` into a length-`d` accumulator, for
///   example with `Zip`; the same loop can compare each row with the first one for the
///   constancy test), one reciprocal per column, and one broadcasting pass for the result:
///   `(a - &means) * &inv_std`, or `Zip::from(a).and_broadcast(&means).and_broadcast(&inv)
///   .map_collect(...)` to write the output in one sweep.
/// - Pitfalls: `std_axis(Axis(0), 1.0)` is the sample (ddof = 1) deviation; a one-row matrix
///   is constant in every column (so the result is zeros); `if std > 0.0` is not a constancy
///   test (the grader has a column of ten `0.1`s).
/// - Speed: **timed**, on a 6 000 × 512 matrix (25 MB: far more than the per-core L2 cache,
///   about the size of the shared L3). Row-major storage puts consecutive values of one column
///   a whole row (4 KB) apart. Working column by column (`a.column(j).mean()`, `.std(0.0)`,
///   then writing the column of the result; or the same with `a[[i, j]]`) walks the matrix
///   three times against its layout: every step lands on a different cache line *and* a
///   different memory page, more pages than the CPU's address-translation cache holds, and
///   each column's sum is one long chain of dependent additions that the CPU cannot overlap or
///   vectorise, with an index check per element. The row-wise version reads contiguous rows
///   and updates `d` independent accumulators at once (you met this in
///   `arrays::column_means`). The column walks measure about 8 to 10 times slower; the budget
///   sits in between. Fold the constancy test into a pass you already make over the rows, rather
///   than adding a column walk for it.
///   (On a 100 MB matrix the gap is smaller and erratic: there, allocating the 100 MB result,
///   which the operating system hands out page by page, costs as much as the statistics and is
///   the same on both sides.)
pub fn standardize_columns(a: &Array2<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    let (n, d) = a.dim();
    let Some(means) = a.mean_axis(Axis(0)) else {
        return a.to_owned();
    };
    let first = a.row(0);
    let mut sq = Array1::<f64>::zeros(d);
    let mut constant = Array1::from_elem(d, true);
    for row in a.rows() {
        Zip::from(&mut sq).and(&mut constant).and(&row).and(&means).and(&first).for_each(|s, c, &x, &m, &f| {
            let t = x - m;
            *s += t * t;
            *c &= x == f;
        });
    }
    // A constant column is multiplied by 0: exact zeros, whatever its computed mean.
    let inv = Zip::from(&sq).and(&constant).map_collect(|&s, &c| if c { 0.0 } else { 1.0 / (s / n as f64).sqrt() });
    Zip::from(a).and_broadcast(&means).and_broadcast(&inv).map_collect(|&x, &m, &k| (x - m) * k)
    // END SOLUTION
}

// =============================================================================================
// Distances
// =============================================================================================

/// **Exercise 11 — pairwise squared distances by a 3-D broadcast.**
///
/// For points `a` (`n × d`) and `b` (`m × d`), returns the `n × m` matrix of squared Euclidean
/// distances `Σ_k (a[i, k] - b[j, k])²`.
///
/// This is the textbook broadcasting trick: view `a` as `(n, 1, d)` and `b` as `(1, m, d)`;
/// their difference broadcasts to `(n, m, d)`, holding every `a[i] - b[j]`; square and sum
/// over the last axis. It is exact and easy to check, which makes it the reference to test
/// exercise 12 against.
///
/// - NumPy: `((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=2)`
/// - ndarray: `a.view().insert_axis(Axis(1))`, `b.view().insert_axis(Axis(0))`, `&x - &y`
///   (both sides broadcast), `.mapv_inplace(|v| v * v)`, `.sum_axis(Axis(2))`.
/// - Edge cases: `d = 0` gives a matrix of zeros; `n = 0` or `m = 0` gives an empty matrix.
/// - Speed: not timed here, and fine for small inputs, but note the cost: the temporary has
///   `n · m · d` elements (2 GB for 2000 × 2000 points in 64 dimensions), which exercise 12
///   avoids.
pub fn pairwise_sq_dists_3d(a: &Array2<f64>, b: &Array2<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    let mut diff = &a.view().insert_axis(Axis(1)) - &b.view().insert_axis(Axis(0));
    diff.mapv_inplace(|v| v * v);
    diff.sum_axis(Axis(2))
    // END SOLUTION
}

/// **Exercise 12 — pairwise squared distances by a matrix product.**
///
/// Same result as exercise 11, computed from the identity
/// `‖a_i − b_j‖² = ‖a_i‖² + ‖b_j‖² − 2 a_i·b_j`: the last term for all pairs at once is the
/// matrix product `a · bᵀ` (`n × m`), and the squared norms are a column (`n × 1`) and a row
/// (`m`) that broadcast onto it. Rounding can make a true 0 come out as a tiny negative number
/// (`-1e-15`): clamp every entry at 0, since a squared distance cannot be negative.
///
/// - NumPy: `np.maximum((a**2).sum(1)[:, None] + (b**2).sum(1)[None, :] - 2 * a @ b.T, 0)`
///   (scikit-learn's `euclidean_distances` does this)
/// - ndarray: norms with `map_axis(Axis(1), |r| r.dot(&r))`, the product with `a.dot(&b.t())`
///   (`.t()` is a free transposed view), then one broadcasting pass over the product, for
///   example `Zip::from(&mut g).and_broadcast(&na_column).and_broadcast(&nb)` with
///   `.max(0.0)`.
/// - Pitfalls: forgetting the clamp (the grader has cases with repeated points); the identity
///   loses relative accuracy for points that are very close compared with their norms, so the
///   grader compares with an absolute tolerance of 1e-9.
/// - Speed: **timed**, 2000 × 2000 points in 64 dimensions, budget a few matrix products of
///   that shape. The triple loop (`for i, for j, for k` with `a[[i, k]] - b[[j, k]]`) does the
///   same 2.6·10⁸ multiply-adds as the product, but one dependent addition after another, with
///   index checks, and it re-reads all of `b` for every row of `a`; `.dot` uses a blocked,
///   vectorised kernel and is several times faster. The 3-D broadcast of exercise 11 is far
///   worse: it writes and re-reads a 2 GB temporary. `ndlab::linalg::matmul(a, &b.t())` (a
///   `Result`: its only error is a shape mismatch) is the same product through faer's kernels,
///   which use AVX-512 where the CPU has it while ndarray's stop at AVX2: on an Intel Xeon about
///   1.5× faster than `.dot` and level with NumPy's BLAS, but on an AMD EPYC (Zen 4, whose
///   AVX-512 is 256 bits wide inside) about 1.5× slower (`cargo xtask bench`). The budget is
///   counted in `.dot` products, so `.dot` is the reference and both pass.
pub fn pairwise_sq_dists(a: &Array2<f64>, b: &Array2<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    let na = a.map_axis(Axis(1), |r| r.dot(&r));
    let nb = b.map_axis(Axis(1), |r| r.dot(&r));
    let mut g = a.dot(&b.t());
    Zip::from(&mut g).and_broadcast(&na.insert_axis(Axis(1))).and_broadcast(&nb).for_each(|g, &x, &y| *g = (x + y - 2.0 * *g).max(0.0));
    g
    // END SOLUTION
}

/// **Exercise 13 — assign each point to its nearest centroid.**
///
/// For points (`n × d`) and centroids (`k × d`), returns `(labels, sq_dists)`: for each point
/// the index of the nearest centroid (smallest squared Euclidean distance; on a **tie the
/// smallest index** wins, like NumPy's `argmin`) and that smallest squared distance. This is
/// the assignment step of k-means. Zero points give two empty arrays. With no centroids there
/// is nothing to assign to: panic with a message containing "centroid".
///
/// - NumPy: `D = pairwise_sq_dists(X, C); labels = D.argmin(axis=1); D[np.arange(n), labels]`
/// - ndarray: the `n × k` distance matrix of exercise 12 (call your own function), then one
///   scan per row (`rows()`, or `map_axis(Axis(1), ...)`), keeping the first minimum (`<`,
///   not `<=`).
/// - Pitfalls: `<=` keeps the *last* tie; the hidden cases have points exactly halfway
///   between two centroids.
/// - Speed: **timed**, 5000 points and 64 centroids in 128 dimensions (think of embedding
///   vectors); the budget is about four products of shape `(5000 × 128) · (128 × 64)`, and the
///   reference takes about one and a half. The loop a NumPy user writes,
///   `for c in centroids: diff = &p - &c; diff.dot(&diff)`, allocates (and frees) a new array
///   for every point–centroid pair: 320 000 allocations and twice as many passes over short
///   arrays, about ten times the reference. The 3-D broadcast `(n, 1, d) - (1, k, d)` writes a
///   330 MB temporary (about fifty times). Even a loop over pairs that computes each distance
///   on the fly with iterators, without allocating, measures eight to nine times slower than
///   the matrix-product route (128 dependent additions per pair, no vector kernel) and fails
///   the budget by more than 2×: this is exercise 12's lesson again, at a smaller scale.
pub fn assign_to_centroids(points: &Array2<f64>, centroids: &Array2<f64>) -> (Array1<usize>, Array1<f64>) {
    // BEGIN SOLUTION
    assert!(centroids.nrows() > 0, "assign_to_centroids: there is no centroid to assign the points to");
    let dists = pairwise_sq_dists(points, centroids);
    let n = points.nrows();
    let mut labels = Array1::<usize>::zeros(n);
    let mut best = Array1::<f64>::zeros(n);
    for (i, row) in dists.rows().into_iter().enumerate() {
        let (mut j_best, mut d_best) = (0, row[0]);
        for (j, &v) in row.iter().enumerate().skip(1) {
            if v < d_best {
                (j_best, d_best) = (j, v);
            }
        }
        labels[i] = j_best;
        best[i] = d_best;
    }
    (labels, best)
    // END SOLUTION
}

// =============================================================================================
// Public tests: `cargo test -p broadcasting`
// =============================================================================================

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Equal within a small tolerance, NaN equal to NaN, same shape.
    fn assert_close<D: Dimension>(got: &Array<f64, D>, want: &Array<f64, D>) {
        assert_eq!(got.shape(), want.shape(), "shape: got {got}, want {want}");
        for (g, w) in got.iter().zip(want.iter()) {
            let ok = (g.is_nan() && w.is_nan()) || g == w || (g - w).abs() <= 1e-12 + 1e-9 * w.abs();
            assert!(ok, "got {got}, want {want}");
        }
    }

    // 1
    #[test]
    fn broadcast_shape_right_aligns() {
        assert_eq!(broadcast_shape(&[1000, 4], &[4]), Ok(vec![1000, 4]));
        assert_eq!(broadcast_shape(&[5, 1], &[1, 3]), Ok(vec![5, 3]));
        assert_eq!(broadcast_shape(&[8, 1, 6, 1], &[7, 1, 5]), Ok(vec![8, 7, 6, 5]));
        assert_eq!(broadcast_shape(&[], &[2, 3]), Ok(vec![2, 3]));
    }

    #[test]
    fn broadcast_shape_rejects_mismatches() {
        assert!(broadcast_shape(&[3], &[4]).is_err());
        assert!(broadcast_shape(&[2, 1], &[8, 4, 3]).is_err());
    }

    // 2
    #[test]
    fn add_bias_adds_to_every_row() {
        let x = array![[1.0, 2.0], [3.0, 4.0], [0.0, 0.0]];
        let w = array![[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]];
        let b = array![10.0, 20.0, 30.0];
        assert_close(&add_bias(&x, &w, &b), &array![[11.0, 22.0, 30.0], [13.0, 24.0, 32.0], [10.0, 20.0, 30.0]]);
    }

    // 3
    #[test]
    fn outer_ops_pairs_everything() {
        let (p, d) = outer_ops(&array![1.0, 2.0], &array![3.0, 4.0, 5.0]);
        assert_close(&p, &array![[3.0, 4.0, 5.0], [6.0, 8.0, 10.0]]);
        assert_close(&d, &array![[-2.0, -3.0, -4.0], [-1.0, -2.0, -3.0]]);
    }

    // 4
    #[test]
    fn center_columns_subtracts_column_means() {
        let a = array![[1.0, 10.0], [3.0, 10.0], [5.0, 40.0]];
        assert_close(&center_columns(&a), &array![[-2.0, -10.0], [0.0, -10.0], [2.0, 20.0]]);
        assert_eq!(a, array![[1.0, 10.0], [3.0, 10.0], [5.0, 40.0]]);
    }

    // 5
    #[test]
    fn minmax_scale_columns_maps_onto_unit_interval() {
        let a = array![[2.0, -1.0, 4.0], [4.0, -3.0, 4.0], [3.0, 1.0, 4.0]];
        assert_close(&minmax_scale_columns(&a), &array![[0.0, 0.5, 0.0], [1.0, 0.0, 0.0], [0.5, 1.0, 0.0]]);
    }

    // 6
    #[test]
    fn l2_normalize_rows_divides_each_row_by_its_norm() {
        let a = array![[3.0, 4.0], [0.0, 0.0], [0.0, -2.0]];
        assert_close(&l2_normalize_rows(&a), &array![[0.6, 0.8], [0.0, 0.0], [0.0, -1.0]]);
    }

    // 7
    #[test]
    fn leaky_relu_scales_negatives() {
        let a = array![[-2.0, 0.0, 3.0], [f64::NAN, -0.5, 1e-3]];
        assert_close(&leaky_relu(&a, 0.1), &array![[-0.2, 0.0, 3.0], [f64::NAN, -0.05, 1e-3]]);
    }

    // 8
    #[test]
    fn softplus_does_not_overflow() {
        let a = array![[0.0, 1000.0, -1000.0]];
        let got = softplus(&a);
        assert_close(&got, &array![[2.0f64.ln(), 1000.0, 0.0]]);
        let tiny = softplus(&array![[-40.0]])[[0, 0]];
        assert!((tiny - (-40.0f64).exp()).abs() <= 1e-9 * (-40.0f64).exp(), "softplus(-40) = {tiny}");
    }

    // 9
    #[test]
    fn softmax_rows_and_columns() {
        let a = array![[1000.0, 1000.0], [0.0, 2.0f64.ln()]];
        assert_close(&softmax(&a, 1), &array![[0.5, 0.5], [1.0 / 3.0, 2.0 / 3.0]]);
        let c = softmax(&array![[0.0, 1.0], [0.0, 1.0]], 0);
        assert_close(&c, &array![[0.5, 0.5], [0.5, 0.5]]);
    }

    #[test]
    #[should_panic(expected = "axis")]
    fn softmax_rejects_axis_2() {
        softmax(&array![[1.0]], 2);
    }

    // 10
    #[test]
    fn standardize_columns_gives_z_scores() {
        let a = array![[1.0, 7.0], [3.0, 7.0], [5.0, 7.0]];
        let s = (8.0f64 / 3.0).sqrt();
        assert_close(&standardize_columns(&a), &array![[-2.0 / s, 0.0], [0.0, 0.0], [2.0 / s, 0.0]]);
        assert_eq!(standardize_columns(&Array2::zeros((0, 3))).shape(), &[0, 3]);
    }

    #[test]
    fn standardize_columns_tests_constancy_exactly() {
        // The mean of ten 0.1s is 0.09999999999999999, and the computed std about 1.4e-17.
        let a = Array2::from_shape_fn((10, 2), |(i, j)| if j == 0 { 0.1 } else { i as f64 });
        let z = standardize_columns(&a);
        assert!(z.column(0).iter().all(|&v| v == 0.0), "constant column: {}", z.column(0));
        assert!(z.column(1).mean().unwrap().abs() < 1e-12);
    }

    // 11 and 12
    #[test]
    fn pairwise_sq_dists_both_ways() {
        let a = array![[0.0, 0.0], [1.0, 1.0]];
        let b = array![[1.0, 0.0], [0.0, 0.0], [3.0, 4.0]];
        let want = array![[1.0, 0.0, 25.0], [1.0, 2.0, 13.0]];
        assert_close(&pairwise_sq_dists_3d(&a, &b), &want);
        assert_close(&pairwise_sq_dists(&a, &b), &want);
    }

    #[test]
    fn pairwise_sq_dists_is_never_negative() {
        let a = array![[0.1, 0.2, 0.3], [1e3, 1e-3, 7.7]];
        let d = pairwise_sq_dists(&a, &a);
        assert!(d.iter().all(|&v| v >= 0.0), "{d}");
    }

    // 13
    #[test]
    fn assign_to_centroids_picks_the_nearest_and_first_tie() {
        let p = array![[0.0, 0.0], [4.0, 4.0], [1.0, 0.0]];
        let c = array![[0.0, 1.0], [4.0, 5.0], [2.0, 0.0]];
        let (labels, d) = assign_to_centroids(&p, &c);
        // point 2 is at distance 2 from centroid 0 and 1 from centroid 2
        assert_eq!(labels, array![0usize, 1, 2]);
        assert_close(&d, &array![1.0, 1.0, 1.0]);
        // point (1, 0.5) is equally far from (0, 0.5) and (2, 0.5): the first wins
        let (labels, _) = assign_to_centroids(&array![[1.0, 0.5]], &array![[2.0, 0.5], [0.0, 0.5]]);
        assert_eq!(labels, array![0usize]);
    }

    #[test]
    #[should_panic(expected = "centroid")]
    fn assign_to_centroids_needs_a_centroid() {
        assign_to_centroids(&array![[1.0, 2.0]], &Array2::zeros((0, 2)));
    }
}
