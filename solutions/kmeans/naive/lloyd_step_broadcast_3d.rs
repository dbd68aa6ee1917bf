// Naive `lloyd_step`: the 3-D broadcast `((X[:, None] - C[None]) ** 2).sum(2).argmin(1)`.
//
// For 10⁵ points and 16 centroids in 16 dimensions the difference is a 10⁵ × 16 × 16 temporary
// (200 MB) that is written, squared and read back to produce a 12.8 MB distance matrix. The
// update step is the reference's.
use ndarray::prelude::*;

pub fn lloyd_step(x: &Array2<f64>, c: &Array2<f64>) -> (Array2<f64>, Array1<usize>) {
    assert!(c.nrows() > 0, "lloyd_step: there is no centroid to assign the points to");
    let mut diff = &x.view().insert_axis(Axis(1)) - &c.view().insert_axis(Axis(0));
    diff.mapv_inplace(|v| v * v);
    let dists = diff.sum_axis(Axis(2));
    let labels = dists.map_axis(Axis(1), |row| {
        let mut best = 0;
        for (j, &v) in row.iter().enumerate() {
            if v < row[best] {
                best = j;
            }
        }
        best
    });
    let new_c = update_centroids(x, &labels, c);
    (new_c, labels)
}
