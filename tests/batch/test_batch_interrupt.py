"""An interrupted batch stops: Ctrl-C or SIGTERM ends the run and its worker processes at once;
the inputs not yet started are not analysed, and a second run resumes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import BUNDLED

N_INPUTS = 10


def _children(pid: int) -> list[int]:
    """Pids of ``pid``'s child processes (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _kill(pids: list[int]) -> None:
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def _done(out: Path) -> int:
    return len(list((out / "recordings").rglob("DONE.json")))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_batch_stops_its_workers_and_resumes(tmp_path, signum):
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    for i in range(N_INPUTS):
        shutil.copy(BUNDLED, cohort / f"r{i:02d}.pelvis.csv.gz")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "oefensense", "batch", "cohort", "--out", "out", "--jobs", "2", "--quiet"]
    # SIGINT to the batch process alone (kill -INT): before the fix the pool ran every remaining input
    workers: list[int] = []
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 120
        while _done(out) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        workers = _children(proc.pid)
        proc.send_signal(signum)
        stdout, stderr = proc.communicate(timeout=30)  # orphaned workers would hold the pipes open
    except BaseException:
        _kill(workers)
        raise
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signum, stderr
    assert "interrupted:" in stderr and f"of {N_INPUTS} inputs finished" in stderr, stderr
    assert _done(out) < N_INPUTS  # the inputs not yet started were not analysed after the signal
    assert not (out / "files.parquet").exists()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        assert workers and not any(_alive(pid) for pid in workers), "worker processes outlived the batch"
    finally:
        _kill(workers)  # a failed run must not leave them behind
    # resumed: every input finished once, nothing twice, no temporary folder left
    rerun = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N_INPUTS} inputs: " in rerun.stdout and "0 failed" in rerun.stdout
    assert _done(out) == N_INPUTS
    assert not [p for p in (out / "recordings").rglob(".*") if ".tmp-" in p.name or ".old-" in p.name]
    import pyarrow.parquet as pq

    table = pq.read_table(out / "files.parquet").to_pydict()
    assert sorted(table["input"]) == [f"cohort/r{i:02d}.pelvis.csv.gz" for i in range(N_INPUTS)]
    assert set(table["status"]) == {"ok"}
