//! One machine, several graders: timed checks run alone.
//!
//! A timed check is a ratio measured in one process, but two busy processes on a 2-core
//! machine still disturb each other. So every grading process holds a **shared** lock while it
//! builds or runs cases, and a timed check takes the **exclusive** lock: it waits until no
//! build or case of any grader on this machine is running, and none starts until it is done.
//! Waiting for the exclusive lock first takes a turnstile, which new shared holders must pass,
//! so a stream of builds from other shards cannot starve the timing.
//!
//! The locks are `flock(2)` files in `$NDLAB_LOCK_DIR` (default: the system's temporary folder,
//! `ndlab-locks/`), released by the kernel when a process ends, however it ends.

use std::fs::File;
use std::path::PathBuf;

fn dir() -> PathBuf {
    std::env::var_os("NDLAB_LOCK_DIR").map(PathBuf::from).unwrap_or_else(|| std::env::temp_dir().join("ndlab-locks"))
}

fn open(name: &str) -> Option<File> {
    let d = dir();
    std::fs::create_dir_all(&d).ok()?;
    std::fs::OpenOptions::new().create(true).truncate(false).read(true).write(true).open(d.join(name)).ok()
}

fn flock(f: &File, op: libc::c_int) -> bool {
    use std::os::fd::AsRawFd;
    loop {
        // SAFETY: `flock` on a descriptor this process owns; no memory is passed.
        let r = unsafe { libc::flock(f.as_raw_fd(), op) };
        if r == 0 {
            return true;
        }
        if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            return false;
        }
    }
}

/// Held while building or running cases; released on drop.
pub struct Shared(#[allow(dead_code)] Option<File>);
/// Held while a timed check runs; released on drop.
pub struct Exclusive(#[allow(dead_code)] Option<File>);

/// Waits until no timed check runs on this machine, then holds the shared lock. If the lock
/// folder cannot be used, grading goes on unlocked (the locks protect timing quality, not
/// verdicts: a timed check is re-measured before it fails).
pub fn shared() -> Shared {
    if let Some(t) = open("turnstile") {
        flock(&t, libc::LOCK_EX);
        let main = open("machine").filter(|m| flock(m, libc::LOCK_SH));
        flock(&t, libc::LOCK_UN);
        return Shared(main);
    }
    Shared(None)
}

/// Waits until nothing else of any grader runs on this machine, then holds the exclusive lock.
pub fn exclusive() -> Exclusive {
    let Some(t) = open("turnstile") else { return Exclusive(None) };
    flock(&t, libc::LOCK_EX);
    let main = open("machine").filter(|m| flock(m, libc::LOCK_EX));
    flock(&t, libc::LOCK_UN);
    Exclusive(main)
}

/// An exclusive lock on `path` (created if needed), held until the file is dropped. With
/// `wait = false`, `None` when another process holds it.
pub fn lock_file(path: &std::path::Path, wait: bool) -> std::io::Result<Option<File>> {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    let f = std::fs::OpenOptions::new().create(true).truncate(false).read(true).write(true).open(path)?;
    let op = if wait { libc::LOCK_EX } else { libc::LOCK_EX | libc::LOCK_NB };
    Ok(flock(&f, op).then_some(f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    #[test]
    fn exclusive_waits_for_shared_holders_and_blocks_new_ones() {
        let d = tempfile::tempdir().unwrap();
        // SAFETY (test only): set before any other thread of this test reads it.
        unsafe { std::env::set_var("NDLAB_LOCK_DIR", d.path()) };
        let s = shared();
        let got = std::sync::Arc::new(AtomicBool::new(false));
        let g = got.clone();
        let h = std::thread::spawn(move || {
            let _x = exclusive();
            g.store(true, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(300));
        });
        std::thread::sleep(Duration::from_millis(200));
        assert!(!got.load(Ordering::SeqCst), "exclusive must wait for the shared holder");
        drop(s);
        while !got.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(10));
        }
        let t0 = std::time::Instant::now();
        let _s2 = shared();
        assert!(t0.elapsed() >= Duration::from_millis(150), "a new shared holder waits for the timing to end");
        h.join().unwrap();
    }
}
