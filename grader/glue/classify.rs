// How the judge calls each `classify` exercise: one line each. `sub` is the submission's crate.
// Entries named `exercise/check` are derived checks returning `Ok(())` or an `Err` saying what was
// measured, or values computed on real data the glue loads and splits itself (never through the
// submission's `digits_split`, which the student could edit).
use ndarray::prelude::*;
use ndlab_runtime::Table;

type Check = Result<(), String>;

fn data<T>(r: Result<T, datasets::DataError>) -> Result<T, String> {
    r.map_err(|e| format!("could not load the data: {e}"))
}

/// Rows with `i % 5 != 4` (training) and `i % 5 == 4` (held out), as `digits_split` documents.
fn split(x: &Array2<f64>, y: &Array1<usize>) -> (Array2<f64>, Array1<usize>, Array2<f64>, Array1<usize>) {
    let train: Vec<usize> = (0..x.nrows()).filter(|i| i % 5 != 4).collect();
    let held: Vec<usize> = (0..x.nrows()).filter(|i| i % 5 == 4).collect();
    (x.select(Axis(0), &train), y.select(Axis(0), &train), x.select(Axis(0), &held), y.select(Axis(0), &held))
}

fn digits() -> Result<(Array2<f64>, Array1<usize>, Array2<f64>, Array1<usize>), String> {
    let d = data(datasets::digits())?;
    Ok(split(&(d.features / 16.0), &d.target))
}

/// Breast cancer, split like the digits, standardised with the training rows' statistics.
fn cancer() -> Result<(Array2<f64>, Array1<usize>, Array2<f64>, Array1<usize>), String> {
    let d = data(datasets::breast_cancer())?;
    let (xt, yt, xh, yh) = split(&d.features, &d.target);
    let mean = xt.mean_axis(Axis(0)).ok_or("no training rows")?;
    let std = xt.var_axis(Axis(0), 0.0).mapv(|v| if v > 0.0 { v.sqrt() } else { 1.0 });
    Ok(((&xt - &mean) / &std, yt, (&xh - &mean) / &std, yh))
}

fn accuracy_bar(what: &str, pred: &Array1<usize>, truth: &Array1<usize>, min: f64) -> Check {
    if pred.len() != truth.len() {
        return Err(format!("{what}: {} predictions for {} samples", pred.len(), truth.len()));
    }
    let acc = pred.iter().zip(truth).filter(|(p, t)| p == t).count() as f64 / truth.len() as f64;
    if acc >= min { Ok(()) } else { Err(format!("{what}: held-out accuracy {:.2} %, at least {:.1} % expected", 100.0 * acc, 100.0 * min)) }
}

/// The grader's own mean hinge loss with L2 penalty.
fn svm(w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, reg: f64) -> f64 {
    let s = x.dot(w);
    let mut l = 0.0;
    for (row, &yi) in s.rows().into_iter().zip(y) {
        l += row.iter().enumerate().filter(|&(j, _)| j != yi).map(|(_, &v)| (v - row[yi] + 1.0).max(0.0)).sum::<f64>();
    }
    l / x.nrows() as f64 + reg * w.iter().map(|v| v * v).sum::<f64>()
}

/// The grader's own mean softmax cross-entropy with L2 penalty.
fn softmax(w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, reg: f64) -> f64 {
    let s = x.dot(w);
    let mut l = 0.0;
    for (row, &yi) in s.rows().into_iter().zip(y) {
        let m = row.fold(f64::NEG_INFINITY, |a, &v| a.max(v));
        l += m + row.iter().map(|&v| (v - m).exp()).sum::<f64>().ln() - row[yi];
    }
    l / x.nrows() as f64 + reg * w.iter().map(|v| v * v).sum::<f64>()
}

/// The submission's gradient against the grader's central differences (eps = 1e-6) of the
/// grader's own loss, entry by entry: limit `1e-6 · max(1, max |numeric|)`. The cases' data keep
/// every hinge margin far from its kink.
fn gradcheck(got: Result<(f64, Array2<f64>), String>, w: &Array2<f64>, f: impl Fn(&Array2<f64>) -> f64) -> Check {
    let (loss, g) = got?;
    if g.dim() != w.dim() {
        return Err(format!("the gradient has shape {:?}, expected {:?} (the shape of w)", g.dim(), w.dim()));
    }
    let want = f(w);
    if !((loss - want).abs() <= 1e-9 * want.abs().max(1.0)) {
        return Err(format!("the loss is {loss}, the grader's own computation gives {want}"));
    }
    ndlab_runtime::checks::gradient_gap("dW", g.view(), w, 1e-6, f)
}

pub fn table(t: &mut Table) {
    t.add("knn_predict", |xt: &Array2<f64>, yt: &Array1<usize>, q: &Array2<f64>, k: &usize| sub::knn_predict(xt, yt, q, *k));
    t.add("knn_predict/digits", |k: &usize| -> Result<Array1<usize>, String> {
        let (xt, yt, xh, _) = digits()?;
        sub::knn_predict(&xt, &yt, &xh, *k)
    });
    t.add("knn_predict/iris", |k: &usize, min_acc: &f64| -> Check {
        let d = data(datasets::iris())?;
        let (xt, yt, xh, yh) = split(&d.features, &d.target);
        accuracy_bar("k-NN on iris", &sub::knn_predict(&xt, &yt, &xh, *k)?, &yh, *min_acc)
    });
    t.add("knn_predict/wine", |k: &usize, min_acc: &f64| -> Check {
        let d = data(datasets::wine())?;
        let (xt, yt, xh, yh) = split(&d.features, &d.target);
        let mean = xt.mean_axis(Axis(0)).ok_or("no rows")?;
        let std = xt.var_axis(Axis(0), 0.0).mapv(f64::sqrt);
        accuracy_bar("k-NN on standardised wine", &sub::knn_predict(&((&xt - &mean) / &std), &yt, &((&xh - &mean) / &std), *k)?, &yh, *min_acc)
    });
    t.add("kfold_assign", |n: &usize, f: &usize| sub::kfold_assign(*n, *f));
    t.add("cross_val_knn", |x: &Array2<f64>, y: &Array1<usize>, ks: &Array1<usize>, f: &usize| sub::cross_val_knn(x, y, ks, *f));
    t.add("cross_val_knn/digits", |ks: &Array1<usize>, f: &usize| -> Result<(Array1<f64>, usize), String> {
        let (xt, yt, _, _) = digits()?;
        sub::cross_val_knn(&xt, &yt, ks, *f)
    });
    t.add("confusion_matrix", |a: &Array1<usize>, b: &Array1<usize>, c: &usize| sub::confusion_matrix(a, b, *c));
    t.add("precision_recall_f1", |cm: &Array2<usize>| sub::precision_recall_f1(cm));
    t.add("svm_loss_loops", |w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, r: &f64| sub::svm_loss_loops(w, x, y, *r));
    t.add("svm_loss_loops/gradcheck", |w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, r: &f64| gradcheck(sub::svm_loss_loops(w, x, y, *r), w, |w| svm(w, x, y, *r)));
    t.add("svm_loss", |w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, r: &f64| sub::svm_loss(w, x, y, *r));
    t.add("svm_loss/gradcheck", |w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, r: &f64| gradcheck(sub::svm_loss(w, x, y, *r), w, |w| svm(w, x, y, *r)));
    t.add("softmax_loss_loops", |w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, r: &f64| sub::softmax_loss_loops(w, x, y, *r));
    t.add("softmax_loss_loops/gradcheck", |w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, r: &f64| {
        gradcheck(sub::softmax_loss_loops(w, x, y, *r), w, |w| softmax(w, x, y, *r))
    });
    t.add("softmax_loss", |w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, r: &f64| sub::softmax_loss(w, x, y, *r));
    t.add("softmax_loss/gradcheck", |w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, r: &f64| gradcheck(sub::softmax_loss(w, x, y, *r), w, |w| softmax(w, x, y, *r)));
    // The learning rate and reg travel as one pair `[lr, reg]` (five arguments at most per case).
    t.add("train_softmax", |x: &Array2<f64>, y: &Array1<usize>, c: &usize, lr_reg: &Array1<f64>, it: &usize| sub::train_softmax(x, y, *c, lr_reg[0], lr_reg[1], *it));
    t.add("train_softmax/digits", |lr: &f64, reg: &f64, it: &usize, min_acc: &f64| -> Check {
        let (xt, yt, xh, yh) = digits()?;
        let (w, _) = sub::train_softmax(&xt, &yt, 10, *lr, *reg, *it)?;
        if w.dim() != (64, 10) {
            return Err(format!("W has shape {:?}, expected (64, 10)", w.dim()));
        }
        let pred = xh.dot(&w).map_axis(Axis(1), |r| r.iter().enumerate().fold(0, |b, (j, &v)| if v > r[b] { j } else { b }));
        accuracy_bar("softmax classifier on digits", &pred, &yh, *min_acc)
    });
    t.add("log_grid", |lo: &f64, hi: &f64, n: &usize| sub::log_grid(*lo, *hi, *n));
    t.add("logistic_fit", |x: &Array2<f64>, y: &Array1<usize>, lr: &f64, reg: &f64, it: &usize| sub::logistic_fit(x, y, *lr, *reg, *it));
    t.add("logistic_fit/cancer", |lr: &f64, reg: &f64, it: &usize, min_acc: &f64| -> Check {
        let (xt, yt, xh, yh) = cancer()?;
        let (w, b) = sub::logistic_fit(&xt, &yt, *lr, *reg, *it)?;
        if w.len() != xt.ncols() {
            return Err(format!("w has {} entries, expected {}", w.len(), xt.ncols()));
        }
        accuracy_bar("logistic regression on breast cancer", &(xh.dot(&w) + b).mapv(|s| usize::from(s > 0.0)), &yh, *min_acc)
    });
    // A square grid: row 0 of `grid` holds the learning rates, row 1 the strengths; 50 steps.
    t.add("grid_search_logistic", |xt: &Array2<f64>, yt: &Array1<usize>, xv: &Array2<f64>, yv: &Array1<usize>, grid: &Array2<f64>| {
        sub::grid_search_logistic(xt, yt, xv, yv, &grid.row(0).to_owned(), &grid.row(1).to_owned(), 50)
    });
    t.add("grid_search_logistic/cancer", |lrs: &Array1<f64>, regs: &Array1<f64>, it: &usize| -> Result<(Array2<f64>, usize, usize), String> {
        let (xt, yt, xv, yv) = cancer()?;
        sub::grid_search_logistic(&xt, &yt, &xv, &yv, lrs, regs, *it)
    });
}
