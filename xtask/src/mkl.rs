//! `cargo xtask mkl`: installs Intel MKL for the opt-in `mkl` feature, from Intel's PyPI wheels
//! (`mkl-static`, `mkl-include`), into `target/mkl/root`, and prints the `MKLROOT` to export.
//!
//! Only the five files the static LP64 sequential build links or reads are kept (~650 MB of the
//! 920 MB the wheels unpack to). Needs `python3 -m pip` (to download) and network access to PyPI;
//! the wheels exist for x86_64 Linux (and Windows) only.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The wheel version this course was tested with.
pub const VERSION: &str = "2026.2.0";

const KEEP: [&str; 5] = ["libmkl_core.a", "libmkl_intel_lp64.a", "libmkl_sequential.a", "mkl.h", "mkl_version.h"];

/// `target/mkl/root` of this checkout.
pub fn default_root(course_root: &Path) -> PathBuf {
    course_root.join("target/mkl/root")
}

fn holds_mkl(dir: &Path) -> bool {
    fn find(dir: &Path, name: &str, depth: usize) -> bool {
        std::fs::read_dir(dir).into_iter().flatten().flatten().any(|e| {
            let p = e.path();
            p.file_name().is_some_and(|n| n == name) || (depth > 0 && p.is_dir() && find(&p, name, depth - 1))
        })
    }
    find(dir, "libmkl_core.a", 6) && find(dir, "mkl.h", 6)
}

/// The MKL to build with: `$MKLROOT` if set (it must hold MKL), else `target/mkl/root` if
/// `cargo xtask mkl` installed it there.
pub fn locate(course_root: &Path) -> Result<PathBuf> {
    if let Ok(r) = std::env::var("MKLROOT") {
        let p = PathBuf::from(&r);
        if !holds_mkl(&p) {
            bail!("MKLROOT={r} does not contain libmkl_core.a and mkl.h; run `cargo xtask mkl` or fix MKLROOT");
        }
        return Ok(p);
    }
    let d = default_root(course_root);
    if holds_mkl(&d) {
        return Ok(d);
    }
    bail!("--features mkl needs Intel MKL: run `cargo xtask mkl` first (downloads ~250 MB from PyPI into target/mkl/), or set MKLROOT to an existing MKL")
}

/// Downloads and unpacks the wheels unless `target/mkl/root` already holds MKL; returns the root.
pub fn setup(course_root: &Path, version: &str) -> Result<PathBuf> {
    let root = default_root(course_root);
    if holds_mkl(&root) {
        eprintln!("Intel MKL is already installed in {}", root.display());
        return Ok(root);
    }
    if !(cfg!(target_arch = "x86_64") && (cfg!(target_os = "linux") || cfg!(target_os = "windows"))) {
        bail!(
            "Intel MKL is published for x86_64 Linux and Windows only (this is {} {}); use the default backend (faer), which needs nothing",
            std::env::consts::ARCH,
            std::env::consts::OS
        );
    }
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| Command::new(p).args(["-m", "pip", "--version"]).output().is_ok_and(|o| o.status.success()))
        .context("`cargo xtask mkl` needs Python with pip (`python3 -m pip`) to download Intel's wheels from PyPI")?;
    let wheels = course_root.join("target/mkl/wheels");
    std::fs::create_dir_all(&wheels)?;
    eprintln!("downloading mkl-static {version} and mkl-include {version} from PyPI (about 250 MB)...");
    let st = Command::new(python)
        .args(["-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--disable-pip-version-check", "-d"])
        .arg(&wheels)
        .arg(format!("mkl-static=={version}"))
        .arg(format!("mkl-include=={version}"))
        .stdout(std::io::stderr()) // stdout carries only the `export` line
        .status()
        .context("cannot run pip")?;
    if !st.success() {
        bail!("pip could not download the MKL wheels (network access to PyPI is needed); nothing was installed");
    }
    let staging = course_root.join("target/mkl/root.partial");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging)?;
    // A wheel is a zip file; keep only what the build links or reads.
    let script = "import sys, zipfile, os\n\
        dest, keep = sys.argv[1], set(sys.argv[2].split(','))\n\
        for w in sys.argv[3:]:\n\
        \x20   z = zipfile.ZipFile(w)\n\
        \x20   for n in z.namelist():\n\
        \x20       b = os.path.basename(n)\n\
        \x20       if b in keep:\n\
        \x20           sub = 'include' if b.endswith('.h') else 'lib'\n\
        \x20           os.makedirs(os.path.join(dest, sub), exist_ok=True)\n\
        \x20           with z.open(n) as src, open(os.path.join(dest, sub, b), 'wb') as out:\n\
        \x20               out.write(src.read())\n";
    let mut found: Vec<PathBuf> = std::fs::read_dir(&wheels)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".whl") && n.contains(version)))
        .collect();
    found.sort();
    eprintln!("unpacking {} wheel(s)...", found.len());
    let st = Command::new(python).arg("-c").arg(script).arg(&staging).arg(KEEP.join(",")).args(&found).stdout(std::io::stderr()).status()?;
    if !st.success() || !holds_mkl(&staging) {
        bail!("unpacking the wheels in {} failed", wheels.display());
    }
    let _ = std::fs::remove_dir_all(&root);
    std::fs::rename(&staging, &root)?;
    let _ = std::fs::remove_dir_all(&wheels);
    Ok(root)
}
