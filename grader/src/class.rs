//! A class: grading every student's submission, resumably, on one machine or one shard of many.
//!
//! - **Roster** ([`roster`]): a folder with one subfolder per student (the folder's name is
//!   the student id), or a CSV file `student,path[,commit]` of git repositories on disk.
//! - **Shards** ([`Shard`]): `--shard I/N`, or the scheduler's own variables (Slurm job arrays,
//!   Kubernetes Indexed Jobs). Students are sorted by id and dealt round-robin, so a shard's
//!   share is balanced and does not depend on the roster's order.
//! - **One file per student**, `<student>.json`, written atomically after the student is
//!   graded: the schema-1 results plus [`ClassInfo`] (id, commit, source hash, course and
//!   grader versions, options). A re-run skips a student whose file says the same sources were
//!   graded by the same course, grader and options; an interrupted run loses only the student
//!   in flight. A student who cannot be graded (missing folder, bad commit, unreadable
//!   repository) gets `<student>.error.txt` and a line in the summary; the run goes on.
//! - **Merge** ([`merge`]): several shards' folders into one, the newest file per student.
//!
//! Every student is built in the same build slot, so dependencies are compiled once per
//! machine and the per-student crates are rebuilt in place (constant disk use). This module
//! knows nothing of report formats: it asks [`crate::report`] to write what was requested.

use crate::course::{Course, Source};
use crate::grade::{self, Options};
use crate::provenance::{grader_version, source_hash};
use crate::report::write_atomic;
use crate::results::{Build, ClassInfo, Results};
use anyhow::{Context, Result, anyhow, bail};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Where a student's submission comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A checkout on disk (a subfolder of the submissions folder).
    Folder(PathBuf),
    /// A git repository on disk, graded at `commit` (default `HEAD`).
    Git { repo: PathBuf, commit: Option<String> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Student {
    pub id: String,
    pub origin: Origin,
}

/// Reads a roster: a folder of student folders, or a CSV file `student,path[,commit]` (a header
/// line `student,path,...` is allowed; relative paths are relative to the CSV file's folder).
pub fn roster(path: &Path) -> Result<Vec<Student>> {
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read the submissions {}", path.display()))?;
    let mut out = Vec::new();
    if meta.is_dir() {
        for e in std::fs::read_dir(path).with_context(|| format!("cannot list {}", path.display()))? {
            let e = e?;
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            // A plain file among the student folders is not a student.
            if e.file_type()?.is_file() {
                continue;
            }
            out.push(Student { id: name, origin: Origin::Folder(e.path()) });
        }
    } else {
        let base = path.parent().unwrap_or(Path::new("."));
        let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).trim(csv::Trim::All).comment(Some(b'#')).from_path(path)?;
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| anyhow!("{}: line {}: {e}", path.display(), i + 1))?;
            if rec.iter().all(|f| f.is_empty()) {
                continue;
            }
            if i == 0 && rec.get(0) == Some("student") {
                continue;
            }
            let (Some(id), Some(p)) = (rec.get(0).filter(|s| !s.is_empty()), rec.get(1).filter(|s| !s.is_empty())) else {
                bail!("{}: line {}: expected `student,path[,commit]`", path.display(), i + 1);
            };
            let commit = rec.get(2).filter(|s| !s.is_empty()).map(str::to_string);
            out.push(Student { id: id.to_string(), origin: Origin::Git { repo: base.join(p), commit } });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// The result file's name for a student id: the id itself when it is a plain name, otherwise
/// its plain characters and a hash (so two ids never share a file and no id escapes the folder).
pub fn file_stem(id: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    if !id.is_empty() && id.len() <= 100 && id.chars().all(plain) && !id.starts_with('.') && !id.ends_with(".error") {
        return id.to_string();
    }
    let cleaned: String = id.chars().take(40).map(|c| if plain(c) && c != '.' { c } else { '_' }).collect();
    let h = Sha256::digest(id.as_bytes());
    format!("{cleaned}-{:02x}{:02x}{:02x}{:02x}", h[0], h[1], h[2], h[3])
}

/// One shard of N: `index` in `0..count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    /// `I/N` with `0 ≤ I < N`.
    pub fn parse(s: &str) -> Result<Shard> {
        let bad = || anyhow!("--shard takes I/N with 0 ≤ I < N (e.g. 0/4), got {s:?}");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count) = (i.trim().parse::<usize>().map_err(|_| bad())?, n.trim().parse::<usize>().map_err(|_| bad())?);
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// The shard from the command line, else from the scheduler's variables: a Slurm job
    /// array (`SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN` of `SLURM_ARRAY_TASK_COUNT`), or
    /// a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX` of `count`, which Kubernetes does not
    /// put in the environment). Returns the shard and where it came from.
    pub fn resolve(arg: Option<&str>, count: Option<usize>, env: &dyn Fn(&str) -> Option<String>) -> Result<(Shard, String)> {
        if let Some(s) = arg {
            return Ok((Shard::parse(s)?, "--shard".into()));
        }
        let num =
            |k: &str| -> Result<Option<usize>> { env(k).map(|v| v.trim().parse::<usize>().map_err(|_| anyhow!("{k}={v:?} is not a number"))).transpose() };
        if let Some(id) = num("SLURM_ARRAY_TASK_ID")? {
            let min = num("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
            let n = match (count, num("SLURM_ARRAY_TASK_COUNT")?) {
                (Some(n), _) | (None, Some(n)) => n,
                (None, None) => bail!("SLURM_ARRAY_TASK_ID is set but not SLURM_ARRAY_TASK_COUNT: give --shard-count N"),
            };
            let s = Shard::parse(&format!("{}/{n}", id.checked_sub(min).ok_or_else(|| anyhow!("SLURM_ARRAY_TASK_ID {id} < SLURM_ARRAY_TASK_MIN {min}"))?))?;
            return Ok((s, "Slurm job array (SLURM_ARRAY_TASK_ID)".into()));
        }
        if let Some(i) = num("JOB_COMPLETION_INDEX")? {
            let n =
                count.ok_or_else(|| anyhow!("JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give the number of completions with --shard-count N"))?;
            return Ok((Shard::parse(&format!("{i}/{n}"))?, "Kubernetes Indexed Job (JOB_COMPLETION_INDEX)".into()));
        }
        if let Some(n) = count {
            bail!("--shard-count {n} needs a shard index: --shard I/{n}, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX");
        }
        Ok((Shard::ALL, "all students (no shard)".into()))
    }

    /// This shard's students: sorted by id, dealt round-robin.
    pub fn pick(&self, students: &[Student]) -> Vec<Student> {
        let mut sorted = students.to_vec();
        sorted.sort_by(|a, b| a.id.cmp(&b.id));
        sorted.into_iter().enumerate().filter(|(i, _)| i % self.count == self.index).map(|(_, s)| s).collect()
    }
}

/// Runs git on a repository the grader does not trust: no hooks, no fsmonitor, no pager, no
/// system or global configuration, whoever owns the folder; and none of the grader's
/// environment (which may hold the signing key) but `PATH`.
fn git(repo: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(repo)
        .args(["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "safe.directory=*", "-c", "protocol.allow=never"])
        .env_clear()
        .envs(std::env::var_os("PATH").map(|p| ("PATH", p)))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C")
        .stdin(std::process::Stdio::null());
    c
}

fn git_out(repo: &Path, args: &[&str]) -> Result<String, String> {
    let out = git(repo).args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().lines().last().unwrap_or("git failed").to_string());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Writes `exercises/` of `commit` under `stage`, every blob exactly as stored. Not `git
/// archive`: it runs the blobs through the filter drivers the repository's attributes name
/// (`filter.<driver>.smudge` in its own `.git/config`), i.e. any command the repository's owner
/// chose, unconfined and beside the grader. `ls-tree` and `cat-file --batch` convert nothing.
/// A symlink entry becomes a symlink (which the copy then refuses), a submodule an empty folder.
fn unpack_tree(repo: &Path, commit: &str, stage: &Path) -> Result<(), String> {
    use std::io::{BufRead, Read, Write};
    let list =
        git(repo).args(["ls-tree", "-r", "-z", "--full-tree", commit, "--", "exercises"]).output().map_err(|e| format!("cannot run git ls-tree: {e}"))?;
    if !list.status.success() {
        return Err(String::from_utf8_lossy(&list.stderr).trim().to_string());
    }
    // "<mode> <type> <object>\t<path>\0" per entry.
    let mut entries = Vec::new();
    for rec in list.stdout.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        let rec = std::str::from_utf8(rec).map_err(|_| "a path that is not UTF-8".to_string())?;
        let (meta, path) = rec.split_once('\t').ok_or("unreadable git ls-tree output")?;
        let mut m = meta.split(' ');
        let (Some(mode), Some(kind), Some(oid)) = (m.next(), m.next(), m.next()) else { return Err("unreadable git ls-tree output".into()) };
        let parts: Vec<&str> = path.split('/').collect();
        if parts[0] != "exercises" || parts.iter().any(|p| p.is_empty() || *p == "." || *p == ".." || *p == ".git") {
            return Err(format!("unusual path {path:?} in the commit"));
        }
        entries.push((mode.to_string(), kind.to_string(), oid.to_string(), stage.join(path)));
    }
    if entries.is_empty() {
        return Err("no exercises/ folder".into());
    }
    let blobs: Vec<String> = entries.iter().filter(|e| e.1 == "blob").map(|e| e.2.clone()).collect();
    let mut cat = git(repo)
        .args(["cat-file", "--batch"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git cat-file: {e}"))?;
    let mut input = cat.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || {
        for oid in &blobs {
            if writeln!(input, "{oid}").is_err() {
                break;
            }
        }
    });
    let mut out = std::io::BufReader::new(cat.stdout.take().expect("piped"));
    let mut result = Ok(());
    for (mode, kind, oid, dest) in &entries {
        let parent = dest.parent().expect("beneath the stage");
        if let Err(e) = std::fs::create_dir_all(parent) {
            result = Err(format!("cannot create {}: {e}", parent.display()));
            break;
        }
        if kind != "blob" {
            // A submodule (or anything else that is not a file): an empty folder, as `git archive` makes.
            if let Err(e) = std::fs::create_dir_all(dest) {
                result = Err(format!("cannot create {}: {e}", dest.display()));
                break;
            }
            continue;
        }
        // "<object> blob <size>\n<bytes>\n"
        let mut header = String::new();
        let _ = out.read_line(&mut header);
        let size = match header.trim_end().split(' ').collect::<Vec<_>>()[..] {
            [o, "blob", n] if o == oid.as_str() => n.parse::<u64>().ok(),
            _ => None,
        };
        let Some(size) = size else {
            result = Err(format!("git cat-file: unexpected answer {:?} for {oid}", header.trim_end()));
            break;
        };
        // Streamed to disk (a file is not held in memory, whatever its size); a symlink's
        // target (at most 4 KiB) is read whole.
        let mut body = out.by_ref().take(size);
        let written = if mode == "120000" {
            let mut target = Vec::new();
            match body.by_ref().take(4096).read_to_end(&mut target) {
                Ok(_) if size <= 4096 => std::os::unix::fs::symlink(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&target), dest),
                Ok(_) => Err(std::io::Error::other("a symbolic link with a target over 4 KiB")),
                Err(e) => Err(e),
            }
        } else {
            std::fs::File::create(dest).and_then(|mut f| std::io::copy(&mut body, &mut f)).map(|_| ())
        };
        if let Err(e) = written {
            result = Err(format!("cannot write {}: {e}", dest.display()));
            break;
        }
        let left = body.limit();
        let mut end = [0u8; 1];
        if left != 0 || out.read_exact(&mut end).is_err() || end[0] != b'\n' {
            result = Err(format!("git cat-file: object {oid} cut short"));
            break;
        }
    }
    drop(out);
    let _ = cat.kill();
    let _ = cat.wait();
    let _ = writer.join();
    result
}

/// The folder to grade and the commit, for one student. A git submission's `exercises/` at the
/// commit is unpacked (never checked out in the student's repository) into `stage`.
fn materialize(s: &Student, stage: &Path) -> Result<(PathBuf, Option<String>), String> {
    match &s.origin {
        Origin::Folder(p) => {
            let meta = std::fs::symlink_metadata(p).map_err(|e| format!("cannot read the submission folder {}: {e}", p.display()))?;
            if !meta.is_dir() {
                return Err(format!("{} is not a folder", p.display()));
            }
            std::fs::read_dir(p).map_err(|e| format!("cannot read the submission folder {}: {e}", p.display()))?;
            if !p.join("exercises").is_dir() {
                return Err(format!("{} has no exercises/ folder (is it a checkout of the course?)", p.display()));
            }
            let commit = if p.join(".git").exists() { git_out(p, &["rev-parse", "--verify", "HEAD^{commit}"]).ok() } else { None };
            Ok((p.clone(), commit))
        }
        Origin::Git { repo, commit } => {
            if !repo.is_dir() {
                return Err(format!("the repository {} does not exist", repo.display()));
            }
            let want = commit.clone().unwrap_or_else(|| "HEAD".into());
            if want.starts_with('-') {
                return Err(format!("{want:?} is not a commit"));
            }
            let full = git_out(repo, &["rev-parse", "--verify", "--quiet", "--end-of-options", &format!("{want}^{{commit}}")])
                .map_err(|e| format!("commit {want} not found in {}: {e}", repo.display()))?;
            if full.is_empty() {
                return Err(format!("commit {want} not found in {}", repo.display()));
            }
            if stage.exists() {
                std::fs::remove_dir_all(stage).map_err(|e| format!("cannot clear {}: {e}", stage.display()))?;
            }
            std::fs::create_dir_all(stage).map_err(|e| format!("cannot create {}: {e}", stage.display()))?;
            unpack_tree(repo, &full, stage)
                .map_err(|e| format!("cannot unpack exercises/ at commit {} of {}: {e}", &full[..12.min(full.len())], repo.display()))?;
            Ok((stage.to_path_buf(), Some(full)))
        }
    }
}

/// What a class run is asked to do.
pub struct ClassOptions {
    /// Options for each student (`source` and `build_slot` are set per student).
    pub grade: Options,
    pub out: PathBuf,
    pub shard: Shard,
    /// Re-grade students whose results are current.
    pub force: bool,
    /// Reports to write beside each student's JSON, as `<student>.<ext>`.
    pub reports: crate::report::Requested,
    /// The instructor's key: every result file is signed with it (`None`: written unsigned).
    pub signing_key: Option<ndlab_signing::Key>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Graded { score: f64, max_score: f64, build_failures: usize },
    Skipped { score: f64, max_score: f64 },
    Error(String),
}

/// Reads back what a result file says about what was graded (for the re-run skip and merges).
#[derive(Clone, Debug)]
pub struct Stamp {
    pub student: String,
    pub source_hash: String,
    pub course_version: String,
    pub grader_version: String,
    pub options: String,
    pub graded_at: String,
    /// `unsigned`, or the id of the key that signed the file.
    pub signed_by: String,
    pub score: f64,
    pub max_score: f64,
}

pub fn read_stamp(path: &Path) -> Result<Stamp, String> {
    let text = crate::sandbox::read_bounded(path, 64 << 20).map_err(|e| format!("cannot read: {e}"))?;
    let v: serde_json::Value = serde_json::from_slice(&text).map_err(|e| format!("not JSON: {e}"))?;
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string).ok_or_else(|| format!("no {k:?} field (not a grade-class result)"));
    let f = |k: &str| v.get(k).and_then(|x| x.as_f64()).ok_or_else(|| format!("no {k:?} number"));
    if v.get("schema").and_then(|x| x.as_u64()) != Some(crate::results::SCHEMA as u64) {
        return Err(format!("not a schema-{} result", crate::results::SCHEMA));
    }
    Ok(Stamp {
        student: s("student")?,
        source_hash: s("source_hash")?,
        course_version: s("course_version")?,
        grader_version: s("grader_version")?,
        options: s("options")?,
        graded_at: s("graded_at")?,
        signed_by: match v.get(ndlab_signing::FIELD) {
            Some(serde_json::Value::Object(sig)) => sig.get("key_id").and_then(|x| x.as_str()).unwrap_or("?").to_string(),
            _ => ndlab_signing::UNSIGNED.to_string(),
        },
        score: f("score")?,
        max_score: f("max_score")?,
    })
}

/// Progress of a class run, for the caller's display.
pub trait Progress {
    fn start(&self, total: usize);
    fn student(&self, id: &str);
    fn done(&self, id: &str, outcome: &Outcome);
}

/// Grades this shard's students of `students` into `o.out`; returns each student's outcome.
pub fn grade_class(course: &Course, students: &[Student], o: &ClassOptions, progress: &dyn Progress) -> Result<Vec<(String, Outcome)>> {
    std::fs::create_dir_all(&o.out).with_context(|| format!("cannot create {}", o.out.display()))?;
    let modules = course.select(&o.grade.modules)?;
    let course_version = grade::course_version(course, &modules, o.grade.hidden.as_deref())?;
    let grader_version = grader_version(course);
    let options = format!("modules={} timing={} hidden={} features={}", modules.join(","), o.grade.timing, o.grade.hidden.is_some(), course.features.join(","));
    let mine = o.shard.pick(students);
    // Duplicate ids: the first (by roster order after sorting) is graded, the others are errors.
    let mut seen = BTreeSet::new();
    let mut stems: BTreeMap<String, String> = BTreeMap::new();
    // A build slot of our own: the first one no other class run on this machine holds (so
    // sequential runs reuse one slot's artifacts, and concurrent ones never share a folder).
    let mut slot_lock = None;
    let mut slot = String::new();
    for i in 0..64 {
        let name = format!("class-{i}");
        if let Some(f) = crate::machine::lock_file(&course.work_dir().join("build").join(format!("{name}.lock")), false)? {
            slot_lock = Some(f);
            slot = name;
            break;
        }
    }
    let _slot_lock = slot_lock.ok_or_else(|| anyhow!("64 class runs already hold every build slot on this machine"))?;
    let stage = course.work_dir().join("class").join(format!("stage-{slot}"));
    progress.start(mine.len());
    let mut outcomes = Vec::new();
    for s in &mine {
        progress.student(&s.id);
        let stem = file_stem(&s.id);
        let json = o.out.join(format!("{stem}.json"));
        let err_file = o.out.join(format!("{stem}.error.txt"));
        let outcome = if !seen.insert(s.id.clone()) {
            Outcome::Error(format!("student id {:?} appears more than once in the roster; only the first is graded", s.id))
        } else if let Some(other) = stems.insert(stem.clone(), s.id.clone()) {
            Outcome::Error(format!("student ids {other:?} and {:?} map to the same file name {stem}", s.id))
        } else {
            grade_one(course, s, &modules, o, &json, &stage, &slot, &course_version, &grader_version, &options)
        };
        match &outcome {
            Outcome::Error(why) => write_atomic(&err_file, format!("{}\n{why}\n", s.id).as_bytes())?,
            _ => {
                if err_file.exists() {
                    std::fs::remove_file(&err_file)?;
                }
            }
        }
        progress.done(&s.id, &outcome);
        outcomes.push((s.id.clone(), outcome));
    }
    write_summary(&o.out)?;
    Ok(outcomes)
}

#[allow(clippy::too_many_arguments)]
fn grade_one(
    course: &Course,
    s: &Student,
    modules: &[String],
    o: &ClassOptions,
    json: &Path,
    stage: &Path,
    slot: &str,
    course_version: &str,
    grader_version: &str,
    options: &str,
) -> Outcome {
    let (root, commit) = match materialize(s, stage) {
        Ok(x) => x,
        Err(why) => return Outcome::Error(why),
    };
    let source_hash = source_hash(&root, modules);
    if !o.force
        && let Ok(st) = read_stamp(json)
        && st.student == s.id
        && st.source_hash == source_hash
        && st.course_version == course_version
        && st.grader_version == grader_version
        && st.options == options
        && st.signed_by == o.signing_key.as_ref().map_or(ndlab_signing::UNSIGNED.to_string(), |k| k.id())
    {
        return Outcome::Skipped { score: st.score, max_score: st.max_score };
    }
    let mut opts = o.grade.clone();
    opts.source = Source::Checkout(root);
    opts.build_slot = Some(slot.to_string());
    opts.progress = false;
    opts.student = Some(s.id.clone());
    let started = Instant::now();
    let mut r: Results = match grade::grade(course, &opts) {
        Ok(r) => r,
        Err(e) => return Outcome::Error(format!("grading failed: {e:#}")),
    };
    r.submission = match &s.origin {
        Origin::Folder(p) => p.display().to_string(),
        Origin::Git { repo, .. } => repo.display().to_string(),
    };
    r.elapsed_s = started.elapsed().as_secs_f64();
    // `grade` recorded `source_hash` and `grader_version` from the same root, modules and
    // course as the skip above compares (the re-run test in xtask/tests/class.rs relies on it).
    r.class = Some(ClassInfo { commit, options: options.to_string() });
    let stem = json.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let write = crate::report::write_json(json, &r, o.signing_key.as_ref())
        .and_then(|_| crate::report::write_requested(&r, &o.reports.under(&o.out, &stem), &course.reports, &mut std::io::sink()));
    if let Err(e) = write {
        return Outcome::Error(format!("graded, but the results could not be written: {e:#}"));
    }
    let build_failures = r.modules.iter().filter(|m| matches!(m.build, Build::Error(_))).count();
    Outcome::Graded { score: r.score, max_score: r.max_score, build_failures }
}

/// A `<stem>.error.txt` file: the student's id on the first line, why on the rest.
fn read_error(path: &Path, stem: &str) -> (String, String) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut lines = text.lines();
    let id = lines.next().unwrap_or(stem).to_string();
    (id, lines.collect::<Vec<_>>().join(" "))
}

/// `summary.csv` of a results folder: one line per student file (and per error file).
pub fn write_summary(dir: &Path) -> Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["student", "score", "max_score", "percent", "graded_at", "file", "error"])?;
    let mut rows = Vec::new();
    for e in std::fs::read_dir(dir)?.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".error.txt") {
            let (id, why) = read_error(&e.path(), stem);
            rows.push(vec![id, String::new(), String::new(), String::new(), String::new(), name.clone(), why]);
        } else if name.ends_with(".json")
            && let Ok(st) = read_stamp(&e.path())
        {
            let pct = if st.max_score > 0.0 { 100.0 * st.score / st.max_score } else { 100.0 };
            rows.push(vec![st.student, st.score.to_string(), st.max_score.to_string(), format!("{pct:.1}"), st.graded_at, name.clone(), String::new()]);
        }
    }
    rows.sort();
    for r in rows {
        w.write_record(&r)?;
    }
    write_atomic(&dir.join("summary.csv"), &w.into_inner().map_err(|e| anyhow!("{e}"))?)
}

/// What a merge found.
#[derive(Debug, Default)]
pub struct MergeReport {
    pub merged: usize,
    /// Student, the files it was found in, and the one kept.
    pub duplicates: Vec<(String, Vec<PathBuf>, PathBuf)>,
    /// Files that are not readable results, with why.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Students of the roster with no result in any folder.
    pub missing: Vec<String>,
    /// Students whose shard could not grade them (their `.error.txt`), with why.
    pub errors: Vec<(String, String)>,
}

/// Gathers the result files of `dirs` into `out`, keeping the newest file per student
/// (`graded_at`, then the later folder); with a roster, lists the students with no result.
pub fn merge(dirs: &[PathBuf], out: &Path, roster: Option<&[Student]>) -> Result<MergeReport> {
    let mut rep = MergeReport::default();
    let mut best: BTreeMap<String, (Stamp, PathBuf)> = BTreeMap::new();
    let mut found: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    for d in dirs {
        let rd = std::fs::read_dir(d).with_context(|| format!("cannot read the results folder {}", d.display()))?;
        let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".error.txt") {
                let (id, why) = read_error(&p, stem);
                errors.insert(id, why);
                continue;
            }
            if !name.ends_with(".json") || !p.is_file() {
                continue;
            }
            match read_stamp(&p) {
                Err(why) => rep.unreadable.push((p.clone(), why)),
                Ok(st) => {
                    found.entry(st.student.clone()).or_default().push(p.clone());
                    let newer = best.get(&st.student).is_none_or(|(b, _)| st.graded_at >= b.graded_at);
                    if newer {
                        best.insert(st.student.clone(), (st, p.clone()));
                    }
                }
            }
        }
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    for (student, (_, path)) in &best {
        let data = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        write_atomic(&out.join(format!("{}.json", file_stem(student))), &data)?;
        let stale = out.join(format!("{}.error.txt", file_stem(student)));
        if stale.exists() {
            std::fs::remove_file(stale)?;
        }
        let all = &found[student];
        if all.len() > 1 {
            rep.duplicates.push((student.clone(), all.clone(), path.clone()));
        }
    }
    rep.merged = best.len();
    for (id, why) in errors {
        if !best.contains_key(&id) {
            write_atomic(&out.join(format!("{}.error.txt", file_stem(&id))), format!("{id}\n{why}\n").as_bytes())?;
            rep.errors.push((id, why));
        }
    }
    if let Some(r) = roster {
        rep.missing = r.iter().filter(|s| !best.contains_key(&s.id) && !rep.errors.iter().any(|(e, _)| *e == s.id)).map(|s| s.id.clone()).collect();
    }
    write_summary(out)?;
    Ok(rep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(id: &str) -> Student {
        Student { id: id.into(), origin: Origin::Folder(PathBuf::from(id)) }
    }

    #[test]
    fn shards_are_balanced_disjoint_and_independent_of_roster_order() {
        let ids: Vec<String> = (0..23).map(|i| format!("s{i:02}")).collect();
        let a: Vec<Student> = ids.iter().map(|i| st(i)).collect();
        let mut b = a.clone();
        b.reverse();
        let mut all = BTreeSet::new();
        for i in 0..4 {
            let sh = Shard { index: i, count: 4 };
            let pa: Vec<String> = sh.pick(&a).into_iter().map(|s| s.id).collect();
            let pb: Vec<String> = sh.pick(&b).into_iter().map(|s| s.id).collect();
            assert_eq!(pa, pb);
            assert!(pa.len() == 5 || pa.len() == 6, "{}", pa.len());
            for id in pa {
                assert!(all.insert(id));
            }
        }
        assert_eq!(all.len(), 23);
    }

    #[test]
    fn shard_comes_from_the_flag_or_the_scheduler() {
        let none = |_: &str| None;
        assert_eq!(Shard::resolve(Some("2/5"), None, &none).unwrap().0, Shard { index: 2, count: 5 });
        assert!(Shard::resolve(Some("5/5"), None, &none).is_err());
        assert!(Shard::resolve(Some("x"), None, &none).is_err());
        assert_eq!(Shard::resolve(None, None, &none).unwrap().0, Shard::ALL);
        let slurm = |k: &str| match k {
            "SLURM_ARRAY_TASK_ID" => Some("4".to_string()),
            "SLURM_ARRAY_TASK_MIN" => Some("1".to_string()),
            "SLURM_ARRAY_TASK_COUNT" => Some("6".to_string()),
            _ => None,
        };
        assert_eq!(Shard::resolve(None, None, &slurm).unwrap().0, Shard { index: 3, count: 6 });
        let k8s = |k: &str| (k == "JOB_COMPLETION_INDEX").then(|| "2".to_string());
        assert_eq!(Shard::resolve(None, Some(3), &k8s).unwrap().0, Shard { index: 2, count: 3 });
        let e = Shard::resolve(None, None, &k8s).unwrap_err().to_string();
        assert!(e.contains("--shard-count"), "{e}");
    }

    #[test]
    fn file_names_never_escape_and_never_collide() {
        assert_eq!(file_stem("alice"), "alice");
        for bad in ["../x", "a/b", "<script>", ".hidden", "", "x.error"] {
            let f = file_stem(bad);
            assert!(!f.contains('/') && !f.starts_with('.') && !f.is_empty(), "{bad} → {f}");
        }
        assert_ne!(file_stem("a/b"), file_stem("a_b"));
        assert_ne!(file_stem("a/b"), file_stem("a\\b"));
    }

    #[test]
    fn rfc3339_now_is_well_formed() {
        let t = crate::provenance::now_rfc3339();
        assert_eq!(t.len(), 27, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z') && &t[10..11] == "T", "{t}");
    }

    #[test]
    fn a_repositorys_own_filter_drivers_never_run_and_blobs_are_taken_as_stored() {
        let d = tempfile::tempdir().unwrap();
        let repo = d.path().join("repo");
        let src = repo.join("exercises/fx/src");
        std::fs::create_dir_all(src.join("nested")).unwrap();
        std::fs::write(src.join("lib.rs"), "pub fn x() {}\n").unwrap();
        std::fs::write(src.join("nested/deep.rs"), vec![b'a'; 100_000]).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", src.join("link.rs")).unwrap();
        std::fs::write(repo.join(".gitattributes"), "* filter=evil\n").unwrap();
        std::fs::write(repo.join("outside.txt"), "not under exercises/").unwrap();
        let git = |args: &[&str]| {
            let o = Command::new("git").arg("-C").arg(&repo).args(args).env("GIT_CONFIG_GLOBAL", "/dev/null").output().unwrap();
            assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
        };
        git(&["init", "-q"]);
        git(&["add", "-A"]);
        git(&["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]);
        // The repository's owner names a filter that runs a command (as `git archive` would).
        let marker = d.path().join("filter-ran");
        git(&["config", "filter.evil.smudge", &format!("touch {}; cat", marker.display())]);
        git(&["config", "filter.evil.required", "true"]);

        let stage = d.path().join("stage");
        let s = Student { id: "s".into(), origin: Origin::Git { repo: repo.clone(), commit: None } };
        let (dir, commit) = materialize(&s, &stage).unwrap();
        assert!(!marker.exists(), "the repository's filter driver ran");
        assert_eq!(commit.map(|c| c.len()), Some(40));
        let got = dir.join("exercises/fx/src");
        assert_eq!(std::fs::read_to_string(got.join("lib.rs")).unwrap(), "pub fn x() {}\n");
        assert_eq!(std::fs::read(got.join("nested/deep.rs")).unwrap(), vec![b'a'; 100_000]);
        assert_eq!(std::fs::read_link(got.join("link.rs")).unwrap(), PathBuf::from("/etc/passwd"), "a symlink stays a symlink (the copy refuses it)");
        assert!(!dir.join("outside.txt").exists() && !dir.join(".gitattributes").exists());
    }

    #[test]
    fn csv_roster_reads_paths_relative_to_the_file_and_optional_commits() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("roster.csv");
        std::fs::write(&p, "student,path,commit\n# a comment\nbob, repos/bob ,abc123\nalice,/abs/alice\n\n").unwrap();
        let r = roster(&p).unwrap();
        assert_eq!(r[0], Student { id: "alice".into(), origin: Origin::Git { repo: PathBuf::from("/abs/alice"), commit: None } });
        assert_eq!(r[1], Student { id: "bob".into(), origin: Origin::Git { repo: d.path().join("repos/bob"), commit: Some("abc123".into()) } });
        std::fs::write(&p, "carol\n").unwrap();
        assert!(roster(&p).unwrap_err().to_string().contains("line 1"));
    }
}
