#!/usr/bin/env python3
"""scikit-learn's PassiveAggressiveClassifier on the stream of `npm run bench:engine`, timed.

The modes that matter for the engine's throughput target, on the full stream: one partial_fit of the
whole CSR matrix (scikit-learn's best case, the target's peer) and mini-batches of 1,000 and 100 rows;
then one partial_fit per event on the first --per-event-events rows only. The per-event mode is two
orders of magnitude slower than the others and its rate is flat over the stream, so a sample gives the
same median at a fraction of the reference's minutes (../shared/reference/sklearn_pa_reference.py
--bench runs all 200,000 events, three times).

The stream is generated exactly as the reference's `bench` does (same seed, same draws), and the
table is printed in the reference's format, which bench/lib/sklearnPeer.ts parses:
  /usr/bin/python3 bench/lib/sklearn_pa_peer.py --bench [--bench-events 200000] [--repeats 15]
      [--per-event-events 10000] [--per-event-repeats 3]
--repeats counts the runs of each batch mode (they take milliseconds, so the median needs many),
--per-event-repeats those of the per-event sample.
Exit 2 when numpy/scipy/scikit-learn are missing (Debian: apt-get install python3-sklearn).
"""

import argparse
import math
import statistics
import sys
import time

from sklearn_env import PassiveAggressiveClassifier, np, sklearn, sp


def make_stream(n_events, dim, nnz, seed):
    """The reference's stream: distinct sorted indices per row, values 1, labels from a hidden model, 10% flipped."""
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, dim, size=(n_events, nnz))
    for r in range(n_events):
        row = idx[r]
        while len(np.unique(row)) < nnz:
            row = rng.integers(0, dim, size=nnz)
        idx[r] = np.sort(row)
    val = np.ones((n_events, nnz), dtype=np.float64)
    hidden = rng.normal(size=dim)
    score = (hidden[idx] * val).sum(axis=1)
    y = (score > 0).astype(np.int64)
    flip = rng.random(n_events) < 0.1
    y[flip] = 1 - y[flip]
    indptr = np.arange(0, (n_events + 1) * nnz, nnz, dtype=np.int32)
    X = sp.csr_matrix((val.ravel(), idx.ravel().astype(np.int32), indptr), shape=(n_events, dim))
    return X, y


def bench(n_events, dim, nnz, repeats, seed, per_event_events, per_event_repeats):
    t0 = time.perf_counter()
    X, y = make_stream(n_events, dim, nnz, seed)
    classes = np.array([0, 1])
    gen_s = time.perf_counter() - t0

    def batches(label, batch):
        times = []
        for _ in range(repeats):
            est = PassiveAggressiveClassifier(C=1.0, loss="hinge", shuffle=False)
            t = time.perf_counter()
            for s in range(0, n_events, batch):
                est.partial_fit(X[s:s + batch], y[s:s + batch], classes=classes)
            times.append(time.perf_counter() - t)
        return label, n_events, times

    def per_event(label, n):
        rows = [X[i:i + 1] for i in range(n)]  # pre-sliced: slicing is not timed
        ys = [y[i:i + 1] for i in range(n)]
        times = []
        for _ in range(per_event_repeats):
            est = PassiveAggressiveClassifier(C=1.0, loss="hinge", shuffle=False)
            t = time.perf_counter()
            for i in range(n):
                est.partial_fit(rows[i], ys[i], classes=classes)
            times.append(time.perf_counter() - t)
        return label, n, times

    n_per_event = min(n_events, per_event_events)
    results = [
        batches("partial_fit(whole CSR, %d rows) once" % n_events, n_events),
        batches("partial_fit per mini-batch of 1000 rows", 1000),
        batches("partial_fit per mini-batch of 100 rows", 100),
        per_event("partial_fit per event (dim 2^%d), first %d events" % (int(math.log2(dim)), n_per_event), n_per_event),
    ]
    print("sklearn %s, numpy %s; %d events, dim 2^%d, %d nnz/event, median of %d (per event: %d) (data gen %.1fs)"
          % (sklearn.__version__, np.__version__, n_events, int(math.log2(dim)), nnz, repeats, per_event_repeats, gen_s))
    print("%-58s %10s %14s %14s" % ("mode", "events", "median s", "events/s"))
    for label, n, times in results:
        med = statistics.median(times)
        print("%-58s %10d %14.4f %14.0f   runs: %s" % (label, n, med, n / med, ", ".join("%.3f" % x for x in times)))
        sys.stderr.write("%s: %.0f events/s\n" % (label, n / med))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", action="store_true", help="run the benchmark (the only mode)")
    ap.add_argument("--bench-events", type=int, default=200_000)
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--per-event-events", type=int, default=10_000)
    ap.add_argument("--per-event-repeats", type=int, default=3)
    ap.add_argument("--dim", type=int, default=1 << 18)
    ap.add_argument("--nnz", type=int, default=32)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    return bench(args.bench_events, args.dim, args.nnz, args.repeats, args.seed, args.per_event_events,
                 args.per_event_repeats)


if __name__ == "__main__":
    raise SystemExit(main())
