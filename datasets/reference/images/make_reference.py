"""Reference figures for the `images` module, from NumPy, SciPy and Pillow.

Regenerate (from the repository root) with a Python that has numpy, scipy and pillow:

    python datasets/reference/images/make_reference.py > datasets/reference/images/reference.json

The committed reference.json was made with numpy 2.4.6, scipy 1.17.1 and pillow 13.0.0. It reads
the course's own PNGs (datasets/data/images/). Conventions (as the module's lessons state):
  - gray = (299 R + 587 G + 114 B + 500) // 1000 (BT.601, rounded half up, integers);
  - padding is NumPy's 'reflect' (edge not repeated), which SciPy's ndimage calls 'mirror';
  - histogram equalisation: lut = ((cdf - cdf_min) * 255 + (n - cdf_min) // 2) // (n - cdf_min);
  - the Sobel magnitude is hypot(ndimage.sobel(axis 0), ndimage.sobel(axis 1)), mode 'mirror';
  - the Gaussian kernel is the outer product of a normalised 1-D profile, applied with
    ndimage.convolve(mode='mirror');
  - the box blur of radius 15 is ndimage.uniform_filter(size=31, mode='mirror') on float64.
"""
import json
import pathlib

import numpy as np
import PIL
import scipy
from PIL import Image
from scipy import ndimage

ROOT = pathlib.Path(__file__).resolve().parents[3]


def load(name):
    return np.asarray(Image.open(ROOT / "datasets" / "data" / "images" / name))


cat = load("chelsea.png").astype(np.int64)
gray = (cat @ np.array([299, 587, 114]) + 500) // 1000

cell = load("cell.png")
n = cell.size
cdf = np.bincount(cell.ravel(), minlength=256).cumsum()
cdf_min = cdf[cdf > 0][0]
lut = ((np.maximum(cdf - cdf_min, 0) * 255 + (n - cdf_min) // 2) // (n - cdf_min)).astype(np.uint8)
eq = lut[cell]

cam = load("camera.png").astype(np.float64)
sob = np.hypot(ndimage.sobel(cam, 0, mode="mirror"), ndimage.sobel(cam, 1, mode="mirror"))

x = np.arange(-6, 7)
g = np.exp(-x**2 / (2 * 2.0**2))
g /= g.sum()
blurred = ndimage.convolve(cam, np.outer(g, g), mode="mirror")

box = ndimage.uniform_filter(cam, size=31, mode="mirror")

out = {
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "pillow": PIL.__version__},
    "chelsea_gray": {"sum": int(gray.sum()), "at_150_200": int(gray[150, 200])},
    "cell_equalized": {"histogram": np.bincount(eq.ravel(), minlength=256).tolist()},
    "camera_sobel": {"sum": float(sob.sum()), "max": float(sob.max()), "at_0_0": float(sob[0, 0]), "at_300_200": float(sob[300, 200])},
    "camera_gaussian_2_r6": {"sum": float(blurred.sum()), "at_511_0": float(blurred[511, 0])},
    "camera_box_r15": {"sum": float(box.sum()), "at_0_0": float(box[0, 0]), "at_256_400": float(box[256, 400])},
}
print(json.dumps(out, indent=1))
