"""What happens to exporters when corridors, links or crossings close (the officials' view).

:func:`scenario` compares, for every destination, the best route from one origin before and
after closing some ids. It asks the planner's public API only: the best option of every
destination, open and closed, as flat rows (``Planner.plan_rows``: the route library grows its
trees once per origin and state, then reads every destination off them).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
import pandas as pd

from corridors.network import Network
from planner._errors import PlanningError
from planner.api import planner_for
from planner.messages import render
from planner.params import Parameters
from planner.places import Place
from planner.query import Query
from planner.records import Priority, RouteOption, Shipment

__all__ = ["SCENARIO_COLUMNS", "default_destinations", "scenario"]

logger = logging.getLogger(__name__)

SCENARIO_COLUMNS = (
    "destination",
    "name_en",
    "name_zh",
    "country",
    "reachable_before",
    "reachable_after",
    "label_before",
    "label_after",
    "exit_port_before",
    "exit_port_after",
    "transit_days_before",
    "transit_days_after",
    "cost_usd_before",
    "cost_usd_after",
    "co2e_kg_before",
    "co2e_kg_after",
    "delta_days",
    "delta_cost_usd",
    "route_changed",
)

_DESTINATION_KINDS = ("destination", "city")


def default_destinations(network: Network, *, home: str = "CN") -> list[str]:
    """Return the foreign end points: destination and city nodes, and foreign seaports that
    serve no listed city.

    Parameters
    ----------
    network
        The corridor network.
    home
        ISO2 code of the home country (its nodes are not destinations).

    Returns
    -------
    list of str
        Node ids, in file order.
    """
    nodes = network.nodes
    foreign = nodes[nodes["country"] != home]
    ends = foreign[foreign["kind"].isin(_DESTINATION_KINDS)]
    chosen = list(ends.index)
    served = set(chosen)
    if "city" in foreign.columns:
        ports = foreign[foreign["kind"] == "seaport"]
        for nid, city in ports["city"].items():
            if not (isinstance(city, str) and city in served):
                chosen.append(nid)
    return chosen


def scenario(
    closed: Iterable[str],
    *,
    origin: str | Place = "taiyuan",
    shipment: Shipment | None = None,
    priority: str | Priority = "balanced",
    destinations: Iterable[str | Place] | None = None,
    network: Network | None = None,
    params: Parameters | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Compare the best route to each destination before and after closing some ids.

    Parameters
    ----------
    closed
        Ids of nodes, links or corridors to close (or place names; a country closes every
        node in it).
    origin
        Where the exporters ship from (a name, id or Place).
    shipment
        What they ship; defaults to ``Shipment()``.
    priority
        Which route counts as best: ``balanced``, ``fastest``, ``cheapest`` or ``greenest``.
    destinations
        Names, ids or Places; defaults to :func:`default_destinations`.
    network
        The corridor network; defaults to the shipped one.
    params
        The parameter table; defaults to the shipped one.
    lang
        Language of the routes' labels (``"en"`` or ``"zh"``).

    Returns
    -------
    pandas.DataFrame
        One row per destination with the columns of :data:`SCENARIO_COLUMNS`: reachability,
        label, exit port (id), days, USD and kg CO2e before and after, and the deltas (after
        minus before; NaN when either side is unreachable).

    Raises
    ------
    UnknownPlaceError
        If the origin, a destination or a closed id is unknown.
    InvalidShipmentError
        If the shipment or priority is invalid.
    """
    if isinstance(closed, str):
        closed = [closed]
    planner = planner_for(network, params)
    base = Query.of(origin, origin, shipment, priority=priority, alternatives=1)
    start = planner.resolve(base).origin
    planner.closed(base.replace(closures=tuple(closed)))  # an unknown id fails here, once
    if destinations is None:
        destinations = default_destinations(planner.network, home=start.country)
    ends = [d if isinstance(d, Place) else planner.places.resolve(str(d)) for d in destinations]
    sides = {}
    for side, closures in (("before", ()), ("after", tuple(closed))):
        queries = [base.replace(origin=start, destination=end, closures=closures) for end in ends]
        sides[side] = planner.best_options(queries)
    rows = []
    for end, before, after in zip(ends, sides["before"], sides["after"], strict=True):
        row: dict = {
            "destination": end.id,
            "name_en": end.name_en,
            "name_zh": end.name_zh,
            "country": end.country,
        }
        for side, found in (("before", before), ("after", after)):
            best = None if isinstance(found, PlanningError) else found
            row[f"reachable_{side}"] = best is not None
            row[f"label_{side}"] = render(best.title, lang) if best and best.title else None
            row[f"exit_port_{side}"] = best.exit_port.id if best and best.exit_port else None
            for column in ("transit_days", "cost_usd", "co2e_kg"):
                row[f"{column}_{side}"] = getattr(best, column) if best else np.nan
        row["delta_days"] = row["transit_days_after"] - row["transit_days_before"]
        row["delta_cost_usd"] = row["cost_usd_after"] - row["cost_usd_before"]
        row["route_changed"] = _route_of(before) != _route_of(after)
        rows.append(row)
    return pd.DataFrame(rows, columns=list(SCENARIO_COLUMNS))


def _route_of(found: RouteOption | PlanningError) -> tuple | None:
    """What a route is, whatever it costs: the links it runs."""
    if isinstance(found, PlanningError):
        return None
    return tuple((leg.from_id, leg.to_id, leg.mode, leg.link_id) for leg in found.legs)
