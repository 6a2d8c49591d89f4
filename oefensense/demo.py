"""The demo run behind ``oefensense demo`` (kept apart from the CLI so tests can call it)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rich.console import Console

from .ble.clock import machine_clock
from .engine import Engine
from .io.outputs import AnalysisWriter
from .pipeline import PipelineSettings
from .sinks import RecorderSink
from .sources import paced, simulated_device_items
from .sources.simulated import BUNDLED_RECORDING, bundled_recording

LIVE_ANALYSIS_DIR = "analysis"  # inside a recorded session: the live run's own results


def run_demo(device: str = "polar", speed: float | None = 10.0, out: Path | None = None,
             console: Console | None = None, settings: PipelineSettings | None = None,
             lifting: bool = True) -> dict[str, dict[str, Any]]:
    """Run the demo; returns {title: summary}. With ``out``, records the session there (and the
    simulated lifting part in ``<out>-lifting``) with the live run's analysis files in
    ``analysis/`` inside each session."""
    from .commands.ticker import TickerSink

    console = console or Console()
    settings = settings or PipelineSettings()
    recording = bundled_recording()
    console.print(
        f"[bold]OefenSense demo[/]: {BUNDLED_RECORDING} (HAPT, CC BY 4.0, waist) streamed through a "
        f"simulated [bold]{device}[/] wearable at {'max' if speed is None else f'{speed:g}x'} speed"
    )
    sinks: list[Any] = [TickerSink(console)]
    if out is not None:
        from .session import SessionWriter

        writer = SessionWriter(out, meta={"source": "demo", "device": device, "recording": BUNDLED_RECORDING})
        sinks += [RecorderSink(writer, settings), AnalysisWriter(Path(out) / LIVE_ANALYSIS_DIR)]
    engine = Engine(settings, sinks)
    pipeline = engine.run(paced(with_wall_clock(simulated_device_items(recording, device)), speed))
    results = {f"real recording via simulated {device}": pipeline.summary()}
    if lifting:
        lifting_out = None if out is None else Path(f"{out}-lifting")
        results[f"SIMULATED lifting (movement simulator) via simulated {device}"] = run_lifting_demo(
            device, speed, lifting_out, console, settings
        )
    return results


def with_wall_clock(items: Iterable[Any]) -> Iterator[Any]:
    """``items`` after the ``clock`` event of a recording starting now on this machine (as a
    live source announces it)."""
    yield machine_clock(time.time_ns()).to_event()
    yield from items


def lifting_demo_items(device: str, seed: int = 7):
    """The movement simulator's lifting script (squat, semi-squat and stoop lifts, twists) worn
    as trunk, pelvis and thigh sensors with random mountings, streamed as ``device`` packets."""
    from .io.csv_import import ImportedRecording
    from .sim import lifting_demo_script, simulate
    from .sources.simulated import merged_device_items

    sim = simulate(lifting_demo_script(), rate_hz=100.0, mounting="random", seed=seed)
    streams = []
    for placement, block in sim.blocks.items():
        rec = ImportedRecording(sim.infos[placement], block, None, Path("simulated"))
        streams.append(simulated_device_items(rec, device, sensor_id=placement.value, placement=placement))
    return merged_device_items(streams), sim


def run_lifting_demo(device: str, speed: float | None, out: Path | None, console: Console,
                     settings: PipelineSettings) -> dict[str, Any]:
    """Part two of the demo: simulated lifts, so lift events and technique feedback show without
    hardware. Everything printed for it is labelled SIMULATED."""
    from .commands.ticker import TickerSink

    items, sim = lifting_demo_items(device)
    console.print(
        f"\n[bold]SIMULATED lifting part[/]: {len(sim.lifts)} lifts "
        f"({', '.join(l.technique for l in sim.lifts)}) from the movement simulator, "
        f"trunk + pelvis + thigh sensors clipped on at random angles"
    )
    sinks: list[Any] = [TickerSink(console, label="[magenta]SIM[/] ")]
    if out is not None:
        from .session import SessionWriter

        writer = SessionWriter(out, meta={"source": "demo-simulated-lifting", "device": device})
        sinks += [RecorderSink(writer, settings), AnalysisWriter(Path(out) / LIVE_ANALYSIS_DIR)]
    pipeline = Engine(settings, sinks).run(paced(with_wall_clock(items), speed))
    return pipeline.summary()
