"""A change in a share (a figure in %) is in percentage points: sitting 10 % of the worn time,
then 6 %, read "verandering -4,0 %" in `patient show` and "-4,0 % beter" in the therapist's
report, which a reader takes as 4 % less sitting (relative), not 4 points of the worn time."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.record import Record, parse_start
from oefensense.record.measures import measure
from oefensense.record.register import file_sensors, register_results
from oefensense.reports import write_report
from tests.record.test_store import _results_folder


def _record(tmp_path: Path) -> str:
    """Two sessions of 1 h worn (20 s unknown posture is not worn): sitting 360 s, then 216 s,
    10.0 % and 6.0 % of the worn time; the trunk zones alike (a change of 0 points)."""
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P007")
        for i, sitting in enumerate((360.0, 216.0)):
            folder = _results_folder(tmp_path / f"s{i}", sitting_s=sitting, duration_s=3620.0)
            register_results(rec, "P007", folder, kind="imported", source=tmp_path / f"{i}.csv", source_owned=False,
                             start=parse_start(f"2026-03-0{2 + i}T08:30+01:00"), sensors=file_sensors(["trunk"]))
    return url


def test_a_share_changes_in_percentage_points_other_figures_in_their_unit() -> None:
    assert [measure("sitting_pct").change_unit(lang) for lang in ("nl", "en")] == ["%-punt", "pp"]
    assert measure("sitting_h_per_day").change_unit("nl") == "u/dag"  # not a share: its own unit, in Dutch
    assert measure("sitting_h_per_day").change_unit("en") == "h/d"
    assert measure("trunk_flexion_deg").change_unit("en") == "°"


def test_patient_show_says_percentage_points(tmp_path: Path) -> None:
    url = _record(tmp_path)
    for lang, row in (("nl", "Zitten, deel van de gedragen tijd (%)"),
                      ("en", "Sitting, share of worn time (%)")):
        res = CliRunner().invoke(app, ["--language", lang, "patient", "show", "P007", "--database", url],
                                 env={"COLUMNS": "200"})
        assert res.exit_code == 0, res.output
        line = next(x for x in res.output.splitlines() if row in x)
        change = line.split("│")[-2].strip()
        assert change == {"nl": "-4,0 %-punt", "en": "-4.0 pp"}[lang], line
        assert "-4,0 %" not in line.replace("%-punt", "") and "-4.0 %" not in line, line
        # a figure that is not a share keeps its unit
        units = {"nl": ("(u/dag)", "(/dag)"), "en": ("(h/d)", "(/d)")}[lang]
        assert any(u in x for x in res.output.splitlines() for u in units), res.output


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_the_therapist_report_says_percentage_points(tmp_path: Path) -> None:
    url = _record(tmp_path)
    with Record(url) as rec:
        for lang, sitting, trunk in (
                ("nl", "Zitten, deel van de gedragen tijd 6,0 % 10,0 % -4,0 %-punt beter",
                 "Romp 20-60° gebogen (deel van meettijd) 11,4 % 11,4 % 0,0 %-punt gelijk"),
                ("en", "Sitting, share of worn time 6.0 % 10.0 % -4.0 pp better",
                 "Trunk bent 20-60° (share of measured time) 11.4 % 11.4 % 0.0 pp unchanged")):
            pdf = tmp_path / f"t-{lang}.pdf"
            write_report(rec, "P007", pdf, audience="therapist", language=lang)
            text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                           text=True).stdout.split())
            assert sitting in text and trunk in text, text
            assert "-4,0 % beter" not in text and "-4.0 % better" not in text, text
