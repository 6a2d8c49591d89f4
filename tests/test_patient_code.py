from __future__ import annotations

import pytest

from oefensense.core.patient import InvalidPatientCode, validate_patient_code


@pytest.mark.parametrize("code", ["P001", "2026-017", "ab", "x_y-Z9", "A" * 32])
def test_pseudonymous_codes_are_accepted(code: str) -> None:
    assert validate_patient_code(code) == code


@pytest.mark.parametrize(
    "code",
    ["", "P", "../../escaped", "a/b", "a b", "Jan Jansen", "jan@example.nl", ".hidden", "-P1", "A" * 33, "P001\n", "é12"],
)
def test_unsafe_codes_are_refused_with_what_is_allowed(code: str) -> None:
    with pytest.raises(InvalidPatientCode, match="2-32 letters, digits"):
        validate_patient_code(code)
