"""A file's items read once by two consumers in turn: the first one's items spilled to disk.

A file's look-ahead (:mod:`oefensense.orientation.lookahead`) reads its first part before the
analysis, which then needs every item from the start. Reading and parsing that part again cost
about 1 CPU s on a generated day (#20); holding the items in memory would make the peak grow with
the recording (the look-ahead may read 14 h). :class:`Rewindable` hands out a source's items and
writes each one to a private temporary file as it goes (:func:`tempfile.TemporaryFile`: mode
0600 and unlinked at once, so nothing is left behind even when the process is killed);
:meth:`Rewindable.rewind` then gives the spilled items back, read one at a time, followed by
the rest of the source, which goes on where the first consumer stopped. The items are equal:
arrays keep their dtype, shape and values bit for bit (written as their raw bytes in C order;
the readers' blocks are C-contiguous already).
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, Any, Generic, TypeVar

import numpy as np

from ..core.types import SampleBlock

T = TypeVar("T")

_BLOCK = "block"
_ITEM = "item"


class Rewindable(Generic[T]):
    """Iterate ``source`` once as usual while spilling each item; :meth:`rewind` gives them again.

    It has no ``close``: a first consumer that closes what it iterates when it stops early (the
    look-ahead does, to stop a fresh reader's thread) must not end the source the second one
    continues. :meth:`discard` drops the spill and stops the source when there is to be no second
    pass (an error)."""

    def __init__(self, source: Iterator[T]) -> None:
        self._source = source
        try:
            self._spill: IO[bytes] | None = tempfile.TemporaryFile(prefix="oefensense-ahead-")  # 0600, no name left
        except OSError as exc:
            raise _spill_error(exc) from exc
        self._rewound = False
        self.spilled_items = 0
        self.spilled_bytes = 0  # the samples' raw bytes written (the headers aside)

    def __iter__(self) -> "Rewindable[T]":
        return self

    def __next__(self) -> T:
        if self._rewound or self._spill is None:
            raise RuntimeError("the first pass of a Rewindable ended when it was rewound or discarded")
        item = next(self._source)
        try:
            self._write(item)
        except OSError as exc:  # a full disk: said as such, never a silent second read
            raise _spill_error(exc) from exc
        return item

    def _write(self, item: Any) -> None:
        fh = self._spill
        assert fh is not None
        if isinstance(item, SampleBlock):
            arrays = [item.t_ns, item.acc_g, item.gyr_dps, item.mag_ut]
            pickle.dump((_BLOCK, item.sensor_id, [None if a is None else (a.dtype.str, a.shape) for a in arrays]), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
            for a in arrays:
                if a is not None:
                    raw = memoryview(np.ascontiguousarray(a)).cast("B")
                    fh.write(raw)
                    self.spilled_bytes += raw.nbytes
        else:  # SensorInfo, events: small
            pickle.dump((_ITEM, item), fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.spilled_items += 1

    def rewind(self) -> Iterator[T]:
        """Every item handed out so far (read back from the spill, one at a time), then the rest
        of ``source``. Ends the first pass; the spill is closed (and so gone) once it is read."""
        if self._rewound or self._spill is None:
            raise RuntimeError("a Rewindable is rewound once")
        self._rewound = True
        return self._replay()

    def _replay(self) -> Iterator[T]:
        fh, count = self._spill, self.spilled_items
        assert fh is not None
        try:
            fh.flush()
            fh.seek(0)
            for _ in range(count):
                yield _read(fh)
        finally:
            fh.close()
            self._spill = None
        yield from self._source

    def discard(self) -> None:
        """Drop the spill and stop the source (no second pass will come: an error), so a
        reader's thread does not wait for a consumer that has gone."""
        if self._spill is not None:
            self._spill.close()
            self._spill = None
        close = getattr(self._source, "close", None)
        if close is not None:
            close()


def _spill_error(exc: OSError) -> OSError:
    """The spill's OS error with the folder it was written to and what to do (one CLI line:
    ``cannot use /tmp: ...``)."""
    return OSError(exc.errno, f"cannot hold the samples the look-ahead read there ({exc.strerror or exc}); "
                              "point TMPDIR at a folder with room", tempfile.gettempdir())


def _read(fh: IO[bytes]) -> Any:
    kind, *rest = pickle.load(fh)  # our own file, private to this process (0600, unlinked)
    if kind == _ITEM:
        return rest[0]
    sensor_id, specs = rest
    arrays: list[np.ndarray | None] = []
    for spec in specs:
        if spec is None:
            arrays.append(None)
            continue
        dtype, shape = spec
        a = np.empty(shape, dtype=np.dtype(dtype))
        view = memoryview(a).cast("B")
        if fh.readinto(view) != view.nbytes:
            raise OSError("the look-ahead's spill file ended early")
        arrays.append(a)
    return SampleBlock(sensor_id, *arrays)
