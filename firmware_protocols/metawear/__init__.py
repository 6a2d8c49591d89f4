"""MbientLab MetaWear / MetaMotion family: ``get_family("metawear")``. See SPEC.md."""

from __future__ import annotations

from dataclasses import replace

from ..base import GattWrite, StreamConfig, UnsupportedConfig, register
from ..common import FamilyBase, RecordingSource, check_rate, norm_uuid, pick_range
from . import mw
from .decoder import MetaWearDecoder, chip_of
from .firmware import MetaWearFirmware


def _known_chip(config: StreamConfig) -> str:
    chip = chip_of(config)
    if chip is None:
        raise UnsupportedConfig(
            "metawear: the accelerometer chip is not known and its scale depends on it: read the board's "
            "module info first (identify_commands, resolve_config) or set StreamConfig.model")
    return chip


CUE_DUTY_PCT = 80.0  # haptic motor strength for a cue


class MetaWearFamily(FamilyBase):
    """MetaMotion R/RL/C (BMI160), MetaMotion S (BMI270) and MetaWear R (MMA8452Q, acc only).

    Every board advertises as "MetaWear": the chip comes from the board's module-info replies
    (``identify_commands`` → ``resolve_config``), which name it in ``StreamConfig.model``.
    """

    id = "metawear"
    display_name = "MbientLab MetaWear / MetaMotion"
    service_uuids = (mw.SERVICE,)
    notify_uuids = (mw.NOTIFY,)
    has_gyro = True  # MetaMotion boards; the MetaWear R has none (its module info says so)
    supported_rates_hz = (25.0, 50.0, 100.0, 200.0, 400.0, 800.0)
    control_uuid = mw.COMMAND
    battery_uuid = None  # battery is a MetaWear register (settings 0x11 0x0C), not 0x2A19
    name_prefixes = ("MetaWear", "MetaMotion", "MMRL", "MMR", "MMS", "MMC")
    # A name like "MetaMotion S" tells the chip; the default name "MetaWear" does not: the
    # module-info reply (03 80) does, always.
    models_by_name = (("metamotion s", "bmi270"), ("mms", "bmi270"))
    # acc and gyro start on separate writes and are counted from their own first sample: under
    # load the two starts were ~123 ms apart at --speed 5, and one clock paired them that far off
    counters_per_stream = True

    def new_decoder(self, config: StreamConfig) -> MetaWearDecoder:
        return MetaWearDecoder(config)

    def identify_commands(self, config: StreamConfig) -> list[GattWrite]:
        """Module-info reads of the accelerometer and gyroscope (``03 80``, ``13 80``), as the
        MetaWear SDK's board initialisation does; the replies name the chips."""
        check_rate(self, config.rate_hz)
        pick_range(self.id, "acc range g", config.acc_range_g, mw.ACC_RANGES)
        pick_range(self.id, "gyro range dps", config.gyr_range_dps, mw.GYRO_RANGES)
        if config.fusion and abs(config.rate_hz - 100.0) > 0.5:
            raise UnsupportedConfig("metawear: sensor fusion runs at 100 Hz only")
        return [GattWrite(mw.COMMAND, bytes([mw.ACC, mw.READ]), response=False),
                GattWrite(mw.COMMAND, bytes([mw.GYRO, mw.READ]), response=False)]

    def resolve_config(self, config: StreamConfig, replies: list[tuple[str, bytes]]) -> StreamConfig | None:
        """``config`` with ``model`` = the chip the board's ``03 80`` reply names. Refuses
        (UnsupportedConfig) an accelerometer it cannot decode, a model that contradicts the
        reply, gyro or fusion on a board without a gyroscope, and rates/ranges the chip lacks."""
        info = {p[0]: p[2:] for u, p in replies if norm_uuid(u) == mw.NOTIFY and len(p) >= 2 and p[1] == mw.READ}
        acc = info.get(mw.ACC)
        if acc is None:
            return None
        if len(acc) < 2:
            raise UnsupportedConfig("metawear: the board's module info lists no accelerometer")
        chip = mw.ACC_IMPL.get(acc[0])
        if chip not in mw.CHIPS:
            raise UnsupportedConfig(f"metawear: accelerometer implementation {acc[0]} ({chip or 'unknown'}) is not "
                                    "supported; OefenSense decodes BMI160, BMI270 and MMA8452Q boards")
        wanted = chip_of(config)
        if config.model and wanted != chip:
            raise UnsupportedConfig(f"metawear: configured as {config.model!r} but the board's module info says {chip}")
        if config.gyro or config.fusion:
            gyro = info.get(mw.GYRO)
            if gyro is None:
                return None
            if len(gyro) < 2:
                raise UnsupportedConfig(f"metawear: this board ({chip}, MetaWear R) has no gyroscope; "
                                        "stream with gyro=False (CLI: --device ADDRESS@metawear-r)")
        check_rate(self, config.rate_hz, mw.CHIP_RATES[chip])
        pick_range(self.id, "acc range g", config.acc_range_g, mw.CHIP_ACC_RANGES[chip])
        if chip == "mma8452q" and config.rate_hz > 100 and acc[1] < 1:
            raise UnsupportedConfig("metawear: this MetaWear R firmware has no packed data; use <= 100 Hz")
        return replace(config, model=chip)

    def start_commands(self, config: StreamConfig) -> list[GattWrite]:
        """Command writes (without response; MetaWear never answers them), for the chip
        ``config.model`` names (``resolve_config`` sets it from the board).

        > 100 Hz uses the packed registers (3 samples a packet) and asks for a 7.5 ms
        connection interval, as MbientLab advises. ``fusion=True``: IMUPlus sensor fusion at
        100 Hz with quaternion, corrected acc and corrected gyro outputs.
        """
        chip = _known_chip(config)
        w = lambda b: GattWrite(mw.COMMAND, bytes(b), response=False)  # noqa: E731
        if chip == "mma8452q":
            return self._start_mma(config, w)
        arng = pick_range(self.id, "acc range g", config.acc_range_g, mw.ACC_RANGES)
        grng = pick_range(self.id, "gyro range dps", config.gyr_range_dps, mw.GYRO_RANGES)
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

    def _start_mma(self, config: StreamConfig, w) -> list[GattWrite]:  # noqa: ANN001
        """MetaWear R: config, subscribe, enable sampling, start (accelerometer_mma8452q.cpp)."""
        if config.gyro or config.fusion:
            raise UnsupportedConfig("metawear: the MetaWear R (MMA8452Q) has no gyroscope or sensor fusion; "
                                    "stream with gyro=False (CLI: --device ADDRESS@metawear-r)")
        rate = check_rate(self, config.rate_hz, mw.CHIP_RATES["mma8452q"])
        rng = pick_range(self.id, "acc range g", config.acc_range_g, mw.MMA_RANGES)
        writes = [w(mw.conn_params(7.5, 7.5, 0, 6000))] if rate > 100 else []
        return writes + [w(mw.mma_config(rate, rng)), w([mw.ACC, mw.MMA_PACKED if rate > 100 else mw.MMA_DATA, 1]),
                         w([mw.ACC, mw.MMA_DATA_ENABLE, 1]), w([mw.ACC, mw.MMA_GLOBAL_ENABLE, 1])]

    def stop_commands(self, config: StreamConfig | None = None) -> list[GattWrite]:
        """Stop fusion, acc and gyro (power off, interrupts off), then unsubscribe the data
        registers of the board's chip (``config.model``; BMI160 when no config says: register
        numbers differ, and writing another chip's register is not harmless)."""
        chip = (chip_of(config) if config is not None else None) or "bmi160"
        w = lambda b: GattWrite(mw.COMMAND, bytes(b), response=False)  # noqa: E731
        if chip == "mma8452q":
            return [w([mw.ACC, mw.MMA_GLOBAL_ENABLE, 0]), w([mw.ACC, mw.MMA_DATA_ENABLE, 0]),
                    w([mw.ACC, mw.MMA_DATA, 0]), w([mw.ACC, mw.MMA_PACKED, 0])]
        out = [w([mw.FUSION, mw.SF_ENABLE, 0]), w([mw.FUSION, mw.SF_OUTPUT, 0, 0x7F])]
        out += [w([mw.ACC, mw.POWER, 0]), w([mw.GYRO, mw.POWER, 0])]
        out += [w([mw.ACC, mw.INT_ENABLE, 0, 1]), w([mw.GYRO, mw.INT_ENABLE, 0, 1])]
        regs = [(mw.ACC, mw.ACC_DATA), (mw.ACC, mw.ACC_PACKED[chip]), (mw.GYRO, mw.GYRO_DATA[chip]),
                (mw.GYRO, mw.GYRO_PACKED[chip]), (mw.FUSION, mw.SF_QUAT), (mw.FUSION, mw.SF_CORR_ACC),
                (mw.FUSION, mw.SF_CORR_GYRO)]
        out += [w([mod, reg, 0]) for mod, reg in regs]
        return out

    def cue_commands(self, modality: str, pulses: tuple[tuple[int, int], ...]) -> list[tuple[GattWrite, float]] | None:
        """The haptic driver (``vibrate``: motor at 80 %; ``beep``: buzzer), one pulse per write;
        the RGB LED (``led``): a blue pattern of the pulses, played once. Which of motor or
        buzzer a board has depends on the board (MetaMotion R+: a coin motor)."""
        if modality in ("vibrate", "beep"):
            return [(GattWrite(mw.COMMAND, mw.cmd_haptic(CUE_DUTY_PCT, on, buzzer=modality == "beep"), response=False),
                     (on + off) / 1000.0) for on, off in pulses]
        if modality == "led":
            on, off = pulses[0]
            total = sum(a + b for a, b in pulses) / 1000.0
            return [(GattWrite(mw.COMMAND, mw.cmd_led_stop(), response=False), 0.0),
                    (GattWrite(mw.COMMAND, mw.cmd_led_pattern(mw.LED_BLUE, on, on + off, len(pulses)), response=False), 0.0),
                    (GattWrite(mw.COMMAND, mw.cmd_led_play(), response=False), total)]
        return None

    def _firmware(self, source: RecordingSource, name: str, variant: str = "") -> MetaWearFirmware:
        return MetaWearFirmware(source, name, variant)


FAMILY = register(MetaWearFamily())
