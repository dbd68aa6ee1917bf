//! The GitHub Classroom result: the JSON object a grader action hands to
//! `classroom-resources/autograding-grading-reporter`, base64-encoded. Schema version 1, as
//! `autograding-command-grader` writes it:
//!
//! ```json
//! {"version": 1, "status": "pass|fail|error", "max_score": 48,
//!  "tests": [{"name": "arrays/grid", "status": "pass", "score": 3, "message": "3/3 cases pass",
//!             "test_code": "", "filename": "exercises/arrays/src/lib.rs", "line_no": 12, "duration": 14}]}
//! ```
//!
//! The reporter adds up `tests[].score` for the points (so partial credit works) and
//! `max_score` for the maximum; `line_no` 0 means no line, `duration` is in milliseconds. It
//! fails the job when `status` is `fail` or `error`.
//!
//! One test per exercise (its cases added up) and per timed check, not per case: the reporter
//! reads the result from an environment variable, and Linux refuses a single variable over
//! 128 KiB, which a thousand cases would pass. A module that did not build is one `error` test.
//! Messages are shortened so the encoded result stays under [`MAX_ENCODED`] bytes.

use super::{ReportSettings, case_message, exercises, shorten, timed_name, timing_message};
use crate::results::{Build, Results};
use crate::timing::TimingStatus;
use base64::Engine as _;
use serde_json::{Value, json};

/// The longest encoded result: under Linux's 128 KiB for one environment variable.
pub const MAX_ENCODED: usize = 100 * 1024;
/// Message lengths (characters) tried in turn until the result fits.
const MESSAGE_CAPS: [usize; 3] = [300, 60, 0];

/// The result object (messages at their longest).
pub fn result_json(r: &Results, s: &ReportSettings) -> Value {
    build(r, s, MESSAGE_CAPS[0])
}

/// The result as the reporter reads it: base64 of the JSON, at most [`MAX_ENCODED`] bytes
/// unless even messageless tests do not fit.
pub fn result_base64(r: &Results, s: &ReportSettings) -> String {
    let mut encoded = String::new();
    for cap in MESSAGE_CAPS {
        encoded = base64::engine::general_purpose::STANDARD.encode(build(r, s, cap).to_string());
        if encoded.len() <= MAX_ENCODED {
            break;
        }
    }
    encoded
}

fn build(r: &Results, s: &ReportSettings, cap: usize) -> Value {
    let mut tests = Vec::new();
    let test = |name: String, status: &str, score: f64, message: String, file: Option<&crate::results::Location>, duration_ms: f64| {
        json!({
            "name": name,
            "status": status,
            "score": score,
            "message": shorten(&message, cap),
            "test_code": "",
            "filename": file.map(|l| l.file.as_str()).unwrap_or(""),
            "line_no": file.map(|l| l.line).unwrap_or(0),
            "duration": duration_ms.round() as u64,
        })
    };
    for m in &r.modules {
        if let Build::Error(e) = &m.build {
            let msg = super::escape_controls(&format!("{} did not build: {e}", m.name));
            tests.push(test(format!("{} (did not build)", m.name), "error", m.score, msg, None, 0.0));
            continue;
        }
        for ex in exercises(m) {
            let at = m.functions.get(ex.name);
            if !ex.cases.is_empty() {
                let passed = ex.passed();
                let mut msg = format!("{passed}/{} cases pass", ex.cases.len());
                if let Some(c) = ex.first_failure() {
                    msg.push_str(&format!("; [{}]{} {}", c.case, if c.hidden { " (hidden)" } else { "" }, case_message(c, s.detail)));
                }
                let ms = 1e3 * ex.cases.iter().map(|c| c.elapsed_s).sum::<f64>();
                let status = if passed == ex.cases.len() { "pass" } else { "fail" };
                tests.push(test(format!("{}/{}", m.name, ex.name), status, ex.points().0, msg, at, ms));
            }
            // Under `--no-timing` (a quick check on every push) the timed checks are left out,
            // points and all, rather than reported as failures.
            if let Some(t) = ex.timing.filter(|_| r.timing) {
                let status = if t.status == TimingStatus::Pass { "pass" } else { "fail" };
                tests.push(test(timed_name(&m.name, t), status, t.points, timing_message(t), at, t.student_ms.unwrap_or(0.0)));
            }
        }
    }
    let any = |st: &str| tests.iter().any(|t| t["status"] == st);
    let status = if any("error") {
        "error"
    } else if any("fail") {
        "fail"
    } else {
        "pass"
    };
    let untimed: f64 = if r.timing { 0.0 } else { r.modules.iter().flat_map(|m| &m.timing).map(|t| t.max_points).sum() };
    json!({"version": 1, "status": status, "max_score": r.max_score - untimed, "tests": tests})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Detail, sample};
    use crate::results::Status;
    use std::collections::BTreeSet;

    /// The keys `autograding-command-grader` writes for a test.
    const TEST_KEYS: [&str; 8] = ["name", "status", "score", "message", "test_code", "filename", "line_no", "duration"];

    fn decode(encoded: &str) -> Value {
        let bytes = base64::engine::general_purpose::STANDARD.decode(encoded).expect("valid base64");
        serde_json::from_slice(&bytes).expect("valid JSON")
    }

    fn find<'a>(doc: &'a Value, name: &str) -> &'a Value {
        doc["tests"].as_array().unwrap().iter().find(|t| t["name"] == name).unwrap_or_else(|| panic!("no test named {name:?}"))
    }

    #[test]
    fn classroom_result_decodes_to_schema_1() {
        let r = sample::results();
        let s = ReportSettings::default();
        let encoded = result_base64(&r, &s);
        assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)), "one line of standard base64");
        let doc = decode(&encoded);
        assert_eq!(doc, result_json(&r, &s));
        let top: BTreeSet<_> = doc.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(top, ["max_score", "status", "tests", "version"].into_iter().collect());
        assert_eq!(doc["version"], 1);
        assert_eq!(doc["status"], "error", "a module did not build");
        assert_eq!(doc["max_score"].as_f64(), Some(r.max_score));
        let tests = doc["tests"].as_array().unwrap();
        // arrays: grid, column_means, column_means (timed); views: flip, window, window (timed); linalg (did not build)
        assert_eq!(tests.len(), 7);
        for t in tests {
            let keys: BTreeSet<_> = t.as_object().unwrap().keys().map(|k| k.as_str()).collect();
            assert_eq!(keys, TEST_KEYS.into_iter().collect(), "{t}");
            assert!(["pass", "fail", "error"].contains(&t["status"].as_str().unwrap()), "{t}");
        }
        assert_eq!(tests.iter().map(|t| t["score"].as_f64().unwrap()).sum::<f64>(), r.score);
        let grid = find(&doc, "arrays/grid");
        assert_eq!((grid["status"].as_str(), grid["score"].as_f64(), grid["message"].as_str()), (Some("pass"), Some(3.0), Some("3/3 cases pass")));
        assert_eq!((grid["filename"].as_str(), grid["line_no"].as_u64(), grid["duration"].as_u64()), (Some("exercises/arrays/src/lib.rs"), Some(12), Some(12)));
        assert_eq!(find(&doc, "arrays/column_means (timed)")["status"], "pass");
        let flip = find(&doc, "views/flip");
        assert_eq!((flip["status"].as_str(), flip["score"].as_f64(), flip["line_no"].as_u64()), (Some("fail"), Some(1.0), Some(7)));
        let msg = flip["message"].as_str().unwrap();
        assert!(msg.starts_with("1/3 cases pass; [odd] fail: panicked at 'bad <script>"), "{msg}");
        assert!(msg.contains("\\u{1b}[31m") && !msg.contains('\u{1b}'), "{msg}");
        let window = find(&doc, "views/window");
        assert_eq!((window["filename"].as_str(), window["line_no"].as_u64()), (Some(""), Some(0)), "no location known");
        assert!(window["message"].as_str().unwrap().contains("[big] timeout: over the 5 s limit"));
        assert_eq!(find(&doc, "views/window (timed)")["status"], "fail");
        let linalg = find(&doc, "linalg (did not build)");
        assert_eq!((linalg["status"].as_str(), linalg["score"].as_f64()), (Some("error"), Some(0.0)));
        assert!(linalg["message"].as_str().unwrap().contains("error[E0308]"));
    }

    #[test]
    fn classroom_leaves_out_timed_checks_that_were_not_run_by_choice() {
        let mut r = sample::results();
        r.modules.retain(|m| matches!(m.build, Build::Ok));
        for m in &mut r.modules {
            for c in &mut m.cases {
                c.status = Status::Pass;
                c.points = c.max_points;
            }
            for t in &mut m.timing {
                t.status = TimingStatus::NotRun;
                t.points = 0.0;
            }
        }
        r.timing = false;
        let doc = result_json(&r, &ReportSettings::default());
        assert_eq!(doc["status"], "pass", "{doc}");
        assert!(doc["tests"].as_array().unwrap().iter().all(|t| !t["name"].as_str().unwrap().ends_with("(timed)")), "{doc}");
        let timed: f64 = r.modules.iter().flat_map(|m| &m.timing).map(|t| t.max_points).sum();
        assert!(timed > 0.0);
        assert_eq!(doc["max_score"].as_f64(), Some(r.max_score - timed));
        r.timing = true;
        assert_eq!(result_json(&r, &ReportSettings::default())["status"], "fail", "timed checks that were due but not run fail");
    }

    #[test]
    fn classroom_status_is_fail_or_pass_when_everything_built() {
        let mut r = sample::results();
        r.modules.pop();
        assert_eq!(result_json(&r, &ReportSettings::default())["status"], "fail");
        r.modules.pop();
        assert_eq!(result_json(&r, &ReportSettings::default())["status"], "pass");
    }

    #[test]
    fn classroom_redacts_hidden_messages_when_asked() {
        let mut r = sample::results();
        // only the hidden case of `flip` fails now
        let odd = r.modules[1].cases.iter_mut().find(|c| c.case == "odd").unwrap();
        odd.status = Status::Pass;
        let msg = |detail| find(&result_json(&r, &ReportSettings { detail, ..Default::default() }), "views/flip")["message"].as_str().unwrap().to_string();
        assert!(msg(Detail::All).contains("the hidden answer"));
        let redacted = msg(Detail::RedactHidden);
        assert_eq!(redacted, "2/3 cases pass; [secret] (hidden) hidden case: fail");
    }

    #[test]
    fn classroom_result_fits_in_an_environment_variable() {
        let mut r = sample::results();
        let long = "x".repeat(5000);
        let template = r.modules[1].cases[1].clone();
        r.modules[1].cases = (0..400)
            .map(|i| {
                let mut c = template.clone();
                c.exercise = format!("exercise_number_{i}");
                c.message = long.clone();
                c
            })
            .collect();
        let encoded = result_base64(&r, &ReportSettings::default());
        assert!(encoded.len() <= MAX_ENCODED, "{} bytes", encoded.len());
        let doc = decode(&encoded);
        assert_eq!(doc["tests"].as_array().unwrap().len(), 3 + 400 + 1 + 1);
        // the long messages were shortened, not the tests dropped
        assert!(doc["tests"].as_array().unwrap().iter().all(|t| t["message"].as_str().unwrap().len() < 400));
        // a normal result keeps its messages at full length
        let normal = decode(&result_base64(&sample::results(), &ReportSettings::default()));
        assert!(find(&normal, "views/flip")["message"].as_str().unwrap().contains("second line: 100%"));
    }
}
