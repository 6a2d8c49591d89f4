"""Shared helpers of the reliability suite: run the real CLI, make a small multi-segment session."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner


@dataclass
class CliResult:
    rc: int
    stdout: str
    stderr: str

    def one_error_line(self, progress: tuple[str, ...] = ()) -> str:
        """The failure contract: non-zero exit, exactly one ``error:`` line on stderr (besides
        progress lines starting with one of ``progress``), no traceback anywhere; returns it."""
        assert self.rc != 0, (self.stdout, self.stderr)
        for text in (self.stdout, self.stderr):
            assert "Traceback" not in text, text
        lines = [ln for ln in self.stderr.splitlines() if ln.strip() and not ln.startswith(progress or ("\0",))]
        assert len(lines) == 1 and lines[0].startswith("error: "), self.stderr
        return lines[0]


def cli(*args: str | Path, real_process: bool = False) -> CliResult:
    """Run ``oefensense ARGS``: through typer's runner, or as a real subprocess (``python -m``)."""
    argv = [str(a) for a in args]
    env = {"COLUMNS": "200"}  # rich tables on one line each, so tests can read them
    if real_process:
        p = subprocess.run([sys.executable, "-m", "oefensense", *argv], capture_output=True, text=True, timeout=300,
                           env={**os.environ, **env})
        return CliResult(p.returncode, p.stdout, p.stderr)
    from oefensense.cli import app

    r = CliRunner(env=env).invoke(app, argv, catch_exceptions=True)
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        import traceback

        tb = "".join(traceback.format_exception(r.exception))
        return CliResult(1, r.stdout, r.stderr + "\nTraceback (uncaught):\n" + tb)
    return CliResult(r.exit_code, r.stdout, r.stderr)


def record_demo_session(path: Path, *, rows_per_segment: int = 2000, close: bool = True) -> Path:
    """The bundled recording through a simulated Polar, recorded with a new segment about every
    ``rows_per_segment`` rows (several segments per kind in 240 s); no analysis stages, so its
    replays are quick. ``close=False`` leaves it as a crashed recorder would."""
    from oefensense.engine import Engine
    from oefensense.pipeline import PipelineSettings
    from oefensense.session import SessionWriter
    from oefensense.sinks import RecorderSink
    from oefensense.sources import simulated_device_items
    from oefensense.sources.simulated import bundled_recording

    settings = PipelineSettings(stages=())
    writer = SessionWriter(path, flush_interval_s=3600.0, rotate_s=1e-9, max_buffer_rows=rows_per_segment)
    sink = RecorderSink(writer, settings, batch=64)
    if not close:  # the engine never closes it: like a recorder killed at the end
        sink.close = lambda pipeline: (sink._flush_packets(), writer._write_buffers(), writer._lock.release(remove=False))
    Engine(settings, [sink]).run(simulated_device_items(bundled_recording(), "polar"))
    return path
