"""A week-long recording in the reports: the therapist's page of trunk zones stays above the
footer, and the patient's report names the recording's dates and shares as they are (care audit
of 4 Dec 2026, a generated week of wear)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import matplotlib
import numpy as np

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from oefensense.record import parse_start  # noqa: E402
from oefensense.reports import layout  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402

WEEK_S = 7 * 86400.0


def _week_session() -> SimpleNamespace:
    t = np.arange(0.0, WEEK_S, 300.0)
    timeline = SimpleNamespace(start_s=t, end_s=t + 300.0,
                               posture=np.where((t // 3600) % 24 < 8, "lying", "sitting"))
    info = SimpleNamespace(id=1, start=parse_start("2026-03-23T00:00+01:00"), duration_s=WEEK_S,
                           days=[{}] * 8, summary={"trunk_zones_s": {"0-20": 61740.0, "20-60": 186.0}})
    return SimpleNamespace(info=info, timeline=timeline, angle_t_s=t, angle_deg=np.full(len(t), 10.0),
                           angle_provisional=None, angle_name="trunk_flexion_deg", events=[])


def test_the_trunk_zones_of_a_week_stay_above_the_footer() -> None:
    from oefensense.reports.therapist import posture_pages

    figs = posture_pages(SimpleNamespace(code="W001"), _week_session(), Words("nl"))
    texts = [t.get_text() for f in figs for t in f.texts]
    assert "Tijd per rompzone" in texts
    for fig in figs:
        renderer = FigureCanvasAgg(fig).get_renderer()
        height = fig.bbox.height
        for ax in fig.axes:  # the axes with their tick labels and axis label
            assert ax.get_tightbbox(renderer).y0 / height >= layout.BOTTOM, ax.get_ylabel()


def test_dates_of_one_day_and_of_several() -> None:
    from datetime import date

    nl, en = Words("nl"), Words("en")
    assert nl.dates(date(2026, 3, 23), date(2026, 3, 23)) == "23 maart 2026"
    assert nl.dates(date(2026, 3, 23), date(2026, 3, 30)) == "23–30 maart 2026"
    assert en.dates(date(2026, 2, 28), date(2026, 3, 3)) == "28 February – 3 March 2026"
    assert nl.dates(date(2026, 12, 30), date(2027, 1, 2)) == "30 december 2026 – 2 januari 2027"


def test_the_therapist_report_of_a_week_says_until_when() -> None:
    """Every page's subtitle gave a week of wear as "23 maart 2026 00:00" alone."""
    from oefensense.reports.therapist import _subtitle

    s = _week_session()
    assert _subtitle(SimpleNamespace(code="W001"), Words("nl"), s).endswith("23 maart 2026 00:00 – 30 maart 2026 00:00")
    s.info.duration_s = 3600.0  # one day: the start alone
    assert _subtitle(SimpleNamespace(code="W001"), Words("en"), s).endswith("23 March 2026 00:00")


def test_patient_report_of_a_first_multi_day_session(tmp_path) -> None:  # noqa: ANN001
    """Three days from 2 March 2026 08:30 read "de meting van 2 maart 2026", a back bent 0.3 %
    of the time read "0%", and a first session's chart was headed "nu en vorige keer"."""
    import shutil
    import subprocess

    import pytest

    from oefensense.record import Record
    from oefensense.record.register import file_sensors, register_results
    from oefensense.reports import write_report

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")
    folder = tmp_path / "a"
    folder.mkdir()
    end = 2 * 86400.0 + 3600.0  # to 4 March 09:30
    (folder / "timeline.csv").write_text(f"start_s,end_s,posture,confidence\n0.00,{end / 2:.2f},sitting,0.99\n"
                                         f"{end / 2:.2f},{end:.2f},standing,0.99\n")
    (folder / "events.jsonl").write_text("")
    summary = {"duration_s": end, "posture_s": {"sitting": end / 2, "standing": end / 2},
               "sitting_bouts": {"count": 0}, "lifts": {"count": 0},
               "trunk_zones_s": {"0-20": 99700.0, "20-60": 300.0, ">60": 0.0}, "trunk_exposure": {"valid_s": 100000.0}}
    (folder / "summary.json").write_text(json.dumps(summary))
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                         start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors(["trunk"]))
        for language in ("nl", "en"):
            write_report(rec, "P001", tmp_path / f"{language}.pdf", language=language, audience="patient")
    nl, en = (" ".join(subprocess.run(["pdftotext", "-layout", str(tmp_path / f"{x}.pdf"), "-"], check=True,
                                      capture_output=True, text=True).stdout.split()) for x in ("nl", "en"))
    assert "tijdens de meting van 2–4 maart 2026." in nl, nl
    assert "during the measurement of 2–4 March 2026." in en, en
    assert "Uw rug was minder dan 1% van de tijd meer dan 20 graden gebogen." in nl, nl
    assert "Your back was bent more than 20 degrees for less than 1% of the time." in en, en
    assert "vorige keer" not in nl and "last time" not in en
    assert "Hoe u uw tijd doorbracht" in nl and "How your time was spent" in en


def test_a_week_of_events_lists_what_the_therapist_acts_on_first() -> None:
    """A week's events table showed its first 20 posture transitions ("… en nog 3720") and a
    non-wear period as "1768,0 s"."""
    from oefensense.reports.therapist import activity_page

    transitions = [{"type": "sit_to_stand" if i % 2 else "stand_to_sit", "t_s": 60.0 * i, "duration_s": 1.8}
                   for i in range(100)]
    acted_on = [{"type": "non_wear", "t_s": 7000.0, "duration_s": 1768.0},
                {"type": "prolonged_sitting", "t_s": 9000.0, "threshold_s": 1800.0, "duration_s": 2400.0},
                {"type": "lift", "t_s": 8000.0, "technique": "stoop", "peak_trunk_flexion_deg": 50.0}]
    acted_on += [{"type": "prolonged_sitting", "t_s": 9000.0 + 3600 * i, "threshold_s": 1800.0, "duration_s": 1800.0}
                 for i in range(1, 30)]  # 30 warnings leave rows for the non-wear and the lift
    s = _week_session()
    s.events = sorted(transitions + acted_on, key=lambda e: e["t_s"])
    for language, worn, sitting, more in (
            ("nl", "29,5 min", "melding na 40,0 min", "… en nog "), ("en", "29.5 min", "alert after 40.0 min", "… and ")):
        texts = [t.get_text() for t in activity_page(SimpleNamespace(code="W001"), s, Words(language)).texts]
        kinds = [Words(language).event(e) for e in ("prolonged_sitting", "non_wear", "lift")]
        at = [texts.index(k) for k in kinds]
        transition = Words(language).event("stand_to_sit")
        first_transition = texts.index(transition) if transition in texts else len(texts)
        assert at == sorted(at) and at[-1] < first_transition, texts  # warnings, notices, lifts, transitions
        assert worn in texts and sitting in texts and "1768,0 s" not in texts, texts
        line = next(t for t in texts if t.startswith(more))
        assert ("houdingsovergangen" if language == "nl" else "posture transitions") in line, line


def test_a_prolonged_sitting_alert_says_its_whole_bout() -> None:
    """A generated day's five prolonged-sitting alerts all read "30,0 min" (the event spans the
    bout's start to the alert) beside the sitting-bouts plot's 75-120 min bouts (care
    walk-through, 5 Dec 2026): the detail gives the whole bout and when the alert came."""
    from oefensense.reports.therapist import activity_page

    s = _week_session()
    s.events = [{"type": "sitting_bout", "t_s": 30602.0, "end_s": 35101.0, "duration_s": 4499.0, "sitting_s": 4499.0},
                {"type": "prolonged_sitting", "t_s": 30602.0, "end_s": 32402.0, "threshold_s": 1800.0, "duration_s": 1800.0},
                {"type": "prolonged_sitting", "t_s": 30602.0, "end_s": 33002.0, "threshold_s": 1800.0, "duration_s": 2400.0}]
    for language, first, reminder in (("nl", "1 uur 15 min zitten (melding na 30,0 min)", "1 uur 15 min zitten (melding na 40,0 min)"),
                                      ("en", "1 h 15 min sitting (alert after 30.0 min)", "1 h 15 min sitting (alert after 40.0 min)")):
        texts = [t.get_text() for t in activity_page(SimpleNamespace(code="W001"), s, Words(language)).texts]
        assert first in texts and reminder in texts, texts
        assert ("30,0 min" if language == "nl" else "30.0 min") not in texts, texts


def test_a_session_end_in_the_subtitle_is_rounded_to_its_minute() -> None:
    """A 48-h recording at 100 Hz from 18:00 (last sample 0.01 s before 48 h) was subtitled
    "15 maart 2026 18:00 – 17 maart 2026 17:59" beside "Duur 48 uur" (care walk-through, 5 Dec 2026)."""
    from oefensense.reports.therapist import _subtitle

    info = SimpleNamespace(id=4, start=parse_start("2026-03-15T18:00+01:00"), duration_s=172799.99)
    s = SimpleNamespace(info=info)
    assert _subtitle(SimpleNamespace(code="P001"), Words("nl"), s).endswith("15 maart 2026 18:00 – 17 maart 2026 18:00")
    info.duration_s = 172769.0  # 17:59:29 stays in its minute
    assert _subtitle(SimpleNamespace(code="P001"), Words("en"), s).endswith("15 March 2026 18:00 – 17 March 2026 17:59")
