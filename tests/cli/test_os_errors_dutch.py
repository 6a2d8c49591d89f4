"""An operating system's refusal in the CLI's language: Dutch output embedded the C library's
English ("fout: kan /x niet gebruiken: Permission denied", review 5 Dec 2026). Now the meaning
comes from the catalogue with the errno's name, "geen toegang (EACCES)"; an errno without a text
reads by name and number."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.commands.os_words import os_reason
from oefensense.translations import translate

BUNDLED = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


def nl(text: str) -> str:
    return translate("nl", "", text)


def _error(code: int, path: str | None = "/x") -> OSError:
    return OSError(code, os.strerror(code), path)


def test_the_reason_in_words_with_the_errno_name() -> None:
    assert os_reason(_error(errno.EACCES), nl) == "geen toegang (EACCES)"
    assert os_reason(_error(errno.EACCES), str) == "permission denied (EACCES)"
    assert os_reason(_error(errno.ENOSPC), nl) == "geen ruimte meer op de schijf (ENOSPC)"
    assert os_reason(_error(errno.EIO), nl) == f"besturingssysteemfout EIO (errno {errno.EIO})"
    # a message of ours in place of the C library's stays as written (io/rewind's advice)
    assert os_reason(OSError(errno.ENOSPC, "cannot hold the samples; use --no-look-ahead"), nl) == \
        "cannot hold the samples; use --no-look-ahead"


def test_a_refused_output_folder_reads_in_dutch(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    out = tmp_path / "a-file" / "out"  # under a file: ENOTDIR
    res = CliRunner().invoke(app, ["-L", "nl", "analyze", str(BUNDLED), "--out", str(out), "-q"], env={"COLUMNS": "400"})
    assert res.exit_code == 1, res.output
    line = " ".join(res.output.split())
    assert "niet gebruiken: een deel van het pad is geen map (ENOTDIR)" in line, line
    assert os.strerror(errno.ENOTDIR) not in res.output, res.output


def test_a_permission_denied_path_reads_in_dutch(monkeypatch) -> None:  # noqa: ANN001
    """As root a folder's mode refuses nothing, so the refusal is raised where the CLI catches it."""
    from oefensense.commands import common, lang

    monkeypatch.setattr(lang, "_chosen", "nl")
    assert common._reason(PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/data/out")) == \
        "kan /data/out niet gebruiken: geen toegang (EACCES)"
    assert common._reason(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))) == "geen ruimte meer op de schijf (ENOSPC)"
