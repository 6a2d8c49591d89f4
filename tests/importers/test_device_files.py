"""Device-file importers on real files (tests/data/devices, MIT, see its README): decoded samples
match an independent reader's, formats are chosen by content, damaged files fail in one line."""

from __future__ import annotations

import gzip
import json
import shutil
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest

from oefensense.api import recording_name
from oefensense.core.types import NS_PER_S, Placement
from oefensense.io.importers import DeviceFileError, detect, open_recording
from oefensense.io.importers import axivity_cwa, geneactiv_bin

DEVICES = Path(__file__).resolve().parents[1] / "data" / "devices"
BUNDLED = Path(str(files("oefensense.data") / "hapt_user01_exp0_0-240s.waist.csv.gz"))
REFERENCE = json.loads((DEVICES / "skdh_reference.json").read_text())["files"]


def _read_all(path: Path, **kw):
    rec = open_recording(path, placement="pelvis", **kw)
    blocks = list(rec.blocks())
    t = np.concatenate([b.t_ns for b in blocks])
    acc = np.concatenate([b.acc_g for b in blocks])
    gyr = None if blocks[0].gyr_dps is None else np.concatenate([b.gyr_dps for b in blocks])
    return rec, blocks, t, acc, gyr


@pytest.mark.parametrize("name,fmt,gyro", [("ax3_sample.cwa", "axivity-cwa", False),
                                           ("ax6_sample.cwa", "axivity-cwa", True),
                                           ("gnactv_sample.bin", "geneactiv-bin", False)])
def test_samples_match_an_independent_reader(name, fmt, gyro):
    ref = REFERENCE[name]
    rec, _, t, acc, gyr = _read_all(DEVICES / name)
    assert rec.format == fmt and rec.info.has_gyro is gyro and rec.info.family == "file"
    assert len(t) == ref["samples"] == rec.stats.samples
    assert rec.stats.dropped_nonfinite == rec.stats.dropped_not_increasing == 0
    assert t[0] == 0 and np.all(np.diff(t) > 0)
    # whole duration within 0.1 ms of the reference's timestamps
    assert abs(t[-1] / NS_PER_S - (ref["last_time_unix_s"] - ref["first_time_unix_s"])) < 1e-4
    tol = 1e-4 if fmt == "geneactiv-bin" else 1e-5  # the reference rounds GENEActiv to 4 decimals
    np.testing.assert_allclose(acc[:3], ref["accel"]["first"], atol=tol)
    np.testing.assert_allclose(acc[-3:], ref["accel"]["last"], atol=tol)
    np.testing.assert_allclose(acc.mean(axis=0), ref["accel"]["mean"], atol=tol)
    if gyro:
        np.testing.assert_allclose(gyr[:3], ref["gyro"]["first"], atol=1e-3)
        np.testing.assert_allclose(gyr.mean(axis=0), ref["gyro"]["mean"], atol=1e-3)
    else:
        assert gyr is None


def test_rates_ranges_and_device_clock():
    ax6 = open_recording(DEVICES / "ax6_sample.cwa", placement="thigh")
    assert (ax6.info.nominal_rate_hz, ax6.info.acc_range_g, ax6.info.gyr_range_dps) == (100.0, 16.0, 2000.0)
    assert ax6.info.placement is Placement.THIGH and ax6.info.sensor_id == "thigh"
    assert ax6.start_time == "2019-10-29T09:03:06.300"
    gnactv = open_recording(DEVICES / "gnactv_sample.bin", placement="pelvis")
    assert (gnactv.info.nominal_rate_hz, gnactv.info.acc_range_g) == (50.0, 8.0)


def test_readers_stream_in_bounded_pieces(monkeypatch):
    _, whole, t_all, acc_all, _ = _read_all(DEVICES / "ax3_sample.cwa")
    monkeypatch.setattr(axivity_cwa, "SECTORS_PER_READ", 37)
    _, pieces, t, acc, _ = _read_all(DEVICES / "ax3_sample.cwa")
    assert len(pieces) > 10 and max(len(b) for b in pieces) <= 37 * 120
    np.testing.assert_array_equal(t, t_all)
    np.testing.assert_array_equal(acc, acc_all)
    monkeypatch.setattr(geneactiv_bin, "PAGES_PER_BLOCK", 1)
    _, pages, _, _, _ = _read_all(DEVICES / "gnactv_sample.bin")
    assert [len(b) for b in pages] == [300, 300, 300]


def test_format_is_chosen_by_content_not_extension(tmp_path):
    renamed = tmp_path / "recording.pelvis.dat"
    shutil.copy(DEVICES / "ax6_sample.cwa", renamed)
    assert detect(renamed).name == "axivity-cwa"
    liar = tmp_path / "liar.pelvis.cwa"
    shutil.copy(DEVICES / "gnactv_sample.bin", liar)
    assert open_recording(liar).format == "geneactiv-bin"


def test_unknown_content_is_one_readable_line(tmp_path):
    junk = tmp_path / "junk.pelvis.cwa"
    junk.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DeviceFileError) as err:
        open_recording(junk)
    msg = str(err.value)
    assert "\n" not in msg and str(junk) in msg and "not a recording in a known format" in msg
    assert msg.isprintable() and "bytes 00 01 02" in msg


def test_truncated_cwa(tmp_path):
    cut = tmp_path / "cut.pelvis.cwa"
    cut.write_bytes((DEVICES / "ax3_sample.cwa").read_bytes()[:100_000])
    with pytest.raises(DeviceFileError, match=r"cut\.pelvis\.cwa: truncated Axivity \.cwa file \(ends 160 bytes into"):
        open_recording(cut)
    header_only = tmp_path / "hdr.pelvis.cwa"
    header_only.write_bytes((DEVICES / "ax3_sample.cwa").read_bytes()[:1024])
    with pytest.raises(DeviceFileError, match="no data sector after the header"):
        open_recording(header_only)


def test_corrupt_cwa_sector_is_named(tmp_path):
    data = bytearray((DEVICES / "ax6_sample.cwa").read_bytes())
    data[1024 + 5 * 512 + 100] ^= 0xFF  # one flipped byte in data sector 5
    bad = tmp_path / "bad.pelvis.cwa"
    bad.write_bytes(bytes(data))
    rec = open_recording(bad)  # the header is fine: the damage shows when the sector is read
    with pytest.raises(DeviceFileError, match=r"bad\.pelvis\.cwa: corrupt Axivity \.cwa file \(checksum of data sector 5 "):
        list(rec.blocks())


def test_truncated_and_corrupt_geneactiv(tmp_path):
    text = (DEVICES / "gnactv_sample.bin").read_bytes()
    cut = tmp_path / "cut.pelvis.bin"
    cut.write_bytes(text[: len(text) - 2000])
    with pytest.raises(DeviceFileError, match=r"cut\.pelvis\.bin: truncated GENEActiv page 2 \("):
        list(open_recording(cut).blocks())
    no_pages = tmp_path / "hdr.pelvis.bin"
    no_pages.write_bytes(text[:600])
    with pytest.raises(DeviceFileError, match="truncated GENEActiv header"):
        open_recording(no_pages)
    bad = tmp_path / "bad.pelvis.bin"
    bad.write_bytes(text.replace(b"Page Time:2019-05-21 16:16:43:500", b"Page Time:2019-05-21 16:16:4X:500"))
    with pytest.raises(DeviceFileError, match=r"corrupt GENEActiv page 0"):
        list(open_recording(bad).blocks())


def test_placement_required_when_the_name_has_none(tmp_path):
    plain = tmp_path / "AX6.cwa"
    shutil.copy(DEVICES / "ax6_sample.cwa", plain)
    with pytest.raises(DeviceFileError, match="unknown placement; pass --placement"):
        open_recording(plain)
    assert open_recording(plain, placement="trunk").info.placement is Placement.TRUNK


def test_semicolon_decimal_comma_csv_reads_like_the_plain_csv(tmp_path):
    text = gzip.decompress(BUNDLED.read_bytes()).decode()
    dutch = tmp_path / "excel.pelvis.csv"
    # Excel (nl-NL): ';' between fields, ',' as decimal separator, a BOM, CRLF line ends
    dutch.write_bytes(b"\xef\xbb\xbf" + text.replace(",", ";").replace(".", ",").replace("\n", "\r\n").encode())
    _, _, t_nl, acc_nl, gyr_nl = _read_all(dutch)
    _, _, t, acc, gyr = _read_all(BUNDLED)
    assert open_recording(dutch).format == "csv-semicolon"
    np.testing.assert_array_equal(t_nl, t)
    np.testing.assert_array_equal(acc_nl, acc)
    np.testing.assert_array_equal(gyr_nl, gyr)


def test_semicolon_csv_keeps_the_csv_checks(tmp_path):
    bad = tmp_path / "bad.pelvis.csv"
    bad.write_text("time_s;acc_x_g;acc_y_g;acc_z_g\n0,00;0,1;0,2;1.234,5\n")
    with pytest.raises(DeviceFileError) as err:
        list(open_recording(bad).blocks())
    assert str(bad) in str(err.value) and "transcoded" not in str(err.value)
    unitless = tmp_path / "unitless.pelvis.csv"
    unitless.write_text("time_s;acc_x;acc_y;acc_z\n0,00;0,1;0,2;1,0\n")
    with pytest.raises(DeviceFileError, match="no recognisable unit-suffixed columns"):
        open_recording(unitless)


@pytest.mark.parametrize("dialect", ["comma", "semicolon"])
def test_time_ms_csv_is_a_csv(tmp_path, dialect):
    """A CSV whose time column is ``time_ms`` (documented beside ``time_s``, read by ``analyze``)
    is a CSV for the importers too (``batch``), with the same samples as its ``time_s`` twin."""
    lines = gzip.decompress(BUNDLED.read_bytes()).decode().splitlines()
    header, rows = lines[0].replace("time_s", "time_ms", 1), []
    for line in lines[1:]:
        t, rest = line.split(",", 1)
        rows.append(f"{round(float(t) * 1000)},{rest}")
    text = "\n".join([header, *rows]) + "\n"
    path = tmp_path / "ms.pelvis.csv"
    if dialect == "semicolon":
        text = text.replace(",", ";").replace(".", ",")
    path.write_text(text)
    assert open_recording(path).format == ("csv" if dialect == "comma" else "csv-semicolon")
    _, _, t_ms, acc_ms, _ = _read_all(path)
    _, _, t, acc, _ = _read_all(BUNDLED)
    np.testing.assert_array_equal(t_ms, t)
    np.testing.assert_array_equal(acc_ms, acc)


def test_compression_and_placement_are_read_whatever_the_names_case(tmp_path):
    """A folder search takes ``.CSV.GZ`` as it takes ``.csv.gz``: the reader must read it too
    (gzip chosen by the file's magic bytes, not its name: it said 'not a recording in a known
    format; it starts with bytes 1f 8b ...'), and a ``.gz`` name on a file that is not
    compressed is read as what it holds."""
    upper = tmp_path / "DAY1.PELVIS.CSV.GZ"
    shutil.copy(BUNDLED, upper)
    plain = tmp_path / "day1.pelvis.csv.gz"  # named .gz, never compressed
    plain.write_bytes(gzip.decompress(BUNDLED.read_bytes()))
    _, _, t, acc, _ = _read_all(BUNDLED)
    for path in (upper, plain):
        rec = open_recording(path)  # placement from the name, any case
        assert rec.info.placement == Placement.PELVIS and rec.format == "csv"
        _, _, t2, acc2, _ = _read_all(path)
        np.testing.assert_array_equal(t2, t)
        np.testing.assert_array_equal(acc2, acc)
    assert recording_name(upper) == "DAY1" and recording_name(plain) == "day1"  # it kept 'DAY1.PELVIS.CSV.GZ'


def test_damaged_device_files_are_said_in_dutch(tmp_path):
    """Care audit: the importers' own details ("truncated Axivity .cwa file ...", "corrupt
    GENEActiv page ...") stayed English in the Dutch CLI; only the generic ones were worded."""
    from typer.testing import CliRunner

    from oefensense.cli import app

    cut = tmp_path / "cut.pelvis.cwa"
    cut.write_bytes((DEVICES / "ax3_sample.cwa").read_bytes()[:100_000])
    text = (DEVICES / "gnactv_sample.bin").read_bytes()
    page = tmp_path / "cut.pelvis.bin"
    page.write_bytes(text[: len(text) - 2000])
    said = {}
    for name, path in (("cwa", cut), ("bin", page)):
        res = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["--language", "nl", "analyze", str(path), "--out",
                                                             str(tmp_path / f"o-{name}"), "-q"])
        assert res.exit_code == 1, res.output
        said[name] = " ".join(res.stderr.split())
    assert "cut.pelvis.cwa: afgebroken Axivity .cwa-bestand (houdt op na 160 bytes van een datasector van 512 bytes;" \
        in said["cwa"], said
    assert "cut.pelvis.bin: afgebroken GENEActiv-pagina 2 (" in said["bin"] and "hexadecimale cijfers)" in said["bin"], said
    with pytest.raises(DeviceFileError, match=r"cut\.pelvis\.cwa: truncated Axivity \.cwa file \(ends 160 bytes into"):
        open_recording(cut)  # str() stays English (logs, batch's stored reasons)
