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
             lifting: bool = True, lifting_out: Path | None = None,
             language: str | None = None) -> dict[str, dict[str, Any]]:
    """Run the demo; returns {title: summary}. With ``out``, records the bundled recording's
    session there, with ``lifting_out`` the simulated lifting part's (each with the live run's
    analysis files in ``analysis/``); nothing is written anywhere else. The device is checked
    before anything is printed (``KeyError`` naming the known devices)."""
    from .commands.lang import cli_language, tr
    from .commands.ticker import TickerSink
    from .protocols.registry import device_variant

    device_variant(device)  # an unknown device fails before the demo announces it
    lang = cli_language(language)
    console = console or Console()
    settings = settings or PipelineSettings()
    recording = bundled_recording()
    if lifting_out is not None:  # both parts' folders are checked before the first part runs
        if out is not None and Path(lifting_out).resolve() == Path(out).resolve():
            raise ValueError("--out and --lifting-out must be two different directories")
        if Path(lifting_out).exists() and (not Path(lifting_out).is_dir() or any(Path(lifting_out).iterdir())):
            raise ValueError(f"cannot record to {lifting_out}: it exists and is not an empty directory; choose a new one")
    sinks: list[Any] = [TickerSink(console, language=lang)]
    if out is not None:
        from .session import SessionWriter

        writer = SessionWriter(out, meta={"source": "demo", "device": device, "recording": BUNDLED_RECORDING})
        sinks += [RecorderSink(writer, settings), AnalysisWriter(Path(out) / LIVE_ANALYSIS_DIR)]
    console.print(tr("OefenSense demo: {recording} (HAPT, CC BY 4.0, waist) streamed through a simulated {device} "
                     "wearable at {speed} speed", language=lang)
                  .format(recording=BUNDLED_RECORDING, device=device, speed="max" if speed is None else f"{speed:g}x"),
                  highlight=False)
    engine = Engine(settings, sinks)
    pipeline = engine.run(paced(with_wall_clock(simulated_device_items(recording, device)), speed))
    results = {tr("real recording via simulated {device}", language=lang).format(device=device): pipeline.summary()}
    if lifting:
        results[tr("SIMULATED lifting (movement simulator) via simulated {device}", language=lang).format(device=device)] = run_lifting_demo(
            device, speed, lifting_out, console, settings, lang
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
                     settings: PipelineSettings, language: str | None = None) -> dict[str, Any]:
    """Part two of the demo: simulated lifts, so lift events and technique feedback show without
    hardware. Everything printed for it is labelled SIMULATED."""
    from .commands.lang import cli_language, tr
    from .commands.ticker import TickerSink

    lang = cli_language(language)
    items, sim = lifting_demo_items(device)
    console.print("\n" + tr("SIMULATED lifting part: {n} lifts ({techniques}) from the movement simulator, "
                             "trunk + pelvis + thigh sensors clipped on at random angles", language=lang)
                  .format(n=len(sim.lifts), techniques=", ".join(l.technique for l in sim.lifts)), highlight=False)
    sinks: list[Any] = [TickerSink(console, label="[magenta]SIM[/] ", language=lang)]
    if out is not None:
        from .session import SessionWriter

        writer = SessionWriter(out, meta={"source": "demo-simulated-lifting", "device": device})
        sinks += [RecorderSink(writer, settings), AnalysisWriter(Path(out) / LIVE_ANALYSIS_DIR)]
    pipeline = Engine(settings, sinks).run(paced(with_wall_clock(items), speed))
    return pipeline.summary()
