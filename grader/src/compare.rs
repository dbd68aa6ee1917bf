//! Comparators: the judge's verdict on one result, decided outside the student's process.
//!
//! A failed comparison explains itself, and when the difference has the look of a common mistake
//! (a transposed result, an off-by-one length, the input returned unchanged, integer division, a
//! NaN, a flipped sign) the message says so, as a suffix of the plain explanation. A diagnosis
//! is only given when the values prove it (a wrong square matrix is not called transposed unless
//! it is the expected one transposed), and every message stays short: arrays are summarised by
//! their shape and a few entries.

use crate::spec::Compare;
use ndlab_runtime::value::{Data, Value, fmt_shape};

/// Longest error message (ours or the submission's) quoted inside a verdict.
const QUOTE: usize = 120;
/// Entries shown of an array described in a verdict.
const ENTRIES: usize = 4;

const UNCHANGED: &str = "the result is the input unchanged: was the change applied to a copy, or not at all?";
const OFF_BY_ONE_LEN: &str = "an off-by-one in a range or a window count?";
const SIGN: &str = "a subtraction the wrong way round?";
const TRUNCATION: &str = "integer division, or a cast to an integer type before dividing?";
const NAN_GOT: &str = "a 0/0, or a mean or a division over nothing?";
const NAN_EXPECTED: &str = "NaN inputs should propagate (stay NaN)";

/// `Ok(())` when `got` matches `expected` under `cmp`, else a short explanation for the student.
/// `args` are the case's arguments (to recognise a result that is an input returned unchanged;
/// `&[]` when they are not known).
pub fn compare(cmp: &Compare, expected: &Value, got: &Value, args: &[Value]) -> Result<(), String> {
    match (expected, got) {
        (Value::Tuple { items: e }, Value::Tuple { items: g }) => {
            if e.len() != g.len() {
                return Err(format!("expected a tuple of {}, got a tuple of {}", e.len(), g.len()));
            }
            for (i, (e, g)) in e.iter().zip(g).enumerate() {
                compare(cmp, e, g, args).map_err(|m| format!("item {i} of the tuple: {m}"))?;
            }
            Ok(())
        }
        (Value::Error { .. }, Value::Error { .. }) => Ok(()),
        (Value::Error { message }, g) => Err(format!("expected an error ({}), got {}", clip(message, QUOTE), short(g))),
        (_, Value::Error { message }) => Err(format!("expected {}, got an error: {}", short(expected), clip(message, QUOTE))),
        (Value::None, Value::None) => Ok(()),
        (Value::Str { v: e }, Value::Str { v: g }) => {
            if e == g {
                Ok(())
            } else {
                Err(format!("expected {}, got {}", clip(&format!("{e:?}"), QUOTE), clip(&format!("{g:?}"), QUOTE)))
            }
        }
        (Value::Bool { v: e }, Value::Bool { v: g }) => {
            if e == g {
                Ok(())
            } else {
                Err(format!("expected {e}, got {g}"))
            }
        }
        (Value::F64 { .. } | Value::I64 { .. }, Value::F64 { .. } | Value::I64 { .. }) => {
            let (e, g) = (scalar(expected), scalar(got));
            if close(cmp, e, g) {
                return Ok(());
            }
            let integer = matches!(expected, Value::I64 { .. });
            Err(with(format!("expected {}, got {}", num(e), num(g)), scalar_diagnosis(cmp, e, g, integer)))
        }
        (Value::Array { shape: es, data: ed }, Value::Array { shape: gs, data: gd }) => {
            if es != gs {
                let m = format!("shape mismatch: expected {}, got {}", fmt_shape(es), fmt_shape(gs));
                return Err(with(m, unchanged(cmp, expected, got, args).or_else(|| shape_diagnosis(cmp, es, ed, gs, gd))));
            }
            if (ed.dtype() == "bool") != (gd.dtype() == "bool") {
                return Err(format!("expected {} elements, got {}", ed.dtype(), gd.dtype()));
            }
            let mut bad = 0;
            let mut first = None;
            for i in 0..ed.len() {
                let (e, g) = (ed.get_f64(i), gd.get_f64(i));
                if !close(cmp, e, g) {
                    bad += 1;
                    first.get_or_insert((i, e, g));
                }
            }
            match first {
                None => Ok(()),
                Some((i, e, g)) => {
                    let m = format!("{bad} of {} elements differ; first at {}: expected {}, got {}", ed.len(), index(es, i), num(e), num(g));
                    Err(with(m, unchanged(cmp, expected, got, args).or_else(|| values_diagnosis(cmp, es, ed, gd))))
                }
            }
        }
        _ => Err(format!("expected {}, got {}", expected.describe(), summary(got))),
    }
}

/// `message: diagnosis`, when there is one.
fn with(message: String, diagnosis: Option<String>) -> String {
    match diagnosis {
        Some(d) => format!("{message}: {d}"),
        None => message,
    }
}

/// What a wrong scalar looks like (`integer`: the expected value is an integer, not a float).
fn scalar_diagnosis(cmp: &Compare, e: f64, g: f64, integer: bool) -> Option<String> {
    if g.is_nan() && !e.is_nan() {
        return Some(format!("NaN where a number was expected: {NAN_GOT}"));
    }
    if e.is_nan() && !g.is_nan() {
        return Some(format!("a number where NaN was expected: {NAN_EXPECTED}"));
    }
    if close(cmp, -e, g) {
        return Some(format!("the opposite sign: {SIGN}"));
    }
    if truncated(cmp, e, g) {
        return Some(format!("a whole number where a fraction was expected: {TRUNCATION}"));
    }
    if integer && whole(g) && (g - e).abs() == 1.0 {
        let word = if g > e { "more" } else { "less" };
        return Some(format!("one {word} than expected: an off-by-one in a range or a count?"));
    }
    None
}

/// `g` is a whole number, `e` has a fraction (beyond the tolerance), and they are less than
/// one apart: `e` truncated or rounded to an integer.
fn truncated(cmp: &Compare, e: f64, g: f64) -> bool {
    e.is_finite() && !close(cmp, e.round(), e) && whole(g) && (g - e).abs() < 1.0
}

fn whole(x: f64) -> bool {
    x.is_finite() && x.fract() == 0.0
}

/// Equal under `cmp`, NaN equal to NaN (to tell an input returned as it came).
fn same(cmp: &Compare, a: f64, b: f64) -> bool {
    close(cmp, a, b) || (a.is_nan() && b.is_nan())
}

fn same_array(cmp: &Compare, ad: &Data, bd: &Data) -> bool {
    ad.len() == bd.len() && (ad.dtype() == "bool") == (bd.dtype() == "bool") && (0..ad.len()).all(|i| same(cmp, ad.get_f64(i), bd.get_f64(i)))
}

/// `got` is one of the array arguments, as it came, and `expected` is not.
fn unchanged(cmp: &Compare, expected: &Value, got: &Value, args: &[Value]) -> Option<String> {
    let (Value::Array { shape: es, data: ed }, Value::Array { shape: gs, data: gd }) = (expected, got) else { return None };
    let is_arg = |shape: &[usize], data: &Data| {
        args.iter().any(|a| matches!(a, Value::Array { shape: s, data: d } if s.as_slice() == shape && same_array(cmp, d, data)))
    };
    (is_arg(gs, gd) && !is_arg(es, ed)).then(|| UNCHANGED.to_string())
}

/// Shapes that differ the way a common mistake makes them differ.
fn shape_diagnosis(cmp: &Compare, es: &[usize], ed: &Data, gs: &[usize], gd: &Data) -> Option<String> {
    if let ([r, c], [gr, gc]) = (es, gs)
        && (gr, gc) == (c, r)
    {
        return Some(if transposed(cmp, es, ed, gd) {
            "it is the expected result transposed: rows and columns swapped?".into()
        } else {
            "rows and columns swapped?".into()
        });
    }
    if es.len() == gs.len() && es.len() > 2 {
        let (mut a, mut b) = (es.to_vec(), gs.to_vec());
        a.sort_unstable();
        b.sort_unstable();
        if a == b {
            return Some("axes in another order?".into());
        }
    }
    if es.len() == gs.len() {
        let differ: Vec<usize> = (0..es.len()).filter(|&k| es[k] != gs[k]).collect();
        if let [k] = differ[..]
            && es[k].abs_diff(gs[k]) == 1
        {
            let word = if gs[k] > es[k] { "many" } else { "few" };
            return Some(format!("one element too {word} along axis {k}: {OFF_BY_ONE_LEN}"));
        }
    }
    None
}

/// `gd` (of shape `(c, r)`) is `ed` (of shape `es = (r, c)`) transposed, under `cmp`.
fn transposed(cmp: &Compare, es: &[usize], ed: &Data, gd: &Data) -> bool {
    let [r, c] = es else { return false };
    let (r, c) = (*r, *c);
    ed.len() == r * c && gd.len() == r * c && (0..r).all(|i| (0..c).all(|j| same(cmp, ed.get_f64(i * c + j), gd.get_f64(j * r + i))))
}

/// Same-shaped arrays whose values differ the way a common mistake makes them differ.
fn values_diagnosis(cmp: &Compare, shape: &[usize], ed: &Data, gd: &Data) -> Option<String> {
    let n = ed.len();
    let pairs = || (0..n).map(|i| (ed.get_f64(i), gd.get_f64(i)));
    if shape.len() == 2 && shape[0] == shape[1] && transposed(cmp, shape, ed, gd) {
        return Some("it is the expected result transposed: rows and columns swapped?".into());
    }
    // NaN in either direction: how many, and the first.
    let nan_got: Vec<usize> = (0..n).filter(|&i| gd.get_f64(i).is_nan() && !ed.get_f64(i).is_nan()).collect();
    let nan_expected: Vec<usize> = (0..n).filter(|&i| ed.get_f64(i).is_nan() && !gd.get_f64(i).is_nan()).collect();
    let mut notes = Vec::new();
    if let Some(&i) = nan_got.first() {
        let places = count(nan_got.len(), "place");
        notes.push(format!("NaN at {places} where a number was expected (first at {}): {NAN_GOT}", index(shape, i)));
    }
    if let Some(&i) = nan_expected.first() {
        let places = count(nan_expected.len(), "place");
        notes.push(format!("a number at {places} where NaN was expected (first at {}): {NAN_EXPECTED}", index(shape, i)));
    }
    if !notes.is_empty() {
        return Some(notes.join("; "));
    }
    if pairs().all(|(e, g)| close(cmp, -e, g)) {
        return Some(format!("every value has the opposite sign: {SIGN}"));
    }
    let fractions = pairs().any(|(e, _)| e.is_finite() && !close(cmp, e.round(), e));
    if fractions && pairs().all(|(e, g)| close(cmp, e, g) || truncated(cmp, e, g)) && pairs().all(|(_, g)| whole(g)) {
        return Some(format!("every value is a whole number where fractions were expected: {TRUNCATION}"));
    }
    let steps: Vec<f64> = pairs().filter(|&(e, g)| e != g).map(|(e, g)| g - e).collect();
    if matches!(ed, Data::I64(_) | Data::U8(_))
        && let Some(&d) = steps.first()
        && d.abs() == 1.0
        && steps.iter().all(|&s| s == d)
    {
        let word = if d > 0.0 { "more" } else { "less" };
        return Some(format!("every differing value is one {word} than expected: 1-based counting, or an off-by-one in a range?"));
    }
    None
}

fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

fn scalar(v: &Value) -> f64 {
    match v {
        Value::F64 { v } => *v,
        Value::I64 { v } => *v as f64,
        _ => f64::NAN,
    }
}

fn close(cmp: &Compare, e: f64, g: f64) -> bool {
    match cmp {
        Compare::Exact => e == g || (e.is_nan() && g.is_nan()),
        Compare::Allclose { rtol, atol, equal_nan } => {
            if e.is_nan() || g.is_nan() {
                return *equal_nan && e.is_nan() && g.is_nan();
            }
            if e.is_infinite() || g.is_infinite() {
                return e == g;
            }
            (g - e).abs() <= atol + rtol * e.abs()
        }
    }
}

fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{}", x as i64) } else { format!("{x}") }
}

/// A number for a summary: a few digits are enough.
fn brief(x: f64) -> String {
    if !x.is_finite() || (x.fract() == 0.0 && x.abs() < 1e15) {
        num(x)
    } else if (1e-3..1e6).contains(&x.abs()) {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format!("{x:.3e}")
    }
}

/// Flat index → `[i, j, ...]`.
fn index(shape: &[usize], mut flat: usize) -> String {
    let mut idx = vec![0; shape.len()];
    for (k, &d) in shape.iter().enumerate().rev() {
        if d > 0 {
            idx[k] = flat % d;
            flat /= d;
        }
    }
    format!("[{}]", idx.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", "))
}

fn short(v: &Value) -> String {
    match v {
        Value::F64 { v } => num(*v),
        Value::I64 { v } => v.to_string(),
        Value::Str { v } => clip(&format!("{v:?}"), QUOTE),
        other => summary(other),
    }
}

/// A value's kind, and for an array its first few entries: `a 2-D f64 array of shape (1000, 3):
/// [0.12, 0.5, 1, 2, …] (the first 4 of 3000 values, row by row)`; never thousands of numbers.
fn summary(v: &Value) -> String {
    let Value::Array { data, .. } = v else { return v.describe() };
    let n = data.len();
    let entry = |i: usize| match data {
        Data::Bool(b) => b[i].to_string(),
        d => brief(d.get_f64(i)),
    };
    let shown = (0..n.min(ENTRIES)).map(entry).collect::<Vec<_>>().join(", ");
    if n <= ENTRIES {
        format!("{}: [{shown}]", v.describe())
    } else {
        format!("{}: [{shown}, …] (the first {ENTRIES} of {n} values, row by row)", v.describe())
    }
}

/// At most `max` characters of `s`, with `…` when cut.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((at, _)) => format!("{}…", &s[..at]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};
    use ndlab_runtime::IntoValue;

    fn err(expected: &Value, got: &Value) -> String {
        compare(&Compare::default(), expected, got, &[]).unwrap_err()
    }

    #[test]
    fn allclose_reports_the_first_difference_with_its_index() {
        let c = Compare::default();
        let e = array![[1.0, 2.0], [3.0, 4.0]].into_value();
        assert!(compare(&c, &e, &array![[1.0, 2.0], [3.0, 4.0 + 1e-12]].into_value(), &[]).is_ok());
        let m = compare(&c, &e, &array![[1.0, 2.0], [3.5, 4.0]].into_value(), &[]).unwrap_err();
        assert_eq!(m, "1 of 4 elements differ; first at [1, 0]: expected 3, got 3.5");
        let m = compare(&c, &e, &array![[1.0, 2.0, 3.0, 4.0]].into_value(), &[]).unwrap_err();
        assert_eq!(m, "shape mismatch: expected (2, 2), got (1, 4)");
    }

    #[test]
    fn nan_handling_and_exactness() {
        let c = Compare::default();
        assert!(compare(&c, &f64::NAN.into_value(), &f64::NAN.into_value(), &[]).is_ok());
        assert!(compare(&c, &f64::NAN.into_value(), &1.0.into_value(), &[]).is_err());
        let strict = Compare::Allclose { rtol: 0.0, atol: 0.0, equal_nan: false };
        assert!(compare(&strict, &f64::NAN.into_value(), &f64::NAN.into_value(), &[]).is_err());
        assert!(compare(&Compare::Exact, &3usize.into_value(), &3i64.into_value(), &[]).is_ok());
        assert!(compare(&Compare::Exact, &array![1u8, 2].into_value(), &array![1u8, 3].into_value(), &[]).is_err());
        assert!(compare(&c, &f64::INFINITY.into_value(), &1e308.into_value(), &[]).is_err());
    }

    #[test]
    fn tuples_errors_and_kinds() {
        let c = Compare::default();
        let e = (array![1.0], 2.0).into_value();
        let m = compare(&c, &e, &(array![1.0], 3.0).into_value(), &[]).unwrap_err();
        assert!(m.starts_with("item 1 of the tuple"), "{m}");
        let err: Result<f64, String> = Err("shapes (2,) and (3,) do not broadcast".into());
        assert!(compare(&c, &err.clone().into_value(), &Err::<f64, _>("x".to_string()).into_value(), &[]).is_ok());
        assert!(compare(&c, &err.into_value(), &1.0.into_value(), &[]).unwrap_err().starts_with("expected an error"));
        assert!(compare(&c, &array![1.0].into_value(), &1.0.into_value(), &[]).unwrap_err().contains("got a float"));
    }

    #[test]
    fn a_transposed_shape_is_named() {
        let e = Array2::from_shape_fn((3, 4), |(i, j)| (i * 4 + j) as f64);
        // The expected values, transposed.
        let m = err(&e.clone().into_value(), &e.t().to_owned().into_value());
        assert_eq!(m, "shape mismatch: expected (3, 4), got (4, 3): it is the expected result transposed: rows and columns swapped?");
        // Another result of the swapped shape: the shape is still named, the values are not.
        let m = err(&e.clone().into_value(), &Array2::<f64>::zeros((4, 3)).into_value());
        assert_eq!(m, "shape mismatch: expected (3, 4), got (4, 3): rows and columns swapped?");
        // N-D: a permutation of the axes.
        let m = err(&ndarray::Array3::<f64>::zeros((2, 3, 4)).into_value(), &ndarray::Array3::<f64>::zeros((4, 2, 3)).into_value());
        assert_eq!(m, "shape mismatch: expected (2, 3, 4), got (4, 2, 3): axes in another order?");
    }

    #[test]
    fn a_square_result_is_called_transposed_only_when_it_is() {
        let e = array![[1.0, 2.0], [3.0, 4.0]];
        let m = err(&e.clone().into_value(), &e.t().to_owned().into_value());
        assert_eq!(m, "2 of 4 elements differ; first at [0, 1]: expected 2, got 3: it is the expected result transposed: rows and columns swapped?");
        // Merely wrong: no diagnosis.
        let m = err(&e.clone().into_value(), &array![[1.0, 3.0], [2.0, 5.0]].into_value());
        assert_eq!(m, "3 of 4 elements differ; first at [0, 1]: expected 2, got 3");
        // Other shape mismatches are not called a transposition or a permutation.
        let m = err(&Array2::<f64>::zeros((2, 3)).into_value(), &Array2::<f64>::zeros((3, 4)).into_value());
        assert_eq!(m, "shape mismatch: expected (2, 3), got (3, 4)");
        let m = err(&ndarray::Array3::<f64>::zeros((2, 3, 4)).into_value(), &ndarray::Array3::<f64>::zeros((2, 3, 6)).into_value());
        assert_eq!(m, "shape mismatch: expected (2, 3, 4), got (2, 3, 6)");
    }

    #[test]
    fn an_off_by_one_length_is_named() {
        let m = err(&vec![1.0; 5].into_value(), &vec![1.0; 4].into_value());
        assert_eq!(m, "shape mismatch: expected (5,), got (4,): one element too few along axis 0: an off-by-one in a range or a window count?");
        let m = err(&Array2::<f64>::zeros((3, 4)).into_value(), &Array2::<f64>::zeros((3, 5)).into_value());
        assert!(m.ends_with("one element too many along axis 1: an off-by-one in a range or a window count?"), "{m}");
        // Two axes off, or off by two: no diagnosis.
        assert_eq!(err(&Array2::<f64>::zeros((3, 4)).into_value(), &Array2::<f64>::zeros((4, 5)).into_value()), "shape mismatch: expected (3, 4), got (4, 5)");
        assert_eq!(err(&vec![1.0; 5].into_value(), &vec![1.0; 3].into_value()), "shape mismatch: expected (5,), got (3,)");
    }

    #[test]
    fn the_input_returned_unchanged_is_named() {
        let c = Compare::default();
        let input = array![[3.0, 1.0], [2.0, 4.0]].into_value();
        let args = [input.clone(), 2.0.into_value()];
        let m = compare(&c, &array![[1.0, 3.0], [2.0, 4.0]].into_value(), &input, &args).unwrap_err();
        assert_eq!(
            m,
            "2 of 4 elements differ; first at [0, 0]: expected 1, got 3: the result is the input unchanged: was the change applied to a copy, or not at all?"
        );
        // Of another shape too (a reduction that returned its input).
        let m = compare(&c, &array![4.0, 6.0].into_value(), &input, &args).unwrap_err();
        assert!(m.starts_with("shape mismatch: expected (2,), got (2, 2): the result is the input unchanged"), "{m}");
        // A wrong result that is not an argument, or no arguments known: no diagnosis.
        let m = compare(&c, &array![[1.0, 3.0], [2.0, 4.0]].into_value(), &array![[3.0, 1.0], [2.0, 5.0]].into_value(), &args).unwrap_err();
        assert!(!m.contains("unchanged"), "{m}");
        let m = compare(&c, &array![[1.0, 3.0], [2.0, 4.0]].into_value(), &input, &[]).unwrap_err();
        assert!(!m.contains("unchanged"), "{m}");
        // The expected result is an argument as well (an exercise whose answer is one of its
        // inputs): returning the other input is not "unchanged".
        let other = array![[1.0, 3.0], [2.0, 4.0]].into_value();
        let both = [input.clone(), other.clone()];
        let m = compare(&c, &other, &input, &both).unwrap_err();
        assert!(!m.contains("unchanged"), "{m}");
    }

    #[test]
    fn integer_truncation_is_named() {
        let m = err(&array![0.5, 1.5, 2.0, 2.75].into_value(), &array![0.0, 1.0, 2.0, 2.0].into_value());
        assert_eq!(
            m,
            "3 of 4 elements differ; first at [0]: expected 0.5, got 0: every value is a whole number where fractions were expected: integer division, or a cast to an integer type before dividing?"
        );
        let m = err(&2.5.into_value(), &2.0.into_value());
        assert_eq!(m, "expected 2.5, got 2: a whole number where a fraction was expected: integer division, or a cast to an integer type before dividing?");
        // Whole numbers far from the expected fractions, or a result with fractions: not truncation.
        assert!(!err(&array![0.5, 1.5, 2.25].into_value(), &array![7.0, -3.0, 12.0].into_value()).contains("whole number"));
        assert!(!err(&array![0.5, 1.5, 2.25].into_value(), &array![0.0, 1.5, 2.0].into_value()).contains("whole number"));
        assert!(!err(&array![1.0, 2.0].into_value(), &array![0.0, 2.0].into_value()).contains("whole number"));
        assert!(!err(&2.5.into_value(), &7.0.into_value()).contains("whole number"));
    }

    #[test]
    fn nan_where_a_number_was_expected_and_the_reverse() {
        let nan = f64::NAN;
        let m = err(&array![1.0, 2.0, 3.0, 4.0].into_value(), &array![1.0, nan, 3.0, nan].into_value());
        assert_eq!(
            m,
            "2 of 4 elements differ; first at [1]: expected 2, got NaN: NaN at 2 places where a number was expected (first at [1]): a 0/0, or a mean or a division over nothing?"
        );
        let m = err(&array![[1.0, nan], [3.0, 4.0]].into_value(), &array![[1.0, 0.0], [3.0, 4.0]].into_value());
        assert_eq!(
            m,
            "1 of 4 elements differ; first at [0, 1]: expected NaN, got 0: a number at 1 place where NaN was expected (first at [0, 1]): NaN inputs should propagate (stay NaN)"
        );
        assert_eq!(
            err(&1.5.into_value(), &nan.into_value()),
            "expected 1.5, got NaN: NaN where a number was expected: a 0/0, or a mean or a division over nothing?"
        );
        assert_eq!(err(&nan.into_value(), &0.0.into_value()), "expected NaN, got 0: a number where NaN was expected: NaN inputs should propagate (stay NaN)");
        // No NaN on either side: no NaN diagnosis.
        assert!(!err(&array![1.0, 2.0].into_value(), &array![1.0, 2.5].into_value()).contains("NaN"));
    }

    #[test]
    fn a_flipped_sign_is_named() {
        let m = err(&array![1.5, -2.0, 0.0, 4.0].into_value(), &array![-1.5, 2.0, 0.0, -4.0 * (1.0 + 1e-9)].into_value());
        assert_eq!(m, "3 of 4 elements differ; first at [0]: expected 1.5, got -1.5: every value has the opposite sign: a subtraction the wrong way round?");
        assert_eq!(err(&3.25.into_value(), &(-3.25).into_value()), "expected 3.25, got -3.25: the opposite sign: a subtraction the wrong way round?");
        assert!(err(&3i64.into_value(), &(-3i64).into_value()).ends_with("the opposite sign: a subtraction the wrong way round?"));
        // A random wrong answer, or only some signs flipped: not a sign flip.
        let mut state = 0x2545f4914f6cdd1du64;
        let mut rand = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        let e: Vec<f64> = (0..50).map(|_| rand()).collect();
        let g: Vec<f64> = (0..50).map(|_| rand()).collect();
        assert_eq!(err(&e.into_value(), &g.into_value()).matches(':').count(), 1, "no diagnosis for a random answer");
        assert!(!err(&array![1.0, 2.0, 3.0].into_value(), &array![-1.0, 2.0, 3.5].into_value()).contains("opposite sign"));
        assert!(!err(&3.0.into_value(), &(-2.0).into_value()).contains("opposite sign"));
    }

    #[test]
    fn integer_off_by_one_is_named() {
        assert_eq!(err(&5i64.into_value(), &6i64.into_value()), "expected 5, got 6: one more than expected: an off-by-one in a range or a count?");
        assert_eq!(err(&5i64.into_value(), &4i64.into_value()), "expected 5, got 4: one less than expected: an off-by-one in a range or a count?");
        let m = err(&vec![0usize, 3, 1].into_value(), &vec![1usize, 4, 2].into_value());
        assert!(m.ends_with("every differing value is one more than expected: 1-based counting, or an off-by-one in a range?"), "{m}");
        // Floats one apart, integers two apart, or steps of both signs: no diagnosis.
        assert_eq!(err(&5.0.into_value(), &6.0.into_value()), "expected 5, got 6");
        assert_eq!(err(&5i64.into_value(), &7i64.into_value()), "expected 5, got 7");
        assert!(!err(&vec![0usize, 3, 1].into_value(), &vec![1usize, 2, 1].into_value()).contains("one more"));
    }

    #[test]
    fn long_values_are_summarised() {
        let big = Array2::from_shape_fn((1000, 3), |(i, j)| i as f64 * 0.125 + j as f64 / 3.0).into_value();
        let m = err(&Err::<f64, _>("bad input".to_string()).into_value(), &big);
        assert_eq!(
            m,
            "expected an error (bad input), got a 2-D f64 array of shape (1000, 3): [0, 0.3333, 0.6667, 0.125, …] (the first 4 of 3000 values, row by row)"
        );
        let m = err(&1.0.into_value(), &big);
        assert!(m.starts_with("expected a float, got a 2-D f64 array of shape (1000, 3): [0, 0.3333"), "{m}");
        assert_eq!(err(&1.0.into_value(), &vec![3.5].into_value()), "expected a float, got a 1-D f64 array of shape (1,): [3.5]");
        // A long string or error message is cut.
        let long = "x".repeat(5000);
        let m = err(&Value::Str { v: long.clone() }, &Value::Str { v: "y".into() });
        assert!(m.len() < 300 && m.contains('…'), "{m}");
        let m = err(&1.0.into_value(), &Value::Error { message: long });
        assert!(m.len() < 300 && m.contains('…'), "{m}");
        // Every diagnosis of a big array stays short.
        let e = Array2::from_shape_fn((1000, 3), |(i, j)| i as f64 + j as f64 + 0.5);
        for g in [e.mapv(|x| -x), e.mapv(f64::trunc), e.mapv(|_| f64::NAN), e.t().to_owned()] {
            let m = compare(&Compare::default(), &e.clone().into_value(), &g.into_value(), std::slice::from_ref(&big)).unwrap_err();
            assert!(m.len() < 300, "{} chars: {m}", m.len());
        }
    }
}
