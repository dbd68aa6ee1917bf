//! `cargo xtask doctor`: the sandbox tried for real on this machine.
//!
//! The helper is run confined like a case (`__attack CANARY TCP-PORT UDP-PORT`) and tries what a
//! hostile submission would: read a canary file placed outside the allowed paths, connect to a
//! TCP listener and send a datagram to a UDP socket that this process opened on 127.0.0.1, and
//! start a process in a session of its own (`setsid`) that would outlive it. Each is reported as
//! blocked or not, from the outside: the canary's content, the listener, the socket and the
//! process table are checked here, not taken on the attacker's word.

use super::{Enforcement, Policy, Profile, Sandbox};
use anyhow::{Context, Result};
use std::path::Path;
use std::time::Duration;

pub const ARG: &str = "__attack";

pub struct SelfTest {
    pub enforcement: Enforcement,
    /// (what was tried, outcome); outcomes that start with "blocked" are good.
    pub attacks: Vec<(String, String)>,
}

impl SelfTest {
    pub fn all_blocked(&self) -> bool {
        self.attacks.iter().all(|(_, o)| o.starts_with("blocked"))
    }
}

/// The attacking side (runs confined): prints what it got.
pub fn attack(args: &[std::ffi::OsString]) -> i32 {
    let arg = |i: usize| args.get(i).and_then(|a| a.to_str()).unwrap_or("").to_string();
    let (canary, tcp, udp) = (arg(0), arg(1), arg(2));
    match std::fs::read_to_string(&canary) {
        Ok(s) => println!("read {}", s.trim()),
        Err(e) => println!("read-error {e}"),
    }
    match std::net::TcpStream::connect_timeout(&format!("127.0.0.1:{tcp}").parse().unwrap(), Duration::from_secs(2)) {
        Ok(_) => println!("tcp connected"),
        Err(e) => println!("tcp-error {e}"),
    }
    match std::net::UdpSocket::bind("127.0.0.1:0").and_then(|s| s.send_to(b"ndlab", format!("127.0.0.1:{udp}"))) {
        Ok(_) => println!("udp sent"),
        Err(e) => println!("udp-error {e}"),
    }
    match std::process::Command::new("setsid").args(["sleep", "30"]).spawn() {
        Ok(c) => println!("spawned {}", c.id()),
        Err(e) => println!("spawn-error {e}"),
    }
    0
}

/// Runs the attacks under the `Case` profile and judges each from outside.
pub fn run(helper: &Path, scratch: &Path) -> Result<SelfTest> {
    let dir = tempfile::Builder::new().prefix("doctor-").tempdir_in(scratch)?;
    let work = dir.path().join("work");
    std::fs::create_dir(&work)?;
    let token = format!("canary-{}-{}", std::process::id(), dir.path().display().to_string().len());
    let canary = dir.path().join("canary.txt");
    std::fs::write(&canary, &token)?;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("cannot listen on 127.0.0.1")?;
    listener.set_nonblocking(true)?;
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").context("cannot bind a UDP socket on 127.0.0.1")?;
    udp.set_nonblocking(true)?;
    let mut read = crate::run::system_read_paths();
    read.push(helper.to_path_buf());
    let mut policy = Policy::in_scratch(Profile::Case, read, &work, &dir.path().join("report.json"), 512 << 20, Duration::from_secs(10));
    policy.env = vec![("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into())];
    let out_path = dir.path().join("out.txt");
    let args = vec![ARG.to_string(), canary.display().to_string(), listener.local_addr()?.port().to_string(), udp.local_addr()?.port().to_string()];
    let status = Sandbox { helper: helper.to_path_buf() }
        .command(&policy, helper, &args)
        .stdout(std::fs::File::create(&out_path)?)
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("cannot start the sandbox helper {}", helper.display()))?;
    let report = Sandbox::read_report(&policy.report);
    if let Some(e) = report.error.filter(|_| !status.success()) {
        anyhow::bail!("the sandbox could not run its self-test: {e}");
    }
    let out = std::fs::read_to_string(&out_path).unwrap_or_default();
    let line = |p: &str| out.lines().find(|l| l.starts_with(p)).unwrap_or("").to_string();
    let mut attacks = Vec::new();

    let r = line("read");
    attacks.push((
        "read a file outside the allowed paths".to_string(),
        if r.contains(&token) { "NOT blocked: the canary was read".to_string() } else { format!("blocked ({})", r.trim_start_matches("read-error ")) },
    ));
    let connected = listener.accept().is_ok();
    attacks.push((
        "TCP connection to a listener on 127.0.0.1".to_string(),
        if connected {
            "NOT blocked: the listener accepted a connection".to_string()
        } else {
            format!("blocked ({})", line("tcp").trim_start_matches("tcp-error "))
        },
    ));
    let mut buf = [0u8; 16];
    let got = udp.recv_from(&mut buf).is_ok();
    attacks.push((
        "UDP datagram to a socket on 127.0.0.1".to_string(),
        if got { "NOT blocked: the datagram arrived".to_string() } else { format!("blocked ({})", line("udp").trim_start_matches("udp-error ")) },
    ));
    let spawned = line("spawn");
    let survivor = spawned.strip_prefix("spawned ").and_then(|p| p.trim().parse::<libc::pid_t>().ok()).filter(|&pid| alive(pid));
    attacks.push((
        "leave a `setsid` process behind".to_string(),
        match (survivor, spawned.starts_with("spawned")) {
            (Some(pid), _) => {
                unsafe { libc::kill(pid, libc::SIGKILL) };
                format!("NOT blocked: process {pid} outlived its case")
            }
            (None, true) => format!("blocked (started, then killed by the supervisor: {} process(es) reaped)", report.leftover),
            (None, false) => format!("blocked ({})", spawned.trim_start_matches("spawn-error ")),
        },
    ));
    Ok(SelfTest { enforcement: report.enforcement, attacks })
}

fn alive(pid: libc::pid_t) -> bool {
    // A zombie is dead for this purpose; /proc tells them apart on Linux.
    #[cfg(target_os = "linux")]
    if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        return !stat.rsplit(')').next().is_some_and(|r| r.trim_start().starts_with('Z'));
    }
    unsafe { libc::kill(pid, 0) == 0 }
}
