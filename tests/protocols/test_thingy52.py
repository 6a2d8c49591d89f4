"""Thingy:52: vectors from the published layout, config, contract."""

import numpy as np
import pytest

from oefensense.protocols import StreamConfig, get_family
from oefensense.protocols import thingy52 as th

from .conftest import load_vectors
from .contract import FamilyContract, run_session, synthetic

FAMILY = "thingy52"
V = load_vectors(FAMILY)


def test_raw_and_quaternion_vectors():
    raw, quat = V["frames"][:2]
    dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=100, mag=True))
    (b,) = dec.decode_strict(th.tms(int(raw["char"], 16)), bytes.fromhex(raw["hex"]))
    assert np.array_equal(b.acc_g[0], raw["acc_g"]) and np.array_equal(b.gyr_dps[0], raw["gyr_dps"])
    assert np.array_equal(b.mag_ut[0], raw["mag_ut"])
    (q,) = dec.decode_strict(th.tms(int(quat["char"], 16)), bytes.fromhex(quat["hex"]))
    assert np.array_equal(q.quat[0], quat["quat"])


def test_config_command():
    c = V["commands"][0]
    (w,) = get_family(FAMILY).start_commands(StreamConfig(rate_hz=c["rate_hz"]))
    assert w.data == bytes.fromhex(c["hex"]) and w.char_uuid == th.CONFIG


def test_quaternion_stream_is_unit():
    f = get_family(FAMILY)
    fw, dec, _, _ = run_session(f, StreamConfig(rate_hz=50), synthetic(), 0.0)
    fw.set_notify(th.QUAT, True)
    qs = [b.quat for _, u, p in fw.packets_until(3 * 10**9) for b in dec.decode_strict(u, p) if b.quat is not None]
    q = np.concatenate(qs)
    assert q.shape[0] > 100 and np.allclose(np.linalg.norm(q, axis=1), 1, atol=1e-6)


class TestThingyContract(FamilyContract):
    family_id = FAMILY
    config = StreamConfig(rate_hz=100)
    adv_name = "Thingy"
    acc_tol_g = 0.5 / 1024 + 1e-9
    gyr_tol_dps = 0.5 / 32 + 1e-9
    detects_gaps = False

    def bad_rate_writes(self):
        return [(th.CONFIG, th.config_bytes(300))]

    def vector_cases(self):
        return [(v["name"], StreamConfig(rate_hz=100, mag=True), [(th.tms(int(v["char"], 16)), bytes.fromhex(v["hex"]))],
                 v["kind"], v["source"]) for v in V["frames"]]


EXTRA_VECTORS = [v for v in V["frames"] if any(k in v for k in ("rot_matrix", "heading_deg", "tap", "orientation", "pedometer"))]


@pytest.mark.parametrize("v", EXTRA_VECTORS, ids=lambda v: v["name"])
def test_motion_characteristics(v):
    """Rotation matrix, heading, tap, orientation and pedometer (ble_tms.h, m_motion.c)."""
    dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=100))
    (b,) = dec.decode_strict(th.tms(int(v["char"], 16)), bytes.fromhex(v["hex"]))
    key = next(k for k in ("rot_matrix", "heading_deg", "tap", "orientation", "pedometer") if k in v)
    assert np.allclose(b.extra[key][0], v[key]) and b.acc_g is None
    dec.decode(th.tms(int(v["char"], 16)), bytes.fromhex(v["hex"]) + b"\x00")  # wrong length: refused
    assert dec.stats.dropped_packets == 1


def test_impossible_event_codes_and_matrices_are_refused():
    dec = get_family(FAMILY).new_decoder(StreamConfig(rate_hz=100))
    dec.decode(th.TAP, bytes([9, 1]))
    dec.decode(th.ORIENTATION, bytes([7]))
    assert dec.stats.dropped_packets == 2
    assert dec.decode_strict(th.ROT_MAT, np.full(9, 0x7FFF, "<i2").tobytes()) == []  # elements ~2
    assert dec.stats.out_of_range == 1


def test_simulated_rotation_matrix_and_heading_agree_with_the_quaternion():
    f = get_family(FAMILY)
    fw, dec, _, _ = run_session(f, StreamConfig(rate_hz=50), synthetic(), 0.0)
    for u in (th.QUAT, th.ROT_MAT, th.HEADING):
        fw.set_notify(u, True)
    out = [b for _, u, p in fw.packets_until(3 * 10**9) for b in dec.decode_strict(u, p)]
    m = np.concatenate([b.extra["rot_matrix"] for b in out if b.extra and "rot_matrix" in b.extra]).reshape(-1, 3, 3)
    assert m.shape[0] > 100 and np.allclose(m @ m.transpose(0, 2, 1), np.eye(3), atol=2e-3)
    h = np.concatenate([b.extra["heading_deg"] for b in out if b.extra and "heading_deg" in b.extra])
    assert h.shape[0] > 100 and np.all((h >= 0) & (h < 360))
