"""One file, one patient: a report written with the same --out for two patients was overwritten
and listed as a document of both, so erasing one patient deleted the other's report."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.record import Record, RecordError
from oefensense.record import models


def test_another_patients_document_is_not_overwritten(database_url: str, tmp_path: Path) -> None:
    report = tmp_path / "report.pdf"
    with Record(database_url) as rec:
        for code in ("P001", "P002"):
            rec.add_patient(code)
        rec.add_document("P001", "report", report)
        report.write_bytes(b"%PDF P001")
        rec.add_document("P001", "report", report)  # the same patient's again: fine
        with pytest.raises(RecordError, match="is a report of patient P001: not overwritten with one of P002"):
            rec.add_document("P002", "report", report)
        assert report.read_bytes() == b"%PDF P001"
        report.unlink()  # gone: the registration moves to the patient it is written for now
        rec.add_document("P002", "report", report)
        report.write_bytes(b"%PDF P002")
        assert rec.erase("P001").removed == [] and report.exists()
        assert rec.erase("P002").removed == [str(report.resolve())]


def test_a_file_both_patients_already_hold_is_kept_on_erasure(tmp_path: Path) -> None:
    # a record written before the refusal: erasing one patient leaves the other's file
    from sqlalchemy.orm import Session as DbSession

    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF")
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        for code in ("P001", "P002"):
            rec.add_patient(code)
        rec.add_document("P001", "report", report)
        with DbSession(rec.engine) as db, db.begin():
            p2 = db.query(models.Patient).filter_by(code="P002").one()
            db.add(models.Document(patient_id=p2.id, kind="report", path=str(report.resolve()),
                                   created_utc=datetime.now(timezone.utc)))
        done = rec.erase("P001")
        assert done.removed == [] and done.kept == [(str(report.resolve()), "also a document of another patient: not removed")]
        assert report.exists()


def test_export_cli_refuses_in_one_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    out = tmp_path / "same.json"
    runner = CliRunner(env={"COLUMNS": "200"})
    with Record(db) as rec:
        for code in ("P001", "P002"):
            rec.add_patient(code)
        rec.add_document("P001", "export", out)
    out.write_bytes(b"{} P001")
    res = runner.invoke(app, ["export", "P002", "--format", "fhir", "--out", str(out), "--database", db])
    assert res.exit_code != 0 and out.read_bytes() == b"{} P001"
    assert res.stderr.strip().startswith("error:") and "P001" in res.stderr and len(res.stderr.strip().splitlines()) == 1
