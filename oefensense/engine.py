"""Drives a source through the :class:`Pipeline` and hands inputs and outputs to sinks.

The engine is the I/O side: it may pace a replay against the clock, and it runs on its own
thread / asyncio loop when live (see ``runtime.py``). Sinks (recorder, analysis writer, the
dashboard's snapshot, the CLI ticker) never block the pipeline for long.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterable, Iterable
from typing import Protocol

from .pipeline import Pipeline, PipelineOutput, PipelineSettings, SourceItem


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
        if out:
            for sink in self.sinks:
                sink.on_output(out)
        return out

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

    def run(self, source: Iterable[SourceItem]) -> Pipeline:
        try:
            for item in source:
                if self._stop.is_set():
                    break
                self.step(item)
        finally:
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
