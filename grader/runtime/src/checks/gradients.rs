//! Analytic gradients against the grader's own central differences (`nn`, `classify`).

use ndarray::{Array2, ArrayView2};

/// Compares `analytic` with the central differences `(f(w + eps·e_ij) − f(w − eps·e_ij)) / 2eps`
/// of the grader's own function `f`, entry by entry, against the limit
/// `1e-6 · max(1, max |numeric|)`. `Err` names the entry (`name[(i, j)]`) with the largest gap.
pub fn gradient_gap(name: &str, analytic: ArrayView2<f64>, w: &Array2<f64>, eps: f64, f: impl Fn(&Array2<f64>) -> f64) -> Result<(), String> {
    if analytic.dim() != w.dim() {
        return Err(format!("{name} has shape {:?}, expected {:?}", analytic.dim(), w.dim()));
    }
    let mut wp = w.clone();
    let (mut worst, mut scale, mut at): (f64, f64, (usize, usize)) = (0.0, 1.0, (0, 0));
    for ((i, j), &o) in w.indexed_iter() {
        wp[[i, j]] = o + eps;
        let fp = f(&wp);
        wp[[i, j]] = o - eps;
        let fm = f(&wp);
        wp[[i, j]] = o;
        let num = (fp - fm) / (2.0 * eps);
        scale = scale.max(num.abs());
        let gap = (analytic[[i, j]] - num).abs();
        // `!(gap <= worst)` also catches a NaN gap.
        if !(gap <= worst) {
            worst = gap;
            at = (i, j);
        }
    }
    let limit = 1e-6 * scale;
    if worst <= limit { Ok(()) } else { Err(format!("{name}{at:?} differs from central differences by {worst:e} (limit {limit:e})")) }
}

#[cfg(test)]
mod tests {
    use super::gradient_gap;
    use ndarray::array;

    #[test]
    fn a_right_gradient_passes_and_a_wrong_one_is_named() {
        let w = array![[1.0, -2.0], [0.5, 3.0]];
        let f = |w: &ndarray::Array2<f64>| w.iter().map(|v| v * v * v).sum::<f64>();
        let right = w.mapv(|v| 3.0 * v * v);
        assert!(gradient_gap("dw", right.view(), &w, 1e-6, f).is_ok());
        let mut wrong = right.clone();
        wrong[[1, 0]] += 0.1;
        let e = gradient_gap("dw", wrong.view(), &w, 1e-6, f).unwrap_err();
        assert!(e.starts_with("dw(1, 0)"), "{e}");
        assert!(gradient_gap("dw", array![[f64::NAN, 0.0], [0.0, 0.0]].view(), &w, 1e-6, f).is_err());
        assert!(gradient_gap("dw", array![[1.0]].view(), &w, 1e-6, f).unwrap_err().contains("shape"));
    }
}
