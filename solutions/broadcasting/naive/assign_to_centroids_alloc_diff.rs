// Naive `assign_to_centroids`: a difference array per point–centroid pair.
//
// The line-by-line translation of `for c in C: d = ((x - c) ** 2).sum()`: `&p - &c` allocates
// a new 16-element array and `.mapv(...)` another, for each of the 10⁵ × 16 pairs, so the
// allocator, not the arithmetic, sets the pace.
use ndarray::prelude::*;

pub fn assign_to_centroids(points: &Array2<f64>, centroids: &Array2<f64>) -> (Array1<usize>, Array1<f64>) {
    assert!(centroids.nrows() > 0, "assign_to_centroids: there is no centroid to assign the points to");
    let n = points.nrows();
    let mut labels = Array1::<usize>::zeros(n);
    let mut best = Array1::<f64>::zeros(n);
    for (i, p) in points.rows().into_iter().enumerate() {
        let mut j_best = 0;
        let mut d_best = f64::INFINITY;
        for (j, c) in centroids.rows().into_iter().enumerate() {
            let diff = &p - &c;
            let d2 = diff.mapv(|v| v * v).sum();
            if j == 0 || d2 < d_best {
                j_best = j;
                d_best = d2;
            }
        }
        labels[i] = j_best;
        best[i] = d_best;
    }
    (labels, best)
}
