//! `cargo xtask grade-class` and `cargo xtask merge-results`: the command-line side of
//! [`ndlab_grader::class`] (progress bar, summary table, exit codes).

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use ndlab_grader::class::{self, ClassOptions, Outcome, Shard};
use ndlab_grader::course::{Course, Source};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct GradeClassArgs {
    /// A folder with one subfolder per student (named by the student's id), or a CSV roster
    /// `student,path[,commit]` of git repositories on disk.
    pub submissions: PathBuf,
    /// Folder for the results: `<student>.json` per student, `summary.csv`.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Modules to grade (default: all).
    pub modules: Vec<String>,
    /// Grade only shard I of N (0 ≤ I < N). Without it: SLURM_ARRAY_TASK_ID/COUNT, or
    /// JOB_COMPLETION_INDEX with --shard-count; else every student.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// The number of shards when the index comes from JOB_COMPLETION_INDEX (Kubernetes).
    #[arg(long, value_name = "N")]
    pub shard_count: Option<usize>,
    /// Folder of hidden cases (default: `grader/hidden/` when it exists).
    #[arg(long, value_name = "DIR", conflicts_with = "no_hidden")]
    pub hidden: Option<PathBuf>,
    /// Public cases only.
    #[arg(long)]
    pub no_hidden: bool,
    /// Skip the timed checks.
    #[arg(long)]
    pub no_timing: bool,
    /// Re-grade students whose results are already current.
    #[arg(long)]
    pub force: bool,
    /// Refuse to grade unless the full sandbox is in force.
    #[arg(long)]
    pub require_sandbox: bool,
    /// Cases run in parallel per student (default: the number of cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Also write `<student>.gradescope.json` (Gradescope's results.json).
    #[arg(long)]
    pub gradescope: bool,
    /// Also write `<student>.junit.xml`.
    #[arg(long)]
    pub junit: bool,
    /// Also write `<student>.classroom.b64` (GitHub Classroom's base64 result).
    #[arg(long)]
    pub classroom: bool,
}

#[derive(clap::Args)]
pub struct MergeArgs {
    /// Results folders written by `grade-class` (one per shard).
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// The merged folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The class's submissions (folder or CSV roster), to list students with no result.
    #[arg(long, value_name = "SUBMISSIONS")]
    pub roster: Option<PathBuf>,
}

/// The hidden-cases folder: `--hidden`, none with `--no-hidden`, else `grader/hidden/` if present.
pub fn hidden_dir(course: &Course, hidden: &Option<PathBuf>, no_hidden: bool) -> Result<Option<PathBuf>> {
    Ok(match (hidden, no_hidden) {
        (_, true) => None,
        (Some(h), _) => {
            if !h.is_dir() {
                bail!("--hidden {}: no such folder", h.display());
            }
            Some(h.clone())
        }
        (None, false) => Some(course.default_hidden()).filter(|h| h.is_dir()),
    })
}

struct Bar(ProgressBar);

impl class::Progress for Bar {
    fn start(&self, total: usize) {
        self.0.set_length(total as u64);
    }
    fn student(&self, id: &str) {
        self.0.set_message(format!("grading {}", ndlab_grader::report::escape_controls(id)));
    }
    fn done(&self, id: &str, outcome: &Outcome) {
        let id = ndlab_grader::report::escape_controls(id);
        let line = match outcome {
            Outcome::Graded { score, max_score, build_failures } => {
                let b = if *build_failures > 0 { format!(", {build_failures} module(s) did not build") } else { String::new() };
                format!("graded   {id}: {score}/{max_score}{b}")
            }
            Outcome::Skipped { score, max_score } => format!("skipped  {id}: {score}/{max_score} (unchanged)"),
            Outcome::Error(why) => format!("ERROR    {id}: {}", ndlab_grader::report::escape_controls(why)),
        };
        // Printed whether or not the bar is drawn (a log file gets every line too).
        self.0.suspend(|| eprintln!("{line}"));
        self.0.inc(1);
    }
}

pub fn grade_class(course: &Course, a: GradeClassArgs) -> Result<ExitCode> {
    let (shard, from) = Shard::resolve(a.shard.as_deref(), a.shard_count, &|k| std::env::var(k).ok())?;
    let students = class::roster(&a.submissions)?;
    let mut grade = ndlab_grader::grade::Options::new(Source::Checkout(course.root.clone()));
    grade.modules = a.modules;
    grade.hidden = hidden_dir(course, &a.hidden, a.no_hidden)?;
    grade.timing = !a.no_timing;
    grade.require_sandbox = a.require_sandbox;
    if let Some(j) = a.jobs {
        grade.jobs = j.max(1);
    }
    let flag = |on: bool| on.then(|| PathBuf::from("-"));
    let reports = ndlab_grader::report::Requested { gradescope: flag(a.gradescope), junit: flag(a.junit), classroom: flag(a.classroom), ..Default::default() };
    let signing_key = ndlab_signing::Key::from_env().map_err(anyhow::Error::msg)?;
    let signed = signing_key.as_ref().map_or("unsigned".to_string(), |k| format!("signed with key {}", k.id()));
    let o = ClassOptions { grade, out: a.out.clone(), shard, force: a.force, reports, signing_key };
    let mine = shard.pick(&students).len();
    eprintln!(
        "Grading {mine} of {} student(s) (shard {}/{}: {from}) into {}{}, results {signed}",
        students.len(),
        shard.index,
        shard.count,
        a.out.display(),
        if o.grade.timing { "" } else { ", without timing" }
    );
    let bar = ProgressBar::new(mine as u64).with_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} students, {elapsed} elapsed, ETA {eta}  {msg}").unwrap().progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let start = std::time::Instant::now();
    let outcomes = class::grade_class(course, &students, &o, &Bar(bar.clone()))?;
    bar.finish_and_clear();

    let count = |f: &dyn Fn(&Outcome) -> bool| outcomes.iter().filter(|(_, o)| f(o)).count();
    let graded = count(&|o| matches!(o, Outcome::Graded { .. }));
    let skipped = count(&|o| matches!(o, Outcome::Skipped { .. }));
    let failed_build = count(&|o| matches!(o, Outcome::Graded { build_failures, .. } if *build_failures > 0));
    let errors: Vec<&(String, Outcome)> = outcomes.iter().filter(|(_, o)| matches!(o, Outcome::Error(_))).collect();
    println!();
    println!("{:<36} {:>6}", "students in this shard", outcomes.len());
    println!("{:<36} {:>6}", "graded", graded);
    println!("{:<36} {:>6}", "skipped (unchanged)", skipped);
    println!("{:<36} {:>6}", "graded, a module did not build", failed_build);
    println!("{:<36} {:>6}", "errors (not graded)", errors.len());
    let secs = start.elapsed().as_secs_f64();
    if graded > 0 {
        println!("{:<36} {:>6.1} s per graded student ({secs:.0} s in all)", "time", secs / graded as f64);
    }
    for (id, o) in &errors {
        if let Outcome::Error(why) = o {
            println!("  error: {}: {}", ndlab_grader::report::escape_controls(id), ndlab_grader::report::escape_controls(why));
        }
    }
    println!("results in {} (summary.csv lists every student)", a.out.display());
    Ok(ExitCode::SUCCESS)
}

pub fn merge_results(a: MergeArgs) -> Result<ExitCode> {
    let roster = a.roster.as_deref().map(class::roster).transpose()?;
    let rep = class::merge(&a.dirs, &a.out, roster.as_deref())?;
    let e = ndlab_grader::report::escape_controls;
    println!("merged {} student(s) into {}", rep.merged, a.out.display());
    for (s, files, kept) in &rep.duplicates {
        let list: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        println!("duplicate: {} in {}; kept {} (newest)", e(s), list.join(", "), kept.display());
    }
    for (p, why) in &rep.unreadable {
        println!("unreadable: {}: {why}", p.display());
    }
    for (s, why) in &rep.errors {
        println!("not graded: {}: {}", e(s), e(why));
    }
    for s in &rep.missing {
        println!("missing: {} has no result in any folder", e(s));
    }
    if a.roster.is_none() {
        println!("(give --roster SUBMISSIONS to list students with no result)");
    }
    Ok(ExitCode::SUCCESS)
}
