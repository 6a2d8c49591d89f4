"""OefenSense: wearable posture and movement monitoring.

``oefensense.analyze(inputs, out=...)`` analyses recordings offline (see ``oefensense.api``).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["analyze", "replay", "__version__"]


def __getattr__(name: str) -> Any:
    # Lazy, so `import oefensense` stays cheap for the CLI and for the GUI's import checks.
    if name in ("analyze", "replay"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
