"""Where a cargo class must clear or land: ``import_sites.csv`` read into :class:`ImportSite`.

One row is a site a class must pass on its way into (``import``) or out of (``export``)
Shanxi, each with its source and date:

- ``role`` ``site``: a place the class must clear at by law (a designated inspection site
  of the customs for imported fruit, chilled seafood or meat; the international mail
  exchange for parcels). A site in Shanxi (``in_shanxi``) is used first; when none in Shanxi
  is open, the nearest one outside is offered, and the answer says so.
- ``role`` ``gateway``: a port every shipment of the class passes (ore lands at a port that
  serves Shanxi's mills and goes on by rail); every open gateway is tried.

``node`` is the network node the site stands at; ``main_modes`` are the modes the part
abroad may use (``air``: chilled seafood flies in), ``local_modes`` those of the part
inside China (empty: any). The table is looked for in the network's data directory, else
the shipped ``geodata/import_sites.csv``; a directory without it has no sites.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from corridors.records import Mode
from planner.model.data_dir import SHIPPED_DATA_DIR
from planner.model.errors import DataError
from planner.text.message import Name

__all__ = [
    "IMPORT_SITES_FILE", "ImportSite", "ImportSites", "ImportSitesError", "load_import_sites"
]

IMPORT_SITES_FILE = "import_sites.csv"
COLUMNS = (
    "id", "cargo", "role", "direction", "node", "in_shanxi", "main_modes", "local_modes",
    "name_en", "name_zh", "source", "as_of", "note",
)
ROLES = ("site", "gateway")
DIRECTIONS = ("import", "export")


class ImportSitesError(DataError, ValueError):
    """The import sites table breaks its contract (a row without source or node, a mode,
    role or direction unknown)."""


@dataclass(frozen=True)
class ImportSite:
    """One site a cargo class must pass (see the module's words)."""

    id: str
    cargo: str
    role: str
    direction: str
    node: str
    in_shanxi: bool
    main_modes: frozenset[Mode]
    local_modes: frozenset[Mode]
    name: Name
    source: str
    as_of: str
    note: str = ""

    def to_dict(self) -> dict:
        """The JSON contract's ``inspection_site``: ``{id, name_en, name_zh}``."""
        return {"id": self.id, "name_en": self.name.en, "name_zh": self.name.zh}


@dataclass(frozen=True)
class ImportSites:
    """Every row of the table."""

    sites: tuple[ImportSite, ...] = ()

    def of(self, cargo: str, direction: str) -> tuple[ImportSite, ...]:
        """The sites of a cargo class for a direction, in the table's order."""
        return tuple(s for s in self.sites if s.cargo == cargo and s.direction == direction)

    @property
    def ids(self) -> frozenset[str]:
        """Every site id (a scenario may close one)."""
        return frozenset(s.id for s in self.sites)


def _modes(text: str, where: str) -> frozenset[Mode]:
    try:
        return frozenset(Mode(m.strip().lower()) for m in text.split("|") if m.strip())
    except ValueError as err:
        raise ImportSitesError(f"{where}: {err}") from err


def _site(row: dict[str, str], where: str) -> ImportSite:
    missing = [c for c in COLUMNS if c not in row]
    if missing or row["role"] not in ROLES or row["direction"] not in DIRECTIONS:
        raise ImportSitesError(
            f"{where}: row {row.get('id')!r}: columns {missing} missing or role/direction unknown"
        )
    if not row["source"].strip() or not row["node"].strip():
        raise ImportSitesError(f"{where}: row {row['id']!r}: no source or no node")
    return ImportSite(
        id=row["id"].strip(),
        cargo=row["cargo"].strip().lower(),
        role=row["role"],
        direction=row["direction"],
        node=row["node"].strip(),
        in_shanxi=row["in_shanxi"].strip().lower() == "true",
        main_modes=_modes(row["main_modes"], where),
        local_modes=_modes(row["local_modes"], where),
        name=Name(row["name_en"], row["name_zh"]),
        source=row["source"],
        as_of=row["as_of"],
        note=row["note"],
    )


@functools.lru_cache(maxsize=8)
def _read(path: Path, mtime: float) -> ImportSites:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return ImportSites(tuple(_site(row, str(path)) for row in csv.DictReader(handle)))


def load_import_sites(data_dir: Path | str | None = None) -> ImportSites:
    """The table of ``data_dir`` (else the shipped one); read once per file state."""
    for folder in (Path(data_dir),) if data_dir is not None else ():
        if (folder / IMPORT_SITES_FILE).is_file():
            path = folder / IMPORT_SITES_FILE
            break
    else:
        path = SHIPPED_DATA_DIR / IMPORT_SITES_FILE
        if data_dir is not None and Path(data_dir).resolve() != SHIPPED_DATA_DIR.resolve():
            return ImportSites()
    return _read(path, path.stat().st_mtime)
