"""Imports and parcels through the sites the law names: a query planned in two parts.

A shipment of a class that must clear at a site (``import_sites.csv``: fruit and chilled
seafood at Taiyuan Wusu, meat at the Datong land port, parcels at the Taiyuan mail exchange)
or pass a gateway (ore by a port that serves Shanxi's mills) is planned as the part abroad
(the origin to the site) and the part at home (the site to the destination), the two answers'
legs joined; an export the other way round. Each option names its site
(``RouteOption.inspection_site``). A site in Shanxi is used first; when every one is closed
(a scenario's closure names its id), the nearest open site outside the province is offered
and every option says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from corridors import Mode
from corridors.geo import geodesic_distance_km
from planner.core.parcels import as_parcels
from planner.model.errors import NoRouteError
from planner.model.import_sites import ImportSite, ImportSites, load_import_sites
from planner.model.parcel_tariff import ParcelTariff
from planner.model.query import Query
from planner.model.records import Priority, RouteOption
from planner.model.units import KG_PER_T, chargeable_kg
from planner.places.gateways import GATEWAY_KINDS
from planner.places.index import Place
from planner.search.wording import retitled
from planner.text.message import Message, Name

__all__ = ["direction_of", "needs_sites", "through_sites", "without_sites"]

HOME = "CN"
#: The order of each priority's options (balanced keeps the order the parts were ranked in).
_ORDER: dict[Priority, Callable[[RouteOption], tuple]] = {
    Priority.FASTEST: lambda o: (o.transit_days, o.cost_usd),
    Priority.CHEAPEST: lambda o: (o.cost_usd, o.transit_days),
    Priority.GREENEST: lambda o: (o.co2e_kg, o.transit_days),
}


#: Options of the part abroad joined to the part at home, before the best are kept.
PART_OPTIONS = 10


def in_shanxi(planner, place: Place) -> bool:
    """A place is in Shanxi when its node, or the nearest node it is trucked to, is a Shanxi
    prefecture city or lies in one."""
    ids = [place.id] if place.id in planner.network.nodes.index else list(place.node_ids[:1])
    return any(node_id in _shanxi_nodes(planner.network) for node_id in ids)


def _shanxi_nodes(network) -> frozenset[str]:
    """The nodes that are a Shanxi prefecture city or lie in one (found once per network: a
    batch asks for every group)."""
    found = network.derived.get("shanxi_nodes")
    if found is None:
        nodes = network.nodes
        flag = nodes.get("shanxi_prefecture")
        cities = set() if flag is None else set(nodes.index[flag.fillna(False).astype(bool)])
        city = nodes["city"] if "city" in nodes.columns else None
        found = frozenset(cities) | (
            frozenset(nodes.index[city.isin(cities)]) if city is not None else frozenset()
        )
        network.derived["shanxi_nodes"] = found
    return found


def _sites(network) -> ImportSites:
    """The network's designated sites (read once per network)."""
    found = network.derived.get("import_sites")
    if found is None:
        found = network.derived["import_sites"] = load_import_sites(network.data_dir)
    return found


def without_sites(network, closures: tuple[str, ...]) -> tuple[str, ...]:
    """The closures less the designated sites (a site closed closes no edge: what clears there
    goes through another site, :func:`through_sites`)."""
    ids = {site.id.casefold() for site in _sites(network).sites}
    return tuple(c for c in closures if c.strip().casefold() not in ids)


def direction_of(planner, query: Query) -> str | None:
    """``import`` (from abroad into Shanxi), ``export`` (from Shanxi abroad) or ``None``."""
    start, end = query.origin, query.destination
    if start.country != HOME and end.country == HOME and in_shanxi(planner, end):
        return "import"
    if start.country == HOME and end.country != HOME and in_shanxi(planner, start):
        return "export"
    return None


def needs_sites(planner, query: Query) -> bool:
    """A resolved query whose class clears at designated sites in its direction (an import
    of fruit, an export of parcels...)."""
    direction = direction_of(planner, query)
    if direction is None:
        return False
    return bool(_sites(planner.network).of(str(query.cargo), direction))


def through_sites(planner, query: Query) -> list[RouteOption] | None:
    """A resolved query's options through its class's sites, or ``None`` when its class has
    none for its direction (the query is planned as it is). Both parts are planned by the
    exact search, whatever method the query was asked by: a batch and ``route`` give one
    answer."""
    direction = direction_of(planner, query)
    if direction is None:
        return None
    sites = _sites(planner.network).of(str(query.cargo), direction)
    if not sites:
        return None
    ids = {s.id.casefold() for s in sites}
    shut = {c.strip().casefold() for c in query.closures}
    closed = [s for s in sites if s.id.casefold() in shut]
    kept = tuple(c for c in query.closures if c.strip().casefold() not in ids)
    tariff = ParcelTariff.of(str(query.cargo), planner.params)
    # parcels ride the post's dispatch: the way is planned once for one parcel, whatever the
    # shipment (a seller's many parcels in a batch share it), then priced by the tariff
    rest = (query if tariff is None else _dispatch(query, tariff)).replace(closures=kept)
    chosen, notes = _chosen(planner, query, sites, closed)
    options: list[RouteOption] = []
    failures: list[NoRouteError] = []
    for site in chosen:
        try:
            options += _via(planner, rest, site, direction, notes)
        except NoRouteError as err:
            failures.append(err)
    if not options:
        raise failures[0]
    if tariff is not None:
        kg = float(chargeable_kg(query.weight_t, query.volume_m3, planner.params))
        ratio = query.weight_t / rest.weight_t
        options = [retitled(as_parcels(o, tariff, kg, weight_ratio=ratio)) for o in options]
    return _ranked(options, query)


def _dispatch(query: Query, tariff: ParcelTariff) -> Query:
    """The query of one parcel of the tariff's largest size (its volume no more than its
    weight counts for): what the post's way is planned for."""
    weight_t = tariff.max_kg / KG_PER_T
    return query.replace(weight_t=weight_t, volume_m3=weight_t)


def _chosen(planner, query: Query, sites, closed) -> tuple[list[ImportSite], tuple[Message, ...]]:
    """The sites to plan through and what the answer must say about them."""
    open_ = [s for s in sites if s not in closed]
    if any(s.role == "gateway" for s in open_):
        return open_, ()
    home = [s for s in open_ if s.in_shanxi]
    if home:
        return home, ()
    cargo = planner.cargo_spec(query.cargo)
    cargo_name = Name(cargo.name_en, cargo.name_zh)
    outside = [s for s in open_ if not s.in_shanxi]
    if not outside:
        raise NoRouteError(Message.of("no_clearance_site", cargo=cargo_name))
    end = query.destination if query.destination.country == HOME else query.origin
    nearest = min(outside, key=lambda s: _km(planner, s.node, end))
    shut = [s.name for s in closed if s.in_shanxi]
    if not shut:
        return [nearest], (Message.of("clears_outside", cargo=cargo_name, site=nearest.name),)
    note = Message.of("clears_outside_closed", cargo=cargo_name, site=nearest.name, shut=shut[0])
    return [nearest], (note,)


def _km(planner, node_id: str, place: Place) -> float:
    node = planner.network.nodes.loc[node_id]
    return geodesic_distance_km(node["lon"], node["lat"], place.lon, place.lat)


def _via(planner, query: Query, site: ImportSite, direction: str, notes):
    """The options of a query through one site: the part abroad's options, each joined to
    the best of the part at home."""
    site_place = planner.places.resolve(site.node, world=False)
    inbound = direction == "import"
    abroad_end = {"destination": site_place} if inbound else {"origin": site_place}
    home_end = {"origin": site_place} if inbound else {"destination": site_place}
    here = query.destination if inbound else query.origin
    same = here == site_place or set(planner.end_nodes(here)) & set(planner.end_nodes(site_place))
    # as many options abroad whatever the query asks, so that its best does not depend on how
    # many it asks for (the batch asks for one)
    wide = max(query.alternatives, PART_OPTIONS)
    if same and here.beyond_network:  # the site is a gateway of the place: its truck joins them
        whole = _abroad(planner, query.replace(alternatives=wide), site)
        whole = [o for o in whole if _main_end(o, inbound) == site.node]
        if whole:
            return [_joined(o, None, o, site, notes) for o in whole]
    abroad = _abroad(planner, query.replace(**abroad_end, alternatives=wide), site)
    # a port or airport site: the ship or the flight lands there (leaves from there), not at
    # a port or hub before it with a truck on (Los Angeles -> Zhengzhou -> truck -> Taiyuan
    # for the mail exchange at Taiyuan airport)
    direct = [o for o in abroad if _main_end(o, inbound) == site.node]
    abroad = direct or abroad
    home_q = query.replace(**home_end, alternatives=1)
    if site.local_modes and site.local_modes & query.modes:
        home_q = home_q.replace(modes=(site.local_modes & query.modes) | {Mode.ROAD})
    home = None if same else planner.plan(home_q, through_sites=False)[0]
    joined = []
    for option in abroad:
        first, second = (option, home) if inbound else (home, option)
        joined.append(_joined(first, second, option, site, notes))
    return joined


def _main_end(option: RouteOption, last: bool) -> str | None:
    """Where the option's main haul ends (``last``) or starts: the last (first) leg that is
    not a truck."""
    main = [leg for leg in option.legs if leg.mode is not Mode.ROAD]
    if not main:
        return None
    return main[-1].to_id if last else main[0].from_id


def _abroad(planner, query: Query, site: ImportSite) -> list[RouteOption]:
    """The part abroad, by the site's modes where it names any (chilled seafood flies in: by
    air alone, else by air and a truck, keeping the options whose last haul is by air)."""
    if not site.main_modes:
        return planner.plan(query, through_sites=False)
    modes = site.main_modes & query.modes
    if not modes:
        raise NoRouteError(Message.of("site_modes", site=site.name))
    if _leaves_by(planner, query.origin, modes):
        try:
            return planner.plan(query.replace(modes=modes), through_sites=False)
        except NoRouteError:
            pass
    found = planner.plan(query.replace(modes=modes | {Mode.ROAD}), through_sites=False)
    kept = [o for o in found if [leg.mode for leg in o.legs if leg.mode is not Mode.ROAD][-1:]
            == [next(iter(modes))]]
    if not kept:
        raise NoRouteError(Message.of("site_modes", site=site.name))
    return kept


def _leaves_by(planner, place: Place, modes: frozenset[Mode]) -> bool:
    """Whether ``modes`` alone may leave ``place``: one beyond the network (its truck is added
    apart) or a port of those modes (an airport for air); a town of the network needs a truck
    to its airport, and a search by air alone is not tried (it fails, and failures are not
    kept: a batch would search again for every row)."""
    if place.beyond_network:
        return True
    node = planner.graph.nodes.get(place.id)
    kinds = {kind for mode in modes for kind in GATEWAY_KINDS.get(mode.value, ())}
    return node is not None and node.kind in kinds


def _joined(first, second, main: RouteOption, site: ImportSite, notes) -> RouteOption:
    """Two options one after the other, titled and timed as the part abroad (``main``), with
    the site and the notes of both."""
    parts = [p for p in (first, second) if p is not None]
    legs = tuple(leg for p in parts for leg in p.legs)
    said: list[Message] = []
    for note in (*(n for p in parts for n in p.notes), *notes):
        if note not in said:
            said.append(note)
    said.append(Message.of("clears_at" if site.role == "site" else "lands_at", site=site.name))
    method = main.co2e_method
    if method is not None and len(parts) == 2 and all(p.co2e_method for p in parts):
        a, b = (p.co2e_method for p in parts)
        method = dataclasses.replace(
            a,
            factors=tuple(dict.fromkeys(a.factors + b.factors)),
            leg_modes=a.leg_modes + b.leg_modes,
            leg_factors=a.leg_factors + b.leg_factors,
        )
    return retitled(dataclasses.replace(
        main,
        legs=legs,
        notes=tuple(said),
        days_min=sum(p.transit_days_min for p in parts),
        days_max=sum(p.transit_days_max for p in parts),
        border_crossings=sum(p.border_crossings for p in parts),
        co2e_method=method,
        inspection_site=site if site.role == "site" else None,
    ))


def _ranked(options: list[RouteOption], query: Query) -> list[RouteOption]:
    """Best first for the query's priority, ranked ``1..n``, the Pareto flags taken again."""
    def beaten(o: RouteOption) -> bool:
        return any(
            all(a <= b for a, b in zip(p.objectives, o.objectives, strict=True))
            and p.objectives != o.objectives
            for p in options
        )

    order = _ORDER.get(query.priority)
    # balanced keeps the parts' order, but no option another beats on all three comes first
    # (the joined parts can be beaten by a pair that neither part's ranking saw)
    options = sorted(options, key=order if order is not None else beaten)
    kept = options[: query.alternatives]

    return [
        dataclasses.replace(o, rank=i, pareto_optimal=not beaten(o))
        for i, o in enumerate(kept, start=1)
    ]
