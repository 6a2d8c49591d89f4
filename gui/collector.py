"""Cyclic garbage is collected on the GUI thread only, for as long as the dashboard's QApplication lives.

Why: a Qt object must be destroyed on the thread that owns it, and Python's cyclic collector runs
on whichever thread happens to allocate past its threshold. In the dashboard that is nearly always
a worker: the engine thread (live, simulated or replayed sensors, a guided test), a scan, a
recording being closed. A widget tree that has just become unreachable inside a reference cycle
(a closed window or dialog, pyqtgraph items) is then finalised on that worker; shiboken hands the
C++ deletion back to the main thread as a pending call, and that deferred deletion crashed the
process: SIGSEGV in ``Shiboken::BindingManager::runDeletionInMainThread``, the main thread
wherever it was (waiting in ``LiveController.stop``, in a timer tick), 2 of 10 runs of
``tests/gui/test_assessment_panel.py tests/gui/test_dashboard.py`` before this module.

How: automatic collection is switched off and a timer on the GUI thread collects instead, the
oldest generation whose CPython threshold has been passed (what pyqtgraph's ``GarbageCollector``
does), so no Qt wrapper is ever finalised on another thread. Memory freed by reference counting
(nearly all of it) is unaffected; cyclic garbage waits at most one tick (:data:`INTERVAL_MS`).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer
from shiboken6 import isValid

INTERVAL_MS = 250  # ms between checks on the GUI thread (each check is ~µs unless a collection is due)

_collector: GuiThreadCollector | None = None


class GuiThreadCollector(QObject):
    """Turns off Python's automatic cyclic collection and collects on a GUI-thread timer instead.

    ``thresholds`` are the interpreter's (``gc.get_threshold()``, allocations / collections)
    when it was made; ``collections[g]`` counts the collections of generation ``g`` it ran.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds: tuple[int, int, int] = gc.get_threshold()
        self.collections = [0, 0, 0]
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect_due)
        gc.disable()
        self.timer.start()

    def collect_due(self) -> int | None:
        """Collect the oldest generation whose threshold has been passed, as CPython would have on
        the allocating thread; returns that generation, or None when none was due (or the
        thresholds say never: ``gc.set_threshold(0)``). Call on the GUI thread only."""
        (c0, c1, c2), (t0, t1, t2) = gc.get_count(), self.thresholds
        if t0 <= 0 or c0 <= t0:
            return None
        generation = 2 if c1 >= t1 and c2 >= t2 else 1 if c1 >= t1 else 0
        gc.collect(generation)
        self.collections[generation] += 1
        return generation


def collect_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """Install the collector on ``app`` (once; later calls return the same one). Call on the GUI
    thread, which is where the collector's timer runs."""
    global _collector
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("collect_on_gui_thread must be called on the GUI thread")
    if _collector is None or not isValid(_collector):
        _collector = GuiThreadCollector(app)
    return _collector


def installed() -> GuiThreadCollector | None:
    """The collector, if one is installed and its application still exists."""
    return _collector if _collector is not None and isValid(_collector) else None
