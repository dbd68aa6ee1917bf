//! `cargo xtask hint [MODULE::EXERCISE] [--more]`: the exercise's hint, and on request the
//! second, deeper one (the idiom and the shape of the answer, never the answer). Both come from
//! the grader's spec (`grader/spec/<module>.toml`: `hint` and `hint_more`).

use crate::progress::Progress;
use anyhow::{Result, bail};
use ndlab_grader::course::{Course, Source};
use ndlab_grader::spec::ModuleSpec;

#[derive(clap::Args)]
pub struct HintArgs {
    /// The exercise, e.g. `arrays::grid` (default: the next one to do, from `cargo xtask list`).
    pub exercise: Option<String>,
    /// Also show the second, deeper hint.
    #[arg(long)]
    pub more: bool,
}

pub fn hint(course: &Course, a: HintArgs) -> Result<()> {
    let (m, ex) = match &a.exercise {
        Some(t) => match crate::Target::parse(course, t)? {
            crate::Target { module, exercise: Some(e) } => (module, e),
            crate::Target { module, exercise: None } => {
                let spec = ModuleSpec::load(&module, &course.spec(&module), None)?;
                let names: Vec<&str> = spec.exercises.iter().map(|e| e.name.as_str()).collect();
                bail!("name one exercise, e.g. `cargo xtask hint {module}::{}`; the exercises of {module} are: {}", names[0], names.join(", "));
            }
        },
        None => {
            let p = Progress::load(course, &course.root, &course.modules)?;
            match p.next() {
                Some(r) => (r.module.clone(), r.exercise.clone()),
                None => {
                    println!("Every exercise passes: nothing left to hint at. `cargo xtask hint MODULE::EXERCISE` shows any exercise's hints.");
                    return Ok(());
                }
            }
        }
    };
    print!("{}", render(course, &m, &ex, a.more)?);
    Ok(())
}

/// The hint text for one exercise, as printed.
pub fn render(course: &Course, m: &str, ex: &str, more: bool) -> Result<String> {
    let spec = ModuleSpec::load(m, &course.spec(m), None)?;
    let Some(e) = spec.exercises.iter().find(|e| e.name == ex) else { bail!("module {m} has no exercise {ex:?}") };
    let at = ndlab_grader::grade::locate_functions(&Source::Checkout(course.root.clone()), course, m, std::iter::once(ex));
    let mut s = format!("{m}::{ex}");
    if let Some(l) = at.get(ex) {
        s += &format!("  ({}:{})", l.file, l.line);
    }
    s.push('\n');
    s += &format!("hint: {}\n", e.hint.as_deref().unwrap_or("(this exercise has no hint; its lesson is in the doc comment above the function)"));
    if let Some(t) = spec.timing.iter().find(|t| t.exercise == ex) {
        s += &format!("timed: this exercise also has a timed check ({} points, budget {})\n", t.points, t.budget);
    }
    if more {
        match &e.hint_more {
            Some(h) => s += &format!("more: {h}\n"),
            None => s += "more: (no second hint for this exercise)\n",
        }
        if let Some(h) = spec.timing.iter().find(|t| t.exercise == ex).and_then(|t| t.hint.as_ref()) {
            s += &format!("speed: {h}\n");
        }
    } else if e.hint_more.is_some() {
        s += &format!("Stuck? `cargo xtask hint {m}::{ex} --more` gives a deeper hint: the idiom and the shape of the answer.\n");
    }
    Ok(s)
}
