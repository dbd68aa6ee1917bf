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
    /// Features the `ndlab` library was built with (`["mkl"]` for Intel MKL; empty = faer).
    pub features: Vec<String>,
    pub elapsed_s: f64,
    /// What confined the build and the cases (the weaker of the two).
    pub sandbox: crate::sandbox::Enforcement,
    /// SHA-256 of everything the verdicts rest on: course list, specs, glue, expected values,
    /// and (when used) the hidden specs and expected values.
    pub course_version: String,
    pub modules: Vec<ModuleResult>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ModuleResult {
    pub name: String,
    pub score: f64,
    pub max_score: f64,
    pub build: Build,
    pub cases: Vec<CaseResult>,
    pub timing: Vec<TimingResult>,
}

/// `"ok"` or `{"error": "..."}`.
#[derive(Clone, Debug)]
pub enum Build {
    Ok,
    Error(String),
}

impl Serialize for Build {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Build::Ok => s.serialize_str("ok"),
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
