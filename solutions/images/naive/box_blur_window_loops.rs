// Naive `box_blur`: sum each (2r+1) x (2r+1) window with index loops.
//
// The direct translation of the definition: for each of the 2048² output pixels, a double loop
// over its 31 × 31 window of the padded picture (padded by the module's own `pad_reflect`),
// `padded[[i + a, j + b]]` with both indices checked. 961 additions per pixel, ~4·10⁹ in all,
// where a summed-area table needs 4.
use ndarray::prelude::*;

pub fn box_blur(img: &Array2<u8>, r: usize) -> Result<Array2<f64>, String> {
    let (h, w) = img.dim();
    let padded = pad_reflect(&img.mapv(f64::from), r, r)?;
    let d = 2 * r + 1;
    let mut out = Array2::<f64>::zeros((h, w));
    for i in 0..h {
        for j in 0..w {
            let mut s = 0.0;
            for a in 0..d {
                for b in 0..d {
                    s += padded[[i + a, j + b]];
                }
            }
            out[[i, j]] = s / (d * d) as f64;
        }
    }
    Ok(out)
}
