"""Private data (issue 15): session files 0600 and folders 0700, device addresses and serials only
as salted hashes unless asked otherwise, output folders named from a pseudonymous id."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import numpy as np

from oefensense.core.types import Placement, SampleBlock, SensorInfo
from oefensense.session import SessionReader, SessionWriter
from oefensense.session.privacy import SALT_NAME, data_dir, hash_identifier, installation_salt, private_text

from .helpers import cli

CSV = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"
MAC = "5A:0E:F5:00:00:01"  # the first simulated sensor's address


def _modes(root: Path) -> set[tuple[str, int]]:
    return {("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode)) for p in [root, *root.rglob("*")]}


def test_session_files_are_private_whatever_the_umask(tmp_path):
    old = os.umask(0o022)  # a library user's usual umask
    try:
        w = SessionWriter(tmp_path / "s")
        w.add_sensor(SensorInfo("trunk", Placement.TRUNK, "polar", 100.0, address=MAC))
        w.write_samples(SampleBlock("trunk", np.arange(10, dtype=np.int64), np.zeros((10, 3))))
        w.flush()
        assert _modes(tmp_path / "s") <= {("dir", 0o700), ("file", 0o600)}  # while recording...
        w.close()
        assert _modes(tmp_path / "s") == {("dir", 0o700), ("file", 0o600)}  # ...and compacted
    finally:
        os.umask(old)


def test_cli_outputs_are_private(tmp_path):
    r = cli("analyze", CSV, "--out", tmp_path / "out", "-q", real_process=True)  # umask 077 in the CLI
    assert r.rc == 0, r.stderr
    assert _modes(tmp_path / "out") == {("dir", 0o700), ("file", 0o600)}


def test_addresses_and_serials_are_hashed_with_the_installation_salt(tmp_path):
    out = tmp_path / "s"
    r = cli("record", "--simulate", "polar", "--duration", "2", "--speed", "4", "--out", out, "--no-analysis")
    assert r.rc == 0, r.stderr
    text = (out / "manifest.json").read_text()
    m = json.loads(text)
    assert MAC not in text and MAC.replace(":", "") not in text.replace(":", "")
    salt = installation_salt()
    assert m["device_ids"] == "hashed" and m["sensors"][0]["address"] == hash_identifier(MAC, salt)
    salt_file = data_dir() / SALT_NAME
    assert stat.S_IMODE(salt_file.stat().st_mode) == 0o600
    # the same device gets the same id in the next session of this installation
    again = tmp_path / "s2"
    assert cli("record", "--simulate", "polar", "--duration", "2", "--speed", "4", "--out", again, "--no-analysis").rc == 0
    assert json.loads((again / "manifest.json").read_text())["sensors"][0]["address"] == m["sensors"][0]["address"]
    # unless the user asks to keep them
    kept = tmp_path / "kept"
    assert cli("record", "--simulate", "polar", "--duration", "2", "--speed", "4", "--out", kept, "--no-analysis",
               "--keep-device-ids").rc == 0
    k = json.loads((kept / "manifest.json").read_text())
    assert k["device_ids"] == "kept" and k["sensors"][0]["address"] == MAC


def test_serials_in_device_names():
    salt = b"s" * 32
    assert private_text("Polar Sense B5A2F32C", salt).startswith("Polar Sense dev-")
    assert private_text("Movesense 174630000192", salt).startswith("Movesense dev-")
    assert private_text("Polar H10", salt) == "Polar H10" and private_text("Xsens DOT", salt) == "Xsens DOT"
    once = private_text("Polar Sense B5A2F32C", salt)
    assert private_text(once, salt) == once  # hashing twice changes nothing


def test_output_folder_is_named_by_the_patient_code_not_the_file(tmp_path):
    named = tmp_path / "Jan_Jansen_1957.waist.csv.gz"
    shutil.copy(CSV, named)
    assert cli("patient", "add", "P001").rc == 0
    r = cli("analyze", named, "--patient", "P001", "--start", "2026-03-02T08:30+01:00", "--out", tmp_path / "out", "-q")
    assert r.rc == 0, r.stderr
    [folder] = (tmp_path / "out").iterdir()
    assert folder.name.startswith("P001-") and len(folder.name) == len("P001-") + 8
    for p in (tmp_path / "out").rglob("*"):
        assert "Jansen" not in p.name
        if p.is_file() and p.suffix in (".csv", ".json", ".jsonl"):
            assert "Jansen" not in p.read_text()
    again = cli("analyze", named, "--patient", "P001", "--start", "2026-03-02T08:30+01:00", "--out", tmp_path / "o2", "-q")
    assert again.rc == 0 and [p.name for p in (tmp_path / "o2").iterdir()] == [folder.name]  # stable id


def test_reader_never_returns_an_unhashed_manifest_field_it_did_not_store(tmp_path):
    """A session written with hashing holds no address anywhere, not even in its embedded copies."""
    w = SessionWriter(tmp_path / "s")
    w.add_sensor(SensorInfo("trunk", Placement.TRUNK, "polar", 100.0, address=MAC, firmware="Polar Sense B5A2F32C"))
    w.write_samples(SampleBlock("trunk", np.arange(10, dtype=np.int64), np.zeros((10, 3))))
    w.close()
    for p in (tmp_path / "s").rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            assert MAC.encode() not in data and b"B5A2F32C" not in data, p
    assert SessionReader(tmp_path / "s").sensors[0].firmware.startswith("Polar Sense dev-")


def test_salt_made_by_several_recorders_at_once_is_one_whole_salt(tmp_path):
    """Recorders starting at the same instant never read a half-written salt (it failed as 'too
    short' when one read the file another had just created) and all get the same salt."""
    import threading

    from oefensense.session.privacy import installation_salt

    for i in range(50):
        folder = tmp_path / str(i)
        barrier, out = threading.Barrier(4), []

        def make() -> None:
            barrier.wait()
            try:
                out.append(installation_salt(folder))
            except Exception as exc:  # noqa: BLE001 - the assertion below names it
                out.append(exc)

        threads = [threading.Thread(target=make) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(set(out)) == 1 and isinstance(out[0], bytes) and len(out[0]) == 32, out
        assert [p.name for p in folder.iterdir()] == ["device-salt"]  # no temporary file left
