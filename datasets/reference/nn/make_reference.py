# Reference figures for the `nn` module, from NumPy and scikit-learn.
# Regenerate (from the repository root):
#   /tmp/pyref/bin/python datasets/reference/nn/make_reference.py > datasets/reference/nn/reference.json
# (numpy 2.4.6, scikit-learn 1.9.1). The digits are read from the course's own CSV and split
# exactly as `nn::digits_split` does: pixels / 16, sample i held out when i % 5 == 4.
import json, pathlib, time
import numpy as np
from sklearn.neural_network import MLPClassifier
from sklearn.metrics import log_loss

root = pathlib.Path(__file__).resolve().parents[2]
raw = np.genfromtxt(root / "data" / "tabular" / "digits.csv", delimiter=",", skip_header=1)
x, y = raw[:, :-1] / 16.0, raw[:, -1].astype(int)
held = np.arange(len(y)) % 5 == 4

out = {}
# Element-wise pieces on fixed inputs (the unit tests compare against these).
z = np.array([[-30.0, -1.0, 0.0], [0.5, 2.0, 30.0]])
out["z"] = z.tolist()
out["sigmoid"] = (1.0 / (1.0 + np.exp(-z))).tolist()
e = np.exp(z - z.max(axis=1, keepdims=True))
out["softmax_rows"] = (e / e.sum(axis=1, keepdims=True)).tolist()
labels = [2, 0]
out["labels"] = labels
out["cross_entropy"] = log_loss(labels, e / e.sum(axis=1, keepdims=True), labels=[0, 1, 2])
zb = np.array([-3.0, -0.5, 0.0, 1.5, 4.0]); yb = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
out["bce_logits"] = zb.tolist(); out["bce_targets"] = yb.tolist()
out["bce"] = float(np.mean(np.maximum(zb, 0) - zb * yb + np.log1p(np.exp(-np.abs(zb)))))

# scikit-learn's MLP with the same architecture and plain mini-batch SGD as the reference
# `train_digits` (100 ReLU units, lr 0.05, batches of 16, 50 epochs, no momentum, no L2).
accs, secs = [], []
for seed in range(5):
    clf = MLPClassifier(hidden_layer_sizes=(100,), activation="relu", solver="sgd", learning_rate_init=0.05,
                        batch_size=16, max_iter=50, momentum=0.0, alpha=0.0, n_iter_no_change=1000,
                        tol=0.0, random_state=seed)
    t = time.perf_counter()
    clf.fit(x[~held], y[~held])
    secs.append(time.perf_counter() - t)
    accs.append(float(clf.score(x[held], y[held])))
out["digits_split"] = {"train": int((~held).sum()), "held_out": int(held.sum())}
out["sklearn_mlp_heldout_accuracy"] = accs
out["sklearn_mlp_fit_seconds"] = [round(s, 2) for s in secs]
print(json.dumps(out, indent=1))
