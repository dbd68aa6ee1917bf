//! A module's scoring spec: `grader/spec/<module>.toml` (exercises, public cases, timed checks)
//! and `grader/hidden/<module>.toml` (hidden cases). Validated on load; every problem is reported
//! with the file and the entry it is in.

use anyhow::{Context, Result, anyhow, bail};
use ndlab_runtime::inputs::ArgSpec;
use ndlab_runtime::prims::Primitive;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

/// How a result is compared with the expected value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Compare {
    /// Every element equal (integers, bools, shapes, indices).
    Exact,
    /// `|got - expected| <= atol + rtol * |expected|` elementwise; NaN equals NaN unless `equal_nan = false`.
    Allclose {
        #[serde(default = "default_rtol")]
        rtol: f64,
        #[serde(default = "default_atol")]
        atol: f64,
        #[serde(default = "yes")]
        equal_nan: bool,
    },
}
fn default_rtol() -> f64 {
    1e-9
}
fn default_atol() -> f64 {
    1e-12
}
fn yes() -> bool {
    true
}
impl Default for Compare {
    fn default() -> Self {
        Compare::Allclose { rtol: default_rtol(), atol: default_atol(), equal_nan: true }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    module: String,
    #[serde(default)]
    defaults: RawDefaults,
    #[serde(default)]
    exercise: Vec<RawExercise>,
    #[serde(default)]
    case: Vec<RawCase>,
    #[serde(default)]
    timing: Vec<RawTiming>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    timeout: Option<String>,
    /// Wall-clock limit on compiling the module (default 180 s).
    build_timeout: Option<String>,
    memory: Option<String>,
    compare: Option<Compare>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    name: String,
    hint: Option<String>,
    /// The second hint (`cargo xtask hint --more`): the idiom and the shape of the answer.
    hint_more: Option<String>,
    compare: Option<Compare>,
    timeout: Option<String>,
    memory: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    exercise: String,
    name: String,
    /// Routes the case to the glue entry `exercise/check` (a derived check, such as a
    /// statistical test of a random sample) instead of the exercise's own entry.
    check: Option<String>,
    points: Option<f64>,
    args: Vec<ArgSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTiming {
    exercise: String,
    points: f64,
    budget: String,
    args: Vec<ArgSpec>,
    #[serde(default)]
    naive: Vec<String>,
    #[serde(default)]
    accepted: Vec<String>,
    memory: Option<String>,
    /// What makes the slow way slow: shown when the check is over its budget.
    hint: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Exercise {
    pub name: String,
    /// Shown with the exercise's failures: what to look at first.
    pub hint: Option<String>,
    /// The deeper second hint (`cargo xtask hint --more`): the idiom and the shape of the
    /// answer, never the answer.
    pub hint_more: Option<String>,
    pub compare: Compare,
    pub timeout: Duration,
    pub memory: u64,
}

#[derive(Clone, Debug)]
pub struct Case {
    pub exercise: String,
    pub name: String,
    /// `Some("moments")` calls the glue entry `exercise/moments`.
    pub check: Option<String>,
    pub hidden: bool,
    pub points: f64,
    pub args: Vec<ArgSpec>,
}

impl Case {
    /// The glue entry that runs this case: the exercise, or `exercise/check`.
    pub fn entry(&self) -> String {
        match &self.check {
            Some(c) => format!("{}/{c}", self.exercise),
            None => self.exercise.clone(),
        }
    }

    /// Identifies the inputs, so stale expected values are noticed.
    pub fn spec_hash(&self) -> String {
        fnv(&serde_json::to_string(&(&self.entry(), &self.args)).unwrap())
    }
}

/// A budget: `factor × primitive`.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    pub factor: f64,
    pub primitive: Primitive,
}

impl std::fmt::Display for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} × {}", self.factor, self.primitive)
    }
}

#[derive(Clone, Debug)]
pub struct Timing {
    pub exercise: String,
    pub points: f64,
    pub budget: Budget,
    pub args: Vec<ArgSpec>,
    pub naive: Vec<String>,
    /// Other idiomatic solutions the lesson mentions: `check` proves they pass with margin.
    pub accepted: Vec<String>,
    pub memory: u64,
    /// What makes the slow way slow (shown when the check is over its budget).
    pub hint: Option<String>,
}

impl Timing {
    pub fn spec_hash(&self) -> String {
        fnv(&serde_json::to_string(&(&self.exercise, &self.args)).unwrap())
    }
}

/// Everything the judge knows about one module.
#[derive(Clone, Debug)]
pub struct ModuleSpec {
    pub module: String,
    /// Compiling the module's crates longer than this fails the module alone.
    pub build_timeout: Duration,
    pub exercises: Vec<Exercise>,
    pub cases: Vec<Case>,
    pub timing: Vec<Timing>,
}

impl ModuleSpec {
    pub fn exercise(&self, name: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.name == name)
    }
}

fn fnv(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// `"5s"`, `"500ms"`, `"2m"`.
pub fn parse_duration(s: &str) -> Result<Duration> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len()));
    let x: f64 = num.trim().parse().map_err(|_| anyhow!("{s:?} is not a duration (write e.g. \"5s\" or \"500ms\")"))?;
    let secs = match unit.trim() {
        "ms" => x / 1000.0,
        "s" | "" => x,
        "m" | "min" => x * 60.0,
        u => bail!("{s:?}: unknown unit {u:?} (use ms, s or m)"),
    };
    if !(secs > 0.0 && secs <= 3600.0) {
        bail!("{s:?}: a timeout must be between 1ms and 1 hour");
    }
    Ok(Duration::from_secs_f64(secs))
}

/// `"1GB"`, `"512MB"`, `"64KB"`, or a plain number of bytes.
pub fn parse_bytes(s: &str) -> Result<u64> {
    let t = s.trim();
    let (num, unit) = t.split_at(t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len()));
    let x: f64 = num.trim().parse().map_err(|_| anyhow!("{s:?} is not a size (write e.g. \"1GB\" or \"80MB\")"))?;
    let mult = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1.0,
        "KB" | "K" => 1024.0,
        "MB" | "M" => 1024.0 * 1024.0,
        "GB" | "G" => 1024.0 * 1024.0 * 1024.0,
        u => bail!("{s:?}: unknown unit {u:?} (use KB, MB or GB)"),
    };
    if !(x > 0.0) {
        bail!("{s:?}: a size must be positive");
    }
    Ok((x * mult) as u64)
}

/// `"3 * gemm(2000, 64, 2000)"`, `"6 * pass(8MB)"`, `"pass(80MB)"`.
pub fn parse_budget(s: &str) -> Result<Budget> {
    let err = || {
        anyhow!("malformed budget {s:?}: write `<factor> * gemm(m, k, n)` or `<factor> * pass(<size>)`, e.g. \"3 * gemm(2000, 64, 2000)\" or \"6 * pass(8MB)\"")
    };
    let (factor, prim) = match s.split_once('*') {
        Some((f, p)) => (f.trim().parse::<f64>().map_err(|_| err())?, p.trim()),
        None => (1.0, s.trim()),
    };
    if !(factor > 0.0 && factor.is_finite()) {
        bail!("budget {s:?}: the factor must be a positive number");
    }
    let open = prim.find('(').ok_or_else(err)?;
    if !prim.ends_with(')') {
        return Err(err());
    }
    let (name, inner) = (prim[..open].trim(), &prim[open + 1..prim.len() - 1]);
    let primitive = match name {
        "gemm" => {
            let dims: Vec<usize> = inner.split(',').map(|d| d.trim().parse::<usize>()).collect::<Result<_, _>>().map_err(|_| err())?;
            match dims[..] {
                [m, k, n] if m > 0 && k > 0 && n > 0 => Primitive::Gemm { m, k, n },
                _ => return Err(err()),
            }
        }
        "pass" => {
            let bytes = parse_bytes(inner).map_err(|_| err())?;
            if bytes < 1024 {
                bail!("budget {s:?}: a pass over less than 1KB cannot be timed reliably");
            }
            Primitive::Pass { bytes: bytes as usize }
        }
        _ => return Err(err()),
    };
    Ok(Budget { factor, primitive })
}

fn read(path: &Path) -> Result<RawFile> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    toml::from_str(&text).map_err(|e| anyhow!("{}: {e}", path.display()))
}

impl ModuleSpec {
    /// Loads `spec` (and `hidden`, if it exists) and checks them.
    pub fn load(module: &str, spec: &Path, hidden: Option<&Path>) -> Result<ModuleSpec> {
        let raw = read(spec)?;
        let at = |what: String| anyhow!("{}: {what}", spec.display());
        if raw.module != module {
            return Err(at(format!("`module = {:?}` but the file is for module {module:?}", raw.module)));
        }
        let d = &raw.defaults;
        let timeout = parse_duration(d.timeout.as_deref().unwrap_or("5s")).map_err(|e| at(format!("[defaults] timeout: {e}")))?;
        let memory = parse_bytes(d.memory.as_deref().unwrap_or("1GB")).map_err(|e| at(format!("[defaults] memory: {e}")))?;
        let compare = d.compare.clone().unwrap_or_default();
        check_compare(&compare).map_err(|e| at(format!("[defaults] compare: {e}")))?;

        let mut exercises = Vec::new();
        let mut seen = BTreeSet::new();
        for e in &raw.exercise {
            if !seen.insert(e.name.clone()) {
                return Err(at(format!("exercise {:?} is declared twice", e.name)));
            }
            let ctx = |what: &str, err: anyhow::Error| at(format!("exercise {:?}: {what}: {err}", e.name));
            let c = e.compare.clone().unwrap_or_else(|| compare.clone());
            check_compare(&c).map_err(|err| ctx("compare", err))?;
            exercises.push(Exercise {
                name: e.name.clone(),
                hint: e.hint.clone(),
                hint_more: e.hint_more.clone(),
                compare: c,
                timeout: e.timeout.as_deref().map(parse_duration).transpose().map_err(|err| ctx("timeout", err))?.unwrap_or(timeout),
                memory: e.memory.as_deref().map(parse_bytes).transpose().map_err(|err| ctx("memory", err))?.unwrap_or(memory),
            });
        }
        let build_timeout = parse_duration(d.build_timeout.as_deref().unwrap_or("180s")).map_err(|e| at(format!("[defaults] build_timeout: {e}")))?;
        let mut spec_out = ModuleSpec { module: module.into(), build_timeout, exercises, cases: vec![], timing: vec![] };
        spec_out.add_cases(&raw.case, false, spec)?;
        if let Some(h) = hidden.filter(|h| h.exists()) {
            let rawh = read(h)?;
            if rawh.module != module {
                bail!("{}: `module = {:?}` but the file is for module {module:?}", h.display(), rawh.module);
            }
            if !rawh.exercise.is_empty() || !rawh.timing.is_empty() {
                bail!("{}: a hidden file may only hold [[case]] entries", h.display());
            }
            spec_out.add_cases(&rawh.case, true, h)?;
        }
        for t in &raw.timing {
            let ctx = |what: String| at(format!("[[timing]] for {:?}: {what}", t.exercise));
            if spec_out.exercise(&t.exercise).is_none() {
                return Err(ctx("unknown exercise (declare it in an [[exercise]] entry)".into()));
            }
            if !(t.points >= 0.0 && t.points.is_finite()) {
                return Err(ctx(format!("points must be a non-negative number, got {}", t.points)));
            }
            if spec_out.timing.iter().any(|x| x.exercise == t.exercise) {
                return Err(ctx("a second timed check for the same exercise".into()));
            }
            for (i, a) in t.args.iter().enumerate() {
                a.check().map_err(|e| ctx(format!("argument {}: {e}", i + 1)))?;
            }
            spec_out.timing.push(Timing {
                exercise: t.exercise.clone(),
                points: t.points,
                budget: parse_budget(&t.budget).map_err(|e| ctx(e.to_string()))?,
                args: t.args.clone(),
                naive: t.naive.clone(),
                accepted: t.accepted.clone(),
                memory: t.memory.as_deref().map(parse_bytes).transpose().map_err(|e| ctx(format!("memory: {e}")))?.unwrap_or(4 << 30),
                hint: t.hint.clone(),
            });
        }
        for e in &spec_out.exercises {
            if !spec_out.cases.iter().any(|c| c.exercise == e.name && !c.hidden) {
                return Err(at(format!("exercise {:?} has no public case", e.name)));
            }
        }
        Ok(spec_out)
    }

    fn add_cases(&mut self, raw: &[RawCase], hidden: bool, file: &Path) -> Result<()> {
        for c in raw {
            let at = |what: String| anyhow!("{}: case {:?} of {:?}: {what}", file.display(), c.name, c.exercise);
            if self.exercise(&c.exercise).is_none() {
                return Err(at("unknown exercise (declare it in an [[exercise]] entry of the public spec)".into()));
            }
            if self.cases.iter().any(|x| x.exercise == c.exercise && x.name == c.name) {
                return Err(at("a case with this name already exists".into()));
            }
            let points = c.points.unwrap_or(1.0);
            if !(points >= 0.0 && points.is_finite()) {
                return Err(at(format!("points must be a non-negative number, got {points}")));
            }
            for (i, a) in c.args.iter().enumerate() {
                a.check().map_err(|e| at(format!("argument {}: {e}", i + 1)))?;
            }
            if let Some(k) = &c.check
                && (k.is_empty() || k.contains('/'))
            {
                return Err(at(format!("check {k:?} must be a plain name (the glue entry is \"{}/<check>\")", c.exercise)));
            }
            self.cases.push(Case { exercise: c.exercise.clone(), name: c.name.clone(), check: c.check.clone(), hidden, points, args: c.args.clone() });
        }
        Ok(())
    }
}

fn check_compare(c: &Compare) -> Result<()> {
    if let Compare::Allclose { rtol, atol, .. } = c
        && !(*rtol >= 0.0 && *atol >= 0.0)
    {
        bail!("rtol and atol must be non-negative");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<ModuleSpec> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.toml");
        std::fs::write(&p, text).unwrap();
        ModuleSpec::load("m", &p, None)
    }

    const GOOD: &str = r#"
module = "m"
[[exercise]]
name = "f"
[[case]]
exercise = "f"
name = "one"
args = [1, [1.5, 2]]
[[timing]]
exercise = "f"
points = 2
budget = "3 * gemm(200, 64, 200)"
args = [{ randn = [10] }]
"#;

    #[test]
    fn a_good_spec_loads() {
        let s = load(GOOD).unwrap();
        assert_eq!(s.cases.len(), 1);
        assert_eq!(s.timing[0].budget, Budget { factor: 3.0, primitive: Primitive::Gemm { m: 200, k: 64, n: 200 } });
    }

    #[test]
    fn bad_specs_get_clear_errors() {
        let err = |t: &str| load(t).unwrap_err().to_string();
        assert!(err("module = \"m\"\n[[exercise]\n").contains("m.toml"));
        assert!(err(&GOOD.replace("exercise = \"f\"\nname = \"one\"", "exercise = \"g\"\nname = \"one\"")).contains("unknown exercise"));
        assert!(err(&GOOD.replace("points = 2", "points = -2")).contains("non-negative"));
        assert!(err(&GOOD.replace("3 * gemm(200, 64, 200)", "3 * gemm(200, 64)")).contains("malformed budget"));
        assert!(err(&GOOD.replace("3 * gemm(200, 64, 200)", "fast")).contains("malformed budget"));
        assert!(err(&GOOD.replace("name = \"f\"", "name = \"f\"\ncolour = 1")).contains("unknown field"));
        assert!(err(&GOOD.replace("{ randn = [10] }", "{ randn = [10], zeros = [2] }")).contains("exactly one"));
        assert!(err(&GOOD.replace("args = [1, [1.5, 2]]", "args = [[[1, 2], [3]]]")).contains("ragged"));
    }

    #[test]
    fn budgets_and_sizes_parse() {
        assert_eq!(parse_budget("6 * pass(8MB)").unwrap().primitive, Primitive::Pass { bytes: 8 << 20 });
        assert_eq!(parse_budget("pass(64KB)").unwrap().factor, 1.0);
        assert!(parse_budget("-1 * pass(8MB)").is_err());
        assert!(parse_budget("2 * pass(8)").is_err());
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert!(parse_duration("5 parsecs").is_err());
        assert_eq!(parse_bytes("1GB").unwrap(), 1 << 30);
    }
}
