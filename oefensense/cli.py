"""The ``oefensense`` command line (typer). Each command lives in ``oefensense/commands/``."""

from __future__ import annotations

import importlib
import os
import sys

from typing import Optional

import typer
from typer.core import TyperGroup

from .commands.lang import QT_TR_NOOP


def _flags_take_no_value() -> None:
    """typer's rich help prints a type for every option, so a flag reads ``--gui <bool>`` as if
    it took a value; a flag (``--gui``, ``--lifting/--no-lifting``) shows no type, as in click."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich
    if getattr(shown, "_flags_bare", False):
        return

    def display_type_rich(self, ctx):  # noqa: ANN001, ANN202 - typer's signature
        return None if self.is_flag and not self.count else shown(self, ctx)

    display_type_rich._flags_bare = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_flags_take_no_value()


class _Root(TyperGroup):
    """The ``oefensense`` group: its help and every command's in the language the command line
    asks for (``commands/help_words``), set before click parses it."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        from .commands.help_words import language_in, localise

        localise(self, language_in(args))
        return super().parse_args(ctx, args)


app = typer.Typer(
    name="oefensense",
    cls=_Root,
    help=QT_TR_NOOP("Wearable posture and movement monitoring: stream, record, replay and analyse IMU data."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="markdown",  # docstring line breaks are not layout
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"oefensense {version('oefensense')}")
        except PackageNotFoundError:  # running from a source tree that was never installed
            typer.echo("oefensense (not installed: no version)")
        raise typer.Exit()


def _check_language(value: Optional[str]) -> Optional[str]:
    from .commands.lang import check_language

    return None if value is None else check_language(value)


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=QT_TR_NOOP("Print the version and exit.")),
    language: Optional[str] = typer.Option(None, "--language", "-L", callback=_check_language, help=QT_TR_NOOP(
        "Language of the output and the help: en or nl (default: the locale, LANG=nl_NL.UTF-8 gives Dutch).")),
) -> None:
    from .commands.lang import set_cli_language

    set_cli_language(language)

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
    from .commands.lang import tr

    os.umask(PRIVATE_UMASK)
    try:
        app()
    except KeyboardInterrupt:
        print(tr("error:"), tr("interrupted"), file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence of the CLI contract
        if os.environ.get("OEFENSENSE_DEBUG"):
            raise
        text = " ".join(str(exc).split()) or type(exc).__name__
        print(tr("error:"), tr("unexpected {kind}: {text} (OEFENSENSE_DEBUG=1 shows where)")
              .format(kind=type(exc).__name__, text=text), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
