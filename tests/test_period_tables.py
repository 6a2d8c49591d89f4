"""Day and hour tables across daylight-saving changes and with a work schedule (the bundled HAPT
excerpt, so these run without ../shared/data)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

import oefensense
from oefensense.api import analyze
from oefensense.cli import app
from oefensense.core.schedule import ScheduleError, WorkSchedule
from oefensense.io.period_tables import TableSettings
from oefensense.sources.simulated import BUNDLED_RECORDING

CSV = Path(oefensense.__file__).parent / "data" / BUNDLED_RECORDING
FIGURES_TO_SUM = ("wear_s", "sitting_s", "standing_s", "walking_s", "lying_s", "unknown_s", "transition_s",
                  "trunk_20_60_s", "trunk_over_60_s", "sitting_bouts", "bends", "lifts")


def rows(path: Path) -> list[dict[str, str]]:
    with open(path) as fh:
        return list(csv.DictReader(fh))


def test_the_repeated_october_hour_is_two_rows(tmp_path: Path) -> None:
    [res] = analyze([CSV], tmp_path, start="2026-10-25T02:58+02:00", tz="Europe/Amsterdam")
    hours = rows(res.out_dir / "hours.csv")
    assert [h["hour"] for h in hours] == ["2026-10-25T02:00+02:00", "2026-10-25T02:00+01:00"]
    assert float(hours[0]["wear_s"]) + float(hours[0]["no_data_s"]) == pytest.approx(120.0)  # 02:58-03:00 (+02:00)
    [day] = rows(res.out_dir / "days.csv")
    for col in FIGURES_TO_SUM:
        assert float(day[col]) == pytest.approx(sum(float(h[col]) for h in hours), abs=0.02), col


def test_spring_forward_skips_two_oclock_and_midnight_splits_the_days(tmp_path: Path) -> None:
    [res] = analyze([CSV], tmp_path / "spring", start="2026-03-29T01:58+01:00", tz="Europe/Amsterdam")
    assert [h["hour"] for h in rows(res.out_dir / "hours.csv")] == ["2026-03-29T01:00+01:00", "2026-03-29T03:00+02:00"]
    [res] = analyze([CSV], tmp_path / "midnight", start="2026-03-02T23:58+01:00", tz="Europe/Amsterdam")
    days = rows(res.out_dir / "days.csv")
    assert [d["date"] for d in days] == ["2026-03-02", "2026-03-03"]
    assert sum(float(d["wear_s"]) + float(d["no_data_s"]) for d in days) == pytest.approx(
        float(res.summary["duration_s"]), abs=0.1)
    assert float(days[0]["wear_s"]) + float(days[0]["no_data_s"]) == pytest.approx(120.0)


def test_work_schedule_splits_every_figure_into_work_and_non_work(tmp_path: Path) -> None:
    schedule = WorkSchedule.parse("Mon-Fri 08:30-08:32")  # the recording's 3rd and 4th minute
    [res] = analyze([CSV], tmp_path, start="2026-03-02T08:28+01:00", tz="Europe/Amsterdam",
                    tables=TableSettings(schedule=schedule, valid_day_min_wear_h=0.05))
    days = rows(res.out_dir / "days.csv")
    assert [d["period"] for d in days] == ["all", "work", "non_work"]
    all_, work, off = days
    assert float(work["wear_s"]) + float(work["no_data_s"]) == pytest.approx(120.0)
    for col in FIGURES_TO_SUM:
        assert float(all_[col]) == pytest.approx(float(work[col]) + float(off[col]), abs=0.02), col
    assert all(d["valid_day"] == "true" for d in days)  # 3 min rule here: the whole day's wear counts
    hours = rows(res.out_dir / "hours.csv")
    assert {h["period"] for h in hours} == {"all", "work", "non_work"}


def test_work_hours_text() -> None:
    s = WorkSchedule.parse("ma-vr 08:30-17:00; Sat 22:00-06:00")
    assert s.spans[0] == (0, 510, 1020) and s.spans[-1] == (5, 1320, 1800)  # Saturday night runs into Sunday
    for bad in ("Mon-Fri", "Funday 09:00-17:00", "Mon 25:00-26:00", "", "Mon 08:00-08:00", "Mon 00:00-00:00",
                "Mon 08:00-24:30"):
        with pytest.raises(ScheduleError):
            WorkSchedule.parse(bad)
    # a whole day is said so; an end before the start runs into the next day (said in the output)
    assert WorkSchedule.parse("Wed 00:00-24:00").spans == ((2, 0, 1440),)
    assert WorkSchedule.parse("Mon 09:00-08:00").spans == ((0, 540, 1920),)


def test_cli_work_hours_valid_day_and_a_note_without_clock(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["analyze", str(CSV), "--out", str(tmp_path / "a"), "-q", "--start", "2026-03-02T08:28+01:00",
                              "--tz", "Europe/Amsterdam", "--work-hours", "Mon-Fri 08:30-17:00", "--valid-day-hours", "0.05"])
    assert res.exit_code == 0, res.output
    days = rows(tmp_path / "a" / "hapt_user01_exp0_0-240s" / "days.csv")
    assert [d["valid_day"] for d in days] == ["true"] * 3
    res = runner.invoke(app, ["analyze", str(CSV), "--out", str(tmp_path / "b"), "-q", "--work-hours", "Mon 9-5"])
    assert res.exit_code == 1 and "Mon-Fri 08:30-17:00" in res.output
    res = runner.invoke(app, ["analyze", str(CSV), "--out", str(tmp_path / "c"), "-q"])
    assert res.exit_code == 0 and "days.csv and hours.csv need --start" in res.output
    assert not (tmp_path / "c" / "hapt_user01_exp0_0-240s" / "days.csv").exists()


def test_a_day_without_wear_is_a_row_flagged_invalid_and_nothing_is_counted_twice() -> None:
    from oefensense.analysis.posture import PostureSegment
    from oefensense.core.clock import RecordingClock
    from oefensense.io.period_tables import PeriodTables

    clock = RecordingClock.parse_start("2026-03-02T20:00+01:00", "Europe/Amsterdam")
    h = 3600 * 10**9
    segs = [PostureSegment(0, 4 * h, "sitting", 1.0),          # Mon 20:00-24:00
            PostureSegment(4 * h, 28 * h, "non_wear", 1.0),    # all of Tuesday on the desk
            PostureSegment(28 * h, 40 * h, "no_data", 1.0),    # Wednesday morning: nothing recorded
            PostureSegment(40 * h, 52 * h, "standing", 1.0)]   # Wed 12:00-24:00
    tables = PeriodTables(clock)
    tables.add_segments(segs)
    days, hours = tables.rows()
    assert [(str(d["date"]), d["wear_s"], d["non_wear_s"], d["no_data_s"], d["valid_day"]) for d in days] == [
        ("2026-03-02", 4 * 3600, 0, 0, False), ("2026-03-03", 0, 24 * 3600, 0, False),
        ("2026-03-04", 12 * 3600, 0, 12 * 3600, True)]
    assert len(hours) == 52 and sum(r["wear_s"] + r["non_wear_s"] + r["no_data_s"] for r in hours) == 52 * 3600


def test_lifts_of_undetermined_technique_have_their_own_column(tmp_path: Path) -> None:
    """A slow lift at the waist (technique "undetermined", docs/lifting.md) counted only in
    ``lifts``: days.csv / hours.csv had no column for it, so stoop + squat + mixed fell short."""
    from oefensense.analysis.posture import PostureSegment
    from oefensense.core.clock import RecordingClock
    from oefensense.core.types import Event
    from oefensense.io.period_tables import PeriodTables

    clock = RecordingClock.parse_start("2026-03-02T08:00+01:00", "Europe/Amsterdam")
    m = 60 * 10**9
    tables = PeriodTables(clock, TableSettings(schedule=WorkSchedule.parse("Mon-Fri 08:00-08:30")))
    tables.add_segments([PostureSegment(0, 60 * m, "standing", 1.0)])
    techniques = ["squat", "undetermined", "stoop", "undetermined", "mixed", "undetermined"]  # 10 min apart
    tables.add_events([Event("lift", 10 * i * m + m, 10 * i * m + 2 * m, {"technique": t}) for i, t in enumerate(techniques)])
    tables.write(tmp_path)
    days = rows(tmp_path / "days.csv")
    assert [(d["period"], d["lifts"], d["lifts_undetermined"]) for d in days] == [
        ("all", "6", "3"), ("work", "3", "1"), ("non_work", "3", "2")]
    for d in days:
        assert int(d["lifts"]) == sum(int(d[f"lifts_{t}"]) for t in ("stoop", "squat", "mixed", "undetermined"))
    hours = rows(tmp_path / "hours.csv")
    assert sum(int(h["lifts_undetermined"]) for h in hours if h["period"] == "all") == 3


def test_a_day_without_work_hours_has_no_work_row() -> None:
    """A weekend day under "Mon-Fri" had a ``work`` row of zeros with ``valid_day`` true (care
    audit, 4 Dec): a day without work hours has no work period, so no row; an hour wholly inside
    work hours has no ``non_work`` row. work + non_work = all still holds (an absent row is zero)."""
    from oefensense.analysis.posture import PostureSegment
    from oefensense.core.clock import RecordingClock
    from oefensense.io.period_tables import PeriodTables

    clock = RecordingClock.parse_start("2026-03-06T00:00+01:00", "Europe/Amsterdam")  # a Friday
    h = 3600 * 10**9
    tables = PeriodTables(clock, TableSettings(schedule=WorkSchedule.parse("Mon-Fri 08:30-17:00")))
    tables.add_segments([PostureSegment(0, 48 * h, "standing", 1.0)])  # Friday and Saturday
    days, hours = tables.rows()
    assert [(str(d["date"]), d["period"]) for d in days] == [
        ("2026-03-06", "all"), ("2026-03-06", "work"), ("2026-03-06", "non_work"), ("2026-03-07", "all"),
        ("2026-03-07", "non_work")]
    by = {(r["hour"], r["period"]): r for r in hours}
    assert ("2026-03-06T03:00+01:00", "work") not in by and ("2026-03-06T10:00+01:00", "non_work") not in by
    assert by[("2026-03-06T08:00+01:00", "work")]["wear_s"] == 1800 == by[("2026-03-06T08:00+01:00", "non_work")]["wear_s"]
    assert not any(r["period"] == "work" for r in hours if str(r["date"]) == "2026-03-07")
    for d in {str(r["date"]) for r in hours}:
        parts = {p: sum(r["wear_s"] for r in hours if str(r["date"]) == d and r["period"] == p) for p in ("all", "work", "non_work")}
        assert parts["all"] == parts["work"] + parts["non_work"]


def test_sit_to_stands_and_stand_to_sits_are_counted_per_day_and_work_period(tmp_path: Path) -> None:
    """days.csv / hours.csv had sitting time and breaks per day but not how often the patient
    stood up ("opstaan per dag"): the transition events were only in the summary's total. The
    bundled excerpt sits down at 24.9 s and stands up at 44.4 s; started at 23:59:25 the first
    falls on Monday, the second on Tuesday, inside Tuesday's work hours 00:00-00:01."""
    [res] = analyze([CSV], tmp_path, start="2026-03-02T23:59:25+01:00", tz="Europe/Amsterdam",
                    tables=TableSettings(schedule=WorkSchedule.parse("Tue 00:00-00:01")))
    days = rows(res.out_dir / "days.csv")
    got = [(d["date"], d["period"], d["sit_to_stand_count"], d["stand_to_sit_count"]) for d in days]
    assert got == [("2026-03-02", "all", "0", "1"), ("2026-03-02", "non_work", "0", "1"),
                   ("2026-03-03", "all", "1", "0"), ("2026-03-03", "work", "1", "0"),
                   ("2026-03-03", "non_work", "0", "0")], got
    # they add up to the recording's totals, over the days and over the hours
    hours = rows(res.out_dir / "hours.csv")
    for col, kind in (("sit_to_stand_count", "sit_to_stand"), ("stand_to_sit_count", "stand_to_sit")):
        total = res.summary["transitions"][kind]
        assert sum(int(d[col]) for d in days if d["period"] == "all") == total == 1, col
        assert sum(int(d[col]) for d in days if d["period"] != "all") == total, col
        assert sum(int(h[col]) for h in hours if h["period"] == "all") == total, col
    import pyarrow.parquet as pq

    assert pq.read_table(res.out_dir / "days.parquet")["sit_to_stand_count"].to_pylist() == [0, 0, 1, 1, 0]


def test_a_block_within_one_slice_takes_the_fast_path_and_gives_the_same_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """``add_frames`` skips the per-sample keys and ``np.unique`` for a block inside one (hour,
    work) slice (speed-14, issue #20). Its tables must equal the general path's: 180-s blocks at
    50 Hz across midnight, the spring DST change and work edges off the block grid (and one block
    with a gap that spans an hour start)."""
    from oefensense.core.clock import RecordingClock
    from oefensense.core.frames import BodyFrame
    from oefensense.io.period_tables import PeriodTables

    s = 10**9
    blocks = [np.arange(i * 180 * s, (i + 1) * 180 * s, s // 50, dtype=np.int64) for i in range(100)]  # 5 h
    blocks.append(np.concatenate([np.arange(0, 10 * s, s // 50), np.arange(3700 * s, 3710 * s, s // 50)]) + 100 * 180 * s)

    def tables(general: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        clock = RecordingClock.parse_start("2026-03-28T22:57:13+01:00", "Europe/Amsterdam")  # a Saturday
        tab = PeriodTables(clock, TableSettings(schedule=WorkSchedule.parse("Sat 23:10-23:41; Sun 00:31-03:07")))
        if general:
            monkeypatch.setattr(tab, "_one_slice", lambda lo, hi: False)
        gen = np.random.default_rng(14)
        frames = [BodyFrame(t, 50.0, (), {"trunk_zone": gen.integers(-1, 3, len(t)), "trunk_bend": gen.random(len(t)) < 0.01})
                  for t in blocks]
        tab.add_frames(frames)
        return tab.rows()

    calls: list[bool] = []
    real = PeriodTables._one_slice
    monkeypatch.setattr(PeriodTables, "_one_slice", lambda self, lo, hi: calls.append(real(self, lo, hi)) or calls[-1])
    fast = tables(general=False)
    assert 80 < sum(calls) < len(blocks)  # most blocks take the fast path, the ones across an edge do not
    general = tables(general=True)
    assert fast == general
    days, hours = fast
    assert [h["hour"] for h in hours if h["period"] == "all"][2:5] == [
        "2026-03-29T00:00+01:00", "2026-03-29T01:00+01:00", "2026-03-29T03:00+02:00"]
    assert sum(h["trunk_0_20_s"] for h in hours if h["period"] != "all") > 0 and len(days) == 6  # Sat, Sun: all, work, non_work


def test_bisect_lookups_give_the_tables_of_searchsorted() -> None:
    """The hour and work lookups of one time by ``bisect`` on Python lists (#20's thirteenth
    round) against numpy's ``searchsorted`` on the arrays, the code they replaced: segments,
    frames and events across midnight, the spring and autumn changes, work edges off every grid,
    segments ending exactly on an hour start or a work edge, and times before the first hour."""
    from oefensense.analysis.posture import PostureSegment
    from oefensense.core.clock import RecordingClock
    from oefensense.core.frames import BodyFrame
    from oefensense.core.types import Event
    from oefensense.io.period_tables import POSTURE_ORDER, PeriodTables, _Slice

    class Searchsorted(PeriodTables):
        def add_segments(self, segments: list[Any]) -> None:
            for seg in segments:
                a, b = int(seg.start_ns), int(seg.end_ns)
                if b <= a:
                    continue
                self._span(a, b)
                k = POSTURE_ORDER.index(seg.posture)
                hours, work = self._hours, self._work_edges
                in_hours = hours[np.searchsorted(hours, a, side="right"):np.searchsorted(hours, b, side="left")]
                in_work = work[np.searchsorted(work, a, side="right"):np.searchsorted(work, b, side="left")]
                if not len(in_hours) and not len(in_work):
                    self._slice(a).posture_ns[k] += b - a
                    continue
                edges = [a, *np.union1d(in_hours, in_work).tolist(), b]
                for x, y in zip(edges[:-1], edges[1:]):
                    self._slice(x).posture_ns[k] += y - x

        def _one_slice(self, lo: int, hi: int) -> bool:
            hours, work = self._hours, self._work_edges
            return bool(np.searchsorted(hours, lo, side="right") == np.searchsorted(hours, hi, side="right")
                        and np.searchsorted(work, lo, side="right") == np.searchsorted(work, hi, side="right"))

        def _slice(self, t_ns: int) -> _Slice:
            hour = int(self._hours[np.searchsorted(self._hours, t_ns, side="right") - 1])
            return self._slices.setdefault((hour, bool(self._is_work(t_ns))), _Slice())

    s, h = 10**9, 3600 * 10**9
    gen = np.random.default_rng(13)
    for start in ("2026-03-28T21:59:13+01:00", "2026-10-24T23:00+02:00", "2026-03-02T08:29:30+01:00"):
        clock = RecordingClock.parse_start(start, "Europe/Amsterdam")
        cuts = np.unique(np.concatenate([gen.integers(0, 50 * h, 400), np.arange(0, 50 * h, h) + 47 * 60 * s,
                                         np.arange(0, 50 * h, h)]))  # also ends exactly on local hour starts
        segments = [PostureSegment(int(a), int(b), str(gen.choice(POSTURE_ORDER)), 1.0) for a, b in zip(cuts[:-1], cuts[1:])]
        segments.append(PostureSegment(-2 * h, -h, "lying", 1.0))  # before the recording's start
        frames = [BodyFrame(t, 50.0, (), {"trunk_zone": gen.integers(-1, 3, len(t)), "trunk_bend": gen.random(len(t)) < 0.02})
                  for t in (np.arange(i * 180 * s, (i + 1) * 180 * s, s // 50, dtype=np.int64) for i in range(0, 1000, 7))]
        events = [Event("sitting_bout", int(t), int(t) + 600 * s, {"duration_s": 600.0}, "x")
                  for t in gen.integers(0, 48 * h, 60)]
        events += [Event("sit_to_stand", int(t), int(t) + 2 * s, {}, "x") for t in gen.integers(0, 48 * h, 60)]
        got = []
        for cls in (PeriodTables, Searchsorted):
            tab = cls(clock, TableSettings(schedule=WorkSchedule.parse("Mon-Fri 08:31-17:07; Sat 09:00-12:00; Sun 10:00-11:00")))
            tab.add_segments(segments)
            tab.add_frames(frames)
            tab.add_events(events)
            got.append(tab.rows())
        assert got[0] == got[1], start
