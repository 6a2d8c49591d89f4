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
