"""``assess`` phases in an 80- and 100-column terminal: each phase ("teruglopen 6,5-9,3 s") stays
whole on one line, the lines under each other after "fasen:" (until 5 Dec 2026 the line wrapped by
words: "... teruglopen 6,5-9,3" / "s; draaien 2 ...", a time apart from its unit, at column 0)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest


@pytest.mark.parametrize("language, head, one, columns", [
    ("nl", "fasen:", r"(?:opstaan|gaan zitten) \d \d+,\d-\d+,\d s", 80),
    ("en", "phases:", r"(?:stand up|sit down) \d \d+\.\d-\d+\.\d s", 100)])  # a simulated test takes ~40 s
def test_each_phase_whole_on_a_line(language, head, one, columns):
    env = {**os.environ, "COLUMNS": str(columns), "LANG": "C.UTF-8", "NO_COLOR": "1"}
    p = subprocess.run([sys.executable, "-m", "oefensense", "--language", language, "assess", "chair-stand-30s",
                        "--simulate", "polar=pelvis", "--countdown", "0"], capture_output=True, text=True, env=env,
                       timeout=300)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(head))
    block = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        block.append(line)
    assert len(block) > 1, block  # eleven phases: longer than a line
    indent = len(head) + 1
    for line in block:
        assert len(line.rstrip()) <= columns, line
        body = line[indent:].rstrip()
        assert line[:indent].strip() in ("", head) and body[:1] != " ", block  # under the first phase
        # the line is whole phases and separators only: no phase cut at its end
        assert re.fullmatch(rf"{one}(?:[;,] {one})*[;,]?", body), (body, block)
    assert len(re.findall(one, " ".join(block))) == 11  # stand up 1-6, sit down 1-5
