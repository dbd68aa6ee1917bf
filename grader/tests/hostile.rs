//! The grader against a dishonest student who has read its source: one or more fixtures for
//! each class of attack in issue 13, each asserting that no point is gained, that the run stays
//! bounded and whole (every module has a result, the JSON serialises), and that nothing
//! outside the case's scratch folder changed.
//!
//! The attacks that only the sandbox stops check [`common::sandbox_or_skip`] first: on a machine
//! without Landlock or seccomp they are reported as skipped, unless `NDLAB_REQUIRE_SANDBOX` is
//! set (`.ci/run` sets it). Network fixtures only ever target 127.0.0.1 on this machine.

mod common;

use common::*;
use ndlab_grader::results::{Build, Status};
use ndlab_grader::sandbox::{Policy, Profile, Sandbox};
use ndlab_grader::timing::TimingStatus;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn hidden_jsonl() -> PathBuf {
    course().root.join("grader/hidden/fx.jsonl")
}
fn solution_lib() -> PathBuf {
    course().root.join("solutions/fx/src/lib.rs")
}
fn public_cases() -> PathBuf {
    course().root.join("grader/cases/fx.jsonl")
}

/// Every `add` case that has data fails (the code returns the wrong answer unless an attack
/// worked); `fy` is graded as usual.
fn assert_no_add_points(r: &ndlab_grader::results::Results) {
    for c in cases(r, "add") {
        if c.case != "empty" {
            assert_ne!(c.status, Status::Pass, "an attack worked: {c:?}");
        }
    }
    assert_eq!(module(r, "fy").score, 3.0, "the other module is graded normally");
}

fn build_error(r: &ndlab_grader::results::Results, m: &str) -> String {
    match &module(r, m).build {
        Build::Error(e) => e.clone(),
        other => panic!("module {m} should have failed to build, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Symlinks and other files that are not plain sources

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn symlinked_source_folders_are_refused_for_that_module_alone() {
    let sol_src = course().root.join("solutions/fx/src");
    // exercises/fx/src, exercises/fx (relative link) and exercises itself, each a symlink.
    let cases_: Vec<(&str, Box<dyn Fn(&Path)>)> = vec![
        (
            "src",
            Box::new(|d: &Path| {
                std::fs::remove_dir_all(d.join("exercises/fx/src")).unwrap();
                std::os::unix::fs::symlink(&sol_src, d.join("exercises/fx/src")).unwrap();
            }),
        ),
        (
            "module",
            Box::new(|d: &Path| {
                std::fs::remove_dir_all(d.join("exercises/fx")).unwrap();
                std::fs::create_dir_all(d.join("elsewhere")).unwrap();
                copy_dir(&course().root.join("solutions/fx"), &d.join("elsewhere/fx"));
                std::os::unix::fs::symlink("../elsewhere/fx", d.join("exercises/fx")).unwrap();
            }),
        ),
        (
            "lib.rs",
            Box::new(|d: &Path| {
                std::fs::remove_file(d.join("exercises/fx/src/lib.rs")).unwrap();
                std::os::unix::fs::symlink(sol_src.join("lib.rs"), d.join("exercises/fx/src/lib.rs")).unwrap();
            }),
        ),
    ];
    for (what, make) in cases_ {
        let s = submission("todo!()", "todo!()", None);
        make(s.path());
        let (r, _) = run(s.path(), false);
        let e = build_error(&r, "fx");
        assert!(e.contains("symbolic link"), "{what}: {e}");
        assert_eq!(module(&r, "fx").score, 0.0, "{what}");
        assert_eq!(module(&r, "fy").score, 3.0, "{what}: the other module is graded normally");
    }
    // `exercises` itself a link: every module refused, the run still whole.
    let s = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(course().root.join("solutions"), s.path().join("exercises")).unwrap();
    let (r, _) = run(s.path(), false);
    assert_eq!(r.score, 0.0);
    assert_eq!(r.modules.len(), 2);
    for m in ["fx", "fy"] {
        assert!(build_error(&r, m).contains("symbolic link"), "{}", build_error(&r, m));
    }
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn hard_links_fifos_huge_files_and_odd_names_are_refused() {
    // a hard link to a file outside the submission
    let outside = tempfile::tempdir().unwrap();
    let s = submission(CORRECT_ADD, CORRECT_TOTAL, None);
    std::fs::write(outside.path().join("x.rs"), "pub fn x() {}\n").unwrap();
    std::fs::hard_link(outside.path().join("x.rs"), s.path().join("exercises/fx/src/x.rs")).unwrap();
    let (r, _) = run(s.path(), false);
    assert!(build_error(&r, "fx").contains("hard links"), "{}", build_error(&r, "fx"));
    assert_eq!(module(&r, "fy").score, 3.0);

    // a FIFO (reading it would block the judge forever)
    let s = submission(CORRECT_ADD, CORRECT_TOTAL, None);
    let fifo = std::ffi::CString::new(s.path().join("exercises/fx/src/pipe.rs").into_os_string().into_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let (r, took) = run(s.path(), false);
    assert!(build_error(&r, "fx").contains("not a regular file"), "{}", build_error(&r, "fx"));
    assert!(took < Duration::from_secs(120));

    // an over-large file, and a name with a newline in it
    let s = submission(CORRECT_ADD, CORRECT_TOTAL, None);
    std::fs::write(s.path().join("exercises/fx/src/big.rs"), vec![b' '; 2 << 20]).unwrap();
    let (r, _) = run(s.path(), false);
    assert!(build_error(&r, "fx").contains("at most 1 MB"), "{}", build_error(&r, "fx"));
    let s = submission(CORRECT_ADD, CORRECT_TOTAL, None);
    std::fs::write(s.path().join("exercises/fx/src/odd\nname.rs"), "").unwrap();
    let (r, _) = run(s.path(), false);
    assert!(build_error(&r, "fx").contains("unusual name"), "{}", build_error(&r, "fx"));
    assert_eq!(module(&r, "fy").score, 3.0);
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn unsafe_code_and_inline_assembly_are_refused_but_not_in_comments_or_strings() {
    for (prelude, body) in [
        ("", "let v = vec![1.0]; unsafe { *v.as_ptr() }; a + b"),
        ("", "std::arch::global_asm!(\"nop\"); a + b"),
        // the way back in for `unsafe` code pulled from a readable crate with `include!`
        ("#![allow(unsafe_code)]", "a + b"),
    ] {
        let s = submission_with(prelude, body, CORRECT_TOTAL, None);
        let (r, _) = run(s.path(), false);
        let e = build_error(&r, "fx");
        assert!(e.contains("is not allowed in a submission") && e.contains("lib.rs:"), "{e}");
        assert_eq!(module(&r, "fy").score, 3.0);
    }
    let s = submission("// unsafe is fine in a comment\n    let _s = \"unsafe\"; a + b", CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    assert!(matches!(module(&r, "fx").build, Build::Ok), "{:?}", module(&r, "fx").build);
}

/// Every runner installs the judge's allocator (`ndlab_runtime::alloc`), under which the
/// reference and the timing primitives were measured. A submission that installs its own (here
/// without a line of `unsafe`) to change what allocation costs under the timer does not build.
#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_submission_cannot_swap_the_allocator_under_the_timer() {
    let s = submission_with("#[global_allocator]\nstatic MINE: std::alloc::System = std::alloc::System;", CORRECT_ADD, CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    let e = build_error(&r, "fx");
    assert!(e.contains("global_allocator") || e.contains("global allocator"), "{e}");
    assert_eq!(module(&r, "fx").score, 0.0);
    assert_eq!(module(&r, "fy").score, 3.0);
}

// ---------------------------------------------------------------------------------------------
// 2. Reading the instructor's files, or the grader's secrets, at compile time

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn compile_time_reads_of_hidden_files_fail_and_never_show_their_content() {
    if !sandbox_or_skip("compile_time_reads_of_hidden_files_fail_and_never_show_their_content") {
        return;
    }
    let hidden = hidden_jsonl().display().to_string();
    let sol = solution_lib().display().to_string();
    let hidden_text = std::fs::read_to_string(hidden_jsonl()).unwrap();
    let attacks = [
        format!("const H: &str = include_str!({hidden:?});"),
        format!("const H: &[u8] = include_bytes!({sol:?});"),
        format!("#[path = {sol:?}]\nmod stolen;"),
        // relative to the build's own folder: walk up until the course is found
        format!("const H: &str = include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../../../../../../../../../../../../..{hidden}\"));"),
        // a const panic that would print the file
        format!("const _: () = {{ let s: &str = include_str!({hidden:?}); panic!(\"{{}}\", s) }};"),
    ];
    for prelude in &attacks {
        let s = submission_with(prelude, "todo!()", "todo!()", None);
        let (r, _) = run(s.path(), false);
        let e = build_error(&r, "fx");
        assert!(e.contains("does not compile"), "{prelude}: {e}");
        assert!(!e.contains("\"expected\"") && !e.contains("\"kind\"") && !e.contains(&hidden_text[..40]), "hidden content leaked: {e}");
        assert!(!e.contains("pub fn add"), "solution content leaked: {e}");
        assert_eq!(module(&r, "fx").score, 0.0);
        assert_eq!(module(&r, "fy").score, 3.0);
    }
}

// The grader's environment (the signing key, `option_env!` at compile time, `/proc/*/environ`
// at run time): `key_secrecy.rs`, which grades in a child process whose environment holds the key
// from its start, as a signing CI job's grader would.

// ---------------------------------------------------------------------------------------------
// 3. Reading them at run time

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn run_time_reads_of_the_instructors_tree_are_denied() {
    if !sandbox_or_skip("run_time_reads_of_the_instructors_tree_are_denied") {
        return;
    }
    let hidden = hidden_jsonl().display().to_string();
    let body = format!(
        "let mut found = std::fs::read_to_string({hidden:?}).is_ok();\n    \
         for start in [std::env::current_dir().ok(), std::env::current_exe().ok(), std::fs::read_link(\"/proc/self/cwd\").ok(), std::fs::read_link(\"/proc/self/exe\").ok()].into_iter().flatten() {{\n        \
             for dir in start.ancestors() {{\n            \
                 for p in [\"grader/hidden/fx.jsonl\", \"course/grader/hidden/fx.jsonl\", \"solutions/fx/src/lib.rs\", \"grader/cases/fx.jsonl\"] {{\n                \
                     found |= std::fs::read_to_string(dir.join(p)).is_ok();\n            \
                 }}\n        \
             }}\n    \
         }}\n    \
         if found {{ a + b }} else {{ a - b }}"
    );
    let s = submission(&body, CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    assert_no_add_points(&r);
}

// ---------------------------------------------------------------------------------------------
// 4. Processes that outlive their case, or kill the grader

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn no_process_outlives_its_case_and_the_grader_cannot_be_killed() {
    if !sandbox_or_skip("no_process_outlives_its_case_and_the_grader_cannot_be_killed") {
        return;
    }
    let marker = format!("ndlab-hostile-{}", std::process::id());
    let body = format!(
        "let ppid = std::os::unix::process::parent_id().to_string();\n    \
         let mut started = std::process::Command::new(\"setsid\").args([\"sh\", \"-c\", \"sleep 30; echo {marker}\"]).spawn().is_ok();\n    \
         started |= std::process::Command::new(\"kill\").args([\"-9\", &ppid]).status().is_ok();\n    \
         started |= std::thread::spawn(|| std::process::Command::new(\"sleep\").arg(\"30\").spawn().is_ok()).join().unwrap_or(false);\n    \
         if started {{ a - b }} else {{ a + b }}"
    );
    let s = submission(&body, CORRECT_TOTAL, None);
    let out = tempfile::tempdir().unwrap();
    let (r, took) = run(s.path(), false);
    ndlab_grader::report::write_json(&out.path().join("r.json"), &r, None).unwrap();
    for c in cases(&r, "add") {
        assert_eq!(c.status, Status::Pass, "a process was started: {c:?}");
    }
    assert!(took < Duration::from_secs(60), "{took:?}");
    // nothing with the marker is running anywhere on the machine
    for p in std::fs::read_dir("/proc").unwrap().flatten() {
        let cmd = std::fs::read(p.path().join("cmdline")).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&cmd).contains(&marker), "a process survived: {:?}", p.path());
    }
    std::thread::sleep(Duration::from_millis(300));
    let again: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(again["score"], serde_json::json!(r.score), "the results file was rewritten");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn the_supervisor_kills_setsid_descendants_when_processes_are_allowed() {
    // The `Build` profile lets processes start (cargo needs it); the subreaper must still find
    // and kill a `setsid` grandchild that tries to outlive the command.
    if !sandbox_or_skip("the_supervisor_kills_setsid_descendants_when_processes_are_allowed") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let mut read = ndlab_grader::run::system_read_paths();
    read.extend(["/usr", "/bin"].map(PathBuf::from));
    let mut policy = Policy::in_scratch(Profile::Build, read, &work, &dir.path().join("report.json"), 1 << 30, Duration::from_secs(20));
    policy.env = vec![("PATH".into(), "/usr/bin:/bin".into())];
    let out = dir.path().join("out.txt");
    let st = Sandbox { helper: course().helper.clone() }
        .command(&policy, Path::new("/bin/sh"), &["-c".into(), "setsid sleep 60 & echo $!".into()])
        .stdout(std::fs::File::create(&out).unwrap())
        .status()
        .unwrap();
    assert!(st.success());
    let rep = Sandbox::read_report(&policy.report);
    let pid: i32 = std::fs::read_to_string(&out).unwrap().trim().parse().unwrap();
    assert!(rep.leftover >= 1, "{rep:?}");
    assert!(!std::path::Path::new(&format!("/proc/{pid}")).exists(), "the setsid child {pid} survived");
}

// ---------------------------------------------------------------------------------------------
// 5. The timer

fn timing_of(add: &str, prelude: &str, total: &str) -> ndlab_grader::results::TimingResult {
    let s = submission_with(prelude, add, total, None);
    let (r, _) = run(s.path(), true);
    assert!(cases(&r, "total").iter().all(|c| c.status == Status::Pass), "{:?}", cases(&r, "total"));
    module(&r, "fx").timing[0].clone()
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn memoising_across_timed_calls_earns_no_timing_points() {
    let t = timing_of(
        CORRECT_ADD,
        "static MEMO: std::sync::Mutex<Option<f64>> = std::sync::Mutex::new(None);",
        "if a.len() < 1000 { return a.sum(); } let mut m = MEMO.lock().unwrap(); if let Some(v) = *m { return v; } let v = a.sum(); *m = Some(v); v",
    );
    assert_eq!(t.status, TimingStatus::Error, "{t:?}");
    assert!(t.message.contains("wrong"), "{t:?}");
    assert_eq!(t.points, 0.0);
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn answering_only_the_first_timed_call_earns_no_timing_points() {
    let t = timing_of(
        CORRECT_ADD,
        "static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);",
        "if a.len() < 1000 { return a.sum(); } if CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 { a.sum() } else { 0.0 }",
    );
    assert_eq!(t.status, TimingStatus::Error, "{t:?}");
    assert_eq!(t.points, 0.0);
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn writing_replies_to_the_timing_channel_does_not_stop_the_clock() {
    if !sandbox_or_skip("writing_replies_to_the_timing_channel_does_not_stop_the_clock") {
        return;
    }
    // A slow solution that first tries every way safe code has to answer for the runtime:
    // stdout, stderr, every descriptor reopened through /proc, and stdin for the commands.
    let t = timing_of(
        CORRECT_ADD,
        "",
        "if a.len() < 1000 { return a.sum(); }\n    \
         use std::io::Write;\n    \
         let fake = b\"{\\\"reply\\\":\\\"done\\\"}\\n\";\n    \
         let _ = std::io::stdout().write_all(fake); let _ = std::io::stdout().flush();\n    \
         for n in 0..64 { if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(format!(\"/proc/self/fd/{n}\")) { let _ = f.write_all(fake); } }\n    \
         let mut line = String::new(); let _ = std::io::stdin().read_line(&mut line);\n    \
         std::thread::sleep(std::time::Duration::from_millis(1500)); a.sum()",
    );
    assert_eq!(t.status, TimingStatus::Fail, "{t:?}");
    assert!(t.ratio.is_some_and(|x| x >= 10.0), "{t:?}");
    assert_eq!(t.points, 0.0);
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_timed_run_gets_no_second_thread() {
    if !sandbox_or_skip("a_timed_run_gets_no_second_thread") {
        return;
    }
    let t = timing_of(CORRECT_ADD, "", "if a.len() < 1000 { return a.sum(); } std::thread::spawn(|| 0).join().unwrap(); a.sum()");
    assert_eq!(t.status, TimingStatus::Error, "{t:?}");
    assert!(t.message.contains("panicked"), "{t:?}");
}

// ---------------------------------------------------------------------------------------------
// 6. The network

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn cases_cannot_reach_the_network() {
    if !sandbox_or_skip("cases_cannot_reach_the_network") {
        return;
    }
    let tcp = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    tcp.set_nonblocking(true).unwrap();
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    udp.set_nonblocking(true).unwrap();
    let (tp, up) = (tcp.local_addr().unwrap().port(), udp.local_addr().unwrap().port());
    let body = format!(
        "let mut ok = std::net::TcpStream::connect(\"127.0.0.1:{tp}\").is_ok();\n    \
         ok |= std::net::UdpSocket::bind(\"127.0.0.1:0\").and_then(|s| s.send_to(b\"x\", \"127.0.0.1:{up}\")).is_ok();\n    \
         if ok {{ a + b }} else {{ a - b }}"
    );
    let s = submission(&body, CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    assert_no_add_points(&r);
    assert!(tcp.accept().is_err(), "a TCP connection arrived");
    assert!(udp.recv_from(&mut [0u8; 8]).is_err(), "a datagram arrived");
}

// ---------------------------------------------------------------------------------------------
// 7. Writing where it must not, and blaming the grader

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn cases_cannot_write_into_the_course_or_forge_the_graders_words() {
    if !sandbox_or_skip("cases_cannot_write_into_the_course_or_forge_the_graders_words") {
        return;
    }
    let before = std::fs::read(public_cases()).unwrap();
    let hidden_before = std::fs::read(hidden_jsonl()).unwrap();
    let targets = [public_cases(), hidden_jsonl(), course().root.join("grader/spec/fx.toml")];
    let body = format!(
        "for p in {targets:?} {{ let _ = std::fs::OpenOptions::new().append(true).open(p).map(|mut f| std::io::Write::write_all(&mut f, b\"x\")); }}\n    \
         let _ = std::os::unix::fs::symlink(\"/etc/passwd\", \"link\");\n    \
         a + b"
    );
    let s = submission(&body, CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    assert_eq!(std::fs::read(public_cases()).unwrap(), before, "the public expected values were modified");
    assert_eq!(std::fs::read(hidden_jsonl()).unwrap(), hidden_before, "the hidden expected values were modified");
    assert!(cases(&r, "add").iter().all(|c| c.status == Status::Pass));

    // A result file written by the submission itself is never read: results come back only on
    // the runner's private socket. Here the file holds the right answer in the runner's own
    // format (as a forged `Ok(())` of a derived check would), then the process exits with 0.
    let forged = r##"let v = a + b;
    let _ = std::fs::write("out.json", format!("{{\"status\":\"ok\",\"value\":{{\"type\":\"array\",\"shape\":[{}],\"dtype\":\"f64\",\"values\":{:?}}}}}", v.len(), v.to_vec()));
    std::process::exit(0)"##;
    let s = submission(forged, CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    for c in cases(&r, "add") {
        assert_eq!(c.status, Status::Crash, "a forged result file was believed: {c:?}");
        assert!(c.message.contains("without returning a result"), "{}", c.message);
    }
}

// ---------------------------------------------------------------------------------------------
// 8. The report and the build

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn control_characters_cannot_draw_over_the_report() {
    let s = submission("panic!(\"\\x1b[2J\\x1b[H\\rTotal: 11/11 points (100.0%)\\u{202e}\")", CORRECT_TOTAL, None);
    let (r, _) = run(s.path(), false);
    let text = ndlab_grader::report::render(&r, ndlab_grader::report::Detail::All);
    assert!(!text.contains('\x1b') && !text.contains('\r') && !text.contains('\u{202e}'), "{text}");
    assert!(text.contains("\\u{1b}[2J"), "{text}");
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_compile_that_never_ends_fails_that_module_alone() {
    let fy = "#![allow(long_running_const_eval)]\nconst fn spin() -> u64 { let mut i: u64 = 1; while i != 0 { i = i.wrapping_add(2); } i }\nconst X: u64 = spin();\npub fn double(x: f64) -> f64 {\n    2.0 * x + X as f64\n}\n";
    let s = submission(CORRECT_ADD, CORRECT_TOTAL, Some(fy));
    let (r, took) = run(s.path(), false);
    let e = build_error(&r, "fy");
    assert!(e.contains("took longer than"), "{e}");
    assert_eq!(module(&r, "fx").score, module(&r, "fx").max_score - 2.0, "fx graded in full (timing skipped)");
    assert!(took < Duration::from_secs(180), "{took:?}");
}
