"""Dated slow weeks: storms and closures that hold a route back (``geodata/slow_weeks.csv``).

One row per event where a source dates it: a network node it holds (the Caspian ferry's
``aktau_port``), its first and last day, the days it holds a shipment back, the source and
date. A route through the node whose trip overlaps the event arrives ``delay_days`` later. A
slow week no source dates is not a row (China–Europe trains ran through the Spring Festival:
Global Times 2021-02-22; China Railway via RailFreight.com 2023-01-16).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.model.data_dir import kept_loader, read_text_table
from planner.model.errors import DataError
from planner.text.message import Name

__all__ = ["SlowWeek", "load_slow_weeks"]

FILE = "slow_weeks.csv"


@dataclass(frozen=True)
class SlowWeek:
    """An event that holds a node: its id, name, node, first and last day, delay, source."""

    id: str
    name: Name
    node: str
    start: dt.date
    end: dt.date
    delay_days: float
    source: str

    def holds(self, nodes: frozenset[str] | set[str], first: dt.date, last: dt.date) -> bool:
        """Whether a trip through ``nodes`` from ``first`` to ``last`` meets it."""
        return self.node in nodes and first <= self.end and self.start <= last


def _load(folder: str) -> tuple[SlowWeek, ...]:
    """The slow weeks of a data directory (the shipped ones where it has none).

    Raises
    ------
    DataError
        Naming every broken row.
    """
    frame = read_text_table(folder, FILE)
    out, problems = [], []
    for n, row in enumerate(frame.to_dict("records"), start=2):
        try:
            start, end = dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"])
            delay = float(row["delay_days"])
        except ValueError:
            problems.append(f"{FILE} line {n} ({row['id']}): dates must be ISO, delay a number")
            continue
        if end < start or not delay >= 0 or not (row["source"].strip() and row["as_of"].strip()):
            problems.append(f"{FILE} line {n} ({row['id']}): start <= end, delay >= 0, "
                            "a source and its date are needed")
            continue
        name = Name(row["name_en"], row["name_zh"])
        out.append(SlowWeek(row["id"], name, row["node"], start, end, delay, row["source"]))
    if problems:
        raise DataError("; ".join(problems))
    return tuple(out)


load_slow_weeks = kept_loader(FILE, _load)
