"""Reading the exporter's quotes file (CSV or .xlsx): checked rows, and every row refused named.

Columns ``origin, destination, mode, price_usd, unit, valid_from, valid_to, note`` and an
optional ``via`` (header names case-insensitive). ``origin``, ``destination`` and ``via`` are
any place the planner accepts; ``mode`` a main haul (air, rail, sea, road); ``unit`` one of
:data:`planner.model.quotes.UNITS`; the dates ISO. A row that breaks any of this, or is not
valid on the day asked about, comes back as a message naming its row (rows counted from 1,
the header not counted), never used and never dropped without a word.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path

from planner.io.encodings import sniff
from planner.io.workbook import WorkbookError, read_rows
from planner.model.errors import PlanningError
from planner.model.quotes import UNITS, Quote
from planner.model.records import Haul
from planner.places.index import PlaceIndex
from planner.text.message import Message
from planner.text.typed_words import column_id, value_id

__all__ = ["COLUMNS", "QuotesFileError", "read_quotes"]

COLUMNS = ("origin", "destination", "mode", "price_usd", "unit", "valid_from", "valid_to", "note")
OPTIONAL = ("via",)
_UNITS = {u.lower(): u for u in UNITS}


class QuotesFileError(PlanningError, ValueError):
    """A quotes file that cannot be read as a table of quotes at all."""


def read_quotes(
    source: str | Path | bytes, places: PlaceIndex, day: dt.date
) -> tuple[tuple[Quote, ...], list[Message]]:
    """The quotes of a file valid on ``day``, and a message per row refused.

    Raises
    ------
    QuotesFileError
        If the file is neither CSV text nor a workbook, or lacks a column.
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    rows = _rows(data)
    # a header in either language, or a clerk's word for it (planner/text/typed_words.csv)
    named = (*COLUMNS, "via")
    header = [column_id(c, named) or c.strip().lower() for c in rows[0]] if rows else []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise QuotesFileError(
            Message.of("quotes_header_lacks", missing=missing, required=list(COLUMNS))
        )
    quotes, problems = [], []
    for number, cells in enumerate(rows[1:], start=1):
        if not any(c.strip() for c in cells):
            continue
        row = dict(zip(header, [*cells, *[""] * (len(header) - len(cells))], strict=False))
        found = _quote(row, number, places)
        if isinstance(found, Message):
            problems.append(found)
        elif not found.valid_on(day):
            problems.append(Message.of(
                "quote_expired", row=number, valid_from=found.valid_from.isoformat(),
                valid_to=found.valid_to.isoformat(), day=day.isoformat(),
            ))  # fmt: skip
        else:
            quotes.append(found)
    return tuple(quotes), problems


def _rows(data: bytes) -> list[list[str]]:
    found = sniff(data[: 1 << 20], complete=len(data) <= 1 << 20)
    if found.kind == "xlsx":
        try:
            rows, _, _ = read_rows(io.BytesIO(data))
        except WorkbookError as exc:
            raise QuotesFileError(Message.of("workbook_unreadable", reason=str(exc))) from None
        return [cells for cells, _ in rows]
    if found.kind != "text" or found.encoding is None:
        raise QuotesFileError(Message.of("file_encoding_unknown"))
    text = data.decode(found.encoding).lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def _quote(row: dict[str, str], number: int, places: PlaceIndex) -> Quote | Message:
    """The row as a quote, or the message naming its first broken cell."""

    def bad(column: str) -> Message:
        return Message.of("quote_bad", row=number, column=column, value=row.get(column, ""))

    resolved = {}
    for column in ("origin", "destination", "via"):
        text = row.get(column, "").strip()
        if not text:
            if column == "via":
                continue
            return bad(column)
        try:
            resolved[column] = places.resolve(text)
        except PlanningError:
            return bad(column)
    try:
        mode = Haul(value_id("mode", row["mode"]) or row["mode"].strip().lower())
    except ValueError:
        return bad("mode")
    try:
        price = float(row["price_usd"].replace(",", ""))
    except ValueError:
        price = math.nan
    if not (math.isfinite(price) and price > 0):
        return bad("price_usd")
    unit = _UNITS.get((value_id("unit", row["unit"]) or row["unit"].strip()).lower())
    if unit is None:
        return bad("unit")
    days = []
    for column in ("valid_from", "valid_to"):
        try:
            days.append(dt.date.fromisoformat(row[column].strip()[:10]))
        except ValueError:
            return bad(column)
    if days[1] < days[0]:
        return bad("valid_to")
    return Quote(resolved["origin"], resolved["destination"], mode, price, unit, days[0],
                 days[1], row["note"].strip(), resolved.get("via"), number)  # fmt: skip
