"""One planner fake for the tests of the CLI and of batch files: known answers, recorded calls.

It answers like :class:`planner.core.planner.Planner` (``places``, ``plan``, ``plan_rows``,
``plan_table``) on a real
network's places: two options towards anywhere (by rail via Erenhot), except towards Chita,
where no route exists.
"""

from __future__ import annotations

from corridors import Mode
from planner.io.option_rows import RowTable, option_row
from planner.model.errors import NoRouteError, PlanningError
from planner.model.message import Message
from planner.model.query import Query
from planner.model.query_table import QueryTable
from planner.model.records import Leg, RouteOption
from planner.places.index import PlaceIndex

USD_CNY = 7.1


def text(value: str) -> Message:
    """A message that reads the same in every language (for made-up titles and notes)."""
    return Message.of("text", text=value)


class FakePlanner:
    """Stands in for a Planner; ``calls`` holds every query planned, ``methods`` how."""

    def __init__(self, network) -> None:
        self.network = network
        self.places = PlaceIndex(network)
        self.calls: list[Query] = []
        self.methods: list[str] = []

    def resolve(self, query: Query) -> Query:
        return query.replace(
            origin=self.places.resolve(query.origin)
            if isinstance(query.origin, str)
            else query.origin,
            destination=self.places.resolve(query.destination)
            if isinstance(query.destination, str)
            else query.destination,
        )

    def plan(self, query: Query, *, method: str = "exact") -> list[RouteOption]:
        query = self.resolve(query)
        self.calls.append(query)
        self.methods.append(method)
        origin, destination = query.origin.id, query.destination.id
        if destination == "chita":
            raise NoRouteError(f"no route from {origin} to {destination}")
        weight = query.weight_t
        rail = Leg(origin, "erenhot", Mode.RAIL, "land_erenhot", 700.0, 30.0, 1500.0, 800.0)
        abroad = Leg(
            "erenhot", destination, Mode.RAIL, "rail_russia", 6000.0, 300.0, 4000.0, 3000.0
        )
        options = [
            RouteOption(
                (rail, abroad),
                self.network.node("erenhot"),
                self.network.node("zamyn_uud"),
                USD_CNY,
                title=text("Rail via Erenhot"),
                rank=1,
                pareto_optimal=True,
                border_crossings=1,
                notes=(text("=gauge change at Zamyn-Uud"),),
            ),
            RouteOption(
                (rail,),
                self.network.node("erenhot"),
                None,
                USD_CNY,
                title=text(f"{origin}->{destination} {weight:g} t"),
                rank=2,
            ),
        ]
        return options[: query.alternatives]

    def plan_rows(self, queries, *, lang: str = "en") -> list:
        out = []
        for query in queries:
            try:
                option = self.plan(query, method="library")[0]
                out.append(option_row(option, lang))
            except PlanningError as exc:
                out.append(exc)
        return out

    def plan_table(self, table: QueryTable, *, lang: str = "en", progress=None) -> RowTable:
        """``plan_rows`` of the table's queries, each distinct query planned once (progress
        told after each)."""
        rows: dict[Query, list[int]] = {}
        for i, query in enumerate(table.queries()):
            rows.setdefault(query, []).append(i)
        out = RowTable.empty(len(table))
        for query, answer in zip(rows, self.plan_rows(list(rows), lang=lang), strict=True):
            for i in rows[query]:
                out.put(i, answer)
            if progress is not None:
                progress(len(rows[query]))
        return out


class BrokenPlanner(FakePlanner):
    """A planner with a bug: every plan fails with an internal error."""

    def plan(self, query: Query, *, method: str = "exact") -> list[RouteOption]:
        raise ZeroDivisionError("oops")

    def plan_rows(self, queries, *, lang: str = "en") -> list:
        raise ZeroDivisionError("oops")

    def plan_table(self, table, *, lang: str = "en", progress=None) -> RowTable:
        raise ZeroDivisionError("oops")
