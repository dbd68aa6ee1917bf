// Naive `pairwise_sq_dists`: the triple loop.
//
// The same 2.6·10⁸ multiply-adds as the matrix product, but each pair's sum is one chain of
// dependent additions, every access `a[[i, k]]` checks its indices, and rows of `b` are fetched
// again for every row of `a`. `.dot` runs a blocked, vectorised kernel instead.
use ndarray::prelude::*;

pub fn pairwise_sq_dists(a: &Array2<f64>, b: &Array2<f64>) -> Array2<f64> {
    let (n, d) = a.dim();
    let m = b.nrows();
    let mut out = Array2::<f64>::zeros((n, m));
    for i in 0..n {
        for j in 0..m {
            let mut s = 0.0;
            for k in 0..d {
                let t = a[[i, k]] - b[[j, k]];
                s += t * t;
            }
            out[[i, j]] = s;
        }
    }
    out
}
