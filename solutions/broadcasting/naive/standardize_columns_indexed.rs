// Naive `standardize_columns`: the C-style double loop, columns outside, rows inside, `a[[i, j]]`.
//
// The loop order follows the maths (statistics per column) instead of the memory layout: the
// inner loop jumps a whole row (4 KB) per step, three times per column, and every access checks
// both indices. Swapping the loops (rows outside, with running sums per column) fixes it.
use ndarray::prelude::*;

pub fn standardize_columns(a: &Array2<f64>) -> Array2<f64> {
    let (n, d) = a.dim();
    let mut out = Array2::<f64>::zeros((n, d));
    if n == 0 {
        return out;
    }
    for j in 0..d {
        let mut sum = 0.0;
        let mut constant = true;
        for i in 0..n {
            sum += a[[i, j]];
            constant &= a[[i, j]] == a[[0, j]];
        }
        let m = sum / n as f64;
        let mut sq = 0.0;
        for i in 0..n {
            let t = a[[i, j]] - m;
            sq += t * t;
        }
        let s = (sq / n as f64).sqrt();
        let inv = if constant { 0.0 } else { 1.0 / s };
        for i in 0..n {
            out[[i, j]] = (a[[i, j]] - m) * inv;
        }
    }
    out
}
