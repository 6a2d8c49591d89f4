"""The CLI as typer/click users expect it (issue #25): -h, --version, flags without values,
choices checked before anything runs, one --language, Dutch output, no hidden second folder,
a ticker that says what is happening now, and progress for analyze."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.commands.lang import system_language

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env={"COLUMNS": "200", "LANG": "C.UTF-8", **(env or {})})


@pytest.mark.parametrize("args", [("-h",), ("demo", "-h"), ("analyze", "-h"), ("gui", "-h")])
def test_short_help(args: tuple[str, ...]) -> None:
    res = invoke(*args)
    assert res.exit_code == 0, res.output
    assert "Usage: oefensense" in res.output


def test_version() -> None:
    from importlib.metadata import version

    res = invoke("--version")
    assert res.exit_code == 0
    assert res.output.strip() == f"oefensense {version('oefensense')}"


@pytest.mark.parametrize("command", ["demo", "analyze", "record", "gui", "calibrate", "batch", "replay"])
def test_flags_do_not_read_as_taking_a_value(command: str) -> None:
    res = invoke(command, "-h")
    assert res.exit_code == 0, res.output
    assert "<bool>" not in res.output


def test_one_spelling_of_the_language_option() -> None:
    for command in ("calibrate", "gui", "demo"):
        out = invoke(command, "-h").output
        assert "--language" in out, command
        assert "--lang " not in out, command


@pytest.mark.parametrize("args,wrong", [(("--speed", "fast"), "--speed"), (("--device", "fitbit"), "--device"),
                                        (("--language", "de"), "--language")])
def test_demo_choices_fail_before_anything_is_announced(args: tuple[str, ...], wrong: str) -> None:
    res = invoke("demo", *args)
    assert res.exit_code == 2
    assert f"Invalid value for '{wrong}'" in res.output
    assert "demo:" not in res.output.lower() and "simulated" not in res.output.lower().split("invalid")[0]
    assert "Traceback" not in res.output and "could not convert" not in res.output


def test_the_locale_picks_the_language() -> None:
    assert system_language({"LANG": "nl_NL.UTF-8"}) == "nl"
    assert system_language({"LANGUAGE": "nl_BE:en", "LANG": "en_US.UTF-8"}) == "nl"
    assert system_language({"LC_ALL": "en_GB.UTF-8", "LANG": "nl_NL.UTF-8"}) == "en"
    assert system_language({}) == "en"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory):
    """``oefensense --language nl demo --speed max --out X`` (no --lifting-out)."""
    root = tmp_path_factory.mktemp("demo")
    res = runner.invoke(app, ["--language", "nl", "demo", "--speed", "max", "--out", str(root / "X")],
                        env={"COLUMNS": "200", "LANG": "C.UTF-8"})
    return root, res


def test_demo_out_writes_only_the_folder_it_was_given(demo_run) -> None:
    root, res = demo_run
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in root.iterdir()) == ["X"]  # no silent X-lifting
    assert "--lifting-out" in res.output  # and it says how to record the lifting part


def test_demo_speaks_dutch(demo_run) -> None:
    _, res = demo_run
    out = res.output
    assert "message_en=" not in out and "message_nl=" not in out
    assert "Buig door de knieën" in out  # a technique alert, in the declaration's Dutch
    assert "Tilbeweging (" in out
    ticks = [l for l in out.splitlines() if re.match(r"^(SIM )?\s*\d+ s  ", l)]
    assert ticks and all("overgangen" in l and "tilbewegingen" in l for l in ticks)
    assert any(" zitten " in l for l in ticks) and any(" lopen " in l for l in ticks)


def _posture_at(rows: list[dict[str, str]], t_s: float) -> str:
    """The analysis timeline's posture at ``t_s``, ``transition``/``unknown`` bridged by the one before."""
    current = "unknown"
    for r in rows:
        if float(r["start_s"]) > t_s:
            break
        if r["posture"] not in ("transition", "unknown"):
            current = r["posture"]
    return current


def test_the_ticker_shows_the_current_posture_of_the_session_outputs(tmp_path: Path) -> None:
    """Each tick names the posture the recorded analysis (timeline.csv) has at that second, not
    the last closed segment (which said "transition" or "standing" through walking)."""
    from oefensense.demo import LIVE_ANALYSIS_DIR, run_demo

    buf = io.StringIO()
    run_demo(speed=None, out=tmp_path / "s", console=Console(file=buf, width=200), lifting=False, language="en")
    rows = list(csv.DictReader((tmp_path / "s" / LIVE_ANALYSIS_DIR / "timeline.csv").open()))
    ticks = re.findall(r"^\s*(\d+) s  (\w+)", buf.getvalue(), flags=re.M)
    assert len(ticks) >= 20
    mismatches = [(t, p, _posture_at(rows, float(t))) for t, p in ticks if p != _posture_at(rows, float(t))]
    assert len(mismatches) <= 1, mismatches  # a tick right on a segment edge may differ by a frame
    assert "transition" not in {p for _, p in ticks}
    assert [p for t, p in ticks if 150 <= int(t) <= 230] == ["walking"] * 9


def test_the_ticker_words_a_gaps_reason_in_the_clis_language() -> None:
    """A gap line read "Geen gegevens van de sensor (link_lost)": the code, in Dutch and English."""
    from oefensense.commands.ticker import TickerSink
    from oefensense.core.types import Event
    from oefensense.pipeline import PipelineOutput

    said = {}
    for lang in ("nl", "en"):
        buf = io.StringIO()
        sink = TickerSink(Console(file=buf, width=200), every_s=1000.0, language=lang)
        sink.on_output(PipelineOutput(events=[Event("gap", 10**9, 3 * 10**9, {"reason": "link_lost", "recovered": True},
                                                    sensor_id="trunk")]))
        said[lang] = buf.getvalue()
    assert "Geen gegevens van de sensor (verbinding verbroken)" in said["nl"], said["nl"]
    assert "No data from the sensor (connection lost)" in said["en"], said["en"]
    assert "link_lost" not in said["nl"] + said["en"]


def test_analyze_shows_progress(tmp_path: Path) -> None:
    from oefensense.api import analyze
    from oefensense.commands.analyze_progress import AnalyzeProgress
    from oefensense.sources.simulated import BUNDLED_RECORDING

    src = Path(__file__).resolve().parents[2] / "oefensense" / "data" / BUNDLED_RECORDING
    buf = io.StringIO()
    with AnalyzeProgress(Console(file=buf, width=120, force_terminal=True)) as progress:
        analyze([src], tmp_path, sinks_for=progress.sinks_for)
    text = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", buf.getvalue())
    assert re.search(r"[34]:\d\d of recording analysed, done", text)  # the 4-minute recording, to its end
