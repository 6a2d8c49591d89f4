"""Replay with scrubbing: a session's pipeline outputs, played into a :class:`LiveState`.

The session is run through the pipeline once, as fast as possible (see :func:`collect`), and the
outputs are kept in order with their session time, on disk in chunks (:class:`OutputStore`: the
replay's memory does not grow with the recording's length). Playing moves a cursor at 1x, 10x or "max"
and feeds the outputs up to it into a :class:`LiveState`, so the views are the same as live.
Scrubbing backwards restores the nearest checkpoint (a copy of the state taken every
``checkpoint_s`` of session time) and feeds forward from there, so a seek costs at most
``checkpoint_s`` worth of outputs; checkpoints are kept on disk with the outputs.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from oefensense.core.types import NS_PER_S

from .output_store import OutputStore
from .snapshot import LiveSnapshot, MarkerRow
from .state import LiveSettings, LiveState

MAX_SPEED = float("inf")
SPEEDS: tuple[float, ...] = (1.0, 10.0, MAX_SPEED)


def output_start_ns(out: Any) -> int | None:
    """The first session time of an output's data (samples, frames); None without data. The
    replay starts there, as :class:`LiveState` and ``info``'s duration do (not at the clock
    event at 0, nor at the end of the first block)."""
    firsts = [int(b.t_ns[0]) for b in (getattr(out, "samples", ()) or ()) if len(b)]
    firsts += [int(f.t_ns[0]) for f in (getattr(out, "frames", ()) or ()) if len(f)]
    return min(firsts) if firsts else None


def output_time_ns(out: Any, default: int) -> int:
    """The newest session time an output carries (frames, samples, segments, events)."""
    t = default
    for f in getattr(out, "frames", ()) or ():
        if len(f):
            t = max(t, int(f.t_ns[-1]))
    for b in getattr(out, "samples", ()) or ():
        if len(b):
            t = max(t, int(b.t_ns[-1]))
    for s in getattr(out, "segments", ()) or ():
        t = max(t, int(s.end_ns))
    for e in getattr(out, "events", ()) or ():
        t = max(t, int(e.t_ns))
    return t


@dataclass
class CollectSink:
    """An engine sink that keeps every input item worth replaying (sensor infos) and every output
    with its session time (:func:`output_time_ns`, running maximum) in an :class:`OutputStore`."""

    inputs: list[Any] = field(default_factory=list)
    outputs: OutputStore = field(default_factory=OutputStore)
    _last_ns: int = 0

    def on_input(self, item: Any) -> None:
        from oefensense.core.types import SensorInfo

        if isinstance(item, SensorInfo):
            self.inputs.append(item)

    def on_output(self, out: Any) -> None:
        self._last_ns = output_time_ns(out, self._last_ns)
        self.outputs.append(out, self._last_ns)

    def close(self, pipeline: Any = None) -> None:
        self.outputs.finish()


def as_store(outputs: Sequence[Any] | OutputStore) -> OutputStore:
    """``outputs`` as a store (a list is kept in memory: short test data)."""
    if isinstance(outputs, OutputStore):
        return outputs.finish()
    store, last = OutputStore(spill=False), 0
    for out in outputs:
        last = output_time_ns(out, last)
        store.append(out, last)
    return store.finish()


class ReplayModel:
    """Play/scrub over precomputed outputs. Qt-free; the GUI calls :meth:`tick` on its timer.

    ``max_step_s``: session seconds advanced per tick at "max" speed.
    """

    def __init__(
        self,
        outputs: Sequence[Any],
        inputs: Iterable[Any] = (),
        settings: LiveSettings | None = None,
        posture_names: Iterable[str] | None = None,
        checkpoint_s: float = 60.0,
        max_step_s: float = 120.0,
    ) -> None:
        self.outputs = as_store(outputs)
        self.inputs = list(inputs)
        self.meta: dict[str, Any] = {}  # the session manifest's fields (patient code, assessment…)
        end = self.outputs.end_ns
        self.start_ns = next((t for t in map(output_start_ns, self.outputs) if t is not None),
                             next((self.outputs.time_ns(i) for i in range(len(self.outputs)) if self.outputs.time_ns(i) > 0), 0))
        self.end_ns = end
        self.checkpoint_ns = int(checkpoint_s * NS_PER_S)
        self.max_step_s = max_step_s
        self.speed = 1.0
        self.playing = False
        self._fresh = LiveState(settings, posture_names)
        for item in self.inputs:
            self._fresh.on_input(item)
        # (t_ns, index, state handle): the states are on disk with the outputs (one a minute of a
        # session held ~1 MiB each in memory)
        self._checkpoints: list[tuple[int, int, Any]] = [(0, 0, self.outputs.put_state(0, self._fresh))]
        self._state = self._fresh.copy()
        self._index = 0  # next output to feed
        self.position_ns = self.start_ns
        self._extra_markers: list[MarkerRow] = []
        self._feed_to(self.start_ns)

    @property
    def duration_s(self) -> float:
        return max(0.0, (self.end_ns - self.start_ns) / NS_PER_S)

    @property
    def finished(self) -> bool:
        return self._index >= len(self.outputs)

    @property
    def fraction(self) -> float:
        span = self.end_ns - self.start_ns
        return 0.0 if span <= 0 else min(1.0, max(0.0, (self.position_ns - self.start_ns) / span))

    def _feed_to(self, t_ns: int) -> None:
        stop = self.outputs.count_until(t_ns)
        while self._index < stop:
            self._state.on_output(self.outputs[self._index])
            self._index += 1
            t = self.outputs.time_ns(self._index - 1)
            if t - self._checkpoints[-1][0] >= self.checkpoint_ns and self._index > self._checkpoints[-1][1]:
                self._checkpoints.append((t, self._index, self.outputs.put_state(self._index, self._state)))

    def seek(self, t_ns: int) -> None:
        """Move the cursor to session time ``t_ns`` (clamped to the session)."""
        t_ns = int(min(max(t_ns, self.start_ns), self.end_ns))
        if t_ns < self.position_ns or self.outputs.count_until(t_ns) < self._index:
            i = bisect.bisect_right([c[0] for c in self._checkpoints], t_ns) - 1
            _, idx, handle = self._checkpoints[max(0, i)]
            self._state = self.outputs.get_state(handle)
            self._index = idx
            for m in self._extra_markers:
                self._state.add_marker(m.note, m.t_ns)
        self._feed_to(t_ns)
        self.position_ns = t_ns

    def seek_fraction(self, fraction: float) -> None:
        self.seek(self.start_ns + int(fraction * (self.end_ns - self.start_ns)))

    def tick(self, wall_dt_s: float) -> bool:
        """Advance by ``wall_dt_s`` × speed when playing; returns True while there is more to play."""
        if self.playing and not (self.position_ns >= self.end_ns):
            step = self.max_step_s if self.speed == MAX_SPEED else wall_dt_s * self.speed
            self.seek(self.position_ns + int(step * NS_PER_S))
        if self.position_ns >= self.end_ns:
            self.playing = False
        return not self.position_ns >= self.end_ns

    def add_marker(self, note: str) -> MarkerRow:
        row = self._state.add_marker(note, self.position_ns)
        self._extra_markers.append(row)
        return row

    def snapshot(self) -> LiveSnapshot:
        """The state at the cursor; its elapsed time is the cursor's, as the replay bar says
        (the analysis's ``now_ns`` is the newest output, up to a block before it)."""
        return dataclasses.replace(self._state.snapshot(), cursor_ns=self.position_ns)


def collect(items: Iterable[Any], pipeline: Any) -> CollectSink:
    """Run ``items`` through ``pipeline.feed`` (and ``finish``) into a :class:`CollectSink`."""
    sink = CollectSink()
    for item in items:
        sink.on_input(item)
        out = pipeline.feed(item)
        if out is not None:
            sink.on_output(out)
    finish = getattr(pipeline, "finish", None)
    if finish is not None:
        out = finish()
        if out is not None:
            sink.on_output(out)
    sink.close()
    return sink
