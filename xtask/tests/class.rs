//! Grading a class from the command line, as an instructor and a cluster scheduler do it.
//!
//! A fixture class of six students (solved, stub, a compile error in one module, an infinite
//! loop in one exercise, hard-coded public answers, a missing folder) is graded by
//! `cargo xtask grade-class`, re-run (everything skipped), graded again as three shards on a
//! real Slurm cluster when one is up (`sinfo` answers; `.ci/run` starts one from Debian's
//! packages) or else as three plain processes at once, merged, and compared with the first run.
//! Every expected score is derived from the spec's points: the solved student must pass every
//! case, and each other student loses exactly the cases its defect touches.
//!
//! `NDLAB_REQUIRE_SLURM=1` makes a missing Slurm a failure instead of the fallback.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const MODULES: [&str; 2] = ["arrays", "broadcasting"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The instructor's signing key for this test's class (results are signed, then verified).
const KEY: &str = "class-test-signing-key-0123456789";

/// Whether the full sandbox is in force here (`cargo xtask doctor --require-sandbox`): the
/// grader refuses to sign without it, so the class is graded unsigned elsewhere.
fn sandbox_full() -> bool {
    static FULL: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FULL.get_or_init(|| {
        let st = Command::new(env!("CARGO_BIN_EXE_xtask")).current_dir(root()).args(["doctor", "--require-sandbox"]).output().unwrap().status;
        st.success()
    })
}

fn xtask() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xtask"));
    c.current_dir(root());
    if sandbox_full() {
        c.env("NDLAB_SIGNING_KEY", KEY);
    } else {
        c.env_remove("NDLAB_SIGNING_KEY");
    }
    c
}

/// The number on the summary line that starts with `label`.
fn count(text: &str, label: &str) -> usize {
    let line = text.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("no {label:?} line in:\n{text}"));
    line.split_whitespace().last().unwrap().parse().unwrap()
}

fn ok(out: Output, what: &str) -> String {
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{what} failed ({}):\n{text}", out.status);
    text
}

/// Replaces the solution block of `func` in `text` with `body`.
fn replace_body(text: &str, func: &str, body: &str) -> String {
    let at = text.find(&format!("pub fn {func}(")).unwrap_or_else(|| panic!("no fn {func}"));
    let begin = at + text[at..].find("// BEGIN SOLUTION").unwrap();
    let end = at + text[at..].find("// END SOLUTION").unwrap() + "// END SOLUTION".len();
    format!("{}{}{}", &text[..begin], body, &text[end..])
}

fn put(student: &Path, m: &str, lib: &str) {
    let src = student.join("exercises").join(m).join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("lib.rs"), lib).unwrap();
}

fn solution(m: &str) -> String {
    std::fs::read_to_string(root().join("solutions").join(m).join("src/lib.rs")).unwrap()
}

fn stub(m: &str) -> String {
    std::fs::read_to_string(root().join("exercises").join(m).join("src/lib.rs")).unwrap()
}

/// The six students, as folders under `dir`.
fn fixture_class(dir: &Path) {
    for m in MODULES {
        put(&dir.join("solved"), m, &solution(m));
        put(&dir.join("stub"), m, &stub(m));
        put(&dir.join("compile_error"), m, &solution(m));
        put(&dir.join("infinite_loop"), m, &solution(m));
        put(&dir.join("hard_coded"), m, &solution(m));
    }
    put(&dir.join("compile_error"), "broadcasting", &format!("{}\npub fn broken( {{\n", solution("broadcasting")));
    put(&dir.join("infinite_loop"), "arrays", &replace_body(&solution("arrays"), "clip_negative", "loop {}"));
    // The three public cases' answers, nothing else.
    let hard = "match a.as_slice().unwrap() { [1, 2, 3, 4] => 2.5, [-2, -3] => -2.5, _ => 25.0 / 3.0 }";
    put(&dir.join("hard_coded"), "arrays", &replace_body(&solution("arrays"), "mean_of_ints", hard));
    // A student folder with nothing in it (the student never pushed).
    std::fs::create_dir_all(dir.join("missing_folder")).unwrap();
}

fn load(dir: &Path) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".json") {
            out.insert(stem.to_string(), serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap());
        }
    }
    out
}

fn cases<'a>(r: &'a Value, m: &str) -> Vec<&'a Value> {
    r["modules"].as_array().unwrap().iter().find(|x| x["name"] == m).unwrap()["cases"].as_array().unwrap().iter().collect()
}

fn points(r: &Value, m: &str, keep: impl Fn(&Value) -> bool) -> f64 {
    cases(r, m).into_iter().filter(|c| keep(c)).map(|c| c["max_points"].as_f64().unwrap()).sum()
}

/// Every student's score against the one the defect allows.
fn check_scores(results: &BTreeMap<String, Value>, out: &Path) {
    let solved = &results["solved"];
    for m in MODULES {
        for c in cases(solved, m) {
            assert_eq!(c["status"], "pass", "the solved student fails {m}/{}: {}", c["exercise"], c["message"]);
        }
    }
    let full: f64 = MODULES.iter().map(|m| points(solved, m, |_| true)).sum();
    let score = |s: &str| results[s]["score"].as_f64().unwrap();
    assert_eq!(score("solved"), full);
    assert_eq!(score("stub"), 0.0);
    let ce = &results["compile_error"];
    let bm = ce["modules"].as_array().unwrap().iter().find(|x| x["name"] == "broadcasting").unwrap();
    assert!(bm["build"]["error"].as_str().unwrap().contains("does not compile"), "{}", bm["build"]);
    assert_eq!(score("compile_error"), points(solved, "arrays", |_| true));
    let lp = &results["infinite_loop"];
    for c in cases(lp, "arrays").into_iter().filter(|c| c["exercise"] == "clip_negative") {
        assert_eq!(c["status"], "timeout", "{c}");
    }
    assert_eq!(score("infinite_loop"), full - points(solved, "arrays", |c| c["exercise"] == "clip_negative"));
    let hc = &results["hard_coded"];
    for c in cases(hc, "arrays").into_iter().filter(|c| c["exercise"] == "mean_of_ints") {
        let want = if c["hidden"] == true { "fail" } else { "pass" };
        assert_eq!(c["status"], want, "{c}");
    }
    assert_eq!(score("hard_coded"), full - points(solved, "arrays", |c| c["exercise"] == "mean_of_ints" && c["hidden"] == true));
    assert!(!results.contains_key("missing_folder"));
    let err = std::fs::read_to_string(out.join("missing_folder.error.txt")).expect("the missing student's error file");
    assert!(err.contains("no exercises/ folder"), "{err}");
    for (s, r) in results {
        assert_eq!(r["student"], s.as_str());
        assert_eq!(r["source_hash"].as_str().map(str::len), Some(64), "{s}");
        assert!(r["grader_version"].as_str().unwrap().starts_with("0.1.0+"), "{s}");
    }
}

/// What a results folder says, per student: score and every case's status.
fn verdicts(results: &BTreeMap<String, Value>) -> BTreeMap<String, (f64, Vec<String>)> {
    results
        .iter()
        .map(|(s, r)| {
            let st = MODULES.iter().flat_map(|m| cases(r, m)).map(|c| format!("{}/{}={}", c["exercise"], c["case"], c["status"])).collect();
            (s.clone(), (r["score"].as_f64().unwrap(), st))
        })
        .collect()
}

fn grade_class_args(subs: &Path, out: &Path) -> Vec<String> {
    let mut a: Vec<String> =
        vec!["grade-class".into(), subs.display().to_string(), "--out".into(), out.display().to_string(), "--no-timing".into(), "--junit".into()];
    a.extend(MODULES.iter().map(|m| m.to_string()));
    a
}

fn slurm_up() -> bool {
    Command::new("sinfo").arg("--noheader").output().map(|o| o.status.success() && !o.stdout.is_empty()).unwrap_or(false)
}

/// Three shards through a Slurm job array (the shipped `deploy/slurm/grade-class.sbatch`), all
/// writing into `out` as the template does; returns each task's log.
fn shards_on_slurm(subs: &Path, out: &Path, scratch: &Path) -> Vec<String> {
    let mut cmd = Command::new("sbatch");
    cmd.args(["--parsable", "--wait", "--array=0-2", "--output"])
        .arg(scratch.join("slurm-%A_%a.out"))
        .arg(root().join("deploy/slurm/grade-class.sbatch"))
        .arg(subs)
        .arg(out)
        .args(["--no-timing"])
        .args(MODULES)
        .env("NDLAB_COURSE", root())
        .env("NDLAB_XTASK", env!("CARGO_BIN_EXE_xtask"));
    // sbatch passes the submitting environment to the job (`--export=ALL`, the default): the
    // shards sign with the instructor's key as a single run does.
    if sandbox_full() {
        cmd.env("NDLAB_SIGNING_KEY", KEY);
    } else {
        cmd.env_remove("NDLAB_SIGNING_KEY");
    }
    let done = cmd.output().expect("sbatch");
    let mut logs: Vec<String> = std::fs::read_dir(scratch)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("slurm-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .filter(|l| !l.is_empty())
        .collect();
    logs.sort();
    assert!(
        done.status.success(),
        "the Slurm array job failed: {}\n{}\n{}",
        String::from_utf8_lossy(&done.stdout),
        String::from_utf8_lossy(&done.stderr),
        logs.join("\n")
    );
    logs
}

/// Three shards as plain processes at the same time (what a machine without a scheduler does).
fn shards_as_processes(subs: &Path, outs: &[PathBuf]) {
    let children: Vec<_> = outs
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut a = grade_class_args(subs, o);
            a.extend(["--shard".into(), format!("{i}/3")]);
            xtask().args(a).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap()
        })
        .collect();
    for c in children {
        ok(c.wait_with_output().unwrap(), "a shard");
    }
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_class_is_graded_resumed_sharded_and_merged() {
    let t = tempfile::tempdir().unwrap();
    let subs = t.path().join("class");
    fixture_class(&subs);
    let all = t.path().join("all");

    let start = Instant::now();
    let text = ok(xtask().args(grade_class_args(&subs, &all)).output().unwrap(), "grade-class");
    eprintln!("grade-class: 6 students in {:.0?}", start.elapsed());
    assert_eq!(count(&text, "errors (not graded)"), 1, "{text}");
    assert_eq!(count(&text, "graded, a module did not build"), 1, "{text}");
    let first = load(&all);
    check_scores(&first, &all);
    let summary = std::fs::read_to_string(all.join("summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 7, "{summary}");
    // A report per student beside the JSON (`--junit`): the solved student's has no failure.
    let junit = std::fs::read_to_string(all.join("solved.junit.xml")).expect("solved.junit.xml");
    assert!(junit.starts_with("<?xml") && junit.contains("<testsuite name=\"arrays\"") && !junit.contains("<failure"), "{junit}");
    let junit = std::fs::read_to_string(all.join("hard_coded.junit.xml")).expect("hard_coded.junit.xml");
    assert!(junit.contains("<failure"), "{junit}");

    // A re-run grades nobody again (the missing student is retried: still an error).
    let start = Instant::now();
    let text = ok(xtask().args(grade_class_args(&subs, &all)).output().unwrap(), "grade-class (re-run)");
    assert_eq!(count(&text, "skipped (unchanged)"), 5, "{text}");
    assert_eq!(count(&text, "graded "), 0, "{text}");
    assert!(start.elapsed() < Duration::from_secs(30), "{:?}", start.elapsed());
    assert_eq!(load(&all), first, "a re-run rewrote a result");

    // Three shards, on Slurm when a cluster is up, else as three processes at once.
    let outs: Vec<PathBuf> = (0..3).map(|i| t.path().join(format!("shard-{i}"))).collect();
    let merged = t.path().join("merged");
    let mut args = vec!["merge-results".to_string()];
    if slurm_up() {
        eprintln!("Slurm is up: the shards run as a job array");
        let shared = t.path().join("slurm-results");
        let logs = shards_on_slurm(&subs, &shared, t.path());
        assert_eq!(logs.len(), 3, "{logs:?}");
        for (i, log) in logs.iter().enumerate() {
            assert!(log.contains(&format!("Grading 2 of 6 student(s) (shard {i}/3: Slurm job array")), "task {i}:\n{log}");
        }
        args.push(shared.display().to_string());
    } else {
        assert!(std::env::var_os("NDLAB_REQUIRE_SLURM").is_none(), "NDLAB_REQUIRE_SLURM is set but `sinfo` does not answer");
        eprintln!("Slurm is not available here (`sinfo` does not answer): the 3 shards run as plain processes");
        shards_as_processes(&subs, &outs);
        let sizes: Vec<usize> = outs
            .iter()
            .map(|o| {
                std::fs::read_dir(o)
                    .unwrap()
                    .flatten()
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".json") || e.file_name().to_string_lossy().ends_with(".error.txt"))
                    .count()
            })
            .collect();
        assert_eq!(sizes, vec![2, 2, 2], "6 students dealt over 3 shards");
        args.extend(outs.iter().map(|o| o.display().to_string()));
    }
    args.extend(["--out".into(), merged.display().to_string(), "--roster".into(), subs.display().to_string()]);
    let text = ok(xtask().args(&args).output().unwrap(), "merge-results");
    assert!(text.contains("merged 5 student(s)"), "{text}");
    assert!(text.contains("not graded: missing_folder"), "{text}");
    let m = load(&merged);
    check_scores(&m, &merged);
    assert_eq!(verdicts(&m), verdicts(&first), "the sharded grading differs from the single run");

    if sandbox_full() {
        leaderboard_of_the_class(&merged, &m, t.path());
    } else {
        assert!(std::env::var_os("NDLAB_REQUIRE_SANDBOX").is_none(), "NDLAB_REQUIRE_SANDBOX is set but the sandbox is not fully in force");
        println!("skipped: signing and the leaderboard of the graded class (the grader signs only under the full sandbox, not available here)");
    }
}

/// The merged results are all signed and valid; with a forged, an unsigned, a malformed and a
/// stale-course file and a student id with HTML in it beside them, the leaderboard ranks the
/// class by score, refuses the bad files by name and escapes the id.
fn leaderboard_of_the_class(merged: &Path, results: &BTreeMap<String, Value>, scratch: &Path) {
    let text = ok(xtask().arg("verify").arg(merged).output().unwrap(), "verify");
    assert!(text.contains("5 file(s): 5 valid"), "{text}");
    // Without the key nothing can be checked, and verify says so (exit 1).
    let out = xtask().arg("verify").arg(merged).env_remove("NDLAB_SIGNING_KEY").output().unwrap();
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stdout).contains("signed, not checked"));

    let bad = scratch.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let key = ndlab_signing::Key::new(KEY.as_bytes()).unwrap();
    let write = |name: &str, v: &Value| std::fs::write(bad.join(name), serde_json::to_string_pretty(v).unwrap()).unwrap();
    // Forged: the hard-coding student marks a failed hidden case passed and raises the score.
    let mut forged = results["hard_coded"].clone();
    forged["score"] = results["solved"]["score"].clone();
    forged["student"] = "hard_coded_again".into();
    write("forged.json", &forged);
    // Unsigned: a result without the key's signature.
    let mut unsigned = results["stub"].clone();
    unsigned["student"] = "nokey".into();
    ndlab_signing::sign(&mut unsigned, None);
    write("unsigned.json", &unsigned);
    std::fs::write(bad.join("malformed.json"), "{\"schema\": 1, \"score\": ").unwrap();
    // Stale: genuinely signed, but graded against another version of the course.
    let mut stale = results["solved"].clone();
    stale["student"] = "stale_student".into();
    stale["course_version"] = "0".repeat(64).into();
    ndlab_signing::sign(&mut stale, Some(&key));
    write("stale.json", &stale);
    // A student whose id is HTML, signed as the grader would sign it.
    let hostile = "<script>alert('x')</script>";
    let mut h = results["infinite_loop"].clone();
    h["student"] = hostile.into();
    ndlab_signing::sign(&mut h, Some(&key));
    write("hostile.json", &h);

    let lb = scratch.join("leaderboard");
    let out = xtask().arg("leaderboard").arg(merged).arg(&bad).arg("--out").arg(&lb).arg("--ids").output().unwrap();
    let text = ok(out, "leaderboard");
    for (file, why) in [("forged.json", "forged: signature mismatch"), ("unsigned.json", "unsigned"), ("stale.json", "other course version")] {
        assert!(text.lines().any(|l| l.starts_with("rejected ") && l.contains(file) && l.contains(why)), "{file} not rejected for {why:?}:\n{text}");
    }
    assert!(text.contains("warning: skipped") && text.contains("malformed.json"), "{text}");
    assert!(text.contains("6 student(s) ranked, every result signed"), "{text}");
    // Rows by score, highest first, ranks shared on equal scores (no timing: no speed figures).
    let csv = std::fs::read_to_string(lb.join("leaderboard.csv")).unwrap();
    let mut rows: Vec<(usize, String, f64)> = Vec::new();
    for line in csv.lines().skip(1) {
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
        let rec = r.records().next().unwrap().unwrap();
        rows.push((rec[0].parse().unwrap(), rec[1].to_string(), rec[2].parse().unwrap()));
    }
    let mut want: Vec<(String, f64)> = results.iter().map(|(s, r)| (s.clone(), r["score"].as_f64().unwrap())).collect();
    want.push((hostile.into(), results["infinite_loop"]["score"].as_f64().unwrap()));
    want.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    assert_eq!(rows.iter().map(|r| (r.1.clone(), r.2)).collect::<Vec<_>>(), want, "{csv}");
    assert_eq!(rows[0].1, "solved");
    assert_eq!(rows.last().unwrap().1, "stub");
    for w in rows.windows(2) {
        assert_eq!(w[1].0 == w[0].0, w[1].2 == w[0].2, "ranks are shared exactly on equal scores: {csv}");
    }
    let html = std::fs::read_to_string(lb.join("leaderboard.html")).unwrap();
    assert!(!html.contains(hostile) && html.contains("&lt;script&gt;alert("), "the id is not escaped");
}

#[test]
fn merge_keeps_the_newest_and_names_duplicates_missing_and_unreadable_files() {
    let t = tempfile::tempdir().unwrap();
    let (a, b) = (t.path().join("a"), t.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let result = |student: &str, score: f64, at: &str| {
        serde_json::json!({"schema": 1, "student": student, "score": score, "max_score": 10.0, "source_hash": "h", "course_version": "c",
            "grader_version": "g", "options": "o", "graded_at": at, "modules": []})
        .to_string()
    };
    std::fs::write(a.join("alice.json"), result("alice", 3.0, "2026-11-30T10:00:00.000000Z")).unwrap();
    std::fs::write(b.join("alice.json"), result("alice", 7.0, "2026-11-30T11:00:00.000000Z")).unwrap();
    std::fs::write(b.join("bob.json"), result("bob", 5.0, "2026-11-30T11:00:00.000000Z")).unwrap();
    std::fs::write(b.join("broken.json"), "{ not json").unwrap();
    std::fs::write(a.join("other.json"), r#"{"schema": 1, "score": 1}"#).unwrap();
    let roster = t.path().join("roster.csv");
    std::fs::write(&roster, "student,path\nalice,x\nbob,y\ncarol,z\n").unwrap();
    let out = t.path().join("out");
    let text = ok(
        xtask()
            .args([
                "merge-results",
                &a.display().to_string(),
                &b.display().to_string(),
                "--out",
                &out.display().to_string(),
                "--roster",
                &roster.display().to_string(),
            ])
            .output()
            .unwrap(),
        "merge-results",
    );
    assert!(text.contains("merged 2 student(s)"), "{text}");
    assert!(text.contains("duplicate: alice in") && text.contains("kept") && text.contains("b/alice.json (newest)"), "{text}");
    assert!(text.contains("unreadable:") && text.contains("broken.json: not JSON"), "{text}");
    assert!(text.contains("other.json: no \"student\" field"), "{text}");
    assert!(text.contains("missing: carol has no result"), "{text}");
    let kept: Value = serde_json::from_slice(&std::fs::read(out.join("alice.json")).unwrap()).unwrap();
    assert_eq!(kept["score"], 7.0);
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_roster_of_git_repositories_is_graded_at_the_given_commit() {
    let t = tempfile::tempdir().unwrap();
    let repo = t.path().join("repos/dana");
    put(&repo, "arrays", &solution("arrays"));
    let git = |args: &[&str]| {
        let o = Command::new("git").arg("-C").arg(&repo).args(args).env("GIT_CONFIG_GLOBAL", "/dev/null").output().unwrap();
        assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "solved"]);
    let solved_commit = git(&["rev-parse", "HEAD"]);
    put(&repo, "arrays", &stub("arrays"));
    git(&["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "oops, back to the stubs"]);
    let roster = t.path().join("roster.csv");
    std::fs::write(
        &roster,
        format!("student,path,commit\ndana,repos/dana,{solved_commit}\ndana_head,repos/dana\nerin,repos/nobody\nfrank,repos/dana,0123456789abcdef\n"),
    )
    .unwrap();
    let out = t.path().join("out");
    let text = ok(
        xtask().args(["grade-class", &roster.display().to_string(), "--out", &out.display().to_string(), "--no-timing", "arrays"]).output().unwrap(),
        "grade-class",
    );
    let r = load(&out);
    assert_eq!(r["dana"]["commit"], solved_commit.as_str());
    assert_eq!(r["dana"]["score"].as_f64(), Some(points(&r["dana"], "arrays", |_| true)), "graded at the solved commit");
    assert_eq!(r["dana_head"]["score"].as_f64(), Some(0.0), "HEAD is the stubs");
    assert!(text.contains("erin: the repository") && text.contains("does not exist"), "{text}");
    assert!(text.contains("frank: commit 0123456789abcdef not found"), "{text}");
    // The student's repository was only read: HEAD and the work tree are as they were.
    assert_eq!(git(&["status", "--porcelain"]), "");
}
