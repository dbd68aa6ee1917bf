//! The student edition: the repository without what students must not see.
//!
//! Left out: `solutions/` (reference solutions and naive anti-solutions), `grader/hidden/`
//! (hidden cases and their expected values), `grader/tests/` (the grader's adversarial
//! fixtures, which contain solved code) and `bench/` (the NumPy twins of the reference
//! solutions that `cargo xtask bench --compare` times). The workspace manifest loses the solution members,
//! and `.ci/run` becomes the students' CI (tests, then `cargo xtask grade --json results.json`).
//!
//! With `--release m1,m2` (after a deadline), `exercises/<m>/src` of each named module is its
//! reference solution instead of the stub: `solutions/<m>/src` with the `// BEGIN SOLUTION` /
//! `// END SOLUTION` marker lines dropped (the code between them stays), under the exercise
//! crate's own manifest. Only `src/` is read, so the naive anti-solutions (`solutions/<m>/naive/`)
//! are never part of it, and the hidden cases stay out as before.

use crate::sync;
use anyhow::{Context, Result, bail};
use ndlab_grader::course::Course;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const EXCLUDED: [&str; 4] = ["solutions/", "grader/hidden/", "grader/tests/", "bench/"];

/// Writes the student edition to `out`, with the reference solutions of the modules in `release`
/// in place of their stubs.
pub fn publish(course: &Course, out: &Path, release: &[String]) -> Result<()> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        bail!("{} exists and is not empty", out.display());
    }
    // Everything released is read and checked before anything is written.
    let released = if release.is_empty() { Vec::new() } else { course.select(release)? };
    let mut solved: Vec<(String, Vec<(PathBuf, String)>)> = Vec::new();
    for m in &released {
        // The released lesson must be the one the students had: the stubs in sync with it.
        let stale = sync::out_of_date(course, m)?;
        if !stale.is_empty() {
            bail!("cannot release {m}: exercises/{m} is out of date with solutions/{m} ({}); run `cargo xtask sync` first", stale.join(", "));
        }
        let files = sync::release(course, m)?;
        for (rel, text) in &files {
            if text.contains("naive/") {
                bail!("cannot release {m}: solutions/{m}/{} refers to naive/ (the anti-solutions are never published)", rel.display());
            }
        }
        solved.push((m.clone(), files));
    }
    let replaced: Vec<String> = released.iter().map(|m| format!("exercises/{m}/src/")).collect();
    let listed = Command::new("git")
        .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        .current_dir(&course.root)
        .output()
        .context("cannot run git ls-files")?;
    if !listed.status.success() {
        bail!("git ls-files failed: {}", String::from_utf8_lossy(&listed.stderr));
    }
    let mut n = 0;
    for rel in listed.stdout.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let rel = String::from_utf8_lossy(rel).into_owned();
        if EXCLUDED.iter().any(|x| rel.starts_with(x)) || replaced.iter().any(|x| rel.starts_with(x)) || !course.root.join(&rel).is_file() {
            continue;
        }
        let dest = out.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap())?;
        if rel == ".ci/run" {
            std::fs::write(&dest, STUDENT_CI)?;
            set_executable(&dest)?;
        } else if rel == "Cargo.toml" {
            let text = std::fs::read_to_string(course.root.join(&rel))?;
            std::fs::write(&dest, student_manifest(&text)?)?;
        } else if rel == "plots/Cargo.toml" {
            let text = std::fs::read_to_string(course.root.join(&rel))?;
            std::fs::write(&dest, student_plots_manifest(&text)?)?;
        } else {
            std::fs::copy(course.root.join(&rel), &dest).with_context(|| format!("cannot copy {rel}"))?;
        }
        n += 1;
    }
    for (m, files) in &solved {
        for (rel, text) in files {
            let dest = out.join("exercises").join(m).join(rel);
            std::fs::create_dir_all(dest.parent().unwrap())?;
            std::fs::write(&dest, text).with_context(|| format!("cannot write {}", dest.display()))?;
            n += 1;
        }
    }
    // The stubs as derived, for `cargo xtask reset` (the student's exercises/ is theirs to edit).
    for m in &course.modules {
        for (rel, text) in sync::stub_sources(course, m)? {
            let dest = out.join(crate::reset::STUBS).join(m).join(rel);
            std::fs::create_dir_all(dest.parent().unwrap())?;
            std::fs::write(&dest, text).with_context(|| format!("cannot write {}", dest.display()))?;
            n += 1;
        }
    }
    println!("wrote the student edition ({n} files) to {}", out.display());
    println!("left out: {}", EXCLUDED.join(", "));
    if released.is_empty() {
        println!("released: none (every module is a stub)");
    } else {
        println!("released (reference solution in exercises/<m>/src, without the naive variants): {}", released.join(", "));
    }
    Ok(())
}

/// A course's (or a student's) CI: the repository's tests, then the grade as JSON.
const STUDENT_CI: &str = r#"#!/usr/bin/env bash
# CI for the student edition: the repository's own tests, then the grade (results.json for a
# leaderboard or a dashboard). Add `--fail-under PERCENT` to fail the run under a score.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test
cargo xtask grade --json results.json
"#;

fn set_executable(p: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut perm = std::fs::metadata(p)?.permissions();
    perm.set_mode(0o755);
    std::fs::set_permissions(p, perm)?;
    Ok(())
}

/// The root manifest without the solution crates.
pub(crate) fn student_manifest(text: &str) -> Result<String> {
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("members") || line.trim_start().starts_with("default-members") {
            out.push_str(&line.replace("\"solutions/*\", ", "").replace(", \"solutions/*\"", ""));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if out.contains("solutions/") {
        bail!("the root Cargo.toml still names solutions/ after removing the members; edit publish.rs");
    }
    Ok(out)
}

/// The plotting program's manifest without its optional dependencies on the solution crates
/// (cargo resolves optional path dependencies too, so they would break the student workspace).
pub(crate) fn student_plots_manifest(text: &str) -> Result<String> {
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("solutions =") {
            out.push_str("solutions = [] # draws the reference solutions in the instructors' edition only\n");
        } else if !(t.contains("-solution") && t.contains("path")) {
            out.push_str(line);
            out.push('\n');
        }
    }
    if out.contains("solutions/") {
        bail!("plots/Cargo.toml still names solutions/ after the rewrite; edit publish.rs");
    }
    Ok(out)
}
