//! Time series: Mauna Loa weekly CO₂ (1958–2001, with genuinely missing weeks) and daily
//! Seattle weather (2012–2015, complete).
//!
//! Dates are ISO `YYYY-MM-DD` strings in the files; they are parsed into the small [`Date`]
//! type, which converts to a day count and to a decimal year (for regressions on time).
//!
//! ```
//! let co2 = datasets::timeseries::mauna_loa_co2().unwrap();
//! assert_eq!(co2.ppm.len(), 2284);
//! assert_eq!(co2.ppm.iter().filter(|v| v.is_nan()).count(), 59);
//! assert_eq!(co2.dates[0].to_string(), "1958-03-29");
//! ```

use crate::{DataError, data_dir, read_verified_in};
use ndarray::{Array1, Array2};
use std::fmt;
use std::path::Path;

/// A calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`; `None` for anything else or a day that does not exist.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date { year: y.parse().ok()?, month: m.parse().ok()?, day: d.parse().ok()? };
        (date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= days_in_month(date.year, date.month)).then_some(date)
    }

    pub fn is_leap_year(self) -> bool {
        is_leap(self.year)
    }

    /// 1 for January 1st, up to 365 or 366.
    pub fn day_of_year(self) -> u32 {
        (1..self.month).map(|m| days_in_month(self.year, m)).sum::<u32>() + self.day
    }

    /// Days since 1970-01-01 (negative before), like `np.datetime64(d, "D").astype(int)`.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year as i64 - (self.month <= 2) as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `year + (day_of_year - 1) / days_in_year`: 2000-01-01 is 2000.0, 2000-07-02 is 2000.5.
    pub fn decimal_year(self) -> f64 {
        let len = if self.is_leap_year() { 366.0 } else { 365.0 };
        self.year as f64 + (self.day_of_year() - 1) as f64 / len
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Mauna Loa weekly CO₂: one row per week, NaN where the week has no measurement.
#[derive(Clone, Debug, PartialEq)]
pub struct Co2 {
    /// The Saturday that names each week, ascending, every 7 days.
    pub dates: Vec<Date>,
    /// CO₂ mole fraction in ppm; NaN for the 59 missing weeks (empty cells in the file).
    pub ppm: Array1<f64>,
}

impl Co2 {
    /// The dates as decimal years (see [`Date::decimal_year`]).
    pub fn decimal_years(&self) -> Array1<f64> {
        self.dates.iter().map(|d| d.decimal_year()).collect()
    }
}

/// Daily Seattle weather 2012-01-01 .. 2015-12-31 (1461 days, no gaps).
#[derive(Clone, Debug, PartialEq)]
pub struct Weather {
    pub dates: Vec<Date>,
    /// `1461 × 4`: precipitation (mm), temp_max (°C), temp_min (°C), wind (m/s).
    pub values: Array2<f64>,
    /// `["precipitation", "temp_max", "temp_min", "wind"]`.
    pub columns: Vec<String>,
    /// The derived label of each day (`sun`, `fog`, `rain`, `drizzle`, `snow`).
    pub weather: Vec<String>,
}

type Rows = (Vec<String>, Vec<(usize, csv::StringRecord)>);

fn read_csv(dir: &Path, rel: &str) -> Result<Rows, DataError> {
    let path = dir.join(rel);
    let bytes = read_verified_in(dir, rel)?;
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes.as_slice());
    let header = rdr.headers().map_err(|e| DataError::Parse { path: path.clone(), line: 1, message: e.to_string() })?.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| DataError::Parse { path: path.clone(), line: i + 2, message: e.to_string() })?;
        rows.push((i + 2, rec));
    }
    Ok((header, rows))
}

fn parse_err(dir: &Path, rel: &str, line: usize, message: String) -> DataError {
    DataError::Parse { path: dir.join(rel), line, message }
}

fn date_at(dir: &Path, rel: &str, line: usize, s: &str) -> Result<Date, DataError> {
    Date::parse(s).ok_or_else(|| parse_err(dir, rel, line, format!("{s:?} is not a YYYY-MM-DD date")))
}

fn number_at(dir: &Path, rel: &str, line: usize, col: &str, s: &str) -> Result<f64, DataError> {
    s.trim().parse().map_err(|_| parse_err(dir, rel, line, format!("column {col}: {s:?} is not a number")))
}

pub(crate) fn co2_in(dir: &Path) -> Result<Co2, DataError> {
    let rel = "timeseries/mauna_loa_co2_weekly.csv";
    let (header, rows) = read_csv(dir, rel)?;
    if header != ["date", "co2_ppm"] {
        return Err(parse_err(dir, rel, 1, format!("unexpected header {header:?}")));
    }
    let mut dates = Vec::with_capacity(rows.len());
    let mut ppm = Vec::with_capacity(rows.len());
    for (line, rec) in &rows {
        dates.push(date_at(dir, rel, *line, &rec[0])?);
        let cell = rec[1].trim();
        ppm.push(if cell.is_empty() { f64::NAN } else { number_at(dir, rel, *line, "co2_ppm", cell)? });
    }
    Ok(Co2 { dates, ppm: Array1::from(ppm) })
}

/// The Mauna Loa weekly CO₂ series (2284 weeks, 59 of them missing: NaN).
pub fn mauna_loa_co2() -> Result<Co2, DataError> {
    co2_in(&data_dir())
}

/// The Seattle daily weather table.
pub fn seattle_weather() -> Result<Weather, DataError> {
    let dir = data_dir();
    let rel = "timeseries/seattle_weather.csv";
    let (header, rows) = read_csv(&dir, rel)?;
    if header != ["date", "precipitation", "temp_max", "temp_min", "wind", "weather"] {
        return Err(parse_err(&dir, rel, 1, format!("unexpected header {header:?}")));
    }
    let mut dates = Vec::with_capacity(rows.len());
    let mut values = Vec::with_capacity(rows.len() * 4);
    let mut weather = Vec::with_capacity(rows.len());
    for (line, rec) in &rows {
        dates.push(date_at(&dir, rel, *line, &rec[0])?);
        for c in 1..5 {
            values.push(number_at(&dir, rel, *line, &header[c], &rec[c])?);
        }
        weather.push(rec[5].to_string());
    }
    let n = dates.len();
    Ok(Weather {
        dates,
        values: Array2::from_shape_vec((n, 4), values).map_err(|e| parse_err(&dir, rel, 0, e.to_string()))?,
        columns: header[1..5].to_vec(),
        weather,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_convert() {
        let d = Date::parse("2000-07-02").unwrap();
        assert_eq!((d.year, d.month, d.day), (2000, 7, 2));
        assert_eq!(d.day_of_year(), 184);
        assert_eq!(d.decimal_year(), 2000.5);
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(Date::parse("1958-03-29").unwrap().days_since_epoch(), -4296);
        assert_eq!(Date::parse("2001-12-29").unwrap().days_since_epoch(), 11685);
        assert!(Date::parse("2001-02-29").is_none());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2012/01/01").is_none());
        assert_eq!(d.to_string(), "2000-07-02");
    }

    #[test]
    fn co2_has_its_gaps_and_weekly_dates() {
        let c = mauna_loa_co2().unwrap();
        assert_eq!(c.dates.len(), 2284);
        assert_eq!(c.ppm.len(), 2284);
        assert_eq!(c.ppm.iter().filter(|v| v.is_nan()).count(), 59);
        assert_eq!(c.ppm[0], 316.1);
        assert!(c.ppm[6].is_nan(), "1958-05-10 is missing");
        assert_eq!(c.dates[6].to_string(), "1958-05-10");
        assert_eq!(c.ppm[2283], 371.5);
        assert!(c.dates.windows(2).all(|w| w[1].days_since_epoch() - w[0].days_since_epoch() == 7));
        let yrs = c.decimal_years();
        assert!((yrs[0] - (1958.0 + 87.0 / 365.0)).abs() < 1e-12);
    }

    #[test]
    fn seattle_weather_is_complete() {
        let w = seattle_weather().unwrap();
        assert_eq!(w.values.dim(), (1461, 4));
        assert_eq!(w.columns, ["precipitation", "temp_max", "temp_min", "wind"]);
        assert_eq!(w.values.row(0).to_vec(), [0.0, 12.8, 5.0, 4.7]);
        assert_eq!(w.weather[1], "rain");
        assert_eq!(w.dates[1460].to_string(), "2015-12-31");
        assert!(w.values.iter().all(|v| v.is_finite()));
        assert_eq!(w.weather.iter().filter(|s| *s == "sun").count(), 714);
    }

    #[test]
    fn a_missing_file_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::copy(data_dir().join("SHA256SUMS"), tmp.path().join("SHA256SUMS")).unwrap();
        assert!(matches!(co2_in(tmp.path()), Err(DataError::Missing { .. })));
    }
}
