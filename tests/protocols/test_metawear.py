"""MetaWear: golden vectors from MetaWear-SDK-Cpp's tests, contract, fusion, chips."""

import numpy as np
import pytest

from dataclasses import replace

from oefensense.protocols import StreamConfig, UnsupportedConfig, get_family
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
    w160 = [w.data for w in f.start_commands(StreamConfig(rate_hz=200, model="bmi160"))]
    w270 = [w.data for w in f.start_commands(StreamConfig(rate_hz=200, model="bmi270"))]
    assert bytes([3, 0x1C, 1]) in w160 and bytes([0x13, 0x07, 1]) in w160
    assert bytes([3, 0x05, 1]) in w270 and bytes([0x13, 0x05, 1]) in w270
    assert w160[0] == bytes.fromhex("11 09 06 00 06 00 00 00 58 02")  # 7.5 ms, from the reference notes
    fw, dec, batches, _ = run_session(f, StreamConfig(rate_hz=200), synthetic(), 2.0, "MetaMotion S")
    assert fw.chip == "bmi270" and dec.chip == "bmi270"  # from the board's 03 80 reply
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


@pytest.mark.parametrize("m", V["module_info"], ids=lambda m: m["name"])
def test_chip_from_the_boards_module_info(m):
    """Every board advertises "MetaWear": the 03 80 reply names the accelerometer (test/common.py
    of the SDK). resolve_config puts it in StreamConfig.model, or refuses."""
    f = get_family(FAMILY)
    replies = [(mw.NOTIFY, bytes.fromhex(m["acc"])), (mw.NOTIFY, bytes.fromhex(m["gyro"]))]
    for gyro in (False, True):
        cfg = StreamConfig(rate_hz=100, gyro=gyro)
        if m["chip"] is None or (gyro and not m["has_gyro"]):
            with pytest.raises(UnsupportedConfig):
                f.resolve_config(cfg, replies)
        else:
            assert f.resolve_config(cfg, replies).model == m["chip"]
    assert f.resolve_config(StreamConfig(rate_hz=100, gyro=False), replies[1:]) is None  # no acc reply yet
    dec = f.new_decoder(StreamConfig())
    if m["chip"] is None:
        dec.decode(mw.NOTIFY, bytes.fromhex(m["acc"]))
        assert dec.stats.dropped_packets == 1
    else:
        assert dec.decode_strict(mw.NOTIFY, bytes.fromhex(m["acc"])) == [] and dec.chip == m["chip"]


def test_acc_data_refused_until_the_chip_is_known():
    """Never guess the scale: a BMI160 and an MMA8452Q read the same bytes 4x apart at ±8 g."""
    f = get_family(FAMILY)
    dec = f.new_decoder(StreamConfig(acc_range_g=8))
    frame = bytes.fromhex("03 04 56 fa 05 f6 18 03")
    assert dec.decode(mw.NOTIFY, frame) == [] and "chip unknown" in str(dec.last_error)
    with pytest.raises(UnsupportedConfig, match="module info"):
        f.start_commands(StreamConfig(rate_hz=100))
    dec.decode_strict(mw.NOTIFY, mw.MODULE_INFO["mma8452q"][mw.ACC])
    (b,) = dec.decode_strict(mw.NOTIFY, frame)
    assert np.allclose(b.acc_g, [[-1.450, -2.555, 0.792]], atol=1e-3)
    dec2 = f.new_decoder(StreamConfig(acc_range_g=8))
    dec2.decode_strict(mw.NOTIFY, mw.MODULE_INFO["bmi160"][mw.ACC])
    (b2,) = dec2.decode_strict(mw.NOTIFY, frame)
    assert np.allclose(b2.acc_g * 4.096, b.acc_g, atol=1e-3)  # the same bytes, BMI160 scale


def test_model_contradicted_by_the_board_is_refused():
    f = get_family(FAMILY)
    replies = [(mw.NOTIFY, mw.MODULE_INFO["mma8452q"][mw.ACC]), (mw.NOTIFY, mw.MODULE_INFO["mma8452q"][mw.GYRO])]
    with pytest.raises(UnsupportedConfig, match="module info says mma8452q"):
        f.resolve_config(StreamConfig(rate_hz=100, gyro=False, model="bmi160"), replies)
    with pytest.raises(UnsupportedConfig):  # the MMA8452Q has no 25 Hz and no ±16 g
        f.resolve_config(StreamConfig(rate_hz=25, gyro=False), replies)
    with pytest.raises(UnsupportedConfig):
        f.resolve_config(StreamConfig(rate_hz=100, gyro=False, acc_range_g=16), replies)


def test_metawear_r_stream_packed_above_100hz():
    f = get_family(FAMILY)
    cfg = StreamConfig(rate_hz=400, gyro=False, acc_range_g=4)
    fw, dec, batches, _ = run_session(f, cfg, synthetic(), 3.0, variant="mma8452q")
    assert fw.name == "MetaWear" and dec.chip == "mma8452q" and not fw.errors
    pk = fw.packets_until(4 * NS)
    assert {p[:2] for _, _, p in pk} == {bytes([mw.ACC, mw.MMA_PACKED])}
    acc = np.concatenate([b.acc_g for b in batches])
    assert acc.shape[0] > 1000 and np.abs(acc).max() <= 4.0


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

    def vector_cases(self):
        return [(v["name"], StreamConfig(**v["config"]), [(mw.NOTIFY, bytes.fromhex(v["hex"]))], v["kind"], v["source"])
                for v in V["frames"]]

class TestMetaMotionSContract(TestMetaWearContract):
    config = StreamConfig(rate_hz=100, acc_range_g=8, gyr_range_dps=2000, model="bmi270")
    adv_name = "MetaMotion S"
    sim_name = "MetaMotion S"


class TestMetaWearRContract(TestMetaWearContract):
    """MetaWear R: MMA8452Q accelerometer in milli-g, no gyroscope; identified by its 03 80 reply
    (it advertises "MetaWear" like every board)."""

    config = StreamConfig(rate_hz=100, acc_range_g=8, gyro=False)
    sim_variant = "mma8452q"
    acc_tol_g = 0.5 / 1000 + 1e-9
    bad_rate_hz = 25.0  # the MMA8452Q has no 25 Hz

    def bad_rate_writes(self):
        # ODR code 6 (6.25 Hz) is not streamed by OefenSense; code 7 is reserved here too
        return [(mw.COMMAND, bytes([3, 3, 2, 0, 7 << 3, 0, 0])), (mw.COMMAND, bytes([3, 4, 1])),
                (mw.COMMAND, bytes([3, 2, 1])), (mw.COMMAND, bytes([3, 1, 1]))]

    def test_unsupported_rate_refused_by_builder(self):
        with pytest.raises(UnsupportedConfig):
            self.family.start_commands(StreamConfig(rate_hz=25, gyro=False, model="mma8452q"))

    def test_every_supported_rate(self):
        for rate in mw.CHIP_RATES["mma8452q"]:
            cfg = StreamConfig(rate_hz=rate, acc_range_g=8, gyro=False)
            seconds = max(2.0, 400 / rate)
            fw, dec, batches, responses = run_session(self.family, cfg, synthetic(max(rate, 50.0), seconds + 1), seconds,
                                                      variant="mma8452q")
            self._check_roundtrip(fw, dec, batches, replace(cfg, model="mma8452q"), seconds)
