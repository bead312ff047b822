"""One-line conveniences over a planner kept per network and parameter table.

``plan("Taiyuan", "Moscow")`` plans on the shipped data without making a
:class:`~planner.core.planner.Planner`: :func:`planner_for` keeps one per network and parameter
table (the shipped ones by default), so scripts stay one line and a second call reuses the
graph and the caches. The network holds its planners (in
:attr:`corridors.network.Network.derived`, keyed by the parameter table's value; the few most
recently used): they go when it goes, and no list of planners outlives its networks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from corridors import Mode
from corridors.network import Network, load_network
from planner.core.kept import Kept
from planner.core.planner import Planner
from planner.model.errors import PlanningError
from planner.model.params import Parameters, load_parameters
from planner.model.query import Query
from planner.model.records import Priority, RouteOption, Shipment
from planner.places.index import Place, PlaceIndex

__all__ = ["list_places", "plan", "plan_rows", "planner_for", "resolve_place"]

#: Planners a network keeps, one per parameter table (least recently used go first).
MAX_PLANNERS = 4
#: The name of a network's planners in :attr:`corridors.network.Network.derived`.
PLANNERS = "planners"


def planner_for(network: Network | None = None, params: Parameters | None = None) -> Planner:
    """The planner of a network and parameter table (the shipped ones by default), made once:
    the network keeps it, keyed by the table's value, for its few most recently used tables.

    Raises
    ------
    InvalidQueryError
        If ``network`` or ``params`` is not of its kind.
    """
    network = load_network() if network is None else network
    params = load_parameters() if params is None else params
    if not isinstance(network, Network) or not isinstance(params, Parameters):
        return Planner(network, params)  # raises, naming which is not of its kind
    planners: Kept[Parameters, Planner] = network.derived.setdefault(PLANNERS, Kept(MAX_PLANNERS))
    return planners.made(params, lambda: Planner(network, params))


def plan(
    origin: str | Place,
    destination: str | Place,
    shipment: Shipment | None = None,
    *,
    priority: str | Priority = "balanced",
    alternatives: int = 5,
    avoid: Iterable[str] | str = (),
    modes: Iterable[str | Mode] | str | None = None,
    network: Network | None = None,
    params: Parameters | None = None,
    method: str = "exact",
) -> list[RouteOption]:
    """Find the ways to send a shipment: ``Planner.plan`` on :func:`planner_for`'s planner.

    Parameters are the fields of :class:`~planner.model.query.Query` (``avoid`` are its
    ``closures``), the network and parameter table (the shipped ones by default) and the
    method (see :meth:`Planner.plan`).
    """
    query = Query.of(
        origin,
        destination,
        shipment,
        priority=priority,
        alternatives=alternatives,
        closures=avoid,
        modes=modes,
    )
    return planner_for(network, params).plan(query, method=method)


def plan_rows(
    queries: Iterable[Query | tuple[Any, Any, Shipment | None, Any]],
    *,
    network: Network | None = None,
    params: Parameters | None = None,
    lang: str = "en",
) -> list[dict | PlanningError]:
    """The best option of many queries as flat rows: ``Planner.plan_rows`` on
    :func:`planner_for`'s planner. A query may also be an ``(origin, destination, shipment,
    priority)`` tuple; one that is not valid comes back as its error."""
    planner = planner_for(network, params)
    made: list[Query | PlanningError] = []
    for item in queries:
        if isinstance(item, Query):
            made.append(item)
            continue
        origin, destination, shipment, priority = item
        try:
            made.append(Query.of(origin, destination, shipment, priority=priority))
        except PlanningError as exc:
            made.append(exc)
    valid = [q for q in made if isinstance(q, Query)]
    answers = iter(planner.plan_rows(valid, lang=lang))
    return [next(answers) if isinstance(q, Query) else q for q in made]


def resolve_place(name: str, network: Network) -> Place:
    """Return the place a person means by ``name``.

    Parameters
    ----------
    name
        A node id, an English or Chinese name, an alias, an IATA code, a UN/LOCODE, an ISO2
        country code or a country name; case-, accent- and punctuation-insensitive.
    network
        The corridor network (from :func:`corridors.load_network`).

    Returns
    -------
    Place
        When a name fits several places, a node id wins, then a city or destination (which
        includes its ports), then another node, then a country. A name the network does not
        know is looked up in the world gazetteer beside it: a place beyond the network, with
        the gateways a truck joins it to (``Place.gateways``); the most populous of several.

    Raises
    ------
    UnknownPlaceError
        If nothing fits; carries up to five closest known names.
    """
    return _index(network).resolve(name)


def list_places(network: Network) -> pd.DataFrame:
    """Return every place ``--from`` / ``--to`` accept.

    Parameters
    ----------
    network
        The corridor network.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, name_en, name_zh, kind, country, aliases, codes``: nodes first in the
        data's order, then countries; ``aliases`` and ``codes`` are ``"; "``-joined.
    """
    return _index(network).table()


def _index(network: Network) -> PlaceIndex:
    """The place index of the planner of ``network`` (built once per network); an object that
    only looks like a network (its ``nodes`` and ``countries`` frames) gets a fresh one."""
    if isinstance(network, Network):
        return planner_for(network).places
    return PlaceIndex(network)
