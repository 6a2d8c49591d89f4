"""ActiGraph .gt3x: NOT a real recording. No small .gt3x under a permissive licence was found
(docs/cohorts.md), so these files are built here from ActiGraph's published format description;
they check our reading of that description, not a device's output."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from oefensense.io.importers import DeviceFileError, detect, open_recording

START_UNIX = 1_700_000_000
# .NET ticks (100 ns since 0001-01-01) of 2023-11-14 00:00
TICKS_2023_11_14 = (date(2023, 11, 14) - date(1, 1, 1)).days * 86_400 * 10_000_000


def _record(kind: int, stamp: int, payload: bytes) -> bytes:
    body = bytes([0x1E, kind]) + stamp.to_bytes(4, "little") + len(payload).to_bytes(2, "little") + payload
    xor = 0
    for b in body:
        xor ^= b
    return body + bytes([(~xor) & 0xFF])


def _pack12(xyz: np.ndarray) -> bytes:
    """(n, 3) raw x, y, z -> 12-bit big-endian y, x, z (the ACTIVITY record layout)."""
    yxz = xyz[:, [1, 0, 2]] & 0xFFF
    bits = ((yxz[..., None] >> np.arange(11, -1, -1)) & 1).astype(np.uint8).reshape(-1)
    bits = np.concatenate([bits, np.zeros((-len(bits)) % 8, np.uint8)])
    return np.packbits(bits).tobytes()


def _gt3x(path: Path, seconds: int, rate: int, kind: int, *, gap_after: int | None = None) -> np.ndarray:
    rng = np.random.default_rng(1)
    raw = rng.integers(-2048, 2048, (seconds * rate, 3))
    raw[:, 2] = 256  # 1 g on z at scale 256
    log = b""
    for s in range(seconds):
        chunk = raw[s * rate:(s + 1) * rate]
        payload = _pack12(chunk) if kind == 0x00 else chunk.astype("<i2").tobytes()
        stamp = START_UNIX + s + (5 if gap_after is not None and s > gap_after else 0)
        log += _record(0x02, stamp, b"\x10\x0e")  # a battery record: not activity, skipped
        log += _record(kind, stamp, payload)
    info = (f"Serial Number: TEST\nDevice Type: wGT3XBT\nSample Rate: {rate}\nStart Date: {TICKS_2023_11_14}\n"
            "Acceleration Scale: 256.0\nAcceleration Min: -8.0\nAcceleration Max: 8.0\n")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("info.txt", info)
        zf.writestr("log.bin", log)
    return raw


@pytest.mark.parametrize("kind", [0x00, 0x1A])
def test_activity_records_decode(tmp_path, kind):
    path = tmp_path / "rec.pelvis.gt3x"
    raw = _gt3x(path, seconds=30, rate=30, kind=kind, gap_after=19)
    assert detect(path).name == "actigraph-gt3x"
    rec = open_recording(path)
    blocks = list(rec.blocks())
    acc = np.concatenate([b.acc_g for b in blocks])
    t = np.concatenate([b.t_ns for b in blocks])
    np.testing.assert_array_equal(acc, raw / 256.0)
    assert rec.info.nominal_rate_hz == 30 and rec.info.acc_range_g == 8 and not rec.info.has_gyro
    assert t[29] == round(29 / 30 * 1e9) and t[30] == 1_000_000_000
    assert t[20 * 30] - t[20 * 30 - 1] == pytest.approx(6e9 - 29 / 30 * 1e9, abs=1)  # 5 s of idle sleep
    assert rec.start_time == "2023-11-14T00:00:00.000"


def test_damaged_gt3x_is_one_line(tmp_path):
    good = tmp_path / "good.pelvis.gt3x"
    _gt3x(good, seconds=5, rate=30, kind=0x1A)
    log = zipfile.ZipFile(good).read("log.bin")
    for name, data, message in [("cut", log[:-7], r"truncated \.gt3x log"),
                                ("sum", log[:20] + bytes([log[20] ^ 1]) + log[21:], r"corrupt \.gt3x log \(checksum"),
                                ("sep", b"\x00" + log[1:], r"corrupt \.gt3x log \(no record separator at byte 0\)")]:
        path = tmp_path / f"{name}.pelvis.gt3x"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("info.txt", zipfile.ZipFile(good).read("info.txt"))
            zf.writestr("log.bin", data)
        with pytest.raises(DeviceFileError, match=rf"{name}\.pelvis\.gt3x: {message}"):
            list(open_recording(path).blocks())
    old = tmp_path / "old.pelvis.gt3x"
    with zipfile.ZipFile(old, "w") as zf:
        zf.writestr("info.txt", "Sample Rate: 30\n")
        zf.writestr("activity.bin", b"\x00" * 9)
    with pytest.raises(DeviceFileError, match="older NHANES-style .gt3x"):
        open_recording(old)
