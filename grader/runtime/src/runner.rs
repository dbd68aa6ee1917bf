//! The `main` of a module's runner binary: the only code that runs in the student's process.
//!
//! It computes and reports; it never decides a verdict. Three commands:
//! - `list`: prints the exercises of every variant as JSON.
//! - `case DIR`: reads `DIR/in.json` (`{exercise, variant, args}`), calls the exercise and
//!   writes `DIR/out.json` (`{status: "ok", value}` or `{status: "panic", message, location}`).
//! - `time`: a line protocol on stdin/stdout used by the judge's timing checks. Anything the
//!   student's code prints to stdout is moved to stderr first, so it cannot forge a reply.

use crate::inputs::ArgSpec;
use crate::prims::{Prepared, Primitive};
use crate::table::{Prepared as Call, Table};
use crate::value::{Data, Value};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

/// A named set of bindings: `""` is the submission, other names are naive variants.
pub type Variant = (&'static str, fn(&mut Table));

#[derive(Serialize, Deserialize)]
pub struct CaseInput {
    pub exercise: String,
    #[serde(default)]
    pub variant: String,
    pub args: Vec<Value>,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CaseOutput {
    Ok {
        value: Value,
    },
    Panic {
        message: String,
        location: Option<String>,
    },
    /// The case's arguments do not fit the exercise's signature (a grader-side problem).
    BadArgs {
        message: String,
    },
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(tag = "cmd", rename_all = "snake_case")]
pub enum TimeCmd {
    Setup {
        exercise: String,
        variant: String,
        args: Vec<ArgSpec>,
        primitive: Primitive,
    },
    /// Decode the arguments (untimed; once, later calls reuse them).
    Prep,
    /// Run the primitive once.
    Prim,
    /// Call the prepared exercise once; with `fingerprint`, send a summary of its result after the reply.
    Call {
        fingerprint: bool,
    },
    Quit,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum TimeReply {
    Ok,
    Done,
    Fingerprint { value: Value },
    Panic { message: String, location: Option<String> },
    Error { message: String },
}

static LAST_PANIC: Mutex<Option<(String, Option<String>)>> = Mutex::new(None);

fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic with a non-text payload".into());
        let mut location = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
        // A panic inside a library (an ndarray shape assertion, say) is reported with the
        // submission's own line that called it, found in the backtrace.
        if location.as_deref().is_some_and(|l| !l.contains("sub-")) {
            let bt = std::backtrace::Backtrace::force_capture().to_string();
            if let Some(caller) = bt.lines().map(str::trim).filter_map(|l| l.strip_prefix("at ")).find(|l| l.contains("sub-") && l.contains("/src/")) {
                location = Some(format!("{} (called from {caller})", location.unwrap_or_default()));
            }
        }
        eprintln!("panicked at {}: {message}", location.as_deref().unwrap_or("?"));
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some((message, location));
        }
    }));
}

fn take_panic() -> (String, Option<String>) {
    LAST_PANIC.lock().ok().and_then(|mut l| l.take()).unwrap_or_else(|| ("unknown panic".into(), None))
}

fn build(variants: &[Variant], name: &str) -> Result<Table, String> {
    let (_, f) = variants.iter().find(|(n, _)| *n == name).ok_or_else(|| format!("no variant {name:?}"))?;
    let mut t = Table::default();
    f(&mut t);
    Ok(t)
}

/// Runs the thunk, turning a panic into its message and location.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, (String, Option<String>)> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| take_panic())
}

pub fn main(variants: &[Variant]) -> ! {
    install_panic_hook();
    let args: Vec<String> = std::env::args().collect();
    let code = match args.get(1).map(String::as_str) {
        Some("list") => {
            let all: std::collections::BTreeMap<_, _> =
                variants.iter().map(|(n, _)| (n.to_string(), build(variants, n).map(|t| t.names()).unwrap_or_default())).collect();
            println!("{}", serde_json::to_string(&all).unwrap());
            0
        }
        Some("case") if args.len() == 3 => run_case(variants, std::path::Path::new(&args[2])),
        Some("time") => run_timing(variants),
        _ => {
            eprintln!("usage: runner list | case DIR | time");
            2
        }
    };
    std::process::exit(code)
}

fn write_atomic(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(tmp, path)
}

fn run_case(variants: &[Variant], dir: &std::path::Path) -> i32 {
    let input: CaseInput =
        match std::fs::read_to_string(dir.join("in.json")).map_err(|e| e.to_string()).and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string())) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("runner: cannot read the case: {e}");
                return 3;
            }
        };
    let out = match build(variants, &input.variant).and_then(|t| t.prepare(&input.exercise, &input.args)) {
        Err(message) => CaseOutput::BadArgs { message },
        Ok(call) => match guarded(move || call.call()()) {
            Ok(value) => CaseOutput::Ok { value },
            Err((message, location)) => CaseOutput::Panic { message, location },
        },
    };
    match write_atomic(&dir.join("out.json"), &serde_json::to_string(&out).unwrap()) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("runner: cannot write the result: {e}");
            3
        }
    }
}

/// A few numbers that identify a result without shipping it: shape, sum, sum of absolute values
/// and a position-weighted sum, per array or scalar (tuples are summarised item by item).
pub fn fingerprint(v: &Value) -> Value {
    match v {
        Value::Array { shape, data } => {
            let n = data.len();
            let (mut s, mut a, mut w) = (0.0, 0.0, 0.0);
            for i in 0..n {
                let x = data.get_f64(i);
                s += x;
                a += x.abs();
                w += x * ((i % 7) as f64 + 1.0);
            }
            let mut summary: Vec<f64> = shape.iter().map(|&d| d as f64).collect();
            summary.extend([s, a, w]);
            Value::Array { shape: vec![summary.len()], data: Data::F64(summary) }
        }
        Value::Tuple { items } => Value::Tuple { items: items.iter().map(fingerprint).collect() },
        other => other.clone(),
    }
}

fn run_timing(variants: &[Variant]) -> i32 {
    // Keep a private copy of stdout for replies, then point fd 1 at stderr.
    let reply_fd = unsafe { libc::dup(1) };
    if reply_fd < 0 || unsafe { libc::dup2(2, 1) } < 0 {
        eprintln!("runner: cannot set up the reply channel");
        return 3;
    }
    use std::os::fd::FromRawFd;
    let mut replies = unsafe { std::fs::File::from_raw_fd(reply_fd) };
    let mut send = |r: TimeReply| {
        let _ = writeln!(replies, "{}", serde_json::to_string(&r).unwrap());
        let _ = replies.flush();
    };

    let stdin = std::io::stdin();
    let mut table: Option<Table> = None;
    let mut exercise = String::new();
    let mut args: Vec<Value> = Vec::new();
    let mut prim: Option<Prepared> = None;
    let mut prepared: Option<Call> = None;
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let cmd: TimeCmd = match serde_json::from_str(&line) {
            Ok(c) => c,
            Err(e) => {
                send(TimeReply::Error { message: format!("bad command: {e}") });
                continue;
            }
        };
        match cmd {
            TimeCmd::Setup { exercise: ex, variant, args: specs, primitive } => {
                let setup = || -> Result<(), String> {
                    let t = build(variants, &variant)?;
                    let vals = specs.iter().map(|s| s.materialize()).collect::<Result<Vec<_>, _>>()?;
                    let _ = t.prepare(&ex, &vals)?; // check the arguments fit before timing starts
                    table = Some(t);
                    args = vals;
                    exercise = ex;
                    prim = Some(primitive.prepare());
                    Ok(())
                };
                match setup() {
                    Ok(()) => send(TimeReply::Ok),
                    Err(message) => send(TimeReply::Error { message }),
                }
            }
            // The arguments are decoded once and reused by every call: exercises borrow them
            // immutably, and long-lived buffers keep page faults out of the measurements.
            TimeCmd::Prep if prepared.is_some() => send(TimeReply::Ok),
            TimeCmd::Prep => match table.as_ref().map(|t| t.prepare(&exercise, &args)) {
                Some(Ok(c)) => {
                    prepared = Some(c);
                    send(TimeReply::Ok)
                }
                Some(Err(message)) => send(TimeReply::Error { message }),
                None => send(TimeReply::Error { message: "prep before setup".into() }),
            },
            TimeCmd::Prim => match prim.as_mut() {
                Some(p) => {
                    p.run();
                    send(TimeReply::Done)
                }
                None => send(TimeReply::Error { message: "prim before setup".into() }),
            },
            TimeCmd::Call { fingerprint: want } => {
                let Some(c) = prepared.as_ref() else {
                    send(TimeReply::Error { message: "call before prep".into() });
                    continue;
                };
                // The reply goes out as soon as the function returns; encoding the result and
                // dropping it happen after, outside the measured time.
                match guarded(|| c.call()) {
                    Ok(out) => {
                        send(TimeReply::Done);
                        if want {
                            match guarded(out) {
                                Ok(v) => send(TimeReply::Fingerprint { value: fingerprint(&v) }),
                                Err((message, location)) => send(TimeReply::Panic { message, location }),
                            }
                        }
                    }
                    Err((message, location)) => send(TimeReply::Panic { message, location }),
                }
            }
            TimeCmd::Quit => break,
        }
    }
    0
}
