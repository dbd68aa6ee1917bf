"""Reference figures for the `pca` module, from NumPy and scikit-learn.

Regenerate (from the repository root) with a Python that has numpy and scikit-learn:

    python datasets/reference/pca/make_reference.py > datasets/reference/pca/reference.json

The committed reference.json was made with numpy 2.4.6 and scikit-learn 1.9.1. It reads the
course's own CSV files (datasets/data/tabular/), so the figures describe exactly the data the
Rust loaders return. Two inputs:
  - wine, standardised as sklearn's StandardScaler does (population std, ddof = 0);
  - digits, centred only (PCA centres it; no scaling).
For each: sklearn.decomposition.PCA(svd_solver="full") explained variances, ratios, singular
values and leading components (all 13 for wine, 10 for digits: the tail of digits has zero
variance, whose directions are arbitrary), the number of components sklearn keeps for a
variance fraction, and, as a cross-check, the ratios from plain numpy.linalg.eigh of the
covariance matrix.
"""
import csv
import json
import pathlib

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

ROOT = pathlib.Path(__file__).resolve().parents[3]


def features(name):
    with open(ROOT / "datasets" / "data" / "tabular" / f"{name}.csv", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    cols = [i for i, h in enumerate(header) if h not in ("target", "target_name")]
    return np.array([[float(r[i]) for i in cols] for r in rows[1:]])


def figures(x, fractions, n_components_stored):
    pca = PCA(svd_solver="full").fit(x)
    xc = x - x.mean(axis=0)
    cov = xc.T @ xc / (x.shape[0] - 1)
    w = np.linalg.eigh(cov)[0][::-1]
    w = np.clip(w, 0.0, None)
    ratio_eigh = w / w.sum()
    ratio = pca.explained_variance_ratio_
    big = ratio > 1e-12
    return {
        "shape": list(x.shape),
        "explained_variance": pca.explained_variance_.tolist(),
        "explained_variance_ratio": ratio.tolist(),
        "singular_values": pca.singular_values_.tolist(),
        "components": pca.components_[:n_components_stored].tolist(),
        "n_components_for": [
            {"fraction": f, "n_components": int(PCA(n_components=f, svd_solver="full").fit(x).n_components_)}
            for f in fractions
        ],
        "explained_variance_ratio_eigh": ratio_eigh.tolist(),
        "max_rel_diff_sklearn_vs_eigh": float(np.max(np.abs(ratio[big] - ratio_eigh[big]) / ratio[big])),
    }


def main():
    wine = StandardScaler().fit_transform(features("wine"))
    digits = features("digits")
    out = {
        "generator": "datasets/reference/pca/make_reference.py",
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "wine_standardised": figures(wine, [0.5, 0.8, 0.95], 13),
        "digits_centred": figures(digits, [0.5, 0.8, 0.9, 0.95], 10),
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
