"""The ``oefensense`` command line (typer). Each command lives in ``oefensense/commands/``."""

from __future__ import annotations

import importlib
import os
import sys

import typer

app = typer.Typer(
    name="oefensense",
    help="Wearable posture and movement monitoring: stream, record, replay and analyse IMU data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# One module per command group; each has ``register(app)``.
COMMAND_MODULES = ("demo", "analyze", "batch", "replay", "info", "repair", "scan", "record", "calibrate", "gui", "patient",
                   "report", "export", "assess")


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"oefensense.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"oefensense.commands.{name}":
                continue  # command not built yet
            raise
        module.register(app)


_register_all()


PRIVATE_UMASK = 0o077  # files 0600, folders 0700: recordings and results hold patient data


def main() -> None:
    """The console entry point. Files are created private (umask 077). Anything a command did
    not turn into its own one-line error still ends as one ``error:`` line and exit code 1
    (``OEFENSENSE_DEBUG=1`` shows the traceback), never a traceback for the user."""
    os.umask(PRIVATE_UMASK)
    try:
        app()
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence of the CLI contract
        if os.environ.get("OEFENSENSE_DEBUG"):
            raise
        text = " ".join(str(exc).split()) or type(exc).__name__
        print(f"error: unexpected {type(exc).__name__}: {text} (OEFENSENSE_DEBUG=1 shows where)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
