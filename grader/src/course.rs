//! Where everything lives: the course layout and the submission being graded.
//!
//! ```text
//! grader/course.toml          the modules, in teaching order; [reports] settings
//! grader/spec/<m>.toml        exercises, public cases, timed checks, points
//! grader/glue/<m>.rs          how the judge calls each exercise (one line each)
//! grader/cases/<m>.jsonl      public cases with expected values (generated: `cargo xtask gen`)
//! <hidden>/<m>.toml, .jsonl   hidden cases and their expected values (default `grader/hidden/`)
//! exercises/<m>/              the stubs students edit (only `src/` is taken from a submission)
//! solutions/<m>/src, naive/   reference solutions and naive anti-solutions (instructors only)
//! ```

use crate::report::ReportSettings;
use crate::report::gradescope::HiddenVisibility;
use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct Course {
    pub root: PathBuf,
    pub modules: Vec<String>,
    /// Scratch space for builds and case folders (default `<root>/target/ndlab`).
    pub work: PathBuf,
    /// The `ndlab-runtime` crate linked into every runner (default `<root>/grader/runtime`).
    pub runtime: PathBuf,
    /// Features of the `ndlab` library crate to build with (e.g. `mkl`); empty = its defaults.
    pub features: Vec<String>,
    /// Extra environment for the build (e.g. `MKLROOT` with the `mkl` feature).
    pub build_env: Vec<(String, String)>,
    /// The binary that plays the sandbox supervisor and the rustc wrapper (see
    /// [`crate::sandbox`]): by default the running program, which must call
    /// [`crate::sandbox::helper_main`] first thing in `main` (the `xtask` binary does).
    pub helper: PathBuf,
    /// How the CI reports are written: `[reports]` in `course.toml`.
    pub reports: ReportSettings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseFile {
    modules: Vec<String>,
    #[serde(default)]
    reports: ReportsTable,
}

/// `[reports]` in `course.toml`.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportsTable {
    /// Gradescope visibility of hidden cases: `after_published` (default) or `hidden`.
    gradescope_hidden_visibility: Option<String>,
}

fn report_settings(file: &Path, t: &ReportsTable) -> Result<ReportSettings> {
    let mut s = ReportSettings::default();
    if let Some(v) = &t.gradescope_hidden_visibility {
        s.gradescope_hidden = HiddenVisibility::parse(v)
            .ok_or_else(|| anyhow::anyhow!("{}: [reports] gradescope_hidden_visibility must be {}, not {v:?}", file.display(), HiddenVisibility::CHOICES))?;
    }
    Ok(s)
}

impl Course {
    /// Reads `grader/course.toml` under `root`.
    pub fn open(root: &Path) -> Result<Course> {
        let root = root.canonicalize().with_context(|| format!("no course at {}", root.display()))?;
        let file = root.join("grader/course.toml");
        let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
        let parsed: CourseFile = toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        for m in &parsed.modules {
            if m.is_empty() || !m.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                bail!("{}: module name {m:?} must be lowercase letters, digits or '_'", file.display());
            }
        }
        let reports = report_settings(&file, &parsed.reports)?;
        Ok(Course {
            reports,
            work: root.join("target/ndlab"),
            runtime: root.join("grader/runtime"),
            root,
            modules: parsed.modules,
            features: vec![],
            build_env: vec![],
            helper: std::env::current_exe().context("cannot find the running program (the sandbox helper)")?,
        })
    }

    /// The modules named on the command line (all of them when none is named), in teaching order.
    pub fn select(&self, names: &[String]) -> Result<Vec<String>> {
        for n in names {
            if !self.modules.contains(n) {
                bail!("no module named {n:?}; the modules are: {}", self.modules.join(", "));
            }
        }
        Ok(self.modules.iter().filter(|m| names.is_empty() || names.contains(m)).cloned().collect())
    }

    pub fn spec(&self, m: &str) -> PathBuf {
        self.root.join("grader/spec").join(format!("{m}.toml"))
    }
    pub fn glue(&self, m: &str) -> PathBuf {
        self.root.join("grader/glue").join(format!("{m}.rs"))
    }
    pub fn public_cases(&self, m: &str) -> PathBuf {
        self.root.join("grader/cases").join(format!("{m}.jsonl"))
    }
    pub fn default_hidden(&self) -> PathBuf {
        self.root.join("grader/hidden")
    }
    pub fn exercise_manifest(&self, m: &str) -> PathBuf {
        self.root.join("exercises").join(m).join("Cargo.toml")
    }
    pub fn naive(&self, m: &str, variant: &str) -> PathBuf {
        self.root.join("solutions").join(m).join("naive").join(format!("{variant}.rs"))
    }
    pub fn runtime_crate(&self) -> PathBuf {
        self.runtime.clone()
    }
    /// The course's public data sets, readable by every case.
    pub fn data_dir(&self) -> PathBuf {
        self.root.join("datasets/data")
    }
    /// Scratch space for builds and case directories.
    pub fn work_dir(&self) -> PathBuf {
        self.work.clone()
    }
}

pub fn hidden_spec(dir: &Path, m: &str) -> PathBuf {
    dir.join(format!("{m}.toml"))
}
pub fn hidden_cases(dir: &Path, m: &str) -> PathBuf {
    dir.join(format!("{m}.jsonl"))
}

/// Whose code is graded.
#[derive(Clone, Debug)]
pub enum Source {
    /// A checkout of the exercises: only `exercises/<m>/src` is taken from it.
    Checkout(PathBuf),
    /// The reference solutions (`solutions/<m>/src`).
    Solutions,
}

impl Source {
    pub fn src_dir(&self, course: &Course, m: &str) -> PathBuf {
        match self {
            Source::Checkout(p) => p.join("exercises").join(m).join("src"),
            Source::Solutions => course.root.join("solutions").join(m).join("src"),
        }
    }
    /// How the student's files are named in messages.
    pub fn display_prefix(&self, m: &str) -> String {
        match self {
            Source::Checkout(_) => format!("exercises/{m}/src/"),
            Source::Solutions => format!("solutions/{m}/src/"),
        }
    }
    pub fn describe(&self) -> String {
        match self {
            Source::Checkout(p) => p.display().to_string(),
            Source::Solutions => "reference solutions".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(toml_text: &str) -> Result<ReportSettings> {
        let parsed: CourseFile = toml::from_str(toml_text).map_err(|e| anyhow::anyhow!("{e}"))?;
        report_settings(Path::new("grader/course.toml"), &parsed.reports)
    }

    #[test]
    fn reports_table_sets_the_gradescope_visibility_of_hidden_cases() {
        assert_eq!(settings("modules = []").unwrap().gradescope_hidden, HiddenVisibility::AfterPublished);
        let hidden = "modules = []\n[reports]\ngradescope_hidden_visibility = \"hidden\"";
        assert_eq!(settings(hidden).unwrap().gradescope_hidden, HiddenVisibility::Hidden);
        let err = settings("modules = []\n[reports]\ngradescope_hidden_visibility = \"visible\"").unwrap_err().to_string();
        assert_eq!(err, "grader/course.toml: [reports] gradescope_hidden_visibility must be \"after_published\" or \"hidden\", not \"visible\"");
        assert!(settings("modules = []\n[reports]\ngradescope_hidden = \"hidden\"").is_err(), "unknown keys are refused");
    }
}
