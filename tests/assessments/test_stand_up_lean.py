"""A stand-up starts with the lean, also when the lean lowers the waist sensor first.

HAPT user 1 (exp0, waist): the pelvis dips ~1 cm as the trunk leans forward to stand up, so the
integrated height's low point lies 0.9 s into the movement; the stand-up was found starting at
that low point, 0.92 s after the dataset's label (stand-up starts within 0.5 s of the HAPT
labels: 76 % of 46 before, 100 % after; benchmarks/bench_assessments.py)."""

from __future__ import annotations

import json
from pathlib import Path

from oefensense.assessments.transfers import TransferSettings, find_transfers
from oefensense.commands.assess_run import frames_of_recordings

DATA = Path(__file__).resolve().parent / "data"


def _frame_and_truth():  # noqa: ANN202
    frame = frames_of_recordings([str(DATA / "hapt_user01_sit_stand.waist.csv.gz")], placement="waist")
    return frame, json.loads((DATA / "hapt_user01_sit_stand.truth.json").read_text())


def test_the_stand_up_starts_at_the_lean_not_at_the_heights_low_point() -> None:
    frame, truth = _frame_and_truth()
    found = find_transfers(frame)
    assert [x.kind for x in found] == ["sit_down", "stand_up"]  # the count stays exact
    up, label = found[1], truth[1]
    assert abs(up.start_s - label["start_s"]) <= 0.5, (up.start_s, label["start_s"])
    assert up.start_s >= found[0].end_s  # never into the sit-down before it
    assert abs(found[0].start_s - truth[0]["start_s"]) <= 0.5  # a sit-down is not moved


def test_without_the_lean_band_the_start_stays_at_the_low_point() -> None:
    """The setting is what moves it (None: the start never goes back past the low point)."""
    frame, truth = _frame_and_truth()
    off = find_transfers(frame, TransferSettings(lean_band_frac=None))
    on = find_transfers(frame)
    assert off[1].start_s - truth[1]["start_s"] > 0.5
    assert on[1].start_s < off[1].start_s and on[1].end_s == off[1].end_s
