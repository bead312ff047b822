"""Errors raised by the planner; the CLI and the app turn each into one clear line."""

from __future__ import annotations


class PlanningError(Exception):
    """Base class of every error the planner raises."""


class UnknownPlaceError(PlanningError, KeyError):
    """A place name or id that the network does not know; carries the closest known names."""

    def __init__(self, name: str, suggestions: list[str] | tuple[str, ...] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        self.message = f"unknown place {name!r}{hint}"
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.message


class InvalidShipmentError(PlanningError, ValueError):
    """A shipment or query parameter out of range (weight, volume, cargo class, priority...)."""


class NoRouteError(PlanningError, LookupError):
    """No route joins origin and destination under the given restrictions."""
