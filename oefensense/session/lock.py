"""Writer lock: tells a session still being recorded from one whose recorder died.

The writer holds an exclusive ``flock`` on ``SESSION/.writer.lock`` while it records. The kernel
drops the lock when the process ends in any way (SIGKILL included), so a reader that can take a
shared lock knows nobody is writing: an unclosed session is then a crashed one. Where ``fcntl``
does not exist (Windows) the lock is a no-op and every unclosed session counts as crashed.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - non-POSIX
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".writer.lock"


class WriterLock:
    """Exclusive lock held for the lifetime of a SessionWriter."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / LOCK_NAME
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._fd: int | None = fd
        # A writer dropped without close() must not look "live" for the rest of the process.
        self._finalizer = weakref.finalize(self, os.close, fd)

    def release(self, remove: bool = True) -> None:
        if self._fd is None:
            return
        if remove:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
        self._finalizer()  # closes the fd once; closing drops the flock
        self._fd = None


def is_being_written(directory: Path) -> bool:
    """True when a live process holds the writer lock of ``directory``."""
    path = directory / LOCK_NAME
    if fcntl is None or not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # also releases the shared lock if we got it
    return False
