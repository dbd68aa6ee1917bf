// Naive `mlp_backward`: every matrix product written as an `i, j, k` triple loop with indexing.
//
// The arithmetic is the same as with `.dot`, but each product runs one index-checked
// multiply-add after another, with the inner `k` loop walking down a column of the right-hand
// matrix (a stride of a whole row per step): no blocking for the caches, no vector units. On a
// 256 × 784 batch and a 784 × 256 layer that is about 10⁸ such steps per product.
use ndarray::prelude::*;

fn matmul_loops(a: &Array2<f64>, b: &Array2<f64>) -> Array2<f64> {
    let (n, k) = a.dim();
    let m = b.ncols();
    let mut c = Array2::zeros((n, m));
    for i in 0..n {
        for j in 0..m {
            let mut s = 0.0;
            for t in 0..k {
                s += a[[i, t]] * b[[t, j]];
            }
            c[[i, j]] = s;
        }
    }
    c
}

pub fn mlp_backward(x: &Array2<f64>, y: &Array1<usize>, w1: &Array2<f64>, b1: &Array1<f64>, w2: &Array2<f64>, b2: &Array1<f64>) -> (f64, (Array2<f64>, Array1<f64>, Array2<f64>, Array1<f64>)) {
    let n = x.nrows();
    let z1 = matmul_loops(x, w1) + b1;
    let h = z1.mapv(|v| if v < 0.0 { 0.0 } else { v });
    let logits = matmul_loops(&h, w2) + b2;
    let mut loss = 0.0;
    let mut dz2 = logits.clone();
    for (i, mut row) in dz2.rows_mut().into_iter().enumerate() {
        let m = row.fold(f64::NEG_INFINITY, |a, &v| a.max(v));
        row.mapv_inplace(|v| (v - m).exp());
        let s = row.sum();
        loss += m + s.ln() - logits[[i, y[i]]];
        row /= s;
        row[y[i]] -= 1.0;
    }
    let loss = loss / n as f64;
    dz2 /= n as f64;
    let dw2 = matmul_loops(&h.t().to_owned(), &dz2);
    let db2 = dz2.sum_axis(Axis(0));
    let dh = matmul_loops(&dz2, &w2.t().to_owned());
    let dz1 = ndarray::Zip::from(&dh).and(&z1).map_collect(|&g, &v| if v > 0.0 { g } else { 0.0 });
    let dw1 = matmul_loops(&x.t().to_owned(), &dz1);
    let db1 = dz1.sum_axis(Axis(0));
    (loss, (dw1, db1, dw2, db2))
}
