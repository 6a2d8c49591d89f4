"""The record's data-access layer on SQLite and PostgreSQL: schema from the migrations, patients,
sessions with day rows, assessments, goals, device ids and erasure."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from oefensense.core.patient import InvalidPatientCode
from oefensense.record import Record, RecordError, parse_start
from oefensense.record.models import Base
from oefensense.record.register import file_sensors, register_results


def _results_folder(path: Path, *, sitting_s: float = 600.0, duration_s: float = 3600.0, lifts: int = 2) -> Path:
    """A small but complete analysis folder (the files `analyze` writes)."""
    path.mkdir(parents=True)
    (path / "timeline.csv").write_text(
        "start_s,end_s,posture,confidence\n"
        f"0.00,20.00,unknown,0.50\n20.00,{20 + sitting_s:.2f},sitting,0.99\n{20 + sitting_s:.2f},{duration_s:.2f},standing,0.98\n")
    events = [{"type": "sitting_bout", "t_s": 20.0, "end_s": 20 + sitting_s, "duration_s": sitting_s}]
    events += [{"type": "lift", "t_s": 700.0 + 60 * i, "end_s": 703.0 + 60 * i, "technique": "squat" if i else "stoop"}
               for i in range(lifts)]
    (path / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events))
    # posture_s as the timeline has it (the report's time chart draws these: without standing it
    # showed 97 % sitting beside "you sat 17 % of the measured time")
    summary = {"duration_s": duration_s,
               "posture_s": {"sitting": sitting_s, "unknown": 20.0, "standing": duration_s - 20.0 - sitting_s},
               "sitting_bouts": {"count": 1, "longest_s": sitting_s, "prolonged_threshold_s": 1800.0},
               "lifts": {"count": lifts, "squat": max(lifts - 1, 0), "stoop": min(lifts, 1), "mixed": 0},
               "trunk_zones_s": {"0-20": 3000.0, "20-60": 400.0, ">60": 100.0},
               "trunk_exposure": {"valid_s": 3500.0}}
    (path / "summary.json").write_text(json.dumps(summary))
    return path


def test_schema_from_migrations_matches_the_models(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    rec = Record(database_url)
    with rec.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    rec.close()
    assert diff == []


def test_patients_sessions_days_and_assessments(database_url: str, tmp_path: Path) -> None:
    with Record(database_url) as rec:
        rec.add_patient("P001")
        with pytest.raises(RecordError, match="already exists"):
            rec.add_patient("P001")
        with pytest.raises(InvalidPatientCode):
            rec.add_patient("Jan Jansen")
        with pytest.raises(RecordError, match="unknown patient P002"):
            rec.sessions("P002")
        folder = _results_folder(tmp_path / "a")
        # starts 23:30 local: the hour crosses midnight, so the day rows split at local midnight
        info = register_results(rec, "P001", folder, kind="imported", source=tmp_path / "a.csv", source_owned=False,
                                start=parse_start("2026-03-02T23:30+01:00"), sensors=file_sensors(["trunk"]),
                                assessment="lifting")
        assert info.start.utc == datetime(2026, 3, 2, 22, 30, tzinfo=timezone.utc)
        assert info.start.tz_offset_min == 60
        assert [d["date"] for d in info.days] == [date(2026, 3, 2), date(2026, 3, 3)]
        assert info.days[0]["sitting_s"] == 600.0 and info.days[0]["wear_s"] == 1800.0 - 20.0
        assert info.days[1]["standing_s"] == 1800.0
        assert sum(d["lifts"] for d in info.days) == 2
        assert all(d["trunk_20_60_s"] is None for d in info.days)  # two days: no exact split
        assessments = rec.assessments("P001")
        assert assessments[0].kind == "lifting" and assessments[0].results == {"lift_count": 2.0, "lift_undetermined_count": 0.0,
                                                                                         "lift_squat_pct": 50.0}
        with pytest.raises(ValueError, match="outside the allowed range 0..10"):
            rec.add_assessment("P001", "intake", datetime.now(timezone.utc), {"nprs": 11})
        rec.add_assessment("P001", "intake", datetime(2026, 3, 1, tzinfo=timezone.utc), {"nprs": 6})
        assert [a.kind for a in rec.assessments("P001")] == ["intake", "lifting"]
        assert rec.session_for_results(folder).id == info.id
        assert rec.sessions("P001", start=date(2026, 3, 3)) == []
        assert rec.patients()[0].sessions == 1


def test_device_ids_are_salted_hashes(database_url: str) -> None:
    with Record(database_url) as rec:
        a = rec.device_id("polar:AA:BB:CC:DD:EE:FF")
        assert a == rec.device_id("polar:AA:BB:CC:DD:EE:FF") and a.startswith("dev-")
        assert "AA" not in a and a != rec.device_id("polar:AA:BB:CC:DD:EE:00")
    with Record(database_url) as rec:  # the salt is kept in the database
        assert rec.device_id("polar:AA:BB:CC:DD:EE:FF") == a


def test_erase_removes_rows_and_files(database_url: str, tmp_path: Path) -> None:
    with Record(database_url) as rec:
        for code in ("P001", "P002"):
            rec.add_patient(code)
        session_dir = tmp_path / "session1"
        session_dir.mkdir()
        kept_csv = tmp_path / "own.csv"
        kept_csv.write_text("x")
        a = _results_folder(tmp_path / "a")
        b = _results_folder(tmp_path / "b")
        other = _results_folder(tmp_path / "other")
        start = parse_start("2026-03-02T08:30+01:00")
        register_results(rec, "P001", a, kind="imported", source=kept_csv, source_owned=False, start=start,
                         sensors=file_sensors(["trunk"]))
        register_results(rec, "P001", b, kind="live", source=session_dir, source_owned=True, start=start,
                         sensors=file_sensors(["trunk"]), assessment="lifting")
        register_results(rec, "P002", other, kind="imported", source=kept_csv, source_owned=False, start=start,
                         sensors=file_sensors(["trunk"]))
        report = tmp_path / "r.pdf"
        report.write_bytes(b"%PDF")
        rec.add_document("P001", "report", report)
        rec.add_goal("P001", "Elk half uur opstaan")
        done = rec.erase("P001")
        assert done.rows == {"sessions": 2, "session_days": 2, "assessments": 1, "goals": 1, "documents": 1, "patients": 1}
        assert sorted(done.removed) == sorted(str(p.resolve()) for p in (a, b, session_dir, report))
        for p in (a, b, session_dir, report):
            assert not p.exists()
        assert kept_csv.exists() and done.kept[0][0] == str(kept_csv)
        assert not rec.has_patient("P001") and other.exists()
        assert [p.code for p in rec.patients()] == ["P002"] and len(rec.sessions("P002")) == 1


def test_default_sqlite_file_is_private(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("OEFENSENSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("OEFENSENSE_DATABASE", raising=False)
    with Record() as rec:
        rec.add_patient("P001")
    db = tmp_path / "data" / "record.sqlite"
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700
    monkeypatch.setenv("OEFENSENSE_DATABASE", f"sqlite:///{tmp_path / 'elsewhere.sqlite'}")
    with Record() as rec:
        assert rec.patients() == []
