//! k-means on standardised iris, with *your* `kmeans_fit`, `inertia_curve` and
//! `adjusted_rand_index`, and *your* `broadcasting::standardize_columns` for the scaling.

use crate::draw::{self, Points};
use crate::modules::kmeans as km;
use crate::pc2;
use ndarray::Array2;
use plotters::prelude::SeriesLabelPosition;
use std::path::Path;

fn iris() -> Result<(Array2<f64>, datasets::Dataset), String> {
    let d = datasets::iris().map_err(|e| e.to_string())?;
    Ok((broadcasting::standardize_columns(&d.features), d))
}

/// Clusters found on the 4 standardised measurements, drawn on the first two principal
/// components (best inertia of 10 seeds, as `n_init = 10` in scikit-learn).
pub fn clusters(path: &Path) -> Result<(), String> {
    let (z, d) = iris()?;
    let mut best: Option<(Array2<f64>, ndarray::Array1<usize>, f64)> = None;
    for seed in 0..10 {
        let (c, labels, j, _) = km::kmeans_fit(&z, 3, 300, 1e-4, seed)?;
        if best.as_ref().is_none_or(|b| j < b.2) {
            best = Some((c, labels, j));
        }
    }
    let (c, labels, j) = best.unwrap();
    let ari = km::adjusted_rand_index(&labels, &d.target)?;
    let (proj, basis, mean) = pc2(&z)?;
    let groups: Vec<(String, Points)> = (0..c.nrows())
        .map(|k| {
            let pts = proj.rows().into_iter().zip(&labels).filter(|(_, l)| **l == k).map(|(r, _)| (r[0], r[1])).collect();
            (format!("cluster {k}"), pts)
        })
        .collect();
    let cp = (&c - &mean).dot(&basis);
    let markers: Vec<(String, Points)> = (0..c.nrows()).map(|k| (format!("centroid {k}"), vec![(cp[[k, 0]], cp[[k, 1]])])).collect();
    draw::scatter(
        path,
        &format!("k-means (k = 3) on standardised iris: inertia {j:.1}, ARI vs species {ari:.3}"),
        "principal component 1",
        "principal component 2",
        &groups,
        &markers,
    )
}

/// Inertia against k: the "elbow" used to choose k.
pub fn inertia_curve(path: &Path) -> Result<(), String> {
    let (z, _) = iris()?;
    let curve = km::inertia_curve(&z, 10, 300, 1e-4, 0)?;
    let pts: Points = curve.iter().enumerate().map(|(i, &j)| ((i + 1) as f64, j)).collect();
    draw::lines(
        path,
        "Choosing k: inertia of k-means on standardised iris",
        "k (number of clusters)",
        "inertia (sum of squared distances)",
        &[("inertia".into(), pts)],
        SeriesLabelPosition::UpperRight,
    )
}
