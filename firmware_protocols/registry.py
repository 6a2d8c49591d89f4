"""Imports every device family so that each registers itself. Add one line per new family."""

from . import polar  # noqa: F401
from . import metawear  # noqa: F401
from . import movesense  # noqa: F401
from . import witmotion  # noqa: F401
from . import thingy52  # noqa: F401
from . import dot  # noqa: F401
from . import oefensense  # noqa: F401
