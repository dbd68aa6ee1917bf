// Trial naive for `convolve2d` (not in a timed check: see the note in grader/spec/images.toml).
// Copies each pixel's `kh × kw` neighbourhood into a new owned array, then multiplies it by the
// flipped kernel (a second new array) and sums.
//
// What a student coming from index loops plausibly writes: `slice(..).to_owned()` "to get the
// patch", then the element-wise product the lesson shows for whole arrays. The arithmetic is the
// same nine multiply-adds per pixel as the reference; the cost is two heap allocations (and
// frees) per pixel, 8 million of them on a 2048 × 2048 image.
use ndarray::prelude::*;

pub fn convolve2d(img: &Array2<f64>, kernel: &Array2<f64>) -> Result<Array2<f64>, String> {
    let (kh, kw) = kernel.dim();
    if kh % 2 == 0 || kw % 2 == 0 {
        return Err(format!("convolve2d: the kernel must have odd sides, got {kh}x{kw}"));
    }
    let (h, w) = img.dim();
    let padded = pad_reflect(img, kh / 2, kw / 2)?;
    let flipped = kernel.slice(s![..;-1, ..;-1]).to_owned();
    let mut out = Array2::<f64>::zeros((h, w));
    for i in 0..h {
        for j in 0..w {
            let patch = padded.slice(s![i..i + kh, j..j + kw]).to_owned();
            out[[i, j]] = (&patch * &flipped).sum();
        }
    }
    Ok(out)
}
