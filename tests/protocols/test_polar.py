"""Polar PMD: golden vectors (each names its source), contract, gaps and clock resets."""

import numpy as np
import pytest

from oefensense.protocols import DecodeError, StreamConfig, get_family
from oefensense.protocols.common import Limits
from oefensense.protocols.polar import pmd

from .conftest import load_vectors
from .contract import NS, FamilyContract, run_session, synthetic

FAMILY = "polar"
V = load_vectors(FAMILY)
FRAMES = {v["name"]: v for v in V["frames"]}


def h(s: str) -> bytes:
    return bytes.fromhex(s)


def test_vectors_cite_sources():
    for group in ("frames", "commands", "settings"):
        for v in V[group]:
            assert v["source"] and v["kind"] in ("vendor_test", "real_device", "from_layout")


def test_acc_raw_type1_h10():
    v = FRAMES["acc raw type 1 (H10)"]  # AccDataTest.kt: the whole frame, 36 samples
    dec = get_family("polar").new_decoder(StreamConfig(rate_hz=v["rate_hz"], model="h10", gyro=False))
    (b,) = dec.decode_strict(pmd.PMD_DATA, h(v["hex"]))
    assert b.acc_g.shape == (v["expect_n"], 3)
    assert np.array_equal(np.rint(b.acc_g[:2] * 1000), v["expect_acc_mg"])
    assert np.array_equal(np.rint(b.acc_g[-1] * 1000), v["expect_last_mg"])
    assert b.t_device_ns[-1] == v["expect_last_t_ns"]
    assert b.gyr_dps is None


@pytest.mark.parametrize("name", [n for n in FRAMES if n.startswith("mag compressed")])
def test_mag_frames_from_the_sdk_tests(name):
    """MagDataTest.kt: 0x80 = gauss × factor; 0x81 = milligauss × factor plus a calibration
    status channel. µT = gauss × 100."""
    v = FRAMES[name]
    dec = get_family("polar").new_decoder(StreamConfig(rate_hz=50, mag=True))
    dec.factor[pmd.MAG] = float(np.float32(v["factor"]))
    dec.prev_ts[(pmd.MAG, h(v["hex"])[9])] = v["prev_ts"]
    if np.abs(v["expect_gauss"]).max() > 50:  # the 0x80 test's values (6430 G) are not physical:
        assert dec.decode_strict(pmd.PMD_DATA, h(v["hex"])) == []  # the ±50 G range screen drops them
        assert dec.stats.out_of_range == 2 and dec.pop_flagged()[0].reason == "out_of_range"
        dec = get_family("polar").new_decoder(StreamConfig(rate_hz=50, mag=True))
        dec.limits = Limits()  # decode them unscreened to check the layout
        dec.factor[pmd.MAG] = float(np.float32(v["factor"]))
    (b,) = dec.decode_strict(pmd.PMD_DATA, h(v["hex"]))
    assert np.allclose(b.mag_ut / 100.0, v["expect_gauss"], atol=1e-5)
    assert b.t_device_ns[-1] == v["expect_last_t_ns"]
    if v["expect_status"] is None:
        assert b.extra is None
    else:
        assert b.extra["mag_calibration"][:, 0].tolist() == v["expect_status"]


def test_real_frame_with_mixed_block_sizes():
    """Issue #443's 227-byte frame: a 10-sample block of 8-bit deltas, then a 47-sample block of
    10-bit deltas. The layout accounts for exactly the stated length; the published bytes decode
    (LSB-first) to a steady ~1 g, which a wrong block boundary or bit order would not."""
    v = FRAMES["real Verity frame with mixed block sizes (10 x 8-bit, then 10-bit)"]
    bits, count = h(v["second_block_header_as_published"])
    assert 10 + 6 + 2 + 10 * 3 + 2 + (bits * count * 3 + 7) // 8 == v["stated_length"]
    raw = h(v["hex"])
    body, blocks, pos = raw[16:], [], 0
    while pos < len(body):
        blocks.append([body[pos], body[pos + 1]])
        pos += 2 + (body[pos] * body[pos + 1] * 3 + 7) // 8
    assert blocks == v["expect_blocks"]
    dec = get_family("polar").new_decoder(StreamConfig(rate_hz=v["rate_hz"]))
    (b,) = dec.decode_strict(pmd.PMD_DATA, raw)
    assert b.acc_g.shape == (v["expect_n"], 3)
    assert np.array_equal(np.rint(b.acc_g[0] * 1000), v["expect_first_mg"])
    lo, hi = v["expect_norm_g_range"]
    assert np.all((np.linalg.norm(b.acc_g, axis=1) > lo) & (np.linalg.norm(b.acc_g, axis=1) < hi))


def test_padding_after_the_last_block_is_read_as_an_empty_block():
    v = FRAMES["acc compressed 0x81 padded with 00 00 after the last block"]
    dec = get_family("polar").new_decoder(StreamConfig(rate_hz=52))
    (b,) = dec.decode_strict(pmd.PMD_DATA, h(v["hex"]))
    assert np.array_equal(np.rint(b.acc_g * 1000), v["expect_acc_mg"])
    with pytest.raises(DecodeError):  # only `00 00` is padding; a width-0 block with samples is not
        dec.decode_strict(pmd.PMD_DATA, h(v["hex"])[:-2] + b"\x00\x05")


def test_simulated_verity_sends_mixed_block_sizes():
    f = get_family("polar")
    fw, _, _, _ = run_session(f, StreamConfig(rate_hz=52, gyro=False), synthetic(100.0, 12.0), 0.0)
    shapes = set()
    for _, _, p in fw.packets_until(10 * NS):
        body, pos, counts = p[16:], 0, []
        while pos < len(body):
            counts.append(body[pos + 1])
            pos += 2 + (body[pos] * body[pos + 1] * 3 + 7) // 8
        shapes.add(tuple(counts))
        assert len(p) <= 229
    assert all(c[0] == 10 and len(c) == 2 and c[1] > 10 for c in shapes), shapes


def test_acc_compressed_0x81_timestamps_from_previous_frame():
    v = FRAMES["acc compressed 0x81 (Verity)"]  # AccDataTest.kt
    dec = get_family("polar").new_decoder(StreamConfig(rate_hz=52))
    dec.prev_ts[(pmd.ACC, 0x81)] = v["prev_ts"]  # the test's getPreviousTimeStamp
    (b,) = dec.decode_strict(pmd.PMD_DATA, h(v["hex"]))
    assert np.array_equal(np.rint(b.acc_g * 1000), v["expect_acc_mg"])
    # SDK: prev + step*(i+1) with step = (ts-prev)/n → 150, 201; the test's 100/101 come from
    # its own deltaFromTimeStamps mock; we check the SDK's rule: last sample gets ts
    assert b.t_device_ns[-1] == 0x65


def test_acc_compressed_0x80_10bit_lsb_first():
    v = FRAMES["acc compressed 0x80, 10-bit deltas (pins LSB-first bit order)"]
    raw = pmd.decode_delta(h(v["body_hex"]), 3, 16)
    assert raw.shape == (v["n"], 3)
    assert np.array_equal(raw[:2], v["expect_raw_first2"])
    dec = get_family("polar").new_decoder(StreamConfig(rate_hz=52))
    dec.factor[pmd.ACC] = float(np.float32(v["factor"]))
    frame = pmd.frame_header(pmd.ACC, 10**9, 0x80) + h(v["body_hex"])
    (b,) = dec.decode_strict(pmd.PMD_DATA, frame)
    assert np.array_equal(np.trunc(b.acc_g[0] * 1000), v["expect_acc_mg_trunc_first"])
    assert np.all(np.abs(b.acc_g) <= v["range_g"])


def test_gyro_0x80():
    v = FRAMES["gyro compressed 0x80, 3-bit deltas"]  # GyrDataTest.kt
    dec = get_family("polar").new_decoder(StreamConfig(rate_hz=52))
    dec.factor[pmd.GYRO] = v["factor"]
    (b,) = dec.decode_strict(pmd.PMD_DATA, h(v["hex"]))
    assert np.array_equal(b.gyr_dps, v["expect_gyr_dps"])


@pytest.mark.parametrize("factor", [1.0, 0.5])
def test_gyro_0x81_float_patterns(factor):
    v = FRAMES["gyro compressed 0x81, float bit patterns, 28-bit deltas"]  # GyrDataTest.kt
    dec = get_family("polar").new_decoder(StreamConfig(rate_hz=52))
    dec.factor[pmd.GYRO] = factor
    (b,) = dec.decode_strict(pmd.PMD_DATA, pmd.frame_header(pmd.GYRO, 10**9, 0x81) + h(v["body_hex"]))
    assert np.allclose(b.gyr_dps, np.array(v["expect_gyr_dps"]) * factor, atol=1e-6)


def test_real_verity_frame_decodes_and_reencodes_bit_exact():
    v = FRAMES["real Verity Sense acc frame prefix (52 Hz, 8 g)"]  # issue #443
    dec = get_family("polar").new_decoder(StreamConfig(rate_hz=v["rate_hz"]))
    (b,) = dec.decode_strict(pmd.PMD_DATA, h(v["hex"]))
    assert np.array_equal(np.rint(b.acc_g * 1000), v["expect_acc_mg"])
    assert b.t_device_ns[-1] == v["expect_last_t_ns"]
    assert np.allclose(np.diff(b.t_device_ns), NS / 52, atol=1)
    # our encoder (used by the simulated firmware) reproduces the device's bytes exactly
    ints = np.rint(b.acc_g * 1000).astype(np.int64)
    assert pmd.encode_delta(ints, 16) == h(v["hex"])[10:]


def test_start_command_and_response():
    c = V["commands"][0]  # issue #443
    f = get_family("polar")
    (w,) = [w for w in f.start_commands(StreamConfig(rate_hz=52, gyro=False))]
    assert w.data == h(c["hex"]) and w.char_uuid == pmd.PMD_CP
    r = f.parse_response(pmd.PMD_CP, h(c["response_hex"]))
    assert r.ok and r.command == pmd.START
    fw = f.simulated_firmware(*synthetic())
    assert fw.handle_write(pmd.PMD_CP, h(c["hex"])) == [(pmd.PMD_CP, h(c["response_hex"]))]


def test_settings_tlv():
    s0, s1 = V["settings"]
    got = pmd.parse_settings(h(s0["hex"]))  # PmdSettingTest.kt
    assert {str(k): v for k, v in got.items()} == s0["expect"]
    r = pmd.parse_cp_response(h(s1["response_hex"]))  # issue #280
    assert r.ok and r.opcode == pmd.GET_SETTINGS and r.mtype == pmd.PPG
    assert {str(k): v for k, v in pmd.parse_settings(r.params).items()} == s1["expect"]


def test_sdk_mode_and_factor_from_start_response():
    f = get_family("polar")
    cfg = StreamConfig(rate_hz=208, acc_range_g=16, gyr_range_dps=500)
    writes = f.start_commands(cfg)
    assert writes[0].data == b"\x02\x09"
    fw, dec, batches, responses = run_session(f, cfg, synthetic(200.0, 6.0), 5.0)
    assert [r.ok for r in responses] == [True, True, True]
    assert dec.factor[pmd.GYRO] == pytest.approx(500 / 32768)
    assert fw.sdk_mode


def test_device_errors():
    f = get_family("polar")
    fw = f.simulated_firmware(*synthetic())
    ans = lambda d: f.parse_response(*fw.handle_write(pmd.PMD_CP, d)[0])  # noqa: E731
    assert ans(pmd.cmd_start(pmd.ACC, 104, 16, 8)).message == "INVALID_SAMPLE_RATE"  # normal mode: 52 only
    assert ans(pmd.cmd_start(pmd.ACC, 52, 16, 16)).message == "INVALID_RANGE"
    assert ans(pmd.cmd_start(pmd.ACC, 52, 12, 8)).message == "INVALID_RESOLUTION"
    assert ans(pmd.cmd_start(pmd.ECG, 130, 14, 0, 1)).message == "NOT_SUPPORTED"
    assert ans(b"\x02\x02\x00\x01").message == "INVALID_LENGTH"
    assert ans(b"\x09\x02").message == "INVALID_OP_CODE"
    assert ans(pmd.cmd_start(pmd.ACC, 52, 16, 8)).ok
    again = ans(pmd.cmd_start(pmd.ACC, 52, 16, 8))
    assert again.message == "ALREADY_IN_STATE" and again.ok  # idempotent: a reconnect may repeat it
    assert fw.handle_read(pmd.PMD_CP)[0] == 0x0F


def test_clock_reset_and_gap_detected():
    f = get_family("polar")
    cfg = StreamConfig(rate_hz=52, gyro=False)
    d2 = f.new_decoder(cfg)
    # replay the session's frames with the device clock reset half way
    fw2, _, _, _ = run_session(f, cfg, synthetic(100.0, 12.0), 0.0)
    pk = [p for _, _, p in fw2.packets_until(10 * NS)]
    for i, p in enumerate(pk):
        if i >= len(pk) // 2:
            ts = int.from_bytes(p[1:9], "little") - 5 * NS
            p = p[:1] + max(ts, 0).to_bytes(8, "little") + p[9:]
        d2.decode(pmd.PMD_DATA, p)
    assert d2.stats.clock_resets == 1 and d2.stats.sequence_gaps == 0
    d3 = f.new_decoder(cfg)
    for i, p in enumerate(pk):
        if i != 3:
            d3.decode(pmd.PMD_DATA, p)
    assert d3.stats.sequence_gaps == 1 and d3.stats.missing_samples > 10


def test_model_from_advertised_name():
    from oefensense.protocols import AdvertisementInfo

    f = get_family("polar")
    assert f.model_for(AdvertisementInfo("Polar H10 6A1B2C3D")) == "h10"
    assert f.model_for(AdvertisementInfo("Polar Sense B36B4B26")) == ""
    assert get_family("metawear").model_for(AdvertisementInfo("MetaMotion S")) == "bmi270"


def test_glued_verity_frames_are_flagged():
    f = get_family("polar")
    cfg = StreamConfig(rate_hz=52, gyro=False)
    fw, _, _, _ = run_session(f, cfg, synthetic(100.0, 12.0), 0.0)
    pk = [p for _, _, p in fw.packets_until(10 * NS)]
    dec = f.new_decoder(cfg)
    dec.decode(pmd.PMD_DATA, pk[0])
    dec.decode(pmd.PMD_DATA, pk[1] + pk[2])  # two notifications glued together
    assert dec.stats.dropped_packets + dec.stats.errors.get("samples exceed time span", 0) >= 1


class TestPolarVerityContract(FamilyContract):
    family_id = "polar"
    config = StreamConfig(rate_hz=52, acc_range_g=8, gyr_range_dps=2000)
    adv_name = "Polar Sense B36B4B26"
    acc_tol_g = 0.0006  # 1 mG LSB
    strict_lengths = False  # delta frames carry no length
    gyr_tol_dps = 2000 / 32768  # 1 LSB

    def bad_rate_writes(self):
        return [(pmd.PMD_CP, pmd.cmd_start(pmd.ACC, 100, 16, 8))]

    def vector_cases(self):
        out = []
        for v in V["frames"]:
            raw = h(v["hex"]) if "hex" in v else pmd.frame_header(pmd.GYRO if "gyr" in v["name"] else pmd.ACC, 10**9,
                                                                    0x81 if "0x81" in v["name"] else 0x80) + h(v["body_hex"])
            model = "h10" if "H10" in v["name"] else ""
            cfg = StreamConfig(rate_hz=float(v.get("rate_hz", 52)), model=model, gyro=not model, mag=raw[0] == pmd.MAG)
            notes = [(pmd.PMD_CP, pmd.cp_response(pmd.START, raw[0], 0, pmd.encode_settings({pmd.FACTOR: v["factor"]})))] \
                if "factor" in v else []
            case = (v["name"], cfg, notes + [(pmd.PMD_DATA, raw)], v["kind"], v["source"])
            # MagDataTest's 0x80 frame holds -6430 G with factor 1: not physical, so unscreened
            out.append(case + ((Limits(),) if v["name"].startswith("mag compressed 0x80") else ()))
        return out

class TestPolarH10Contract(FamilyContract):
    vector_cases = TestPolarVerityContract.vector_cases
    family_id = "polar"
    config = StreamConfig(rate_hz=100, acc_range_g=8, gyro=False, model="h10")
    adv_name = "Polar H10 6A1B2C3D"
    sim_name = "Polar H10 6A1B2C3D"
    strict_lengths = True
    acc_tol_g = 0.0006

    def bad_rate_writes(self):
        return [(pmd.PMD_CP, pmd.cmd_start(pmd.ACC, 52, 16, 8))]

    def test_unsupported_rate_refused_by_builder(self):
        with pytest.raises(ValueError):
            self.family.start_commands(StreamConfig(rate_hz=52, gyro=False, model="h10"))

    def test_every_supported_rate(self):
        for rate in (25.0, 50.0, 100.0, 200.0):
            cfg = StreamConfig(rate_hz=rate, gyro=False, model="h10")
            fw, dec, batches, responses = run_session(self.family, cfg, synthetic(200.0, 5.0), 4.0, self.sim_name)
            assert all(r.ok for r in responses)
            self._check_roundtrip(fw, dec, batches, cfg, 4.0)


@pytest.mark.parametrize("bit", [31, 40, 57, 62])
def test_flipped_timestamp_bit_is_refused_not_a_gap_of_billions(bit):
    """Issue 15: one flipped bit in a frame timestamp reported 7.5e9 missing samples. Now the
    frame waits for the next one, which continues the old stream: the corrupt frame is dropped
    and flagged, and no gap, reset or missing sample is invented."""
    f = get_family("polar")
    cfg = StreamConfig(rate_hz=52, gyro=False)
    fw, _, _, _ = run_session(f, cfg, synthetic(100.0, 12.0), 0.0)
    pk = [p for _, _, p in fw.packets_until(10 * NS)]
    dec = f.new_decoder(cfg)
    n_out = 0
    for i, p in enumerate(pk):
        if i == 3:
            b = bytearray(p)
            b[1 + bit // 8] ^= 1 << (bit % 8)
            p = bytes(b)
        n_out += sum(len(x.t_device_ns) for x in dec.decode_strict(pmd.PMD_DATA, p))
    n_out += sum(len(x.t_device_ns) for x in dec.flush())
    st = dec.stats
    assert (st.sequence_gaps, st.missing_samples, st.clock_resets) == (0, 0, 0), st
    (flag,) = dec.pop_flagged()
    assert flag.reason == "device_clock" and not flag.clock_ok and st.clock_rejected == flag.samples > 0
    total = sum(len(pmd.decode_delta(p[10:], 3, 16)) for p in pk)
    assert n_out == total - flag.samples
