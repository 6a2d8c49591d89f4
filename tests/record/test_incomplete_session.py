"""A session whose figures may be incomplete says so to the therapist: the record stored why
(``quality.warnings`` from the session reader, ``data_quality.session`` in summary.json), but
``patient show`` and the therapist report showed the figures as if complete."""

from __future__ import annotations

import itertools

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.record import Record


def _crashed_session(path: Path, rows_per_segment: int | None = None, killed_at_s: float | None = None) -> Path:
    """The bundled recording through a simulated Polar, left as a recorder killed at the end, or
    ``killed_at_s`` (host time, s) into it: mid-stream, with rows still buffered. (At the end the
    last flush may have just rotated, leaving no open segment: since the simulated replay sends
    the Polar's last frame, 5 Dec 2026, it does with 100 rows a segment.)

    ``rows_per_segment=None``: one open segment per kind. A number: the writer flushes every
    that many buffered rows and closes the segments after each flush, so the crash leaves many
    closed segments and an open tail, laid out the same on every run. (Rotating on wall-clock
    time, every 0.02 s, left the crash without an open packets segment in 5 of 10 runs, at
    random: the torn-tail test, which needs one, failed when 5 attempts in a row had none.)"""
    from oefensense.engine import Engine
    from oefensense.pipeline import PipelineSettings
    from oefensense.session import SessionWriter
    from oefensense.sinks import RecorderSink
    from oefensense.sources import simulated_device_items
    from oefensense.sources.simulated import bundled_recording

    class RotateEveryFlush(SessionWriter):
        def flush(self) -> None:
            super().flush()
            self._rotate()

    settings = PipelineSettings(stages=())
    if rows_per_segment is None:  # the clock never flushes or rotates within a test
        writer = SessionWriter(path, flush_interval_s=3600.0, rotate_s=3600.0)
    else:  # flushes counted in rows, not timed: the same segments on every run
        writer = RotateEveryFlush(path, flush_interval_s=3600.0, rotate_s=3600.0, max_buffer_rows=rows_per_segment)
    sink = RecorderSink(writer, settings, batch=64)
    sink.close = lambda pipeline: (sink._flush_packets(), writer._write_buffers(), writer._lock.release(remove=False))
    items = simulated_device_items(bundled_recording(), "polar")
    if killed_at_s is not None:
        items = itertools.takewhile(lambda it: getattr(it, "host_t_ns", 0) < killed_at_s * 1e9, items)
    Engine(settings, [sink]).run(items)
    return path


def run(*args: str | Path) -> str:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_session_not_closed_is_flagged_in_show_and_report(tmp_path: Path) -> None:
    db = ("--database", f"sqlite:///{tmp_path / 'r.sqlite'}")
    run("patient", "add", "P001", *db)
    run("analyze", _crashed_session(tmp_path / "s"), "--out", tmp_path / "a", "--patient", "P001", "-q", *db)
    with Record(db[1]) as rec:
        (s,) = rec.sessions("P001")
    assert s.summary["data_quality"]["session"]["state"] == "not_closed" and s.quality["warnings"]
    shown = " ".join(run("--language", "nl", "patient", "show", "P001", *db).split())
    assert ("waarschuwing: sessie 1: de cijfers kunnen onvolledig zijn: de opname is afgebroken voordat de sessie "
            "werd afgesloten") in shown
    assert "session was not closed" not in shown  # said once, in Dutch
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed: the report's words are not checked")
    run("report", "P001", "--out", tmp_path / "r.pdf", "--language", "en", *db)
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "The figures of this session may be incomplete: the recording crashed before the session was closed" in text


def test_stored_reader_warnings_are_shown_as_they_were_stored() -> None:
    from types import SimpleNamespace

    from oefensense.reports.text import Words

    info = SimpleNamespace(summary={}, quality={
        "warnings": ["samples: batch 3 of 000002-samples.arrows failed its checksum (1200 rows, 12.0-24.0 s)",
                     "shares 60 s of clock time with session 1 of the same patient (recorded twice, or overlapping "
                     "files): do not add their figures up"],
        "overlaps": [{"session_id": 1, "overlap_s": 60.0}]})
    assert Words("nl").incomplete(info) == [info.quality["warnings"][0]]  # the overlap has its own note


def test_a_lost_batch_is_said_in_the_reports_language(tmp_path: Path) -> None:
    """A packets segment that failed its checksum, repaired (its batches flagged as gaps), was
    registered with no word of the loss: `repair` keeps it in the manifest, not in the reader's
    warnings, so patient show and the report said nothing (and an unrepaired loss was English in
    Dutch). Losses are now kept as data (quality.losses) and worded in the language asked for."""
    db = ("--database", f"sqlite:///{tmp_path / 'r.sqlite'}")
    session = _crashed_session(tmp_path / "s", rows_per_segment=100)  # many closed segments: one is lost
    segments = sorted((session / "segments").glob("*-packets.arrows"))
    assert len(segments) > 2, segments
    segment = segments[len(segments) // 2]
    from oefensense.session.info import session_info

    original = segment.read_bytes()
    for at in range(len(original) // 2, len(original)):  # a byte in a batch (one in padding costs nothing)
        data = bytearray(original)
        data[at] ^= 0xFF  # one flipped byte: the segment fails its checksum
        segment.write_bytes(bytes(data))
        if session_info(session)["losses"]:
            break
    else:
        raise AssertionError(f"no byte of {segment.name}'s second half loses data")
    run("repair", session)
    run("patient", "add", "P001", *db)
    run("analyze", session, "--out", tmp_path / "a", "--patient", "P001", "-q", *db)
    with Record(db[1]) as rec:
        (s,) = rec.sessions("P001")
    from oefensense.reports.text import LOSS_REASONS

    (loss,) = s.quality["losses"]
    rows = loss["rows"]
    assert loss["kind"] == "packets" and rows > 0, loss
    en_what, nl_what = LOSS_REASONS[loss["reason"]]  # checksum, or truncated as repair reads it
    nl = " ".join(run("--language", "nl", "patient", "show", "P001", *db).split())
    assert f"{segment.name} {nl_what}: {rows} rijen pakketten verloren" in nl, nl
    assert en_what not in nl and "rows lost" not in nl
    en = " ".join(run("--language", "en", "patient", "show", "P001", *db).split())
    assert f"{segment.name} {en_what}: {rows} packets rows lost" in en, en
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed: the report's words are not checked")
    run("report", "P001", "--out", tmp_path / "r.pdf", "--language", "nl", *db)
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert f"{nl_what}: {rows} rijen pakketten verloren" in text and "rows lost" not in text, text[:3000]


def test_the_readers_notes_are_said_in_the_reports_language(tmp_path: Path) -> None:
    """A crashed session with a torn last batch: `patient show -L nl` and the Dutch report said
    "segment ... ends in a torn batch (killed mid-write); ... rows before it recovered" in English."""
    db = ("--database", f"sqlite:///{tmp_path / 'r.sqlite'}")
    session = _crashed_session(tmp_path / "s", rows_per_segment=100, killed_at_s=201.0)  # closed segments, and an open one (asserted)
    manifest = json.loads((session / "manifest.json").read_text())
    closed = [s["file"] for s in manifest["segments"] if s["kind"] == "packets" and "sha256" in s]
    open_ = [s["file"] for s in manifest["segments"] if s["kind"] == "packets" and s.get("open")]
    assert len(closed) > 2 and len(open_) == 1, manifest["segments"]
    segment = session / "segments" / open_[0]  # torn there is a crash's note; in a closed one it is damage
    segment.write_bytes(segment.read_bytes()[:-11])  # killed mid-write
    run("patient", "add", "P001", *db)
    run("analyze", session, "--out", tmp_path / "a", "--patient", "P001", "-q", *db)
    with Record(db[1]) as rec:
        (s,) = rec.sessions("P001")
    assert any("ends in a torn batch" in w for w in s.quality["warnings"])  # stored in English
    nl = " ".join(run("--language", "nl", "patient", "show", "P001", *db).split())
    assert f"segment {segment.name} eindigt in een half geschreven blok" in nl and "rijen ervoor hersteld" in nl, nl
    assert "torn batch" not in nl and "recovered" not in nl
    en = " ".join(run("--language", "en", "patient", "show", "P001", *db).split())
    assert f"segment {segment.name} ends in a torn batch" in en
    info_nl = " ".join(run("--language", "nl", "info", session).split())
    assert "eindigt in een half geschreven blok" in info_nl and "torn batch" not in info_nl, info_nl
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed: the report's words are not checked")
    run("report", "P001", "--out", tmp_path / "r.pdf", "--language", "nl", *db)
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "eindigt in een half geschreven blok" in text and "torn batch" not in text, text[:3000]


def test_every_reader_note_has_dutch_words() -> None:
    from oefensense.reports.text import Words
    from oefensense.session import notes

    for template in notes.TEMPLATES:
        sample = template.format(**{k: "7" for k in ("name", "rows", "bytes", "size", "source")})
        assert Words("nl").note(sample) != sample and Words("en").note(sample) == sample


def test_the_mark_stands_beside_the_figures_it_concerns(tmp_path: Path, bundled_halves) -> None:
    """The warnings were said once, above the figures of the session itself: the next session's
    report compared with the crashed one's figures without a word, `patient show` printed them
    above a table whose columns gave no sign which session they were about, and the trend plots
    drew its points like any other. Now its column heads carry "(!)" with the reasons under the
    figures (CLI, the key figures' previous column) and its trend points are open and red."""
    db = ("--database", f"sqlite:///{tmp_path / 'r.sqlite'}")
    run("patient", "add", "P001", *db)
    run("analyze", _crashed_session(tmp_path / "s"), "--out", tmp_path / "a", "--patient", "P001", "-q", *db)
    run("analyze", bundled_halves[0], "--out", tmp_path / "b", "--patient", "P001", "--start", "2027-01-04T09:00+01:00",
        "-q", *db)
    with Record(db[1]) as rec:
        crashed, later = rec.sessions("P001")
    day = crashed.start.local.strftime("%d-%m-%Y")
    for language, warn in (("en", "(!) warning: session 1: the figures may be incomplete: the recording crashed"),
                           ("nl", "(!) waarschuwing: sessie 1: de cijfers kunnen onvolledig zijn: de opname is afgebroken")):
        shown = run("--language", language, "patient", "show", "P001", *db)
        assert f"{day} (!)" in shown and "04-01-2027 (!)" not in shown and "04-01-2027" in shown, shown
        flat = " ".join(shown.split())
        assert warn in flat and flat.index(warn) > flat.index("04-01-2027"), flat  # under the figures
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) not installed: the report is not checked")
    from tests.record.test_flow import colour_pixels, pdf_pages

    run("report", "P001", "--out", tmp_path / "r.pdf", "--language", "nl", *db)  # the newest: compared with the crashed one
    texts, images = pdf_pages(tmp_path / "r.pdf", tmp_path / "pages")
    first = " ".join(texts[0].split())
    assert "(!) De cijfers van de vorige sessie (sessie 1) kunnen onvolledig zijn: de opname is afgebroken" in first, first
    assert "(!) De cijfers van deze sessie" not in first
    progress = next(i for i, t in enumerate(texts) if "Verloop over de sessies" in t)
    assert "(!) Rode open punten: sessie 1" in " ".join(texts[progress].split())
    assert colour_pixels(images[progress], "#b2182b") > 40  # the open red points (the note's text is red too)
    run("report", "P001", "--session", str(crashed.id), "--out", tmp_path / "c.pdf", "--language", "en", *db)
    crashed_text = " ".join(pdf_pages(tmp_path / "c.pdf", tmp_path / "c")[0][0].split())
    assert "(!) The figures of this session may be incomplete: see data quality above." in crashed_text
