"""A simulated recording's manifest kept the device name's serial in the clear under
``simulated_devices`` ("Polar Sense 0A1B2C3D", printed by ``info`` too) while ``sensors`` had it
hashed ("Polar Sense dev-…"; care walk-through, 5 Dec 2026)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from oefensense.cli import app


def _record(out: Path, *extra: str) -> dict:
    res = CliRunner().invoke(app, ["record", "--simulate", "polar=trunk", "--duration", "5", "--speed", "10",
                                   "--out", str(out), "--status-every", "60", *extra])
    assert res.exit_code == 0, res.output
    return json.loads((out / "manifest.json").read_text())


def test_the_simulated_device_log_names_the_device_by_its_hashed_serial(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("OEFENSENSE_DATA_DIR", str(tmp_path / "data"))
    manifest = _record(tmp_path / "s")
    text = json.dumps(manifest)
    assert "0A1B2C3D" not in text, text
    sensor_name = manifest["sensors"][0]["firmware"]
    assert manifest["simulated_devices"]["trunk"]["name"] == sensor_name  # the same hash, so they match
    assert sensor_name.startswith("Polar Sense dev-")
    kept = _record(tmp_path / "k", "--keep-device-ids")
    assert kept["simulated_devices"]["trunk"]["name"] == "Polar Sense 0A1B2C3D"
