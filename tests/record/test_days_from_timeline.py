"""Day rows of a session analysed without clock time come from its timeline; its non-wear
periods are not worn time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oefensense.record import parse_start
from oefensense.record.days import day_rows


def test_timeline_non_wear_and_no_data_are_not_worn(tmp_path: Path) -> None:
    (tmp_path / "timeline.csv").write_text(
        "start_s,end_s,posture,confidence\n"
        "0.00,600.00,sitting,0.99\n600.00,1500.00,non_wear,1.00\n1500.00,1560.00,unknown,0.50\n"
        "1560.00,1620.00,no_data,1.00\n1620.00,1800.00,standing,0.98\n")
    (tmp_path / "events.jsonl").write_text("")
    (tmp_path / "summary.json").write_text(json.dumps({"duration_s": 1800.0}))
    [row] = day_rows(tmp_path, parse_start("2026-03-02T09:00+01:00"))
    assert row["source"] == "timeline" and row["valid_day"] is None
    assert row["wear_s"] == pytest.approx(600.0 + 180.0)  # sitting + standing; was 1740 (non_wear counted)
    assert row["sitting_s"] == pytest.approx(600.0) and row["standing_s"] == pytest.approx(180.0)
