"""What README.md and docs/*.md show is what exists: every ``oefensense COMMAND ... --option`` they
print is a command with that option, and every repository path they cite (``tests/...``,
``scripts/...``, ``oefensense/...py``, ``benchmarks/...py``, ``models/...``) is in the checkout."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer.main

from oefensense.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# `oefensense [--language xx] COMMAND [SUBCOMMAND] rest-of-the-code-span-or-line`
_SHOWN = re.compile(r"oefensense(?:\s+(?:--language|-L)\s+\w+)?\s+([a-z]+)(?:\s+([a-z]+))?([^`#|\n]*)")
_PATH = re.compile(r"(?<![\w./-])((?:tests|scripts|benchmarks|models|oefensense|gui|firmware_protocols)/[\w./-]*\w)")

_PROSE = {"tests/simulation"}  # "a fake backend for tests/simulation" (docs/architecture.md), not a path


def _options(cmd: click.Command) -> set[str]:
    """Every option spelling of a click command, with the implicit ``--help``."""
    names = {"--help", "-h"}
    for p in cmd.params:
        names.update(p.opts)
        names.update(getattr(p, "secondary_opts", ()))
    return names


def _commands() -> dict[str, set[str]]:
    """``{"analyze": {options}, "patient add": {options}, ...}`` of the installed CLI."""
    group = typer.main.get_command(app)
    top = _options(group)
    out: dict[str, set[str]] = {}
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        out[name] = _options(cmd) | top
        if hasattr(cmd, "list_commands"):  # a group (possibly loaded lazily)
            sub_ctx = click.Context(cmd)
            for sub in cmd.list_commands(sub_ctx):
                out[f"{name} {sub}"] = _options(cmd.get_command(sub_ctx, sub)) | top
    return out


def _shown() -> list[tuple[str, int, str, str]]:
    """``(doc, line, command, option)`` for every option shown after ``oefensense COMMAND``."""
    commands = _commands()
    found = []
    for doc in DOCS:
        text = re.sub(r"\\\n\s*", " ", doc.read_text())  # shell line continuations
        for n, line in enumerate(text.splitlines(), 1):
            for m in _SHOWN.finditer(line):
                cmd, sub, rest = m.groups()
                if cmd not in commands:
                    continue  # prose such as "oefensense is ..."
                key = f"{cmd} {sub}" if sub and f"{cmd} {sub}" in commands else cmd
                for opt in re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", re.split(r"oefensense", rest)[0]):
                    found.append((doc.name, n, key, opt))
    return found


def test_the_docs_show_commands_at_all() -> None:
    shown = _shown()
    assert len(shown) > 50  # the pattern still finds the README's and docs' command lines
    assert {c for _, _, c, _ in shown} >= {"analyze", "batch", "record", "gui", "assess", "report"}


def test_every_option_shown_in_the_docs_exists() -> None:
    commands = _commands()
    missing = [f"{doc}:{n}: oefensense {cmd} has no {opt}" for doc, n, cmd, opt in _shown()
               if opt not in commands[cmd]]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_repository_path_cited_exists(doc: Path) -> None:
    missing = []
    lines = doc.read_text().splitlines()
    for n, line in enumerate(lines, 1):
        for path in _PATH.findall(line):
            if any(ch in path for ch in "*<>{}") or path.endswith("/bench_"):
                continue  # a pattern (``benchmarks/bench_*``, ``firmware_protocols/<family>/``)
            if re.search(r"\bat commit [0-9a-f]{7}", " ".join(lines[n - 1:n + 1])):
                continue  # a file cited at an older commit, removed since
            if path in _PROSE:
                continue
            module = path.split(".")[0] + ".py"  # ``gui/run.exec_until_closed``: a function of gui/run.py
            if not (ROOT / path).exists() and not ("." in path and (ROOT / module).exists()):
                missing.append(f"{doc.name}:{n}: {path}")
    assert not missing, "\n".join(missing)


# Figures the text states that the code or the shipped files decide: a change to one without the
# other fails here (5 Dec 2026: the TUG's step rule moved 8 -> 7, the lift model was retrained and
# the Dutch lift rating changed, each documented near the change and stale elsewhere).


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_documented_tug_step_rule_is_the_code_s() -> None:
    from oefensense.assessments import tug

    text = (ROOT / "docs" / "assessments.md").read_text()
    stated = re.findall(r'A "transfer" with more than (\d+) steps', text)
    assert stated == [str(tug.MAX_STEPS_IN_TRANSFER)], stated
    m = re.search(r"\*\*Since rel-22 \(5 Dec 2026\) (\d+) is shipped", text)
    assert m and int(m.group(1)) == tug.MAX_STEPS_IN_TRANSFER


def test_the_shipped_models_hashes_are_the_documented_ones() -> None:
    lift = _sha256(ROOT / "models" / "lifting" / "lift_waist_hgb.onnx")
    card = (ROOT / "models" / "lifting" / "README.md").read_text()
    m = re.search(r"\*\*This file\.\*\* sha256 `([0-9a-f]{8,})…`", card)
    assert m and lift.startswith(m.group(1)), (m and m.group(1), lift)
    assert f"shipped as `{lift[:8]}…`" in (ROOT / "docs" / "lifting.md").read_text()
    readme = (ROOT / "README.md").read_text()
    assert f"sha256 `{lift[:8]}…`, `python -m oefensense.models.training.train_lifting`" in readme

    posture = _sha256(ROOT / "models" / "posture_waist" / "model.onnx")
    assert f'sha256 = "{posture}"' in (ROOT / "models" / "posture_waist" / "model_card.toml").read_text()
    assert f"model_card.toml`, sha256 `{posture[:8]}…`" in readme
    assert f"`model_card.toml` (sha256 `{posture[:8]}…`)" in (ROOT / "docs" / "posture.md").read_text()


def test_the_documented_dutch_lift_ratings_are_the_catalogue_s() -> None:
    from oefensense.translations import translate

    text = (ROOT / "docs" / "translations.md").read_text()
    m = re.search(r"rating reads (\w+) / (\w+) / (\w+) and (\w+) / (\w+) / (\w+)", text)
    assert m, "docs/translations.md no longer states the lift ratings"
    english, dutch = m.groups()[:3], m.groups()[3:]
    assert [translate("nl", "", w) for w in english] == list(dutch)


def test_the_lifting_doc_s_rating_row_is_the_catalogue_s() -> None:
    from oefensense.gui.words import RATINGS
    from oefensense.translations import translate

    row = next(line for line in (ROOT / "docs" / "lifting.md").read_text().splitlines()
               if line.startswith("| the dashboard's rating of a lift"))
    dutch = re.search(r"\| (\w+) / (\w+) / (\w+) / ([\w ]+?) \(", row).groups()
    english = re.search(r"\| (\w+) / (\w+) / (\w+) / ([\w ]+) \|$", row).groups()
    keys = ("good", "fair", "poor", "not_rated")
    assert english == tuple(RATINGS[k] for k in keys)
    assert dutch == tuple(translate("nl", "", RATINGS[k]) for k in keys)


def test_the_documented_still_pause_is_the_code_s() -> None:
    from oefensense.assessments.transfers import TransferSettings

    shipped = TransferSettings().min_still_s
    text = (ROOT / "docs" / "assessments.md").read_text()
    m = re.search(r"a pause shorter than\s+([0-9.]+) s belongs to the movement \(`min_still_s`", text)
    assert m and float(m.group(1)) == shipped, (m and m.group(1), shipped)
    readme = (ROOT / "README.md").read_text()
    m = re.search(r"a still pause shorter than ([0-9.]+) s belongs to the movement", readme)
    assert m and float(m.group(1)) == shipped, (m and m.group(1), shipped)


def test_every_module_the_docs_run_exists() -> None:
    """``python -m X`` in README.md, docs/*.md and the lift model card names a module that exists."""
    import importlib.util

    docs = [*DOCS, ROOT / "models" / "lifting" / "README.md"]
    names = {m for doc in docs for m in re.findall(r"python -m ([A-Za-z_][\w.]*\w)", doc.read_text())}
    assert len(names) > 20
    missing = sorted(n for n in names if importlib.util.find_spec(n) is None)
    assert not missing, missing


def test_the_documented_not_scored_exit_status_is_the_code_s() -> None:
    """docs/assessments.md's *Exit status* table, README and `assess --help` give the status
    `assess` exits with when the test was not scored (``commands.common.NOT_SCORED_EXIT``)."""
    from oefensense.commands.assess import ASSESS_HELP
    from oefensense.commands.common import NOT_SCORED_EXIT

    text = (ROOT / "docs" / "assessments.md").read_text()
    rows = dict(re.findall(r"^\| (\d) \| (\w+)", text[text.index("### Exit status"):], re.M))
    assert rows == {"0": "scored", str(NOT_SCORED_EXIT): "not", "1": "an", "2": "a"}, rows
    assert f"{NOT_SCORED_EXIT} not scored" in ASSESS_HELP
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert f"`assess` exits 0 when the test was scored, {NOT_SCORED_EXIT} when it was analysed but not scored" in readme


def test_the_lift_model_card_s_loso_figures_are_the_file_s() -> None:
    """The card's leave-one-subject-out figures are the report ``train_lifting`` printed when it
    wrote the shipped file, which the file keeps in its ``meta`` block (``loso``): a retrained
    file with a card left as it was fails here."""
    import json

    import onnx

    model = onnx.load(str(ROOT / "models" / "lifting" / "lift_waist_hgb.onnx"), load_external_data=False)
    loso = json.loads({p.key: p.value for p in model.metadata_props}["meta"])["loso"]
    card = " ".join((ROOT / "models" / "lifting" / "README.md").read_text().split())
    accuracy = card[card.index("**Accuracy.**"):card.index("The 22 Nov file's own report")]
    want = {
        "one lift per D15/D16 trial **{one_lift_per_trial_pct:.1f} %** (D15 {one_lift_D15_pct:.1f}, D16 {one_lift_D16_pct:.1f};",
        "technique **{technique_correct_pct:.1f} %**",
        "{technique_correct_given_one_lift_pct:.1f} % when one lift is found; {technique_undetermined_D16} real stoops",
        "{technique_correct_rule_off_pct:.1f} % without that rule",
        "sitting down **{false_lifts_per_10min:.2f} per 10 min** ({false_lifts_walk_sitstand} in {walk_sitstand_minutes:.1f} min: "
        "D07 {false_lifts_D07}, D08 {false_lifts_D08}, D09 {false_lifts_D09};",
        "lying / rolling / car {lying_car_lifts_per_10min:.2f} per 10 min ({lying_car_lifts} in {lying_car_minutes:.1f} min)",
        "activities never trained on {unseen_activity_lifts_per_10min:.2f} per 10 min",
    }
    for sentence in want:
        stated = sentence.format(**loso)
        assert stated in accuracy, (stated, accuracy)
