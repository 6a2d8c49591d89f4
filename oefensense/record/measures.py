"""The figures the record keeps per session and per assessment, in one table: their unit
(UCUM), Dutch and English names, and their code for sharing (LOINC where one exists, else the
local code system ``LOCAL_SYSTEM``; documented in docs/record.md).

``higher_is_better`` says which way a change is an improvement (None: neither), so progress
tables and reports colour and word changes from this table, not from rules in the views.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.worded import QT_TR_NOOP
from ..translations import translate

LOINC_SYSTEM = "http://loinc.org"
LOCAL_SYSTEM = "urn:oefensense:measure"  # local code system (docs/record.md lists its codes)
# the unit of a change in a share: percentage points ("%-punt" in the Dutch catalogue). Sitting
# 9.4 % -> 5.9 % read "-3,5 %", which a reader takes as 3.5 % less sitting (relative), not 3.5
# points of the worn time; short because the report's change column holds 24 characters
PERCENTAGE_POINTS = QT_TR_NOOP("pp")
# the units people read that differ per language ("u/dag", "/dag" in the Dutch catalogue): "h/d"
# stood in Dutch reports and `patient show` beside "Zitten per geldige dag" (review, 5 Dec 2026).
# UCUM's codes (Measure.unit) stay as they are for sharing (export/fhir).
#: a figure's unit after its number or in brackets after its name: h/d = hours per day, /d = per day
UNIT_WORDS = {"h/d": QT_TR_NOOP("h/d"), "/d": QT_TR_NOOP("/d")}


@dataclass(frozen=True, slots=True)
class Measure:
    code: str
    unit: str  # UCUM
    en: str
    nl: str
    higher_is_better: bool | None = None
    loinc: str | None = None
    low: float | None = None  # allowed range of entered values (assessment scores)
    high: float | None = None
    digits: int = 1  # decimals shown
    # a score given in whole points (NPRS and PSK, 0-10): a whole value shown as given ("6", it
    # read "6,0"); a fractional one, which the record accepts, keeps ``digits`` ("6,5")
    whole: bool = False

    @property
    def system(self) -> str:
        return LOINC_SYSTEM if self.loinc else LOCAL_SYSTEM

    @property
    def system_code(self) -> str:
        return self.loinc or self.code

    def digits_for(self, value: float) -> int:
        """The decimals to show ``value`` with: 0 for a whole value of a :attr:`whole` score, else
        :attr:`digits`."""
        return 0 if self.whole and float(value).is_integer() else self.digits

    @property
    def display_unit(self) -> str:
        """The unit for people: UCUM annotations such as ``{score}`` are left out."""
        if self.unit == "deg":
            return "°"
        return "" if self.unit.startswith("{") else self.unit

    def unit_in(self, language: str) -> str:
        """:attr:`display_unit` in ``language`` ("h/d" reads "u/dag" in Dutch, "/d" "/dag"; "%",
        "min", "s", "°" read the same in both)."""
        unit = self.display_unit
        return translate(language, "", UNIT_WORDS[unit]) if unit in UNIT_WORDS else unit

    def label(self, language: str) -> str:
        return self.nl if language == "nl" else self.en

    def allows(self, value: float) -> bool:
        """Whether ``value`` (in :attr:`unit`) lies in the allowed range (NaN never does): what the
        record accepts, and what views show as a figure rather than "not scored"."""
        return value == value and (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    def change_unit(self, language: str) -> str:
        """The unit of a change of this figure in ``language``: a share's (unit ``%``) is in
        percentage points ("pp" / "%-punt"), any other figure's is its unit (:meth:`unit_in`)."""
        return translate(language, "", PERCENTAGE_POINTS) if self.unit == "%" else self.unit_in(language)


SESSION_MEASURES: tuple[Measure, ...] = (
    Measure("recorded_h", "h", "Recorded time", "Opgenomen tijd"),
    Measure("sitting_h_per_day", "h/d", "Sitting per valid day", "Zitten per geldige dag", False),
    Measure("sitting_pct", "%", "Sitting, share of worn time", "Zitten, deel van de gedragen tijd", False),  # sitting / wear_s
    Measure("long_sitting_bouts_per_day", "/d", "Sitting bouts of 30 min or more per day", "Zitperiodes van 30 min of langer per dag", False),
    Measure("longest_sitting_bout_min", "min", "Longest sitting bout", "Langste zitperiode", False),
    Measure("mean_sitting_bout_min", "min", "Mean sitting bout", "Gemiddelde zitperiode", False),
    Measure("cues_given", "{cues}", "Feedback cues given", "Gegeven signalen", None, digits=0),
    # the whole session's count, named so beside the count per valid day: a 3-day week's "Lifts 144"
    # stood among per-day figures (sitting per valid day, stand-ups per valid day; review, 5 Dec 2026)
    Measure("lifts", "{lifts}", "Lifts, whole session", "Tilbewegingen, hele sessie", digits=0),
    # the valid day rows' lifts / their number, as sitting_h_per_day (a week's 48 a day, not 144)
    Measure("lifts_per_day", "/d", "Lifts per valid day", "Tilbewegingen per geldige dag", None),
    # technique undetermined (a slow lift at the waist): counted in "lifts", in neither share below
    Measure("lifts_undetermined", "{lifts}", "Lifts, technique undetermined", "Tilbewegingen, techniek onbepaald", None, digits=0),
    # the two shares are of the lifts whose technique is known (lifts - lifts_undetermined)
    Measure("lifts_squat_pct", "%", "Lifts with bent knees", "Tillen met gebogen knieën", True),
    Measure("lifts_stoop_pct", "%", "Lifts with a bent back", "Tillen met gebogen rug", False),
    Measure("trunk_over_20_pct", "%", "Trunk bent over 20° (share of measured time)", "Romp meer dan 20° gebogen (deel van meettijd)", False),
    Measure("trunk_20_60_pct", "%", "Trunk bent 20-60° (share of measured time)", "Romp 20-60° gebogen (deel van meettijd)", False),
    Measure("trunk_over_60_pct", "%", "Trunk bent over 60° (share of measured time)", "Romp meer dan 60° gebogen (deel van meettijd)", False),
    Measure("trunk_20_60_min", "min", "Trunk bent 20-60°", "Romp 20-60° gebogen", False),
    Measure("trunk_over_60_min", "min", "Trunk bent over 60°", "Romp meer dan 60° gebogen", False),
    # the work rows of an analysis with --work-hours (session_days.period = work; None without a schedule)
    Measure("work_sitting_pct", "%", "Sitting at work, share of worn work time", "Zitten op het werk, deel van de gedragen werktijd", False),
    # (a label of more than 53 characters is cut short in the report's key figures)
    Measure("work_long_sitting_bouts_per_day", "/d", "Sitting bouts of 30 min or more at work per work day",
            "Zitperiodes van 30 min of langer op het werk per dag", False),
    # stand-ups from sitting per valid day (the day rows' sit_to_stand_count, migration 0006).
    # Higher is better: each one ends a sitting bout, and more breaks in sitting time go with a
    # better cardiometabolic profile at the same total sitting time (Healy et al., Diabetes Care
    # 2008;31:661) and fewer sit-to-stand transitions a day with frailty and poorer function in
    # older adults; the therapist's advice "break up your sitting" aims at this figure
    Measure("sit_to_stands_per_day", "/d", "Sit-to-stands per valid day", "Opstaan per geldige dag", True),
)

ASSESSMENT_MEASURES: tuple[Measure, ...] = (
    Measure("nprs", "{score}", "Pain, numeric rating 0-10", "Pijn, numerieke schaal 0-10", False, loinc="72514-3", low=0, high=10,
            whole=True),
    Measure("psk", "{score}", "Patient-specific complaints 0-10", "Patiëntspecifieke klachten 0-10", False, low=0, high=10, whole=True),
    Measure("sit_to_stand_count", "{count}", "Sit-to-stand movements", "Opstaan uit zit", None, low=0, digits=0),
    Measure("sit_to_stand_mean_s", "s", "Mean sit-to-stand duration", "Gemiddelde duur opstaan", False, low=0),
    Measure("lift_count", "{count}", "Lifts in the lifting test", "Tilbewegingen in de tiltest", None, low=0, digits=0),
    Measure("lift_squat_pct", "%", "Lifts with bent knees in the lifting test", "Tilbewegingen met gebogen knieën in de tiltest", True,
            low=0, high=100),
    # of the lifts whose technique is known; the undetermined ones (slow lifts at the waist) beside it
    Measure("lift_undetermined_count", "{count}", "Lifts in the lifting test, technique undetermined",
            "Tilbewegingen in de tiltest, techniek onbepaald", None, low=0, digits=0),
    # guided tests (oefensense assess; docs/assessments.md)
    Measure("chair_stand_30s_reps", "{stands}", "30-second chair stand test", "30-seconden stoeltest (opstaan)", True, low=0, high=60, digits=0),
    # the time stops standing after the fifth stand-up (docs/assessments.md: the SPPB's protocol); the label says so
    Measure("five_sts_time_s", "s", "Five times sit-to-stand, until standing the 5th time",
            "Vijf keer opstaan, tot de 5e keer rechtop staan", False, low=0, high=300),
    Measure("tug_time_s", "s", "Timed Up and Go", "Timed Up and Go", False, low=0, high=300),
    Measure("trunk_flexion_deg", "deg", "Trunk flexion (best)", "Rompflexie (beste)", True, low=0, high=180, digits=0),
    Measure("trunk_extension_deg", "deg", "Trunk extension (best)", "Rompextensie (beste)", True, low=0, high=90, digits=0),
    Measure("trunk_lateral_left_deg", "deg", "Trunk lateral bend left (best)", "Romp zijwaarts links (beste)", True, low=0, high=90, digits=0),
    Measure("trunk_lateral_right_deg", "deg", "Trunk lateral bend right (best)", "Romp zijwaarts rechts (beste)", True, low=0, high=90, digits=0),
    Measure("trunk_rotation_left_deg", "deg", "Trunk rotation left (best)", "Romprotatie links (beste)", True, low=0, high=120, digits=0),
    Measure("trunk_rotation_right_deg", "deg", "Trunk rotation right (best)", "Romprotatie rechts (beste)", True, low=0, high=120, digits=0),
    Measure("walk_steps", "{steps}", "Steps in the walk test", "Stappen in de looptest", True, low=0, digits=0),
    Measure("walk_time_s", "s", "Walking time in the walk test", "Looptijd in de looptest", True, low=0),
    Measure("walk_cadence_spm", "/min", "Cadence in the walk test", "Stapfrequentie in de looptest", None, low=0, high=300, digits=0),
    Measure("walk_distance_m", "m", "Distance in the walk test (estimated)", "Afstand in de looptest (geschat)", True, low=0, digits=0),
    Measure("gait_speed_ms", "m/s", "Gait speed in the walk test (estimated)", "Loopsnelheid in de looptest (geschat)", True, low=0, high=4, digits=2),
)

MEASURES: dict[str, Measure] = {m.code: m for m in SESSION_MEASURES + ASSESSMENT_MEASURES}


def measure(code: str) -> Measure:
    """The measure of ``code``; KeyError naming the known codes."""
    try:
        return MEASURES[code]
    except KeyError:
        raise KeyError(f"unknown measure {code!r}; known: {', '.join(sorted(MEASURES))}") from None


ASSESSMENT_CODES = frozenset(m.code for m in ASSESSMENT_MEASURES)


def check_value(code: str, value: float) -> float:
    """``value`` if ``code`` is an assessment result and it lies in the measure's range, else
    ValueError naming the range or the codes (a session figure such as ``lifts`` was accepted as
    an entered score and exported as one)."""
    from .errors import WordedError  # a ValueError the CLI says in its language (it printed "fout: tug_time_s=329.76: outside 0..300")

    if code not in ASSESSMENT_CODES:
        raise WordedError(QT_TR_NOOP("{code!r} is not an assessment result; use one of: {codes}"), code=code,
                          codes=", ".join(sorted(ASSESSMENT_CODES)))
    m = measure(code)
    if not m.allows(value):
        raise WordedError(QT_TR_NOOP("{code}={value}: outside the allowed range {low}..{high}"), code=code, value=f"{value:g}",
                          low=m.low if m.low is not None else "-inf", high=m.high if m.high is not None else "inf")
    return float(value)
