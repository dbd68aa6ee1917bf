//! `cargo xtask reset MODULE::EXERCISE | MODULE`: puts the stub back, after saving the
//! student's version under `target/ndlab/reset/`.
//!
//! The stub is the derived form, never a copy kept by hand: in the instructors' repository it is
//! derived from `solutions/` exactly as `cargo xtask sync` does; the student edition, which has
//! no solutions, carries the same derivation in `grader/stubs/<module>/src/` (written by
//! `cargo xtask publish`). One exercise is reset by finding its `fn` in both files with a real
//! Rust parser (`syn`) and replacing the student's function (signature and body) with the
//! stub's; everything else in the file stays as the student left it.

use anyhow::{Context, Result, bail};
use ndlab_grader::course::Course;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where the student edition keeps the derived stubs (relative to the course root).
pub const STUBS: &str = "grader/stubs";

#[derive(clap::Args)]
pub struct ResetArgs {
    /// `MODULE::EXERCISE` (one function) or `MODULE` (the whole module's sources).
    pub target: String,
    /// Do not ask for confirmation.
    #[arg(long, short)]
    pub yes: bool,
    /// Reset in another checkout of the exercises.
    #[arg(long, value_name = "PATH")]
    pub submission: Option<PathBuf>,
}

pub fn reset(course: &Course, a: ResetArgs) -> Result<ExitCode> {
    let t = crate::Target::parse(course, &a.target)?;
    let checkout = crate::checkout(course, a.submission.as_deref())?;
    let m = &t.module;
    let stubs = stub_files(course, m)?;
    let src = checkout.join("exercises").join(m);
    // What will change, as (file, new content).
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    let what = match &t.exercise {
        None => {
            for (rel, text) in &stubs {
                writes.push((src.join(rel), text.clone()));
            }
            format!("every file of exercises/{m}/src")
        }
        Some(ex) => {
            let (rel, stub_text) = stubs
                .iter()
                .find(|(_, text)| find_fn(text, ex).is_ok_and(|r| r.is_some()))
                .with_context(|| format!("the stub of module {m} has no `fn {ex}`"))?;
            let path = src.join(rel);
            let mine = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let theirs = find_fn(stub_text, ex).map_err(anyhow::Error::msg)?.context("the stub lost its function")?;
            let Some(at) = find_fn(&mine, ex).map_err(|e| {
                anyhow::anyhow!("{} does not parse ({e}), so one function cannot be picked out of it: fix the syntax, or reset the whole module with `cargo xtask reset {m}`", path.display())
            })?
            else {
                bail!("{} has no `fn {ex}`: reset the whole module with `cargo xtask reset {m}`", path.display());
            };
            if mine[at.clone()] == stub_text[theirs.clone()] {
                println!("{m}::{ex} is already the stub: nothing to do.");
                return Ok(ExitCode::SUCCESS);
            }
            let new = format!("{}{}{}", &mine[..at.start], &stub_text[theirs], &mine[at.end..]);
            writes.push((path, new));
            format!("fn {ex} in exercises/{m}/{}", rel.display())
        }
    };
    if !a.yes {
        if !std::io::stdin().is_terminal() {
            bail!("reset replaces {what} with the stub: confirm by running it again with --yes");
        }
        print!("Replace {what} with the stub? Your version is saved under target/ndlab/reset/ first. [y/N] ");
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            println!("nothing changed");
            return Ok(ExitCode::from(1));
        }
    }
    for (path, _) in &writes {
        // The grader reads plain files only (a link is not graded); reset does not write through one.
        if std::fs::symlink_metadata(path).is_ok_and(|md| !md.is_file()) {
            bail!("{} is not a plain file (a link?): not writing there", path.display());
        }
    }
    let saved = save(&checkout, m, t.exercise.as_deref())?;
    for (path, text) in &writes {
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!("reset {what} to the stub; your version is saved in {}", saved.display());
    Ok(ExitCode::SUCCESS)
}

/// The derived stub sources of module `m` (`src/…` → content).
pub fn stub_files(course: &Course, m: &str) -> Result<Vec<(PathBuf, String)>> {
    if course.root.join("solutions").join(m).is_dir() {
        return crate::sync::stub_sources(course, m);
    }
    let base = course.root.join(STUBS).join(m);
    let mut out = Vec::new();
    collect(&base, &base.join("src"), &mut out)?;
    if out.is_empty() {
        bail!("no stubs for module {m}: neither solutions/{m} nor {STUBS}/{m} exists in this checkout");
    }
    out.sort();
    Ok(out)
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<(PathBuf, String)>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    for e in entries {
        let p = e?.path();
        if p.is_dir() {
            collect(base, &p, out)?;
        } else {
            out.push((p.strip_prefix(base).unwrap().to_path_buf(), std::fs::read_to_string(&p)?));
        }
    }
    Ok(())
}

/// Copies the student's `exercises/<m>/src` to `target/ndlab/reset/<time>-<m>[-<exercise>]/`.
fn save(checkout: &Path, m: &str, ex: Option<&str>) -> Result<PathBuf> {
    let stamp = ndlab_grader::provenance::now_rfc3339().replace([':', '-'], "");
    let name = match ex {
        Some(e) => format!("{stamp}-{m}-{e}"),
        None => format!("{stamp}-{m}"),
    };
    let dest = crate::progress::plain_dir(checkout, &["target", "ndlab", "reset"])?.join(name);
    let from = checkout.join("exercises").join(m).join("src");
    let mut files = Vec::new();
    collect(&from, &from, &mut files)?;
    for (rel, text) in files {
        let d = dest.join(rel);
        std::fs::create_dir_all(d.parent().unwrap())?;
        std::fs::write(&d, text)?;
    }
    std::fs::create_dir_all(&dest)?;
    Ok(dest)
}

/// The byte range of `fn name` (from its visibility or `fn` keyword to its closing brace) in a
/// Rust file, searching inline modules too; `Ok(None)` when the file has no such function,
/// `Err` when it does not parse.
pub fn find_fn(text: &str, name: &str) -> Result<Option<std::ops::Range<usize>>, String> {
    let file = syn::parse_file(text).map_err(|e| {
        let at = e.span().start();
        format!("line {}: {e}", at.line)
    })?;
    fn search<'a>(items: &'a [syn::Item], name: &str) -> Option<&'a syn::ItemFn> {
        items.iter().find_map(|i| match i {
            syn::Item::Fn(f) if f.sig.ident == name => Some(f),
            syn::Item::Mod(m) => m.content.as_ref().and_then(|(_, items)| search(items, name)),
            _ => None,
        })
    }
    let Some(f) = search(&file.items, name) else { return Ok(None) };
    use syn::spanned::Spanned;
    let start = match &f.vis {
        syn::Visibility::Inherited => f.sig.span().start(),
        v => v.span().start(),
    };
    let end = f.block.brace_token.span.close().end();
    let offset = |lc: proc_macro2::LineColumn| -> usize {
        let line_start: usize = text.split_inclusive('\n').take(lc.line - 1).map(str::len).sum();
        let line = &text[line_start..];
        line_start + line.char_indices().nth(lc.column).map(|(i, _)| i).unwrap_or(line.len())
    };
    Ok(Some(offset(start)..offset(end)))
}

/// The modules of `modules` whose `exercises/<m>/src` in `checkout` is byte for byte the stubs as
/// published ([`stub_files`], from the course's own files): `grade` neither builds nor runs them
/// (`ndlab_grader::grade::Options::untouched`). Anything unreadable, extra or missing counts as
/// begun, and is built and graded as usual.
pub fn untouched_modules(course: &Course, checkout: &Path, modules: &[String]) -> std::collections::BTreeSet<String> {
    modules
        .iter()
        .filter(|m| {
            let Ok(stubs) = stub_files(course, m) else { return false };
            let base = checkout.join("exercises").join(m);
            let mut theirs = Vec::new();
            if collect(&base, &base.join("src"), &mut theirs).is_err() {
                return false;
            }
            theirs.sort();
            theirs == stubs
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{STUBS, find_fn, stub_files};
    use ndlab_grader::course::Course;
    use std::path::{Path, PathBuf};

    #[test]
    fn the_student_edition_resets_from_grader_stubs() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("grader")).unwrap();
        std::fs::copy(repo.join("grader/course.toml"), tmp.path().join("grader/course.toml")).unwrap();
        let course = Course::open(tmp.path()).unwrap();
        assert!(stub_files(&course, "arrays").unwrap_err().to_string().contains("no stubs for module arrays"));
        let stub = tmp.path().join(STUBS).join("arrays/src/lib.rs");
        std::fs::create_dir_all(stub.parent().unwrap()).unwrap();
        std::fs::write(&stub, "pub fn grid() {\n    todo!()\n}\n").unwrap();
        assert_eq!(stub_files(&course, "arrays").unwrap(), vec![(PathBuf::from("src/lib.rs"), "pub fn grid() {\n    todo!()\n}\n".to_string())]);
    }

    #[test]
    fn finds_one_function_and_leaves_the_rest() {
        let text = "//! lesson é\nuse x;\n\n/// doc\npub fn a(x: u8) -> u8 {\n    x + 1 // { not a brace that counts\n}\n\nfn b() {}\nmod inner {\n    pub(crate) fn c() -> &'static str { \"}\" }\n}\n";
        let r = find_fn(text, "a").unwrap().unwrap();
        assert_eq!(&text[r], "pub fn a(x: u8) -> u8 {\n    x + 1 // { not a brace that counts\n}");
        let r = find_fn(text, "c").unwrap().unwrap();
        assert_eq!(&text[r], "pub(crate) fn c() -> &'static str { \"}\" }");
        assert_eq!(find_fn(text, "b").unwrap().map(|r| &text[r]), Some("fn b() {}"));
        assert!(find_fn(text, "zz").unwrap().is_none());
        assert!(find_fn("fn broken( {", "broken").is_err());
    }
}
