//! The instructor summary: per exercise, how many students pass each case and each timed check,
//! the most common failure message, and where hidden cases fail while the public ones pass
//! (a sign of answers hard-coded to the public cases, or of a lesson that is ambiguous).
//! It names no student: it is about the exercises.

use crate::load::Loaded;
use crate::page::md_escape;
use crate::rank::Board;
use std::collections::BTreeMap;

#[derive(Default)]
struct Tally {
    pass: usize,
    all: usize,
}

#[derive(Default)]
struct Exercise {
    cases: BTreeMap<(bool, String), Tally>,
    timing: Tally,
    failures: BTreeMap<String, usize>,
    /// Students who pass every public case of this exercise.
    public_all_pass: usize,
    /// ... and of those, who fail a hidden case.
    hidden_fail: usize,
}

pub fn markdown(l: &Loaded, b: &Board) -> String {
    let mut ex: BTreeMap<(String, String), Exercise> = BTreeMap::new();
    for a in l.results.values() {
        for m in &a.result.modules {
            let mut per: BTreeMap<&str, (bool, bool, bool)> = BTreeMap::new(); // (has public, all public pass, any hidden fail)
            for c in &m.cases {
                let e = ex.entry((m.name.clone(), c.exercise.clone())).or_default();
                let t = e.cases.entry((c.hidden, c.case.clone())).or_default();
                t.all += 1;
                let pass = c.status == "pass";
                t.pass += usize::from(pass);
                if !pass {
                    *e.failures.entry(first_line(&c.message, &c.status)).or_default() += 1;
                }
                let p = per.entry(c.exercise.as_str()).or_insert((false, true, false));
                if c.hidden {
                    p.2 |= !pass;
                } else {
                    p.0 = true;
                    p.1 &= pass;
                }
            }
            for t in &m.timing {
                let e = ex.entry((m.name.clone(), t.exercise.clone())).or_default();
                if t.status != "not_run" {
                    e.timing.all += 1;
                    e.timing.pass += usize::from(t.status == "pass");
                }
            }
            for (name, (has_public, all_public, hidden_fail)) in per {
                let e = ex.get_mut(&(m.name.clone(), name.to_string())).expect("counted above");
                if has_public && all_public {
                    e.public_all_pass += 1;
                    e.hidden_fail += usize::from(hidden_fail);
                }
            }
        }
    }
    let pct = |t: &Tally| if t.all == 0 { "–".to_string() } else { format!("{:.0}% ({}/{})", 100.0 * t.pass as f64 / t.all as f64, t.pass, t.all) };
    let mut s = String::from("# Instructor summary\n\n");
    s += &format!("{} student(s) ranked. ", b.entries.len());
    s += &format!(
        "{} file(s) rejected, {} malformed file(s) skipped, {} older result(s) superseded.\n\n",
        l.rejected.len(),
        l.malformed.len(),
        l.superseded.len()
    );
    if !l.rejected.is_empty() || !l.malformed.is_empty() {
        s += "## Files left out\n\n| file | why |\n|---|---|\n";
        for (f, why) in l.rejected.iter().chain(&l.malformed) {
            s += &format!("| {} | {} |\n", md_escape(&f.display().to_string()), md_escape(why));
        }
        s += "\n";
    }
    s += "## Hidden cases failing while the public ones pass\n\nStudents who pass every public case of an exercise but fail one of its hidden cases: answers fitted to the public cases, or a lesson that does not say enough.\n\n";
    let mut suspicious: Vec<_> = ex.iter().filter(|(_, e)| e.hidden_fail > 0).collect();
    suspicious.sort_by(|a, b| b.1.hidden_fail.cmp(&a.1.hidden_fail).then(a.0.cmp(b.0)));
    if suspicious.is_empty() {
        s += "None.\n\n";
    } else {
        s += "| exercise | students | of those passing every public case |\n|---|---:|---:|\n";
        for ((m, x), e) in suspicious {
            s += &format!("| {}::{} | {} | {} |\n", md_escape(m), md_escape(x), e.hidden_fail, e.public_all_pass);
        }
        s += "\n";
    }
    s += "## Per exercise\n\n";
    for ((m, x), e) in &ex {
        s += &format!("### {}::{}\n\n", md_escape(m), md_escape(x));
        if !e.cases.is_empty() {
            s += "| case | passing |\n|---|---:|\n";
            for ((hidden, case), t) in &e.cases {
                s += &format!("| {}{} | {} |\n", md_escape(case), if *hidden { " (hidden)" } else { "" }, pct(t));
            }
        }
        if e.timing.all > 0 {
            s += &format!("| timed check | {} |\n", pct(&e.timing));
        }
        if let Some((msg, n)) = e.failures.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
            s += &format!("\nMost common failure ({n}×): {}\n", md_escape(msg));
        }
        s += "\n";
    }
    s
}

/// A failure message's first line with every number replaced by `N`, shortened: messages carry
/// the student's own numbers, and the same mistake should count as one message.
fn first_line(msg: &str, status: &str) -> String {
    let line = msg.lines().next().unwrap_or("").trim();
    let mut out = String::new();
    let mut in_number = false;
    for c in line.chars().take(160) {
        let digit = c.is_ascii_digit() || (in_number && (c == '.' || c == 'e' || c == '-'));
        if digit {
            if !in_number {
                out.push('N');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    if out.is_empty() { format!("({status}, no message)") } else { out }
}
