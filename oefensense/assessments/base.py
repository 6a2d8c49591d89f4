"""The assessment protocol: one small class per standard test, one result type.

A test analyses the BodyFrame of the test so far (``analyse``: the same function live, where
the dashboard and the CLI call it on the growing buffer about once a second, and at the end).
It never guesses: what it could not measure is a :class:`Flag`, not a number.

Times in a result are seconds from the test's start (the "go" of the countdown when the test
was guided live, else the start found in the signal); ``start_s`` is that start in seconds
since the recording's first analysed sample.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import string
from typing import Any, Callable, ClassVar, Protocol

from ..core.frames import BodyFrame

# quality flag codes (docs/assessments.md explains each)
FLAG_CODES = (
    "interrupted",       # the data ended before the protocol did
    "not_started",       # no test movement found
    "sensor_gap",        # the sensor dropped out / was invalid inside the test
    "too_few_reps",      # fewer repetitions than the protocol asks
    "too_many_reps",     # more than asked (the detail says which ones count)
    "incomplete_stand",  # a stand-up not followed by a full sit-down (or the reverse)
    "pause",             # a rest inside a test meant to be continuous
    "missing_phase",     # a TUG phase (turn, walk) not found
    "missing_sensor",    # a measure needs a sensor that is not worn
    "combined_movement", # ROM: the trunk moved in a second plane at the peak
    "forward_uncertain", # ROM: flexion/extension sign rests on the chain's forward direction
    "needs_leg_length",  # walk: gait speed needs the leg length
    "unsettled_start",   # the sensor was warming up or moving when the test began
    "moving_at_end",     # chair tests, TUG: the data ended before the patient came to rest
)


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name lupdate looks for: the CLI shows flag details translated
    """Marks a flag detail's template for the catalogue; :meth:`Flag.text` translates it."""
    return text


class _Numbers(string.Formatter):
    """``{x:.1f}`` with the language's decimal sign ("0,1 s" in Dutch); English and anything else
    exactly as str.format (the stored detail is what it always was)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if self.language != "en" and isinstance(value, (int, float)) and format_spec.endswith("f"):
            from ..translations import number

            return number(float(value), int(format_spec[format_spec.index(".") + 1:-1] or 0)
                          if "." in format_spec else 6, self.language)
        return super().format_field(value, format_spec)


class Words(tuple):
    """A flag field that is words, not a number (a ROM direction, a list of them): ``QT_TR_NOOP``
    texts, joined with ", " in English in the stored ``detail`` and each through ``tr`` in
    :meth:`Flag.text` (an English word inside a Dutch sentence was the alternative)."""

    def __new__(cls, *texts: str) -> "Words":
        return super().__new__(cls, texts)

    def __format__(self, format_spec: str) -> str:
        return ", ".join(self)

    def translated(self, tr: Callable[[str], str]) -> str:
        return ", ".join(tr(t) for t in self)


class FieldName(str):
    """A flag field that names where the user gives a value: the string is the CLI option (what
    the stored English ``detail`` says); ``key`` lets each front-end name its own field in
    :meth:`Flag.text` (the dashboard's "Beenlengte (m)", not the CLI's ``--leg-length-m``)."""

    key: str

    def __new__(cls, key: str, cli_option: str) -> "FieldName":
        out = super().__new__(cls, cli_option)
        out.key = key
        return out


class WordedError(ValueError):
    """A test that cannot run or whose result cannot be stored, said in the user's language:
    ``str()`` is English (logs, what the CLI printed); :meth:`text` the ``QT_TR_NOOP`` template
    through the CLI's or the dashboard's ``tr`` with the language's decimal sign (the Dutch test
    panel showed the English ``str()``)."""

    def __init__(self, template: str, **fields: Any) -> None:
        self.template, self.fields = template, fields
        super().__init__(self.text(str))

    def text(self, tr: Callable[[str], str] = str, language: str = "en") -> str:
        return _Numbers(language).format(tr(self.template), **self.fields)


@dataclass(frozen=True, slots=True)
class Flag:
    """A quality problem: ``code`` from :data:`FLAG_CODES`, ``detail`` in plain English (stored,
    exported); ``template`` (a ``QT_TR_NOOP`` text) and ``fields`` (numbers, :class:`Words`) give
    it in another language."""

    code: str
    detail: str
    template: str = ""
    fields: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.code not in FLAG_CODES:
            raise ValueError(f"unknown flag code {self.code!r}")

    def text(self, tr: Callable[[str], str], language: str, field_names: dict[str, str] | None = None) -> str:
        """The detail through ``tr`` with ``language``'s numbers and words (the CLI's or the
        dashboard's ``tr``; ``detail`` if no template); ``field_names`` {``FieldName.key``: the
        front-end's own name of that field} (none: the CLI option)."""
        if not self.template:
            return self.detail
        names = field_names or {}
        fields = {k: v.translated(tr) if isinstance(v, Words) else
                  names.get(v.key, str(v)) if isinstance(v, FieldName) else v for k, v in self.fields.items()}
        return _Numbers(language).format(tr(self.template), **fields)


@dataclass(frozen=True, slots=True)
class Phase:
    """One phase of a test, seconds from the test's start."""

    name: str
    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass
class AssessmentResult:
    """A test's result. ``reps`` for counting tests, ``time_s`` for timed ones, ``values``
    the other measured figures (ROM degrees, steps, cadence ...), ``measures`` the figures the
    record stores (codes of ``oefensense.record.measures``), ``done`` whether the protocol
    finished (live: the test may stop)."""

    test: str
    start_s: float | None = None
    reps: int | None = None
    time_s: float | None = None
    phases: list[Phase] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    measures: dict[str, float] = field(default_factory=dict)
    done: bool = False
    placement: str | None = None

    def flag(self, code: str, template: str, **fields: Any) -> None:
        """Add a flag once: ``template`` a ``QT_TR_NOOP`` text, formatted with ``fields`` (numbers
        as ``{x:.1f}``: a decimal comma in Dutch, a point in the stored English ``detail``)."""
        detail = _Numbers("en").format(template, **fields)
        if not any(f.code == code and f.detail == detail for f in self.flags):
            self.flags.append(Flag(code, detail, template, dict(fields)))

    def to_json(self) -> dict[str, Any]:
        """The one JSON object the CLI prints (``--json``) and the record keeps as details."""
        out: dict[str, Any] = {"test": self.test, "start_s": _r(self.start_s), "reps": self.reps,
                               "time_s": _r(self.time_s),
                               "phases": [{"name": p.name, "start_s": _r(p.start_s), "end_s": _r(p.end_s),
                                           "duration_s": _r(p.duration_s)} for p in self.phases],
                               "flags": [{"code": f.code, "detail": f.detail} for f in self.flags], "done": self.done,
                               "placement": self.placement}
        out.update({k: _r(v) if isinstance(v, float) else v for k, v in self.values.items()})
        return out


def protocol_end_s(result: AssessmentResult) -> float:
    """Seconds from the test's start at which its protocol ended (30 s for the chair stand, or
    later when a stand counted at 30 s finishes after it; 2/6 minutes for the walk test; trunk
    ROM the end of the last direction's ``reps``-th repetition; else the end of the last phase
    found)."""
    last = max((p.end_s for p in result.phases), default=0.0)
    if result.test == "chair-stand-30s":
        return max(30.0, last)
    if result.test == "walk-test":
        return float(result.values.get("minutes", 2.0)) * 60.0
    if result.test == "trunk-rom" and result.reps:
        # the protocol ends with the last direction's N-th repetition (N = ``reps``, the fewest
        # of any direction), not with a bend made after it (a run's data may go on)
        by_dir: dict[str, list[float]] = {}
        for p in result.phases:
            by_dir.setdefault(p.name.rsplit("_", 1)[0], []).append(p.end_s)
        return max(ends[min(len(ends), result.reps) - 1] for ends in by_dir.values())
    return last


def _r(x: float | None, digits: int = 2) -> float | None:
    return None if x is None else round(float(x), digits)


@dataclass(frozen=True, slots=True)
class RunContext:
    """What the test is told besides the signal: ``go_s`` the countdown's "go" (seconds since
    the frame's first sample; None = find the start in the signal), ``final`` whether the data
    is complete (False while live), ``gaps_s`` source-reported sensor drop-outs (start s, end s)
    or (start s, end s, placement of the sensor, None when not known; ``gaps.placement_gaps``):
    a live run's and a recording's holes (rows missing from a file), ``guided`` whether the test is guided (countdown and "go", live or simulated: advice says
    "before you start the test", not "start the recording")."""

    go_s: float | None = None
    final: bool = True
    gaps_s: tuple[tuple[float, float] | tuple[float, float, str | None], ...] = ()
    guided: bool = False


class AssessmentTest(Protocol):
    """One standard test. Declared on the class: ``name`` (CLI name), ``kind`` ("count",
    "timed", "rom", "walk"), ``placements`` (sensors it can use, in order of preference),
    ``duration_s`` (a fixed protocol length, else None), ``auto_start`` (the start can be found
    in the signal)."""

    name: ClassVar[str]
    kind: ClassVar[str]
    placements: ClassVar[tuple[str, ...]]
    duration_s: ClassVar[float | None]
    auto_start: ClassVar[bool]

    def analyse(self, frame: BodyFrame, ctx: RunContext) -> AssessmentResult: ...
