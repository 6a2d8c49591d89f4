"""The therapist's feedback plan: which rules cue the wearer, how, when, and when not.

One TOML file (``tomllib``), validated key by key: a mistake is one :class:`PlanError` line
naming the file and the key (``plan.toml: rules.prolonged_sitting.after_s: ...``). The smallest
plan::

    [rules.prolonged_sitting]
    enabled = true
    after_s = 15
    cue = "vibrate"

Everything else has a default. The full form (units in the key names)::

    quiet_hours = ["22:00", "07:00"]   # local clock: no cue from 22:00 to 07:00
    daily_cap = 8                      # at most 8 cues given per local day (all rules together)
    baseline_s = 0                     # no cues during the first N s of a recording
    baseline_until = 2026-12-03        # no cues before this local date (or date-time)
    neutral_s = 2                      # "after_neutral": trunk back in the 0-20 deg zone this long
    wearable = "pelvis"                # cue on this sensor (placement or id); default: the first that can

    [rules.prolonged_sitting]
    after_s = 1800                     # sitting this long without a break (s)
    repeat_s = 900                     # remind again every N s while sitting goes on (0: once;
                                       # default: after_s)

    [rules.stoop_lift]                 # also: twist_while_flexed
    enabled = true                     #   (over_deg), long_static_bend (after_s)
    over_deg = 60                      # a stooped lift with the trunk bent more than this
    cue = "vibrate"                    # vibrate | beep | led | message
    pattern = "short"                  # short | long | double
    when = "after_neutral"             # at_once | after_neutral
    message_nl = "..."                 # the screen text (defaults per rule, Dutch "u")
    message_en = "..."

The plan becomes pipeline settings (:meth:`FeedbackPlan.stage_settings`): the sitting stage's
prolonged-sitting threshold, the feedback stage's rule thresholds (so ``technique_alert`` and the
cue agree) and the cue stage's plan, so a session records the plan it ran and a replay applies
it again. Pure: :func:`load_plan` is the only function that reads a file.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core.worded import QT_TR_NOOP, WordedError, WordedValueError
from .feedback import default_rules

MODALITIES = ("vibrate", "beep", "led", "message")
WHEN = ("at_once", "after_neutral")
# vibration patterns: (on ms, off ms) pulses; a device without patterns plays the first pulse
PATTERNS: dict[str, tuple[tuple[int, int], ...]] = {
    "short": ((200, 0),),
    "long": ((800, 0),),
    "double": ((150, 250), (150, 0)),
}


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A rule the plan can switch on: its threshold key, unit, default, and screen texts."""

    threshold_key: str
    default: float
    feedback_rule: str | None  # the shipped feedback rule it sets (None: the sitting stage)
    message_nl: str
    message_en: str


RULES: dict[str, RuleSpec] = {
    "prolonged_sitting": RuleSpec("after_s", 1800.0, None, "U zit al een tijd: sta even op.",
                                  "You have been sitting for a while: stand up for a moment."),
    "stoop_lift": RuleSpec("over_deg", 60.0, "stoop_over_60", "Buig door de knieën bij het tillen.",
                           "Bend your knees when lifting."),
    "twist_while_flexed": RuleSpec("over_deg", 20.0, "twist_while_flexed", "Draai met uw voeten, niet met uw romp.",
                                   "Turn with your feet, not your trunk."),
    "long_static_bend": RuleSpec("after_s", 60.0, "long_bent_hold", "Kom even rechtop.",
                                 "Straighten up for a moment."),
}
_RULE_KEYS = {"enabled", "cue", "pattern", "when", "message_nl", "message_en"}
_EXTRA_KEYS = {"prolonged_sitting": {"repeat_s"}}  # rule-specific keys besides the threshold
_TOP_KEYS = {"rules", "quiet_hours", "daily_cap", "baseline_s", "baseline_until", "neutral_s", "wearable"}


class PlanError(WordedValueError):
    """A feedback plan that cannot be used; the message is one line naming the key. English as
    raised; said in the CLI's or the dashboard's language by :meth:`text` (until 5 Dec 2026 it
    was English under ``--language nl`` and in the Dutch plan editor)."""


# the sentences of a plan that cannot be used (the therapist writes the TOML or the editor's form)
NO_PLAN = QT_TR_NOOP("{path}: no such feedback plan")
PLAN_UNREADABLE = QT_TR_NOOP("{path}: cannot read the feedback plan ({reason})")
PLAN_NOT_TOML = QT_TR_NOOP("{path}: not valid TOML ({reason})")
PLAN_KEY = QT_TR_NOOP("{source}: {key}: {what}")
NOT_A_TABLE_OF_KEYS = QT_TR_NOOP("a plan is a table of keys")
UNKNOWN_KEY = QT_TR_NOOP("unknown key; known: {known}")
NOT_A_TABLE_OF_RULES = QT_TR_NOOP("must be a table of rules ([rules.NAME])")
UNKNOWN_RULE = QT_TR_NOOP("unknown rule; known: {known}")
NOT_A_TABLE = QT_TR_NOOP("must be a table")
EXPECTED_REPEAT = QT_TR_NOOP("expected seconds >= 0 (0: once per bout), got {value}")
EXPECTED_QUIET_HOURS = QT_TR_NOOP('expected ["HH:MM", "HH:MM"] (from, to; local time)')
EXPECTED_CAP = QT_TR_NOOP("expected a whole number of cues >= 1, got {value}")
EXPECTED_SECONDS = QT_TR_NOOP("expected seconds >= 0, got {value}")
EXPECTED_FLAG = QT_TR_NOOP("expected true or false, got {value}")
EXPECTED_POSITIVE_DEGREES = QT_TR_NOOP("expected a positive number of degrees, got {value}")
EXPECTED_POSITIVE_SECONDS = QT_TR_NOOP("expected a positive number of seconds, got {value}")
EXPECTED_CHOICE = QT_TR_NOOP("expected one of {choices}; got {value}")
EXPECTED_TEXT = QT_TR_NOOP("expected a non-empty text, got {value}")
EXPECTED_HHMM = QT_TR_NOOP('expected local times as "HH:MM", got {value}')
EXPECTED_DATE_EXAMPLE = QT_TR_NOOP("expected a local date (2026-12-03) or date-time, got {value}")
NO_OFFSET = QT_TR_NOOP("give local time without an offset (the recording's zone applies)")
EXPECTED_DATE = QT_TR_NOOP("expected a local date or date-time, got {value}")


@dataclass(frozen=True, slots=True)
class RulePlan:
    """One rule of the plan: ``threshold`` in the rule's unit (``after_s`` s or ``over_deg`` deg)."""

    name: str
    enabled: bool = True
    threshold: float = 0.0
    cue: str = "vibrate"
    pattern: str = "short"
    when: str = "at_once"
    message_nl: str = ""
    message_en: str = ""
    repeat_s: float | None = None  # prolonged_sitting: remind again every N s (0: once; None: after_s)


@dataclass(frozen=True, slots=True)
class FeedbackPlan:
    """A validated plan (see the module docstring); build with :func:`load_plan` or
    :func:`plan_from_dict`. ``quiet_hours`` as ("HH:MM", "HH:MM") local time."""

    rules: dict[str, RulePlan] = field(default_factory=dict)
    quiet_hours: tuple[str, str] | None = None
    daily_cap: int | None = None
    baseline_s: float = 0.0
    baseline_until: str | None = None  # ISO local date or date-time
    neutral_s: float = 2.0
    wearable: str | None = None

    def active(self) -> dict[str, RulePlan]:
        return {k: r for k, r in self.rules.items() if r.enabled}

    def to_dict(self) -> dict[str, Any]:
        """The JSON-safe form (manifest, cue stage settings); :func:`plan_from_dict` reads it back."""
        d: dict[str, Any] = {"rules": {}}
        for name, r in self.rules.items():
            rd = asdict(r)
            rd.pop("name")
            if rd["repeat_s"] is None:
                rd.pop("repeat_s")
            rd[RULES[name].threshold_key] = rd.pop("threshold")
            d["rules"][name] = rd
        for key in ("quiet_hours", "daily_cap", "baseline_until", "wearable"):
            value = getattr(self, key)
            if value is not None:
                d[key] = list(value) if isinstance(value, tuple) else value
        d["baseline_s"] = self.baseline_s
        d["neutral_s"] = self.neutral_s
        return d

    def stage_settings(self) -> dict[str, dict[str, Any]]:
        """``PipelineSettings.stage_settings`` that run this plan (sitting threshold, feedback
        rule thresholds, the cue stage's plan)."""
        out: dict[str, dict[str, Any]] = {"cues": {"plan": self.to_dict()}}
        sitting = self.rules.get("prolonged_sitting")
        if sitting is not None and sitting.enabled:
            out["sitting"] = {"prolonged_s": sitting.threshold,
                              "repeat_s": sitting.threshold if sitting.repeat_s is None else sitting.repeat_s}
        bend = self.rules.get("long_static_bend")
        if bend is not None and bend.enabled and bend.when == "at_once":  # cue during the bend
            out["exposure"] = {"long_bend_s": bend.threshold}
        rules = default_rules()
        by_name = {r["rule"]: r for r in rules}
        for name, r in self.rules.items():
            shipped = RULES[name].feedback_rule
            if shipped is None:
                continue
            row = by_name[shipped]
            row["rule"] = name  # the alert names the plan's rule, which the cue stage matches
            # (``enabled`` switches the cue only: the therapist keeps seeing the technique alert)
            field_name = row["when"][-1][0]  # the thresholded field is the row's last condition
            row["when"] = [c for c in row["when"][:-1]] + [[field_name, ">", r.threshold]]
        if any(RULES[n].feedback_rule for n in self.rules):
            out["feedback"] = {"rules": rules}
        return out


def with_plan(settings: Any, plan: FeedbackPlan) -> Any:
    """``PipelineSettings`` (e.g. a session's recorded ones; None = defaults) running ``plan``:
    its stage settings merged over the others, and the ``cues`` stage added when a recording
    made without it is replayed."""
    import dataclasses

    from oefensense.pipeline import PipelineSettings

    settings = settings or PipelineSettings()
    merged = {k: dict(v) for k, v in settings.stage_settings.items()}
    for name, values in plan.stage_settings().items():
        merged[name] = {**merged.get(name, {}), **values}
    stages = settings.stages
    if stages is not None and "cues" not in stages:
        stages = (*stages, "cues")
    return dataclasses.replace(settings, stages=stages, stage_settings=merged)


def plan_to_toml(plan: FeedbackPlan) -> str:
    """The plan as a TOML file (the dashboard editor saves it); :func:`load_plan` reads it back."""
    d = plan.to_dict()
    lines = [f"{k} = {_toml(d[k])}" for k in ("quiet_hours", "daily_cap", "baseline_s", "baseline_until",
                                            "neutral_s", "wearable") if k in d]
    for name, body in d["rules"].items():
        lines += ["", f"[rules.{name}]", *(f"{k} = {_toml(v)}" for k, v in body.items())]
    return "\n".join(lines) + "\n"


def _toml(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def load_plan(path: str | Path) -> FeedbackPlan:
    """Read and validate a TOML plan; :class:`PlanError` (one line, naming the key) when it cannot."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise PlanError(NO_PLAN, path=p) from None
    except OSError as exc:
        raise PlanError(PLAN_UNREADABLE, path=p, reason=exc.strerror) from None
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(PLAN_NOT_TOML, path=p, reason=exc) from None
    return plan_from_dict(data, source=str(p))


def plan_from_dict(data: dict[str, Any], source: str = "plan") -> FeedbackPlan:
    """Validate a parsed plan (TOML tables or :meth:`FeedbackPlan.to_dict` output)."""

    def bad(key: str, what: str, **fields: object) -> PlanError:
        return PlanError(PLAN_KEY, source=source, key=key, what=WordedError(what, **fields))

    if not isinstance(data, dict):
        raise bad("(top)", NOT_A_TABLE_OF_KEYS)
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise bad(unknown[0], UNKNOWN_KEY, known=", ".join(sorted(_TOP_KEYS)))
    rules_in = data.get("rules", {})
    if not isinstance(rules_in, dict):
        raise bad("rules", NOT_A_TABLE_OF_RULES)
    rules: dict[str, RulePlan] = {}
    for name, body in rules_in.items():
        key = f"rules.{name}"
        if name not in RULES:
            raise bad(key, UNKNOWN_RULE, known=", ".join(RULES))
        if not isinstance(body, dict):
            raise bad(key, NOT_A_TABLE)
        spec = RULES[name]
        known = _RULE_KEYS | {spec.threshold_key} | _EXTRA_KEYS.get(name, set())
        extra = sorted(set(body) - known)
        if extra:
            raise bad(f"{key}.{extra[0]}", UNKNOWN_KEY, known=", ".join(sorted(known)))
        repeat = body.get("repeat_s")
        if repeat is not None and (isinstance(repeat, bool) or not isinstance(repeat, (int, float))
                                   or not math.isfinite(repeat) or repeat < 0):
            raise bad(f"{key}.repeat_s", EXPECTED_REPEAT, value=repr(repeat))
        rules[name] = RulePlan(
            name=name,
            enabled=_flag(body.get("enabled", True), f"{key}.enabled", bad),
            threshold=_positive(body.get(spec.threshold_key, spec.default), f"{key}.{spec.threshold_key}", bad,
                                "degrees" if spec.threshold_key.endswith("_deg") else "seconds"),
            cue=_choice(body.get("cue", "vibrate"), MODALITIES, f"{key}.cue", bad),
            pattern=_choice(body.get("pattern", "short"), tuple(PATTERNS), f"{key}.pattern", bad),
            when=_choice(body.get("when", "at_once"), WHEN, f"{key}.when", bad),
            message_nl=_text(body.get("message_nl", spec.message_nl), f"{key}.message_nl", bad),
            message_en=_text(body.get("message_en", spec.message_en), f"{key}.message_en", bad),
            repeat_s=None if repeat is None else float(repeat),
        )
    quiet = data.get("quiet_hours")
    if quiet is not None:
        if not (isinstance(quiet, (list, tuple)) and len(quiet) == 2):
            raise bad("quiet_hours", EXPECTED_QUIET_HOURS)
        quiet = (_hhmm(quiet[0], "quiet_hours", bad), _hhmm(quiet[1], "quiet_hours", bad))
    cap = data.get("daily_cap")
    if cap is not None and (not isinstance(cap, int) or isinstance(cap, bool) or cap < 1):
        raise bad("daily_cap", EXPECTED_CAP, value=repr(cap))
    baseline_s = data.get("baseline_s", 0.0)
    if isinstance(baseline_s, bool) or not isinstance(baseline_s, (int, float)) or not math.isfinite(baseline_s) \
            or baseline_s < 0:
        raise bad("baseline_s", EXPECTED_SECONDS, value=repr(baseline_s))
    until = data.get("baseline_until")
    if until is not None:
        until = _local_instant(until, bad)
    wearable = data.get("wearable")
    if wearable is not None:
        wearable = _text(wearable, "wearable", bad)
    return FeedbackPlan(rules=rules, quiet_hours=quiet, daily_cap=cap, baseline_s=float(baseline_s),
                        baseline_until=until,
                        neutral_s=_positive(data.get("neutral_s", 2.0), "neutral_s", bad, "seconds"),
                        wearable=wearable)


def _flag(v: Any, key: str, bad: Any) -> bool:
    if not isinstance(v, bool):
        raise bad(key, EXPECTED_FLAG, value=repr(v))
    return v


def _positive(v: Any, key: str, bad: Any, unit: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
        raise bad(key, EXPECTED_POSITIVE_DEGREES if unit == "degrees" else EXPECTED_POSITIVE_SECONDS, value=repr(v))
    return float(v)


def _choice(v: Any, choices: tuple[str, ...], key: str, bad: Any) -> str:
    if v not in choices:
        raise bad(key, EXPECTED_CHOICE, choices=", ".join(choices), value=repr(v))
    return str(v)


def _text(v: Any, key: str, bad: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise bad(key, EXPECTED_TEXT, value=repr(v))
    return v


def _hhmm(v: Any, key: str, bad: Any) -> str:
    try:
        t = dt.time.fromisoformat(v) if isinstance(v, str) else v
        if not isinstance(t, dt.time):
            raise ValueError
    except ValueError:
        raise bad(key, EXPECTED_HHMM, value=repr(v)) from None
    return t.strftime("%H:%M")


def _local_instant(v: Any, bad: Any) -> str:
    """A local date or date-time (TOML's own or ISO text) as ISO text, no offset."""
    if isinstance(v, str):
        try:
            v = dt.datetime.fromisoformat(v) if "T" in v or " " in v else dt.date.fromisoformat(v)
        except ValueError:
            raise bad("baseline_until", EXPECTED_DATE_EXAMPLE, value=repr(v)) from None
    if isinstance(v, dt.datetime):
        if v.tzinfo is not None:
            raise bad("baseline_until", NO_OFFSET)
        return v.isoformat(timespec="minutes")
    if isinstance(v, dt.date):
        return v.isoformat()
    raise bad("baseline_until", EXPECTED_DATE, value=repr(v))
