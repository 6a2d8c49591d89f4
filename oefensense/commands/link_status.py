"""A sensor link's status line for the terminal (``record``), in the CLI's language.

The BLE layer's :meth:`LinkSnapshot.status_line` stays the plain English line for logs; a person
at the terminal reads this one, with the dashboard sensor table's words and the language's
decimals ("verlies 0,00 %").
"""

from __future__ import annotations

from typing import Any

from .lang import QT_TR_NOOP, num, placement_word, tr

#: LinkSnapshot.state in words
STATES = {
    "idle": QT_TR_NOOP("idle"), "connecting": QT_TR_NOOP("connecting"), "streaming": QT_TR_NOOP("streaming"),
    "reconnecting": QT_TR_NOOP("reconnecting"), "stopped": QT_TR_NOOP("stopped"), "failed": QT_TR_NOOP("failed"),
}


def state_word(state: str) -> str:
    return tr(STATES[state]) if state in STATES else state


def status_text(snap: Any) -> str:
    """One line: sensor (its placement word, "bovenbeen"), state, effective rate (Hz), loss (%),
    gaps, battery (%), median latency (ms) and, when not streaming, the last error (as the BLE layer wrote it); the figures with
    the dashboard sensor table's decimals ("104 Hz", "0,0 %", "13 ms")."""
    width = max(len(state_word(s)) for s in STATES)  # the columns line up whatever the state
    battery = f"{snap.battery_pct} %" if snap.battery_pct >= 0 else "?"
    # short labels and the dashboard's decimals: the line fits 80 columns in Dutch too
    line = tr("{sensor} {state} {rate} Hz  loss {loss} %  gaps {gaps}  bat {battery}  lat {latency} ms").format(
        sensor=f"{placement_word(snap.sensor_id):<9}", state=f"{state_word(snap.state):<{width}}", rate=f"{num(snap.effective_rate_hz, 0):>4}",
        loss=num(snap.loss_pct, 1), gaps=snap.gaps, battery=battery, latency=num(snap.latency_ms_p50, 0))
    if snap.state != "streaming" and snap.last_error:
        line += f"  [{error_text(snap.last_error)}]"
    return line


def error_text(last_error: str) -> str:
    """The BLE layer's ``"KIND: message"`` in the CLI's language: the kind's advice (a catalogue
    text, "verbinding afgebroken (storing of bereik): ...") first, then the system's own message,
    which stays as the OS or library wrote it (it read "[aborted: pelvis - ...: Failed to connect
    ...]" in Dutch, with the raw code first)."""
    from ..ble.policy import ErrorKind, advice

    kind, _, detail = last_error.partition(": ")
    try:
        worded = advice(ErrorKind(kind), tr)
    except ValueError:  # not a kind: the text as the BLE layer wrote it
        return last_error
    return tr("{advice} (system: {detail})").format(advice=worded, detail=detail) if detail else worded
