"""oefensense batch: one result per input that cannot collide, resumable, atomic, errors tabled."""

from __future__ import annotations

import json
import shutil
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from oefensense.batch import DiscoveryError, discover, result_dir, run_batch
from oefensense.batch.job import MARKER
from oefensense.cli import app

from .conftest import make_cohort

EXPECTED = ["cohort/loggers/ax/ax6.pelvis.cwa", "cohort/loggers/ax/broken.pelvis.cwa",
            "cohort/loggers/gnactv.pelvis.bin", "cohort/p1/day1.pelvis.csv.gz", "cohort/p2/day1.pelvis.csv"]


@pytest.fixture
def cohort(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return make_cohort(tmp_path)


def test_discovery_keeps_relative_paths(cohort, tmp_path):
    assert [i.id for i in discover(["cohort"], cwd=tmp_path)] == EXPECTED
    # files, a glob and the same file twice: each input once
    ids = [i.id for i in discover(["cohort/p1/day1.pelvis.csv.gz", "cohort/p*/day1.*", "cohort/p1"], cwd=tmp_path)]
    assert ids == ["cohort/p1/day1.pelvis.csv.gz", "cohort/p2/day1.pelvis.csv"]
    # the output folder inside an input folder is not searched
    (cohort / "out" / "recordings").mkdir(parents=True)
    (cohort / "out" / "recordings" / "x.pelvis.csv").write_text("time_s,acc_x_g\n")
    assert [i.id for i in discover(["cohort"], out_dir=cohort / "out", cwd=tmp_path)] == EXPECTED
    with pytest.raises(DiscoveryError, match="nothing/here.csv: no such file, folder or matching pattern"):
        discover(["nothing/here.csv"], cwd=tmp_path)


def test_batch_writes_one_result_per_input_and_skips_finished_ones(cohort, tmp_path):
    out = tmp_path / "out"
    report = run_batch(["cohort"], out, jobs=1)
    assert sorted(report.done) == [i for i in EXPECTED if "broken" not in i]
    assert [e[0] for e in report.errors] == ["cohort/loggers/ax/broken.pelvis.cwa"]
    reason = report.errors[0][1]
    # the input column names the file: the reason does not repeat its absolute path (the
    # folders above the working directory stay out of the cohort tables)
    assert reason.startswith("truncated Axivity .cwa file") and "\n" not in reason
    assert str(tmp_path) not in reason
    for input_id in report.done:  # same-named day1 files of p1 and p2 each have their own result
        folder = result_dir(out, input_id)
        assert {"timeline.csv", "events.jsonl", "summary.json", MARKER} <= {p.name for p in folder.iterdir()}
    assert json.loads((result_dir(out, "cohort/p2/day1.pelvis.csv") / "summary.json").read_text())["duration_s"] < 121
    assert json.loads((result_dir(out, "cohort/p1/day1.pelvis.csv.gz") / "summary.json").read_text())["duration_s"] > 200

    files = pq.read_table(out / "files.parquet").to_pylist()
    assert [r["input"] for r in files] == EXPECTED
    by_id = {r["input"]: r for r in files}
    assert by_id["cohort/loggers/ax/broken.pelvis.cwa"]["status"] == "error"
    assert by_id["cohort/loggers/ax/ax6.pelvis.cwa"]["format"] == "axivity-cwa"
    assert by_id["cohort/loggers/ax/ax6.pelvis.cwa"]["has_gyro"] is True
    assert by_id["cohort/p2/day1.pelvis.csv"]["format"] == "csv-semicolon"
    assert by_id["cohort/loggers/gnactv.pelvis.bin"]["samples"] == 900
    assert by_id["cohort/p1/day1.pelvis.csv.gz"]["wear_s"] is None  # no clock, no day table: never invented
    assert by_id["cohort/p1/day1.pelvis.csv.gz"]["non_wear_s"] == 0.0
    assert pq.read_table(out / "errors.parquet").column("input").to_pylist() == ["cohort/loggers/ax/broken.pelvis.cwa"]
    assert (out / "files.csv").read_text().splitlines()[0].startswith('"input","status","reason","format"')
    assert not (out / "days.parquet").exists()  # no clock time given: no day tables to collect
    assert report.days_missing == report.done

    first = {p: p.read_bytes() for p in (out / "recordings").rglob("*") if p.is_file()}
    again = run_batch(["cohort"], out, jobs=1)
    assert again.done == [] and sorted(again.skipped) == sorted(report.done) and len(again.errors) == 1
    assert {p: p.read_bytes() for p in (out / "recordings").rglob("*") if p.is_file()} == first
    assert pq.read_table(out / "files.parquet").to_pylist() == files


def test_changed_input_forced_rerun_and_half_written_results(cohort, tmp_path):
    out = tmp_path / "out"
    run_batch(["cohort/loggers"], out, jobs=1)
    gnactv = result_dir(out, "cohort/loggers/gnactv.pelvis.bin")
    ax6 = result_dir(out, "cohort/loggers/ax/ax6.pelvis.cwa")
    # a result without its marker (a run killed while writing) is not finished; neither is a
    # temporary folder left beside it
    (gnactv / MARKER).unlink()
    leftover = gnactv.parent / f".{gnactv.name}.tmp-deadbeef"
    leftover.mkdir()
    (leftover / "timeline.csv").write_text("half")
    report = run_batch(["cohort/loggers"], out, jobs=1)
    assert report.done == ["cohort/loggers/gnactv.pelvis.bin"] and (gnactv / MARKER).is_file()
    assert not leftover.exists()
    # a changed input is analysed again; --force analyses everything again
    shutil.copy(cohort / "loggers" / "ax" / "ax6.pelvis.cwa", tmp_path / "keep.cwa")
    with open(cohort / "loggers" / "ax" / "ax6.pelvis.cwa", "ab") as fh:
        fh.write((tmp_path / "keep.cwa").read_bytes()[1024:1536])  # one more (repeated) data sector
    report = run_batch(["cohort/loggers"], out, jobs=1)
    assert report.done == ["cohort/loggers/ax/ax6.pelvis.cwa"]
    marker = json.loads((ax6 / MARKER).read_text())
    assert marker["input_bytes"] == 133632 + 512
    assert marker["figures"]["dropped_not_increasing"] > 0  # the repeated sector's samples go back in time
    report = run_batch(["cohort/loggers"], out, jobs=1, force=True)
    assert sorted(report.done) == ["cohort/loggers/ax/ax6.pelvis.cwa", "cohort/loggers/gnactv.pelvis.bin"]


def test_cli_progress_summary_and_exit_code(cohort, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["batch", "cohort/p1", "cohort/loggers/gnactv.pelvis.bin", "--out", "out", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "2 inputs: 2 analysed, 0 already finished (skipped), 0 failed" in result.output
    assert "wrote" in result.output and "files.parquet" in result.output
    result = runner.invoke(app, ["batch", "cohort/p1", "cohort/loggers", "--out", "out", "--jobs", "1"])
    assert result.exit_code == 1  # a failed input: the batch finishes, the exit code says so
    assert "1 analysed, 2 already finished (skipped), 1 failed" in result.output
    assert "failed: cohort/loggers/ax/broken.pelvis.cwa:" in result.output
    result = runner.invoke(app, ["batch", "missing_folder", "--out", "out"])
    assert result.exit_code == 1 and "missing_folder: no such file, folder or matching pattern" in result.output


def test_written_paths_are_printed_whole_however_long(cohort, tmp_path):
    """'wrote /tmp/pytest-of-root/pytest-1047/.../out/files.parqu' + newline + 'et': rich folded a
    long path at the console width (the test above failed when the temp folder's number grew a
    digit); a path is printed on one line for the terminal to wrap, so it can be copied."""
    out = tmp_path / ("a-long-folder-name-" * 6) / "out"
    result = CliRunner().invoke(app, ["batch", "cohort/p1", "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert str(out / "files.parquet") in result.output, result.output


def test_a_worker_that_dies_fails_only_its_input(tmp_path):
    # A worker process killed mid-analysis (e.g. by the out-of-memory killer) breaks its future:
    # that input becomes an error with the reason instead of stopping the batch.
    import os
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from oefensense.batch.discover import BatchInput
    from oefensense.batch.runners import _result

    item = BatchInput("p1/day1.csv", tmp_path / "day1.csv")
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        future = pool.submit(os._exit, 9)
        result = _result(future, item)
    assert (result.id, result.status) == ("p1/day1.csv", "error")
    assert result.reason.startswith("the worker analysing it failed (BrokenProcessPool")


def test_jobs_never_ask_for_more_memory_than_is_available(tmp_path):
    import gzip

    from oefensense.batch.discover import BatchInput
    from oefensense.batch.memory import MIB, WORKER_BASE_BYTES, cap_jobs, worker_peak_bytes

    csv = tmp_path / "big.pelvis.csv.gz"
    csv.write_bytes(gzip.compress(b"0" * (50 * MIB)))  # 50 MiB of text, not a plain CSV: read whole
    cwa = BatchInput("a.cwa", tmp_path / "a.cwa")
    big = BatchInput("big.pelvis.csv.gz", csv)
    assert worker_peak_bytes(cwa) == WORKER_BASE_BYTES  # streamed: no growth with length
    peak = worker_peak_bytes(big)
    assert peak > WORKER_BASE_BYTES + 10 * 50 * MIB  # CSV: grows with the text (read whole)
    jobs, note = cap_jobs(8, [cwa, big], available=int(2.5 * peak / 0.8))
    assert jobs == 2 and "--jobs 8 lowered to 2" in note
    assert cap_jobs(2, [cwa, big], available=100 * peak) == (2, "")
    assert cap_jobs(4, [cwa], available=WORKER_BASE_BYTES // 2)[0] == 1  # at least one worker
    plain = tmp_path / "long.pelvis.csv.gz"  # a plain unit-suffixed CSV is streamed (#17)
    plain.write_bytes(gzip.compress(b"time_s,acc_x_g,acc_y_g,acc_z_g\n" + b"0.01,0,0,1\n" * (5 * MIB)))
    assert worker_peak_bytes(BatchInput("long.pelvis.csv.gz", plain)) == WORKER_BASE_BYTES


def test_device_clock_with_tz_gives_day_tables(cohort, tmp_path):
    out = tmp_path / "out"
    report = run_batch(["cohort/loggers"], out, jobs=1, tz="Europe/Amsterdam")
    assert sorted(report.done) == ["cohort/loggers/ax/ax6.pelvis.cwa", "cohort/loggers/gnactv.pelvis.bin"]
    assert report.days_missing == []
    days = pq.read_table(out / "days.parquet").to_pylist()
    assert {d["input"] for d in days} == set(report.done)
    ax6 = [d for d in days if d["input"].endswith("ax6.pelvis.cwa")]
    assert str(ax6[0]["date"]) == "2019-10-29"  # the AX6 file's own clock (09:03 local)
    files = {r["input"]: r for r in pq.read_table(out / "files.parquet").to_pylist()}
    wear = sum(d["wear_s"] for d in ax6 if d["period"] == "all")
    assert files["cohort/loggers/ax/ax6.pelvis.cwa"]["wear_s"] == pytest.approx(wear)
    assert 100 < wear <= files["cohort/loggers/ax/ax6.pelvis.cwa"]["duration_s"] + 1


def test_files_table_accounts_for_every_second(cohort, tmp_path):
    """The posture columns of files.parquet add up to the recording's duration, as summary.json's
    do: a trunk sensor alone reports upright-and-still time (plus its sitting estimate), a hole
    in the data no-data time; both were missing from the table (a trunk cohort read 0 s sitting)."""
    import gzip

    from oefensense.batch.figures import POSTURES

    lines = gzip.decompress((cohort / "p1" / "day1.pelvis.csv.gz").read_bytes()).decode().splitlines()
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "day1.trunk.csv").write_text("\n".join(lines) + "\n")
    # the same recording as a pelvis sensor with a 20-s hole (rows 60-80 s left out)
    (tmp_path / "one" / "hole.pelvis.csv").write_text("\n".join(lines[:1 + 60 * 50] + lines[1 + 80 * 50:]) + "\n")
    out = tmp_path / "out"
    report = run_batch(["one"], out, jobs=1)
    assert not report.errors
    rows = {r["input"]: r for r in pq.read_table(out / "files.parquet").to_pylist()}
    for input_id, row in rows.items():
        summary = json.loads((result_dir(out, input_id) / "summary.json").read_text())
        columns = [f"{p}_s" for p in POSTURES] + ["non_wear_s"]
        assert sum(row[c] for c in columns) == pytest.approx(sum(summary["posture_s"].values()), abs=1e-6)
        assert sum(row[c] for c in columns) == pytest.approx(row["duration_s"], abs=0.6)
    trunk = rows["one/day1.trunk.csv"]
    split = json.loads((result_dir(out, "one/day1.trunk.csv") / "summary.json").read_text())["upright_still"]
    assert trunk["upright_still_s"] > 60 and trunk["sitting_s"] == 0.0
    assert (trunk["upright_still_sitting_est_s"], trunk["upright_still_standing_est_s"],
            trunk["upright_still_undetermined_s"]) == (split["sitting_s"], split["standing_s"], split["undetermined_s"])
    hole = rows["one/hole.pelvis.csv"]
    assert hole["no_data_s"] == pytest.approx(20, abs=0.6) and hole["upright_still_sitting_est_s"] is None

    # a result written before these columns existed is analysed again, not tabled with blanks
    marker_path = result_dir(out, "one/hole.pelvis.csv") / MARKER
    marker = json.loads(marker_path.read_text())
    del marker["figures"]["no_data_s"]
    marker_path.write_text(json.dumps(marker))
    again = run_batch(["one"], out, jobs=1)
    assert again.done == ["one/hole.pelvis.csv"] and again.skipped == ["one/day1.trunk.csv"]
    assert {r["input"]: r for r in pq.read_table(out / "files.parquet").to_pylist()} == rows


def test_results_are_private_whatever_the_workers_umask(cohort, tmp_path):
    """A Dask worker (or any caller of the library) need not run under the CLI's umask 077: the
    result folders and files of a batch are made private (0700/0600) by the batch itself. A
    cluster's workers with umask 022 wrote them world-readable."""
    import os
    import stat

    from oefensense.batch import BatchInput, process_input
    from oefensense.batch.job import JobSettings

    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    old = os.umask(0o022)
    try:
        item = BatchInput("cohort/p2/day1.pelvis.csv", (cohort / "p2" / "day1.pelvis.csv").resolve())
        assert process_input(item, JobSettings(out_dir=out)).status == "done"
        report = run_batch(["cohort/p1"], out, jobs=1)  # the library entry point too
        assert report.done == ["cohort/p1/day1.pelvis.csv.gz"]
    finally:
        os.umask(old)
    paths = [p for p in out.rglob("*") if p.name != ".batch.lock"]
    assert any(p.name == "summary.json" for p in paths) and any(p.name == "files.parquet" for p in paths)
    loose = {str(p.relative_to(out)): oct(stat.S_IMODE(p.stat().st_mode)) for p in paths
             if stat.S_IMODE(p.stat().st_mode) & 0o077}
    assert loose == {}


def test_files_the_folder_search_passes_over_are_named(cohort, tmp_path):
    """A folder search takes recordings by extension; the other files it finds are named in a
    note (before, a p3.tsv.gz in the study folder was dropped without a word and the exit code was 0)."""
    shutil.copy(cohort / "p1" / "day1.pelvis.csv.gz", cohort / "p1" / "day2.pelvis.tsv.gz")
    (cohort / "p1" / ".hidden.csv").write_text("not searched\n")
    report = run_batch(["cohort/p1"], tmp_path / "out", jobs=1)
    assert report.done == ["cohort/p1/day1.pelvis.csv.gz"]
    assert [n for n in report.notes if "passed over 1 file " in n and "cohort/p1/day2.pelvis.tsv.gz" in n]
    report = run_batch(["cohort"], tmp_path / "out", jobs=1)
    note = next(n for n in report.notes if "passed over" in n)
    assert "passed over 2 files" in note and "cohort/README.md" in note and ".hidden" not in note
    result = CliRunner().invoke(app, ["batch", "cohort/p1/day2.pelvis.tsv.gz", "--out", "out", "--jobs", "1"])
    assert result.exit_code == 0, result.output  # named on the command line: taken whatever its extension
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("x\n")
    with pytest.raises(DiscoveryError, match=r"no recordings found in notes \(the folder search passed over 1 file .*notes/a.txt"):
        run_batch(["notes"], tmp_path / "out2", jobs=1)


def test_an_unknown_placement_is_one_error_for_the_batch(cohort, tmp_path):
    """Like an unknown --tz: one line and nothing analysed, not every input failed with it."""
    from oefensense.batch import BatchError

    with pytest.raises(BatchError, match="--placement: unknown placement 'foo'"):
        run_batch(["cohort/p1"], tmp_path / "out", placement="foo", jobs=1)
    assert not (tmp_path / "out" / "recordings").exists()
    result = CliRunner().invoke(app, ["batch", "cohort/p1", "--out", "out", "--placement", "foo"])
    assert result.exit_code == 1 and "failed:" not in result.output and "unknown placement 'foo'" in result.output


def test_a_changed_input_that_now_fails_leaves_no_stale_result(cohort, tmp_path):
    """An input replaced by a file that fails (a re-export cut short) is an error in the tables;
    its old result folder, which describes the old file, must not stay beside it looking
    finished (a researcher collecting recordings/*/summary.json would count it). A --force run
    of an unchanged input keeps its valid result."""
    out = tmp_path / "out"
    run_batch(["cohort/p1"], out, jobs=1)
    folder = result_dir(out, "cohort/p1/day1.pelvis.csv.gz")
    assert (folder / MARKER).is_file()
    path = cohort / "p1" / "day1.pelvis.csv.gz"
    path.write_bytes(path.read_bytes()[:3000])  # truncated gzip
    report = run_batch(["cohort/p1"], out, jobs=1)
    assert [e[0] for e in report.errors] == ["cohort/p1/day1.pelvis.csv.gz"]
    assert not folder.exists()
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]


def test_forced_rerun_that_fails_keeps_the_valid_result(cohort, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_batch(["cohort/p1"], out, jobs=1)
    folder = result_dir(out, "cohort/p1/day1.pelvis.csv.gz")
    before = (folder / "summary.json").read_bytes()
    from oefensense.batch import job

    def broken(*args, **kwargs):
        raise RuntimeError("transient")

    monkeypatch.setattr(job, "_analyse", broken)
    report = run_batch(["cohort/p1"], out, jobs=1, force=True)
    assert report.errors == [("cohort/p1/day1.pelvis.csv.gz", "RuntimeError: transient")]
    assert (folder / "summary.json").read_bytes() == before and (folder / MARKER).is_file()


def test_a_dying_worker_fails_only_its_own_input(tmp_path, monkeypatch):
    """A worker killed mid-analysis broke the whole process pool: every input still waiting
    failed with BrokenProcessPool (8 inputs, one killer: 1 done, 7 failed). Only the input that
    kills its worker may fail; the others are analysed."""
    import functools
    import importlib

    from oefensense.batch.job import JobSettings
    from oefensense.batch.runners import INFLIGHT_DIR, WORKER_DIED, run_pool

    from .conftest import BUNDLED

    # by its full name (the repository root is on sys.path), so that spawned workers import it too
    die_on = importlib.import_module("tests.batch.worker_tasks").die_on

    monkeypatch.chdir(tmp_path)
    (tmp_path / "c").mkdir()
    for i in range(8):
        shutil.copy(BUNDLED, tmp_path / "c" / f"r{i}.pelvis.csv.gz")
    inputs = discover(["c"])
    out = tmp_path / "out"
    out.mkdir()
    task = functools.partial(die_on, "c/r2.pelvis.csv.gz")
    results = {r.id: r for r in run_pool(inputs, JobSettings(out_dir=out), 2, task=task)}
    assert sorted(results) == [i.id for i in inputs]  # every input once
    assert {i: r.status for i, r in results.items() if r.status != "done"} == {"c/r2.pelvis.csv.gz": "error"}, results
    assert results["c/r2.pelvis.csv.gz"].reason == WORKER_DIED
    assert not (out / INFLIGHT_DIR).exists()


def test_linked_inputs_keep_the_names_they_are_given(tmp_path, monkeypatch):
    """A cohort folder of symbolic links into a data store: the ids (result folders, the tables'
    input column) are the links' paths, not the store's absolute path under _outside/ (whose
    folder names, here a patient's, reached every table before 2026-12-04)."""
    from .conftest import BUNDLED

    store = tmp_path / "store" / "Jansen_Jan"
    store.mkdir(parents=True)
    shutil.copy(BUNDLED, store / "day1.pelvis.csv.gz")
    work = tmp_path / "work"
    (work / "study").mkdir(parents=True)
    (work / "study" / "p1.pelvis.csv.gz").symlink_to(store / "day1.pelvis.csv.gz")
    (work / "study" / "p1-again.pelvis.csv.gz").symlink_to(store / "day1.pelvis.csv.gz")  # one file: one input
    monkeypatch.chdir(work)
    assert [i.id for i in discover(["study"])] == ["study/p1-again.pelvis.csv.gz"]
    assert [i.id for i in discover(["study/p1.pelvis.csv.gz"])] == ["study/p1.pelvis.csv.gz"]
    assert [i.id for i in discover([work / "study" / "p1.pelvis.csv.gz"])] == ["study/p1.pelvis.csv.gz"]
    report = run_batch(["study/p1.pelvis.csv.gz"], "out", jobs=1)
    assert report.done == ["study/p1.pelvis.csv.gz"]
    assert (result_dir(work / "out", "study/p1.pelvis.csv.gz") / MARKER).is_file()
    for table in ("files.csv", "errors.csv"):
        assert "Jansen" not in (work / "out" / table).read_text()


def test_the_same_recording_twice_is_named(cohort, tmp_path):
    """A copy of a recording under another name (a participant exported twice) was analysed
    and tabled as a second participant without a word; now its row says which input it
    duplicates and the command says so, in English and Dutch."""
    shutil.copy(cohort / "p1" / "day1.pelvis.csv.gz", cohort / "p2" / "copy.pelvis.csv.gz")
    runner = CliRunner()
    args = ["batch", "cohort/p1", "cohort/p2/copy.pelvis.csv.gz", "--out", "out", "--jobs", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = {r["input"]: r for r in pq.read_table(tmp_path / "out" / "files.parquet").to_pylist()}
    assert rows["cohort/p2/copy.pelvis.csv.gz"]["duplicate_of"] == "cohort/p1/day1.pelvis.csv.gz"
    assert rows["cohort/p1/day1.pelvis.csv.gz"]["duplicate_of"] is None
    assert " ".join(result.output.split()).count("has the same bytes as") == 1
    assert "cohort/p2/copy.pelvis.csv.gz has the same bytes as cohort/p1/day1.pelvis.csv.gz" in " ".join(result.output.split())
    result = runner.invoke(app, ["-L", "nl", *args])  # resumed: still named
    assert result.exit_code == 0, result.output
    assert "heeft dezelfde bytes als cohort/p1/day1.pelvis.csv.gz" in " ".join(result.output.split())


def test_a_csv_without_units_fails_with_analyzes_reason(cohort, tmp_path):
    """The same broken CSV said what was wrong in `analyze` but only "not a recording in a known
    format (axivity-cwa, ... csv); it starts with 'time,acc_x...'" in a batch."""
    import gzip as gz

    broken = cohort / "broken"
    broken.mkdir()
    text = gz.decompress((cohort / "p1" / "day1.pelvis.csv.gz").read_bytes()).decode()
    header, rest = text.split("\n", 1)
    (broken / "nounits.pelvis.csv").write_text(header.replace("_g", "").replace("_s,", ",") + "\n" + rest[:5000])
    (broken / "empty.pelvis.csv").write_bytes(b"")
    (broken / "noise.pelvis.csv").write_bytes(bytes(range(256)) * 4)  # binary: its first bytes described
    report = run_batch(["cohort/broken"], "out", jobs=1)
    reasons = dict(report.errors)
    assert "no recognisable unit-suffixed columns (found time, acc_x" in reasons["cohort/broken/nounits.pelvis.csv"]
    assert "expected time_s" in reasons["cohort/broken/nounits.pelvis.csv"]
    assert reasons["cohort/broken/empty.pelvis.csv"] == "the file is empty (no header, no rows)"
    assert "not a recording in a known format" in reasons["cohort/broken/noise.pelvis.csv"]
    assert "00 01 02" in reasons["cohort/broken/noise.pelvis.csv"]


def test_notes_are_in_the_users_language(cohort, tmp_path, monkeypatch):
    """`oefensense -L nl batch` said "let op: the folder search passed over ..." and "--jobs 8
    lowered to ...": the notes were English whatever the language."""
    import oefensense.batch as batch_mod

    monkeypatch.setattr(batch_mod, "jobs_lowered", lambda requested, inputs: (requested, 1, 700, 900))
    result = CliRunner().invoke(app, ["-L", "nl", "batch", "cohort", "--out", "out",
                                      "--jobs", "8", "-q"])
    text = " ".join(result.output.split())
    assert "de mapzoektocht sloeg 1 bestand over dat naar zijn naam geen opname is (cohort/README.md)" in text, text
    assert "--jobs 8 verlaagd naar 1: een worker kan tot 700 MiB nodig hebben" in text
    assert "passed over" not in text and "lowered" not in text
    result = CliRunner().invoke(app, ["batch", "cohort", "--out", "out", "--jobs", "8", "-q"])
    text = " ".join(result.output.split())
    assert "the folder search passed over 1 file that is not a recording by name (cohort/README.md)" in text
    assert "--jobs 8 lowered to 1" in text


def test_unreliable_alignment_reaches_the_files_table(tmp_path):
    """summary.json flags the seconds whose posture rested on an upright a later re-estimate
    moved (data_quality.alignment.<sensor>.unreliable_s; a HAPT file with a 30-min hole: 2111 of
    2130 s); the files table had no column for it, so a cohort pooled those posture figures
    unflagged."""
    from oefensense.batch.figures import FIGURE_COLUMNS, file_figures, file_row
    from oefensense.batch.tables import write_files_table

    summary = {"duration_s": 2130.42, "posture_s": {"sitting": 109.0},
               "data_quality": {"gaps": {}, "alignment": {
                   "pelvis": {"placement": "pelvis", "unreliable_s": 2111.378},
                   "thigh": {"placement": "thigh", "learned_ahead_until_s": 30.0}}}}
    figures = file_figures(summary, "csv", None, None)
    assert figures["alignment_unreliable_s"] == 2111.378
    assert "alignment_unreliable_s" in FIGURE_COLUMNS  # an older result is analysed again
    assert file_figures({**summary, "data_quality": {"gaps": {}}}, "csv", None, None)["alignment_unreliable_s"] == 0.0
    assert file_figures({"duration_s": 1.0}, "csv", None, None)["alignment_unreliable_s"] is None
    write_files_table([file_row("a.csv", "ok", {"figures": figures})], tmp_path)
    assert pq.read_table(tmp_path / "files.parquet").to_pylist()[0]["alignment_unreliable_s"] == 2111.378


def test_an_unconfirmed_upright_reaches_the_files_table(tmp_path):
    """A walk-free file whose upright was guessed from a still posture (data_quality.alignment.
    <sensor>.up_unconfirmed) is counted per file, so a cohort can leave it out."""
    from oefensense.batch.figures import FIGURE_COLUMNS, file_figures, file_row
    from oefensense.batch.tables import write_files_table

    summary = {"duration_s": 920.0, "data_quality": {"gaps": {}, "alignment": {
        "pelvis": {"placement": "pelvis", "up_unconfirmed": True, "up_from": "still+bends"},
        "trunk": {"placement": "trunk", "learned_ahead_until_s": 30.0}}}}
    figures = file_figures(summary, "csv", None, None)
    assert figures["alignment_unconfirmed_sensors"] == 1
    assert "alignment_unconfirmed_sensors" in FIGURE_COLUMNS
    assert file_figures({**summary, "data_quality": {"gaps": {}}}, "csv", None, None)["alignment_unconfirmed_sensors"] == 0
    assert file_figures({"duration_s": 1.0}, "csv", None, None)["alignment_unconfirmed_sensors"] is None
    write_files_table([file_row("a.csv", "ok", {"figures": figures})], tmp_path)
    assert pq.read_table(tmp_path / "files.parquet").to_pylist()[0]["alignment_unconfirmed_sensors"] == 1


def test_the_files_table_counts_lifts_of_undetermined_technique(tmp_path):
    """A slow lift at the waist (technique "undetermined") was in the files table's ``lifts`` only,
    so lifts_squat + lifts_stoop fell short with nothing to say why."""
    from oefensense.batch.figures import FIGURE_COLUMNS, file_figures, file_row
    from oefensense.batch.tables import write_files_table

    summary = {"duration_s": 600.0, "lifts": {"count": 5, "squat": 1, "stoop": 1, "mixed": 0, "undetermined": 3}}
    figures = file_figures(summary, "csv", None, None)
    assert (figures["lifts"], figures["lifts_squat"], figures["lifts_stoop"], figures["lifts_undetermined"]) == (5, 1, 1, 3)
    assert "lifts_undetermined" in FIGURE_COLUMNS
    assert file_figures({"duration_s": 1.0, "lifts": {"count": 1, "squat": 1}}, "csv", None, None)["lifts_undetermined"] is None
    write_files_table([file_row("a.csv", "ok", {"figures": figures})], tmp_path)
    assert pq.read_table(tmp_path / "files.parquet").to_pylist()[0]["lifts_undetermined"] == 3


def test_the_day_table_note_says_how_a_csv_gets_clock_time(cohort, tmp_path):
    """The note said "CSV files [need] a start time", which batch has no way to take."""
    for language, expected in (("en", "a plain CSV needs its start in --starts"),
                               ("nl", "een gewone CSV zijn starttijd in --starts")):
        result = CliRunner().invoke(app, ["-L", language, "batch", "cohort/p1", "--out", "out", "--jobs", "1", "-q"])
        text = " ".join(result.output.split())
        assert result.exit_code == 0 and expected in text, text


def test_a_late_failure_keeps_the_result_another_run_finished(cohort, tmp_path, monkeypatch):
    """A Dask task keeps running after its batch is interrupted (a running task cannot be
    cancelled); the resumed batch removes its temporary folder and analyses the input again.
    When the old task then failed, it removed the result the resumed batch had just finished,
    judging by the marker it had read when it started (none)."""
    from oefensense.batch import discover, job

    out = tmp_path / "out"
    (item,) = discover(["cohort/p1/day1.pelvis.csv.gz"])
    settings = job.JobSettings(out_dir=out.resolve(), settings_sha256="sha256:s", model_hashes=(("m", "h"),))
    real = job._analyse

    def resumed_meanwhile_then_fail(item_, tmp, settings_):
        monkeypatch.setattr(job, "_analyse", real)
        assert job.process_input(item, settings).status == "done"  # the resumed batch finishes it
        raise FileNotFoundError("its temporary folder was removed")

    monkeypatch.setattr(job, "_analyse", resumed_meanwhile_then_fail)
    out.mkdir(mode=0o700)
    assert job.process_input(item, settings).status == "error"
    folder = job.result_dir(out.resolve(), item.id)
    assert (folder / MARKER).is_file() and (folder / "summary.json").is_file()
    assert job.process_input(item, settings).status == "skipped"
