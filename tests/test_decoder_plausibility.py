"""Issue 15 (decoders pass impossible values) through the whole pipeline: random bit flips in
every family's packets never put a sample outside the configured range on the session clock;
what the decoders drop becomes flagged gap events, recorded, counted by ``oefensense info``, and a
replay recomputes them the same."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from oefensense.core.types import Event, RawPacket
from oefensense.engine import Engine
from oefensense.pipeline.pipeline import Pipeline, PipelineSettings
from oefensense.protocols import families
from oefensense.sinks import RecorderSink
from oefensense.sources.replay import replay_items
from oefensense.sources.simulated import bundled_recording, simulated_device_items

DEVICES = list(families()) + ["metawear-r"]


def short_recording(seconds: float = 30.0):
    rec = bundled_recording()
    b = rec.block
    keep = b.t_ns < b.t_ns[0] + int(seconds * 1e9)
    block = dataclasses.replace(b, t_ns=b.t_ns[keep], acc_g=b.acc_g[keep],
                                gyr_dps=None if b.gyr_dps is None else b.gyr_dps[keep])
    return dataclasses.replace(rec, block=block)


def flipped(items, rate: float, seed: int):
    """The items with one random bit flipped in a fraction ``rate`` of the data packets."""
    rng = np.random.default_rng(seed)
    for it in items:
        if isinstance(it, RawPacket) and it.payload and rng.random() < rate:
            b = bytearray(it.payload)
            i = int(rng.integers(len(b) * 8))
            b[i // 8] ^= 1 << (i % 8)
            it = RawPacket(it.sensor_id, it.host_t_ns, it.char_uuid, bytes(b))
        yield it


@pytest.mark.parametrize("device", DEVICES)
def test_bit_flips_never_reach_the_pipeline_out_of_range(device):
    pipe = Pipeline(PipelineSettings(stages=()))
    samples, events = [], []
    for it in flipped(simulated_device_items(short_recording(), device), 0.3, seed=11):
        out = pipe.feed(it)
        samples += out.samples
        events += out.events
    out = pipe.finish()
    samples += out.samples
    events += out.events
    (sensor,) = pipe.front._decoders.values()
    lim = sensor._decoder.limits
    acc = np.concatenate([s.acc_g for s in samples])
    assert acc.shape[0] > 500 and np.all(np.abs(acc) <= lim.acc_g * (1 + 1e-9))
    gyr = [s.gyr_dps for s in samples if s.gyr_dps is not None]
    if gyr:
        assert np.all(np.abs(np.concatenate(gyr)) <= lim.gyr_dps * (1 + 1e-9))
    t = np.concatenate([s.t_ns for s in samples])
    assert np.all(np.diff(t) > 0)  # no sample placed out of order by a corrupt clock
    st = sensor.decoder_stats
    flagged = [e for e in events if e.type == "gap" and e.fields.get("origin") == "decoder" and "samples" in e.fields]
    for reason, stat in (("out_of_range", st.out_of_range), ("device_clock", st.clock_rejected)):
        assert sum(e.fields["samples"] for e in flagged if e.fields["reason"] == reason) == stat
        assert sensor.flagged_samples.get(reason, 0) == stat
    assert all(e.end_ns >= e.t_ns for e in flagged)


def test_flagged_gaps_are_recorded_counted_by_info_and_recomputed_by_replay(tmp_path):
    from oefensense.session import SessionWriter, session_info

    settings = PipelineSettings(stages=())
    writer = SessionWriter(tmp_path / "s", meta={"source": "test"})
    items = flipped(simulated_device_items(short_recording(), "movesense"), 0.3, seed=5)
    pipe = Engine(settings, [RecorderSink(writer, settings)]).run(items)
    st = pipe.decoder_stats()["pelvis"]
    assert st.out_of_range > 0
    info = session_info(tmp_path / "s")
    (s,) = info["sensors"]
    assert s["flagged_samples"].get("out_of_range") == st.out_of_range
    assert s["flagged_samples"].get("device_clock", 0) == st.clock_rejected
    from typer.testing import CliRunner

    from oefensense.cli import app

    shown = CliRunner().invoke(app, ["info", str(tmp_path / "s")])
    assert shown.exit_code == 0 and f"{st.out_of_range} impossible values" in " ".join(shown.output.split())  # words (7c54b19)
    replayed = Pipeline(settings)
    events: list[Event] = []
    fed = list(replay_items(tmp_path / "s"))
    assert not any(isinstance(x, Event) and x.fields.get("origin") == "decoder" for x in fed)
    for it in fed:
        events += replayed.feed(it).events
    events += replayed.finish().events
    assert replayed.decoder_stats()["pelvis"].out_of_range == st.out_of_range
    assert sum(e.fields.get("samples", 0) for e in events if e.fields.get("origin") == "decoder") \
        == st.out_of_range + st.clock_rejected
