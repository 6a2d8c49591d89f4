"""Session-time error of simulated live sensors, and the packet delay it comes from.

    python -m benchmarks.probe_live_timing [SPEED:SECONDS ...]   # default 20:60 5:60 1:20

Per run (``bench_live``'s four simulated sensors, two Polar Verity Sense and two MetaWear at
200 Hz, through the real engine thread and decoders): each sensor's median session-time error
against the simulation's truth over the last 20 % (``time_error_ms_median``, ms), the samples per
batch, and the smallest and median arrival minus device time of a batch's newest sample (ms; drift
< 100 ppm ignored; meaningful as a delay for the Polars, whose clock starts at session zero: the
MetaWears count samples from their stream's start, so theirs includes that start). A delay that is the same for every
packet (a device holding a frame back) is invisible to the timebase, which maps device time by
the lower envelope of exactly this difference: the error then equals the smallest delay.
"""

from __future__ import annotations

import sys

import numpy as np

from benchmarks import bench_live
from oefensense.pipeline import timebase


def run(speed: float, stream_s: float) -> dict:
    """One ``bench_live`` stream at ``speed``× for ``stream_s`` s of stream, its maps traced."""
    traced: dict[int, list[tuple[int, int, int]]] = {}
    original = timebase.Timebase.map

    def map_traced(self, t, host):  # noqa: ANN001, ANN202
        out = original(self, t, host)
        if len(t):
            traced.setdefault(id(self), []).append((int(t[-1]), len(t), int(host)))
        return out

    timebase.Timebase.map = map_traced  # type: ignore[method-assign]
    try:
        res = bench_live._stream(stream_s, speed)
    finally:
        timebase.Timebase.map = original  # type: ignore[method-assign]
    delays = []
    for rows in traced.values():  # in the order the sensors were first mapped
        a = np.array(rows, dtype=np.float64)
        d = (a[:, 2] - a[:, 0]) / 1e6
        delays.append({"samples_per_batch_median": float(np.median(a[:, 1])),
                       "delay_ms_min": round(float(d.min()), 2), "delay_ms_median": round(float(np.median(d)), 2)})
    errors = {k.removeprefix("time_error_ms_median_"): v for k, v in res.items() if k.startswith("time_error_ms_median_")}
    return {"speed_x": speed, "stream_s": stream_s, "effective_speed_x": res["effective_speed_x"],
            "time_error_ms_median": errors, "batches_by_first_mapped": delays}


def main(argv: list[str]) -> None:
    for arg in argv or ["20:60", "5:60", "1:20"]:
        speed, _, seconds = arg.partition(":")
        print(run(float(speed), float(seconds or 60)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
