"""Reference figures for the `finance` module, from NumPy.

Regenerate (from the repository root) with a Python that has numpy:

    python datasets/reference/finance/make_reference.py > datasets/reference/finance/reference.json

The committed reference.json was made with numpy 2.4.6 from the course's own CSV files
(datasets/data/finance/), so the figures describe exactly the data the Rust loaders return.
Conventions (the module's):
  - simple returns p[1:] / p[:-1] - 1, time along axis 0;
  - 252 trading days a year (12 for the monthly table), risk-free rate 0;
  - annual return = mean * P, annual volatility = std(ddof=1) * sqrt(P), Sharpe = their ratio
    (NaN returns skipped: nanmean / nanstd);
  - historical VaR = -quantile(r, 1 - level) with NumPy's default method="linear",
    expected shortfall = -mean(r[r <= quantile]), on the S&P 500 index's daily returns;
  - maximum drawdown from wealth cumprod(1 + r) with starting wealth 1 and a running maximum;
  - beta = cov(r_asset, r_index) / var(r_index).
"""
import csv
import json
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[3]
DATA = ROOT / "datasets" / "data" / "finance"


def wide(name):
    with open(DATA / name, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0][1:], np.array([[float(v) if v else np.nan for v in r[1:]] for r in rows[1:]])


def monthly():
    with open(DATA / "stocks_monthly_long.csv", newline="") as f:
        rows = list(csv.reader(f))[1:]
    symbols = list(dict.fromkeys(r[0] for r in rows))
    dates = sorted({r[1] for r in rows})
    p = np.full((len(dates), len(symbols)), np.nan)
    for s, d, v in rows:
        p[dates.index(d), symbols.index(s)] = float(v)
    return symbols, p


def returns(p):
    return p[1:] / p[:-1] - 1


def sharpe(r, periods):
    mu = np.nanmean(r, axis=0) * periods
    vol = np.nanstd(r, axis=0, ddof=1) * np.sqrt(periods)
    return np.where(vol > 0, mu / np.where(vol > 0, vol, 1), 0.0)


def var_es(r, level):
    q = np.quantile(r, 1 - level)
    return -q, -r[r <= q].mean()


def max_drawdown(r):
    w = np.cumprod(1 + r)
    peak = np.maximum.accumulate(np.concatenate([[1.0], w]))[1:]
    return float((1 - w / peak).max(initial=0.0))


symbols, stocks = wide("sp500_20_stocks_daily.csv")
_, index = wide("sp500_index_daily.csv")
r = returns(stocks)
m = returns(index)[:, 0]
out = {"numpy": np.__version__, "symbols": symbols, "sharpe_252_rf0": sharpe(r, 252).tolist()}
for level in (95, 99):
    v, e = var_es(m, level / 100)
    out[f"index_var_{level}"] = float(v)
    out[f"index_es_{level}"] = float(e)
out["max_drawdown"] = [max_drawdown(r[:, j]) for j in range(r.shape[1])]
out["index_max_drawdown"] = max_drawdown(m)
out["beta"] = [float(np.cov(r[:, j], m)[0, 1] / np.var(m, ddof=1)) for j in range(r.shape[1])]
msym, mp = monthly()
out["monthly_symbols"] = msym
out["monthly_sharpe_12_rf0"] = sharpe(returns(mp), 12).tolist()
print(json.dumps(out, indent=1))
