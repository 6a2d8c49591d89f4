"""``oefensense assess`` on a recording that is not a clean test (HAPT user05/user07, whole
5-min recordings): what was found is shown and the refusal is one worded line in the
command's language, exit 3 (not scored; 1 until 5 Dec 2026), nothing stored; never a silent wrong score or an unexplained error."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.assessments import TESTS, AssessmentResult
from oefensense.assessments.base import Phase
from oefensense.cli import app

FIXTURE = Path(__file__).resolve().parent / "data" / "hapt_5xsts.waist.csv.gz"


def run(*args: object):  # noqa: ANN201
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def cut(tmp_path: Path) -> Path:
    """The shipped 5xSTS recording cut to 60 %: fewer than five stand-ups, nothing measured."""
    lines = gzip.open(FIXTURE, "rt").read().splitlines()
    out = tmp_path / "short.waist.csv"
    out.write_text("\n".join(lines[: int(len(lines) * 0.6)]) + "\n")
    return out


@pytest.mark.parametrize("language, flag, error", [
    ("en", "Fewer repetitions than the protocol asks", "error: nothing was measured"),
    ("nl", "Minder herhalingen dan het protocol vraagt", "fout: er is niets gemeten"),
])
def test_nothing_measured_for_a_patient_shows_the_flags_it_refers_to(cut: Path, language: str, flag: str,
                                                                    error: str) -> None:
    assert run("patient", "add", "P910").exit_code in (0, 1)
    r = run("--language", language, "assess", "five-times-sit-to-stand", cut, "--patient", "P910")
    assert r.exit_code == 3, r.output
    assert flag in r.output and "too_few_reps" in r.output, r.output  # "see the flags": they are there
    assert error in r.output, r.output
    assert r.output.index("too_few_reps") < r.output.index(error)
    assert "Five times sit-to-stand" not in run("patient", "show", "P910").stdout


def _a_whole_recording_as_a_tug(self, frame, ctx):  # noqa: ANN001, ANN202
    """What the TUG scored on HAPT user07_exp0 (the whole 5.5-min recording, 329.76 s)."""
    res = AssessmentResult("tug", start_s=0.0, time_s=329.76, done=True, placement="pelvis",
                           phases=[Phase("stand_up", 0.0, 139.7), Phase("sit_down", 325.4, 329.76)],
                           measures={"tug_time_s": 329.76})
    res.flag("moving_at_end", "the patient was still moving when the data ended")
    return res


@pytest.mark.parametrize("language, words", [
    ("en", ["Timed Up and Go: not scored", "error: Timed Up and Go 329.8 s is outside the plausible range 0-300 s"]),
    ("nl", ["Timed Up and Go: niet gescoord", "fout: Timed Up and Go 329,8 s ligt buiten het plausibele bereik 0-300 s"]),
])
@pytest.mark.parametrize("patient", [False, True])
def test_an_implausible_score_is_refused_in_words_before_it_is_stored(monkeypatch, language: str, words: list[str],
                                                                      patient: bool) -> None:  # noqa: ANN001
    monkeypatch.setattr(TESTS["tug"], "analyse", _a_whole_recording_as_a_tug)
    extra = ["--patient", "P911"] if patient else []
    if patient:
        run("patient", "add", "P911")
    r = run("--language", language, "assess", "tug", FIXTURE, *extra)
    assert r.exit_code == 3, r.output
    text = " ".join(r.output.split())
    for w in words:
        assert w in text, text
    assert "329.8 s │" not in r.output and "329,8 s │" not in r.output  # not in the table as a valid score
    assert "tug_time_s=" not in text and "outside 0..300" not in text  # not the record's raw line
    assert "moving_at_end" in text and "sit down" in text or "gaan zitten" in text  # what was found is shown
    if patient:
        assert "Timed Up and Go" not in run("patient", "show", "P911").stdout
    r = run("assess", "tug", FIXTURE, "--json", *extra)
    assert r.exit_code == 3, r.output
    out = json.loads(r.stdout)  # what was found, without the refused figure (until 5 Dec 2026 no object)
    assert out["time_s"] is None and "moving_at_end" in [f["code"] for f in out["flags"]], out


def test_store_result_refuses_an_implausible_figure_in_words() -> None:
    from oefensense.commands.assess_run import ImplausibleResult, store_result
    from datetime import datetime, timezone

    run("patient", "add", "P912")
    res = _a_whole_recording_as_a_tug(None, None, None)
    with pytest.raises(ImplausibleResult) as exc:
        store_result(None, "P912", res, datetime.now(timezone.utc), None, None, "recording")
    assert exc.value.text(lambda s: s, "nl").startswith("Timed Up and Go 329,8 s")


def test_the_records_own_range_check_is_worded_in_dutch() -> None:
    run("patient", "add", "P913")
    r = run("--language", "nl", "patient", "assess", "P913", "--kind", "intake", "--result", "nprs=11")
    assert r.exit_code == 1
    assert "buiten het toegestane bereik 0..10" in " ".join(r.output.split()), r.output
