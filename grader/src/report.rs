//! Reporting: the table students read, and the JSON file CI reads.

use crate::results::{Build, Results, Status};
use crate::timing::TimingStatus;
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Writes `data` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees half a file.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, data)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

pub fn write_json(path: &Path, r: &Results) -> Result<()> {
    write_atomic(path, serde_json::to_string_pretty(r)?.as_bytes())
}

fn pts(x: f64) -> String {
    if x.fract() == 0.0 { format!("{}", x as i64) } else { format!("{x:.1}") }
}

/// What to show of a case's message.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    All,
    /// Hidden cases show their status only (for logs students can read).
    RedactHidden,
}

/// Makes text safe for a terminal: control characters (other than newline and tab) and the
/// Unicode controls that reorder text are shown as escapes, so nothing a submission prints can
/// move the cursor, recolour, or draw over the report.
pub fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let bidi = matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() && c != '\n' && c != '\t') || bidi {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// The human-readable report (control characters from the submission escaped).
pub fn render(r: &Results, detail: Detail) -> String {
    escape_controls(&render_raw(r, detail))
}

fn render_raw(r: &Results, detail: Detail) -> String {
    let mut s = String::new();
    for m in &r.modules {
        let _ = writeln!(s, "\n== {}  {}/{} points", m.name, pts(m.score), pts(m.max_score));
        if let Build::Error(e) = &m.build {
            let _ = writeln!(s, "   build failed: the module {e}");
            let _ = writeln!(s, "   (every case of this module is marked not run; the other modules are graded)");
            continue;
        }
        // one row per exercise
        let mut names: Vec<&str> = Vec::new();
        for c in &m.cases {
            if !names.contains(&c.exercise.as_str()) {
                names.push(&c.exercise);
            }
        }
        let w = names.iter().map(|n| n.len()).max().unwrap_or(8).max(8);
        let _ = writeln!(s, "   {:w$}  {:>6}  {:>7}  timing", "exercise", "cases", "points");
        for n in &names {
            let cs: Vec<_> = m.cases.iter().filter(|c| c.exercise == *n).collect();
            let passed = cs.iter().filter(|c| c.status == Status::Pass).count();
            let (p, mp): (f64, f64) = cs.iter().fold((0.0, 0.0), |a, c| (a.0 + c.points, a.1 + c.max_points));
            let timing = m.timing.iter().find(|t| t.exercise == *n).map(|t| {
                let ratio = t.ratio.map(|x| format!("{x:.2}× budget")).unwrap_or_default();
                let word = match t.status {
                    TimingStatus::Pass => "fast enough",
                    TimingStatus::Fail => "too slow",
                    TimingStatus::Error => "error",
                    TimingStatus::NotRun => "not run",
                };
                format!("{word} {ratio} ({}/{} pts)", pts(t.points), pts(t.max_points)).replace("  ", " ")
            });
            let mark = if passed == cs.len() { "✓" } else { "✗" };
            let _ = writeln!(
                s,
                " {mark} {n:w$}  {:>6}  {:>7}  {}",
                format!("{passed}/{}", cs.len()),
                format!("{}/{}", pts(p), pts(mp)),
                timing.unwrap_or_default()
            );
        }
        let failures: Vec<_> = m.cases.iter().filter(|c| c.status != Status::Pass).collect();
        let timing_msgs: Vec<_> = m.timing.iter().filter(|t| !t.message.is_empty() && t.status != TimingStatus::NotRun).collect();
        if !failures.is_empty() || !timing_msgs.is_empty() {
            let _ = writeln!(s, "   details:");
        }
        // One line per exercise when all its failures say the same thing (a stub, a panic in
        // every case); otherwise one line per case, up to a limit.
        let mut shown = 0;
        let mut skipped = false;
        for n in &names {
            let fs: Vec<_> = failures.iter().filter(|c| c.exercise == *n).collect();
            let Some(first) = fs.first() else { continue };
            let hint = first.hint.as_ref().map(|h| format!("     hint: {h}\n")).unwrap_or_default();
            let redact = |c: &&&crate::results::CaseResult| c.hidden && detail == Detail::RedactHidden;
            if fs.len() > 1 && fs.iter().all(|c| c.status == first.status && c.message == first.message) && !fs.iter().any(&redact) {
                let hidden = fs.iter().filter(|c| c.hidden).count();
                let _ = writeln!(
                    s,
                    "   - {n}: {} cases{} {}: {}",
                    fs.len(),
                    if hidden > 0 { format!(" ({hidden} hidden)") } else { String::new() },
                    first.status.word(),
                    first.message
                );
                shown += 1;
                s.push_str(&hint);
                continue;
            }
            for c in fs {
                if shown >= 15 {
                    skipped = true;
                    break;
                }
                shown += 1;
                let tag = if c.hidden { " (hidden)" } else { "" };
                let msg = if redact(&c) { String::new() } else { format!(": {}", c.message) };
                let _ = writeln!(s, "   - {}[{}]{tag} {}{msg}", c.exercise, c.case, c.status.word());
            }
            s.push_str(&hint);
        }
        if skipped {
            let _ = writeln!(s, "   … more failures in --json");
        }
        for t in timing_msgs {
            let _ = writeln!(s, "   - {} timing ({}): {}", t.exercise, t.budget, t.message);
        }
    }
    let _ = writeln!(
        s,
        "\nTotal: {}/{} points ({:.1}%){}{}  [{:.1} s]",
        pts(r.score),
        pts(r.max_score),
        r.percent,
        if r.hidden_cases { ", hidden cases included" } else { "" },
        if r.features.is_empty() { String::new() } else { format!(", built with --features {}", r.features.join(",")) },
        r.elapsed_s
    );
    let _ = writeln!(
        s,
        "Sandbox: {}{}",
        r.sandbox.describe(),
        if r.sandbox.is_full() { "" } else { " (not the full sandbox: fine for practice, not for class grading; see README)" }
    );
    s
}

/// Reports to write besides the text and the JSON (the format writers come with the next change).
#[derive(Clone, Debug, Default)]
pub struct Requested {
    pub gradescope: Option<PathBuf>,
    pub junit: Option<PathBuf>,
    pub classroom: Option<PathBuf>,
}

impl Requested {
    /// The same formats, as `<dir>/<stem>.<format>` files (grade-class: one set per student).
    pub fn under(&self, dir: &Path, stem: &str) -> Requested {
        Requested {
            gradescope: self.gradescope.as_ref().map(|_| dir.join(format!("{stem}.gradescope.json"))),
            junit: self.junit.as_ref().map(|_| dir.join(format!("{stem}.junit.xml"))),
            classroom: self.classroom.as_ref().map(|_| dir.join(format!("{stem}.classroom.b64"))),
        }
    }
}

pub fn write_requested(_r: &Results, _req: &Requested) -> Result<()> {
    Ok(())
}
