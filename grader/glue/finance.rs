// How the judge calls each `finance` exercise: one line each. `sub` is the submission's crate.
// Entries `exercise/sp500` and `exercise/monthly` run the exercise on real data loaded and turned
// into simple returns here (not by the submission's `simple_returns`, so one bug is not counted
// twice): the 20 S&P 500 stocks and the index, daily (datasets::finance), and the monthly table
// whose GOOG column is NaN before its listing. `gbm_paths/increments` is a derived check: the
// submission's log increments must be normal with the model's mean and std.
use ndarray::prelude::*;
use ndlab_runtime::Table;
use ndlab_runtime::stats;

fn returns(p: &Array2<f64>) -> Array2<f64> {
    &p.slice(s![1.., ..]) / &p.slice(s![..-1, ..]) - 1.0
}

fn stocks() -> Array2<f64> {
    returns(&datasets::finance::sp500_stocks_daily().expect("sp500 stocks data").prices)
}

fn index() -> Array1<f64> {
    returns(&datasets::finance::sp500_index_daily().expect("sp500 index data").prices).column(0).to_owned()
}

fn monthly_prices() -> Array2<f64> {
    datasets::finance::stocks_monthly().expect("monthly stocks data").prices
}

fn gbm_increments(p: Result<Array2<f64>, String>, mu: f64, sigma: f64, dt: f64, n_steps: usize, n_paths: usize) -> Result<(), String> {
    let p = p?;
    if p.dim() != (n_steps + 1, n_paths) {
        return Err(format!("shape {:?}, expected ({}, {n_paths})", p.dim(), n_steps + 1));
    }
    let inc = (&p.slice(s![1.., ..]) / &p.slice(s![..-1, ..])).mapv(f64::ln);
    stats::normal_sample(inc.iter().copied(), (mu - 0.5 * sigma * sigma) * dt, sigma * dt.sqrt())
}

pub fn table(t: &mut Table) {
    t.add("simple_returns", |p: &Array2<f64>| sub::simple_returns(p));
    t.add("simple_returns/monthly", || sub::simple_returns(&monthly_prices()));
    t.add("log_returns", |p: &Array2<f64>| sub::log_returns(p));
    // The table takes at most 5 arguments: the model's [s0, mu, sigma, dt] come as one list.
    t.add("gbm_paths", |p: &Vec<f64>, n: &usize, m: &usize, seed: &u64| sub::gbm_paths(p[0], p[1], p[2], p[3], *n, *m, *seed));
    t.add("gbm_paths/increments", |p: &Vec<f64>, n: &usize, m: &usize, seed: &u64| {
        gbm_increments(sub::gbm_paths(p[0], p[1], p[2], p[3], *n, *m, *seed), p[1], p[2], p[3], *n, *m)
    });
    t.add("annualized_stats", |r: &Array2<f64>, p: &f64, rf: &f64| sub::annualized_stats(r, *p, *rf));
    t.add("annualized_stats/sp500", |rf: &f64| sub::annualized_stats(&stocks(), 252.0, *rf));
    t.add("annualized_stats/monthly", |rf: &f64| sub::annualized_stats(&returns(&monthly_prices()), 12.0, *rf));
    t.add("cov_corr", |r: &Array2<f64>| sub::cov_corr(r));
    t.add("cov_corr/sp500", || sub::cov_corr(&stocks()));
    t.add("cov_corr/monthly", || sub::cov_corr(&returns(&monthly_prices())));
    t.add("portfolio_stats", |w: &Array1<f64>, mu: &Array1<f64>, c: &Array2<f64>| sub::portfolio_stats(w, mu, c));
    t.add("var_es", |r: &Array1<f64>, level: &f64| sub::var_es(r, *level));
    t.add("var_es/sp500", |level: &f64| sub::var_es(&index(), *level));
    t.add("max_drawdown", |r: &Array1<f64>| sub::max_drawdown(r));
    t.add("max_drawdown/sp500", || sub::max_drawdown(&index()));
    t.add("rolling_volatility", |r: &Array1<f64>, w: &usize, p: &f64| sub::rolling_volatility(r, *w, *p));
    t.add("rolling_volatility/sp500", |w: &usize| sub::rolling_volatility(&index(), *w, 252.0));
    t.add("random_portfolios", |r: &Array2<f64>, n: &usize, p: &f64, seed: &u64| sub::random_portfolios(r, *n, *p, *seed));
    t.add("random_portfolios/sp500", |n: &usize, seed: &u64| sub::random_portfolios(&stocks(), *n, 252.0, *seed));
    t.add("best_portfolios", |r: &Array1<f64>, v: &Array1<f64>, rf: &f64| sub::best_portfolios(r, v, *rf));
    t.add("beta", |r: &Array2<f64>, m: &Array1<f64>| sub::beta(r, m));
    t.add("beta/sp500", || sub::beta(&stocks(), &index()));
}
