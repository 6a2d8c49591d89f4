"""Contract every device family inherits: decoder, commands and simulated firmware against each
other. A family's test module subclasses ``FamilyContract`` and sets the class attributes."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oefensense.protocols import AdvertisementInfo, DecodeError, StreamConfig, UnsupportedConfig, get_family
from oefensense.protocols.base import DecodedBatch
from oefensense.protocols.common import Limits

NS = 1_000_000_000
DATA = Path(os.environ.get("OEFENSENSE_DATA", "/work/shared/data"))


def synthetic(rate_hz: float = 100.0, seconds: float = 12.0, gyro: bool = True):
    """Slow, smooth motion (so resampling error is far below quantisation)."""
    t = np.arange(int(seconds * rate_hz)) / rate_hz
    acc = np.stack([0.3 * np.sin(2 * np.pi * 0.2 * t), 0.2 * np.cos(2 * np.pi * 0.13 * t), 0.9 + 0.05 * np.sin(t)], 1)
    gyr = np.stack([40 * np.sin(2 * np.pi * 0.25 * t), -25 * np.cos(2 * np.pi * 0.1 * t), 10 * np.sin(0.5 * t)], 1)
    return (t * NS).astype(np.int64), acc, (gyr if gyro else None)


def hapt_recording(max_s: float = 60.0):
    """First ``max_s`` s of a real HAPT waist recording (50 Hz, acc g, gyro rad/s → dps): the
    excerpt shipped with the package (CC BY 4.0, see oefensense/data/ATTRIBUTION.md)."""
    path = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"
    if not path.exists():
        path = DATA / "hapt" / "user01_exp0.waist.csv.gz"
    if not path.exists():
        pytest.skip(f"real recording not available at {path}")
    with gzip.open(path, "rt") as f:
        rows = np.genfromtxt(f, delimiter=",", skip_header=1, usecols=range(7), max_rows=int(max_s * 50))
    return (rows[:, 0] * NS).astype(np.int64), rows[:, 1:4], np.degrees(rows[:, 4:7])


def collect(batches: list[DecodedBatch]):
    """Concatenate acc and gyro streams separately: (t_acc, acc, t_gyr, gyr)."""
    ta = [b.t_device_ns for b in batches if b.acc_g is not None]
    a = [b.acc_g for b in batches if b.acc_g is not None]
    tg = [b.t_device_ns for b in batches if b.gyr_dps is not None]
    g = [b.gyr_dps for b in batches if b.gyr_dps is not None]
    cat = lambda x, w: np.concatenate(x) if x else np.zeros((0, w) if w else 0)  # noqa: E731
    return cat(ta, 0).astype(np.int64), cat(a, 3), cat(tg, 0).astype(np.int64), cat(g, 3)


def run_session(family, config: StreamConfig, rec, seconds: float, name: str = "", drop=None, variant: str = "",
                limits=None):
    """Start the simulated device with the family's commands, stream ``seconds``, decode.

    ``drop(i, payload) -> bool`` removes data notifications (to make gaps). Returns
    (firmware, decoder, batches, responses). ``limits`` replaces the decoder's range screen.
    What the decoder still holds at the end is flushed into ``batches``."""
    fw = family.simulated_firmware(*rec, name=name, variant=variant)
    dec = family.new_decoder(config)
    responses = []
    for u in family.notify_uuids:  # subscribe first, as every spec asks
        fw.set_notify(u, True)
    replies = []  # identify the variant from the device's own replies where the family must
    for w in family.identify_commands(config):
        for uuid, data in fw.handle_write(w.char_uuid, w.data):
            replies.append((uuid, data))
            dec.decode(uuid, data)
    config = family.resolve_config(config, replies)
    assert config is not None, "the device did not answer the identification"
    if limits is not None:
        dec.limits = limits
    for w in family.start_commands(config):
        for uuid, data in fw.handle_write(w.char_uuid, w.data):
            r = family.parse_response(uuid, data)
            if r is not None:
                responses.append(r)
            dec.decode(uuid, data)
    batches = []
    for i, (t, uuid, payload) in enumerate(fw.packets_until(int(seconds * NS))):
        assert 0 <= t <= seconds * NS
        if drop is not None and drop(i, payload):
            continue
        batches.extend(dec.decode_strict(uuid, payload))
    batches.extend(dec.flush())
    return fw, dec, batches, responses


class FamilyContract:
    family_id: str = ""
    config: StreamConfig = StreamConfig()
    adv_name: str = ""  # a real advertised name the matcher must accept
    acc_tol_g: float = 0.002
    gyr_tol_dps: float = 0.1
    detects_gaps: bool = True  # protocol has a counter or timestamps
    sim_name: str = ""
    sim_variant: str = ""  # a board the name does not reveal (MetaWear R: "mma8452q")
    bad_rate_hz: float = 7.3  # a rate no device of the family does
    t_resolution_ns: int = 0  # resolution of the packet timestamp (1 ms for Movesense)
    strict_lengths: bool = True  # every split / glued notification must be refused

    @property
    def family(self):
        return get_family(self.family_id)

    def bad_rate_writes(self) -> list[tuple[str, bytes]]:
        """Raw writes asking the device for an unsupported rate (bypassing the builder)."""
        raise NotImplementedError

    # -------------------------------------------------------------- interface
    def test_interface(self):
        f = self.family
        assert f.id == self.family_id
        assert f.notify_uuids and all(u == u.lower() and len(u) == 36 for u in f.notify_uuids)
        assert all(len(u) == 36 for u in f.service_uuids)
        assert f.supported_rates_hz and all(r > 0 for r in f.supported_rates_hz)
        assert f.matches(AdvertisementInfo(name=self.adv_name))
        assert not f.matches(AdvertisementInfo(name="Galaxy Buds2", service_uuids=("0000180d-0000-1000-8000-00805f9b34fb",)))
        if f.service_uuids:
            assert f.matches(AdvertisementInfo(name="", service_uuids=(f.service_uuids[0].upper(),)))

    def test_unsupported_rate_refused_by_builder(self):
        with pytest.raises(UnsupportedConfig):
            self.family.start_commands(StreamConfig(rate_hz=self.bad_rate_hz))

    def test_unsupported_rate_refused_by_device(self):
        fw = self.family.simulated_firmware(*synthetic(), name=self.sim_name, variant=self.sim_variant)
        before = {k: s.rate_hz for k, s in fw.streams.items()}  # devices that stream unasked
        answers = []
        for uuid, data in self.bad_rate_writes():
            answers += fw.handle_write(uuid, data)
        parsed = [p for p in (self.family.parse_response(u, d) for u, d in answers) if p is not None]
        assert fw.errors, "device accepted an unsupported rate silently"
        assert not any(p.ok for p in parsed[-1:])  # an error answer where the protocol has one
        # nothing new streams; what streamed before keeps its old rate
        assert {k: s.rate_hz for k, s in fw.streams.items()} == before

    # -------------------------------------------------------------- round trips
    def _check_roundtrip(self, fw, dec, batches, config, seconds):
        ta, acc, tg, gyr = collect(batches)
        assert dec.stats.dropped_packets == 0, dec.stats
        assert dec.stats.sequence_gaps == 0 and dec.stats.clock_resets == 0, dec.stats
        period = NS / config.rate_hz
        # at least 60 % of the samples made it through (the rest are buffered in the device)
        assert ta.size >= 0.6 * seconds * config.rate_hz
        assert np.all(np.diff(ta) > 0)
        assert np.allclose(np.diff(ta), period, atol=0.02 * period)
        assert 0 <= ta[0] <= 2 * period
        # the stream started at device time 0 and has no gaps: sample k was taken at k·period
        true_a = np.rint(np.arange(ta.size) * period).astype(np.int64)
        assert np.max(np.abs(ta - true_a)) <= self.t_resolution_ns + 1
        assert np.max(np.abs(acc - fw.source.at(true_a, config.rate_hz)[0])) <= self.acc_tol_g
        if self.family.has_gyro and config.gyro and fw.source.gyr is not None:
            assert tg.size >= 0.6 * seconds * config.rate_hz
            true_g = np.rint(np.arange(tg.size) * period).astype(np.int64)
            assert np.max(np.abs(tg - true_g)) <= self.t_resolution_ns + 1
            assert np.max(np.abs(gyr - fw.source.at(true_g, config.rate_hz)[1])) <= self.gyr_tol_dps
        return ta, acc

    def test_roundtrip_synthetic(self):
        rec = synthetic(100.0, 12.0)
        fw, dec, batches, responses = run_session(self.family, self.config, rec, 10.0, self.sim_name, variant=self.sim_variant)
        assert all(r.ok for r in responses), responses
        assert fw.streaming and not fw.errors
        self._check_roundtrip(fw, dec, batches, self.config, 10.0)
        # stop: the device falls silent
        for w in self.family.stop_commands():
            for uuid, data in fw.handle_write(w.char_uuid, w.data):
                dec.decode(uuid, data)
        for u in self.family.notify_uuids:
            fw.set_notify(u, False)
        assert not fw.streaming
        assert fw.packets_until(20 * NS) == []

    @pytest.mark.parametrize("input_rate", [50.0, 200.0])
    def test_any_input_rate(self, input_rate):
        rec = synthetic(input_rate, 6.0)
        fw, dec, batches, _ = run_session(self.family, self.config, rec, 5.0, self.sim_name, variant=self.sim_variant)
        self._check_roundtrip(fw, dec, batches, self.config, 5.0)

    def test_every_supported_rate(self):
        for rate in self.family.supported_rates_hz:
            cfg = StreamConfig(rate_hz=rate, acc_range_g=self.config.acc_range_g, gyr_range_dps=self.config.gyr_range_dps,
                               gyro=self.config.gyro, model=self.config.model)
            seconds = max(2.0, 400 / rate)
            rec = synthetic(max(rate, 50.0), seconds + 1)
            fw, dec, batches, responses = run_session(self.family, cfg, rec, seconds, self.sim_name, variant=self.sim_variant)
            assert all(r.ok for r in responses), (rate, responses)
            self._check_roundtrip(fw, dec, batches, cfg, seconds)

    def test_roundtrip_real_recording(self):
        rec = hapt_recording(60.0)
        fw, dec, batches, _ = run_session(self.family, self.config, rec, 55.0, self.sim_name, variant=self.sim_variant)
        ta, acc = self._check_roundtrip(fw, dec, batches, self.config, 55.0)
        # it is the recording: gravity magnitude near 1 g on average
        assert 0.8 < np.mean(np.linalg.norm(acc, axis=1)) < 1.2

    def test_battery_and_name(self):
        fw = self.family.simulated_firmware(*synthetic(), name=self.sim_name, variant=self.sim_variant)
        assert fw.name
        assert self.family.matches(AdvertisementInfo(name=fw.name))
        if self.family.battery_uuid:
            assert fw.handle_read(self.family.battery_uuid) == bytes([fw.battery_percent])

    # -------------------------------------------------------------- gaps
    def test_missing_packets_detected(self):
        rec = synthetic(100.0, 12.0)
        n_data = {"i": 0}

        def drop(i, payload):
            n_data["i"] += 1
            return n_data["i"] in (5, 6)

        _, dec, batches, _ = run_session(self.family, self.config, rec, 10.0, self.sim_name, drop=drop, variant=self.sim_variant)
        if self.detects_gaps:
            assert dec.stats.sequence_gaps >= 1
        else:
            assert dec.stats.sequence_gaps == 0  # nothing in the bytes tells; the timebase must

    def test_split_and_concatenated_packets_refused_or_flagged(self):
        rec = synthetic(100.0, 6.0)
        fw, dec, batches, _ = run_session(self.family, self.config, rec, 5.0, self.sim_name, variant=self.sim_variant)
        pk = fw.packets_until(8 * NS)
        assert pk
        _, uuid, p = pk[0]
        before = dec.stats.dropped_packets
        out = dec.decode(uuid, p[: len(p) // 2])  # first half of a split notification
        out2 = dec.decode(uuid, p + p)  # two notifications glued together
        flagged = dec.stats.dropped_packets - before
        n_ok = sum(b.t_device_ns.size for b in out + out2)
        if self.strict_lengths:
            assert flagged == 2
        else:  # either refused (counted) or decoded without inventing samples
            assert flagged >= 1 or n_ok <= 2 * (len(p) // 2)

    # -------------------------------------------------------------- fuzz
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.binary(max_size=260), which=st.integers(0, 10))
    def test_fuzz_random(self, data, which):
        dec = self.family.new_decoder(self.config)
        uuid = self.family.notify_uuids[which % len(self.family.notify_uuids)]
        try:
            out = dec.decode_strict(uuid, data)
        except DecodeError:
            assert dec.stats.dropped_packets == 1
            return
        for b in out:
            assert b.t_device_ns.dtype == np.int64

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def test_fuzz_mutated(self, data):
        if not hasattr(type(self), "_pk"):
            rec = synthetic(100.0, 4.0)
            fw, _, _, _ = run_session(self.family, self.config, rec, 0.0, self.sim_name, variant=self.sim_variant)
            type(self)._pk = fw.packets_until(3 * NS)
        pk = type(self)._pk
        _, uuid, p = pk[data.draw(st.integers(0, len(pk) - 1))]
        b = bytearray(p)
        op = data.draw(st.sampled_from(["flip", "truncate", "extend", "byte"]))
        if op == "flip" and b:
            i = data.draw(st.integers(0, len(b) - 1))
            b[i] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "truncate":
            b = b[: data.draw(st.integers(0, len(b)))]
        elif op == "extend":
            b += data.draw(st.binary(min_size=1, max_size=40))
        elif b:
            b[data.draw(st.integers(0, len(b) - 1))] = data.draw(st.integers(0, 255))
        dec = self.family.new_decoder(self.config)
        for _, u, q in pk[:3]:  # a stream in progress (identification replies included)
            dec.decode(u, q)
        dec.decode(uuid, bytes(p))
        try:
            out = dec.decode_strict(uuid, bytes(b))
        except DecodeError:
            return
        out += dec.flush()
        lim = dec.limits
        for x in out:
            for arr in (x.acc_g, x.gyr_dps, x.mag_ut, x.quat):
                if arr is not None:
                    assert arr.ndim == 2 and arr.shape[0] == x.t_device_ns.shape[0]
            # nothing beyond the configured range is ever passed on
            for arr, limit in ((x.acc_g, lim.acc_g), (x.gyr_dps, lim.gyr_dps), (x.mag_ut, lim.mag_ut)):
                if arr is not None and limit is not None:
                    assert np.all(np.abs(arr) <= limit * (1 + 1e-9)), (arr, limit)

    # -------------------------------------------------------------- plausibility
    def test_out_of_range_samples_are_dropped_counted_and_flagged(self):
        """With the range screen tightened below what the recording reaches, real packets lose
        exactly the samples beyond it: none passed on, each counted and listed for a flagged gap."""
        fw, dec0, batches, _ = run_session(self.family, self.config, synthetic(100.0, 6.0), 5.0, self.sim_name,
                                           variant=self.sim_variant)
        acc = np.concatenate([b.acc_g for b in batches if b.acc_g is not None])
        tight = float(np.quantile(np.abs(acc).max(axis=1), 0.7))
        _, dec, kept, _ = run_session(self.family, self.config, synthetic(100.0, 6.0), 5.0, self.sim_name,
                                      variant=self.sim_variant, limits=Limits(acc_g=tight))
        acc_kept = np.concatenate([b.acc_g for b in kept if b.acc_g is not None])
        assert np.abs(acc_kept).max() <= tight
        dropped = acc.shape[0] - acc_kept.shape[0]
        assert dropped > 0.1 * acc.shape[0] and dec.stats.out_of_range >= dropped
        flagged = dec.pop_flagged()
        assert sum(f.samples for f in flagged) == dec.stats.out_of_range
        assert all(f.reason == "out_of_range" and f.clock_ok and "acc" in f.detail for f in flagged)

    def test_every_vector_names_its_source_and_decodes(self):
        """The family's vectors (vendor tests, real captures, or built from a published layout,
        each naming its source) all decode through the family decoder."""
        cases = self.vector_cases()
        assert cases, "no vectors"
        for name, config, notifications, kind, source, *limits in cases:
            assert source and kind in ("vendor_test", "real_device", "vendor_source", "from_layout"), name
            dec = self.family.new_decoder(config)
            if limits:  # a vendor test's values that no real device could send (said where used)
                dec.limits = limits[0]
            out = [b for u, p in notifications for b in dec.decode_strict(u, p)] + dec.flush()
            assert out and all(len(b.t_device_ns) for b in out), name

    def vector_cases(self) -> list:
        """[(name, StreamConfig, [(char uuid, bytes)], kind, source[, Limits])] for every frame
        vector of the family's vectors.json."""
        raise NotImplementedError


class ByteStreamContract:
    """For families whose notifications are a byte stream (WitMotion): mix into a FamilyContract."""

    def test_byte_stream_reassembly(self):
        """Byte-stream families: the same bytes cut into notifications anywhere decode to the
        same samples; a lost piece never yields a frame made of two frames' bytes."""
        rec = synthetic(100.0, 4.0)
        fw, _, _, _ = run_session(self.family, self.config, rec, 0.0, self.sim_name, variant=self.sim_variant)
        pk = fw.packets_until(3 * NS)
        uuid = pk[0][1]
        stream = b"".join(p for _, _, p in pk)

        def decode_chunks(chunks):
            dec = self.family.new_decoder(self.config)
            out = [b for c in chunks for b in dec.decode(uuid, c)]
            return dec, collect(out)

        _, (t0, a0, _, g0) = decode_chunks([p for _, _, p in pk])
        rng = np.random.default_rng(3)
        cuts = np.sort(rng.choice(np.arange(1, len(stream)), size=len(pk), replace=False))
        chunks = [stream[i:j] for i, j in zip(np.r_[0, cuts], np.r_[cuts, len(stream)])]
        _, (t1, a1, _, g1) = decode_chunks(chunks)
        assert np.array_equal(a0, a1) and np.array_equal(g0, g1) and np.array_equal(t0, t1)
        lost = chunks[: len(chunks) // 2] + chunks[len(chunks) // 2 + 1 :]  # one piece lost
        dec, (_, a2, _, g2) = decode_chunks(lost)
        whole = {tuple(r) for r in np.hstack([a0, g0])}
        assert all(tuple(r) in whole for r in np.hstack([a2, g2]))  # only real frames
        assert len(a2) >= len(a0) - 3 and sum(dec.stats.errors.values()) >= 1

