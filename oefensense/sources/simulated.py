"""A recording streamed through a device family's simulated firmware: real device packets,
decoded later by the real decoder. Used by ``oefensense demo`` and in tests.

Host arrival times are device time plus a fixed link delay, so a simulated run is
deterministic and its recording replays to the same results.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ..core.types import NS_PER_S, Placement, RawPacket, SensorInfo
from ..io.csv_import import ImportedRecording, read_csv
from ..protocols import StreamConfig, UnsupportedConfig, device_variant, get_family

BUNDLED_RECORDING = "hapt_user01_exp0_0-240s.waist.csv.gz"
LINK_DELAY_NS = 20_000_000  # a typical BLE connection-interval delay (20 ms)


def bundled_recording() -> ImportedRecording:
    """The HAPT excerpt shipped with the package (CC BY 4.0, see oefensense/data/ATTRIBUTION.md)."""
    path = resources.files("oefensense.data") / BUNDLED_RECORDING
    with resources.as_file(path) as p:
        return read_csv(Path(p))


def simulated_device_items(
    recording: ImportedRecording,
    family_id: str = "polar",
    sensor_id: str | None = None,
    placement: Placement | None = None,
    rate_hz: float | None = None,
    step_s: float = 0.1,
    resample: str | None = None,
) -> Iterator[SensorInfo | RawPacket]:
    """SensorInfo, then the family's notifications for the whole recording, in arrival order.

    ``family_id`` is a family id or a device name such as ``metawear-r`` (``device_variant``):
    the simulated board answers the family's identification reads (MetaWear module info) and
    those replies come first, so the decoder learns the board the real way. ``resample``: how the
    firmware brings the recording to its rate (``RecordingSource``; None: the default)."""
    device = device_variant(family_id)
    family = get_family(device.family)
    block = recording.block
    rate = rate_hz or _nearest_rate(family.supported_rates_hz, recording.info.nominal_rate_hz)
    has_gyro = family.has_gyro and device.gyro and block.gyr_dps is not None
    config = StreamConfig(rate_hz=rate, gyro=has_gyro)
    # name "" = the family's default name (a name can select a variant, e.g. an H10 has no gyro)
    firmware = family.simulated_firmware(block.t_ns, block.acc_g, block.gyr_dps, name="", variant=device.variant,
                                        resample=resample)
    replies = [r for w in family.identify_commands(config) for r in firmware.handle_write(w.char_uuid, w.data)]
    resolved = family.resolve_config(config, replies)
    if resolved is None:
        raise UnsupportedConfig(f"{family.id}: the simulated device did not answer its identification")
    for write in family.start_commands(resolved):
        firmware.handle_write(write.char_uuid, write.data)
    sid = sensor_id or recording.info.sensor_id
    yield SensorInfo(
        sensor_id=sid,
        placement=placement or recording.info.placement,
        family=family.id,
        nominal_rate_hz=rate,
        firmware="simulated",
        has_gyro=has_gyro,
    )
    for uuid, payload in replies:  # the identification answers arrived first, at device time 0
        yield RawPacket(sid, LINK_DELAY_NS, uuid, bytes(payload))
    end_ns = int(block.t_ns[-1])
    step_ns = int(step_s * NS_PER_S)
    t = step_ns
    while t <= end_ns + step_ns:
        for device_t, uuid, payload in firmware.packets_until(t):
            yield RawPacket(sid, int(device_t) + LINK_DELAY_NS, uuid, bytes(payload))
        t += step_ns
    # what the device still holds (a frame being filled: a simulated Polar's last 0.8-1.0 s of the
    # recording were lost, its stream ended at 239.0 s of 240); not by running the clock on,
    # which sent the held last value as if measured, a still tail a walk "sat down" into
    for device_t, uuid, payload in firmware.flush():
        yield RawPacket(sid, int(device_t) + LINK_DELAY_NS, uuid, bytes(payload))


def merged_device_items(streams: list[Iterator[SensorInfo | RawPacket]]) -> Iterator[SensorInfo | RawPacket]:
    """Several simulated devices as one source: every SensorInfo first, then all packets in
    host arrival order (as one BLE adapter would deliver them)."""
    import heapq

    packet_streams = []
    for stream in streams:
        yield next(stream)  # each simulated stream starts with its SensorInfo
        packet_streams.append(stream)
    yield from heapq.merge(*packet_streams, key=lambda p: p.host_t_ns)


def _nearest_rate(supported: tuple[float, ...], wanted: float) -> float:
    if not supported:
        return wanted
    at_least = [r for r in supported if r >= wanted]
    return min(at_least) if at_least else max(supported)
