//! Expected values from the reference solutions: `cargo xtask gen` writes them, `cargo xtask
//! check` regenerates them in memory and fails when the committed files differ.

use crate::cases::{self, Record};
use crate::compare::compare;
use crate::course::{Course, Source, hidden_cases, hidden_spec};
use crate::grade::{build_modules, parallel};
use crate::run::{Ended, Limits, run_case};
use crate::spec::{Compare, ModuleSpec};
use crate::timing;
use anyhow::{Result, anyhow, bail};
use ndlab_runtime::runner::CaseOutput;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files `gen` would write, with their records.
pub struct Generated {
    pub files: Vec<(PathBuf, Vec<Record>)>,
}

pub fn generate(course: &Course, modules: &[String], hidden: Option<&Path>, jobs: usize, progress: bool) -> Result<Generated> {
    let built = build_modules(course, &Source::Solutions, modules, BTreeMap::new(), progress)?;
    let scratch = course.work_dir().join("runs");
    std::fs::create_dir_all(&scratch)?;
    let mut files = Vec::new();
    for m in modules {
        let hspec = hidden.map(|h| hidden_spec(h, m));
        let spec = ModuleSpec::load(m, &course.spec(m), hspec.as_deref())?;
        let bin = match built.get(m) {
            Some(Ok(b)) => b.clone(),
            Some(Err(e)) => bail!("the reference solution of {m} {e}"),
            None => bail!("module {m} was not built"),
        };
        let records = parallel(&spec.cases, jobs, |c| -> Result<(bool, Record)> {
            let args = c.args.iter().map(|a| a.materialize()).collect::<Result<Vec<_>, _>>().map_err(|e| anyhow!(e))?;
            let ex = spec.exercise(&c.exercise).unwrap();
            let limits = Limits { timeout: ex.timeout * 3, memory: ex.memory };
            let rep = run_case(course, &bin, &scratch, &c.entry(), "", &args, limits)?;
            let value = match rep.ended {
                Ended::Returned(CaseOutput::Ok { value }) => value,
                other => bail!("the reference solution failed on {m}/{}[{}]: {other:?} {}", c.exercise, c.name, rep.stderr_tail),
            };
            Ok((c.hidden, Record::Case { exercise: c.exercise.clone(), case: c.name.clone(), hash: c.spec_hash(), args, expected: value }))
        });
        let mut public = Vec::new();
        let mut secret = Vec::new();
        for r in records {
            let (hidden_case, rec) = r?;
            if hidden_case { secret.push(rec) } else { public.push(rec) }
        }
        // Timed checks: the public salt is fixed; the hidden one is drawn from the hidden spec's
        // bytes, so it is as secret as the hidden cases and stable from one `gen` to the next.
        let hidden_spec_bytes = hspec.as_deref().and_then(|p| std::fs::read(p).ok());
        for t in &spec.timing {
            let public_salt = fnv64(format!("ndlab public timing salt|{m}|{}", t.exercise).as_bytes());
            let mut salts = vec![public_salt];
            if let Some(b) = &hidden_spec_bytes {
                let mut key = b.clone();
                key.extend(format!("|{m}|{}", t.exercise).bytes());
                salts.push(fnv64(&key));
            }
            let fps = timing::fingerprints(course, &bin, &scratch, "", t, &salts)
                .map_err(|e| anyhow!("the reference solution of {m}/{} failed on a timed input: {e}", t.exercise))?;
            let mut fps = fps.into_iter();
            public.push(Record::Timing { exercise: t.exercise.clone(), hash: t.spec_hash(), salt: public_salt, fingerprints: fps.next().unwrap_or_default() });
            if salts.len() > 1 {
                secret.push(Record::Timing { exercise: t.exercise.clone(), hash: t.spec_hash(), salt: salts[1], fingerprints: fps.next().unwrap_or_default() });
            }
        }
        files.push((course.public_cases(m), public));
        if let Some(h) = hidden
            && hidden_spec(h, m).exists()
        {
            files.push((hidden_cases(h, m), secret));
        }
    }
    Ok(Generated { files })
}

/// FNV-1a, 64 bits.
fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100000001b3);
    }
    h
}

impl Generated {
    pub fn write(&self) -> Result<()> {
        for (path, records) in &self.files {
            cases::save(path, records)?;
        }
        Ok(())
    }

    /// The files whose committed content differs from what the solutions produce now.
    pub fn stale(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for (path, records) in &self.files {
            let on_disk = cases::load(path)?;
            if !same(&on_disk, records) {
                out.push(path.display().to_string());
            }
        }
        Ok(out)
    }
}

/// Equal records, with floats equal to 1e-12 relative (the last bits of a sum may differ
/// between machines).
fn same(a: &[Record], b: &[Record]) -> bool {
    let tight = Compare::Allclose { rtol: 1e-12, atol: 1e-300, equal_nan: true };
    let eq = |x: &ndlab_runtime::Value, y: &ndlab_runtime::Value| compare(&tight, x, y, &[]).is_ok() && compare(&tight, y, x, &[]).is_ok();
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| match (x, y) {
            (
                Record::Case { exercise: e1, case: c1, hash: h1, args: a1, expected: x1 },
                Record::Case { exercise: e2, case: c2, hash: h2, args: a2, expected: x2 },
            ) => e1 == e2 && c1 == c2 && h1 == h2 && a1.len() == a2.len() && a1.iter().zip(a2).all(|(p, q)| eq(p, q)) && eq(x1, x2),
            (Record::Timing { exercise: e1, hash: h1, salt: s1, fingerprints: f1 }, Record::Timing { exercise: e2, hash: h2, salt: s2, fingerprints: f2 }) => {
                e1 == e2
                    && h1 == h2
                    && s1 == s2
                    && f1.len() == f2.len()
                    && f1.iter().zip(f2).all(|(x, y)| compare(&Compare::Allclose { rtol: 1e-9, atol: 1e-9, equal_nan: true }, x, y, &[]).is_ok())
            }
            _ => false,
        })
}
