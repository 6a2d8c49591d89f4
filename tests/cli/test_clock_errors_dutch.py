"""A start time, time zone or work schedule that cannot be used is said in the CLI's language.

'oefensense -L nl analyze week.csv --start 2026-03-30T00:00+01:00 --tz Europe/Amsterdam' (a start
written with winter time the day after the DST change) printed 'fout: --start ... has UTC offset
+01:00, but time zone Europe/Amsterdam is at +02:00 then: ...', in English, as did an unknown
zone, a start without offset and every --work-hours mistake; 'batch --starts' put the same English
reason inside its Dutch line (care audit, 4 Dec)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.core.clock import ClockError, RecordingClock
from oefensense.core.schedule import ScheduleError, WorkSchedule

BUNDLED = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


@pytest.mark.parametrize("args, nl, en", [
    (["--start", "2026-03-30T00:00+01:00", "--tz", "Europe/Amsterdam"],
     "fout: --start '2026-03-30T00:00+01:00' heeft UTC-verschil +01:00, maar tijdzone Europe/Amsterdam staat dan op "
     "+02:00: geef met --tz de zone waarin is opgenomen",
     "error: --start '2026-03-30T00:00+01:00' has UTC offset +01:00, but time zone Europe/Amsterdam is at +02:00 then"),
    (["--start", "2026-03-30"], "fout: --start '2026-03-30' heeft geen UTC-verschil: voeg het toe (bijv. +01:00) of geef --tz",
     "error: --start '2026-03-30' has no UTC offset"),
    (["--start", "30 maart"], "fout: --start '30 maart': geen ISO 8601-datum en -tijd", "error: --start '30 maart': not an ISO"),
    (["--start", "2026-03-30T08:00", "--tz", "Europe/Amsterdm"],
     "fout: onbekende tijdzone 'Europe/Amsterdm': geef een IANA-naam zoals Europe/Amsterdam of UTC",
     "error: unknown time zone 'Europe/Amsterdm'"),
    (["--start", "2026-03-30T08:00+02:00", "--work-hours", "ma-vr 08:30"],
     "fout: werktijden 'ma-vr 08:30': schrijf bijv. 'ma-vr 08:30-17:00'", "error: work hours 'ma-vr 08:30': write e.g."),
    (["--start", "2026-03-30T08:00+02:00", "--work-hours", "xx 08:30-17:00"],
     "fout: werktijden 'xx 08:30-17:00': dagen zijn ma..zo (of Mon..Sun)", "error: work hours 'xx 08:30-17:00': days are"),
    (["--start", "2026-03-30T08:00+02:00", "--work-hours", "ma 08:30-25:00"],
     "fout: werktijden 'ma 08:30-25:00': tijden als UU:MM", "error: work hours 'ma 08:30-25:00': times are HH:MM"),
    (["--start", "2026-03-30T08:00+02:00", "--work-hours", ";"], "fout: werktijden: leeg", "error: work hours: empty"),
    # an equal start and end was read as 24 hours, silently (a typo far more often than meant)
    (["--start", "2026-03-30T08:00+02:00", "--work-hours", "ma 08:00-08:00"],
     "fout: werktijden 'ma 08:00-08:00': begint en eindigt op dezelfde tijd (0 of 24 uur?); een hele dag is 00:00-24:00",
     "error: work hours 'ma 08:00-08:00': it starts and ends at the same time (0 or 24 hours?); a whole day is 00:00-24:00"),
    (["--start", "2026-03-30T08:00+02:00", "--work-hours", "ma 08:00-24:30"],
     "fout: werktijden 'ma 08:00-24:30': tijden als UU:MM", "error: work hours 'ma 08:00-24:30': times are HH:MM"),
    # a local start the DST change skips or repeats was read silently: 02:30 as 03:30+02:00, and
    # the repeated 02:30 as the first of the two
    (["--start", "2026-03-29T02:30", "--tz", "Europe/Amsterdam"],
     "fout: --start '2026-03-29T02:30' bestaat niet in Europe/Amsterdam: de klok is toen vooruitgezet; schrijf de tijd "
     "met zijn UTC-verschil (bijv. 2026-03-29T02:30+01:00)",
     "error: --start '2026-03-29T02:30' does not exist in Europe/Amsterdam: the clocks were put forward then"),
    (["--start", "2026-10-25T02:30", "--tz", "Europe/Amsterdam"],
     "fout: --start '2026-10-25T02:30' komt twee keer voor in Europe/Amsterdam (de klok is teruggezet): schrijf de tijd "
     "met zijn UTC-verschil, +02:00 of +01:00",
     "error: --start '2026-10-25T02:30' happens twice in Europe/Amsterdam (the clocks were put back)"),
])
def test_analyze_says_a_clock_or_schedule_mistake_in_dutch(tmp_path, args, nl, en) -> None:  # noqa: ANN001
    for lang, expected in (("nl", nl), ("en", en)):
        res = CliRunner().invoke(app, ["-L", lang, "analyze", str(BUNDLED), "--out", str(tmp_path / "o"), "-q", *args],
                                 env={"COLUMNS": "300"})
        text = " ".join(res.output.split())
        assert res.exit_code == 1 and expected in text and "Traceback" not in text, (lang, text)
        assert len(res.output.strip().splitlines()) == 1, res.output


def test_a_local_start_next_to_a_dst_change_is_read_as_written() -> None:
    """The hours on either side of a change are ordinary and keep their meaning."""
    for text, utc in (("2026-03-29T01:59", "2026-03-29T00:59"), ("2026-03-29T03:00", "2026-03-29T01:00"),
                      ("2026-10-25T01:59", "2026-10-24T23:59"), ("2026-10-25T03:00", "2026-10-25T02:00")):
        clock = RecordingClock.parse_start(text, "Europe/Amsterdam")
        assert clock.start_utc.strftime("%Y-%m-%dT%H:%M") == utc, text
    assert RecordingClock.parse_start("2026-10-25T02:30+01:00", "Europe/Amsterdam").start_utc.hour == 1


def test_the_errors_stay_english_for_the_api_and_survive_pickling() -> None:
    import pickle

    with pytest.raises(ClockError) as err:
        RecordingClock.parse_start("2026-03-30", None)
    assert str(err.value) == "--start '2026-03-30' has no UTC offset: add it (e.g. +01:00) or give --tz"
    again = pickle.loads(pickle.dumps(err.value))
    assert str(again) == str(err.value) and again.fields == {"text": "2026-03-30"}
    with pytest.raises(ScheduleError, match="work hours 'x': write e.g."):
        WorkSchedule.parse("x")


def test_batch_starts_words_the_reason_in_dutch(tmp_path) -> None:  # noqa: ANN001
    from oefensense.batch.starts import STARTS_BAD_TIME, StartsError
    from oefensense.commands.lang import tr

    try:
        RecordingClock.parse_start("2026-03-02T08:00:00", None)
    except ClockError as exc:
        err = StartsError(STARTS_BAD_TIME, path="starts.csv", line=2, reason=exc)
    assert str(err) == "--starts starts.csv line 2: --start '2026-03-02T08:00:00' has no UTC offset: add it (e.g. +01:00) or give --tz"
    text = err.text(lambda t: tr(t, language="nl"), decimal_comma=True)
    assert text == ("--starts starts.csv regel 2: --start '2026-03-02T08:00:00' heeft geen UTC-verschil: voeg het toe "
                    "(bijv. +01:00) of geef --tz"), text
