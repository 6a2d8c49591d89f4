"""Before Qt starts: the X11 platform plugin needs system libraries that pip cannot install.

Without ``libxcb-cursor0`` (and friends) Qt 6 prints a plugin error and aborts the process
(exit 134), which a therapist cannot act on. This check runs first and names the package to
install; it imports no Qt, so it can run before the QApplication exists.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

#: shared libraries Qt's xcb plugin loads (library name for ctypes → Debian/Ubuntu package)
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-shape": "libxcb-shape0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
}


class DisplayLibrariesMissing(RuntimeError):
    """The dashboard cannot open a window: system libraries are missing (message says which;
    ``packages`` lists them, for a caller that words the message in another language)."""

    def __init__(self, message: str, packages: list[str] | None = None) -> None:
        super().__init__(message)
        self.packages = packages or []


def uses_xcb(environ: dict[str, str] | None = None, platform: str = sys.platform) -> bool:
    """True when Qt will use its X11 (xcb) platform plugin: Linux, no other platform chosen."""
    env = os.environ if environ is None else environ
    chosen = env.get("QT_QPA_PLATFORM", "")
    if not platform.startswith("linux"):
        return False
    if chosen:
        return chosen.split(":")[0] == "xcb"
    return not env.get("WAYLAND_DISPLAY")


def missing_packages(find=ctypes.util.find_library) -> list[str]:
    """Debian packages whose libraries the xcb plugin needs but the system lacks."""
    return sorted({pkg for lib, pkg in XCB_LIBRARIES.items() if find(lib) is None})


def check_display_libraries(environ: dict[str, str] | None = None, find=ctypes.util.find_library) -> None:
    """Raise :class:`DisplayLibrariesMissing` with the install command when the xcb plugin
    would abort; return quietly otherwise (other platforms, offscreen, Wayland)."""
    if not uses_xcb(environ):
        return
    missing = missing_packages(find)
    if missing:
        raise DisplayLibrariesMissing(
            "the dashboard needs system libraries that are missing: "
            f"install them with `sudo apt-get install {' '.join(missing)}` (or run `make system-deps`)",
            missing,
        )
