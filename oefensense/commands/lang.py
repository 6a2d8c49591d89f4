"""The CLI's language: ``--language nl|en`` (global or per command), else the locale.

The CLI's own sentences go through :func:`tr`, which has the signature of Qt's ``tr()`` so that
``pyside6-lupdate`` extracts them into the same Qt Linguist catalogue as the dashboard's
(``oefensense/translations/oefensense_nl.ts``); the CLI reads that catalogue without Qt
(:mod:`oefensense.translations`, docs/translations.md). Fields are ``str.format`` fields:
``tr("wrote {path}").format(path=...)``. Events are worded by their declarations
(``oefensense.core.events.describe``) and postures by the reports' vocabulary, so the terminal,
the dashboard and the reports say the same thing.
"""

from __future__ import annotations

import os

import typer

from ..translations import list_separator, number, translate

LANGUAGES = ("en", "nl")
_chosen: str | None = None  # set by the global --language option (or a command's own)


def tr(text: str, disambiguation: str | None = None, n: int = -1, language: str | None = None) -> str:
    """``text`` in ``language`` (default: the CLI's); with ``n`` >= 0 the numerus form for ``n``
    (``%n`` filled in)."""
    return translate(language or cli_language(), "", text, n)


def num(value: float, digits: int = 1, *, sign: bool = False, language: str | None = None, trim: bool = False) -> str:
    """A number for the terminal in ``language`` (default: the CLI's): "12,8" in Dutch, as the
    reports write it; JSON and CSV keep the point; ``trim``: no trailing zeros."""
    return number(value, digits, language or cli_language(), sign=sign, trim=trim)


def sep(language: str | None = None) -> str:
    """Between list items with numbers in ``language`` (default: the CLI's): "; " in Dutch."""
    return list_separator(language or cli_language())


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks a text for the catalogue where it is defined; :func:`tr` translates it where shown."""
    return text


def system_language(environ: dict[str, str] | None = None) -> str:
    """``"nl"`` when the locale variables (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, in
    gettext's order) name Dutch, else ``"en"``."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "nl" if value.split(":")[0].lower().startswith("nl") else "en"
    return "en"


def set_cli_language(language: str | None) -> None:
    """The global ``--language`` (None: back to the locale)."""
    global _chosen
    _chosen = check_language(language) if language is not None else None


def chosen_language() -> str | None:
    """The global ``--language``, None when not given (the dashboard then keeps its saved setting)."""
    return _chosen


def cli_language(option: str | None = None) -> str:
    """A command's own ``--language`` if given, else the global one, else the locale."""
    if option is not None:
        return check_language(option)
    return _chosen or system_language()


def check_language(value: str) -> str:
    if value not in LANGUAGES:
        raise typer.BadParameter(tr("{value!r} is not a language here; use one of: {languages}")
                                 .format(value=value, languages=", ".join(LANGUAGES)))
    return value


def _command_language(value: str | None) -> str | None:
    """A command's ``--language``: checked, and the language of everything that command prints."""
    if value is not None:
        set_cli_language(value)
    return value


def language_option(help_: str = QT_TR_NOOP("Language of the output: en or nl (default: --language before the command, else the locale).")) -> str | None:
    """The one spelling of the language option for every command."""
    return typer.Option(None, "--language", "-L", help=help_, callback=_command_language)


def posture_word(posture: str, lang: str) -> str:
    """A posture name as the reports word it (``sitting`` -> ``zitten``)."""
    from ..reports.text import POSTURES

    pair = POSTURES.get(posture)
    return posture if pair is None else pair[1 if lang == "nl" else 0]


def placement_word(name: str, lang: str | None = None) -> str:
    """A sensor's placement as the dashboard and the reports word it (``pelvis`` -> ``bekken``,
    an alias such as ``waist`` under its placement); an id that is no placement as it is."""
    from ..reports.text import Words

    return Words(lang or cli_language()).placement(name)
