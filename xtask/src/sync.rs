//! Deriving the student stubs from the reference solutions (the single source).
//!
//! In `solutions/<m>/src/**.rs`, each part students write sits between two marker lines:
//!
//! ```text
//!     // BEGIN SOLUTION
//!     a.mean_axis(Axis(0)).unwrap()
//!     // END SOLUTION
//! ```
//!
//! `cargo xtask sync` writes `exercises/<m>/` with each such block replaced by `todo!()` at the
//! marker's indentation, and everything else (docs, signatures, public tests) kept. A block
//! that starts at column 0 holds module-level helpers of the solution and is dropped whole.
//! The package is renamed from `<m>-solution` to `<m>`. `--check` only compares. `cargo xtask
//! publish --release` reads the same markers the other way: it keeps each block's code and
//! drops the two marker lines.

use anyhow::{Context, Result, bail};
use ndlab_grader::course::Course;
use std::path::{Path, PathBuf};

pub const BEGIN: &str = "// BEGIN SOLUTION";
pub const END: &str = "// END SOLUTION";

/// Replaces each marked block with `todo!()`.
pub fn strip(text: &str, file: &str) -> Result<String> {
    rewrite(text, file, Blocks::Stub)
}

/// Keeps each marked block's code and drops the marker lines: the reference solution as the
/// student edition shows it once it is released (`cargo xtask publish --release`).
pub fn unmark(text: &str, file: &str) -> Result<String> {
    rewrite(text, file, Blocks::Keep)
}

#[derive(Clone, Copy, PartialEq)]
enum Blocks {
    /// Each block becomes `todo!()` at the marker's indentation.
    Stub,
    /// Each block's lines stay; only the two marker lines go.
    Keep,
}

/// The one reader of the markers: checks that they pair up and rewrites each block.
fn rewrite(text: &str, file: &str, blocks: Blocks) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<usize> = None;
    // Set after a dropped module-level block, so the blank line that followed it goes too.
    let mut dropped = false;
    let mut module_level = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if std::mem::take(&mut dropped) && t.is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        match (t, open) {
            (BEGIN, None) => {
                open = Some(i + 1);
                // A block at column 0 sits at module level: private helpers of the solution.
                // The stub drops them (a bare `todo!()` there would not compile); the
                // functions that call them are stubbed by their own blocks.
                module_level = !line.starts_with(char::is_whitespace);
                if blocks == Blocks::Stub && !module_level {
                    let indent = &line[..line.len() - line.trim_start().len()];
                    out.push_str(indent);
                    out.push_str("todo!()\n");
                }
            }
            (BEGIN, Some(at)) => bail!("{file}:{}: `{BEGIN}` inside the block opened at line {at}", i + 1),
            (END, Some(_)) => {
                open = None;
                dropped = blocks == Blocks::Stub && module_level;
            }
            (END, None) => bail!("{file}:{}: `{END}` without a `{BEGIN}`", i + 1),
            (_, Some(_)) if blocks == Blocks::Stub => {}
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if let Some(at) = open {
        bail!("{file}:{at}: `{BEGIN}` is never closed");
    }
    Ok(out)
}

fn files(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    for e in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let p = e?.path();
        if p.is_dir() {
            files(&p, base, out)?;
        } else {
            out.push(p.strip_prefix(base).unwrap().to_path_buf());
        }
    }
    Ok(())
}

/// The stub files of module `m` (relative path → content), derived from its solution.
pub fn derive(course: &Course, m: &str) -> Result<Vec<(PathBuf, String)>> {
    let sol = course.root.join("solutions").join(m);
    let manifest = sol.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).with_context(|| format!("cannot read {}", manifest.display()))?;
    let from = format!("name = \"{m}-solution\"");
    if !text.contains(&from) {
        bail!("{}: the package must be named \"{m}-solution\"", manifest.display());
    }
    // The exercise crate describes itself to the student, not as the solution it came from.
    let manifest_text = text
        .replacen(&from, &format!("name = \"{m}\""), 1)
        .lines()
        .map(|l| {
            if l.starts_with("description = ") {
                format!("description = \"ndlab module `{m}`: the lesson and the exercises you complete in src/lib.rs.\"")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let mut out = vec![(PathBuf::from("Cargo.toml"), manifest_text)];
    out.extend(sources(course, m, strip)?);
    Ok(out)
}

/// The released files of module `m` (`src/…` → content): its reference solution without the
/// marker lines. Only `src/` is read, so the naive anti-solutions (`solutions/<m>/naive/`) and
/// the solution crate's manifest are never part of it.
pub fn release(course: &Course, m: &str) -> Result<Vec<(PathBuf, String)>> {
    sources(course, m, unmark)
}

/// The stub sources of module `m` (`src/…` → content), as `sync` writes them to `exercises/`:
/// what `cargo xtask reset` restores, and what `publish` stores under `grader/stubs/<m>/` for
/// the student edition (which has no solutions to derive them from).
pub fn stub_sources(course: &Course, m: &str) -> Result<Vec<(PathBuf, String)>> {
    sources(course, m, strip)
}

/// Every file under `solutions/<m>/src` (relative to `solutions/<m>`), each `.rs` rewritten.
fn sources(course: &Course, m: &str, rewrite: fn(&str, &str) -> Result<String>) -> Result<Vec<(PathBuf, String)>> {
    let sol = course.root.join("solutions").join(m);
    let mut srcs = Vec::new();
    files(&sol.join("src"), &sol, &mut srcs)?;
    srcs.sort();
    let mut out = Vec::new();
    for rel in srcs {
        let path = sol.join(&rel);
        let content = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let shown = format!("solutions/{m}/{}", rel.display());
        let text = if rel.extension().is_some_and(|e| e == "rs") { rewrite(&content, &shown)? } else { content };
        out.push((rel, text));
    }
    Ok(out)
}

/// Writes (or with `check`, compares) every module's stubs. Returns the differences found.
pub fn sync(course: &Course, check: bool) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for m in &course.modules {
        problems.extend(sync_module(course, m, check)?);
    }
    Ok(problems)
}

/// The differences between module `m`'s stubs in `exercises/` and its solution (nothing written).
pub fn out_of_date(course: &Course, m: &str) -> Result<Vec<String>> {
    sync_module(course, m, true)
}

fn sync_module(course: &Course, m: &str, check: bool) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let dest = course.root.join("exercises").join(m);
    let wanted = derive(course, m)?;
    let mut present = Vec::new();
    files(&dest.join("src"), &dest, &mut present)?;
    for p in present {
        if !wanted.iter().any(|(w, _)| *w == p) {
            problems.push(format!("exercises/{m}/{} has no counterpart in solutions/", p.display()));
            if !check {
                std::fs::remove_file(dest.join(&p))?;
            }
        }
    }
    for (rel, content) in wanted {
        let path = dest.join(&rel);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
            problems.push(format!("exercises/{m}/{}", rel.display()));
            if !check {
                std::fs::create_dir_all(path.parent().unwrap())?;
                std::fs::write(&path, content)?;
            }
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::{strip, unmark};

    #[test]
    fn blocks_become_todo_at_their_indentation() {
        let src = "/// doc\npub fn f() -> i32 {\n    // BEGIN SOLUTION\n    let x = 1;\n    x + 1\n    // END SOLUTION\n}\n";
        assert_eq!(strip(src, "f.rs").unwrap(), "/// doc\npub fn f() -> i32 {\n    todo!()\n}\n");
    }

    #[test]
    fn module_level_blocks_are_dropped_from_the_stub_and_kept_in_the_release() {
        let src = "pub fn f() -> i32 {\n    // BEGIN SOLUTION\n    g()\n    // END SOLUTION\n}\n\n// BEGIN SOLUTION\nfn g() -> i32 {\n    1\n}\n// END SOLUTION\n\nfn h() {}\n";
        assert_eq!(strip(src, "f.rs").unwrap(), "pub fn f() -> i32 {\n    todo!()\n}\n\nfn h() {}\n");
        assert_eq!(unmark(src, "f.rs").unwrap(), "pub fn f() -> i32 {\n    g()\n}\n\nfn g() -> i32 {\n    1\n}\n\nfn h() {}\n");
    }

    #[test]
    fn released_blocks_keep_their_code_without_the_markers() {
        let src = "/// doc\npub fn f() -> i32 {\n    // BEGIN SOLUTION\n    let x = 1;\n    x + 1\n    // END SOLUTION\n}\n";
        assert_eq!(unmark(src, "f.rs").unwrap(), "/// doc\npub fn f() -> i32 {\n    let x = 1;\n    x + 1\n}\n");
        assert!(unmark("fn f() {\n// BEGIN SOLUTION\n}\n", "f.rs").unwrap_err().to_string().contains("f.rs:2"));
    }

    #[test]
    fn unbalanced_markers_are_errors_with_a_line() {
        let e = strip("fn f() {\n// BEGIN SOLUTION\n}\n", "f.rs").unwrap_err().to_string();
        assert!(e.contains("f.rs:2"), "{e}");
        assert!(strip("// END SOLUTION\n", "f.rs").is_err());
        assert!(strip("// BEGIN SOLUTION\n// BEGIN SOLUTION\n", "f.rs").is_err());
    }
}
