//! A fixture class: result files as the grader writes them (schema 1), signed with a test key,
//! plus the files a leaderboard must refuse.
#![allow(dead_code)]

use ndlab_signing::Key;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

pub const COURSE: &str = "c0ffee-course-version";
pub const HOSTILE_ID: &str = "<script>document.title='pwned';window.pwned=1</script>";
pub const HOSTILE_IMG: &str = "<img src=x onerror=\"window.pwned=2\">";

pub fn key() -> Key {
    Key::new(b"fixture-class-signing-key-0001").unwrap()
}

/// The course version a result must have: this fixture's, for any modules.
pub fn course_version(_modules: &[String], _hidden: bool) -> Option<String> {
    Some(COURSE.to_string())
}

/// A result for `student`: `arrays` with `passed` of 4 public+hidden cases and timed checks
/// with the given ratios (`pass` under 1, `fail` over).
pub fn result(student: &str, passed: usize, ratios: &[f64], graded_at: &str) -> Value {
    let cases: Vec<Value> = (0..4)
        .map(|i| {
            let ok = i < passed;
            json!({"exercise": if i < 2 { "grid" } else { "stack" }, "case": format!("case{i}"), "hidden": i % 2 == 1,
                   "status": if ok { "pass" } else { "fail" }, "points": if ok { 2.0 } else { 0.0 }, "max_points": 2.0,
                   "message": if ok { "".to_string() } else { format!("value at [0, {i}]: expected 1.5, got {}", i as f64 * 0.5) }, "elapsed_s": 0.001})
        })
        .collect();
    let timing: Vec<Value> = ratios
        .iter()
        .map(|r| {
            let ok = *r < 1.0;
            json!({"exercise": "grid", "status": if ok { "pass" } else { "fail" }, "ratio": r, "budget": "4 × pass(80MB)",
                   "points": if ok { 1.0 } else { 0.0 }, "max_points": 1.0, "message": "", "student_ms": r * 10.0, "budget_ms": 10.0})
        })
        .collect();
    let t_points: f64 = ratios.iter().filter(|r| **r < 1.0).count() as f64;
    let score = 2.0 * passed as f64 + t_points;
    let max = 8.0 + ratios.len() as f64;
    json!({"schema": 1, "score": score, "max_score": max, "percent": 100.0 * score / max, "submission": "/tmp/x",
           "hidden_cases": true, "timing": true, "features": [], "elapsed_s": 3.0,
           "sandbox": {"landlock": "full", "abi": 7, "seccomp": true, "subreaper": true},
           "course_version": COURSE, "phases": {"build_s": 1.0, "cases_s": 1.0, "timing_s": 1.0},
           "student": student, "source_hash": "ab", "grader_version": "0.1.0+fixture", "graded_at": graded_at,
           "options": "modules=arrays timing=true hidden=true features=",
           "modules": [{"name": "arrays", "score": score, "max_score": max, "build": "ok", "cases": cases, "timing": timing, "functions": {}}]})
}

pub fn write(dir: &Path, name: &str, mut v: Value, key: Option<&Key>) -> PathBuf {
    ndlab_signing::sign(&mut v, key);
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    p
}

/// The class: seven good results (one student graded twice), and one of each bad kind.
pub fn class(dir: &Path) {
    let k = key();
    let t0 = "2026-12-01T10:00:00.000000Z";
    write(dir, "ada.json", result("ada", 4, &[0.25, 0.5], t0), Some(&k));
    write(dir, "bob.json", result("bob", 4, &[0.5, 0.5], t0), Some(&k));
    write(dir, "cy.json", result("cy", 4, &[0.5, 0.5], t0), Some(&k)); // ties bob exactly
    write(dir, "dee.json", result("dee", 4, &[1.5, 2.0], t0), Some(&k)); // no timed check passed
    write(dir, "eve.json", result("eve", 2, &[0.2], t0), Some(&k));
    write(dir, "hostile.json", result(HOSTILE_ID, 3, &[0.9], t0), Some(&k));
    write(dir, "img.json", result(HOSTILE_IMG, 1, &[], t0), Some(&k));
    // Fay was graded twice: the newer (worse) result counts.
    write(dir, "fay-old.json", result("fay", 4, &[0.3, 0.3], "2026-11-30T10:00:00.000000Z"), Some(&k));
    write(dir, "fay-new.json", result("fay", 2, &[0.3], "2026-12-01T11:00:00.000000Z"), Some(&k));
    // Bad files.
    let mut forged = result("mallory", 4, &[0.01, 0.01], t0);
    ndlab_signing::sign(&mut forged, Some(&k));
    forged["modules"][0]["timing"][0]["ratio"] = json!(0.001);
    std::fs::write(dir.join("forged.json"), forged.to_string()).unwrap();
    write(dir, "unsigned.json", result("uma", 4, &[0.1], t0), None);
    std::fs::write(dir.join("malformed.json"), "{\"schema\": 1, \"score\": ").unwrap();
    let mut stale = result("stan", 4, &[0.1], t0);
    stale["course_version"] = json!("an-older-course-version");
    write(dir, "stale.json", stale, Some(&k));
    // Signed with another course's key.
    write(dir, "other-key.json", result("otto", 4, &[0.1], t0), Some(&Key::new(b"some-other-course-key-123").unwrap()));
    // Reports beside the results are not result files and are not read.
    std::fs::write(dir.join("ada.gradescope.json"), "{\"score\": 99}").unwrap();
}

pub fn options<'a>(inputs: Vec<PathBuf>, out: PathBuf, cv: ndlab_leaderboard::CourseVersion<'a>) -> ndlab_leaderboard::Options<'a> {
    ndlab_leaderboard::Options {
        inputs,
        out,
        key: Some(key()),
        salt: None,
        names: None,
        show_ids: true,
        title: "Fixture class <b>leaderboard</b>".into(),
        course_version: cv,
    }
}
