//! The table of exercises a module's glue file fills in, one line per exercise:
//!
//! ```ignore
//! t.add("column_stats", |a: &Array2<f64>| sub::column_stats(a));
//! t.add("grid", |r: &usize, c: &usize| sub::grid(*r, *c));
//! ```
//!
//! The closure names the argument types the judge decodes from the case's values and receives
//! them by reference; `sub` is the crate being graded (the student's code, the reference
//! solution, or a naive variant). Arguments are decoded before a call and dropped after it, so a
//! timed call measures the student's function and nothing else.

use crate::value::{FromValue, IntoValue, Value};
use std::any::Any;
use std::collections::BTreeMap;

/// The result of a call, not yet encoded (encoding happens outside timed regions).
pub type Output = Box<dyn FnOnce() -> Value>;
type Prepare = Box<dyn Fn(&[Value]) -> Result<Prepared, String>>;

/// A call whose arguments are decoded and owned; [`Prepared::call`] borrows them.
pub struct Prepared {
    args: Box<dyn Any>,
    call: Box<dyn Fn(&dyn Any) -> Output>,
}

impl Prepared {
    /// Calls the exercise. The arguments stay alive in `self` (dropped when `self` is).
    pub fn call(&self) -> Output {
        (self.call)(&*self.args)
    }
}

/// An exercise the judge can call with decoded arguments.
pub trait Callable<Args>: 'static {
    fn prepare(&self, args: &[Value]) -> Result<Prepared, String>;
}

fn arity(args: &[Value], n: usize) -> Result<(), String> {
    if args.len() == n { Ok(()) } else { Err(format!("the exercise takes {n} argument(s), the case gives {}", args.len())) }
}

fn output<R: IntoValue + 'static>(r: R) -> Output {
    Box::new(move || r.into_value())
}

macro_rules! callable {
    ($n:literal; $($i:tt $a:ident),*) => {
        impl<F, R, $($a),*> Callable<($($a,)*)> for F
        where
            F: Fn($(&$a),*) -> R + Clone + 'static,
            R: IntoValue + 'static,
            $($a: FromValue + 'static),*
        {
            #[allow(non_snake_case, unused_variables)]
            fn prepare(&self, args: &[Value]) -> Result<Prepared, String> {
                arity(args, $n)?;
                let decoded: ($($a,)*) = ($($a::from_value(&args[$i]).map_err(|e| format!("argument {}: {e}", $i + 1))?,)*);
                let f = self.clone();
                Ok(Prepared {
                    args: Box::new(decoded),
                    call: Box::new(move |any: &dyn Any| {
                        let ($($a,)*) = any.downcast_ref::<($($a,)*)>().expect("argument types");
                        output(f($($a),*))
                    }),
                })
            }
        }
    };
}
callable!(0;);
callable!(1; 0 A);
callable!(2; 0 A, 1 B);
callable!(3; 0 A, 1 B, 2 C);
callable!(4; 0 A, 1 B, 2 C, 3 D);
callable!(5; 0 A, 1 B, 2 C, 3 D, 4 E);

/// Exercise name → how to call it.
#[derive(Default)]
pub struct Table {
    entries: BTreeMap<String, Prepare>,
}

impl Table {
    /// Declares one exercise.
    pub fn add<Args, F: Callable<Args>>(&mut self, name: &str, f: F) -> &mut Self {
        let prev = self.entries.insert(name.to_string(), Box::new(move |args| f.prepare(args)));
        assert!(prev.is_none(), "exercise {name} is declared twice in the glue");
        self
    }

    pub fn names(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }

    /// Decodes the arguments for `name`.
    pub fn prepare(&self, name: &str, args: &[Value]) -> Result<Prepared, String> {
        let p = self.entries.get(name).ok_or_else(|| format!("no exercise named {name:?} in this module's glue"))?;
        p(args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array1, Array2, array};

    #[test]
    fn closures_receive_decoded_arguments_by_reference() {
        let mut t = Table::default();
        t.add("sum_rows", |a: &Array2<f64>| a.sum_axis(ndarray::Axis(1)));
        t.add("scale", |a: &Array1<f64>, s: &f64| a * *s);
        let a = array![[1.0, 2.0], [3.0, 4.0]].into_value();
        let out = t.prepare("sum_rows", &[a]).unwrap().call()();
        assert_eq!(out, array![3.0, 7.0].into_value());
        let e = t.prepare("scale", &[array![1.0].into_value()]).err().unwrap();
        assert!(e.contains("takes 2 argument"), "{e}");
        let e = t.prepare("scale", &[Value::F64 { v: 1.0 }, Value::F64 { v: 2.0 }]).err().unwrap();
        assert!(e.starts_with("argument 1:"), "{e}");
        assert!(t.prepare("nope", &[]).is_err());
    }
}
