"""The Qt dashboard (the only package that imports Qt). Start with :func:`oefensense.gui.run`."""

from .run import render_screenshots, run  # noqa: F401
