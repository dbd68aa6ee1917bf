//! Grading: load the specs and expected values, build, run every case, time, score.

use crate::build::{BuildError, BuildRequest, Built, build};
use crate::cases::{self, Record};
use crate::compare::compare;
use crate::course::{Course, Source, hidden_cases, hidden_spec};
use crate::results::*;
use crate::run::{Ended, Limits, RunReport, run_batch, run_case};
use crate::sandbox::Enforcement;
use crate::spec::{Case, ModuleSpec};
use crate::timing::{self, TimingStatus};
use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use ndlab_runtime::Value;
use ndlab_runtime::runner::{CaseInput, CaseOutput};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct Options {
    pub source: Source,
    /// Module names (empty = all), checked against the course.
    pub modules: Vec<String>,
    /// Folder with hidden cases; `None` = public cases only.
    pub hidden: Option<PathBuf>,
    /// Parallel case runners.
    pub jobs: usize,
    /// Run the timed checks.
    pub timing: bool,
    /// Progress bars and status lines on stderr.
    pub progress: bool,
    /// Refuse to grade unless the full sandbox is available (class grading, leaderboards).
    pub require_sandbox: bool,
    /// Build in this named folder instead of one per submission path (`grade-class` grades
    /// every student in the same slot, so the build folder and its artifacts are reused).
    pub build_slot: Option<String>,
    /// The student's id, recorded in the results (and so covered by their signature).
    pub student: Option<String>,
    /// Per module, the only exercises to grade (`cargo xtask grade arrays::grid`); a module
    /// not named here is graded whole.
    pub exercises: BTreeMap<String, Vec<String>>,
    /// Modules whose sources are byte for byte the stubs as published (the caller compares them
    /// with the course's own stubs, never with anything in the submission). They are not built
    /// and not run: every case is reported as not implemented yet, which is what building and
    /// running the stubs gives (`cargo xtask check` proves that the stubs score 0). A student's
    /// first grade then compiles nothing, and later grades compile only the modules begun.
    pub untouched: BTreeSet<String>,
}

impl Options {
    pub fn new(source: Source) -> Options {
        Options {
            source,
            modules: vec![],
            hidden: None,
            jobs: default_jobs(),
            timing: true,
            progress: false,
            require_sandbox: false,
            build_slot: None,
            student: None,
            exercises: BTreeMap::new(),
            untouched: BTreeSet::new(),
        }
    }
}

pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).min(8)
}

/// A module's spec joined with its expected values.
pub struct Loaded {
    pub spec: ModuleSpec,
    pub expected: BTreeMap<(String, String), (Vec<Value>, Value)>,
    /// Per timed exercise, the reference's fingerprints (the hidden folder's when it has them).
    pub fingerprints: BTreeMap<String, timing::Expected>,
}

/// Loads and validates the specs and the expected values of `modules`.
pub fn load(course: &Course, modules: &[String], hidden: Option<&Path>) -> Result<Vec<Loaded>> {
    let mut out = Vec::new();
    for m in modules {
        let hspec = hidden.map(|h| hidden_spec(h, m));
        let spec = ModuleSpec::load(m, &course.spec(m), hspec.as_deref())?;
        // Hidden records come last, so a hidden timing record replaces the public one.
        let mut records = cases::load(&course.public_cases(m))?;
        if let Some(h) = hidden {
            records.extend(cases::load(&hidden_cases(h, m))?);
        }
        let mut by_key = BTreeMap::new();
        let mut fingerprints = BTreeMap::new();
        for r in records {
            match r {
                Record::Case { exercise, case, hash, args, expected } => {
                    by_key.insert((exercise, case), (hash, args, expected));
                }
                Record::Timing { exercise, hash, salt, fingerprints: f } => {
                    fingerprints.insert(exercise, (hash, timing::Expected { salt, fingerprints: f }));
                }
            }
        }
        let stale = |what: String| {
            anyhow::anyhow!(
                "the expected values of {what} in module {m} are missing or out of date: an instructor runs `cargo xtask gen` (and commits the result)"
            )
        };
        let mut expected = BTreeMap::new();
        for c in &spec.cases {
            match by_key.remove(&(c.exercise.clone(), c.name.clone())) {
                Some((hash, args, exp)) if hash == c.spec_hash() => {
                    expected.insert((c.exercise.clone(), c.name.clone()), (args, exp));
                }
                _ => return Err(stale(format!("case {}[{}]", c.exercise, c.name))),
            }
        }
        let mut fps = BTreeMap::new();
        for t in &spec.timing {
            match fingerprints.remove(&t.exercise) {
                Some((hash, fp)) if hash == t.spec_hash() => {
                    fps.insert(t.exercise.clone(), fp);
                }
                _ => return Err(stale(format!("the timed check of {}", t.exercise))),
            }
        }
        out.push(Loaded { spec, expected, fingerprints: fps });
    }
    Ok(out)
}

fn bar(len: Option<u64>, msg: &str, visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let b = match len {
        Some(n) => {
            ProgressBar::new(n).with_style(ProgressStyle::with_template("{spinner} {prefix} [{bar:30}] {pos}/{len} {msg}").unwrap().progress_chars("=> "))
        }
        None => ProgressBar::new_spinner().with_style(ProgressStyle::with_template("{spinner} {prefix} {elapsed} {msg}").unwrap()),
    };
    b.set_prefix(msg.to_string());
    b.enable_steady_tick(Duration::from_millis(120));
    b
}

fn status_line(opts: &Options, text: &str) {
    if opts.progress {
        eprintln!("{text}");
    }
}

/// Each module's build time limit, from its spec.
pub fn build_timeouts(course: &Course, modules: &[String]) -> Result<BTreeMap<String, Duration>> {
    modules.iter().map(|m| Ok((m.clone(), ModuleSpec::load(m, &course.spec(m), None)?.build_timeout))).collect()
}

/// SHA-256 (hex) over every file the verdicts rest on, in a fixed order, each with its name.
pub fn course_version(course: &Course, modules: &[String], hidden: Option<&Path>) -> Result<String> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let mut add = |p: &Path| -> Result<()> {
        let bytes = if p.exists() { std::fs::read(p).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", p.display()))? } else { Vec::new() };
        h.update(p.strip_prefix(&course.root).unwrap_or(p).to_string_lossy().as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
        Ok(())
    };
    add(&course.root.join("grader/course.toml"))?;
    for m in modules {
        add(&course.spec(m))?;
        add(&course.glue(m))?;
        add(&course.public_cases(m))?;
        if let Some(hd) = hidden {
            add(&hidden_spec(hd, m))?;
            add(&hidden_cases(hd, m))?;
        }
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Builds the runners for `modules` of `source` (with naive variants when asked).
pub fn build_modules(course: &Course, source: &Source, modules: &[String], variants: BTreeMap<String, Vec<String>>, progress: bool) -> Result<Built> {
    Ok(build_modules_reporting(course, source, modules, variants, None, progress)?.0)
}

/// [`build_modules`], also saying what the build's sandbox enforced.
pub fn build_modules_reporting(
    course: &Course,
    source: &Source,
    modules: &[String],
    variants: BTreeMap<String, Vec<String>>,
    slot: Option<&str>,
    progress: bool,
) -> Result<(Built, Enforcement)> {
    let timeouts = build_timeouts(course, modules)?;
    let b = bar(None, "building (release)", progress);
    let built = build(&BuildRequest { course, source, modules, variants, timeouts, slot }, &b);
    b.finish_and_clear();
    let (built, enforcement) = built?;
    for (m, r) in &built {
        if let Err(BuildError::Other(e)) = r {
            bail!("could not build module {m}:\n{e}");
        }
    }
    Ok((built, enforcement))
}

/// Turns a panic location inside the judge's copy into the student's path.
pub fn show_location(loc: &str, m: &str, source: &Source) -> String {
    if let Some((inner, caller)) = loc.split_once(" (called from ") {
        let caller = caller.trim_end_matches(')');
        return format!("{} (called from {})", show_location(inner, m, source), show_location(caller, m, source));
    }
    let marker = format!("sub-{m}/src/");
    if let Some(i) = loc.find(&marker) {
        return format!("{}{}", source.display_prefix(m), &loc[i + marker.len()..]);
    }
    if let Some(i) = loc.find("/registry/src/") {
        let rest = &loc[i + "/registry/src/".len()..];
        return rest.split_once('/').map(|(_, r)| r.to_string()).unwrap_or(rest.to_string());
    }
    loc.to_string()
}

/// Runs one case and decides its verdict.
#[allow(clippy::too_many_arguments)]
pub fn judge_case(
    course: &Course,
    bin: &Path,
    scratch: &Path,
    source: &Source,
    spec: &ModuleSpec,
    case: &Case,
    variant: &str,
    args: &[Value],
    expected: &Value,
) -> CaseResult {
    let ex = spec.exercise(&case.exercise).expect("validated");
    let limits = Limits { timeout: ex.timeout, memory: ex.memory };
    let mut r = unjudged(case, Status::Fail, String::new(), ex.hint.clone());
    let report = match run_case(course, bin, scratch, &case.entry(), variant, args, limits) {
        Ok(rep) => rep,
        Err(e) => {
            r.status = Status::Crash;
            r.message = format!("the grader could not start the case: {e}");
            return r;
        }
    };
    decide(r, report, ex, case, limits, source, spec, args, expected)
}

/// A case's result before it is judged (or instead of judging it): 0 points.
fn unjudged(c: &Case, status: Status, message: String, hint: Option<String>) -> CaseResult {
    CaseResult {
        exercise: c.exercise.clone(),
        case: c.name.clone(),
        hidden: c.hidden,
        status,
        points: 0.0,
        max_points: c.points,
        message,
        hint,
        elapsed_s: 0.0,
    }
}

/// The verdict on one case's run.
#[allow(clippy::too_many_arguments)]
fn decide(
    mut r: CaseResult,
    report: RunReport,
    ex: &crate::spec::Exercise,
    case: &Case,
    limits: Limits,
    source: &Source,
    spec: &ModuleSpec,
    args: &[Value],
    expected: &Value,
) -> CaseResult {
    r.elapsed_s = report.elapsed.as_secs_f64();
    let (status, message) = match report.ended {
        Ended::Returned(CaseOutput::Ok { value }) => match compare(&ex.compare, expected, &value, args) {
            Ok(()) if report.left_processes => {
                (Status::Fail, "the result is right, but the code started a process that was still running when it returned (it was killed)".to_string())
            }
            Ok(()) => (Status::Pass, String::new()),
            Err(m) => (Status::Fail, m),
        },
        Ended::Returned(CaseOutput::Panic { message, location }) => {
            let at = location.map(|l| format!(" at {}", show_location(&l, &spec.module, source))).unwrap_or_default();
            if message.starts_with("not yet implemented") || message.starts_with("not implemented") {
                (Status::Fail, format!("not implemented yet (todo!(){at})"))
            } else {
                (Status::Crash, format!("panicked{at} with the message (your code's words): {}", first_lines(&message, 4)))
            }
        }
        // The case's arguments are checked against the reference solutions by `cargo xtask
        // check`, so this reply can only come from the submission's own process.
        Ended::Returned(CaseOutput::BadArgs { message }) => {
            (Status::Crash, format!("the submission's process reported that the arguments do not fit the exercise (its words): {}", first_lines(&message, 4)))
        }
        Ended::Timeout => (
            Status::Timeout,
            format!(
                "took longer than the {:.1} s limit and was stopped: look for a loop that never ends (a `while` whose condition never changes, or an index that never grows)",
                limits.timeout.as_secs_f64()
            ),
        ),
        Ended::Memory => (Status::Memory, format!("ran out of memory: the cap is {} MB per case", limits.memory >> 20)),
        Ended::Crash(what) => (Status::Crash, what),
    };
    r.status = status;
    r.message = message;
    if status == Status::Pass {
        r.points = case.points;
        r.hint = None;
    }
    r
}

/// Judges several cases of one exercise: one process runs them all ([`run_batch`]); a case
/// the batch did not finish with a value (a panic, a crash, a timeout, and every case after
/// it) is run alone with [`judge_case`], so each verdict is the one a process of its own gives.
#[allow(clippy::too_many_arguments)]
pub fn judge_cases(
    course: &Course,
    bin: &Path,
    scratch: &Path,
    source: &Source,
    spec: &ModuleSpec,
    cases: &[(&Case, &[Value], &Value)],
    variant: &str,
) -> Vec<CaseResult> {
    if cases.len() < 2 {
        return cases.iter().map(|(c, a, e)| judge_case(course, bin, scratch, source, spec, c, variant, a, e)).collect();
    }
    let ex = spec.exercise(&cases[0].0.exercise).expect("validated");
    let limits = Limits { timeout: ex.timeout, memory: ex.memory };
    let inputs: Vec<CaseInput> = cases.iter().map(|(c, a, _)| CaseInput { exercise: c.entry(), variant: variant.into(), args: a.to_vec() }).collect();
    let batch = run_batch(course, bin, scratch, &inputs, limits).unwrap_or_default();
    cases
        .iter()
        .enumerate()
        .map(|(i, (c, a, e))| match batch.get(i).cloned().flatten() {
            Some((value, took)) if c.exercise == ex.name => {
                let r = unjudged(c, Status::Fail, String::new(), ex.hint.clone());
                let report = RunReport {
                    ended: Ended::Returned(CaseOutput::Ok { value }),
                    left_processes: false,
                    elapsed: took,
                    stderr_tail: String::new(),
                    enforcement: Enforcement::none(),
                };
                decide(r, report, ex, c, limits, source, spec, a, e)
            }
            _ => judge_case(course, bin, scratch, source, spec, c, variant, a, e),
        })
        .collect()
}

/// A timed check's message, with the check's hint (what makes the slow way slow) when it is
/// over its budget.
fn with_slow_hint(message: String, status: &TimingStatus, hint: Option<&str>) -> String {
    match hint {
        Some(h) if *status == TimingStatus::Fail => format!("{message}\nwhy it may be slow: {h}"),
        _ => message,
    }
}

fn first_lines(s: &str, n: usize) -> String {
    let mut out: String = s.lines().take(n).collect::<Vec<_>>().join(" / ");
    if out.len() > 400 {
        out.truncate(400);
        out.push('…');
    }
    out
}

/// Runs `f` over `jobs` with `workers` threads, keeping the order of the results.
pub fn parallel<T: Sync, R: Send>(items: &[T], workers: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..workers.max(1) {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        let i = *n;
                        *n += 1;
                        i
                    };
                    if i >= items.len() {
                        break;
                    }
                    let r = f(&items[i]);
                    results.lock().unwrap()[i] = Some(r);
                }
            });
        }
    });
    results.into_inner().unwrap().into_iter().map(|r| r.unwrap()).collect()
}

/// Narrows a module's spec to some of its exercises (their cases and timed checks).
pub fn keep_exercises(spec: &mut ModuleSpec, only: &[String]) -> Result<()> {
    for e in only {
        if !spec.exercises.iter().any(|x| &x.name == e) {
            let names: Vec<&str> = spec.exercises.iter().map(|x| x.name.as_str()).collect();
            bail!("module {} has no exercise {e:?}; its exercises are: {}", spec.module, names.join(", "));
        }
    }
    spec.exercises.retain(|x| only.contains(&x.name));
    spec.cases.retain(|c| only.contains(&c.exercise));
    spec.timing.retain(|t| only.contains(&t.exercise));
    Ok(())
}

/// Grades a submission.
pub fn grade(course: &Course, opts: &Options) -> Result<Results> {
    let start = Instant::now();
    let modules = course.select(&opts.modules)?;
    let hidden = opts.hidden.as_deref();
    let mut loaded = load(course, &modules, hidden)?;
    for l in &mut loaded {
        if let Some(only) = opts.exercises.get(&l.spec.module) {
            keep_exercises(&mut l.spec, only)?;
        }
    }
    let scratch = course.work_dir().join("runs");
    std::fs::create_dir_all(&scratch)?;
    let course_version = course_version(course, &modules, hidden)?;
    let probe = crate::sandbox::probe(&crate::sandbox::Sandbox { helper: course.helper.clone() }, &scratch)
        .map_err(|e| anyhow::anyhow!("the sandbox does not work: {e}"))?;
    if !probe.is_full() {
        // Student code that is not under Landlock can read /proc/<pid>/environ of the judge and
        // of whatever started it, where the signing key is: refuse before any of it runs.
        if std::env::var_os(crate::sandbox::SIGNING_KEY_ENV).is_some() {
            bail!(
                "{} is set: signing needs the full sandbox, which is not available on this machine ({}); without Landlock a submission could read the key from /proc/<pid>/environ of the grader or of the process that started it",
                crate::sandbox::SIGNING_KEY_ENV,
                probe.describe()
            );
        }
        if opts.require_sandbox {
            bail!(
                "--require-sandbox: the full sandbox is not available on this machine ({}); class grading needs Linux with Landlock ABI ≥ 4 and seccomp (see README, \"How grading works\")",
                probe.describe()
            );
        }
        status_line(opts, &format!("warning: the full sandbox is not available here ({}); grading anyway (fine for practice)", probe.describe()));
    }

    // One grader at a time per build folder: another `grade` of the same submission would
    // rewrite the sources and the runners under this one. (A class run holds its slot itself.)
    let _build_lock = match &opts.build_slot {
        Some(_) => None,
        None => {
            let k = crate::build::key(course, &opts.source, false, None);
            let path = course.work_dir().join("build").join(format!("{k}.lock"));
            if let Some(f) = crate::machine::lock_file(&path, false)? {
                Some(f)
            } else {
                status_line(opts, "waiting for another grader of the same submission to finish…");
                crate::machine::lock_file(&path, true)?
            }
        }
    };
    // Builds and cases share the machine; a timed check (below) runs alone.
    let shared_lock = crate::machine::shared();
    let t_build = Instant::now();
    let to_build: Vec<String> = modules.iter().filter(|m| !opts.untouched.contains(*m)).cloned().collect();
    let not_started = modules.len() - to_build.len();
    let (built, build_enforcement) = if to_build.is_empty() {
        status_line(
            opts,
            &format!(
                "Nothing to build: {} still the stubs as published (not started)…",
                if not_started == 1 { "the module is" } else { "all the modules are" }
            ),
        );
        (BTreeMap::new(), probe.clone())
    } else {
        let skipped = if not_started > 0 { format!(" ({not_started} not started, not built)") } else { String::new() };
        status_line(opts, &format!("Building {} module(s) of {} in release mode{skipped}…", to_build.len(), opts.source.describe()));
        build_modules_reporting(course, &opts.source, &to_build, BTreeMap::new(), opts.build_slot.as_deref(), opts.progress)?
    };
    let build_s = t_build.elapsed().as_secs_f64();
    let t_cases = Instant::now();
    let mut sandbox = probe.weakest(&build_enforcement);
    if built.values().all(|b| b.is_err()) {
        sandbox = probe.clone();
    }

    // Every case of every module that built, in parallel: one batch per exercise.
    let mut jobs: Vec<(usize, Vec<usize>, PathBuf)> = Vec::new();
    let mut n_cases = 0;
    for (mi, l) in loaded.iter().enumerate() {
        if let Some(Ok(bin)) = built.get(&l.spec.module) {
            let mut by_exercise: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (ci, c) in l.spec.cases.iter().enumerate() {
                by_exercise.entry(c.exercise.as_str()).or_default().push(ci);
                n_cases += 1;
            }
            // Spec order: the longest batches are not all at the end.
            let mut groups: Vec<Vec<usize>> = by_exercise.into_values().collect();
            groups.sort_by_key(|g| g[0]);
            jobs.extend(groups.into_iter().map(|g| (mi, g, bin.clone())));
        }
    }
    if n_cases > 0 {
        status_line(opts, &format!("Running {n_cases} cases…"));
    }
    let pb = bar(Some(n_cases as u64), "cases", opts.progress);
    let batches = parallel(&jobs, opts.jobs, |(mi, cis, bin)| {
        let l = &loaded[*mi];
        let cases: Vec<(&Case, &[Value], &Value)> = cis
            .iter()
            .map(|&ci| {
                let c = &l.spec.cases[ci];
                let (args, exp) = &l.expected[&(c.exercise.clone(), c.name.clone())];
                (c, args.as_slice(), exp)
            })
            .collect();
        let rs = judge_cases(course, bin, &scratch, &opts.source, &l.spec, &cases, "");
        pb.inc(rs.len() as u64);
        cis.iter().copied().zip(rs).map(|(ci, r)| (*mi, ci, r)).collect::<Vec<_>>()
    });
    pb.finish_and_clear();
    // Back in spec order.
    let mut case_results: Vec<(usize, usize, CaseResult)> = batches.into_iter().flatten().collect();
    case_results.sort_by_key(|(mi, ci, _)| (*mi, *ci));
    let case_results: Vec<(usize, CaseResult)> = case_results.into_iter().map(|(mi, _, r)| (mi, r)).collect();
    let cases_s = t_cases.elapsed().as_secs_f64();
    drop(shared_lock);

    let mut modules_out = Vec::new();
    for (mi, l) in loaded.iter().enumerate() {
        let m = &l.spec.module;
        let mut cases: Vec<CaseResult> = case_results.iter().filter(|(i, _)| *i == mi).map(|(_, r)| r.clone()).collect();
        let functions = locate_functions(&opts.source, course, m, l.spec.exercises.iter().map(|e| e.name.as_str()));
        let build = match built.get(m) {
            Some(Ok(_)) => Build::Ok,
            Some(Err(e)) => Build::Error(e.to_string()),
            None if opts.untouched.contains(m) => Build::NotStarted,
            None => Build::Error("not built".into()),
        };
        if let Build::NotStarted = &build {
            cases = l
                .spec
                .cases
                .iter()
                .map(|c| {
                    let at = functions.get(&c.exercise).map(|f| format!(" in {}:{}", f.file, f.line)).unwrap_or_default();
                    let message = format!("not implemented yet (todo!(){at}; the module is still the stub as published, so it was not built)");
                    unjudged(c, Status::Fail, message, l.spec.exercise(&c.exercise).and_then(|e| e.hint.clone()))
                })
                .collect();
        }
        if let Build::Error(_) = &build {
            cases = l.spec.cases.iter().map(|c| unjudged(c, Status::NotRun, "the module did not build".into(), None)).collect();
        }
        let timing = l
            .spec
            .timing
            .iter()
            .map(|t| TimingResult {
                exercise: t.exercise.clone(),
                status: TimingStatus::NotRun,
                ratio: None,
                budget: t.budget.to_string(),
                points: 0.0,
                max_points: t.points,
                message: String::new(),
                student_ms: None,
                budget_ms: None,
            })
            .collect();
        modules_out.push(ModuleResult { name: m.clone(), score: 0.0, max_score: 0.0, build, cases, timing, functions });
    }

    // Timed checks: serially, after every case, only for exercises whose cases all pass.
    let n_timed: usize = loaded.iter().filter(|l| !opts.untouched.contains(&l.spec.module)).map(|l| l.spec.timing.len()).sum();
    if opts.timing && n_timed > 0 {
        status_line(opts, &format!("Timing {n_timed} check(s), one at a time…"));
    }
    let t_timing = Instant::now();
    let tb = bar(Some(n_timed as u64), "timing", opts.progress && opts.timing);
    for (mi, l) in loaded.iter().enumerate() {
        for (ti, t) in l.spec.timing.iter().enumerate() {
            let out = &mut modules_out[mi];
            let all_pass = out.cases.iter().filter(|c| c.exercise == t.exercise).all(|c| c.status == Status::Pass);
            let tr = &mut out.timing[ti];
            if !opts.timing {
                tr.message = "timing skipped (--no-timing)".into();
                continue;
            }
            if !all_pass {
                tr.message = "not timed: fix the exercise's failing cases first".into();
                if !opts.untouched.contains(&l.spec.module) {
                    tb.inc(1);
                }
                continue;
            }
            let Some(Ok(bin)) = built.get(&l.spec.module) else { continue };
            tb.set_message(t.exercise.clone());
            let meas = timing::measure(course, bin, &scratch, "", t, l.fingerprints.get(&t.exercise));
            tr.status = meas.status.clone();
            tr.ratio = meas.ratio;
            tr.message = with_slow_hint(meas.message, &meas.status, t.hint.as_deref());
            tr.student_ms = meas.student_s.map(|x| x * 1e3);
            tr.budget_ms = meas.primitive_s.map(|p| p * t.budget.factor * 1e3);
            if meas.status == TimingStatus::Pass {
                tr.points = t.points;
            }
            tb.inc(1);
        }
    }
    tb.finish_and_clear();
    let timing_s = t_timing.elapsed().as_secs_f64();

    let mut total = (0.0, 0.0);
    for m in &mut modules_out {
        m.score = m.cases.iter().map(|c| c.points).sum::<f64>() + m.timing.iter().map(|t| t.points).sum::<f64>();
        m.max_score = m.cases.iter().map(|c| c.max_points).sum::<f64>() + m.timing.iter().map(|t| t.max_points).sum::<f64>();
        total.0 += m.score;
        total.1 += m.max_score;
    }
    Ok(Results {
        schema: SCHEMA,
        score: total.0,
        max_score: total.1,
        percent: if total.1 > 0.0 { 100.0 * total.0 / total.1 } else { 100.0 },
        submission: opts.source.describe(),
        hidden_cases: hidden.is_some(),
        timing: opts.timing,
        features: course.features.clone(),
        elapsed_s: start.elapsed().as_secs_f64(),
        sandbox,
        course_version,
        phases: Phases { build_s, cases_s, timing_s },
        student: opts.student.clone(),
        source_hash: match &opts.source {
            Source::Checkout(root) => crate::provenance::source_hash(root, &modules),
            Source::Solutions => crate::provenance::source_hash_under(&course.root, "solutions", &modules),
        },
        grader_version: crate::provenance::grader_version(course),
        graded_at: crate::provenance::now_rfc3339(),
        class: None,
        modules: modules_out,
    })
}

/// Where each exercise's `fn` is defined in the submission's sources (read through the same
/// no-follow copy as the build; a module that cannot be read has no locations).
pub fn locate_functions<'a>(source: &Source, course: &Course, m: &str, exercises: impl Iterator<Item = &'a str>) -> BTreeMap<String, Location> {
    let taken = match source {
        Source::Checkout(root) => crate::build::copy::take_sources(root, ["exercises", m, "src"]),
        Source::Solutions => crate::build::copy::take_sources(&course.root, ["solutions", m, "src"]),
    };
    let Ok(Some(mut files)) = taken else { return BTreeMap::new() };
    // lib.rs first: the lesson's own definition wins over a helper of the same name elsewhere.
    files.sort_by_key(|(p, _)| (p != Path::new("lib.rs"), p.clone()));
    let prefix = source.display_prefix(m);
    let mut out = BTreeMap::new();
    for ex in exercises {
        let pattern = format!("fn {ex}");
        'files: for (rel, data) in &files {
            let text = String::from_utf8_lossy(data);
            for (i, line) in text.lines().enumerate() {
                if let Some(at) = line.find(&pattern) {
                    let next = line[at + pattern.len()..].chars().next();
                    let before = line[..at].chars().last();
                    if matches!(next, Some('(') | Some('<')) && before.is_none_or(|c| !(c.is_alphanumeric() || c == '_')) {
                        out.insert(ex.to_string(), Location { file: format!("{prefix}{}", rel.display()), line: i + 1 });
                        break 'files;
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_over_budget_message_carries_the_hint() {
        let m = "over budget: 2.70× the budget (median 27.0 ms vs budget 10.0 ms)".to_string();
        let hint = Some("a Python-style loop over rows instead of one matrix product");
        assert_eq!(
            with_slow_hint(m.clone(), &TimingStatus::Fail, hint),
            "over budget: 2.70× the budget (median 27.0 ms vs budget 10.0 ms)\nwhy it may be slow: a Python-style loop over rows instead of one matrix product"
        );
        assert_eq!(with_slow_hint(m.clone(), &TimingStatus::Fail, None), m);
        assert_eq!(with_slow_hint("wrong result".into(), &TimingStatus::Error, hint), "wrong result");
    }
}
