"""File errors the CLI can say in its language.

``str()`` is English (logs, the API, batch's stored reasons); :meth:`WordedFileError.text` gives
the same sentence through a translation function (the CLI's ``tr``). ``template`` is a
``QT_TR_NOOP`` text of the catalogue (docs/translations.md), ``fields`` fill it in. A message
raised as plain text (no fields) is shown as it is. I/O stays Qt-free.
"""

from __future__ import annotations

from typing import Callable

from ..core.worded import QT_TR_NOOP, Number, WordedValueError, said

__all__ = ["QT_TR_NOOP", "WordedFileError", "Phrase", "Number", "field_text", "cannot_read"]


class WordedFileError(WordedValueError):
    """A ValueError whose message is a catalogue template plus fields (or a plain sentence); its
    fields may be phrases and numbers said in the reader's language (:meth:`text`, the core's)."""


class Phrase(WordedFileError):
    """A part of a message (a unit, a hint) that is translated where the message is."""


def field_text(value: object, tr: Callable[[str], str] = str, decimal_comma: bool = False) -> str:
    """One field of a worded message in words (see :meth:`WordedFileError.text`)."""
    return str(said(value, tr, decimal_comma))


NO_SUCH_FILE = QT_TR_NOOP("{path}: no such file")
UNKNOWN_PLACEMENT = QT_TR_NOOP("{path}: unknown placement; pass --placement (trunk, pelvis, thigh) or name the file "
                               "NAME.<placement>.{ext}")
NO_UNIT_COLUMNS = QT_TR_NOOP("{path}: no recognisable unit-suffixed columns (found {found}); expected {expected}")
EXPECTED_COLUMNS = QT_TR_NOOP("time_s (or time_ms), acc_x_g/acc_y_g/acc_z_g (or acc_*_ms2); optional gyr_x_dps.. "
                              "(or gyr_*_rads), mag_x_ut..")
UNKNOWN_FORMAT = QT_TR_NOOP("{path}: not a recording in a known format ({known}); it starts with {head}")
EMPTY_HEAD = QT_TR_NOOP("nothing (empty file)")
BINARY_HEAD = QT_TR_NOOP("bytes {hex}")
# the CSV checks' refusals (io/csv_stream.py, io/csv_checks.py)
EMPTY_FILE = QT_TR_NOOP("{path}: the file is empty (no header, no rows)")
NOT_A_CSV = QT_TR_NOOP("{path}: not a readable CSV ({reason}); expected columns {expected}")
NON_NUMERIC = QT_TR_NOOP("{path}: non-numeric values ({reason}); expected columns {expected}")
NO_ROWS = QT_TR_NOOP("{path}: no complete rows (the file has a header and no data)")
NO_USABLE_ROWS = QT_TR_NOOP("{path}: no complete rows (every row has a missing, non-finite or impossible value)")
MOSTLY_UNUSABLE = QT_TR_NOOP("{path}: {bad} of {rows} rows are unusable ({nonfinite} NaN/inf, {beyond} beyond "
                             "±{max_g} g / ±{max_dps} deg/s): check the file")
ZERO_AFTER_FIRST = QT_TR_NOOP("{path}: the recording's zero ({zero} s) is after its first row ({first} s)")
TIME_REVERSED = QT_TR_NOOP("{path}: time runs backwards in {back} of {steps} steps: the rows are in reverse order; "
                           "sort the file by time")
TIME_GOES_BACK = QT_TR_NOOP("{path}: time goes back {back} s at data row {row} (from {before} s to {after} s): rows "
                            "are out of time order by more than {window} s; sort the file by time")
TIME_STEP = QT_TR_NOOP("{path}: {name} steps by a median of {step} ({rate} samples per second): {hint}")
TIMES_IN_MS = QT_TR_NOOP("the times look like milliseconds; name the column time_ms (or divide by 1000)")
TIMES_IN_UNIT = QT_TR_NOOP("the times look like {unit}; convert it to seconds")
TIMES_NO_UNIT = QT_TR_NOOP("no time unit gives a plausible rate; convert it to seconds")
TIME_UNITS = {"microseconds": QT_TR_NOOP("microseconds"), "nanoseconds": QT_TR_NOOP("nanoseconds"),
              "minutes": QT_TR_NOOP("minutes"), "hours": QT_TR_NOOP("hours")}
TIME_JUMP = QT_TR_NOOP("{path}: time jumps to {t} s at data row {row} ({rel} s from the first row, more than {max} s): "
                       "not a time of this recording; check the time column")
ACC_AT_REST = QT_TR_NOOP("{path}: |acc| at rest is {g} g (median), expected about 1 g: {hint}")
ACC_LOOKS_G = QT_TR_NOOP("the {cols} columns look like g; name them acc_*_g")
ACC_LOOKS_MS2 = QT_TR_NOOP("the {cols} columns look like m/s²; name them acc_*_ms2")
ACC_LOOKS_MG = QT_TR_NOOP("the {cols} columns look like mg; divide by 1000")
ACC_LOOKS_CMS2 = QT_TR_NOOP("the {cols} columns look like cm/s²; convert to g")
ACC_COUNTS = QT_TR_NOOP("they look like raw sensor counts; convert them to g with the sensor's sensitivity")
ACC_NO_UNIT = QT_TR_NOOP("the values are not in {unit} nor any usual unit; check the columns")
GYRO_RATIO = QT_TR_NOOP("{path}: the gyroscope turns {ratio} times as far as the accelerometer tilts (about 1 "
                        "expected): the gyr_*_{declared} columns look like {guess}")
GYRO_DPS = QT_TR_NOOP("deg/s; name them gyr_*_dps")
GYRO_SMALLER = QT_TR_NOOP("a smaller unit than deg/s")
GYRO_RADS = QT_TR_NOOP("rad/s; name them gyr_*_rads")
GYRO_LARGER = QT_TR_NOOP("a larger unit than rad/s")
CANNOT_READ = QT_TR_NOOP("{path}: cannot read ({reason})")
TRUNCATED_GZIP = QT_TR_NOOP("{path}: the compressed file ends too early (cut off while copying or downloading?): "
                            "copy it again from the original ({reason})")


def cannot_read(path: object, exc: BaseException, error: type[WordedFileError]) -> WordedFileError:
    """``error`` for a file the OS or the decompressor refused; a cut-off .gz says so (it said
    only "cannot read (Truncated compressed stream)")."""
    reason = str(exc) or type(exc).__name__
    truncated = isinstance(exc, EOFError) or "truncated" in reason.lower() or "end-of-stream" in reason.lower()
    return error(TRUNCATED_GZIP if truncated else CANNOT_READ, path=path, reason=reason)
