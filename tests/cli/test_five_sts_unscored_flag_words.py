"""A five-times sit-to-stand whose time is refused does not say it was timed (issue care-21): a
simulated 5×STS with 40-s rests and a sixth stand-up, timed 339.7 s (outside 0-300 s, so "not
scored"), read "6 stand-ups found: timed to the fifth". The ``too_many_reps`` detail now says where
the test ends, which holds with a time and without one, in English and Dutch (as the TUG's does
since care-20)."""

from __future__ import annotations

import pytest

from oefensense.assessments import RunContext, make_test
from oefensense.commands import assess_run, assess_words
from oefensense.commands.lang import tr
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate

TIMED = {"en": ("timed", "scored"), "nl": ("getimed", "gescoord")}
ENDS = {"en": "6 stand-ups found: the test ends at the fifth", "nl": "6 keer opstaan gevonden: de test eindigt bij de vijfde"}


@pytest.fixture(scope="module")
def slow_five_sts_with_a_sixth():  # noqa: ANN201
    """Six stand-ups 40 s apart (seated and standing): the fifth ends 339.7 s after the first began."""
    sim = simulate(st.chair_stand_script(6, pause_s=40.0), rate_hz=50.0, seed=0, placements=(Placement.PELVIS,))
    return make_test("five-times-sit-to-stand").analyse(concat_frames(frames_from_sim(sim)), RunContext())


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_five_sts_refused_as_implausible_does_not_say_it_was_timed(slow_five_sts_with_a_sixth, language: str) -> None:  # noqa: ANN001
    res = slow_five_sts_with_a_sixth
    assert res.measures["five_sts_time_s"] > 300.0
    assert [i.code for i in assess_run.implausible(res)] == ["five_sts_time_s"]  # refused: "not scored"
    shown = assess_run.without_figures(res)  # what `assess` and the panel show of it
    assert shown.time_s is None and not shown.measures
    flag = next(f for f in shown.flags if f.code == "too_many_reps")

    def say(text: str) -> str:
        return tr(text, language=language)

    # what the terminal and the dashboard show: the flag's label and its detail
    words = f"{assess_words.flag_text(flag.code, say)} ({flag.text(say, language)})"
    for word in TIMED[language]:
        assert word not in words, words
    assert ENDS[language] in words, words
