"""The decoder base class: packet bookkeeping and the never-raise contract."""

from __future__ import annotations

from .base import CommandResponse, DecodedBatch, DecodeError, DecoderStats, StreamConfig
from .util import norm_uuid

_UUIDS: dict[str, str] = {}  # normalised UUID strings, cached: decode is the hot path


class DecoderBase:
    """Counts packets, refusals and gaps; subclasses implement ``_decode``.

    ``decode`` never raises: a malformed packet is counted in ``stats.dropped_packets`` and
    ``stats.errors`` (keyed by the DecodeError message's first words) and yields ``[]``; the
    latest refusal is kept in ``last_error``. ``decode_strict`` raises the DecodeError instead.
    """

    def __init__(self, config: StreamConfig) -> None:
        self.config = config
        self.stats = DecoderStats()
        self.last_error: DecodeError | None = None
        self.responses: list[CommandResponse] = []

    def decode(self, char_uuid: str, payload: bytes) -> list[DecodedBatch]:
        try:
            return self.decode_strict(char_uuid, payload)
        except DecodeError as e:
            self.last_error = e
            return []

    def decode_strict(self, char_uuid: str, payload: bytes) -> list[DecodedBatch]:
        self.stats.packets += 1
        uuid = _UUIDS.get(char_uuid)
        if uuid is None:
            uuid = _UUIDS[char_uuid] = norm_uuid(char_uuid) if isinstance(char_uuid, str) else ""
        try:
            out = self._decode(uuid, payload if type(payload) is bytes else bytes(payload))
        except DecodeError as e:
            self._refuse(e)
            raise
        except Exception as e:  # noqa: BLE001  bug guard: the stream must survive any packet
            err = DecodeError(f"malformed packet ({type(e).__name__}): {e}")
            self._refuse(err)
            raise err from e
        for b in out:
            self.stats.samples += len(b.t_device_ns)
        return out

    def _refuse(self, e: DecodeError) -> None:
        self.stats.dropped_packets += 1
        key = str(e).split(":")[0][:60]
        self.stats.errors[key] = self.stats.errors.get(key, 0) + 1

    def reset(self) -> None:
        self.stats = DecoderStats()
        self.last_error = None
        self.responses = []

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:  # pragma: no cover
        raise NotImplementedError
