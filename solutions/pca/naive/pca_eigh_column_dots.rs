// Naive `pca_eigh`: the covariance one pair of columns at a time.
//
// `xc.column(i).dot(&xc.column(j))` for the d(d+1)/2 pairs (symmetry used, so half the work of
// the triple loop), each a dot product of two strided column views of the centred 10⁴ × 256
// matrix: every read is 2 KB from the previous one, so each dot loads 2·10⁴ cache lines to use
// one value from each, and nothing is reused between pairs (the matrix is 20 MB).
use ndarray::prelude::*;
use ndlab::linalg as la;

pub fn pca_eigh(x: &Array2<f64>, k: usize) -> Result<(Array2<f64>, Array1<f64>), String> {
    let (n, d) = x.dim();
    if n < 2 {
        return Err(format!("pca_eigh: needs at least 2 samples, got {n}"));
    }
    if k > n.min(d) {
        return Err(format!("pca_eigh: {k} components asked of a {n}x{d} matrix"));
    }
    let mean = x.mean_axis(Axis(0)).unwrap();
    let xc = x - &mean;
    let mut c = Array2::<f64>::zeros((d, d));
    for i in 0..d {
        for j in i..d {
            let v = xc.column(i).dot(&xc.column(j)) / (n - 1) as f64;
            c[[i, j]] = v;
            c[[j, i]] = v;
        }
    }
    let (w, v) = la::eigh(&c).map_err(|e| e.to_string())?;
    let components = v.slice(s![.., ..;-1]).slice(s![.., ..k]).t().to_owned();
    let variance = w.slice(s![..;-1]).slice(s![..k]).mapv(|l| l.max(0.0));
    Ok((components, variance))
}
