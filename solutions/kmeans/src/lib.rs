//! # Module 7 — `kmeans`: clustering with Lloyd's algorithm, built from array operations
//!
//! k-means splits `n` points in `d` dimensions into `k` groups so that each point is close to
//! the centre (the *centroid*) of its group. It is the first unsupervised method most people
//! meet, and a good exercise in array programming, because every step is a whole-array
//! operation you have already seen:
//!
//! - **distances** from every point to every centroid: one matrix product plus two vectors of
//!   squared norms (you wrote this in `broadcasting::pairwise_sq_dists`);
//! - **assignment**: an argmin along each row of that `n × k` matrix (you wrote this in
//!   `broadcasting::assign_to_centroids`);
//! - **update**: the mean of the points of each cluster, a *scatter-add* (add row `i` into the
//!   accumulator of cluster `labels[i]`) followed by a division by the counts;
//! - **inertia**: the sum of squared distances from each point to its own centroid, the number
//!   k-means tries to make small.
//!
//! Repeating "assign, then update" is **Lloyd's algorithm**. Neither step can increase the
//! inertia, so it stops, but at a *local* minimum that depends on where the centroids started.
//! That is why the starting point matters: **k-means++** picks the first centroids far apart,
//! at random, and the result is reproducible only if the random draws are. Exercise 7 spells
//! out every draw so that your initialisation, and therefore your whole fit, can be checked
//! number by number.
//!
//! The data are standardised first (every column scaled to mean 0 and variance 1, so that no
//! feature decides the distances on its own because of its units). You wrote that in
//! `broadcasting::standardize_columns`: the grader standardises iris itself, and the plots
//! (`cargo xtask plot kmeans`) call your `broadcasting::standardize_columns`.
//!
//! ## Labels are names, not values
//!
//! Calling a cluster "0" or "2" is arbitrary: two clusterings that group the same points
//! together are the same answer, whatever numbers they use. The grader checks exact labels
//! only where the centroids' order is fixed (you are given the centroids, or the documented
//! k-means++ order); on fitted clusterings it checks that your labels define the **same
//! partition** as the expected one and that your centroids agree **under the same
//! renumbering**. The adjusted Rand index (exercise 11) is the standard score that ignores the
//! numbering: 1 for the same partition, about 0 for a random one. Exercises 1 and 2 are the
//! two everyday tools for looking at labels: how many points each cluster has, and a canonical
//! order of the centroids.
//!
//! ## Real data
//!
//! Fisher's iris (150 flowers, 4 measurements, 3 species), standardised column by column, is
//! the real-data case: the grader fits 3 clusters with your code and scores them against the
//! species. For reference, scikit-learn 1.9.1 on the same standardised data reaches an ARI of
//! **0.620 (median over 50 seeds, `n_init = 1`; range 0.433–0.645)**, and **0.620 with
//! `n_init = 10`** (range 0.592–0.620 over 10 seeds). The low values (0.43–0.47) are one poor
//! local minimum (inertia ≈ 197 instead of ≈ 140) that a single start falls into about once in
//! six. The figures and the script that made them are in `datasets/reference/kmeans/`.
//!
//! ## About speed, honestly
//!
//! Most exercises here are not timed: a clear loop over points in Rust is as fast as an idiom,
//! with one exception, floating-point **reductions**. ndarray's `sum()` and `dot()` add with
//! eight independent accumulators (`unrolled_fold` in ndarray's `numeric_util.rs`), which the
//! compiler vectorises; a loop with a single `acc += x` is one chain of dependent additions,
//! several times slower on data in cache, and it rounds differently. For sums, use
//! `.sum()`/`.dot()` or several accumulators. One exercise is timed: `lloyd_step` on 6000
//! points in 128 dimensions with 64 centroids, where the distance computation dominates. Its doc
//! comment says what makes the slow versions slow.
//!
//! ## Working on the module
//!
//! Replace each `todo!()` with your code. `cargo test -p kmeans` runs the public tests at the
//! bottom of this file; the grader runs more cases, including the edge cases each doc comment
//! mentions.
#![allow(unused_variables, unused_imports)]

use ndarray::Zip;
use ndarray::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

// =============================================================================================
// Looking at labels and centroids
// =============================================================================================

/// **Exercise 1 — cluster sizes of arbitrary labels (`np.unique` with counts).**
///
/// Returns `(values, counts)`: the distinct values of `labels` in increasing order, and how
/// many times each occurs. The first thing to look at after a clustering: a cluster of 2 points
/// next to one of 140 says more than the inertia does. Labels need not be `0..k`: other tools
/// number clusters from 1, or mark noise as `-1` (DBSCAN), so the values are `i64` and any may
/// appear. (For labels known to be `0..k`, `np.bincount` is a single pass with one counter per
/// label; you wrote it in `arrays::count_labels`.)
///
/// - NumPy: `values, counts = np.unique(labels, return_counts=True)`
/// - Rust: sort a copy (`labels.to_vec()`, `sort_unstable()`), then count the runs of equal
///   values: `slice::chunk_by(|a, b| a == b)` yields each run as a sub-slice, or keep the
///   current value and its count in a loop. A `BTreeMap<i64, usize>` also works (it keeps its
///   keys sorted).
/// - Edge cases: no label (two empty arrays), a single value repeated, negative values. The
///   counts add up to `labels.len()`.
/// - Speed: not timed. Sorting costs `n log n`; a `HashMap` count followed by a sort of the
///   distinct values is faster when there are few of them. Either is fine here.
pub fn unique_counts(labels: &Array1<i64>) -> (Array1<i64>, Array1<usize>) {
    // BEGIN SOLUTION
    let mut v = labels.to_vec();
    v.sort_unstable();
    let (values, counts): (Vec<i64>, Vec<usize>) = v.chunk_by(|a, b| a == b).map(|run| (run[0], run.len())).unzip();
    (Array1::from(values), Array1::from(counts))
    // END SOLUTION
}

/// **Exercise 2 — sort rows by one column, stably (a canonical order for centroids).**
///
/// Returns `(order, sorted)`: `order` is the permutation of the row indices that sorts `x` by
/// column `col` in increasing order, and `sorted` is `x` with its rows in that order
/// (`sorted.row(i) == x.row(order[i])`). The sort is **stable**: rows with equal keys keep their
/// original order. **NaN keys go last**, in their original order, whatever the sign bit of the
/// NaN. `col` outside the columns is an `Err`.
///
/// Why k-means needs it: two runs that find the same clusters may number them differently.
/// Sorting the centroids by a coordinate gives them a canonical order; `order[new] = old` says
/// which old cluster became cluster `new`, so relabelling the points is a gather through the
/// inverse permutation.
///
/// - NumPy: `order = np.argsort(x[:, col], kind="stable"); x[order]` (NumPy also sorts NaN
///   last)
/// - Rust: `let mut order: Vec<usize> = (0..n).collect();` then `order.sort_by(...)` comparing
///   the keys `x[[a, col]]` and `x[[b, col]]`; `x.select(Axis(0), &order)` gathers the rows.
/// - Pitfalls: `sort_unstable_by` may swap equal keys (the hidden cases have ties).
///   `partial_cmp(..).unwrap()` panics on NaN. `f64::total_cmp` is a total order but puts a
///   NaN whose sign bit is set (`-NaN`, which `0.0 / 0.0` gives on x86) *before* every number:
///   compare `(a.is_nan(), a)` first, or write the comparator with `is_nan` by hand.
/// - Edge cases: no rows (empty order, `0 × d` result), one row, every key equal (the identity
///   permutation), NaN keys.
/// - Speed: not timed; sorting `n` indices and one gather.
pub fn argsort_rows_by(x: &Array2<f64>, col: usize) -> Result<(Array1<usize>, Array2<f64>), String> {
    // BEGIN SOLUTION
    if col >= x.ncols() {
        return Err(format!("argsort_rows_by: column {col} of a matrix with {} columns", x.ncols()));
    }
    let key = x.column(col);
    let mut order: Vec<usize> = (0..x.nrows()).collect();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (key[a], key[b]);
        match (ka.is_nan(), kb.is_nan()) {
            (false, false) => ka.partial_cmp(&kb).unwrap(),
            (na, nb) => na.cmp(&nb),
        }
    });
    let sorted = x.select(Axis(0), &order);
    Ok((Array1::from(order), sorted))
    // END SOLUTION
}

/// **Exercise 3 — a grid of points covering the plane (`np.meshgrid`).**
///
/// Returns the `(ys.len() · xs.len()) × 2` matrix of all points `(xs[j], ys[i])`, **`ys` in the
/// outer loop and `xs` in the inner one**: row `i · xs.len() + j` is `[xs[j], ys[i]]`. This is
/// how the pictures of k-means' *decision regions* are made: predict a label for every point of
/// a fine grid (exercise 9), and colour the grid; the regions are the Voronoi cells of the
/// centroids.
///
/// - NumPy: `xx, yy = np.meshgrid(xs, ys); np.column_stack([xx.ravel(), yy.ravel()])` (the
///   classic scikit-learn plotting recipe; `np.meshgrid`'s default `indexing="xy"` gives
///   arrays of shape `(len(ys), len(xs))`)
/// - ndarray: `ndarray::meshgrid((xs, ys), MeshIndex::XY)` returns the two `ny × nx` arrays as
///   **views** that repeat `xs` and `ys` with a zero stride (no copy), then `.flatten()` each
///   (row-major order) and `ndarray::stack(Axis(1), &[...])` them as columns. A loop with
///   `Array2::from_shape_fn` is just as good.
/// - Edge cases: an empty `xs` or `ys` gives a `0 × 2` matrix; one value in each gives one
///   row.
/// - Speed: not timed; one pass writing the result.
pub fn grid_points(xs: &Array1<f64>, ys: &Array1<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    let (xx, yy) = ndarray::meshgrid((xs, ys), ndarray::MeshIndex::XY);
    ndarray::stack(Axis(1), &[xx.flatten().view(), yy.flatten().view()]).expect("two columns of the same length")
    // END SOLUTION
}

// =============================================================================================
// The two steps of Lloyd's algorithm
// =============================================================================================

/// **Exercise 4 — the update step: cluster means by scatter-add.**
///
/// Given points `x` (`n × d`), their `labels` (each `< k`) and the previous centroids `prev`
/// (`k × d`), returns the new `k × d` centroids: row `j` is the mean of the points labelled `j`.
///
/// **Empty clusters.** A centroid that no point chose has no mean (`0 / 0` would make it NaN,
/// and a NaN centroid is never the nearest again, silently losing a cluster). The rule here:
/// **an empty cluster keeps its previous centroid** (`prev`'s row, unchanged). scikit-learn
/// instead moves it to the point farthest from its centroid; both are fine as long as the rule
/// is explicit, and this one needs no extra pass.
///
/// Method: one pass over the points adding row `i` into `sums[labels[i]]` and 1 into
/// `counts[labels[i]]` (a *scatter-add*), then divide each non-empty row of `sums` by its
/// count. Divide by the count (do not multiply by its reciprocal) to get the same rounding
/// as the reference.
///
/// - NumPy: `np.add.at(sums, labels, X)` and `np.bincount(labels, minlength=k)`, then
///   `np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], prev)`
/// - ndarray: `Array2::zeros((k, d))`, a loop over `x.rows()` zipped with the labels doing
///   `sums.row_mut(l) += &row` (no allocation: it adds in place), then the division row by row.
/// - Pitfalls: the grader has clusters that end up empty, and a case with no points at all
///   (every cluster is empty: the result is `prev`). A label `>= k` is a bug in the caller:
///   panic (indexing does).
/// - Speed: not timed on its own: one pass over `x`. A loop over clusters that each scan all
///   points (`for j in 0..k { mean of x where labels == j }`) reads `x` `k` times, which shows
///   in the timed exercise 6 only as a minor cost next to the distances.
pub fn update_centroids(x: &Array2<f64>, labels: &Array1<usize>, prev: &Array2<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    let (k, d) = prev.dim();
    let mut sums = Array2::<f64>::zeros((k, d));
    let mut counts = vec![0usize; k];
    for (row, &l) in x.rows().into_iter().zip(labels.iter()) {
        let mut s = sums.row_mut(l);
        s += &row;
        counts[l] += 1;
    }
    for (j, mut s) in sums.rows_mut().into_iter().enumerate() {
        if counts[j] == 0 {
            s.assign(&prev.row(j));
        } else {
            let c = counts[j] as f64;
            s.mapv_inplace(|v| v / c);
        }
    }
    sums
    // END SOLUTION
}

/// **Exercise 5 — inertia: how tight the clusters are.**
///
/// Returns `Σ_i ‖x_i − c_{labels[i]}‖²`, the sum over the points of the squared distance to
/// their own centroid (scikit-learn's `inertia_`, also called the within-cluster sum of
/// squares). Zero points give 0.
///
/// Compute each squared distance **directly** as the sum of squared differences (not with the
/// norm identity of `broadcasting::pairwise_sq_dists`, whose rounding error is relative to the norms and can be large
/// compared with a small distance).
///
/// - NumPy: `((X - C[labels]) ** 2).sum()`
/// - ndarray: a loop over `x.rows()` zipped with the labels, `Zip` or iterators over the row
///   and `c.row(l)`; `c.select(Axis(0), labels)` builds NumPy's `C[labels]` (an `n × d` copy,
///   fine at this size).
/// - Speed: not timed; one pass, any loop is fine.
pub fn inertia(x: &Array2<f64>, c: &Array2<f64>, labels: &Array1<usize>) -> f64 {
    // BEGIN SOLUTION
    x.rows()
        .into_iter()
        .zip(labels.iter())
        .map(|(row, &l)| row.iter().zip(c.row(l).iter()).fold(0.0, |acc, (a, b)| acc + (a - b) * (a - b)))
        .fold(0.0, |acc, v| acc + v)
    // END SOLUTION
}

/// **Exercise 6 — one Lloyd iteration: assign, then update.**
///
/// Returns `(new_centroids, labels)`: `labels` assigns each point to its nearest centroid in
/// `c`, and `new_centroids` are the means of those clusters (exercise 4: an empty cluster keeps
/// its centroid from `c`). `k = 0` panics with a message that contains "centroid".
///
/// You wrote both halves of the assignment before: the distances in
/// `broadcasting::pairwise_sq_dists` and the argmin in `broadcasting::assign_to_centroids`.
/// Here the assignment is done **inline**, and one step further: `‖x_i‖²` is the same for every
/// centroid, so the argmin only needs `‖c_j‖² − 2 x_i·c_j` (the product `x.dot(&c.t())` and
/// the centroid norms): no `n`-vector of point norms and no pass to add them and clamp. Then
/// call your `update_centroids` (exercise 4) with the labels.
///
/// **How the labels are graded.** Dropping `‖x_i‖²` (or keeping it and clamping at 0, or
/// computing each distance directly) changes the rounding, so two correct programs can pick
/// different centroids for a point that is *almost exactly* halfway between two of them. The
/// grader therefore accepts a label when its squared distance, which the grader computes
/// directly as `Σ (x − c)²`, is within `1e-9 · (‖x_i‖² + max_j ‖c_j‖²)` of the smallest one;
/// and it checks your centroids against the means of the clusters **your** labels define
/// (empty clusters keeping their centroid from `c`). On exact ties (small integer coordinates,
/// where every formula rounds alike) the lowest index must win, as with NumPy's `argmin`:
/// compare with `<`, not `<=`.
///
/// - NumPy: `labels = ((C**2).sum(1) - 2 * X @ C.T).argmin(1)`, then the scatter-add update.
/// - ndarray: `c.map_axis(Axis(1), |r| r.dot(&r))`, `x.dot(&c.t())`, a scan of each row of the
///   product (`map_axis(Axis(1), ...)`) keeping the first minimum, then `update_centroids`.
/// - Speed: **timed**, 6000 points in 128 dimensions with 64 centroids. The budget is four and
///   a half matrix products of shape `(6000 × 128) · (128 × 64)`; the reference takes one and a half to
///   two (the product, one scan of the `n × k` result, and the update pass). Three slower
///   versions fail it:
///   - the line-by-line translation of `((x - c) ** 2).sum()` inside a loop over points and
///     centroids, `(&x.row(i) - &c.row(j)).mapv(|v| v * v).sum()`, allocates two small arrays
///     for each of the 384 000 pairs and passes over each of them: seven to nine times the
///     reference;
///   - the 3-D broadcast `X[:, None, :] - C[None, :, :]` writes a `6000 × 64 × 128` temporary
///     (390 MB) only to square it and sum it back down (about fifty times);
///   - a loop over points and centroids that sums `(a - b)²` over the 128 coordinates *without*
///     allocating (plain iterators over the two rows) is a reasonable Rust program and much
///     better than the first, but it still measured eight to eleven times slower than the
///     matrix-product route: each pair's 128 additions are one dependent chain, with no vector
///     kernel, while the product keeps every lane of the CPU busy. It fails the budget by 2.5×
///     or more. This is `broadcasting::pairwise_sq_dists` again, at a smaller scale.
pub fn lloyd_step(x: &Array2<f64>, c: &Array2<f64>) -> (Array2<f64>, Array1<usize>) {
    // BEGIN SOLUTION
    assert!(c.nrows() > 0, "lloyd_step: there is no centroid to assign the points to");
    let nc = c.map_axis(Axis(1), |r| r.dot(&r));
    let g = x.dot(&c.t());
    let labels = g.map_axis(Axis(1), |row| {
        let (mut best, mut d_best) = (0, nc[0] - 2.0 * row[0]);
        for (j, (&v, &n)) in row.iter().zip(nc.iter()).enumerate().skip(1) {
            let d = n - 2.0 * v;
            if d < d_best {
                (best, d_best) = (j, d);
            }
        }
        best
    });
    let new_c = update_centroids(x, &labels, c);
    (new_c, labels)
    // END SOLUTION
}

// =============================================================================================
// Initialisation and the full fit
// =============================================================================================

/// **Exercise 7 — k-means++ initialisation, with documented draws.**
///
/// Chooses `k` of the points as initial centroids, spread out at random: each new centroid is
/// a point drawn with probability proportional to `D(x)²`, its squared distance to the nearest
/// centroid chosen so far (Arthur & Vassilvitskii's classic k-means++). Returns
/// `(centroids, indices)`: the `k × d` chosen rows of `x`, in the order they were chosen, and
/// their row indices.
///
/// **The draws, exactly** (so that the grader can check your indices):
/// 1. `let mut rng = ChaCha8Rng::seed_from_u64(seed);` and exactly **one**
///    `u = rng.random::<f64>()` per centroid, `k` draws in all, nothing else drawn.
/// 2. First centroid: index `⌊u · n⌋` (computed as `(u * n as f64) as usize`, and `n - 1` if
///    that rounds up to `n`).
/// 3. Every later centroid:
///    - `D²[i]` for every point is the minimum, over the centroids chosen so far, of the squared
///      distance computed **directly** as `Σ_j (x[i, j] − c[j])²` (so that a point equal to a
///      chosen centroid has weight exactly 0; keep a running minimum, updated with each new
///      centroid);
///    - the cumulative sums `s[i] = D²[0] + … + D²[i]`, added left to right, `total = s[n-1]`;
///    - if `total > 0`: with `t = u · total`, the chosen index is the **first `i` with
///      `s[i] > t`** (`s.partition_point(|&v| v <= t)`, as `random`'s `weighted_choice`); if
///      rounding leaves no such `i`, the last index with `D²[i] > 0`;
///    - if `total == 0` (every point already coincides with a centroid: fewer distinct points
///      than `k`), fall back to rule 2: index `⌊u · n⌋`. The centroid is then a duplicate.
///
/// Errors (`Err` with a message): `k = 0`, `k > n`.
///
/// - NumPy / scikit-learn: `sklearn.cluster.kmeans_plusplus(X, k, random_state=s,
///   n_local_trials=1)` is this algorithm (with NumPy's generator, so other numbers).
///   scikit-learn's *default* is the "greedy" variant: it draws `2 + ⌊ln k⌋` candidates per
///   centroid and keeps the one that lowers the total `D²` most.
/// - Rust: `ChaCha8Rng::seed_from_u64`, `Rng::random::<f64>()`, a `Vec<f64>` of `D²` updated
///   in place, `slice::partition_point`, `x.select(Axis(0), &indices)`.
/// - Speed: not timed; `O(n k d)`, like one assignment step.
pub fn kmeans_plus_plus(x: &Array2<f64>, k: usize, seed: u64) -> Result<(Array2<f64>, Array1<usize>), String> {
    // BEGIN SOLUTION
    let n = x.nrows();
    if k == 0 {
        return Err("kmeans_plus_plus: k must be at least 1".into());
    }
    if k > n {
        return Err(format!("kmeans_plus_plus: cannot choose k = {k} centroids among {n} points"));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let uniform_index = |u: f64| ((u * n as f64) as usize).min(n - 1);
    let mut indices = Vec::with_capacity(k);
    indices.push(uniform_index(rng.random::<f64>()));
    let mut d2 = vec![f64::INFINITY; n];
    let mut cum = vec![0.0; n];
    while indices.len() < k {
        let c = x.row(*indices.last().unwrap());
        for (di, row) in d2.iter_mut().zip(x.rows()) {
            let v: f64 = row.iter().zip(c.iter()).map(|(a, b)| (a - b) * (a - b)).sum();
            if v < *di {
                *di = v;
            }
        }
        let mut s = 0.0;
        for (ci, &di) in cum.iter_mut().zip(&d2) {
            s += di;
            *ci = s;
        }
        let u = rng.random::<f64>();
        let i = if s > 0.0 {
            let t = u * s;
            let i = cum.partition_point(|&v| v <= t);
            if i < n { i } else { d2.iter().rposition(|&v| v > 0.0).unwrap() }
        } else {
            uniform_index(u)
        };
        indices.push(i);
    }
    Ok((x.select(Axis(0), &indices), Array1::from_vec(indices)))
    // END SOLUTION
}

/// **Exercise 8 — the full k-means fit (Lloyd's algorithm).**
///
/// Returns `(centroids, labels, inertia, iterations)` for `k` clusters:
/// 1. start from `kmeans_plus_plus(x, k, seed)`'s centroids (its errors are this function's);
/// 2. for `it = 1, 2, …, max_iter`: one `lloyd_step`; with `shift = Σ (new − old)²` over all
///    entries of the centroids (the squared Frobenius norm of the move), replace the centroids
///    by the new ones, set `iterations = it`, and **stop if `shift <= tol`**;
/// 3. finally assign the points to the *final* centroids (the labels of one more
///    `lloyd_step(x, &c)`; its new centroids are not used) and compute the `inertia` of that
///    assignment, so that labels, centroids and inertia agree.
///
/// `max_iter = 0` returns the k-means++ centroids with `iterations = 0`. `tol = 0` runs until
/// the centroids stop moving exactly (the labels no longer change) or `max_iter` is reached.
/// Errors also for `tol` negative or NaN.
///
/// scikit-learn's `tol` is *relative*: it multiplies it by the mean variance of the columns
/// before comparing it with the same squared shift. On standardised data that mean is 1, so
/// `tol = 1e-4` here means the same as scikit-learn's default.
///
/// - NumPy / scikit-learn: `KMeans(k, init="k-means++", n_init=1, tol=..., max_iter=...)`,
///   then `cluster_centers_`, `labels_`, `inertia_`, `n_iter_`.
/// - Rust: your exercises 4 to 7; `(&new - &old).mapv(|v| v * v).sum()` or a `Zip` fold for the
///   shift.
/// - Checked: exact results on small cases (the documented draws fix everything); on
///   well-separated blobs, the same partition as the blobs and centroids equal to the blob
///   means *up to a renumbering*; on standardised iris, the best of 10 seeds must match the
///   species with an ARI of at least 0.58 (see the exercise's check in the spec).
/// - Speed: not timed; each iteration costs one `lloyd_step`.
pub fn kmeans_fit(x: &Array2<f64>, k: usize, max_iter: usize, tol: f64, seed: u64) -> Result<(Array2<f64>, Array1<usize>, f64, usize), String> {
    // BEGIN SOLUTION
    if tol.is_nan() || tol < 0.0 {
        return Err(format!("kmeans_fit: tol must be a non-negative number, got {tol}"));
    }
    let (mut c, _) = kmeans_plus_plus(x, k, seed)?;
    let mut iterations = 0;
    for it in 1..=max_iter {
        let (new_c, _) = lloyd_step(x, &c);
        let shift: f64 = Zip::from(&new_c).and(&c).fold(0.0, |acc, &a, &b| acc + (a - b) * (a - b));
        c = new_c;
        iterations = it;
        if shift <= tol {
            break;
        }
    }
    let (_, labels) = lloyd_step(x, &c);
    let j = inertia(x, &c, &labels);
    Ok((c, labels, j, iterations))
    // END SOLUTION
}

/// **Exercise 9 — predict: assign new points to fitted centroids.**
///
/// Returns the nearest-centroid label of each row of `x_new` (lowest index on ties), for
/// centroids `c` fitted earlier. This is the assignment step again, but for data that comes
/// from outside, so it validates its input instead of panicking.
///
/// Errors (`Err` with a message): no centroid (`k = 0`); `x_new` with a number of columns
/// different from the centroids' (a common bug: predicting on unstandardised or differently
/// selected features); a NaN or infinite value in `x_new` (its distances would be NaN, and an
/// argmin over NaN silently returns some label). Zero new points give an empty array.
///
/// - NumPy / scikit-learn: `KMeans.predict(X_new)` (which raises `ValueError` on a feature
///   count mismatch or NaN)
/// - Rust: check `ncols()`, `iter().all(|v| v.is_finite())`, then the labels of your
///   `lloyd_step` (the centroid update it also computes is wasted work, small next to the
///   distances), or the same argmin written inline.
/// - Speed: not timed.
pub fn predict(x_new: &Array2<f64>, c: &Array2<f64>) -> Result<Array1<usize>, String> {
    // BEGIN SOLUTION
    if c.nrows() == 0 {
        return Err("predict: there are no centroids".into());
    }
    if x_new.ncols() != c.ncols() {
        return Err(format!("predict: the points have {} features but the centroids have {}", x_new.ncols(), c.ncols()));
    }
    if let Some(v) = x_new.iter().find(|v| !v.is_finite()) {
        return Err(format!("predict: the points contain a non-finite value ({v})"));
    }
    Ok(lloyd_step(x_new, c).1)
    // END SOLUTION
}

// =============================================================================================
// Choosing k and scoring a clustering
// =============================================================================================

/// **Exercise 10 — choosing k: the inertia curve.**
///
/// Returns the vector of inertias of `kmeans_fit(x, k, max_iter, tol, seed)` for
/// `k = 1, 2, …, k_max` (entry `k - 1` is the inertia with `k` clusters; the same `seed` for
/// every `k`). `k_max = 0` gives an empty vector.
///
/// Inertia keeps falling as `k` grows (with `k = n` it is 0), so the smallest is not the best.
/// One looks for the "elbow": the `k` after which adding a cluster buys little. With `k = 1`
/// the centroid is the mean and the inertia is `n` times the total variance (600 for
/// standardised iris: 150 rows × 4 columns of variance 1). A single start can land in a poor
/// local minimum, so the curve is not guaranteed to decrease at every step; scikit-learn users
/// pass `n_init = 10` to smooth it.
///
/// Errors: `k_max > n` (and `kmeans_fit`'s errors).
///
/// - NumPy / scikit-learn: `[KMeans(k, n_init=1, random_state=seed).fit(X).inertia_ for k in
///   range(1, k_max + 1)]`
/// - Rust: a loop over `1..=k_max` calling exercise 8, `collect` into `Array1`.
/// - Speed: not timed; `k_max` full fits.
pub fn inertia_curve(x: &Array2<f64>, k_max: usize, max_iter: usize, tol: f64, seed: u64) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    if k_max > x.nrows() {
        return Err(format!("inertia_curve: k_max = {k_max} is more than the {} points", x.nrows()));
    }
    let mut out = Vec::with_capacity(k_max);
    for k in 1..=k_max {
        out.push(kmeans_fit(x, k, max_iter, tol, seed)?.2);
    }
    Ok(Array1::from_vec(out))
    // END SOLUTION
}

/// **Exercise 11 — the adjusted Rand index (ARI).**
///
/// Scores how well two labelings of the same `n` items agree, ignoring what the labels are
/// called. Count the pairs of items: the **Rand index** is the fraction of pairs on which the
/// two labelings agree (together in both, or apart in both). Random labelings already agree on
/// many pairs, so the ARI subtracts what chance would give and rescales: 1 for identical
/// partitions, about 0 for independent ones (it can be negative).
///
/// With the contingency table `n_ij` (items with label `i` in `a` and `j` in `b`), its row sums
/// `a_i` and column sums `b_j`, and `C(m) = m (m − 1) / 2` the number of pairs among `m`:
///
/// `index = Σ_ij C(n_ij)`, `sa = Σ_i C(a_i)`, `sb = Σ_j C(b_j)`,
/// `expected = sa · sb / C(n)`, `ARI = (index − expected) / ((sa + sb) / 2 − expected)`.
///
/// The denominator is 0 only when both labelings put everything in one cluster, or both put
/// every item alone (and for `n ≤ 1`): the partitions are then identical and the ARI is **1**
/// (scikit-learn's convention). Labels can be any numbers (they need not be `0..k`).
///
/// Errors: `a` and `b` of different lengths.
///
/// - NumPy / scikit-learn: `sklearn.metrics.adjusted_rand_score(a, b)`
/// - Rust: a `HashMap<(usize, usize), u64>` (or `BTreeMap`) for the table and two for the
///   margins, then the formula in `f64`. Counts of pairs exceed `u32` for `n > 92 682`: count in
///   `u64` or `f64`.
/// - Speed: not timed; one pass over the labels.
pub fn adjusted_rand_index(a: &Array1<usize>, b: &Array1<usize>) -> Result<f64, String> {
    // BEGIN SOLUTION
    if a.len() != b.len() {
        return Err(format!("adjusted_rand_index: the labelings have different lengths ({} and {})", a.len(), b.len()));
    }
    let mut table: HashMap<(usize, usize), u64> = HashMap::new();
    let mut ra: HashMap<usize, u64> = HashMap::new();
    let mut rb: HashMap<usize, u64> = HashMap::new();
    for (&i, &j) in a.iter().zip(b.iter()) {
        *table.entry((i, j)).or_default() += 1;
        *ra.entry(i).or_default() += 1;
        *rb.entry(j).or_default() += 1;
    }
    let pairs = |m: u64| (m as f64) * (m.saturating_sub(1) as f64) / 2.0;
    let index: f64 = table.values().map(|&m| pairs(m)).sum();
    let sa: f64 = ra.values().map(|&m| pairs(m)).sum();
    let sb: f64 = rb.values().map(|&m| pairs(m)).sum();
    let total = pairs(a.len() as u64);
    if total == 0.0 {
        return Ok(1.0);
    }
    let expected = sa * sb / total;
    let max_index = (sa + sb) / 2.0;
    if max_index == expected {
        return Ok(1.0);
    }
    Ok((index - expected) / (max_index - expected))
    // END SOLUTION
}

// =============================================================================================
// Public tests: `cargo test -p kmeans`
// =============================================================================================

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn assert_close<D: Dimension>(got: &Array<f64, D>, want: &Array<f64, D>) {
        assert_eq!(got.shape(), want.shape(), "shape: got {got}, want {want}");
        for (g, w) in got.iter().zip(want.iter()) {
            assert!((g - w).abs() <= 1e-9 + 1e-9 * w.abs(), "got {got}, want {want}");
        }
    }

    /// Iris with z-scored columns (population std). Iris has no constant column, so the
    /// NumPy one-liner is enough here; the full rule is `broadcasting::standardize_columns`.
    fn iris_standardized() -> (Array2<f64>, Array1<usize>) {
        let d = datasets::iris().unwrap();
        let x = d.features;
        ((&x - &x.mean_axis(Axis(0)).unwrap()) / &x.std_axis(Axis(0), 0.0), d.target)
    }

    /// The committed scikit-learn figures (datasets/reference/kmeans/reference.json).
    fn reference() -> serde_json::Value {
        serde_json::from_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../datasets/reference/kmeans/reference.json"))).unwrap()
    }

    // 1
    #[test]
    fn unique_counts_sorts_and_counts() {
        let (v, c) = unique_counts(&array![3i64, -1, 3, 0, 3, -1]);
        assert_eq!(v, array![-1i64, 0, 3]);
        assert_eq!(c, array![2usize, 1, 3]);
        let (v, c) = unique_counts(&Array1::<i64>::zeros(0));
        assert_eq!((v.len(), c.len()), (0, 0));
    }

    // 2
    #[test]
    fn argsort_rows_is_stable_with_nan_last() {
        let x = array![[2.0, 0.0], [f64::NAN, 1.0], [1.0, 2.0], [2.0, 3.0], [-f64::NAN, 4.0], [-5.0, 5.0]];
        let (order, sorted) = argsort_rows_by(&x, 0).unwrap();
        assert_eq!(order, array![5usize, 2, 0, 3, 1, 4]);
        assert_eq!(sorted.column(1).to_vec(), [5.0, 2.0, 0.0, 3.0, 1.0, 4.0]);
        assert!(argsort_rows_by(&x, 2).is_err());
    }

    // 3
    #[test]
    fn grid_points_run_x_fastest() {
        let g = grid_points(&array![0.0, 1.0, 2.0], &array![10.0, 20.0]);
        assert_eq!(g, array![[0.0, 10.0], [1.0, 10.0], [2.0, 10.0], [0.0, 20.0], [1.0, 20.0], [2.0, 20.0]]);
        assert_eq!(grid_points(&Array1::zeros(0), &array![1.0]).dim(), (0, 2));
    }

    // 4
    #[test]
    fn update_centroids_keeps_an_empty_cluster() {
        let x = array![[0.0, 0.0], [2.0, 0.0], [10.0, 10.0]];
        let prev = array![[1.0, 1.0], [9.0, 9.0], [-5.0, -5.0]];
        let got = update_centroids(&x, &array![0usize, 0, 1], &prev);
        assert_close(&got, &array![[1.0, 0.0], [10.0, 10.0], [-5.0, -5.0]]);
    }

    // 5
    #[test]
    fn inertia_sums_squared_distances() {
        let x = array![[0.0, 0.0], [2.0, 0.0], [10.0, 10.0]];
        let c = array![[1.0, 0.0], [10.0, 11.0]];
        assert!((inertia(&x, &c, &array![0usize, 0, 1]) - 3.0).abs() < 1e-12);
    }

    // 6
    #[test]
    fn lloyd_step_assigns_then_updates() {
        let x = array![[0.0], [1.0], [9.0], [10.0]];
        let (c, labels) = lloyd_step(&x, &array![[0.0], [4.0]]);
        assert_eq!(labels, array![0usize, 0, 1, 1]);
        assert_close(&c, &array![[0.5], [9.5]]);
        // Exact ties (small integers): the lowest index wins.
        let (_, labels) = lloyd_step(&array![[1.0], [3.0]], &array![[0.0], [2.0], [4.0]]);
        assert_eq!(labels, array![0usize, 1]);
    }

    #[test]
    #[should_panic(expected = "centroid")]
    fn lloyd_step_needs_a_centroid() {
        lloyd_step(&array![[1.0]], &Array2::zeros((0, 1)));
    }

    /// The grader's public case `near_tie_either_label`: the first point is halfway between the
    /// two centroids to within rounding. The reference's `‖c‖² − 2x·c` and the full clamped
    /// identity `max(‖x‖² − 2x·c + ‖c‖², 0)` pick different centroids for it, so an exact
    /// comparison of labels would fail one of two correct programs; the grader's tolerant check
    /// accepts both (its direct squared distances differ by less than 1e-9 · (‖x‖² + ‖c‖²)).
    #[test]
    fn near_tie_depends_on_the_formula() {
        let x = array![[21.014841364230165], [0.0], [30.0]];
        let c = array![[13.81397375682198], [28.21570897163835]];
        let (_, labels) = lloyd_step(&x, &c);
        let (xn, cn) = (x.map_axis(Axis(1), |r| r.dot(&r)), c.map_axis(Axis(1), |r| r.dot(&r)));
        let g = x.dot(&c.t());
        let full = |i: usize, j: usize| (xn[i] - 2.0 * g[[i, j]] + cn[j]).max(0.0);
        let full_label = if full(0, 1) < full(0, 0) { 1 } else { 0 };
        assert_ne!(labels[0], full_label, "the two formulas agree here: the case no longer tests a near tie");
        let direct: Vec<f64> = (0..2).map(|j| (x[[0, 0]] - c[[j, 0]]).powi(2)).collect();
        assert!((direct[0] - direct[1]).abs() <= 1e-9 * (xn[0] + cn[0].max(cn[1])));
    }

    // 7
    #[test]
    fn kmeans_plus_plus_follows_the_documented_draws() {
        let x = array![[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0], [5.0, 20.0]];
        for seed in 0..20 {
            let (c, idx) = kmeans_plus_plus(&x, 3, seed).unwrap();
            // Replay the recipe by hand.
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let first = (rng.random::<f64>() * 5.0) as usize;
            assert_eq!(idx[0], first);
            assert_eq!(c.row(0), x.row(first));
            let mut seen = idx.to_vec();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), 3, "k-means++ never picks a chosen point again: {idx}");
        }
        assert!(kmeans_plus_plus(&x, 0, 1).is_err());
        assert!(kmeans_plus_plus(&x, 6, 1).is_err());
        // Fewer distinct points than k: the fallback gives duplicates, not an error.
        let (c, _) = kmeans_plus_plus(&array![[1.0], [1.0], [1.0]], 2, 3).unwrap();
        assert_eq!(c, array![[1.0], [1.0]]);
    }

    // 8
    #[test]
    fn kmeans_fit_finds_separated_blobs() {
        let x = array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [20.0, 20.0], [20.0, 21.0], [21.0, 20.0]];
        let (c, labels, j, it) = kmeans_fit(&x, 2, 100, 0.0, 7).unwrap();
        assert_eq!(labels[0], labels[1]);
        assert_eq!(labels[0], labels[2]);
        assert_ne!(labels[0], labels[3]);
        assert_eq!(labels[3], labels[4]);
        assert_eq!(labels[3], labels[5]);
        assert!((j - 8.0 / 3.0).abs() < 1e-9, "inertia {j}");
        assert!(it >= 1);
        let a = labels[0];
        assert_close(&c.row(a).to_owned(), &array![1.0 / 3.0, 1.0 / 3.0]);
        assert!(kmeans_fit(&x, 2, 10, -1.0, 0).is_err());
    }

    #[test]
    fn kmeans_on_iris_matches_scikit_learn() {
        let (z, y) = iris_standardized();
        let r = &reference()["iris_standardized"]["kmeans_pp_n_init_10"];
        let sk_inertia = r["inertia"]["min"].as_f64().unwrap();
        let sk_ari_median = r["ari"]["median"].as_f64().unwrap();
        // The best of 20 starts reaches scikit-learn's best minimum (seeds 19 and 20 find it).
        let best = (0..20).map(|s| kmeans_fit(&z, 3, 300, 1e-4, s).unwrap()).min_by(|a, b| a.2.total_cmp(&b.2)).unwrap();
        assert!((best.2 - sk_inertia).abs() <= 1e-9 * sk_inertia, "inertia {} vs scikit-learn {sk_inertia}", best.2);
        let ari = adjusted_rand_index(&best.1, &y).unwrap();
        assert!(ari >= sk_ari_median - 0.04, "ARI {ari}, scikit-learn's median {sk_ari_median}");
    }

    // 9
    #[test]
    fn predict_validates_its_input() {
        assert_eq!(predict(&array![[1.0, 0.0]], &array![[0.0, 0.0], [2.0, 0.0]]).unwrap(), array![0usize]);
        let c = array![[0.0, 0.0], [5.0, 5.0]];
        assert_eq!(predict(&array![[4.0, 4.0], [0.0, 1.0]], &c).unwrap(), array![1usize, 0]);
        assert!(predict(&array![[4.0, 4.0, 4.0]], &c).is_err());
        assert!(predict(&array![[f64::NAN, 4.0]], &c).is_err());
        assert!(predict(&array![[1.0, 4.0]], &Array2::zeros((0, 2))).is_err());
    }

    // 10
    #[test]
    fn inertia_curve_starts_at_the_total_variance() {
        let (z, _) = iris_standardized();
        let curve = inertia_curve(&z, 4, 300, 1e-4, 0).unwrap();
        assert_eq!(curve.len(), 4);
        assert!((curve[0] - 600.0).abs() < 1e-9, "{curve}");
        assert!(curve[1] < curve[0] && curve[2] < curve[1], "{curve}");
    }

    // 11
    #[test]
    fn adjusted_rand_index_matches_scikit_learn() {
        let r = reference();
        let examples = r["ari_examples"].as_array().unwrap();
        let labels = |v: &serde_json::Value| -> Array1<usize> { v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as usize).collect() };
        for e in examples {
            let (got, want) = (adjusted_rand_index(&labels(&e["a"]), &labels(&e["b"])).unwrap(), e["ari"].as_f64().unwrap());
            assert!((got - want).abs() < 1e-12, "ARI {got}, scikit-learn {want} for {e}");
        }
        assert_eq!(examples.len(), 6);
        assert!(adjusted_rand_index(&array![0usize, 1], &array![0usize]).is_err());
    }
}
