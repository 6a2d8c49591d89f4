"""Errors of the record layer that the CLI can say in its language.

``str()`` is English (logs, the dashboard, the API); :meth:`WordedError.text` gives the same
sentence through a translation function (the CLI's ``tr``): ``template`` is a ``QT_TR_NOOP``
text of the catalogue (docs/translations.md), ``fields`` fill it in. The record stays Qt-free.
"""

from __future__ import annotations

from ..core.worded import QT_TR_NOOP, WordedValueError

__all__ = ["QT_TR_NOOP", "WordedError"]


class WordedError(WordedValueError):
    """The record layer's ValueError whose message is a catalogue template plus fields: the core's
    :class:`~oefensense.core.worded.WordedValueError`, whose ``text`` already says a field that is
    itself worded (the reason inside) in the same language (this class had its own copy of that
    until 5 Dec 2026)."""
