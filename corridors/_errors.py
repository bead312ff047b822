"""Errors raised by the corridors package."""

from __future__ import annotations


class CorridorError(Exception):
    """Base class of every error the corridors package raises."""


class NetworkValidationError(CorridorError, ValueError):
    """The shipped layers break the data contract.

    Carries every problem found, each naming the layer and feature, so one run shows them all.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s) in the corridor network:"
        super().__init__("\n".join([head, *(f"- {p}" for p in self.problems)]))
