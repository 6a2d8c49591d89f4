"""Turn ``INPUT...`` (files, folders searched recursively, glob patterns) into batch inputs.

Each input gets an id that is its path as given, relative to the working directory (an input
outside it keeps its absolute path under ``_outside/``), so ``p1/day1.csv`` and ``p2/day1.csv``
are different ids and their results never overwrite each other; the same command run again
gives the same ids, which is what makes a batch resumable.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

from ..io.importers import is_companion_file
from ..io.worded import QT_TR_NOOP, WordedFileError

# Extensions a folder search picks up (files given by name are always taken: the importer
# chooses by content). Case-insensitive.
RECORDING_SUFFIXES = (".cwa", ".gt3x", ".bin", ".csv", ".csv.gz", "_acc.txt", "_acc.txt.gz")  # _acc.txt: Polar Sensor Logger
SESSION_MANIFEST = "manifest.json"


class DiscoveryError(WordedFileError):
    """An INPUT argument names nothing that can be analysed (in the CLI's language through
    :meth:`~oefensense.io.worded.WordedFileError.text`)."""


NO_SUCH_INPUT = QT_TR_NOOP("{text}: no such file, folder or matching pattern")
SAME_INPUT_ID = QT_TR_NOOP("two different files map to the same input id {id}: name them without '..'")
NO_RECORDINGS = QT_TR_NOOP("no recordings found in {where}{more}")


@dataclass(frozen=True, slots=True)
class BatchInput:
    """One recording of the batch: ``id`` (a relative path, unique) and the absolute ``path``."""

    id: str
    path: Path
    is_session: bool = False


def is_session_dir(path: Path) -> bool:
    return path.is_dir() and (path / SESSION_MANIFEST).is_file()


def input_id(path: Path, cwd: Path) -> str:
    """The path as the user wrote it, relative to ``cwd``. Symbolic links are not followed: a
    cohort folder of links into a data store keeps its own names (``study/p1.csv``), not the
    store's absolute path under ``_outside/`` (folder names above the working directory, which
    may name a patient, would reach the tables); a cwd reached through a link still matches."""
    given = Path(os.path.normpath(cwd / path))  # lexical: ``..`` and ``.`` only
    for candidate, base in ((given, cwd), (path.resolve(), cwd.resolve())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return "_outside/" + given.relative_to(given.anchor).as_posix()


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    return not name.startswith(".") and name.endswith(RECORDING_SUFFIXES)


def _walk(folder: Path, skip: Path | None, passed_over: list[Path] | None = None) -> list[tuple[Path, bool]]:
    """(path, is_session) of every recording under ``folder``, in sorted order; the other
    visible files (neither a recording by name nor part of one) go to ``passed_over``."""
    found: list[tuple[Path, bool]] = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        if skip is not None and here.resolve() == skip:
            dirs[:] = []
            continue
        if (here / SESSION_MANIFEST).is_file():
            found.append((here, True))
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = here / name
            if _wanted(path) and not is_companion_file(path):
                found.append((path, False))
            elif passed_over is not None and not name.startswith(".") and not is_companion_file(path):
                passed_over.append(path)
    return found


def discover(arguments: list[str | Path], out_dir: Path | None = None, cwd: Path | None = None,
             passed_over: list[str] | None = None) -> list[BatchInput]:
    """The batch inputs of the command-line arguments, sorted by id, each file once.

    A folder is searched recursively (hidden entries and ``out_dir`` skipped; a folder holding a
    session manifest is one session input); a glob pattern expands to what it matches. An
    argument that names nothing raises :class:`DiscoveryError`. ``passed_over`` receives the ids
    of the visible files a folder search did not take (not a recording by their name), so the
    caller can say so instead of dropping them silently.
    """
    skipped: list[Path] = []
    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    skip = out_dir.resolve() if out_dir is not None else None
    found: dict[Path, BatchInput] = {}
    for arg in arguments:
        text = str(arg)
        path = Path(text)
        if path.exists():
            matches = [path]
        else:
            matches = [Path(m) for m in sorted(glob.glob(text, recursive=True))]
            if not matches:
                raise DiscoveryError(NO_SUCH_INPUT, text=text)
        for match in matches:
            if match.is_dir() and not is_session_dir(match):
                entries = _walk(match, skip, skipped)
            else:
                entries = [(match, is_session_dir(match))]
            for entry, session in entries:
                resolved = entry.resolve()
                found.setdefault(resolved, BatchInput(input_id(entry, cwd), resolved, session))
    if passed_over is not None:
        passed_over += sorted({input_id(p, cwd) for p in skipped if p.resolve() not in found})
    inputs = sorted(found.values(), key=lambda i: i.id)
    ids = [i.id for i in inputs]
    if len(set(ids)) != len(ids):  # e.g. ``link/../x`` (lexically ``x``) and ``x``: different files
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise DiscoveryError(SAME_INPUT_ID, id=twice[0])
    return inputs
