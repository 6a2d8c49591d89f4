"""Bleak: scanning, device links with reconnect, the live source, and a fake backend.

* :class:`BleSource` — async iterable of pipeline items from 1–4 sensors (live or simulated).
* :class:`SensorSpec` — one sensor to stream (address, placement, family, StreamConfig).
* :func:`scan` — supported wearables nearby.
* :class:`SimWorld`, :class:`SimDevice`, :func:`make_world` — simulated sensors behind Bleak's
  real facades (``backend=world.client_backend``), for tests, demos and ``--simulate``.
* :class:`MonotonicClock`, :class:`ScaledClock` — the session clock (the only clock reads).
"""

from .clock import MonotonicClock, ScaledClock  # noqa: F401
from .device import DeviceLink, SensorSpec  # noqa: F401
from .fake import SimWorld  # noqa: F401
from .policy import BackoffPolicy, ErrorKind, advice, classify  # noqa: F401
from .simulated import Faults, SimDevice, SimSpec, make_world  # noqa: F401
from .source import BleSource, SensorUnavailableError  # noqa: F401
from .stats import LinkSnapshot, LinkStats  # noqa: F401
