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
