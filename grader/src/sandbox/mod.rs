//! Confinement: everything the student's code runs in (its compilation and every case) is
//! started through a *supervisor*, a small helper process (`<helper> __sandbox POLICY -- CMD…`)
//! that the judge starts for it.
//!
//! The supervisor makes itself a child subreaper (`PR_SET_CHILD_SUBREAPER`), so every process
//! the command starts, `setsid` or not, is re-parented to it and killed when the command ends,
//! is stopped, or overruns its wall-clock limit; it only exits once it has reaped them all. Its
//! child confines itself between `fork` and `exec`:
//!
//! - resource limits (address space, CPU seconds, file size, open files, no core dumps);
//! - **Landlock** (Linux ≥ 5.13, best effort up to ABI 6): read only the paths the policy lists,
//!   write only its scratch folder (no FIFOs, sockets, devices or symlinks there), no TCP bind
//!   or connect (ABI ≥ 4), no signals or abstract sockets outside its domain (ABI ≥ 6);
//! - **seccomp** (a `seccompiler` filter): no sockets other than `AF_UNIX` (none at all for
//!   cases), no `ptrace`, `process_vm_*`, `io_uring`, `bpf`, `perf_event_open`, keyrings,
//!   mounts or namespaces, no raising of resource limits; for cases also no new processes
//!   (threads only) and no signals to any other process; for timed runs no threads either.
//!
//! The supervisor reports what was enforced ([`Enforcement`]) and how the command ended
//! ([`Report`]) in a file that only the judge can write. On other systems (macOS) only the
//! limits and process-group kill apply, and the report says so.

pub mod selftest;
mod supervisor;

#[cfg(target_os = "linux")]
mod linux;

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub use supervisor::{helper_main, is_helper_invocation};

/// The instructor's signing key's variable (`ndlab_signing::KEY_VAR`). Nothing the sandbox
/// starts inherits the judge's environment ([`Policy::env`] is all a command gets), and Landlock
/// keeps every other process's `/proc/<pid>/environ` out of reach; without Landlock the judge's
/// own `environ` (and its parent's: `cargo`, the shell) would be readable, so grading with the
/// key set requires the full sandbox (see `grade::grade`).
pub use ndlab_signing::KEY_VAR as SIGNING_KEY_ENV;

/// What a confined command may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// `cargo build` of a submission: processes allowed (cargo, rustc, the linker), no network.
    Build,
    /// One case: a single process (threads allowed), no sockets, signals to itself only.
    Case,
    /// A timing session: a single thread of a single process, no sockets.
    Timing,
}

/// The confinement of one command, handed to the supervisor as JSON.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Policy {
    pub profile: Profile,
    /// Readable (and executable) beneath these paths (files or folders).
    pub read: Vec<PathBuf>,
    /// Readable and writable beneath these folders (regular files and folders only).
    pub write: Vec<PathBuf>,
    /// Address-space limit in bytes (per process).
    pub memory: u64,
    pub cpu_seconds: u64,
    pub file_size: u64,
    /// Wall-clock limit enforced by the supervisor (everything is killed after it).
    pub timeout_ms: u64,
    /// Where the supervisor writes its [`Report`] (must not be beneath `write`).
    pub report: PathBuf,
    /// The command's environment (nothing else is inherited) and working directory.
    pub env: Vec<(String, String)>,
    pub cwd: PathBuf,
}

impl Policy {
    /// A command that runs in, and may write only, `work`, reporting to `report`: the shape of
    /// every case, timed run and probe. Its CPU time is the wall-clock limit plus 2 s; its
    /// output is capped at 16 MB per file; its environment is empty.
    pub fn in_scratch(profile: Profile, read: Vec<PathBuf>, work: &Path, report: &Path, memory: u64, timeout: Duration) -> Policy {
        Policy {
            profile,
            read,
            write: vec![work.to_path_buf()],
            memory,
            cpu_seconds: timeout.as_secs() + 2,
            file_size: crate::run::OUTPUT_CAP,
            timeout_ms: timeout.as_millis() as u64,
            report: report.to_path_buf(),
            env: vec![],
            cwd: work.to_path_buf(),
        }
    }
}

/// Which parts of the sandbox were in force.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enforcement {
    /// `full`, `partial` or `none`.
    pub landlock: String,
    /// The Landlock ABI the kernel offers (0 when none).
    pub abi: i32,
    pub seccomp: bool,
    pub subreaper: bool,
}

impl Enforcement {
    pub fn none() -> Enforcement {
        Enforcement { landlock: "none".into(), abi: 0, seccomp: false, subreaper: false }
    }
    /// Everything this kernel can do was done: Landlock fully enforced with an ABI that
    /// restricts TCP (≥ 4), seccomp and the subreaper.
    pub fn is_full(&self) -> bool {
        self.landlock == "full" && self.abi >= 4 && self.seccomp && self.subreaper
    }
    /// The weaker of two (what holds for both).
    pub fn weakest(&self, other: &Enforcement) -> Enforcement {
        let rank = |l: &str| match l {
            "full" => 2,
            "partial" => 1,
            _ => 0,
        };
        Enforcement {
            landlock: if rank(&self.landlock) <= rank(&other.landlock) { self.landlock.clone() } else { other.landlock.clone() },
            abi: self.abi.min(other.abi),
            seccomp: self.seccomp && other.seccomp,
            subreaper: self.subreaper && other.subreaper,
        }
    }
    /// One line for people.
    pub fn describe(&self) -> String {
        format!(
            "landlock {}{}, seccomp {}, subreaper {}",
            self.landlock,
            if self.abi > 0 { format!(" (ABI {})", self.abi) } else { String::new() },
            if self.seccomp { "on" } else { "off" },
            if self.subreaper { "on" } else { "off" }
        )
    }
}

/// How a supervised command ended.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Report {
    pub enforcement: Enforcement,
    /// Exit code of the command, when it exited.
    pub code: Option<i32>,
    /// The signal that ended it, when one did.
    pub signal: Option<i32>,
    /// The wall-clock limit was reached (everything was killed).
    pub timed_out: bool,
    /// The supervisor was told to stop (SIGTERM) and killed everything.
    pub stopped: bool,
    /// Processes other than the command itself that were still there when it ended (killed).
    pub leftover: u32,
    /// The command could not be started, or confining it failed.
    pub error: Option<String>,
    /// Peak resident memory of the command and its descendants, in kB (from `getrusage`).
    pub max_rss_kb: u64,
}

/// Where the supervisor lives and what it may read: one per judge.
#[derive(Clone, Debug)]
pub struct Sandbox {
    /// The helper binary that runs `__sandbox` (the `xtask` binary, or `ndlab-sandbox` in tests).
    pub helper: PathBuf,
}

/// A supervised command, started.
pub struct Supervised {
    pub child: Child,
    pub report_path: PathBuf,
    pub timeout: Duration,
}

impl Sandbox {
    /// Starts `program args` under `policy`. Standard streams are whatever `stdio` sets up on
    /// the returned command (they pass through the supervisor untouched).
    pub fn command(&self, policy: &Policy, program: &Path, args: &[String]) -> Command {
        let mut cmd = Command::new(&self.helper);
        cmd.arg(supervisor::ARG)
            .arg(serde_json::to_string(policy).expect("a policy serialises"))
            .arg("--")
            .arg(program)
            .args(args)
            // The supervisor itself needs nothing from the judge's environment: the command
            // gets exactly `policy.env`.
            .env_clear()
            .stdin(Stdio::null());
        cmd
    }

    /// Reads the supervisor's report once it has exited.
    pub fn read_report(path: &Path) -> Report {
        match read_bounded(path, 1 << 16) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| Report {
                error: Some(format!("the sandbox report is unreadable: {e}")),
                enforcement: Enforcement::none(),
                ..Report::default()
            }),
            Err(e) => Report { error: Some(format!("the sandbox supervisor wrote no report ({e})")), enforcement: Enforcement::none(), ..Report::default() },
        }
    }
}

/// What this machine's kernel offers, found by running a trivial confined command.
pub fn probe(sandbox: &Sandbox, scratch: &Path) -> Result<Enforcement, String> {
    let dir = tempfile::Builder::new().prefix("probe-").tempdir_in(scratch).map_err(|e| e.to_string())?;
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let mut read = crate::run::system_read_paths();
    read.push(sandbox.helper.clone());
    let policy = Policy::in_scratch(Profile::Case, read, &work, &dir.path().join("report.json"), 256 << 20, Duration::from_secs(10));
    let mut cmd = sandbox.command(&policy, &sandbox.helper, &[supervisor::NOOP.to_string()]);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let status = cmd.status().map_err(|e| format!("cannot start the sandbox helper {}: {e}", sandbox.helper.display()))?;
    let rep = Sandbox::read_report(&policy.report);
    if !status.success() && rep.error.is_some() {
        return Err(rep.error.unwrap_or_default());
    }
    Ok(rep.enforcement)
}

/// Reads at most `cap` bytes of a regular file without following a final symlink and without
/// blocking on a FIFO; anything else is an error.
pub fn read_bounded(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    #[cfg(unix)]
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path)?
    };
    #[cfg(not(unix))]
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if meta.len() > cap {
        return Err(std::io::Error::other(format!("larger than {cap} bytes")));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > cap {
        return Err(std::io::Error::other(format!("larger than {cap} bytes")));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::read_bounded;

    #[test]
    fn results_are_read_only_from_small_regular_files() {
        let d = tempfile::tempdir().unwrap();
        let ok = d.path().join("out.json");
        std::fs::write(&ok, b"{}").unwrap();
        assert_eq!(read_bounded(&ok, 10).unwrap(), b"{}");
        // too large
        std::fs::write(&ok, vec![b' '; 11]).unwrap();
        assert!(read_bounded(&ok, 10).is_err());
        // a symlink is not followed
        let link = d.path().join("link.json");
        std::os::unix::fs::symlink("/etc/hostname", &link).unwrap();
        assert!(read_bounded(&link, 1 << 20).is_err());
        // a FIFO neither blocks nor counts
        let fifo = d.path().join("fifo.json");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let t = std::time::Instant::now();
        assert!(read_bounded(&fifo, 1 << 20).is_err());
        assert!(t.elapsed() < std::time::Duration::from_secs(1));
    }
}
