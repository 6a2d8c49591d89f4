"""Thingy:52: vectors from the published layout, config, contract."""

import numpy as np

from oefensense.protocols import StreamConfig, get_family
from oefensense.protocols import thingy52 as th

from .conftest import load_vectors
from .contract import FamilyContract, run_session, synthetic

FAMILY = "thingy52"
V = load_vectors(FAMILY)


def test_raw_and_quaternion_vectors():
    raw, quat = V["frames"]
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
