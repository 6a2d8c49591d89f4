"""A cold numba cache compiles the analysis' kernels for ~45 s before session time zero; `record`
now says so ("Preparing the analysis for first use (about a minute)…", Dutch too) while it
happens, and only then. Until 5 Dec 2026 only a log.info line said it: the user saw
"connecting…" or nothing. The compile itself is replaced by a 1.5-s wait here (the cache of the
test machine is warm); everything else is the real command."""

from __future__ import annotations

import time

import pytest

from oefensense.ble import source as ble_source
from oefensense.core import jit

from ..reliability.helpers import cli

EN = "Preparing the analysis for first use (about a minute)…"
NL = "De analyse wordt voorbereid voor het eerste gebruik (ongeveer een minuut)…"


def _cold_cache(monkeypatch: pytest.MonkeyPatch, seen: list[bool]) -> None:
    def compile_kernels(placements=None, seconds=240.0) -> float:  # noqa: ANN001
        seen.append(jit.compiling())
        time.sleep(1.5)
        return 1.5

    monkeypatch.setattr(jit, "ready_kernels", lambda: (0, 12))
    monkeypatch.setattr(ble_source, "compile_kernels", compile_kernels)


def test_load_jit_marks_the_compile_only_when_it_compiles(monkeypatch):
    seen: list[bool] = []
    _cold_cache(monkeypatch, seen)
    assert not jit.compiling()
    ble_source.load_jit()
    assert seen == [True] and not jit.compiling()
    monkeypatch.setattr(jit, "ready_kernels", lambda: (12, 12))  # a warm cache: nothing compiled, nothing said
    ble_source.load_jit()
    assert seen == [True]


@pytest.mark.parametrize("language, text", [("en", EN), ("nl", NL)])
def test_record_says_it_while_the_kernels_compile(tmp_path, monkeypatch, language, text):
    seen: list[bool] = []
    _cold_cache(monkeypatch, seen)
    r = cli("--language", language, "record", "--simulate", "polar=trunk", "--duration", "2", "--speed", "4",
            "--status-every", "0.5", "--no-analysis", "--out", tmp_path / "s")
    assert r.rc == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines.count(text) == 1, r.stdout  # once, into the pipe, before the first status line
    assert lines.index(text) < min(i for i, ln in enumerate(lines) if ("romp" if language == "nl" else "trunk") in ln), r.stdout


def test_record_says_nothing_with_a_warm_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(jit, "ready_kernels", lambda: (12, 12))
    r = cli("record", "--simulate", "polar=trunk", "--duration", "2", "--speed", "4", "--no-analysis",
            "--out", tmp_path / "s")
    assert r.rc == 0, r.stderr
    assert EN not in r.stdout, r.stdout


def test_a_terminal_shows_it_with_a_spinner_then_the_status(monkeypatch):
    """On a terminal the live display shows the message (with a spinner) while compiling, then
    the sensors' status lines."""
    import io
    import threading

    from rich.console import Console

    from oefensense.commands import record as record_command

    out = io.StringIO()
    monkeypatch.setattr(record_command, "console", Console(file=out, force_terminal=True, width=100))
    end = time.monotonic() + 1.5

    class Engine:  # the engine thread as `_watch` sees it: running, joinable, its stats
        running = property(lambda self: time.monotonic() < end)

        def join(self, timeout: float) -> bool:
            time.sleep(timeout)
            return False

        def stats(self) -> dict:
            return {}

    class Signals:
        requested = threading.Event()

    with jit.compiling_now():
        t = threading.Thread(target=record_command._watch, args=(Engine(), Signals(), 0.25))
        t.start()
        time.sleep(0.8)
    t.join()
    text = out.getvalue()
    assert EN in text, text
    assert text.rindex("connecting…") > text.index(EN), text  # after the compile: the usual display
