// Naive `column_sums`: `map_axis(Axis(0), ...)`, NumPy's `np.apply_along_axis(np.sum, 0, a)`.
//
// It looks like an array idiom, but the closure receives one column lane at a time: the same
// strided, cache-hostile walk as the explicit loop over `a.column(j)`.
use ndarray::prelude::*;

pub fn column_sums(a: &Array2<f64>) -> Array1<f64> {
    a.map_axis(Axis(0), |col| col.sum())
}
