// A loop over points and centroids that sums (a - b)² over the coordinates with iterators,
// without allocating: a reasonable Rust program, 8-11x the reference on 6000 x 128 with
// 64 centroids (see the comment above [[timing]] in grader/spec/kmeans.toml). The update step
// is the reference's.
use ndarray::prelude::*;

pub fn lloyd_step(x: &Array2<f64>, c: &Array2<f64>) -> (Array2<f64>, Array1<usize>) {
    assert!(c.nrows() > 0, "lloyd_step: there is no centroid to assign the points to");
    let labels = x.map_axis(Axis(1), |p| {
        let mut best = 0;
        let mut d_best = f64::INFINITY;
        for (j, cj) in c.rows().into_iter().enumerate() {
            let d2: f64 = p.iter().zip(cj.iter()).map(|(a, b)| (a - b) * (a - b)).sum();
            if d2 < d_best {
                best = j;
                d_best = d2;
            }
        }
        best
    });
    let new_c = update_centroids(x, &labels, c);
    (new_c, labels)
}
