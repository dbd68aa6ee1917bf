// Naive `iqr_outlier_flags`: the quartiles recomputed for every element.
//
// Reads like the rule ("x is an outlier if it is outside [Q1 - k·IQR, Q3 + k·IQR] of its
// column") with the quartiles computed inside the loop over the column's values: each element
// gathers and selects its whole column again, so a column of n values costs n selections of
// n values, O(n²). At 10⁶ rows it never finishes (the judge stops it at 25× the budget).
use ndarray::prelude::*;

fn quantile(v: &mut [f64], q: f64) -> f64 {
    let h = (v.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let frac = h - lo as f64;
    let (_, &mut a, right) = v.select_nth_unstable_by(lo, f64::total_cmp);
    if frac == 0.0 || right.is_empty() {
        return a;
    }
    let b = right.iter().copied().fold(f64::INFINITY, f64::min);
    a + frac * (b - a)
}

pub fn iqr_outlier_flags(a: &Array2<f64>, k: f64) -> Array2<bool> {
    let (n, d) = a.dim();
    let mut out = Array2::from_elem((n, d), false);
    for j in 0..d {
        for i in 0..n {
            let x = a[[i, j]];
            if x.is_nan() {
                continue;
            }
            let mut col: Vec<f64> = a.column(j).iter().copied().filter(|v| !v.is_nan()).collect();
            let q1 = quantile(&mut col, 0.25);
            let q3 = quantile(&mut col, 0.75);
            let iqr = q3 - q1;
            out[[i, j]] = x < q1 - k * iqr || x > q3 + k * iqr;
        }
    }
    out
}
