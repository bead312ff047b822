"""Which imports lose their clearance when a scenario closes designated sites.

A scenario's closures may name a site of ``import_sites.csv`` (``datong_inspection_meat``).
:func:`lost_clearance` lists, per closed site, the class and direction that cleared there and
the sites of that class still open, in Shanxi and outside: where none in Shanxi is open, the
class has lost its clearance in the province, and the planner offers the nearest open site
outside (:mod:`planner.core.imports` chooses it and says so on every option).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from planner.model.import_sites import ImportSites

__all__ = ["CLEARANCE_COLUMNS", "lost_clearance", "site_closures"]

CLEARANCE_COLUMNS = (
    "site", "name_en", "name_zh", "cargo", "direction", "open_in_shanxi", "open_outside",
    "lost_in_shanxi",
)


def site_closures(closed: Iterable[str], sites: ImportSites) -> tuple[str, ...]:
    """The closures that name a designated site (in the table's spelling)."""
    by_key = {s.id.casefold(): s.id for s in sites.sites}
    return tuple(dict.fromkeys(by_key[c.strip().casefold()] for c in closed
                               if c.strip().casefold() in by_key))


def lost_clearance(closed: Iterable[str], sites: ImportSites) -> pd.DataFrame:
    """One row per closed site and the class and direction it cleared (see the module)."""
    shut = set(site_closures(closed, sites))
    rows = []
    for site in sites.sites:
        if site.id not in shut or site.role != "site":
            continue
        still = [s for s in sites.of(site.cargo, site.direction) if s.id not in shut]
        home = [s.id for s in still if s.in_shanxi]
        rows.append({
            "site": site.id, "name_en": site.name.en, "name_zh": site.name.zh,
            "cargo": site.cargo, "direction": site.direction,
            "open_in_shanxi": ", ".join(home),
            "open_outside": ", ".join(s.id for s in still if not s.in_shanxi),
            "lost_in_shanxi": site.in_shanxi and not home,
        })
    return pd.DataFrame(rows, columns=list(CLEARANCE_COLUMNS))
