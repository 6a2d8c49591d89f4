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
