"""Calibration: per-device profiles (JSON), calibration from recordings (gyro bias, accelerometer
auto-calibration, magnetometer hard/soft iron) and guided procedures as UI-free state machines.
Imported as ``oefensense.calibration``."""

from .procedure import (
    PROMPTS,
    AccelerometerPoseProcedure,
    AlignmentProcedure,
    ProcedureSettings,
    ProcedureStatus,
    Step,
)
from .profile import CalibrationProfile, ProfileStore, load_profile, save_profile
from .sensor_cal import (
    AccCalibration,
    CalibrationError,
    MagCalibration,
    autocalibrate_accelerometer,
    calibrate_accelerometer_poses,
    estimate_gyro_bias,
    fit_magnetometer,
    still_windows,
)

__all__ = [
    "PROMPTS",
    "AccCalibration",
    "AccelerometerPoseProcedure",
    "AlignmentProcedure",
    "CalibrationError",
    "CalibrationProfile",
    "MagCalibration",
    "ProcedureSettings",
    "ProcedureStatus",
    "ProfileStore",
    "Step",
    "autocalibrate_accelerometer",
    "calibrate_accelerometer_poses",
    "estimate_gyro_bias",
    "fit_magnetometer",
    "load_profile",
    "save_profile",
    "still_windows",
]
