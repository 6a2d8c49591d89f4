"""A session's first flush imports nothing: whatever pyarrow loads on first use (pandas, on the
first conversion of a Python list) is loaded when the writer opens, before any data, not inside
the first flush, where a recorder keeps queueing and a kill would lose more than one interval."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import sys, tempfile
import numpy as np
from oefensense.core.types import Event, Placement, RawPacket, SampleBlock, SensorInfo
from oefensense.session import SessionWriter
w = SessionWriter(tempfile.mkdtemp() + "/s")
w.add_sensor(SensorInfo("trunk", Placement.TRUNK, "simulated", 100.0))
acc = np.zeros((100, 3))
w.write_samples(SampleBlock("trunk", np.arange(100, dtype=np.int64) * 10_000_000, acc, acc))
w.write_packets([RawPacket("trunk", 0, "uuid-acc", bytes(20))])
w.write_events([Event("marker", 0, 0, {"note": "x"})])
before = set(sys.modules)
w.flush()
print(" ".join(sorted(set(sys.modules) - before)))
w.close(compact=False)
"""


def test_the_first_flush_imports_nothing() -> None:
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "", f"imported inside the first flush: {out.stdout.strip()[:300]}"
