"""Which land crossings serve which countries: a train or truck leaves only where services run.

The data's ``crossing_fit.csv`` names, per country, the crossings of the home country whose
trains or trucks run there, with the source (Central Asia by Horgos and Alashankou, Mongolia by
Erenhot, …). A route by rail or road to a country the table names leaves only by one of its
crossings, so no train to Almaty runs through Siberia and none to Ulaanbaatar loops through
Kazakhstan; a country the table does not name may be reached by any crossing. A network folder
without the table has no rule.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CROSSING_FIT_FILE", "CrossingFit", "load_crossing_fit"]

CROSSING_FIT_FILE = "crossing_fit.csv"


@dataclass(frozen=True)
class CrossingFit:
    """Per country, the crossings that serve it (node ids of the home side).

    Attributes
    ----------
    serving
        Country (ISO2) → the crossings whose services run there.
    """

    serving: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def shut(self, country: str, crossings: frozenset[str]) -> frozenset[str]:
        """Of ``crossings`` (the land crossings of the country a route leaves), those a route
        by land to ``country`` may not leave by: all but the ones serving it (none for a country
        the table does not name)."""
        allowed = self.serving.get(country)
        return frozenset() if allowed is None else crossings - allowed


def load_crossing_fit(data_dir: str | Path) -> CrossingFit:
    """The table of ``data_dir/crossing_fit.csv`` (no rule when the file is absent).

    Columns: ``country, crossings, source, as_of`` (``crossings``: node ids ``a|b``).
    """
    path = Path(data_dir) / CROSSING_FIT_FILE
    if not path.is_file():
        return CrossingFit()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return CrossingFit(
        {
            row["country"].strip(): frozenset(c.strip() for c in row["crossings"].split("|") if c)
            for row in rows
        }
    )
