"""Movesense GSP: vectors built from the published layout (no vendor vectors exist), contract,
u32 ms wrap-around and clock reset."""


import numpy as np

from oefensense.protocols import StreamConfig, get_family
from oefensense.protocols.movesense import gsp

from .conftest import load_vectors
from .contract import NS, FamilyContract, run_session, synthetic

FAMILY = "movesense"
V = load_vectors(FAMILY)


def test_imu6_vector_from_layout():
    v = V["frames"][0]
    assert v["kind"] == "from_layout" and v["source"]
    dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=52))
    (b,) = dec.decode_strict(gsp.DATA, bytes.fromhex(v["hex"]))
    assert np.allclose(b.acc_g * gsp.G, v["acc_ms2"])
    assert np.array_equal(b.gyr_dps, v["gyr_dps"])
    assert b.t_device_ns[0] == v["ts_ms"] * 1_000_000
    assert b.t_device_ns[1] - b.t_device_ns[0] == round(NS / 52)


def test_commands():
    f = get_family(FAMILY)
    (w,) = f.start_commands(StreamConfig(rate_hz=52))
    assert w.data == bytes.fromhex(V["commands"][0]["hex"])
    assert f.stop_commands()[0].data == bytes.fromhex(V["commands"][1]["hex"])
    r = f.parse_response(gsp.DATA, bytes.fromhex(V["commands"][2]["hex"]))
    assert not r.ok and r.code == 507
    assert f.start_commands(StreamConfig(rate_hz=104, gyro=False))[0].data.endswith(b"/Meas/Acc/104")
    assert f.start_commands(StreamConfig(rate_hz=104, mag=True))[0].data.endswith(b"/Meas/IMU9/104")


def test_slots_exhausted_answers_507():
    f = get_family(FAMILY)
    fw = f.simulated_firmware(*synthetic())
    for ref in (1, 2):
        assert fw.handle_write(gsp.COMMAND, gsp.cmd_subscribe(ref, "/Meas/Acc/52")) == []
    (ans,) = fw.handle_write(gsp.COMMAND, gsp.cmd_subscribe(3, "/Meas/Acc/52"))
    assert f.parse_response(*ans).code == 507
    assert fw.handle_write(gsp.COMMAND, gsp.cmd_hello(7)) == [(gsp.DATA, b"\x01\x07Hello")]


def _pkt(ts_ms: int, n: int = 4) -> bytes:
    return gsp.encode_data(99, ts_ms, np.zeros((n, 3)) + [0, 0, 9.8], np.zeros((n, 3)), None)


def test_u32_ms_wraparound_is_not_a_gap():
    dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=52))
    period_ms = 1000 / 52
    t = (2**32 - 3 * 77) + np.round(np.arange(8) * 4 * period_ms).astype(np.int64)
    out = [dec.decode_strict(gsp.DATA, _pkt(int(x) & 0xFFFFFFFF)) for x in t]
    stamps = np.concatenate([b[0].t_device_ns for b in out])
    assert np.all(np.diff(stamps) > 0)
    assert dec.stats.sequence_gaps == 0 and dec.stats.clock_resets == 0


def test_gap_and_reset_reported():
    dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=52))
    for ts in (1000, 1077, 1154, 1385, 1462, 10, 87):  # 2 packets (8 samples) missing, then a reboot
        dec.decode_strict(gsp.DATA, _pkt(ts))
    assert dec.stats.sequence_gaps == 1 and dec.stats.missing_samples == 8
    assert dec.stats.clock_resets == 1


class TestMovesenseContract(FamilyContract):
    family_id = FAMILY
    config = StreamConfig(rate_hz=52)
    adv_name = "Movesense 224930000123"
    acc_tol_g = 1e-5  # float32
    gyr_tol_dps = 0.01
    t_resolution_ns = 1_000_000

    def bad_rate_writes(self):
        return [(gsp.COMMAND, gsp.cmd_subscribe(99, "/Meas/IMU6/50"))]

    def vector_cases(self):
        return [(v["name"], StreamConfig(rate_hz=52), [(gsp.DATA, bytes.fromhex(v["hex"]))], v["kind"], v["source"])
                for v in V["frames"]]


def test_every_single_bit_flip_in_an_imu6_packet_stays_in_range():
    """Issue 15: one flipped bit in a Movesense IMU6 packet gave 80.7 g. Flip every bit of the
    sample floats of a real-looking packet: nothing beyond the sensor's ±16 g / ±2000 °/s is
    passed on, and every sample dropped for it is counted and flagged."""
    f = get_family(FAMILY)
    cfg = StreamConfig(rate_hz=52)
    fw, _, _, _ = run_session(f, cfg, synthetic(100.0, 3.0), 0.0)
    pk = [p for _, _, p in fw.packets_until(2 * NS)]
    base = pk[5]
    worst_seen = 0.0
    dropped = 0
    for i in range(6 * 8, len(base) * 8):
        dec = f.new_decoder(cfg)
        for p in pk[:5]:
            dec.decode_strict(gsp.DATA, p)
        b = bytearray(base)
        b[i // 8] ^= 1 << (i % 8)
        raw = gsp.decode_data(bytes(b), "IMU6")[2] if np.isfinite(np.frombuffer(bytes(b), "<f4", offset=6)).all() else None
        out = dec.decode(gsp.DATA, bytes(b)) + dec.flush()
        for x in out:
            assert np.abs(x.acc_g).max() <= 16.0 and np.abs(x.gyr_dps).max() <= 2000.0
        if raw is not None:
            worst_seen = max(worst_seen, np.abs(raw[0]).max() / gsp.G)
            bad = int(np.count_nonzero((np.abs(raw[0]) / gsp.G > 16).any(1) | (np.abs(raw[1]) > 2000).any(1)))
            if bad:
                assert dec.stats.out_of_range == bad
                assert [d.reason for d in dec.pop_flagged()] == ["out_of_range"]
                dropped += bad
    assert worst_seen > 80 and dropped > 0  # such flips exist, and none got through
