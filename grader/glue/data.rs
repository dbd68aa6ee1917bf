// How the judge calls each `data` exercise: one line each. `sub` is the submission's crate.
// Text travels as one `String`: documents separated by '\n', tokens and vocabularies returned
// joined by single spaces (the grader's values have no list of strings); `label_encode` takes its
// labels as one whitespace-separated string and returns its classes joined by spaces. Entries
// `exercise/co2`, `exercise/seattle`, `exercise/sotu` run the exercise on a real data set that
// the glue loads with the `datasets` crate.
use ndarray::prelude::*;
use ndlab_runtime::Table;

fn docs(s: &str) -> Vec<String> {
    if s.is_empty() { Vec::new() } else { s.split('\n').map(str::to_string).collect() }
}

fn co2() -> datasets::timeseries::Co2 {
    datasets::timeseries::mauna_loa_co2().expect("CO2 data")
}

/// The measured CO₂ weeks: (decimal years − 1980, ppm).
fn co2_points() -> (Array1<f64>, Array1<f64>) {
    let c = co2();
    let t = c.decimal_years();
    let keep: Vec<usize> = (0..t.len()).filter(|&i| !c.ppm[i].is_nan()).collect();
    (t.select(Axis(0), &keep) - 1980.0, c.ppm.select(Axis(0), &keep))
}

fn sotu() -> Vec<String> {
    datasets::text::sotu().expect("SOTU speeches").into_iter().map(|s| s.text).collect()
}

fn sotu_tfidf() -> Array2<f64> {
    let d = sotu();
    let v = sub::vocabulary(&d);
    sub::tfidf(&sub::bag_of_words(&d, &v))
}

pub fn table(t: &mut Table) {
    t.add("sentinel_to_nan", |a: &Array2<f64>, s: &f64| sub::sentinel_to_nan(a, *s));
    t.add("forward_fill", |a: &Array1<f64>| sub::forward_fill(a));
    t.add("forward_fill/co2", || sub::forward_fill(&co2().ppm));
    t.add("fill_with_median", |a: &Array2<f64>| sub::fill_with_median(a));
    t.add("iqr_outlier_flags", |a: &Array2<f64>, k: &f64| sub::iqr_outlier_flags(a, *k));
    t.add("iqr_outlier_flags/seattle", |k: &f64| sub::iqr_outlier_flags(&datasets::timeseries::seattle_weather().expect("Seattle data").values, *k));
    t.add("minmax_normalize", |a: &Array2<f64>| sub::minmax_normalize(a));
    t.add("rolling_mean_std", |a: &Array1<f64>, w: &usize| sub::rolling_mean_std(a, *w));
    t.add("rolling_mean_std/co2", |w: &usize| sub::rolling_mean_std(&co2_points().1, *w));
    t.add("train_test_split", |n: &usize, f: &f64, seed: &u64| sub::train_test_split(*n, *f, *seed));
    t.add("scale_train_test", |a: &Array2<f64>, b: &Array2<f64>| sub::scale_train_test(a, b));
    t.add("label_encode", |s: &String| {
        let (classes, codes) = sub::label_encode(&s.split_whitespace().map(str::to_string).collect::<Vec<_>>());
        (classes.join(" "), codes)
    });
    t.add("label_encode/seattle", || {
        let (classes, codes) = sub::label_encode(&datasets::timeseries::seattle_weather().expect("Seattle data").weather);
        (classes.join(" "), codes)
    });
    t.add("digitize", |x: &Array1<f64>, e: &Array1<f64>| sub::digitize(x, e));
    t.add("regression_metrics", |y: &Array1<f64>, p: &Array1<f64>| sub::regression_metrics(y, p));
    t.add("detrend", |t: &Array1<f64>, y: &Array1<f64>, d: &usize| sub::detrend(t, y, *d));
    t.add("detrend/co2", |d: &usize| {
        let (t, y) = co2_points();
        sub::detrend(&t, &y, *d)
    });
    t.add("tokenize", |s: &String| sub::tokenize(s).join(" "));
    t.add("vocabulary", |s: &String| sub::vocabulary(&docs(s)).join(" "));
    t.add("vocabulary/sotu", || sub::vocabulary(&sotu()).len());
    t.add("bag_of_words", |s: &String, v: &String| sub::bag_of_words(&docs(s), &v.split_whitespace().map(str::to_string).collect::<Vec<_>>()));
    t.add("tfidf", |c: &Array2<f64>| sub::tfidf(c));
    t.add("tfidf/sotu", || sotu_tfidf().sum_axis(Axis(0)));
    t.add("cosine_similarity", |x: &Array2<f64>| sub::cosine_similarity(x));
    t.add("cosine_similarity/sotu", || sub::cosine_similarity(&sotu_tfidf()));
    t.add("most_similar_pair", |s: &Array2<f64>| sub::most_similar_pair(s));
    t.add("most_similar_pair/sotu", || sub::most_similar_pair(&sub::cosine_similarity(&sotu_tfidf())));
    t.add("set_ops", |a: &Array1<i64>, b: &Array1<i64>| sub::set_ops(a, b));
    t.add("isin", |x: &Array1<i64>, test: &Array1<i64>| sub::isin(x, test));
    // The exercise takes `&ArrayRef1`: here a reversed (negative-stride) view of x and every
    // other test value, so code that assumes a contiguous slice is caught.
    t.add("load_npy", |name: &String| sub::load_npy(&datasets::data_dir().join("npy").join(name)));
    t.add("save_npy", |a: &Array2<f64>| saved_npy(|p| sub::save_npy(p, a)));
    t.add("save_npy/transposed", |a: &Array2<f64>| saved_npy(|p| sub::save_npy(p, &a.t())));
    t.add("isin/views", |x: &Array1<i64>, test: &Array1<i64>| sub::isin(&x.slice(s![..;-1]), &test.slice(s![..;2])));
}

/// Lets the submission write `saved.npy` in the case's scratch folder (its working directory),
/// then reads it back with `ndarray-npy`, which checks the magic bytes, the header (dtype
/// `<f8`, order, shape) and the length: what NumPy's `np.load` checks. Returns the matrix read.
fn saved_npy(write: impl FnOnce(&std::path::Path) -> Result<(), String>) -> Result<Array2<f64>, String> {
    use ndarray_npy::ReadNpyExt;
    let path = std::path::Path::new("saved.npy");
    write(path)?;
    let file = std::fs::File::open(path).map_err(|e| format!("save_npy returned Ok but {} cannot be opened: {e}", path.display()))?;
    Array2::<f64>::read_npy(file).map_err(|e| format!("the file save_npy wrote is not a float64 .npy matrix NumPy could load: {e}"))
}
