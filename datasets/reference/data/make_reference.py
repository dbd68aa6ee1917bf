"""Reference figures for the `data` module, from NumPy and scikit-learn.

Regenerate (from the repository root) with a Python that has numpy and scikit-learn:

    python datasets/reference/data/make_reference.py > datasets/reference/data/reference.json

The committed reference.json was made with numpy 2.4.6 and scikit-learn 1.9.1, from the
course's own files (datasets/data/timeseries/, datasets/data/text/sotu/):
  - CO2: the 2225 measured weeks (the 59 empty cells dropped); time as a decimal year
    `year + (day_of_year - 1) / days_in_year`; linear fit in raw years and in t - 1980,
    quadratic fit in t - 1980 (np.linalg.lstsq), the linear fit's MAE/MSE/RMSE/R2, and the
    sum of the forward-filled series (pandas-free: np.maximum.accumulate of indices);
  - Seattle weather: IQR outlier counts per numeric column (np.quantile, linear, k = 1.5);
  - SOTU: tokens = re.findall(r"[^\\W_]+", text.lower()) (lowercase, split on
    non-alphanumeric), sorted vocabulary, counts, sklearn TfidfTransformer(smooth_idf=True,
    norm="l2"), sklearn cosine_similarity, and the most similar pair (i < j, first maximum of
    the upper triangle in row-major order).
"""
import csv
import datetime
import json
import pathlib
import re

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.metrics.pairwise import cosine_similarity

ROOT = pathlib.Path(__file__).resolve().parents[3]
DATA = ROOT / "datasets" / "data"


def read_csv(rel):
    with open(DATA / rel, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def decimal_year(s):
    d = datetime.date.fromisoformat(s)
    days = 366 if (d.year % 4 == 0 and d.year % 100 != 0) or d.year % 400 == 0 else 365
    return d.year + (d.timetuple().tm_yday - 1) / days


def co2():
    _, rows = read_csv("timeseries/mauna_loa_co2_weekly.csv")
    ppm = np.array([float(r[1]) if r[1].strip() else np.nan for r in rows])
    t = np.array([decimal_year(r[0]) for r in rows])
    ok = ~np.isnan(ppm)
    t, y = t[ok], ppm[ok]
    lin_raw = np.linalg.lstsq(np.column_stack([np.ones_like(t), t]), y, rcond=None)[0]
    tc = t - 1980.0
    x1 = np.column_stack([np.ones_like(tc), tc])
    lin = np.linalg.lstsq(x1, y, rcond=None)[0]
    quad = np.linalg.lstsq(np.column_stack([np.ones_like(tc), tc, tc**2]), y, rcond=None)[0]
    e = y - x1 @ lin
    mse = float(np.mean(e**2))
    r2 = 1 - np.sum(e**2) / np.sum((y - y.mean()) ** 2)
    idx = np.where(np.isnan(ppm), 0, np.arange(len(ppm)))
    np.maximum.accumulate(idx, out=idx)
    ff = ppm[idx]
    return {
        "co2_measured_weeks": int(ok.sum()),
        "co2_linear_raw_years": lin_raw.tolist(),
        "co2_linear_t_minus_1980": lin.tolist(),
        "co2_quadratic_t_minus_1980": quad.tolist(),
        "co2_linear_metrics": [float(np.mean(np.abs(e))), mse, mse**0.5, float(r2)],
        "co2_ffill_sum": float(np.nansum(ff)),
        "co2_ffill_leading_nan": int(np.isnan(ff).sum()),
    }


def seattle():
    header, rows = read_csv("timeseries/seattle_weather.csv")
    x = np.array([[float(v) for v in r[1:5]] for r in rows])
    q1, q3 = np.quantile(x, [0.25, 0.75], axis=0)
    iqr = q3 - q1
    flags = (x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)
    return {"seattle_columns": header[1:5], "seattle_iqr_counts": flags.sum(axis=0).tolist(),
            "seattle_q1": q1.tolist(), "seattle_q3": q3.tolist()}


def sotu():
    _, rows = read_csv("text/sotu/index.csv")
    docs = [(DATA / "text" / "sotu" / r[0]).read_text(encoding="utf-8") for r in rows]
    toks = [re.findall(r"[^\W_]+", d.lower()) for d in docs]
    vocab = sorted({t for ts in toks for t in ts})
    col = {w: j for j, w in enumerate(vocab)}
    counts = np.zeros((len(docs), len(vocab)))
    for i, ts in enumerate(toks):
        for t in ts:
            counts[i, col[t]] += 1
    tf = TfidfTransformer(smooth_idf=True, norm="l2").fit_transform(counts).toarray()
    s = cosine_similarity(tf)
    iu = np.triu_indices(len(docs), k=1)
    k = int(np.argmax(s[iu]))
    i, j = int(iu[0][k]), int(iu[1][k])
    return {
        "sotu_vocabulary_size": len(vocab),
        "sotu_total_tokens": int(counts.sum()),
        "sotu_most_similar_pair": [i, j],
        "sotu_most_similar_files": [rows[i][0], rows[j][0]],
        "sotu_most_similar_value": float(s[i, j]),
        "sotu_least_similar_value": float(s[iu].min()),
    }


def main():
    out = {"generator": "datasets/reference/data/make_reference.py", "numpy": np.__version__, "sklearn": sklearn.__version__}
    out.update(co2())
    out.update(seattle())
    out.update(sotu())
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
