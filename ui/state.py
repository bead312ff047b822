"""Shareable state in the URL: query parameters <-> widget keys in ``st.session_state``.

A page declares its parameters once (:class:`Param`); :func:`seed` fills the widgets from the
link on a first visit (a bad value falls back to the default and is reported once), and
:func:`publish` writes the submitted query back, so the address bar reproduces it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

__all__ = [
    "CHOICE_KEYS",
    "Param",
    "as_choice",
    "as_float",
    "as_int",
    "as_list",
    "publish",
    "relabel",
    "seed",
]

#: The widgets whose values are ids shown through a ``format_func`` in the page's language: the
#: browser holds their *labels*, so a language switch must hand it the new ones (:func:`relabel`).
CHOICE_KEYS = (
    "r_origin", "r_dest", "r_cargo", "r_priority", "r_avoid", "r_option",
    "s_close", "s_origin", "s_cargo", "s_priority", "s_modes", "s_book", "s_print_view",
    "c_layers", "c_view", "c_detail",
)  # fmt: skip


@dataclass(frozen=True)
class Param:
    """One query parameter.

    Attributes
    ----------
    name
        Its name in the URL (``?to=moscow``).
    key
        The session-state / widget key it feeds.
    default
        The value when the URL does not carry it; a default is not written to the URL.
    parse
        Turns the URL text into a value; raises ``ValueError`` when the text is unusable.
    dump
        Turns a value back into URL text (``str`` by default).
    multi
        The parameter is a list, written comma-separated.
    """

    name: str
    key: str
    default: Any
    parse: Callable[[str], Any] = str
    dump: Callable[[Any], str] = str
    multi: bool = False


def as_float(low: float, high: float) -> Callable[[str], float]:
    """Parser of a finite number within ``[low, high]``."""

    def parse(text: str) -> float:
        value = float(text)
        if not (math.isfinite(value) and low <= value <= high):
            raise ValueError(f"{text!r} is outside {low}–{high}")
        return value

    return parse


def as_int(low: int, high: int) -> Callable[[str], int]:
    """Parser of an integer within ``[low, high]``."""

    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise ValueError(f"{text!r} is outside {low}–{high}")
        return value

    return parse


def as_choice(choices: Iterable[str]) -> Callable[[str], str]:
    """Parser of one of ``choices`` (case-insensitive)."""
    allowed = {c.lower(): c for c in choices}

    def parse(text: str) -> str:
        try:
            return allowed[text.strip().lower()]
        except KeyError:
            raise ValueError(f"{text!r} is not one of {sorted(allowed)}") from None

    return parse


def as_list(choices: Iterable[str] | None = None) -> Callable[[str], list[str]]:
    """Parser of a comma-separated list; with ``choices``, unknown items are dropped."""
    allowed = None if choices is None else set(choices)

    def parse(text: str) -> list[str]:
        items = [item.strip() for item in text.split(",") if item.strip()]
        if allowed is not None:
            unknown = [item for item in items if item not in allowed]
            if unknown:
                raise ValueError(f"unknown {', '.join(unknown)}")
        return list(dict.fromkeys(items))

    return parse


def seed(params: Sequence[Param]) -> list[tuple[str, str]]:
    """Fill each parameter's session key from the URL unless the session already holds it.

    Returns
    -------
    list of (name, text)
        The URL values that could not be used (their defaults were taken instead).
    """
    problems: list[tuple[str, str]] = []
    for param in params:
        if param.key in st.session_state:
            continue
        value = param.default
        text = st.query_params.get(param.name)
        if text is not None and text != "":
            try:
                value = param.parse(text)
            except (ValueError, TypeError):
                problems.append((param.name, text))
        st.session_state[param.key] = value
    return problems


def publish(params: Sequence[Param], values: dict[str, Any] | None = None) -> None:
    """Write the parameters' current values into the URL; defaults are left out.

    ``values`` (by key) overrides what ``st.session_state`` holds.
    """
    for param in params:
        value = (values or {}).get(param.key, st.session_state.get(param.key, param.default))
        if value == param.default or value is None or value == []:
            if param.name in st.query_params:
                del st.query_params[param.name]
            continue
        text = ",".join(param.dump(v) for v in value) if param.multi else param.dump(value)
        if st.query_params.get(param.name) != text:
            st.query_params[param.name] = text


def relabel(keys: Iterable[str] = CHOICE_KEYS) -> None:
    """Set each of ``keys`` the session holds to its own value again (a language switch's
    callback): Streamlit then sends the widget its value afresh, labelled in the new language.

    A choice widget travels as its *label*; without this, the browser sends back the old
    language's label, which names no option ("unknown place 'Taiyuan · <Chinese> (City, CN)'").
    """
    for key in keys:
        if key in st.session_state:
            value = st.session_state[key]
            st.session_state[key] = list(value) if isinstance(value, list) else value
