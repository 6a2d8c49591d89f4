"""The issues' done-when checks through `oefensense.analyze` on real SisFall trials (skipped
without ../shared/data): stoop vs squat bends of the same subject."""

from __future__ import annotations

from pathlib import Path

import pytest

from oefensense import analyze


def lifts(shared_data: Path, out: Path, trial: str) -> list[dict]:
    subject = trial.split("_")[1]
    [result] = analyze([shared_data / "sisfall" / subject / f"{trial}.waist.csv.gz"], out)
    return [e for e in result.events() if e["type"] == "lift"]


@pytest.mark.parametrize("subject", ["SA01", "SA05"])
def test_stoop_bend_flexes_well_above_the_squat_bend(shared_data: Path, tmp_path: Path, subject: str) -> None:
    [stoop] = lifts(shared_data, tmp_path, f"D16_{subject}_R01")
    [squat] = lifts(shared_data, tmp_path, f"D15_{subject}_R01")
    assert stoop["technique"] == "stoop" and squat["technique"] == "squat"
    assert stoop["stoop_squat_index"] > 50 > squat["stoop_squat_index"]
    # a squat leans the pelvis forward only briefly; the stoop holds the bend
    assert stoop["held_trunk_flexion_deg"] > 1.5 * squat["held_trunk_flexion_deg"] + 5
