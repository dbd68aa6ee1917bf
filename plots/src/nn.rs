//! A 64-100-10 network trained on digits with *your* `init_mlp`, `train_epoch`, `mlp_forward`
//! and `accuracy`: loss and accuracy per epoch.

use crate::draw::{self, Points};
use crate::modules::nn;
use plotters::prelude::SeriesLabelPosition;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::path::Path;
use std::sync::OnceLock;

const EPOCHS: usize = 40;

/// (epoch, training loss, training accuracy, held-out accuracy), computed once for both plots.
fn history() -> Result<&'static Vec<(f64, f64, f64, f64)>, String> {
    static H: OnceLock<Result<Vec<(f64, f64, f64, f64)>, String>> = OnceLock::new();
    H.get_or_init(|| {
        let (xt, yt, xh, yh) = nn::digits_split()?;
        // One generator: the initialisation draws from it, then every epoch's shuffle continues it.
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        let mut p = nn::init_mlp(xt.ncols(), 100, 10, &mut rng);
        let mut out = Vec::new();
        for e in 1..=EPOCHS {
            let loss = nn::train_epoch(&xt, &yt, &mut p, 0.05, 16, &mut rng)?;
            let acc = |x, y| nn::accuracy(&nn::mlp_forward(x, &p.0, &p.1, &p.2, &p.3), y);
            out.push((e as f64, loss, acc(&xt, &yt), acc(&xh, &yh)));
        }
        Ok(out)
    })
    .as_ref()
    .map_err(|e| e.clone())
}

pub fn loss(path: &Path) -> Result<(), String> {
    let h = history()?;
    let pts: Points = h.iter().map(|r| (r.0, r.1)).collect();
    draw::lines(path, "Digits MLP (64-100-10): training loss", "epoch", "mean cross-entropy", &[("training loss".into(), pts)], SeriesLabelPosition::UpperRight)
}

pub fn accuracy(path: &Path) -> Result<(), String> {
    let h = history()?;
    let last = h.last().map(|r| r.3 * 100.0).unwrap_or(f64::NAN);
    draw::lines(
        path,
        &format!("Digits MLP: accuracy per epoch (held-out {last:.1} % at the end)"),
        "epoch",
        "accuracy",
        &[("training".into(), h.iter().map(|r| (r.0, r.2)).collect()), ("held-out".into(), h.iter().map(|r| (r.0, r.3)).collect())],
        SeriesLabelPosition::LowerRight,
    )
}
