"""An operating system's error (``OSError``) in the CLI's language: the errno's meaning from the
catalogue and its symbolic name, "geen toegang (EACCES)", never the C library's English prose
("kan /x niet gebruiken: Permission denied" stood in Dutch output until 5 Dec 2026). An errno
without a text here reads by name and number, "besturingssysteemfout EIO (errno 5)"."""

from __future__ import annotations

import errno as errno_names
import os
from typing import Callable

from .lang import QT_TR_NOOP

#: the meaning of an operating-system error (errno) after "cannot use PATH:"; the errno's name follows in brackets
OS_ERRORS = {
    "EACCES": QT_TR_NOOP("permission denied"),
    "EPERM": QT_TR_NOOP("operation not permitted"),
    "ENOENT": QT_TR_NOOP("no such file or folder"),
    "EEXIST": QT_TR_NOOP("already exists"),
    "EISDIR": QT_TR_NOOP("is a folder"),
    "ENOTDIR": QT_TR_NOOP("a part of the path is not a folder"),
    "ENOTEMPTY": QT_TR_NOOP("the folder is not empty"),
    "EROFS": QT_TR_NOOP("read-only file system"),
    "ENOSPC": QT_TR_NOOP("no space left on the disk"),
    "EDQUOT": QT_TR_NOOP("disk quota exceeded"),
    "ENAMETOOLONG": QT_TR_NOOP("file name too long"),
    "EBUSY": QT_TR_NOOP("in use"),
    "EMFILE": QT_TR_NOOP("too many open files"),
}
OTHER = QT_TR_NOOP("operating-system error {name} (errno {number})")


def os_reason(exc: OSError, tr: Callable[[str], str]) -> str:
    """Why the operating system refused, in ``tr``'s language: "permission denied (EACCES)";
    an errno without a text "operating-system error EIO (errno 5)"; no errno, or a message of
    our own in place of the C library's: the error's own text."""
    if not isinstance(exc.errno, int):
        return str(exc.strerror or exc)
    if exc.strerror and exc.strerror != os.strerror(exc.errno):  # a sentence of ours (io/rewind's advice), not the C library's
        return exc.strerror
    name = errno_names.errorcode.get(exc.errno, "")
    if name in OS_ERRORS:
        return f"{tr(OS_ERRORS[name])} ({name})"
    return tr(OTHER).format(name=name or "?", number=exc.errno)
