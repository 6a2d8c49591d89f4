"""A live one-line-per-interval ticker sink for the terminal (demo, record).

The posture, sitting time and lift count come from the dashboard's own state
(:class:`~oefensense.live.state.LiveState` read through :func:`~oefensense.live.viewmodel.patient_state`),
so the terminal says what the therapist and patient views say at the same session time: the
current posture (the open run, ``transition`` bridged by the posture before it), not the last
closed segment.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import Console
from rich.markup import escape

from ..core.events import describe, ticker_types, types_in_group
from ..core.types import NS_PER_S
from ..live.state import LiveState, reason_worded
from ..live.viewmodel import format_clock, patient_state
from .lang import cli_language, num, posture_word, tr

TICKER_TYPES = ticker_types()  # declared in core/events.py (``ticker=True``)
TRANSITION_TYPES = types_in_group("transition")


class TickerSink:
    """Prints session time, current posture and event counts every ``every_s`` of session time;
    ticker events (lifts, alerts, gaps) as their own line, worded by their declaration (a gap's
    reason in the reports' words, "verbinding verbroken", not its code "link_lost")."""

    def __init__(self, console: Console, every_s: float = 10.0, label: str = "", language: str | None = None) -> None:
        self.console = console
        self.every_ns = int(every_s * NS_PER_S)
        self.label = label
        self.lang = cli_language(language)
        self.counts: Counter[str] = Counter()
        self.state = LiveState()
        self._next_ns = self.every_ns
        self._t0: int | None = None

    @property
    def posture(self) -> str:
        """The posture the patient view shows now (``unknown`` before the first one)."""
        return patient_state(self.state.snapshot()).posture

    def on_input(self, item: Any) -> None:
        self.state.on_input(item)

    def on_output(self, out: Any) -> None:
        self.state.on_output(out)
        for e in out.events:
            self.counts[e.type] += 1
            if e.type in TICKER_TYPES:
                self._print_event(e)
        if out.frames:
            t = int(out.frames[-1].t_ns[-1])
            if self._t0 is None:
                self._t0 = int(out.frames[0].t_ns[0])
            while t - self._t0 >= self._next_ns:
                self._print_line(self._next_ns)
                self._next_ns += self.every_ns

    def _print_event(self, e: Any) -> None:
        self.console.print(f"  [yellow]{num(e.t_ns / NS_PER_S, 1, language=self.lang):>5} s[/]  " + escape(describe(reason_worded(e, self.lang), self.lang))
                           + f"  [dim]\\[{e.type}][/]", highlight=False)

    def _print_line(self, t_ns: int) -> None:
        snap = self.state.snapshot()
        shown = patient_state(snap)
        posture = posture_word(shown.posture, self.lang)
        if shown.sitting_s > 0:
            posture += f" {format_clock(shown.sitting_s)}"
        line = tr("{t:>5} s  {posture:<14} transitions {transitions} · lifts {lifts} · events {events}",
                  language=self.lang).format(t=f"{t_ns / NS_PER_S:.0f}", posture=posture,
                                             transitions=sum(self.counts[k] for k in TRANSITION_TYPES),
                                             lifts=shown.lifts_total, events=sum(self.counts.values()))
        self.console.print(self.label + escape(line), highlight=False)  # the label may carry markup

    def close(self, pipeline: Any) -> None:
        pass
