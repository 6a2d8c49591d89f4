"""MbientLab MetaWear / MetaMotion family: ``get_family("metawear")``. See SPEC.md."""

from __future__ import annotations

from ..base import GattWrite, StreamConfig, UnsupportedConfig, register
from ..common import FamilyBase, RecordingSource, check_rate, pick_range
from . import mw
from .decoder import MetaWearDecoder
from .firmware import MetaWearFirmware


def chip_of(config: StreamConfig) -> str:
    m = config.model.lower()
    return "bmi270" if m in ("bmi270", "mms", "metamotion s") else "bmi160"


class MetaWearFamily(FamilyBase):
    """MetaMotion R/RL/C (BMI160, default) and MetaMotion S (``StreamConfig(model="bmi270")``)."""

    id = "metawear"
    display_name = "MbientLab MetaWear / MetaMotion"
    service_uuids = (mw.SERVICE,)
    notify_uuids = (mw.NOTIFY,)
    has_gyro = True
    supported_rates_hz = (25.0, 50.0, 100.0, 200.0, 400.0, 800.0)
    control_uuid = mw.COMMAND
    battery_uuid = None  # battery is a MetaWear register (settings 0x11 0x0C), not 0x2A19
    name_prefixes = ("MetaWear", "MetaMotion", "MMRL", "MMR", "MMS", "MMC")
    # MetaMotion S boards carry a BMI270. The default advertised name is "MetaWear" for every
    # board: read the module info (``03 80``) when the name does not tell.
    models_by_name = (("metamotion s", "bmi270"), ("mms", "bmi270"))

    def new_decoder(self, config: StreamConfig) -> MetaWearDecoder:
        return MetaWearDecoder(config)

    def start_commands(self, config: StreamConfig) -> list[GattWrite]:
        """Command writes (without response; MetaWear never answers them).

        > 100 Hz uses the packed registers (3 samples a packet) and asks for a 7.5 ms
        connection interval, as MbientLab advises. ``fusion=True``: IMUPlus sensor fusion at
        100 Hz with quaternion, corrected acc and corrected gyro outputs.
        """
        chip = chip_of(config)
        arng = pick_range(self.id, "acc range g", config.acc_range_g, mw.ACC_RANGES)
        grng = pick_range(self.id, "gyro range dps", config.gyr_range_dps, mw.GYRO_RANGES)
        w = lambda b: GattWrite(mw.COMMAND, bytes(b), response=False)  # noqa: E731
        if config.fusion:
            if abs(config.rate_hz - 100.0) > 0.5:
                raise UnsupportedConfig("metawear: sensor fusion runs at 100 Hz only")
            if grng < 250:
                raise UnsupportedConfig("metawear: sensor fusion needs a gyro range >= 250 dps")
            outs = (mw.SF_QUAT, mw.SF_CORR_ACC, mw.SF_CORR_GYRO)
            mask = sum(1 << (r - 4) for r in outs)
            return (
                [w(mw.fusion_mode(mw.SF_IMUPLUS, arng, grng)), w(mw.acc_config(chip, 100.0, arng)),
                 w(mw.gyro_config(100.0, grng))]
                + [w([mw.FUSION, r, 1]) for r in outs]
                + [w([mw.ACC, mw.INT_ENABLE, 1, 0]), w([mw.GYRO, mw.INT_ENABLE, 1, 0]),
                   w([mw.ACC, mw.POWER, 1]), w([mw.GYRO, mw.POWER, 1]),
                   w([mw.FUSION, mw.SF_OUTPUT, mask, 0]), w([mw.FUSION, mw.SF_ENABLE, 1])]
            )
        rate = check_rate(self, config.rate_hz)
        packed = rate > 100
        writes = []
        if packed:
            writes.append(w(mw.conn_params(7.5, 7.5, 0, 6000)))
        writes.append(w(mw.acc_config(chip, rate, arng)))
        acc_reg = mw.ACC_PACKED[chip] if packed else mw.ACC_DATA
        writes.append(w([mw.ACC, acc_reg, 1]))
        if config.gyro:
            writes.append(w(mw.gyro_config(rate, grng)))
            gyr_reg = mw.GYRO_PACKED[chip] if packed else mw.GYRO_DATA[chip]
            writes.append(w([mw.GYRO, gyr_reg, 1]))
            writes.append(w([mw.GYRO, mw.INT_ENABLE, 1, 0]))
        writes.append(w([mw.ACC, mw.INT_ENABLE, 1, 0]))
        if config.gyro:
            writes.append(w([mw.GYRO, mw.POWER, 1]))
        writes.append(w([mw.ACC, mw.POWER, 1]))
        return writes

    def stop_commands(self, config: StreamConfig | None = None) -> list[GattWrite]:
        """Stop fusion, acc and gyro (power off, interrupts off), then unsubscribe the data
        registers of the board's chip (BMI160 when ``config`` does not say: register numbers
        differ, and writing another chip's register is not harmless)."""
        chip = chip_of(config) if config is not None else "bmi160"
        w = lambda b: GattWrite(mw.COMMAND, bytes(b), response=False)  # noqa: E731
        out = [w([mw.FUSION, mw.SF_ENABLE, 0]), w([mw.FUSION, mw.SF_OUTPUT, 0, 0x7F])]
        out += [w([mw.ACC, mw.POWER, 0]), w([mw.GYRO, mw.POWER, 0])]
        out += [w([mw.ACC, mw.INT_ENABLE, 0, 1]), w([mw.GYRO, mw.INT_ENABLE, 0, 1])]
        regs = [(mw.ACC, mw.ACC_DATA), (mw.ACC, mw.ACC_PACKED[chip]), (mw.GYRO, mw.GYRO_DATA[chip]),
                (mw.GYRO, mw.GYRO_PACKED[chip]), (mw.FUSION, mw.SF_QUAT), (mw.FUSION, mw.SF_CORR_ACC),
                (mw.FUSION, mw.SF_CORR_GYRO)]
        out += [w([mod, reg, 0]) for mod, reg in regs]
        return out

    def _firmware(self, source: RecordingSource, name: str) -> MetaWearFirmware:
        return MetaWearFirmware(source, name)


FAMILY = register(MetaWearFamily())
