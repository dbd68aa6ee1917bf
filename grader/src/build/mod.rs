//! Building: every module's runner in one release `cargo build --keep-going`.
//!
//! The judge never builds the student's tree as it is. It copies `exercises/<m>/src` from the
//! submission into a workspace of its own under `target/ndlab/build/`, writes the manifests
//! itself (so a submission cannot add dependencies or a build script), and links each module
//! with a generated runner: the runtime, the module's glue, and (for `cargo xtask check`) the
//! naive variants. A module that does not compile fails alone; the others are still built.

mod cargo;
pub mod copy;
mod fresh;

pub use cargo::{LIMITS_ENV, RustcLimits, Toolchain, is_rustc_wrapper, rustc_wrapper};

use crate::course::{Course, Source};
use crate::sandbox::{Enforcement, Sandbox};
use anyhow::{Context, Result, anyhow, bail};
use indicatif::ProgressBar;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

/// What to build.
pub struct BuildRequest<'a> {
    pub course: &'a Course,
    pub source: &'a Source,
    pub modules: &'a [String],
    /// Naive variants to link in, per module (empty when grading).
    pub variants: BTreeMap<String, Vec<String>>,
    /// Wall-clock limit on compiling each module's crates.
    pub timeouts: BTreeMap<String, Duration>,
    /// A named build folder shared by successive submissions (see `grade::Options::build_slot`).
    pub slot: Option<&'a str>,
}

/// Address-space cap of the compiler on a submission's crates.
pub const RUSTC_MEMORY: u64 = 8 << 30;

/// Per module: the runner binary, or why there is none.
pub type Built = BTreeMap<String, Result<PathBuf, BuildError>>;

#[derive(Clone, Debug)]
pub enum BuildError {
    /// The submission's code does not compile (the message points at its files).
    Compile(String),
    /// The submission compiles but a function's signature is not what the exercise declares.
    Signature(String),
    /// The module's source folder is missing.
    Missing(String),
    /// The module's sources are not plain files in plain folders (see [`copy`]).
    Rejected(String),
    Other(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Compile(m) => write!(f, "does not compile:\n{m}"),
            BuildError::Signature(m) => write!(
                f,
                "compiles, but the grader cannot call it: a function's name or signature differs from the exercise's (restore the signature from the lesson):\n{m}"
            ),
            BuildError::Rejected(m) => write!(f, "not graded: {m}"),
            BuildError::Missing(m) | BuildError::Other(m) => write!(f, "{m}"),
        }
    }
}

/// The build folder's name: one per course, submission (or slot), variants and features.
pub fn key(course: &Course, source: &Source, variants: bool, slot: Option<&str>) -> String {
    let who = slot.map(|s| format!("slot:{s}")).unwrap_or_else(|| source.describe());
    let s = format!("{}|{}|{}|{}", course.root.display(), who, variants, course.features.join(","));
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    format!("{:08x}", h as u32)
}

/// Writes `text` to `path` only when it differs, so cargo's freshness checks keep working.
fn write_if_changed(path: &Path, text: &[u8]) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes `files` under `to` and removes any other `.rs` file there.
fn mirror_sources(files: &copy::Sources, to: &Path) -> Result<()> {
    for (rel, data) in files {
        write_if_changed(&to.join(rel), data)?;
    }
    let mut present = Vec::new();
    if to.exists() {
        collect(to, to, &mut present)?;
    }
    for rel in present {
        if !files.iter().any(|(p, _)| *p == rel) {
            std::fs::remove_file(to.join(&rel))?;
        }
    }
    Ok(())
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let entry = entry?;
        let ty = entry.file_type()?;
        let path = entry.path();
        if ty.is_dir() {
            collect(base, &path, out)?;
        } else if ty.is_file() && path.extension().is_some_and(|e| e == "rs") {
            out.push(path.strip_prefix(base).unwrap().to_path_buf());
        }
    }
    Ok(())
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The root workspace's `[workspace.dependencies]` and edition, with path dependencies made absolute.
fn workspace_deps(course: &Course) -> Result<(toml::Table, String)> {
    let path = course.root.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let doc: toml::Table = toml::from_str(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let ws = doc.get("workspace").and_then(|w| w.as_table()).ok_or_else(|| anyhow!("{}: no [workspace]", path.display()))?;
    let mut deps = ws.get("dependencies").and_then(|d| d.as_table()).cloned().unwrap_or_default();
    for (_, v) in deps.iter_mut() {
        if let Some(t) = v.as_table_mut()
            && let Some(p) = t.get("path").and_then(|p| p.as_str())
        {
            let abs = course.root.join(p);
            t.insert("path".into(), toml::Value::String(abs.display().to_string()));
        }
    }
    let edition = ws.get("package").and_then(|p| p.get("edition")).and_then(|e| e.as_str()).unwrap_or("2024").to_string();
    Ok((deps, edition))
}

/// The `[dependencies]` the course declares for a module (from the grading repository's own
/// `exercises/<m>/Cargo.toml`, never the submission's).
fn module_deps(course: &Course, m: &str) -> Result<toml::Table> {
    let path = course.exercise_manifest(m);
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let doc: toml::Table = toml::from_str(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let mut deps = doc.get("dependencies").and_then(|d| d.as_table()).cloned().unwrap_or_default();
    for (_, v) in deps.iter_mut() {
        if let Some(t) = v.as_table_mut()
            && let Some(p) = t.get("path").and_then(|p| p.as_str())
        {
            let abs = path.parent().unwrap().join(p);
            t.insert("path".into(), toml::Value::String(abs.display().to_string()));
        }
    }
    Ok(deps)
}

/// The `[dependencies]` of every module of the course together (a crate two modules name with
/// different features gets both features).
fn all_module_deps(course: &Course) -> Result<toml::Table> {
    let mut all = toml::Table::new();
    for m in &course.modules {
        for (name, spec) in module_deps(course, m)? {
            match (all.get_mut(&name), &spec) {
                (None, _) => {
                    all.insert(name, spec);
                }
                (Some(toml::Value::Table(have)), toml::Value::Table(add)) => {
                    let feats = |t: &toml::Table| t.get("features").and_then(|f| f.as_array()).cloned().unwrap_or_default();
                    let mut f = feats(have);
                    for x in feats(add) {
                        if !f.contains(&x) {
                            f.push(x);
                        }
                    }
                    if !f.is_empty() {
                        have.insert("features".into(), toml::Value::Array(f));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(all)
}

fn deps_section(deps: &toml::Table) -> String {
    let mut t = toml::Table::new();
    t.insert("dependencies".into(), toml::Value::Table(deps.clone()));
    toml::to_string(&t).unwrap()
}

/// The runner's library: one Rust module per variant, each including the glue file, and `main`.
fn runner_main(course: &Course, m: &str, variants: &[String]) -> String {
    let lib = format!("ndlab_sub_{m}");
    let glue = course.glue(m).display().to_string();
    let mut s = String::from("// Generated by the ndlab grader. Do not edit.\n#![allow(unused_imports, dead_code)]\n");
    if !course.features.is_empty() {
        // Link the backend (e.g. MKL, whose BLAS ndarray's `.dot()` now calls) into every runner.
        s += "extern crate ndlab as _;\n";
    }
    s += &format!("mod v_submission {{\n    use ::{lib} as sub;\n    include!({});\n}}\n", toml_str(&glue));
    for (i, v) in variants.iter().enumerate() {
        let naive = course.naive(m, v).display().to_string();
        s += &format!(
            "mod v_{i} {{\n    mod sub {{\n        pub use ::{lib}::*;\n        include!({});\n    }}\n    include!({});\n}}\n",
            toml_str(&naive),
            toml_str(&glue)
        );
    }
    s += "pub fn main() -> ! {\n    ndlab_runtime::runner::main(&[(\"\", v_submission::table)";
    for (i, v) in variants.iter().enumerate() {
        s += &format!(", ({}, v_{i}::table)", toml_str(v));
    }
    s += "]);\n}\n";
    s
}

/// The runner's binary: only a call into its library, and the allocator every runner shares
/// ([`ndlab_runtime::alloc`]). The glue lives in the runner's library so
/// that cargo can compile it as soon as the submission's crate has its metadata, while the
/// submission's code is still being optimised (a binary would wait for the whole crate): on
/// 2 cores this takes the glue's compile time off the wait after every edit.
fn runner_bin(course: &Course, m: &str, k: &str) -> String {
    // The backend (MKL) is linked into the binary itself too, as its library does.
    let backend = if course.features.is_empty() { "" } else { "extern crate ndlab as _;\n" };
    format!(
        "// Generated by the ndlab grader. Do not edit.\n{backend}#[global_allocator]\nstatic ALLOCATOR: ndlab_runtime::alloc::LargeArraysOnHugePages = ndlab_runtime::alloc::LargeArraysOnHugePages;\nfn main() {{\n    ndlab_run_{m}_{k}::main()\n}}\n"
    )
}

/// The features that `ndlab` (through faer) turns on in crates that the runners share without
/// it: named by a build that leaves `ndlab` out, so that these crates, and ndarray and
/// everything built on them, have the same features with or without it and are compiled once.
/// A stale or missing entry costs one extra compile of them, never a wrong result;
/// `grader/tests/build_sets.rs` builds `arrays`, then `arrays` and `broadcasting`, into an empty
/// target folder and fails when a shared crate was compiled twice.
/// Each entry: (crate, version, its default features on, features).
const NDLAB_SHARED_FEATURES: &[(&str, &str, bool, &[&str])] =
    &[("num-complex", "0.4", false, &["bytemuck", "std"]), ("bytemuck", "1", true, &["aarch64_simd", "wasm_simd"])];

/// Dependencies compiled at `opt-level = 0` in the grader's release builds, each list when the
/// build has the crate it is keyed by (a profile naming an absent package is a cargo warning):
/// code that is never on a timed path.
/// - With `ndlab` (faer): faer's own crate, whose generic LU, QR, eigen and SVD drivers are
///   instantiated for `f64` inside `ndlab` (optimised) whatever faer's own level, and the
///   `f32` and complex matrix kernels (`ndlab::linalg` is `f64` only). Measured with
///   `cargo xtask bench` before and after, same machine: eigh, thin SVD, solve, matmul and PCA
///   unchanged within the run-to-run noise. About 50 CPU-seconds less on a fresh machine. The
///   same crates are left at `opt-level = 0` in the workspace's dev profile (`Cargo.toml`).
/// - With `ndarray-npy`: the parser of a `.npy` file's header (a Python dict literal, read
///   once per file) and its big-integer and grammar crates.
pub const COLD_DEPS: [(&str, &[&str]); 2] = [
    ("ndlab", &["faer", "gemm-f32", "gemm-c32", "gemm-c64", "nano-gemm-f32", "nano-gemm-c32", "nano-gemm-c64"]),
    ("ndarray-npy", &["py_literal", "num-bigint", "pest"]),
];

/// The release profile of a build, and what each per-submission crate overrides.
///
/// Most of a new submission's cost is compiling its own crates (the dependencies are compiled
/// once per machine), so these settings are chosen for that, measured on 2 cores for the 12
/// solved modules (`cargo xtask grade --submission`, see README "Grading a class"):
/// - the submission's crate (`sub-<m>`) stays at `opt-level = 3` (everything timed is the
///   submission's own code at full optimisation, as the budgets were set), with one codegen
///   unit (no thin-LTO pass between units: 60 → 50 CPU-seconds) and line tables (a panic
///   inside a library names the submission's calling line from the backtrace);
/// - the dependencies carry no debug info (a library's panic names its own line without it,
///   and the backtrace only needs the submission's frames): less to compile on a fresh machine;
/// - the runner (`run-<m>`: the runtime's main, the glue's one-liners and derived checks) is
///   compiled at `opt-level = 0` without debug info (57 → 12 CPU-seconds). Nothing in it is
///   timed but the glue's one-line closure around the submission's call (two timed entries
///   also split a bias vector or fix eigenvector signs: microseconds, against milliseconds):
///   the primitives, the input generators and the value encoders are non-generic code of the
///   runtime crate, a dependency built at `opt-level = 3`.
/// - Except when the build links naive variants (`cargo xtask check`): their code is compiled
///   inside the runner, and they must be measured at full optimisation like any submission,
///   so that runner keeps the release defaults.
/// - the dependencies in `cold` (from `COLD_DEPS`) are compiled at `opt-level = 0`.
fn profiles(modules: &[String], k: &str, with_variants: bool, cold: &[&str]) -> String {
    let mut s = String::from("[profile.release]\ndebug = false\n");
    for p in cold {
        s += &format!("\n[profile.release.package.{p}]\nopt-level = 0\n");
    }
    for m in modules {
        s += &format!("\n[profile.release.package.ndlab-sub-{m}-{k}]\ncodegen-units = 1\ndebug = \"line-tables-only\"\n");
        if !with_variants {
            s += &format!("\n[profile.release.package.ndlab-run-{m}-{k}]\nopt-level = 0\ndebug = false\ncodegen-units = 1\n");
        }
    }
    s
}

/// Builds the runners; returns each module's binary or its build error. `Err` only when the
/// build could not be attempted at all (no cargo, unwritable target, broken course files).
pub fn build(req: &BuildRequest, bar: &ProgressBar) -> Result<(Built, Enforcement)> {
    let course = req.course;
    let with_variants = req.variants.values().any(|v| !v.is_empty());
    let k = key(course, req.source, with_variants, req.slot);
    let dir = course.work_dir().join("build").join(&k);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let (mut ws_deps, edition) = workspace_deps(course)?;
    // Backend features (`--features mkl`) go to the `ndlab` library for every module, and every
    // runner links it: MKL turns on ndarray's `blas` feature for the whole build, so even a
    // module that never calls `ndlab` needs MKL's BLAS at link time.
    if !course.features.is_empty() {
        let lib =
            ws_deps.get_mut("ndlab").and_then(|d| d.as_table_mut()).ok_or_else(|| anyhow!("--features needs the `ndlab` crate in [workspace.dependencies]"))?;
        lib.insert("features".into(), toml::Value::Array(course.features.iter().map(|f| toml::Value::String(f.clone())).collect()));
    }

    let mut union = all_module_deps(course)?;
    // `ndlab` brings faer: about 85 of the ~190 CPU-seconds of a fresh release build of every
    // runner. A build whose modules do not call it (a student still in `arrays`, `views` or
    // `indexing`; the modules not begun are not built) leaves it out of the workspace hack, and
    // names instead the features faer turns on in crates the rest shares
    // ([`NDLAB_SHARED_FEATURES`]), so that the first module that uses it adds faer's crates
    // without compiling ndarray, the runtime and the modules above them again.
    let uses_ndlab = !course.features.is_empty() || req.modules.iter().any(|m| module_deps(course, m).map(|d| d.contains_key("ndlab")).unwrap_or(true));
    if !uses_ndlab && union.remove("ndlab").is_some() {
        for (name, version, defaults, features) in NDLAB_SHARED_FEATURES {
            let mut t = toml::Table::new();
            t.insert("version".into(), toml::Value::String(version.to_string()));
            t.insert("default-features".into(), toml::Value::Boolean(*defaults));
            t.insert("features".into(), toml::Value::Array(features.iter().map(|f| toml::Value::String(f.to_string())).collect()));
            union.entry(name.to_string()).or_insert(toml::Value::Table(t));
        }
    }
    let mut built: Built = BTreeMap::new();
    let mut members = Vec::new();
    for m in req.modules {
        let taken = match req.source {
            Source::Checkout(root) => copy::take_sources(root, ["exercises", m, "src"]),
            Source::Solutions => copy::take_sources(&course.root, ["solutions", m, "src"]),
        };
        let files = match taken {
            Ok(Some(files)) => files,
            Ok(None) => {
                built.insert(m.clone(), Err(BuildError::Missing(format!("{} not found in the submission", req.source.display_prefix(m) + "lib.rs"))));
                continue;
            }
            Err(why) => {
                built.insert(m.clone(), Err(BuildError::Rejected(why)));
                continue;
            }
        };
        if !course.glue(m).is_file() {
            bail!("the grader has no glue file for module {m}: {}", course.glue(m).display());
        }
        let deps = module_deps(course, m)?;
        let sub = dir.join(format!("sub-{m}"));
        mirror_sources(&files, &sub.join("src"))?;
        write_if_changed(
            &sub.join("Cargo.toml"),
            format!(
                "[package]\nname = \"ndlab-sub-{m}-{k}\"\nversion = \"0.0.0\"\nedition = {}\npublish = false\n\n[lib]\nname = \"ndlab_sub_{m}\"\npath = \"src/lib.rs\"\n\n# No `unsafe` in a submission (the copy refuses the token; this is a second net): safe Rust\n# cannot reach the judge's timing channel or rewrite the runtime's memory.\n[lints.rust]\nunsafe_code = \"deny\"\n\n{}",
                toml_str(&edition),
                deps_section(&deps)
            )
            .as_bytes(),
        )?;
        let variants = req.variants.get(m).cloned().unwrap_or_default();
        for v in &variants {
            if !course.naive(m, v).is_file() {
                bail!("naive variant {v:?} of module {m} is missing: {}", course.naive(m, v).display());
            }
        }
        let run = dir.join(format!("run-{m}"));
        // Every runner names the dependencies of every module (cargo's "workspace hack"): the
        // features of a shared crate (ndarray, rand, …) are unified over the packages of one
        // build, so without this, grading `nn` after grading everything would compile ndarray,
        // faer and the runtime again with another feature set (and once more for each new
        // set of modules). An unused dependency is compiled once and never linked.
        let mut run_deps = union.clone();
        let mut own = toml::Table::new();
        own.insert("path".into(), toml::Value::String(course.runtime_crate().display().to_string()));
        run_deps.insert("ndlab-runtime".into(), toml::Value::Table(own));
        if !course.features.is_empty() && !run_deps.contains_key("ndlab") {
            let mut lib = toml::Table::new();
            lib.insert("workspace".into(), toml::Value::Boolean(true));
            run_deps.insert("ndlab".into(), toml::Value::Table(lib));
        }
        let mut subdep = toml::Table::new();
        subdep.insert("path".into(), toml::Value::String(format!("../sub-{m}")));
        // Package names carry the build key: cargo hashes path packages by their path relative
        // to the workspace, so two build folders with equal names would share artifacts.
        subdep.insert("package".into(), toml::Value::String(format!("ndlab-sub-{m}-{k}")));
        run_deps.insert(format!("ndlab-sub-{m}"), toml::Value::Table(subdep));
        write_if_changed(
            &run.join("Cargo.toml"),
            format!(
                "[package]\nname = \"ndlab-run-{m}-{k}\"\nversion = \"0.0.0\"\nedition = {}\npublish = false\n\n[lib]\npath = \"src/lib.rs\"\n\n[[bin]]\nname = \"ndlab-run-{m}-{k}\"\npath = \"src/main.rs\"\n\n{}",
                toml_str(&edition),
                deps_section(&run_deps)
            )
            .as_bytes(),
        )?;
        write_if_changed(&run.join("src/lib.rs"), runner_main(course, m, &variants).as_bytes())?;
        write_if_changed(&run.join("src/main.rs"), runner_bin(course, m, &k).as_bytes())?;
        members.push(format!("sub-{m}"));
        members.push(format!("run-{m}"));
    }
    if members.is_empty() {
        return Ok((built, Enforcement::none()));
    }
    let mut ws = toml::Table::new();
    let mut w = toml::Table::new();
    w.insert("resolver".into(), toml::Value::String("3".into()));
    w.insert("members".into(), toml::Value::Array(members.iter().map(|m| toml::Value::String(m.clone())).collect()));
    w.insert("dependencies".into(), toml::Value::Table(ws_deps.clone()));
    ws.insert("workspace".into(), toml::Value::Table(w));
    let cold: Vec<&str> = COLD_DEPS
        .iter()
        .filter(|(by, _)| union.contains_key(*by) || (*by == "ndlab" && !course.features.is_empty()))
        .flat_map(|(_, deps)| deps.iter().copied())
        .collect();
    let manifest =
        format!("# Generated by the ndlab grader. Do not edit.\n{}\n{}", toml::to_string(&ws).unwrap(), profiles(req.modules, &k, with_variants, &cold));
    write_if_changed(&dir.join("Cargo.toml"), manifest.as_bytes())?;
    if let Ok(lock) = std::fs::read(course.root.join("Cargo.lock"))
        && !dir.join("Cargo.lock").exists()
    {
        write_if_changed(&dir.join("Cargo.lock"), &lock)?;
    }

    // Solutions and naive variants are built in a target folder of their own, which no
    // submission's build can read.
    let trusted = matches!(req.source, Source::Solutions);
    // The crates the runners may use: the runtime, and the course's path dependencies that a
    // module (or the backend feature) names.
    let mut crates = vec![course.runtime_crate()];
    for (name, d) in &ws_deps {
        let used = (name == "ndlab" && !course.features.is_empty()) || union.contains_key(name);
        if let Some(p) = d.get("path").and_then(|p| p.as_str()).filter(|_| used) {
            crates.push(PathBuf::from(p));
        }
    }
    let tc = Toolchain::find()?;
    // Nothing changed since the last build of these modules: its binaries stand, and neither
    // `cargo fetch` nor a no-op `cargo build` (about a second together) runs.
    let fresh = fresh::Fresh::path(&dir, req.modules);
    let fingerprint = fresh::fingerprint(course, &dir, req.modules, &tc, &crates, with_variants, trusted)?;
    if built.is_empty()
        && let Some((bins, enforcement)) = fresh::Fresh::read(&fresh, &fingerprint, req.modules)
    {
        for (m, bin) in bins {
            built.insert(m, Ok(bin));
        }
        return Ok((built, enforcement));
    }
    let _ = std::fs::remove_file(&fresh);
    let target = course.work_dir().join(if trusted { "target" } else { "target-submissions" });
    std::fs::create_dir_all(&target)?;
    // `cargo fetch` only when a manifest or the lock file changed since the last one.
    let fetched = dir.join(".fetched");
    let manifests = fresh::manifests_hash(&dir, req.modules, course);
    if std::fs::read_to_string(&fetched).ok().as_deref() != Some(manifests.as_str()) {
        let fetch = std::process::Command::new(&tc.cargo)
            .args(["fetch", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .envs(course.build_env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("cannot run {}", tc.cargo.display()))?;
        if !fetch.status.success() {
            bail!("could not fetch the dependencies (`cargo fetch`):\n{}", String::from_utf8_lossy(&fetch.stderr));
        }
        let _ = std::fs::write(&fetched, &manifests);
    }
    let extra: Vec<PathBuf> = if trusted { req.modules.iter().map(|m| course.root.join("solutions").join(m).join("naive")).collect() } else { vec![] };
    let limits = RustcLimits { timeout_s: req.timeouts.iter().map(|(m, d)| (m.clone(), d.as_secs().max(1))).collect(), memory: RUSTC_MEMORY };
    let report_path = course.work_dir().join("build").join(format!("{k}.report.json"));
    let policy = cargo::policy(course, &tc, &dir, &target, &report_path, &crates, &extra, &limits)?;
    let sandbox = Sandbox { helper: course.helper.clone() };
    let args: Vec<String> =
        ["build", "--release", "--offline", "--keep-going", "--message-format=json", "--manifest-path"].iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut args = args;
    args.push(dir.join("Cargo.toml").display().to_string());
    let mut child = sandbox
        .command(&policy, &tc.cargo, &args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start the sandbox helper {}", course.helper.display()))?;

    // cargo's own status lines (stderr) drive the progress display.
    let stderr = child.stderr.take().unwrap();
    let bar2 = bar.clone();
    let err_thread = std::thread::spawn(move || {
        let mut tail = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let t = line.trim();
            if let Some(rest) = t.strip_prefix("Compiling ") {
                bar2.set_message(format!("compiling {}", rest.split(" (").next().unwrap_or(rest)));
            }
            tail.push(line);
            if tail.len() > 60 {
                tail.remove(0);
            }
        }
        tail
    });

    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut bins: BTreeMap<String, PathBuf> = BTreeMap::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok) {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let pkg = msg["package_id"].as_str().unwrap_or("");
        let Some(owner) = req.modules.iter().find_map(|m| {
            if pkg.contains(&format!("ndlab-sub-{m}-{k}@")) {
                Some(format!("sub-{m}"))
            } else if pkg.contains(&format!("ndlab-run-{m}-{k}@")) {
                Some(format!("run-{m}"))
            } else {
                None
            }
        }) else {
            continue;
        };
        match msg["reason"].as_str() {
            Some("compiler-message") if msg["message"]["level"] == "error" => {
                let rendered = msg["message"]["rendered"].as_str().unwrap_or("").to_string();
                errors.entry(owner).or_default().push(rendered);
            }
            Some("compiler-artifact") => {
                if let Some(exe) = msg["executable"].as_str() {
                    bins.insert(owner, PathBuf::from(exe));
                }
            }
            _ => {}
        }
    }
    let status = child.wait()?;
    if !status.success() {
        // Perhaps the registry's sources are gone: the next build fetches again.
        let _ = std::fs::remove_file(&fetched);
    }
    let tail = err_thread.join().unwrap_or_default();
    let report = Sandbox::read_report(&report_path);
    if let Some(e) = &report.error {
        bail!("the build could not run in the sandbox: {e}");
    }

    let dir_s = dir.display().to_string();
    for m in req.modules {
        if built.contains_key(m) {
            continue;
        }
        let shown = req.source.display_prefix(m);
        let remap = |s: &str| s.replace(&format!("{dir_s}/sub-{m}/src/"), &shown).replace(&format!("sub-{m}/src/"), &shown);
        let result = if let Some(bin) = bins.get(&format!("run-{m}")) {
            Ok(bin.clone())
        } else if let Some(e) = errors.get(&format!("sub-{m}")).or(errors.get(&format!("run-{m}"))).filter(|e| e.iter().any(|x| x.contains(cargo::STOPPED))) {
            Err(BuildError::Compile(e.iter().find(|x| x.contains(cargo::STOPPED)).cloned().unwrap_or_default()))
        } else if let Some(e) = errors.get(&format!("sub-{m}")) {
            Err(BuildError::Compile(remap(&e.iter().take(6).cloned().collect::<Vec<_>>().join("\n"))))
        } else if let Some(e) = errors.get(&format!("run-{m}")) {
            Err(BuildError::Signature(remap(&e.iter().take(6).cloned().collect::<Vec<_>>().join("\n"))))
        } else {
            Err(BuildError::Other(format!(
                "the build failed (cargo {}):\n{}",
                report.code.map(|c| format!("exit code {c}")).or(report.signal.map(|s| format!("signal {s}"))).unwrap_or_else(|| status.to_string()),
                tail.iter().rev().take(15).rev().cloned().collect::<Vec<_>>().join("\n")
            )))
        };
        built.insert(m.clone(), result);
    }
    if req.modules.iter().all(|m| built.get(m).is_some_and(|b| b.is_ok())) {
        let bins = built.iter().filter_map(|(m, b)| b.as_ref().ok().map(|p| (m.clone(), p.clone()))).collect();
        fresh::Fresh::write(&fresh, &fingerprint, bins, &report.enforcement);
    }
    Ok((built, report.enforcement))
}
