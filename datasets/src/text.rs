//! Text: 33 State of the Union addresses, 1989–2021 (`text/sotu/`), one speech per file,
//! with their metadata from `text/sotu/index.csv`.
//!
//! ```
//! let s = datasets::text::sotu().unwrap();
//! assert_eq!(s.len(), 33);
//! assert_eq!((s[0].year, s[0].president.as_str()), (1989, "George Bush"));
//! ```

use crate::{DataError, data_dir, read_verified_in};
use std::path::Path;

/// One address.
#[derive(Clone, Debug, PartialEq)]
pub struct Speech {
    /// File name under `text/sotu/`, e.g. `1989_george_bush_r.txt`.
    pub file: String,
    pub year: u32,
    pub president: String,
    /// `Republican` or `Democratic`.
    pub party: String,
    /// The whole speech (UTF-8, one line).
    pub text: String,
}

pub(crate) fn sotu_in(dir: &Path) -> Result<Vec<Speech>, DataError> {
    let rel = "text/sotu/index.csv";
    let path = dir.join(rel);
    let bytes = read_verified_in(dir, rel)?;
    let err = |line: usize, message: String| DataError::Parse { path: path.clone(), line, message };
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes.as_slice());
    let header: Vec<String> = rdr.headers().map_err(|e| err(1, e.to_string()))?.iter().map(str::to_string).collect();
    if header[..4] != ["file", "year", "president", "party"] {
        return Err(err(1, format!("unexpected header {header:?}")));
    }
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| err(line, e.to_string()))?;
        let file = rec[0].to_string();
        let year = rec[1].trim().parse().map_err(|_| err(line, format!("year {:?} is not a number", &rec[1])))?;
        let raw = read_verified_in(dir, &format!("text/sotu/{file}"))?;
        let text = String::from_utf8(raw).map_err(|e| err(line, format!("{file} is not UTF-8: {e}")))?;
        out.push(Speech { file, year, president: rec[2].to_string(), party: rec[3].to_string(), text });
    }
    Ok(out)
}

/// The 33 speeches in year order (1989 first).
pub fn sotu() -> Result<Vec<Speech>, DataError> {
    sotu_in(&data_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_speeches_load_with_metadata() {
        let s = sotu().unwrap();
        assert_eq!(s.len(), 33);
        assert!(s.iter().enumerate().all(|(i, sp)| sp.year == 1989 + i as u32));
        assert_eq!(s[32].file, "2021_joseph_r_biden_d.txt");
        assert_eq!(s[32].party, "Democratic");
        assert_eq!(s[0].party, "Republican");
        assert_eq!(s[0].text.len(), 27_759);
        assert!(s[0].text.starts_with("Mr. Speaker"), "{}", &s[0].text[..40]);
        // index.csv's `words` column is the whitespace-split token count.
        assert_eq!(s[0].text.split_whitespace().count(), 4821);
    }

    #[test]
    fn a_missing_index_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::copy(data_dir().join("SHA256SUMS"), tmp.path().join("SHA256SUMS")).unwrap();
        assert!(matches!(sotu_in(tmp.path()), Err(DataError::Missing { .. })));
    }
}
