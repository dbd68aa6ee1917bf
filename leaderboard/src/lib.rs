//! The leaderboard: ranks a class from its result files and writes the pages.
//!
//! It reads result files only (the JSON `grade --json` and `grade-class` write) and never links
//! the judge: what it needs from the course (the course version a result must have been
//! graded against) the caller passes in. One file per concern:
//!
//! | concern | module |
//! |---|---|
//! | reading result files, checking their signatures, the newest per student | [`load`] |
//! | the speed figure, ranking, pseudonyms and display names | [`rank`] |
//! | `leaderboard.md`, `leaderboard.csv`, `leaderboard.html` (template + inline SVG charts) | [`page`] |
//! | the instructor summary (per case and timed check; hidden fails while public passes) | [`summary`] |

pub mod load;
pub mod page;
pub mod rank;
pub mod summary;

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// What the caller knows about the course: the version a result must have been graded against,
/// given the modules it covers and whether hidden cases were used (`None`: cannot tell).
pub type CourseVersion<'a> = &'a dyn Fn(&[String], bool) -> Option<String>;

pub struct Options<'a> {
    /// Result files, or folders of them.
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    /// The instructor's key: with it, only results it signed are ranked.
    pub key: Option<ndlab_signing::Key>,
    /// A salt for pseudonyms when no key is given.
    pub salt: Option<String>,
    /// A CSV `student,name` of display names (students not in it get a pseudonym).
    pub names: Option<PathBuf>,
    /// Show student ids as they are (an instructor's private copy).
    pub show_ids: bool,
    pub title: String,
    pub course_version: CourseVersion<'a>,
}

/// What was written and what was left out.
pub struct Outcome {
    pub board: rank::Board,
    pub loaded: load::Loaded,
    pub files: Vec<PathBuf>,
}

/// Reads, verifies, ranks and writes `leaderboard.{md,csv,html}` and `instructor-summary.md`.
pub fn build(o: &Options) -> Result<Outcome> {
    let loaded = load::load(&o.inputs, o.key.as_ref(), o.course_version)?;
    let names = match &o.names {
        Some(p) => rank::read_names(p)?,
        None => Default::default(),
    };
    let naming = rank::Naming::new(o.key.as_ref(), o.salt.as_deref(), names, o.show_ids)?;
    let board = rank::rank(&loaded.results, &naming);
    let unnamed = rank::unnamed(&board);
    if !unnamed.is_empty() {
        anyhow::bail!(
            "no name for {} student(s) (not in the names file, and no key or salt for a pseudonym): give --salt, or set NDLAB_SIGNING_KEY; nothing was written",
            unnamed.len()
        );
    }
    std::fs::create_dir_all(&o.out).with_context(|| format!("cannot create {}", o.out.display()))?;
    let verified = o.key.is_some();
    let mut files = Vec::new();
    let mut write = |name: &str, data: String| -> Result<()> {
        let p = o.out.join(name);
        write_atomic(&p, data.as_bytes())?;
        files.push(p);
        Ok(())
    };
    write("leaderboard.md", page::markdown(&board, &o.title, verified))?;
    write("leaderboard.csv", page::csv(&board)?)?;
    write("leaderboard.html", page::html(&board, &o.title, verified)?)?;
    write("instructor-summary.md", summary::markdown(&loaded, &board))?;
    Ok(Outcome { board, loaded, files })
}

/// Through a temporary file and a rename: a reader never sees half a page.
fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, data).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}
