//! Running: one case in one confined child process (see [`crate::sandbox`]), with a wall-clock
//! timeout, a memory cap, a CPU-time limit and a cap on what it may write.
//!
//! Each case gets a fresh folder `runs/case-…/` that belongs to the judge; inside it, `work/` is
//! the only place the case may write (its input `in.json` and its result `out.json` are there).
//! Its stdout and stderr go to files the judge created beside `work/`. What comes back is read
//! with a size cap and never by following a link or opening a FIFO.

use crate::course::Course;
use crate::sandbox::{Enforcement, Policy, Profile, Sandbox};
use ndlab_runtime::Value;
use ndlab_runtime::runner::{CaseInput, CaseOutput};
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
    let out_path = dir.path().join("stdout.txt");
    let err_path = dir.path().join("stderr.txt");
    let mut policy = Policy::in_scratch(Profile::Case, runner_read_paths(course, bin), &work, &dir.path().join("report.json"), limits.memory, limits.timeout);
    policy.env = vec![("RUST_BACKTRACE".into(), "0".into()), ("OMP_NUM_THREADS".into(), "1".into())];
    let sandbox = Sandbox { helper: course.helper.clone() };
    let mut cmd = sandbox.command(&policy, bin, &["case".into(), work.display().to_string()]);
    cmd.stdout(std::fs::File::create(&out_path)?).stderr(std::fs::File::create(&err_path)?);
    let start = Instant::now();
    let mut sup = cmd.spawn()?;
    // The supervisor enforces the timeout itself; this is only a backstop against a stuck one.
    if sup.wait_timeout(limits.timeout + Duration::from_secs(30))?.is_none() {
        let _ = sup.kill();
        let _ = sup.wait();
    }
    let elapsed = start.elapsed();
    let rep = Sandbox::read_report(&policy.report);
    let stderr_tail = tail(&err_path, 4000);
    let result = crate::sandbox::read_bounded(&work.join("out.json"), RESULT_CAP).ok().and_then(|t| serde_json::from_slice::<CaseOutput>(&t).ok());
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
