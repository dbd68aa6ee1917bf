//! # Module 1 — `arrays`: n-dimensional arrays with `ndarray`
//!
//! Every later module of this workbook (linear models, k-means, neural networks) moves data
//! around as arrays, so this one is about the array itself: how to make one, how to pick parts
//! of it out, how to change its shape, and how to summarise it along an axis. If you have used
//! NumPy, each exercise names the NumPy line it replaces; the Rust version is usually just as
//! short once you know which method to reach for.
//!
//! ## What an array is here
//!
//! NumPy has one type, `np.ndarray`, and checks the number of dimensions while the program
//! runs. In `ndarray` the number of dimensions is part of the type: an [`Array1<f64>`] is a
//! vector, an [`Array2<f64>`] a matrix, an [`Array3<f64>`] a stack of matrices. Asking a
//! matrix for `a[[i, j, k]]` is a compile error, not a crash at 3 a.m.
//!
//! An array is a block of memory plus a *shape* (how many elements along each axis) and
//! *strides* (how far to jump in memory to move one step along each axis). The default
//! layout is row-major ("C order", as in NumPy): the last index moves fastest, so the
//! elements of one row sit next to each other.
//!
//! ## Owned arrays and views
//!
//! `Array<T, D>` owns its elements. `ArrayView<T, D>` (from `.view()`, `.slice(...)`,
//! `.row(i)`, `.column(j)`, `.t()`) borrows them: it is a new shape and new strides over the
//! same memory, made in constant time without copying anything. A NumPy slice is also a view,
//! which is the source of the classic "I changed the slice and the original changed too"
//! surprise. Rust makes the choice visible instead: `.slice(...)` gives a read-only view,
//! `.slice_mut(...)` a writable one (and the borrow checker stops you from holding both), and
//! `.to_owned()` makes an independent copy when you need to return or keep the data.
//!
//! ## dtypes are Rust types
//!
//! NumPy's `dtype` is the element type `T` of `Array<T, D>`: `f64` for `float64`, `i64` for
//! `int64`, `u8` for `uint8`, `bool` for boolean masks. Rust never converts between them
//! behind your back: mixing an `Array1<i64>` with an `f64` does not compile. The NumPy
//! `.astype(np.float64)` is `.mapv(|v| v as f64)`, and you have to decide what the conversion
//! means when it can lose information (exercises 4 and 5 are about exactly that). `f32` or
//! `f64` is a choice of memory against precision; exercise 17 writes one function for both.
//!
//! ## About speed, honestly
//!
//! NumPy lessons say "never write a loop": a Python loop handles one boxed object per step and
//! is a hundred times slower than one call into NumPy's C code. That rule does not carry over
//! to Rust. A plain `for` loop over an array compiles to the same kind of machine code that
//! `ndarray`'s own methods contain (they are loops too), and for element-by-element work it is
//! often exactly as fast as the one-line idiom. Use the idiom because it is shorter and says
//! what you mean, not because a loop is slow.
//!
//! The exception is a floating-point **reduction** (a sum, a dot product). `ndarray`'s `.sum()`
//! and `.dot()` on contiguous data add into eight separate accumulators, an unrolled fold that
//! the compiler can turn into SIMD code. A `for` loop with one `acc += v` is a single chain of
//! dependent additions, and the compiler may not reorder floating-point additions to break
//! it: on data already in cache such a loop is several times slower, and it rounds
//! differently. For reductions, call `.sum()`/`.dot()`, or keep several accumulators yourself.
//!
//! And against NumPy itself? `cargo xtask bench --compare` times this course's reference
//! solutions against the same tasks written in NumPy, in one run on one core (README, "Speed
//! against NumPy"). On the course's machine the Rust side is faster on 17 of 24 tasks, and
//! takes 0.74× NumPy's time on average (geometric mean). NumPy wins where its building blocks
//! are better tuned than the plain Rust ones: matrix products and decompositions (its BLAS and
//! LAPACK use AVX-512 and blocked algorithms; `ndlab::linalg::matmul` gets Rust level with it),
//! and `exp` on a million values (vectorised in NumPy, one call per element in Rust). So:
//! idiomatic Rust array code is in NumPy's league, a little ahead on average, not magically
//! ahead everywhere.
//!
//! What does make array code slow, in any language, is the algorithm and the memory traffic:
//! - **Growing an array one element at a time by copying it** (`np.append` or `concatenate`
//!   in a loop): every append copies everything so far, so n appends cost about n²/2 copies.
//! - **Allocating per element**: building a new small array or `Vec` inside the hot loop.
//! - **Repeated passes**: reading a large array k times when one pass could compute all k
//!   answers. Large arrays live in main memory, and reading main memory is the slow part.
//! - **Walking against the layout**: going down the columns of a row-major matrix jumps a
//!   whole row between consecutive reads, so every read lands on a different cache line (and
//!   soon a different memory page), and the CPU cannot fetch ahead for you.
//!
//! Three exercises here (`keep_above`, `column_means`, `count_labels`) are **timed** by the
//! grader on large inputs, with a budget that the idiomatic solution meets (it runs in about
//! a third to a half of the budget) and that the slow patterns above miss. The others are
//! checked for correctness only; for them any clear code is fine. Time your own code in
//! `--release` mode: the workspace compiles `ndarray` with optimisations even in debug
//! builds, but not your own loops, so a debug build makes hand-written loops look far slower
//! than they are.
//!
//! ## Working on the module
//!
//! Replace each `todo!()` with your code. `cargo test -p arrays` runs the public tests at the
//! bottom of this file; the grader runs more cases, including edge cases (empty arrays, NaN,
//! ties, `k = 0`, ...) that every doc comment below describes.
#![allow(unused_variables, unused_imports)]

use ndarray::prelude::*;

// =============================================================================================
// Creating arrays
// =============================================================================================

/// **Exercise 1 — a grid of consecutive numbers.**
///
/// Returns a `rows × cols` matrix holding `0.0, 1.0, 2.0, …` in row-major order: the first row
/// is `0 … cols-1`, the second continues from `cols`, and so on.
///
/// This is the "make a flat sequence, then give it a shape" pattern you will use to build test
/// data in every module. A shape with a zero in it (for example `(0, 5)`) is a valid, empty
/// array.
///
/// - NumPy: `np.arange(rows * cols, dtype=float).reshape(rows, cols)`
/// - ndarray: build a 1-D array (`Array1::from_iter`, or `Array::range` for floats) and give
///   it a shape with `.into_shape_with_order((rows, cols))`; or describe each element
///   directly with `Array2::from_shape_fn`.
/// - Pitfalls: `into_shape_with_order` returns a `Result` (the element count must match the
///   new shape); `Array::range` with float steps can be off by one element for very long
///   ranges because of rounding, so count in integers and convert each value.
/// - Speed: not timed. A loop that pushes `i as f64` into a `Vec` and reshapes it is just as
///   fast: the memory is allocated once.
pub fn grid(rows: usize, cols: usize) -> Array2<f64> {
    todo!()
}

/// **Exercise 2 — evenly spaced points.**
///
/// Returns `n` evenly spaced values from `start` to `stop`, **both included**: the step is
/// `(stop - start) / (n - 1)`. `n = 0` gives an empty array and `n = 1` gives `[start]`.
/// `start > stop` is allowed and gives decreasing values.
///
/// You will use this for plotting grids, learning-rate schedules and bin edges.
///
/// - NumPy: `np.linspace(start, stop, n)`
/// - ndarray: `Array1::linspace`.
/// - Pitfalls: dividing by `n` instead of `n - 1` (the last point then falls short of
///   `stop`; that is `np.linspace(..., endpoint=False)`); dividing by zero when `n = 1`;
///   accumulating `x += step` in a loop, which adds a little rounding error at every step.
///   Compute each point as `start + i * step`.
/// - Speed: not timed.
pub fn linspace(start: f64, stop: f64, n: usize) -> Array1<f64> {
    todo!()
}

/// **Exercise 3 — a checkerboard with stepped slices.**
///
/// Returns an `n × n` matrix with `1.0` where the row index plus the column index is odd and
/// `0.0` elsewhere, so the top-left corner is `0.0`.
///
/// The point of the exercise is *assignment through a slice*: start from zeros, take a
/// writable view of every other row and every other column, and fill it. A step in a slice
/// (`..;2`) is just a larger stride; nothing is copied.
///
/// - NumPy: `b = np.zeros((n, n)); b[::2, 1::2] = 1; b[1::2, ::2] = 1`
/// - ndarray: `Array2::zeros`, then `.slice_mut(s![..;2, 1..;2]).fill(1.0)` and the same for
///   the other half (`s![1..;2, ..;2]`).
/// - Pitfalls: `ndarray` does not clamp slice bounds the way Python does. On an axis of
///   length 0, `s![1..]` panics ("Slice begin 1 is past end of axis of length 0") where NumPy
///   quietly gives an empty slice, so `n = 0` (which must return a 0×0 array) needs care.
///   `n = 1` is the 1×1 matrix `[[0.0]]`.
/// - Speed: not timed. A double loop writing `((i + j) % 2) as f64` is equally good.
pub fn checkerboard(n: usize) -> Array2<f64> {
    todo!()
}

// =============================================================================================
// dtypes
// =============================================================================================

/// **Exercise 4 — the mean of integers is not an integer.**
///
/// Returns the arithmetic mean of `a` as an `f64`, for example `2.5` for `[1, 2, 3, 4]` and
/// `-2.5` for `[-2, -3]`. The mean of an empty array is undefined: return `f64::NAN` (NumPy
/// also returns `nan`, with a warning).
///
/// NumPy quietly switches to floating point when it averages integers. Rust does not: the
/// element type stays `i64` unless you convert it, and integer division truncates toward
/// zero (`10 / 4 == 2`, `-5 / 2 == -2`).
///
/// - NumPy: `a.mean()` (which computes in `float64`, like `a.astype(np.float64).mean()`)
/// - ndarray: convert the elements first with `.mapv(|v| v as f64)`, then `.mean()`, which
///   returns an `Option` (`None` for an empty array).
/// - Pitfalls: `.mean()` on an `Array1<i64>` compiles too, and returns an `Option<i64>`: the
///   `i64` sum divided by the count in integer arithmetic, so the fraction is cut off toward
///   zero (`Some(2)` for `[1, 2, 3, 4]`), silently wrong. Summing in `i64` first and converting
///   afterwards can overflow for large values (the grader tries values near `i64::MAX`);
///   converting each element to `f64` first cannot overflow.
/// - Speed: not timed; any single pass is fine.
pub fn mean_of_ints(a: &Array1<i64>) -> f64 {
    todo!()
}

/// **Exercise 5 — floats to an 8-bit image.**
///
/// Converts a matrix of floats (for example pixel intensities after some processing) into
/// bytes: round each value to the nearest integer, **ties to even** as NumPy does (`0.5 → 0`,
/// `1.5 → 2`, `2.5 → 2`), clip to `0..=255`, and map NaN to `0`. Infinities clip to the nearest
/// end (`+inf → 255`, `-inf → 0`).
///
/// - NumPy: `np.clip(np.round(a), 0, 255).astype(np.uint8)`
/// - ndarray: `.mapv(...)` with `f64::round_ties_even`, `f64::clamp` and an `as u8` cast.
/// - Rust's `as` from a float to an integer is well defined: it drops the fraction (rounds
///   toward zero), saturates at the target's limits (`300.0 as u8 == 255`,
///   `-4.0 as u8 == 0`) and turns NaN into `0`. So `as` already does the clipping and the NaN
///   rule, but not the rounding: `254.9 as u8` is `254`. (In C the same cast of an
///   out-of-range value is undefined behaviour, and NumPy's `astype(np.uint8)` on
///   out-of-range floats gives platform-dependent results, which is why the NumPy line clips
///   first.) Writing the clip explicitly with `clamp` documents your intent; note that
///   `clamp` keeps a NaN as NaN, so the final `as u8` is what sends it to 0.
/// - Pitfalls: `f64::round` rounds ties *away* from zero (`2.5 → 3`), unlike NumPy.
/// - Speed: not timed.
pub fn to_u8_image(a: &Array2<f64>) -> Array2<u8> {
    todo!()
}

// =============================================================================================
// Indexing and slicing
// =============================================================================================

/// **Exercise 6 — every other row and column.**
///
/// Returns the elements at even row and even column indices: rows `0, 2, 4, …` and, within
/// them, columns `0, 2, 4, …`. A 5×4 input gives a 3×2 result; an empty input gives an empty
/// result.
///
/// Taking a stepped slice is free: it is a view with doubled strides over the same memory.
/// Only returning it costs a copy (`.to_owned()`), because the caller gets an owned array.
///
/// - NumPy: `a[::2, ::2]` (plus `.copy()` if you want it independent)
/// - ndarray: `.slice(s![..;2, ..;2])` then `.to_owned()`.
/// - Pitfalls: negative steps are written differently in the two libraries. In NumPy a
///   backwards slice names its start first (`a[4:1:-1]` is indices 4, 3, 2); in `ndarray`
///   the range is always written low to high and a negative step walks it from its end
///   (`s![2..5;-1]` is indices 4, 3, 2). Not needed here, but worth knowing before you
///   translate NumPy code with negative steps.
/// - Speed: not timed.
pub fn every_other(a: &Array2<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 7 — the bottom-right corner.**
///
/// Returns the last `k` rows and, of those, the last `k` columns. If `k` is larger than a
/// side, the whole side is kept (NumPy does the same), so `k = 10` on a 3×5 matrix returns
/// all of it. `k = 0` returns **no** rows and **no** columns: an empty array of shape
/// `(0, 0)`.
///
/// - NumPy: `a[-k:, -k:]`, but see the pitfall about `k = 0`.
/// - ndarray: `.slice(s![r0.., c0..])` with start indices computed as `usize`
///   (`nrows - min(k, nrows)`), then `.to_owned()`; `.nrows()`, `.ncols()`, `.dim()`.
/// - Pitfalls:
///   - `-0` is `0`, so in NumPy `a[-0:]` is the *whole* array, not an empty one. The same
///     happens with `ndarray`'s negative slice indices (`s![-(k as isize)..]`). That is a
///     classic off-by-everything bug in code that takes "the last k" items.
///   - `ndarray` does not clamp: `s![-5..]` on an axis of length 3 panics instead of giving
///     the whole axis. Clamp `k` yourself.
///   - Subtracting `usize` values that can go below zero panics in debug builds and wraps
///     around in release builds; compute `min` first.
/// - Speed: not timed.
pub fn bottom_right(a: &Array2<f64>, k: usize) -> Array2<f64> {
    todo!()
}

/// **Exercise 8 — boolean indexing: keep the values above a threshold.**
///
/// Returns the elements of `x` that are strictly greater than `t`, in their original order.
/// NaN compares false with everything, so a NaN is never kept (and if `t` is NaN, nothing is).
///
/// NumPy builds a boolean mask and indexes with it. `ndarray` has no mask indexing, because
/// the length of the result is not known until the mask has been counted; the idiomatic
/// translation is to iterate, filter and collect into a new array.
///
/// - NumPy: `x[x > t]`
/// - ndarray: `x.iter()`, `.copied()`, `.filter(...)`, then collect with `Array1::from_iter`
///   (or `.collect::<Array1<f64>>()`).
/// - Pitfalls: writing `!(v <= t)` instead of `v > t` keeps the NaNs.
/// - Speed: **timed** (10⁶ values, about half of them kept). Do not grow the result by
///   concatenating one element at a time (`concatenate!` or `np.append` in a loop), nor by
///   converting the array to a `Vec`, pushing and converting back: each of those copies
///   everything kept so far, so keeping m values costs about m²/2 copies, around 10¹¹ here.
///   Collecting from an iterator (or pushing into one `Vec`) grows its buffer by doubling,
///   which costs about one copy per element in total. Allocate the result once, or let
///   `collect` do it.
pub fn keep_above(x: &Array1<f64>, t: f64) -> Array1<f64> {
    todo!()
}

/// **Exercise 9 — a conditional replace: negative values become zero.**
///
/// Returns a copy of `a` in which every value below zero is replaced by `0.0`. Everything else
/// is kept as it is: positive values, zeros (including `-0.0`, which is not below zero) and
/// NaN, which stays NaN (a NaN is not known to be negative, and hiding it would hide a bug
/// upstream).
///
/// This is the ReLU activation you will meet again in the `nn` module.
///
/// - NumPy: `np.where(a < 0, 0, a)`
/// - ndarray: `.mapv(...)` with an `if`; or `.to_owned()` then `.mapv_inplace(...)`;
///   `Zip` when you need several arrays at once.
/// - Pitfalls: `v.max(0.0)` looks like the same thing but returns `0.0` for NaN: Rust's
///   `f64::max` ignores a NaN argument. (NumPy's `np.maximum(a, 0)` propagates NaN;
///   `np.fmax` ignores it, like Rust.)
/// - Speed: not timed. `mapv` is one pass; a loop over `iter_mut()` of a copy is the same.
pub fn clip_negative(a: &Array2<f64>) -> Array2<f64> {
    todo!()
}

/// **Exercise 10 — fancy indexing: pick rows by index.**
///
/// Returns a new matrix whose row `i` is row `idx[i]` of `a`. Indices may repeat and come in
/// any order (`[2, 0, 2]` is fine). An empty `idx` gives shape `(0, ncols)`: zero rows, but
/// still the right number of columns.
///
/// This is how mini-batches are drawn from a shuffled dataset in later modules.
///
/// - NumPy: `a[idx]` (or `a[idx, :]`)
/// - ndarray: `.select(Axis(0), idx)`.
/// - Pitfalls: an index `>= nrows` must panic (NumPy raises an `IndexError`), with a message
///   that names the bad index (the public test checks that it appears). Do not rely on
///   `ndarray`'s own panic inside `.select`: for a matrix it names the index only in debug
///   builds (`cargo test`), and in release builds, which the grader uses, the message may not
///   name it at all. Check explicitly, and do not silently skip or clamp bad indices.
/// - Speed: not timed. Copying the chosen rows is the whole cost, whichever way you do it.
pub fn select_rows(a: &Array2<f64>, idx: &[usize]) -> Array2<f64> {
    todo!()
}

// =============================================================================================
// Reshaping
// =============================================================================================

/// **Exercise 11 — flatten a batch of images.**
///
/// Takes a batch `x` of `N` images of `H × W` pixels, shape `(N, H, W)`, and returns shape
/// `(N, H·W)`: each image becomes one row, read row by row (pixel `(i, j)` of image `b` lands
/// at `[b, i * W + j]`). This is what you do before feeding images to a linear model.
///
/// Reshaping only relabels the elements, reading them in row-major order. When the array is
/// in standard (C-contiguous) layout, that order is the memory order and the reshape needs no
/// copy. When it is not (for example an array that was transposed or had its axes permuted
/// with `.permuted_axes`), memory order and logical order differ and the elements must be
/// copied into the new order. NumPy copies silently in that case; `ndarray` makes you say so.
///
/// - NumPy: `x.reshape(N, -1)`
/// - ndarray: `.into_shape_with_order(...)` (takes the array by value, returns a `Result`,
///   and fails instead of copying when the layout is not standard) after
///   `.as_standard_layout()` (a view if the layout is already standard, a row-major copy
///   otherwise); or `.to_shape(...)`, which does both. `.dim()` gives `(N, H, W)`.
/// - Pitfalls: reading the raw memory (`.as_slice_memory_order()`, `.into_raw_vec...`) and
///   rebuilding an array from it gives the wrong order for a non-standard layout. The grader
///   always passes standard-layout arrays, but the public tests include a permuted one:
///   your code must be right for both.
/// - Speed: not timed.
pub fn flatten_batch(x: &Array3<f64>) -> Array2<f64> {
    todo!()
}

// =============================================================================================
// Aggregation along axes
// =============================================================================================

/// **Exercise 12 — the mean of every column.**
///
/// For an `n × d` matrix (n samples, d features), returns the `d` column means. With zero
/// rows there is nothing to average: the result is `d` NaNs.
///
/// `axis = 0` means "collapse the rows": the result has one value per column.
///
/// - NumPy: `a.mean(axis=0)`
/// - ndarray: `.mean_axis(Axis(0))` (it returns `None` when there are no rows; `.sum_axis`
///   is its sibling).
/// - Pitfalls: `Axis(1)` gives one value per row.
/// - Speed: **timed**, on a 32 000 × 512 matrix (many samples, a few hundred features:
///   128 MB, far larger than the CPU caches). The matrix is row-major: consecutive numbers of
///   one *column* are a whole row (4 KB) apart in memory. Reducing column by column
///   (`for j in 0..d { a.column(j).mean() }`, or `map_axis(Axis(0), |col| col.mean())`,
///   NumPy's `apply_along_axis`) reads one useful 8-byte number per 64-byte cache line and
///   lands on a new memory page at every step, so the hardware cannot fetch ahead; one column
///   touches 2 MB of cache lines, more than the fast caches hold, so the other seven numbers
///   on each line are evicted before the next columns could use them; and each column is one
///   long chain of dependent additions. `mean_axis(Axis(0))` instead adds the matrix row by
///   row into `d` running sums: contiguous reads, each line used whole, and `d` independent
///   additions the CPU overlaps. The column-by-column walk measures 10 to 12 times slower,
///   and the grader's budget sits in between. A loop is fine here too, if it runs over rows:
///   `for row in a.rows() { sums += &row; }`. The size matters: on a square 4000 × 4000
///   matrix the column walk was only about 7 times slower, because one column touches 4000
///   cache lines (256 KB), which are still cached when the next seven columns reuse them.
pub fn column_means(a: &Array2<f64>) -> Array1<f64> {
    todo!()
}

/// **Exercise 13 — per-column mean and standard deviation.**
///
/// For an `n × d` matrix (n samples, d features), returns `(means, stds)`, both of length `d`:
/// the mean of each column and its *population* standard deviation (divide by `n`, not
/// `n - 1`; NumPy's default `ddof = 0`). With zero rows there is nothing to average: both
/// results are `d` NaNs. These are the numbers you need to standardise features later.
///
/// `axis = 0` means "collapse the rows": the result has one value per column.
///
/// - NumPy: `a.mean(axis=0), a.std(axis=0)`
/// - ndarray: `.mean_axis(Axis(0))` (returns `None` when there are no rows) and
///   `.std_axis(Axis(0), 0.0)` (the second argument is `ddof`).
/// - Pitfalls: `std_axis(Axis(0), 1.0)` is the sample standard deviation, not what is asked;
///   `Axis(1)` gives one value per row.
/// - Speed: **not timed**, and here is why. `std_axis` walks the matrix row by row like
///   `mean_axis`, but it updates each running variance with a one-pass (Welford) step: a
///   division and a fused multiply-add per element. That arithmetic, not the memory traffic,
///   dominates its time, so even the column-by-column walk of exercise 12 ends up only 4 to 5
///   times slower than the idiom: a gap too narrow for a verdict that must be fair on a noisy
///   laptop. Write it row-wise anyway (the idiom above), and avoid building a full-size
///   temporary such as `(a - &means)` squared just to get the variance: allocating and filling
///   another matrix as large as the input costs more than the statistics themselves.
pub fn column_stats(a: &Array2<f64>) -> (Array1<f64>, Array1<f64>) {
    todo!()
}

/// **Exercise 14 — the position of the largest value in each row.**
///
/// Returns, for each row, the column index of its largest value: the predicted class when
/// each row holds the scores of one sample. Rules, all as in NumPy:
/// - ties: the **first** (smallest) index wins;
/// - NaN: if a row contains a NaN, the answer is the index of its **first** NaN (NumPy treats
///   NaN as larger than everything, so a NaN is never silently skipped);
/// - a matrix with zero rows gives an empty result; a row of length zero has no largest
///   value, and the function panics (NumPy raises an error).
///
/// - NumPy: `a.argmax(axis=1)`
/// - ndarray: there is no `argmax` in `ndarray` itself; use `.map_axis(Axis(1), |row| ...)`
///   or loop over `.rows()`, and scan each row with `.iter().enumerate()` or
///   `.indexed_iter()`.
/// - Pitfalls: `>=` instead of `>` returns the *last* tie; `f64` is not `Ord`, so
///   `max_by(|a, b| a.partial_cmp(b).unwrap())` panics on NaN, and `total_cmp` orders
///   `-NaN` below everything and prefers the last maximum: neither is NumPy's rule.
/// - Speed: not timed. Rows are contiguous, so a plain loop per row is ideal.
pub fn row_argmax(a: &Array2<f64>) -> Array1<usize> {
    todo!()
}

/// **Exercise 15 — count how often each label occurs.**
///
/// `labels` holds class labels `0 … k-1`. Returns an array of length `k` whose entry `c` is the
/// number of times `c` occurs. Labels that never occur count `0`, and `k` may be larger than
/// any label present (that is NumPy's `minlength`). A label `>= k` is a bug in the caller:
/// panic with a message that names the label and `k`.
///
/// You will use this for class balances, histograms and the cluster sizes of k-means.
///
/// - NumPy: `np.bincount(labels, minlength=k)`
/// - ndarray: there is no `bincount`; start from `Array1::zeros(k)` and add one at
///   `counts[label]` for each label: a single pass.
/// - Pitfalls: indexing `counts[label]` with a bad label panics with an index error that
///   does not say which label was wrong; check first (the public test expects the label in
///   the message).
/// - Speed: **timed** (10⁷ labels, k = 32). The translation of the NumPy habit
///   `[(labels == c).sum() for c in range(k)]`, one boolean mask per class (or one
///   `.filter(...).count()` per class), reads all 80 MB of labels `k` times, and the mask
///   version also allocates and writes a 10 MB temporary per class. Arrays this large live in
///   main memory, so each extra pass costs about as much as the whole useful work. One pass
///   that increments a counter per label reads the data once.
pub fn count_labels(labels: &Array1<usize>, k: usize) -> Array1<usize> {
    todo!()
}

// =============================================================================================
// Dropping an axis, and one function for two float types
// =============================================================================================

/// **Exercise 16 — drop an axis of length one (`np.squeeze`).**
///
/// Returns the `(N, H, W)` array `x` without its axis number `axis` (0, 1 or 2), which must have
/// length 1: a batch of one image `(1, H, W)` becomes the image `(H, W)`; a column of `(N, H, 1)`
/// becomes `(N, H)`. `Err` with a message when `axis > 2` or that axis does not have length 1.
///
/// Shapes with a 1 in them appear all the time: a model's output for one sample, a channel axis
/// of a gray picture, a column kept 2-D for broadcasting. Dropping the axis changes the type
/// (`Array3` to `Array2`), which in Rust is a real change: the compiler then checks that you
/// index with two numbers. The way back is `insert_axis(Axis(k))` (NumPy's `x[:, np.newaxis]`
/// or `np.expand_dims`; in `s![..]` slicing, `NewAxis` does the same).
///
/// - NumPy: `np.squeeze(x, axis=axis)` (it raises when that axis is not of length 1; without
///   `axis=` it drops every axis of length 1, so the rank depends on the data, something a Rust
///   type cannot do: that is what `ArrayD` is for).
/// - ndarray: `x.index_axis(Axis(axis), 0)` is the view of index 0 along that axis, one rank
///   lower; `.to_owned()` makes the result. `remove_axis(Axis(axis))` does the same on an owned
///   array or a view (it panics when the axis is empty, so check the length first).
/// - Pitfalls: `into_shape_with_order` can produce the same shape, but it reshapes the data in
///   row-major order and would happily turn `(2, 1, 3)` into `(3, 2)`; say what you mean.
/// - Edge cases: every axis of length one `(1, 1, 1)`; an empty axis elsewhere `(0, 1, 4)`;
///   an axis of length 0 or 2 (an `Err`).
/// - Signature: `&ArrayRef3<f64>` (ndarray 0.17) is what an owned array and every view
///   dereference to, so callers pass `&a` or `&a.slice(s![..])` and nothing is copied to make
///   the call. Taking `&Array3<f64>` would force a caller holding a view to clone it first;
///   the older exercises of this module keep `&Array…` because they were written before 0.17
///   (`ArrayBase<S, D>` with `S: Data` is the pre-0.17 way to accept both). `ArrayD` (`IxDyn`)
///   is for the rank known only at run time, like NumPy's.
/// - Speed: not timed (one copy of the data).
pub fn squeeze_axis(x: &ArrayRef3<f64>, axis: usize) -> Result<Array2<f64>, String> {
    todo!()
}

/// **Exercise 17 — z-scores for `f32` and `f64` with one generic function.**
///
/// Returns `((x − mean) / std, nbytes)`: the z-scores of `x` (population standard deviation,
/// `ddof = 0`) and the number of bytes the result's elements occupy (NumPy's `z.nbytes`:
/// `len × size_of::<F>()`, 4 bytes per `f32`, 8 per `f64`). When the standard deviation is 0
/// (a constant `x`, or a single value) every z-score is exactly `0`, the course's constant-column
/// rule. An empty `x` gives an empty result and 0 bytes. The grader calls your function twice,
/// with `F = f32` and with `F = f64`.
///
/// **Which float?** `f64` (NumPy's default `float64`) keeps about 16 significant digits and goes
/// up to 1.8·10³⁰⁸; `f32` keeps about 7 (`f32::EPSILON` is 1.2·10⁻⁷ against 2.2·10⁻¹⁶) and half
/// the memory. Half the bytes means half the memory traffic and twice as many numbers per SIMD
/// register, so large memory-bound loops can run up to twice as fast, which is why GPUs and
/// neural networks use `f32` (or less). The price is precision: adding ten million values of
/// size 1 one at a time in `f32` stops growing at 16 777 216 (2²⁴), where adding 1 no longer
/// changes the sum. Statistics, linear algebra and anything with a subtraction of close numbers
/// belong in `f64`; the rest of this course uses `f64`.
///
/// **Generic code.** `ndarray::NdFloat` is the trait that `f32` and `f64` both implement with
/// everything an array of floats needs (`Float` from `num-traits`, the arithmetic operators,
/// scalar broadcasting). Inside a function generic over `F: NdFloat` a literal is not an `F`:
/// write `F::zero()`, `F::one()`, or `F::from(n).unwrap()` for a count (there is no `as F`).
/// Rust compiles one copy of the function per type it is used with, so the generic version is
/// as fast as two hand-written ones.
///
/// **Types and sizes in NumPy and Rust.** NumPy's `x.dtype.itemsize` and `x.nbytes` are
/// `size_of::<F>()` and `x.len() * size_of::<F>()`; `np.finfo(np.float32).eps / .max` are
/// `f32::EPSILON / f32::MAX`, `np.iinfo(np.int16).max` is `i16::MAX`. NumPy promotes mixed
/// types (`np.array([1, 2.0, True])` is `float64`); Rust never does. `np.empty(n)`, an array
/// whose contents are whatever was in memory, is `Array1::uninit(n)` in ndarray, which
/// hands you `MaybeUninit` elements and an `unsafe` `assume_init()` at the end: in safe code,
/// `Array1::zeros(n)` is the answer, and the cost of the zeroing is rarely measurable.
///
/// - NumPy: `z = (x - x.mean()) / x.std()` for `x` of dtype `float32` or `float64`, then `z.nbytes`.
/// - ndarray: `x.sum() / F::from(x.len()).unwrap()` for the mean (`x.mean()` needs one more
///   trait, `FromPrimitive`), `x.mapv(|v| (v - m) * (v - m)).sum()` for the squared deviations,
///   `.sqrt()`, then `x.mapv(|v| (v - m) / sd)`; `std::mem::size_of::<F>()`.
/// - Pitfalls: dividing by a zero standard deviation gives NaN (or ±inf); test it first.
/// - Speed: not timed.
pub fn zscore_float<F: NdFloat>(x: &ArrayRef1<F>) -> (Array1<F>, usize) {
    todo!()
}

/// **Exercise 18 — NumPy's `//` and `%` on integers: floor, not truncation.**
///
/// Returns `(a // b, a % b)` element by element **with NumPy's rules**: the quotient is rounded
/// **down** (towards −∞) and the remainder has the **sign of the divisor** `b`, so that
/// `a == b * q + r` always holds and `0 ≤ r < b` for a positive `b`. `Err` with a message when
/// `b == 0` (NumPy returns 0 with a warning) or when a quotient overflows (`i64::MIN // -1`,
/// which NumPy silently wraps).
///
/// Rust's `/` and `%` on integers **truncate** towards zero: `-7 / 2 == -3` and `-7 % 2 == -1`,
/// where NumPy gives `-4` and `1`. The difference only shows on negative numbers, which is why it
/// survives testing: bucketing timestamps before 1970, wrapping an index `i − 1` at 0 around an
/// array (`np.roll`, periodic boundaries), or putting negative coordinates into grid cells.
/// Rust's `div_euclid`/`rem_euclid` give a remainder that is never negative: the same as NumPy
/// for `b > 0`, **not** for `b < 0` (`7.rem_euclid(-2) == 1`, NumPy's `7 % -2 == -1`).
///
/// The other integer habits worth knowing: `wrapping_add` (what NumPy's fixed-width integers
/// do silently), `checked_add` (an `Option`: `None` on overflow), `saturating_add` (clamp at
/// the type's bounds; `images::brighten` uses it), and in a debug build a plain `+` that
/// overflows panics, while in release it wraps.
///
/// - NumPy: `np.floor_divide(a, b), np.mod(a, b)` (or `np.divmod(a, b)`).
/// - Rust: from the truncating `q = a / b` and `r = a % b`: when `r != 0` and `r` and `b` have
///   opposite signs, step `q` down by one and add `b` to `r`. Or `div_euclid`/`rem_euclid` with
///   a correction for `b < 0`. `checked_div` returns `None` for the overflow and for `b == 0`.
/// - Edge cases: negative `a`, negative `b`, both negative, exact multiples (remainder 0), an
///   empty `a`.
/// - Speed: not timed.
pub fn floor_div_mod(a: &ArrayRef1<i64>, b: i64) -> Result<(Array1<i64>, Array1<i64>), String> {
    todo!()
}

// =============================================================================================
// Public tests: `cargo test -p arrays`
// =============================================================================================

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Equal within a tiny tolerance, NaN equal to NaN, same shape.
    fn assert_close<D: Dimension>(got: &Array<f64, D>, want: &Array<f64, D>) {
        assert_eq!(got.shape(), want.shape(), "shape: got {got}, want {want}");
        for (g, w) in got.iter().zip(want.iter()) {
            let ok = (g.is_nan() && w.is_nan()) || (g - w).abs() <= 1e-12 + 1e-9 * w.abs();
            assert!(ok, "got {got}, want {want}");
        }
    }

    // 1
    #[test]
    fn grid_counts_row_by_row() {
        assert_eq!(grid(2, 3), array![[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]);
        assert_eq!(grid(3, 1), array![[0.0], [1.0], [2.0]]);
        assert_eq!(grid(0, 4).shape(), &[0, 4]);
    }

    // 2
    #[test]
    fn linspace_includes_both_ends() {
        assert_close(&linspace(0.0, 1.0, 5), &array![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_close(&linspace(3.0, -3.0, 3), &array![3.0, 0.0, -3.0]);
    }

    #[test]
    fn linspace_with_zero_or_one_point() {
        assert_eq!(linspace(2.0, 7.0, 0).len(), 0);
        assert_eq!(linspace(2.0, 7.0, 1), array![2.0]);
    }

    // 3
    #[test]
    fn checkerboard_starts_with_zero() {
        assert_eq!(checkerboard(4), array![[0.0, 1.0, 0.0, 1.0], [1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 1.0], [1.0, 0.0, 1.0, 0.0]]);
        assert_eq!(checkerboard(3), array![[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]);
        assert_eq!(checkerboard(1), array![[0.0]]);
    }

    // 4
    #[test]
    fn mean_of_ints_is_not_truncated() {
        assert_eq!(mean_of_ints(&array![1, 2, 3, 4]), 2.5);
        assert_eq!(mean_of_ints(&array![-2, -3]), -2.5);
        assert_eq!(mean_of_ints(&array![7]), 7.0);
    }

    #[test]
    fn mean_of_no_ints_is_nan() {
        assert!(mean_of_ints(&Array1::<i64>::zeros(0)).is_nan());
    }

    // 5
    #[test]
    fn to_u8_image_rounds_and_clips() {
        let a = array![[-3.0, 0.4, 0.6], [254.7, 300.0, 17.2]];
        assert_eq!(to_u8_image(&a), array![[0u8, 0, 1], [255, 255, 17]]);
    }

    #[test]
    fn to_u8_image_rounds_ties_to_even_and_zeroes_nan() {
        let a = array![[0.5, 1.5, 2.5], [f64::NAN, f64::INFINITY, f64::NEG_INFINITY]];
        assert_eq!(to_u8_image(&a), array![[0u8, 2, 2], [0, 255, 0]]);
    }

    // 6
    #[test]
    fn every_other_takes_even_rows_and_columns() {
        let a = grid(5, 4);
        assert_eq!(every_other(&a), array![[0.0, 2.0], [8.0, 10.0], [16.0, 18.0]]);
        assert_eq!(every_other(&array![[1.0]]), array![[1.0]]);
    }

    // 7
    #[test]
    fn bottom_right_takes_the_corner() {
        let a = grid(3, 4);
        assert_eq!(bottom_right(&a, 2), array![[6.0, 7.0], [10.0, 11.0]]);
        assert_eq!(bottom_right(&a, 1), array![[11.0]]);
    }

    #[test]
    fn bottom_right_clamps_large_k_and_k_zero_is_empty() {
        let a = grid(2, 3);
        assert_eq!(bottom_right(&a, 5), a);
        assert_eq!(bottom_right(&a, 3), a);
        assert_eq!(bottom_right(&a, 0).shape(), &[0, 0]);
    }

    // 8
    #[test]
    fn keep_above_keeps_order() {
        let x = array![3.0, -1.0, 5.0, 0.5, 2.0];
        assert_eq!(keep_above(&x, 1.0), array![3.0, 5.0, 2.0]);
        assert_eq!(keep_above(&x, 10.0).len(), 0);
    }

    #[test]
    fn keep_above_is_strict_and_drops_nan() {
        let x = array![1.0, f64::NAN, 2.0, 1.5];
        assert_eq!(keep_above(&x, 1.5), array![2.0]);
        assert_eq!(keep_above(&x, f64::NAN).len(), 0);
    }

    // 9
    #[test]
    fn clip_negative_zeroes_negatives_only() {
        let a = array![[-1.5, 0.0, 2.0], [3.0, -0.25, f64::NAN]];
        assert_close(&clip_negative(&a), &array![[0.0, 0.0, 2.0], [3.0, 0.0, f64::NAN]]);
    }

    // 10
    #[test]
    fn select_rows_repeats_and_reorders() {
        let a = grid(3, 2);
        assert_eq!(select_rows(&a, &[2, 0, 2]), array![[4.0, 5.0], [0.0, 1.0], [4.0, 5.0]]);
        assert_eq!(select_rows(&a, &[]).shape(), &[0, 2]);
    }

    #[test]
    #[should_panic(expected = "7")] // the message must name the bad index
    fn select_rows_rejects_a_bad_index() {
        select_rows(&grid(3, 2), &[0, 7]);
    }

    // 11
    #[test]
    fn flatten_batch_makes_one_row_per_image() {
        let x = Array3::from_shape_vec((2, 2, 2), vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]).unwrap();
        assert_eq!(flatten_batch(&x), array![[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]);
    }

    #[test]
    fn flatten_batch_follows_the_logical_order_of_a_permuted_array() {
        // Memory holds 0..12 as shape (3, 2, 2); after swapping the first two axes the logical
        // shape is (2, 3, 2) and the array is not in standard layout.
        let x = Array3::from_shape_vec((3, 2, 2), (0..12).map(f64::from).collect()).unwrap().permuted_axes([1, 0, 2]);
        assert!(!x.is_standard_layout());
        assert_eq!(flatten_batch(&x), array![[0.0, 1.0, 4.0, 5.0, 8.0, 9.0], [2.0, 3.0, 6.0, 7.0, 10.0, 11.0]]);
    }

    // 12
    #[test]
    fn column_means_collapse_the_rows() {
        let a = array![[1.0, 10.0], [3.0, 10.0], [5.0, 40.0]];
        assert_close(&column_means(&a), &array![3.0, 20.0]);
        assert_close(&column_means(&Array2::zeros((0, 2))), &array![f64::NAN, f64::NAN]);
    }

    // 13
    #[test]
    fn column_stats_uses_ddof_zero() {
        let a = array![[1.0, 10.0], [3.0, 10.0], [5.0, 40.0]];
        let (m, s) = column_stats(&a);
        assert_close(&m, &array![3.0, 20.0]);
        // column 0: deviations -2, 0, 2 -> variance 8/3; column 1: -10, -10, 20 -> 600/3
        assert_close(&s, &array![(8.0f64 / 3.0).sqrt(), 200.0f64.sqrt()]);
    }

    #[test]
    fn column_stats_of_no_rows_is_nan() {
        let (m, s) = column_stats(&Array2::zeros((0, 3)));
        assert_close(&m, &array![f64::NAN, f64::NAN, f64::NAN]);
        assert_close(&s, &array![f64::NAN, f64::NAN, f64::NAN]);
    }

    // 14
    #[test]
    fn row_argmax_prefers_the_first_tie() {
        let a = array![[1.0, 5.0, 5.0], [7.0, -1.0, 2.0], [0.0, 0.0, 0.0]];
        assert_eq!(row_argmax(&a), array![1usize, 0, 0]);
    }

    #[test]
    fn row_argmax_returns_the_first_nan() {
        let a = array![[1.0, f64::NAN, 9.0, f64::NAN], [f64::NAN, 2.0, 3.0, 4.0]];
        assert_eq!(row_argmax(&a), array![1usize, 0]);
    }

    // 15
    #[test]
    fn count_labels_counts_every_class() {
        assert_eq!(count_labels(&array![0usize, 2, 2, 1, 2], 3), array![1usize, 1, 3]);
        assert_eq!(count_labels(&array![1usize, 1], 4), array![0usize, 2, 0, 0]);
        assert_eq!(count_labels(&Array1::zeros(0), 2), array![0usize, 0]);
    }

    #[test]
    #[should_panic(expected = "9")] // the message must name the bad label
    fn count_labels_rejects_a_label_of_k_or_more() {
        count_labels(&array![0usize, 9], 3);
    }

    // 16
    #[test]
    fn squeeze_drops_only_a_length_one_axis() {
        let x = Array3::from_shape_fn((2, 1, 3), |(i, _, k)| (i * 3 + k) as f64);
        assert_eq!(squeeze_axis(&x, 1).unwrap(), array![[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]);
        let err = squeeze_axis(&x, 0).unwrap_err();
        assert!(err.contains("length 2"), "{err}");
        assert!(squeeze_axis(&x, 3).is_err());
        assert_eq!(squeeze_axis(&Array3::zeros((0, 1, 4)), 1).unwrap().dim(), (0, 4));
    }

    // 17
    #[test]
    fn zscores_in_both_float_types() {
        let (z, bytes) = zscore_float(&array![1.0f64, 2.0, 3.0, 4.0]);
        let s = 1.25f64.sqrt();
        assert_close(&z, &array![-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s]);
        assert_eq!(bytes, 32);
        let (z32, bytes32) = zscore_float(&array![1.0f32, 2.0, 3.0, 4.0]);
        assert_eq!(bytes32, 16);
        assert!((z32[0] - (-1.5 / 1.25f32.sqrt())).abs() < 1e-6);
        assert_eq!(zscore_float(&array![7.0f32, 7.0]).0, array![0.0f32, 0.0]);
        assert_eq!(zscore_float(&Array1::<f64>::zeros(0)).1, 0);
        // A strided view goes in as it is (ArrayRef1), no copy needed.
        let every_other = array![1.0f64, 100.0, 2.0, 100.0, 3.0, 100.0, 4.0];
        assert_close(&zscore_float(&every_other.slice(s![..;2])).0, &z);
    }

    // 18
    #[test]
    fn floor_division_and_modulo_as_in_numpy() {
        let a = array![7i64, -7, 6, -6, 0];
        assert_eq!(floor_div_mod(&a, 2).unwrap(), (array![3, -4, 3, -3, 0], array![1, 1, 0, 0, 0]));
        assert_eq!(floor_div_mod(&a, -2).unwrap(), (array![-4, 3, -3, 3, 0], array![-1, -1, 0, 0, 0]));
        assert!(floor_div_mod(&a, 0).is_err());
        assert!(floor_div_mod(&array![i64::MIN], -1).is_err());
    }
}
