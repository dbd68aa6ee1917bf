//! The result of a grading run, as written to `--json` (schema 1).

use crate::timing::TimingStatus;
use serde::{Serialize, Serializer};

pub const SCHEMA: u32 = 1;

#[derive(Clone, Debug, Serialize)]
pub struct Results {
    pub schema: u32,
    pub score: f64,
    pub max_score: f64,
    /// `score / max_score` in percent (100 when there is nothing to score).
    pub percent: f64,
    pub submission: String,
    pub hidden_cases: bool,
    /// Whether the timed checks were run (`false` under `--no-timing`).
    pub timing: bool,
    /// Features the `ndlab` library was built with (`["mkl"]` for Intel MKL; empty = faer).
    pub features: Vec<String>,
    pub elapsed_s: f64,
    /// What confined the build and the cases (the weaker of the two).
    pub sandbox: crate::sandbox::Enforcement,
    /// SHA-256 of everything the verdicts rest on: course list, specs, glue, expected values,
    /// and (when used) the hidden specs and expected values.
    pub course_version: String,
    /// Where the wall-clock time went (seconds): building, running the cases, timing.
    pub phases: Phases,
    /// Whose submission this is (`grade --student ID`, or the roster's id under `grade-class`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub student: Option<String>,
    /// SHA-256 over every graded module's sources as the grader took them
    /// ([`crate::provenance::source_hash`]).
    pub source_hash: String,
    /// The grader's own version: its package version and a hash of the judge's code.
    pub grader_version: String,
    /// When grading finished (RFC 3339, UTC).
    pub graded_at: String,
    /// Set by `grade-class` (see [`crate::class`]): whose submission this is and what exactly was
    /// graded, so a re-run can skip an unchanged submission and a merge can keep the newest.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub class: Option<ClassInfo>,
    pub modules: Vec<ModuleResult>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Phases {
    pub build_s: f64,
    pub cases_s: f64,
    pub timing_s: f64,
}

/// What `grade-class` adds to a student's result file.
#[derive(Clone, Debug, Serialize)]
pub struct ClassInfo {
    /// The commit graded, when the submission is a git repository.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// The options the verdicts depend on (`timing`, `hidden`, `features`), for the re-run skip.
    pub options: String,
}

impl Results {
    /// The speed figure: the geometric mean of `time / budget` over the timed checks this
    /// submission passed (lower is faster); `None` when it passed none.
    pub fn speed_figure(&self) -> Option<f64> {
        let ratios: Vec<f64> = self
            .modules
            .iter()
            .flat_map(|m| &m.timing)
            .filter(|t| t.status == TimingStatus::Pass)
            .filter_map(|t| t.ratio)
            .filter(|r| *r > 0.0 && r.is_finite())
            .collect();
        if ratios.is_empty() {
            return None;
        }
        Some((ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp())
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ModuleResult {
    pub name: String,
    pub score: f64,
    pub max_score: f64,
    pub build: Build,
    pub cases: Vec<CaseResult>,
    pub timing: Vec<TimingResult>,
    /// Where each exercise's function is defined in the submission (`fn name` in the module's
    /// sources), for reports that point at a file and line (JUnit, GitHub annotations).
    pub functions: std::collections::BTreeMap<String, Location>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Location {
    /// Relative to the submission's root, e.g. `exercises/arrays/src/lib.rs`.
    pub file: String,
    pub line: usize,
}

/// `"ok"`, `"not_started"` or `{"error": "..."}`.
#[derive(Clone, Debug)]
pub enum Build {
    Ok,
    Error(String),
    /// The module's sources are still the stubs as published: it was not built, and every case
    /// is reported as not implemented yet (`grade::Options::untouched`).
    NotStarted,
}

impl Serialize for Build {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Build::Ok => s.serialize_str("ok"),
            Build::NotStarted => s.serialize_str("not_started"),
            Build::Error(e) => {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("error", e)?;
                m.end()
            }
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    Timeout,
    Crash,
    Memory,
    NotRun,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Timeout => "timeout",
            Status::Crash => "crash",
            Status::Memory => "memory",
            Status::NotRun => "not run",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct CaseResult {
    pub exercise: String,
    pub case: String,
    pub hidden: bool,
    pub status: Status,
    pub points: f64,
    pub max_points: f64,
    pub message: String,
    /// The exercise's hint, on failures only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    pub elapsed_s: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimingResult {
    pub exercise: String,
    pub status: TimingStatus,
    /// Measured time / budget (under 1 passes).
    pub ratio: Option<f64>,
    pub budget: String,
    pub points: f64,
    pub max_points: f64,
    pub message: String,
    pub student_ms: Option<f64>,
    pub budget_ms: Option<f64>,
}
