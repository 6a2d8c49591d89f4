"""Sinks that persist a run: the session recorder. (The analysis files: ``io/outputs.py``.)"""

from __future__ import annotations

from typing import Any

from .core.clock import CLOCK_EVENT, RecordingClock
from .core.types import Event, RawPacket, SensorInfo
from .io.outputs import SOURCE_EVENT_TYPES
from .pipeline.settings_io import settings_to_manifest


def manifest_settings(settings: Any) -> dict[str, Any]:
    """The manifest form of pipeline settings with the stage names resolved (a replay then runs
    exactly the recorded stages, even after the registry gains one)."""
    if settings.stages is None:
        from .analysis.registry import resolve_settings

        settings = resolve_settings(settings)
    return settings_to_manifest(settings)


class RecorderSink:
    """Records a run into a session directory through a ``SessionWriter``.

    Raw packets (the recorded truth) and source events are written as they arrive; decoded
    samples and analysis events as the pipeline makes them final. A source ``gap`` is written
    as the pipeline passed it on, in its place among the packets: the decoder moves a link's gap
    back over the samples it discarded with the old connection (``SensorDecoder.cover``), and the
    stored gap (``oefensense info``) said the link's start while the analysis, live and replayed,
    said the decoder's. Replaying the stored one gives the same gap (the decoder keeps the
    earlier start). ``close`` writes the pipeline settings into the manifest and closes (and
    compacts) the session.
    """

    def __init__(self, writer: Any, settings: Any = None, *, batch: int = 256) -> None:
        self.writer = writer
        if settings is not None:  # written first, so a crashed recording still replays as recorded
            self.writer.update_manifest(pipeline_settings=manifest_settings(settings))
        self._batch = batch
        self._packets: list[RawPacket] = []
        self._gap: Event | None = None  # a source gap waiting for the pipeline's version of it

    def on_input(self, item: Any) -> None:
        self._write_gap(None)  # the pipeline gave no output for it (it failed): as the source gave it
        if isinstance(item, RawPacket):
            self._packets.append(item)
            if len(self._packets) >= self._batch:
                self._flush_packets()
        elif isinstance(item, SensorInfo):
            self.writer.add_sensor(item)
        elif isinstance(item, Event):
            self._flush_packets()
            if item.type == "gap" and item.fields.get("origin") != "decoder":
                self._gap = item  # written by on_output, before anything that comes after it
                return
            self.writer.write_events([item])
            if item.type == CLOCK_EVENT:  # the session's UTC start and time zone, also in the manifest
                self.writer.update_manifest(clock=RecordingClock.from_event(item).to_dict())

    def on_output(self, out: Any) -> None:
        self._flush_packets()
        self._write_gap(out.events)
        for block in out.samples:
            self.writer.write_samples(block)
        if out.events:
            # source gaps, markers and the clock were recorded on input; the decoder's flagged gaps are new
            self.writer.write_events([e for e in out.events if e.type not in SOURCE_EVENT_TYPES
                                      or e.fields.get("origin") == "decoder"])

    def _write_gap(self, events: list[Event] | None) -> None:
        """The held source gap as the pipeline passed it on (among ``events``: same sensor, end
        and fields, a start no later), else as the source gave it."""
        gap, self._gap = self._gap, None
        if gap is None:
            return
        passed = next((e for e in events or () if e.type == "gap" and e.sensor_id == gap.sensor_id
                       and e.end_ns == gap.end_ns and e.fields == gap.fields and e.t_ns <= gap.t_ns), gap)
        self.writer.write_events([passed])

    def _flush_packets(self) -> None:
        if self._packets:
            self.writer.write_packets(self._packets)
            self._packets = []

    def close(self, pipeline: Any) -> None:
        self._flush_packets()
        self._write_gap(None)
        self.writer.update_manifest(pipeline_settings=manifest_settings(pipeline.settings))
        self.writer.close(compact=True)


class ManifestNoteSink:
    """Writes ``key = produce()`` into the session manifest when the run ends (before the
    recorder closes it: put it first in the sink list). The simulated devices' command logs."""

    def __init__(self, writer: Any, key: str, produce: Any) -> None:
        self.writer, self.key, self.produce = writer, key, produce

    def on_input(self, item: Any) -> None:
        pass

    def on_output(self, out: Any) -> None:
        pass

    def close(self, pipeline: Any) -> None:
        self.writer.update_manifest(**{self.key: self.produce()})
