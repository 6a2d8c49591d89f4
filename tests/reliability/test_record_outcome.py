"""What ``oefensense record`` says at the end: a recording with no sample is an error (it ended
with "0 samples; closed and compacted" and exit 0); a sensor that delivered nothing beside
others that did is named."""

from __future__ import annotations

import pytest

from .helpers import cli


@pytest.fixture
def silence(monkeypatch):
    """``silence({"pelvis"})``: those simulated sensors connect but never send a data packet."""
    import oefensense.ble.live as live

    real = live.simulated_source

    def install(ids: set[str]) -> None:
        def quiet_source(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            src, devices = real(*args, **kwargs)
            for dev, spec in zip(devices, src.sensors):
                if spec.id in ids:
                    dev.firmware.packets_until = lambda t_dev_ns: []
            return src, devices

        monkeypatch.setattr(live, "simulated_source", quiet_source)

    return install


def test_no_sample_at_all_is_an_error(tmp_path, silence):
    silence({"pelvis"})
    out = tmp_path / "s"
    res = cli("record", "--simulate", "metawear=pelvis", "--duration", "2", "--speed", "4", "--out", out, "--no-analysis")
    line = res.one_error_line()
    assert "nothing was recorded" in line and "pelvis" in line, line
    assert "0 samples; closed" not in res.stdout
    # the device's control answers are kept (raw packets are the recorded truth); an empty folder is not
    assert ("holds no samples" in line) if out.exists() else ("was removed" in line), line


def test_a_silent_sensor_beside_one_that_delivered_is_named(tmp_path, silence):
    silence({"pelvis"})
    out = tmp_path / "s"
    res = cli("record", "--simulate", "polar=trunk", "--simulate", "metawear=pelvis", "--duration", "3", "--speed", "4",
              "--out", out, "--no-analysis")
    assert res.rc == 0, res.stderr
    warned = [ln for ln in res.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warned) == 1 and "no sample arrived from pelvis" in warned[0], res.stderr


def test_final_status_lines_are_printed_once(tmp_path):
    # status lines every 0.05 s: the streams end well before the session is closed and compacted,
    # and the periodic lines printed the final state again and again before the final lines
    res = cli("record", "--simulate", "polar=trunk", "--simulate", "metawear=pelvis", "--duration", "6", "--speed", "3",
              "--status-every", "0.05", "--out", tmp_path / "s", "--no-analysis")
    assert res.rc == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[-1].startswith("recorded ")
    for sensor in ("trunk", "pelvis"):
        ended = [ln for ln in lines if ln.split()[:2] == [sensor, "stopped"]]
        assert len(ended) == 1, res.stdout
        assert ended[0] in lines[-3:-1]  # the final lines, right above "recorded"
