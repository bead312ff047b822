"""The columns of the tables the planner writes, in the reader's language.

A table keeps its English column names in Python (they are the JSON contract's keys);
:func:`localized` gives the copy a person reads in Chinese: the headers, the ``status`` of a
batch row, yes/no flags and the modes in Chinese. An input column the planner does not know
keeps the name its file gave it. An English file keeps the column ids as its headers (the JSON
keys, the batch input's documented columns); an English page (``page=True``) shows the
catalogue's headers (``Shipment ID``, ``Weight (t)``), read back as the ids by
:mod:`planner.text.typed_words`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd

from planner.text.words import catalogue, section, words

__all__ = ["HEADERS_ZH", "PRIORITY_ZH", "header", "localized", "modes_zh"]

#: Chinese header of each column the planner writes (batch input and output, options, places,
#: corridors, scenarios): the catalogue's ``header.*``.
HEADERS_ZH: Mapping[str, str] = MappingProxyType(section("header", "zh"))
#: Suffix of an input column named like a result column (see :mod:`planner.io.batch`).
_INPUT_SUFFIX = "_input"
#: Priorities in Chinese: the catalogue's ``priority.*``.
PRIORITY_ZH: Mapping[str, str] = MappingProxyType(section("priority", "zh"))
#: Columns whose known values are words of the planner's own, put in Chinese.
_WORDS_ZH = {"status": section("status", "zh"), "priority": PRIORITY_ZH}
_YES_NO_ZH = {True: words("flag.true", "zh"), False: words("flag.false", "zh")}
#: Columns that hold modes joined by "+".
_MODE_COLUMNS = ("modes", "haul")


def header(column: str, lang: str, *, page: bool = False) -> str:
    """The header of ``column`` in ``lang`` (an unknown column as it is; an English file's
    column as it is, an English page's in the catalogue's words)."""
    if lang != "zh" and not page:
        return column
    headers = catalogue(lang)
    name, inputs = column, 0
    while name.endswith(_INPUT_SUFFIX) and f"header.{name}" not in headers:
        name, inputs = name.removesuffix(_INPUT_SUFFIX), inputs + 1
    if f"header.{name}" not in headers:
        return column
    return headers[f"header.{name}"] + words("header_part.input", lang) * inputs


def localized(
    frame: pd.DataFrame,
    lang: str,
    *,
    cargo_zh: Mapping[str, str] | None = None,
    cargo_en: Mapping[str, str] | None = None,
    page: bool = False,
) -> pd.DataFrame:
    """The table as a person reading ``lang`` sees it (an English file: the table itself; an
    English page, ``page=True``: the table under the catalogue's headers, its cargo classes by
    ``cargo_en``: id -> the cargo table's ``name_en``).

    In Chinese: the headers (:data:`HEADERS_ZH`), a batch row's ``status``, its cargo class (by
    ``cargo_zh``: id -> the cargo table's ``name_zh``) and priority, yes/no flags and the
    ``modes``, in the catalogue's words; numbers and every other text as they are.
    """
    if lang != "zh":
        if not page:
            return frame
        shown = frame
        if cargo_en and "cargo" in frame.columns:
            shown = frame.copy()
            shown["cargo"] = _named(frame["cargo"], cargo_en)
        return shown.set_axis(_page_headers([str(c) for c in frame.columns], lang), axis=1)
    out = frame.copy()
    known = {**_WORDS_ZH, "cargo": dict(cargo_zh or {})}
    for column in out.columns:
        values = out[column]
        if column in known:
            out[column] = _named(values, known[column])
        elif column in _MODE_COLUMNS:
            out[column] = values.map(modes_zh, na_action="ignore")
        elif pd.api.types.is_bool_dtype(values):
            out[column] = values.astype(object).map(_YES_NO_ZH.get, na_action="ignore")
    out.columns = [header(str(c), lang) for c in out.columns]
    return out


def _named(values: pd.Series, names: Mapping[str, str]) -> pd.Series:
    """The values that ``names`` knows by their names (a value it does not know as typed)."""
    return values.map(lambda v: names.get(v, v), na_action="ignore")


def _page_headers(columns: list[str], lang: str) -> list[str]:
    """An English page's headers: an input column the planner does not know, named like one
    it writes (a file's own ``Status``), is marked as the input's."""
    heads = [header(c, lang, page=True) for c in columns]
    taken = {h for c, h in zip(columns, heads, strict=True) if h != c}
    mark, out = words("header_part.input", lang), []
    for column, head in zip(columns, heads, strict=True):
        while head == column and head in taken or head in out:
            head, column = head + mark, None
        out.append(head)
    return out


def modes_zh(value: object) -> object:
    """Modes joined by ``+`` in Chinese (``road+rail``: road and rail in Chinese)."""
    if not isinstance(value, str):
        return value
    modes = section("mode", "zh")
    return "+".join(modes.get(part, part) for part in value.split("+"))
