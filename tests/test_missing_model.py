"""A missing model, or a session that names a model outside the package, is a one-line error
with a non-zero exit and leaves nothing that looks like a result (issue #15: a missing lift model
used to invent lifts; a manifest's ``model_path`` was handed to onnxruntime unchecked).

The CLI runs as a real process (``python -m oefensense``). "Missing from the installation" is an
installation whose ``oefensense.models`` data folder lacks the file: the child process points the
package's resource lookup at a folder holding only the other model, then runs the CLI unchanged.
"""

from __future__ import annotations

import importlib.resources as res
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from oefensense.analysis.models import ModelPathError, load_model
from oefensense.analysis.posture import PostureSettings, PostureStage
from oefensense.api import analyze
from oefensense.engine import Engine
from oefensense.models import LIFT_WAIST, POSTURE_WAIST, MissingModelError
from oefensense.pipeline import Pipeline, PipelineSettings
from oefensense.sinks import RecorderSink
from oefensense.sources import recording_items
from oefensense.sources.simulated import bundled_recording, simulated_device_items

RECORDING = "hapt_user01_exp0_0-240s.waist.csv.gz"


def run_cli(args: list[str], models_dir: Path | None = None) -> subprocess.CompletedProcess:
    """``oefensense ARGS`` in a new interpreter; with ``models_dir``, the installation's bundled
    models are the files in that folder."""
    code = "import sys, runpy\n"
    if models_dir is not None:
        code += f"import pathlib, oefensense.models as m\nm.files = lambda _name: pathlib.Path({str(models_dir)!r})\n"
    code += f"sys.argv = ['oefensense', *{args!r}]\nrunpy.run_module('oefensense', run_name='__main__')\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def install_with_only(tmp_path: Path, keep: str) -> Path:
    """A models folder holding only the bundled file ``keep``."""
    folder = tmp_path / "models"
    (folder / keep).parent.mkdir(parents=True)
    (folder / keep).write_bytes((res.files("oefensense.models") / keep).read_bytes())
    return folder


def waist_csv(tmp_path: Path) -> Path:
    src = tmp_path / "rec.waist.csv.gz"
    src.write_bytes((res.files("oefensense.data") / RECORDING).read_bytes())
    return src


def assert_one_line_error(proc: subprocess.CompletedProcess, *phrases: str) -> None:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    for phrase in phrases:
        assert phrase in lines[0], lines[0]


@pytest.mark.parametrize("missing,kept", [(LIFT_WAIST, POSTURE_WAIST), (POSTURE_WAIST, LIFT_WAIST)])
def test_analyze_with_a_model_missing_fails_and_writes_nothing(tmp_path: Path, missing: str, kept: str) -> None:
    out = tmp_path / "out"
    proc = run_cli(["analyze", str(waist_csv(tmp_path)), "--out", str(out), "-q"], install_with_only(tmp_path, kept))
    assert_one_line_error(proc, "missing", missing)
    assert not list(out.rglob("summary.json")) and not list(out.rglob("events.jsonl"))


def test_analyze_with_every_model_present_still_works(tmp_path: Path) -> None:
    """The same child-process set-up with both files: the error above is the missing file's."""
    folder = install_with_only(tmp_path, POSTURE_WAIST)
    (folder / LIFT_WAIST).parent.mkdir(parents=True)
    (folder / LIFT_WAIST).write_bytes((res.files("oefensense.models") / LIFT_WAIST).read_bytes())
    proc = run_cli(["analyze", str(waist_csv(tmp_path)), "--out", str(tmp_path / "out"), "-q"], folder)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "rec" / "summary.json").exists()


@pytest.fixture(scope="module")
def recorded_session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 s of the bundled recording streamed by a simulated Polar sensor and recorded as a
    session (raw packets; no analysis while recording)."""
    from oefensense.session import SessionWriter

    session = tmp_path_factory.mktemp("rec") / "session"
    rec = bundled_recording()
    n = int((rec.block.t_ns < rec.block.t_ns[0] + 60 * 10**9).sum())
    rec = type(rec)(rec.info, rec.block.slice(0, n), None, rec.source)
    settings = PipelineSettings(stages=())
    Engine(sinks=[RecorderSink(SessionWriter(session), settings)], pipeline=Pipeline(settings)).run(
        simulated_device_items(rec, "polar"))
    return session


def hostile_copy(session: Path, tmp_path: Path, model_path: str) -> Path:
    """The session with its manifest edited: full analysis, lifting model at ``model_path``."""
    copy = tmp_path / "hostile"
    shutil.copytree(session, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["pipeline_settings"]["stages"] = ["posture", "transitions", "sitting", "lifting", "exposure", "feedback"]
    manifest["pipeline_settings"]["stage_settings"] = {"lifting": {"model_path": model_path}}
    (copy / "manifest.json").write_text(json.dumps(manifest))
    return copy


@pytest.mark.parametrize("model_path,phrase", [
    ("/tmp/missing-lift-model.onnx", "not a model bundled with oefensense"),
    ("../../etc/passwd.onnx", "not a model bundled with oefensense"),
    ("lifting/no_such_model.onnx", "missing"),
])  # fmt: skip
def test_replay_of_a_manifest_naming_another_model_is_one_line(recorded_session: Path, tmp_path: Path,
                                                                model_path: str, phrase: str) -> None:
    session = hostile_copy(recorded_session, tmp_path, model_path)
    out = tmp_path / "out"
    proc = run_cli(["replay", str(session), "--out", str(out)])
    assert_one_line_error(proc, phrase, model_path)
    assert not list(out.rglob("summary.json"))


def test_replay_of_a_manifest_naming_an_existing_outside_file_does_not_open_it(recorded_session: Path,
                                                                               tmp_path: Path) -> None:
    """Even a real ONNX file outside the package is refused (never handed to onnxruntime)."""
    outside = tmp_path / "copy.onnx"
    outside.write_bytes((res.files("oefensense.models") / LIFT_WAIST).read_bytes())
    proc = run_cli(["replay", str(hostile_copy(recorded_session, tmp_path, str(outside))), "--out", str(tmp_path / "o")])
    assert_one_line_error(proc, "not a model bundled with oefensense")


def test_replay_naming_the_bundled_model_works(recorded_session: Path, tmp_path: Path) -> None:
    proc = run_cli(["replay", str(hostile_copy(recorded_session, tmp_path, LIFT_WAIST)), "--out", str(tmp_path / "o")])
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "o" / "hostile" / "summary.json").read_text())["duration_s"] > 50


def test_an_analysis_that_fails_midway_leaves_no_result_files(tmp_path: Path) -> None:
    """A waist recording with the posture stage told to use a thigh: the first frame fails."""
    with pytest.raises(ValueError, match="needs sensors"):
        analyze([waist_csv(tmp_path)], tmp_path / "out",
                settings=PipelineSettings(stage_settings={"posture": {"config": "thigh"}}))
    assert not (tmp_path / "out" / "rec").exists()


def test_the_loader_fails_loudly_and_loads_once() -> None:
    assert load_model("lifting") is load_model("lifting", LIFT_WAIST)
    with pytest.raises(ModelPathError):
        load_model("lifting", "/abs/model.onnx")
    with pytest.raises(MissingModelError, match="lifting/gone.onnx"):
        load_model("lifting", "lifting/gone.onnx")
    with pytest.raises(ModelPathError, match="unknown model kind"):
        load_model("gait")


def test_the_pelvis_posture_configuration_without_its_model_is_an_error() -> None:
    from oefensense.pipeline.offline import frames_of

    rec = bundled_recording()
    frames = frames_of(recording_items([type(rec)(rec.info, rec.block.slice(0, 500), None, rec.source)]),
                       PipelineSettings(stages=()))
    with pytest.raises(MissingModelError, match="needs the posture model"):
        PostureStage(PostureSettings(config="pelvis")).process(frames[0])
