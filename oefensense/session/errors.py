"""The one error type of the session package."""

from __future__ import annotations


class SessionError(Exception):
    """A session directory cannot be written or read as asked.

    The message is one line that says what is wrong and what to do (e.g. "not an OefenSense
    session: ... has no manifest.json; pass the session directory, not a file inside it").
    """
