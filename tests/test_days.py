"""A recording across midnight from real recordings with the sensor taken off twice: days.csv /
hours.csv, non-wear where it was inserted, real stillness never non-wear, and one truth (timeline,
events, sitting bouts, summary, day and hour tables add up to the same seconds)."""

from __future__ import annotations

import csv
import dataclasses
import json
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from oefensense.core.clock import RecordingClock
from oefensense.core.types import NS_PER_S
from oefensense.engine import Engine
from oefensense.io.csv_import import read_csv
from oefensense.io.outputs import AnalysisWriter
from oefensense.sim.wear import desk_block, mirror_tile, splice
from oefensense.sources import recording_items

HAPT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "hapt"
pytestmark = pytest.mark.skipif(not HAPT.exists(), reason="needs ../shared/data/hapt")
RATE = 50.0
ZONE = "Europe/Amsterdam"


def longest_run(rec, label: str):
    """The longest stretch of ``label`` in a HAPT recording, 2 s trimmed at both ends."""
    lab = rec.labels
    edges = np.flatnonzero(np.r_[True, lab[1:] != lab[:-1], True])
    runs = [(b - a, a, b) for a, b in zip(edges[:-1], edges[1:]) if lab[a] == label]
    _, a, b = max(runs)
    return rec.block.slice(a + 100, b - 100)


@pytest.fixture(scope="module")
def recording(tmp_path_factory):
    """~2 h: real HAPT days (users 2-5), 30 min of real sitting and 20 min of real lying (mirror-
    tiled stretches: a person sitting / lying still), and the sensor on a desk twice: 30 min flat
    across midnight, 15 min upside down (quantised noise). Returns (result folder, clock, spans)."""
    real = {u: read_csv(HAPT / f"user0{u}_exp0.waist.csv.gz") for u in (2, 3, 4, 5)}
    sit = mirror_tile(longest_run(real[3], "sitting"), 30 * 60, RATE)
    lie = mirror_tile(longest_run(real[4], "lying"), 20 * 60, RATE)
    desk1 = desk_block(30 * 60, RATE, up=(0, 0, 1), acc_noise_g=0.003, seed=1)
    desk2 = desk_block(15 * 60, RATE, up=(0.1, 0, -1), acc_noise_g=0.002, acc_step_g=0.0039, seed=2)
    names = ["real2", "real3", "sit", "desk1", "real4", "lie", "desk2", "real5"]
    pieces = [real[2].block, real[3].block, sit, desk1, real[4].block, lie, desk2, real[5].block]
    block, spans = splice(pieces, RATE, sensor_id="pelvis")
    spans = dict(zip(names, spans))
    # desk1 begins at 23:50 local on 28 March 2026 (the night clocks go forward)
    start = datetime.fromisoformat("2026-03-28T23:50+01:00") - timedelta(seconds=spans["desk1"][0] / NS_PER_S)
    clock = RecordingClock.from_utc(start, ZONE)
    rec = dataclasses.replace(real[2], block=block, labels=None)
    out = tmp_path_factory.mktemp("days") / "multi"
    Engine(sinks=[AnalysisWriter(out)]).run(recording_items([rec], clock=clock))
    return out, clock, spans


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path) as fh:
        return list(csv.DictReader(fh))


def timeline(out: Path) -> list[tuple[float, float, str]]:
    return [(float(r["start_s"]), float(r["end_s"]), r["posture"]) for r in read_rows(out / "timeline.csv")]


def test_one_row_per_date_in_local_time(recording) -> None:
    out, clock, spans = recording
    days = read_rows(out / "days.csv")
    assert [d["date"] for d in days] == ["2026-03-28", "2026-03-29"]
    assert {d["period"] for d in days} == {"all"}
    assert all(d["valid_day"] == "false" for d in days)  # ~1 h of wear each: below the 10 h rule
    hours = [h["hour"] for h in read_rows(out / "hours.csv")]
    assert "2026-03-29T00:00+01:00" in hours and len(hours) == len(set(hours))
    assert hours == sorted(hours, key=lambda h: datetime.fromisoformat(h))


def test_non_wear_is_found_within_five_minutes_of_where_it_was_inserted(recording) -> None:
    out, _, spans = recording
    found = [(e["t_s"], e["end_s"]) for e in map(json.loads, (out / "events.jsonl").read_text().splitlines())
             if e["type"] == "non_wear"]
    inserted = [(a / NS_PER_S, b / NS_PER_S) for a, b in (spans["desk1"], spans["desk2"])]
    assert len(found) == 2, found
    for (a, b), (fa, fb) in zip(inserted, found):
        assert abs(fa - a) <= 300 and abs(fb - b) <= 300, (a, b, fa, fb)
    # the timeline says non_wear exactly where the events do, and nowhere else
    nw = [(a, b) for a, b, p in timeline(out) if p == "non_wear"]
    assert nw == [pytest.approx(f, abs=0.01) for f in found]


def test_real_sitting_and_lying_still_are_never_non_wear(recording) -> None:
    out, _, spans = recording
    for name in ("real2", "real3", "sit", "real4", "lie", "real5"):
        a, b = (x / NS_PER_S for x in spans[name])
        overlap = sum(max(0.0, min(e, b) - max(s, a)) for s, e, p in timeline(out) if p == "non_wear")
        assert overlap == 0.0, name
    sit_a, sit_b = (x / NS_PER_S for x in spans["sit"])
    sitting = sum(max(0.0, min(e, sit_b) - max(s, sit_a)) for s, e, p in timeline(out) if p == "sitting")
    assert sitting > 0.5 * (sit_b - sit_a)  # and it is mostly called sitting


def test_timeline_events_bouts_summary_days_and_hours_add_up(recording) -> None:
    out, _, _ = recording
    summary = json.loads((out / "summary.json").read_text())
    segs = timeline(out)
    assert all(b0 == pytest.approx(a1) for (_, b0, _), (a1, _, _) in zip(segs[:-1], segs[1:]))  # no holes
    per_posture = {}
    for a, b, p in segs:
        per_posture[p] = per_posture.get(p, 0.0) + b - a
    days, hours = read_rows(out / "days.csv"), read_rows(out / "hours.csv")
    for posture, seconds in summary["posture_s"].items():
        assert per_posture.get(posture, 0.0) == pytest.approx(seconds, abs=0.06), posture
        col = f"{posture}_s"
        if col in days[0]:
            assert sum(float(d[col]) for d in days) == pytest.approx(seconds, abs=0.06 + 0.01 * len(days)), col
            assert sum(float(h[col]) for h in hours) == pytest.approx(seconds, abs=0.06 + 0.01 * len(hours)), col
    recorded = segs[-1][1] - segs[0][0]
    for rows in (days, hours):
        worn = sum(float(r["wear_s"]) for r in rows)
        off = sum(float(r["non_wear_s"]) + float(r["no_data_s"]) for r in rows)
        assert worn + off == pytest.approx(recorded, abs=0.01 * len(rows))
    # sitting bouts: their sitting seconds plus the sitting too short for a bout = timeline sitting
    bouts = [e for e in map(json.loads, (out / "events.jsonl").read_text().splitlines()) if e["type"] == "sitting_bout"]
    sb = summary["sitting_bouts"]
    assert sum(b["sitting_s"] for b in bouts) == pytest.approx(sb["total_s"], abs=0.06 * max(len(bouts), 1))
    assert sb["total_s"] + sb["outside_bouts_s"] == pytest.approx(summary["posture_s"]["sitting"], abs=0.15)
    assert sum(int(d["sitting_bouts"]) for d in days) == sum(int(h["sitting_bouts"]) for h in hours) == sb["count"] == len(bouts)
    assert sum(int(d["sitting_breaks"]) for d in days) == sb["breaks"]
    assert max(float(d["longest_sitting_bout_s"]) for d in days) == pytest.approx(sb["longest_s"], abs=0.06)
    # trunk zones, bends and lifts
    zones = summary["trunk_zones_s"]
    for col, key in (("trunk_0_20_s", "0-20"), ("trunk_20_60_s", "20-60"), ("trunk_over_60_s", ">60")):
        assert sum(float(d[col]) for d in days) == pytest.approx(zones[key], abs=0.01 * len(days) + 0.01)
        assert sum(float(h[col]) for h in hours) == pytest.approx(zones[key], abs=0.01 * len(hours) + 0.01)
    assert sum(int(d["bends"]) for d in days) == summary["trunk_exposure"]["bends"]
    assert sum(int(d["lifts"]) for d in days) == summary["lifts"]["count"]
    # standing up and sitting down per day: the transition events, as the summary counts them
    events = [e for e in map(json.loads, (out / "events.jsonl").read_text().splitlines())]
    for kind in ("sit_to_stand", "stand_to_sit"):
        total = summary["transitions"][kind]
        assert total > 0 and total == sum(e["type"] == kind for e in events), kind
        assert sum(int(d[f"{kind}_count"]) for d in days) == sum(int(h[f"{kind}_count"]) for h in hours) == total, kind
    # the sitting before the sensor was taken off ends where the non-wear begins: no bout crosses it
    nw = [(a, b) for a, b, p in segs if p == "non_wear"]
    for b in bouts:
        assert not any(b["t_s"] < e and s < b["end_s"] for s, e in nw), b


def test_days_parquet_holds_the_same_rows(recording) -> None:
    import pyarrow.parquet as pq

    out, _, _ = recording
    table = pq.read_table(out / "days.parquet")
    rows = read_rows(out / "days.csv")
    assert table.column_names == list(rows[0].keys())
    assert [str(d) for d in table["date"].to_pylist()] == [r["date"] for r in rows]
    assert table["sitting_s"].to_pylist() == pytest.approx([float(r["sitting_s"]) for r in rows])
