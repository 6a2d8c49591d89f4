"""The CLI's language: ``--language nl|en`` (global or per command), else the locale.

The CLI prints few sentences of its own (ticker, demo announcements); events are worded by their
declarations (``oefensense.core.events.describe``) and postures by the reports' vocabulary, so
the terminal, the dashboard and the reports say the same thing.
"""

from __future__ import annotations

import os

import typer

LANGUAGES = ("en", "nl")
_chosen: str | None = None  # set by the global --language option

# CLI sentences in both languages; ``{name}`` fields are filled by :func:`say`.
TEXTS: dict[str, tuple[str, str]] = {
    "ticker": ("{t:>5} s  {posture:<14} transitions {transitions} · lifts {lifts} · events {events}",
               "{t:>5} s  {posture:<14} overgangen {transitions} · tilmomenten {lifts} · meldingen {events}"),
    "demo_intro": ("OefenSense demo: {recording} (HAPT, CC BY 4.0, waist) streamed through a simulated {device} "
                   "wearable at {speed} speed",
                   "OefenSense-demo: {recording} (HAPT, CC BY 4.0, taille) via een gesimuleerde {device}-sensor "
                   "op {speed} snelheid"),
    "demo_lifting_intro": ("SIMULATED lifting part: {n} lifts ({techniques}) from the movement simulator, "
                           "trunk + pelvis + thigh sensors clipped on at random angles",
                           "GESIMULEERD tildeel: {n} tilmomenten ({techniques}) uit de bewegingssimulator, "
                           "sensoren op romp, bekken en bovenbeen onder willekeurige hoeken"),
    "title_real": ("real recording via simulated {device}", "echte opname via gesimuleerde {device}"),
    "title_sim": ("SIMULATED lifting (movement simulator) via simulated {device}",
                  "GESIMULEERD tillen (bewegingssimulator) via gesimuleerde {device}"),
    "recorded": ("recorded {out}/  (replay: oefensense replay {out} --out OUT)",
                 "opgenomen {out}/  (terugkijken: oefensense replay {out} --out MAP)"),
    "lifting_not_recorded": ("the simulated lifting part was not recorded (add --lifting-out DIR to record it too)",
                             "het gesimuleerde tildeel is niet opgenomen (voeg --lifting-out MAP toe om het ook op te nemen)"),
}


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
        raise typer.BadParameter(f"{value!r} is not a language here; use one of: {', '.join(LANGUAGES)}")
    return value


def language_option(help_: str = "Language of the output: en or nl (default: --language before the command, else the locale).") -> str | None:
    """The one spelling of the language option for every command."""
    return typer.Option(None, "--language", "-L", help=help_, callback=lambda v: None if v is None else check_language(v))


def say(key: str, lang: str, **fields: object) -> str:
    """The CLI sentence ``key`` in ``lang`` with its fields filled in."""
    en, nl = TEXTS[key]
    return (nl if lang == "nl" else en).format(**fields)


def posture_word(posture: str, lang: str) -> str:
    """A posture name as the reports word it (``sitting`` -> ``zitten``)."""
    from ..reports.text import POSTURES

    pair = POSTURES.get(posture)
    return posture if pair is None else pair[1 if lang == "nl" else 0]
