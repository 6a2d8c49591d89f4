"""Posture stage: lying / sitting / standing / walking / transition / unknown, every hop, live.

What each sensor configuration can tell apart (see ``docs/posture.md``):

* ``pelvis`` (waist/lower back): ONNX model trained on HAPT (waist; inputs: the aligned
  acceleration and the chain's fused ``pelvis_inclination_deg``) + a constrained HMM: a static
  posture changes only through its directed transition. Sitting vs standing differ by only ~8–15°
  of pelvis tilt, so the model leans on the transition movement; weakest pair.
* ``thigh``: physical rules (Acti4: thigh inclination > 45° = sitting, |a| SD >= 0.1 g = walking).
  Lying cannot be told from sitting with a thigh alone: it is reported as sitting.
* ``thigh`` + ``trunk`` (or + ``pelvis``): thigh rules, lying when the trunk is > 45° from
  vertical (pelvis > 65°). The strongest configuration.
* ``trunk`` only: lying (> 45°) and walking are detected; upright and still is
  ``upright_still``, because trunk tilt does not separate sitting from standing (the transition
  stage splits that time into a sitting estimate with a range: :mod:`.upright_still`).

Timing: a tick every ``hop_s`` on the session clock (t % hop == 0, chunk-invariant). Features use
the trailing window (see :mod:`oefensense.features`), so the tick at t describes the body at
``t - LABEL_DELAY_S``; timeline segments carry that corrected time.

Channels written into ``frame.channels`` for later stages (per sample, as known causally at that
sample, i.e. lagging by ~1–2 s): ``posture_code`` (int8 index into :data:`POSTURES`),
``posture_since_ns`` (int64: start of the current posture segment on the session clock) and
``posture_confidence`` (float32) and ``posture_config`` (int8 index into :data:`SENSOR_CONFIGS`:
the sensor configuration that decided the sample; with ``auto`` it follows the sensors that have
data).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..core.frames import BodyFrame
from ..core.limits import INCLINATION, POS_SECONDS, SECONDS, Range, check_ranges
from ..core.types import NS_PER_S
from ..features.posture_features import (
    LABEL_DELAY_S,
    MODEL_STATES,
    history_samples,
    placement_features,
    window_samples,
)
from ..features.stacking import ContextFeatureCache
from .base import StageBase, StageOutput
from .models import MissingModelError
from .posture_model import N_STATES, OnnxPostureModel, hmm_forward, rule_proba, transition_matrix
from .posture_ticks import running_sum, tick_codes, tick_moves

POSTURES = ("lying", "sitting", "standing", "walking", "transition", "unknown", "non_wear", "no_data", "upright_still")
SITTING_CODE = 1
TRANSITION_CODE = 4
UNKNOWN_CODE = 5
NON_WEAR_CODE = 6  # the non-wear stage's ``non_wear`` channel: not worn, so no posture at all
NO_DATA_CODE = 7  # no sensor of the configuration had data (a gap): neither worn nor not worn
UPRIGHT_STILL_CODE = 8  # trunk alone: upright and not walking, sitting or standing (analysis/upright_still.py)
INCL_KEY = "pelvis:inclination"  # history key of the pelvis fused inclination (model input)
CONFIGS = ("auto", "pelvis", "thigh", "trunk", "thigh+trunk", "thigh+pelvis")
#: the configurations ``auto`` resolves to; channel ``posture_config`` holds an index into this
SENSOR_CONFIGS = CONFIGS[1:]
#: Directed transitions of the pelvis model, as (from, to) postures; ``posture_move`` indexes this.
MOVES = tuple(tuple(m.replace("stand", "standing").replace("sit", "sitting").replace("lie", "lying").split("_to_"))
              for m in MODEL_STATES[4:])  # fmt: skip


@dataclass(frozen=True, slots=True)
class PostureSegment:
    """One piece of the posture timeline, session clock ns; ``confidence`` 0..1 (mean filtered
    probability of the posture over the segment)."""

    start_ns: int
    end_ns: int
    posture: str
    confidence: float

    def to_json_dict(self) -> dict:
        return {
            "start_s": round(self.start_ns / NS_PER_S, 3),
            "end_s": round(self.end_ns / NS_PER_S, 3),
            "posture": self.posture,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class PostureSettings:
    """``config`` which sensors decide (``auto``: thigh+trunk > thigh+pelvis > thigh > pelvis >
    trunk, from the frame's placements); ``hop_s`` tick period (s); ``model_path`` the bundled
    ONNX file of the pelvis model ("" = ``posture_waist/model.onnx``; only files inside
    ``oefensense.models``, see ``analysis/models.py``); ``stay_static``/``stay_transition``/``eps`` HMM persistence
    and forbidden-move probability per tick; ``flip_move_mass``: a sitting/standing/lying change
    that the filter makes without deciding ``transition`` in between still counts as a movement
    (``posture_move``) when the directed transitions' filtered probability summed over the last
    4 ticks reaches this (inf = never; such changes are then revisions, not events: measured in
    docs/posture.md); thresholds in degrees / g (Acti4 / ActiPASS)."""

    config: str = "auto"
    hop_s: float = 0.5
    model_path: str = ""
    stay_static: float = 0.995
    stay_transition: float = 0.8
    eps: float = 1e-6
    flip_move_mass: float = float("inf")
    rule_stay: float = 0.9
    thigh_sit_deg: float = 45.0
    trunk_lying_deg: float = 45.0
    pelvis_lying_deg: float = 65.0
    move_sd_g: float = 0.1
    # a horizontal thigh is sitting only once it has lasted this long (s): before that it is a
    # transition, relabelled sitting from its start once confirmed. A squat (thigh ~85° for ~2 s
    # in a lift) is not sitting; Acti4 asks 5 s of a sitting bout, 3 s keeps short real sits.
    thigh_min_sit_s: float = 3.0
    # ``auto`` only: a sensor of the configuration without data this long (s) hands posture to the
    # best configuration the others allow until it is back (a thigh dropping out of a 3-sensor
    # recording left posture unknown although the trunk and pelvis streamed); inf = never
    fallback_after_s: float = 5.0

    def __post_init__(self) -> None:
        if self.config not in CONFIGS:
            raise ValueError(f"unknown posture config {self.config!r}; use one of {CONFIGS}")
        check_ranges("posture", self, _POSTURE_RANGES)


_PROB = Range("probability", low=0, high=1)
_POSTURE_RANGES = {"hop_s": POS_SECONDS, "stay_static": _PROB, "stay_transition": _PROB,
                   "eps": Range("probability", low=0, high=1, low_open=True),
                   "flip_move_mass": Range("probability", low=0, low_open=True, inf=True), "rule_stay": _PROB,
                   "thigh_sit_deg": INCLINATION, "trunk_lying_deg": INCLINATION, "pelvis_lying_deg": INCLINATION,
                   "move_sd_g": Range("g", low=0, low_open=True), "thigh_min_sit_s": SECONDS,
                   "fallback_after_s": Range("s", low=0, inf=True)}


_AUTO_ORDER = ("thigh+trunk", "thigh+pelvis", "thigh", "pelvis", "trunk")  # ``auto``: the first the sensors allow


def _resolve_config(config: str, placements: set[str]) -> str:
    if config != "auto":
        need = set(config.split("+"))
        if not need <= placements:
            raise ValueError(f"posture config {config!r} needs sensors {sorted(need)}; frame has {sorted(placements)}")
        return config
    for c in _AUTO_ORDER:
        if set(c.split("+")) <= placements:
            return c
    raise ValueError(f"posture needs a trunk, pelvis or thigh sensor; frame has {sorted(placements)}")


@dataclass(slots=True)
class _Open:
    posture: int
    start_ns: int
    conf_sum: float = 0.0
    n: int = 0


@dataclass(slots=True)
class _State:
    config: str | None = None
    hist: dict[str, np.ndarray] = field(default_factory=dict)  # trailing samples per placement
    hist_valid: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    hist_t: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    hist_nw: np.ndarray = field(default_factory=lambda: np.empty(0, bool))  # non-wear flags of the history
    hist_pad: np.ndarray = field(default_factory=lambda: np.empty(0, bool))  # history made up at a stream start
    hist_nodata: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    alpha: np.ndarray | None = None
    open: _Open | None = None
    code: int = UNKNOWN_CODE
    since_ns: int | None = None
    conf: float = 0.0
    totals_ns: dict[str, int] = field(default_factory=dict)
    last_t_ns: int | None = None
    start_ns: int | None = None  # first sample of the stream
    feat_cache: ContextFeatureCache = field(default_factory=ContextFeatureCache)  # window features by tick time
    move: int = -1  # most likely directed transition while in transition (index into MOVES)
    move_since_ns: int = 0
    move_mass: np.ndarray = field(default_factory=lambda: np.zeros(6))  # summed over the movement
    recent: np.ndarray = field(default_factory=lambda: np.zeros((4, 6)))  # last ticks' transition mass
    sit_from_ns: int | None = None  # thigh: body time the current horizontal-thigh bout began
    sit_confirmed: bool = False  # ... and whether it has lasted thigh_min_sit_s
    configs: list[tuple[int, str]] = field(default_factory=list)  # (from ns, configuration) as used
    config_ns: dict[str, int] = field(default_factory=dict)  # time per configuration so far
    nodata_run: dict[str, int] = field(default_factory=dict)  # samples without data at the end of the last frame


_MOVE_BLANK = {"posture_move": lambda part: np.full(len(part), -1, np.int8),  # what the transitions stage assumes without
               "posture_move_since_ns": lambda part: np.asarray(part["posture_since_ns"])}  # the model's channels


def _join_posture_channels(frame: BodyFrame, parts: list[BodyFrame]) -> None:
    """Write the posture channels of ``frame``'s consecutive parts into ``frame`` (a part
    without the model's move channels gets what the transitions stage assumes without them)."""
    for name in PostureStage.adds:
        got = [part.channels.get(name) for part in parts]
        if all(x is None for x in got):
            continue
        filled = [x if x is not None else _MOVE_BLANK[name](part) for x, part in zip(got, parts)]
        frame.channels[name] = np.concatenate(filled)


class PostureStage(StageBase):
    """BodyFrame -> posture timeline (closed :class:`PostureSegment` pieces); see module doc.

    ``model``: the pelvis model (``analysis.models.load_model("posture", settings.model_path)``;
    the registry passes it). Only the ``pelvis`` configuration needs it: without it that
    configuration is a :class:`MissingModelError` at the first frame, never a silent fallback."""

    name = "posture"
    reads = ("pelvis_acc_g", "pelvis_inclination_deg", "thigh_acc_g", "trunk_acc_g", "non_wear")
    adds = ("posture_code", "posture_since_ns", "posture_confidence", "posture_move", "posture_move_since_ns",
            "posture_config")
    model_kind = "posture"

    def __init__(self, settings: PostureSettings | None = None, *, model: OnnxPostureModel | None = None) -> None:
        self.settings = settings or PostureSettings()
        self._model = model
        self.reset()

    # -- public API ---------------------------------------------------------------------------
    def reset(self) -> None:
        self._s = _State()

    @property
    def config(self) -> str | None:
        """The resolved sensor configuration (None before the first frame)."""
        return self._s.config

    def process(self, frame: BodyFrame) -> StageOutput:
        n = len(frame)
        if n == 0:
            return StageOutput()
        s = self._s
        if s.config is None:
            self._use_config(_resolve_config(self.settings.config, {p.value for p in frame.placements}), int(frame.t_ns[0]))
        if self.settings.config != "auto":
            return self._process(frame)
        # ``auto`` follows the sensors that have data: a sensor that connected after the first
        # frame decides from its first sample on (a thigh joining a trunk + pelvis recording was
        # otherwise ignored for the whole recording), and one that is gone for fallback_after_s
        # hands over to the others until it is back. The frame is cut where that happens, on
        # the samples alone, so a switch does not depend on how the stream is chunked.
        config_at = self._configs_by_sample(frame)
        cuts = [0, *(np.flatnonzero(config_at[1:] != config_at[:-1]) + 1).tolist(), n]
        out, parts = StageOutput(), []
        for a, b in zip(cuts[:-1], cuts[1:]):
            config = _AUTO_ORDER[int(config_at[a])]
            if config != s.config:
                s.hist, s.hist_t = {}, np.empty(0, np.int64)  # windows never mix two configurations
                s.feat_cache.reset()
                s.move, s.move_mass, s.recent = -1, np.zeros(6), np.zeros((4, 6))
                self._use_config(config, int(frame.t_ns[a]))
            part = frame if (a, b) == (0, n) else frame.samples(a, b)
            got = self._process(part)
            out.segments += got.segments
            out.events += got.events
            s.config_ns[config] = s.config_ns.get(config, 0) + (b - a) * int(round(NS_PER_S / frame.rate_hz))
            parts.append(part)
        if len(parts) > 1:
            _join_posture_channels(frame, parts)
        return out

    def _configs_by_sample(self, frame: BodyFrame) -> np.ndarray:
        """The ``auto`` configuration (index into ``_AUTO_ORDER``) that decides each sample: the
        current one, until a better one's sensors all have data (then that one), or until one of
        its sensors has had none for ``fallback_after_s`` (then the best the sensors with data
        allow, and the better one again once it is back)."""
        s, n = self._s, len(frame)
        has = {p.value: np.isfinite(np.asarray(frame[f"{p.value}_acc_g"])[:, 0])
               for p in frame.placements if frame.has(f"{p.value}_acc_g")}
        current = _AUTO_ORDER.index(s.config)  # type: ignore[arg-type]
        if all(i == current for i, c in enumerate(_AUTO_ORDER) if all(p in has for p in c.split("+"))):
            # no other configuration has its sensors in this frame (one sensor worn, the usual
            # case): the best one is the current one or none at every sample, so nothing changes;
            # only each sensor's run without data at the frame's end is carried on, as below
            for p, ok in has.items():
                hit = np.flatnonzero(ok)
                s.nodata_run[p] = n - 1 - int(hit[-1]) if hit.size else n + s.nodata_run.get(p, 0)
            return np.full(n, current, np.int64)
        fallback = np.isfinite(self.settings.fallback_after_s)
        need = max(1, int(np.ceil(self.settings.fallback_after_s * frame.rate_hz))) if fallback else 0
        idx = np.arange(n)
        gone: dict[str, np.ndarray] = {}  # no data for at least `need` samples up to and including this one
        events = {0}
        for p, ok in has.items():
            last = np.maximum.accumulate(np.where(ok, idx, -1))
            run = np.where(last >= 0, idx - last, idx + 1 + s.nodata_run.get(p, 0))
            s.nodata_run[p] = int(run[-1])
            if fallback:
                gone[p] = run >= need
                events.update((np.flatnonzero(run == need)).tolist())
        best = np.full(n, -1, np.int64)  # the best configuration whose sensors all have data (-1: none)
        for i in range(len(_AUTO_ORDER) - 1, -1, -1):
            placed = _AUTO_ORDER[i].split("+")
            if all(p in has for p in placed):
                best = np.where(np.logical_and.reduce([has[p] for p in placed]), i, best)
        events.update((np.flatnonzero(best[1:] != best[:-1]) + 1).tolist())
        out = np.empty(n, np.int64)
        at = 0
        for k in sorted(events):  # the configuration can only change where the data do
            b = int(best[k])
            if b < 0 or b == current:
                continue
            dead = fallback and any(p not in has or gone[p][k] for p in _AUTO_ORDER[current].split("+"))
            if b < current or dead:
                out[at:k] = current
                current, at = b, k
        out[at:] = current
        return out

    def _use_config(self, config: str, from_ns: int) -> None:
        if config == "pelvis" and self._model is None:
            raise MissingModelError("the posture stage's pelvis configuration needs the posture model, and none "
                                    "was given (build stages with oefensense.analysis.registry)")
        self._s.config = config
        self._s.configs.append((from_ns, config))

    def _process(self, frame: BodyFrame) -> StageOutput:
        out = StageOutput()
        n = len(frame)
        s = self._s
        rate = frame.rate_hz
        period_ns = int(round(NS_PER_S / rate))
        hop_ns = int(round(self.settings.hop_s * NS_PER_S))
        names = self._placements()
        new_acc = {p: np.asarray(frame[f"{p}_acc_g"], np.float64) for p in names}
        if s.config == "pelvis":  # the model also reads the chain's fused inclination
            if not frame.has("pelvis_inclination_deg"):
                raise ValueError("the pelvis posture model needs the pelvis_inclination_deg channel (SensorChain)")
            new_acc[INCL_KEY] = np.asarray(frame["pelvis_inclination_deg"], np.float64)[:, None]
        # Posture uses only the (aligned) acceleration, so a sample is usable when it is finite
        # (the Synchroniser writes NaN for gaps and absent sensors). The chain's ``*_valid`` flag
        # also marks the orientation filter's start-up (~2 s after every cold start), which says
        # nothing about the acceleration; honouring it would blank the first ~6 s of each stream.
        new_valid = np.ones(n, bool)
        new_nodata = np.ones(n, bool)  # no sensor of the configuration has data here (a gap)
        for x in new_acc.values():  # column by column: 6x faster than all(isfinite, axis=1)
            for c in range(x.shape[1]):
                new_valid &= np.isfinite(x[:, c])
            new_nodata &= ~np.isfinite(x[:, 0])
        # Not worn (the non-wear stage ran first): no window that touches it feeds the filter, and
        # the ticks that describe such a sample say non_wear.
        new_nw = np.asarray(frame["non_wear"], bool) if frame.has("non_wear") else np.zeros(n, bool)
        new_valid &= ~new_nw
        # A jump in the grid (missing frames) restarts the history: windows never span a gap.
        if len(s.hist_t) and int(frame.t_ns[0]) - int(s.hist_t[-1]) != period_ns:
            s.hist, s.hist_valid, s.hist_t = {}, np.empty(0, bool), np.empty(0, np.int64)
            s.hist_nw, s.hist_pad, s.hist_nodata = np.empty(0, bool), np.empty(0, bool), np.empty(0, bool)
            s.feat_cache.reset()
        h = history_samples(rate) if s.config == "pelvis" else window_samples(rate)
        if len(s.hist_t) == 0:
            # Stream start (or after a gap): pad the history with the first sample, as if the
            # person had held that pose, so that the filter starts after one hop, not after the
            # whole window (short recordings, e.g. a 12 s chair trial, need this). Those ticks
            # only warm the filter up: a window that is partly made up reports unknown.
            s.hist = {p: np.repeat(x[:1], h - 1, axis=0) for p, x in new_acc.items()}
            s.hist_valid = np.repeat(new_valid[:1], h - 1)
            s.hist_t = int(frame.t_ns[0]) - period_ns * np.arange(h - 1, 0, -1, dtype=np.int64)
            s.hist_nw = np.zeros(h - 1, bool)
            s.hist_pad = np.ones(h - 1, bool)
            s.hist_nodata = np.zeros(h - 1, bool)
        acc = {p: np.concatenate([s.hist[p], x]) for p, x in new_acc.items()}
        valid = np.concatenate([s.hist_valid, new_valid])
        nw = np.concatenate([s.hist_nw, new_nw])
        pad = np.concatenate([s.hist_pad, np.zeros(n, bool)])
        nodata = np.concatenate([s.hist_nodata, new_nodata])
        t = np.concatenate([s.hist_t, frame.t_ns.astype(np.int64)])
        off = len(t) - n
        cand = _on_hop(t[off:], hop_ns, period_ns) + off
        ticks = cand[cand >= h - 1]
        # window validity per tick (cumulative count of invalid samples)
        bad = np.concatenate([[0], np.cumsum(~valid)])
        ok = (bad[ticks + 1] - bad[ticks + 1 - h]) == 0
        probs = np.empty((len(ticks), N_STATES))
        if len(ticks):
            probs[ok] = self._emissions(acc, rate, ticks[ok], t)
        if s.since_ns is None:
            s.since_ns = s.start_ns = int(frame.t_ns[0])
        before = (s.code, s.since_ns, s.conf, s.move, s.move_since_ns)  # carried by samples before the first tick
        delay = int(round(LABEL_DELAY_S * rate))
        padded = pad[ticks - h + 1] if len(ticks) else np.zeros(0, bool)  # the window's first sample made up
        described = np.maximum(ticks - delay, 0)
        tick = self._decide_ticks(out, probs, ok, t[ticks] - int(round(LABEL_DELAY_S * NS_PER_S)),
                                  nw[described], padded, nodata[described])
        # Samples carry the decision of the last tick at or before them (those before the first
        # tick the state before this frame): each tick's value repeated up to the next tick
        first = int(ticks[0]) - off if len(ticks) else n
        lengths = np.diff(np.append(ticks, off + n))
        names = ("code", "since", "conf", "move", "move_since")
        dtypes = (np.int8, np.int64, np.float32, np.int8, np.int64)
        ch = {}
        for k, v, d in zip(names, before, dtypes):
            col = np.empty(n, d)
            col[:first] = v
            if len(ticks):
                col[first:] = np.repeat(tick[k], lengths)
            ch[k] = col
        s.last_t_ns = int(frame.t_ns[-1]) + period_ns
        frame.channels["posture_code"] = ch["code"]
        frame.channels["posture_since_ns"] = ch["since"]
        frame.channels["posture_confidence"] = ch["conf"]
        # which sensors decided (index into SENSOR_CONFIGS): the transitions stage follows it
        frame.channels["posture_config"] = np.full(n, SENSOR_CONFIGS.index(s.config), np.int8)  # type: ignore[arg-type]
        if s.config == "pelvis":  # only the model has directed transitions
            frame.channels["posture_move"] = ch["move"]
            frame.channels["posture_move_since_ns"] = ch["move_since"]
        keep = h - 1 + int(round(rate))  # a little more than one tick needs
        s.hist = {p: x[-keep:] for p, x in acc.items()}
        s.hist_valid, s.hist_t, s.hist_nw, s.hist_pad = valid[-keep:], t[-keep:], nw[-keep:], pad[-keep:]
        s.hist_nodata = nodata[-keep:]
        return out

    def finish(self) -> StageOutput:
        """Close the open segment at the end of the data."""
        out = StageOutput()
        s = self._s
        if s.open is not None and s.last_t_ns is not None and s.last_t_ns > s.open.start_ns:
            if s.open.posture == TRANSITION_CODE and s.sit_from_ns is not None and not s.sit_confirmed:
                s.open.posture = SITTING_CODE  # the data ended with the thigh still horizontal: nobody came up
            out.segments.append(self._close(s.open, s.last_t_ns))
            s.open = None
        return out

    def summary(self) -> dict:
        """``posture_s``: seconds per posture over the closed segments (summary.json);
        ``posture_sensors_s``: seconds decided by each sensor configuration, when more than one
        decided (a sensor connected late, or dropped out for longer than ``fallback_after_s``);
        ``posture_sensor_changes``: how often it changed."""
        out: dict = {"posture_s": {p: round(self._s.totals_ns.get(p, 0) / NS_PER_S, 1) for p in POSTURES}}
        if len(self._s.config_ns) > 1:
            out["posture_sensors_s"] = {c: round(self._s.config_ns[c] / NS_PER_S, 1) for c in _AUTO_ORDER
                                        if c in self._s.config_ns}
            out["posture_sensor_changes"] = len(self._s.configs) - 1
        return out

    # -- internals ----------------------------------------------------------------------------
    def _placements(self) -> list[str]:
        return self._s.config.split("+")  # type: ignore[union-attr]

    @property
    def _transition(self) -> np.ndarray:
        st = self.settings
        if self._s.config == "pelvis":
            return transition_matrix(st.stay_static, st.stay_transition, st.eps, constrained=True)
        return transition_matrix(st.rule_stay, 0.5, 1e-3, constrained=False)

    @property
    def _prior(self) -> np.ndarray:
        if self._s.config == "pelvis" and self._model is not None:
            return self._model.class_prior
        return np.full(N_STATES, 1.0 / N_STATES)

    def _stacked(self, acc: np.ndarray, incl: np.ndarray, rate: float, ticks: np.ndarray, t: np.ndarray) -> np.ndarray:
        """:func:`~oefensense.features.stacked_features` rows for ``ticks``; each window's features
        are computed once (the context ticks 1 s and 2 s back were ticks themselves)."""
        return self._s.feat_cache.rows(acc, incl, rate, ticks, t)

    def _emissions(self, acc: dict[str, np.ndarray], rate: float, ticks: np.ndarray, t: np.ndarray) -> np.ndarray:
        st = self.settings
        cfg = self._s.config
        if cfg == "pelvis":
            assert self._model is not None
            return self._model.predict_proba(self._stacked(acc["pelvis"], acc[INCL_KEY][:, 0], rate, ticks, t))
        feats = {p: placement_features(acc[p], rate, ticks) for p in self._placements()}
        if cfg.startswith("thigh"):
            f = feats["thigh"]
            other = cfg.split("+")[1] if "+" in cfg else None
            lying = None if other is None else feats[other][:, 0]
            lying_deg = st.trunk_lying_deg if other == "trunk" else st.pelvis_lying_deg
            return rule_proba(f[:, 0], f[:, 5], lying, st.thigh_sit_deg, st.move_sd_g, lying_deg)
        f = feats["trunk"]  # trunk only: horizontal = lying
        p = rule_proba(f[:, 0], f[:, 5], None, st.trunk_lying_deg, st.move_sd_g, st.trunk_lying_deg)
        p[:, 0], p[:, 1] = p[:, 1], 1e-6
        return p

    def _decide_ticks(self, out: StageOutput, probs: np.ndarray, ok: np.ndarray, at_ns: np.ndarray,
                      non_wear: np.ndarray, padded: np.ndarray, no_data: np.ndarray) -> dict[str, np.ndarray]:
        """HMM filter over this frame's ticks (compiled forward pass), the posture decided at each
        tick (``non_wear``: the tick describes a sample the sensor was not worn; ``padded``: its
        window is partly made up, so it only warms the filter up; ``no_data``: it describes a sample
        no sensor had data for), the timeline segments, and per tick: code, since, conf, move,
        move_since."""
        s = self._s
        m = len(ok)
        alpha = np.full((m, N_STATES), np.nan)
        if ok.any():
            alpha[ok] = hmm_forward(s.alpha, self._transition, probs[ok] / self._prior + 1e-4)
            s.alpha = alpha[ok][-1].copy()
        code = np.empty(m, np.int64)
        conf = np.empty(m)
        tick_codes(alpha, ok, padded, no_data, non_wear, s.config == "trunk", code, conf)
        confirm = self._hold_sitting(code, at_ns) if s.config.startswith("thigh") else np.zeros(m, bool)
        prev = np.concatenate([[s.code], code[:-1]])
        move = np.full(m, -1, np.int64)
        if s.config == "pelvis" and m:
            # the directed transition per tick (over the movement so far, or over the last 4 ok
            # ticks for a static -> static change); compiled, see posture_ticks
            s.move_mass = s.move_mass.copy()
            s.recent = tick_moves(alpha, ok, code, s.code, s.recent, s.move_mass, float(self.settings.flip_move_mass),
                                  move)
        # timeline: open/close segments where the code changes; confidences summed in between
        # (tick by tick in order, so the sums do not depend on how the stream was chunked)
        chg = np.flatnonzero(code != prev)
        if s.open is None and m:
            chg = np.union1d([0], chg)
        since_before, move_before = s.since_ns, s.move
        since = np.zeros(m, np.int64)
        since_set = np.zeros(m, bool)
        last = 0
        for k in chg:
            if s.open is not None:
                s.open.conf_sum = running_sum(conf, last, int(k), s.open.conf_sum)
                s.open.n += k - last
            last = k
            if confirm[k] and s.open is not None and s.open.posture == TRANSITION_CODE:
                s.open.posture = int(code[k])  # the held horizontal thigh was sitting from its start
            else:
                self._open(out, int(code[k]), int(at_ns[k]))
            since[k], since_set[k] = s.since_ns, True
        if s.open is not None and m:
            s.open.conf_sum = running_sum(conf, last, m, s.open.conf_sum)
            s.open.n += m - last
        since = _ffill(since, since_set, since_before)
        m_set = move != np.concatenate([[move_before], move[:-1]])
        move_since = _ffill(since, m_set, s.move_since_ns)
        if m:
            s.code, s.conf = int(code[-1]), float(conf[-1])
            s.move, s.move_since_ns = int(move[-1]), int(move_since[-1])
        return {"code": code, "since": since, "conf": conf, "move": move, "move_since": move_since}

    def _hold_sitting(self, code: np.ndarray, at_ns: np.ndarray) -> np.ndarray:
        """Thigh rules: sitting ticks of a horizontal-thigh bout younger than ``thigh_min_sit_s``
        become transition (in place); returns the ticks where such a bout is confirmed sitting."""
        s = self._s
        min_ns = int(round(self.settings.thigh_min_sit_s * NS_PER_S))
        confirm = np.zeros(len(code), bool)
        for k in range(len(code)):
            if code[k] != SITTING_CODE:
                s.sit_from_ns, s.sit_confirmed = None, False
                continue
            if s.sit_confirmed:
                continue
            if s.sit_from_ns is None:
                s.sit_from_ns = int(at_ns[k])
            if int(at_ns[k]) - s.sit_from_ns >= min_ns:
                s.sit_confirmed = confirm[k] = True
            else:
                code[k] = TRANSITION_CODE
        return confirm

    def _open(self, out: StageOutput, code: int, at_ns: int) -> None:
        """The posture becomes ``code`` at body time ``at_ns``: close the open segment, open a new one."""
        s = self._s
        if s.open is None:
            at_ns = max(at_ns, s.start_ns if s.start_ns is not None else at_ns)  # not before the data
        else:
            at_ns = max(at_ns, s.open.start_ns)
            if at_ns > s.open.start_ns:
                out.segments.append(self._close(s.open, at_ns))
        s.open = _Open(code, at_ns)
        s.since_ns = at_ns

    def _close(self, o: _Open, end_ns: int) -> PostureSegment:
        name = POSTURES[o.posture]
        self._s.totals_ns[name] = self._s.totals_ns.get(name, 0) + end_ns - o.start_ns
        return PostureSegment(o.start_ns, end_ns, name, o.conf_sum / max(o.n, 1))


def _on_hop(t: np.ndarray, hop_ns: int, period_ns: int) -> np.ndarray:
    """Indices k where ``t[k] % hop_ns == 0`` (session ns). On an even grid (every step
    ``period_ns``, the hop a multiple of it) ``t[k] % hop_ns`` repeats every hop / period
    samples, so the hits are every hop / period samples from the first hit among the first
    hop / period: a difference per sample instead of an int64 remainder (~3x faster a block)."""
    step = hop_ns // period_ns if period_ns > 0 else 0
    if step >= 1 and hop_ns == step * period_ns and len(t) > step and bool((np.diff(t) == period_ns).all()):
        head = np.flatnonzero(t[:step] % hop_ns == 0)
        return np.arange(int(head[0]), len(t), step, dtype=np.intp) if len(head) else np.empty(0, np.intp)
    return np.flatnonzero(t % hop_ns == 0)


def _ffill(values: np.ndarray, is_set: np.ndarray, initial: int) -> np.ndarray:
    """``values`` where ``is_set``, else the last set value before it (``initial`` before any)."""
    idx = np.maximum.accumulate(np.where(is_set, np.arange(len(values)), -1))
    return np.where(idx >= 0, values[np.maximum(idx, 0)], initial).astype(np.int64)


def segments_per_second(segments: list[PostureSegment], start_s: float, stop_s: float) -> np.ndarray:
    """Posture name at each whole second t in [start_s, stop_s) (``unknown`` outside segments)."""
    secs = np.arange(int(np.ceil(start_s)), int(np.floor(stop_s)))
    out = np.full(len(secs), "unknown", dtype=object)
    t_ns = secs.astype(np.int64) * NS_PER_S
    for seg in segments:
        out[(t_ns >= seg.start_ns) & (t_ns < seg.end_ns)] = seg.posture
    return out


__all__ = [
    "MODEL_STATES",
    "MOVES",
    "POSTURES",
    "PostureSegment",
    "PostureSettings",
    "PostureStage",
    "segments_per_second",
]
