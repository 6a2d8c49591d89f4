"""``oefensense patient``: the patient record (add, list, show with progress, assess, goal, erase).

Every command takes ``--database URL`` (a SQLAlchemy URL; else ``$OEFENSENSE_DATABASE``, else
SQLite in the user's data directory, which ``$OEFENSENSE_DATA_DIR`` moves).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from .common import CliFailure, console, err_console, one_line_errors
from .lang import QT_TR_NOOP, cli_language, num, sep, tr

if TYPE_CHECKING:
    from ..reports.text import Words

DATABASE_HELP = QT_TR_NOOP("Record database (SQLAlchemy URL); default $OEFENSENSE_DATABASE, else SQLite in the data directory.")


def database_option() -> Any:
    return typer.Option(None, "--database", help=DATABASE_HELP, envvar=None, show_default=False)


def open_record(database: str | None):  # noqa: ANN201 - oefensense.record.Record, imported lazily
    """The record at ``database`` (see DATABASE_HELP); errors become one CLI line."""
    from ..record import Record

    try:
        return Record(database)
    except Exception as exc:  # a wrong URL, a server that is down: one line, not a traceback
        if isinstance(exc, (CliFailure, ValueError)):
            raise
        raise CliFailure(tr("cannot open the record database: {error}").format(error=f"{type(exc).__name__}: {str(exc).splitlines()[0]}")) from None


def require_patient(record: Any, code: str | None) -> str | None:
    """Validate ``code`` and make sure the patient exists (before any analysis runs)."""
    if code is None:
        return None
    if not record.has_patient(code):
        raise CliFailure(tr("unknown patient {code}: add it first with `oefensense patient add {code}`").format(code=code))
    return code


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = num(value, 0 if abs(value) >= 100 or float(value).is_integer() else 1)
    return f"{text} {unit}".strip()


def register(app: typer.Typer) -> None:
    patient_app = typer.Typer(help=QT_TR_NOOP("The patient record: pseudonymous codes, sessions, progress, erasure."),
                              no_args_is_help=True)
    app.add_typer(patient_app, name="patient")

    @patient_app.command("add", help=QT_TR_NOOP('Add a patient to the record.'))
    def add(code: str = typer.Argument(..., help=QT_TR_NOOP("Pseudonymous code (e.g. P001); never a name.")),
            database: Optional[str] = database_option()) -> None:
        with one_line_errors():
            with open_record(database) as rec:
                rec.add_patient(code)
                console.print("[green]" + tr("added") + "[/] " + tr("patient {code}").format(code=code) + f" ({rec.display_url})", highlight=False)

    @patient_app.command("list", help=QT_TR_NOOP('List the patients with their number of sessions.'))
    def list_(database: Optional[str] = database_option()) -> None:
        from rich.table import Table

        with one_line_errors():
            with open_record(database) as rec:
                patients = rec.patients()
        table = Table(tr("code"), tr("sessions"), tr("added (UTC)"), header_style="bold")
        for p in patients:
            # dd-mm-yyyy as `patient show` and every printed view ("2026-03-02 07:30" until 5 Dec 2026)
            table.add_row(p.code, str(p.sessions), p.created_utc.strftime(f"{SHOWN_DATE} %H:%M"))
        console.print(table)
        if not patients:
            console.print(tr("no patients yet: `oefensense patient add CODE`"))

    @patient_app.command("show", help=QT_TR_NOOP("A patient's sessions and the trend of the figures that matter, session by session."))
    def show(code: str = typer.Argument(...), database: Optional[str] = database_option()) -> None:
        with one_line_errors():
            with open_record(database) as rec:
                require_patient(rec, code)  # the CLI's own (translated) sentence
                sessions = rec.sessions(code)
                assessments = rec.assessments(code)
                goals = rec.goals(code)
        print_progress(code, sessions, assessments, goals)

    @patient_app.command("assess", help=QT_TR_NOOP('Record assessment results (scores such as pain 0-10) for a patient.'))
    def assess(
        code: str = typer.Argument(...),
        result: list[str] = typer.Option(..., "--result", help=QT_TR_NOOP("CODE=VALUE, e.g. nprs=6 (repeat); codes: docs/record.md.")),
        kind: Optional[str] = typer.Option(None, "--kind", help=QT_TR_NOOP(
            "Name of the assessment (intake, re-test, ...); without it: intake for a patient without an intake, "
            "else the command stops and asks for it.")),
        date: Optional[str] = typer.Option(None, "--date", help=QT_TR_NOOP("When (ISO 8601; default now).")),
        session: Optional[int] = typer.Option(None, "--session", help=QT_TR_NOOP("The session it belongs to.")),
        database: Optional[str] = database_option(),
    ) -> None:
        from ..record.measures import check_value
        from ..record.register import performed_at

        with one_line_errors():
            values: dict[str, float] = {}
            for item in result:
                if "=" not in item:
                    raise CliFailure(tr("--result takes CODE=VALUE, got {value!r}").format(value=item))
                k, v = item.split("=", 1)
                try:  # a decimal comma as the Dutch write it ("psk=6,5" was "not a number")
                    values[k.strip()] = float(v.strip().replace(",", ".") if v.count(",") == 1 and "." not in v else v)
                except ValueError:
                    raise CliFailure(tr("--result {value!r}: the value is not a number").format(value=item)) from None
            with open_record(database) as rec:
                if kind is None:  # a value out of range is said first, as with --kind
                    for k, v in values.items():
                        check_value(k, v)
                    kind = _default_kind(rec, code)
                a = rec.add_assessment(code, kind, performed_at(date), values, session_id=session)
        console.print("[green]" + tr("recorded") + "[/] " + tr("assessment {id} ({kind}) for {code}:").format(id=a.id, kind=kind, code=code) + " "
                      + ", ".join(f"{k} {_fmt(v)}" for k, v in a.results.items()), highlight=False)

    @patient_app.command("goal", help=QT_TR_NOOP("Set a treatment goal (shown in the patient's report)."))
    def goal(code: str = typer.Argument(...), text: str = typer.Argument(..., help=QT_TR_NOOP("The goal, in the patient's words (no names).")),
             database: Optional[str] = database_option()) -> None:
        with one_line_errors():
            with open_record(database) as rec:
                rec.add_goal(code, text)
        console.print("[green]" + tr("goal set") + "[/] " + tr("for {code}").format(code=code), highlight=False)

    @patient_app.command("erase", help=QT_TR_NOOP('Remove every row and file of a patient (the right to erasure) and say what was removed.'))
    def erase(code: str = typer.Argument(...), yes: bool = typer.Option(False, "--yes", help=QT_TR_NOOP("Do not ask for confirmation.")),
              database: Optional[str] = database_option()) -> None:
        with one_line_errors():
            with open_record(database) as rec:
                n = len(rec.sessions(code))
                if not yes and not typer.confirm(tr("erase patient {code}, %n session(s) and their files?", None, n).format(code=code)):
                    raise CliFailure(tr("nothing erased"))
                done = rec.erase(code)
        console.print("[green]" + tr("erased") + "[/] " + tr("patient {code}").format(code=code) + ": "
                      + ", ".join(_erased_rows(done.rows)), highlight=False)
        for path in done.removed:
            console.print("  " + tr("removed {path}").format(path=path), highlight=False)
        for path, why in done.kept:  # the record's reasons are English; the catalogue has them (KEPT_REASONS)
            err_console.print("  " + tr("not removed: {path} ({why})").format(path=path, why=tr(why)), highlight=False)


#: the reasons ``Record.erase`` gives for a file it leaves, for the catalogue (shown through tr)
KEPT_REASONS = (QT_TR_NOOP("imported file (yours, not made by OefenSense): delete it yourself"),
                QT_TR_NOOP("also the recording of another patient's session: not removed"),
                QT_TR_NOOP("also a document of another patient: not removed"))


def _erased_rows(rows: dict[str, int]) -> list[str]:
    """What ``erase`` removed, per table, in words ("3 sessies", "1 patiënt"; it read "1 patients",
    "9 session days" in Dutch too)."""
    words = {
        "sessions": lambda n: tr("%n session(s)", None, n),
        "session_days": lambda n: tr("%n session day(s)", None, n),
        "assessments": lambda n: tr("%n assessment(s)", None, n),
        "goals": lambda n: tr("%n goal(s)", None, n),
        "documents": lambda n: tr("%n report(s) and export(s)", None, n),
        "patients": lambda n: tr("%n patient(s)", None, n),
    }
    return [words[k](v) if k in words else f"{v} {k}" for k, v in rows.items()]


def print_progress(code: str, sessions: list, assessments: list, goals: list) -> None:
    """Rich tables: sessions, figures per session with the change, assessments, goals."""
    from rich.table import Table

    from ..record.measures import measure
    from ..record.progress import previous_results, shown_codes, trend
    from ..reports.text import Words, utc_offset
    from .fit_table import Col, FitTable, lines_width

    console.print("[bold]" + tr("patient {code}").format(code=code) + "[/]: " + tr("%n session(s)", None, len(sessions)), highlight=False)
    words = Words(cli_language())  # the report's words: "geïmporteerd bestand", not "imported"
    if not sessions:
        console.print(tr("no sessions yet: `oefensense analyze FILE --out OUT --patient CODE --start ...`"))
    else:
        why = {s.id: words.incomplete(s) for s in sessions}  # stored with the session: its figures may be short
        mark = {s.id: f" {words['incomplete_mark']}" if why[s.id] else "" for s in sessions}
        # the offset as the summary of `analyze` writes it: "(UTC+01:00)", it read "+0100"
        rows = [[f"{s.id}{mark[s.id]}", f"{s.start.local.strftime(SHOWN_DATE)} {s.start.local:%H:%M} ({utc_offset(s.start.local)})",
                 words.session_kind(s), words.assessment(s.assessment),
                 words.minutes(s.duration_s), ", ".join(words.placement(x["placement"]) for x in s.sensors)] for s in sessions]
        # every column at any width, the date and time together on one line (the offset may go
        # under them): rich narrowed all columns evenly and at 80 columns the start took three
        # lines, "29-12-2025 / 08:30 / (UTC+01:00)"
        when = len(f"{sessions[0].start.local.strftime(SHOWN_DATE)} 00:00")
        console.print(FitTable([Col("id", justify="left", no_wrap=True), Col(tr("start (local)"), justify="left", min_width=when, narrow_last=True),
                                Col(tr("kind"), justify="left"), Col(tr("assessment"), justify="left"),
                                Col(tr("duration"), justify="left", no_wrap=True), Col(tr("sensors"), justify="left")],
                               rows, keep=1, continued=tr("sessions (continued)"), header_style="bold"))
        by_code = trend(sessions)
        dates = [s.start.local.strftime(SHOWN_DATE) for s in sessions]
        # two on one day: which is which; a simulated session's column "(sim.)", as in the report's plots
        # (the sessions table above says "simulated" beside its id)
        heads = [(f"{d} #{s.id}" if dates.count(d) > 1 else d) + mark[s.id]
                 + (f" {words['simulated_mark']}" if words.simulated(s) else "") for d, s in zip(dates, sessions)]
        codes = shown_codes(by_code)
        # a figure no session has reads "–" throughout: left out, as the report's trend plots do,
        # and named once under the table
        empty = [c for c in codes if all(v is None for v in by_code[c])]
        rows = []
        for c in (c for c in codes if c not in empty):
            m = measure(c)
            values = by_code[c]
            # a share's change in percentage points ("-3,5 %-punt"; it read "-3,5 %", as if relative)
            change = _change_cell(values, m.higher_is_better, m.change_unit(cli_language()), m.digits)
            name = m.label(cli_language())
            rows.append([f"{name} ({m.unit_in(cli_language())})" if m.display_unit else name,
                         *["–" if v is None else num(v, m.digits) for v in values], change])
        # a column per session: at 80 columns five sessions cut their dates ("02-03-2…") and more
        # dropped whole columns; FitTable wraps, closes gaps, then splits, repeating the figure and
        # keeping the newest session beside its change (the change stood alone in a part)
        # split in parts, the change may stand apart from the session before the newest: its head
        # then says what it is against
        # every name in at most two lines: narrowed to its longest word, a name took three or four
        # ("Trunk bent over / 60° (share of / measured time) (%)" at 100 columns); the table
        # splits into more parts instead
        cols = [Col(tr("figure"), justify="left", min_width=lines_width([r[0] for r in rows], 2)),
                *(Col(h, justify="left") for h in heads),
                Col(tr("change"), justify="left", split_head=tr("change since previous"))]
        console.print(FitTable(cols, rows, keep=1, together=2,
                               continued=tr("progress (per session, continued)"), header_style="bold",
                               title=tr("progress (per session)"), title_justify="left"))
        if empty:
            console.print(tr("no value yet:"), highlight=False)
            console.print(_no_value_list(sessions, empty, console.width))
        for s in sessions:  # under the figures, after the mark that points here
            for reason in why[s.id]:
                console.print(f"[yellow]{words['incomplete_mark']} " + tr("warning:") + "[/] "
                              + tr("session {id}: the figures may be incomplete: {why}").format(id=s.id, why=reason), highlight=False)
    if assessments:
        at = Table(tr("date"), tr("assessment"), tr("results"), header_style="bold", title=tr("assessments"), title_justify="left")
        # each result beside the previous one of the same kind, as `assess --patient` and the
        # therapist report compare it (the list gave none)
        for a, prev in zip(assessments, previous_results(assessments)):
            at.add_row(a.performed.astimezone().strftime(SHOWN_DATE), _assessment_kind(a.kind, words),  # local date, stored UTC
                       sep().join(_result_text(k, v) + (f" ({tr('previous')} {_result_text(k, prev[k], bare=True)})"
                                                        if k in prev else "") for k, v in a.results.items()))
        console.print(at)
    for g in goals:
        console.print(tr("goal ({date}): {text}").format(date=g.set_utc.astimezone().strftime(SHOWN_DATE), text=g.text), highlight=False)


# one date form for every date `patient show` prints (sessions, progress columns, assessments,
# goals): they were "2026-03-02" beside "02-03-2026" on one screen
SHOWN_DATE = "%d-%m-%Y"

#: why a figure has no value yet (``record.progress.unknown_reason``), for the catalogue
UNKNOWN_REASONS = {"no_valid_day": QT_TR_NOOP("no valid day: worn too short"),
                   "not_counted": QT_TR_NOOP("stored before stand-ups were counted"),
                   "no_lifts": QT_TR_NOOP("no lifts"),
                   "technique_undetermined": QT_TR_NOOP("every lift too slow to tell the technique")}


def _no_value_list(sessions: list, codes: list[str], width: int) -> Any:
    """The figures without a value in any session, one per line under "no value yet:", each with
    the reason the data gives ("  • Sitting per valid day (no valid day: worn too short)"), in the
    table's order. A name and its reason that do not fit in ``width`` columns (characters) put the
    reason on the next line, under the name; a name is never broken. Until 4 Dec 2026 this was one
    line that wrapped at the terminal's edge, splitting names ("Opstaan per / geldige dag")."""
    from rich.cells import cell_len
    from rich.table import Table

    from ..record.measures import measure
    from ..record.progress import unknown_reason

    bullet = "  •"
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)  # the bullet
    grid.add_column()  # the figure and its reason
    for c in codes:
        name = measure(c).label(cli_language())
        why = unknown_reason(sessions, c)
        reason = f"({tr(UNKNOWN_REASONS[why])})" if why else ""
        fits = not reason or cell_len(f"{bullet} {name} {reason}") <= width
        grid.add_row(bullet, f"{name} {reason}".strip() if fits else f"{name}\n{reason}")
    return grid


def _default_kind(rec: Any, code: str) -> str:  # rec: record.Record, imported lazily
    """The kind of an assessment given without ``--kind``: "intake" for a patient without one; a
    patient with an intake gets a CliFailure that asks for ``--kind`` (the default filed every
    re-test as a second intake, silently: review, 5 Dec 2026)."""
    require_patient(rec, code)
    intakes = [a for a in rec.assessments(code) if a.kind == "intake"]
    if intakes:
        raise CliFailure(tr("patient {code} already has an intake ({date}): give --kind for this assessment "
                            "(e.g. --kind re-test; --kind intake for a second intake)").format(
            code=code, date=intakes[-1].performed.astimezone().strftime(SHOWN_DATE)))
    return "intake"


def _assessment_kind(kind: str, words: Words) -> str:
    """A stored assessment's name: a guided test by its name ("Timed Up and Go"), the assessment
    a session was analysed for as the sessions table names it ("opstaan uit zit": it read
    "sit_to_stand"), a therapist's own kind ("intake", "re-test") as typed."""
    from ..reports.text import ASSESSMENTS
    from .assess_words import TEST_NAMES, test_name

    if kind in TEST_NAMES:
        return test_name(kind, tr)
    return words.assessment(kind) if kind in ASSESSMENTS else kind


def _result_text(code: str, value: float | None, bare: bool = False) -> str:
    """One stored result in words, "name: value" as `assess` and the report print it: "Timed Up
    and Go: 12,8 s", "Pijn, numerieke schaal 0-10: 6" (it read "... 0-10 6", a range); an unknown
    code as stored. ``bare``: the value alone ("12,8 s", the previous one beside it)."""
    from ..record.measures import measure

    try:
        m = measure(code)
    except (KeyError, ValueError):
        return _fmt(value) if bare else f"{code}: {_fmt(value)}"
    # a stored figure outside the plausible range (a record written before it was checked) is
    # shown as `assess` shows such a figure now: "not scored", not as a result to compare with
    text = ("–" if value is None else tr("not scored") if not m.allows(value)
            else f"{num(value, m.digits_for(value))} {m.unit_in(cli_language())}".replace(" °", "°").strip())
    return text if bare else f"{m.label(cli_language())}: {text}"


def _change_cell(values: list, higher_is_better: bool | None, unit: str, digits: int = 1) -> str:
    """The change from the session before the newest to the newest (the report's key figures
    compare the same two), "–" when either has no value, with the figure's decimals ("+96"
    lifts, as the report's key figures: it read "+96,0"). Until 5 Dec 2026 it was the change
    between the last two sessions with a value: a newest session without a valid day read "–"
    beside "0,0 h/d", the change of the two weeks before it, where the report said "–"."""
    from ..record.progress import shown_change

    known = values[-2:]
    if len(known) < 2 or None in known:
        return "–"
    # between the values as shown, as the report's Change.delta: "-0,0 h/d" in red read as a
    # worsening, and "9,4  9,4  +0,1 %-punt" contradicted itself
    d = shown_change(known[-1], known[-2], digits)
    text = f"{num(d, digits, sign=d != 0)} {unit}".strip()
    if d == 0 or higher_is_better is None:
        return text
    return f"[green]{text}[/]" if (d > 0) == higher_is_better else f"[red]{text}[/]"
