"""``oefensense record --patient``: a simulated live recording is registered as a live session,
with its own analysis folder, and erasure removes the whole session directory."""

from __future__ import annotations

from pathlib import Path

from tests.record.test_flow import fail, run


def test_live_recording_is_registered_and_erased(database_url: str, tmp_path: Path) -> None:
    db = ("--database", database_url)
    session = tmp_path / "s1"
    assert "unknown patient P009" in fail("record", "--simulate", "polar=trunk", "--duration", "30", "--speed", "20",
                                          "--out", session, "--patient", "P009", *db)
    assert not session.exists()  # checked before anything was recorded
    run("patient", "add", "P009", *db)
    out = run("record", "--simulate", "polar=trunk", "--duration", "30", "--speed", "20", "--out", session,
              "--patient", "P009", "--assessment", "sit_to_stand", *db)
    assert "registered session" in out
    shown = run("patient", "show", "P009", *db)
    assert "live recording" in shown and "sit to stand" in shown and "trunk" in shown
    assert (session / "analysis" / "angles.csv").exists()
    erased = run("patient", "erase", "P009", "--yes", *db)
    assert str(session.resolve()) in erased.replace("\n", "") or not session.exists()
    assert not session.exists()


def test_a_recording_is_registered_for_one_patient_only(database_url: str, tmp_path: Path) -> None:
    """A session directory recorded for P009 and then analysed with --patient P010 was registered
    for both; erasing P010 then deleted P009's recording (source owned by OefenSense)."""
    db = ("--database", database_url)
    session = tmp_path / "s1"
    for code in ("P009", "P010"):
        run("patient", "add", code, *db)
    run("record", "--simulate", "polar=trunk", "--duration", "20", "--speed", "20", "--out", session, "--patient", "P009", *db)
    refused = fail("analyze", session, "--out", tmp_path / "a", "--patient", "P010", "-q", *db)
    assert "recording of patient P009" in refused and not (tmp_path / "a").exists()
    # the manifest's code is what says it; without one the record's sessions do
    manifest = session / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"patient": "P009"', '"patient": null'))
    refused = fail("analyze", session, "--out", tmp_path / "a", "--patient", "P010", "-q", *db)
    assert "registered as session 1 of patient P009" in refused.replace("\n", " ")
    run("analyze", session, "--out", tmp_path / "b", "--patient", "P009", "-q", *db)  # the same patient again: fine


def test_erasure_keeps_a_recording_another_patient_also_uses(database_url: str, tmp_path: Path) -> None:
    """An older record may hold one session directory under two patients: erasing one keeps it."""
    from oefensense.record import Record, parse_start
    from oefensense.record.register import file_sensors, register_results
    from tests.record.test_store import _results_folder

    session = tmp_path / "session"
    session.mkdir()
    with Record(database_url) as rec:
        for code in ("P001", "P002"):
            rec.add_patient(code)
        start = parse_start("2026-03-02T08:30+01:00")
        for code in ("P001", "P002"):
            register_results(rec, code, _results_folder(tmp_path / code), kind="replayed", source=session.resolve(),
                             source_owned=True, start=start, sensors=file_sensors(["trunk"]))
        done = rec.erase("P002")
        assert session.exists() and not (tmp_path / "P002").exists()
        assert done.kept == [(str(session.resolve()), "also the recording of another patient's session: not removed")]
        assert str(session.resolve()) in rec.erase("P001").removed and not session.exists()


def test_erasure_and_an_erased_patient_in_dutch(tmp_path: Path) -> None:
    """'gewist patiënt P003: 1 sessions, 1 session days, ... 1 patients' and an English reason for
    the file left; a report for the erased patient then said 'unknown patient P003' in English."""
    from tests.record.test_store import _results_folder
    from oefensense.record import Record, parse_start
    from oefensense.record.register import file_sensors, register_results

    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    own = tmp_path / "own.csv"
    own.write_text("x")
    with Record(url) as rec:
        rec.add_patient("P003")
        register_results(rec, "P003", _results_folder(tmp_path / "a"), kind="imported", source=own, source_owned=False,
                         start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors(["trunk"]))
    db = ("--database", url)
    run("--language", "nl", "report", "P003", "--out", tmp_path / "r.pdf", *db)
    erased = " ".join(run("--language", "nl", "patient", "erase", "P003", "--yes", *db).split())
    assert "gewist patiënt P003: 1 sessie, 1 sessiedag, 0 metingen, 0 doelen, 1 rapport of export, 1 patiënt" in erased, erased
    assert "geïmporteerd bestand (van u, niet door OefenSense gemaakt): verwijder het zelf" in erased, erased
    for args in (("report", "P003", "--out", tmp_path / "r2.pdf"), ("export", "P003", "--format", "fhir", "--out", tmp_path / "b.json")):
        out = fail("--language", "nl", *args, *db)
        assert "onbekende patiënt P003" in out, out
