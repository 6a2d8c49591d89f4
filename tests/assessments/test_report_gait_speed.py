"""``oefensense report`` prints how far to trust a walk test's gait speed (its
``gait_speed_error``) under the assessment results, in Dutch and English, whole (not cut by
the table's column)."""

from __future__ import annotations

import copy
from datetime import datetime, timezone

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from oefensense.assessments.walk_test import GAIT_SPEED_ERROR  # noqa: E402
from oefensense.record.store import AssessmentInfo  # noqa: E402
from oefensense.reports.data import ReportData  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402
from oefensense.reports.therapist import gait_speed_lines, progress_pages  # noqa: E402


def _walk(details_error: dict | None) -> AssessmentInfo:
    details = {"test": "walk-test", "flags": [], "gait_speed_ms": 1.1}
    if details_error is not None:
        details["gait_speed_error"] = details_error
    return AssessmentInfo(1, "P001", "walk-test", datetime(2026, 12, 3, tzinfo=timezone.utc), None,
                          {"gait_speed_ms": 1.1, "walk_steps": 200.0}, details)


@pytest.mark.parametrize(("language", "words"), [
    ("en", ("not measured on people", "simulator (not people): 15.3 % off (median), 95th pct. 65.6 %", "3.74 %")),
    ("nl", ("niet bij mensen gemeten", "simulator (geen mensen): 15,3 % ernaast (mediaan), 95e pct. 65,6 %", "3,74 %")),
])
def test_the_report_says_how_far_to_trust_the_gait_speed(language: str, words: tuple[str, ...]) -> None:
    data = ReportData("P001", [], {}, [], [_walk(copy.deepcopy(GAIT_SPEED_ERROR))], [])
    fig, = progress_pages(data, Words(language))
    texts = [t.get_text() for t in fig.texts]
    lines = gait_speed_lines(data.assessments[0].details, Words(language))
    assert len(lines) == 3
    for line in lines:
        assert line in texts, (line, texts)  # printed whole: the table would cut a long one with "…"
    for word in words:
        assert any(word in line for line in lines), (word, lines)


def test_an_older_record_without_the_simulator_figure_and_other_tests() -> None:
    old = {k: v for k, v in GAIT_SPEED_ERROR.items() if k != "simulator"}
    assert len(gait_speed_lines(_walk(old).details, Words("en"))) == 2
    assert gait_speed_lines(_walk(None).details, Words("nl")) == []
    assert gait_speed_lines(None, Words("en")) == []


def test_the_trust_lines_come_once_under_the_newest_walk_test() -> None:
    older, newer = _walk(copy.deepcopy(GAIT_SPEED_ERROR)), _walk(copy.deepcopy(GAIT_SPEED_ERROR))
    data = ReportData("P001", [], {}, [], [older, newer], [])
    texts = [t.get_text() for fig in progress_pages(data, Words("en")) for t in fig.texts]
    for line in gait_speed_lines(newer.details, Words("en")):
        assert texts.count(line) == 1, line
    # the newer row's lines come after both rows' results
    first = texts.index(gait_speed_lines(newer.details, Words("en"))[0])
    assert sum(t.startswith("Gait speed") for t in texts[:first]) == 2
