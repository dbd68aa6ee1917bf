// Naive `assign_to_centroids`: the 3-D broadcast `((X[:, None] - C[None]) ** 2).sum(2).argmin(1)`.
//
// For 10⁵ points and 16 centroids in 16 dimensions the difference is a 10⁵ × 16 × 16
// temporary (200 MB) that is written, squared and read back to produce a 12.8 MB distance
// matrix.
use ndarray::prelude::*;

pub fn assign_to_centroids(points: &Array2<f64>, centroids: &Array2<f64>) -> (Array1<usize>, Array1<f64>) {
    assert!(centroids.nrows() > 0, "assign_to_centroids: there is no centroid to assign the points to");
    let mut diff = &points.view().insert_axis(Axis(1)) - &centroids.view().insert_axis(Axis(0));
    diff.mapv_inplace(|v| v * v);
    let dists = diff.sum_axis(Axis(2));
    let n = points.nrows();
    let mut labels = Array1::<usize>::zeros(n);
    let mut best = Array1::<f64>::zeros(n);
    for (i, row) in dists.rows().into_iter().enumerate() {
        let mut j_best = 0;
        for (j, &v) in row.iter().enumerate() {
            if v < row[j_best] {
                j_best = j;
            }
        }
        labels[i] = j_best;
        best[i] = row[j_best];
    }
    (labels, best)
}
