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


def _session_in_amsterdam(tmp_path: Path, start_utc: str, start_local: str, duration_s: float):  # noqa: ANN202
    """A registered session whose analysis clock is in Europe/Amsterdam, starting at ``start_utc``."""
    folder = _results_folder(tmp_path / "a", duration_s=duration_s)
    summary = (folder / "summary.json").read_text()
    (folder / "summary.json").write_text(summary.replace(
        '"duration_s"', f'"clock": {{"start_utc": "{start_utc}", "timezone": "Europe/Amsterdam"}}, "duration_s"', 1))
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                         start=parse_start(start_local), sensors=file_sensors(["pelvis"]))
        [info] = rec.sessions("P001")
    return info


def test_times_after_the_dst_change_follow_the_zone(tmp_path: Path) -> None:
    info = _session_in_amsterdam(tmp_path, "2026-03-28T11:00:00Z", "2026-03-28T12:00+01:00", 2 * 86400.0)
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


def test_the_hour_repeated_in_october_is_drawn_twice_not_over_itself(tmp_path: Path) -> None:
    """25 October 2026, Amsterdam: 03:00 CEST becomes 02:00 CET, so 02:00-03:00 comes twice. Both
    passes at full height drew the second over the first: an hour of the day vanished."""
    info = _session_in_amsterdam(tmp_path, "2026-10-24T22:00:00Z", "2026-10-25T00:00+02:00", 86400.0)
    # sitting 01:30 CEST -> 02:30 CET (2 real hours), standing 02:30 -> 03:30 CET
    timeline = SimpleNamespace(start_s=np.array([5400.0, 12600.0]), end_s=np.array([12600.0, 16200.0]),
                               posture=np.array(["sitting", "standing"]))
    fig, ax = plt.subplots()
    posture_per_day(ax, SimpleNamespace(info=info, timeline=timeline), Words("en"))
    boxes = []  # (x0, x1, y0, y1) of every drawn bar
    for coll in ax.collections:
        for path in coll.get_paths():
            v = path.vertices
            boxes.append((v[:, 0].min(), v[:, 0].max(), v[:, 1].min(), v[:, 1].max()))
    drawn_h = sum(x1 - x0 for x0, x1, _, _ in boxes)
    assert abs(drawn_h - 3.0) < 1e-6  # every real hour is drawn: 01:30 -> 03:30 second pass
    # no two bars cover the same place
    for i, p in enumerate(boxes):
        for q in boxes[i + 1:]:
            overlap_x = min(p[1], q[1]) - max(p[0], q[0])
            overlap_y = min(p[3], q[3]) - max(p[2], q[2])
            assert overlap_x <= 1e-6 or overlap_y <= 1e-6, (p, q)
    # the repeated hour at its wall-clock place, in two half-height lanes
    halves = [b for b in boxes if abs((b[3] - b[2]) - 0.38) < 1e-6]
    assert halves and all(2.0 - 1e-6 <= b[0] and b[1] <= 3.0 + 1e-6 for b in halves)
    plt.close(fig)


def _bars(ax) -> list[tuple[float, float]]:  # noqa: ANN001
    """(x0, x1) in hours of the day of every drawn bar piece."""
    return sorted((float(p.vertices[:, 0].min()), float(p.vertices[:, 0].max()))
                  for coll in ax.collections for p in coll.get_paths())


def test_a_bar_across_the_march_change_is_drawn_at_wall_clock_time(tmp_path: Path) -> None:
    """29 March 2026, Amsterdam: 02:00 CET becomes 03:00 CEST. A sit from 00:30 to 03:30 (two real
    hours) was drawn 00:30-02:30 from its start, with 02:30-03:30 left empty as if nothing was
    recorded; the 23-hour day also carried no word of the change."""
    info = _session_in_amsterdam(tmp_path, "2026-03-28T23:00:00Z", "2026-03-29T00:00+01:00", 86400.0)
    timeline = SimpleNamespace(start_s=np.array([1800.0, 9000.0]), end_s=np.array([9000.0, 12600.0]),
                               posture=np.array(["sitting", "standing"]))
    for language, note in (("en", "29 March 2026: the clocks went forward, 02:00-03:00 did not exist"),
                           ("nl", "29 maart 2026: de klok ging vooruit, 02:00-03:00 bestond niet")):
        fig, ax = plt.subplots()
        posture_per_day(ax, SimpleNamespace(info=info, timeline=timeline), Words(language))
        assert np.allclose(_bars(ax), [(0.5, 2.0), (3.0, 3.5), (3.5, 4.5)]), _bars(ax)
        assert ax.get_xlabel().splitlines()[1:] == [note]
        plt.close(fig)


def test_the_25_hour_day_says_which_hour_is_drawn_twice(tmp_path: Path) -> None:
    """The repeated hour's two half-height passes on a 0-24 h axis were not explained anywhere."""
    info = _session_in_amsterdam(tmp_path, "2026-10-24T22:00:00Z", "2026-10-25T00:00+02:00", 86400.0)
    timeline = SimpleNamespace(start_s=np.array([0.0]), end_s=np.array([86400.0]), posture=np.array(["standing"]))
    for language, note in (
            ("en", "25 October 2026: the clocks went back, 02:00-03:00 came twice (upper half of the bar: the first time)"),
            ("nl", "25 oktober 2026: de klok ging terug, 02:00-03:00 kwam twee keer (bovenste helft van de balk: de eerste keer)")):
        fig, ax = plt.subplots()
        posture_per_day(ax, SimpleNamespace(info=info, timeline=timeline), Words(language))
        assert ax.get_xlabel().splitlines() == [Words(language)["hours_of_day"], note]
        plt.close(fig)
    # an ordinary day: the axis label alone
    plain = _session_in_amsterdam(tmp_path / "plain", "2026-10-20T22:00:00Z", "2026-10-21T00:00+02:00", 86400.0)
    fig, ax = plt.subplots()
    posture_per_day(ax, SimpleNamespace(info=plain, timeline=timeline), Words("en"))
    assert ax.get_xlabel() == "hour of the day"
    plt.close(fig)
