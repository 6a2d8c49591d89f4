"""The running count under a guided chair test in Dutch read "13,4 s  keer opgestaan 3", the count
after its words (care walk-through, 5 Dec 2026); now "13,4 s  3 keer opgestaan", as the result
line under it says "6 keer opgestaan in 30 s"."""

from __future__ import annotations

from types import SimpleNamespace


def test_the_dutch_running_count_reads_as_a_sentence() -> None:
    from oefensense.commands.assess import _live_line
    from oefensense.commands.lang import set_cli_language

    result = SimpleNamespace(start_s=0.0, test="chair-stand-30s", reps=3, values={}, phases=[])
    set_cli_language("nl")
    try:
        assert _live_line(result, 13.4).split() == ["13,4", "s", "3", "keer", "opgestaan"]
    finally:
        set_cli_language(None)
    set_cli_language("en")
    try:
        assert _live_line(result, 13.4).split() == ["13.4", "s", "stands", "3"]
    finally:
        set_cli_language(None)
