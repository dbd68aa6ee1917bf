//! PCA with *your* `center`, `pca_svd`, `transform`, `explained_variance_ratio` and
//! `reconstruction_errors`, on wine (standardised with *your* `broadcasting::standardize_columns`)
//! and digits (centred).

use crate::draw::{self, Points};
use crate::modules::pca;
use plotters::prelude::SeriesLabelPosition;
use std::path::Path;

fn data(name: &str) -> Result<datasets::Dataset, String> {
    match name {
        "wine" => datasets::wine(),
        _ => datasets::digits(),
    }
    .map_err(|e| e.to_string())
}

/// Explained-variance ratio per component and its running total, on standardised wine.
pub fn explained_variance(path: &Path) -> Result<(), String> {
    let d = data("wine")?;
    let z = broadcasting::standardize_columns(&d.features);
    let r = pca::explained_variance_ratio(&z)?;
    let mut total = 0.0;
    let per: Points = r.iter().enumerate().map(|(i, &v)| ((i + 1) as f64, v)).collect();
    let cum: Points = r
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            total += v;
            ((i + 1) as f64, total)
        })
        .collect();
    draw::lines(
        path,
        "Wine (standardised): explained variance ratio",
        "principal component",
        "fraction of the total variance",
        &[("per component".into(), per), ("cumulative".into(), cum)],
        SeriesLabelPosition::MiddleRight,
    )
}

/// The 1797 digits projected on their first two principal components, one colour per digit.
pub fn digits_projection(path: &Path) -> Result<(), String> {
    let d = data("digits")?;
    let (_, mean) = pca::center(&d.features)?;
    let (components, _) = pca::pca_svd(&d.features, 2)?;
    let p = pca::transform(&d.features, &mean, &components)?;
    let groups: Vec<(String, Points)> = (0..10)
        .map(|k| {
            let pts = p.rows().into_iter().zip(&d.target).filter(|(_, t)| **t == k).map(|(r, _)| (r[0], r[1])).collect();
            (format!("digit {k}"), pts)
        })
        .collect();
    draw::scatter(path, "Digits on their first two principal components", "principal component 1", "principal component 2", &groups, &[])
}

/// Mean squared reconstruction error of digits against the number of components kept.
pub fn reconstruction(path: &Path) -> Result<(), String> {
    let d = data("digits")?;
    let e = pca::reconstruction_errors(&d.features)?;
    let pts: Points = e.iter().enumerate().map(|(k, &v)| (k as f64, v)).collect();
    draw::lines(
        path,
        "Digits: reconstruction error with k components",
        "k (components kept)",
        "mean squared error per pixel",
        &[("error".into(), pts)],
        SeriesLabelPosition::UpperRight,
    )
}
