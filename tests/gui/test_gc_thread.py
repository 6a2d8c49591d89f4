"""Qt objects are finalised on the GUI thread only, however busy the engine's threads are
(gui/collector.py: a widget tree collected by a worker thread's garbage collection crashed the
process in shiboken's deferred deletion)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QLabel, QWidget

from oefensense.gui.app import make_app
from oefensense.gui.collector import installed


class _Cycle:
    """Holds a widget tree and itself, so only the cyclic collector can free it."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.myself = self


def _allocate_like_an_engine(kept: list, n: int = 200_000) -> None:
    """Container allocations on a worker (what the engine thread does all the time), kept alive:
    far past the collector's first threshold, where CPython collects on the allocating thread."""
    kept.extend([i] for i in range(n))


def test_a_widget_in_a_cycle_is_finalised_on_the_gui_thread_not_by_a_busy_worker(qapp, qtbot):
    make_app(language="en")
    collector = installed()
    assert collector is not None and not gc.isenabled()  # automatic collection is off while the app lives
    finalised_on: list[str] = []
    widget = QWidget()
    QLabel("child", widget)
    ref = weakref.ref(widget, lambda _: finalised_on.append(threading.current_thread().name))
    _Cycle(widget)
    del widget
    assert ref() is not None  # garbage now, in a cycle: only a collection frees it
    kept: list = []
    worker = threading.Thread(target=_allocate_like_an_engine, args=(kept,), name="engine-like")
    worker.start()
    worker.join()
    assert finalised_on == []  # the worker passed the threshold many times but collected nothing
    assert gc.get_count()[0] > gc.get_threshold()[0]  # so a collection is due
    qtbot.waitUntil(lambda: finalised_on != [], timeout=5000)  # the GUI thread's timer collects it
    assert finalised_on == [threading.main_thread().name]
    kept.clear()
    assert sum(collector.collections) >= 1
