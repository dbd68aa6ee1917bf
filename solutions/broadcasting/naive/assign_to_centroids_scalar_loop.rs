// Measured, not listed in the spec (see the comment above the [[timing]] entries in
// grader/spec/broadcasting.toml): a loop over points and centroids summing (a - b)² with
// iterators, without allocating. 4.5-7x the reference (each pair's additions form one dependent
// chain, no vector kernel): about 1.75-1.9x the budget. Add it to `naive` to re-measure.
use ndarray::prelude::*;

pub fn assign_to_centroids(points: &Array2<f64>, centroids: &Array2<f64>) -> (Array1<usize>, Array1<f64>) {
    assert!(centroids.nrows() > 0, "assign_to_centroids: there is no centroid to assign the points to");
    let n = points.nrows();
    let mut labels = Array1::<usize>::zeros(n);
    let mut best = Array1::<f64>::zeros(n);
    for (i, p) in points.rows().into_iter().enumerate() {
        let (mut j_best, mut d_best) = (0, f64::INFINITY);
        for (j, c) in centroids.rows().into_iter().enumerate() {
            let d2: f64 = p.iter().zip(c.iter()).map(|(a, b)| (a - b) * (a - b)).sum();
            if j == 0 || d2 < d_best {
                (j_best, d_best) = (j, d2);
            }
        }
        labels[i] = j_best;
        best[i] = d_best;
    }
    (labels, best)
}
