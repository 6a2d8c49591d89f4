"""click's usage errors ("Missing option '--out' / '-o'.") in the CLI's language.

typer (0.29) carries its own copy of click, whose messages are English f-strings: click's
gettext hook is gone from it (only "No such command" still goes through ``gettext``), so there
is no catalogue to hand them to. The common ones are recognised here by their English form and
said again from this catalogue's texts (``QT_TR_NOOP``, Dutch in ``oefensense_nl.ts``); any
other message stays as click wrote it. :func:`install` wraps ``typer.rich_utils.rich_format_error``,
which prints every usage error, like ``help_words`` sets typer's other words.
"""

from __future__ import annotations

import re
import sys
from types import ModuleType
from typing import Any

from .lang import QT_TR_NOOP, tr

# (click's English message, our template: the same text in English, so English output is unchanged)
MESSAGES = (
    (re.compile(r"Missing option (?P<hint>.+)\."), QT_TR_NOOP("Missing option {hint}.")),
    (re.compile(r"Missing argument (?P<hint>.+)\."), QT_TR_NOOP("Missing argument {hint}.")),
    (re.compile(r"Invalid value for (?P<hint>'[^']*'(?: / '[^']*')*): (?P<why>.*)", re.S),
     QT_TR_NOOP("Invalid value for {hint}: {why}")),
    (re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)"),
     QT_TR_NOOP("No such option: {name} (possible options: {options})")),
    (re.compile(r"No such option: (?P<name>\S+)"), QT_TR_NOOP("No such option: {name}")),
    (re.compile(r"No such command (?P<name>'.*')\. Did you mean (?P<options>.+)\?"),
     QT_TR_NOOP("No such command {name}. Did you mean {options}?")),
    (re.compile(r"No such command (?P<name>'.*')\."), QT_TR_NOOP("No such command {name}.")),
    (re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)"), QT_TR_NOOP("Got unexpected extra argument(s) ({args})")),
    (re.compile(r"Option (?P<name>'.*') requires an argument\."), QT_TR_NOOP("Option {name} requires an argument.")),
    (re.compile(r"Option (?P<name>'.*') does not take a value\."), QT_TR_NOOP("Option {name} does not take a value.")),
)
# why a value is invalid (typer checks values with pydantic)
REASONS = (
    (re.compile(r"Input should be a valid integer.*", re.S), QT_TR_NOOP("a whole number is needed")),
    (re.compile(r"Input should be a valid number.*", re.S), QT_TR_NOOP("a number is needed")),
    (re.compile(r"(?P<value>.+) is not one of (?P<choices>.+)\.", re.S), QT_TR_NOOP("{value} is not one of {choices}.")),
)

_language = "en"


def word(message: str, language: str) -> str:
    """click's ``message`` in ``language``; a message not recognised as it came. English: as click
    words it but for a reason from pydantic, which reads "a whole number is needed"."""
    for pattern, template in MESSAGES:
        found = pattern.fullmatch(message)
        if found:
            fields = found.groupdict()
            if "why" in fields:
                fields["why"] = _reason(fields["why"], language)
            return tr(template, language=language).format(**fields)
    return message


def _reason(text: str, language: str) -> str:
    for pattern, template in REASONS:
        found = pattern.fullmatch(text)
        if found:
            return tr(template, language=language).format(**found.groupdict())
    return text


def install(language: str) -> None:
    """Say usage errors in ``language`` from now on; typer's printer is wrapped once it is loaded
    (:func:`wrap_printer`, called by ``help_words`` then)."""
    global _language
    _language = language
    ru = sys.modules.get("typer.rich_utils")
    if ru is not None:
        wrap_printer(ru)


def wrap_printer(ru: ModuleType) -> None:
    """Wrap ``typer.rich_utils.rich_format_error`` (once) to say the message in the language
    :func:`install` set last."""
    if getattr(ru.rich_format_error, "_worded", False):
        return
    original = ru.rich_format_error

    def rich_format_error(exc: Any) -> None:
        text = word(exc.format_message(), _language)
        exc.format_message = lambda: text  # the instance's, for this one print
        original(exc)

    rich_format_error._worded = True  # type: ignore[attr-defined]
    ru.rich_format_error = rich_format_error
