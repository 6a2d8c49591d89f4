"""The same batch serially, on two local processes and on a real Dask cluster (a scheduler and
two worker processes on localhost): every output file is identical, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from oefensense.batch import run_batch

from .conftest import make_cohort


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".batch.lock"}


def test_jobs_1_jobs_2_and_dask_give_identical_bytes(tmp_path, monkeypatch, dask_address):
    monkeypatch.chdir(tmp_path)
    make_cohort(tmp_path)
    trees = {}
    for name, kw in {"jobs1": {"jobs": 1}, "jobs2": {"jobs": 2}, "dask": {"scheduler": dask_address}}.items():
        report = run_batch(["cohort"], tmp_path / name, **kw)
        assert len(report.done) == 4 and len(report.errors) == 1, (name, report.errors)
        trees[name] = _tree(tmp_path / name)
    names = sorted(trees["jobs1"])
    assert "files.parquet" in names and "errors.csv" in names
    assert sum(n.endswith("/summary.json") for n in names) == 4
    for name in ("jobs2", "dask"):
        assert sorted(trees[name]) == names, name
        different = [n for n in names if trees[name][n] != trees["jobs1"][n]]
        assert different == [], f"{name} differs from --jobs 1 in {different}"


def test_dask_batch_resumes_like_a_local_one(tmp_path, monkeypatch, dask_address):
    monkeypatch.chdir(tmp_path)
    make_cohort(tmp_path)
    run_batch(["cohort/loggers"], tmp_path / "out", jobs=1)
    report = run_batch(["cohort/loggers"], tmp_path / "out", scheduler=dask_address)
    assert report.done == [] and len(report.skipped) == 2 and len(report.errors) == 1


def test_unreachable_scheduler_is_one_clear_error(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from oefensense.batch import SchedulerError, runners

    monkeypatch.setattr(runners, "CONNECT_TIMEOUT", "1s")
    monkeypatch.chdir(tmp_path)
    make_cohort(tmp_path)
    with pytest.raises(SchedulerError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        run_batch(["cohort/loggers"], tmp_path / "out", scheduler="tcp://127.0.0.1:9")
