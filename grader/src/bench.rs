//! `cargo xtask bench`: how fast the reference solutions are, and how that compares with NumPy.
//!
//! The tasks are `bench/tasks.toml`: one exercise each, with fixed arguments in the grader's
//! generator syntax. The Rust side of a task is the module's runner built from `solutions/`
//! (release, one thread, confined like a timed check), driven through the judge's timing
//! protocol ([`crate::timing`]). The NumPy side is `bench/numpy_tasks.py serve`, one long-lived
//! Python process with its BLAS held to one thread, driven by a protocol of the same shape
//! (`setup`, `prep`, `call`). Both sides are timed the same way: from outside, from sending
//! `call` to its reply, each call after an untimed `prep` that writes over 128 MB so that every
//! call starts with cold caches. Rounds alternate between the two sides (Rust first in even
//! rounds, NumPy first in odd ones), so machine noise hits both alike; medians are compared.
//!
//! Before a task is timed, the NumPy twin's result on the task's small `check` arguments is
//! compared with the reference's (through the fingerprint the timing protocol returns): a
//! ratio is only worth printing when both sides compute the same thing.
//!
//! Memory-bound tasks declare `bytes`, the least traffic they must move; the runner also times
//! a copy of that much traffic (the `copy` primitive) with the same cold caches, and the report
//! gives the task's bandwidth against the copy's.

use crate::course::Course;
use crate::timing::{Session, Wait};
use anyhow::{Context, Result, anyhow, bail};
use ndlab_runtime::inputs::ArgSpec;
use ndlab_runtime::prims::Primitive;
use ndlab_runtime::runner::{TimeCmd, TimeReply, fingerprint};
use ndlab_runtime::{Data, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// Where the task list and the NumPy script live.
pub fn tasks_file(course: &Course) -> PathBuf {
    course.root.join("bench").join("tasks.toml")
}
pub fn numpy_script(course: &Course) -> PathBuf {
    course.root.join("bench").join("numpy_tasks.py")
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// The results agree to rounding.
    #[default]
    Value,
    /// The result is random (its own seed and generator on each side): only shapes can agree.
    Shape,
}

/// One task of `bench/tasks.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// `module::function`.
    pub exercise: String,
    /// A label for the table (`"2000x2000x64"`).
    pub size: String,
    pub args: Vec<ArgSpec>,
    /// Small arguments on which the NumPy twin is checked against the reference.
    pub check: Vec<ArgSpec>,
    #[serde(default)]
    pub check_kind: CheckKind,
    /// The least memory traffic of the task, for memory-bound tasks.
    pub bytes: Option<u64>,
}

impl Task {
    pub fn module(&self) -> &str {
        self.exercise.split_once("::").map(|(m, _)| m).unwrap_or("")
    }
    /// The exercise's name within its module (the task's name in reports).
    pub fn name(&self) -> &str {
        self.exercise.split_once("::").map(|(_, f)| f).unwrap_or(&self.exercise)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskFile {
    task: Vec<Task>,
}

/// Reads and checks the task list: every module exists, every argument spec is well formed.
pub fn load(course: &Course, path: &Path) -> Result<Vec<Task>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the bench's task list {}", path.display()))?;
    let file: TaskFile = toml::from_str(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    for t in &file.task {
        let Some((m, f)) = t.exercise.split_once("::") else {
            bail!("{}: task {:?}: `exercise` must be `module::function`", path.display(), t.exercise);
        };
        if !course.modules.iter().any(|x| x == m) || f.is_empty() {
            bail!("{}: task {:?}: no module {m:?} in this course", path.display(), t.exercise);
        }
        for a in t.args.iter().chain(&t.check) {
            a.check().map_err(|e| anyhow!("{}: task {:?} ({}): {e}", path.display(), t.exercise, t.size))?;
        }
    }
    Ok(file.task)
}

/// Median and spread of one side's calls.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    pub median_ms: f64,
    /// Interquartile range over the median.
    pub spread: f64,
}

impl Side {
    fn of(ms: &[f64]) -> Side {
        let mut v = ms.to_vec();
        v.sort_by(f64::total_cmp);
        let q = |p: f64| {
            let x = p * (v.len() - 1) as f64;
            let (i, f) = (x.floor() as usize, x.fract());
            v[i] + f * (v[(i + 1).min(v.len() - 1)] - v[i])
        };
        let median = q(0.5);
        Side { median_ms: median, spread: if median > 0.0 { (q(0.75) - q(0.25)) / median } else { 0.0 } }
    }
}

/// What one task measured.
#[derive(Clone, Debug, Serialize)]
pub struct TaskResult {
    pub name: String,
    pub exercise: String,
    pub size: String,
    /// The reference solution (`None` when it could not run: see `error`).
    pub rust: Option<Side>,
    pub numpy: Option<Side>,
    /// Rust's median over NumPy's.
    pub ratio: Option<f64>,
    /// Did the NumPy twin agree with the reference on the check arguments (`None`: not compared).
    pub agrees: Option<bool>,
    pub bytes: Option<u64>,
    /// The task's traffic over its median time, and a copy's of the same traffic.
    pub gb_per_s: Option<f64>,
    pub copy_gb_per_s: Option<f64>,
    /// What went wrong, on either side.
    pub notes: Vec<String>,
}

impl TaskResult {
    /// Nothing measured yet.
    fn of(task: &Task) -> TaskResult {
        TaskResult {
            name: task.name().to_string(),
            exercise: task.exercise.clone(),
            size: task.size.clone(),
            rust: None,
            numpy: None,
            ratio: None,
            agrees: None,
            bytes: task.bytes,
            gb_per_s: None,
            copy_gb_per_s: None,
            notes: Vec::new(),
        }
    }
}

/// The NumPy side: `bench/numpy_tasks.py serve`.
pub struct NumPy {
    child: Child,
    to: ChildStdin,
    from: BufReader<ChildStdout>,
    pub info: serde_json::Value,
}

impl NumPy {
    /// Starts the script with `python`; fails with the interpreter's own words when NumPy (or
    /// Python) is missing.
    pub fn start(python: &Path, script: &Path) -> Result<NumPy> {
        let mut child = Command::new(python)
            .arg(script)
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("cannot start {}", python.display()))?;
        let to = child.stdin.take().expect("piped");
        let from = BufReader::new(child.stdout.take().expect("piped"));
        let stderr = child.stderr.take().expect("piped");
        // Its diagnostics are kept for an error message, never mixed with the table.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut BufReader::new(stderr), &mut s);
            let _ = tx.send(s);
        });
        let mut np = NumPy { child, to, from, info: serde_json::Value::Null };
        match np.request(&serde_json::json!({"cmd": "info"})) {
            Ok(info) => {
                np.info = info;
                Ok(np)
            }
            Err(e) => {
                let _ = np.child.kill();
                let _ = np.child.wait();
                let said = rx.recv_timeout(Duration::from_secs(5)).unwrap_or_default();
                let last = said.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string();
                bail!("{e}{}", if last.is_empty() { String::new() } else { format!(" ({last})") })
            }
        }
    }

    /// Sends one command and reads its one-line reply; an `{"ok": false}` reply is an error.
    /// The reply is awaited without a limit: the script is the instructors' own code, and a
    /// hung run is stopped with Ctrl-C (which ends the child too).
    fn request(&mut self, cmd: &serde_json::Value) -> Result<serde_json::Value> {
        writeln!(self.to, "{cmd}").and_then(|_| self.to.flush()).context("the NumPy process is gone")?;
        let mut line = String::new();
        if self.from.read_line(&mut line).context("reading from the NumPy process")? == 0 {
            bail!("the NumPy process ended");
        }
        let v: serde_json::Value = serde_json::from_str(&line).with_context(|| format!("the NumPy process replied {:?}", line.trim()))?;
        if v.get("ok") == Some(&serde_json::Value::Bool(true)) {
            Ok(v)
        } else {
            bail!("{}", v.get("error").and_then(|e| e.as_str()).unwrap_or("the NumPy side failed"))
        }
    }

    fn timed(&mut self, cmd: &serde_json::Value) -> Result<f64> {
        let t = Instant::now();
        self.request(cmd)?;
        Ok(t.elapsed().as_secs_f64() * 1e3)
    }

    /// One line describing the NumPy side (version, BLAS, kernel, threads).
    pub fn describe(&self) -> String {
        let s = |k: &str| self.info.get(k).map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())).unwrap_or_else(|| "?".into());
        format!("NumPy {} on Python {}, BLAS {} (kernel {}), {} thread(s)", s("numpy"), s("python"), s("blas"), s("kernel"), s("threads"))
    }
}

impl Drop for NumPy {
    fn drop(&mut self) {
        let _ = writeln!(self.to, "{}", serde_json::json!({"cmd": "quit"}));
        let _ = self.to.flush();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Options {
    /// Timed calls per side and task.
    pub rounds: usize,
    /// Address-space limit of each task's runner.
    pub memory: u64,
}

/// The Rust side of one task: the runner in timing mode.
struct Rust {
    s: Session,
    _dir: tempfile::TempDir,
}

impl Rust {
    fn start(course: &Course, bin: &Path, scratch: &Path, memory: u64) -> Result<Rust> {
        let (s, dir) = Session::spawn(course, bin, scratch, memory).context("cannot start the runner")?;
        Ok(Rust { s, _dir: dir })
    }
    fn ask(&mut self, cmd: &TimeCmd, limit: Duration) -> Result<(TimeReply, f64)> {
        match self.s.timed(cmd, limit) {
            (Wait::Reply(TimeReply::Error { message }), _) => Err(anyhow!("{message}")),
            (Wait::Reply(TimeReply::Panic { message, location }), _) => {
                Err(anyhow!("panicked: {message}{}", location.map(|l| format!(" (at {l})")).unwrap_or_default()))
            }
            (Wait::Reply(r), d) => Ok((r, d.as_secs_f64() * 1e3)),
            (Wait::TimedOut, _) => Err(anyhow!("no reply within {} s", limit.as_secs())),
            (Wait::Gone, _) => Err(anyhow!("the runner ended (its stderr ends: {})", self.s.stderr_tail())),
        }
    }
    fn setup(&mut self, exercise: &str, args: &[ArgSpec], primitive: Primitive) -> Result<()> {
        self.ask(&TimeCmd::Setup { exercise: exercise.into(), variant: String::new(), args: args.to_vec(), primitive }, Duration::from_secs(600)).map(|_| ())
    }
    /// An untimed fresh input (the same one every time) and cold caches.
    fn prep(&mut self) -> Result<()> {
        self.ask(&TimeCmd::Prep { input: 0 }, Duration::from_secs(600)).map(|_| ())
    }
    fn call(&mut self) -> Result<f64> {
        self.ask(&TimeCmd::Call, Duration::from_secs(600)).map(|(_, ms)| ms)
    }
    fn prim(&mut self) -> Result<f64> {
        self.ask(&TimeCmd::Prim, Duration::from_secs(600)).map(|(_, ms)| ms)
    }
    fn fingerprint(&mut self, salt: u64) -> Result<Value> {
        match self.ask(&TimeCmd::Fingerprint { salt }, Duration::from_secs(600))? {
            (TimeReply::Fingerprint { value }, _) => Ok(value),
            (other, _) => Err(anyhow!("unexpected reply {other:?}")),
        }
    }
}

/// A fixed salt: the check is about agreement, not about forgery.
const CHECK_SALT: u64 = 0x0062_656e_6368;

/// Compares two fingerprints (`[dims.., sum, |sum|, weighted sum]` per array): dimensions
/// exactly; with `Value`, the sums to `1e-7` of the sum of magnitudes (summation order differs
/// between the two sides).
fn agree(kind: &CheckKind, a: &Value, b: &Value) -> Result<(), String> {
    match (a, b) {
        (Value::Tuple { items: x }, Value::Tuple { items: y }) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().try_for_each(|(i, (x, y))| agree(kind, x, y).map_err(|e| format!("item {i}: {e}")))
        }
        (Value::Array { shape: sa, data: da }, Value::Array { shape: sb, data: db }) => {
            let (x, y) = (to_f64(da), to_f64(db));
            let dims = sa[0].saturating_sub(3);
            if sa != sb || x[..dims] != y[..dims] {
                return Err(format!("shapes differ: {:?} vs {:?}", &x[..dims.min(x.len())], &y[..dims.min(y.len())]));
            }
            if *kind == CheckKind::Shape {
                return Ok(());
            }
            let scale = x[dims + 1].abs().max(y[dims + 1].abs());
            for (what, i) in [("sum", dims), ("sum of magnitudes", dims + 1), ("weighted sum", dims + 2)] {
                if (x[i] - y[i]).abs() > 1e-7 * scale + 1e-12 || x[i].is_nan() != y[i].is_nan() {
                    return Err(format!("{what}: {} vs {}", x[i], y[i]));
                }
            }
            Ok(())
        }
        (Value::F64 { v: x }, Value::F64 { v: y }) => {
            if *kind == CheckKind::Shape || (x - y).abs() <= 1e-7 * x.abs().max(y.abs()) + 1e-12 || (x.is_nan() && y.is_nan()) {
                Ok(())
            } else {
                Err(format!("{x} vs {y}"))
            }
        }
        (x, y) if x == y => Ok(()),
        (Value::I64 { .. }, Value::I64 { .. }) | (Value::Bool { .. }, Value::Bool { .. }) if *kind == CheckKind::Shape => Ok(()),
        (x, y) => Err(format!("{} vs {}", x.describe(), y.describe())),
    }
}

fn to_f64(d: &Data) -> Vec<f64> {
    (0..d.len()).map(|i| d.get_f64(i)).collect()
}

/// Runs one task: the check, then `rounds` interleaved timed calls per side.
fn run_task(course: &Course, bin: &Path, scratch: &Path, task: &Task, opts: &Options, mut numpy: Option<&mut NumPy>) -> TaskResult {
    let mut r = TaskResult::of(task);
    let name = task.name();
    let mut rust = match Rust::start(course, bin, scratch, opts.memory) {
        Ok(x) => x,
        Err(e) => {
            r.notes.push(format!("Rust: {e:#}"));
            return r;
        }
    };

    // The check: the same small inputs on both sides, the results' fingerprints compared.
    if let Some(np) = numpy.as_deref_mut() {
        let checked = (|| -> Result<Result<(), String>> {
            rust.setup(name, &task.check, Primitive::Pass { bytes: 8 }).context("Rust, on the check arguments")?;
            rust.prep()?;
            rust.call()?;
            let want = rust.fingerprint(CHECK_SALT)?;
            let args: Vec<Value> = task.check.iter().map(|a| a.materialize()).collect::<Result<_, _>>().map_err(|e| anyhow!(e))?;
            let reply = np.request(&serde_json::json!({"cmd": "check", "exercise": task.exercise, "args": args})).context("NumPy, on the check arguments")?;
            let got: Value = serde_json::from_value(reply.get("value").cloned().unwrap_or_default()).context("NumPy's result is not a Value")?;
            Ok(agree(&task.check_kind, &want, &fingerprint(&got, CHECK_SALT)))
        })();
        match checked {
            Ok(Ok(())) => r.agrees = Some(true),
            Ok(Err(e)) => {
                r.agrees = Some(false);
                r.notes.push(format!("the NumPy twin does not agree with the reference on the check arguments: {e}"));
            }
            Err(e) => r.notes.push(format!("check: {e:#}")),
        }
    }

    let primitive = match task.bytes {
        Some(b) => Primitive::Copy { bytes: b as usize },
        None => Primitive::Pass { bytes: 8 },
    };
    if let Err(e) = rust.setup(name, &task.args, primitive) {
        r.notes.push(format!("Rust: {e:#}"));
        return r;
    }
    // NumPy takes part only when its twin was shown to agree, and its setup works: no ratio is
    // printed for two programs that were not checked to compute the same thing.
    let mut np = numpy.filter(|_| r.agrees == Some(true));
    if let Some(n) = np.as_deref_mut()
        && let Err(e) = n.request(&serde_json::json!({"cmd": "setup", "exercise": task.exercise, "args": task.args}))
    {
        r.notes.push(format!("NumPy: {e:#}"));
        np = None;
    }

    let (mut rs, mut ns, mut cs) = (Vec::new(), Vec::new(), Vec::new());
    let prep_np = serde_json::json!({"cmd": "prep"});
    let call_np = serde_json::json!({"cmd": "call"});
    // Round 0 is a warm-up on both sides (first-touch page faults, lazy initialisation).
    for round in 0..=opts.rounds {
        let rust_round = |rust: &mut Rust| -> Result<(f64, Option<f64>)> {
            let copy = if task.bytes.is_some() {
                rust.prep()?;
                Some(rust.prim()?)
            } else {
                None
            };
            rust.prep()?;
            Ok((rust.call()?, copy))
        };
        let np_round = |np: &mut Option<&mut NumPy>, ns: &mut Vec<f64>, notes: &mut Vec<String>| {
            if let Some(n) = np.as_deref_mut() {
                match n.request(&prep_np).and_then(|_| n.timed(&call_np)) {
                    Ok(ms) if round > 0 => ns.push(ms),
                    Ok(_) => {}
                    Err(e) => {
                        notes.push(format!("NumPy: {e:#}"));
                        *np = None;
                    }
                }
            }
        };
        if round % 2 == 1 {
            np_round(&mut np, &mut ns, &mut r.notes);
        }
        match rust_round(&mut rust) {
            Ok((ms, copy)) if round > 0 => {
                rs.push(ms);
                cs.extend(copy);
            }
            Ok(_) => {}
            Err(e) => {
                r.notes.push(format!("Rust: {e:#}"));
                return r;
            }
        }
        if round % 2 == 0 {
            np_round(&mut np, &mut ns, &mut r.notes);
        }
    }
    let rust_side = Side::of(&rs);
    if let Some(b) = task.bytes {
        let copy = Side::of(&cs);
        r.gb_per_s = Some(b as f64 / rust_side.median_ms / 1e6);
        r.copy_gb_per_s = Some(b as f64 / copy.median_ms / 1e6);
    }
    if !ns.is_empty() {
        let n = Side::of(&ns);
        r.ratio = Some(rust_side.median_ms / n.median_ms);
        r.numpy = Some(n);
    }
    r.rust = Some(rust_side);
    r
}

/// Runs `tasks` with the runners in `bins` (per module), calling `done` after each task.
pub fn run(
    course: &Course,
    bins: &BTreeMap<String, PathBuf>,
    tasks: &[Task],
    opts: &Options,
    mut numpy: Option<&mut NumPy>,
    mut done: impl FnMut(&TaskResult),
) -> Result<Vec<TaskResult>> {
    if opts.rounds == 0 {
        bail!("--rounds must be at least 1");
    }
    let scratch = course.work_dir().join("bench");
    std::fs::create_dir_all(&scratch).with_context(|| format!("cannot create {}", scratch.display()))?;
    // Nothing else of the course's graders runs meanwhile.
    let _alone = crate::machine::exclusive();
    let mut out = Vec::new();
    for t in tasks {
        let r = match bins.get(t.module()) {
            Some(bin) => run_task(course, bin, &scratch, t, opts, numpy.as_deref_mut()),
            None => {
                let mut r = TaskResult::of(t);
                r.notes.push(format!("the reference of module {} did not build", t.module()));
                r
            }
        };
        done(&r);
        out.push(r);
    }
    Ok(out)
}

/// The geometric mean of the Rust/NumPy ratios that were measured.
pub fn geomean(results: &[TaskResult]) -> Option<f64> {
    let logs: Vec<f64> = results.iter().filter_map(|r| r.ratio).map(f64::ln).collect();
    (!logs.is_empty()).then(|| (logs.iter().sum::<f64>() / logs.len() as f64).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(v: Vec<f64>) -> Value {
        let mut summary = vec![v.len() as f64];
        summary.extend([v.iter().sum(), v.iter().map(|x: &f64| x.abs()).sum(), v.iter().sum::<f64>() * 0.9]);
        Value::Array { shape: vec![summary.len()], data: Data::F64(summary) }
    }

    #[test]
    fn fingerprints_agree_to_rounding_only() {
        let a = fp(vec![1.0, 2.0, 3.0]);
        assert!(agree(&CheckKind::Value, &a, &fp(vec![1.0, 2.0, 3.0 + 1e-12])).is_ok());
        assert!(agree(&CheckKind::Value, &a, &fp(vec![1.0, 2.0, 3.1])).is_err());
        assert!(agree(&CheckKind::Value, &a, &fp(vec![1.0, 2.0])).unwrap_err().contains("shapes"));
        assert!(agree(&CheckKind::Shape, &a, &fp(vec![5.0, 6.0, 7.0])).is_ok());
        let t = |x| Value::Tuple { items: vec![x, Value::F64 { v: 2.0 }] };
        assert!(agree(&CheckKind::Value, &t(a.clone()), &t(a.clone())).is_ok());
        assert!(agree(&CheckKind::Value, &Value::F64 { v: 2.0 }, &Value::F64 { v: 2.5 }).is_err());
        assert!(agree(&CheckKind::Value, &a, &Value::None).is_err());
    }

    #[test]
    fn median_and_spread() {
        let s = Side::of(&[5.0, 1.0, 3.0, 2.0, 4.0]);
        assert_eq!(s.median_ms, 3.0);
        assert!((s.spread - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn the_task_list_loads() {
        let course = Course::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("..")).unwrap();
        let tasks = load(&course, &tasks_file(&course)).unwrap();
        assert!(tasks.len() >= 23, "{} tasks", tasks.len());
        for t in &tasks {
            assert_eq!(t.args.len(), t.check.len(), "{}: args and check arguments differ in number", t.exercise);
        }
    }
}
