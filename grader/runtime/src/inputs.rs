//! Case inputs as they are written in a module's TOML, and how they become [`Value`]s.
//!
//! A TOML argument is either a literal (`3`, `2.5`, `true`, `"text"`, `[[1, 2], [3, 4]]`) or a
//! generator table with a fixed seed, for example `{ randn = [200, 3], seed = 1 }`. Generators use
//! ChaCha8, whose stream is fixed by its specification, so the same seed gives the same data on
//! every machine and every version of the workbook.

use crate::value::{Data, Value};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

/// One argument of a case, before it is materialised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ArgSpec {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<ArgSpec>),
    Gen(Box<Generator>),
}

/// A seeded generator. Exactly one of the shape keys (`randn`, `uniform`, `randint`, `zeros`,
/// `full`, `arange`, `array`) must be present.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    /// Standard normal samples (times `std`, plus `mean`).
    pub randn: Option<Vec<usize>>,
    /// Uniform samples in `[low, high)`.
    pub uniform: Option<Vec<usize>>,
    /// Integers in `[low, high)`, as an integer array.
    pub randint: Option<Vec<usize>>,
    pub zeros: Option<Vec<usize>>,
    /// Every element equal to `value`.
    pub full: Option<Vec<usize>>,
    /// `0, 1, 2, ...` in the given shape (as floats unless `dtype = "i64"`).
    pub arange: Option<Vec<usize>>,
    /// A literal with an explicit element type (`dtype`).
    pub array: Option<Box<ArgSpec>>,
    pub seed: Option<u64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub mean: Option<f64>,
    pub std: Option<f64>,
    pub value: Option<f64>,
    /// `f64` (default), `i64`, `u8` or `bool`.
    pub dtype: Option<String>,
    /// Set this fraction of the elements (chosen with the seed) to NaN.
    pub nan_fraction: Option<f64>,
    /// A square matrix made symmetric: `(A + Aᵀ) / 2` of the generated `A`. Left out when
    /// absent, so the specs written before it existed keep their hashes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symmetric: Option<bool>,
}

impl ArgSpec {
    /// Checks the spec without generating its (possibly large) data: generators are tried
    /// with every dimension shrunk to 1.
    pub fn check(&self) -> Result<(), String> {
        match self {
            ArgSpec::Gen(g) => {
                let mut small = g.clone();
                for s in [&mut small.randn, &mut small.uniform, &mut small.randint, &mut small.zeros, &mut small.full, &mut small.arange].into_iter().flatten()
                {
                    s.iter_mut().for_each(|d| *d = (*d).min(1));
                }
                small.materialize().map(|_| ())
            }
            other => other.materialize().map(|_| ()),
        }
    }

    /// The `k`-th input of a timed check: the same spec with every generator's seed mixed with
    /// `k` (`k = 0` is the spec itself). Timed calls each get a different input, so nothing
    /// can be remembered from one call to the next.
    pub fn input(&self, k: u32) -> ArgSpec {
        match self {
            ArgSpec::Gen(g) if k > 0 => {
                let mut g = g.clone();
                g.seed = Some(crate::mix64(g.seed.unwrap_or(0) ^ crate::mix64(u64::from(k))));
                ArgSpec::Gen(g)
            }
            ArgSpec::List(items) => ArgSpec::List(items.iter().map(|a| a.input(k)).collect()),
            other => other.clone(),
        }
    }

    /// Turns the spec into a value, or says why it cannot.
    pub fn materialize(&self) -> Result<Value, String> {
        match self {
            ArgSpec::Bool(v) => Ok(Value::Bool { v: *v }),
            ArgSpec::Int(v) => Ok(Value::I64 { v: *v }),
            ArgSpec::Float(v) => Ok(Value::F64 { v: *v }),
            ArgSpec::Str(v) => Ok(Value::Str { v: v.clone() }),
            ArgSpec::List(items) => literal(items),
            ArgSpec::Gen(g) => g.materialize(),
        }
    }
}

fn literal(items: &[ArgSpec]) -> Result<Value, String> {
    let mut shape = Vec::new();
    let mut leaves = Vec::new();
    flatten(items, 0, &mut shape, &mut leaves)?;
    let data = if leaves.iter().all(|l| matches!(l, ArgSpec::Int(_))) {
        Data::I64(leaves.iter().map(|l| if let ArgSpec::Int(v) = l { *v } else { 0 }).collect())
    } else if leaves.iter().all(|l| matches!(l, ArgSpec::Int(_) | ArgSpec::Float(_))) {
        Data::F64(
            leaves
                .iter()
                .map(|l| match l {
                    ArgSpec::Int(v) => *v as f64,
                    ArgSpec::Float(v) => *v,
                    _ => 0.0,
                })
                .collect(),
        )
    } else if leaves.iter().all(|l| matches!(l, ArgSpec::Bool(_))) {
        Data::Bool(leaves.iter().map(|l| matches!(l, ArgSpec::Bool(true))).collect())
    } else {
        return Err("an array literal must hold only numbers or only bools".into());
    };
    Ok(Value::Array { shape, data })
}

fn flatten<'a>(items: &'a [ArgSpec], depth: usize, shape: &mut Vec<usize>, out: &mut Vec<&'a ArgSpec>) -> Result<(), String> {
    if shape.len() == depth {
        shape.push(items.len());
    } else if shape[depth] != items.len() {
        return Err(format!("ragged array literal: rows of length {} and {}", shape[depth], items.len()));
    }
    for item in items {
        match item {
            ArgSpec::List(inner) => flatten(inner, depth + 1, shape, out)?,
            ArgSpec::Gen(_) | ArgSpec::Str(_) => return Err("an array literal may not contain tables or strings".into()),
            leaf => {
                if shape.len() > depth + 1 {
                    return Err("ragged array literal: mixed nesting depths".into());
                }
                out.push(leaf)
            }
        }
    }
    if items.is_empty() && shape.len() == depth + 1 && depth == 0 {
        // `[]` is an empty 1-D array
    }
    Ok(())
}

impl Generator {
    pub fn materialize(&self) -> Result<Value, String> {
        let shapes = [
            ("randn", &self.randn),
            ("uniform", &self.uniform),
            ("randint", &self.randint),
            ("zeros", &self.zeros),
            ("full", &self.full),
            ("arange", &self.arange),
        ];
        let given: Vec<_> = shapes.iter().filter(|(_, s)| s.is_some()).collect();
        let n_kinds = given.len() + self.array.is_some() as usize;
        if n_kinds != 1 {
            return Err(format!("a generator needs exactly one of randn, uniform, randint, zeros, full, arange, array (found {n_kinds})"));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed.unwrap_or(0));
        let dtype = self.dtype.as_deref().unwrap_or("f64");
        if let Some(lit) = &self.array {
            let v = lit.materialize()?;
            return match v {
                Value::Array { shape, data } => Ok(Value::Array { shape, data: cast(data, dtype)? }),
                other => Err(format!("`array` must be an array literal, got {}", other.describe())),
            };
        }
        let (kind, shape) = given[0];
        let shape = shape.as_ref().unwrap().clone();
        let n: usize = shape.iter().product();
        let data = match *kind {
            "randn" => {
                let (m, s) = (self.mean.unwrap_or(0.0), self.std.unwrap_or(1.0));
                Data::F64(
                    (0..n)
                        .map(|_| {
                            let z: f64 = StandardNormal.sample(&mut rng);
                            m + s * z
                        })
                        .collect(),
                )
            }
            "uniform" => {
                let (lo, hi) = (self.low.unwrap_or(0.0), self.high.unwrap_or(1.0));
                if !(lo < hi) {
                    return Err(format!("uniform needs low < high (got {lo}, {hi})"));
                }
                Data::F64((0..n).map(|_| rng.random_range(lo..hi)).collect())
            }
            "randint" => {
                let (lo, hi) = (self.low.unwrap_or(0.0) as i64, self.high.ok_or("randint needs `high`")? as i64);
                if lo >= hi {
                    return Err(format!("randint needs low < high (got {lo}, {hi})"));
                }
                Data::I64((0..n).map(|_| rng.random_range(lo..hi)).collect())
            }
            "zeros" => Data::F64(vec![0.0; n]),
            "full" => Data::F64(vec![self.value.ok_or("full needs `value`")?; n]),
            "arange" => Data::F64((0..n).map(|i| i as f64).collect()),
            _ => unreachable!(),
        };
        let data = if self.symmetric == Some(true) { symmetrize(data, &shape)? } else { data };
        // Cast only when the type changes: timed inputs reach 128 MB, and a copy of that is
        // a sizeable share of a timed check's untimed work.
        let unchanged = matches!((&data, dtype), (Data::F64(_), "f64"));
        let mut data = if (*kind == "randint" && dtype == "f64" && self.dtype.is_none()) || unchanged { data } else { cast(data, dtype)? };
        if let Some(frac) = self.nan_fraction {
            match &mut data {
                Data::F64(v) => {
                    for x in v.iter_mut() {
                        if rng.random::<f64>() < frac {
                            *x = f64::NAN;
                        }
                    }
                }
                _ => return Err("nan_fraction needs a float array".into()),
            }
        }
        Ok(Value::Array { shape, data })
    }
}

/// `(A + Aᵀ) / 2` of a square float matrix.
fn symmetrize(data: Data, shape: &[usize]) -> Result<Data, String> {
    let (Data::F64(mut v), [n, m]) = (data, shape) else {
        return Err("symmetric needs a 2-D float generator (randn or uniform)".into());
    };
    if n != m {
        return Err(format!("symmetric needs a square shape, got {n}x{m}"));
    }
    for i in 0..*n {
        for j in i + 1..*n {
            let s = 0.5 * (v[i * n + j] + v[j * n + i]);
            v[i * n + j] = s;
            v[j * n + i] = s;
        }
    }
    Ok(Data::F64(v))
}

fn cast(data: Data, dtype: &str) -> Result<Data, String> {
    let n = data.len();
    Ok(match dtype {
        "f64" => Data::F64((0..n).map(|i| data.get_f64(i)).collect()),
        "i64" => Data::I64(
            (0..n)
                .map(|i| {
                    let x = data.get_f64(i);
                    if x.fract() == 0.0 { Ok(x as i64) } else { Err(format!("{x} is not an integer")) }
                })
                .collect::<Result<_, String>>()?,
        ),
        "u8" => Data::U8(
            (0..n)
                .map(|i| {
                    let x = data.get_f64(i);
                    if x.fract() == 0.0 && (0.0..=255.0).contains(&x) { Ok(x as u8) } else { Err(format!("{x} is not a u8")) }
                })
                .collect::<Result<_, String>>()?,
        ),
        "bool" => Data::Bool((0..n).map(|i| data.get_f64(i) != 0.0).collect()),
        other => return Err(format!("unknown dtype {other:?} (use f64, i64, u8 or bool)")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(json: &str) -> ArgSpec {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn literals_infer_shape_and_type() {
        assert_eq!(spec("[[1, 2], [3, 4]]").materialize().unwrap(), Value::Array { shape: vec![2, 2], data: Data::I64(vec![1, 2, 3, 4]) });
        assert_eq!(spec("[1, 2.5]").materialize().unwrap(), Value::Array { shape: vec![2], data: Data::F64(vec![1.0, 2.5]) });
        assert!(spec("[[1, 2], [3]]").materialize().unwrap_err().contains("ragged"));
    }

    #[test]
    fn generators_are_reproducible_and_validated() {
        let a = spec(r#"{"randn": [3, 2], "seed": 5}"#).materialize().unwrap();
        let b = spec(r#"{"randn": [3, 2], "seed": 5}"#).materialize().unwrap();
        let c = spec(r#"{"randn": [3, 2], "seed": 6}"#).materialize().unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(spec(r#"{"randn": [3], "zeros": [3]}"#).materialize().is_err());
        let ints = spec(r#"{"randint": [1000], "low": 0, "high": 4, "seed": 1}"#).materialize().unwrap();
        match ints {
            Value::Array { data: Data::I64(v), .. } => assert!(v.iter().all(|&x| (0..4).contains(&x))),
            other => panic!("{other:?}"),
        }
        assert!(serde_json::from_str::<ArgSpec>(r#"{"randn": [3], "sed": 1}"#).is_err());
    }

    #[test]
    fn symmetric_generator() {
        let Value::Array { shape, data: Data::F64(v) } = spec(r#"{"randn": [4, 4], "seed": 3, "symmetric": true}"#).materialize().unwrap() else { panic!() };
        assert_eq!(shape, vec![4, 4]);
        assert!((0..4).all(|i| (0..4).all(|j| v[i * 4 + j] == v[j * 4 + i])));
        assert!(v.iter().any(|&x| x != v[0]));
        assert!(spec(r#"{"randn": [4, 3], "symmetric": true}"#).materialize().unwrap_err().contains("square"));
        assert!(spec(r#"{"randn": [4], "symmetric": true}"#).materialize().is_err());
    }
}
