"""``oefensense gui``: the dashboard (therapist + patient views), live, on the demo, or in replay.

Qt is imported only inside the command bodies (``oefensense.gui``), so the CLI and the core
never load Qt unless the dashboard is opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .lang import QT_TR_NOOP, chosen_language, language_option, tr


def _display_error(exc: Exception) -> str:
    """The missing-libraries message in the CLI's language (the exception names the packages)."""
    packages = getattr(exc, "packages", [])
    if not packages:
        return str(exc)
    return tr("the dashboard needs system libraries that are missing: install them with `sudo apt-get install "
              "{packages}` (or run `make system-deps`)").format(packages=" ".join(packages))


def gui_command(
    replay: Optional[Path] = typer.Option(None, "--replay", help=QT_TR_NOOP("Open a recorded session directory for replay.")),
    screenshot: Optional[Path] = typer.Option(None, "--screenshot", help=QT_TR_NOOP("Render therapist and patient views to PNG files in this directory and exit.")),
    at: float = typer.Option(0.6, "--at", min=0.0, max=1.0, help=QT_TR_NOOP("With --screenshot: replay position as a fraction of the session.")),
    demo: bool = typer.Option(False, "--demo", help=QT_TR_NOOP("Stream three simulated wearables (trunk, pelvis, thigh) over the fake radio.")),
    simulate: Optional[list[str]] = typer.Option(None, "--simulate", help=QT_TR_NOOP("Simulated wearable FAMILY[=placement] (repeat for 1-3 sensors).")),
    language: Optional[str] = language_option(QT_TR_NOOP("en or nl (default: --language before the command, else the saved setting, else the system locale).")),
    sessions_dir: Optional[Path] = typer.Option(None, "--sessions-dir", help=QT_TR_NOOP("Where recordings are saved (default ~/OefenSense/sessions).")),
    sit_prompt_min: Optional[float] = typer.Option(None, "--sit-prompt-min", help=QT_TR_NOOP("Minutes of sitting before the stand-up prompt (default 30).")),
    patient: Optional[str] = typer.Option(None, "--patient", help=QT_TR_NOOP("Patient code: filled in, and saved recordings are registered in the record.")),
    database: Optional[str] = typer.Option(None, "--database", help=QT_TR_NOOP("Record database (SQLAlchemy URL); default $OEFENSENSE_DATABASE, else SQLite in the data directory.")),
    feedback: Optional[Path] = typer.Option(None, "--feedback", help=QT_TR_NOOP("A feedback plan (TOML): cue the wearer during live runs (docs/feedback.md).")),
) -> None:
    """Open the dashboard: therapist view and patient view, live or in replay."""
    if sit_prompt_min is not None:  # a clear error before the window opens (was taken as given: -5 never prompted)
        from oefensense.core.limits import Range, SettingError, check_value

        try:
            check_value("", "--sit-prompt-min", sit_prompt_min, Range("min", low=0, low_open=True))
        except SettingError as exc:
            typer.echo(tr("error:") + f" {exc.text(tr)}", err=True)
            raise typer.Exit(1) from None
    from oefensense.gui.platform_check import DisplayLibrariesMissing, check_display_libraries

    try:
        check_display_libraries()
    except DisplayLibrariesMissing as exc:
        typer.echo(tr("error:") + f" {_display_error(exc)}", err=True)
        raise typer.Exit(2) from None
    from oefensense.gui import run

    if patient is not None:  # a clear error before the window opens
        from oefensense.core.patient import validate_patient_code
        from oefensense.record import Record

        try:
            with Record(database) as rec:
                if not rec.has_patient(validate_patient_code(patient)):
                    raise ValueError(tr("unknown patient {code}: add it first with `oefensense patient add {code}`").format(code=patient))
        except ValueError as exc:
            typer.echo(tr("error:") + f" {exc}", err=True)
            raise typer.Exit(1) from None
    plan = None
    if feedback is not None:  # a clear error before the window opens
        from oefensense.analysis.feedback_plan import PlanError, load_plan

        try:
            plan = load_plan(feedback)
        except PlanError as exc:
            typer.echo(tr("error:") + f" {exc.text(tr)}", err=True)
            raise typer.Exit(1) from None
    raise typer.Exit(run(replay=replay, screenshot=screenshot, demo=demo, language=language or chosen_language(),
                         sessions_dir=sessions_dir, at=at, sit_prompt_after_min=sit_prompt_min,
                         simulate=simulate, patient=patient, database=database, feedback_plan=plan))


def open_demo(device: str = "polar", speed: str = "1", out: Optional[Path] = None) -> int:
    """``oefensense demo --gui``: the dashboard on the bundled recording's simulated wearable."""
    from oefensense.gui.platform_check import DisplayLibrariesMissing, check_display_libraries

    try:
        check_display_libraries()
    except DisplayLibrariesMissing as exc:
        typer.echo(tr("error:") + f" {_display_error(exc)}", err=True)
        return 2
    from oefensense.gui.app import MainWindow, make_app, placements_all
    from oefensense.live.devices import DemoDirectory
    from oefensense.sources.pacing import parse_speed

    app = make_app()
    win = MainWindow(directory=DemoDirectory(device, parse_speed(speed)))
    win.scan()
    win.connect_sensors(placements_all(win.directory))
    if out is not None:
        win.controller.start_recording(out)
    win.show()
    win.patient_action.setChecked(True)
    from oefensense.gui.run import exec_until_closed

    return exec_until_closed(app, win)


def register(app: typer.Typer) -> None:
    app.command("gui", short_help=QT_TR_NOOP("Open the dashboard: therapist view and patient view, live or in replay."))(gui_command)
