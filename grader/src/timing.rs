//! Timing: is a correct solution also efficient?
//!
//! The student's function and a machine primitive (a matrix product or a memory pass) run in
//! the same child process, interleaved, on the same input. The judge times each call from
//! outside, over a private pipe, and compares medians: `ratio = median(student) /
//! (factor × median(primitive))`, so a slow or busy machine slows both sides alike.
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
use crate::sandbox::{kill_group, limit_command};
use crate::spec::{Compare, Timing};
use ndlab_runtime::Value;
use ndlab_runtime::runner::{TimeCmd, TimeReply};
use serde::Serialize;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub const REPS: usize = 7;
pub const ROUNDS: usize = 3;
pub const RETRY_BELOW: f64 = 2.0;
pub const CALL_CAP: f64 = 25.0;
pub const WARMUP_CAP: f64 = 10.0;

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

struct Session {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<String>,
    pgid: u32,
    stderr_path: std::path::PathBuf,
}

enum Wait {
    Reply(TimeReply),
    TimedOut,
    Gone,
}

impl Session {
    /// Starts `bin time` in a scratch folder, with limits, a reply pipe and a reader thread.
    fn spawn(bin: &Path, scratch: &Path, memory: u64) -> std::io::Result<(Session, tempfile::TempDir)> {
        let dir = tempfile::Builder::new().prefix("timing-").tempdir_in(scratch)?;
        let stderr_path = dir.path().join("stderr.txt");
        let mut cmd = Command::new(bin);
        cmd.arg("time")
            .current_dir(dir.path())
            .env_clear()
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .env("OMP_NUM_THREADS", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr_path)?);
        limit_command(&mut cmd, memory, 600);
        let mut child = cmd.spawn()?;
        let pgid = child.id();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Ok((Session { child, stdin, replies: rx, pgid, stderr_path }, dir))
    }

    fn send(&mut self, cmd: &TimeCmd) -> bool {
        writeln!(self.stdin, "{}", serde_json::to_string(cmd).unwrap()).and_then(|_| self.stdin.flush()).is_ok()
    }
    fn wait(&self, limit: Duration) -> Wait {
        match self.replies.recv_timeout(limit) {
            Ok(line) => match serde_json::from_str(&line) {
                Ok(r) => Wait::Reply(r),
                Err(_) => Wait::Gone,
            },
            Err(RecvTimeoutError::Timeout) => Wait::TimedOut,
            Err(RecvTimeoutError::Disconnected) => Wait::Gone,
        }
    }
    /// Sends a command and times it until its reply.
    fn timed(&mut self, cmd: &TimeCmd, limit: Duration) -> (Wait, Duration) {
        let t = Instant::now();
        if !self.send(cmd) {
            return (Wait::Gone, t.elapsed());
        }
        let w = self.wait(limit);
        (w, t.elapsed())
    }
    fn stderr_tail(&self) -> String {
        let s = std::fs::read_to_string(&self.stderr_path).unwrap_or_default();
        let lines: Vec<_> = s.lines().rev().take(3).collect();
        lines.into_iter().rev().collect::<Vec<_>>().join(" | ")
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.send(&TimeCmd::Quit);
        kill_group(self.pgid);
        let _ = self.child.wait();
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
        Measured::error(format!("{what}: the process ended unexpectedly {tail}"))
    }
}

/// Runs one timed check for `variant` ("" = the submission) of `bin`.
pub fn measure(bin: &Path, scratch: &Path, variant: &str, t: &Timing, expected: Option<&Value>) -> Measured {
    match measure_inner(bin, scratch, variant, t, expected) {
        Ok(m) => m,
        Err(e) => Measured::error(format!("the timing run could not start: {e}")),
    }
}

fn measure_inner(bin: &Path, scratch: &Path, variant: &str, t: &Timing, expected: Option<&Value>) -> std::io::Result<Measured> {
    let (mut s, _dir) = Session::spawn(bin, scratch, t.memory)?;

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
    // One student call; `Ok(None)` when it was stopped at `cap`.
    let call = |s: &mut Session, cap: Duration, fingerprint: bool| -> Result<Option<f64>, Measured> {
        match s.timed(&TimeCmd::Prep, long).0 {
            Wait::Reply(TimeReply::Ok) => {}
            Wait::Reply(TimeReply::Error { message }) => return Err(Measured::error(message)),
            _ => return Err(gone(s, "preparing the input")),
        }
        match s.timed(&TimeCmd::Call { fingerprint }, cap) {
            (Wait::Reply(TimeReply::Done), d) => Ok(Some(d.as_secs_f64())),
            (Wait::Reply(TimeReply::Panic { message, location }), _) => {
                Err(Measured::error(format!("panicked on the timed input: {message}{}", location.map(|l| format!(" (at {l})")).unwrap_or_default())))
            }
            (Wait::TimedOut, _) => Ok(None),
            _ => Err(gone(s, "the timed call")),
        }
    };

    let run = || -> Result<Measured, Measured> {
        let mut s = s;
        prim(&mut s)?;
        let p0 = prim(&mut s)?;
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
        let Some(s0) = call(&mut s, cap, true)? else {
            return Ok(over(CALL_CAP, format!("over budget: one call took more than {CALL_CAP}× the budget ({:.2} s) and was stopped", cap.as_secs_f64())));
        };
        if let Some(exp) = expected {
            match s.wait(long) {
                Wait::Reply(TimeReply::Fingerprint { value }) => {
                    let cmp = Compare::Allclose { rtol: 1e-6, atol: 1e-9, equal_nan: true };
                    if let Err(m) = compare(&cmp, exp, &value) {
                        return Err(Measured::error(format!("the result on the timed input is wrong (summary: {m})")));
                    }
                }
                Wait::Reply(TimeReply::Panic { message, .. }) => return Err(Measured::error(format!("panicked encoding the result: {message}"))),
                _ => return Err(gone(&s, "the fingerprint")),
            }
        } else {
            let _ = s.wait(long);
        }
        if s0 > WARMUP_CAP * budget0 {
            return Ok(over(s0 / budget0, format!("over budget: a single call took {:.1}× the budget", s0 / budget0)));
        }
        let mut best: Option<(f64, f64, f64)> = None;
        let mut rounds = 0;
        for _ in 0..ROUNDS {
            rounds += 1;
            let (mut ps, mut ss) = (Vec::new(), Vec::new());
            for i in 0..REPS {
                let budget_now = t.budget.factor * ps.last().copied().unwrap_or(p0);
                let cap = Duration::from_secs_f64((budget_now * CALL_CAP).max(1.0));
                let student = |s: &mut Session| -> Result<f64, Measured> {
                    call(s, cap, false)?.ok_or_else(|| over(CALL_CAP, format!("over budget: a call took more than {CALL_CAP}× the budget and was stopped")))
                };
                if i % 2 == 0 {
                    ps.push(prim(&mut s)?);
                    ss.push(student(&mut s)?);
                } else {
                    ss.push(student(&mut s)?);
                    ps.push(prim(&mut s)?);
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
    Ok(match run() {
        Ok(m) | Err(m) => m,
    })
}

/// The fingerprint of `variant`'s result on the timed input (used to record the reference's).
pub fn fingerprint(bin: &Path, scratch: &Path, variant: &str, t: &Timing) -> Result<Value, String> {
    let (mut s, _dir) = Session::spawn(bin, scratch, t.memory).map_err(|e| e.to_string())?;
    let long = Duration::from_secs(300);
    let setup = TimeCmd::Setup { exercise: t.exercise.clone(), variant: variant.into(), args: t.args.clone(), primitive: t.budget.primitive.clone() };
    for (cmd, want_done) in [(setup, false), (TimeCmd::Prep, false), (TimeCmd::Call { fingerprint: true }, true)] {
        match s.timed(&cmd, long).0 {
            Wait::Reply(TimeReply::Ok) if !want_done => {}
            Wait::Reply(TimeReply::Done) if want_done => {}
            Wait::Reply(TimeReply::Error { message }) => return Err(message),
            Wait::Reply(TimeReply::Panic { message, location }) => return Err(format!("panicked: {message} at {location:?}")),
            _ => return Err(gone(&s, "the reference").message),
        }
    }
    match s.wait(long) {
        Wait::Reply(TimeReply::Fingerprint { value }) => Ok(value),
        _ => Err(gone(&s, "the fingerprint").message),
    }
}
