"""Errors raised by the planner; each carries its :class:`~planner.text.messages.Message`, so the
CLI
and the app write it in the reader's language as one clear line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.text.message import Message, Name
from planner.text.messages import render

__all__ = [
    "DataError",
    "InvalidQueryError",
    "InvalidShipmentError",
    "NoRouteError",
    "PlanningError",
    "UnknownPlaceError",
]


class PlanningError(Exception):
    """Base class of every error the planner raises.

    Parameters
    ----------
    record
        What went wrong, as a message record (or plain English text).
    """

    def __init__(self, record: Message | str) -> None:
        self.record = record if isinstance(record, Message) else Message.of("text", text=record)
        self.message = render(self.record, "en")
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError subclasses would quote the whole message
        return self.message

    def render(self, lang: str = "en") -> str:
        """The error in ``lang`` (``"en"`` or ``"zh"``)."""
        return render(self.record, lang)


class UnknownPlaceError(PlanningError, KeyError):
    """A place name or id that the network does not know; carries the closest known names."""

    def __init__(self, name: str, suggestions: Sequence[str | Name] = ()) -> None:
        self.name = name
        self.suggestions = tuple(str(s) for s in suggestions)  # English names (or ids)
        # the message keeps both languages where it has them: a Chinese page suggests Chinese names
        super().__init__(Message.of("unknown_place", name=name, suggestions=tuple(suggestions)))


class InvalidQueryError(PlanningError, ValueError):
    """A query field out of range or of the wrong kind; ``field`` names it.

    Parameters
    ----------
    field
        The query field (``weight_t``, ``priority``, ``alternatives``...).
    code
        The message code (``not_a_number``, ``unknown_choice``...).
    **params
        The message's other parameters.
    """

    def __init__(self, field: str, code: str = "text", **params: Any) -> None:
        self.field = field
        super().__init__(Message.of(code, field=field, **params))


#: The former name of :class:`InvalidQueryError` (kept for callers of the first version).
InvalidShipmentError = InvalidQueryError


class NoRouteError(PlanningError, LookupError):
    """No route joins origin and destination under the given restrictions."""


class DataError(PlanningError):
    """The shipped or given data (network layers, parameter table) is broken: not the user's
    input; the CLI exits with its own code."""
