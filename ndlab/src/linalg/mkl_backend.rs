//! The opt-in backend (`--features mkl`): LAPACK from Intel MKL (static, LP64, sequential)
//! through `ndarray-linalg` and its `lax` layer. `.dot()` goes through MKL's BLAS as well.

use super::{LinalgError, Result};
use lax::Lapack;
use lax::layout::MatrixLayout;
use ndarray::{Array1, Array2, ArrayView2, ShapeBuilder};
use ndarray_linalg::{Cholesky, Eigh, JobSvd, QR, SVDDC, UPLO};

pub const NAME: &str = "Intel MKL via ndarray-linalg (LAPACK)";

fn backend(e: ndarray_linalg::error::LinalgError) -> LinalgError {
    LinalgError::Backend(e.to_string())
}

/// A column-major packed LU factorisation from `?getrf` with its 1-based pivot rows.
pub struct Lu {
    a: Vec<f64>,
    n: usize,
    ipiv: Option<Vec<i32>>,
}

fn layout(n: usize) -> MatrixLayout {
    MatrixLayout::F { col: n as i32, lda: n as i32 }
}

pub fn lu(a: ArrayView2<'_, f64>) -> Lu {
    let n = a.nrows();
    let mut data = Array2::zeros((n, n).f());
    data.assign(&a);
    let mut data = data.into_raw_vec_and_offset().0;
    // `?getrf` reports an exactly zero pivot as an error but still finishes the factorisation.
    let ipiv = f64::lu(layout(n), &mut data).ok();
    Lu { a: data, n, ipiv }
}

impl Lu {
    pub fn pivots(&self) -> Vec<f64> {
        (0..self.n).map(|i| self.a[i * self.n + i]).collect()
    }

    pub fn swaps(&self) -> usize {
        match &self.ipiv {
            Some(p) => p.iter().enumerate().filter(|(i, r)| **r as usize != i + 1).count(),
            None => 0,
        }
    }

    pub fn solve(&self, b: Array2<f64>) -> Array2<f64> {
        let ipiv = self.ipiv.as_ref().expect("solve is only called on a non-singular factorisation");
        let mut x = Array2::zeros(b.dim().f());
        x.assign(&b);
        for mut col in x.columns_mut() {
            let s = col.as_slice_mut().expect("columns of a column-major array are contiguous");
            f64::solve(layout(self.n), lax::Transpose::No, &self.a, ipiv, s).expect("?getrs on a valid factorisation");
        }
        x
    }
}

pub fn matmul(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    a.dot(&b)
}

pub fn gram(a: ArrayView2<'_, f64>) -> Array2<f64> {
    a.t().dot(&a)
}

pub fn eigh(a: ArrayView2<'_, f64>) -> Result<(Array1<f64>, Array2<f64>)> {
    a.eigh(UPLO::Lower).map_err(backend)
}

pub fn eigvalsh(a: ArrayView2<'_, f64>) -> Result<Array1<f64>> {
    use ndarray_linalg::EigValsh;
    a.eigvalsh(UPLO::Lower).map_err(backend)
}

pub fn svd(a: ArrayView2<'_, f64>) -> Result<(Array2<f64>, Array1<f64>, Array2<f64>)> {
    let (u, s, vt) = a.svddc(JobSvd::Some).map_err(backend)?;
    Ok((u.expect("U requested"), s, vt.expect("Vt requested")))
}

pub fn svdvals(a: ArrayView2<'_, f64>) -> Result<Array1<f64>> {
    let (_, s, _) = a.svddc(JobSvd::None).map_err(backend)?;
    Ok(s)
}

pub fn qr(a: ArrayView2<'_, f64>) -> Result<(Array2<f64>, Array2<f64>)> {
    a.qr().map_err(backend)
}

pub fn cholesky(a: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
    a.cholesky(UPLO::Lower).map_err(|_| LinalgError::NotPositiveDefinite)
}
