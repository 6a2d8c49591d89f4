"""`oefensense --help` and the commands' help in the CLI's language: under `--language nl` (or a
Dutch locale) the help was English throughout, the command list, the options and typer's own
words ("Options", "[required]") alike."""

from __future__ import annotations

import inspect

import typer
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.commands.lang import tr
from oefensense.commands.registration import ASSESSMENT_HELP, ASSESSMENTS

# commands whose every help text is in the catalogue; the others have their line in the list only
FULL = ("analyze", "assess", "report", "export", "patient", "record", "info", "demo", "batch", "replay", "repair", "scan",
        "calibrate", "gui")
NOT_YET: tuple[str, ...] = ()  # commands whose line in the list is still English


def _help(*args: str, env: dict[str, str] | None = None) -> str:
    res = CliRunner(env={"COLUMNS": "200", **(env or {})}).invoke(app, [*args, "--help"])
    assert res.exit_code == 0, res.output
    return " ".join(res.output.split())


def test_top_level_help_is_dutch_and_english_again_after() -> None:
    nl = _help("--language", "nl")
    assert "Houding en beweging meten met draagbare sensoren" in nl and "Deze hulp tonen en stoppen." in nl
    assert "Opties" in nl and "Opdrachten" in nl and "Options" not in nl
    root = typer.main.get_command(app)
    for name, command in root.commands.items():  # every command's line in the list
        if name in NOT_YET:
            continue
        line = inspect.cleandoc(command.short_help or command.help or "")
        assert tr(line, language="nl") != line, name
    assert "Stream a bundled real recording" not in nl and "Write a PDF report" not in nl
    assert "Houding en beweging" in _help(env={"LANG": "nl_NL.UTF-8"})  # the locale, no option
    en = _help("--language", "en")  # the same app object: English again
    assert "Wearable posture and movement monitoring" in en and "Options" in en and "Opties" not in en
    assert "Show this message and exit." in en and "Write a PDF report" in en


def test_the_most_used_commands_have_every_help_text_in_dutch() -> None:
    root = typer.main.get_command(app)
    for name in FULL:
        command = root.commands[name]
        for c in [command, *getattr(command, "commands", {}).values()]:
            for text in [c.help, *(p.help for p in c.params if getattr(p, "help", None))]:
                text = inspect.cleandoc(text)
                flat = " ".join(text.split())  # a docstring wrapped where the catalogue's short help is one line
                assert tr(text, language="nl") != text or tr(flat, language="nl") != flat, (name, c.name, text)
    analyze = _help("-L", "nl", "analyze")
    assert "Uitvoermap; een submap per opname." in analyze and "[verplicht]" in analyze and "[standaard: 10.0]" in analyze
    show = _help("-L", "nl", "patient", "show")
    assert "De sessies van een patiënt" in show and "Database van het dossier" in show
    report = _help("report", "--language", "nl")  # a command's own --language, after it
    assert "Het PDF-bestand dat geschreven wordt." in report and "Taal van het verslag" in report
    record = _help("-L", "nl", "record")
    assert "Nieuwe sessiemap." in record and "Live (of gesimuleerde) sensoren opnemen" in record
    for kind in ASSESSMENTS:  # the catalogue text names every kind
        assert kind in ASSESSMENT_HELP, kind


def test_the_usage_line_and_the_rest_of_the_commands_are_dutch() -> None:
    """demo, batch, replay, repair, scan, calibrate and gui showed a Dutch first line over English
    options, and every help began "Usage:" (click's prefix); a usage error too."""
    for name, expected in (("demo", "De eigen pakketten van de sensor"), ("batch", "Lokale werkprocessen"),
                           ("replay", "Uitvoermap (krijgt SESSIENAAM/)"), ("repair", "De sessiemap die hersteld moet worden"),
                           ("scan", "Seconden luisteren"), ("calibrate", "Map voor de JSON-profielen"),
                           ("gui", "Waar opnames worden opgeslagen")):
        nl = _help("-L", "nl", name)
        assert f"Gebruik: oefensense {name}" in nl and "Usage:" not in nl and expected in nl, (name, nl)
    assert "Usage: oefensense replay" in _help("-L", "en", "replay")
    error = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["-L", "nl", "replay"])
    assert error.exit_code == 2 and "Gebruik: oefensense replay" in error.output, error.output
    # markdown ate "<session name>" and "<input>" (read "(gets /)", "recordings// per input")
    assert "(gets SESSION_NAME/)" in _help("-L", "en", "replay") and "recordings/INPUT/ per input" in _help("-L", "en", "batch")


def test_assess_help_options_are_dutch_and_say_the_file_name_whole() -> None:
    """`oefensense --language nl assess --help` had every option but --sensor, --database and
    --help in English, and "(else from NAME.<placement>.csv)" printed "NAME..csv" in both
    languages (typer's markdown took "<placement>" for a tag; care walk-through, 5 Dec 2026)."""
    nl = _help("--language", "nl", "assess")
    assert "een gesimuleerde sensor die de voorgeschreven test doet" in nl and "Leeftijd van de patiënt" in nl, nl
    assert "NAAM.PLAATS.csv" in nl and "a simulated wearable" not in nl and "Print the result" not in nl, nl
    en = _help("--language", "en", "assess")
    assert "NAME.PLACEMENT.csv" in en and "NAME..csv" not in en, en
