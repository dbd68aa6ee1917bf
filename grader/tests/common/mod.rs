//! The fixture course and submissions shared by the grader's integration tests.
#![allow(dead_code)]

use ndlab_grader::course::{Course, Source};
use ndlab_grader::grade::{Options, grade};
use ndlab_grader::results::{CaseResult, ModuleResult, Results};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// The fixture course with generated expected values (built once per test binary).
pub fn course() -> &'static Course {
    static COURSE: OnceLock<(tempfile::TempDir, Course)> = OnceLock::new();
    &COURSE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("course");
            copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/course"), &root);
            // Resolve dependencies exactly as the real workspace does (no registry update).
            std::fs::copy(Path::new(REPO).join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
            let mut course = Course::open(&root).unwrap();
            course.work = Path::new(REPO).join("target/ndlab-fixtures");
            course.runtime = Path::new(REPO).join("grader/runtime");
            course.helper = PathBuf::from(env!("CARGO_BIN_EXE_ndlab-sandbox"));
            let hidden = root.join("grader/hidden");
            let g = ndlab_grader::generate::generate(&course, &course.modules.clone(), Some(&hidden), 2, false).unwrap();
            g.write().unwrap();
            (dir, course)
        })
        .1
}

pub const CORRECT_ADD: &str = "a + b";
pub const CORRECT_TOTAL: &str = "a.sum()";
pub const CORRECT_FY: &str = "pub fn double(x: f64) -> f64 {\n    2.0 * x\n}\n";

/// The source of module `fx` with the given bodies (and `prelude` before the functions).
pub fn fx_source(prelude: &str, add: &str, total: &str) -> String {
    format!(
        "use ndarray::prelude::*;\n{prelude}\n#[allow(unreachable_code, unused_variables)]\npub fn add(a: &Array1<f64>, b: &Array1<f64>) -> Array1<f64> {{\n    {add}\n}}\n\n#[allow(unreachable_code, unused_variables)]\npub fn total(a: &Array1<f64>) -> f64 {{\n    {total}\n}}\n"
    )
}

/// A submission whose `add` and `total` bodies are given, `fy` correct unless replaced.
pub fn submission(add: &str, total: &str, fy: Option<&str>) -> tempfile::TempDir {
    submission_with("", add, total, fy)
}

pub fn submission_with(prelude: &str, add: &str, total: &str, fy: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fx = fx_source(prelude, add, total);
    for (m, text) in [("fx", fx.as_str()), ("fy", fy.unwrap_or(CORRECT_FY))] {
        let src = dir.path().join("exercises").join(m).join("src");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(src.join("lib.rs"), text).unwrap();
    }
    dir
}

pub fn run(sub: &Path, timing: bool) -> (Results, Duration) {
    let c = course();
    let mut o = Options::new(Source::Checkout(sub.to_path_buf()));
    o.hidden = Some(c.root.join("grader/hidden"));
    o.timing = timing;
    let t = Instant::now();
    let r = grade(c, &o).expect("grading itself must work");
    // Whatever happened, the results serialise whole.
    serde_json::to_string(&r).expect("the results serialise");
    (r, t.elapsed())
}

pub fn module<'a>(r: &'a Results, m: &str) -> &'a ModuleResult {
    r.modules.iter().find(|x| x.name == m).unwrap()
}

pub fn cases<'a>(r: &'a Results, ex: &str) -> Vec<&'a CaseResult> {
    module(r, "fx").cases.iter().filter(|c| c.exercise == ex).collect()
}

/// Whether the full sandbox is in force here. Tests of what it blocks call this first: without
/// it they say so and pass (a laptop without Landlock), unless `NDLAB_REQUIRE_SANDBOX` is set
/// (as `.ci/run` does), where they fail.
pub fn sandbox_or_skip(test: &str) -> bool {
    static PROBE: OnceLock<ndlab_grader::sandbox::Enforcement> = OnceLock::new();
    let e = PROBE.get_or_init(|| {
        let c = course();
        let scratch = c.work.join("runs");
        std::fs::create_dir_all(&scratch).unwrap();
        ndlab_grader::sandbox::probe(&ndlab_grader::sandbox::Sandbox { helper: c.helper.clone() }, &scratch)
            .unwrap_or_else(|_| ndlab_grader::sandbox::Enforcement::none())
    });
    if e.is_full() {
        return true;
    }
    if std::env::var_os("NDLAB_REQUIRE_SANDBOX").is_some() {
        panic!("{test}: the full sandbox is required (NDLAB_REQUIRE_SANDBOX) but this machine has {}", e.describe());
    }
    eprintln!("skipped {test}: the full sandbox is not available here ({})", e.describe());
    false
}
