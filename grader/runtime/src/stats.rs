//! Statistical checks for random samples: the derived checks (`check = "..."` in a spec) of
//! exercises whose right answer is a distribution rather than a value.
//!
//! Every check returns `Ok(())` or `Err(message)`; the message says what was measured, what was
//! expected, the limit, and the probability that a *correct* sampler fails it. That probability
//! is at most [`FALSE_FAILURE`] (one in a million) per check: a check made of several tests
//! gives each test an equal share of it (Bonferroni), so the sum stays below the limit.
//!
//! The tests, with the approximation each relies on:
//! - a **z-test** on a mean of `n` independent values (central limit theorem; `n` is 10⁴ or
//!   more in the specs, so the normal tail is accurate far beyond 5 standard deviations for
//!   the bounded or light-tailed variables tested here);
//! - a **variance test** with a *known* mean: `V = mean((x - μ)²)` is itself a mean of `n`
//!   independent values, with variance `(μ₄ - σ⁴) / n` exactly (μ₄ the fourth central moment);
//! - **chi-square goodness of fit** on counts, categories with fewer than 5 expected hits pooled
//!   (the asymptotic chi-square distribution of Pearson's statistic);
//! - **Kolmogorov–Smirnov** for continuous distributions (the asymptotic Kolmogorov
//!   distribution with Stephens' small-sample correction).
//!
//! p-values come from the regularised incomplete gamma function (chi-square and, through
//! `erfc(x) = Q(1/2, x²)`, the normal tail) and the Kolmogorov series.

use ndarray::Array2;

/// The largest probability with which a correct sampler may fail one check.
pub const FALSE_FAILURE: f64 = 1e-6;

// ---------------------------------------------------------------------------------------------
// Special functions

/// `ln Γ(x)` for `x > 0` (Lanczos, g = 7, 9 terms; relative error about 1e-15).
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, &c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// The regularised upper incomplete gamma function `Q(a, x) = Γ(a, x) / Γ(a)`, `a > 0`, `x ≥ 0`.
pub fn gamma_q(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let ln_pre = a * x.ln() - x - ln_gamma(a);
    if x < a + 1.0 {
        // Series for P(a, x), then Q = 1 - P.
        let (mut term, mut sum, mut ap) = (1.0 / a, 1.0 / a, a);
        for _ in 0..10_000 {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        (1.0 - sum * ln_pre.exp()).max(0.0)
    } else {
        // Continued fraction for Q (modified Lentz).
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..10_000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-16 {
                break;
            }
        }
        (ln_pre.exp() * h).clamp(0.0, 1.0)
    }
}

/// `P(X > x)` for a chi-square variable with `df` degrees of freedom.
pub fn chi2_sf(x: f64, df: f64) -> f64 {
    gamma_q(df / 2.0, x / 2.0)
}

/// `P(|Z| > |z|)` for a standard normal `Z` (`erfc(|z| / √2)`).
pub fn normal_two_sided(z: f64) -> f64 {
    if z.is_nan() {
        return 0.0;
    }
    gamma_q(0.5, z * z / 2.0)
}

/// `P(D_n > d)` for the Kolmogorov–Smirnov statistic of `n` samples (asymptotic Kolmogorov
/// distribution at `λ = (√n + 0.12 + 0.11/√n) d`, Stephens' correction).
pub fn ks_sf(d: f64, n: usize) -> f64 {
    let sn = (n as f64).sqrt();
    let lambda = (sn + 0.12 + 0.11 / sn) * d;
    if lambda < 0.2 {
        return 1.0;
    }
    let mut sum = 0.0;
    for k in 1..200 {
        let kf = k as f64;
        let term = (-2.0 * kf * kf * lambda * lambda).exp();
        sum += if k % 2 == 1 { term } else { -term };
        if term < 1e-18 {
            break;
        }
    }
    (2.0 * sum).clamp(0.0, 1.0)
}

// ---------------------------------------------------------------------------------------------
// Single tests. `alpha` is the share of the false-failure probability this test may use.

fn verdict(what: &str, measured: String, p: f64, alpha: f64) -> Result<(), String> {
    if p >= alpha {
        Ok(())
    } else {
        Err(format!("{what}: {measured}; p = {p:.1e} is below the limit {alpha:.1e} (the probability that a correct sampler fails this test)"))
    }
}

/// A statistic that should be normal with mean `expected` and standard deviation `sd`.
pub fn z_test(what: &str, statistic: f64, expected: f64, sd: f64, alpha: f64) -> Result<(), String> {
    let z = (statistic - expected) / sd;
    verdict(what, format!("measured {statistic:.6}, expected {expected:.6} ± {sd:.2e} (z = {z:.1})"), normal_two_sided(z), alpha)
}

/// The sample mean against a known mean and variance.
pub fn mean_test(xs: &[f64], mean: f64, var: f64, alpha: f64) -> Result<(), String> {
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    z_test(&format!("mean of {} samples", xs.len()), m, mean, (var / n).sqrt(), alpha)
}

/// The mean squared deviation from the known mean, `mean((x - μ)²)`, against the variance `var`;
/// `mu4` is the distribution's fourth central moment.
pub fn variance_test(xs: &[f64], mean: f64, var: f64, mu4: f64, alpha: f64) -> Result<(), String> {
    let n = xs.len() as f64;
    let v = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    z_test(&format!("variance of {} samples (about the known mean {mean})", xs.len()), v, var, ((mu4 - var * var) / n).sqrt(), alpha)
}

/// Kolmogorov–Smirnov test of `xs` against the continuous distribution function `cdf`.
pub fn ks_test(xs: &[f64], cdf: impl Fn(f64) -> f64, what: &str, alpha: f64) -> Result<(), String> {
    if let Some(x) = xs.iter().find(|x| x.is_nan()) {
        return Err(format!("Kolmogorov–Smirnov test against {what}: the sample contains {x}"));
    }
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    let mut d: f64 = 0.0;
    for (i, &x) in s.iter().enumerate() {
        let f = cdf(x);
        d = d.max((i + 1) as f64 / n as f64 - f).max(f - i as f64 / n as f64);
    }
    verdict(
        &format!("Kolmogorov–Smirnov test of {n} samples against {what}"),
        format!("largest gap between the distribution functions D = {d:.5}"),
        ks_sf(d, n),
        alpha,
    )
}

/// Pearson's chi-square test of `counts` against the probabilities `probs` (same length, summing
/// to 1). A count in a category of probability 0 fails at once; neighbouring categories with
/// fewer than 5 expected hits are pooled.
pub fn chi_square_test(counts: &[u64], probs: &[f64], what: &str, alpha: f64) -> Result<(), String> {
    assert_eq!(counts.len(), probs.len(), "chi_square_test: counts and probabilities differ in length");
    let n: u64 = counts.iter().sum();
    if let Some(i) = (0..counts.len()).find(|&i| probs[i] == 0.0 && counts[i] > 0) {
        return Err(format!("{what}: category {i} has probability 0 but was drawn {} times", counts[i]));
    }
    // Pool consecutive categories until each bin expects at least 5 hits.
    let mut bins: Vec<(f64, f64)> = Vec::new(); // (observed, expected)
    let (mut o, mut e) = (0.0, 0.0);
    for (&c, &p) in counts.iter().zip(probs) {
        o += c as f64;
        e += p * n as f64;
        if e >= 5.0 {
            bins.push((o, e));
            (o, e) = (0.0, 0.0);
        }
    }
    if e > 0.0 || o > 0.0 {
        match bins.last_mut() {
            Some(last) => {
                last.0 += o;
                last.1 += e;
            }
            None => bins.push((o, e)),
        }
    }
    if bins.len() < 2 {
        return Ok(());
    }
    let x2: f64 = bins.iter().map(|&(o, e)| (o - e) * (o - e) / e).sum();
    let df = (bins.len() - 1) as f64;
    verdict(
        &format!("chi-square test of {n} draws over {} bins ({what})", bins.len()),
        format!("chi-square = {x2:.1} on {df} degrees of freedom"),
        chi2_sf(x2, df),
        alpha,
    )
}

fn all_tests(tests: Vec<Result<(), String>>) -> Result<(), String> {
    let errors: Vec<String> = tests.into_iter().filter_map(Result::err).collect();
    if errors.is_empty() { Ok(()) } else { Err(errors.join("; ")) }
}

fn collect(xs: impl IntoIterator<Item = f64>) -> Result<Vec<f64>, String> {
    let v: Vec<f64> = xs.into_iter().collect();
    if v.is_empty() { Err("the sample is empty".into()) } else { Ok(v) }
}

// ---------------------------------------------------------------------------------------------
// Checks for the glue: one call each. The false-failure probability of each is ≤ FALSE_FAILURE.

/// Samples that should be uniform on `[low, high)`: every value in range, then the mean, the
/// variance and a Kolmogorov–Smirnov test (each at FALSE_FAILURE / 3).
pub fn uniform_sample(xs: impl IntoIterator<Item = f64>, low: f64, high: f64) -> Result<(), String> {
    let xs = collect(xs)?;
    if let Some(x) = xs.iter().find(|x| !(**x >= low && **x <= high)) {
        return Err(format!("a sample of U[{low}, {high}) is {x}, outside the range"));
    }
    let w = high - low;
    let a = FALSE_FAILURE / 3.0;
    let mean = (low + high) / 2.0;
    all_tests(vec![
        mean_test(&xs, mean, w * w / 12.0, a),
        variance_test(&xs, mean, w * w / 12.0, w.powi(4) / 80.0, a),
        ks_test(&xs, |x| ((x - low) / w).clamp(0.0, 1.0), &format!("U[{low}, {high})"), a),
    ])
}

/// Samples that should be normal with mean `mean` and standard deviation `std > 0`: the mean, the
/// variance and a Kolmogorov–Smirnov test (each at FALSE_FAILURE / 3).
pub fn normal_sample(xs: impl IntoIterator<Item = f64>, mean: f64, std: f64) -> Result<(), String> {
    let xs = collect(xs)?;
    let var = std * std;
    let a = FALSE_FAILURE / 3.0;
    let cdf = |x: f64| {
        let z = (x - mean) / std;
        let tail = normal_two_sided(z) / 2.0;
        if z < 0.0 { tail } else { 1.0 - tail }
    };
    all_tests(vec![mean_test(&xs, mean, var, a), variance_test(&xs, mean, var, 3.0 * var * var, a), ks_test(&xs, cdf, &format!("N({mean}, {std}²)"), a)])
}

/// Integers that should be uniform on `low..high`: every value in range, and a chi-square test.
pub fn uniform_integers(xs: impl IntoIterator<Item = i64>, low: i64, high: i64) -> Result<(), String> {
    let k = (high - low) as usize;
    let mut counts = vec![0u64; k];
    for x in xs {
        if x < low || x >= high {
            return Err(format!("drew {x}, outside {low}..{high} (the upper end is excluded)"));
        }
        counts[(x - low) as usize] += 1;
    }
    chi_square_test(&counts, &vec![1.0 / k as f64; k], &format!("uniform on {low}..{high}"), FALSE_FAILURE)
}

/// Category indices that should follow `weights` (not necessarily normalised): every index in
/// range, and a chi-square test.
pub fn categorical(xs: impl IntoIterator<Item = usize>, weights: &[f64]) -> Result<(), String> {
    let total: f64 = weights.iter().sum();
    let probs: Vec<f64> = weights.iter().map(|w| w / total).collect();
    let mut counts = vec![0u64; weights.len()];
    for i in xs {
        if i >= weights.len() {
            return Err(format!("drew category {i}, but there are only {}", weights.len()));
        }
        counts[i] += 1;
    }
    chi_square_test(&counts, &probs, "counts against the weights", FALSE_FAILURE)
}

/// `trials` permutations of `0..n` (`n ≤ 8`), `draw(t)` giving the t-th: each must be a
/// permutation, and all `n!` orderings must be equally frequent (chi-square).
pub fn uniform_permutations(n: usize, trials: usize, mut draw: impl FnMut(usize) -> Vec<usize>) -> Result<(), String> {
    assert!((1..=8).contains(&n), "uniform_permutations: n must be between 1 and 8");
    let fact: Vec<usize> = (0..=n)
        .scan(1, |f, i| {
            let out = *f;
            *f *= i + 1;
            Some(out)
        })
        .collect();
    let mut counts = vec![0u64; fact[n]];
    for t in 0..trials {
        let p = draw(t);
        let mut seen = vec![false; n];
        if p.len() != n || p.iter().any(|&v| v >= n || std::mem::replace(&mut seen[v], true)) {
            return Err(format!("draw {t} is {p:?}, not a permutation of 0..{n}"));
        }
        // Lehmer code: the ordering's rank among the n! orderings.
        let rank: usize = (0..n).map(|i| p[i + 1..].iter().filter(|&&v| v < p[i]).count() * fact[n - 1 - i]).sum();
        counts[rank] += 1;
    }
    chi_square_test(&counts, &vec![1.0 / fact[n] as f64; fact[n]], &format!("all {} orderings of {n} elements equally likely", fact[n]), FALSE_FAILURE)
}

/// An estimate `scale · p̂` of `scale · p` from `n` Bernoulli(p) trials, and its reported standard
/// error: the estimate within its true standard error, and the standard error close to the true
/// one (its own spread by the delta method, plus 0.1% slack for the approximation); each test
/// at FALSE_FAILURE / 2.
pub fn scaled_proportion(estimate: f64, std_error: f64, n: usize, p: f64, scale: f64) -> Result<(), String> {
    let nf = n as f64;
    let se = scale * (p * (1.0 - p) / nf).sqrt();
    let se_sd = scale * (1.0 - 2.0 * p).abs() / (2.0 * nf) + 1e-3 * se;
    let a = FALSE_FAILURE / 2.0;
    all_tests(vec![z_test(&format!("estimate from {n} trials"), estimate, scale * p, se, a), z_test("reported standard error", std_error, se, se_sd, a)])
}

/// Rows that should be Dirichlet(`alpha`) samples: non-negative, summing to 1 (within 1e-9),
/// and per component the mean and the variance of the marginal Beta(αⱼ, α₀ − αⱼ) distribution
/// (2k tests, each at FALSE_FAILURE / 2k).
pub fn dirichlet_rows(w: &Array2<f64>, alpha: &[f64]) -> Result<(), String> {
    let k = alpha.len();
    if w.ncols() != k || w.nrows() == 0 {
        return Err(format!("expected rows of {k} weights, got a {} × {} array", w.nrows(), w.ncols()));
    }
    for (i, row) in w.rows().into_iter().enumerate() {
        let s = row.sum();
        if !((s - 1.0).abs() <= 1e-9) || row.iter().any(|&v| !(v >= 0.0)) {
            return Err(format!("row {i} is {row}: not non-negative weights summing to 1 (sum {s})"));
        }
    }
    let a0: f64 = alpha.iter().sum();
    let each = FALSE_FAILURE / (2 * k) as f64;
    let mut tests = Vec::new();
    for (j, &aj) in alpha.iter().enumerate() {
        let (a, b) = (aj, a0 - aj);
        let mean = a / a0;
        let var = a * b / (a0 * a0 * (a0 + 1.0));
        let col: Vec<f64> = w.column(j).to_vec();
        tests.push(mean_test(&col, mean, var, each).map_err(|e| format!("component {j}: {e}")));
        if b > 0.0 {
            let excess = 6.0 * ((a - b).powi(2) * (a + b + 1.0) - a * b * (a + b + 2.0)) / (a * b * (a + b + 2.0) * (a + b + 3.0));
            tests.push(variance_test(&col, mean, var, (excess + 3.0) * var * var, each).map_err(|e| format!("component {j}: {e}")));
        }
    }
    all_tests(tests)
}

/// Rows that should be independent streams of U[0, 1) samples: each row uniform
/// (Kolmogorov–Smirnov) and every pair of rows uncorrelated (`r·√n` against N(0, 1)); the
/// tests share FALSE_FAILURE equally.
pub fn independent_uniform_rows(a: &Array2<f64>) -> Result<(), String> {
    let (rows, n) = a.dim();
    if rows == 0 || n < 2 {
        return Err(format!("expected several rows of many draws, got a {rows} × {n} array"));
    }
    let each = FALSE_FAILURE / (rows + rows * (rows - 1) / 2) as f64;
    let mut tests = Vec::new();
    for (i, row) in a.rows().into_iter().enumerate() {
        let v = row.to_vec();
        tests.push(ks_test(&v, |x| x.clamp(0.0, 1.0), &format!("U[0, 1) (row {i})"), each));
    }
    let centred: Vec<Vec<f64>> = a
        .rows()
        .into_iter()
        .map(|r| {
            let m = r.mean().unwrap();
            r.iter().map(|x| x - m).collect()
        })
        .collect();
    for i in 0..rows {
        for j in i + 1..rows {
            let (x, y) = (&centred[i], &centred[j]);
            let sxy: f64 = x.iter().zip(y).map(|(a, b)| a * b).sum();
            let sxx: f64 = x.iter().map(|a| a * a).sum();
            let syy: f64 = y.iter().map(|b| b * b).sum();
            let r = sxy / (sxx * syy).sqrt();
            tests.push(z_test(&format!("correlation of rows {i} and {j}"), r, 0.0, 1.0 / (n as f64).sqrt(), each));
        }
    }
    all_tests(tests)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use rand_distr::{Distribution, Gamma, Normal, StandardNormal};

    fn rng(seed: u64) -> ChaCha8Rng {
        ChaCha8Rng::seed_from_u64(seed)
    }

    #[test]
    fn special_functions_match_tables() {
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-13);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-13);
        assert!((chi2_sf(3.841_458_820_694_124, 1.0) - 0.05).abs() < 1e-10);
        assert!((chi2_sf(18.307_038_053_275_146, 10.0) - 0.05).abs() < 1e-10);
        assert!((chi2_sf(124.342_113_404_004, 100.0) - 0.05).abs() < 1e-10);
        assert!((chi2_sf(60.0, 50.0) - 0.157_242_027_238_391_6).abs() < 1e-10);
        assert!((normal_two_sided(1.959_963_984_540_054) - 0.05).abs() < 1e-12);
        // P(|Z| > 5) = 5.733e-7
        assert!((normal_two_sided(5.0) / 5.733_031_437_583_892e-7 - 1.0).abs() < 1e-8);
        // Kolmogorov: P(K > 1.358) ≈ 0.05 (large n).
        assert!((ks_sf(1.358_098_8 / 1e3, 1_000_000) - 0.05).abs() < 1e-3);
    }

    #[test]
    fn normal_samples_pass_and_wrong_scale_or_mean_fails() {
        let mut r = rng(1);
        let good: Vec<f64> = (0..100_000).map(|_| 2.0 + 3.0 * r.sample::<f64, _>(StandardNormal)).collect();
        normal_sample(good.iter().copied(), 2.0, 3.0).unwrap();
        // variance instead of std; 5% too wide; shifted by 0.05 std
        assert!(normal_sample(good.iter().copied(), 2.0, 9.0f64.sqrt() * 1.05).is_err());
        let e = normal_sample(good.iter().map(|x| x + 0.05 * 3.0), 2.0, 3.0).unwrap_err();
        assert!(e.contains("mean of 100000 samples") && e.contains("limit 3.3e-7"), "{e}");
        assert!(normal_sample(good.iter().copied(), 2.0, 9.0).is_err());
    }

    #[test]
    fn uniform_samples_pass_and_biased_ones_fail() {
        let mut r = rng(2);
        let good: Vec<f64> = (0..100_000).map(|_| -1.0 + 3.0 * r.random::<f64>()).collect();
        uniform_sample(good.iter().copied(), -1.0, 2.0).unwrap();
        // outside the range, and a distribution squeezed towards the middle
        assert!(uniform_sample(good.iter().copied(), -1.0, 1.9).is_err());
        let squeezed = good.iter().map(|&x| 0.5 + (x - 0.5) * 0.98);
        assert!(uniform_sample(squeezed, -1.0, 2.0).is_err());
        // the sum of two uniforms: right mean, wrong shape
        let mut r = rng(3);
        let tri = (0..100_000).map(|_| -1.0 + 1.5 * (r.random::<f64>() + r.random::<f64>()));
        let e = uniform_sample(tri, -1.0, 2.0).unwrap_err();
        assert!(e.contains("Kolmogorov") && e.contains("variance"), "{e}");
    }

    #[test]
    fn integer_and_categorical_counts() {
        let mut r = rng(4);
        let good: Vec<i64> = (0..50_000).map(|_| r.random_range(-3..7)).collect();
        uniform_integers(good.iter().copied(), -3, 7).unwrap();
        // off by one: an inclusive upper end draws 7
        let mut r = rng(4);
        let inclusive = (0..50_000).map(|_| r.random_range(-3..=7));
        assert!(uniform_integers(inclusive, -3, 7).unwrap_err().contains("outside"));
        // off by one the other way: never draws 6 (wrong counts, not out of range)
        let mut r = rng(5);
        let short = (0..50_000).map(|_| r.random_range(-3..6));
        assert!(uniform_integers(short, -3, 7).unwrap_err().contains("chi-square"));

        let w = [1.0, 0.0, 2.0, 5.0, 0.5, 1.5];
        let cum: Vec<f64> = w
            .iter()
            .scan(0.0, |s, x| {
                *s += x;
                Some(*s)
            })
            .collect();
        let mut r = rng(6);
        let draws: Vec<usize> = (0..50_000)
            .map(|_| {
                let u = r.random::<f64>() * 10.0;
                cum.partition_point(|&c| c <= u)
            })
            .collect();
        categorical(draws.iter().copied(), &w).unwrap();
        // categories shifted by one (e.g. `c[i] >= u` on the shifted array): fails
        assert!(categorical(draws.iter().map(|&i| (i + 1) % w.len()), &w).is_err());
        // a zero-weight category drawn even once fails
        assert!(categorical(draws.iter().copied().chain([1]), &w).unwrap_err().contains("probability 0"));
    }

    #[test]
    fn permutations_fisher_yates_passes_naive_swap_fails() {
        let fisher_yates = |t: usize| {
            let mut r = rng(t as u64);
            let mut p: Vec<usize> = (0..4).collect();
            for i in (1..4).rev() {
                p.swap(i, r.random_range(0..=i));
            }
            p
        };
        uniform_permutations(4, 24_000, fisher_yates).unwrap();
        let naive = |t: usize| {
            let mut r = rng(t as u64);
            let mut p: Vec<usize> = (0..4).collect();
            for i in 0..4 {
                p.swap(i, r.random_range(0..4));
            }
            p
        };
        assert!(uniform_permutations(4, 24_000, naive).unwrap_err().contains("orderings"));
        assert!(uniform_permutations(3, 10, |_| vec![0, 0, 1]).unwrap_err().contains("not a permutation"));
    }

    #[test]
    fn proportion_and_its_standard_error() {
        let p = std::f64::consts::FRAC_PI_4;
        let n = 100_000;
        let mut r = rng(7);
        let hits = (0..n).filter(|_| r.random::<f64>() < p).count() as f64;
        let ph = hits / n as f64;
        let se = 4.0 * (ph * (1.0 - ph) / n as f64).sqrt();
        scaled_proportion(4.0 * ph, se, n, p, 4.0).unwrap();
        assert!(scaled_proportion(4.0 * ph, se / 4.0, n, p, 4.0).is_err()); // factor 4 forgotten
        assert!(scaled_proportion(4.0 * ph, se / (n as f64).sqrt(), n, p, 4.0).is_err()); // divided by n
        assert!(scaled_proportion(4.0 * ph + 0.05, se, n, p, 4.0).is_err());
    }

    #[test]
    fn dirichlet_from_gammas_passes_normalised_uniforms_fail() {
        let alpha = [1.0, 1.0, 1.0];
        let gammas: Vec<Gamma<f64>> = alpha.iter().map(|&a| Gamma::new(a, 1.0).unwrap()).collect();
        let mut r = rng(8);
        let mut good = Array2::<f64>::zeros((20_000, 3));
        for mut row in good.rows_mut() {
            for (g, d) in row.iter_mut().zip(&gammas) {
                *g = d.sample(&mut r);
            }
            let s = row.sum();
            row /= s;
        }
        dirichlet_rows(&good, &alpha).unwrap();
        let mut bad = Array2::<f64>::zeros((20_000, 3));
        for mut row in bad.rows_mut() {
            row.iter_mut().for_each(|v| *v = r.random::<f64>());
            let s = row.sum();
            row /= s;
        }
        assert!(dirichlet_rows(&bad, &alpha).unwrap_err().contains("variance"));
        assert!(dirichlet_rows(&good, &[0.5, 1.0, 2.0]).is_err());
    }

    #[test]
    fn independent_rows_pass_repeated_rows_fail() {
        let mut r = rng(9);
        let good = Array2::from_shape_fn((6, 20_000), |_| r.random::<f64>());
        independent_uniform_rows(&good).unwrap();
        let mut same = good.clone();
        let row0 = same.row(0).to_owned();
        same.row_mut(3).assign(&row0);
        assert!(independent_uniform_rows(&same).unwrap_err().contains("rows 0 and 3"));
        let normal = Normal::new(0.5, 0.29).unwrap();
        let not_uniform = Array2::from_shape_fn((2, 20_000), |_| normal.sample(&mut r));
        assert!(independent_uniform_rows(&not_uniform).is_err());
    }
}
