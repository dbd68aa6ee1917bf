// How the judge calls each `images` exercise: one line each. `sub` is the submission's crate.
// Crops, flips and rotations return views; only owned arrays cross the process boundary, so the
// glue copies them (`to_owned`); the no-copy property is tested by the public unit tests.
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

pub fn table(t: &mut Table) {
    t.add("to_gray", |a: &Array3<u8>| sub::to_gray(a));
    t.add("to_gray/chelsea", || sub::to_gray(&chelsea()).map(digest2));
    t.add("brighten", |a: &Array3<u8>, d: &i64| sub::brighten(a, *d));
    t.add("brighten/chelsea", |d: &i64| digest3(sub::brighten(&chelsea(), *d)));
    t.add("invert", |a: &Array3<u8>| sub::invert(a));
    t.add("crop", |a: &Array3<u8>, top: &usize, left: &usize, h: &usize, w: &usize| sub::crop(a, *top, *left, *h, *w).map(|v| v.to_owned()));
    t.add("crop/chelsea", |top: &usize, left: &usize, h: &usize, w: &usize| sub::crop(&chelsea(), *top, *left, *h, *w).map(|v| v.to_owned()));
    t.add("flip_h", |a: &Array3<u8>| sub::flip_h(a).to_owned());
    t.add("flip_v", |a: &Array3<u8>| sub::flip_v(a).to_owned());
    t.add("rotate_180", |a: &Array3<u8>| sub::rotate_180(a).to_owned());
    t.add("rotate_180/chelsea", || digest3(sub::rotate_180(&chelsea()).to_owned()));
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
}
