"""SessionWriter.abandon: a user who gives up on a hanging stop is told the truth about the
session, whichever of the two threads (the one closing, the one abandoning) gets there first."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from oefensense.core.types import Placement, SampleBlock, SensorInfo
from oefensense.session import SessionError, SessionReader, SessionWriter
from oefensense.session import writer as writer_module

TRUNK = SensorInfo("trunk", Placement.TRUNK, "simulated", 100.0)


def _writer_with_data(path) -> SessionWriter:
    w = SessionWriter(path)
    w.add_sensor(TRUNK)
    w.write_samples(SampleBlock("trunk", np.arange(10) * 10_000_000, np.ones((10, 3))))
    w.flush()
    return w


def test_abandoned_before_close_is_never_marked_closed(tmp_path):
    w = _writer_with_data(tmp_path / "s")
    assert w.abandon() == "abandoned"
    with pytest.raises(SessionError, match="abandoned"):
        w.close()
    r = SessionReader(tmp_path / "s")
    assert not r.closed
    assert r.samples("trunk").t_ns.size == 10  # what was flushed stays for repair


def test_abandoned_after_close_says_closed(tmp_path):
    w = _writer_with_data(tmp_path / "s")
    w.close(compact=False)
    assert w.abandon() == "closed"
    assert SessionReader(tmp_path / "s").closed


def _slow_closing_manifest(monkeypatch, delay_s: float) -> threading.Event:
    """The manifest write that marks the session closed takes ``delay_s``; the event is set when
    it begins."""
    real = writer_module.write_manifest
    began = threading.Event()

    def slow(directory, manifest, **kw):  # noqa: ANN001, ANN003, ANN202
        if manifest.get("closed"):
            began.set()
            time.sleep(delay_s)
        real(directory, manifest, **kw)

    monkeypatch.setattr(writer_module, "write_manifest", slow)
    return began


@pytest.mark.parametrize("wait_s, expected", [(5.0, "closed"), (0.05, "unknown")])
def test_abandon_during_the_marking_waits_for_it_or_says_it_cannot_tell(tmp_path, monkeypatch, wait_s, expected):
    w = _writer_with_data(tmp_path / "s")
    began = _slow_closing_manifest(monkeypatch, 0.5)
    closing = threading.Thread(target=w.close, kwargs={"compact": False})
    closing.start()
    assert began.wait(5.0)
    answer = w.abandon(wait_s)
    closing.join()
    assert answer == expected
    # "closed" is only said when the file on disk says so at that moment
    assert SessionReader(tmp_path / "s").closed
