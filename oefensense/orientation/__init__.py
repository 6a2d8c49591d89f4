"""Per-sensor orientation: calibration applied, orientation fusion, sensor-to-segment alignment
and segment angles (``SensorChain``: SampleBlock → SegmentBlock), plus the trunk–pelvis twist.

Angle convention (degrees; segment frame x forward, y left, z up): the segment's orientation is
``R = Rz(heading) · Rx(lateral) · Ry(flexion)``; flexion + = forward (for the thigh: + = knee
forward), lateral + = top of the segment towards the right, inclination = angle of the long axis
from vertical (0…180), heading drifts and only differences between sensors mean something.
"""

from ..core.calibration import CalibrationProfile
from .alignment import Alignment, AutoAlignSettings, alignment_from_poses, estimate_alignment
from .chain import ChainSettings, SensorChain
from .twist import TwistDriftCorrector, TwistDriftSettings, relative_twist_deg

__all__ = [
    "Alignment",
    "AutoAlignSettings",
    "CalibrationProfile",
    "ChainSettings",
    "SensorChain",
    "TwistDriftCorrector",
    "TwistDriftSettings",
    "alignment_from_poses",
    "estimate_alignment",
    "relative_twist_deg",
]
