"""Real SIGKILL of a recording process: at most ~1 flush interval is lost and the session opens."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from oefensense.session import SessionReader, compact_session, session_info

CHILD = Path(__file__).with_name("crash_child.py")
SLACK_S = 0.35  # pipe latency + scheduling on a loaded 2-core machine


def _record_and_kill(path: Path, flush_s: float, rotate_s: float, kill_after_samples: int,
                     mode: str = "") -> tuple[int, dict[int, float]]:
    """Start the child, SIGKILL it once it reported ``kill_after_samples``; return the last index
    it reported and when (child seconds) it offered each index."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(flush_s), str(rotate_s), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    last = -1
    offered_at: dict[int, float] = {}
    deadline = time.monotonic() + 30
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            i, t = line.split()
            last = int(i)
            offered_at[last] = float(t)
            if last >= kill_after_samples:
                os.kill(proc.pid, signal.SIGKILL)
                break
            if time.monotonic() > deadline:
                break
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        # Lines already in the pipe were offered before the kill: they raise the lower bound.
        rest = proc.stdout.read() if proc.stdout else ""
        for line in rest.splitlines():
            if len(line.split()) == 2:
                i, t = line.split()
                last = max(last, int(i))
                offered_at[int(i)] = float(t)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    return last, offered_at


@pytest.mark.parametrize(
    "flush_s,rotate_s,kill_at,mode", [(1.0, 300.0, 250, ""), (0.5, 0.7, 230, ""), (1.0, 300.0, 240, "background")]
)
def test_sigkill_loses_at_most_one_flush_interval(tmp_path, flush_s, rotate_s, kill_at, mode):
    path = tmp_path / "crash"
    offered, offered_at = _record_and_kill(path, flush_s, rotate_s, kill_at, mode)

    def lost_s(n_recovered: int) -> float:
        """How long before the last offered sample the first lost one was offered (child clock):
        what was lost is what came after the last flush, so this stays within a flush interval
        even when a loaded machine stalls the child (sample counts alone would not)."""
        first_lost = min(n_recovered, offered)
        return offered_at[offered] - offered_at.get(first_lost, offered_at[offered])

    r = SessionReader(path)
    assert r.recovered and not r.closed
    assert any("not closed" in w for w in r.warnings)

    for sid in ("trunk", "pelvis"):
        s = r.samples(sid)
        n = len(s)
        # What was recovered is an exact, uncorrupted prefix of what was offered.
        np.testing.assert_array_equal(s.t_ns, np.arange(n, dtype=np.int64) * 10_000_000)
        np.testing.assert_array_equal(s.acc_g[:, 0], np.arange(n, dtype=np.float64))
        np.testing.assert_array_equal(s.gyr_dps, s.acc_g * 2.0)
        assert n > 0
        assert lost_s(n) <= flush_s + SLACK_S, f"{sid}: lost {lost_s(n):.2f} s (> {flush_s} s flush interval + slack)"

    packets = [p for chunk in r.iter_packets() for p in chunk]
    idx = [int.from_bytes(p.payload[:4], "little") for p in packets]
    assert idx == list(range(len(idx)))  # replays in recorded order up to the kill
    assert lost_s(len(idx)) <= flush_s + SLACK_S
    assert r.events()[0].fields == {"note": "start"}
    if rotate_s < 1.0:
        assert len(r.manifest["segments"]) >= 3  # several closed segments plus the open one

    info = session_info(path)
    assert info["recovered"] is True and info["closed"] is False
    assert info["sensors"][0]["loss_pct"] == 0.0 and info["sensors"][0]["gaps"] == []

    # A crashed session can be compacted afterwards and keeps saying it was recovered.
    before = r.samples("trunk").t_ns
    n_pelvis = len(r.samples("pelvis"))
    rows = compact_session(path)
    assert rows["samples"] == len(before) + n_pelvis
    r2 = SessionReader(path)
    assert r2.compacted and r2.closed and r2.recovered
    np.testing.assert_array_equal(r2.samples("trunk").t_ns, before)
