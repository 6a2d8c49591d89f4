"""Device identifiers in session files are kept only as salted hashes (unless asked otherwise).

A BLE address and a serial number in a device name (``Polar Sense B5A2F32C``,
``Movesense 174630000192``) identify the person wearing the sensor as surely as a name. A session
manifest therefore stores ``dev-<16 hex>`` instead: HMAC-SHA256 of the identifier with a secret
salt of this installation, so one device keeps one id across sessions of the practice while
the address cannot be read back. The salt is 32 random bytes in ``<data dir>/device-salt``
(created 0600 on first use; the data dir is ``$OEFENSENSE_DATA_DIR``, else the user's data
directory, as for the patient record). Whoever needs the real addresses in the files records
with ``keep_device_ids=True`` (``record --keep-device-ids``); the manifest says which
(``device_ids``: ``"hashed"`` or ``"kept"``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import replace
from pathlib import Path

from ..core.types import SensorInfo
from . import words as w
from .errors import SessionError

DATA_DIR_ENV = "OEFENSENSE_DATA_DIR"
SALT_NAME = "device-salt"
HASH_PREFIX = "dev-"
# A serial in a device name: a token of 6 or more letters/digits holding at least one digit.
_SERIAL = re.compile(r"(?<!dev-)\b(?=[0-9A-Za-z]*\d)[0-9A-Za-z]{6,}\b")


def data_dir() -> Path:
    """The user's OefenSense data directory (not created here)."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("oefensense", appauthor=False))


def installation_salt(directory: Path | None = None) -> bytes:
    """This installation's secret salt, made on first use. Race-safe: the salt is written whole
    to a private temporary file and published with ``os.link``, which fails when another process
    published first (then its salt is read), so nobody ever reads a half-written salt."""
    folder = directory or data_dir()
    path = folder / SALT_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            tmp = folder / f".{SALT_NAME}.{os.getpid()}.{secrets.token_hex(4)}"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with open(fd, "w") as fh:
                    fh.write(secrets.token_hex(32))
                try:
                    os.link(tmp, path)
                except FileExistsError:
                    pass
            finally:
                tmp.unlink(missing_ok=True)
        text = path.read_text().strip()
        salt = bytes.fromhex(text)
    except (OSError, ValueError) as exc:
        raise SessionError(w.SALT_UNUSABLE, path=path, reason=exc, env=DATA_DIR_ENV) from None
    if len(salt) < 16:
        raise SessionError(w.SALT_SHORT, path=path)
    return salt


def hash_identifier(identifier: str, salt: bytes) -> str:
    """``dev-<16 hex>`` for an address or serial (already hashed ones are left alone)."""
    if not identifier or identifier.startswith(HASH_PREFIX):
        return identifier
    return HASH_PREFIX + hmac.new(salt, identifier.upper().encode(), hashlib.sha256).hexdigest()[:16]


def private_text(text: str, salt: bytes) -> str:
    """``text`` with every serial-like token replaced by its hash (``Polar Sense dev-…``)."""
    return _SERIAL.sub(lambda m: hash_identifier(m.group(0), salt), text)


def private_sensor_info(info: SensorInfo, salt: bytes) -> SensorInfo:
    """``info`` with its address and the serials in its device name hashed."""
    return replace(info, address=hash_identifier(info.address, salt), firmware=private_text(info.firmware, salt))


def private_device_arg(text: str, salt: bytes) -> str:
    """A ``--device ADDRESS[@family][=placement]`` argument with its address hashed."""
    head, sep, placement = text.partition("=")
    address, at, family = head.partition("@")
    return hash_identifier(address.strip(), salt) + at + family + sep + placement
