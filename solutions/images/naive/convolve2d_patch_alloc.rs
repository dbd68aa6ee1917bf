// Naive `convolve2d`: an owned copy of each patch, then an element-wise product (a second
// allocation) and a sum, per output pixel.
use ndarray::prelude::*;

pub fn convolve2d(img: &Array2<f64>, kernel: &Array2<f64>) -> Result<Array2<f64>, String> {
    let (kh, kw) = kernel.dim();
    if kh % 2 == 0 || kw % 2 == 0 {
        return Err(format!("convolve2d: the kernel must have odd sides, got {kh}x{kw}"));
    }
    let (h, w) = img.dim();
    let (ry, rx) = (kh / 2, kw / 2);
    if (ry > 0 && ry >= h) || (rx > 0 && rx >= w) {
        return Err("convolve2d: image too small".to_string());
    }
    let reflect = |p: usize, n: usize, r: usize| -> usize {
        let i = p as isize - r as isize;
        let n = n as isize;
        (if i < 0 { -i } else if i >= n { 2 * (n - 1) - i } else { i }) as usize
    };
    let padded = Array2::from_shape_fn((h + 2 * ry, w + 2 * rx), |(i, j)| img[[reflect(i, h, ry), reflect(j, w, rx)]]);
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
