"""Render the dashboard's test panel (Patient → Tests…) after each of the five tests, in Dutch
and English, to docs/screenshots/assessment-<test>-<language>.png. Each test runs twice for a
patient in a temporary record (simulated wearables through the real pipeline, 10× real time (faster starves the simulated radio on a loaded machine: gaps)):
a first pass unsaved, so each picture shows the result beside the previous one.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_assessment_screens.py [OUT_DIR]
"""

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from oefensense.gui.app import make_app  # noqa: E402
from oefensense.gui.assessment import AssessmentDialog  # noqa: E402
from oefensense.record import Record  # noqa: E402

TESTS = ("chair-stand-30s", "five-times-sit-to-stand", "tug", "trunk-rom", "walk-test")


def run_one(app, dialog: AssessmentDialog, test: str) -> None:  # noqa: ANN001
    dialog.test.setCurrentIndex(dialog.test.findData(test))
    dialog.start()
    deadline = time.monotonic() + 180
    while (dialog.result is None or dialog.run is not None) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    if dialog.result is None:
        raise SystemExit(f"{test}: no result")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'record.sqlite'}"
        with Record(url) as rec:
            rec.add_patient("P001")
        # a first pass stores the previous results, so both languages' pictures show one beside
        # the new result
        for language, save in (("en", False), ("nl", True), ("en", True)):
            app = make_app(language=language)
            for k, test in enumerate(TESTS):
                dialog = AssessmentDialog(None, patient="P001", database=url, speed=10.0)
                dialog.age.setValue(72)
                dialog.sex.setCurrentIndex(dialog.sex.findData("f"))
                if test == "walk-test":
                    dialog.leg.setValue(0.95)
                run_one(app, dialog, test)
                if not save:
                    dialog.close()
                    continue
                dialog.resize(760, 820)
                dialog.show()
                app.processEvents()
                path = out / f"assessment-{test}-{language}.png"
                dialog.grab().save(str(path))
                print(path, dialog.big.text())
                dialog.close()


if __name__ == "__main__":
    main()
