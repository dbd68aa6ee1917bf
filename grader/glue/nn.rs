// How the judge calls each `nn` exercise: one line each. `sub` is the submission's crate.
// The MLP's four parameters do not fit the five-argument limit next to `x` and `y`, so cases pass
// the biases concatenated: `b = [b1, b2]` (split at `w1`'s column count). Entries named
// `exercise/check` are derived checks returning `Ok(())` or an `Err` saying what was measured.
use ndarray::prelude::*;
use ndlab_runtime::Table;
use ndlab_runtime::stats;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

type Check = Result<(), String>;

/// Splits the concatenated biases `[b1, b2]` after `h` entries.
fn split_bias(b: &Array1<f64>, h: usize) -> (Array1<f64>, Array1<f64>) {
    (b.slice(s![..h]).to_owned(), b.slice(s![h..]).to_owned())
}

/// The grader's own mean softmax cross-entropy of logits (independent of the submission).
fn ce(z: &Array2<f64>, y: &Array1<usize>) -> f64 {
    let mut t = 0.0;
    for (row, &l) in z.rows().into_iter().zip(y) {
        let m = row.fold(f64::NEG_INFINITY, |a, &v| a.max(v));
        t += m + row.iter().map(|&v| (v - m).exp()).sum::<f64>().ln() - row[l];
    }
    t / z.nrows() as f64
}

/// The grader's own MLP loss.
fn mlp_loss(x: &Array2<f64>, y: &Array1<usize>, w1: &Array2<f64>, b1: &Array1<f64>, w2: &Array2<f64>, b2: &Array1<f64>) -> f64 {
    let h = (x.dot(w1) + b1).mapv(|v| v.max(0.0));
    ce(&(h.dot(w2) + b2), y)
}

/// Glue-side starting parameters for `train_epoch` cases (deterministic, no generator).
fn start_params(d: usize, h: usize, c: usize) -> (Array2<f64>, Array1<f64>, Array2<f64>, Array1<f64>) {
    let w1 = Array2::from_shape_fn((d, h), |(i, j)| 0.5 * ((i * h + j) as f64 * 0.77 + 0.3).sin());
    let b1 = Array1::from_shape_fn(h, |j| 0.1 * (j as f64 * 1.3).cos());
    let w2 = Array2::from_shape_fn((h, c), |(i, j)| 0.5 * ((i * c + j) as f64 * 1.91 + 0.1).cos());
    let b2 = Array1::from_shape_fn(c, |j| 0.05 * j as f64);
    (w1, b1, w2, b2)
}

/// The gradient checks of this module use central differences with eps = 1e-5.
fn grad_gap(name: &str, analytic: ArrayView2<f64>, w: &Array2<f64>, f: impl Fn(&Array2<f64>) -> f64) -> Check {
    ndlab_runtime::checks::gradient_gap(name, analytic, w, 1e-5, f)
}

/// Gradient check of `mlp_backward` on a random network of shape d → h → c with a batch of n.
fn mlp_gradcheck(n: usize, d: usize, h: usize, c: usize, seed: u64) -> Check {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut r = |shape: (usize, usize), s: f64| Array2::from_shape_simple_fn(shape, || s * rng.sample::<f64, _>(StandardNormal));
    let x = r((n, d), 1.0);
    let w1 = r((d, h), 0.8);
    let b1 = r((1, h), 0.2).row(0).to_owned();
    let w2 = r((h, c), 0.8);
    let b2 = r((1, c), 0.2).row(0).to_owned();
    let y = Array1::from_shape_fn(n, |i| (i * 7 + seed as usize) % c);
    let (loss, (dw1, db1, dw2, db2)) = sub::mlp_backward(&x, &y, &w1, &b1, &w2, &b2);
    let want = mlp_loss(&x, &y, &w1, &b1, &w2, &b2);
    if !((loss - want).abs() <= 1e-9 * want.abs().max(1.0)) {
        return Err(format!("loss {loss} but the network's mean cross-entropy is {want}"));
    }
    let row = |b: &Array1<f64>| b.view().insert_axis(Axis(0)).to_owned();
    let col = |b: &Array2<f64>| b.row(0).to_owned();
    grad_gap("dw1", dw1.view(), &w1, |w| mlp_loss(&x, &y, w, &b1, &w2, &b2))?;
    grad_gap("db1", db1.view().insert_axis(Axis(0)), &row(&b1), |b| mlp_loss(&x, &y, &w1, &col(b), &w2, &b2))?;
    grad_gap("dw2", dw2.view(), &w2, |w| mlp_loss(&x, &y, &w1, &b1, w, &b2))?;
    grad_gap("db2", db2.view().insert_axis(Axis(0)), &row(&b2), |b| mlp_loss(&x, &y, &w1, &b1, &w2, &col(b)))
}

/// Gradient check of `batchnorm_backward`: the grader's own batch norm (training mode) and
/// central differences of `L = Σ dout · batchnorm(x, gamma, beta)` with respect to `x`,
/// `gamma` and `beta` (`beta = 0`; the gradients do not depend on it).
fn bn_gradcheck(x: &Array2<f64>, gamma: &Array1<f64>, dout: &Array2<f64>, eps: f64) -> Check {
    let bn_loss = |x: &Array2<f64>, g: &Array1<f64>, b: &Array1<f64>| {
        let n = x.nrows() as f64;
        let mu = x.sum_axis(Axis(0)) / n;
        let var = (x - &mu).mapv(|v| v * v).sum_axis(Axis(0)) / n;
        let out = (x - &mu) / &var.mapv(|v| (v + eps).sqrt()) * g + b;
        (out * dout).sum()
    };
    let (dx, dgamma, dbeta) = sub::batchnorm_backward(x, gamma, dout, eps)?;
    let beta = Array1::zeros(gamma.len());
    let row = |b: &Array1<f64>| b.view().insert_axis(Axis(0)).to_owned();
    let col = |b: &Array2<f64>| b.row(0).to_owned();
    grad_gap("dx", dx.view(), x, |x| bn_loss(x, gamma, &beta))?;
    grad_gap("dgamma", dgamma.view().insert_axis(Axis(0)), &row(gamma), |g| bn_loss(x, &col(g), &beta))?;
    grad_gap("dbeta", dbeta.view().insert_axis(Axis(0)), &row(&beta), |b| bn_loss(x, gamma, &col(b)))
}

/// Dropout on an `n × m` matrix of ones: every output must be 0 or `1 / (1 - p)`, the fraction
/// kept must be within the binomial spread of `1 - p` (z-test at the runtime's false-failure
/// rate), and with `training = false` the input must come back unchanged.
fn dropout_keep_fraction(n: usize, m: usize, p: f64, seed: u64) -> Check {
    let x = Array2::<f64>::ones((n, m));
    let out = sub::dropout(&x, p, seed, true)?;
    if out.dim() != x.dim() {
        return Err(format!("output of shape {:?} for an input of shape {:?}", out.dim(), x.dim()));
    }
    let scale = 1.0 / (1.0 - p);
    if let Some(v) = out.iter().find(|&&v| v != 0.0 && !((v - scale).abs() <= 1e-12 * scale)) {
        return Err(format!("output value {v}: every entry of ones must become 0 (dropped) or 1 / (1 - p) = {scale} (kept)"));
    }
    let total = (n * m) as f64;
    let kept = out.iter().filter(|&&v| v != 0.0).count() as f64 / total;
    stats::z_test(&format!("fraction kept of {} entries with p = {p}", n * m), kept, 1.0 - p, (p * (1.0 - p) / total).sqrt(), stats::FALSE_FAILURE)?;
    if sub::dropout(&x, p, seed, false)? != x {
        return Err("with training = false the input must come back unchanged".into());
    }
    Ok(())
}

/// Trains with the submission's `train_digits` and measures held-out accuracy with the grader's
/// own forward pass on the grader's own split (every fifth sample, pixels / 16). With
/// `first = Some(k)`, only the first `k` training samples are given to `train_digits`.
fn digits_heldout(seed: u64, first: Option<usize>, min_acc: f64) -> Check {
    let d = datasets::digits().map_err(|e| e.to_string())?;
    let x = d.features / 16.0;
    let n = x.nrows();
    let mut train: Vec<usize> = (0..n).filter(|i| i % 5 != 4).collect();
    if let Some(k) = first {
        train.truncate(k);
    }
    let held: Vec<usize> = (0..n).filter(|i| i % 5 == 4).collect();
    let ((w1, b1, w2, b2), _losses) = sub::train_digits(&x.select(Axis(0), &train), &d.target.select(Axis(0), &train), seed);
    let h = w1.ncols();
    if w1.nrows() != 64 || b1.len() != h || w2.nrows() != h || w2.ncols() != 10 || b2.len() != 10 {
        return Err(format!("parameters of shapes {:?}, {}, {:?}, {}: expected 64 × h, h, h × 10, 10", w1.dim(), b1.len(), w2.dim(), b2.len()));
    }
    let (xh, yh) = (x.select(Axis(0), &held), d.target.select(Axis(0), &held));
    let z = (xh.dot(&w1) + &b1).mapv(|v| v.max(0.0)).dot(&w2) + &b2;
    let correct = z.rows().into_iter().zip(&yh).filter(|(r, l)| {
        let mut best = 0;
        for (j, &v) in r.iter().enumerate() {
            if v > r[best] {
                best = j;
            }
        }
        best == **l
    });
    let acc = correct.count() as f64 / yh.len() as f64;
    if acc >= min_acc { Ok(()) } else { Err(format!("held-out accuracy {acc:.4} on {} samples (needed ≥ {min_acc})", yh.len())) }
}

pub fn table(t: &mut Table) {
    t.add("dense_forward", |x: &Array2<f64>, w: &Array2<f64>, b: &Array1<f64>| sub::dense_forward(x, w, b));
    t.add("sigmoid", |z: &Array2<f64>| sub::sigmoid(z));
    t.add("tanh_act", |z: &Array2<f64>| sub::tanh_act(z));
    t.add("bce_with_logits", |z: &Array1<f64>, y: &Array1<f64>| sub::bce_with_logits(z, y));
    t.add("cross_entropy_logits", |z: &Array2<f64>, y: &Array1<usize>| sub::cross_entropy_logits(z, y));
    // The generator's next draw is returned too: `init_mlp` must leave it just past the weights.
    t.add("init_mlp", |d: &usize, h: &usize, c: &usize, s: &u64| {
        let mut rng = ChaCha8Rng::seed_from_u64(*s);
        let p = sub::init_mlp(*d, *h, *c, &mut rng);
        (p, rng.random::<f64>())
    });
    t.add("dense_backward", |g: &Array2<f64>, x: &Array2<f64>, w: &Array2<f64>| sub::dense_backward(g, x, w));
    t.add("relu_backward", |g: &Array2<f64>, z: &Array2<f64>| sub::relu_backward(g, z));
    t.add("softmax_ce_backward", |z: &Array2<f64>, y: &Array1<usize>| sub::softmax_ce_backward(z, y));
    t.add("mlp_forward", |x: &Array2<f64>, w1: &Array2<f64>, w2: &Array2<f64>, b: &Array1<f64>| {
        let (b1, b2) = split_bias(b, w1.ncols());
        sub::mlp_forward(x, w1, &b1, w2, &b2)
    });
    t.add("mlp_backward", |x: &Array2<f64>, y: &Array1<usize>, w1: &Array2<f64>, w2: &Array2<f64>, b: &Array1<f64>| {
        let (b1, b2) = split_bias(b, w1.ncols());
        sub::mlp_backward(x, y, w1, &b1, w2, &b2)
    });
    t.add("mlp_backward/gradcheck", |n: &usize, d: &usize, h: &usize, c: &usize, s: &u64| mlp_gradcheck(*n, *d, *h, *c, *s));
    t.add("numerical_gradient", |x: &Array2<f64>, y: &Array1<usize>, w: &Array2<f64>, eps: &f64| {
        sub::numerical_gradient(|w: &Array2<f64>| ce(&x.dot(w), y), w, *eps)
    });
    t.add("sgd_step", |p: &Array2<f64>, g: &Array2<f64>, lr: &f64| {
        let mut p = p.clone();
        sub::sgd_step(&mut p, g, *lr);
        p
    });
    t.add("sgd_step/bias", |p: &Array1<f64>, g: &Array1<f64>, lr: &f64| {
        let mut p = p.clone();
        sub::sgd_step(&mut p, g, *lr);
        p
    });
    t.add("momentum_step", |w: &Array2<f64>, g: &Array2<f64>, v: &Array2<f64>, lr: &f64, beta: &f64| sub::momentum_step(w, g, v, *lr, *beta));
    // Adam's scalars travel as one vector `[t, lr, beta1, beta2, eps]` (five arguments at most).
    t.add("adam_step", |w: &Array2<f64>, g: &Array2<f64>, m: &Array2<f64>, v: &Array2<f64>, hp: &Array1<f64>| {
        sub::adam_step(w, g, m, v, hp[0] as usize, hp[1], (hp[2], hp[3]), hp[4])
    });
    t.add("train_epoch", |x: &Array2<f64>, y: &Array1<usize>, lr: &f64, bs: &usize, s: &u64| {
        let c = y.iter().max().map_or(1, |m| m + 1);
        let mut p = start_params(x.ncols(), 6, c);
        let mut rng = ChaCha8Rng::seed_from_u64(*s);
        // Two epochs from one generator: the second must continue the first's stream.
        let l1 = sub::train_epoch(x, y, &mut p, *lr, *bs, &mut rng);
        let l2 = sub::train_epoch(x, y, &mut p, *lr, *bs, &mut rng);
        l1.and_then(|a| l2.map(|b| (array![a, b], p)))
    });
    t.add("accuracy", |z: &Array2<f64>, y: &Array1<usize>| sub::accuracy(z, y));
    t.add("batchnorm_forward", |x: &Array2<f64>, g: &Array1<f64>, b: &Array1<f64>, eps: &f64| sub::batchnorm_forward(x, g, b, *eps));
    t.add("batchnorm_backward", |x: &Array2<f64>, g: &Array1<f64>, d: &Array2<f64>, eps: &f64| sub::batchnorm_backward(x, g, d, *eps));
    t.add("batchnorm_backward/gradcheck", |x: &Array2<f64>, g: &Array1<f64>, d: &Array2<f64>, eps: &f64| bn_gradcheck(x, g, d, *eps));
    t.add("dropout", |x: &Array2<f64>, p: &f64, s: &u64, training: &bool| sub::dropout(x, *p, *s, *training));
    t.add("dropout/keep_fraction", |n: &usize, m: &usize, p: &f64, s: &u64| dropout_keep_fraction(*n, *m, *p, *s));
    t.add("attention_scores", |q: &Array2<f64>, k: &Array2<f64>, m: &Array2<bool>| sub::attention_scores(q, k, m));
    t.add("attention_output", |q: &Array3<f64>, k: &Array3<f64>, v: &Array3<f64>, m: &Array2<bool>| sub::attention_output(q, k, v, m));
    t.add("sgd_weight_decay", |w: &Array2<f64>, g: &Array2<f64>, lr: &f64, wd: &f64| sub::sgd_weight_decay(w, g, *lr, *wd));
    t.add("step_decay", |lr0: &f64, f: &f64, every: &usize, warmup: &usize, n: &usize| sub::step_decay(*lr0, *f, *every, *warmup, *n));
    t.add("early_stopping", |l: &Array1<f64>, patience: &usize, d: &f64| sub::early_stopping(l, *patience, *d));
    t.add("train_digits/heldout", |s: &u64| digits_heldout(*s, None, 0.95));
    t.add("train_digits/subset", |s: &u64, n: &usize| digits_heldout(*s, Some(*n), 0.90));
}
