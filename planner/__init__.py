"""How to go: the multimodal graph, leg costs, route search, scenarios, batch and export.

The public names are listed in ``__all__`` and imported on first use (PEP 562), so
``import planner`` is cheap and never fails: ``python -m planner places`` does not pay for
osmnx, and a module that is missing only fails when its name is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from planner._errors import InvalidShipmentError, NoRouteError, PlanningError, UnknownPlaceError

__all__ = [
    "CargoClass",
    "InvalidShipmentError",
    "Leg",
    "MissingParameterError",
    "MultimodalGraph",
    "NoRouteError",
    "ParameterTableError",
    "Parameters",
    "Place",
    "PlanningError",
    "Priority",
    "RouteOption",
    "Shipment",
    "UnknownPlaceError",
    "build_graph",
    "errors",
    "leg_cost",
    "list_places",
    "load_parameters",
    "options_to_csv",
    "options_to_geojson",
    "plan",
    "plan_batch",
    "plan_rows",
    "resolve_place",
    "scenario",
]

# public name -> (module, attribute); ``None`` as attribute means the module itself
_LAZY: dict[str, tuple[str, str | None]] = {
    "CargoClass": ("planner.records", "CargoClass"),
    "Leg": ("planner.records", "Leg"),
    "Priority": ("planner.records", "Priority"),
    "RouteOption": ("planner.records", "RouteOption"),
    "Shipment": ("planner.records", "Shipment"),
    "Parameters": ("planner.params", "Parameters"),
    "ParameterTableError": ("planner.params", "ParameterTableError"),
    "MissingParameterError": ("planner.params", "MissingParameterError"),
    "load_parameters": ("planner.params", "load_parameters"),
    "leg_cost": ("planner.costs", "leg_cost"),
    "MultimodalGraph": ("planner.graph", "MultimodalGraph"),
    "build_graph": ("planner.graph", "build_graph"),
    "plan": ("planner.search", "plan"),
    "plan_rows": ("planner.search", "plan_rows"),
    "scenario": ("planner.scenario", "scenario"),
    "Place": ("planner.places", "Place"),
    "resolve_place": ("planner.places", "resolve_place"),
    "list_places": ("planner.places", "list_places"),
    "options_to_csv": ("planner.export", "options_to_csv"),
    "options_to_geojson": ("planner.export", "options_to_geojson"),
    "plan_batch": ("planner.batch", "plan_batch"),
    "errors": ("planner._errors", None),
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from planner import _errors as errors
    from planner.batch import plan_batch
    from planner.costs import leg_cost
    from planner.export import options_to_csv, options_to_geojson
    from planner.graph import MultimodalGraph, build_graph
    from planner.params import (
        MissingParameterError,
        Parameters,
        ParameterTableError,
        load_parameters,
    )
    from planner.places import Place, list_places, resolve_place
    from planner.records import CargoClass, Leg, Priority, RouteOption, Shipment
    from planner.scenario import scenario
    from planner.search import plan, plan_rows


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'planner' has no attribute {name!r}") from None
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


# Keep the eagerly imported error classes visible to linters as used.
_ERRORS = (InvalidShipmentError, NoRouteError, PlanningError, UnknownPlaceError)
