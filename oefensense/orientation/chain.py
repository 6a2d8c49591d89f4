"""``SensorChain``: one sensor's SampleBlocks → SegmentBlocks (calibration, alignment, fusion,
segment angles). Streaming and chunk-invariant; no I/O, no clock.

Latency: with a known alignment (guided procedure or saved profile) every block comes straight
back (latency 0). Without one, the chain buffers the first ``align_window_s`` seconds (default
20 s) of samples, finds the alignment automatically from them, runs the filter backwards over
that buffer to start converged, and then emits everything from the first sample on. A stream
shorter than the window is aligned on ``finish()`` from all of it. Nothing is ever dropped.
After that the chain keeps collecting alignment evidence and re-estimates at fixed sample
times (every ``refine_every_s``, later every 10 % of the elapsed data time, holes in the data
longer than ``refine_every_s`` not counted, at most ``refine_max_interval_s``); a moved alignment is
adopted from then on (``refinements`` counts them), with the heading kept continuous.
``finish()`` re-estimates the samples since the last checkpoint once more and adopts the result
only when it corrects the up-direction (``up_corrections``): a walk in a stream's last stretch.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..core.calibration import CalibrationProfile
from ..core.frames import SegmentBlock
from ..core.types import NS_PER_S, Placement, SampleBlock, SensorInfo
from .alignment import Alignment, AlignmentEvidence, AutoAlignSettings
from .fusion import (
    S_ALP,
    S_B,
    S_GLP,
    S_HAVE,
    S_INIT,
    S_LASTT,
    S_Q,
    S_STILL,
    S_TOT,
    S_VAR,
    FilterSettings,
    new_state,
    run_filter,
    segment_outputs,
    settings_array,
)
from .rotations import angles_from_matrix, quat_about_z, quat_mul, quat_to_matrix, quat_up_rows


@dataclass(frozen=True)
class AlignmentSeed:
    """An alignment learned ahead from the first part of a recording on file (up to
    ``until_ns``, session clock), with the evidence it came from (see :mod:`.lookahead`)."""

    alignment: Alignment
    evidence: AlignmentEvidence
    until_ns: int
    up_change_deg: float  # how far the still start's guessed upright was from it


@dataclass(frozen=True)
class ChainSettings:
    """Settings of :class:`SensorChain` (flat, JSON-safe; units in the names)."""

    align_window_s: float = 20.0  # buffer for automatic alignment (= latency when not aligned)
    min_alignment_quality: float = 0.0  # samples are flagged invalid below this alignment quality
    gain: float = 0.5  # gravity feedback gain, 1/s
    startup_gain: float = 10.0
    startup_s: float = 2.0  # gain ramp after a cold start or gap (samples flagged invalid)
    bias_still_gyr_dps: float = 4.0  # RMS around the 0.5 s mean (standing people sway)
    bias_still_acc_g: float = 0.03
    integral_gain: float = 0.02
    bias_max_dps: float = 10.0
    bias_still_min_s: float = 1.0
    bias_tau_s: float = 5.0
    max_gap_s: float = 0.25
    saturation_fraction: float = 0.98  # |a| per axis above this fraction of the range = saturated
    refine_every_s: float = 10.0  # re-estimate the automatic alignment this often at first (0 = never); later every 10 % of the elapsed time
    refine_max_interval_s: float = 600.0  # ... but at least this often: the samples between re-estimates are held in memory
    # a re-estimated up-direction this far from the one in use: everything so far rested on a
    # wrong upright (a recording that starts in bed takes the largest still posture, lying, for
    # upright until the first walk: 157° off on the generated week). Not tuned: far above the
    # re-estimates' normal wander (< 10°), below the 60-90° between upright and lying.
    up_correction_deg: float = 30.0

    def filter_settings(self) -> FilterSettings:
        return FilterSettings(
            gain=self.gain,
            startup_gain=self.startup_gain,
            startup_s=self.startup_s,
            bias_still_gyr_dps=self.bias_still_gyr_dps,
            bias_still_acc_g=self.bias_still_acc_g,
            bias_max_dps=self.bias_max_dps,
            integral_gain=self.integral_gain,
            bias_still_min_s=self.bias_still_min_s,
            bias_tau_s=self.bias_tau_s,
            max_gap_s=self.max_gap_s,
        )


class SensorChain:
    """Per-sensor step: ``process(SampleBlock) -> SegmentBlock | None``; see module docstring.

    After processing, ``alignment`` holds the alignment in use (auto or given) and
    ``gyro_bias_dps`` the current gyro-bias estimate (on top of the profile's bias).
    """

    def __init__(
        self,
        info: SensorInfo,
        settings: ChainSettings | None = None,
        profile: CalibrationProfile | None = None,
        alignment: Alignment | None = None,
        seed: AlignmentSeed | None = None,
        outputs: bool = True,
    ):
        self.info = info
        self._seed = seed
        # False: alignment only (the look-ahead): the filter, the evidence and the re-estimates
        # run as they would, the segment angles are not computed and process() returns None
        self._outputs = outputs
        if seed is not None:
            alignment = seed.alignment
        self.settings = settings or ChainSettings()
        self.profile = profile
        if alignment is None and profile is not None and profile.alignment:
            alignment = Alignment.from_dict(profile.alignment)
        self._given_alignment = alignment
        rate = info.nominal_rate_hz if info.nominal_rate_hz > 0 else 100.0
        self._rate = rate
        self._params = settings_array(self.settings.filter_settings(), rate)
        self.reset()

    # ------------------------------------------------------------------ public
    def reset(self) -> None:
        self.alignment: Alignment | None = self._given_alignment
        self._state = new_state()
        self._t0_ns: int | None = None
        self._buffer: list[SampleBlock] = []
        self._buffered_n = 0
        self.gyro_bias_dps = np.zeros(3)
        # a seed (a file's alignment learned ahead) brings the evidence of the stretch it read,
        # so the first re-estimates do not fall back to the still start it corrects
        self._evidence = (copy.deepcopy(self._seed.evidence) if self._seed is not None
                          else AlignmentEvidence(self.info.placement, AutoAlignSettings()))
        self._interval: list[tuple[np.ndarray, np.ndarray | None, np.ndarray]] = []  # acc, gyro, filter quaternions
        self._next_refine_ns: int | None = None
        self._last_sample_ns: int | None = None  # the last sample _run saw (ns)
        self._holes: list[tuple[int, int]] = []  # data holes not yet wholly before a checkpoint (ns)
        self._holes_done_ns = 0  # ... and those that were, summed
        self.refinements = 0
        #: (since_ns, until_ns, change_deg, method): a re-estimate moved the up-direction by more
        #: than ``up_correction_deg`` at ``until_ns``; the output from ``since_ns`` (the first
        #: sample, or the previous correction) until then rested on the wrong one.
        self.up_corrections: list[tuple[int, int, float, str]] = []
        self._up_since_ns: int | None = None
        #: the evidence holds the samples before this time (session clock ns)
        self.evidence_until_ns: int | None = None if self._seed is None else self._seed.until_ns
        self._a_cache = None

    def process(self, block: SampleBlock) -> SegmentBlock | None:
        if len(block) == 0:
            return None
        block = self._calibrate(block)
        if self._t0_ns is None:
            self._t0_ns = int(block.t_ns[0])
        if self.alignment is not None:
            return self._run(block)
        # buffering for automatic alignment: cut exactly at t0 + window (chunk-invariant)
        t_end = self._t0_ns + int(self.settings.align_window_s * NS_PER_S)
        k = int(np.searchsorted(block.t_ns, t_end, side="left"))
        if k >= len(block):
            self._buffer.append(block)
            return None
        self._buffer.append(block.slice(0, k))
        out = self._align_and_flush()
        rest = block.slice(k, len(block))
        if len(rest):
            out2 = self._run(rest)
            out = _concat_segments([out, out2]) if self._outputs else None
        return out

    @property
    def first_sample_ns(self) -> int | None:
        """Time of the first sample the chain was given (ns, session clock); None before."""
        return self._t0_ns

    @property
    def up_confirmed(self) -> bool:
        """False while the upright rests on a still posture alone (no walk confirmed it yet;
        given and guided alignments are confirmed)."""
        return self.alignment is None or self.alignment.method.split("+", 1)[0] not in ("still", "mean", "identity")

    @property
    def aligning(self) -> bool:
        """Samples are held for the automatic alignment window (nothing has come out yet)."""
        return self.alignment is None and bool(self._buffer)

    def release(self) -> SegmentBlock | None:
        """Align from the samples held so far and return them now, without waiting for the
        window to fill (a sensor that stopped inside it, whose held samples would otherwise come
        too late for the analysis grid); the chain then goes on as after a full window."""
        return self._align_and_flush() if self.aligning else None

    @property
    def evidence(self) -> AlignmentEvidence:
        """The alignment evidence collected so far (samples before :attr:`evidence_until_ns`)."""
        return self._evidence

    @property
    def held_samples(self) -> int:
        """Samples held in memory for the next alignment re-estimate (bounded by
        ``refine_max_interval_s``; 0 once the evidence store is full)."""
        return sum(len(x[0]) for x in self._interval)

    def finish(self) -> SegmentBlock | None:
        if self.alignment is None and self._buffer:
            return self._align_and_flush()
        if self._interval:
            # the samples since the last checkpoint (up to 10 % of the data time, at most
            # refine_max_interval_s) were never re-estimated: a walk among them is the only one a
            # still start may get (40 min lying, then a walk, then the end: no checkpoint after
            # the walk, so its wrong upright went unflagged). Adopted only as a correction:
            # everything has come out, so a mere refinement would change nothing that was output.
            self._refine(self._last_sample_ns + 1, corrections_only=True)
        return None

    # ------------------------------------------------------------------ internals
    def _calibrate(self, b: SampleBlock) -> SampleBlock:
        acc, gyr = b.acc_g, b.gyr_dps
        if self.profile is not None:
            acc = self.profile.apply_acc(acc)
            if gyr is not None:
                gyr = self.profile.apply_gyr(gyr)
        if not self.info.has_gyro:
            gyr = None
        return SampleBlock(b.sensor_id, b.t_ns, acc, gyr, None)

    def _t_s(self, t_ns: np.ndarray) -> np.ndarray:
        return (t_ns - self._t0_ns).astype(np.float64) / NS_PER_S

    def _align_and_flush(self) -> SegmentBlock | None:
        parts = [b for b in self._buffer if len(b)]
        self._buffer = []
        if not parts:
            return None
        buf = SampleBlock.concat(parts)
        acc, gyr = _clean(buf.acc_g), None if buf.gyr_dps is None else _clean(buf.gyr_dps)
        rate = _rate_from(buf.t_ns, self._rate)
        # 1) converge the filter backwards over the buffer so output is valid from sample 0
        t = self._t_s(buf.t_ns)
        back = new_state()
        run_filter(-t[::-1], acc[::-1], None if gyr is None else -gyr[::-1], back, self._params)
        st = new_state()
        st[S_Q : S_Q + 4] = back[S_Q : S_Q + 4]
        st[S_B : S_B + 3] = -back[S_B : S_B + 3]
        st[S_INIT] = self.settings.startup_s + 1e-9  # already converged: no start-up ramp
        st[S_LASTT] = t[0] - 1.0 / rate
        st[S_HAVE] = 1.0
        st[S_GLP : S_GLP + 3] = -back[S_GLP : S_GLP + 3]
        st[S_ALP : S_ALP + 3] = back[S_ALP : S_ALP + 3]
        st[S_VAR : S_VAR + 2] = back[S_VAR : S_VAR + 2]
        st[S_TOT] = back[S_TOT]
        still = _static_start(acc, gyr, rate, self.settings)
        if still is not None:
            # the stream starts at rest: take tilt and gyro bias from that rest (the backward pass
            # arrives with the bias of the buffer's end, which can differ by 1-2 deg/s on a
            # MEMS gyro and then tilts the first seconds by several degrees)
            n, acc_mean, gyr_mean, var = still
            st[S_Q : S_Q + 4] = _quat_up_to_z(acc_mean)
            st[S_ALP : S_ALP + 3] = acc_mean
            st[S_VAR : S_VAR + 2] = var
            if gyr_mean is not None:
                st[S_B : S_B + 3] = gyr_mean
                st[S_GLP : S_GLP + 3] = gyr_mean
                st[S_TOT] = st[S_STILL] = n / rate
        self._state = st
        # 2) forward pass in sensor axes (the filter does not need the alignment) ...
        fwd = self._filter(buf)
        self._next_refine_ns = int(buf.t_ns[-1]) + 1 + int(self.settings.refine_every_s * NS_PER_S)
        # 3) ... whose up-vectors (free of movement acceleration) drive the automatic alignment
        qs = fwd[0]
        self._evidence.add(acc, gyr, rate, quat_up_rows(qs), lambda: quat_to_matrix(qs))
        self.evidence_until_ns = int(buf.t_ns[-1]) + 1
        self.alignment = self._evidence.estimate()
        # 4) heading 0 at the first sample: rotate the world frame of the whole pass
        qz = self._heading_zero_quat(fwd[0][0])
        q = quat_mul(qz, fwd[0])
        self._state[S_Q : S_Q + 4] = quat_mul(qz, self._state[S_Q : S_Q + 4])
        return self._segment(buf, (q,) + fwd[1:])[0] if self._outputs else None

    def _heading_zero_quat(self, q: np.ndarray) -> np.ndarray:
        """World-frame rotation that makes the segment heading 0 for orientation ``q`` (so two
        sensors' headings, hence the twist between them, start from a common reference)."""
        r = quat_to_matrix(q) @ self.alignment.rotation.T
        _, _, _, head = angles_from_matrix(r)
        return quat_about_z(-np.radians(float(head)))

    def _zero_heading(self) -> None:
        q = self._state[S_Q : S_Q + 4].copy()
        self._state[S_Q : S_Q + 4] = quat_mul(self._heading_zero_quat(q), q)

    def _cold_start(self, t_s0: float, acc0: np.ndarray) -> None:
        st = new_state()
        na = np.linalg.norm(acc0)
        if np.isfinite(na) and na > 0:
            st[S_Q : S_Q + 4] = _quat_up_to_z(acc0)
        st[S_LASTT] = t_s0 - 1.0 / self._rate
        st[S_HAVE] = 1.0
        st[S_INIT] = 0.0
        st[S_ALP : S_ALP + 3] = acc0
        st[S_GLP : S_GLP + 3] = self._gyr0 if self._gyr0 is not None else 0.0
        self._state = st
        self._zero_heading()

    def _run(self, b: SampleBlock) -> SegmentBlock | None:
        if self._state[S_HAVE] == 0.0:
            self._gyr0 = None if b.gyr_dps is None else _clean(b.gyr_dps[:1])[0]
            self._cold_start(float(self._t_s(b.t_ns[:1])[0]), _clean(b.acc_g[:1])[0])
        every = int(self.settings.refine_every_s * NS_PER_S)
        if every <= 0 or self.alignment.method in ("guided", "given"):
            fout = self._filter(b)
            return self._segment(b, fout)[0] if self._outputs else None
        if self._next_refine_ns is None:
            self._next_refine_ns = int(b.t_ns[0]) + every
        self._note_holes(b.t_ns, every)
        outs: list[SegmentBlock] = []
        i, n = 0, len(b)
        while True:
            # cut at fixed checkpoint times so refinement does not depend on block boundaries
            k = int(np.searchsorted(b.t_ns, self._next_refine_ns, side="left"))
            if k >= n:
                break
            stop = max(k, i)
            # a checkpoint whose re-estimate would find nothing new (the evidence store is full,
            # or a seed's stretch already holds these samples) changes nothing: the block is not
            # cut there (the chain is chunk-invariant, so the same outputs), only the schedule moves
            if self._interval or self._collects(b, i, stop):
                if stop > i:
                    self._piece(b, i, stop, outs)
                self._refine(self._next_refine_ns)
                i = stop
            # re-estimate every refine_every_s at first, then at 10 % of the elapsed time, so
            # the cost stays low for day-long recordings; capped, because the samples of one
            # interval are held until it ends (uncapped: 17 h of data at the end of a week)
            # elapsed data time: a long hole (a sensor off for half an hour) must not stretch the
            # intervals, or the walk after it is taken in minutes late (the cohort audit: a
            # 30-min hole at 100 s, the first walk's checkpoint at 1919 s instead of ~1810 s,
            # and a second correction at 2111 s flagged 2111 of 2130 s unreliable)
            elapsed = self._next_refine_ns - self._t0_ns - self._holes_before(self._next_refine_ns)
            cap = int(self.settings.refine_max_interval_s * NS_PER_S)
            self._next_refine_ns += max(every, min(elapsed // 10, cap))
        if i < n:
            self._piece(b, i, n, outs)
        if not outs:
            return None
        return outs[0] if len(outs) == 1 else _concat_segments(outs)

    def _collected_from(self, t_ns: np.ndarray) -> int:
        """Index of the first sample of ``t_ns`` that goes into the alignment evidence (its
        length: none): none once the store is full, none before a seed's stretch ends."""
        if self._evidence.full:
            return len(t_ns)
        return 0 if self._seed is None else int(np.searchsorted(t_ns, self._seed.until_ns, side="left"))

    def _collects(self, b: SampleBlock, i: int, stop: int) -> bool:
        """Samples ``i:stop`` of ``b`` add to the alignment evidence."""
        return stop > i and self._collected_from(b.t_ns[i:stop]) < stop - i

    def _piece(self, b: SampleBlock, i: int, stop: int, outs: list[SegmentBlock]) -> None:
        """Filter samples ``i:stop`` of ``b``, hold what the next re-estimate adds to the
        evidence, and append their segment outputs to ``outs`` (when the chain has outputs)."""
        piece = b if (i == 0 and stop == len(b)) else b.slice(i, stop)
        acc = _clean(piece.acc_g)
        gyr = None if piece.gyr_dps is None else _clean(piece.gyr_dps)
        fout = run_filter(self._t_s(piece.t_ns), acc, gyr, self._state, self._params)
        j = self._collected_from(piece.t_ns)
        if j < len(piece):
            # the filter's quaternions are this piece's own array: no copy unless only a tail is held
            q = fout[0] if j == 0 else fout[0][j:].copy()
            self._interval.append((acc[j:], None if gyr is None else gyr[j:], q))
        if self._outputs:
            outs.append(self._segment(piece, fout)[0])

    def _note_holes(self, t_ns: np.ndarray, longer_than_ns: int) -> None:
        """Remember the holes in the data longer than ``longer_than_ns`` (between blocks and
        inside this one) as (start, end) ns; decided on sample times, so chunk-invariant."""
        last = self._last_sample_ns
        if last is not None and int(t_ns[0]) - last > longer_than_ns:
            self._holes.append((last, int(t_ns[0])))
        if len(t_ns) > 1:
            for i in (_steps_over(t_ns, longer_than_ns) if t_ns.dtype == np.int64
                      else np.flatnonzero(np.diff(t_ns) > longer_than_ns)):
                self._holes.append((int(t_ns[i]), int(t_ns[i + 1])))
        self._last_sample_ns = int(t_ns[-1])

    def _holes_before(self, at_ns: int) -> int:
        """ns of the remembered holes before ``at_ns`` (those wholly before it are summed once)."""
        keep, part = [], 0
        for a, b in self._holes:
            if b <= at_ns:
                self._holes_done_ns += b - a
            else:
                keep.append((a, b))
                part += max(0, at_ns - a)
        self._holes = keep
        return self._holes_done_ns + part

    def _refine(self, at_ns: int, corrections_only: bool = False) -> None:
        """At a checkpoint (``at_ns``, session clock ns): add the interval just processed to the
        alignment evidence and re-estimate; adopt the new alignment if it moved (with
        ``corrections_only``: only if it corrects the up-direction), keeping the heading continuous."""
        if not self._interval:
            return
        acc = np.concatenate([x[0] for x in self._interval])
        gyr = None if self._interval[0][1] is None else np.concatenate([x[1] for x in self._interval])
        q = np.concatenate([x[2] for x in self._interval])
        self._interval = []
        # the full rotations only when the evidence needs them (a walk's travel direction)
        self._evidence.add(acc, gyr, self._rate, quat_up_rows(q), lambda: quat_to_matrix(q))
        self.evidence_until_ns = int(at_ns)
        cand = self._evidence.estimate()
        old = self._a
        new = cand.rotation
        change = float(np.degrees(np.arccos(np.clip((np.trace(new @ old.T) - 1) / 2, -1, 1))))
        if change < 0.5:
            return
        up_change = float(np.degrees(np.arccos(np.clip(np.dot(new[2], old[2]), -1, 1))))
        # only walking tells upright: another still posture outgrowing the first is a new guess,
        # not a correction (flagging or seeding it took lying for upright in a walk-free file)
        corrects = up_change > self.settings.up_correction_deg and "walking" in cand.method.split("+")
        if corrections_only and not corrects:
            return
        if corrects:
            since = self._t0_ns if self._up_since_ns is None else self._up_since_ns
            until = int(at_ns)
            self.up_corrections.append((int(since), until, up_change, cand.method))
            self._up_since_ns = until
        # keep the heading continuous as if upright: the change is (mostly) a rotation by delta
        # about the segment's up axis, undone by the same rotation of the filter's world frame
        delta = float(np.arctan2(-np.dot(new[0], old[1]), np.dot(new[0], old[0])))
        q = self._state[S_Q : S_Q + 4].copy()
        self._state[S_Q : S_Q + 4] = quat_mul(quat_about_z(delta), q)
        det = dict(cand.details)
        det["refined_change_deg"] = change
        self.alignment = Alignment(cand.matrix, cand.quality, cand.method, cand.forward_ambiguous, det)
        self.refinements += 1

    def _filter(self, b: SampleBlock):
        return run_filter(self._t_s(b.t_ns), _clean(b.acc_g), None if b.gyr_dps is None else _clean(b.gyr_dps), self._state, self._params)

    @property
    def _a(self) -> np.ndarray:
        if self._a_cache is None or self._a_cache[0] is not self.alignment:
            self._a_cache = (self.alignment, self.alignment.rotation)
        return self._a_cache[1]

    def _segment(self, b: SampleBlock, fout) -> tuple[SegmentBlock, np.ndarray]:
        q, bias, ramp_s = fout
        rng = self.info.acc_range_g
        # per-axis saturation limit (g): one number for segment_outputs (0: none) and the block
        limit = self.settings.saturation_fraction * rng if rng > 0 else float("inf")
        flex, lat, inc, head, up_s, acc_seg, gyr_seg, valid = segment_outputs(
            q, bias, ramp_s, b.acc_g, b.gyr_dps, self._a, self.info.placement == Placement.THIGH,
            self.settings.startup_s, limit if rng > 0 else 0.0,
        )
        if b.gyr_dps is not None and len(bias):
            self.gyro_bias_dps = bias[-1].copy()
        if self.alignment.quality < self.settings.min_alignment_quality:
            valid[:] = False
        # a guessed forward shows a forward bend as a side bend or backward: flag the angles
        # (the up-direction they also encode stays right, and the physics stages need it)
        provisional = None if self.alignment.forward_known else np.ones(len(b), bool)
        seg = SegmentBlock(
            sensor_id=b.sensor_id,
            placement=self.info.placement,
            t_ns=b.t_ns,
            acc_g=acc_seg,
            gyr_dps=gyr_seg,
            flexion_deg=flex,
            lateral_deg=lat,
            inclination_deg=inc,
            heading_deg=head,
            valid=valid,
            acc_sensor_g=b.acc_g,
            provisional=provisional,
            acc_limit_g=limit,  # the one segment_outputs tested (on b.acc_g, which is acc_sensor_g)
        )
        return seg, up_s


def _quat_up_to_z(acc: np.ndarray) -> np.ndarray:
    """Quaternion (w, x, y, z), heading 0, that turns the sensor's up-vector (the direction of
    ``acc`` at rest) onto world z."""
    u = acc / np.linalg.norm(acc)
    w = 1.0 + u[2]
    q = np.array([w, u[1], -u[0], 0.0]) if w > 1e-9 else np.array([0.0, 1.0, 0.0, 0.0])
    return q / np.linalg.norm(q)


def _static_start(acc: np.ndarray, gyr: np.ndarray | None, rate: float, s: "ChainSettings",
                  min_s: float = 0.5, max_s: float = 2.0):
    """The rest a stream starts with, if any: the longest start (``min_s``…``max_s`` seconds, in
    0.5 s steps) over which the gyro (RMS about its mean, deg/s) and the accelerometer (g) stay
    below the filter's stillness limits and |acc| is within 0.15 g of 1 g. Returns (samples,
    mean acc in g, mean gyro in deg/s or None, [gyro variance, acc variance]) or None."""
    for dur in np.arange(max_s, min_s - 1e-9, -0.5):
        n = int(round(dur * rate))
        if n < 2 or n > acc.shape[0]:
            continue
        a = acc[:n]
        am = a.mean(axis=0)
        va = float(((a - am) ** 2).sum(axis=1).mean())
        if va >= s.bias_still_acc_g**2 or abs(np.linalg.norm(am) - 1.0) >= 0.15:
            continue
        if gyr is None:
            return n, am, None, np.array([0.0, va])
        g = gyr[:n]
        gm = g.mean(axis=0)
        vg = float(((g - gm) ** 2).sum(axis=1).mean())
        if vg < s.bias_still_gyr_dps**2 and np.all(np.abs(gm) < s.bias_max_dps):
            return n, am, gm, np.array([vg, va])
    return None


@njit(cache=True, nogil=True)
def _steps_over(t_ns, longer_than_ns):  # noqa: ANN001, ANN202
    """Indices i with ``t_ns[i + 1] - t_ns[i] > longer_than_ns`` (int64, ascending): numpy's
    ``np.flatnonzero(np.diff(t_ns) > longer_than_ns)`` without its two block-long temporaries
    (the same integer differences: sample times far from int64's limits)."""
    n = 0
    for i in range(t_ns.shape[0] - 1):
        if t_ns[i + 1] - t_ns[i] > longer_than_ns:
            n += 1
    out = np.empty(n, np.int64)
    k = 0
    for i in range(t_ns.shape[0] - 1):
        if t_ns[i + 1] - t_ns[i] > longer_than_ns:
            out[k] = i
            k += 1
    return out


def _clean(a: np.ndarray) -> np.ndarray:
    """Non-finite values → 0 (those samples are flagged invalid), without a copy when clean."""
    return a if np.isfinite(a).all() else np.where(np.isfinite(a), a, 0.0)


def _rate_from(t_ns: np.ndarray, fallback: float) -> float:
    if len(t_ns) < 3:
        return fallback
    d = np.median(np.diff(t_ns)) / NS_PER_S
    return float(1.0 / d) if d > 0 else fallback


def _concat_segments(blocks: list[SegmentBlock | None]) -> SegmentBlock | None:
    bl = [b for b in blocks if b is not None and len(b)]
    if not bl:
        return None
    if len(bl) == 1:
        return bl[0]
    f = bl[0]

    def cat(name: str):
        parts = [getattr(b, name) for b in bl]
        return None if parts[0] is None else np.concatenate(parts)

    return SegmentBlock(
        sensor_id=f.sensor_id,
        placement=f.placement,
        t_ns=cat("t_ns"),
        acc_g=cat("acc_g"),
        gyr_dps=cat("gyr_dps"),
        flexion_deg=cat("flexion_deg"),
        lateral_deg=cat("lateral_deg"),
        inclination_deg=cat("inclination_deg"),
        heading_deg=cat("heading_deg"),
        valid=cat("valid"),
        acc_sensor_g=cat("acc_sensor_g"),
        provisional=None if all(b.provisional is None for b in bl) else np.concatenate(
            [np.zeros(len(b), bool) if b.provisional is None else b.provisional for b in bl]),
        acc_limit_g=f.acc_limit_g,  # one chain's blocks: one limit
    )
