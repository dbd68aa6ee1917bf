// Naive `scatter_add`: a filtered pass per bin.
//
// No temporary mask this time, and each pass is a tight iterator chain, but it is still one
// pass over all 10⁶ indices and values per bin: 10³ passes over 16 MB where one would do. The
// work grows with n × n_bins instead of n + n_bins.
use ndarray::prelude::*;

pub fn scatter_add(idx: &Array1<usize>, values: &Array1<f64>, n_bins: usize) -> Result<Array1<f64>, String> {
    if idx.len() != values.len() {
        return Err(format!("scatter_add: {} indices but {} values", idx.len(), values.len()));
    }
    if let Some(&bad) = idx.iter().find(|&&b| b >= n_bins) {
        return Err(format!("scatter_add: index {bad} is out of range for {n_bins} bins"));
    }
    Ok(Array1::from_iter((0..n_bins).map(|b| {
        idx.iter().zip(values).filter(|&(&i, _)| i == b).fold(0.0, |s, (_, &v)| s + v)
    })))
}
