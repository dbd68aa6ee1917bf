//! The student's loop, run as a student runs it, on a temporary checkout of the `arrays` stubs:
//! `list` before anything is graded, `hint` and `hint --more`, `watch` with real file changes
//! (a wrong answer fails, a right one passes and the next exercise is named; with `--poll`, a
//! loop that never ends is stopped by the judge and the watch goes on), `grade MODULE::EXERCISE`,
//! `list` after it, and `reset` (refused without confirmation, then the stub restored and the
//! student's version saved).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn xtask(args: &[&str]) -> (bool, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).stdin(Stdio::null()).output().unwrap();
    (o.status.success(), format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)))
}

/// A checkout with only `exercises/arrays` (the stubs as committed).
fn checkout() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("exercises/arrays/src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy(root().join("exercises/arrays/src/lib.rs"), src.join("lib.rs")).unwrap();
    dir
}

/// The tests that save a right answer take it from the reference solution, which the student
/// edition does not have.
fn instructors_edition() -> bool {
    let yes = root().join("solutions/arrays/src/lib.rs").is_file();
    if !yes {
        println!("skipped: the student edition has no solutions/ to take a right answer from");
    }
    yes
}

/// The body of the reference solution of `arrays::grid` (between the markers).
fn solution_of_grid() -> String {
    let text = std::fs::read_to_string(root().join("solutions/arrays/src/lib.rs")).unwrap();
    let at = text.find("pub fn grid(").unwrap();
    let rest = &text[at..];
    let b = rest.find("// BEGIN SOLUTION\n").unwrap() + "// BEGIN SOLUTION\n".len();
    let e = rest.find("// END SOLUTION").unwrap();
    rest[b..e].to_string()
}

/// Replaces the body of `fn grid` (the stub's `todo!()`, or whatever was put there before).
fn write_grid(dir: &Path, body: &str) {
    let path = dir.join("exercises/arrays/src/lib.rs");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("pub fn grid(").unwrap();
    let open = at + text[at..].find("{\n").unwrap() + 2;
    let close = open + text[open..].find("\n}\n").unwrap();
    let new = format!("{}{}{}", &text[..open], body.trim_end(), &text[close..]);
    std::fs::write(&path, new).unwrap();
}

/// A running `watch`, read line by line.
struct Watch {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Watch {
    fn start(dir: &Path, extra: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["watch", "arrays", "--no-timing", "--submission"])
            .arg(dir)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        Watch { child, lines, seen: vec![] }
    }

    /// Waits (up to `limit`) for a line containing `what`; returns every line read meanwhile.
    fn until(&mut self, what: &str, limit: Duration) -> String {
        let end = Instant::now() + limit;
        let from = self.seen.len();
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    let hit = l.contains(what);
                    self.seen.push(l);
                    if hit {
                        return self.seen[from..].join("\n");
                    }
                }
                Err(_) => panic!("no line with {what:?} within {limit:?}; watch printed:\n{}", self.seen.join("\n")),
            }
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const ROUND: Duration = Duration::from_secs(240);

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_student_follows_the_messages_from_list_to_a_passing_exercise() {
    if !instructors_edition() {
        return;
    }
    let dir = checkout();
    let sub = dir.path().to_str().unwrap();

    let (ok, out) = xtask(&["list", "arrays", "--submission", sub]);
    assert!(ok, "{out}");
    assert!(out.contains("grid") && out.contains("not graded yet"), "{out}");
    assert!(out.contains("next: arrays::grid"), "{out}");
    assert!(out.contains("cargo xtask hint arrays::grid"), "{out}");

    let (ok, out) = xtask(&["hint", "arrays::grid"]);
    assert!(ok && out.contains("hint: ") && !out.contains("more: ") && out.contains("--more"), "{out}");
    let (ok, out) = xtask(&["hint", "arrays::grid", "--more"]);
    assert!(ok && out.contains("hint: ") && out.contains("more: "), "{out}");
    let (ok, out) = xtask(&["hint", "arrays::gird"]);
    assert!(!ok && out.contains("no exercise \"gird\"") && out.contains("grid"), "{out}");

    // Watch, with the system's file events (a temporary folder is on a local file system).
    let mut w = Watch::start(dir.path(), &[]);
    let first = w.until("watching exercises/arrays/src", ROUND);
    assert!(first.contains("the system's file events"), "{first}");
    assert!(first.contains("Next: arrays::grid (not started)"), "{first}");
    assert!(first.contains("hint: "), "{first}");

    write_grid(dir.path(), "    Array2::zeros((rows, cols))\n");
    let wrong = w.until("watching exercises/arrays/src", ROUND);
    assert!(wrong.contains("grading arrays"), "{wrong}");
    assert!(wrong.contains("Next: arrays::grid (failing)"), "{wrong}");
    assert!(wrong.contains("elements differ"), "{wrong}");

    write_grid(dir.path(), &solution_of_grid());
    let right = w.until("watching exercises/arrays/src", ROUND);
    assert!(right.contains("✓ arrays::grid passes now"), "{right}");
    assert!(right.contains("Next: arrays::linspace (not started)"), "{right}");
    drop(w);

    let (ok, out) = xtask(&["list", "arrays", "--submission", sub]);
    assert!(ok, "{out}");
    assert!(out.lines().any(|l| l.contains("✓ grid") && l.contains("passing")), "{out}");
    assert!(out.contains("next: arrays::linspace"), "{out}");
    assert!(!out.contains("sources changed"), "{out}");

    // An edit that is not graded yet is noticed.
    write_grid(dir.path(), "    todo!()\n");
    let (_, out) = xtask(&["list", "arrays", "--submission", sub]);
    assert!(out.contains("sources changed since the last grade"), "{out}");

    // One exercise alone.
    write_grid(dir.path(), &solution_of_grid());
    let (ok, out) = xtask(&["grade", "arrays::grid", "--no-timing", "--submission", sub]);
    assert!(ok, "{out}");
    assert!(out.contains("Total: 7/7 points"), "{out}");
    assert!(!out.lines().any(|l| l.trim_start().trim_start_matches(['✗', '✓', ' ']).starts_with("linspace")), "only grid is graded:\n{out}");
    assert!(out.contains("Next: arrays::linspace"), "{out}");

    // A single exercise's grade is never a report: 7/7 would read as the whole module's 100 %.
    let (ok, out) = xtask(&["grade", "arrays::grid", "--json", "/dev/null", "--submission", sub]);
    assert!(!ok && out.contains("need whole modules"), "{out}");

    // Reset: refused without confirmation (no terminal to ask on), then done with --yes.
    let (ok, out) = xtask(&["reset", "arrays::grid", "--submission", sub]);
    assert!(!ok && out.contains("--yes"), "{out}");
    let lib = dir.path().join("exercises/arrays/src/lib.rs");
    let solved = std::fs::read_to_string(&lib).unwrap();
    let (ok, out) = xtask(&["reset", "arrays::grid", "--yes", "--submission", sub]);
    assert!(ok, "{out}");
    let stub = std::fs::read_to_string(root().join("exercises/arrays/src/lib.rs")).unwrap();
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), stub, "resetting the only solved exercise gives back the stub file");
    let saved = out.split("saved in ").nth(1).map(|s| PathBuf::from(s.trim())).expect("says where the old version is");
    assert!(saved.starts_with(dir.path().join("target/ndlab/reset")), "{out}");
    assert_eq!(std::fs::read_to_string(saved.join("lib.rs")).unwrap(), solved);

    // The whole module.
    write_grid(dir.path(), &solution_of_grid());
    std::fs::write(&lib, std::fs::read_to_string(&lib).unwrap() + "\nfn my_helper() {}\n").unwrap();
    let (ok, out) = xtask(&["reset", "arrays", "--yes", "--submission", sub]);
    assert!(ok, "{out}");
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), stub);
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn watch_polls_and_survives_a_loop_that_never_ends() {
    if !instructors_edition() {
        return;
    }
    let dir = checkout();
    let mut w = Watch::start(dir.path(), &["--poll"]);
    let first = w.until("watching exercises/arrays/src", ROUND);
    assert!(first.contains("polling every 1 s (--poll)"), "{first}");

    write_grid(dir.path(), "    loop {}\n");
    let stuck = w.until("watching exercises/arrays/src", ROUND);
    assert!(stuck.contains("Next: arrays::grid (failing)") && stuck.contains("took longer than"), "{stuck}");

    write_grid(dir.path(), &solution_of_grid());
    let right = w.until("watching exercises/arrays/src", ROUND);
    assert!(right.contains("✓ arrays::grid passes now"), "{right}");
}

#[test]
fn reset_refuses_a_file_it_cannot_parse_and_names_the_way_out() {
    let dir = checkout();
    let lib = dir.path().join("exercises/arrays/src/lib.rs");
    std::fs::write(&lib, std::fs::read_to_string(&lib).unwrap() + "\nfn broken( {\n").unwrap();
    let before = std::fs::read_to_string(&lib).unwrap();
    let (ok, out) = xtask(&["reset", "arrays::grid", "--yes", "--submission", dir.path().to_str().unwrap()]);
    assert!(!ok && out.contains("does not parse") && out.contains("cargo xtask reset arrays"), "{out}");
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), before, "nothing changed");
}

#[test]
fn nothing_is_written_through_a_link_in_the_checkout() {
    let dir = checkout();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("target/ndlab")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("target/ndlab/reset")).unwrap();
    let (ok, out) = xtask(&["reset", "arrays", "--yes", "--submission", dir.path().to_str().unwrap()]);
    assert!(!ok && out.contains("not a plain folder"), "{out}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0, "nothing written where the link points");
}

/// Per case of a graded module: (exercise, case, status, points, max points), and whether every
/// message says "not implemented yet".
fn verdicts(json: &Path, module: &str) -> (String, Vec<(String, String, String, f64, f64)>, bool) {
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    let m = doc["modules"].as_array().unwrap().iter().find(|m| m["name"] == module).unwrap();
    let cases = m["cases"].as_array().unwrap();
    let rows = cases
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            (s("exercise"), s("case"), s("status"), c["points"].as_f64().unwrap(), c["max_points"].as_f64().unwrap())
        })
        .collect();
    let todo = cases.iter().all(|c| c["message"].as_str().unwrap().starts_with("not implemented yet"));
    (m["build"].to_string(), rows, todo)
}

/// A module whose sources are still the stubs as published is neither built nor run, and gets
/// the verdicts that building and running the stubs gives: the same cases, each failed as not
/// implemented yet, 0 points. One byte more, or one file more, and the module is built.
#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn untouched_stubs_are_not_built_and_score_what_building_them_scores() {
    let dir = checkout();
    let d = dir.path().to_str().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    let grade = |json: &Path| xtask(&["grade", "arrays", "--no-timing", "--submission", d, "--json", json.to_str().unwrap()]);

    let (ok, out) = grade(&a);
    assert!(ok, "{out}");
    assert!(out.contains("Nothing to build"), "{out}");
    let lib = dir.path().join("exercises/arrays/src/lib.rs");
    let stub = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, format!("{stub}// begun\n")).unwrap();
    let (ok, out) = grade(&b);
    assert!(ok, "{out}");
    assert!(out.contains("Building 1 module(s)"), "{out}");

    let (build_a, cases_a, todo_a) = verdicts(&a, "arrays");
    let (build_b, cases_b, todo_b) = verdicts(&b, "arrays");
    assert_eq!((build_a.as_str(), build_b.as_str()), ("\"not_started\"", "\"ok\""));
    assert!(cases_a.len() > 50 && cases_a.iter().all(|c| c.2 == "fail" && c.3 == 0.0), "{cases_a:?}");
    assert_eq!(cases_a, cases_b);
    assert!(todo_a && todo_b);

    // The stub again, with a file more: begun, so built.
    std::fs::write(&lib, &stub).unwrap();
    std::fs::write(dir.path().join("exercises/arrays/src/notes.rs"), "// my notes\n").unwrap();
    let (ok, out) = grade(&b);
    assert!(ok, "{out}");
    assert!(out.contains("Building 1 module(s)"), "{out}");
}
