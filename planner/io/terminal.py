"""Text tables for the terminal: aligned columns (CJK characters take two), one option a row."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from planner.text.columns import modes_zh
from planner.text.words import catalogue, words

if TYPE_CHECKING:
    import pandas as pd

    from planner.model.records import RouteOption

__all__ = ["frame_table", "one_line", "route_table"]

#: Gap between the columns of a text table.
COLUMN_GAP = "  "
#: Mark of a Pareto-optimal option in the table.
PARETO_MARK = "*"
#: Items of a list cell shown in a text table (csv and json show them all).
TABLE_LIST_ITEMS = 6
#: Decimal places of floats in text tables.
TABLE_DECIMALS = 1


#: The route table's columns (their headers are the catalogue's ``term.column.*``).
_COLUMNS = (
    "rank", "days", "main_haul", "wait", "usd", "cny", "co2e_kg", "pareto", "why", "modes",
    "ports", "label",
)  # fmt: skip


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines too) made one space."""
    return " ".join(str(text).split())


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool) -> str:
    fill = " " * max(width - _width(text), 0)
    return fill + text if right else text + fill


def _format_rows(
    header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]
) -> str:
    """An aligned text table; the last column is not padded."""
    widths = [_width(h) for h in header]
    for row in rows:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]
    lines = []
    for row in [list(header), ["-" * w for w in widths], *rows]:
        cells = [
            _pad(c, w, right=r) if i < len(row) - 1 or r else c
            for i, (c, w, r) in enumerate(zip(row, widths, right, strict=True))
        ]
        lines.append(COLUMN_GAP.join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        if value != value:
            return ""
        return f"{value:,.{TABLE_DECIMALS}f}"
    if isinstance(value, list | tuple):
        shown = ", ".join(str(v) for v in value[:TABLE_LIST_ITEMS])
        more = len(value) - TABLE_LIST_ITEMS
        return f"{shown} … +{more}" if more > 0 else shown
    text = str(value)
    return "" if text in ("<NA>", "nan", "None") else text


def frame_table(frame: pd.DataFrame) -> str:
    import pandas as pd

    rows = []
    for record in frame.itertuples(index=False, name=None):
        rows.append([one_line(_cell_text(v.item() if hasattr(v, "item") else v)) for v in record])
    right = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    ]
    return _format_rows([str(c) for c in frame.columns], rows, right)


def _names(place: dict[str, Any] | None, lang: str) -> str:
    """A place's two names, the reader's language first ("—" for none)."""
    if not place:
        return "—"
    first, second = (place["name_zh"], place["name_en"]) if lang == "zh" else (
        place["name_en"], place["name_zh"])  # fmt: skip
    return f"{first} {second}".strip() if first != second else str(first)


def route_table(
    query: dict[str, Any],
    options: Sequence[RouteOption],
    lang: str = "en",
    notes_for_all: Sequence[str] = (),
    cargo_zh: Mapping[str, str] | None = None,
    method: Sequence[str] = (),
) -> str:
    """One option a row, each option's own warnings under the table, then ``notes_for_all``
    (what holds for every option, said once, short) and ``method`` (how this is computed:
    the estimates with their dates and reasons); in Chinese, the cargo class by ``cargo_zh``
    (the cargo table's names)."""
    origin, destination = query["origin"], query["destination"]
    zh = lang == "zh"
    cargo, priority = query["cargo"], query["priority"]
    # the planner's own words in the language (a value it does not know as given)
    priority = catalogue(lang).get(f"priority.{priority}", priority)
    cargo = (cargo_zh or {}).get(cargo, cargo) if zh else cargo
    shipment = words("sep.list", lang).join(
        (cargo, f"{query['weight_t']:g} {words('term.t', lang)}", f"{query['volume_m3']:g} m³")
    )
    head = (
        f"{_names(origin, lang)} → {_names(destination, lang)} · {shipment} · "
        f"{words('term.priority', lang)} {priority}"
    )
    header = [words(f"term.column.{c}", lang) for c in _COLUMNS]
    right = [True] * 7 + [False] * 5
    rows = []
    notes = []
    for option in options:
        data = option.to_dict(lang)
        rows.append(
            [
                str(data["rank"]),
                f"{data['transit_days']:.1f}",
                f"{data['main_haul_days']:.1f}",
                f"{data['wait_days']:.1f}",
                f"{data['cost_usd']:,.0f}",
                f"{data['cost_cny']:,.0f}",
                f"{data['co2e_kg']:,.0f}",
                PARETO_MARK if data["pareto_optimal"] else "",
                one_line(data["why"]["text"]) if data["why"] else "",
                modes_zh("+".join(data["modes"])) if zh else "+".join(data["modes"]),
                f"{_names(data['exit_port'], lang)} → {_names(data['entry_port'], lang)}",
                one_line(data["label"]),
            ]
        )
        notes.extend(f"  [{data['rank']}] {one_line(w)}" for w in data["warnings"])
    lines = [head, ""]
    text = "\n".join(lines) + _format_rows(header, rows, right)
    footer = [f"{PARETO_MARK} {words('term.pareto', lang)}"]
    if notes:
        footer += ["", words("term.warnings", lang), *notes]
    if notes_for_all:
        footer += ["", words("term.notes", lang), *(f"  - {one_line(n)}" for n in notes_for_all)]
    if method:
        footer += ["", words("term.method", lang), *(f"  - {one_line(n)}" for n in method)]
    return text + "\n" + "\n".join(footer) + "\n"


