// Naive `ols_with_bias`: XᵀX with the textbook triple loop, the sum innermost.
//
// `g[i][j] = Σₖ d[k][i]·d[k][j]` written as it reads: for each of the (d+1)² entries the inner
// loop walks down two columns of the 10⁵ × 21 design matrix, one row (168 bytes) per step, so
// every access touches a new cache line and the 17 MB matrix is streamed from memory hundreds of
// times; each sum is a serial chain of dependent additions behind index checks.
use ndarray::prelude::*;
use ndlab::linalg::{self as la, LinalgError};

pub fn ols_with_bias(x: &Array2<f64>, y: &Array1<f64>) -> Result<Array1<f64>, LinalgError> {
    let (n, d) = x.dim();
    if y.len() != n {
        return Err(LinalgError::ShapeMismatch(format!("x has {n} rows, y has {} entries", y.len())));
    }
    let p = d + 1;
    let mut design = Array2::<f64>::ones((n, p));
    for k in 0..n {
        for j in 0..d {
            design[[k, j + 1]] = x[[k, j]];
        }
    }
    let mut g = Array2::<f64>::zeros((p, p));
    let mut rhs = Array1::<f64>::zeros(p);
    for i in 0..p {
        for j in 0..p {
            let mut s = 0.0;
            for k in 0..n {
                s += design[[k, i]] * design[[k, j]];
            }
            g[[i, j]] = s;
        }
        let mut s = 0.0;
        for k in 0..n {
            s += design[[k, i]] * y[k];
        }
        rhs[i] = s;
    }
    la::solve(&g, &rhs)
}
