"""OefenSense open profile for DIY sensors: ``get_family("oefensense")``. SPEC.md is the
normative description; ``firmware/`` holds the reference firmware."""

from __future__ import annotations

import struct

import numpy as np

from ..base import CommandResponse, DecodedBatch, DecodeError, DecoderStats, GattWrite, StreamConfig, register
from ..common import (
    ClockedDecoder,
    Limits,
    DeviceClock,
    FamilyBase,
    RecordingSource,
    SequenceTracker,
    SimFirmwareBase,
    check_rate,
    norm_uuid,
    pick_range,
    resp,
)
from . import profile as pf


class OefenSenseDecoder(ClockedDecoder):
    """Packets are self-describing (rate, ranges in the header). The u16 sequence counter
    finds lost packets (wrap 65535 → 0 is fine), duplicates and restarts; the u32 µs device
    time (wraps every 71.6 min) stamps the samples and finds samples the device itself dropped
    (header flag or a time jump with no missing packet). Length mismatches (split / glued
    notifications) are refused. EVENT answers are collected in ``responses``."""

    what = "oefensense"

    def __init__(self, config: StreamConfig) -> None:
        # the device streams what CONFIGURE asked for (``start_commands``): a header saying
        # otherwise is a corrupt packet, and its scale cannot be trusted
        self.rate = int(check_rate(FAMILY, config.rate_hz, pf.RATES))
        self.acc_range = pick_range("oefensense", "acc range g", config.acc_range_g, pf.ACC_RANGES)
        self.gyr_range = pick_range("oefensense", "gyro range dps", config.gyr_range_dps, pf.GYR_RANGES)
        super().__init__(config)
        self._init()

    def _init(self) -> None:
        self.seq = SequenceTracker(16, self.stats)
        self._clock_stats = DecoderStats()
        self.clock = DeviceClock(32, 1000, float(self.rate), self._clock_stats)

    def reset(self) -> None:
        super().reset()
        self._init()

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        if uuid == pf.EVENT:
            if len(payload) < 2 or not payload[0] & 0x80:
                raise DecodeError("oefensense event: not an answer")
            st = payload[1]
            self.responses.append(resp(st == 0, st, pf.STATUS.get(st, str(st)), payload[0] & 0x7F, payload[2:]))
            if payload[0] & 0x7F in (pf.START, pf.STOP) and st == 0:
                self._init()  # a new stream: counters restart
            return []
        if uuid != pf.DATA:
            raise DecodeError(f"oefensense: not a data characteristic {uuid}")
        seq, t_us, rate, ranges, flags, acc, gyr = pf.decode_packet(payload)
        if rate != self.rate or ranges[0] != self.acc_range or (gyr is not None and ranges[1] != self.gyr_range):
            raise DecodeError(f"oefensense: header says {rate} Hz ±{ranges[0]:g} g ±{ranges[1]:g} dps, configured "
                              f"{self.rate} Hz ±{self.acc_range:g} g ±{self.gyr_range:g} dps")
        s_state = self.seq.check(seq)
        if s_state == "duplicate":
            return []
        vouched = s_state in ("gap", "reset") or bool(flags & pf.FLAG_DEVICE_OVERFLOW)
        return self._release(self.clock.push(t_us, acc.shape[0], (seq, s_state, flags, acc, gyr), vouched))

    def _batches(self, t: np.ndarray, item, c_state: str) -> list[DecodedBatch]:  # noqa: ANN001
        seq, s_state, flags, acc, gyr = item
        missing = self._clock_stats.missing_samples
        self._clock_stats.missing_samples = 0
        if s_state == "gap":
            self.stats.missing_samples += missing
        elif s_state == "ok" and (c_state == "gap" or flags & pf.FLAG_DEVICE_OVERFLOW):
            self.stats.sequence_gaps += 1  # the device lost samples before sending
            self.stats.missing_samples += missing
        if c_state == "reset" and s_state != "reset":
            self.stats.clock_resets += 1  # time went back without a counter restart
        if flags & pf.FLAG_CLIPPED:
            self.stats.errors["clipped"] = self.stats.errors.get("clipped", 0) + 1
        return [DecodedBatch(t, acc_g=acc, gyr_dps=gyr, seq=seq)]

    def _limits(self) -> Limits:
        return Limits(acc_g=self.acc_range, gyr_dps=self.gyr_range)


class OefenSenseFirmware(SimFirmwareBase):
    """The reference firmware's behaviour in software (see firmware/): CONFIGURE / START /
    STOP / VIBRATE / GET_STATUS answered on EVENT, batches of ``batch`` samples (default
    rate/25, at most 19 = MTU 247), u16 sequence, u32 µs time, battery on 0x2A19.
    ``vibrations`` records (device time ns, intensity, duration ms) of VIBRATE commands, and
    ``received`` every command acted on (the motor pin of the reference firmware)."""

    def __init__(self, source: RecordingSource, name: str = "", seq0: int = 0, t0_us: int = 0) -> None:
        super().__init__(source, name or "OefenSense 0001")
        self.rate, self.acc_code, self.gyr_code, self.batch = 100, 2, 4, 0
        self.seq = seq0
        self.t0_us = t0_us  # device clock offset (tests: start near the u32 wrap)
        self.vibrations: list[tuple[int, int, int]] = []
        self.has_gyro = source.gyr is not None

    def handle_read(self, char_uuid: str) -> bytes:
        if norm_uuid(char_uuid) == pf.INFO:
            return pf.info_bytes(1, 0, self.has_gyro, True, 200)
        return super().handle_read(char_uuid)

    def handle_write(self, char_uuid: str, data: bytes) -> list[tuple[str, bytes]]:
        data = bytes(data)
        if norm_uuid(char_uuid) != pf.CONTROL or not data:
            self.errors.append(f"bad write {data.hex()}")
            return []
        cmd = data[0]
        lengths = {pf.CONFIGURE: 6, pf.START: 1, pf.STOP: 1, pf.VIBRATE: 4, pf.GET_STATUS: 1}
        if cmd not in lengths:
            return self._answer(cmd, 1)
        if len(data) != lengths[cmd]:
            return self._answer(cmd, 2)
        answer = self._command(cmd, data)
        if answer[0][1][1] == 0:
            self._log(pf.COMMAND_NAMES[cmd], pf.describe_command(data))
        return answer

    def _command(self, cmd: int, data: bytes) -> list[tuple[str, bytes]]:
        if cmd == pf.CONFIGURE:
            _, rate, a, g, batch = struct.unpack("<BHBBB", data)
            if self.streams:
                return self._answer(cmd, 5)
            if float(rate) not in pf.RATES:
                return self._answer(cmd, 3)
            if a >= len(pf.ACC_RANGES) or g >= len(pf.GYR_RANGES) or batch > 19:
                return self._answer(cmd, 4)
            self.rate, self.acc_code, self.gyr_code, self.batch = rate, a, g, batch
            return self._answer(cmd, 0)
        if cmd == pf.START:
            if self.streams:
                return self._answer(cmd, 5)
            n = self.batch or max(1, self.rate // 25)
            self._start_stream("imu", float(self.rate), n, self._encode)
            return self._answer(cmd, 0)
        if cmd == pf.STOP:
            self._stop_stream("imu")
            return self._answer(cmd, 0)
        if cmd == pf.VIBRATE:
            self.vibrations.append((self.now_ns, data[1], int.from_bytes(data[2:4], "little")))
            return self._answer(cmd, 0)
        return self._answer(cmd, 0, bytes([self.battery_percent, int(self.streaming)]) + self.rate.to_bytes(2, "little"))

    def _answer(self, cmd: int, status: int, extra: bytes = b"") -> list[tuple[str, bytes]]:
        if status:
            self.errors.append(f"{pf.STATUS[status]} for command 0x{cmd:02x}")
        return [(pf.EVENT, pf.answer(cmd, status, extra))]

    def _encode(self, k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
        p = pf.encode_packet(self.seq, self.t0_us + int(t[0]) // 1000, self.rate, self.acc_code,
                             self.gyr_code, acc, gyr)
        self.seq = (self.seq + 1) & 0xFFFF
        return [(int(t[-1]), pf.DATA, p)]


CUE_INTENSITY = 0.8  # of the motor's full PWM: felt through clothing, not startling


class OefenSenseFamily(FamilyBase):
    id = "oefensense"
    display_name = "OefenSense open profile (DIY)"
    service_uuids = (pf.SERVICE,)
    notify_uuids = (pf.EVENT, pf.DATA)
    has_gyro = True
    supported_rates_hz = pf.RATES
    control_uuid = pf.CONTROL
    name_prefixes = ("OefenSense",)

    def new_decoder(self, config: StreamConfig) -> OefenSenseDecoder:
        return OefenSenseDecoder(config)

    def start_commands(self, config: StreamConfig) -> list[GattWrite]:
        rate = check_rate(self, config.rate_hz)
        a = pf.ACC_RANGES.index(pick_range(self.id, "acc range g", config.acc_range_g, pf.ACC_RANGES))
        g = pf.GYR_RANGES.index(pick_range(self.id, "gyro range dps", config.gyr_range_dps, pf.GYR_RANGES))
        return [GattWrite(pf.CONTROL, pf.cmd_configure(int(rate), a, g)), GattWrite(pf.CONTROL, bytes([pf.START]))]

    def stop_commands(self, config: StreamConfig | None = None) -> list[GattWrite]:
        return [GattWrite(pf.CONTROL, bytes([pf.STOP]))]

    def vibrate_command(self, intensity: float, duration_ms: int) -> GattWrite:
        """Haptic feedback: ``intensity`` 0..1, ``duration_ms`` up to 65535."""
        return GattWrite(pf.CONTROL, pf.cmd_vibrate(int(round(255 * min(max(intensity, 0.0), 1.0))), duration_ms))

    def cue_commands(self, modality: str, pulses: tuple[tuple[int, int], ...]) -> list[tuple[GattWrite, float]] | None:
        """VIBRATE per pulse (the motor times its own pulse; the host waits on + off before the
        next). No buzzer or LED in the profile: None for those."""
        if modality != "vibrate":
            return None
        return [(self.vibrate_command(CUE_INTENSITY, on), (on + off) / 1000.0) for on, off in pulses]

    def parse_response(self, char_uuid: str, payload: bytes) -> CommandResponse | None:
        if norm_uuid(char_uuid) != pf.EVENT or len(payload) < 2 or not payload[0] & 0x80:
            return None
        st = payload[1]
        return resp(st == 0, st, pf.STATUS.get(st, str(st)), payload[0] & 0x7F, bytes(payload[2:]))

    def _firmware(self, source: RecordingSource, name: str) -> OefenSenseFirmware:
        return OefenSenseFirmware(source, name)


FAMILY = register(OefenSenseFamily())
