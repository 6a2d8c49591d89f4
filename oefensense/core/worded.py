"""Errors of the core that the CLI can say in its language (the core never imports the I/O
layer's ``io.worded``, so the same idea is kept here, for plain text fields only).

``str()`` is English (logs, the API, batch's stored reasons); :meth:`WordedValueError.text`
gives the sentence through a translation function (the CLI's ``tr``). ``template`` is a
``QT_TR_NOOP`` text of the catalogue, ``fields`` fill it in (``str.format``, ``{text!r}`` works).
"""

from __future__ import annotations

from typing import Callable


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks a template for the catalogue; :meth:`WordedValueError.text` translates it where shown."""
    return text


class WordedError(Exception):
    """An error whose message is a catalogue template plus fields: the base of
    :class:`WordedValueError` and of errors that are not ValueErrors (a session's). A field that is
    itself a WordedError (a phrase inside the sentence) is said in the same language, a
    :class:`Number` with a decimal comma in Dutch; a template raised without fields is shown as it
    is (it may hold braces: a repr, a set)."""

    def __init__(self, template: str, **fields: object) -> None:
        self.template, self.fields = template, dict(fields)
        super().__init__(self.text())

    def text(self, tr: Callable[[str], str] = str, decimal_comma: bool = False) -> str:
        """The message, the template through ``tr`` (default: English as raised); ``decimal_comma``
        (Dutch) writes :class:`Number` fields with a comma."""
        if not self.fields:
            return tr(self.template)
        return tr(self.template).format(**{k: said(v, tr, decimal_comma) for k, v in self.fields.items()})

    def __reduce__(self):  # noqa: ANN204 - rebuilt from its parts (batch workers pickle it)
        return (_rebuild, (type(self), self.template, self.fields))


class Number(float):
    """A number field: ``str`` in English as raised (``spec``, e.g. ``.3g``), with a decimal comma
    through :meth:`WordedError.text` in Dutch."""

    spec: str

    def __new__(cls, value: float, spec: str = "g") -> Number:
        obj = super().__new__(cls, value)
        obj.spec = spec
        return obj

    def __str__(self) -> str:
        return format(float(self), self.spec)

    def __reduce__(self):  # noqa: ANN204 - keeps its spec across processes (batch workers)
        return (Number, (float(self), self.spec))


def said(value: object, tr: Callable[[str], str] = str, decimal_comma: bool = False) -> object:
    """One field of a worded message as it is said: a phrase translated, a Number with the
    language's decimal mark, anything else as it is (``str.format`` applies its spec)."""
    if isinstance(value, WordedError):
        return value.text(tr, decimal_comma)
    if isinstance(value, Number):
        return str(value).replace(".", ",") if decimal_comma else str(value)
    return value


class WordedValueError(WordedError, ValueError):
    """A ValueError whose message is a catalogue template plus text fields."""


def _rebuild(cls: type, template: str, fields: dict[str, object]) -> WordedError:
    return cls(template, **fields)
