"""Movesense with the GATT SensorData app firmware: ``get_family("movesense")``. See SPEC.md."""

from __future__ import annotations

import numpy as np

from ..base import CommandResponse, DecodedBatch, DecodeError, GattWrite, StreamConfig, register
from ..common import (
    ClockedDecoder,
    Limits,
    DeviceClock,
    FamilyBase,
    RecordingSource,
    SimFirmwareBase,
    check_rate,
    norm_uuid,
    resp,
)
from . import gsp

REF = 99  # our client reference for the IMU stream

HTTP = {200: "OK", 400: "BAD_REQUEST", 404: "NOT_FOUND", 507: "INSUFFICIENT_STORAGE"}


def _kind(config: StreamConfig) -> str:
    if not config.gyro:
        return "Acc"
    return "IMU9" if config.mag else "IMU6"


class MovesenseDecoder(ClockedDecoder):
    """DATA messages → g, deg/s, µT. Time: u32 ms of the first sample (wraps after 49.7 days),
    unwrapped and checked by :class:`DeviceClock` (gaps, resets). The resource kind (IMU6,
    IMU9, Acc) comes from ``config`` (gyro / mag), as the bytes do not say it."""

    what = "movesense"

    def __init__(self, config: StreamConfig) -> None:
        super().__init__(config)
        self.kind = _kind(config)
        self.clock = DeviceClock(32, 1_000_000, config.rate_hz, self.stats)

    def reset(self) -> None:
        super().reset()
        self.clock = DeviceClock(32, 1_000_000, self.config.rate_hz, self.stats)

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        if uuid != gsp.DATA:
            raise DecodeError(f"movesense: not the data characteristic {uuid}")
        if not payload:
            raise DecodeError("movesense: empty notification")
        if payload[0] == gsp.COMMAND_RESULT:
            if len(payload) < 4:
                raise DecodeError("movesense: short command result")
            if payload[2:7] == b"Hello":
                return []
            code = int.from_bytes(payload[2:4], "big")
            self.responses.append(resp(code < 400, code, HTTP.get(code, str(code)), payload[1]))
            return []
        if payload[0] != gsp.DATA_MSG:
            raise DecodeError(f"movesense: unknown message type {payload[0]}")
        _, ts, blocks = gsp.decode_data(payload, self.kind)
        return self._release(self.clock.push(ts, blocks[0].shape[0], blocks))

    def _batches(self, t: np.ndarray, blocks, state: str) -> list[DecodedBatch]:  # noqa: ANN001
        gyr = blocks[1] if len(blocks) > 1 else None
        mag = blocks[2] if len(blocks) > 2 else None
        return [DecodedBatch(t, acc_g=blocks[0] / gsp.G, gyr_dps=gyr, mag_ut=mag)]

    def _limits(self) -> Limits:
        # GSP cannot set ranges: the sensor's largest full scale bounds what it can send
        return Limits(acc_g=gsp.ACC_FULL_SCALE_G, gyr_dps=gsp.GYRO_FULL_SCALE_DPS, mag_ut=gsp.MAG_FULL_SCALE_UT)


class MovesenseFirmware(SimFirmwareBase):
    """GSP sample app on a Movesense sensor. Samples per notification: 4 below 100 Hz, else 6
    (IMU9: 4) so a message fits the sample's 161-byte MTU buffer. An unknown resource (e.g. an
    unsupported rate) is refused the way the sample firmware does: the subscription fails and
    no data comes (the sample sends no COMMAND_RESULT for it; we record it in ``errors``).
    Only ``507`` (no free subscription slot, 2 slots here) is answered."""

    SLOTS = 2

    def __init__(self, source: RecordingSource, name: str = "") -> None:
        super().__init__(source, name or "Movesense 224930000123")
        self.subs: dict[int, str] = {}

    def handle_write(self, char_uuid: str, data: bytes) -> list[tuple[str, bytes]]:
        data = bytes(data)
        if norm_uuid(char_uuid) != gsp.COMMAND or len(data) < 2:
            self.errors.append(f"bad write {data.hex()}")
            return []
        cmd, ref = data[0], data[1]
        if cmd == gsp.HELLO:
            return [(gsp.DATA, bytes([gsp.COMMAND_RESULT, ref]) + b"Hello")]
        if cmd == gsp.UNSUBSCRIBE:
            self.subs.pop(ref, None)
            self._stop_stream(str(ref))
            return []
        if cmd != gsp.SUBSCRIBE:
            self.errors.append(f"unknown command {cmd}")
            return []
        if len(self.subs) >= self.SLOTS:
            return [(gsp.DATA, gsp.result(ref, 507))]
        path = data[2:].decode("ascii", "replace").strip("/").split("/")
        ok = len(path) == 3 and path[0] == "Meas" and path[1] in gsp.CHANNELS
        rate = float(path[2]) if ok and path[2].isdigit() else 0.0
        if not ok or rate not in gsp.RATES:
            self.errors.append(f"no such resource /{'/'.join(path)}")
            return []
        kind = path[1]
        if kind != "Acc" and self.source.gyr is None:
            self.errors.append("recording has no gyroscope")
            return []
        self.subs[ref] = kind
        per = 4 if rate < 100 else (4 if kind == "IMU9" else 6)
        self._start_stream(str(ref), rate, per, self._encoder(ref, kind))
        return []

    def _encoder(self, ref: int, kind: str):  # noqa: ANN202
        def enc(k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
            g = gyr if kind != "Acc" else None
            m = (mag if mag is not None else np.zeros_like(acc)) if kind == "IMU9" else None
            payload = gsp.encode_data(ref, int(t[0] // 1_000_000), acc * gsp.G, g, m)
            return [(int(t[-1]), gsp.DATA, payload)]

        return enc


class MovesenseFamily(FamilyBase):
    id = "movesense"
    display_name = "Movesense (GATT SensorData app)"
    service_uuids = (gsp.SERVICE,)
    notify_uuids = (gsp.DATA,)
    has_gyro = True
    supported_rates_hz = gsp.RATES
    control_uuid = gsp.COMMAND
    battery_uuid = None  # battery is an MDS resource (/System/Energy/Level), not 0x2A19 here
    name_prefixes = ("Movesense",)

    def new_decoder(self, config: StreamConfig) -> MovesenseDecoder:
        return MovesenseDecoder(config)

    def start_commands(self, config: StreamConfig) -> list[GattWrite]:
        """Subscribe ``/Meas/IMU6/{rate}`` (IMU9 with ``mag``, Acc without ``gyro``). Ranges
        cannot be set through GSP (only through MDS); the device's defaults apply."""
        rate = check_rate(self, config.rate_hz)
        return [GattWrite(gsp.COMMAND, gsp.cmd_subscribe(REF, f"/Meas/{_kind(config)}/{int(rate)}"))]

    def stop_commands(self, config: StreamConfig | None = None) -> list[GattWrite]:
        return [GattWrite(gsp.COMMAND, gsp.cmd_unsubscribe(REF))]

    def parse_response(self, char_uuid: str, payload: bytes) -> CommandResponse | None:
        if norm_uuid(char_uuid) != gsp.DATA or len(payload) < 4 or payload[0] != gsp.COMMAND_RESULT:
            return None
        if payload[2:7] == b"Hello":
            return resp(True, 200, "Hello", gsp.HELLO)
        code = int.from_bytes(payload[2:4], "big")
        return resp(code < 400, code, HTTP.get(code, str(code)))

    def _firmware(self, source: RecordingSource, name: str) -> MovesenseFirmware:
        return MovesenseFirmware(source, name)


FAMILY = register(MovesenseFamily())
