// How the judge calls each `pca` exercise: one line each. `sub` is the submission's crate.
// Components and projections are defined up to the sign of each component: the glue puts the
// submission's answer in the module's canonical form (each component's largest-magnitude entry
// positive, the matching column of projections flipped with it) before comparing, so another
// sign convention gets full marks. Entries `exercise/wine`, `exercise/digits` run the exercise
// on a real data set loaded here (wine standardised by the glue itself, digits raw);
// `whiten/decorrelated` is a derived check of the whitened data's covariance.
use ndarray::prelude::*;
use ndlab_runtime::Table;
use ndlab_runtime::checks::{sign_normalise_columns, sign_normalise_rows};

type Pca = Result<(Array2<f64>, Array1<f64>), String>;

fn canonical(r: Pca) -> Pca {
    r.map(|(mut c, v)| {
        sign_normalise_rows(&mut c, None);
        (c, v)
    })
}

fn canonical_columns(r: Result<Array2<f64>, String>) -> Result<Array2<f64>, String> {
    r.map(|mut w| {
        sign_normalise_columns(&mut w);
        w
    })
}

/// Wine, standardised with the population std (scikit-learn's StandardScaler), by the glue.
fn wine() -> Array2<f64> {
    let x = datasets::wine().expect("wine data").features;
    let mean = x.mean_axis(Axis(0)).unwrap();
    let xc = &x - &mean;
    let std = xc.map_axis(Axis(0), |c| (c.dot(&c) / c.len() as f64).sqrt());
    xc / &std
}

fn digits() -> Array2<f64> {
    datasets::digits().expect("digits data").features
}

/// The whitened columns must have mean 0 and covariance I (ddof 1), entry-wise within `tol`.
fn decorrelated(w: Result<Array2<f64>, String>, n: usize, k: usize, tol: f64) -> Result<(), String> {
    let w = w?;
    if w.dim() != (n, k) {
        return Err(format!("shape {:?}, expected ({n}, {k})", w.dim()));
    }
    let mean = w.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(k));
    let cov = w.t().dot(&w) / (n as f64 - 1.0);
    let worst_mean = mean.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let worst_cov = (&cov - &Array2::<f64>::eye(k)).iter().fold(0.0f64, |m, x| if x.is_nan() { f64::INFINITY } else { m.max(x.abs()) });
    if worst_mean <= tol && worst_cov <= tol {
        Ok(())
    } else {
        Err(format!("column means up to {worst_mean:e} and covariance off the identity by up to {worst_cov:e} (limit {tol:e})"))
    }
}

pub fn table(t: &mut Table) {
    t.add("center", |x: &Array2<f64>| sub::center(x));
    t.add("interp", |x: &Array1<f64>, xp: &Array1<f64>, fp: &Array1<f64>| sub::interp(x, xp, fp));
    t.add("covariance", |x: &Array2<f64>| sub::covariance(x));
    t.add("pca_eigh", |x: &Array2<f64>, k: &usize| canonical(sub::pca_eigh(x, *k)));
    t.add("pca_eigh/wine", |k: &usize| canonical(sub::pca_eigh(&wine(), *k)));
    t.add("pca_svd", |x: &Array2<f64>, k: &usize| canonical(sub::pca_svd(x, *k)));
    t.add("pca_svd/digits", |k: &usize| canonical(sub::pca_svd(&digits(), *k)));
    t.add("explained_variance_ratio", |x: &Array2<f64>| sub::explained_variance_ratio(x));
    t.add("explained_variance_ratio/wine", || sub::explained_variance_ratio(&wine()));
    t.add("explained_variance_ratio/digits", || sub::explained_variance_ratio(&digits()));
    t.add("transform", |x: &Array2<f64>, m: &Array1<f64>, c: &Array2<f64>| sub::transform(x, m, c));
    t.add("inverse_transform", |z: &Array2<f64>, m: &Array1<f64>, c: &Array2<f64>| sub::inverse_transform(z, m, c));
    t.add("reconstruction_errors", |x: &Array2<f64>| sub::reconstruction_errors(x));
    t.add("reconstruction_errors/digits", || sub::reconstruction_errors(&digits()));
    t.add("whiten", |x: &Array2<f64>, k: &usize| canonical_columns(sub::whiten(x, *k)));
    t.add("whiten/decorrelated", |x: &Array2<f64>, k: &usize| decorrelated(sub::whiten(x, *k), x.nrows(), *k, 1e-8));
    t.add("whiten/digits", |k: &usize| decorrelated(sub::whiten(&digits(), *k), 1797, *k, 1e-8));
    t.add("n_components_for", |x: &Array2<f64>, f: &f64| sub::n_components_for(x, *f));
    t.add("n_components_for/wine", |f: &f64| sub::n_components_for(&wine(), *f));
    t.add("n_components_for/digits", |f: &f64| sub::n_components_for(&digits(), *f));
}
