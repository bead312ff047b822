"""Check a layer's figures (``corridors.json``: a corridor's ``figures``, the seed's
``seed_figures``) for type and range, so that nothing that validates can break a command later.

A figure is a number, or an object whose ``value`` is one, with ``as_of``, ``source`` and
``note`` as text. A number is finite, not negative and at most :data:`MAX_FIGURE` (the counts
and totals of a province); ``"10,000+"`` or a boolean is not one. Every problem names the file,
the feature and the field.
"""

from __future__ import annotations

from typing import Any

from corridors.validate_geometry import is_number

__all__ = ["MAX_FIGURE", "check_figures"]

#: The largest figure a layer holds (trains, tonnes, US dollars of a province in a year).
MAX_FIGURE = 1e13
#: Fields of a figure's object that are text.
TEXT_FIELDS = ("as_of", "source", "note")


def check_figures(figures: Any, label: str, problems: list[str], *, field: str) -> None:
    """Check every figure of ``figures`` (an object of them) under ``label``'s ``field``."""
    if figures is None:
        return
    if not isinstance(figures, dict):
        problems.append(f"{label}: {field!r} is not an object")
        return
    for key, figure in figures.items():
        where = f"{label}: {field}.{key}"
        if key in TEXT_FIELDS:  # the figures' own date, source or note, said once for all
            _check_text(figure, where, problems)
        elif isinstance(figure, dict):
            if "value" not in figure:
                problems.append(f"{where}: has no 'value'")
            else:
                _check_number(figure["value"], f"{where}.value", problems)
            for name in TEXT_FIELDS:
                if name in figure:
                    _check_text(figure[name], f"{where}.{name}", problems)
        else:
            _check_number(figure, where, problems)


def _check_number(value: Any, where: str, problems: list[str]) -> None:
    if not is_number(value):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        problems.append(f"{where}: {shown} is not a number")
    elif not 0 <= value <= MAX_FIGURE:
        problems.append(f"{where}: {value!r} is not from 0 to {MAX_FIGURE:g}")


def _check_text(value: Any, where: str, problems: list[str]) -> None:
    if not isinstance(value, str):
        problems.append(f"{where}: {type(value).__name__} is not text")
