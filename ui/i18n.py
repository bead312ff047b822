"""The app's words in the current language, from the one catalogue of words.

Every visible string goes through :func:`t`, which reads the ``app.*`` keys of
:mod:`planner.text.words` (a cargo class is named by its row of ``geodata/cargo_classes.csv``).
A missing key is a test failure; at run time the key is shown and an error logged, never the
other language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import streamlit as st

from planner.text.words import catalogue, words

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "STRINGS",
    "both",
    "current",
    "initial_lang",
    "labeller",
    "name",
    "t",
]

LANGS = ("zh", "en")
DEFAULT_LANG = "en"
LANG_KEY = "lang"

#: Where the app's keys live in the catalogue: ``t("plan_button")`` is ``app.plan_button``.
PREFIX = "app."


def _strings() -> dict[str, tuple[str, str]]:
    zh, en = catalogue("zh"), catalogue("en")
    app = {
        key[len(PREFIX) :]: (zh.get(key, key), text)
        for key, text in en.items()
        if key.startswith(PREFIX)
    }
    return app


#: key -> (中文, English): the app's words from the catalogue.
STRINGS: Mapping[str, tuple[str, str]] = MappingProxyType(_strings())


def current() -> str:
    """The language of this session (``"zh"`` or ``"en"``)."""
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def initial_lang(url_value: str | None, locale: str | None) -> str:
    """Language of a first visit: the URL's ``lang`` if valid, else Chinese for a zh browser."""
    if url_value in LANGS:
        return url_value
    if locale and locale.lower().startswith("zh"):
        return "zh"
    return DEFAULT_LANG


def t(key: str, lang: str | None = None, **fmt: Any) -> str:
    """The string ``key`` in the current (or given) language, formatted with ``fmt``."""
    lang = lang or current()
    return words(PREFIX + key, lang, **fmt)


def labeller(prefix: str, lang: str | None = None) -> Callable[[Any], str]:
    """A ``format_func`` giving ``t(prefix + value)`` in the language of *now*.

    Widgets may call their ``format_func`` outside the script run (tests do), so the language is
    bound when the function is made, never looked up later.
    """
    bound = lang or current()
    return lambda value: t(f"{prefix}{value}", bound)


def name(row: Mapping[str, Any] | Any, lang: str | None = None) -> str:
    """A place's name in the current language, falling back to the other one or the id."""
    get = row.get if isinstance(row, Mapping) else lambda k, d=None: getattr(row, k, d)
    first, second = (
        ("name_zh", "name_en") if (lang or current()) == "zh" else ("name_en", "name_zh")
    )
    for key in (first, second, "id"):
        value = get(key, None)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def both(row: Mapping[str, Any] | Any, lang: str | None = None) -> str:
    """``"Taiyuan 太原"`` on an English page, ``"太原 Taiyuan"`` on a Chinese one: both names,
    the page's language first, for tooltips read by either audience."""
    first = lang or current()
    one, other = name(row, first), name(row, "en" if first == "zh" else "zh")
    return one if one == other else f"{one} {other}"
