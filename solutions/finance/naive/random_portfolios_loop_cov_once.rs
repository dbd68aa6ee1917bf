// Accepted `random_portfolios`: Σ computed once, then a loop over the portfolios.
//
// Not the lesson's matrix product, but not slow either: each portfolio costs k² = 400
// multiply-adds on a 20 × 20 matrix that stays in the cache, the same work as the product.
// What must not be in the loop is anything that reads the T × k returns.
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
    let mean = x.mean_axis(Axis(0)).unwrap();
    let xc = &x - &mean;
    let cov = xc.t().dot(&xc) / (t as f64 - 1.0) * periods_per_year;
    let mu = mean * periods_per_year;
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
        rets[i] = row.dot(&mu);
        vols[i] = row.dot(&cov.dot(&row)).max(0.0).sqrt();
    }
    Ok((w, rets, vols))
}
