// Naive `keep_above`: "arrays cannot grow, so go through a Vec" — but for every kept element.
//
// Students who learn that an `Array1` has no `push` convert it to a `Vec` with `.to_vec()`,
// push the value and rebuild the array, inside the loop. `.to_vec()` copies the whole array
// each time, so keeping m values copies about m²/2 elements: O(n²). Pushing into one `Vec`
// and converting once at the end (or collecting an iterator) would be O(n).
use ndarray::prelude::*;

pub fn keep_above(x: &Array1<f64>, t: f64) -> Array1<f64> {
    let mut out = Array1::<f64>::zeros(0);
    for &v in x.iter() {
        if v > t {
            let mut grown = out.to_vec();
            grown.push(v);
            out = Array1::from_vec(grown);
        }
    }
    out
}
