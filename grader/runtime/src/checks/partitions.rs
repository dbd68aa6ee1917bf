//! Comparators for results that are defined only up to a renaming: the derived checks
//! (`check = "..."` in a spec) of exercises whose answer is a clustering, where "cluster 0" and
//! "cluster 2" are arbitrary names and two answers that group the same items are the same.
//!
//! Every check returns `Ok(())` or `Err(message)`, the message saying what differs.

use ndarray::Array2;
use std::collections::HashMap;

/// The renaming of labels that turns `got` into `want` item by item (`map[got[i]] == want[i]`
/// for every `i`, one-to-one), or an `Err` naming the first item that breaks it: two items
/// together in one labelling and apart in the other.
pub fn partition_relabelling(got: &[usize], want: &[usize]) -> Result<HashMap<usize, usize>, String> {
    if got.len() != want.len() {
        return Err(format!("expected {} labels, got {}", want.len(), got.len()));
    }
    let mut fwd: HashMap<usize, (usize, usize)> = HashMap::new(); // got label -> (want label, first item)
    let mut back: HashMap<usize, (usize, usize)> = HashMap::new(); // want label -> (got label, first item)
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        let &mut (w0, i0) = fwd.entry(g).or_insert((w, i));
        if w0 != w {
            return Err(format!(
                "not the expected partition: items {i0} and {i} share your label {g} but belong to different clusters ({w0} and {w} in the expected labelling)"
            ));
        }
        let &mut (g0, j0) = back.entry(w).or_insert((g, i));
        if g0 != g {
            return Err(format!(
                "not the expected partition: items {j0} and {i} belong to the same cluster (expected label {w}) but you labelled them {g0} and {g}"
            ));
        }
    }
    Ok(fwd.into_iter().map(|(g, (w, _))| (g, w)).collect())
}

/// `Ok(())` when the two labellings define the same partition (equal up to a renaming).
pub fn same_partition(got: &[usize], want: &[usize]) -> Result<(), String> {
    partition_relabelling(got, want).map(|_| ())
}

/// Same partition, and the centroid rows agree under the renaming that matches the labels:
/// `got_c[g] ≈ want_c[map[g]]` within `atol + rtol·|want|` for every label `g` that is used.
/// Both must have the same shape; rows of clusters no item carries are not compared.
pub fn same_centroids_up_to_relabelling(
    got_c: &Array2<f64>,
    got_labels: &[usize],
    want_c: &Array2<f64>,
    want_labels: &[usize],
    rtol: f64,
    atol: f64,
) -> Result<(), String> {
    if got_c.dim() != want_c.dim() {
        return Err(format!("expected centroids of shape {:?}, got {:?}", want_c.dim(), got_c.dim()));
    }
    let map = partition_relabelling(got_labels, want_labels)?;
    let mut pairs: Vec<_> = map.into_iter().collect();
    pairs.sort();
    for (g, w) in pairs {
        if g >= got_c.nrows() || w >= want_c.nrows() {
            return Err(format!("label {g} has no centroid row (there are {})", got_c.nrows()));
        }
        for (col, (&a, &b)) in got_c.row(g).iter().zip(want_c.row(w)).enumerate() {
            if !(a - b).abs().le(&(atol + rtol * b.abs())) {
                return Err(format!("centroid {g} (matched to expected cluster {w} through the labels) differs in column {col}: expected {b}, got {a}"));
            }
        }
    }
    Ok(())
}

/// The adjusted Rand index of two labellings of the same items (1 for the same partition, about
/// 0 for unrelated ones; 1 when both are one cluster or all singletons, as scikit-learn's
/// `adjusted_rand_score`). Panics if the lengths differ.
pub fn adjusted_rand(a: &[usize], b: &[usize]) -> f64 {
    assert_eq!(a.len(), b.len(), "adjusted_rand: labellings of different lengths");
    let mut table: HashMap<(usize, usize), u64> = HashMap::new();
    let (mut ra, mut rb): (HashMap<usize, u64>, HashMap<usize, u64>) = (HashMap::new(), HashMap::new());
    for (&i, &j) in a.iter().zip(b) {
        *table.entry((i, j)).or_default() += 1;
        *ra.entry(i).or_default() += 1;
        *rb.entry(j).or_default() += 1;
    }
    let pairs = |m: u64| m as f64 * m.saturating_sub(1) as f64 / 2.0;
    let index: f64 = table.values().map(|&m| pairs(m)).sum();
    let sa: f64 = ra.values().map(|&m| pairs(m)).sum();
    let sb: f64 = rb.values().map(|&m| pairs(m)).sum();
    let total = pairs(a.len() as u64);
    let expected = if total > 0.0 { sa * sb / total } else { 0.0 };
    let max_index = (sa + sb) / 2.0;
    if total == 0.0 || max_index == expected { 1.0 } else { (index - expected) / (max_index - expected) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn relabelled_partitions_are_equal() {
        assert!(same_partition(&[0, 0, 1, 2], &[2, 2, 0, 1]).is_ok());
        assert!(same_partition(&[0, 0, 1, 1], &[0, 1, 1, 1]).is_err());
        assert!(same_partition(&[0, 1, 1, 1], &[0, 0, 1, 1]).is_err());
        assert!(same_partition(&[0, 0], &[0, 0, 0]).is_err());
    }

    #[test]
    fn centroids_follow_the_labels() {
        let want = array![[0.0, 0.0], [5.0, 5.0]];
        let got = array![[5.0, 5.0], [0.0, 0.0]];
        assert!(same_centroids_up_to_relabelling(&got, &[1, 0], &want, &[0, 1], 1e-9, 1e-9).is_ok());
        assert!(same_centroids_up_to_relabelling(&got, &[0, 1], &want, &[0, 1], 1e-9, 1e-9).is_err());
    }

    #[test]
    fn adjusted_rand_known_values() {
        assert_eq!(adjusted_rand(&[0, 0, 1, 1], &[1, 1, 0, 0]), 1.0);
        assert!((adjusted_rand(&[0, 0, 1, 1], &[0, 0, 1, 2]) - 0.5714285714285715).abs() < 1e-12);
        assert_eq!(adjusted_rand(&[3, 3, 3], &[1, 1, 1]), 1.0);
    }
}
