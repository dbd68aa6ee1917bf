//! The workspace hack in `xtask/Cargo.toml` is complete: every crate that `cargo xtask` builds
//! is built by `cargo test` with the same features, so a fresh `cargo test` reuses the first
//! `cargo xtask grade`'s build instead of compiling those crates (and everything above them)
//! a second time. A new dependency that turns on more features of a shared crate fails this
//! test with the line to add.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// `package version` → its feature sets (one per build of it: host and target can differ).
fn features(args: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out =
        Command::new(cargo).current_dir(root).args(["tree", "--offline", "--locked", "--prefix", "none", "--format", "{p}|{f}"]).args(args).output().unwrap();
    assert!(out.status.success(), "cargo tree {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let Some((p, f)) = line.split_once('|') else { continue };
        // `(*)` marks a package already listed above; `(proc-macro)` and a path follow the version.
        let p: Vec<&str> = p.split_whitespace().take(2).collect();
        map.entry(p.join(" ")).or_default().insert(f.trim_end_matches(" (*)").to_string());
    }
    map
}

#[test]
fn cargo_test_builds_what_cargo_xtask_built_with_the_same_features() {
    let xtask = features(&["-p", "xtask", "-e", "normal,build"]);
    let test = features(&["-e", "normal,build,dev"]);
    assert!(xtask.len() > 50 && xtask.contains_key("xtask v0.1.0") && test.len() > xtask.len(), "cargo tree's output was not understood: {xtask:?}");
    let differ: Vec<String> = xtask
        .iter()
        .filter_map(|(p, f)| test.get(p).filter(|g| *g != f).map(|g| format!("{p}: cargo xtask builds it with {f:?}, cargo test with {g:?}")))
        .collect();
    assert!(
        differ.is_empty(),
        "add these features to the workspace hack in xtask/Cargo.toml ([dependencies], or [build-dependencies] for a proc-macro's), or cargo test compiles them again:\n{}",
        differ.join("\n")
    );
}
