//! `cargo xtask plot [MODULES]`: runs *your* code from `exercises/` on the course's data and draws
//! what it found, as PNG files under `target/plots/<module>/`.
//!
//! Each plot calls a few of the module's exercises. An exercise that is still `todo!()` (or
//! panics) skips only the plots that need it, with a line saying which function and where.

mod classify;
mod draw;
mod images;
mod kmeans;
mod nn;
mod pca;
mod student;

/// The module crates whose functions are drawn: the student's `exercises/<m>` (feature
/// `exercises`, default) or the reference `solutions/<m>` (feature `solutions`); both name their
/// library `<m>`, so only one of the two features can be on.
mod modules {
    pub use {classify, images, kmeans, nn, pca};
}
#[cfg(all(feature = "exercises", feature = "solutions"))]
compile_error!("enable either `exercises` (default) or `solutions`, not both");

use clap::Parser;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One module's plots: `(file name, what it shows, how to draw it)`.
type Plot = (&'static str, &'static str, fn(&Path) -> Result<(), String>);

fn registry() -> Vec<(&'static str, Vec<Plot>)> {
    vec![
        (
            "kmeans",
            vec![
                ("clusters_iris.png", "k-means clusters and centroids on iris, first two principal components", kmeans::clusters),
                ("inertia_curve.png", "inertia against k", kmeans::inertia_curve),
            ],
        ),
        (
            "pca",
            vec![
                ("explained_variance_wine.png", "explained-variance ratio and cumulative curve, standardised wine", pca::explained_variance),
                ("digits_2d.png", "digits projected on two principal components, coloured by class", pca::digits_projection),
                ("reconstruction_digits.png", "reconstruction error against the number of components", pca::reconstruction),
            ],
        ),
        (
            "classify",
            vec![
                ("cv_accuracy_digits.png", "5-fold cross-validated k-NN accuracy against k, digits", classify::cv_accuracy),
                ("confusion_digits.png", "confusion matrix of 3-NN on the held-out digits", classify::confusion),
                ("softmax_weights_digits.png", "the softmax classifier's weights per digit as 8 x 8 pictures", classify::softmax_weights),
            ],
        ),
        (
            "nn",
            vec![
                ("training_loss.png", "training loss per epoch on digits", nn::loss),
                ("accuracy.png", "training and held-out accuracy per epoch", nn::accuracy),
            ],
        ),
        (
            "images",
            vec![
                ("chelsea_gray.png", "chelsea.png in gray levels (your chelsea_gray / to_gray)", images::chelsea_gray),
                ("chelsea_before_after.png", "chelsea.png: colour original | your gray levels", images::chelsea_before_after),
                ("cell_equalized.png", "cell.png after your histogram equalisation (cell_equalized / equalize)", images::cell_equalized),
                ("cell_before_after.png", "cell.png: original | equalised", images::cell_before_after),
                ("camera_edges.png", "Sobel edge magnitude of camera.png (your camera_edges / sobel_magnitude)", images::camera_edges),
                ("camera_before_after.png", "camera.png: original | edges", images::camera_before_after),
            ],
        ),
    ]
}

/// Projects standardised data on its first two principal components (with `ndlab::linalg`,
/// not the student's `pca`, so the k-means plot does not depend on another module):
/// returns the projection, the 2 basis vectors (columns) and the mean.
fn pc2(z: &ndarray::Array2<f64>) -> Result<(ndarray::Array2<f64>, ndarray::Array2<f64>, ndarray::Array1<f64>), String> {
    let mean = z.mean_axis(ndarray::Axis(0)).ok_or("no data")?;
    let c = z - &mean;
    let cov = c.t().dot(&c) / (c.nrows().max(2) - 1) as f64;
    let (_, v) = ndlab::linalg::eigh(&cov).map_err(|e| e.to_string())?;
    let n = v.ncols();
    let basis = ndarray::concatenate![ndarray::Axis(1), v.column(n - 1).insert_axis(ndarray::Axis(1)), v.column(n - 2).insert_axis(ndarray::Axis(1))];
    Ok((c.dot(&basis), basis, mean))
}

#[derive(Parser)]
#[command(name = "ndlab-plots", about = "Draw the results of your exercises (PNG files)")]
struct Cli {
    /// Modules to plot (default: all that have plots).
    modules: Vec<String>,
    /// Folder to write to; each module gets a sub-folder.
    #[arg(long, default_value = "target/plots")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = draw::init() {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let reg = registry();
    let names: Vec<&str> = reg.iter().map(|r| r.0).collect();
    if let Some(bad) = cli.modules.iter().find(|m| !names.contains(&m.as_str())) {
        eprintln!("error: no plots for module {bad:?}; modules with plots: {}", names.join(", "));
        return ExitCode::from(2);
    }
    let (mut written, mut skipped) = (0, 0);
    for (module, plots) in reg.iter().filter(|r| cli.modules.is_empty() || cli.modules.iter().any(|m| m == r.0)) {
        println!("== {module}");
        for (file, what, draw) in plots {
            let path = cli.out.join(module).join(file);
            match student::attempt(|| draw(&path)) {
                Ok(()) => {
                    written += 1;
                    println!("   wrote {}  ({what})", path.display());
                }
                Err(why) => {
                    skipped += 1;
                    println!("   skipped {file}: {why}");
                }
            }
        }
    }
    println!("\n{written} plot(s) written under {}, {skipped} skipped", cli.out.display());
    // The reference solutions have no `todo!()`: a skipped plot there is a broken plot, and
    // `.ci/run` (`cargo xtask plot --solutions`) must fail on it. A student's skips are normal.
    if cfg!(feature = "solutions") && skipped > 0 {
        eprintln!("error: {skipped} plot(s) of the reference solutions could not be drawn");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
