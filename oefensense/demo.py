"""The demo run behind ``oefensense demo`` (kept apart from the CLI so tests can call it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console

from .engine import Engine
from .io.outputs import AnalysisWriter
from .pipeline import PipelineSettings
from .sinks import RecorderSink
from .sources import paced, simulated_device_items
from .sources.simulated import BUNDLED_RECORDING, bundled_recording

LIVE_ANALYSIS_DIR = "analysis"  # inside a recorded session: the live run's own results


def run_demo(device: str = "polar", speed: float | None = 10.0, out: Path | None = None,
             console: Console | None = None, settings: PipelineSettings | None = None) -> dict[str, dict[str, Any]]:
    """Run the demo; returns {title: summary}. With ``out``, records the session there and writes
    the live run's analysis files into ``out/analysis/``."""
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
    pipeline = engine.run(paced(simulated_device_items(recording, device), speed))
    results = {f"real recording via simulated {device}": pipeline.summary()}
    return results
