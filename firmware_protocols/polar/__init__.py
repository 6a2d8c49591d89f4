"""Polar PMD family (Verity Sense, H10, OH1): ``get_family("polar")``. See SPEC.md."""

from __future__ import annotations

from ..base import (
    AdvertisementInfo,
    CommandResponse,
    GattWrite,
    StreamConfig,
    UnsupportedConfig,
    register,
)
from ..common import FamilyBase, RecordingSource, adv_matches, check_rate, norm_uuid, pick_range
from . import pmd
from .decoder import PolarDecoder, _resp
from .firmware import PolarFirmware

VERITY_RATES = (26.0, 52.0, 104.0, 208.0, 416.0)
H10_RATES = (25.0, 50.0, 100.0, 200.0)


class PolarFamily(FamilyBase):
    """Polar Verity Sense (default) and H10 (``StreamConfig(model="h10")``, acc only)."""

    id = "polar"
    display_name = "Polar (Verity Sense, H10) – PMD"
    service_uuids = (pmd.PMD_SERVICE,)
    notify_uuids = (pmd.PMD_CP, pmd.PMD_DATA)  # subscribe to both before writing the CP
    has_gyro = True  # Verity Sense; the H10 has none
    supported_rates_hz = VERITY_RATES
    control_uuid = pmd.PMD_CP
    name_prefixes = ("Polar Sense", "Polar Verity", "Polar H10", "Polar OH1", "Polar H9")
    models_by_name = (("polar h10", "h10"),)

    def matches(self, adv: AdvertisementInfo) -> bool:
        # Not the heart-rate service 0x180D: every HR strap advertises it.
        return adv_matches(adv, self.name_prefixes, self.service_uuids)

    def new_decoder(self, config: StreamConfig) -> PolarDecoder:
        return PolarDecoder(config)

    def start_commands(self, config: StreamConfig) -> list[GattWrite]:
        """CP writes; answers come as F0 indications on the CP (see ``parse_response``).

        Verity: 52 Hz ±8 g ±2000 dps uses normal mode; any other rate/range first turns on
        SDK mode (``02 09``). H10 (``model="h10"``): acc only, 25/50/100/200 Hz, ±2/4/8 g.
        """
        if "h10" in config.model.lower():
            rate = check_rate(self, config.rate_hz, H10_RATES)
            if config.gyro:
                raise UnsupportedConfig("polar h10: no gyroscope; use StreamConfig(gyro=False)")
            rng = pick_range(self.id, "acc range g", config.acc_range_g, (2, 4, 8))
            return [GattWrite(pmd.PMD_CP, pmd.cmd_start(pmd.ACC, int(rate), 16, int(rng)))]
        rate = check_rate(self, config.rate_hz)
        arng = pick_range(self.id, "acc range g", config.acc_range_g, (2, 4, 8, 16))
        grng = pick_range(self.id, "gyro range dps", config.gyr_range_dps, (250, 500, 1000, 2000))
        if config.acc_range_g <= 0:
            arng = 8
        writes = []
        normal = rate == 52 and arng == 8 and (grng == 2000 or not config.gyro)
        if not normal:
            writes.append(GattWrite(pmd.PMD_CP, pmd.cmd_start_sdk_mode()))
        writes.append(GattWrite(pmd.PMD_CP, pmd.cmd_start(pmd.ACC, int(rate), 16, int(arng))))
        if config.gyro:
            writes.append(GattWrite(pmd.PMD_CP, pmd.cmd_start(pmd.GYRO, int(rate), 16, int(grng))))
        return writes

    def stop_commands(self, config: StreamConfig | None = None) -> list[GattWrite]:
        """Stop writes. Without ``config``: stop ACC, GYRO and SDK mode; the device answers
        ALREADY_IN_STATE / NOT_SUPPORTED for what was not running, which is harmless."""
        writes = [GattWrite(pmd.PMD_CP, pmd.cmd_stop(pmd.ACC))]
        if config is None or (config.gyro and "h10" not in config.model.lower()):
            writes.append(GattWrite(pmd.PMD_CP, pmd.cmd_stop(pmd.GYRO)))
        if config is None or (
            "h10" not in config.model.lower()
            and any(w.data[:2] == b"\x02\x09" for w in self.start_commands(config))
        ):
            writes.append(GattWrite(pmd.PMD_CP, pmd.cmd_stop(pmd.SDK_MODE)))
        return writes

    def parse_response(self, char_uuid: str, payload: bytes) -> CommandResponse | None:
        if norm_uuid(char_uuid) != pmd.PMD_CP or not payload or payload[0] != 0xF0:
            return None
        try:
            r = pmd.parse_cp_response(bytes(payload))
        except Exception:  # noqa: BLE001
            return None
        return _resp(r)  # ALREADY_IN_STATE counts as ok (idempotent start/stop)

    def _firmware(self, source: RecordingSource, name: str) -> PolarFirmware:
        return PolarFirmware(source, name)


FAMILY = register(PolarFamily())
