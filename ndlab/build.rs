//! With `--features mkl`: checks before anything links that `MKLROOT` holds Intel MKL, and
//! links it.
//!
//! Why not leave it all to `intel-mkl-src`: without MKL it quietly tries a network download,
//! gives up, and the build ends in a wall of `undefined symbol: dgetrf_` link errors far from the
//! cause. Worse, its build script never re-runs, so setting `MKLROOT` afterwards does not help.
//! Here the error is one clear message, and the link lines (static, LP64, sequential, not bundled
//! into the rlib) are emitted from this crate, whose build script re-runs when `MKLROOT` changes.
use std::path::{Path, PathBuf};

/// The folder under `dir` (at most `depth` levels down) that holds a file called `name`.
fn find(dir: &Path, name: &str, depth: usize) -> Option<PathBuf> {
    let rd = std::fs::read_dir(dir).ok()?;
    let mut subdirs = Vec::new();
    for e in rd.flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n == name) {
            return Some(dir.to_path_buf());
        }
        if depth > 0 && e.file_type().is_ok_and(|t| t.is_dir()) {
            subdirs.push(p);
        }
    }
    subdirs.sort();
    subdirs.iter().find_map(|d| find(d, name, depth - 1))
}

fn main() {
    println!("cargo::rerun-if-env-changed=MKLROOT");
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_MKL").is_none() {
        return;
    }
    let problem = match std::env::var("MKLROOT") {
        Err(_) => "MKLROOT is not set".to_string(),
        Ok(root) => match (find(Path::new(&root), "libmkl_core.a", 6), find(Path::new(&root), "mkl.h", 6)) {
            (Some(lib), Some(_)) => {
                println!("cargo::rustc-link-search=native={}", lib.display());
                for l in ["mkl_intel_lp64", "mkl_sequential", "mkl_core"] {
                    println!("cargo::rustc-link-lib=static:-bundle={l}");
                }
                return;
            }
            _ => format!("MKLROOT={root} does not contain libmkl_core.a and mkl.h"),
        },
    };
    eprintln!(
        "\nerror: the `mkl` feature needs Intel MKL, and {problem}.\n\
         Install it (about 250 MB from PyPI, into target/mkl/) and export the path it prints:\n\
         \n    cargo xtask mkl\n    export MKLROOT=...   (the line `cargo xtask mkl` printed)\n\
         \nor leave the feature off: the default backend (faer) needs nothing.\n"
    );
    std::process::exit(1);
}
