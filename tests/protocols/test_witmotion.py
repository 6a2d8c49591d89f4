"""WitMotion: vectors from the published layout, the UUID quirk, contract."""

import numpy as np

from oefensense.protocols import AdvertisementInfo, StreamConfig, get_family
from oefensense.protocols import witmotion as wm

from .conftest import load_vectors
from .contract import FamilyContract, synthetic

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


class TestWitMotionContract(FamilyContract):
    family_id = FAMILY
    config = StreamConfig(rate_hz=50, acc_range_g=16, gyr_range_dps=2000)
    adv_name = "WT901BLE68"
    acc_tol_g = 0.5 * 16 / 32768 + 1e-9
    gyr_tol_dps = 0.5 * 2000 / 32768 + 1e-9
    detects_gaps = False

    def bad_rate_writes(self):
        return [(wm.WRITE, wm.UNLOCK), (wm.WRITE, wm.cmd_write_reg(0x03, 0x0A))]
