"""Nordic Thingy:52, Motion service (TMS): ``get_family("thingy52")``. See SPEC.md."""

from __future__ import annotations

import struct

import numpy as np

from ..base import DecodedBatch, DecodeError, GattWrite, StreamConfig, UnsupportedConfig, register
from ..common import (
    NS,
    CounterClock,
    DecoderBase,
    Limits,
    FamilyBase,
    RecordingSource,
    SimFirmwareBase,
    norm_uuid,
    quantise,
)
from ..simfusion import euler_hpr, fuse_step


def tms(short: int) -> str:
    return f"ef68{short:04x}-9b35-4933-9b10-52ffa9740042"


SERVICE, CONFIG, RAW, QUAT, EULER, GRAVITY = (tms(x) for x in (0x0400, 0x0401, 0x0406, 0x0404, 0x0407, 0x040A))
TAP, ORIENTATION, PEDOMETER, ROT_MAT, HEADING = (tms(x) for x in (0x0402, 0x0403, 0x0405, 0x0408, 0x0409))
# actuators (feedback cues): user interface service LED, sound service (Nordic Thingy:52
# firmware; layouts as in NordicPlayground/Nordic-Thingy52-Thingyjs LEDService.js,
# SoundConfigurationService.js, SpeakerDataService.js)
LED_CHAR, SOUND_CONFIG, SPEAKER_DATA = tms(0x0301), tms(0x0501), tms(0x0502)
SPEAKER_FREQUENCY_MODE, MIC_ADPCM = 1, 1
LED_ONE_SHOT, LED_PURPLE = 3, 5  # LED modes 0 off, 1 constant RGB, 2 breathe, 3 one shot; colors 1..7
CUE_TONE_HZ, CUE_VOLUME_PCT, CUE_LED_INTENSITY_PCT = 880, 60, 60
ROT_Q = 2**14  # rotation matrix: the driver's Q2.30 >> 16 = Q2.14 (m_motion.c)
HEADING_Q = 65536.0  # heading: int32 Q16.16 degrees (m_motion.c DRV_MOTION_EVT_HEADING)
# Largest full scales of the MPU-9250 (the firmware's setting is not readable over BLE):
# ±16 g, ±2000 °/s; AK8963 magnetometer ±4912 µT.
ACC_FS_G, GYR_FS_DPS, MAG_FS_UT = 16.0, 2000.0, 4912.0
TAP_DIRECTIONS = {1: "x_up", 2: "x_down", 3: "y_up", 4: "y_down", 5: "z_up", 6: "z_down"}
ORIENTATIONS = {0: "portrait", 1: "landscape", 2: "reverse_portrait", 3: "reverse_landscape"}
RATES = (5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0)  # any integer 5..200 Hz is accepted
ACC_Q, GYR_Q, MAG_Q = 1024.0, 32.0, 16.0  # Q6.10 g, Q11.5 °/s, Q12.4 µT
_SCALE = 1.0 / np.repeat([ACC_Q, GYR_Q, MAG_Q], 3)


def config_bytes(rate_hz: int, pedometer_ms: int = 1000, temp_ms: int = 1000, compass_ms: int = 100,
                 wake_on_motion: int = 0) -> bytes:
    """TMS config (0401), 9 bytes LE: pedometer, temperature-compensation and compass intervals
    (ms), motion processing frequency (Hz), wake on motion. 100 Hz → ``e8 03 e8 03 64 00 64 00 00``."""
    return struct.pack("<4HB", pedometer_ms, temp_ms, compass_ms, rate_hz, wake_on_motion)


def parse_config(data: bytes) -> tuple[int, int, int, int, int]:
    if len(data) != 9:
        raise ValueError("TMS config is 9 bytes")
    return struct.unpack("<4HB", data)


class ThingyDecoder(DecoderBase):
    """Every motion characteristic of the TMS: raw (0406: acc Q6.10 g, gyro Q11.5 °/s, compass
    Q12.4 µT), quaternion (0404: Q2.30), Euler (0407: Q16.16 °), rotation matrix (0408: 9 ×
    Q2.14, row-major → ``extra["rot_matrix"]`` (n,9)), heading (0409: Q16.16 ° →
    ``extra["heading_deg"]``), gravity (040A: f32 m/s²), and the events tap (0402: direction,
    count → ``extra["tap"]``), orientation (0403: 0-3 → ``extra["orientation"]``) and pedometer
    (0405: u32 steps, u32 ms → ``extra["pedometer"]``). Compass values are returned only with
    ``config.mag``.

    No timestamps or counters: the periodic characteristics (raw, quaternion, Euler, rotation
    matrix, gravity) stamp sample k of each at k / ``config.rate_hz``; heading and the events
    carry no time and get the device time of the latest periodic sample."""

    PERIODIC = frozenset({RAW, QUAT, EULER, GRAVITY, ROT_MAT})

    def __init__(self, config: StreamConfig) -> None:
        super().__init__(config)
        self.clocks: dict[str, CounterClock] = {}

    def _limits(self) -> Limits:
        return Limits(acc_g=ACC_FS_G, gyr_dps=GYR_FS_DPS, mag_ut=MAG_FS_UT)

    def reset(self) -> None:
        super().reset()
        self.clocks = {}

    def _t(self, uuid: str) -> np.ndarray:
        if uuid not in self.PERIODIC:
            last = max((c.count for c in self.clocks.values()), default=0)
            return np.array([round(max(last - 1, 0) * NS / self.config.rate_hz)], dtype=np.int64)
        c = self.clocks.get(uuid)
        if c is None:
            c = self.clocks[uuid] = CounterClock(self.config.rate_hz)
        return c.stamps(1)

    def _ints(self, payload: bytes, n: int, dtype: str, what: str) -> np.ndarray:
        if len(payload) != n * np.dtype(dtype).itemsize:
            raise DecodeError(f"thingy {what}: {len(payload)} bytes, expected {n * np.dtype(dtype).itemsize}")
        return np.frombuffer(payload, dtype).astype(np.float64)

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        if uuid == RAW:
            v = (self._ints(payload, 9, "<i2", "raw") * _SCALE).reshape(3, 3)
            return [DecodedBatch(self._t(uuid), acc_g=v[0:1], gyr_dps=v[1:2], mag_ut=v[2:3] if self.config.mag else None)]
        if uuid == QUAT:
            q = self._ints(payload, 4, "<i4", "quaternion") / 2**30
            return [DecodedBatch(self._t(uuid), quat=q[None])]
        if uuid == EULER:
            e = self._ints(payload, 3, "<i4", "euler") / 65536.0
            return [DecodedBatch(self._t(uuid), extra={"euler_deg": e[None]})]
        if uuid == ROT_MAT:
            m = self._ints(payload, 9, "<i2", "rotation matrix") / ROT_Q
            return [DecodedBatch(self._t(uuid), extra={"rot_matrix": m[None]})]
        if uuid == HEADING:
            h = self._ints(payload, 1, "<i4", "heading") / HEADING_Q
            return [DecodedBatch(self._t(uuid), extra={"heading_deg": h[None]})]
        if uuid == GRAVITY:
            if len(payload) != 12:
                raise DecodeError(f"thingy gravity: {len(payload)} bytes, expected 12")
            raw = np.frombuffer(payload, "<f4")
            if not np.isfinite(raw).all():  # checked on float32: no NaN-cast warnings
                raise DecodeError("thingy gravity: non-finite value")
            g = raw.astype(np.float64) / 9.80665
            return [DecodedBatch(self._t(uuid), extra={"gravity_g": g[None]})]
        if uuid == TAP:
            direction, count = self._ints(payload, 2, "u1", "tap")
            if int(direction) not in TAP_DIRECTIONS:
                raise DecodeError(f"thingy tap: direction {int(direction)} is not 1-6")
            return [DecodedBatch(self._t(uuid), extra={"tap": np.array([[direction, count]], dtype=np.int64)})]
        if uuid == ORIENTATION:
            (o,) = self._ints(payload, 1, "u1", "orientation")
            if int(o) not in ORIENTATIONS:
                raise DecodeError(f"thingy orientation: {int(o)} is not 0-3")
            return [DecodedBatch(self._t(uuid), extra={"orientation": np.array([[o]], dtype=np.int64)})]
        if uuid == PEDOMETER:
            steps, ms = self._ints(payload, 2, "<u4", "pedometer")
            return [DecodedBatch(self._t(uuid), extra={"pedometer": np.array([[steps, ms]], dtype=np.int64)})]
        raise DecodeError(f"thingy: not a motion characteristic {uuid}")


def _rotation_matrix(q: np.ndarray) -> np.ndarray:
    """Sensor → earth rotation matrix of a unit quaternion (w, x, y, z)."""
    w, x, y, z = q
    return np.array([
        [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
        [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
        [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
    ])


class ThingyFirmware(SimFirmwareBase):
    """Streams raw data (and the quaternion, rotation matrix and heading of a small on-board style
    filter) while their notifications are on, at the motion processing frequency from the config
    characteristic (100 Hz until written). Tap, orientation and pedometer events are not
    simulated. A config
    outside the firmware's ranges (frequency 5–200 Hz, intervals) is refused and recorded in
    ``errors``; the old config stays."""

    def __init__(self, source: RecordingSource, name: str = "") -> None:
        super().__init__(source, name or "Thingy")
        self.config = config_bytes(100)
        self.qs: dict[str, np.ndarray] = {}  # filter state per stream
        self.speaker_mode = 0  # until the sound config is written: no speaker mode
        # A host that never reports its CCCD writes (set_notify) is taken to have subscribed to
        # the raw data, as every client must: stream from the start.
        self.set_notify(RAW, True)

    def handle_read(self, char_uuid: str) -> bytes:
        if norm_uuid(char_uuid) == CONFIG:
            return self.config
        return super().handle_read(char_uuid)

    def _rate(self) -> float:
        return float(parse_config(self.config)[3])

    def _on_notify(self, uuid: str, enabled: bool) -> None:
        if uuid in (RAW, QUAT, ROT_MAT, HEADING):
            if enabled:
                self._start_stream(uuid, self._rate(), 1, self._encoder(uuid))
            else:
                self._stop_stream(uuid)

    def handle_write(self, char_uuid: str, data: bytes) -> list[tuple[str, bytes]]:
        data = bytes(data)
        uuid = norm_uuid(char_uuid)
        if uuid in (LED_CHAR, SOUND_CONFIG, SPEAKER_DATA):
            self._actuator(uuid, data)
            return []
        if uuid != CONFIG:
            self.errors.append(f"write to {char_uuid}")
            return []
        try:
            ped, temp, comp, freq, _ = parse_config(data)
        except ValueError as e:
            self.errors.append(str(e))
            return []
        if not (5 <= freq <= 200 and 100 <= ped <= 5000 and 100 <= temp <= 5000 and 100 <= comp <= 1000):
            self.errors.append(f"config out of range: {data.hex()}")
            return []
        self.config = data
        for uuid in [u for u in self.streams]:  # new frequency applies at once
            self._start_stream(uuid, float(freq), 1, self._encoder(uuid))
        return []

    def _actuator(self, uuid: str, data: bytes) -> None:
        """LED and speaker writes, logged in ``received`` as the firmware acts on them."""
        if uuid == SOUND_CONFIG and len(data) == 2 and data[0] in (1, 2, 3) and data[1] in (1, 2):
            self.speaker_mode = data[0]
            self._log("sound_config", f"speaker mode {data[0]}, microphone mode {data[1]}")
        elif uuid == SPEAKER_DATA and self.speaker_mode == SPEAKER_FREQUENCY_MODE and len(data) == 5:
            hz, ms, vol = struct.unpack("<HHB", data)
            self._log("beep", f"{hz} Hz, {ms} ms, volume {vol}%")
        elif uuid == LED_CHAR and len(data) == 3 and data[0] == LED_ONE_SHOT and 1 <= data[1] <= 7 and data[2] <= 100:
            self._log("led", f"one shot, color {data[1]}, intensity {data[2]}%")
        elif uuid == LED_CHAR and len(data) == 1 and data[0] == 0:
            self._log("led_off")
        else:
            self.errors.append(f"write {data.hex()} to {uuid} refused (speaker mode {self.speaker_mode})")

    def _encoder(self, uuid: str):  # noqa: ANN202
        def enc(k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
            g = np.zeros(3) if gyr is None else gyr[0]
            if uuid == RAW:
                m = np.zeros(3) if mag is None else mag[0]
                v = np.concatenate([quantise(acc[0], ACC_Q, 16), quantise(g, GYR_Q, 16), quantise(m, MAG_Q, 16)])
                return [(int(t[-1]), RAW, v.astype("<i2").tobytes())]
            q = self.qs[uuid] = fuse_step(self.qs.get(uuid), acc[0], g, 1.0 / self._rate())  # per stream
            if uuid == QUAT:
                return [(int(t[-1]), QUAT, quantise(q, 2**30, 32).astype("<i4").tobytes())]
            if uuid == ROT_MAT:
                return [(int(t[-1]), ROT_MAT, quantise(_rotation_matrix(q).ravel(), ROT_Q, 16).astype("<i2").tobytes())]
            heading = euler_hpr(q)[0]
            return [(int(t[-1]), HEADING, quantise(np.array([heading]), HEADING_Q, 32).astype("<i4").tobytes())]

        return enc


class ThingyFamily(FamilyBase):
    id = "thingy52"
    display_name = "Nordic Thingy:52"
    service_uuids = (SERVICE,)
    notify_uuids = (RAW,)  # add QUAT for on-board orientation
    has_gyro = True
    supported_rates_hz = RATES
    control_uuid = CONFIG
    name_prefixes = ("Thingy",)

    def new_decoder(self, config: StreamConfig) -> ThingyDecoder:
        return ThingyDecoder(config)

    def start_commands(self, config: StreamConfig) -> list[GattWrite]:
        """Write the motion config (frequency; other intervals at firmware defaults). The raw
        stream starts when its notifications are on. Ranges are fixed by the firmware."""
        r = config.rate_hz
        if not (5 <= r <= 200 and abs(r - round(r)) < 1e-9):
            raise UnsupportedConfig(f"thingy52: {r:g} Hz; the motion frequency is an integer 5–200 Hz")
        return [GattWrite(CONFIG, config_bytes(int(round(r))))]

    def stop_commands(self, config: StreamConfig | None = None) -> list[GattWrite]:
        """None: streaming stops when the host turns notifications off."""
        return []

    def cue_commands(self, modality: str, pulses: tuple[tuple[int, int], ...]) -> list[tuple[GattWrite, float]] | None:
        """``beep``: the speaker in frequency mode, one tone per pulse; ``led``: a one-shot purple
        flash per pulse. No vibration motor."""
        if modality == "beep":
            return [(GattWrite(SOUND_CONFIG, bytes([SPEAKER_FREQUENCY_MODE, MIC_ADPCM])), 0.0)] + [
                (GattWrite(SPEAKER_DATA, struct.pack("<HHB", CUE_TONE_HZ, on, CUE_VOLUME_PCT), response=False),
                 (on + off) / 1000.0) for on, off in pulses]
        if modality == "led":
            return [(GattWrite(LED_CHAR, bytes([LED_ONE_SHOT, LED_PURPLE, CUE_LED_INTENSITY_PCT])), (on + off) / 1000.0)
                    for on, off in pulses]
        return None

    def _firmware(self, source: RecordingSource, name: str) -> ThingyFirmware:
        return ThingyFirmware(source, name)


FAMILY = register(ThingyFamily())
