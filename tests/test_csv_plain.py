"""csv_plain's compiled parse of plain blocks (#20): the values pyarrow gives, bit for bit, and
every block it does not take left to pyarrow, so what is accepted or refused stays pyarrow's."""

from __future__ import annotations

import hashlib
from unittest import mock
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from oefensense.core.types import Event, SampleBlock
from oefensense.io.csv_checks import CsvImportError
from oefensense.io.csv_plain import PlainBlocks
from oefensense.io.csv_stream import CsvStream

NAMES = ["time_s", "acc_x_g", "acc_y_g", "acc_z_g", "gyr_x_dps", "gyr_y_dps", "gyr_z_dps"]


def _parser(names: list[str] = NAMES) -> PlainBlocks:
    parser = PlainBlocks.make(names, names[0], names[1:4], names[4:7], None)
    assert parser is not None
    return parser


def _pyarrow(text: bytes, names: list[str] = NAMES) -> np.ndarray | None:
    """The block as CsvStream has pyarrow read it: (n, 7) float64 (nulls NaN), or None if refused."""
    used = names[:7]
    try:
        table = pacsv.read_csv(pa.py_buffer(text), read_options=pacsv.ReadOptions(column_names=names, use_threads=False),
                               convert_options=pacsv.ConvertOptions(column_types={c: pa.float64() for c in used},
                                                                    include_columns=used, strings_can_be_null=True))
    except pa.ArrowInvalid:
        return None
    return np.column_stack([table.column(c).to_numpy(zero_copy_only=False).astype(np.float64) for c in used]
                           ) if table.num_rows else np.empty((0, 7))


def _ours(text: bytes, names: list[str] = NAMES) -> np.ndarray | None:
    got = _parser(names).parse(text, len(text))
    if got is None:
        return None
    t, acc, gyr, _ = got
    return np.column_stack([t, acc, gyr])


def _number(rng: np.random.Generator) -> str:
    """A decimal in the plain grammar: sign, leading zeros, 1-7 digits, a fraction of 1-8, an exponent."""
    whole = "".join(rng.choice(list("0123456789"), int(rng.integers(1, 8))))
    if rng.random() < 0.3:
        whole = "0" * int(rng.integers(1, 4)) + whole
    text = ("-" if rng.random() < 0.4 else "") + whole
    if rng.random() < 0.8:
        text += "." + "".join(rng.choice(list("0123456789"), int(rng.integers(1, 9))))
    if rng.random() < 0.2:
        text += str(rng.choice(["e", "E"])) + str(rng.choice(["", "-", "+"])) + str(int(rng.integers(0, 14)))
    return text


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


def test_plain_numbers_are_pyarrows_bit_for_bit() -> None:
    rng = np.random.default_rng(20)
    taken = 0
    for _ in range(300):
        lines = [",".join(_number(rng) for _ in NAMES) for _ in range(int(rng.integers(1, 10)))]
        text = ("\n".join(lines) + "\n").encode()
        ref, ours = _pyarrow(text), _ours(text)
        assert ref is not None  # every number of the grammar is one pyarrow reads
        if ours is not None:
            taken += 1
            assert _same_bits(ours, ref), text
    assert taken > 100  # most such blocks take the compiled path (those with 16+ digits or big exponents not)


def test_short_decimals_always_take_the_compiled_path() -> None:
    rng = np.random.default_rng(3)
    values = np.concatenate([rng.normal(0, 1, 5000), rng.normal(0, 2000, 5000), [0.0, -0.0, 1e-9, 123456789.0]])
    for fmt in ("%.5f", "%.3f", "%.9g", "%.15g", "%.6e", "%d"):
        rows = [",".join([fmt % (i * 0.01)] + [fmt % v for v in values[i * 6:(i + 1) * 6]]) for i in range(len(values) // 6)]
        text = ("\n".join(rows) + "\n").encode()
        ours, ref = _ours(text), _pyarrow(text)
        assert ours is not None, fmt
        assert _same_bits(ours, ref), fmt


def test_hard_to_round_decimals() -> None:
    """Halfway cases, many digits and the exact path's edges: equal when taken."""
    fields = ["9007199254740992", "9007199254740993", "0.1", "0.30000000000000004", "1e22", "1e23", "1e-22", "1e-23",
              "2.2250738585072014e-308", "179769313486231570000", "4.35", "0.000001", "-0", "-0.0", "-0e5", "00000.5",
              "123456789012345678", "1234567890123456789", "12345678901234567890", "8.589973e9", "1.7976931348623157e308",
              "9007199254740991.5", "0.9999999999999999", "5e-324", "1E+5", "1e+05", "3.14159265358979"]
    for f in fields:
        text = (",".join([f] * 7) + "\n").encode()
        ref, ours = _pyarrow(text), _ours(text)
        assert ref is not None, f
        if ours is not None:
            assert _same_bits(ours, ref), f


def test_anything_else_is_left_to_pyarrow() -> None:
    """Random text from the characters that matter: whenever the compiled path takes a block,
    pyarrow reads it too, to the same bits; it never accepts what pyarrow refuses."""
    rng = np.random.default_rng(11)
    alphabet = list("0123456789") * 4 + list(".-+eE, \"\r\nnaNIf") + ["nan", "inf", "", "\n\n"]
    taken = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet, int(rng.integers(1, 40))))
        if rng.random() < 0.5:  # mostly well formed lines with one flaw
            row = [_number(rng) for _ in NAMES]
            row[int(rng.integers(0, 7))] = text.replace("\n", "")
            text = ",".join(row) + "\n" + ",".join(_number(rng) for _ in NAMES) + "\n"
        data = text.encode()
        ours = _ours(data)
        if ours is not None:
            taken += 1
            ref = _pyarrow(data)
            assert ref is not None and _same_bits(ours, ref), data
    for bad in [b"1,2,3,4,5,6,7", b"1,2,3,4,5,6\n", b"1,2,3,4,5,6,7,8\n", b"1,2,3,4,5,6,7\r\n", b"\n1,2,3,4,5,6,7\n",
                b"1,2,3,4,5,6,7\n\n", b'"1",2,3,4,5,6,7\n', b"1,2,3,4,5,6,nan\n", b"1,2,3,4,5,6,\n", b" 1,2,3,4,5,6,7\n",
                b"1.,2,3,4,5,6,7\n", b".5,2,3,4,5,6,7\n", b"+1,2,3,4,5,6,7\n", b"1e,2,3,4,5,6,7\n", b"1e1234,2,3,4,5,6,7\n"]:
        assert _ours(bad) is None, bad
    assert taken > 100


def test_columns_not_read_are_skipped_unless_quoted() -> None:
    names = ["time_s", "label", "acc_x_g", "acc_y_g", "acc_z_g", "gyr_x_dps", "gyr_y_dps", "gyr_z_dps", "note"]
    parser = PlainBlocks.make(names, "time_s", names[2:5], names[5:8], None)
    assert parser is not None
    data = b"0.5,walk it,1,2,3,4,5,6,x y\n1,,-1,-2,-3,-4,-5,-6,\n"
    got = parser.parse(data, len(data))
    assert got is not None
    assert got[0].tolist() == [0.5, 1.0] and got[1].tolist() == [[1, 2, 3], [-1, -2, -3]] and got[3] is None
    quoted = b'0.5,"a,b",1,2,3,4,5,6,x\n'
    assert parser.parse(quoted, len(quoted)) is None
    assert PlainBlocks.make(NAMES + ["acc_x_g"], "time_s", NAMES[1:4], None, None) is None  # a name twice


def _messy(path: Path, rng: np.random.Generator, rows: int = 6000) -> Path:
    """A 100 Hz file whose blocks are plain, not plain (NaN, words, quotes, 17 digits), reordered,
    repeated and missing rows, out of range values and a few exponents."""
    t = np.arange(rows) * 0.01
    vals = rng.normal(0, 0.5, (rows, 6))
    lines = []
    for i in range(rows):
        fields = ["%.2f" % t[i]] + ["%.5f" % v for v in vals[i]]
        if i % 997 == 5:
            fields[2] = "nan"
        if i % 1301 == 7:
            fields[3] = "99.5"
        if i % 1777 == 9:
            fields[4] = repr(float(vals[i, 2]) / 3)  # 17 significant digits: pyarrow's
        if i % 501 == 11:
            fields[5] = "%.3e" % vals[i, 3]
        if i % 2500 == 13:
            fields[1] = '"%s"' % fields[1]
        lines.append(",".join(fields))
    for i in range(40, rows - 2, 613):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    del lines[3000:3200]
    lines.insert(2000, lines[1999])
    path.write_text(",".join(NAMES) + "\n" + "\n".join(lines) + "\n")
    return path


def _stream(path: Path, plain: bool, block_bytes: int) -> CsvStream:
    """``plain=False``: every block, the probe's too, through pyarrow: the reference."""
    if plain:
        return CsvStream(path, block_bytes=block_bytes)
    with mock.patch.object(PlainBlocks, "make", return_value=None):
        stream = CsvStream(path, block_bytes=block_bytes)
    assert stream._plain is None
    return stream


def _digest(path: Path, plain: bool, block_bytes: int) -> str:
    stream = _stream(path, plain, block_bytes)
    h = hashlib.sha256()
    try:
        for item in stream.items():
            if isinstance(item, SampleBlock):
                for a in (item.t_ns, item.acc_g, item.gyr_dps, item.mag_ut):
                    h.update(b"-" if a is None else a.dtype.str.encode() + repr(a.shape).encode() + a.tobytes())
            else:
                assert isinstance(item, Event)
                h.update(repr(item).encode())
    except CsvImportError as exc:
        h.update(str(exc).encode())
    h.update(repr(stream.report.to_dict()).encode())
    return h.hexdigest()


@pytest.mark.parametrize("block_bytes", [512, 4096, 1 << 20])
def test_stream_items_are_those_of_pyarrow_alone(tmp_path: Path, block_bytes: int) -> None:
    path = _messy(tmp_path / "m.waist.csv", np.random.default_rng(block_bytes))
    assert _digest(path, True, block_bytes) == _digest(path, False, block_bytes)


def test_refusals_are_pyarrows(tmp_path: Path) -> None:
    """Files pyarrow refuses part-way (a short row, a word, a last line cut short) give the same
    error, naming the same data row, as with every block through pyarrow."""
    rng = np.random.default_rng(5)
    base = _messy(tmp_path / "b.waist.csv", rng, 3000).read_text().splitlines()
    cases = {"short": base[:1500] + ["1,2,3"] + base[1500:], "word": base[:2200] + ["15.1,0.1,x,0.3,1,2,3"] + base[2200:],
             "cut": base[:-1] + [base[-1][:9]]}
    for name, lines in cases.items():
        path = tmp_path / f"{name}.waist.csv"
        path.write_text("\n".join(lines) + ("" if name == "cut" else "\n"))
        for block_bytes in (700, 1 << 20):
            assert _refusal(path, True, block_bytes) == _refusal(path, False, block_bytes), name


def _refusal(path: Path, plain: bool, block_bytes: int) -> str:
    with pytest.raises(CsvImportError) as exc:
        list(_stream(path, plain, block_bytes).items())  # the probe may refuse already
    return str(exc.value)


def test_the_generated_format_takes_the_compiled_path() -> None:
    """bench_week's format (pyarrow's CSV writer, values to 5 decimals, times to 0.01 s) never
    falls back: the speed is not lost silently."""
    rng = np.random.default_rng(1)
    n = 20000
    cols = [np.round(np.arange(n) * 0.01, 2)] + [np.round(rng.normal(0, s, n), 5) for s in (0.5, 0.5, 0.5, 90, 90, 90)]
    cols[1][:50] = 1e-05  # written as 1e-05
    sink = pa.BufferOutputStream()
    pacsv.write_csv(pa.table(dict(zip(NAMES, cols))), sink)
    data = sink.getvalue().to_pybytes().split(b"\n", 1)[1]
    got = _parser().parse(data, len(data))
    assert got is not None
    assert _same_bits(np.column_stack([got[0], got[1], got[2]]), np.column_stack(cols))
