// Naive `rolling_mean`: the textbook double loop with indexing.
//
// For each output position, add up `x[i + j]` for j in 0..w. Besides the n·w additions, every
// `x[i + j]` is bounds-checked and the single serial sum cannot be vectorised.
use ndarray::prelude::*;

pub fn rolling_mean(x: &Array1<f64>, w: usize) -> Result<Array1<f64>, String> {
    if w == 0 {
        return Err("rolling_mean: the window length must be at least 1".into());
    }
    let n = x.len();
    if w > n {
        return Ok(Array1::zeros(0));
    }
    let mut out = Array1::<f64>::zeros(n - w + 1);
    for i in 0..n - w + 1 {
        let mut s = 0.0;
        for j in 0..w {
            s += x[i + j];
        }
        out[i] = s / w as f64;
    }
    Ok(out)
}
