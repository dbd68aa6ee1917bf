// Naive `random_portfolios`: each portfolio's daily return series, then its mean and std.
//
// The direct simulation: for every portfolio, `R·w` (T numbers), then a mean and a sample std.
// Mathematically the same as wᵀμ and wᵀΣw, but it reads the whole T × k return table once per
// portfolio: 10⁵ × 2000 × 20 multiply-adds, where the covariance route needs one 20 × 20 Σ and
// 10⁵ × 20 × 20.
use ndarray::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma};

pub fn random_portfolios(returns: &Array2<f64>, n_portfolios: usize, periods_per_year: f64, seed: u64) -> Result<(Array2<f64>, Array1<f64>, Array1<f64>), String> {
    let k = returns.ncols();
    if k == 0 {
        return Err("no assets".into());
    }
    let keep: Vec<usize> = (0..returns.nrows()).filter(|&i| returns.row(i).iter().all(|v| !v.is_nan())).collect();
    let x = returns.select(Axis(0), &keep);
    let t = x.nrows();
    if t < 2 {
        return Err("too few rows".into());
    }
    let gamma = Gamma::new(1.0, 1.0).map_err(|e| e.to_string())?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut w = Array2::<f64>::zeros((n_portfolios, k));
    let mut rets = Array1::zeros(n_portfolios);
    let mut vols = Array1::zeros(n_portfolios);
    for (i, mut row) in w.rows_mut().into_iter().enumerate() {
        for g in row.iter_mut() {
            *g = gamma.sample(&mut rng);
        }
        let s = row.sum();
        row /= s;
        let series = x.dot(&row);
        let m = series.sum() / t as f64;
        let var = series.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (t as f64 - 1.0);
        rets[i] = m * periods_per_year;
        vols[i] = (var * periods_per_year).sqrt();
    }
    Ok((w, rets, vols))
}
