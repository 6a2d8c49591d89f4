"""`patient show` leaves out a progress row that no session has a value for (all "–"), as the
therapist report's trend plots do, and names those figures once under the table with the reason
the data gives: a short clinic session has no valid day, a session stored before migration 0006
has no stand-up counts."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.record import Record
from tests.record.test_transitions_per_day import _folder, stored_before_0006

NAMES = {"nl": ("Zitten per geldige dag", "Opstaan per geldige dag", "Zitperiodes van 30 min of langer per dag"),
         "en": ("Sitting per valid day", "Sit-to-stands per valid day", "Sitting bouts of 30 min or more per day")}


def _show(url: str, lang: str, columns: int = 200) -> list[str]:
    res = CliRunner().invoke(app, ["--language", lang, "patient", "show", "P001", "--database", url], env={"COLUMNS": str(columns)})
    assert res.exit_code == 0, res.output
    return res.output.splitlines()


def _note(out: list[str], start: str) -> list[str]:
    """The note lines starting with ``start``, each with the lines rich wrapped it onto."""
    at = [i for i, x in enumerate(out) if x.startswith(start)]
    return [" ".join(" ".join(out[i:]).split()) for i in at]  # the note is the last thing printed


def _short_session_record(tmp_path: Path) -> str:
    """One session whose two days were both worn too short for a valid day."""
    from oefensense.io.period_tables import DAY_COLUMNS, FIGURES
    from oefensense.record import parse_start
    from oefensense.record.register import file_sensors, register_results

    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    folder = _folder(tmp_path / "a")
    rows = []
    for day in ("2026-03-09", "2026-03-10"):
        row = {"date": day, "period": "all"} | {c: "0" for c in FIGURES} | {
            "wear_s": "1800", "sitting_s": "1200", "valid_day": "false", "sit_to_stand_count": "3", "stand_to_sit_count": "3"}
        rows.append(",".join(row[c] for c in DAY_COLUMNS))
    (folder / "days.csv").write_text(",".join(DAY_COLUMNS) + "\n" + "\n".join(rows) + "\n")
    with Record(url) as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "y.csv", source_owned=False,
                         start=parse_start("2026-03-09T08:00+01:00"), sensors=file_sensors(["pelvis"]))
    return url


def test_a_figure_without_a_valid_day_is_named_under_the_table_not_listed(tmp_path: Path) -> None:
    url = _short_session_record(tmp_path)
    for lang, (sitting, stands, bouts), share, note in (
            ("nl", NAMES["nl"], "Zitten, deel van de gedragen tijd (%)", "nog geen waarde:"),
            ("en", NAMES["en"], "Sitting, share of worn time (%)", "no value yet:")):
        out = _show(url, lang)
        rows = [x for x in out if x.startswith("│")]
        assert not [x for x in rows if sitting in x or stands in x or bouts in x], "\n".join(out)
        assert any(share in x for x in rows), "\n".join(out)  # a share needs no valid day: still listed
        lines = _note(out, note)
        assert len(lines) == 1, "\n".join(out)
        why = {"nl": "(geen geldige dag: te kort gedragen)", "en": "(no valid day: worn too short)"}[lang]
        assert sitting in lines[0] and stands in lines[0] and bouts in lines[0] and why in lines[0], lines[0]


def test_stand_ups_from_before_their_count_are_named_with_that_reason(tmp_path: Path) -> None:
    url = stored_before_0006(tmp_path)  # the day rows lose their counts
    Record(url).close()  # upgraded on open; the counts stay NULL
    out = _show(url, "nl")
    assert not [x for x in out if x.startswith("│") and NAMES["nl"][1] in x], "\n".join(out)
    assert any(x.startswith("│") and NAMES["nl"][0] in x for x in out), "\n".join(out)  # it has a value
    note = _note(out, "nog geen waarde:")
    assert len(note) == 1 and "• Opstaan per geldige dag (opgeslagen voordat opstaan werd geteld)" in note[0], note


def test_every_figure_with_a_value_keeps_its_row_and_no_note_is_printed(tmp_path: Path) -> None:
    from tests.record.test_sit_to_stands_per_day import _record

    out = _show(_record(tmp_path), "en")
    assert any(x.startswith("│") and NAMES["en"][1] in x for x in out)  # one session of two has it
    assert not [x for x in _note(out, "no value yet:") if NAMES["en"][1] in x]


def test_the_note_lists_one_figure_per_line_and_never_breaks_a_name_at_80_and_100_columns(tmp_path: Path) -> None:
    """Ten figures without a value: the note was one line that wrapped at the terminal's edge,
    "Opstaan per / geldige dag" at 100 columns, "Romp meer dan 60° gebogen / (deel van meettijd)"
    at 80. Now each figure has a line of its own under "no value yet:", its reason beside it or,
    when both do not fit, on the next line under the name."""
    from oefensense.record.measures import measure
    from oefensense.record.progress import PROGRESS_CODES

    url = _short_session_record(tmp_path)
    why = {"nl": "(geen geldige dag: te kort gedragen)", "en": "(no valid day: worn too short)"}
    for lang in ("nl", "en"):
        labels = {measure(c).label(lang) for c in PROGRESS_CODES}
        for columns in (80, 100):
            out = _show(url, lang, columns)
            head = out.index({"nl": "nog geen waarde:", "en": "no value yet:"}[lang])
            note = [x.rstrip() for x in out[head + 1:] if x.strip()]
            assert all(len(x) <= columns for x in note), (lang, columns, note)
            items = [x[4:] for x in note if x.startswith("  • ")]
            # one line per figure (lifts per valid day too since 5 Dec 2026); the share alone is in the table
            assert len(items) == 10, (lang, columns, note)
            # every line is a whole figure name, with its reason or without (on the next line then)
            assert all(x in labels or x.removesuffix(f" {why[lang]}") in labels for x in items), (lang, columns, note)
            for name in NAMES[lang]:
                line = note.index(next(x for x in note if x.startswith(f"  • {name}")))
                assert note[line] == f"  • {name} {why[lang]}" or (note[line] == f"  • {name}" and note[line + 1] == f"    {why[lang]}"), \
                    (lang, columns, note)
            assert not [x for x in note if not x.startswith(("  • ", f"    {why[lang]}"))], (lang, columns, note)


def test_a_technique_share_without_a_lift_says_why(tmp_path: Path) -> None:
    """A session without a lift listed "• Lifts with bent knees" under "no value yet:" with no
    reason (walk-through on HAPT user03); it now says there were none, or that every lift was too
    slow for the technique."""
    from oefensense.record import parse_start
    from oefensense.record.register import file_sensors, register_results
    from tests.record.test_report_undetermined_lifts import _folder as lifts_folder

    for name, techniques, why in (("none", [], {"en": "(no lifts)", "nl": "(geen tilbewegingen)"}),
                                  ("slow", ["undetermined", "undetermined"],
                                   {"en": "(every lift too slow to tell the technique)",
                                    "nl": "(elke tilbeweging te traag om de techniek te bepalen)"})):
        url = f"sqlite:///{tmp_path / name}.sqlite"
        with Record(url) as rec:
            rec.add_patient("P001")
            register_results(rec, "P001", lifts_folder(tmp_path / name, techniques), kind="imported",
                             source=tmp_path / "x.csv", source_owned=False,
                             start=parse_start("2026-03-09T08:00+01:00"), sensors=file_sensors(["pelvis"]))
        for lang, (knees, back), note in (("en", ("Lifts with bent knees", "Lifts with a bent back"), "no value yet:"),
                                          ("nl", ("Tillen met gebogen knieën", "Tillen met gebogen rug"), "nog geen waarde:")):
            (shown,) = _note(_show(url, lang), note)
            assert f"• {knees} {why[lang]}" in shown and f"• {back} {why[lang]}" in shown, shown
