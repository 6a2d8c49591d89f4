"""Colours of postures and trunk zones, shared by the dashboard and the reports (Okabe–Ito,
colour-blind safe; orange for sitting, the thing to break up)."""

from __future__ import annotations

POSTURE_COLOURS: dict[str, str] = {
    "sitting": "#E69F00",  # orange: the thing to break up
    "standing": "#56B4E9",
    "walking": "#009E73",
    "lying": "#CC79A7",
    "stooping": "#D55E00",
    "bending": "#D55E00",
    "dynamic": "#0072B2",
    "transition": "#999999",
    "unknown": "#BBBBBB",
    "upright_still": "#9FC9E0",  # trunk alone: sitting or standing, between their two colours
    "non_wear": "#E8E8E8",  # the sensor was taken off: nearly blank
    "no_data": "#F6F6F6",  # nothing recorded
}

ZONE_NAMES: tuple[str, ...] = ("neutral", "moderate", "severe")  # ISO 11226 trunk zones
ZONE_COLOURS: tuple[str, ...] = ("#009E73", "#E69F00", "#D55E00")
