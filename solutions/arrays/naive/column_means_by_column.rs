// Naive `column_means`: one 1-D reduction per column.
//
// The direct translation of "the mean of column j": `a.column(j).mean()`. On a row-major
// matrix a column view steps a whole row (4 KB for 512 columns) between elements: one useful
// f64 per 64-byte cache line, a new 4 KB page per element, nothing for the prefetcher to
// follow, and each column's sum is one serial chain of dependent additions.
use ndarray::prelude::*;

pub fn column_means(a: &Array2<f64>) -> Array1<f64> {
    let mut out = Array1::from_elem(a.ncols(), f64::NAN);
    for j in 0..a.ncols() {
        if let Some(m) = a.column(j).mean() {
            out[j] = m;
        }
    }
    out
}
