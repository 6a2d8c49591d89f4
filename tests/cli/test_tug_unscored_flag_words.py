"""A TUG that is not timed does not say it was (issue care-20): a whole HAPT recording of daily
activities (user01 exp0) read "no time scored" beside "More repetitions than asked: scored on the
first ones (5 more stand-ups or sit-downs after the sit-down ending at 120.7 s: a TUG has one of
each; timed to the first sit-down after the walk)". The ``too_many_reps`` flag now says where the
TUG ends, which holds with a time and without one, in English and Dutch."""

from __future__ import annotations

import pytest

from oefensense.assessments import RunContext, make_test
from oefensense.commands import assess_words
from oefensense.commands.lang import tr
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate
from oefensense.sim.script import Sit, Stand, Walk

SCORED = {"en": ("timed", "scored"), "nl": ("getimed", "gescoord")}


def _late_tug_with_more_transfers():  # noqa: ANN202
    """A TUG whose walk begins 8 s after the stand-up (``pause``: not timed), then a stand-up,
    a walk and a sit-down after its sit-down (``too_many_reps``)."""
    tug = st.tug_script()
    script = [*tug[:4], Stand(8.0), *tug[4:-1], Sit(6.0, transition_s=2.2), Walk(8.0, turn_deg=180.0),
              Sit(6.0, transition_s=2.2, stand_up=False)]
    sim = simulate(script, rate_hz=100.0, seed=0, placements=(Placement.PELVIS,))
    return make_test("tug").analyse(concat_frames(frames_from_sim(sim)), RunContext())


@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_untimed_tug_with_more_transfers_does_not_say_it_was_timed(language: str) -> None:
    res = _late_tug_with_more_transfers()
    assert res.time_s is None and "tug_time_s" not in res.measures
    codes = [f.code for f in res.flags]
    assert "pause" in codes and "too_many_reps" in codes, [(f.code, f.detail) for f in res.flags]
    flag = next(f for f in res.flags if f.code == "too_many_reps")

    def say(text: str) -> str:
        return tr(text, language=language)

    # what the terminal and the dashboard show: the flag's label and its detail
    words = f"{assess_words.flag_text(flag.code, say)} ({flag.text(say, language)})"
    for word in SCORED[language]:
        assert word not in words, words
    assert ("a TUG has one of each" if language == "en" else "een TUG heeft van elk één") in words, words
