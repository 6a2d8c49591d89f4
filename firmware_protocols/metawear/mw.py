"""MetaWear wire format (MetaWear-SDK-Cpp is the spec): UUIDs, registers, config codes,
command builders, notification layouts. See SPEC.md."""

from __future__ import annotations

import struct

SERVICE = "326a9000-85cb-9195-d9dd-464cfbbae75a"
COMMAND = "326a9001-85cb-9195-d9dd-464cfbbae75a"  # write without response
NOTIFY = "326a9006-85cb-9195-d9dd-464cfbbae75a"

ACC, SETTINGS, GYRO, MAG, FUSION = 0x03, 0x11, 0x13, 0x15, 0x19
LED, HAPTIC = 0x02, 0x08  # actuators (feedback cues): RGB LED, haptic driver (motor or buzzer)
READ = 0x80
# register numbers
POWER, INT_ENABLE, CONFIG = 0x01, 0x02, 0x03
ACC_DATA = 0x04
ACC_PACKED = {"bmi160": 0x1C, "bmi270": 0x05}
GYRO_DATA = {"bmi160": 0x05, "bmi270": 0x04}
GYRO_PACKED = {"bmi160": 0x07, "bmi270": 0x05}
MAG_DATA = 0x05
# sensor fusion registers: mode/enable/output mask, output data registers
SF_ENABLE, SF_MODE, SF_OUTPUT = 0x01, 0x02, 0x03
SF_CORR_ACC, SF_CORR_GYRO, SF_CORR_MAG, SF_QUAT, SF_EULER, SF_GRAVITY, SF_LINACC = range(4, 11)
SF_IMUPLUS = 2
SETTINGS_CONN_PARAMS = 0x09

# Bosch ODR codes (BMI160 / BMI270, acc and gyro share the numbering) and bandwidth "normal" (2)
ODR_CODE = {25.0: 6, 50.0: 7, 100.0: 8, 200.0: 9, 400.0: 10, 800.0: 11}
CODE_ODR = {v: k for k, v in ODR_CODE.items()} | {5: 12.5, 12: 1600.0, 13: 3200.0}
ACC_RANGES = (2.0, 4.0, 8.0, 16.0)
ACC_RANGE_CODE = {"bmi160": {2.0: 0x03, 4.0: 0x05, 8.0: 0x08, 16.0: 0x0C}, "bmi270": {2.0: 0, 4.0: 1, 8.0: 2, 16.0: 3}}
GYRO_RANGES = (125.0, 250.0, 500.0, 1000.0, 2000.0)
GYRO_RANGE_CODE = {2000.0: 0, 1000.0: 1, 500.0: 2, 250.0: 3, 125.0: 4}
GYRO_SCALE = (16.4, 32.8, 65.6, 131.2, 262.4)  # LSB per deg/s by range code (datainterpreter)
MAG_PACKED = 0x09  # 3 BMM150 samples a notification (test_magnetometer_bmm150.py)
MAG_LSB_PER_UT = 16.0
MAG_FULL_SCALE_UT = 2500.0  # BMM150: ±1300 µT (x, y), ±2500 µT (z)

# module discovery replies [mod, 0x80, implementation, revision]; a module the board lacks
# answers [mod, 0x80] only (test/common.py: MetaWear R, MetaMotion R/RL, MetaMotion S boards)
MODULE_INFO = {
    "bmi160": {ACC: bytes([ACC, READ, 1, 1]), GYRO: bytes([GYRO, READ, 0, 1]), MAG: bytes([MAG, READ, 0, 1])},
    "bmi270": {ACC: bytes([ACC, READ, 4, 0]), GYRO: bytes([GYRO, READ, 1, 0]), MAG: bytes([MAG, READ, 0, 2])},
    "mma8452q": {ACC: bytes([ACC, READ, 0, 1]), GYRO: bytes([GYRO, READ]), MAG: bytes([MAG, READ])},
}
# accelerometer implementation byte → chip (accelerometer.cpp MBL_MW_MODULE_ACC_TYPE_*)
ACC_IMPL = {0: "mma8452q", 1: "bmi160", 3: "bma255", 4: "bmi270"}
CHIPS = ("bmi160", "bmi270", "mma8452q")
CHIP_ALIASES = {"bmi160": "bmi160", "mmr": "bmi160", "mmrl": "bmi160", "mmc": "bmi160", "metamotion r": "bmi160",
                "bmi270": "bmi270", "mms": "bmi270", "metamotion s": "bmi270",
                "mma8452q": "mma8452q", "metawear r": "mma8452q", "metawear-r": "mma8452q"}

# MMA8452Q (MetaWear R): accelerometer_mma8452q_register.h, accelerometer_mma8452q.cpp
MMA_GLOBAL_ENABLE, MMA_DATA_ENABLE, MMA_DATA_CONFIG, MMA_DATA = 0x01, 0x02, 0x03, 0x04
MMA_PACKED = 0x12  # packed acceleration (3 samples), boards with module revision >= 1
MMA_ODR_CODE = {800.0: 0, 400.0: 1, 200.0: 2, 100.0: 3, 50.0: 4}  # (12.5, 6.25, 1.56 Hz unused)
MMA_RANGES = (2.0, 4.0, 8.0)  # fs code 0..2
MMA_LSB_PER_G = 1000.0  # the firmware sends milli-g whatever the range
CHIP_ACC_RANGES = {"bmi160": ACC_RANGES, "bmi270": ACC_RANGES, "mma8452q": MMA_RANGES}
CHIP_RATES = {"bmi160": tuple(ODR_CODE), "bmi270": tuple(ODR_CODE), "mma8452q": tuple(sorted(MMA_ODR_CODE))}


def mma_config(rate_hz: float, range_g: float) -> bytes:
    """``03 03`` + the 5-byte MMA8452Q data config: fs (byte 0), dr << 3 (byte 2); e.g. 50 Hz
    ±2 g = ``03 03 00 00 20 00 00``, 100 Hz ±8 g = ``03 03 02 00 18 00 00`` (SDK tests)."""
    return bytes([ACC, MMA_DATA_CONFIG, MMA_RANGES.index(range_g), 0, MMA_ODR_CODE[rate_hz] << 3, 0, 0])


def acc_scale(range_g: float) -> float:
    """LSB per g."""
    return 32768.0 / range_g


def acc_config(chip: str, rate_hz: float, range_g: float) -> bytes:
    """``03 03 b0 b1``: b0 = odr | bwp<<4 | us<<7 (BMI270 sets us), b1 = range code."""
    b0 = ODR_CODE[rate_hz] | (2 << 4) | (0x80 if chip == "bmi270" else 0)
    return bytes([ACC, CONFIG, b0, ACC_RANGE_CODE[chip][range_g]])


def gyro_config(rate_hz: float, range_dps: float) -> bytes:
    return bytes([GYRO, CONFIG, ODR_CODE[rate_hz] | (2 << 4), GYRO_RANGE_CODE[range_dps]])


def conn_params(min_ms: float, max_ms: float, latency: int, timeout_ms: float) -> bytes:
    """``11 09`` + u16 min, max (1.25 ms units), latency, timeout (10 ms units)."""
    return bytes([SETTINGS, SETTINGS_CONN_PARAMS]) + struct.pack(
        "<4H", round(min_ms / 1.25), round(max_ms / 1.25), latency, round(timeout_ms / 10)
    )


def fusion_mode(mode: int, acc_range_g: float, gyro_range_dps: float) -> bytes:
    """``19 02 mode acc_range|(gyro_range+1)<<4``; acc 0..3 = 2..16 g, gyro 0..3 = 2000..250."""
    a = ACC_RANGES.index(acc_range_g)
    g = {2000.0: 0, 1000.0: 1, 500.0: 2, 250.0: 3}[gyro_range_dps]
    return bytes([FUSION, SF_MODE, mode, a | ((g + 1) << 4)])


# -- actuators (MetaWear-SDK-Cpp src/metawear/peripheral/cpp/haptic.cpp, led.cpp) -------------------
HAPTIC_PULSE = 0x01
HAPTIC_MAX_DUTY = 248  # duty byte at 100 %
BUZZER_DUTY = 127
LED_PLAY, LED_STOP, LED_CONFIG = 0x01, 0x02, 0x03
LED_GREEN, LED_RED, LED_BLUE = 0, 1, 2
LED_PATTERN = struct.Struct("<BBBBBBHHHHHB")  # 17 B: module, reg, color, 2, pattern (13 B)


def cmd_haptic(duty_pct: float, pulse_ms: int, buzzer: bool = False) -> bytes:
    """``08 01 duty width_ms(u16) buzzer``: the motor at ``duty_pct`` % (the buzzer at its fixed
    duty) for ``pulse_ms`` (haptic.cpp ``mbl_mw_haptic_start_motor`` / ``_buzzer``)."""
    duty = BUZZER_DUTY if buzzer else int(min(max(duty_pct, 0.0), 100.0) / 100.0 * HAPTIC_MAX_DUTY)
    return struct.pack("<BBBHB", HAPTIC, HAPTIC_PULSE, duty, pulse_ms, 1 if buzzer else 0)


def cmd_led_pattern(color: int, high_ms: int, period_ms: int, repeat: int, high: int = 31, low: int = 0) -> bytes:
    """``02 03 color 02`` + the pattern: intensities high/low (0-31), rise, high, fall, pulse
    duration, delay (ms, u16), repeat count (led.cpp ``mbl_mw_led_write_pattern``)."""
    return LED_PATTERN.pack(LED, LED_CONFIG, color, 2, high, low, 0, high_ms, 0, period_ms, 0, repeat)


def cmd_led_play() -> bytes:
    return bytes([LED, LED_PLAY, 1])


def cmd_led_stop(clear: bool = True) -> bytes:
    return bytes([LED, LED_STOP, 1 if clear else 0])
