"""Two recordings of one patient that share clock time (the same hours imported twice, or two
files of a week that overlap) are flagged, never silently double counted: each session keeps its
own figures, the record, the CLI and the therapist's report say what overlaps."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.record import Record
from oefensense.record.store import flag_overlaps

T0 = datetime(2026, 3, 2, 7, 30, tzinfo=timezone.utc)


def test_flag_overlaps_counts_the_shared_seconds_only():
    others = [(1, T0, 3600.0), (2, T0 + timedelta(hours=2), 600.0), (3, T0 - timedelta(hours=1), 3600.0)]
    q = flag_overlaps({"gaps": 0}, T0 + timedelta(minutes=30), 3600.0, others)
    assert q["overlaps"] == [{"session_id": 1, "overlap_s": 1800.0}]  # 2 starts after it ends, 3 ends at its start
    assert q["gaps"] == 0 and len(q["warnings"]) == 1 and "session 1" in q["warnings"][0]
    assert flag_overlaps({"gaps": 0}, T0 + timedelta(hours=3), 60.0, others) == {"gaps": 0}


def run(*args: str | Path) -> str:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_overlapping_recordings_of_one_patient_are_flagged(database_url: str, bundled_halves, tmp_path: Path):
    first, second = bundled_halves  # 0-150 s and 90-240 s of one recording
    db = ("--database", database_url)
    run("patient", "add", "P001", *db)
    out1 = run("analyze", first, "--out", tmp_path / "a", "--patient", "P001", "--start", "2026-03-02T08:30+01:00",
               "-q", *db)
    assert "warning" not in out1
    # the second file starts 90 s into the first's 150 s: 60 s recorded twice
    out2 = run("analyze", second, "--out", tmp_path / "b", "--patient", "P001", "--start", "2026-03-02T08:31:30+01:00",
               "-q", *db)
    assert "shares 60 s of clock time with session 1 of P001" in out2
    with Record(database_url) as rec:
        s1, s2 = rec.sessions("P001")
    assert "overlaps" not in s1.quality
    assert s2.quality["overlaps"] == [{"session_id": 1, "overlap_s": 60.0}]
    assert s1.summary["duration_s"] > 140 and s2.summary["duration_s"] > 140  # nothing dropped or merged
    run("report", "P001", "--session", str(s2.id), "--out", tmp_path / "r.pdf", "--language", "en", *db)
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "Shares 1.0 min of clock time with session 1" in " ".join(text.split())
