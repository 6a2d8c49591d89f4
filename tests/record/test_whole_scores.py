"""NPRS and PSK are given in whole points (0-10) and read "6,0" in `patient show` and in the
therapist's report; a whole score is now shown as the patient gave it, and a fractional one the
record accepts (6.5) keeps its decimal."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.record.test_flow import run


def _record(tmp_path: Path) -> tuple[str, ...]:
    from oefensense.record import Record
    from oefensense.record.register import file_sensors, register_results
    from oefensense.record.results import parse_start
    from tests.record.test_store import _results_folder

    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    db = ("--database", url)
    with Record(url) as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", _results_folder(tmp_path / "s"), kind="imported", source=tmp_path / "x.csv",
                         source_owned=False, start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors(["trunk"]))
    run("patient", "assess", "P001", "--result", "nprs=6", "--result", "psk=7", "--date", "2026-03-02", *db)
    run("patient", "assess", "P001", "--result", "nprs=4.5", "--result", "psk=0", "--date", "2026-03-09", "--kind", "re-test", *db)
    return db


@pytest.mark.parametrize("language", ["nl", "en"])
def test_patient_show_gives_the_scores_as_given(tmp_path: Path, language: str) -> None:
    db = _record(tmp_path)
    from typer.testing import CliRunner

    from oefensense.cli import app

    res = CliRunner().invoke(app, ["--language", language, "patient", "show", "P001", *db], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    shown = res.output
    pain, psk = ("Pijn, numerieke schaal 0-10", "Patiëntspecifieke klachten 0-10") if language == "nl" else \
        ("Pain, numeric rating 0-10", "Patient-specific complaints 0-10")
    point = "," if language == "nl" else r"\."
    # "name: value": "Pain, numeric rating 0-10 6" read as a range of 0-10 6
    assert re.search(rf"{re.escape(pain)}: 6\b(?!{point})", shown), shown
    assert re.search(rf"{re.escape(psk)}: 7\b(?!{point})", shown), shown
    assert re.search(rf"{re.escape(psk)}: 0\b(?!{point})", shown), shown
    assert re.search(rf"{re.escape(pain)}: 4{point}5", shown), shown  # a fractional score is not rounded away


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_the_therapists_report_gives_the_scores_as_given(tmp_path: Path) -> None:
    db = _record(tmp_path)
    pdf = tmp_path / "r.pdf"
    run("report", "P001", "--out", pdf, "--language", "nl", "--for", "therapist", *db)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Pijn, numerieke schaal 0-10: 6," in text or "Pijn, numerieke schaal 0-10: 6 " in text, text
    assert "Patiëntspecifieke klachten 0-10: 7" in text and "7,0" not in text and "6,0" not in text, text
    assert "Pijn, numerieke schaal 0-10: 4,5" in text, text


def test_exports_give_a_whole_score_as_an_integer_and_a_fractional_one_exact(tmp_path: Path) -> None:
    """FHIR gave NPRS and PSK as ``valueQuantity`` 6.0; the Dutch pain score profile (Nictiz
    nl-core-PainScore) carries an integer 0-10 as ``valueInteger``. A fractional score the record
    accepted stays a ``valueQuantity`` 4.5; the CSV table reads 6, not 6.0."""
    import csv
    import json

    from fhir.resources.R4B.bundle import Bundle

    db = _record(tmp_path)
    run("export", "P001", "--format", "fhir", "--out", tmp_path / "b.json", *db)
    doc = json.loads((tmp_path / "b.json").read_text())
    Bundle.model_validate(doc)
    scores = [(r["code"]["text"], {k: v for k, v in r.items() if k.startswith("value")}) for r in
              (e["resource"] for e in doc["entry"]) if r["resourceType"] == "Observation" and "0-10" in r["code"]["text"]]
    pain, psk = "Pain, numeric rating 0-10", "Patient-specific complaints 0-10"
    assert scores[0] == (pain, {"valueInteger": 6}) and scores[1] == (psk, {"valueInteger": 7}), scores
    assert scores[3] == (psk, {"valueInteger": 0}), scores
    assert scores[2][0] == pain and scores[2][1]["valueQuantity"]["value"] == 4.5, scores
    run("export", "P001", "--format", "csv", "--out", tmp_path / "c", *db)
    with open(tmp_path / "c" / "P001-assessments.csv", newline="") as f:
        values = [(r["code"], r["value"]) for r in csv.DictReader(f)]
    assert values == [("nprs", "6"), ("psk", "7"), ("nprs", "4.5"), ("psk", "0")], values


def test_a_dutch_decimal_comma_is_taken_and_a_refused_score_reads_as_typed(tmp_path: Path) -> None:
    """`patient assess P --result psk=6,5` (a Dutch therapist's decimal comma) stopped with "the
    value is not a number", and `nprs=13` was refused as "nprs=13.0: buiten het toegestane
    bereik 0..10" (care walk-through, 5 Dec 2026)."""
    from typer.testing import CliRunner

    from oefensense.cli import app
    from oefensense.record import Record

    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
    runner = CliRunner()
    res = runner.invoke(app, ["--language", "nl", "patient", "assess", "P001", "--result", "psk=6,5", "--database", url],
                        env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "psk 6,5" in res.output, res.output
    with Record(url) as rec:
        assert rec.assessments("P001")[0].results == {"psk": 6.5}
    res = runner.invoke(app, ["--language", "nl", "patient", "assess", "P001", "--result", "nprs=13", "--database", url],
                        env={"COLUMNS": "200"})
    assert res.exit_code == 1, res.output
    assert "nprs=13: buiten het toegestane bereik 0..10" in res.output, res.output
    res = runner.invoke(app, ["patient", "assess", "P001", "--result", "nprs=6,5,1", "--database", url])
    assert res.exit_code == 1 and "not a number" in res.output, res.output
