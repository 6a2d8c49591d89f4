"""The therapist report's progress part shows every figure, every assessment and the goals, on as
many pages as they need: it was one page that left out the ninth figure, listed only the newest
12 assessments and drew a long table under the footer and off the page, goals and all."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from oefensense.record.progress import PROGRESS_CODES  # noqa: E402
from oefensense.record.measures import measure  # noqa: E402
from oefensense.record.results import parse_start  # noqa: E402
from oefensense.record.store import AssessmentInfo, GoalInfo, SessionInfo  # noqa: E402
from oefensense.reports import layout  # noqa: E402
from oefensense.reports.data import ReportData  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402
from oefensense.reports.therapist import progress_pages  # noqa: E402


def _session(i: int) -> SessionInfo:
    summary = {"lifts": {"count": 5, "squat": 1 + i % 2, "stoop": 3 - i % 2, "undetermined": 1}, "trunk_zones_s": {"20-60": 300.0 + i, ">60": 50.0},
               "trunk_exposure": {"valid_s": 3000.0}, "sitting_bouts": {"count": 3, "longest_s": 2000.0, "total_s": 3000.0}}
    day = {"date": None, "source": "days.csv", "wear_s": 30000.0, "sitting_s": 15000.0 + 100 * i, "sitting_bouts_over_30min": 2,
           "sit_to_stand_count": 30 + i, "lifts": 5}
    work = {**day, "period": "work", "wear_s": 20000.0, "sitting_s": 12000.0, "sitting_bouts_over_30min": 1}
    return SessionInfo(i, "P001", "imported", "free", parse_start(f"2026-03-0{i + 2}T08:30+01:00"), 3600.0, "x.csv", False,
                       Path("/nonexistent"), "", summary, [], {}, datetime(2026, 3, 9, tzinfo=timezone.utc), [day], [work])


def test_every_figure_assessment_and_goal_is_on_a_page() -> None:
    sessions = [_session(i) for i in range(3)]
    when = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    assessments = [AssessmentInfo(i, "P001", "intake", when + timedelta(days=i), None, {"nprs": float(i % 10)}) for i in range(25)]
    rom = {k: 30.0 for k in ("trunk_flexion_deg", "trunk_extension_deg", "trunk_lateral_left_deg", "trunk_lateral_right_deg",
                             "trunk_rotation_left_deg", "trunk_rotation_right_deg")}
    assessments += [AssessmentInfo(100 + i, "P001", "trunk-rom", when + timedelta(days=30 + i), None, rom, {"flags": []})
                    for i in range(4)]
    goals = [GoalInfo(1, when, "Elk half uur even opstaan"), GoalInfo(2, when, "Tillen met gebogen knieën")]
    data = ReportData("P001", [], {}, sessions, assessments, goals)
    pages = progress_pages(data, Words("en"))
    titles = [ax.get_title(loc="left") for fig in pages for ax in fig.axes]
    assert titles == [measure(c).label("en") for c in PROGRESS_CODES]  # all fourteen, the work figures and undetermined lifts too (the ninth was left out)
    texts = [t for fig in pages for t in fig.texts]
    words = [t.get_text() for t in texts]
    for i in range(25):  # every assessment, the oldest too (only the newest 12 were listed)
        assert Words("en").date(when + timedelta(days=i)) in words, i
    assert sum(w == "trunk mobility" for w in words) == 4 and sum(w.startswith("Trunk rotation right (best): 30°") for w in words) == 4
    assert any("Elk half uur even opstaan" in w for w in words) and any("Tillen met gebogen knieën" in w for w in words)
    assert len(pages) >= 2
    lowest = min(t.get_position()[1] for t in texts if t.get_text())
    assert lowest - layout.table_line_h(8) >= 0.035, lowest  # above the footer (0.025), never off the page


def test_key_figure_dates_do_not_run_into_each_other() -> None:
    """'3 December 2026' in the key figures' header ran into '9 September 2026' beside it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from oefensense.reports.data import SessionData
    from oefensense.reports.therapist import overview_page

    before, now = _session(0), _session(1)
    now = SessionInfo(**{**{f: getattr(now, f) for f in SessionInfo.__slots__},
                         "start": parse_start("2026-12-30T21:46+01:00")})
    before = SessionInfo(**{**{f: getattr(before, f) for f in SessionInfo.__slots__},
                            "start": parse_start("2026-09-30T08:30+02:00")})
    data = ReportData("P001", [], {now.id: before}, [before, now], [], [])
    for language in ("en", "nl"):
        fig = overview_page(data, SessionData(now, None, [], None, None, None), Words(language))
        renderer = FigureCanvasAgg(fig).get_renderer()
        head = [t for t in fig.texts if t.get_fontweight() == "bold" and t.get_fontsize() < 10  # the table's header row
                and (t.get_text() in (Words(language)["key_figures"], Words(language)["change"]) or t.get_text().endswith(" 2026"))]
        boxes = sorted((t.get_window_extent(renderer) for t in head), key=lambda b: b.x0)
        assert len(boxes) == 4, [t.get_text() for t in head]
        for a, b in zip(boxes, boxes[1:]):
            assert a.x1 < b.x0, (language, [t.get_text() for t in head])


def test_assessment_dates_are_local_not_utc(monkeypatch, tmp_path: Path) -> None:
    """A test done at 00:30 in Amsterdam (23:30 UTC the day before) was listed on the day before."""
    import time

    from tests.record.test_flow import run

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        db = ("--database", f"sqlite:///{tmp_path / 'r.sqlite'}")
        run("patient", "add", "P001", *db)
        run("patient", "assess", "P001", "--result", "nprs=4", "--date", "2026-03-02T00:30+01:00", *db)
        assert "02-03-2026" in run("patient", "show", "P001", *db)
        when = datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc)
        data = ReportData("P001", [], {}, [], [AssessmentInfo(1, "P001", "intake", when, None, {"nprs": 4.0})],
                          [GoalInfo(1, when, "Elk half uur even opstaan")])
        words = [t.get_text() for fig in progress_pages(data, Words("en")) for t in fig.texts]
        assert "2 March 2026" in words and "1 March 2026" not in words
        assert "• Elk half uur even opstaan (2 March 2026)" in words
    finally:
        monkeypatch.undo()
        time.tzset()


def test_event_details_are_words_in_the_report_language() -> None:
    """The events list read 'Gap 10,5 s, link_lost' and 'Technique alert 3,2 s, stoop_over_60' in Dutch."""
    from oefensense.reports.therapist import _details

    gap = {"type": "gap", "t_s": 59.8, "end_s": 70.3, "reason": "link_lost", "recovered": True}
    alert = {"type": "technique_alert", "t_s": 84.2, "end_s": 87.4, "rule": "stoop_over_60",
             "message_nl": "Buig door de knieën bij het tillen: uw rug boog 80° voorover.",
             "message_en": "Bend your knees when lifting: your back bent 80° forward."}
    assert _details(gap, Words("nl")) == "10,5 s, verbinding verbroken"
    assert _details(gap, Words("en")) == "10.5 s, connection lost"
    assert _details(alert, Words("nl")) == "3,2 s, Buig door de knieën bij het tillen: uw rug boog 80° voorover."
    assert _details({**gap, "reason": "new_reason"}, Words("nl")).endswith("new_reason")  # an unknown code as it is


def test_sessions_are_told_apart_on_the_progress_axes_and_columns(tmp_path: Path) -> None:
    """Two sessions a year apart both read '02-03' on the trend plots; two on one day had the same
    column heading in 'patient show'."""
    from oefensense.record import Record
    from oefensense.record.register import file_sensors, register_results
    from tests.record.test_flow import run
    from tests.record.test_store import _results_folder

    sessions = [_session(0), SessionInfo(**{**{f: getattr(_session(1), f) for f in SessionInfo.__slots__},
                                            "start": parse_start("2027-03-02T08:30+01:00")})]
    pages = progress_pages(ReportData("P001", [], {}, sessions, [], []), Words("en"))
    ticks = [t.get_text() for t in pages[0].axes[0].get_xticklabels()]
    assert ticks == ["02-03\n2026", "02-03\n2027"], ticks
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
        for i, hour in enumerate(("08:30", "14:00")):
            register_results(rec, "P001", _results_folder(tmp_path / str(i)), kind="imported", source=tmp_path / "x.csv",
                             source_owned=False, start=parse_start(f"2026-03-02T{hour}+01:00"), sensors=file_sensors(["trunk"]))
    shown = run("patient", "show", "P001", "--database", url)
    assert "02-03-2026 #1" in shown and "02-03-2026 #2" in shown, shown


def test_trend_ticks_across_new_year_say_the_year_and_never_overlap() -> None:
    """Eight sessions ten days apart from 2 November 2026: the ticks read "02-11-26", ...,
    "11-01-27" and ran into each other ("02-11-2612-11-26"). Now each reads "dd-mm", the year on a
    line under the first and under the first of the new year, and the drawn labels do not touch."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    first = date(2026, 11, 2)
    sessions = [SessionInfo(**{**{f: getattr(_session(i % 7), f) for f in SessionInfo.__slots__}, "id": i + 1,
                               "start": parse_start(f"{first + timedelta(days=10 * i)}T08:30+01:00")}) for i in range(8)]
    for n in (8, 20):
        more = sessions + [SessionInfo(**{**{f: getattr(sessions[0], f) for f in SessionInfo.__slots__}, "id": 9 + i,
                                          "start": parse_start(f"{first + timedelta(days=80 + 3 * i)}T08:30+01:00")})
                           for i in range(n - 8)]
        pages = progress_pages(ReportData("P001", [], {}, more, [], []), Words("nl"))
        ax = pages[0].axes[0]
        labels = [t.get_text() for t in ax.get_xticklabels()]
        shown = [t for t in labels if t]
        assert shown[0] == "02-11\n2026", labels
        assert any(t.endswith("\n2027") for t in shown) and sum("\n" in t for t in shown) == 2, labels
        if n == 8:
            assert "11-01" in shown, labels  # every session labelled when they fit
        canvas = FigureCanvasAgg(pages[0])
        canvas.draw()
        boxes = [t.get_window_extent(canvas.get_renderer()) for t in ax.get_xticklabels() if t.get_text()]
        assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:])), (n, [(b.x0, b.x1) for b in boxes])
