"""A guided test's flag detail in the CLI's language: the Dutch CLI printed the scorer's English
detail with decimal points ("markering moving_at_end: … (the patient was still moving …, less
than 0.1 s after …)")."""

from __future__ import annotations

from oefensense.assessments.base import AssessmentResult
from oefensense.assessments.chair_common import moving_at_end_detail
from oefensense.commands.lang import tr


def _nl(text: str) -> str:
    return tr(text, language="nl")


def test_a_flag_detail_in_dutch_with_decimal_commas_and_english_as_stored() -> None:
    res = AssessmentResult("five-times-sit-to-stand")
    res.flag("sensor_gap", "sensor data missing or invalid {start:.1f}-{end:.1f} s into the recording", start=12.25, end=13.5)
    template, fields = moving_at_end_detail(0.02)
    res.flag("moving_at_end", template, **fields)
    gap, moving = res.flags
    # stored, exported (FHIR notes, CSV) and --json: English with points, as before
    assert gap.detail == "sensor data missing or invalid 12.2-13.5 s into the recording"
    assert res.to_json()["flags"][0] == {"code": "sensor_gap", "detail": gap.detail}
    assert gap.text(_nl, "nl") == "sensorgegevens ontbreken of zijn ongeldig van 12,2 tot 13,5 s in de opname"
    assert "minder dan 0,1 s na het gevonden einde" in moving.text(_nl, "nl")
    assert gap.text(tr, "en") == gap.detail
    res.flag("sensor_gap", "sensor data missing or invalid {start:.1f}-{end:.1f} s into the recording", start=12.25, end=13.5)
    assert len(res.flags) == 2  # the same flag once


# English words a Dutch detail carried inside its Dutch sentence (care audit, issue #18): the ROM
# directions, the transfer kind, unsettled_start's reason
ENGLISH = ("stand-up", "sit-down", "flexion", "extension", "lateral", "rotation", "the sensor", "start the recording")


def _sim_frame(test: str, placements):  # noqa: ANN001, ANN202
    from oefensense.io.body_frames import concat_frames, frames_from_sim
    from oefensense.sim import assessments as st
    from oefensense.sim import simulate

    sim = simulate(st.scripted_test(test), rate_hz=100.0, seed=0, placements=placements)
    return sim, concat_frames(frames_from_sim(sim))


def _with_valid(frame, valid):  # noqa: ANN001, ANN202
    return type(frame)(frame.t_ns, frame.rate_hz, frame.placements, dict(frame.channels, pelvis_valid=valid, valid=valid))


def test_chair_flag_details_in_dutch_have_no_english_words() -> None:
    """The transfer kind ("een stand-up op 4,7 s ...") and unsettled_start's reason ("the sensor
    was still starting up until ...: begin de opname ...") were English inside Dutch details."""
    import numpy as np

    from oefensense.assessments import RunContext, make_test
    from oefensense.assessments.chair_common import flag_quality
    from oefensense.assessments.transfers import Transfer, unsettled_start
    from oefensense.core.types import Placement
    from oefensense.sim import assessments as st

    sim, frame = _sim_frame("five-times-sit-to-stand", (Placement.PELVIS,))
    first_up = st.chair_truth(sim).stand_ups()[0][0]
    t = (frame.t_ns - frame.t_ns[0]) / 1e9
    test = make_test("five-times-sit-to-stand")
    late = _with_valid(frame, np.asarray(frame["pelvis_valid"], bool) & (t >= first_up - 0.5))
    starting_up = next(f for f in test.analyse(late, RunContext(go_s=first_up - 0.2)).flags if f.code == "unsettled_start")
    # a sensor valid from inside the first stand-up, asked about a start found 1.3 s later in it
    moving = _with_valid(frame, np.asarray(frame["pelvis_valid"], bool) & (t >= first_up + 0.2))
    res = AssessmentResult("five-times-sit-to-stand")
    template, fields = unsettled_start(moving, first_up + 1.5)
    res.flag("unsettled_start", template, **fields)
    texts = []
    for flag, dutch in ((res.flags[0], "de sensor bewoog onafgebroken van zijn eerste geldige meetwaarde ("),
                        (starting_up, "de sensor was nog aan het opstarten tot ")):
        text = flag.text(_nl, "nl")
        assert text.startswith(dutch) and text.endswith(": begin de opname terwijl de patiënt stilzit"), text
        assert flag.detail.startswith("the sensor ") and flag.text(tr, "en") == flag.detail
        texts.append(text)
    res = test.analyse(frame, RunContext())
    res.flags.clear()
    flag_quality(res, frame, RunContext(), [Transfer("stand_up", 20.0, 22.0, 0.4, 30.0, valid=False),
                                            Transfer("sit_down", 23.0, 25.0, -0.4, 30.0, valid=False)], 40.0)
    gaps = [f for f in res.flags if f.code == "sensor_gap"]
    assert [f.detail.split(" at ")[0] for f in gaps] == ["a stand-up", "a sit-down"]
    assert [f.text(_nl, "nl").split(" op ")[0] for f in gaps] == ["het opstaan", "het gaan zitten"]
    texts += [f.text(_nl, "nl") for f in gaps]
    for text in texts:
        assert not any(word in text for word in ENGLISH), text


def test_trunk_rom_flag_details_name_the_directions_in_dutch() -> None:
    """'-L nl assess trunk-rom' flagged 'lateral left: 3 van 4 herhalingen' and 'gemeten terwijl
    ...: flexion': the direction stayed English."""
    from oefensense.assessments import RunContext, make_test
    from oefensense.core.types import Placement

    _, frame = _sim_frame("trunk-rom", (Placement.TRUNK, Placement.PELVIS))
    t = (frame.t_ns - frame.t_ns[0]) / 1e9
    frame.channels["trunk_provisional"] = t < 40.0  # a guessed forward over the forward and backward bends
    res = make_test("trunk-rom", reps=4).analyse(frame, RunContext())
    few = [f.text(_nl, "nl") for f in res.flags if f.code == "too_few_reps"]
    assert few == [f"{d}: 3 van 4 herhalingen" for d in ("rompflexie", "rompextensie", "romp zijwaarts links",
                                                        "romp zijwaarts rechts", "romprotatie links", "romprotatie rechts")], few
    forward = next(f for f in res.flags if f.code == "forward_uncertain")
    assert forward.text(_nl, "nl").endswith(": rompflexie, rompextensie"), forward.text(_nl, "nl")
    assert forward.detail.endswith(": trunk flexion, trunk extension")  # stored English, as before in English
    for f in res.flags:
        assert not any(word in f.text(_nl, "nl") for word in ENGLISH), f.text(_nl, "nl")


def test_unsettled_start_advice_is_worded_for_a_guided_test_and_for_a_recording() -> None:
    """In a guided test the advice read "begin de opname terwijl de patiënt stilzit" (there is no
    recording to start): a guided test now says to wait for the sensor before the start; a
    recording keeps its wording."""
    import numpy as np

    from oefensense.assessments import RunContext, make_test
    from oefensense.assessments.transfers import unsettled_start
    from oefensense.core.types import Placement
    from oefensense.sim import assessments as st

    sim, frame = _sim_frame("five-times-sit-to-stand", (Placement.PELVIS,))
    first_up = st.chair_truth(sim).stand_ups()[0][0]
    t = (frame.t_ns - frame.t_ns[0]) / 1e9
    late = _with_valid(frame, np.asarray(frame["pelvis_valid"], bool) & (t >= first_up - 0.5))
    test = make_test("five-times-sit-to-stand")
    for guided, dutch, english in ((True, ": wacht met de patiënt stil tot de sensor klaar is voor u de test start",
                                    ": with the patient still, wait until the sensor is ready before you start the test"),
                                   (False, ": begin de opname terwijl de patiënt stilzit",
                                    ": start the recording with the patient still")):
        res = test.analyse(late, RunContext(go_s=first_up - 0.2, guided=guided))
        flag = next(f for f in res.flags if f.code == "unsettled_start")
        assert flag.detail.endswith(english) and flag.text(_nl, "nl").endswith(dutch), flag.text(_nl, "nl")
    moving = _with_valid(frame, np.asarray(frame["pelvis_valid"], bool) & (t >= first_up + 0.2))
    template, fields = unsettled_start(moving, first_up + 1.5, guided=True)
    assert _nl(template).format(**fields).endswith(": laat de patiënt stilzitten tot de sensor klaar is voor u de test start")
    template, _ = unsettled_start(_with_valid(frame, np.zeros(len(frame), bool)), 1.0, guided=True)
    assert _nl(template) == "geen geldige sensorgegevens: wacht tot de sensor klaar is voor u de test start"
