"""A week of wear as the therapist meets it in the terminal (care audit, 4 Dec).

``oefensense analyze week.csv --start ... --work-hours "Mon-Fri 08:30-17:00"`` printed only the
whole recording's summary, in seconds: 'duration (s) 604800.0', 'sitting 166278.5', 'start (UTC)
2026-03-22T23:00:00.000000Z' for a recording started on Monday at midnight in Amsterdam; nothing
per day and nothing about the work hours asked for (those were only in days.csv, in seconds).
Now the summary adds hours and minutes from an hour on, the clock row starts with the local
start, and a day table follows: worn, not worn, sitting, long sitting bouts, the longest, lifts
and the valid-day rule, with a line for the work hours on days that have them."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.commands.days_view import clock_hours, day_table
from oefensense.commands.lang import set_cli_language
from oefensense.core.clock import RecordingClock
from oefensense.core.schedule import WorkSchedule
from oefensense.core.types import NS_PER_S, Event
from oefensense.io.period_tables import PeriodTables, TableSettings

BUNDLED = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


class _Seg:
    def __init__(self, start_s: float, end_s: float, posture: str) -> None:
        self.start_ns, self.end_ns, self.posture = int(start_s * NS_PER_S), int(end_s * NS_PER_S), posture


def _render(table, width: int = 100) -> str:  # noqa: ANN001 - the day table's rich renderable
    con = Console(record=True, width=width, file=io.StringIO())
    con.print(table)
    return con.export_text()


def _friday_to_monday(tmp_path: Path) -> Path:
    """days.csv of Fri 27 March 2026 00:00 (Amsterdam) to Mon 30 March 01:00, across the DST
    change: each day sits 08:30-10:30 (a 2-h bout, at work on Friday) and stands up at its end, the
    sensor lies on a desk 12:00-12:45 and Friday has a lift at 11:00 and another stand-up at 14:00."""
    clock = RecordingClock.parse_start("2026-03-27T00:00+01:00", "Europe/Amsterdam")

    def at(local: str) -> float:  # seconds since the start of a local clock time
        return clock.session_ns(datetime.fromisoformat(local).replace(tzinfo=clock.zone)) / NS_PER_S

    tables = PeriodTables(clock, TableSettings(schedule=WorkSchedule.parse("Mon-Fri 08:30-17:00")))
    segs, events, t = [], [], 0.0
    for day in range(3):
        d0 = at(f"2026-03-{27 + day}T00:00")
        segs += [_Seg(t, d0 + 8.5 * 3600, "lying"), _Seg(d0 + 8.5 * 3600, d0 + 10.5 * 3600, "sitting"),
                 _Seg(d0 + 10.5 * 3600, d0 + 12 * 3600, "walking"), _Seg(d0 + 12 * 3600, d0 + 12.75 * 3600, "non_wear")]
        events.append(Event("sitting_bout", int((d0 + 8.5 * 3600) * NS_PER_S), int((d0 + 10.5 * 3600) * NS_PER_S),
                            {"duration_s": 7200.0, "sitting_s": 7200.0, "ended_by": "break"}))
        events.append(Event("sit_to_stand", int((d0 + 10.5 * 3600) * NS_PER_S), int((d0 + 10.5 * 3600 + 2) * NS_PER_S), {}))
        t = d0 + 12.75 * 3600
    events.append(Event("sit_to_stand", int(at("2026-03-27T14:00") * NS_PER_S), int(at("2026-03-27T14:00") * NS_PER_S) + 2 * NS_PER_S, {}))
    events.append(Event("lift", int(at("2026-03-27T11:00") * NS_PER_S),
                        int(at("2026-03-27T11:00") * NS_PER_S) + 2 * NS_PER_S, {"technique": "squat"}))
    segs.append(_Seg(t, at("2026-03-30T01:00"), "lying"))
    tables.add_segments(segs)
    tables.add_events(events)
    out = tmp_path / "t"
    out.mkdir()
    tables.write(out)
    return out / "days.csv"


def test_the_day_table_says_each_day_and_its_work_hours_in_hours_and_minutes(tmp_path) -> None:  # noqa: ANN001
    text = _render(day_table(_friday_to_monday(tmp_path), 10.0))
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]
    # Friday: 24 h - 45 min on the desk; sat 2 h in one long bout, at work; one lift
    # (stand-ups per day before lifts: Friday 2, both at work)
    assert "Fri 27-03 23:15 0:45 2:00 1 2:00 2 1 yes" in lines, text
    assert "at work 7:45 0:45 2:00 1 2:00 2 1" in lines, text
    # the weekend has no work line; Sunday lasts 23 h (DST); the last hour is a day, not valid
    assert "Sat 28-03 23:15 0:45 2:00 1 2:00 1 0 yes" in lines, text
    assert "Sun 29-03 22:15 0:45 2:00 1 2:00 1 0 yes" in lines, text
    assert "Mon 30-03 1:00 0:00 0:00 0 – 0 0 no" in lines, text
    assert sum(line.startswith("at work") for line in lines) == 1, text
    assert "valid: worn at least 10 h" in re.sub(r"\s+", " ", text), text


def test_the_day_table_in_dutch(tmp_path) -> None:  # noqa: ANN001
    path = _friday_to_monday(tmp_path)
    set_cli_language("nl")
    try:
        text = _render(day_table(path, 10.0))
    finally:
        set_cli_language(None)
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]
    assert "vr 27-03 23:15 0:45 2:00 1 2:00 2 1 ja" in lines, text
    assert "op het werk 7:45 0:45 2:00 1 2:00 2 1" in lines, text
    assert "ma 30-03 1:00 0:00 0:00 0 – 0 0 nee" in lines, text
    for head in ("dag", "gedragen", "zitten", "langste", "opstaan", "tilbewegingen", "geldig"):
        assert head in text, (head, text)
    assert "minstens 10 uur gedragen" in re.sub(r"\s+", " ", text), text


def test_the_work_hours_are_said_under_the_day_table_a_night_shift_across_midnight(tmp_path) -> None:  # noqa: ANN001
    """``--work-hours 'Mon 09:00-08:00'`` is a 23-hour shift into Tuesday: it was read so with
    nothing in the output saying it. The line under the table gives the schedule as read."""
    path = _friday_to_monday(tmp_path)
    schedule = WorkSchedule.parse("Mon-Fri 22:00-06:00; za 09:00-12:00; Sun 09:00-08:00; Wed 00:00-24:00")
    want = {"en": "at work: Mon-Fri 22:00-06:00 (across midnight); Sat 09:00-12:00; Sun 09:00-08:00 (across midnight); "
                  "Wed 00:00-24:00",
            "nl": "op het werk: ma-vr 22:00-06:00 (over middernacht); za 09:00-12:00; zo 09:00-08:00 (over middernacht); "
                  "wo 00:00-24:00"}
    for lang, line in want.items():
        set_cli_language(lang)
        try:
            text = _render(day_table(path, 10.0, schedule), 200)
            day_only = _render(day_table(path, 10.0, WorkSchedule.parse("Mon-Fri 08:30-17:00")), 200)
        finally:
            set_cli_language(None)
        assert text.rstrip().splitlines()[-1] == line, (lang, text)
        assert "(across midnight)" not in day_only and "(over middernacht)" not in day_only, day_only
    assert "at work:" not in _render(day_table(path, 10.0), 200)  # without --work-hours: no line


def test_clock_hours() -> None:
    assert [clock_hours(s) for s in (0, 29, 31, 2656, 7198, 78416, 604800)] == \
        ["0:00", "0:00", "0:01", "0:44", "2:00", "21:47", "168:00"]


def test_summary_seconds_from_an_hour_on_also_in_hours_and_minutes_and_the_local_start(capsys) -> None:  # noqa: ANN001
    from oefensense.commands.summary_view import print_summary

    summary = {"duration_s": 604799.99, "posture_s": {"sitting": 166278.5, "unknown": 99.0},
               "sitting_bouts": {"count": 1418, "longest_s": 8998.0, "prolonged_threshold_s": 1800.0},
               "clock": {"start_utc": "2026-03-22T23:00:00.000000Z", "timezone": "Europe/Amsterdam"}}
    for lang, want in (("en", ["duration 604800.0 s (168 h 0 min)", "sitting 166278.5 (46 h 11 min)", "unknown 99.0",
                               "longest 8998.0 s (2 h 30 min)", "prolonged from 30 min",
                               "start (local time) 23-03-2026 00:00 (UTC+01:00)"]),
                       ("nl", ["duur 604800,0 s (168 u 0 min)", "zitten 166278,5 (46 u 11 min)", "onbekend 99,0",
                               "langste 8998,0 s (2 u 30 min)",
                               "begin (lokale tijd) 23-03-2026 00:00 (UTC+01:00)"])):
        set_cli_language(lang)
        try:
            print_summary(summary)
        finally:
            set_cli_language(None)
        text = re.sub(r"\s*│\s*", " ", capsys.readouterr().out)
        text = re.sub(r"\s+", " ", text)
        for w in want:
            assert w in text, (lang, w, text)
        assert "99.0 (" not in text and "99,0 (" not in text and "1800.0 (" not in text, text  # under an hour: seconds


def test_analyze_prints_the_day_table_with_work_hours(tmp_path) -> None:  # noqa: ANN001
    res = CliRunner().invoke(app, ["analyze", str(BUNDLED), "--out", str(tmp_path / "o"), "--start",
                                   "2026-03-02T08:30+01:00", "--tz", "Europe/Amsterdam", "--work-hours",
                                   "Mon-Fri 08:30-17:00; sat 22:00-06:00"], env={"COLUMNS": "200", "LANG": "C.UTF-8"})
    assert res.exit_code == 0, res.output
    lines = [re.sub(r"\s+", " ", line).strip() for line in res.output.splitlines()]
    assert any(line.startswith("Mon 02-03 0:04 0:00") and line.endswith("no") for line in lines), res.output
    assert any(line.startswith("at work 0:04 0:00") for line in lines), res.output
    # the schedule as read, a night shift said to run past midnight (it was read so silently)
    assert "at work: Mon-Fri 08:30-17:00; Sat 22:00-06:00 (across midnight)" in lines, res.output
    assert "start (local time) 02-03-2026 08:30 (UTC+01:00)" in res.output, res.output


def test_a_days_csv_from_before_the_stand_up_count_shows_a_dash(tmp_path) -> None:  # noqa: ANN001
    """A days.csv written before 4 Dec 2026 has no sit_to_stand_count: not known, so "–", not 0."""
    path = _friday_to_monday(tmp_path)
    lines = path.read_text().splitlines()
    cut = lines[0].split(",").index("sit_to_stand_count")
    path.write_text("\n".join(",".join(x for i, x in enumerate(line.split(",")) if i != cut) for line in lines) + "\n")
    text = _render(day_table(path, 10.0))
    assert "Fri 27-03 23:15 0:45 2:00 1 2:00 – 1 yes" in [re.sub(r"\s+", " ", ln).strip() for ln in text.splitlines()], text


def test_the_title_is_one_line_and_the_key_under_the_table_keeps_every_word_at_80_100_and_200_columns(tmp_path) -> None:  # noqa: ANN001
    """The title carried the key ("Per day (hours:minutes; long bouts: ...; valid: worn at least
    10 h)") and rich wraps a title at the table's width: "... at least 10 / h)" at every terminal
    width, 200 columns too, and a Dutch one at 80 columns lost its "10 uur". Now the title is short
    and the key is a line of its own under the table, wrapped at the terminal's width."""
    path = _friday_to_monday(tmp_path)
    want = {"en": ("Per day (hours:minutes)", "long bouts: sitting 30 min or more; valid: worn at least 10 h"),
            "nl": ("Per dag (uren:minuten)", "lang: zitperiodes van 30 min of langer; geldig: minstens 10 uur gedragen")}
    for lang, (title, key) in want.items():
        set_cli_language(lang)
        try:
            for width in (80, 100, 200):
                lines = [line.rstrip() for line in _render(day_table(path, 10.0), width).splitlines()]
                assert lines[0] == title, (lang, width, lines)
                assert all(len(line) <= width for line in lines), (lang, width, lines)
                rule = max(i for i, line in enumerate(lines) if line.strip().startswith("─"))
                rows = [i for i, line in enumerate(lines) if line.strip() and i > rule]
                below = " ".join(lines[i] for i in rows if not re.match(r"\s*(\w\w\w? \d\d-\d\d|(at work|op het werk)\s)", lines[i]))
                assert below == key, (lang, width, lines)  # every word, once, after the day lines
        finally:
            set_cli_language(None)


def test_the_docs_day_table_example_has_the_heads_the_program_prints(tmp_path) -> None:  # noqa: ANN001
    """docs/days.md's terminal example is a run's output: its title, column heads and the rule
    under them are what day_table prints (the example lacked the rule; before 6d99c23's own
    update it lacked the stand-ups column)."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "days.md").read_text(encoding="utf-8")
    block = doc[doc.index("```\nPer day (") + 4:]
    block = block[:block.index("```")].splitlines()
    schedule = WorkSchedule.parse("Mon-Fri 08:30-17:00")  # as the example was run
    text = [line.rstrip() for line in _render(day_table(_friday_to_monday(tmp_path), 10.0, schedule)).splitlines()]
    rule = next(i for i, line in enumerate(text) if line.strip().startswith("─"))
    doc_rule = next((i for i, line in enumerate(block) if line.strip().startswith("─")), None)
    assert doc_rule is not None, block
    assert block[doc_rule - 1:doc_rule + 1] == text[rule - 1:rule + 1], (block, text)  # the heads and the rule
    assert " ".join(" ".join(block[:doc_rule - 1]).split()) == " ".join(" ".join(text[:rule - 1]).split())  # the title
    assert block[-2:] == text[-2:], (block, text)  # the key under the table and the work hours


def _with_gaps(path: Path) -> Path:
    """The same days.csv with an hour of no data on every row: the table gains a column."""
    lines = path.read_text().splitlines()
    cut = lines[0].split(",").index("no_data_s")
    rows = [lines[0]] + [",".join("3600.0" if i == cut else x for i, x in enumerate(line.split(",")))
                         for line in lines[1:]]
    path.write_text("\n".join(rows) + "\n")
    return path


def test_every_column_shows_at_80_and_100_columns_in_both_languages(tmp_path) -> None:  # noqa: ANN001
    """rich narrows a too-wide table's columns evenly, down to nothing: at 80 columns the Dutch day
    table lost "geldig" (and, with a "geen gegevens" column, "tilmomenten" too; the English one
    "valid") without a sign. Every head and every cell of every day must be on screen."""
    want = {"en": (["day", "worn", "not worn", "sitting", "long bouts", "longest", "stand-ups", "lifts", "valid"],
                   {"Fri 27-03": "23:15 0:45 2:00 1 2:00 2 1 yes", "at work": "7:45 0:45 2:00 1 2:00 2 1",
                    "Mon 30-03": "1:00 0:00 0:00 0 – 0 0 no"}, "no data"),
            "nl": (["dag", "gedragen", "niet gedragen", "zitten", "lang", "langste", "opstaan", "tilbewegingen", "geldig"],
                   {"vr 27-03": "23:15 0:45 2:00 1 2:00 2 1 ja", "op het werk": "7:45 0:45 2:00 1 2:00 2 1",
                    "ma 30-03": "1:00 0:00 0:00 0 – 0 0 nee"}, "geen gegevens")}
    for gaps in (False, True):
        (tmp_path / str(gaps)).mkdir()
        path = _friday_to_monday(tmp_path / str(gaps))
        if gaps:
            _with_gaps(path)
        for lang, (heads, days, gap_head) in want.items():
            set_cli_language(lang)
            try:
                for width in (80, 100):
                    text = _render(day_table(path, 10.0), width)
                    lines = [line.rstrip() for line in text.splitlines()]
                    assert all(len(line) <= width for line in lines), (lang, width, gaps, text)
                    # the heads: above each rule, a head's words in order once the wrapped lines are read
                    # column by column is not needed: each word is on screen, whole
                    words = " ".join(lines).split()
                    for head in heads + ([gap_head] if gaps else []):
                        for w in head.split():
                            assert w in words, (lang, width, gaps, head, text)
                    # every day's cells, across the parts when the table had to be split
                    for label, cells in days.items():
                        if gaps:
                            cells = " ".join(cells.split()[:2] + ["1:00"] + cells.split()[2:])
                        got = " ".join(line.strip()[len(label):].strip() for line in lines if line.strip().startswith(label))
                        assert " ".join(got.split()) == cells, (lang, width, gaps, label, got, text)
            finally:
                set_cli_language(None)


def _over_new_year(tmp_path: Path) -> Path:
    """days.csv of Thu 31 December 2026 12:00 to Fri 1 January 2027 12:00 (Amsterdam), standing."""
    clock = RecordingClock.parse_start("2026-12-31T12:00+01:00", "Europe/Amsterdam")
    tables = PeriodTables(clock, TableSettings())
    tables.add_segments([_Seg(0.0, 86400.0, "standing")])
    out = tmp_path / "ny"
    out.mkdir()
    tables.write(out)
    return out / "days.csv"


def test_days_across_new_year_carry_their_year(tmp_path) -> None:  # noqa: ANN001
    """The day column read "Thu 31-12" above "Fri 01-01": the first of January of which year?
    Across New Year each day says its year; within one year it stays "Fri 27-03" (above)."""
    path = _over_new_year(tmp_path)
    for lang, days in (("en", ("Thu 31-12-2026", "Fri 01-01-2027")), ("nl", ("do 31-12-2026", "vr 01-01-2027"))):
        set_cli_language(lang)
        try:
            for width in (80, 100):
                text = _render(day_table(path, 10.0), width)
                for day in days:
                    assert any(line.strip().startswith(day) for line in text.splitlines()), (lang, width, text)
        finally:
            set_cli_language(None)
