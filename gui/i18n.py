"""Dutch and English with Qt Linguist: a ``QTranslator`` loaded from the compiled catalogue.

Every visible text goes through :func:`tr` (Qt's context ``""``: what ``pyside6-lupdate`` gives
a plain ``tr()`` call) and is extracted by lupdate into ``oefensense/translations/*.ts``;
``pyside6-lrelease`` compiles those to the ``.qm`` files loaded here (``make translations``).
Identifiers the core hands the dashboard (postures, placements, lift techniques...) are turned
into texts by :mod:`oefensense.gui.words`. Installing or removing the translator makes Qt send
``LanguageChange`` to every widget, which re-reads its texts. The language comes from a setting
or, by default, the system locale (``nl*`` → Dutch).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from oefensense.translations import LANGUAGES, list_separator, number, qm_path

CONTEXT = ""  # lupdate's context for a plain tr() outside a self.tr(): one context for the dashboard


class CatalogueTranslator(QTranslator):
    """A ``QTranslator`` on the shipped ``.qm``; remembers the texts it had no translation for
    (tests use that to find a visible text that lupdate or the translator missed)."""

    def __init__(self, language: str, parent=None) -> None:
        super().__init__(parent)
        self.language = language
        self.misses: set[str] = set()
        path = qm_path(language)
        if not self.load(str(path)):
            raise FileNotFoundError(f"translation catalogue {path} is missing or unreadable: run `make translations`")

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 (Qt override)
        if context != CONTEXT:
            return None  # Qt's own texts: qtbase's translator, then the source text
        text = super().translate(context, source_text, disambiguation, n)
        if not text and self.language != "en":
            self.misses.add(source_text)
        return text or None


_installed: CatalogueTranslator | None = None
_qtbase: QTranslator | None = None


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The current language's text for ``text``; with ``n`` >= 0 a plural (``%n`` filled in).
    The signature is Qt's ``tr()``, which is what lupdate recognises."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)


def system_language() -> str:
    """``"nl"`` for a Dutch system locale (nl_NL, nl_BE), else ``"en"``."""
    return "nl" if QLocale.system().name().lower().startswith("nl") else "en"


def set_language(language: str) -> CatalogueTranslator:
    """Install the translator for ``language`` ("en" or "nl"); widgets get LanguageChange."""
    global _installed, _qtbase
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {LANGUAGES}")
    if _installed is not None:
        QCoreApplication.removeTranslator(_installed)
    if _qtbase is not None:
        QCoreApplication.removeTranslator(_qtbase)
        _qtbase = None
    if language != "en":  # Qt's own dialogs and buttons, from the catalogue PySide6 ships
        base = QTranslator()
        if base.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            QCoreApplication.installTranslator(base)
            _qtbase = base
    # Qt's own number widgets (the plan editor's spin boxes) write numbers as the language does
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands) if language == "nl"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _installed = CatalogueTranslator(language)  # English too: its plural forms ("1 sensor found")
    QCoreApplication.installTranslator(_installed)
    return _installed


def num(value: float, digits: int = 1, *, sign: bool = False, trim: bool = False) -> str:
    """A number in the dashboard's language ("12,8" in Dutch), as the reports write it;
    ``trim``: no trailing zeros."""
    return number(value, digits, current_language(), sign=sign, trim=trim)


def sep() -> str:
    """Between list items with numbers in the dashboard's language: "; " in Dutch."""
    return list_separator(current_language())


def current_language() -> str:
    return _installed.language if _installed is not None else "en"


def translator() -> CatalogueTranslator | None:
    return _installed
