"""Every figure of a days.csv row reaches the record and the exported day table: registration
kept 16 of the 25 (non-wear, no-data, transition and upright-still seconds, trunk 0-20°, bends and
breaks were dropped, so CODE-days could not be checked against its own sums)."""

from __future__ import annotations

from pathlib import Path

from oefensense.export import tables
from oefensense.io.period_tables import DAY_COLUMNS as CSV_COLUMNS
from oefensense.io.period_tables import FIGURES
from oefensense.record import Record, parse_start
from oefensense.record.days import DAY_COLUMNS
from oefensense.record.register import file_sensors, register_results
from tests.record.test_store import _results_folder


def test_every_days_csv_figure_is_kept_and_exported(tmp_path: Path) -> None:
    assert set(DAY_COLUMNS) == set(FIGURES)
    folder = _results_folder(tmp_path / "a")
    values = {c: (str(i + 1) if c != "valid_day" else "true") for i, c in enumerate(FIGURES)}
    rows = [{"date": "2026-03-02", "period": "all", **values},
            {"date": "2026-03-02", "period": "work", **{c: "0" for c in FIGURES}}]  # per-period rows are not day rows
    (folder / "days.csv").write_text(",".join(CSV_COLUMNS) + "\n"
                                     + "".join(",".join(r[c] for c in CSV_COLUMNS) + "\n" for r in rows))
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                         start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors(["trunk"]))
        [day] = rec.sessions("P001")[0].days
        exported = tables(rec, "P001")["days"].to_pylist()
    for i, c in enumerate(FIGURES):
        expected = True if c == "valid_day" else i + 1
        assert day[c] == expected, c
        assert exported[0][c] == expected, c
    assert day["non_wear_s"] == FIGURES.index("non_wear_s") + 1 and isinstance(day["bends"], int)
    assert exported[0]["simulated"] is False  # an imported file was measured, and its row says so


def test_days_from_a_timeline_leave_bends_and_breaks_empty(tmp_path: Path) -> None:
    folder = _results_folder(tmp_path / "a")
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                         start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors(["trunk"]))
        [day] = rec.sessions("P001")[0].days
    assert day["source"] == "timeline" and day["unknown_s"] == 20.0 and day["non_wear_s"] == 0.0
    assert day["trunk_0_20_s"] == 3000.0  # one day: the summary's exact figure
    assert all(day[c] is None for c in ("bends", "sitting_breaks", "bends_per_hour", "sitting_breaks_per_hour"))
