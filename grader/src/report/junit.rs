//! JUnit XML, as GitLab (`artifacts:reports:junit`) and Jenkins read it:
//!
//! ```xml
//! <testsuites name="ndlab" tests="…" failures="…" errors="…" skipped="…" time="12.3">
//!   <testsuite name="arrays" tests="…" failures="…" errors="…" skipped="…" time="0.016">
//!     <testcase name="grid [3x4]" classname="arrays.grid" file="exercises/arrays/src/lib.rs" line="12" time="0.004"/>
//!     <testcase name="flip [odd]" classname="arrays.flip" …><failure message="fail: …" type="fail">…</failure></testcase>
//!     <testcase name="column_means (timed)" classname="arrays.column_means" …/>
//! ```
//!
//! One `testsuite` per module; one `testcase` per case and per timed check, its `classname`
//! `<module>.<exercise>` (GitLab shows it as the suite) and `file` / `line` where the exercise's
//! function is (left out when unknown). A case that did not pass has a `<failure>` (its `type`
//! the status: `fail`, `timeout`, `crash`, `memory`; the message's first line in `message`, the
//! whole message as text); a timed check too slow or wrong likewise; a case or check not run is
//! `<skipped/>`. A module that did not build has a `build` testcase with an `<error>`.
//!
//! The XML is written by `quick-xml`, which escapes markup in every attribute and text; control
//! characters, which XML 1.0 forbids even escaped, are shown as `\u{1b}`-style text first.

use super::{ReportSettings, case_message, escape_controls, exercises, shorten, timing_message};
use crate::results::{Build, Location, Results, Status};
use crate::timing::TimingStatus;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

/// Text XML 1.0 accepts: control characters as escapes (see [`escape_controls`]), and the two
/// noncharacters it forbids (U+FFFE, U+FFFF) as U+FFFD.
pub fn xml_safe(s: &str) -> String {
    escape_controls(s).chars().map(|c| if matches!(c, '\u{FFFE}' | '\u{FFFF}') { '\u{FFFD}' } else { c }).collect()
}

enum Outcome {
    Pass,
    /// `<failure>` or `<error>`, with a type and the whole message.
    Problem {
        element: &'static str,
        kind: String,
        text: String,
    },
    Skipped(String),
}

struct Case<'a> {
    name: String,
    classname: String,
    at: Option<&'a Location>,
    time: Option<f64>,
    outcome: Outcome,
}

fn suite_cases<'a>(m: &'a crate::results::ModuleResult, s: &ReportSettings) -> Vec<Case<'a>> {
    let mut out = Vec::new();
    if let Build::Error(e) = &m.build {
        out.push(Case {
            name: "build".into(),
            classname: m.name.clone(),
            at: None,
            time: None,
            outcome: Outcome::Problem { element: "error", kind: "build".into(), text: format!("the module did not build: {e}") },
        });
    }
    for ex in exercises(m) {
        let classname = format!("{}.{}", m.name, ex.name);
        let at = m.functions.get(ex.name);
        for c in &ex.cases {
            let outcome = match c.status {
                Status::Pass => Outcome::Pass,
                Status::NotRun => Outcome::Skipped(case_message(c, s.detail)),
                st => Outcome::Problem { element: "failure", kind: st.word().into(), text: case_message(c, s.detail) },
            };
            let name = format!("{} [{}]{}", ex.name, c.case, if c.hidden { " (hidden)" } else { "" });
            out.push(Case { name, classname: classname.clone(), at, time: Some(c.elapsed_s), outcome });
        }
        if let Some(t) = ex.timing {
            let outcome = match t.status {
                TimingStatus::Pass => Outcome::Pass,
                TimingStatus::NotRun => Outcome::Skipped(timing_message(t)),
                TimingStatus::Fail => Outcome::Problem { element: "failure", kind: "too slow".into(), text: timing_message(t) },
                TimingStatus::Error => Outcome::Problem { element: "failure", kind: "error".into(), text: timing_message(t) },
            };
            out.push(Case { name: format!("{} (timed)", ex.name), classname: classname.clone(), at, time: None, outcome });
        }
    }
    out
}

#[derive(Default)]
struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

impl Counts {
    fn of(cases: &[Case]) -> Counts {
        let mut c = Counts { tests: cases.len(), ..Default::default() };
        for case in cases {
            match &case.outcome {
                Outcome::Pass => {}
                Outcome::Problem { element: "error", .. } => c.errors += 1,
                Outcome::Problem { .. } => c.failures += 1,
                Outcome::Skipped(_) => c.skipped += 1,
            }
        }
        c
    }
    fn add(&mut self, o: &Counts) {
        self.tests += o.tests;
        self.failures += o.failures;
        self.errors += o.errors;
        self.skipped += o.skipped;
    }
    fn attributes(&self) -> [(&'static str, String); 4] {
        [("tests", self.tests.to_string()), ("failures", self.failures.to_string()), ("errors", self.errors.to_string()), ("skipped", self.skipped.to_string())]
    }
}

fn secs(x: f64) -> String {
    format!("{x:.3}")
}

/// The JUnit XML document.
pub fn junit_xml(r: &Results, s: &ReportSettings) -> String {
    let suites: Vec<_> = r.modules.iter().map(|m| (m, suite_cases(m, s))).collect();
    let mut total = Counts::default();
    for (_, cases) in &suites {
        total.add(&Counts::of(cases));
    }
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let mem = "writing XML to memory";
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).expect(mem);
    let mut root: Vec<(&str, String)> = vec![("name", "ndlab".into())];
    root.extend(total.attributes());
    root.push(("time", secs(r.elapsed_s)));
    w.create_element("testsuites")
        .with_attributes(root.iter().map(|(k, v)| (*k, v.as_str())))
        .write_inner_content(|w| {
            for (m, cases) in &suites {
                let mut attrs: Vec<(&str, String)> = vec![("name", xml_safe(&m.name))];
                attrs.extend(Counts::of(cases).attributes());
                attrs.push(("time", secs(cases.iter().filter_map(|c| c.time).sum())));
                w.create_element("testsuite").with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_str()))).write_inner_content(|w| {
                    for c in cases {
                        write_case(w, c)?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })
        .expect(mem);
    let mut out = String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8");
    out.push('\n');
    out
}

fn write_case(w: &mut Writer<Vec<u8>>, c: &Case) -> std::io::Result<()> {
    let mut attrs: Vec<(&str, String)> = vec![("name", xml_safe(&c.name)), ("classname", xml_safe(&c.classname))];
    if let Some(at) = c.at {
        attrs.push(("file", xml_safe(&at.file)));
        attrs.push(("line", at.line.to_string()));
    }
    if let Some(t) = c.time {
        attrs.push(("time", secs(t)));
    }
    let el = w.create_element("testcase").with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_str())));
    match &c.outcome {
        Outcome::Pass => {
            el.write_empty()?;
        }
        Outcome::Skipped(msg) => {
            el.write_inner_content(|w| {
                w.create_element("skipped").with_attribute(("message", xml_safe(&shorten(msg, 200)).as_str())).write_empty()?;
                Ok(())
            })?;
        }
        Outcome::Problem { element, kind, text } => {
            let text = xml_safe(text);
            // An attribute's newlines read back as spaces: the first line goes there, all of it in the text.
            let first = shorten(text.lines().next().unwrap_or(""), 200);
            el.write_inner_content(|w| {
                w.create_element(*element).with_attributes([("message", first.as_str()), ("type", kind.as_str())]).write_text_content(BytesText::new(&text))?;
                Ok(())
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Detail, sample};

    fn attr<'a>(n: roxmltree::Node<'a, '_>, k: &str) -> Option<&'a str> {
        n.attribute(k)
    }

    fn count(n: roxmltree::Node, k: &str) -> usize {
        attr(n, k).unwrap_or_else(|| panic!("no {k} on {n:?}")).parse().unwrap()
    }

    fn case<'a>(doc: &'a roxmltree::Document, name: &str) -> roxmltree::Node<'a, 'a> {
        doc.descendants().find(|n| n.has_tag_name("testcase") && n.attribute("name") == Some(name)).unwrap_or_else(|| panic!("no testcase {name:?}"))
    }

    #[test]
    fn junit_parses_back_with_the_right_counts_and_attributes() {
        let r = sample::results();
        let xml = junit_xml(&r, &ReportSettings::default());
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let root = doc.root_element();
        assert!(root.has_tag_name("testsuites"));
        let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
        assert_eq!(suites.iter().map(|s| attr(*s, "name").unwrap()).collect::<Vec<_>>(), ["arrays", "views", "linalg"]);
        // (tests, failures, errors, skipped) per module
        let expect = [(5, 0, 0, 0), (6, 3, 0, 1), (4, 0, 1, 3)];
        for (s, (t, f, e, k)) in suites.iter().zip(expect) {
            assert!(s.has_tag_name("testsuite"));
            assert_eq!((count(*s, "tests"), count(*s, "failures"), count(*s, "errors"), count(*s, "skipped")), (t, f, e, k), "{:?}", attr(*s, "name"));
            let cases: Vec<_> = s.children().filter(|n| n.is_element()).collect();
            assert!(cases.iter().all(|c| c.has_tag_name("testcase")));
            assert_eq!(cases.len(), t);
            let with = |tag: &str| cases.iter().filter(|c| c.children().any(|x| x.has_tag_name(tag))).count();
            assert_eq!((with("failure"), with("error"), with("skipped")), (f, e, k));
        }
        assert_eq!((count(root, "tests"), count(root, "failures"), count(root, "errors"), count(root, "skipped")), (15, 3, 1, 4));
        assert_eq!(attr(root, "time"), Some("12.346"));
        assert_eq!(attr(suites[0], "time"), Some("0.016"));

        let grid = case(&doc, "grid [3x4]");
        assert_eq!(
            ["classname", "file", "line", "time"].map(|k| attr(grid, k)),
            [Some("arrays.grid"), Some("exercises/arrays/src/lib.rs"), Some("12"), Some("0.004")]
        );
        assert_eq!(grid.children().filter(|n| n.is_element()).count(), 0);
        let timed = case(&doc, "column_means (timed)");
        assert_eq!((attr(timed, "classname"), attr(timed, "line"), attr(timed, "time")), (Some("arrays.column_means"), Some("40"), None));
        // no location known for `window`: no file, no line
        let big = case(&doc, "window [big]");
        assert_eq!((attr(big, "file"), attr(big, "line")), (None, None));
        let failure = big.children().find(|n| n.has_tag_name("failure")).unwrap();
        assert_eq!((attr(failure, "type"), attr(failure, "message")), (Some("timeout"), Some("timeout: over the 5 s limit")));
        assert_eq!(failure.text(), Some("timeout: over the 5 s limit\nhint: a hint for window"));
        let skipped = case(&doc, "window (timed)").children().find(|n| n.has_tag_name("skipped")).unwrap();
        assert!(attr(skipped, "message").unwrap().contains("fix the exercise's failing cases first"));
        let build = case(&doc, "build");
        assert_eq!(attr(build, "classname"), Some("linalg"));
        let error = build.children().find(|n| n.has_tag_name("error")).unwrap();
        assert_eq!(attr(error, "type"), Some("build"));
        assert!(error.text().unwrap().contains("error[E0308]: mismatched types\n --> exercises/linalg/src/lib.rs:3:5"));
        assert!(case(&doc, "solve [h] (hidden)").children().any(|n| n.has_tag_name("skipped")));
    }

    #[test]
    fn junit_escapes_student_text() {
        // the parser used here refuses what XML 1.0 forbids, so parsing is a real check
        assert!(roxmltree::Document::parse("<a>\u{1b}</a>").is_err());
        let xml = junit_xml(&sample::results(), &ReportSettings::default());
        assert!(!xml.contains('\u{1b}'));
        assert!(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "markup escaped");
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let failure = case(&doc, "flip [odd]").children().find(|n| n.has_tag_name("failure")).unwrap();
        let text = failure.text().unwrap();
        assert!(
            text.starts_with("fail: panicked at 'bad <script>alert(1)</script> & \"quotes\" 'n' \\u{1b}[31mred\\u{1b}[0m'\nsecond line: 100%, done"),
            "{text}"
        );
        assert_eq!(attr(failure, "message"), Some("fail: panicked at 'bad <script>alert(1)</script> & \"quotes\" 'n' \\u{1b}[31mred\\u{1b}[0m'"));
        assert_eq!(xml_safe("a\u{0}b\u{FFFE}c\u{FFFF}\td\ne"), "a\\u{0}b\u{FFFD}c\u{FFFD}\td\ne");
        assert_eq!(xml_safe("x\ry"), "x\\u{d}y");
    }

    #[test]
    fn junit_redacts_hidden_messages_when_asked() {
        let r = sample::results();
        let text = |detail| {
            let xml = junit_xml(&r, &ReportSettings { detail, ..Default::default() });
            let doc = roxmltree::Document::parse(&xml).unwrap();
            let f = case(&doc, "flip [secret] (hidden)").children().find(|n| n.has_tag_name("failure")).unwrap();
            f.text().unwrap().to_string()
        };
        assert!(text(Detail::All).contains("the hidden answer"));
        assert_eq!(text(Detail::RedactHidden), "hidden case: fail");
    }
}
