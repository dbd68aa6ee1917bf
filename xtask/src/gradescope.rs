//! `cargo xtask gradescope --out autograder.zip`: the autograder to upload to Gradescope.
//!
//! Gradescope extracts the zip into `/autograder/source` and runs `setup.sh` from there once
//! (when it builds the image), then `/autograder/run_autograder` (its copy of the zip's
//! `run_autograder`) for every submission. So the zip holds the course at its root, as the
//! grader needs it, and the two scripts from `deploy/gradescope/` beside it, executable.
//!
//! The course is what `cargo xtask grade` needs: the workspace manifests, `.cargo/`, the
//! judge with its hidden cases (`grader/`, the zip is uploaded privately by instructors), the
//! stubs (`exercises/`), `ndlab/`, `datasets/`, `plots/`, `xtask/` and the README. Left out:
//! `solutions/`, `grader/tests/` (fixtures with solved code) and everything git ignores
//! (`target/`); the workspace manifests lose the solution crates as in the student edition.

use crate::publish;
use anyhow::{Context, Result, bail};
use ndlab_grader::course::Course;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use zip::write::SimpleFileOptions;

/// Paths (files, or folders ending in `/`) of the course that go into the zip.
pub const INCLUDED: [&str; 11] =
    ["Cargo.toml", "Cargo.lock", ".cargo/", "grader/", "exercises/", "ndlab/", "datasets/", "plots/", "xtask/", "leaderboard/", "README.md"];
/// Left out of the folders above.
pub const EXCLUDED: [&str; 2] = ["grader/tests/", "bench/"];
/// The scripts Gradescope runs, from `deploy/gradescope/`, at the zip's root.
pub const SCRIPTS: [&str; 2] = ["setup.sh", "run_autograder"];

/// What went into the zip.
pub struct Packed {
    pub files: usize,
    pub bytes: u64,
}

pub fn pack(course: &Course, out: &Path) -> Result<Packed> {
    let root = &course.root;
    if !root.join("grader/hidden").is_dir() {
        eprintln!("warning: no grader/hidden/: the autograder will grade the public cases only");
    }
    let listed = Command::new("git")
        .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        .current_dir(root)
        .output()
        .context("cannot run git ls-files (the zip is made from the course's git checkout)")?;
    if !listed.status.success() {
        bail!("git ls-files failed: {}", String::from_utf8_lossy(&listed.stderr));
    }
    let mut files: Vec<String> = listed
        .stdout
        .split(|b| *b == 0)
        .filter(|r| !r.is_empty())
        .map(|r| String::from_utf8_lossy(r).into_owned())
        .filter(|rel| {
            INCLUDED.iter().any(|i| if i.ends_with('/') { rel.starts_with(i) } else { rel == i })
                && !EXCLUDED.iter().any(|x| rel.starts_with(x))
                && root.join(rel).is_file()
        })
        .collect();
    files.sort();
    files.dedup();
    for s in SCRIPTS {
        let p = root.join("deploy/gradescope").join(s);
        if !p.is_file() {
            bail!("{} is missing", p.display());
        }
    }

    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let tmp = out.with_extension("zip.tmp");
    let file = std::fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let plain = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).unix_permissions(0o644);
    let exec = plain.unix_permissions(0o755);
    let mut bytes = 0;
    for s in SCRIPTS {
        let data = std::fs::read(root.join("deploy/gradescope").join(s))?;
        zip.start_file(s, exec)?;
        zip.write_all(&data)?;
        bytes += data.len() as u64;
    }
    for rel in &files {
        let path = root.join(rel);
        let data = match rel.as_str() {
            "Cargo.toml" => publish::student_manifest(&std::fs::read_to_string(&path)?)?.into_bytes(),
            "plots/Cargo.toml" => publish::student_plots_manifest(&std::fs::read_to_string(&path)?)?.into_bytes(),
            _ => std::fs::read(&path).with_context(|| format!("cannot read {rel}"))?,
        };
        zip.start_file(rel.as_str(), if is_executable(&path) { exec } else { plain })?;
        zip.write_all(&data)?;
        bytes += data.len() as u64;
    }
    zip.finish()?.flush()?;
    std::fs::rename(&tmp, out).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(Packed { files: files.len() + SCRIPTS.len(), bytes })
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    /// Every workspace member but the solutions is in the zip: cargo refuses a workspace with a
    /// member missing, so the autograder would not start.
    #[test]
    fn every_workspace_member_but_the_solutions_is_packed() {
        let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml")).unwrap();
        let doc: toml::Table = manifest.parse().unwrap();
        let members = doc["workspace"]["members"].as_array().unwrap();
        for m in members.iter().map(|m| m.as_str().unwrap()) {
            if m.starts_with("solutions/") {
                continue;
            }
            let path = format!("{}/", m.trim_end_matches("/*"));
            assert!(super::INCLUDED.iter().any(|i| i.ends_with('/') && path.starts_with(i)), "workspace member {m} is not in gradescope::INCLUDED");
        }
    }
}
