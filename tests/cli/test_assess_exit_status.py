"""``oefensense assess`` tells a script by its exit status whether the test was scored: 0 scored,
3 analysed but not scored (what was found shown, one ``error:`` line on stderr, nothing stored),
1 an error (docs/assessments.md, *Exit status*). Until 5 Dec 2026 a test that measured nothing
exited 0 without ``--patient`` (a TUG too slow for its sit-down to be found printed "not scored"),
and an implausible figure exited 1 like a bad file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.assessments.test_assess_refusals import FIXTURE, cut  # noqa: F401 - the shipped 5xSTS file, and it cut short


def oefensense(*args: object, language: str = "en") -> subprocess.CompletedProcess:
    """The installed command line in a real process (its real exit status, stdout, stderr)."""
    env = {**os.environ, "LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "oefensense", "--language", language, *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=300)


def test_a_scored_test_exits_0() -> None:
    p = oefensense("assess", "five-times-sit-to-stand", FIXTURE, "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["time_s"] is not None
    assert "error" not in p.stderr


@pytest.mark.parametrize("language, error", [("en", "error: nothing was measured (see the flags): not scored"),
                                             ("nl", "fout: er is niets gemeten (zie de markeringen): niet gescoord")])
def test_a_recording_that_measures_nothing_exits_3_with_one_line(cut: Path, language: str, error: str) -> None:
    p = oefensense("assess", "five-times-sit-to-stand", cut, language=language)
    assert p.returncode == 3, (p.returncode, p.stdout, p.stderr)
    assert "too_few_reps" in p.stderr  # what was found is shown, before the reason
    errors = [line for line in p.stderr.splitlines() if line.startswith(error.split(":")[0] + ":")]
    assert errors == [error], p.stderr  # one line, the last word of the run
    assert p.stderr.rstrip().endswith(error)


def test_json_of_a_test_that_measures_nothing_is_printed_and_exits_3(cut: Path) -> None:
    p = oefensense("assess", "five-times-sit-to-stand", cut, "--json")
    assert p.returncode == 3, p.stderr
    out = json.loads(p.stdout)  # the flags explain the gap; no figure
    assert out["time_s"] is None and "too_few_reps" in [f["code"] for f in out["flags"]]
    assert p.stderr.strip() == "error: nothing was measured (see the flags): not scored"


def test_a_simulated_tug_too_slow_to_score_exits_3() -> None:
    """The report's case: a TUG whose sit-down the detector does not find at this movement speed."""
    p = oefensense("assess", "tug", "--simulate", "movesense=pelvis", "--movement-speed", "3.5", "--speed", "20",
                   "--countdown", "0")
    assert "Timed Up and Go: not scored" in p.stdout, p.stdout
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert p.stderr.rstrip().splitlines()[-1] == "error: nothing was measured (see the flags): not scored"


def test_an_error_is_not_not_scored(tmp_path: Path) -> None:
    """A file that cannot be read is an error (1), not a test without a score (3)."""
    p = oefensense("assess", "tug", tmp_path / "missing.waist.csv")
    assert p.returncode == 1, (p.returncode, p.stderr)


def test_the_help_documents_the_exit_statuses() -> None:
    p = oefensense("assess", "--help")
    text = " ".join(p.stdout.split())
    assert "Exit status: 0 scored" in text and "3 not scored" in text and "1 an error" in text, text
    p = oefensense("assess", "--help", language="nl")
    assert "Afsluitstatus: 0 gescoord" in " ".join(p.stdout.split())
