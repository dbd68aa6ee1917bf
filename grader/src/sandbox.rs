//! Running: one case in one child process, with a wall-clock timeout and resource limits.
//!
//! The child gets its own process group, an empty working directory, a cleared environment,
//! limits on address space (memory), file size, CPU time and core dumps, and files (not pipes)
//! for stdout and stderr, so a grandchild that keeps them open cannot stall the judge. When the
//! child ends (or is killed at the timeout) every process left in its group is killed too.

use ndlab_runtime::Value;
use ndlab_runtime::runner::{CaseInput, CaseOutput};
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
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
}

const OUTPUT_CAP: u64 = 16 << 20;

/// Applies the limits in the child, between fork and exec (async-signal-safe calls only).
pub fn limit_command(cmd: &mut Command, memory: u64, cpu_seconds: u64) {
    cmd.process_group(0);
    unsafe {
        cmd.pre_exec(move || {
            let set = |res, v: u64| {
                let lim = libc::rlimit { rlim_cur: v as libc::rlim_t, rlim_max: v as libc::rlim_t };
                libc::setrlimit(res, &lim);
            };
            set(libc::RLIMIT_AS, memory);
            set(libc::RLIMIT_FSIZE, OUTPUT_CAP);
            set(libc::RLIMIT_CORE, 0);
            set(libc::RLIMIT_CPU, cpu_seconds);
            Ok(())
        });
    }
}

/// Kills every process in the group; says whether any was still there.
pub fn kill_group(pgid: u32) -> bool {
    let pgid = pgid as libc::pid_t;
    let alive = unsafe { libc::killpg(pgid, 0) } == 0;
    if alive {
        unsafe { libc::killpg(pgid, libc::SIGKILL) };
    }
    alive
}

fn tail(path: &Path, max: usize) -> String {
    let mut buf = Vec::new();
    if let Ok(mut f) = std::fs::File::open(path) {
        let len = f.metadata().map(|m| m.len()).unwrap_or(0);
        if len > max as u64 {
            use std::io::Seek;
            let _ = f.seek(std::io::SeekFrom::Start(len - max as u64));
        }
        let _ = f.read_to_end(&mut buf);
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// Runs one exercise call in a fresh child process.
pub fn run_case(bin: &Path, scratch: &Path, exercise: &str, variant: &str, args: &[Value], limits: Limits) -> std::io::Result<RunReport> {
    let dir = tempfile::Builder::new().prefix("case-").tempdir_in(scratch)?;
    let input = CaseInput { exercise: exercise.into(), variant: variant.into(), args: args.to_vec() };
    std::fs::write(dir.path().join("in.json"), serde_json::to_vec(&input).unwrap())?;
    let out_path = dir.path().join("stdout.txt");
    let err_path = dir.path().join("stderr.txt");
    let mut cmd = Command::new(bin);
    cmd.arg("case")
        .arg(dir.path())
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("RUST_BACKTRACE", "0")
        .env("OMP_NUM_THREADS", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path)?)
        .stderr(std::fs::File::create(&err_path)?);
    limit_command(&mut cmd, limits.memory, limits.timeout.as_secs() + 2);
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let pgid = child.id();
    let status = match child.wait_timeout(limits.timeout)? {
        Some(s) => Some(s),
        None => {
            kill_group(pgid);
            let _ = child.wait();
            None
        }
    };
    let elapsed = start.elapsed();
    let left_processes = status.is_some() && kill_group(pgid);
    let stderr_tail = tail(&err_path, 4000);

    let result = std::fs::read_to_string(dir.path().join("out.json")).ok().and_then(|t| serde_json::from_str::<CaseOutput>(&t).ok());
    let ended = match (status, result) {
        (None, _) => Ended::Timeout,
        (Some(_), Some(out)) => Ended::Returned(out),
        (Some(st), None) => {
            use std::os::unix::process::ExitStatusExt;
            if stderr_tail.contains("memory allocation of") || stderr_tail.contains("capacity overflow") {
                Ended::Memory
            } else if stderr_tail.contains("has overflowed its stack") {
                Ended::Crash("stack overflow (unbounded recursion?)".into())
            } else if let Some(sig) = st.signal() {
                let what = match sig {
                    libc::SIGABRT => "aborted (SIGABRT)".to_string(),
                    libc::SIGSEGV => "segmentation fault (SIGSEGV)".to_string(),
                    libc::SIGKILL | libc::SIGXCPU => "killed: CPU time limit".to_string(),
                    libc::SIGXFSZ => "killed: wrote more than 16 MB of output".to_string(),
                    s => format!("killed by signal {s}"),
                };
                Ended::Crash(what)
            } else {
                Ended::Crash(format!(
                    "the process exited with code {} without returning a result (does the code call std::process::exit?)",
                    st.code().unwrap_or(-1)
                ))
            }
        }
    };
    Ok(RunReport { ended, left_processes, elapsed, stderr_tail })
}
