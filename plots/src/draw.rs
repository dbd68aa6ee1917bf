//! Drawing: scatter plots and line charts as PNG, with the bundled DejaVu Sans font.
//!
//! plotters' default features find fonts through the system's fontconfig/freetype, which a
//! fresh machine may not have; here text is rendered by `ab_glyph` from a TTF compiled into the
//! binary, and the bitmap is encoded by the `image` crate.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
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

/// A colour on a white-to-blue scale for `t` in `[0, 1]`.
fn sequential(t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
    RGBColor(mix(255, 8), mix(255, 48), mix(255, 107))
}

/// A colour on a blue–white–red scale for `t` in `[-1, 1]` (white at 0).
fn diverging(t: f64) -> RGBColor {
    let t = t.clamp(-1.0, 1.0);
    let (end, a) = if t < 0.0 { ((33.0, 102.0, 172.0), -t) } else { ((178.0, 24.0, 43.0), t) };
    let mix = |b: f64| (255.0 + (b - 255.0) * a).round() as u8;
    RGBColor(mix(end.0), mix(end.1), mix(end.2))
}

/// A table of counts as coloured cells, row `i` at the top, each cell with its number; the
/// colour grows with the square root of the count so that small off-diagonal counts show.
pub fn count_grid(path: &Path, title: &str, x_label: &str, y_label: &str, counts: &ndarray::Array2<usize>) -> Result<(), String> {
    let (rows, cols) = counts.dim();
    if rows == 0 || cols == 0 {
        return Err("nothing to draw: an empty table".into());
    }
    let top = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let (r, c) = (rows as i32, cols as i32);
    let mut buf = vec![0u8; (SIZE.0 * SIZE.1 * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 26))
            .margin(20)
            .x_label_area_size(55)
            .y_label_area_size(70)
            .build_cartesian_2d((0..c - 1).into_segmented(), (0..r - 1).into_segmented())
            .map_err(err)?;
        // `(0..n - 1).into_segmented()` has the n segments 0..n; no label outside them.
        let centre = |v: &SegmentValue<i32>, n: i32, flip: bool| match v {
            SegmentValue::CenterOf(i) if (0..n).contains(i) => (if flip { n - 1 - i } else { *i }).to_string(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(cols)
            .y_labels(rows)
            .x_label_formatter(&|v| centre(v, c, false))
            .y_label_formatter(&|v| centre(v, r, true))
            .x_desc(x_label)
            .y_desc(y_label)
            .label_style(("sans-serif", 16))
            .axis_desc_style(("sans-serif", 18))
            .draw()
            .map_err(err)?;
        let cell = |i: i32, j: i32| [(SegmentValue::Exact(j), SegmentValue::Exact(r - i)), (SegmentValue::Exact(j + 1), SegmentValue::Exact(r - 1 - i))];
        chart
            .draw_series(counts.indexed_iter().map(|((i, j), &v)| Rectangle::new(cell(i as i32, j as i32), sequential((v as f64 / top).sqrt()).filled())))
            .map_err(err)?;
        let font =
            |dark: bool| TextStyle::from(("sans-serif", 17).into_font()).color(if dark { &WHITE } else { &BLACK }).pos(Pos::new(HPos::Center, VPos::Center));
        chart
            .draw_series(counts.indexed_iter().map(|((i, j), &v)| {
                Text::new(v.to_string(), (SegmentValue::CenterOf(j as i32), SegmentValue::CenterOf(r - 1 - i as i32)), font((v as f64 / top).sqrt() > 0.55))
            }))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    save(buf, path)
}

/// Small pictures side by side, `per_row` to a row, each titled, on one blue–white–red scale
/// shared by all of them (white at 0, full colour at the largest absolute value).
pub fn signed_pictures(path: &Path, title: &str, pictures: &[(String, ndarray::Array2<f64>)], per_row: usize) -> Result<(), String> {
    if pictures.is_empty() || per_row == 0 {
        return Err("nothing to draw: no pictures".into());
    }
    let top = pictures.iter().flat_map(|p| p.1.iter()).filter(|v| v.is_finite()).fold(0.0f64, |m, v| m.max(v.abs()));
    let top = if top > 0.0 { top } else { 1.0 };
    let rows = pictures.len().div_ceil(per_row);
    let mut buf = vec![0u8; (SIZE.0 * SIZE.1 * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let body = root.titled(title, ("sans-serif", 26)).map_err(err)?.margin(10, 10, 10, 10);
        for (area, (name, pic)) in body.split_evenly((rows, per_row)).iter().zip(pictures) {
            let inner = area.titled(name, ("sans-serif", 18)).map_err(err)?.margin(4, 4, 4, 4);
            let (w, h) = inner.dim_in_pixel();
            let (pr, pc) = pic.dim();
            let side = (w as usize / pc.max(1)).min(h as usize / pr.max(1)) as i32;
            let (x0, y0) = ((w as i32 - side * pc as i32) / 2, (h as i32 - side * pr as i32) / 2);
            for ((i, j), &v) in pic.indexed_iter() {
                let (x, y) = (x0 + j as i32 * side, y0 + i as i32 * side);
                let c = if v.is_finite() { diverging(v / top) } else { RGBColor(128, 128, 128) };
                inner.draw(&Rectangle::new([(x, y), (x + side, y + side)], c.filled())).map_err(err)?;
            }
            inner.draw(&Rectangle::new([(x0, y0), (x0 + side * pc as i32, y0 + side * pr as i32)], BLACK.mix(0.4))).map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    save(buf, path)
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

    #[test]
    fn count_grids_and_signed_pictures_are_pngs_and_empty_input_is_an_error() {
        init().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("grid.png");
        count_grid(&p, "confusion", "predicted", "true", &ndarray::array![[5, 1, 0], [0, 7, 2], [1, 0, 9]]).unwrap();
        let img = datasets::images::decode_png(&std::fs::read(&p).unwrap(), &p).unwrap();
        assert_eq!((img.dim().1 as u32, img.dim().0 as u32), SIZE);
        let p2 = dir.path().join("pictures.png");
        let pics: Vec<(String, ndarray::Array2<f64>)> =
            (0..3).map(|k| (format!("{k}"), ndarray::Array2::from_shape_fn((8, 8), |(i, j)| (i as f64 - j as f64) * (k as f64 - 1.0)))).collect();
        signed_pictures(&p2, "weights", &pics, 2).unwrap();
        assert!(datasets::images::decode_png(&std::fs::read(&p2).unwrap(), &p2).is_ok());
        assert!(count_grid(&p, "t", "x", "y", &ndarray::Array2::<usize>::zeros((0, 3))).unwrap_err().contains("empty"));
        assert!(signed_pictures(&p2, "t", &[], 2).unwrap_err().contains("no pictures"));
        assert_eq!(diverging(0.0), WHITE);
        assert_eq!(sequential(0.0), WHITE);
    }
}
