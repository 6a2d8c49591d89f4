"""Recordings kept apart for independent evaluation (issue #16): HAPT users 25-30 and SisFall's
older adults SE01-SE15. No training, tuning or testing in this project may read them; every
loader of ``../shared/data`` lists its files through these filters (``tests/test_held_out.py``).

SisFall subjects are the folders (a few of young adult SA15's files are named ``*_SE15_*``:
they are SA15's and stay in)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

HAPT_USERS = frozenset(range(25, 31))
SISFALL_SUBJECTS = frozenset(f"SE{i:02d}" for i in range(1, 16))


def is_held_out(path: Path) -> bool:
    """True for a file or folder of a held-out HAPT user or SisFall subject."""
    path = Path(path)
    m = re.match(r"user(\d+)", path.name)
    if m and int(m.group(1)) in HAPT_USERS and "hapt" in path.parts[:-1]:
        return True
    if "sisfall" in path.parts:
        sub = path.parts[path.parts.index("sisfall") + 1:]
        return bool(sub) and sub[0] in SISFALL_SUBJECTS
    return False


def usable(paths: Iterable[Path]) -> list[Path]:
    """``paths`` without the held-out ones, in order."""
    return [p for p in paths if not is_held_out(p)]
