//! Gradescope's `results.json` (`/autograder/results/results.json`), as the autograder
//! specification documents it (gradescope/autograder_samples, `docs/specs.md` and
//! `docs/leaderboards.md`). Only documented keys are written:
//!
//! - top level: `score` (the total; it overrides the sum of the tests), `execution_time`
//!   (seconds), `output` (a short summary: scores and module names, no student text, so the
//!   default `simple_format` is safe), `test_output_format` and `test_name_format` (`text`: a
//!   student's message is never rendered as HTML or Markdown), `extra_data` (`max_score`,
//!   `percent`, `course_version`: Gradescope's total comes from the assignment, and a top-level
//!   `max_score` is not in the specification), `tests`, `leaderboard`;
//! - a test: `name`, `score`, `max_score`, `status` (`passed` / `failed`), `output`, `visibility`.
//!
//! One test per case (`arrays/grid [3x4]`) and per timed check (`arrays/column_means (timed)`); a
//! module that did not build is one failed test carrying the error. Hidden cases get the
//! course's `gradescope_hidden_visibility` (`after_published` by default, or `hidden`); everything
//! else is `visible`, so a student always sees the build errors and public cases.
//!
//! Leaderboard: `Total` (the score, higher first) and `Speed` (the speed figure, the geometric
//! mean of time / budget over the timed checks passed, lower first: `"order": "asc"`). A
//! submission that passed no timed check has no `Speed` entry: the documented values are numbers
//! or strings, and neither a made-up number nor a string like `"none"` sorts honestly among
//! numbers.

use super::{Detail, ReportSettings, case_message, case_name, escape_controls, exercises, pts, timed_name, timing_message};
use crate::results::{Build, Results, Status};
use crate::timing::TimingStatus;
use serde_json::{Value, json};

/// Gradescope visibility of the hidden cases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HiddenVisibility {
    /// Shown once the instructor publishes the grades.
    #[default]
    AfterPublished,
    /// Never shown to students (the points still count).
    Hidden,
}

impl HiddenVisibility {
    /// The values `[reports] gradescope_hidden_visibility` takes.
    pub const CHOICES: &str = "\"after_published\" or \"hidden\"";

    pub fn parse(s: &str) -> Option<HiddenVisibility> {
        match s {
            "after_published" => Some(HiddenVisibility::AfterPublished),
            "hidden" => Some(HiddenVisibility::Hidden),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            HiddenVisibility::AfterPublished => "after_published",
            HiddenVisibility::Hidden => "hidden",
        }
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    (x * k).round() / k
}

/// The `results.json` document.
pub fn results_json(r: &Results, s: &ReportSettings) -> Value {
    let mut tests = Vec::new();
    let test = |name: String, score: f64, max_score: f64, passed: bool, output: String, visibility: &str| {
        json!({
            "name": name,
            "score": score,
            "max_score": max_score,
            "status": if passed { "passed" } else { "failed" },
            "output": output,
            "visibility": visibility,
        })
    };
    let mut lines =
        vec![format!("ndlab: {}/{} points ({:.1}%){}", pts(r.score), pts(r.max_score), r.percent, if r.hidden_cases { ", hidden cases included" } else { "" })];
    for m in &r.modules {
        if let Build::Error(e) = &m.build {
            lines.push(format!("{}: did not build (0/{} points)", m.name, pts(m.max_score)));
            let output =
                escape_controls(&format!("The module did not build: {e}\nEvery case and timed check of {} scores 0; the other modules are graded.", m.name));
            tests.push(test(format!("{} (did not build)", m.name), m.score, m.max_score, false, output, "visible"));
            continue;
        }
        lines.push(format!("{}: {}/{} points", m.name, pts(m.score), pts(m.max_score)));
        for ex in exercises(m) {
            for c in &ex.cases {
                // Gradescope's own visibility keeps hidden cases from students: messages stay whole.
                let visibility = if c.hidden { s.gradescope_hidden.as_str() } else { "visible" };
                tests.push(test(case_name(&m.name, c), c.points, c.max_points, c.status == Status::Pass, case_message(c, Detail::All), visibility));
            }
            if let Some(t) = ex.timing {
                tests.push(test(timed_name(&m.name, t), t.points, t.max_points, t.status == TimingStatus::Pass, timing_message(t), "visible"));
            }
        }
    }
    lines.push(format!("sandbox: {}", r.sandbox.describe()));
    let mut leaderboard = vec![json!({"name": "Total", "value": r.score})];
    if let Some(speed) = r.speed_figure() {
        leaderboard.push(json!({"name": "Speed", "value": round(speed, 4), "order": "asc"}));
    }
    json!({
        "score": r.score,
        "execution_time": round(r.elapsed_s, 2),
        "output": lines.join("\n"),
        "test_output_format": "text",
        "test_name_format": "text",
        "extra_data": {"max_score": r.max_score, "percent": round(r.percent, 2), "course_version": r.course_version},
        "tests": tests,
        "leaderboard": leaderboard,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;
    use std::collections::BTreeSet;

    /// The keys `docs/specs.md` documents.
    const TOP_KEYS: [&str; 11] = [
        "score",
        "execution_time",
        "output",
        "output_format",
        "test_output_format",
        "test_name_format",
        "visibility",
        "stdout_visibility",
        "extra_data",
        "tests",
        "leaderboard",
    ];
    const TEST_KEYS: [&str; 11] =
        ["score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags", "visibility", "extra_data"];
    /// What this writer promises for every test.
    const OUR_TEST_KEYS: [&str; 6] = ["name", "score", "max_score", "status", "output", "visibility"];

    fn keys(v: &Value) -> BTreeSet<&str> {
        v.as_object().unwrap().keys().map(|k| k.as_str()).collect()
    }

    fn find<'a>(doc: &'a Value, name: &str) -> &'a Value {
        doc["tests"].as_array().unwrap().iter().find(|t| t["name"] == name).unwrap_or_else(|| panic!("no test named {name:?}"))
    }

    #[test]
    fn gradescope_results_use_documented_keys_and_add_up() {
        let r = sample::results();
        let doc = results_json(&r, &ReportSettings::default());
        assert!(keys(&doc).iter().all(|k| TOP_KEYS.contains(k)), "undocumented top-level key in {:?}", keys(&doc));
        let tests = doc["tests"].as_array().unwrap();
        // 4 + 5 cases, 2 timed checks (one per built module), 1 entry for the module that did not build
        assert_eq!(tests.len(), 12);
        for t in tests {
            assert_eq!(keys(t), OUR_TEST_KEYS.into_iter().collect::<BTreeSet<_>>(), "{t}");
            assert!(keys(t).iter().all(|k| TEST_KEYS.contains(k)));
            assert!(["passed", "failed"].contains(&t["status"].as_str().unwrap()), "{t}");
            assert!(["visible", "after_published"].contains(&t["visibility"].as_str().unwrap()), "{t}");
            assert!(t["score"].as_f64().unwrap() <= t["max_score"].as_f64().unwrap());
        }
        let sum = |k: &str| tests.iter().map(|t| t[k].as_f64().unwrap()).sum::<f64>();
        assert_eq!(sum("score"), r.score);
        assert_eq!(sum("max_score"), r.max_score);
        assert_eq!(doc["score"].as_f64(), Some(r.score));
        assert_eq!(doc["extra_data"]["max_score"].as_f64(), Some(r.max_score));
        assert_eq!(doc["execution_time"].as_f64(), Some(12.35));
    }

    #[test]
    fn gradescope_names_statuses_and_the_module_that_did_not_build() {
        let doc = results_json(&sample::results(), &ReportSettings::default());
        let grid = find(&doc, "arrays/grid [3x4]");
        assert_eq!((grid["status"].as_str(), grid["score"].as_f64(), grid["visibility"].as_str()), (Some("passed"), Some(1.0), Some("visible")));
        let timed = find(&doc, "arrays/column_means (timed)");
        assert_eq!((timed["status"].as_str(), timed["score"].as_f64()), (Some("passed"), Some(2.0)));
        let timeout = find(&doc, "views/window [big]");
        assert_eq!(timeout["status"], "failed");
        assert!(timeout["output"].as_str().unwrap().starts_with("timeout: over the 5 s limit\nhint: a hint for window"));
        let not_run = find(&doc, "views/window (timed)");
        assert_eq!(not_run["status"], "failed");
        assert!(not_run["output"].as_str().unwrap().contains("fix the exercise's failing cases first"));
        let linalg: Vec<_> = doc["tests"].as_array().unwrap().iter().filter(|t| t["name"].as_str().unwrap().starts_with("linalg")).collect();
        assert_eq!(linalg.len(), 1, "a module that did not build is one test");
        assert_eq!(linalg[0]["name"], "linalg (did not build)");
        assert_eq!((linalg[0]["status"].as_str(), linalg[0]["max_score"].as_f64()), (Some("failed"), Some(4.0)));
        assert!(linalg[0]["output"].as_str().unwrap().contains("error[E0308]: mismatched types"));
        assert!(doc["output"].as_str().unwrap().contains("linalg: did not build"));
    }

    #[test]
    fn gradescope_hidden_cases_follow_the_course_setting_and_keep_their_message() {
        let r = sample::results();
        for (setting, word) in [(HiddenVisibility::AfterPublished, "after_published"), (HiddenVisibility::Hidden, "hidden")] {
            // `detail` is for the student-readable reports: Gradescope hides by visibility instead.
            let s = ReportSettings { gradescope_hidden: setting, detail: Detail::RedactHidden };
            let doc = results_json(&r, &s);
            let secret = find(&doc, "views/flip [secret] (hidden)");
            assert_eq!(secret["visibility"], word);
            assert!(secret["output"].as_str().unwrap().contains("the hidden answer"));
            assert_eq!(find(&doc, "arrays/grid [h1] (hidden)")["visibility"], word);
            assert_eq!(find(&doc, "views/flip [odd]")["visibility"], "visible");
            assert_eq!(find(&doc, "linalg (did not build)")["visibility"], "visible");
        }
        assert_eq!(HiddenVisibility::parse("hidden"), Some(HiddenVisibility::Hidden));
        assert_eq!(HiddenVisibility::parse("after_published"), Some(HiddenVisibility::AfterPublished));
        assert_eq!(HiddenVisibility::parse("visible"), None);
    }

    #[test]
    fn gradescope_student_text_stays_text() {
        let doc = results_json(&sample::results(), &ReportSettings::default());
        let out = find(&doc, "views/flip [odd]")["output"].as_str().unwrap();
        assert!(out.contains("<script>alert(1)</script> & \"quotes\""), "{out}");
        assert!(!out.contains('\u{1b}') && out.contains("\\u{1b}[31mred"), "{out}");
        assert_eq!((doc["test_output_format"].as_str(), doc["test_name_format"].as_str()), (Some("text"), Some("text")));
        assert!(!serde_json::to_string(&doc).unwrap().contains('\u{1b}'));
    }

    #[test]
    fn gradescope_leaderboard_total_and_speed() {
        let mut r = sample::results();
        let doc = results_json(&r, &ReportSettings::default());
        let board = doc["leaderboard"].as_array().unwrap();
        assert_eq!(board[0], json!({"name": "Total", "value": r.score}));
        assert_eq!(board[1], json!({"name": "Speed", "value": 0.4, "order": "asc"}));
        for e in board {
            assert!(keys(e).iter().all(|k| ["name", "value", "order"].contains(k)));
        }
        // no timed check passed: no Speed entry
        r.modules[0].timing[0].status = TimingStatus::Fail;
        let doc = results_json(&r, &ReportSettings::default());
        let names: Vec<_> = doc["leaderboard"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Total"]);
    }
}
