//! # Module — `nn`: a small neural network, from the layer to the trained classifier
//!
//! Every deep-learning framework is built from a handful of array operations: a matrix product
//! plus a bias, an element-wise non-linearity, a softmax, a loss, and the same pieces run
//! backwards to get gradients. This module writes them all with `ndarray`, checks the
//! gradients numerically, and ends with a two-layer network that recognises handwritten digits.
//!
//! ## Shapes and conventions
//!
//! - A **batch** is an `n × d` matrix: one sample per row, one feature per column (the NumPy and
//!   PyTorch convention). A dense layer has weights `W` of shape `d × h` and a bias `b` of
//!   length `h`, and computes `X·W + b` (`n × h`); the bias broadcasts down the rows.
//! - Class labels are `usize` in `0..c`; the network outputs **logits**, an `n × c` matrix of
//!   unnormalised scores. Probabilities come from a softmax, but the loss is computed from the
//!   logits directly (it is more accurate; see `cross_entropy_logits`).
//! - Losses are **means** over the batch, so the gradients below are gradients of a mean: they
//!   carry a factor `1/n`, and the learning rate does not have to change with the batch size.
//! - Gradients are returned in the shapes of what they differentiate: `dW` has `W`'s shape, `db`
//!   has `b`'s. A backward function receives `dout`, the gradient of the loss with respect to
//!   the piece's output, and returns the gradients with respect to its inputs (the chain rule,
//!   one piece at a time).
//! - The two-layer network (an MLP) is `dense → ReLU → dense → softmax cross-entropy`. Its
//!   parameters travel as four separate arrays `(w1, b1, w2, b2)`; [`Mlp`] names that tuple.
//!
//! ## Numerical stability
//!
//! `exp(1000)` is `inf` in `f64` and `exp(-1000)` is `0`: every exercise that exponentiates
//! says how to stay inside the representable range (subtract a maximum, or pick the form of the
//! formula whose exponent is never positive). The grader tests the extremes.
//!
//! ## About speed, honestly
//!
//! Almost all the work of a network is in its matrix products. `.dot` calls a tuned kernel
//! (blocked for the caches, using the CPU's vector units); a hand-written `i, j, k` triple loop
//! does the same arithmetic ten to a hundred times slower, and a loop over the samples that does
//! one vector–matrix product each re-reads the whole weight matrix per sample. One exercise is
//! **timed**: `mlp_backward` (forward and backward pass of a 784-256-10 network on a batch of
//! 256), where both of those naive forms fail the budget. The element-wise pieces (activations,
//! losses) are not timed: a loop is as fast as `mapv` in Rust.
//!
//! ## Working on the module
//!
//! Replace each `todo!()` with your code. `cargo test -p nn` runs the public tests at the
//! bottom of this file; the grader runs more cases (other shapes, seeds and the edge cases the
//! doc comments mention), a gradient check on random networks, and trains your network on the
//! digits.
#![allow(unused_variables, unused_imports)]

use ndarray::Zip;
use ndarray::prelude::*;
use ndarray_rand::RandomExt;
use rand::distr::Uniform;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::Normal;

/// The parameters (or the gradients) of the two-layer network: `(w1, b1, w2, b2)` with shapes
/// `d × h`, `h`, `h × c`, `c`.
pub type Mlp = (Array2<f64>, Array1<f64>, Array2<f64>, Array1<f64>);

// =============================================================================================
// Forward pieces
// =============================================================================================

/// **Exercise 1 — a dense (fully connected) layer: `X·W + b`.**
///
/// `x` is `n × d`, `w` is `d × h`, `b` has length `h`. Returns the `n × h` matrix `x·w + b`,
/// or an `Err` naming the shapes when `x`'s columns do not match `w`'s rows or `b`'s length
/// does not match `w`'s columns.
///
/// - NumPy: `x @ w + b`
/// - ndarray: `x.dot(w) + b` (the product is owned, so `+ b` reuses its memory; the bias
///   broadcasts down the rows because it is right-aligned with the last axis).
/// - Edge cases: `.dot` panics on mismatched shapes, so check them first; `n = 0` gives an empty
///   `0 × h` result, and `d = 0` gives every row equal to `b` (an empty sum is 0).
/// - Speed: not timed here; the product is the whole cost, and `.dot` is the way to do it.
pub fn dense_forward(x: &Array2<f64>, w: &Array2<f64>, b: &Array1<f64>) -> Result<Array2<f64>, String> {
    todo!()
}

/// **Exercise 2 — ReLU: `max(z, 0)` element-wise.**
///
/// The rectified linear unit keeps positive values and zeroes the rest; it is the default
/// hidden activation because its gradient does not fade for large inputs.
///
/// - NumPy: `np.maximum(z, 0)`
/// - ndarray: `z.mapv(|v| ...)`.
/// - Edge cases: NaN stays NaN (`v.max(0.0)` would turn NaN into 0: write the comparison so a
///   NaN passes through, e.g. `if v < 0.0 { 0.0 } else { v }`); `-0.0` may become `0.0` or stay.
/// - Speed: not timed; a loop is as fast.
pub fn relu(z: &Array2<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 3 — the logistic sigmoid, without overflow.**
///
/// `σ(z) = 1 / (1 + e^(-z))`. For `z = -1000`, `e^(-z)` overflows to `inf`; the result `0` is
/// still right, but the same formula's twin `e^z / (1 + e^z)` gives `inf / inf = NaN` for
/// `z = 1000`. Use the form whose exponent is never positive: for `z ≥ 0`,
/// `1 / (1 + e^(-z))`; for `z < 0`, `e^z / (1 + e^z)`.
///
/// - NumPy: `scipy.special.expit(z)` (the stable version; the textbook `1 / (1 + np.exp(-z))`
///   warns about overflow)
/// - ndarray: `z.mapv(...)` with the two branches.
/// - Edge cases: `±1000` must give exactly `1` and `0` without NaN; NaN stays NaN.
/// - Speed: not timed.
pub fn sigmoid(z: &Array2<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 4 — tanh as an activation.**
///
/// `tanh(z) = (e^z - e^(-z)) / (e^z + e^(-z))`, a sigmoid rescaled to `(-1, 1)` and centred on
/// 0. Written as that fraction it overflows for `|z| > 710` (`inf / inf`); the standard
/// library's `f64::tanh` is accurate and saturates cleanly at `±1`.
///
/// - NumPy: `np.tanh(z)`
/// - ndarray: `z.mapv(f64::tanh)`.
/// - Edge cases: `±1000` give `±1`; NaN stays NaN.
/// - Speed: not timed.
pub fn tanh_act(z: &Array2<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 5 — a stable softmax over each row.**
///
/// Row `i` of the result is `exp(z[i, j] - m_i) / Σ_j exp(z[i, j] - m_i)` with `m_i` the row's
/// maximum. Subtracting `m_i` changes nothing mathematically (it cancels) but keeps every
/// exponent `≤ 0`, so nothing overflows, and the largest term is exactly `1`, so the sum is at
/// least 1 and never underflows to 0.
///
/// - NumPy: `e = np.exp(z - z.max(axis=1, keepdims=True)); e / e.sum(axis=1, keepdims=True)`
///   (`scipy.special.softmax(z, axis=1)`)
/// - ndarray: a loop over `rows_mut()` of a copy, or `fold_axis(Axis(1), ...)` for the maxima
///   and `insert_axis(Axis(1))` to broadcast them back as a column.
/// - Edge cases: rows of huge values (`[1000, 1000]` → `[0.5, 0.5]`); a row with one column
///   is `[1]`; zero rows give an empty result.
/// - Speed: not timed; a row loop is as fast as the broadcast form in Rust.
pub fn softmax_rows(z: &Array2<f64>) -> Array2<f64> {
    todo!()
}

// =============================================================================================
// Losses (from logits)
// =============================================================================================

/// **Exercise 6 — binary cross-entropy from logits.**
///
/// For logits `z` (length `n`) and targets `y` in `[0, 1]`, returns the mean over the samples
/// of `-[y log σ(z) + (1 - y) log(1 - σ(z))]`. Computing `σ(z)` first and then its log fails
/// for large `|z|`: `σ(40)` rounds to exactly `1`, `log(1 - 1) = -inf`. Simplified, the loss of
/// one sample is `log(1 + e^z) - y z`, and `log(1 + e^z) = max(z, 0) + log(1 + e^(-|z|))`,
/// whose exponent is never positive. Use `ln_1p` for `log(1 + small)`.
///
/// Returns an `Err` when the lengths differ or there are no samples (a mean of nothing).
///
/// - NumPy: `np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))`
///   (PyTorch: `BCEWithLogitsLoss`)
/// - Rust: `Zip::from(z).and(y).fold(...)`, or iterate the two arrays together.
/// - Edge cases: `z = ±1000` with either target (finite losses `0` or `1000`); soft targets
///   such as `y = 0.3` are allowed.
/// - Speed: not timed.
pub fn bce_with_logits(z: &Array1<f64>, y: &Array1<f64>) -> Result<f64, String> {
    todo!()
}

/// **Exercise 7 — categorical cross-entropy from logits (log-sum-exp).**
///
/// For logits `z` (`n × c`) and labels `y` (length `n`, values in `0..c`), returns the mean over
/// the rows of `-log softmax(z_i)[y_i] = logsumexp(z_i) - z_i[y_i]`, with the stable
/// `logsumexp(v) = m + log Σ exp(v_j - m)`, `m = max v`. Never take the log of a probability
/// computed by a softmax: a tiny probability rounds to 0 and its log is `-inf`.
///
/// Returns an `Err` when `y`'s length differs from the number of rows, a label is `≥ c`, or
/// there are no rows.
///
/// - NumPy: `m = z.max(1); lse = m + np.log(np.exp(z - m[:, None]).sum(1));
///   np.mean(lse - z[np.arange(n), y])` (`scipy.special.logsumexp`; PyTorch:
///   `F.cross_entropy(z, y)`)
/// - Rust: a loop over `z.rows()` zipped with `y`.
/// - Edge cases: logits like `[1000, 0]` (label 1 gives a loss of exactly 1000, not `inf`);
///   one class (`c = 1`: the loss is 0).
/// - Speed: not timed.
pub fn cross_entropy_logits(z: &Array2<f64>, y: &Array1<usize>) -> Result<f64, String> {
    todo!()
}

// =============================================================================================
// Initialisation
// =============================================================================================

/// **Exercise 8 — Xavier (Glorot) uniform weights, from a generator you are given.**
///
/// Returns a `fan_in × fan_out` matrix uniform on `[-a, a)` with
/// `a = sqrt(6 / (fan_in + fan_out))` (variance `2 / (fan_in + fan_out)`: suited to layers
/// followed by a symmetric activation such as `tanh` or, as here, by the softmax).
///
/// Unlike the `random` module's version, this one *borrows* a generator instead of creating one
/// from a seed: a network is initialised layer after layer from **one** generator, so the
/// layers get different numbers (two layers seeded alike would start correlated).
///
/// Draws: `Uniform::new(-a, a)` sampled in row-major order (`Array2::random_using`) from `rng`,
/// which is left advanced past those `fan_in · fan_out` draws. If either size is 0, return the
/// empty matrix without drawing.
///
/// - NumPy: `a = np.sqrt(6 / (fan_in + fan_out)); rng.uniform(-a, a, (fan_in, fan_out))`
/// - Pitfalls: `6 / (fan_in + fan_out)` on integers is 0; the bound is not the standard deviation.
/// - Checked: exact values, and the distribution on a large matrix.
/// - Speed: not timed.
pub fn init_xavier(fan_in: usize, fan_out: usize, rng: &mut ChaCha8Rng) -> Array2<f64> {
    todo!()
}

/// **Exercise 9 — He (Kaiming) normal weights, from a generator you are given.**
///
/// Returns a `fan_in × fan_out` matrix of normal samples with mean 0 and standard deviation
/// `sqrt(2 / fan_in)`: a ReLU zeroes half of its inputs, and the factor 2 compensates, so the
/// activations of a ReLU layer keep their scale.
///
/// Draws: `Normal::new(0.0, sqrt(2 / fan_in))` in row-major order (`Array2::random_using`) from
/// `rng`. If either size is 0, return the empty matrix without drawing.
///
/// - NumPy: `rng.normal(0.0, np.sqrt(2 / fan_in), (fan_in, fan_out))`
/// - Pitfalls: `2 / fan_in` is the variance, not the standard deviation; `fan_in` is the number
///   of *rows* (inputs), not `fan_out`.
/// - Checked: exact values, and the distribution on a large matrix.
/// - Speed: not timed.
pub fn init_he(fan_in: usize, fan_out: usize, rng: &mut ChaCha8Rng) -> Array2<f64> {
    todo!()
}

/// **Exercise 10 — initialise the two-layer network.**
///
/// Returns `(w1, b1, w2, b2)` for a `n_in → n_hidden → n_out` MLP. Draw order, all from
/// **one** `ChaCha8Rng::seed_from_u64(seed)`: first `w1 = init_he(n_in, n_hidden, rng)` (the
/// layer feeds a ReLU), then `w2 = init_xavier(n_hidden, n_out, rng)` (it feeds the softmax)
/// from the same, already advanced generator. Both biases are zeros (no draws): the random
/// weights already make the hidden units differ, which is all the symmetry breaking needed.
///
/// - NumPy: `rng = np.random.default_rng(seed)`, then the two draws above in that order.
/// - Pitfalls: seeding a second generator for `w2` gives other numbers (and, with the same seed,
///   correlated layers); drawing `w2` first swaps the streams.
/// - Speed: not timed.
pub fn init_mlp(n_in: usize, n_hidden: usize, n_out: usize, seed: u64) -> Mlp {
    todo!()
}

// =============================================================================================
// Backward pieces
// =============================================================================================

/// **Exercise 11 — the backward pass of a dense layer.**
///
/// The layer computed `out = x·w + b`. Given `dout = ∂L/∂out` (`n × h`), returns
/// `(dx, dw, db)`:
/// - `dx = dout · wᵀ` (`n × d`): each input feeds every output through its row of `w`;
/// - `dw = xᵀ · dout` (`d × h`): the sum over the samples of each sample's outer product;
/// - `db = Σ_rows dout` (length `h`): the bias was broadcast down the rows, so its gradient is
///   summed back up them (the backward of a broadcast is a sum).
///
/// A shape check that always works: each gradient has the shape of what it differentiates.
///
/// - NumPy: `dout @ w.T, x.T @ dout, dout.sum(axis=0)`
/// - ndarray: `.dot(&w.t())`, `x.t().dot(dout)` (`.t()` is a free view), `sum_axis(Axis(0))`.
/// - Edge cases: a batch of zero rows gives `dw` and `db` of zeros.
/// - Speed: not timed here (it is inside `mlp_backward`, which is): use `.dot`.
pub fn dense_backward(dout: &Array2<f64>, x: &Array2<f64>, w: &Array2<f64>) -> (Array2<f64>, Array2<f64>, Array1<f64>) {
    todo!()
}

/// **Exercise 12 — the backward pass of ReLU.**
///
/// The ReLU's derivative is 1 where its input `z` was positive and 0 elsewhere, so the gradient
/// passes through where `z > 0` and is blocked elsewhere: returns `dout * (z > 0)`.
///
/// Convention at the kink: at `z = 0` exactly the derivative is taken as **0** (what PyTorch
/// and most frameworks do).
///
/// - NumPy: `dout * (z > 0)`
/// - ndarray: `Zip::from(dout).and(z).map_collect(...)`, or clone `dout` and zero entries.
/// - Pitfalls: the mask comes from the layer's *input* `z`, not from `dout`.
/// - Speed: not timed.
pub fn relu_backward(dout: &Array2<f64>, z: &Array2<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 13 — the gradient of softmax cross-entropy with respect to the logits.**
///
/// For the mean loss of `cross_entropy_logits(z, y)`, the gradient is remarkably simple:
/// `(softmax(z) - onehot(y)) / n`: the predicted probabilities, minus 1 at each row's true
/// class, divided by the batch size (the loss is a mean). No logarithm and no division by a
/// probability appears, which is one reason the two are always fused in practice.
///
/// Labels are assumed valid (`< c`) here; `y.len()` must equal the number of rows.
///
/// - NumPy: `p = softmax(z); p[np.arange(n), y] -= 1; p / n`
/// - ndarray: start from `softmax_rows(z)`, subtract 1 at `[[i, y[i]]]`, divide by `n`.
/// - Pitfalls: forgetting the `1/n` (the gradient check catches it); subtracting 1 from a
///   column instead of one entry per row.
/// - Speed: not timed.
pub fn softmax_ce_backward(z: &Array2<f64>, y: &Array1<usize>) -> Array2<f64> {
    todo!()
}

// =============================================================================================
// The two-layer network
// =============================================================================================

/// **Exercise 14 — the forward pass of the MLP.**
///
/// Returns the logits `relu(x·w1 + b1)·w2 + b2` (`n × c`) of the network
/// `dense → ReLU → dense` (the softmax belongs to the loss, not to the forward pass).
///
/// - NumPy: `np.maximum(x @ w1 + b1, 0) @ w2 + b2`
/// - ndarray: two `.dot` calls, the bias broadcasts, `relu` in between.
/// - Edge cases: shapes are assumed consistent.
/// - Speed: not timed; use `.dot`.
pub fn mlp_forward(x: &Array2<f64>, w1: &Array2<f64>, b1: &Array1<f64>, w2: &Array2<f64>, b2: &Array1<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 15 — backpropagation through the whole MLP (timed).**
///
/// Returns `(loss, (dw1, db1, dw2, db2))`: the mean softmax cross-entropy of the network on the
/// batch `(x, y)` and its gradients with respect to the four parameters. Run the forward pass
/// keeping what the backward pass needs (`z1 = x·w1 + b1`, `h = relu(z1)`, the logits), then
/// chain the backward pieces from the loss down:
/// `dz2 = softmax_ce_backward(logits, y)`; `(dh, dw2, db2)` from `dense_backward(dz2, h, w2)`;
/// `dz1 = relu_backward(dh, z1)`; `(_, dw1, db1)` from `dense_backward(dz1, x, w1)`.
/// (`dx` of the first layer is not needed: skipping it saves a whole matrix product.)
///
/// - NumPy: the same five lines with `@`, `.T` and `.sum(axis=0)`.
/// - Checked: values on given networks, and a gradient check (the grader's own central
///   differences on random networks of shapes you have not seen: every entry within
///   `1e-6 · max(1, max |gradient|)`).
/// - Speed: **timed** on a 784-256-10 network and a batch of 256. Almost all the time is in the
///   three large products (`x·w1`, `xᵀ·dz1`, and the smaller ones); with `.dot` each one runs
///   at the speed of a tuned kernel. Written as `i, j, k` index loops they are 10-100× slower;
///   a loop over the samples doing one vector–matrix product each (`x.row(i).dot(&w1)`)
///   re-reads the 1.6 MB weight matrix for every sample and allocates per sample, and its
///   backward builds one outer product per sample: both fail the budget.
pub fn mlp_backward(x: &Array2<f64>, y: &Array1<usize>, w1: &Array2<f64>, b1: &Array1<f64>, w2: &Array2<f64>, b2: &Array1<f64>) -> (f64, Mlp) {
    todo!()
}

// =============================================================================================
// Checking gradients
// =============================================================================================

/// **Exercise 16 — the numerical gradient by central differences.**
///
/// Returns the matrix whose entry `[i, j]` is `(f(w⁺) - f(w⁻)) / (2·eps)`, where `w⁺` and
/// `w⁻` are `w` with only entry `[i, j]` changed to `w[i, j] + eps` and `w[i, j] - eps`.
///
/// This is how every hand-written backward pass is tested: it needs nothing but the loss
/// itself. The central difference has an error of order `eps²` (a one-sided
/// `(f(w⁺) - f(w)) / eps` has order `eps`), and `eps` cannot be tiny either: `f(w⁺) - f(w⁻)`
/// loses digits to rounding. `eps ≈ 1e-5` balances the two for `f64`. It costs two evaluations
/// of `f` per parameter: fine for checking, far too slow for training.
///
/// Work on one mutable copy of `w`: set the entry to `orig + eps`, evaluate, set it to
/// `orig - eps`, evaluate, restore `orig`. (Computing `w⁻` as `(orig + eps) - 2·eps` rounds
/// differently: the grader's tolerance allows for that.)
///
/// - NumPy: a loop over `np.nditer(w, flags=["multi_index"])`, as in the CS231n notes.
/// - Rust: `indexed_iter()` gives the indices; `f: impl Fn(&Array2<f64>) -> f64`.
/// - Pitfalls: forgetting to restore the entry (every later entry is then wrong); dividing by
///   `eps` instead of `2·eps`.
/// - Speed: not timed (inherently `2 · w.len()` evaluations of `f`).
pub fn numerical_gradient(f: impl Fn(&Array2<f64>) -> f64, w: &Array2<f64>, eps: f64) -> Array2<f64> {
    todo!()
}

// =============================================================================================
// Training
// =============================================================================================

/// **Exercise 17 — one step of stochastic gradient descent, in place.**
///
/// `param ← param - lr · grad`, for a weight matrix or a bias vector (any dimension `D`).
///
/// - NumPy: `param -= lr * grad` (in place: no new array)
/// - ndarray: `param.scaled_add(-lr, grad)` (one pass, no temporary), or `Zip`.
/// - Pitfalls: `*param = &*param - &(lr * grad)` is correct but allocates two arrays per step.
/// - Speed: not timed.
pub fn sgd_step<D: Dimension>(param: &mut Array<f64, D>, grad: &Array<f64, D>, lr: f64) {
    todo!()
}

/// **Exercise 18 — one epoch of mini-batch training.**
///
/// Runs one pass over the data `(x, y)` in random mini-batches and updates `params` in place;
/// returns the epoch's mean training loss. The exact recipe (so that results are checkable):
///
/// 1. Shuffle: a permutation of `0..n` drawn from `rng` with the Fisher–Yates loop of the
///    `random` module (start from `[0, 1, ..., n-1]`; for `i` from `n - 1` down to 1, draw
///    `j = rng.random_range(0..=i)` and swap entries `i` and `j`). `rng` continues from where
///    the previous epoch left it.
/// 2. Batches: consecutive chunks of `batch_size` indices of that permutation; the last one is
///    shorter when `batch_size` does not divide `n` (it is kept, not dropped).
/// 3. For each batch (rows gathered with `x.select(Axis(0), &idx)`): `mlp_backward` at the
///    current parameters, then `sgd_step` on `w1, b1, w2, b2` with `lr`.
/// 4. The returned loss is the mean over all `n` samples of the loss each batch had *before*
///    its update: `Σ_batches loss_b · len_b / n`.
///
/// Returns an `Err` when `batch_size` is 0, `y`'s length differs from `x`'s rows, or `n = 0`.
///
/// - NumPy: `perm = rng.permutation(n); for s in range(0, n, bs): idx = perm[s:s + bs]; ...`
/// - Rust: `perm.chunks(batch_size)`; `x.select(Axis(0), idx)` copies the batch's rows.
/// - Pitfalls: `slice.shuffle(&mut rng)` draws differently (see the `random` module);
///   averaging the batch losses without weighting them by their sizes.
/// - Speed: not timed; the matrix products in `mlp_backward` dominate.
pub fn train_epoch(x: &Array2<f64>, y: &Array1<usize>, params: &mut Mlp, lr: f64, batch_size: usize, rng: &mut ChaCha8Rng) -> Result<f64, String> {
    todo!()
}

/// **Exercise 19 — classification accuracy.**
///
/// The predicted class of a row of logits is its arg-max (the softmax does not change the
/// order, so it is not needed); returns the fraction of rows whose prediction equals the label.
/// Ties go to the **first** maximum (as `np.argmax`).
///
/// - NumPy: `np.mean(z.argmax(axis=1) == y)`
/// - Rust: per row, a loop keeping the first index with the largest value (`>` not `>=`).
/// - Edge cases: zero rows: return `0.0`.
/// - Speed: not timed.
pub fn accuracy(z: &Array2<f64>, y: &Array1<usize>) -> f64 {
    todo!()
}

// =============================================================================================
// Two more layers
// =============================================================================================

/// **Exercise 20 — batch normalisation, forward, training mode.**
///
/// Normalises each feature (column) of the batch with the batch's own statistics, then lets the
/// network rescale it: with `μ` the column means and `σ²` the column variances (population:
/// divide by `n`), returns `(out, μ, σ²)` where
/// `out = gamma · (x - μ) / sqrt(σ² + eps) + beta` (`gamma`, `beta` of length `d`, broadcast
/// down the rows). `eps` (typically `1e-5`) keeps a constant column from dividing by 0: it
/// becomes `beta`. A framework keeps running averages of `μ` and `σ²` for inference; that is
/// why they are returned.
///
/// Returns an `Err` when `x` has no rows or `gamma`/`beta` have the wrong length.
///
/// - NumPy: `mu = x.mean(0); var = x.var(0); gamma * (x - mu) / np.sqrt(var + eps) + beta`
/// - ndarray: `mean_axis(Axis(0))`, `var_axis(Axis(0), 0.0)`, broadcasting.
/// - Pitfalls: the sample variance (`ddof = 1`) is not what batch norm uses; normalising rows.
/// - Speed: not timed.
pub fn batchnorm_forward(x: &Array2<f64>, gamma: &Array1<f64>, beta: &Array1<f64>, eps: f64) -> Result<(Array2<f64>, Array1<f64>, Array1<f64>), String> {
    todo!()
}

/// **Exercise 21 — scaled dot-product attention weights, with a mask.**
///
/// For queries `q` (`n × d`), keys `k` (`m × d`) and a boolean `mask` (`n × m`, `true` where
/// query `i` may look at key `j`), returns the `n × m` attention weights: the row-wise softmax
/// of the scores `q·kᵀ / sqrt(d)` taken over the allowed entries only. Masked entries get
/// probability exactly 0 (set their score to `-inf` before the softmax: `exp(-inf) = 0`).
///
/// Rule for a **fully masked row** (a query with nothing to look at): the row is all zeros.
/// The naive `-inf` recipe gives `exp(-inf - (-inf)) = NaN` there (PyTorch returns NaN rows);
/// zeros are the convention of several libraries and keep NaN out of the rest of a network.
///
/// The `1/sqrt(d)` keeps the scores' spread independent of the dimension: a dot product of `d`
/// unit-variance terms has variance `d`, and a softmax of large scores is nearly one-hot.
///
/// - NumPy: `s = q @ k.T / np.sqrt(d); s = np.where(mask, s, -np.inf)`, then a stable softmax.
/// - ndarray: `q.dot(&k.t())`, then per row a max over the allowed entries (`Zip` over the row
///   and its mask row).
/// - Edge cases: a fully masked row; an all-`true` mask (the plain softmax); `m = 1`.
/// - Speed: not timed.
pub fn attention_scores(q: &Array2<f64>, k: &Array2<f64>, mask: &Array2<bool>) -> Array2<f64> {
    todo!()
}

// =============================================================================================
// The digits
// =============================================================================================

/// The digits data, scaled and split (provided, not an exercise).
///
/// Loads `datasets::digits()` (1797 images of 8 × 8 pixels with values `0..=16`), divides the
/// pixels by 16 (so every feature lies in `[0, 1]`), and splits by position: sample `i` is
/// **held out** when `i % 5 == 4` (359 samples) and used for training otherwise (1438). The
/// split is fixed so that every run, and the grader, measures the same held-out set; taking
/// every fifth sample spreads it over the whole file (the images were collected writer by
/// writer). Returns `(x_train, y_train, x_held_out, y_held_out)`.
pub fn digits_split() -> Result<(Array2<f64>, Array1<usize>, Array2<f64>, Array1<usize>), String> {
    let d = datasets::digits().map_err(|e| e.to_string())?;
    let x = d.features / 16.0;
    let n = x.nrows();
    let train: Vec<usize> = (0..n).filter(|i| i % 5 != 4).collect();
    let held: Vec<usize> = (0..n).filter(|i| i % 5 == 4).collect();
    Ok((x.select(Axis(0), &train), d.target.select(Axis(0), &train), x.select(Axis(0), &held), d.target.select(Axis(0), &held)))
}

/// **Exercise 22 — train a digit classifier.**
///
/// Given the training part of [`digits_split`] (pixels already scaled to `[0, 1]`), train an MLP
/// with your functions and return `(params, losses)`: the trained `(w1, b1, w2, b2)` (64 inputs,
/// 10 outputs, any hidden size) and the mean training loss of each epoch. Use `seed` for all
/// randomness (initialisation and shuffling), so a run can be repeated.
///
/// The grader computes the accuracy of your parameters on the **held-out** samples itself
/// (which you never train on) and requires **≥ 95 %**, within a time limit of 20 s in a release
/// build. The reference (`init_mlp(64, 100, 10, seed)`, then 50 epochs of `train_epoch` with
/// `lr = 0.05`, batches of 16, one generator `ChaCha8Rng::seed_from_u64(seed)` continued across
/// epochs) reaches 96-97 % held-out accuracy (lowest 96.4 % over seeds 0-7) in about 0.15 s
/// (release build, one core, measured on the course's 2-core VM). Pick your own
/// hyperparameters; the choice is the exercise: too large a learning rate diverges (the losses
/// become NaN), too few epochs underfit.
///
/// - NumPy/scikit-learn: `MLPClassifier(hidden_layer_sizes=(100,), solver="sgd",
///   learning_rate_init=0.05, batch_size=16, max_iter=50, momentum=0, alpha=0)` reaches
///   96.7 % on the same split (figures and script in `datasets/reference/nn/`).
/// - Speed: the time limit is generous; a debug build is 10-50× slower than release.
pub fn train_digits(x_train: &Array2<f64>, y_train: &Array1<usize>, seed: u64) -> (Mlp, Vec<f64>) {
    todo!()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn assert_close<D: Dimension>(got: &Array<f64, D>, want: &Array<f64, D>, tol: f64) {
        assert_eq!(got.shape(), want.shape());
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() <= tol * (1.0 + w.abs()), "got {got}\nwant {want}");
        }
    }

    fn small_net(seed: u64) -> (Array2<f64>, Array1<usize>, Mlp) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let x = Array2::random_using((7, 5), Normal::new(0.0, 1.0).unwrap(), &mut rng);
        let y = Array1::from_shape_fn(7, |i| i % 3);
        let w1 = Array2::random_using((5, 6), Normal::new(0.0, 0.7).unwrap(), &mut rng);
        let b1 = Array1::random_using(6, Normal::new(0.0, 0.1).unwrap(), &mut rng);
        let w2 = Array2::random_using((6, 3), Normal::new(0.0, 0.7).unwrap(), &mut rng);
        let b2 = Array1::random_using(3, Normal::new(0.0, 0.1).unwrap(), &mut rng);
        (x, y, (w1, b1, w2, b2))
    }

    #[test]
    fn dense_forward_adds_the_bias_to_every_row_and_checks_shapes() {
        let x = array![[1.0, 2.0], [3.0, 4.0]];
        let w = array![[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]];
        let b = array![10.0, 20.0, 30.0];
        assert_close(&dense_forward(&x, &w, &b).unwrap(), &array![[11.0, 22.0, 30.0], [13.0, 24.0, 32.0]], 0.0);
        assert!(dense_forward(&x, &w.t().to_owned(), &b).is_err());
        assert!(dense_forward(&x, &w, &array![1.0]).is_err());
    }

    #[test]
    fn activations_survive_extremes() {
        let z = array![[-1000.0, 0.0, 1000.0]];
        assert_close(&relu(&z), &array![[0.0, 0.0, 1000.0]], 0.0);
        assert_close(&sigmoid(&z), &array![[0.0, 0.5, 1.0]], 0.0);
        assert_close(&tanh_act(&z), &array![[-1.0, 0.0, 1.0]], 0.0);
        assert!(relu(&array![[f64::NAN]])[[0, 0]].is_nan());
        let p = softmax_rows(&array![[1000.0, 1000.0], [0.0, 2f64.ln()]]);
        assert_close(&p, &array![[0.5, 0.5], [1.0 / 3.0, 2.0 / 3.0]], 1e-15);
    }

    #[test]
    fn losses_are_stable_from_logits() {
        let l = bce_with_logits(&array![1000.0, -1000.0, 0.0], &array![0.0, 0.0, 1.0]).unwrap();
        assert!((l - (1000.0 + 0.0 + 2f64.ln()) / 3.0).abs() < 1e-12, "{l}");
        assert!(bce_with_logits(&array![1.0], &array![]).is_err());
        let ce = cross_entropy_logits(&array![[1000.0, 0.0], [0.0, 0.0]], &array![1usize, 0]).unwrap();
        assert!((ce - (1000.0 + 2f64.ln()) / 2.0).abs() < 1e-12, "{ce}");
        assert!(cross_entropy_logits(&array![[1.0, 2.0]], &array![2usize]).is_err());
    }

    #[test]
    fn init_mlp_draws_he_then_xavier_from_one_generator() {
        let (w1, b1, w2, b2) = init_mlp(4, 3, 2, 9);
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        assert_eq!(w1, init_he(4, 3, &mut rng));
        assert_eq!(w2, init_xavier(3, 2, &mut rng));
        assert_eq!((b1, b2), (Array1::zeros(3), Array1::zeros(2)));
        let a = (6.0f64 / 5.0).sqrt();
        assert!(w2.iter().all(|v| v.abs() <= a));
    }

    #[test]
    fn numerical_gradient_of_a_quadratic() {
        let w = array![[1.0, -2.0], [0.5, 3.0]];
        let g = numerical_gradient(|w| w.mapv(|v| v * v).sum(), &w, 1e-5);
        assert_close(&g, &(2.0 * &w), 1e-9);
    }

    #[test]
    fn mlp_backward_matches_central_differences() {
        let (x, y, (w1, b1, w2, b2)) = small_net(3);
        let (loss, (dw1, db1, dw2, db2)) = mlp_backward(&x, &y, &w1, &b1, &w2, &b2);
        let f = |w1: &Array2<f64>, w2: &Array2<f64>| cross_entropy_logits(&mlp_forward(&x, w1, &b1, w2, &b2), &y).unwrap();
        assert!((loss - f(&w1, &w2)).abs() < 1e-12);
        assert_close(&dw1, &numerical_gradient(|w| f(w, &w2), &w1, 1e-5), 1e-7);
        assert_close(&dw2, &numerical_gradient(|w| f(&w1, w), &w2, 1e-5), 1e-7);
        let as_row = |b: &Array1<f64>| b.clone().insert_axis(Axis(0));
        let g1 = numerical_gradient(|b| cross_entropy_logits(&mlp_forward(&x, &w1, &b.row(0).to_owned(), &w2, &b2), &y).unwrap(), &as_row(&b1), 1e-5);
        assert_close(&db1, &g1.row(0).to_owned(), 1e-7);
        let g2 = numerical_gradient(|b| cross_entropy_logits(&mlp_forward(&x, &w1, &b1, &w2, &b.row(0).to_owned()), &y).unwrap(), &as_row(&b2), 1e-5);
        assert_close(&db2, &g2.row(0).to_owned(), 1e-7);
    }

    #[test]
    fn pieces_compose_into_mlp_backward() {
        let (x, y, (w1, b1, w2, b2)) = small_net(4);
        let z1 = dense_forward(&x, &w1, &b1).unwrap();
        let h = relu(&z1);
        let z2 = dense_forward(&h, &w2, &b2).unwrap();
        let (dh, dw2, db2) = dense_backward(&softmax_ce_backward(&z2, &y), &h, &w2);
        let (_, dw1, db1) = dense_backward(&relu_backward(&dh, &z1), &x, &w1);
        let (_, g) = mlp_backward(&x, &y, &w1, &b1, &w2, &b2);
        assert_close(&g.0, &dw1, 1e-12);
        assert_close(&g.1, &db1, 1e-12);
        assert_close(&g.2, &dw2, 1e-12);
        assert_close(&g.3, &db2, 1e-12);
        assert_close(&relu_backward(&array![[1.0, 2.0, 3.0]], &array![[-1.0, 0.0, 0.5]]), &array![[0.0, 0.0, 3.0]], 0.0);
    }

    #[test]
    fn training_lowers_the_loss() {
        let (x, y, _) = small_net(5);
        let mut p = init_mlp(5, 8, 3, 1);
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let first = train_epoch(&x, &y, &mut p, 0.5, 3, &mut rng).unwrap();
        let mut last = first;
        for _ in 0..50 {
            last = train_epoch(&x, &y, &mut p, 0.5, 3, &mut rng).unwrap();
        }
        assert!(last < 0.5 * first, "{first} -> {last}");
        assert!(train_epoch(&x, &y, &mut p, 0.5, 0, &mut rng).is_err());
        let mut w = array![1.0, 2.0];
        sgd_step(&mut w, &array![1.0, -1.0], 0.5);
        assert_eq!(w, array![0.5, 2.5]);
    }

    #[test]
    fn batchnorm_and_attention() {
        let (out, mu, var) = batchnorm_forward(&array![[1.0, 5.0], [3.0, 5.0]], &array![2.0, 1.0], &array![0.0, 7.0], 0.0 + 1e-12).unwrap();
        assert_close(&mu, &array![2.0, 5.0], 0.0);
        assert_close(&var, &array![1.0, 0.0], 0.0);
        assert_close(&out, &array![[-2.0, 7.0], [2.0, 7.0]], 1e-9);
        let q = array![[1.0, 0.0], [0.0, 1.0]];
        let k = array![[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]];
        let mask = array![[true, false, true], [false, false, false]];
        let a = attention_scores(&q, &k, &mask);
        assert_eq!(a.row(1).to_vec(), vec![0.0, 0.0, 0.0]);
        assert_eq!(a[[0, 1]], 0.0);
        assert!((a[[0, 0]] - 0.5).abs() < 1e-15 && (a[[0, 2]] - 0.5).abs() < 1e-15, "{a}");
        assert_eq!(accuracy(&array![[1.0, 1.0], [0.0, 2.0]], &array![0usize, 0]), 0.5);
    }

    /// Figures computed with NumPy and scikit-learn by `datasets/reference/nn/make_reference.py`.
    #[test]
    fn pieces_agree_with_numpy_reference() {
        let r: serde_json::Value =
            serde_json::from_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../datasets/reference/nn/reference.json"))).unwrap();
        let mat = |k: &str| {
            let rows: Vec<Vec<f64>> = serde_json::from_value(r[k].clone()).unwrap();
            Array2::from_shape_fn((rows.len(), rows[0].len()), |(i, j)| rows[i][j])
        };
        let vec = |k: &str| Array1::from(serde_json::from_value::<Vec<f64>>(r[k].clone()).unwrap());
        let z = mat("z");
        assert_close(&sigmoid(&z), &mat("sigmoid"), 1e-14);
        assert_close(&softmax_rows(&z), &mat("softmax_rows"), 1e-14);
        let labels = Array1::from(serde_json::from_value::<Vec<usize>>(r["labels"].clone()).unwrap());
        let ce = cross_entropy_logits(&z, &labels).unwrap();
        assert!((ce - r["cross_entropy"].as_f64().unwrap()).abs() < 1e-12, "{ce}");
        let bce = bce_with_logits(&vec("bce_logits"), &vec("bce_targets")).unwrap();
        assert!((bce - r["bce"].as_f64().unwrap()).abs() < 1e-14, "{bce}");
        assert_eq!(r["digits_split"]["held_out"].as_u64(), Some(359));
    }

    #[test]
    fn digits_split_is_fixed() {
        let (xtr, ytr, xte, yte) = digits_split().unwrap();
        assert_eq!((xtr.dim(), ytr.len(), xte.dim(), yte.len()), ((1438, 64), 1438, (359, 64), 359));
        assert!(xtr.iter().chain(xte.iter()).all(|&v| (0.0..=1.0).contains(&v)));
    }

    #[test]
    fn a_few_epochs_on_part_of_the_digits_generalise() {
        // Debug builds are slow: a subset and a few epochs (the graded run uses everything).
        let (xtr, ytr, xte, yte) = digits_split().unwrap();
        let idx: Vec<usize> = (0..600).collect();
        let (xs, ys) = (xtr.select(Axis(0), &idx), ytr.select(Axis(0), &idx));
        let mut p = init_mlp(64, 32, 10, 0);
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        for _ in 0..10 {
            train_epoch(&xs, &ys, &mut p, 0.1, 32, &mut rng).unwrap();
        }
        let acc = accuracy(&mlp_forward(&xte, &p.0, &p.1, &p.2, &p.3), &yte);
        assert!(acc > 0.85, "{acc}");
    }
}
