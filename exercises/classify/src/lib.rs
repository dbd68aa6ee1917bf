//! # Module 9 — `classify`: nearest neighbours, linear classifiers and choosing their settings
//!
//! A classifier maps a row of features to one of `c` labels. This module builds the two
//! classic families from array operations you already know, and the tools to judge them
//! honestly:
//!
//! - **k-nearest neighbours** (exercises 1–3): no training at all; a new point takes the label
//!   most common among the `k` training points closest to it. The work is the distance matrix
//!   between test and training points, which you wrote in `broadcasting::pairwise_sq_dists`
//!   (here you write it again inline: modules never depend on each other).
//! - **Judging a classifier** (exercises 2–5): accuracy on data the classifier never saw,
//!   **k-fold cross-validation** to choose a setting such as `k` without touching the test set,
//!   the **confusion matrix** (which classes are mistaken for which), and per-class precision,
//!   recall and F1.
//! - **Linear classifiers** (exercises 6–10): a weight matrix `W` (`d × c`) gives every class a
//!   score, `scores = X·W`. Two losses say how wrong the scores are: the multiclass **SVM hinge
//!   loss** and the **softmax cross-entropy**, each with an L2 penalty `reg · Σ W²`. You write
//!   each loss and its gradient twice: first with loops over samples and classes (the way the
//!   formula reads), then **fully vectorised** with two matrix products. The vectorised SVM
//!   loss is timed; the grader also checks your analytic gradients against its own numerical
//!   gradient.
//! - **Logistic regression and model selection** (exercises 11–13): a binary linear classifier
//!   trained by gradient descent on the breast-cancer data, and a search over learning rates
//!   and regularisation strengths on a **log-spaced grid** that keeps the pair with the best
//!   validation accuracy.
//!
//! ## Three data sets that must never mix
//!
//! Training data fit the model; validation data choose its settings (`k`, the learning rate,
//! `reg`); test data measure the final result once. Choosing `k` by test accuracy reports a
//! number that is too good, because the test set helped choose. Cross-validation reuses the
//! training data as validation data in turns, which is what you do when data are scarce.
//!
//! ## Real data
//!
//! The digits (1797 images of 8 × 8 pixels, values `0..=16`), iris, wine and the Wisconsin
//! breast-cancer data (569 tumours, 30 measurements) come from `datasets`. The grader runs your
//! functions on them and states each bar in the case's message: k-NN with `k = 3` labels
//! 98–99 % of the held-out digits correctly, a softmax classifier trained by plain gradient
//! descent about 95 %, and logistic regression on standardised breast-cancer data about 99 %.
//! `cargo xtask plot classify` draws the cross-validation curve against `k`, the confusion
//! matrix of k-NN on the digits, and the ten learned weight vectors of the softmax classifier
//! as 8 × 8 pictures: each looks like a blurred template of its digit.
//!
//! ## About speed, honestly
//!
//! One exercise is timed: the vectorised SVM loss (exercise 7) on 500 samples of 3073 features
//! and 10 classes, the shape of CS231n's CIFAR-10 development set. Its doc comment says what
//! makes the loop versions several times slower even in Rust. The loop versions (exercises 6
//! and 8) are not timed: writing them first is the point, and the grader only checks that they
//! are right. k-NN is not timed here; its distance computation was timed in `broadcasting`.
//!
//! ## Working on the module
//!
//! Replace each `todo!()` with your code. `cargo test -p classify` runs the public tests at
//! the bottom of this file; the grader runs more cases, including the edge cases each doc
//! comment mentions.
#![allow(unused_variables, unused_imports)]

use ndarray::Zip;
use ndarray::prelude::*;

// =============================================================================================
// k-nearest neighbours
// =============================================================================================

/// **Exercise 1 — k-nearest-neighbour prediction with stated tie rules.**
///
/// For each row of `x_test`, find the `k` rows of `x_train` with the smallest squared
/// Euclidean distance and return the label most common among their `y_train` labels. Two tie
/// rules make the answer unique:
/// - **equal distances**: the training point with the **smaller index** counts as nearer (a
///   stable order by `(distance, index)`);
/// - **equal votes**: the **smallest label** among the most voted wins.
///
/// Labels are `0..c` with `c = max(y_train) + 1`. Errors (`Err` with a message): `k == 0`,
/// `k` larger than the number of training rows, `y_train.len() != x_train.nrows()`, or a
/// different number of columns in the two matrices.
///
/// - NumPy (CS231n's version): `d = (x_test**2).sum(1)[:, None] + (x_train**2).sum(1) -
///   2 * x_test @ x_train.T`, then `idx = np.argsort(d, axis=1, kind="stable")[:, :k]` and
///   `np.bincount(y_train[row]).argmax()` per row (`argmax` returns the first maximum: the
///   smallest label).
/// - Rust: the norm identity with `.dot(&x_train.t())` for the `m × n` distance matrix
///   (clamp tiny negatives with `.max(0.0)`); per row, a `Vec<usize>` of `0..n` ordered by the
///   key `(d[j], j)`: `select_nth_unstable_by` puts the `k` nearest first without sorting all
///   `n`, since the index makes every key distinct; then a `vec![0usize; c]` of votes.
/// - Pitfalls: `partial_cmp(..).unwrap()` on a NaN distance panics; compare with `total_cmp`
///   after the clamp. An unstable sort on the distance alone breaks the tie rule.
/// - Edge cases: one test row, no test row (an empty result), `k` equal to the number of
///   training rows (every point votes), duplicated training points.
/// - Speed: not timed here (the distance matrix was timed in `broadcasting`).
pub fn knn_predict(x_train: &Array2<f64>, y_train: &Array1<usize>, x_test: &Array2<f64>, k: usize) -> Result<Array1<usize>, String> {
    todo!()
}

/// **Exercise 2 — k-fold assignment (`KFold` without shuffling).**
///
/// Returns, for each of `n` samples, the number of its fold (`0..n_folds`): the folds are
/// consecutive blocks, and when `n` is not a multiple of `n_folds` the **first** `n % n_folds`
/// folds get one sample more. For `n = 10, n_folds = 3`: `[0, 0, 0, 0, 1, 1, 1, 2, 2, 2]`.
/// `Err` when `n_folds < 2` or `n_folds > n`.
///
/// Fold `f` is the validation set of round `f`; the other folds are its training set, so every
/// sample is validated exactly once. Shuffle the data *before* if its order means something
/// (the iris file is sorted by species: without a shuffle, a fold would hold one species only).
///
/// - NumPy/scikit-learn: `KFold(n_folds).split(X)` yields the index sets; the sizes are
///   `np.full(n_folds, n // n_folds)` plus one for the first `n % n_folds`.
/// - Rust: `Array1::from_shape_fn(n, ...)` from the index, or fill a `Vec` fold by fold.
/// - Edge cases: `n == n_folds` (leave-one-out: `0, 1, ..., n - 1`), `n` a multiple of
///   `n_folds`.
/// - Speed: not timed.
pub fn kfold_assign(n: usize, n_folds: usize) -> Result<Array1<usize>, String> {
    todo!()
}

/// **Exercise 3 — choose `k` by cross-validation.**
///
/// For each `k` in `ks`, the mean over the `n_folds` rounds of the **validation accuracy** of
/// k-NN (exercise 1's rules) trained on the other folds (folds as in exercise 2, no shuffle).
/// Returns `(accuracies, best_k)`: `accuracies[i]` belongs to `ks[i]`, and `best_k` is the `k`
/// with the highest mean accuracy, the **first in `ks`** on a tie. The mean is over rounds
/// (each fold's accuracy weighs the same), as scikit-learn's `cross_val_score(...).mean()`.
///
/// `Err` on: no `k`, a `k` of 0 or larger than the smallest training part, a bad fold count
/// (as exercise 2), `y.len() != x.nrows()`.
///
/// - NumPy/scikit-learn: `[cross_val_score(KNeighborsClassifier(k), X, y, cv=KFold(n_folds))
///   .mean() for k in ks]`.
/// - Rust: per round, `select(Axis(0), &train_rows)` and `select(Axis(0), &val_rows)`, **one**
///   distance matrix, and for each validation row one ordering of its neighbours, nearest
///   first, up to the largest `k`; every `k` then votes on a prefix of that same list. Calling
///   `knn_predict` once per `k` gives the same numbers but recomputes the distances `len(ks)`
///   times.
/// - Edge cases: one `k`; `ks` not sorted; equal accuracies (the first `k` listed wins).
/// - Speed: not timed.
pub fn cross_val_knn(x: &Array2<f64>, y: &Array1<usize>, ks: &Array1<usize>, n_folds: usize) -> Result<(Array1<f64>, usize), String> {
    todo!()
}

// =============================================================================================
// Judging a classifier
// =============================================================================================

/// **Exercise 4 — confusion matrix.**
///
/// `cm[[t, p]]` counts the samples whose true label is `t` and predicted label is `p` (rows
/// are the truth, columns the prediction, as in scikit-learn). The diagonal holds the correct
/// predictions; `cm.sum()` is the number of samples. `Err` when the two label arrays differ in
/// length or a label is `>= n_classes`.
///
/// - NumPy/scikit-learn: `confusion_matrix(y_true, y_pred, labels=range(c))`, or
///   `np.add.at(cm, (y_true, y_pred), 1)`; the one-line trick is
///   `np.bincount(c * y_true + y_pred, minlength=c*c).reshape(c, c)`.
/// - Rust: `Array2::<usize>::zeros((c, c))` and one pass over `Zip::from(y_true).and(y_pred)`
///   adding 1 at `[[t, p]]`: a scatter-add, as in `arrays::count_labels`.
/// - Edge cases: no samples (all zeros), a class never predicted (a zero column), `n_classes`
///   larger than any label.
/// - Speed: not timed; one pass.
pub fn confusion_matrix(y_true: &Array1<usize>, y_pred: &Array1<usize>, n_classes: usize) -> Result<Array2<usize>, String> {
    todo!()
}

/// **Exercise 5 — per-class precision, recall and F1 from a confusion matrix.**
///
/// For class `j`: **precision** = `cm[j, j]` / (column `j`'s sum: everything predicted as `j`),
/// **recall** = `cm[j, j]` / (row `j`'s sum: everything that truly is `j`), and **F1** =
/// `2 · p · r / (p + r)`, their harmonic mean. A ratio whose denominator is 0 is **0** (a class
/// never predicted has precision 0; scikit-learn's `zero_division=0`). Returns `(precision,
/// recall, f1)`, each of length `c`. `Err` if `cm` is not square.
///
/// - NumPy: `tp = np.diag(cm); p = tp / cm.sum(0); r = tp / cm.sum(1)` (with the zero rule
///   through `np.divide(..., out=np.zeros(c), where=den > 0)`).
/// - Rust: `cm.diag()`, `cm.sum_axis(Axis(0))` and `sum_axis(Axis(1))`, then `Zip` the three
///   with a closure that returns 0 on a zero denominator. Convert counts with `as f64`.
/// - Edge cases: an all-zero matrix (every score 0), a class with no sample, 0 × 0.
/// - Speed: not timed.
pub fn precision_recall_f1(cm: &Array2<usize>) -> Result<(Array1<f64>, Array1<f64>, Array1<f64>), String> {
    todo!()
}

// =============================================================================================
// Linear classifiers: two losses, written twice
// =============================================================================================

/// **Exercise 6 — multiclass SVM loss and gradient, with loops.**
///
/// `w` is `d × c`, `x` is `n × d`, `y` holds `n` labels in `0..c`. With scores `s = x_i · W`,
/// sample `i` pays a **margin** for every wrong class `j` whose score comes within 1 of the
/// correct one: `max(0, s_j − s_{y_i} + 1)`. The loss is the mean over samples of those sums,
/// plus the L2 penalty:
///
/// `L = (1/n) Σ_i Σ_{j ≠ y_i} max(0, s_j − s_{y_i} + 1) + reg · Σ W²`.
///
/// The gradient `dW` (`d × c`): every **positive** margin (strictly `> 0`) adds `x_i` to column
/// `j` and subtracts `x_i` from column `y_i`; then divide by `n` and add `2 · reg · W`.
/// Returns `(L, dW)`. `Err` on no samples, mismatched shapes, or a label `>= c`.
///
/// Write it the way the formula reads: a loop over samples, the sample's scores
/// (`x.row(i).dot(w)` is allowed), a loop over classes. Exercise 7 is the same function
/// without the loops; keep this one as the check you compare against.
///
/// - NumPy: CS231n's `svm_loss_naive`.
/// - Edge cases: one sample, one class (no wrong class: only the penalty), `reg = 0`.
/// - Speed: not timed (exercise 7 is).
pub fn svm_loss_loops(w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, reg: f64) -> Result<(f64, Array2<f64>), String> {
    todo!()
}

/// **Exercise 7 — the SVM loss, fully vectorised (timed).**
///
/// The same `(L, dW)` as exercise 6, with no loop over samples around a vector operation.
/// The whole computation is two matrix products and one pass over an `n × c` matrix:
///
/// 1. `S = X · W` (`n × c`), all the scores at once;
/// 2. one pass over `S` with the labels: the margins `S[i, j] − S[i, y_i] + 1` of the wrong
///    classes, their positive parts summed into the loss, and a **coefficient matrix** `C`
///    (`n × c`) with `C[i, j] = 1` for every positive margin and `C[i, y_i] = −(number of
///    positive margins in row i)`;
/// 3. `dW = Xᵀ · C / n + 2 · reg · W`: the rank-one updates of exercise 6, all added by one
///    product.
///
/// - NumPy: `S = X @ W; m = np.maximum(0, S - S[np.arange(n), y][:, None] + 1); m[np.arange(n),
///   y] = 0; C = (m > 0).astype(float); C[np.arange(n), y] = -C.sum(1); dW = X.T @ C / n + 2 *
///   reg * W`.
/// - Rust: `x.dot(w)`; a pass with `rows_mut()` zipped with `y` that turns `S` into `C` in
///   place (read `s[y_i]` first); `x.t().dot(&c)`; `scaled_add(2.0 * reg, w)`.
/// - Speed: **timed** on `n = 500`, `d = 3073`, `c = 10`, budget a few matrix products of that
///   shape. Exercise 6's loop adds `x_i` into two **columns** of a row-major `dW`, a stride of
///   `c` elements between neighbours: every one of the 3073 additions touches a different
///   cache line, for every positive margin of every sample (8–14× slower, measured). The
///   half-vectorised loop that builds one coefficient row per sample and adds the rank-one
///   update `x_iᵀ · c_i` row by row reads and writes all of `dW` (240 KB) once per sample
///   (5–6× slower: it lands about twice over the budget). The product `Xᵀ · C` does the same additions in cache-sized blocks with
///   SIMD.
pub fn svm_loss(w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, reg: f64) -> Result<(f64, Array2<f64>), String> {
    todo!()
}

/// **Exercise 8 — softmax cross-entropy loss and gradient, with loops.**
///
/// The softmax classifier reads the scores `s = x_i · W` as unnormalised log-probabilities:
/// `p_j = e^{s_j} / Σ_k e^{s_k}`. The loss is the mean negative log-probability of the correct
/// class plus the L2 penalty:
///
/// `L = (1/n) Σ_i (log Σ_k e^{s_ik} − s_{i,y_i}) + reg · Σ W²`,
///
/// and the gradient is `dW = (1/n) Σ_i x_iᵀ (p_i − onehot(y_i)) + 2 · reg · W`. Subtract the
/// row's maximum score before `exp` (the result is the same, and `e^{1000}` no longer
/// overflows to infinity). Returns `(L, dW)`; errors as exercise 6.
///
/// - NumPy: CS231n's `softmax_loss_naive`. (`nn::cross_entropy_logits` later computes the same
///   mean for a network's last layer; here the scores come from `W` and the gradient is
///   with respect to `W`.)
/// - Edge cases: one class (every probability is 1, only the penalty remains), very large
///   scores (the maximum shift keeps them finite).
/// - Speed: not timed.
pub fn softmax_loss_loops(w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, reg: f64) -> Result<(f64, Array2<f64>), String> {
    todo!()
}

/// **Exercise 9 — the softmax loss, fully vectorised.**
///
/// The same `(L, dW)` as exercise 8 from `S = X · W`, one pass over the rows of `S` (shift by
/// the row maximum, exponentiate, normalise, add the row's loss, subtract 1 at the label: `S`
/// becomes `P − Y` in place) and one product `dW = Xᵀ · (P − Y) / n + 2 · reg · W`.
///
/// - NumPy: `S = X @ W; S -= S.max(1, keepdims=True); P = np.exp(S); P /= P.sum(1,
///   keepdims=True); L = -np.log(P[np.arange(n), y]).mean() + reg * (W**2).sum(); P[np.arange(n),
///   y] -= 1; dW = X.T @ P / n + 2 * reg * W`.
/// - Rust: `x.dot(w)`, then `rows_mut()` zipped with `y`: `fold` for the maximum,
///   `mapv_inplace` for `exp`, `/=` by the row's `sum()`; `x.t().dot(&p)`.
/// - Pitfalls: computing the loss as `-(p[y_i]).ln()` after normalising loses accuracy when
///   `p[y_i]` underflows to 0 (`-ln 0 = inf`); take it from the shifted scores: `ln Σ e^{s−m} −
///   (s_{y_i} − m)`.
/// - Speed: not timed (the loop version measured only about 5× slower than this one for the
///   same shape as exercise 7, and the SVM check already teaches the mechanism); it scales
///   exactly like exercise 7.
pub fn softmax_loss(w: &Array2<f64>, x: &Array2<f64>, y: &Array1<usize>, reg: f64) -> Result<(f64, Array2<f64>), String> {
    todo!()
}

/// **Exercise 10 — train a softmax classifier by gradient descent.**
///
/// Start from `W = 0` (`d × n_classes`) and take `n_iter` full-batch steps `W ← W − lr · dW`
/// with your `softmax_loss`. Returns `(W, losses)`, where `losses[t]` is the loss **before**
/// step `t` (so `losses[0]` is `ln(n_classes)`: at `W = 0` every class has probability `1/c`).
/// `Err` on a label `>= n_classes`, no samples, `n_classes == 0`, or `lr` not finite and
/// positive.
///
/// On the digits (pixels divided by 16, the fixed split of `digits_split`), `lr = 0.5`,
/// `reg = 1e-3` and 300 steps reach about 95 % held-out accuracy; the plots draw each column of
/// `W` as an 8 × 8 picture. A real course adds a bias (a column of ones in `X`) and mini-batches
/// (`nn::train_epoch`); both are left out here so that the result is one number per setting.
///
/// - NumPy: `W = np.zeros((d, c)); for t in range(n_iter): L, dW = softmax_loss(W, X, y, reg);
///   W -= lr * dW`.
/// - Rust: `W.scaled_add(-lr, &dw)` updates in place; push each loss into a `Vec<f64>`.
/// - Edge cases: `n_iter = 0` (zeros and no loss).
/// - Speed: not timed.
pub fn train_softmax(x: &Array2<f64>, y: &Array1<usize>, n_classes: usize, lr: f64, reg: f64, n_iter: usize) -> Result<(Array2<f64>, Array1<f64>), String> {
    todo!()
}

/// The digits data, scaled and split (provided, not an exercise).
///
/// `datasets::digits_split()`: loads `datasets::digits()` (1797 images of 8 × 8 pixels with values `0..=16`), divides the
/// pixels by 16 (every feature in `[0, 1]`; a power of two, so the division is exact), and
/// splits by position: sample `i` is **held out** when `i % 5 == 4` (359 samples) and used for
/// training otherwise (1438). Returns `(x_train, y_train, x_held_out, y_held_out)`. The plots
/// and the grader's digits cases use this split.
pub fn digits_split() -> Result<(Array2<f64>, Array1<usize>, Array2<f64>, Array1<usize>), String> {
    datasets::digits_split().map_err(|e| e.to_string())
}

// =============================================================================================
// Logistic regression and a search over settings
// =============================================================================================

/// **Exercise 11 — a log-spaced grid (`np.logspace`).**
///
/// Returns `n` values from `10^lo` to `10^hi` whose logarithms are evenly spaced: for `lo = -4,
/// hi = 0, n = 5`, `[1e-4, 1e-3, 1e-2, 1e-1, 1]`. Learning rates and regularisation strengths
/// are searched this way because their effect depends on their order of magnitude: 0.001 and
/// 0.002 differ as much as 0.1 and 0.2. `n = 1` gives `[10^lo]`; `n = 0` an empty array.
///
/// - NumPy: `np.logspace(lo, hi, n)` (base 10).
/// - Rust: `Array1::logspace(10.0, lo, hi, n)`, or `Array1::linspace(lo, hi, n).mapv(|e|
///   10f64.powf(e))`.
/// - Speed: not timed.
pub fn log_grid(lo: f64, hi: f64, n: usize) -> Array1<f64> {
    todo!()
}

/// **Exercise 12 — binary logistic regression by gradient descent.**
///
/// Labels `y` are 0 or 1. The model gives `P(y = 1 | x) = σ(x · w + b)` with the logistic
/// function `σ(z) = 1 / (1 + e^{−z})`. Starting from `w = 0, b = 0`, take `n_iter` full-batch
/// steps on the mean binary cross-entropy plus `reg · Σ w²` (the bias is **not** penalised):
///
/// `r = σ(X · w + b) − y` (a vector of `n` residuals), `dw = Xᵀ · r / n + 2 · reg · w`,
/// `db = mean(r)`, then `w ← w − lr · dw`, `b ← b − lr · db`.
///
/// Returns `(w, b)`. `Err` on a label other than 0 or 1, no samples, or `y.len() !=
/// x.nrows()`.
///
/// - NumPy: `r = 1 / (1 + np.exp(-(X @ w + b))) - y; w -= lr * (X.T @ r / n + 2 * reg * w);
///   b -= lr * r.mean()`.
/// - Rust: `x.dot(&w) + b`, `mapv` for σ, `x.t().dot(&r)`; `y.mapv(|v| v as f64)` once before
///   the loop.
/// - Pitfalls: `1 / (1 + e^{−z})` is fine for every `z` in `f64` (`e^{745}` is infinity and
///   `1/inf = 0`), but `ln σ(z)` in a loss is not: the loss is not returned here.
/// - Speed: not timed.
pub fn logistic_fit(x: &Array2<f64>, y: &Array1<usize>, lr: f64, reg: f64, n_iter: usize) -> Result<(Array1<f64>, f64), String> {
    todo!()
}

/// **Exercise 13 — choose the learning rate and `reg` on a grid, by validation accuracy.**
///
/// For every pair `(lrs[i], regs[j])`, fit logistic regression on the training data (exercise
/// 12, `n_iter` steps) and measure the **accuracy on the validation data**, predicting 1 where
/// `x · w + b > 0` and 0 otherwise (a score of exactly 0 predicts 0). Returns `(acc, i, j)`:
/// `acc[[i, j]]` for every pair, and the position of the best, the **first in row-major
/// order** (smallest `i`, then smallest `j`) on a tie. `Err` on an empty grid or on the errors
/// of exercise 12.
///
/// The grader runs it on the breast-cancer data standardised with the *training* rows' means
/// and standard deviations (never the validation rows': that would leak them into training).
///
/// - NumPy/scikit-learn: `GridSearchCV` with a fixed validation split; by hand, two nested
///   loops over `np.logspace` grids.
/// - Rust: `Array2::<f64>::zeros((lrs.len(), regs.len()))`, two loops calling your
///   `logistic_fit`; the accuracy as `Zip` of the scores and the labels, counted and divided.
/// - Pitfalls: keeping the best with `>=` takes the *last* of equal accuracies.
/// - Speed: not timed; `lrs.len() · regs.len()` fits, each of `n_iter` matrix–vector products.
pub fn grid_search_logistic(
    x_train: &Array2<f64>,
    y_train: &Array1<usize>,
    x_val: &Array2<f64>,
    y_val: &Array1<usize>,
    lrs: &Array1<f64>,
    regs: &Array1<f64>,
    n_iter: usize,
) -> Result<(Array2<f64>, usize, usize), String> {
    todo!()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * (1.0 + b.abs())
    }

    #[test]
    fn knn_breaks_distance_and_vote_ties_as_stated() {
        // Test point 0 is at distance 1 from training points 0 (label 1) and 1 (label 0), and 2
        // from point 2 (label 0). k = 1: the smaller index (point 0, label 1). k = 2: one vote
        // each, the smaller label (0). k = 3: label 0 twice.
        let xt = array![[1.0, 0.0], [-1.0, 0.0], [2.0, 0.0]];
        let yt = array![1, 0, 0];
        let q = array![[0.0, 0.0]];
        assert_eq!(knn_predict(&xt, &yt, &q, 1).unwrap(), array![1]);
        assert_eq!(knn_predict(&xt, &yt, &q, 2).unwrap(), array![0]);
        assert_eq!(knn_predict(&xt, &yt, &q, 3).unwrap(), array![0]);
        assert!(knn_predict(&xt, &yt, &q, 0).is_err());
        assert!(knn_predict(&xt, &yt, &q, 4).is_err());
    }

    #[test]
    fn folds_put_the_extra_samples_first() {
        assert_eq!(kfold_assign(10, 3).unwrap(), array![0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
        assert_eq!(kfold_assign(3, 3).unwrap(), array![0, 1, 2]);
        assert!(kfold_assign(3, 1).is_err());
        assert!(kfold_assign(3, 4).is_err());
    }

    #[test]
    fn confusion_and_scores() {
        let cm = confusion_matrix(&array![0, 0, 1, 2, 2], &array![0, 1, 1, 2, 0], 4).unwrap();
        assert_eq!(cm.sum(), 5);
        assert_eq!(cm[[0, 1]], 1);
        let (p, r, f1) = precision_recall_f1(&cm).unwrap();
        assert!(close(p[0], 0.5) && close(r[0], 0.5) && close(f1[0], 0.5));
        assert!(close(p[1], 0.5) && close(r[1], 1.0));
        assert_eq!((p[3], r[3], f1[3]), (0.0, 0.0, 0.0));
    }

    #[test]
    fn both_losses_agree_with_their_loop_versions() {
        let x = Array2::from_shape_fn((7, 5), |(i, j)| ((i * 5 + j) as f64 * 0.37).sin());
        let w = Array2::from_shape_fn((5, 4), |(i, j)| 0.3 * ((i * 4 + j) as f64 * 0.91).cos());
        let y = array![0, 3, 1, 2, 2, 0, 1];
        for (a, b) in [
            (svm_loss(&w, &x, &y, 0.1).unwrap(), svm_loss_loops(&w, &x, &y, 0.1).unwrap()),
            (softmax_loss(&w, &x, &y, 0.1).unwrap(), softmax_loss_loops(&w, &x, &y, 0.1).unwrap()),
        ] {
            assert!(close(a.0, b.0));
            assert!(a.1.iter().zip(&b.1).all(|(p, q)| close(*p, *q)));
        }
    }

    #[test]
    fn softmax_training_starts_at_log_c_and_goes_down() {
        let x = Array2::from_shape_fn((30, 3), |(i, j)| if j == i % 3 { 1.0 } else { 0.1 });
        let y = Array1::from_shape_fn(30, |i| i % 3);
        let (_, losses) = train_softmax(&x, &y, 3, 1.0, 0.0, 20).unwrap();
        assert!(close(losses[0], 3f64.ln()));
        assert!(losses[19] < losses[0] / 2.0);
    }

    #[test]
    fn log_grid_is_numpy_logspace() {
        let g = log_grid(-4.0, 0.0, 5);
        for (a, b) in g.iter().zip([1e-4, 1e-3, 1e-2, 1e-1, 1.0]) {
            assert!(close(*a, b));
        }
        assert_eq!(log_grid(0.0, 1.0, 0).len(), 0);
    }

    #[test]
    fn logistic_regression_separates_a_line() {
        let x = Array2::from_shape_fn((40, 1), |(i, _)| i as f64 / 10.0 - 2.0);
        let y = x.column(0).mapv(|v| usize::from(v > 0.0));
        let (w, b) = logistic_fit(&x, &y, 1.0, 0.0, 200).unwrap();
        assert!(w[0] > 0.0);
        assert!(b.abs() < w[0]);
        assert!(logistic_fit(&x, &Array1::from_elem(40, 2), 1.0, 0.0, 1).is_err());
    }
}
