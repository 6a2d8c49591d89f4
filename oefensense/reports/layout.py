"""Page furniture for matplotlib report pages: A4 figures, headers, footers, text blocks and
tables drawn as text (no clipping surprises from ``ax.table``)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # reports never open a window (and never import Qt)

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import ScalarFormatter  # noqa: E402

A4_IN = (8.27, 11.69)
MARGIN = 0.07  # figure fraction
INK = "#222222"
MUTED = "#666666"


class _CommaFormatter(ScalarFormatter):
    """matplotlib's default tick labels with a decimal comma ("0,25", not "0.25" in a Dutch report)."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return super().__call__(x, pos).replace(".", ",")


def local_numbers(fig: Figure, language: str) -> None:
    """Tick labels in the report's language: the text said "3,8 min" while the axes beside it
    said "0.25" (Dutch report, 4 Dec 2026). Only matplotlib's default number labels change; clock
    and date labels are the figures' own."""
    if language != "nl":
        return
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(_CommaFormatter())


def new_page() -> Figure:
    fig = Figure(figsize=A4_IN)
    fig.patch.set_facecolor("white")
    return fig


def header(fig: Figure, title: str, subtitle: str) -> float:
    """Title and subtitle at the top; returns the y (figure fraction) below them."""
    fig.text(MARGIN, 0.955, title, fontsize=17, weight="bold", color=INK, va="top")
    fig.text(MARGIN, 0.925, subtitle, fontsize=10, color=MUTED, va="top")
    fig.add_artist(matplotlib.lines.Line2D([MARGIN, 1 - MARGIN], [0.91, 0.91], color="#cccccc", lw=0.8))
    return 0.89


def footer(fig: Figure, left: str, right: str) -> None:
    fig.text(MARGIN, 0.025, left, fontsize=7.5, color=MUTED)
    fig.text(1 - MARGIN, 0.025, right, fontsize=7.5, color=MUTED, ha="right")


def heading(fig: Figure, y: float, text: str) -> float:
    fig.text(MARGIN, y, text, fontsize=12, weight="bold", color=INK, va="top")
    return y - 0.03


def paragraph(fig: Figure, y: float, text: str, size: float = 9.5, width: int = 95, color: str = INK) -> float:
    """Wrapped text from ``y`` down; returns the y below it."""
    lines = textwrap.wrap(text, width=width) or [""]
    line_h = size / 72.0 / A4_IN[1] * 1.45
    for i, line in enumerate(lines):
        fig.text(MARGIN, y - i * line_h, line, fontsize=size, color=color, va="top")
    return y - len(lines) * line_h - 0.008


def table(fig: Figure, y: float, rows: Sequence[Sequence[str]], widths: Sequence[float], size: float = 8.5,
          header_row: bool = True, colours: Sequence[Sequence[str | None]] | None = None) -> float:
    """Rows of text in columns (``widths`` as fractions of the text width); long cells are
    shortened with an ellipsis so nothing runs into the next column. Returns the y below."""
    text_w = 1 - 2 * MARGIN
    line_h = size / 72.0 / A4_IN[1] * 1.6
    chars_per_inch = 72.0 / (size * 0.55)
    for r, row in enumerate(rows):
        x = MARGIN
        for c, cell in enumerate(row):
            w = widths[c] * text_w
            max_chars = max(3, int(w * A4_IN[0] * chars_per_inch) - 1)
            cell = str(cell)
            if len(cell) > max_chars:
                cell = cell[: max_chars - 1] + "…"
            colour = (colours[r][c] if colours and colours[r][c] else INK)
            weight = "bold" if header_row and r == 0 else "normal"
            fig.text(x, y - r * line_h, cell, fontsize=size, va="top", color=colour, weight=weight)
            x += w
        if header_row and r == 0:
            yy = y - line_h * 0.95
            fig.add_artist(matplotlib.lines.Line2D([MARGIN, 1 - MARGIN], [yy, yy], color="#cccccc", lw=0.6))
    return y - len(rows) * line_h - 0.012


def axes(fig: Figure, top: float, height: float, left: float = 0.12, right: float = MARGIN):
    """An axes box from ``top`` down ``height`` (figure fractions), labels inside the margins."""
    return fig.add_axes((left, top - height, 1 - left - right, height))


BOTTOM = 0.06  # figure fraction: nothing goes below this (the footer sits at 0.025)


def table_line_h(size: float = 8.5) -> float:
    """The height of one table row at ``size`` points (figure fraction), as ``table`` draws it."""
    return size / 72.0 / A4_IN[1] * 1.6


class Flow:
    """Pages that headings, paragraphs and tables flow over: when the next block does not fit
    above the footer a new page with the same header begins, so nothing is drawn under the
    footer or off the page. ``pages`` holds the figures made."""

    def __init__(self, title: str, subtitle: str) -> None:
        self._title, self._subtitle = title, subtitle
        self.pages: list[Figure] = []
        self.new_page()

    def new_page(self) -> None:
        self.fig = new_page()
        self.y = header(self.fig, self._title, self._subtitle)
        self.pages.append(self.fig)

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` (figure fraction) fits below ``y``."""
        if self.y - height < BOTTOM:
            self.new_page()

    def heading(self, text: str, keep_with: float = 0.05) -> None:
        """A heading, kept on one page with at least ``keep_with`` of what follows."""
        self.room(0.03 + keep_with)
        self.y = heading(self.fig, self.y, text)

    def paragraph(self, text: str, size: float = 9.5, width: int = 95, color: str = INK) -> None:
        lines = max(1, len(textwrap.wrap(text, width=width)))
        self.room(lines * size / 72.0 / A4_IN[1] * 1.45 + 0.008)
        self.y = paragraph(self.fig, self.y, text, size=size, width=width, color=color)

    def table(self, head: Sequence[str], groups: Sequence[Sequence[Sequence[str]]], widths: Sequence[float],
              size: float = 8.5) -> None:
        """A table of row ``groups`` (rows that belong together, such as one test's figures),
        each kept on one page where it fits; the header row is repeated on every page."""
        line_h = table_line_h(size)
        chunk: list[Sequence[str]] = []
        for group in groups:
            if chunk and self.y - (len(chunk) + 1 + len(group)) * line_h - 0.012 < BOTTOM:
                self.y = table(self.fig, self.y, [head, *chunk], widths, size=size)
                chunk = []
                self.new_page()
            if not chunk:
                self.room(min(len(group) + 1, 4) * line_h + 0.012)
            for row in group:  # a group longer than a page is split
                if self.y - (len(chunk) + 2) * line_h - 0.012 < BOTTOM:
                    self.y = table(self.fig, self.y, [head, *chunk], widths, size=size)
                    chunk = []
                    self.new_page()
                chunk.append(row)
        if chunk:
            self.y = table(self.fig, self.y, [head, *chunk], widths, size=size)
