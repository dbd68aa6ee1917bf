//! Helpers for comparing results that are only defined up to a symmetry of the problem (the sign
//! of an eigenvector or singular vector, ...). Glue files use them either to put a submission's
//! answer into a canonical form before the ordinary comparison, or as derived checks.

use ndarray::{Array2, ArrayViewMut1, Axis};

/// Flips `v` so that its largest-magnitude entry is positive; entries within a relative 1e-6 of
/// the largest count as ties and the first of them decides (the rule of `ndlab::linalg`).
/// Returns whether it flipped.
fn sign_normalise(mut v: ArrayViewMut1<'_, f64>) -> bool {
    let max = v.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let lead = v.iter().copied().find(|x| x.abs() >= max * (1.0 - 1e-6));
    if lead.is_some_and(|x| x < 0.0) {
        v.mapv_inplace(|x| -x);
        true
    } else {
        false
    }
}

/// Makes every **row** of `a` canonical up to sign (its largest-magnitude entry positive), and
/// flips the matching **column** of `partner`, if given (e.g. PCA components as rows and the
/// projections on them as columns). Rows of zeros are left alone.
pub fn sign_normalise_rows(a: &mut Array2<f64>, mut partner: Option<&mut Array2<f64>>) {
    for (i, row) in a.axis_iter_mut(Axis(0)).enumerate() {
        if sign_normalise(row)
            && let Some(p) = partner.as_deref_mut()
            && i < p.ncols()
        {
            p.column_mut(i).mapv_inplace(|x| -x);
        }
    }
}

/// Makes every **column** of `a` canonical up to sign (its largest-magnitude entry positive).
pub fn sign_normalise_columns(a: &mut Array2<f64>) {
    for col in a.axis_iter_mut(Axis(1)) {
        sign_normalise(col);
    }
}

/// `Ok(())` when `got` equals `want` after flipping the sign of some columns: each column must
/// match `want`'s column or its negative entry-wise within `atol + rtol·|want|`.
pub fn same_up_to_column_sign(got: &Array2<f64>, want: &Array2<f64>, rtol: f64, atol: f64) -> Result<(), String> {
    if got.dim() != want.dim() {
        return Err(format!("shape {:?}, expected {:?}", got.dim(), want.dim()));
    }
    for (j, (g, w)) in got.columns().into_iter().zip(want.columns()).enumerate() {
        let close = |s: f64| g.iter().zip(w.iter()).all(|(a, b)| (s * a - b).abs() <= atol + rtol * b.abs());
        if !close(1.0) && !close(-1.0) {
            return Err(format!("column {j} differs from the expected one (and from its negative) beyond rtol {rtol:e}, atol {atol:e}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn rows_and_partner_columns_flip_together() {
        let mut c = array![[0.6, -0.8], [0.8, 0.6]];
        let mut z = array![[1.0, 2.0], [3.0, 4.0]];
        sign_normalise_rows(&mut c, Some(&mut z));
        assert_eq!(c, array![[-0.6, 0.8], [0.8, 0.6]]);
        assert_eq!(z, array![[-1.0, 2.0], [-3.0, 4.0]]);
        let mut w = array![[1.0, -3.0], [-2.0, 1.0]];
        sign_normalise_columns(&mut w);
        assert_eq!(w, array![[-1.0, 3.0], [2.0, -1.0]]);
    }

    #[test]
    fn column_signs_are_free_but_values_are_not() {
        let want = array![[1.0, 2.0], [3.0, 4.0]];
        assert!(same_up_to_column_sign(&array![[-1.0, 2.0], [-3.0, 4.0]], &want, 1e-9, 0.0).is_ok());
        assert!(same_up_to_column_sign(&array![[-1.0, 2.0], [3.0, 4.0]], &want, 1e-9, 0.0).is_err());
        assert!(same_up_to_column_sign(&array![[1.0], [3.0]], &want, 1e-9, 0.0).is_err());
    }
}
