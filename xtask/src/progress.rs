//! Where the student stands: derived from the last results, never kept by hand.
//!
//! Every `cargo xtask grade` (and every round of `watch`) of a checkout records, per exercise,
//! what the judge just said about it under `<checkout>/target/ndlab/progress/<module>.json`,
//! with the hash of the module's sources at that moment. `list`, `watch` and the "next
//! exercise" line read it back against the course's *current* spec: an exercise that was
//! renamed or added since simply shows as not graded yet, and a module whose sources changed
//! since its last grade is named as such. Nothing here is trusted for a score: it is the
//! student's own cache, in the student's own `target/`.

use anyhow::{Context, Result};
use ndlab_grader::course::Course;
use ndlab_grader::results::{Build, ModuleResult, Results, Status};
use ndlab_grader::spec::ModuleSpec;
use ndlab_grader::timing::TimingStatus;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The verdict on one exercise, as `list` shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Every case still hits the stub's `todo!()`.
    NotStarted,
    /// The module does not compile (or cannot be called).
    DoesNotBuild,
    Failing,
    /// Every case passes, and the timed check (if any, and if it ran) is within budget.
    Passing,
    /// Every case passes, but the timed check is over budget.
    OverBudget,
}

impl State {
    pub fn words(self) -> &'static str {
        match self {
            State::NotStarted => "not started",
            State::DoesNotBuild => "does not compile",
            State::Failing => "failing",
            State::Passing => "passing",
            State::OverBudget => "passing, over budget",
        }
    }
    /// Done: the next exercise is elsewhere.
    pub fn done(self) -> bool {
        self == State::Passing
    }
}

/// One exercise's last verdict.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub state: State,
    pub points: f64,
    pub max_points: f64,
    /// The first failure (a case's message, or the timed check's), one line.
    pub first_failure: Option<String>,
    /// The case it came from (`case "name"`), or `timed check`.
    pub failure_of: Option<String>,
    /// Whether the timed check ran (`None`: the exercise has none).
    pub timed: Option<bool>,
    /// SHA-256 of the module's sources when this was graded.
    pub source_hash: String,
    pub graded_at: String,
}

#[derive(Default, Serialize, Deserialize)]
struct ModuleFile {
    exercises: BTreeMap<String, Entry>,
}

fn dir(checkout: &Path) -> PathBuf {
    checkout.join("target/ndlab/progress")
}

fn file(checkout: &Path, m: &str) -> PathBuf {
    dir(checkout).join(format!("{m}.json"))
}

/// Each graded exercise's entry, from one module's results.
pub fn entries(m: &ModuleResult, source_hash: &str, graded_at: &str) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    let mut names: Vec<&str> = m.cases.iter().map(|c| c.exercise.as_str()).collect();
    names.dedup();
    for ex in names {
        let cases: Vec<_> = m.cases.iter().filter(|c| c.exercise == ex).collect();
        let timing = m.timing.iter().find(|t| t.exercise == ex);
        let points = cases.iter().map(|c| c.points).sum::<f64>() + timing.map_or(0.0, |t| t.points);
        let max_points = cases.iter().map(|c| c.max_points).sum::<f64>() + timing.map_or(0.0, |t| t.max_points);
        let failed = cases.iter().find(|c| c.status != Status::Pass);
        let (state, first_failure, failure_of) = if matches!(m.build, Build::Error(_)) {
            let why = match &m.build {
                Build::Error(e) => e.lines().find(|l| l.trim_start().starts_with("error")).unwrap_or("the module does not compile").trim().to_string(),
                Build::Ok | Build::NotStarted => unreachable!(),
            };
            (State::DoesNotBuild, Some(why), None)
        } else if let Some(c) = failed {
            let not_started = cases.iter().all(|c| c.status != Status::Pass && c.message.starts_with("not implemented yet"));
            let name = if c.hidden { format!("hidden case {:?}", c.case) } else { format!("case {:?}", c.case) };
            (if not_started { State::NotStarted } else { State::Failing }, Some(first_line(&c.message)), Some(name))
        } else if let Some(t) = timing.filter(|t| matches!(t.status, TimingStatus::Fail | TimingStatus::Error)) {
            let state = if t.status == TimingStatus::Fail { State::OverBudget } else { State::Failing };
            (state, Some(first_line(&t.message)), Some("timed check".into()))
        } else {
            (State::Passing, None, None)
        };
        out.insert(
            ex.to_string(),
            Entry {
                state,
                points,
                max_points,
                first_failure,
                failure_of,
                timed: timing.map(|t| t.status != TimingStatus::NotRun),
                source_hash: source_hash.to_string(),
                graded_at: graded_at.to_string(),
            },
        );
    }
    out
}

fn first_line(s: &str) -> String {
    let l = s.lines().next().unwrap_or("").trim();
    if l.chars().count() > 160 { format!("{}…", l.chars().take(159).collect::<String>()) } else { l.to_string() }
}

/// `checkout/<parts...>`, created as plain folders: a checkout graded with `--submission` is not
/// ours, and a symbolic link committed as `target/ndlab/progress` must not make the grader write
/// wherever it points.
pub fn plain_dir(checkout: &Path, parts: &[&str]) -> Result<PathBuf> {
    let mut p = checkout.to_path_buf();
    for part in parts {
        p.push(part);
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => anyhow::bail!("{} is not a plain folder (a link?): not writing there", p.display()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir(&p).with_context(|| format!("cannot create {}", p.display()))?;
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", p.display())),
        }
    }
    Ok(p)
}

/// Stores what `results` says of each graded exercise of `checkout` (merged into what was
/// stored before: grading one exercise leaves the others' entries as they were).
pub fn record(checkout: &Path, results: &Results) -> Result<()> {
    plain_dir(checkout, &["target", "ndlab", "progress"])?;
    for m in &results.modules {
        let hash = ndlab_grader::provenance::source_hash(checkout, std::slice::from_ref(&m.name));
        let path = file(checkout, &m.name);
        let mut stored: ModuleFile = std::fs::read(&path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
        stored.exercises.extend(entries(m, &hash, &results.graded_at));
        let tmp = path.with_extension("json.tmp");
        let _ = std::fs::remove_file(&tmp);
        // `create_new` does not follow a link left at the temporary name.
        use std::io::Write;
        std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?.write_all(&serde_json::to_vec_pretty(&stored)?)?;
        std::fs::rename(&tmp, &path)?;
    }
    Ok(())
}

/// One exercise of the course, in teaching order, with its last verdict (if any).
pub struct Row {
    pub module: String,
    pub exercise: String,
    pub hint: Option<String>,
    /// Points the exercise is worth (public and, when present, hidden cases; its timed check).
    pub max_points: f64,
    pub entry: Option<Entry>,
    /// The entry was graded from sources that have changed since.
    pub stale: bool,
}

/// The course as it is now, joined with the stored verdicts of `checkout`.
pub struct Progress {
    pub rows: Vec<Row>,
    /// Modules whose sources changed since the verdicts stored for them.
    pub changed: Vec<String>,
}

impl Progress {
    pub fn load(course: &Course, checkout: &Path, modules: &[String]) -> Result<Progress> {
        let hidden = course.default_hidden();
        let mut rows = Vec::new();
        let mut changed = Vec::new();
        for m in modules {
            let spec = ModuleSpec::load(m, &course.spec(m), hidden.exists().then(|| ndlab_grader::course::hidden_spec(&hidden, m)).as_deref())?;
            let stored: ModuleFile = std::fs::read(file(checkout, m)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
            let now = ndlab_grader::provenance::source_hash(checkout, std::slice::from_ref(m));
            let mut stale = false;
            for e in &spec.exercises {
                let entry = stored.exercises.get(&e.name).cloned();
                let old = entry.as_ref().is_some_and(|x| x.source_hash != now);
                stale |= old;
                let max_points = spec.cases.iter().filter(|c| c.exercise == e.name).map(|c| c.points).sum::<f64>()
                    + spec.timing.iter().filter(|t| t.exercise == e.name).map(|t| t.points).sum::<f64>();
                rows.push(Row { module: m.clone(), exercise: e.name.clone(), hint: e.hint.clone(), max_points, entry, stale: old });
            }
            if stale {
                changed.push(m.clone());
            }
        }
        Ok(Progress { rows, changed })
    }

    /// The first exercise in teaching order that is not passing (never graded counts).
    pub fn next(&self) -> Option<&Row> {
        self.rows.iter().find(|r| !r.entry.as_ref().is_some_and(|e| e.state.done()))
    }
}

/// After a grade: the next exercise to do (one line), or nothing when every exercise passes.
pub fn next_line(course: &Course, checkout: &Path) -> String {
    match Progress::load(course, checkout, &course.modules) {
        Ok(p) => match p.next() {
            Some(r) => {
                let t = format!("{}::{}", r.module, r.exercise);
                format!("Next: {t}  (`cargo xtask hint {t}`; `cargo xtask list` shows every exercise)\n")
            }
            None => "Every exercise of the course passes.\n".into(),
        },
        Err(_) => String::new(),
    }
}

/// Points as the student reads them: `7`, `2.5`.
pub fn pts(x: f64) -> String {
    let x = x + 0.0; // an empty sum is -0
    if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.1}") }
}
