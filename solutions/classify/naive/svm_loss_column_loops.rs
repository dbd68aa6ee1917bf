// Naive `svm_loss`: CS231n's `svm_loss_naive`, the loops of exercise 6 handed in as the
// vectorised version.
//
// For every sample, `x.row(i).dot(w)` is a vector–matrix product, and every positive margin adds
// `x_i` into column `j` and subtracts it from column `y_i` of the row-major `dW`: 3073 writes
// `c = 10` elements apart, each on its own cache line, about nine times per sample.
use ndarray::prelude::*;

pub fn svm_loss(w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, reg: f64) -> Result<(f64, Array2<f64>), String> {
    let n = x.nrows();
    if n == 0 || x.ncols() != w.nrows() || y.len() != n || y.iter().any(|&l| l >= w.ncols()) {
        return Err("svm_loss: bad arguments".into());
    }
    let mut dw = Array2::<f64>::zeros(w.raw_dim());
    let mut loss = 0.0;
    for i in 0..n {
        let s = x.row(i).dot(w);
        let yi = y[i];
        for j in 0..w.ncols() {
            let margin = s[j] - s[yi] + 1.0;
            if j != yi && margin > 0.0 {
                loss += margin;
                for k in 0..x.ncols() {
                    dw[[k, j]] += x[[i, k]];
                    dw[[k, yi]] -= x[[i, k]];
                }
            }
        }
    }
    dw /= n as f64;
    dw.scaled_add(2.0 * reg, w);
    Ok((loss / n as f64 + reg * w.iter().map(|v| v * v).sum::<f64>(), dw))
}
