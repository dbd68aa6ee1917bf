// Naive `ols_with_bias`: rows pushed into a Vec, then XᵀX accumulated row by row with indices.
//
// The design matrix is built by pushing each row (a 1, then the features) into a Vec<Vec<f64>>,
// and `g[i][j] += row[i]·row[j]` runs over every row for all (d+1)² pairs. The walk is in memory
// order, but it is scalar code: one index-checked multiply-add at a time into `g`, a separate
// heap allocation per row, and no blocking or vector units as in `.dot`.
use ndarray::prelude::*;
use ndlab::linalg::{self as la, LinalgError};

pub fn ols_with_bias(x: &Array2<f64>, y: &Array1<f64>) -> Result<Array1<f64>, LinalgError> {
    let (n, d) = x.dim();
    if y.len() != n {
        return Err(LinalgError::ShapeMismatch(format!("x has {n} rows, y has {} entries", y.len())));
    }
    let p = d + 1;
    let mut rows: Vec<Vec<f64>> = Vec::new();
    for k in 0..n {
        let mut row = vec![1.0];
        for j in 0..d {
            row.push(x[[k, j]]);
        }
        rows.push(row);
    }
    let mut g = Array2::<f64>::zeros((p, p));
    let mut rhs = Array1::<f64>::zeros(p);
    for k in 0..n {
        for i in 0..p {
            for j in 0..p {
                g[[i, j]] += rows[k][i] * rows[k][j];
            }
            rhs[i] += rows[k][i] * y[k];
        }
    }
    la::solve(&g, &rhs)
}
