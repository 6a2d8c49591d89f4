"""The one error type of the session package."""

from __future__ import annotations

from ..core.patient import InvalidPatientCode


class SessionError(Exception):
    """A session directory cannot be written or read as asked.

    The message is one line that says what is wrong and what to do (e.g. "not an OefenSense
    session: ... has no manifest.json; pass the session directory, not a file inside it").
    """


class InvalidSessionPatientCode(SessionError, InvalidPatientCode):
    """A manifest's patient code that is not a pseudonymous code: a SessionError that the CLI and
    the dashboard word as the core's ``InvalidPatientCode`` (it was English under --language nl)."""

    def __reduce__(self):  # noqa: ANN204 - rebuilt from the code, as InvalidPatientCode is
        return (InvalidSessionPatientCode, (self.code,))
