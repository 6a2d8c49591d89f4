"""Leave-subjects-out evaluation of the posture stages on real recordings.

Every figure runs the runtime path: BodyFrame (runtime path: Pipeline = SensorChain + Synchroniser) -> PostureStage (ONNX + HMM) ->
TransitionStage; for HAPT each fold's model is trained only on the other subjects.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from oefensense.analysis.base import run_stages as run_stage_list
from oefensense.analysis.models import load_model
from oefensense.analysis.posture import PostureSettings, PostureStage, segments_per_second
from oefensense.analysis.posture_model import OnnxPostureModel
from oefensense.analysis.transitions import TransitionSettings, TransitionStage
from oefensense.core.types import NS_PER_S
from oefensense.io.body_frames import runtime_body_frame

from .posture_data import HAPT_MAP, Dataset, hapt_subject

STATIC4 = ("lying", "sitting", "standing", "walking")
TRANSITION_TYPES4 = ("stand_to_sit", "sit_to_stand", "sit_to_lie", "lie_to_sit")
MATCH_TOL_S = 1.5


def run_stages(
    frame,
    model_bytes: bytes | None = None,
    settings: PostureSettings | None = None,
    transitions: TransitionSettings | None = None,
):
    """Offline run of posture + transitions over one BodyFrame: (segments, events)."""
    model = OnnxPostureModel(model_bytes) if model_bytes is not None else load_model(
        "posture", (settings or PostureSettings()).model_path)
    out = run_stage_list([PostureStage(settings, model=model), TransitionStage(transitions)], [frame])
    return out.segments, out.events


def truth_seconds(frame, labels) -> tuple[np.ndarray, np.ndarray]:
    """(whole seconds, label at each) from per-grid-sample labels."""
    t0, t1 = frame.t_ns[0] / NS_PER_S, frame.t_ns[-1] / NS_PER_S
    secs = np.arange(int(np.ceil(t0)), int(np.floor(t1)))
    idx = np.searchsorted(frame.t_ns, secs * NS_PER_S)
    lab = np.array([HAPT_MAP.get(x, x) for x in labels[np.clip(idx, 0, len(labels) - 1)]], dtype=object)
    return secs, lab


def truth_transitions(frame, labels) -> list[tuple[str, float, float]]:
    """(type, start_s, end_s) of labelled transition runs."""
    out, i = [], 0
    for lab, grp in itertools.groupby(labels):
        n = len(list(grp))
        if lab and "_to_" in str(lab):
            out.append((str(lab), frame.t_ns[i] / NS_PER_S, frame.t_ns[min(i + n, len(labels) - 1)] / NS_PER_S))
        i += n
    return out


def match_events(truth: list[tuple[str, float, float]], det: list[tuple[str, float, float]], types, tol=MATCH_TOL_S):
    """Greedy one-to-one matching by type and |midpoint difference| <= tol. Returns (tp, n_truth, n_det)."""
    truth = [x for x in truth if x[0] in types]
    det = [x for x in det if x[0] in types]
    used, tp = set(), 0
    for kind, a, b in truth:
        mid = (a + b) / 2
        best = None
        for j, (k2, c, d) in enumerate(det):
            if j in used or k2 != kind:
                continue
            dist = abs((c + d) / 2 - mid)
            if dist <= tol and (best is None or dist < best[0]):
                best = (dist, j)
        if best is not None:
            used.add(best[1])
            tp += 1
    return tp, len(truth), len(det)


def f1(tp: int, n_truth: int, n_det: int) -> float:
    return 2 * tp / max(n_truth + n_det, 1)


def macro_f1(y: np.ndarray, p: np.ndarray, classes=STATIC4) -> tuple[float, dict]:
    per = {}
    for c in classes:
        tp = int(np.sum((y == c) & (p == c)))
        per[c] = f1(tp, int(np.sum(y == c)), int(np.sum(p == c)))
    return float(np.mean(list(per.values()))), per


def fold_models(ds: Dataset, folds: int = 6, temperatures: tuple[float, ...] | None = None) -> list[tuple[set, bytes]]:
    """(training subjects, ONNX bytes) per subject-grouped fold; with ``temperatures``, one model
    per fold is exported at each emission temperature: (training subjects, {T: bytes})."""
    from sklearn.model_selection import GroupKFold

    from .train_posture import fit, to_onnx_bytes

    out = []
    for train_idx, _ in GroupKFold(folds).split(ds.X, ds.y, ds.groups):
        subjects = set(np.unique(ds.groups[train_idx]))
        clf, prior = fit(*ds.training_rows(subjects))  # + the training subjects' augmented rows
        if temperatures is None:
            out.append((subjects, to_onnx_bytes(clf, prior, ds.X.shape[1])))
        else:
            out.append((subjects, {t: to_onnx_bytes(clf, prior, ds.X.shape[1], t) for t in temperatures}))
    return out


def evaluate_hapt(
    ds: Dataset,
    folds: int = 6,
    settings: PostureSettings | None = None,
    models: list[tuple[set, bytes]] | None = None,
    transitions: TransitionSettings | None = None,
) -> dict:
    """Grouped-by-subject folds: fit on the others, run the stages on the held-out recordings."""
    return summarise(fold_results(ds, models or fold_models(ds, folds), settings, transitions), folds)


def fold_results(ds: Dataset, models, settings=None, transitions=None, only: set | None = None) -> dict:
    """Raw results of running each model on the recordings of the subjects it did not see (only
    those in ``only`` when given): per-second truth/prediction, transition match counts, latencies."""
    subjects = np.array([hapt_subject(f) for f in ds.files])
    ys, ps, tr_all, lat = [], [], [], []
    for train_subj, blob in models:
        for i in [i for i, s in enumerate(subjects) if s not in train_subj and (only is None or s in only)]:
            frame, labels = ds.frames[i] if ds.frames else runtime_body_frame(ds.files[i])
            segs, events = run_stages(frame, blob, settings, transitions)
            secs, lab = truth_seconds(frame, labels)
            pred = segments_per_second(segs, secs[0], secs[-1] + 1)
            keep = np.isin(lab, STATIC4)
            ys.append(lab[keep])
            ps.append(pred[keep])
            truth = truth_transitions(frame, labels)
            # Detections in unlabelled stretches (HAPT leaves the set-up, breaks and the end of each
            # recording unlabelled: truth unknown there) are neither right nor wrong: left out.
            lab_at = labels[np.clip(np.searchsorted(frame.t_ns, [(e.t_ns + e.end_ns) // 2 for e in events]), 0, len(labels) - 1)]
            det = [(e.type, e.t_ns / NS_PER_S, e.end_ns / NS_PER_S) for e, lb in zip(events, lab_at) if lb]
            tr_all.append(match_events(truth, det, TRANSITION_TYPES4))
            # live latency: event raised vs end of the labelled movement (matched events only)
            for kind, a, b in truth:
                cands = [e for e in events if e.type == kind and abs((e.t_ns + e.end_ns) / 2e9 - (a + b) / 2) <= MATCH_TOL_S]
                if cands:
                    lat.append(cands[0].fields["detected_s"] - b)
    return {"ys": ys, "ps": ps, "tr": tr_all, "lat": lat}


def merge_results(parts: list[dict]) -> dict:
    return {k: [x for p in parts for x in p[k]] for k in ("ys", "ps", "tr", "lat")}


def summarise(res: dict, folds: int) -> dict:
    """The figures of :func:`evaluate_hapt` from :func:`fold_results`."""
    ys, ps, tr_all, lat = res["ys"], res["ps"], res["tr"], res["lat"]
    y, p = np.concatenate(ys), np.concatenate(ps)
    mf1, per = macro_f1(y, p)
    tp, nt, nd = (sum(x[i] for x in tr_all) for i in range(3))
    lat_a = np.array(lat) if lat else np.array([np.nan])
    return {
        "hapt_folds": folds,
        "hapt_seconds": int(len(y)),
        "hapt_macro_f1": round(mf1, 4),
        **{f"hapt_f1_{c}": round(v, 4) for c, v in per.items()},
        "hapt_transition_f1": round(f1(tp, nt, nd), 4),
        "hapt_transition_precision": round(tp / max(nd, 1), 4),
        "hapt_transition_recall": round(tp / max(nt, 1), 4),
        "hapt_transitions_true": int(nt),
        "hapt_event_latency_median_s": round(float(np.nanmedian(lat_a)), 2),
        "hapt_event_latency_p90_s": round(float(np.nanpercentile(lat_a, 90)), 2),
    }
