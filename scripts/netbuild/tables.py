"""Read the source tables (CSV, UTF-8, one header row) in ``scripts/network/``.

Cells are text; this module turns them into values: ``true`` / ``false`` into booleans,
numbers into int or float, ``a|b|c`` lists (aliases, what an inspection site receives) into
lists, and an empty cell into "absent". A table missing a column it needs stops the build
with the file and column named.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "NODE_TABLES",
    "Table",
    "read_table",
    "use_tables",
]

#: The shipped tables; :func:`use_tables` points the build elsewhere (tests build from copies).
DATA_DIR = Path(__file__).resolve().parent.parent / "network"
_tables_dir = DATA_DIR
LIST_SEPARATOR = "|"

#: Node tables and what they hold (every one has the columns of :data:`NODE_COLUMNS`).
NODE_TABLES = (
    "nodes_cities.csv",
    "nodes_terminals.csv",
    "nodes_airports.csv",
    "nodes_rail_stations.csv",
    "nodes_crossings.csv",
    "nodes_destinations.csv",
)
NODE_COLUMNS = ("id", "kind", "country", "lon", "lat", "name_en", "name_zh", "aliases", "source")


class TableError(ValueError):
    """A source table is missing, lacks a column or holds a value of the wrong type."""


@dataclass(frozen=True)
class Table:
    """The rows of one CSV file, each a dict of its non-empty cells (text as read)."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]


def use_tables(directory: Path) -> None:
    """Read the tables from ``directory`` from now on."""
    global _tables_dir
    _tables_dir = Path(directory)


def read_table(name: str, required: tuple[str, ...], *, data_dir: Path | None = None) -> Table:
    """Read ``data_dir/name``; every column in ``required`` must be in its header.

    Parameters
    ----------
    name
        File name, e.g. ``"railways.csv"``.
    required
        Columns the caller reads.
    data_dir
        Directory of the tables (default: the one :func:`use_tables` set, else
        :data:`DATA_DIR`).

    Returns
    -------
    Table
        Rows with empty cells left out (so ``row.get(col)`` is ``None`` for an empty cell).

    Raises
    ------
    TableError
        If the file is missing or lacks a required column.
    """
    path = (data_dir or _tables_dir) / name
    if not path.is_file():
        raise TableError(f"{path}: table not found")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = tuple(reader.fieldnames or ())
        missing = [c for c in required if c not in columns]
        if missing:
            raise TableError(f"{name}: missing column(s) {', '.join(missing)}")
        rows = tuple(
            {k: v.strip() for k, v in row.items() if k and v is not None and v.strip()}
            for row in reader
        )
    return Table(name, columns, rows)


def as_bool(value: str | None, where: str) -> bool:
    """``true`` → True, ``false`` or empty → False; anything else is an error."""
    if value is None or value == "false":
        return False
    if value == "true":
        return True
    raise TableError(f"{where}: expected true or false, not {value!r}")


def as_number(value: str, where: str) -> int | float:
    """An int when the cell is written as one, else a float."""
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        raise TableError(f"{where}: {value!r} is not a number") from None


def as_list(value: str | None) -> list[str]:
    """``a|b|c`` → ``["a", "b", "c"]``; an empty cell → ``[]``."""
    return [v.strip() for v in value.split(LIST_SEPARATOR)] if value else []
