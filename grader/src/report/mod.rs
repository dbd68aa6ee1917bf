//! Reports: every writer is a pure function of [`Results`] (and [`ReportSettings`]); none
//! re-runs grading or reads a file. One file per format:
//!
//! | format | file | for |
//! |---|---|---|
//! | the table students read | [`text`] | the terminal |
//! | the result model as JSON (`--json`) | here ([`write_json`]) | scripts, `grade-class` |
//! | Gradescope `results.json` | [`gradescope`] | Gradescope autograders |
//! | GitHub Classroom result (base64) | [`classroom`] | `autograding-grading-reporter` |
//! | JUnit XML | [`junit`] | GitLab, Jenkins |
//! | job summary and annotations | [`github`] | GitHub Actions |
//!
//! [`write_requested`] writes whichever of the CI formats a command asked for.

pub mod classroom;
pub mod github;
pub mod gradescope;
pub mod junit;
pub mod text;

pub use text::{Detail, escape_controls, render};

use crate::results::{CaseResult, ModuleResult, Results, Status, TimingResult};
use crate::timing::TimingStatus;
use anyhow::{Context, Result};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Writes `data` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees half a file.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, data)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Writes the results as JSON, signed with `key` when there is one (`"signature": "unsigned"`
/// otherwise; see the `ndlab-signing` crate). The key lives only in the judge's own process.
pub fn write_json(path: &Path, r: &Results, key: Option<&ndlab_signing::Key>) -> Result<()> {
    let mut v = serde_json::to_value(r)?;
    ndlab_signing::sign(&mut v, key);
    write_atomic(path, serde_json::to_string_pretty(&v)?.as_bytes())
}

/// How reports are written: the course's `[reports]` table (`grader/course.toml`), and what the
/// command line adds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportSettings {
    /// Gradescope visibility of hidden cases (`gradescope_hidden_visibility`, default
    /// `after_published`).
    pub gradescope_hidden: gradescope::HiddenVisibility,
    /// What the JUnit, Classroom and GitHub reports show of hidden cases (`--redact-hidden`: their
    /// status only). Gradescope keeps every message: instructors see them, and students see hidden
    /// tests only as `gradescope_hidden` allows.
    pub detail: Detail,
}

/// The CI reports a command asked for, and where they go.
#[derive(Clone, Debug, Default)]
pub struct Requested {
    /// Gradescope `results.json`.
    pub gradescope: Option<PathBuf>,
    /// JUnit XML.
    pub junit: Option<PathBuf>,
    /// The GitHub Classroom result, base64.
    pub classroom: Option<PathBuf>,
    /// With `classroom`: also append `result=<base64>` to this file (GitHub's `$GITHUB_OUTPUT`).
    pub classroom_output: Option<PathBuf>,
    /// The GitHub job summary and annotations.
    pub github: bool,
    /// With `github`: append the summary to this file (GitHub's `$GITHUB_STEP_SUMMARY`); without
    /// it the summary is printed.
    pub step_summary: Option<PathBuf>,
}

impl Requested {
    /// The same file formats, as `<dir>/<stem>.gradescope.json`, `.junit.xml` and
    /// `.classroom.b64` (grade-class: one set per student; nothing is printed or appended).
    pub fn under(&self, dir: &Path, stem: &str) -> Requested {
        Requested {
            gradescope: self.gradescope.as_ref().map(|_| dir.join(format!("{stem}.gradescope.json"))),
            junit: self.junit.as_ref().map(|_| dir.join(format!("{stem}.junit.xml"))),
            classroom: self.classroom.as_ref().map(|_| dir.join(format!("{stem}.classroom.b64"))),
            ..Default::default()
        }
    }

    /// Takes `classroom_output` and `step_summary` from `$GITHUB_OUTPUT` and
    /// `$GITHUB_STEP_SUMMARY` when they are set (as they are in a GitHub Actions step).
    pub fn with_github_env(mut self) -> Requested {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        self.classroom_output = var("GITHUB_OUTPUT");
        self.step_summary = var("GITHUB_STEP_SUMMARY");
        self
    }
}

/// Writes the requested reports: files atomically; `$GITHUB_OUTPUT` and
/// `$GITHUB_STEP_SUMMARY`, which other commands of the step share, by one appending write each.
/// Prints to `out` one line per file written, the GitHub annotations, and the summary when it has
/// no file to go to.
pub fn write_requested(r: &Results, req: &Requested, s: &ReportSettings, out: &mut dyn std::io::Write) -> Result<()> {
    if let Some(p) = &req.gradescope {
        write_atomic(p, serde_json::to_string_pretty(&gradescope::results_json(r, s))?.as_bytes())?;
        writeln!(out, "Gradescope results written to {}", p.display())?;
    }
    if let Some(p) = &req.junit {
        write_atomic(p, junit::junit_xml(r, s).as_bytes())?;
        writeln!(out, "JUnit XML written to {}", p.display())?;
    }
    if let Some(p) = &req.classroom {
        let encoded = classroom::result_base64(r, s);
        write_atomic(p, encoded.as_bytes())?;
        writeln!(out, "Classroom result written to {}", p.display())?;
        if let Some(o) = &req.classroom_output {
            append(o, format!("result={encoded}\n").as_bytes())?;
            writeln!(out, "Classroom result set as the step output `result`")?;
        }
    }
    if req.github {
        let summary = github::summary(r, s);
        match &req.step_summary {
            Some(p) => {
                append(p, summary.as_bytes())?;
                writeln!(out, "job summary written to {}", p.display())?;
            }
            None => write!(out, "{summary}")?,
        }
        for line in github::annotations(r, s) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// One write at the end of `path` (created when missing).
fn append(path: &Path, data: &[u8]) -> Result<()> {
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path).with_context(|| format!("cannot open {}", path.display()))?;
    f.write_all(data).with_context(|| format!("cannot write {}", path.display()))
}

// ---- what the writers share -------------------------------------------------------------------

pub(crate) fn pts(x: f64) -> String {
    if x.fract() == 0.0 { format!("{}", x as i64) } else { format!("{x:.1}") }
}

/// A case as reports name it: `arrays/grid [3x4]`, with ` (hidden)` for a hidden case.
pub(crate) fn case_name(module: &str, c: &CaseResult) -> String {
    format!("{module}/{} [{}]{}", c.exercise, c.case, if c.hidden { " (hidden)" } else { "" })
}

/// A timed check as reports name it: `arrays/column_means (timed)`.
pub(crate) fn timed_name(module: &str, t: &TimingResult) -> String {
    format!("{module}/{} (timed)", t.exercise)
}

/// What a report says of a case: its message (and hint, on failures), or only its status for a
/// hidden case under [`Detail::RedactHidden`]. Control characters are escaped.
pub(crate) fn case_message(c: &CaseResult, detail: Detail) -> String {
    if c.hidden && detail == Detail::RedactHidden {
        return format!("hidden case: {}", c.status.word());
    }
    let mut m = match c.status {
        Status::Pass => c.message.clone(),
        s if c.message.is_empty() => s.word().to_string(),
        s => format!("{}: {}", s.word(), c.message),
    };
    if let Some(h) = c.hint.as_ref().filter(|_| c.status != Status::Pass) {
        m.push_str("\nhint: ");
        m.push_str(h);
    }
    escape_controls(&m)
}

/// What a report says of a timed check: `too slow: 1.62× budget (budget 6 × pass(80MB)): …`.
pub(crate) fn timing_message(t: &TimingResult) -> String {
    let word = match t.status {
        TimingStatus::Pass => "fast enough",
        TimingStatus::Fail => "too slow",
        TimingStatus::Error => "error",
        TimingStatus::NotRun => "not run",
    };
    let ratio = t.ratio.map(|x| format!(": {x:.2}× budget")).unwrap_or_default();
    let msg = if t.message.is_empty() { String::new() } else { format!(": {}", t.message) };
    escape_controls(&format!("{word}{ratio} (budget {}){msg}", t.budget))
}

/// At most `max` characters of `s`, with `…` when cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((at, _)) => format!("{}…", &s[..at]),
    }
}

/// One exercise of a module: its cases taken together, and its timed check.
pub(crate) struct Exercise<'a> {
    pub name: &'a str,
    pub cases: Vec<&'a CaseResult>,
    pub timing: Option<&'a TimingResult>,
}

impl Exercise<'_> {
    pub fn passed(&self) -> usize {
        self.cases.iter().filter(|c| c.status == Status::Pass).count()
    }
    pub fn points(&self) -> (f64, f64) {
        self.cases.iter().fold((0.0, 0.0), |a, c| (a.0 + c.points, a.1 + c.max_points))
    }
    /// The failure to show first: a public one when there is one.
    pub fn first_failure(&self) -> Option<&CaseResult> {
        let failing = || self.cases.iter().copied().filter(|c| c.status != Status::Pass);
        failing().find(|c| !c.hidden).or_else(|| failing().next())
    }
    /// The timed check ran and did not pass (too slow, or wrong on the timed input).
    pub fn timing_failed(&self) -> bool {
        self.timing.is_some_and(|t| matches!(t.status, TimingStatus::Fail | TimingStatus::Error))
    }
}

/// A module's exercises in the order of their cases (then any with a timed check only).
pub(crate) fn exercises(m: &ModuleResult) -> Vec<Exercise<'_>> {
    let mut out: Vec<Exercise> = Vec::new();
    for c in &m.cases {
        match out.iter_mut().find(|e| e.name == c.exercise) {
            Some(e) => e.cases.push(c),
            None => out.push(Exercise { name: &c.exercise, cases: vec![c], timing: None }),
        }
    }
    for t in &m.timing {
        match out.iter_mut().find(|e| e.name == t.exercise) {
            Some(e) => e.timing = Some(t),
            None => out.push(Exercise { name: &t.exercise, cases: vec![], timing: Some(t) }),
        }
    }
    out
}

/// A realistic result for the writers' tests: `arrays` passes (with a timed check), `views` has
/// failures (a hidden one, a timeout, a student's message with markup and an escape character,
/// a timed check not run), `linalg` did not build.
#[cfg(test)]
pub(crate) mod sample {
    use crate::results::*;
    use crate::timing::TimingStatus;
    use std::collections::BTreeMap;

    pub const NASTY: &str = "panicked at 'bad <script>alert(1)</script> & \"quotes\" 'n' \u{1b}[31mred\u{1b}[0m'\nsecond line: 100%, done";

    fn case(ex: &str, name: &str, hidden: bool, status: Status, pts: f64, msg: &str) -> CaseResult {
        CaseResult {
            exercise: ex.into(),
            case: name.into(),
            hidden,
            status,
            points: if status == Status::Pass { pts } else { 0.0 },
            max_points: pts,
            message: msg.into(),
            hint: (status != Status::Pass).then(|| format!("a hint for {ex}")),
            elapsed_s: 0.004,
        }
    }

    fn timed(ex: &str, status: TimingStatus, ratio: Option<f64>, pts: f64, msg: &str) -> TimingResult {
        TimingResult {
            exercise: ex.into(),
            points: if status == TimingStatus::Pass { pts } else { 0.0 },
            status,
            ratio,
            budget: "6 × pass(80MB)".into(),
            max_points: pts,
            message: msg.into(),
            student_ms: ratio.map(|r| r * 30.0),
            budget_ms: ratio.map(|_| 30.0),
        }
    }

    fn module(name: &str, build: Build, cases: Vec<CaseResult>, timing: Vec<TimingResult>, functions: &[(&str, usize)]) -> ModuleResult {
        let score = cases.iter().map(|c| c.points).sum::<f64>() + timing.iter().map(|t| t.points).sum::<f64>();
        let max_score = cases.iter().map(|c| c.max_points).sum::<f64>() + timing.iter().map(|t| t.max_points).sum::<f64>();
        let functions: BTreeMap<String, Location> =
            functions.iter().map(|(f, l)| (f.to_string(), Location { file: format!("exercises/{name}/src/lib.rs"), line: *l })).collect();
        ModuleResult { name: name.into(), score, max_score, build, cases, timing, functions }
    }

    pub fn results() -> Results {
        let arrays = module(
            "arrays",
            Build::Ok,
            vec![
                case("grid", "3x4", false, Status::Pass, 1.0, ""),
                case("grid", "0x2", false, Status::Pass, 1.0, ""),
                case("grid", "h1", true, Status::Pass, 1.0, ""),
                case("column_means", "small", false, Status::Pass, 2.0, ""),
            ],
            vec![timed("column_means", TimingStatus::Pass, Some(0.4), 2.0, "")],
            &[("grid", 12), ("column_means", 40)],
        );
        let views = module(
            "views",
            Build::Ok,
            vec![
                case("flip", "2x2", false, Status::Pass, 1.0, ""),
                case("flip", "odd", false, Status::Fail, 1.0, NASTY),
                case("flip", "secret", true, Status::Fail, 1.0, "expected [1, 2] (the hidden answer), got [2, 1]"),
                case("window", "big", false, Status::Timeout, 1.5, "over the 5 s limit"),
                case("window", "small", false, Status::Pass, 0.5, ""),
            ],
            vec![timed("window", TimingStatus::NotRun, None, 2.0, "not timed: fix the exercise's failing cases first")],
            // `window` has no location: the JUnit and GitHub reports leave file and line out.
            &[("flip", 7)],
        );
        let linalg = module(
            "linalg",
            Build::Error("did not compile: error[E0308]: mismatched types\n --> exercises/linalg/src/lib.rs:3:5".into()),
            vec![
                case("solve", "2x2", false, Status::NotRun, 1.0, "the module did not build"),
                case("solve", "h", true, Status::NotRun, 2.0, "the module did not build"),
            ],
            vec![timed("solve", TimingStatus::NotRun, None, 1.0, "")],
            &[("solve", 3)],
        );
        let modules = vec![arrays, views, linalg];
        let score: f64 = modules.iter().map(|m| m.score).sum();
        let max_score: f64 = modules.iter().map(|m| m.max_score).sum();
        Results {
            schema: SCHEMA,
            score,
            max_score,
            percent: 100.0 * score / max_score,
            submission: "/tmp/student".into(),
            hidden_cases: true,
            timing: true,
            features: vec![],
            elapsed_s: 12.3456,
            sandbox: crate::sandbox::Enforcement { landlock: "full".into(), abi: 7, seccomp: true, subreaper: true },
            course_version: "9f2c".into(),
            phases: Phases::default(),
            student: Some("ada".into()),
            source_hash: "5ca1ab1e".into(),
            grader_version: "0.1.0+abc".into(),
            graded_at: "2026-12-01T00:00:00.000000Z".into(),
            class: None,
            modules,
        }
    }
}
