// Naive `column_sums`: one strided column view per column.
//
// `a.column(j).sum()` reads a row-major matrix against its layout: consecutive elements of a
// column are a whole row apart (32 KB for 4000 columns), so every read touches a new cache
// line, and soon a new page, and the prefetcher has nothing sequential to follow.
use ndarray::prelude::*;

pub fn column_sums(a: &Array2<f64>) -> Array1<f64> {
    Array1::from_iter((0..a.ncols()).map(|j| a.column(j).sum()))
}
