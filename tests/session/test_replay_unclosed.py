"""A session replayed or analysed before it was closed says so: summary.json's
``data_quality.session`` and the printed summary. It was replayed without a word: the results
of a recording still running, or of one whose recorder died, looked like a whole recording's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from oefensense.api import analyze, replay
from oefensense.cli import app
from oefensense.session import session_info


def _flushed(session: Path, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if (session / "manifest.json").exists():
            try:
                if session_info(session).get("packets", 0) > 20:
                    return
            except Exception:  # noqa: BLE001 - the writer may be between files: look again
                pass
        time.sleep(0.5)
    raise AssertionError("the recording flushed no packets in time")


def test_a_session_still_recording_then_crashed_is_flagged_in_the_results(tmp_path: Path) -> None:
    session = tmp_path / "s"
    proc = subprocess.Popen([sys.executable, "-m", "oefensense", "record", "--simulate", "polar=trunk",
                             "--duration", "120", "--out", str(session), "--no-analysis"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _flushed(session)
        live = replay(session, tmp_path / "live").summary["data_quality"]
        assert live["session"]["state"] == "recording", live
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # the recorder dies: the session stays unclosed
        proc.wait(timeout=10)
    crashed = replay(session, tmp_path / "crashed").summary["data_quality"]
    assert crashed["session"]["state"] == "not_closed" and "repair" in crashed["session"]["note"], crashed
    on_disk = json.loads((tmp_path / "crashed" / "s" / "summary.json").read_text())["data_quality"]
    assert on_disk["session"] == crashed["session"]
    assert analyze([session], tmp_path / "a")[0].summary["data_quality"]["session"]["state"] == "not_closed"
    out = CliRunner().invoke(app, ["--language", "nl", "replay", str(session), "--out", str(tmp_path / "cli")])
    assert out.exit_code == 0, out.output
    assert "de sessie is niet afgesloten" in " ".join(out.output.split()), out.output
