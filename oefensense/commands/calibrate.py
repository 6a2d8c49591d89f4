"""``oefensense calibrate``: walk a therapist through the guided calibration.

The procedure logic lives in ``oefensense.calibration`` (UI-free state machines); this command
only feeds samples, shows the prompt of the current step and a progress bar, and saves one JSON
profile per sensor. Sources: recorded files (``--sensor PLACEMENT=FILE``, e.g. a procedure
recorded earlier) or a simulated person who follows the prompts (``--simulate``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable, Iterator, Optional

import typer

from .common import CliFailure, console, one_line_errors, parse_sensor_option
from .lang import QT_TR_NOOP, cli_language, language_option, num, tr

# The procedure's hints (oefensense.calibration keeps English codes; the terminal shows them translated)
HINTS = (QT_TR_NOOP("hold still"), QT_TR_NOOP("stand fully upright"), QT_TR_NOOP("hold the position still"),
         QT_TR_NOOP("bend further forward"), QT_TR_NOOP("sit down"), QT_TR_NOOP("choose an orientation not used yet"),
         QT_TR_NOOP("next orientation"))
# the placements in the header line ("Kalibratie van trunk, pelvis, thigh" under --language nl)
PLACEMENTS = {"trunk": QT_TR_NOOP("trunk"), "pelvis": QT_TR_NOOP("pelvis"), "thigh": QT_TR_NOOP("thigh")}


def _simulated_items(seed: int):
    """A simulated person (random sensor mountings) doing the procedure, in 50 ms packets."""
    from ..sim import Lift, Sit, Stand, simulate

    sim = simulate(
        [Stand(4.0), Lift("stoop", trunk_flexion_deg=60.0, hold_s=2.0, rest_s=2.5), Sit(3.0)],
        rate_hz=100.0,
        mounting="random",
        seed=seed,
    )
    infos = list(sim.infos.values())

    def items() -> Iterator:
        n = len(sim.t_ns)
        for i in range(0, n, 5):
            for b in sim.blocks.values():
                yield b.slice(i, i + 5)

    return infos, items(), sim


def _file_items(sensors: dict[str, str]):
    from ..io.csv_import import read_csv
    from ..sources.files import recording_items

    recs = [read_csv(path, placement=pl) for pl, path in sensors.items()]
    items = (it for it in recording_items(recs, chunk_s=0.05) if not hasattr(it, "placement"))
    return [r.info for r in recs], items


def run_procedure(proc, items: Iterable, speed: float = 0.0, lang: str = "en", show: bool = True):
    """Feed ``items`` (SampleBlocks) to ``proc`` and show prompts + a progress bar (rich).
    ``speed`` > 0 paces the blocks in real time × speed (for simulated or replayed input)."""
    from rich.progress import BarColumn, Progress, TextColumn

    status = proc.status
    t_first = None
    wall0 = time.monotonic()
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                  console=console, disable=not show, transient=False) as bar:
        task = bar.add_task(status.prompt(lang), total=1.0)
        last_step = status.step
        for block in items:
            if speed > 0:
                t0 = int(block.t_ns[0])
                t_first = t0 if t_first is None else t_first
                wait = (t0 - t_first) / 1e9 / speed - (time.monotonic() - wall0)
                if wait > 0:
                    time.sleep(wait)
            status = proc.feed(block)
            if status.step != last_step:
                last_step = status.step
            desc = status.prompt(lang) + (f"  [yellow]({tr(status.hint, language=lang)})[/]" if status.hint else "")
            bar.update(task, completed=status.overall_progress, description=desc)
            if status.done:
                break
    return status


def register(app: typer.Typer) -> None:
    @app.command(short_help=QT_TR_NOOP('Guided calibration (about 10 s): stand still, bend forward, stand again (sit, with a thigh sensor). Saves gyro bias and sensor-to-segment alignment per sensor.'))
    def calibrate(
        sensor: list[str] = typer.Option([], "--sensor", help=QT_TR_NOOP("Recorded procedure: PLACEMENT=FILE (repeat per sensor).")),
        simulate_: bool = typer.Option(False, "--simulate", help=QT_TR_NOOP("Calibrate a simulated person who follows the prompts.")),
        seed: int = typer.Option(0, "--seed", help=QT_TR_NOOP("Seed of the simulated person (sensor mountings, noise).")),
        out: Path = typer.Option(Path("calibration_profiles"), "--out", "-o", help=QT_TR_NOOP("Folder for the JSON profiles (one per sensor).")),
        speed: float = typer.Option(0.0, "--speed", help=QT_TR_NOOP("Pace input at this multiple of real time (0 = as fast as possible).")),
        language: Optional[str] = language_option(QT_TR_NOOP("Prompt language: en or nl (default: --language before the command, else the locale).")),
        created: str = typer.Option("", "--created", help=QT_TR_NOOP("Timestamp text stored in the profiles.")),
    ) -> None:
        """Guided calibration (about 10 s): stand still, bend forward, stand again (sit, with a
        thigh sensor). Saves gyro bias and sensor-to-segment alignment per sensor."""
        from ..calibration import AlignmentProcedure, ProfileStore
        from ..core.types import Placement

        with one_line_errors():
            if simulate_ == bool(sensor):
                raise CliFailure(tr("give either --simulate or --sensor PLACEMENT=FILE"))
            truth = None
            if simulate_:
                infos, items, truth = _simulated_items(seed)
            else:
                infos, items = _file_items(parse_sensor_option(sensor))
            proc = AlignmentProcedure(infos)
            console.print("[bold]" + tr("Calibration of {sensors}").format(
                sensors=", ".join(tr(PLACEMENTS[i.placement.value]) if i.placement.value in PLACEMENTS else i.placement.value
                                  for i in infos)) + "[/]")
            status = run_procedure(proc, items, speed=speed, lang=cli_language(language))
            if status.step.value != "done":
                raise CliFailure(status.error or tr("the recording ended during step '{step}'").format(step=status.step.value))
            store = ProfileStore(out)
            for sid, prof in proc.result(created=created).items():
                path = store.put(prof)
                q = prof.quality.get("alignment_quality", 0.0)
                console.print("[green]" + tr("saved") + f"[/] {path}  " + tr("alignment quality {quality}, gyro bias {bias} deg/s").format(
                    quality=num(q, 2), bias="; ".join(num(b, 2, sign=True) for b in prof.gyro_bias_dps)))
                if truth is not None:
                    import numpy as np

                    from ..orientation import Alignment

                    pl = Placement(proc.sensors[sid].placement)
                    d = Alignment.from_dict(prof.alignment).rotation @ truth.mountings[pl].T
                    err = float(np.degrees(np.arccos(np.clip((np.trace(d) - 1) / 2, -1, 1))))
                    console.print("      (" + tr("simulated truth: alignment error {error} deg").format(error=num(err, 2)) + ")")
