// Naive `top_k`: find the largest, mark it, repeat k times.
//
// Each round is a cheap, branch-predictable scan, but it is a full pass over the 80 MB of
// values (and a 10 MB "taken" mask): k = 100 rounds read the matrix from main memory 100
// times, where a selection reads it a few times in total.
use ndarray::prelude::*;

pub fn top_k(a: &Array2<f64>, k: usize) -> Result<Array2<usize>, String> {
    let n = a.len();
    if k > n {
        return Err(format!("top_k: k = {k} is larger than the {n} elements"));
    }
    let flat: Vec<f64> = a.iter().copied().collect();
    let mut taken = vec![false; n];
    let cols = a.ncols();
    let mut out = Array2::<usize>::zeros((k, 2));
    for r in 0..k {
        let mut best: Option<usize> = None;
        for (p, &v) in flat.iter().enumerate() {
            if taken[p] {
                continue;
            }
            let better = match best {
                None => true,
                Some(b) => {
                    let w = flat[b];
                    !w.is_nan() && (v.is_nan() || v > w)
                }
            };
            if better {
                best = Some(p);
            }
        }
        let p = best.expect("k <= n leaves an element in every round");
        taken[p] = true;
        out[[r, 0]] = p / cols;
        out[[r, 1]] = p % cols;
    }
    Ok(out)
}
