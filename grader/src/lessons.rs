//! Lint of the lessons and the case coverage, part of `cargo xtask check`.
//!
//! Mistakes a review found in the lessons that a machine can catch before a student does:
//! - every crate doc opens with `//! # Module N — \`m\``, N being the module's place in
//!   `grader/course.toml` (the numbers had drifted: three modules called themselves "Module 2");
//! - a lesson refers to another module's exercise by name (`broadcasting::pairwise_sq_dists`),
//!   never by number ("broadcasting's exercise 12"), because numbers change when a module is
//!   reordered;
//! - every exercise has at least [`MIN_PUBLIC`] public and, when the hidden folder is present,
//!   [`MIN_HIDDEN`] hidden cases, so that hard-coding the public answers cannot pass.

use crate::course::Course;
use crate::spec::ModuleSpec;
use std::collections::BTreeMap;

pub const MIN_PUBLIC: usize = 2;
pub const MIN_HIDDEN: usize = 3;

/// Problems with the crate doc of module `m` (number `n`, from 1) in `source`.
pub fn header_problems(m: &str, n: usize, source: &str, modules: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let first = source.lines().next().unwrap_or("");
    let want = format!("//! # Module {n} — `{m}`");
    if !first.starts_with(&want) {
        out.push(format!("the first line should start with {want:?}, found {first:?}"));
    }
    for (i, l) in source.lines().enumerate() {
        if !(l.trim_start().starts_with("//!") || l.trim_start().starts_with("///")) {
            continue;
        }
        for other in modules.iter().filter(|o| o.as_str() != m) {
            for pat in [format!("`{other}`'s exercise"), format!("{other}'s exercise"), format!("`{other}` exercise "), format!("{other} exercise ")] {
                if let Some(at) = l.find(&pat) {
                    let rest = &l[at + pat.len()..];
                    if rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                        out.push(format!("line {}: refers to {other}'s exercise by number; use its name (`{other}::name`)", i + 1));
                    }
                }
            }
        }
    }
    out
}

/// Exercises with too few public or hidden cases.
pub fn coverage_problems(spec: &ModuleSpec, hidden_present: bool) -> Vec<String> {
    let mut public: BTreeMap<&str, usize> = spec.exercises.iter().map(|e| (e.name.as_str(), 0)).collect();
    let mut hidden = public.clone();
    for c in &spec.cases {
        let counter = if c.hidden { &mut hidden } else { &mut public };
        if let Some(n) = counter.get_mut(c.exercise.as_str()) {
            *n += 1;
        }
    }
    let mut out = Vec::new();
    for (e, n) in &public {
        if *n < MIN_PUBLIC {
            out.push(format!("{e}: {n} public case(s), at least {MIN_PUBLIC} wanted"));
        }
    }
    if hidden_present {
        for (e, n) in &hidden {
            if *n < MIN_HIDDEN {
                out.push(format!("{e}: {n} hidden case(s), at least {MIN_HIDDEN} wanted"));
            }
        }
    }
    out
}

/// The lint for `modules`, reading the solutions' crate docs (instructors' checkout).
pub fn lint(course: &Course, modules: &[String], specs: &[&ModuleSpec], hidden_present: bool) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for m in modules {
        let mut problems = Vec::new();
        let n = course.modules.iter().position(|x| x == m).map(|i| i + 1).unwrap_or(0);
        let lib = course.root.join("solutions").join(m).join("src").join("lib.rs");
        match std::fs::read_to_string(&lib) {
            Ok(s) => problems.extend(header_problems(m, n, &s, &course.modules)),
            Err(e) => problems.push(format!("cannot read {}: {e}", lib.display())),
        }
        if let Some(spec) = specs.iter().find(|s| &s.module == m) {
            problems.extend(coverage_problems(spec, hidden_present));
        }
        out.push((m.clone(), problems));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mods() -> Vec<String> {
        ["arrays", "broadcasting", "views"].iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_header_must_carry_the_course_order_number() {
        assert!(header_problems("views", 3, "//! # Module 3 — `views`: views\n", &mods()).is_empty());
        let p = header_problems("views", 3, "//! # Module 2 — `views`: views\n", &mods());
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(!header_problems("views", 3, "//! # Module — `views`\n", &mods()).is_empty());
    }

    #[test]
    fn numbered_references_to_other_modules_are_flagged_and_names_are_not() {
        let src = "//! # Module 3 — `views`\n/// This is `broadcasting`'s exercise 12 again.\n/// As in `broadcasting::pairwise_sq_dists`.\n/// See exercise 4 above.\n";
        let p = header_problems("views", 3, src, &mods());
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].starts_with("line 2"), "{p:?}");
        let src = "//! # Module 3 — `views`\n/// arrays's exercise 5 did this\n";
        assert_eq!(header_problems("views", 3, src, &mods()).len(), 1);
    }
}
