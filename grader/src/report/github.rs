//! GitHub Actions: a Markdown job summary (for `$GITHUB_STEP_SUMMARY`) and error annotations
//! (workflow commands on standard output).
//!
//! The summary has the total, then per module a table (exercise, cases passed, points, timing) and
//! what failed; a student's text only ever appears HTML-escaped inside `<pre>`, so it shows as
//! written and cannot break the page. GitHub refuses a step's summary over 1 MiB; this one stops
//! at [`SUMMARY_CAP`] with a note.
//!
//! Annotations: `::error file=…,line=…,title=…::message`, one per failing exercise, pointing at
//! its function; GitHub shows at most 10 errors of a step, so the 11th and later become one
//! `::notice::` saying how many. Data and properties are escaped as GitHub's toolkit does
//! (`%` → `%25`, CR → `%0D`, LF → `%0A`; in properties also `:` → `%3A`, `,` → `%2C`).

use super::{ReportSettings, case_message, escape_controls, exercises, pts, shorten, timing_message};
use crate::results::{Build, Results};
use crate::timing::TimingStatus;
use std::fmt::Write as _;

/// The longest summary written (GitHub's limit is 1 MiB per step, shared with the step's other commands).
pub const SUMMARY_CAP: usize = 256 * 1024;
/// Error annotations GitHub shows for one step.
pub const MAX_ANNOTATIONS: usize = 10;

fn html(s: &str) -> String {
    escape_controls(s).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The job summary (Markdown), at most [`SUMMARY_CAP`] bytes.
pub fn summary(r: &Results, s: &ReportSettings) -> String {
    let mut head = format!("# ndlab: {}/{} points ({:.1}%)\n\n", pts(r.score), pts(r.max_score), r.percent);
    let _ = writeln!(
        head,
        "{}graded in {:.1} s; sandbox: {}\n",
        if r.hidden_cases { "Hidden cases included; " } else { "" },
        r.elapsed_s,
        html(&r.sandbox.describe())
    );
    let sections: Vec<String> = r.modules.iter().map(|m| module_section(m, s)).collect();
    let note = |left: usize| {
        format!("\n_{left} more module(s) not shown: the summary stops at {} KiB. The job log and the `--json` results have everything._\n", SUMMARY_CAP / 1024)
    };
    let reserve = note(sections.len()).len();
    let mut out = head;
    for (i, sec) in sections.iter().enumerate() {
        if out.len() + sec.len() + reserve > SUMMARY_CAP {
            out.push_str(&note(sections.len() - i));
            break;
        }
        out.push_str(sec);
    }
    out
}

fn module_section(m: &crate::results::ModuleResult, s: &ReportSettings) -> String {
    let mut out = String::new();
    if let Build::Error(e) = &m.build {
        let _ = writeln!(out, "## {}: did not build (0/{} points)\n", m.name, pts(m.max_score));
        let _ = writeln!(out, "<pre>\n{}\n</pre>\n", html(&shorten(e, 20_000)));
        return out;
    }
    let _ = writeln!(out, "## {}: {}/{} points\n", m.name, pts(m.score), pts(m.max_score));
    let _ = writeln!(out, "| | exercise | cases passed | points | timing |\n|---|---|---:|---:|---|");
    let mut failures = String::new();
    for ex in exercises(m) {
        let passed = ex.passed();
        let (p, mp) = ex.points();
        let timing = ex.timing.map(|t| {
            let word = match t.status {
                TimingStatus::Pass => "fast enough",
                TimingStatus::Fail => "too slow",
                TimingStatus::Error => "error",
                TimingStatus::NotRun => "not run",
            };
            let ratio = t.ratio.map(|x| format!(" {x:.2}× budget")).unwrap_or_default();
            format!("{word}{ratio} ({}/{} pts)", pts(t.points), pts(t.max_points))
        });
        let ok = passed == ex.cases.len() && !ex.timing_failed();
        let _ = writeln!(
            out,
            "| {} | `{}` | {passed}/{} | {}/{} | {} |",
            if ok { "✅" } else { "❌" },
            ex.name,
            ex.cases.len(),
            pts(p),
            pts(mp),
            timing.unwrap_or_default()
        );
        if let Some(c) = ex.first_failure() {
            let more = ex.cases.len() - passed - 1;
            let more = if more > 0 { format!(" (and {more} more)") } else { String::new() };
            let tag = if c.hidden { " (hidden)" } else { "" };
            let _ = writeln!(failures, "{} [{}]{tag}{more}: {}", ex.name, c.case, html(&shorten(&case_message(c, s.detail), 500)));
        }
        if let Some(t) = ex.timing.filter(|_| ex.timing_failed()) {
            let _ = writeln!(failures, "{} (timed): {}", ex.name, html(&shorten(&timing_message(t), 500)));
        }
    }
    if !failures.is_empty() {
        let _ = writeln!(out, "\n<pre>\n{failures}</pre>");
    }
    out.push('\n');
    out
}

/// Escapes the message of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property (`file`, `title`, …) of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The annotation lines: one `::error` per failing exercise (or module that did not build), at
/// most [`MAX_ANNOTATIONS`], then a `::notice::` counting the rest.
pub fn annotations(r: &Results, s: &ReportSettings) -> Vec<String> {
    let mut all = Vec::new();
    let error = |at: Option<&crate::results::Location>, title: String, message: String| {
        let mut props = String::new();
        if let Some(at) = at {
            let _ = write!(props, "file={},line={},", escape_property(&at.file), at.line);
        }
        format!("::error {props}title={}::{}", escape_property(&title), escape_data(&shorten(&escape_controls(&message), 1000)))
    };
    for m in &r.modules {
        if let Build::Error(e) = &m.build {
            all.push(error(None, format!("{} did not build", m.name), e.clone()));
            continue;
        }
        for ex in exercises(m) {
            let at = m.functions.get(ex.name);
            let name = format!("{}/{}", m.name, ex.name);
            if let Some(c) = ex.first_failure() {
                let tag = if c.hidden { " (hidden)" } else { "" };
                let title = format!("{name}: {}/{} cases pass", ex.passed(), ex.cases.len());
                all.push(error(at, title, format!("[{}]{tag} {}", c.case, case_message(c, s.detail))));
            } else if let Some(t) = ex.timing.filter(|_| ex.timing_failed()) {
                all.push(error(at, format!("{name}: timed check"), timing_message(t)));
            }
        }
    }
    if all.len() > MAX_ANNOTATIONS {
        let more = all.len() - MAX_ANNOTATIONS;
        all.truncate(MAX_ANNOTATIONS);
        all.push(format!("::notice::{more} more failing exercise(s) not annotated (GitHub shows {MAX_ANNOTATIONS} errors per step): see the job summary"));
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Detail, sample};
    use crate::results::{Build, Status};

    #[test]
    fn github_annotations_are_escaped_and_point_at_the_function() {
        let lines = annotations(&sample::results(), &ReportSettings::default());
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert_eq!(
            lines[0],
            "::error file=exercises/views/src/lib.rs,line=7,title=views/flip%3A 1/3 cases pass::[odd] fail: panicked at 'bad <script>alert(1)</script> \
             & \"quotes\" 'n' \\u{1b}[31mred\\u{1b}[0m'%0Asecond line: 100%25, done%0Ahint: a hint for flip"
        );
        // no location for `window`: no file or line
        assert_eq!(lines[1], "::error title=views/window%3A 1/2 cases pass::[big] timeout: over the 5 s limit%0Ahint: a hint for window");
        assert!(
            lines[2].starts_with("::error title=linalg did not build::did not compile: error[E0308]: mismatched types%0A --> exercises/linalg/src/lib.rs:3:5")
        );
        for l in &lines {
            assert!(!l.contains('\n') && !l.contains('\r') && !l.contains('\u{1b}'), "{l}");
        }
        assert_eq!(escape_property("a:b,c%d\r\ne"), "a%3Ab%2Cc%25d%0D%0Ae");
        assert_eq!(escape_data("a:b,c%d\r\ne"), "a:b,c%25d%0D%0Ae");
    }

    #[test]
    fn github_annotations_stop_at_ten() {
        let mut r = sample::results();
        let template = r.modules[1].cases[1].clone();
        r.modules[1].cases = (0..15)
            .map(|i| {
                let mut c = template.clone();
                c.exercise = format!("ex{i}");
                c
            })
            .collect();
        let lines = annotations(&r, &ReportSettings::default());
        // 15 failing exercises and linalg (`window`'s timed check was not run: not a failure)
        assert_eq!(lines.len(), MAX_ANNOTATIONS + 1);
        assert!(lines[..MAX_ANNOTATIONS].iter().all(|l| l.starts_with("::error ")));
        assert_eq!(lines[MAX_ANNOTATIONS], "::notice::6 more failing exercise(s) not annotated (GitHub shows 10 errors per step): see the job summary");
    }

    #[test]
    fn github_annotations_for_a_slow_exercise_and_hidden_redaction() {
        let mut r = sample::results();
        let t = &mut r.modules[0].timing[0];
        (t.status, t.ratio, t.points, t.message) = (TimingStatus::Fail, Some(1.7), 0.0, "over budget".into());
        let odd = r.modules[1].cases.iter_mut().find(|c| c.case == "odd").unwrap();
        odd.status = Status::Pass;
        let lines = annotations(&r, &ReportSettings { detail: Detail::RedactHidden, ..Default::default() });
        assert_eq!(
            lines[0],
            "::error file=exercises/arrays/src/lib.rs,line=40,title=arrays/column_means%3A timed check::too slow: 1.70× budget (budget 6 × pass(80MB)): over budget"
        );
        assert_eq!(lines[1], "::error file=exercises/views/src/lib.rs,line=7,title=views/flip%3A 2/3 cases pass::[secret] (hidden) hidden case: fail");
    }

    #[test]
    fn github_summary_tables_and_escaping() {
        let r = sample::results();
        let md = summary(&r, &ReportSettings::default());
        assert!(md.starts_with(&format!("# ndlab: 8.5/18 points ({:.1}%)\n", r.percent)), "{md}");
        assert!(md.contains("## arrays: 7/7 points\n\n| | exercise | cases passed | points | timing |\n|---|---|---:|---:|---|\n"));
        assert!(md.contains("| ✅ | `grid` | 3/3 | 3/3 |  |\n"), "{md}");
        assert!(md.contains("| ✅ | `column_means` | 1/1 | 2/2 | fast enough 0.40× budget (2/2 pts) |\n"), "{md}");
        assert!(md.contains("| ❌ | `flip` | 1/3 | 1/3 |  |\n"), "{md}");
        assert!(md.contains("| ❌ | `window` | 1/2 | 0.5/2 | not run (0/2 pts) |\n"), "{md}");
        assert!(md.contains("flip [odd] (and 1 more): fail: panicked at 'bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\""), "{md}");
        assert!(!md.contains("<script>") && !md.contains('\u{1b}'));
        assert!(md.contains("## linalg: did not build (0/4 points)\n\n<pre>\ndid not compile: error[E0308]"));
        assert_eq!(md.matches("<pre>").count(), md.matches("</pre>").count());
    }

    #[test]
    fn github_summary_is_capped() {
        let mut r = sample::results();
        let broken = r.modules[2].clone();
        r.modules = (0..200)
            .map(|i| {
                let mut m = broken.clone();
                m.name = format!("m{i}");
                m.build = Build::Error(format!("error {i}: {}", "x".repeat(50_000)));
                m
            })
            .collect();
        let md = summary(&r, &ReportSettings::default());
        assert!(md.len() <= SUMMARY_CAP, "{} bytes", md.len());
        assert!(md.len() > SUMMARY_CAP / 2, "stops near the cap, not far before it");
        assert!(md.contains("## m0: did not build"));
        assert!(md.trim_end().ends_with("The job log and the `--json` results have everything._"), "{}", &md[md.len() - 300..]);
        let shown = md.matches("## m").count();
        assert!(md.contains(&format!("_{} more module(s) not shown", 200 - shown)));
        assert_eq!(md.matches("<pre>").count(), md.matches("</pre>").count());
    }
}
