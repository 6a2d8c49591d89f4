"""Non-wear with a sensor slower than the 50 Hz analysis grid (25 Hz, 12.5 Hz).

The grid repeats each raw sample of such a sensor (the non-wear stage reads the nearest raw
sample per tick); counting ticks instead of samples made white noise look like a worn sensor's
wander (ratio sqrt(2) at 25 Hz, above the run rule's 1.15): a 25 Hz sensor on a desk was reported
as lying. The same recordings at 50 Hz are the reference: the decisions must agree, and real
stillness at 25 Hz must still never be non-wear."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from oefensense.core.types import NS_PER_S, Placement, SampleBlock, SensorInfo
from oefensense.engine import Engine
from oefensense.io.csv_import import ImportedRecording, read_csv
from oefensense.io.outputs import AnalysisWriter
from oefensense.sim.wear import desk_block, mirror_tile, splice
from oefensense.sources import recording_items

HAPT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "hapt"


def decimated(block: SampleBlock, step: int) -> SampleBlock:
    """Every ``step``-th sample (a sensor set to a lower rate)."""
    return SampleBlock(block.sensor_id, block.t_ns[::step], block.acc_g[::step],
                       None if block.gyr_dps is None else block.gyr_dps[::step], None)


def non_wear_events(tmp: Path, rec, name: str) -> list[tuple[float, float]]:
    out = tmp / name
    Engine(sinks=[AnalysisWriter(out)]).run(recording_items([rec]))
    return [(e["t_s"], e["end_s"]) for e in map(json.loads, (out / "events.jsonl").read_text().splitlines())
            if e["type"] == "non_wear"]


@pytest.mark.skipif(not HAPT.exists(), reason="needs ../shared/data/hapt")
@pytest.mark.parametrize("rate", [50.0, 25.0, 12.5])
def test_a_desk_is_non_wear_and_real_stillness_is_not_at_any_sensor_rate(tmp_path, rate) -> None:
    """Real HAPT wear (50 Hz, decimated to ``rate``), 20 min of a person lying still (mirror-tiled
    real lying), then 20 min on a desk at ``rate``: one non-wear period, where the desk was."""
    step = int(round(50.0 / rate))
    real = read_csv(HAPT / "user04_exp0.waist.csv.gz")
    lab = real.labels
    edges = np.flatnonzero(np.r_[True, lab[1:] != lab[:-1], True])
    _, a, b = max((e - s, s, e) for s, e in zip(edges[:-1], edges[1:]) if lab[s] == "lying")
    lying = mirror_tile(decimated(real.block.slice(a + 100, b - 100), step), 20 * 60, rate)
    desk = desk_block(20 * 60, rate, acc_noise_g=0.003, seed=4)
    block, spans = splice([decimated(real.block, step), lying, desk, decimated(real.block, step)], rate,
                          sensor_id="pelvis")
    rec = dataclasses.replace(real, info=dataclasses.replace(real.info, nominal_rate_hz=rate), block=block, labels=None)
    found = non_wear_events(tmp_path, rec, f"r{rate}")
    d0, d1 = (x / NS_PER_S for x in spans[2])
    assert len(found) == 1, found  # at 25 Hz: none before (the desk was "lying")
    (f0, f1), = found
    assert d0 <= f0 <= d0 + 60 and abs(f1 - d1) <= 1.0, (found, d0, d1)


def test_white_noise_scatters_as_samples_allow_not_ticks(tmp_path) -> None:
    """The same desk (quantised like a 12-bit accelerometer) at 100, 50, 26 and 25 Hz: the same
    non-wear, starting within one 16-s window of each other (no data needed)."""
    periods = {}
    for rate in (100.0, 50.0, 26.0, 25.0):
        desk = desk_block(15 * 60, rate, acc_noise_g=0.004, acc_step_g=0.0039, seed=7, sensor_id="pelvis")
        rec = ImportedRecording(SensorInfo("pelvis", Placement.PELVIS, nominal_rate_hz=rate), desk, None, Path("desk.csv"))
        periods[rate] = non_wear_events(tmp_path, rec, f"d{rate}")
    assert all(len(p) == 1 for p in periods.values()), periods
    starts = [p[0][0] for p in periods.values()]
    assert max(starts) - min(starts) <= 16.0, periods  # within one 16-s window
