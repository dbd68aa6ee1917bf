//! Running cargo on the generated workspace, confined.
//!
//! Dependencies are fetched first by a plain `cargo fetch` (it compiles nothing, and only reads
//! manifests the judge wrote). The build itself runs `cargo build --offline` under the sandbox's
//! `Build` profile: it may read the toolchain, the registry's sources, the course's public crates
//! (runtime, `ndlab`, `datasets`) and glue, and this build's own workspace; it may write only that
//! workspace, its target folder and a temporary folder; no network; an environment with nothing
//! but what cargo needs (so `option_env!` finds no secret). A student's code does not run at
//! compile time (the judge writes the manifests: no build script, no proc-macro crate), but
//! `include_str!`, `#[path]` and `env!` do, and this is what keeps them in.
//!
//! Each submission crate's `rustc` goes through a wrapper ([`rustc_wrapper`], cargo's
//! `RUSTC_WORKSPACE_WRAPPER`) with a wall-clock limit and an address-space cap, so a compile
//! that never ends fails that module alone.

use crate::course::Course;
use crate::run::system_read_paths;
use crate::sandbox::{Policy, Profile};
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The toolchain the judge builds with, resolved outside the sandbox.
#[derive(Clone, Debug)]
pub struct Toolchain {
    pub cargo: PathBuf,
    pub rustc: PathBuf,
    pub sysroot: PathBuf,
    pub cargo_home: PathBuf,
}

impl Toolchain {
    pub fn find() -> Result<Toolchain> {
        let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
        let out = std::process::Command::new(&rustc)
            .args(["--print", "sysroot"])
            .output()
            .with_context(|| format!("cannot run {} (is the Rust toolchain installed?)", Path::new(&rustc).display()))?;
        if !out.status.success() {
            bail!("`rustc --print sysroot` failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        let real = |name: &str| sysroot.join("bin").join(name);
        let rustc = if real("rustc").is_file() { real("rustc") } else { PathBuf::from(rustc) };
        let cargo = if real("cargo").is_file() { real("cargo") } else { std::env::var_os("CARGO").map(PathBuf::from).unwrap_or_else(|| "cargo".into()) };
        let cargo_home = match std::env::var_os("CARGO_HOME") {
            Some(h) => PathBuf::from(h),
            None => PathBuf::from(std::env::var_os("HOME").context("neither CARGO_HOME nor HOME is set")?).join(".cargo"),
        };
        Ok(Toolchain { cargo, rustc, sysroot, cargo_home })
    }
}

/// The environment variable that turns the helper into the rustc wrapper, with its limits.
pub const LIMITS_ENV: &str = "NDLAB_RUSTC_LIMITS";

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RustcLimits {
    /// Wall-clock seconds per module (for its `ndlab_sub_<m>` and `ndlab_run_<m>_<key>` crates).
    pub timeout_s: BTreeMap<String, u64>,
    /// Address-space cap of such a rustc (and the linker it starts), in bytes.
    pub memory: u64,
}

/// Said in the message of a compile that was stopped.
pub const STOPPED: &str = "took longer than";

/// What a confined build may read and write, and its environment.
#[allow(clippy::too_many_arguments)]
pub fn policy(
    course: &Course,
    tc: &Toolchain,
    workspace: &Path,
    target: &Path,
    report: &Path,
    crates: &[PathBuf],
    extra_read: &[PathBuf],
    limits: &RustcLimits,
) -> Result<Policy> {
    let tmp = workspace.join(".tmp");
    std::fs::create_dir_all(&tmp)?;
    let mut read = system_read_paths();
    read.extend(["/usr", "/bin", "/sbin", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives"].iter().map(PathBuf::from));
    read.push(tc.sysroot.clone());
    for p in ["registry", "git", "config.toml", "config"] {
        read.push(tc.cargo_home.join(p));
    }
    read.push(course.helper.clone());
    // Path dependencies inherit fields from the course's workspace manifest, and cargo reads
    // the configuration files above its working folder.
    read.push(course.root.join("Cargo.toml"));
    for dir in workspace.ancestors() {
        read.push(dir.join(".cargo/config.toml"));
        read.push(dir.join(".cargo/config"));
    }
    read.push(course.root.join("grader/glue"));
    read.extend(crates.iter().cloned());
    // cargo looks for each path dependency's workspace in the manifests above it, up to the
    // first that declares one.
    for c in crates {
        for dir in c.ancestors().skip(1) {
            let manifest = dir.join("Cargo.toml");
            read.push(manifest.clone());
            if std::fs::read_to_string(&manifest).is_ok_and(|t| t.lines().any(|l| l.trim() == "[workspace]")) {
                break;
            }
        }
    }
    read.extend(extra_read.iter().cloned());
    for (k, v) in &course.build_env {
        if k == "MKLROOT" {
            read.push(PathBuf::from(v));
        }
    }
    // The secrets must be outside everything readable: refuse to build otherwise.
    let secrets = [course.default_hidden(), course.root.join("solutions")];
    for r in &read {
        for s in &secrets {
            if s.starts_with(r) && !extra_read.contains(r) {
                bail!("the build would be able to read {} through {}: refusing to build", s.display(), r.display());
            }
        }
    }
    let mut env: Vec<(String, String)> = vec![
        ("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into()),
        ("HOME".into(), tmp.display().to_string()),
        ("TMPDIR".into(), tmp.display().to_string()),
        ("CARGO_HOME".into(), tc.cargo_home.display().to_string()),
        ("RUSTC".into(), tc.rustc.display().to_string()),
        ("CARGO_TARGET_DIR".into(), target.display().to_string()),
        ("CARGO_TERM_COLOR".into(), "never".into()),
        ("CARGO_TERM_PROGRESS_WHEN".into(), "never".into()),
        ("RUSTC_WORKSPACE_WRAPPER".into(), course.helper.display().to_string()),
        (LIMITS_ENV.into(), serde_json::to_string(limits)?),
    ];
    env.extend(course.build_env.iter().cloned());
    Ok(Policy {
        profile: Profile::Build,
        read,
        write: vec![workspace.to_path_buf(), target.to_path_buf()],
        memory: 64 << 30,
        cpu_seconds: 4 * 3600,
        file_size: 16 << 30,
        timeout_ms: 3 * 3600 * 1000,
        report: report.to_path_buf(),
        env,
        cwd: workspace.to_path_buf(),
    })
}

pub fn is_rustc_wrapper() -> bool {
    std::env::var_os(LIMITS_ENV).is_some()
}

/// `RUSTC_WORKSPACE_WRAPPER`: `<helper> RUSTC ARGS…`. Submission crates get a wall-clock limit
/// and a memory cap; anything else runs as is.
pub fn rustc_wrapper(args: &[OsString]) -> i32 {
    let limits: RustcLimits = std::env::var(LIMITS_ENV).ok().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
    let Some((rustc, rest)) = args.split_first() else {
        eprintln!("rustc wrapper: no rustc given");
        return 2;
    };
    let crate_name = rest.windows(2).find(|w| w[0] == "--crate-name").and_then(|w| w[1].to_str()).unwrap_or("");
    let module = crate_name
        .strip_prefix("ndlab_sub_")
        .map(str::to_string)
        .or_else(|| crate_name.strip_prefix("ndlab_run_").and_then(|r| r.rsplit_once('_')).map(|(m, _)| m.to_string()));
    let mut cmd = std::process::Command::new(rustc);
    cmd.args(rest);
    let Some((m, secs)) = module.and_then(|m| limits.timeout_s.get(&m).map(|s| (m, *s))) else {
        return match cmd.status() {
            Ok(s) => s.code().unwrap_or(1),
            Err(e) => {
                eprintln!("rustc wrapper: cannot run {}: {e}", Path::new(rustc).display());
                1
            }
        };
    };
    use std::os::unix::process::CommandExt;
    cmd.process_group(0);
    let memory = limits.memory;
    if memory > 0 {
        unsafe {
            cmd.pre_exec(move || {
                let lim = libc::rlimit { rlim_cur: memory as libc::rlim_t, rlim_max: memory as libc::rlim_t };
                libc::setrlimit(libc::RLIMIT_AS, &lim);
                Ok(())
            });
        }
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("rustc wrapper: cannot run {}: {e}", Path::new(rustc).display());
            return 1;
        }
    };
    use wait_timeout::ChildExt;
    match child.wait_timeout(Duration::from_secs(secs)) {
        Ok(Some(st)) => st.code().unwrap_or(1),
        _ => {
            unsafe { libc::killpg(child.id() as libc::pid_t, libc::SIGKILL) };
            let _ = child.wait();
            let text = format!(
                "compiling module `{m}` {STOPPED} {secs} s and was stopped (a `const` evaluation, a recursive macro or a type-level computation that does not end?)"
            );
            // In rustc's own JSON form, so cargo files it under this crate like any error.
            let diag = serde_json::json!({
                "$message_type": "diagnostic",
                "message": text,
                "code": null,
                "level": "error",
                "spans": [],
                "children": [],
                "rendered": format!("error: {text}\n"),
            });
            eprintln!("{diag}");
            1
        }
    }
}
