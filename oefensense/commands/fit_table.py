"""A rich table that shows every column at the terminal's width, or says nothing is lost.

rich fits a too-wide table by narrowing its columns, and when their minimum widths still do not
fit it narrows every column evenly, down to zero: the Dutch day table of ``analyze`` lost its last
column ("geldig") at 80 columns, with no sign that it had been there. A column that disappears is
data silently dropped. A :class:`FitTable` sets every column's width itself (in terminal cells):

1. the natural width (the widest head or cell) when all fit;
2. else the widest columns are narrowed towards their minimum, the longest word of a head or cell
   (a head wraps between its words, "niet / gedragen"; a word is never cut) or a column's own
   ``min_width``; a ``narrow_last`` column only when the others are at their minimum;
3. else the gaps between columns close up (padding 0), when the box still leaves a blank between
   columns (a borderless day table: "tilbewegingen geldig");
4. else the columns are printed in parts, one table under the other, each repeating the ``keep``
   leading columns (the day, the figure's name) so every row still says what it is (with the
   table's own gaps when a part has room for them); the ``together`` last columns stay in one
   part (the newest session's figure and its change: at 80 columns "change" stood alone in the
   last part, beside the figure's name only), and a column's ``split_head`` replaces its head
   in every part ("change since previous": the session before may be in the part above).

A table with drawn column lines ("│") keeps its padding until a single column beside the ``keep``
columns does not fit even at its minimum: closing it first read "│Zitten, deel van│23,0│" at 80
columns when it could have split.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.table import Column, Table
from rich.text import Text


@dataclass(frozen=True)
class Col:
    """One column: its head, how its cells align, and whether a cell may wrap between words."""

    head: str
    justify: str = "right"
    no_wrap: bool = False  # the whole cell (and head) on one line: "  op het werk"
    # never narrower (cells) than this: keeps a leading group of words on one line while the rest
    # may wrap under it ("02-03-2026 08:30" over "(UTC+01:00)", not one piece per line)
    min_width: int = 0
    narrow_last: bool = False  # narrowed only when the others are at their minimum (the session's start)
    # the head when the table is printed in parts, where the column may stand apart from the
    # columns it refers to ("change since previous": split at 80 columns, "change" stood beside
    # the newest session only, the one before it in the part above); None: ``head``
    split_head: str | None = None


def _longest_word(text: str) -> int:
    return max((cell_len(w) for line in text.splitlines() for w in line.split()), default=0)


def lines_width(texts: Sequence[str], lines: int) -> int:
    """The narrowest width (cells) at which every text wraps between its words into at most
    ``lines`` lines (greedily, as rich wraps); a word is never broken."""
    import textwrap

    words = [w for t in texts for w in t.split()]
    width = max((cell_len(w) for w in words), default=1)
    # textwrap counts characters: the names are single-cell text (a degree sign, accents)
    while any(len(textwrap.wrap(t, width, break_long_words=False, break_on_hyphens=False)) > lines for t in texts):
        width += 1
    return width


class FitTable:
    """``columns`` and ``rows`` (strings) as a rich table that keeps every column at any width.

    ``table_kwargs`` go to :class:`rich.table.Table` (box, title, header_style, ...); a part after
    the first is titled ``continued`` (the caller's words) instead of ``title``."""

    def __init__(self, columns: Sequence[Col], rows: Sequence[Sequence[str]], keep: int = 1,
                 continued: str = "…", together: int = 1, **table_kwargs: Any) -> None:
        self.columns, self.rows, self.keep, self.continued = list(columns), [list(r) for r in rows], keep, continued
        self.together = max(1, min(together, len(self.columns) - keep))  # the last columns kept in one part
        self.kwargs = table_kwargs
        # measured as shown: a cell's rich markup ("[red]+0,2 %-punt[/]") takes no room
        cells = [[Text.from_markup(t).plain for t in (c.head, *(r[i] for r in self.rows))] for i, c in enumerate(self.columns)]
        self.natural = [max(cell_len(line) for text in col for line in text.splitlines() or [""]) for col in cells]
        self.minimum = [n if c.no_wrap else min(n, max(c.min_width, max(_longest_word(t) for t in col))) or 1
                        for n, c, col in zip(self.natural, self.columns, cells)]

    def _table(self, index: Sequence[int], widths: Sequence[int] | None, padding: int, first: bool) -> Table:
        kwargs = dict(self.kwargs)
        kwargs["padding"] = (0, padding)
        if not first:
            kwargs["title"] = self.continued
        cols = [Column(self.columns[i].head, justify=self.columns[i].justify, no_wrap=self.columns[i].no_wrap,  # type: ignore[arg-type]
                       width=None if widths is None else widths[k]) for k, i in enumerate(index)]
        table = Table(*cols, **kwargs)
        for row in self.rows:
            table.add_row(*(row[i] for i in index))
        return table

    def _blank_between(self) -> bool:
        """Whether columns stay apart without padding: the box draws a blank (not "│") between them."""
        box = self.kwargs.get("box", Table().box)
        return box is not None and box.head_vertical.isspace() and box.mid_vertical.isspace()

    def _extra(self, console: Console, options: ConsoleOptions, n: int, padding: int) -> int:
        """The cells a table of ``n`` columns takes beyond its columns' widths (borders, gaps)."""
        probe = Table(*(Column("", width=1) for _ in range(n)), **{**self.kwargs, "padding": (0, padding),
                                                                   "title": None, "caption": None})
        probe.add_row(*("x" for _ in range(n)))
        lines = console.render_lines(probe, options.update_width(10 ** 4), pad=False)
        return max(Segment.get_line_length(line) for line in lines) - n

    def widths(self, console: Console, options: ConsoleOptions, index: Sequence[int], padding: int) -> list[int] | None:
        """Column widths (cells) for the columns ``index`` within ``options.max_width``, or None."""
        room = options.max_width - self._extra(console, options, len(index), padding)
        widths = [self.natural[i] for i in index]
        least = [self.minimum[i] for i in index]
        if sum(least) > room:
            return None
        last = [self.columns[i].narrow_last for i in index]
        while sum(widths) > room:  # narrow the column with the most to give, one cell at a time
            k = max(range(len(widths)), key=lambda j: (not last[j] or widths[j] == least[j] or
                                                       all(w == m for w, m, x in zip(widths, least, last) if not x),
                                                       widths[j] - least[j], widths[j]))
            widths[k] -= 1
        natural = [self.natural[i] for i in index]
        for j in (j for j in range(len(widths)) if last[j] and least[j] < widths[j] < natural[j]):
            # it wraps anyway: down to its minimum, the cells it frees to the columns still
            # wrapping ("live recording, simulated" took three lines beside an 8-cell gap)
            free, widths[j] = widths[j] - least[j], least[j]
            while free and any(widths[i] < natural[i] for i in range(len(widths)) if i != j):
                k = max((i for i in range(len(widths)) if i != j and widths[i] < natural[i]),
                        key=lambda i: natural[i] - widths[i])
                widths[k], free = widths[k] + 1, free - 1
            widths[j] += free
        return widths

    def parts(self, console: Console, options: ConsoleOptions) -> Iterator[Table]:
        """The table, or its parts, as they fit ``options.max_width``."""
        everything = list(range(len(self.columns)))
        paddings = (self.kwargs.get("padding", (0, 1))[1], *((0,) if self._blank_between() else ()))
        for padding in paddings:
            widths = self.widths(console, options, everything, padding)
            if widths is not None:
                yield self._table(everything, widths, padding, True)
                return
        if any(c.split_head for c in self.columns):  # printed in parts: the same table with those heads
            heads = [replace(c, head=c.split_head) if c.split_head else c for c in self.columns]
            yield from FitTable(heads, self.rows, self.keep, self.continued, self.together, **self.kwargs)._split(
                console, options, everything, paddings)
            return
        yield from self._split(console, options, everything, paddings)

    def _split(self, console: Console, options: ConsoleOptions, everything: list[int],
               paddings: tuple[int, ...]) -> Iterator[Table]:
        """The parts of a table that does not fit ``options.max_width`` whole."""
        keep, rest, first = everything[:self.keep], everything[self.keep:], True
        while rest:
            # the table's own gaps when a part of two columns has room for them; no gap at all
            # only when one column does not fit beside the kept ones even at its minimum
            padding = next((p for p in paddings if self.widths(console, options, keep + rest[:2], p) is not None),
                           paddings[0] if self.widths(console, options, keep + rest[:1], paddings[0]) is not None else 0)
            take = 1  # one column that does not fit even alone is shown anyway (rich folds its words)
            while take < len(rest) and self.widths(console, options, keep + rest[:take + 1], padding) is not None:
                take += 1
            group = len(self.columns) - self.together  # the first of the columns kept together
            if rest[take - 1] < len(self.columns) - 1 and rest[take - 1] >= group:
                # the part would end inside the group: it ends before it, or (a group that does
                # not fit alone) holds all of it, folded
                take = group - rest[0] if rest[0] < group else len(rest)
                padding = next((p for p in paddings if self.widths(console, options, keep + rest[:take], p) is not None), 0)
            index = keep + rest[:take]
            yield self._table(index, self.widths(console, options, index, padding), padding, first)
            rest, first = rest[take:], False

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.parts(console, options)
