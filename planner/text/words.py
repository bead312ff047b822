"""The catalogue of words people read, one TOML file per language, and :func:`words`.

Every sentence, label, header and unit the CLI, the app, the exports, the reports and the maps
show is a key in ``catalogue/en.toml`` and ``catalogue/zh.toml`` (the keys are the same in both;
a test holds them in step). A template takes ``str.format`` placeholders, with two conversions
of our own: ``{value!e}`` echoes what a user typed (quoted, cut at :data:`MAX_ECHO_CHARS`) and
``{field!f}`` names an input field in the language. A :class:`~planner.text.message.Name` is
written in the language by itself.

A key missing at run time is never a crash and never the other language: the key itself is
shown and an error is logged (the tests fail on any missing key first).

Examples
--------
>>> words("term.warnings", "en")
'Warnings:'
>>> words("msg.not_a_number", "en", field="weight_t", value="ten")
"weight_t must be a number, got 'ten'"
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from planner.text.message import Name

__all__ = [
    "CATALOGUE_DIR",
    "LANGS",
    "MAX_ECHO_CHARS",
    "catalogue",
    "echo",
    "join",
    "section",
    "words",
]

logger = logging.getLogger(__name__)

#: Where the catalogues live, one ``<lang>.toml`` a language.
CATALOGUE_DIR = Path(__file__).with_name("catalogue")
LANGS = ("en", "zh")
#: Characters of a user's text echoed in a message at most (a longer one is cut with "…").
MAX_ECHO_CHARS = 80


def echo(value: Any) -> str:
    """A value the user gave, quoted as Python does, cut at :data:`MAX_ECHO_CHARS`."""
    text = repr(value)
    return text if len(text) <= MAX_ECHO_CHARS else text[: MAX_ECHO_CHARS - 2] + "…" + text[-1]


def _flat(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """Every key of ``lang``'s catalogue (dotted, ``"app.route_header"``) and its template.

    Parameters
    ----------
    lang
        ``"en"`` or ``"zh"``; anything else is English.

    Returns
    -------
    Mapping[str, str]
        Read once, then cached.
    """
    lang = "zh" if lang == "zh" else "en"
    with (CATALOGUE_DIR / f"{lang}.toml").open("rb") as handle:
        return _flat(tomllib.load(handle))


#: A placeholder with one of our conversions: ``{name!e}`` or ``{name!f}``, a format spec after.
_OUR_CONVERSION = re.compile(r"\{(\w+)!([ef])(:[^{}]*)?\}")


@cache
def _compiled(template: str) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    """The template with our conversions taken out (``{x!e}`` becomes ``{x__e}``), and for each
    ``(new name, name, conversion)``: what is left is filled by :meth:`str.format_map`."""
    found: dict[str, tuple[str, str, str]] = {}

    def plain(match: re.Match[str]) -> str:
        name, conversion, spec = match.group(1), match.group(2), match.group(3) or ""
        new = f"{name}__{conversion}"
        found[new] = (new, name, conversion)
        return "{" + new + spec + "}"

    return _OUR_CONVERSION.sub(plain, template), tuple(found.values())


def _filled(template: str, lang: str, params: Mapping[str, Any]) -> str:
    """``template`` filled: a Name in ``lang``, ``!e`` echoed, ``!f`` a field's name."""
    plain, conversions = _compiled(template)
    values = {k: v.in_lang(lang) if isinstance(v, Name) else v for k, v in params.items()}
    for new, name, conversion in conversions:
        value = values[name]
        if conversion == "e":
            values[new] = echo(value)
        else:
            values[new] = catalogue(lang).get(f"field.{value}", str(value))
    return plain.format_map(values)


def words(key: str, lang: str, /, **params: Any) -> str:
    """The text of ``key`` in ``lang``, its placeholders filled from ``params``.

    Parameters
    ----------
    key
        A dotted key of the catalogue (``"msg.empty"``, ``"app.plan_button"``).
    lang
        ``"en"`` or ``"zh"``; anything else is English.
    **params
        The placeholders' values; without any, the template is returned as it is.

    Returns
    -------
    str
        The text; a missing key (or placeholder) gives ``key`` itself and logs an error.
    """
    lang = "zh" if lang == "zh" else "en"
    template = catalogue(lang).get(key)
    if template is None:
        logger.error("no words for %r in the %s catalogue", key, lang)
        return key
    if not params:
        return template
    try:
        return _filled(template, lang, params)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        logger.error("words %r in %s cannot be filled: %r", key, lang, exc)
        return key


def join(items: Iterable[Any], lang: str, sep: str = "list") -> str:
    """``items`` joined as a list in ``lang`` (``sep`` names a ``sep.*`` key of the catalogue)."""
    lang = "zh" if lang == "zh" else "en"
    return words(f"sep.{sep}", lang).join(
        item.in_lang(lang) if isinstance(item, Name) else str(item) for item in items
    )


def section(prefix: str, lang: str) -> dict[str, str]:
    """The keys under ``prefix`` (``"header"``) in ``lang``, without the prefix, in file order."""
    start = prefix + "."
    return {k[len(start) :]: v for k, v in catalogue(lang).items() if k.startswith(start)}
