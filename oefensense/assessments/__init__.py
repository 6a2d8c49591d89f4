"""In-clinic assessments: guided standard tests scored from the worn sensors (docs/assessments.md).

One module per test behind :class:`~oefensense.assessments.base.AssessmentTest`; ``TESTS``
maps the CLI names to them. Pure computation on BodyFrames (no I/O): the CLI
(``oefensense.commands.assess``) and the dashboard feed the frames and show the results.
"""

from __future__ import annotations

from typing import Any

from .base import FLAG_CODES, AssessmentResult, AssessmentTest, Flag, Phase, RunContext
from .chair_stand import ChairStand30s
from .five_sts import FiveTimesSitToStand
from .trunk_rom import TrunkRom
from .tug import TimedUpAndGo
from .walk_test import WalkTest

TESTS: dict[str, type] = {cls.name: cls for cls in (ChairStand30s, FiveTimesSitToStand, TimedUpAndGo, TrunkRom, WalkTest)}


def make_test(name: str, **options: Any) -> AssessmentTest:
    """The test called ``name`` (CLI name) with its options; ValueError naming the known tests."""
    try:
        cls = TESTS[name]
    except KeyError:
        raise ValueError(f"unknown test {name!r}; known: {', '.join(TESTS)}") from None
    return cls(**{k: v for k, v in options.items() if v is not None})


__all__ = ["FLAG_CODES", "TESTS", "AssessmentResult", "AssessmentTest", "Flag", "Phase", "RunContext", "make_test"]
