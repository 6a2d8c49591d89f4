"""Dutch and English: a table-driven ``QTranslator`` (no lrelease step needed at install time).

Every visible text goes through :func:`tr` (context ``"oefensense"``). Installing or removing the
translator makes Qt send ``LanguageChange`` to every widget, which re-reads its texts. The
language comes from a setting or, by default, the system locale (``nl*`` → Dutch).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from oefensense.core.events import EVENT_TYPES

CONTEXT = "oefensense"
LANGUAGES = ("en", "nl")

NL: dict[str, str | tuple[str, str]] = {
    # window, menus, actions
    "OefenSense — therapist": "OefenSense — therapeut",
    "OefenSense — patient": "OefenSense — patiënt",
    "&View": "&Beeld",
    "&Language": "&Taal",
    "Patient view": "Patiëntweergave",
    "Patient view full screen": "Patiëntweergave volledig scherm",
    "Sound cues": "Geluidssignalen",
    "English": "English",
    "Nederlands": "Nederlands",
    "&File": "&Bestand",
    "Open session…": "Sessie openen…",
    "Quit": "Afsluiten",
    # sensor panel
    "Sensors": "Sensoren",
    "Scan": "Zoeken",
    "Connect": "Verbinden",
    "Disconnect": "Verbreken",
    "Calibrate…": "Kalibreren…",
    "Sensor": "Sensor",
    "Placement": "Plaatsing",
    "Battery": "Batterij",
    "Rate": "Freq.",
    "Loss": "Verlies",
    "Latency": "Latentie",
    "Calibration": "Kalibratie",
    "Cal.": "Kal.",
    "Batt.": "Batt.",
    "Lat.": "Lat.",
    "Place": "Plaats",
    "calibrated": "gekalibreerd",
    "not calibrated": "niet gekalibreerd",
    "disconnected": "niet verbonden",
    "trunk": "romp",
    "pelvis": "bekken",
    "thigh": "bovenbeen",
    "Scanning…": "Zoeken…",
    "%n sensor(s) found": ("%n sensor gevonden", "%n sensoren gevonden"),  # (one, more): a real plural
    "Streaming": "Meting loopt",
    "Connect a sensor first": "Verbind eerst een sensor",
    "No Bluetooth adapter found: switch Bluetooth on or plug in an adapter, then press Scan again.":
        "Geen Bluetooth-adapter gevonden: zet Bluetooth aan of sluit een adapter aan en klik opnieuw op Zoeken.",
    "No permission to use Bluetooth: ask your administrator to allow it, then press Scan again.":
        "Geen toestemming om Bluetooth te gebruiken: vraag uw beheerder dit toe te staan en klik opnieuw op Zoeken.",
    "Scanning failed (%1): check that Bluetooth is on, then press Scan again.":
        "Zoeken mislukt (%1): controleer of Bluetooth aan staat en klik opnieuw op Zoeken.",
    "The stream stopped: %1. Check the sensors and press Connect again.":
        "De meting is gestopt: %1. Controleer de sensoren en klik opnieuw op Verbinden.",
    "Cannot open %1 for replay (%2): choose a session folder recorded by OefenSense, or run `oefensense repair` on it.":
        "Kan %1 niet openen om terug te kijken (%2): kies een sessiemap die OefenSense heeft opgenomen, of voer er `oefensense repair` op uit.",
    "Stopped": "Gestopt",
    # session
    "Session": "Sessie",
    "Patient code": "Patiëntcode",
    "Assessment": "Meting",
    "free": "vrij",
    "sit_to_stand": "zit-naar-stand",
    "lifting": "tillen",
    "bending": "bukken",
    "workplace": "werkplek",
    "Record": "Opnemen",
    "Stop recording": "Opname stoppen",
    "Recording to %1": "Opname naar %1",
    "Recording saved: %1": "Opname bewaard: %1",
    "Saving recording: %1": "Opname wordt bewaard: %1",
    "Damaged session: run `oefensense repair` to keep the intact data and flag the rest as gaps":
        "Beschadigde sessie: voer `oefensense repair` uit om de intacte gegevens te houden en de rest als gat te markeren",
    "Lost (repaired, flagged as a gap): %1": "Verloren (hersteld, gemarkeerd als gat): %1",
    "Marker note": "Notitie bij markering",
    "Add marker": "Markering toevoegen",
    "Markers": "Markeringen",
    # plots
    "Trunk (°)": "Romp (°)",
    "Thigh (°)": "Bovenbeen (°)",
    "Acceleration (g)": "Versnelling (g)",
    "flexion": "flexie",
    "lateral bend": "lateroflexie",
    "twist": "rotatie",
    "pelvis tilt": "bekkenkanteling",
    "inclination": "inclinatie",
    "seconds ago": "seconden geleden",
    "Whole session": "Hele sessie",
    "Pelvis (°)": "Bekken (°)",
    "minutes since the start": "minuten sinds het begin",
    "Posture timeline": "Houdingstijdlijn",
    # postures
    "unknown": "onbekend",
    "lying": "liggen",
    "sitting": "zitten",
    "standing": "staan",
    "walking": "lopen",
    "stooping": "gebukt",
    "dynamic": "in beweging",
    "transition": "overgang",
    "non_wear": "niet gedragen",
    "no_data": "geen gegevens",
    # sitting and lifts
    "Sitting": "Zitten",
    "Sitting since last break": "Zittend sinds laatste pauze",
    "Bouts": "Periodes",
    "Bouts: %1 · longest %2": "Periodes: %1 · langste %2",
    "Lifts": "Tilmomenten",
    "Events": "Gebeurtenissen",
    "Time": "Tijd",
    "Technique": "Techniek",
    "Peak": "Piek",
    "Rating": "Oordeel",
    "semi_squat": "half hurkend",
    "good": "goed",
    "fair": "redelijk",
    "poor": "matig",
    # summary
    "Summary": "Samenvatting",
    "Time per posture": "Tijd per houding",
    "Lifts by technique": "Tilmomenten per techniek",
    "Trunk zones": "Rompzones",
    "neutral (<20°)": "neutraal (<20°)",
    "moderate (20–60°)": "matig (20–60°)",
    "severe (>60°)": "sterk (>60°)",
    "Elapsed": "Verstreken",
    # patient view
    "Now": "Nu",
    "patient_sitting": "U zit",
    "patient_standing": "U staat",
    "patient_walking": "U loopt",
    "patient_lying": "U ligt",
    "patient_stooping": "U staat gebukt",
    "patient_dynamic": "U bent in beweging",
    "patient_non_wear": "Sensor niet gedragen",
    "patient_no_data": "Geen gegevens",
    "Sitting for %1 without a break": "U zit al %1 zonder pauze",
    "Time to stand up and move a little": "Tijd om even op te staan en te bewegen",
    "Last lift": "Laatste tilmoment",
    "No lifts yet": "Nog geen tilmomenten",
    "cue_good_lift": "goed zo, door de knieën",
    "cue_bend_knees": "buig uw knieën",
    "cue_bend_knees_more": "buig uw knieën iets meer",
    "cue_keep_back_straighter": "houd uw rug rechter",
    # replay
    "Replay": "Terugkijken",
    "Play": "Afspelen",
    "Pause": "Pauze",
    "max": "max",
    "Calibration wizard": "Kalibratie-assistent",
    "Next": "Volgende",
    "Cancel": "Annuleren",
    "Done": "Klaar",
    "Stand upright and still": "Sta rechtop en stil",
    "Bend forward slowly, then stand up again": "Buig langzaam voorover en kom weer omhoog",
    "Calibration finished": "Kalibratie klaar",
    "Calibration failed: %1": "Kalibratie mislukt: %1",
}

# English display texts for keys that are identifiers, not sentences.
EN: dict[str, str | tuple[str, str]] = {
    "%n sensor(s) found": ("%n sensor found", "%n sensors found"),
    "patient_sitting": "You are sitting",
    "patient_standing": "You are standing",
    "patient_walking": "You are walking",
    "patient_lying": "You are lying down",
    "patient_stooping": "You are bent forward",
    "patient_dynamic": "You are moving",
    "patient_non_wear": "Sensor not worn",
    "patient_no_data": "No data",
    "cue_good_lift": "well done, knees bent",
    "cue_bend_knees": "bend your knees",
    "cue_bend_knees_more": "bend your knees a bit more",
    "cue_keep_back_straighter": "keep your back straighter",
    "sit_to_stand": "sit-to-stand",
    "semi_squat": "semi-squat",
}

# The values of event text fields (lift techniques...) come from the one declaration of each
# event type (oefensense.core.events), not from this table; so do event texts (describe()).
for _decl in EVENT_TYPES.values():
    NL.update(_decl.values_nl)
    EN.update(_decl.values_en)

TABLES = {"nl": NL, "en": EN}


class TableTranslator(QTranslator):
    """A ``QTranslator`` backed by a dict; remembers texts it had no entry for (tests use that)."""

    def __init__(self, language: str, parent=None) -> None:
        super().__init__(parent)
        self.language = language
        self.table = TABLES[language]
        self.misses: set[str] = set()

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 (Qt override)
        # None (a null QString) lets Qt ask the next translator (qtbase for Qt's own strings)
        # and finally fall back to the source text.
        if context != CONTEXT:
            return None
        text = self.table.get(source_text)
        if text is None and self.language != "en":
            self.misses.add(source_text)
        if isinstance(text, tuple):  # (one, more); Qt fills in %n after this returns
            text = text[0] if n == 1 else text[1]
        return text

    def isEmpty(self) -> bool:
        return False


_installed: TableTranslator | None = None
_qtbase: QTranslator | None = None


def tr(text: str, n: int = -1) -> str:
    """The current language's text for ``text``."""
    return QCoreApplication.translate(CONTEXT, text, None, n)


def system_language() -> str:
    """``"nl"`` for a Dutch system locale (nl_NL, nl_BE), else ``"en"``."""
    return "nl" if QLocale.system().name().lower().startswith("nl") else "en"


def set_language(language: str) -> TableTranslator:
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
    _installed = TableTranslator(language)
    QCoreApplication.installTranslator(_installed)
    return _installed


def current_language() -> str:
    return _installed.language if _installed is not None else "en"


def translator() -> TableTranslator | None:
    return _installed
