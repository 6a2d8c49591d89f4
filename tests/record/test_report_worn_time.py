"""The reports show the worn time as the figures count it: the patient's time chart over the same
worn time as "you sat N % of the measured time", and the posture-per-day bars name every colour
they draw (not worn, no data, and a trunk sensor's upright-still time)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from oefensense.record import Record, parse_start
from oefensense.record.register import file_sensors, register_results
from oefensense.reports import write_report

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


def _folder(path: Path, segments: list[tuple[float, float, str]]) -> Path:
    """An analysis folder whose timeline is ``segments`` (no days.csv: days from the timeline)."""
    path.mkdir(parents=True)
    (path / "timeline.csv").write_text("start_s,end_s,posture,confidence\n"
                                       + "".join(f"{a:.2f},{b:.2f},{p},0.99\n" for a, b, p in segments))
    (path / "events.jsonl").write_text("")
    posture: dict[str, float] = {}
    for a, b, p in segments:
        posture[p] = posture.get(p, 0.0) + b - a
    summary = {"duration_s": segments[-1][1], "posture_s": posture, "sitting_bouts": {"count": 0},
               "lifts": {"count": 0}, "trunk_zones_s": {"0-20": 1000.0, "20-60": 0.0, ">60": 0.0},
               "trunk_exposure": {"valid_s": 1000.0}}
    (path / "summary.json").write_text(json.dumps(summary))
    return path


def _registered(tmp_path: Path, segments: list[tuple[float, float, str]], placement: str,
                reports: dict[str, dict[str, str]]) -> None:
    """Patient P001 with one session of ``segments`` (an imported ``placement`` file from
    2 March 2026 08:30 +01:00) and a report per file name (``write_report`` options)."""
    folder = _folder(tmp_path / "a", segments)
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                         start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors([placement]))
        for name, options in reports.items():
            write_report(rec, "P001", tmp_path / name, **options)


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def test_patient_chart_shares_are_of_the_worn_time(tmp_path: Path) -> None:
    # 20 min sitting, 20 min standing, 20 min not worn: "you sat 50 %"; the chart drew 33 %
    _registered(tmp_path, [(0, 1200, "sitting"), (1200, 2400, "non_wear"), (2400, 3600, "standing")], "pelvis",
                {"p.pdf": {"language": "nl", "audience": "patient"}})
    text = _text(tmp_path / "p.pdf")
    assert "U zat 50% van de gemeten tijd" in text
    assert text.count("50%") == 3, text  # the sentence and both bars (sitting, standing)
    assert "33%" not in text


def test_day_bars_name_not_worn_no_data_and_upright_still(tmp_path: Path) -> None:
    _registered(tmp_path, [(0, 600, "upright_still"), (600, 1200, "non_wear"), (1200, 1500, "no_data"), (1500, 2400, "walking")],
                "trunk", {"t.pdf": {"language": "nl"}, "p.pdf": {"language": "nl", "audience": "patient"}})
    therapist = " ".join(_text(tmp_path / "t.pdf").split())
    for word in ("niet gedragen", "geen gegevens", "rechtop, stil (zitten of staan)", "lopen"):
        assert word in therapist, word
    patient = " ".join(_text(tmp_path / "p.pdf").split())
    assert "rechtop, stil (zitten of staan)" in patient and "40%" in patient  # 600 of 1500 worn seconds


def test_a_recording_hardly_worn_says_so(tmp_path: Path) -> None:
    """Six hours on a desk with half a minute worn read 'U zat 0% van de gemeten tijd' and a chart of
    the worn half minute, with no word that the sensor was hardly worn."""
    _registered(tmp_path, [(0, 20, "sitting"), (20, 40, "standing"), (40, 21600, "non_wear")], "pelvis",
                {"p.pdf": {"language": "nl", "audience": "patient"}, "t.pdf": {"language": "en"}})
    patient = " ".join(_text(tmp_path / "p.pdf").split())
    assert "De sensor werd 40 seconden van de 6 uur opnametijd gedragen. Dat is weinig" in patient, patient
    therapist = " ".join(_text(tmp_path / "t.pdf").split())
    assert "Worn for 40 seconds of 6 h recorded: the figures describe that time only." in therapist


def test_the_sitting_share_is_named_for_its_denominator(tmp_path: Path) -> None:
    """sitting_pct is sitting / worn time but was named "share of recorded time" (and so exported
    to FHIR): 20 min sitting of 40 min worn in 60 min recorded is 50 %, not a share of 60 min."""
    from oefensense.record.measures import measure

    _registered(tmp_path, [(0, 1200, "sitting"), (1200, 2400, "non_wear"), (2400, 3600, "standing")], "pelvis",
                {"t.pdf": {"language": "nl"}})
    text = _text(tmp_path / "t.pdf")
    line = next(ln for ln in text.splitlines() if "Zitten, deel van de" in ln)  # the key figures
    assert "Zitten, deel van de gedragen tijd" in line and "50,0 %" in line, line
    assert (measure("sitting_pct").en, measure("sitting_pct").nl) == ("Sitting, share of worn time", "Zitten, deel van de gedragen tijd")
