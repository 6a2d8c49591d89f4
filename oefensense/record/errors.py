"""Errors of the record layer that the CLI can say in its language.

``str()`` is English (logs, the dashboard, the API); :meth:`WordedError.text` gives the same
sentence through a translation function (the CLI's ``tr``): ``template`` is a ``QT_TR_NOOP``
text of the catalogue (docs/translations.md), ``fields`` fill it in. The record stays Qt-free.
"""

from __future__ import annotations

from typing import Callable


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name lupdate looks for: the CLI shows these translated
    """Marks a template for the catalogue; :meth:`WordedError.text` translates it where shown."""
    return text


class WordedError(ValueError):
    """A ValueError whose message is a catalogue template plus fields."""

    def __init__(self, template: str, **fields: object) -> None:
        self.template, self.fields = template, dict(fields)
        super().__init__(self.text())

    def text(self, tr: Callable[[str], str] = str) -> str:
        """The message, with the template through ``tr`` (default: English as raised); a field
        that is itself a WordedError (the reason inside) is translated too."""
        return tr(self.template).format(**{k: v.text(tr) if isinstance(v, WordedError) else str(v)
                                            for k, v in self.fields.items()})

    def __reduce__(self):  # noqa: ANN204 - rebuilt from its parts, not from the formatted message
        return (_rebuild, (type(self), self.template, self.fields))


def _rebuild(cls: type, template: str, fields: dict[str, object]) -> WordedError:
    return cls(template, **fields)
