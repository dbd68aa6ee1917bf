// How the judge calls each `images` exercise: one line each. `sub` is the submission's crate.
// `crop` returns a view; only owned arrays cross the process boundary, so the glue copies it
// (`to_owned`); the no-copy property is tested by the public unit tests.
// `stack_channels/chelsea` splits the colour picture into its three planes here and compares the
// digest of the student's reassembled picture (it must be the original). `side_by_side/layout`
// and `stack_channels/layout` (`check = "layout"`) compare no pixels: they pass when the result
// is in standard (row-major) layout, which ndarray's `concatenate`/`stack` do not return.
// Entries `exercise/camera`, `/cell`, `/chelsea`, `/micro` run the exercise on a picture of
// datasets/data/images/ loaded here (gray pictures as f64 where the exercise takes floats), and
// return a digest of the output picture instead of the picture itself: its shape, its row sums
// and its column sums (per channel for colour). That keeps the expected-values files small
// (a few kB per case instead of megabytes), and a wrong or misplaced pixel still changes them.
use ndarray::prelude::*;
use ndlab_runtime::Table;

fn camera() -> Array2<u8> {
    datasets::images::camera().expect("camera.png")
}
fn cell() -> Array2<u8> {
    datasets::images::cell().expect("cell.png")
}
fn micro() -> Array2<u8> {
    datasets::images::microaneurysms().expect("microaneurysms.png")
}
fn chelsea() -> Array3<u8> {
    datasets::images::chelsea().expect("chelsea.png")
}
fn float(a: Array2<u8>) -> Array2<f64> {
    a.mapv(f64::from)
}

type Digest2 = (Vec<usize>, Array1<f64>, Array1<f64>);
type Digest3 = (Vec<usize>, Array2<f64>, Array2<f64>);

/// Shape, row sums and column sums of a picture.
fn digest2<T: Copy + Into<f64>>(a: Array2<T>) -> Digest2 {
    let f = a.mapv(|x| x.into());
    (a.shape().to_vec(), f.sum_axis(Axis(1)), f.sum_axis(Axis(0)))
}

/// Shape, row sums (h x c) and column sums (w x c) of a colour picture.
fn digest3(a: Array3<u8>) -> Digest3 {
    let f = a.mapv(f64::from);
    (a.shape().to_vec(), f.sum_axis(Axis(1)), f.sum_axis(Axis(0)))
}

/// `Ok(())` when the result is in standard (row-major) layout, else what it is instead.
fn standard_layout<D: Dimension>(a: Array<u8, D>) -> Result<(), String> {
    if a.is_standard_layout() {
        Ok(())
    } else {
        Err(format!("the result has the right values but strides {:?}, not row-major (is_standard_layout() is false)", a.strides()))
    }
}

pub fn table(t: &mut Table) {
    t.add("to_gray", |a: &Array3<u8>| sub::to_gray(a));
    t.add("to_gray/chelsea", || sub::to_gray(&chelsea()).map(digest2));
    t.add("brighten", |a: &Array3<u8>, d: &i64| sub::brighten(a, *d));
    t.add("brighten/chelsea", |d: &i64| digest3(sub::brighten(&chelsea(), *d)));
    t.add("invert", |a: &Array3<u8>| sub::invert(a));
    t.add("to_u8_checked", |x: &Array2<f64>| sub::to_u8_checked(x));
    t.add("crop", |a: &Array3<u8>, top: &usize, left: &usize, h: &usize, w: &usize| sub::crop(a, *top, *left, *h, *w).map(|v| v.to_owned()));
    t.add("crop/chelsea", |top: &usize, left: &usize, h: &usize, w: &usize| sub::crop(&chelsea(), *top, *left, *h, *w).map(|v| v.to_owned()));
    t.add("side_by_side", |a: &Array2<u8>, b: &Array2<u8>| sub::side_by_side(a, b));
    t.add("side_by_side/layout", |a: &Array2<u8>, b: &Array2<u8>| sub::side_by_side(a, b).and_then(standard_layout));
    t.add("stack_channels", |r: &Array2<u8>, g: &Array2<u8>, b: &Array2<u8>| sub::stack_channels(r, g, b));
    t.add("stack_channels/layout", |r: &Array2<u8>, g: &Array2<u8>, b: &Array2<u8>| sub::stack_channels(r, g, b).and_then(standard_layout));
    t.add("stack_channels/chelsea", || {
        let c = chelsea();
        let plane = |k: usize| c.index_axis(Axis(2), k).to_owned();
        sub::stack_channels(&plane(0), &plane(1), &plane(2)).map(digest3)
    });
    t.add("pad_reflect", |a: &Array2<f64>, ry: &usize, rx: &usize| sub::pad_reflect(a, *ry, *rx));
    t.add("convolve2d", |a: &Array2<f64>, k: &Array2<f64>| sub::convolve2d(a, k));
    t.add("convolve2d/camera", |k: &Array2<f64>| sub::convolve2d(&float(camera()), k).map(digest2));
    t.add("convolve2d_im2col", |a: &Array2<f64>, k: &Array2<f64>| sub::convolve2d_im2col(a, k));
    t.add("convolve2d_im2col/micro", |k: &Array2<f64>| sub::convolve2d_im2col(&float(micro()), k).map(digest2));
    t.add("gaussian_kernel", |s: &f64, r: &usize| sub::gaussian_kernel(*s, *r));
    t.add("sobel_magnitude", |a: &Array2<f64>| sub::sobel_magnitude(a));
    t.add("sobel_magnitude/camera", || sub::sobel_magnitude(&float(camera())).map(digest2));
    t.add("sobel_magnitude/micro", || sub::sobel_magnitude(&float(micro())).map(digest2));
    t.add("histogram", |a: &Array2<u8>| sub::histogram(a));
    t.add("histogram/cell", || sub::histogram(&cell()));
    t.add("equalize", |a: &Array2<u8>| sub::equalize(a));
    t.add("equalize/cell", || digest2(sub::equalize(&cell())));
    t.add("avg_pool", |a: &Array3<u8>, k: &usize| sub::avg_pool(a, *k));
    t.add("avg_pool/chelsea", |k: &usize| sub::avg_pool(&chelsea(), *k).map(digest3));
    t.add("box_blur", |a: &Array2<u8>, r: &usize| sub::box_blur(a, *r));
    t.add("box_blur/camera", |r: &usize| sub::box_blur(&camera(), *r).map(digest2));
    t.add("adjust_channel", |a: &Array3<u8>, c: &usize, f: &f64| sub::adjust_channel(a, *c, *f));
    t.add("adjust_channel/chelsea", |c: &usize, f: &f64| sub::adjust_channel(&chelsea(), *c, *f).map(digest3));
}
