#!/usr/bin/env python3
"""scikit-learn's PassiveAggressiveClassifier on the Online Retail replay, on the engine's own features.

Reads the JSON that bench/lib/runSklearnRetail.ts writes: the hashed feature vector of every item (the
engine's featurize(), shared and local parts), and per customer the replay's steps in order: `learn` an
invoice (every line a purchase, label +1), or `rank` candidates (the shop's order) before the next
invoice. Per customer a fresh classifier (shuffle=False, fit_intercept=False) gets one partial_fit per
invoice: scikit-learn's PA updates the rows of a partial_fit call one after the other, so that is the
same sequence of updates as the engine's per-event learning. Ranking adds the engine's order bonus
(orderWeight · C, falling linearly over the list) to decision_function, and ties keep the shop's order.
No decay: scikit-learn has none.

  /usr/bin/python3 bench/lib/sklearn_retail_peer.py input.json > output.json
Exit 2 when numpy/scipy/scikit-learn are missing (Debian: apt-get install python3-sklearn).
"""

import json
import math
import sys
import time

from sklearn_env import PassiveAggressiveClassifier, np, sklearn, sp


def metrics(order, relevant, k):
    """hit@k and NDCG@k with binary relevance, as bench/lib/rankingMetrics.ts."""
    dcg = 0.0
    hit = 0
    for r, code in enumerate(order[:k]):
        if code in relevant:
            hit = 1
            dcg += 1.0 / math.log2(r + 2)
    ideal = sum(1.0 / math.log2(r + 2) for r in range(min(k, len(relevant))))
    return hit, (dcg / ideal if ideal > 0 else 0.0)


def run(spec, variant, X, row_of):
    k = spec["k"]
    bonus = spec["orderBonus"]
    classes = np.array([0, 1])
    hits = ndcgs = n = 0
    months = {}
    t0 = time.perf_counter()
    for steps in spec["customers"]:
        est = PassiveAggressiveClassifier(C=variant["C"], loss=variant["loss"], fit_intercept=False, shuffle=False)
        fitted = False
        for step in steps:
            if "learn" in step:
                rows = [row_of[c] for c in step["learn"]]
                est.partial_fit(X[rows], np.ones(len(rows), dtype=np.int64), classes=classes)
                fitted = True
                continue
            candidates = step["rank"]
            m = len(candidates)
            scores = X[[row_of[c] for c in candidates]].dot(est.coef_.ravel()) if fitted else np.zeros(m)
            scores = scores + bonus * (m - np.arange(m)) / m
            order = [candidates[i] for i in sorted(range(m), key=lambda i: -scores[i])]
            hit, ndcg = metrics(order, set(step["relevant"]), k)
            hits += hit
            ndcgs += ndcg
            n += 1
            month = months.setdefault(step["month"], [0, 0])
            month[0] += hit
            month[1] += 1
    return {
        "hitAtK": hits / max(1, n),
        "ndcgAtK": ndcgs / max(1, n),
        "evaluated": n,
        "byMonth": {m: {"hitAtK": h / c, "evaluated": c} for m, (h, c) in sorted(months.items())},
        "seconds": round(time.perf_counter() - t0, 2),
    }


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    codes = list(spec["items"].keys())
    row_of = {c: r for r, c in enumerate(codes)}
    indptr = [0]
    indices = []
    data = []
    for c in codes:
        idx, val = spec["items"][c]
        indices.extend(idx)
        data.extend(val)
        indptr.append(len(indices))
    X = sp.csr_matrix((np.array(data), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int32)),
                      shape=(len(codes), spec["dimensions"]))
    out = {"sklearnVersion": sklearn.__version__, "numpyVersion": np.__version__, "variants": {}}
    for variant in spec["variants"]:
        out["variants"][variant["name"]] = run(spec, variant, X, row_of)
        sys.stderr.write("sklearn %s: hit@%d %.4f in %.1f s\n" % (
            variant["name"], spec["k"], out["variants"][variant["name"]]["hitAtK"],
            out["variants"][variant["name"]]["seconds"]))
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
