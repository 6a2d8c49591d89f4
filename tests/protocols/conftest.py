import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "firmware_protocols"


def load_vectors(family: str) -> dict:
    """Golden vectors stored next to the family's code (each with its source)."""
    return json.loads((ROOT / family / "vectors.json").read_text())


@pytest.fixture
def vectors(request):
    return load_vectors(request.module.FAMILY)
