// Naive `pca_eigh`: the covariance written as its formula, with a triple index loop.
//
// `C[i][j] = Σ_r xc[r][i] · xc[r][j] / (n − 1)` for every (i, j), the inner loop running down two
// columns of the centred 10⁴ × 256 matrix (a stride of 2 KB between consecutive reads), one
// bounds-checked scalar multiply-add at a time: 655 million of them, with no blocking and no
// vectorisation. The eigendecomposition afterwards is the same library call as the reference.
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
    let mut mean = Array1::<f64>::zeros(d);
    for r in 0..n {
        for j in 0..d {
            mean[j] += x[[r, j]];
        }
    }
    mean /= n as f64;
    let xc = x - &mean;
    let mut c = Array2::<f64>::zeros((d, d));
    for i in 0..d {
        for j in 0..d {
            let mut s = 0.0;
            for r in 0..n {
                s += xc[[r, i]] * xc[[r, j]];
            }
            c[[i, j]] = s / (n - 1) as f64;
        }
    }
    let (w, v) = la::eigh(&c).map_err(|e| e.to_string())?;
    let components = v.slice(s![.., ..;-1]).slice(s![.., ..k]).t().to_owned();
    let variance = w.slice(s![..;-1]).slice(s![..k]).mapv(|l| l.max(0.0));
    Ok((components, variance))
}
