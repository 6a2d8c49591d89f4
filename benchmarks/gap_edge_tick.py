"""Does the grid tick on the last real sample before a hole cost a 5×STS result? (rel-9, 5 Dec 2026)

``python -m benchmarks.gap_edge_tick`` (about 5 min). The synchroniser marks a tick invalid when
the sample interval it lies in is longer than ``SyncSettings.max_gap_s``; a tick exactly on the
last sample before a hole lies on that interval's first end (``_grid_index``: the sample at or
before it, then the next one after the hole), so the real sample there is lost (the tick after
the hole, on its first sample, is kept). On a file whose rows lie on the 50-Hz grid (HAPT) that is
one tick per hole. This slides 0.42 s of missing rows (21 rows, as tests/assessments/
test_gap_settling.py) every 0.25 s over the shipped HAPT 5×STS fixture and scores each with the
synchroniser as it is and with that tick kept (in this process only: ``_grid_index`` accepts a
tick on an interval's first end, and the ``valid`` column of such a tick is that sample's own,
not also the next sample's, which lies in the chain's settling after the hole). It prints per
variant how many placements give the time of the file without the hole within 0.5 s, further,
or no time, and on how many placements the two results differ. Nothing is chosen here; the
shipped synchroniser is not changed by it.
"""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

import numpy as np
from numba import njit

import oefensense.pipeline.synchroniser as sync
from oefensense.assessments import RunContext, make_test
from oefensense.commands.assess_run import recording_of

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "assessments" / "data" / "hapt_5xsts.waist.csv.gz"
HOLE_S = 0.4  # rows t .. t + 0.4 s removed: 21 rows at 50 Hz


@njit(cache=False, nogil=True)
def _grid_index_keep_edge(th, tt, ticks, max_gap_ns, i0, frac, ok):  # noqa: ANN001, ANN202
    """``synchroniser._grid_index`` with a tick on the first end of a long interval kept."""
    t = np.concatenate((th, tt))  # head and tail of the sensor's buffer
    last = len(t) - 2
    j = 0
    for r in range(ticks.shape[0]):
        x = ticks[r]
        if r == 0 or x < ticks[r - 1]:
            j = np.searchsorted(t, x, side="right")
        else:
            while j < len(t) and t[j] <= x:
                j += 1
        i = min(max(j - 1, 0), last)
        t0 = t[i]
        t1 = t[i + 1]
        good = x >= t0 and x <= t1 and ((t1 - t0) <= max_gap_ns or x == t0)
        i0[r] = i
        ok[r] = good
        frac[r] = (x - t0) / max(t1 - t0, 1) if good else 0.0


_SHIPPED = (sync._grid_index, sync._SensorBuffer.sample_at)


def _sample_at_keep_edge(self, ticks, max_gap_ns):  # noqa: ANN001, ANN202
    """``_SensorBuffer.sample_at`` whose ``valid`` on a tick that is a sample is that sample's."""
    out = _SHIPPED[1](self, ticks, max_gap_ns)
    t, cols = self.whole()  # head and tail together
    if len(t) >= 2 and "valid" in cols:
        i0 = np.clip(np.searchsorted(t, ticks, side="right") - 1, 0, len(t) - 2)
        on = ticks == t[i0]
        out["valid"] = np.where(on, cols["valid"][i0], out["valid"])
    return out


def _variant(keep_edge: bool) -> None:
    sync._grid_index, sync._SensorBuffer.sample_at = ((_grid_index_keep_edge, _sample_at_keep_edge) if keep_edge
                                                      else _SHIPPED)


def _score(path: Path) -> tuple:
    frame, gaps = recording_of([str(path)], "waist")
    res = make_test("five-times-sit-to-stand").analyse(frame, RunContext(gaps_s=gaps))
    return (res.reps, None if res.time_s is None else round(res.time_s, 2),
            tuple((p.name, round(p.start_s, 2), round(p.end_s, 2)) for p in res.phases), tuple(f.detail for f in res.flags))


def main() -> None:
    lines = gzip.open(FIXTURE, "rt").read().splitlines()
    _variant(False)
    whole = _score(FIXTURE)[1]
    counts = {v: {"within_0_5_s": 0, "further": 0, "no_time": 0} for v in ("shipped", "edge_kept")}
    differ = placements = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hole.waist.csv"
        for at in np.arange(1.0, 60.0, 0.25):
            kept = [ln for ln in lines[1:] if not at - 1e-6 <= float(ln.split(",")[0]) <= at + HOLE_S + 1e-6]
            path.write_text("\n".join([lines[0], *kept]) + "\n")
            got = {}
            for name, keep in (("shipped", False), ("edge_kept", True)):
                _variant(keep)
                got[name] = _score(path)
                t = got[name][1]
                counts[name]["no_time" if t is None else "within_0_5_s" if abs(t - whole) <= 0.5 else "further"] += 1
            placements += 1
            differ += got["shipped"] != got["edge_kept"]
    _variant(False)
    print(f"5xSTS of the fixture without a hole: {whole} s; {placements} placements of a {HOLE_S + 0.02:.2f}-s hole")
    for name, c in counts.items():
        print(f"{name:10s} within 0.5 s {c['within_0_5_s']:4d}  further {c['further']:4d}  no time {c['no_time']:4d}")
    print(f"placements whose result (reps, time, phases or flags) differs between the two: {differ}")


if __name__ == "__main__":
    main()
