// Trial naive for `convolve2d` (not in a timed check: see the note in grader/spec/images.toml).
// `(&win * &flipped).sum()` per window: no owned patch, but the product is a new 3 x 3 array per
// pixel.
use ndarray::Zip;
use ndarray::prelude::*;

pub fn convolve2d(img: &Array2<f64>, kernel: &Array2<f64>) -> Result<Array2<f64>, String> {
    let (kh, kw) = kernel.dim();
    if kh % 2 == 0 || kw % 2 == 0 {
        return Err(format!("convolve2d: the kernel must have odd sides, got {kh}x{kw}"));
    }
    let padded = pad_reflect(img, kh / 2, kw / 2)?;
    let flipped = kernel.slice(s![..;-1, ..;-1]);
    Ok(Zip::from(padded.windows((kh, kw))).map_collect(|win| (&win * &flipped).sum()))
}
