"""Whether a file is gzip-compressed, from its content (never from its name's case or suffix)."""

from __future__ import annotations

from pathlib import Path

GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(path: str | Path) -> bool:
    """True when ``path`` starts with the gzip magic bytes (``x.CSV.GZ`` and ``x.csv.gz`` alike;
    a file named ``.gz`` that is not compressed is False). An unreadable file is False: opening
    it again for reading then reports the reason."""
    try:
        with open(path, "rb") as fh:
            return fh.read(2) == GZIP_MAGIC
    except OSError:
        return False
