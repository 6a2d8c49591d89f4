"""SensorDecoder's acc/gyro pairing (Polar: acc and gyro in separate packets): what it cannot
pair is flagged, never dropped silently (rel-8)."""

from __future__ import annotations

import numpy as np

from oefensense.core.types import Event, Placement, RawPacket, SensorInfo
from oefensense.pipeline.decoding import SensorDecoder
from oefensense.protocols import StreamConfig, get_family
from oefensense.protocols.polar import pmd

from ..protocols.contract import NS, synthetic

RATE = 52
CFG = StreamConfig(rate_hz=RATE, acc_range_g=8, gyr_range_dps=2000)
INFO = SensorInfo("trunk", list(Placement)[0], family="polar", nominal_rate_hz=RATE, acc_range_g=8, gyr_range_dps=2000)
LINK_MS = 20_000_000  # arrival 20 ms after the packet's device time


def _packets(seconds: float = 20.0):
    """The simulated Polar Verity's PMD data notifications: (device ns, uuid, payload), an acc
    frame (~70 samples) then its gyro frame."""
    fam = get_family("polar")
    fw = fam.simulated_firmware(*synthetic(RATE, seconds))
    for u in fam.notify_uuids:
        fw.set_notify(u, True)
    for w in list(fam.identify_commands(CFG)) + list(fam.start_commands(CFG)):
        fw.handle_write(w.char_uuid, w.data)
    return list(fw.packets_until(int(seconds * NS)))


def _feed(dec: SensorDecoder, packets) -> tuple[np.ndarray, list[Event]]:
    times, events = [], []
    for t, uuid, payload in packets:
        block = dec.process(RawPacket("trunk", t + LINK_MS, uuid, payload))
        if block is not None:
            times.append(block.t_ns)
        events += dec.pop_gap_events()
    return (np.concatenate(times) if times else np.empty(0, np.int64)), events


def test_gyro_gap_beyond_pairing_limit_is_flagged():
    """A lost gyro notification leaves 1.35 s without gyro: its 70 acc samples cannot be paired.
    They used to vanish with no event; now a ``no_gyro`` gap covers exactly them."""
    packets = _packets()
    full, ev_full = _feed(SensorDecoder(INFO, CFG), packets)
    gyro_k = [i for i, (_, _, p) in enumerate(packets) if p[0] == pmd.GYRO]
    holed = [p for i, p in enumerate(packets) if i != gyro_k[4]]
    dec = SensorDecoder(INFO, CFG)
    got, events = _feed(dec, holed)
    assert ev_full == []
    gaps = [e for e in events if e.fields.get("reason") == "no_gyro"]
    assert len(gaps) == 1, events
    (gap,) = gaps
    assert len(got) + gap.fields["samples"] == len(full)  # every decoded sample: passed on or flagged
    assert dec.flagged_samples["no_gyro"] == gap.fields["samples"] == 70
    hole = int(np.argmax(np.diff(got)))
    assert got[hole] < gap.t_ns <= gap.end_ns < got[hole + 1]  # the gap lies in the hole ...
    missing = np.setdiff1d(full, got)
    assert missing.min() == gap.t_ns and missing.max() == gap.end_ns  # ... over exactly the dropped samples


def test_link_lost_gap_covers_the_unpaired_samples_it_discards():
    """The link drops after an acc notification, before its gyro one: link_lost discards those
    acc samples (no gyro to pair them with). The source's gap (from the host's notice, later)
    used to start after them: 70 samples lost unflagged. ``cover`` moves it back over them."""
    packets = _packets()
    k = [i for i, (_, _, p) in enumerate(packets) if p[0] == pmd.ACC][5]  # the 6th acc frame
    dec = SensorDecoder(INFO, CFG)
    before, _ = _feed(dec, packets[:k + 1])
    tail = dec.link_lost()
    assert tail is None  # nothing pairable was held
    host_notice = packets[k][0] + LINK_MS + 500_000_000
    lost = Event("gap", host_notice, host_notice + 2 * NS, {"reason": "link_lost"}, sensor_id="trunk")
    covered = dec.cover(lost)
    period = NS // RATE
    assert before[-1] < covered.t_ns <= before[-1] + 2 * period  # starts right after the last sample passed on
    assert covered.end_ns == lost.end_ns and covered.fields == lost.fields
    assert lost.t_ns - covered.t_ns > 60 * period  # it now covers the ~70 discarded samples
    assert dec.cover(lost) == lost  # once: a later gap with nothing discarded is left alone
    after, _ = _feed(dec, packets[k + 1:])
    assert len(after) and after[0] > covered.t_ns


def test_link_lost_with_nothing_unpaired_leaves_the_gap_alone():
    packets = _packets()
    k = [i for i, (_, _, p) in enumerate(packets) if p[0] == pmd.GYRO][5]  # acc and gyro both in
    dec = SensorDecoder(INFO, CFG)
    _feed(dec, packets[:k + 1])
    dec.link_lost()
    lost = Event("gap", packets[k][0] + LINK_MS, packets[k][0] + 3 * NS, {"reason": "link_lost"}, sensor_id="trunk")
    assert dec.cover(lost) is lost


def test_the_recorded_gap_is_the_one_the_pipeline_passed_on(tmp_path):
    """The recorder stored the link's gap as the source gave it (its start at the host's notice),
    while the pipeline, live and replayed, moved it back over the discarded samples: the session's
    events (``oefensense info``) and its analysis told two starts. Now both tell the decoder's."""
    from oefensense.engine import Engine
    from oefensense.pipeline import PipelineSettings
    from oefensense.session import InfoSettings, SessionReader, SessionWriter, session_info
    from oefensense.sinks import RecorderSink
    from oefensense.sources.replay import replay_items

    from .test_record_replay import Capture

    packets = _packets()
    k = [i for i, (_, _, p) in enumerate(packets) if p[0] == pmd.ACC][5]  # lost after an acc frame, before its gyro
    notice = packets[k][0] + LINK_MS + 500_000_000
    lost = Event("gap", notice, notice + 2 * NS, {"reason": "link_lost", "recovered": True, "attempts": 1}, sensor_id="trunk")
    items = [INFO, *(RawPacket("trunk", t + LINK_MS, u, p) for t, u, p in packets[:k + 1]), lost,
             *(RawPacket("trunk", t + LINK_MS + 3 * NS, u, p) for t, u, p in packets[k + 1:])]
    settings = PipelineSettings(stages=())
    live = Capture()
    Engine(settings, [RecorderSink(SessionWriter(tmp_path / "s"), settings), live]).run(items)
    (passed,) = [e for e in live.events if e.type == "gap"]
    assert passed.t_ns < notice - 60 * (NS // RATE)  # the pipeline moved it back (rel-8's cover)

    (stored,) = [e for e in SessionReader(tmp_path / "s").events() if e.type == "gap"]
    assert stored == passed
    replayed = Capture()
    Engine(settings, [replayed]).run(replay_items(tmp_path / "s"))
    assert [e for e in replayed.events if e.type == "gap"] == [passed]
    # info: the recorded gap alone (a rule that finds no hole in the samples) is the pipeline's
    wide = session_info(tmp_path / "s", InfoSettings(gap_min_s=60.0))["sensors"][0]
    assert wide["gaps"] == [{"start_s": round(passed.t_ns / NS, 3), "end_s": round(passed.end_ns / NS, 3)}]
    # ... and with the default rule, the hole in the samples around it (from the last sample passed on)
    (merged,) = session_info(tmp_path / "s")["sensors"][0]["gaps"]
    assert merged["start_s"] <= round(passed.t_ns / NS, 3) < round(notice / NS, 3)


def test_acc_samples_before_the_first_gyro_sample_are_flagged():
    """The stream's first gyro notification lost: its 70 acc samples are older than every gyro
    sample that came, so there is nothing to interpolate from. They were dropped unflagged (as
    was the one acc sample a Polar's first block lost when its gyro batch was mapped a little
    later); now a ``no_gyro`` gap covers exactly them."""
    packets = _packets()
    full, _ = _feed(SensorDecoder(INFO, CFG), packets)
    first_gyro = next(i for i, (_, _, p) in enumerate(packets) if p[0] == pmd.GYRO)
    dec = SensorDecoder(INFO, CFG)
    got, events = _feed(dec, [p for i, p in enumerate(packets) if i != first_gyro])
    (gap,) = events
    assert gap.fields["reason"] == "no_gyro" and gap.fields["origin"] == "decoder"
    assert gap.fields["detail"].startswith("before the first gyroscope sample")
    assert len(got) + gap.fields["samples"] == len(full)  # every decoded sample: passed on or flagged
    assert dec.flagged_samples == {"no_gyro": 70} and gap.fields["samples"] == 70
    missing = np.setdiff1d(full, got)
    assert missing.min() == gap.t_ns and missing.max() == gap.end_ns < got[0]


def test_the_gyroscope_starting_after_the_accelerometer_is_no_gap(tmp_path, monkeypatch):
    """A Polar starts its acc and gyro measurements one after the other: in the dashboard's demo
    its first 4 acc samples (31 ms) came before its first gyro sample, and every session listed
    "trunk: No data from the sensor (no gyroscope data to pair with)" in red at 0:00. At the
    stream's start, within the pairing limit, that is the stream starting, not a gap (a lost
    first gyro frame, 1.35 s, is still flagged: the test above)."""
    from typer.testing import CliRunner

    from oefensense.cli import app
    from oefensense.session import SessionReader

    before: list[int] = []  # acc samples older than the first gyro sample, per call
    flag = SensorDecoder._flag_before_gyro

    def spy(self, ts):  # noqa: ANN001, ANN202
        before.append(len(ts))
        return flag(self, ts)

    monkeypatch.setattr(SensorDecoder, "_flag_before_gyro", spy)
    out = tmp_path / "s"
    res = CliRunner().invoke(app, ["record", "--simulate", "polar=trunk", "--duration", "3", "--speed", "5",
                                   "--out", str(out), "--no-analysis"])
    assert res.exit_code == 0, res.output
    assert max(before) > 0  # the case is exercised: the acc began before the gyro
    assert [e for e in SessionReader(out).events() if e.type == "gap"] == []
