"""Every event type, declared once: name, fields with units, Dutch and English text, severity.

The stages raise :class:`~oefensense.core.types.Event` objects; everything that shows them reads
this table instead of keeping its own list: the CLI ticker (``ticker``: its own line), the
dashboard's event list and texts (``describe``, ``label``, ``severity``), the patient view's
sound cues (``cue``) and reports. A stage declares the types it raises (``Stage.emits``), and
the stage contract checks that each is declared here with the fields the stage fills in.

Adding an event type: one :class:`EventType` entry in :data:`EVENT_TYPES`. Texts: Dutch for
patients in the formal "u"; ``text_*`` are ``str.format`` templates over the event's fields
(a missing or None field prints as "?"), ``values_*`` translate text field values.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from .types import Event

SEVERITIES = ("info", "notice", "warning")  # ascending: a therapist's eye goes to warnings first
LANGUAGES = ("nl", "en")


@dataclass(frozen=True, slots=True)
class EventField:
    """One field of an event: ``unit`` "deg", "s", "m", "0-100", "count" or "" (text / flag)."""

    name: str
    unit: str
    nl: str
    en: str


@dataclass(frozen=True, slots=True)
class EventType:
    """The declaration of one event type (see the module docstring)."""

    name: str
    nl: str
    en: str
    severity: str
    group: str  # "transition", "sitting", "lift", "exposure", "feedback", "wear", "source"
    fields: tuple[EventField, ...]
    text_nl: str
    text_en: str
    ticker: bool = False
    cue: str | None = None  # the patient view's sound cue kind ("stand_up", "lift"), if any
    values_nl: dict[str, str] = field(default_factory=dict)
    values_en: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"event {self.name}: severity {self.severity!r} not in {SEVERITIES}")
        names = {f.name for f in self.fields}
        for lang, template in (("nl", self.text_nl), ("en", self.text_en)):
            used = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            if not used <= names:
                raise ValueError(f"event {self.name}: text_{lang} uses undeclared fields {sorted(used - names)}")

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def label(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


def _f(name: str, unit: str, nl: str, en: str) -> EventField:
    return EventField(name, unit, nl, en)


_DURATION = _f("duration_s", "s", "duur", "duration")
_TRANSITION_FIELDS = (
    _DURATION, _f("from", "", "van", "from"), _f("to", "", "naar", "to"),
    _f("detected_s", "s", "gemeld na", "detected at"), _f("rise_m", "m", "hoogteverschil heup", "hip rise"),
    _f("source", "", "bron", "source"), _f("end_of_data", "", "einde opname", "end of data"),
    # waist detector through the squat guard (analysis/squat_guard.py)
    _f("confidence", "", "zekerheid", "confidence"), _f("ambiguous", "", "hurkzit of zitten?", "squat or sit?"),
    _f("bottom_pelvis_flexion_deg", "°", "bekkenkanteling onderin", "pelvis flexion at the bottom"),
)  # fmt: skip
_POSTURES_NL = {"lying": "liggen", "sitting": "zitten", "standing": "staan", "walking": "lopen"}


def _transition(name: str, nl: str, en: str) -> EventType:
    return EventType(name, nl, en, "info", "transition", _TRANSITION_FIELDS,
                     text_nl=nl, text_en=en,  # (thigh rules give no duration: 0 s)
                     values_nl=_POSTURES_NL)


#: Every event type, by name.
EVENT_TYPES: dict[str, EventType] = {t.name: t for t in (
    _transition("sit_to_stand", "Opstaan uit zit", "Sit-to-stand"),
    _transition("stand_to_sit", "Gaan zitten", "Stand-to-sit"),
    _transition("sit_to_lie", "Van zitten naar liggen", "Sit-to-lie"),
    _transition("lie_to_sit", "Van liggen naar zitten", "Lie-to-sit"),
    _transition("stand_to_lie", "Van staan naar liggen", "Stand-to-lie"),
    _transition("lie_to_stand", "Van liggen naar staan", "Lie-to-stand"),
    EventType("sitting_bout", "Zitperiode", "Sitting bout", "info", "sitting",
              (_DURATION, _f("sitting_s", "s", "zittend", "sitting"), _f("end_s", "s", "einde", "end"),
               _f("ended_by", "", "einde door", "ended by")),
              text_nl="Zitperiode van {duration_s:.0f} s", text_en="Sitting bout of {duration_s:.0f} s",
              values_nl={"break": "pauze", "non_wear": "niet gedragen", "no_data": "geen gegevens",
                         "end_of_data": "einde opname"},
              values_en={"break": "break", "non_wear": "not worn", "no_data": "no data",
                         "end_of_data": "end of data"}),
    EventType("non_wear", "Niet gedragen", "Not worn", "notice", "wear",
              (_DURATION, _f("placement", "", "plaats", "placement")),
              text_nl="Sensor {duration_s:.0f} s niet gedragen", text_en="Sensor not worn for {duration_s:.0f} s"),
    EventType("prolonged_sitting", "Lang zitten", "Prolonged sitting", "warning", "sitting",
              (_f("threshold_s", "s", "grens", "threshold"), _DURATION),
              text_nl="Langer dan {threshold_s:.0f} s achter elkaar gezeten",
              text_en="Sitting for more than {threshold_s:.0f} s in a row", ticker=True, cue="stand_up"),
    EventType("lift", "Tilbeweging", "Lift", "info", "lift", (
        _f("technique", "", "techniek", "technique"),
        _f("technique_ambiguous", "", "techniek niet te bepalen", "technique ambiguous"),
        _f("technique_guess", "", "techniek volgens het model", "technique as the model called it"),
        _f("stoop_squat_index", "0-100", "stoop-squat-index", "stoop-squat index"),
        _f("peak_trunk_flexion_deg", "deg", "grootste rompbuiging", "peak trunk flexion"),
        _f("held_trunk_flexion_deg", "deg", "aangehouden rompbuiging", "held trunk flexion"),
        _f("peak_twist_deg", "deg", "grootste romprotatie", "peak trunk twist"),
        _DURATION,
        _f("index_source", "", "bron van de index", "index source"),
    ), text_nl="Tilbeweging ({technique}), romp tot {peak_trunk_flexion_deg:.0f}° voorover",
       text_en="Lift ({technique}), trunk up to {peak_trunk_flexion_deg:.0f}° forward", ticker=True, cue="lift",
       # the technique in the words of every view (docs/lifting.md "Words"): "hurkend" and "gebukt"
       # here, "squat (gebogen knieën)" in the report until 5 Dec 2026
       values_nl={"squat": "gebogen knieën", "stoop": "gebogen rug", "mixed": "gemengd", "undetermined": "onbepaald"},
       values_en={"squat": "bent knees", "stoop": "bent back", "mixed": "mixed", "undetermined": "undetermined"}),
    EventType("static_hold", "Lang voorovergebogen", "Static bent posture", "notice", "exposure", (
        _DURATION, _f("mean_flexion_deg", "deg", "gemiddelde rompbuiging", "mean trunk flexion"),
        _f("peak_flexion_deg", "deg", "grootste rompbuiging", "peak trunk flexion"),
    ), text_nl="{duration_s:.0f} s voorovergebogen (gemiddeld {mean_flexion_deg:.0f}°)",
       text_en="Bent forward for {duration_s:.0f} s (mean {mean_flexion_deg:.0f}°)"),
    EventType("long_bend", "Lang voorovergebogen (nog bezig)", "Long bend (ongoing)", "warning", "exposure", (
        _f("threshold_s", "s", "grens", "threshold"),
    ), text_nl="Al langer dan {threshold_s:.0f} s voorovergebogen",
       text_en="Bent forward for more than {threshold_s:.0f} s so far"),
    EventType("technique_alert", "Techniekmelding", "Technique alert", "warning", "feedback", (
        _f("rule", "", "regel", "rule"), _f("message_nl", "", "melding", "message (Dutch)"),
        _f("message_en", "", "melding (Engels)", "message"), _f("source", "", "naar aanleiding van", "triggered by"),
    ), text_nl="{message_nl}", text_en="{message_en}", ticker=True),
    EventType("cue", "Signaal", "Cue", "notice", "feedback", (
        _f("rule", "", "regel", "rule"), _f("modality", "", "soort", "modality"),
        _f("pattern", "", "patroon", "pattern"), _f("when", "", "moment", "when"),
        _f("trigger", "", "naar aanleiding van", "triggered by"),
        _f("message_nl", "", "melding", "message (Dutch)"), _f("message_en", "", "melding (Engels)", "message"),
        _f("withheld", "", "niet gegeven", "withheld"), _f("delivered", "", "afgeleverd", "delivered"),
        _f("device", "", "via", "through"), _f("latency_s", "s", "vertraging", "latency"),
        _f("error", "", "fout", "error"),
    ), text_nl="Signaal ({modality}): {message_nl}", text_en="Cue ({modality}): {message_en}", ticker=True,
       values_nl={"vibrate": "trillen", "beep": "piep", "led": "lampje", "message": "scherm",
                  "prolonged_sitting": "lang zitten", "stoop_lift": "tillen met gebogen rug",
                  "twist_while_flexed": "draaien in buiging", "long_static_bend": "lang gebogen"},
       values_en={"vibrate": "vibrate", "beep": "beep", "led": "LED", "message": "screen"}),
    EventType("gap", "Onderbreking", "Gap", "warning", "source", (
        _f("reason", "", "oorzaak", "reason"), _f("recovered", "", "hersteld", "recovered"),
        _f("attempts", "count", "pogingen", "attempts"),
    ), text_nl="Geen gegevens van de sensor ({reason})", text_en="No data from the sensor ({reason})", ticker=True),
    EventType("marker", "Markering", "Marker", "info", "source", (_f("note", "", "notitie", "note"),),
              text_nl="Markering: {note}", text_en="Marker: {note}"),
    # every source gives it when the session clock starts, a live view that records nothing too:
    # it read "Recording started" there
    EventType("clock", "Kloktijd", "Clock time", "info", "source", (
        _f("start_utc", "", "begin (UTC)", "start (UTC)"), _f("timezone", "", "tijdzone", "time zone"),
    ), text_nl="Sessie begon {start_utc:local} ({timezone})", text_en="Session started {start_utc:local} ({timezone})"),
    EventType("alignment_corrected", "Rechtop-richting bijgesteld", "Upright direction corrected", "warning", "source", (
        _f("placement", "", "plaats", "placement"), _f("up_change_deg", "deg", "bijstelling", "correction"),
        _f("method", "", "geleerd uit", "learned from"),
    ), text_nl="Rechtop-richting van de sensor {up_change_deg:.0f}° bijgesteld: houding en hoeken tot hier zijn onbetrouwbaar",
       text_en="The sensor's upright direction was corrected by {up_change_deg:.0f}°: posture and angles until here are unreliable",
       ticker=True),
    # the chain's upright came from a still posture only: a file with no walk that starts in bed
    # reads lying as standing, and nothing else would say so
    EventType("alignment_unconfirmed", "Rechtop-richting niet bevestigd", "Upright direction not confirmed", "warning", "source", (
        _f("placement", "", "plaats", "placement"), _f("method", "", "geleerd uit", "learned from"),
    ), text_nl="Geen lopen gevonden: de rechtop-richting van de sensor is geschat uit de meest voorkomende stille houding; houding en hoeken kunnen onjuist zijn",
       text_en="No walking found: the sensor's upright direction is a guess from its most common still posture; posture and angles may be wrong",
       ticker=True),
    EventType("sensor_not_analysed", "Sensor niet geanalyseerd", "Sensor not analysed", "notice", "source",
              (_f("reason", "", "reden", "reason"),),
              text_nl="Sensor niet geanalyseerd: {reason}", text_en="Sensor not analysed: {reason}"),
)}  # fmt: skip


def event_type(name: str) -> EventType | None:
    """The declaration of ``name``; None for a type nobody declared (shown by its name only)."""
    return EVENT_TYPES.get(name)


def event_label(name: str, lang: str = "en") -> str:
    decl = EVENT_TYPES.get(name)
    return decl.label(lang) if decl is not None else name


class _Fields(dict):
    """Format mapping: a missing or None field reads "?"; text values are translated; numbers
    round half up (:class:`_HalfUp`)."""

    def __init__(self, fields: dict[str, Any], values: dict[str, str]) -> None:
        super().__init__({k: (values.get(v, v) if isinstance(v, str) else _HalfUp(v) if isinstance(v, float) else v)
                          for k, v in fields.items()})

    def __missing__(self, key: str) -> Any:
        return _Unknown()


class _HalfUp:
    """A float whose fixed-point format rounds half up, as the dashboard's durations do
    (``viewmodel.round_seconds``): "{:.0f}" of a 16.5-s sitting bout gave Python's half-to-even
    "16 s" in the event list beside "longest 0:17" and "sitting 0:17" (audit 3 Dec 2026)."""

    def __init__(self, value: float) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        import math
        import re

        m = re.fullmatch(r"([+ -]?)\.(\d+)f", spec)
        if m is None or not math.isfinite(self.value):
            return format(self.value, spec)
        from decimal import ROUND_HALF_UP, Decimal

        q = Decimal(repr(self.value)).quantize(Decimal(1).scaleb(-int(m.group(2))), rounding=ROUND_HALF_UP)
        return format(q, spec)


class _Unknown:
    def __format__(self, spec: str) -> str:
        return "?"


class _Instant:
    """A ``start_utc`` field (ISO 8601, "2026-12-03T17:33:36.944862Z"): ``{start_utc:local}``
    writes it as the wall-clock time a person read then, in the event's ``timezone``, to the
    second, dd-mm-yyyy as every view a person reads ("03-12-2026 18:33:36"; "... UTC" without a
    usable zone; "2026-12-03 18:33:36" until 5 Dec 2026); without a spec, as given."""

    def __init__(self, iso: str, tz: Any) -> None:
        self.iso, self.tz = iso, tz

    def __format__(self, spec: str) -> str:
        if spec != "local":
            return format(self.iso, spec)
        from .clock import ClockError, zone

        try:
            t = datetime.fromisoformat(self.iso)
        except (TypeError, ValueError):
            return str(self.iso)
        try:
            return f"{t.astimezone(zone(self.tz)):%d-%m-%Y %H:%M:%S}"
        except (ClockError, TypeError, ValueError):
            return f"{t.astimezone(timezone.utc):%d-%m-%Y %H:%M:%S} UTC"


def describe(event: Event, lang: str = "en") -> str:
    """One line for a person (dashboard list, reports), from the event's declaration."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
    decl = EVENT_TYPES.get(event.type)
    if decl is None:
        return event.type
    fields = {k: (_Unknown() if v is None else v) for k, v in (event.fields or {}).items()}
    if isinstance(fields.get("start_utc"), str):
        fields["start_utc"] = _Instant(fields["start_utc"], fields.get("timezone"))
    template, values = (decl.text_nl, decl.values_nl) if lang == "nl" else (decl.text_en, decl.values_en)
    try:
        return template.format_map(_Fields(fields, values))
    except (TypeError, ValueError):  # a field of an unexpected type: the label still says what it was
        return decl.label(lang)


def types_in_group(group: str) -> frozenset[str]:
    return frozenset(name for name, t in EVENT_TYPES.items() if t.group == group)


def ticker_types() -> frozenset[str]:
    """The event types the CLI ticker prints as their own line."""
    return frozenset(name for name, t in EVENT_TYPES.items() if t.ticker)
