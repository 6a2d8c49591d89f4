"""Figures in minutes over an hour read as the report's durations do ("2 uur 30 min"): the key
figures said "Langste zitperiode 150,0 min" (and its change "+140,0 min") beside a duration of
"4 uur", and a week's trunk-zone bars "1512,3 min"."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from oefensense.record import Record, parse_start
from oefensense.record.register import file_sensors, register_results
from oefensense.reports import write_report
from oefensense.reports.text import Words
from tests.record.test_store import _results_folder


def test_minutes_over_an_hour_in_hours_and_minutes() -> None:
    nl, en = Words("nl"), Words("en")
    assert [nl.minutes_figure(v) for v in (29.5, 60.0, 61.0, 150.0, 9177.3, None)] == [
        "29,5 min", "60,0 min", "1 uur 1 min", "2 uur 30 min", "152 uur 57 min", "–"]
    assert [en.minutes_figure(v, sign=True) for v in (-140.0, -5.0, 0.0, 5.0, 90.0)] == [
        "-2 h 20 min", "-5.0 min", "0 seconds", "+5.0 min", "+1 h 30 min"]  # under a minute in seconds
    # durations: hours from over an hour on (from 1.5 h until 4 Dec 2026: "89,0 min")
    assert [nl.minutes(s) for s in (3600, 3660, 5340)] == ["60,0 min", "1 uur 1 min", "1 uur 29 min"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_the_key_figures_and_zone_bars_say_hours_and_minutes(tmp_path: Path) -> None:
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        for i, sitting in enumerate((600.0, 9000.0)):  # a 10-min bout, then one of 150 min
            folder = _results_folder(tmp_path / f"s{i}", sitting_s=sitting, duration_s=14400.0)
            summary = json.loads((folder / "summary.json").read_text())
            summary["trunk_zones_s"] = {"0-20": 12000.0, "20-60": 1800.0, ">60": 600.0}  # 200, 30, 10 min
            (folder / "summary.json").write_text(json.dumps(summary))
            register_results(rec, "P001", folder, kind="imported", source=tmp_path / f"{i}.csv", source_owned=False,
                             start=parse_start(f"2026-03-0{2 + i}T08:30+01:00"), sensors=file_sensors(["trunk"]))
        for lang, longest, zone in (("nl", "Langste zitperiode 2 uur 30 min 10,0 min +2 uur 20 min slechter", "3 uur 20 min"),
                                    ("en", "Longest sitting bout 2 h 30 min 10.0 min +2 h 20 min worse", "3 h 20 min")):
            pdf = tmp_path / f"r-{lang}.pdf"
            write_report(rec, "P001", pdf, audience="therapist", language=lang)
            text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                           text=True).stdout.split())
            assert longest in text and "…" not in text.split("Kerncijfers" if lang == "nl" else "Key figures")[1][:3000], text
            assert zone in text and "200,0 min" not in text and "200.0 min" not in text, text
            assert "150,0 min" not in text and "150.0 min" not in text, text


def test_a_figure_under_a_minute_keeps_its_seconds() -> None:
    """The minute figures were stored to 0.1 min (6 s): a 33-s longest sitting bout read
    "36 seconden" in the key figures beside "33 seconden" in the durations."""
    from oefensense.record.progress import session_figures
    from tests.record.test_progress_change import _session

    s = _session([], 600.0)
    s.summary.update({"sitting_bouts": {"longest_s": 33.0, "total_s": 53.0, "count": 2},
                      "trunk_zones_s": {"0-20": 500.0, "20-60": 47.0, ">60": 3.0}})
    fig = session_figures(s)
    nl = Words("nl")
    words = [nl.minutes_figure(fig[k]) for k in ("longest_sitting_bout_min", "mean_sitting_bout_min",
                                                  "trunk_20_60_min", "trunk_over_60_min")]
    assert words == ["33 seconden", "27 seconden", "47 seconden", "3 seconden"]
    assert words[0] == nl.minutes(33.0)
