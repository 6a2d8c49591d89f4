"""The dashboard names the missing X11 libraries instead of letting Qt abort (exit 134)."""

from __future__ import annotations

import pytest

from oefensense.gui.platform_check import DisplayLibrariesMissing, check_display_libraries, uses_xcb


def test_xcb_is_used_on_linux_unless_another_platform_is_chosen() -> None:
    assert uses_xcb({"DISPLAY": ":0"}, platform="linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, platform="linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, platform="linux")
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, platform="linux")
    assert not uses_xcb({}, platform="darwin")


def test_missing_cursor_library_names_the_package_to_install() -> None:
    def find(lib: str) -> str | None:
        return None if lib == "xcb-cursor" else f"lib{lib}.so"

    with pytest.raises(DisplayLibrariesMissing, match=r"apt-get install libxcb-cursor0\b"):
        check_display_libraries({"QT_QPA_PLATFORM": "xcb"}, find=find)
    check_display_libraries({"QT_QPA_PLATFORM": "offscreen"}, find=find)  # offscreen needs none
    check_display_libraries({"QT_QPA_PLATFORM": "xcb"}, find=lambda lib: f"lib{lib}.so")
