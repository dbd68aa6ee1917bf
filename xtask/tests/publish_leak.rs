//! The student edition leaks nothing (`cargo xtask publish`), in both of its forms:
//!
//! (a) the plain edition: every module a stub;
//! (b) an edition with `--release arrays,kmeans`: those two modules' reference solutions in place
//!     of their stubs (both modules have naive anti-solutions, so the test sees them left out).
//!
//! In both: nothing under solutions/, grader/hidden/ or grader/tests/; no hidden case (its line,
//! its hash, its salt, its TOML entry) in any file; no naive anti-solution (a function body, or a
//! helper only the naive variants define) in any file; a root manifest without solutions/. In (a)
//! every exercise is the repository's stub; in (b) the released modules are the solutions without
//! the marker lines, the others are stubs, and the released crates compile (`cargo check`).
//!
//! Everything the test looks for is read from the instructors' repository itself (the hidden
//! folder, solutions/*/naive/, the solution blocks), so a new case or variant is covered as well.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const XTASK: &str = env!("CARGO_BIN_EXE_xtask");

/// Released in (b). Each must have naive variants (checked below), so that (b) proves they are
/// left out of a released module.
const RELEASED: [&str; 2] = ["arrays", "kmeans"];

const BEGIN: &str = "// BEGIN SOLUTION";
const END: &str = "// END SOLUTION";

fn repo() -> PathBuf {
    Path::new(REPO).canonicalize().unwrap()
}

/// `<target>`: the xtask binary is `<target>/debug/xtask`.
fn target_dir() -> PathBuf {
    Path::new(XTASK).ancestors().nth(2).unwrap().to_path_buf()
}

/// Publishing is an instructors' tool: the student edition has neither solutions/ nor
/// grader/hidden/ (and nothing to leak).
fn instructors_edition() -> bool {
    let yes = repo().join("solutions").is_dir() && repo().join("grader/hidden").is_dir();
    if !yes {
        println!("skipped: the student edition has no solutions/ or grader/hidden/");
    }
    yes
}

fn xtask(args: &[&str], out: &Path) -> Output {
    Command::new(XTASK).args(args).arg("--out").arg(out).output().unwrap()
}

fn publish(out: &Path, release: Option<&str>) -> String {
    let mut args = vec!["publish"];
    if let Some(r) = release {
        args.extend(["--release", r]);
    }
    let o = xtask(&args, out);
    let log = format!("stdout:\n{}\nstderr:\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "cargo xtask {} failed\n{log}", args.join(" "));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file under `dir`: path relative to it (with `/`) → content.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, base: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            let ty = e.file_type().unwrap();
            if ty.is_dir() {
                walk(&p, base, out);
            } else {
                assert!(ty.is_file(), "{} is neither a file nor a folder", p.display());
                let rel = p.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == ext)).collect();
    v.sort();
    v
}

/// All whitespace removed: how bodies are compared (formatting may differ, code may not).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A JSON field's raw value in a JSON line: `"hash":"abc"` → `"abc"`, `"salt":123` → `123`.
fn json_field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let at = line.find(&format!("\"{key}\":"))? + key.len() + 3;
    let rest = &line[at..];
    let end = if let Some(s) = rest.strip_prefix('"') { s.find('"')? + 2 } else { rest.find([',', '}'])? };
    Some(&rest[..end])
}

/// What would give the hidden cases away, by where it comes from: each line of
/// grader/hidden/*.jsonl, each case's hash and each timed check's secret salt (a timed check's
/// hash is the public one, the same in grader/cases/), and each `[[case]]` entry of
/// grader/hidden/*.toml. Lines and tokens are looked up in sets, so every published file (data
/// included) is read once.
struct Hidden {
    lines: HashMap<String, String>,
    tokens: HashMap<String, String>,
    /// `(where, its name line, the entry)`.
    entries: Vec<(String, String, String)>,
}

fn hidden() -> Hidden {
    let mut h = Hidden { lines: HashMap::new(), tokens: HashMap::new(), entries: Vec::new() };
    for f in files_with_ext(&repo().join("grader/hidden"), "jsonl") {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        for line in std::fs::read_to_string(&f).unwrap().lines().map(str::trim).filter(|l| !l.is_empty()) {
            h.lines.insert(line.to_string(), format!("a line of grader/hidden/{name}"));
            if line.contains("\"kind\":\"case\"") {
                let hash = json_field(line, "hash").unwrap_or_else(|| panic!("a case of {name} without a hash: {line}"));
                let hash = hash.trim_matches('"');
                assert!(hash.len() >= 12 && hash.chars().all(|c| c.is_ascii_alphanumeric()), "hash {hash} in {name} cannot be looked for");
                h.tokens.insert(hash.to_string(), format!("the hash of a case of grader/hidden/{name}"));
            } else {
                let salt = json_field(line, "salt").unwrap_or_else(|| panic!("a timed check of {name} without a salt: {line}"));
                assert!(salt.len() >= 6 && salt.chars().all(|c| c.is_ascii_digit()), "salt {salt} in {name} cannot be looked for");
                h.tokens.insert(salt.to_string(), format!("the salt of a timed check of grader/hidden/{name}"));
            }
        }
    }
    for f in files_with_ext(&repo().join("grader/hidden"), "toml") {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&f).unwrap();
        for entry in text.split("[[case]]").skip(1) {
            // The entry's lines up to the first blank line or comment: exercise, name, args.
            let body: Vec<&str> = entry.lines().skip(1).take_while(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).collect();
            let name_line = body.iter().find(|l| l.trim_start().starts_with("name")).unwrap_or_else(|| panic!("a [[case]] of {name} without a name: {entry}"));
            h.entries.push((format!("a [[case]] of grader/hidden/{name}"), name_line.trim().to_string(), body.join("\n")));
        }
    }
    assert!(h.lines.len() > 100 && h.tokens.len() > 100 && h.entries.len() > 100, "too few hidden cases found: is grader/hidden/ empty?");
    h
}

/// The hidden cases that `text` gives away.
fn hidden_in(h: &Hidden, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lines: HashSet<&str> = text.lines().map(str::trim).collect();
    found.extend(lines.iter().filter_map(|l| h.lines.get(*l)).cloned());
    found.extend(text.split(|c: char| !c.is_ascii_alphanumeric()).filter_map(|t| h.tokens.get(t).map(|w| format!("{w} ({t})"))));
    found.extend(h.entries.iter().filter(|(_, n, e)| lines.contains(n.as_str()) && text.contains(e.as_str())).map(|(w, _, e)| format!("{w}:\n{e}")));
    found
}

/// `text` without its comment lines (`//`, `///`, `//!`), whose prose may say "fn" or hold braces.
fn code_lines(text: &str) -> String {
    text.lines().filter(|l| !l.trim_start().starts_with("//")).map(|l| format!("{l}\n")).collect()
}

/// Where each `fn NAME` of `text` (comments left out) starts, with its name.
fn fn_names(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("fn ") {
        let at = from + i;
        from = at + 3;
        if at > 0 && (text.as_bytes()[at - 1].is_ascii_alphanumeric() || text.as_bytes()[at - 1] == b'_') {
            continue;
        }
        let name: String = text[at + 3..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if !name.is_empty() {
            out.push((at, name));
        }
    }
    out
}

/// The body of every `fn` in `text` (the braces and what is between them), by name. For the naive
/// variants: small files without a `'{'` or `'"'` character literal (the test would say so).
fn fn_bodies(text: &str) -> Vec<(String, String)> {
    let text = code_lines(text);
    let mut out = Vec::new();
    for (at, name) in fn_names(&text) {
        let Some(open) = text[at..].find('{').map(|o| at + o) else { continue };
        // Match the braces, skipping string literals (format strings have braces of their own).
        let (mut depth, mut in_str, mut escaped, mut end) = (0usize, false, false, None);
        for (k, c) in text[open..].char_indices() {
            if in_str {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_str = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_str = true,
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(open + k + 1);
                        break;
                    }
                }
                _ => {}
            }
        }
        let end = end.unwrap_or_else(|| panic!("unbalanced braces in the body of fn {name}"));
        out.push((name, text[open..end].to_string()));
    }
    out
}

/// The naive anti-solutions: `(file, fn name, body)` for each function of solutions/*/naive/*.rs.
fn naive_fns() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(repo().join("solutions")).unwrap() {
        let m = e.unwrap().file_name().to_string_lossy().into_owned();
        let dir = repo().join("solutions").join(&m).join("naive");
        if !dir.is_dir() {
            continue;
        }
        for f in files_with_ext(&dir, "rs") {
            let shown = format!("solutions/{m}/naive/{}", f.file_name().unwrap().to_string_lossy());
            let fns = fn_bodies(&std::fs::read_to_string(&f).unwrap());
            assert!(!fns.is_empty(), "no fn found in {shown}");
            out.extend(fns.into_iter().map(|(name, body)| (shown.clone(), name, body)));
        }
    }
    out
}

/// Every `.rs` file of solutions/<m>/src (relative to src/) → content.
fn solution_sources(m: &str) -> BTreeMap<String, String> {
    let src = repo().join("solutions").join(m).join("src");
    tree(&src).into_iter().map(|(rel, bytes)| (rel, String::from_utf8(bytes).unwrap())).collect()
}

/// The code between each pair of markers in `text` (the markers' lines left out).
fn solution_blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Option<Vec<&str>> = None;
    for line in text.lines() {
        match (line.trim(), open.as_mut()) {
            (BEGIN, None) => open = Some(Vec::new()),
            (END, Some(b)) => {
                out.push(b.join("\n"));
                open = None;
            }
            (BEGIN | END, _) => panic!("unbalanced solution markers"),
            (_, Some(b)) => b.push(line),
            (_, None) => {}
        }
    }
    out
}

/// The facts both editions are checked against, read once from the repository.
struct Secrets {
    hidden: Hidden,
    /// `(where, what)`: squashed naive bodies that are not also part of a reference solution.
    naive_bodies: Vec<(String, String)>,
    /// Functions only the naive variants define (none of solutions/*/src has a `fn` of that name).
    naive_only_fns: Vec<(String, String)>,
}

fn secrets() -> Secrets {
    let all_solutions: String = std::fs::read_dir(repo().join("solutions"))
        .unwrap()
        .flat_map(|e| solution_sources(&e.unwrap().file_name().to_string_lossy()).into_values())
        .collect::<Vec<_>>()
        .join("\n");
    let squashed_solutions = squash(&all_solutions);
    let defined: Vec<String> = fn_names(&code_lines(&all_solutions)).into_iter().map(|(_, n)| n).collect();
    let mut naive_bodies = Vec::new();
    let mut naive_only_fns = Vec::new();
    for (file, name, body) in naive_fns() {
        let b = squash(&body);
        // A body the reference shares (a one-line helper) gives nothing away; none does today.
        if !squashed_solutions.contains(&b) {
            naive_bodies.push((format!("fn {name} of {file}"), b));
        }
        if !defined.contains(&name) {
            naive_only_fns.push((file, name));
        }
    }
    for m in RELEASED {
        let ours = format!("solutions/{m}/naive/");
        assert!(naive_bodies.iter().any(|(w, _)| w.contains(&ours)), "{m} has no naive variant: release a module that has some");
    }
    Secrets { hidden: hidden(), naive_bodies, naive_only_fns }
}

/// What holds for every student edition, released modules or not.
fn assert_no_leak(dir: &Path, s: &Secrets, edition: &str) {
    let files = tree(dir);
    assert!(files.contains_key("exercises/arrays/src/lib.rs") && files.contains_key("grader/course.toml"), "{edition}: the edition is incomplete");
    for rel in files.keys() {
        for banned in ["solutions/", "grader/hidden/", "grader/tests/", "bench/"] {
            assert!(!rel.starts_with(banned), "{edition}: {rel} must not be published");
        }
        assert!(!rel.split('/').any(|c| c == "naive"), "{edition}: {rel} is in a naive/ folder");
    }
    for m in ["Cargo.toml", "plots/Cargo.toml"] {
        let text = String::from_utf8_lossy(&files[m]);
        assert!(!text.contains("solutions/"), "{edition}: {m} still names solutions/:\n{text}");
    }
    for (rel, bytes) in &files {
        let found = leaks(s, rel, &String::from_utf8_lossy(bytes));
        assert!(found.is_empty(), "{edition}: {rel} gives away {}", found.join("; "));
    }
}

/// What the file `rel` with content `text` gives away: hidden cases, naive variants.
fn leaks(s: &Secrets, rel: &str, text: &str) -> Vec<String> {
    let mut found: Vec<String> = hidden_in(&s.hidden, text);
    if rel.ends_with(".rs") || rel.ends_with(".md") || rel.ends_with(".toml") {
        let squashed = squash(text);
        found.extend(s.naive_bodies.iter().filter(|(_, body)| squashed.contains(body.as_str())).map(|(what, _)| format!("the body of the naive {what}")));
        for (file, name) in &s.naive_only_fns {
            found.extend(
                [format!("fn {name}("), format!("fn {name}<")].into_iter().filter(|d| text.contains(d)).map(|d| format!("`{d}`, which only {file} defines")),
            );
        }
    }
    found
}

/// The detectors catch what they look for: each hidden file, each naive variant, and a solution
/// with a naive variant pasted in are leaks (so a publish that copied them would fail the tests).
#[test]
fn the_leak_detectors_find_the_secrets() {
    if !instructors_edition() {
        return;
    }
    let s = secrets();
    for ext in ["jsonl", "toml"] {
        for f in files_with_ext(&repo().join("grader/hidden"), ext) {
            let found = leaks(&s, &f.to_string_lossy(), &std::fs::read_to_string(&f).unwrap());
            assert!(!found.is_empty(), "nothing found in {}", f.display());
            if ext == "jsonl" {
                assert!(
                    found.iter().any(|w| w.starts_with("a line of")) && found.iter().any(|w| w.contains("the hash of a case")),
                    "{}: {found:?}",
                    f.display()
                );
            } else {
                assert!(found.iter().any(|w| w.starts_with("a [[case]]")), "{}: {found:?}", f.display());
            }
            // One case's line alone, inside other text, is enough.
            let one = std::fs::read_to_string(&f).unwrap().lines().find(|l| l.contains("\"kind\":\"case\"") || l.starts_with("name")).map(str::to_string);
            if let (Some(one), "jsonl") = (one, ext) {
                assert!(!leaks(&s, "x.txt", &format!("before\n{one}\nafter")).is_empty(), "{one}");
            }
        }
    }
    for m in RELEASED {
        for f in files_with_ext(&repo().join("solutions").join(m).join("naive"), "rs") {
            let naive = std::fs::read_to_string(&f).unwrap();
            // Reformatted and appended to the reference solution, it is still found.
            let sol = solution_sources(m).into_values().collect::<String>();
            let pasted = format!("{sol}\nmod slow {{\n{}\n}}\n", naive.replace("\n    ", "\n        "));
            assert!(!leaks(&s, "lib.rs", &pasted).is_empty(), "the naive {} is not found in a solution it was pasted into", f.display());
            assert!(leaks(&s, "lib.rs", &sol).is_empty(), "the reference solution of {m} itself looks like a leak: {:?}", leaks(&s, "lib.rs", &sol));
        }
    }
}

/// `exercises/<m>/src` of the edition, relative to src/.
fn published_src(dir: &Path, m: &str) -> BTreeMap<String, String> {
    tree(&dir.join("exercises").join(m).join("src")).into_iter().map(|(rel, b)| (rel, String::from_utf8(b).unwrap())).collect()
}

fn repo_stub(m: &str) -> BTreeMap<String, String> {
    published_src(&repo(), m)
}

fn modules() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(repo().join("exercises")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    assert!(v.len() >= 2);
    v
}

#[test]
fn the_plain_edition_has_only_stubs_and_leaks_nothing() {
    if !instructors_edition() {
        return;
    }
    let s = secrets();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("student");
    let log = publish(&out, None);
    assert!(log.contains("released: none"), "{log}");
    assert_no_leak(&out, &s, "the plain edition");
    for m in modules() {
        let stub = repo_stub(&m);
        assert!(stub.values().any(|t| t.contains("todo!()")), "exercises/{m} in the repository is not a stub");
        assert_eq!(published_src(&out, &m), stub, "the plain edition's exercises/{m}/src must be the repository's stub");
        // What `cargo xtask reset` restores in the student edition (which has no solutions/).
        let kept: BTreeMap<String, String> =
            tree(&out.join("grader/stubs").join(&m).join("src")).into_iter().map(|(rel, b)| (rel, String::from_utf8(b).unwrap())).collect();
        assert_eq!(kept, stub, "grader/stubs/{m}/src of the edition must be the derived stub");
        let manifest = format!("exercises/{m}/Cargo.toml");
        assert_eq!(std::fs::read(out.join(&manifest)).unwrap(), std::fs::read(repo().join(&manifest)).unwrap(), "{manifest}");
    }
}

#[test]
#[ignore = "end-to-end: builds and grades a course in release (minutes); run by `cargo test -- --ignored`"]
fn a_release_has_the_solutions_without_naive_variants_or_hidden_cases() {
    if !instructors_edition() {
        return;
    }
    let s = secrets();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("student");
    let log = publish(&out, Some(&RELEASED.join(",")));
    assert!(log.contains(&RELEASED.join(", ")), "publish must say which modules it released:\n{log}");
    assert_no_leak(&out, &s, "the edition with --release");

    for m in modules() {
        let published = published_src(&out, &m);
        let stub = repo_stub(&m);
        let kept: BTreeMap<String, String> =
            tree(&out.join("grader/stubs").join(&m).join("src")).into_iter().map(|(rel, b)| (rel, String::from_utf8(b).unwrap())).collect();
        assert_eq!(kept, stub, "grader/stubs/{m}/src must be the stub even when {m} is released (`reset` restores the stub)");
        let manifest = format!("exercises/{m}/Cargo.toml");
        assert_eq!(std::fs::read(out.join(&manifest)).unwrap(), std::fs::read(repo().join(&manifest)).unwrap(), "{manifest} must be the exercise crate's own");
        if !RELEASED.contains(&m.as_str()) {
            assert_eq!(published, stub, "exercises/{m} was not released: it must be the stub");
            continue;
        }
        assert_ne!(published, stub, "exercises/{m} was released: it must not be the stub");
        let solution = solution_sources(&m);
        assert_eq!(published.keys().collect::<Vec<_>>(), solution.keys().collect::<Vec<_>>(), "exercises/{m}/src must have the solution's files");
        let mut blocks = 0;
        for (rel, sol) in &solution {
            let text = &published[rel];
            assert!(!text.contains(BEGIN) && !text.contains(END), "exercises/{m}/src/{rel}: the solution markers are for instructors");
            assert!(!code_lines(text).contains("todo!()"), "exercises/{m}/src/{rel} still has a todo!()");
            for b in solution_blocks(sol) {
                assert!(text.contains(&b), "exercises/{m}/src/{rel} lacks this block of the reference solution:\n{b}");
                blocks += 1;
            }
            let unmarked: String = sol.lines().filter(|l| l.trim() != BEGIN && l.trim() != END).map(|l| format!("{l}\n")).collect();
            assert_eq!(text, &unmarked, "exercises/{m}/src/{rel} must be the solution without its marker lines");
        }
        assert!(blocks > 0, "solutions/{m} has no solution block");
    }

    // The released crates compile as the exercise crates of the published workspace (offline,
    // with the repository's Cargo.lock). The target folder is kept between runs.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = target_dir().join("publish-leak-test");
    let mut cmd = Command::new(cargo);
    cmd.current_dir(&out).args(["check", "--offline", "--quiet", "--all-targets"]).env("CARGO_TARGET_DIR", &target);
    for m in RELEASED {
        cmd.args(["-p", m]);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "the released modules do not compile in the student edition:\n{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn releasing_an_unknown_module_is_a_clear_error() {
    if !instructors_edition() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("student");
    let o = xtask(&["publish", "--release", "arrays,no_such_module"], &out);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "stderr:\n{err}");
    assert!(err.contains("no module named \"no_such_module\"") && err.contains("arrays, broadcasting"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(), "nothing is written when a name is wrong");
}
