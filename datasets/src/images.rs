//! The images of `data/images/` (8-bit PNGs from scikit-image, CC0) as `ndarray` arrays.
//!
//! A colour image is an `Array3<u8>` of shape `(height, width, channels)` (row-major, one
//! pixel's channels next to each other, as NumPy's `imageio.imread` returns it); a grayscale
//! image is an `Array2<u8>` of shape `(height, width)`. Row 0 is the top of the picture.
//!
//! ```
//! let camera = datasets::images::camera().unwrap();
//! assert_eq!(camera.dim(), (512, 512));
//! let chelsea = datasets::images::chelsea().unwrap();
//! assert_eq!(chelsea.dim(), (300, 451, 3));
//! ```

use crate::{DataError, data_dir, read_verified_in};
use ndarray::{Array2, Array3};
use std::path::Path;

/// Decodes a PNG from `dir` (checked against `SHA256SUMS`) into `(height, width, channels)`:
/// 1 channel for grayscale, 2 for grayscale + alpha, 3 for RGB, 4 for RGBA. 16-bit files are
/// refused (every file of the course is 8-bit).
pub fn load_png_in(dir: &Path, rel: &str) -> Result<Array3<u8>, DataError> {
    decode_png(&read_verified_in(dir, rel)?, &dir.join(rel))
}

/// Decodes the bytes of an 8-bit PNG (read from `path`, named in errors) into
/// `(height, width, channels)`, as [`load_png_in`] does, without a checksum.
pub fn decode_png(bytes: &[u8], path: &Path) -> Result<Array3<u8>, DataError> {
    let parse = |message: String| DataError::Parse { path: path.to_path_buf(), line: 0, message };
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // Palettes become RGB(A), 1-, 2- and 4-bit gray become 8-bit; 16-bit samples stay 16-bit.
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().map_err(|e| parse(e.to_string()))?;
    let mut raw = vec![0; reader.output_buffer_size().ok_or_else(|| parse("the picture is too large".into()))?];
    let frame = reader.next_frame(&mut raw).map_err(|e| parse(e.to_string()))?;
    if frame.bit_depth != png::BitDepth::Eight {
        return Err(parse(format!("{:?}-bit samples: only 8-bit PNGs are supported", frame.bit_depth)));
    }
    let c = frame.color_type.samples();
    raw.truncate(frame.buffer_size());
    Array3::from_shape_vec((frame.height as usize, frame.width as usize, c), raw).map_err(|e| parse(e.to_string()))
}

/// A PNG of the repository's data as `(height, width, channels)`.
pub fn load_png(rel: &str) -> Result<Array3<u8>, DataError> {
    load_png_in(&data_dir(), rel)
}

/// A single-channel PNG of the repository's data as `(height, width)`; a file with colour
/// channels is a `DataError::Parse` (convert it with a luminance formula instead).
pub fn load_gray(rel: &str) -> Result<Array2<u8>, DataError> {
    let a = load_png(rel)?;
    let (h, w, c) = a.dim();
    if c != 1 {
        return Err(DataError::Parse { path: data_dir().join(rel), line: 0, message: format!("{c} channels, expected a grayscale image") });
    }
    Ok(a.into_shape_with_order((h, w)).expect("a (h, w, 1) array has h*w elements"))
}

/// `images/camera.png`: a photographer with a camera on a tripod, 512 × 512, grayscale.
pub fn camera() -> Result<Array2<u8>, DataError> {
    load_gray("images/camera.png")
}

/// `images/cell.png`: a quantitative phase image of a cell, 660 rows × 550 columns, grayscale,
/// low contrast (most pixels in a narrow band of gray levels).
pub fn cell() -> Result<Array2<u8>, DataError> {
    load_gray("images/cell.png")
}

/// `images/microaneurysms.png`: a retina detail, 102 × 102, grayscale.
pub fn microaneurysms() -> Result<Array2<u8>, DataError> {
    load_gray("images/microaneurysms.png")
}

/// `images/chelsea.png`: Chelsea the cat, 300 rows × 451 columns, RGB.
pub fn chelsea() -> Result<Array3<u8>, DataError> {
    load_png("images/chelsea.png")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_channels() {
        assert_eq!(camera().unwrap().dim(), (512, 512));
        assert_eq!(cell().unwrap().dim(), (660, 550));
        assert_eq!(microaneurysms().unwrap().dim(), (102, 102));
        assert_eq!(chelsea().unwrap().dim(), (300, 451, 3));
    }

    #[test]
    fn known_pixels() {
        // Values read with NumPy + Pillow from the same files (datasets/reference/images/).
        let cam = camera().unwrap();
        assert_eq!(cam[[0, 0]], 200);
        assert_eq!(cam.iter().map(|&p| p as u64).sum::<u64>(), 33_832_495);
        let cat = chelsea().unwrap();
        assert_eq!(cat.slice(ndarray::s![0, 0, ..]).to_vec(), [143, 120, 104]);
        assert_eq!(cat.iter().map(|&p| p as u64).sum::<u64>(), 46_802_357);
        let c = cell().unwrap();
        assert_eq!(c.iter().map(|&p| p as u64).sum::<u64>(), 24_669_746);
    }

    #[test]
    fn a_colour_file_is_not_grayscale_and_a_missing_one_is_an_error() {
        let err = load_gray("images/chelsea.png").unwrap_err();
        assert!(err.to_string().contains("3 channels"), "{err}");
        assert!(matches!(load_png("images/nope.png"), Err(DataError::Unlisted { .. })));
    }
}
