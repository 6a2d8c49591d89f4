"""Published reference values, only where a source gives them for the test as scored here.

Each entry names its source and population (docs/assessments.md cites them in full). No value
is invented or interpolated: outside a source's ages, or without age (and sex where the source
splits by it), there is no reference.
"""

from __future__ import annotations

from dataclasses import dataclass


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name lupdate looks for: the texts are in the catalogue
    return text


# Each source as one text, so the catalogue holds its Dutch wording (Reference.source_text)
RIKLI_JONES_1999 = QT_TR_NOOP("Rikli & Jones 1999, J Aging Phys Act 7:162-181: community-residing older adults aged 60-94 in the USA (n = 7,183); normal range = 25th-75th percentile")  # noqa: E501
BOHANNON_5STS_2006 = QT_TR_NOOP("Bohannon 2006, Percept Mot Skills 103:215-222: meta-analysis of 13 papers, adults aged 60-89; a longer time than this is worse than average")  # noqa: E501
BOHANNON_TUG_2006 = QT_TR_NOOP("Bohannon 2006, J Geriatr Phys Ther 29:64-68: meta-analysis of 21 studies of apparently healthy adults aged 60-99; mean (95 % confidence interval)")  # noqa: E501

# (age from, age to) -> (women low, women high, men low, men high) stands in 30 s
_CHAIR_30S = {
    (60, 64): (12, 17, 14, 19), (65, 69): (11, 16, 12, 18), (70, 74): (10, 15, 12, 17),
    (75, 79): (10, 15, 11, 17), (80, 84): (9, 14, 10, 15), (85, 89): (8, 13, 8, 14), (90, 94): (4, 11, 7, 12),
}
# (age from, age to) -> upper limit of average performance (s)
_FIVE_STS = {(60, 69): 11.4, (70, 79): 12.6, (80, 89): 14.8}
# (age from, age to) -> (mean, ci low, ci high) s
_TUG = {(60, 69): (8.1, 7.1, 9.0), (70, 79): (9.2, 8.2, 10.2), (80, 99): (11.3, 10.0, 12.7)}


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference for one patient's result: ``low``..``high`` the reference range (either may be
    None), ``verdict`` "below" / "within" / "above" the range (None without a result),
    ``source`` the citation with its population."""

    test: str
    age_band: str
    sex: str | None
    low: float | None
    high: float | None
    unit: str
    source: str
    verdict: str | None

    def source_text(self, language: str = "en") -> str:
        """:attr:`source` in ``language`` (the citation itself stays as published); the stored
        record keeps the English text."""
        from ..translations import translate

        return translate(language, "", self.source)

    def to_json(self) -> dict:
        return {"age_band": self.age_band, "sex": self.sex, "low": self.low, "high": self.high, "unit": self.unit,
                "source": self.source, "verdict": self.verdict}


def _band(table: dict, age: int) -> tuple[int, int] | None:
    return next((k for k in table if k[0] <= age <= k[1]), None)


def _verdict(value: float | None, low: float | None, high: float | None) -> str | None:
    if value is None:
        return None
    if low is not None and value < low:
        return "below"
    if high is not None and value > high:
        return "above"
    return "within"


def reference(test: str, age: int | None, sex: str | None, value: float | None) -> Reference | None:
    """The published reference for ``test`` (CLI name) at ``age`` (years) and ``sex`` ("f"/"m"),
    with where ``value`` falls; None where no source covers it."""
    if age is None:
        return None
    if test == "chair-stand-30s":
        band = _band(_CHAIR_30S, age)
        if band is None or sex not in ("f", "m"):
            return None
        wl, wh, ml, mh = _CHAIR_30S[band]
        low, high = (wl, wh) if sex == "f" else (ml, mh)
        return Reference(test, f"{band[0]}-{band[1]}", sex, low, high, "stands", RIKLI_JONES_1999, _verdict(value, low, high))
    if test == "five-times-sit-to-stand":
        band = _band(_FIVE_STS, age)
        if band is None:
            return None
        return Reference(test, f"{band[0]}-{band[1]}", None, None, _FIVE_STS[band], "s", BOHANNON_5STS_2006,
                         _verdict(value, None, _FIVE_STS[band]))
    if test == "tug":
        band = _band(_TUG, age)
        if band is None:
            return None
        _, lo, hi = _TUG[band]
        return Reference(test, f"{band[0]}-{band[1]}", None, lo, hi, "s", BOHANNON_TUG_2006, _verdict(value, lo, hi))
    return None
