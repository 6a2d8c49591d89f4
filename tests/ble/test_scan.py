"""Scanning: advertisements recognised by family through Bleak's BleakScanner facade (fake radio)."""

from __future__ import annotations

from typer.testing import CliRunner

from oefensense.ble.clock import MonotonicClock
from oefensense.ble.fake import SimWorld
from oefensense.ble.policy import ErrorKind, classify
from oefensense.ble.scan import identify, scan
from oefensense.ble.simulated import SimDevice


async def test_scan_lists_supported_devices_with_family_and_rssi():
    world = SimWorld(MonotonicClock())
    world.add(SimDevice("polar", "A0:9E:1A:00:00:01", rssi=-48))
    world.add(SimDevice("metawear", "D4:7C:44:00:00:02", rssi=-71))
    absent = world.add(SimDevice("polar", "A0:9E:1A:00:00:03"))
    absent.faults.never_back_after_s = 0.0  # switched off: does not advertise
    found = await scan(0.3, scanner_backend=world.scanner_backend)
    assert [(d.address, d.family, d.rssi_dbm) for d in found] == [
        ("A0:9E:1A:00:00:01", "polar", -48), ("D4:7C:44:00:00:02", "metawear", -71)]
    assert found[0].name.startswith("Polar")


def test_identify_by_name_or_service_uuid_and_unknown():
    assert identify("Polar Sense 12345678", [], {}) == "polar"
    assert identify("", ["fb005c80-02e7-f387-1cad-8acd2d8df0c8"], {}) == "polar"
    assert identify("JBL Flip 5", ["0000110b-0000-1000-8000-00805f9b34fb"], {}) is None


def test_scan_command_with_simulated_devices():
    from oefensense.cli import app

    res = CliRunner().invoke(app, ["scan", "--timeout", "0.3", "--simulate", "polar", "--simulate", "metawear"])
    assert res.exit_code == 0, res.output
    assert "polar" in res.output and "metawear" in res.output and "5A:0E:F5:00:00:01" in res.output


def test_error_table_classifies_with_advice():
    from bleak.exc import BleakDBusError, BleakDeviceNotFoundError

    assert classify(BleakDBusError("org.bluez.Error.Failed", ["le-connection-abort-by-local"])) == ErrorKind.ABORTED
    assert classify(BleakDeviceNotFoundError("AA", "Device with address AA was not found")) == ErrorKind.NOT_FOUND
    assert classify(TimeoutError()) == ErrorKind.TIMEOUT
    assert classify(RuntimeError("No powered Bluetooth adapters found")) == ErrorKind.ADAPTER


def test_backoff_policy_grows_caps_and_waits_longer_for_slots():
    from oefensense.ble.policy import BackoffPolicy

    p = BackoffPolicy()
    assert [p.delay_s(i, ErrorKind.LINK_LOST) for i in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert p.delay_s(0, ErrorKind.OUT_OF_SLOTS) == 4.0
    assert not p.gives_up(1e6) and BackoffPolicy(give_up_after_s=30).gives_up(31)


def test_a_missing_bluetooth_service_is_said_in_words_not_as_errno():
    """No system D-Bus gave "cannot scan: [Errno 2] No such file or directory; ..." and no BlueZ
    "[org.freedesktop.DBus.Error.ServiceUnknown] The name org.bluez was not provided ...": both
    now say the computer's Bluetooth service does not answer; other errors keep their text."""
    from bleak.exc import BleakDBusError

    from oefensense.ble.policy import NO_BLUETOOTH_SERVICE
    from oefensense.ble.source import scan_failure

    for exc in (FileNotFoundError(2, "No such file or directory"),
                BleakDBusError("org.freedesktop.DBus.Error.ServiceUnknown", ["The name org.bluez was not provided"])):
        err = scan_failure(exc)
        assert err.template == NO_BLUETOOTH_SERVICE and "Errno" not in str(err) and "org.bluez" not in str(err)
        assert "Bluetooth service (BlueZ on the system D-Bus) does not answer" in str(err)
    other = scan_failure(BleakDBusError("org.bluez.Error.NotReady", ["Resource Not Ready"]))
    assert "org.bluez.Error.NotReady" in str(other) and "adapter is unavailable" in str(other)
