"""A record database that cannot be written (read-only, locked by another program): one line
saying so, and no report or export file is left behind that the record (and so erasure) does
not know of. Before, the PDF and the tables were written and then the record refused the row:
'unexpected OperationalError: ... [SQL: INSERT INTO documents ...] [parameters: ...]'."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from oefensense.record import Record, RecordError, parse_start
from oefensense.record.register import file_sensors, register_results
from tests.record.test_flow import fail
from tests.record.test_store import _results_folder


@pytest.fixture
def record_file(tmp_path: Path) -> Path:
    db = tmp_path / "record.sqlite"
    with Record(f"sqlite:///{db}") as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", _results_folder(tmp_path / "a"), kind="imported", source=tmp_path / "x.csv",
                         source_owned=False, start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors(["trunk"]))
    return db


def test_read_only_record(record_file: Path, tmp_path: Path) -> None:
    url = f"sqlite:///file:{record_file}?mode=ro&uri=true"  # opens the record read-only (as a read-only file does)
    with Record(url) as rec:
        assert [s.id for s in rec.sessions("P001")] == [1]  # reading works
        with pytest.raises(RecordError, match="is read-only: nothing was changed"):
            rec.add_patient("P002")
    for args, written in ((("report", "P001", "--out", tmp_path / "r.pdf"), tmp_path / "r.pdf"),
                          (("export", "P001", "--format", "csv", "--out", tmp_path / "t"), tmp_path / "t"),
                          (("export", "P001", "--format", "fhir", "--out", tmp_path / "b.json"), tmp_path / "b.json"),
                          (("patient", "assess", "P001", "--result", "nprs=3"), None)):
        out = fail(*args, "--database", url)
        assert "read-only: nothing was changed" in out and "SQL" not in out and "unexpected" not in out, out
        assert written is None or not written.exists(), written
    assert not list(tmp_path.glob("*.part"))


def test_locked_record(record_file: Path, tmp_path: Path) -> None:
    holder = sqlite3.connect(record_file, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program writing
    try:
        out = fail("report", "P001", "--out", tmp_path / "r.pdf", "--database", f"sqlite:///{record_file}?timeout=0.2")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked by another program" in out and not (tmp_path / "r.pdf").exists(), out


def test_export_of_an_unknown_patient_leaves_no_folder(record_file: Path, tmp_path: Path) -> None:
    assert "unknown patient P077" in fail("export", "P077", "--format", "csv", "--out", tmp_path / "t",
                                          "--database", f"sqlite:///{record_file}")
    assert not (tmp_path / "t").exists()


def test_analyze_and_assess_stop_before_their_work(record_file: Path, tmp_path: Path, bundled_halves) -> None:
    """'analyze --patient' on a read-only record analysed the whole recording and then failed to
    register it, leaving a results folder of the patient that the record does not know."""
    url = f"sqlite:///file:{record_file}?mode=ro&uri=true"
    first, _ = bundled_halves
    out = fail("analyze", first, "--out", tmp_path / "w", "--patient", "P001", "--start", "2026-03-02T08:30+01:00",
               "-q", "--database", url)
    assert "read-only: nothing was changed" in out and not (tmp_path / "w").exists(), out
    out = fail("assess", "tug", "--simulate", "polar=pelvis", "--speed", "20", "--patient", "P001", "--database", url)
    assert "read-only: nothing was changed" in out and "Sit with your back" not in out and "Ready?" not in out, out


def test_patient_assess_refuses_what_is_not_a_result(record_file: Path) -> None:
    """'--result lifts=3' (a session figure) was stored as an entered score and exported as one;
    '--date gisteren' said "Invalid isoformat string: 'gisteren'"."""
    db = ("--database", f"sqlite:///{record_file}")
    out = fail("patient", "assess", "P001", "--result", "lifts=3", *db)
    assert "'lifts' is not an assessment result; use one of:" in out and "nprs" in out and "recorded_h" not in out, out
    out = fail("patient", "assess", "P001", "--result", "nprs=3", "--date", "gisteren", *db)
    assert "--date 'gisteren': give a date (2026-03-02) or a date-time" in out, out
    with Record(f"sqlite:///{record_file}") as rec:
        assert rec.assessments("P001") == []
