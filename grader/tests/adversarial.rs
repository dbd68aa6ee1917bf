//! The grader against submissions that try (on purpose or not) to break it.
//!
//! A tiny course (`tests/fixtures/course`: modules `fx` and `fy`) is copied to a temporary
//! folder, its expected values are generated from its solutions, and each fixture submission
//! is graded with hidden cases. Every verdict is asserted, and so is how quickly it comes.
//! Instructor-only: `cargo xtask publish` leaves this folder out of the student edition.

mod common;

use common::*;
use ndlab_grader::results::{Build, Results, Status};
use ndlab_grader::timing::TimingStatus;
use std::path::PathBuf;
use std::time::Duration;

/// `add`'s cases all end in `status`, with a message containing `needle`; the rest is untouched.
fn assert_add(r: &Results, status: Status, needle: &str) {
    for c in cases(r, "add") {
        assert_eq!(c.status, status, "{c:?}");
        assert!(c.message.contains(needle), "{needle:?} not in {:?}", c.message);
        assert_eq!(c.points, 0.0);
    }
    for c in cases(r, "total") {
        assert_eq!(c.status, Status::Pass, "{c:?}");
    }
    assert_eq!(module(r, "fy").score, 3.0, "the other module is graded normally");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn correct_submission_gets_full_marks_and_a_timing_ratio() {
    let s = submission(CORRECT_ADD, CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), true);
    let fx = module(&r, "fx");
    assert!(fx.cases.iter().all(|c| c.status == Status::Pass), "{:?}", fx.cases);
    assert_eq!(fx.cases.iter().filter(|c| c.hidden).count(), 3);
    // The timing verdict itself depends on the machine; that it is measured does not.
    let t = &fx.timing[0];
    assert!(matches!(t.status, TimingStatus::Pass | TimingStatus::Fail), "{t:?}");
    assert!(t.ratio.is_some_and(|x| x > 0.0), "{t:?}");
    assert_eq!(module(&r, "fy").score, 3.0);
    assert_eq!(r.max_score, 6.0 + 2.0 + 3.0);
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn stubs_score_zero_without_crashing() {
    let s = submission("todo!()", "todo!()", Some("pub fn double(x: f64) -> f64 {\n    todo!()\n}\n"));
    let (r, _) = run(s.path(), true);
    assert_eq!(r.score, 0.0);
    for m in &r.modules {
        assert!(matches!(m.build, Build::Ok));
        for c in &m.cases {
            assert_eq!(c.status, Status::Fail);
            assert!(c.message.starts_with("not implemented yet (todo!() at exercises/"), "{}", c.message);
        }
    }
    let t = &module(&r, "fx").timing[0];
    assert_eq!(t.status, TimingStatus::NotRun, "no timing before the cases pass");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn infinite_loop_times_out_quickly() {
    let s = submission("loop { std::hint::black_box(0); }", CORRECT_TOTAL, None);
    let (r, took) = run(s.path(), false);
    assert_add(&r, Status::Timeout, "longer than the 2.0 s limit");
    assert!(took < Duration::from_secs(60), "{took:?}");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn panic_is_a_crash_with_its_message_and_location() {
    let s = submission("panic!(\"index 7 is out of bounds\")", CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    assert_add(&r, Status::Crash, "index 7 is out of bounds");
    assert!(cases(&r, "add")[0].message.contains("exercises/fx/src/lib.rs:5"), "{}", cases(&r, "add")[0].message);
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn process_exit_zero_does_not_pass() {
    let s = submission("std::process::exit(0)", CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    assert_add(&r, Status::Crash, "without returning a result");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn printing_fake_test_output_does_not_pass() {
    let s = submission("println!(\"test result: ok. 99 passed; 0 failed\"); eprintln!(\"test result: ok. 99 passed\"); a - b", CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    for c in cases(&r, "add") {
        // `a - b` equals `a + b` only where b is zero (the empty hidden case)
        if c.case != "empty" {
            assert_eq!(c.status, Status::Fail, "{c:?}");
            assert!(c.message.contains("elements differ"), "{}", c.message);
        }
    }
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn stack_overflow_is_contained() {
    let s = submission(
        "fn deep(n: u64) -> u64 { if n == u64::MAX { 0 } else { 1 + deep(std::hint::black_box(n + 1)) } } let _ = deep(0); a + b",
        CORRECT_TOTAL,
        None,
    );
    let (r, _) = run(s.path(), false);
    assert_add(&r, Status::Crash, "stack overflow");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn huge_allocation_hits_the_memory_cap() {
    let s = submission("let v = vec![1u8; 1 << 36]; std::hint::black_box(&v); a + b", CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    assert_add(&r, Status::Memory, "out of memory");
    let s = submission("let mut keep = Vec::new(); loop { keep.push(vec![0u8; 1 << 26]); std::hint::black_box(&keep); }", CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    assert_add(&r, Status::Memory, "out of memory");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_process_started_by_a_case_never_runs_on() {
    // With the full sandbox, starting a process is refused (the code gets an error and the
    // case is judged on its result); without seccomp, the supervisor kills what was started
    // and the case fails for it.
    let s = submission(
        "let started = std::process::Command::new(\"sleep\").arg(\"30\").spawn().is_ok(); std::hint::black_box(started); a + b",
        CORRECT_TOTAL,
        None,
    );
    let (r, took) = run(s.path(), false);
    if sandbox_or_skip("a_process_started_by_a_case_never_runs_on") {
        assert!(cases(&r, "add").iter().all(|c| c.status == Status::Pass), "{:?}", cases(&r, "add"));
    } else {
        assert_add(&r, Status::Fail, "started a process");
    }
    assert!(took < Duration::from_secs(25), "the grader waited for the sleeping child: {took:?}");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn hard_coded_public_answers_fail_the_hidden_cases() {
    let s = submission("if a.len() == 2 { array![11.0, 22.0] } else { array![1.5, 2.5, 3.5] }", "6.5", None);
    let (r, _) = run(s.path(), false);
    let fx = module(&r, "fx");
    for c in &fx.cases {
        assert_eq!(c.status == Status::Pass, !c.hidden, "{c:?}");
    }
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn wrong_shape_is_reported_as_such() {
    let s = submission("Array1::zeros(a.len() + 1)", CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    assert_add(&r, Status::Fail, "shape mismatch: expected");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_module_that_does_not_compile_fails_alone() {
    let s = submission(CORRECT_ADD, CORRECT_TOTAL, Some("pub fn double(x: f64) -> f64 {\n    2.0 * y\n}\n"));
    let (r, _) = run(s.path(), false);
    let fy = module(&r, "fy");
    match &fy.build {
        Build::Error(e) => {
            assert!(e.contains("does not compile"), "{e}");
            assert!(e.contains("exercises/fy/src/lib.rs:2"), "the error points at the student's file and line: {e}");
        }
        other => panic!("fy should have failed to build, got {other:?}"),
    }
    assert!(fy.cases.iter().all(|c| c.status == Status::NotRun));
    assert_eq!(module(&r, "fx").score, module(&r, "fx").max_score - 2.0, "fx graded in full (timing skipped)");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_changed_signature_is_a_build_error_naming_the_signature() {
    let s = submission(CORRECT_ADD, CORRECT_TOTAL, Some("pub fn double(x: f32) -> f32 {\n    2.0 * x\n}\n"));
    let (r, _) = run(s.path(), false);
    match &module(&r, "fy").build {
        Build::Error(e) => assert!(e.contains("signature"), "{e}"),
        other => panic!("fy should have failed to build, got {other:?}"),
    }
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_hopelessly_slow_solution_is_cut_off_as_over_budget() {
    let s = submission(CORRECT_ADD, "std::thread::sleep(std::time::Duration::from_millis(1500)); a.sum()", None);
    let (r, took) = run(s.path(), true);
    let t = &module(&r, "fx").timing[0];
    assert_eq!(t.status, TimingStatus::Fail, "{t:?}");
    assert!(t.ratio.is_some_and(|x| x >= 10.0), "{t:?}");
    assert!(t.message.contains("over budget"), "{t:?}");
    assert_eq!(t.points, 0.0);
    // correctness points are kept
    assert!(cases(&r, "total").iter().all(|c| c.status == Status::Pass));
    assert!(took < Duration::from_secs(120), "{took:?}");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn json_results_are_complete_and_written_atomically() {
    let s = submission("loop {}", CORRECT_TOTAL, Some("pub fn double(x: f64) -> f64 {\n    2.0 * y\n}\n"));
    let (r, _) = run(s.path(), false);
    let out = tempfile::tempdir().unwrap();
    let path: PathBuf = out.path().join("deep/results.json");
    ndlab_grader::report::write_json(&path, &r, None).unwrap();
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["schema"], 1);
    let fx = v["modules"].as_array().unwrap().iter().find(|m| m["name"] == "fx").unwrap();
    assert_eq!(fx["build"], "ok");
    assert_eq!(fx["cases"].as_array().unwrap().len(), 6);
    assert!(fx["cases"].as_array().unwrap().iter().any(|c| c["status"] == "timeout" && c["hidden"] == true));
    assert_eq!(fx["timing"][0]["status"], "not_run");
    let fy = v["modules"].as_array().unwrap().iter().find(|m| m["name"] == "fy").unwrap();
    assert!(fy["build"]["error"].as_str().unwrap().contains("lib.rs:2"));
    assert_eq!(std::fs::read_dir(out.path().join("deep")).unwrap().count(), 1, "no temporary file left behind");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_flood_of_output_is_cut_off() {
    let s = submission("loop { println!(\"{}\", \"spam \".repeat(100)); }", CORRECT_TOTAL, None);
    let (r, took) = run(s.path(), false);
    for c in cases(&r, "add") {
        assert!(matches!(c.status, Status::Crash | Status::Timeout), "{c:?}");
        assert!(c.message.contains("16 MB") || c.message.contains("longer than"), "{}", c.message);
    }
    assert!(took < Duration::from_secs(60), "{took:?}");
}
