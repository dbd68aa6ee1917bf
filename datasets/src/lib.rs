//! Small real data sets for the ndlab modules, and their loaders.
//!
//! The files live in `datasets/data/` with their origin, licences and checksums
//! (`data/SOURCES.md`, `data/LICENSES/`, `data/SHA256SUMS`). Every loader checks the file's
//! sha256 against `SHA256SUMS` before parsing it, so a missing, truncated or edited file is a
//! clear [`DataError`], never a panic or silently different numbers.
//!
//! ```
//! let iris = datasets::iris().unwrap();
//! assert_eq!(iris.features.dim(), (150, 4));
//! assert_eq!(iris.target_names, ["setosa", "versicolor", "virginica"]);
//! ```

pub mod finance;
pub mod images;
pub mod text;
pub mod timeseries;

use ndarray::{Array1, Array2};
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::{Path, PathBuf};

/// The folder the data files live in (`datasets/data/`).
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Why a data set could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum DataError {
    /// The file is not there (or cannot be read).
    Missing { path: PathBuf, reason: String },
    /// The file's sha256 differs from the one recorded in `SHA256SUMS`.
    Checksum { path: PathBuf, expected: String, actual: String },
    /// `SHA256SUMS` has no line for the file.
    Unlisted { path: PathBuf },
    /// The file is there and intact, but a value does not parse.
    Parse { path: PathBuf, line: usize, message: String },
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::Missing { path, reason } => {
                write!(f, "data file {} cannot be read ({reason}); restore it from the repository (git checkout -- datasets/data)", path.display())
            }
            DataError::Checksum { path, expected, actual } => write!(
                f,
                "data file {} has been altered: its sha256 is {actual}, SHA256SUMS records {expected}; restore it (git checkout -- datasets/data)",
                path.display()
            ),
            DataError::Unlisted { path } => write!(f, "data file {} is not listed in datasets/data/SHA256SUMS", path.display()),
            DataError::Parse { path, line, message } => write!(f, "{}:{line}: {message}", path.display()),
        }
    }
}

impl std::error::Error for DataError {}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The checksum `SHA256SUMS` (in `dir`) records for `rel`.
fn recorded_sha(dir: &Path, rel: &str) -> Result<String, DataError> {
    let sums = dir.join("SHA256SUMS");
    let text = std::fs::read_to_string(&sums).map_err(|e| DataError::Missing { path: sums.clone(), reason: e.to_string() })?;
    text.lines()
        .filter_map(|l| l.split_once(char::is_whitespace))
        .find(|(_, name)| name.trim_start().trim_start_matches('*') == rel)
        .map(|(sha, _)| sha.to_ascii_lowercase())
        .ok_or(DataError::Unlisted { path: dir.join(rel) })
}

/// Reads `rel` (a path under `dir`, as written in `SHA256SUMS`) after checking its sha256.
pub fn read_verified_in(dir: &Path, rel: &str) -> Result<Vec<u8>, DataError> {
    let path = dir.join(rel);
    let expected = recorded_sha(dir, rel)?;
    let bytes = std::fs::read(&path).map_err(|e| DataError::Missing { path: path.clone(), reason: e.to_string() })?;
    let actual = sha256_hex(&bytes);
    if actual != expected {
        return Err(DataError::Checksum { path, expected, actual });
    }
    Ok(bytes)
}

/// Reads a file of the repository's data (`data_dir()`), checked against `SHA256SUMS`.
pub fn read_verified(rel: &str) -> Result<Vec<u8>, DataError> {
    read_verified_in(&data_dir(), rel)
}

/// A labelled table: one row per sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// `n_samples × n_features`.
    pub features: Array2<f64>,
    /// Class of each sample, `0..target_names.len()`.
    pub target: Array1<usize>,
    pub feature_names: Vec<String>,
    /// Name of each class (the class number as text when the file has no names).
    pub target_names: Vec<String>,
}

/// Parses a table whose columns are numeric features, then `target` (an integer class) and
/// optionally `target_name`.
fn labelled_table(dir: &Path, rel: &str) -> Result<Dataset, DataError> {
    let path = dir.join(rel);
    let bytes = read_verified_in(dir, rel)?;
    let parse = |line: usize, message: String| DataError::Parse { path: path.clone(), line, message };
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes.as_slice());
    let header: Vec<String> = rdr.headers().map_err(|e| parse(1, e.to_string()))?.iter().map(str::to_string).collect();
    let t = header.iter().position(|h| h == "target").ok_or_else(|| parse(1, "no `target` column".into()))?;
    let name_col = header.iter().position(|h| h == "target_name");
    let feature_cols: Vec<usize> = (0..header.len()).filter(|&i| i != t && Some(i) != name_col).collect();
    let mut values = Vec::new();
    let mut target = Vec::new();
    let mut names: Vec<Option<String>> = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| parse(line, e.to_string()))?;
        for &c in &feature_cols {
            let v: f64 = rec[c].trim().parse().map_err(|_| parse(line, format!("column {}: {:?} is not a number", header[c], &rec[c])))?;
            values.push(v);
        }
        let k: usize = rec[t].trim().parse().map_err(|_| parse(line, format!("target {:?} is not a class number", &rec[t])))?;
        if names.len() <= k {
            names.resize(k + 1, None);
        }
        if let Some(nc) = name_col {
            names[k].get_or_insert_with(|| rec[nc].to_string());
        }
        target.push(k);
    }
    let n = target.len();
    let features = Array2::from_shape_vec((n, feature_cols.len()), values).map_err(|e| parse(0, e.to_string()))?;
    Ok(Dataset {
        features,
        target: Array1::from(target),
        feature_names: feature_cols.iter().map(|&c| header[c].clone()).collect(),
        target_names: names.into_iter().enumerate().map(|(k, n)| n.unwrap_or_else(|| k.to_string())).collect(),
    })
}

/// Fisher's iris: 150 flowers × 4 measurements (cm), 3 species (50 each).
pub fn iris() -> Result<Dataset, DataError> {
    labelled_table(&data_dir(), "tabular/iris.csv")
}

/// Wine recognition: 178 wines × 13 chemical measurements (very different scales), 3 cultivars.
pub fn wine() -> Result<Dataset, DataError> {
    labelled_table(&data_dir(), "tabular/wine.csv")
}

/// Handwritten digits: 1797 images of 8×8 pixels (values 0..=16, row-major), classes 0..=9.
pub fn digits() -> Result<Dataset, DataError> {
    labelled_table(&data_dir(), "tabular/digits.csv")
}

/// The course's fixed digits split, the one `nn` and `classify` train and test on: pixels divided
/// by 16 (every feature in `[0, 1]`; a power of two, so the division is exact), sample `i`
/// **held out** when `i % 5 == 4` (359 samples) and used for training otherwise (1438).
/// Returns `(x_train, y_train, x_held_out, y_held_out)`.
pub fn digits_split() -> Result<(Array2<f64>, Array1<usize>, Array2<f64>, Array1<usize>), DataError> {
    let d = digits()?;
    let x = d.features / 16.0;
    let n = x.nrows();
    let train: Vec<usize> = (0..n).filter(|i| i % 5 != 4).collect();
    let held: Vec<usize> = (0..n).filter(|i| i % 5 == 4).collect();
    let rows = |a: &Array2<f64>, idx: &[usize]| a.select(ndarray::Axis(0), idx);
    let labels = |idx: &[usize]| d.target.select(ndarray::Axis(0), idx);
    Ok((rows(&x, &train), labels(&train), rows(&x, &held), labels(&held)))
}

/// Breast cancer Wisconsin (diagnostic): 569 samples × 30 features; 0 = malignant, 1 = benign.
pub fn breast_cancer() -> Result<Dataset, DataError> {
    labelled_table(&data_dir(), "tabular/breast_cancer.csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(t: &Array1<usize>, k: usize) -> Vec<usize> {
        let mut c = vec![0; k];
        t.iter().for_each(|&x| c[x] += 1);
        c
    }

    #[test]
    fn iris_has_fishers_shape_and_values() {
        let d = iris().unwrap();
        assert_eq!(d.features.dim(), (150, 4));
        assert_eq!(d.feature_names, ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]);
        assert_eq!(d.target_names, ["setosa", "versicolor", "virginica"]);
        assert_eq!(counts(&d.target, 3), [50, 50, 50]);
        assert_eq!(d.features.row(0).to_vec(), [5.1, 3.5, 1.4, 0.2]);
        let mean_petal = d.features.column(2).mean().unwrap();
        assert!((mean_petal - 3.758).abs() < 1e-9, "{mean_petal}");
    }

    #[test]
    fn wine_digits_and_breast_cancer_load() {
        let w = wine().unwrap();
        assert_eq!(w.features.dim(), (178, 13));
        assert_eq!(counts(&w.target, 3), [59, 71, 48]);
        let d = digits().unwrap();
        assert_eq!(d.features.dim(), (1797, 64));
        assert_eq!(d.target_names.len(), 10);
        assert!(d.features.iter().all(|&p| (0.0..=16.0).contains(&p) && p.fract() == 0.0));
        let b = breast_cancer().unwrap();
        assert_eq!(b.features.dim(), (569, 30));
        assert_eq!(counts(&b.target, 2), [212, 357]);
        assert_eq!(b.target_names, ["malignant", "benign"]);
    }

    #[test]
    fn every_listed_file_matches_its_checksum() {
        let text = std::fs::read_to_string(data_dir().join("SHA256SUMS")).unwrap();
        let mut n = 0;
        for l in text.lines().filter(|l| !l.trim().is_empty()) {
            let (_, name) = l.split_once(char::is_whitespace).unwrap();
            read_verified(name.trim_start().trim_start_matches('*')).unwrap();
            n += 1;
        }
        assert!(n >= 50, "{n}");
    }

    #[test]
    fn an_altered_or_missing_file_is_a_clear_error() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::create_dir_all(dir.join("tabular")).unwrap();
        std::fs::copy(data_dir().join("SHA256SUMS"), dir.join("SHA256SUMS")).unwrap();
        let err = labelled_table(dir, "tabular/iris.csv").unwrap_err();
        assert!(matches!(err, DataError::Missing { .. }), "{err}");
        assert!(err.to_string().contains("iris.csv"));
        let mut bytes = std::fs::read(data_dir().join("tabular/iris.csv")).unwrap();
        bytes[100] ^= 1; // one changed bit
        std::fs::write(dir.join("tabular/iris.csv"), &bytes).unwrap();
        let err = labelled_table(dir, "tabular/iris.csv").unwrap_err();
        assert!(matches!(err, DataError::Checksum { .. }), "{err}");
        assert!(err.to_string().contains("altered"), "{err}");
        let err = labelled_table(dir, "tabular/nope.csv").unwrap_err();
        assert!(matches!(err, DataError::Unlisted { .. }), "{err}");
    }
}
