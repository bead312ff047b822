"""The planner: one network and parameter table, the graph built from them, and every cache.

A :class:`Planner` answers a :class:`~planner.model.query.Query` with ranked options
(:meth:`Planner.plan`) and many queries at once with the best option of each as a flat row
(:meth:`Planner.plan_rows`, priced in arrays from the route library). :mod:`planner.core.api` keeps
one planner per network and parameter table for the one-line functions.

Examples
--------
>>> planner = Planner()                                        # doctest: +SKIP
>>> planner.plan(Query("Taiyuan", "Moscow", weight_t=18))[0].label  # doctest: +SKIP
'Rail from Zhongding Logistics Park via Erenhot, 21 d'
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from corridors import Mode
from corridors.air_services import freighter_links
from corridors.network import Network, load_network
from corridors.services import load_services
from planner.core import many_shipments as many
from planner.core.dated import finished
from planner.core.imports import through_sites as through_sites_of
from planner.core.imports import without_sites
from planner.core.kept import Kept
from planner.core.option_rows import RowTable
from planner.core.truck_ends import End, TruckEnds
from planner.model.cargo import CargoClass, CargoClasses, CargoSpec, load_cargo_classes
from planner.model.errors import InvalidQueryError, NoRouteError, PlanningError
from planner.model.params import Parameters, load_parameters
from planner.model.query import ALL_MODES, Query
from planner.model.query_table import QueryTable
from planner.model.records import Haul, RouteOption, Shipment
from planner.model.units import Pricing
from planner.network.costs import EdgeCosts, edge_costs
from planner.network.countries import customs_territory
from planner.network.crossing_fit import CrossingFit, load_crossing_fit
from planner.network.graph import MultimodalGraph
from planner.network.graph_store import kept_graph
from planner.network.trees import LooseForest
from planner.network.weights import Weights, abroad_mask, closure_mask, mode_mask
from planner.places.index import GAZETTEER_FILE, Place, PlaceIndex
from planner.search.exact import Routes, exact_routes, library_routes, to_options
from planner.search.explain import no_route_reason
from planner.search.hauls import fitted, haul_masks
from planner.search.library import Candidates, Library, weightings
from planner.search.routes import Shape, shape_of
from planner.search.timetable import Timetable, unpublished_waits
from planner.search.trucks import (
    candidates_with,
    joined_candidates,
    joined_routes,
    routes_with,
)
from planner.search.wording import heading
from planner.text.message import Message, Name

__all__ = ["MAX_ANSWERS", "METHODS", "Planner"]

#: How a query is answered: the exact search, or the route library (batch files).
METHODS = ("exact", "library")
#: Answers, route libraries, shapes and trucks kept (least recently used go first).
MAX_ANSWERS = 4096
MAX_LIBRARIES = 512
MAX_SHAPES = 50_000
MAX_REGROWN = 32  # route libraries' trees grown again with exits shut (see Library)
MAX_GROUPS = 1 << 16  # a batch's groups, met again by each chunk (more than a chunk's)
_PRICED_COLUMNS = (
    "kind", "mode", "distance_km", "corridor_kind", "departing", "crossing", "gauge_change",
    "freighter", "country_u", "country_v", "passage", "bulk_only", "to_americas",
)  # fmt: skip


class Planner:
    """Plans routes on one network with one parameter table.

    Parameters
    ----------
    network
        The corridor network; the shipped one by default.
    params
        The parameter table; the shipped one by default.

    Raises
    ------
    InvalidQueryError
        If ``network`` or ``params`` is not of its kind.
    """

    def __init__(self, network: Network | None = None, params: Parameters | None = None) -> None:
        self.network = load_network() if network is None else network
        self.params = load_parameters() if params is None else params
        for field, value, kind, expected in (
            ("network", self.network, Network, "a corridors Network (load_network())"),
            ("params", self.params, Parameters, "a Parameters table (load_parameters())"),
        ):
            if not isinstance(value, kind):
                raise InvalidQueryError(
                    field, "wrong_type", expected=expected, got=type(value).__name__
                )
        # every cache below is keyed by the value of what it depends on (see planner.core.kept)
        lock = threading.RLock()
        self._priced: Kept[str, EdgeCosts] = Kept(lock=lock)
        self._hauls: Kept[tuple[str, frozenset[str]], dict[Haul, np.ndarray]] = Kept(lock=lock)
        self._pricings: Kept[Shipment, Pricing] = Kept(MAX_ANSWERS, lock=lock)
        self._answers: Kept[tuple, list[RouteOption]] = Kept(MAX_ANSWERS, lock=lock)
        self._libraries: Kept[tuple, Library] = Kept(MAX_LIBRARIES, lock=lock)
        self._joined: Kept[tuple, Candidates] = Kept(MAX_LIBRARIES, lock=lock)
        self._shapes: Kept[tuple, tuple[Shape, dict] | None] = Kept(MAX_SHAPES, lock=lock)
        self._regrown: Kept[tuple, LooseForest] = Kept(MAX_REGROWN, lock=lock)
        self._weightings: Kept[str, list[np.ndarray]] = Kept(lock=lock)
        self.groups: Kept[tuple, many.Group] = Kept(MAX_GROUPS, lock=lock)
        self._misfits: Kept[tuple[str, str], frozenset[str]] = Kept(lock=lock)
        self._ends = TruckEnds(self, Kept(MAX_SHAPES, lock=lock))

    def __repr__(self) -> str:
        return f"Planner({self.network.data_dir}, {self.params.path})"

    # --- what it owns -----------------------------------------------------------------------

    @functools.cached_property
    def services(self) -> pd.DataFrame:
        """The scheduled services (``services.csv`` and ``air_services.csv`` of the network)."""
        return load_services(self.network.data_dir, set(self.network.nodes.index))

    @functools.cached_property
    def graph(self) -> MultimodalGraph:
        """The multimodal graph (built on first use; the air links only freighters fly
        say so)."""
        return kept_graph(self.network, self.params, freighter_links(self.services))

    @functools.cached_property
    def timetable(self) -> Timetable:
        """The scheduled services the routes may ride."""
        since = {
            mode: int(self.params[key])
            for mode in ("rail", "rail_sea", "rail_ferry", "air", "road")
            if (key := f"services.current_since.{mode}") in self.params
        }
        return Timetable(self.services, self.graph, since, unpublished_waits(self.params))

    @functools.cached_property
    def places(self) -> PlaceIndex:
        """Every place a query may name: the network's, and the world gazetteer's beside it
        (read when a name is not the network's)."""
        world = self.network.data_dir / GAZETTEER_FILE
        reach = self.params["road.on_carriage_max_km"] / self.params["road.detour_factor"]
        return PlaceIndex(self.network, world=world if world.is_file() else None, reach_km=reach)

    @functools.cached_property
    def cargo_classes(self) -> CargoClasses:
        """The cargo table of the network's data directory (else the shipped one)."""
        return load_cargo_classes(self.network.data_dir)

    def cargo_spec(self, cargo: str | CargoSpec) -> CargoSpec:
        """A class's spec; InvalidQueryError (``cargo``) if the table lacks it."""
        return self.cargo_classes.spec(cargo)

    def priced(self, cargo: CargoClass) -> EdgeCosts:
        """The edges' cost coefficients for a cargo class (computed once)."""
        spec = self.cargo_spec(cargo)

        def make() -> EdgeCosts:
            edges = self.graph.edges
            table = {c: edges[c].to_numpy() for c in _PRICED_COLUMNS}
            return edge_costs(table, spec, self.params)

        return self._priced.made(spec.id, make, hold=True)

    @functools.cached_property
    def crossing_fit(self) -> CrossingFit:
        """Which land crossings serve which countries (``crossing_fit.csv`` of the network)."""
        return load_crossing_fit(self.network.data_dir)

    def misfits(self, home: str, country: str) -> frozenset[str]:
        """The crossings of ``home`` a land route to ``country`` may not leave by (kept)."""

        def make() -> frozenset[str]:
            nodes = self.graph.nodes
            ours = [n for n, node in nodes.items() if node.country == home]
            crossings = frozenset(n for n in ours if nodes[n].kind == "border_crossing")
            return self.crossing_fit.shut(country, crossings)

        return self._misfits.made((home, country), make, hold=True)

    def hauls(self, home: str, shut: frozenset[str] = frozenset()) -> dict[Haul, np.ndarray]:
        """Per main haul, the edges its options may not use, for routes leaving ``home``
        (``shut``: crossings the land hauls may not pass); made once per country and shut."""
        if shut:
            return self._hauls.made(
                (home, shut), lambda: fitted(self.hauls(home), self.graph, shut), hold=True
            )
        return self._hauls.made((home, shut), lambda: haul_masks(self.graph, home), hold=True)

    def pricing(self, shipment: Shipment) -> Pricing:
        """A shipment priced with this planner's parameters (kept: sizes repeat)."""
        spec = self.cargo_spec(shipment.cargo)
        return self._pricings.made(shipment, lambda: Pricing.of(shipment, self.params, spec))

    # --- queries ------------------------------------------------------------------------------

    def resolve(self, query: Query) -> Query:
        """The query with its origin and destination resolved to places."""
        if isinstance(query.origin, Place) and isinstance(query.destination, Place):
            return query

        def place(text: str | Place) -> Place:
            return text if isinstance(text, Place) else self.places.resolve(text)

        return query.replace(origin=place(query.origin), destination=place(query.destination))

    def closed(self, query: Query) -> tuple[np.ndarray, tuple[str, ...]]:
        """Edges the query closes (closures, left-out modes; a designated site: none), and ids."""
        mask, ids = closure_mask(
            without_sites(self.network, query.closures), self.graph,
            functools.partial(self.places.resolve, world=False),
        )
        if query.modes != ALL_MODES:
            mask |= mode_mask(self.graph, query.modes)
            ids += tuple(f"mode:{m.value}" for m in Mode if m not in query.modes)
        return mask, ids

    def end_nodes(self, place: Place) -> list[int]:
        """Graph place nodes of a place: the node itself, else every node it stands for."""
        graph = self.graph
        if place.id in graph.place_node:
            return [graph.place_node[place.id]]
        return [graph.place_node[n] for n in place.node_ids if n in graph.place_node]

    def ends_of(self, query: Query) -> tuple[list[int], list[int]]:
        """The graph nodes a resolved query starts and ends at (``NoRouteError`` when a place
        has none; ``InvalidQueryError`` when both are the same place)."""
        start, end = query.origin, query.destination
        sources, targets = self.end_nodes(start), self.end_nodes(end)
        if not sources or not targets:
            missing = start if not sources else end
            raise NoRouteError(Message.of("no_node", place=_name(missing)))
        beyond = start.beyond_network or end.beyond_network
        if start == end or (not beyond and set(sources) & set(targets)):
            raise InvalidQueryError(
                "destination", "same_place", origin=_name(start), destination=_name(end)
            )
        for place in (start, end):  # a route cannot keep off where it starts or ends
            own = {place.id.casefold(), *(n.casefold() for n in place.node_ids)}
            for closure in query.closures:
                if closure.strip().casefold() in own:
                    raise InvalidQueryError(
                        "closures", "avoid_end", closure=closure, place=_name(place)
                    )
        return sources, targets

    # --- one query ----------------------------------------------------------------------------

    def plan(
        self, query: Query, *, method: str = "exact", through_sites: bool = True
    ) -> list[RouteOption]:
        """The ways to send a query's shipment, best first for its priority.

        Parameters
        ----------
        query
            What to plan.
        method
            ``"exact"`` searches the graph for this query, haul by haul (Pareto label search,
            the optimum, every exit port, every service's route); ``"library"`` answers from
            the route library's candidates. Either is dated by :func:`~.dated.finished`.
        through_sites
            Through the sites its class must pass (:mod:`planner.core.imports`), or as it is.

        Returns
        -------
        list of RouteOption
            Distinct routes ranked ``1..n``; ``pareto_optimal`` marks the routes no candidate
            beats on days, cost and CO2e at once (the first is always one).

        Raises
        ------
        UnknownPlaceError
            If a place or a closure is unknown (with the closest names).
        InvalidQueryError
            For an unknown method, or origin and destination the same place.
        NoRouteError
            If no route joins the two places under the restrictions, with the reason.
        """
        if method not in METHODS:
            raise InvalidQueryError("method", "unknown_choice", what="method", value=method,
                                    choices=METHODS)  # fmt: skip
        query = self.resolve(query)
        base = query.undated()  # the search knows no day and no quote: dated after it
        if not (through_sites and (found := through_sites_of(self, base)) is not None):
            found = list(self._answers.made((base, method), lambda: self._plan(base, method)))
        return finished(self, query, found)

    def _plan(self, query: Query, method: str) -> list[RouteOption]:
        sources, targets = self.ends_of(query)
        closed, closed_ids = self.closed(query)
        weights = Weights.of(self.priced(query.cargo), self.pricing(query.shipment), closed)
        if method == "library":
            candidates = self.candidates(query, closed=(closed, closed_ids))
            if len(candidates):
                routes = library_routes(candidates, weights.pricing)
                return to_options(routes, weights, query.priority, query.alternatives, self.params)
        if query.origin.beyond_network or query.destination.beyond_network:
            parts = []
            for (start, first), (end, last) in self._gateway_pairs(query):
                ends = self.end_nodes(start), self.end_nodes(end)
                found = self._exact(query.replace(origin=start, destination=end), weights, ends)
                parts.append(routes_with(found, first, last, weights.pricing))
            routes = joined_routes(parts)
        else:
            routes = self._exact(query, weights, (sources, targets))
        if not routes.shapes:
            reason = NoRouteError(self.why_none(query, weights, (sources, targets), closed_ids))
            end = query.destination
            if end.beyond_network or end.id not in self.graph.place_node:
                raise reason
            # the network reaches it no other way (a closure, the modes left): by truck from
            # its nearest gateways, as a city beyond the network is
            trucked = self.places.reached_by_truck(end)
            if not trucked.gateways:
                raise reason
            try:
                return self._plan(query.replace(destination=trucked), method)
            except NoRouteError:
                raise reason from None
        return to_options(routes, weights, query.priority, query.alternatives, self.params)

    def _exact(self, query: Query, weights: Weights, ends: tuple[list[int], list[int]]) -> Routes:
        """The exact search's routes between two network places."""
        sources, targets = ends
        territory = customs_territory(query.destination.country, self.params)
        home = self.graph.nodes[self.graph.node_place[sources[0]]].country
        end = self.graph.nodes[self.graph.node_place[targets[0]]].country
        masks = self.hauls(home, self.misfits(home, end))

        def search(weighted: Weights) -> Routes:
            return exact_routes(
                self.graph,
                weighted,
                query.priority,
                (sources, targets),
                territory,
                masks=masks,
                params=self.params,
                timetable=self.timetable,
            )

        routes = None
        if query.origin.country == home == query.destination.country:
            # a domestic trip stays at home (no export and re-import) unless it cannot
            routes = search(weights.closing(abroad_mask(self.graph, home)))
        if routes is None or not routes.shapes:
            routes = search(weights)
        return routes

    # --- places beyond the network --------------------------------------------------------------

    def _gateway_pairs(self, query: Query) -> list[tuple[End, End]]:
        """The network places a query's searches run between (:class:`TruckEnds`)."""
        return self._ends.pairs(query.origin, query.destination)

    def why_none(
        self,
        query: Query,
        weights: Weights,
        ends: tuple[list[int], list[int]],
        closed_ids: tuple[str, ...],
    ) -> Message:
        """Why no route joins a query's ends under ``weights`` (a message record)."""
        return no_route_reason(
            self.graph,
            self.params,
            weights,
            (query.origin, query.destination),
            ends,
            closed_ids,
        )

    # --- the route library --------------------------------------------------------------------

    def candidates(
        self, query: Query, *, closed: tuple[np.ndarray, tuple[str, ...]] | None = None
    ) -> Candidates:
        """The route library's candidates for a resolved query's origin, destination, cargo
        class, closures and modes (grown once, kept); a place beyond the network: the
        candidates through each of its gateways, with the trucks."""
        if query.origin.beyond_network or query.destination.beyond_network:
            key = (query.origin, query.destination, query.cargo, query.closures, query.modes)

            def join() -> Candidates:
                return joined_candidates(
                    [
                        candidates_with(
                            self._library(query.replace(origin=start), closed).candidates(
                                end, self.end_nodes(end)
                            ),
                            first,
                            last,
                            query.cargo,
                        )
                        for (start, first), (end, last) in self._gateway_pairs(query)
                    ]
                )

            return self._joined.made(key, join)
        library = self._library(query, closed)
        found = library.candidates(query.destination, self.end_nodes(query.destination))
        if len(found) or query.destination.id not in self.graph.place_node:
            return found
        # the network reaches it no other way: by truck from its gateways, as _plan does
        trucked = self.places.reached_by_truck(query.destination)
        if not trucked.gateways:
            return found
        by_truck = self.candidates(query.replace(destination=trucked), closed=closed)
        return by_truck if len(by_truck) else found

    def _library(self, query: Query, closed: tuple[np.ndarray, tuple[str, ...]] | None) -> Library:
        """The route library of a query's origin (a network place), cargo class, closures and
        modes (grown once, kept)."""

        def grow() -> Library:
            mask, _ = self.closed(query) if closed is None else closed
            priced, spec = self.priced(query.cargo), self.cargo_spec(query.cargo)
            return Library(
                self.graph,
                self.params,
                spec,
                priced,
                (query.origin, self.end_nodes(query.origin)),
                mask | priced.forbidden,
                self._shaped,
                self.hauls(query.origin.country),
                self.timetable,
                fit=self.misfits,
                regrown=self._regrown,
                name=key,
                weighed=lambda: self._weightings.made(
                    spec.id, lambda: weightings(priced, self.params, spec), hold=True
                ),
            )

        key = (query.origin, query.cargo, query.closures, query.modes)
        return self._libraries.made(key, grow, hold=True)

    def _shaped(
        self, path: tuple[int, ...], territory: frozenset[str]
    ) -> tuple[Shape, dict] | None:
        """A path's shape and title parameters (kept: libraries of several cargo classes meet
        the same paths)."""

        def shaped() -> tuple[Shape, dict] | None:
            shape = shape_of(self.graph, path, territory)
            return None if shape is None else (shape, heading(self.graph, shape))

        return self._shapes.made((path, territory), shaped)

    # --- many queries ---------------------------------------------------------------------------

    def plan_table(
        self, table: QueryTable, *, lang: str = "en", progress: Callable[[int], None] | None = None
    ) -> RowTable:
        """The best option of every shipment of a table, as flat rows in columns, from the route
        library (see :meth:`plan_rows`; batch files call this).

        Parameters
        ----------
        table
            The shipments, grouped by origin, destination, cargo class and closures.
        lang
            Language of the labels and warnings (``"en"`` or ``"zh"``).
        progress
            Told how many more shipments are answered, a group at a time.
        """
        return many.plan_table(self, table, lang=lang, progress=progress)

    def plan_rows(
        self, queries: Iterable[Query], *, lang: str = "en"
    ) -> list[dict | PlanningError]:
        """The best option of many queries, each as a flat row (:data:`planner.core.option_rows.
        OPTION_COLUMNS`, in ``lang``), from the route library, priced a group of queries (same
        origin, destination, cargo class and closures) at a time: per query, in order, what
        ``option_row(self.plan(q.replace(alternatives=1), method="library")[0])`` gives, or the
        :class:`PlanningError` that :meth:`plan` would raise."""
        return self.plan_table(QueryTable.of(queries), lang=lang).rows()

    def best_options(self, queries: Iterable[Query]) -> list[RouteOption | PlanningError]:
        """The best options of many queries (as :meth:`plan_rows`, whole: legs, unrounded)."""
        return many.best_options(self, QueryTable.of(queries))


def _name(place: Place) -> Name:
    return Name(place.name_en, place.name_zh)
