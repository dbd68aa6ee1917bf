//! # Module 4 — `indexing`: gathering, scattering, selecting and ranking
//!
//! The modules `arrays` and `views` picked parts of an array by *position*: slices, steps,
//! one list of rows (`arrays::select_rows`). Machine learning code indexes arrays by *other
//! arrays* all the time: the rows of a mini-batch are a list of sample numbers, a label is the
//! column to read a probability from, a k-means step adds every sample into the sum of its
//! cluster, a top-k search returns positions rather than values. NumPy calls this "fancy" (or
//! advanced) indexing. This module translates its common forms into `ndarray`, and is honest
//! about which ones `ndarray` has and which you write as a loop.
//!
//! ## Gather and scatter
//!
//! Two shapes of index code come up again and again:
//! - **gather**: `out[i] = a[idx[i]]`, reading from computed positions (`a[idx]`, `np.take`,
//!   `a[np.ix_(rows, cols)]`). The output has the shape of the index array.
//! - **scatter**: `out[idx[i]] = v[i]` or `out[idx[i]] += v[i]`, writing to computed positions
//!   (`np.put`, `np.putmask`, `np.add.at`, `np.bincount` with weights). When an index repeats,
//!   you must decide what happens: the last write wins, or the values accumulate.
//!
//! `ndarray` has gathers along one axis (`.select(Axis(k), &idx)`) and nothing else: no `take`
//! on flat positions, no `put`, no `add.at`. In Rust you do not need them: a `for` loop over
//! the indices compiles to the same machine code that NumPy's C implementation runs.
//!
//! ## Indices that are out of range
//!
//! NumPy raises `IndexError`; `ndarray` panics (`a[[i, j]]` out of bounds) with a message that
//! does not say which of your indices was wrong. Every exercise here that takes indices checks
//! them and returns `Err(String)` with a message naming the bad index, **before writing
//! anything**, so a caller never receives a half-updated array. The grader counts any `Err` as
//! the right answer where an error is expected, whatever its message.
//!
//! ## Flat positions
//!
//! A matrix of shape `(rows, cols)` in row-major order has element `(i, j)` at flat position
//! `i * cols + j`; going back, `i = p / cols` and `j = p % cols`. NumPy's `take`, `put`,
//! `putmask`, `argmax` without an axis, `unravel_index` and `ravel_multi_index` all speak in
//! these flat positions. They are positions in the *logical* order (what `.iter()` visits),
//! which is also the memory order only for standard-layout arrays.
//!
//! ## About speed, honestly
//!
//! A loop is not slow in Rust. What is:
//! - **Per-element bounds checks and index arithmetic.** `a[[i, j]]` checks both indices and
//!   multiplies by the strides on every access. The check itself is a predictable branch and
//!   costs little, but it can stop the compiler from vectorising a loop. Iterators
//!   (`.iter()`, `.rows()`, `Zip`) walk the memory directly and need neither. For gathers and
//!   scatters the index is data, so a check per element is unavoidable and fine: validate
//!   once, then index.
//! - **Allocation inside loops**: a temporary mask or a small `Vec` per iteration.
//! - **Repeated passes**: k passes over a large array where one pass could do all the work
//!   (one boolean mask per bin, k rounds of argmax). Arrays larger than the caches are read
//!   from main memory at every pass.
//! - **A full sort where a selection suffices**: sorting n values costs about n·log₂n
//!   comparisons; finding the k largest needs about n.
//!
//! One exception to "a loop is as fast": a floating-point **reduction** (a sum, a dot product)
//! written as `for v in x { s += v }` is one chain of dependent additions that the compiler may
//! not reorder, so it cannot use SIMD. `ndarray`'s `.sum()` and `.dot()` add into eight
//! separate accumulators (`unrolled_fold` in its source) and vectorise: several times faster
//! on data in cache, and rounded differently. Use them, or keep several accumulators yourself.
//!
//! Two exercises are **timed** on large inputs: `scatter_add` (10⁶ values into 10³ bins) and
//! `top_k` (k = 100 of 10⁷ values), the module's last and hardest exercise. The others are
//! checked for correctness only.
//!
//! ## Working on the module
//!
//! Replace each `todo!()` with your code. `cargo test -p indexing` runs the public tests at
//! the bottom of this file; the grader runs more cases, including the edge cases each doc
//! comment promises (empty arrays, repeated indices, ties, NaN, `k = 0`, bad indices).
#![allow(unused_variables, unused_imports)]

use ndarray::prelude::*;
use std::cmp::Ordering;

// =============================================================================================
// Gather
// =============================================================================================

/// **Exercise 1 — a sub-matrix from a list of rows and a list of columns.**
///
/// Returns the matrix whose element `(r, c)` is `a[[rows[r], cols[c]]]`: every chosen row
/// crossed with every chosen column, in the order given. Indices may repeat and come in any
/// order. An empty `rows` gives shape `(0, cols.len())`, an empty `cols` gives
/// `(rows.len(), 0)`. A row index `>= nrows` or a column index `>= ncols` is an error: return
/// `Err` with a message naming it.
///
/// - NumPy: `a[np.ix_(rows, cols)]`. Beware: `a[rows, cols]` without `ix_` is something
///   else: it pairs the two lists element by element and returns a 1-D array.
/// - ndarray: `.select(Axis(0), rows)` then `.select(Axis(1), cols)` on the result. To
///   pick only columns, select along `Axis(1)` alone.
/// - Pitfalls: `.select` panics on a bad index; check both lists first.
/// - Speed: not timed. Selecting the rows first copies only the chosen rows; selecting
///   columns of the full matrix first copies every row. A double loop with `a[[r, c]]` is
///   fine too.
pub fn submatrix(a: &Array2<f64>, rows: &[usize], cols: &[usize]) -> Result<Array2<f64>, String> {
    // BEGIN SOLUTION
    let (n, d) = a.dim();
    if let Some(&bad) = rows.iter().find(|&&r| r >= n) {
        return Err(format!("submatrix: row index {bad} is out of bounds for {n} rows"));
    }
    if let Some(&bad) = cols.iter().find(|&&c| c >= d) {
        return Err(format!("submatrix: column index {bad} is out of bounds for {d} columns"));
    }
    Ok(a.select(Axis(0), rows).select(Axis(1), cols))
    // END SOLUTION
}

/// **Exercise 2 — `take` with flat and negative indices.**
///
/// Returns `out[i] = a.flat[idx[i]]`, where flat positions count row by row (`(i, j)` is at
/// `i * ncols + j`). As in NumPy, a negative index counts from the end: `-1` is the last
/// element, `-len` the first. An index outside `-len .. len` is an error.
///
/// - NumPy: `np.take(a, idx)` (equivalently `a.ravel()[idx]`)
/// - ndarray: no `take`; map each index to a position and read it, for example with
///   `Array1::from_iter(idx.iter().map(...))` after checking every index. The flat view
///   of a standard-layout array is `a.as_slice()`; in general turn a position back into
///   `(p / ncols, p % ncols)`.
/// - Pitfalls: converting a negative `i64` with `as usize` wraps to a huge number; add the
///   length first. `-0` is `0`, the first element. On an empty array every index is out of
///   range.
/// - Speed: not timed.
pub fn take_flat(a: &Array2<f64>, idx: &Array1<i64>) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    let len = a.len() as i64;
    let cols = a.ncols();
    let mut pos = Vec::with_capacity(idx.len());
    for &i in idx {
        let p = if i < 0 { i + len } else { i };
        if p < 0 || p >= len {
            return Err(format!("take_flat: index {i} is out of bounds for an array of {len} elements"));
        }
        pos.push(p as usize);
    }
    Ok(Array1::from_iter(pos.into_iter().map(|p| a[[p / cols, p % cols]])))
    // END SOLUTION
}

// =============================================================================================
// Scatter
// =============================================================================================

/// **Exercise 3 — `put`: write values at flat positions.**
///
/// Changes `a` in place: for each `k`, `a.flat[idx[k]] = values[k % values.len()]`. As in
/// NumPy, `values` is reused from its start when it is shorter than `idx`, and when a position
/// repeats, the **last** write wins. An empty `idx` changes nothing. Errors (return `Err`,
/// and leave `a` untouched): a position `>= a.len()`, or an empty `values` with a non-empty
/// `idx`.
///
/// - NumPy: `np.put(a, idx, values)`
/// - ndarray: a loop over `idx.iter().enumerate()`; write through `a[[p / ncols, p % ncols]]`.
/// - Pitfalls: check every position before the first write, or an error leaves a
///   half-updated array behind; `k % 0` panics when `values` is empty.
/// - Speed: not timed. The loop is exactly what NumPy does in C.
pub fn put_flat(a: &mut Array2<f64>, idx: &[usize], values: &[f64]) -> Result<(), String> {
    // BEGIN SOLUTION
    let len = a.len();
    if let Some(&bad) = idx.iter().find(|&&p| p >= len) {
        return Err(format!("put_flat: position {bad} is out of bounds for an array of {len} elements"));
    }
    if values.is_empty() && !idx.is_empty() {
        return Err("put_flat: no values to put".to_string());
    }
    let cols = a.ncols();
    for (k, &p) in idx.iter().enumerate() {
        a[[p / cols, p % cols]] = values[k % values.len()];
    }
    Ok(())
    // END SOLUTION
}

/// **Exercise 4 — `putmask`: conditional writes that cycle by position.**
///
/// Changes `a` in place: wherever `mask` is `true` at flat position `p`,
/// `a.flat[p] = values[p % values.len()]`. Note the index: the value is chosen by the
/// element's **position**, not by how many `true`s came before it. Errors (return `Err`, leave
/// `a` untouched): `mask` has another shape than `a`, or `values` is empty while the mask has
/// a `true`.
///
/// - NumPy: `np.putmask(a, mask, values)`. This differs from `a[mask] = values`, which
///   consumes `values` in order, one per `true` (and needs exactly as many values as `true`s,
///   or a single one). With `values = [10, 20]` and a mask that is `true` at positions 1 and
///   2, `putmask` writes 20 then 10, and `a[mask] = values` writes 10 then 20.
/// - ndarray: you need each element's position: `Zip::indexed(&mut *a).and(mask)` or
///   `.indexed_iter_mut()` give `(i, j)`, from which `p = i * ncols + j`; or count positions
///   in an `.iter_mut().zip(mask.iter()).enumerate()` loop.
/// - Pitfalls: `Zip` and `zip` on arrays of different shapes: `Zip` panics, `Iterator::zip`
///   silently stops at the shorter one. Compare `.dim()` first.
/// - Speed: not timed.
pub fn putmask(a: &mut Array2<f64>, mask: &Array2<bool>, values: &[f64]) -> Result<(), String> {
    // BEGIN SOLUTION
    if a.dim() != mask.dim() {
        return Err(format!("putmask: mask shape {:?} differs from array shape {:?}", mask.dim(), a.dim()));
    }
    if values.is_empty() && mask.iter().any(|&m| m) {
        return Err("putmask: no values to put".to_string());
    }
    for (p, (x, &m)) in a.iter_mut().zip(mask.iter()).enumerate() {
        if m {
            *x = values[p % values.len()];
        }
    }
    Ok(())
    // END SOLUTION
}

/// **Exercise 5 — scatter-add with repeated indices.**
///
/// Returns an array of `n_bins` sums: `out[b]` is the sum of the `values[i]` whose
/// `idx[i] == b` (0.0 for a bin nobody hits). Repeated indices **accumulate**. This is the
/// step "add each sample into the sum of its cluster" of k-means and the gradient of an
/// embedding lookup. Errors: `idx` and `values` of different lengths, or an index
/// `>= n_bins`.
///
/// - NumPy: `out = np.zeros(n_bins); np.add.at(out, idx, values)` (or
///   `np.bincount(idx, weights=values, minlength=n_bins)`). Not `out[idx] += values`: with
///   repeated indices NumPy buffers that, and each bin receives only **one** of its values.
/// - ndarray: `Array1::zeros(n_bins)`, then one pass over `idx.iter().zip(values)` adding
///   into `out[b]`.
/// - Pitfalls: add the values in their input order (the grader compares floats closely, and
///   this is the order the single pass gives).
/// - Speed: **timed** (10⁶ values, 10³ bins). The NumPy habit "one boolean mask per bin"
///   (`[values[idx == b].sum() for b in range(n_bins)]`, or a `filter` per bin) reads all
///   16 MB of input once per bin: a thousand passes where one suffices. The bins (8 KB) stay
///   in the fastest cache, so the single pass costs about as much as reading the input once.
pub fn scatter_add(idx: &Array1<usize>, values: &Array1<f64>, n_bins: usize) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    if idx.len() != values.len() {
        return Err(format!("scatter_add: {} indices but {} values", idx.len(), values.len()));
    }
    let mut out = Array1::<f64>::zeros(n_bins);
    for (&b, &v) in idx.iter().zip(values) {
        if b >= n_bins {
            return Err(format!("scatter_add: index {b} is out of range for {n_bins} bins"));
        }
        out[b] += v;
    }
    Ok(out)
    // END SOLUTION
}

/// **Exercise 6 — a histogram with explicit bin edges.**
///
/// `edges` holds `m + 1` increasing values that delimit `m` bins. Returns the `m` counts:
/// bin `j` counts the `x` with `edges[j] <= x < edges[j + 1]`, except that the **last** bin
/// also includes its right edge (`x == edges[m]`). Values below the first edge, above the last
/// one, and NaN are not counted. Errors: fewer than 2 edges, a NaN edge, or edges that are not
/// strictly increasing.
///
/// - NumPy: `np.histogram(x, bins=edges)[0]`
/// - ndarray: for each value, find its bin by binary search in the edges with
///   `slice::partition_point` (the number of edges `<= x`), then count as in
///   `arrays::count_labels`.
/// - Pitfalls: the closed last bin (a value equal to the last edge falls out of a naive
///   half-open search); NaN compares false with everything, so test it before searching.
/// - Speed: not timed. Binary search costs log₂(m) comparisons per value; a loop over all
///   bins per value (or one mask per bin) costs m, which matters for hundreds of bins.
pub fn histogram(x: &Array1<f64>, edges: &[f64]) -> Result<Array1<usize>, String> {
    // BEGIN SOLUTION
    if edges.len() < 2 {
        return Err(format!("histogram: need at least 2 edges, got {}", edges.len()));
    }
    if edges.iter().any(|e| e.is_nan()) || edges.windows(2).any(|w| w[0] >= w[1]) {
        return Err("histogram: edges must be strictly increasing (and not NaN)".to_string());
    }
    let m = edges.len() - 1;
    let (lo, hi) = (edges[0], edges[m]);
    let mut counts = Array1::<usize>::zeros(m);
    for &v in x {
        if !(v >= lo && v <= hi) {
            continue; // also skips NaN
        }
        let j = edges.partition_point(|&e| e <= v); // 1 ..= m + 1
        counts[(j - 1).min(m - 1)] += 1;
    }
    Ok(counts)
    // END SOLUTION
}

// =============================================================================================
// Flat positions and coordinates
// =============================================================================================

/// **Exercise 7 — from flat positions to coordinates.**
///
/// For an array of shape `shape` (any number of dimensions) in row-major order, returns one
/// row per entry of `flat` holding its coordinates: a matrix of `flat.len()` rows and
/// `shape.len()` columns. For `shape = [3, 4]`, position `7` is `[1, 3]`. A position
/// `>= shape.iter().product()` is an error (so is any position when a dimension is 0).
///
/// - NumPy: `np.column_stack(np.unravel_index(flat, shape))` (NumPy returns one array per
///   dimension; here they are the columns).
/// - ndarray: `Array2::zeros((n, ndim))`, then for each position peel off the coordinates
///   from the **last** dimension: `c = p % dim; p /= dim`.
/// - Pitfalls: the last axis moves fastest; a shape with no dimensions has exactly one
///   position, `0`, whose coordinates are an empty row.
/// - Speed: not timed.
pub fn unravel_index(flat: &[usize], shape: &[usize]) -> Result<Array2<usize>, String> {
    // BEGIN SOLUTION
    let size: usize = shape.iter().product();
    let mut out = Array2::<usize>::zeros((flat.len(), shape.len()));
    for (r, &p) in flat.iter().enumerate() {
        if p >= size {
            return Err(format!("unravel_index: position {p} is out of bounds for shape {shape:?}"));
        }
        let mut rest = p;
        for (ax, &dim) in shape.iter().enumerate().rev() {
            out[[r, ax]] = rest % dim;
            rest /= dim;
        }
    }
    Ok(out)
    // END SOLUTION
}

/// **Exercise 8 — from coordinates to flat positions.**
///
/// The inverse of exercise 7: `coords` has one row per point and one column per dimension of
/// `shape`; returns the row-major flat position of each row. For `shape = [3, 4]`, `[1, 3]`
/// is `7`. Errors: `coords` has a number of columns different from `shape.len()`, or a
/// coordinate is `>=` its dimension.
///
/// - NumPy: `np.ravel_multi_index(tuple(coords.T), shape)`
/// - ndarray: `.rows()` and, per row, Horner's rule over the dimensions:
///   `p = p * dim + c`. Or compute the strides once (`stride[last] = 1`,
///   `stride[k] = stride[k + 1] * shape[k + 1]`) and take a dot product per row.
/// - Pitfalls: a coordinate equal to its dimension still produces a plausible position (of
///   another element), so check every coordinate.
/// - Speed: not timed.
pub fn ravel_multi_index(coords: &Array2<usize>, shape: &[usize]) -> Result<Array1<usize>, String> {
    // BEGIN SOLUTION
    if coords.ncols() != shape.len() {
        return Err(format!("ravel_multi_index: {} coordinates per row for a {}-D shape", coords.ncols(), shape.len()));
    }
    let mut out = Array1::<usize>::zeros(coords.nrows());
    for (r, row) in coords.rows().into_iter().enumerate() {
        let mut p = 0;
        for (&c, &dim) in row.iter().zip(shape) {
            if c >= dim {
                return Err(format!("ravel_multi_index: coordinate {c} is out of bounds for a dimension of {dim}"));
            }
            p = p * dim + c;
        }
        out[r] = p;
    }
    Ok(out)
    // END SOLUTION
}

// =============================================================================================
// Ranking
// =============================================================================================

/// **Exercise 9 — ranks from an argsort.**
///
/// Returns `rank` with `rank[i]` = the position `x[i]` would take in `x` sorted ascending,
/// counting from 0. Equal values get different ranks, in the order they appear (the first one
/// gets the smaller rank); `-0.0` equals `0.0`; NaN sorts after every number (NumPy's rule).
/// So `[30.0, 10.0, 20.0, 10.0]` gives `[3, 0, 2, 1]`.
///
/// - NumPy: `order = np.argsort(x, kind="stable")`, then `rank = np.empty_like(order);
///   rank[order] = np.arange(len(x))` (the "argsort of the argsort" gives the same result
///   with a second sort).
/// - Rust: sort the positions `0..n` with the **stable** `sort_by` and a comparator on
///   `x[i]`; the sorted list `order` says which element is `k`-th; then invert it with a
///   scatter: `rank[order[k]] = k`.
/// - Pitfalls: `sort_unstable_by` may swap equal values; `partial_cmp(...).unwrap()` panics on
///   NaN; `total_cmp` separates `-0.0` from `0.0`.
/// - Speed: not timed. The inverse permutation is one O(n) scatter; a second argsort would
///   cost another O(n log n).
pub fn rank(x: &Array1<f64>) -> Array1<usize> {
    // BEGIN SOLUTION
    fn asc(a: f64, b: f64) -> Ordering {
        match (a.is_nan(), b.is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => a.partial_cmp(&b).unwrap(),
        }
    }
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&i, &j| asc(x[i], x[j]));
    let mut rank = Array1::<usize>::zeros(x.len());
    for (k, &i) in order.iter().enumerate() {
        rank[i] = k;
    }
    rank
    // END SOLUTION
}

// =============================================================================================
// Boolean masks on matrices
// =============================================================================================

/// **Exercise 10 — which rows have a missing value (any).**
///
/// Returns the indices, in increasing order, of the rows of `a` that contain at least one
/// NaN. A matrix with zero columns has no NaN in any row.
///
/// - NumPy: `np.flatnonzero(np.isnan(a).any(axis=1))`
/// - ndarray: `.rows()` with `.enumerate()`, and `row.iter().any(|v| v.is_nan())` per row;
///   collect the indices with `filter_map` into `Array1::from_iter`.
/// - Pitfalls: `v == f64::NAN` is always false; use `is_nan`.
/// - Speed: not timed. `any` stops at the first NaN of a row; building a full boolean matrix
///   first (the NumPy way) allocates and writes a mask as large as `a` for nothing.
pub fn nan_rows(a: &Array2<f64>) -> Array1<usize> {
    // BEGIN SOLUTION
    Array1::from_iter(a.rows().into_iter().enumerate().filter(|(_, r)| r.iter().any(|v| v.is_nan())).map(|(i, _)| i))
    // END SOLUTION
}

/// **Exercise 11 — keep the rows whose values all lie in a range (all).**
///
/// Returns the rows of `a`, in their order, whose every value `v` satisfies
/// `lo <= v <= hi`. A NaN fails the test, so a row with a NaN is dropped. A matrix with zero
/// columns keeps every row: "all values of an empty row are in range" is true. No row kept
/// gives shape `(0, ncols)`.
///
/// - NumPy: `a[((a >= lo) & (a <= hi)).all(axis=1)]`
/// - ndarray: collect the indices of the rows that pass (`row.iter().all(...)`), then
///   `.select(Axis(0), &kept)`.
/// - Pitfalls: writing the test as "not outside", `!(v < lo || v > hi)`, keeps NaN;
///   `Array2::from_shape_vec` with the kept values needs the column count even when nothing
///   is kept.
/// - Speed: not timed.
pub fn rows_within(a: &Array2<f64>, lo: f64, hi: f64) -> Array2<f64> {
    // BEGIN SOLUTION
    let kept: Vec<usize> = a.rows().into_iter().enumerate().filter(|(_, r)| r.iter().all(|&v| lo <= v && v <= hi)).map(|(i, _)| i).collect();
    a.select(Axis(0), &kept)
    // END SOLUTION
}

// =============================================================================================
// Labels and splits
// =============================================================================================

/// **Exercise 12 — one-hot encoding.**
///
/// For `n` labels in `0 … k-1`, returns the `n × k` matrix with `1.0` at `(i, labels[i])` and
/// `0.0` elsewhere: the target format of a softmax classifier. A label `>= k` is an error.
/// `k = 0` with no labels gives shape `(0, 0)`.
///
/// - NumPy: `np.eye(k)[labels]`
/// - ndarray: `Array2::zeros((n, k))`, then one write per row; or `Array2::from_shape_fn`.
/// - Pitfalls: gathering rows of an identity matrix works but builds a `k × k` matrix first.
/// - Speed: not timed.
pub fn one_hot(labels: &Array1<usize>, k: usize) -> Result<Array2<f64>, String> {
    // BEGIN SOLUTION
    let mut out = Array2::<f64>::zeros((labels.len(), k));
    for (i, &l) in labels.iter().enumerate() {
        if l >= k {
            return Err(format!("one_hot: label {l} at position {i} is not below k = {k}"));
        }
        out[[i, l]] = 1.0;
    }
    Ok(out)
    // END SOLUTION
}

/// **Exercise 13 — back from one-hot to labels, checking the input.**
///
/// The inverse of exercise 12: returns, for each row, the column of its `1.0`. Every row must
/// be a valid one-hot row: exactly one `1.0` and every other value exactly `0.0`. Otherwise
/// (two ones, no one, a `0.5`, a NaN, a row with zero columns) return an `Err` naming the row.
/// Zero rows give an empty result.
///
/// - NumPy: `y.argmax(axis=1)`, which accepts anything: a row of zeros gives `0`, a row of
///   probabilities its most likely class. That is what you want for predictions, not for
///   checking that data really is one-hot.
/// - ndarray: loop over `.rows()`; per row, count the ones and check the rest.
/// - Pitfalls: `-0.0 == 0.0` is true, which is fine here; NaN is neither 0 nor 1.
/// - Speed: not timed.
pub fn from_one_hot(y: &Array2<f64>) -> Result<Array1<usize>, String> {
    // BEGIN SOLUTION
    let mut out = Array1::<usize>::zeros(y.nrows());
    for (i, row) in y.rows().into_iter().enumerate() {
        let mut hot = None;
        for (j, &v) in row.iter().enumerate() {
            if v == 1.0 && hot.is_none() {
                hot = Some(j);
            } else if v != 0.0 {
                return Err(format!("from_one_hot: row {i} is not one-hot (value {v} at column {j})"));
            }
        }
        out[i] = hot.ok_or_else(|| format!("from_one_hot: row {i} has no 1.0"))?;
    }
    Ok(out)
    // END SOLUTION
}

/// **Exercise 14 — a train / validation / test split from a permutation.**
///
/// `perm` is a shuffled order of the `n` rows of `x` (a permutation of `0 … n-1`). Returns
/// `(train, val, test)`: the rows `perm[..n_train]`, then the next `n_val` rows of `perm`,
/// then all the rest, each in the order of `perm`. Taking the permutation as an argument (drawn
/// once from a seeded generator by the caller) keeps the split reproducible, and keeps this
/// exercise about what this module teaches: gathering rows by index. Drawing the permutation
/// itself (the Fisher–Yates shuffle) is the exercise `random::permutation` in the `random`
/// module, whose `random::train_val_test_split` then cuts it as here. Errors: `perm` is not a
/// permutation of `0 … n-1` (wrong length, an index `>= n`, or a repeat), or
/// `n_train + n_val > n`.
///
/// - NumPy: `x[perm[:n_train]], x[perm[n_train:n_train + n_val]], x[perm[n_train + n_val:]]`
///   (with `perm = rng.permutation(n)`).
/// - ndarray: slice the permutation and `.select(Axis(0), &perm[a..b])` three times.
/// - Pitfalls: a repeated index silently puts the same sample in two splits: test data
///   leaking into training. Check the permutation with a `Vec<bool>` of seen rows.
///   `n_train + n_val` can overflow for absurd arguments; `checked_add` catches that.
/// - Speed: not timed.
#[allow(clippy::type_complexity)] // three matrices: train, validation, test
pub fn split_by_permutation(x: &Array2<f64>, perm: &[usize], n_train: usize, n_val: usize) -> Result<(Array2<f64>, Array2<f64>, Array2<f64>), String> {
    // BEGIN SOLUTION
    let n = x.nrows();
    if perm.len() != n {
        return Err(format!("split_by_permutation: permutation of length {} for {n} rows", perm.len()));
    }
    let mut seen = vec![false; n];
    for &p in perm {
        if p >= n || seen[p] {
            return Err(format!("split_by_permutation: {p} is out of range or repeated"));
        }
        seen[p] = true;
    }
    let end_val = match n_train.checked_add(n_val) {
        Some(e) if e <= n => e,
        _ => return Err(format!("split_by_permutation: {n_train} + {n_val} rows requested from {n}")),
    };
    Ok((x.select(Axis(0), &perm[..n_train]), x.select(Axis(0), &perm[n_train..end_val]), x.select(Axis(0), &perm[end_val..])))
    // END SOLUTION
}

// =============================================================================================
// Selecting the k largest
// =============================================================================================

/// **Exercise 15 — the k largest entries of a matrix, as (row, column) pairs.**
///
/// Returns a `k × 2` matrix whose row `r` is the `(row, column)` of the `r`-th largest entry of
/// `a`, largest first. Ties go to the entry that comes first in row-major order (smaller row,
/// then smaller column). NaN counts as larger than every number (as in
/// `arrays::row_argmax`; `rank`, exercise 9, puts NaN last as NumPy's sort does), and `-0.0`
/// equals `0.0`. `k = 0` gives shape `(0, 2)`; `k > a.len()` is an error.
///
/// - NumPy, for input **without NaN**: `flat = np.argsort(-a, axis=None, kind="stable")[:k]`,
///   then `np.column_stack(np.unravel_index(flat, a.shape))`. With NaN that line breaks the
///   contract: `-NaN` is NaN and NumPy sorts NaN last, so it returns the k largest *numbers*
///   and skips the NaNs. An order that matches the contract (NaN first, then larger values,
///   ties by position) is `flat = np.lexsort((np.arange(a.size), -a.ravel(),
///   ~np.isnan(a.ravel())))[:k]`: `lexsort` sorts by its **last** key first, and
///   `False < True` puts the NaNs in front. The faster `np.argpartition(-a.ravel(), k - 1)[:k]`
///   (then a sort of those k) has the same NaN problem, and at the threshold it may keep any
///   of several equal values, not the first ones.
/// - Rust: find the threshold (the k-th largest value) with `select_nth_unstable_by(k - 1, ...)`
///   and a comparator that puts larger values first: afterwards element `k - 1` holds it. The
///   simple way selects on a copy of all the values. The fast way keeps a small buffer of
///   candidates in one pass: a value enters only if it beats the current bar; when the buffer
///   is full, select its k best, drop the rest and raise the bar to the k-th of them. Either
///   way, one more pass over `a` collects the positions of the values above the threshold and,
///   in row-major order, as many equal to it as are still needed. Sort only those k positions
///   (by value, then position) and turn each into `(p / ncols, p % ncols)`.
/// - Pitfalls: `f64` is not `Ord`; `partial_cmp(...).unwrap()` panics on NaN, and
///   `total_cmp` orders `-0.0` below `0.0` and a negative NaN below everything. Write the
///   comparator out: `partial_cmp`, and only when it returns `None` (a NaN is involved)
///   decide by `is_nan`. The comparator runs tens of millions of times, so keep the common
///   path to a single comparison. `select_nth_unstable_by` does not keep ties in order: the
///   threshold pass is what makes the tie rule hold.
/// - Speed: **timed** (k = 100 of a 10 000 × 1 000 matrix). A full sort of 10⁷ values (or
///   positions) does about 23 comparisons per element; the selection on a copy a few, and the
///   final sort touches only k elements. Finding the largest k times is k passes over 80 MB.
///   The copy is not free either: a fresh 80 MB allocation is mapped page by page as it is
///   first written, which costs about as much as the selection itself, so make one copy, not
///   several (and no `Vec` of `(value, position)` pairs: that is twice the memory). The
///   candidate buffer needs neither: one comparison per element, and it is about 5× faster
///   than the copy and NumPy's `argpartition` (`cargo xtask bench`). Both pass the check.
pub fn top_k(a: &Array2<f64>, k: usize) -> Result<Array2<usize>, String> {
    // BEGIN SOLUTION
    /// Larger first, NaN before every number, -0.0 == 0.0.
    fn desc(x: f64, y: f64) -> Ordering {
        match y.partial_cmp(&x) {
            Some(o) => o,
            // At least one NaN: the NaN comes first (two NaNs are equal).
            None => y.is_nan().cmp(&x.is_nan()),
        }
    }
    let n = a.len();
    if k > n {
        return Err(format!("top_k: k = {k} is larger than the {n} elements"));
    }
    let mut out = Array2::<usize>::zeros((k, 2));
    if k == 0 {
        return Ok(out);
    }
    // Candidates: every value that could still be among the k largest. Whenever the buffer
    // fills up, a selection keeps its k best and raises the bar to the k-th of them; from
    // then on a value enters only if it beats the bar, which after the first few thousand
    // values almost none does. One pass with one comparison per element, and no 80 MB copy.
    let cap = (4 * k).max(4096);
    let mut cand: Vec<f64> = Vec::with_capacity(cap + 1);
    let mut bar: Option<f64> = None;
    for &v in a.iter() {
        if bar.is_none_or(|b| desc(v, b) == Ordering::Less) {
            cand.push(v);
            if cand.len() == cap {
                cand.select_nth_unstable_by(k - 1, |x, y| desc(*x, *y));
                cand.truncate(k);
                bar = Some(cand[k - 1]);
            }
        }
    }
    let (before, &mut thr, _) = cand.select_nth_unstable_by(k - 1, |x, y| desc(*x, *y));
    // Every value better than `thr` is among the candidates (the bar never passed it).
    let better = before.iter().filter(|&&v| desc(v, thr) == Ordering::Less).count();
    let mut equal_left = k - better;
    let mut winners: Vec<(f64, usize)> = Vec::with_capacity(k);
    for (p, &v) in a.iter().enumerate() {
        match desc(v, thr) {
            Ordering::Less => winners.push((v, p)),
            Ordering::Equal if equal_left > 0 => {
                equal_left -= 1;
                winners.push((v, p));
            }
            _ => {}
        }
    }
    winners.sort_unstable_by(|x, y| desc(x.0, y.0).then(x.1.cmp(&y.1)));
    let cols = a.ncols();
    for (r, &(_, p)) in winners.iter().enumerate() {
        out[[r, 0]] = p / cols;
        out[[r, 1]] = p % cols;
    }
    Ok(out)
    // END SOLUTION
}

// =============================================================================================
// Public tests: `cargo test -p indexing`
// =============================================================================================

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn grid(r: usize, c: usize) -> Array2<f64> {
        Array2::from_shape_fn((r, c), |(i, j)| (i * c + j) as f64)
    }

    // 1
    #[test]
    fn submatrix_crosses_rows_and_columns() {
        let a = grid(3, 4);
        assert_eq!(submatrix(&a, &[2, 0], &[1, 1, 3]).unwrap(), array![[9.0, 9.0, 11.0], [1.0, 1.0, 3.0]]);
        assert_eq!(submatrix(&a, &[], &[0, 1]).unwrap().shape(), &[0, 2]);
        assert!(submatrix(&a, &[3], &[0]).unwrap_err().contains('3'));
        assert!(submatrix(&a, &[0], &[4]).is_err());
    }

    // 2
    #[test]
    fn take_flat_counts_from_the_end_for_negative_indices() {
        let a = grid(2, 3);
        assert_eq!(take_flat(&a, &array![0, 4, -1, -6]).unwrap(), array![0.0, 4.0, 5.0, 0.0]);
        assert!(take_flat(&a, &array![6]).is_err());
        assert!(take_flat(&a, &array![-7]).is_err());
    }

    // 3
    #[test]
    fn put_flat_cycles_values_and_last_write_wins() {
        let mut a = Array2::zeros((2, 2));
        put_flat(&mut a, &[3, 0, 3], &[1.0, 2.0]).unwrap();
        assert_eq!(a, array![[2.0, 0.0], [0.0, 1.0]]);
        let before = a.clone();
        assert!(put_flat(&mut a, &[1, 4], &[9.0]).is_err());
        assert_eq!(a, before, "an error must leave the array untouched");
    }

    // 4
    #[test]
    fn putmask_picks_values_by_position() {
        let mut a = Array2::zeros((1, 4));
        let mask = array![[false, true, true, false]];
        putmask(&mut a, &mask, &[10.0, 20.0]).unwrap();
        assert_eq!(a, array![[0.0, 20.0, 10.0, 0.0]]);
        assert!(putmask(&mut a, &array![[true, false]], &[1.0]).is_err());
    }

    // 5
    #[test]
    fn scatter_add_accumulates_repeats() {
        let got = scatter_add(&array![2usize, 0, 2, 2], &array![1.0, 5.0, 2.0, 3.0], 4).unwrap();
        assert_eq!(got, array![5.0, 0.0, 6.0, 0.0]);
        assert!(scatter_add(&array![4usize], &array![1.0], 4).is_err());
        assert!(scatter_add(&array![0usize], &array![1.0, 2.0], 4).is_err());
    }

    // 6
    #[test]
    fn histogram_closes_the_last_bin() {
        let x = array![0.0, 0.5, 1.0, 2.0, 3.0, -1.0, 3.5, f64::NAN];
        assert_eq!(histogram(&x, &[0.0, 1.0, 2.0, 3.0]).unwrap(), array![2usize, 1, 2]);
        assert!(histogram(&x, &[1.0]).is_err());
        assert!(histogram(&x, &[0.0, 2.0, 1.0]).is_err());
    }

    // 7, 8
    #[test]
    fn unravel_and_ravel_are_inverse() {
        let c = unravel_index(&[7, 0, 11], &[3, 4]).unwrap();
        assert_eq!(c, array![[1usize, 3], [0, 0], [2, 3]]);
        assert_eq!(ravel_multi_index(&c, &[3, 4]).unwrap(), array![7usize, 0, 11]);
        assert_eq!(unravel_index(&[5], &[2, 1, 3]).unwrap(), array![[1usize, 0, 2]]);
        assert!(unravel_index(&[12], &[3, 4]).is_err());
        assert!(ravel_multi_index(&array![[3usize, 0]], &[3, 4]).is_err());
        assert!(ravel_multi_index(&array![[1usize, 0]], &[3, 4, 1]).is_err());
    }

    // 9
    #[test]
    fn rank_is_stable_and_puts_nan_last() {
        assert_eq!(rank(&array![30.0, 10.0, 20.0, 10.0]), array![3usize, 0, 2, 1]);
        assert_eq!(rank(&array![f64::NAN, 1.0, -0.0, 0.0]), array![3usize, 2, 0, 1]);
    }

    // 10, 11
    #[test]
    fn row_masks_any_and_all() {
        let a = array![[1.0, f64::NAN], [0.5, 2.0], [3.0, 1.0], [f64::NAN, f64::NAN]];
        assert_eq!(nan_rows(&a), array![0usize, 3]);
        assert_eq!(rows_within(&a, 0.0, 2.0), array![[0.5, 2.0]]);
        assert_eq!(rows_within(&a, 5.0, 6.0).shape(), &[0, 2]);
        assert_eq!(rows_within(&Array2::zeros((3, 0)), 0.0, 1.0).shape(), &[3, 0]);
    }

    // 12, 13
    #[test]
    fn one_hot_round_trip() {
        let y = one_hot(&array![2usize, 0, 2], 3).unwrap();
        assert_eq!(y, array![[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]);
        assert_eq!(from_one_hot(&y).unwrap(), array![2usize, 0, 2]);
        assert!(one_hot(&array![3usize], 3).is_err());
        assert!(from_one_hot(&array![[0.0, 0.0]]).is_err());
        assert!(from_one_hot(&array![[1.0, 1.0]]).is_err());
        assert!(from_one_hot(&array![[0.5, 0.5]]).is_err());
    }

    // 14
    #[test]
    fn split_follows_the_permutation() {
        let x = grid(5, 1);
        let (tr, va, te) = split_by_permutation(&x, &[3, 1, 4, 0, 2], 2, 1).unwrap();
        assert_eq!(tr, array![[3.0], [1.0]]);
        assert_eq!(va, array![[4.0]]);
        assert_eq!(te, array![[0.0], [2.0]]);
        assert!(split_by_permutation(&x, &[3, 1, 4, 0, 3], 2, 1).is_err());
        assert!(split_by_permutation(&x, &[3, 1, 4, 0, 2], 4, 2).is_err());
    }

    // 15
    #[test]
    fn top_k_orders_by_value_then_position() {
        let a = array![[1.0, 9.0, 3.0], [9.0, 5.0, -2.0]];
        assert_eq!(top_k(&a, 3).unwrap(), array![[0usize, 1], [1, 0], [1, 1]]);
        assert_eq!(top_k(&a, 0).unwrap().shape(), &[0, 2]);
        assert!(top_k(&a, 7).is_err());
    }

    #[test]
    fn top_k_ranks_nan_first_and_keeps_early_ties() {
        let a = array![[0.0, f64::NAN], [-0.0, 2.0], [0.0, 0.0]];
        assert_eq!(top_k(&a, 4).unwrap(), array![[0usize, 1], [1, 1], [0, 0], [1, 0]]);
    }
}
