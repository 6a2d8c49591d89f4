"""The record layer's errors in the CLI's language: "fout: patient P001 already exists" was
English in the Dutch CLI (every RecordError and ResultsError reached the user as raised)."""

from __future__ import annotations

import pickle
from pathlib import Path

from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.record import RecordError
from oefensense.record.results import ResultsError, check_folder


def _err(*args: str) -> str:
    res = CliRunner(env={"COLUMNS": "200"}).invoke(app, list(args))
    assert res.exit_code == 1, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    return lines[0]


def test_record_errors_in_dutch_and_english(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    CliRunner().invoke(app, ["patient", "add", "P001", "--database", db])
    assert _err("--language", "nl", "patient", "add", "P001", "--database", db) == "fout: patiënt P001 bestaat al"
    assert _err("--language", "en", "patient", "add", "P001", "--database", db) == "error: patient P001 already exists"
    assert _err("--language", "nl", "report", "P001", "--out", str(tmp_path / "r.pdf"), "--database", db) == (
        "fout: P001 heeft nog geen sessies: registreer er een met `oefensense analyze ... --patient P001`")
    assert _err("--language", "nl", "patient", "goal", "P001", "", "--database", db) == "fout: een doel heeft een tekst nodig"


def test_worded_errors_keep_english_and_their_parts() -> None:
    try:
        check_folder(Path("/nonexistent/a"))
    except ResultsError as exc:
        inner = exc
    outer = RecordError("session {id} of {code}: {error}", id=3, code="P001", error=inner)
    assert str(outer) == "session 3 of P001: /nonexistent/a: no such analysis folder"  # logs, API: English
    assert outer.text(lambda t: f"[{t}]") == "[session 3 of P001: [/nonexistent/a: no such analysis folder]]"  # both translated
    again = pickle.loads(pickle.dumps(outer))  # a batch worker's error crosses processes whole
    assert type(again) is RecordError and str(again) == str(outer) and again.template == outer.template


def test_a_sensor_error_names_the_placement_in_the_clis_language(capsys) -> None:  # noqa: ANN001 - pytest fixture
    """'fout: opname mislukt: pelvis (AA:..): verbonden, maar geen gegevens ...': the Dutch sentence
    named the sensor by its id; the dashboard and the reports call it 'bekken'."""
    import pytest
    import typer

    from oefensense.ble.policy import NO_DATA_AFTER_START, NOT_SUPPORTED, ErrorKind
    from oefensense.ble.source import SensorUnavailableError
    from oefensense.commands.common import one_line_errors
    from oefensense.commands.lang import set_cli_language

    def said(language: str, exc: Exception) -> str:
        set_cli_language(language)
        try:
            with pytest.raises(typer.Exit), one_line_errors():
                raise exc
        finally:
            set_cli_language(None)
        return " ".join(capsys.readouterr().err.split())

    no_data = SensorUnavailableError(NO_DATA_AFTER_START, ErrorKind.NO_START_DATA, sensor="pelvis", address="AA:BB", seconds=5)
    assert said("nl", no_data).startswith("fout: bekken (AA:BB): verbonden, maar geen gegevens binnen 5 s")
    assert said("en", no_data).startswith("error: pelvis (AA:BB): connected, but no data within 5 s")
    assert said("nl", SensorUnavailableError(NOT_SUPPORTED, sensor="thigh", address="CC")).startswith("fout: bovenbeen (CC): ")
    assert said("nl", SensorUnavailableError(NOT_SUPPORTED, sensor="sensor3", address="CC")).startswith("fout: sensor3 (CC): ")


def test_an_invalid_patient_code_in_dutch_and_english(tmp_path: Path) -> None:
    # care audit: "fout: invalid patient code 'Jan Jansen': use 2-32 letters, ..." in the Dutch CLI
    from oefensense.core.patient import InvalidPatientCode

    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    assert _err("--language", "nl", "patient", "add", "Jan Jansen", "--database", db) == (
        "fout: ongeldige patiëntcode 'Jan Jansen': gebruik 2-32 letters, cijfers, '-' of '_', beginnend met een "
        "letter of cijfer (een pseudonieme code zoals P001, nooit een naam)")
    assert _err("--language", "en", "patient", "show", "a/b", "--database", db).startswith(
        "error: invalid patient code 'a/b': use 2-32 letters")
    again = pickle.loads(pickle.dumps(InvalidPatientCode("x y")))
    assert isinstance(again, InvalidPatientCode) and str(again) == str(InvalidPatientCode("x y"))


def test_a_manifests_invalid_patient_code_in_dutch() -> None:
    """session/manifest.py refused a code in English only ("invalid patient code ... use a
    pseudonymous code of 2-32 ..."), also under --language nl; it is a SessionError still."""
    import pickle

    import pytest

    from oefensense.commands.common import _reason
    from oefensense.commands.lang import set_cli_language
    from oefensense.session import SessionError
    from oefensense.session.manifest import check_patient_field

    with pytest.raises(SessionError) as caught:
        check_patient_field({"patient": {"code": "Jan Jansen"}})
    set_cli_language("nl")
    try:
        assert _reason(caught.value).startswith("ongeldige patiëntcode 'Jan Jansen': gebruik 2-32 letters")
    finally:
        set_cli_language(None)
    again = pickle.loads(pickle.dumps(caught.value))
    assert isinstance(again, SessionError) and str(again) == str(caught.value)
