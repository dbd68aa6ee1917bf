//! A build of modules that do not call `ndlab` leaves faer out of the runners' workspace hack
//! (`NDLAB_SHARED_FEATURES` in `src/build/mod.rs`): a student's first modules compile without
//! faer's crates. When the first module that calls `ndlab` joins, faer's crates are added and
//! nothing the two builds share is compiled a second time (a second copy of ndarray would
//! recompile the runtime and every module above it).

use ndlab_grader::course::{Course, Source};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn copies(deps: &Path, krate: &str) -> usize {
    std::fs::read_dir(deps)
        .unwrap()
        .filter(|e| {
            let n = e.as_ref().unwrap().file_name().to_string_lossy().to_string();
            n.starts_with(&format!("lib{krate}-")) && n.ends_with(".rlib")
        })
        .count()
}

#[test]
#[ignore = "end-to-end: builds a course in release (minutes); run by `cargo test -- --ignored`"]
fn the_first_module_that_calls_ndlab_adds_faer_without_compiling_the_rest_again() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut course = Course::open(repo).unwrap();
    let work = tempfile::tempdir().unwrap();
    course.work = work.path().to_path_buf();
    course.helper = PathBuf::from(env!("CARGO_BIN_EXE_ndlab-sandbox"));
    let sub = tempfile::tempdir().unwrap();
    for m in ["arrays", "broadcasting"] {
        let dir = sub.path().join("exercises").join(m).join("src");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(repo.join("exercises").join(m).join("src/lib.rs"), dir.join("lib.rs")).unwrap();
    }
    let source = Source::Checkout(sub.path().to_path_buf());
    let deps = work.path().join("target-submissions/release/deps");

    let built = ndlab_grader::grade::build_modules(&course, &source, &["arrays".to_string()], BTreeMap::new(), false).unwrap();
    assert!(built["arrays"].is_ok());
    assert_eq!(copies(&deps, "faer"), 0, "arrays alone compiled faer");
    assert_eq!(copies(&deps, "ndarray"), 1);

    let both = ["arrays".to_string(), "broadcasting".to_string()];
    let built = ndlab_grader::grade::build_modules(&course, &source, &both, BTreeMap::new(), false).unwrap();
    assert!(built["arrays"].is_ok() && built["broadcasting"].is_ok());
    assert_eq!(copies(&deps, "faer"), 1);
    for krate in ["ndarray", "num_complex", "num_traits", "bytemuck", "rand", "serde_json", "ndlab_runtime"] {
        assert_eq!(copies(&deps, krate), 1, "{krate} was compiled twice: a feature that ndlab turns on is missing from NDLAB_SHARED_FEATURES");
    }
}
