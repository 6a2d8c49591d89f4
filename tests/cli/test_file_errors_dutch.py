"""An input file's problem in the CLI's language: `analyze -L nl` and `batch -L nl` said
"unknown placement; pass --placement ...", "no recognisable unit-suffixed columns ..." and, for a
cut-off .gz, only "cannot read (Truncated compressed stream)", in English; batch's own
discovery errors too. The tables (errors.parquet) keep English."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.io.csv_import import CsvImportError
from oefensense.io.worded import NO_SUCH_FILE

BUNDLED = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


def invoke(*args: object):  # noqa: ANN201
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "400", "LANG": "C.UTF-8"})


def _files(folder: Path) -> Path:
    folder.mkdir()
    (folder / "nounits.waist.csv").write_text("time,acc_x,acc_y,acc_z\n0,1,2,3\n")
    (folder / "noplace.csv").write_text("time_s,acc_x_g,acc_y_g,acc_z_g\n0,0,0,1\n")
    (folder / "cut.waist.csv.gz").write_bytes(BUNDLED.read_bytes()[:20_000])
    return folder


def test_analyze_says_a_files_problem_in_dutch(tmp_path: Path) -> None:
    folder = _files(tmp_path / "in")
    expected = {"nounits.waist.csv": "geen herkenbare kolommen met een eenheid in de naam (gevonden: time, acc_x",
                "noplace.csv": "onbekende plaats; geef --placement (trunk, pelvis, thigh) of noem het bestand",
                "cut.waist.csv.gz": "het gecomprimeerde bestand houdt te vroeg op",
                "missing.waist.csv": "bestaat niet"}
    for name, dutch in expected.items():
        nl = invoke("-L", "nl", "analyze", folder / name, "--out", tmp_path / "o")
        assert nl.exit_code == 1 and "fout:" in nl.output and dutch in " ".join(nl.output.split()), nl.output
        en = invoke("-L", "en", "analyze", folder / name, "--out", tmp_path / "o")
        assert en.exit_code == 1 and "error:" in en.output and dutch not in en.output
    en = invoke("analyze", folder / "cut.waist.csv.gz", "--out", tmp_path / "o").output
    assert "the compressed file ends too early" in " ".join(en.split()) and "copy it again" in " ".join(en.split())


def test_batch_says_each_inputs_problem_and_its_own_errors_in_dutch(tmp_path: Path) -> None:
    folder = _files(tmp_path / "in")
    res = invoke("-L", "nl", "batch", folder, "--out", tmp_path / "out")
    out = " ".join(res.output.split())
    assert res.exit_code == 1, res.output
    assert "3 opnames: 0 geanalyseerd" in out and "invoeren" not in out
    assert "in/noplace.csv: onbekende plaats" in out, out
    assert "het gecomprimeerde bestand houdt te vroeg op" in out and "geen herkenbare kolommen" in out
    assert "unknown placement" not in out and "Truncated compressed stream)" in out  # the library's detail stays
    reasons = pq.read_table(tmp_path / "out" / "errors.parquet").column("reason").to_pylist()
    assert any(r.startswith("unknown placement; pass --placement") for r in reasons), reasons  # tables: English
    missing = invoke("-L", "nl", "batch", tmp_path / "nothing*", "--out", tmp_path / "out2")
    assert missing.exit_code == 1 and "geen bestand, map of passend patroon met deze naam" in missing.output


def test_a_worded_file_error_survives_pickling() -> None:
    # batch workers hand errors across processes
    exc = pickle.loads(pickle.dumps(CsvImportError(NO_SUCH_FILE, path="x.csv")))
    assert str(exc) == "x.csv: no such file" and exc.fields == {"path": "x.csv"}


def _hostile(folder: Path) -> dict[str, str]:
    """CSV files each check refuses, and a Dutch piece of its refusal."""
    import gzip

    import numpy as np

    folder.mkdir()
    rows = gzip.decompress(BUNDLED.read_bytes()).decode().splitlines()
    header, data = rows[0], rows[1:3001]
    cells = [r.split(",") for r in data]
    t = header.split(",").index("time_s")

    def write(name: str, head: str, body: list[list[str]]) -> None:
        (folder / name).write_text("\n".join([head, *(",".join(c) for c in body)]) + "\n")

    write("ms.waist.csv", header, [[str(float(c[t]) * 1000) if i == t else v for i, v in enumerate(c)] for c in cells])
    write("mg.waist.csv", header, [[str(float(v) * 1000) if 1 <= i <= 3 else v for i, v in enumerate(c)] for c in cells])
    write("back.waist.csv", header, cells[::-1])
    write("text.waist.csv", header, [*cells[:5], ["x" if i == 1 else v for i, v in enumerate(cells[5])]])
    (folder / "empty.waist.csv").write_text("")
    write("scale.waist.csv", header, [[str(float(v) * 3.7) if 1 <= i <= 3 else v for i, v in enumerate(c)] for c in cells])
    assert np.isfinite(float(cells[0][1]))
    return {"ms.waist.csv": "de tijden lijken milliseconden; noem de kolom time_ms",
            "mg.waist.csv": "de kolommen acc_*_g lijken mg; deel door 1000",
            "back.waist.csv": "de rijen staan in omgekeerde volgorde; sorteer het bestand op tijd",
            "text.waist.csv": "verwachte kolommen: time_s (of time_ms)",
            "empty.waist.csv": "het bestand is leeg (geen kopregel, geen rijen)",
            "scale.waist.csv": "g (mediaan), verwacht ongeveer 1 g: de waarden zijn niet in g en ook niet"}


def test_the_csv_checks_refusals_are_dutch(tmp_path: Path) -> None:
    """`analyze -L nl` said the CSV checks' refusals in English ("|acc| at rest is 3.74 g (median),
    expected about 1 g ...", the expected columns' "(or time_ms) ... optional"); batch too."""
    refusals = _hostile(tmp_path / "in")
    english = ("expected", "look like", "rows", "(or ", "optional", "median", "sort the file")
    for name, dutch in refusals.items():
        res = invoke("-L", "nl", "analyze", tmp_path / "in" / name, "--out", tmp_path / "o")
        out = " ".join(res.output.split())
        assert res.exit_code == 1 and dutch in out and not [w for w in english if w in out], out
        if name == "scale.waist.csv":
            assert re.search(r"in rust is 3,\d+ g", out), out  # a decimal comma
        en = " ".join(invoke("-L", "en", "analyze", tmp_path / "in" / name, "--out", tmp_path / "o").output.split())
        assert dutch not in en and "error:" in en
    res = invoke("-L", "nl", "batch", tmp_path / "in", "--out", tmp_path / "out", "-j", "1")
    out = " ".join(res.output.split())
    assert res.exit_code == 1 and all(d in out for d in refusals.values()), out
    assert re.search(r"in rust is 3,\d+ g", out), out


def test_a_failed_worker_is_said_in_dutch() -> None:
    """batch -L nl printed "the worker analysing it failed (...)" in English."""
    from oefensense.batch.discover import BatchInput
    from oefensense.batch.job import worded_reason
    from oefensense.batch.runners import WORKER_DIED, _worker_failed
    from oefensense.commands.lang import tr

    result = _worker_failed(BatchInput("p1", Path("p1.csv")), RuntimeError("lost"))
    assert result.reason == "the worker analysing it failed (RuntimeError: lost)"  # the tables: English
    assert worded_reason(result.words, lambda s: tr(s, language="nl")) == "het werkproces dat het analyseerde faalde (RuntimeError: lost)"
    assert tr(WORKER_DIED, language="nl").startswith("het werkproces dat het analyseerde is gestopt")


def test_a_file_in_no_known_format_is_said_in_dutch(tmp_path: Path) -> None:
    """batch -L nl: "not a recording in a known format (...); it starts with bytes 00 01 ..." in English."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "junk.pelvis.cwa").write_bytes(b"\x00\x01\x02garbage")
    out = " ".join(invoke("-L", "nl", "batch", folder, "--out", tmp_path / "out", "-q", "-j", "1").output.split())
    assert "geen opname in een bekend formaat" in out and "het begint met de bytes 00 01 02" in out, out
    assert "known format" not in out and "starts with" not in out, out
