//! # Module 3 — `views`: views, copies, strides and windows
//!
//! The `arrays` module treated an array as "a block of memory plus a shape plus strides". This
//! module takes that sentence seriously. Almost every fast array trick (slicing, transposing,
//! reversing, sliding windows, pooling patches) is a *view*: new shape and strides over memory
//! that already exists, made in constant time. Almost every slow or wrong array program either
//! copies when it did not need to, or writes through a view when the caller did not expect it.
//!
//! ## Views and copies, in NumPy and in Rust
//!
//! In NumPy, `b = a[1:3]` is a view: writing `b[0] = 7` changes `a`. That is fast, and it is
//! also the source of a well-known class of silent bugs: a helper that "normalises" its input
//! with `x -= x.mean(0)` changes the caller's data, and nothing complains. `a[[1, 2]]` (fancy
//! indexing), by contrast, is a copy, and writing into it changes nothing. You have to remember
//! which operation gives which.
//!
//! `ndarray` puts the answer in the type:
//! - `Array<T, D>` owns its elements; `.to_owned()` and `.mapv(...)` make a new one.
//! - `ArrayView<T, D>` (`.view()`, `.slice(s![...])`, `.t()`, `.row(i)`, `.windows(...)`)
//!   borrows them read-only. It is a small value (pointer, shape, strides), so functions take
//!   it by value. With a fixed number of dimensions (`ArrayView1`, `ArrayView2`, ...) it is
//!   even `Copy`; `ArrayViewD` (dimensions known only at run time, `IxDyn`, whose shape may
//!   live on the heap) is `Clone` but not `Copy`, so pass it on with `.view()` or `.clone()`.
//! - `ArrayViewMut<T, D>` (`.view_mut()`, `.slice_mut(s![...])`, `.row_mut(i)`) borrows them
//!   writably, and the borrow checker forbids any other view of the same array while it lives.
//! - A function that takes `&Array2<f64>` **cannot** change its argument; one that takes
//!   `&mut Array2<f64>` says in its signature that it will.
//!
//! ## Strides and memory order
//!
//! Element `[i, j]` of a 2-D array lives at `ptr + i * strides[0] + j * strides[1]`
//! (`ndarray` counts strides in elements; NumPy's `a.strides` counts bytes). Row-major
//! ("C order", the default) has strides `(ncols, 1)`: a row is contiguous. Column-major
//! ("Fortran order") has `(1, nrows)`. Transposing swaps the two strides and copies nothing,
//! so the transpose of a C-order matrix is an F-order view. Slicing with a step multiplies a
//! stride; reversing makes it negative and moves the pointer to the last element.
//!
//! Reshaping is the one operation where layout decides between "free" and "copy": the new
//! shape reads the elements in row-major order, and if the strides cannot express that order
//! over the existing memory, the data must be copied. NumPy copies silently; `ndarray` makes
//! you choose (`into_shape_with_order` fails, `to_shape` returns a `CowArray` that tells you).
//!
//! ## About speed, honestly
//!
//! A Rust loop is not slow the way a Python loop is: for element-by-element work, `for` loops,
//! iterator chains and `ndarray`'s own methods all compile to machine code of the same kind.
//! The exception is a floating-point **reduction**: `ndarray`'s `.sum()` and `.dot()` on
//! contiguous data add into eight separate accumulators (an unrolled fold) that the compiler
//! can vectorise, while a `for` loop with one `acc += v` is a single chain of dependent
//! additions that it may not reorder. That loop is several times slower on data already in
//! cache, and it rounds differently. For reductions, call `.sum()`/`.dot()` (or keep several
//! accumulators yourself). What else makes array code slow in Rust is more specific:
//! - **Per-element indexing in hot loops.** `a[[i, j]]` computes `i * s0 + j * s1` and checks
//!   both indices against the shape every time, and the checks stop the compiler from using
//!   SIMD. Iterators, `Zip` and whole-array methods do the index arithmetic once per lane.
//! - **Allocation inside loops**: a fresh `Array` or `Vec` per element or per window.
//! - **Cache-hostile strides**: walking a large row-major matrix down its columns uses one
//!   `f64` out of each 64-byte cache line and jumps a page every few reads (you timed this in
//!   `arrays::column_means`).
//! - **Needless copies**: `.to_owned()` "to be safe", `a = &a * 2.0` where `a *= 2.0` would
//!   do, reshaping a non-contiguous array. A copy of a large array is a full extra pass over
//!   memory plus the cost of touching freshly allocated pages.
//! - **The wrong algorithm**: recomputing each sliding-window sum from scratch is `O(n·w)`;
//!   a running sum is `O(n)`.
//!
//! One exercise is **timed** (`rolling_mean`), and its doc comment explains the mechanism. The
//! in-place update (`scale_rows`) is not, and its doc comment explains why. Time your own
//! experiments with `--release`.
//!
//! ## Working on the module
//!
//! Replace each `todo!()` with your code; `cargo test -p views` runs the public tests at the
//! bottom. The grader adds hidden cases (empty arrays, one row, window 0 or too long, NaN,
//! non-standard layouts) that the doc comments describe. The exercises start with what a view
//! *is* (strides, memory order, when flattening copies), then slice, write through views,
//! build overlapping window views, and only then ask whether two views can overlap.
#![allow(unused_variables, unused_imports)]

use ndarray::prelude::*;
use ndarray::{ShapeBuilder, Zip};

// =============================================================================================
// Strides and memory order
// =============================================================================================

/// **Exercise 1 — strides in bytes, as NumPy reports them.**
///
/// Returns the strides of `a` in **bytes** (one `f64` is 8 bytes), one entry per axis: a
/// row-major 3×4 matrix gives `[32, 8]`, its transpose `[8, 32]`, a reversed view a negative
/// first stride, a view of every other column `[32, 16]`.
///
/// The point is to see that transposing, stepping and reversing only change these numbers.
/// Compare the strides of `a` and of `a.t()` in the public test: same memory, swapped strides.
///
/// - NumPy: `a.strides`
/// - ndarray: `.strides()` (elements, as `isize`), `std::mem::size_of::<f64>()`.
/// - Pitfalls: `.strides()` is in elements, not bytes; negative strides must stay negative
///   (do not convert through `usize`).
/// - Speed: not timed.
pub fn byte_strides(a: ArrayView2<f64>) -> Vec<i64> {
    // BEGIN SOLUTION
    let size = std::mem::size_of::<f64>() as i64;
    a.strides().iter().map(|&s| s as i64 * size).collect()
    // END SOLUTION
}

/// **Exercise 2 — C order, F order, both or neither?**
///
/// Returns `"C"` if `a` is laid out row-major and contiguous, `"F"` if column-major and
/// contiguous, `"CF"` if both (a single row, a single column, 1×1 or empty: with one of the
/// sides of length 1 or 0 the two orders coincide), and `"none"` otherwise (a stepped,
/// reversed or cropped view).
///
/// The grader calls it on a row-major array, on a column-major copy, on a transposed view and
/// on stepped and reversed slices.
///
/// - NumPy: `a.flags['C_CONTIGUOUS']`, `a.flags['F_CONTIGUOUS']`
/// - ndarray: `.is_standard_layout()` is the C test. There is no public F test for views,
///   but an array is F-contiguous exactly when its transpose `.t()` is C-contiguous.
/// - Pitfalls: comparing `.strides()` with `[ncols, 1]` by hand gets the degenerate shapes
///   wrong (for an axis of length 1 the stride does not matter).
/// - Speed: not timed; a constant-time check.
pub fn memory_order(a: ArrayView2<f64>) -> String {
    // BEGIN SOLUTION
    let c = a.is_standard_layout();
    let f = a.t().is_standard_layout();
    match (c, f) {
        (true, true) => "CF",
        (true, false) => "C",
        (false, true) => "F",
        (false, false) => "none",
    }
    .to_string()
    // END SOLUTION
}

/// **Exercise 3 — flatten, and report whether that needed a copy.**
///
/// Returns the elements of `a` in row-major (logical) order as a 1-D array, together with
/// `true` if producing that 1-D array required copying the data and `false` if it could be a
/// view of the existing memory.
///
/// A flat view exists when a single stride walks all elements in row-major order. That is the
/// case for a C-contiguous array, but also for some non-contiguous ones: every other column of
/// a matrix with an even number of columns is still one evenly spaced sequence (stride 2). It
/// is not the case for a transpose or a reversed-rows view of a matrix with several rows and
/// columns. Do not guess from the layout flags: ask the library.
///
/// - NumPy: `b = a.reshape(-1)`; it copied if `not np.shares_memory(a, b)`
///   (`a.ravel()` behaves the same).
/// - ndarray: `.to_shape(n)` returns a `CowArray`: `.is_view()` tells whether it borrowed,
///   and `.to_owned()`/`.into_owned()` gives the array to return.
///   `into_shape_with_order` (on an owned array or a view) instead *fails* when a copy
///   would be needed.
/// - Pitfalls: `.iter().collect()` gives the right elements but cannot tell you about the
///   copy; `!a.is_standard_layout()` is wrong for the stepped case above.
/// - Speed: not timed.
pub fn flatten_report(a: ArrayView2<f64>) -> (Array1<f64>, bool) {
    // BEGIN SOLUTION
    let flat = a.to_shape(a.len()).expect("len() elements always fit a 1-D shape of len()");
    let copied = !flat.is_view();
    (flat.into_owned(), copied)
    // END SOLUTION
}

// =============================================================================================
// Negative and stepped slices
// =============================================================================================

/// **Exercise 4 — translate a backwards NumPy slice.**
///
/// Returns what NumPy's `x[start:stop:-1]` returns for `start, stop >= 0`: the elements at
/// `start, start - 1, …, stop + 1` (`stop` excluded). NumPy clamps `start` to the last index
/// (`x[100:1:-1]` on 5 elements starts at 4), and the result is empty when `start <= stop` or
/// `x` is empty.
///
/// - NumPy: `x[start:stop:-1]`
/// - ndarray: `.slice(s![lo..hi; -1])`. In `ndarray` the range is always written low to high
///   and a negative step walks it *from its end*, so NumPy's `x[4:1:-1]` (indices 4, 3, 2) is
///   `s![2..5; -1]`. Then `.to_owned()`.
/// - Pitfalls: `s![1..4; -1]` is not `x[4:1:-1]` (it is indices 3, 2, 1); `ndarray` panics
///   on bounds past the end instead of clamping; `usize` arithmetic must not go below zero.
/// - Speed: not timed.
pub fn numpy_backward_slice(x: &Array1<f64>, start: usize, stop: usize) -> Array1<f64> {
    // BEGIN SOLUTION
    if x.is_empty() {
        return Array1::zeros(0);
    }
    let start = start.min(x.len() - 1);
    if start <= stop {
        return Array1::zeros(0);
    }
    x.slice(s![stop + 1..start + 1; -1]).to_owned()
    // END SOLUTION
}

/// **Exercise 5 — rotate by 180 degrees, keeping every `k`-th column from the end.**
///
/// Returns `a` with the rows in reverse order and, within each row, the columns read backwards
/// in steps of `k`, starting from the last column: NumPy's `a[::-1, ::-k]`. With `k = 1` this
/// is the 180° rotation of an image. `k = 0` is an error (NumPy raises `ValueError`).
///
/// A negative stride is still a view: the data is not moved until you copy it out.
///
/// - NumPy: `a[::-1, ::-k]` (and `np.rot90(a, 2)` for `k = 1`)
/// - ndarray: `.slice(s![..;-1, ..;-(k as isize)])` then `.to_owned()`.
/// - Pitfalls: `ndarray`'s negative step starts at the end of the range, as NumPy's does
///   here (column `ncols - 1` first); a 0 step panics in `ndarray`, so check `k` first.
/// - Speed: not timed.
pub fn flip_step(a: &Array2<f64>, k: usize) -> Result<Array2<f64>, String> {
    // BEGIN SOLUTION
    if k == 0 {
        return Err("flip_step: the column step k must be at least 1".into());
    }
    Ok(a.slice(s![..;-1, ..;-(k as isize)]).to_owned())
    // END SOLUTION
}

// =============================================================================================
// Writing through mutable views
// =============================================================================================

/// **Exercise 6 — paste a patch into a larger array.**
///
/// Overwrites the block of `x` whose top-left corner is `(r0, c0)` with `patch`, in place.
/// If the patch does not fit entirely (`r0 + patch rows > x rows`, same for columns), returns
/// an error and leaves `x` unchanged. An empty patch always fits if its corner is within
/// `0..=nrows` and `0..=ncols`.
///
/// - NumPy: `x[r0:r0 + h, c0:c0 + w] = patch`
/// - ndarray: `.slice_mut(s![r0..r0 + h, c0..c0 + w])` gives an `ArrayViewMut2` of the block;
///   `.assign(&patch)` copies into it element by element.
/// - Pitfalls: NumPy quietly clips the slice at the edge and then fails with a broadcasting
///   error; `ndarray` panics. Check first. `r0 + h` can overflow for huge `r0`: use
///   `checked_add` or compare `r0 <= nrows - h` after checking `h <= nrows`.
/// - Speed: not timed. `assign` is one copy of the patch; nothing else is touched.
pub fn paste(x: &mut Array2<f64>, patch: &Array2<f64>, r0: usize, c0: usize) -> Result<(), String> {
    // BEGIN SOLUTION
    let (h, w) = patch.dim();
    let (rows, cols) = x.dim();
    let r1 = r0.checked_add(h).filter(|&r1| r1 <= rows);
    let c1 = c0.checked_add(w).filter(|&c1| c1 <= cols);
    match (r1, c1) {
        (Some(r1), Some(c1)) => {
            x.slice_mut(s![r0..r1, c0..c1]).assign(patch);
            Ok(())
        }
        _ => Err(format!("paste: a {h}x{w} patch at ({r0}, {c0}) does not fit in a {rows}x{cols} array")),
    }
    // END SOLUTION
}

/// **Exercise 7 — weight each row, in place.**
///
/// Multiplies row `i` of `x` by `w[i]`, changing `x` itself (for example per-sample weights
/// applied to a feature matrix). Panics if `w.len() != x.nrows()`, with a message that names
/// both lengths.
///
/// - NumPy: `x *= w[:, None]`
/// - ndarray: make `w` a column with `w.view().insert_axis(Axis(1))` (shape `(n, 1)`), then
///   `x.zip_mut_with(&col, |v, &s| *v *= s)`, which broadcasts the column across `x`; or
///   `*x *= &col`; or loop over `x.rows_mut()` zipped with `w`.
/// - Pitfalls: `*x = &*x * &col` gives the same numbers but allocates a whole new matrix,
///   writes it and drops the old one: a needless copy. `ndarray` broadcasting never
///   reshapes `w` for you: a 1-D `w` of length `nrows` broadcasts along the *columns*
///   (and fails unless `nrows == ncols`, where it is silently wrong).
/// - Speed: not timed, although the copy is a real cost: on a 64 MB matrix, timed alone,
///   `*x = &*x * &col` measured about 10× slower than the in-place update (fresh pages to
///   map, a second matrix to write). The grader cannot see that gap: to call your function it
///   must first hand it its own copy of the input, and that copy costs as much as the mistake,
///   which leaves a measured gap of about 2×, too small to time fairly.
pub fn scale_rows(x: &mut Array2<f64>, w: &Array1<f64>) {
    // BEGIN SOLUTION
    assert_eq!(w.len(), x.nrows(), "scale_rows: w has {} weights but x has {} rows", w.len(), x.nrows());
    let col = w.view().insert_axis(Axis(1));
    x.zip_mut_with(&col, |v, &s| *v *= s);
    // END SOLUTION
}

/// **Exercise 8 — standardise the columns, in place.**
///
/// For each column: subtract its mean and divide by its standard deviation (ddof = 0), so that
/// every column ends with mean 0 and standard deviation 1. A matrix with no rows is left as it
/// is. This function is *allowed* to change `x`: its signature says so with `&mut`.
///
/// A column is *constant* when all its values are equal, tested exactly (every value equals the
/// first, or `max == min`), never by comparing a computed standard deviation with 0: the mean
/// of ten `0.1`s is `0.09999999999999999`, so their computed standard deviation is about
/// `1.4e-17`, not 0. A constant column is centred on its value and scaled by 1, so it becomes
/// exactly zeros.
///
/// - NumPy: `const = (x == x[0]).all(axis=0)`, then
///   `x -= np.where(const, x[0], x.mean(axis=0)); x /= np.where(const, 1, x.std(axis=0))`
///   (the standard deviation taken before the subtraction)
/// - ndarray: `.mean_axis(Axis(0))` and `.std_axis(Axis(0), 0.0)` give 1-D arrays of length
///   `ncols`, which broadcast along the rows: `*x -= &centre`, or `zip_mut_with`. For the
///   constancy test compare every row with `x.row(0)` (`Zip` over `x.rows()`), or take each
///   column's minimum and maximum with `fold_axis`.
/// - Pitfalls: compute the statistics before you start changing `x` (or the standard
///   deviation after centring, which gives the same value), not column by column while you
///   overwrite it; `mean_axis` returns `None` for zero rows. `std_axis` is a one-pass
///   (Welford) update that does give exactly 0 for a constant column, but subtracting
///   `mean_axis`'s mean still leaves values like `1.4e-17` behind: the grader checks that
///   constant columns come out as exact zeros.
/// - Speed: not timed. Going column by column through `columns_mut()` works but walks
///   against the row-major layout (you timed that walk in `arrays::column_means`); the
///   broadcast updates go row by row.
pub fn standardize_in_place(x: &mut Array2<f64>) {
    // BEGIN SOLUTION
    let Some(mean) = x.mean_axis(Axis(0)) else {
        return;
    };
    let first = x.row(0).to_owned();
    let mut constant = Array1::from_elem(x.ncols(), true);
    for row in x.rows() {
        Zip::from(&mut constant).and(&row).and(&first).for_each(|c, &v, &f| *c &= v == f);
    }
    let std = x.std_axis(Axis(0), 0.0);
    // A constant column is centred on its own value and scaled by 1: exact zeros.
    let centre = Zip::from(&mean).and(&first).and(&constant).map_collect(|&m, &f, &c| if c { f } else { m });
    let scale = Zip::from(&std).and(&constant).map_collect(|&s, &c| if c { 1.0 } else { s });
    *x -= &centre;
    x.zip_mut_with(&scale, |v, &s| *v /= s);
    // END SOLUTION
}

/// **Exercise 9 — the same preprocessing, without touching the input.**
///
/// Returns the standardised copy of `x` (same rules as exercise 8) and leaves `x` exactly as it
/// was; the grader checks both.
///
/// This is the "silent bug" of NumPy preprocessing: `def standardize(x): x -= x.mean(0); ...`
/// looks like it returns a new array, but `-=` writes into the caller's array, so the raw
/// training data changes under the caller's feet (and a second call standardises twice). In
/// Rust the signature rules that out: through `&Array2<f64>` nothing can be written. You make
/// the copy explicitly, once, and can reuse the in-place version on it.
///
/// - NumPy: `x = x - x.mean(0)` (a new array), or `x = x.copy()` first
/// - ndarray: `let mut y = x.to_owned();` then `standardize_in_place(&mut y)`.
/// - Pitfalls: making a copy per column or per step (`x.to_owned()` inside a loop) is the
///   Rust way to make this slow; one copy is all the function needs.
/// - Speed: not timed. The one copy is the price of not mutating the input.
pub fn standardized(x: &Array2<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    let mut y = x.to_owned();
    standardize_in_place(&mut y);
    y
    // END SOLUTION
}

// =============================================================================================
// Sliding windows: views that overlap
// =============================================================================================

/// **Exercise 10 — all windows of length `w`, one per row.**
///
/// Returns the matrix whose row `i` is `x[i..i + w]`: `n - w + 1` rows of `w` values. `w = 0`
/// is an error; `w > n` gives no rows: shape `(0, w)` (NumPy raises an error there instead).
///
/// The rows overlap, so as a view this matrix needs no new memory at all: it is the 1-D data
/// with strides `(1, 1)` (one element down *and* one element right). NumPy builds exactly that
/// view; here you return an owned copy, which does cost `(n - w + 1) · w` elements.
///
/// - NumPy: `np.lib.stride_tricks.sliding_window_view(x, w)`
/// - ndarray: `x.windows(w)` yields each window as an `ArrayView1`; or build the overlapping
///   view directly with `ArrayView2::from_shape((n - w + 1, w).strides((1, 1)), slice)`
///   (read-only views may overlap; `x.as_slice()` gives the slice of a contiguous `x`), then
///   `.to_owned()`.
/// - Pitfalls: `n - w + 1` underflows when `w > n + 1`.
/// - Speed: not timed; the output is `w` times larger than the input, so keep `w` small.
pub fn sliding_windows(x: &Array1<f64>, w: usize) -> Result<Array2<f64>, String> {
    // BEGIN SOLUTION
    if w == 0 {
        return Err("sliding_windows: the window length must be at least 1".into());
    }
    let n = x.len();
    if w > n {
        return Ok(Array2::zeros((0, w)));
    }
    let data = x.as_standard_layout();
    let flat = data.as_slice().expect("standard layout is contiguous");
    let view = ArrayView2::from_shape((n - w + 1, w).strides((1, 1)), flat).map_err(|e| e.to_string())?;
    Ok(view.to_owned())
    // END SOLUTION
}

/// **Exercise 11 — a Toeplitz matrix from a window view.**
///
/// Returns the `m × n` Toeplitz matrix with first column `c` (length `m`) and first row `r`
/// (length `n`): `T[i, j] = c[i - j]` when `i >= j`, `r[j - i]` when `j > i`; every diagonal
/// is constant. As in SciPy, `r[0]` is ignored (`c[0]` wins). If `c` or `r` is empty, the
/// result has shape `(m, n)` with no elements.
///
/// Stride trick: put the values in one vector `v = [c[m-1], …, c[1], c[0], r[1], …, r[n-1]]`.
/// Row `i` of `T` is the window `v[m-1-i .. m-1-i+n]`. So `T` is the window view of `v`
/// (exercise 10) with its rows in reverse order: a reversed, overlapping view.
///
/// - NumPy/SciPy: `scipy.linalg.toeplitz(c, r)`
/// - ndarray: build `v` (`c.slice(s![..;-1])`, `r.slice(s![1..])`, `concatenate!` or
///   `Array1::from_iter(... .chain(...))`), take the windows of length `n` as in exercise 10,
///   then `.slice(s![..;-1, ..])` and `.to_owned()`. `Array2::from_shape_fn` with the formula
///   is a fine cross-check.
/// - Pitfalls: `i - j` on `usize` underflows; which of `c[0]`, `r[0]` wins.
/// - Speed: not timed.
pub fn toeplitz(c: &Array1<f64>, r: &Array1<f64>) -> Array2<f64> {
    // BEGIN SOLUTION
    let (m, n) = (c.len(), r.len());
    if m == 0 || n == 0 {
        return Array2::zeros((m, n));
    }
    let v = Array1::from_iter(c.slice(s![..;-1]).iter().chain(r.slice(s![1..]).iter()).copied());
    let flat = v.as_slice().expect("a fresh Array1 is contiguous");
    let windows = ArrayView2::from_shape((m, n).strides((1, 1)), flat).expect("m + n - 1 values hold m windows of n");
    windows.slice(s![..;-1, ..]).to_owned()
    // END SOLUTION
}

// =============================================================================================
// Sharing memory
// =============================================================================================

/// **Exercise 12 — could two views share memory?**
///
/// Returns `true` when the memory spans of `a` and `b` overlap. The span of a view is the byte
/// range from its lowest to its highest element address (plus the size of one `f64`): start
/// at `a.as_ptr()` and, for each axis, add `(len - 1) * stride` elements to the high end when
/// the stride is positive, to the low end when it is negative. Two spans overlap when each
/// starts before the other ends. A view with no elements touches no memory and overlaps
/// nothing.
///
/// The window views of exercises 10 and 11 really do share elements. Before you read one view
/// while writing another, you want to know whether that can happen, and this bounds test
/// answers "could they?" in a few arithmetic operations. It is *conservative*: it can say
/// `true` for views that share no element. The odd columns and the even columns of a matrix
/// interleave, so their spans overlap although no element belongs to both; the public case
/// `odd_column_vs_even_columns` expects `true` there.
///
/// - NumPy: `np.may_share_memory(a, b)`, the same bounds test. NumPy's `np.shares_memory(a, b)`
///   is a different function: it is *exact* (it searches for an element both views reach,
///   which can take exponential time, hence its `max_work` argument) and returns `False` for
///   the interleaved columns, where this function and `np.may_share_memory` return `true`.
/// - ndarray: `.as_ptr()`, `.shape()`, `.strides()` (in elements, `isize`), `.is_empty()`;
///   compare addresses as integers (`ptr as usize`), never dereference them. The function is
///   generic over the dimension, so `a` and `b` may have different numbers of axes.
/// - Pitfalls: reversed views have negative strides and point at their *last* memory element;
///   an owned copy (`.to_owned()`) never overlaps its source; strides are in elements, so
///   multiply by `size_of::<f64>()` for bytes (or count everything in elements).
/// - Speed: not timed; the answer costs a few arithmetic operations, whatever the size.
pub fn may_share_memory<D: Dimension, E: Dimension>(a: ArrayView<f64, D>, b: ArrayView<f64, E>) -> bool {
    // BEGIN SOLUTION
    fn span<D: Dimension>(v: &ArrayView<f64, D>) -> Option<(isize, isize)> {
        if v.is_empty() {
            return None;
        }
        let size = std::mem::size_of::<f64>() as isize;
        let start = v.as_ptr() as isize;
        let (mut lo, mut hi) = (start, start);
        for (&len, &stride) in v.shape().iter().zip(v.strides()) {
            let reach = (len as isize - 1) * stride * size;
            if reach < 0 {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        Some((lo, hi + size))
    }
    match (span(&a), span(&b)) {
        (Some((alo, ahi)), Some((blo, bhi))) => alo < bhi && blo < ahi,
        _ => false,
    }
    // END SOLUTION
}

// =============================================================================================
// Reductions over windows
// =============================================================================================

/// **Exercise 13 — the largest value of each window.**
///
/// Returns, for each window `x[i..i + w]`, its maximum: `n - w + 1` values. If a window
/// contains a NaN, its maximum is NaN (as in NumPy's `max`). `w = 0` is an error; `w > n`
/// gives an empty array.
///
/// - NumPy: `sliding_window_view(x, w).max(axis=1)`
/// - ndarray: `x.windows(w)` and a fold over each window (`fold(f64::NEG_INFINITY, ...)`),
///   collected with `Array1::from_iter` or `.map(...)`.
/// - Pitfalls: `f64::max` ignores NaN (`NaN.max(1.0) == 1.0`), so a fold with `f64::max`
///   hides the NaN; propagate it explicitly.
/// - Speed: not timed. This is `O(n·w)`; for small windows that is fine. (An `O(n)` version
///   exists, with a monotone deque, but unlike the mean there is no cheap running total.)
pub fn window_max(x: &Array1<f64>, w: usize) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    if w == 0 {
        return Err("window_max: the window length must be at least 1".into());
    }
    Ok(Array1::from_iter(x.windows(w).into_iter().map(|win| win.fold(f64::NEG_INFINITY, |m, &v| if v.is_nan() || m.is_nan() { f64::NAN } else { m.max(v) }))))
    // END SOLUTION
}

/// **Exercise 14 — the rolling mean in `O(n)`.**
///
/// Returns the mean of each window `x[i..i + w]`: `n - w + 1` values. `w = 0` is an error;
/// `w > n` gives an empty array. The grader's inputs hold no NaN (see the pitfall).
///
/// Recomputing each window's sum from scratch costs `w` additions per output: `n·w` in all.
/// Consecutive windows share `w - 1` elements, so keep a running sum instead: add the element
/// that enters, subtract the one that leaves. Equivalently, with the cumulative sums
/// `S[k] = x[0] + … + x[k-1]` (and `S[0] = 0`), window `i` sums to `S[i + w] - S[i]`.
///
/// - NumPy: `c = np.concatenate([[0], np.cumsum(x)]); (c[w:] - c[:-w]) / w`
/// - ndarray: a loop that carries the running sum, writing into a preallocated
///   `Array1::zeros(n - w + 1)`; or the cumulative sums (`accumulate_axis_inplace`, or a
///   `scan`) and the difference of two shifted slices (`&s.slice(s![w..]) - &s.slice(s![..-w])`).
/// - Pitfalls: one NaN poisons the running sum for every later window (a window version
///   would not): fine here, but know it. Rounding errors also accumulate slowly along a very
///   long running sum; the grader's tolerance allows for it.
/// - Speed: **timed** (10⁷ values, `w = 1000`). Summing every window (`x.windows(w)` then
///   `.sum()`, or a double loop) does 10¹⁰ additions and takes seconds; the running sum does
///   two per output and is limited by reading 80 MB and writing 80 MB. For small windows the
///   gap nearly closes: with `w = 50` the window sums measured only about 3× slower (they
///   read data that is already in cache, and summing 50 cached values costs about as much as
///   fetching one new cache line), so the `O(n·w)` version only really loses once `w` is large.
pub fn rolling_mean(x: &Array1<f64>, w: usize) -> Result<Array1<f64>, String> {
    // BEGIN SOLUTION
    if w == 0 {
        return Err("rolling_mean: the window length must be at least 1".into());
    }
    let n = x.len();
    if w > n {
        return Ok(Array1::zeros(0));
    }
    let mut out = Array1::<f64>::zeros(n - w + 1);
    let mut sum: f64 = x.slice(s![..w]).sum();
    let scale = 1.0 / w as f64;
    out[0] = sum * scale;
    let entering = x.slice(s![w..]);
    let leaving = x.slice(s![..n - w]);
    Zip::from(out.slice_mut(s![1..])).and(&entering).and(&leaving).for_each(|o, &add, &sub| {
        sum += add - sub;
        *o = sum * scale;
    });
    Ok(out)
    // END SOLUTION
}

// =============================================================================================
// 2-D patches and axis order
// =============================================================================================

/// **Exercise 15 — average pooling with patch views.**
///
/// Splits `a` into non-overlapping `k × k` patches, starting at the top-left corner, and
/// returns the mean of each: shape `(nrows / k, ncols / k)`. Rows and columns left over at the
/// bottom and right edges (when `k` does not divide the size) are dropped, as in a CNN pooling
/// layer without padding. `k = 0` is an error.
///
/// - NumPy: `a[:h*k, :w*k].reshape(h, k, w, k).mean(axis=(1, 3))` with `h, w = nrows//k, ncols//k`
/// - ndarray: `.exact_chunks((k, k))` is a producer of `k × k` patch views that drops the
///   edges; `Zip::from(a.exact_chunks((k, k))).map_collect(|p| ...)` builds the output with
///   the right shape. Each patch is a view: no patch is copied.
/// - Pitfalls: `.exact_chunks` panics for `k = 0`; `.mean()` returns an `Option`.
/// - Speed: not timed. A four-level index loop is correct too, but with bounds-checked
///   `a[[i, j]]` indexing it is several times slower than iterating over each patch.
pub fn avg_pool(a: &Array2<f64>, k: usize) -> Result<Array2<f64>, String> {
    // BEGIN SOLUTION
    if k == 0 {
        return Err("avg_pool: the patch size k must be at least 1".into());
    }
    let area = (k * k) as f64;
    Ok(Zip::from(a.exact_chunks((k, k))).map_collect(|patch| patch.sum() / area))
    // END SOLUTION
}

/// **Exercise 16 — channels last to channels first.**
///
/// `batch` is a batch of images stored "channels last", shape `(N, H, W, C)` (NHWC: how
/// images are loaded and how TensorFlow lays them out). Returns the same batch "channels
/// first", shape `(N, C, H, W)` (NCHW: what PyTorch's convolutions expect), in standard
/// (row-major, C-contiguous) layout: `out[[n, c, i, j]] == batch[[n, i, j, c]]`.
///
/// Two steps with very different costs. Reordering the axes is free: it is a view with the
/// same memory and permuted shape and strides (the 4-D version of a transpose). But that view
/// is not contiguous, so code that needs each channel as one contiguous `H × W` block (a
/// convolution kernel, a reshape to `(N·C, H·W)`, a buffer handed to C) still needs a copy
/// that writes the elements in the new order. The copy is the whole cost; the grader checks
/// the values *and* that the array you return is in standard layout.
///
/// - NumPy: `np.ascontiguousarray(x.transpose(0, 3, 1, 2))` (`transpose` alone is a view;
///   `.copy()` would also do, since NumPy copies into C order by default)
/// - ndarray: `.view().permuted_axes([0, 3, 1, 2])` (it consumes what you call it on, so
///   permute a view or a clone), then `.as_standard_layout()` (a `CowArray`: borrowed when the
///   layout is already standard, a row-major copy otherwise) and `.into_owned()`.
/// - Pitfalls: `.to_owned()` is not NumPy's `.copy()`: on a view whose elements fill one
///   block of memory, such as this permuted one, it copies the memory as it is and *keeps
///   the permuted strides*, so the result has the right values but is not contiguous in the
///   new order. `into_shape_with_order((n, c, h, w))` on the original data gives the right
///   shape and the wrong values (it relabels, it does not move anything). An empty batch
///   (`N = 0`) gives shape `(0, C, H, W)`.
/// - Speed: not timed. The copy is one pass over the batch; the reads of `as_standard_layout`
///   jump `C` elements apart, which for small `C` stays within the same cache lines.
pub fn channels_first(batch: &Array4<f64>) -> Array4<f64> {
    // BEGIN SOLUTION
    batch.view().permuted_axes([0, 3, 1, 2]).as_standard_layout().into_owned()
    // END SOLUTION
}

// =============================================================================================
// A stencil from shifted views
// =============================================================================================

/// **Exercise 17 — one step of the Game of Life, from eight shifted views.**
///
/// `board` holds `1` for a live cell and `0` for a dead one. Returns the next generation
/// (Conway's rules): a live cell with 2 or 3 live neighbours (of its 8) stays alive, a dead
/// cell with exactly 3 becomes alive, every other cell is dead. Cells outside the board count as
/// dead (the board does not wrap around). Any value other than 0 and 1 on the board is an `Err`.
///
/// This is the classic "uniform vectorisation" of a stencil, as Nicolas Rougier's *From Python
/// to NumPy* teaches it. Pad the board with a border of zeros, `(h + 2) × (w + 2)`; then the
/// neighbour counts are the sum of **eight views** of the padded board, each shifted by one of
/// the offsets `(di, dj) ∈ {0, 1, 2}² \ {(1, 1)}`: `padded.slice(s![di..di + h, dj..dj + w])`.
/// No view copies anything, and each addition runs over whole arrays. The same pattern gives
/// a discrete Laplacian (`up + down + left + right − 4·centre`), a blur, or a heat-equation
/// step, without any convolution machinery.
///
/// - NumPy: `Z = np.pad(board, 1); N = sum(Z[1+di:Z.shape[0]-1+di, 1+dj:Z.shape[1]-1+dj] for
///   (di, dj) in offsets if (di, dj) != (0, 0))` with offsets in `-1..=1`, then `(N == 3) |
///   ((board == 1) & (N == 2))`.
/// - ndarray: `let mut padded = Array2::<u8>::zeros((h + 2, w + 2));
///   padded.slice_mut(s![1..=h, 1..=w]).assign(board);` then `n += &padded.slice(...)` eight
///   times into an `Array2<u8>` of zeros (at most 8: a `u8` is enough), and
///   `Zip::from(board).and(&n).map_collect(...)` for the rule.
/// - About speed: in NumPy the eight slices are the difference between a Python loop over
///   cells and C loops. In Rust a double loop over the cells with eight bounds-checked reads is
///   about as fast; the views version is shorter and has no index arithmetic to get wrong. Not
///   timed.
/// - Signature: `&ArrayRef2<u8>` (ndarray 0.17) takes an owned array (`&a`) or any view
///   (`&a.slice(s![..])`, `&a.view()`) without a copy: both dereference to it.
/// - Edge cases: an empty board; a 1 × 1 board; a blinker (period 2) and a block (still life).
pub fn life_step(board: &ArrayRef2<u8>) -> Result<Array2<u8>, String> {
    // BEGIN SOLUTION
    if let Some(v) = board.iter().find(|&&v| v > 1) {
        return Err(format!("life_step: a cell holds {v}; cells are 0 (dead) or 1 (alive)"));
    }
    let (h, w) = board.dim();
    let mut padded = Array2::<u8>::zeros((h + 2, w + 2));
    padded.slice_mut(s![1..=h, 1..=w]).assign(board);
    let mut n = Array2::<u8>::zeros((h, w));
    for di in 0..3 {
        for dj in 0..3 {
            if (di, dj) != (1, 1) {
                n += &padded.slice(s![di..di + h, dj..dj + w]);
            }
        }
    }
    Ok(Zip::from(board).and(&n).map_collect(|&alive, &k| u8::from(k == 3 || (alive == 1 && k == 2))))
    // END SOLUTION
}

// =============================================================================================
// Public tests: `cargo test -p views`
// =============================================================================================

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn assert_close<D: Dimension>(got: &Array<f64, D>, want: &Array<f64, D>) {
        assert_eq!(got.shape(), want.shape(), "shape: got {got}, want {want}");
        for (g, w) in got.iter().zip(want.iter()) {
            let ok = (g.is_nan() && w.is_nan()) || (g - w).abs() <= 1e-12 + 1e-9 * w.abs();
            assert!(ok, "got {got}, want {want}");
        }
    }

    fn grid(r: usize, c: usize) -> Array2<f64> {
        Array2::from_shape_fn((r, c), |(i, j)| (i * c + j) as f64)
    }

    fn fortran(a: &Array2<f64>) -> Array2<f64> {
        a.t().as_standard_layout().into_owned().reversed_axes()
    }

    // 1
    #[test]
    fn transpose_swaps_the_strides() {
        let a = grid(3, 4);
        assert_eq!(byte_strides(a.view()), vec![32, 8]);
        assert_eq!(byte_strides(a.t()), vec![8, 32]);
        assert_eq!(byte_strides(a.slice(s![..;-1, ..;2])), vec![-32, 16]);
    }

    // 2
    #[test]
    fn memory_order_of_views() {
        let a = grid(3, 4);
        assert_eq!(memory_order(a.view()), "C");
        assert_eq!(memory_order(a.t()), "F");
        assert_eq!(memory_order(fortran(&a).view()), "F");
        assert_eq!(memory_order(a.slice(s![.., ..;2])), "none");
        assert_eq!(memory_order(a.slice(s![1..2, ..])), "CF");
    }

    // 3
    #[test]
    fn flatten_report_detects_copies() {
        let a = grid(2, 3);
        assert_eq!(flatten_report(a.view()), (array![0.0, 1.0, 2.0, 3.0, 4.0, 5.0], false));
        assert_eq!(flatten_report(a.t()), (array![0.0, 3.0, 1.0, 4.0, 2.0, 5.0], true));
        let b = grid(2, 4);
        assert_eq!(flatten_report(b.slice(s![.., ..;2])), (array![0.0, 2.0, 4.0, 6.0], false));
    }

    // 4
    #[test]
    fn numpy_backward_slice_matches_numpy() {
        let x = array![0.0, 1.0, 2.0, 3.0, 4.0];
        assert_eq!(numpy_backward_slice(&x, 4, 1), array![4.0, 3.0, 2.0]);
        assert_eq!(numpy_backward_slice(&x, 100, 2), array![4.0, 3.0]);
        assert_eq!(numpy_backward_slice(&x, 1, 1).len(), 0);
    }

    // 5
    #[test]
    fn flip_step_reverses_both_axes() {
        let a = grid(2, 5);
        assert_eq!(flip_step(&a, 1).unwrap(), array![[9.0, 8.0, 7.0, 6.0, 5.0], [4.0, 3.0, 2.0, 1.0, 0.0]]);
        assert_eq!(flip_step(&a, 2).unwrap(), array![[9.0, 7.0, 5.0], [4.0, 2.0, 0.0]]);
        assert!(flip_step(&a, 0).is_err());
    }

    // 6
    #[test]
    fn paste_writes_the_block_only() {
        let mut x = Array2::zeros((3, 4));
        paste(&mut x, &array![[1.0, 2.0], [3.0, 4.0]], 1, 2).unwrap();
        assert_eq!(x, array![[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 2.0], [0.0, 0.0, 3.0, 4.0]]);
    }

    #[test]
    fn paste_refuses_what_does_not_fit_and_leaves_x_alone() {
        let mut x = grid(3, 3);
        assert!(paste(&mut x, &Array2::ones((2, 2)), 2, 0).is_err());
        assert_eq!(x, grid(3, 3));
    }

    // 7
    #[test]
    fn scale_rows_changes_x() {
        let mut x = grid(2, 3);
        scale_rows(&mut x, &array![2.0, -1.0]);
        assert_eq!(x, array![[0.0, 2.0, 4.0], [-3.0, -4.0, -5.0]]);
    }

    #[test]
    #[should_panic(expected = "3")]
    fn scale_rows_rejects_a_wrong_length() {
        scale_rows(&mut grid(2, 2), &array![1.0, 2.0, 3.0]);
    }

    // 8, 9
    #[test]
    fn standardize_in_place_and_copy() {
        let x = array![[1.0, 5.0], [3.0, 5.0], [5.0, 5.0]];
        let s = (8.0f64 / 3.0).sqrt();
        let want = array![[-2.0 / s, 0.0], [0.0, 0.0], [2.0 / s, 0.0]];
        let y = standardized(&x);
        assert_close(&y, &want);
        assert_eq!(x, array![[1.0, 5.0], [3.0, 5.0], [5.0, 5.0]]); // untouched
        let mut z = x.clone();
        standardize_in_place(&mut z);
        assert_close(&z, &want);
    }

    #[test]
    fn a_constant_column_of_tenths_becomes_exact_zeros() {
        // The mean of ten 0.1s is 0.09999999999999999, not 0.1.
        let x = Array2::from_shape_fn((10, 2), |(i, j)| if j == 0 { 0.1 } else { i as f64 });
        let y = standardized(&x);
        assert!(y.column(0).iter().all(|&v| v == 0.0), "constant column: {}", y.column(0));
        assert!((y.column(1).mean().unwrap()).abs() < 1e-12);
    }

    // 10
    #[test]
    fn sliding_windows_overlap() {
        let x = array![1.0, 2.0, 3.0, 4.0];
        assert_eq!(sliding_windows(&x, 3).unwrap(), array![[1.0, 2.0, 3.0], [2.0, 3.0, 4.0]]);
        assert_eq!(sliding_windows(&x, 5).unwrap().shape(), &[0, 5]);
        assert!(sliding_windows(&x, 0).is_err());
    }

    // 11
    #[test]
    fn toeplitz_has_constant_diagonals() {
        let t = toeplitz(&array![1.0, 2.0, 3.0], &array![9.0, 5.0, 6.0, 7.0]);
        assert_eq!(t, array![[1.0, 5.0, 6.0, 7.0], [2.0, 1.0, 5.0, 6.0], [3.0, 2.0, 1.0, 5.0]]);
    }

    // 12
    #[test]
    fn may_share_memory_of_slices_and_copies() {
        let a = grid(4, 5);
        assert!(may_share_memory(a.row(1), a.column(2)));
        assert!(may_share_memory(a.slice(s![..2, ..]), a.slice(s![1..3, ..])));
        assert!(!may_share_memory(a.slice(s![..2, ..]), a.slice(s![2.., ..])));
        assert!(may_share_memory(a.slice(s![..;-1, ..]), a.row(3)));
        let b = a.slice(s![1..3, ..]).to_owned();
        assert!(!may_share_memory(a.view(), b.view()));
    }

    #[test]
    fn may_share_memory_is_conservative_for_interleaved_columns() {
        // The odd and the even columns share no element (NumPy's exact `np.shares_memory` says
        // False), but their spans overlap, so the bounds test says "may share".
        let a = grid(4, 6);
        assert!(may_share_memory(a.slice(s![.., 1..;2]), a.slice(s![.., ..;2])));
    }

    // 13
    #[test]
    fn window_max_propagates_nan() {
        let x = array![1.0, 3.0, 2.0, f64::NAN, 0.0];
        assert_close(&window_max(&x, 2).unwrap(), &array![3.0, 3.0, f64::NAN, f64::NAN]);
        assert_close(&window_max(&x, 1).unwrap(), &x);
    }

    // 14
    #[test]
    fn rolling_mean_of_windows() {
        let x = array![1.0, 2.0, 3.0, 4.0, 10.0];
        assert_close(&rolling_mean(&x, 2).unwrap(), &array![1.5, 2.5, 3.5, 7.0]);
        assert_close(&rolling_mean(&x, 5).unwrap(), &array![4.0]);
        assert_eq!(rolling_mean(&x, 6).unwrap().len(), 0);
        assert!(rolling_mean(&x, 0).is_err());
    }

    // 15
    #[test]
    fn avg_pool_drops_the_edges() {
        let a = grid(3, 5);
        assert_close(&avg_pool(&a, 2).unwrap(), &array![[3.0, 5.0]]);
        assert_close(&avg_pool(&a, 1).unwrap(), &a);
        assert!(avg_pool(&a, 0).is_err());
    }

    // 16
    #[test]
    fn channels_first_moves_the_channel_axis() {
        // two 2x3 images with 2 channels: value = 100 n + 10 (row * 3 + col) + channel
        let x = Array4::from_shape_fn((2, 2, 3, 2), |(n, i, j, c)| (100 * n + 10 * (i * 3 + j) + c) as f64);
        let y = channels_first(&x);
        assert_eq!(y.shape(), &[2, 2, 2, 3]);
        assert!(y.is_standard_layout(), "the result must be contiguous in (N, C, H, W) order");
        assert_eq!(y.slice(s![1, 1, .., ..]), array![[101.0, 111.0, 121.0], [131.0, 141.0, 151.0]]);
        for ((n, c, i, j), &v) in y.indexed_iter() {
            assert_eq!(v, x[[n, i, j, c]]);
        }
        assert_eq!(channels_first(&Array4::zeros((0, 4, 4, 3))).shape(), &[0, 3, 4, 4]);
    }

    // 17
    #[test]
    fn life_blinker_and_block() {
        let blinker = array![[0u8, 0, 0], [1, 1, 1], [0, 0, 0]];
        let turned = life_step(&blinker).unwrap();
        assert_eq!(turned, array![[0u8, 1, 0], [0, 1, 0], [0, 1, 0]]);
        assert_eq!(life_step(&turned).unwrap(), blinker);
        let block = array![[1u8, 1], [1, 1]];
        assert_eq!(life_step(&block).unwrap(), block);
        assert!(life_step(&array![[2u8]]).is_err());
        assert_eq!(life_step(&Array2::zeros((0, 4))).unwrap().dim(), (0, 4));
    }
}
