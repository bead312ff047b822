"""The air services as flown: ``geodata/air_services.csv``.

One row per service: an id, its names, the airline, the aircraft (``freighter``: an all-cargo
aircraft, or a passenger aircraft flown for cargo only; ``belly``: the hold of a passenger
flight), its route (network node ids, ``;``-separated, from where a Shanxi shipper boards),
scope (``shanxi`` or ``hub``, as in ``services.csv``), departures a week, published transit
days, when it was first and last seen running, its source and date, and why a figure is an
estimate. :func:`service_rows` turns it into rows of the services table
(:mod:`corridors.services`), which checks what the two share; the aircraft tells the graph
which air links freighters fly (their CO2e factor is the freighter's, GLEC).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from corridors._errors import NetworkValidationError

__all__ = [
    "AIRCRAFT",
    "AIR_SERVICE_COLUMNS",
    "FILE",
    "freighter_links",
    "read_air_services",
    "service_rows",
]

AIR_SERVICE_COLUMNS = (
    "service_id",
    "name_en",
    "name_zh",
    "airline",
    "aircraft",
    "route",
    "scope",
    "per_week",
    "weekdays",
    "days_min",
    "days_typical",
    "days_max",
    "first_seen",
    "last_seen",
    "source",
    "as_of",
    "estimate",
)
AIRCRAFT = frozenset({"freighter", "belly"})
FILE = "air_services.csv"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: The services table's columns a row of this one fills as it is.
_SHARED = ("service_id", "name_en", "name_zh", "scope", "per_week", "weekdays", "days_min",
           "days_typical", "days_max", "source", "as_of", "estimate")


def read_air_services(data_dir: str | Path) -> pd.DataFrame:
    """The air services table of a data directory as text (an empty table when absent).

    Raises
    ------
    NetworkValidationError
        Listing every problem of the columns only this table has (the aircraft, the route,
        the dates); the rest is checked as a services row.
    """
    path = Path(data_dir) / FILE
    if not path.is_file():
        return pd.DataFrame(columns=list(AIR_SERVICE_COLUMNS))
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise NetworkValidationError([f"{FILE}: cannot read it: {exc}"]) from None
    if "weekdays" not in frame.columns:  # an older table: no weekdays published
        frame["weekdays"] = ""
    missing = [c for c in AIR_SERVICE_COLUMNS if c not in frame.columns]
    if missing:
        raise NetworkValidationError([f"{FILE}: missing column(s): {', '.join(missing)}"])
    problems = [p for n, row in enumerate(frame.to_dict("records"), 2) for p in _problems(n, row)]
    if problems:
        raise NetworkValidationError(problems)
    return frame


def _problems(number: int, row: Mapping[str, str]) -> list[str]:
    where = f"{FILE} line {number} ({row['service_id'] or 'no id'})"
    problems = []
    if row["aircraft"] not in AIRCRAFT:
        problems.append(f"{where}: aircraft {row['aircraft']!r} is not one of {sorted(AIRCRAFT)}")
    if len([s for s in row["route"].split(";") if s.strip()]) < 2:
        problems.append(f"{where}: a route names at least two airports")
    if not _DATE.match(row["last_seen"]):
        problems.append(f"{where}: last_seen {row['last_seen']!r} is not a date (YYYY[-MM[-DD]])")
    if row["first_seen"] and not _DATE.match(row["first_seen"]):
        problems.append(f"{where}: first_seen {row['first_seen']!r} is not a date")
    elif row["first_seen"] and row["first_seen"] > row["last_seen"]:
        problems.append(f"{where}: first_seen is after last_seen")
    return problems


def service_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The air services as rows of the services table (text cells): the airline as operator,
    the route's ends and stops as origin, via and destination, the last seen as ``seen``, and
    the aircraft and first seen beside them."""
    stops = [[s for s in route.split(";") if s] for route in frame["route"]]
    out = frame[list(_SHARED)].copy()
    out["operator"] = frame["airline"]
    out["mode"] = "air"
    out["origin"] = [s[0] if s else "" for s in stops]
    out["via"] = [";".join(s[1:-1]) for s in stops]
    out["destination"] = [s[-1] if len(s) > 1 else "" for s in stops]
    out["seen"] = frame["last_seen"]
    out["aircraft"] = frame["aircraft"]
    out["first_seen"] = frame["first_seen"]
    return out


def freighter_links(services: pd.DataFrame) -> frozenset[frozenset[str]]:
    """The pairs of airports that freighters fly between and no belly service does (each a
    route's consecutive stops, either way): their air links carry the freighter's CO2e."""
    flown: dict[frozenset[str], set[str]] = {}
    air = services[services["mode"] == "air"] if len(services) else services
    for aircraft, stops in zip(air.get("aircraft", ()), _routes(air), strict=False):
        for a, b in zip(stops, stops[1:], strict=False):
            flown.setdefault(frozenset((a, b)), set()).add(aircraft)
    return frozenset(pair for pair, kinds in flown.items() if kinds == {"freighter"})


def _routes(services: pd.DataFrame) -> Iterable[list[str]]:
    for origin, via, destination in zip(
        services["origin"], services["via"], services["destination"], strict=True
    ):
        yield [origin, *via, destination]
