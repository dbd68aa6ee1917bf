//! The deployment templates in deploy/: they parse, they lint (actionlint, kubernetes-validate,
//! when installed: `deploy/check.sh` installs them into target/deploy-venv), they call the
//! command lines the course has, their numbers agree with each other, and the README has a
//! section for each. A Slurm run on a live cluster when one answers.
//!
//! A missing linter or cluster is reported as skipped, never as a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn deploy(rel: &str) -> PathBuf {
    Path::new(REPO).join("deploy").join(rel)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(deploy(rel)).unwrap_or_else(|e| panic!("deploy/{rel}: {e}"))
}

const SHELL_SCRIPTS: [&str; 7] =
    ["check.sh", "slurm/ci-cluster.sh", "slurm/grade-class.sbatch", "slurm/submit.sh", "slurm/selftest.sh", "gradescope/setup.sh", "gradescope/run_autograder"];
const WORKFLOWS: [&str; 2] = ["github/grade-class.yml", "github/classroom-student.yml"];
const MANIFESTS: [&str; 2] = ["k8s/grade-class-job.yaml", "k8s/merge-results-job.yaml"];

/// The venv deploy/check.sh makes: `<target>/deploy-venv/bin` (the test binary is in
/// `<target>/debug/deps`).
fn venv_bin() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().join("deploy-venv/bin")
}

/// `PATH` with the venv first (actionlint finds shellcheck there).
fn path_with_venv() -> String {
    format!("{}:{}", venv_bin().display(), std::env::var("PATH").unwrap_or_default())
}

fn find_tool(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&path_with_venv()).map(|d| d.join(name)).find(|p| p.is_file())
}

fn run_tool(name: &str, args: &[&str]) -> Option<String> {
    let Some(tool) = find_tool(name) else {
        println!("skipped: {name} not installed (run deploy/check.sh)");
        return None;
    };
    let o = Command::new(&tool).args(args).current_dir(REPO).env("PATH", path_with_venv()).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "{name} {args:?} failed:\n{text}");
    Some(text)
}

#[test]
fn shell_scripts_parse_and_are_executable() {
    for s in SHELL_SCRIPTS {
        let o = Command::new("bash").arg("-n").arg(deploy(s)).output().unwrap();
        assert!(o.status.success(), "bash -n deploy/{s}:\n{}", String::from_utf8_lossy(&o.stderr));
        let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(deploy(s)).unwrap().permissions());
        assert!(mode & 0o111 != 0, "deploy/{s} must be executable");
    }
}

#[test]
fn workflows_pass_actionlint() {
    let files: Vec<String> = WORKFLOWS.iter().map(|w| format!("deploy/{w}")).collect();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    if run_tool("actionlint", &args).is_some() {
        println!("actionlint: {} workflows pass", files.len());
    }
}

#[test]
fn job_manifests_pass_kubernetes_validate() {
    let files: Vec<String> = MANIFESTS.iter().map(|m| format!("deploy/{m}")).collect();
    let mut args = vec!["--strict", "--kubernetes-version", "1.37.0"];
    args.extend(files.iter().map(String::as_str));
    if let Some(out) = run_tool("kubernetes-validate", &args) {
        assert!(!out.contains("ERROR"), "{out}");
        print!("{out}");
    }
}

#[test]
fn dockerfile_passes_hadolint() {
    run_tool("hadolint", &["--ignore", "DL3008", "deploy/k8s/Dockerfile"]);
}

/// The value after `key:` on the first line that has it, without quotes and comments.
fn yaml_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix(key)?.strip_prefix(':')?;
        Some(rest.split(" #").next().unwrap().trim().trim_matches('"').to_string())
    })
}

#[test]
fn templates_call_the_class_commands() {
    let sbatch = read("slurm/grade-class.sbatch");
    assert!(sbatch.contains(r#"xtask grade-class "$SUBMISSIONS" --out "$RESULTS" "$@""#));
    assert!(sbatch.contains("#SBATCH --cpus-per-task=2"));
    assert!(!sbatch.lines().any(|l| l.starts_with("#SBATCH --array")), "the array is given at submission");
    assert!(read("slurm/submit.sh").contains("xtask merge-results"));

    let docker = read("k8s/Dockerfile");
    assert!(docker.contains(r#"cargo xtask grade-class /submissions --out /results --shard-count \"$NDLAB_SHARDS\""#));
    assert!(docker.contains("RUN cargo xtask grade --no-timing"), "the image pre-builds by grading the stubs");
    let job = read("k8s/grade-class-job.yaml");
    assert_eq!(yaml_value(&job, "completionMode").as_deref(), Some("Indexed"));
    let completions = yaml_value(&job, "completions").unwrap();
    let shards = job.lines().skip_while(|l| !l.contains("name: NDLAB_SHARDS")).nth(1).and_then(|l| yaml_value(l, "value")).unwrap();
    assert_eq!(completions, shards, "the Job's completions and NDLAB_SHARDS must be the same N");
    assert!(read("k8s/merge-results-job.yaml").contains(r#""xtask", "merge-results", "/results""#));

    let class = read("github/grade-class.yml");
    assert!(class.contains("--shard ${{ strategy.job-index }}/${{ strategy.job-total }}"));
    assert!(class.contains("cargo xtask grade-class submissions --out results"));
    assert!(class.contains("cargo xtask merge-results shards/results-* --out class-results --roster submissions"));
    assert!(class.contains("merge-multiple: false"));
    assert!(class.contains("actions/upload-artifact@v4") && class.contains("actions/download-artifact@v4"));

    let gs = read("gradescope/run_autograder");
    assert!(gs.contains(r#"grade --submission "$SUB" --gradescope "$OUT""#));
    assert!(read("gradescope/setup.sh").contains("cargo xtask grade --no-timing"));
}

/// The Classroom reporter reads `<RUNNER upper-cased>_RESULTS` for each step id in `runners`
/// (classroom-resources/autograding-grading-reporter, src/main.js), and rejects ids that are
/// not letters and digits when anything goes wrong.
#[test]
fn classroom_reporter_gets_the_grade_step_output() {
    let wf = read("github/classroom-student.yml");
    let runners = yaml_value(&wf, "runners").expect("the reporter step has `runners:`");
    for id in runners.split(',').map(str::trim) {
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric()), "step id {id:?}: letters and digits only");
        assert!(wf.lines().any(|l| l.trim() == format!("id: {id}")), "no step with id {id}");
        let env = format!("{}_RESULTS: ${{{{ steps.{id}.outputs.result }}}}", id.to_uppercase());
        assert!(wf.contains(&env), "the reporter needs `{env}`");
    }
    assert!(wf.contains("uses: classroom-resources/autograding-grading-reporter@v1"));
    assert!(wf.contains("cargo xtask grade --no-timing --classroom result.b64"));
}

#[test]
fn every_template_has_a_readme_section() {
    let readme = read("README.md");
    let mut files = vec!["check.sh", "k8s/Dockerfile"];
    files.extend(SHELL_SCRIPTS.iter().filter(|s| **s != "check.sh"));
    files.extend(WORKFLOWS);
    files.extend(MANIFESTS);
    for f in files {
        assert!(readme.contains(&format!("deploy/{f}")), "deploy/README.md does not mention deploy/{f}");
    }
}

/// On a machine with a live Slurm cluster (deploy/slurm/ci-cluster.sh up): the array and the
/// merge job, with a stand-in cargo that records what each task ran.
#[test]
fn slurm_array_on_a_live_cluster() {
    let live = Command::new("sinfo").arg("-h").output().is_ok_and(|o| o.status.success() && !o.stdout.is_empty());
    if !live {
        println!("skipped: no Slurm cluster answers (run deploy/slurm/ci-cluster.sh up)");
        return;
    }
    let o = Command::new(deploy("slurm/selftest.sh")).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "deploy/slurm/selftest.sh:\n{out}\n{}", String::from_utf8_lossy(&o.stderr));
    print!("{out}");
}
