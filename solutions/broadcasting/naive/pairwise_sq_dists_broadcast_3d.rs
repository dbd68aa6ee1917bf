// Naive `pairwise_sq_dists`: the NumPy-style 3-D broadcast `((a[:, None] - b[None]) ** 2).sum(2)`.
//
// Correct and short, but for 2000 × 2000 points in 64 dimensions the difference is a
// 2000 × 2000 × 64 temporary: 2 GB allocated, written, squared in place and read back, to
// produce a 32 MB answer.
use ndarray::prelude::*;

pub fn pairwise_sq_dists(a: &Array2<f64>, b: &Array2<f64>) -> Array2<f64> {
    let mut diff = &a.view().insert_axis(Axis(1)) - &b.view().insert_axis(Axis(0));
    diff.mapv_inplace(|v| v * v);
    diff.sum_axis(Axis(2))
}
