"""After a requested stop has finished, a repeated stop signal no longer kills the command while
it prints its last lines: three Ctrl-C 0.15 s apart ended 'record' with exit -2 and no word in 1
of 3 runs although the session was closed and compacted (tests/reliability/test_clean_stop.py's
repeated-signals test, flaky until 4 Dec 2026)."""

from __future__ import annotations

import os
import signal

from oefensense.runtime import StopSignals


def test_late_repeats_after_a_finished_stop_are_ignored() -> None:
    before, before_term = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    try:
        with StopSignals() as signals:
            os.kill(os.getpid(), signal.SIGINT)  # the user's stop
            assert signals.requested.wait(1.0)
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
        os.kill(os.getpid(), signal.SIGINT)  # a late repeat: nothing happens
    finally:
        signal.signal(signal.SIGINT, before)
        signal.signal(signal.SIGTERM, before_term)


def test_without_a_stop_the_previous_handlers_come_back() -> None:
    before = signal.getsignal(signal.SIGINT)
    with StopSignals():
        pass
    assert signal.getsignal(signal.SIGINT) is before
