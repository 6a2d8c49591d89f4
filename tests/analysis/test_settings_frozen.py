"""A checked setting cannot be changed past its check: every settings class that checks its
values (``core/limits.py``) is frozen, or checks again on assignment (``TrunkRom``). On main,
``ExposureSettings``, ``LiftingSettings`` and ``LiveSettings`` took ``bend_hysteresis_deg = -1``
after construction and the stage ran with it; ``TrunkRom().reps = 0`` ended the test at once.
The grids that build settings variants (``dataclasses.replace`` or keywords) still construct."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from pathlib import Path

import pytest

from oefensense.analysis.exposure import ExposureSettings
from oefensense.analysis.lifting import LiftingSettings
from oefensense.assessments.trunk_rom import TrunkRom
from oefensense.core.limits import SettingError
from oefensense.live import LiveSettings
from oefensense.models.training import train_lifting as tl

ROOT = Path(__file__).resolve().parents[2]


def _checked_settings() -> list[type]:
    """Every dataclass whose ``__post_init__`` calls a check of ``core/limits.py``, found in the
    modules that import it (a new settings class is covered without listing it here)."""
    found = []
    for path in sorted((ROOT / "oefensense").rglob("*.py")):
        if "core.limits import" not in path.read_text(encoding="utf-8"):
            continue
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for obj in vars(module).values():
            if (inspect.isclass(obj) and obj.__module__ == module.__name__ and dataclasses.is_dataclass(obj)
                    and "__post_init__" in vars(obj) and "check_" in inspect.getsource(vars(obj)["__post_init__"])):
                found.append(obj)
    return found


CHECKED = _checked_settings()


def test_the_known_settings_classes_are_found():
    names = {c.__name__ for c in CHECKED}
    assert {"ExposureSettings", "LiftingSettings", "LiveSettings", "PostureSettings", "TableSettings",
            "SyncSettings", "GaitSettings", "TransferSettings", "InfoSettings"} <= names


@pytest.mark.parametrize("cls", CHECKED, ids=lambda c: c.__name__)
def test_a_checked_settings_class_is_frozen(cls):
    assert cls.__dataclass_params__.frozen, f"{cls.__name__} can be changed after its check"
    first = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(cls(), first, getattr(cls(), first))


@pytest.mark.parametrize(("settings", "name", "bad"), [
    (ExposureSettings(), "bend_hysteresis_deg", -1.0),  # reached the stage on main
    (ExposureSettings(), "zone_limits_deg", (60.0, 20.0)),
    (LiftingSettings(), "held_s", float("inf")),
    (LiftingSettings(), "exit_deg", 40.0),  # above enter_deg
    (LiveSettings(), "window_s", 0.0),
])
def test_an_impossible_value_cannot_be_set_afterwards(settings, name, bad):
    before = getattr(settings, name)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(settings, name, bad)
    assert getattr(settings, name) == before
    with pytest.raises(SettingError):  # the way to change it is checked
        dataclasses.replace(settings, **{name: bad})


def test_trunk_rom_checks_a_setting_set_after_construction():
    rom = TrunkRom()
    with pytest.raises(SettingError, match="trunk-rom.reps is 0"):
        rom.reps = 0
    with pytest.raises(SettingError, match="trunk-rom.baseline_s"):
        rom.baseline_s = -1.0
    assert (rom.reps, rom.baseline_s) == (3, 1.0)
    rom.reps = 5  # a possible value is still taken
    assert rom.reps == 5
    with pytest.raises(SettingError, match="trunk-rom.min_rep_deg"):
        TrunkRom(min_rep_deg=200.0)


def test_the_lifting_grids_still_construct():
    """Every settings variant the training and benchmark code builds (its own functions)."""
    grids = tl.CHOICES + tl.choices_with(tl.PLANE_GRID) + tl.choices_with(tl.PLANE_GRID_TILTED)
    made = [tl.choice_settings(c, a) for c in grids for a in tl.AMBIGUITY_GRID]
    made += [tl.choice_settings(c) for c in tl.GATE_GRID]
    made += [tl.offer_all(lo) for lo in tl.LOW_P_LIFT]
    made += [tl.stage_settings(**tl.ZUPT_REST), LiftingSettings(use_posture=False),
             LiftingSettings(relative_to_standing=False), LiftingSettings(zupt_min_s=0.0),
             LiftingSettings(ambiguous_below_gyr_dps=0.0)]  # benchmarks/bench_lifting.py
    assert all(isinstance(s, LiftingSettings) for s in made)
    assert tl.differs_from_defaults(tl.CHOSEN_ON_ALL) == []
    assert len({s for s in made}) > 1  # frozen settings are hashable values
