"""A file is read and parsed once by the look-ahead and the analysis together (#20's twelfth
round): the look-ahead's items come back from a private spill (:mod:`oefensense.io.rewind`), and
the results are those of the two fresh reads the analysis made before."""

from __future__ import annotations

import gc
import os
import stat
import tempfile
import weakref
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from oefensense.api import analyze, learned_ahead, run_items
from oefensense.core.clock import RecordingClock
from oefensense.core.types import Event, Placement, SampleBlock, SensorInfo
from oefensense.io.csv_stream import CsvStream
from oefensense.io.rewind import Rewindable
from oefensense.sources import csv_stream_items
from tests.orientation.test_up_correction import _first_still_then_walks, _write_csv

START = "2026-03-02T00:00+01:00"
ZONE = "Europe/Amsterdam"


def _items(n_blocks: int, seed: int = 0) -> list:
    """Infos, blocks with and without gyro/mag (NaN, -0.0, inf among the values) and events."""
    rng = np.random.default_rng(seed)
    out: list = [SensorInfo("pelvis", Placement.PELVIS, "file", 50.0, has_gyro=True)]
    t = 0
    for k in range(n_blocks):
        n = int(rng.integers(0, 300))
        acc = rng.normal(size=(n, 3)) * 10.0 ** rng.integers(-300, 300, size=(n, 3))
        if n:
            acc[0, 0], acc[-1, 2] = -0.0, np.nan
        gyr = None if k % 3 == 0 else rng.normal(size=(n, 3))
        mag = rng.normal(size=(n, 3)) if k % 4 == 1 else None
        out.append(SampleBlock("pelvis", t + np.arange(n, dtype=np.int64) * 20_000_000, acc, gyr, mag))
        t += n * 20_000_000 + 1
        if k % 5 == 2:
            out.append(Event("gap", t, t + 7, {"reason": "nonfinite", "samples": 3, "origin": "import"}, "pelvis"))
    return out


def _same(a: object, b: object) -> bool:
    if isinstance(a, SampleBlock):
        assert isinstance(b, SampleBlock) and a.sensor_id == b.sensor_id
        for x, y in ((a.t_ns, b.t_ns), (a.acc_g, b.acc_g), (a.gyr_dps, b.gyr_dps), (a.mag_ut, b.mag_ut)):
            if x is None or y is None:
                assert x is None and y is None
                continue
            assert x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes()  # bit for bit
            assert y.flags.c_contiguous
        return True
    return a == b


class _Counting:
    def __init__(self, items: list) -> None:
        self.items, self.taken = items, 0

    def __iter__(self) -> Iterator:
        for item in self.items:
            self.taken += 1
            yield item


@pytest.mark.parametrize("first", [0, 1, 7, 40])
def test_rewound_items_are_the_items_read_then_the_rest_of_the_source(first: int) -> None:
    items = _items(40)
    source = _Counting(items)
    r = Rewindable(iter(source))
    head = [next(r) for _ in range(first)]
    again = list(r.rewind())
    assert len(again) == len(items) and source.taken == len(items)  # the source was read once
    assert all(_same(a, b) for a, b in zip(items, again))
    assert all(x is y for x, y in zip(head, items))  # the first pass hands out the source's own items
    assert all(x is y for x, y in zip(again[first:], items[first:]))  # the rest comes from the source


def test_the_spill_is_private_and_leaves_no_name_behind(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    r = Rewindable(iter(_items(10)))
    for _ in range(5):
        next(r)
    assert list(tmp_path.iterdir()) == []  # unlinked at once: nothing left even if the process dies
    assert stat.S_IMODE(os.fstat(r._spill.fileno()).st_mode) == 0o600
    assert r.spilled_items == 5 and r.spilled_bytes > 0
    fd = r._spill.fileno()
    list(r.rewind())
    with pytest.raises(OSError):
        os.fstat(fd)  # closed once read back
    source = (item for item in _items(3))
    r2 = Rewindable(source)
    next(r2)
    fd = r2._spill.fileno()
    r2.discard()
    with pytest.raises(OSError):
        os.fstat(fd)
    assert source.gi_frame is None  # the source was stopped too (a reader's thread with it)


def test_it_keeps_no_item_in_memory() -> None:
    """Memory does not grow with what the look-ahead read: nothing handed out is held."""
    r = Rewindable(iter(_items(30)))
    refs = []
    for item in r:
        if isinstance(item, SampleBlock):
            refs.append(weakref.ref(item.acc_g))
        del item
    gc.collect()
    assert refs and all(ref() is None for ref in refs)


def test_one_pass_each() -> None:
    r = Rewindable(iter(_items(3)))
    next(r)
    rest = r.rewind()
    with pytest.raises(RuntimeError):
        next(r)  # the first pass ended
    with pytest.raises(RuntimeError):
        r.rewind()
    assert len(list(rest)) == len(_items(3))


def _count_parsed_rows(monkeypatch) -> dict[str, int]:
    """Rows each file's blocks held when parsed (``CsvStream._values``), by file name."""
    counts: dict[str, int] = {}
    original = CsvStream._values

    def counted(self: CsvStream, batch):  # noqa: ANN001, ANN202
        counts[self.path.name] = counts.get(self.path.name, 0) + batch.num_rows
        return original(self, batch)

    monkeypatch.setattr(CsvStream, "_values", counted)
    return counts


def _rows_in(path: Path) -> int:
    return len(path.read_text().splitlines()) - 1


def test_analyze_parses_every_row_of_a_file_once(tmp_path: Path, monkeypatch) -> None:
    """The look-ahead reads the file's first part (here all 300 s, a seed is learned) and the
    analysis used to parse it again: each row twice. Now once, also in a file set."""
    rec = _first_still_then_walks(118.0, 135.0, 150.0)
    single = _write_csv(rec, tmp_path / "night.waist.csv")
    pair = {pl: _write_csv(rec, tmp_path / f"{pl}.csv") for pl in ("pelvis", "trunk")}
    counts = _count_parsed_rows(monkeypatch)
    result = analyze([single], tmp_path / "out", sensors=pair)
    assert all("alignment" in r.summary["data_quality"] for r in result)  # the look-ahead did find seeds
    assert counts == {"night.waist.csv": _rows_in(single), "pelvis.csv": _rows_in(pair["pelvis"]),
                      "trunk.csv": _rows_in(pair["trunk"])}


def _two_reads(csv: Path, out: Path) -> dict:
    """The analysis as it was: the look-ahead's own fresh read, then a second fresh read."""
    seeds = learned_ahead(lambda: csv_stream_items([CsvStream(csv)]))
    stream = CsvStream(csv)
    clock = RecordingClock.parse_start(START, ZONE)
    return run_items(csv_stream_items([stream], clock=clock), out, angles=True, imports={stream.sensor_id: stream.report},
                     seeds=seeds)


@pytest.mark.parametrize("still_s", [150.0, 600.0])
def test_the_results_are_those_of_two_fresh_reads(tmp_path: Path, still_s: float) -> None:
    """Byte for byte, with a seed learned ahead over one block and over several (10 min lying
    at 50 Hz: the look-ahead's part is 3 blocks), holes and repeats in it (a flagged gap,
    counted rows), and the part after the look-ahead stopped."""
    rec = _first_still_then_walks(118.0, 135.0, still_s)
    csv = _write_csv(rec, tmp_path / "night.waist.csv")
    lines = csv.read_text().splitlines()
    for i in range(2000, 2100):  # a NaN hole in the look-ahead's part
        fields = lines[i].split(",")
        fields[1] = "nan"
        lines[i] = ",".join(fields)
    lines.insert(3000, lines[3000])  # a repeated row
    csv.write_text("\n".join(lines) + "\n")
    result = analyze([csv], tmp_path / "out", angles=True, start=START, tz=ZONE)[0]
    assert "alignment" in result.summary["data_quality"] and result.summary["data_quality"]["gaps"]
    summary = _two_reads(csv, tmp_path / "before")
    assert summary == result.summary
    names = sorted(p.name for p in result.out_dir.iterdir())
    assert names == sorted(p.name for p in (tmp_path / "before").iterdir()) and "angles.csv" in names
    for name in names:
        assert (result.out_dir / name).read_bytes() == (tmp_path / "before" / name).read_bytes(), name


def test_a_full_disk_is_one_error_naming_the_folder(tmp_path: Path, monkeypatch) -> None:
    import errno

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    r = Rewindable(iter(_items(5)))

    class Full:
        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    r._spill = Full()
    with pytest.raises(OSError) as exc:
        next(r)
    assert exc.value.errno == errno.ENOSPC and exc.value.filename == str(tmp_path)
    assert "No space left on device" in exc.value.strerror and "TMPDIR" in exc.value.strerror
