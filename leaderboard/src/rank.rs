//! Ranking: by score (higher first), then by the speed figure (lower first; a student without
//! one ranks after those with one at equal score). Students equal on both share a rank.
//!
//! **Speed figure**: the geometric mean, over the timed checks a student *passed*, of
//! `time / budget` (each timed check's own ratio: the student's median time over the budget the
//! grader measured in the same process). Below 1 is within budget; 0.5 means twice as fast as
//! the budget on average. A geometric mean, so halving one check's time and doubling another's
//! cancel out whatever their sizes, and the figure means the same on any machine.

use crate::load::{Accepted, ResultFile};
use anyhow::{Context, Result, bail};
use ndlab_signing::Key;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The speed figure of one result (see the module's documentation); `None` with no passed
/// timed check.
pub fn speed_figure(r: &ResultFile) -> Option<f64> {
    let logs: Vec<f64> = r
        .modules
        .iter()
        .flat_map(|m| &m.timing)
        .filter(|t| t.status == "pass")
        .filter_map(|t| t.ratio)
        .filter(|x| *x > 0.0 && x.is_finite())
        .map(f64::ln)
        .collect();
    (!logs.is_empty()).then(|| (logs.iter().sum::<f64>() / logs.len() as f64).exp())
}

/// One row of the board.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Entry {
    pub rank: usize,
    /// What the page shows: a display name, a pseudonym or (with `--ids`) the id.
    pub name: String,
    #[serde(skip)]
    pub student: String,
    pub score: f64,
    pub max_score: f64,
    pub percent: f64,
    pub speed: Option<f64>,
    /// Score per module, in the board's module order (`None`: not graded in this result).
    pub modules: Vec<Option<f64>>,
    pub verified: bool,
    pub graded_at: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Board {
    /// Every module any result has, in the order results list them.
    pub modules: Vec<String>,
    /// Each module's most common maximum score.
    pub module_max: Vec<f64>,
    pub entries: Vec<Entry>,
    /// Per module, the share of the class's cases that passed (0..=1).
    pub pass_rate: Vec<f64>,
}

/// How students are named on the page.
pub struct Naming {
    secret: Option<Vec<u8>>,
    names: BTreeMap<String, String>,
    show_ids: bool,
}

impl Naming {
    /// Pseudonyms come from the key, or else the salt; a display name from `names` wins.
    pub fn new(key: Option<&Key>, salt: Option<&str>, names: BTreeMap<String, String>, show_ids: bool) -> Result<Naming> {
        let secret = match (salt, key) {
            (Some(s), _) if s.len() < 8 => bail!("--salt must be at least 8 characters: a short salt lets anyone guess who is who"),
            (Some(s), _) => Some(s.as_bytes().to_vec()),
            (None, Some(k)) => Some(k.derive("pseudonym key", b"").to_vec()),
            (None, None) => None,
        };
        Ok(Naming { secret, names, show_ids })
    }

    fn pseudonym(&self, id: &str) -> Option<String> {
        let s = self.secret.as_ref()?;
        let h = ndlab_signing::derive(s, "pseudonym", id.as_bytes());
        Some(format!(
            "{}-{}-{:02}",
            ADJECTIVES[h[0] as usize % ADJECTIVES.len()],
            ANIMALS[h[1] as usize % ANIMALS.len()],
            u16::from_le_bytes([h[2], h[3]]) % 100
        ))
    }

    /// A short tag told apart from other students' (for two students who would share a name).
    fn tag(&self, id: &str) -> String {
        let h = ndlab_signing::derive(self.secret.as_deref().unwrap_or(b"ndlab"), "tag", id.as_bytes());
        h[..3].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The name shown for `id`, or an error naming the choices when there is no way to name
    /// a student without showing their id.
    pub fn name(&self, id: &str) -> Option<String> {
        if self.show_ids {
            return Some(id.to_string());
        }
        self.names.get(id).cloned().or_else(|| self.pseudonym(id))
    }
}

const ADJECTIVES: [&str; 64] = [
    "amber", "brisk", "calm", "dapper", "eager", "fabled", "gentle", "hardy", "icy", "jolly", "keen", "lively", "mellow", "nimble", "opal", "plucky", "quiet",
    "rapid", "sunny", "tidy", "upbeat", "vivid", "witty", "young", "zesty", "bold", "clever", "daring", "early", "fancy", "gleeful", "humble", "ivory", "jade",
    "kind", "lucky", "mighty", "noble", "olive", "proud", "quick", "rosy", "swift", "tawny", "urban", "velvet", "wise", "azure", "bright", "cosy", "dusky",
    "frosty", "golden", "hazel", "indigo", "lunar", "misty", "nutty", "polar", "royal", "silver", "teal", "wild", "zen",
];

const ANIMALS: [&str; 64] = [
    "otter", "badger", "crane", "dingo", "egret", "ferret", "gecko", "heron", "ibis", "jackal", "koala", "lemur", "marten", "newt", "ocelot", "panda", "quail",
    "raven", "stoat", "tapir", "urchin", "vole", "walrus", "yak", "zebra", "bison", "camel", "dolphin", "eland", "finch", "gibbon", "hare", "impala", "jay",
    "kiwi", "lynx", "moose", "narwhal", "orca", "puffin", "quokka", "robin", "seal", "toucan", "viper", "wombat", "alpaca", "beaver", "cobra", "dove",
    "falcon", "gazelle", "hyena", "iguana", "kestrel", "llama", "mole", "owl", "pika", "rhino", "swan", "tiger", "wolf", "hornet",
];

/// A CSV `student,name` (a header row is expected). Empty names are refused.
pub fn read_names(p: &Path) -> Result<BTreeMap<String, String>> {
    let mut r = csv::ReaderBuilder::new().trim(csv::Trim::All).from_path(p).with_context(|| format!("cannot read the names file {}", p.display()))?;
    let headers = r.headers().with_context(|| format!("{}: no header row", p.display()))?.clone();
    let col = |n: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(n));
    let (Some(s), Some(n)) = (col("student"), col("name")) else {
        bail!("{}: the header row must name the columns `student` and `name` (found: {})", p.display(), headers.iter().collect::<Vec<_>>().join(", "));
    };
    let mut out = BTreeMap::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: line {}", p.display(), i + 2))?;
        let (id, name) = (rec.get(s).unwrap_or(""), rec.get(n).unwrap_or(""));
        if id.is_empty() || name.is_empty() {
            bail!("{}: line {}: a student id and a name are both needed", p.display(), i + 2);
        }
        out.insert(id.to_string(), name.to_string());
    }
    Ok(out)
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Orders the students and gives ranks (1, 2, 2, 4: equal score and equal speed figure share).
pub fn rank(results: &BTreeMap<String, Accepted>, naming: &Naming) -> Board {
    let mut modules: Vec<String> = Vec::new();
    for a in results.values() {
        for m in &a.result.modules {
            if !modules.contains(&m.name) {
                modules.push(m.name.clone());
            }
        }
    }
    let mut entries: Vec<Entry> = results
        .values()
        .map(|a| {
            let r = &a.result;
            let by_name: BTreeMap<&str, f64> = r.modules.iter().map(|m| (m.name.as_str(), m.score)).collect();
            Entry {
                rank: 0,
                name: naming.name(&a.student).unwrap_or_default(),
                student: a.student.clone(),
                score: r.score,
                max_score: r.max_score,
                percent: if r.max_score > 0.0 { 100.0 * r.score / r.max_score } else { 100.0 },
                speed: speed_figure(r),
                modules: modules.iter().map(|m| by_name.get(m.as_str()).copied()).collect(),
                verified: a.verified,
                graded_at: r.graded_at.clone(),
            }
        })
        .collect();
    // Two students must never share a row name (pseudonyms collide now and then in a large class;
    // two display names may be equal): each such name gets a tag.
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for e in &entries {
        *count.entry(e.name.clone()).or_default() += 1;
    }
    for e in &mut entries {
        if count[&e.name] > 1 && !e.name.is_empty() && !naming.show_ids {
            e.name = format!("{} #{}", e.name, naming.tag(&e.student));
        }
    }
    let order = |a: &Entry, b: &Entry| {
        b.score.total_cmp(&a.score).then_with(|| match (a.speed, b.speed) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        })
    };
    entries.sort_by(|a, b| order(a, b).then_with(|| a.name.cmp(&b.name)));
    for i in 0..entries.len() {
        let tied = i > 0 && same(entries[i].score, entries[i - 1].score) && {
            match (entries[i].speed, entries[i - 1].speed) {
                (Some(x), Some(y)) => same(x, y),
                (None, None) => true,
                _ => false,
            }
        };
        entries[i].rank = if tied { entries[i - 1].rank } else { i + 1 };
    }
    let module_max = modules
        .iter()
        .map(|m| {
            let mut counts: BTreeMap<u64, usize> = BTreeMap::new();
            for a in results.values() {
                if let Some(x) = a.result.modules.iter().find(|x| &x.name == m) {
                    *counts.entry(x.max_score.to_bits()).or_default() += 1;
                }
            }
            counts.into_iter().max_by_key(|(_, n)| *n).map_or(0.0, |(b, _)| f64::from_bits(b))
        })
        .collect();
    let pass_rate = modules
        .iter()
        .map(|m| {
            let (mut pass, mut all) = (0usize, 0usize);
            for a in results.values() {
                for c in a.result.modules.iter().filter(|x| &x.name == m).flat_map(|x| &x.cases) {
                    all += 1;
                    pass += usize::from(c.status == "pass");
                }
            }
            if all == 0 { 0.0 } else { pass as f64 / all as f64 }
        })
        .collect();
    Board { modules, module_max, entries, pass_rate }
}

/// Students the board could not name (no display name, no key or salt for a pseudonym).
pub fn unnamed(board: &Board) -> BTreeSet<String> {
    board.entries.iter().filter(|e| e.name.is_empty()).map(|e| e.student.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{ModuleResult, TimingResult};

    fn result(score: f64, ratios: &[(f64, &str)]) -> ResultFile {
        ResultFile {
            schema: 1,
            student: None,
            score,
            max_score: 10.0,
            course_version: "c".into(),
            graded_at: String::new(),
            hidden_cases: true,
            timing: true,
            modules: vec![ModuleResult {
                name: "arrays".into(),
                score,
                max_score: 10.0,
                cases: vec![],
                timing: ratios
                    .iter()
                    .map(|(r, s)| TimingResult { exercise: "x".into(), status: s.to_string(), ratio: Some(*r), message: String::new() })
                    .collect(),
            }],
        }
    }

    #[test]
    fn speed_figure_is_the_geometric_mean_of_passed_checks() {
        // The README's worked example: 0.25, 0.5 and 0.8 passed, 1.7 failed (over budget).
        let r = result(5.0, &[(0.25, "pass"), (0.5, "pass"), (0.8, "pass"), (1.7, "fail")]);
        let s = speed_figure(&r).unwrap();
        assert!((s - (0.25f64 * 0.5 * 0.8).cbrt()).abs() < 1e-12 && (s - 0.4642).abs() < 1e-4, "{s}");
        assert_eq!(speed_figure(&result(5.0, &[(1.7, "fail")])), None);
        assert_eq!(speed_figure(&result(5.0, &[])), None);
    }

    #[test]
    fn ranks_by_score_then_speed_with_shared_ranks() {
        let mut m = BTreeMap::new();
        for (id, score, ratios) in
            [("a", 8.0, vec![(0.5, "pass")]), ("b", 9.0, vec![]), ("c", 8.0, vec![(0.25, "pass")]), ("d", 8.0, vec![]), ("e", 8.0, vec![(0.5, "pass")])]
        {
            let r = result(score, &ratios);
            m.insert(id.to_string(), Accepted { file: id.into(), student: id.into(), result: r, verified: true });
        }
        let naming = Naming::new(None, None, BTreeMap::new(), true).unwrap();
        let b = rank(&m, &naming);
        let got: Vec<(usize, &str)> = b.entries.iter().map(|e| (e.rank, e.name.as_str())).collect();
        assert_eq!(got, vec![(1, "b"), (2, "c"), (3, "a"), (3, "e"), (5, "d")]);
    }

    #[test]
    fn pseudonyms_are_stable_and_depend_on_the_secret() {
        let n1 = Naming::new(None, Some("course-salt-1"), BTreeMap::new(), false).unwrap();
        let n2 = Naming::new(None, Some("course-salt-2"), BTreeMap::new(), false).unwrap();
        assert_eq!(n1.name("ada"), n1.name("ada"));
        assert_ne!(n1.name("ada"), n1.name("bob"));
        assert_ne!(n1.name("ada"), n2.name("ada"));
        assert!(!n1.name("ada").unwrap().contains("ada"));
        let names = BTreeMap::from([("ada".to_string(), "Ada L.".to_string())]);
        let n3 = Naming::new(None, Some("course-salt-1"), names, false).unwrap();
        assert_eq!(n3.name("ada").as_deref(), Some("Ada L."));
        assert_eq!(n3.name("bob"), n1.name("bob"));
        assert!(Naming::new(None, Some("short"), BTreeMap::new(), false).is_err());
        assert_eq!(Naming::new(None, None, BTreeMap::new(), false).unwrap().name("ada"), None);
    }
}
