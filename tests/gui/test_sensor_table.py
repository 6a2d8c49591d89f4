"""The sensor table fills its panel's width (real Qt, offscreen)."""

from __future__ import annotations

import pytest

from oefensense.core.types import Placement
from oefensense.gui import i18n
from oefensense.gui.app import make_app
from oefensense.gui.sensors import SensorPanel
from oefensense.live.devices import FoundDevice


@pytest.fixture()
def app(qapp):
    make_app(language="en")
    yield qapp
    i18n.set_language("en")


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("width", [330, 500, 700])
def test_the_columns_fill_the_table_without_an_empty_header_block(app, qtbot, language, width):
    """docs/screenshots/therapist-replay-en.png (4 Dec 2026): the four columns took ~270 of the
    table's ~440 px and the header ran on as an empty grey block to their right."""
    i18n.set_language(language)
    panel = SensorPanel()
    qtbot.addWidget(panel)
    panel.set_found([FoundDevice("AA:BB", "pelvis", "polar", Placement.PELVIS),
                     FoundDevice("CC:DD", "trunk", "metawear", Placement.TRUNK)])
    panel.resize(width, 300)
    panel.show()
    app.processEvents()
    table, header = panel.table, panel.table.horizontalHeader()
    viewport = table.viewport().width()
    assert viewport > 200
    assert header.length() == viewport, (header.length(), viewport)  # no header beyond the last column
    assert table.horizontalScrollBar().maximum() == 0
    # the other columns keep their contents' width: the combo box and the figures are not cut
    assert table.columnWidth(1) >= panel.combo(0).width()
    assert table.columnWidth(2) >= table.fontMetrics().horizontalAdvance(panel.cell(0, "Battery").text())
