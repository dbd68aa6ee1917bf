//! Skipping cargo when nothing a build depends on has changed.
//!
//! After a build in which every requested module compiled, a stamp records a fingerprint of
//! everything cargo would look at (the generated workspace with the submission's sources, the
//! glue and naive variants, the course's lock file, the sizes and times of the crates the
//! runners link, the toolchain, features and environment) and each runner's size and time. The
//! next build of the same modules with the same fingerprint, whose runners are still there and
//! unchanged, returns them without starting cargo: the second `grade` of an unchanged
//! exercise skips about a second of `cargo fetch` and no-op `cargo build`. Anything else
//! (a changed byte, a missing or touched runner, an unreadable stamp) builds as before.

use crate::course::Course;
use crate::sandbox::Enforcement;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Toolchain;

#[derive(Serialize, Deserialize)]
pub struct Fresh {
    fingerprint: String,
    /// Per module: the runner, its size and its modification time (ns since the epoch).
    bins: BTreeMap<String, (PathBuf, u64, u128)>,
    enforcement: Enforcement,
}

fn stat(p: &Path) -> Option<(u64, u128)> {
    let m = std::fs::metadata(p).ok()?;
    let t = m.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
    Some((m.len(), t))
}

impl Fresh {
    /// The stamp of one set of modules in build folder `dir`.
    pub fn path(dir: &Path, modules: &[String]) -> PathBuf {
        let h = Sha256::digest(modules.join(",").as_bytes());
        dir.join(format!(".fresh-{}.json", h.iter().take(6).map(|b| format!("{b:02x}")).collect::<String>()))
    }

    /// The runners of the last build, if it is still fresh.
    pub fn read(path: &Path, fingerprint: &str, modules: &[String]) -> Option<(BTreeMap<String, PathBuf>, Enforcement)> {
        let f: Fresh = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        if f.fingerprint != fingerprint {
            return None;
        }
        let mut out = BTreeMap::new();
        for m in modules {
            let (bin, size, time) = f.bins.get(m)?;
            if stat(bin)? != (*size, *time) {
                return None;
            }
            out.insert(m.clone(), bin.clone());
        }
        Some((out, f.enforcement))
    }

    pub fn write(path: &Path, fingerprint: &str, bins: BTreeMap<String, PathBuf>, enforcement: &Enforcement) {
        let bins = bins.into_iter().filter_map(|(m, b)| stat(&b).map(|(s, t)| (m, (b, s, t)))).collect();
        let f = Fresh { fingerprint: fingerprint.to_string(), bins, enforcement: enforcement.clone() };
        let tmp = path.with_extension("tmp");
        // A stamp that cannot be written only costs the next build its shortcut.
        if serde_json::to_vec(&f).ok().and_then(|b| std::fs::write(&tmp, b).ok()).is_some() {
            let _ = std::fs::rename(&tmp, path);
        }
    }
}

/// Everything a build of `modules` in `dir` rests on.
#[allow(clippy::too_many_arguments)]
pub fn fingerprint(course: &Course, dir: &Path, modules: &[String], tc: &Toolchain, crates: &[PathBuf], with_variants: bool, trusted: bool) -> Result<String> {
    let mut h = Sha256::new();
    let mut text = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    text("ndlab-build-fingerprint-1");
    text(&format!("{:?}", (&tc.cargo, &tc.rustc, &tc.sysroot, stat(&tc.rustc), stat(&tc.cargo))));
    text(&format!("{:?}", (&course.features, &course.build_env, with_variants, trusted, modules)));
    let mut files: Vec<PathBuf> = vec![dir.join("Cargo.toml"), course.root.join("Cargo.lock"), course.root.join("Cargo.toml")];
    // cargo reads the configuration files above the build folder.
    files.extend(dir.ancestors().map(|a| a.join(".cargo/config.toml")));
    for m in modules {
        walk(&dir.join(format!("sub-{m}")), &mut files);
        walk(&dir.join(format!("run-{m}")), &mut files);
        files.push(course.glue(m));
        if with_variants {
            walk(&course.root.join("solutions").join(m).join("naive"), &mut files);
        }
    }
    for f in &files {
        h.update(f.to_string_lossy().as_bytes());
        let data = std::fs::read(f).unwrap_or_default();
        h.update((data.len() as u64).to_le_bytes());
        h.update(&data);
    }
    // The linked crates: their files' sizes and times (cargo's own test for path dependencies).
    let mut deps = Vec::new();
    for c in crates {
        walk(c, &mut deps);
    }
    deps.sort();
    for f in deps {
        h.update(f.to_string_lossy().as_bytes());
        h.update(format!("{:?}", stat(&f)).as_bytes());
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Every file under `dir` (not following links; skipping `target` folders).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let Ok(ty) = e.file_type() else { continue };
        let p = e.path();
        if ty.is_dir() {
            if e.file_name() != "target" {
                walk(&p, out);
            }
        } else if ty.is_file() {
            out.push(p);
        }
    }
}

/// A hash of what `cargo fetch` reads: the generated manifests and the lock files.
pub fn manifests_hash(dir: &Path, modules: &[String], course: &Course) -> String {
    let mut h = Sha256::new();
    let mut files = vec![dir.join("Cargo.toml"), dir.join("Cargo.lock"), course.root.join("Cargo.lock")];
    for m in modules {
        files.push(dir.join(format!("sub-{m}/Cargo.toml")));
        files.push(dir.join(format!("run-{m}/Cargo.toml")));
    }
    for f in files {
        h.update(f.to_string_lossy().as_bytes());
        let data = std::fs::read(&f).unwrap_or_default();
        h.update((data.len() as u64).to_le_bytes());
        h.update(&data);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_byte_or_a_touched_runner_means_a_build() {
        let course = Course::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("..")).unwrap();
        let tc = Toolchain::find().unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let modules = vec!["arrays".to_string()];
        std::fs::create_dir_all(dir.join("sub-arrays/src")).unwrap();
        std::fs::write(dir.join("Cargo.toml"), "[workspace]\n").unwrap();
        std::fs::write(dir.join("sub-arrays/src/lib.rs"), "pub fn f() {}\n").unwrap();
        let bin = dir.join("runner");
        std::fs::write(&bin, "binary").unwrap();
        let fp = |d: &Path| fingerprint(&course, d, &modules, &tc, &[], false, false).unwrap();
        let first = fp(dir);
        assert_eq!(fp(dir), first, "the same inputs give the same fingerprint");
        let stamp = Fresh::path(dir, &modules);
        Fresh::write(&stamp, &first, [("arrays".to_string(), bin.clone())].into(), &Enforcement::default());
        assert_eq!(Fresh::read(&stamp, &first, &modules).map(|(b, _)| b["arrays"].clone()), Some(bin.clone()));
        // Another module set has its own stamp.
        assert!(Fresh::read(&stamp, &first, &["arrays".into(), "nn".into()]).is_none());

        std::fs::write(dir.join("sub-arrays/src/lib.rs"), "pub fn f() { }\n").unwrap();
        let edited = fp(dir);
        assert_ne!(edited, first, "one byte of the submission changes the fingerprint");
        assert!(Fresh::read(&stamp, &edited, &modules).is_none());

        std::fs::write(&bin, "another binary").unwrap();
        assert!(Fresh::read(&stamp, &first, &modules).is_none(), "a runner that changed is not trusted");
        std::fs::remove_file(&bin).unwrap();
        assert!(Fresh::read(&stamp, &first, &modules).is_none(), "a runner that is gone is not trusted");
    }
}
