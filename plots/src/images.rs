//! The `images` module's output pictures, made by *your* `to_gray`, `equalize` and
//! `sobel_magnitude` (through `chelsea_gray`, `cell_equalized` and `camera_edges`): each is
//! written as it is (`<name>.png`, the exact bytes your function returned) and next to its
//! original (`<name>_before_after.png`: before on the left, after on the right).

use crate::modules::images as im;
use ndarray::{Array2, Array3, Axis, concatenate};
use std::path::Path;

fn data<T>(r: Result<T, datasets::DataError>) -> Result<T, String> {
    r.map_err(|e| e.to_string())
}

/// A gray picture as three equal colour channels.
fn gray_to_rgb(g: &Array2<u8>) -> Array3<u8> {
    let (h, w) = g.dim();
    Array3::from_shape_fn((h, w, 3), |(i, j, _)| g[[i, j]])
}

fn create_dir(path: &Path) -> Result<(), String> {
    match path.parent() {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display())),
        None => Ok(()),
    }
}

fn save_gray(g: &Array2<u8>, path: &Path) -> Result<(), String> {
    create_dir(path)?;
    let (h, w) = g.dim();
    crate::draw::write_png(path, w, h, png::ColorType::Grayscale, &g.iter().copied().collect::<Vec<_>>())
}

fn save_rgb(c: &Array3<u8>, path: &Path) -> Result<(), String> {
    create_dir(path)?;
    let (h, w, _) = c.dim();
    crate::draw::write_png(path, w, h, png::ColorType::Rgb, &c.iter().copied().collect::<Vec<_>>())
}

/// The student's result must have the original's height and width to be shown next to it.
fn same_size(func: &str, got: &Array2<u8>, original: (usize, usize)) -> Result<(), String> {
    if got.dim() != original {
        return Err(format!("`{func}` returned a {:?} picture, but the original is {:?} (height, width)", got.dim(), original));
    }
    Ok(())
}

/// `before | white gap | after`, both as RGB.
fn side_by_side(before: &Array3<u8>, after: &Array3<u8>) -> Array3<u8> {
    let gap = Array3::from_elem((before.dim().0, 12, 3), 255u8);
    concatenate![Axis(1), before.view(), gap.view(), after.view()]
}

fn chelsea() -> Result<(Array3<u8>, Array2<u8>), String> {
    let original = data(datasets::images::chelsea())?;
    let gray = im::chelsea_gray()?;
    same_size("chelsea_gray", &gray, (original.dim().0, original.dim().1))?;
    Ok((original, gray))
}

fn cell() -> Result<(Array2<u8>, Array2<u8>), String> {
    let original = data(datasets::images::cell())?;
    let eq = im::cell_equalized()?;
    same_size("cell_equalized", &eq, original.dim())?;
    Ok((original, eq))
}

fn camera() -> Result<(Array2<u8>, Array2<u8>), String> {
    let original = data(datasets::images::camera())?;
    let edges = im::camera_edges()?;
    same_size("camera_edges", &edges, original.dim())?;
    Ok((original, edges))
}

pub fn chelsea_gray(path: &Path) -> Result<(), String> {
    save_gray(&chelsea()?.1, path)
}

pub fn chelsea_before_after(path: &Path) -> Result<(), String> {
    let (original, gray) = chelsea()?;
    save_rgb(&side_by_side(&original, &gray_to_rgb(&gray)), path)
}

pub fn cell_equalized(path: &Path) -> Result<(), String> {
    save_gray(&cell()?.1, path)
}

pub fn cell_before_after(path: &Path) -> Result<(), String> {
    let (original, eq) = cell()?;
    save_rgb(&side_by_side(&gray_to_rgb(&original), &gray_to_rgb(&eq)), path)
}

pub fn camera_edges(path: &Path) -> Result<(), String> {
    save_gray(&camera()?.1, path)
}

pub fn camera_before_after(path: &Path) -> Result<(), String> {
    let (original, edges) = camera()?;
    save_rgb(&side_by_side(&gray_to_rgb(&original), &gray_to_rgb(&edges)), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_round_trip_through_png() {
        let dir = tempfile::tempdir().unwrap();
        let g = Array2::from_shape_fn((5, 7), |(i, j)| (i * 40 + j * 3) as u8);
        let p = dir.path().join("sub/g.png");
        save_gray(&g, &p).unwrap();
        let back = datasets::images::decode_png(&std::fs::read(&p).unwrap(), &p).unwrap();
        assert_eq!(back.dim(), (5, 7, 1));
        assert_eq!(back[[4, 6, 0]], g[[4, 6]]);
        let both = side_by_side(&gray_to_rgb(&g), &gray_to_rgb(&g.mapv(|x| 255 - x)));
        assert_eq!(both.dim(), (5, 7 + 12 + 7, 3));
        assert_eq!(both[[4, 7 + 12 + 6, 1]], 255 - g[[4, 6]]);
        assert_eq!(both.slice(ndarray::s![.., 7..19, ..]).iter().filter(|&&x| x != 255).count(), 0);
    }

    #[test]
    fn a_wrong_size_is_named() {
        let e = same_size("camera_edges", &Array2::zeros((3, 4)), (512, 512)).unwrap_err();
        assert!(e.contains("camera_edges") && e.contains("(3, 4)"), "{e}");
    }
}
