"""The therapist report says, in the warning colour above the key figures, when a session's
posture and angles rest on a wrong or unconfirmed upright (summary.json
``data_quality.alignment``): before, neither a corrected span nor a walk-free recording that
read a night in bed as standing was mentioned anywhere in the report."""

from __future__ import annotations

import pytest

from oefensense.reports.text import Words
from oefensense.reports.therapist import alignment_warnings


def _summary(**pelvis: object) -> dict:
    return {"data_quality": {"alignment": {"pelvis": {"placement": "pelvis", **pelvis}}}}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_walk_free_recording_is_said_to_guess_its_upright(language: str) -> None:
    (text,) = alignment_warnings(_summary(up_unconfirmed=True, up_from="still+bends"), Words(language))
    expected = {"en": "Pelvis: no walking in the recording, so the upright direction is a guess",
                "nl": "Bekken: geen lopen in de opname, dus de rechtop-richting is geschat"}
    assert text.startswith(expected[language])


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_corrected_span_is_named_with_its_times(language: str) -> None:
    spans = [{"start_s": 0.0, "end_s": 5400.0, "up_change_deg": 102.4}]
    (text,) = alignment_warnings(_summary(spans=spans, unreliable_s=5400.0), Words(language))
    expected = {"en": "Pelvis: the upright direction was corrected by 102° once walking showed it: posture and angles "
                      "from 0 seconds to 1 h 30 min into the recording are unreliable.",
                "nl": "Bekken: de rechtop-richting is 102° bijgesteld toen lopen die liet zien: houding en hoeken van "
                      "0 seconden tot 1 uur 30 min in de opname zijn onbetrouwbaar."}
    assert text == expected[language]


def test_an_upright_learned_ahead_is_no_warning() -> None:
    # a file's lying start analysed with the upright from the walk that follows: nothing is wrong
    summary = _summary(learned_ahead_until_s=2500.4, still_start_off_deg=103.6)
    assert alignment_warnings(summary, Words("en")) == []
    assert alignment_warnings({}, Words("en")) == [] and alignment_warnings(None, Words("en")) == []
