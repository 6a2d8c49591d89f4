"""Movella DOT: vectors from the published spec layout, µs wrap, contract."""

import struct

import pytest

import numpy as np

from oefensense.protocols import StreamConfig, get_family
from oefensense.protocols import dot

from .conftest import load_vectors
from .contract import FamilyContract, run_session, synthetic

FAMILY = "dot"
V = load_vectors(FAMILY)


def test_rate_quantities_vector_and_padding():
    v = V["frames"][0]
    dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=60))
    raw = bytes.fromhex(v["hex"])
    (b,) = dec.decode_strict(dot.MEDIUM, raw)
    assert np.allclose(b.acc_g[0] * dot.G, v["acc_ms2"]) and np.array_equal(b.gyr_dps[0], v["gyr_dps"])
    assert b.t_device_ns[0] == v["ts_us"] * 1000
    dec2 = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=60))
    (b2,) = dec2.decode_strict(dot.MEDIUM, raw + bytes(12))  # full 40-byte characteristic, zero padded
    assert b2.t_device_ns[0] == b.t_device_ns[0] and np.array_equal(b2.acc_g, b.acc_g)
    dec2.decode(dot.MEDIUM, raw + bytes(5))  # any other length is refused
    assert dec2.stats.dropped_packets == 1


def test_commands():
    f = get_family(FAMILY)
    w = f.start_commands(StreamConfig(rate_hz=60))
    assert w[1].data == bytes.fromhex(V["commands"][0]["hex"])
    assert w[0].data[0] == 0x10 and int.from_bytes(w[0].data[24:26], "little") == 60 and len(w[0].data) == 32
    assert f.stop_commands()[0].data == bytes.fromhex(V["commands"][1]["hex"])


def test_us_wraparound_every_71_minutes():
    dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=60))
    t_us = (2**32 - 5 * 16667) + np.round(np.arange(12) * 1e6 / 60).astype(np.int64)
    ts = []
    for x in t_us:
        p = struct.pack("<I", int(x) & 0xFFFFFFFF) + struct.pack("<6f", 0, 0, 9.8, 0, 0, 0)
        ts.append(dec.decode_strict(dot.MEDIUM, p)[0].t_device_ns[0])
    assert np.all(np.diff(ts) > 0) and dec.stats.sequence_gaps == 0 and dec.stats.clock_resets == 0


def test_fusion_mode_26_quaternion():
    f = get_family(FAMILY)
    fw, dec, batches, _ = run_session(f, StreamConfig(rate_hz=60, fusion=True), synthetic(), 5.0)
    q = np.concatenate([b.quat for b in batches])
    assert q.shape[0] > 250 and np.allclose(np.linalg.norm(q, axis=1), 1, atol=1e-5)


def test_rate_fixed_while_measuring_and_battery():
    f = get_family(FAMILY)
    fw, _, _, _ = run_session(f, StreamConfig(rate_hz=30), synthetic(), 1.0)
    fw.handle_write(dot.DEVICE_CONTROL, dot.device_control_rate(60))
    assert fw.rate == 30.0 and fw.errors
    assert fw.handle_read(f.battery_uuid) == bytes([fw.battery_percent, 0])


class TestDotContract(FamilyContract):
    family_id = FAMILY
    config = StreamConfig(rate_hz=60)
    adv_name = "Movella DOT"
    acc_tol_g = 1e-6
    gyr_tol_dps = 1e-4
    t_resolution_ns = 1000
    bad_rate_hz = 50.0

    def bad_rate_writes(self):
        return [(dot.DEVICE_CONTROL, dot.device_control_rate(50))]

    def test_battery_and_name(self):
        fw = self.family.simulated_firmware(*synthetic())
        assert self.family.matches(type("A", (), {"name": fw.name, "service_uuids": ()})())
        assert fw.handle_read(self.family.battery_uuid)[0] == fw.battery_percent

    def vector_cases(self):
        chars = {"long": dot.LONG, "medium": dot.MEDIUM, "short": dot.SHORT}
        return [(v["name"], StreamConfig(rate_hz=60, model=str(v.get("mode", ""))),
                 [(chars[v.get("char", "medium")], bytes.fromhex(v["hex"]))], v["kind"], v["source"]) for v in V["frames"]]


MODE_VECTORS = [v for v in V["frames"] if "mode" in v]
OUT = {"acc": ("acc_g", 1 / dot.G), "gyr": ("gyr_dps", 1.0), "quat": ("quat", 1.0), "euler": ("euler_deg", 1.0),
       "free_acc": ("free_acc_g", 1 / dot.G), "dq": ("delta_q", 1.0), "dv": ("delta_v_ms", 1.0),
       "mag": ("mag_au", 1 / 4096), "status": ("status", 1)}


@pytest.mark.parametrize("v", MODE_VECTORS, ids=lambda v: v["name"])
def test_every_payload_mode_decodes(v):
    """Each mode of XD0506P Tables 14-16 on its characteristic, used length and zero padded."""
    char = {"long": dot.LONG, "medium": dot.MEDIUM, "short": dot.SHORT}[v["char"]]
    raw = bytes.fromhex(v["hex"])
    full = raw + bytes({"long": 63, "medium": 40, "short": 20}[v["char"]] - len(raw))
    for payload in (raw, full):
        dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=60, model=str(v["mode"])))
        (b,) = dec.decode_strict(char, payload)
        assert b.t_device_ns[0] == v["expect"]["ts"] * 1000
        for field, expect in v["expect"].items():
            if field in ("ts", "clip_acc", "clip_gyr"):
                continue
            name, scale = OUT[field]
            got = getattr(b, name) if name in ("acc_g", "gyr_dps", "quat") else b.extra[name]
            assert np.allclose(got[0], np.asarray(expect, dtype=float) * scale), (field, got)
        if "clip_acc" in v["expect"]:
            assert b.extra["clip_counts"][0].tolist() == [v["expect"]["clip_acc"], v["expect"]["clip_gyr"]]
    dec.decode(dot.MEDIUM if char != dot.MEDIUM else dot.SHORT, raw)  # not this mode's characteristic
    assert dec.stats.dropped_packets == 1


def test_mode_needs_config_where_the_bytes_are_ambiguous():
    dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=60))  # no model: short char is ambiguous
    dec.decode(dot.SHORT, bytes(16))
    assert dec.stats.dropped_packets == 1 and "ambiguous" in str(dec.last_error)
    for sdk_only in ("1", "17", "25"):
        with pytest.raises(ValueError, match="Movella's SDK"):
            get_family(FAMILY).start_commands(StreamConfig(rate_hz=60, model=sdk_only))


@pytest.mark.parametrize("mode", sorted(dot.MODES))
def test_simulated_dot_streams_every_mode(mode):
    f = get_family(FAMILY)
    cfg = StreamConfig(rate_hz=30, model=str(mode))
    fw, dec, batches, _ = run_session(f, cfg, synthetic(100.0, 4.0), 3.0)
    assert f.start_commands(cfg)[1].data == bytes([1, 1, mode])
    assert len(batches) > 80 and dec.stats.dropped_packets == 0 and dec.stats.out_of_range == 0
    assert all(np.all(np.diff(b.t_device_ns) >= 0) for b in batches)
