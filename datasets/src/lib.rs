//! Small real data sets and their loaders. The data sets arrive with the modules that use them
//! (k-means, PCA, finance, images, data); see `SOURCES.md` for their origin and licences.

use std::path::PathBuf;

/// The folder the data files live in (`datasets/` at the repository root).
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn data_dir_exists() {
        assert!(super::data_dir().join("Cargo.toml").is_file());
    }
}
