"""FitTable keeps every column of a wide table on screen (commands/fit_table.py).

rich narrows a table that does not fit evenly, down to nothing: `patient show`'s progress table,
a column per session, cut its dates at 80 columns from five sessions on ("02-03-2…") and with
more it dropped whole columns, the last ("change") first, without a sign."""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.table import Table

from oefensense.commands.fit_table import Col, FitTable

NAMES = ["Sitting per valid day (h/d)", "Sitting bouts of 30 min or more at work per work day (/d)", "Lifts"]


def _progress(n: int) -> tuple[list[Col], list[list[str]]]:
    dates = [f"{d:02d}-03-2026" for d in range(1, n + 1)]
    cols = [Col("figure", justify="left"), *(Col(d, justify="left") for d in dates), Col("change", justify="left")]
    rows = [[name, *(f"{10 * k + i},{i}" for i in range(n)), f"[red]+{k},0[/]"] for k, name in enumerate(NAMES)]
    return cols, rows


def _render(table: object, width: int) -> str:
    con = Console(record=True, width=width, file=io.StringIO())
    con.print(table)
    return con.export_text()


def test_a_plain_rich_table_of_eight_sessions_loses_dates_at_80_columns() -> None:
    """What FitTable is for: the same table in plain rich cuts or drops what does not fit."""
    cols, rows = _progress(8)
    plain = Table(*(c.head for c in cols), title="progress (per session)")
    for r in rows:
        plain.add_row(*r)
    text = _render(plain, 80)
    assert not all(f"{d:02d}-03-2026" in text for d in range(1, 9)) or "change" not in text, text


def test_every_head_and_cell_shows_at_80_100_and_200_columns() -> None:
    for n in (1, 5, 8, 20):
        cols, rows = _progress(n)
        for width in (80, 100, 200):
            text = _render(FitTable(cols, rows, keep=1, continued="progress (continued)", title="progress (per session)",
                                    title_justify="left"), width)
            assert all(len(line.rstrip()) <= width for line in text.splitlines()), (n, width, text)
            words = re.findall(r"[^\s│┃]+", text)
            for c in cols:
                assert c.head in words, (n, width, c.head, text)  # a date whole, never "02-03-2…"
            for r in rows:
                for cell in r[1:-1]:
                    assert cell in words, (n, width, cell, text)
                assert r[-1][5:-3] in words, (n, width, r[-1], text)  # the change, without its markup
            parts = text.count("progress (continued)")
            if n == 1 or width == 200 and n <= 8:
                assert parts == 0, (n, width, text)  # one table while it fits
            if n == 20 and width == 80:
                assert parts >= 1, (n, width, text)


def test_patient_show_keeps_every_session_date_and_the_change_at_80_columns(tmp_path) -> None:  # noqa: ANN001
    """Six sessions of the bundled recording: at 80 columns the progress table printed "02-03-2…"
    for every date (and with more sessions dropped columns); now each date is whole and the change
    column is there, in a part of its own if need be."""
    from pathlib import Path

    from typer.testing import CliRunner

    from oefensense.cli import app

    bundled = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"
    db = ["--database", f"sqlite:///{tmp_path / 'r.sqlite'}"]
    runner = CliRunner()

    def run(*args: str, columns: int = 200) -> str:
        res = runner.invoke(app, list(args), env={"COLUMNS": str(columns), "LANG": "C.UTF-8"})
        assert res.exit_code == 0, res.output
        return res.output

    run("patient", "add", "P001", *db)
    days = (2, 3, 9, 10, 16, 17)
    for n, d in enumerate(days, 1):
        run("analyze", str(bundled), "--out", str(tmp_path / f"o{d}"), "--start", f"2026-03-{d:02d}T09:00+01:00",
            "--tz", "Europe/Amsterdam", "--patient", "P001", *db)
        if n < 4:
            continue
        for lang, change in (("nl", "verandering"), ("en", "change")):
            shown = run("--language", lang, "patient", "show", "P001", *db, columns=80)
            assert all(len(line) <= 80 for line in shown.splitlines()), shown
            for day in days[:n]:
                assert f"{day:02d}-03-2026" in shown, (lang, day, shown)
            assert change in shown, (lang, shown)
            # the part that holds the change holds the newest session's figures too (care audit
            # 5 Dec 2026: "change" stood alone in the last part at 80 columns, in English)
            progress = shown[shown.index("progress" if lang == "en" else "voortgang"):]
            last_part = re.split(r"\n[^\n]*(?:continued|vervolg)\)", progress)[-1]
            assert change in last_part and f"{d:02d}-03-2026" in last_part, (lang, n, progress)
            # split, the change stands apart from the session before the newest: its head says
            # what it is against (issue care-20: it read "change" beside the newest session only)
            if re.search(r"(?:continued|vervolg)\)", progress):
                against = "change since previous" if lang == "en" else "verandering t.o.v. vorige"
                assert _last_head(last_part) == against, (lang, n, progress)
        for lang, change in (("nl", "verandering"), ("en", "change")):  # one table at 200: the head as it was
            progress = run("--language", lang, "patient", "show", "P001", *db, columns=200)
            assert "(continued)" not in progress and "(vervolg)" not in progress, progress
            assert _last_head(progress[progress.index("progress" if lang == "en" else "voortgang"):]) == change, progress


def _last_head(table: str) -> str:
    """The last column's head of the first boxed table in ``table`` (its lines joined by a space)."""
    from itertools import dropwhile, takewhile

    below_top = list(dropwhile(lambda line: not line.startswith("┏"), table.splitlines()))[1:]
    rows = takewhile(lambda line: line.startswith("┃"), below_top)
    return " ".join(w for line in rows for w in line.rstrip().rstrip("┃").rsplit("┃", 1)[-1].split())


def test_a_split_head_names_the_column_in_every_part_and_only_when_split() -> None:
    """``Col.split_head`` replaces the head when the table is printed in parts (``patient show``'s
    "change since previous"), at any width it splits at; a table that fits keeps ``head``."""
    cols, rows = _progress(8)
    cols[-1] = Col("change", justify="left", split_head="change since previous")
    table = FitTable(cols, rows, keep=1, together=2, continued="progress (continued)", title="progress (per session)")
    whole = _render(table, 200)
    assert "progress (continued)" not in whole and _last_head(whole) == "change"
    for width in (80, 100):
        text = _render(table, width)
        assert "progress (continued)" in text, text
        last = text.split("progress (continued)")[-1]
        assert _last_head(last) == "change since previous", text
        assert all(len(line) <= width for line in text.splitlines()), text
        assert "01-03-2026" in text and "08-03-2026" in last and "+2,0" in last
    assert _render(table, 200) == whole  # rendering it split did not change the table


def test_a_boxed_table_splits_before_its_text_touches_the_column_lines() -> None:
    """`patient show`'s progress table with a simulated session's column ("05-12-2026 (sim.)") at
    80 columns closed its gaps to nothing ("│Zitten, deel van│23,0│") where it could split: a table
    that draws its column lines keeps a space on either side of them; a borderless one (the day
    table) may still close its gaps, its blank column line keeps the cells apart."""
    heads = ["maat", "01-03-2026", "02-03-2026", "03-03-2026", "05-12-2026 (sim.)", "verandering"]
    rows = [[name, *(f"{10 * k + i},{i}" for i in range(4)), "-16,8 %-punt"] for k, name in
            enumerate(("Zitten, deel van de gedragen tijd (%)", "Romp meer dan 60° gebogen (deel van meettijd) (%)",
                       "Tilbewegingen"))]
    text = _render(FitTable([Col(h, justify="left") for h in heads], rows, keep=1, continued="vervolg"), 80)
    assert all(len(line) <= 80 for line in text.splitlines()), text
    assert not re.search(r"[│┃][^\s│┃━─]|[^\s│┃━─][│┃]", text), text  # a cell's text against a column line
    assert all(h in text for h in heads[1:4]) and "(sim.)" in text and "-16,8 %-punt" in text, text
    from rich import box
    days = FitTable([Col(h) for h in heads], rows, keep=1, continued="vervolg", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    shown = _render(days, 80)
    assert "vervolg" not in shown and "verandering" in shown, shown  # one table, its gaps closed


def test_the_newest_session_and_its_change_stay_in_one_part() -> None:
    """Care audit 5 Dec 2026: split at 80 columns, `patient show`'s progress table could put
    "change" alone in its last part, beside the figure's name only (the value it is the change
    of stood in the part above). With ``together=2`` a part that holds the change holds the newest
    session's column too, and every part repeats the figure."""
    wide = ["Trunk bent over 60° (share of measured time) (%)", "Zitten, deel van de gedragen tijd (%)", "Lifts"]
    alone = 0
    for n in range(1, 21):
        dates = [f"{d:02d}-03-2026" for d in range(1, n + 1)]
        for change in ("change", "verandering"):
            cols = [Col("figure", justify="left"), *(Col(d, justify="left") for d in dates), Col(change, justify="left")]
            rows = [[name, *(f"{10 * k + i},{i}" for i in range(n)), f"+{k},0 %-punt"] for k, name in enumerate(wide)]
            for width in (80, 100):
                for together in (1, 2):
                    table = FitTable(cols, rows, keep=1, together=together, continued="continued")
                    parts = [_render(part, width) for part in table.parts(Console(width=width), Console(width=width).options)]
                    holding = [p for p in parts if change in p]
                    assert len(holding) == 1
                    newest_beside = dates[-1] in holding[0]
                    if together == 2:
                        assert newest_beside, (n, width, change, parts)
                        assert all("figure" in p for p in parts)
                        assert "+2,0" in holding[0] and f"{10 * 2 + n - 1},{n - 1}" in holding[0]
                    alone += not newest_beside
    assert alone  # the case it is for: without it, some splits leave the change alone
