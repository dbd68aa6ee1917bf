// Naive `max_drawdown`: the peak of each prefix recomputed from scratch.
//
// Correct, and a literal reading of "peak = highest wealth so far", but the maximum over
// `wealth[..=t]` is taken again for every t: n²/2 comparisons (5·10¹¹ for 10⁶ returns) instead
// of carrying the running maximum from one day to the next.
use ndarray::prelude::*;

pub fn max_drawdown(returns: &Array1<f64>) -> f64 {
    let mut wealth = Vec::with_capacity(returns.len());
    let mut w = 1.0f64;
    for &r in returns {
        if !r.is_nan() {
            w *= 1.0 + r;
        }
        wealth.push(w);
    }
    let mut worst = 0.0f64;
    for t in 0..wealth.len() {
        let peak = wealth[..=t].iter().fold(1.0f64, |m, &v| m.max(v));
        worst = worst.max(1.0 - wealth[t] / peak);
    }
    worst
}
