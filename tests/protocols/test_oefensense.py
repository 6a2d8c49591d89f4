"""OefenSense open profile: vectors from our SPEC, counter wrap, duplicates, device restarts,
device-side drops, vibration, errors, contract."""

import numpy as np

from oefensense.protocols import StreamConfig, get_family
from oefensense.protocols.oefensense import OefenSenseFirmware
from oefensense.protocols.oefensense import profile as pf
from oefensense.protocols.common import RecordingSource

from .conftest import load_vectors
from .contract import NS, FamilyContract, synthetic

FAMILY = "oefensense"
V = load_vectors(FAMILY)


def test_packet_vector():
    v = V["frames"][0]
    dec = get_family(FAMILY).new_decoder(StreamConfig())
    (b,) = dec.decode_strict(pf.DATA, bytes.fromhex(v["hex"]))
    assert b.seq == v["seq"] and b.t_device_ns[0] == v["t_first_us"] * 1000
    assert np.allclose(b.acc_g, v["acc_g"], atol=0.5 / 4096)
    assert np.allclose(b.gyr_dps, v["gyr_dps"], atol=0.5 / 16.384)
    assert b.t_device_ns[1] - b.t_device_ns[0] == 10_000_000  # rate from the header


def test_command_vectors():
    f = get_family(FAMILY)
    w = f.start_commands(StreamConfig(rate_hz=100, acc_range_g=8, gyr_range_dps=2000))
    assert w[0].data == bytes.fromhex(V["commands"][0]["hex"]) and w[1].data == b"\x02"
    assert f.vibrate_command(0.5, 200).data == bytes.fromhex(V["commands"][1]["hex"])


def _stream(seq0=0, t0_us=0, seconds=5.0):
    src = RecordingSource(*synthetic(100.0, seconds + 1))
    fw = OefenSenseFirmware(src, seq0=seq0, t0_us=t0_us)
    f = get_family(FAMILY)
    dec = f.new_decoder(StreamConfig(rate_hz=100))
    for w in f.start_commands(StreamConfig(rate_hz=100)):
        for u, d in fw.handle_write(w.char_uuid, w.data):
            dec.decode(u, d)
    return fw, dec, [p for _, _, p in fw.packets_until(int(seconds * NS))]


def test_counter_and_clock_wraparound_are_not_gaps():
    fw, dec, pk = _stream(seq0=65530, t0_us=2**32 - 1_000_000)
    t = np.concatenate([dec.decode_strict(pf.DATA, p)[0].t_device_ns for p in pk])
    assert np.all(np.diff(t) == 10_000_000)
    assert dec.stats.sequence_gaps == 0 and dec.stats.clock_resets == 0 and dec.stats.dropped_packets == 0


def test_lost_duplicate_and_restart_reported():
    fw, dec, pk = _stream()
    for i, p in enumerate(pk[:40]):
        if i in (10, 11, 12):
            continue  # 3 packets lost
        dec.decode(pf.DATA, p)
        if i == 20:
            dec.decode(pf.DATA, p)  # a duplicate
    assert dec.stats.sequence_gaps == 1 and dec.stats.missing_samples == 12
    assert dec.stats.errors["duplicate packet"] == 1
    _, _, pk2 = _stream(seconds=1.0)  # the device rebooted: counter and clock start again
    for p in pk2:
        dec.decode(pf.DATA, p)
    assert dec.stats.clock_resets == 1


def test_device_side_drop_flag_counts_a_gap():
    dec = get_family(FAMILY).new_decoder(StreamConfig())
    a = np.zeros((4, 3))
    dec.decode_strict(pf.DATA, pf.encode_packet(1, 0, 100, 2, 4, a, a))
    dec.decode_strict(pf.DATA, pf.encode_packet(2, 60_000, 100, 2, 4, a, a, flags=pf.FLAG_DEVICE_OVERFLOW))
    assert dec.stats.sequence_gaps == 1 and dec.stats.missing_samples == 2


def test_vibrate_and_errors():
    f = get_family(FAMILY)
    fw = f.simulated_firmware(*synthetic())
    w = f.vibrate_command(1.0, 300)
    (ans,) = fw.handle_write(w.char_uuid, w.data)
    assert f.parse_response(*ans).ok and fw.vibrations == [(0, 255, 300)]
    r = lambda d: f.parse_response(*fw.handle_write(pf.CONTROL, d)[0]).message  # noqa: E731
    assert r(pf.cmd_configure(60, 2, 4)) == "UNSUPPORTED_RATE"
    assert r(pf.cmd_configure(100, 7, 4)) == "UNSUPPORTED_RANGE"
    assert r(b"\x01\x64") == "BAD_LENGTH"
    assert r(b"\x09") == "UNKNOWN_COMMAND"
    assert r(b"\x02") == "OK" and r(b"\x02") == "BUSY"
    assert r(b"\x06") == "OK"
    assert fw.handle_read(pf.INFO)[0] == pf.VERSION


class TestOefenSenseContract(FamilyContract):
    family_id = FAMILY
    config = StreamConfig(rate_hz=100, acc_range_g=8, gyr_range_dps=2000)
    adv_name = "OefenSense 0001"
    acc_tol_g = 0.5 * 8 / 32768 + 1e-9
    gyr_tol_dps = 0.5 * 2000 / 32768 + 1e-9
    t_resolution_ns = 1000

    def bad_rate_writes(self):
        return [(pf.CONTROL, pf.cmd_configure(60, 2, 4)), (pf.CONTROL, b"\x02")]

    def test_unsupported_rate_refused_by_device(self):
        fw = self.family.simulated_firmware(*synthetic())
        (ans,) = fw.handle_write(pf.CONTROL, pf.cmd_configure(60, 2, 4))
        assert not self.family.parse_response(*ans).ok and fw.errors

    def vector_cases(self):
        return [(v["name"], StreamConfig(), [(pf.DATA, bytes.fromhex(v["hex"]))], v["kind"], v["source"]) for v in V["frames"]]
