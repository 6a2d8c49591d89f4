"""Entry points: open the dashboard (live, demo or replay) and render screenshots headless."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from oefensense.live import LiveSettings

DEMO_SIT_PROMPT_S = 30.0  # the demo's stand-up prompt comes after 30 s of sitting, not 30 min


def render_screenshots(window, out_dir: Path, prefix: str = "") -> list[Path]:
    """Draw one frame and save the therapist and patient views as PNG files in ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    window.show()
    window.patient.resize(960, 640)
    window.patient.show()
    for _ in range(3):
        window.tick()
        QApplication.processEvents()
    paths = [out_dir / f"{prefix}therapist.png", out_dir / f"{prefix}patient.png"]
    window.grab().save(str(paths[0]))
    window.patient.grab().save(str(paths[1]))
    return paths


def run(
    replay: Path | None = None,
    screenshot: Path | None = None,
    demo: bool = False,
    language: str | None = None,
    sessions_dir: Path | None = None,
    at: float = 0.6,
    sit_prompt_after_min: float | None = None,
    simulate: list[str] | None = None,
    patient: str | None = None,
    database: str | None = None,
    demo_speed: float = 1.0,
    demo_seconds: float = 60.0,
    feedback_plan: Any = None,
) -> int:
    """Open the dashboard. ``replay``: a session directory; ``screenshot``: render PNGs and exit
    (replay at fraction ``at`` of the session); ``demo``: stream simulated wearables (``simulate``:
    ``FAMILY[=placement]`` specs, default polar/metawear/movesense on trunk/pelvis/thigh) over
    Bleak's facades and the fake radio; otherwise real BLE sensors are scanned for."""
    from oefensense.live.devices import BleDirectory, SimulatedBleDirectory

    from .app import MainWindow, load_session_replay, make_app, placements_all

    app = make_app(language=language)
    settings = LiveSettings()
    if sit_prompt_after_min is not None:  # checked again (``gui`` checks it before the window opens)
        settings = dataclasses.replace(settings, sit_prompt_after_s=sit_prompt_after_min * 60.0)
    if simulate:
        demo = True
    if screenshot is not None and replay is None:
        demo_speed = max(demo_speed, 4.0)  # a picture of the first minute, not a minute's wait
    if simulate:
        directory = SimulatedBleDirectory(simulate)
    elif demo or (screenshot and not replay):  # one simulated body: sitting, standing up, walking, lifts
        directory = SimulatedBleDirectory.body_demo(speed=demo_speed)
        if sit_prompt_after_min is None:
            settings = dataclasses.replace(settings, sit_prompt_after_s=DEMO_SIT_PROMPT_S)
    else:
        directory = BleDirectory()
    win = MainWindow(directory=directory, settings=settings, sessions_dir=sessions_dir, database=database, patient=patient,
                     feedback_plan=feedback_plan)
    if replay is not None:
        from oefensense.session import SessionError

        from .app import replay_error_text
        from .i18n import tr

        try:
            model = load_session_replay(Path(replay), settings)
        except (SessionError, OSError, ValueError, KeyError) as exc:  # a bad manifest, a missing path
            import sys

            print(tr("error:") + f" {replay_error_text(Path(replay), exc)}", file=sys.stderr)
            win.close()
            delete_closed(win)
            return 1
        win.open_replay(model)
    elif demo or screenshot is not None:
        win.scan()
        win.connect_sensors(placements_all(win.directory))
    if screenshot is not None:
        if win.replay is not None:
            win.replay.seek_fraction(at)
        else:
            import time

            deadline = time.monotonic() + demo_seconds / demo_speed + 30.0
            while win.current_snapshot().elapsed_s < demo_seconds and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.05)  # let the demo stream reach its first minute
        paths = render_screenshots(win, Path(screenshot))
        win.close()
        delete_closed(win)
        for p in paths:
            print(p)
        return 0
    win.show()
    if demo:
        win.patient_action.setChecked(True)
    return exec_until_closed(app, win)


def exec_until_closed(app, win) -> int:
    """Run the event loop; SIGINT (Ctrl-C) and SIGTERM close the window like its close button
    (stop streams, flush, close and compact a recording) instead of killing the process. The
    exit code is 1 when something could not be closed (the window said what)."""
    import signal

    from PySide6.QtCore import QTimer

    from .i18n import tr

    def close_soon(signum, frame) -> None:  # noqa: ANN001
        print(f"{signal.Signals(signum).name}: " + tr("closing (stop streams, flush, close)…"), flush=True)
        QTimer.singleShot(0, app.closeAllWindows)

    previous = {s: signal.signal(s, close_soon) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        rc = app.exec()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        delete_closed(win)
    return rc or win.exit_code  # exit_code reads Python state: valid after the C++ window is deleted


def delete_closed(win) -> None:  # noqa: ANN001 - MainWindow
    """Delete the closed window ``win`` (its children and the patient window) now, while the
    QApplication lives (``MainWindow.release``). Its deletion is posted outside an event loop,
    where Qt runs it only when asked for by type."""
    from PySide6.QtCore import QCoreApplication, QEvent

    if win.isVisible():  # the loop ended another way: close first (stops streams, closes a recording)
        win.close()
    win.release()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
