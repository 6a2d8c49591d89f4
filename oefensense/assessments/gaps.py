"""Where a test's sensor gave no usable data: the holes its source reported (rows missing from a
file, a link lost) joined with the invalid samples around them, each once, with how much of it was
missing and how much was the sensor chain settling again.

Two things make one stretch: after a hole longer than ``ChainSettings.max_gap_s`` (0.25 s) the
sensor chain re-converges the orientation for ``ChainSettings.startup_s`` (2.0 s) and flags those
samples invalid on purpose (their angles are off by several degrees:
tests/assessments/test_gap_settling.py), so 0.42 s of rows missing from a 50-Hz file leave the
test 2.4 s without usable data. A flag that calls all of it "missing" overstates the hole; one
that names only the hole hides the 2 s the test could not use. :class:`DataGap` keeps both.

Times are seconds since the frame's first sample.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.frames import BodyFrame
from .base import QT_TR_NOOP, RunContext
from .transfers import invalid_runs_s


@dataclass(frozen=True, slots=True)
class DataGap:
    """``start_s``..``end_s``: no usable data of the sensor (missing or flagged invalid).
    ``missing_s``: seconds of it the source reported missing (the holes' lengths; None: none
    reported, only invalid samples: saturation, or a source that does not report its holes);
    ``missing_end_s``: where the last reported hole in it ends (None with ``missing_s``)."""

    start_s: float
    end_s: float
    missing_s: float | None = None
    missing_end_s: float | None = None
    holes: tuple[tuple[float, float], ...] = ()  # the reported holes in it, (start, end) s

    def reported(self) -> "DataGap":
        """With ``missing_s`` and ``missing_end_s`` from ``holes`` (None without any)."""
        if not self.holes:
            return DataGap(self.start_s, self.end_s)
        return DataGap(self.start_s, self.end_s, _union_s(self.holes), max(b for _, b in self.holes), self.holes)

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    @property
    def missing_start_s(self) -> float | None:
        """Where the first reported hole in it begins (None without any)."""
        return min(a for a, _ in self.holes) if self.holes else None

    def invalid_before(self, rate_hz: float) -> bool:
        """Whether the stretch begins with invalid samples before its first reported hole (saturation
        just before a drop-out) by more than a grid step and a half (the synchroniser flags the tick
        on the last sample before a hole): "missing from" its start would then name samples that
        arrived, invalid."""
        h0 = self.missing_start_s
        return h0 is not None and h0 - self.start_s > 1.5 / rate_hz

    def settles_after(self, rate_hz: float) -> bool:
        """Whether the stretch goes on past its reported hole (the chain settling after it) by
        more than a grid step and a half (the synchroniser's grid may flag a tick at an edge)."""
        return self.missing_end_s is not None and self.end_s - self.missing_end_s > 1.5 / rate_hz


def placement_gaps(ctx: RunContext, placement: str | None) -> list[tuple[float, float]]:
    """The source-reported holes (start, end) of ``ctx.gaps_s`` that concern ``placement``: an
    entry ``(start, end, placement)`` of that placement, or ``(start, end)`` / placement None
    (not known: taken to concern every sensor). Another sensor's hole is not this one's: a
    pelvis-scored test of a pelvis + trunk recording whose trunk file had a hole said "sensor data
    missing" with every pelvis sample there."""
    out = []
    for g in ctx.gaps_s:
        where = g[2] if len(g) > 2 else None
        if where is None or placement is None or where == placement:
            out.append((float(g[0]), float(g[1])))
    return out


def sensor_gaps(frame: BodyFrame, ctx: RunContext, placement: str | None) -> list[DataGap]:
    """Every stretch without usable data of ``placement`` (None: the frame's body sensor), in
    time order: each invalid run after the first valid sample (``transfers.invalid_runs_s``) with
    the reported holes that overlap or touch it (within a grid step), and each reported hole
    that lies in valid data (a short one the synchroniser interpolated, 0.25 s at most) as its
    own, wholly missing."""
    step = 1.0 / float(frame.rate_hz) if len(frame) else 0.0
    runs = invalid_runs_s(frame, placement) if len(frame) else []
    holes = sorted(set(placement_gaps(ctx, placement)))  # a live run hears a source's hole twice
    out: list[DataGap] = []
    used = [False] * len(holes)
    for r0, r1 in runs:
        mine = [k for k, (h0, h1) in enumerate(holes) if h0 <= r1 + step and h1 >= r0 - step]
        if not mine:
            out.append(DataGap(r0, r1))
            continue
        for k in mine:
            used[k] = True
        lo, hi = min([r0] + [holes[k][0] for k in mine]), max([r1] + [holes[k][1] for k in mine])
        out.append(DataGap(lo, hi, 0.0, 0.0, tuple(holes[k] for k in mine)))
    out += [DataGap(h0, h1, 0.0, 0.0, ((h0, h1),)) for (h0, h1), u in zip(holes, used) if not u]
    return [g.reported() for g in _merged(sorted(out, key=lambda g: (g.start_s, g.end_s)))]


def _merged(gaps: list[DataGap]) -> list[DataGap]:
    """Overlapping stretches as one (two holes reported for one drop-out: a link lost and the
    decoder's own hole over the same time)."""
    out: list[DataGap] = []
    for g in gaps:
        if out and g.start_s <= out[-1].end_s:
            p = out[-1]
            out[-1] = DataGap(p.start_s, max(p.end_s, g.end_s), 0.0, 0.0, p.holes + g.holes)
        else:
            out.append(g)
    return out


def _union_s(spans: tuple[tuple[float, float], ...]) -> float:
    """Seconds covered by ``spans`` ((start, end) s; they may overlap)."""
    total, edge = 0.0, float("-inf")
    for a, b in sorted(spans):
        lo = max(a, edge)
        if b > lo:
            total += b - lo
            edge = b
    return total


def overlapping(gaps: list[DataGap], a: float, b: float) -> list[DataGap]:
    """The stretches that overlap ``a``..``b`` (s)."""
    return [g for g in gaps if g.start_s < b and g.end_s > a]


def gap_fields(g: DataGap, since_s: float = 0.0) -> dict[str, Any]:
    """A flag's fields for ``g``: ``start``, ``end`` (s since ``since_s``: the recording's first
    sample, or a test's start), ``dur`` (s) and, with a reported hole, ``missing`` (s),
    ``missing_start`` and ``missing_end`` (s since ``since_s``: where the first hole begins, after
    any invalid samples before it, and where the last one ends and the settling begins)."""
    out: dict[str, Any] = {"start": float(g.start_s - since_s), "end": float(g.end_s - since_s),
                           "dur": float(g.duration_s)}
    if g.missing_s is not None:
        out.update(missing=float(g.missing_s), missing_end=float(g.missing_end_s - since_s),  # type: ignore[operator]
                   missing_start=float(g.missing_start_s - since_s))  # type: ignore[operator]
    return out


# the chair tests' sensor_gap flag, by what the stretch is (``gap_template``)
GAP_BRIDGED = QT_TR_NOOP("sensor data missing {start:.1f}-{end:.1f} s into the recording ({dur:.1f} s): "
                         "bridged, the movement taken to go on through it")
#: {start}-{end}: seconds into the recording. "Missing or invalid": no hole was reported there, the
#: samples were flagged invalid (saturation, or the sensor settling after a hole nobody reported)
GAP_INVALID = QT_TR_NOOP("sensor data missing or invalid {start:.1f}-{end:.1f} s into the recording")
#: {start}-{missing_end}: the hole, seconds into the recording; {missing}: its length (s); the data came
#: back at {missing_end} but the sensor's orientation was not yet reliable until {end} s; {dur}: the
#: whole stretch the test could not use (s)
GAP_SETTLING = QT_TR_NOOP("sensor data missing {start:.1f}-{missing_end:.1f} s into the recording ({missing:.1f} s), "
                          "then not yet usable until {end:.1f} s while the sensor settled again ({dur:.1f} s without "
                          "usable data)")
#: {start}-{end}: seconds into the recording; {dur}: the hole's length (s)
GAP_MISSING = QT_TR_NOOP("sensor data missing {start:.1f}-{end:.1f} s into the recording ({dur:.1f} s)")


#: {start}-{missing_start}: invalid samples (saturation) just before the hole, seconds into the recording;
#: {missing_start}-{missing_end}: the hole; {missing}: its length (s); then the sensor's orientation settled
#: until {end} s; {dur}: the whole stretch the test could not use (s)
GAP_INVALID_SETTLING = QT_TR_NOOP("sensor data invalid {start:.1f}-{missing_start:.1f} s and missing {missing_start:.1f}-"
                                  "{missing_end:.1f} s into the recording ({missing:.1f} s), then not yet usable until "
                                  "{end:.1f} s while the sensor settled again ({dur:.1f} s without usable data)")
#: {start}-{missing_start}: invalid samples (saturation) just before the hole, seconds into the recording;
#: {missing_start}-{end}: the hole; {missing}: its length (s)
GAP_INVALID_MISSING = QT_TR_NOOP("sensor data invalid {start:.1f}-{missing_start:.1f} s and missing {missing_start:.1f}-"
                                 "{end:.1f} s into the recording ({missing:.1f} s)")


def gap_template(g: DataGap, bridged: bool, rate_hz: float) -> str:
    """The chair tests' ``sensor_gap`` detail for ``g`` (format with :func:`gap_fields`): bridged;
    a reported hole and the chain's settling after it (both named: the hole's length, and how long
    the test had no usable data); a reported hole alone; or invalid samples without a reported
    hole ("missing or invalid": which of the two is not known). Invalid samples more than a grid
    step before the hole (saturation just before a drop-out) are named invalid, the hole missing."""
    if bridged:
        return GAP_BRIDGED
    if g.missing_s is None:
        return GAP_INVALID
    if g.invalid_before(rate_hz):  # saturation just before the hole: "missing" from the hole's start only
        return GAP_INVALID_SETTLING if g.settles_after(rate_hz) else GAP_INVALID_MISSING
    return GAP_SETTLING if g.settles_after(rate_hz) else GAP_MISSING
