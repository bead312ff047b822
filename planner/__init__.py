"""How to go: plan routes on the corridor network — one query, many, or a closure's effect.

The parts are listed in ``planner/README.md``. The public names below are imported on first
use (PEP 562), so ``import planner`` is cheap: ``python -m planner places`` does not pay for
the graph. ``planner.Planner().plan(planner.Query("Taiyuan", "Moscow", weight_t=18))``.
"""

from __future__ import annotations

from corridors._lazy import lazy_names

# the module that defines them -> public names
_PUBLIC = {
    "planner.model.errors": "DataError InvalidQueryError InvalidShipmentError NoRouteError "
    "PlanningError UnknownPlaceError",
    "planner.core.planner": "Planner",
    "planner.core.api": "plan plan_rows planner_for resolve_place list_places",
    "planner.model.query": "Query",
    "planner.model.cargo": "CargoClass CargoClasses CargoSpec CargoTableError load_cargo_classes",
    "planner.model.records": "Leg Priority RouteOption Shipment",
    "planner.text.message": "Message",
    "planner.text.messages": "render",
    "planner.model.params": "Parameters ParameterTableError MissingParameterError load_parameters",
    "planner.network.costs": "leg_cost",
    "planner.places.index": "Place",
    "planner.scenario.closure": "scenario",
    "planner.io.export": "options_to_csv options_to_geojson",
    "planner.core.option_rows": "options_to_rows",
    "planner.io.batch": "plan_batch write_batch",
}
_LAZY = {name: module for module, names in _PUBLIC.items() for name in names.split()}
__all__ = sorted(_LAZY)
__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY, __all__)
