"""A week across the spring daylight-saving change: the report's clock times follow the recording's
zone (its summary's clock), as timeline.csv and days.csv do. With the start's fixed offset every
time after 29 March 2026 02:00 in Amsterdam was an hour early (12:00+01:00 for 13:00+02:00)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import matplotlib
import numpy as np

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from oefensense.record import Record, parse_start  # noqa: E402
from oefensense.record.register import file_sensors, register_results  # noqa: E402
from oefensense.reports.figures import posture_per_day  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402
from tests.record.test_store import _results_folder  # noqa: E402


def test_times_after_the_dst_change_follow_the_zone(tmp_path: Path) -> None:
    folder = _results_folder(tmp_path / "a", duration_s=2 * 86400.0)
    summary = (folder / "summary.json").read_text()
    (folder / "summary.json").write_text(summary.replace(
        '"duration_s"', '"clock": {"start_utc": "2026-03-28T11:00:00Z", "timezone": "Europe/Amsterdam"}, "duration_s"', 1))
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                         start=parse_start("2026-03-28T12:00+01:00"), sensors=file_sensors(["pelvis"]))
        [info] = rec.sessions("P001")
    later = info.start.at(86400.0)  # one day later: after the change
    assert later.isoformat() == "2026-03-29T13:00:00+02:00"
    assert later.astimezone(timezone.utc) == datetime(2026, 3, 29, 11, tzinfo=timezone.utc)
    # the posture bars: a sitting hour from 13:00 local on the 29th
    timeline = SimpleNamespace(start_s=np.array([86400.0]), end_s=np.array([90000.0]), posture=np.array(["sitting"]))
    fig, ax = plt.subplots()
    posture_per_day(ax, SimpleNamespace(info=info, timeline=timeline), Words("en"))
    [bars] = ax.collections
    xs = bars.get_paths()[0].vertices[:, 0]  # the bar's corners, in hours of the day
    assert abs(xs.min() - 13.0) < 1e-6 and abs(xs.max() - 14.0) < 1e-6, xs
    plt.close(fig)


def test_a_session_without_a_zone_keeps_its_start_offset(tmp_path: Path) -> None:
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", _results_folder(tmp_path / "a"), kind="imported", source=tmp_path / "x.csv",
                         source_owned=False, start=parse_start("2026-03-28T12:00+01:00"), sensors=file_sensors(["pelvis"]))
        [info] = rec.sessions("P001")
    assert info.start.zone is None and info.start.at(86400.0).isoformat() == "2026-03-29T12:00:00+01:00"
