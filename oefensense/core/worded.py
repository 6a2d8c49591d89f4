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


class WordedValueError(ValueError):
    """A ValueError whose message is a catalogue template plus text fields."""

    def __init__(self, template: str, **fields: object) -> None:
        self.template, self.fields = template, dict(fields)
        super().__init__(self.text())

    def text(self, tr: Callable[[str], str] = str) -> str:
        """The message, the template through ``tr`` (default: English as raised)."""
        return tr(self.template).format(**self.fields)

    def __reduce__(self):  # noqa: ANN204 - rebuilt from its parts (batch workers pickle it)
        return (_rebuild, (type(self), self.template, self.fields))


def _rebuild(cls: type, template: str, fields: dict[str, object]) -> WordedValueError:
    return cls(template, **fields)
