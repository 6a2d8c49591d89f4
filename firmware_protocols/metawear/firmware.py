"""Simulated MetaWear board (MetaMotion RL/R with BMI160 by default; "MetaMotion S"/"MMS" in
the name gives a BMI270 board). Register-level state machine: config, subscribe, interrupt
enable, power; sensor fusion (IMUPlus) with quaternion / corrected acc & gyro / linear acc /
gravity / Euler outputs at 100 Hz, computed by an on-board style complementary filter."""

from __future__ import annotations

import struct

import numpy as np

from ..common import RecordingSource, SimFirmwareBase, norm_uuid, quantise
from ..simfusion import euler_hpr as _euler
from ..simfusion import fuse_step as _fuse
from ..simfusion import rotate_inv as _rotate_inv
from . import mw

G = 9.80665


class MetaWearFirmware(SimFirmwareBase):
    """``variant`` picks the board ("mma8452q" = MetaWear R, "bmi270" = MetaMotion S, ...);
    without it, "MetaMotion S"/"MMS" in the name is a BMI270 board, anything else a BMI160 one.
    Every board advertises what it is given as ``name`` ("MetaWear" by default): only its
    module-info replies (``03 80``, ``13 80``, ``15 80``) tell the chips, as on real boards."""

    def __init__(self, source: RecordingSource, name: str = "", variant: str = "") -> None:
        n = name.lower()
        if variant:
            self.chip = mw.CHIP_ALIASES[variant.strip().lower()]
        else:
            self.chip = "bmi270" if ("metamotion s" in n or "mms" in n) else "bmi160"
        super().__init__(source, name or "MetaWear")
        self.subs: set[tuple[int, int]] = set()
        self.cfg: dict[int, bytes] = {}
        self.enabled: set[int] = set()
        self.powered: set[int] = set()
        self.sf_mode = 0
        self.sf_mask = 0
        self.sf_on = False
        self.led_pattern: bytes | None = None  # the LED's programmed pattern (13 B after "02")

    # ------------------------------------------------------------------ writes
    def handle_write(self, char_uuid: str, data: bytes) -> list[tuple[str, bytes]]:
        if norm_uuid(char_uuid) != mw.COMMAND:
            self.errors.append(f"write to {char_uuid}")
            return []
        data = bytes(data)
        if len(data) < 2:
            self.errors.append("short command")
            return []
        mod, reg, arg = data[0], data[1], data[2:]
        if reg == mw.READ and mod in (mw.ACC, mw.GYRO, mw.MAG):
            return [(mw.NOTIFY, mw.MODULE_INFO[self.chip][mod])]
        if self.chip == "mma8452q" and mod in (mw.GYRO, mw.MAG, mw.FUSION):
            self.errors.append(f"module 0x{mod:02x} not present on a MetaWear R")
            return []
        if self.chip == "mma8452q" and mod == mw.ACC:
            self._mma_write(reg, arg, data)
        elif mod in (mw.ACC, mw.GYRO, mw.MAG):
            if reg == mw.CONFIG and len(arg) == 2:
                self.cfg[mod] = arg
            elif reg == mw.INT_ENABLE and len(arg) == 2:
                (self.enabled.add if arg[0] else self.enabled.discard)(mod)
            elif reg == mw.POWER and len(arg) == 1:
                (self.powered.add if arg[0] else self.powered.discard)(mod)
            elif len(arg) == 1:  # subscribe / unsubscribe a data register
                (self.subs.add if arg[0] else self.subs.discard)((mod, reg))
            else:
                self.errors.append(f"unknown command {data.hex()}")
        elif mod == mw.FUSION:
            if reg == mw.SF_MODE and len(arg) == 2:
                self.sf_mode = arg[0]
            elif reg == mw.SF_OUTPUT and len(arg) == 2:
                self.sf_mask = (self.sf_mask | arg[0]) & ~arg[1]
            elif reg == mw.SF_ENABLE and len(arg) == 1:
                self.sf_on = bool(arg[0])
            elif len(arg) == 1:
                (self.subs.add if arg[0] else self.subs.discard)((mod, reg))
            else:
                self.errors.append(f"unknown command {data.hex()}")
        elif mod == mw.SETTINGS:
            pass  # connection parameters etc.: accepted, no effect on the simulation
        elif mod in (mw.HAPTIC, mw.LED):
            self._actuator(reg, arg, data)
        else:
            self.errors.append(f"module 0x{mod:02x} not simulated")
        self._update()
        return []

    def _actuator(self, reg: int, arg: bytes, data: bytes) -> None:
        """Haptic driver and LED: logged in ``received`` as the board acts on them."""
        if data[0] == mw.HAPTIC and reg == mw.HAPTIC_PULSE and len(arg) == 4:
            duty, ms, buzzer = struct.unpack("<BHB", arg)
            self._log("beep" if buzzer else "vibrate", f"{'buzzer' if buzzer else 'motor'} duty {duty}/248, {ms} ms")
        elif data[0] == mw.LED and reg == mw.LED_CONFIG and len(arg) == 15:
            self.led_pattern = arg
        elif data[0] == mw.LED and reg == mw.LED_PLAY and len(arg) == 1 and arg[0] in (1, 2):
            if self.led_pattern is None:
                self.errors.append("LED play without a pattern")
                return
            p = mw.LED_PATTERN.unpack(bytes([mw.LED, mw.LED_CONFIG]) + self.led_pattern)
            self._log("led", f"color {p[2]}, on {p[7]} ms every {p[9]} ms, x{p[11]}")
        elif data[0] == mw.LED and reg == mw.LED_STOP and len(arg) == 1:
            if arg[0]:
                self.led_pattern = None
        else:
            self.errors.append(f"unknown command {data.hex()}")

    def _mma_write(self, reg: int, arg: bytes, data: bytes) -> None:
        """MMA8452Q registers: 01 global enable, 02 data enable, 03 config (5 B), 04/12 data."""
        if reg == mw.MMA_DATA_CONFIG and len(arg) == 5:
            self.cfg[mw.ACC] = arg
        elif reg == mw.MMA_DATA_ENABLE and len(arg) == 1:
            (self.enabled.add if arg[0] else self.enabled.discard)(mw.ACC)
        elif reg == mw.MMA_GLOBAL_ENABLE and len(arg) == 1:
            (self.powered.add if arg[0] else self.powered.discard)(mw.ACC)
        elif reg in (mw.MMA_DATA, mw.MMA_PACKED) and len(arg) == 1:
            (self.subs.add if arg[0] else self.subs.discard)((mw.ACC, reg))
        else:
            self.errors.append(f"unknown MMA8452Q command {data.hex()}")

    # ------------------------------------------------------------------ stream state
    def _rate(self, mod: int) -> float | None:
        if self.chip == "mma8452q":
            cfg = self.cfg.get(mw.ACC, bytes([0, 0, 0x18, 0, 0]))  # SDK default: ±2 g, 100 Hz
            return {v: k for k, v in mw.MMA_ODR_CODE.items()}.get((cfg[2] >> 3) & 7)
        cfg = self.cfg.get(mod, bytes([0x28, 0]))
        return mw.CODE_ODR.get(cfg[0] & 0x0F)

    def _update(self) -> None:
        fusion = self.sf_on and self.sf_mode != 0
        if fusion:
            for key in [k for k in self.streams if not k.startswith("sf")]:
                self._stop_stream(key)
            for reg in range(mw.SF_CORR_ACC, mw.SF_LINACC + 1):
                key = f"sf{reg}"
                want = bool(self.sf_mask & (1 << (reg - 4))) and (mw.FUSION, reg) in self.subs
                if want and key not in self.streams:
                    self._start_stream(key, 100.0, 1, self._fusion_encoder(reg))
                elif not want:
                    self._stop_stream(key)
            return
        for key in [k for k in self.streams if k.startswith("sf")]:
            self._stop_stream(key)
        if self.chip == "mma8452q":
            mods = [(mw.ACC, (mw.MMA_DATA, mw.MMA_PACKED))]
        else:
            mods = [(mw.ACC, (mw.ACC_DATA, mw.ACC_PACKED[self.chip])),
                    (mw.GYRO, (mw.GYRO_DATA[self.chip], mw.GYRO_PACKED[self.chip]))]
        for mod, regs in mods:
            key = "acc" if mod == mw.ACC else "gyr"
            single, packed = ((mod, r) in self.subs for r in regs)
            on = mod in self.powered and mod in self.enabled and (single or packed)
            if not on:
                self._stop_stream(key)
                continue
            rate = self._rate(mod)
            if rate is None or not self._range_ok(mod):
                if key not in self.streams:
                    self.errors.append(f"module 0x{mod:02x}: invalid config {self.cfg.get(mod, b'').hex()}")
                self._stop_stream(key)
                continue
            if mod == mw.GYRO and self.source.gyr is None:
                self.errors.append("recording has no gyroscope")
                continue
            reg = regs[1] if packed else regs[0]
            if key not in self.streams:
                self._start_stream(key, rate, 3 if packed else 1, self._imu_encoder(mod, reg))

    def _range_ok(self, mod: int) -> bool:
        if self.chip == "mma8452q":
            return self.cfg.get(mw.ACC, bytes(5))[0] & 3 < len(mw.MMA_RANGES)
        code = self.cfg.get(mod, bytes([0x28, 0]))[1]
        if mod == mw.ACC:
            return code in mw.ACC_RANGE_CODE[self.chip].values()
        return code < 5

    # ------------------------------------------------------------------ encoders
    def _imu_encoder(self, mod: int, reg: int):  # noqa: ANN202
        if self.chip == "mma8452q":  # milli-g, saturating at the configured full scale
            lim = 1000 * mw.MMA_RANGES[self.cfg.get(mw.ACC, bytes(5))[0] & 3]

            def enc_mma(k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
                body = np.clip(quantise(acc, mw.MMA_LSB_PER_G, 16), -lim, lim).astype("<i2").tobytes()
                return [(int(t[-1]), mw.NOTIFY, bytes([mw.ACC, reg]) + body)]

            return enc_mma
        code = self.cfg.get(mod, bytes([0x28, 0]))[1]
        if mod == mw.ACC:
            rng = {v: k for k, v in mw.ACC_RANGE_CODE[self.chip].items()}[code]
            lsb = mw.acc_scale(rng)
        else:
            lsb = mw.GYRO_SCALE[code]

        def enc(k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
            x = acc if mod == mw.ACC else gyr
            body = quantise(x, lsb, 16).astype("<i2").tobytes()
            return [(int(t[-1]), mw.NOTIFY, bytes([mod, reg]) + body)]

        return enc

    def _fusion_encoder(self, reg: int):  # noqa: ANN202
        state = {"q": None}

        def enc(k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
            a = acc[0]
            w = np.zeros(3) if gyr is None else gyr[0]
            q = _fuse(state["q"], a, w, 0.01)
            state["q"] = q
            grav = _rotate_inv(q, np.array([0.0, 0.0, 1.0]))  # gravity in sensor frame, g
            if reg == mw.SF_CORR_ACC:
                body = struct.pack("<3fB", *(a * 1000.0), 3)
            elif reg == mw.SF_CORR_GYRO:
                body = struct.pack("<3fB", *w, 3)
            elif reg == mw.SF_CORR_MAG:
                body = struct.pack("<3fB", 0.0, 0.0, 0.0, 0)
            elif reg == mw.SF_QUAT:
                body = struct.pack("<4f", *q)
            elif reg == mw.SF_EULER:
                h, p, r = _euler(q)
                body = struct.pack("<4f", h, p, r, h)
            elif reg == mw.SF_GRAVITY:
                body = struct.pack("<3f", *(grav * G))
            else:
                body = struct.pack("<3f", *((a - grav) * G))
            return [(int(t[-1]), mw.NOTIFY, bytes([mw.FUSION, reg]) + body)]

        return enc
