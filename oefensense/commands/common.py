"""Shared CLI plumbing: one-line failures with a non-zero exit, parsing helpers."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)


class CliFailure(Exception):
    """A failure the user can act on; printed as one line, exit code ``exit_code`` (1)."""

    exit_code = 1


NOT_SCORED_EXIT = 3  # `assess`: the test was analysed but gave no score (docs/assessments.md, "Exit status")


class NotScored(CliFailure):
    """`assess`: the test ran and was analysed to its end, but gave no score (nothing measured,
    or a figure outside the plausible range); what was found has been shown. Exit code 3, so a
    script tells it from a score (0) and from an error (1) by the status alone."""

    exit_code = NOT_SCORED_EXIT


@contextlib.contextmanager
def one_line_errors() -> Iterator[None]:
    """Turn expected errors into ``error: <reason>`` and exit code 1 (a :class:`CliFailure`'s
    own ``exit_code``), no traceback."""
    from ..io.csv_import import CsvImportError

    try:
        yield
    except (CliFailure, CsvImportError, ValueError, KeyError, OSError) as exc:
        fail(_reason(exc), exc.exit_code if isinstance(exc, CliFailure) else 1)
    except Exception as exc:  # noqa: BLE001 - the two kinds below, else raised again as it was
        # a session's error, or a sensor or the adapter unavailable (with advice, in the CLI's
        # language): their classes looked up, not imported, since an error of a kind can only
        # have been raised once its module is loaded (the session package loads pyarrow's parquet
        # and compute modules, the BLE layer bleak: `analyze FILE.csv` needs neither)
        errors = sys.modules.get("oefensense.session.errors")
        if errors is not None and isinstance(exc, errors.SessionError):
            fail(_reason(exc))
        ble = sys.modules.get("oefensense.ble.source")
        if ble is None or not isinstance(exc, ble.SensorUnavailableError):
            raise
        fail(sensor_error_text(exc))


def sensor_error_text(exc: Any) -> str:
    """A ``SensorUnavailableError``'s sentence in the CLI's language, the sensor named by its
    placement word as the dashboard and the reports name it ("bekken (AA:..)": it read "pelvis
    (AA:..)" in Dutch); a sensor id that is no placement stays as given."""
    from .lang import placement_word, tr

    fields = dict(exc.fields)
    if "sensor" in fields:
        fields["sensor"] = placement_word(fields["sensor"])
    return type(exc)(exc.template, exc.kind, **fields).text(tr)


def fail(message: str, code: int = 1) -> None:
    """Print ``error: MESSAGE`` as one line on stderr and exit with ``code``."""
    from .lang import tr

    err_console.print("[bold red]" + tr("error:") + f"[/] {' '.join(str(message).split())}", highlight=False, soft_wrap=True,
                      markup=True)
    raise typer.Exit(code) from None


def _reason(exc: BaseException) -> str:
    from ..core.patient import InvalidPatientCode
    from ..core.worded import WordedError

    if isinstance(exc, WordedError) and type(exc).text is WordedError.text:
        # the core's wording, with the language's decimals: an input file's, a session's (English
        # under --language nl until 5 Dec 2026), a feedback plan's problem
        from .lang import cli_language, tr

        return exc.text(tr, decimal_comma=cli_language() == "nl")
    if isinstance(exc, WordedError):  # the record's sentences, a start time, zone or schedule, in the CLI's language
        from .lang import tr

        return exc.text(tr)
    if isinstance(exc, InvalidPatientCode):  # was English under --language nl
        from .lang import tr

        return exc.text(tr)

    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    if isinstance(exc, OSError) and exc.filename is not None:  # an output or input path the OS refused
        from .lang import tr
        from .os_words import os_reason

        # the reason in the CLI's language with the errno's name: "geen toegang (EACCES)" (it
        # embedded the C library's English, "kan /x niet gebruiken: Permission denied")
        return tr("cannot use {path}: {reason}").format(path=exc.filename, reason=os_reason(exc, tr))
    if isinstance(exc, OSError) and isinstance(exc.errno, int) and exc.strerror:  # no path: "[Errno 28] No space left on device"
        from .lang import tr
        from .os_words import os_reason

        return os_reason(exc, tr)
    return str(exc)


def parse_sensor_option(values: list[str]) -> dict[str, str]:
    """``["trunk=a.csv", "thigh=b.csv"]`` -> {"trunk": "a.csv", ...} with canonical placements."""
    from ..core.types import Placement
    from .lang import tr

    out: dict[str, str] = {}
    for v in values:
        if "=" not in v:
            raise CliFailure(tr("--sensor takes PLACEMENT=FILE, got {value!r}").format(value=v))
        placement, path = v.split("=", 1)
        key = Placement.parse(placement).value
        if key in out:
            raise CliFailure(tr("two files for placement {placement}").format(placement=key))
        out[key] = path
    return out
