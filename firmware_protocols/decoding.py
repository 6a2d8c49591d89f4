"""The decoder base class: packet bookkeeping, the never-raise contract, and the plausibility
screen every decoded sample passes (values within the configured range, device time consistent
with the stream)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from .base import CommandResponse, DecodedBatch, DecodeError, DecoderStats, FlaggedDrop, StreamConfig
from .util import norm_uuid

_UUIDS: dict[str, str] = {}  # normalised UUID strings, cached: decode is the hot path

# Bounds of the on-board outputs that have a physical limit whatever the configuration.
EXTRA_LIMITS = {"euler_deg": 360.0, "heading_deg": 360.0, "gravity_g": 1.5, "rot_matrix": 1.001}
QUAT_NORM_TOL = 0.02  # |‖q‖ − 1| beyond this is not an orientation
QUAT_EXTRAS = ("delta_q",)  # on-board outputs that are unit quaternions too


@dataclass(frozen=True, slots=True)
class Limits:
    """Largest magnitude a sample can have per channel, from the device's configured full scale
    (or, where the protocol cannot set it, the sensor's largest full scale): acc g, gyro deg/s,
    mag µT. None = not checked (the channel has no physical bound in these units)."""

    acc_g: float | None = None
    gyr_dps: float | None = None
    mag_ut: float | None = None
    free_acc_g: float | None = None  # gravity-free acceleration (on-board fusion outputs)


def _exceeds(a: np.ndarray, limit: float) -> np.ndarray:
    """Rows of ``a`` (n, k) with any |value| above ``limit`` or not finite. The limit is the
    full scale itself: a saturated sensor reads exactly full scale (−32768 LSB), never beyond."""
    with np.errstate(invalid="ignore"):
        return ~(np.abs(a) <= limit * (1 + 1e-9)).all(axis=1)


class DecoderBase:
    """Counts packets, refusals and gaps; subclasses implement ``_decode`` (and ``_limits``).

    ``decode`` never raises: a malformed packet is counted in ``stats.dropped_packets`` and
    ``stats.errors`` (keyed by the DecodeError message's first words) and yields ``[]``; the
    latest refusal is kept in ``last_error``. ``decode_strict`` raises the DecodeError instead.

    Every decoded sample is screened before it is passed on: a sample with a value beyond the
    configured range (``limits``) or a non-unit quaternion is dropped, counted in
    ``stats.out_of_range`` and listed for a flagged gap (``pop_flagged``). Families with device
    time drop packets whose time contradicts the stream the same way (``stats.clock_rejected``).
    ``flush()`` releases what a decoder still holds at the end of a stream (a packet whose device
    time broke the stream waits for the next one to tell whether the break is real).
    """

    def __init__(self, config: StreamConfig) -> None:
        self.config = config
        self.stats = DecoderStats()
        self.last_error: DecodeError | None = None
        self.responses: list[CommandResponse] = []
        self.limits = self._limits()
        self._flagged: list[FlaggedDrop] = []

    def _limits(self) -> Limits:
        """The family's range for ``self.config`` (override)."""
        return Limits()

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
        return self._screen(out)

    def flush(self) -> list[DecodedBatch]:
        """Samples still held back (end of stream, or the link was lost)."""
        return self._screen(self._flush())

    def _flush(self) -> list[DecodedBatch]:
        return []

    def pop_flagged(self) -> list[FlaggedDrop]:
        """Samples decoded but not passed on since the last call (for flagged gap events)."""
        out, self._flagged = self._flagged, []
        return out

    def _refuse(self, e: DecodeError) -> None:
        self.stats.dropped_packets += 1
        self._count_error(str(e))

    def _count_error(self, message: str) -> None:
        key = message.split(":")[0][:60]
        self.stats.errors[key] = self.stats.errors.get(key, 0) + 1

    def _reject_time(self, t_first: int, t_last: int, n: int, detail: str) -> None:
        """A packet decoded fine but its device time contradicts the stream: dropped, flagged."""
        self.stats.clock_rejected += n
        self._count_error("device time implausible")
        self._flagged.append(FlaggedDrop(int(t_first), int(t_last), int(n), "device_clock", detail, clock_ok=False))

    def reset(self) -> None:
        self.stats = DecoderStats()
        self.last_error = None
        self.responses = []
        self._flagged = []

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:  # pragma: no cover
        raise NotImplementedError

    # ------------------------------------------------------------------ plausibility screen
    def _screen(self, batches: list[DecodedBatch]) -> list[DecodedBatch]:
        out = []
        for b in batches:
            n = len(b.t_device_ns)
            if n == 0:
                continue
            if not self._plausible(b):  # rare: find the rows, drop, count and flag them
                bad, why = self._bad_rows(b)
                nbad = int(np.count_nonzero(bad))
                t_bad = b.t_device_ns[bad]
                self.stats.out_of_range += nbad
                self._count_error("value out of range")
                self._flagged.append(FlaggedDrop(int(t_bad[0]), int(t_bad[-1]), nbad, "out_of_range", why))
                if nbad == n:
                    continue
                b = _keep_rows(b, ~bad)
            self.stats.samples += len(b.t_device_ns)
            out.append(b)
        return out

    def _checks(self, b: DecodedBatch) -> list[tuple[str, np.ndarray, float | None, str]]:
        lim = self.limits
        checks = [("acc", b.acc_g, lim.acc_g, "g"), ("gyro", b.gyr_dps, lim.gyr_dps, "deg/s"),
                  ("mag", b.mag_ut, lim.mag_ut, "uT")]
        if b.extra:
            for key, arr in b.extra.items():
                limit = lim.free_acc_g if key in ("lin_acc_g", "free_acc_g") else EXTRA_LIMITS.get(key)
                checks.append((key, arr, limit, ""))
        return checks

    def _plausible(self, b: DecodedBatch) -> bool:
        """The hot path: True when every checked value is finite and within its bound."""
        for _, arr, limit, _ in self._checks(b):
            if arr is not None and limit is not None and not _within(arr, limit):
                return False
        for q in [b.quat] + [b.extra[k] for k in QUAT_EXTRAS if b.extra and k in b.extra]:
            if q is not None and not _unit(q):
                return False
        return True

    def _bad_rows(self, b: DecodedBatch) -> tuple[np.ndarray, str]:
        bad = np.zeros(len(b.t_device_ns), dtype=bool)
        why = ""
        for name, arr, limit, unit in self._checks(b):
            if arr is None or limit is None:
                continue
            rows = _exceeds(arr, limit)
            if rows.any():
                worst = float(np.nanmax(np.abs(np.where(np.isfinite(arr), arr, np.inf))))
                why = why or f"{name} {worst:.4g} {unit} beyond ±{limit:g} {unit}".replace("  ", " ").strip()
                bad |= rows
        quats = [("quaternion", b.quat)] + [(k, b.extra[k]) for k in QUAT_EXTRAS if b.extra and k in b.extra]
        for name, q in quats:
            if q is None:
                continue
            with np.errstate(invalid="ignore", over="ignore"):
                rows = ~(np.abs(np.linalg.norm(q, axis=1) - 1.0) <= QUAT_NORM_TOL)
            if rows.any():
                why = why or f"{name} is not unit length"
                bad |= rows
        return bad, why


def _within(a: np.ndarray, limit: float) -> bool:
    """Every |value| of ``a`` finite and <= ``limit`` (one sample: plain floats, the common case)."""
    bound = limit * (1 + 1e-9)
    if a.shape[0] == 1:
        return all(-bound <= v <= bound for v in a[0].tolist())  # NaN fails both comparisons
    return bool(np.abs(a).max() <= bound)  # NaN propagates through max and fails


def _unit(q: np.ndarray) -> bool:
    if q.shape[0] == 1:
        return abs(sum(v * v for v in q[0].tolist()) ** 0.5 - 1.0) <= QUAT_NORM_TOL
    with np.errstate(invalid="ignore", over="ignore"):
        return bool(np.all(np.abs(np.linalg.norm(q, axis=1) - 1.0) <= QUAT_NORM_TOL))


class ClockedDecoder(DecoderBase):
    """A decoder whose packets carry device time, stamped through ``self.clock``
    (:class:`~.clocks.DeviceClock`): ``_decode`` returns ``self._release(self.clock.push(raw, n,
    item))``; released packets become batches through ``_batches``, packets the clock refused are
    flagged (``device_clock``), and ``flush`` releases a held packet."""

    what = ""  # family name for the flag detail

    def _flush(self) -> list[DecodedBatch]:
        return self._release(self.clock.flush())

    def _release(self, released: list) -> list[DecodedBatch]:  # noqa: ANN001
        for h in self.clock.pop_rejected():
            self._reject_time(h.t_first, h.t_last, h.n, f"{self.what} device time breaks the stream")
        return [b for t, item, state in released for b in self._batches(t, item, state)]

    def _batches(self, t: np.ndarray, item, state: str) -> list[DecodedBatch]:  # noqa: ANN001  pragma: no cover
        raise NotImplementedError


def _keep_rows(b: DecodedBatch, keep: np.ndarray) -> DecodedBatch:
    """``b`` with only the rows in ``keep`` (every per-sample array cut alike)."""
    cut = lambda a: None if a is None else a[keep]  # noqa: E731
    extra = None if b.extra is None else {k: v[keep] for k, v in b.extra.items()}
    return dataclasses.replace(b, t_device_ns=b.t_device_ns[keep], acc_g=cut(b.acc_g), gyr_dps=cut(b.gyr_dps),
                               mag_ut=cut(b.mag_ut), quat=cut(b.quat), extra=extra)
