"""The work and non-work rows of ``analyze --work-hours`` are kept in the record, so the therapist
sees work-time figures across sessions: registration dropped every row but ``period = all``, and
``patient show``, the report and the exports had no work figure at all."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.io.period_tables import DAY_COLUMNS as CSV_COLUMNS
from oefensense.io.period_tables import FIGURES
from oefensense.record import Record, parse_start
from oefensense.record.progress import session_figures
from oefensense.record.register import file_sensors, register_results
from tests.record.test_store import _results_folder

# (period, wear_s, sitting_s, sitting bouts of >= 30 min) on two weekdays
ROWS = [("2026-03-02", "all", 40000, 20000, 3), ("2026-03-02", "work", 28000, 14000, 2), ("2026-03-02", "non_work", 12000, 6000, 1),
        ("2026-03-03", "all", 40000, 16000, 1), ("2026-03-03", "work", 28000, 7000, 0), ("2026-03-03", "non_work", 12000, 9000, 1)]


def _with_days_csv(folder: Path) -> Path:
    lines = [",".join(CSV_COLUMNS)]
    for date, period, wear, sitting, bouts in ROWS:
        row = {c: "" for c in FIGURES} | {"date": date, "period": period, "wear_s": str(wear), "valid_day": "true",
                                           "sitting_s": str(sitting), "sitting_bouts_over_30min": str(bouts)}
        lines.append(",".join(row[c] for c in CSV_COLUMNS))
    (folder / "days.csv").write_text("\n".join(lines) + "\n")
    return folder


def test_work_rows_are_kept_shown_and_exported(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
        for i, folder in enumerate([_results_folder(tmp_path / "a"), _with_days_csv(_results_folder(tmp_path / "b"))]):
            register_results(rec, "P001", folder, kind="imported", source=tmp_path / f"{i}.csv", source_owned=False,
                             start=parse_start(f"2026-03-0{2 + 7 * i}T08:30+01:00"), sensors=file_sensors(["trunk"]))
        first, week = rec.sessions("P001")
    assert [d["period"] for d in week.days] == ["all", "all"]  # whole days as before
    assert [(d["period"], d["sitting_s"]) for d in week.work_days] == [("work", 14000), ("non_work", 6000),
                                                                       ("work", 7000), ("non_work", 9000)]
    figures = session_figures(week)
    assert figures["work_sitting_pct"] == 37.5  # 21000 of 56000 worn work seconds
    assert figures["work_long_sitting_bouts_per_day"] == 1.0  # 2 bouts over 2 work days
    assert session_figures(first)["work_sitting_pct"] is None  # no schedule: no figure, not 0

    db = ("--database", url)
    shown = CliRunner(env={"COLUMNS": "220"}).invoke(app, ["-L", "nl", "patient", "show", "P001", *db])
    assert shown.exit_code == 0, shown.output
    line = next(ln for ln in shown.output.splitlines() if "Zitten op het werk, deel van de gedragen werktijd" in ln)
    assert "37,5" in line and "–" in line, line

    out = CliRunner().invoke(app, ["export", "P001", "--format", "csv", "--out", str(tmp_path / "x"), *db])
    assert out.exit_code == 0, out.output
    with open(tmp_path / "x" / "P001-days.csv", newline="") as fh:
        days = [(r["session_id"], r["date"], r["period"], r["sitting_s"]) for r in csv.DictReader(fh)]
    assert ("2", "2026-03-03", "work", "7000") in days and ("2", "2026-03-02", "non_work", "6000") in days
    assert [p for s, _, p, _ in days if s == "1"] == ["all"]


def test_a_record_from_before_keeps_its_days_as_whole_days(tmp_path: Path) -> None:
    """Migration 0004 adds ``period`` to rows stored before it: they are ``all`` rows."""
    import sqlalchemy as sa
    from alembic import command

    from oefensense.record.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", _results_folder(tmp_path / "a"), kind="imported", source=tmp_path / "x.csv",
                         source_owned=False, start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors(["trunk"]))
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0003")
    with engine.connect() as c:
        assert "period" not in [col["name"] for col in sa.inspect(c).get_columns("session_days")]
    engine.dispose()
    with Record(url) as rec:  # upgraded on open
        [day] = rec.sessions("P001")[0].days
    assert day["period"] == "all" and day["sitting_s"] == 600.0


def test_show_and_report_give_each_figure_with_its_decimals_and_whole_name(tmp_path: Path) -> None:
    """patient show printed lifts' change as '+96,0' beside the report's '+96', a figure as '5'
    in one column and '7,3' in the next, a two-day session as '2880 min' (the report: '48,0 uur'); the Dutch key figure 'Zitperiodes van 30 min of langer
    op het werk per werkdag' was cut to '... per wer…' in the report."""
    import shutil
    import subprocess

    import pytest

    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
        for i, lifts in enumerate((2, 5)):
            folder = _with_days_csv(_results_folder(tmp_path / f"s{i}", lifts=lifts, duration_s=3600.0 + 169200.0 * i))
            register_results(rec, "P001", folder, kind="imported", source=tmp_path / f"{i}.csv", source_owned=False,
                             start=parse_start(f"2026-03-0{2 + 7 * i}T08:30+01:00"), sensors=file_sensors(["trunk"]))
    db = ("--database", url)
    shown = CliRunner(env={"COLUMNS": "220"}).invoke(app, ["-L", "nl", "patient", "show", "P001", *db])
    assert shown.exit_code == 0, shown.output
    rows = {ln.split("│")[1].strip(): [c.strip() for c in ln.split("│")[2:-1]] for ln in shown.output.splitlines()
            if ln.startswith("│") and ln.count("│") == 5}
    assert rows["Tilbewegingen, hele sessie"] == ["2", "5", "+3"], rows
    durations = [ln.split("│")[5].strip() for ln in shown.output.splitlines() if ln.startswith("│ 1 ") or ln.startswith("│ 2 ")]
    assert durations == ["60,0 min", "48 uur"], durations  # as the report words them ("2880 min", then "48,0 uur")
    assert rows["Zitperiodes van 30 min of langer op het werk per dag (/dag)"] == ["1,0", "1,0", "0,0 /dag"], rows  # no sign on zero (1c8ee83)
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")
    assert CliRunner().invoke(app, ["report", "P001", "--out", str(tmp_path / "r.pdf"), "-L", "nl", *db]).exit_code == 0
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Zitperiodes van 30 min of langer op het werk per dag" in text and "…" not in text.split("Kerncijfers")[1][:3000]
