"""Device families, one folder each: decoder, command builder, UUIDs, advertisement matcher,
simulated firmware, spec notes and golden vectors. Installed as ``oefensense.protocols``.

Depends on numpy only: no Bleak, no asyncio, no I/O.
"""

from .base import (  # noqa: F401
    AdvertisementInfo,
    CommandResponse,
    DecodedBatch,
    DecoderStats,
    GattWrite,
    UnsupportedConfig,
    DecodeError,
    DeviceFamily,
    FlaggedDrop,
    SimulatedFirmware,
    StreamConfig,
    get_family,
    families,
    register,
)

from .registry import VARIANTS, DeviceVariant, device_variant  # noqa: E402,F401
