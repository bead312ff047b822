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
from planner.model.errors import (
    DataError,
    InvalidQueryError,
    InvalidShipmentError,
    NoRouteError,
    PlanningError,
    UnknownPlaceError,
)

__all__ = [
    "CargoClass",
    "CargoClasses",
    "CargoSpec",
    "CargoTableError",
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
    "load_cargo_classes",
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
    "CargoClass": "planner.model.cargo",
    "CargoClasses": "planner.model.cargo",
    "CargoSpec": "planner.model.cargo",
    "CargoTableError": "planner.model.cargo",
    "load_cargo_classes": "planner.model.cargo",
    "Leg": "planner.model.records",
    "Priority": "planner.model.records",
    "RouteOption": "planner.model.records",
    "Shipment": "planner.model.records",
    "Message": "planner.model.message",
    "render": "planner.text.messages",
    "Query": "planner.model.query",
    "Parameters": "planner.model.params",
    "ParameterTableError": "planner.model.params",
    "MissingParameterError": "planner.model.params",
    "load_parameters": "planner.model.params",
    "leg_cost": "planner.network.costs",
    "Planner": "planner.core.planner",
    "planner_for": "planner.core.api",
    "plan": "planner.core.api",
    "plan_rows": "planner.core.api",
    "scenario": "planner.scenario.closure",
    "Place": "planner.places.index",
    "resolve_place": "planner.core.api",
    "list_places": "planner.core.api",
    "options_to_csv": "planner.io.export",
    "options_to_geojson": "planner.io.export",
    "options_to_rows": "planner.io.option_rows",
    "plan_batch": "planner.io.batch",
    "write_batch": "planner.io.batch",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from planner.core.api import list_places, plan, plan_rows, planner_for, resolve_place
    from planner.core.planner import Planner
    from planner.io.batch import plan_batch, write_batch
    from planner.io.export import options_to_csv, options_to_geojson
    from planner.io.option_rows import options_to_rows
    from planner.model.cargo import (
        CargoClass,
        CargoClasses,
        CargoSpec,
        CargoTableError,
        load_cargo_classes,
    )
    from planner.model.message import Message
    from planner.model.params import (
        MissingParameterError,
        Parameters,
        ParameterTableError,
        load_parameters,
    )
    from planner.model.query import Query
    from planner.model.records import Leg, Priority, RouteOption, Shipment
    from planner.network.costs import leg_cost
    from planner.places.index import Place
    from planner.scenario.closure import scenario
    from planner.text.messages import render


__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY, __all__)


# The error classes are imported eagerly (cheap), so `except planner.NoRouteError` needs nothing.
_ERRORS = (DataError, InvalidQueryError, InvalidShipmentError, NoRouteError, PlanningError)
_ERRORS += (UnknownPlaceError,)
