"""The whole pipeline: demo recording → replay identity, crash recovery, chunk invariance, CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from oefensense.api import analyze, replay
from oefensense.cli import app
from oefensense.demo import LIVE_ANALYSIS_DIR, run_demo
from oefensense.engine import Engine
from oefensense.io.outputs import AnalysisWriter
from oefensense.sources import recording_items
from oefensense.sources.simulated import bundled_recording

QUIET = Console(file=open(os.devnull, "w"))
RESULT_FILES = ("timeline.csv", "events.jsonl", "summary.json")


@pytest.fixture(scope="module")
def demo_session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    session = tmp_path_factory.mktemp("demo") / "session"
    run_demo(device="polar", speed=None, out=session, console=QUIET)
    return session


def test_replay_is_byte_identical_to_the_live_run(demo_session: Path, tmp_path: Path) -> None:
    result = replay(demo_session, tmp_path)
    for name in RESULT_FILES:
        live = (demo_session / LIVE_ANALYSIS_DIR / name).read_bytes()
        assert live == (result.out_dir / name).read_bytes(), name
    summary = json.loads((result.out_dir / "summary.json").read_text())
    assert 230 < summary["duration_s"] < 245  # the bundled excerpt is 240 s
    # the session records its UTC start and time zone (manifest and first event); the replay has them
    from oefensense.session import SessionReader

    clock = SessionReader(demo_session).manifest["clock"]
    assert clock["start_utc"].endswith("Z") and clock["timezone"]
    assert summary["clock"] == clock and (result.out_dir / "days.csv").exists()


def test_demo_finds_the_postures_of_the_recording(demo_session: Path) -> None:
    summary = json.loads((demo_session / LIVE_ANALYSIS_DIR / "summary.json").read_text())
    posture_s = summary["posture_s"]
    # HAPT user01 0-240 s: ~40 s standing, ~35 s sitting, ~40 s lying, ~60 s walking (labels)
    for posture in ("lying", "walking"):
        assert posture_s[posture] > 20, posture_s


def test_killed_recording_opens_and_replays_up_to_the_kill(tmp_path: Path) -> None:
    session = tmp_path / "killed"
    code = (
        "import os; from pathlib import Path; from rich.console import Console;"
        "from oefensense.demo import run_demo;"
        f"run_demo(device='polar', speed=20.0, out=Path({str(session)!r}), console=Console(file=open(os.devnull,'w')))"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    # kill a few seconds after the first packets reach disk (a fixed delay from the start made
    # the test depend on how long imports take on a loaded machine)
    deadline = time.monotonic() + 120.0
    while time.monotonic() < deadline and not any(
            f.stat().st_size > 0 for f in (session / "segments").glob("*-packets.arrows")):
        time.sleep(0.2)
    time.sleep(4.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    result = replay(session, tmp_path / "out")
    duration = result.summary["duration_s"]
    assert 10 < duration < 230, duration  # some, but not all, of the 240 s were recorded
    assert (result.out_dir / "events.jsonl").exists()


def _analyse_with_chunks(chunk_s: float, out: Path) -> dict[str, bytes]:
    engine = Engine(sinks=[AnalysisWriter(out, angles=True)])
    engine.run(recording_items([bundled_recording()], chunk_s=chunk_s))
    return {name: (out / name).read_bytes() for name in (*RESULT_FILES, "angles.csv")}


def test_results_do_not_depend_on_chunking(tmp_path: Path) -> None:
    a = _analyse_with_chunks(10.0, tmp_path / "a")
    b = _analyse_with_chunks(0.37, tmp_path / "b")
    for name in a:
        assert a[name] == b[name], name


def test_analyze_cli_writes_the_three_files(tmp_path: Path) -> None:
    src = tmp_path / "rec.waist.csv.gz"
    import importlib.resources as res

    src.write_bytes((res.files("oefensense.data") / "hapt_user01_exp0_0-240s.waist.csv.gz").read_bytes())
    r = CliRunner().invoke(app, ["analyze", str(src), "--out", str(tmp_path / "out"), "--angles", "-q"])
    assert r.exit_code == 0, r.output
    out = tmp_path / "out" / "rec"
    assert (out / "timeline.csv").read_text().splitlines()[0] == "start_s,end_s,posture,confidence"
    assert (out / "angles.csv").read_text().startswith("time_s,pelvis_tilt_deg")
    summary = json.loads((out / "summary.json").read_text())
    for key in ("duration_s", "posture_s", "sit_to_stand_count", "sitting_bouts", "lifts", "trunk_zones_s"):
        assert key in summary, key
    for line in (out / "events.jsonl").read_text().splitlines():
        e = json.loads(line)
        assert {"type", "t_s", "end_s"} <= e.keys()


def test_analyze_refuses_a_file_without_units(tmp_path: Path) -> None:
    bad = tmp_path / "bad.thigh.csv"
    bad.write_text("t,x,y,z\n0,0,0,1\n")
    r = CliRunner().invoke(app, ["analyze", str(bad), "--out", str(tmp_path / "o")])
    assert r.exit_code == 1
    assert "acc_x_g" in r.output and "Traceback" not in r.output


def test_multi_sensor_recording_from_python(tmp_path: Path, shared_data: Path) -> None:
    thigh = next((shared_data / "mobifall").rglob("STD_*.thigh.csv.gz"))
    res = analyze([], tmp_path, sensors={"thigh": thigh}, angles=True)
    assert res[0].summary["duration_s"] > 60
    assert "thigh_inclination_deg" in (res[0].out_dir / "angles.csv").read_text().splitlines()[0]


def test_a_second_sensor_on_the_same_segment_is_recorded_not_analysed() -> None:
    from oefensense.core.types import Placement
    from oefensense.pipeline import Pipeline, PipelineSettings
    from oefensense.sources.simulated import merged_device_items, simulated_device_items

    rec = bundled_recording()
    streams = [simulated_device_items(rec, "polar", sensor_id=f"waist{i}", placement=Placement.PELVIS) for i in (1, 2)]
    pipeline = Pipeline(PipelineSettings(stages=()))
    events, samples = [], {"waist1": 0, "waist2": 0}
    for item in merged_device_items(streams):
        out = pipeline.feed(item)
        events += out.events
        for b in out.samples:
            samples[b.sensor_id] += len(b)
    assert [e.sensor_id for e in events if e.type == "sensor_not_analysed"] == ["waist2"]
    assert samples["waist1"] > 10_000 and samples["waist2"] > 10_000
