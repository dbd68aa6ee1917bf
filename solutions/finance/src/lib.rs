//! # Module 11 — `finance`: returns, risk and portfolios with arrays
//!
//! A price table is a matrix: one row per trading day (oldest first), one column per asset.
//! Almost everything a risk report contains is a short chain of array operations on it:
//! returns are a ratio of two shifted views, annualised statistics are column reductions, a
//! covariance matrix is one matrix product, a portfolio's variance is the quadratic form
//! `wᵀΣw`, and ten thousand random portfolios are one more matrix product. This module builds
//! that chain on real data (`datasets::finance`: 20 S&P 500 stocks, daily, 1990–2022, and the
//! index itself), plus simulated prices from geometric Brownian motion.
//!
//! ## Conventions (used by every exercise and by the NumPy cross-check)
//!
//! - **Time runs along axis 0** (rows are days), assets along axis 1.
//! - **Annualising**: `periods_per_year` is an argument (252 for daily data, 12 for monthly).
//!   Mean returns scale by `periods_per_year`, volatilities by its square root (returns are
//!   treated as independent from day to day). The risk-free rate is an annual rate argument;
//!   the cross-check uses 0.
//! - **Standard deviations are sample ones** (`ddof = 1`, divide by `n - 1`), as pandas does.
//! - **Zero volatility**: the Sharpe ratio is defined as **0**, not NaN or infinity, and a
//!   constant asset's correlation with anything else is 0. A column is *constant* when all its
//!   (non-NaN) values are equal, tested exactly (every value equals the first), never by
//!   comparing a computed standard deviation with 0: the mean of ten returns of `0.1` is
//!   `0.09999999999999999`, so their computed standard deviation is about `1.5e-17`, not 0. A
//!   constant column is centred on its value, so its variance and volatility are exactly 0.
//!   (Constant prices give returns of exactly 0.0, a constant column.) A risk measure that
//!   divides by zero should say so in its documentation rather than hand NaN downstream.
//! - **Missing prices** are `NaN` (an asset not listed yet, see
//!   `datasets::finance::stocks_monthly`). Returns touching a `NaN` price are `NaN`; statistics
//!   skip them as documented per exercise (pandas' `skipna`).
//! - **Quantiles** follow NumPy's default (`method="linear"`), described in [`var_es`].
//!
//! ## NumPy and ndarray
//!
//! `p[1:] / p[:-1] - 1` is `&p.slice(s![1.., ..]) / &p.slice(s![..-1, ..]) - 1.0`; `np.cumsum`
//! along an axis is `accumulate_axis_inplace(Axis(0), |&prev, cur| *cur += prev)`;
//! `np.maximum.accumulate` is the same call with `max`; `x.T @ x` is `x.t().dot(&x)`;
//! `(W @ S * W).sum(axis=1)` is `(&w.dot(&s) * &w).sum_axis(Axis(1))`.
//!
//! ## About speed, honestly
//!
//! Most of this is a few passes over a few megabytes: a plain Rust loop is as fast as the
//! array expression, and the lessons say so. The exception is a long floating-point
//! **reduction** (a sum or a dot product over many values): `sum()` and `dot()` on contiguous
//! data use an unrolled fold with 8 accumulators that the compiler vectorises (`unrolled_fold`
//! in ndarray's `numeric_util.rs`), while `for v in … { s += v }` is one chain of dependent
//! additions, several times slower on data in cache (and rounded differently). For those, use
//! `.sum()`/`.dot()` or several accumulators; at the sizes of the untimed exercises here, either
//! is fine. Two exercises are timed, because the obvious
//! first attempt is asymptotically worse:
//! - [`max_drawdown`] on 10⁶ returns: the drawdown at day `t` needs the highest wealth *so
//!   far*. Recomputing that maximum over the whole prefix each day is O(n²) (5·10¹¹
//!   comparisons); carrying a running maximum is one pass.
//! - [`random_portfolios`]: 10⁵ portfolios of 20 assets. The covariance matrix is computed
//!   once from the returns and every portfolio's variance comes from one `n × 20 × 20` matrix
//!   product. Building each portfolio's return series and taking its standard deviation (or
//!   recomputing Σ per portfolio) reads the whole return table 10⁵ times.
//!
//! ## Working on the module
//!
//! Replace each `todo!()`. Later exercises may call earlier ones (`random_portfolios` may use
//! your `cov_corr`). `cargo test -p finance` runs the public tests at the bottom; the grader
//! runs more cases: one-day series, constant prices, assets listed late (`NaN`), real data.
#![allow(unused_variables, unused_imports)]

use ndarray::prelude::*;
use ndarray_rand::RandomExt;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma, StandardNormal};

// =============================================================================================
// Prices and returns
// =============================================================================================

/// **Exercise 1 — simple returns.**
///
/// `r[t] = p[t+1] / p[t] - 1` for every asset: `(n - 1) × k` from `n × k` prices. Written with
/// two shifted views of the same array, no copy and no index arithmetic.
///
/// - NumPy: `p[1:] / p[:-1] - 1` (pandas: `df.pct_change(fill_method=None).iloc[1:]`)
/// - Rust: `&p.slice(s![1.., ..]) / &p.slice(s![..-1, ..]) - 1.0`.
/// - Edge cases: a single day (or none) gives `0 × k`; a `NaN` price (asset not listed yet)
///   makes the returns on both sides of it `NaN`, including the listing day's return (there is
///   no previous price), and those `NaN`s must stay, not become 0.
/// - Speed: not timed; a loop is as fast.
pub fn simple_returns(prices: &Array2<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    let n = prices.nrows();
    if n < 2 {
        return Array2::zeros((0, prices.ncols()));
    }
    &prices.slice(s![1.., ..]) / &prices.slice(s![..-1, ..]) - 1.0
    // END SOLUTION
}

/// **Exercise 2 — log returns.**
///
/// `r[t] = ln(p[t+1] / p[t])`. Log returns add up over time (the log return over a month is
/// the sum of the daily ones), which is why models such as GBM are written with them; simple
/// returns add up across assets in a portfolio instead. For small moves the two are close
/// (`ln(1 + x) ≈ x`).
///
/// - NumPy: `np.log(p[1:] / p[:-1])` (or `np.diff(np.log(p), axis=0)`, equal up to rounding)
/// - Rust: the views of [`simple_returns`], then `mapv_inplace(f64::ln)`.
/// - Edge cases: as [`simple_returns`] (`0 × k` for one day, `NaN` propagates).
/// - Speed: not timed.
pub fn log_returns(prices: &Array2<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    let n = prices.nrows();
    if n < 2 {
        return Array2::zeros((0, prices.ncols()));
    }
    let mut r = &prices.slice(s![1.., ..]) / &prices.slice(s![..-1, ..]);
    r.mapv_inplace(f64::ln);
    r
    // END SOLUTION
}

/// **Exercise 3 — geometric Brownian motion price paths.**
///
/// The textbook model of a stock price: the *log* price is a random walk with drift, so the
/// log returns of [`log_returns`] are independent normal draws. Over a step of length `dt` (in
/// years), `ln S(t+dt) - ln S(t) = (mu - sigma²/2)·dt + sigma·√dt·Z` with `Z` standard normal. The `-sigma²/2` makes `E[S(t)] = s0·e^{mu·t}`.
///
/// Returns `(n_steps + 1) × n_paths`: row 0 is `s0` for every path, row `t` the prices after
/// `t` steps (time on axis 0, one column per path).
///
/// Draws: `ChaCha8Rng::seed_from_u64(seed)`, then one `n_steps × n_paths` array of
/// `StandardNormal` in row-major order (`Array2::random_using`): row `t` holds the shocks of
/// step `t + 1` of every path. Then take the cumulative sum of the log increments down axis 0
/// and exponentiate (do not multiply prices step by step: same maths, different rounding,
/// which the tolerance allows, but the cumulative sum is the idiom).
///
/// Errors: `s0 <= 0`, `sigma < 0`, `dt <= 0`, or any of them or `mu` not finite.
///
/// - NumPy: `z = rng.standard_normal((n_steps, n_paths));
///   s0 * np.exp(np.vstack([np.zeros(n_paths), np.cumsum(drift + vol * z, axis=0)]))`
/// - Rust: `Array2::random_using`, `accumulate_axis_inplace`, `mapv`, `concatenate`.
/// - Edge cases: `n_steps = 0` gives the single row `s0` (the array of shocks is empty);
///   `sigma = 0` gives the deterministic curve `s0·e^{mu·t}` in every column; `n_paths = 0`
///   gives `(n_steps + 1) × 0`.
/// - Checked: exact values (rtol 1e-9), and a derived check that the log increments are
///   normal with mean `(mu - sigma²/2)dt` and std `sigma√dt`.
/// - Speed: not timed; a loop is fine.
pub fn gbm_paths(s0: f64, mu: f64, sigma: f64, dt: f64, n_steps: usize, n_paths: usize, seed: u64) -> Result<Array2<f64>, String> {
    // BEGIN SOLUTION
    if ![s0, mu, sigma, dt].iter().all(|v| v.is_finite()) {
        return Err(format!("gbm_paths: s0 {s0}, mu {mu}, sigma {sigma}, dt {dt} must be finite"));
    }
    if s0 <= 0.0 || sigma < 0.0 || dt <= 0.0 {
        return Err(format!("gbm_paths: need s0 > 0, sigma >= 0, dt > 0 (got {s0}, {sigma}, {dt})"));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let z: Array2<f64> = Array2::random_using((n_steps, n_paths), StandardNormal, &mut rng);
    let drift = (mu - 0.5 * sigma * sigma) * dt;
    let vol = sigma * dt.sqrt();
    let mut logs = z.mapv(|z| drift + vol * z);
    logs.accumulate_axis_inplace(Axis(0), |&prev, cur| *cur += prev);
    let mut out = Array2::from_elem((n_steps + 1, n_paths), s0);
    out.slice_mut(s![1.., ..]).zip_mut_with(&logs, |o, &l| *o = s0 * l.exp());
    Ok(out)
    // END SOLUTION
}

// =============================================================================================
// Per-asset statistics
// =============================================================================================

/// **Exercise 4 — annualised return, volatility and Sharpe ratio per asset.**
///
/// From `T × k` periodic returns, per column: annual return `mean · P`, annual volatility
/// `std · √P` (sample std, ddof 1) and Sharpe ratio `(annual return - risk_free) / annual
/// volatility`, where `P = periods_per_year`. Returns `(returns, volatilities, sharpes)`.
///
/// `NaN` returns are skipped column by column (an asset listed late has fewer returns).
/// A **constant** column (all its non-NaN returns equal, tested exactly as the module's
/// conventions say, not by comparing the computed std with 0) has volatility exactly 0 and a
/// Sharpe ratio of **0** by convention: centre it on its value. Ten returns of `0.1` are such
/// a column; their computed mean is `0.09999999999999999`, and dividing by the resulting
/// `1.5e-17`·√P would report a Sharpe ratio near `10¹⁷`.
///
/// Errors: `periods_per_year` not finite and positive, `risk_free` not finite, or a column
/// with fewer than 2 non-NaN returns (a sample std needs two; this covers a one-day series).
///
/// - NumPy: `mu = np.nanmean(r, 0) * P; vol = np.nanstd(r, 0, ddof=1) * np.sqrt(P);
///   const = np.nanmax(r, 0) == np.nanmin(r, 0); vol[const] = 0;
///   sharpe = np.where(const, 0, (mu - rf) / vol)` (a bare `np.where(vol > 0, ...)` misses
///   the constant column of `0.1`s)
/// - Rust: a loop over `r.columns()` (or `axis_iter(Axis(1))`) with two passes per column;
///   `mean_axis`/`std_axis` do not skip NaN.
/// - Pitfalls: ddof 0; scaling the volatility by `P` instead of `√P`; dividing by the number of
///   rows instead of the number of non-NaN values; `vol > 0.0` as the test for a constant
///   column (the grader has a column of ten `0.1`s).
/// - Speed: not timed; two passes per column are fine.
pub fn annualized_stats(returns: &Array2<f64>, periods_per_year: f64, risk_free: f64) -> Result<(Array1<f64>, Array1<f64>, Array1<f64>), String> {
    // BEGIN SOLUTION
    if !(periods_per_year.is_finite() && periods_per_year > 0.0 && risk_free.is_finite()) {
        return Err(format!("annualized_stats: periods_per_year {periods_per_year} must be positive and risk_free {risk_free} finite"));
    }
    let k = returns.ncols();
    let (mut mu, mut vol, mut sharpe) = (Array1::zeros(k), Array1::zeros(k), Array1::zeros(k));
    for (j, col) in returns.columns().into_iter().enumerate() {
        let (sum, n) = col.iter().filter(|v| !v.is_nan()).fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
        let first = col.iter().copied().find(|v| !v.is_nan());
        let constant = first.is_some_and(|f| col.iter().all(|v| v.is_nan() || *v == f));
        // A constant column is centred on its value: its volatility is then exactly 0.
        let m = if constant { first.unwrap_or(0.0) } else { sum / n as f64 };
        let v = col.iter().filter(|v| !v.is_nan()).map(|v| (v - m) * (v - m)).sum::<f64>() / (n as f64 - 1.0);
        if n < 2 {
            return Err(format!("annualized_stats: column {j} has {n} non-NaN returns, at least 2 are needed"));
        }
        mu[j] = m * periods_per_year;
        vol[j] = v.sqrt() * periods_per_year.sqrt();
        sharpe[j] = if constant { 0.0 } else { (mu[j] - risk_free) / vol[j] };
    }
    Ok((mu, vol, sharpe))
    // END SOLUTION
}

/// **Exercise 5 — covariance and correlation matrices.**
///
/// The `k × k` sample covariance (ddof 1) of the columns of `T × k` returns, and the matching
/// correlation matrix `corr[i][j] = cov[i][j] / (sd_i · sd_j)`. Returns `(cov, corr)`. You
/// wrote the covariance as one matrix product in `pca::covariance`; what is new here is
/// dropping the incomplete days first and the correlation.
///
/// Rows containing any `NaN` are dropped first (only the days where every asset has a return:
/// pandas' `df.dropna().cov()`), so the covariance stays a valid (positive semi-definite)
/// matrix. A constant asset (all its remaining returns equal, tested exactly: the module's
/// conventions) is centred on its value, so its row and column of the covariance are exactly
/// 0; it has correlation 0 with every other asset and 1 with itself (NumPy gives NaN). The
/// correlations are clipped to `[-1, 1]` against rounding.
///
/// Errors: fewer than 2 complete rows.
///
/// - NumPy: `np.cov(r, rowvar=False)`, `np.corrcoef(r, rowvar=False)`
/// - Rust: centre the columns (`r - &r.mean_axis(Axis(0))`), then `xc.t().dot(&xc) / (n - 1)`;
///   the outer product of the standard deviations is a column times a row (broadcasting).
/// - Pitfalls: `x.dot(&x.t())` is `T × T` (days, not assets); forgetting to centre; `sd > 0.0`
///   as the test for a constant asset (a column of ten `0.1`s has a computed sd near `1e-17`).
/// - Speed: not timed; one matrix product.
pub fn cov_corr(returns: &Array2<f64>) -> Result<(Array2<f64>, Array2<f64>), String> {
    // BEGIN SOLUTION
    let keep: Vec<usize> = (0..returns.nrows()).filter(|&i| returns.row(i).iter().all(|v| !v.is_nan())).collect();
    let n = keep.len();
    if n < 2 {
        return Err(format!("cov_corr: {n} complete rows (without NaN), at least 2 are needed"));
    }
    let x = returns.select(Axis(0), &keep);
    let mut mean = x.mean_axis(Axis(0)).unwrap();
    // A constant column (every value equal to the first, tested exactly) is centred on its value.
    let constant: Vec<bool> = x.columns().into_iter().map(|c| c.iter().all(|&v| v == c[0])).collect();
    for ((m, &first), &k) in mean.iter_mut().zip(x.row(0)).zip(&constant) {
        if k {
            *m = first;
        }
    }
    let xc = &x - &mean;
    let cov = xc.t().dot(&xc) / (n as f64 - 1.0);
    let sd = cov.diag().mapv(f64::sqrt);
    let mut corr = &cov / &(&sd.view().insert_axis(Axis(1)) * &sd.view().insert_axis(Axis(0)));
    for ((i, j), c) in corr.indexed_iter_mut() {
        *c = if i == j {
            1.0
        } else if !constant[i] && !constant[j] && sd[i] > 0.0 && sd[j] > 0.0 {
            c.clamp(-1.0, 1.0)
        } else {
            0.0
        };
    }
    Ok((cov, corr))
    // END SOLUTION
}

// =============================================================================================
// Portfolios
// =============================================================================================

/// **Exercise 6 — a portfolio's expected return and volatility.**
///
/// A portfolio holding fractions `w` of its value in `k` assets has return `wᵀμ` and variance
/// `wᵀΣw` (`μ` the assets' mean returns, `Σ` their covariance, both in the same units, e.g.
/// annualised). Returns `(wᵀμ, √(wᵀΣw))`. The equal-weight portfolio is `w = 1/k` everywhere;
/// negative weights (short positions) are allowed.
///
/// Errors: lengths that do not match (`w`, `μ` of length `k`, `Σ` of shape `k × k`), `k = 0`,
/// or weights whose sum differs from 1 by more than 1e-9.
///
/// - NumPy: `w @ mu, np.sqrt(w @ S @ w)`
/// - Rust: `w.dot(&mu)`, `w.dot(&s.dot(&w))`.
/// - Pitfalls: `Σ` must be applied on both sides (`w · diag(Σ)` ignores the correlations, the
///   whole point of diversification); rounding can make `wᵀΣw` a hair below 0 for a riskless
///   portfolio: clamp at 0 before the square root.
/// - Speed: not timed; for one portfolio anything works (see [`random_portfolios`] for many).
pub fn portfolio_stats(weights: &Array1<f64>, mean_returns: &Array1<f64>, cov: &Array2<f64>) -> Result<(f64, f64), String> {
    // BEGIN SOLUTION
    let k = weights.len();
    if k == 0 || mean_returns.len() != k || cov.dim() != (k, k) {
        return Err(format!("portfolio_stats: {k} weights, {} mean returns, covariance {:?}", mean_returns.len(), cov.dim()));
    }
    let total = weights.sum();
    if (total - 1.0).abs() > 1e-9 {
        return Err(format!("portfolio_stats: the weights sum to {total}, not 1"));
    }
    let ret = weights.dot(mean_returns);
    let var = weights.dot(&cov.dot(weights));
    Ok((ret, var.max(0.0).sqrt()))
    // END SOLUTION
}

// =============================================================================================
// Risk measures
// =============================================================================================

/// **Exercise 7 — historical value at risk and expected shortfall.**
///
/// At confidence `level` (0.95, 0.99), the historical VaR is the loss exceeded on only a
/// fraction `1 - level` of the observed periods: `VaR = -quantile(returns, 1 - level)`. The
/// expected shortfall (CVaR) is the average loss on those bad periods: `ES = -mean(r : r <=
/// quantile)`. Both are reported as positive numbers for losses. Returns `(var, es)`.
///
/// Quantile convention (NumPy's default, `method="linear"`, the one you wrote for the interval
/// of `random::bootstrap_mean_ci`): sort the `n` values `x[0] <= ... <= x[n-1]`, let `h = (n - 1)·q` with `q = 1 - level` computed exactly like that, `i =
/// floor(h)`; the quantile is `x[i] + (h - i)·(x[i+1] - x[i])` (just `x[n-1]` when `i = n - 1`).
///
/// `NaN` returns are dropped first. Errors: no non-NaN return, or `level` not strictly between
/// 0 and 1.
///
/// - NumPy: `q = np.quantile(r, 1 - level); var = -q; es = -r[r <= q].mean()`
/// - Rust: collect, `sort_by(f64::total_cmp)`, index; the ES is a sum over a prefix of the
///   sorted values.
/// - Edge cases: one return `r` gives `(-r, -r)`; with ties the ES still averages every value
///   at or below the quantile; on a calm series VaR and ES can be negative (a gain).
/// - Speed: not timed; sorting a few thousand values is nothing (`select_nth_unstable` would do
///   for the VaR alone).
pub fn var_es(returns: &Array1<f64>, level: f64) -> Result<(f64, f64), String> {
    // BEGIN SOLUTION
    if !(level > 0.0 && level < 1.0) {
        return Err(format!("var_es: level {level} must be strictly between 0 and 1"));
    }
    let mut x: Vec<f64> = returns.iter().copied().filter(|v| !v.is_nan()).collect();
    let n = x.len();
    if n == 0 {
        return Err("var_es: no non-NaN return".into());
    }
    x.sort_by(f64::total_cmp);
    let q = 1.0 - level;
    let h = (n - 1) as f64 * q;
    let i = (h.floor() as usize).min(n - 1);
    let quantile = if i + 1 < n { x[i] + (h - i as f64) * (x[i + 1] - x[i]) } else { x[i] };
    let tail: Vec<f64> = x.iter().copied().take_while(|&v| v <= quantile).collect();
    let es = -tail.iter().sum::<f64>() / tail.len() as f64;
    Ok((-quantile, es))
    // END SOLUTION
}

/// **Exercise 8 — maximum drawdown (timed).**
///
/// Invest 1 before the first return and compound: `wealth[t] = Π_{s<=t} (1 + r[s])`. The
/// drawdown at `t` is the fall from the best wealth seen so far, `1 - wealth[t] / peak[t]`,
/// where the peak includes the starting wealth 1. The maximum drawdown is the largest of them
/// (0.35 = the worst peak-to-trough loss was 35%). `NaN` returns count as 0 (no position before
/// listing). No returns give 0.
///
/// - NumPy: `w = np.cumprod(1 + np.nan_to_num(r)); peak = np.maximum.accumulate(np.concatenate(
///   [[1], w]))[1:]; (1 - w / peak).max(initial=0)` (without `nan_to_num` one `NaN` makes
///   every later wealth `NaN`)
/// - Rust: one loop carrying `wealth` and `peak` (or `accumulate_axis_inplace` twice, then a
///   `Zip` / `fold`).
/// - Pitfalls: forgetting the starting wealth (a series that only falls has drawdown > 0 from
///   day one); using the global maximum instead of the running one (a peak *after* the trough
///   does not count).
/// - Speed: timed on 10⁶ returns. The peak at `t` is `max(peak[t-1], wealth[t])`: carried
///   along, it costs one comparison per day. Recomputing the maximum of the prefix for each
///   `t`, or trying every pair (peak, trough), is O(n²): about 5·10¹¹ steps here.
pub fn max_drawdown(returns: &Array1<f64>) -> f64 {
    // BEGIN SOLUTION
    let mut wealth = 1.0f64;
    let mut peak = 1.0f64;
    let mut worst = 0.0f64;
    for &r in returns {
        if !r.is_nan() {
            wealth *= 1.0 + r;
        }
        peak = peak.max(wealth);
        worst = worst.max(1.0 - wealth / peak);
    }
    worst
    // END SOLUTION
}

/// **Exercise 9 — rolling volatility.**
///
/// The annualised volatility over each window of `window` consecutive returns: entry `t` uses
/// `r[t .. t + window]` and is `std(ddof = 1) · √periods_per_year`. Returns the
/// `n - window + 1` full windows only (none when `n < window`). A window containing a `NaN`
/// gives `NaN`.
///
/// Errors: `window < 2` (a sample std needs two values), `periods_per_year` not positive.
///
/// - NumPy: `sliding_window_view(r, window).std(axis=1, ddof=1) * np.sqrt(P)`
///   (pandas: `r.rolling(window).std().iloc[window - 1:] * np.sqrt(P)`; `.dropna()` there would
///   also drop the `NaN` windows this exercise keeps)
/// - Rust: `r.windows(window)` yields the windows as views; a two-pass std per window.
/// - Pitfalls: `n - window` windows (off by one); the running-sum formula
///   `(Σx² - (Σx)²/w) / (w - 1)` is O(n) but loses most digits when the mean is large relative
///   to the spread, and can even go negative: not accepted at this tolerance.
/// - Speed: not timed; `O(n·window)` is fine for daily data.
pub fn rolling_volatility(returns: &Array1<f64>, window: usize, periods_per_year: f64) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    if window < 2 {
        return Err(format!("rolling_volatility: window {window} must be at least 2"));
    }
    if !(periods_per_year.is_finite() && periods_per_year > 0.0) {
        return Err(format!("rolling_volatility: periods_per_year {periods_per_year} must be positive"));
    }
    if returns.len() < window {
        return Ok(Array1::zeros(0));
    }
    let scale = periods_per_year.sqrt();
    Ok(returns
        .windows(window)
        .into_iter()
        .map(|w| {
            let m = w.sum() / window as f64;
            let ss: f64 = w.iter().map(|v| (v - m) * (v - m)).sum();
            (ss / (window as f64 - 1.0)).sqrt() * scale
        })
        .collect())
    // END SOLUTION
}

// =============================================================================================
// Many portfolios, and the market
// =============================================================================================

/// **Exercise 10 — Monte-Carlo random portfolios (timed).**
///
/// Draws `n_portfolios` random long-only portfolios and evaluates them all at once. From the
/// `T × k` returns: annualised mean `μ·P` and covariance `Σ·P` (ddof 1, complete rows only, as
/// [`cov_corr`]), computed **once**. Weights: one row per portfolio, uniform on the simplex
/// (Dirichlet with all α = 1). Returns `(weights n × k, annual returns n, annual volatilities
/// n)`.
///
/// Draws: the Dirichlet recipe you wrote in `random::dirichlet_weights`, with every α = 1,
/// written again here (modules do not depend on each other): `ChaCha8Rng::seed_from_u64(seed)`;
/// for each portfolio in turn, for each asset in turn, one draw of `Gamma::new(1.0, 1.0)`;
/// divide the row by its sum. The same seed gives the same weights as
/// `dirichlet_weights(&Array1::ones(k), n, seed)`.
///
/// Errors: `k = 0`, `periods_per_year` not positive, fewer than 2 complete rows.
///
/// - NumPy: `W = rng.dirichlet(np.ones(k), n); ret = W @ mu; vol = np.sqrt(((W @ S) * W).sum(1))`
/// - Rust: `w.dot(&mu)`, `(&w.dot(&s) * &w).sum_axis(Axis(1))`, clamp at 0, `sqrt`.
/// - Speed: timed, 10⁵ portfolios of 20 assets on 2000 days. The reference costs one
///   `n × k × k` matrix product after one `T × k × k` covariance. Building each portfolio's
///   daily return series `R·w` and taking its std reads all `T × k` returns once per
///   portfolio (10⁵ times), and recomputing Σ inside the loop is worse still.
pub fn random_portfolios(
    returns: &Array2<f64>,
    n_portfolios: usize,
    periods_per_year: f64,
    seed: u64,
) -> Result<(Array2<f64>, Array1<f64>, Array1<f64>), String> {
    // BEGIN SOLUTION
    let k = returns.ncols();
    if k == 0 {
        return Err("random_portfolios: no assets".into());
    }
    if !(periods_per_year.is_finite() && periods_per_year > 0.0) {
        return Err(format!("random_portfolios: periods_per_year {periods_per_year} must be positive"));
    }
    let keep: Vec<usize> = (0..returns.nrows()).filter(|&i| returns.row(i).iter().all(|v| !v.is_nan())).collect();
    let (cov, _) = cov_corr(returns)?;
    let mu = returns.select(Axis(0), &keep).mean_axis(Axis(0)).unwrap() * periods_per_year;
    let cov = cov * periods_per_year;
    let gamma = Gamma::new(1.0, 1.0).map_err(|e| e.to_string())?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut w = Array2::<f64>::zeros((n_portfolios, k));
    for mut row in w.rows_mut() {
        for g in row.iter_mut() {
            *g = gamma.sample(&mut rng);
        }
        let s = row.sum();
        row /= s;
    }
    let rets = w.dot(&mu);
    let vols = (&w.dot(&cov) * &w).sum_axis(Axis(1)).mapv(|v| v.max(0.0).sqrt());
    Ok((w, rets, vols))
    // END SOLUTION
}

/// **Exercise 11 — the max-Sharpe and min-volatility portfolios.**
///
/// Given the annual returns and volatilities of many portfolios (from
/// [`random_portfolios`]), returns `(index of the highest Sharpe ratio, index of the lowest
/// volatility)`. Sharpe = `(return - risk_free) / volatility`, 0 when the volatility is 0 (the
/// module's convention). Ties keep the first index. Portfolios with a `NaN` return or
/// volatility are never picked.
///
/// Errors: lengths differ, or no portfolio without `NaN`.
///
/// - NumPy: `np.argmax((ret - rf) / vol), np.argmin(vol)` (NumPy's argmax also keeps the first
///   of equal values, but returns a NaN's index if there is one)
/// - Rust: one pass with `iter().enumerate()` keeping the best so far (strict `>` / `<` keeps
///   the first on ties); `Iterator::max_by` keeps the *last*.
/// - Speed: not timed.
pub fn best_portfolios(rets: &Array1<f64>, vols: &Array1<f64>, risk_free: f64) -> Result<(usize, usize), String> {
    // BEGIN SOLUTION
    if rets.len() != vols.len() {
        return Err(format!("best_portfolios: {} returns but {} volatilities", rets.len(), vols.len()));
    }
    let mut best_sharpe: Option<(usize, f64)> = None;
    let mut best_vol: Option<(usize, f64)> = None;
    for (i, (&r, &v)) in rets.iter().zip(vols).enumerate() {
        if r.is_nan() || v.is_nan() {
            continue;
        }
        let s = if v > 0.0 { (r - risk_free) / v } else { 0.0 };
        if best_sharpe.is_none_or(|(_, b)| s > b) {
            best_sharpe = Some((i, s));
        }
        if best_vol.is_none_or(|(_, b)| v < b) {
            best_vol = Some((i, v));
        }
    }
    match (best_sharpe, best_vol) {
        (Some((s, _)), Some((v, _))) => Ok((s, v)),
        _ => Err("best_portfolios: no portfolio without NaN".into()),
    }
    // END SOLUTION
}

/// **Exercise 12 — beta against the market.**
///
/// An asset's beta is the slope of its returns regressed on the market's:
/// `β = cov(r, m) / var(m)`. β = 1 moves with the index, β = 2 twice as much, β = 0 not at
/// all (a constant price has β = 0). Returns one beta per column of the `T × k` returns.
///
/// For each asset, only the periods where both the asset's and the market's return are not
/// `NaN` are used (an asset listed late is compared with the market over its own life), and
/// both the covariance and the variance are taken over those periods (the ddof cancels).
///
/// Errors: `market.len() != T`; an asset with fewer than 2 such periods; a market whose
/// variance over an asset's periods is 0 (β undefined).
///
/// - NumPy: `ok = ~np.isnan(r) & ~np.isnan(m); c = np.cov(r[ok], m[ok]); c[0, 1] / c[1, 1]`
///   (for complete data, all assets at once: `((r - r.mean(0)).T @ (m - m.mean())) / ((m -
///   m.mean()) @ (m - m.mean()))`)
/// - Rust: per column, a mask, then two passes; `Zip::from(&col).and(market)`.
/// - Speed: not timed.
pub fn beta(returns: &Array2<f64>, market: &Array1<f64>) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    let t = returns.nrows();
    if market.len() != t {
        return Err(format!("beta: {t} periods of returns but {} of the market", market.len()));
    }
    let mut out = Array1::zeros(returns.ncols());
    for (j, col) in returns.columns().into_iter().enumerate() {
        let pairs: Vec<(f64, f64)> = col.iter().zip(market).filter(|(a, b)| !a.is_nan() && !b.is_nan()).map(|(&a, &b)| (a, b)).collect();
        let n = pairs.len();
        if n < 2 {
            return Err(format!("beta: asset {j} has {n} periods with both returns, at least 2 are needed"));
        }
        let ma = pairs.iter().map(|p| p.0).sum::<f64>() / n as f64;
        let mm = pairs.iter().map(|p| p.1).sum::<f64>() / n as f64;
        let cov: f64 = pairs.iter().map(|(a, b)| (a - ma) * (b - mm)).sum();
        let var: f64 = pairs.iter().map(|(_, b)| (b - mm) * (b - mm)).sum();
        if var == 0.0 {
            return Err(format!("beta: the market is constant over asset {j}'s periods"));
        }
        out[j] = cov / var;
    }
    Ok(out)
    // END SOLUTION
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * (1.0 + b.abs())
    }

    #[test]
    fn gbm_starts_at_s0_and_is_reproducible() {
        let p = gbm_paths(100.0, 0.05, 0.2, 1.0 / 252.0, 10, 3, 7).unwrap();
        assert_eq!(p.dim(), (11, 3));
        assert!(p.row(0).iter().all(|&v| v == 100.0));
        assert!(p.iter().all(|&v| v > 0.0));
        assert_eq!(p, gbm_paths(100.0, 0.05, 0.2, 1.0 / 252.0, 10, 3, 7).unwrap());
        let flat = gbm_paths(2.0, 0.1, 0.0, 0.5, 4, 1, 1).unwrap();
        assert!(close(flat[[4, 0]], 2.0 * (0.1f64 * 2.0).exp(), 1e-12));
        assert_eq!(gbm_paths(1.0, 0.0, 0.1, 1.0, 0, 2, 0).unwrap(), array![[1.0, 1.0]]);
        assert!(gbm_paths(0.0, 0.0, 0.1, 1.0, 3, 2, 0).is_err());
        assert!(gbm_paths(1.0, 0.0, -0.1, 1.0, 3, 2, 0).is_err());
    }

    #[test]
    fn returns_use_shifted_views_and_keep_nan() {
        let p = array![[1.0, f64::NAN], [2.0, 4.0], [1.0, 5.0]];
        let r = simple_returns(&p);
        assert_eq!(r.dim(), (2, 2));
        assert_eq!(r[[0, 0]], 1.0);
        assert_eq!(r[[1, 0]], -0.5);
        assert!(r[[0, 1]].is_nan());
        assert_eq!(r[[1, 1]], 0.25);
        let l = log_returns(&p);
        assert!(close(l[[0, 0]], 2f64.ln(), 1e-15));
        assert_eq!(simple_returns(&array![[1.0, 2.0]]).dim(), (0, 2));
        assert_eq!(log_returns(&Array2::zeros((0, 3))).dim(), (0, 3));
    }

    #[test]
    fn annualized_stats_skip_nan_and_define_zero_vol_sharpe() {
        let r = array![[0.01, 0.0, f64::NAN], [0.03, 0.0, 0.02], [0.02, 0.0, 0.04]];
        let (mu, vol, sh) = annualized_stats(&r, 252.0, 0.0).unwrap();
        assert!(close(mu[0], 0.02 * 252.0, 1e-12));
        assert!(close(vol[0], 0.01 * 252f64.sqrt(), 1e-12));
        assert!(close(sh[0], mu[0] / vol[0], 1e-12));
        assert_eq!((mu[1], vol[1], sh[1]), (0.0, 0.0, 0.0));
        // Ten returns of 0.1: their computed mean is not exactly 0.1, the column is still constant.
        let tenths = Array2::from_shape_fn((10, 2), |(i, j)| if j == 0 { 0.1 } else { i as f64 / 100.0 });
        let (mu_t, vol_t, sh_t) = annualized_stats(&tenths, 252.0, 0.0).unwrap();
        assert_eq!((vol_t[0], sh_t[0]), (0.0, 0.0));
        assert!(close(mu_t[0], 0.1 * 252.0, 1e-15));
        assert!(close(mu[2], 0.03 * 252.0, 1e-12));
        assert!(annualized_stats(&array![[0.01]], 252.0, 0.0).is_err());
        assert!(annualized_stats(&r, 0.0, 0.0).is_err());
    }

    #[test]
    fn cov_corr_drops_incomplete_rows_and_handles_constants() {
        let r = array![[1.0, 2.0, 5.0], [2.0, 4.0, 5.0], [f64::NAN, 0.0, 5.0], [3.0, 6.0, 5.0]];
        let (c, k) = cov_corr(&r).unwrap();
        assert!(close(c[[0, 0]], 1.0, 1e-12) && close(c[[0, 1]], 2.0, 1e-12) && close(c[[1, 1]], 4.0, 1e-12));
        assert!(close(k[[0, 1]], 1.0, 1e-12));
        assert_eq!(k[[0, 2]], 0.0);
        assert_eq!(k[[2, 2]], 1.0);
        let tenths = Array2::from_shape_fn((10, 2), |(i, j)| if j == 0 { 0.1 } else { (i * i) as f64 / 100.0 });
        let (c, k) = cov_corr(&tenths).unwrap();
        assert_eq!((c[[0, 0]], c[[0, 1]], k[[0, 1]], k[[0, 0]]), (0.0, 0.0, 0.0, 1.0));
        assert!(cov_corr(&array![[1.0, 2.0]]).is_err());
    }

    #[test]
    fn portfolio_stats_is_the_quadratic_form() {
        let s = array![[0.04, 0.01], [0.01, 0.09]];
        let (r, v) = portfolio_stats(&array![0.5, 0.5], &array![0.1, 0.2], &s).unwrap();
        assert!(close(r, 0.15, 1e-12));
        assert!(close(v, (0.25f64 * 0.04 + 0.25 * 0.09 + 0.5 * 0.01).sqrt(), 1e-12));
        assert!(portfolio_stats(&array![0.5, 0.6], &array![0.1, 0.2], &s).is_err());
        assert!(portfolio_stats(&array![1.0], &array![0.1, 0.2], &s).is_err());
    }

    #[test]
    fn var_es_follow_numpy_linear_quantiles() {
        let r: Array1<f64> = (0..21).map(|i| i as f64 / 100.0 - 0.1).collect();
        // h = 20 · 0.05 = 1 (up to rounding): the second smallest value, -0.09.
        let (v, e) = var_es(&r, 0.95).unwrap();
        assert!(close(v, 0.09, 1e-12), "{v}");
        assert!(close(e, 0.095, 1e-12), "{e}");
        assert_eq!(var_es(&array![0.02], 0.99).unwrap(), (-0.02, -0.02));
        assert!(var_es(&array![f64::NAN], 0.95).is_err());
        assert!(var_es(&r, 1.0).is_err());
    }

    #[test]
    fn max_drawdown_uses_the_running_peak() {
        assert_eq!(max_drawdown(&array![]), 0.0);
        assert!(close(max_drawdown(&array![-0.1]), 0.1, 1e-12));
        // 1 -> 2 -> 1 -> 3 -> 2.4: worst fall 50% (from 2 to 1), not 3 -> 2.4 (20%).
        assert!(close(max_drawdown(&array![1.0, -0.5, 2.0, -0.2]), 0.5, 1e-12));
        assert_eq!(max_drawdown(&array![f64::NAN, 0.1, 0.1]), 0.0);
    }

    #[test]
    fn rolling_volatility_has_one_value_per_full_window() {
        let r = array![0.0, 0.02, 0.0, 0.02];
        let v = rolling_volatility(&r, 2, 1.0).unwrap();
        assert_eq!(v.len(), 3);
        assert!(v.iter().all(|&x| close(x, 0.02f64 / 2f64.sqrt(), 1e-12)));
        assert_eq!(rolling_volatility(&r, 5, 252.0).unwrap().len(), 0);
        assert!(rolling_volatility(&r, 1, 252.0).is_err());
    }

    #[test]
    fn random_portfolios_match_portfolio_stats() {
        let r = array![[0.01, 0.02, -0.01], [0.0, -0.01, 0.02], [0.02, 0.0, 0.01], [-0.01, 0.01, 0.0]];
        let (w, ret, vol) = random_portfolios(&r, 5, 252.0, 3).unwrap();
        assert_eq!(w.dim(), (5, 3));
        let (cov, _) = cov_corr(&r).unwrap();
        let mu = r.mean_axis(Axis(0)).unwrap() * 252.0;
        for i in 0..5 {
            assert!(close(w.row(i).sum(), 1.0, 1e-12));
            let (a, b) = portfolio_stats(&w.row(i).to_owned(), &mu, &(&cov * 252.0)).unwrap();
            assert!(close(ret[i], a, 1e-12) && close(vol[i], b, 1e-12));
        }
        let (best_s, best_v) = best_portfolios(&ret, &vol, 0.0).unwrap();
        assert!(vol.iter().all(|&v| v >= vol[best_v]));
        assert!((0..5).all(|i| ret[i] / vol[i] <= ret[best_s] / vol[best_s]));
    }

    #[test]
    fn best_portfolios_keeps_the_first_and_skips_nan() {
        assert_eq!(best_portfolios(&array![0.1, 0.2, 0.2], &array![0.1, 0.2, 0.2], 0.0).unwrap(), (0, 0));
        assert_eq!(best_portfolios(&array![f64::NAN, 0.1], &array![0.01, 0.2], 0.0).unwrap(), (1, 1));
        assert!(best_portfolios(&array![], &array![], 0.0).is_err());
    }

    #[test]
    fn beta_is_the_regression_slope() {
        let m = array![0.01, -0.02, 0.03, 0.0];
        let r = ndarray::stack![Axis(1), &m * 2.0, Array1::<f64>::zeros(4), array![f64::NAN, -0.02, 0.03, 0.0]];
        let b = beta(&r, &m).unwrap();
        assert!(close(b[0], 2.0, 1e-12) && b[1] == 0.0 && close(b[2], 1.0, 1e-12), "{b}");
        assert!(beta(&r, &array![0.0, 0.0, 0.0, 0.0]).is_err());
        assert!(beta(&r, &array![0.1]).is_err());
    }

    // Real data against NumPy (datasets/reference/finance/reference.json, make_reference.py).
    const REFERENCE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../datasets/reference/finance/reference.json"));

    fn reference(key: &str) -> Vec<f64> {
        let all: serde_json::Value = serde_json::from_str(REFERENCE).unwrap();
        match &all[key] {
            serde_json::Value::Array(v) => v.iter().map(|x| x.as_f64().unwrap()).collect(),
            v => vec![v.as_f64().unwrap_or_else(|| panic!("{key}"))],
        }
    }

    fn assert_all_close(got: &[f64], want: &[f64], rtol: f64) {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() <= rtol * w.abs().max(1e-12), "{g} vs numpy {w}");
        }
    }

    #[test]
    fn real_data_matches_numpy() {
        let stocks = datasets::finance::sp500_stocks_daily().unwrap().prices;
        let index = datasets::finance::sp500_index_daily().unwrap().prices;
        let r = simple_returns(&stocks);
        let m = simple_returns(&index).column(0).to_owned();
        let (_, _, sharpe) = annualized_stats(&r, 252.0, 0.0).unwrap();
        assert_all_close(sharpe.as_slice().unwrap(), &reference("sharpe_252_rf0"), 1e-9);
        for level in ["95", "99"] {
            let (v, e) = var_es(&m, level.parse::<f64>().unwrap() / 100.0).unwrap();
            assert_all_close(&[v, e], &[reference(&format!("index_var_{level}"))[0], reference(&format!("index_es_{level}"))[0]], 1e-9);
        }
        let mdd: Vec<f64> = r.columns().into_iter().map(|c| max_drawdown(&c.to_owned())).collect();
        assert_all_close(&mdd, &reference("max_drawdown"), 1e-9);
        assert_all_close(&[max_drawdown(&m)], &reference("index_max_drawdown"), 1e-9);
        assert_all_close(beta(&r, &m).unwrap().as_slice().unwrap(), &reference("beta"), 1e-9);
        let monthly = datasets::finance::stocks_monthly().unwrap().prices;
        let (_, _, sh) = annualized_stats(&simple_returns(&monthly), 12.0, 0.0).unwrap();
        assert_all_close(sh.as_slice().unwrap(), &reference("monthly_sharpe_12_rf0"), 1e-9);
    }
}
