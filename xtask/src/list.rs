//! `cargo xtask list`: every module and exercise with its state and points, and what to do next.
//!
//! Read from the verdicts the last grades stored ([`crate::progress`]); it runs nothing.

use crate::progress::{Progress, Row, State, pts};
use anyhow::Result;
use ndlab_grader::course::Course;
use std::fmt::Write;
use std::path::Path;

#[derive(clap::Args)]
pub struct ListArgs {
    /// Modules to list (default: all).
    pub modules: Vec<String>,
    /// List another checkout of the exercises (its stored verdicts, under its own target/).
    #[arg(long, value_name = "PATH")]
    pub submission: Option<std::path::PathBuf>,
}

pub fn list(course: &Course, a: ListArgs) -> Result<()> {
    let modules = course.select(&a.modules)?;
    let checkout = crate::checkout(course, a.submission.as_deref())?;
    let p = Progress::load(course, &checkout, &modules)?;
    print!("{}", render(&p, &checkout));
    Ok(())
}

fn mark(r: &Row) -> &'static str {
    match r.entry.as_ref().map(|e| e.state) {
        None => " ",
        Some(State::Passing) => "✓",
        Some(State::OverBudget) => "~",
        Some(State::NotStarted) => "·",
        Some(State::Failing | State::DoesNotBuild) => "✗",
    }
}

/// The listing, as printed.
pub fn render(p: &Progress, checkout: &Path) -> String {
    let mut s = String::new();
    let mut module = "";
    let mut graded_any = false;
    for r in &p.rows {
        if r.module != module {
            module = &r.module;
            let rows: Vec<&Row> = p.rows.iter().filter(|x| x.module == module).collect();
            let got: f64 = rows.iter().filter_map(|x| x.entry.as_ref()).map(|e| e.points).sum();
            let max: f64 = rows.iter().map(|x| x.max_points).sum();
            let done = rows.iter().filter(|x| x.entry.as_ref().is_some_and(|e| e.state.done())).count();
            let stale = if p.changed.contains(&r.module) { "  (sources changed since the last grade)" } else { "" };
            let _ = writeln!(s, "\n{module}  {done}/{} exercises passing, {}/{} points{stale}", rows.len(), pts(got), pts(max));
        }
        let (points, state) = match &r.entry {
            None => (format!("-/{}", pts(r.max_points)), "not graded yet".to_string()),
            Some(e) => {
                graded_any = true;
                let mut st = e.state.words().to_string();
                if e.state == State::Passing && e.timed == Some(false) {
                    st.push_str(" (timed check not run)");
                }
                if let (Some(f), false) = (&e.first_failure, e.state.done() || e.state == State::NotStarted) {
                    let of = e.failure_of.as_deref().map(|o| format!("{o}: ")).unwrap_or_default();
                    st = format!("{st}: {of}{f}");
                }
                if r.stale {
                    st.push_str("  [graded before your last save]");
                }
                (format!("{}/{}", pts(e.points), pts(e.max_points)), st)
            }
        };
        let _ = writeln!(s, "  {} {:<24} {:>7}  {}", mark(r), r.exercise, points, state);
    }
    s.push('\n');
    if !graded_any {
        let _ = writeln!(s, "Nothing graded yet in {}: `cargo xtask grade` (or `cargo xtask watch`) fills this list.", checkout.display());
    }
    for m in &p.changed {
        let _ = writeln!(s, "note: exercises/{m}/src changed since its last grade; `cargo xtask grade {m}` brings this list up to date.");
    }
    match p.next() {
        Some(r) => {
            let target = format!("{}::{}", r.module, r.exercise);
            let _ = writeln!(s, "next: {target}  (`cargo xtask hint {target}`, then `cargo xtask grade {target}`)");
        }
        None => {
            let _ = writeln!(s, "every exercise listed passes.");
        }
    }
    s
}
