"""Connection robustness written as data: error table, backoff policy, advice strings.

The per-attempt retries (a handful of quick tries, transient-error classification, adapter-level
backoff) are bleak-retry-connector's ``establish_connection``. On top of that a sensor that is
gone for longer (out of range, battery swapped, switched off) is retried by the supervisor in
:mod:`oefensense.ble.device` with the :class:`BackoffPolicy` below, until it comes back or the
session stops. Every failure is classified once, here, into an :class:`ErrorKind` that carries
the advice shown to the user.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from enum import Enum
from typing import Callable

from bleak.exc import BleakDBusError, BleakDeviceNotFoundError, BleakError
from bleak_retry_connector import (
    BleakAbortedError,
    BleakConnectionError,
    BleakNotFoundError,
    BleakOutOfConnectionSlotsError,
)


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name lupdate looks for: the CLI shows these translated
    return text


class StartError(BleakError):
    """The device refused or ignored the start sequence (control-point error, no data)."""


class NoStartData(StartError):
    """Connected and started, but no data came within ``seconds`` (session seconds): refused
    settings are one cause of several (range, battery, another app streaming from it)."""

    def __init__(self, sensor: str, seconds: float) -> None:
        self.sensor, self.seconds = sensor, float(seconds)
        super().__init__(f"{sensor}: no data within {seconds:g} s of the start sequence")


class NoIdentity(StartError):
    """A board asked what it is (MetaWear's module info) gave no answer within ``seconds``
    (session seconds): it did not answer in time, it refused nothing (classed ``timeout``; as a
    ``start_refused`` its advice was to check the rate/range settings)."""

    def __init__(self, sensor: str, seconds: float) -> None:
        self.sensor, self.seconds = sensor, float(seconds)
        super().__init__(f"{sensor}: the board did not say what it is within {seconds:g} s; refusing to guess its scale")


class ErrorKind(str, Enum):
    """What went wrong with a link, as shown in events (``reason``) and status lines."""

    NOT_FOUND = "not_found"
    OUT_OF_SLOTS = "out_of_slots"
    ABORTED = "aborted"
    TIMEOUT = "timeout"
    START_REFUSED = "start_refused"
    NO_START_DATA = "no_start_data"
    LINK_LOST = "link_lost"
    STALLED = "stalled"
    ADAPTER = "adapter"
    OTHER = "other"


ADVICE: dict[ErrorKind, str] = {  # noqa: E501 - one literal each: lupdate reads them
    ErrorKind.NOT_FOUND: QT_TR_NOOP("sensor not found: check it is switched on, charged and within a few metres"),
    ErrorKind.OUT_OF_SLOTS: QT_TR_NOOP("the Bluetooth adapter has no free connection slot: stream fewer sensors or disconnect other Bluetooth devices"),
    ErrorKind.ABORTED: QT_TR_NOOP("connection aborted (interference or range): move the sensor closer or use a USB adapter on an extension cable"),
    ErrorKind.TIMEOUT: QT_TR_NOOP("the sensor did not answer in time: move it closer; if it keeps failing, switch it off and on"),
    ErrorKind.START_REFUSED: QT_TR_NOOP("the sensor refused the streaming settings: check the rate/range is supported by this model and its firmware"),
    ErrorKind.NO_START_DATA: QT_TR_NOOP("possible causes: out of range, a flat battery, the sensor busy with another app or phone, or settings this model does not accept; move it closer, close other apps that use it, charge it or switch it off and on, and check the rate/range for this model"),
    ErrorKind.LINK_LOST: QT_TR_NOOP("the link dropped: reconnecting; keep the sensor within range"),
    ErrorKind.STALLED: QT_TR_NOOP("no data from the sensor for too long: reconnecting"),
    ErrorKind.ADAPTER: QT_TR_NOOP("the Bluetooth adapter is unavailable: check it is powered on (bluetoothctl power on) and that this user may use it"),
    ErrorKind.OTHER: QT_TR_NOOP("unexpected Bluetooth error: see the log; reconnecting"),
}

# (exception type, kind), first match wins; more specific types first.
ERROR_TABLE: tuple[tuple[type[BaseException], ErrorKind], ...] = (
    (NoStartData, ErrorKind.NO_START_DATA),  # these two before their base class
    (NoIdentity, ErrorKind.TIMEOUT),
    (StartError, ErrorKind.START_REFUSED),
    (BleakOutOfConnectionSlotsError, ErrorKind.OUT_OF_SLOTS),
    (BleakNotFoundError, ErrorKind.NOT_FOUND),
    (BleakDeviceNotFoundError, ErrorKind.NOT_FOUND),
    (BleakAbortedError, ErrorKind.ABORTED),
    (asyncio.TimeoutError, ErrorKind.TIMEOUT),
    (BleakDBusError, ErrorKind.ADAPTER),
    (BleakConnectionError, ErrorKind.OTHER),
    (BleakError, ErrorKind.OTHER),
    (EOFError, ErrorKind.ABORTED),
    (BrokenPipeError, ErrorKind.ABORTED),
)

# Substrings of error messages that say more than the type (BlueZ / bleak texts).
MESSAGE_TABLE: tuple[tuple[str, ErrorKind], ...] = (
    ("connection slot", ErrorKind.OUT_OF_SLOTS),
    ("available connection", ErrorKind.OUT_OF_SLOTS),
    ("not found", ErrorKind.NOT_FOUND),
    ("le-connection-abort-by-local", ErrorKind.ABORTED),
    ("br-connection-canceled", ErrorKind.ABORTED),
    ("org.bluez.Error.NotReady", ErrorKind.ADAPTER),
    ("No powered Bluetooth adapters", ErrorKind.ADAPTER),
)


def classify(exc: BaseException) -> ErrorKind:
    """The :class:`ErrorKind` of an exception raised while connecting or streaming."""
    text = str(exc)
    for needle, kind in MESSAGE_TABLE:
        if needle in text:
            return kind
    for typ, kind in ERROR_TABLE:
        if isinstance(exc, typ):
            return kind
    return ErrorKind.OTHER


def no_bluetooth_service(exc: BaseException) -> bool:
    """True when ``exc`` says there is no Bluetooth service to ask (no system D-Bus, no BlueZ)."""
    if isinstance(exc, (FileNotFoundError, ConnectionRefusedError)):
        return True
    return isinstance(exc, BleakDBusError) and exc.dbus_error == "org.freedesktop.DBus.Error.ServiceUnknown"


def advice(kind: ErrorKind, tr: Callable[[str], str] = str) -> str:
    """The user-facing advice for an error kind (``tr``: the CLI's translation, English without)."""
    return tr(ADVICE[kind])


# Why a session could not start (SensorUnavailableError); {advice} is one of ADVICE's
NOT_CONNECTED = QT_TR_NOOP("{sensor} ({address}): {error}; {advice}")
NO_DATA_AFTER_START = QT_TR_NOOP("{sensor} ({address}): connected, but no data within {seconds} s of the start command; {advice}")
NO_IDENTITY = QT_TR_NOOP("{sensor} ({address}): connected, but the board did not say what it is within {seconds} s, so its scale is not guessed; {advice}")
NOT_SUPPORTED = QT_TR_NOOP("{sensor} ({address}): not a supported wearable (advertisement not recognised); give the family as ADDRESS@family, see `oefensense scan --all`")
CANNOT_SCAN = QT_TR_NOOP("cannot scan: {error}; {advice}")
# no system D-Bus (its socket missing: "[Errno 2] No such file or directory") or no BlueZ on it
# ("org.freedesktop.DBus.Error.ServiceUnknown"): the raw text says nothing to a therapist
NO_BLUETOOTH_SERVICE = QT_TR_NOOP("cannot scan: this computer's Bluetooth service (BlueZ on the system D-Bus) does not answer; {advice}")
NOT_FOUND_SCANNING = QT_TR_NOOP("not found while scanning for {seconds} s: {sensors}; {advice} (`oefensense scan` lists what is in range)")


@dataclass(frozen=True, slots=True)
class BackoffPolicy:
    """Delay between reconnect rounds of one sensor (session seconds).

    Round ``n`` (0-based) waits ``min(max_s, first_s * factor**n)``, longer for kinds listed in
    ``slow_kinds`` (an adapter out of slots needs time to free one). ``give_up_after_s`` None
    means keep trying until the session stops (a therapist may walk out of range and back).
    ``attempts_per_round`` is handed to bleak-retry-connector's ``max_attempts``.
    """

    first_s: float = 0.5
    factor: float = 2.0
    max_s: float = 8.0
    slow_kind_min_s: float = 4.0
    attempts_per_round: int = 2
    give_up_after_s: float | None = None
    connect_timeout_s: float = 20.0
    start_timeout_s: float = 5.0  # first data packet after the start sequence
    stall_timeout_s: float = 5.0  # no packet for this long while streaming = stalled link

    slow_kinds: tuple[ErrorKind, ...] = (ErrorKind.OUT_OF_SLOTS, ErrorKind.ADAPTER)

    def delay_s(self, round_index: int, kind: ErrorKind) -> float:
        """Backoff before reconnect round ``round_index`` after an error of ``kind``."""
        d = min(self.max_s, self.first_s * self.factor ** max(0, round_index))
        if kind in self.slow_kinds:
            d = max(d, self.slow_kind_min_s)
        return d

    def gives_up(self, elapsed_s: float) -> bool:
        return self.give_up_after_s is not None and elapsed_s >= self.give_up_after_s
