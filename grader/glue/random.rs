// How the judge calls each `random` exercise: one line each. `sub` is the submission's crate.
// Entries named `exercise/check` are derived checks: they call the submission and return the
// verdict of a statistical test from `ndlab_runtime::stats` (`Ok(())`, or an `Err` saying what
// was measured, the limit, and the probability that a correct sampler fails it: at most 1e-6).
use ndarray::prelude::*;
use ndlab_runtime::Table;
use ndlab_runtime::stats;

type Check = Result<(), String>;

pub fn table(t: &mut Table) {
    t.add("uniform_array", |r: &usize, c: &usize, lo: &f64, hi: &f64, s: &u64| sub::uniform_array(*r, *c, *lo, *hi, *s));
    t.add("uniform_array/moments", |r: &usize, c: &usize, lo: &f64, hi: &f64, s: &u64| -> Check { stats::uniform_sample(sub::uniform_array(*r, *c, *lo, *hi, *s)?.iter().copied(), *lo, *hi) });
    t.add("normal_array", |r: &usize, c: &usize, m: &f64, sd: &f64, s: &u64| sub::normal_array(*r, *c, *m, *sd, *s));
    t.add("normal_array/moments", |r: &usize, c: &usize, m: &f64, sd: &f64, s: &u64| -> Check { stats::normal_sample(sub::normal_array(*r, *c, *m, *sd, *s)?.iter().copied(), *m, *sd) });
    t.add("randint_array", |n: &usize, lo: &i64, hi: &i64, s: &u64| sub::randint_array(*n, *lo, *hi, *s));
    t.add("randint_array/chi2", |n: &usize, lo: &i64, hi: &i64, s: &u64| -> Check { stats::uniform_integers(sub::randint_array(*n, *lo, *hi, *s)?.iter().copied(), *lo, *hi) });
    t.add("permutation", |n: &usize, s: &u64| sub::permutation(*n, *s));
    t.add("permutation/uniformity", |n: &usize, trials: &usize, s: &u64| stats::uniform_permutations(*n, *trials, |k| sub::permutation(*n, s.wrapping_add(k as u64)).to_vec()));
    t.add("shuffle_rows", |x: &Array2<f64>, y: &Array1<i64>, s: &u64| sub::shuffle_rows(x, y, *s));
    t.add("train_val_test_split", |n: &usize, val: &f64, test: &f64, s: &u64| sub::train_val_test_split(*n, *val, *test, *s));
    t.add("weighted_choice", |w: &Array1<f64>, n: &usize, s: &u64| sub::weighted_choice(w, *n, *s));
    t.add("weighted_choice/chi2", |w: &Array1<f64>, n: &usize, s: &u64| -> Check { stats::categorical(sub::weighted_choice(w, *n, *s)?.iter().copied(), &w.to_vec()) });
    t.add("bootstrap_mean_ci", |x: &Array1<f64>, b: &usize, level: &f64, s: &u64| sub::bootstrap_mean_ci(x, *b, *level, *s));
    t.add("monte_carlo_pi", |n: &usize, s: &u64| sub::monte_carlo_pi(*n, *s));
    t.add("monte_carlo_pi/calibration", |n: &usize, s: &u64| -> Check { let (est, se) = sub::monte_carlo_pi(*n, *s)?; stats::scaled_proportion(est, se, *n, std::f64::consts::FRAC_PI_4, 4.0) });
    t.add("dirichlet_weights", |a: &Array1<f64>, n: &usize, s: &u64| sub::dirichlet_weights(a, *n, *s));
    t.add("dirichlet_weights/moments", |a: &Array1<f64>, n: &usize, s: &u64| -> Check { stats::dirichlet_rows(&sub::dirichlet_weights(a, *n, *s)?, &a.to_vec()) });
    t.add("xavier_uniform", |fi: &usize, fo: &usize, s: &u64| sub::xavier_uniform(*fi, *fo, *s));
    t.add("xavier_uniform/moments", |fi: &usize, fo: &usize, s: &u64| { let a = (6.0 / (fi + fo) as f64).sqrt(); stats::uniform_sample(sub::xavier_uniform(*fi, *fo, *s).iter().copied(), -a, a) });
    t.add("he_normal", |fi: &usize, fo: &usize, s: &u64| sub::he_normal(*fi, *fo, *s));
    t.add("he_normal/moments", |fi: &usize, fo: &usize, s: &u64| stats::normal_sample(sub::he_normal(*fi, *fo, *s).iter().copied(), 0.0, (2.0 / *fi as f64).sqrt()));
    t.add("worker_streams", |w: &usize, n: &usize, s: &u64| sub::worker_streams(*w, *n, *s));
    t.add("worker_streams/independence", |w: &usize, n: &usize, s: &u64| stats::independent_uniform_rows(&sub::worker_streams(*w, *n, *s)));
    t.add("par_monte_carlo_pi", |n: &usize, w: &usize, s: &u64| sub::par_monte_carlo_pi(*n, *w, *s));
    t.add("par_monte_carlo_pi/calibration", |n: &usize, w: &usize, s: &u64| -> Check {
        let (est, se) = sub::par_monte_carlo_pi(*n, *w, *s)?;
        stats::scaled_proportion(est, se, n * w, std::f64::consts::FRAC_PI_4, 4.0)
    });
    // The value itself (compared exactly with the reference's), once it is the same on 1 and 3
    // threads: an `Ok(())` here would pay a constant answer, which is the same on any pool.
    t.add("par_monte_carlo_pi/threads", |n: &usize, w: &usize, s: &u64| same_on_1_and_3_threads(|| sub::par_monte_carlo_pi(*n, *w, *s)));
    t.add("par_sum_squares", |x: &Array1<f64>, c: &usize| sub::par_sum_squares(x, *c));
    t.add("par_row_norms", |x: &Array2<f64>| sub::par_row_norms(x));
}

/// Runs `f` in a rayon pool of one thread and in one of three, and returns the result when both
/// agree:
/// darts drawn from a generator shared by the threads show up here. (Not used for float sums:
/// a sum combined in whatever order threads finish may or may not round differently on a
/// given run, and a check that fails by chance is worse than none.)
fn same_on_1_and_3_threads<T: PartialEq + std::fmt::Debug + Send>(f: impl Fn() -> Result<T, String> + Sync + Send) -> Result<T, String> {
    let pool = |n| rayon::ThreadPoolBuilder::new().num_threads(n).build().map_err(|e| format!("the grader could not start {n} thread(s): {e}"));
    let one = pool(1)?.install(&f)?;
    let three = pool(3)?.install(&f)?;
    if one == three { Ok(one) } else { Err(format!("different results on 1 and 3 threads: {one:?} and {three:?} (the result must not depend on the scheduling)")) }
}
