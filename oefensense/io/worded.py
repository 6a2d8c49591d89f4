"""File errors the CLI can say in its language.

``str()`` is English (logs, the API, batch's stored reasons); :meth:`WordedFileError.text` gives
the same sentence through a translation function (the CLI's ``tr``). ``template`` is a
``QT_TR_NOOP`` text of the catalogue (docs/translations.md), ``fields`` fill it in. A message
raised as plain text (no fields) is shown as it is. I/O stays Qt-free.
"""

from __future__ import annotations

from typing import Callable


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name lupdate looks for: the CLI shows these translated
    """Marks a template for the catalogue; :meth:`WordedFileError.text` translates it where shown."""
    return text


class WordedFileError(ValueError):
    """A ValueError whose message is a catalogue template plus fields (or a plain sentence)."""

    def __init__(self, template: str, **fields: object) -> None:
        self.template, self.fields = template, dict(fields)
        super().__init__(self.text())

    def text(self, tr: Callable[[str], str] = str) -> str:
        """The message, with the template through ``tr`` (default: English as raised); a field
        that is itself a WordedFileError (a reason inside) is translated too."""
        if not self.fields:
            return tr(self.template)
        return tr(self.template).format(**{k: v.text(tr) if isinstance(v, WordedFileError) else str(v)
                                            for k, v in self.fields.items()})

    def __reduce__(self):  # noqa: ANN204 - rebuilt from its parts (batch workers pickle it)
        return (_rebuild, (type(self), self.template, self.fields))


def _rebuild(cls: type, template: str, fields: dict[str, object]) -> WordedFileError:
    return cls(template, **fields)


NO_SUCH_FILE = QT_TR_NOOP("{path}: no such file")
UNKNOWN_PLACEMENT = QT_TR_NOOP("{path}: unknown placement; pass --placement (trunk, pelvis, thigh) or name the file "
                               "NAME.<placement>.{ext}")
NO_UNIT_COLUMNS = QT_TR_NOOP("{path}: no recognisable unit-suffixed columns (found {found}); expected {expected}")
CANNOT_READ = QT_TR_NOOP("{path}: cannot read ({reason})")
TRUNCATED_GZIP = QT_TR_NOOP("{path}: the compressed file ends too early (cut off while copying or downloading?): "
                            "copy it again from the original ({reason})")


def cannot_read(path: object, exc: BaseException, error: type[WordedFileError]) -> WordedFileError:
    """``error`` for a file the OS or the decompressor refused; a cut-off .gz says so (it said
    only "cannot read (Truncated compressed stream)")."""
    reason = str(exc) or type(exc).__name__
    truncated = isinstance(exc, EOFError) or "truncated" in reason.lower() or "end-of-stream" in reason.lower()
    return error(TRUNCATED_GZIP if truncated else CANNOT_READ, path=path, reason=reason)
