"""One spelling of a local time's UTC offset: the CLI summary of `analyze` writes a start as
"2026-03-02 08:30 (UTC+01:00)", while the therapist report's overview wrote "2 maart 2026 08:30
(UTC+0100)" and `patient show` "2026-03-02 08:30 +0100" (care audit, 4 Dec 2026). The events
table keeps its clock times as every other time in the report, hours:minutes:seconds with colons
("08:50:00", never "08.50.00")."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.reports.text import utc_offset
from tests.record.test_report_worn_time import _folder, _text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


def test_utc_offset() -> None:
    assert utc_offset(datetime(2026, 3, 2, 8, 30, tzinfo=timezone(timedelta(hours=1)))) == "UTC+01:00"
    assert utc_offset(datetime(2026, 7, 2, 8, 30, tzinfo=timezone(timedelta(hours=-3, minutes=-30)))) == "UTC-03:30"
    assert utc_offset(datetime(2026, 7, 2, 8, 30, tzinfo=timezone.utc)) == "UTC+00:00"
    with pytest.raises(ValueError):
        utc_offset(datetime(2026, 7, 2, 8, 30))


def test_the_report_and_patient_show_write_the_offset_as_the_cli_summary(tmp_path: Path) -> None:
    from oefensense.record import Record, parse_start
    from oefensense.record.register import file_sensors, register_results
    from oefensense.reports import write_report

    folder = _folder(tmp_path / "a", [(0, 1200, "sitting"), (1200, 2400, "non_wear"), (2400, 3600, "standing")])
    (folder / "events.jsonl").write_text(json.dumps({"type": "non_wear", "t_s": 1200.0, "end_s": 2400.0}) + "\n")
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                         start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors(["pelvis"]))
        for lang in ("nl", "en"):
            write_report(rec, "P001", tmp_path / f"t_{lang}.pdf", language=lang)
    nl, en = (" ".join(_text(tmp_path / f"t_{lang}.pdf").split()) for lang in ("nl", "en"))
    assert "2 maart 2026 08:30 (UTC+01:00)" in nl and "2 March 2026 08:30 (UTC+01:00)" in en, (nl, en)
    assert "UTC+0100" not in nl + en
    assert "08:50:00 Niet gedragen" in nl, nl  # the events table: 1200 s after 08:30
    assert not re.search(r"\b\d\d\.\d\d\.\d\d\b", nl), nl
    for lang in ("nl", "en"):
        res = CliRunner().invoke(app, ["--language", lang, "patient", "show", "P001", "--database", url], env={"COLUMNS": "200"})
        assert res.exit_code == 0, res.output
        assert "02-03-2026 08:30 (UTC+01:00)" in res.output and "+0100" not in res.output, res.output
