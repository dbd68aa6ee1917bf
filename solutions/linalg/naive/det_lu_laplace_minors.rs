// Naive `det_lu`: cofactor (Laplace) expansion along the first row, copying every minor.
//
// The textbook definition `det A = Σⱼ (−1)ʲ a₀ⱼ det(M₀ⱼ)`, written as it reads: each call builds
// the n minors of order n − 1 as new arrays and recurses. For n = 10 that is about e·10! ≈ 10⁷
// calls, each allocating (and freeing) an Array2: n! growth plus an allocation per call.
use ndarray::prelude::*;

fn laplace(a: &Array2<f64>) -> f64 {
    let n = a.nrows();
    match n {
        0 => 1.0,
        1 => a[[0, 0]],
        _ => {
            let mut det = 0.0;
            for j in 0..n {
                let minor = Array2::from_shape_fn((n - 1, n - 1), |(r, c)| a[[r + 1, if c < j { c } else { c + 1 }]]);
                let sign = if j % 2 == 0 { 1.0 } else { -1.0 };
                det += sign * a[[0, j]] * laplace(&minor);
            }
            det
        }
    }
}

pub fn det_lu(a: &Array2<f64>) -> Result<f64, String> {
    if a.nrows() != a.ncols() {
        return Err(format!("det_lu: the matrix is {}x{}, not square", a.nrows(), a.ncols()));
    }
    Ok(laplace(a))
}
