// How the judge calls each `views` exercise. `sub` is the submission's crate. Arguments arrive
// as owned standard-layout arrays; the exercises about layout get a view built here (`how`).
use ndarray::prelude::*;
use ndlab_runtime::Table;

/// Calls `f` on `a` seen through the layout named by `how`: "C" (as given), "F" (a column-major
/// copy), "T" (the transpose view), "step2" (every other column), "rev" (rows reversed),
/// "crop" (rows and columns from 1 on).
fn with_layout<R>(a: &Array2<f64>, how: &str, f: impl FnOnce(ArrayView2<f64>) -> R) -> R {
    match how {
        "C" => f(a.view()),
        "F" => {
            let fa = a.t().as_standard_layout().into_owned().reversed_axes();
            f(fa.view())
        }
        "T" => f(a.t()),
        "step2" => f(a.slice(s![.., ..;2])),
        "rev" => f(a.slice(s![..;-1, ..])),
        "crop" => f(a.slice(s![1.., 1..])),
        _ => panic!("views glue: unknown layout {how:?}"),
    }
}

pub fn table(t: &mut Table) {
    t.add("byte_strides", |a: &Array2<f64>, how: &String| with_layout(a, how, sub::byte_strides));
    t.add("memory_order", |a: &Array2<f64>, how: &String| with_layout(a, how, sub::memory_order));
    t.add("flatten_report", |a: &Array2<f64>, how: &String| with_layout(a, how, sub::flatten_report));
    t.add("numpy_backward_slice", |x: &Array1<f64>, start: &usize, stop: &usize| sub::numpy_backward_slice(x, *start, *stop));
    t.add("flip_step", |a: &Array2<f64>, k: &usize| sub::flip_step(a, *k));
    t.add("paste", |x: &Array2<f64>, patch: &Array2<f64>, r0: &usize, c0: &usize| {
        let mut y = x.clone();
        sub::paste(&mut y, patch, *r0, *c0).map(|()| y)
    });
    t.add("scale_rows", |x: &Array2<f64>, w: &Array1<f64>| {
        let mut y = x.clone();
        sub::scale_rows(&mut y, w);
        y
    });
    t.add("standardize_in_place", |x: &Array2<f64>| {
        let mut y = x.clone();
        sub::standardize_in_place(&mut y);
        y
    });
    t.add("standardize_in_place/exact_zeros", |x: &Array2<f64>| {
        let mut y = x.clone();
        sub::standardize_in_place(&mut y);
        ndlab_runtime::checks::constant_columns_are_zeros(x, &y)
    });
    // Returns the result and the input as it is after the call (it must equal the original).
    t.add("standardized", |x: &Array2<f64>| {
        let input = x.clone();
        let out = sub::standardized(&input);
        (out, input)
    });
    t.add("standardized/exact_zeros", |x: &Array2<f64>| ndlab_runtime::checks::constant_columns_are_zeros(x, &sub::standardized(x)));
    t.add("sliding_windows", |x: &Array1<f64>, w: &usize| sub::sliding_windows(x, *w));
    t.add("toeplitz", |c: &Array1<f64>, r: &Array1<f64>| sub::toeplitz(c, r));
    // `a` and `b` are blocks [r0, r1, c0, c1] of the same matrix x; `b_how` is "view", "rev"
    // (the block with its rows reversed), "step" (its even columns: with an odd column as `a`,
    // interleaved views that share no element but whose spans overlap) or "copy" (an owned copy).
    t.add("may_share_memory", |x: &Array2<f64>, a: &Vec<usize>, b: &Vec<usize>, b_how: &String| {
        let va = x.slice(s![a[0]..a[1], a[2]..a[3]]);
        let vb = x.slice(s![b[0]..b[1], b[2]..b[3]]);
        match b_how.as_str() {
            "view" => sub::may_share_memory(va, vb),
            "rev" => sub::may_share_memory(va, vb.slice_move(s![..;-1, ..])),
            "step" => sub::may_share_memory(va, vb.slice_move(s![.., ..;2])),
            "copy" => {
                let owned = vb.to_owned();
                sub::may_share_memory(va, owned.view())
            }
            _ => panic!("views glue: unknown b_how {b_how:?}"),
        }
    });
    t.add("window_max", |x: &Array1<f64>, w: &usize| sub::window_max(x, *w));
    t.add("rolling_mean", |x: &Array1<f64>, w: &usize| sub::rolling_mean(x, *w));
    t.add("avg_pool", |a: &Array2<f64>, k: &usize| sub::avg_pool(a, *k));
    // The result and whether it is in standard (row-major) layout: both must match.
    t.add("channels_first", |x: &Array4<f64>| {
        let y = sub::channels_first(x);
        let standard = y.is_standard_layout();
        (y, standard)
    });
    t.add("life_step", |b: &Array2<u8>| sub::life_step(b));
}
