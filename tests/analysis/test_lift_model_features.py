"""The shipped lift model was fitted on the episode features today's code computes.

The file keeps, in its ``meta``, every episode's features of two SisFall trials as training saw
them (``train_lifting.REFERENCE_TRIALS``). The 22 Nov 2026 file ran for three days on pelvis-flexion
features that the forward-direction work had changed (215eebb), and nothing failed; this test does
when a change to the chain, the synchroniser or the lift signals moves any feature the model reads.
The fix is to retrain (``python -m oefensense.models.training.train_lifting``) and re-measure.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from oefensense.analysis.models import load_model
from oefensense.models.training import train_lifting as tl


def mismatches(stored: dict[str, list[list[float | None]]], now: dict[str, list[list[float | None]]]) -> list[str]:
    """``"trial episode feature: stored -> now"`` for every feature that moved by more than float
    noise (relative 1e-6; a feature missing on one side only counts), and any episode count change."""
    out = []
    for trial, rows in stored.items():
        got = now.get(trial, [])
        if len(got) != len(rows):
            out.append(f"{trial}: {len(rows)} episodes stored, {len(got)} now")
            continue
        for j, (a, b) in enumerate(zip(rows, got)):
            x = np.array([np.nan if v is None else v for v in a], float)
            y = np.array([np.nan if v is None else v for v in b], float)
            same = np.isclose(x, y, rtol=1e-6, atol=1e-9) | (np.isnan(x) & np.isnan(y))
            out += [f"{trial} episode {j} {tl.MODEL_FEATURES[i]}: {x[i]:.6g} -> {y[i]:.6g}" for i in np.flatnonzero(~same)]
    return out


def test_mismatches_names_a_moved_feature_and_ignores_float_noise():
    a = {"t": [[1.0, None, 3.0]]}
    assert mismatches(a, {"t": [[1.0 + 1e-9, None, 3.0]]}) == []
    assert mismatches(a, {"t": [[1.0, None, 3.5]]}) == [f"t episode 0 {tl.MODEL_FEATURES[2]}: 3 -> 3.5"]
    assert mismatches(a, {"t": [[1.0, 2.0, 3.0]]}) == [f"t episode 0 {tl.MODEL_FEATURES[1]}: nan -> 2"]
    assert mismatches(a, {"t": []}) == ["t: 1 episodes stored, 0 now"]


def test_the_shipped_lift_model_was_fitted_on_todays_features(shared_data: Path):
    stored = load_model("lifting").meta.get("reference_features")
    assert stored and set(stored) == set(tl.REFERENCE_TRIALS), "the lift model keeps no reference features: retrain it"
    files = [shared_data / "sisfall" / name.split("_")[1] / f"{name}.waist.csv.gz" for name in tl.REFERENCE_TRIALS]
    if not all(f.exists() for f in files):
        pytest.skip("SisFall not available")
    now = tl.reference_features(tl.collect(files, settings=tl.stage_settings()))
    moved = mismatches(stored, now)
    assert not moved, "the lift model was fitted on other features; retrain it (train_lifting):\n" + "\n".join(moved)
