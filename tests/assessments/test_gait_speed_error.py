"""The walk test's gait speed carries how far to trust it (no error measured on people here; the
simulator's figure, labelled as not people's; the model's validation; the nearest published
figure, another method's), in the JSON, the record's details and the printed result in both
languages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.commands.assess_run import simulate_test


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sim = simulate_test("walk-test", ["pelvis"], seed=1)
    try:
        path = tmp_path_factory.mktemp("walk") / "walk.pelvis.csv"
        shutil.copy(sim.files["pelvis"], path)
    finally:
        sim.cleanup()
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_gait_speed_carries_its_error_statement_and_none_without_a_speed(walk: Path) -> None:
    out = json.loads(_run("assess", "walk-test", str(walk), "--placement", "waist", "--leg-length-m", "0.92", "--json"))
    assert out["gait_speed_ms"] > 0
    err = out["gait_speed_error"]
    assert err["measured_on_people"] is None and err["comparison_mae_pct"] == 3.74
    assert err["simulator"]["label"] == "simulator, not people" and err["simulator"]["median_abs_pct"] > 0
    assert "Zijlstra" in err["method"] and "another method" in err["comparison"]
    bare = json.loads(_run("assess", "walk-test", str(walk), "--placement", "waist", "--json"))
    assert "gait_speed_ms" not in bare and "gait_speed_error" not in bare


@pytest.mark.parametrize(("language", "words"), [("en", ("estimated", "not measured on people", "3.74 %", "on the simulator (not people",
                                                        "off by 15.3 %", "95th percentile 65.6 %")),
                                                ("nl", ("geschat", "niet bij mensen gemeten", "3,74 %", "in de simulator (geen mensen",
                                                        "15,3 % ernaast", "95e percentiel 65,6 %"))])
def test_the_printed_result_says_how_far_to_trust_the_speed(walk: Path, language: str, words: tuple[str, ...]) -> None:
    text = " ".join(_run("assess", "walk-test", str(walk), "--placement", "waist", "--leg-length-m", "0.92",
                         "--language", language).split())
    for word in words:
        assert word in text, text
