"""Lifts whose technique is undetermined (slow lifts at the waist, docs/lifting.md) count in no
technique share: the squat share is of the lifts whose technique is known, and the patient's
report says how many could not be told (they sat in the denominator: 2 squats, 1 stoop and 2
undetermined read "U tilde 5 keer; 40% daarvan met gebogen knieën")."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from oefensense.record import Record, parse_start
from oefensense.record.progress import session_figures
from oefensense.record.register import assessment_results, file_sensors, register_results
from oefensense.reports import write_report

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


def _folder(path: Path, techniques: list[str]) -> Path:
    """An analysis folder of 1 h standing with one lift per technique in ``techniques``."""
    path.mkdir(parents=True)
    (path / "timeline.csv").write_text("start_s,end_s,posture,confidence\n0.00,3600.00,standing,0.99\n")
    events = [{"type": "lift", "t_s": 60.0 * (i + 1), "end_s": 60.0 * (i + 1) + 3, "technique": t,
               "technique_ambiguous": t == "undetermined", "technique_guess": "stoop" if t == "undetermined" else t,
               "peak_trunk_flexion_deg": 40.0} for i, t in enumerate(techniques)]
    (path / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events))
    lifts = {"count": len(techniques), **{k: techniques.count(k) for k in ("squat", "stoop", "mixed", "undetermined")}}
    summary = {"duration_s": 3600.0, "posture_s": {"standing": 3600.0}, "sitting_bouts": {"count": 0},
               "lifts": lifts, "trunk_zones_s": {"0-20": 3000.0, "20-60": 600.0, ">60": 0.0},
               "trunk_exposure": {"valid_s": 3600.0}}
    (path / "summary.json").write_text(json.dumps(summary))
    return path


def _text(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())


def _report(tmp_path: Path, techniques: list[str]) -> tuple[dict[str, float | None], str, str]:
    folder = _folder(tmp_path / "a", techniques)
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                         start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors(["pelvis"]))
        figures = session_figures(rec.sessions("P001")[0])
        for language in ("nl", "en"):
            write_report(rec, "P001", tmp_path / f"p-{language}.pdf", language=language, audience="patient")
        write_report(rec, "P001", tmp_path / "t-en.pdf", language="en")
    return figures, _text(tmp_path / "p-nl.pdf"), _text(tmp_path / "p-en.pdf")


def test_the_squat_share_is_of_the_lifts_whose_technique_is_known_and_the_rest_is_said(tmp_path: Path) -> None:
    figures, nl, en = _report(tmp_path, ["squat", "undetermined", "squat", "stoop", "undetermined"])
    assert figures["lifts"] == 5 and figures["lifts_undetermined"] == 2
    assert figures["lifts_squat_pct"] == 66.67 and figures["lifts_stoop_pct"] == 33.33  # were 40 and 20
    assert ("U tilde 5 keer. Van de 3 keer dat de sensor de techniek kon bepalen, was 67% met gebogen knieën; "
            "bij 2 trage tilbewegingen kon hij dat niet.") in nl, nl
    assert ("You lifted 5 times. Of the 3 lifts whose technique the sensor could tell, 67% were with bent knees; "
            "for 2 slow lifts it could not tell.") in en, en
    assert "40%" not in nl
    # the therapist's key figures list the undetermined lifts beside the share that leaves them out
    therapist = _text(tmp_path / "t-en.pdf")
    assert "Lifts, technique undetermined 2" in therapist and "Lifts with bent knees 66.7 %" in therapist, therapist


def test_lifts_all_undetermined_give_no_share_and_say_why(tmp_path: Path) -> None:
    figures, nl, en = _report(tmp_path, ["undetermined", "undetermined"])
    assert figures["lifts_undetermined"] == 2 and figures["lifts_squat_pct"] is None  # was 0.0: "0% with bent knees"
    assert "U tilde 2 keer; die tilbewegingen waren te traag om met de sensor te bepalen of uw knieën gebogen waren." in nl, nl
    assert "You lifted 2 times; too slowly for the sensor to tell whether your knees were bent." in en, en
    assert "0%" not in nl.split("U tilde")[1].split(".")[0]


def test_without_undetermined_lifts_the_sentence_is_as_before(tmp_path: Path) -> None:
    figures, nl, _ = _report(tmp_path, ["squat", "stoop"])
    assert figures["lifts_undetermined"] == 0 and figures["lifts_squat_pct"] == 50.0
    assert "U tilde 2 keer; 50% daarvan met gebogen knieën." in nl, nl
    assert "technique undetermined" not in _text(tmp_path / "t-en.pdf")  # a row of zeros is left out


def test_a_lifting_assessment_gives_the_squat_share_of_known_lifts_and_the_undetermined_count() -> None:
    summary = {"lifts": {"count": 4, "squat": 1, "stoop": 1, "mixed": 0, "undetermined": 2}}
    assert assessment_results("lifting", summary, []) == {"lift_count": 4.0, "lift_undetermined_count": 2.0,
                                                          "lift_squat_pct": 50.0}  # was 25.0
    only = {"lifts": {"count": 2, "squat": 0, "stoop": 0, "mixed": 0, "undetermined": 2}}
    assert assessment_results("lifting", only, []) == {"lift_count": 2.0, "lift_undetermined_count": 2.0}  # no "0 % squat"


def test_progress_views_list_the_undetermined_lifts_only_when_a_session_has_any() -> None:
    from oefensense.record.progress import shown_codes

    assert "lifts_undetermined" not in shown_codes({"lifts_undetermined": [0.0, None]})
    assert "lifts_undetermined" in shown_codes({"lifts_undetermined": [0.0, 2.0]})


def test_the_record_keeps_the_undetermined_lifts_per_day(tmp_path: Path) -> None:
    """The record's day rows (from the timeline here; days.csv has the column as well) and its
    day export carry lifts_undetermined: they counted only in ``lifts``."""
    from oefensense.export.tables import write_tables

    folder = _folder(tmp_path / "a", ["squat", "undetermined", "stoop", "undetermined"])
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                         start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors(["pelvis"]))
        [day] = rec.sessions("P001")[0].days
        assert (day["lifts"], day["lifts_squat"], day["lifts_stoop"], day["lifts_undetermined"]) == (4, 1, 1, 2)
        write_tables(rec, "P001", tmp_path / "export", "csv")
    import csv

    with open(tmp_path / "export" / "P001-days.csv", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["lifts_undetermined"] == "2"


def test_one_lift_reads_once_not_1_times(tmp_path) -> None:  # noqa: ANN001
    """The patient's report said "You lifted 1 times", and with slow lifts "Of the 1 lifts" and
    "for 1 slow lifts"."""
    (tmp_path / "a").mkdir()
    _, _, en = _report(tmp_path / "a", ["squat"])
    assert "You lifted once, with bent knees." in en and "1 times" not in en, en
    (tmp_path / "b").mkdir()
    _, nl, en = _report(tmp_path / "b", ["squat", "undetermined"])
    assert "You lifted 2 times. For one of them the sensor" in en and "for 1 slow lift it could not" in en, en
    assert "bij 1 trage tilbeweging kon hij dat niet" in nl, nl


@pytest.mark.parametrize(("techniques", "en_want", "nl_want"), [
    (["stoop"], "You lifted once, with a bent back.", "U tilde 1 keer, met gebogen rug."),
    (["squat"], "You lifted once, with bent knees.", "U tilde 1 keer, met gebogen knieën."),
    (["undetermined"], "You lifted once; too slowly for the sensor to tell whether your knees were bent.",
     "U tilde 1 keer; die tilbeweging was te traag om met de sensor te bepalen of uw knieën gebogen waren."),
    (["undetermined", "squat", "undetermined"],
     "You lifted 3 times. For one of them the sensor could tell the technique: with bent knees; for 2 slow lifts it could not.",
     "U tilde 3 keer. Bij 1 daarvan kon de sensor de techniek bepalen: met gebogen knieën; bij 2 trage tilbewegingen kon hij dat niet."),
])
def test_one_lift_is_told_by_its_technique_not_a_share(tmp_path: Path, techniques: list[str], en_want: str,
                                                       nl_want: str) -> None:
    """One lift read "You lifted once; 0% of those with bent knees" (and "Of the 1 lift whose
    technique the sensor could tell, 100% were ..."): the patient now reads how it was made."""
    _, nl, en = _report(tmp_path, techniques)
    assert en_want in en and nl_want in nl, (en, nl)
    assert "of those" not in en and "daarvan met" not in nl and "tilbewegingen waren te traag" not in nl


def test_a_session_without_sitting_says_so_not_a_dash(tmp_path: Path) -> None:
    """An hour standing read "Your longest time sitting without a break was –." in the patient's
    report."""
    _, nl, en = _report(tmp_path, ["squat"])
    assert "You did not sit down during the measurement." in en and "was –" not in en, en
    assert "U bent tijdens de meting niet gaan zitten." in nl and "was –" not in nl, nl
