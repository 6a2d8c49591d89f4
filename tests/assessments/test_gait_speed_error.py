"""The walk test's gait speed carries how far to trust it (no error measured here; the model's
validation; the nearest published figure, another method's), in the JSON, the record's details
and the printed result in both languages."""

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
    assert err["measured_here"] is None and err["comparison_mae_pct"] == 3.74
    assert "Zijlstra" in err["method"] and "another method" in err["comparison"]
    bare = json.loads(_run("assess", "walk-test", str(walk), "--placement", "waist", "--json"))
    assert "gait_speed_ms" not in bare and "gait_speed_error" not in bare


@pytest.mark.parametrize(("language", "words"), [("en", ("estimated", "3.74 %")), ("nl", ("geschat", "3,74 %"))])
def test_the_printed_result_says_how_far_to_trust_the_speed(walk: Path, language: str, words: tuple[str, ...]) -> None:
    text = " ".join(_run("assess", "walk-test", str(walk), "--placement", "waist", "--leg-length-m", "0.92",
                         "--language", language).split())
    for word in words:
        assert word in text, text
