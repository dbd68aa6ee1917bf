//! Issue 16: the instructor's signing key, `NDLAB_SIGNING_KEY` in the grader's environment, is
//! never visible to student code: not at compile time (`option_env!`), not in a case's or a
//! timed run's environment, not in any `/proc/<pid>/environ` or `cmdline` a submission can open,
//! not in the results, not in the build's or the cases' folders.
//!
//! **Why a child process.** The key must be in the grader's environment *from its start*, as in
//! a signing CI job: that is what `/proc/<pid>/environ` shows (a `std::env::set_var` in the test
//! process changes only the C library's copy, so it would leave that way in untested), and
//! setting a variable in a test process whose other tests run on other threads is a data race.
//! So the test below starts this same test binary again, filtered to one ignored test, with the
//! key in its environment, twice over: a *middle* process that plays the `cargo` (or shell) that
//! started `cargo xtask`, and under it the *grader*, which grades a submission that searches
//! for the key everywhere it can. The test process itself never holds the key.
//!
//! **Why it cannot pass vacuously.** The submission's `add` returns the right answer only when
//! its search found the key, so a leak is a PASS, which is asserted against; otherwise it panics
//! with `probe: read=R tried=T found=false`, and the test reads that message back from the
//! results to check the search ran and opened its own `/proc` files. The timed run of `total`
//! does the same search. On a machine without the full sandbox, grading with the key set must be
//! refused before any submission code runs (unless `NDLAB_REQUIRE_SANDBOX` demands the sandbox).

mod common;

use common::*;
use ndlab_grader::course::Source;
use ndlab_grader::grade::{Options, grade};
use ndlab_grader::results::{Build, Status};
use ndlab_grader::sandbox::SIGNING_KEY_ENV;
use ndlab_grader::timing::TimingStatus;
use std::path::Path;
use std::process::Command;

/// Which part a re-run of this binary plays: `middle` or `grader`.
const ROLE: &str = "NDLAB_KEY_SECRECY_ROLE";
const CHILD_TEST: &str = "grading_with_the_signing_key_in_the_environment";
/// Printed by the grader process once it has checked everything (read by the test).
const DONE: &str = "key_secrecy: checked";

/// A fresh random key (128 bits from the standard library's randomly seeded hasher).
fn random_key() -> String {
    use std::hash::{BuildHasher, Hasher};
    let part = || {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        h.finish()
    };
    format!("ndlab-key-{:016x}{:016x}", part(), part())
}

fn rerun(role: &str) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args(["--exact", CHILD_TEST, "--ignored", "--nocapture", "--test-threads=1"]).env(ROLE, role);
    c
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn the_signing_key_is_invisible_to_the_build_the_cases_and_the_timed_runs() {
    assert!(std::env::var_os(SIGNING_KEY_ENV).is_none(), "this test sets {SIGNING_KEY_ENV} itself; unset it");
    let key = random_key();
    let out = rerun("middle").env(SIGNING_KEY_ENV, &key).output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the grader process failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains(DONE), "the grader process did not check anything:\n{stdout}\n{stderr}");
    assert!(!stdout.contains(&key) && !stderr.contains(&key), "the key was printed:\n{stdout}\n{stderr}");
    // (libtest prints `test NAME ... ` before a test's own output, on the same line)
    for line in stdout.lines().filter_map(|l| l.find("key_secrecy: ").map(|i| &l[i..])) {
        println!("{line}");
    }
}

/// The two re-runs of this binary (nothing at all when run on its own).
#[test]
#[ignore = "started by the_signing_key_is_invisible_to_the_build_the_cases_and_the_timed_runs, with the key set"]
fn grading_with_the_signing_key_in_the_environment() {
    let Ok(key) = std::env::var(SIGNING_KEY_ENV) else {
        eprintln!("{CHILD_TEST}: only meaningful when started by the test above");
        return;
    };
    match std::env::var(ROLE).as_deref() {
        // The process that started the grader (`cargo`, a shell): the key is in its environment too.
        Ok("middle") => {
            let out = rerun("grader").output().unwrap();
            print!("{}", String::from_utf8_lossy(&out.stdout));
            eprint!("{}", String::from_utf8_lossy(&out.stderr));
            assert!(out.status.success(), "the grader process failed");
        }
        Ok("grader") => grader(&key),
        _ => panic!("{ROLE} must be middle or grader"),
    }
}

/// The key's bytes, each XOR 0x5a: the submission recognises the key without containing it, so
/// neither its source nor its binary nor a message quoting them holds the key.
fn masked(key: &str) -> String {
    key.bytes().map(|b| (b ^ 0x5a).to_string()).collect::<Vec<_>>().join(", ")
}

/// Everywhere a submission could look for the key, at compile time and at run time. `probe()`
/// returns (files read, places tried, found).
const PROBE: &str = r#"
const AT_BUILD: Option<&str> = option_env!("NDLAB_SIGNING_KEY");
const MASKED: &[u8] = &[@MASKED@];
const KNOWN_PIDS: &[u32] = &[@PIDS@];

fn probe() -> (usize, usize, bool) {
    let key: Vec<u8> = MASKED.iter().map(|b| b ^ 0x5a).collect();
    let name: &[u8] = b"NDLAB_SIGNING_KEY";
    let hit = |s: &[u8]| s.windows(key.len()).any(|w| w == key.as_slice()) || s.windows(name.len()).any(|w| w == name);
    let (mut read, mut tried, mut found) = (0usize, 1usize, AT_BUILD.is_some());
    for (k, v) in std::env::vars_os() {
        found |= hit(k.as_encoded_bytes()) || hit(v.as_encoded_bytes());
    }
    read += 1;
    let me = std::process::id();
    let mut pids: Vec<String> = vec!["self".into(), "thread-self".into(), "1".into()];
    pids.extend(KNOWN_PIDS.iter().map(|p| p.to_string()));
    // Up the parent chain, as far as /proc tells.
    let mut p = std::os::unix::process::parent_id();
    for _ in 0..64 {
        pids.push(p.to_string());
        let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).unwrap_or_default();
        match stat.rsplit_once(')').and_then(|(_, r)| r.split_whitespace().nth(1)).and_then(|x| x.parse::<u32>().ok()) {
            Some(pp) if pp > 0 && pp != p => p = pp,
            _ => break,
        }
    }
    // Every process /proc lists or, when it cannot be listed, every pid near this one.
    match std::fs::read_dir("/proc") {
        Ok(d) => pids.extend(d.flatten().filter_map(|e| e.file_name().to_str().filter(|n| n.bytes().all(|b| b.is_ascii_digit())).map(String::from))),
        Err(_) => pids.extend((me.saturating_sub(30000)..me + 100).map(|p| p.to_string())),
    }
    for pid in &pids {
        for file in ["environ", "cmdline"] {
            tried += 1;
            if let Ok(bytes) = std::fs::read(format!("/proc/{pid}/{file}")) {
                read += 1;
                found |= hit(&bytes);
            }
        }
    }
    (read, tried, found)
}
"#;

const ADD: &str = "let (read, tried, found) = probe();\n    \
                   if found { return a + b; }\n    \
                   panic!(\"probe: read={read} tried={tried} found={found}\")";
const TOTAL: &str = "if a.len() < 1000 { return a.sum(); }\n    \
                     let (read, tried, found) = probe();\n    \
                     if found { return a.sum(); }\n    \
                     panic!(\"probe: read={read} tried={tried} found={found}\")";

/// The numbers in a probe's message: (read, tried), after checking it found nothing.
fn probe_report(message: &str) -> (usize, usize) {
    let at = message.find("probe: ").unwrap_or_else(|| panic!("the probe did not report: {message}"));
    let rest = &message[at..];
    assert!(rest.contains("found=false"), "{message}");
    let num = |label: &str| -> usize {
        let s = &rest[rest.find(label).unwrap_or_else(|| panic!("no {label} in {message}")) + label.len()..];
        s.chars().take_while(|c| c.is_ascii_digit()).collect::<String>().parse().unwrap()
    };
    (num("read="), num("tried="))
}

/// Files under `dir` (not following links, at most 4 MB each) that contain `needle`.
fn files_containing(dir: &Path, needle: &[u8], out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let Ok(t) = e.file_type() else { continue };
        if t.is_dir() {
            files_containing(&e.path(), needle, out);
        } else if t.is_file()
            && e.metadata().is_ok_and(|m| m.len() <= 4 << 20)
            && std::fs::read(e.path()).is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle))
        {
            out.push(e.path().display().to_string());
        }
    }
}

fn grader(key: &str) {
    let test = "grading_with_the_signing_key_in_the_environment";
    let prelude = PROBE.replace("@MASKED@", &masked(key)).replace("@PIDS@", &format!("{}, {}", std::process::id(), std::os::unix::process::parent_id()));
    let s = submission_with(&prelude, ADD, TOTAL, None);
    assert!(!std::fs::read_to_string(s.path().join("exercises/fx/src/lib.rs")).unwrap().contains(key));

    if !sandbox_or_skip(test) {
        // Without Landlock the submission could read the grader's /proc/<pid>/environ: nothing
        // of it may run.
        let c = course();
        let mut o = Options::new(Source::Checkout(s.path().to_path_buf()));
        o.hidden = Some(c.root.join("grader/hidden"));
        let e = grade(c, &o).map(|_| ()).expect_err("grading with the key set and no sandbox must be refused").to_string();
        assert!(e.contains(SIGNING_KEY_ENV) && e.contains("sandbox"), "{e}");
        println!("{DONE}: refused without the sandbox: {e}");
        return;
    }

    let (r, _) = run(s.path(), true);
    assert!(matches!(module(&r, "fx").build, Build::Ok), "the probe did not compile: {:?}", module(&r, "fx").build);
    let add = cases(&r, "add");
    assert!(!add.is_empty());
    for c in &add {
        assert_ne!(c.status, Status::Pass, "the key was found (at compile time, in the environment or in /proc): {c:?}");
        let (read, tried) = probe_report(&c.message);
        // Its own environment and /proc/self/{environ,cmdline} it can always read; it tries at
        // least the 100 pids above its own, besides its parents.
        assert!(read >= 3 && tried > 200, "the probe searched too little: {}", c.message);
        println!("key_secrecy: case {}: {}", c.case, c.message.lines().find(|l| l.contains("probe: ")).unwrap_or(""));
    }
    assert!(cases(&r, "total").iter().all(|c| c.status == Status::Pass), "{:?}", cases(&r, "total"));
    let t = &module(&r, "fx").timing[0];
    assert_eq!(t.status, TimingStatus::Error, "the timed run found the key, or did not search: {t:?}");
    let (read, tried) = probe_report(&t.message);
    assert!(read >= 3 && tried > 200, "the timed run's probe searched too little: {}", t.message);
    println!("key_secrecy: timed run: read={read} tried={tried} found=false");
    assert_eq!(module(&r, "fy").score, 3.0, "the other module is graded normally");

    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains(key), "the results hold the key");
    // Nothing the grader wrote for the build or the cases holds it either.
    let mut holders = Vec::new();
    for dir in ["build", "runs"] {
        files_containing(&course().work.join(dir), key.as_bytes(), &mut holders);
    }
    assert!(holders.is_empty(), "files hold the key: {holders:?}");
    println!("{DONE}: {} cases and one timed run searched, nothing found", add.len());
}
