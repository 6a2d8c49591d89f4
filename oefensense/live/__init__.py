"""Qt-free view-model layer of the dashboard (napari pattern: models here, Qt only in ``oefensense.gui``).

* :class:`SnapshotSink` — engine sink, keeps the live state under a lock, hands out snapshots.
* :class:`LiveState` / :class:`LiveSettings` — the state itself (vectorised, testable alone).
* :class:`LiveSnapshot` — the immutable copy both views draw.
* :mod:`oefensense.live.viewmodel` — plain texts/values the therapist and patient views show.
* :class:`ReplayModel` — precomputed session outputs with play/scrub at 1x/10x/max.
"""

from .snapshot import Bout, EventRow, LiftRow, LiveSnapshot, LiveSummary, MarkerRow, SensorStatus, TimelinePiece, Trace
from .sink import SnapshotSink
from .state import ACC_TRACE_PREFIX, PLOTTED_ANGLES, LiveSettings, LiveState

__all__ = [
    "ACC_TRACE_PREFIX",
    "PLOTTED_ANGLES",
    "Bout",
    "EventRow",
    "LiftRow",
    "LiveSettings",
    "LiveSnapshot",
    "LiveState",
    "LiveSummary",
    "MarkerRow",
    "SensorStatus",
    "SnapshotSink",
    "TimelinePiece",
    "Trace",
]
