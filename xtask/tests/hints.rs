//! Every exercise has a first and a second hint, every timed check says what makes the slow way
//! slow, and no hint gives away the reference solution's code.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn modules() -> Vec<String> {
    let course: toml::Table = toml::from_str(&std::fs::read_to_string(root().join("grader/course.toml")).unwrap()).unwrap();
    course["modules"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect()
}

/// Whitespace removed: a hint that spaces code differently still contains it.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The lines between the markers inside `fn name` of a solution file.
fn solution_block(text: &str, name: &str) -> Option<Vec<String>> {
    let start = text.find(&format!("fn {name}(")).or_else(|| text.find(&format!("fn {name}<")))?;
    let rest = &text[start..];
    let begin = rest.find("// BEGIN SOLUTION")?;
    let end = rest.find("// END SOLUTION")?;
    Some(rest[begin + "// BEGIN SOLUTION".len()..end].lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty() && !l.starts_with("//")).collect())
}

/// Why `hint` gives away some of `block`, if it does: a line of code of 20 characters or more,
/// or the whole of a short solution.
fn leak(hint: &str, block: &[String]) -> Option<String> {
    let h = squash(hint);
    for line in block {
        let l = squash(line);
        if l.chars().count() >= 20 && h.contains(&l) {
            return Some(format!("contains the solution's line `{line}`"));
        }
    }
    let whole = squash(&block.join(""));
    (whole.chars().count() >= 8 && h.contains(&whole)).then(|| format!("contains the whole solution `{}`", block.join(" ")))
}

#[test]
fn every_exercise_has_two_hints_and_none_gives_away_the_solution() {
    if !root().join("solutions").is_dir() {
        println!("skipped: the student edition has no solutions/ to compare the hints with");
        return;
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for m in modules() {
        let spec: toml::Table = toml::from_str(&std::fs::read_to_string(root().join(format!("grader/spec/{m}.toml"))).unwrap()).unwrap();
        let solution = std::fs::read_to_string(root().join(format!("solutions/{m}/src/lib.rs"))).unwrap();
        for e in spec["exercise"].as_array().unwrap() {
            let name = e["name"].as_str().unwrap();
            let hint = e.get("hint").and_then(|h| h.as_str()).unwrap_or("");
            let more = e.get("hint_more").and_then(|h| h.as_str()).unwrap_or("");
            if hint.trim().is_empty() || more.trim().is_empty() {
                problems.push(format!("{m}::{name}: needs both `hint` and `hint_more`"));
                continue;
            }
            if squash(hint) == squash(more) {
                problems.push(format!("{m}::{name}: the second hint repeats the first"));
            }
            let Some(block) = solution_block(&solution, name) else {
                problems.push(format!("{m}::{name}: no `fn {name}` with a solution block in solutions/{m}/src/lib.rs"));
                continue;
            };
            for (which, text) in [("hint", hint), ("hint_more", more)] {
                if let Some(why) = leak(text, &block) {
                    problems.push(format!("{m}::{name}: {which} {why}"));
                }
            }
            checked += 1;
        }
        for t in spec.get("timing").and_then(|t| t.as_array()).into_iter().flatten() {
            let ex = t["exercise"].as_str().unwrap();
            match t.get("hint").and_then(|h| h.as_str()) {
                Some(h) if !h.trim().is_empty() => {
                    if let Some(why) = solution_block(&solution, ex).and_then(|b| leak(h, &b)) {
                        problems.push(format!("{m}::{ex}: the timed check's hint {why}"));
                    }
                }
                _ => problems.push(format!("{m}::{ex}: the timed check has no `hint` (what makes the slow way slow)")),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 150, "only {checked} exercises checked: is the spec being read?");
}

#[test]
fn the_leak_check_catches_copied_code() {
    let block = vec!["let centered = &x - &x.mean_axis(Axis(0)).unwrap();".to_string(), "centered.t().dot(&centered)".to_string()];
    assert!(leak("Centre first: let centered = &x - &x.mean_axis(Axis(0)).unwrap(); then multiply", &block).is_some());
    assert!(leak("then   centered.t( ).dot(&centered) gives it", &block).is_some());
    assert!(leak("Subtract the column means (mean_axis over Axis(0)), then one product of the transpose with itself", &block).is_none());
    assert!(leak("a.t().to_owned() is the answer", &["a.t().to_owned()".to_string()]).is_some());
}
