// Accepted `isin`: the test values in a `BTreeSet`, one ordered-tree lookup per value.
//
// Also O(log m) per value, with a pointer chase per tree level: slower than a sorted `Vec`,
// but a natural choice after exercise 19's `BTreeSet` answer, and it must pass.
use ndarray::prelude::*;
use std::collections::BTreeSet;

pub fn isin(x: &ArrayRef1<i64>, test: &ArrayRef1<i64>) -> Array1<bool> {
    let set: BTreeSet<i64> = test.iter().copied().collect();
    x.mapv(|v| set.contains(&v))
}
