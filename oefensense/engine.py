"""Drives a source through the :class:`Pipeline` and hands inputs and outputs to sinks.

The engine is the I/O side: it may pace a replay against the clock, and it runs on its own
thread / asyncio loop when live (see ``runtime.py``). Sinks (recorder, analysis writer, the
dashboard's snapshot, the CLI ticker) never block the pipeline for long.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterable, Iterable, Iterator
from typing import Protocol

from .io.prefetch import Prefetch
from .pipeline import Pipeline, PipelineOutput, PipelineSettings, SourceItem
from .pipeline.front import FrontOutput

# Items the front may run ahead of the stages (a file's items are 360-s chunks or 1-MiB blocks):
# enough to keep the second thread busy, few enough that memory does not grow.
AHEAD_ITEMS = 2


class Sink(Protocol):
    """Receives every source item (``on_input``) and every pipeline output (``on_output``).

    ``close(pipeline)`` is called once at the end, after the pipeline has flushed, so a sink can
    read ``pipeline.summary()``.
    """

    def on_input(self, item: SourceItem) -> None: ...

    def on_output(self, out: PipelineOutput) -> None: ...

    def close(self, pipeline: Pipeline) -> None: ...


class Engine:
    """One run of one source through one pipeline."""

    def __init__(self, settings: PipelineSettings | None = None, sinks: list[Sink] | None = None,
                 pipeline: Pipeline | None = None) -> None:
        if pipeline is None:
            from .analysis.registry import build_pipeline  # stages + models from the one registry

            pipeline = build_pipeline(settings)
        self.pipeline = pipeline
        self.sinks: list[Sink] = list(sinks or [])
        self._stop = threading.Event()
        self.items = 0

    def stop(self) -> None:
        """Ask a running ``run``/``run_async`` to end after the current item (thread-safe)."""
        self._stop.set()

    def step(self, item: SourceItem) -> PipelineOutput:
        """Feed one item and dispatch it and its outputs to the sinks."""
        self.items += 1
        for sink in self.sinks:
            sink.on_input(item)
        out = self.pipeline.feed(item)
        self._dispatch(out)
        return out

    def _dispatch(self, out: PipelineOutput) -> None:
        if out:
            for sink in self.sinks:
                sink.on_output(out)

    def close(self) -> None:
        """Flush the pipeline and close every sink: always, also when the flush itself fails,
        so a recording is finalised whatever happened in the analysis."""
        try:
            out = self.pipeline.finish()
            if out:
                for sink in self.sinks:
                    sink.on_output(out)
        finally:
            errors = []
            for sink in self.sinks:
                try:
                    sink.close(self.pipeline)
                except Exception as exc:  # close the others first, then report
                    errors.append(exc)
            if errors:
                raise errors[0]

    def run(self, source: Iterable[SourceItem], ahead: bool = False) -> Pipeline:
        """Feed every item of ``source``, then close. ``ahead``: run the pipeline's front
        (decoders, orientation chains, synchroniser) a few items ahead in a second thread while
        the stages work on the items before; for a file (live, each item goes through at once).
        The same outputs in the same order; on a second core the analysis takes less wall time.
        A run ahead goes to the end of ``source`` (:meth:`stop` is for live runs)."""
        if not ahead:
            try:
                for item in source:
                    if self._stop.is_set():
                        break
                    self.step(item)
            finally:
                self.close()
            return self.pipeline
        fronted = Prefetch(_fronted(self.pipeline, source), depth=AHEAD_ITEMS, name="oefensense-front")
        try:
            for item, made in fronted:
                self.items += 1
                for sink in self.sinks:
                    sink.on_input(item)
                self._dispatch(self.pipeline.apply(made))
        finally:
            fronted.close()  # the front is the pipeline's again once its thread has stopped
            fronted.join()
            self.close()
        return self.pipeline

    async def run_async(self, source: AsyncIterable[SourceItem]) -> Pipeline:
        try:
            async for item in source:
                if self._stop.is_set():
                    break
                self.step(item)
        finally:
            self.close()
        return self.pipeline


def _fronted(pipeline: Pipeline, source: Iterable[SourceItem]) -> Iterator[tuple[SourceItem, FrontOutput]]:
    """(item, what the pipeline's front made of it); closes ``source`` when abandoned (a file
    reader's own thread then stops too instead of waiting for a consumer that has gone)."""
    front = pipeline.front
    try:
        for item in source:
            yield item, front.feed(item)
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()
