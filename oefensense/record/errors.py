"""Errors of the record layer that the CLI can say in its language.

``str()`` is English (logs, the dashboard, the API); :meth:`WordedError.text` gives the same
sentence through a translation function (the CLI's ``tr``): ``template`` is a ``QT_TR_NOOP``
text of the catalogue (docs/translations.md), ``fields`` fill it in. The record stays Qt-free.
"""

from __future__ import annotations

from typing import Callable

from ..core.worded import QT_TR_NOOP, WordedValueError

__all__ = ["QT_TR_NOOP", "WordedError"]


class WordedError(WordedValueError):
    """A ValueError whose message is a catalogue template plus fields (the core's
    :class:`~oefensense.core.worded.WordedValueError`); here every field is said as text, and a
    field that is itself a WordedError (the reason inside) is translated too."""

    def text(self, tr: Callable[[str], str] = str) -> str:
        """The message, with the template through ``tr`` (default: English as raised)."""
        return tr(self.template).format(**{k: v.text(tr) if isinstance(v, WordedError) else str(v)
                                            for k, v in self.fields.items()})
