//! The table students read in the terminal.

use super::pts;
use crate::results::{Build, Results, Status};
use crate::timing::TimingStatus;
use std::fmt::Write as _;

/// What to show of a case's message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    #[default]
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
            // Further lines ("why it may be slow: …") under the message, like a case's hint.
            let _ = writeln!(s, "   - {} timing ({}): {}", t.exercise, t.budget, t.message.replace('\n', "\n     "));
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
