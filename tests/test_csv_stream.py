"""CSV import in bounded blocks (issue 17): the same samples, counts and gaps whatever the block
size, errors found in later blocks still one line, and the analysis of a streamed CSV identical to
the analysis of the same file read whole."""

from __future__ import annotations

import gzip
import importlib.resources as res
from pathlib import Path

import numpy as np
import pytest

from oefensense.api import analyze, run_items
from oefensense.core.types import Event, SampleBlock
from oefensense.io import csv_stream
from oefensense.io.csv_checks import CsvImportError
from oefensense.io.csv_import import read_csv
from oefensense.io.csv_stream import CsvStream
from oefensense.sources import csv_stream_items, recording_items

BUNDLED = "hapt_user01_exp0_0-240s.waist.csv.gz"  # 50 Hz, acc in g, gyro in rad/s, 240 s


def _rows() -> tuple[str, list[list[str]]]:
    text = gzip.decompress((res.files("oefensense.data") / BUNDLED).read_bytes()).decode()
    lines = text.splitlines()
    return lines[0], [ln.split(",") for ln in lines[1:]]


def _hostile(path: Path) -> Path:
    """The bundled recording with holes of NaN and impossible rows, small reorders and repeated
    times spread over the file (so many fall on block boundaries of a small block size)."""
    header, rows = _rows()
    rng = np.random.default_rng(7)
    for i in rng.integers(5, len(rows) - 60, 40):
        for j in range(i, i + int(rng.integers(1, 40))):
            rows[j][1] = "nan" if i % 2 else "99.0"
    for i in rng.integers(5, len(rows) - 5, 30):
        rows[i], rows[i + 1] = rows[i + 1], rows[i]
    for i in rng.integers(5, len(rows) - 5, 30):
        rows[i + 1][0] = rows[i][0]
    path.write_text("\n".join([header, *(",".join(r) for r in rows)]) + "\n")
    return path


def _read_all(stream: CsvStream) -> tuple[SampleBlock, list[Event]]:
    items = list(stream.items())
    return (SampleBlock.concat([b for b in items if isinstance(b, SampleBlock)]),
            [e for e in items if isinstance(e, Event)])


def test_block_size_changes_nothing(tmp_path: Path) -> None:
    path = _hostile(tmp_path / "h.waist.csv")
    whole = read_csv(path)
    small = CsvStream(path, block_bytes=4096)  # about 60 rows per parsed block
    block, gaps = _read_all(small)
    rep = small.report
    assert rep.to_dict() == whole.report.to_dict()
    assert rep.dropped_nonfinite and rep.dropped_out_of_range and rep.reordered and rep.dropped_duplicate_time
    assert len(rep.gaps) >= 30 and [(g.t_ns, g.end_ns, g.fields["samples"]) for g in gaps] == \
        [(a, b, n) for a, b, n, _ in rep.gaps]
    assert np.array_equal(block.t_ns, whole.block.t_ns) and np.all(np.diff(block.t_ns) > 0)
    assert np.array_equal(block.acc_g, whole.block.acc_g) and np.array_equal(block.gyr_dps, whole.block.gyr_dps)
    assert small.info == whole.info
    assert rep.kept + rep.dropped_nonfinite + rep.dropped_out_of_range + rep.dropped_duplicate_time == rep.rows


def test_disorder_after_the_probe_is_refused_while_streaming(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(csv_stream, "UNIT_PROBE_ROWS", 500)
    header, rows = _rows()
    rows[9000], rows[9300] = rows[9300], rows[9000]  # 6 s out of order (data row 9002 goes back), far after the probe
    path = tmp_path / "late.waist.csv"
    path.write_text("\n".join([header, *(",".join(r) for r in rows)]) + "\n")
    stream = CsvStream(path, block_bytes=4096)  # the probe passes: the file opens
    with pytest.raises(CsvImportError, match="out of time order by more than 1 s") as exc:
        list(stream.items())
    assert "data row 9002" in str(exc.value) and "\n" not in str(exc.value)


def test_mostly_unusable_after_the_probe_is_refused_at_the_end(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(csv_stream, "UNIT_PROBE_ROWS", 500)
    header, rows = _rows()
    for r in rows[2000:]:
        r[1] = "nan"
    path = tmp_path / "junk.waist.csv"
    path.write_text("\n".join([header, *(",".join(r) for r in rows)]) + "\n")
    with pytest.raises(CsvImportError, match="rows are unusable"):
        list(CsvStream(path, block_bytes=4096).items())


def test_streamed_chunks_are_the_whole_files_chunks(tmp_path: Path) -> None:
    path = _hostile(tmp_path / "h.waist.csv")
    whole = [i for i in recording_items([read_csv(path)], chunk_s=10.0) if isinstance(i, SampleBlock)]
    streamed = [i for i in csv_stream_items([CsvStream(path, block_bytes=4096)], chunk_s=10.0)
                if isinstance(i, SampleBlock)]
    assert len(whole) == len(streamed) > 20
    assert all(np.array_equal(a.t_ns, b.t_ns) and np.array_equal(a.acc_g, b.acc_g) for a, b in zip(whole, streamed))


def test_analysis_of_a_streamed_csv_equals_the_whole_read(tmp_path: Path) -> None:
    path = _hostile(tmp_path / "h.waist.csv")
    streamed = analyze([path], tmp_path / "streamed")[0].out_dir
    rec = read_csv(path)
    whole = tmp_path / "whole"
    run_items(recording_items([rec]), whole, imports={rec.info.sensor_id: rec.report})
    for name in ("timeline.csv", "events.jsonl", "summary.json"):
        assert (streamed / name).read_text() == (whole / name).read_text(), name


@pytest.mark.parametrize("block_bytes", [4096, csv_stream.BLOCK_BYTES])
def test_a_malformed_row_is_named_by_its_row_in_the_file(tmp_path: Path, block_bytes: int) -> None:
    """pyarrow counts rows from the start of the block it parses: the message must count from
    the start of the file (a 4-KiB block said row 40 for data row 9000), and a file cut in the
    middle of its last row says so."""
    header, rows = _rows()
    broken = [list(r) for r in rows]
    broken[8999] = broken[8999][:5]  # data row 9000 (line 9001) lost two fields
    path = tmp_path / "bad.pelvis.csv"
    path.write_text("\n".join([header, *(",".join(r) for r in broken)]) + "\n")
    with pytest.raises(CsvImportError, match=r"data row 9000\b") as err:
        list(CsvStream(path, block_bytes=block_bytes).items())
    assert "Row #" not in str(err.value) and "truncated" not in str(err.value)
    cut = tmp_path / "cut.pelvis.csv"  # a copy that stopped in the middle of its last row
    cut.write_text("\n".join([header, *(",".join(r) for r in rows)])[:-25])
    with pytest.raises(CsvImportError, match=rf"data row {len(rows)}\b.*ends in the middle of this row"):
        list(CsvStream(cut, block_bytes=block_bytes).items())


def test_rows_missing_from_the_file_are_a_flagged_gap(tmp_path: Path) -> None:
    """A 20-s hole in the timestamps with no row dropped gave no gap event and no data-quality
    entry (only the timeline's no_data); now it is one flagged gap, and a hole that dropped rows
    made is not flagged twice."""
    header, rows = _rows()
    cut = [list(r) for r in rows if not (100.0 <= float(r[0]) < 120.0)]  # 1000 rows (20 s) missing
    for r in cut[200:220]:  # and a run of NaN rows (a hole the import drops) elsewhere
        r[1] = "nan"
    path = tmp_path / "holes.waist.csv"
    path.write_text(header + "\n" + "\n".join(",".join(r) for r in cut) + "\n")
    stream = CsvStream(path)
    _, events = _read_all(stream)
    gaps = [(e.t_ns / 1e9, e.end_ns / 1e9, e.fields["reason"], e.fields.get("samples", e.fields.get("missing")))
            for e in events if e.type == "gap"]
    assert len(gaps) == 2, gaps
    assert gaps[0][2] == "nonfinite"
    start, end, reason, samples = gaps[1]
    assert reason == "missing_rows" and abs(start - 99.98) < 1e-6 and abs(end - 120.0) < 1e-6 and samples == 1000
    assert stream.report.gaps[-1][3] == "missing_rows"
    assert "2 flagged gaps" in stream.report.describe("en")
    # with no row dropped the report still names the gap
    clean = [r for r in rows if not (100.0 <= float(r[0]) < 120.0)]
    path2 = tmp_path / "hole.waist.csv"
    path2.write_text(header + "\n" + "\n".join(",".join(r) for r in clean) + "\n")
    stream2 = CsvStream(path2)
    _read_all(stream2)
    assert stream2.report.describe("en") == "kept 11001 of 11001 rows (1 flagged gap)"
    import json

    folder = analyze([path2], tmp_path / "out")[0].out_dir
    quality = json.loads((folder / "summary.json").read_text())["data_quality"]
    assert quality["gaps"]["pelvis"]["by_reason"] == {"missing_rows": 1}, quality
    assert quality["dropped_samples"] == {}, quality  # missing from the file, not dropped by the import


def test_a_hole_reads_the_same_streamed_and_whole(tmp_path: Path) -> None:
    header, rows = _rows()
    path = tmp_path / "hole.waist.csv"
    path.write_text(header + "\n" + "\n".join(",".join(r) for r in rows if not 50.0 <= float(r[0]) < 52.0) + "\n")
    streamed = [e for e in _read_all(CsvStream(path))[1] if e.type == "gap"]
    whole = read_csv(path)
    assert streamed == whole.report.gap_events(whole.info.sensor_id) and len(streamed) == 1


def test_a_sampling_rate_change_mid_file_is_noted(tmp_path: Path) -> None:
    """50 Hz then 25 Hz was read without a word (the stated rate the first one)."""
    header, rows = _rows()
    kept = [r for r in rows if float(r[0]) < 120.0] + [r for i, r in enumerate(rows) if float(r[0]) >= 120.0 and i % 2 == 0]
    path = tmp_path / "rate.waist.csv"
    path.write_text(header + "\n" + "\n".join(",".join(r) for r in kept) + "\n")
    stream = CsvStream(path)
    _read_all(stream)
    (t_ns, rate), = stream.report.rate_changes
    assert rate == 25.0 and 100.0 <= t_ns / 1e9 <= 120.0 + 1e-9, stream.report.rate_changes
    assert "sampling rate changed: 25 Hz from" in stream.report.describe("en")
    assert "bemonsteringsfrequentie veranderd: 25 Hz vanaf" in stream.report.describe("nl")
    plain = CsvStream(_write_bundled(tmp_path))
    _read_all(plain)
    assert plain.report.rate_changes == []


def _write_bundled(tmp_path: Path) -> Path:
    header, rows = _rows()
    path = tmp_path / "plain.waist.csv"
    path.write_text(header + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    return path
