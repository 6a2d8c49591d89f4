"""Recordings in files: every supported format behind one small protocol, chosen by content.

``open_recording(path)`` sniffs the first bytes of a file (never only its extension), hands it
to the importer that recognises it and returns a :class:`DeviceRecording` whose ``blocks()``
stream :class:`~oefensense.core.types.SampleBlock` in core units. Formats and where they come
from: docs/cohorts.md.
"""

from __future__ import annotations

from pathlib import Path

from ...core.types import Placement
from .. import worded
from .actigraph_gt3x import ActiGraphGt3x
from .axivity_cwa import AxivityCwa
from .base import DeviceFileError, DeviceRecording, Importer, ReadStats, placement_from_name, read_head
from .geneactiv_bin import GeneActivBin
from . import metabase_csv, polar_sensor_logger
from .metabase_csv import MetaBaseCsv
from .plain_csv import PlainCsv, SemicolonCsv
from .polar_sensor_logger import PolarSensorLogger

IMPORTERS: tuple[Importer, ...] = (AxivityCwa(), ActiGraphGt3x(), GeneActivBin(), MetaBaseCsv(), PolarSensorLogger(),
                                  SemicolonCsv(), PlainCsv())

__all__ = ["IMPORTERS", "DeviceFileError", "DeviceRecording", "Importer", "ReadStats", "detect", "is_companion_file",
           "open_recording"]


def is_companion_file(path: Path) -> bool:
    """A file read as part of another recording (a MetaBase gyroscope export beside its
    accelerometer export, a Polar Sensor Logger GYRO/HR/PPG... file beside its ACC file): a
    folder search does not take it as an input of its own."""
    return any(m.accelerometer_sibling(path) is not None for m in (metabase_csv, polar_sensor_logger))


def detect(path: Path) -> Importer:
    """The importer whose format ``path`` holds; :class:`DeviceFileError` when none does."""
    head = read_head(path)
    for importer in IMPORTERS:
        if importer.sniff(head):
            return importer
    known = ", ".join(i.name for i in IMPORTERS)
    raise DeviceFileError(worded.UNKNOWN_FORMAT, path=path, known=known, head=_describe(head))


def open_recording(path: str | Path, placement: Placement | str | None = None, sensor_id: str | None = None) -> DeviceRecording:
    """Open one sensor's recording; placement from the argument or the name (``x.thigh.cwa``)."""
    path = Path(path)
    if not path.is_file():
        raise DeviceFileError(worded.NO_SUCH_FILE, path=path)
    importer = detect(path)
    if placement is None:
        placement = placement_from_name(path)
        if placement is None:
            raise DeviceFileError(worded.UNKNOWN_PLACEMENT, path=path, ext="<ext>")
    elif isinstance(placement, str):
        placement = Placement.parse(placement)
    return importer.open(path, placement, sensor_id or placement.value)


def _describe(head: bytes) -> str | worded.Phrase:
    """A printable description of a file's first bytes (never raw binary in a message); words
    as a Phrase, said in the CLI's language."""
    if not head:
        return worded.Phrase(worded.EMPTY_HEAD)
    first = head[:60].split(b"\n", 1)[0]
    if all(32 <= b < 127 or b in (9, 13) for b in first):
        return repr(first.decode("ascii").strip())
    return worded.Phrase(worded.BINARY_HEAD, hex=head[:8].hex(" "))
