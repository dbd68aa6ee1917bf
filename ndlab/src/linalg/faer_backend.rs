//! The default backend: faer (pure Rust), single-threaded (`Par::Seq`).

use super::{LinalgError, Result};
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::lu::partial_pivoting::{factor, solve};
use faer::{Accum, Mat, MatRef, Par, Side};
use faer_ext::IntoFaer;
use ndarray::{Array1, Array2, ArrayView2};

pub const NAME: &str = "faer 0.24 (pure Rust)";

const PAR: Par = Par::Seq;

fn to_nd(m: MatRef<'_, f64>) -> Array2<f64> {
    // One O(n²) copy into a standard-layout array.
    Array2::from_shape_fn((m.nrows(), m.ncols()), |(i, j)| m[(i, j)])
}

/// A packed LU factorisation (unit L below the diagonal, U on and above) with its row permutation.
pub struct Lu {
    lu: Mat<f64>,
    perm: Vec<usize>,
    perm_inv: Vec<usize>,
    swaps: usize,
}

pub fn lu(a: ArrayView2<'_, f64>) -> Lu {
    let n = a.nrows();
    let mut lu = a.into_faer().to_owned();
    let mut perm = vec![0usize; n];
    let mut perm_inv = vec![0usize; n];
    let mut mem = MemBuffer::new(factor::lu_in_place_scratch::<usize, f64>(n, n, PAR, Default::default()));
    let (info, _) = factor::lu_in_place(lu.as_mut(), &mut perm, &mut perm_inv, PAR, MemStack::new(&mut mem), Default::default());
    Lu { lu, perm, perm_inv, swaps: info.transposition_count }
}

impl Lu {
    pub fn pivots(&self) -> Vec<f64> {
        (0..self.lu.nrows()).map(|i| self.lu[(i, i)]).collect()
    }

    pub fn swaps(&self) -> usize {
        self.swaps
    }

    pub fn solve(&self, b: Array2<f64>) -> Array2<f64> {
        let n = self.lu.nrows();
        let mut rhs = b.view().into_faer().to_owned();
        // SAFETY: perm and perm_inv come from lu_in_place, so they are inverse permutations of 0..n.
        let p = unsafe { faer::perm::PermRef::new_unchecked(&self.perm, &self.perm_inv, n) };
        let mut mem = MemBuffer::new(solve::solve_in_place_scratch::<usize, f64>(n, rhs.ncols(), PAR));
        solve::solve_in_place(self.lu.as_ref(), self.lu.as_ref(), p, rhs.as_mut(), PAR, MemStack::new(&mut mem));
        to_nd(rhs.as_ref())
    }
}

pub fn matmul(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    let mut c = Array2::<f64>::zeros((a.nrows(), b.ncols()));
    faer::linalg::matmul::matmul(c.view_mut().into_faer(), Accum::Replace, a.into_faer(), b.into_faer(), 1.0, PAR);
    c
}

/// `aᵀ·a`: the lower triangle by faer's triangular product (half the work of a full product),
/// then mirrored.
pub fn gram(a: ArrayView2<'_, f64>) -> Array2<f64> {
    use faer::linalg::matmul::triangular::{BlockStructure, matmul};
    let d = a.ncols();
    let mut c = Array2::<f64>::zeros((d, d));
    matmul(
        c.view_mut().into_faer(),
        BlockStructure::TriangularLower,
        Accum::Replace,
        a.t().into_faer(),
        BlockStructure::Rectangular,
        a.into_faer(),
        BlockStructure::Rectangular,
        1.0,
        PAR,
    );
    for i in 0..d {
        for j in i + 1..d {
            c[[i, j]] = c[[j, i]];
        }
    }
    c
}

pub fn eigh(a: ArrayView2<'_, f64>) -> Result<(Array1<f64>, Array2<f64>)> {
    let e = a.into_faer().self_adjoint_eigen(Side::Lower).map_err(|_| LinalgError::NoConvergence)?;
    let s = e.S().column_vector();
    let w = Array1::from_iter((0..s.nrows()).map(|i| s[i]));
    Ok((w, to_nd(e.U())))
}

pub fn eigvalsh(a: ArrayView2<'_, f64>) -> Result<Array1<f64>> {
    let w = a.into_faer().self_adjoint_eigenvalues(Side::Lower).map_err(|_| LinalgError::NoConvergence)?;
    Ok(Array1::from(w))
}

pub fn svd(a: ArrayView2<'_, f64>) -> Result<(Array2<f64>, Array1<f64>, Array2<f64>)> {
    let d = a.into_faer().thin_svd().map_err(|_| LinalgError::NoConvergence)?;
    let s = d.S().column_vector();
    let s = Array1::from_iter((0..s.nrows()).map(|i| s[i]));
    Ok((to_nd(d.U()), s, to_nd(d.V().transpose())))
}

pub fn svdvals(a: ArrayView2<'_, f64>) -> Result<Array1<f64>> {
    let s = a.into_faer().singular_values().map_err(|_| LinalgError::NoConvergence)?;
    Ok(Array1::from(s))
}

pub fn qr(a: ArrayView2<'_, f64>) -> Result<(Array2<f64>, Array2<f64>)> {
    let q = a.into_faer().qr();
    Ok((to_nd(q.compute_thin_Q().as_ref()), to_nd(q.thin_R())))
}

pub fn cholesky(a: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
    let l = a.into_faer().llt(Side::Lower).map_err(|_| LinalgError::NotPositiveDefinite)?;
    Ok(to_nd(l.L()))
}
