"""Imports every device family so that each registers itself. Add one line per new family
(and its id to ``ORDER``: the order of importance, used by ``families()`` and the CLI)."""

from . import dot, metawear, movesense, oefensense, polar, thingy52, witmotion  # noqa: F401

ORDER = ("polar", "metawear", "movesense", "witmotion", "thingy52", "dot", "oefensense")
