"""``--patient CODE`` on analyze, replay and record: check before the work, register after it.

The patient must exist and the output folder must not hold another registered session (a new
analysis would overwrite the files that session's hash vouches for), so both are checked before
any analysis runs; registration then stores what was written (``oefensense.record.register``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from .common import CliFailure, console
from .lang import QT_TR_NOOP, cli_language, num, tr

ASSESSMENTS = ("free", "sit_to_stand", "lifting", "bending", "workplace")
PATIENT_HELP = QT_TR_NOOP("Register the result for this patient (pseudonymous code, see `oefensense patient add`).")
START_HELP = QT_TR_NOOP("Clock time at the recording's time 0 for files with relative times, ISO 8601 with UTC offset "
                        "(e.g. 2026-03-02T08:30+01:00); needed to register a CSV file and for days.csv/hours.csv.")
TZ_HELP = QT_TR_NOOP("IANA time zone the recording was made in (e.g. Europe/Amsterdam; default: this machine's).")
# the kinds as words, not joined from ASSESSMENTS: a catalogue text is fixed (tests/cli/test_help_dutch.py checks them)
ASSESSMENT_HELP = QT_TR_NOOP("What the session was: free, sit_to_stand, lifting, bending, workplace.")


def patient_option() -> Any:
    return typer.Option(None, "--patient", help=PATIENT_HELP)


def start_option() -> Any:
    return typer.Option(None, "--start", help=START_HELP)


def tz_option() -> Any:
    return typer.Option(None, "--tz", help=TZ_HELP)


def parse_clock_options(start: str | None, tz: str | None) -> Any:
    """``--start``/``--tz`` as a :class:`~oefensense.core.clock.RecordingClock` (None without
    ``--start``); a ClockError (one line) when they cannot be used."""
    from ..core.clock import RecordingClock, machine_zone_name

    if start is None:
        if tz is not None:
            raise CliFailure(tr("--tz goes with --start"))
        return None
    return RecordingClock.parse_start(start, tz, machine_zone_name())


def assessment_option() -> Any:
    return typer.Option("free", "--assessment", help=ASSESSMENT_HELP)


def _check_owner(rec: Any, code: str, session_dir: Path) -> None:
    """CliFailure when ``session_dir`` is another patient's recording: its manifest names another
    patient code, or the record holds a session of another patient made from it."""
    from ..session import SessionReader

    owner = SessionReader(session_dir).patient_code
    if owner is not None and owner != code:
        raise CliFailure(tr("{path} is a recording of patient {owner}, not of {code}: it is not registered")
                         .format(path=session_dir, owner=owner, code=code))
    for s in rec.sessions_from_source(session_dir):
        if s.patient != code:
            raise CliFailure(tr("{path} is registered as session {id} of patient {owner}: a recording belongs to one "
                                "patient, so it is not registered for {code}").format(path=session_dir, id=s.id,
                                                                                      owner=s.patient, code=code))


@dataclass
class Registration:
    """A pending ``--patient`` registration (see module doc)."""

    code: str
    database: str | None
    start: Any  # ClockStart | None
    assessment: str

    @classmethod
    def prepare(cls, code: str | None, database: str | None, clock: Any, assessment: str,
                out_dirs: list[Path], has_clock: bool = False, session_dir: Path | None = None) -> "Registration | None":
        """None without ``--patient``; else validated options (CliFailure when they cannot work).
        ``clock``: the RecordingClock of ``--start``/``--tz`` (or None); ``has_clock``: the source
        knows its start (a session directory), so ``--start`` may be left out. ``session_dir``: the
        session directory to be registered, which must not be another patient's recording (its
        manifest's patient code, or a session of another patient made from it): erasing either
        patient would otherwise delete or keep the other's data."""
        if code is None:
            if assessment != "free":
                raise CliFailure(tr("--assessment is for registering a result: give --patient too"))
            return None
        from ..record import ClockStart  # the database libraries load only when a patient is given
        from .patient import open_record, require_patient

        if assessment not in ASSESSMENTS:
            raise CliFailure(tr("--assessment {value!r}: one of {choices}").format(value=assessment, choices=", ".join(ASSESSMENTS)))
        clock = None if clock is None else ClockStart.from_clock(clock)
        if clock is None and not has_clock:
            raise CliFailure(tr("the recording has no clock time: give its start with --start, e.g. --start 2026-03-02T08:30+01:00"))
        with open_record(database) as rec:
            require_patient(rec, code)
            rec.check_writable()  # a read-only record stops here, not after the analysis
            for folder in out_dirs:
                taken = rec.session_for_results(folder)
                if taken is not None:
                    raise CliFailure(tr("{folder} holds the results of session {id} of {patient}: choose another --out "
                                        "(a new analysis would overwrite them)").format(folder=folder, id=taken.id, patient=taken.patient))
            if session_dir is not None:
                _check_owner(rec, code, session_dir)
        return cls(code, database, clock, assessment)

    def register(self, folder: Path, *, kind: str, source: Path | str, source_owned: bool,
                 placements: list[str] | None = None, session_dir: Path | None = None) -> None:
        from ..record.register import file_sensors, register_results, session_sensors
        from ..session import SessionReader
        from .patient import open_record

        with open_record(self.database) as rec:
            sensors = (session_sensors(rec, SessionReader(session_dir).manifest) if session_dir is not None
                       else file_sensors(placements or []))
            info = register_results(rec, self.code, folder, kind=kind, source=source, source_owned=source_owned,
                                    start=self.start, sensors=sensors, assessment=self.assessment,
                                    session_dir=session_dir)
        from ..reports.text import Words, utc_offset  # the report's words ("geïmporteerd bestand", not "imported")
        from .patient import SHOWN_DATE

        # the start as `patient show` lists it, "09-03-2026 09:15 (UTC+01:00)": it read
        # "2026-03-09T09:15:00+01:00" here and the other form in the sessions table
        local = info.start.local
        console.print("[green]" + tr("registered") + "[/] " + tr("session {id} of {code}").format(id=info.id, code=self.code)
                      + f" ({Words(cli_language()).session_kind(info)}, {local.strftime(SHOWN_DATE)} {local:%H:%M}"
                      f" ({utc_offset(local)}))", highlight=False)
        for o in info.quality.get("overlaps", []):
            console.print("[yellow]" + tr("warning:") + "[/] " + tr(
                "session {id} shares {seconds} s of clock time with session {other} of {code} (recorded twice, or "
                "overlapping files): each keeps its own figures; do not add them up").format(
                id=info.id, seconds=num(o["overlap_s"], 2, trim=True), other=o["session_id"], code=self.code), highlight=False)
