"""A replay's memory does not grow with the length of the recording (the product's rule): the
dashboard's replay held every pipeline output in a list (157 MiB for a 10-minute two-sensor
recording, tracemalloc after load; 86 MiB with a 2-minute one) and a copy of its state for every
minute. Outputs and checkpoints now go to private files on disk, a chunk at a time."""

from __future__ import annotations

import gc
import stat
import tracemalloc

from oefensense.live import LiveSettings
from oefensense.live.output_store import OutputStore
from oefensense.live.replay import CollectSink, ReplayModel
from oefensense.live.synthetic import synthetic_outputs, synthetic_sensors

NAMES = ("unknown", "lying", "sitting", "standing", "walking")


def _replay_retained(seconds: float) -> tuple[int, ReplayModel]:
    """Bytes still allocated after collecting ``seconds`` of three 200-Hz sensors' outputs for
    replay, playing to the end and scrubbing back and forth (the model kept alive)."""
    sensors = synthetic_sensors(3)
    gc.collect()
    tracemalloc.start()
    sink = CollectSink()
    for out in synthetic_outputs(seconds, sensors, chunk_s=0.5):
        sink.on_output(out)
    sink.close()
    model = ReplayModel(sink.outputs, sensors, LiveSettings(), NAMES, checkpoint_s=10.0)
    for fraction in (1.0, 0.2, 0.9, 0.5):
        model.seek_fraction(fraction)
        model.snapshot()
    del sink
    gc.collect()
    retained = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return retained, model


def test_replay_memory_does_not_grow_with_the_recording():
    short, model_short = _replay_retained(60.0)
    long, model_long = _replay_retained(240.0)
    assert model_long.duration_s > 3.5 * model_short.duration_s
    # four times the recording: before, ~4x the memory (every output held); now the same bound
    assert long < short + 2 * 2**20, (short / 2**20, long / 2**20)
    assert model_long.snapshot().elapsed_s > 100.0  # and it still replays (scrubbed to the middle)


def test_the_spilled_outputs_are_private_and_removed():
    sensors = synthetic_sensors(1)
    sink = CollectSink(outputs=OutputStore(chunk_s=5.0))
    for out in synthetic_outputs(30.0, sensors, chunk_s=0.5):
        sink.on_output(out)
    sink.close()
    model = ReplayModel(sink.outputs, sensors, LiveSettings(), NAMES, checkpoint_s=10.0)
    model.seek_fraction(1.0)
    model.seek_fraction(0.1)
    directory = sink.outputs._dir
    files = sorted(directory.iterdir())
    assert len([f for f in files if f.name.startswith("chunk")]) >= 5  # 30 s in 5-s chunks
    assert any(f.name.startswith("state") for f in files)  # the checkpoints too
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)  # a patient's data
    assert sum(1 for _ in sink.outputs) == len(sink.outputs) == 60  # read back whole, one per 0.5 s
    sink.outputs.close()
    assert not directory.exists()
