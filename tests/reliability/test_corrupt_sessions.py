"""Damaged sessions never pass as fine (issue 15): every stored segment carries a checksum that
``info`` and ``replay`` verify; a missing or damaged one is reported with what was lost, and
``oefensense repair`` keeps the intact data and flags the rest as gaps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from oefensense.session import SessionReader, compact_session, session_info

from .helpers import cli, record_demo_session


@pytest.fixture(scope="module")
def crashed(tmp_path_factory) -> Path:
    """A recording killed at its end: six closed segments per kind and an open one."""
    return record_demo_session(tmp_path_factory.mktemp("base") / "crashed", close=False)


@pytest.fixture(scope="module")
def compacted(tmp_path_factory, crashed) -> Path:
    path = tmp_path_factory.mktemp("base") / "compacted"
    shutil.copytree(crashed, path)
    compact_session(path, row_group_rows=100)  # several row groups: a damaged one loses only itself
    return path


def _copy(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / src.name
    shutil.copytree(src, dst)
    return dst


def _flip(path: Path, offset: int, n: int = 64) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + n):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _flip_column(path: Path, column: int, row_group: int = 0) -> None:
    """64 flipped bytes in the middle of a column chunk of a row group."""
    col = pq.ParquetFile(path).metadata.row_group(row_group).column(column)
    start = col.dictionary_page_offset or col.data_page_offset
    _flip(path, start + col.total_compressed_size // 2 - 32)


def _gaps(out_dir: Path) -> list[dict]:
    events = [json.loads(line) for line in (out_dir / "events.jsonl").read_text().splitlines()]
    return [e for e in events if e["type"] == "gap" and e.get("reason") == "storage_damage"]


def _damaged_then_repaired(session: Path, tmp_path: Path, expect: str) -> list[dict]:
    """The common contract: info and replay fail with one line naming repair, repair keeps the
    rest, after which info is fine and replay flags the loss as gaps. Returns the gap events."""
    err = cli("info", session).one_error_line()
    assert "damaged session" in err and "oefensense repair" in err
    assert expect in cli("info", session).stdout.replace("\n", " ")
    err = cli("replay", session, "--out", tmp_path / "out").one_error_line()
    assert expect in err and "oefensense repair" in err
    assert not (tmp_path / "out" / session.name / "summary.json").exists()  # nothing that looks like a result
    r = cli("repair", session)
    assert r.rc == 0 and "lost:" in r.stdout and "repaired" in r.stdout, r.stdout + r.stderr
    info = session_info(session)
    assert info["integrity"] == "repaired" and info["closed"] and info["compacted"] and info["repaired_losses"]
    r = cli("info", session)
    assert r.rc == 0 and "lost (repaired, flagged as a gap)" in r.stdout.replace("\n", " ")
    r = cli("replay", session, "--out", tmp_path / "out2")
    assert r.rc == 0, r.stderr
    return _gaps(tmp_path / "out2" / session.name)


def test_intact_sessions_verify_and_repair_changes_nothing(crashed, compacted, tmp_path):
    info = session_info(compacted)
    assert info["integrity"] == "verified" and not info["losses"]
    before = {p.name: p.read_bytes() for p in compacted.iterdir() if p.is_file()}
    r = cli("repair", compacted)
    assert r.rc == 0 and "nothing to repair" in r.stdout
    assert before == {p.name: p.read_bytes() for p in compacted.iterdir() if p.is_file()}
    s = _copy(crashed, tmp_path)  # crashed but intact: repair closes it, nothing lost
    assert session_info(s)["integrity"] == "verified"
    r = cli("repair", s)
    assert r.rc == 0 and "had not been closed" in r.stdout and "lost:" not in r.stdout
    assert SessionReader(s).compacted


def test_deleted_middle_segment(crashed, tmp_path):
    s = _copy(crashed, tmp_path)
    entry = next(e for e in json.loads((s / "manifest.json").read_text())["segments"] if e["file"] == "000003-packets.arrows")
    (s / "segments" / "000003-packets.arrows").unlink()
    gaps = _damaged_then_repaired(s, tmp_path, f"is missing: {entry['rows']} packets rows lost")
    assert gaps and {g["sensor_id"] for g in gaps} == {"pelvis"}
    [g] = gaps
    assert g["t_s"] == pytest.approx(entry["t_first_ns"] / 1e9, abs=1e-3)
    assert g["end_s"] == pytest.approx(entry["t_last_ns"] / 1e9, abs=1e-3)


def test_deleted_open_segment_is_not_a_shorter_session(crashed, tmp_path):
    s = _copy(crashed, tmp_path)
    (s / "segments" / "000007-packets.arrows").unlink()
    gaps = _damaged_then_repaired(s, tmp_path, "000007-packets.arrows is missing: an unknown number of packets rows lost")
    assert len(gaps) == 1


def test_all_segments_deleted_is_an_error_not_an_empty_session(crashed, tmp_path):
    s = _copy(crashed, tmp_path)
    for p in (s / "segments").iterdir():
        p.unlink()
    err = cli("replay", s, "--out", tmp_path / "out").one_error_line()
    assert "is missing" in err
    assert cli("repair", s).rc == 0
    err = cli("replay", s, "--out", tmp_path / "out").one_error_line()  # repaired, but nothing to replay
    assert "no recorded raw packets" in err


def test_64_flipped_bytes_in_a_closed_segment(crashed, tmp_path):
    s = _copy(crashed, tmp_path)
    seg = s / "segments" / "000002-packets.arrows"
    _flip(seg, seg.stat().st_size // 2)
    gaps = _damaged_then_repaired(s, tmp_path, "000002-packets.arrows")
    assert len(gaps) >= 1
    lost = session_info(s)["repaired_losses"]
    assert lost and all(x["reason"] in ("checksum", "truncated") for x in lost) and sum(x["rows"] for x in lost) > 0


def test_64_flipped_bytes_in_the_open_segment_of_a_crash(crashed, tmp_path):
    s = _copy(crashed, tmp_path)
    seg = s / "segments" / "000007-samples.arrows"
    _flip(seg, seg.stat().st_size // 2)
    info = session_info(s)
    assert info["integrity"] == "damaged" and info["losses"][0]["kind"] == "samples"


def test_64_flipped_bytes_in_compacted_parquet(compacted, tmp_path):
    s = _copy(compacted, tmp_path)
    p = s / "packets.parquet"
    _flip_column(p, 3)  # payloads
    info = session_info(s)
    assert info["integrity"] == "damaged"
    [loss] = info["losses"]
    assert loss["file"] == "packets.parquet" and loss["reason"] == "checksum" and loss["rows"] > 0
    gaps = _damaged_then_repaired(s, tmp_path, "packets.parquet failed its checksum")
    assert len(gaps) == 1 and gaps[0]["t_s"] == pytest.approx(loss["t_first_ns"] / 1e9, abs=1e-3)
    kept = session_info(s)["packets"]
    assert kept == session_info(compacted)["packets"] - loss["rows"] > 0  # only that row group lost


def test_flipped_samples_show_as_loss_not_zero(compacted, tmp_path):
    s = _copy(compacted, tmp_path)
    p = s / "samples.parquet"
    _flip_column(p, 2, row_group=50)  # acc_x_g of 100 samples in the middle
    r = cli("info", s)
    assert r.rc == 1 and "DAMAGED" in r.stdout and "samples.parquet failed its checksum" in r.stdout.replace("\n", " ")
    assert "lost in storage: 100 samples rows" in r.stdout
    assert cli("repair", s).rc == 0
    [sensor] = session_info(s)["sensors"]
    assert sensor["loss_pct"] > 0.5 and len(sensor["gaps"]) == 1  # the lost samples are missing, and show
    assert "lost in storage: 100 samples rows" in cli("info", s).stdout


def test_truncated_parquet_and_deleted_manifest(compacted, tmp_path):
    s = _copy(compacted, tmp_path)
    (s / "manifest.json").unlink()
    r = cli("info", s)
    assert r.rc != 0 and "without manifest.json" in r.one_error_line()
    r = cli("repair", s)
    assert r.rc == 0 and "manifest.json rebuilt from" in r.stdout.replace("\n", " ")
    info = session_info(s)
    assert info["sensors"][0]["samples"] == session_info(compacted)["sensors"][0]["samples"]
    assert cli("replay", s, "--out", tmp_path / "out").rc == 0
    t = _copy(compacted, tmp_path / "t")
    p = t / "events.parquet"
    p.write_bytes(p.read_bytes()[:-50])
    assert "events.parquet cannot be read" in cli("info", t).stdout.replace("\n", " ")


def test_crashed_segments_without_manifest(crashed, tmp_path):
    s = _copy(crashed, tmp_path)
    (s / "manifest.json").write_text("{half a manif")
    assert "not valid JSON" in cli("replay", s, "--out", tmp_path / "o").one_error_line()
    r = cli("repair", s)
    assert r.rc == 0, r.stderr
    assert session_info(s)["sensors"][0]["samples"] > 10_000
