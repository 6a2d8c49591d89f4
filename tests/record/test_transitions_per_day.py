"""Standing up and sitting down per day in the record ("opstaan per dag"): the record's day rows
(session_days, migration 0006) and its day export carry ``sit_to_stand_count`` and
``stand_to_sit_count``, from a ``days.csv`` as written and, without one, from the events; a
record from before keeps its rows, with the counts not known (NULL), not 0."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from oefensense.export.tables import write_tables
from oefensense.record import Record, parse_start
from oefensense.record.register import file_sensors, register_results


def _folder(path: Path) -> Path:
    """Two local days (Amsterdam, from Mon 2 March 2026 22:00): standing and sitting in turns,
    3 stand-ups and 3 sit-downs before midnight, 2 and 1 after it."""
    path.mkdir(parents=True)
    (path / "timeline.csv").write_text("start_s,end_s,posture,confidence\n0.00,14400.00,standing,0.99\n")
    sit_down = [600.0, 1800.0, 3000.0, 7300.0]  # seconds since 22:00; midnight is at 7200 s
    stand_up = [1200.0, 2400.0, 3600.0, 7500.0, 9000.0]
    events = ([{"type": "stand_to_sit", "t_s": t, "end_s": t + 2.0} for t in sit_down]
              + [{"type": "sit_to_stand", "t_s": t, "end_s": t + 2.0} for t in stand_up])
    (path / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in sorted(events, key=lambda e: e["t_s"])))
    summary = {"duration_s": 14400.0, "posture_s": {"standing": 14400.0}, "sitting_bouts": {"count": 0},
               "sit_to_stand_count": 5, "transitions": {"sit_to_stand": 5, "stand_to_sit": 4}}
    (path / "summary.json").write_text(json.dumps(summary))
    return path


def _register(rec: Record, folder: Path, tmp_path: Path) -> None:
    register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                     start=parse_start("2026-03-02T22:00+01:00"), sensors=file_sensors(["pelvis"]))


def stored_before_0006(tmp_path: Path) -> str:
    """A record (its SQLAlchemy URL) with P001's session of :func:`_folder` stored, then taken
    back to migration 0005: its day rows lose their transition counts, as a record written
    before 4 Dec 2026. The next ``Record(url)`` upgrades it; the counts stay NULL."""
    import sqlalchemy as sa
    from alembic import command

    from oefensense.record.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
        _register(rec, _folder(tmp_path / "a"), tmp_path)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0005")
    engine.dispose()
    return url


def test_the_record_and_its_day_export_keep_transitions_per_day(tmp_path: Path) -> None:
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        _register(rec, _folder(tmp_path / "a"), tmp_path)
        days = rec.sessions("P001")[0].days
        assert [(str(d["date"]), d["sit_to_stand_count"], d["stand_to_sit_count"]) for d in days] == [
            ("2026-03-02", 3, 3), ("2026-03-03", 2, 1)]
        # the days add up to the recording's totals
        assert sum(d["sit_to_stand_count"] for d in days) == 5 and sum(d["stand_to_sit_count"] for d in days) == 4
        write_tables(rec, "P001", tmp_path / "export", "csv")
    with open(tmp_path / "export" / "P001-days.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["sit_to_stand_count"], r["stand_to_sit_count"]) for r in rows] == [("3", "3"), ("2", "1")]


def test_a_days_csv_row_is_kept_as_written(tmp_path: Path) -> None:
    from oefensense.io.period_tables import DAY_COLUMNS, FIGURES

    folder = _folder(tmp_path / "a")
    values = {c: "0" for c in FIGURES} | {"valid_day": "false", "sit_to_stand_count": "7", "stand_to_sit_count": "6"}
    row = {"date": "2026-03-02", "period": "all", **values}
    (folder / "days.csv").write_text(",".join(DAY_COLUMNS) + "\n" + ",".join(row[c] for c in DAY_COLUMNS) + "\n")
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        _register(rec, folder, tmp_path)
        [day] = rec.sessions("P001")[0].days
    assert (day["source"], day["sit_to_stand_count"], day["stand_to_sit_count"]) == ("days.csv", 7, 6)


def test_a_record_from_before_migration_0006_keeps_its_days_with_the_counts_unknown(tmp_path: Path) -> None:
    import sqlalchemy as sa

    url = stored_before_0006(tmp_path)
    engine = sa.create_engine(url)
    with engine.connect() as c:
        assert "sit_to_stand_count" not in [col["name"] for col in sa.inspect(c).get_columns("session_days")]
    engine.dispose()
    with Record(url) as rec:  # upgraded on open
        days = rec.sessions("P001")[0].days
    assert [(d["sitting_s"] is not None, d["sit_to_stand_count"], d["stand_to_sit_count"]) for d in days] == [
        (True, None, None), (True, None, None)]
