# Reference figures for the `kmeans` module: scikit-learn's k-means on standardised iris, scored
# against the species with the adjusted Rand index (ARI); plus a few ARI values for unit tests.
#
# Regenerate (from the repository root) with a Python that has numpy and scikit-learn:
#     python datasets/reference/kmeans/make_reference.py > datasets/reference/kmeans/reference.json
# Produced with numpy 2.4.6 and scikit-learn 1.9.1.
import csv
import json
import os
import statistics

import numpy as np
import sklearn
from sklearn.cluster import KMeans, kmeans_plusplus
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "..", "data", "tabular", "iris.csv")) as f:
    rows = list(csv.DictReader(f))
cols = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]
X = np.array([[float(r[c]) for c in cols] for r in rows])
y = np.array([int(r["target"]) for r in rows])
Z = StandardScaler().fit_transform(X)  # z-scores with the population std (ddof = 0)

SEEDS = list(range(50))


def summary(values):
    v = sorted(values)
    return {
        "min": v[0],
        "median": statistics.median(v),
        "max": v[-1],
        "mean": statistics.fmean(v),
        "values": v,
    }


# KMeans(init="k-means++", n_init=1): sklearn's *greedy* k-means++ (2 + log k candidate draws per
# centre, the best one kept), then Lloyd with tol = 1e-4 (relative to the mean column variance,
# which is 1 after standardising) and max_iter = 300.
n1 = [KMeans(n_clusters=3, init="k-means++", n_init=1, random_state=s).fit(Z) for s in SEEDS]
# The classic (non-greedy) k-means++ of Arthur & Vassilvitskii, which the module implements:
# one candidate per centre (n_local_trials=1), then the same Lloyd iterations.
classic = []
for s in SEEDS:
    centers, _ = kmeans_plusplus(Z, n_clusters=3, random_state=s, n_local_trials=1)
    classic.append(KMeans(n_clusters=3, init=centers, n_init=1).fit(Z))
n10 = [KMeans(n_clusters=3, init="k-means++", n_init=10, random_state=s).fit(Z) for s in SEEDS[:10]]

inertia_curve = [KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=0).fit(Z).inertia_ for k in range(1, 9)]

ari_examples = [
    {"a": [0, 0, 1, 1], "b": [1, 1, 0, 0]},
    {"a": [0, 0, 1, 1], "b": [0, 0, 1, 2]},
    {"a": [0, 0, 0, 1, 1, 1], "b": [0, 1, 2, 0, 1, 2]},
    {"a": [0, 1, 2, 0, 3, 4, 5, 1], "b": [1, 1, 0, 0, 2, 2, 2, 2]},
    {"a": [0, 0, 0, 0], "b": [0, 1, 2, 3]},
    {"a": [5, 5, 5], "b": [2, 2, 2]},
]
for e in ari_examples:
    e["ari"] = adjusted_rand_score(e["a"], e["b"])

out = {
    "versions": {"numpy": np.__version__, "sklearn": sklearn.__version__},
    "iris_standardized": {
        "seeds": [SEEDS[0], SEEDS[-1]],
        "kmeans_pp_n_init_1": {
            "ari": summary([adjusted_rand_score(y, m.labels_) for m in n1]),
            "inertia": summary([m.inertia_ for m in n1]),
        },
        "classic_kmeans_pp_n_init_1": {
            "ari": summary([adjusted_rand_score(y, m.labels_) for m in classic]),
            "inertia": summary([m.inertia_ for m in classic]),
        },
        "kmeans_pp_n_init_10": {
            "ari": summary([adjusted_rand_score(y, m.labels_) for m in n10]),
            "inertia": summary([m.inertia_ for m in n10]),
        },
        "inertia_curve_n_init_10_k1_to_8": inertia_curve,
    },
    "ari_examples": ari_examples,
}
print(json.dumps(out, indent=1))
