"""``oefensense scan``: supported wearables nearby (name, address, family, RSSI, battery)."""

from __future__ import annotations

import typer

from .common import console, one_line_errors
from .lang import QT_TR_NOOP, tr


def register(app: typer.Typer) -> None:
    @app.command(short_help=QT_TR_NOOP('List supported wearables advertising nearby (scanning stops before anything streams).'))
    def scan(
        timeout: float = typer.Option(5.0, "--timeout", "-t", help=QT_TR_NOOP("Seconds to listen.")),
        all_devices: bool = typer.Option(False, "--all", help=QT_TR_NOOP("Also list devices no family recognises.")),
        simulate: list[str] = typer.Option([], "--simulate", help=QT_TR_NOOP("FAMILY: scan simulated devices instead of the radio.")),
    ) -> None:
        """List supported wearables advertising nearby (scanning stops before anything streams)."""
        from rich.table import Table

        from ..ble.scan import scan as run_scan

        import asyncio  # here, not at the top: every other command would load it for nothing

        with one_line_errors():
            backend = None
            if simulate:
                from ..ble.clock import MonotonicClock
                from ..ble.simulated import SimSpec, make_world

                world, _ = make_world([SimSpec.parse(s) for s in simulate], MonotonicClock(), duration_s=10)
                backend = world.scanner_backend
            try:
                found = asyncio.run(run_scan(timeout, scanner_backend=backend, all_devices=all_devices))
            except Exception as exc:  # noqa: BLE001 - no adapter, no permission: say what to do (one_line_errors)
                from ..ble.source import scan_failure

                raise scan_failure(exc) from None
        if not found:
            console.print(tr("no supported wearables found (is the sensor switched on and awake?)"))
            return
        table = Table(tr("address"), tr("name"), tr("family"), "RSSI dBm", tr("battery"))
        for d in found:
            table.add_row(d.address, d.name, d.family, str(d.rssi_dbm), f"{d.battery_pct}%" if d.battery_pct >= 0 else "–")
        console.print(table)
