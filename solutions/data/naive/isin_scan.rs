// Naive `isin`: for every value, scan the whole test list.
//
// The line-by-line translation of `[v in list(test) for v in x]` (or of `test.contains(&v)` on
// a `Vec`): `len(x) · len(test)` comparisons, 10⁹ for the timed 200 000 values against 5 000
// codes, where one hash lookup per value does 200 000 lookups.
use ndarray::prelude::*;

pub fn isin(x: &ArrayRef1<i64>, test: &ArrayRef1<i64>) -> Array1<bool> {
    x.mapv(|v| test.iter().any(|&t| t == v))
}
