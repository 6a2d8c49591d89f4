"""Gentle sound cues for the patient view (switchable).

PySide6-Essentials has no QtMultimedia, so the cues are the sine chimes of
``oefensense.live.computer_cue`` (shared with ``record --feedback``), written once as WAV files and played without blocking by the platform's
player (``paplay``/``aplay`` on Linux, ``afplay`` on macOS, ``winsound`` on Windows); with no
player the platform beep is used. Every cue is logged in ``played`` (tests check the rules).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from oefensense.live.computer_cue import RATE_HZ, ChimeFiles, chime, write_wav  # noqa: F401 - re-exported
from oefensense.live.computer_cue import player as _player


class SoundCue:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.played: list[str] = []
        self._chimes = ChimeFiles()
        self._player = _player()
        self._procs: list[subprocess.Popen] = []

    def wav(self, kind: str) -> Path:
        """The cue's WAV file (made on first use)."""
        return self._chimes.path(kind)

    def play(self, kind: str) -> bool:
        """Play a cue of ``kind`` ("stand_up", "lift") when enabled; True when it was sounded."""
        if not self.enabled:
            return False
        self.played.append(kind)
        self._procs = [p for p in self._procs if p.poll() is None]  # reap finished players
        try:
            if sys.platform == "win32":
                import winsound

                winsound.PlaySound(str(self.wav(kind)), winsound.SND_FILENAME | winsound.SND_ASYNC)
            elif self._player is not None:
                self._procs.append(subprocess.Popen([*self._player, str(self.wav(kind))],
                                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            else:
                QApplication.beep()
        except OSError:  # no audio device: the visual prompt still shows
            QApplication.beep()
        return True
