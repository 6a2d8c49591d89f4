"""click's usage errors in the CLI's language (care audit, 4 Dec: "Missing option '--out' / '-o'."
in a Dutch CLI). typer's copy of click words them in English f-strings, without a gettext hook:
``commands/usage_words`` recognises the common ones and says them from the catalogue."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from oefensense.cli import app


def _panel(*args: str) -> str:
    res = CliRunner(env={"COLUMNS": "200"}).invoke(app, list(args))
    assert res.exit_code == 2, res.output
    return " ".join(re.findall(r"│ (.*?) *│", res.stderr))


@pytest.mark.parametrize(("args", "nl", "en"), [
    (("report",), "Argument 'code' ontbreekt.", "Missing argument 'code'."),
    (("report", "P1"), "Optie '--out' / '-o' ontbreekt.", "Missing option '--out' / '-o'."),
    (("report", "P1", "--out", "x.pdf", "--session", "abc"), "Ongeldige waarde voor '--session': er is een geheel getal nodig",
     "Invalid value for '--session': a whole number is needed"),
    (("report", "P1", "--out", "x.pdf", "--fro", "2"), "Onbekende optie: --fro (mogelijke opties: --for, --from, --to)",
     "No such option: --fro (possible options: --for, --from, --to)"),
    (("rapport",), "Onbekend commando 'rapport'. Bedoelde u 'report', 'export'?",
     "No such command 'rapport'. Did you mean 'report', 'export'?"),
    (("report", "P1", "P2", "--out", "x"), "Onverwacht extra argument (P2)", "Got unexpected extra argument(s) (P2)"),
    (("report", "P1", "--out"), "Optie '--out' heeft een waarde nodig.", "Option '--out' requires an argument."),
])
def test_common_usage_errors_in_dutch_and_english(args: tuple[str, ...], nl: str, en: str) -> None:
    assert _panel("--language", "nl", *args) == nl
    assert _panel("--language", "en", *args) == en


def test_a_message_not_recognised_stays_as_click_wrote_it() -> None:
    from oefensense.commands.usage_words import word

    assert word("Something else went wrong.", "nl") == "Something else went wrong."
    assert word("Invalid value for '--x': odd.", "nl") == "Ongeldige waarde voor '--x': odd."
