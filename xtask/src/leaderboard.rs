//! `cargo xtask verify` and `cargo xtask leaderboard`: thin layers over the `ndlab-signing` and
//! `ndlab-leaderboard` crates. The only thing they take from the judge is the course version a
//! result must carry, computed from this checkout's course files.

use anyhow::{Result, bail};
use ndlab_grader::course::Course;
use ndlab_signing::{Key, Verdict};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct VerifyArgs {
    /// Result files, or folders of them (`*.json`, not `*.gradescope.json`).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(clap::Args)]
pub struct LeaderboardArgs {
    /// Result files, or folders of them (`grade-class` output folders, merged or not).
    #[arg(required = true)]
    results: Vec<PathBuf>,
    /// Folder to write `leaderboard.{html,md,csv}` and `instructor-summary.md` to.
    #[arg(long)]
    out: PathBuf,
    /// A CSV `student,name` of display names; students not in it get a pseudonym.
    #[arg(long, value_name = "CSV")]
    names: Option<PathBuf>,
    /// Derive pseudonyms from this salt (default: from NDLAB_SIGNING_KEY).
    #[arg(long)]
    salt: Option<String>,
    /// Show student ids instead of pseudonyms (a private copy for the instructors).
    #[arg(long)]
    ids: bool,
    /// The page's title.
    #[arg(long, default_value = "ndlab leaderboard")]
    title: String,
}

/// The course version a result must carry, given its modules and whether it used hidden cases;
/// `None` for a module this course does not have (memoised: a class shares a handful).
fn course_versions(course: &Course) -> impl Fn(&[String], bool) -> Option<String> + '_ {
    let cache: RefCell<BTreeMap<(Vec<String>, bool), Option<String>>> = RefCell::new(BTreeMap::new());
    move |modules: &[String], hidden: bool| {
        cache
            .borrow_mut()
            .entry((modules.to_vec(), hidden))
            .or_insert_with(|| {
                let selected = course.select(modules).ok().filter(|s| s.len() == modules.len())?;
                let hd = course.default_hidden();
                if hidden && !hd.is_dir() {
                    return None;
                }
                ndlab_grader::grade::course_version(course, &selected, hidden.then_some(hd.as_path())).ok()
            })
            .clone()
    }
}

fn key() -> Result<Option<Key>> {
    Key::from_env().map_err(anyhow::Error::msg)
}

pub fn verify(course: &Course, a: VerifyArgs) -> Result<ExitCode> {
    let key = key()?;
    let expected = course_versions(course);
    let files = ndlab_leaderboard::load::collect(&a.files)?;
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for f in &files {
        let verdict = match std::fs::read(f) {
            Ok(bytes) => match serde_json::from_slice::<serde_json::Value>(&bytes) {
                Ok(v) => {
                    let modules: Vec<String> =
                        v["modules"].as_array().map(|ms| ms.iter().filter_map(|m| m["name"].as_str().map(str::to_string)).collect()).unwrap_or_default();
                    let hidden = v["hidden_cases"].as_bool().unwrap_or(false);
                    let want = expected(&modules, hidden).unwrap_or_else(|| "(not a version of this course)".into());
                    ndlab_signing::verify(&v, key.as_ref(), Some(&want))
                }
                Err(e) => Verdict::Malformed(format!("not JSON ({e})")),
            },
            Err(e) => Verdict::Malformed(format!("cannot read ({e})")),
        };
        *counts.entry(verdict.word()).or_default() += 1;
        println!("{}: {}", f.display(), verdict.explain());
    }
    let summary: Vec<String> = counts.iter().map(|(w, n)| format!("{n} {w}")).collect();
    println!("{} file(s): {}", files.len(), summary.join(", "));
    if key.is_none() {
        println!("NDLAB_SIGNING_KEY is not set: signatures were not checked");
    }
    let all_valid = counts.keys().all(|w| *w == Verdict::Valid.word());
    Ok(if all_valid && key.is_some() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

pub fn leaderboard(course: &Course, a: LeaderboardArgs) -> Result<ExitCode> {
    let key = key()?;
    if key.is_none() && a.salt.is_none() && a.names.is_none() && !a.ids {
        bail!("students need names on the page: set NDLAB_SIGNING_KEY (pseudonyms from the key), or give --salt, --names CSV or --ids");
    }
    let expected = course_versions(course);
    let o = ndlab_leaderboard::Options {
        inputs: a.results,
        out: a.out.clone(),
        key: key.clone(),
        salt: a.salt,
        names: a.names,
        show_ids: a.ids,
        title: a.title,
        course_version: &expected,
    };
    let done = ndlab_leaderboard::build(&o)?;
    let l = &done.loaded;
    for (f, why) in &l.rejected {
        println!("rejected {}: {why}", f.display());
    }
    for (f, why) in &l.malformed {
        eprintln!("warning: skipped {} (malformed: {why})", f.display());
    }
    println!(
        "{} student(s) ranked{}; {} rejected, {} malformed skipped, {} older result(s) superseded",
        done.board.entries.len(),
        if key.is_some() { ", every result signed with this course's key" } else { " (UNVERIFIED: NDLAB_SIGNING_KEY is not set)" },
        l.rejected.len(),
        l.malformed.len(),
        l.superseded.len()
    );
    for f in &done.files {
        println!("wrote {}", f.display());
    }
    Ok(ExitCode::SUCCESS)
}
