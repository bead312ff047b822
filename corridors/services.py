"""The scheduled services a Shanxi exporter can book: ``geodata/services.csv``.

One row per service: an id, its names, operator, mode (``rail``, ``rail_sea``, ``rail_ferry``,
``air``, ``road``), scope (``shanxi``: leaves from Shanxi; ``hub``: a national hub's service
that Shanxi shippers truck to), its stops as network node ids (``origin``, the border
crossings or transfer ports it passes, ``;``-separated, in ``via``, and ``destination``), its
departures a week and the days of the week they leave where a source names them (``weekdays``:
``Mon;Fri``), its published transit days (minimum, typical, maximum), when it was last
seen running, its source and date, and why a figure is an estimate. A route that no source
shows running is not a service. A figure left empty is not published: the planner says so and
uses its own estimate.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from corridors._errors import NetworkValidationError
from corridors.air_services import FILE as AIR_FILE
from corridors.air_services import read_air_services, service_rows

__all__ = [
    "AIR_ONLY", "MODES", "SCOPES", "SERVICE_COLUMNS", "WEEKDAYS", "load_services",
    "validate_services",
]

SERVICE_COLUMNS = (
    "service_id",
    "name_en",
    "name_zh",
    "operator",
    "mode",
    "scope",
    "origin",
    "via",
    "destination",
    "per_week",
    "weekdays",
    "days_min",
    "days_typical",
    "days_max",
    "seen",
    "source",
    "as_of",
    "estimate",
)
#: Columns only the air services have (``air_services.csv``): empty on the others.
AIR_ONLY = ("aircraft", "first_seen")
MODES = frozenset({"rail", "rail_sea", "rail_ferry", "air", "road"})
SCOPES = frozenset({"shanxi", "hub"})
_NUMBERS = ("per_week", "days_min", "days_typical", "days_max")
_REQUIRED_TEXT = ("service_id", "name_en", "name_zh", "operator", "origin", "destination")
_FILE = "services.csv"
#: The days of the week a ``weekdays`` cell names (``Mon;Fri``), Monday 0 as in ``date.weekday``.
#: Columns a table may leave out (empty on every row).
OPTIONAL = frozenset({"weekdays"})
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def load_services(data_dir: str | Path, node_ids: set[str] | frozenset[str]) -> pd.DataFrame:
    """Read and check ``services.csv`` and ``air_services.csv`` of a data directory (the air
    services as rows of this table, :mod:`corridors.air_services`; an empty table when both
    are absent).

    Parameters
    ----------
    data_dir
        The network's data directory.
    node_ids
        The network's node ids (every stop must be one).

    Returns
    -------
    pandas.DataFrame
        Index ``service_id``; ``via`` as a tuple of node ids; numbers as floats (NaN where
        not published); ``aircraft`` and ``first_seen`` (empty but for air services).

    Raises
    ------
    NetworkValidationError
        Listing every problem found.
    """
    path = Path(data_dir) / _FILE
    air = service_rows(read_air_services(data_dir))
    if path.is_file():
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise NetworkValidationError([f"{_FILE}: cannot read it: {exc}"]) from None
    elif len(air):
        frame = pd.DataFrame(columns=list(SERVICE_COLUMNS))
    else:
        return pd.DataFrame(columns=[*SERVICE_COLUMNS, *AIR_ONLY]).set_index("service_id")
    problems = validate_services(frame, node_ids)
    problems += [p.replace(_FILE, AIR_FILE, 1) for p in validate_services(air, node_ids)]
    if not problems:
        frame = pd.concat([frame.assign(**dict.fromkeys(AIR_ONLY, "")), air], ignore_index=True)
        problems = [f"service_id {s} is in both {_FILE} and {AIR_FILE}"
                    for s in sorted(set(frame["service_id"][frame["service_id"].duplicated()]))]
    if problems:
        raise NetworkValidationError(problems)
    frame["via"] = [tuple(v for v in text.split(";") if v) for text in frame["via"]]
    frame["weekdays"] = [tuple(WEEKDAYS.index(d) for d in _days(t)) for t in frame["weekdays"]]
    for column in _NUMBERS:
        frame[column] = [float(v) if v.strip() else math.nan for v in frame[column]]
    return frame.set_index("service_id", drop=False)


def validate_services(frame: pd.DataFrame, node_ids: set[str] | frozenset[str]) -> list[str]:
    """Every problem of a services table (text cells as read), each naming the row."""
    missing = [c for c in SERVICE_COLUMNS if c not in frame.columns and c not in OPTIONAL]
    if missing:
        return [f"{_FILE}: missing column(s): {', '.join(missing)}"]
    problems: list[str] = []
    seen: set[str] = set()
    if "weekdays" not in frame.columns:  # an older table: no weekdays published
        frame["weekdays"] = ""
    for number, row in enumerate(frame.to_dict("records"), start=2):
        where = f"{_FILE} line {number} ({row['service_id'] or 'no id'})"
        problems += [f"{where}: empty {c}" for c in _REQUIRED_TEXT if not row[c].strip()]
        if row["service_id"] in seen:
            problems.append(f"{where}: duplicate service_id")
        seen.add(row["service_id"])
        if row["mode"] not in MODES:
            problems.append(f"{where}: mode {row['mode']!r} is not one of {sorted(MODES)}")
        if row["scope"] not in SCOPES:
            problems.append(f"{where}: scope {row['scope']!r} is not one of {sorted(SCOPES)}")
        stops = [row["origin"], *[v for v in row["via"].split(";") if v], row["destination"]]
        problems += [
            f"{where}: stop {s!r} is not a network node" for s in stops if s and s not in node_ids
        ]
        problems += _numbers(where, row)
        problems += [f"{where}: weekday {d!r} is not one of {', '.join(WEEKDAYS)}"
                     for d in _days(row["weekdays"]) if d not in WEEKDAYS]
        if not (row["source"].strip() and row["as_of"].strip()):
            problems.append(f"{where}: a service needs its source and date")
    return problems


def _days(text: str) -> list[str]:
    """The days a ``weekdays`` cell names (``Mon;Fri``; empty: none published)."""
    return [d.strip() for d in str(text).split(";") if d.strip()]


def _numbers(where: str, row: dict) -> list[str]:
    problems = []
    values = {}
    for column in _NUMBERS:
        text = row[column].strip()
        if not text:
            continue
        try:
            value = float(text)
        except ValueError:
            problems.append(f"{where}: {column} {text!r} is not a number")
            continue
        if not (math.isfinite(value) and value > 0):
            problems.append(f"{where}: {column} must be a positive number, got {text!r}")
            continue
        values[column] = value
    days = [values[c] for c in ("days_min", "days_typical", "days_max") if c in values]
    if days != sorted(days):
        problems.append(f"{where}: days must run minimum <= typical <= maximum")
    return problems
