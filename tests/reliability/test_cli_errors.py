"""Every CLI failure of issue 15 through the real CLI: a non-zero exit, one ``error:`` line on
stderr, no traceback, and nothing left behind that blocks trying again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from oefensense.session import SessionError, SessionWriter, session_info

from .helpers import cli, record_demo_session

CSV = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Path:
    s = record_demo_session(tmp_path_factory.mktemp("cli") / "s", close=False)
    assert cli("repair", s).rc == 0  # closed and compacted
    return s


def _unwritable(tmp_path: Path) -> Path:
    """A folder this process cannot create anything in (root ignores modes: use sysfs)."""
    if os.geteuid() == 0:
        return Path("/sys/oefensense-test")
    ro = tmp_path / "ro"
    ro.mkdir(mode=0o555)
    return ro / "out"


def test_out_that_is_a_file(tmp_path, session):
    f = tmp_path / "afile"
    f.write_text("x")
    assert "it is a file" in cli("record", "--simulate", "polar", "--duration", "1", "--out", f).one_error_line()
    assert "not a folder (ENOTDIR)" in cli("analyze", CSV, "--out", f).one_error_line()
    assert "not a folder (ENOTDIR)" in cli("replay", session, "--out", f).one_error_line()
    assert f.read_text() == "x"


def test_out_that_cannot_be_written(tmp_path, session):
    out = _unwritable(tmp_path)
    for args in (("record", "--simulate", "polar", "--duration", "1"), ("analyze", CSV), ("replay", session)):
        line = cli(*args, "--out", out).one_error_line()
        assert str(out) in line and ("not permitted" in line or "denied" in line or "Read-only" in line), line
    assert not out.exists()


@pytest.mark.parametrize("edit, expect", [
    ("m['pipeline_settings']['sync']['rate_hz'] = 0", "sync.rate_hz must be a positive number, got 0"),
    ("m['pipeline_settings']['sync']['bogus'] = 1", "sync.bogus is not a setting"),
    ("m['pipeline_settings']['colour'] = 'red'", "pipeline_settings.colour is not a setting"),
    ("m['pipeline_settings']['stage_settings'] = {'lifting': {'bogus': 1}}", "bogus"),
    ("m['pipeline_settings']['stages'] = ['nosuch']", "unknown analysis stage 'nosuch'"),
    ("m['pipeline_settings'] = 'fast'", "pipeline_settings must be an object"),
    ("m['sensors'][0]['nominal_rate_hz'] = 'fast'", "nominal_rate_hz must be a number"),
    ("m['sensors'][0]['placement'] = 'elbow'", "unknown placement 'elbow'"),
    ("m['sensors'][0]['colour'] = 'red'", "unknown fields ['colour']"),
    ("m['sensors'] = {}", "sensors must be a list"),
    ("m['sensor_join_seq'] = []", "sensor_join_seq must map"),
    ("m['parquet'] = {'packets': 5}", "parquet must map"),
    ("m['format_version'] = 'x'", "invalid format_version"),
    ("m['format_version'] = 99", "newer than this OefenSense reads"),
    ("m['closed'] = 'yes'", "closed must be true or false"),
])
def test_replay_of_a_hostile_manifest(tmp_path, session, edit, expect):
    s = tmp_path / "s"
    shutil.copytree(session, s)
    m = json.loads((s / "manifest.json").read_text())
    exec(edit)  # noqa: S102 - the test's own edit of the copy
    (s / "manifest.json").write_text(json.dumps(m))
    line = cli("replay", s, "--out", tmp_path / "out").one_error_line()
    assert expect in line, line
    assert not list((tmp_path / "out").rglob("summary.json")) if (tmp_path / "out").exists() else True


def test_hostile_patient_code_in_a_manifest_is_never_passed_on(tmp_path, session):
    s = tmp_path / "s"
    shutil.copytree(session, s)
    m = json.loads((s / "manifest.json").read_text())
    m["patient"] = {"code": "../../escaped"}
    (s / "manifest.json").write_text(json.dumps(m))
    info = session_info(s)
    assert any("patient code is not a valid" in w for w in info["warnings"])
    from oefensense.session import SessionReader

    assert SessionReader(s).manifest["patient"] is None and SessionReader(s).patient_code is None
    with pytest.raises(SessionError, match="invalid patient code"):
        SessionWriter(tmp_path / "new", meta={"patient": {"code": "Jan Jansen"}})
    assert not (tmp_path / "new").exists()


def test_two_writers_at_the_same_instant(tmp_path):
    """In-process, exactly simultaneous: one holds the directory, the other is refused."""
    out = tmp_path / "same"
    barrier = threading.Barrier(2)
    results: list = []

    def start() -> None:
        barrier.wait()
        try:
            results.append(SessionWriter(out))
        except SessionError as exc:
            results.append(exc)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    writers = [r for r in results if isinstance(r, SessionWriter)]
    errors = [r for r in results if isinstance(r, SessionError)]
    assert len(writers) == 1 and len(errors) == 1
    assert "another recorder is writing there" in str(errors[0]) or "not empty" in str(errors[0])
    writers[0].close()
    assert session_info(out)["closed"]


def test_two_recorders_started_together_on_one_out(tmp_path):
    out = tmp_path / "dup"
    cmd = [sys.executable, "-m", "oefensense", "record", "--simulate", "polar", "--duration", "3", "--speed", "3",
           "--out", str(out), "--no-analysis"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    rcs = sorted(p.returncode for p in procs)
    assert rcs[0] == 0 and rcs[1] != 0, outs
    err = next(e for p, (o, e) in zip(procs, outs) if p.returncode != 0)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and err.startswith("error: cannot record to")
    assert session_info(out)["closed"]  # the one that ran is intact


@pytest.mark.parametrize("args, expect", [
    (("--simulate", "nosuch"), "unknown device 'nosuch'"),
    (("--simulate", "polar=elbow"), "unknown placement 'elbow'"),
    (("--simulate", "polar", "--inject-dropout", "polar:xx"), "expected FAMILY:AT_S:FOR_S"),
    (("--simulate", "polar", "--rate", "0"), "--rate must be a positive number"),
    (("--simulate", "polar", "--duration", "-1"), "--duration must be a positive number"),
    (("--simulate", "polar", "--speed", "0"), "--speed must be a positive number"),
    (("--simulate", "polar:missing.csv"), "missing.csv: no such file"),
    (("--device", "AA:BB:CC:DD:EE:FF", "--speed", "2"), "only apply to --simulate"),
    (("--simulate", "polar", "--patient", "../../x"), "invalid patient code"),
])
def test_bad_record_arguments_leave_no_folder_behind(tmp_path, args, expect):
    out = tmp_path / "new"
    line = cli("record", *args, "--out", out).one_error_line()
    assert expect in line, line
    assert not out.exists()
    ok = cli("record", "--simulate", "polar", "--duration", "2", "--speed", "4", "--out", out, "--no-analysis")
    assert ok.rc == 0, ok.stderr  # the same --out works right after


def test_bad_analyze_and_replay_arguments(tmp_path, session):
    assert "no such file or session" in cli("analyze", tmp_path / "nope.csv", "--out", tmp_path / "o").one_error_line()
    assert "invalid patient code" in cli("analyze", CSV, "--patient", "Jan Jansen", "--out", tmp_path / "o").one_error_line()
    assert "max" in cli("replay", session, "--speed", "warp", "--out", tmp_path / "o").one_error_line()
    assert "is a file" in cli("replay", CSV, "--out", tmp_path / "o").one_error_line()
    assert "does not exist" in cli("info", tmp_path / "nope").one_error_line()
    assert "does not exist" in cli("repair", tmp_path / "nope").one_error_line()


def test_real_process_contract(tmp_path):
    """The same contract outside typer's runner, through ``python -m oefensense``."""
    f = tmp_path / "afile"
    f.write_text("x")
    line = cli("analyze", CSV, "--out", f, real_process=True).one_error_line()
    assert "not a folder (ENOTDIR)" in line
    line = cli("record", "--simulate", "nosuch", "--out", tmp_path / "n", real_process=True).one_error_line()
    assert "unknown device" in line and not (tmp_path / "n").exists()
