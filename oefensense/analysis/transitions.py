"""Transition stage: sit-to-stand, stand-to-sit, sit-to-lie, lie-to-sit (and stand/lie) events.

Reads the posture stage's per-sample channels ``posture_code`` and ``posture_since_ns`` (so it runs
after :class:`~oefensense.analysis.posture.PostureStage`). When the stable posture (lying, sitting,
standing, walking) changes, an event is raised at once:

``Event(type, t_ns=start of the movement, end_ns=start of the new posture,
fields={"duration_s", "from", "to", "detected_s"})``. Types: ``sit_to_stand`` (sitting →
standing/walking), ``stand_to_sit``, ``sit_to_lie``, ``lie_to_sit``, ``stand_to_lie``,
``lie_to_stand``. The movement's start is the start of the ``transition`` segment between the two
postures when there is one (pelvis model), otherwise the change point (duration 0: thigh rules
detect the change, not its duration). ``detected_s`` is when the event was raised (live latency).

With the pelvis model the posture stage also writes ``posture_move`` (the directed transition most
probable over the movement so far). Then an event needs an observed movement: a change of the
stable posture without one is the filter revising its sitting-vs-standing guess (the waist's weak
pair; on HAPT most false events were such flips) and raises nothing. The event is typed by the
movement; where the movement disagrees with the posture before it, see
:class:`TransitionSettings` ``retype``. A movement still open when the data ends is reported at
``finish`` with ``end_of_data: true`` (a recording stopped right after standing up).

Sit-to-stand and stand-to-sit with the pelvis model and a pelvis gyro come from the physics
detector :mod:`~oefensense.analysis.sit_stand` instead (``TransitionSettings.sit_stand``): a
movement between two still periods that raises or lowers the pelvis by >= 0.1 m. The HMM's own
sitting <-> standing changes then raise no event (they still shape the posture timeline); lying
transitions stay with the HMM. Those events carry ``rise_m`` and ``source: "sit_stand"``.

A trunk sensor alone (posture ``upright_still``) runs the same detector on the trunk's channels
(the upper body falls and rises with the hips; ``source: "sit_stand_trunk"``, no squat guard: its
limits are for the pelvis) and splits the ``upright_still`` time into a sitting estimate with a
range (:mod:`.upright_still`; summary ``upright_still``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.frames import BodyFrame
from ..core.limits import POS_SECONDS, SECONDS, Range, check_order, check_ranges
from ..core.types import NS_PER_S, Event
from .base import StageBase, StageOutput
from ..features.posture_features import LABEL_DELAY_S
from .posture import MOVES, POSTURES, SENSOR_CONFIGS
from .posture_history import PostureHistory
from .sit_stand import KINDS as SIT_STAND_KINDS
from .sit_stand import SitStandDetector, SitStandMove, SitStandSettings
from .squat_guard import GuardedMove, SquatGuard, SquatGuardSettings
from .upright_still import UprightStillTally

STATIC = {"lying", "sitting", "standing", "walking"}


_SHORT = {"sitting": "sit", "lying": "lie", "standing": "stand", "walking": "stand"}


def transition_type(src: str, dst: str) -> str | None:
    """Event type for a change between stable postures, None when it is not a transition."""
    s, d = _SHORT[src], _SHORT[dst]
    return None if s == d else f"{s}_to_{d}"


@dataclass(frozen=True, slots=True)
class TransitionSettings:
    """``min_duration_s``: a movement shorter than this is reported with this duration, centred on
    the change (s); ``max_duration_s``: longer transition segments are clipped to their last part;
    ``first_stable_s``: the first posture of a stream (or after unknown data) must have lasted this
    long before a change away from it counts (the filter's first guess is not a transition).

    With the pelvis model (``posture_move`` channel): ``retype`` lets the movement's own directed
    transition say where it started when the posture before it was only the filter's guess (the
    first posture or a revision), not when it was reached by an observed movement;
    ``round_trip_s``: a movement at least this long (s) that ends in the posture it started from
    is reported as both halves (e.g. sat down briefly and stood up; 0 = off).

    ``sit_stand``: with the pelvis model (``posture_move``) and ``pelvis_gyr_dps``, sit-to-stand
    and stand-to-sit events come from :class:`~oefensense.analysis.sit_stand.SitStandDetector`
    (``sit_stand_settings``), not from the HMM's posture changes. ``walk_veto``: a detector
    movement that the posture stage called walking for at least this share of its time (as far as
    decided when the movement is) and that has at least ``walk_min_steps`` step impacts (two
    strides; :func:`~oefensense.analysis.sit_stand.step_impacts`) is a walk, not a transfer
    (summary ``walks_not_transfers``; None = off). ``walking_transfers``: a sit-down straight
    out of a walk or a stand-up straight into one, which the detector cannot see (no still period
    on the walking side), comes from the pelvis model's movement (``source: "posture"``) unless a
    detector movement lies within ``walking_transfer_margin_s`` of it, and only around a sitting
    of at least ``walking_transfer_min_sit_s`` (a sit-down is raised once it has lasted that
    long)."""

    min_duration_s: float = 0.0
    max_duration_s: float = 10.0
    first_stable_s: float = 2.0
    retype: bool = True
    round_trip_s: float = 0.0
    sit_stand: bool = True
    sit_stand_settings: SitStandSettings = SitStandSettings()
    squat_guard: SquatGuardSettings | None = SquatGuardSettings()  # None: report every detector move at once
    walk_veto: float | None = 0.5
    walk_min_steps: int = 4
    walking_transfers: bool = True
    walking_transfer_margin_s: float = 1.0
    walking_transfer_min_sit_s: float = 5.0  # the sitting stage's shortest bout

    def __post_init__(self) -> None:
        check_ranges("transitions", self, {
            "min_duration_s": SECONDS, "max_duration_s": POS_SECONDS, "first_stable_s": SECONDS,
            "round_trip_s": SECONDS, "walk_veto": Range("ratio", low=0, high=1, none=True),
            "walk_min_steps": Range("count", low=0, whole=True), "walking_transfer_margin_s": SECONDS,
            "walking_transfer_min_sit_s": SECONDS})
        check_order("transitions", "min_duration_s", self.min_duration_s, "max_duration_s", self.max_duration_s,
                    "s", strict=False)


_NONE, _PELVIS, _TRUNK = 0, 1, 2  # detector modes (see TransitionStage._modes)

#: the detector's channels, read from the trunk sensor when it is worn alone
_DETECTOR_CHANNELS = ("acc_g", "gyr_dps", "inclination_deg", "flexion_deg", "lateral_deg", "provisional")


def _trunk_as_detector_input(frame: BodyFrame) -> BodyFrame:
    """The trunk's channels under the names the sit/stand detector reads (``pelvis_*``)."""
    ch = {f"pelvis_{c}": frame[f"trunk_{c}"] for c in _DETECTOR_CHANNELS if frame.has(f"trunk_{c}")}
    return BodyFrame(frame.t_ns, frame.rate_hz, frame.placements, ch)


class TransitionStage(StageBase):
    """Posture changes -> transition events (see module doc)."""

    name = "transitions"
    reads = ("posture_code", "posture_since_ns", "posture_move", "posture_move_since_ns", "posture_config", "pelvis_acc_g",
             "pelvis_gyr_dps", "pelvis_inclination_deg", "pelvis_flexion_deg", "pelvis_lateral_deg", "pelvis_provisional",
             *(f"trunk_{c}" for c in _DETECTOR_CHANNELS))
    emits = ("sit_to_stand", "stand_to_sit", "sit_to_lie", "lie_to_sit", "stand_to_lie", "lie_to_stand")

    def __init__(self, settings: TransitionSettings | None = None) -> None:
        self.settings = settings or TransitionSettings()
        self.reset()

    def reset(self) -> None:
        self._stable: str | None = None  # last stable posture
        self._stable_since: int = 0
        self._confirmed = False  # the stable posture may start a transition
        self._code: int | None = None
        self._move: int = -1  # last sample's posture_move
        self._move_start: int | None = None  # since_ns of the first non-stable code after stable
        self._runs: list[tuple[int, int]] = []  # (directed transition, since_ns) within the movement
        self._has_moves = False
        self._by_move = False  # the stable posture was reached through an observed movement
        self._end_ns: int | None = None  # body time of the last decision (end of the data so far)
        self._counts: dict[str, int] = {}
        self._detector = SitStandDetector(self.settings.sit_stand_settings)
        self._guard = SquatGuard(self.settings.squat_guard) if self.settings.squat_guard is not None else None
        self._use_detector = False
        self._mode: int | None = None  # detector mode of the last sample (see _modes)
        self._modes_seen: set[int] = set()
        self._guard_used = False  # the pelvis detector ran through the squat guard
        ss = self.settings.sit_stand_settings
        # a movement is decided at most max_move_s + baseline_s after its start: the history
        # from the frame's start must reach that far back (60 s with the shipped settings)
        self._postures = PostureHistory(keep_s=max(60.0, ss.max_move_s + ss.baseline_s + 1.0))
        self._walks = 0  # detector movements the posture stage called walking
        self._detected: list[tuple[int, int]] = []  # recent detector movements (start, end ns)
        self._held_sit: tuple[Event, int] | None = None  # a sit-down out of a walk, until it lasts (event, due ns)
        self._tally = UprightStillTally()

    def process(self, frame: BodyFrame) -> StageOutput:
        out = StageOutput()
        if len(frame) == 0:
            return out
        if not frame.has("posture_code"):
            raise ValueError("TransitionStage needs the posture_code channel: run PostureStage first")
        # The detector follows the sensors that decide posture (``posture_config``): a trunk worn
        # alone until the pelvis connects runs the trunk's detector, then the pelvis's with the
        # squat guard (decided once on the first frame, the trunk's ran for the whole recording).
        modes = self._modes(frame)
        cuts = [0, *(np.flatnonzero(modes[1:] != modes[:-1]) + 1).tolist(), len(frame)]
        for a, b in zip(cuts[:-1], cuts[1:]):
            self._enter(int(modes[a]), out)
            self._process_part(frame if (a, b) == (0, len(frame)) else frame.samples(a, b), out)
        return out

    def _modes(self, frame: BodyFrame) -> np.ndarray:
        """Detector mode per sample: ``_PELVIS`` (pelvis model: its directed moves and the pelvis
        detector), ``_TRUNK`` (a trunk sensor alone) or ``_NONE`` (thigh rules)."""
        n = len(frame)
        if frame.has("posture_config"):
            cfg = np.asarray(frame["posture_config"])
            return np.where(cfg == SENSOR_CONFIGS.index("pelvis"), _PELVIS,
                            np.where(cfg == SENSOR_CONFIGS.index("trunk"), _TRUNK, _NONE)).astype(np.int8)
        if frame.has("posture_move"):  # a posture stage that does not say its configuration
            return np.full(n, _PELVIS, np.int8)
        trunk = {p.value for p in frame.placements} == {"trunk"}
        return np.full(n, _TRUNK if trunk else _NONE, np.int8)

    def _enter(self, mode: int, out: StageOutput) -> None:
        """Switch the detector to ``mode``: a movement the old one closed is decided first, one
        still open is dropped (the data goes on: not the end-of-data rule), and the new one starts
        afresh on its own sensor."""
        if mode == self._mode:
            return
        if self._mode is not None:
            if self._use_detector:
                # a movement still open here is not ended: the sensors go on streaming, only the
                # detector changes, so the end-of-data rule (report it as the recording's last
                # transfer) does not apply; a movement already closed by a still period is decided
                self._guarded([m for m in self._detector.finish() if not m.end_of_data], out, None)
            self._detector = SitStandDetector(self.settings.sit_stand_settings, mid_stream=True)
        self._mode = mode
        self._has_moves = mode == _PELVIS
        self._modes_seen.add(mode)

    @property
    def _trunk_only(self) -> bool:
        return self._mode == _TRUNK

    def _active_guard(self) -> SquatGuard | None:
        return self._guard if self._mode == _PELVIS else None  # its limits are for the pelvis

    def _process_part(self, frame: BodyFrame, out: StageOutput) -> None:
        codes = np.asarray(frame["posture_code"])
        since = np.asarray(frame["posture_since_ns"])
        self._postures.add(frame.t_ns, codes)  # before the detector: its decisions may look back
        det_frame = _trunk_as_detector_input(frame) if self._trunk_only else frame
        # trunk alone: its posture never says sitting or standing, so the detector's events are the only ones
        self._use_detector = self.settings.sit_stand and self._mode != _NONE and det_frame.has("pelvis_gyr_dps")
        if self._use_detector:
            self._guarded(self._detector.process(det_frame), out, det_frame)
        if self._has_moves and frame.has("posture_move"):
            moves = np.asarray(frame["posture_move"])
            move_since = np.asarray(frame["posture_move_since_ns"])
        else:
            moves = np.full(len(codes), -1, np.int8)
            move_since = since
        prev = np.concatenate([[codes[0] if self._code is None else self._code], codes[:-1]])
        prev_m = np.concatenate([[self._move], moves[:-1]])
        change = np.flatnonzero((codes != prev) | (moves != prev_m))
        if self._code is None:
            change = np.union1d([0], change)
        for i in change:
            if self._trunk_only:
                self._tally.posture(POSTURES[int(codes[i])], int(since[i]))
            self._on_code(POSTURES[int(codes[i])], int(since[i]), int(moves[i]), int(move_since[i]), int(frame.t_ns[i]), out)
        self._code, self._move = int(codes[-1]), int(moves[-1])
        self._end_ns = int(frame.t_ns[-1]) - int(round(LABEL_DELAY_S * NS_PER_S))
        self._settle_held_sit(None, self._end_ns, out)
        if self._trunk_only:
            self._tally.advance(self._end_ns)

    def finish(self) -> StageOutput:
        """A movement still open when the data ends (e.g. a recording stopped right after standing
        up) is reported with its most likely directed transition (field ``end_of_data``)."""
        out = StageOutput()
        if self._has_moves and self._runs and self._end_ns is not None:
            dst = MOVES[self._runs[-1][0]][1]
            self._land(dst, max(self._end_ns, self._runs[-1][1]), self._end_ns, out, end_of_data=True)
        if self._end_ns is not None:
            self._settle_held_sit(None, self._end_ns, out)
        self._runs, self._move_start = [], None
        if self._use_detector:
            self._guarded(self._detector.finish(), out, None)
        return out

    def _guarded(self, moves: list[SitStandMove], out: StageOutput, frame: BodyFrame | None) -> None:
        """Detector moves through the squat guard (see :mod:`.squat_guard`), in stream order; a
        movement the posture stage called walking is a walk, not a transfer (see
        :mod:`.posture_history`)."""
        if self.settings.walk_veto is not None:
            kept = [m for m in moves if not self._walked(m)]
            self._walks += len(moves) - len(kept)
            moves = kept
        # the detector owns these (whatever the guard makes of them): the posture's own events
        # for the same movement are not raised again (see _walking_side)
        self._detected = [x for x in self._detected if x[1] >= self._detected_horizon()] + [(m.start_ns, m.end_ns) for m in moves]
        guard = self._active_guard()
        if guard is None:
            for m in moves:
                self._emit_move(GuardedMove(m, 1.0, False, float("nan")), out)
            return
        self._guard_used = True
        if frame is not None:
            guard.observe(frame)
        released = guard.moves(moves)
        released += guard.due(self._detector.busy_since_ns) if frame is not None else guard.finish()
        for g in sorted(released, key=lambda g: g.move.start_ns):
            self._emit_move(g, out)

    def _detected_horizon(self) -> int:
        return (self._end_ns or 0) - int(60 * NS_PER_S)

    def _walked(self, m: SitStandMove) -> bool:
        if m.steps < self.settings.walk_min_steps:
            return False
        walking = self._postures.fraction(POSTURES.index("walking"), m.start_ns, m.end_ns, m.decided_ns)
        return bool(walking >= self.settings.walk_veto)  # NaN (not decided yet): not a walk

    def summary(self) -> dict:
        """``sit_to_stand_count`` plus counts per transition type."""
        out = {
            "sit_to_stand_count": self._counts.get("sit_to_stand", 0),
            "transitions": dict(sorted(self._counts.items())),
        }
        if self._guard_used:
            out["squats_not_sits"] = self._guard.squats
        if self._walks:
            out["walks_not_transfers"] = self._walks
        if _TRUNK in self._modes_seen:
            out["upright_still"] = self._tally.summary()
        return out

    def _on_code(self, posture: str, since_ns: int, move: int, move_since: int, now_ns: int, out: StageOutput) -> None:
        self._settle_held_sit(posture, since_ns, out)
        if posture not in STATIC:
            if self._move_start is None:
                self._move_start = since_ns
            if posture in ("unknown", "non_wear", "no_data", "upright_still"):  # cannot judge / not worn / no data: start afresh
                self._stable, self._move_start, self._runs = None, None, []
                return
            if move >= 0 and (not self._runs or self._runs[-1][0] != move):
                self._runs.append((move, move_since))
            return
        if move >= 0 and not self._runs:  # a movement the posture stage saw without a transition segment
            self._runs.append((move, move_since))
        if self._stable is not None and not self._confirmed:
            held_until = self._move_start if self._move_start is not None else since_ns
            self._confirmed = held_until - self._stable_since >= self.settings.first_stable_s * NS_PER_S
        self._land(posture, since_ns, now_ns, out)

    def _land(self, posture: str, since_ns: int, now_ns: int, out: StageOutput, end_of_data: bool = False) -> None:
        """A new stable ``posture`` from ``since_ns``: raise the events of the movement before it."""
        if self._stable is not None and self._confirmed:
            if self._has_moves:
                # Types from the directed transitions the movement went through; a change without
                # any movement (the filter revising sitting vs standing) is no event.
                self._typed_events(posture, since_ns, now_ns, out, end_of_data)
            elif _SHORT[posture] != _SHORT[self._stable]:
                start = self._move_start if self._move_start is not None else since_ns
                self._emit(self._stable, posture, start, since_ns, now_ns, out, end_of_data)
        if posture != self._stable or self._runs:
            self._by_move = bool(self._runs) and self._stable is not None
        if posture != self._stable:
            self._confirmed = self._stable is not None  # reached by a change: a real posture
            self._stable, self._stable_since = posture, since_ns
        self._move_start, self._runs = None, []

    def _typed_events(self, posture: str, since_ns: int, now_ns: int, out: StageOutput, end_of_data: bool) -> None:
        stable = self._stable
        assert stable is not None
        if not self._runs:
            return  # the filter revising sitting vs standing without any movement: no event
        src, dst = MOVES[self._runs[-1][0]]  # most probable directed transition of the movement
        start = self._move_start if self._move_start is not None else since_ns
        # A posture the filter only guessed (the first one, or a revision without movement) gives
        # way to where the movement says it started; one reached by a movement does not.
        trust_move = self.settings.retype and not self._by_move
        if (
            self.settings.round_trip_s > 0
            and _SHORT[posture] == _SHORT[stable]
            and since_ns - start >= self.settings.round_trip_s * NS_PER_S
            and _SHORT[stable] in (_SHORT[src], _SHORT[dst])
        ):
            # Left and came back within one movement (e.g. sat down briefly, stood up again):
            # the filter only passes through the other posture, so both halves are reported.
            other = dst if _SHORT[src] == _SHORT[stable] else src
            mid = (start + since_ns) // 2
            self._emit(stable, other, start, mid, now_ns, out, end_of_data)
            self._emit(other, posture, mid, since_ns, now_ns, out, end_of_data)
            return
        if _SHORT[dst] == _SHORT[posture] and (trust_move or _SHORT[src] == _SHORT[stable]):
            self._emit(src, posture, start, since_ns, now_ns, out, end_of_data)
        elif _SHORT[posture] != _SHORT[stable]:
            self._emit(stable, posture, start, since_ns, now_ns, out, end_of_data)

    def _emit(self, src: str, dst: str, start: int, end: int, now_ns: int, out: StageOutput, end_of_data: bool) -> None:
        kind = transition_type(src, dst)
        if kind is None:
            return
        by_posture = self._use_detector and kind in SIT_STAND_KINDS
        if by_posture and not self._walking_side(kind, dst, start, end):
            return  # sit <-> stand events come from the detector (see module doc)
        hold = by_posture and kind == "stand_to_sit"
        start = max(start, end - int(self.settings.max_duration_s * NS_PER_S))
        if end - start < self.settings.min_duration_s * NS_PER_S:
            half = int(self.settings.min_duration_s * NS_PER_S / 2)
            mid = (start + end) // 2
            start, end = mid - half, mid + half
        fields = {"duration_s": round((end - start) / NS_PER_S, 2), "from": src, "to": dst, "detected_s": round(now_ns / NS_PER_S, 3)}
        if by_posture:
            fields["source"] = "posture"
        if end_of_data:
            fields["end_of_data"] = True
        if hold:  # raised once the sitting has lasted a bout (see _walking_side)
            self._held_sit = (Event(kind, start, end, fields), end + int(self.settings.walking_transfer_min_sit_s * NS_PER_S))
            return
        self._counts[kind] = self._counts.get(kind, 0) + 1
        out.events.append(Event(kind, start, end, fields))

    def _settle_held_sit(self, posture: str | None, at_ns: int, out: StageOutput) -> None:
        """A held sit-down out of a walk: raised once the sitting has lasted
        ``walking_transfer_min_sit_s`` by body time ``at_ns``, dropped when it ended sooner
        (``posture`` is what follows, None: the sitting goes on)."""
        if self._held_sit is None:
            return
        event, due = self._held_sit
        if at_ns >= due:
            event.fields["detected_s"] = round((due + int(round(LABEL_DELAY_S * NS_PER_S))) / NS_PER_S, 3)
            self._counts[event.type] = self._counts.get(event.type, 0) + 1
            out.events.append(event)
            self._held_sit = None
        elif posture is not None and posture != "sitting":
            self._held_sit = None  # a moment's "sitting" between two walks (turning on a stair)

    def _walking_side(self, kind: str, dst: str, start: int, end: int) -> bool:
        """A sit-down straight out of a walk, or a stand-up straight into one, that the detector
        did not see: it needs a still period on both sides, and a walk has none (walk, sit down:
        no ``stand_to_sit`` at all; stand up, walk off: no ``sit_to_stand``). The pelvis model's
        own movement then gives the event (``source: "posture"``)."""
        if not self.settings.walking_transfers:
            return False
        min_sit = int(self.settings.walking_transfer_min_sit_s * NS_PER_S)
        if kind == "stand_to_sit":
            walking = self._stable == "walking"
        else:  # from a sitting that was a bout, not a moment's "sitting" between two walks
            walking = dst == "walking" and self._stable == "sitting" and start - self._stable_since >= min_sit
        margin = int(self.settings.walking_transfer_margin_s * NS_PER_S)
        seen = any(a <= end + margin and b >= start - margin for a, b in self._detected)
        return walking and not seen

    def _emit_move(self, g: GuardedMove, out: StageOutput) -> None:
        """An event from the sit-to-stand detector (through the squat guard)."""
        m = g.move
        src, dst = ("sitting", "standing") if m.kind == "sit_to_stand" else ("standing", "sitting")
        if m.end_of_data and self._stable is not None and _SHORT[self._stable] != _SHORT[src]:
            # a movement cut off by the end of the data, with no still period after it, from a
            # posture it cannot start from: the bundled recording ends 1 s into a walk after a
            # 1-s stop, which was counted as a second sit-to-stand ("from sitting", from standing)
            return
        self._counts[m.kind] = self._counts.get(m.kind, 0) + 1
        fields = {
            "duration_s": round((m.end_ns - m.start_ns) / NS_PER_S, 2),
            "from": src,
            "to": dst,
            "detected_s": round(g.detected_ns / NS_PER_S, 3),  # a held sit-down: when the guard let it go
            "rise_m": m.rise_m,
            "source": "sit_stand_trunk" if self._trunk_only else "sit_stand",
            "confidence": g.confidence,
        }
        if self._trunk_only:
            self._tally.move(m.kind, m.end_ns, g.ambiguous)
        if g.ambiguous:
            fields["ambiguous"] = True  # squat or brief sit: the pelvis flexion at the bottom was unknown
        if np.isfinite(g.bottom_pelvis_flexion_deg):
            fields["bottom_pelvis_flexion_deg"] = round(g.bottom_pelvis_flexion_deg, 1)
        if m.end_of_data:
            fields["end_of_data"] = True
        out.events.append(Event(m.kind, m.start_ns, m.end_ns, fields))
