"""Where the record lives: the database URL and the data directory.

The URL comes from ``--database URL`` (a SQLAlchemy URL), else ``OEFENSENSE_DATABASE``, else an
embedded SQLite file ``record.sqlite`` in the data directory: ``OEFENSENSE_DATA_DIR`` if set,
else the user's data directory (platformdirs: ``~/.local/share/oefensense`` on Linux). The
directory is created 0700 and the SQLite file 0600 (SQLite gives its journal files the database
file's mode), so other users of the machine cannot read patient data.

A bare ``postgresql://`` URL is given the pg8000 driver (the ``postgres`` extra installs it).
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_ENV = "OEFENSENSE_DATABASE"
DATA_DIR_ENV = "OEFENSENSE_DATA_DIR"
SQLITE_NAME = "record.sqlite"
DIR_MODE = 0o700
FILE_MODE = 0o600


def data_dir() -> Path:
    """The user's OefenSense data directory (not created here; shared with the device-id salt)."""
    from ..session.privacy import data_dir as shared_data_dir

    return shared_data_dir()


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with mode 0700 for the last level; return it."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, DIR_MODE)
    return path


def database_url(url: str | None = None) -> str:
    """The SQLAlchemy URL to open: ``url``, else ``$OEFENSENSE_DATABASE``, else the default
    SQLite file (its directory and an empty 0600 file are created so the mode holds from the
    first byte)."""
    chosen = url or os.environ.get(DATABASE_ENV)
    if chosen:
        return normalise_url(chosen)
    path = private_dir(data_dir()) / SQLITE_NAME
    fd = os.open(path, os.O_CREAT | os.O_RDWR, FILE_MODE)
    os.close(fd)
    os.chmod(path, FILE_MODE)
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """Give bare PostgreSQL URLs the driver this package ships (pg8000)."""
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            return "postgresql+pg8000://" + url[len(bare):]
    return url


def sqlite_file(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL (None for memory or other databases). Driver options
    after ``?`` (``timeout=2``) are not part of the name, nor is the ``file:`` of a URI filename
    (``sqlite:///file:/path/record.sqlite?mode=ro&uri=true`` opens a record read-only)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    name = url[len(prefix):].split("?", 1)[0]
    name = name[len("file:"):] if name.startswith("file:") else name
    return Path(name) if name not in ("", ":memory:") else None


def redact(url: str) -> str:
    """The URL without its password (for messages)."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
