"""Crash-safe session directories: record append-only, survive SIGKILL, compact to Parquet.

```python
from oefensense.session import SessionWriter, SessionReader, SessionError, session_info
```

Layout and units: see ``format.py``. Writer guarantees: see ``writer.py``.
"""

from .compact import compact_session
from .errors import SessionError
from .info import InfoSettings, session_info
from .manifest import file_sha256
from .integrity import Loss
from .reader import SessionReader
from .repair import RepairReport, repair_session
from .threaded import BackgroundSessionWriter
from .writer import SessionWriter

__all__ = [
    "SessionWriter",
    "SessionReader",
    "SessionError",
    "session_info",
    "InfoSettings",
    "compact_session",
    "file_sha256",
    "BackgroundSessionWriter",
    "Loss",
    "RepairReport",
    "repair_session",
]
