// How the judge calls each `kmeans` exercise: one line each. `sub` is the submission's crate.
// Entries named `exercise/check` are derived checks: they call the submission and return a
// verdict from `ndlab_runtime::checks` (`Ok(())`, or an `Err` saying what differs), for results
// that are defined only up to a renumbering of the clusters, or (`lloyd_step/nearest`) up to the
// rounding of near-ties; `inertia_curve/iris` returns values.
use ndarray::prelude::*;
use ndlab_runtime::Table;
use ndlab_runtime::checks;

type Check = Result<(), String>;

/// Blobs with a known partition: point `i` is `centers[i % k] + noise[i]`.
fn blobs(centers: &Array2<f64>, noise: &Array2<f64>) -> (Array2<f64>, Vec<usize>) {
    let k = centers.nrows();
    let truth: Vec<usize> = (0..noise.nrows()).map(|i| i % k).collect();
    (noise + &centers.select(Axis(0), &truth), truth)
}

/// The mean of each labelled group (every group non-empty here).
fn group_means(x: &Array2<f64>, labels: &[usize], k: usize) -> Array2<f64> {
    let mut sums = Array2::<f64>::zeros((k, x.ncols()));
    let mut counts = vec![0.0; k];
    for (row, &l) in x.rows().into_iter().zip(labels) {
        let mut s = sums.row_mut(l);
        s += &row;
        counts[l] += 1.0;
    }
    for (mut s, c) in sums.rows_mut().into_iter().zip(counts) {
        s.mapv_inplace(|v| v / c);
    }
    sums
}

/// Iris with z-scored columns (population standard deviation, as scikit-learn's StandardScaler).
fn iris_standardized() -> Result<(Array2<f64>, Vec<usize>), String> {
    let d = datasets::iris().map_err(|e| format!("could not load iris: {e}"))?;
    let x = d.features;
    let mean = x.mean_axis(Axis(0)).unwrap();
    let std = x.var_axis(Axis(0), 0.0).mapv(f64::sqrt);
    Ok(((&x - &mean) / &std, d.target.to_vec()))
}

/// On blobs far apart: the blobs' partition, centroids equal to the blob means under the same
/// renumbering, and the inertia of that clustering.
fn fit_blobs(centers: &Array2<f64>, noise: &Array2<f64>, max_iter: usize, seed: u64) -> Check {
    let (x, truth) = blobs(centers, noise);
    let k = centers.nrows();
    let (c, labels, j, _) = sub::kmeans_fit(&x, k, max_iter, 0.0, seed)?;
    let labels = labels.to_vec();
    let means = group_means(&x, &truth, k);
    checks::same_centroids_up_to_relabelling(&c, &labels, &means, &truth, 1e-9, 1e-9)?;
    let want: f64 = x.rows().into_iter().zip(&truth).map(|(r, &l)| (&r - &means.row(l)).mapv(|v| v * v).sum()).sum();
    if (j - want).abs() <= 1e-9 * want { Ok(()) } else { Err(format!("right clusters, but the inertia is {j} instead of {want}")) }
}

/// scikit-learn's `n_init`: fit with seeds `seed, seed + 1, …`, keep the lowest inertia, and
/// score its labels against the species with the grader's own adjusted Rand index.
fn fit_iris(n_init: usize, min_ari: f64, seed: u64) -> Check {
    let (z, species) = iris_standardized()?;
    let mut best: Option<(f64, Vec<usize>)> = None;
    for s in 0..n_init as u64 {
        let (_, labels, j, _) = sub::kmeans_fit(&z, 3, 300, 1e-4, seed + s)?;
        if best.as_ref().is_none_or(|(b, _)| j < *b) {
            best = Some((j, labels.to_vec()));
        }
    }
    let (j, labels) = best.ok_or("n_init must be at least 1")?;
    let ari = checks::adjusted_rand(&labels, &species);
    if ari >= min_ari {
        Ok(())
    } else {
        Err(format!("best of {n_init} fits (inertia {j:.4}) matches the species with ARI {ari:.4}; at least {min_ari} expected"))
    }
}

/// One Lloyd step, graded up to the rounding of near-ties: every label must name a nearest
/// centroid of `c` (its squared distance, computed directly here, within
/// `1e-9 · (‖x_i‖² + max_j ‖c_j‖²)` of the smallest), and the new centroids must be the means of
/// the clusters the submission's own labels define, an empty cluster keeping its row of `c`
/// (rtol 1e-9, atol 1e-12). Exact comparison of labels would fail one of two correct formulas
/// (the reference's `‖c‖² − 2x·c`, or the full clamped identity) on a point halfway between two
/// centroids to within rounding.
fn lloyd_nearest(x: &Array2<f64>, c: &Array2<f64>) -> Check {
    let (new_c, labels) = sub::lloyd_step(x, c);
    let (n, k) = (x.nrows(), c.nrows());
    if labels.len() != n || new_c.dim() != c.dim() {
        return Err(format!("expected {n} labels and {:?} centroids, got {} labels and {:?}", c.dim(), labels.len(), new_c.dim()));
    }
    let cmax = c.rows().into_iter().map(|r| r.dot(&r)).fold(0.0f64, f64::max);
    let mut sums = Array2::<f64>::zeros(c.dim());
    let mut counts = vec![0usize; k];
    for (i, (row, &l)) in x.rows().into_iter().zip(labels.iter()).enumerate() {
        if l >= k {
            return Err(format!("label {l} of point {i} is not a centroid index (k = {k})"));
        }
        let d2: Vec<f64> = c.rows().into_iter().map(|cr| row.iter().zip(cr.iter()).map(|(a, b)| (a - b) * (a - b)).sum()).collect();
        let best = d2.iter().copied().fold(f64::INFINITY, f64::min);
        if d2[l] > best + 1e-9 * (row.dot(&row) + cmax) {
            let j = d2.iter().position(|&v| v == best).unwrap_or(0);
            return Err(format!("point {i} is labelled {l} (squared distance {:e}) but centroid {j} is nearer ({best:e})", d2[l]));
        }
        let mut s = sums.row_mut(l);
        s += &row;
        counts[l] += 1;
    }
    for (j, (mut s, &m)) in sums.rows_mut().into_iter().zip(&counts).enumerate() {
        if m == 0 {
            s.assign(&c.row(j));
        } else {
            s.mapv_inplace(|v| v / m as f64);
        }
    }
    for ((j, got), want) in new_c.rows().into_iter().enumerate().zip(sums.rows()) {
        if got.iter().zip(want.iter()).any(|(g, w)| !((g - w).abs() <= 1e-12 + 1e-9 * w.abs())) {
            let what = if counts[j] == 0 { "an empty cluster keeps its centroid" } else { "the mean of the points your labels put in it" };
            return Err(format!("centroid {j} is {got}, expected {want} ({what})"));
        }
    }
    Ok(())
}

/// k-means++ picks rows of `x`, at the indices it returns, never the same point twice while
/// points with positive weight remain (all points distinct here).
fn plus_plus_rows(x: &Array2<f64>, k: usize, seed: u64) -> Check {
    let (c, idx) = sub::kmeans_plus_plus(x, k, seed)?;
    if c.dim() != (k, x.ncols()) || idx.len() != k {
        return Err(format!("expected {k} centroids of {} columns and {k} indices, got shapes {:?} and {}", x.ncols(), c.dim(), idx.len()));
    }
    let mut seen = std::collections::HashSet::new();
    for (r, &i) in idx.iter().enumerate() {
        if i >= x.nrows() || c.row(r) != x.row(i) {
            return Err(format!("centroid {r} is not row {i} of the points"));
        }
        if !seen.insert(i) {
            return Err(format!("point {i} was chosen twice (its weight D² is 0 once it is a centroid)"));
        }
    }
    Ok(())
}

pub fn table(t: &mut Table) {
    t.add("unique_counts", |l: &Array1<i64>| sub::unique_counts(l));
    t.add("argsort_rows_by", |x: &Array2<f64>, col: &usize| sub::argsort_rows_by(x, *col));
    t.add("grid_points", |xs: &Array1<f64>, ys: &Array1<f64>| sub::grid_points(xs, ys));
    t.add("update_centroids", |x: &Array2<f64>, l: &Array1<usize>, p: &Array2<f64>| sub::update_centroids(x, l, p));
    t.add("inertia", |x: &Array2<f64>, c: &Array2<f64>, l: &Array1<usize>| sub::inertia(x, c, l));
    t.add("lloyd_step", |x: &Array2<f64>, c: &Array2<f64>| sub::lloyd_step(x, c));
    t.add("lloyd_step/nearest", |x: &Array2<f64>, c: &Array2<f64>| lloyd_nearest(x, c));
    t.add("kmeans_plus_plus", |x: &Array2<f64>, k: &usize, s: &u64| sub::kmeans_plus_plus(x, *k, *s));
    t.add("kmeans_plus_plus/rows", |x: &Array2<f64>, k: &usize, s: &u64| plus_plus_rows(x, *k, *s));
    t.add("kmeans_fit", |x: &Array2<f64>, k: &usize, it: &usize, tol: &f64, s: &u64| sub::kmeans_fit(x, *k, *it, *tol, *s));
    t.add("kmeans_fit/blobs", |c: &Array2<f64>, noise: &Array2<f64>, it: &usize, s: &u64| fit_blobs(c, noise, *it, *s));
    t.add("kmeans_fit/iris_ari", |n_init: &usize, min_ari: &f64, s: &u64| fit_iris(*n_init, *min_ari, *s));
    t.add("predict", |x: &Array2<f64>, c: &Array2<f64>| sub::predict(x, c));
    t.add("inertia_curve", |x: &Array2<f64>, k: &usize, it: &usize, tol: &f64, s: &u64| sub::inertia_curve(x, *k, *it, *tol, *s));
    t.add("inertia_curve/iris", |k: &usize, it: &usize, tol: &f64, s: &u64| -> Result<Array1<f64>, String> {
        sub::inertia_curve(&iris_standardized()?.0, *k, *it, *tol, *s)
    });
    t.add("adjusted_rand_index", |a: &Array1<usize>, b: &Array1<usize>| sub::adjusted_rand_index(a, b));
}
