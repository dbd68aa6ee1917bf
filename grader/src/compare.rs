//! Comparators: the judge's verdict on one result, decided outside the student's process.

use crate::spec::Compare;
use ndlab_runtime::value::{Value, fmt_shape};

/// `Ok(())` when `got` matches `expected` under `cmp`, else a short explanation for the student.
pub fn compare(cmp: &Compare, expected: &Value, got: &Value) -> Result<(), String> {
    match (expected, got) {
        (Value::Tuple { items: e }, Value::Tuple { items: g }) => {
            if e.len() != g.len() {
                return Err(format!("expected a tuple of {}, got a tuple of {}", e.len(), g.len()));
            }
            for (i, (e, g)) in e.iter().zip(g).enumerate() {
                compare(cmp, e, g).map_err(|m| format!("item {i} of the tuple: {m}"))?;
            }
            Ok(())
        }
        (Value::Error { .. }, Value::Error { .. }) => Ok(()),
        (Value::Error { message }, g) => Err(format!("expected an error ({message}), got {}", short(g))),
        (_, Value::Error { message }) => Err(format!("expected {}, got an error: {message}", short(expected))),
        (Value::None, Value::None) => Ok(()),
        (Value::Str { v: e }, Value::Str { v: g }) => {
            if e == g {
                Ok(())
            } else {
                Err(format!("expected {e:?}, got {g:?}"))
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
            if close(cmp, e, g) { Ok(()) } else { Err(format!("expected {}, got {}", num(e), num(g))) }
        }
        (Value::Array { shape: es, data: ed }, Value::Array { shape: gs, data: gd }) => {
            if es != gs {
                return Err(format!("shape mismatch: expected {}, got {}", fmt_shape(es), fmt_shape(gs)));
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
                Some((i, e, g)) => Err(format!("{bad} of {} elements differ; first at {}: expected {}, got {}", ed.len(), index(es, i), num(e), num(g))),
            }
        }
        _ => Err(format!("expected {}, got {}", expected.describe(), got.describe())),
    }
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
        other => other.describe(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;
    use ndlab_runtime::IntoValue;

    #[test]
    fn allclose_reports_the_first_difference_with_its_index() {
        let c = Compare::default();
        let e = array![[1.0, 2.0], [3.0, 4.0]].into_value();
        assert!(compare(&c, &e, &array![[1.0, 2.0], [3.0, 4.0 + 1e-12]].into_value()).is_ok());
        let m = compare(&c, &e, &array![[1.0, 2.0], [3.5, 4.0]].into_value()).unwrap_err();
        assert_eq!(m, "1 of 4 elements differ; first at [1, 0]: expected 3, got 3.5");
        let m = compare(&c, &e, &array![[1.0, 2.0, 3.0, 4.0]].into_value()).unwrap_err();
        assert_eq!(m, "shape mismatch: expected (2, 2), got (1, 4)");
    }

    #[test]
    fn nan_handling_and_exactness() {
        let c = Compare::default();
        assert!(compare(&c, &f64::NAN.into_value(), &f64::NAN.into_value()).is_ok());
        assert!(compare(&c, &f64::NAN.into_value(), &1.0.into_value()).is_err());
        let strict = Compare::Allclose { rtol: 0.0, atol: 0.0, equal_nan: false };
        assert!(compare(&strict, &f64::NAN.into_value(), &f64::NAN.into_value()).is_err());
        assert!(compare(&Compare::Exact, &3usize.into_value(), &3i64.into_value()).is_ok());
        assert!(compare(&Compare::Exact, &array![1u8, 2].into_value(), &array![1u8, 3].into_value()).is_err());
        assert!(compare(&c, &f64::INFINITY.into_value(), &1e308.into_value()).is_err());
    }

    #[test]
    fn tuples_errors_and_kinds() {
        let c = Compare::default();
        let e = (array![1.0], 2.0).into_value();
        let m = compare(&c, &e, &(array![1.0], 3.0).into_value()).unwrap_err();
        assert!(m.starts_with("item 1 of the tuple"), "{m}");
        let err: Result<f64, String> = Err("shapes (2,) and (3,) do not broadcast".into());
        assert!(compare(&c, &err.clone().into_value(), &Err::<f64, _>("x".to_string()).into_value()).is_ok());
        assert!(compare(&c, &err.into_value(), &1.0.into_value()).unwrap_err().starts_with("expected an error"));
        assert!(compare(&c, &array![1.0].into_value(), &1.0.into_value()).unwrap_err().contains("got a float"));
    }
}
