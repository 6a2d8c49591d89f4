"""Cues from the computer, where no wearable has an actuator: a chime and a desktop notification.

The chimes are short sine notes written once as WAV files (numpy + the standard ``wave``
module) and played without blocking by the platform's player (``paplay``/``aplay`` on Linux,
``afplay`` on macOS); the notification goes through ``notify-send`` (freedesktop) or
``osascript`` (macOS). The dashboard's patient view plays the same chimes (``gui/sound.py``).
Qt-free, so ``record`` uses it too.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np

from ..core.types import Event

RATE_HZ = 22050
# (frequency Hz, seconds) per note: a soft rising two-note chime, one lower note for a lift, and
# a short high beep for a plan's "beep" cue.
CHIMES: dict[str, tuple[tuple[float, float], ...]] = {
    "stand_up": ((523.25, 0.22), (659.25, 0.32)),
    "lift": ((440.0, 0.28),),
    "beep": ((880.0, 0.15),),
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



class ChimeFiles:
    """The chimes as WAV files in a private temporary folder, each written on first use (the
    dashboard's sounds and the cue delivery both play from one of these)."""

    def __init__(self) -> None:
        self._dir: Path | None = None

    def path(self, kind: str) -> Path:
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="oefensense-cues-"))
        path = self._dir / f"{kind}.wav"
        if not path.exists():
            write_wav(path, chime(CHIMES[kind]))
        return path

def player() -> list[str] | None:
    """The command line that plays a WAV file here, or None."""
    for cmd in (["paplay"], ["aplay", "-q"], ["afplay"]):
        if shutil.which(cmd[0]):
            return cmd
    return None


def notifier() -> list[str] | None:
    """The command line prefix that shows a desktop notification (title, text follow), or None."""
    if shutil.which("notify-send"):
        return ["notify-send", "--app-name=OefenSense"]
    return None


class ComputerCue:
    """Gives a plan's cue on this computer: the chime (``beep`` and ``vibrate`` without a
    wearable motor: ``beep``; a sitting rule: ``stand_up``) and a desktop notification with the
    cue's message. ``__call__`` returns "" when something was given, else why not (the cue event
    then says ``delivered`` False with that ``error``). ``given`` logs (kind, message) for tests."""

    def __init__(self, lang: str = "nl") -> None:
        self.lang = lang
        self.given: list[tuple[str, str]] = []
        self._chimes = ChimeFiles()
        self._procs: list[subprocess.Popen] = []

    def wav(self, kind: str) -> Path:
        return self._chimes.path(kind)

    def __call__(self, ev: Event) -> str:
        kind = "stand_up" if ev.fields.get("rule") == "prolonged_sitting" else "beep"
        message = str(ev.fields.get(f"message_{self.lang}") or ev.fields.get("message_en") or "")
        self._procs = [p for p in self._procs if p.poll() is None]  # reap finished players
        done = []
        play, note = player(), notifier()
        if ev.fields.get("modality") != "message" and play is not None:
            done.append(self._run([*play, str(self.wav(kind))]))
        if note is not None:
            done.append(self._run([*note, "OefenSense", message]))
        if not any(done):
            return "no sound player (paplay/aplay/afplay) or desktop notifier (notify-send) on this computer"
        self.given.append((kind, message))
        return ""

    def _run(self, cmd: list[str]) -> bool:
        try:
            self._procs.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        except OSError:
            return False
        return True

