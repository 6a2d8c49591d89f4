"""Transition-event rule variants chosen inside the HAPT folds (nested leave-subjects-out).

    .venv/bin/python -m oefensense.models.training.nested_rules

The shipped rules (``docs/posture.md``) were compared on the same HAPT folds that report the
figure. This script checks that choice honestly: for each outer fold, the variant is chosen by
transition-event F1 over inner folds of the outer training subjects only (inner models trained
without the inner test subjects), then applied with the outer model to the outer test subjects.
Prints the variant chosen per fold and the nested figures.
"""

from __future__ import annotations

import json

import numpy as np

from oefensense.analysis.posture import PostureSettings
from oefensense.analysis.transitions import TransitionSettings

from .evaluate_posture import fold_models, fold_results, merge_results, summarise
from .posture_data import Dataset, hapt_dataset, hapt_subject

#: name -> (PostureSettings kwargs, TransitionSettings kwargs); the first is the shipped default
VARIANTS: dict[str, tuple[dict, dict]] = {
    "shipped": ({}, {}),
    "no_retype": ({}, {"retype": False}),
    "flip_move_mass_1": ({"flip_move_mass": 1.0}, {}),
    "round_trip_3s": ({}, {"round_trip_s": 3.0}),
    "flip_1+round_trip_3s": ({"flip_move_mass": 1.0}, {"round_trip_s": 3.0}),
}


def subset(ds: Dataset, subjects: set) -> Dataset:
    """The rows and recordings of ``subjects`` only."""
    rows = np.isin(ds.groups, list(subjects))
    keep = [i for i, f in enumerate(ds.files) if hapt_subject(f) in subjects]
    frames = [ds.frames[i] for i in keep] if ds.frames else None
    return Dataset(ds.X[rows], ds.y[rows], ds.groups[rows], [ds.files[i] for i in keep], frames)


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


def main() -> None:
    print(json.dumps(nested(hapt_dataset()), indent=1))


if __name__ == "__main__":
    main()
