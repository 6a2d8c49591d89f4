"""What a run of the CLI loads (issue #20, the fixed costs of a run): registering every command
loads none of the session package (pyarrow's parquet and compute modules), the device families'
firmware models (``oefensense.protocols``), asyncio or typer's help and error printer
(``typer.rich_utils``, rich's markdown), and ``analyze FILE.csv`` never needs them; the commands
that do need them load them themselves and still work, and help and usage errors printed by a
fresh process (the printer loaded then) are in the language asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

ROOT = Path(__file__).resolve().parents[2]
CSV = ROOT / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"
NOT_NEEDED = ("oefensense.session", "oefensense.protocols", "oefensense.sources.simulated", "asyncio",
              "pyarrow.parquet", "pyarrow.compute", "typer.rich_utils")

# in a fresh interpreter: run the CLI with argv, then print its exit code and which of NOT_NEEDED it loaded
PROBE = """
import json, sys
from oefensense.cli import main
args, watched = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["oefensense", *args]
try:
    main()
    code = 0
except SystemExit as exc:
    code = exc.code
print("PROBE " + json.dumps({"code": code, "loaded": [m for m in watched if m in sys.modules]}))
"""


def _probe(args: list[str]) -> dict:
    res = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(NOT_NEEDED)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    line = [ln for ln in res.stdout.splitlines() if ln.startswith("PROBE ")]
    assert line, res.stderr[-2000:]
    return json.loads(line[-1][len("PROBE "):])


def test_registering_the_commands_loads_none_of_them():
    res = subprocess.run([sys.executable, "-c", "import json, sys, oefensense.cli; "
                          f"print(json.dumps([m for m in {NOT_NEEDED!r} if m in sys.modules]))"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == []


def test_analyze_of_a_csv_loads_none_of_them(tmp_path):
    got = _probe(["analyze", str(CSV), "--out", str(tmp_path / "out"), "-q"])
    assert got == {"code": 0, "loaded": []}
    assert (tmp_path / "out" / "hapt_user01_exp0_0-240s" / "summary.json").is_file()


def test_info_still_loads_the_session_package_and_refuses_a_folder_that_is_no_session(tmp_path):
    got = _probe(["info", str(tmp_path)])
    assert got["code"] == 2  # the session's own error (SessionError), as before
    assert "oefensense.session" in got["loaded"]


def test_the_sources_package_still_gives_the_simulated_names():
    import oefensense.sources as sources
    from oefensense.sources import BUNDLED_RECORDING, simulated_device_items
    from oefensense.sources import simulated

    assert simulated_device_items is simulated.simulated_device_items
    assert BUNDLED_RECORDING == simulated.BUNDLED_RECORDING
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        sources.nothing_here  # noqa: B018


def test_one_line_errors_turns_a_session_error_into_one_line(capsys):
    """The session's error class is looked up when one is raised (it is not imported up front)."""
    from oefensense.commands.common import one_line_errors
    from oefensense.session import SessionError

    with pytest.raises(typer.Exit) as exit_:
        with one_line_errors():
            raise SessionError("not an OefenSense session: no manifest.json")
    assert exit_.value.exit_code == 1
    assert capsys.readouterr().err.strip() == "error: not an OefenSense session: no manifest.json"


@pytest.mark.parametrize("exc", [RuntimeError("boom"), LookupError("other"), ZeroDivisionError()])
def test_one_line_errors_lets_any_other_error_through_unchanged(exc):
    from oefensense.commands.common import one_line_errors

    with pytest.raises(type(exc)) as raised:
        with one_line_errors():
            raise exc
    assert raised.value is exc


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "oefensense", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**__import__("os").environ, "COLUMNS": "200"})


@pytest.mark.parametrize(("language", "title", "error"), [
    ("nl", "Fout", "Optie '--out' / '-o' ontbreekt."), ("en", "Error", "Missing option '--out' / '-o'.")])
def test_a_fresh_process_words_a_usage_error_in_its_language(language, title, error):
    """typer loads its printer only to print the error: the words are set then."""
    res = _cli("--language", language, "analyze", str(CSV))
    assert res.returncode == 2
    assert f"─ {title} ─" in res.stderr and error in res.stderr, res.stderr


@pytest.mark.parametrize(("language", "options", "usage"), [("nl", "Opties", "Gebruik:"), ("en", "Options", "Usage:")])
def test_a_fresh_process_prints_help_with_typers_words_in_its_language(language, options, usage):
    res = _cli("-L", language, "analyze", "--help")
    assert res.returncode == 0, res.stderr
    assert f"─ {options} ─" in res.stdout and usage in res.stdout, res.stdout
