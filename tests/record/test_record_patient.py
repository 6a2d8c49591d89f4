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
