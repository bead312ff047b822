"""What happens to exporters when corridors, links or crossings close (the officials' view).

:func:`scenario` compares, for every destination, the best route from one origin before and
after closing some ids, for one assumed shipment and the modes allowed. It asks the planner's
public API only: the best option of every destination, open and closed
(``Planner.best_options``: the route library grows its trees once per origin and state, then
reads every destination off them). :func:`scenario_report` adds what the analysis assumed and,
with a shipment book, the flows per corridor (:mod:`planner.scenario.flows`), in the shape of the
JSON contract.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from corridors.network import Network
from planner.core.api import planner_for
from planner.core.planner import Planner
from planner.model.cargo import CargoSpec
from planner.model.errors import PlanningError
from planner.model.import_sites import ImportSites, load_import_sites
from planner.model.params import Parameters
from planner.model.query import Query
from planner.model.records import Priority, RouteOption, Shipment
from planner.places.index import Place
from planner.scenario.clearance import site_closures
from planner.scenario.outcomes import STATUSES, main_corridor, status_of
from planner.text.messages import render
from planner.text.scenario_words import NEVER_REACHED

__all__ = [
    "SCENARIO_COLUMNS",
    "STATUSES",
    "default_destinations",
    "scenario",
    "scenario_report",
    "status_counts",
]

logger = logging.getLogger(__name__)

SCENARIO_COLUMNS = (
    "destination",
    "name_en",
    "name_zh",
    "country",
    "status",
    "reachable_before",
    "reachable_after",
    "label_before",
    "label_after",
    "exit_port_before",
    "exit_port_after",
    "corridor_before",
    "corridor_after",
    "transit_days_before",
    "transit_days_after",
    "cost_usd_before",
    "cost_usd_after",
    "co2e_kg_before",
    "co2e_kg_after",
    "delta_days",
    "delta_cost_usd",
    "delta_co2e_kg",
    "route_changed",
    "remark",
)
#: What each side of a destination holds in the JSON (``before`` / ``after``).
SIDE_FIELDS = ("transit_days", "cost_usd", "co2e_kg", "exit_port", "corridor", "label")
#: The side fields holding a node's or a corridor's id.
_NAMED_FIELDS = ("exit_port", "corridor")

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
    modes: str | Iterable[str] | None = None,
    destinations: Iterable[str | Place] | None = None,
    network: Network | None = None,
    params: Parameters | None = None,
    planner: Planner | None = None,
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
        What they ship; defaults to ``Shipment()`` (general cargo, 10 t, 30 m³).
    priority
        Which route counts as best: ``balanced``, ``fastest``, ``cheapest`` or ``greenest``.
    modes
        The modes a route may use, before and after (e.g. ``"rail,road,sea"``: no air, so a
        land closure can leave places unreachable); all four by default.
    destinations
        Names, ids or Places; defaults to :func:`default_destinations`.
    network, params
        The corridor network and the parameter table; the shipped ones by default.
    planner
        A planner to ask instead of the one of ``network`` and ``params``.
    lang
        Language of the routes' labels and remarks (``"en"`` or ``"zh"``).

    Returns
    -------
    pandas.DataFrame
        One row per destination with the columns of :data:`SCENARIO_COLUMNS`: its ``status``
        (one of :data:`STATUSES`), reachability, label, exit port (id), main corridor, days,
        USD and kg CO2e before and after, the deltas (after minus before; NaN when either side
        is unreachable), and a ``remark`` where there was no route before.

    Raises
    ------
    UnknownPlaceError
        If the origin, a destination or a closed id is unknown.
    InvalidShipmentError
        If the shipment, priority or modes are invalid.
    """
    if isinstance(closed, str):
        closed = [closed]
    closed = tuple(closed)
    planner = planner or planner_for(network, params)
    extra = {} if modes is None else {"modes": modes}
    base = Query.of(origin, origin, shipment, priority=priority, alternatives=1, **extra)
    start = planner.resolve(base).origin
    # a designated site's id closes no edge: it only sends its class elsewhere
    on_network = tuple(c for c in closed if c not in site_closures(closed, _sites(planner)))
    planner.closed(base.replace(closures=on_network))  # an unknown id fails here, once
    if destinations is None:
        destinations = default_destinations(planner.network, home=start.country)
    ends = [d if isinstance(d, Place) else planner.places.resolve(str(d)) for d in destinations]
    sides = {}
    for side, closures in (("before", ()), ("after", on_network)):
        queries = [base.replace(origin=start, destination=end, closures=closures) for end in ends]
        sides[side] = [_found(o) for o in planner.best_options(queries)]
    compare = _Comparison.of(planner.network, planner.cargo_spec(base.cargo), lang)
    rows = [
        compare.row(end, before, after)
        for end, before, after in zip(ends, sides["before"], sides["after"], strict=True)
    ]
    return pd.DataFrame(rows, columns=list(SCENARIO_COLUMNS))


@dataclass(frozen=True)
class _Comparison:
    """How a destination's best route before and after the closures is written as a row."""

    kinds: dict[str, str]
    cargo: CargoSpec
    lang: str

    @classmethod
    def of(cls, network: Network, cargo: CargoSpec, lang: str) -> _Comparison:
        kinds = {cid: c.kind for cid, c in network.corridors.items()}
        return cls(kinds, cargo, lang)

    def row(self, end: Place, before: RouteOption | None, after: RouteOption | None) -> dict:
        """One row of :data:`SCENARIO_COLUMNS` (``None``: no route on that side)."""
        lang = self.lang
        row: dict = {
            "destination": end.id,
            "name_en": end.name_en,
            "name_zh": end.name_zh,
            "country": end.country,
            "status": status_of(before, after),
        }
        for side, best in (("before", before), ("after", after)):
            row[f"reachable_{side}"] = best is not None
            row[f"label_{side}"] = render(best.title, lang) if best and best.title else None
            row[f"exit_port_{side}"] = best.exit_port.id if best and best.exit_port else None
            row[f"corridor_{side}"] = main_corridor(best, self.kinds)
            for column in ("transit_days", "cost_usd", "co2e_kg"):
                row[f"{column}_{side}"] = getattr(best, column) if best else np.nan
        for column, delta in (
            ("transit_days", "delta_days"),
            ("cost_usd", "delta_cost_usd"),
            ("co2e_kg", "delta_co2e_kg"),
        ):
            row[delta] = row[f"{column}_after"] - row[f"{column}_before"]
        row["route_changed"] = _route_of(before) != _route_of(after)
        row["remark"] = NEVER_REACHED[1 if lang == "zh" else 0] if before is None else None
        return row


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many destinations have each status (every status named, zeros included)."""
    counts = frame["status"].value_counts() if "status" in frame.columns else {}
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def scenario_report(
    closed: Iterable[str],
    *,
    book: Any = None,
    **asked: Any,) -> dict[str, Any]:
    """The scenario as the JSON contract's object: ``assumptions``, ``destinations``,
    ``flows`` and ``totals``, and ``link_flows`` (the flows per link, for a map).

    Parameters
    ----------
    closed, asked
        As for :func:`scenario` (``origin``, ``shipment``, ``priority``, ``modes``,
        ``network``, ``params``, ``planner``, ``lang``).
    book
        A shipment book (path, open file, DataFrame or rows; see
        :func:`planner.io.shipments.open_shipments`) planned before and after for the flows per
        corridor; ``None``: no flows, and the totals count destinations only.

    Returns
    -------
    dict
        JSON-ready (no NaN): the destinations' ``before`` / ``after`` are ``None`` when there
        is no route.
    """
    closed = (closed,) if isinstance(closed, str) else tuple(closed)
    network, params = asked.pop("network", None), asked.pop("params", None)
    planner = asked["planner"] = asked.get("planner") or planner_for(network, params)
    shipment = asked["shipment"] = asked.get("shipment") or Shipment()
    origin, modes = asked.get("origin", "taiyuan"), asked.get("modes")
    priority = asked.get("priority", "balanced")
    frame = scenario(closed, **asked)
    extra = {} if modes is None else {"modes": modes}
    query = Query.of(origin, origin, shipment, priority=priority, **extra)
    start = planner.resolve(query).origin
    report: dict[str, Any] = {
        "assumptions": {
            "origin": {"id": start.id, "name_en": start.name_en, "name_zh": start.name_zh},
            "cargo": query.cargo.value,
            "weight_t": query.weight_t,
            "volume_m3": query.volume_m3,
            "priority": query.priority.value,
            "modes": sorted(m.value for m in query.modes),
            "close": list(closed),
            "close_names": [_closure_name(planner, cid) for cid in closed],
        },
        "destinations": destination_records(frame),
        "flows": [],
        "link_flows": [],
        "totals": {"destinations": len(frame), **status_counts(frame)},
    }
    if book is not None:
        from planner.scenario.flows import plan_flows

        flows = plan_flows(book, closed, modes=modes, planner=planner)
        report["assumptions"]["shipments"] = flows.source
        report["flows"] = flows.corridor_records()
        report["link_flows"] = flows.links.to_dict("records")
        report["totals"].update(flows.totals)
    return report


def _closure_name(planner: Planner, closure_id: str) -> dict[str, str]:
    """A closed node's, corridor's or designated site's id and names (the id where the
    network has no name)."""
    graph = planner.graph
    named = graph.nodes.get(closure_id) or graph.network.corridors.get(closure_id)
    if named is None:
        key = closure_id.strip().casefold()
        site = next((s.name for s in _sites(planner).sites if s.id.casefold() == key), None)
        if site is not None:
            return {"id": closure_id, "name_en": site.en, "name_zh": site.zh}
        return {"id": closure_id, "name_en": closure_id, "name_zh": closure_id}
    return {"id": closure_id, "name_en": named.name_en, "name_zh": named.name_zh or named.name_en}


def destination_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The scenario's rows as the JSON contract's destinations."""
    records = []
    for row in frame.to_dict("records"):
        record = {k: _plain(row[k]) for k in ("name_en", "name_zh", "country", "status")}
        record = {"id": row["destination"], **record}
        for side in ("before", "after"):
            if not row[f"reachable_{side}"]:
                record[side] = None
                continue
            record[side] = {f: _plain(row[f"{f}_{side}"]) for f in SIDE_FIELDS}
        record["remark"] = _plain(row["remark"])
        records.append(record)
    return records


def _plain(value: Any) -> Any:
    """A JSON value: NaN becomes ``None``, numpy numbers plain, floats rounded to what means."""
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else round(float(value), 2)
    if isinstance(value, np.bool_ | np.integer):
        return value.item()
    return value


def _sites(planner: Planner) -> ImportSites:
    return load_import_sites(planner.network.data_dir)


def _found(found: RouteOption | PlanningError) -> RouteOption | None:
    return None if isinstance(found, PlanningError) else found


def _route_of(found: RouteOption | None) -> tuple | None:
    """What a route is, whatever it costs: the links it runs."""
    if found is None:
        return None
    return tuple((leg.from_id, leg.to_id, leg.mode, leg.link_id) for leg in found.legs)


#: Columns of :func:`report_frame` that repeat what the scenario assumed, on every row.
ASSUMPTION_COLUMNS = ("origin", "cargo", "weight_t", "volume_m3", "priority", "modes", "closed")


def report_frame(
    report: dict[str, Any], names: Mapping[str, str] | None = None, sep: str = " "
) -> pd.DataFrame:
    """A report's destinations as one flat table (CSV, Excel, the terminal), every row naming
    what the scenario assumed (:data:`ASSUMPTION_COLUMNS`), so a copied row keeps its
    meaning. With ``names`` (id -> name, see :func:`planner.scenario.naming.table_names`) the
    ports, corridors, origin and closures (joined by ``sep``) are named, not given as ids."""
    name = (lambda v: v) if names is None else (lambda v: names.get(v, v) if v else v)
    assumed = report["assumptions"]
    fixed = {
        "origin": name(assumed["origin"]["id"]),
        "cargo": assumed["cargo"],
        "weight_t": assumed["weight_t"],
        "volume_m3": assumed["volume_m3"],
        "priority": assumed["priority"],
        "modes": "+".join(assumed["modes"]),
        "closed": sep.join(name(c) for c in assumed["close"]),
    }
    rows = []
    for record in report["destinations"]:
        row = {"destination": record["id"]}
        row |= {k: record[k] for k in ("name_en", "name_zh", "country", "status")}
        for side in ("before", "after"):
            values = record[side] or {}
            row |= {f"{field}_{side}": values.get(field) for field in SIDE_FIELDS}
            row |= {f"{f}_{side}": name(values.get(f)) for f in _NAMED_FIELDS}
        row["remark"] = record["remark"]
        rows.append(row | fixed)
    columns = ["destination", "name_en", "name_zh", "country", "status"]
    columns += [f"{name}_{side}" for name in SIDE_FIELDS for side in ("before", "after")]
    columns += ["remark", *ASSUMPTION_COLUMNS]
    return pd.DataFrame(rows, columns=columns)
