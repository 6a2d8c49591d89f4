"""The translation catalogues of the dashboard and the CLI, in Qt Linguist's format.

One ``.ts`` source per language (``oefensense_nl.ts``; ``oefensense_en.ts`` holds English plural
forms only) is written by ``pyside6-lupdate`` from the code's ``tr()``/``translate()`` calls and
translated in Qt Linguist; ``pyside6-lrelease`` compiles it to the ``.qm`` the dashboard loads
with a ``QTranslator`` (``make translations`` does both; both ship as package data).

The CLI must stay Qt-free, so it reads the same ``.ts`` here with the standard library (an XML
file of a few hundred messages parses in milliseconds) instead of a second catalogue format:
one source, one tool for translators, one test for completeness (docs/translations.md).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

LANGUAGES = ("en", "nl")
SOURCE_LANGUAGE = "en"


def number(value: float, digits: int = 1, language: str = SOURCE_LANGUAGE, *, sign: bool = False,
           trim: bool = False) -> str:
    """``value`` with ``digits`` decimals as a reader of ``language`` writes it: a decimal comma
    in Dutch ("12,8"), a point in English; ``sign`` writes "+" before positive values. The one
    rule for the reports, the CLI and the dashboard, so the three write a number alike
    (machine-readable output, JSON and CSV, keeps the point). ``trim`` drops trailing zeros
    ("60" for 60.0, "2.5" for 2.50)."""
    text = f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "nl" else text


def list_separator(language: str) -> str:
    """Between the items of a list of numbers: "; " in Dutch, whose numbers carry a decimal
    comma ("liggen 39,5; zitten 34,5"), else ", "."""
    return "; " if language == "nl" else ", "


def ts_path(language: str) -> Path:
    """The Qt Linguist source of ``language``."""
    return Path(str(files(__name__) / f"oefensense_{language}.ts"))


def qm_path(language: str) -> Path:
    """The compiled catalogue of ``language`` (what ``QTranslator.load`` reads)."""
    return Path(str(files(__name__) / f"oefensense_{language}.qm"))


def plural_form(language: str, n: int) -> int:
    """Index of the numerus form for ``n`` (Dutch and English: one, other), as Qt numbers them."""
    return 0 if n == 1 else 1


class Catalogue:
    """The finished translations of one ``.ts`` file: ``(context, source) -> forms``."""

    def __init__(self, language: str, messages: dict[tuple[str, str], tuple[str, ...]]) -> None:
        self.language = language
        self.messages = messages

    @classmethod
    def read(cls, path: Path, language: str) -> "Catalogue":
        messages: dict[tuple[str, str], tuple[str, ...]] = {}
        for ctx in ET.parse(path).getroot().iter("context"):
            name = ctx.findtext("name") or ""
            for msg in ctx.iter("message"):
                tr = msg.find("translation")
                if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue  # as lrelease does: an unfinished text shows the source
                forms = tuple(f.text or "" for f in tr.iter("numerusform")) if msg.get("numerus") == "yes" else (tr.text or "",)
                if all(forms):
                    messages[(name, msg.findtext("source") or "")] = forms
        return cls(language, messages)

    def translate(self, context: str, source: str, n: int = -1) -> str | None:
        """The translation (None when the catalogue has none); ``%n`` is filled in with ``n``."""
        forms = self.messages.get((context, source))
        if forms is None:
            return None
        text = forms[min(plural_form(self.language, n), len(forms) - 1)] if n >= 0 and len(forms) > 1 else forms[0]
        return text.replace("%n", str(n)) if n >= 0 else text


@lru_cache(maxsize=None)
def catalogue(language: str) -> Catalogue:
    """The shipped catalogue of ``language`` (read once)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {LANGUAGES}")
    return Catalogue.read(ts_path(language), language)


def translate(language: str, context: str, source: str, n: int = -1) -> str:
    """``source`` in ``language`` (the source text itself where there is no translation)."""
    text = catalogue(language).translate(context, source, n)
    if text is None:
        text = source.replace("%n", str(n)) if n >= 0 else source
    return text
