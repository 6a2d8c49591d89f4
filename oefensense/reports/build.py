"""``write_report``: gather the data, draw the pages, write one PDF (matplotlib's PDF backend)."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages

from ..record import Record
from . import layout, patient, therapist
from .data import gather
from .text import Words

AUDIENCES = ("therapist", "patient")


def write_report(record: Record, code: str, out: Path, *, language: str = "nl", audience: str = "therapist",
                 session_id: int | None = None, start: date | None = None, end: date | None = None) -> int:
    """Write the PDF report to ``out`` (0600), remembered in the record first (erased with the
    patient; a record that cannot remember it stops the report before a file exists); returns
    the number of pages."""
    if audience not in AUDIENCES:
        raise ValueError(f"--for {audience!r}: one of {', '.join(AUDIENCES)}")
    w = Words(language)
    data = gather(record, code, session_id, start, end)
    figs = therapist.pages(data, w) if audience == "therapist" else patient.pages(data, w)
    made = datetime.now(timezone.utc).astimezone()
    out = Path(out)
    record.add_document(code, "report", out)  # first: erasure must know every file it writes
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    with PdfPages(tmp, metadata={"Title": f"OefenSense {audience} report {code}", "Creator": "OefenSense"}) as pdf:
        for i, fig in enumerate(figs, start=1):
            layout.footer(fig, f"OefenSense · {w['made']} {w.datetime(made)}", w["page"].format(i=i, n=len(figs)))
            layout.local_numbers(fig, w.language)
            pdf.savefig(fig)
    os.replace(tmp, out)
    return len(figs)
