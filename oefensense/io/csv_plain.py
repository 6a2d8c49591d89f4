"""Plain numeric CSV blocks parsed in one compiled pass, to the values pyarrow gives them.

pyarrow's CSV reader tokenises a block and then converts each column (about 1.6-1.8 CPU s for
the 430-MB generated day, #20, most of the reader thread). Nearly every block of a sensor CSV is
plain: every line ``ncols`` fields, ``,``-separated, ``\\n``-ended, each used field a decimal
number such as ``-0.31528`` or ``1e-05``. :class:`PlainBlocks` parses such a block in one pass
(numba, without the GIL, like pyarrow's parser) and returns ``None`` for anything else (a quote,
``\\r``, an empty line, a missing or extra field, NaN or any other word, a number beyond the
exact path below, a last line without its line end); the caller then gives that block to pyarrow
as before, so what is accepted or refused, and every error message, stays pyarrow's.

Why the values are pyarrow's bit for bit: pyarrow converts with fast_float, which rounds every
decimal correctly. A number written with at most 19 digits whose integer ``m`` (the digits
without the point) is at most 2**53 and whose power of ten ``k`` (the exponent minus the
fraction's digits) lies in [-22, 22] is ``m * 10**k`` or ``m / 10**-k``: both operands are exact
doubles and one IEEE multiplication or division rounds correctly (Clinger's fast path; also
fast_float's first path). Anything else returns ``None``. A minus sign negates (``-0`` is -0.0,
as fast_float gives). Tested against pyarrow in tests/test_csv_plain.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from numba import njit

_POW10 = np.array([float(10 ** k) for k in range(23)])  # exact: 10**k = 2**k * 5**k and 5**22 < 2**53
_MAX_EXACT = 1 << 53


@njit(cache=True, nogil=True)
def _parse(buf: np.ndarray, where: np.ndarray, cap: int, out: np.ndarray) -> int:
    """Rows parsed (at most ``cap``), or -1 when the block is not plain. The value of file
    column ``j`` in row ``r`` goes to ``out[where[j, 0] + r * where[j, 1]]`` (``where[j, 0]`` -1:
    not read): one flat array holding each sensor's (cap, 3) array and the times, no branch
    per field on where a column goes.

    ``buf`` (uint8) ends with ``\\n`` (checked by the caller), so every scan stops inside it.
    Every index is cast to unsigned: numba then drops its negative-index (wraparound) test, one
    compare and branch per byte read, about a third of the parse (#20; the cast costs nothing, an
    index here is never negative). A digit is one unsigned compare: a byte below '0' wraps."""
    n = buf.shape[0]
    ncols = where.shape[0]
    i = 0
    row = 0
    while i < n:
        if row >= cap:
            return -1
        for j in range(ncols):
            base = where[j, 0]
            if base < 0:  # a column not read: any text but a quote or a carriage return
                while True:
                    b = buf[np.uint64(i)]
                    if b == 44 or b == 10:
                        break
                    if b == 34 or b == 13:
                        return -1
                    i += 1
            else:
                neg = False
                if buf[np.uint64(i)] == 45:  # '-'
                    neg = True
                    i += 1
                m = np.uint64(0)
                digits = 0
                start = i
                while True:
                    d = np.uint64(buf[np.uint64(i)]) - np.uint64(48)
                    if d > np.uint64(9):
                        break
                    m = m * np.uint64(10) + d
                    digits += 1
                    i += 1
                if i == start:
                    return -1
                frac = 0
                if buf[np.uint64(i)] == 46:  # '.': at least one digit after it
                    i += 1
                    fs = i
                    while True:
                        d = np.uint64(buf[np.uint64(i)]) - np.uint64(48)
                        if d > np.uint64(9):
                            break
                        m = m * np.uint64(10) + d
                        digits += 1
                        i += 1
                    frac = i - fs
                    if frac == 0:
                        return -1
                power = -frac
                if buf[np.uint64(i)] == 101 or buf[np.uint64(i)] == 69:  # 'e' / 'E', an optional sign, 1-3 digits
                    i += 1
                    eneg = False
                    if buf[np.uint64(i)] == 45 or buf[np.uint64(i)] == 43:
                        eneg = buf[np.uint64(i)] == 45
                        i += 1
                    e = 0
                    es = i
                    while True:
                        d = np.uint64(buf[np.uint64(i)]) - np.uint64(48)
                        if d > np.uint64(9):
                            break
                        e = e * 10 + np.int64(d)
                        i += 1
                    if i == es or i - es > 3:
                        return -1
                    power += -e if eneg else e
                if digits > 19 or m > np.uint64(_MAX_EXACT) or power < -22 or power > 22:
                    return -1
                v = float(m)
                if power < 0:
                    v = v / _POW10[np.uint64(-power)]
                elif power > 0:
                    v = v * _POW10[np.uint64(power)]
                out[np.uint64(base + row * where[j, 1])] = -v if neg else v
            b = buf[np.uint64(i)]
            if b != (44 if j < ncols - 1 else 10):  # ',' between fields, '\n' after the last
                return -1
            i += 1
        row += 1
    return row


class PlainBlock(NamedTuple):
    """One parsed block: times as written (n,), acc, gyro and mag (n, 3) as written, or None."""

    t: np.ndarray
    acc: np.ndarray
    gyr: np.ndarray | None
    mag: np.ndarray | None

    @property
    def num_rows(self) -> int:
        """Rows, as a pyarrow table's ``num_rows``."""
        return len(self.t)


class PlainBlocks:
    """The plain-block parser of one file's layout; :meth:`make` builds it from the file's
    column names as written (``names``), the time column's and the acc, gyro and mag columns'
    (x, y, z; gyro and mag may be None), or says None when the layout is not one it parses."""

    def __init__(self, group: np.ndarray, axis: np.ndarray, has_gyr: bool, has_mag: bool) -> None:
        self._group = group  # per file column: the array it goes to (0 time, 1 acc, 2 gyro, 3 mag; -1 none)
        self._axis = axis
        self._has_gyr = has_gyr
        self._has_mag = has_mag
        self._groups = int(group.max()) + 1  # time and acc always; gyro's place kept when only mag is there

    @classmethod
    def make(cls, names: Sequence[str], time: str, acc: Sequence[str], gyr: Sequence[str] | None,
             mag: Sequence[str] | None) -> "PlainBlocks | None":
        if len(set(names)) != len(names):
            return None  # which of two equal names pyarrow reads is pyarrow's business
        index = {name: j for j, name in enumerate(names)}
        group = np.full(len(names), -1, dtype=np.int64)
        axis = np.zeros(len(names), dtype=np.int64)
        wanted = [(time, 0, 0)] + [(c, 1, a) for a, c in enumerate(acc)]
        wanted += [(c, 2, a) for a, c in enumerate(gyr or ())] + [(c, 3, a) for a, c in enumerate(mag or ())]
        for name, g, a in wanted:
            if name not in index or group[index[name]] >= 0:
                return None
            group[index[name]] = g
            axis[index[name]] = a
        return cls(group, axis, gyr is not None, mag is not None)

    def parse(self, data: bytes, cut: int) -> PlainBlock | None:
        """(time, acc (n, 3), gyro (n, 3) or None, mag (n, 3) or None) of ``data[:cut]`` with
        the values pyarrow's float64 columns would hold (C-contiguous views of one new array),
        or None when the block is not plain."""
        if cut == 0 or data[cut - 1] != 10:  # a last line without its line end: pyarrow's to judge
            return None
        buf = np.frombuffer(data, dtype=np.uint8, count=cut)
        cap = int(np.count_nonzero(buf == 10))  # lines: a plain block has one row a line
        if cap * (int(np.count_nonzero(self._group >= 0)) + len(self._group)) > cut:
            return None  # shorter lines than a digit per read field and a separator per field (blank lines)
        # the flat array: times [0, cap), then each sensor's (cap, 3) rows: acc, gyro, mag
        where = np.empty((len(self._group), 2), dtype=np.int64)
        used = self._group >= 0
        start = np.where(self._group == 0, 0, cap + 3 * cap * (self._group - 1) + self._axis)
        where[:, 0] = np.where(used, start, -1)
        where[:, 1] = np.where(self._group == 0, 1, 3)
        flat = np.empty(cap * (1 + 3 * (self._groups - 1)), dtype=np.float64)
        if _parse(buf, where, cap, flat) != cap:  # not plain (-1), or fewer rows than lines
            return None
        t = flat[:cap]
        acc = flat[cap:4 * cap].reshape(cap, 3)
        gyr = flat[4 * cap:7 * cap].reshape(cap, 3) if self._has_gyr else None
        mag = flat[7 * cap:10 * cap].reshape(cap, 3) if self._has_mag else None
        return PlainBlock(t, acc, gyr, mag)
