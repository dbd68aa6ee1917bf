//! Expected values: `grader/cases/<m>.jsonl` (public cases and timed-check fingerprints) and
//! `<hidden>/<m>.jsonl` (hidden cases). One JSON record per line. They are generated from the
//! reference solutions by `cargo xtask gen`, never typed by hand, and `cargo xtask check` fails
//! when they are out of date.

use anyhow::{Context, Result, anyhow};
use ndlab_runtime::Value;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    Case {
        exercise: String,
        case: String,
        hash: String,
        args: Vec<Value>,
        expected: Value,
    },
    /// Summaries of the reference's results on a timed check's inputs (one per input, taken
    /// with `salt`; see [`crate::timing`]). The hidden folder has its own, with a secret salt.
    Timing {
        exercise: String,
        hash: String,
        salt: u64,
        fingerprints: Vec<Value>,
    },
}

pub fn load(path: &Path) -> Result<Vec<Record>> {
    if !path.exists() {
        return Ok(vec![]);
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| anyhow!("{}:{}: {e}", path.display(), i + 1)))
        .collect()
}

/// Writes the records atomically (a temporary file renamed over the old one).
pub fn save(path: &Path, records: &[Record]) -> Result<()> {
    let mut text = String::new();
    for r in records {
        text += &serde_json::to_string(r)?;
        text.push('\n');
    }
    crate::report::write_atomic(path, text.as_bytes())
}
