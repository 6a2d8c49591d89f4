"""A simulated device's replay delivers the recording up to its end, also from a device that
fills frames before it sends them (Polar: up to 71 samples a frame), and sends no made-up
samples after it beyond the replay's last step."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.core.types import NS_PER_S
from oefensense.pipeline.decoding import SensorDecoder
from oefensense.sources.simulated import bundled_recording, simulated_device_items


@pytest.mark.parametrize("resample", ["linear", "bandlimited"])
@pytest.mark.parametrize("family_id", ["polar", "metawear"])
def test_replay_reaches_the_recordings_end(family_id: str, resample: str) -> None:
    rec = bundled_recording()
    items = list(simulated_device_items(rec, family_id, resample=resample))
    info = items[0]
    dec = SensorDecoder(info)
    blocks = [b for p in items[1:] if (b := dec.process(p)) is not None and len(b)]
    last = dec.link_lost()
    blocks += [last] if last is not None and len(last) else []
    n = sum(len(b) for b in blocks)
    recorded_s = (rec.block.t_ns[-1] - rec.block.t_ns[0]) / NS_PER_S
    # device samples k / rate for k = 0.. up to the replay's last step (0.1 s past the end):
    # every recorded moment was sent (a Polar's last frame was held back: 239.0 s of 240), and
    # nothing more than that step of held values
    expected = int(np.floor((recorded_s + 0.1) * info.nominal_rate_hz + 1e-9)) + 1
    assert n == expected, (n, expected)
