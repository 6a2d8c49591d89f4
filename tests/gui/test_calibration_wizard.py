"""The calibration wizard speaks the dashboard's language (audit 3 Dec 2026)."""

from __future__ import annotations

from oefensense.gui import i18n
from oefensense.gui.app import make_app


class _Run:
    """A CalibrationRun stand-in whose procedure asks to hold still."""

    active = True

    def start(self) -> None:
        pass

    def cancel(self) -> None:
        self.active = False

    def status(self):
        from oefensense.calibration.procedure import ProcedureStatus, Step

        return ProcedureStatus(Step.STAND_STILL, 0.4, 0.1, hint="hold still")


def test_the_wizards_hint_is_translated(qapp, qtbot):
    # the Dutch wizard said "hold still" / "bend further forward" under its Dutch prompt
    from oefensense.gui.calibration import CalibrationWizard

    make_app(language="nl")
    try:
        wizard = CalibrationWizard(_Run())
        qtbot.addWidget(wizard)
        assert wizard.hint.text() == "blijf stil"
        assert wizard.prompt.text().startswith("Sta ")
        wizard.reject()
    finally:
        i18n.set_language("en")
