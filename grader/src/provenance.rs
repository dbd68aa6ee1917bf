//! What was graded, by which judge, and when: the fields every result file carries so a re-run
//! can skip an unchanged submission, a merge can keep the newest, and a signature can cover them.

use crate::build::copy;
use crate::course::Course;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// SHA-256 over every module's sources as the build takes them (a refused module counts by
/// its reason, a missing one as missing).
pub fn source_hash(root: &Path, modules: &[String]) -> String {
    source_hash_under(root, "exercises", modules)
}

/// [`source_hash`] of `<root>/<folder>/<module>/src` (`solutions` when grading the reference).
pub fn source_hash_under(root: &Path, folder: &str, modules: &[String]) -> String {
    let mut h = Sha256::new();
    for m in modules {
        h.update(m.as_bytes());
        match copy::take_sources(root, [folder, m, "src"]) {
            Ok(Some(mut files)) => {
                files.sort();
                for (p, data) in files {
                    h.update(p.to_string_lossy().as_bytes());
                    h.update((data.len() as u64).to_le_bytes());
                    h.update(&data);
                }
            }
            Ok(None) => h.update(b"\0missing"),
            Err(why) => {
                h.update(b"\0refused");
                h.update(why.as_bytes());
            }
        }
    }
    hex(&h.finalize())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The grader's version: its package version and a hash of the judge's code (its sources, the
/// runtime inside the student's process, the command line and the lock file), read from the
/// course repository, so a fix to the judge re-grades everyone.
pub fn grader_version(course: &Course) -> String {
    let mut files = Vec::new();
    for d in ["grader/src", "grader/runtime/src", "grader/signing/src", "xtask/src"] {
        collect_files(&course.root.join(d), &mut files);
    }
    files.push(course.root.join("Cargo.lock"));
    files.sort();
    let mut h = Sha256::new();
    for f in files {
        h.update(f.strip_prefix(&course.root).unwrap_or(&f).to_string_lossy().as_bytes());
        let data = std::fs::read(&f).unwrap_or_default();
        h.update((data.len() as u64).to_le_bytes());
        h.update(&data);
    }
    format!("{}+{}", env!("CARGO_PKG_VERSION"), &hex(&h.finalize())[..12])
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => collect_files(&p, out),
            Ok(t) if t.is_file() => out.push(p),
            _ => {}
        }
    }
}

/// Now as RFC 3339 UTC with microseconds (sortable as text).
pub fn now_rfc3339() -> String {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:06}Z", rem / 3600, rem % 3600 / 60, rem % 60, d.subsec_micros())
}
