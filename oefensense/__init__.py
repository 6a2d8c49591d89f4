"""OefenSense: wearable posture and movement monitoring."""

__version__ = "0.1.0"
