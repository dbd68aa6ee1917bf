// Naive `max_drawdown`: every (peak, trough) pair.
//
// The definition "largest fall from an earlier high to a later low" turned into a double loop:
// for each day taken as the peak, scan every later day for the lowest wealth. O(n²) again.
use ndarray::prelude::*;

pub fn max_drawdown(returns: &Array1<f64>) -> f64 {
    let mut wealth = vec![1.0f64];
    let mut w = 1.0f64;
    for &r in returns {
        if !r.is_nan() {
            w *= 1.0 + r;
        }
        wealth.push(w);
    }
    let mut worst = 0.0f64;
    for i in 0..wealth.len() {
        for j in i + 1..wealth.len() {
            worst = worst.max(1.0 - wealth[j] / wealth[i]);
        }
    }
    worst
}
