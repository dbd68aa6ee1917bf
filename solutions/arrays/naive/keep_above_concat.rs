// Naive `keep_above`: grow the result with `concatenate!` for every kept element.
//
// This is the literal translation of the NumPy habit
//     out = np.array([]); for v in x: if v > t: out = np.append(out, v)
// Each `concatenate!` allocates a new array and copies everything kept so far, so keeping
// m values costs about m²/2 element copies (and m allocations): O(n²) instead of O(n).
// With 10⁶ inputs and about half kept, that is over 10¹¹ copied elements.
use ndarray::concatenate;
use ndarray::prelude::*;

pub fn keep_above(x: &Array1<f64>, t: f64) -> Array1<f64> {
    let mut out = Array1::<f64>::zeros(0);
    for &v in x.iter() {
        if v > t {
            out = concatenate![Axis(0), out, array![v]];
        }
    }
    out
}
