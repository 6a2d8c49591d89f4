"""Page furniture for matplotlib report pages: A4 figures, headers, footers, text blocks and
tables drawn as text (no clipping surprises from ``ax.table``)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # reports never open a window (and never import Qt)

from matplotlib.figure import Figure  # noqa: E402

A4_IN = (8.27, 11.69)
MARGIN = 0.07  # figure fraction
INK = "#222222"
MUTED = "#666666"


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
