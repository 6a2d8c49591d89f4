"""The batch progress bar on an 80-column terminal: the elapsed time and the ETA stay whole."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

from rich.console import Console

from oefensense.commands.batch_progress import BatchProgress


def test_the_eta_stays_visible_at_80_columns_with_long_input_names(tmp_path: Path) -> None:
    """It read 'b… 3/35 files, last: study/site_a/participant_002/…' with the bar squeezed to one
    character and the elapsed time and ETA cut off."""
    ids = [f"study/site_a/participant_{i:03d}/week1/P{i:03d}_2026-03-02.waist.csv.gz" for i in range(35)]
    inputs = [SimpleNamespace(id=i, path=tmp_path / "missing") for i in ids]
    buf = io.StringIO()
    console = Console(file=buf, width=80, force_terminal=True, color_system=None)
    progress = BatchProgress(console)
    with progress:
        progress.start(inputs, 2)
        for i in ids[:3]:
            progress.advance(SimpleNamespace(id=i, status="done"))
    last = [ln for ln in buf.getvalue().replace("\r", "\n").splitlines() if "files" in ln][-1]
    assert "ETA" in last and "0:00:0" in last and "last: P002_" in last, last
    assert "participant_002" not in last  # the file's name, not its folders
