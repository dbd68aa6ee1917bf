// Naive `scatter_add`: one boolean mask per bin, then sum the values under it.
//
// The translation of the NumPy habit `[values[idx == b].sum() for b in range(n_bins)]`. Every
// bin builds a new mask of n bools (an allocation and a write of n bytes) and reads all the
// indices and values again: 10³ bins means 10³ passes over 16 MB of input, where one pass with
// `out[idx[i]] += values[i]` reads it once.
use ndarray::prelude::*;

pub fn scatter_add(idx: &Array1<usize>, values: &Array1<f64>, n_bins: usize) -> Result<Array1<f64>, String> {
    if idx.len() != values.len() {
        return Err(format!("scatter_add: {} indices but {} values", idx.len(), values.len()));
    }
    if let Some(&bad) = idx.iter().find(|&&b| b >= n_bins) {
        return Err(format!("scatter_add: index {bad} is out of range for {n_bins} bins"));
    }
    let mut out = Array1::<f64>::zeros(n_bins);
    for b in 0..n_bins {
        let mask = idx.mapv(|i| i == b);
        let mut s = 0.0;
        for (&m, &v) in mask.iter().zip(values) {
            if m {
                s += v;
            }
        }
        out[b] = s;
    }
    Ok(out)
}
