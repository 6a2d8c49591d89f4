"""``oefensense batch --starts starts.csv``: plain CSVs get clock time and day tables in a batch.

Before, a plain CSV had no clock time in a batch (no ``--start`` per file), so a cohort of CSV
recordings had no ``days.csv`` at all; only ``oefensense analyze FILE --start`` could give one,
one file at a time. A row that names no input, a start that does not parse or a file listed twice
stops the batch with one line (a typo would otherwise leave a participant without day tables
while the batch reports success).
"""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from oefensense.batch import StartsError, run_batch
from oefensense.batch.job import MARKER, result_dir
from oefensense.cli import app

from .conftest import make_cohort

P1 = "cohort/p1/day1.pelvis.csv.gz"
P2 = "cohort/p2/day1.pelvis.csv"


@pytest.fixture
def csvs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_cohort(tmp_path)
    return [P1, P2]


def _starts(tmp_path, text: str):
    path = tmp_path / "starts.csv"
    path.write_text(text)
    return path


def test_listed_csvs_get_clock_time_and_day_rows(csvs, tmp_path):
    starts = _starts(tmp_path, f"file,start\n{P1},2026-03-02T23:59:00+01:00\n{tmp_path / P2},2026-03-03T08:30:00\n")
    report = run_batch(csvs, tmp_path / "out", jobs=1, tz="Europe/Amsterdam", starts=starts)
    assert sorted(report.done) == sorted(csvs) and report.days_missing == []
    days = pq.read_table(tmp_path / "out" / "days.parquet").to_pylist()
    # p1 starts a minute before midnight: its 4 minutes are two calendar days; p2 one
    assert sorted((d["input"], str(d["date"])) for d in days) == [
        (P1, "2026-03-02"), (P1, "2026-03-03"), (P2, "2026-03-03")]
    marker = json.loads((result_dir(tmp_path / "out", P2) / MARKER).read_text())
    assert marker["start"].endswith("Europe/Amsterdam")


def test_a_changed_start_analyses_the_input_again(csvs, tmp_path):
    out = tmp_path / "out"
    run_batch([P1], out, jobs=1, starts=_starts(tmp_path, f"file,start\n{P1},2026-03-02T08:00:00+01:00\n"))
    again = run_batch([P1], out, jobs=1, starts=_starts(tmp_path, f"file,start\n{P1},2026-03-02T08:00:00+01:00\n"))
    assert again.skipped == [P1]
    moved = run_batch([P1], out, jobs=1, starts=_starts(tmp_path, f"file,start\n{P1},2026-03-09T08:00:00+01:00\n"))
    assert moved.done == [P1]
    dates = {str(d["date"]) for d in pq.read_table(out / "days.parquet").to_pylist()}
    assert dates == {"2026-03-09"}
    plain = run_batch([P1], out, jobs=1)  # without --starts: a result with clock time is not "finished"
    assert plain.done == [P1] and plain.days_missing == [P1]


@pytest.mark.parametrize("text, message", [
    ("file,begin\n", "the first line must name the columns file,start (found file,begin)"),
    (f"file,start\n{P1},2026-03-02T08:00:00+01:00\ncohort/p3.csv,2026-03-02T08:00:00+01:00\n",
     "line 3: cohort/p3.csv is not an input of this batch"),
    (f"file,start\n{P1},2026-03-02T08:00:00+01:00\n./{P1},2026-03-02T09:00:00+01:00\n",
     f"line 3: ./{P1} has a start already (line 2)"),
    (f"file,start\n{P1},2 March 2026\n", "line 2: --start '2 March 2026': not an ISO 8601 date-time"),
    (f"file,start\n{P1},2026-03-02T08:00:00\n", "line 2: --start '2026-03-02T08:00:00' has no UTC offset"),
    (f"file,start\n{P1},\n", "line 2: empty file or start"),
])
def test_a_table_that_cannot_be_used_stops_the_batch_with_one_line(csvs, tmp_path, text, message):
    with pytest.raises(StartsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_batch(csvs, tmp_path / "out", jobs=1, starts=_starts(tmp_path, text))
    assert not (tmp_path / "out" / "recordings").exists()  # nothing analysed


def test_the_cli_says_it_in_its_language(csvs, tmp_path):
    _starts(tmp_path, "file,start\ncohort/p9.csv,2026-03-02T08:00:00+01:00\n")
    for language, expected in (("en", "starts.csv line 2: cohort/p9.csv is not an input of this batch"),
                               ("nl", "starts.csv regel 2: cohort/p9.csv is geen invoer van deze batch")):
        result = CliRunner().invoke(app, ["-L", language, "batch", *csvs, "--out", "out", "--jobs", "1", "-q",
                                          "--starts", "starts.csv"])
        text = " ".join(result.output.split())
        assert result.exit_code == 1 and expected in text and "Traceback" not in text, text
