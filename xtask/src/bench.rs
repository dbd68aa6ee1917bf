//! `cargo xtask bench [--filter NAME] [--json PATH] [--compare]`: the reference solutions on
//! fixed tasks (release build, one thread), and with `--compare` the same tasks in NumPy in the
//! same run. The measuring is the judge's (`ndlab_grader::bench`); this file is the command line
//! and the table.

use anyhow::{Context, Result, bail};
use clap::Args;
use ndlab_grader::bench::{self, NumPy, TaskResult};
use ndlab_grader::course::{Course, Source};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct BenchArgs {
    /// Only the tasks whose exercise (`module::function`) or size contains this text.
    #[arg(long)]
    filter: Option<String>,
    /// Also write the results as JSON to this file.
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Run the same tasks in NumPy (bench/numpy_tasks.py), alternating with Rust, and print the
    /// Rust/NumPy ratio per task and their geometric mean.
    #[arg(long)]
    compare: bool,
    /// The Python with NumPy for --compare (default: $NDLAB_PYTHON, else ./.venv/bin/python,
    /// else python3).
    #[arg(long, value_name = "PATH")]
    python: Option<PathBuf>,
    /// Timed calls per side and task (after one warm-up call each).
    #[arg(long, default_value_t = 9)]
    rounds: usize,
}

/// The interpreter `--compare` uses.
fn python(course: &Course, given: Option<PathBuf>) -> PathBuf {
    given
        .or_else(|| std::env::var_os("NDLAB_PYTHON").map(PathBuf::from))
        .or_else(|| Some(course.root.join(".venv/bin/python")).filter(|p| p.exists()))
        .unwrap_or_else(|| PathBuf::from("python3"))
}

const HOW_TO_GET_NUMPY: &str = "to compare with NumPy, make a virtual environment in the repository and install NumPy into it:
    python3 -m venv .venv && .venv/bin/pip install numpy threadpoolctl
then run `cargo xtask bench --compare` again (it finds ./.venv by itself; or pass --python PATH)";

fn machine(numpy: Option<&NumPy>) -> serde_json::Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split_once(':')).map(|(_, v)| v.trim().to_string()))
        .unwrap_or_else(|| "unknown".into());
    let rustc = std::process::Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    serde_json::json!({
        "cpu": cpu,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "os": format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        "rustc": rustc,
        "numpy": numpy.map(|n| n.info.clone()),
        "unix_time": std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
    })
}

fn ms(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else if x >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

fn row(r: &TaskResult, compare: bool) -> String {
    let side =
        |s: &Option<bench::Side>| s.as_ref().map(|s| format!("{:>8} ±{:>3.0}%", ms(s.median_ms), 50.0 * s.spread)).unwrap_or_else(|| format!("{:>14}", "-"));
    let mut line = format!("{:<24} {:<22} {}", r.name, r.size, side(&r.rust));
    if compare {
        line += &format!(" {}", side(&r.numpy));
        line += &r.ratio.map(|x| format!(" {x:>7.2}×")).unwrap_or_else(|| format!(" {:>8}", "-"));
    }
    if let (Some(g), Some(c)) = (r.gb_per_s, r.copy_gb_per_s) {
        line += &format!("  {g:>5.1} GB/s = {:>3.0}% of copy", 100.0 * g / c);
    }
    line
}

pub fn bench(course: &Course, a: BenchArgs) -> Result<ExitCode> {
    let file = bench::tasks_file(course);
    let mut tasks = bench::load(course, &file)?;
    if let Some(f) = &a.filter {
        tasks.retain(|t| t.exercise.contains(f.as_str()) || t.size.contains(f.as_str()));
        if tasks.is_empty() {
            bail!("no task matches {f:?}; the tasks are in {}", file.display());
        }
    }
    let mut numpy = None;
    if a.compare {
        let py = python(course, a.python);
        match NumPy::start(&py, &bench::numpy_script(course)) {
            Ok(n) => {
                println!("{}", n.describe());
                numpy = Some(n);
            }
            Err(e) => {
                println!("NumPy is not available through {}: {e:#}", py.display());
                println!("{HOW_TO_GET_NUMPY}");
                println!("running the Rust side alone");
            }
        }
    }
    let mut modules: Vec<String> = tasks.iter().map(|t| t.module().to_string()).collect();
    modules.sort();
    modules.dedup();
    let modules = course.select(&modules)?;
    let built = ndlab_grader::grade::build_modules(course, &Source::Solutions, &modules, Default::default(), true)?;
    let mut bins = std::collections::BTreeMap::new();
    for (m, b) in built {
        match b {
            Ok(p) => {
                bins.insert(m, p);
            }
            Err(e) => eprintln!("the reference of module {m} did not build: {e}"),
        }
    }
    let compare = numpy.is_some();
    println!(
        "Reference solutions (release, one thread){}: median of {} calls each, ± half the interquartile range; every call starts with cold caches.",
        if compare { " against NumPy, rounds alternating" } else { "" },
        a.rounds
    );
    let mut head = format!("{:<24} {:<22} {:>14}", "task", "size", "Rust ms");
    if compare {
        head += &format!(" {:>14} {:>8}", "NumPy ms", "ratio");
    }
    println!("{head}");
    let opts = bench::Options { rounds: a.rounds, memory: 16 << 30 };
    let results = bench::run(course, &bins, &tasks, &opts, numpy.as_mut(), |r| {
        println!("{}", row(r, compare));
        for n in &r.notes {
            println!("    {n}");
        }
    })?;
    let geo = bench::geomean(&results);
    if let Some(g) = geo {
        let n = results.iter().filter(|r| r.ratio.is_some()).count();
        let slower: Vec<&str> = results.iter().filter(|r| r.ratio.is_some_and(|x| x > 1.0)).map(|r| r.name.as_str()).collect();
        println!(
            "geometric mean of Rust/NumPy over {n} task(s): {g:.2}×; slower than NumPy: {}",
            if slower.is_empty() { "none".into() } else { slower.join(", ") }
        );
    }
    if let Some(p) = &a.json {
        write_json(p, &results, geo, numpy.as_ref(), a.rounds)?;
        println!("wrote {}", p.display());
    }
    // A task fails when its reference did not run, or, with NumPy, when its twin was not shown
    // to agree with the reference.
    let failed: Vec<String> =
        results.iter().filter(|r| r.rust.is_none() || (compare && r.agrees != Some(true))).map(|r| format!("{} ({})", r.name, r.size)).collect();
    if !failed.is_empty() {
        println!("FAILED: {} (see the notes under each)", failed.join(", "));
    }
    Ok(if failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn write_json(path: &Path, results: &[TaskResult], geo: Option<f64>, numpy: Option<&NumPy>, rounds: usize) -> Result<()> {
    let tasks: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            let mut t = serde_json::json!({
                "name": r.name,
                "exercise": r.exercise,
                "size": r.size,
                "median_ms": r.rust.as_ref().map(|s| s.median_ms),
                "spread": r.rust.as_ref().map(|s| s.spread),
            });
            if let Some(n) = &r.numpy {
                t["numpy_ms"] = n.median_ms.into();
                t["numpy_spread"] = n.spread.into();
                t["ratio"] = r.ratio.into();
            }
            if let Some(a) = r.agrees {
                t["agrees"] = a.into();
            }
            if let (Some(b), Some(g), Some(c)) = (r.bytes, r.gb_per_s, r.copy_gb_per_s) {
                t["bytes"] = b.into();
                t["gb_per_s"] = g.into();
                t["copy_gb_per_s"] = c.into();
            }
            if !r.notes.is_empty() {
                t["notes"] = r.notes.clone().into();
            }
            t
        })
        .collect();
    let doc = serde_json::json!({ "machine": machine(numpy), "rounds": rounds, "geomean_ratio": geo, "tasks": tasks });
    std::fs::write(path, serde_json::to_string_pretty(&doc)? + "\n").with_context(|| format!("cannot write {}", path.display()))
}
