"""One check for the settings a user can set (stage settings in a session's manifest or a
``PipelineSettings``, the dashboard's, the assessments', the CLI's options).

A settings dataclass lists the range of each number in one table and calls :func:`check_ranges`
from its ``__post_init__``: an impossible value (negative, NaN, infinite where infinity does not
mean "off", a minimum above its maximum, an angle outside its range, a zero rate) raises
:class:`SettingError`, one line naming the setting, its unit and what is allowed, in the CLI's
language (a :class:`~oefensense.core.worded.WordedValueError`). Never clamped: a stage given a
negative hysteresis once looped for ever.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .worded import QT_TR_NOOP, WordedValueError

# unit words (the key is the settings' own suffix)
UNITS: dict[str, str] = {
    #: a unit in "exposure.hold_min_s is -4 (seconds): it must be at least 0"
    "s": QT_TR_NOOP("seconds"),
    "min": QT_TR_NOOP("minutes"),
    "h": QT_TR_NOOP("hours"),
    "deg": QT_TR_NOOP("degrees"),
    "dps": QT_TR_NOOP("degrees per second"),
    "g": QT_TR_NOOP("g"),
    "ms2": QT_TR_NOOP("m/s²"),
    "m": QT_TR_NOOP("metres"),
    "hz": QT_TR_NOOP("Hz"),
    "count": QT_TR_NOOP("a count"),
    "ratio": QT_TR_NOOP("a ratio"),
    "probability": QT_TR_NOOP("a probability"),
    "index": QT_TR_NOOP("index points"),
    "periods": QT_TR_NOOP("sample periods"),
}


class SettingError(WordedValueError):
    """An impossible setting: one line naming it, its unit and what is allowed (``str()`` English)."""

    def text(self, tr: Callable[[str], str] = str) -> str:
        fields = dict(self.fields)
        for key in ("unit",):
            if key in fields:
                fields[key] = tr(str(fields[key]))
        return tr(self.template).format(**fields)


@dataclass(frozen=True, slots=True)
class Range:
    """What a number may be: ``unit`` a key of :data:`UNITS`; ``low``/``high`` inclusive bounds
    (``low_open``: ``low`` itself not allowed, e.g. a rate > 0); ``inf``: +infinity allowed (it
    switches the rule off); ``none``: None allowed; ``whole``: a whole number."""

    unit: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    inf: bool = False
    none: bool = False
    whole: bool = False


def _num(x: float) -> str:
    return f"{x:g}"


def check_value(owner: str, name: str, value: Any, r: Range) -> None:
    """Raise :class:`SettingError` when ``value`` is outside ``r`` (``owner.name`` names it; an
    empty ``owner``: ``name`` alone, e.g. a command line option)."""
    setting, unit = f"{owner}.{name}" if owner else name, UNITS[r.unit]
    if value is None and r.none:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (r.whole and not float(value).is_integer()):
        #: {setting} is the setting's own name (exposure.bend_deg, --gap-min-s): keep it as it is
        raise SettingError(QT_TR_NOOP("{setting} is {value!r}: it must be a number ({unit})") if not r.whole else
                           QT_TR_NOOP("{setting} is {value!r}: it must be a whole number ({unit})"),
                           setting=setting, value=value, unit=unit)
    v = float(value)
    if math.isnan(v) or (math.isinf(v) and not (r.inf and v > 0)):
        template = (QT_TR_NOOP("{setting} is {value} ({unit}): it must be a finite number or inf (off)") if r.inf
                    else QT_TR_NOOP("{setting} is {value} ({unit}): it must be a finite number"))
        raise SettingError(template, setting=setting, value=_num(v), unit=unit)
    if math.isinf(v):
        return
    below = r.low is not None and (v <= r.low if r.low_open else v < r.low)
    above = r.high is not None and v > r.high
    if not (below or above):
        return
    fields = {"setting": setting, "value": _num(v), "unit": unit}
    if r.low is not None and r.high is not None:
        raise SettingError(QT_TR_NOOP("{setting} is {value} ({unit}): it must be above {low} and at most {high}")
                           if r.low_open else
                           QT_TR_NOOP("{setting} is {value} ({unit}): it must be from {low} to {high}"),
                           low=_num(r.low), high=_num(r.high), **fields)
    if r.low is not None:
        raise SettingError(QT_TR_NOOP("{setting} is {value} ({unit}): it must be above {low}") if r.low_open else
                           QT_TR_NOOP("{setting} is {value} ({unit}): it must be at least {low}"),
                           low=_num(r.low), **fields)
    raise SettingError(QT_TR_NOOP("{setting} is {value} ({unit}): it must be at most {high}"),
                       high=_num(r.high), **fields)  # type: ignore[arg-type]


def check_order(owner: str, low_name: str, low: float | None, high_name: str, high: float | None, unit: str,
                strict: bool = True) -> None:
    """``low`` below ``high`` (or equal when not ``strict``); None or inf on either side passes."""
    if low is None or high is None or math.isinf(low) or math.isinf(high):
        return
    if low < high or (not strict and low == high):
        return
    raise SettingError(QT_TR_NOOP("{low_setting} ({low} {unit}) must be below {high_setting} ({high} {unit})")
                       if strict else
                       QT_TR_NOOP("{low_setting} ({low} {unit}) must not be above {high_setting} ({high} {unit})"),
                       low_setting=f"{owner}.{low_name}", low=_num(low), high_setting=f"{owner}.{high_name}",
                       high=_num(high), unit=UNITS[unit])


def check_pair(owner: str, name: str, value: Any, r: Range) -> None:
    """A (low, high) pair, e.g. zone edges: two numbers in ``r``, the first below the second."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise SettingError(QT_TR_NOOP("{setting} is {value!r}: it must be two numbers, low and high ({unit})"),
                           setting=f"{owner}.{name}", value=value, unit=UNITS[r.unit])
    for i, x in enumerate(value):
        check_value(owner, f"{name}[{i}]", x, r)
    check_order(owner, f"{name}[0]", value[0], f"{name}[1]", value[1], r.unit)


def check_ranges(owner: str, settings: Any, ranges: Mapping[str, Range]) -> None:
    """Every field named in ``ranges`` checked (tuples element by element, ``name[0]``)."""
    for name, r in ranges.items():
        value = getattr(settings, name)
        if isinstance(value, (tuple, list)):
            for i, x in enumerate(value):
                check_value(owner, f"{name}[{i}]", x, r)
        else:
            check_value(owner, name, value, r)


# the ranges settings share
SECONDS = Range("s", low=0)  # a duration, 0 allowed
POS_SECONDS = Range("s", low=0, low_open=True)  # a duration that must pass
INCLINATION = Range("deg", low=0, high=180)  # an angle from upright
FLEXION = Range("deg", low=-180, high=180)  # a signed angle (flexion +, extension -)
RATE = Range("hz", low=0, low_open=True)
GAP_PERIODS = Range("periods", low=1)  # a gap is longer than one sample period at least
