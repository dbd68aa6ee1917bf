// Naive `mlp_backward`: a loop over the samples, one vector–matrix product (and one outer
// product in the backward pass) per sample.
//
// The textbook "one example at a time" form: `x.row(i).dot(w1)` allocates a new hidden vector
// and re-reads the whole 784 × 256 weight matrix (1.6 MB) for each of the 256 samples, and the
// weight gradient is accumulated as 256 separate rank-one updates `dw1 += xᵢ ⊗ dz1ᵢ`, each a
// full read-modify-write sweep over 1.6 MB. A matrix product does the same arithmetic in
// cache-sized blocks, reading each weight a few times instead of 256.
use ndarray::prelude::*;

pub fn mlp_backward(x: &Array2<f64>, y: &Array1<usize>, w1: &Array2<f64>, b1: &Array1<f64>, w2: &Array2<f64>, b2: &Array1<f64>) -> (f64, (Array2<f64>, Array1<f64>, Array2<f64>, Array1<f64>)) {
    let n = x.nrows();
    let mut dw1 = Array2::<f64>::zeros(w1.raw_dim());
    let mut db1 = Array1::<f64>::zeros(b1.len());
    let mut dw2 = Array2::<f64>::zeros(w2.raw_dim());
    let mut db2 = Array1::<f64>::zeros(b2.len());
    let mut loss = 0.0;
    for (i, xi) in x.rows().into_iter().enumerate() {
        let z1 = xi.dot(w1) + b1;
        let h = z1.mapv(|v| if v < 0.0 { 0.0 } else { v });
        let logits = h.dot(w2) + b2;
        let m = logits.fold(f64::NEG_INFINITY, |a, &v| a.max(v));
        let e = logits.mapv(|v| (v - m).exp());
        let s = e.sum();
        loss += m + s.ln() - logits[y[i]];
        let mut dz2 = e / s;
        dz2[y[i]] -= 1.0;
        dz2 /= n as f64;
        let outer2 = h.view().insert_axis(Axis(1)).dot(&dz2.view().insert_axis(Axis(0)));
        dw2 += &outer2;
        db2 += &dz2;
        let dh = w2.dot(&dz2);
        let dz1 = ndarray::Zip::from(&dh).and(&z1).map_collect(|&g, &v| if v > 0.0 { g } else { 0.0 });
        let outer1 = xi.insert_axis(Axis(1)).dot(&dz1.view().insert_axis(Axis(0)));
        dw1 += &outer1;
        db1 += &dz1;
    }
    (loss / n as f64, (dw1, db1, dw2, db2))
}
