//! `cargo xtask check`: the instructor's proof that the course works on this machine.
//!
//! - the lessons' headers, cross-references and case coverage pass [`crate::lessons`]' lint;
//! - the expected values are up to date with the solutions;
//! - the solutions get full marks, hidden cases included;
//! - the stubs compile and get zero points without upsetting the grader;
//! - every naive anti-solution is correct (passes the exercise's cases) but slow: the reference
//!   measures at most [`REFERENCE_MAX`] of the budget and each naive variant at least
//!   [`NAIVE_MIN`] of it;
//! - every *accepted* variant (another idiomatic solution the lesson mentions, slower than the
//!   reference but fine) is correct and measures at most [`ACCEPTED_MAX`] of the budget, so a
//!   student who writes it is not failed by noise.

use crate::course::{Course, Source};
use crate::generate::generate;
use crate::grade::{self, Options, build_modules, judge_case, load};
use crate::results::Status;
use crate::timing::{self, TimingStatus};
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::Path;

pub const REFERENCE_MAX: f64 = 0.5;
pub const NAIVE_MIN: f64 = 2.0;
pub const ACCEPTED_MAX: f64 = 0.75;

/// One line of the check's output.
#[derive(Clone, Debug)]
pub struct Line {
    pub ok: bool,
    pub name: String,
    pub detail: String,
}

fn line(ok: bool, name: impl Into<String>, detail: impl Into<String>) -> Line {
    Line { ok, name: name.into(), detail: detail.into() }
}

pub struct CheckOptions {
    pub modules: Vec<String>,
    pub hidden: Option<std::path::PathBuf>,
    pub timing: bool,
    pub progress: bool,
}

/// Runs every check, calling `emit` as each line is known.
pub fn run(course: &Course, o: &CheckOptions, emit: &mut dyn FnMut(&Line)) -> Result<Vec<Line>> {
    let mut lines = Vec::new();
    let mut push = |l: Line, lines: &mut Vec<Line>| {
        emit(&l);
        lines.push(l);
    };
    let modules = course.select(&o.modules)?;
    let hidden = o.hidden.as_deref();
    let jobs = grade::default_jobs();

    // 0. lessons: headers, references between modules, cases per exercise
    let mut specs = Vec::new();
    for m in &modules {
        let hspec = hidden.map(|h| crate::course::hidden_spec(h, m));
        specs.push(crate::spec::ModuleSpec::load(m, &course.spec(m), hspec.as_deref())?);
    }
    let spec_refs: Vec<&crate::spec::ModuleSpec> = specs.iter().collect();
    for (m, problems) in crate::lessons::lint(course, &modules, &spec_refs, hidden.is_some()) {
        push(
            line(
                problems.is_empty(),
                format!("{m}: lesson header, references and case coverage"),
                if problems.is_empty() { "ok".to_string() } else { problems.join("; ") },
            ),
            &mut lines,
        );
    }

    // 1. expected values
    let g = generate(course, &modules, hidden, jobs, o.progress)?;
    let stale = g.stale()?;
    push(
        line(
            stale.is_empty(),
            "expected values up to date",
            if stale.is_empty() { format!("{} file(s)", g.files.len()) } else { format!("stale: {} (run `cargo xtask gen`)", stale.join(", ")) },
        ),
        &mut lines,
    );

    // 2. solutions: full marks
    let mut opts = Options::new(Source::Solutions);
    opts.modules = modules.clone();
    opts.hidden = o.hidden.clone();
    opts.timing = o.timing;
    opts.progress = o.progress;
    let sol = grade::grade(course, &opts)?;
    for m in &sol.modules {
        let bad: Vec<String> = m
            .cases
            .iter()
            .filter(|c| c.status != Status::Pass)
            .map(|c| format!("{}[{}]: {}", c.exercise, c.case, c.message))
            .chain(m.timing.iter().filter(|t| o.timing && t.status != TimingStatus::Pass).map(|t| format!("{} timing: {}", t.exercise, t.message)))
            .collect();
        let hidden_n = m.cases.iter().filter(|c| c.hidden).count();
        // Without timing, the timed checks' points are neither earned nor expected.
        let timing_points: f64 = if o.timing { 0.0 } else { m.timing.iter().map(|t| t.max_points).sum() };
        push(
            line(
                bad.is_empty() && m.score + timing_points == m.max_score,
                format!("{}: solutions get full marks", m.name),
                if bad.is_empty() {
                    format!(
                        "{}/{} points, {} cases ({} hidden){}",
                        m.score,
                        m.max_score,
                        m.cases.len(),
                        hidden_n,
                        if o.timing { "" } else { ", timing skipped" }
                    )
                } else {
                    bad.join("; ")
                },
            ),
            &mut lines,
        );
    }

    // 3. stubs: compile, zero points, no grader trouble
    let mut opts = Options::new(Source::Checkout(course.root.clone()));
    opts.modules = modules.clone();
    opts.hidden = o.hidden.clone();
    opts.timing = o.timing;
    opts.progress = o.progress;
    let stubs = grade::grade(course, &opts)?;
    for m in &stubs.modules {
        let compiled = matches!(m.build, crate::results::Build::Ok);
        push(
            line(
                compiled && m.score == 0.0,
                format!("{}: stubs compile and score 0", m.name),
                if !compiled {
                    format!(
                        "the stubs do not build: {}",
                        match &m.build {
                            crate::results::Build::Error(e) => e.as_str(),
                            _ => "",
                        }
                    )
                } else {
                    format!("{}/{} points, {} cases judged", m.score, m.max_score, m.cases.len())
                },
            ),
            &mut lines,
        );
    }

    // 4. timing discrimination
    if o.timing {
        let loaded = load(course, &modules, hidden)?;
        let variants: BTreeMap<String, Vec<String>> =
            loaded.iter().map(|l| (l.spec.module.clone(), l.spec.timing.iter().flat_map(|t| t.naive.iter().chain(&t.accepted).cloned()).collect())).collect();
        let built = build_modules(course, &Source::Solutions, &modules, variants, o.progress)?;
        let scratch = course.work_dir().join("runs");
        for l in &loaded {
            let m = &l.spec.module;
            let Some(Ok(bin)) = built.get(m) else {
                push(line(false, format!("{m}: naive variants build"), "the solutions with the naive variants do not build"), &mut lines);
                continue;
            };
            for t in &l.spec.timing {
                let fp = l.fingerprints.get(&t.exercise);
                // Noise only ever slows a measurement down: like the grader's own re-measuring,
                // the reference gets up to three tries and its best counts.
                let best_of_three = |variant: &str, max: f64| {
                    let mut r = timing::measure(course, bin, &scratch, variant, t, fp);
                    for _ in 0..2 {
                        if r.ratio.is_some_and(|x| x <= max) || r.status == TimingStatus::Error {
                            break;
                        }
                        let again = timing::measure(course, bin, &scratch, variant, t, fp);
                        if again.ratio.unwrap_or(f64::INFINITY) < r.ratio.unwrap_or(f64::INFINITY) {
                            r = again;
                        }
                    }
                    let ok = r.ratio.is_some_and(|x| x <= max) && r.status == TimingStatus::Pass;
                    (r, ok)
                };
                let (r, ok) = best_of_three("", REFERENCE_MAX);
                push(line(ok, format!("{m}/{}: reference within {REFERENCE_MAX}× budget", t.exercise), describe(&r, &t.budget.to_string())), &mut lines);
                if t.naive.is_empty() {
                    push(line(false, format!("{m}/{}: naive variants", t.exercise), "a timed check needs at least one naive anti-solution"), &mut lines);
                }
                for v in &t.naive {
                    let correct = naive_is_correct(course, bin, &scratch, l, &t.exercise, v);
                    let r = timing::measure(course, bin, &scratch, v, t, fp);
                    let slow = r.ratio.is_some_and(|x| x >= NAIVE_MIN) && r.status == TimingStatus::Fail;
                    let detail = match &correct {
                        Ok(n) => format!("correct on {n} cases; {}", describe(&r, &t.budget.to_string())),
                        Err(e) => format!("WRONG: {e}"),
                    };
                    push(line(correct.is_ok() && slow, format!("{m}/{}: naive `{v}` correct and ≥ {NAIVE_MIN}× budget", t.exercise), detail), &mut lines);
                }
                for v in &t.accepted {
                    let correct = naive_is_correct(course, bin, &scratch, l, &t.exercise, v);
                    let (r, fast) = best_of_three(v, ACCEPTED_MAX);
                    let detail = match &correct {
                        Ok(n) => format!("correct on {n} cases; {}", describe(&r, &t.budget.to_string())),
                        Err(e) => format!("WRONG: {e}"),
                    };
                    push(line(correct.is_ok() && fast, format!("{m}/{}: accepted `{v}` within {ACCEPTED_MAX}× budget", t.exercise), detail), &mut lines);
                }
            }
        }
    }
    Ok(lines)
}

fn describe(r: &timing::Measured, budget: &str) -> String {
    let ratio = r.ratio.map(|x| format!("{x:.2}× budget")).unwrap_or_else(|| "no ratio".into());
    let times = match (r.student_s, r.primitive_s) {
        (Some(s), Some(_)) => format!(", median {:.2} ms", s * 1e3),
        _ => String::new(),
    };
    let msg = if r.message.is_empty() { String::new() } else { format!(" — {}", r.message) };
    format!("{ratio} ({budget}{times}){msg}")
}

/// Runs the exercise's cases (public and hidden) on a naive variant.
fn naive_is_correct(course: &Course, bin: &Path, scratch: &Path, l: &grade::Loaded, exercise: &str, variant: &str) -> Result<usize, String> {
    let source = Source::Solutions;
    let mut n = 0;
    for c in l.spec.cases.iter().filter(|c| c.exercise == exercise) {
        let (args, exp) = &l.expected[&(c.exercise.clone(), c.name.clone())];
        let r = judge_case(course, bin, scratch, &source, &l.spec, c, variant, args, exp);
        if r.status != Status::Pass {
            return Err(format!("case {}: {} {}", c.name, r.status.word(), r.message));
        }
        n += 1;
    }
    Ok(n)
}
