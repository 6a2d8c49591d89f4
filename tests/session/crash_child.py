"""Child process for the SIGKILL test: records a deterministic session in real time until killed.

Usage: python crash_child.py SESSION_DIR FLUSH_INTERVAL_S ROTATE_S [background]
Every 10 ms it writes one 100 Hz sample per sensor (sample i at t = i * 10 ms, acc = (i, -i, 0.5 i))
and one raw packet, then prints ``i`` and the seconds since its start (line-buffered) so the
parent knows what was offered when.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from oefensense.core.types import Event, Placement, RawPacket, SampleBlock, SensorInfo
from oefensense.session import BackgroundSessionWriter, SessionWriter

PERIOD_NS = 10_000_000


def main() -> None:
    path, flush_s, rotate_s = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    background = len(sys.argv) > 4 and sys.argv[4] == "background"
    cls = BackgroundSessionWriter if background else SessionWriter
    w = cls(path, flush_interval_s=flush_s, rotate_s=rotate_s)
    w.add_sensor(SensorInfo("trunk", Placement.TRUNK, "simulated", 100.0))
    w.add_sensor(SensorInfo("pelvis", Placement.PELVIS, "simulated", 100.0))
    w.write_events([Event("marker", 0, 0, {"note": "start"})])
    start = time.monotonic()
    i = 0
    while True:
        t = np.array([i * PERIOD_NS], dtype=np.int64)
        acc = np.array([[i, -i, 0.5 * i]], dtype=np.float64)
        for sid in ("trunk", "pelvis"):
            w.write_samples(SampleBlock(sid, t, acc, acc * 2.0))
        w.write_packets([RawPacket("trunk", int(t[0]), "uuid-acc", i.to_bytes(4, "little") * 5)])
        print(i, f"{time.monotonic() - start:.4f}", flush=True)
        i += 1
        delay = start + i * 0.01 - time.monotonic()
        if delay > 0:
            time.sleep(delay)


if __name__ == "__main__":
    main()
