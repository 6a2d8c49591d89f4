"""Clock time at the edges: RecordingClock (DST, day/hour boundaries), --start/--tz, clock columns."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from oefensense.api import analyze
from oefensense.core.clock import ClockError, RecordingClock
from oefensense.core.types import NS_PER_S
from oefensense.sources.simulated import BUNDLED_RECORDING

H = 3600 * NS_PER_S


def test_spring_forward_in_amsterdam_skips_the_two_oclock_hour() -> None:
    clock = RecordingClock.parse_start("2026-03-29T01:30+01:00", "Europe/Amsterdam")
    iso = clock.iso(np.array([0, H // 2, H], np.int64))
    assert iso.tolist() == ["2026-03-29T01:30:00.000+01:00", "2026-03-29T03:00:00.000+02:00",
                            "2026-03-29T03:30:00.000+02:00"]
    hours = clock.boundaries(0, 3 * H, "hour")
    assert clock.iso(hours).tolist() == ["2026-03-29T03:00:00.000+02:00", "2026-03-29T04:00:00.000+02:00",
                                         "2026-03-29T05:00:00.000+02:00"]  # no 02:00


def test_fall_back_keeps_both_two_oclock_hours_apart_and_the_day_lasts_25_hours() -> None:
    clock = RecordingClock.parse_start("2026-10-24T12:00+02:00", "Europe/Amsterdam")
    days = clock.boundaries(0, 72 * H, "day")
    assert np.diff(days).tolist() == [25 * H, 24 * H]  # 25 October has 25 hours
    hours = clock.boundaries(days[0], days[1], "hour")
    texts = clock.iso(hours).tolist()
    assert "2026-10-25T02:00:00.000+02:00" in texts and "2026-10-25T02:00:00.000+01:00" in texts
    assert len(hours) == 25  # 01:00 ... 00:00 of the next day, 02:00 twice


def test_start_needs_an_offset_or_a_zone_and_they_must_agree() -> None:
    assert RecordingClock.parse_start("2026-03-02T08:30", "Europe/Amsterdam").start_utc.hour == 7
    with pytest.raises(ClockError, match="no UTC offset"):
        RecordingClock.parse_start("2026-03-02T08:30")
    fixed = RecordingClock.parse_start("2026-03-28T08:30+05:30", machine_zone="Europe/Amsterdam")
    assert fixed.timezone == "+05:30"  # no --tz and the machine's zone has another offset: that fixed offset
    assert fixed.iso(np.array([0, 48 * H])).tolist() == ["2026-03-28T08:30:00.000+05:30", "2026-03-30T08:30:00.000+05:30"]
    assert RecordingClock.parse_start("2026-03-28T08:30+01:00", machine_zone="Europe/Amsterdam").timezone == "Europe/Amsterdam"
    with pytest.raises(ClockError, match="time zone Europe/Amsterdam is at \\+01:00"):
        RecordingClock.parse_start("2026-03-02T08:30+02:00", "Europe/Amsterdam")
    with pytest.raises(ClockError, match="unknown time zone"):
        RecordingClock.parse_start("2026-03-02T08:30+01:00", "Mars/Olympus")
    with pytest.raises(ClockError, match="not an ISO 8601"):
        RecordingClock.parse_start("monday morning", "UTC")
    clock = RecordingClock.parse_start("2026-03-02T08:30:00.250+01:00", "Europe/Amsterdam")
    assert RecordingClock.from_dict(json.loads(json.dumps(clock.to_dict()))) == clock


def test_analyze_with_start_writes_clock_time_beside_seconds(tmp_path: Path) -> None:
    import oefensense

    csv = Path(oefensense.__file__).parent / "data" / BUNDLED_RECORDING
    [res] = analyze([csv], tmp_path, angles=True, start="2026-03-29T01:59+01:00", tz="Europe/Amsterdam")
    clock = RecordingClock.parse_start("2026-03-29T01:59+01:00", "Europe/Amsterdam")
    lines = (res.out_dir / "timeline.csv").read_text().splitlines()
    assert lines[0] == "start_s,end_s,posture,confidence,start_time,end_time"
    for line in lines[1:]:
        start_s, end_s, *_, start_time, end_time = line.split(",")
        assert start_time == clock.iso(np.array([round(float(start_s) * NS_PER_S)]))[0]
        assert end_time == clock.iso(np.array([round(float(end_s) * NS_PER_S)]))[0]
    assert lines[-1].endswith("+02:00")  # the recording crosses the spring-forward change
    events = res.events()
    assert events[0]["type"] == "clock" and events[0]["timezone"] == "Europe/Amsterdam"
    assert all(e["time"].startswith("2026-03-29T") for e in events)
    angles = (res.out_dir / "angles.csv").read_text().splitlines()
    assert angles[0].split(",")[0] == "time_s" and angles[0].split(",")[-1] == "time"
    assert angles[1].endswith(",2026-03-29T01:59:00.000+01:00")
    assert json.loads((res.out_dir / "summary.json").read_text())["clock"] == clock.to_dict()


def test_without_a_start_the_outputs_stay_in_seconds(tmp_path: Path) -> None:
    import oefensense

    csv = Path(oefensense.__file__).parent / "data" / BUNDLED_RECORDING
    [res] = analyze([csv], tmp_path)
    assert (res.out_dir / "timeline.csv").read_text().splitlines()[0] == "start_s,end_s,posture,confidence"
    assert not any(e["type"] == "clock" for e in res.events())
