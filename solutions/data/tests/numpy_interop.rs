//! The reference `save_npy` writes a file that NumPy itself loads with the same values, and
//! `load_npy` reads what NumPy wrote (the committed fixtures in `datasets/data/npy/`, made by
//! `datasets/reference/npy/make_fixtures.py`). Needs a Python with NumPy: `NDLAB_PYTHON`, else
//! the repository's `.venv`, else `python3`. Without one the NumPy half says so and is skipped,
//! unless `NDLAB_REQUIRE_NUMPY` is set (as in `.ci/run`), which makes it fail instead.
use ndarray::{Array2, array};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python_with_numpy() -> Option<PathBuf> {
    let candidates = [std::env::var_os("NDLAB_PYTHON").map(PathBuf::from), Some(root().join(".venv/bin/python")), Some(PathBuf::from("python3"))];
    candidates.into_iter().flatten().find(|py| Command::new(py).args(["-c", "import numpy"]).output().is_ok_and(|o| o.status.success()))
}

#[test]
fn numpy_loads_what_save_npy_writes() {
    let Some(py) = python_with_numpy() else {
        assert!(std::env::var_os("NDLAB_REQUIRE_NUMPY").is_none(), "NDLAB_REQUIRE_NUMPY is set but no Python with NumPy was found");
        println!("skipped: no Python with NumPy (set NDLAB_PYTHON, or make .venv with `pip install numpy`)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let a = array![[1.5, f64::NAN, -0.0], [f64::INFINITY, 2.0, 1e-300]];
    let path = dir.path().join("from_rust.npy");
    data::save_npy(&path, &a.t()).unwrap();
    // NumPy prints the shape, whether each value is bit-identical to what it expects, and the dtype.
    let script = "import sys, numpy as np\n\
                  b = np.load(sys.argv[1])\n\
                  want = np.array([[1.5, np.nan, -0.0], [np.inf, 2.0, 1e-300]]).T\n\
                  print(b.shape, b.dtype, bool((b.view(np.uint64) == want.view(np.uint64)).all()))";
    let out = Command::new(&py).args(["-c", script]).arg(&path).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "NumPy could not load the file: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(said.trim(), "(3, 2) float64 True", "NumPy read back something else");
}

#[test]
fn load_npy_reads_what_numpy_wrote() {
    let dir = root().join("datasets/data/npy");
    let want = Array2::from_shape_fn((4, 3), |(i, j)| (i * 3 + j) as f64 / 8.0 - 0.5);
    for name in ["small_c.npy", "small_fortran.npy"] {
        let got = data::load_npy(&dir.join(name)).unwrap();
        assert!(got.is_standard_layout(), "{name}");
        for ((i, j), &v) in got.indexed_iter() {
            match (i, j) {
                (1, 2) => assert!(v.is_nan(), "{name}"),
                (3, 0) => assert_eq!(v, f64::NEG_INFINITY, "{name}"),
                _ => assert_eq!(v, want[[i, j]], "{name} at {i},{j}"),
            }
        }
    }
    assert!(data::load_npy(&dir.join("counts_int64.npy")).is_err());
    assert!(data::load_npy(&dir.join("vector_f64.npy")).is_err());
}
