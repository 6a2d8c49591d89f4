"""A multi-sensor recording given as one CSV per sensor whose first rows are apart in time.

Each file's first row was taken as 0 s without a word: a trunk file that starts 30 s after the
pelvis file on the same clock was moved 30 s earlier, silently (4 Dec 2026). Now the summary
names files whose first rows are more than 5 s apart (``data_quality.file_starts``), the reader
can say the files share one clock (``--common-clock``: the earliest first row is 0 s), and a
sensor whose data start later or end earlier than the others' is named (``coverage``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from oefensense.api import analyze
from oefensense.commands.lang import set_cli_language
from oefensense.commands.summary_view import data_quality_text
from oefensense.core.types import NS_PER_S, Placement
from oefensense.io.csv_import import CsvImportError
from oefensense.io.csv_stream import CsvStream
from oefensense.io.data_quality import DataQuality
from oefensense.sim import Sit, Stand, Walk, simulate

HEADER = "time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps\n"


def _files(tmp: Path, trunk_from_s: float) -> dict[str, Path]:
    sim = simulate([Stand(3.0), Walk(12.0), Stand(10.0), Sit(20.0), Stand(5.0), Walk(15.0)], rate_hz=50.0,
                   mounting="random", seed=3, placements=(Placement.TRUNK, Placement.PELVIS))
    paths = {}
    for pl, b in sim.blocks.items():
        t = b.t_ns / NS_PER_S
        keep = t >= trunk_from_s if pl == Placement.TRUNK else np.ones(len(t), bool)
        rows = np.column_stack([t, b.acc_g, b.gyr_dps])[keep]
        paths[pl.value] = tmp / f"rec.{pl.value}.csv"
        np.savetxt(paths[pl.value], rows, delimiter=",", fmt="%.5f", header=HEADER.strip(), comments="")
    return paths


def _quality(tmp: Path, files: dict[str, Path], common_clock: bool) -> dict:
    (result,) = analyze(out=tmp / f"out{common_clock}", sensors=files, common_clock=common_clock)
    return result.summary["data_quality"]


def test_files_that_start_apart_are_named_and_can_be_read_on_one_clock(tmp_path) -> None:  # noqa: ANN001
    files = _files(tmp_path, trunk_from_s=30.0)
    own = _quality(tmp_path, files, common_clock=False)
    assert own["file_starts"] == {"first_row_s": {"pelvis": 0.0, "trunk": 30.0}, "common_clock": False}
    assert own["coverage"]["trunk"]["start_s"] == 0.0  # moved to the start: it ends 30 s early
    assert own["coverage"]["trunk"]["end_s"] == pytest.approx(own["coverage"]["trunk"]["others_end_s"] - 30.0, abs=0.1)
    one = _quality(tmp_path, files, common_clock=True)
    assert one["file_starts"]["common_clock"] is True
    assert one["coverage"]["trunk"]["start_s"] == pytest.approx(30.0, abs=0.05)  # keeps its offset
    assert one["coverage"]["trunk"]["end_s"] == pytest.approx(one["coverage"]["trunk"]["others_end_s"], abs=0.1)
    set_cli_language("nl")
    try:
        text = data_quality_text(own)
        assert "romp: gegevens alleen van 0 tot 40 s (de andere sensoren 0-70 s)" in text, text
        assert "analyseer dan met --common-clock" in text
    finally:
        set_cli_language(None)


def test_files_that_start_together_say_nothing(tmp_path) -> None:  # noqa: ANN001
    quality = _quality(tmp_path, _files(tmp_path, trunk_from_s=0.0), common_clock=False)
    assert "file_starts" not in quality and "coverage" not in quality


def test_a_zero_after_the_first_row_is_refused(tmp_path) -> None:  # noqa: ANN001
    files = _files(tmp_path, trunk_from_s=30.0)
    with pytest.raises(CsvImportError, match="is after its first row"):
        CsvStream(files["trunk"], zero_s=31.0)


def test_sensors_a_few_seconds_apart_are_not_flagged() -> None:
    from oefensense.core.types import SampleBlock

    def block(sid: str, a: float, b: float) -> SampleBlock:
        t = np.arange(int(a * 10), int(b * 10)) * (NS_PER_S // 10)
        return SampleBlock(sid, t, np.zeros((len(t), 3)))

    q = DataQuality()
    q.add_samples([block("trunk", 0.0, 60.0), block("pelvis", 3.0, 60.0)])
    assert q.coverage() == {}
    q.add_samples([block("thigh", 10.0, 58.0)])
    assert list(q.coverage()) == ["thigh"]
