//! Classifiers on the digits with *your* `cross_val_knn`, `knn_predict`, `confusion_matrix`,
//! `precision_recall_f1` and `train_softmax` (and the provided `digits_split`).

use crate::draw::{self, Points};
use crate::modules::classify;
use ndarray::{Array1, Array2, Axis};
use plotters::prelude::SeriesLabelPosition;
use std::path::Path;

/// Mean 5-fold validation accuracy of k-NN against k, on the 1438 training digits.
pub fn cv_accuracy(path: &Path) -> Result<(), String> {
    let (x, y, _, _) = classify::digits_split()?;
    let ks: Array1<usize> = (1..=15).collect();
    let (acc, best) = classify::cross_val_knn(&x, &y, &ks, 5)?;
    if acc.len() != ks.len() {
        return Err(format!("cross_val_knn returned {} accuracies for {} values of k", acc.len(), ks.len()));
    }
    let pts: Points = ks.iter().zip(&acc).map(|(&k, &a)| (k as f64, a)).collect();
    draw::lines(
        path,
        &format!("Digits: 5-fold cross-validated k-NN accuracy (best k = {best})"),
        "k (neighbours)",
        "mean validation accuracy",
        &[("k-NN".into(), pts)],
        SeriesLabelPosition::UpperRight,
    )
}

/// The confusion matrix of 3-NN on the held-out digits, with the macro-averaged F1 score.
pub fn confusion(path: &Path) -> Result<(), String> {
    let (xt, yt, xh, yh) = classify::digits_split()?;
    let pred = classify::knn_predict(&xt, &yt, &xh, 3)?;
    let cm = classify::confusion_matrix(&yh, &pred, 10)?;
    let (_, _, f1) = classify::precision_recall_f1(&cm)?;
    let correct: usize = cm.diag().sum();
    let total = cm.sum().max(1);
    draw::count_grid(
        path,
        &format!(
            "3-NN on {} held-out digits: accuracy {:.1} %, macro F1 {:.3}",
            yh.len(),
            100.0 * correct as f64 / total as f64,
            f1.mean().unwrap_or(f64::NAN)
        ),
        "predicted digit",
        "true digit",
        &cm,
    )
}

/// The ten columns of a softmax classifier's weights, each drawn as the 8 × 8 picture it scores.
pub fn softmax_weights(path: &Path) -> Result<(), String> {
    let (xt, yt, xh, yh) = classify::digits_split()?;
    let (w, _) = classify::train_softmax(&xt, &yt, 10, 0.5, 1e-3, 300)?;
    if w.dim() != (64, 10) {
        return Err(format!("train_softmax returned weights of shape {:?}, expected (64, 10)", w.dim()));
    }
    let scores = xh.dot(&w);
    let hits = scores.axis_iter(Axis(0)).zip(&yh).filter(|(s, y)| argmax(s.iter()) == **y).count();
    let pictures: Vec<(String, Array2<f64>)> = (0..10)
        .map(|k| Ok((format!("digit {k}"), w.column(k).to_owned().into_shape_with_order((8, 8)).map_err(|e| e.to_string())?)))
        .collect::<Result<_, String>>()?;
    draw::signed_pictures(
        path,
        &format!("Softmax weights per digit, red raises the score (held-out {:.1} %)", 100.0 * hits as f64 / yh.len() as f64),
        &pictures,
        5,
    )
}

fn argmax<'a>(v: impl Iterator<Item = &'a f64>) -> usize {
    v.enumerate().fold((0, f64::NEG_INFINITY), |best, (i, &s)| if s > best.1 { (i, s) } else { best }).0
}
