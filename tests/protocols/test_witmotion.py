"""WitMotion: vectors from the published layout, the UUID quirk, contract."""

import numpy as np

from oefensense.protocols import AdvertisementInfo, StreamConfig, get_family
from oefensense.protocols import witmotion as wm

from .conftest import load_vectors
from .contract import ByteStreamContract, FamilyContract, synthetic

FAMILY = "witmotion"
V = load_vectors(FAMILY)


def test_frame_vector():
    v = V["frames"][0]
    assert v["kind"] == "from_layout" and v["source"]
    dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=50))
    (b,) = dec.decode_strict(wm.NOTIFY, bytes.fromhex(v["hex"]))
    assert np.allclose(b.acc_g[0], v["acc_g"], atol=1e-3)
    assert np.allclose(b.gyr_dps[0], v["gyr_dps"], atol=1e-2)
    assert np.allclose(b.extra["euler_deg"][0], v["euler_deg"], atol=1e-3)


def test_commands():
    f = get_family(FAMILY)
    ws = [w.data.hex(" ") for w in f.start_commands(StreamConfig(rate_hz=50))]
    assert ws == [V["commands"][1]["hex"], V["commands"][0]["hex"], V["commands"][2]["hex"]]


def test_uuid_quirk_9a_not_9b():
    f = get_family(FAMILY)
    assert all(u.endswith("00805f9a34fb") for u in f.notify_uuids + f.service_uuids)
    sig = "0000ffe5-0000-1000-8000-00805f9b34fb"  # the SIG-base look-alike is another device
    assert not f.matches(AdvertisementInfo(name="HM-10", service_uuids=(sig,)))
    dec = f.new_decoder(StreamConfig(rate_hz=10))
    dec.decode("0000ffe4-0000-1000-8000-00805f9b34fb", bytes.fromhex(V["frames"][0]["hex"]))
    assert dec.stats.dropped_packets == 1


def test_register_write_needs_unlock():
    f = get_family(FAMILY)
    fw = f.simulated_firmware(*synthetic())
    fw.set_notify(wm.NOTIFY, True)
    fw.handle_write(wm.WRITE, wm.cmd_write_reg(0x03, 0x08))
    assert fw.rate == 10.0 and fw.errors
    fw.handle_write(wm.WRITE, wm.UNLOCK)
    fw.handle_write(wm.WRITE, wm.cmd_write_reg(0x03, 0x08))
    assert fw.rate == 50.0


class TestWitMotionContract(FamilyContract, ByteStreamContract):
    family_id = FAMILY
    config = StreamConfig(rate_hz=50, acc_range_g=16, gyr_range_dps=2000)
    adv_name = "WT901BLE68"
    acc_tol_g = 0.5 * 16 / 32768 + 1e-9
    gyr_tol_dps = 0.5 * 2000 / 32768 + 1e-9
    detects_gaps = False
    strict_lengths = False  # a byte stream: split and glued notifications are reassembled

    def bad_rate_writes(self):
        return [(wm.WRITE, wm.UNLOCK), (wm.WRITE, wm.cmd_write_reg(0x03, 0x0A))]

    def vector_cases(self):
        return [(v["name"], StreamConfig(rate_hz=50),
                 [(wm.NOTIFY, bytes.fromhex(x)) for x in (v.get("type_hex"), v["hex"]) if x], v["kind"], v["source"])
                for v in V["frames"]]


FR = {v["name"]: v for v in V["frames"]}


def test_two_frames_in_one_notification():
    v = FR["two 55 61 frames in one 40-byte notification"]
    dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=200))
    out = dec.decode_strict(wm.NOTIFY, bytes.fromhex(v["hex"]))
    assert len(out) == 2 and np.diff([b.t_device_ns[0] for b in out])[0] == 5_000_000
    assert np.allclose(np.vstack([b.acc_g for b in out]), v["acc_g"], atol=1e-3)
    assert np.allclose(np.vstack([b.gyr_dps for b in out]), v["gyr_dps"], atol=1e-2)


def test_register_replies_quaternion_and_magnetometer():
    f = get_family(FAMILY)
    q = FR["55 71 quaternion (register 0x51)"]
    m = FR["55 71 magnetometer type (register 0x72) then field (0x3A)"]
    dec = f.new_decoder(StreamConfig(rate_hz=50))
    (b,) = dec.decode_strict(wm.NOTIFY, bytes.fromhex(q["hex"]))
    assert np.allclose(b.quat[0], q["quat"])
    assert dec.decode_strict(wm.NOTIFY, bytes.fromhex(m["hex"])) == []  # no type read yet: no scale
    assert any("scale unknown" in k for k in dec.stats.errors)
    assert dec.decode_strict(wm.NOTIFY, bytes.fromhex(m["type_hex"])) == []
    (b,) = dec.decode_strict(wm.NOTIFY, bytes.fromhex(m["hex"]))
    assert np.allclose(b.mag_ut[0], m["mag_ut"])


def test_simulated_sensor_answers_register_reads():
    f = get_family(FAMILY)
    fw = f.simulated_firmware(*synthetic())
    fw.packets_until(10**9)
    dec = f.new_decoder(StreamConfig(rate_hz=10))
    for reg in (0x72, 0x51, 0x3A):
        for u, p in fw.handle_write(wm.WRITE, wm.cmd_read_reg(reg)):
            for b in dec.decode_strict(u, p):
                assert b.quat is None or abs(np.linalg.norm(b.quat) - 1) < 1e-3
    assert dec.mag_type == wm.SIM_MAG_TYPE
