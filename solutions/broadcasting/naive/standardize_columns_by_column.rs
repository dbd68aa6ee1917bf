// Naive `standardize_columns`: one column at a time, with column views.
//
// Reads naturally ("for each feature: its mean, its std, then scale it"), but on a row-major
// 6 000 × 512 matrix each column view steps 4 KB between elements: a new cache line and a new
// memory page per element, four strided passes per column (mean, std, the constancy test,
// output) plus a strided write of the output column, and each column reduction is one serial
// chain of dependent additions.
use ndarray::prelude::*;

pub fn standardize_columns(a: &Array2<f64>) -> Array2<f64> {
    let mut out = Array2::<f64>::zeros(a.dim());
    if a.nrows() == 0 {
        return out;
    }
    for j in 0..a.ncols() {
        let col = a.column(j);
        let m = col.mean().unwrap();
        let s = col.std(0.0);
        let constant = col.iter().all(|&x| x == col[0]);
        let inv = if constant { 0.0 } else { 1.0 / s };
        out.column_mut(j).assign(&col.mapv(|x| (x - m) * inv));
    }
    out
}
