"""Immutable copies of the dashboard's state, handed from the engine thread to the GUI.

A :class:`LiveSnapshot` holds only plain numpy arrays, tuples and small dataclasses: the GUI
may keep and draw it while the engine goes on writing the next state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True, slots=True)
class Trace:
    """One plotted line: ``t_s`` seconds on the session clock, ``y`` in the channel's unit."""

    t_s: np.ndarray
    y: np.ndarray


@dataclass(frozen=True, slots=True)
class Overview:
    """The whole session of one angle in bins (see :class:`~oefensense.live.overview.OverviewTrace`):
    bin start ``t_s`` (session clock), ``lo``/``hi``/``mean`` in degrees; ``channel`` names the angle;
    ``provisional`` the share of each bin whose forward direction was still a guess (0..1)."""

    channel: str
    t_s: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    mean: np.ndarray
    provisional: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class SensorStatus:
    """What the sensor panel shows for one sensor (NaN/None = not known)."""

    sensor_id: str
    placement: str
    family: str = ""
    nominal_rate_hz: float = 0.0
    rate_hz: float = float("nan")  # measured over the last seconds of samples
    samples: int = 0
    loss_pct: float = float("nan")
    latency_ms: float = float("nan")
    battery_pct: float = float("nan")
    connected: bool = True
    calibrated: bool = False
    # False once the sensor has sent samples but none for LiveSettings.silent_after_s of session
    # time, or its link is no longer streaming (dropped out, reconnecting): its rate, loss and
    # latency are then the last ones known, not what it does now
    receiving: bool = True
    state: str = ""  # the link's state (streaming, connecting, reconnecting…; "" in replay)


@dataclass(frozen=True, slots=True)
class TimelinePiece:
    """A stretch of one posture, session clock ns."""

    start_ns: int
    end_ns: int
    posture: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class LiftRow:
    """One lift for the list: when, technique, peak trunk flexion (deg), rating and cue key."""

    t_ns: int
    end_ns: int
    technique: str
    peak_flexion_deg: float | None
    rating: str
    cue: str


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event for the dashboard's list: when, type, ``severity`` ("info", "notice",
    "warning") and its one-line text in Dutch and English (from ``oefensense.core.events``);
    ``placement``: the sensor a source event is about (a gap), which its text does not name."""

    t_ns: int
    end_ns: int
    type: str
    severity: str
    text_nl: str
    text_en: str
    placement: str = ""

    def text(self, lang: str) -> str:
        return self.text_nl if lang == "nl" else self.text_en


@dataclass(frozen=True, slots=True)
class MarkerRow:
    t_ns: int
    note: str


@dataclass(frozen=True, slots=True)
class Bout:
    """A sitting bout [start_ns, end_ns) on the session clock."""

    start_ns: int
    end_ns: int

    @property
    def duration_s(self) -> float:
        return (self.end_ns - self.start_ns) / 1e9


@dataclass(frozen=True, slots=True)
class LiveSummary:
    """Running totals: seconds per posture, lift count per technique, seconds per trunk zone
    (``zone_s`` empty when no trunk flexion was measured, e.g. a waist-only setup)."""

    posture_s: dict[str, float] = field(default_factory=dict)
    lifts_by_technique: dict[str, int] = field(default_factory=dict)
    zone_s: tuple[float, ...] = (0.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class LiveSnapshot:
    """Everything both views draw, as of session time ``now_ns``.

    ``traces`` maps channel names (``trunk_flexion_deg`` …, ``acc_norm_g:<sensor_id>``) to
    :class:`Trace`. ``sitting_s`` is time sitting since the last break; ``prompt`` is True when
    it ran over the setting. ``seq`` increases with every change, so a view can skip redraws.
    """

    seq: int = 0
    now_ns: int = 0
    start_ns: int | None = None
    traces: dict[str, Trace] = field(default_factory=dict)
    posture: str = "unknown"
    timeline: tuple[TimelinePiece, ...] = ()
    sitting_s: float = 0.0
    prompt: bool = False
    prompts_fired: int = 0
    bouts: tuple[Bout, ...] = ()
    lifts: tuple[LiftRow, ...] = ()
    markers: tuple[MarkerRow, ...] = ()
    events: tuple[EventRow, ...] = ()
    summary: LiveSummary = field(default_factory=LiveSummary)
    sensors: tuple[SensorStatus, ...] = ()
    newest_sample_ns: dict[str, int] = field(default_factory=dict)
    frames_seen: int = 0
    frames_end_ns: int = 0  # session time the analysis (body frames) has reached; samples may run ahead
    overview: Overview | None = None  # the trunk (else pelvis) angle over the whole session
    # placements whose forward direction is not known at now_ns (no walk or bend yet): their
    # flexion, lateral bend, twist and tilt are guesses (see core.frames.SegmentBlock.provisional)
    provisional: tuple[str, ...] = ()
    # the newest screen-message cue a feedback plan gave (docs/feedback.md): (session ns, Dutch
    # text, English text, rule); the patient view shows it for a while
    cue_message: tuple[int, str, str, str] | None = None
    # a replay's cursor (session ns): the newest output ends up to a block before it, so an
    # elapsed time from ``now_ns`` read 2:27 beside the replay bar's 2:28; None live
    cursor_ns: int | None = None

    @property
    def elapsed_s(self) -> float:
        """Seconds from the first sample to the replay's cursor, live to the newest data."""
        if self.start_ns is None:
            return 0.0
        return (max(self.now_ns, self.cursor_ns or 0) - self.start_ns) / 1e9

    @property
    def last_lift(self) -> LiftRow | None:
        return self.lifts[-1] if self.lifts else None
