// Naive `count_labels`: one boolean mask per class, then count its `true`s.
//
// The translation of the NumPy habit `[(labels == c).sum() for c in range(k)]`. Every class
// reads all the labels again (k passes over 80 MB for 10⁷ labels) and allocates, writes and
// re-reads a temporary mask of n bools, so the work is about k times that of the single pass
// `counts[label] += 1`.
use ndarray::prelude::*;

pub fn count_labels(labels: &Array1<usize>, k: usize) -> Array1<usize> {
    if let Some(&bad) = labels.iter().find(|&&l| l >= k) {
        panic!("count_labels: label {bad} is out of range: labels must be below k = {k}");
    }
    let mut counts = Array1::<usize>::zeros(k);
    for c in 0..k {
        let mask = labels.mapv(|l| l == c);
        counts[c] = mask.iter().filter(|&&is_c| is_c).count();
    }
    counts
}
