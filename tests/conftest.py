"""Shared fixtures: where the real recordings are (tests skip when they are absent)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

# The dashboard keeps its language in QSettings (~/.config/OefenSense on Linux): the tests get
# their own folder, so neither the developer's choice nor another test run changes what a test sees.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="oefensense-test-config-")

SHARED_DATA = Path(os.environ.get("OEFENSENSE_DATA", Path(__file__).resolve().parents[1] / ".." / "shared" / "data")).resolve()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (or $OEFENSENSE_DATA); skips the test when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real recordings not available at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def private_record(tmp_path_factory, monkeypatch) -> None:
    """No test touches the user's patient record: the default record lives in a temp folder."""
    monkeypatch.setenv("OEFENSENSE_DATA_DIR", str(tmp_path_factory.mktemp("oefensense-data")))
    monkeypatch.delenv("OEFENSENSE_DATABASE", raising=False)


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch) -> None:
    """The CLI speaks the locale's language: tests expect English unless they ask for Dutch, so a
    Dutch developer's LANG=nl_NL does not change what they print."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    from oefensense.commands.lang import set_cli_language

    set_cli_language(None)


@pytest.fixture(autouse=True)
def qt_garbage_collected_on_the_main_thread():
    """Once a test has made the dashboard's QApplication, cyclic garbage is collected on the GUI
    thread only (oefensense.gui.collector); between tests the runner is that thread, so what a
    test left is collected here when due, never by a later test's engine thread.

    First the widgets the test closed are deleted: pytest-qt's ``deleteLater`` only runs in a
    later event loop, and a window whose test was followed by none (the drop-out test in
    tests/gui/test_sensor_trouble.py, then tests that never wait) lived until the interpreter
    exited. There PySide's exit cleanup destroyed it with its wrappers already invalid, a
    pyqtgraph item's ``resizeEvent`` override raised, and shiboken crashed reporting it: SIGSEGV
    after "6 passed" (exit code 139) in 3 of 3 runs of that file alone, 0 of 3 with this."""
    yield
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            # posted outside any event loop: they run only when asked for by type
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if "oefensense.gui.collector" in sys.modules:
        from oefensense.gui.collector import installed

        collector = installed()
        if collector is not None:
            collector.collect_due()


@pytest.fixture(autouse=True)
def dashboard_settings_reset():
    """A test that picks the dashboard's language (File → Language) saves it; the next test
    starts from the default again."""
    yield
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings

        QSettings("OefenSense", "dashboard").remove("language")

