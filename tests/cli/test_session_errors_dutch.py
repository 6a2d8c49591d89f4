"""A session's and a feedback plan's errors in the CLI's and the dashboard's language: "fout: no
session at X: the path does not exist" and "fout: plan.toml: daily_cap: expected a whole number of
cues >= 1, got 0" were English under --language nl (every SessionError and PlanError reached the
user as raised), and so was the plan editor's status line in a Dutch dashboard."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.analysis.feedback_plan import PlanError, plan_from_dict
from oefensense.cli import app
from oefensense.session import SessionError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "session"))
from test_session_damage import _seg, _write  # noqa: E402 - the damage tests' own recorder


def _said(*args: str, code: int) -> str:
    res = CliRunner(env={"COLUMNS": "300"}).invoke(app, list(args))
    assert res.exit_code == code, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    return lines[0]


def test_info_on_what_is_not_a_session(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "empty").mkdir()
    cases = {
        tmp_path / "nope": ("fout: geen sessie op {p}: het pad bestaat niet", "error: no session at {p}: the path does not exist"),
        tmp_path / "a.txt": ("fout: geen OefenSense-sessie: {p} is een bestand; geef de sessiemap op",
                             "error: not an OefenSense session: {p} is a file; pass the session directory"),
        tmp_path / "empty": ("fout: geen OefenSense-sessie: {p} is een lege map",
                             "error: not an OefenSense session: {p} is an empty directory"),
    }
    for path, (nl, en) in cases.items():
        assert _said("-L", "nl", "info", str(path), code=2) == nl.format(p=path)
        assert _said("-L", "en", "info", str(path), code=2) == en.format(p=path)


def test_a_damaged_session_is_named_with_its_loss_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "s"
    _write(path)
    _seg(path).unlink()
    out = str(tmp_path / "out")
    nl = _said("-L", "nl", "replay", str(path), "-o", out, code=1)
    assert nl == (f"fout: beschadigde sessie {path}: segments/000001-samples.arrows ontbreekt: 400 rijen meetwaarden "
                  f"verloren, 0,00–3,99 s; voer `oefensense repair {path}` uit om de intacte gegevens te houden en te "
                  "markeren wat verloren ging")
    en = _said("-L", "en", "replay", str(path), "-o", out, code=1)
    assert en == (f"error: damaged session {path}: segments/000001-samples.arrows is missing: 400 samples rows lost, "
                  f"0.00–3.99 s; run `oefensense repair {path}` to keep the intact data and flag what was lost")


def test_recording_into_a_used_folder_in_dutch(tmp_path: Path) -> None:
    from oefensense.commands.common import _reason
    from oefensense.commands.lang import set_cli_language
    from oefensense.session import SessionWriter

    (tmp_path / "x").write_text("in the way")
    with pytest.raises(SessionError) as caught:
        SessionWriter(tmp_path)
    try:
        set_cli_language("nl")
        assert _reason(caught.value) == f"kan niet opnemen in {tmp_path}: de map is niet leeg; kies een nieuwe"
    finally:
        set_cli_language("en")
    assert str(caught.value) == f"cannot record to {tmp_path}: the directory is not empty; choose a new one"


def test_feedback_plan_errors_in_dutch(tmp_path: Path) -> None:
    bad = tmp_path / "plan.toml"
    bad.write_text("daily_cap = 0\n")
    assert _said("-L", "nl", "replay", "--feedback", str(bad), "-o", str(tmp_path / "o"), str(tmp_path), code=1) == (
        f"fout: {bad}: daily_cap: verwacht een geheel aantal signalen >= 1, gekregen 0")
    assert _said("-L", "en", "replay", "--feedback", str(bad), "-o", str(tmp_path / "o"), str(tmp_path), code=1) == (
        f"error: {bad}: daily_cap: expected a whole number of cues >= 1, got 0")
    missing = tmp_path / "none.toml"
    assert _said("-L", "nl", "replay", "--feedback", str(missing), "-o", str(tmp_path / "o"), str(tmp_path), code=1) == (
        f"fout: {missing}: dit feedbackplan bestaat niet")


def test_worded_errors_keep_their_english_and_survive_a_process_boundary() -> None:
    with pytest.raises(PlanError) as caught:
        plan_from_dict({"rules": {"prolonged_sitting": {"cue": "horn"}}}, source="plan")
    exc = caught.value
    assert str(exc) == "plan: rules.prolonged_sitting.cue: expected one of vibrate, beep, led, message; got 'horn'"
    assert exc.text(lambda t: f"[{t}]").startswith("[plan: rules.prolonged_sitting.cue: [expected one of ")  # both translated
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is PlanError and str(again) == str(exc)
    braces = SessionError("a plain sentence with {braces} and no fields")  # a programming error's text, shown as it is
    assert braces.text(lambda t: t) == "a plain sentence with {braces} and no fields"


def test_the_plan_editor_says_a_bad_plan_in_dutch(qtbot, tmp_path: Path) -> None:  # noqa: ANN001 - pytest fixture
    from oefensense.gui import i18n
    from oefensense.gui.feedback_editor import FeedbackPlanEditor

    bad = tmp_path / "plan.toml"
    bad.write_text("[rules.foo]\n")
    try:
        i18n.set_language("nl")
        ed = FeedbackPlanEditor()
        qtbot.addWidget(ed)
        ed.load(bad)
        assert f"{bad}: rules.foo: onbekende regel; bekend: " in ed.status.text()
    finally:
        i18n.set_language("en")
