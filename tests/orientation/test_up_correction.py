"""A recording that starts lying (a week put on in bed): without a walk the chain takes the
largest still posture for upright, so lying reads as standing and sitting until the first walk
shows the real upright. That stretch cannot be redone live; it is flagged: an
``alignment_corrected`` event, ``data_quality.alignment`` in summary.json and a line in the
summary table (the generated week's first night came out as 7 h of sitting and standing with
2400 bends, unflagged)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from oefensense.api import analyze, run_items
from oefensense.commands import lang
from oefensense.commands.summary_view import data_quality_text
from oefensense.core.types import NS_PER_S, SampleBlock
from oefensense.io.csv_import import ImportedRecording, read_csv
from oefensense.io.csv_stream import CsvStream
from oefensense.sim.wear import mirror_tile
from oefensense.sources import csv_stream_items, recording_items
from oefensense.sources.simulated import bundled_recording

RATE = 50.0


def _stretch(block: SampleBlock, t0_s: float, t1_s: float) -> SampleBlock:
    t = (block.t_ns - block.t_ns[0]) / NS_PER_S
    return block.slice(int(np.searchsorted(t, t0_s)), int(np.searchsorted(t, t1_s)))


def _first_still_then_walks(still_from_s: float, still_to_s: float, still_s: float) -> ImportedRecording:
    """The bundled HAPT excerpt's still posture between the two times, played for ``still_s``
    (mirror-tiled), then its last 95 s as recorded (standing and four walks)."""
    rec = bundled_recording()
    still = mirror_tile(_stretch(rec.block, still_from_s, still_to_s), still_s, RATE)
    rest = _stretch(rec.block, 139.6, 240.0)
    t_rest = still.t_ns[-1] + int(NS_PER_S / RATE) + (rest.t_ns - rest.t_ns[0])
    block = SampleBlock(rec.info.sensor_id, np.r_[still.t_ns, t_rest], np.vstack([still.acc_g, rest.acc_g]),
                        np.vstack([still.gyr_dps, rest.gyr_dps]), None)
    return ImportedRecording(rec.info, block, None, rec.source)


def _analyse(rec: ImportedRecording, out: Path) -> tuple[dict, list[dict]]:
    summary = run_items(recording_items([rec]), out)
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    return summary, events


def test_a_recording_that_starts_lying_flags_everything_before_the_first_walk(tmp_path: Path) -> None:
    # 150 s lying (HAPT's second lying run, 118-135 s), then standing and walking
    summary, events = _analyse(_first_still_then_walks(118.0, 135.0, 150.0), tmp_path)
    corrected = [e for e in events if e["type"] == "alignment_corrected"]
    assert len(corrected) == 1
    e = corrected[0]
    assert e["sensor_id"] == "pelvis" and e["placement"] == "pelvis" and "walking" in e["method"]
    # lying was taken for upright: the real upright is tens of degrees away
    assert e["up_change_deg"] > 45.0
    # the flagged span starts at the first sample and ends once the walks were seen (the first
    # walk starts at 160 s; evidence needs a few seconds of it, then the next checkpoint)
    assert e["t_s"] == 0.0 and 160.0 < e["end_s"] < 200.0
    spans = summary["data_quality"]["alignment"]["pelvis"]
    assert spans["spans"] == [{"start_s": 0.0, "end_s": e["end_s"], "up_change_deg": e["up_change_deg"]}]
    assert spans["unreliable_s"] == pytest.approx(e["end_s"])


def test_a_recording_that_starts_standing_is_not_flagged(tmp_path: Path) -> None:
    # the same walks after 150 s of standing (HAPT 48-67 s): the still posture was upright
    summary, events = _analyse(_first_still_then_walks(48.0, 67.0, 150.0), tmp_path)
    assert not [e for e in events if e["type"] == "alignment_corrected"]
    assert "alignment" not in summary["data_quality"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_summary_table_says_which_span_is_unreliable(language: str) -> None:
    dq = {"gaps": {}, "alignment": {"pelvis": {"placement": "pelvis", "unreliable_s": 27623.5, "spans": [
        {"start_s": 0.0, "end_s": 27623.459, "up_change_deg": 102.1}]}}}
    lang.set_cli_language(language)
    try:
        text = data_quality_text(dq)
    finally:
        lang.set_cli_language(None)
    if language == "en":
        assert text == ("pelvis: upright direction corrected by 102° at 27623 s: posture and angles from 0 s "
                        "until then (7 h 40 min) are unreliable")
    else:
        assert text == ("bekken: rechtop-richting 102° bijgesteld na 27623 s: houding en hoeken van 0 s tot dan "
                        "(7 uur 40 min) zijn onbetrouwbaar")


def _write_csv(rec: ImportedRecording, path: Path) -> Path:
    t = (rec.block.t_ns - rec.block.t_ns[0]) / NS_PER_S
    cols = np.column_stack([t, rec.block.acc_g, rec.block.gyr_dps])
    header = "time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps"
    np.savetxt(path, cols, delimiter=",", header=header, comments="", fmt="%.6f")
    return path


def _lying_share(out: Path, until_s: float) -> float:
    rows = [line.split(",") for line in (out / "timeline.csv").read_text().splitlines()[1:]]
    lying = sum(min(float(b), until_s) - float(a) for a, b, p, *_ in rows if p == "lying" and float(a) < until_s)
    return lying / until_s


def test_a_file_that_starts_lying_learns_its_upright_ahead(tmp_path: Path) -> None:
    """``analyze`` reads a file's first part ahead when its still start turns out not upright,
    and analyses it with the upright from the walk that follows: the lying start is lying."""
    rec = _first_still_then_walks(118.0, 135.0, 150.0)
    csv = _write_csv(rec, tmp_path / "night.waist.csv")
    result = analyze([csv], tmp_path / "out")[0]
    events = [json.loads(line) for line in (result.out_dir / "events.jsonl").read_text().splitlines()]
    assert not [e for e in events if e["type"] == "alignment_corrected"]
    ahead = result.summary["data_quality"]["alignment"]["pelvis"]
    assert ahead["placement"] == "pelvis" and 160.0 < ahead["learned_ahead_until_s"] < 200.0
    assert ahead["still_start_off_deg"] > 45.0 and "spans" not in ahead
    assert _lying_share(result.out_dir, 145.0) > 0.9
    # the same items without looking ahead (as live): lying taken for upright, and flagged
    live = tmp_path / "live"
    summary = run_items(recording_items([rec]), live)
    assert _lying_share(live, 145.0) < 0.5
    assert summary["data_quality"]["alignment"]["pelvis"]["spans"][0]["start_s"] == 0.0


def test_a_file_whose_still_start_is_upright_is_analysed_as_it_streams(tmp_path: Path) -> None:
    """No seed when the still start was upright: ``analyze`` gives byte for byte what the
    streaming run (live, a replay) gives."""
    rec = _first_still_then_walks(48.0, 67.0, 150.0)
    csv = _write_csv(rec, tmp_path / "day.waist.csv")
    result = analyze([csv], tmp_path / "out")[0]
    assert "alignment" not in result.summary["data_quality"]
    streamed = tmp_path / "streamed"
    run_items(csv_stream_items([CsvStream(csv)]), streamed)
    for name in ("timeline.csv", "events.jsonl"):
        assert (result.out_dir / name).read_bytes() == (streamed / name).read_bytes()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_summary_table_says_where_the_upright_was_learned_ahead(language: str) -> None:
    dq = {"gaps": {}, "alignment": {"pelvis": {"placement": "pelvis", "learned_ahead_until_s": 27623.459,
                                               "still_start_off_deg": 102.1}}}
    lang.set_cli_language(language)
    try:
        text = data_quality_text(dq)
    finally:
        lang.set_cli_language(None)
    expected = {"en": "pelvis: starts still, 102° from upright (lying, or not worn), without a walk: its upright direction "
                      "until 27623 s (7 h 40 min) was taken from the walk that follows",
                "nl": "bekken: begint stil, 102° van rechtop (liggend, of niet gedragen), zonder te lopen: de "
                      "rechtop-richting tot 27623 s (7 uur 40 min) is genomen uit het lopen dat volgt"}
    assert text == expected[language]


def test_a_multi_sensor_file_set_learns_each_sensors_upright_ahead(tmp_path: Path) -> None:
    rec = _first_still_then_walks(118.0, 135.0, 150.0)
    files = {pl: _write_csv(rec, tmp_path / f"{pl}.csv") for pl in ("pelvis", "trunk")}
    result = analyze([], tmp_path / "out", sensors=files)[0]
    ahead = result.summary["data_quality"]["alignment"]
    assert set(ahead) == {"pelvis", "trunk"}
    assert all(160.0 < a["learned_ahead_until_s"] < 200.0 for a in ahead.values())
    assert _lying_share(result.out_dir, 145.0) > 0.9


def test_a_file_without_a_walk_is_not_seeded_by_a_still_posture_that_outgrows_the_first(tmp_path: Path) -> None:
    """Standing, sitting and lying over and over, never walking: the largest still posture can
    change, and the upright guess with it, by more than 30°. That is a new guess, not a correction
    from walking: no event, no seed (one took lying for upright over the whole file)."""
    rec = bundled_recording()
    block = mirror_tile(_stretch(rec.block, 0.0, 139.0), 1800.0, RATE)  # stand, sit, lie; no walk
    csv = _write_csv(ImportedRecording(rec.info, block, None, rec.source), tmp_path / "nowalk.waist.csv")
    result = analyze([csv], tmp_path / "out")[0]
    events = [json.loads(line) for line in (result.out_dir / "events.jsonl").read_text().splitlines()]
    assert not [e for e in events if e["type"] == "alignment_corrected"]
    # nothing learned ahead or corrected; what it rests on is said (see the test below)
    assert result.summary["data_quality"]["alignment"] == {
        "pelvis": {"placement": "pelvis", "up_unconfirmed": True, "up_from": result.summary["data_quality"]["alignment"]["pelvis"]["up_from"]}}
    assert result.summary["data_quality"]["alignment"]["pelvis"]["up_from"].startswith("still")


def _unconfirmed(out: Path) -> list[dict]:
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    return [e for e in events if e["type"] == "alignment_unconfirmed"]


def test_a_walk_free_file_that_starts_in_bed_says_its_upright_is_a_guess(tmp_path: Path) -> None:
    """A night in bed and sitting up, never walking (the sensor taken off before the first walk):
    lying is the largest still posture and is taken for upright, so the night reads as standing.
    Nothing can correct it, and before this nothing said so: ``data_quality.alignment`` and an
    ``alignment_unconfirmed`` event over the whole stream now do, and the summary table says it."""
    rec = bundled_recording()
    lying = mirror_tile(_stretch(rec.block, 118.0, 135.0), 900.0, RATE)
    sitting = _stretch(rec.block, 80.0, 100.0)
    t_sit = lying.t_ns[-1] + int(NS_PER_S / RATE) + (sitting.t_ns - sitting.t_ns[0])
    block = SampleBlock(rec.info.sensor_id, np.r_[lying.t_ns, t_sit], np.vstack([lying.acc_g, sitting.acc_g]),
                        np.vstack([lying.gyr_dps, sitting.gyr_dps]), None)
    csv = _write_csv(ImportedRecording(rec.info, block, None, rec.source), tmp_path / "bed.waist.csv")
    result = analyze([csv], tmp_path / "out")[0]
    assert _lying_share(result.out_dir, 890.0) < 0.1  # still read wrong: only a walk could tell
    dq = result.summary["data_quality"]["alignment"]["pelvis"]
    assert dq["up_unconfirmed"] is True and dq["up_from"].startswith("still")
    (event,) = _unconfirmed(result.out_dir)
    end_s = (block.t_ns[-1] - block.t_ns[0]) / NS_PER_S
    assert event["t_s"] == 0.0 and event["end_s"] == pytest.approx(end_s, abs=0.001) and event["placement"] == "pelvis"
    lang.set_cli_language("en")
    try:
        text = data_quality_text(result.summary["data_quality"])
    finally:
        lang.set_cli_language(None)
    assert "pelvis: no walking found, so its upright direction is a guess" in text


def test_a_file_with_walks_is_not_said_to_guess(tmp_path: Path) -> None:
    # the bundled excerpt walks: its upright is confirmed, nothing said (a seeded lying start neither)
    for name, rec in (("bundled", bundled_recording()), ("night", _first_still_then_walks(118.0, 135.0, 150.0))):
        result = analyze([_write_csv(rec, tmp_path / f"{name}.waist.csv")], tmp_path / name)[0]
        assert not _unconfirmed(result.out_dir)
        assert "up_unconfirmed" not in (result.summary["data_quality"].get("alignment") or {}).get("pelvis", {})


@pytest.mark.parametrize("still_s", [150.0, 600.0, 1200.0, 2400.0, 3600.0, 7200.0])
def test_a_long_lying_start_is_corrected_whatever_its_length(tmp_path: Path, still_s: float) -> None:
    """Lying for ``still_s``, then standing and four walks until the file ends ~100 s later. The
    chain re-estimates at checkpoints every 10 % of the elapsed time: after 1200, 2400 or 3600 s
    of lying the file ended before the checkpoint after the walks, which were never looked at:
    no seed, no flag, and the lying start read as standing and sitting (2400 s: 1339 s standing,
    254 s lying). The samples after the last checkpoint are re-estimated at the end."""
    rec = _first_still_then_walks(118.0, 135.0, still_s)
    end_s = (rec.block.t_ns[-1] - rec.block.t_ns[0]) / NS_PER_S
    csv = _write_csv(rec, tmp_path / "night.waist.csv")
    result = analyze([csv], tmp_path / "out")[0]
    ahead = result.summary["data_quality"]["alignment"]["pelvis"]
    assert ahead["still_start_off_deg"] > 45.0 and still_s + 10.0 < ahead["learned_ahead_until_s"] <= end_s + 0.01
    assert _lying_share(result.out_dir, still_s - 5.0) > 0.9
    # live (no look-ahead): the file streamed in the CSV reader's blocks and read whole in a
    # recording's blocks flags the same span from the first sample, byte for byte
    streamed, whole = tmp_path / "streamed", tmp_path / "whole"
    summary = run_items(csv_stream_items([CsvStream(csv)]), streamed)
    run_items(recording_items([read_csv(csv)]), whole)
    spans = summary["data_quality"]["alignment"]["pelvis"]["spans"]
    assert len(spans) == 1 and spans[0]["start_s"] == 0.0 and spans[0]["end_s"] > still_s + 10.0
    assert spans[0]["up_change_deg"] > 45.0
    assert (streamed / "events.jsonl").read_bytes() == (whole / "events.jsonl").read_bytes()
