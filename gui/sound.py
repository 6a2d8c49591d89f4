"""Sound cues for the patient view (switchable). PySide6-Essentials has no QtMultimedia, so the
cue is the platform beep; every cue is also logged in ``played`` so tests can check the rules."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


class SoundCue:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.played: list[str] = []

    def play(self, kind: str) -> bool:
        """Play a cue of ``kind`` ("stand_up", "lift") when enabled; True when it sounded."""
        if not self.enabled:
            return False
        self.played.append(kind)
        QApplication.beep()
        return True
