"""Choices of the posture + transition stages made inside the folds (nested leave-subjects-out),
and each dataset's choices tested on the other (leave-one-dataset-out).

    .venv/bin/python -m oefensense.models.training.nested_rules --all

what ``benchmarks.bench_posture`` reports (:func:`nested_all`, :func:`sisfall_loso_sit_stand`):
the sit/stand detector's thresholds and the emission temperature chosen inside each HAPT fold;
the thresholds chosen leave-one-subject-out on SisFall; and chosen on all SisFall, tested on HAPT.

    .venv/bin/python -m oefensense.models.training.nested_rules --transitions

every transitions figure (HAPT leave-subjects-out and nested, both leave-one-dataset-out
directions, SisFall leave-one-subject-out, SisFall squats) with and without the squat guard
(``analysis/squat_guard.py``; keys ``no_squat_guard_*``), on the same fold models; the
detector's thresholds nested, the shipped emission temperature (``--nest-temperature``: that too).

    .venv/bin/python -m oefensense.models.training.nested_rules

The shipped rules (``docs/posture.md``) were compared on the same HAPT folds that report the
figure. This script checks that choice honestly: for each outer fold, the variant is chosen by
transition-event F1 over inner folds of the outer training subjects only (inner models trained
without the inner test subjects), then applied with the outer model to the outer test subjects.
Prints the variant chosen per fold and the nested figures.

    .venv/bin/python -m oefensense.models.training.nested_rules --sit-stand

does the same for the thresholds of the sit-to-stand detector (``analysis.sit_stand``): it has no
learned parts, so per outer fold the thresholds are chosen by its own sit/stand event F1 on the
outer training subjects' recordings, then the full stages run on the outer test subjects.

    .venv/bin/python -m oefensense.models.training.nested_rules --sisfall-loso

chooses the detector's thresholds on SisFall instead, leave one subject out (chair trials
D07–D10, detector-alone F1 on the other subjects), and runs the full stages on the held-out
subject: the SisFall figure for thresholds never chosen on that person; then the HAPT figures
with the most often chosen thresholds (HAPT unseen by them).

    .venv/bin/python -m oefensense.models.training.nested_rules --detector

the sit/stand detector alone (no model: minutes), both datasets, both directions: HAPT with its
thresholds chosen on the other subjects' recordings in the same 6 subject folds (nested), chosen
on all SisFall (leave-one-dataset-out) and the shipped ones (chosen on all HAPT); SisFall chair
trials leave-one-subject-out and with the shipped (HAPT) thresholds.

    .venv/bin/python -m oefensense.models.training.nested_rules --temperature

chooses the posture model's emission temperature (``train_posture.EMISSION_TEMPERATURE``) inside
the folds: per outer fold, the temperature whose inner-fold figures meet the most HAPT targets
(macro-F1 >= 0.93, transition F1 >= 0.9, median latency <= 1.5 s; then the higher transition F1,
then the larger temperature), applied to the outer model and test subjects.
"""

from __future__ import annotations

import json
import argparse

import numpy as np

from oefensense.analysis.posture import PostureSettings
from oefensense.analysis.sit_stand import SitStandSettings, detect_sit_stand
from oefensense.analysis.transitions import TransitionSettings
from oefensense.core.types import NS_PER_S

from .evaluate_posture import (
    f1,
    fold_models,
    fold_results,
    match_events,
    merge_results,
    run_stages,
    summarise,
    truth_transitions,
)
from .posture_data import Dataset, hapt_dataset, hapt_subject, sisfall_trial_frames

#: name -> (PostureSettings kwargs, TransitionSettings kwargs); the first is the shipped default
VARIANTS: dict[str, tuple[dict, dict]] = {
    "shipped": ({}, {}),
    "no_retype": ({}, {"retype": False}),
    "flip_move_mass_1": ({"flip_move_mass": 1.0}, {}),
    "round_trip_3s": ({}, {"round_trip_s": 3.0}),
    "flip_1+round_trip_3s": ({"flip_move_mass": 1.0}, {"round_trip_s": 3.0}),
}


def subset(ds: Dataset, subjects: set) -> Dataset:
    """The rows (also augmented ones) and recordings of ``subjects`` only."""
    return ds.subset(subjects)


def settings(name: str) -> tuple[PostureSettings, TransitionSettings]:
    p, t = VARIANTS[name]
    return PostureSettings(**p), TransitionSettings(**t)


def nested(ds: Dataset, folds: int = 6) -> dict:
    outer_parts, chosen = [], []
    for k, (train_subj, blob) in enumerate(fold_models(ds, folds)):
        inner_ds = subset(ds, train_subj)
        inner = fold_models(inner_ds, folds - 1)
        scores = {n: summarise(fold_results(inner_ds, inner, *settings(n)), folds - 1)["hapt_transition_f1"] for n in VARIANTS}
        best = max(VARIANTS, key=lambda n: scores[n])  # ties: the earlier (shipped first)
        chosen.append(best)
        print(json.dumps({"outer_fold": k, "inner_transition_f1": scores, "chosen": best}), flush=True)
        outer_parts.append(fold_results(ds, [(train_subj, blob)], *settings(best)))
    out = summarise(merge_results(outer_parts), folds)
    return {"nested_" + k: v for k, v in out.items()} | {"nested_chosen": chosen}


#: emission temperatures compared (1 = the classifier's own probabilities)
TEMPERATURES = (1.0, 0.7, 0.5)


def _temperature_score(fig: dict, t: float) -> tuple:
    """Sort key: targets met, transition F1, larger temperature (less sharpening)."""
    met = (fig["hapt_macro_f1"] >= 0.93) + (fig["hapt_transition_f1"] >= 0.9) + (fig["hapt_event_latency_median_s"] <= 1.5)
    return met, fig["hapt_transition_f1"], t


def nested_temperature(ds: Dataset, folds: int = 6) -> dict:
    outer_parts, chosen = [], []
    for k, (train_subj, blobs) in enumerate(fold_models(ds, folds, TEMPERATURES)):
        inner_ds = subset(ds, train_subj)
        inner = fold_models(inner_ds, folds - 1, TEMPERATURES)
        figs = {t: summarise(fold_results(inner_ds, [(s, b[t]) for s, b in inner]), folds - 1) for t in TEMPERATURES}
        best = max(TEMPERATURES, key=lambda t: _temperature_score(figs[t], t))
        chosen.append(best)
        keys = ("hapt_macro_f1", "hapt_transition_f1", "hapt_event_latency_median_s")
        print(json.dumps({"outer_fold": k, "inner": {str(t): {x: f[x] for x in keys} for t, f in figs.items()}, "chosen": best}), flush=True)
        outer_parts.append(fold_results(ds, [(train_subj, blobs[best])]))
    out = summarise(merge_results(outer_parts), folds)
    return {"nested_" + k: v for k, v in out.items()} | {"nested_chosen_temperature": chosen}


#: thresholds of the sit-to-stand detector compared (the shipped defaults first: ties keep them)
SIT_STAND_GRID: list[dict] = [{}] + [
    {"still_gyr_dps": g, "still_acc_sd_g": sd, "min_rise_m": r}
    for g in (8.0, 10.0, 15.0, 20.0)
    for sd in (0.02, 0.03)
    for r in (0.1, 0.15, 0.2)
]


def sit_stand_counts(frame, labels, st: SitStandSettings | None = None) -> tuple[int, int, int]:
    """(tp, n_truth, n_detected) of the detector alone for sit_to_stand / stand_to_sit on one
    HAPT recording (detections in unlabelled stretches left out, as in ``fold_results``)."""
    moves = detect_sit_stand(frame, st)
    lab_at = labels[np.clip(np.searchsorted(frame.t_ns, [(m.start_ns + m.end_ns) // 2 for m in moves]), 0, len(labels) - 1)]
    det = [(m.kind, m.start_ns / NS_PER_S, m.end_ns / NS_PER_S) for m, lb in zip(moves, lab_at) if lb]
    return match_events(truth_transitions(frame, labels), det, ("stand_to_sit", "sit_to_stand"))


def nested_sit_stand(ds: Dataset, folds: int = 6) -> dict:
    subjects = np.array([hapt_subject(f) for f in ds.files])
    counts = np.array([[sit_stand_counts(fr, lab, SitStandSettings(**kw)) for fr, lab in ds.frames] for kw in SIT_STAND_GRID])
    outer_parts, chosen = [], []
    for k, (train_subj, blob) in enumerate(fold_models(ds, folds)):
        inner = np.isin(subjects, list(train_subj))
        scores = [f1(*counts[j][inner].sum(axis=0)) for j in range(len(SIT_STAND_GRID))]
        best = SIT_STAND_GRID[int(np.argmax(scores))]
        chosen.append(best)
        print(json.dumps({"outer_fold": k, "inner_sit_stand_f1": round(max(scores), 4), "chosen": best}), flush=True)
        tr = TransitionSettings(sit_stand_settings=SitStandSettings(**best))
        outer_parts.append(fold_results(ds, [(train_subj, blob)], None, tr))
    out = summarise(merge_results(outer_parts), folds)
    return {"nested_" + k: v for k, v in out.items()} | {"nested_chosen": chosen}


CHAIR_CODES = ("D07", "D08", "D09", "D10")


def sisfall_chair_frames(max_subjects: int | None = None) -> dict[str, list]:
    """Runtime-path frames of the SisFall chair trials (D07–D10) per subject."""
    out: dict[str, list] = {}
    for subj, _, frame in sisfall_trial_frames(CHAIR_CODES, max_subjects):
        out.setdefault(subj, []).append(frame)
    return out


def chair_counts(kinds: list[str]) -> tuple[int, int, int]:
    """(tp, n_truth, n_detected) of one chair trial: one stand_to_sit and one sit_to_stand are
    true; every further event is false (the counting of ``bench_posture.sisfall``)."""
    a, b = kinds.count("stand_to_sit"), kinds.count("sit_to_stand")
    return min(a, 1) + min(b, 1), 2, a + b


def sisfall_grid_counts(max_subjects: int | None = None) -> tuple[list[str], dict[str, list], np.ndarray]:
    """(subjects, chair frames per subject, detector-alone (tp, n_truth, n_det) per grid setting
    and subject: array (grid, subject, 3)) on the SisFall chair trials D07–D10."""
    frames = sisfall_chair_frames(max_subjects)
    subjects = list(frames)
    kinds2 = ("stand_to_sit", "sit_to_stand")
    counts = np.array([
        [np.sum([chair_counts([m.kind for m in detect_sit_stand(fr, SitStandSettings(**kw)) if m.kind in kinds2])
                 for fr in frames[subj]], axis=0) for subj in subjects]
        for kw in SIT_STAND_GRID
    ])
    return subjects, frames, counts


def best_setting(counts: np.ndarray) -> dict:
    """The grid setting with the best F1 of summed (tp, n_truth, n_det) counts, shape
    (grid, ..., 3); ties keep the earlier one (the shipped defaults first)."""
    sums = counts.reshape(counts.shape[0], -1, 3).sum(axis=1)
    return SIT_STAND_GRID[int(np.argmax([f1(*c) for c in sums]))]


def _prf(c: np.ndarray) -> dict[str, float]:
    """F1, precision, recall of summed (tp, n_truth, n_detected)."""
    tp, nt, nd = (int(x) for x in c)
    return {"f1": round(f1(tp, nt, nd), 4), "precision": round(tp / max(nd, 1), 4), "recall": round(tp / max(nt, 1), 4)}


def detector_alone_report(folds: int = 6) -> dict:
    """The sit/stand detector alone, every threshold choice made without the tested people, next
    to the choice made on another dataset (see the module doc, ``--detector``). Counts: the
    detector's sit_to_stand / stand_to_sit against HAPT's labelled transfers at ±1.5 s, and per
    SisFall chair trial one sit-down and one stand-up (:func:`chair_counts`)."""
    from sklearn.model_selection import GroupKFold

    ds = hapt_dataset()
    subjects = np.array([hapt_subject(f) for f in ds.files])
    hapt = np.array([[sit_stand_counts(fr, lab, SitStandSettings(**kw)) for fr, lab in ds.frames] for kw in SIT_STAND_GRID])
    s_subjects, _, sis = sisfall_grid_counts()
    shipped = 0  # SIT_STAND_GRID[0] is {}: the shipped defaults
    nested, chosen = np.zeros(3, int), []
    for _, test_idx in GroupKFold(folds).split(ds.X, ds.y, ds.groups):  # the folds of fold_models
        test = np.isin(subjects, np.unique(ds.groups[test_idx]))
        best = best_setting(hapt[:, ~test])
        chosen.append(best)
        nested += hapt[SIT_STAND_GRID.index(best)][test].sum(axis=0)
    sis_choice = best_setting(sis)
    loso, s_chosen = np.zeros(3, int), []
    for i in range(len(s_subjects)):
        best = best_setting(sis[:, np.arange(len(s_subjects)) != i])
        s_chosen.append(best)
        loso += sis[SIT_STAND_GRID.index(best), i]
    rows = {
        "hapt_nested": nested,
        "hapt_sisfall_choice": hapt[SIT_STAND_GRID.index(sis_choice)].sum(axis=0),
        "hapt_shipped_chosen_on_all_hapt": hapt[shipped].sum(axis=0),
        "sisfall_loso": loso,
        "sisfall_hapt_choice_shipped": sis[shipped].sum(axis=0),
    }
    out = {f"detector_alone_{k}_{m}": v for k, c in rows.items() for m, v in _prf(c).items()}
    return out | {"detector_alone_hapt_nested_chosen": _distinct(chosen), "detector_alone_sisfall_choice": sis_choice,
                  "detector_alone_sisfall_loso_chosen": _distinct(s_chosen)}


def sisfall_loso_sit_stand(grid: tuple | None = None, with_hapt: bool = True, transitions: dict | None = None) -> dict:
    """The detector's thresholds chosen leave-one-subject-out on SisFall: for each subject, the
    grid setting with the best detector-alone chair F1 on the other 22 subjects, then the detector
    alone and the full stages (model + HMM + transitions) on the held-out subject's trials with
    it. ``grid``: the result of :func:`sisfall_grid_counts` (computed when None);
    ``transitions``: further TransitionSettings keywords (e.g. ``squat_guard=None``)."""
    subjects, frames, counts = grid or sisfall_grid_counts()
    kinds2 = ("stand_to_sit", "sit_to_stand")
    total, alone, chosen = np.zeros(3, int), np.zeros(3, int), []
    exact = trials = 0
    for i, subj in enumerate(subjects):
        others = np.arange(len(subjects)) != i
        best = best_setting(counts[:, others])
        chosen.append(best)
        alone += counts[SIT_STAND_GRID.index(best), i]
        tr = TransitionSettings(sit_stand_settings=SitStandSettings(**best), **(transitions or {}))
        for fr in frames[subj]:
            _, events = run_stages(fr, transitions=tr)
            c = chair_counts([e.type for e in events if e.type in kinds2])
            total += c
            exact += c[0] == 2 and c[2] == 2
            trials += 1
    tp, nt, nd = (int(x) for x in total)
    out = {
        "sisfall_loso_chair_event_f1": round(f1(tp, nt, nd), 4),
        "sisfall_loso_chair_event_precision": round(tp / max(nd, 1), 4),
        "sisfall_loso_chair_event_recall": round(tp / max(nt, 1), 4),
        "sisfall_loso_exactly_one_each_pct": round(100 * exact / max(trials, 1), 1),
        "sisfall_loso_detector_alone_f1": round(f1(*alone), 4),
        "sisfall_loso_trials": trials,
        "sisfall_loso_chosen": _distinct(chosen),
    }
    return out | (hapt_with_sit_stand(max(chosen, key=lambda c: chosen.count(c))) if with_hapt else {})


def _distinct(chosen: list) -> dict[str, int]:
    """How often each chosen setting was chosen (compact for the benchmark's table)."""
    keys = [json.dumps(c, sort_keys=True) for c in chosen]
    return {k: keys.count(k) for k in dict.fromkeys(keys)}


def nested_all(ds: Dataset, folds: int = 6, sisfall_choice: dict | None = None, log=None,
               variants: dict[str, dict] | None = None, nest_temperature: bool = True) -> dict:
    """Every choice of the posture + transition stages made inside the HAPT subject folds.

    Per outer fold: the sit-to-stand detector's thresholds are chosen by its own sit/stand F1 on
    the outer training subjects (:data:`SIT_STAND_GRID`); the emission temperature
    (:data:`TEMPERATURES`) by the inner subject folds of the outer training subjects (inner models
    never saw their inner test subjects; rule :func:`_temperature_score`), with those thresholds;
    then the outer model at that temperature runs the stages on the outer test subjects.
    ``nested_*``: those figures; ``nested_detector_alone_*``: the detector alone with each fold's
    thresholds on its test subjects. With ``sisfall_choice`` (thresholds chosen on SisFall), the
    same outer models and temperatures also run with them: ``lodo_sisfall_choice_*`` (HAPT never
    used for the thresholds; the model is still HAPT leave-subjects-out).

    ``variants``: {key prefix: further TransitionSettings keywords}, each run on the same fold
    models with its own temperature choice (default ``{"": {}}``, the shipped stages); each also
    gets ``loso_hapt_*``: the shipped thresholds and temperature, not nested.
    ``nest_temperature=False``: the shipped temperature in every fold (no inner models: 6 fits
    instead of 36); only the detector's thresholds are nested (as ``--sit-stand``)."""
    from .train_posture import EMISSION_TEMPERATURE

    variants = variants if variants is not None else {"": {}}
    temps = TEMPERATURES if EMISSION_TEMPERATURE in TEMPERATURES else (*TEMPERATURES, EMISSION_TEMPERATURE)
    temps = temps if nest_temperature else (EMISSION_TEMPERATURE,)
    subjects = np.array([hapt_subject(f) for f in ds.files])
    counts = np.array([[sit_stand_counts(fr, lab, SitStandSettings(**kw)) for fr, lab in ds.frames] for kw in SIT_STAND_GRID])
    parts = {v: {"outer": [], "lodo": [], "loso": [], "t": []} for v in variants}
    alone, lodo_alone, chosen_ss = np.zeros(3, int), np.zeros(3, int), []
    for k, (train_subj, blobs) in enumerate(fold_models(ds, folds, temps)):
        inner_rows = np.isin(subjects, list(train_subj))
        ss = best_setting(counts[:, inner_rows])
        chosen_ss.append(ss)
        alone += counts[SIT_STAND_GRID.index(ss)][~inner_rows].sum(axis=0)
        if sisfall_choice is not None:
            lodo_alone += counts[SIT_STAND_GRID.index(sisfall_choice)][~inner_rows].sum(axis=0)
        inner_ds = subset(ds, train_subj)
        inner = fold_models(inner_ds, folds - 1, TEMPERATURES) if nest_temperature else None
        for v, kw in variants.items():
            tr = TransitionSettings(sit_stand_settings=SitStandSettings(**ss), **kw)
            t_best = EMISSION_TEMPERATURE
            if inner is not None:
                figs = {t: summarise(fold_results(inner_ds, [(s, b[t]) for s, b in inner], None, tr), folds - 1) for t in TEMPERATURES}
                t_best = max(TEMPERATURES, key=lambda t: _temperature_score(figs[t], t))
            p = parts[v]
            p["t"].append(t_best)
            p["outer"].append(fold_results(ds, [(train_subj, blobs[t_best])], None, tr))
            p["loso"].append(fold_results(ds, [(train_subj, blobs[EMISSION_TEMPERATURE])], None, TransitionSettings(**kw)))
            if sisfall_choice is not None:
                tr_s = TransitionSettings(sit_stand_settings=SitStandSettings(**sisfall_choice), **kw)
                p["lodo"].append(fold_results(ds, [(train_subj, blobs[t_best])], None, tr_s))
            if log:
                log(json.dumps({"outer_fold": k, "variant": v, "sit_stand": ss, "temperature": t_best}))
    out: dict = {}
    for v, p in parts.items():
        out |= {f"{v}nested_" + k: x for k, x in summarise(merge_results(p["outer"]), folds).items()}
        out |= {f"{v}loso_" + k: x for k, x in summarise(merge_results(p["loso"]), folds).items()}
        out |= {f"{v}nested_detector_alone_hapt_f1": round(f1(*alone), 4),
                f"{v}nested_chosen_sit_stand": _distinct(chosen_ss), f"{v}nested_chosen_temperature": _distinct(p["t"])}
        if sisfall_choice is not None:
            out |= {f"{v}lodo_sisfall_choice_" + k: x for k, x in summarise(merge_results(p["lodo"]), folds).items()}
            out |= {f"{v}lodo_sisfall_choice_detector_alone_hapt_f1": round(f1(*lodo_alone), 4),
                    f"{v}lodo_sisfall_choice_sit_stand": json.dumps(sisfall_choice, sort_keys=True)}
    return out


def sisfall_shipped_stages(transitions: dict | None = None, max_subjects: int | None = None) -> dict:
    """The full stages with the shipped thresholds (chosen on HAPT: SisFall never used for a
    choice, i.e. HAPT → SisFall) on the SisFall chair trials D07–D10 (counted as
    :func:`chair_counts`) and the squats D15 (every sit/stand event is false; an ``ambiguous``
    one is counted apart). ``transitions``: further TransitionSettings keywords."""
    kinds2 = ("stand_to_sit", "sit_to_stand")
    tr = TransitionSettings(**(transitions or {}))
    total, exact, trials = np.zeros(3, int), 0, 0
    squat = {"trials": 0, "events": 0, "ambiguous": 0}
    for _, code, fr in sisfall_trial_frames(CHAIR_CODES + ("D15",), max_subjects):
        _, events = run_stages(fr, transitions=tr)
        ev = [e for e in events if e.type in kinds2]
        if code == "D15":
            squat["trials"] += 1
            squat["events"] += len(ev)
            squat["ambiguous"] += sum(bool(e.fields.get("ambiguous")) for e in ev)
            continue
        c = chair_counts([e.type for e in ev])
        total += c
        exact += c[0] == 2 and c[2] == 2
        trials += 1
    tp, nt, nd = (int(x) for x in total)
    n = max(squat["trials"], 1)
    return {
        "sisfall_chair_event_f1": round(f1(tp, nt, nd), 4),
        "sisfall_chair_event_precision": round(tp / max(nd, 1), 4),
        "sisfall_chair_event_recall": round(tp / max(nt, 1), 4),
        "sisfall_chair_trials_exactly_one_each_pct": round(100 * exact / max(trials, 1), 1),
        "sisfall_chair_trials": trials,
        "sisfall_squat_d15_sit_events_per_trial": round(squat["events"] / n, 2),
        "sisfall_squat_d15_confident_sit_events_per_trial": round((squat["events"] - squat["ambiguous"]) / n, 2),
        "sisfall_squat_d15_trials": squat["trials"],
    }


#: the squat guard on (shipped) and off, for ``--transitions``
GUARD_VARIANTS: dict[str, dict] = {"": {}, "no_squat_guard_": {"squat_guard": None}}


def transitions_report(log=None, nest_temperature: bool = False) -> dict:
    """Every transitions figure with and without the squat guard (``no_squat_guard_*``): HAPT
    leave-subjects-out (``loso_hapt_*``, shipped choices), nested (``nested_hapt_*``), SisFall's
    thresholds on HAPT (``lodo_sisfall_choice_hapt_*``), HAPT's (shipped) on SisFall
    (``sisfall_chair_*``, ``sisfall_squat_d15_*``), SisFall leave-one-subject-out
    (``sisfall_loso_*``). The emission temperature is the shipped one unless
    ``nest_temperature`` (36 model fits instead of 6)."""
    grid = sisfall_grid_counts()
    out: dict = {}
    for v, kw in GUARD_VARIANTS.items():
        out |= {v + k: x for k, x in sisfall_loso_sit_stand(grid, with_hapt=False, transitions=kw).items()}
        out |= {v + k: x for k, x in sisfall_shipped_stages(kw).items()}
    return out | nested_all(hapt_dataset(), sisfall_choice=best_setting(grid[2]), log=log, variants=GUARD_VARIANTS,
                            nest_temperature=nest_temperature)


def hapt_with_sit_stand(kw: dict, folds: int = 6) -> dict:
    """HAPT leave-subjects-out figures (same folds as the benchmark) with the detector's
    thresholds ``kw`` chosen elsewhere (HAPT unseen by them)."""
    ds = hapt_dataset()
    tr = TransitionSettings(sit_stand_settings=SitStandSettings(**kw))
    out = summarise(fold_results(ds, fold_models(ds, folds), None, tr), folds)
    return {"sisfall_choice_" + k: v for k, v in out.items()} | {"sisfall_choice_sit_stand_settings": kw}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The run's mode (one of them; none: the shipped rule variants nested, see the module doc)."""
    ap = argparse.ArgumentParser(prog="python -m models.training.nested_rules", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--transitions", action="store_true", help="every transitions figure with and without the squat guard")
    mode.add_argument("--all", action="store_true", help="what bench_posture prints as nested_* / sisfall_loso_* / lodo_*")
    mode.add_argument("--sisfall-loso", action="store_true", help="the sit/stand thresholds leave-one-subject-out on SisFall")
    mode.add_argument("--temperature", action="store_true", help="the emission temperature nested")
    mode.add_argument("--detector", action="store_true", help="the sit/stand detector alone, nested and across datasets")
    mode.add_argument("--sit-stand", action="store_true", help="the sit/stand detector's thresholds nested")
    ap.add_argument("--nest-temperature", action="store_true", help="with --transitions: the temperature nested too")
    args = ap.parse_args(argv)
    if args.nest_temperature and not args.transitions:
        ap.error("--nest-temperature goes with --transitions")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.transitions:  # with and without the squat guard (benchmarks/RESULTS.md)
        print(json.dumps(transitions_report(log=print, nest_temperature=args.nest_temperature), indent=1))
        return
    if args.all:  # what bench_posture prints as nested_* / sisfall_loso_* / lodo_*
        grid = sisfall_grid_counts()
        out = sisfall_loso_sit_stand(grid, with_hapt=False)
        out |= nested_all(hapt_dataset(), sisfall_choice=best_setting(grid[2]), log=print)
        print(json.dumps(out, indent=1))
        return
    if args.sisfall_loso:
        print(json.dumps(sisfall_loso_sit_stand(), indent=1))
        return
    if args.detector:
        print(json.dumps(detector_alone_report(), indent=1))
        return
    ds = hapt_dataset()
    if args.temperature:
        print(json.dumps(nested_temperature(ds), indent=1))
        return
    print(json.dumps(nested_sit_stand(ds) if args.sit_stand else nested(ds), indent=1))


if __name__ == "__main__":
    main()
