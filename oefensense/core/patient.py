"""Pseudonymous patient codes: the only patient identity OefenSense stores.

A code is what the practice uses instead of a name (``P001``, ``2026-017``). It becomes part of
file and folder names, database keys and exports, so it must be safe everywhere: 2-32 ASCII
letters, digits, ``-`` or ``_``, starting with a letter or digit. No spaces, dots or slashes
(a code like ``../../x`` could write outside the sessions folder), nothing that looks like an
e-mail address or a full name.
"""

from __future__ import annotations

import re
from typing import Callable

from .worded import QT_TR_NOOP

PATIENT_CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{1,31}")


INVALID_CODE = QT_TR_NOOP("invalid patient code {code}: use 2-32 letters, digits, '-' or '_', starting with a "
                          "letter or digit (a pseudonymous code such as P001, never a name)")


class InvalidPatientCode(ValueError):
    """A patient code that is not a safe pseudonymous code (the message says what is allowed).
    ``str()`` is English; :meth:`text` says it through a translation function (the CLI's or the
    dashboard's ``tr``: it was English in Dutch in both)."""

    def __init__(self, code: object) -> None:
        self.code = code
        super().__init__(self.text())

    def text(self, tr: Callable[[str], str] = str) -> str:
        return tr(INVALID_CODE).format(code=repr(self.code))

    def __reduce__(self):  # noqa: ANN204 - rebuilt from the code, not from the message
        return (InvalidPatientCode, (self.code,))


def validate_patient_code(code: str) -> str:
    """Return ``code`` unchanged when it is a valid pseudonymous code, else raise
    :class:`InvalidPatientCode` with a message that says what a code may contain."""
    if not isinstance(code, str) or PATIENT_CODE_PATTERN.fullmatch(code) is None:
        raise InvalidPatientCode(code)
    return code
