"""Sources: every one yields the same items (SensorInfo, RawPacket, SampleBlock, source Events).

* ``files``: imported CSV recordings, as SampleBlocks in time order; device files (``.cwa``...)
  as their importer streams them;
* ``replay``: a recorded session's raw packets, in recorded order;
* ``simulated``: a recording played through a device family's simulated firmware (its packets);
* live BLE: ``oefensense.ble``.
"""

from .files import csv_stream_items, device_items, recording_items  # noqa: F401
from .pacing import paced  # noqa: F401
from .replay import replay_items  # noqa: F401

# ``simulated`` loads the device families' firmware models (``oefensense.protocols``), which the
# analysis of a file never needs: looked up on first use (PEP 562), not imported with the package
_SIMULATED = ("BUNDLED_RECORDING", "simulated_device_items")


def __getattr__(name: str):  # noqa: ANN202 - a module attribute, typed where it is defined
    if name in _SIMULATED:
        from . import simulated

        return getattr(simulated, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
