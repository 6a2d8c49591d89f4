"""Gentle sound cues for the patient view (switchable).

PySide6-Essentials has no QtMultimedia, so the cues are short sine chimes written once as WAV
files (numpy + the standard ``wave`` module) and played without blocking by the platform's
player (``paplay``/``aplay`` on Linux, ``afplay`` on macOS, ``winsound`` on Windows); with no
player the platform beep is used. Every cue is logged in ``played`` (tests check the rules).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QApplication

RATE_HZ = 22050
# (frequency Hz, seconds) per note: a soft rising two-note chime, and one lower note for a lift.
CUES: dict[str, tuple[tuple[float, float], ...]] = {
    "stand_up": ((523.25, 0.22), (659.25, 0.32)),
    "lift": ((440.0, 0.28),),
}


def chime(notes: tuple[tuple[float, float], ...], volume: float = 0.25) -> np.ndarray:
    """int16 mono samples at :data:`RATE_HZ`: sine notes with 20 ms fades (no clicks)."""
    parts = []
    for freq, dur in notes:
        t = np.arange(int(dur * RATE_HZ)) / RATE_HZ
        env = np.minimum(1.0, np.minimum(t, t[-1] - t) / 0.02) * np.exp(-2.5 * t)
        parts.append(np.sin(2 * np.pi * freq * t) * env)
    x = np.concatenate(parts) * volume
    return (x * 32767).astype(np.int16)


def write_wav(path: Path, samples: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE_HZ)
        w.writeframes(samples.tobytes())
    return path


def _player() -> list[str] | None:
    for cmd in (["paplay"], ["aplay", "-q"], ["afplay"]):
        if shutil.which(cmd[0]):
            return cmd
    return None


class SoundCue:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.played: list[str] = []
        self._dir: Path | None = None
        self._player = _player()
        self._procs: list[subprocess.Popen] = []

    def wav(self, kind: str) -> Path:
        """The cue's WAV file (made on first use)."""
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="oefensense-cues-"))
        path = self._dir / f"{kind}.wav"
        if not path.exists():
            write_wav(path, chime(CUES[kind]))
        return path

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
