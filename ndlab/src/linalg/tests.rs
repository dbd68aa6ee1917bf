//! These tests run on whichever backend is compiled in (`cargo test -p ndlab` for faer,
//! `cargo test -p ndlab --features mkl` for MKL) and expect the same answers from both.

use super::*;
use ndarray::{Array2, array, s};
use ndarray_rand::RandomExt;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

fn randn(m: usize, n: usize, seed: u64) -> Array2<f64> {
    Array2::random_using((m, n), StandardNormal, &mut ChaCha8Rng::seed_from_u64(seed))
}

fn max_abs(a: &Array2<f64>) -> f64 {
    a.iter().fold(0.0, |m, x| m.max(x.abs()))
}

fn close(a: &Array2<f64>, b: &Array2<f64>, tol: f64) -> bool {
    a.dim() == b.dim() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol * (1.0 + y.abs()))
}

#[test]
fn solve_matches_a_hand_computed_system() {
    // 2x + y = 3, x + 3y = 5  ->  x = 0.8, y = 1.4
    let a = array![[2.0, 1.0], [1.0, 3.0]];
    let x = solve(&a, &array![3.0, 5.0]).unwrap();
    assert!((x[0] - 0.8).abs() < 1e-14 && (x[1] - 1.4).abs() < 1e-14, "{x}");
}

#[test]
fn solve_many_has_small_residuals_on_random_and_strided_input() {
    let big = randn(80, 120, 1);
    let a = big.slice(s![..;2, ..;3]); // 40×40, non-contiguous
    let b = randn(40, 3, 2);
    let x = solve_many(&a, &b).unwrap();
    assert!(max_abs(&(a.dot(&x) - &b)) < 1e-10);
    let at = a.t(); // transposed view
    let x = solve_many(&at, &b).unwrap();
    assert!(max_abs(&(at.dot(&x) - &b)) < 1e-10);
}

#[test]
fn singular_and_numerically_singular_matrices_are_errors_not_nan() {
    assert_eq!(solve(&array![[1.0, 2.0], [2.0, 4.0]], &array![1.0, 2.0]), Err(LinalgError::Singular));
    let a = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]; // rank 2, pivot ~1e-16
    assert_eq!(inv(&a), Err(LinalgError::Singular));
    assert_eq!(solve(&array![[0.0]], &array![1.0]), Err(LinalgError::Singular));
    // Near-singular but fine: still solved, accurately.
    let a = array![[1.0, 1.0], [1.0, 1.0 + 1e-10]];
    let x = solve(&a, &array![2.0, 2.0 + 1e-10]).unwrap();
    assert!((x[0] - 1.0).abs() < 1e-5 && (x[1] - 1.0).abs() < 1e-5, "{x}");
}

#[test]
fn shape_errors_are_reported() {
    let a = randn(3, 4, 3);
    assert_eq!(det(&a), Err(LinalgError::NotSquare { rows: 3, cols: 4 }));
    assert_eq!(inv(&a), Err(LinalgError::NotSquare { rows: 3, cols: 4 }));
    assert!(matches!(solve(&randn(3, 3, 4), &array![1.0, 2.0]), Err(LinalgError::ShapeMismatch(_))));
    assert!(matches!(matmul(&a, &a), Err(LinalgError::ShapeMismatch(_))));
    assert!(matches!(lstsq(&a, &array![1.0]), Err(LinalgError::ShapeMismatch(_))));
    assert_eq!(eigh(&a), Err(LinalgError::NotSquare { rows: 3, cols: 4 }));
    assert_eq!(det(&array![[1.0, f64::NAN], [0.0, 1.0]]), Err(LinalgError::NotFinite));
    let msg = LinalgError::NotSquare { rows: 3, cols: 4 }.to_string();
    assert!(msg.contains("3×4"), "{msg}");
}

#[test]
fn det_has_the_permutation_sign() {
    assert!((det(&array![[0.0, 1.0], [1.0, 0.0]]).unwrap() + 1.0).abs() < 1e-15);
    assert!((det(&array![[2.0, 0.0, 0.0], [0.0, 3.0, 0.0], [0.0, 0.0, 4.0]]).unwrap() - 24.0).abs() < 1e-12);
    assert!((det(&array![[1.0, 2.0], [3.0, 4.0]]).unwrap() + 2.0).abs() < 1e-12);
    assert_eq!(det(&array![[1.0, 2.0], [2.0, 4.0]]).unwrap(), 0.0);
    assert_eq!(det(&Array2::<f64>::zeros((0, 0))).unwrap(), 1.0);
    assert!((det(&array![[-7.5]]).unwrap() + 7.5).abs() < 1e-15);
}

#[test]
fn inv_times_a_is_identity() {
    let a = randn(30, 30, 5);
    let ai = inv(&a).unwrap();
    assert!(max_abs(&(a.dot(&ai) - Array2::<f64>::eye(30))) < 1e-10);
}

#[test]
fn eigh_is_ascending_orthonormal_and_sign_normalised() {
    let x = randn(20, 20, 6);
    let a = &x + &x.t();
    let (w, v) = eigh(&a).unwrap();
    assert!(w.windows(2).into_iter().all(|p| p[0] <= p[1]));
    assert!(max_abs(&(a.dot(&v) - &v * &w)) < 1e-10);
    assert!(max_abs(&(v.t().dot(&v) - Array2::<f64>::eye(20))) < 1e-12);
    for c in v.columns() {
        let lead = c.iter().fold(0.0f64, |m, x| if x.abs() > m.abs() { *x } else { m });
        assert!(lead > 0.0);
    }
    let w2 = eigvalsh(&a).unwrap();
    assert!(w.iter().zip(&w2).all(|(p, q)| (p - q).abs() < 1e-10));
    // Known case: [[2,1],[1,2]] has eigenvalues 1 and 3, vectors (1,-1)/√2 and (1,1)/√2.
    let (w, v) = eigh(&array![[2.0, 1.0], [1.0, 2.0]]).unwrap();
    let r = std::f64::consts::FRAC_1_SQRT_2;
    assert!((w[0] - 1.0).abs() < 1e-14 && (w[1] - 3.0).abs() < 1e-14);
    assert!(close(&v, &array![[r, r], [-r, r]], 1e-14), "{v}");
}

#[test]
fn eigh_reads_only_the_lower_triangle() {
    let full = array![[4.0, 1.0], [1.0, 3.0]];
    let lower = array![[4.0, 99.0], [1.0, 3.0]];
    assert_eq!(eigvalsh(&full).unwrap(), eigvalsh(&lower).unwrap());
    assert_eq!(eigh(&full).unwrap(), eigh(&lower).unwrap());
    assert_eq!(cholesky(&full).unwrap(), cholesky(&lower).unwrap());
}

#[test]
fn thin_svd_reconstructs_tall_and_wide_matrices() {
    for (m, n) in [(50, 8), (8, 50), (1, 1), (5, 5)] {
        let a = randn(m, n, 7 + m as u64);
        let (u, s, vt) = svd(&a).unwrap();
        let k = m.min(n);
        assert_eq!((u.dim(), s.len(), vt.dim()), ((m, k), k, (k, n)));
        assert!(s.windows(2).into_iter().all(|p| p[0] >= p[1]));
        assert!(max_abs(&((&u * &s).dot(&vt) - &a)) < 1e-12);
        let s2 = svdvals(&a).unwrap();
        assert!(s.iter().zip(&s2).all(|(p, q)| (p - q).abs() < 1e-12));
    }
}

#[test]
fn qr_is_reduced_with_non_negative_diagonal() {
    for (m, n) in [(40, 6), (6, 9)] {
        let a = randn(m, n, 8);
        let (q, r) = qr(&a).unwrap();
        let k = m.min(n);
        assert_eq!((q.dim(), r.dim()), ((m, k), (k, n)));
        assert!(max_abs(&(q.dot(&r) - &a)) < 1e-12);
        assert!(max_abs(&(q.t().dot(&q) - Array2::<f64>::eye(k))) < 1e-12);
        assert!((0..k).all(|i| r[[i, i]] >= 0.0 && (0..i).all(|j| r[[i, j]] == 0.0)));
    }
}

#[test]
fn cholesky_of_spd_and_of_indefinite() {
    let x = randn(10, 10, 9);
    let a = x.t().dot(&x) + Array2::<f64>::eye(10);
    let l = cholesky(&a).unwrap();
    assert!(max_abs(&(l.dot(&l.t()) - &a)) < 1e-10);
    assert!((0..10).all(|i| (i + 1..10).all(|j| l[[i, j]] == 0.0)));
    assert_eq!(cholesky(&array![[1.0, 2.0], [2.0, 1.0]]), Err(LinalgError::NotPositiveDefinite));
    assert_eq!(cholesky(&array![[-1.0]]), Err(LinalgError::NotPositiveDefinite));
}

#[test]
fn lstsq_full_rank_matches_normal_equations_and_rank_deficient_is_min_norm() {
    let a = randn(60, 4, 10);
    let b = randn(60, 1, 11).column(0).to_owned();
    let x = lstsq(&a, &b).unwrap();
    let xn = solve(&a.t().dot(&a), &a.t().dot(&b)).unwrap();
    assert!(x.iter().zip(&xn).all(|(p, q)| (p - q).abs() < 1e-10));
    // Two identical columns: the minimum-norm solution splits the weight equally.
    let a = array![[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]];
    let x = lstsq(&a, &array![2.0, 4.0, 6.0]).unwrap();
    assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 1.0).abs() < 1e-12, "{x}");
    // Under-determined: x + y = 2 -> (1, 1).
    let x = lstsq(&array![[1.0, 1.0]], &array![2.0]).unwrap();
    assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 1.0).abs() < 1e-12, "{x}");
}

#[test]
fn gram_is_a_symmetric_transpose_product() {
    let a = Array2::from_shape_fn((7, 4), |(i, j)| ((i * 5 + j * 3) % 7) as f64 - 2.5);
    let g = gram(&a);
    assert!(max_abs(&(&g - &a.t().dot(&a))) < 1e-12);
    assert_eq!(g, g.t());
    let h = gram(&a.t());
    assert!(max_abs(&(&h - &a.dot(&a.t()))) < 1e-12);
    assert_eq!(gram(&Array2::<f64>::zeros((0, 3))), Array2::<f64>::zeros((3, 3)));
}

#[test]
fn matmul_agrees_with_dot() {
    let a = randn(17, 33, 12);
    let b = randn(33, 5, 13);
    assert!(max_abs(&(matmul(&a, &b).unwrap() - a.dot(&b))) < 1e-12);
    assert!(max_abs(&(matmul(&b.t(), &a.t()).unwrap() - b.t().dot(&a.t()))) < 1e-12);
}

#[test]
fn empty_inputs_give_empty_answers() {
    let e = Array2::<f64>::zeros((0, 0));
    assert_eq!(inv(&e).unwrap().dim(), (0, 0));
    assert_eq!(solve(&e, &Array1::zeros(0)).unwrap().len(), 0);
    let (u, s, vt) = svd(&Array2::<f64>::zeros((3, 0))).unwrap();
    assert_eq!((u.dim(), s.len(), vt.dim()), ((3, 0), 0, (0, 0)));
}
