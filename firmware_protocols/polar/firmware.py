"""Simulated Polar firmware: a Verity Sense (default) or, if the name says "H10", an H10.

Verity Sense: ACC as 0x81 delta frames (mG, no factor), GYRO as 0x80 delta frames × FACTOR
(sent in the START response). Mixed block sizes as the real device sends them: a first block of
10 samples, then the rest of the frame in one block at the width its largest delta needs (the
real frame in polar-ble-sdk issue #443: 10 samples of 8-bit deltas, then 47 of 10-bit, 227
bytes). Frames are filled up to the 229-byte notification payload of MTU 232 (the SDK's MTU
request) and at most 71 samples (issue #317). Normal mode offers 52 Hz,
±8 g, ±2000 dps; SDK mode (``02 09``) 26–416 Hz, ±2–16 g, ±250–2000 dps.
H10: ACC only, raw int16 frames (type 0x01, mG), 25/50/100/200 Hz, ±2/4/8 g, 36 samples a frame.
Frame timestamps are device time (ns since the simulated device booted) of the frame's last sample.
"""

from __future__ import annotations

import numpy as np

from ..common import RecordingSource, SimFirmwareBase, norm_uuid, quantise
from . import pmd

MAX_PAYLOAD = 229  # MTU 232 - 3
MAX_FRAME_SAMPLES = 71  # real Verity frames in non-SDK mode (issue #317)
BLOCKS = (10, 255)  # a 10-sample block, then the rest in one (issue #443)

VERITY_NORMAL = {
    pmd.ACC: {pmd.SAMPLE_RATE: [52], pmd.RESOLUTION: [16], pmd.RANGE: [8], pmd.CHANNELS: [3]},
    pmd.GYRO: {pmd.SAMPLE_RATE: [52], pmd.RESOLUTION: [16], pmd.RANGE: [2000], pmd.CHANNELS: [3]},
}
VERITY_SDK = {
    pmd.ACC: {
        pmd.SAMPLE_RATE: [26, 52, 104, 208, 416],
        pmd.RESOLUTION: [16],
        pmd.RANGE: [2, 4, 8, 16],
        pmd.CHANNELS: [3],
    },
    pmd.GYRO: {
        pmd.SAMPLE_RATE: [26, 52, 104, 208, 416],
        pmd.RESOLUTION: [16],
        pmd.RANGE: [250, 500, 1000, 2000],
        pmd.CHANNELS: [3],
    },
}
H10 = {
    pmd.ACC: {
        pmd.SAMPLE_RATE: [25, 50, 100, 200],
        pmd.RESOLUTION: [16],
        pmd.RANGE: [2, 4, 8],
        pmd.CHANNELS: [3],
    },
}
_CHECK = [
    (pmd.SAMPLE_RATE, 8),
    (pmd.RESOLUTION, 7),
    (pmd.RANGE, 9),
    (pmd.CHANNELS, 11),
]


class PolarFirmware(SimFirmwareBase):
    """PMD control point and data frames of a Verity Sense or H10, fed by a recording."""

    def __init__(self, source: RecordingSource, name: str = "") -> None:
        self.h10 = "h10" in name.lower()
        super().__init__(source, name or ("Polar H10 0A1B2C3D" if self.h10 else "Polar Sense 0A1B2C3D"))
        self.sdk_mode = False

    # ------------------------------------------------------------------ reads
    def handle_read(self, char_uuid: str) -> bytes:
        if norm_uuid(char_uuid) == pmd.PMD_CP:
            # feature bitmap: H10 ECG|ACC; Verity PPG|ACC|PPI|GYRO|MAG + SDK mode
            return bytes([0x0F, 0x05, 0x00]) if self.h10 else bytes([0x0F, 0x6E, 0x02])
        return super().handle_read(char_uuid)

    def _table(self) -> dict[int, dict[int, list[int]]]:
        if self.h10:
            return H10
        return VERITY_SDK if self.sdk_mode else VERITY_NORMAL

    # ------------------------------------------------------------------ writes
    def handle_write(self, char_uuid: str, data: bytes) -> list[tuple[str, bytes]]:
        if norm_uuid(char_uuid) != pmd.PMD_CP:
            self.errors.append(f"write to non-writable {char_uuid}")
            return []
        data = bytes(data)
        if len(data) < 2:
            return self._err(data[0] if data else 0, 0, 4, "short command")
        op, mtype = data[0], data[1] & 0x3F
        if op == pmd.GET_SETTINGS:
            caps = self._table().get(mtype)
            if caps is None:
                return self._err(op, mtype, 3, "measurement not supported")
            return [(pmd.PMD_CP, pmd.cp_response(op, mtype, 0, pmd.encode_settings(caps)))]
        if op == pmd.START:
            return self._start(mtype, data[2:])
        if op == pmd.STOP:
            return self._stop(mtype)
        return self._err(op, mtype, 1, "unknown opcode")

    def _err(self, op: int, mtype: int, status: int, why: str) -> list[tuple[str, bytes]]:
        self.errors.append(f"{pmd.STATUS[status]}: {why}")
        return [(pmd.PMD_CP, pmd.cp_response(op, mtype, status))]

    def _start(self, mtype: int, tlv: bytes) -> list[tuple[str, bytes]]:
        op = pmd.START
        if mtype == pmd.SDK_MODE:
            if self.h10:
                return self._err(op, mtype, 3, "no SDK mode on H10")
            if self.sdk_mode:
                return self._err(op, mtype, 6, "SDK mode already on")
            if self.streams:
                return self._err(op, mtype, 12, "stop measurements before SDK mode")
            self.sdk_mode = True
            return [(pmd.PMD_CP, pmd.cp_response(op, mtype, 0))]
        caps = self._table().get(mtype)
        if caps is None:
            return self._err(op, mtype, 3, f"measurement type {mtype} not supported")
        if str(mtype) in self.streams:
            return self._err(op, mtype, 6, "already streaming")
        try:
            req = pmd.parse_settings(tlv)
        except Exception:  # noqa: BLE001  (any malformed TLV is the device's INVALID_LENGTH)
            return self._err(op, mtype, 4, "malformed settings")
        for st, status in _CHECK:
            if st not in req or len(req[st]) != 1:
                return self._err(op, mtype, 5, f"setting {st} missing")
            if int(req[st][0]) not in caps[st]:
                return self._err(op, mtype, status, f"setting {st}={req[st][0]} not in {caps[st]}")
        rate = int(req[pmd.SAMPLE_RATE][0])
        rng = int(req[pmd.RANGE][0])
        if mtype == pmd.GYRO and self.source.gyr is None:
            return self._err(op, mtype, 3, "recording has no gyroscope")
        params = b""
        if self.h10:
            self._start_stream(str(mtype), rate, 36, self._raw_encoder(rng))
        elif mtype == pmd.ACC:
            self._start_stream(str(mtype), rate, 10, self._delta_encoder(pmd.ACC, 0x81, 1000.0, rng))
        else:
            factor = rng / 32768.0
            params = pmd.encode_settings({pmd.FACTOR: factor})
            f32 = float(np.float32(factor))
            self._start_stream(str(mtype), rate, 10, self._delta_encoder(pmd.GYRO, 0x80, 1.0 / f32, rng))
        return [(pmd.PMD_CP, pmd.cp_response(op, mtype, 0, params))]

    def _stop(self, mtype: int) -> list[tuple[str, bytes]]:
        op = pmd.STOP
        if mtype == pmd.SDK_MODE:
            if not self.sdk_mode:
                return self._err(op, mtype, 6, "SDK mode already off")
            self.sdk_mode = False
            self.streams.clear()
            return [(pmd.PMD_CP, pmd.cp_response(op, mtype, 0))]
        if str(mtype) not in self.streams:
            return self._err(op, mtype, 6, "not streaming")
        self._stop_stream(str(mtype))
        return [(pmd.PMD_CP, pmd.cp_response(op, mtype, 0))]

    # ------------------------------------------------------------------ frames
    def _raw_encoder(self, rng: int):  # noqa: ANN202
        def enc(k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
            ints = np.clip(quantise(acc, 1000.0, 16), -rng * 1000, rng * 1000)
            payload = pmd.frame_header(pmd.ACC, int(t[-1]), 0x01) + pmd.encode_raw(ints, 2)
            return [(int(t[-1]), pmd.PMD_DATA, payload)]

        return enc

    def _delta_encoder(self, mtype: int, ftype: int, scale: float, rng: int):  # noqa: ANN202
        pend_i = np.zeros((0, 3), np.int64)
        pend_t = np.zeros(0, np.int64)
        lim = int(round(rng * 1000 if mtype == pmd.ACC else 32767))
        lim = min(lim, 32767)

        def enc(k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
            nonlocal pend_i, pend_t
            x = acc if mtype == pmd.ACC else gyr
            ints = np.clip(quantise(x, scale, 16), -lim, lim)
            cand_i = np.vstack([pend_i, ints])
            size = pmd.HEADER + 6 + sum(pmd.delta_block_sizes(cand_i, BLOCKS))
            out = []
            if (size > MAX_PAYLOAD or cand_i.shape[0] > MAX_FRAME_SAMPLES) and pend_i.shape[0]:
                payload = pmd.frame_header(mtype, int(pend_t[-1]), ftype) + pmd.encode_delta(pend_i, 16, BLOCKS)
                out.append((int(t[-1]), pmd.PMD_DATA, payload))
                pend_i, pend_t = ints, np.asarray(t, np.int64)
            else:
                pend_i, pend_t = cand_i, np.concatenate([pend_t, t])
            return out

        def flush(now_ns: int) -> list[tuple[int, str, bytes]]:
            """The frame being filled, sent as it is (the end of a replay: ``SimFirmwareBase.flush``)."""
            nonlocal pend_i, pend_t
            if not pend_i.shape[0]:
                return []
            payload = pmd.frame_header(mtype, int(pend_t[-1]), ftype) + pmd.encode_delta(pend_i, 16, BLOCKS)
            sent_ns = max(int(now_ns), int(pend_t[-1]))
            pend_i, pend_t = pend_i[:0], pend_t[:0]
            return [(sent_ns, pmd.PMD_DATA, payload)]

        enc.flush = flush  # type: ignore[attr-defined]
        return enc
