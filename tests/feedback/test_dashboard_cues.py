"""The dashboard runs a feedback plan: ``LiveController(feedback_plan=...)`` (what ``oefensense
gui --feedback plan.toml`` builds) cues through the simulated wearable over the fake Bleak
backend, and the therapist's event list shows the cues."""

from __future__ import annotations

from oefensense.analysis.feedback_plan import plan_from_dict
from oefensense.ble.live import simulated_source
from oefensense.live.controller import LiveController
from tests.feedback.test_record_cues import HAPT  # a real recording with clear sitting


class Capture:
    def __init__(self) -> None:
        self.events = []

    def on_input(self, item) -> None:  # noqa: ANN001
        pass

    def on_output(self, out) -> None:  # noqa: ANN001
        self.events += out.events

    def close(self, pipeline) -> None:  # noqa: ANN001
        pass


def test_the_dashboard_controller_cues_through_the_wearable() -> None:
    plan = plan_from_dict({"rules": {"prolonged_sitting": {"after_s": 8}}})
    ctl = LiveController(feedback_plan=plan)
    cap = Capture()
    ctl.extra_sinks.append(cap)
    devices: list = []

    def factory():  # noqa: ANN202
        src, devs = simulated_source([f"oefensense:{HAPT}=pelvis"], speed=10, duration_s=80)
        devices[:] = devs
        return src

    ctl.start(factory, runtime=True)
    assert ctl.wait(180)
    assert ctl.stop() == []
    cues = [e for e in cap.events if e.type == "cue"]
    assert cues and all(c.fields["delivered"] and c.fields["device"] == "pelvis" for c in cues)
    vibrations = [c for _, c, _ in devices[0].firmware.received if c == "vibrate"]
    assert len(vibrations) == len(cues)
    assert sum(r.type == "cue" for r in ctl.sink.snapshot().events) == len(cues)


def test_a_screen_message_cue_is_on_the_patient_view(qapp, qtbot, tmp_path) -> None:
    """Audit 3 Dec 2026: a plan's `cue = "message"` reached the therapist's event list ("Cue
    (screen): Time to stand up for a moment") but never the patient view, the screen the patient
    looks at; it is shown there in the patient's language for 60 s (a stand-up message while the
    person still sits, in place of the dashboard's own prompt: tests/test_live_viewmodel.py)."""
    import numpy as np

    from oefensense.core.types import Event, Placement, SampleBlock, SensorInfo
    from oefensense.gui import i18n
    from oefensense.gui.app import MainWindow, make_app
    from oefensense.live.replay import ReplayModel
    from oefensense.pipeline import PipelineOutput

    info = SensorInfo("pelvis", Placement.PELVIS, family="oefensense", nominal_rate_hz=50.0)
    outs = []
    for k in range(100):  # 100 s in 1-s blocks
        t = (np.arange(50) + 50 * k).astype(np.int64) * 20_000_000
        outs.append(PipelineOutput(samples=[SampleBlock("pelvis", t, np.tile([0.0, 0.0, 1.0], (50, 1)))]))
        if k == 20:
            outs.append(PipelineOutput(events=[Event("cue", t[-1], t[-1], {
                "rule": "stoop_lift", "modality": "message", "withheld": "",
                "message_nl": "Buig door de knieën", "message_en": "Bend your knees"})]))
    for language, text in (("en", "Bend your knees"), ("nl", "Buig door de knieën")):
        make_app(language=language)
        try:
            win = MainWindow(sessions_dir=tmp_path / "rec")
            qtbot.addWidget(win)
            model = ReplayModel(outs, [info])
            win.open_replay(model)
            win.patient.show()
            for at, shown in ((0.1, False), (0.3, True), (0.75, True), (0.9, False)):  # 10, 30, 75, 90 s
                model.seek_fraction(at)
                win.tick()
                assert win.patient.message.isVisible() == shown, (language, at)
                if shown:
                    assert win.patient.message.text() == text
            win.close()
        finally:
            i18n.set_language("en")
