"""Candidate waist posture classifiers on the same HAPT folds (how the shipped model was chosen).

    .venv/bin/python -m oefensense.models.training.compare_posture_models [--quick]

Each candidate is trained per subject-grouped fold (6 folds, as the benchmark), exported to ONNX
at each emission temperature and run through the real stages (ONNX + HMM + transitions) on the
held-out subjects. Prints one JSON line per (candidate, temperature): macro-F1, transition F1,
median event latency, and the onnxruntime cost per row (µs, CPU, batches of 120 rows as
``analyze`` feeds 60 s chunks, one thread). About 25 s per MLP row and 1 min per tree-model row
on the 2-core VM. ``--quick``: the shipped candidate and the former tree model only.

The temperature (``train_posture.EMISSION_TEMPERATURE``) and the candidate were chosen from this
table, i.e. on the folds that report the figures; ``nested_rules --temperature`` re-chooses the
temperature inside the folds.
"""

from __future__ import annotations

import json
import argparse
import time

import numpy as np

from oefensense.features import MODEL_STATES

from .evaluate_posture import fold_results, summarise
from .posture_data import Dataset, hapt_dataset
from .train_posture import MLP_PARAMS, make_classifier, to_onnx_bytes

#: (name, estimator kind, params, temperatures)
CANDIDATES: list[tuple[str, str, dict, tuple[float, ...]]] = [
    ("mlp_64_32_seed0 (shipped)", "mlp", dict(MLP_PARAMS), (1.0, 0.7, 0.5)),
    ("hgb_100x31_lr0.1 (shipped before: early stop ~88 rounds = 880 trees)", "hgb", {"max_iter": 100, "learning_rate": 0.1, "max_leaf_nodes": 31, "random_state": 0}, (1.0,)),
    ("hgb_30x31_lr0.15 (300 trees)", "hgb", {"max_iter": 30, "learning_rate": 0.15, "max_leaf_nodes": 31, "random_state": 0, "early_stopping": False}, (1.0, 0.5)),
    ("mlp_64_32_seed1", "mlp", dict(MLP_PARAMS, random_state=1), (1.0, 0.7, 0.5)),
    ("mlp_64_32_seed2", "mlp", dict(MLP_PARAMS, random_state=2), (1.0, 0.7, 0.5)),
    ("mlp_32", "mlp", dict(MLP_PARAMS, hidden_layer_sizes=[32]), (1.0, 0.5)),
    ("mlp_128_64", "mlp", dict(MLP_PARAMS, hidden_layer_sizes=[128, 64]), (1.0, 0.5)),
]


def onnx_cost_us_per_row(blob: bytes, x: np.ndarray, batch: int = 120) -> float:
    """onnxruntime CPU time per row (µs), one thread, min of 3 passes over ``x``."""
    from oefensense.analysis.posture_model import OnnxPostureModel

    model = OnnxPostureModel(blob)
    best = np.inf
    for _ in range(3):
        t = time.process_time()
        for a in range(0, len(x), batch):
            model.predict_proba(x[a : a + batch])
        best = min(best, time.process_time() - t)
    return round(1e6 * best / len(x), 2)


def compare(ds: Dataset, candidates=CANDIDATES, folds: int = 6):
    from sklearn.model_selection import GroupKFold
    from threadpoolctl import threadpool_limits

    keys = ("hapt_macro_f1", "hapt_transition_f1", "hapt_transition_precision", "hapt_transition_recall", "hapt_event_latency_median_s")
    for name, kind, params, temps in candidates:
        fitted = []
        for train_idx, _ in GroupKFold(folds).split(ds.X, ds.y, ds.groups):
            keep = train_idx[ds.y[train_idx] >= 0]
            with threadpool_limits(1):
                clf = make_classifier(kind, params).fit(ds.X[keep], ds.y[keep])
            prior = np.bincount(ds.y[keep], minlength=len(MODEL_STATES)) / len(keep)
            fitted.append((set(np.unique(ds.groups[train_idx])), clf, prior))
        for t in temps:
            models = [(s, to_onnx_bytes(clf, prior, ds.X.shape[1], t)) for s, clf, prior in fitted]
            fig = summarise(fold_results(ds, models), folds)
            row = {"candidate": name, "temperature": t, "onnx_us_per_row": onnx_cost_us_per_row(models[0][1], ds.X[:12000])}
            row |= {k.removeprefix("hapt_"): fig[k] for k in keys}
            print(json.dumps(row), flush=True)
            yield row


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m models.training.compare_posture_models", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="the first two candidates only")
    args = ap.parse_args(argv)
    ds = hapt_dataset()
    cands = CANDIDATES[:2] if args.quick else CANDIDATES
    for _ in compare(ds, cands):
        pass


if __name__ == "__main__":
    main()
