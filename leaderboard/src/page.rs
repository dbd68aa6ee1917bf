//! The pages: Markdown and CSV for people and spreadsheets, and one self-contained HTML page
//! (a template rendered by minijinja with HTML auto-escaping; charts as inline SVG drawn by
//! plotters; no external asset, and a Content-Security-Policy that forbids fetching any).

use crate::rank::Board;
use anyhow::Result;
use minijinja::{Environment, context};
use plotters::prelude::*;
use plotters::style::register_font;
use serde::Serialize;

fn num(x: f64) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.2}") }
}

fn speed(x: Option<f64>) -> String {
    x.map(|s| format!("{s:.3}")).unwrap_or_else(|| "–".into())
}

/// Markdown: a table. Names are escaped so that neither HTML nor Markdown syntax in a name can
/// do anything where the file is rendered.
pub fn markdown(b: &Board, title: &str, verified: bool) -> String {
    let mut s = format!("# {}\n\n", md_escape(title));
    s += if verified {
        "Every result on this board carries the course's signature.\n\n"
    } else {
        "**Unverified**: no signing key was given, so these results were not checked.\n\n"
    };
    s += "| rank | name | total | ";
    for m in &b.modules {
        s += &format!("{} | ", md_escape(m));
    }
    s += "speed figure |\n|---:|---|---:|";
    s += &"---:|".repeat(b.modules.len());
    s += "---:|\n";
    for e in &b.entries {
        s += &format!("| {} | {} | {} / {} | ", e.rank, md_escape(&e.name), num(e.score), num(e.max_score));
        for m in &e.modules {
            s += &format!("{} | ", m.map(num).unwrap_or_else(|| "–".into()));
        }
        s += &format!("{} |\n", speed(e.speed));
    }
    s += "\nRanked by total, then by speed figure (the geometric mean of time/budget over the timed checks passed; lower is faster; – means none passed).\n";
    s
}

/// Escapes what Markdown or the HTML inside it would interpret.
pub fn md_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '&' => out += "&amp;",
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '|' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// CSV: one row per student. A name that a spreadsheet would read as a formula gets a leading
/// apostrophe.
pub fn csv(b: &Board) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["rank".to_string(), "name".into(), "score".into(), "max_score".into(), "percent".into(), "speed_figure".into()];
    header.extend(b.modules.iter().cloned());
    w.write_record(&header)?;
    for e in &b.entries {
        let mut row = vec![
            e.rank.to_string(),
            csv_safe(&e.name),
            num(e.score),
            num(e.max_score),
            format!("{:.1}", e.percent),
            e.speed.map(|s| format!("{s:.4}")).unwrap_or_default(),
        ];
        row.extend(e.modules.iter().map(|m| m.map(num).unwrap_or_default()));
        w.write_record(&row)?;
    }
    Ok(String::from_utf8(w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?)
}

fn csv_safe(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

static TEMPLATE: &str = include_str!("../templates/leaderboard.html");
static FONT: &[u8] = include_bytes!("../../plots/assets/DejaVuSans.ttf");

#[derive(Serialize)]
struct Row {
    rank: usize,
    name: String,
    score: String,
    score_v: f64,
    max_score: String,
    percent: String,
    speed: String,
    /// Sort key: the figure, or a value after every figure for "none".
    speed_v: f64,
    modules: Vec<(String, f64)>,
}

/// The page. Every string from a result file goes through the template's HTML escaping; only
/// the two charts (drawn here from numbers and the course's module names) are inserted as is.
pub fn html(b: &Board, title: &str, verified: bool) -> Result<String> {
    let mut env = Environment::new();
    env.add_template("leaderboard.html", TEMPLATE)?;
    let rows: Vec<Row> = b
        .entries
        .iter()
        .map(|e| Row {
            rank: e.rank,
            name: e.name.clone(),
            score: num(e.score),
            score_v: e.score,
            max_score: num(e.max_score),
            percent: format!("{:.0}", e.percent),
            speed: speed(e.speed),
            speed_v: e.speed.unwrap_or(1e9),
            modules: e.modules.iter().map(|m| (m.map(num).unwrap_or_else(|| "–".into()), m.unwrap_or(-1.0))).collect(),
        })
        .collect();
    let scatter = minijinja::Value::from_safe_string(scatter_svg(b)?);
    let bars = minijinja::Value::from_safe_string(pass_rate_svg(b)?);
    let with_speed = b.entries.iter().filter(|e| e.speed.is_some()).count();
    let page = env.get_template("leaderboard.html")?.render(context! {
        title, verified, rows, modules => b.modules, scatter, bars,
        students => b.entries.len(), with_speed,
    })?;
    Ok(page)
}

fn font() -> Result<()> {
    use std::sync::Once;
    static ONCE: Once = Once::new();
    let mut err = None;
    ONCE.call_once(|| {
        for style in [FontStyle::Normal, FontStyle::Bold] {
            if register_font("sans-serif", style, FONT).is_err() {
                err = Some(anyhow::anyhow!("cannot load the bundled font"));
            }
        }
    });
    err.map_or(Ok(()), Err)
}

/// Score against speed figure, one dot per student who has a speed figure.
fn scatter_svg(b: &Board) -> Result<String> {
    font()?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let pts: Vec<(f64, f64)> = b.entries.iter().filter_map(|e| e.speed.map(|s| (s, e.score))).collect();
        let xmax = pts.iter().map(|p| p.0).fold(1.0f64, f64::max) * 1.05;
        let ymax = b.entries.iter().map(|e| e.max_score).fold(1.0f64, f64::max);
        let mut chart = ChartBuilder::on(&root)
            .caption("Score against speed figure (left is faster)", ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(0.0..xmax, 0.0..ymax * 1.05)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .label_style(("sans-serif", 15))
            .axis_desc_style(("sans-serif", 16))
            .x_desc("speed figure (time / budget, geometric mean)")
            .y_desc("score")
            .draw()
            .map_err(draw_err)?;
        chart.draw_series(pts.iter().map(|p| Circle::new(*p, 5, BLUE.mix(0.7).filled()))).map_err(draw_err)?;
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

/// The share of cases passed per module, over the whole class.
fn pass_rate_svg(b: &Board) -> Result<String> {
    font()?;
    let mut svg = String::new();
    {
        let h = (110 + 36 * b.modules.len() as u32).max(260);
        let root = SVGBackend::with_string(&mut svg, (640, h)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let n = b.modules.len().max(1);
        let mut chart = ChartBuilder::on(&root)
            .caption("Cases passed per module (whole class)", ("sans-serif", 20))
            .margin(12)
            .margin_right(28)
            .x_label_area_size(50)
            .y_label_area_size(110)
            .build_cartesian_2d(0.0..100.0, (0..n).into_segmented())
            .map_err(draw_err)?;
        let names = b.modules.clone();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .label_style(("sans-serif", 15))
            .axis_desc_style(("sans-serif", 16))
            .x_desc("% of cases passed")
            .y_labels(n)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => names.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .draw()
            .map_err(draw_err)?;
        chart
            .draw_series(b.pass_rate.iter().enumerate().map(|(i, r)| {
                let mut bar = Rectangle::new([(0.0, SegmentValue::Exact(i)), (100.0 * r, SegmentValue::Exact(i + 1))], GREEN.mix(0.6).filled());
                bar.set_margin(4, 4, 0, 0);
                bar
            }))
            .map_err(draw_err)?;
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

fn draw_err<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow::anyhow!("cannot draw the chart: {e:?}")
}
