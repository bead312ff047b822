"""Which ports suit which cargo: a bulk (coal) port is a poor exit for containers.

The data's ``port_trades.csv`` names a port's main trade with its source (a network folder
without the table has no remarks). A route whose exit port's main trade is ``bulk`` gets the
table's remark unless its cargo is bulk too.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from planner.model.cargo import CargoSpec
from planner.model.records import RouteOption

__all__ = ["PORT_TRADES_FILE", "PortTrade", "poor_fit", "port_trades"]

PORT_TRADES_FILE = "port_trades.csv"
#: The main trade of a port that containers should not be sent through without a check.
BULK_TRADE = "bulk"


@dataclass(frozen=True)
class PortTrade:
    """A port's main trade and the remark a route through it gets."""

    port_id: str
    main_trade: str
    remark_en: str
    remark_zh: str
    source: str
    as_of: str

    def remark(self, lang: str) -> str:
        """The remark in ``lang`` (``"en"`` or ``"zh"``)."""
        return self.remark_zh if lang == "zh" else self.remark_en


def port_trades(data_dir: str | Path) -> dict[str, PortTrade]:
    """The ports of ``data_dir/port_trades.csv`` by id (none when the file is absent)."""
    path = Path(data_dir) / PORT_TRADES_FILE
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["port_id"]: PortTrade(**row) for row in csv.DictReader(handle)}


def poor_fit(
    option: RouteOption | None, cargo: CargoSpec, trades: dict[str, PortTrade]
) -> PortTrade | None:
    """The bulk port a non-bulk shipment leaves through, or ``None``."""
    if option is None or option.exit_port is None or cargo.bulk:
        return None
    trade = trades.get(option.exit_port.id)
    return trade if trade is not None and trade.main_trade == BULK_TRADE else None
