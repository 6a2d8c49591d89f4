"""One wording for a lift's technique in every view, and one word family for the movements.

The events, the summary of `analyze` and the dashboard said "hurkend" / "gebukt" ("squat" /
"stoop"), the report's lift plot "squat (gebogen knieën)" / "stoop (gebogen rug)", the record's
figures "Tillen met gebogen knieën (squat)": three wordings of one thing on one therapist's
screens. Now: "gebogen knieën", "gebogen rug", "half gebogen knieën" ("bent knees", "bent back",
"half-bent knees"). The summary's trunk bends read "bukmomenten" beside "tilbewegingen": now
"bukbewegingen"."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pytest

matplotlib.use("Agg")

from oefensense.commands.lang import set_cli_language  # noqa: E402
from oefensense.core.events import describe  # noqa: E402
from oefensense.core.types import Event  # noqa: E402
from oefensense.record.measures import measure  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402
from oefensense.translations import translate  # noqa: E402

CATALOGUE = Path(__file__).resolve().parents[2] / "oefensense" / "translations" / "oefensense_nl.ts"
WORDS = {"nl": {"squat": "gebogen knieën", "stoop": "gebogen rug"}, "en": {"squat": "bent knees", "stoop": "bent back"}}
OLD = ("hurkend", "gebukt", "squat (", "stoop (", "(squat)", "(stoop)")


def _summary(lang: str, capsys) -> str:  # noqa: ANN001 - pytest fixture
    from oefensense.commands.summary_view import print_summary

    set_cli_language(lang)
    try:
        print_summary({"lifts": {"count": 3, "squat": 1, "stoop": 1, "mixed": 0, "undetermined": 1},
                       "trunk_exposure": {"valid_s": 300.0, "bends": 2, "bends_per_hour": 24.0},
                       "technique_alerts": {"stoop_over_60": 1}})
    finally:
        set_cli_language(None)
    return " ".join(capsys.readouterr().out.replace("│", " ").split())


def _lift_legend(lang: str) -> list[str]:
    from oefensense.reports import figures, layout

    fig = layout.new_page()
    ax = fig.add_axes((0.1, 0.1, 0.5, 0.2))
    events = [{"type": "lift", "t_s": 10.0 * i, "technique": t, "peak_trunk_flexion_deg": 50.0}
              for i, t in enumerate(("squat", "stoop", "stoop"))]
    data = SimpleNamespace(events=events, info=SimpleNamespace(duration_s=60.0), days=[])
    figures.lifts(ax, data, Words(lang))
    return [t.get_text() for t in ax.get_legend().get_texts()]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_view_words_the_technique_alike(lang: str, capsys) -> None:  # noqa: ANN001
    squat, stoop = WORDS[lang]["squat"], WORDS[lang]["stoop"]
    lift = Event("lift", 0, 1, {"technique": "stoop", "peak_trunk_flexion_deg": 70.0})
    event = describe(lift, lang)  # the events table of the report, the live ticker, the CLI
    assert f"({stoop})" in event, event
    summary = _summary(lang, capsys)  # `analyze`'s summary
    assert f"{squat} 1" in summary and f"{stoop} 1" in summary, summary
    legend = _lift_legend(lang)  # the report's lift plot
    assert legend == [f"{squat} (1)", f"{stoop} (2)"], legend
    # the record's figures (patient show, key figures, trend plots, exports' display)
    assert squat in measure("lifts_squat_pct").label(lang).lower() and stoop in measure("lifts_stoop_pct").label(lang).lower()
    # the dashboard's words (gui/words.py, through the catalogue)
    assert translate(lang, "", "bent knees") == squat and translate(lang, "", "bent back") == stoop
    for text in (event, summary, *legend, measure("lifts_squat_pct").label(lang), measure("lift_squat_pct").label(lang)):
        assert not any(old in text.lower() for old in OLD), text


def test_the_catalogue_has_no_second_wording() -> None:
    """No Dutch text of the catalogue words a technique as "hurkend" or a trunk bend as "bukmoment"."""
    texts = [(m.findtext("source") or "", m.findtext("translation") or "") for m in ET.parse(CATALOGUE).getroot().iter("message")]
    odd = [(s, t) for s, t in texts if "hurkend" in t or "bukmoment" in t or "squat" in t.lower()]
    assert not odd, odd


def test_bends_are_bukbewegingen_beside_tilbewegingen(capsys) -> None:  # noqa: ANN001
    summary = _summary("nl", capsys)
    assert "bukbewegingen 2" in summary and "bukbewegingen per uur 24" in summary and "tilbewegingen" in summary, summary
