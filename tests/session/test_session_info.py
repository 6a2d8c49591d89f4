"""session_info figures on sessions with a known injected gap and known loss; the info command."""

from __future__ import annotations

import json

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from oefensense.commands.info import register
from oefensense.core.types import Event, Placement, SampleBlock, SensorInfo
from oefensense.session import InfoSettings, SessionWriter, session_info

RATE = 100.0
PERIOD_NS = 10_000_000


def _lossy_session(path, compact: bool = True, chunk: int = 37):
    """trunk: 60 s at 100 Hz (6001 slots); 2 s gap from 20.00 s to 22.00 s (200 samples),
    60 isolated single drops elsewhere (not gaps). pelvis: unknown nominal rate (0), 50 Hz, no loss,
    plus a recorded gap event at 5.0–5.5 s. Written in odd-sized chunks."""
    rng = np.random.default_rng(7)
    idx = np.arange(6001)
    keep = ~((idx >= 2000) & (idx < 2200))
    candidates = np.flatnonzero(keep)[1:-1]
    candidates = candidates[(candidates % 3 == 0)]  # never two neighbours, so no drop forms a gap
    drops = rng.choice(candidates, 60, replace=False)
    keep[drops] = False
    t_trunk = idx[keep].astype(np.int64) * PERIOD_NS
    t_pelvis = np.arange(3001, dtype=np.int64) * 20_000_000 + 5_000_000

    w = SessionWriter(path, flush_interval_s=0.01)
    w.add_sensor(SensorInfo("trunk", Placement.TRUNK, "metawear", RATE))
    w.add_sensor(SensorInfo("pelvis", Placement.PELVIS, "polar", 0.0))
    for tt, sid in ((t_trunk, "trunk"), (t_pelvis, "pelvis")):
        for s in range(0, len(tt), chunk):
            part = tt[s : s + chunk]
            w.write_samples(SampleBlock(sid, part, np.zeros((len(part), 3))))
    w.write_events(
        [
            Event("gap", 5_000_000_000, 5_500_000_000, {"reason": "link lost"}, sensor_id="pelvis"),
            Event("marker", 1_000_000_000, 1_000_000_000, {"note": "lift 1"}),
        ]
    )
    w.close(compact=compact)
    return len(t_trunk)


@pytest.mark.parametrize("compact", [True, False])
def test_info_reports_known_gap_and_loss(tmp_path, compact):
    n = _lossy_session(tmp_path / "s", compact=compact)
    assert n == 6001 - 200 - 60
    info = session_info(tmp_path / "s")
    assert info["closed"] and not info["recovered"] and info["compacted"] is compact
    assert info["duration_s"] == pytest.approx(60.005)  # 0.000 .. 60.005 s (pelvis ends last)
    assert info["markers"] == 1 and info["events"] == 2
    trunk, pelvis = info["sensors"]
    assert (trunk["sensor_id"], trunk["placement"], trunk["family"]) == ("trunk", "trunk", "metawear")
    assert trunk["samples"] == 5741
    assert trunk["loss_pct"] == pytest.approx(100 * 260 / 6001, abs=1e-3)
    assert trunk["effective_rate_hz"] == pytest.approx(5740 / 60.0, abs=1e-3)
    assert trunk["gaps"] == [{"start_s": 19.99, "end_s": 22.0}]
    assert pelvis["samples"] == 3001 and pelvis["loss_pct"] == 0.0
    assert pelvis["effective_rate_hz"] == pytest.approx(50.0)
    assert pelvis["gaps"] == [{"start_s": 5.0, "end_s": 5.5}]  # from the recorded gap event


def test_gap_rule_is_a_setting(tmp_path):
    _lossy_session(tmp_path / "s")
    strict = session_info(tmp_path / "s", InfoSettings(gap_min_periods=1.5, gap_min_s=0.0))
    # Every isolated drop (a 20 ms interval) now counts as a gap too.
    assert len(strict["sensors"][0]["gaps"]) == 61


def test_info_is_chunk_invariant(tmp_path):
    _lossy_session(tmp_path / "a", chunk=1000)
    _lossy_session(tmp_path / "b", chunk=3)
    a, b = session_info(tmp_path / "a"), session_info(tmp_path / "b")
    assert a["sensors"] == b["sensors"] and a["duration_s"] == b["duration_s"]


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """OefenSense."""

    register(app)
    return app


def test_info_command_table_json_and_errors(tmp_path):
    _lossy_session(tmp_path / "s")
    runner = CliRunner()
    res = runner.invoke(_app(), ["info", str(tmp_path / "s")])
    assert res.exit_code == 0, res.output
    assert "trunk" in res.output and "metawear" in res.output and "19.99–22.00s" in res.output
    res = runner.invoke(_app(), ["info", str(tmp_path / "s"), "--json"])
    assert res.exit_code == 0
    assert json.loads(res.output)["sensors"][0]["gaps"] == [{"start_s": 19.99, "end_s": 22.0}]
    res = runner.invoke(_app(), ["info", str(tmp_path / "s"), "--json", "--gap-min-periods", "1.5", "--gap-min-s", "0"])
    assert len(json.loads(res.output)["sensors"][0]["gaps"]) == 61
    (tmp_path / "empty").mkdir()
    res = runner.invoke(_app(), ["info", str(tmp_path / "empty")])
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: not an OefenSense session")


def test_info_counts_already_stopped_answers_and_lists_only_real_refusals(tmp_path):
    """A simulated Polar answers ALREADY_IN_STATE to a stop for a stream that had already ended
    (the host stops everything it may have started: harmless, polar.stop_commands). info listed
    each as "refused:" in yellow, as if the sensor had refused the recording's settings."""
    w = SessionWriter(tmp_path / "s", flush_interval_s=0.01)
    w.add_sensor(SensorInfo("trunk", Placement.TRUNK, "polar", RATE))
    w.write_samples(SampleBlock("trunk", np.arange(100, dtype=np.int64) * PERIOD_NS, np.zeros((100, 3))))
    w.update_manifest(simulated_devices={"trunk": {"family": "polar", "name": "Polar Sense", "received": [], "refused": [
        "ALREADY_IN_STATE: not streaming", "ALREADY_IN_STATE: SDK mode already off",
        "INVALID_PARAMETER: setting 2=16 not in [8]"]}})
    w.close()
    out = " ".join(CliRunner().invoke(_app(), ["info", str(tmp_path / "s")]).output.split())
    assert "refused: INVALID_PARAMETER: setting 2=16 not in [8]" in out, out
    assert "refused: ALREADY_IN_STATE" not in out and "2 stop commands answered 'already stopped' (harmless)" in out, out


def test_a_sensor_that_never_came_back_has_its_loss_counted_to_the_gap_end(tmp_path):
    """A sensor that dropped out for good had "loss 0.00 %" beside its 50-s gap: loss ran from
    its first to its last sample only. The recorded gap after the last sample counts as lost."""
    w = SessionWriter(tmp_path / "s", flush_interval_s=0.01)
    w.add_sensor(SensorInfo("trunk", Placement.TRUNK, "metawear", RATE))
    w.add_sensor(SensorInfo("pelvis", Placement.PELVIS, "polar", RATE))
    t_all = np.arange(6001, dtype=np.int64) * PERIOD_NS  # 0-60 s
    w.write_samples(SampleBlock("trunk", t_all, np.zeros((len(t_all), 3))))
    t_gone = t_all[:1001]  # 0-10 s, then gone
    w.write_samples(SampleBlock("pelvis", t_gone, np.zeros((len(t_gone), 3))))
    w.write_events([Event("gap", int(t_gone[-1]), int(t_all[-1]), {"reason": "link_lost", "recovered": False},
                          sensor_id="pelvis")])
    w.close()
    sensors = {s["sensor_id"]: s for s in session_info(tmp_path / "s")["sensors"]}
    assert sensors["trunk"]["loss_pct"] == 0.0
    assert sensors["pelvis"]["loss_pct"] == pytest.approx(100 * 5000 / 6001, abs=0.01)
