//! The supervisor process: `<helper> __sandbox POLICY -- PROGRAM ARGS…`.
//!
//! Single-threaded by construction (it is the first thing the helper binary does), it becomes
//! a child subreaper, starts the command confined, waits for it (wall-clock limit, SIGTERM
//! from the judge), then kills and reaps every process left, and writes its report.

use super::{Enforcement, Policy, Report};
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub const ARG: &str = "__sandbox";
/// A command that does nothing (used by the sandbox probe).
pub const NOOP: &str = "__noop";

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// Whether this process was started as one of the helper's roles.
pub fn is_helper_invocation() -> bool {
    let a = std::env::args_os().nth(1);
    a.as_deref() == Some(ARG.as_ref())
        || a.as_deref() == Some(NOOP.as_ref())
        || a.as_deref() == Some(super::selftest::ARG.as_ref())
        || crate::build::is_rustc_wrapper()
}

/// Runs the helper's role when this process was started as one (call it first thing in
/// `main`); `None` otherwise.
pub fn helper_main() -> Option<i32> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match args.get(1).and_then(|a| a.to_str()) {
        Some(NOOP) => return Some(0),
        Some(super::selftest::ARG) => return Some(super::selftest::attack(&args[2..])),
        Some(ARG) => {}
        _ if crate::build::is_rustc_wrapper() => return Some(crate::build::rustc_wrapper(&args[1..])),
        _ => return None,
    }
    let usage = || {
        eprintln!("usage: {ARG} POLICY-JSON -- PROGRAM [ARGS...]");
        Some(2)
    };
    if args.len() < 5 || args[3] != "--" {
        return usage();
    }
    let Some(policy) = args[2].to_str().and_then(|s| serde_json::from_str::<Policy>(s).ok()) else {
        return usage();
    };
    Some(supervise(&policy, &args[4], &args[5..]))
}

fn supervise(policy: &Policy, program: &std::ffi::OsStr, args: &[std::ffi::OsString]) -> i32 {
    // The report file is opened before anything runs; the command can never write there.
    let mut out = match std::fs::File::create(&policy.report) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("sandbox: cannot write the report {}: {e}", policy.report.display());
            return 3;
        }
    };
    let mut report = Report { enforcement: Enforcement::none(), ..Report::default() };
    unsafe {
        #[cfg(target_os = "linux")]
        {
            report.enforcement.subreaper = libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
            // If the judge dies, so does the supervisor (and, through the same setting in the
            // child, the command).
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
        }
        for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
            libc::signal(sig, on_stop as *const () as libc::sighandler_t);
        }
    }

    let (status_r, status_w) = match pipe() {
        Ok(p) => p,
        Err(e) => return finish(&mut out, report_error(report, format!("cannot create a pipe: {e}"))),
    };
    let mut cmd = Command::new(program);
    cmd.args(args).env_clear().envs(policy.env.iter().map(|(k, v)| (k, v))).current_dir(&policy.cwd);
    let child_policy = policy.clone();
    unsafe {
        cmd.pre_exec(move || {
            // Its own process group, so the group can be killed as one.
            libc::setpgid(0, 0);
            #[cfg(target_os = "linux")]
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
            limits(&child_policy);
            #[cfg(target_os = "linux")]
            let bytes = super::linux::confine(&child_policy).to_bytes();
            #[cfg(not(target_os = "linux"))]
            let bytes = [0u8; 6];
            libc::write(status_w, bytes.as_ptr().cast(), bytes.len());
            Ok(())
        });
    }
    let start = Instant::now();
    let spawned = cmd.spawn();
    drop(cmd);
    unsafe { libc::close(status_w) };
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => {
            unsafe { libc::close(status_r) };
            return finish(&mut out, report_error(report, format!("cannot start {}: {e}", std::path::Path::new(program).display())));
        }
    };
    let mut status = Vec::new();
    {
        use std::os::fd::FromRawFd;
        let mut r = unsafe { std::fs::File::from_raw_fd(status_r) };
        let _ = r.read_to_end(&mut status);
    }
    #[cfg(target_os = "linux")]
    if let Some(st) = super::linux::Status::from_bytes(&status) {
        report.enforcement.landlock = ["none", "partial", "full"][st.landlock.min(2) as usize].into();
        report.enforcement.abi = st.abi;
        report.enforcement.seccomp = st.seccomp;
    }

    let pid = child.id() as libc::pid_t;
    let timeout = Duration::from_millis(policy.timeout_ms);
    // On Linux a pidfd wakes the wait the moment the command ends; elsewhere the loop naps.
    #[cfg(target_os = "linux")]
    let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) } as libc::c_int;
    #[cfg(not(target_os = "linux"))]
    let pidfd: libc::c_int = -1;
    let mut nap = Duration::from_micros(50);
    let mut ended: Option<libc::c_int> = None;
    let mut others = 0u32;
    loop {
        loop {
            let mut st = 0;
            let r = unsafe { libc::waitpid(-1, &mut st, libc::WNOHANG) };
            if r <= 0 {
                break;
            }
            if r == pid {
                ended = Some(st);
            } else {
                others += 1;
            }
        }
        if ended.is_some() {
            break;
        }
        if STOP.load(Ordering::SeqCst) {
            report.stopped = true;
            break;
        }
        if start.elapsed() >= timeout {
            report.timed_out = true;
            break;
        }
        let left = timeout.saturating_sub(start.elapsed());
        if pidfd >= 0 {
            let mut p = libc::pollfd { fd: pidfd, events: libc::POLLIN, revents: 0 };
            unsafe { libc::poll(&mut p, 1, left.as_millis().clamp(1, 100) as libc::c_int) };
        } else {
            std::thread::sleep(nap.min(left));
            nap = (nap * 2).min(Duration::from_millis(5));
        }
    }
    if pidfd >= 0 {
        unsafe { libc::close(pidfd) };
    }
    // Whatever is left (the command itself after a timeout, or anything it started) is killed.
    let (killed, st) = kill_all(pid, ended.is_none(), report.enforcement.subreaper);
    if ended.is_none() {
        ended = st;
    }
    report.leftover = others + killed;
    if let Some(st) = ended {
        if libc::WIFEXITED(st) {
            report.code = Some(libc::WEXITSTATUS(st));
        } else if libc::WIFSIGNALED(st) {
            report.signal = Some(libc::WTERMSIG(st));
        }
    }
    let _ = child.try_wait();
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) } == 0 {
        report.max_rss_kb = if cfg!(target_os = "macos") { ru.ru_maxrss as u64 / 1024 } else { ru.ru_maxrss as u64 };
    }
    finish(&mut out, report)
}

fn report_error(mut r: Report, e: String) -> Report {
    r.error = Some(e);
    r
}

fn finish(out: &mut std::fs::File, report: Report) -> i32 {
    use std::io::Write;
    match serde_json::to_writer(&mut *out, &report).map_err(std::io::Error::other).and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("sandbox: cannot write the report: {e}");
            3
        }
    }
}

fn pipe() -> std::io::Result<(libc::c_int, libc::c_int)> {
    let mut fds = [0; 2];
    #[cfg(target_os = "linux")]
    let r = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    #[cfg(not(target_os = "linux"))]
    let r = unsafe {
        let r = libc::pipe(fds.as_mut_ptr());
        if r == 0 {
            libc::fcntl(fds[0], libc::F_SETFD, libc::FD_CLOEXEC);
            libc::fcntl(fds[1], libc::F_SETFD, libc::FD_CLOEXEC);
        }
        r
    };
    if r != 0 { Err(std::io::Error::last_os_error()) } else { Ok((fds[0], fds[1])) }
}

fn limits(p: &Policy) {
    let set = |res, v: u64| unsafe {
        let lim = libc::rlimit { rlim_cur: v as libc::rlim_t, rlim_max: v as libc::rlim_t };
        libc::setrlimit(res, &lim);
    };
    set(libc::RLIMIT_AS, p.memory);
    set(libc::RLIMIT_FSIZE, p.file_size);
    set(libc::RLIMIT_CORE, 0);
    set(libc::RLIMIT_CPU, p.cpu_seconds);
    set(libc::RLIMIT_NOFILE, 256);
}

/// The processes this supervisor is the parent of (its own children and, as a subreaper,
/// every orphaned descendant): from `/proc/self/task/*/children`, or, on kernels without it,
/// from the parent field of every `/proc/<pid>/stat`.
fn children() -> Vec<libc::pid_t> {
    #[cfg(target_os = "linux")]
    {
        let mut out = Vec::new();
        let mut listed = false;
        if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
            for t in tasks.flatten() {
                if let Ok(s) = std::fs::read_to_string(t.path().join("children")) {
                    listed = true;
                    out.extend(s.split_whitespace().filter_map(|p| p.parse::<libc::pid_t>().ok()));
                }
            }
        }
        if !listed {
            let me = std::process::id().to_string();
            for p in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
                let Some(pid) = p.file_name().to_str().and_then(|n| n.parse::<libc::pid_t>().ok()) else { continue };
                let stat = std::fs::read_to_string(p.path().join("stat")).unwrap_or_default();
                // "pid (comm) state ppid …": comm may contain spaces, so split after the last ')'.
                if stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1)) == Some(me.as_str()) {
                    out.push(pid);
                }
            }
        }
        out
    }
    #[cfg(not(target_os = "linux"))]
    {
        Vec::new()
    }
}

/// Kills the command's process group and every descendant, and reaps them all. Returns how
/// many processes other than the command were killed, and the command's wait status if it
/// was reaped here.
///
/// The group is killed by its id only while the command is unreaped (its id cannot have been
/// reused) or when there is no subreaper to find the descendants otherwise.
fn kill_all(pid: libc::pid_t, command_alive: bool, subreaper: bool) -> (u32, Option<libc::c_int>) {
    if command_alive || !subreaper {
        unsafe { libc::killpg(pid, libc::SIGKILL) };
    }
    let mut killed = 0u32;
    let mut command_status = None;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        for k in children() {
            unsafe {
                libc::kill(k, libc::SIGKILL);
                libc::killpg(k, libc::SIGKILL);
            }
        }
        let mut progressed = false;
        loop {
            let mut st = 0;
            let r = unsafe { libc::waitpid(-1, &mut st, libc::WNOHANG) };
            if r > 0 {
                progressed = true;
                if r == pid && command_alive {
                    command_status = Some(st);
                } else if r != pid {
                    killed += 1;
                }
                continue;
            }
            if r < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ECHILD) {
                return (killed, command_status);
            }
            break;
        }
        if Instant::now() > deadline {
            return (killed, command_status);
        }
        if !progressed {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}
