//! Reading result files: parse, verify the signature and the course version, keep the newest
//! result per student. Nothing here trusts a file it has not checked.

use crate::CourseVersion;
use anyhow::{Result, bail};
use ndlab_signing::{Key, Verdict};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A result file, as much of it as the leaderboard reads.
#[derive(Clone, Debug, Deserialize)]
pub struct ResultFile {
    pub schema: u32,
    #[serde(default)]
    pub student: Option<String>,
    pub score: f64,
    pub max_score: f64,
    pub course_version: String,
    #[serde(default)]
    pub graded_at: String,
    #[serde(default)]
    pub hidden_cases: bool,
    #[serde(default = "yes")]
    pub timing: bool,
    pub modules: Vec<ModuleResult>,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, Deserialize)]
pub struct ModuleResult {
    pub name: String,
    pub score: f64,
    pub max_score: f64,
    #[serde(default)]
    pub cases: Vec<CaseResult>,
    #[serde(default)]
    pub timing: Vec<TimingResult>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct CaseResult {
    pub exercise: String,
    pub case: String,
    #[serde(default)]
    pub hidden: bool,
    pub status: String,
    #[serde(default)]
    pub message: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct TimingResult {
    pub exercise: String,
    pub status: String,
    #[serde(default)]
    pub ratio: Option<f64>,
    #[serde(default)]
    pub message: String,
}

/// A result that counts, and where it came from.
#[derive(Clone, Debug)]
pub struct Accepted {
    pub file: PathBuf,
    pub student: String,
    pub result: ResultFile,
    /// Its signature was checked with the key.
    pub verified: bool,
}

#[derive(Debug, Default)]
pub struct Loaded {
    /// The newest accepted result per student, by student id.
    pub results: BTreeMap<String, Accepted>,
    /// Files refused, with the reason (forged, unsigned, another course version, no student).
    pub rejected: Vec<(PathBuf, String)>,
    /// Files that are not result files at all, skipped with the reason.
    pub malformed: Vec<(PathBuf, String)>,
    /// Older results of a student who has a newer one.
    pub superseded: Vec<PathBuf>,
}

/// The largest result file read (a class's files are a few hundred kilobytes).
const MAX_BYTES: u64 = 64 << 20;

/// Every `*.json` file named or inside a named folder (recursively), except the Gradescope
/// reports `grade-class` writes beside the results (`*.gradescope.json`).
pub fn collect(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in inputs {
        let meta = std::fs::symlink_metadata(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
        if meta.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    if out.is_empty() {
        bail!("no result files (*.json) in {}", inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&p, out),
            Ok(t) if t.is_file() && name.ends_with(".json") && !name.ends_with(".gradescope.json") => out.push(p),
            _ => {}
        }
    }
}

/// Reads every file; see [`Loaded`]. With a key, only results it signed count; without one,
/// unsigned results count too (the page then says it is unverified). A result graded against
/// another version of the course never counts: its figures mean something else.
pub fn load(inputs: &[PathBuf], key: Option<&Key>, course: CourseVersion) -> Result<Loaded> {
    let mut l = Loaded::default();
    for file in collect(inputs)? {
        let bytes = match read_bounded(&file) {
            Ok(b) => b,
            Err(e) => {
                l.malformed.push((file, e));
                continue;
            }
        };
        let value: serde_json::Value = match serde_json::from_slice(&bytes) {
            Ok(v) => v,
            Err(e) => {
                l.malformed.push((file, format!("not JSON ({e})")));
                continue;
            }
        };
        let result: ResultFile = match serde_json::from_value(value.clone()) {
            Ok(r) => r,
            Err(e) => {
                l.malformed.push((file, format!("not an ndlab result file ({e})")));
                continue;
            }
        };
        let modules: Vec<String> = result.modules.iter().map(|m| m.name.clone()).collect();
        let expected = course(&modules, result.hidden_cases);
        let verdict = ndlab_signing::verify(&value, key, Some(expected.as_deref().unwrap_or("(not a version of this course)")));
        let ok = match &verdict {
            Verdict::Valid => true,
            Verdict::Unsigned | Verdict::Unchecked => key.is_none(),
            _ => false,
        };
        if let Verdict::Malformed(why) = &verdict {
            l.malformed.push((file, why.clone()));
            continue;
        }
        // Accepted unsigned (no key given): the course version still has to match.
        if ok
            && verdict == Verdict::Unsigned
            && let Some(want) = expected.as_deref().filter(|w| *w != result.course_version)
        {
            l.rejected.push((file, Verdict::OtherCourse { found: result.course_version.clone(), expected: want.to_string() }.explain()));
            continue;
        }
        if ok && verdict == Verdict::Unsigned && expected.is_none() {
            l.rejected.push((file, "other course version: its modules are not this course's".into()));
            continue;
        }
        if !ok {
            let why = if key.is_some() && verdict == Verdict::Unsigned {
                "unsigned: the key is given, so only signed results count".to_string()
            } else {
                verdict.explain()
            };
            l.rejected.push((file, why));
            continue;
        }
        let Some(student) = result.student.clone().filter(|s| !s.is_empty()) else {
            l.rejected.push((file, "no student id (grade with `--student ID`, or with `grade-class`)".into()));
            continue;
        };
        if result.schema != 1 || !result.score.is_finite() || !result.max_score.is_finite() {
            l.malformed.push((file, "not a schema-1 result with finite scores".into()));
            continue;
        }
        let new = Accepted { file, student: student.clone(), result, verified: verdict == Verdict::Valid };
        match l.results.get(&student) {
            // The newest by `graded_at` (RFC 3339 UTC sorts as text); a tie keeps the later file.
            Some(old) if old.result.graded_at > new.result.graded_at => l.superseded.push(new.file),
            Some(old) => {
                l.superseded.push(old.file.clone());
                l.results.insert(student, new);
            }
            None => {
                l.results.insert(student, new);
            }
        }
    }
    Ok(l)
}

fn read_bounded(p: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let f = std::fs::File::open(p).map_err(|e| format!("cannot read ({e})"))?;
    let mut buf = Vec::new();
    f.take(MAX_BYTES + 1).read_to_end(&mut buf).map_err(|e| format!("cannot read ({e})"))?;
    if buf.len() as u64 > MAX_BYTES {
        return Err(format!("larger than {} MB", MAX_BYTES >> 20));
    }
    Ok(buf)
}
