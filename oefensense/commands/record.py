"""``oefensense record``: stream 1–4 sensors into a crash-safe session, with a live status line.

Real sensors: ``--device ADDRESS[=placement]`` (repeat). Simulated: ``--simulate FAMILY[:CSV][=placement]``
over the fake Bleak backend, ``--speed`` × real time, ``--inject-dropout FAMILY:AT_S:FOR_S``.
Bleak runs on the engine thread; this thread only prints. Ctrl-C and SIGTERM stop cleanly
(devices are stopped and disconnected, the session is flushed, closed and compacted); when that
cannot finish, the command says so and exits non-zero.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Optional

import typer

from .common import CliFailure, console, err_console, one_line_errors, sensor_error_text
from .lang import QT_TR_NOOP, cli_language, num, placement_word, sep, tr
from .link_status import status_text
from .patient import database_option
from .registration import Registration, assessment_option, patient_option


def register(app: typer.Typer) -> None:
    @app.command(help=QT_TR_NOOP("Record live (or simulated) sensors into a session directory."))
    def record(
        out: Path = typer.Option(..., "--out", "-o", help=QT_TR_NOOP("New session directory.")),
        device: list[str] = typer.Option([], "--device", "-d", help=QT_TR_NOOP("ADDRESS[=placement] (or ADDRESS@family=placement).")),
        simulate: list[str] = typer.Option([], "--simulate", help=QT_TR_NOOP("FAMILY[:CSV][=placement]: a simulated sensor.")),
        duration: float = typer.Option(None, "--duration", help=QT_TR_NOOP("Stop S seconds (session time) after every sensor delivered its first data.")),
        rate: float = typer.Option(None, "--rate", help=QT_TR_NOOP("Sample rate in Hz (nearest supported).")),
        speed: float = typer.Option(1.0, "--speed", help=QT_TR_NOOP("Simulation only: run this many times faster than real time.")),
        inject_dropout: list[str] = typer.Option([], "--inject-dropout", help=QT_TR_NOOP("Simulation only: FAMILY:AT_S:FOR_S.")),
        status_every: float = typer.Option(1.0, "--status-every", help=QT_TR_NOOP("Seconds (real) between status lines.")),
        analysis: bool = typer.Option(True, "--analysis/--no-analysis",
                                      help=QT_TR_NOOP("Run the analysis stages live (else record packets and samples only).")),
        keep_device_ids: bool = typer.Option(False, "--keep-device-ids",
                                             help=QT_TR_NOOP("Store device addresses and serials as they are (default: salted hashes).")),
        feedback: Optional[Path] = typer.Option(None, "--feedback",
                                                help=QT_TR_NOOP("A feedback plan (TOML): cue the wearer live (docs/feedback.md).")),
        patient: Optional[str] = patient_option(),
        assessment: str = assessment_option(),
        database: Optional[str] = database_option(),
    ) -> None:
        from ..ble.live import live_source, simulated_source
        from ..ble.source import SensorUnavailableError
        from ..runtime import EngineThread, StopAbandoned, StopSignals
        from ..session import BackgroundSessionWriter as SessionWriter  # file work off the engine thread
        from ..sinks import RecorderSink

        with one_line_errors():
            if bool(device) == bool(simulate):
                raise CliFailure(tr("give either --device (real sensors) or --simulate (simulated ones)"))
            if (speed != 1.0 or inject_dropout) and not simulate:
                raise CliFailure(tr("--speed and --inject-dropout only apply to --simulate"))
            from ..demo import LIVE_ANALYSIS_DIR

            if patient is not None and not analysis:
                raise CliFailure(tr("--patient registers the live analysis: leave out --no-analysis"))
            _check_arguments(device, simulate, inject_dropout, rate, duration, speed, status_every)
            plan = None
            if feedback is not None:
                if not analysis:
                    raise CliFailure(tr("--feedback needs the live analysis: leave out --no-analysis"))
                from ..analysis.feedback_plan import load_plan

                plan = load_plan(feedback)
            reg = Registration.prepare(patient, database, None, assessment, [out / LIVE_ANALYSIS_DIR], has_clock=True)
            created = not out.exists()
            meta = {"source": "simulated" if simulate else "ble",
                    "devices": list(simulate) or _device_args(device, keep_device_ids)}
            if patient is not None:  # the recording says whose it is (`analyze --patient` checks it)
                meta["patient"] = patient
            if simulate:
                meta.update(speed=speed, inject_dropout=list(inject_dropout))
                imports = _check_simulated_csvs(simulate)  # before anything is created: errors are one line
                if imports:
                    meta["csv_import"] = imports
            writer = SessionWriter(out, meta=meta, keep_device_ids=keep_device_ids)
            if duration is not None:  # once the folder exists (a folder that cannot be written is its own error)
                _warn_if_disk_too_small(out, len(device) or len(simulate), rate or 100.0, duration)

            sim_devices: list = []
            cues = None

            def factory():  # noqa: ANN202 - called on the engine thread
                if simulate:
                    src, devs = simulated_source(simulate, speed=speed, duration_s=duration,
                                                 dropouts=inject_dropout, rate_hz=rate)
                    sim_devices[:] = list(zip(src.sensors, devs))
                else:
                    src = live_source(device, duration_s=duration, rate_hz=rate)
                if cues is not None:
                    cues.source = src
                return src

            settings = None
            if not analysis:
                from ..pipeline import PipelineSettings

                settings = PipelineSettings(stages=())
            elif plan is not None:
                from ..pipeline import PipelineSettings

                settings = PipelineSettings(stage_settings=plan.stage_settings())
                writer.update_manifest(feedback_plan=plan.to_dict())
            sinks: list = [RecorderSink(writer, settings)]
            if reg is not None:  # the live run's own results, with angles for the report
                from ..io.outputs import AnalysisWriter

                sinks.append(AnalysisWriter(out / LIVE_ANALYSIS_DIR, angles=True))
            if plan is not None:
                from ..ble.cues import CueDelivery
                from ..live.computer_cue import ComputerCue

                # the desktop notification in the command's language (it was Dutch under --language en)
                cues = CueDelivery(sinks, plan, fallback=ComputerCue(lang=cli_language()))
                sinks = [cues]
            if simulate:  # the simulated devices' own logs of the commands they received
                from ..ble.simulated import firmware_logs
                from ..sinks import ManifestNoteSink

                sinks.insert(0, ManifestNoteSink(writer, "simulated_devices",
                                                 lambda: _private_logs(firmware_logs(sim_devices), keep_device_ids)))
            engine = EngineThread(factory, settings, sinks).start()
            with StopSignals() as signals:
                try:
                    shown = _watch(engine, signals, status_every)
                    if signals.requested.is_set():
                        err_console.print(f"{signals.name}: " + tr("stopping (stop streams, disconnect, flush, close)…"))
                    stopped = engine.stop(timeout=_STOP_TIMEOUT_S)
                except StopAbandoned as exc:
                    raise CliFailure(f"{exc}: " + _abandoned_message(writer.abandon(), out)) from None
            if not stopped:
                raise CliFailure(tr("the recording did not stop within {seconds} s; {out} was NOT closed (data up to the "
                                    "last flush is on disk: run `oefensense repair {out}`)").format(seconds=f"{_STOP_TIMEOUT_S:g}", out=out))
            if engine.error is not None:
                if created and _nothing_recorded(out):  # leave no empty session that blocks this --out
                    import shutil

                    shutil.rmtree(out, ignore_errors=True)
                    if not isinstance(engine.error, SensorUnavailableError):
                        raise CliFailure(tr("recording failed before any data: {error}").format(error=engine.error))
                    raise CliFailure(tr("recording failed: {error}; nothing was recorded, {out} was removed").format(
                        error=sensor_error_text(engine.error), out=out))
                if _disk_full(engine.error):  # a week on a laptop can fill it: say so, and what to do
                    raise CliFailure(tr("the disk holding {out} is full: the recording stopped there; what was written "
                                        "before is kept. Free space, then run `oefensense repair {out}`").format(out=out))
                # a sensor that joined but never streamed: its sentence and advice in the CLI's language too
                error = sensor_error_text(engine.error) if isinstance(engine.error, SensorUnavailableError) else engine.error
                raise CliFailure(tr("recording failed: {error}; check `oefensense info {out}`").format(error=error, out=out))
            _check_closed(out)
            stats = engine.stats()
            _check_samples(stats, out, created)
        final = [status_text(snap) for snap in stats.values()]
        if final != shown:  # the last periodic lines may already be the final ones: not twice
            for line in final:
                console.print(line, highlight=False)
        samples = sum(int(getattr(snap, "samples", 0)) for snap in stats.values())
        console.print("[green]" + tr("recorded") + f"[/] {out}/ (" + tr("%n sensor(s)", None, len(stats)) + ", "
                      + tr("%n samples; closed and compacted", None, samples) + ")", highlight=False)
        spans = _recorded_spans(out)  # --duration counts from when every sensor delivered data
        console.print(tr("data per sensor, first to last sample: {spans}").format(
            spans=sep().join(f"{placement_word(sid)} {_length(spans[sid])}" for sid in stats if sid in spans)), highlight=False)
        if reg is not None:
            with one_line_errors():
                reg.register(out / LIVE_ANALYSIS_DIR, kind="live", source=out.resolve(), source_owned=True, session_dir=out)


_STOP_TIMEOUT_S = 30.0


def _check_arguments(device: list[str], simulate: list[str], dropouts: list[str], rate: float | None,
                     duration: float | None, speed: float, status_every: float) -> None:
    """Everything the engine thread would refuse, refused here, before a session directory exists."""
    import math

    from ..ble.live import parse_device, parse_dropout
    from ..ble.simulated import SimSpec
    from ..core.types import Placement
    from ..protocols.registry import device_variant

    for name, value in (("--rate", rate), ("--duration", duration), ("--speed", speed),
                        ("--status-every", status_every)):
        if value is not None and not (math.isfinite(value) and value > 0):
            raise CliFailure(tr("{option} must be a positive number, got {value}").format(option=name, value=f"{value:g}"))
    for text in device:
        parse_device(text)
    for text in simulate:
        spec = SimSpec.parse(text)
        device_variant(spec.family)  # ValueError naming the known families
        if spec.placement:
            Placement.parse(spec.placement)
    for text in dropouts:
        parse_dropout(text)


def _private_logs(logs: dict[str, dict], keep_device_ids: bool) -> dict[str, dict]:
    """The simulated devices' logs for the manifest, each device name's serial hashed as the
    sensors' are (``Polar Sense dev-…``) unless ``--keep-device-ids``: until 5 Dec 2026 the
    manifest kept "Polar Sense 0A1B2C3D" here beside the hashed name in ``sensors``."""
    if keep_device_ids:
        return logs
    from ..session.privacy import installation_salt, private_text

    salt = installation_salt()
    return {k: {**v, "name": private_text(str(v.get("name", "")), salt)} for k, v in logs.items()}


def _device_args(device: list[str], keep: bool) -> list[str]:
    """``--device`` values for the manifest: addresses as salted hashes unless kept."""
    if keep:
        return list(device)
    from ..session.privacy import installation_salt, private_device_arg

    salt = installation_salt()
    return [private_device_arg(d, salt) for d in device]


# Disk use of a recording per sample and sensor, measured on a simulated Polar (acc + gyro, 104
# Hz, 3 Dec 2026): 47 B in the sample segments + 12 B of raw packets while recording, 43 B once
# compacted, and compaction writes the compacted copy before it removes the segments.
RECORDING_BYTES_PER_SAMPLE = 47 + 12 + 43


def _warn_if_disk_too_small(out: Path, sensors: int, rate_hz: float, duration_s: float) -> None:
    """Say before a long recording starts when the disk holding ``out`` has less room than it
    needs (about ``RECORDING_BYTES_PER_SAMPLE`` per sample and sensor): a full disk stops it."""
    import shutil

    folder = next((p for p in (out, *out.parents) if p.exists()), Path("."))
    free = shutil.disk_usage(folder).free
    need = sensors * rate_hz * duration_s * RECORDING_BYTES_PER_SAMPLE
    if free < need:
        err_console.print("[yellow]" + tr("warning:") + "[/] " + tr(
            "the disk holding {out} has {free} MB free; {length} of %n sensor(s) at {rate} Hz needs about "
            "{need} MB: it will stop when the disk is full. Free space or record to another disk", None, sensors).format(
            out=out, free=num(free / 1e6, 0), need=num(need / 1e6, 0),
            length=tr("{n} h").format(n=num(duration_s / 3600, 1)) if duration_s >= 3600 else f"{num(duration_s / 60, 0)} min",
            rate=num(rate_hz, 0)), highlight=False)


def _disk_full(exc: BaseException | None) -> bool:
    """True when ``exc`` or an error it was raised from is "no space left on device" (ENOSPC)."""
    import errno

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _nothing_recorded(out: Path) -> bool:
    """True when the session at ``out`` holds no sample: no sensor joined, or those that joined
    connected and stayed silent (their packets are the replies to the start commands, no data);
    also when it cannot be read."""
    from ..session import SessionError
    from ..session.info import session_info
    from ..session.manifest import read_manifest

    try:
        if not read_manifest(out).get("sensors"):
            return True
        return not any(s["samples"] for s in session_info(out)["sensors"])
    except SessionError:
        return True


def _check_simulated_csvs(specs: list[str]) -> dict[str, dict]:
    """The plausibility report of each CSV a simulated sensor plays back (``FAMILY:CSV``), for
    the manifest (``info`` shows what the import dropped); a bad file fails here, at once."""
    from ..ble.simulated import SimSpec
    from ..io.csv_import import read_csv

    out: dict[str, dict] = {}
    for text in specs:
        spec = SimSpec.parse(text)
        if spec.csv:
            out[Path(spec.csv).name] = read_csv(Path(spec.csv)).report.to_dict()
    return out


def _watch(engine: "EngineThread", signals: "StopSignals", status_every: float) -> list[str]:  # noqa: F821
    """Print link status until the source ends or a stop signal arrives; returns the lines last
    left on the screen (none on a terminal: its live display is cleared for the final lines)."""
    from ..core.jit import compiling

    def waiting() -> bool:
        return engine.running and not signals.requested.is_set()

    if console.is_terminal:  # one line per sensor, updated in place
        from rich.live import Live
        from rich.spinner import Spinner
        from rich.text import Text

        spinner = Spinner("dots", Text(tr(PREPARING)))  # one: a new one each update starts its frames again

        def view() -> Any:
            # a cold kernel cache compiles for ~45 s before session time zero: say so, with a
            # spinner (it read "connecting…" all that time, as if the sensors did not answer)
            if compiling():
                return spinner
            return Text("\n".join(status_text(s) for s in engine.stats().values()) or tr("connecting…"))

        with Live(view(), console=console, refresh_per_second=4, transient=True) as live:
            while waiting():
                engine.join(min(status_every, 0.25))
                live.update(view())
        return []
    shown: list[str] = []
    next_print = time.monotonic() + status_every
    told = False
    while waiting():
        engine.join(min(status_every, 0.25))  # wake often: a stop request is acted on quickly
        if not told and compiling():  # once, into a log or pipe
            told = True
            console.print(tr(PREPARING), highlight=False)
        if time.monotonic() >= next_print and waiting():
            next_print += status_every
            snaps = list(engine.stats().values())
            if snaps and all(snap.state in _ENDED for snap in snaps):
                continue  # the streams ended: the final lines follow once the session is closed
            shown = [status_text(snap) for snap in snaps]
            for line in shown:
                console.print(line, highlight=False)
    return shown


#: shown while the analysis' compiled parts are made on first use (a cold cache), before recording starts
PREPARING = QT_TR_NOOP("Preparing the analysis for first use (about a minute)…")
_ENDED = ("stopped", "failed")  # link states after which a sensor's status line no longer changes


def _check_samples(stats: dict, out: Path, created: bool) -> None:
    """A recording without a single sample is an error, not "0 samples; closed"; sensors that
    delivered nothing beside others that did are named in a warning (the session holds the others).

    ``stats``: sensor id -> the engine's ``LinkSnapshot`` after the stop."""
    silent = [sid for sid, snap in stats.items() if int(getattr(snap, "samples", 0)) == 0]
    if stats and len(silent) < len(stats):
        if silent:
            err_console.print("[yellow]" + tr("warning:") + "[/] " + tr(
                "no sample arrived from {sensors}: the session holds the other sensors only").format(
                sensors=", ".join(silent)), highlight=False)
        return
    names = ", ".join(silent) or "-"
    if created and not any(int(getattr(snap, "packets", 0)) for snap in stats.values()):
        import shutil  # an empty session would only block this --out

        shutil.rmtree(out, ignore_errors=True)
        raise CliFailure(tr("nothing was recorded: no sample arrived from {sensors} before the recording stopped; "
                            "{out} was removed").format(sensors=names, out=out))
    raise CliFailure(tr("nothing was recorded: no sample arrived from {sensors} before the recording stopped; "
                        "{out} holds no samples (see `oefensense info {out}`)").format(sensors=names, out=out))


def _recorded_spans(out: Path) -> dict[str, float]:
    """Seconds from each sensor's first to its last recorded sample (session clock), as
    ``oefensense info`` gives them."""
    from ..session.info import session_info

    return {s["sensor_id"]: s["end_s"] - s["start_s"] for s in session_info(out)["sensors"] if s["samples"]}


def _length(seconds: float) -> str:
    """A recording's length in words: seconds up to 2 min, then minutes, from 2 h hours."""
    if seconds >= 7200:
        return tr("{n} h").format(n=num(seconds / 3600, 1))
    if seconds >= 120:
        return f"{num(seconds / 60, 1)} min"
    return f"{num(seconds, 1)} s"


def _check_closed(out: Path) -> None:
    """The session must be closed and compacted, else the stop did not finish its work."""
    from ..session.manifest import read_manifest

    m = read_manifest(out)
    if not (m.get("closed") and m.get("compacted")):
        raise CliFailure(tr("{out} was not closed and compacted; run `oefensense repair {out}`").format(out=out))


def _abandoned_message(state: str, out: Path) -> str:
    """What an abandoned stop left, in words: ``state`` is :meth:`SessionWriter.abandon`'s answer."""
    if state == "closed":
        return tr("stop abandoned after {out} was closed; its compaction may be unfinished: run "
                  "`oefensense repair {out}`").format(out=out)
    if state == "unknown":
        return tr("stop abandoned while {out} was being closed; it may NOT be closed (data up to the last flush is "
                  "on disk: run `oefensense repair {out}`)").format(out=out)
    return tr("stop abandoned; {out} was NOT closed (data up to the last flush is on "
              "disk: run `oefensense repair {out}`)").format(out=out)
