//! `cargo xtask grade [MODULE | MODULE::EXERCISE]...`: build, run every case and timed check,
//! print the report, record the verdicts for `list` and `watch`, and write the requested files.

use crate::{Target, class, progress};
use anyhow::{Result, bail};
use ndlab_grader::course::{Course, Source};
use ndlab_grader::report::{self, Detail};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct GradeArgs {
    /// Modules or exercises to grade (default: all), e.g. `cargo xtask grade arrays` or
    /// `cargo xtask grade arrays::grid`.
    modules: Vec<String>,
    /// Grade the reference solutions instead of `exercises/`.
    #[arg(long, conflicts_with = "submission")]
    solutions: bool,
    /// Grade another checkout of the exercises (only its `exercises/*/src` is used).
    #[arg(long, value_name = "PATH")]
    submission: Option<PathBuf>,
    /// Folder of hidden cases (default: `grader/hidden/` when it exists).
    #[arg(long, value_name = "DIR", conflicts_with = "no_hidden")]
    hidden: Option<PathBuf>,
    /// Public cases only.
    #[arg(long)]
    no_hidden: bool,
    /// Write the full result as JSON (atomically).
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Write Gradescope's `results.json` (atomically).
    #[arg(long, value_name = "PATH")]
    gradescope: Option<PathBuf>,
    /// Write JUnit XML for GitLab or Jenkins (atomically).
    #[arg(long, value_name = "PATH")]
    junit: Option<PathBuf>,
    /// Write the GitHub Classroom result (base64, atomically); with `$GITHUB_OUTPUT` set, also set
    /// the step output `result` for `autograding-grading-reporter`.
    #[arg(long, value_name = "PATH")]
    classroom: Option<PathBuf>,
    /// GitHub Actions: append a job summary to `$GITHUB_STEP_SUMMARY` (print it when unset) and
    /// print error annotations for the failing exercises.
    #[arg(long)]
    github: bool,
    /// Exit with code 1 when the score is under this percentage (for CI).
    #[arg(long, value_name = "PERCENT")]
    fail_under: Option<f64>,
    /// Skip the timed checks.
    #[arg(long)]
    no_timing: bool,
    /// Show only the status of hidden cases, not their messages (for logs students see).
    #[arg(long)]
    redact_hidden: bool,
    /// Cases run in parallel (default: the number of cores).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Refuse to grade unless the full sandbox (Landlock ABI ≥ 4, seccomp, subreaper) is in
    /// force: for class grading and leaderboards.
    #[arg(long)]
    require_sandbox: bool,
    /// The student's id, recorded in the result (and covered by its signature when
    /// NDLAB_SIGNING_KEY is set), e.g. `--student "$GITHUB_ACTOR"`.
    #[arg(long, value_name = "ID")]
    student: Option<String>,
}

pub fn grade(course: &Course, a: GradeArgs, progress: bool) -> Result<ExitCode> {
    let source = if a.solutions {
        Source::Solutions
    } else if let Some(p) = &a.submission {
        if !p.join("exercises").is_dir() {
            bail!("{} is not a checkout of the exercises (it has no exercises/ folder)", p.display());
        }
        Source::Checkout(p.canonicalize()?)
    } else {
        Source::Checkout(course.root.clone())
    };
    if let Some(f) = a.fail_under
        && !(0.0..=100.0).contains(&f)
    {
        bail!("--fail-under takes a percentage between 0 and 100, got {f}");
    }
    let hidden = class::hidden_dir(course, &a.hidden, a.no_hidden)?;
    let targets = a.modules.iter().map(|t| Target::parse(course, t)).collect::<Result<Vec<_>>>()?;
    let (modules, only) = Target::split(&targets);
    // A grade of some exercises is for the student's own loop: a result file, a CI report or a
    // threshold of one would read as the whole module's (7/7 points is 100 %).
    let reports =
        a.json.is_some() || a.gradescope.is_some() || a.junit.is_some() || a.classroom.is_some() || a.github || a.fail_under.is_some() || a.student.is_some();
    if !only.is_empty() && reports {
        bail!(
            "grading single exercises (`MODULE::EXERCISE`) is for your own loop: --json, --gradescope, --junit, --classroom, --github, --fail-under and --student need whole modules"
        );
    }
    let record = match &source {
        Source::Checkout(p) => Some(p.clone()),
        Source::Solutions => None,
    };
    let mut opts = ndlab_grader::grade::Options::new(source);
    opts.modules = modules;
    opts.exercises = only;
    opts.hidden = hidden;
    opts.timing = !a.no_timing;
    opts.progress = progress;
    opts.require_sandbox = a.require_sandbox;
    opts.student = a.student.filter(|s| !s.trim().is_empty());
    // Read before anything runs, so a bad key stops the run at once (it never leaves this process).
    let key = ndlab_signing::Key::from_env().map_err(anyhow::Error::msg)?;
    if let Some(j) = a.jobs {
        opts.jobs = j.max(1);
    }
    // In GitHub Actions, nothing printed before the annotations is read as a workflow command: a
    // submission's message could otherwise say `::error::` or `::add-mask::` itself.
    let in_actions = std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true");
    let resume = (a.github && in_actions).then(|| {
        let token = unguessable_token();
        println!("::stop-commands::{token}");
        format!("::{token}::")
    });
    if let Source::Checkout(p) = &opts.source {
        opts.untouched = crate::reset::untouched_modules(course, p, &course.select(&opts.modules)?);
    }
    let results = ndlab_grader::grade::grade(course, &opts)?;
    let detail = if a.redact_hidden { Detail::RedactHidden } else { Detail::All };
    print!("{}", report::render(&results, detail));
    if let Some(checkout) = &record {
        // What `list`, `hint` and `watch` read back; a failure here never costs the result.
        match progress::record(checkout, &results) {
            Ok(()) if resume.is_none() => print!("{}", progress::next_line(course, checkout)),
            Ok(()) => {}
            Err(e) => eprintln!("warning: could not store the progress for `cargo xtask list`: {e:#}"),
        }
    }
    if let Some(p) = &a.json {
        report::write_json(p, &results, key.as_ref())?;
        match &key {
            Some(k) => println!("results written to {} (signed, key {})", p.display(), k.id()),
            None => println!("results written to {} (unsigned)", p.display()),
        }
    }
    if let Some(resume) = resume {
        println!("{resume}");
    }
    let requested =
        report::Requested { gradescope: a.gradescope, junit: a.junit, classroom: a.classroom, github: a.github, ..Default::default() }.with_github_env();
    let settings = report::ReportSettings { detail, ..course.reports.clone() };
    report::write_requested(&results, &requested, &settings, &mut std::io::stdout().lock())?;
    if let Some(f) = a.fail_under
        && results.percent < f
    {
        println!("score {:.1}% is under --fail-under {f}%", results.percent);
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// 128 random bits as hex (std's per-process random hash keys, with the time and the process id).
fn unguessable_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = [0u64; 2];
    for (i, x) in h.iter_mut().enumerate() {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_usize(i);
        hasher.write_u32(std::process::id());
        hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
        *x = hasher.finish();
    }
    format!("{:016x}{:016x}", h[0], h[1])
}
