"""Which ports suit which cargo: a bulk (coal) port is no exit for containers.

The data's ``port_trades.csv`` names a port's main trade with its source (a network folder
without the table has none). The sea links of a port whose main trade is ``bulk`` are closed to
cargo that is not bulk (:mod:`planner.network.closed_edges`); the table's remark says why.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PORT_TRADES_FILE", "PortTrade", "bulk_ports_of", "port_trades"]

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


def bulk_ports_of(data_dir: str | Path) -> frozenset[str]:
    """The ports of ``data_dir`` whose main trade is bulk."""
    trades = port_trades(data_dir)
    return frozenset(pid for pid, t in trades.items() if t.main_trade == BULK_TRADE)
