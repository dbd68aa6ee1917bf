// Naive `column_means`: `map_axis(Axis(0), ...)`, NumPy's `np.apply_along_axis(np.mean, 0, a)`.
//
// It reads like an array idiom, but `map_axis` hands the closure one lane per column, and each
// lane is a strided column view: the same cache-hostile walk as the explicit loop.
use ndarray::prelude::*;

pub fn column_means(a: &Array2<f64>) -> Array1<f64> {
    a.map_axis(Axis(0), |col| col.mean().unwrap_or(f64::NAN))
}
