"""``oefensense assess TEST``: a guided standard test, scored from the worn sensors.

Sources: a recording (``RECORDING.csv [--placement P]`` or ``--sensor P=FILE``), simulated
wearables running the simulator's scripted test (``--simulate FAMILY=placement``), or live
sensors (``--device ADDRESS=placement``). Live and simulated runs show the instructions, a
countdown and the live count; the start and stop are found in the signal. ``--json`` prints the
result as one JSON object; ``--patient CODE`` stores it in the record (docs/assessments.md).
Exit status: 0 scored, 3 not scored (:class:`~.common.NotScored`), 1 an error.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Optional

import typer

from . import assess_words
from .common import CliFailure, NotScored, console, err_console, one_line_errors, parse_sensor_option
from .gait_speed_text import gait_speed_sentences
from .lang import QT_TR_NOOP, cli_language, language_option, num, sep, tr
from .patient import database_option

# the description with the exit statuses (docs/assessments.md, "Exit status"); a help= text, not
# the docstring, so the catalogue has it (help_words)
ASSESS_HELP = QT_TR_NOOP("Run a guided standard test (live, simulated or on a recording) and score it.\n\n"
                         "Exit status: 0 scored (what could not be measured is flagged); 3 not scored: the test was "
                         "analysed but gave no figure, or one outside the plausible range (what was found is shown, "
                         "the reason is one line on stderr, nothing is stored); 1 an error (a bad option or file, a "
                         "sensor that failed, no complete test within --timeout).")
TEST_HELP = QT_TR_NOOP("chair-stand-30s, five-times-sit-to-stand, tug, trunk-rom or walk-test.")


def register(app: typer.Typer) -> None:
    @app.command(short_help=QT_TR_NOOP("Run a guided standard test (live, simulated or on a recording) and score it."),
                 help=ASSESS_HELP)
    def assess(
        test: str = typer.Argument(..., help=TEST_HELP),
        recording: list[Path] = typer.Argument(None, help=QT_TR_NOOP("Recording(s) of the test (CSV; one per sensor).")),
        placement: Optional[str] = typer.Option(None, "--placement", help=QT_TR_NOOP("Placement of a single CSV (else from NAME.PLACEMENT.csv).")),
        sensor: list[str] = typer.Option([], "--sensor", help=QT_TR_NOOP("One multi-sensor recording: PLACEMENT=FILE (repeat).")),
        simulate: list[str] = typer.Option([], "--simulate", help=QT_TR_NOOP("FAMILY=placement: a simulated wearable doing the scripted test (repeat).")),
        device: list[str] = typer.Option([], "--device", "-d", help=QT_TR_NOOP("ADDRESS=placement: a real sensor (repeat).")),
        speed: float = typer.Option(1.0, "--speed", help=QT_TR_NOOP("Simulation: this many times faster than real time.")),
        movement_speed: float = typer.Option(1.0, "--movement-speed", help=QT_TR_NOOP("Simulation: the person's movements this many times slower (2 = frail).")),
        seed: int = typer.Option(0, "--seed", help=QT_TR_NOOP("Simulation: sensor mountings and noise.")),
        minutes: float = typer.Option(2.0, "--minutes", help=QT_TR_NOOP("walk-test: 2 or 6 minutes.")),
        leg_length_m: Optional[float] = typer.Option(None, "--leg-length-m", help=QT_TR_NOOP("walk-test: floor to lower-back sensor (m), for step length and gait speed.")),
        reps: Optional[int] = typer.Option(None, "--reps", help=QT_TR_NOOP("trunk-rom: repetitions per direction (best of N; default 3).")),
        language: Optional[str] = language_option(QT_TR_NOOP("Language of the instructions and the result: en or nl (default: --language before the command, else the locale).")),
        countdown: float = typer.Option(3.0, "--countdown", help=QT_TR_NOOP("Live/simulated: seconds of countdown before 'go'.")),
        timeout: float = typer.Option(600.0, "--timeout", help=QT_TR_NOOP("Live: give up after this many seconds.")),
        as_json: bool = typer.Option(False, "--json", help=QT_TR_NOOP("Print the result as one JSON object.")),
        patient: Optional[str] = typer.Option(None, "--patient", help=QT_TR_NOOP("Store the result for this patient code.")),
        age: Optional[int] = typer.Option(None, "--age", help=QT_TR_NOOP("Patient's age in years (for reference values; stored with the result).")),
        sex: Optional[str] = typer.Option(None, "--sex", help=QT_TR_NOOP("f or m (for reference values split by sex).")),
        date: Optional[str] = typer.Option(None, "--date", help=QT_TR_NOOP("When the test was done (ISO 8601; default now).")),
        database: Optional[str] = database_option(),
    ) -> None:
        """Run a guided standard test (live, simulated or on a recording) and score it."""
        from ..assessments import TESTS, RunContext
        from ..assessments.base import WordedError
        from . import assess_run as run

        language = cli_language(language)
        with one_line_errors():
            if test not in TESTS:
                raise CliFailure(tr("unknown test {test!r}; choose {tests}").format(test=test, tests=tr(TEST_HELP)))
            sources = sum(bool(x) for x in (recording or sensor, simulate, device))
            if sources != 1:
                raise CliFailure(tr("give a recording (or --sensor), --simulate or --device: exactly one"))
            if sex is not None and sex not in ("f", "m"):
                raise CliFailure(tr("--sex takes f or m"))
            if age is not None and not 18 <= age <= 110:
                raise CliFailure(tr("--age {age}: expected 18-110 years").format(age=age))
            # the options by their own names: a negative countdown was waited as 0 s, a zero speed divided by 0
            from ..core.limits import SECONDS, Range, check_value

            faster = Range("ratio", low=0, low_open=True)
            for name, value, allowed in (("--countdown", countdown, SECONDS), ("--speed", speed, faster),
                                         ("--movement-speed", movement_speed, faster),
                                         ("--timeout", timeout, Range("s", low=0, low_open=True)),
                                         ("--reps", reps, Range("count", low=1, whole=True, none=True))):
                check_value("", name, value, allowed)
            options = run.test_options(test, minutes, leg_length_m, reps)
            try:  # validates the options now, said in the command's language
                tester = TESTS[test](**{k: v for k, v in options.items() if v is not None})
            except WordedError as exc:
                raise CliFailure(exc.text(tr, language)) from None
            if patient is not None:
                from .patient import open_record, require_patient

                with open_record(database) as rec:
                    require_patient(rec, patient)
                    rec.check_writable()  # before the test, not when its result is to be stored
            if recording or sensor:
                files = parse_sensor_option(sensor) if sensor else [str(p) for p in recording]
                frame, gaps = run.recording_of(files, placement)  # the holes in the files, as a live run's
                result = tester.analyse(frame, RunContext(gaps_s=gaps))
                source = "recording"
            else:
                try:
                    result, source = _guided(test, options, simulate, device, speed, movement_speed, seed,
                                             language, countdown, timeout, quiet=as_json)
                except run.RunInputError as exc:  # sensors given wrong, no data: in the command's language
                    raise CliFailure(exc.text(tr)) from None
            # not scored (nothing measured, or a figure the record would refuse): what was found
            # (phases, flags; --json: the object without figures) is shown, then one worded line
            # on stderr and exit 3 (NotScored), before anything is stored. It printed "nothing was
            # measured (see the flags)" without the flags, a 329.76-s TUG (a whole recording) as a
            # valid score, and until 5 Dec 2026 a TUG without its sit-down exited 0 without
            # --patient, so a script could not tell it from a scored one
            problems = run.implausible(result)
            refusal = (problems[0] if problems else None if result.measures else
                       WordedError(run.NOTHING_MEASURED if patient is not None else run.NOT_SCORED))
            if refusal is not None:
                if as_json:
                    print(json.dumps((run.without_figures(result) if problems else result).to_json(), ensure_ascii=False))
                else:
                    _print_result(result, None, None, language, scored=not problems)
                raise NotScored(refusal.text(tr, language))
            stored = previous = ref = None
            if patient is not None:
                from ..record.register import performed_at

                try:
                    stored, previous, ref = run.store_result(database, patient, result, performed_at(date), age, sex, source)
                except WordedError as exc:
                    raise CliFailure(exc.text(tr, language)) from None
            elif age is not None:
                ref = run.reference(test, age, sex, run.score(result))
        if as_json:
            out = result.to_json()
            if ref is not None:
                out["reference"] = ref.to_json()
            if stored is not None:
                out["stored"] = {"patient": patient, "assessment_id": stored.id}
                out["previous"] = None if previous is None else {"date": previous.performed.isoformat(timespec="seconds"),
                                                                 **previous.results}
            print(json.dumps(out, ensure_ascii=False))
        else:
            _print_result(result, ref, previous, language)
            if stored is not None:
                console.print("[green]" + tr("stored") + "[/] " + tr("as assessment {id} for {patient}").format(id=stored.id, patient=patient), highlight=False)


def _guided(test, options, simulate, device, speed, movement_speed, seed, language, countdown, timeout,
            quiet):  # noqa: ANN001, ANN202
    """Live or simulated: instructions, countdown, live count, automatic stop; returns the
    final result and its source name."""
    from ..assessments.instructions import COUNTDOWN, instructions
    from .assess_run import GuidedRun

    say = (lambda *_: None) if quiet else (lambda text: console.print(text, highlight=False))
    run = GuidedRun(test, options, simulate=simulate, devices=device, speed=speed, movement_speed=movement_speed,
                    seed=seed)  # checks its options before a word of instruction is said
    for line in instructions(test, language):
        say(f"  {line}")
    run.start()
    t_start = time.monotonic()
    try:
        # the countdown waits for the sensors to stream: a sensor the scan does not find fails
        # here (up to 10 s), before "go" is said to the patient
        if device:
            say(tr("connecting…"))
        while not run.streaming:
            run.raise_if_failed()
            if run.engine is not None and not run.engine.running:
                break  # ended without data: finish() says so
            if device and time.monotonic() - t_start > timeout:
                run.finish()
                raise CliFailure(tr("no complete test within {seconds} s: stopped, nothing scored").format(seconds=f"{timeout:.0f}"))
            time.sleep(0.05)
        steps = COUNTDOWN[language]
        for text in steps:  # the countdown runs while the sensor chain settles
            say(f"[bold]{text}[/]")
            time.sleep(countdown / len(steps) / (speed if simulate else 1.0))
            run.raise_if_failed()
        run.go()
        last, shown_s = "", 0.0
        while not run.finished:
            time.sleep(0.5)
            result = run.poll()
            if result is not None:
                shown_s = max(shown_s, _live_s(result))  # phase ends are revised: the clock never runs back
                line = _live_line(result, shown_s)
                if line != last:
                    say(line)
                    last = line
            if device and time.monotonic() - t_start > timeout:
                run.finish()
                raise CliFailure(tr("no complete test within {seconds} s: stopped, nothing scored").format(seconds=f"{timeout:.0f}"))
    except KeyboardInterrupt:
        err_console.print(tr("stopping…"))
    return run.finish(), run.source


def _live_s(result) -> float:  # noqa: ANN001
    """Seconds into the test the result reaches (the latest phase end; the walk test, which has
    no phases, its time so far: its ticker said "0 s" all test long)."""
    if result.test == "walk-test" and result.time_s is not None:
        return float(result.time_s)
    return max((p.end_s for p in result.phases), default=0.0)


def _live_line(result, t: float) -> str:  # noqa: ANN001
    """One ticker line at ``t`` s into the test."""
    if result.start_s is None:
        return tr("waiting for the first movement…")
    if result.test == "walk-test":
        return f"{t:5.0f} s  " + tr("steps {n}").format(n=result.values.get('steps', 0))
    if result.test == "trunk-rom":
        # the direction being measured (they come in protocol order) and its best so far: all of
        # them did not fit 80 columns; the table after the test has every direction
        done = [(k, v) for k, v in (result.values.get("rom_deg") or {}).items() if v]
        return f"{t:5.0f} s  " + (f"{assess_words.direction_name(done[-1][0], tr)} {done[-1][1]:.0f}°" if done else "")
    if result.test == "tug":
        return f"{num(t):>5} s  {assess_words.phase_name(result.phases[-1].name, tr) if result.phases else ''}"
    return f"{num(t):>5} s  " + tr("stands {n}").format(n=result.reps or 0)


def _print_result(result, ref, previous, language: str, scored: bool = True) -> None:  # noqa: ANN001
    """The result as a therapist reads it; ``scored=False`` (an implausible figure): what was
    found (phases, flags) without the figures, the headline "not scored"."""
    from rich.table import Table

    from ..record.measures import measure

    not_scored = tr("not scored")
    if not scored:
        from .assess_run import without_figures

        result = without_figures(result)
    head = {"chair-stand-30s": tr("%n stands in 30 s", None, result.reps) if result.reps is not None else not_scored,
            "five-times-sit-to-stand": f"{num(result.time_s)} s" if result.time_s is not None else not_scored,
            "tug": f"{num(result.time_s)} s" if result.time_s is not None else not_scored}.get(result.test, "")
    console.print(f"[bold]{assess_words.test_name(result.test, tr)}[/]" + (f": {head}" if head else ""), highlight=False)
    # when the previous result was done, on this machine's clock as the panel's Previous cell
    # shows it; under the table, not in each cell: "not scored  (02-11-2026 09:00)" in the cell
    # made the 5xSTS row wider than 80 columns (its label wrapped)
    compared = previous is not None and any(code in previous.results for code in result.measures)
    when = previous.performed.astimezone().strftime("%d-%m-%Y %H:%M") if compared else None
    table = Table(tr("measure"), tr("now"), tr("previous"), header_style="bold",
                  caption=None if when is None else f"{tr('previous')}: {when}", caption_justify="left",
                  caption_style="none")
    for code, value in result.measures.items():
        m = measure(code)
        prev = previous.results.get(code) if previous is not None else None
        # a stored figure outside the plausible range (a record written before it was checked) is
        # no result to compare with: "not scored", as a new one is
        table.add_row(m.label(language), f"{num(value, m.digits)} {m.unit_in(language)}".replace(" °", "°"),
                      "–" if prev is None else not_scored if not m.allows(prev) else f"{num(prev, m.digits)} {m.unit_in(language)}".replace(" °", "°"))
    if result.measures:
        console.print(table)
    if result.values.get("time_to_fifth_sit_s") is not None:  # the protocols that stop seated (docs/assessments.md)
        console.print(f"{tr(assess_words.FIFTH_SIT)}: {num(result.values['time_to_fifth_sit_s'])} s", highlight=False)
    if result.phases and result.test != "trunk-rom":
        # each phase whole on a line: wrapped by words it read "teruglopen 6,5-9,3" / "s; draaien 2"
        console.print(_entry_grid(tr("phases:"), [f"{assess_words.phase_name(p.name, tr)} {num(p.start_s)}-{num(p.end_s)} s"
                                                  for p in result.phases], sep()), highlight=False)
    if ref is not None:
        rng = f"{assess_words.reference_span(ref.low, ref.high, num)} {assess_words.unit_text(ref.unit, tr)}"
        console.print(tr("reference ({ages} y{sex}): {range}: {verdict}").format(
            ages=ref.age_band, sex=", " + tr(assess_words.SEXES.get(ref.sex, ref.sex)) if ref.sex else "", range=rng, verdict=assess_words.verdict_text(ref.verdict, tr)) + f"  [{ref.source_text(language)}]", highlight=False)
    if result.values.get("gait_speed_error"):
        for sentence in gait_speed_sentences(result.values["gait_speed_error"], tr, num):
            console.print(sentence, highlight=False)
    truth = result.values.get("simulated_truth")
    if truth:
        console.print(tr("simulator truth:") + " " + sep().join(f"{assess_words.truth_name(k, tr)} {assess_words.plain_number(v, num)}" for k, v in truth.items()),
                      highlight=False)
    if result.flags:
        err_console.print(_flag_grid(result.flags), highlight=False)


def _entry_grid(head: str, entries: list[str], joiner: str):  # noqa: ANN202 - rich Table
    """``head`` and the ``entries`` joined by ``joiner``, the lines broken between entries only
    (an entry wider than the line still wraps), under each other with a hanging indent."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    room = max(20, console.width - cell_len(head) - 1)
    lines: list[str] = []
    for i, entry in enumerate(entries):
        piece = entry + (joiner.rstrip() if i < len(entries) - 1 else "")
        if lines and cell_len(lines[-1] + " " + piece) <= room:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(Text(head), Text("\n".join(lines)))
    return grid


def _flag_grid(flags):  # noqa: ANN001, ANN202 - rich Table
    """The flags as a two-column grid: "flag <code>:" and its sentence, which wraps with a hanging
    indent under its own text. Printed as one line each, a flag wrapped mid-sentence at the
    terminal's edge and its next line started at column 0, under "flag"."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)  # the code stays whole (scripts grep for it)
    grid.add_column()  # no ratio: a ratio stretches the grid and pads every line to the edge
    for f in flags:  # the sentence in the command's language
        grid.add_row(Text.assemble((tr("flag"), "yellow"), f" {f.code}:"),
                     Text(f"{assess_words.flag_text(f.code, tr)} ({f.text(tr, cli_language())})"))
    return grid

