// Naive `lloyd_step`: a difference array per point–centroid pair.
//
// The line-by-line translation of `for c in C: ((x - c) ** 2).sum()`: `&x.row(i) - &c.row(j)`
// allocates a 16-element array and `.mapv(...)` another, for each of the 10⁵ × 16 pairs, so the
// allocator, not the arithmetic, sets the pace. The update step is the reference's.
use ndarray::prelude::*;

pub fn lloyd_step(x: &Array2<f64>, c: &Array2<f64>) -> (Array2<f64>, Array1<usize>) {
    assert!(c.nrows() > 0, "lloyd_step: there is no centroid to assign the points to");
    let n = x.nrows();
    let mut labels = Array1::<usize>::zeros(n);
    for i in 0..n {
        let mut best = 0;
        let mut d_best = f64::INFINITY;
        for j in 0..c.nrows() {
            let d2 = (&x.row(i) - &c.row(j)).mapv(|v| v * v).sum();
            if d2 < d_best {
                best = j;
                d_best = d2;
            }
        }
        labels[i] = best;
    }
    let new_c = update_centroids(x, &labels, c);
    (new_c, labels)
}
