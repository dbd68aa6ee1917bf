//! The `main` of a module's runner binary: the only code that runs in the student's process.
//!
//! It computes and reports; it never decides a verdict. Three commands:
//! - `list`: prints the exercises of every variant as JSON.
//! - `case DIR`: reads `DIR/in.json` (`{exercise, variant, args}`), calls the exercise and
//!   sends one line on the private channel (below): `{status: "ok", value}` or
//!   `{status: "panic", message, location}`.
//! - `cases DIR`: the same for several cases of one exercise: reads `DIR/in.json` (a list of
//!   inputs) and sends one line (`{elapsed_s, output}`) after each case, stopping at the first
//!   that does not return a value. The judge runs the others alone (see the grader's `run`).
//!
//! Results travel only on the private channel, never through a file: the case's scratch
//! folder is writable by the submission, so a result file could be written by the submission
//! itself (a forged "ok" for a check that returns `Ok(())`, then `exit(0)`).
//! - `time`: a line protocol used by the judge's timing checks.
//!
//! The private channel: the judge hands a socket over as stdin and stdout; before anything
//! else runs, the runner moves it to two
//!   private descriptors and points stdin at `/dev/null` and stdout at stderr. Safe Rust has no
//!   way to write to a descriptor it was not given (the judge builds submissions with
//!   `unsafe_code` forbidden), and a socket cannot be reopened through `/proc/self/fd`, so a
//!   submission can neither read the judge's commands nor forge a reply.

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

/// One case's result in a batch (`cases DIR`).
#[derive(Serialize, Deserialize, Debug)]
pub struct BatchOutput {
    /// Measured by the runner (informational: no verdict depends on it).
    pub elapsed_s: f64,
    pub output: CaseOutput,
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
    /// Make the `input`-th input (untimed) and drop the previous one and its result.
    Prep {
        input: u32,
    },
    /// Run the primitive once.
    Prim,
    /// Call the exercise once on the prepared input; the result is kept for `Fingerprint`.
    Call,
    /// Summarise the kept result with weights drawn from `salt` (sent only after the call
    /// returned, so no result can be shaped to fit it). May be repeated with other salts.
    Fingerprint {
        salt: u64,
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
        Some("cases") if args.len() == 3 => run_cases(variants, std::path::Path::new(&args[2])),
        Some("time") => run_timing(variants),
        _ => {
            eprintln!("usage: runner list | case DIR | cases DIR | time");
            2
        }
    };
    std::process::exit(code)
}

fn read_input<T: serde::de::DeserializeOwned>(dir: &std::path::Path) -> Result<T, String> {
    std::fs::read_to_string(dir.join("in.json")).map_err(|e| e.to_string()).and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
}

/// Sends one JSON line on the private channel.
fn send_line(to: &mut std::fs::File, v: &impl Serialize) -> bool {
    writeln!(to, "{}", serde_json::to_string(v).unwrap()).and_then(|_| to.flush()).is_ok()
}

fn run_case(variants: &[Variant], dir: &std::path::Path) -> i32 {
    let (_commands, mut results) = match private_channel() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("runner: {e}");
            return 3;
        }
    };
    let input: CaseInput = match read_input(dir) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("runner: cannot read the case: {e}");
            return 3;
        }
    };
    let out = one(variants, &input);
    if send_line(&mut results, &out) { 0 } else { 3 }
}

fn one(variants: &[Variant], input: &CaseInput) -> CaseOutput {
    match build(variants, &input.variant).and_then(|t| t.prepare(&input.exercise, &input.args)) {
        Err(message) => CaseOutput::BadArgs { message },
        Ok(call) => match guarded(move || call.call()()) {
            Ok(value) => CaseOutput::Ok { value },
            Err((message, location)) => CaseOutput::Panic { message, location },
        },
    }
}

fn run_cases(variants: &[Variant], dir: &std::path::Path) -> i32 {
    let (_commands, mut results) = match private_channel() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("runner: {e}");
            return 3;
        }
    };
    let inputs: Vec<CaseInput> = match read_input(dir) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("runner: cannot read the cases: {e}");
            return 3;
        }
    };
    for input in &inputs {
        let start = std::time::Instant::now();
        let output = one(variants, input);
        let returned = matches!(output, CaseOutput::Ok { .. });
        if !send_line(&mut results, &BatchOutput { elapsed_s: start.elapsed().as_secs_f64(), output }) {
            return 3;
        }
        // After a panic the process's state is not what a fresh process's would be (a lock the
        // code held may be poisoned): the judge runs the remaining cases alone.
        if !returned {
            break;
        }
    }
    0
}

/// A few numbers that identify a result without shipping it: per array, its shape, its sum,
/// the sum of absolute values and a sum with a pseudo-random weight in `[0.5, 1.5)` per element,
/// drawn from `salt` and the element's position (tuples are summarised item by item; scalars
/// are kept as they are). Knowing the other numbers does not help to match the weighted sum
/// for a salt one has not seen: only the whole, right result does.
pub fn fingerprint(v: &Value, salt: u64) -> Value {
    match v {
        Value::Array { shape, data } => {
            let n = data.len();
            let (mut s, mut a, mut w) = (0.0, 0.0, 0.0);
            let key = crate::mix64(salt);
            for i in 0..n {
                let x = data.get_f64(i);
                s += x;
                a += x.abs();
                let r = crate::mix64(key ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
                w += x * (0.5 + (r >> 11) as f64 * (1.0 / (1u64 << 53) as f64));
            }
            let mut summary: Vec<f64> = shape.iter().map(|&d| d as f64).collect();
            summary.extend([s, a, w]);
            Value::Array { shape: vec![summary.len()], data: Data::F64(summary) }
        }
        Value::Tuple { items } => Value::Tuple { items: items.iter().map(|x| fingerprint(x, salt)).collect() },
        other => other.clone(),
    }
}

/// Moves the judge's channel off stdin/stdout: returns (commands, replies) as private files and
/// leaves stdin on `/dev/null` and stdout on stderr.
fn private_channel() -> Result<(std::fs::File, std::fs::File), String> {
    use std::os::fd::FromRawFd;
    unsafe {
        let cmd_fd = libc::fcntl(0, libc::F_DUPFD_CLOEXEC, 3);
        let reply_fd = libc::fcntl(1, libc::F_DUPFD_CLOEXEC, 3);
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDONLY);
        if cmd_fd < 0 || reply_fd < 0 || null < 0 || libc::dup2(null, 0) < 0 || libc::dup2(2, 1) < 0 {
            return Err("cannot set up the private channel".into());
        }
        libc::close(null);
        Ok((std::fs::File::from_raw_fd(cmd_fd), std::fs::File::from_raw_fd(reply_fd)))
    }
}

/// Larger than the last-level cache of any machine the course runs on.
const SCRUB_BYTES: usize = 128 << 20;

fn run_timing(variants: &[Variant]) -> i32 {
    let (commands, mut replies) = match private_channel() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("runner: {e}");
            return 3;
        }
    };
    let mut send = |r: TimeReply| {
        let _ = writeln!(replies, "{}", serde_json::to_string(&r).unwrap());
        let _ = replies.flush();
    };
    // The same memory conditions for every timed call (glibc): blocks under 32 MB always come
    // from the heap and freed memory stays there, so no call pays page faults for memory an
    // earlier call already touched, whatever the judge's input making freed in between.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, i32::MAX);
    }
    // Written over after each new input is made, so every call starts with cold caches (as if
    // its input had been made long ago), not with the input's tail still in the cache.
    let mut scrub: Vec<u8> = Vec::new();

    let mut table: Option<Table> = None;
    let mut exercise = String::new();
    let mut specs: Vec<ArgSpec> = Vec::new();
    let mut prim: Option<Prepared> = None;
    let mut prepared: Option<Call> = None;
    let mut result: Option<crate::table::Output> = None;
    // The last result, once encoded (it can be fingerprinted with several salts).
    let mut value: Option<Value> = None;
    for line in std::io::BufReader::new(commands).lines() {
        let Ok(line) = line else { break };
        let cmd: TimeCmd = match serde_json::from_str(&line) {
            Ok(c) => c,
            Err(e) => {
                send(TimeReply::Error { message: format!("bad command: {e}") });
                continue;
            }
        };
        match cmd {
            TimeCmd::Setup { exercise: ex, variant, args, primitive } => {
                let setup = || -> Result<(), String> {
                    let t = build(variants, &variant)?;
                    // check that the arguments fit before timing starts
                    let vals = args.iter().map(|s| s.materialize()).collect::<Result<Vec<_>, _>>()?;
                    let _ = t.prepare(&ex, &vals)?;
                    table = Some(t);
                    specs = args;
                    exercise = ex;
                    prim = Some(primitive.prepare());
                    Ok(())
                };
                match setup() {
                    Ok(()) => send(TimeReply::Ok),
                    Err(message) => send(TimeReply::Error { message }),
                }
            }
            // Untimed: the previous input and result are dropped, the next input is made and
            // decoded, so no allocation or page fault of the judge's lands in a measurement.
            TimeCmd::Prep { input } => {
                result = None;
                value = None;
                prepared = None;
                let made = specs.iter().map(|s| s.input(input).materialize()).collect::<Result<Vec<_>, _>>();
                match (table.as_ref(), made) {
                    (Some(t), Ok(vals)) => match t.prepare(&exercise, &vals) {
                        Ok(c) => {
                            prepared = Some(c);
                            drop(vals);
                            if scrub.is_empty() {
                                scrub = vec![0u8; SCRUB_BYTES];
                            }
                            for b in scrub.iter_mut().step_by(64) {
                                *b = b.wrapping_add(1);
                            }
                            std::hint::black_box(&scrub);
                            send(TimeReply::Ok)
                        }
                        Err(message) => send(TimeReply::Error { message }),
                    },
                    (None, _) => send(TimeReply::Error { message: "prep before setup".into() }),
                    (_, Err(message)) => send(TimeReply::Error { message }),
                }
            }
            TimeCmd::Prim => match prim.as_mut() {
                Some(p) => {
                    p.run();
                    send(TimeReply::Done)
                }
                None => send(TimeReply::Error { message: "prim before setup".into() }),
            },
            TimeCmd::Call => {
                let Some(c) = prepared.as_ref() else {
                    send(TimeReply::Error { message: "call before prep".into() });
                    continue;
                };
                // The reply goes out as soon as the function returns; encoding the result
                // happens on `Fingerprint`, outside the measured time.
                match guarded(|| c.call()) {
                    Ok(out) => {
                        send(TimeReply::Done);
                        value = None;
                        result = Some(out);
                    }
                    Err((message, location)) => send(TimeReply::Panic { message, location }),
                }
            }
            TimeCmd::Fingerprint { salt } => {
                if let Some(out) = result.take() {
                    match guarded(out) {
                        Ok(v) => value = Some(v),
                        Err((message, location)) => {
                            send(TimeReply::Panic { message, location });
                            continue;
                        }
                    }
                }
                match value.as_ref() {
                    Some(v) => send(TimeReply::Fingerprint { value: fingerprint(v, salt) }),
                    None => send(TimeReply::Error { message: "fingerprint without a call".into() }),
                }
            }
            TimeCmd::Quit => break,
        }
    }
    0
}
