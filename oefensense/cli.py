"""The ``oefensense`` command line (typer). Each command lives in ``oefensense/commands/``."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="oefensense",
    help="Wearable posture and movement monitoring: stream, record, replay and analyse IMU data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# One module per command group; each has ``register(app)``.
COMMAND_MODULES = ("demo", "analyze", "batch", "replay", "info", "scan", "record", "calibrate", "gui", "patient", "report", "export")


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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
