"""`patient assess` without --kind: "intake" for a patient without an intake; for a patient who
has one, a one-line error that asks for --kind and exit 1, nothing stored (the default filed every
re-test as a second intake, silently: review, 5 Dec 2026)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.record import Record


def _run(url: str, *args: str, language: str = "en"):  # noqa: ANN202 - click's Result
    return CliRunner().invoke(app, ["--language", language, "patient", "assess", "P001", *args, "--database", url],
                              env={"COLUMNS": "200"})


def test_a_second_assessment_without_kind_is_refused_not_filed_as_intake(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
    first = _run(url, "--result", "nprs=6", "--date", "2026-03-02")
    assert first.exit_code == 0 and "(intake)" in first.output, first.output
    for language, said in (("en", "patient P001 already has an intake (02-03-2026): give --kind"),
                           ("nl", "patiënt P001 heeft al een intake (02-03-2026): geef --kind")):
        again = _run(url, "--result", "nprs=4", "--date", "2026-03-09", language=language)
        assert again.exit_code == 1, again.output
        assert said in again.output and len(again.output.strip().splitlines()) == 1, again.output
    with Record(url) as rec:
        assert [(a.kind, a.results) for a in rec.assessments("P001")] == [("intake", {"nprs": 6.0})]  # nothing stored
    retest = _run(url, "--result", "nprs=4", "--date", "2026-03-09", "--kind", "re-test")
    assert retest.exit_code == 0 and "(re-test)" in retest.output, retest.output
    second_intake = _run(url, "--result", "nprs=5", "--date", "2026-06-01", "--kind", "intake")  # said, so kept
    assert second_intake.exit_code == 0, second_intake.output
    with Record(url) as rec:
        assert [a.kind for a in rec.assessments("P001")] == ["intake", "re-test", "intake"]


def test_the_help_says_what_happens_without_kind() -> None:
    for language, said in (("en", "else the command stops and asks for it"), ("nl", "anders stopt het commando en vraagt erom")):
        res = CliRunner().invoke(app, ["--language", language, "patient", "assess", "--help"], env={"COLUMNS": "300"})
        assert res.exit_code == 0 and said in " ".join(res.output.replace("│", " ").split()), res.output
