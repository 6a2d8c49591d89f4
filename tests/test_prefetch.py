"""io.prefetch: the items of the plain iterator, in order, with its error where it occurred."""

from __future__ import annotations

import threading
import time

import pytest

from oefensense.io.prefetch import Prefetch


def test_same_items_in_order() -> None:
    assert list(Prefetch(iter(range(1000)), depth=2)) == list(range(1000))


def test_error_after_the_items_before_it() -> None:
    def source():
        yield 1
        yield 2
        raise ValueError("row 3 is broken")

    got = []
    with pytest.raises(ValueError, match="row 3"):
        for x in Prefetch(source()):
            got.append(x)
    assert got == [1, 2]


def test_close_stops_the_thread_of_an_abandoned_source() -> None:
    closed = threading.Event()

    def endless():
        try:
            i = 0
            while True:
                yield i
                i += 1
        finally:
            closed.set()

    p = Prefetch(endless(), depth=1)
    assert next(p) == 0
    p.close()
    assert closed.wait(5.0), "the source was not closed"
    deadline = time.monotonic() + 5.0
    while p._thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not p._thread.is_alive()
    with pytest.raises(StopIteration):
        next(p)


def test_cpu_seconds_of_the_thread() -> None:
    def busy():
        t0 = time.thread_time()
        while time.thread_time() - t0 < 0.05:
            pass
        yield 1

    p = Prefetch(busy())
    assert list(p) == [1]
    assert p.cpu_s >= 0.04


def test_a_reader_dropped_without_closing_stops_its_thread(tmp_path) -> None:  # noqa: ANN001 - pytest fixture
    """The thread held its Prefetch (and a CSV stream held its Prefetch while its thread held the
    stream), so a consumer that stopped early and dropped it left a 'csv-read' thread and its
    blocks for the rest of the process (the cohort audit: one per input in a batch worker)."""
    import gc

    import numpy as np

    from oefensense.io.csv_stream import CsvStream

    t = np.arange(0, 600, 0.02)
    rows = np.column_stack([t, np.zeros_like(t), np.zeros_like(t), np.ones_like(t)])
    path = tmp_path / "long.pelvis.csv"
    np.savetxt(path, rows, delimiter=",", fmt="%.3f", header="time_s,acc_x_g,acc_y_g,acc_z_g", comments="")
    items = CsvStream(path, block_bytes=1 << 14).items()
    next(items)  # a look-ahead that needs only the start
    del items
    gc.collect()
    deadline = time.monotonic() + 5.0
    while any(th.name.startswith("csv-read") for th in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(th.name.startswith("csv-read") for th in threading.enumerate())
