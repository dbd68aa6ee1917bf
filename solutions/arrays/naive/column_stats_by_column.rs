// Naive `column_stats`: loop over the columns and reduce each one.
//
// `a.column(j)` is a view whose consecutive elements are a whole row apart in memory
// (ncols × 8 bytes: 32 KB for 4000 columns). Each column's mean and then its standard
// deviation walk the matrix with that stride: one useful f64 per 64-byte cache line, a new
// 4 KB page (and TLB entry) per element, and no help from the hardware prefetcher. Each
// column reduction is also a single serial dependency chain. Together the matrix is read
// twice, against its layout, instead of once along it.
use ndarray::prelude::*;

pub fn column_stats(a: &Array2<f64>) -> (Array1<f64>, Array1<f64>) {
    let d = a.ncols();
    let mut means = Array1::from_elem(d, f64::NAN);
    let mut stds = Array1::from_elem(d, f64::NAN);
    for j in 0..d {
        let col = a.column(j);
        if let Some(m) = col.mean() {
            means[j] = m;
            stds[j] = col.std(0.0);
        }
    }
    (means, stds)
}
