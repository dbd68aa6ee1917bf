//! Drawing: scatter plots and line charts as PNG, with the bundled DejaVu Sans font.
//!
//! plotters' default features find fonts through the system's fontconfig/freetype, which a
//! fresh machine may not have; here text is rendered by `ab_glyph` from a TTF compiled into the
//! binary, and the bitmap is encoded by the `image` crate.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};
use std::path::Path;

static FONT: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");
const SIZE: (u32, u32) = (900, 650);

pub type Points = Vec<(f64, f64)>;

/// Registers the bundled font under the family name plotters asks for.
pub fn init() -> Result<(), String> {
    for style in [FontStyle::Normal, FontStyle::Bold] {
        register_font("sans-serif", style, FONT).map_err(|_| "cannot load the bundled font".to_string())?;
    }
    Ok(())
}

fn color(i: usize) -> RGBColor {
    // Okabe–Ito, readable by colour-blind readers; then plotters' palette.
    const C: [RGBColor; 8] = [
        RGBColor(0, 114, 178),
        RGBColor(230, 159, 0),
        RGBColor(0, 158, 115),
        RGBColor(204, 121, 167),
        RGBColor(86, 180, 233),
        RGBColor(213, 94, 0),
        RGBColor(240, 228, 66),
        RGBColor(0, 0, 0),
    ];
    if i < C.len() {
        C[i]
    } else {
        let c = Palette99::pick(i).to_rgba();
        RGBColor(c.0, c.1, c.2)
    }
}

fn bounds<'a>(sets: impl Iterator<Item = &'a Points>) -> ((f64, f64), (f64, f64)) {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
    for p in sets.flatten().filter(|p| p.0.is_finite() && p.1.is_finite()) {
        x0 = x0.min(p.0);
        x1 = x1.max(p.0);
        y0 = y0.min(p.1);
        y1 = y1.max(p.1);
    }
    if !x0.is_finite() {
        return ((0.0, 1.0), (0.0, 1.0));
    }
    let pad = |a: f64, b: f64| {
        let d = if b > a { (b - a) * 0.06 } else { 0.5 };
        (a - d, b + d)
    };
    (pad(x0, x1), pad(y0, y1))
}

fn save(buf: Vec<u8>, path: &Path) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    write_png(path, SIZE.0 as usize, SIZE.1 as usize, png::ColorType::Rgb, &buf)
}

/// Writes 8-bit pixels (row-major, `color`'s samples per pixel) as a PNG file.
pub(crate) fn write_png(path: &Path, w: usize, h: usize, color: png::ColorType, data: &[u8]) -> Result<(), String> {
    if data.len() != w * h * color.samples() {
        return Err(format!("a {w} x {h} picture needs {} bytes, got {}", w * h * color.samples(), data.len()));
    }
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let file = std::fs::File::create(path).map_err(|e| fail(&e))?;
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w as u32, h as u32);
    enc.set_color(color);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().map_err(|e| fail(&e))?;
    writer.write_image_data(data).map_err(|e| fail(&e))?;
    writer.finish().map_err(|e| fail(&e))
}

type Chart<'a, 'b> = ChartContext<'a, BitMapBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// One chart as a PNG: white background, caption, labelled axes fitted to `sets`, whatever
/// `body` draws, the legend at `legend`.
fn chart<'s>(
    path: &Path,
    title: &str,
    (x_label, y_label): (&str, &str),
    sets: impl Iterator<Item = &'s Points>,
    fine_grid: bool,
    legend: SeriesLabelPosition,
    body: impl FnOnce(&mut Chart<'_, '_>) -> Result<(), String>,
) -> Result<(), String> {
    let ((x0, x1), (y0, y1)) = bounds(sets);
    let mut buf = vec![0u8; (SIZE.0 * SIZE.1 * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 26))
            .margin(20)
            .x_label_area_size(55)
            .y_label_area_size(70)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(err)?;
        let mut mesh = chart.configure_mesh();
        mesh.x_desc(x_label).y_desc(y_label).label_style(("sans-serif", 16)).axis_desc_style(("sans-serif", 18));
        if !fine_grid {
            mesh.light_line_style(WHITE.mix(0.0));
        }
        mesh.draw().map_err(err)?;
        body(&mut chart)?;
        chart
            .configure_series_labels()
            .label_font(("sans-serif", 16))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .position(legend)
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    save(buf, path)
}

/// Groups of points, one colour each, plus optional emphasised markers (e.g. centroids, drawn
/// as large crosses in the matching colour).
pub fn scatter(path: &Path, title: &str, x_label: &str, y_label: &str, groups: &[(String, Points)], markers: &[(String, Points)]) -> Result<(), String> {
    let sets = groups.iter().map(|g| &g.1).chain(markers.iter().map(|m| &m.1));
    chart(path, title, (x_label, y_label), sets, false, SeriesLabelPosition::UpperRight, |chart| {
        for (i, (name, pts)) in groups.iter().enumerate() {
            let c = color(i);
            chart
                .draw_series(pts.iter().map(move |&p| Circle::new(p, 4, c.mix(0.75).filled())))
                .map_err(err)?
                .label(name.as_str())
                .legend(move |(x, y)| Circle::new((x + 10, y), 5, c.filled()));
        }
        for (i, (name, pts)) in markers.iter().enumerate() {
            let c = if markers.len() == groups.len() { color(i) } else { BLACK };
            chart
                .draw_series(pts.iter().map(move |&p| Cross::new(p, 10, c.stroke_width(4))))
                .map_err(err)?
                .label(name.as_str())
                .legend(move |(x, y)| Cross::new((x + 10, y), 6, c.stroke_width(3)));
        }
        Ok(())
    })
}

/// One line per series (with a dot on each point when there are few).
pub fn lines(path: &Path, title: &str, x_label: &str, y_label: &str, series: &[(String, Points)], legend: SeriesLabelPosition) -> Result<(), String> {
    chart(path, title, (x_label, y_label), series.iter().map(|s| &s.1), true, legend, |chart| {
        for (i, (name, pts)) in series.iter().enumerate() {
            let c = color(i);
            chart
                .draw_series(LineSeries::new(pts.iter().copied(), c.stroke_width(3)))
                .map_err(err)?
                .label(name.as_str())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], c.stroke_width(3)));
            if pts.len() <= 40 {
                chart.draw_series(pts.iter().map(move |&p| Circle::new(p, 4, c.filled()))).map_err(err)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_readable_pngs_of_the_right_size() {
        init().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let iris = datasets::iris().unwrap();
        let groups: Vec<(String, Points)> = (0..3)
            .map(|k| {
                let pts = iris.features.rows().into_iter().zip(&iris.target).filter(|(_, t)| **t == k).map(|(r, _)| (r[2], r[3])).collect();
                (iris.target_names[k].clone(), pts)
            })
            .collect();
        let p = dir.path().join("a/scatter.png");
        scatter(&p, "Iris petals", "petal length (cm)", "petal width (cm)", &groups, &[("means".into(), vec![(1.46, 0.25), (4.26, 1.33), (5.55, 2.03)])])
            .unwrap();
        let img = datasets::images::decode_png(&std::fs::read(&p).unwrap(), &p).unwrap();
        assert_eq!((img.dim().1 as u32, img.dim().0 as u32), SIZE);
        let p2 = dir.path().join("lines.png");
        lines(&p2, "curve", "k", "inertia", &[("inertia".into(), (1..10).map(|k| (k as f64, 100.0 / k as f64)).collect())], SeriesLabelPosition::UpperRight)
            .unwrap();
        assert!(datasets::images::decode_png(&std::fs::read(&p2).unwrap(), &p2).is_ok());
        if let Ok(keep) = std::env::var("NDLAB_KEEP_TEST_PLOTS") {
            std::fs::copy(&p, format!("{keep}/scatter.png")).unwrap();
            std::fs::copy(&p2, format!("{keep}/lines.png")).unwrap();
        }
    }
}
