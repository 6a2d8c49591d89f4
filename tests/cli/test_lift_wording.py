"""One Dutch word for a lift throughout: "tilbeweging(en)".

The day table of `analyze` said "tilmomenten" while the record, the report and `patient show`
said "Tilbewegingen" (English "lifts" everywhere), and the dashboard, the live ticker and the
events' own label said "Tilmoment(en)": two words for one thing on one therapist's screens."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from oefensense.commands.lang import set_cli_language, tr
from oefensense.core.events import event_label
from oefensense.record.measures import measure
from oefensense.reports.text import Words

CATALOGUE = Path(__file__).resolve().parents[2] / "oefensense" / "translations" / "oefensense_nl.ts"


def _dutch_of_lifts() -> dict[str, str]:
    """Every catalogue text (CLI and dashboard) whose English says lift(s), with its Dutch."""
    out = {}
    for msg in ET.parse(CATALOGUE).getroot().iter("message"):
        source, t = msg.findtext("source") or "", msg.find("translation")
        text = " ".join(f.text or "" for f in t.iter("numerusform")) if msg.get("numerus") == "yes" else (t.text or "")
        if "lift" in source.lower() and "lifting" not in source.lower():
            out[source] = text
    return out


def test_the_catalogue_says_tilbeweging_for_every_lift() -> None:
    texts = _dutch_of_lifts()
    assert texts, "no lift texts found in the catalogue"
    odd = {s: t for s, t in texts.items() if "tilmoment" in t.lower()}
    assert not odd, odd
    assert texts["lifts"] == "tilbewegingen" and texts["Lifts"] == "Tilbewegingen", texts


def test_the_day_table_the_event_the_record_and_the_report_agree() -> None:
    set_cli_language("nl")
    try:
        assert tr("lifts") == "tilbewegingen"  # the day table's head and the summary's section
    finally:
        set_cli_language(None)
    assert event_label("lift", "nl") == "Tilbeweging"  # the report's events table, the live ticker
    # the record, patient show, key figures: the session's count and the count per valid day
    assert measure("lifts").label("nl") == "Tilbewegingen, hele sessie"
    assert measure("lifts_per_day").label("nl") == "Tilbewegingen per geldige dag"
    assert Words("nl")["lifts"].startswith("Tilbewegingen")  # the report's heading
