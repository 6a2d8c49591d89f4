"""The one error type of the session package."""

from __future__ import annotations

from ..core.patient import InvalidPatientCode
from ..core.worded import WordedError


class SessionError(WordedError):
    """A session directory cannot be written or read as asked.

    The message is one line that says what is wrong and what to do (e.g. "not an OefenSense
    session: ... has no manifest.json; pass the session directory, not a file inside it").
    ``str()`` is English; a message a therapist meets is a catalogue template with fields
    (``SessionError(TEMPLATE, path=...)``), said in the CLI's or the dashboard's language by
    :meth:`text` (until 5 Dec 2026 every one was English under ``--language nl``); a programming
    error (a wrong argument) is plain English text.
    """


class InvalidSessionPatientCode(SessionError, InvalidPatientCode):
    """A manifest's patient code that is not a pseudonymous code: a SessionError that the CLI and
    the dashboard word as the core's ``InvalidPatientCode`` (it was English under --language nl)."""

    __init__ = InvalidPatientCode.__init__
    text = InvalidPatientCode.text

    def __reduce__(self):  # noqa: ANN204 - rebuilt from the code, as InvalidPatientCode is
        return (InvalidSessionPatientCode, (self.code,))
