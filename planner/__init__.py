"""How to go: plan routes on the corridor network — one query, many, or a closure's effect.

The public names are listed in ``__all__`` and imported on first use (PEP 562), so
``import planner`` is cheap and never fails: ``python -m planner places`` does not pay for the
graph, and a module that is missing only fails when its name is used.

>>> import planner                                                   # doctest: +SKIP
>>> planner.plan("Taiyuan", "Moscow")[0].label                       # doctest: +SKIP
>>> planner.Planner().plan(planner.Query("Taiyuan", "Moscow", weight_t=18))  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corridors._lazy import lazy_names
from planner._errors import (
    DataError,
    InvalidQueryError,
    InvalidShipmentError,
    NoRouteError,
    PlanningError,
    UnknownPlaceError,
)

__all__ = [
    "CargoClass",
    "DataError",
    "InvalidQueryError",
    "InvalidShipmentError",
    "Leg",
    "Message",
    "MissingParameterError",
    "NoRouteError",
    "ParameterTableError",
    "Parameters",
    "Place",
    "Planner",
    "PlanningError",
    "Priority",
    "Query",
    "RouteOption",
    "Shipment",
    "UnknownPlaceError",
    "leg_cost",
    "list_places",
    "load_parameters",
    "options_to_csv",
    "options_to_geojson",
    "options_to_rows",
    "plan",
    "plan_batch",
    "plan_rows",
    "planner_for",
    "render",
    "resolve_place",
    "scenario",
    "write_batch",
]

# public name -> the module that defines it
_LAZY: dict[str, str] = {
    "CargoClass": "planner.records",
    "Leg": "planner.records",
    "Priority": "planner.records",
    "RouteOption": "planner.records",
    "Shipment": "planner.records",
    "Message": "planner.messages",
    "render": "planner.messages",
    "Query": "planner.query",
    "Parameters": "planner.params",
    "ParameterTableError": "planner.params",
    "MissingParameterError": "planner.params",
    "load_parameters": "planner.params",
    "leg_cost": "planner.costs",
    "Planner": "planner.engine",
    "planner_for": "planner.api",
    "plan": "planner.api",
    "plan_rows": "planner.api",
    "scenario": "planner.scenarios",
    "Place": "planner.places",
    "resolve_place": "planner.api",
    "list_places": "planner.api",
    "options_to_csv": "planner.export",
    "options_to_geojson": "planner.export",
    "options_to_rows": "planner.rows",
    "plan_batch": "planner.batch",
    "write_batch": "planner.batch",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from planner.api import list_places, plan, plan_rows, planner_for, resolve_place
    from planner.batch import plan_batch, write_batch
    from planner.costs import leg_cost
    from planner.engine import Planner
    from planner.export import options_to_csv, options_to_geojson
    from planner.messages import Message, render
    from planner.params import (
        MissingParameterError,
        Parameters,
        ParameterTableError,
        load_parameters,
    )
    from planner.places import Place
    from planner.query import Query
    from planner.records import CargoClass, Leg, Priority, RouteOption, Shipment
    from planner.rows import options_to_rows
    from planner.scenarios import scenario


__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY, __all__)


# The error classes are imported eagerly (cheap), so `except planner.NoRouteError` needs nothing.
_ERRORS = (DataError, InvalidQueryError, InvalidShipmentError, NoRouteError, PlanningError)
_ERRORS += (UnknownPlaceError,)
