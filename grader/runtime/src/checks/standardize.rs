//! The course-wide constant-column rule of every standardisation exercise
//! (`docs/writing-a-module.md`): a column whose values are all equal becomes exact zeros.

use ndarray::Array2;

/// Every column of `x` whose values are all equal must come out of `y` as exact zeros (not
/// `1.4e-17` from an inexact mean, not `1.0` from dividing by a tiny computed deviation).
pub fn constant_columns_are_zeros(x: &Array2<f64>, y: &Array2<f64>) -> Result<(), String> {
    if y.dim() != x.dim() {
        return Err(format!("the result has shape {:?}, the input {:?}", y.dim(), x.dim()));
    }
    for (j, (col, out)) in x.columns().into_iter().zip(y.columns()).enumerate() {
        let Some(&v) = col.first() else { continue };
        if col.iter().all(|&c| c == v)
            && let Some(&bad) = out.iter().find(|&&o| o != 0.0)
        {
            return Err(format!("column {j} is constant (every value is {v}) but became {bad:e}, not exactly 0"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn a_constant_column_must_be_exact_zeros() {
        let x = array![[0.1, 1.0], [0.1, 2.0]];
        assert!(constant_columns_are_zeros(&x, &array![[0.0, -1.0], [0.0, 1.0]]).is_ok());
        assert!(constant_columns_are_zeros(&x, &array![[1.4e-17, -1.0], [1.4e-17, 1.0]]).is_err());
        assert!(constant_columns_are_zeros(&x, &array![[0.0], [0.0]]).is_err());
    }
}
