"""A live one-line-per-interval ticker sink for the terminal (demo, record)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import Console

from ..core.events import ticker_types, types_in_group
from ..core.types import NS_PER_S

TICKER_TYPES = ticker_types()  # declared in core/events.py (``ticker=True``)
TRANSITION_TYPES = types_in_group("transition")


class TickerSink:
    """Prints session time, current posture and event counts every ``every_s`` of session time."""

    def __init__(self, console: Console, every_s: float = 10.0, label: str = "") -> None:
        self.console = console
        self.every_ns = int(every_s * NS_PER_S)
        self.label = label
        self.counts: Counter[str] = Counter()
        self.posture = "…"
        self._next_ns = self.every_ns
        self._t_ns = 0

    def on_input(self, item: Any) -> None:
        pass

    def on_output(self, out: Any) -> None:
        for e in out.events:
            self.counts[e.type] += 1
            if e.type in TICKER_TYPES:
                self._print_event(e)
        if out.segments:
            self.posture = out.segments[-1].posture
        if out.frames:
            self._t_ns = int(out.frames[-1].t_ns[-1])
        while self._t_ns >= self._next_ns:
            self._print_line(self._next_ns)
            self._next_ns += self.every_ns

    def _print_event(self, e: Any) -> None:
        d = e.to_json_dict()
        details = ", ".join(f"{k}={v}" for k, v in d.items() if k not in ("type", "t_s", "end_s", "sensor_id", "message_nl"))
        self.console.print(f"  [yellow]{d['t_s']:7.1f} s[/]  {e.type}: {details}", highlight=False)

    def _print_line(self, t_ns: int) -> None:
        transitions = sum(self.counts[k] for k in TRANSITION_TYPES)
        self.console.print(
            f"{self.label}[cyan]{t_ns / NS_PER_S:7.0f} s[/]  posture: [bold]{self.posture:<10}[/] "
            f"transitions: {transitions}  lifts: {self.counts['lift']}  events: {sum(self.counts.values())}",
            highlight=False,
        )

    def close(self, pipeline: Any) -> None:
        pass
