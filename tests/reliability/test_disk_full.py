"""A recording whose disk fills up stops with one line that says so and what to do; what was
written before stays readable. It said "recording failed: recorder thread failed: OSError(28,
'No space left on device'); check `oefensense info ...`". A real full file system: a 150 kB
tmpfs (needs root to mount; skipped otherwise)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.session import session_info


@pytest.fixture()
def small_disk(tmp_path: Path):
    mnt = tmp_path / "small"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=150k", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_full_disk_stops_the_recording_with_one_dutch_line_and_keeps_what_was_written(small_disk: Path) -> None:
    out = small_disk / "s"
    r = CliRunner().invoke(app, ["--language", "nl", "record", "--simulate", "polar=trunk", "--duration", "120",
                                 "--speed", "20", "--out", str(out), "--no-analysis"])
    assert r.exit_code == 1, r.output
    line = " ".join(r.output.split())
    assert f"fout: de schijf met {out} is vol: de opname is daar gestopt" in line, r.output
    assert f"`oefensense repair {out}`" in line and "OSError" not in line, r.output
    info = session_info(out)
    assert not info["closed"] and info["sensors"][0]["samples"] > 100  # written before: readable
    # said before it started: 120 s of one sensor at 100 Hz needs about 1.2 MB, the disk has 0.15
    assert f"waarschuwing: de schijf met {out} heeft 0 MB vrij; 2 min met 1 sensor op 100 Hz vraagt ongeveer 1 MB" in line, r.output


def test_no_disk_warning_when_the_recording_fits(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["record", "--simulate", "polar=trunk", "--duration", "2", "--speed", "10",
                                 "--out", str(tmp_path / "s"), "--no-analysis"])
    assert r.exit_code == 0 and "free space" not in r.output.lower(), r.output
