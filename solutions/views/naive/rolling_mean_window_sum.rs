// Naive `rolling_mean`: sum every window from scratch.
//
// `x.windows(w)` is the right tool for *looking* at windows, but summing each one costs w
// additions per output: n·w in all. For 10⁷ values and w = 1000 that is 10¹⁰ additions where
// a running sum needs 2·10⁷. (For w around 50 the two are close: the windows are in cache
// and the extra additions are cheap next to streaming the data from memory.)
use ndarray::prelude::*;

pub fn rolling_mean(x: &Array1<f64>, w: usize) -> Result<Array1<f64>, String> {
    if w == 0 {
        return Err("rolling_mean: the window length must be at least 1".into());
    }
    Ok(Array1::from_iter(x.windows(w).into_iter().map(|win| win.sum() / w as f64)))
}
