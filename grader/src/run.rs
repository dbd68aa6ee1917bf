//! Running: one case in one confined child process (see [`crate::sandbox`]), with a wall-clock
//! timeout, a memory cap, a CPU-time limit and a cap on what it may write.
//!
//! Each case gets a fresh folder `runs/case-…/` that belongs to the judge; inside it, `work/` is
//! the only place the case may write (its input `in.json` is there). The result comes back on
//! a socket the runner moves to private descriptors before any of the submission's code runs
//! (see `ndlab_runtime::runner`), read with a size cap: never from a file, which the
//! submission could write itself. Its stderr (and stdout) go to a file beside `work/`.

use crate::course::Course;
use crate::sandbox::{Enforcement, Policy, Profile, Sandbox};
use ndlab_runtime::Value;
use ndlab_runtime::runner::{BatchOutput, CaseInput, CaseOutput};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use wait_timeout::ChildExt;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub timeout: Duration,
    pub memory: u64,
}

/// How a child process ended, before any comparison.
#[derive(Debug)]
pub enum Ended {
    /// The runner wrote a result.
    Returned(CaseOutput),
    Timeout,
    /// The memory cap was hit (an allocation failed).
    Memory,
    /// Stack overflow, abort, signal, or exit without a result.
    Crash(String),
}

#[derive(Debug)]
pub struct RunReport {
    pub ended: Ended,
    /// A process the submission started was still running when it returned (it was killed).
    pub left_processes: bool,
    pub elapsed: Duration,
    /// The end of the child's stderr (its prints and panic messages).
    pub stderr_tail: String,
    /// What the sandbox enforced for this run.
    pub enforcement: Enforcement,
}

/// Output a case may write (stdout, stderr and files together, per file).
pub const OUTPUT_CAP: u64 = 16 << 20;
/// The largest result file the judge reads back.
pub const RESULT_CAP: u64 = 256 << 20;

/// Folders every confined program needs to start: the C library and the dynamic loader's cache.
pub fn system_read_paths() -> Vec<PathBuf> {
    ["/lib", "/lib64", "/usr/lib", "/usr/lib64", "/etc/ld.so.cache"].iter().map(PathBuf::from).collect()
}

/// What a runner binary may read: itself, the system libraries and the course's public data.
pub fn runner_read_paths(course: &Course, bin: &Path) -> Vec<PathBuf> {
    let mut read = system_read_paths();
    read.push(bin.to_path_buf());
    read.push(course.data_dir());
    read
}

pub(crate) fn tail(path: &Path, max: usize) -> String {
    let mut buf = Vec::new();
    if let Ok(mut f) = std::fs::File::open(path) {
        let len = f.metadata().map(|m| m.len()).unwrap_or(0);
        if len > max as u64 {
            use std::io::Seek;
            let _ = f.seek(std::io::SeekFrom::Start(len - max as u64));
        }
        let _ = f.take(max as u64).read_to_end(&mut buf);
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// Runs one exercise call in a fresh confined child process.
pub fn run_case(course: &Course, bin: &Path, scratch: &Path, exercise: &str, variant: &str, args: &[Value], limits: Limits) -> std::io::Result<RunReport> {
    let dir = tempfile::Builder::new().prefix("case-").tempdir_in(scratch)?;
    let work = dir.path().join("work");
    std::fs::create_dir(&work)?;
    let input = CaseInput { exercise: exercise.into(), variant: variant.into(), args: args.to_vec() };
    std::fs::write(work.join("in.json"), serde_json::to_vec(&input).map_err(std::io::Error::other)?)?;
    let err_path = dir.path().join("stderr.txt");
    let mut policy = Policy::in_scratch(Profile::Case, runner_read_paths(course, bin), &work, &dir.path().join("report.json"), limits.memory, limits.timeout);
    policy.env = vec![("RUST_BACKTRACE".into(), "0".into()), ("OMP_NUM_THREADS".into(), "1".into())];
    let sandbox = Sandbox { helper: course.helper.clone() };
    let mut cmd = sandbox.command(&policy, bin, &["case".into(), work.display().to_string()]);
    let start = Instant::now();
    let lines = run_with_channel(&mut cmd, &err_path, limits.timeout)?;
    let elapsed = start.elapsed();
    let rep = Sandbox::read_report(&policy.report);
    let stderr_tail = tail(&err_path, 4000);
    let result = lines.first().and_then(|t| serde_json::from_slice::<CaseOutput>(t).ok());
    let ended = if rep.timed_out {
        Ended::Timeout
    } else if let Some(e) = &rep.error {
        Ended::Crash(format!("the grader could not run the case: {e}"))
    } else {
        match (rep.code, result) {
            (Some(0), Some(out)) => Ended::Returned(out),
            _ if stderr_tail.contains("memory allocation of") || stderr_tail.contains("capacity overflow") => Ended::Memory,
            _ if stderr_tail.contains("has overflowed its stack") => Ended::Crash("stack overflow (unbounded recursion?)".into()),
            (_, _) if rep.signal.is_some() => Ended::Crash(match rep.signal.unwrap_or(0) {
                libc::SIGABRT => "aborted (SIGABRT)".to_string(),
                libc::SIGSEGV => "segmentation fault (SIGSEGV)".to_string(),
                libc::SIGKILL | libc::SIGXCPU => "killed: CPU time limit".to_string(),
                libc::SIGXFSZ => format!("killed: wrote more than {} MB of output", OUTPUT_CAP >> 20),
                libc::SIGSYS => "killed: a system call the grader does not allow".to_string(),
                s => format!("killed by signal {s}"),
            }),
            (code, _) => {
                Ended::Crash(format!("the process exited with code {} without returning a result (does the code call std::process::exit?)", code.unwrap_or(-1)))
            }
        }
    };
    Ok(RunReport { ended, left_processes: rep.leftover > 0, elapsed, stderr_tail, enforcement: rep.enforcement })
}

/// Runs several cases of one exercise in one confined child process (`cases DIR`), with the
/// limits of one case for the whole batch. Returns, per case, the value it returned and the
/// time it took, for the leading cases that returned a value; `None` for every case from the
/// first one that did not (a panic, a crash, a timeout, a batch stopped by a limit). The caller
/// runs those alone with [`run_case`], so a batch never decides a failure: it only saves the
/// process start-ups of cases that pass or fail on their value. A batch whose code left a
/// process behind is not used at all.
pub fn run_batch(course: &Course, bin: &Path, scratch: &Path, inputs: &[CaseInput], limits: Limits) -> std::io::Result<Vec<Option<(Value, Duration)>>> {
    let mut out: Vec<Option<(Value, Duration)>> = inputs.iter().map(|_| None).collect();
    let dir = tempfile::Builder::new().prefix("batch-").tempdir_in(scratch)?;
    let work = dir.path().join("work");
    std::fs::create_dir(&work)?;
    std::fs::write(work.join("in.json"), serde_json::to_vec(inputs).map_err(std::io::Error::other)?)?;
    let mut policy = Policy::in_scratch(Profile::Case, runner_read_paths(course, bin), &work, &dir.path().join("report.json"), limits.memory, limits.timeout);
    policy.env = vec![("RUST_BACKTRACE".into(), "0".into()), ("OMP_NUM_THREADS".into(), "1".into())];
    let sandbox = Sandbox { helper: course.helper.clone() };
    let mut cmd = sandbox.command(&policy, bin, &["cases".into(), work.display().to_string()]);
    let lines = run_with_channel(&mut cmd, &dir.path().join("stderr.txt"), limits.timeout)?;
    let rep = Sandbox::read_report(&policy.report);
    if rep.leftover > 0 || rep.error.is_some() {
        return Ok(out);
    }
    for (slot, line) in out.iter_mut().zip(&lines) {
        match serde_json::from_slice::<BatchOutput>(line) {
            Ok(BatchOutput { elapsed_s, output: CaseOutput::Ok { value } }) => {
                *slot = Some((value, Duration::from_secs_f64(elapsed_s.clamp(0.0, 1e6))));
            }
            _ => break,
        }
    }
    Ok(out)
}

/// Starts `cmd` (a supervised runner) with a fresh socket as its stdin and stdout, its stderr to
/// `err_path`; returns the complete lines the runner sent (at most [`RESULT_CAP`] bytes in all)
/// once the supervisor has ended. Only the runner's own code holds that socket: it moves it to
/// private descriptors before the submission runs, and a socket cannot be reopened through
/// `/proc/self/fd`.
fn run_with_channel(cmd: &mut std::process::Command, err_path: &Path, timeout: Duration) -> std::io::Result<Vec<Vec<u8>>> {
    use std::io::BufRead;
    use std::os::unix::net::UnixStream;
    let (ours, theirs) = UnixStream::pair()?;
    let theirs_out = theirs.try_clone()?;
    cmd.stdin(std::process::Stdio::from(std::os::fd::OwnedFd::from(theirs)))
        .stdout(std::process::Stdio::from(std::os::fd::OwnedFd::from(theirs_out)))
        .stderr(std::fs::File::create(err_path)?);
    let spawned = cmd.spawn();
    // The command holds the child's ends of the socket: release them now (whether or not the
    // spawn worked), so the reader sees the end of the stream once the runner and its
    // supervisor are gone.
    cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null());
    let mut sup = spawned?;
    let reader = ours.try_clone()?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = Vec::new();
        let mut total = 0u64;
        let mut r = std::io::BufReader::new(reader);
        loop {
            let mut buf = Vec::new();
            match r.by_ref().take(RESULT_CAP.saturating_sub(total) + 1).read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    total += n as u64;
                    // Only complete lines count; a result over the cap is not read at all.
                    if buf.last() != Some(&b'\n') || total > RESULT_CAP {
                        break;
                    }
                    buf.pop();
                    lines.push(buf);
                }
            }
        }
        let _ = tx.send(lines);
    });
    // The supervisor enforces the timeout itself; this is only a backstop against a stuck one.
    if sup.wait_timeout(timeout + Duration::from_secs(30))?.is_none() {
        let _ = sup.kill();
        let _ = sup.wait();
    }
    let lines = rx.recv_timeout(Duration::from_secs(5)).unwrap_or_else(|_| {
        // Something still holds the runner's end (it should not: the supervisor reaps every
        // descendant); stop reading rather than wait.
        let _ = ours.shutdown(std::net::Shutdown::Both);
        rx.recv_timeout(Duration::from_secs(5)).unwrap_or_default()
    });
    Ok(lines)
}
