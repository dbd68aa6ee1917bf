// Accepted (not naive) `ols_with_bias`: the textbook form the lesson also shows. Build the design
// matrix D = [1 | X], then DᵀD and Dᵀy with `.dot`. About 2x slower than the reference (the copy
// of X, and Dᵀy as a matrix-vector product walks D by columns), but a matrix product all the
// same: `cargo xtask check` proves it passes the timed check with margin.
use ndarray::prelude::*;
use ndlab::linalg::{self as la, LinalgError};

pub fn ols_with_bias(x: &Array2<f64>, y: &Array1<f64>) -> Result<Array1<f64>, LinalgError> {
    let n = x.nrows();
    if y.len() != n {
        return Err(LinalgError::ShapeMismatch(format!("x has {n} rows, y has {} entries", y.len())));
    }
    let d = ndarray::concatenate![Axis(1), Array2::<f64>::ones((n, 1)), *x];
    let g = d.t().dot(&d);
    let r = d.t().dot(y);
    la::solve(&g, &r)
}
