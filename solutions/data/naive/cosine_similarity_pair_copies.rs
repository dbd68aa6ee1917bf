// Naive `cosine_similarity`: a loop over all pairs that copies both rows.
//
// The line-by-line translation of `for i, for j: a = X[i]; b = X[j]; a @ b / (norm(a) * norm(b))`
// with owned rows: for 600 rows of 4000 values that is 360 000 pairs, each allocating and
// copying two 32 KB vectors and computing three dot products (a·b, a·a, b·b) as serial chains,
// where the lesson's version normalises each row once and runs one blocked matrix product.
use ndarray::prelude::*;

pub fn cosine_similarity(x: &Array2<f64>) -> Array2<f64> {
    let n = x.nrows();
    let mut s = Array2::<f64>::zeros((n, n));
    for i in 0..n {
        for j in 0..n {
            let a = x.row(i).to_owned();
            let b = x.row(j).to_owned();
            let den = a.dot(&a).sqrt() * b.dot(&b).sqrt();
            s[[i, j]] = if den > 0.0 { a.dot(&b) / den } else { 0.0 };
        }
    }
    s
}
