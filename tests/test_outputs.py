"""AnalysisWriter in bounded memory: events spilled in sorted runs give the same file."""

from __future__ import annotations

import random
from pathlib import Path

from oefensense.engine import Engine
from oefensense.io.outputs import AnalysisWriter
from oefensense.io.spill import SortedSpill
from oefensense.sources import recording_items
from oefensense.sources.simulated import bundled_recording


def test_sorted_spill_merges_runs_in_key_order() -> None:
    rng = random.Random(1)
    values = [rng.randrange(1000) for _ in range(500)]
    spill = SortedSpill(lambda v: ([v, str(v)], f"{v:04d}"), run_size=37)
    for k in range(0, len(values), 11):
        spill.add(values[k:k + 11])
    assert len(spill._runs) >= 10  # it did spill
    assert list(spill.sorted_lines()) == [f"{v:04d}" for v in sorted(values)]
    spill.close()
    assert spill._dir is None


def test_events_spilled_in_small_runs_give_the_same_events_file(tmp_path: Path) -> None:
    files = {}
    for name, run in (("memory", 1_000_000), ("spilled", 2)):
        writer = AnalysisWriter(tmp_path / name, spill_events=run)
        Engine(sinks=[writer]).run(recording_items([bundled_recording()]))
        files[name] = {f: (tmp_path / name / f).read_bytes() for f in ("events.jsonl", "timeline.csv", "summary.json")}
    assert files["memory"] == files["spilled"]
    assert files["memory"]["events.jsonl"].count(b"\n") > 6  # spilled in at least 4 runs of 2
