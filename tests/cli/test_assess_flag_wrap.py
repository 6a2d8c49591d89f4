"""``assess`` flags in an 80-column terminal: each flag's sentence wraps with a hanging indent under
its own text, not mid-sentence back to column 0 (until 5 Dec 2026 a flag was one long line that the
terminal broke at its edge)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BUNDLED = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


@pytest.mark.parametrize("language, word", [("nl", "markering"), ("en", "flag")])
def test_flags_wrap_under_their_own_text_at_80_columns(language, word):
    def flags(columns: int) -> list[str]:
        env = {**os.environ, "COLUMNS": str(columns), "LANG": "C.UTF-8", "NO_COLOR": "1"}
        p = subprocess.run([sys.executable, "-m", "oefensense", "--language", language, "assess", "chair-stand-30s",
                            str(BUNDLED)], capture_output=True, text=True, env=env, timeout=300)
        assert p.returncode == 0, p.stderr
        return p.stderr.splitlines()

    whole = [line.rstrip() for line in flags(1000) if line.startswith(f"{word} ")]  # one line each
    lines = flags(80)
    starts = [i for i, line in enumerate(lines) if line.startswith(f"{word} ")]
    assert starts and len(starts) == len(whole), lines  # this recording rests to the test's end: a "pause" flag
    for i, one_line in zip(starts, whole):
        indent = re.match(rf"{word} \S+: ", lines[i]).end()
        block = [lines[i]]
        for line in lines[i + 1:]:
            if not line.strip() or line.startswith(f"{word} "):
                break
            block.append(line)
        assert len(block) > 1, block  # the sentence is longer than 80 columns: it wraps
        for line in block:
            assert len(line.rstrip()) <= 80, line
        for line in block[1:]:  # each continuation starts under the sentence, not at column 0
            assert line[:indent] == " " * indent and line[indent] != " ", block
        # no word is cut: the lines joined by a space are the sentence unwrapped
        assert block[0][:indent] + " ".join(line[indent:].strip() for line in block) == one_line, block
