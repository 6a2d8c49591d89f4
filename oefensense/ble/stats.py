"""Per-sensor link statistics, written on the engine thread, read from any thread.

The BLE layer fills what it sees (state, packets, bytes, gaps, reconnects, battery, RSSI,
arrival intervals); the engine's stats sink adds what needs decoding (samples, effective rate,
loss, latency of samples vs. arrival). ``snapshot()`` returns an immutable copy under a lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class LinkSnapshot:
    """One sensor's figures at one moment. Times in session ns, rates in Hz, latency in ms."""

    sensor_id: str
    address: str = ""
    family: str = ""
    state: str = "idle"  # idle, connecting, streaming, reconnecting, stopped, failed
    packets: int = 0
    bytes: int = 0
    samples: int = 0
    first_packet_ns: int = -1
    last_packet_ns: int = -1
    gaps: int = 0
    gap_ns: int = 0
    reconnects: int = 0
    battery_pct: int = -1
    rssi_dbm: int = 0
    last_error: str = ""
    advice: str = ""
    nominal_rate_hz: float = 0.0
    effective_rate_hz: float = 0.0
    loss_pct: float = 0.0
    latency_ms_p50: float = 0.0
    latency_ms_p99: float = 0.0
    dropped_by_host: int = 0  # packets the host could not queue (consumer too slow)

    def status_line(self) -> str:
        """A one-line human summary (CLI status, GUI tooltip)."""
        bat = f"{self.battery_pct}%" if self.battery_pct >= 0 else "?"
        err = f"  [{self.last_error}]" if self.state != "streaming" and self.last_error else ""
        return (
            f"{self.sensor_id:<8} {self.state:<12} {self.effective_rate_hz:6.1f} Hz  "
            f"loss {self.loss_pct:5.2f}%  gaps {self.gaps}  bat {bat:>4}  "
            f"lat {self.latency_ms_p50:6.1f} ms{err}"
        )


class LinkStats:
    """Lock-protected statistics of one sensor link.

    The per-packet counters are plain attributes (one lock, no allocation per notification);
    :meth:`snapshot` assembles the immutable :class:`LinkSnapshot`.
    """

    _HOT = ("packets", "bytes", "first_packet_ns", "last_packet_ns")

    def __init__(self, sensor_id: str) -> None:
        self.sensor_id = sensor_id
        self._lock = threading.Lock()
        self._snap = LinkSnapshot(sensor_id)
        self.packets = 0
        self.bytes = 0
        self.first_packet_ns = -1
        self.last_packet_ns = -1

    def update(self, **kw: object) -> None:
        with self._lock:
            self._snap = replace(self._snap, **kw)  # type: ignore[arg-type]

    def on_packet(self, host_ns: int, nbytes: int) -> None:
        with self._lock:
            self.packets += 1
            self.bytes += nbytes
            if self.first_packet_ns < 0:
                self.first_packet_ns = host_ns
            self.last_packet_ns = host_ns

    def add(self, **kw: int) -> None:
        """Increment integer fields."""
        with self._lock:
            s = self._snap
            self._snap = replace(s, **{k: getattr(s, k) + v for k, v in kw.items()})  # type: ignore[arg-type]

    def snapshot(self) -> LinkSnapshot:
        with self._lock:
            return replace(self._snap, packets=self.packets, bytes=self.bytes,
                           first_packet_ns=self.first_packet_ns, last_packet_ns=self.last_packet_ns)
