"""The session package's sentences a therapist meets (``oefensense info``, ``replay``, ``record``,
``repair``, the dashboard's "Open session"), as catalogue templates: ``SessionError(TEMPLATE,
path=...)`` is English as raised and said in the CLI's or the dashboard's language by its ``text``
(docs/translations.md). Until 5 Dec 2026 they were English under ``--language nl``."""

from __future__ import annotations

from ..core.worded import QT_TR_NOOP, WordedError

# reading a session (manifest.read_manifest, reader.SessionReader)
NO_SESSION = QT_TR_NOOP("no session at {path}: the path does not exist")
IS_A_FILE = QT_TR_NOOP("not an OefenSense session: {path} is a file; pass the session directory")
EMPTY_DIRECTORY = QT_TR_NOOP("not an OefenSense session: {path} is an empty directory")
NO_MANIFEST = QT_TR_NOOP("not an OefenSense session: {path} is a directory without manifest.json")
MANIFEST_NOT_JSON = QT_TR_NOOP("damaged session: {path} is not valid JSON ({reason})")
NOT_A_MANIFEST = QT_TR_NOOP("not an OefenSense session: {path} is not a {format} manifest")
BAD_FORMAT_VERSION = QT_TR_NOOP("damaged session: {path} has an invalid format_version {version}")
NEWER_FORMAT = QT_TR_NOOP("session format version {version} is newer than this OefenSense reads ({supported}); "
                          "upgrade oefensense")
BAD_SENSOR_LIST = QT_TR_NOOP("damaged session: sensor list in {path} is invalid ({reason})")
BAD_FIELD = QT_TR_NOOP("damaged session: {where}: {field} {what}")
NO_SUCH_SENSOR = QT_TR_NOOP("no sensor {sensor} in session {path}; known: {known}")
DAMAGED = QT_TR_NOOP("damaged session {path}: {loss}{more}; run `oefensense repair {path}` to keep the intact "
                     "data and flag what was lost")
MORE_LOSSES = QT_TR_NOOP(" (+{n} more)")
NO_RAW_PACKETS = QT_TR_NOOP("session {path} holds no recorded raw packets: nothing to replay")

# a loss found on reading (integrity.Loss); English as it always read ("400 samples rows lost")
LOSS_MISSING = QT_TR_NOOP("{file} is missing: {rows} {kind_rows} lost{span}")
LOSS_CHECKSUM = QT_TR_NOOP("{file} failed its checksum: {rows} {kind_rows} lost{span}")
LOSS_UNREADABLE = QT_TR_NOOP("{file} cannot be read: {rows} {kind_rows} lost{span}")
LOSS_TRUNCATED = QT_TR_NOOP("{file} is truncated: {rows} {kind_rows} lost{span}")
LOSS_OTHER = QT_TR_NOOP("{file} {reason}: {rows} {kind_rows} lost{span}")
KIND_ROWS = {"samples": QT_TR_NOOP("samples rows"), "packets": QT_TR_NOOP("packets rows"),
             "events": QT_TR_NOOP("events rows")}
UNKNOWN_NUMBER = QT_TR_NOOP("an unknown number of")
LOSS_SPAN = QT_TR_NOOP(", {first}–{last} s")

# recording, compacting, repairing (writer, compact, repair, privacy)
RECORD_TO_FILE = QT_TR_NOOP("cannot record to {path}: it is a file; choose a new directory")
RECORD_NOT_EMPTY = QT_TR_NOOP("cannot record to {path}: the directory is not empty; choose a new one")
RECORD_LOCKED = QT_TR_NOOP("cannot record to {path}: another recorder is writing there; choose another directory")
RECORD_OS = QT_TR_NOOP("cannot record to {path}: {reason}")
WRITE_FAILED = QT_TR_NOOP("could not write {kind} to {path}: {reason}; the rows stay buffered and are retried at the "
                          "next flush (free disk space?)")
STOP_ABANDONED = QT_TR_NOOP("the stop of {path} was abandoned; it was not marked closed")
COMPACT_RECORDING = QT_TR_NOOP("cannot compact {path}: it is still being recorded; stop the recording first")
REPAIR_RECORDING = QT_TR_NOOP("cannot repair {path}: it is still being recorded; stop the recording first")
NO_MANIFEST_COPY = QT_TR_NOOP("{reason}; no segment or Parquet file holds a copy of the manifest: nothing to repair")
BAD_MANIFEST_COPY = QT_TR_NOOP("the manifest copy in {path} is not an OefenSense manifest; nothing to repair")
SALT_UNUSABLE = QT_TR_NOOP("cannot use the device-id salt {path}: {reason}; set {env} to a private folder (or record "
                           "with --keep-device-ids)")
SALT_SHORT = QT_TR_NOOP("the device-id salt {path} is too short; remove it to make a new one")


def phrase(template: str, **fields: object) -> WordedError:
    """A part of a sentence (a loss, "an unknown number of") said in the sentence's language."""
    return WordedError(template, **fields)
