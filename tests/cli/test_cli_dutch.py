"""The CLI speaks Dutch (#25) with ``--language nl`` (before the command or on it) or a Dutch
locale: summary tables, progress, errors and messages of analyze, report, assess, patient,
batch; ``report`` and ``assess`` follow the global --language (they ignored it: report always
wrote Dutch, assess always instructed in Dutch). Texts come from the Qt Linguist catalogue,
read without Qt (oefensense.translations)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app

BUNDLED = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"
FIVE_STS = Path(__file__).resolve().parents[1] / "assessments" / "data" / "hapt_5xsts.waist.csv.gz"
runner = CliRunner()


def invoke(*args: object, lang: str = "C.UTF-8"):  # noqa: ANN201
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200", "LANG": lang})


def test_analyze_summary_and_messages_in_dutch_by_option_and_by_locale(tmp_path) -> None:
    english = invoke("analyze", BUNDLED, "--out", tmp_path / "en")
    assert english.exit_code == 0, english.output
    assert "time per posture (s)" in english.output and "wrote" in english.output
    for args, lang in ((("--language", "nl"), "C.UTF-8"), ((), "nl_NL.UTF-8")):
        res = invoke(*args, "analyze", BUNDLED, "--out", tmp_path / f"nl{len(args)}", lang=lang)
        assert res.exit_code == 0, res.output
        out = res.output
        for dutch in ("tijd per houding (s)", "zitten 34,5; staan", "opstaan uit zit 1", "zitperiodes", "opgeslagen",
                      "geen kloktijd", "let op:",
                      "bekken: import 12001 van 12001 rijen behouden"):
            assert dutch in out, (dutch, out)
        for english_word in ("time per posture", "sitting bouts", "wrote", "no clock time", "sit_to_stand", "kept"):
            assert english_word not in out, (english_word, out)


def test_errors_in_dutch_through_the_console_entry_point(tmp_path) -> None:
    env = {**os.environ, "LANG": "nl_NL.UTF-8", "COLUMNS": "200"}
    exe = shutil.which("oefensense", path=str(Path(sys.executable).parent))
    p = subprocess.run([exe, "analyze", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "o")],
                       capture_output=True, text=True, env=env, cwd=tmp_path)
    assert p.returncode == 1
    assert p.stderr.strip() == f"fout: {tmp_path / 'missing.csv'}: bestand of sessie bestaat niet", p.stderr
    p = subprocess.run([exe, "--language", "nl", "patient", "show", "P404"], capture_output=True, text=True,
                       env={**env, "LANG": "C.UTF-8"}, cwd=tmp_path)
    assert p.returncode == 1 and p.stderr.startswith("fout: onbekende patiënt P404: voeg deze eerst toe"), p.stderr


def test_report_and_assess_follow_the_global_language(tmp_path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    assert invoke("patient", "add", "P001").exit_code == 0
    for week in ("02", "09"):
        res = invoke("analyze", BUNDLED, "--out", tmp_path / week, "--patient", "P001", "--start", f"2026-03-{week}T08:30+01:00", "-q")
        assert res.exit_code == 0, res.output
    texts = {}
    for lang in ("en", "nl"):
        res = invoke("--language", lang, "report", "P001", "--out", tmp_path / f"r-{lang}.pdf")
        assert res.exit_code == 0, res.output
        assert ("pages)" if lang == "en" else "pagina's)") in res.output, res.output
        texts[lang] = subprocess.run(["pdftotext", str(tmp_path / f"r-{lang}.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Sitting" in texts["en"] and "Zitten" not in texts["en"]  # it wrote Dutch whatever --language said
    assert "Zitten" in texts["nl"]
    res = invoke("--language", "en", "assess", "five-times-sit-to-stand", FIVE_STS, "--placement", "waist")
    assert res.exit_code == 0, res.output
    assert "measure" in res.output and "maat" not in res.output
    res = invoke("--language", "nl", "assess", "five-times-sit-to-stand", FIVE_STS, "--placement", "waist")
    assert res.exit_code == 0, res.output
    assert "maat" in res.output and "vorige" in res.output


def test_patient_and_batch_in_dutch_with_real_plurals(tmp_path) -> None:
    res = invoke("--language", "nl", "patient", "list")
    assert res.exit_code == 0 and "nog geen patiënten" in res.output, res.output
    invoke("patient", "add", "P002")
    res = invoke("--language", "nl", "patient", "show", "P002")
    assert "patiënt P002: 0 sessies" in res.output, res.output
    res = invoke("analyze", BUNDLED, "--out", tmp_path / "a", "--patient", "P002", "--start", "2026-03-02T08:30+01:00", "-q")
    assert res.exit_code == 0, res.output
    res = invoke("--language", "nl", "patient", "show", "P002")
    assert "patiënt P002: 1 sessie" in res.output and "voortgang (per sessie)" in res.output, res.output
    assert "geïmporteerd bestand" in res.output and "vrij" in res.output and "bekken" in res.output, res.output  # not "imported", "free", "pelvis"
    res = invoke("patient", "show", "P002")
    assert "patient P002: 1 session" in res.output and "1 session(s)" not in res.output, res.output
    res = invoke("--language", "nl", "batch", BUNDLED, "--out", tmp_path / "b", "--jobs", "1", "--quiet")
    assert res.exit_code == 0, res.output
    assert "1 opname: 1 geanalyseerd, 0 al klaar (overgeslagen), 0 mislukt" in res.output, res.output


def test_a_command_language_option_speaks_for_the_whole_command(tmp_path) -> None:
    res = invoke("demo", "--speed", "max", "--no-lifting", "--language", "nl")
    assert res.exit_code == 0, res.output
    assert "OefenSense-demo" in res.output and "tijd per houding (s)" in res.output, res.output


def test_repair_and_replay_in_dutch(tmp_path) -> None:
    res = invoke("demo", "--speed", "max", "--no-lifting", "--out", tmp_path / "s")
    assert res.exit_code == 0, res.output
    res = invoke("--language", "nl", "repair", tmp_path / "s")
    assert res.exit_code == 0 and "intact en afgesloten (elke controlesom klopte); niets te herstellen" in res.output, res.output
    res = invoke("--language", "nl", "replay", tmp_path / "s", "--out", tmp_path / "r")
    assert res.exit_code == 0 and "opgeslagen" in res.output and "tijd per houding (s)" in res.output, res.output


def test_info_calibrate_and_gui_speak_dutch(tmp_path, monkeypatch) -> None:
    """info's header and table, calibrate's own lines and hints, and the gui command's messages
    were English under --language nl (#25)."""
    res = invoke("demo", "--speed", "max", "--no-lifting", "--out", tmp_path / "s")
    assert res.exit_code == 0, res.output
    english = invoke("info", tmp_path / "s").output
    assert "duration" in english and "placement" in english and "closed" in english, english
    out = invoke("--language", "nl", "info", tmp_path / "s").output
    for dutch in ("afgesloten", "aangemaakt", "duur ", "pakketten", "gebeurtenissen", "plaats", "frequentie Hz", "verlies %", "gaten"):
        assert dutch in out, (dutch, out)
    for word in ("duration", "packets", "placement", "rate Hz", "created", "closed"):
        assert word not in out, (word, out)
    res = invoke("--language", "nl", "calibrate", "--simulate", "--out", tmp_path / "cal")
    assert res.exit_code == 0, res.output
    for dutch in ("Kalibratie van romp, bekken, bovenbeen", "opgeslagen", "kwaliteit uitlijning", "uitlijnfout"):
        assert dutch in res.output, (dutch, res.output)
    for word in ("Calibration of", "saved", "alignment quality", "alignment error"):
        assert word not in res.output, (word, res.output)
    res = invoke("--language", "nl", "calibrate", "--out", tmp_path / "cal")
    assert res.exit_code == 1 and "geef --simulate of --sensor" in res.output, res.output
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    res = invoke("--language", "nl", "gui", "--patient", "P404")
    assert res.exit_code == 1 and "onbekende patiënt P404: voeg deze eerst toe" in res.output, res.output

    from oefensense.commands import gui as gui_command
    from oefensense.gui.platform_check import DisplayLibrariesMissing

    def missing() -> None:
        raise DisplayLibrariesMissing("the dashboard needs system libraries that are missing", ["libxcb-cursor0"])

    monkeypatch.setattr("oefensense.gui.platform_check.check_display_libraries", missing)
    res = invoke("--language", "nl", "gui")
    assert res.exit_code == 2, res.output
    assert "fout: het dashboard mist systeembibliotheken: installeer ze met `sudo apt-get install libxcb-cursor0`" in res.output, res.output
    assert gui_command.open_demo() == 2


def test_dutch_registration_line_and_patient_show_name_what_was_stored(tmp_path) -> None:
    """They printed 'geregistreerd sessie 1 van P003 (imported, ...)', the sensor as 'waist' (the
    alias given with --placement) and the assessments as 'tug' / 'tug_time_s 12.8'."""
    invoke("patient", "add", "P003")
    res = invoke("--language", "nl", "analyze", BUNDLED, "--out", tmp_path / "a", "--placement", "waist",
                 "--patient", "P003", "--start", "2026-03-02T08:30+01:00")
    assert res.exit_code == 0, res.output
    # the start as `patient show` lists it (it read "2026-03-02T08:30:00+01:00")
    assert "van P003 (geïmporteerd bestand, 02-03-2026 08:30 (UTC+01:00))" in " ".join(res.output.split()), res.output
    res = invoke("--language", "nl", "assess", "tug", "--simulate", "polar=pelvis", "--speed", "20", "--patient", "P003")
    assert res.exit_code == 0, res.output
    res = invoke("--language", "nl", "patient", "show", "P003")
    out = " ".join(res.output.split())
    assert "bekken" in out and "waist" not in out, res.output
    assert re.search(r"│ Timed Up and Go │ Timed Up and Go: \d+,\d s │", out) and "tug" not in out, res.output


def test_dutch_record_status_lines_use_dutch_words_and_decimals(tmp_path) -> None:
    """The status lines were the BLE layer's English ('stopped  104.0 Hz  loss 0.00%  gaps 0')."""
    res = invoke("--language", "nl", "record", "--simulate", "polar=trunk", "--duration", "4", "--speed", "10",
                 "--out", tmp_path / "s", "--status-every", "0.5", "--no-analysis")
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.output.splitlines() if ln.startswith("romp ")]  # the placement word, not the id 'trunk'

    assert lines and all(re.search(r"\d+ Hz  verlies \d+,\d %  gaten \d+  batt ", ln) for ln in lines), res.output
    assert "gestopt" in lines[-1] and "loss" not in res.output and "stopped" not in res.output, res.output
    assert max(len(ln) for ln in lines) <= 80, lines
    res = invoke("--language", "nl", "info", tmp_path / "s")  # it said 'trunk' under 'plaats', 'samples'
    assert res.exit_code == 0 and "│ trunk  │ romp " in res.output and "waarden" in res.output, res.output
