"""Pool tasks for the batch tests (a module of its own: spawned workers import it by name)."""

from __future__ import annotations

import os

from oefensense.batch import process_input


def die_on(victim: str, item, settings):
    """process_input, except that the worker analysing ``victim`` dies as the OOM killer would
    kill it (no exception, no cleanup)."""
    if item.id == victim:
        os._exit(137)
    return process_input(item, settings)
