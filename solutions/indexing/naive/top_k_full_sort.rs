// Naive `top_k`: sort everything, keep the first k.
//
// The translation of `np.argsort(-a, axis=None, kind="stable")[:k]`. Correct, and the tie rule
// comes for free, but sorting 10⁷ (value, position) pairs costs about n·log₂n ≈ 2.3·10⁸
// comparisons to keep 100 of them; a selection needs a few comparisons per element.
use ndarray::prelude::*;
use std::cmp::Ordering;

pub fn top_k(a: &Array2<f64>, k: usize) -> Result<Array2<usize>, String> {
    fn desc(x: f64, y: f64) -> Ordering {
        match y.partial_cmp(&x) {
            Some(o) => o,
            // At least one NaN: the NaN comes first (two NaNs are equal).
            None => y.is_nan().cmp(&x.is_nan()),
        }
    }
    let n = a.len();
    if k > n {
        return Err(format!("top_k: k = {k} is larger than the {n} elements"));
    }
    let mut pairs: Vec<(f64, usize)> = a.iter().copied().enumerate().map(|(p, v)| (v, p)).collect();
    pairs.sort_unstable_by(|x, y| desc(x.0, y.0).then(x.1.cmp(&y.1)));
    let cols = a.ncols();
    let mut out = Array2::<usize>::zeros((k, 2));
    for (r, &(_, p)) in pairs[..k].iter().enumerate() {
        out[[r, 0]] = p / cols;
        out[[r, 1]] = p % cols;
    }
    Ok(out)
}
