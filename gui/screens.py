"""Screenshots of every view in both languages, by one command (issue #25):

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m oefensense.gui.screens [OUT_DIR]   (make screenshots)

writes ``{therapist,patient}-{replay,lifting,demo}-{en,nl}.png`` to ``docs/screenshots/``:
the demo's real recording in replay (sitting, lying, walking), its simulated lifting part in
replay (lifts, cues), and ``gui --demo`` live after its first minute. A view whose plot is empty
is an error (:func:`empty_plots`), never a picture.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

LANGUAGES = ("en", "nl")
REPLAY_AT = {"replay": 0.62, "lifting": 0.5}  # where each replay is shown (a sitting bout / after the lifts)
DEMO_SPEED = 4.0  # the simulated radio keeps up at 4x on a loaded machine
DEMO_SECONDS = 60.0


def empty_plots(window) -> list[str]:  # noqa: ANN001 - MainWindow
    """The plots of ``window`` that are shown yet draw nothing (names), after a tick."""
    view = window.view
    problems = []
    for name, plot in (("trunk", view.plots.trunk), ("thigh", view.plots.thigh), ("acceleration", view.plots.acc)):
        if plot not in view.plots.ci.items:
            continue  # hidden: its sensor is absent
        if not any(getattr(item, "xData", None) is not None and len(item.xData) > 1 for item in plot.listDataItems()):
            problems.append(name)
    drawn = [c.yData for c in (view.overview.mean, view.overview.provisional) if c.yData is not None]
    if sum(int(np.isfinite(y).sum()) for y in drawn) < 2:
        problems.append("whole session")
    snap = window.current_snapshot()
    if not snap.timeline:
        problems.append("posture timeline")
    return problems


def render(window, out_dir: Path, name: str) -> list[Path]:  # noqa: ANN001
    """Draw and save the therapist and patient views; raises on an empty plot."""
    from .run import render_screenshots

    paths = render_screenshots(window, out_dir, prefix="")
    problems = empty_plots(window)
    if problems:
        raise RuntimeError(f"{name}: empty plots: {', '.join(problems)}")
    final = []
    for p in paths:
        target = out_dir / f"{p.stem}-{name}.png"
        p.replace(target)
        final.append(target)
    return final


def render_all(out_dir: Path, languages: tuple[str, ...] = LANGUAGES, demo: bool = True) -> list[Path]:
    """Every view in every language (see the module text); returns the files written."""
    from rich.console import Console

    from oefensense.demo import run_demo
    from oefensense.live import LiveSettings

    from . import i18n
    from .app import MainWindow, load_session_replay, make_app, placements_all
    from .run import DEMO_SIT_PROMPT_S, delete_closed

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        sessions = {"replay": Path(tmp) / "real", "lifting": Path(tmp) / "lifting"}
        run_demo(speed=None, out=sessions["replay"], lifting_out=sessions["lifting"],
                 console=Console(file=open(os.devnull, "w")), language="en")
        app = make_app(language=languages[0])
        for language in languages:
            i18n.set_language(language)
            for name, session in sessions.items():
                win = MainWindow(sessions_dir=Path(tmp) / "rec")
                win.open_replay(load_session_replay(session, win.live_settings))
                win.replay.seek_fraction(REPLAY_AT[name])
                written += render(win, out_dir, f"{name}-{language}")
                win.close()
                delete_closed(win)  # now, not in PySide's exit cleanup
            if demo:
                from oefensense.live.devices import SimulatedBleDirectory

                win = MainWindow(directory=SimulatedBleDirectory.body_demo(speed=DEMO_SPEED),
                                 settings=LiveSettings(sit_prompt_after_s=DEMO_SIT_PROMPT_S), sessions_dir=Path(tmp) / "rec")
                win.scan()
                win.connect_sensors(placements_all(win.directory))
                deadline = time.monotonic() + DEMO_SECONDS / DEMO_SPEED + 60.0
                while win.current_snapshot().elapsed_s < DEMO_SECONDS and time.monotonic() < deadline:
                    app.processEvents()
                    time.sleep(0.05)
                written += render(win, out_dir, f"demo-{language}")
                win.close()
                delete_closed(win)
    return written


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    for path in render_all(out):
        print(path)


if __name__ == "__main__":
    main()
