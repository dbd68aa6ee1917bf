//! `cargo xtask …`: the ndlab command line. Each command is a thin layer over the judge
//! (`ndlab-grader`) or the course tooling in this crate (`sync`, `publish`).

mod bench;
mod class;
mod grade;
mod gradescope;
mod hint;
mod leaderboard;
mod list;
mod mkl;
mod progress;
mod publish;
mod reset;
mod sync;
mod watch;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand};
use ndlab_grader::course::Course;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "ndlab: grade the exercises, and the instructor's tools", version)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
    /// Build the `ndlab` library with these features, e.g. `--features mkl` (Intel MKL instead of
    /// faer; run `cargo xtask mkl` once first).
    #[arg(long, global = true, value_delimiter = ',')]
    features: Vec<String>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Build the exercises in release mode, run every case and timed check, print the report.
    Grade(grade::GradeArgs),
    /// Every module and exercise with its state and points (from the last grades), and the next
    /// exercise to do.
    List(list::ListArgs),
    /// An exercise's hint; `--more` adds a second, deeper one.
    Hint(hint::HintArgs),
    /// Re-grade on every save: shows the first failing exercise with its hint, then the next one.
    Watch(watch::WatchArgs),
    /// Restore an exercise's (or a whole module's) stub, saving your version under target/ first.
    Reset(reset::ResetArgs),
    /// Grade a whole class: a folder of student checkouts or a CSV roster of git repositories,
    /// one result file per student, resumable, optionally one shard of N (Slurm, Kubernetes,
    /// a GitHub Actions matrix).
    GradeClass(class::GradeClassArgs),
    /// Merge the results folders of several `grade-class` shards into one.
    MergeResults(class::MergeArgs),
    /// Check result files: valid (signed with NDLAB_SIGNING_KEY), unsigned, forged, or graded
    /// against another version of the course. Exits 1 unless every file is valid.
    Verify(leaderboard::VerifyArgs),
    /// Rank a class from its result files: leaderboard.{html,md,csv} and an instructor summary.
    /// With NDLAB_SIGNING_KEY set, only results signed with it count.
    Leaderboard(leaderboard::LeaderboardArgs),
    /// Check the sandbox on this machine: what the kernel enforces, and three attacks tried
    /// from inside it (read a file outside the allowed paths, connect to a listener on
    /// 127.0.0.1, leave a `setsid` process behind).
    Doctor {
        /// Exit with code 1 unless the full sandbox is in force and every attack is blocked.
        #[arg(long)]
        require_sandbox: bool,
    },
    /// Instructors: prove the course works (stubs in sync, expected values current, solutions
    /// at full marks, stubs at zero, naive anti-solutions slow).
    Check {
        /// Modules to check (default: all).
        modules: Vec<String>,
        /// Skip the timing checks (faster; CI on a shared machine may want them anyway).
        #[arg(long)]
        no_timing: bool,
    },
    /// Instructors: time the reference solutions on fixed tasks (release, one thread);
    /// `--compare` runs the same tasks in NumPy in the same run and prints the ratios.
    Bench(bench::BenchArgs),
    /// Instructors: regenerate the expected values from the solutions.
    Gen { modules: Vec<String> },
    /// Instructors: derive `exercises/` from `solutions/` (replace each solution block with `todo!()`).
    Sync {
        /// Only report differences; exit non-zero when the stubs are out of date.
        #[arg(long)]
        check: bool,
    },
    /// Run your exercises on the course's data and draw the results (PNG under target/plots/).
    Plot {
        /// Modules to plot (default: all that have plots).
        modules: Vec<String>,
        /// Instructors: draw with the reference solutions instead of exercises/.
        #[arg(long)]
        solutions: bool,
    },
    /// Install Intel MKL (for `--features mkl`) from PyPI into target/mkl/ and print the
    /// `export MKLROOT=...` line (so `eval "$(cargo xtask mkl)"` works).
    Mkl {
        /// The mkl-static / mkl-include wheel version.
        #[arg(long, default_value = mkl::VERSION)]
        version: String,
    },
    /// Instructors: write the student edition (no solutions, hidden cases or naive variants).
    Publish {
        /// Folder to write it to (must not exist, or be empty).
        #[arg(long)]
        out: PathBuf,
        /// Modules whose reference solutions replace their stubs (after their deadline), e.g.
        /// `--release arrays,kmeans` or `--release arrays --release kmeans`. Still without
        /// naive variants or hidden cases.
        #[arg(long, value_name = "MODULES", value_delimiter = ',')]
        release: Vec<String>,
    },
    /// Instructors: pack the Gradescope autograder (setup.sh, run_autograder and the course
    /// with its hidden cases, without solutions/) into a zip to upload privately.
    Gradescope {
        /// The zip to write, e.g. `autograder.zip`.
        #[arg(long)]
        out: PathBuf,
    },
}

/// `module` or `module::exercise`, checked against the course.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub module: String,
    pub exercise: Option<String>,
}

impl Target {
    pub fn parse(course: &Course, s: &str) -> Result<Target> {
        let (m, e) = match s.split_once("::") {
            Some((m, e)) => (m.trim(), Some(e.trim().to_string())),
            None => (s.trim(), None),
        };
        course.select(&[m.to_string()])?;
        if let Some(e) = &e {
            let spec = ndlab_grader::spec::ModuleSpec::load(m, &course.spec(m), None)?;
            if !spec.exercises.iter().any(|x| &x.name == e) {
                let names: Vec<&str> = spec.exercises.iter().map(|x| x.name.as_str()).collect();
                bail!("module {m} has no exercise {e:?}; its exercises are: {}", names.join(", "));
            }
        }
        Ok(Target { module: m.to_string(), exercise: e })
    }

    /// Modules to build, and per module the exercises to grade (a module named whole wins).
    pub fn split(targets: &[Target]) -> (Vec<String>, std::collections::BTreeMap<String, Vec<String>>) {
        let mut modules: Vec<String> = Vec::new();
        let mut only: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for t in targets {
            if !modules.contains(&t.module) {
                modules.push(t.module.clone());
            }
        }
        for m in &modules {
            if targets.iter().any(|t| &t.module == m && t.exercise.is_none()) {
                continue;
            }
            only.insert(m.clone(), targets.iter().filter(|t| &t.module == m).filter_map(|t| t.exercise.clone()).collect());
        }
        (modules, only)
    }
}

/// The checkout a student command works on: this one, or `--submission PATH`.
pub fn checkout(course: &Course, submission: Option<&std::path::Path>) -> Result<PathBuf> {
    match submission {
        None => Ok(course.root.clone()),
        Some(p) => {
            if !p.join("exercises").is_dir() {
                bail!("{} is not a checkout of the exercises (it has no exercises/ folder)", p.display());
            }
            Ok(p.canonicalize()?)
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn main() -> ExitCode {
    // The grader re-runs this binary as its sandbox supervisor and rustc wrapper.
    if let Some(code) = ndlab_grader::sandbox::helper_main() {
        return ExitCode::from(code.clamp(0, 255) as u8);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let mut course = Course::open(&root())?;
    if let Cmd::Mkl { version } = &cli.cmd {
        let r = mkl::setup(&course.root, version)?;
        eprintln!("Intel MKL is in {}. Export it for cargo (the grader finds it by itself):", r.display());
        println!("export MKLROOT={}", r.display());
        return Ok(ExitCode::SUCCESS);
    }
    if let Cmd::Plot { modules, solutions } = &cli.cmd {
        return plot(&course, modules, *solutions);
    }
    for f in &cli.features {
        match f.as_str() {
            "mkl" => {
                let r = mkl::locate(&course.root)?;
                course.build_env.push(("MKLROOT".into(), r.display().to_string()));
            }
            "faer" => {}
            other => bail!("unknown feature {other:?}: the `ndlab` library has `faer` (default) and `mkl`"),
        }
        course.features.push(f.clone());
    }
    // Status lines always; progress bars draw only on a terminal.
    let progress = true;
    if let Cmd::Doctor { require_sandbox } = &cli.cmd {
        return doctor(&course, *require_sandbox);
    }
    if !matches!(
        cli.cmd,
        Cmd::Grade(_)
            | Cmd::List(_)
            | Cmd::Hint(_)
            | Cmd::Watch(_)
            | Cmd::Reset(_)
            | Cmd::GradeClass(_)
            | Cmd::MergeResults(_)
            | Cmd::Verify(_)
            | Cmd::Leaderboard(_)
    ) && !course.root.join("solutions").is_dir()
    {
        bail!("this is an instructor command and needs solutions/, which the student edition does not have");
    }
    match cli.cmd {
        Cmd::Grade(a) => grade::grade(&course, a, progress),
        Cmd::List(a) => list::list(&course, a).map(|()| ExitCode::SUCCESS),
        Cmd::Hint(a) => hint::hint(&course, a).map(|()| ExitCode::SUCCESS),
        Cmd::Watch(a) => watch::watch(&course, a),
        Cmd::Reset(a) => reset::reset(&course, a),
        Cmd::GradeClass(a) => class::grade_class(&course, a),
        Cmd::MergeResults(a) => class::merge_results(a),
        Cmd::Verify(a) => leaderboard::verify(&course, a),
        Cmd::Leaderboard(a) => leaderboard::leaderboard(&course, a),
        Cmd::Bench(a) => bench::bench(&course, a),
        Cmd::Check { modules, no_timing } => {
            let mut ok = true;
            let mut print = |l: &ndlab_grader::check::Line| {
                ok &= l.ok;
                println!("{} {:<58} {}", if l.ok { "ok  " } else { "FAIL" }, l.name, l.detail);
            };
            let problems = sync::sync(&course, true)?;
            print(&ndlab_grader::check::Line {
                ok: problems.is_empty(),
                name: "stubs in sync with solutions".into(),
                detail: if problems.is_empty() {
                    format!("{} module(s)", course.modules.len())
                } else {
                    format!("{} (run `cargo xtask sync`)", problems.join("; "))
                },
            });
            let hidden = course.default_hidden();
            let o = ndlab_grader::check::CheckOptions { modules, hidden: hidden.exists().then_some(hidden), timing: !no_timing, progress };
            ndlab_grader::check::run(&course, &o, &mut print)?;
            println!("{}", if ok { "check passed" } else { "check FAILED" });
            Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Cmd::Gen { modules } => {
            let modules = course.select(&modules)?;
            let hidden = course.default_hidden();
            let g = ndlab_grader::generate::generate(
                &course,
                &modules,
                hidden.exists().then_some(hidden.as_path()),
                ndlab_grader::grade::default_jobs(),
                progress,
            )?;
            g.write()?;
            for (p, r) in &g.files {
                println!("wrote {} ({} records)", p.strip_prefix(&course.root).unwrap_or(p).display(), r.len());
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Sync { check } => {
            let problems = sync::sync(&course, check)?;
            if check && !problems.is_empty() {
                for p in &problems {
                    println!("out of sync: {p}");
                }
                println!("run `cargo xtask sync` to update exercises/ from solutions/");
                return Ok(ExitCode::from(1));
            }
            println!("{}", if check { "stubs are in sync" } else { "exercises/ derived from solutions/" });
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Mkl { .. } | Cmd::Plot { .. } | Cmd::Doctor { .. } => unreachable!("handled above"),
        Cmd::Publish { out, release } => {
            publish::publish(&course, &out, &release)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Gradescope { out } => {
            let p = gradescope::pack(&course, &out)?;
            println!("wrote {} ({} files, {:.1} MB before compression)", out.display(), p.files, p.bytes as f64 / 1e6);
            println!("left out: solutions/, {}, everything git ignores (target/)", gradescope::EXCLUDED.join(", "));
            println!("upload it under Configure Autograder (Ubuntu 22.04 base image); see deploy/README.md");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn doctor(course: &Course, require: bool) -> Result<ExitCode> {
    let scratch = course.work_dir().join("runs");
    std::fs::create_dir_all(&scratch)?;
    let r = ndlab_grader::sandbox::selftest::run(&course.helper, &scratch)?;
    println!("sandbox: {}", r.enforcement.describe());
    for (what, outcome) in &r.attacks {
        println!("  {what:<50} {outcome}");
    }
    let ok = r.enforcement.is_full() && r.all_blocked();
    println!(
        "{}",
        if ok {
            "the full sandbox is in force: class grading (`--require-sandbox`) works here"
        } else {
            "the full sandbox is NOT in force here: grading works (with a warning), `--require-sandbox` refuses"
        }
    );
    Ok(if ok || !require { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn plot(course: &Course, modules: &[String], solutions: bool) -> Result<ExitCode> {
    if solutions && !course.root.join("solutions").is_dir() {
        bail!("--solutions needs solutions/, which the student edition does not have");
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = std::process::Command::new(cargo);
    cmd.current_dir(&course.root).args(["run", "--release", "--quiet", "-p", "ndlab-plots"]);
    if solutions {
        cmd.args(["--no-default-features", "--features", "solutions"]);
    }
    eprintln!("Building your exercises and the plotting program (release)…");
    let st = cmd.arg("--").args(modules).arg("--out").arg(course.root.join("target/plots")).status()?;
    Ok(if st.success() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}
