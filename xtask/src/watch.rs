//! `cargo xtask watch [MODULE...]`: re-grades on every save and shows the first failing exercise
//! with its hint, or the next exercise once everything watched passes.
//!
//! - Events: native ones through `notify` (inotify, FSEvents, ReadDirectoryChangesW), debounced by
//!   `notify-debouncer-mini`; polling (every second) where native events are unreliable: with
//!   `--poll`, on WSL's Windows drives (`/mnt/<letter>`, where a Windows editor's saves raise no
//!   inotify event), on network and FUSE file systems (NFS, SMB/CIFS, 9p, FUSE; `statfs`), and
//!   whenever the native watcher cannot start (e.g. out of inotify watches). It says which.
//! - What changed is decided by the sources' hash, not by the event: an editor's swap file or a
//!   `touch` grades nothing, and a module is re-graded only when its sources differ from the ones
//!   it was last graded with.
//! - Grading is the judge's (`ndlab_grader::grade`), so its limits apply: a case that loops is
//!   stopped at its timeout and reported, and the watch goes on.

use crate::progress::{self, Progress};
use anyhow::{Context, Result};
use ndlab_grader::course::{Course, Source};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer_opt};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct WatchArgs {
    /// Modules to watch (default: all).
    pub modules: Vec<String>,
    /// Poll for changes instead of waiting for the operating system's file events (for file
    /// systems that do not deliver them; chosen automatically on WSL's /mnt/ drives and network
    /// file systems).
    #[arg(long)]
    pub poll: bool,
    /// Skip the timed checks (faster rounds).
    #[arg(long)]
    pub no_timing: bool,
    /// Watch another checkout of the exercises.
    #[arg(long, value_name = "PATH")]
    pub submission: Option<PathBuf>,
}

/// How changes are noticed.
enum Events {
    Native(Debouncer<notify::RecommendedWatcher>),
    Poll(Debouncer<notify::PollWatcher>, String),
}

const DEBOUNCE: Duration = Duration::from_millis(300);
const POLL_EVERY: Duration = Duration::from_secs(1);

pub fn watch(course: &Course, a: WatchArgs) -> Result<ExitCode> {
    let modules = course.select(&a.modules)?;
    let checkout = crate::checkout(course, a.submission.as_deref())?;
    let dirs: Vec<PathBuf> = modules.iter().map(|m| checkout.join("exercises").join(m).join("src")).filter(|d| d.is_dir()).collect();
    if dirs.is_empty() {
        anyhow::bail!("nothing to watch: no exercises/<module>/src folder in {}", checkout.display());
    }
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let reason = if a.poll { Some("--poll".to_string()) } else { polling_reason(&checkout) };
    let mut events = match reason {
        Some(why) => poll(tx, why)?,
        None => match new_debouncer_opt::<_, notify::RecommendedWatcher>(notify_debouncer_mini::Config::default().with_timeout(DEBOUNCE), tx.clone()) {
            Ok(d) => Events::Native(d),
            Err(e) => poll(tx, format!("native file events are unavailable ({e})"))?,
        },
    };
    for d in &dirs {
        let r = match &mut events {
            Events::Native(w) => w.watcher().watch(d, notify::RecursiveMode::Recursive),
            Events::Poll(w, _) => w.watcher().watch(d, notify::RecursiveMode::Recursive),
        };
        if let Err(e) = r {
            if let Events::Native(_) = events {
                // Out of inotify watches, say: poll instead of missing saves.
                let (tx, rx2) = mpsc::channel();
                drop(events);
                let mut p = poll(tx, format!("native file events failed on {} ({e})", d.display()))?;
                if let Events::Poll(w, _) = &mut p {
                    for d in &dirs {
                        w.watcher().watch(d, notify::RecursiveMode::Recursive)?;
                    }
                }
                return run(course, &a, &modules, &checkout, &p, rx2);
            }
            return Err(e).with_context(|| format!("cannot watch {}", d.display()));
        }
    }
    run(course, &a, &modules, &checkout, &events, rx)
}

fn poll(tx: mpsc::Sender<DebounceEventResult>, why: String) -> Result<Events> {
    let cfg = notify_debouncer_mini::Config::default()
        .with_timeout(DEBOUNCE)
        .with_notify_config(notify::Config::default().with_poll_interval(POLL_EVERY).with_compare_contents(true));
    Ok(Events::Poll(new_debouncer_opt::<_, notify::PollWatcher>(cfg, tx)?, why))
}

fn run(course: &Course, a: &WatchArgs, modules: &[String], checkout: &Path, events: &Events, rx: mpsc::Receiver<DebounceEventResult>) -> Result<ExitCode> {
    let how = match events {
        Events::Native(_) => "the system's file events".to_string(),
        Events::Poll(_, why) => format!("polling every {} s ({why})", POLL_EVERY.as_secs()),
    };
    // What each module was last graded with (from the stored verdicts: an unchanged module is not
    // re-graded when the watch starts).
    let mut graded: BTreeMap<String, String> = BTreeMap::new();
    if let Ok(p) = Progress::load(course, checkout, modules) {
        for m in modules {
            let rows: Vec<_> = p.rows.iter().filter(|r| &r.module == m).collect();
            if !rows.is_empty() && rows.iter().all(|r| r.entry.is_some()) && !p.changed.contains(m) {
                graded.insert(m.clone(), ndlab_grader::provenance::source_hash(checkout, std::slice::from_ref(m)));
            }
        }
    }
    let mut first = true;
    loop {
        // The sources as they are now: a save during the grade below is noticed on the next round.
        let now: BTreeMap<String, String> =
            modules.iter().map(|m| (m.clone(), ndlab_grader::provenance::source_hash(checkout, std::slice::from_ref(m)))).collect();
        let changed: Vec<String> = modules.iter().filter(|m| graded.get(*m) != now.get(*m)).cloned().collect();
        if !changed.is_empty() {
            if !first {
                println!();
            }
            println!("── grading {} ──", changed.join(", "));
            let t = Instant::now();
            let before = states(course, checkout, modules);
            match grade(course, a, checkout, &changed) {
                Ok(()) => {
                    for m in &changed {
                        graded.insert(m.clone(), now[m].clone());
                    }
                }
                Err(e) => println!("could not grade: {e:#}"),
            }
            if !first {
                print!("{}", transitions(&before, &states(course, checkout, modules)));
            }
            print!("{}", status(course, checkout, modules));
            println!("[{:.1} s] watching {} for changes ({how}); Ctrl-C to stop", t.elapsed().as_secs_f64(), shown(modules));
        } else if first {
            print!("{}", status(course, checkout, modules));
            println!("watching {} for changes ({how}); Ctrl-C to stop", shown(modules));
        }
        first = false;
        // Wait for a save (the debouncer has already merged a burst of events into one).
        match rx.recv() {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => println!("warning: file watching reported: {e}"),
            Err(_) => return Ok(ExitCode::SUCCESS),
        }
        while rx.try_recv().is_ok() {}
    }
}

fn shown(modules: &[String]) -> String {
    if modules.len() == 1 { format!("exercises/{}/src", modules[0]) } else { "exercises/*/src".into() }
}

fn grade(course: &Course, a: &WatchArgs, checkout: &Path, modules: &[String]) -> Result<()> {
    let mut opts = ndlab_grader::grade::Options::new(Source::Checkout(checkout.to_path_buf()));
    opts.modules = modules.to_vec();
    opts.hidden = crate::class::hidden_dir(course, &None, false)?;
    opts.timing = !a.no_timing;
    opts.progress = false;
    opts.untouched = crate::reset::untouched_modules(course, checkout, &course.select(modules)?);
    let results = ndlab_grader::grade::grade(course, &opts)?;
    for m in &results.modules {
        println!("{}: {}/{} points", m.name, progress::pts(m.score), progress::pts(m.max_score));
    }
    progress::record(checkout, &results)
}

/// Each exercise's state (absent: never graded).
fn states(course: &Course, checkout: &Path, modules: &[String]) -> BTreeMap<String, progress::State> {
    Progress::load(course, checkout, modules)
        .map(|p| p.rows.iter().filter_map(|r| r.entry.as_ref().map(|e| (format!("{}::{}", r.module, r.exercise), e.state))).collect())
        .unwrap_or_default()
}

/// What changed since the previous round: exercises that pass now, and ones that stopped passing.
fn transitions(before: &BTreeMap<String, progress::State>, after: &BTreeMap<String, progress::State>) -> String {
    let mut s = String::new();
    for (t, now) in after {
        let was = before.get(t).copied();
        if now.done() && !was.is_some_and(|w| w.done()) {
            s += &format!("✓ {t} passes now\n");
        } else if !now.done() && was.is_some_and(|w| w.done()) {
            s += &format!("✗ {t} no longer passes ({})\n", now.words());
        }
    }
    s
}

/// The first exercise among the watched modules that does not pass, with why and its hint; or,
/// when they all pass, the next exercise of the course.
fn status(course: &Course, checkout: &Path, modules: &[String]) -> String {
    let Ok(p) = Progress::load(course, checkout, modules) else { return String::new() };
    let passing = p.rows.iter().filter(|r| r.entry.as_ref().is_some_and(|e| e.state.done())).count();
    let mut s = format!("{passing}/{} exercises pass\n", p.rows.len());
    match p.next() {
        Some(r) => {
            let t = format!("{}::{}", r.module, r.exercise);
            match &r.entry {
                Some(e) if e.state == progress::State::NotStarted => s += &format!("Next: {t} (not started)\n"),
                Some(e) => {
                    let of = e.failure_of.as_deref().map(|o| format!("{o}: ")).unwrap_or_default();
                    s += &format!("Next: {t} ({}): {of}{}\n", e.state.words(), e.first_failure.as_deref().unwrap_or(""));
                }
                None => s += &format!("Next: {t} (not graded yet)\n"),
            }
            let at = ndlab_grader::grade::locate_functions(&Source::Checkout(checkout.to_path_buf()), course, &r.module, std::iter::once(r.exercise.as_str()));
            if let Some(l) = at.get(&r.exercise) {
                s += &format!("  at {}:{}\n", l.file, l.line);
            }
            if let Some(h) = &r.hint {
                s += &format!("  hint: {h}\n");
            }
            s += &format!("  (`cargo xtask hint {t} --more` for a deeper hint)\n");
        }
        None => {
            s += "✓ every watched exercise passes.\n";
            if let Ok(all) = Progress::load(course, checkout, &course.modules)
                && let Some(r) = all.next()
            {
                let t = format!("{}::{}", r.module, r.exercise);
                s += &format!("Next: {t}  (`cargo xtask watch {}`, `cargo xtask hint {t}`)\n", r.module);
            }
        }
    }
    s
}

/// Why native events cannot be trusted for `path`, if they cannot.
pub fn polling_reason(path: &Path) -> Option<String> {
    let p = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if cfg!(target_os = "linux") {
        let wsl = std::fs::read_to_string("/proc/sys/kernel/osrelease").is_ok_and(|r| r.to_lowercase().contains("microsoft"));
        if wsl && p.starts_with("/mnt/") {
            return Some("a Windows drive under WSL: its changes raise no inotify events".into());
        }
    }
    remote_fs(&p).map(|fs| format!("{fs} file system: its changes made elsewhere raise no events here"))
}

/// The kind of network or user-space file system `path` is on, if it is on one.
#[cfg(target_os = "linux")]
fn remote_fs(path: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid NUL-terminated path and `st` a properly sized out-parameter.
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return None;
    }
    // The magic numbers of linux/magic.h (and of CIFS/SMB2, defined by their drivers).
    #[allow(clippy::unnecessary_cast)]
    match st.f_type as u64 {
        0x6969 => Some("an NFS"),
        0x517b | 0xff53_4d42 | 0xfe53_4d42 => Some("an SMB/CIFS"),
        0x0102_1997 => Some("a 9p (WSL 2 or VM shared folder)"),
        0x6573_5546 => Some("a FUSE"),
        0x00c3_6400 => Some("a Ceph"),
        0x5346_414f => Some("an AFS"),
        _ => None,
    }
}

#[cfg(target_os = "macos")]
fn remote_fs(path: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return None;
    }
    let name: Vec<u8> = st.f_fstypename.iter().take_while(|c| **c != 0).map(|c| *c as u8).collect();
    match name.as_slice() {
        b"nfs" => Some("an NFS"),
        b"smbfs" => Some("an SMB"),
        b"afpfs" => Some("an AFP"),
        b"webdav" => Some("a WebDAV"),
        n if n.starts_with(b"macfuse") || n.starts_with(b"osxfuse") => Some("a FUSE"),
        _ => None,
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn remote_fs(_: &Path) -> Option<&'static str> {
    None
}
