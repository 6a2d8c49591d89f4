"""MetaWear: golden vectors from MetaWear-SDK-Cpp's tests, contract, fusion, chips."""

import numpy as np
import pytest

from oefensense.protocols import StreamConfig, get_family
from oefensense.protocols.metawear import mw

from .conftest import load_vectors
from .contract import NS, FamilyContract, run_session, synthetic

FAMILY = "metawear"
V = load_vectors(FAMILY)


@pytest.mark.parametrize("v", V["frames"], ids=lambda v: v["name"])
def test_notification_vectors(v):
    dec = get_family(FAMILY).new_decoder(StreamConfig(**v["config"]))
    (b,) = dec.decode_strict(mw.NOTIFY, bytes.fromhex(v["hex"]))
    got = getattr(b, v["field"], None) if v["field"] in ("acc_g", "gyr_dps", "mag_ut", "quat") else b.extra[v["field"]]
    assert got.shape == np.shape(v["expect"])
    assert np.allclose(got, v["expect"], atol=v["tol"]), (got, v["source"])
    assert v["source"] and v["kind"] == "vendor_test"


@pytest.mark.parametrize("c", V["commands"], ids=lambda c: c["name"])
def test_command_vectors(c):
    name, *args = c["builder"]
    assert getattr(mw, name)(*args) == bytes.fromhex(c["hex"]), c["source"]


def test_module_info_reply_is_not_data():
    dec = get_family(FAMILY).new_decoder(StreamConfig())
    assert dec.decode_strict(mw.NOTIFY, bytes.fromhex("03 80 01 01")) == []  # common.py MMR acc


def test_packed_above_100hz_and_per_chip_registers():
    f = get_family(FAMILY)
    w160 = [w.data for w in f.start_commands(StreamConfig(rate_hz=200))]
    w270 = [w.data for w in f.start_commands(StreamConfig(rate_hz=200, model="bmi270"))]
    assert bytes([3, 0x1C, 1]) in w160 and bytes([0x13, 0x07, 1]) in w160
    assert bytes([3, 0x05, 1]) in w270 and bytes([0x13, 0x05, 1]) in w270
    assert w160[0] == bytes.fromhex("11 09 06 00 06 00 00 00 58 02")  # 7.5 ms, from the reference notes
    fw, dec, batches, _ = run_session(f, StreamConfig(rate_hz=200, model="bmi270"), synthetic(), 2.0, "MetaMotion S")
    assert fw.chip == "bmi270"
    pk = fw.packets_until(3 * NS)
    assert {len(p) for _, _, p in pk} == {20}


def test_fusion_quaternion_stream():
    f = get_family(FAMILY)
    cfg = StreamConfig(rate_hz=100, fusion=True)
    # physically consistent motion: tilting about x by theta(t)
    t = np.arange(1200) / 100.0
    th = np.radians(30) * np.sin(2 * np.pi * 0.2 * t)
    acc = np.stack([0 * t, np.sin(th), np.cos(th)], 1)
    gyr = np.stack([np.degrees(np.gradient(th, t)), 0 * t, 0 * t], 1)
    fw, dec, batches, _ = run_session(f, cfg, ((t * NS).astype(np.int64), acc, gyr), 10.0)
    q = np.concatenate([b.quat for b in batches if b.quat is not None])
    acc = np.concatenate([b.acc_g for b in batches if b.acc_g is not None])
    assert q.shape[0] > 900 and acc.shape[0] > 900
    assert np.allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-5)
    # gravity from the quaternion agrees with the measured acc direction (slow motion)
    w, x, y, z = q.T
    g_sensor = np.stack([2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)], 1)
    n = min(len(g_sensor), len(acc))
    cos = np.sum(g_sensor[:n] * acc[:n], 1) / np.linalg.norm(acc[:n], axis=1)
    assert np.degrees(np.arccos(np.clip(cos[100:], -1, 1))).max() < 2.0
    with pytest.raises(ValueError):
        f.start_commands(StreamConfig(rate_hz=50, fusion=True))


class TestMetaWearContract(FamilyContract):
    family_id = FAMILY
    config = StreamConfig(rate_hz=100, acc_range_g=8, gyr_range_dps=2000)
    adv_name = "MetaWear"
    acc_tol_g = 0.5 / 4096 + 1e-9
    gyr_tol_dps = 0.5 / 16.4 + 1e-9
    detects_gaps = False

    def bad_rate_writes(self):
        # ODR code 0 (reserved) on an otherwise valid start sequence
        return [(mw.COMMAND, bytes([3, 3, 0x20, 0x08])), (mw.COMMAND, bytes([3, 4, 1])),
                (mw.COMMAND, bytes([3, 2, 1, 0])), (mw.COMMAND, bytes([3, 1, 1]))]


class TestMetaMotionSContract(TestMetaWearContract):
    config = StreamConfig(rate_hz=100, acc_range_g=8, gyr_range_dps=2000, model="bmi270")
    adv_name = "MetaMotion S"
    sim_name = "MetaMotion S"
