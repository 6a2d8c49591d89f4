"""Imports every device family so that each registers itself. Add one line per new family
(and its id to ``ORDER``: the order of importance, used by ``families()`` and the CLI)."""

from dataclasses import dataclass

from . import dot, metawear, movesense, oefensense, polar, thingy52, witmotion  # noqa: F401

ORDER = ("polar", "metawear", "movesense", "witmotion", "thingy52", "dot", "oefensense")


@dataclass(frozen=True)
class DeviceVariant:
    """A device name for simulation and the CLI (``oefensense demo --device metawear-r``) that
    picks a board of a family its advertised name does not reveal. The decoder still learns the
    board from the device's own replies; ``gyro`` says whether the board has a gyroscope."""

    family: str
    variant: str
    gyro: bool
    description: str


VARIANTS = {
    "metawear-r": DeviceVariant("metawear", "mma8452q", False, "MetaWear R: MMA8452Q accelerometer (milli-g), no gyroscope"),
    "metamotion-s": DeviceVariant("metawear", "bmi270", True, "MetaMotion S: BMI270 accelerometer and gyroscope"),
}


def device_variant(name: str) -> DeviceVariant:
    """The family and board a device name stands for: a family id is its default board."""
    from .base import families

    key = name.strip().lower()
    if key in VARIANTS:
        return VARIANTS[key]
    if key not in families():
        raise KeyError(f"unknown device {name!r}; families: {', '.join(families())}; "
                       f"boards: {', '.join(VARIANTS)}")
    return DeviceVariant(key, "", True, "")
