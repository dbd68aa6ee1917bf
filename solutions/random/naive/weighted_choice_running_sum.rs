// Naive `weighted_choice`: no cumulative array at all; each draw re-adds the raw weights.
//
// The translation of "add up the weights until the sum passes u": the running sum repeats
// the reference's additions in the same order (so the same indices come out), but for every one of the 10⁶ draws it re-adds about 5 000 weights, one
// dependent addition after another.
use ndarray::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub fn weighted_choice(weights: &Array1<f64>, n: usize, seed: u64) -> Result<Array1<usize>, String> {
    if weights.is_empty() {
        return Err("weighted_choice: there are no categories to choose from".into());
    }
    if weights.iter().any(|w| !w.is_finite() || *w < 0.0) {
        return Err("weighted_choice: every weight must be finite and non-negative".into());
    }
    let total: f64 = weights.iter().fold(0.0, |s, &w| s + w);
    if !(total > 0.0) || !total.is_finite() {
        return Err("weighted_choice: the weights must have a positive, finite total".into());
    }
    let last_positive = weights.iter().rposition(|&w| w > 0.0).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let u = rng.random::<f64>() * total;
        let mut running = 0.0;
        let mut chosen = last_positive;
        for (i, &w) in weights.iter().enumerate() {
            running += w;
            if running > u {
                chosen = i;
                break;
            }
        }
        out.push(chosen);
    }
    Ok(Array1::from_vec(out))
}
