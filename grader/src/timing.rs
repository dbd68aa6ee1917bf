//! Timing: is a correct solution also efficient?
//!
//! The student's function and a machine primitive (a matrix product or a memory pass) run in
//! the same child process, interleaved, on the same input. The judge times each call from
//! outside, over a private pipe, and compares medians: `ratio = median(student) /
//! (factor × median(primitive))`, so a slow or busy machine slows both sides alike.
//!
//! Every student call gets an input of its own (the `k`-th input of the check: the same spec
//! with its seeds mixed with `k`, made before the call and outside the measured time), and every
//! call's result is fingerprinted after the call returned, with a salt the call could not know,
//! and compared with the reference's fingerprint of the same input. So nothing is gained by
//! remembering an answer, answering only the first call, or shaping a cheap result to match a
//! sum. With hidden cases, the salts and expected fingerprints come from the hidden folder.
//!
//! Protocol, per check:
//! 1. Warm-up: two primitive runs, one student call whose result is checked against the
//!    reference's fingerprint (a fast wrong answer earns nothing).
//! 2. A round: 7 (primitive, student) pairs, the order alternating. Pass when the round's ratio
//!    is at most 1.
//! 3. A round between 1× and 2× the budget is re-measured, up to three rounds in all; the best
//!    round counts (noise only ever slows a measurement down). Above 2× it fails at once.
//! 4. Cut-offs: a single student call longer than 25× the budget is stopped ("over budget"), and
//!    so is a warm-up call over 10× (one call that slow is not noise).

use crate::compare::compare;
use crate::course::Course;
use crate::run::runner_read_paths;
use crate::sandbox::{Enforcement, Policy, Profile, Sandbox};
use crate::spec::{Compare, Timing};
use ndlab_runtime::Value;
use ndlab_runtime::runner::{TimeCmd, TimeReply};
use serde::Serialize;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::time::{Duration, Instant};
use wait_timeout::ChildExt;

pub const REPS: usize = 7;
pub const ROUNDS: usize = 3;
pub const RETRY_BELOW: f64 = 2.0;
pub const CALL_CAP: f64 = 25.0;
pub const WARMUP_CAP: f64 = 10.0;
/// Inputs a check can use: the warm-up call and every call of every round.
pub const INPUTS: u32 = 1 + (ROUNDS * REPS) as u32;
/// The longest reply line the judge reads (a fingerprint is a few numbers).
const MAX_LINE: u64 = 1 << 20;

/// What the reference's results look like on a check's inputs: the salt the fingerprints are
/// taken with, and one fingerprint per input (`fingerprints[k]` for input `k`).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct Expected {
    pub salt: u64,
    pub fingerprints: Vec<Value>,
}

/// `NDLAB_TRACE_TIMING=1`: print how long every step of a timed check took (on stderr).
fn trace() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("NDLAB_TRACE_TIMING").is_some_and(|v| v == "1"))
}

/// The salt of input `k`'s fingerprint.
pub fn salt_for(salt: u64, k: u32) -> u64 {
    ndlab_runtime::mix64(salt ^ ndlab_runtime::mix64(0xf1f0 + u64::from(k)))
}

#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum TimingStatus {
    Pass,
    /// Correct but over budget.
    Fail,
    /// Wrong result on the timed input, a panic, or a crash.
    Error,
    NotRun,
}

#[derive(Clone, Debug)]
pub struct Measured {
    pub status: TimingStatus,
    /// Student time / budget (best round); `None` when nothing was measured.
    pub ratio: Option<f64>,
    pub message: String,
    /// Median student and primitive time of the best round, in seconds.
    pub student_s: Option<f64>,
    pub primitive_s: Option<f64>,
    pub rounds: usize,
}

impl Measured {
    fn error(message: impl Into<String>) -> Measured {
        Measured { status: TimingStatus::Error, ratio: None, message: message.into(), student_s: None, primitive_s: None, rounds: 0 }
    }
}

pub(crate) struct Session {
    supervisor: Child,
    channel: UnixStream,
    replies: Receiver<Option<String>>,
    stderr_path: PathBuf,
    report_path: PathBuf,
}

pub(crate) enum Wait {
    Reply(TimeReply),
    TimedOut,
    Gone,
}

impl Session {
    /// Starts `bin time` confined (the `Timing` profile: one thread, no sockets) in a scratch
    /// folder, with the channel on a socket pair and a bounded reader thread.
    pub(crate) fn spawn(course: &Course, bin: &Path, scratch: &Path, memory: u64) -> std::io::Result<(Session, tempfile::TempDir)> {
        let dir = tempfile::Builder::new().prefix("timing-").tempdir_in(scratch)?;
        let work = dir.path().join("work");
        std::fs::create_dir(&work)?;
        let stderr_path = dir.path().join("stderr.txt");
        let report_path = dir.path().join("report.json");
        let mut policy = Policy::in_scratch(Profile::Timing, runner_read_paths(course, bin), &work, &report_path, memory, Duration::from_secs(1800));
        policy.env = vec![("RUST_BACKTRACE".into(), "0".into()), ("OMP_NUM_THREADS".into(), "1".into())];
        let (ours, theirs) = UnixStream::pair()?;
        let theirs_out = theirs.try_clone()?;
        let sandbox = Sandbox { helper: course.helper.clone() };
        let mut cmd = sandbox.command(&policy, bin, &["time".into()]);
        cmd.stdin(Stdio::from(std::os::fd::OwnedFd::from(theirs)))
            .stdout(Stdio::from(std::os::fd::OwnedFd::from(theirs_out)))
            .stderr(std::fs::File::create(&stderr_path)?);
        let supervisor = cmd.spawn()?;
        drop(cmd);
        let reader = ours.try_clone()?;
        // At most a few lines in flight, each at most MAX_LINE long: a flood blocks the child,
        // not the judge's memory.
        let (tx, rx) = sync_channel(4);
        std::thread::spawn(move || {
            let mut r = BufReader::new(reader);
            loop {
                let mut buf = Vec::new();
                match r.by_ref().take(MAX_LINE).read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if buf.last() != Some(&b'\n') => {
                        let _ = tx.send(None);
                        break;
                    }
                    Ok(_) => {
                        if tx.send(Some(String::from_utf8_lossy(&buf).into_owned())).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Ok((Session { supervisor, channel: ours, replies: rx, stderr_path, report_path }, dir))
    }

    fn send(&mut self, cmd: &TimeCmd) -> bool {
        writeln!(self.channel, "{}", serde_json::to_string(cmd).unwrap()).and_then(|_| self.channel.flush()).is_ok()
    }
    fn wait(&self, limit: Duration) -> Wait {
        match self.replies.recv_timeout(limit) {
            Ok(Some(line)) => match serde_json::from_str(&line) {
                Ok(r) => Wait::Reply(r),
                Err(_) => Wait::Gone,
            },
            Ok(None) => Wait::Gone,
            Err(RecvTimeoutError::Timeout) => Wait::TimedOut,
            Err(RecvTimeoutError::Disconnected) => Wait::Gone,
        }
    }
    /// Sends a command and times it until its reply.
    pub(crate) fn timed(&mut self, cmd: &TimeCmd, limit: Duration) -> (Wait, Duration) {
        let t = Instant::now();
        if !self.send(cmd) {
            return (Wait::Gone, t.elapsed());
        }
        let w = self.wait(limit);
        if trace() {
            let what = format!("{cmd:?}");
            eprintln!("[timing] {:>9.2} ms  {}", t.elapsed().as_secs_f64() * 1e3, what.split([' ', '{']).next().unwrap_or(""));
        }
        (w, t.elapsed())
    }
    pub(crate) fn stderr_tail(&self) -> String {
        let s = crate::run::tail(&self.stderr_path, 4000);
        let lines: Vec<_> = s.lines().rev().take(3).collect();
        lines.into_iter().rev().collect::<Vec<_>>().join(" | ")
    }
    /// Ends the session: asks the runner to quit, then has the supervisor stop it and reap
    /// everything; returns what the sandbox enforced.
    fn close(&mut self) -> Enforcement {
        let _ = self.send(&TimeCmd::Quit);
        let _ = self.channel.shutdown(std::net::Shutdown::Both);
        if let Ok(None) = self.supervisor.wait_timeout(Duration::from_secs(5)) {
            unsafe { libc::kill(self.supervisor.id() as libc::pid_t, libc::SIGTERM) };
            if let Ok(None) = self.supervisor.wait_timeout(Duration::from_secs(15)) {
                let _ = self.supervisor.kill();
                let _ = self.supervisor.wait();
            }
        }
        Sandbox::read_report(&self.report_path).enforcement
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.supervisor.try_wait() {
            self.close();
        }
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { 0.5 * (v[n / 2 - 1] + v[n / 2]) }
}

fn gone(s: &Session, what: &str) -> Measured {
    let tail = s.stderr_tail();
    if tail.contains("memory allocation of") {
        Measured::error(format!("{what}: ran out of memory"))
    } else if tail.contains("overflowed its stack") {
        Measured::error(format!("{what}: stack overflow"))
    } else {
        Measured::error(format!("{what}: the process ended unexpectedly (its stderr ends, in its own words: {tail})"))
    }
}

/// Runs one timed check for `variant` ("" = the submission) of `bin`. With `expected`, every
/// call's result is checked against the reference's.
pub fn measure(course: &Course, bin: &Path, scratch: &Path, variant: &str, t: &Timing, expected: Option<&Expected>) -> Measured {
    // Alone on the machine: no build or case of any grader runs meanwhile (see `crate::machine`).
    let _alone = crate::machine::exclusive();
    match measure_inner(course, bin, scratch, variant, t, expected) {
        Ok(m) => m,
        Err(e) => Measured::error(format!("the timing run could not start: {e}")),
    }
}

fn measure_inner(course: &Course, bin: &Path, scratch: &Path, variant: &str, t: &Timing, expected: Option<&Expected>) -> std::io::Result<Measured> {
    let (mut s, _dir) = Session::spawn(course, bin, scratch, t.memory)?;

    let setup = TimeCmd::Setup { exercise: t.exercise.clone(), variant: variant.into(), args: t.args.clone(), primitive: t.budget.primitive.clone() };
    match s.timed(&setup, Duration::from_secs(180)).0 {
        Wait::Reply(TimeReply::Ok) => {}
        Wait::Reply(TimeReply::Error { message }) => return Ok(Measured::error(format!("setup failed: {message}"))),
        Wait::TimedOut => return Ok(Measured::error("setup took longer than 3 minutes")),
        _ => return Ok(gone(&s, "setup")),
    }

    let long = Duration::from_secs(120);
    let prim = |s: &mut Session| -> Result<f64, Measured> {
        match s.timed(&TimeCmd::Prim, long) {
            (Wait::Reply(TimeReply::Done), d) => Ok(d.as_secs_f64()),
            _ => Err(gone(s, "the primitive")),
        }
    };
    // One student call on input `k`, its result checked; `Ok(None)` when it was stopped at `cap`.
    let call = |s: &mut Session, k: u32, cap: Duration| -> Result<Option<f64>, Measured> {
        match s.timed(&TimeCmd::Prep { input: k }, long).0 {
            Wait::Reply(TimeReply::Ok) => {}
            Wait::Reply(TimeReply::Error { message }) => return Err(Measured::error(message)),
            _ => return Err(gone(s, "preparing the input")),
        }
        let took = match s.timed(&TimeCmd::Call, cap) {
            (Wait::Reply(TimeReply::Done), d) => d.as_secs_f64(),
            (Wait::Reply(TimeReply::Panic { message, location }), _) => {
                return Err(Measured::error(format!("panicked on the timed input: {message}{}", location.map(|l| format!(" (at {l})")).unwrap_or_default())));
            }
            (Wait::TimedOut, _) => return Ok(None),
            _ => return Err(gone(s, "the timed call")),
        };
        let salt = expected.map(|e| salt_for(e.salt, k)).unwrap_or(0);
        match s.timed(&TimeCmd::Fingerprint { salt }, long).0 {
            Wait::Reply(TimeReply::Fingerprint { value }) => {
                if let Some(exp) = expected {
                    let Some(want) = exp.fingerprints.get(k as usize) else {
                        return Err(Measured::error(format!("no expected result for timed input {k}: an instructor runs `cargo xtask gen`")));
                    };
                    let cmp = Compare::Allclose { rtol: 1e-6, atol: 1e-9, equal_nan: true };
                    if let Err(m) = compare(&cmp, want, &value, &[]) {
                        return Err(Measured::error(format!("the result on timed input {k} is wrong (summary: {m})")));
                    }
                }
            }
            Wait::Reply(TimeReply::Panic { message, .. }) => return Err(Measured::error(format!("panicked encoding the result: {message}"))),
            _ => return Err(gone(s, "the result's fingerprint")),
        }
        Ok(Some(took))
    };

    let run = |s: &mut Session| -> Result<Measured, Measured> {
        prim(s)?;
        let p0 = prim(s)?;
        let budget0 = t.budget.factor * p0;
        let cap = Duration::from_secs_f64((budget0 * CALL_CAP).max(1.0));
        let over = |ratio: f64, what: String| Measured {
            status: TimingStatus::Fail,
            ratio: Some(ratio),
            message: what,
            student_s: None,
            primitive_s: Some(p0),
            rounds: 0,
        };
        let Some(s0) = call(s, 0, cap)? else {
            return Ok(over(CALL_CAP, format!("over budget: one call took more than {CALL_CAP}× the budget ({:.2} s) and was stopped", cap.as_secs_f64())));
        };
        if s0 > WARMUP_CAP * budget0 {
            return Ok(over(s0 / budget0, format!("over budget: a single call took {:.1}× the budget", s0 / budget0)));
        }
        let mut best: Option<(f64, f64, f64)> = None;
        let mut rounds = 0;
        let mut k = 0;
        for _ in 0..ROUNDS {
            rounds += 1;
            let (mut ps, mut ss) = (Vec::new(), Vec::new());
            for i in 0..REPS {
                let budget_now = t.budget.factor * ps.last().copied().unwrap_or(p0);
                let cap = Duration::from_secs_f64((budget_now * CALL_CAP).max(1.0));
                k += 1;
                let student = |s: &mut Session| -> Result<f64, Measured> {
                    call(s, k, cap)?.ok_or_else(|| over(CALL_CAP, format!("over budget: a call took more than {CALL_CAP}× the budget and was stopped")))
                };
                if i % 2 == 0 {
                    ps.push(prim(s)?);
                    ss.push(student(s)?);
                } else {
                    ss.push(student(s)?);
                    ps.push(prim(s)?);
                }
            }
            let (ms, mp) = (median(&mut ss), median(&mut ps));
            let ratio = ms / (t.budget.factor * mp);
            if best.is_none_or(|b| ratio < b.0) {
                best = Some((ratio, ms, mp));
            }
            if ratio <= 1.0 || ratio > RETRY_BELOW {
                break;
            }
        }
        let (ratio, ms, mp) = best.unwrap();
        let status = if ratio <= 1.0 { TimingStatus::Pass } else { TimingStatus::Fail };
        let message = if ratio <= 1.0 {
            String::new()
        } else {
            format!("over budget: {ratio:.2}× the budget (median {:.1} ms vs budget {:.1} ms)", ms * 1e3, t.budget.factor * mp * 1e3)
        };
        Ok(Measured { status, ratio: Some(ratio), message, student_s: Some(ms), primitive_s: Some(mp), rounds })
    };
    let m = match run(&mut s) {
        Ok(m) | Err(m) => m,
    };
    s.close();
    Ok(m)
}

/// The fingerprints of `variant`'s results on every input of the check, once per salt (used to
/// record the reference's: `out[j][k]` is input `k` under `salts[j]`).
pub fn fingerprints(course: &Course, bin: &Path, scratch: &Path, variant: &str, t: &Timing, salts: &[u64]) -> Result<Vec<Vec<Value>>, String> {
    let (mut s, _dir) = Session::spawn(course, bin, scratch, t.memory).map_err(|e| e.to_string())?;
    let long = Duration::from_secs(300);
    let setup = TimeCmd::Setup { exercise: t.exercise.clone(), variant: variant.into(), args: t.args.clone(), primitive: t.budget.primitive.clone() };
    let mut out = vec![Vec::new(); salts.len()];
    let step = |s: &mut Session, cmd: TimeCmd| -> Result<Option<Value>, String> {
        match s.timed(&cmd, long).0 {
            Wait::Reply(TimeReply::Ok) | Wait::Reply(TimeReply::Done) => Ok(None),
            Wait::Reply(TimeReply::Fingerprint { value }) => Ok(Some(value)),
            Wait::Reply(TimeReply::Error { message }) => Err(message),
            Wait::Reply(TimeReply::Panic { message, location }) => Err(format!("panicked: {message} at {location:?}")),
            _ => Err(gone(s, "the reference").message),
        }
    };
    step(&mut s, setup)?;
    for k in 0..INPUTS {
        step(&mut s, TimeCmd::Prep { input: k })?;
        step(&mut s, TimeCmd::Call)?;
        for (j, &salt) in salts.iter().enumerate() {
            let v = step(&mut s, TimeCmd::Fingerprint { salt: salt_for(salt, k) })?.ok_or("no fingerprint")?;
            out[j].push(v);
        }
    }
    s.close();
    Ok(out)
}
