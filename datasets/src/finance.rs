//! Price tables for the `finance` module: `data/finance/*.csv`.
//!
//! Every table comes back in the same wide form, [`Prices`]: one row per date (oldest first),
//! one column per asset. A cell the file leaves empty (an asset not listed yet) is `NaN`.
//!
//! ```
//! let p = datasets::finance::sp500_stocks_daily().unwrap();
//! assert_eq!(p.prices.dim(), (8313, 20));
//! assert_eq!(p.symbols[0], "AAPL");
//! ```

use crate::{DataError, data_dir, read_verified_in};
use ndarray::Array2;
use std::collections::BTreeMap;
use std::path::Path;

/// Prices of several assets on common dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Prices {
    /// ISO dates `YYYY-MM-DD`, ascending (one per row of `prices`).
    pub dates: Vec<String>,
    /// Ticker of each column of `prices`.
    pub symbols: Vec<String>,
    /// `n_dates × n_assets`; `NaN` where the asset has no price on that date.
    pub prices: Array2<f64>,
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn number(s: &str) -> Result<f64, String> {
    let s = s.trim();
    if s.is_empty() { Ok(f64::NAN) } else { s.parse().map_err(|_| format!("{s:?} is not a number")) }
}

/// A wide table: `date` then one column of prices per asset.
fn wide_table(dir: &Path, rel: &str) -> Result<Prices, DataError> {
    let path = dir.join(rel);
    let bytes = read_verified_in(dir, rel)?;
    let parse = |line: usize, message: String| DataError::Parse { path: path.clone(), line, message };
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes.as_slice());
    let header: Vec<String> = rdr.headers().map_err(|e| parse(1, e.to_string()))?.iter().map(str::to_string).collect();
    if header.first().map(String::as_str) != Some("date") {
        return Err(parse(1, "the first column must be `date`".into()));
    }
    let k = header.len() - 1;
    let mut dates = Vec::new();
    let mut values = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| parse(line, e.to_string()))?;
        if !is_iso_date(&rec[0]) {
            return Err(parse(line, format!("{:?} is not a YYYY-MM-DD date", &rec[0])));
        }
        if dates.last().is_some_and(|d: &String| d.as_str() >= &rec[0]) {
            return Err(parse(line, format!("date {} is not after the previous one", &rec[0])));
        }
        dates.push(rec[0].to_string());
        for c in 1..=k {
            values.push(number(&rec[c]).map_err(|m| parse(line, format!("column {}: {m}", header[c])))?);
        }
    }
    let prices = Array2::from_shape_vec((dates.len(), k), values).map_err(|e| parse(0, e.to_string()))?;
    Ok(Prices { dates, symbols: header[1..].to_vec(), prices })
}

/// A long table `symbol,date,price`, pivoted to the wide form (symbols in order of first
/// appearance, dates sorted; `NaN` where a symbol has no row for a date).
fn long_table(dir: &Path, rel: &str) -> Result<Prices, DataError> {
    let path = dir.join(rel);
    let bytes = read_verified_in(dir, rel)?;
    let parse = |line: usize, message: String| DataError::Parse { path: path.clone(), line, message };
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes.as_slice());
    let header: Vec<String> = rdr.headers().map_err(|e| parse(1, e.to_string()))?.iter().map(str::to_string).collect();
    if header != ["symbol", "date", "price"] {
        return Err(parse(1, format!("expected the columns symbol,date,price, found {header:?}")));
    }
    let mut symbols: Vec<String> = Vec::new();
    let mut cells: BTreeMap<String, Vec<(usize, f64)>> = BTreeMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| parse(line, e.to_string()))?;
        if !is_iso_date(&rec[1]) {
            return Err(parse(line, format!("{:?} is not a YYYY-MM-DD date", &rec[1])));
        }
        let s = match symbols.iter().position(|s| s == &rec[0]) {
            Some(s) => s,
            None => {
                symbols.push(rec[0].to_string());
                symbols.len() - 1
            }
        };
        let v = number(&rec[2]).map_err(|m| parse(line, m))?;
        let row = cells.entry(rec[1].to_string()).or_default();
        if row.iter().any(|&(c, _)| c == s) {
            return Err(parse(line, format!("a second price for {} on {}", &rec[0], &rec[1])));
        }
        row.push((s, v));
    }
    let mut prices = Array2::from_elem((cells.len(), symbols.len()), f64::NAN);
    for (i, row) in cells.values().enumerate() {
        for &(c, v) in row {
            prices[[i, c]] = v;
        }
    }
    Ok(Prices { dates: cells.into_keys().collect(), symbols, prices })
}

/// Daily adjusted closes of 20 S&P 500 stocks, 1990-01-02 .. 2022-12-28: 8313 days × 20.
/// Every cell is filled (no gaps).
pub fn sp500_stocks_daily() -> Result<Prices, DataError> {
    wide_table(&data_dir(), "finance/sp500_20_stocks_daily.csv")
}

/// The S&P 500 index on the same dates as [`sp500_stocks_daily`]: 8313 × 1 (`SP500`).
pub fn sp500_index_daily() -> Result<Prices, DataError> {
    wide_table(&data_dir(), "finance/sp500_index_daily.csv")
}

/// Monthly prices (1st of each month) of AAPL, AMZN, GOOG, IBM, MSFT, 2000-01 .. 2010-03:
/// 123 × 5. GOOG is listed in 2004-08: its first 55 rows are `NaN`.
pub fn stocks_monthly() -> Result<Prices, DataError> {
    long_table(&data_dir(), "finance/stocks_monthly_long.csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_tables_have_their_shapes_and_values() {
        let p = sp500_stocks_daily().unwrap();
        assert_eq!(p.prices.dim(), (8313, 20));
        assert_eq!(p.dates.len(), 8313);
        assert_eq!((p.dates[0].as_str(), p.dates[8312].as_str()), ("1990-01-02", "2022-12-28"));
        assert_eq!(p.symbols.len(), 20);
        assert_eq!((p.symbols[0].as_str(), p.symbols[19].as_str()), ("AAPL", "XOM"));
        assert_eq!(p.prices[[0, 0]], 0.264);
        assert_eq!(p.prices[[1, 1]], 4.0);
        assert!(p.prices.iter().all(|v| v.is_finite() && *v > 0.0));
        let i = sp500_index_daily().unwrap();
        assert_eq!(i.prices.dim(), (8313, 1));
        assert_eq!(i.symbols, ["SP500"]);
        assert_eq!(i.dates, p.dates);
        assert_eq!(i.prices[[0, 0]], 359.69);
    }

    #[test]
    fn monthly_table_is_pivoted_with_nan_before_listing() {
        let p = stocks_monthly().unwrap();
        assert_eq!(p.symbols, ["MSFT", "AMZN", "IBM", "GOOG", "AAPL"]);
        assert_eq!(p.prices.dim(), (123, 5));
        assert_eq!(p.dates[0], "2000-01-01");
        assert_eq!(p.prices[[0, 0]], 39.81);
        let goog = p.prices.column(3);
        let first = goog.iter().position(|v| !v.is_nan()).unwrap();
        assert_eq!(first, 55);
        assert_eq!(p.dates[first], "2004-08-01");
        assert!(goog.iter().skip(first).all(|v| v.is_finite()));
        let nans = p.prices.iter().filter(|v| v.is_nan()).count();
        assert_eq!(nans, 55);
    }

    #[test]
    fn empty_cells_are_nan_and_bad_cells_are_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let write = |text: &str| {
            std::fs::write(dir.join("t.csv"), text).unwrap();
            let sha = crate::sha256_hex(text.as_bytes());
            std::fs::write(dir.join("SHA256SUMS"), format!("{sha}  t.csv\n")).unwrap();
        };
        write("date,A,B\n2000-01-03,,2\n2000-01-04,1.5,3\n");
        let p = wide_table(dir, "t.csv").unwrap();
        assert!(p.prices[[0, 0]].is_nan());
        assert_eq!(p.prices[[1, 0]], 1.5);
        write("date,A\n2000-01-03,x\n");
        assert!(matches!(wide_table(dir, "t.csv"), Err(DataError::Parse { line: 2, .. })));
        write("date,A\n2000-01-04,1\n2000-01-03,1\n");
        assert!(matches!(wide_table(dir, "t.csv"), Err(DataError::Parse { line: 3, .. })));
    }
}
