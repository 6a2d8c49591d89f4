"""The dashboard's running state, fed with pipeline outputs (Qt-free, single-threaded).

:class:`LiveState` turns a stream of :class:`~oefensense.pipeline.PipelineOutput` values (and the
engine's input items) into what the therapist and patient views draw: scrolling traces, the
posture timeline, the sitting timer with its stand-up prompt, lifts, markers and the live
summary. It is used by :class:`~oefensense.live.sink.SnapshotSink` (live, under a lock) and by
:class:`~oefensense.live.replay.ReplayModel` (replay with scrubbing). All work is vectorised per
block; nothing here reads the wall clock.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections import Counter, deque
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import numpy as np

from oefensense.core.frames import (
    ANGLE_FORWARD_FROM,
    PELVIS_TILT,
    THIGH_INCLINATION,
    TRUNK_FLEXION,
    TRUNK_LATERAL,
    TRUNK_TWIST,
    BodyFrame,
    provisional_angle_mask,
)
from oefensense.core.events import describe, event_type
from oefensense.core.limits import FLEXION, POS_SECONDS, RATE, SECONDS, Range, check_pair, check_ranges
from oefensense.core.types import NS_PER_S, Event, SampleBlock, SensorInfo

from . import vocab
from .overview import OverviewTrace
from .ring import RingBuffer
from .snapshot import (
    Overview,
    Bout,
    EventRow,
    LiftRow,
    LiveSnapshot,
    LiveSummary,
    MarkerRow,
    SensorStatus,
    TimelinePiece,
    Trace,
)

PLOTTED_ANGLES: tuple[str, ...] = (TRUNK_FLEXION, TRUNK_LATERAL, TRUNK_TWIST, PELVIS_TILT, THIGH_INCLINATION)
# The overview's angle: the one the exposure stage takes for the trunk zones, in its order.
OVERVIEW_ANGLES: tuple[str, ...] = (TRUNK_FLEXION, "pelvis_flexion_deg", PELVIS_TILT)
ACC_TRACE_PREFIX = "acc_norm_g:"


@dataclass(frozen=True, slots=True)  # checked once, in __post_init__: change with dataclasses.replace
class LiveSettings:
    """Dashboard settings.

    * ``window_s``: seconds of trace kept for the scrolling plots.
    * ``frame_rate_hz`` / ``raw_rate_hz``: expected rates, only used to size the ring buffers.
    * ``zone_edges_deg``: trunk flexion zone edges (ISO 11226: 20°, 60°).
    * ``sit_prompt_after_s``: sitting this long without a break raises the stand-up prompt (the
      pipeline's own ``prolonged_sitting`` event raises it too).
    * ``break_min_s``: not sitting for this long counts as a break (resets the timer); the
      default is the sitting stage's (Acti4 / SBRN: 2 s), ``transition``/``unknown`` bridge.
    * ``max_rows``: lifts / markers / timeline pieces kept for the lists.
    * ``silent_after_s``: a sensor whose newest sample is this much older than the session's
      newest time is not receiving (a dropout): the panel says so instead of its last rate.
      Above the batching delay of the families (Polar sends ~0.5 s at once).
    """

    window_s: float = 30.0
    frame_rate_hz: float = 50.0
    raw_rate_hz: float = 200.0
    zone_edges_deg: tuple[float, float] = (20.0, 60.0)
    sit_prompt_after_s: float = 30 * 60.0
    break_min_s: float = 2.0
    min_bout_s: float = 5.0  # shorter sitting is not listed as a bout (sitting stage default)
    max_rows: int = 500
    silent_after_s: float = 3.0  # a sensor without samples this long (session time) is shown as not receiving

    def __post_init__(self) -> None:
        check_pair("dashboard", "zone_edges_deg", self.zone_edges_deg, FLEXION)
        check_ranges("dashboard", self, {
            "window_s": POS_SECONDS, "frame_rate_hz": RATE, "raw_rate_hz": RATE, "sit_prompt_after_s": POS_SECONDS,
            "break_min_s": SECONDS, "min_bout_s": SECONDS, "max_rows": Range("count", low=1, whole=True),
            "silent_after_s": POS_SECONDS})


def _angle_valid(frame: BodyFrame, angle: str, all_valid: np.ndarray) -> np.ndarray:
    """Where ``angle`` is valid: the sensors it is measured with (``P_valid``), not the frame's
    ``valid``, which is False wherever any worn sensor is missing (a thigh sensor's dropout,
    a pelvis sensor still aligning) and blanked the trunk's whole-session curve there."""
    places = [p for p in ANGLE_FORWARD_FROM.get(angle, ()) if frame.has(f"{p}_valid")]
    if not places:
        return all_valid
    ok = np.ones(len(frame), dtype=bool)
    for p in places:
        ok &= np.asarray(frame[f"{p}_valid"], dtype=bool)
    return ok


def reason_worded(ev: Event, lang: str) -> Event:
    """A gap event whose ``reason`` code is given in words ("verbinding verbroken"), as the
    reports say it: the list read "romp: Geen gegevens van de sensor (link_lost)" in Dutch."""
    from oefensense.reports.text import GAP_REASONS

    reason = (ev.fields or {}).get("reason")
    if ev.type != "gap" or reason not in GAP_REASONS:
        return ev
    en, nl = GAP_REASONS[reason]
    return dataclasses.replace(ev, fields={**ev.fields, "reason": nl if lang == "nl" else en})


class LiveState:
    """Accumulates pipeline outputs; :meth:`snapshot` gives an immutable copy for drawing."""

    def __init__(self, settings: LiveSettings | None = None, posture_names: Iterable[str] | None = None) -> None:
        self.settings = settings or LiveSettings()
        self.posture_names = tuple(posture_names) if posture_names is not None else vocab.resolve_posture_names()
        self.reset()

    # ------------------------------------------------------------------ state
    def reset(self) -> None:
        s = self.settings
        self.seq = 0
        self.now_ns = 0
        self.start_ns: int | None = None
        cap = int(s.window_s * s.frame_rate_hz * 1.15) + 16
        self._angles = {name: RingBuffer(cap) for name in PLOTTED_ANGLES}
        self._acc: dict[str, RingBuffer] = {}
        self._sensors: dict[str, SensorInfo] = {}
        self._sensor_samples: Counter[str] = Counter()
        self._posture = "unknown"
        self._runs: deque[list[Any]] = deque(maxlen=s.max_rows)  # [start, end, name] from frames
        self._segments: deque[TimelinePiece] = deque(maxlen=s.max_rows)  # closed, from the pipeline
        self._closed_s: Counter[str] = Counter()  # seconds per posture of every closed segment (uncapped)
        self._closed_end: int | None = None
        self._sit_start: int | None = None
        self._nonsit_start: int | None = None
        self._bouts: deque[Bout] = deque(maxlen=s.max_rows)
        self._stage_bouts: deque[Bout] = deque(maxlen=s.max_rows)  # the sitting stage's, when it runs
        self._alert_bout_ns: int | None = None  # bout start of the stage's last prolonged_sitting
        self._prompt_on = False
        self._prompts_fired = 0
        self._cue_message: tuple[int, str, str, str] | None = None
        self._lifts: deque[LiftRow] = deque(maxlen=s.max_rows)
        self._markers: deque[MarkerRow] = deque(maxlen=s.max_rows)
        self._events: deque[EventRow] = deque(maxlen=s.max_rows)
        self._posture_ticks: Counter[str] = Counter()
        self._posture_s: dict[str, float] = {}
        self._zone_s = np.zeros(3)
        self._zones_known = False  # trunk flexion seen at all (a waist-only setup has none)
        self._lift_counts: Counter[str] = Counter()
        self._frames_seen = 0
        self._frames_end_ns = 0
        self._provisional: tuple[str, ...] = ()  # placements whose forward direction is not known now
        self._overview = OverviewTrace()
        self._overview_channel: str | None = None
        self._dt_s = 1.0 / s.frame_rate_hz

    def copy(self) -> "LiveState":
        """A deep copy (replay checkpoints)."""
        return copy.deepcopy(self)

    # ------------------------------------------------------------------ input side
    def on_input(self, item: Any) -> None:
        """A source item: sensors joining are noted for the sensor panel."""
        if isinstance(item, SensorInfo):
            self._sensors[item.sensor_id] = item

    def on_output(self, out: Any) -> None:
        """One ``PipelineOutput`` (anything with ``samples``, ``frames``, ``segments``, ``events``)."""
        changed = False
        for block in getattr(out, "samples", ()) or ():
            self._add_samples(block)
            changed = True
        for frame in getattr(out, "frames", ()) or ():
            self._add_frame(frame)
            changed = True
        for seg in getattr(out, "segments", ()) or ():
            piece = TimelinePiece(int(seg.start_ns), int(seg.end_ns), str(getattr(seg.posture, "value", seg.posture)),
                                  float(getattr(seg, "confidence", 1.0)))
            self._segments.append(piece)
            self._closed_s[piece.posture] += (piece.end_ns - piece.start_ns) / NS_PER_S
            self._closed_end = piece.end_ns
            changed = True
        for ev in getattr(out, "events", ()) or ():
            self._add_event(ev)
            changed = True
        if changed:
            self.seq += 1

    def add_marker(self, note: str, t_ns: int | None = None) -> MarkerRow:
        """A therapist's marker at ``t_ns`` (default: the newest session time seen)."""
        row = MarkerRow(int(self.now_ns if t_ns is None else t_ns), str(note))
        self._markers.append(row)
        self.seq += 1
        return row

    def _advance(self, t_ns: int, first_ns: int | None = None) -> None:
        """Move ``now_ns`` on to ``t_ns``; the first data's first time (``first_ns``) is the
        start, as for ``info``'s duration. Events do not start it: the session's clock event
        sits at 0, ~2 s before the first sample (connecting), and made "Elapsed" 1:30 where the
        replay bar and ``info`` said 1:27 (87.9 s)."""
        if self.start_ns is None and first_ns is not None:
            self.start_ns = first_ns
        if t_ns > self.now_ns:
            self.now_ns = t_ns

    def _add_samples(self, block: SampleBlock) -> None:
        n = len(block)
        if n == 0:
            return
        sid = block.sensor_id
        buf = self._acc.get(sid)
        if buf is None:
            cap = int(self.settings.window_s * self.settings.raw_rate_hz * 1.15) + 16
            buf = self._acc[sid] = RingBuffer(cap)
        buf.append(block.t_ns, np.linalg.norm(block.acc_g, axis=1))
        self._sensor_samples[sid] += n
        self._advance(int(block.t_ns[-1]), int(block.t_ns[0]))

    def _add_frame(self, frame: BodyFrame) -> None:
        n = len(frame)
        if n == 0:
            return
        t = frame.t_ns
        self._frames_seen += n
        self._frames_end_ns = max(self._frames_end_ns, int(t[-1]))
        self._dt_s = 1.0 / float(frame.rate_hz) if frame.rate_hz else self._dt_s
        for name, buf in self._angles.items():
            if frame.has(name):
                buf.append(t, frame[name])
        self._advance(int(t[-1]), int(t[0]))
        self._provisional = tuple(p.value for p in frame.placements
                                  if frame.has(f"{p.value}_provisional") and bool(frame[f"{p.value}_provisional"][-1]))
        valid = np.asarray(frame["valid"], dtype=bool) if frame.has("valid") else np.ones(n, dtype=bool)
        if self._overview_channel is None:
            self._overview_channel = next((c for c in OVERVIEW_ANGLES if frame.has(c)), None)
        if self._overview_channel is not None and frame.has(self._overview_channel):
            y = np.asarray(frame[self._overview_channel], dtype=np.float64)
            # angles whose forward direction is a guess are kept apart (drawn grey, as in the report)
            self._overview.add(t, np.where(_angle_valid(frame, self._overview_channel, valid), y, np.nan),
                               provisional_angle_mask(frame, self._overview_channel, n))
        if frame.has("trunk_zone"):  # the exposure stage's own zones (trunk, else pelvis): the summary's figure
            zone = np.asarray(frame["trunk_zone"])
            self._zones_known = True
            self._zone_s += np.bincount(zone[zone >= 0].astype(np.int64), minlength=3)[:3] * self._dt_s
        elif frame.has(TRUNK_FLEXION):
            flex = np.asarray(frame[TRUNK_FLEXION], dtype=np.float64)
            ok = _angle_valid(frame, TRUNK_FLEXION, valid) & np.isfinite(flex) & ~provisional_angle_mask(frame, TRUNK_FLEXION, n)
            self._zones_known = True
            zone = np.digitize(flex[ok], self.settings.zone_edges_deg)
            self._zone_s += np.bincount(zone, minlength=3)[:3] * self._dt_s
        if frame.has("posture_code"):
            since = np.asarray(frame["posture_since_ns"]) if frame.has("posture_since_ns") else None
            self._add_postures(t, np.asarray(frame["posture_code"]), valid, since)

    def _name(self, code: int) -> str:
        return self.posture_names[code] if 0 <= code < len(self.posture_names) else "unknown"

    def _add_postures(self, t: np.ndarray, codes: np.ndarray, valid: np.ndarray, since: np.ndarray | None = None) -> None:
        """``since``: the posture stage's ``posture_since_ns``, where each run's posture began."""
        codes = np.where(valid & np.isfinite(codes.astype(np.float64)), codes, -1).astype(np.int64)
        # Time per posture: one bincount per block.
        shifted = codes + 1
        counts = np.bincount(shifted, minlength=len(self.posture_names) + 1)
        for idx in np.flatnonzero(counts):
            name = self._name(int(idx) - 1)
            self._posture_s[name] = self._posture_s.get(name, 0.0) + float(counts[idx]) * self._dt_s
        # Runs of equal code: a handful per block, so a Python loop over runs is cheap.
        edges = np.flatnonzero(np.diff(codes)) + 1
        starts = np.r_[0, edges]
        ends = np.r_[edges, codes.shape[0]]
        step = int(round(self._dt_s * NS_PER_S))
        for a, b in zip(starts, ends):
            name = self._name(int(codes[a]))
            r0, r1 = int(t[a]), int(t[b - 1]) + step
            # a posture begins where the stage says (its segment start, set back by its labelling
            # delay), not at the first frame labelled with it ~1-4 s later: the sitting clock
            # (a plan's 8-s prolonged_sitting came with the dashboard's clock at 0:04) and the
            # timeline's open piece (sitting drawn late until the stage closed the segment)
            began = int(since[a]) if since is not None and codes[a] >= 0 and 0 < int(since[a]) < r0 else r0
            if self._runs and self._runs[-1][2] == name and r0 - self._runs[-1][1] <= 2 * step:
                self._runs[-1][1] = r1
            else:
                if self._runs:  # the run before ends where this one began, never before its own start
                    began = max(began, self._runs[-1][0])
                    self._runs[-1][1] = min(self._runs[-1][1], began)
                    if self._runs[-1][1] <= self._runs[-1][0]:
                        self._runs.pop()
                self._runs.append([began, r1, name])
            self._posture = name
            self._sitting_run(began, r1, name)

    def _sitting_run(self, r0: int, r1: int, name: str) -> None:
        """Sitting-bout state machine over posture runs [``r0``, ``r1``) (``r0`` where the posture
        began); ``unknown``/``transition`` bridge. The sitting stage's bouts, alerts and the
        plan's cues count from the same starts, so every clock shows one figure."""
        s = self.settings
        if name in vocab.SITTING_NAMES:
            if self._sit_start is None:
                self._sit_start = r0
            self._nonsit_start = None
        elif name not in vocab.BRIDGING_POSTURES and self._sit_start is not None:
            if self._nonsit_start is None:
                self._nonsit_start = r0
            if (r1 - self._nonsit_start) / NS_PER_S >= s.break_min_s:
                if (self._nonsit_start - self._sit_start) / NS_PER_S >= s.min_bout_s:
                    self._bouts.append(Bout(self._sit_start, self._nonsit_start))
                self._sit_start = None
                self._nonsit_start = None
        self._update_prompt()

    def _update_prompt(self) -> None:
        sitting = self._sit_start is not None and self._nonsit_start is None
        stage_alert = (
            self._alert_bout_ns is not None
            and self._sit_start is not None
            and abs(self._alert_bout_ns - self._sit_start) <= 10 * NS_PER_S
        )
        on = sitting and (self.sitting_s >= self.settings.sit_prompt_after_s or stage_alert)
        if on and not self._prompt_on:
            self._prompts_fired += 1
        self._prompt_on = on

    @property
    def sitting_s(self) -> float:
        """Seconds sitting since the last break; 0 when not sitting now: outside a bout, and also
        during a non-sitting run still too short to break the bout (sitting again within
        ``break_min_s`` resumes the clock from the bout's start). Every view shows this one figure."""
        if self._sit_start is None or self._nonsit_start is not None:
            return 0.0
        return max(0.0, (self.now_ns - self._sit_start) / NS_PER_S)

    def _add_event(self, ev: Event) -> None:
        self._advance(int(ev.end_ns))
        f = ev.fields or {}
        decl = event_type(ev.type)
        if decl is not None and ev.type not in vocab.UNLISTED_EVENT_TYPES:
            # "No data from the sensor (link_lost)": with three sensors, which one? (the sensor's
            # placement, for the list to name; only source events, whose text says "the sensor")
            info = self._sensors.get(ev.sensor_id or "")
            placement = (info.placement.value if info else str(ev.sensor_id)) if ev.sensor_id and decl.group == "source" else ""
            self._events.append(EventRow(int(ev.t_ns), int(ev.end_ns), ev.type, decl.severity,
                                         describe(reason_worded(ev, "nl"), "nl"), describe(reason_worded(ev, "en"), "en"),
                                         placement))
        if ev.type in vocab.LIFT_EVENT_TYPES:
            technique = str(f.get("technique", "unknown"))
            rating, cue = vocab.rate_lift(f, self.settings.zone_edges_deg[1])
            self._lifts.append(LiftRow(int(ev.t_ns), int(ev.end_ns), technique, vocab.lift_peak_flexion(f), rating, cue))
            self._lift_counts[technique] += 1
        elif ev.type == vocab.MARKER_EVENT_TYPE:
            self._markers.append(MarkerRow(int(ev.t_ns), str(f.get("note", ""))))
        elif ev.type in vocab.SITTING_BOUT_EVENT_TYPES:
            self._stage_bouts.append(Bout(int(ev.t_ns), int(ev.end_ns)))
        elif ev.type == "cue" and f.get("modality") == "message" and not f.get("withheld"):
            # a plan's screen message: the therapist's list showed it, the patient's view did not
            nl, en = str(f.get("message_nl") or ""), str(f.get("message_en") or "")
            if nl or en:
                self._cue_message = (int(ev.t_ns), nl or en, en or nl, str(f.get("rule", "")))
        elif ev.type == vocab.PROLONGED_SITTING_EVENT_TYPE:
            self._alert_bout_ns = int(ev.t_ns)
            self._update_prompt()

    # ------------------------------------------------------------------ output side
    def snapshot(self, stats: Mapping[str, Mapping[str, Any]] | None = None) -> LiveSnapshot:
        """An immutable copy; ``stats`` adds link figures per sensor id (loss, latency, battery…)."""
        traces: dict[str, Trace] = {}
        for name, buf in self._angles.items():
            if len(buf):
                t, v = buf.view()
                traces[name] = Trace(t / NS_PER_S, v[:, 0])
        newest: dict[str, int] = {}
        for sid, buf in self._acc.items():
            t, v = buf.view()
            traces[ACC_TRACE_PREFIX + sid] = Trace(t / NS_PER_S, v[:, 0])
            newest[sid] = int(t[-1])
        timeline = self._timeline()
        return LiveSnapshot(
            seq=self.seq,
            now_ns=self.now_ns,
            start_ns=self.start_ns,
            traces=traces,
            posture=self._posture,
            timeline=timeline,
            sitting_s=self.sitting_s,
            prompt=self._prompt_on,
            prompts_fired=self._prompts_fired,
            bouts=tuple(self._stage_bouts or self._bouts),
            lifts=tuple(self._lifts),
            markers=tuple(self._markers),
            events=tuple(self._events),
            summary=LiveSummary(self._time_per_posture(), dict(self._lift_counts),
                                tuple(float(x) for x in self._zone_s) if self._zones_known else ()),
            sensors=self._sensor_status(stats or {}),
            newest_sample_ns=newest,
            frames_seen=self._frames_seen,
            frames_end_ns=self._frames_end_ns,
            overview=(Overview(self._overview_channel, *self._overview.arrays(), self._overview.provisional_fraction())
                      if self._overview_channel else None),
            provisional=self._provisional,
            cue_message=self._cue_message,
        )

    def _time_per_posture(self) -> dict[str, float]:
        """Seconds per posture as the session's timeline counts them: the pipeline's closed
        segments, then the open frame runs after the last of them (what timeline.csv will say).
        Without a posture-segment stage, the frames' own posture codes."""
        if self._closed_end is None:
            return dict(self._posture_s)
        out = dict(self._closed_s)
        for r0, r1, name in self._runs:
            if r1 > self._closed_end:
                out[name] = out.get(name, 0.0) + (r1 - max(r0, self._closed_end)) / NS_PER_S
        return out

    def _timeline(self) -> tuple[TimelinePiece, ...]:
        """Closed pipeline segments, then the frame-derived runs after the last of them."""
        pieces = list(self._segments)
        after = pieces[-1].end_ns if pieces else None
        for r0, r1, name in self._runs:
            if after is not None:
                if r1 <= after:
                    continue
                r0 = max(r0, after)
            pieces.append(TimelinePiece(r0, r1, name))
        return tuple(pieces)

    def _sensor_status(self, stats: Mapping[str, Mapping[str, Any]]) -> tuple[SensorStatus, ...]:
        ids = list(self._sensors) + [s for s in self._acc if s not in self._sensors] + [s for s in stats if s not in self._sensors and s not in self._acc]
        rows = []
        for sid in ids:
            info = self._sensors.get(sid)
            st = dict(stats.get(sid, {}))
            rate = float("nan")
            buf = self._acc.get(sid)
            receiving = True
            if buf is not None and len(buf) > 0:
                t, _ = buf.view()
                receiving = (self.now_ns - int(t[-1])) <= self.settings.silent_after_s * NS_PER_S
                recent = t[t >= t[-1] - 2 * NS_PER_S]
                if recent.shape[0] > 2 and recent[-1] > recent[0]:
                    rate = float((recent.shape[0] - 1) / ((recent[-1] - recent[0]) / NS_PER_S))
            state = str(st.get("state", ""))
            if state and state != "streaming" and self._sensor_samples.get(sid, 0) > 0:
                receiving = False  # the link dropped: now_ns may not move on (no other sensor)
            if not math.isfinite(rate):  # no recent samples of our own: the link's average
                rate = float(st.get("rate_hz", rate))
            if not receiving:
                rate = float("nan")  # the last rate known is not what the sensor does now
            rows.append(
                SensorStatus(
                    sensor_id=sid,
                    placement=str(st.get("placement", info.placement.value if info else "")),
                    family=str(st.get("family", info.family if info else "")),
                    nominal_rate_hz=float(info.nominal_rate_hz if info else st.get("nominal_rate_hz", 0.0)),
                    rate_hz=rate,
                    samples=int(self._sensor_samples.get(sid, 0)),
                    loss_pct=float(st.get("loss_pct", float("nan"))),
                    latency_ms=float(st.get("latency_ms", float("nan"))),
                    battery_pct=float(st.get("battery_pct", float("nan"))),
                    connected=bool(st.get("connected", True)),
                    calibrated=bool(st.get("calibrated", False)),
                    receiving=receiving,
                    state=state,
                )
            )
        return tuple(rows)
