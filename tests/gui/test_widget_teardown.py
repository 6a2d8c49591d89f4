"""A widget a test hands to pytest-qt is deleted when that test ends, not at interpreter exit.

Left to the exit, PySide's cleanup destroyed a dashboard window with its wrappers already invalid
and the process crashed after every test had passed (tests/conftest.py says how). The two tests
run in this order (pytest keeps a file's order): the first leaves a closed plot, the second,
which runs no event loop, finds it deleted."""

from __future__ import annotations

from shiboken6 import isValid

_left: list = []


def test_a_test_leaves_a_closed_plot_to_pytest_qt(qapp, qtbot):
    import pyqtgraph as pg

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)  # closed and deleteLater()'d by pytest-qt after the test
    plot.show()
    _left.append(plot)


def test_the_next_test_finds_it_deleted(qapp):
    assert _left, "run with the test before it"
    assert not isValid(_left[0])  # its C++ object is gone: nothing of it waits for the exit
