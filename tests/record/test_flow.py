"""The issue's "done when", through the real CLI on SQLite and on PostgreSQL: a patient, two
analyses on different days, a Dutch PDF report with both dates, a plot and the change, a FHIR
Bundle that validates, tables, and erasure."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from oefensense.cli import app

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) not installed")


def run(*args: str) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def fail(*args: str) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 1, result.output
    return result.output


def pdf_pages(pdf: Path, out: Path) -> tuple[list[str], list[np.ndarray]]:
    """Each page's text (pdftotext) and image (pdftoppm, 50 dpi)."""
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(out / "page")], check=True)
    images = [np.asarray(Image.open(p).convert("RGB")) for p in sorted(out.glob("page-*.png"))]
    texts = [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"], check=True,
                            capture_output=True, text=True).stdout for i in range(1, len(images) + 1)]
    return texts, images


def colour_pixels(image: np.ndarray, hex_colour: str) -> int:
    rgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(image.astype(int) - rgb).sum(axis=2) < 30).sum())


def test_patient_two_sessions_report_export_erase(database_url: str, bundled_halves, tmp_path: Path) -> None:
    first, second = bundled_halves
    db = ("--database", database_url)
    run("patient", "add", "P001", *db)
    assert "unknown patient P002" in fail("analyze", first, "--out", tmp_path / "x", "--patient", "P002",
                                          "--start", "2026-03-02T08:30+01:00", *db)
    assert "no clock time" in fail("analyze", first, "--out", tmp_path / "x", "--patient", "P001", *db)
    run("analyze", first, "--out", tmp_path / "w1", "--patient", "P001", "--start", "2026-03-02T08:30+01:00", "-q", *db)
    run("analyze", second, "--out", tmp_path / "w2", "--patient", "P001", "--start", "2026-03-09T09:15+01:00",
        "--assessment", "sit_to_stand", "-q", *db)
    assert "holds the results of session 1" in fail("analyze", first, "--out", tmp_path / "w1", "--patient", "P001",
                                                    "--start", "2026-03-16T08:30+01:00", *db)
    run("patient", "assess", "P001", "--result", "nprs=6", "--date", "2026-03-02", *db)
    run("patient", "goal", "P001", "Elk half uur even opstaan", *db)
    shown = run("patient", "show", "P001", *db)
    assert "02-03-2026" in shown and "09-03-2026" in shown and "Sitting, share of worn time" in shown

    report = tmp_path / "r.pdf"
    out = run("report", "P001", "--out", report, "--language", "nl", *db)
    assert "pagina's" in out  # the command's --language speaks for the whole command
    texts, images = pdf_pages(report, tmp_path)
    assert len(texts) >= 2
    everything = "\n".join(texts)
    for expected in ("P001", "2 maart 2026", "9 maart 2026", "Verandering", "Kerncijfers", "Houding per dag"):
        assert expected in everything, expected
    assert colour_pixels(images[1], "#E69F00") > 50  # the posture timeline draws sitting in orange
    assert re.search(r"^\s*bekken\s+csv import", texts[0], flags=re.M), texts[0]  # the sensor's place in Dutch, not "pelvis"
    # the change column holds a number and a word (the two halves differ)
    change_lines = [ln for ln in texts[0].splitlines() if "Zitten, deel van de gedragen tijd" in ln]
    assert change_lines and ("beter" in change_lines[0] or "slechter" in change_lines[0] or "gelijk" in change_lines[0])

    patient_pdf = tmp_path / "p.pdf"
    run("report", "P001", "--out", patient_pdf, "--for", "patient", "--language", "nl", *db)
    ptexts, _ = pdf_pages(patient_pdf, tmp_path / "p")
    assert "Uw beweegverslag" in ptexts[0] and "U zat" in ptexts[0] and "Elk half uur even opstaan" in ptexts[0]

    bundle_path = tmp_path / "b.json"
    run("export", "P001", "--format", "fhir", "--out", bundle_path, *db)
    from fhir.resources.R4B.bundle import Bundle

    doc = json.loads(bundle_path.read_text())
    bundle = Bundle.model_validate(doc)
    kinds = [e.resource.get_resource_type() for e in bundle.entry]
    assert kinds.count("Patient") == 1 and "Observation" in kinds
    patient = doc["entry"][0]["resource"]
    assert set(patient) == {"resourceType", "id", "identifier"}  # a pseudonymous identifier only
    codes = {c["code"] for e in doc["entry"] if e["resource"]["resourceType"] == "Observation"
             for c in e["resource"]["code"]["coding"]}
    assert "72514-3" in codes and "sitting_pct" in codes

    run("export", "P001", "--format", "csv", "--out", tmp_path / "tables", *db)
    sessions_csv = (tmp_path / "tables" / "P001-sessions.csv").read_text().splitlines()
    assert len(sessions_csv) == 3 and "2026-03-09T09:15:00+01:00" in sessions_csv[2]

    erased = run("patient", "erase", "P001", "--yes", *db)
    assert "2 sessions" in erased and "1 patient," not in erased and "1 patient" in erased  # was "1 patients"
    for path in (tmp_path / "w1" / "first", report, bundle_path, tmp_path / "tables" / "P001-days.csv"):
        assert not path.exists(), path
    assert first.exists()  # the user's own file is listed, not deleted
    assert "P001" not in run("patient", "list", *db)


def test_report_refuses_changed_results(database_url: str, bundled_halves, tmp_path: Path) -> None:
    first, _ = bundled_halves
    db = ("--database", database_url)
    run("patient", "add", "P002", *db)
    assert "has no sessions yet" in fail("report", "P002", "--out", tmp_path / "r.pdf", *db)
    run("analyze", first, "--out", tmp_path / "w", "--patient", "P002", "--start", "2026-03-02T08:30+01:00", "-q", *db)
    [folder] = (tmp_path / "w").iterdir()  # named CODE-<digest>, never after the input file
    assert folder.name.startswith("P002-") and "first" not in folder.name
    (folder / "summary.json").write_text("{}")
    assert "results changed since they were registered" in fail("report", "P002", "--out", tmp_path / "r.pdf", *db)
    assert not (tmp_path / "r.pdf").exists()
