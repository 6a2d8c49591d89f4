"""Simulated-firmware machinery: a recording replayed on the device clock at any rate, and
streams emitting packets at the device's cadence. numpy only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .bandlimited import WindowedSinc
from .util import BATTERY_LEVEL_UUID, NS, norm_uuid

RESAMPLE_MODES = ("linear", "bandlimited")
# How every simulated device resamples its recording unless told otherwise: the one place the
# default lives (callers pass ``resample=None``). "linear" averages noise away when upsampling
# (a 50 Hz recording's standing SD reads 0.88-0.90x at 52/60 Hz); "bandlimited" keeps it.
DEFAULT_RESAMPLE = "linear"
# band-limited mode: the longest/shortest interval a recording may have, over its median (a
# longer one is a gap no sinc can bridge; a shorter one a burst of duplicated rows)
MAX_STEP, MIN_STEP = 1.5, 0.5

# ---------------------------------------------------------------------------------------------
# Recording playback for simulated firmware


class RecordingSource:
    """A recorded sample stream replayed on the simulated device clock.

    Device time ``t`` (ns since the simulated device booted) shows the recording at
    ``t`` after its first sample, looping when ``loop`` (the demo), else holding the last value.
    Any input rate is accepted. ``resample`` (None: ``DEFAULT_RESAMPLE``) says how the stream
    reaches the device rate: "linear" interpolation, after a moving-average anti-alias filter
    when the device rate is lower than the recording's (a real sensor's digital low-pass does the
    same job); or "bandlimited", a Kaiser-windowed sinc at each device sample time
    (:mod:`.bandlimited`: cutoff at the lower rate's Nyquist, weights from the actual sample
    times, so slightly irregular timestamps are followed; an interval outside ``MIN_STEP``-
    ``MAX_STEP`` x the median is refused), which keeps the recording's noise and detail as a real
    sensor at that rate would measure them. In that mode the window (+-20 source samples when
    upsampling) reaches past the recording's ends onto held edge values, or onto the other end
    when looping, and every output depends only on its own time (any chunking, same bits).
    """

    def __init__(
        self,
        t_ns: np.ndarray,
        acc_g: np.ndarray,
        gyr_dps: np.ndarray | None,
        loop: bool = True,
        mag_ut: np.ndarray | None = None,
        resample: str | None = None,
    ) -> None:
        resample = DEFAULT_RESAMPLE if resample is None else resample
        if resample not in RESAMPLE_MODES:
            raise ValueError(f"resample must be one of {', '.join(RESAMPLE_MODES)}, not {resample!r}")
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
        self.resample = resample
        self._kernels: dict[float, WindowedSinc] = {}
        self._min_step = 1.0
        if resample == "bandlimited":
            self._min_step = self._check_regular(mag)

    def _check_regular(self, mag: np.ndarray | None) -> float:
        """The shortest interval over the median; ValueError for what band-limited replay
        cannot do (a gap, a burst, non-finite magnetometer samples)."""
        if mag is not None and not np.isfinite(mag).all():
            raise ValueError("recording contains non-finite magnetometer samples")
        step = np.diff(self.t_rel) / float(np.median(np.diff(self.t_rel)))
        for bad, what in ((step > MAX_STEP, "longer"), (step < MIN_STEP, "shorter")):
            if bad.any():
                i = int(np.argmax(bad))
                raise ValueError(
                    f"band-limited replay needs regular sampling: the interval at {self.t_rel[i] / NS:.3f} s "
                    f"is {step[i]:.2f}x the median, {what} than {MAX_STEP if what == 'longer' else MIN_STEP}x"
                )
        return float(step.min())

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
        if self.resample == "bandlimited":
            return self._bandlimited(np.asarray(t_dev_ns, dtype=np.float64), rate_hz)
        acc, gyr, mag = self._arrays(rate_hz)
        t = np.asarray(t_dev_ns, dtype=np.float64)
        t = np.mod(t, self.duration_ns) if self.loop else t

        def interp(a: np.ndarray | None) -> np.ndarray | None:
            if a is None:
                return None
            return np.stack([np.interp(t, self.t_rel, a[:, j]) for j in range(3)], 1)

        return interp(acc), interp(gyr), interp(mag)

    def _bandlimited(
        self, t: np.ndarray, rate_hz: float
    ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        key = round(rate_hz, 6)
        if key not in self._kernels:
            self._kernels[key] = WindowedSinc(self.src_rate, rate_hz, self._min_step)
        n, t_rel, period = self.t_rel.size, self.t_rel, 1e9 / self.src_rate

        def extend(idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            if self.loop:  # the recording repeats every duration_ns
                turns, rows = np.divmod(idx, n)
                return t_rel[rows] + turns * self.duration_ns, rows
            rows = np.clip(idx, 0, n - 1)  # held edge values, one median period apart
            return t_rel[rows] + (idx - rows) * period, rows

        kernel = self._kernels[key]
        if self.loop:
            t = np.mod(t, self.duration_ns)
        else:  # past the window's reach only held values remain: same output, weights non-zero
            reach = (kernel.half + 1) * period
            t = np.clip(t, -reach, t_rel[-1] + reach)
        acc, gyr, mag = kernel.evaluate(t_rel, [self.acc, self.gyr, self.mag], t, extend)
        assert acc is not None
        return acc, gyr, mag


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
        # the device's own log of the commands it acted on: (device time ns, command, detail)
        self.received: list[tuple[int, str, str]] = []

        self.notifying: set[str] = set()  # characteristics the host subscribed to (CCCD)

    def _log(self, command: str, detail: str = "") -> None:
        """Note a command the device acted on (``received``), at the device's current time."""
        self.received.append((self.now_ns, command, detail))

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

    def flush(self) -> list[tuple[int, str, bytes]]:
        """The end of a replay: every sample measured by now that a stream's encoder still holds
        (a frame being filled, Polar: up to 71 samples, and the samples short of a whole block)
        sent now, stamped with the device's current time. A
        replay that stops without it loses them: a simulated Polar's stream ended 0.8-1.0 s
        before the recording's. Encoders that hold nothing have no ``flush``."""
        out: list[tuple[int, str, bytes]] = []
        for st in self.streams.values():
            held = getattr(st.encode, "flush", None)
            if held is None:
                continue
            # the samples measured by now that did not yet make up a whole block, then the frame
            last = int(np.floor((self.now_ns - st.t0_ns) / (NS / st.rate_hz) + 1e-9))
            if last >= st.next_index:
                k = np.arange(st.next_index, last + 1)
                t = st.sample_time(k)
                acc, gyr, mag = self.source.at(t, st.rate_hz)
                out.extend(st.encode(int(k[0]), t, acc, gyr, mag))
                st.next_index = last + 1
            out.extend(held(self.now_ns))
        out.sort(key=lambda x: x[0])
        return out

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
