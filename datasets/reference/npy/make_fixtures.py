"""Writes the .npy fixtures of `data::load_npy` with NumPy itself (run once; the files are committed).

    python3 -m venv .venv && .venv/bin/pip install numpy
    .venv/bin/python datasets/reference/npy/make_fixtures.py
"""
import pathlib

import numpy as np

out = pathlib.Path(__file__).resolve().parents[2] / "data" / "npy"
out.mkdir(parents=True, exist_ok=True)
a = np.arange(12, dtype=np.float64).reshape(4, 3) / 8 - 0.5
a[1, 2] = np.nan
a[3, 0] = -np.inf
np.save(out / "small_c.npy", a)                                  # C order, float64
np.save(out / "small_fortran.npy", np.asfortranarray(a))         # fortran_order: True
rng = np.random.default_rng(2026)
np.save(out / "normal_50x7.npy", rng.normal(size=(50, 7)))
np.save(out / "counts_int64.npy", np.arange(6, dtype=np.int64).reshape(2, 3))  # not float64
np.save(out / "vector_f64.npy", np.linspace(0, 1, 5))            # 1-D, not a matrix
print("numpy", np.__version__, "wrote", sorted(p.name for p in out.glob("*.npy")))
