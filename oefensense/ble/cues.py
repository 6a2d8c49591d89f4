"""Live delivery of feedback cues: the cue stage decides, this sink gives the cue on the wearable.

:class:`CueDelivery` wraps the run's other sinks (recorder, analysis writer). A ``cue`` event the
plan gives (``withheld`` empty) is held back from them while its commands are written over the
sensor's BLE link (``DeviceLink.write_commands``: the family's ``cue_commands``); then it goes
on with ``delivered`` True, ``device`` (the sensor id), ``latency_s`` (session time from when
it was due to when its first write went out), or ``delivered`` False with ``error``. A
plan's ``wearable`` picks the sensor; otherwise the first sensor whose device offers the
modality. Where none does, ``fallback`` (the computer's sound and desktop notification,
``oefensense.live.computer_cue``) gives it, ``device`` "computer". Everything else passes
through at once. Runs on the engine's asyncio loop (``on_output`` is called from it).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any

from ..analysis.feedback_plan import PATTERNS, FeedbackPlan
from ..core.types import NS_PER_S, Event
from ..pipeline import Pipeline, PipelineOutput

Fallback = Callable[[Event], str]  # gives a cue on the computer; returns "" or an error text


class CueDelivery:
    """An engine sink around ``downstream`` sinks (see the module docstring). ``source``: the
    running :class:`~oefensense.ble.source.BleSource` (set by the source factory)."""

    def __init__(self, downstream: list[Any], plan: FeedbackPlan, fallback: Fallback | None = None) -> None:
        self.downstream = downstream
        self.plan = plan
        self.fallback = fallback
        self.source: Any = None
        self._pending: dict[asyncio.Task[Event], Event] = {}
        self.delivered: list[Event] = []  # every given cue after its delivery (tests, status)

    # -- sink protocol ----------------------------------------------------------------------
    def on_input(self, item: Any) -> None:
        for sink in self.downstream:
            sink.on_input(item)

    def on_output(self, out: PipelineOutput) -> None:
        due = [e for e in out.events if e.type == "cue" and not e.fields.get("withheld")]
        if due:
            out = dataclasses.replace(out, events=[e for e in out.events if not any(e is d for d in due)])
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # a synchronous source (demo, file): no radio, the computer cues
                for ev in due:
                    self.delivered.append(self._on_computer(ev))
                out.events += self.delivered[-len(due):]
                due = []
            for ev in due:
                task = loop.create_task(self._deliver(ev))
                self._pending[task] = ev
                task.add_done_callback(self._done)
        if out:
            self._forward(out)

    def close(self, pipeline: Pipeline) -> None:
        for task, ev in list(self._pending.items()):  # the links are gone: these were never given
            task.remove_done_callback(self._done)
            task.cancel()
            self._report(self._result(ev, False, "", None, "the recording stopped before the cue was given"))
        self._pending.clear()
        errors = []
        for sink in self.downstream:
            try:
                sink.close(pipeline)
            except Exception as exc:  # close the others first, then report
                errors.append(exc)
        if errors:
            raise errors[0]

    # -- delivery ---------------------------------------------------------------------------
    def _forward(self, out: PipelineOutput) -> None:
        for sink in self.downstream:
            sink.on_output(out)

    def _report(self, done: Event) -> None:
        self.delivered.append(done)
        self._forward(PipelineOutput(events=[done]))

    def _done(self, task: asyncio.Task[Event]) -> None:
        ev = self._pending.pop(task, None)
        if task.cancelled() or ev is None:
            return
        exc = task.exception()
        self._report(task.result() if exc is None else self._result(ev, False, "", None, f"cue delivery failed: {exc}"))

    @staticmethod
    def _result(ev: Event, delivered: bool, device: str, latency_s: float | None, error: str) -> Event:
        return Event(ev.type, ev.t_ns, ev.end_ns, {**ev.fields, "delivered": delivered, "device": device,
                                                   "latency_s": latency_s, "error": error}, ev.sensor_id)

    def _links(self) -> list[Any]:
        return list(getattr(self.source, "links", []) or [])

    def pick(self, modality: str, pulses: tuple[tuple[int, int], ...]) -> tuple[Any, list[Any]] | None:
        """(link, writes) that give ``modality`` on a wearable, or None when no sensor's device can."""
        for link in self._links():
            if self.plan.wearable and self.plan.wearable not in (link.spec.id, link.spec.placement.value):
                continue
            writes = link.family.cue_commands(modality, pulses)
            if writes:
                return link, writes
        return None

    async def _deliver(self, ev: Event) -> Event:
        modality = str(ev.fields.get("modality"))
        pulses = PATTERNS.get(str(ev.fields.get("pattern")), PATTERNS["short"])
        choice = self.pick(modality, pulses) if modality != "message" else None
        if choice is None:
            return self._on_computer(ev)
        link, writes = choice
        latency = self._latency(ev)  # due -> the first write goes out
        try:
            answers = await link.write_commands(writes)
        except Exception as exc:  # noqa: BLE001 - a failed cue is recorded, never stops the recording
            return self._result(ev, False, link.spec.id, None, " ".join(str(exc).split()) or type(exc).__name__)
        refused = [a for a in answers if not a.ok]
        if refused:
            return self._result(ev, False, link.spec.id, None, f"the device refused: {refused[0].message}")
        return self._result(ev, True, link.spec.id, latency, "")

    def _on_computer(self, ev: Event) -> Event:
        modality = str(ev.fields.get("modality"))
        if self.fallback is None:
            return self._result(ev, False, "", None, f"no wearable offers {modality} and no computer cue is set up")
        error = self.fallback(ev)
        return self._result(ev, not error, "computer", self._latency(ev), error)

    def _latency(self, ev: Event) -> float | None:
        clock = getattr(self.source, "clock", None)
        return None if clock is None else round((clock.now_ns() - ev.t_ns) / NS_PER_S, 3)
