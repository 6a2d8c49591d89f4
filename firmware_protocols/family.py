"""Defaults shared by the device-family classes, and config validation helpers."""

from __future__ import annotations

import numpy as np

from .base import AdvertisementInfo, CommandResponse, GattWrite, StreamConfig
from .playback import RecordingSource
from .util import BATTERY_LEVEL_UUID, adv_matches

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
    # True when separate streams (acc, gyro) carry no common device time: each is counted from
    # its own first sample (MetaWear), so their counters share no origin and the pipeline maps
    # each stream by its own arrivals
    counters_per_stream: bool = False

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

    def identify_commands(self, config: StreamConfig) -> list[GattWrite]:
        """Writes whose replies tell which variant the device is, where the start sequence or the
        scale depends on it (MetaWear: the module-info reads). [] = nothing to ask. Raises
        UnsupportedConfig early for a config no variant of the family can stream."""
        return []

    def resolve_config(self, config: StreamConfig, replies: list[tuple[str, bytes]]) -> StreamConfig | None:
        """``config`` completed from the device's replies to ``identify_commands`` (the
        notifications seen since): None while they do not tell yet; UnsupportedConfig when they
        tell this device cannot stream ``config`` or cannot be identified."""
        return config

    def cue_commands(self, modality: str, pulses: tuple[tuple[int, int], ...]) -> list[tuple[GattWrite, float]] | None:
        """Writes that give a feedback cue on the wearable: ``modality`` "vibrate", "beep" or
        "led"; ``pulses`` (on ms, off ms) each. Returns (write, seconds to wait after it) in
        order, or None when the device has no such actuator (the computer cues instead)."""
        return None

    def _firmware(self, source: RecordingSource, name: str, variant: str = ""):  # noqa: ANN202
        raise NotImplementedError

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
    ):  # noqa: ANN201
        """A simulated device replaying the recording (any rate; looped unless ``loop=False``).
        ``variant`` picks a board the name does not reveal (MetaWear R: "mma8452q").
        ``resample``: how the recording reaches the device rate (``RecordingSource``; None:
        ``playback.DEFAULT_RESAMPLE``)."""
        source = RecordingSource(t_ns, acc_g, gyr_dps, loop=loop, mag_ut=mag_ut, resample=resample)
        return self._firmware(source, name, variant) if variant else self._firmware(source, name)

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
