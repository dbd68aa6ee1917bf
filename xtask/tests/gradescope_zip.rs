//! The Gradescope autograder (deploy/gradescope/, `cargo xtask gradescope`): the zip's layout,
//! `run_autograder` on a submission laid out as Gradescope lays it out, and the results.json it
//! writes when grading cannot happen at all.
//!
//! Gradescope extracts the zip into `/autograder/source`, copies its `run_autograder` to
//! `/autograder/run_autograder`, puts the student's repository in `/autograder/submission` and
//! reads `/autograder/results/results.json`. The tests build that layout under a root of their
//! own and point the script at it with `AUTOGRADER_ROOT`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const XTASK: &str = env!("CARGO_BIN_EXE_xtask");

/// `<target>`: the xtask binary is `<target>/debug/xtask`.
fn target_dir() -> PathBuf {
    Path::new(XTASK).ancestors().nth(2).unwrap().to_path_buf()
}

/// The zip is an instructors' tool: the student edition (`cargo xtask publish`) has neither
/// solutions/ nor grader/hidden/, and `cargo xtask gradescope` refuses to run there.
fn instructors_edition() -> bool {
    let yes = Path::new(REPO).join("solutions").is_dir() && Path::new(REPO).join("grader/hidden").is_dir();
    if !yes {
        println!("skipped: the student edition has no solutions/ or grader/hidden/");
    }
    yes
}

fn pack(dir: &Path) -> PathBuf {
    let out = dir.join("autograder.zip");
    let o = Command::new(XTASK).args(["gradescope", "--out"]).arg(&out).output().unwrap();
    assert!(o.status.success(), "cargo xtask gradescope failed:\n{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn names_and_modes(zip: &Path) -> Vec<(String, u32)> {
    let mut a = zip::ZipArchive::new(File::open(zip).unwrap()).unwrap();
    (0..a.len())
        .map(|i| {
            let f = a.by_index(i).unwrap();
            (f.name().to_string(), f.unix_mode().unwrap_or(0) & 0o777)
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// ROOT/source (the extracted zip), ROOT/run_autograder, an empty ROOT/results.
fn lay_out(zip: &Path, root: &Path) {
    let source = root.join("source");
    std::fs::create_dir_all(&source).unwrap();
    zip::ZipArchive::new(File::open(zip).unwrap()).unwrap().extract(&source).unwrap();
    std::fs::copy(source.join("run_autograder"), root.join("run_autograder")).unwrap();
    let _ = std::fs::remove_dir_all(root.join("results"));
}

fn run_autograder(root: &Path, envs: &[(&str, &str)], path: Option<&str>) -> (Output, serde_json::Value) {
    let mut cmd = Command::new(root.join("run_autograder"));
    // The caller says whether the sandbox is required (the CI sets NDLAB_REQUIRE_SANDBOX for
    // the whole `cargo test`, which would change the command line run_autograder builds).
    cmd.current_dir(root).env("AUTOGRADER_ROOT", root).env_remove("CARGO_TARGET_DIR").env_remove("NDLAB_REQUIRE_SANDBOX").envs(envs.iter().copied());
    if let Some(p) = path {
        cmd.env("PATH", p).env("CARGO_HOME", root.join("no-cargo-home"));
    }
    // A script this process has just written can be "busy" for a moment: another test's thread
    // may fork while the file is still open for writing (ETXTBSY), so try again briefly.
    let mut tries = 0;
    let o = loop {
        match cmd.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            r => break r.unwrap(),
        }
    };
    let log = format!("stdout:\n{}\nstderr:\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "run_autograder must exit 0 once it wrote results.json\n{log}");
    let text = std::fs::read_to_string(root.join("results/results.json")).unwrap_or_else(|e| panic!("no results.json ({e})\n{log}"));
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("results.json does not parse ({e}):\n{text}\n{log}"));
    (o, v)
}

#[test]
fn the_zip_holds_the_scripts_and_the_course_without_solutions() {
    if !instructors_edition() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let zip = pack(tmp.path());
    let entries = names_and_modes(&zip);
    let has = |n: &str| entries.iter().any(|(e, _)| e == n);
    for s in ["setup.sh", "run_autograder"] {
        let mode = entries.iter().find(|(e, _)| e == s).unwrap_or_else(|| panic!("no {s} at the zip's root")).1;
        assert_eq!(mode, 0o755, "{s} must be executable in the zip");
    }
    for f in [
        "Cargo.toml",
        "Cargo.lock",
        ".cargo/config.toml",
        "README.md",
        "grader/course.toml",
        "grader/hidden/arrays.jsonl",
        "grader/runtime/Cargo.toml",
        "exercises/arrays/src/lib.rs",
        "ndlab/Cargo.toml",
        "datasets/data/SHA256SUMS",
        "plots/Cargo.toml",
        "xtask/src/main.rs",
    ] {
        assert!(has(f), "{f} is missing from the zip");
    }
    for (e, _) in &entries {
        for banned in ["solutions/", "grader/tests/", "bench/", "target/", ".git/", ".ci/"] {
            assert!(!e.starts_with(banned), "{e} must not be in the zip");
        }
    }
    // The manifests no longer name the solution crates, so cargo can load the workspace.
    let mut a = zip::ZipArchive::new(File::open(&zip).unwrap()).unwrap();
    for m in ["Cargo.toml", "plots/Cargo.toml"] {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut a.by_name(m).unwrap(), &mut text).unwrap();
        assert!(!text.contains("solutions/"), "{m} in the zip still names solutions/");
    }
    // The stub of each module is the repository's.
    let mut stub = String::new();
    std::io::Read::read_to_string(&mut a.by_name("exercises/arrays/src/lib.rs").unwrap(), &mut stub).unwrap();
    assert_eq!(stub, std::fs::read_to_string(Path::new(REPO).join("exercises/arrays/src/lib.rs")).unwrap());
}

#[test]
fn run_autograder_writes_a_zero_when_it_cannot_grade() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("autograder");
    let source = root.join("source");
    std::fs::create_dir_all(&source).unwrap();
    std::fs::copy(Path::new(REPO).join("deploy/gradescope/run_autograder"), root.join("run_autograder")).unwrap();

    // 1. A submission of single files instead of the repository.
    std::fs::create_dir_all(root.join("submission")).unwrap();
    std::fs::write(root.join("submission/lib.rs"), "pub fn f() {}\n").unwrap();
    let (_, v) = run_autograder(&root, &[], None);
    assert_eq!(v["score"], 0.0);
    assert!(v["output"].as_str().unwrap().contains("no exercises/ folder"), "{v}");

    // 2. A repository zipped with its folder (one level down), and a grader that fails: a
    //    stand-in cargo that prints a message with quotes, a tab and a control character and
    //    exits 2. The message must reach the student, in valid JSON.
    std::fs::remove_dir_all(root.join("submission")).unwrap();
    std::fs::create_dir_all(root.join("submission/ndlab-main/exercises/arrays/src")).unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let fake = bin.join("cargo");
    std::fs::write(&fake, "#!/bin/sh\necho \"called with: $*\"\nprintf '%s\\t\\001 here\\n' 'error: the \"grader\" broke' >&2\nexit 2\n").unwrap();
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let (_, v) = run_autograder(&root, &[("NDLAB_MODULES", "arrays"), ("NDLAB_GRADE_ARGS", "--no-timing")], Some(&path));
    assert_eq!(v["score"], 0.0);
    assert_eq!(v["tests"], serde_json::json!([]));
    let out = v["output"].as_str().unwrap();
    assert!(out.contains("exited with status 2"), "{out}");
    assert!(out.contains("error: the \"grader\" broke\t here"), "{out}");
    let sub = root.join("submission/ndlab-main");
    let results = root.join("results/results.json");
    let called = format!("called with: xtask grade --submission {} --gradescope {} --redact-hidden --no-timing arrays", sub.display(), results.display());
    assert!(out.contains(&called), "run_autograder must call `{called}`; the output was:\n{out}");
}

fn grade_knows_gradescope() -> bool {
    let o = Command::new(XTASK).args(["grade", "--help"]).output().unwrap();
    String::from_utf8_lossy(&o.stdout).contains("--gradescope")
}

/// Hard-links every file under `from` into `to` (made if missing). Cargo replaces what it
/// rebuilds instead of writing into it, and what it rebuilds here has other names (the crates
/// of another workspace path), so the original stays as it was.
fn link_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type()?.is_dir() {
            link_tree(&src, &dst)?;
        } else if !dst.exists() {
            std::fs::hard_link(&src, &dst)?;
        }
    }
    Ok(())
}

/// The real thing: the zip extracted as Gradescope does, a submission with the reference
/// solution of `arrays` and the stubs elsewhere, graded by run_autograder (arrays only, no
/// timing). The root is kept under target/gradescope-test between runs; on the first, its
/// build folders are seeded with hard links to this workspace's compiled dependencies (the
/// same crates, profiles and features), so only the course's own crates are compiled again.
#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn run_autograder_grades_a_submission_from_the_zip() {
    if !instructors_edition() {
        return;
    }
    if !grade_knows_gradescope() {
        println!("skipped: `cargo xtask grade` has no --gradescope flag in this checkout");
        return;
    }
    let base = target_dir().join("gradescope-test");
    std::fs::create_dir_all(&base).unwrap();
    let zip = pack(&base);
    let root = base.join("autograder");
    // A fresh course and submission, but the course's target/ (its builds) stays.
    let source = root.join("source");
    if source.is_dir() {
        for e in std::fs::read_dir(&source).unwrap() {
            let e = e.unwrap();
            if e.file_name() != "target" {
                let p = e.path();
                if e.file_type().unwrap().is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) }.unwrap();
            }
        }
    }
    let _ = std::fs::remove_dir_all(root.join("submission"));
    lay_out(&zip, &root);
    let seeds = [
        (target_dir().join("debug/deps"), source.join("target/debug/deps")),
        (target_dir().join("debug/build"), source.join("target/debug/build")),
        (target_dir().join("debug/.fingerprint"), source.join("target/debug/.fingerprint")),
        (Path::new(REPO).join("target/ndlab/target-submissions"), source.join("target/ndlab/target-submissions")),
    ];
    for (from, to) in seeds {
        if from.is_dir()
            && !to.exists()
            && let Err(e) = link_tree(&from, &to)
        {
            println!("not seeding {} ({e}): cargo compiles it", to.display());
            let _ = std::fs::remove_dir_all(&to);
        }
    }
    let sub = root.join("submission");
    copy_dir(&Path::new(REPO).join("exercises"), &sub.join("exercises"));
    std::fs::remove_dir_all(sub.join("exercises/arrays/src")).unwrap();
    copy_dir(&Path::new(REPO).join("solutions/arrays/src"), &sub.join("exercises/arrays/src"));

    // The same grading also writes the course's own JSON: the reference for the points.
    let full = root.join("full.json");
    let _ = std::fs::remove_file(&full);
    let args = format!("--no-timing --json {}", full.display());
    // Where the CI requires the full sandbox, the autograder requires it too.
    let require = if std::env::var_os("NDLAB_REQUIRE_SANDBOX").is_some_and(|v| v == "1") { "1" } else { "0" };
    let (o, v) = run_autograder(&root, &[("NDLAB_MODULES", "arrays"), ("NDLAB_GRADE_ARGS", &args), ("NDLAB_REQUIRE_SANDBOX", require)], None);
    let log = String::from_utf8_lossy(&o.stdout);
    let tests = v["tests"].as_array().unwrap_or_else(|| panic!("no tests in {v}\n{log}"));
    assert!(!tests.is_empty(), "no tests in {v}\n{log}");
    let sum: f64 = tests.iter().map(|t| t["score"].as_f64().unwrap_or(0.0)).sum();
    let score = v["score"].as_f64().unwrap_or(sum);

    let full: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&full).unwrap()).unwrap();
    let modules = full["modules"].as_array().unwrap();
    assert_eq!(modules.len(), 1, "arrays only: {full}");
    let arrays = &modules[0];
    assert_eq!(arrays["name"], "arrays");
    let cases = arrays["cases"].as_array().unwrap();
    assert!(cases.iter().all(|c| c["status"] == "pass"), "the reference solution passes every case of arrays: {arrays}");
    let case_points: f64 = cases.iter().map(|c| c["max_points"].as_f64().unwrap()).sum();
    assert!(case_points > 0.0);
    // Full points (with --no-timing, the timing points are not at stake), and Gradescope shows
    // the same score as the course's own result.
    assert!((arrays["score"].as_f64().unwrap() - case_points).abs() < 1e-9, "{arrays}");
    assert!((score - full["score"].as_f64().unwrap()).abs() < 1e-9, "results.json says {score}, the grade is {}:\n{v}", full["score"]);
}
