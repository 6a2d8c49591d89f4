"""What the two chair tests share: transfers in the test window, repetitions, quality flags."""

from __future__ import annotations

from typing import ClassVar

from ..core.frames import BodyFrame
from .base import QT_TR_NOOP, AssessmentResult, RunContext, protocol_end_s
from .gaps import DataGap, gap_fields, gap_template, overlapping, sensor_gaps
from .signals import body_placement, short_enough_to_bridge, times_s
from .transfers import (Transfer, TransferSettings, find_transfers, longest_rest_s, rest_after, test_start,
                        unsettled_start)

class ChairTest:
    """What the chair tests declare alike (``name``, ``kind`` and ``duration_s`` per test)."""

    placements: ClassVar[tuple[str, ...]] = ("pelvis", "trunk", "thigh")
    auto_start: ClassVar[bool] = True

    def __init__(self, settings: TransferSettings | None = None) -> None:
        self.settings = settings


# a rest longer than this between two transfers of a continuous chair test is flagged (s)
PAUSE_S = 3.0


def chair_transfers(name: str, frame: BodyFrame, ctx: RunContext,
                    settings: TransferSettings | None = None) -> tuple[AssessmentResult, list[Transfer]]:
    """A result with ``start_s`` and the placement set, and the transfers from the test's start
    on (a sit-down before the first stand-up is the patient taking the chair, not a rep)."""
    res = AssessmentResult(name, placement=body_placement(frame) or ("thigh" if frame.has("thigh_inclination_deg") else None))
    transfers = find_transfers(frame, settings) if len(frame) else []
    # none is counted across a gap too long to bridge (found with its start before the gap and its
    # end after it: its middle was not seen), as the tests' flags say
    gaps = unbridged_gaps(frame, ctx, res.placement)
    transfers = [x for x in transfers if not any(x.start_s < g.start_s and x.end_s > g.end_s for g in gaps)]
    # a stand-up found beginning in or at the end of such a gap began unseen: it does not start
    # the test (a 0.5-s gap over the first stand-up's start had the 5xSTS timed from the gap's end)
    start = test_start([x for x in transfers if not in_gap(x.start_s, gaps, frame)], ctx.go_s)
    res.start_s = start
    if start is None:
        if ctx.final:
            res.flag("not_started", QT_TR_NOOP("no stand-up found in the recording"))
            flag_gaps(res, frame, ctx, 0.0, float(times_s(frame)[-1]) if len(frame) else 0.0)  # where it may be hidden
        return res, []
    inside = [x for x in transfers if x.end_s > start - 0.5]
    while inside and inside[0].kind == "sit_down":
        inside.pop(0)
    return res, inside


def flag_quality(res: AssessmentResult, frame: BodyFrame, ctx: RunContext, inside: list[Transfer],
                 end_s: float, pauses: bool = True, rest_to_end: bool = False) -> None:
    """Sensor gaps inside the test, transfers the sensor could not see whole, long pauses.
    ``rest_to_end``: a test that runs to a fixed end (the 30-s chair stand) also rests from its
    last transfer to ``end_s`` (s), and that rest is held to the same ``PAUSE_S``."""
    assert res.start_s is not None
    why = unsettled_start(frame, res.start_s, ctx.go_s is None, placement=res.placement, guided=ctx.guided)
    if why is not None:
        res.flag("unsettled_start", why[0], **why[1])
    # from the first data on: a drop-out before the start found may have hidden the real start
    flag_gaps(res, frame, ctx, 0.0, end_s)
    data_end = float(times_s(frame)[-1]) if len(frame) else 0.0
    for x in inside:
        if not x.valid:  # one sentence per kind: a Dutch sentence with an English "stand-up" in it was the alternative
            template = (QT_TR_NOOP("a stand-up at {at:.1f} s had invalid samples") if x.kind == "stand_up"
                        else QT_TR_NOOP("a sit-down at {at:.1f} s had invalid samples"))
            res.flag("sensor_gap", template, at=float(x.start_s - res.start_s))
    for x in inside if pauses else ():
        if x.held_s > 0 and x.start_s < end_s:  # one transfer held part-way (transfers.py): its time holds the pause
            template = (QT_TR_NOOP("held still {held:.1f} s part-way up in the stand-up at {at:.1f} s") if x.kind == "stand_up"
                        else QT_TR_NOOP("held still {held:.1f} s part-way down in the sit-down at {at:.1f} s"))
            res.flag("pause", template, held=float(x.held_s), at=float(x.start_s - res.start_s))
    # transfers are not found across a gap too long to bridge, and one at the gap's edge can
    # throw those after it (a 0.6-s gap at the first stand-up: two of five found): the time
    # between the transfers found is then no rest ("13.8 s rest" in a test without one). A
    # bridged gap can lose the transfers around it too (a 0.42-s gap as the second stand-up
    # began: three of five found, "7.5 s rest" where the rests were 0.2 s). With any gap in the
    # test, a rest is what the sensor was seen still; it may go on through a bridged gap (too
    # short to hide a transfer), and the flag then says how much of it the sensor did not see
    gaps_in = data_gaps(frame, ctx, res.placement, 0.0, end_s) if pauses else []
    through = [(g.start_s, g.end_s) for g in gaps_in if is_bridged(g.start_s, g.end_s, data_end)]
    rests = [(x.end_s, y.start_s, False) for x, y in zip(inside, inside[1:])]
    last = [x for x in inside if x.start_s < end_s]
    if rest_to_end and last:
        # the 30-s count is of stands while the patient keeps going: a still stretch after the
        # last transfer before the window's end was not counted as a rest (a whole HAPT
        # recording: 1 stand, then 25.7 s still, scored 1 with no flag)
        rests.append((last[-1].end_s, end_s, True))
    for a, b, tail in rests if pauses else ():
        if b - a > PAUSE_S and b <= end_s and (tail or b < end_s):
            at, rest, unseen = a, b - a, 0.0
            if gaps_in:
                seen = longest_rest_s(frame, a, b, placement=res.placement, through_s=through)
                if seen is None:
                    continue
                at, rest, unseen = seen
            if rest > PAUSE_S and unseen > 0:
                #: {gap}: seconds of the rest in which the sensor sent no valid data (a short, bridged gap)
                res.flag("pause", QT_TR_NOOP("{rest:.1f} s rest after {at:.1f} s, sensor data missing {gap:.1f} s of it"),
                         rest=float(rest), at=float(at - res.start_s), gap=float(unseen))
            elif rest > PAUSE_S and tail:
                # {rest}: seconds without a transfer from {at} s (since the start) to the test window's end
                res.flag("pause", QT_TR_NOOP("{rest:.1f} s without a stand from {at:.1f} s to the end of the "
                                             "test's time: the count is not of a continuous effort"),
                         rest=float(rest), at=float(at - res.start_s))
            elif rest > PAUSE_S:
                res.flag("pause", QT_TR_NOOP("{rest:.1f} s rest after {at:.1f} s"), rest=float(rest),
                         at=float(at - res.start_s))


def flag_gaps(res: AssessmentResult, frame: BodyFrame, ctx: RunContext, a: float, b: float) -> None:
    """A ``sensor_gap`` flag for each stretch without usable data of ``res.placement`` overlapping
    ``a``..``b`` (s since the frame's first sample), once: a reported hole with the chain's 2.0-s
    orientation settling after it (gaps.py) is one stretch, the hole and the settling both named."""
    if not len(frame):
        return
    data_end = float(times_s(frame)[-1])
    for g in data_gaps(frame, ctx, res.placement, a, b):
        res.flag("sensor_gap", gap_template(g, is_bridged(g.start_s, g.end_s, data_end), float(frame.rate_hz)),
                 **gap_fields(g))


def is_bridged(g0: float, g1: float, data_end_s: float) -> bool:
    """Whether a gap ``g0``..``g1`` (s) was bridged for detection (``signals.bridged``): shorter
    than ``BRIDGE_GAP_S`` by the same rule (``short_enough_to_bridge``) and with data after it."""
    return short_enough_to_bridge(g1 - g0) and g1 < data_end_s


def unbridged_gaps(frame: BodyFrame, ctx: RunContext, placement: str | None) -> list[DataGap]:
    """The stretches without usable data of ``placement`` too long to bridge (``is_bridged``)."""
    if not len(frame):
        return []
    end = float(times_s(frame)[-1])
    return [g for g in data_gaps(frame, ctx, placement, 0.0, end) if not is_bridged(g.start_s, g.end_s, end)]


def in_gap(at_s: float, gaps: list[DataGap], frame: BodyFrame) -> bool:
    """Whether ``at_s`` (s) lies in one of ``gaps`` or at its edge, within a grid step and a half: a
    transfer edge found there is where the data stopped or resumed (or a settling carried across
    the gap's fill), not where the body was seen to begin or end moving (that may lie in the gap)."""
    tol = 1.5 / float(frame.rate_hz)
    return any(g.start_s - tol <= at_s <= g.end_s + tol for g in gaps)


def data_gaps(frame: BodyFrame, ctx: RunContext, placement: str | None, a: float, b: float) -> list[DataGap]:
    """The stretches without usable data of ``placement`` (``gaps.sensor_gaps``: source-reported
    holes of that sensor joined with its invalid samples, each once), bridged or not, overlapping
    ``a``..``b`` (s), in time order."""
    return overlapping(sensor_gaps(frame, ctx, placement), a, b)


def flag_moving_at_end(res: AssessmentResult, frame: BodyFrame, settings: TransferSettings | None = None) -> None:
    """``moving_at_end`` when a finished test's data ends before the sensor came to rest after
    the protocol's end (the transfer finder's stillness rule, :func:`rest_after`): the last
    transfer may be cut or its end misplaced, as in a window cut while the person moves."""
    if not res.done or res.start_s is None or not len(frame):
        return
    end = res.start_s + protocol_end_s(res)
    if rest_after(frame, end, settings, res.placement) is None:
        template, fields = moving_at_end_detail(float(times_s(frame)[-1]) - end)
        res.flag("moving_at_end", template, **fields)


def moving_at_end_detail(after_s: float) -> tuple[str, dict[str, float]]:
    """The ``moving_at_end`` detail (template, fields) for data ending ``after_s`` seconds after the
    test's end (the end found: the data may end on it, a cut last movement ending where the data does)."""
    if after_s >= 0.05:
        return (QT_TR_NOOP("the patient was still moving when the data ended, {after:.1f} s after the test's end: "
                           "the last movement may be cut (record until the patient is still)"), {"after": after_s})
    return (QT_TR_NOOP("the patient was still moving when the data ended, less than {limit:.1f} s after the test's end "
                       "found: the last movement may be cut and end where the data ends (record until the patient is "
                       "still)"), {"limit": 0.1})


def rel(x: float, start: float) -> float:
    return x - start
