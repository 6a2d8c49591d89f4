"""One import point for family modules and tests: re-exports the shared helpers.

``util`` (UUIDs, matching, quantisation), ``playback`` (recording replay, simulated streams),
``decoding`` (DecoderBase), ``clocks`` (CounterClock, DeviceClock, SequenceTracker), ``family``
(FamilyBase, check_rate, pick_range).
"""

from .clocks import ContinuityGuard, CounterClock, DeviceClock, Held, SequenceTracker  # noqa: F401
from .decoding import ClockedDecoder, DecoderBase, Limits  # noqa: F401
from .family import FamilyBase, check_rate, pick_range  # noqa: F401
from .playback import Encoder, RecordingSource, SimFirmwareBase, SimStream  # noqa: F401
from .util import (  # noqa: F401
    BATTERY_LEVEL_UUID,
    BATTERY_SERVICE_UUID,
    NS,
    adv_matches,
    norm_uuid,
    quantise,
    resp,
    sig_uuid,
)
