"""What a hole too long to bridge costs the 5×STS stand-ups next to it, against the truth (rel-11).

``python -m benchmarks.gap_neighbours`` (about 5 min). Two sweeps, nothing chosen:

* Simulator: a five-times sit-to-stand (seeds 0-2, rests of 0.2 s, the whole test one moving
  stretch, and 1.0 s), every sensor invalid for 2.4 s (a 0.4-s hole and the chain's 2.0-s
  settling after it, passed as a hole) slid every 0.25 s from 1 s before the first stand-up to
  1 s before the fifth ends. Per placement the stand-ups the gap does not overlap (the script's
  times) are "seen"; printed: placements that find exactly as many stand-ups as are seen,
  fewer, more, and how many seen stand-ups are found with both edges within 0.5 s of the script.
* HAPT: 0.42 s of rows missing (21 rows) from the shipped 5×STS fixture every 0.25 s (as
  ``benchmarks.gap_edge_tick``), scored as ``assess`` scores a file; the labelled stand-ups
  (``hapt_5xsts.truth.json``) that the hole and the 2-s settling after it do not overlap are
  "seen"; printed: times within 0.5 s of the labelled 46.64 s, further, none (and of those, how
  many had the gap over the first or fifth stand-up, where no time is right), and the seen
  stand-ups found within 0.5 s of their labels.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

import numpy as np

from oefensense.assessments import RunContext, make_test
from oefensense.commands.assess_run import recording_of
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate

from .bridge_gap import with_gap

DATA = Path(__file__).resolve().parents[1] / "tests" / "assessments" / "data"
SETTLE_S = 2.0  # ChainSettings.startup_s


def _found(res) -> list[tuple[float, float]]:  # noqa: ANN001
    if res.start_s is None:
        return []
    return [(p.start_s + res.start_s, p.end_s + res.start_s) for p in res.phases if p.name.startswith("stand_up")]


def _matched(found: list[tuple[float, float]], seen: list[tuple[float, float]]) -> int:
    return sum(any(abs(f[0] - u[0]) <= 0.5 and abs(f[1] - u[1]) <= 0.5 for f in found) for u in seen)


def simulator() -> dict[str, int]:
    test = make_test("five-times-sit-to-stand")
    out = dict(placements=0, as_many_as_seen=0, fewer=0, more=0, seen=0, found_at_script_times=0)
    for seed in (0, 1, 2):
        for pause in (0.2, 1.0):
            sim = simulate(st.chair_stand_script(5, pause_s=pause), rate_hz=100.0, seed=seed, placements=(Placement.PELVIS,))
            frame = concat_frames(frames_from_sim(sim))
            ups = [(a, b) for k, a, b in st.transfer_truth(sim, 0.0) if k == "stand_up"]
            for g0 in np.arange(ups[0][0] - 1.0, ups[-1][1] - 1.0, 0.25):
                g1 = g0 + 0.4 + SETTLE_S
                res = test.analyse(with_gap(frame, g0, g1), RunContext(gaps_s=((g0, g0 + 0.4),)))
                found = _found(res)
                seen = [u for u in ups if not (u[0] < g1 and u[1] > g0)]
                out["placements"] += 1
                out["as_many_as_seen" if len(found) == len(seen) else "fewer" if len(found) < len(seen) else "more"] += 1
                out["seen"] += len(seen)
                out["found_at_script_times"] += _matched(found, seen)
    return out


def hapt() -> dict[str, int]:
    truth = json.loads((DATA / "hapt_5xsts.truth.json").read_text())
    ups = [(x["start_s"], x["end_s"]) for x in truth if x["kind"] == "stand_up"]
    labelled = ups[4][1] - ups[0][0]
    lines = gzip.open(DATA / "hapt_5xsts.waist.csv.gz", "rt").read().splitlines()
    out = dict(placements=0, within_0_5_s=0, further=0, no_time=0, no_time_gap_at_first_or_fifth=0, seen=0,
               found_at_labels=0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hole.waist.csv"
        for at in np.arange(1.0, 60.0, 0.25):
            kept = [ln for ln in lines[1:] if not at - 1e-6 <= float(ln.split(",")[0]) <= at + 0.4 + 1e-6]
            path.write_text("\n".join([lines[0], *kept]) + "\n")
            frame, gaps = recording_of([str(path)], "waist")
            res = make_test("five-times-sit-to-stand").analyse(frame, RunContext(gaps_s=gaps))
            g0, g1 = at - 0.02, at + 0.42 + SETTLE_S
            out["placements"] += 1
            if res.time_s is None:
                out["no_time"] += 1
                out["no_time_gap_at_first_or_fifth"] += any(u[0] - 0.5 < g1 and u[1] + 0.5 > g0 for u in (ups[0], ups[4]))
            else:
                out["within_0_5_s" if abs(res.time_s - labelled) <= 0.5 else "further"] += 1
            seen = [u for u in ups if not (u[0] < g1 and u[1] > g0)]
            out["seen"] += len(seen)
            out["found_at_labels"] += _matched(_found(res), seen)
    return out


def main() -> None:
    print("simulator (script's times):", simulator())
    print("HAPT fixture (labels, 5xSTS 46.64 s):", hapt())


if __name__ == "__main__":
    main()
