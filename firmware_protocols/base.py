"""The seam every device family implements (bleak's backend idea, applied to device families).

A family is registered once (``register``) and found by id (``get_family("polar")``).
Adding a device = one folder + one ``register(...)`` call imported from ``registry.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np


class DecodeError(ValueError):
    """A packet could not be decoded (wrong length, unknown frame type, truncated block...).

    ``decoder.decode`` never raises on malformed input: it counts the packet in
    ``stats.dropped_packets`` / ``stats.errors``, keeps the DecodeError in ``last_error`` and
    returns ``[]``, so the stream goes on. ``decoder.decode_strict`` raises this (and only this).
    """


class UnsupportedConfig(ValueError):
    """A StreamConfig asks for something the device family cannot do (rate, range, gyro)."""


@dataclass(frozen=True, slots=True)
class StreamConfig:
    """What to stream: rates in Hz, ranges in g and deg/s (0 = device default)."""

    rate_hz: float = 100.0
    acc_range_g: float = 8.0
    gyr_range_dps: float = 2000.0
    gyro: bool = True
    mag: bool = False
    # Which variant of the family to talk to when commands differ between models, e.g. "h10"
    # (Polar H10: acc only), "bmi270" (MetaMotion S); "" = the family's default model.
    model: str = ""
    # Ask for on-board sensor fusion outputs (quaternion ...) where the family has them.
    fusion: bool = False


@dataclass(frozen=True, slots=True)
class DecodedBatch:
    """Samples decoded from one packet, in core units, on the *device* clock.

    ``t_device_ns`` int64 per-sample device time (from the frame timestamp, or counter × period);
    ``acc_g`` (n,3) g, ``gyr_dps`` (n,3) deg/s or None, ``mag_ut`` (n,3) µT or None,
    ``quat`` (n,4) w,x,y,z from on-board fusion or None. ``seq`` the packet sequence counter if the
    protocol has one. Families that stream acc and gyro on separate characteristics return
    batches with only the channel that packet carried (the other None); the pipeline pairs them.
    """

    t_device_ns: np.ndarray
    acc_g: np.ndarray | None = None
    gyr_dps: np.ndarray | None = None
    mag_ut: np.ndarray | None = None
    quat: np.ndarray | None = None
    seq: int | None = None
    # Other on-board outputs by documented key: "euler_deg" (n,3) heading/roll/pitch-style angles
    # as the family documents them, "lin_acc_g" (n,3), "gravity_g" (n,3).
    extra: dict[str, np.ndarray] | None = None


@dataclass(slots=True)
class DecoderStats:
    packets: int = 0
    samples: int = 0
    dropped_packets: int = 0  # malformed packets refused with DecodeError
    sequence_gaps: int = 0  # packets missing according to the sequence counter / timestamps
    clock_resets: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    missing_samples: int = 0  # estimated samples lost in the gaps (where the protocol tells)
    out_of_range: int = 0  # samples dropped: a value outside the configured range (impossible)
    clock_rejected: int = 0  # samples dropped: their device time contradicted the stream


@dataclass(frozen=True, slots=True)
class FlaggedDrop:
    """Samples a decoder decoded and then refused to pass on, for a flagged ``gap`` event.

    ``t_first_ns``/``t_last_ns`` device ns of the dropped samples; ``clock_ok`` False when the
    device time itself was the problem (then only the neighbouring good samples place the gap).
    ``reason``: "out_of_range" or "device_clock"; ``detail`` says what, for the event.
    """

    t_first_ns: int
    t_last_ns: int
    samples: int
    reason: str
    detail: str
    clock_ok: bool = True


@dataclass(frozen=True, slots=True)
class CommandResponse:
    """A device's answer to a control write, parsed by ``family.parse_response``.

    ``ok`` False for the device's own error codes (``code``/``message`` from its spec, e.g. Polar
    status 8 INVALID_SAMPLE_RATE). ``command`` is the opcode answered (-1 if not known).
    """

    ok: bool
    code: int
    message: str
    command: int = -1
    params: bytes = b""


class Decoder(Protocol):
    """Sans-I/O: bytes in, DecodedBatch out. Keeps state across packets (delta frames, counters).

    ``decode`` never raises: malformed packets are counted in ``stats`` and give ``[]``. Decoded
    samples outside the configured range, or whose device time contradicts the stream, are
    dropped, counted and listed by ``pop_flagged``. Feed it control-point notifications too (where ``notify_uuids`` lists them): some carry settings
    the data needs (Polar's FACTOR). ``decode_strict`` raises DecodeError instead.
    """

    stats: DecoderStats
    last_error: DecodeError | None  # the latest refusal
    responses: list[CommandResponse]  # command answers seen among the notifications

    def decode(self, char_uuid: str, payload: bytes) -> list[DecodedBatch]: ...

    def decode_strict(self, char_uuid: str, payload: bytes) -> list[DecodedBatch]: ...

    def flush(self) -> list[DecodedBatch]:
        """Samples still held back at the end of a stream or when the link was lost."""
        ...

    def pop_flagged(self) -> list[FlaggedDrop]:
        """Samples decoded but refused since the last call (value out of the configured range,
        or device time contradicting the stream): one flagged gap each, never passed on."""
        ...

    def reset(self) -> None: ...


@dataclass(frozen=True, slots=True)
class AdvertisementInfo:
    name: str
    service_uuids: tuple[str, ...] = ()
    manufacturer_data: dict[int, bytes] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class GattWrite:
    """One write the host must do (to start, stop, configure)."""

    char_uuid: str
    data: bytes
    response: bool = True


class SimulatedFirmware(Protocol):
    """A device in software: fed with real samples, speaks the device's bytes.

    ``handle_write`` answers control writes (start/stop/configure; errors such as an unsupported
    rate become the device's own error responses) and returns (char_uuid, payload) notifications
    to send back immediately. ``packets_until(t_ns)`` returns the data notifications the device
    would have sent by device time ``t_ns``, as (device_time_ns, char_uuid, payload), at the
    device's real packet cadence, only while streaming. The device clock starts at 0 ns.

    Also: ``name`` (advertised name), ``battery_percent`` (int 0..100, what the standard battery
    characteristic 0x2A19 reads), ``handle_read(char_uuid) -> bytes`` for readable
    characteristics (battery; Polar's CP features), ``errors`` (list of refused writes, text).
    The recording is resampled to whatever rate the host configures, any input rate works; it
    loops (for demos) so the device never runs dry.
    """

    name: str
    battery_percent: int

    def handle_write(self, char_uuid: str, data: bytes) -> list[tuple[str, bytes]]: ...

    def handle_read(self, char_uuid: str) -> bytes: ...

    def set_notify(self, char_uuid: str, enabled: bool) -> list[tuple[str, bytes]]:
        """Call when the host subscribes / unsubscribes (CCCD write) and with False when the link
        drops. WitMotion and Thingy:52 stream only while notifications are on (they assume
        "on" until told otherwise); the others ignore it. Returns notifications."""
        ...

    def packets_until(self, t_ns: int) -> list[tuple[int, str, bytes]]: ...

    def flush(self) -> list[tuple[int, str, bytes]]:
        """The end of a replay: what the device still holds, as ``packets_until`` gives it."""
        ...

    @property
    def streaming(self) -> bool: ...


class DeviceFamily(Protocol):
    """Everything OefenSense knows about one device family."""

    id: str  # command-line id: "polar", "metawear", ...
    display_name: str
    service_uuids: tuple[str, ...]  # for scanning filters
    notify_uuids: tuple[str, ...]  # characteristics to subscribe to
    has_gyro: bool
    supported_rates_hz: tuple[float, ...]
    control_uuid: str | None  # where start/stop are written (None: streams start on subscribe)
    battery_uuid: str | None  # readable battery characteristic, first byte = %; None if absent

    def matches(self, adv: AdvertisementInfo) -> bool: ...

    def model_for(self, adv: AdvertisementInfo) -> str:
        """``StreamConfig.model`` suggested by the advertisement ("" = family default)."""
        ...

    def parse_response(self, char_uuid: str, payload: bytes) -> CommandResponse | None:
        """The device's answer to a control write, or None if ``payload`` is not one."""
        ...

    def new_decoder(self, config: StreamConfig) -> Decoder: ...

    def start_commands(self, config: StreamConfig) -> list[GattWrite]:
        """Writes that configure and start streaming, in order. Raises ``UnsupportedConfig``
        (a ValueError) for a rate/range the family cannot do; ``supported_rates_hz`` lists rates."""
        ...

    def stop_commands(self, config: StreamConfig | None = None) -> list[GattWrite]:
        """Writes that stop streaming; with ``config`` exactly what undoes ``start_commands``.
        May be empty where unsubscribing stops the stream (WitMotion, Thingy:52)."""
        ...

    def simulated_firmware(
        self,
        t_ns: np.ndarray,
        acc_g: np.ndarray,
        gyr_dps: np.ndarray | None,
        name: str = "",
        loop: bool = True,
        mag_ut: np.ndarray | None = None,
        variant: str = "",
        resample: str | None = None,
    ) -> SimulatedFirmware: ...


_REGISTRY: dict[str, DeviceFamily] = {}


def register(family: DeviceFamily) -> DeviceFamily:
    if family.id in _REGISTRY:
        raise ValueError(f"device family {family.id!r} registered twice")
    _REGISTRY[family.id] = family
    return family


def _load() -> None:
    from . import registry  # noqa: F401  (imports every family module, which registers itself)


def families() -> dict[str, DeviceFamily]:
    """All registered families by id, in ``registry.ORDER`` (order of importance), then any
    others in order of registration."""
    _load()
    from .registry import ORDER

    ids = [i for i in ORDER if i in _REGISTRY] + [i for i in _REGISTRY if i not in ORDER]
    return {i: _REGISTRY[i] for i in ids}


def get_family(family_id: str) -> DeviceFamily:
    _load()
    try:
        return _REGISTRY[family_id]
    except KeyError:
        raise KeyError(
            f"unknown device family {family_id!r}; known: {', '.join(families()) or 'none'}"
        ) from None
