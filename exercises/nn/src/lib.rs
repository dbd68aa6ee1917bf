//! # Module 10 — `nn`: a small neural network, from the layer to the trained classifier
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
//! - Pieces you wrote in earlier modules are not asked again. The ReLU is the
//!   `arrays::clip_negative` you wrote (negative values become 0, a NaN stays NaN); the row softmax is
//!   `broadcasting::softmax`; the initialisations are `random::he_normal` and
//!   `random::xavier_uniform`; the shuffle is `random::permutation`. This crate does not depend
//!   on those crates (a module that does not compile must not cost another one its points):
//!   where an exercise needs such a step, it does it inline, and its lesson says where you met
//!   it.
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
//! optimiser steps) are not timed: a loop is as fast as `mapv` in Rust. The exception is a
//! floating-point **reduction** (a sum, a dot product): ndarray's `sum()` and `dot()` add with
//! eight independent accumulators, which the compiler can vectorise, while a loop with one
//! `total += v` is one long chain of dependent additions (several times slower on data in
//! cache, and rounded differently). Use `.sum()`/`.dot()` there, or several accumulators.
//!
//! ## Working on the module
//!
//! Replace each `todo!()` with your code. `cargo test -p nn` runs the public tests at the
//! bottom of this file; the grader runs more cases (other shapes, seeds and the edge cases the
//! doc comments mention), gradient checks (random networks for `mlp_backward`, random batches
//! for `batchnorm_backward`), a statistical check of `dropout`'s mask, and trains your network
//! on the digits.
#![allow(unused_variables, unused_imports)]

use ndarray::Zip;
use ndarray::prelude::*;
use ndarray_rand::RandomExt;
use ndlab::linalg as la;
use rand::distr::{Bernoulli, Uniform};
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

/// **Exercise 2 — the logistic sigmoid, without overflow.**
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

/// **Exercise 3 — tanh as an activation.**
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

// =============================================================================================
// Losses (from logits)
// =============================================================================================

/// **Exercise 4 — binary cross-entropy from logits.**
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

/// **Exercise 5 — categorical cross-entropy from logits (log-sum-exp).**
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

/// **Exercise 6 — initialise the two-layer network from one generator.**
///
/// Returns `(w1, b1, w2, b2)` for an `n_in → n_hidden → n_out` MLP, drawing from the generator
/// `rng` you are given and leaving it advanced past exactly those draws, so that the caller
/// can go on using it (`train_digits` shuffles with it next). In order:
///
/// 1. `w1` (`n_in × n_hidden`): **He** normal, as in `random::he_normal`: `Normal::new(0.0,
///    sqrt(2 / n_in))`, because the layer feeds a ReLU, which zeroes about half of its inputs
///    (the factor 2 compensates).
/// 2. `w2` (`n_hidden × n_out`): **Xavier** uniform, as in `random::xavier_uniform`:
///    `Uniform::new(-a, a)` with `a = sqrt(6 / (n_hidden + n_out))`, because it feeds the
///    softmax, a symmetric function of its inputs.
/// 3. Both biases are zeros (no draws): the random weights already make the hidden units
///    differ, which is all the symmetry breaking needed.
///
/// Each matrix is sampled in row-major order (`Array2::random_using(shape, dist, rng)`). A
/// matrix with a zero dimension is empty and draws nothing (and its bound or standard
/// deviation, infinite then, is never used).
///
/// The two functions of the `random` module each create their own generator from a seed; a
/// network is initialised layer after layer from **one** generator, so its layers get
/// different numbers. Seeding a second generator alike for `w2` would replay the words that
/// made `w1`: correlated layers.
///
/// - NumPy: `rng = np.random.default_rng(seed)`; `w1 = rng.normal(0, np.sqrt(2 / n_in),
///   (n_in, n_hidden))`; `w2 = rng.uniform(-a, a, (n_hidden, n_out))` from the same `rng`.
///   (PyTorch: `kaiming_normal_` and `xavier_uniform_` on the layers' weights.)
/// - Pitfalls: `2 / n_in` and `6 / (n_hidden + n_out)` on integers are 0; `2 / n_in` is the
///   variance, not the standard deviation; drawing `w2` first swaps the streams.
/// - Checked: exact values, and the generator's next draw after your function returns.
/// - Speed: not timed.
pub fn init_mlp(n_in: usize, n_hidden: usize, n_out: usize, rng: &mut ChaCha8Rng) -> Mlp {
    todo!()
}

// =============================================================================================
// Backward pieces
// =============================================================================================

/// **Exercise 7 — the backward pass of a dense layer.**
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

/// **Exercise 8 — the backward pass of ReLU.**
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

/// **Exercise 9 — the gradient of softmax cross-entropy with respect to the logits.**
///
/// For the mean loss of `cross_entropy_logits(z, y)`, the gradient is remarkably simple:
/// `(softmax(z) - onehot(y)) / n`: the predicted probabilities, minus 1 at each row's true
/// class, divided by the batch size (the loss is a mean). No logarithm and no division by a
/// probability appears, which is one reason the two are always fused in practice.
///
/// The softmax over each row is the one you wrote in `broadcasting::softmax` (axis 1): subtract
/// the row's maximum before exponentiating, so every exponent is `≤ 0` and the largest term is
/// exactly 1 (logits like `[1000, 0]` must not overflow). Do it inline here, row by row.
///
/// Labels are assumed valid (`< c`) here; `y.len()` must equal the number of rows.
///
/// - NumPy: `p = softmax(z, axis=1); p[np.arange(n), y] -= 1; p / n`
/// - ndarray: a copy of `z`, then per row (`rows_mut()` zipped with `y`): the maximum with
///   `fold`, `mapv_inplace` for the shifted `exp`, divide by the row's `sum()`, subtract 1 at
///   the label; finally divide everything by `n`.
/// - Pitfalls: forgetting the `1/n` (the gradient check catches it); subtracting 1 from a
///   column instead of one entry per row.
/// - Edge cases: huge logits (`±1000`, a std of 40); one row; one class.
/// - Speed: not timed.
pub fn softmax_ce_backward(z: &Array2<f64>, y: &Array1<usize>) -> Array2<f64> {
    todo!()
}

// =============================================================================================
// The two-layer network
// =============================================================================================

/// **Exercise 10 — the forward pass of the MLP.**
///
/// Returns the logits `relu(x·w1 + b1)·w2 + b2` (`n × c`) of the network
/// `dense → ReLU → dense` (the softmax belongs to the loss, not to the forward pass).
///
/// - NumPy: `np.maximum(x @ w1 + b1, 0) @ w2 + b2`
/// - ndarray: two `.dot` calls, the bias broadcasts, the ReLU in between (a `mapv`, as in
///   `arrays::clip_negative`).
/// - Edge cases: shapes are assumed consistent.
/// - Speed: not timed; use `.dot`.
pub fn mlp_forward(x: &Array2<f64>, w1: &Array2<f64>, b1: &Array1<f64>, w2: &Array2<f64>, b2: &Array1<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 11 — backpropagation through the whole MLP (timed).**
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
///   backward builds one outer product per sample: both fail the budget. The reference calls
///   `ndlab::linalg::matmul` (`la::matmul(&a, &b)`, a `Result` whose only error is a shape
///   mismatch), the same product through faer's kernels:
///   on a CPU with AVX-512 it is about twice as fast as `.dot` (ndarray's kernels stop at
///   AVX2), which is what it takes to keep up with NumPy's OpenBLAS (`cargo xtask bench`).
///   `.dot` passes the timed check as well.
pub fn mlp_backward(x: &Array2<f64>, y: &Array1<usize>, w1: &Array2<f64>, b1: &Array1<f64>, w2: &Array2<f64>, b2: &Array1<f64>) -> (f64, Mlp) {
    todo!()
}

// =============================================================================================
// Checking gradients
// =============================================================================================

/// **Exercise 12 — the numerical gradient by central differences.**
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

/// **Exercise 13 — one step of stochastic gradient descent, in place.**
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

/// **Exercise 14 — SGD with momentum (PyTorch's convention).**
///
/// Plain SGD follows the current gradient only, so it zig-zags across a narrow valley and
/// crawls along it. Momentum keeps a running *velocity* `v` (same shape as `w`, zeros at the
/// start) and steps along it:
///
/// `v_new = beta · v + grad`, then `w_new = w - lr · v_new`.
///
/// Returns `(w_new, v_new)`; the caller passes `v_new` back in at the next step. A gradient that
/// keeps its sign adds up (with a constant gradient the step grows towards `lr / (1 - beta)`
/// times the gradient: ten times plain SGD for `beta = 0.9`); one that flips sign cancels.
///
/// This is `torch.optim.SGD(params, lr, momentum=beta)` (with its defaults `dampening = 0`,
/// `nesterov = False`): PyTorch starts the buffer at the first gradient, which is what
/// `beta · 0 + grad` gives from a zero velocity. The other common form (Sutskever et al.,
/// CS231n) keeps `u = beta · u - lr · grad` and adds it, `w + u`: the same steps while `lr` is
/// constant, different ones when `lr` changes (there the velocity already carries the old
/// `lr`).
///
/// Returns an `Err` when `grad` or `velocity` does not have `w`'s shape. Check the shapes
/// yourself: `&v * beta + grad` silently *broadcasts* a `1 × d` gradient over an `n × d` `w`.
///
/// - NumPy: `v = beta * v + g; w = w - lr * v`
/// - ndarray: `velocity * beta + grad` (scalar on the right of an array), then `w - &(lr * &v)`
///   or a clone of `w` and `scaled_add(-lr, &v)`.
/// - Edge cases: `beta = 0` is plain SGD (`v_new = grad`); empty matrices; a gradient of shape
///   `1 × d` against `n × d` weights is an error, not a broadcast.
/// - Speed: not timed; element-wise work, any loop is fine.
pub fn momentum_step(w: &Array2<f64>, grad: &Array2<f64>, velocity: &Array2<f64>, lr: f64, beta: f64) -> Result<(Array2<f64>, Array2<f64>), String> {
    todo!()
}

/// **Exercise 15 — one Adam step, with bias correction.**
///
/// Adam keeps two running averages per weight, of the gradient (`m`, the first moment) and of
/// its square (`v`, the second), and divides one by the square root of the other, so each
/// weight gets its own step size. With `betas = (β1, β2)` and the step counter `t` (the first
/// step is `t = 1`):
///
/// ```text
/// m_new = β1 · m + (1 - β1) · grad
/// v_new = β2 · v + (1 - β2) · grad²
/// m̂ = m_new / (1 - β1^t)          v̂ = v_new / (1 - β2^t)
/// w_new = w - lr · m̂ / (sqrt(v̂) + eps)
/// ```
///
/// Returns `(w_new, m_new, v_new)`. `m` and `v` start at zeros, so early averages are too
/// small; dividing by `1 - β^t` (the weight the average has gathered so far) removes that bias.
/// At `t = 1` the corrected moments are exactly `grad` and `grad²`, and every weight moves by
/// about `lr` in the direction of `-grad`, whatever the gradient's scale.
///
/// This is `torch.optim.Adam(params, lr, betas, eps)` with its defaults (`weight_decay = 0`,
/// `amsgrad = False`; default values `lr = 1e-3`, `betas = (0.9, 0.999)`, `eps = 1e-8`):
/// PyTorch adds `eps` to `sqrt(v̂)`, as here. Keras/TensorFlow fold the correction into the
/// learning rate and add `eps` to the *uncorrected* `sqrt(v)` (the "ε-hat" form of the Adam
/// paper), which differs when `v` is tiny.
///
/// Returns an `Err` when `t = 0` (the correction would divide by 0), a beta is outside
/// `[0, 1)` (PyTorch rejects those too), or `grad`, `m`, `v` do not have `w`'s shape.
///
/// - NumPy: `m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g**2;
///   w = w - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)`
/// - ndarray: whole-array arithmetic on references (`&m * b1 + &(grad * (1.0 - b1))`), or one
///   `Zip` over `w, grad, m, v` writing three outputs; `f64::powi` for `β^t`.
/// - Edge cases: `t = 1` from zero state; a large `t` (the correction is then about 1); a zero
///   gradient from zero state (the step is `0 / eps = 0`).
/// - Speed: not timed; element-wise work, any loop is fine.
#[allow(clippy::too_many_arguments)]
pub fn adam_step(
    w: &Array2<f64>,
    grad: &Array2<f64>,
    m: &Array2<f64>,
    v: &Array2<f64>,
    t: usize,
    lr: f64,
    betas: (f64, f64),
    eps: f64,
) -> Result<(Array2<f64>, Array2<f64>, Array2<f64>), String> {
    todo!()
}

/// **Exercise 16 — one epoch of mini-batch training.**
///
/// Runs one pass over the data `(x, y)` in random mini-batches and updates `params` in place;
/// returns the epoch's mean training loss. The exact recipe (so that results are checkable):
///
/// 1. Shuffle: a permutation of `0..n` with the Fisher–Yates loop you wrote in
///    `random::permutation` (start from `[0, 1, ..., n-1]`; for `i` from `n - 1` down to 1,
///    draw `j = rng.random_range(0..=i)` and swap entries `i` and `j`), drawing from the `rng`
///    you are given instead of a fresh seed. `rng` continues from where the previous epoch (or
///    `init_mlp`) left it.
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
/// - Pitfalls: `rand`'s `slice.shuffle(&mut rng)` is a correct Fisher–Yates too, but it draws
///   its indices differently, so it gives another permutation (see `random::permutation`);
///   averaging the batch losses without weighting them by their sizes.
/// - Speed: not timed; the matrix products in `mlp_backward` dominate.
pub fn train_epoch(x: &Array2<f64>, y: &Array1<usize>, params: &mut Mlp, lr: f64, batch_size: usize, rng: &mut ChaCha8Rng) -> Result<f64, String> {
    todo!()
}

/// **Exercise 17 — classification accuracy.**
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
// More layers
// =============================================================================================

/// **Exercise 18 — batch normalisation, forward, training mode.**
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

/// **Exercise 19 — batch normalisation, backward, training mode.**
///
/// The backward pass of `batchnorm_forward` (training mode: the batch's own mean `μ` and
/// population variance `σ²`, per column). With `x̂ = (x - μ) / sqrt(σ² + eps)` and
/// `out = gamma · x̂ + beta`, given `dout = ∂L/∂out` (`n × d`), returns `(dx, dgamma, dbeta)`:
///
/// - `dbeta = Σ_rows dout` (a broadcast bias: its gradient is summed back up, as in
///   `dense_backward`);
/// - `dgamma = Σ_rows dout · x̂` (element-wise product, then the column sums);
/// - `dx = (dx̂ - mean_rows(dx̂) - x̂ · mean_rows(dx̂ · x̂)) / sqrt(σ² + eps)` with
///   `dx̂ = dout · gamma`.
///
/// The two subtracted terms are the new part: `μ` and `σ²` depend on *every* row of the column,
/// so moving one input also moves the statistics that normalise all the others. A backward
/// pass that treats them as constants (`dx = dx̂ / sqrt(σ² + eps)`) is what evaluation mode
/// would give, and the gradient check rejects it. Recompute `μ`, `σ²` and `x̂` from `x` (as
/// the forward pass did: `mean_axis`, `var_axis` with `ddof = 0`).
///
/// Returns an `Err` when `x` has no rows, `gamma`'s length is not `x`'s column count, or
/// `dout` does not have `x`'s shape.
///
/// - NumPy: `xh = (x - mu) / np.sqrt(var + eps); dxh = dout * gamma;
///   dx = (dxh - dxh.mean(0) - xh * (dxh * xh).mean(0)) / np.sqrt(var + eps)`
///   (PyTorch: what autograd computes through `F.batch_norm(..., training=True)`).
/// - ndarray: `mean_axis(Axis(0))`, `sum_axis(Axis(0))`, and broadcasting of the length-`d`
///   vectors down the rows.
/// - Checked: values, and the grader's own central differences of
///   `L = Σ dout · batchnorm(x)` with respect to `x`, `gamma` and `beta`.
/// - Edge cases: one row (then `x̂ = 0` and `dx = 0`: the output does not depend on `x`); a
///   constant column (`σ² = 0`, `eps` keeps the division finite).
/// - Speed: not timed; a handful of passes over `n × d`.
pub fn batchnorm_backward(x: &Array2<f64>, gamma: &Array1<f64>, dout: &Array2<f64>, eps: f64) -> Result<(Array2<f64>, Array1<f64>, Array1<f64>), String> {
    todo!()
}

/// **Exercise 20 — inverted dropout.**
///
/// During training, dropout zeroes each activation independently with probability `p` and
/// scales the survivors by `1 / (1 - p)`, so that every entry keeps its expected value and the
/// next layer sees inputs of the same size in training and at evaluation. At evaluation
/// (`training == false`) it is the identity: nothing to rescale there, which is the point of
/// the *inverted* form (the original paper scaled the weights at test time instead).
///
/// The mask, so that results are checkable: `Bernoulli::new(1.0 - p)` (`true` = keep) drawn
/// from `ChaCha8Rng::seed_from_u64(seed)`, one draw per entry in row-major order, e.g.
/// `Array2::random_using(x.raw_dim(), keep, &mut rng)` (`rng.random_bool(1.0 - p)` per entry is
/// the same draw). A kept entry becomes `v / (1 - p)`; a dropped entry becomes exactly `0.0`,
/// whatever it held: a dropped NaN or `inf` is 0 here. (Multiplying by a 0/1 mask, as
/// PyTorch's `x * mask / (1 - p)` does, leaves `NaN · 0 = NaN`.)
///
/// Returns `x` unchanged (and draws nothing) when `training` is false or `p == 0`; returns an
/// `Err` when `p` is outside `[0, 1)`, NaN included, in training or not (PyTorch accepts
/// `p = 1`, dropping everything; here `1 / (1 - p)` would be infinite).
///
/// - NumPy: `keep = rng.random(x.shape) >= p; np.where(keep, x / (1 - p), 0.0)`
///   (PyTorch: `F.dropout(x, p, training)`; `model.eval()` switches it off).
/// - ndarray: the mask with `random_using`, then `Zip::from(x).and(&mask).map_collect(...)`.
/// - Pitfalls: `Bernoulli::new(p)` gives the *drop* mask, the complement of the one asked
///   for; scaling by `1 - p` instead of dividing by it; forgetting the identity at evaluation.
/// - Checked: exact values for fixed seeds, and on a large input the fraction of kept entries
///   (within the binomial spread of `1 - p`) and that every output is `0` or `v / (1 - p)`.
/// - Speed: not timed; one draw per entry dominates.
pub fn dropout(x: &Array2<f64>, p: f64, seed: u64, training: bool) -> Result<Array2<f64>, String> {
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
/// The naive `-inf` recipe gives `exp(-inf - (-inf)) = NaN` there, and so does a plain
/// `torch.softmax` over an all-`-inf` row; PyTorch's `F.scaled_dot_product_attention` (since
/// 2.5) zeroes such rows, as here, which keeps NaN out of the rest of a network.
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
/// `datasets::digits_split()`: loads `datasets::digits()` (1797 images of 8 × 8 pixels with values `0..=16`), divides the
/// pixels by 16 (so every feature lies in `[0, 1]`), and splits by position: sample `i` is
/// **held out** when `i % 5 == 4` (359 samples) and used for training otherwise (1438). The
/// split is fixed so that every run, and the grader, measures the same held-out set; taking
/// every fifth sample spreads it over the whole file (the images were collected writer by
/// writer). Returns `(x_train, y_train, x_held_out, y_held_out)`.
pub fn digits_split() -> Result<(Array2<f64>, Array1<usize>, Array2<f64>, Array1<usize>), String> {
    datasets::digits_split().map_err(|e| e.to_string())
}

/// **Exercise 22 — train a digit classifier.**
///
/// Given the training part of [`digits_split`] (pixels already scaled to `[0, 1]`), train an MLP
/// with your functions and return `(params, losses)`: the trained `(w1, b1, w2, b2)` (64 inputs,
/// 10 outputs, any hidden size) and the mean training loss of each epoch. Use `seed` for all
/// randomness (initialisation and shuffling), so a run can be repeated.
///
/// **One generator for the whole run**: create `ChaCha8Rng::seed_from_u64(seed)` once, pass it
/// to `init_mlp`, then pass the same, already advanced generator to every `train_epoch`. Do not
/// seed a second generator with the same `seed` for the shuffles: it would replay the very
/// words that made the weights (the mistake `init_mlp` warns about between two layers, and
/// the `seed + 1` habit that `random::worker_streams` replaces with streams).
///
/// The grader computes the accuracy of your parameters on the **held-out** samples itself
/// (which you never train on) and requires **≥ 95 %**, within a time limit of 20 s in a release
/// build; a hidden case also trains on only the first 720 training samples and requires
/// **≥ 90 %**, so do not assume the training set's size. The reference (one generator
/// `rng = ChaCha8Rng::seed_from_u64(seed)`, `init_mlp(64, 100, 10, &mut rng)`, then 50 epochs of
/// `train_epoch` with `lr = 0.05`, batches of 16 and the same `rng`) reaches 96-97 % held-out
/// accuracy (lowest 96.4 % over seeds 0-7; 94-96 % after training on the first 720 samples)
/// in about 0.2 s (release build, one core, measured on the course's 2-core VM).
/// Pick your own hyperparameters; the choice is the exercise: too large a learning rate
/// diverges (the losses become NaN), too few epochs underfit.
///
/// - NumPy/scikit-learn: `MLPClassifier(hidden_layer_sizes=(100,), solver="sgd",
///   learning_rate_init=0.05, batch_size=16, max_iter=50, momentum=0, alpha=0)` reaches
///   96.7 % on the same split (figures and script in `datasets/reference/nn/`).
/// - Speed: the time limit is generous; a debug build is 10-50× slower than release.
pub fn train_digits(x_train: &Array2<f64>, y_train: &Array1<usize>, seed: u64) -> (Mlp, Vec<f64>) {
    todo!()
}

// =============================================================================================
// Attention over a batch
// =============================================================================================

/// **Exercise 23 — attention over a batch: `softmax(QKᵀ/√d + mask) · V` for `(B, T, d)`.**
///
/// A transformer layer does exercise 21 for every sequence of a batch at once and then mixes
/// the values. For queries `q` of shape `(B, T, d)`, keys `k` of `(B, S, d)`, values `v` of
/// `(B, S, e)` and one `mask` of `(T, S)` shared by every sequence (`true` where query `t` may
/// look at key `s`, as in exercise 21), returns the `(B, T, e)` array whose slice `b` is
/// `attention_scores(q_b, k_b, mask) · v_b`. A fully masked query gets the zero vector
/// (its weights are all zero). `Err` with a message when the batch sizes differ, `q` and `k`
/// have different `d`, `k` and `v` different `S`, or the mask is not `(T, S)`.
///
/// **Batched products, and what `einsum` becomes.** NumPy's `@` on 3-D arrays multiplies the
/// matrices slice by slice along the leading (batch) axis: `Q @ K.transpose(0, 2, 1)` is `B`
/// products `T × d · d × S`, and `np.einsum('btd,bsd->bts', Q, K)` says the same with indices
/// (`b` kept, `d` summed). ndarray has no 3-D `dot` and no `einsum`, so a batch index becomes
/// a loop over `outer_iter()` (or `axis_iter(Axis(0))`), with one 2-D `dot` per slice:
///
/// | NumPy | ndarray, per slice `b` |
/// |---|---|
/// | `np.einsum('btd,bsd->bts', Q, K)` = `Q @ K.transpose(0, 2, 1)` | `q_b.dot(&k_b.t())` |
/// | `np.einsum('bts,bse->bte', W, V)` = `W @ V` | `w_b.dot(&v_b)` |
/// | `np.einsum('ij,jk->ik', A, B)` | `a.dot(&b)` (no batch index: one product) |
/// | `np.einsum('btd,de->bte', X, W)` (a shared weight) | reshape `X` to `(B·T, d)`, one `dot`, reshape back |
///
/// The last row is worth knowing: a weight shared by every slice needs no loop, because the
/// batch and time axes can be merged into one (a standard-layout reshape is free). To write
/// into the output without a temporary, zip the output's slices with the inputs'
/// (`Zip::from(out.outer_iter_mut()).and(q.outer_iter())…`) and use
/// `ndarray::linalg::general_mat_mul(1.0, &w, &v_b, 0.0, &mut out_b)`, which writes the
/// product into an existing view.
///
/// **Signatures that take views.** `q.outer_iter()` yields `ArrayView2`s, but exercise 21 takes
/// `&Array2<f64>`: calling it on a slice needs a `.to_owned()` copy. A function meant to accept
/// both arrays and views takes `&ArrayRef<f64, Ix2>` (ndarray 0.17; an `&Array2` and a view's
/// `&*view` both convert to it) or is generic over `ArrayBase<S, Ix2>` with `S: Data<Elem = f64>`;
/// `ArrayD`/`IxDyn` is for a rank known only at run time. Here the copies are small next to the
/// products, so either way is fine.
///
/// - NumPy: `w = softmax(np.where(mask, Q @ K.transpose(0, 2, 1) / np.sqrt(d), -np.inf)); w @ V`
///   (PyTorch: `F.scaled_dot_product_attention(Q, K, V, attn_mask=mask)`).
/// - ndarray: check the shapes with `.dim()`; `Array3::zeros((b, t, e))`; a `Zip` over the four
///   `outer_iter`s (the output's `outer_iter_mut()` first), and per slice your
///   `attention_scores` followed by `dot` or `general_mat_mul`.
/// - Edge cases: `B = 1`; a fully masked row; `S = 1`; `e ≠ d`.
/// - Speed: not timed.
pub fn attention_output(q: &Array3<f64>, k: &Array3<f64>, v: &Array3<f64>, mask: &Array2<bool>) -> Result<Array3<f64>, String> {
    todo!()
}

// =============================================================================================
// Training beyond plain SGD: weight decay, a schedule, early stopping
// =============================================================================================

/// **Exercise 24 — SGD with decoupled weight decay.**
///
/// Returns `w − lr · (grad + wd · w)`: one SGD step that also shrinks every weight towards 0
/// by the fraction `lr · wd`. Shrinking keeps the weights small, which is the same
/// regularisation as adding `(wd / 2)·‖W‖²` to the loss (its gradient is `wd · W`). For plain
/// SGD the two are the same step; for Adam they are not. Adding `wd · W` to the gradient before
/// Adam divides by `sqrt(v̂)` lets large-gradient weights escape the decay, so AdamW
/// (Loshchilov and Hutter) applies the decay separately, `w ← w − lr·(adam_step + wd·w)`. That
/// is PyTorch's `AdamW`; its `Adam(weight_decay=…)` is the coupled form. Biases and batch-norm
/// parameters are usually left out of the decay.
///
/// `Err` when `grad` does not have `w`'s shape, or `lr` or `wd` is negative or not finite.
///
/// - NumPy: `w - lr * (g + wd * w)`
/// - ndarray: `w * (1.0 - lr * wd) - &(grad * lr)`, or `Zip::from(w).and(grad).map_collect(...)`.
/// - Edge cases: `wd = 0` (plain SGD); a zero gradient (pure decay).
/// - Speed: not timed.
pub fn sgd_weight_decay(w: &Array2<f64>, grad: &Array2<f64>, lr: f64, wd: f64) -> Result<Array2<f64>, String> {
    todo!()
}

/// **Exercise 25 — a learning-rate schedule: step decay with warm-up.**
///
/// Returns the learning rate of each of `n_epochs` epochs (epoch `e` from 0): during the first
/// `warmup` epochs it climbs linearly, `lr0 · (e + 1) / warmup`; after that it is
/// `lr0 · factor^⌊(e − warmup) / every⌋`, cut by `factor` every `every` epochs. A large rate
/// early moves fast; a smaller one later settles into a minimum instead of bouncing around it.
/// Warm-up protects the first steps, when the weights are random and the gradients large (and
/// Adam's second moments are still unreliable).
///
/// `Err` when `every = 0`, or `lr0`, `factor` are negative or not finite.
///
/// - PyTorch: `LinearLR(start_factor=1/warmup, total_iters=warmup)` then `StepLR(step_size=every,
///   gamma=factor)`; Keras: a `LearningRateScheduler` function. The cosine schedule
///   (`lr_min + (lr0 − lr_min)·(1 + cos(π·t/T))/2`) is the other common shape.
/// - ndarray: `Array1::from_shape_fn(n_epochs, |e| ...)` with `factor.powi(...)`.
/// - Edge cases: `warmup = 0` (no warm-up), `n_epochs = 0` (empty), `factor = 1` (constant
///   after warm-up).
/// - Speed: not timed.
pub fn step_decay(lr0: f64, factor: f64, every: usize, warmup: usize, n_epochs: usize) -> Result<Array1<f64>, String> {
    todo!()
}

/// **Exercise 26 — early stopping on a validation loss.**
///
/// `val_losses[e]` is the validation loss after epoch `e`. Training stops after `patience`
/// epochs in a row without an improvement: an epoch improves when its loss is below the best
/// loss so far by **more than** `min_delta`. Returns `(best_epoch, stop_epoch)`: the epoch with
/// the best loss (the first improving epoch that set it; restore its weights) and the epoch after which
/// training stops (the last epoch run: `best_epoch + patience` when patience ran out, or the last
/// index when it never did). A NaN loss never improves and counts towards the patience like any
/// epoch without improvement. The first epoch sets the best unless its loss is NaN; then the
/// first non-NaN epoch does, and until one does `best_epoch` is 0.
///
/// `Err` for an empty `val_losses`, `patience = 0`, or a negative or NaN `min_delta`.
///
/// - Keras: `EarlyStopping(monitor="val_loss", patience=..., min_delta=...,
///   restore_best_weights=True)`; PyTorch Lightning's `EarlyStopping` callback.
/// - Rust: one pass with `best`, `best_epoch` and a counter of epochs since the last
///   improvement; `iter().enumerate()`.
/// - Pitfalls: comparing with the *previous* epoch instead of the best so far; counting an
///   improvement smaller than `min_delta`; stopping one epoch early or late (after exactly
///   `patience` epochs without improvement, not `patience + 1`).
/// - Speed: not timed.
pub fn early_stopping(val_losses: &Array1<f64>, patience: usize, min_delta: f64) -> Result<(usize, usize), String> {
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
        assert_close(&sigmoid(&z), &array![[0.0, 0.5, 1.0]], 0.0);
        assert_close(&tanh_act(&z), &array![[-1.0, 0.0, 1.0]], 0.0);
        let g = softmax_ce_backward(&array![[1000.0, 1000.0], [0.0, 2f64.ln()]], &array![0usize, 1]);
        assert_close(&g, &array![[-0.25, 0.25], [1.0 / 6.0, -1.0 / 6.0]], 1e-15);
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
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let (w1, b1, w2, b2) = init_mlp(4, 3, 2, &mut rng);
        let after: f64 = rng.random();
        let mut r = ChaCha8Rng::seed_from_u64(9);
        assert_eq!(w1, Array2::random_using((4, 3), Normal::new(0.0, 0.5f64.sqrt()).unwrap(), &mut r));
        let a = (6.0f64 / 5.0).sqrt();
        assert_eq!(w2, Array2::random_using((3, 2), Uniform::new(-a, a).unwrap(), &mut r));
        assert_eq!(after, r.random::<f64>(), "the generator continues after exactly the weights' draws");
        assert_eq!((b1, b2), (Array1::zeros(3), Array1::zeros(2)));
        let (w1, _, w2, _) = init_mlp(3, 0, 2, &mut rng);
        assert_eq!((w1.dim(), w2.dim()), ((3, 0), (0, 2)));
    }

    #[test]
    fn momentum_and_adam_steps() {
        let w = array![[1.0, 2.0]];
        let (w1, v1) = momentum_step(&w, &array![[1.0, -1.0]], &Array2::zeros((1, 2)), 0.1, 0.9).unwrap();
        assert_close(&v1, &array![[1.0, -1.0]], 0.0);
        assert_close(&w1, &array![[0.9, 2.1]], 1e-15);
        let (_, v2) = momentum_step(&w1, &array![[1.0, -1.0]], &v1, 0.1, 0.9).unwrap();
        assert_close(&v2, &array![[1.9, -1.9]], 1e-15);
        assert!(momentum_step(&Array2::zeros((2, 2)), &Array2::zeros((1, 2)), &Array2::zeros((2, 2)), 0.1, 0.9).is_err());
        // First Adam step from zero state: every weight moves by about lr against its gradient.
        let z = Array2::zeros((1, 3));
        let (w1, m1, v1) = adam_step(&array![[0.0, 0.0, 0.0]], &array![[1e-3, -50.0, 0.0]], &z, &z, 1, 0.01, (0.9, 0.999), 1e-8).unwrap();
        assert_close(&w1, &array![[-0.01, 0.01, 0.0]], 1e-4);
        assert_close(&m1, &array![[1e-4, -5.0, 0.0]], 1e-12);
        assert_close(&v1, &array![[1e-9, 2.5, 0.0]], 1e-12);
        assert!(adam_step(&z, &z, &z, &z, 0, 0.01, (0.9, 0.999), 1e-8).is_err());
        assert!(adam_step(&z, &z, &z, &z, 1, 0.01, (1.0, 0.999), 1e-8).is_err());
    }

    #[test]
    fn batchnorm_backward_matches_central_differences() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let x = Array2::random_using((6, 3), Normal::new(1.0, 2.0).unwrap(), &mut rng);
        let gamma = array![1.5, -0.5, 2.0];
        let dout = Array2::random_using((6, 3), Normal::new(0.0, 1.0).unwrap(), &mut rng);
        let loss = |x: &Array2<f64>, g: &Array1<f64>, b: &Array1<f64>| (batchnorm_forward(x, g, b, 1e-5).unwrap().0 * &dout).sum();
        let beta = Array1::zeros(3);
        let (dx, dgamma, dbeta) = batchnorm_backward(&x, &gamma, &dout, 1e-5).unwrap();
        assert_close(&dx, &numerical_gradient(|x| loss(x, &gamma, &beta), &x, 1e-5), 1e-6);
        let row = |v: &Array1<f64>| v.clone().insert_axis(Axis(0));
        let g = numerical_gradient(|g| loss(&x, &g.row(0).to_owned(), &beta), &row(&gamma), 1e-5);
        assert_close(&dgamma, &g.row(0).to_owned(), 1e-6);
        let g = numerical_gradient(|b| loss(&x, &gamma, &b.row(0).to_owned()), &row(&beta), 1e-5);
        assert_close(&dbeta, &g.row(0).to_owned(), 1e-6);
        assert!(batchnorm_backward(&x, &array![1.0], &dout, 1e-5).is_err());
    }

    #[test]
    fn dropout_keeps_about_one_minus_p_and_scales_them() {
        let x = Array2::from_elem((200, 50), 2.0);
        let out = dropout(&x, 0.25, 3, true).unwrap();
        let kept = out.iter().filter(|&&v| v != 0.0).count() as f64 / x.len() as f64;
        assert!((kept - 0.75).abs() < 0.03, "{kept}");
        assert!(out.iter().all(|&v| v == 0.0 || (v - 2.0 / 0.75).abs() < 1e-12));
        assert_eq!(dropout(&x, 0.25, 3, false).unwrap(), x);
        assert_eq!(dropout(&array![[f64::NAN]], 0.5, 0, true).unwrap().len(), 1);
        assert!(dropout(&x, 1.0, 3, true).is_err() && dropout(&x, -0.1, 3, false).is_err());
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
        let h = z1.mapv(|v| v.max(0.0));
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
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let mut p = init_mlp(5, 8, 3, &mut rng);
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
        let labels = Array1::from(serde_json::from_value::<Vec<usize>>(r["labels"].clone()).unwrap());
        // softmax = n · (gradient of the mean cross-entropy) + one-hot labels
        let mut p = softmax_ce_backward(&z, &labels) * z.nrows() as f64;
        for (i, &l) in labels.iter().enumerate() {
            p[[i, l]] += 1.0;
        }
        assert_close(&p, &mat("softmax_rows"), 1e-14);
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
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        let mut p = init_mlp(64, 32, 10, &mut rng);
        for _ in 0..10 {
            train_epoch(&xs, &ys, &mut p, 0.1, 32, &mut rng).unwrap();
        }
        let acc = accuracy(&mlp_forward(&xte, &p.0, &p.1, &p.2, &p.3), &yte);
        assert!(acc > 0.85, "{acc}");
    }

    // 23
    #[test]
    fn batched_attention_is_attention_per_slice() {
        let q = Array3::from_shape_fn((2, 3, 2), |(b, t, j)| ((b * 6 + t * 2 + j) as f64 * 0.7).sin());
        let k = Array3::from_shape_fn((2, 4, 2), |(b, s, j)| ((b * 8 + s * 2 + j) as f64 * 0.3).cos());
        let v = Array3::from_shape_fn((2, 4, 5), |(b, s, j)| (b + s * j) as f64);
        let mask = Array2::from_shape_fn((3, 4), |(t, s)| s <= t && t < 2);
        let out = attention_output(&q, &k, &v, &mask).unwrap();
        assert_eq!(out.dim(), (2, 3, 5));
        for b in 0..2 {
            let w = attention_scores(&q.index_axis(Axis(0), b).to_owned(), &k.index_axis(Axis(0), b).to_owned(), &mask);
            let want = w.dot(&v.index_axis(Axis(0), b));
            assert!(out.index_axis(Axis(0), b).iter().zip(&want).all(|(g, w)| (g - w).abs() < 1e-12));
        }
        assert!(out.slice(s![.., 2, ..]).iter().all(|&x| x == 0.0), "a fully masked query gives zeros");
        assert!(attention_output(&q, &k, &v, &Array2::from_elem((3, 3), true)).is_err());
    }

    // 24
    #[test]
    fn weight_decay_shrinks_the_weights() {
        let w = array![[1.0, -2.0]];
        assert_eq!(sgd_weight_decay(&w, &array![[0.5, 0.0]], 0.1, 0.5).unwrap(), array![[1.0 - 0.1 * (0.5 + 0.5), -2.0 + 0.1]]);
        assert!(sgd_weight_decay(&w, &array![[0.5]], 0.1, 0.5).is_err());
    }

    // 25
    #[test]
    fn step_decay_with_warmup() {
        let lr = step_decay(0.1, 0.5, 2, 2, 7).unwrap();
        let want = array![0.05, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025];
        assert!(lr.iter().zip(&want).all(|(a, b)| (a - b).abs() < 1e-15), "{lr}");
        assert!(step_decay(0.1, 0.5, 0, 0, 3).is_err());
    }

    // 26
    #[test]
    fn early_stopping_counts_epochs_without_improvement() {
        let l = array![1.0, 0.8, 0.79, 0.85, 0.7, 0.71, 0.72, 0.73];
        assert_eq!(early_stopping(&l, 2, 0.0).unwrap(), (4, 6));
        // With min_delta = 0.05, 0.79 is not an improvement on 0.8.
        assert_eq!(early_stopping(&l, 2, 0.05).unwrap(), (1, 3));
        assert_eq!(early_stopping(&l, 10, 0.0).unwrap(), (4, 7));
        assert_eq!(early_stopping(&array![f64::NAN, 2.0, f64::NAN], 2, 0.0).unwrap(), (1, 2));
        assert_eq!(early_stopping(&array![f64::NAN, 2.0], 1, 0.0).unwrap(), (0, 0), "a NaN epoch counts towards the patience");
        assert!(early_stopping(&Array1::zeros(0), 1, 0.0).is_err());
    }
}
