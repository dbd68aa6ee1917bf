#!/usr/bin/env python3
"""The NumPy side of `cargo xtask bench --compare`.

Each task of `bench/tasks.toml` names an exercise (`module::function`) whose reference solution
lives in `solutions/<module>/src/lib.rs`. This script holds, for every exercise the task list
names, a "twin": the same computation written the way a strong NumPy user would write it for
speed (whole-array operations, BLAS products, `np.partition`, cumulative sums, ...), returning
exactly what the Rust reference returns once it has gone through the judge's glue
(`grader/glue/<module>.rs`) and its `IntoValue` encoding (`grader/runtime/src/value.rs`).

Modes:
    python bench/numpy_tasks.py serve      the JSON-lines protocol spoken by the bench (below)
    python bench/numpy_tasks.py selftest   times every task (median of 3 calls) and runs every
                                           twin on its `check` arguments through the codec
    python bench/numpy_tasks.py cases      runs the twins on the public cases of
                                           `grader/cases/<module>.jsonl` that carry their own
                                           arguments, and compares with the expected values

Protocol (`serve`): one JSON object per line on stdin, exactly one JSON line back on stdout.
    {"cmd": "info"}                                  versions, BLAS, kernel, threads
    {"cmd": "setup", "exercise": ..., "args": [..]}  materialise ArgSpecs and remember them
    {"cmd": "prep"}                                  write over a 128 MiB buffer (cold caches)
    {"cmd": "call"}                                  run the twin once on the remembered input
    {"cmd": "check", "exercise": ..., "args": [..]}  run the twin on literal Values, reply Value
    {"cmd": "quit"}                                  exit (so does EOF)
Nothing but replies is ever written to stdout; diagnostics go to stderr.
"""

import os

# BLAS (and any OpenMP runtime) must read these before NumPy is imported: the bench compares
# one Rust thread with one NumPy thread.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

try:
    import threadpoolctl  # noqa: E402

    # Kept in a module global so the limit stays in force for the life of the process.
    _THREAD_LIMIT = threadpoolctl.threadpool_limits(limits=1)
except ImportError:  # pragma: no cover - threadpoolctl is optional
    threadpoolctl = None
    _THREAD_LIMIT = None

# The Rust side never warns about 0/0 or overflow; neither should we (warnings would only go to
# stderr, but they cost time inside a timed call).
np.seterr(all="ignore")

ROOT = Path(__file__).resolve().parent.parent


class Err:
    """A `Result::Err` returned on purpose: encoded as `{"type": "error", "message": ...}`."""

    def __init__(self, message):
        self.message = message

    def __repr__(self):
        return f"Err({self.message!r})"


# =============================================================================================
# Helpers shared by several twins
# =============================================================================================


def _lead_sign_flip(v, axis):
    """Which vectors of `v` to negate so that each one's largest-magnitude entry is positive.

    `axis` is the axis running *along* each vector (0: vectors are columns, 1: rows). This is
    the rule of `ndlab::linalg::fix_signs` and of the grader's `sign_normalise`: entries within a
    relative 1e-6 of the largest magnitude count as ties and the first of them decides; a zero
    vector is left alone. Vectorised: one `abs`, one max, one `argmax` over a boolean mask.
    """
    mag = np.abs(v)
    big = mag.max(axis=axis, keepdims=True) if v.shape[axis] else np.zeros_like(mag)
    lead = np.argmax(mag >= big * (1.0 - 1e-6), axis=axis)
    lead_vals = np.take_along_axis(v, np.expand_dims(lead, axis), axis=axis)
    return np.squeeze(lead_vals, axis=axis) < 0.0


def _flip_columns(v):
    """Negate the columns of `v` (in place) whose leading entry is negative."""
    if v.size:
        flip = _lead_sign_flip(v, 0)
        if flip.any():
            v[:, flip] *= -1.0
    return v


def _flip_rows(v):
    """Negate the rows of `v` (in place) whose leading entry is negative."""
    if v.size:
        flip = _lead_sign_flip(v, 1)
        if flip.any():
            v[flip, :] *= -1.0
    return v


def _rust_float(x):
    """`x` as Rust's `{}` prints an f64 (`252`, `0.5`, `0.0000001`, `NaN`, `inf`), for the
    reference's error messages."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return np.format_float_positional(x, trim="-")


def _pad_reflect_error(h, w, ry, rx):
    """`images::pad_reflect`'s error (reflection needs a pad smaller than the side), or None."""
    if (ry > 0 and ry >= h) or (rx > 0 and rx >= w):
        return Err(
            f"pad_reflect: cannot reflect-pad a {h}x{w} image by {ry} rows and {rx} columns "
            "(each pad must be smaller than the side it extends)"
        )
    return None


# =============================================================================================
# broadcasting
# =============================================================================================


def standardize_columns(a):
    """Twin of `broadcasting::standardize_columns`: z-scores per column (ddof 0); a column whose
    values are all exactly equal becomes exact zeros.

    Idiom: column sums as `np.einsum('ij->j')` (several times faster than `a.mean(axis=0)` on a
    tall, narrow matrix, whose axis-0 reduction NumPy walks slowly), the squared deviations with
    `einsum('ij,ij->j')` (no temporary), and one broadcast pass `(a - mean) * inv_std` done in
    place. The exact constancy test `(a == a[0]).all(axis=0)` is only run on the columns whose
    second row equals the first: any other column is visibly not constant.
    """
    n, d = a.shape
    if n == 0:
        return a.copy()
    mean = np.einsum("ij->j", a) / n
    out = a - mean
    ss = np.einsum("ij,ij->j", out, out)
    if n == 1:
        constant = np.ones(d, dtype=bool)
    else:
        constant = a[1] == a[0]
        maybe = np.flatnonzero(constant)
        if maybe.size:
            constant[maybe] = (a[:, maybe] == a[0, maybe]).all(axis=0)
    inv = np.where(constant, 0.0, 1.0 / np.sqrt(ss / n))
    out *= inv
    return out


def pairwise_sq_dists(a, b):
    """Twin of `broadcasting::pairwise_sq_dists`: the n x m squared Euclidean distances through
    `|a|^2 + |b|^2 - 2 a.b`, clamped at 0.

    Idiom: one GEMM `a @ (-2 b).T` (scaling by -2 is exact, and cheaper on the small operand than
    on the n x m product), the row norms by `einsum`, two broadcast adds and `np.maximum`, all
    in place in the product.
    """
    g = a @ (-2.0 * b).T
    g += np.einsum("ij,ij->i", a, a)[:, None]
    g += np.einsum("ij,ij->i", b, b)
    np.maximum(g, 0.0, out=g)
    return g


def softmax(a, axis):
    """Twin of `broadcasting::softmax`: stable softmax along axis 0 or 1.

    Idiom: `e = exp(x - x.max(axis, keepdims=True)); e /= e.sum(axis, keepdims=True)`, with the
    exponential taken in place.
    """
    if axis not in (0, 1):
        raise ValueError(f"softmax: axis must be 0 or 1 for a matrix, got {axis}")
    if a.size == 0:
        return a.copy()
    e = a - a.max(axis=axis, keepdims=True)
    np.exp(e, out=e)
    e /= e.sum(axis=axis, keepdims=True)
    return e


# =============================================================================================
# indexing
# =============================================================================================


def one_hot(labels, k):
    """Twin of `indexing::one_hot`: the n x k float matrix with 1.0 at (i, labels[i]).

    Idiom: a zeroed matrix and one fancy-indexed write into its flat view (`flat[i*k + label]`),
    which measured faster than `np.eye(k)[labels]` or `labels[:, None] == np.arange(k)`.
    """
    n = labels.shape[0]
    if n:
        bad = labels >= k
        if bad.any():
            i = int(np.argmax(bad))
            return Err(f"one_hot: label {int(labels[i])} at position {i} is not below k = {k}")
    out = np.zeros(n * k)
    if n:
        out[np.arange(0, n * k, k) + labels] = 1.0
    return out.reshape(n, k)


def top_k(a, k):
    """Twin of `indexing::top_k`: the (row, column) of the k largest entries, largest first;
    NaN counts as larger than any number, ties (and NaNs) go in row-major order, -0.0 == 0.0.
    Returns a k x 2 integer array.

    Idiom: NaN positions from `np.flatnonzero(np.isnan(...))`; the threshold (the m-th largest
    number) by one `np.partition` (selection, O(n)); then the positions strictly above it and,
    in row-major order, as many equal to it as still needed (which makes the tie rule exact,
    unlike `np.argpartition` alone); a `np.lexsort` of those k by (value desc, position); and
    `np.divmod` for the coordinates.
    """
    n = a.size
    if k > n:
        return Err(f"top_k: k = {k} is larger than the {n} elements")
    if k == 0:
        return np.zeros((0, 2), dtype=np.int64)
    flat = a.ravel()
    nan_pos = np.flatnonzero(np.isnan(flat))
    if nan_pos.size >= k:
        pos = nan_pos[:k]
    else:
        m = k - nan_pos.size
        if nan_pos.size:
            num_pos = np.flatnonzero(~np.isnan(flat))
            vals = flat[num_pos]
        else:
            num_pos, vals = None, flat
        cut = vals.size - m
        thr = np.partition(vals, cut)[cut]
        above = np.flatnonzero(vals > thr)
        ties = np.flatnonzero(vals == thr)[: m - above.size]
        sel = np.concatenate([above, ties])
        sel = sel[np.lexsort((sel, -vals[sel]))]
        if num_pos is not None:
            sel = num_pos[sel]
        pos = np.concatenate([nan_pos, sel])
    rows, cols = np.divmod(pos, a.shape[1])
    return np.stack([rows, cols], axis=1).astype(np.int64, copy=False)


# =============================================================================================
# linalg
# =============================================================================================


def gauss_solve(a, b):
    """Twin of `linalg::gauss_solve`: the solution of A x = b.

    Idiom: `np.linalg.solve` (LAPACK `gesv`: the same partial-pivoting elimination, blocked).
    Not reproduced: the reference's own rejection of *numerically* singular matrices (a pivot
    below n*eps*max|a|), which `gesv` does not report; an exactly zero pivot is an Err here too.
    """
    n = a.shape[0]
    if a.shape[1] != n:
        return Err(f"gauss_solve: the matrix is {n}x{a.shape[1]}, not square")
    if b.shape[0] != n:
        return Err(f"gauss_solve: the right-hand side has length {b.shape[0]}, the matrix order is {n}")
    if n == 0:
        return np.zeros(0)
    try:
        return np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        return Err("gauss_solve: the matrix is singular")


def solve_vs_inv_residuals(a, b):
    """Twin of `linalg::solve_vs_inv_residuals`: `(||A x_solve - b||, ||A x_inv - b||)`.

    Idiom: `np.linalg.solve(A, b)` against `np.linalg.inv(A) @ b`, residual norms with
    `np.linalg.norm`. (The residuals are rounding noise: they agree with the reference in size,
    not in digits.) An exactly singular matrix gives ndlab's `Singular` error message.
    """
    n = a.shape[0]
    if a.shape[1] != n:
        return Err(f"expected a square matrix, got {a.shape[0]}×{a.shape[1]}")
    if b.shape[0] != n:
        return Err(f"shape mismatch: a is {n}×{n} but b has {b.shape[0]} rows")
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        return Err("the input contains NaN or infinity")
    try:
        xs = np.linalg.solve(a, b)
        xi = np.linalg.inv(a) @ b
    except np.linalg.LinAlgError:
        return Err("the matrix is singular (to working precision)")
    return (float(np.linalg.norm(a @ xs - b)), float(np.linalg.norm(a @ xi - b)))


def eigh_desc(a):
    """Twin of `linalg::eigh_desc`: eigenvalues descending and eigenvectors as columns in the
    same order, each eigenvector's largest-magnitude entry positive (ndlab's convention).

    Idiom: `w, V = np.linalg.eigh(A); w[::-1], V[:, ::-1]` plus the vectorised sign rule.
    """
    if a.shape[0] != a.shape[1]:
        return Err(f"expected a square matrix, got {a.shape[0]}×{a.shape[1]}")
    if not np.isfinite(a).all():
        return Err("the input contains NaN or infinity")
    if a.shape[0] == 0:
        return (np.zeros(0), np.zeros((0, 0)))
    w, v = np.linalg.eigh(a)
    _flip_columns(v)
    return (w[::-1], v[:, ::-1])


def dot_vs_mul(a, b):
    """Twin of `linalg::dot_vs_mul`: `(a @ b or None, a * b or None)` (no broadcasting).

    Idiom: `a @ b` and `a * b`, each guarded by its shape condition.
    """
    prod = a @ b if a.shape[1] == b.shape[0] else None
    elem = a * b if a.shape == b.shape else None
    return (prod, elem)


# =============================================================================================
# pca
# =============================================================================================


def pca_eigh(x, k):
    """Twin of `pca::pca_eigh` (as the glue returns it): `(components k x d, variances k)`, the
    top-k eigenvectors of the covariance as rows (largest-magnitude entry positive) and their
    eigenvalues, descending, clamped at 0.

    Idiom: `xc = x - mean; C = xc.T @ xc / (n - 1)` (NumPy hands `A.T @ A` to BLAS `syrk`),
    `np.linalg.eigh(C)`, reversed and sliced.
    """
    n, d = x.shape
    if k > min(n, d):
        return Err(f"pca_eigh: {k} components asked of a {n}x{d} matrix (at most {min(n, d)})")
    if n < 2:
        return Err(f"covariance: needs at least 2 samples, got {n}")
    xc = x - np.einsum("ij->j", x) / n
    c = xc.T @ xc
    c /= n - 1
    if d == 0:
        return (np.zeros((0, 0)), np.zeros(0))
    w, v = np.linalg.eigh(c)
    comps = v[:, ::-1][:, :k].T
    _flip_rows(comps)
    return (comps, np.maximum(w[::-1][:k], 0.0))


def pca_svd(x, k):
    """Twin of `pca::pca_svd` (as the glue returns it): same contract as `pca_eigh`, through the
    thin SVD of the centred data: the first k rows of Vt, and s**2 / (n - 1).

    Idiom: `U, s, Vt = np.linalg.svd(xc, full_matrices=False); Vt[:k], s[:k]**2 / (n - 1)`, then
    the sign rule on the rows.
    """
    n, d = x.shape
    if n < 2:
        return Err(f"pca_svd: needs at least 2 samples, got {n}")
    if k > min(n, d):
        return Err(f"pca_svd: {k} components asked of a {n}x{d} matrix (at most {min(n, d)})")
    xc = x - np.einsum("ij->j", x) / n
    if d == 0:
        return (np.zeros((0, 0)), np.zeros(0))
    _, s, vt = np.linalg.svd(xc, full_matrices=False)
    comps = vt[:k]
    _flip_rows(comps)
    return (comps, s[:k] * s[:k] / (n - 1))


# =============================================================================================
# kmeans
# =============================================================================================


def lloyd_step(x, c):
    """Twin of `kmeans::lloyd_step`: `(new_centroids k x d, labels n)`. Labels minimise
    `|c_j|^2 - 2 x.c_j` (first index on ties); a centroid is the mean of its points, or its old
    value when no point chose it.

    Idiom: `(C**2).sum(1) - 2 X @ C.T` then `argmin(axis=1)`; the cluster sums as one BLAS
    product with the (k x n) one-hot membership matrix (measured faster than `np.add.at` or a
    sort + `np.add.reduceat`), the counts by `np.bincount`.
    """
    k = c.shape[0]
    if k == 0:
        raise ValueError("lloyd_step: there is no centroid to assign the points to")
    g = x @ (-2.0 * c).T
    g += np.einsum("ij,ij->i", c, c)
    labels = g.argmin(axis=1)
    counts = np.bincount(labels, minlength=k)
    member = (labels == np.arange(k)[:, None]).astype(np.float64)
    sums = member @ x
    new_c = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], c)
    return (new_c, labels)


# =============================================================================================
# nn
# =============================================================================================


def mlp_backward(x, y, w1, w2, b):
    """Twin of `nn::mlp_backward` through its glue (one bias vector `b` = b1 ++ b2):
    `(loss, (dw1, db1, dw2, db2))` of a dense-ReLU-dense network with softmax cross-entropy.

    Idiom: the textbook five lines with `@`, `.T` and `.sum(axis=0)`; log-sum-exp for the loss,
    the softmax gradient by fancy-indexed `-= 1` and one division by n.
    """
    h_dim = w1.shape[1]
    b1, b2 = b[:h_dim], b[h_dim:]
    n = x.shape[0]
    rows = np.arange(n)
    z1 = x @ w1
    z1 += b1
    h = np.maximum(z1, 0.0)
    logits = h @ w2
    logits += b2
    m = logits.max(axis=1, keepdims=True) if n else np.zeros((0, 1))
    p = logits - m
    np.exp(p, out=p)
    s = p.sum(axis=1, keepdims=True)
    if n:
        loss = float((m[:, 0] + np.log(s[:, 0]) - logits[rows, y]).sum() / n)
    else:
        loss = math.nan
    p /= s
    p[rows, y] -= 1.0
    p /= n
    dw2 = h.T @ p
    db2 = p.sum(axis=0)
    dz1 = p @ w2.T
    dz1 = np.where(z1 > 0.0, dz1, 0.0)
    dw1 = x.T @ dz1
    db1 = dz1.sum(axis=0)
    return (loss, (dw1, db1, dw2, db2))


# =============================================================================================
# images
# =============================================================================================


def to_gray(img):
    """Twin of `images::to_gray`: BT.601 luma `(299 R + 587 G + 114 B + 500) // 1000` as u8.

    Idiom: widen each channel to uint32 before multiplying (uint8 would wrap), accumulate in
    place, integer floor-division by a constant (NumPy divides by a scalar with libdivide).
    """
    c = img.shape[2]
    if c not in (3, 4):
        return Err(f"to_gray: expected 3 (RGB) or 4 (RGBA) channels, got {c}")
    y = img[..., 0].astype(np.uint32)
    y *= 299
    y += img[..., 1].astype(np.uint32) * np.uint32(587)
    y += img[..., 2].astype(np.uint32) * np.uint32(114)
    y += 500
    y //= 1000
    return y.astype(np.uint8)


def convolve2d(img, kernel):
    """Twin of `images::convolve2d`: true convolution (flipped kernel) over the reflect-padded
    picture (NumPy's `mode='reflect'`), output of the picture's shape.

    Idiom: `np.pad(..., mode='reflect')` and shifted-slice sums: per kernel entry, one
    multiply of a whole shifted view of the padded picture, added into the output. The sums
    are done over bands of 16 rows at a time, so that the band of the output and its temporary
    stay in cache across the kh*kw passes (cache blocking: the same arithmetic as whole-array
    passes, about three times faster at 2048 x 2048). The entries are added in the
    reference's order (row-major over the window), so the sums round alike.
    """
    kh, kw = kernel.shape
    if kh % 2 == 0 or kw % 2 == 0:
        return Err(f"convolve2d: the kernel must have odd sides, got {kh}x{kw}")
    h, w = img.shape
    ry, rx = kh // 2, kw // 2
    bad = _pad_reflect_error(h, w, ry, rx)
    if bad is not None:
        return bad
    if img.size == 0:
        return np.zeros((h, w))
    padded = np.pad(img, ((ry, ry), (rx, rx)), mode="reflect") if ry or rx else img
    flipped = kernel[::-1, ::-1]
    out = np.empty((h, w))
    band = 16
    tmp = np.empty((band, w))
    for r0 in range(0, h, band):
        r1 = min(h, r0 + band)
        o, t = out[r0:r1], tmp[: r1 - r0]
        np.multiply(padded[r0:r1, 0:w], flipped[0, 0], out=o)
        for i in range(kh):
            for j in range(kw):
                if i or j:
                    np.multiply(padded[r0 + i : r1 + i, j : j + w], flipped[i, j], out=t)
                    o += t
    return out


def equalize(img):
    """Twin of `images::equalize`: histogram equalisation through a 256-entry lookup table,
    `((cdf - cdf_min) * 255 + (n - cdf_min) // 2) // (n - cdf_min)` in integers.

    Idiom: `np.bincount(img.ravel(), minlength=256).cumsum()`, the formula on the whole cdf,
    then `np.take(lut, img)` to apply the table. Both `bincount` and `take` first convert u8
    pixels into 8-byte indices; done on chunks of 64 Ki pixels that conversion stays in cache
    instead of writing and re-reading a 128 MB index array (2 to 3 times faster at 4096^2).
    """
    n = img.size
    flat = img.ravel()
    chunk = 1 << 16
    counts = np.zeros(256, dtype=np.int64)
    for s in range(0, n, chunk):
        counts += np.bincount(flat[s : s + chunk], minlength=256)
    cdf = np.cumsum(counts)
    cdf_min = int(cdf[np.argmax(counts > 0)]) if n else 0
    if n == cdf_min:
        return img.copy()
    d = n - cdf_min
    lut = ((np.maximum(cdf - cdf_min, 0) * 255 + d // 2) // d).astype(np.uint8)
    out = np.empty(n, dtype=np.uint8)
    for s in range(0, n, chunk):
        np.take(lut, flat[s : s + chunk], out=out[s : s + chunk])
    return out.reshape(img.shape)


def box_blur(img, r):
    """Twin of `images::box_blur`: the mean of the (2r+1)^2 window around each pixel of the
    reflect-padded u8 picture, as floats.

    Idiom: `np.pad(img, r, mode='reflect')`, then a separable box filter made of two running
    sums: an integer `cumsum` down the rows and the difference of two row-shifted slices, then
    the same along the columns. Integer sums are exact, like the reference's summed-area table,
    so `sum / (2r+1)**2` is the same double. The cumsum down the rows walks the picture
    column-wise; it is run on strips of 64 columns so that walk stays in cache (3 times faster
    than one `cumsum(axis=0)` over the whole picture).
    """
    h, w = img.shape
    if r > 0 and (r >= h or r >= w):
        return Err(f"box_blur: cannot reflect-pad a {h}x{w} image by {r} (the radius must be smaller than both sides)")
    if r == 0:
        return img.astype(np.float64)
    d = 2 * r + 1
    p = np.pad(img, r, mode="reflect")
    big, wide = p.shape
    acc = np.int32 if max(big, wide * d) * 255 < 2**31 else np.int64
    cs = np.empty((big + 1, wide), dtype=acc)
    cs[0] = 0
    strip = 64
    for c in range(0, wide, strip):
        np.cumsum(p[:, c : c + strip], axis=0, dtype=acc, out=cs[1:, c : c + strip])
    v = cs[d:] - cs[:-d]  # h x (w + 2r): the vertical window sums
    cs2 = np.empty((h, wide + 1), dtype=acc)
    cs2[:, 0] = 0
    np.cumsum(v, axis=1, out=cs2[:, 1:])
    np.subtract(cs2[:, d:], cs2[:, :-d], out=v[:, :w])
    return np.divide(v[:, :w], d * d)


def max_drawdown(returns):
    """Twin of `finance::max_drawdown`: the largest fall `1 - wealth / running_peak` of the
    compounded wealth (starting at 1, which counts as a peak); NaN returns count as 0.

    Idiom: `np.cumprod(1 + r)` (sequential, so the wealth is bit-identical to the reference's
    loop), `np.fmax.accumulate` for the running peak, and `1 - min(wealth / peak)`, which equals
    the maximum of the drawdowns because rounding is monotone. `fmax`/`fmin` ignore NaN like
    Rust's `f64::max`.
    """
    if returns.size == 0:
        return 0.0
    w = np.where(np.isnan(returns), 1.0, returns + 1.0)
    np.cumprod(w, out=w)
    peak = np.fmax.accumulate(w)
    np.fmax(peak, 1.0, out=peak)
    np.divide(w, peak, out=peak)
    worst = 1.0 - float(np.fmin.reduce(peak))
    return worst if worst > 0.0 else 0.0


def random_portfolios(returns, n_portfolios, periods_per_year, seed):
    """Twin of `finance::random_portfolios`: `(weights n x k, annual returns n, annual vols n)`
    for n long-only portfolios drawn uniformly on the simplex (its own generator: only the
    shapes and the distribution can match the reference).

    Idiom: Dirichlet(1, ..., 1) as normalised `rng.standard_exponential((n, k))` (what
    `rng.dirichlet(np.ones(k), n)` computes, without its per-row overhead); mean and covariance
    of the complete rows once; `W @ mu` and `einsum('ij,ij->i', W @ S, W)` for all portfolios.
    """
    k = returns.shape[1]
    if k == 0:
        return Err("random_portfolios: no assets")
    if not (math.isfinite(periods_per_year) and periods_per_year > 0.0):
        return Err(f"random_portfolios: periods_per_year {_rust_float(periods_per_year)} must be positive")
    complete = ~np.isnan(returns).any(axis=1)
    r = returns if complete.all() else returns[complete]
    t = r.shape[0]
    if t < 2:
        return Err(f"cov_corr: {t} complete rows (without NaN), at least 2 are needed")
    mean = r.mean(axis=0)
    constant = (r == r[0]).all(axis=0)
    xc = r - np.where(constant, r[0], mean)
    cov = (xc.T @ xc) * (periods_per_year / (t - 1))
    mu = mean * periods_per_year
    rng = np.random.default_rng(seed)
    w = rng.standard_exponential((n_portfolios, k))
    w /= w.sum(axis=1, keepdims=True)
    rets = w @ mu
    vols = np.sqrt(np.maximum(np.einsum("ij,ij->i", w @ cov, w), 0.0))
    return (w, rets, vols)


# =============================================================================================
# views
# =============================================================================================


def rolling_mean(x, w):
    """Twin of `views::rolling_mean`: the mean of every window `x[i:i+w]` (n - w + 1 values).

    Idiom: cumulative sums with a leading 0 and the difference of two shifted slices,
    `(c[w:] - c[:-w]) * (1 / w)`, computed in place.
    """
    if w == 0:
        return Err("rolling_mean: the window length must be at least 1")
    n = x.shape[0]
    if w > n:
        return np.zeros(0)
    c = np.empty(n + 1)
    c[0] = 0.0
    np.cumsum(x, out=c[1:])
    out = c[w:] - c[:-w]
    out *= 1.0 / w
    return out


# =============================================================================================
# data
# =============================================================================================


def forward_fill(a):
    """Twin of `data::forward_fill`: each NaN replaced by the last non-NaN value before it;
    leading NaNs stay NaN.

    Idiom: only the gaps are touched. `np.flatnonzero(np.isnan(a))` lists them; a gap whose
    left neighbour is not a gap starts a run, and every gap of a run takes the value just
    before the run's start: the running maximum (`np.maximum.accumulate`) of "start - 1 where a
    run starts, -1 elsewhere" gives that source index for every gap (-1: a leading run, which
    stays NaN). Then one gather and one scatter. Same result as the lesson's
    `idx = np.where(np.isnan(a), 0, np.arange(n)); np.maximum.accumulate(idx); a[idx]`, which
    builds and scans an index for every element instead of every gap.
    """
    out = a.copy()
    gaps = np.flatnonzero(np.isnan(a))
    if gaps.size == 0:
        return out
    starts = np.empty(gaps.size, dtype=bool)
    starts[0] = True
    np.not_equal(gaps[1:], gaps[:-1] + 1, out=starts[1:])
    src = np.where(starts, gaps - 1, -1)
    np.maximum.accumulate(src, out=src)
    fill = a[np.maximum(src, 0)]
    fill[src < 0] = np.nan
    out[gaps] = fill
    return out


def _quartiles_inplace(v):
    """Q1 and Q3 of the 1-D array `v` (no NaN, not empty; reordered in place) with the linear
    rule `v[lo] + frac * (v[lo + 1] - v[lo])`, `lo + frac = (m - 1) q`.

    Each order statistic `v[lo]` comes from a single-`kth` `ndarray.partition` (NumPy runs it
    as a vectorised quickselect; a list of several `kth` falls back to a much slower generic
    introselect), and the next one, `v[lo + 1]`, is the minimum of what lies to its right, as in
    the reference. The search for Q3 only looks right of Q1.
    """
    m = v.size
    out = []
    base = 0  # v[base:] holds the order statistics base.. (in no particular order)
    prev = None
    for q in (0.25, 0.75):
        h = (m - 1) * q
        lo = math.floor(h)
        frac = h - lo
        if prev is not None and lo == prev[0]:
            a, nxt = prev[1], prev[2]
        else:
            part = v[base:]
            part.partition(lo - base)
            a = part[lo - base]
            nxt = part[lo - base + 1 :].min() if lo + 1 < m else a
            base = lo + 1
        out.append(a + frac * (nxt - a) if frac != 0.0 and lo + 1 < m else a)
        prev = (lo, a, nxt)
    return out


def iqr_outlier_flags(a, k):
    """Twin of `data::iqr_outlier_flags`: per column, True where a value is strictly outside
    `[Q1 - k IQR, Q3 + k IQR]`; quartiles ignore NaN and use the linear rule
    `v[lo] + frac * (v[lo + 1] - v[lo])`; NaN is never flagged.

    Idiom: selection rather than sorting (`np.nanquantile` with the reference's exact
    interpolation): the columns are copied once into contiguous rows (a transpose done in
    cache-sized blocks of rows, several times faster than `a.T.copy()` on a tall matrix), NaNs
    dropped per column with a boolean mask, the order statistics found by in-place
    `partition` (see `_quartiles_inplace`), then one broadcast comparison
    `(a < lo) | (a > hi)` for all columns at once.
    """
    n, d = a.shape
    lo = np.full(d, np.nan)
    hi = np.full(d, np.nan)
    if n:
        cols = np.empty((d, n))
        step = 1 << 13
        for s in range(0, n, step):
            cols[:, s : s + step] = a[s : s + step].T
        for j in range(d):
            v = cols[j]
            nan = np.isnan(v)
            if nan.any():
                v = v[~nan]
            if v.size == 0:
                continue
            q1, q3 = _quartiles_inplace(v)
            lo[j] = q1 - k * (q3 - q1)
            hi[j] = q3 + k * (q3 - q1)
    return (a < lo) | (a > hi)


def cosine_similarity(x):
    """Twin of `data::cosine_similarity`: the n x n matrix of row cosines (zero rows give 0).

    Idiom: `Xn = X * (1 / norms)[:, None]` (row norms by `einsum`, 0 for a zero row), then one
    matrix product `Xn @ Xn.T` (BLAS `syrk`).
    """
    norms = np.sqrt(np.einsum("ij,ij->i", x, x))
    inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0.0)
    xn = x * inv[:, None]
    return xn @ xn.T


# =============================================================================================
# The registry: exercise name -> twin
# =============================================================================================

EXERCISES = {
    "broadcasting::standardize_columns": standardize_columns,
    "broadcasting::pairwise_sq_dists": pairwise_sq_dists,
    "broadcasting::softmax": softmax,
    "indexing::one_hot": one_hot,
    "indexing::top_k": top_k,
    "linalg::gauss_solve": gauss_solve,
    "linalg::solve_vs_inv_residuals": solve_vs_inv_residuals,
    "linalg::eigh_desc": eigh_desc,
    "linalg::dot_vs_mul": dot_vs_mul,
    "pca::pca_svd": pca_svd,
    "pca::pca_eigh": pca_eigh,
    "kmeans::lloyd_step": lloyd_step,
    "nn::mlp_backward": mlp_backward,
    "images::convolve2d": convolve2d,
    "images::equalize": equalize,
    "images::to_gray": to_gray,
    "images::box_blur": box_blur,
    "finance::max_drawdown": max_drawdown,
    "finance::random_portfolios": random_portfolios,
    "views::rolling_mean": rolling_mean,
    "data::forward_fill": forward_fill,
    "data::cosine_similarity": cosine_similarity,
    "data::iqr_outlier_flags": iqr_outlier_flags,
}


# =============================================================================================
# Arguments: the grader's ArgSpec generators (grader/runtime/src/inputs.rs), in NumPy
# =============================================================================================

_SHAPE_KEYS = ("randn", "uniform", "randint", "zeros", "full", "arange", "array")
_GEN_KEYS = set(_SHAPE_KEYS) | {"seed", "low", "high", "mean", "std", "value", "dtype", "nan_fraction", "symmetric"}


def _literal_array(items):
    """A nested list of numbers (or of bools) as an array: all ints give int64, any float
    gives float64, all bools give bool (the rules of `inputs.rs`)."""
    shape, leaves = [], []

    def walk(xs, depth):
        if len(shape) == depth:
            shape.append(len(xs))
        elif shape[depth] != len(xs):
            raise ValueError(f"ragged array literal: rows of length {shape[depth]} and {len(xs)}")
        for x in xs:
            if isinstance(x, list):
                walk(x, depth + 1)
            elif isinstance(x, (dict, str)):
                raise ValueError("an array literal may not contain tables or strings")
            else:
                if len(shape) > depth + 1:
                    raise ValueError("ragged array literal: mixed nesting depths")
                leaves.append(x)

    walk(items, 0)
    if all(isinstance(v, int) and not isinstance(v, bool) for v in leaves):
        dtype = np.int64
    elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in leaves):
        dtype = np.float64
    elif all(isinstance(v, bool) for v in leaves):
        dtype = np.bool_
    else:
        raise ValueError("an array literal must hold only numbers or only bools")
    return np.array(leaves, dtype=dtype).reshape(shape)


def _cast(a, dtype):
    """The generator's `dtype` cast, with the same checks as `inputs.rs`."""
    if dtype == "f64":
        return a.astype(np.float64, copy=False)
    if dtype == "i64":
        if a.dtype.kind == "f" and not np.array_equal(a, np.trunc(a)):
            raise ValueError("a value is not an integer")
        return a.astype(np.int64)
    if dtype == "u8":
        if a.size and (a.min() < 0 or a.max() > 255 or (a.dtype.kind == "f" and not np.array_equal(a, np.trunc(a)))):
            raise ValueError("a value is not a u8")
        return a.astype(np.uint8)
    if dtype == "bool":
        return a != 0
    raise ValueError(f"unknown dtype {dtype!r} (use f64, i64, u8 or bool)")


def _generate(g):
    """One generator table, materialised with `np.random.default_rng(seed)`: the same shapes and
    distributions as the grader's ChaCha8 generators, not the same values."""
    # The Rust side writes the fields it does not use as null.
    g = {k: v for k, v in g.items() if v is not None}
    unknown = set(g) - _GEN_KEYS
    if unknown:
        raise ValueError(f"unknown generator field(s) {sorted(unknown)}")
    kinds = [k for k in _SHAPE_KEYS if k in g]
    if len(kinds) != 1:
        raise ValueError(f"a generator needs exactly one of {', '.join(_SHAPE_KEYS)} (found {len(kinds)})")
    kind = kinds[0]
    dtype = g.get("dtype", "f64")
    rng = np.random.default_rng(int(g.get("seed", 0)))
    if kind == "array":
        lit = _materialize(g["array"])
        if not isinstance(lit, np.ndarray):
            raise ValueError("`array` must be an array literal")
        return _cast(lit, dtype)
    shape = tuple(int(s) for s in g[kind])
    if kind == "randn":
        a = rng.standard_normal(shape)
        std, mean = float(g.get("std", 1.0)), float(g.get("mean", 0.0))
        if std != 1.0:
            a *= std
        if mean != 0.0:
            a += mean
    elif kind == "uniform":
        lo, hi = float(g.get("low", 0.0)), float(g.get("high", 1.0))
        if not lo < hi:
            raise ValueError(f"uniform needs low < high (got {lo}, {hi})")
        a = rng.uniform(lo, hi, shape)
    elif kind == "randint":
        if "high" not in g:
            raise ValueError("randint needs `high`")
        lo, hi = int(g.get("low", 0)), int(g["high"])
        if lo >= hi:
            raise ValueError(f"randint needs low < high (got {lo}, {hi})")
        if dtype == "u8" and 0 <= lo and hi <= 256:
            a = rng.integers(lo, hi, shape, dtype=np.uint8)
        else:
            a = rng.integers(lo, hi, shape, dtype=np.int64)
    elif kind == "zeros":
        a = np.zeros(shape)
    elif kind == "full":
        if "value" not in g:
            raise ValueError("full needs `value`")
        a = np.full(shape, float(g["value"]))
    else:  # arange
        a = np.arange(math.prod(shape), dtype=np.float64).reshape(shape)
    if g.get("symmetric") is True:
        if a.ndim != 2 or a.dtype != np.float64:
            raise ValueError("symmetric needs a 2-D float generator (randn or uniform)")
        if shape[0] != shape[1]:
            raise ValueError(f"symmetric needs a square shape, got {shape[0]}x{shape[1]}")
        a = (a + a.T) * 0.5
    # An integer generator without an explicit dtype stays integer, as in inputs.rs.
    if not (kind == "randint" and "dtype" not in g):
        a = _cast(a, dtype)
    frac = g.get("nan_fraction")
    if frac is not None:
        if a.dtype != np.float64:
            raise ValueError("nan_fraction needs a float array")
        a[rng.random(shape) < float(frac)] = np.nan
    return a


def _materialize(spec):
    """An ArgSpec (literal or generator table) as the exercise's argument."""
    if isinstance(spec, (bool, int, float, str)):
        return spec
    if isinstance(spec, list):
        return _literal_array(spec)
    if isinstance(spec, dict):
        return _generate(spec)
    raise ValueError(f"not an argument spec: {spec!r}")


# =============================================================================================
# Values: the judge's serde format (grader/runtime/src/value.rs)
# =============================================================================================


def _float_out(x):
    x = float(x)
    if math.isfinite(x):
        return x
    if math.isnan(x):
        return "nan"
    return "inf" if x > 0 else "-inf"


def _float_in(x):
    if isinstance(x, str):
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[x]
    return float(x)


def encode(v):
    """A twin's result as a Value (dict ready for JSON)."""
    if isinstance(v, Err):
        return {"type": "error", "message": v.message}
    if v is None:
        return {"type": "none"}
    if isinstance(v, tuple):
        return {"type": "tuple", "items": [encode(x) for x in v]}
    if isinstance(v, (bool, np.bool_)):
        return {"type": "bool", "v": bool(v)}
    if isinstance(v, (int, np.integer)):
        return {"type": "i64", "v": int(v)}
    if isinstance(v, (float, np.floating)):
        return {"type": "f64", "v": _float_out(v)}
    if isinstance(v, str):
        return {"type": "str", "v": v}
    if isinstance(v, np.ndarray):
        kind = v.dtype.kind
        if kind == "b":
            dtype, values = "bool", v.ravel().tolist()
        elif v.dtype == np.uint8:
            dtype, values = "u8", v.ravel().tolist()
        elif kind in "iu":
            dtype, values = "i64", v.astype(np.int64).ravel().tolist()
        elif kind == "f":
            flat = v.astype(np.float64).ravel()
            values = flat.tolist()
            if not np.isfinite(flat).all():
                values = [_float_out(x) for x in values]
            dtype = "f64"
        else:
            raise TypeError(f"cannot encode an array of dtype {v.dtype}")
        return {"type": "array", "shape": list(v.shape), "dtype": dtype, "values": values}
    raise TypeError(f"cannot encode a {type(v).__name__}")


_DTYPES = {"f64": np.float64, "i64": np.int64, "u8": np.uint8, "bool": np.bool_}


def decode(v):
    """A Value as a Python/NumPy object: arrays of their natural dtype, scalars as Python
    scalars, tuples as tuples, `none` as None, `error` as Err."""
    t = v.get("type")
    if t == "f64":
        return _float_in(v["v"])
    if t == "i64":
        return int(v["v"])
    if t == "bool":
        return bool(v["v"])
    if t == "str":
        return str(v["v"])
    if t == "array":
        dtype = _DTYPES[v["dtype"]]
        values = v["values"]
        if dtype is np.float64:
            values = [_float_in(x) for x in values]
        return np.array(values, dtype=dtype).reshape(v["shape"])
    if t == "tuple":
        return tuple(decode(x) for x in v["items"])
    if t == "none":
        return None
    if t == "error":
        return Err(v["message"])
    raise ValueError(f"unknown Value type {t!r}")


# =============================================================================================
# The server
# =============================================================================================


def _blas_info():
    """(library, kernel, threads) of the BLAS NumPy uses, from threadpoolctl."""
    if threadpoolctl is None:
        return "unknown", "unknown", 1
    for lib in threadpoolctl.threadpool_info():
        if lib.get("user_api") == "blas":
            name = lib.get("prefix") or lib.get("internal_api") or "unknown"
            if name.startswith("lib"):
                name = name[3:]
            name = name.replace("_", "-")
            version = lib.get("version")
            label = f"{name} {version}" if version else name
            return label, lib.get("architecture") or "unknown", int(lib.get("num_threads") or 1)
    return "unknown", "unknown", 1


def _lookup(exercise):
    fn = EXERCISES.get(exercise)
    if fn is None:
        raise KeyError(f"no NumPy twin for exercise {exercise!r}")
    return fn


def _check_arity(fn, args):
    import inspect

    try:
        inspect.signature(fn).bind(*args)
    except TypeError as e:
        raise TypeError(f"{fn.__name__}: {e}") from None


class Server:
    SCRATCH_BYTES = 128 << 20

    def __init__(self):
        self.fn = None
        self.args = None
        self.result = None
        self.scratch = None

    def handle(self, msg):
        cmd = msg.get("cmd")
        if cmd == "info":
            blas, kernel, threads = _blas_info()
            return {
                "ok": True,
                "python": platform.python_version(),
                "numpy": np.__version__,
                "blas": blas,
                "kernel": kernel,
                "threads": threads,
            }
        if cmd == "setup":
            self.fn, self.args, self.result = None, None, None
            fn = _lookup(msg.get("exercise"))
            args = [_materialize(a) for a in msg.get("args", [])]
            _check_arity(fn, args)
            self.fn, self.args = fn, args
            return {"ok": True}
        if cmd == "prep":
            if self.scratch is None:
                self.scratch = np.zeros(self.SCRATCH_BYTES, dtype=np.uint8)
            self.scratch += 1
            return {"ok": True}
        if cmd == "call":
            if self.fn is None:
                raise RuntimeError("call before a successful setup")
            self.result = None
            self.result = self.fn(*self.args)
            return {"ok": True}
        if cmd == "check":
            fn = _lookup(msg.get("exercise"))
            args = [decode(a) for a in msg.get("args", [])]
            _check_arity(fn, args)
            return {"ok": True, "value": encode(fn(*args))}
        raise ValueError(f"unknown command {cmd!r}")


def serve():
    server = Server()
    out = sys.stdout
    while True:
        line = sys.stdin.readline()
        if not line:
            return 0
        line = line.strip()
        if not line:
            continue
        try:
            msg = json.loads(line)
            if msg.get("cmd") == "quit":
                return 0
            reply = server.handle(msg)
        except Exception as e:  # every failure becomes a reply, never a traceback on stdout
            reply = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        try:
            text = json.dumps(reply, allow_nan=False)
        except ValueError as e:
            text = json.dumps({"ok": False, "error": f"reply not encodable: {e}"})
        out.write(text + "\n")
        out.flush()


# =============================================================================================
# Self-test and public cases
# =============================================================================================


def _describe(v):
    """A short description of a result's shape(s)."""
    if isinstance(v, Err):
        return f"Err({v.message})"
    if v is None:
        return "None"
    if isinstance(v, tuple):
        return "(" + ", ".join(_describe(x) for x in v) + ")"
    if isinstance(v, np.ndarray):
        return f"{v.dtype}{list(v.shape)}"
    return f"{type(v).__name__}"


def _load_tasks():
    import tomllib

    with open(ROOT / "bench" / "tasks.toml", "rb") as f:
        return tomllib.load(f)["task"]


def selftest():
    """Every task: setup + (prep, call) x 3 on the full-size arguments, the median call time;
    then the twin on the task's check arguments, round-tripped through the Value codec."""
    server = Server()
    failures = 0
    print(f"NumPy {np.__version__}, BLAS {_blas_info()}")
    for task in _load_tasks():
        ex, size = task["exercise"], task["size"]
        try:
            server.handle({"cmd": "setup", "exercise": ex, "args": task["args"]})
            times = []
            for _ in range(3):
                server.handle({"cmd": "prep"})
                t0 = time.perf_counter()
                server.handle({"cmd": "call"})
                times.append((time.perf_counter() - t0) * 1e3)
            full = _describe(server.result)
            server.result = None
            check_args = [encode(_materialize(a)) for a in task["check"]]
            reply = server.handle({"cmd": "check", "exercise": ex, "args": json.loads(json.dumps(check_args))})
            small = _describe(decode(json.loads(json.dumps(reply["value"]))))
            print(f"{ex:36s} {size:24s} {sorted(times)[1]:9.2f} ms   full {full}   check {small}")
        except Exception as e:
            failures += 1
            print(f"{ex:36s} {size:24s} FAILED: {type(e).__name__}: {e}")
    return 1 if failures else 0


def _close(got, want, rtol, atol, exact):
    """Compares two decoded values; returns None when they agree, else a reason."""
    if isinstance(want, Err) or isinstance(got, Err):
        if not (isinstance(want, Err) and isinstance(got, Err)):
            return f"expected {_describe(want)}, got {_describe(got)}"
        return None if want.message == got.message else f"error message {got.message!r} != {want.message!r}"
    if isinstance(want, tuple):
        if not isinstance(got, tuple) or len(got) != len(want):
            return f"expected a tuple of {len(want)}, got {_describe(got)}"
        for i, (g, w) in enumerate(zip(got, want)):
            why = _close(g, w, rtol, atol, exact)
            if why:
                return f"item {i}: {why}"
        return None
    if want is None or got is None:
        return None if want is None and got is None else f"expected {_describe(want)}, got {_describe(got)}"
    g, w = np.asarray(got), np.asarray(want)
    if g.shape != w.shape:
        return f"shape {g.shape} != {w.shape}"
    if (g.dtype.kind == "f") != (w.dtype.kind == "f") or (g.dtype == np.bool_) != (w.dtype == np.bool_):
        return f"dtype {g.dtype} != {w.dtype}"
    if exact or w.dtype.kind != "f":
        ok = np.array_equal(g, w, equal_nan=w.dtype.kind == "f")
    else:
        ok = np.allclose(g, w, rtol=rtol, atol=atol, equal_nan=True)
    if ok:
        return None
    return f"values differ (max |diff| {np.nanmax(np.abs(g.astype(float) - w.astype(float))) if g.size else 0:.3e})"


def cases():
    """Runs every twin on the public cases of grader/cases/<module>.jsonl that carry their own
    arguments and are compared directly (cases graded by a derived check, or run on a data set
    loaded by the glue, are listed as skipped), with the spec's comparison."""
    import tomllib

    # Exercises whose result is random (check_kind = "shape" in tasks.toml): shapes only.
    shape_only = {t["exercise"] for t in _load_tasks() if t.get("check_kind") == "shape"}
    total = bad = 0
    for ex in EXERCISES:
        module, name = ex.split("::")
        with open(ROOT / "grader" / "spec" / f"{module}.toml", "rb") as f:
            spec = tomllib.load(f)
        compare = spec.get("defaults", {}).get("compare", {})
        for e in spec.get("exercise", []):
            if e["name"] == name:
                compare = e.get("compare", compare)
        derived = {c["name"]: c.get("check") for c in spec.get("case", []) if c["exercise"] == name}
        with open(ROOT / "grader" / "cases" / f"{module}.jsonl") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        for row in rows:
            if row.get("kind") != "case" or row.get("exercise") != name:
                continue
            case = row["case"]
            if derived.get(case):
                print(f"{ex:36s} {case:28s} skipped (check = {derived[case]!r})")
                continue
            total += 1
            args = [decode(a) for a in row["args"]]
            try:
                got = decode(json.loads(json.dumps(encode(EXERCISES[ex](*args)))))
                want = decode(row["expected"])
                if ex in shape_only:
                    why = None if _describe(got) == _describe(want) else f"shapes {_describe(got)} != {_describe(want)}"
                    case += " (shapes)"
                else:
                    why = _close(got, want, compare.get("rtol", 0.0), compare.get("atol", 0.0), compare.get("kind") == "exact")
            except Exception as err:
                why = f"raised {type(err).__name__}: {err}"
            bad += bool(why)
            print(f"{ex:36s} {case:28s} {'ok' if not why else 'MISMATCH: ' + why}")
    print(f"{total - bad}/{total} cases agree")
    return 1 if bad else 0


def main(argv):
    mode = argv[1] if len(argv) > 1 else "serve"
    if mode == "serve":
        return serve()
    if mode == "selftest":
        return selftest()
    if mode == "cases":
        return cases()
    print(f"usage: {argv[0]} [serve|selftest|cases]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
