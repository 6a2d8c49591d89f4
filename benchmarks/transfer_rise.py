"""A chair transfer's ``rise_m`` against the simulator's truth, and on the shipped HAPT 5×STS file.

``python -m benchmarks.transfer_rise``. Three readings of the same integrated height (nothing
fitted, nothing chosen here):

* **shipped**: ``Transfer.rise_m``, between the zig-zag extremes around the transfer;
* **edges**: the height at the transfer's end minus at its start;
* **settled**: the height where the body is next at rest after the transfer (else at the next
  transfer's start, else at its own end) minus where it was last at rest before it.

Truth: ``SimResult.truth["pelvis_height_m"]`` between the script's transfer start and end (the
pelvis sensor rises 0.467 m). The simulated body does not overshoot standing height, so the
simulator cannot show a rebound; HAPT has no height truth (its figures are printed to compare
the readings, not scored). HAPT fixture users 1-5 only (never the held-out 25-30).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from oefensense.assessments.signals import body_placement, lowpass, times_s
from oefensense.assessments.startup import recover_startup
from oefensense.assessments.transfers import TransferSettings, find_transfers, vertical_position
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate

HAPT_5XSTS = Path(__file__).resolve().parents[1] / "tests" / "assessments" / "data" / "hapt_5xsts.waist.csv.gz"
READINGS = ("shipped", "edges", "settled")


def readings(frame) -> list[tuple[object, float, float, float]]:  # noqa: ANN001
    """(transfer, shipped, edges, settled) for every transfer ``find_transfers`` finds (m)."""
    s = TransferSettings()
    placement = body_placement(frame)
    fr = recover_startup(frame, placement)  # as find_transfers does
    z, moving = vertical_position(fr, placement, s)
    z = lowpass(z, float(fr.rate_hz), s.lowpass_hz)
    t = times_s(fr)
    found = find_transfers(frame)
    idx = [(int(np.searchsorted(t, x.start_s)), int(np.searchsorted(t, x.end_s))) for x in found]
    out = []
    for k, (x, (i0, i1)) in enumerate(zip(found, idx)):
        lo = idx[k - 1][1] if k else 0
        hi = idx[k + 1][0] if k + 1 < len(idx) else len(z) - 1
        rest_before, rest_after = np.flatnonzero(~moving[lo : i0 + 1]), np.flatnonzero(~moving[i1 : hi + 1])
        z0 = z[lo + rest_before[-1]] if len(rest_before) else z[i0]
        z1 = z[i1 + rest_after[0]] if len(rest_after) else z[i1]
        out.append((x, x.rise_m, float(z[i1] - z[i0]), float(z1 - z0)))
    return out


def simulator_errors(tests=("five-times-sit-to-stand", "chair-stand-30s", "tug"), speeds=(1.0, 1.5, 2.0),
                     seeds=(0, 1, 2)) -> dict[tuple[str, float, str], np.ndarray]:
    """(test, speed, kind) -> (n, 3) errors (m) of the three readings against the truth."""
    res: dict[tuple[str, float, str], list] = {}
    for test in tests:
        for speed in speeds:
            for seed in seeds:
                sim = simulate(st.scripted_test(test, speed=speed), rate_hz=100.0, seed=seed, placements=(Placement.PELVIS,))
                ts = (sim.t_ns - sim.t_ns[0]) / 1e9
                height = sim.truth["pelvis_height_m"]
                truth = st.transfer_truth(sim, 0.0)
                for x, *r in readings(concat_frames(frames_from_sim(sim))):
                    same = [(a, b) for kind, a, b in truth if kind == x.kind and min(b, x.end_s) > max(a, x.start_s)]
                    if not same:  # a transfer the script does not have (scored elsewhere)
                        continue
                    a, b = max(same, key=lambda ab: min(ab[1], x.end_s) - max(ab[0], x.start_s))
                    true = float(np.interp(b, ts, height) - np.interp(a, ts, height))
                    res.setdefault((test, speed, x.kind), []).append([v - true for v in r])
    return {k: np.asarray(v) for k, v in res.items()}


def main() -> None:
    from oefensense.commands.assess_run import frames_of_recordings

    print("simulator: mean error / mean |error| (m) against the pelvis sensor's height change (0.467 m)")
    print(f"{'test':24s} {'speed':>5s} {'kind':8s} {'n':>3s}  " + "  ".join(f"{r:>15s}" for r in READINGS))
    for (test, speed, kind), e in sorted(simulator_errors().items()):
        print(f"{test:24s} {speed:5.1f} {kind:8s} {len(e):3d}  "
              + "  ".join(f"{e[:, c].mean():+.3f} / {np.abs(e[:, c]).mean():.3f}" for c in range(3)))
    print("HAPT 5xSTS fixture (users 1-5: a sit-down and a stand-up each; no height truth), m:")
    frame = frames_of_recordings([str(HAPT_5XSTS)], placement="waist")
    for x, *r in readings(frame):
        print(f"  {x.kind:8s} {x.start_s:6.2f}-{x.end_s:6.2f} s  " + "  ".join(f"{n} {v:+.3f}" for n, v in zip(READINGS, r)))


if __name__ == "__main__":
    main()
