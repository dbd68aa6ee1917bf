//! The values that cross the process boundary between the judge and the student's code.
//!
//! Arrays travel as `{shape, dtype, values}`; non-finite floats are written as the strings
//! `"nan"`, `"inf"` and `"-inf"` because JSON has no literal for them.

use ndarray::{ArrayBase, ArrayD, Dimension, IxDyn};
use serde::{Deserialize, Serialize};

/// A value passed to or returned by an exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    F64 {
        #[serde(with = "float")]
        v: f64,
    },
    I64 {
        v: i64,
    },
    Bool {
        v: bool,
    },
    Str {
        v: String,
    },
    Array {
        shape: Vec<usize>,
        #[serde(flatten)]
        data: Data,
    },
    Tuple {
        items: Vec<Value>,
    },
    /// `Option::None`.
    None,
    /// An `Err(..)` returned on purpose (for example "shapes do not broadcast").
    Error {
        message: String,
    },
}

/// The elements of an array, row-major.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dtype", content = "values", rename_all = "snake_case")]
pub enum Data {
    F64(#[serde(with = "floats")] Vec<f64>),
    I64(Vec<i64>),
    U8(Vec<u8>),
    Bool(Vec<bool>),
}

impl Data {
    pub fn len(&self) -> usize {
        match self {
            Data::F64(v) => v.len(),
            Data::I64(v) => v.len(),
            Data::U8(v) => v.len(),
            Data::Bool(v) => v.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn dtype(&self) -> &'static str {
        match self {
            Data::F64(_) => "f64",
            Data::I64(_) => "i64",
            Data::U8(_) => "u8",
            Data::Bool(_) => "bool",
        }
    }
    /// Element `i` as a float (for comparisons and summaries).
    pub fn get_f64(&self, i: usize) -> f64 {
        match self {
            Data::F64(v) => v[i],
            Data::I64(v) => v[i] as f64,
            Data::U8(v) => v[i] as f64,
            Data::Bool(v) => v[i] as u8 as f64,
        }
    }
}

impl Value {
    /// A short description of the value's kind, for messages ("2-D f64 array of shape (3, 4)").
    pub fn describe(&self) -> String {
        match self {
            Value::F64 { .. } => "a float".into(),
            Value::I64 { .. } => "an integer".into(),
            Value::Bool { .. } => "a bool".into(),
            Value::Str { .. } => "a string".into(),
            Value::Array { shape, data } => {
                format!("a {}-D {} array of shape {}", shape.len(), data.dtype(), fmt_shape(shape))
            }
            Value::Tuple { items } => format!("a tuple of {}", items.len()),
            Value::None => "None".into(),
            Value::Error { .. } => "an error".into(),
        }
    }
}

/// `(3, 4)`, `(5,)`, `()` as NumPy prints shapes.
pub fn fmt_shape(shape: &[usize]) -> String {
    match shape {
        [] => "()".into(),
        [n] => format!("({n},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

mod float {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn encode<S: Serializer>(x: f64, s: S) -> Result<S::Ok, S::Error> {
        if x.is_finite() {
            s.serialize_f64(x)
        } else if x.is_nan() {
            s.serialize_str("nan")
        } else if x > 0.0 {
            s.serialize_str("inf")
        } else {
            s.serialize_str("-inf")
        }
    }
    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        encode(*x, s)
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    pub(super) enum F {
        Num(f64),
        Text(String),
    }
    impl F {
        pub(super) fn get<E: serde::de::Error>(self) -> Result<f64, E> {
            match self {
                F::Num(x) => Ok(x),
                F::Text(t) => match t.as_str() {
                    "nan" => Ok(f64::NAN),
                    "inf" => Ok(f64::INFINITY),
                    "-inf" => Ok(f64::NEG_INFINITY),
                    _ => Err(E::custom(format!("not a number: {t:?}"))),
                },
            }
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        F::deserialize(d)?.get()
    }
}

mod floats {
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serializer};

    struct One(f64);
    impl serde::Serialize for One {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            super::float::encode(self.0, s)
        }
    }
    pub fn serialize<S: Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for &x in v {
            seq.serialize_element(&One(x))?;
        }
        seq.end()
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        Vec::<super::float::F>::deserialize(d)?.into_iter().map(|f| f.get()).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Element types

/// An element type an exercise may take or return inside an array.
pub trait Elem: Sized + Clone + 'static {
    const NAME: &'static str;
    fn from_data(data: &Data) -> Result<Vec<Self>, String>;
    fn into_data(v: Vec<Self>) -> Data;
}

fn int_from_float(x: f64) -> Option<i64> {
    (x.fract() == 0.0 && x.abs() < 9.0e15).then_some(x as i64)
}

fn ints(data: &Data) -> Result<Vec<i64>, String> {
    match data {
        Data::I64(v) => Ok(v.clone()),
        Data::U8(v) => Ok(v.iter().map(|&x| x as i64).collect()),
        Data::F64(v) => v.iter().map(|&x| int_from_float(x).ok_or_else(|| format!("expected integers, found {x}"))).collect(),
        Data::Bool(_) => Err("expected integers, found bools".into()),
    }
}

impl Elem for f64 {
    const NAME: &'static str = "f64";
    fn from_data(data: &Data) -> Result<Vec<Self>, String> {
        match data {
            Data::F64(v) => Ok(v.clone()),
            Data::I64(v) => Ok(v.iter().map(|&x| x as f64).collect()),
            Data::U8(v) => Ok(v.iter().map(|&x| x as f64).collect()),
            Data::Bool(_) => Err("expected numbers, found bools".into()),
        }
    }
    fn into_data(v: Vec<Self>) -> Data {
        Data::F64(v)
    }
}
impl Elem for f32 {
    const NAME: &'static str = "f32";
    fn from_data(data: &Data) -> Result<Vec<Self>, String> {
        Ok(f64::from_data(data)?.into_iter().map(|x| x as f32).collect())
    }
    fn into_data(v: Vec<Self>) -> Data {
        Data::F64(v.into_iter().map(|x| x as f64).collect())
    }
}
macro_rules! int_elem {
    ($($t:ty),*) => {$(
        impl Elem for $t {
            const NAME: &'static str = stringify!($t);
            fn from_data(data: &Data) -> Result<Vec<Self>, String> {
                ints(data)?
                    .into_iter()
                    .map(|x| <$t>::try_from(x).map_err(|_| format!("{x} does not fit in {}", stringify!($t))))
                    .collect()
            }
            fn into_data(v: Vec<Self>) -> Data {
                Data::I64(v.into_iter().map(|x| x as i64).collect())
            }
        }
    )*};
}
int_elem!(i64, i32, usize, u32);

impl Elem for u8 {
    const NAME: &'static str = "u8";
    fn from_data(data: &Data) -> Result<Vec<Self>, String> {
        match data {
            Data::U8(v) => Ok(v.clone()),
            _ => ints(data)?.into_iter().map(|x| u8::try_from(x).map_err(|_| format!("{x} does not fit in u8"))).collect(),
        }
    }
    fn into_data(v: Vec<Self>) -> Data {
        Data::U8(v)
    }
}
impl Elem for bool {
    const NAME: &'static str = "bool";
    fn from_data(data: &Data) -> Result<Vec<Self>, String> {
        match data {
            Data::Bool(v) => Ok(v.clone()),
            _ => Err(format!("expected bools, found {}", data.dtype())),
        }
    }
    fn into_data(v: Vec<Self>) -> Data {
        Data::Bool(v)
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding arguments

/// A type the judge can build from a [`Value`] to pass to an exercise.
pub trait FromValue: Sized {
    fn from_value(v: &Value) -> Result<Self, String>;
}

impl FromValue for f64 {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::F64 { v } => Ok(*v),
            Value::I64 { v } => Ok(*v as f64),
            other => Err(format!("expected a float, got {}", other.describe())),
        }
    }
}
impl FromValue for f32 {
    fn from_value(v: &Value) -> Result<Self, String> {
        f64::from_value(v).map(|x| x as f32)
    }
}
macro_rules! int_scalar {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: &Value) -> Result<Self, String> {
                let x = match v {
                    Value::I64 { v } => *v,
                    Value::F64 { v } => int_from_float(*v).ok_or_else(|| format!("expected an integer, got {v}"))?,
                    other => return Err(format!("expected an integer, got {}", other.describe())),
                };
                <$t>::try_from(x).map_err(|_| format!("{x} does not fit in {}", stringify!($t)))
            }
        }
    )*};
}
int_scalar!(i64, i32, usize, u32, u8, u64);

impl FromValue for bool {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Bool { v } => Ok(*v),
            other => Err(format!("expected a bool, got {}", other.describe())),
        }
    }
}
impl FromValue for String {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Str { v } => Ok(v.clone()),
            other => Err(format!("expected a string, got {}", other.describe())),
        }
    }
}
impl<T: Elem> FromValue for Vec<T> {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Array { shape, data } if shape.len() == 1 => T::from_data(data),
            other => Err(format!("expected a 1-D array (a Vec<{}>), got {}", T::NAME, other.describe())),
        }
    }
}
impl<A: Elem, D: Dimension> FromValue for ndarray::Array<A, D> {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Array { shape, data } => {
                let want = D::NDIM.map(|n| format!("{n}-D")).unwrap_or_else(|| "n-D".into());
                let dynamic = ArrayD::from_shape_vec(IxDyn(shape), A::from_data(data)?).map_err(|e| format!("bad array: {e}"))?;
                dynamic.into_dimensionality::<D>().map_err(|_| format!("expected a {want} array, got {}", v.describe()))
            }
            other => Err(format!("expected an array, got {}", other.describe())),
        }
    }
}
macro_rules! tuple_from {
    ($($n:tt $t:ident),*) => {
        impl<$($t: FromValue),*> FromValue for ($($t,)*) {
            fn from_value(v: &Value) -> Result<Self, String> {
                match v {
                    Value::Tuple { items } if items.len() == [$($n),*].len() => Ok(($($t::from_value(&items[$n])?,)*)),
                    other => Err(format!("expected a tuple, got {}", other.describe())),
                }
            }
        }
    };
}
tuple_from!(0 A, 1 B);
tuple_from!(0 A, 1 B, 2 C);

// ---------------------------------------------------------------------------------------------
// Encoding results

/// A type an exercise may return.
pub trait IntoValue {
    fn into_value(self) -> Value;
}

impl IntoValue for f64 {
    fn into_value(self) -> Value {
        Value::F64 { v: self }
    }
}
impl IntoValue for f32 {
    fn into_value(self) -> Value {
        Value::F64 { v: self as f64 }
    }
}
macro_rules! int_into {
    ($($t:ty),*) => {$(
        impl IntoValue for $t {
            fn into_value(self) -> Value { Value::I64 { v: self as i64 } }
        }
    )*};
}
int_into!(i64, i32, usize, u32, u8, u64);
impl IntoValue for bool {
    fn into_value(self) -> Value {
        Value::Bool { v: self }
    }
}
impl IntoValue for String {
    fn into_value(self) -> Value {
        Value::Str { v: self }
    }
}
impl IntoValue for () {
    fn into_value(self) -> Value {
        Value::Tuple { items: vec![] }
    }
}
impl<T: Elem> IntoValue for Vec<T> {
    fn into_value(self) -> Value {
        Value::Array { shape: vec![self.len()], data: T::into_data(self) }
    }
}
impl<A: Elem, S: ndarray::Data<Elem = A>, D: Dimension> IntoValue for ArrayBase<S, D> {
    fn into_value(self) -> Value {
        let shape = self.shape().to_vec();
        // `iter()` walks in logical (row-major) order whatever the memory layout. A standard-layout
        // array is copied as one slice: this is instantiated in the runner, which the grader
        // builds at opt-level 0 (see `grader/src/build`), and large timed results pass here.
        let data = A::into_data(match self.as_slice() {
            Some(s) => s.to_vec(),
            None => self.iter().cloned().collect(),
        });
        Value::Array { shape, data }
    }
}
impl<T: IntoValue> IntoValue for Option<T> {
    fn into_value(self) -> Value {
        match self {
            Some(v) => v.into_value(),
            None => Value::None,
        }
    }
}
impl<T: IntoValue, E: std::fmt::Display> IntoValue for Result<T, E> {
    fn into_value(self) -> Value {
        match self {
            Ok(v) => v.into_value(),
            Err(e) => Value::Error { message: e.to_string() },
        }
    }
}
macro_rules! tuple_into {
    ($($n:tt $t:ident),*) => {
        impl<$($t: IntoValue),*> IntoValue for ($($t,)*) {
            fn into_value(self) -> Value { Value::Tuple { items: vec![$(self.$n.into_value()),*] } }
        }
    };
}
tuple_into!(0 A, 1 B);
tuple_into!(0 A, 1 B, 2 C);
tuple_into!(0 A, 1 B, 2 C, 3 D);

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn arrays_round_trip_through_json_with_non_finite_values() {
        let v = array![[1.0, f64::NAN], [f64::INFINITY, -2.5]].into_value();
        let text = serde_json::to_string(&v).unwrap();
        assert!(text.contains("\"nan\""), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        let a = ndarray::Array2::<f64>::from_value(&back).unwrap();
        assert!(a[[0, 1]].is_nan());
        assert_eq!(a[[1, 0]], f64::INFINITY);
        assert_eq!(a[[1, 1]], -2.5);
    }

    #[test]
    fn transposed_views_are_encoded_in_logical_order() {
        let a = array![[1, 2, 3], [4, 5, 6]];
        let v = a.t().into_value();
        assert_eq!(v, Value::Array { shape: vec![3, 2], data: Data::I64(vec![1, 4, 2, 5, 3, 6]) });
    }

    #[test]
    fn wrong_dimensionality_is_a_clear_error() {
        let v = array![1.0, 2.0].into_value();
        let e = ndarray::Array2::<f64>::from_value(&v).unwrap_err();
        assert!(e.contains("expected a 2-D array"), "{e}");
        assert!(usize::from_value(&Value::I64 { v: -1 }).is_err());
        assert_eq!(Vec::<usize>::from_value(&Value::Array { shape: vec![2], data: Data::F64(vec![1.0, 2.0]) }).unwrap(), vec![1, 2]);
    }
}
