"""The engine-side end of the dashboard: a Sink that keeps a :class:`LiveState` under a lock.

The engine thread calls :meth:`SnapshotSink.on_input` / :meth:`on_output`; the GUI thread's
~30 Hz timer calls :meth:`snapshot` and draws the copy it gets. The lock is held only for
the short, vectorised updates and the copy, never while drawing, so the GUI can not stall
streaming or recording.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Mapping

from .snapshot import LiveSnapshot, MarkerRow
from .state import LiveSettings, LiveState

StatsProvider = Callable[[], Mapping[str, Mapping[str, Any]]]


class SnapshotSink:
    """Engine ``Sink`` (``on_input``, ``on_output``, ``close``) feeding the dashboard.

    ``stats_provider`` (optional) returns per-sensor link figures (``loss_pct``, ``latency_ms``,
    ``battery_pct``, ``connected``, ``calibrated``); it is called on the GUI thread and must be
    thread-safe (the runtime's per-sensor stats are).
    """

    def __init__(self, settings: LiveSettings | None = None, stats_provider: StatsProvider | None = None, posture_names: Any = None) -> None:
        self._state = LiveState(settings, posture_names)
        self._lock = threading.Lock()
        self.stats_provider = stats_provider
        self.closed = False
        self._last: LiveSnapshot | None = None

    @property
    def settings(self) -> LiveSettings:
        return self._state.settings

    def on_input(self, item: Any) -> None:
        with self._lock:
            self._state.on_input(item)

    def on_output(self, out: Any) -> None:
        with self._lock:
            self._state.on_output(out)

    def close(self, pipeline: Any = None) -> None:
        self.closed = True

    def add_marker(self, note: str, t_ns: int | None = None) -> MarkerRow:
        with self._lock:
            return self._state.add_marker(note, t_ns)

    def now_ns(self) -> int:
        with self._lock:
            return self._state.now_ns

    def reset(self) -> None:
        with self._lock:
            self._state.reset()
            self._last = None

    def snapshot(self) -> LiveSnapshot:
        """A consistent copy; reuses the previous one when nothing changed (cheap at 30 Hz)."""
        stats = self.stats_provider() if self.stats_provider is not None else None
        with self._lock:
            if stats is None and self._last is not None and self._last.seq == self._state.seq:
                return self._last
            snap = self._state.snapshot(stats)
            self._last = snap
            return snap
