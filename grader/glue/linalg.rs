// How the judge calls each `linalg` exercise: one line each. `sub` is the submission's crate.
use ndarray::prelude::*;
use ndlab_runtime::Table;

/// Derived check for `solve_vs_inv_residuals`: the two residuals depend on how the sums are
/// rounded, so the grader computes them itself with `ndlab::linalg` (same backend as the
/// submission) and accepts values within a factor 2, or both below a rounding floor.
fn residuals_check(a: &Array2<f64>, b: &Array1<f64>) -> Result<(), String> {
    use ndlab::linalg as la;
    let res = |x: &Array1<f64>| {
        let r = a.dot(x) - b;
        r.dot(&r).sqrt()
    };
    let want = la::solve(a, b).and_then(|xs| Ok((xs.clone(), la::inv(a)?.dot(b))));
    let got = sub::solve_vs_inv_residuals(a, b);
    match (want, got) {
        (Err(_), Err(_)) => Ok(()),
        (Err(e), Ok(g)) => Err(format!("expected an error ({e}), got {g:?}")),
        (Ok(_), Err(e)) => Err(format!("unexpected error: {e}")),
        (Ok((xs, xi)), Ok((gs, gi))) => {
            let fro = a.iter().map(|v| v * v).sum::<f64>().sqrt();
            let floor = 100.0 * (a.nrows().max(1) as f64) * f64::EPSILON * (fro * xs.dot(&xs).sqrt() + b.dot(b).sqrt());
            let ok = |g: f64, w: f64| g.is_finite() && g >= 0.0 && ((g <= floor && w <= floor) || (g >= 0.5 * w && g <= 2.0 * w));
            let (ws, wi) = (res(&xs), res(&xi));
            if ok(gs, ws) && ok(gi, wi) {
                Ok(())
            } else {
                Err(format!("residuals (solve, inv) = ({gs:e}, {gi:e}); the grader measures ({ws:e}, {wi:e}) (accepted: within a factor 2, or both below {floor:e})"))
            }
        }
    }
}

pub fn table(t: &mut Table) {
    t.add("vector_norms", |v: &Array1<f64>| sub::vector_norms(v));
    t.add("matrix_norms", |a: &Array2<f64>| sub::matrix_norms(a));
    t.add("polyval", |c: &Array1<f64>, x: &Array1<f64>| sub::polyval(c, x));
    t.add("dot_vs_mul", |a: &Array2<f64>, b: &Array2<f64>| sub::dot_vs_mul(a, b));
    t.add("forward_substitution", |l: &Array2<f64>, b: &Array1<f64>| sub::forward_substitution(l, b));
    t.add("back_substitution", |u: &Array2<f64>, b: &Array1<f64>| sub::back_substitution(u, b));
    t.add("gauss_solve", |a: &Array2<f64>, b: &Array1<f64>| sub::gauss_solve(a, b));
    t.add("lu_decompose", |a: &Array2<f64>| sub::lu_decompose(a));
    t.add("det_lu", |a: &Array2<f64>| sub::det_lu(a));
    t.add("inverse_by_solve", |a: &Array2<f64>| sub::inverse_by_solve(a));
    t.add("solve_vs_inv_residuals", |a: &Array2<f64>, b: &Array1<f64>| sub::solve_vs_inv_residuals(a, b));
    t.add("solve_vs_inv_residuals/residuals", |a: &Array2<f64>, b: &Array1<f64>| residuals_check(a, b));
    t.add("cholesky_scratch", |a: &Array2<f64>| sub::cholesky_scratch(a));
    t.add("householder_qr", |a: &Array2<f64>| sub::householder_qr(a));
    t.add("lstsq_normal", |a: &Array2<f64>, b: &Array1<f64>| sub::lstsq_normal(a, b));
    t.add("lstsq_qr", |a: &Array2<f64>, b: &Array1<f64>| sub::lstsq_qr(a, b));
    t.add("power_iteration", |a: &Array2<f64>, it: &usize, tol: &f64| sub::power_iteration(a, *it, *tol));
    t.add("eigh_desc", |a: &Array2<f64>| sub::eigh_desc(a));
    t.add("low_rank_approx", |a: &Array2<f64>, k: &usize| sub::low_rank_approx(a, *k));
    t.add("rank_and_cond", |a: &Array2<f64>, rtol: &f64| sub::rank_and_cond(a, *rtol));
    t.add("polyfit", |x: &Array1<f64>, y: &Array1<f64>, deg: &usize| sub::polyfit(x, y, *deg));
    t.add("ols_with_bias", |x: &Array2<f64>, y: &Array1<f64>| sub::ols_with_bias(x, y));
    t.add("pinv", |a: &Array2<f64>, rtol: &f64| sub::pinv(a, *rtol));
}
