"""`patient show`'s progress table at 80, 100, 120 and 160 columns, in English and Dutch, with 1,
4 and 12 sessions: every measure's name readable (whole, in at most two lines of its column) and
no number cut. At 100 columns in English rich's narrowing left the name column at its longest
word, "Trunk bent over / 60° (share of / measured time) (%)", a name in three or four pieces."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.console import Console

from oefensense.commands import lang, patient
from oefensense.record import Record
from oefensense.record.measures import measure
from oefensense.record.progress import shown_codes, trend
from oefensense.record.register import file_sensors, register_results
from oefensense.record.results import parse_start
from tests.record.test_store import _results_folder

MAX_NAME_LINES = 2


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict[int, list]:
    """Sessions of one patient, by how many (1, 4, 12), weekly from 5 Jan 2026."""
    tmp = tmp_path_factory.mktemp("widths")
    out = {}
    for n in (1, 4, 12):
        url = f"sqlite:///{tmp / f'r{n}.sqlite'}"
        with Record(url) as rec:
            rec.add_patient("P001")
            for i in range(n):
                start = (dt.datetime(2026, 1, 5, 9, 15) + dt.timedelta(days=7 * i)).isoformat() + "+01:00"
                register_results(rec, "P001", _results_folder(tmp / f"{n}-{i}"), kind="imported",
                                 source=tmp / f"{i}.csv", source_owned=False, start=parse_start(start),
                                 sensors=file_sensors(["trunk", "thigh", "pelvis"]))
            out[n] = rec.sessions("P001")
    return out


def _progress_rows(text: str) -> list[list[str]]:
    """The body rows of every part of the progress table: cells per line, "│"-separated."""
    at = text.index("progress (per session)" if "progress" in text else "voortgang (per sessie)")
    rows = []
    for line in text[at:].splitlines():
        if line.startswith("│"):
            rows.append([c.strip() for c in line.strip("│").split("│")])
    return rows


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("columns", [80, 100, 120, 160])
@pytest.mark.parametrize("n", [1, 4, 12])
def test_every_name_readable_and_no_number_cut(records, monkeypatch, language, columns, n):
    sessions = records[n]
    console = Console(width=columns, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    monkeypatch.setattr(patient, "console", console)
    monkeypatch.setattr(lang, "_chosen", language)
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    patient.print_progress("P001", sessions, [], [])
    text = console.export_text()
    assert all(len(line) <= columns for line in text.splitlines()), text
    rows = _progress_rows(text)
    by_code = trend(sessions)
    names, numbers = [], set()
    for c in shown_codes(by_code):
        if all(v is None for v in by_code[c]):
            continue
        m = measure(c)
        name = m.label(language)
        names.append(f"{name} ({m.unit_in(language)})" if m.display_unit else name)
        numbers |= {lang.num(v, m.digits, language=language) for v in by_code[c] if v is not None}
    # every name: its pieces down the first column, joined, are the whole name, in <= 2 lines
    pieces: list[list[str]] = []
    for r in rows:  # a row's figures stand on its first line: a line without any continues a name
        if any(r[1:]):
            pieces.append([r[0]])
        elif r[0]:
            pieces[-1].append(r[0])
    seen = [" ".join(p) for p in pieces]
    for name in names:
        assert name in seen, f"{name!r} not whole in {seen}\n{text}"
    for p in pieces:
        assert len(p) <= MAX_NAME_LINES, f"{' '.join(p)!r} takes {len(p)} lines at {columns} columns\n{text}"
    # every number whole in a cell of its own (a cut one reads "16." over "8")
    cells = {c for r in rows for c in r[1:] if c}
    assert numbers <= cells, (numbers - cells, text)
