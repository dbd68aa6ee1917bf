//! # Module 13 — `data`: cleaning a table, fitting a trend, comparing texts
//!
//! Real data arrive with holes, impossible values, wildly different scales and as text. This
//! module is the everyday work between "I have a file" and "I have a matrix a model can use",
//! done with whole-array operations, plus the first model most analyses fit (a least-squares
//! trend) and the first text representation (bag of words, TF-IDF, cosine similarity).
//!
//! ## Six parts
//!
//! 1. **ETL on time series** (`datasets::timeseries`): the Mauna Loa weekly CO₂ record
//!    (1958–2001, 59 weeks genuinely missing, loaded as NaN) and Seattle's daily weather.
//!    Sentinel codes to NaN, forward fill, median fill, outliers by the interquartile range,
//!    min-max normalisation, rolling statistics, a reproducible train/test split, and scaling
//!    with the **training** statistics only.
//! 2. **Encoding**: category names to integer codes (`np.unique(..., return_inverse=True)`),
//!    numbers to bins (`np.digitize`).
//! 3. **Regression**: the usual error metrics, and a polynomial trend fitted with the library's
//!    least squares (`ndlab::linalg::lstsq`; you wrote least squares yourself in
//!    `linalg::lstsq_normal`, `linalg::lstsq_qr` and `linalg::polyfit`), whose residuals are the
//!    CO₂ record's seasonal cycle.
//! 4. **Text** (`datasets::text::sotu()`, 33 State of the Union addresses): tokens, a sorted
//!    vocabulary, a bag-of-words count matrix, TF-IDF weights as scikit-learn computes them,
//!    the cosine-similarity matrix and the most similar pair of speeches.
//! 5. **Sets**: intersection, union and difference of two columns of codes
//!    (`np.intersect1d`, `union1d`, `setdiff1d`) and membership (`np.isin`), each without the
//!    `O(n·m)` scan that `contains` in a loop would be.
//! 6. **Files NumPy can read**: `.npy` in and out with `ndarray-npy` (exercises 21 and 22).
//!
//! ## Conventions
//!
//! - Samples are rows, features columns. **NaN means missing**: statistics skip it (NumPy's
//!   `nan*` functions), and it travels through element-wise transforms unchanged.
//! - Quantiles use NumPy's default rule (`method="linear"`): for `m` sorted values and a
//!   fraction `q`, the position is `h = (m − 1)·q`, and the quantile is
//!   `v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋ + 1] − v[⌊h⌋])`.
//! - Errors for bad input (mismatched lengths, an empty training set, a window of 0) are
//!   `Err(String)` with a message, never a panic.
//!
//! ## Real data in the grader
//!
//! Some cases run your functions on the real files (the glue loads them with the `datasets`
//! crate): forward fill and the 52-week rolling statistics of the CO₂ series; `detrend` of
//! degree 1 and 2 on the measured CO₂ weeks against `t = decimal year − 1980` (see
//! `datasets::timeseries::Date::decimal_year`); IQR flags and the weather labels of the Seattle
//! data; and the whole
//! text pipeline on the 33 speeches (vocabulary size, TF-IDF, cosine similarities, the most
//! similar pair). The expected figures agree with NumPy and scikit-learn (script and figures in
//! `datasets/reference/data/`): CO₂ rose by 1.343 ppm per year on average over 1958–2001, and
//! the two most similar speeches are Clinton's of 1998 and 1999 (cosine 0.963).
//!
//! ## About speed, honestly
//!
//! Most exercises are one or two passes over small data: a clear loop is as good as an idiom
//! in Rust, and they are not timed. The exception to "a loop is as good" is a floating-point
//! **reduction**: ndarray's `sum()` and `dot()` add with eight independent accumulators
//! (`unrolled_fold` in ndarray's `numeric_util.rs`), which the compiler vectorises, while a loop
//! with a single `acc += x` is one chain of dependent additions, several times slower on data in
//! cache, and it rounds differently: for sums, use `.sum()`/`.dot()` or several accumulators.
//! Three exercises are timed, because the slow way is slow for a real reason:
//! - `cosine_similarity`: all pairs of `n` rows is a matrix product `Xn·Xnᵀ`; a loop over
//!   pairs that copies the two rows and computes three dot products per pair does `n²` small
//!   allocations and three times the arithmetic, without the product's blocked kernel.
//! - `iqr_outlier_flags`: quartiles need an order statistic, which a *selection*
//!   (`select_nth_unstable_by`) finds in linear time, once per column. Recomputing a column's
//!   quartiles for every element turns `O(n)` into `O(n²)`.
//! - `isin`: membership needs a set built once (a `HashSet`, or a sorted copy and binary
//!   search); scanning the whole test list for every value is `O(n·m)`.
//!
//! ## Working on the module
//!
//! Replace each `todo!()` with your code. Later exercises may call earlier ones. `cargo test
//! -p data` runs the public tests at the bottom of this file; the grader runs more cases
//! (empty inputs, all-NaN columns, ties, constant columns, zero targets).
#![allow(unused_variables, unused_imports)]

use ndarray::Zip;
use ndarray::prelude::*;
use ndarray_npy::{ReadNpyExt, WriteNpyExt};
use ndlab::linalg as la;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

// =============================================================================================
// Cleaning
// =============================================================================================

/// **Exercise 1 — sentinel codes to NaN.**
///
/// Many files write "missing" as a code: `-999`, `-99.99`, `9999`. Left in place, one such
/// value drags a mean by hundreds. Returns a copy of `a` in which every entry **equal** to
/// `sentinel` is NaN; all other entries (existing NaN included) are unchanged.
///
/// - NumPy: `np.where(a == sentinel, np.nan, a)` (or `a[a == sentinel] = np.nan` on a copy)
/// - ndarray: `a.mapv(|x| ...)`.
/// - Pitfalls: compare for equality, not "less than" (real values can be negative); a NaN
///   sentinel matches nothing (NaN is not equal to itself), so the copy is unchanged.
/// - Speed: not timed; one pass, any loop is fine.
pub fn sentinel_to_nan(a: &Array2<f64>, sentinel: f64) -> Array2<f64> {
    todo!()
}

/// **Exercise 2 — forward fill without searching backwards.**
///
/// Replaces each NaN by the last non-NaN value **before** it (pandas' `ffill`); leading NaNs
/// (nothing before them) stay NaN. On the CO₂ series this carries the last measured week over
/// a gap.
///
/// The array way, in two passes and without a search per missing element: build an index
/// array `idx[i] = i` where `a[i]` is valid and `0` where it is missing; its **running
/// maximum** `m[i] = max(idx[..=i])` is the position of the last valid value at or before `i`;
/// then `a[m[i]]`. (Position 0 needs care: if `a[0]` is NaN the gather gives NaN, which is the
/// right answer for leading gaps.)
///
/// - NumPy: `idx = np.where(np.isnan(a), 0, np.arange(len(a))); np.maximum.accumulate(idx,
///   out=idx); a[idx]`
/// - Rust: one loop carrying the running maximum (`scan`, or a `for` with a `last` variable),
///   then `m.mapv(|j| a[j])`, or both in a single loop.
/// - Pitfalls: for each NaN, walking back to find the previous valid value (`while j > 0 &&
///   a[j].is_nan() { j -= 1 }`) is correct but costs the length of the gap for every element
///   of it: quadratic on a long gap. Edge cases: empty, all NaN, NaN at the start and end.
/// - Speed: not timed (the series are short); the running maximum is one pass. The single
///   loop that carries the last valid *value* is faster still (no index array, no gather):
///   on 10⁷ values it beats NumPy's three-step version (`cargo xtask bench`).
pub fn forward_fill(a: &Array1<f64>) -> Array1<f64> {
    todo!()
}

/// **Exercise 3 — fill the remaining gaps with the column median.**
///
/// After a forward fill, gaps at the start remain (and some columns are better filled
/// without carrying values over). Returns a copy of `a` with each NaN replaced by the
/// **median of the non-NaN values of its column** (with an even count, the mean of the two
/// middle values, as `np.median`). A column with no value at all stays NaN (its median is
/// undefined, as `np.nanmedian` says with a warning).
///
/// The median, unlike the mean, is not pulled by outliers (the next exercise finds them).
///
/// - NumPy: `med = np.nanmedian(a, axis=0); np.where(np.isnan(a), med, a)`
/// - Rust: per column, the non-NaN values in a `Vec`, `select_nth_unstable_by` (or a sort:
///   not timed here), then `Zip::from(&mut out).and_broadcast(&med)` to fill.
/// - Edge cases: no missing value (unchanged copy), one value, all NaN, zero rows.
/// - Speed: not timed.
pub fn fill_with_median(a: &Array2<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 4 — outliers by the interquartile range, per column.** *(timed)*
///
/// Tukey's rule: with `Q1`, `Q3` the column's 25 % and 75 % quantiles and `IQR = Q3 − Q1`, a
/// value is an outlier when it lies **strictly** below `Q1 − k·IQR` or above `Q3 + k·IQR`
/// (`k = 1.5` is the usual choice). Returns a boolean matrix of `a`'s shape, `true` at the
/// outliers. Quartiles ignore NaN (NumPy's `nanquantile`) and use the linear rule of the
/// module's conventions, the rule you wrote in `random::bootstrap_mean_ci` (there on a sorted
/// vector; here the order statistics come from a selection); a NaN entry is never an outlier,
/// and a column with no finite value has no outliers.
///
/// - NumPy: `q1, q3 = np.nanquantile(a, [0.25, 0.75], axis=0); iqr = q3 - q1;
///   (a < q1 - k * iqr) | (a > q3 + k * iqr)`
/// - Rust: per column, collect the non-NaN values into a `Vec` (for a row-major matrix, one
///   pass over the rows pushing into one `Vec` per column reads memory in order); find
///   `v[⌊h⌋]` with `select_nth_unstable_by(i, f64::total_cmp)` and, when `h` is not whole,
///   the next order statistic as the minimum of the part to its right; then one pass to flag.
/// - Edge cases: one value per column (`IQR = 0`, nothing is strictly outside), ties, NaN,
///   `k = 0` (everything outside `[Q1, Q3]` is flagged).
/// - Speed: **timed** on 10⁶ × 10. Selection finds an order statistic in `O(n)`; a full sort
///   (`sort_unstable_by`) costs `O(n log n)`, about 2.5 times slower here, and still passes the
///   budget. The trap is recomputing the
///   quartiles inside the flagging loop (`for x in column { let (q1, q3) = quartiles(column);
///   ... }`): `n` selections of `n` values, `O(n²)` per column, which never finishes at this
///   size.
pub fn iqr_outlier_flags(a: &Array2<f64>, k: f64) -> Array2<bool> {
    todo!()
}

/// **Exercise 5 — min-max normalisation that tolerates gaps.**
///
/// Maps each column onto `[0, 1]`: `(x − min) / (max − min)`, with the column's minimum and
/// maximum over its **non-NaN** values (`np.nanmin`, `np.nanmax`). NaN entries stay NaN. A
/// constant column (`max == min`) becomes zeros (scikit-learn's `MinMaxScaler` rule), and a
/// column with no value stays all NaN.
///
/// - NumPy: `lo = np.nanmin(a, axis=0); hi = np.nanmax(a, axis=0); (a - lo) / (hi - lo)` plus
///   the constant-column guard
/// - ndarray: `fold_axis(Axis(0), f64::INFINITY, |&m, &x| m.min(x))`: `f64::min` returns the
///   other argument when one is NaN, so the fold skips NaN by itself. Then one broadcasting
///   pass.
/// - Pitfalls: `a.iter().fold(…, |m, &x| if x < m { x } else { m })` also skips NaN, but a
///   `max` written as `if x > m` starting from a NaN does not; start from ±∞.
/// - Speed: not timed.
pub fn minmax_normalize(a: &Array2<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 6 — rolling mean and standard deviation.**
///
/// For a window of `window` consecutive values, returns `(means, stds)`, one entry per
/// **complete** window: `n − window + 1` values (empty when `window > n`). `stds` is the
/// population standard deviation (divide by `window`). The 52-week rolling mean of the CO₂
/// series removes the seasonal cycle and leaves the trend.
///
/// Errors: `window == 0`.
///
/// - NumPy: `w = np.lib.stride_tricks.sliding_window_view(a, window); w.mean(axis=1),
///   w.std(axis=1)`; pandas `s.rolling(window).mean().dropna()` (careful: pandas' rolling
///   `std` uses `ddof=1`)
/// - ndarray: `a.windows(window)` yields each window as a view (no copy); `.mean()` and
///   `.std(0.0)` on it.
/// - Pitfalls: the running-sum trick (`cumsum[i + w] − cumsum[i]`) is `O(n)` for the mean but
///   loses digits for the variance (`E[x²] − E[x]²` of large, close values: CO₂ ≈ 350 ± 3);
///   compute each window's deviations from its own mean. A NaN inside a window makes that
///   window's statistics NaN.
/// - Speed: not timed. `O(n · window)`; fine for series of this size.
pub fn rolling_mean_std(a: &Array1<f64>, window: usize) -> Result<(Array1<f64>, Array1<f64>), String> {
    todo!()
}

// =============================================================================================
// Splitting and scaling
// =============================================================================================

/// **Exercise 7 — a reproducible train/test split.**
///
/// Returns `(train, test)`: the sample indices `0..n` shuffled and cut in two. The recipe is
/// fixed so that the answer is checkable:
/// 1. `p = [0, 1, ..., n − 1]`; `rng = ChaCha8Rng::seed_from_u64(seed)`;
/// 2. Fisher–Yates: for `i` from `n − 1` **down to** 1, `j = rng.random_range(0..=i)`, swap
///    `p[i]` and `p[j]`. You wrote this loop in `random::permutation`: write it again here, in
///    three lines. (The library's `SliceRandom::shuffle` is also Fisher–Yates, but rand 0.9
///    walks the slice upwards and draws several small indices from one `u32`, so it gives
///    another permutation for the same seed, and the answers here would not match.)
/// 3. `n_test = (test_fraction * n as f64).round()` (halves away from zero);
///    `train = p[..n − n_test]`, `test = p[n − n_test..]`.
///
/// Errors: `test_fraction` outside `[0, 1]` or NaN.
///
/// - NumPy: `p = rng.permutation(n); p[:n - n_test], p[n - n_test:]`. scikit-learn's
///   `train_test_split(..., random_state=seed)` has the same idea, not the same recipe: besides
///   its own generator, it sizes the test set with `ceil(test_size · n)` and takes the test
///   indices from the **front** of the permutation (`ShuffleSplit`).
/// - Rust: `rand::Rng::random_range`, `slice::swap`, `Array1::from(vec)`, `.slice(s![..k])`.
/// - Pitfalls: do not sort the halves (the order is part of the answer). Same seed, same split:
///   that is what "reproducible" means. Edge cases: `n = 0`, fraction 0 (empty test), 1
///   (empty train).
/// - Speed: not timed.
pub fn train_test_split(n: usize, test_fraction: f64, seed: u64) -> Result<(Array1<usize>, Array1<usize>), String> {
    todo!()
}

/// **Exercise 8 — scale with the training statistics only.**
///
/// Standardises both sets with the **training** set's column means and population standard
/// deviations: returns `((train − mean) / scale, (test − mean) / scale)`.
///
/// **Constant columns.** A column is *constant* when all its values are equal, tested exactly
/// (every value equals the first, or `max == min`), never by comparing a computed standard
/// deviation with 0: the mean of ten `0.1`s is `0.09999999999999999`, so their computed standard
/// deviation is about `1.4e-17`, not 0. A constant column is centred on its value and scaled by
/// 1, so it becomes exactly zeros. Here the test is on the **training** column: a constant
/// training column gets centre = its value and scale 1, so its training values become zeros and
/// its test values become `x − value`. (scikit-learn's `StandardScaler` instead treats a
/// variance below a small relative threshold as zero.)
///
/// Why only the training set: the test set stands for data the model has never seen. Using
/// its values to compute the scaling (statistics of `train ∪ test`, or of the test set alone)
/// leaks information about it into the model, and the test score becomes optimistic. The
/// grader has a hidden case whose test set lies far from the training set: only the
/// training-statistics answer passes it.
///
/// Errors: an empty training set, or a different number of columns.
///
/// - NumPy: `mu = train.mean(0); sd = train.std(0); const = (train == train[0]).all(0);
///   mu[const] = train[0, const]; sd[const] = 1; (train - mu) / sd, (test - mu) / sd`
///   (`StandardScaler().fit(train).transform(test)` apart from the constant-column rule)
/// - ndarray: `mean_axis(Axis(0))`, `map_axis(Axis(0), ...)` (one number per column: the
///   deviation, or the constant test `col.iter().all(|&v| v == col[0])`), broadcasting `&x - &mu`.
/// - Edge cases: an empty test set gives an empty `(0, d)` result; one training row (every
///   column constant); a training column of ten `0.1`s (zeros, not ones).
/// - Speed: not timed.
pub fn scale_train_test(train: &Array2<f64>, test: &Array2<f64>) -> Result<(Array2<f64>, Array2<f64>), String> {
    todo!()
}

// =============================================================================================
// Encoding: categories to codes, numbers to bins
// =============================================================================================

/// **Exercise 9 — category names to integer codes (`np.unique` with `return_inverse`).**
///
/// Models take numbers, not words. Returns `(classes, codes)`: `classes` are the distinct
/// labels **sorted** in `String` order (byte order of UTF-8), and `codes[i]` is the position of
/// `labels[i]` in `classes`, so `classes[codes[i]] == labels[i]`. The Seattle weather column
/// (`"drizzle"`, `"fog"`, `"rain"`, `"snow"`, `"sun"`) becomes `0..5` this way. Sorting makes
/// the encoding reproducible: the same set of labels always gets the same codes, whatever order
/// the rows come in.
///
/// - NumPy: `classes, codes = np.unique(labels, return_inverse=True)` (scikit-learn's
///   `LabelEncoder().fit_transform(labels)` gives the same codes)
/// - Rust: a sorted, deduplicated copy (`BTreeSet<&str>`, or `to_vec()` + `sort()` +
///   `dedup()`), then each label's position by `binary_search` in it (or a `HashMap` from label
///   to code built once).
/// - Pitfalls: `classes.iter().position(...)` for every label scans all classes per label
///   (`O(n·k)`); comparing `String`s is case-sensitive (`"Rain" < "rain"`), and byte order
///   puts every uppercase ASCII letter before every lowercase one.
/// - Edge cases: no label (two empty results), a single class, labels already sorted or in
///   reverse.
/// - Speed: not timed.
pub fn label_encode(labels: &[String]) -> (Vec<String>, Array1<usize>) {
    todo!()
}

/// **Exercise 10 — numbers to bins (`np.digitize`).**
///
/// Returns, for each `x[i]`, the index of its bin between the increasing `edges`: the number of
/// edges **less than or equal to** `x[i]` (NumPy's default `right=False`), so `0` below
/// `edges[0]`, `i` for `edges[i − 1] ≤ x < edges[i]`, and `edges.len()` from the last edge on.
/// A value equal to an edge goes to the bin on its right. **NaN goes to `edges.len()`**, as in
/// NumPy (which sorts NaN after every number). Binning turns a temperature into "cold / mild /
/// warm", or an age into age groups, for a model or a table that wants categories.
///
/// Errors: `edges` not increasing (two equal edges are allowed: the bin between them is empty).
/// NumPy also accepts decreasing edges; this exercise does not.
///
/// - NumPy: `np.digitize(x, edges)` (`np.searchsorted(edges, x, side="right")` is the same for
///   increasing edges)
/// - Rust: `edges.as_slice().unwrap().partition_point(|&e| e <= v)` is a binary search for the
///   first edge greater than `v`; `x.mapv(...)`.
/// - Pitfalls: `partition_point(|&e| e <= NaN)` returns 0 (every comparison with NaN is false):
///   test `is_nan` first. `partition_point(|&e| e < v)` is `right=True`: wrong for values on an
///   edge.
/// - Edge cases: no edge (every value is in bin 0), values on the edges, below the first and
///   above the last, NaN, an empty `x`.
/// - Speed: not timed; one binary search per value.
pub fn digitize(x: &Array1<f64>, edges: &Array1<f64>) -> Result<Array1<usize>, String> {
    todo!()
}

// =============================================================================================
// Regression
// =============================================================================================

/// **Exercise 11 — regression metrics.**
///
/// Returns `[MAE, MSE, RMSE, R², MAPE]` for targets `y` and predictions `p`, with errors
/// `e = y − p`:
/// - `MAE = mean(|e|)`, `MSE = mean(e²)`, `RMSE = √MSE`;
/// - `R² = 1 − Σe² / Σ(y − ȳ)²`. When `y` is constant the denominator is 0: R² is `1.0` if the
///   predictions are exact and `0.0` otherwise (scikit-learn's `r2_score` rule);
/// - `MAPE = mean(|e| / |y|)` over the samples with **`y ≠ 0` only** (a fraction, not a
///   percentage), and NaN when every target is 0. This module's rule: a relative error against a
///   target of 0 is undefined, so those samples are left out. (scikit-learn divides by
///   `max(|y|, ε)` with `ε ≈ 2.2e-16` instead, which turns one zero target into an error of
///   about 10¹⁵.)
///
/// Errors: different lengths, or no sample.
///
/// - NumPy: `e = y - p; np.abs(e).mean(); (e**2).mean(); ...; nz = y != 0;
///   np.mean(np.abs(e[nz]) / np.abs(y[nz]))`
/// - ndarray: `&y - &p`, `.mapv(f64::abs).mean()`, `.dot(&e)`, `Zip` for the masked sum.
/// - Speed: not timed.
pub fn regression_metrics(y: &Array1<f64>, p: &Array1<f64>) -> Result<Array1<f64>, String> {
    todo!()
}

/// **Exercise 12 — the CO₂ trend and its seasonal cycle (`np.polyfit` + `np.polyval`).**
///
/// Fits the polynomial of degree `degree` closest to the points `(t, y)` in least squares, and
/// returns `(coeffs, residuals)`: the `degree + 1` coefficients **highest power first** (as
/// `np.polyfit`), and `residuals[i] = y[i] − p(t[i])`, the data with the trend removed. On the
/// measured CO₂ weeks (`t` = decimal year − 1980) the linear trend is 1.343 ppm per year, and
/// the residuals of the quadratic trend are the yearly breathing of the northern forests: a
/// seasonal cycle of about ±3 ppm.
///
/// You built least squares from scratch in `linalg::lstsq_normal` and `linalg::lstsq_qr`, the
/// Vandermonde fit in `linalg::polyfit` and Horner's rule in `linalg::polyval`. Here they are
/// two steps of one task, written inline: build the Vandermonde matrix
/// `V[i][j] = t[i]^(degree − j)`, solve with the library's `ndlab::linalg::lstsq` (SVD-based,
/// NumPy's `np.linalg.lstsq`), then evaluate the polynomial at every `t` by Horner's rule,
/// `p(t) = (…((c₀·t + c₁)·t + c₂)…)·t + c_d`: `d` multiply-adds and no powers.
///
/// Errors: `t` and `y` of different lengths; fewer points than coefficients; a NaN or infinite
/// value (drop the missing weeks before fitting); whatever `lstsq` reports.
///
/// - NumPy: `c = np.polyfit(t, y, degree); y - np.polyval(c, t)`. `np.polyfit` builds
///   `np.vander(t, degree + 1)`, scales every column to unit norm, and calls `lstsq` with
///   `rcond = len(t)·eps`; `ndlab::linalg::lstsq` does not scale the columns and cuts singular
///   values below `ε·max(m, n)·s_max`. On a centred time axis like this one the two agree to
///   about 1e-12.
/// - ndarray: `Array2::from_shape_fn((m, degree + 1), |(i, j)| t[i].powi((degree - j) as i32))`,
///   `la::lstsq(&v, y).map_err(|e| e.to_string())`, then `t.mapv(|x| coeffs.fold(0.0, |acc, &c|
///   acc * x + c))` for Horner.
/// - Pitfalls: powers of raw years (t ≈ 2000, t² ≈ 4·10⁶) make the columns nearly parallel;
///   shift the time origin first, as the grader's CO₂ cases do (`t − 1980`). Horner's rule also
///   rounds better than summing `c_j·t^(d−j)` term by term.
/// - Edge cases: `degree = 0` (the coefficient is the mean of `y`, the residuals are the
///   deviations from it), exactly `degree + 1` points (interpolation: residuals about 0).
/// - Speed: not timed.
pub fn detrend(t: &Array1<f64>, y: &Array1<f64>, degree: usize) -> Result<(Array1<f64>, Array1<f64>), String> {
    todo!()
}

// =============================================================================================
// Text
// =============================================================================================

/// **Exercise 13 — tokenise.**
///
/// The rule of this module: **lowercase** the text, then **split on every character that is
/// not alphanumeric** (`char::is_alphanumeric`, Unicode-aware: letters and digits of any
/// script), and drop the empty pieces. So `"Don't stop—2021!"` gives `["don", "t", "stop",
/// "2021"]`. Tokens keep their order and repeats.
///
/// - Python: `re.findall(r"[^\W_]+", text.lower())` (scikit-learn's `CountVectorizer` uses
///   `r"(?u)\b\w\w+\b"` instead, which drops one-letter tokens and keeps `_`: another rule)
/// - Rust: `text.to_lowercase()`, `str::split(|c: char| !c.is_alphanumeric())`,
///   `.filter(|s| !s.is_empty())`, `.map(str::to_string)`.
/// - Edge cases: empty text, text with no alphanumeric character, non-ASCII letters (`é` is
///   alphanumeric, `’` is not).
/// - Speed: not timed.
pub fn tokenize(text: &str) -> Vec<String> {
    todo!()
}

/// **Exercise 14 — the vocabulary.**
///
/// Returns every distinct token of all the documents (tokenised with your `tokenize`),
/// **sorted** in `String` order (byte order of UTF-8, which is code-point order: `"2021" <
/// "a" < "zebra" < "é"`). The position of a word in this list is its column in the
/// bag-of-words matrix.
///
/// - Python: `sorted(set(tok for doc in docs for tok in tokenize(doc)))`
///   (`CountVectorizer().fit(docs).get_feature_names_out()`, with its own token rule)
/// - Rust: a `BTreeSet<String>` (sorted and deduplicated as you insert), or a `Vec` with
///   `sort` and `dedup`.
/// - Edge cases: no document, empty documents.
/// - Speed: not timed.
pub fn vocabulary(docs: &[String]) -> Vec<String> {
    todo!()
}

/// **Exercise 15 — the bag-of-words count matrix.**
///
/// Returns the `n_docs × vocab.len()` matrix whose entry `[i, j]` counts how many times token
/// `vocab[j]` occurs in document `i` (tokenised with your `tokenize`). Tokens that are not in
/// `vocab` are ignored. Counts are `f64` so that the next exercises can weight them.
///
/// - Python: `CountVectorizer(vocabulary=vocab).transform(docs).toarray()`
/// - Rust: a `HashMap<&str, usize>` from token to column built once, then one pass over each
///   document's tokens: `counts[[i, col]] += 1.0`.
/// - Pitfalls: looking each token up with `vocab.iter().position(...)` scans the whole
///   vocabulary per token (`vocab.binary_search` works, since it is sorted).
/// - Speed: not timed.
pub fn bag_of_words(docs: &[String], vocab: &[String]) -> Array2<f64> {
    todo!()
}

/// **Exercise 16 — TF-IDF weights (scikit-learn's smoothed formula).**
///
/// A word that appears in every speech ("the", "america") says little about any one of them;
/// TF-IDF weighs each count by how rare the word is across documents. With `n` documents and
/// `df[j]` the number of documents containing word `j` (count > 0), scikit-learn's
/// `TfidfTransformer(smooth_idf=True)` (the default) uses
///
/// `idf[j] = ln((1 + n) / (1 + df[j])) + 1`
///
/// (as if one extra document contained every word once: no division by zero, and a word in
/// every document still gets weight 1, not 0). Then `tfidf = counts · idf` (each column scaled)
/// and every row is divided by its Euclidean norm (`norm="l2"`), a row of zeros staying zeros.
///
/// - NumPy: `df = (C > 0).sum(0); idf = np.log((1 + n) / (1 + df)) + 1; T = C * idf;
///   nrm = np.linalg.norm(T, axis=1, keepdims=True); T / np.where(nrm > 0, nrm, 1)` (the
///   zero guard: without it an all-zero row gives `0 / 0 = NaN`)
/// - ndarray: `counts.fold_axis(Axis(0), 0.0, |&s, &c| if c > 0.0 { s + 1.0 } else { s })`,
///   `mapv`, a broadcast `counts * &idf`, then row norms as a column (`insert_axis(Axis(1))`).
/// - Pitfalls: natural logarithm (`ln`), not `log10`; `df` counts documents, not occurrences.
///   Edge cases: a column of zeros (`df = 0`), an all-zero row, one document.
/// - Speed: not timed.
pub fn tfidf(counts: &Array2<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 17 — the cosine-similarity matrix.** *(timed)*
///
/// For the rows `x_i` of `x` (`n × d`), returns the `n × n` matrix
/// `S[i][j] = x_i·x_j / (‖x_i‖ ‖x_j‖)`, the cosine of the angle between the two rows: 1 for the
/// same direction, 0 for orthogonal rows (two documents sharing no word). A row of zeros has no
/// direction: its similarities are all 0 (also with itself).
///
/// All the pairs at once: **normalise every row once** (divide by its norm; zero rows stay
/// zero), then `S = Xn · Xnᵀ` is one matrix product.
///
/// - NumPy: `Xn = X / np.linalg.norm(X, axis=1, keepdims=True); Xn @ Xn.T`
///   (`sklearn.metrics.pairwise.cosine_similarity(X)`)
/// - ndarray: row norms with `map_axis(Axis(1), |r| r.dot(&r).sqrt())`, a broadcast division
///   by the norms as a column, then `xn.dot(&xn.t())`. Faster: `la::gram(&xn.t())`
///   (`ndlab::linalg`), which computes only one triangle of the symmetric product, as NumPy's
///   `Xn @ Xn.T` does through BLAS `syrk`.
/// - Pitfalls: rounding can give `S[i][i] = 0.9999999999999998`; the grader's tolerance allows
///   it. The matrix is symmetric.
/// - Speed: **timed** on 600 × 4000 (a dense TF-IDF-like matrix). The loop over pairs
///   that copies both rows (`let a = x.row(i).to_owned(); let b = x.row(j).to_owned();`) and
///   computes `a·b`, `a·a` and `b·b` does `n²` pairs of allocations and three times the
///   arithmetic of the product, each dot a serial chain; the product runs a blocked,
///   vectorised kernel once.
pub fn cosine_similarity(x: &Array2<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 18 — the most similar pair.**
///
/// Given a square similarity matrix (exercise 17), returns `(i, j)` with `i < j`, the pair of
/// **different** items with the largest similarity. Only the part above the diagonal is read
/// (the diagonal compares an item with itself). Ties: the first pair in row-major order wins
/// (smallest `i`, then smallest `j`), as `np.argmax` on the flattened upper triangle.
///
/// Errors: a matrix that is not square, or fewer than 2 items.
///
/// - NumPy: `iu = np.triu_indices(n, k=1); k = np.argmax(S[iu]); iu[0][k], iu[1][k]`
/// - Rust: two loops, `j` from `i + 1`, keeping the best with a strict `>`.
/// - Edge cases: 2 items (the only pair), all similarities equal (the pair `(0, 1)`),
///   negative similarities.
/// - Speed: not timed.
pub fn most_similar_pair(sim: &Array2<f64>) -> Result<(usize, usize), String> {
    todo!()
}

// =============================================================================================
// Sets of values
// =============================================================================================

/// **Exercise 19 — intersection, union and difference of two sets of codes.**
///
/// Returns `(both, either, only_a)`: the values that are in `a` and in `b`, the values in `a`
/// or `b`, and the values of `a` that are not in `b`, each **sorted and without repeats**
/// whatever the order and the repeats of the inputs. Product codes sold in two shops, the
/// customers of two months, the words of two speeches: comparing two columns as sets is an
/// everyday question.
///
/// - NumPy: `np.intersect1d(a, b)`, `np.union1d(a, b)`, `np.setdiff1d(a, b)` (each returns a
///   sorted unique array).
/// - Rust: sort and deduplicate each input (`to_vec()`, `sort_unstable()`, `dedup()`), then one
///   **merge** walk over the two sorted lists with two positions, like the merge step of merge
///   sort, which produces all three results in order in `O(n + m)`; or collect each input into a
///   `BTreeSet<i64>` and use its `intersection`, `union` and `difference` iterators (sorted).
/// - Pitfalls: `a.iter().filter(|v| b.contains(v))` tests membership by scanning `b` for every
///   value of `a`: `O(n·m)` work, and repeats of `a` come out repeated.
/// - Signature: `&ArrayRef1<i64>` (ndarray 0.17) takes an owned array (`&a`) or any view
///   (`&a.slice(s![..])`, `&a.view()`) without a copy: both dereference to it.
/// - Edge cases: an empty input (the union is the other set, sorted and unique); equal sets;
///   disjoint sets; negative codes.
/// - Speed: not timed.
pub fn set_ops(a: &ArrayRef1<i64>, b: &ArrayRef1<i64>) -> (Array1<i64>, Array1<i64>, Array1<i64>) {
    todo!()
}

/// **Exercise 20 — membership of each value (`np.isin`).**
///
/// Returns a boolean array of `x`'s shape: `true` where `x[i]` is one of the values of `test`.
/// This is the mask for "keep the rows whose code is in this list", the set version of the
/// comparisons of `arrays::keep_above`.
///
/// - NumPy: `np.isin(x, test)` (older code: `np.in1d`).
/// - Rust: put `test` into a `HashSet<i64>` once (`test.iter().copied().collect()`), then
///   `x.mapv(|v| set.contains(&v))`: one hash lookup per value. Sorting a copy of `test` and
///   calling `binary_search` per value is the other good answer (`O(log m)` per value).
/// - Pitfalls: `test.iter().any(|&t| t == v)` inside the `mapv` scans the whole list for every
///   value, `len(x) · len(test)` comparisons: on a million values and ten thousand codes that is
///   10¹⁰ comparisons (seconds) against a million lookups (milliseconds). It is the same `O(n·m)`
///   trap as the pitfall of exercise 19.
/// - Edge cases: an empty `test` (all `false`), an empty `x`, repeats in either.
/// - Speed: **timed**, 200 000 values against 5 000 codes. The scan per value does 10⁹
///   comparisons; the `HashSet`, a sorted copy with `binary_search` and a `BTreeSet` all pass.
pub fn isin(x: &ArrayRef1<i64>, test: &ArrayRef1<i64>) -> Array1<bool> {
    todo!()
}

// =============================================================================================
// Arrays in files NumPy reads and writes
// =============================================================================================

/// **Exercise 21 — load a matrix that NumPy saved (`np.load`).**
///
/// Reads the `.npy` file at `path` (written by NumPy's `np.save`) as a float64 matrix and returns
/// it in standard (row-major) layout. `Err` with a message (naming the file) when the file is
/// missing or unreadable, is not a `.npy` file, or does not hold a 2-D float64 array: an int64
/// array or a vector is refused, not converted.
///
/// **The `.npy` format** is how NumPy stores one array: the magic bytes `\x93NUMPY`, a version,
/// a short header that is a Python dict literal such as
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (4, 3), }` (dtype `<f8` is a
/// little-endian float64, `<i8` an int64), then the raw elements in C or Fortran order. It is
/// exact (no decimal rounding, NaN and infinities kept) and fast: the data are copied, not
/// parsed. It is the way to hand an array from Python to Rust and back. `.npz` is a zip of
/// several `.npy` files; CSV loses precision unless you print 17 digits.
///
/// - NumPy: `np.load(path)`.
/// - Rust: the `ndarray-npy` crate: `Array2::<f64>::read_npy(File::open(path)?)` (the
///   `ReadNpyExt` trait) or `ndarray_npy::read_npy(path)`. The element type and the rank are
///   part of the type you ask for, and a file that does not match is an error. A file saved
///   from a Fortran-ordered array comes back in Fortran layout: `as_standard_layout()` then
///   `into_owned()` makes it row-major.
/// - Pitfalls: `unwrap()` on the file or the read: a missing file must be an `Err`, not a
///   panic; forgetting the layout (the values are right, but code that later asks for
///   `as_slice()` gets `None`).
/// - Edge cases the grader tries: C and Fortran order, NaN and −inf, an int64 file, a 1-D file,
///   a missing file.
/// - Speed: not timed.
pub fn load_npy(path: &Path) -> Result<Array2<f64>, String> {
    todo!()
}

/// **Exercise 22 — save a matrix NumPy can load (`np.save`).**
///
/// Writes `a` to `path` as a `.npy` file of float64 that `np.load` reads back as the same
/// matrix: same shape, same values bit for bit (NaN and infinities included). `a` may be any
/// view, also a transposed or strided one. `Err` with a message when the file cannot be
/// created or written.
///
/// - NumPy: `np.save(path, a)` (it adds `.npy` to a name without it; here `path` is used as
///   given).
/// - Rust: `a.write_npy(BufWriter::new(File::create(path)?))` with the `WriteNpyExt` trait
///   (`ndarray_npy::write_npy(path, &a)` does the same). A `BufWriter` matters for large
///   arrays written element by element; `ndarray-npy` writes a contiguous array in one go and
///   records a Fortran-ordered one as `fortran_order: True`.
/// - Pitfalls: writing the raw memory of a non-contiguous view yourself (the elements come out
///   in the wrong order); an `unwrap` on `File::create`.
/// - Speed: not timed.
pub fn save_npy(path: &Path, a: &ArrayRef2<f64>) -> Result<(), String> {
    todo!()
}

// =============================================================================================
// Public tests: `cargo test -p data`
// =============================================================================================

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn assert_close<D: Dimension>(got: &Array<f64, D>, want: &Array<f64, D>, tol: f64) {
        assert_eq!(got.shape(), want.shape(), "shape: got {got}, want {want}");
        for (g, w) in got.iter().zip(want.iter()) {
            let ok = (g.is_nan() && w.is_nan()) || (g - w).abs() <= tol * (1.0 + w.abs());
            assert!(ok, "got {got}, want {want}");
        }
    }

    const NAN: f64 = f64::NAN;

    // 1
    #[test]
    fn sentinels_become_nan() {
        let a = array![[1.0, -999.0], [-999.0, 2.5], [NAN, -998.0]];
        assert_close(&sentinel_to_nan(&a, -999.0), &array![[1.0, NAN], [NAN, 2.5], [NAN, -998.0]], 0.0);
    }

    // 2
    #[test]
    fn forward_fill_carries_the_last_value() {
        let a = array![NAN, 1.0, NAN, NAN, 4.0, NAN];
        assert_close(&forward_fill(&a), &array![NAN, 1.0, 1.0, 1.0, 4.0, 4.0], 0.0);
        assert_eq!(forward_fill(&Array1::zeros(0)).len(), 0);
    }

    // 3
    #[test]
    fn median_fill() {
        let a = array![[1.0, NAN, NAN], [NAN, 2.0, NAN], [3.0, 4.0, NAN], [10.0, NAN, NAN]];
        assert_close(&fill_with_median(&a), &array![[1.0, 3.0, NAN], [3.0, 2.0, NAN], [3.0, 4.0, NAN], [10.0, 3.0, NAN]], 0.0);
    }

    // 4
    #[test]
    fn iqr_flags_the_far_values() {
        // Column 0: quartiles 1.5 and 4.5 (IQR 3): bounds -3 and 9.
        // Column 1 (six values, one NaN): quartiles 11.25 and 12.75: bounds 9 and 15.
        let a = array![[1.0, 10.0], [2.0, NAN], [3.0, 11.0], [4.0, 12.0], [5.0, 13.0], [-20.0, 100.0], [80.0, 12.0]];
        let f = iqr_outlier_flags(&a, 1.5);
        assert_eq!(f.column(0).to_vec(), [false, false, false, false, false, true, true]);
        assert_eq!(f.column(1).to_vec(), [false, false, false, false, false, true, false]);
    }

    // 5
    #[test]
    fn minmax_skips_nan() {
        let a = array![[2.0, 5.0], [NAN, 5.0], [4.0, 5.0], [3.0, NAN]];
        assert_close(&minmax_normalize(&a), &array![[0.0, 0.0], [NAN, 0.0], [1.0, 0.0], [0.5, NAN]], 1e-15);
    }

    // 6
    #[test]
    fn rolling_windows() {
        let (m, s) = rolling_mean_std(&array![1.0, 3.0, 5.0, 5.0], 2).unwrap();
        assert_close(&m, &array![2.0, 4.0, 5.0], 1e-15);
        assert_close(&s, &array![1.0, 1.0, 0.0], 1e-15);
        assert!(rolling_mean_std(&array![1.0], 0).is_err());
        assert_eq!(rolling_mean_std(&array![1.0], 3).unwrap().0.len(), 0);
    }

    // 7
    #[test]
    fn split_is_a_reproducible_partition() {
        let (tr, te) = train_test_split(10, 0.3, 7).unwrap();
        assert_eq!((tr.len(), te.len()), (7, 3));
        let mut all: Vec<usize> = tr.iter().chain(te.iter()).copied().collect();
        all.sort();
        assert_eq!(all, (0..10).collect::<Vec<_>>());
        assert_eq!(train_test_split(10, 0.3, 7).unwrap(), (tr, te));
        assert!(train_test_split(10, 1.5, 7).is_err());
    }

    // 8
    #[test]
    fn scaling_uses_training_statistics() {
        let train = array![[0.0, 3.0], [2.0, 3.0]];
        let test = array![[100.0, 4.0]];
        let (a, b) = scale_train_test(&train, &test).unwrap();
        assert_close(&a, &array![[-1.0, 0.0], [1.0, 0.0]], 1e-15);
        assert_close(&b, &array![[99.0, 1.0]], 1e-15);
        // A constant training column of ten 0.1s: zeros (its computed deviation is ~1.4e-17,
        // not 0), and the test values become x - 0.1.
        let train = Array2::from_shape_fn((10, 2), |(i, j)| if j == 0 { 0.1 } else { i as f64 });
        let (a, b) = scale_train_test(&train, &array![[0.3, 0.0]]).unwrap();
        assert!(a.column(0).iter().all(|&v| v == 0.0), "{a}");
        assert_eq!(b[[0, 0]], 0.3 - 0.1);
    }

    // 9, 10
    #[test]
    fn labels_to_codes_and_values_to_bins() {
        let labels: Vec<String> = ["rain", "sun", "fog", "rain", "sun"].iter().map(|s| s.to_string()).collect();
        let (classes, codes) = label_encode(&labels);
        assert_eq!(classes, ["fog", "rain", "sun"]);
        assert_eq!(codes, array![1usize, 2, 0, 1, 2]);
        let bins = digitize(&array![-1.0, 0.0, 0.5, 1.0, 7.0, f64::NAN], &array![0.0, 1.0, 5.0]).unwrap();
        assert_eq!(bins, array![0usize, 1, 1, 2, 3, 3]);
        assert!(digitize(&array![1.0], &array![2.0, 1.0]).is_err());
    }

    // 11
    #[test]
    fn metrics_with_a_zero_target() {
        let y = array![0.0, 2.0, 4.0];
        let p = array![1.0, 2.0, 2.0];
        // e = [-1, 0, 2]: MAE 1, MSE 5/3, R² = 1 - 5/8, MAPE over y != 0: (0 + 0.5) / 2
        let want = array![1.0, 5.0 / 3.0, (5.0f64 / 3.0).sqrt(), 1.0 - 5.0 / 8.0, 0.25];
        assert_close(&regression_metrics(&y, &p).unwrap(), &want, 1e-15);
        assert!(regression_metrics(&y, &array![1.0]).is_err());
    }

    // 12
    #[test]
    fn detrend_fits_highest_power_first() {
        let t = array![-1.0, 0.0, 1.0, 2.0, 3.0];
        // y = 2t² - 3t + 1 exactly: residuals 0.
        let y = t.mapv(|v| 2.0 * v * v - 3.0 * v + 1.0);
        let (c, r) = detrend(&t, &y, 2).unwrap();
        assert_close(&c, &array![2.0, -3.0, 1.0], 1e-12);
        assert!(r.iter().all(|v| v.abs() < 1e-12), "{r}");
        // Degree 0: the mean, and the deviations from it.
        let (c, r) = detrend(&t, &array![1.0, 3.0, 5.0, 7.5, 8.5], 0).unwrap();
        assert_close(&c, &array![5.0], 1e-12);
        assert_close(&r, &array![-4.0, -2.0, 0.0, 2.5, 3.5], 1e-12);
        assert!(detrend(&t, &array![1.0, f64::NAN, 3.0, 4.0, 5.0], 1).is_err());
        assert!(detrend(&array![1.0, 2.0], &array![1.0, 2.0], 2).is_err());
    }

    // 13, 14, 15
    #[test]
    fn tokens_vocabulary_and_counts() {
        assert_eq!(tokenize("Don't stop—2021!"), ["don", "t", "stop", "2021"]);
        let docs = vec!["The cat, the hat.".to_string(), "A cat!".to_string()];
        let v = vocabulary(&docs);
        assert_eq!(v, ["a", "cat", "hat", "the"]);
        assert_close(&bag_of_words(&docs, &v), &array![[0.0, 1.0, 1.0, 2.0], [1.0, 1.0, 0.0, 0.0]], 0.0);
    }

    // 16
    #[test]
    fn tfidf_matches_the_smoothed_formula() {
        let c = array![[1.0, 1.0], [1.0, 0.0]];
        // idf: word 0 in both documents -> ln(3/3) + 1 = 1; word 1 in one -> ln(3/2) + 1.
        let w1 = (1.5f64).ln() + 1.0;
        let r0 = (1.0 + w1 * w1).sqrt();
        assert_close(&tfidf(&c), &array![[1.0 / r0, w1 / r0], [1.0, 0.0]], 1e-15);
    }

    // 17, 18
    #[test]
    fn cosine_and_the_closest_pair() {
        let x = array![[1.0, 0.0], [0.0, 2.0], [3.0, 3.0], [0.0, 0.0]];
        let s = cosine_similarity(&x);
        let h = 0.5f64.sqrt();
        assert_close(&s, &array![[1.0, 0.0, h, 0.0], [0.0, 1.0, h, 0.0], [h, h, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0]], 1e-15);
        assert_eq!(most_similar_pair(&s).unwrap(), (0, 2));
        assert!(most_similar_pair(&array![[1.0]]).is_err());
    }

    // Real data against NumPy (datasets/reference/data/reference.json).
    const REFERENCE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../datasets/reference/data/reference.json"));

    fn reference() -> serde_json::Value {
        serde_json::from_str(REFERENCE).unwrap()
    }

    fn vector(v: &serde_json::Value) -> Array1<f64> {
        v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
    }

    /// CO₂ without its missing weeks: (decimal years, ppm).
    fn co2_points() -> (Array1<f64>, Array1<f64>) {
        let c = datasets::timeseries::mauna_loa_co2().unwrap();
        let t = c.decimal_years();
        let keep: Vec<usize> = (0..t.len()).filter(|&i| !c.ppm[i].is_nan()).collect();
        (t.select(Axis(0), &keep), c.ppm.select(Axis(0), &keep))
    }

    #[test]
    fn co2_trend_matches_numpy() {
        let r = reference();
        let (t, y) = co2_points();
        assert_eq!(t.len(), 2225);
        // NumPy's figures are lowest power first; detrend's highest first.
        let rev = |v: Array1<f64>| v.slice(s![..;-1]).to_owned();
        let (lin, _) = detrend(&t, &y, 1).unwrap();
        assert_close(&rev(lin), &vector(&r["co2_linear_raw_years"]), 1e-9);
        let tc = &t - 1980.0;
        let (quad, _) = detrend(&tc, &y, 2).unwrap();
        assert_close(&rev(quad), &vector(&r["co2_quadratic_t_minus_1980"]), 1e-9);
        let (lin, resid) = detrend(&tc, &y, 1).unwrap();
        assert_close(&rev(lin), &vector(&r["co2_linear_t_minus_1980"]), 1e-9);
        let m = regression_metrics(&y, &(&y - &resid)).unwrap();
        assert_close(&m.slice(s![..4]).to_owned(), &vector(&r["co2_linear_metrics"]).slice(s![..4]).to_owned(), 1e-9);
        let ff = forward_fill(&datasets::timeseries::mauna_loa_co2().unwrap().ppm);
        assert!((ff.sum() - r["co2_ffill_sum"].as_f64().unwrap()).abs() < 1e-6);
    }

    #[test]
    fn sotu_pipeline_matches_numpy() {
        let r = reference();
        let docs: Vec<String> = datasets::text::sotu().unwrap().into_iter().map(|s| s.text).collect();
        let v = vocabulary(&docs);
        assert_eq!(v.len() as u64, r["sotu_vocabulary_size"].as_u64().unwrap());
        let s = cosine_similarity(&tfidf(&bag_of_words(&docs, &v)));
        let (i, j) = most_similar_pair(&s).unwrap();
        let want = r["sotu_most_similar_pair"].as_array().unwrap();
        assert_eq!((i as u64, j as u64), (want[0].as_u64().unwrap(), want[1].as_u64().unwrap()));
        assert!((s[[i, j]] - r["sotu_most_similar_value"].as_f64().unwrap()).abs() < 1e-12);
    }

    /// The graded real-data cases' expected values (generated from this reference solution into
    /// grader/cases/data.jsonl by `cargo xtask gen data`) are NumPy's figures.
    #[test]
    fn graded_real_data_cases_are_numpys() {
        let r = reference();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../grader/cases/data.jsonl");
        let text = std::fs::read_to_string(path).expect("grader/cases/data.jsonl (run `cargo xtask gen data`)");
        // detrend's expected value is (coefficients highest first, residuals): NumPy's
        // coefficients are lowest first.
        let coeffs = |e: &serde_json::Value| -> Array1<f64> { vector(&e["items"][0]["values"]).slice(s![..;-1]).to_owned() };
        let mut seen = 0;
        for line in text.lines() {
            let rec: serde_json::Value = serde_json::from_str(line).unwrap();
            let e = &rec["expected"];
            match (rec["exercise"].as_str().unwrap_or(""), rec["case"].as_str().unwrap_or("")) {
                ("detrend", "co2_linear_trend") => assert_close(&coeffs(e), &vector(&r["co2_linear_t_minus_1980"]), 1e-9),
                ("detrend", "co2_quadratic") => assert_close(&coeffs(e), &vector(&r["co2_quadratic_t_minus_1980"]), 1e-9),
                ("most_similar_pair", "sotu") => {
                    let got: Vec<u64> = e["items"].as_array().unwrap().iter().map(|v| v["v"].as_u64().unwrap()).collect();
                    let want: Vec<u64> = r["sotu_most_similar_pair"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
                    assert_eq!(got, want);
                }
                ("vocabulary", "sotu_size") => assert_eq!(e["v"].as_u64(), r["sotu_vocabulary_size"].as_u64()),
                _ => continue,
            }
            seen += 1;
        }
        assert_eq!(seen, 4, "the real-data cases are in the public spec");
    }

    #[test]
    fn seattle_iqr_matches_numpy() {
        let r = reference();
        let w = datasets::timeseries::seattle_weather().unwrap();
        let f = iqr_outlier_flags(&w.values, 1.5);
        let counts: Vec<u64> = f.columns().into_iter().map(|c| c.iter().filter(|&&b| b).count() as u64).collect();
        let want: Vec<u64> = r["seattle_iqr_counts"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
        assert_eq!(counts, want);
    }

    // 19
    #[test]
    fn set_operations_are_sorted_and_unique() {
        let (both, either, only_a) = set_ops(&array![5, 1, 3, 3, 9], &array![3, 4, 1, 1]);
        assert_eq!(both, array![1, 3]);
        assert_eq!(either, array![1, 3, 4, 5, 9]);
        assert_eq!(only_a, array![5, 9]);
        let (both, either, only_a) = set_ops(&Array1::zeros(0), &array![2, -1, 2]);
        assert_eq!((both.len(), either, only_a.len()), (0, array![-1, 2], 0));
    }

    // 20
    #[test]
    fn isin_marks_members() {
        assert_eq!(isin(&array![1, 7, 2, 7, -4], &array![7, -4, 7]), array![false, true, false, true, true]);
        assert_eq!(isin(&array![1, 2], &Array1::zeros(0)), array![false, false]);
    }

    // 21, 22
    #[test]
    fn npy_round_trip_keeps_every_bit_and_the_layout_question_away() {
        let dir = std::env::temp_dir().join(format!("ndlab-npy-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = array![[1.5, NAN, -0.0], [f64::INFINITY, 2.0, 1e-300]];
        let p = dir.join("a.npy");
        save_npy(&p, &a.t()).unwrap();
        let back = load_npy(&p).unwrap();
        assert_eq!(back.dim(), (3, 2));
        assert!(back.iter().zip(a.t().iter()).all(|(x, y)| x.to_bits() == y.to_bits()));
        assert!(back.is_standard_layout());
        assert!(load_npy(&dir.join("missing.npy")).unwrap_err().contains("missing.npy"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
