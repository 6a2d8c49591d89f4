"""Shared helpers for device families: recording playback, stream timing, gap tracking.

Numpy only. Nothing here knows a wire format; each family folder adds its own bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .base import (
    AdvertisementInfo,
    CommandResponse,
    DecodedBatch,
    DecodeError,
    DecoderStats,
    StreamConfig,
)

NS = 1_000_000_000

# ---------------------------------------------------------------------------------------------
# UUID helpers


def sig_uuid(short: int) -> str:
    """16-bit Bluetooth SIG UUID in its full lowercase 128-bit form."""
    return f"{short:08x}-0000-1000-8000-00805f9b34fb"


BATTERY_SERVICE_UUID = sig_uuid(0x180F)
BATTERY_LEVEL_UUID = sig_uuid(0x2A19)


def norm_uuid(u: str) -> str:
    """Lowercase full-form UUID (accepts 4- or 8-hex-digit short forms)."""
    u = u.strip().lower()
    if len(u) in (4, 8):
        return sig_uuid(int(u, 16))
    return u


def adv_matches(
    adv: AdvertisementInfo,
    name_prefixes: tuple[str, ...] = (),
    service_uuids: tuple[str, ...] = (),
    name_contains: tuple[str, ...] = (),
) -> bool:
    """True if the advertised name starts with / contains one of the given strings (case-blind)
    or one of ``service_uuids`` is advertised."""
    name = (adv.name or "").lower()
    if any(name.startswith(p.lower()) for p in name_prefixes):
        return True
    if any(s.lower() in name for s in name_contains):
        return True
    adv_uuids = {norm_uuid(u) for u in adv.service_uuids}
    return any(norm_uuid(u) in adv_uuids for u in service_uuids)


# ---------------------------------------------------------------------------------------------
# Numeric helpers


def quantise(x: np.ndarray, scale: float, bits: int) -> np.ndarray:
    """Round ``x * scale`` to signed ``bits``-bit integers, saturating like a sensor ADC (int64)."""
    lim = (1 << (bits - 1)) - 1
    return np.clip(np.rint(np.asarray(x, dtype=np.float64) * scale), -lim - 1, lim).astype(np.int64)


def frombuffer_checked(payload: bytes, dtype: str, offset: int, count: int, what: str) -> np.ndarray:
    """``np.frombuffer`` that raises DecodeError (not ValueError) on a short payload."""
    need = offset + count * np.dtype(dtype).itemsize
    if len(payload) < need:
        raise DecodeError(f"{what}: need {need} bytes, got {len(payload)}")
    return np.frombuffer(payload, dtype=dtype, count=count, offset=offset)


# ---------------------------------------------------------------------------------------------
# Recording playback for simulated firmware


class RecordingSource:
    """A recorded sample stream replayed on the simulated device clock.

    Device time ``t`` (ns since the simulated device booted) shows the recording at
    ``t`` after its first sample, looping when ``loop`` (the demo), else holding the last value.
    Any input rate is accepted: the stream is resampled to the device rate by linear
    interpolation, after a moving-average anti-alias filter when the device rate is lower than
    the recording's (a real sensor's digital low-pass does the same job).
    """

    def __init__(
        self,
        t_ns: np.ndarray,
        acc_g: np.ndarray,
        gyr_dps: np.ndarray | None,
        loop: bool = True,
        mag_ut: np.ndarray | None = None,
    ) -> None:
        t = np.asarray(t_ns, dtype=np.int64)
        acc = np.asarray(acc_g, dtype=np.float64).reshape(-1, 3)
        gyr = None if gyr_dps is None else np.asarray(gyr_dps, dtype=np.float64).reshape(-1, 3)
        mag = None if mag_ut is None else np.asarray(mag_ut, dtype=np.float64).reshape(-1, 3)
        if t.ndim != 1 or acc.shape[0] != t.size or (gyr is not None and gyr.shape[0] != t.size):
            raise ValueError("acc/gyr must have one row per timestamp")
        # jittery phone logs: sort, keep the first of duplicate timestamps
        t, keep = np.unique(t, return_index=True)
        if t.size < 2:
            raise ValueError("a recording needs at least 2 samples with distinct timestamps")
        acc, gyr, mag = acc[keep], None if gyr is None else gyr[keep], None if mag is None else mag[keep]
        if not (np.isfinite(acc).all() and (gyr is None or np.isfinite(gyr).all())):
            raise ValueError("recording contains non-finite samples")
        self.t_rel = (t - t[0]).astype(np.float64)
        self.duration_ns = float(self.t_rel[-1]) + float(np.median(np.diff(self.t_rel)))
        self.acc, self.gyr, self.mag = acc, gyr, mag
        self.loop = loop
        self.src_rate = 1e9 / float(np.median(np.diff(self.t_rel)))
        self._filtered: dict[float, tuple[np.ndarray, np.ndarray | None, np.ndarray | None]] = {}

    def _arrays(self, rate_hz: float) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        key = round(rate_hz, 6)
        if key not in self._filtered:
            width = int(round(self.src_rate / rate_hz))
            if width >= 2:
                k = np.ones(width) / width

                def filt(a: np.ndarray | None) -> np.ndarray | None:
                    if a is None:
                        return None
                    pad = np.concatenate([np.repeat(a[:1], width, 0), a, np.repeat(a[-1:], width, 0)])
                    out = np.stack([np.convolve(pad[:, j], k, mode="same") for j in range(3)], 1)
                    return out[width:-width]

                self._filtered[key] = (filt(self.acc), filt(self.gyr), filt(self.mag))
            else:
                self._filtered[key] = (self.acc, self.gyr, self.mag)
        return self._filtered[key]

    def at(
        self, t_dev_ns: np.ndarray, rate_hz: float
    ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        """(acc_g, gyr_dps or None, mag_ut or None) at device times ``t_dev_ns`` for a device
        sampling at ``rate_hz``."""
        acc, gyr, mag = self._arrays(rate_hz)
        t = np.asarray(t_dev_ns, dtype=np.float64)
        t = np.mod(t, self.duration_ns) if self.loop else t

        def interp(a: np.ndarray | None) -> np.ndarray | None:
            if a is None:
                return None
            return np.stack([np.interp(t, self.t_rel, a[:, j]) for j in range(3)], 1)

        return interp(acc), interp(gyr), interp(mag)


# ---------------------------------------------------------------------------------------------
# Stream timing for simulated firmware

# encode(first_sample_index, t_samples_ns, acc_g, gyr_dps, mag_ut) -> [(t_emit_ns, uuid, payload)]
Encoder = Callable[
    [int, np.ndarray, np.ndarray, "np.ndarray | None", "np.ndarray | None"],
    list[tuple[int, str, bytes]],
]


@dataclass
class SimStream:
    """One running data stream of a simulated device: a rate, a packet size and an encoder."""

    rate_hz: float
    per_packet: int
    encode: Encoder
    t0_ns: int
    next_index: int = 0

    def sample_time(self, k: np.ndarray | int) -> np.ndarray:
        return self.t0_ns + np.rint(np.asarray(k, dtype=np.float64) * (NS / self.rate_hz)).astype(
            np.int64
        )


class SimFirmwareBase:
    """Clock, streams and housekeeping shared by every simulated firmware.

    The device clock starts at 0 ns. ``packets_until(t)`` advances it to ``t`` and returns every
    data notification completed by then, each stamped with the device time it was sent (the time
    of its last sample). Subclasses parse control writes in ``handle_write`` and call
    ``_start_stream``/``_stop_stream``. ``name`` and ``battery_percent`` are what the device
    advertises and reports on the battery characteristic (``handle_read``).
    """

    def __init__(self, source: RecordingSource, name: str) -> None:
        self.source = source
        self.name = name
        self.battery_percent = 87
        self.now_ns = 0
        self.streams: dict[str, SimStream] = {}
        self.errors: list[str] = []  # control writes the device refused (for tests and logs)

        self.notifying: set[str] = set()  # characteristics the host subscribed to (CCCD)

    @property
    def streaming(self) -> bool:
        return bool(self.streams)

    def set_notify(self, char_uuid: str, enabled: bool) -> list[tuple[str, bytes]]:
        """The host wrote the CCCD of ``char_uuid`` (Bleak start_notify / stop_notify).
        Some devices start or stop streaming on this (WitMotion, Thingy:52)."""
        u = norm_uuid(char_uuid)
        (self.notifying.add if enabled else self.notifying.discard)(u)
        self._on_notify(u, enabled)
        return []

    def _on_notify(self, uuid: str, enabled: bool) -> None:
        pass

    def handle_read(self, char_uuid: str) -> bytes:
        """Value of a readable characteristic; the battery level is standard on every family."""
        if norm_uuid(char_uuid) == BATTERY_LEVEL_UUID:
            return bytes([self.battery_percent])
        raise KeyError(f"{self.name}: characteristic {char_uuid} is not readable here")

    def _start_stream(self, key: str, rate_hz: float, per_packet: int, encode: Encoder) -> None:
        self.streams[key] = SimStream(rate_hz, max(1, per_packet), encode, self.now_ns)

    def _stop_stream(self, key: str) -> None:
        self.streams.pop(key, None)

    def packets_until(self, t_ns: int) -> list[tuple[int, str, bytes]]:
        t_ns = int(t_ns)
        out: list[tuple[int, str, bytes]] = []
        if t_ns > self.now_ns:
            for st in list(self.streams.values()):
                period = NS / st.rate_hz
                # last sample index whose time is <= t_ns
                last = int(np.floor((t_ns - st.t0_ns) / period + 1e-9))
                n_ready = last + 1 - st.next_index
                n_packets = n_ready // st.per_packet
                if n_packets <= 0:
                    continue
                k = np.arange(st.next_index, st.next_index + n_packets * st.per_packet)
                t = st.sample_time(k)
                acc, gyr, mag = self.source.at(t, st.rate_hz)
                for p in range(n_packets):
                    sl = slice(p * st.per_packet, (p + 1) * st.per_packet)
                    out.extend(
                        st.encode(
                            int(k[sl][0]),
                            t[sl],
                            acc[sl],
                            None if gyr is None else gyr[sl],
                            None if mag is None else mag[sl],
                        )
                    )
                st.next_index += n_packets * st.per_packet
            self.now_ns = t_ns
        out.sort(key=lambda x: x[0])
        return out


# ---------------------------------------------------------------------------------------------
# Decoder bookkeeping


_UUIDS: dict[str, str] = {}  # normalised UUID strings, cached: decode is the hot path


class DecoderBase:
    """Counts packets, refusals and gaps; subclasses implement ``_decode``.

    ``decode`` never raises: a malformed packet is counted in ``stats.dropped_packets`` and
    ``stats.errors`` (keyed by the DecodeError message's first words) and yields ``[]``; the
    latest refusal is kept in ``last_error``. ``decode_strict`` raises the DecodeError instead.
    """

    def __init__(self, config: StreamConfig) -> None:
        self.config = config
        self.stats = DecoderStats()
        self.last_error: DecodeError | None = None
        self.responses: list[CommandResponse] = []

    def decode(self, char_uuid: str, payload: bytes) -> list[DecodedBatch]:
        try:
            return self.decode_strict(char_uuid, payload)
        except DecodeError as e:
            self.last_error = e
            return []

    def decode_strict(self, char_uuid: str, payload: bytes) -> list[DecodedBatch]:
        self.stats.packets += 1
        uuid = _UUIDS.get(char_uuid)
        if uuid is None:
            uuid = _UUIDS[char_uuid] = norm_uuid(char_uuid) if isinstance(char_uuid, str) else ""
        try:
            out = self._decode(uuid, payload if type(payload) is bytes else bytes(payload))
        except DecodeError as e:
            self._refuse(e)
            raise
        except Exception as e:  # noqa: BLE001  bug guard: the stream must survive any packet
            err = DecodeError(f"malformed packet ({type(e).__name__}): {e}")
            self._refuse(err)
            raise err from e
        for b in out:
            self.stats.samples += len(b.t_device_ns)
        return out

    def _refuse(self, e: DecodeError) -> None:
        self.stats.dropped_packets += 1
        key = str(e).split(":")[0][:60]
        self.stats.errors[key] = self.stats.errors.get(key, 0) + 1

    def reset(self) -> None:
        self.stats = DecoderStats()
        self.last_error = None
        self.responses = []

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:  # pragma: no cover
        raise NotImplementedError


@dataclass
class CounterClock:
    """Per-sample timestamps for protocols without a timestamp: sample count × period.

    Gaps cannot be seen from bytes alone on such protocols; the timebase uses arrival times.
    """

    rate_hz: float
    count: int = 0

    def stamps(self, n: int) -> np.ndarray:
        c = self.count
        self.count += n
        if n == 1:  # the common single-sample packet: no arange
            return np.array([round(c * NS / self.rate_hz)], dtype=np.int64)
        k = np.arange(c, c + n, dtype=np.float64)
        return np.rint(k * (NS / self.rate_hz)).astype(np.int64)


@dataclass
class SequenceTracker:
    """Checks a wrapping packet counter of ``bits`` bits (e.g. u16 → 65536).

    ``check(seq)``: "first", "ok", "gap" (n packets skipped, counted in ``stats.sequence_gaps``),
    "duplicate" (same counter again) or "reset" (counter far behind: device restarted).
    Wrap-around (65535 → 0) is "ok".
    """

    bits: int
    stats: DecoderStats
    last: int | None = None
    missing: int = 0

    def check(self, seq: int) -> str:
        mod = 1 << self.bits
        if self.last is None:
            self.last = seq
            return "first"
        d = (seq - self.last) % mod
        self.last = seq
        if d == 1:
            return "ok"
        if d == 0:
            self.stats.errors["duplicate packet"] = self.stats.errors.get("duplicate packet", 0) + 1
            return "duplicate"
        if d > mod // 2:  # far behind: the device restarted its counter
            self.stats.clock_resets += 1
            return "reset"
        self.stats.sequence_gaps += 1
        self.missing += d - 1
        return "gap"


def resp(ok: bool, code: int, message: str, command: int = -1, params: bytes = b"") -> CommandResponse:
    return CommandResponse(ok=ok, code=code, message=message, command=command, params=params)


class FamilyBase:
    """Defaults shared by the family classes; each family sets the class attributes and
    overrides what differs. ``firmware_class`` builds the simulated firmware."""

    id: str = ""
    display_name: str = ""
    service_uuids: tuple[str, ...] = ()
    notify_uuids: tuple[str, ...] = ()
    has_gyro: bool = True
    supported_rates_hz: tuple[float, ...] = ()
    control_uuid: str | None = None
    battery_uuid: str | None = BATTERY_LEVEL_UUID
    name_prefixes: tuple[str, ...] = ()
    models_by_name: tuple[tuple[str, str], ...] = ()  # (lower-case name part, StreamConfig.model)

    def matches(self, adv: AdvertisementInfo) -> bool:
        return adv_matches(adv, self.name_prefixes, self.service_uuids)

    def parse_response(self, char_uuid: str, payload: bytes) -> CommandResponse | None:
        return None

    def model_for(self, adv: AdvertisementInfo) -> str:
        """``StreamConfig.model`` for an advertised device ("" = the family default): lets a
        scanner pick e.g. Polar H10 or MetaMotion S settings from the name."""
        name = (adv.name or "").lower()
        for needle, model in self.models_by_name:
            if needle in name:
                return model
        return ""

    def _firmware(self, source: RecordingSource, name: str):  # noqa: ANN202
        raise NotImplementedError

    def simulated_firmware(
        self,
        t_ns: np.ndarray,
        acc_g: np.ndarray,
        gyr_dps: np.ndarray | None,
        name: str = "",
        loop: bool = True,
        mag_ut: np.ndarray | None = None,
    ):  # noqa: ANN201
        """A simulated device replaying the recording (any rate; looped unless ``loop=False``)."""
        return self._firmware(RecordingSource(t_ns, acc_g, gyr_dps, loop=loop, mag_ut=mag_ut), name)

    def __repr__(self) -> str:
        return f"<DeviceFamily {self.id}>"


def check_rate(family: FamilyBase, rate_hz: float, rates: tuple[float, ...] | None = None) -> float:
    """The supported rate equal to ``rate_hz`` (within 0.5 %) or UnsupportedConfig."""
    from .base import UnsupportedConfig

    rates = rates or family.supported_rates_hz
    for r in rates:
        if abs(r - rate_hz) <= 0.005 * r:
            return r
    raise UnsupportedConfig(
        f"{family.id}: {rate_hz:g} Hz not supported; use one of {', '.join(f'{r:g}' for r in rates)}"
    )


def pick_range(family_id: str, what: str, value: float, options: tuple[float, ...]) -> float:
    """Smallest option >= ``value`` (0 = the largest, the safe default) or UnsupportedConfig."""
    from .base import UnsupportedConfig

    if value <= 0:
        return max(options)
    for o in sorted(options):
        if o >= value - 1e-9:
            return o
    raise UnsupportedConfig(f"{family_id}: {what} {value:g} exceeds {max(options):g}")


class DeviceClock:
    """Per-sample device time from a wrapping hardware timestamp (u32 ms / µs ...).

    ``stamps(raw, n)`` takes the packet's raw timestamp of its **first** sample and returns n
    int64 ns stamps at the nominal period. Wrap-around of the ``bits``-wide counter is unwrapped
    (not an error). Against the continuation of the previous packet: within ``tol`` (the larger
    of half a period and 1.5 timestamp units) it is the same stream, and the stamps follow a slow
    phase-locked loop (removes the timestamp's rounding jitter, follows clock drift); later than
    that is a gap (``stats.sequence_gaps``, ``stats.missing_samples``); earlier is a clock
    reset (``stats.clock_resets``), and the stream re-anchors on the new time.
    """

    def __init__(self, bits: int, unit_ns: int, rate_hz: float, stats: DecoderStats) -> None:
        self.bits = bits
        self.unit_ns = unit_ns
        self.period = NS / rate_hz
        self.stats = stats
        self.tol = max(0.5 * self.period, 1.5 * unit_ns)
        self.last_raw: int | None = None
        self.wraps = 0
        self.next_expected: int | None = None
        self.state = "first"

    def stamps(self, raw: int, n: int) -> np.ndarray:
        mod = 1 << self.bits
        if self.last_raw is not None and raw < self.last_raw and self.last_raw - raw > mod // 2:
            self.wraps += 1
        self.last_raw = raw
        t = (raw + self.wraps * mod) * self.unit_ns
        t0 = t
        self.state = "first"
        if self.next_expected is not None:
            d = t - self.next_expected
            if abs(d) <= self.tol:
                t0 = self.next_expected + int(round(0.02 * d))
                self.state = "ok"
            elif d > 0:
                self.stats.sequence_gaps += 1
                self.stats.missing_samples += int(round(d / self.period))
                self.state = "gap"
            else:
                self.stats.clock_resets += 1
                self.wraps = 0
                t0 = raw * self.unit_ns
                self.state = "reset"
        self.next_expected = int(t0 + round(n * self.period))
        if n == 1:
            return np.array([t0], dtype=np.int64)
        return t0 + np.rint(np.arange(n) * self.period).astype(np.int64)
