"""Places of the world beyond the network: the shipped gazetteer as a name index.

``geodata/gazetteer.csv`` (see :mod:`corridors.gazetteer`) holds every city of 15,000 people
or more, every Shanxi county seat, every sea port searoute knows, every airport with an IATA
code and every country, with names in English, simplified and traditional Chinese, pinyin and
alternates. :class:`World` reads it once, when a name is not a place of the network, and
answers what a name means (:meth:`World.matches`: every row it names, the most populous
first) and what a typed beginning may become (:meth:`World.starting`, a prefix index for the
app's pickers). The keys are the network index's (:func:`planner.places.index.normalise_name`), so
``"Casablanka"``, ``"casablanca"`` and the city's Chinese name lead to the same row.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from corridors.gazetteer import ALIAS_SEPARATOR, read_gazetteer
from corridors.geo import M_PER_KM, WGS84
from planner.places.names import LETTER_FOLDS, U_UMLAUTS, name_keys, normalise_name
from planner.text.message import Name

__all__ = ["GAZETTEER_FILE", "World", "WorldRow", "load_picks", "load_world", "picks_of"]

#: The world gazetteer's file in a network's data folder (a network without one has no world).
GAZETTEER_FILE = "gazetteer.csv"

_FOLDS = {chr(code): fold for code, fold in LETTER_FOLDS.items()}

logger = logging.getLogger(__name__)

#: Columns of a :meth:`World.table` (the CLI's ``places`` adds the network's first).
TABLE_COLUMNS = ("id", "name_en", "name_zh", "kind", "country", "population", "aliases", "code")
#: How a row is named, best first: a Shanxi seat by its division (``Qi County``),
#: a place by its own name or code, by an alternate.
RANK_SEAT, RANK_NAME, RANK_ALIAS = 0, 1, 2
_NAME_COLUMNS = {
    "shanxi_seat": RANK_SEAT,
    "shanxi_seat_en": RANK_SEAT,
    "name_en": RANK_NAME,
    "name_zh": RANK_NAME,
    "name_zh_hant": RANK_NAME,
    "pinyin": RANK_NAME,
    "code": RANK_NAME,
    "aliases": RANK_ALIAS,
}
_SPLIT_COLUMNS = ("shanxi_seat", "shanxi_seat_en", "aliases")
_LAST_CHAR = "\U0010ffff"  # sorts after every character: the end of a prefix's range


@dataclass(frozen=True)
class WorldRow:
    """One place of the gazetteer."""

    id: str
    kind: str
    name: Name  # a Shanxi seat: its division's name
    country: str
    population: int
    lon: float
    lat: float
    shanxi_seat: bool


class World:
    """The gazetteer as a name index.

    Parameters
    ----------
    path
        The gazetteer CSV (``geodata/gazetteer.csv``).
    """

    def __init__(self, path: Path | str) -> None:
        frame = read_gazetteer(path)
        self.path = Path(path)
        self.frame = frame
        self.population = frame["population"].fillna(0).to_numpy(dtype=np.int64)
        self.lon = frame["lon"].to_numpy(dtype=float)
        self.lat = frame["lat"].to_numpy(dtype=float)
        names = _names(frame)
        keys = _keys(names["name"])
        table = pd.DataFrame(
            {"key": keys, "row": names["row"].to_numpy(), "rank": names["rank"].to_numpy()}
        )
        table = pd.concat([table, _v_spellings(names)], ignore_index=True)
        table = table[table["key"] != ""]
        table["people"] = -self.population[table["row"].to_numpy()]
        # per key, its rows once each: the best way they are named, then the most populous
        table = table.sort_values(["key", "rank", "people", "row"], kind="stable")
        table = table.drop_duplicates(["key", "row"])
        self._key_of = table["key"].to_numpy(dtype=object)
        self._rows = table["row"].to_numpy(dtype=np.int64)
        self._ranks = table["rank"].to_numpy(dtype=np.int64)
        self._sorted: list[str] = self._key_of.tolist()
        self._by_id = {row_id: i for i, row_id in enumerate(frame["id"].astype(str).tolist())}
        logger.info("world gazetteer: %d places, %d names", len(frame), len(table))

    def __len__(self) -> int:
        return len(self.frame)

    def row(self, i: int) -> WorldRow:
        """Row ``i`` as a record."""
        r = self.frame.iloc[i]
        seat, seat_en = str(r["shanxi_seat"]), str(r["shanxi_seat_en"])
        # a Shanxi seat goes by its division (Qi County), not its town (Zhaoyu)
        name = (
            Name(seat_en.split(ALIAS_SEPARATOR)[0], seat.split(ALIAS_SEPARATOR)[0])
            if seat
            else Name(str(r["name_en"]), str(r["name_zh"]))
        )
        return WorldRow(
            id=str(r["id"]),
            kind=str(r["kind"]),
            name=name,
            country=str(r["country"]),
            population=int(self.population[i]),
            lon=float(self.lon[i]),
            lat=float(self.lat[i]),
            shanxi_seat=bool(r["shanxi_seat"]),
        )

    def position(self, row_id: str) -> int | None:
        """The row of an id (``gn:2553604``), or ``None``."""
        return self._by_id.get(str(row_id).strip())

    def picks(self, *, min_population: int) -> pd.DataFrame:
        """The places a picker lists (:func:`picks_of` this gazetteer)."""
        return picks_of(self.frame, min_population=min_population)

    def matches(self, name: str, *, aliases: bool = True) -> list[int]:
        """Every row ``name`` names (its keys, as the network index reads them): a Shanxi
        seat by the name of its division first, then a place by its own name, then by an
        alternate (unless ``aliases`` is False); the most populous first among equals."""
        found: dict[int, int] = {}
        for key in name_keys(name):
            lo = bisect.bisect_left(self._sorted, key)
            hi = bisect.bisect_right(self._sorted, key, lo)
            for row, rank in self._span(lo, hi):
                if aliases or rank < RANK_ALIAS:
                    found[row] = min(rank, found.get(row, rank))
        return self._ordered(found)

    def starting(self, text: str, *, limit: int = 20) -> list[int]:
        """Rows with a name that begins with ``text`` (normalised), in :meth:`matches`' order."""
        prefix = normalise_name(text)
        if not prefix:
            return []
        lo = bisect.bisect_left(self._sorted, prefix)
        hi = bisect.bisect_left(self._sorted, prefix + _LAST_CHAR, lo)
        found: dict[int, int] = {}
        for row, rank in self._span(lo, hi):
            found[row] = min(rank, found.get(row, rank))
        return self._ordered(found)[:limit]

    def spelled_like(self, name: str, *, cutoff: float, prefix: int) -> tuple[str, float]:
        """The name of the world closest to a misspelt ``name`` (its key and difflib ratio,
        at least ``cutoff``, among the names sharing its first ``prefix`` letters), or
        ``("", 0.0)``."""
        key = normalise_name(name)
        if len(key) <= prefix:
            return "", 0.0
        lo = bisect.bisect_left(self._sorted, key[:prefix])
        hi = bisect.bisect_left(self._sorted, key[:prefix] + _LAST_CHAR, lo)
        pool = sorted(set(self._sorted[lo:hi]))
        close = difflib.get_close_matches(key, pool, n=1, cutoff=cutoff)
        if not close:
            return "", 0.0
        return close[0], difflib.SequenceMatcher(None, key, close[0]).ratio()

    def km(self, a: int, b: int) -> float:
        """Straight-line km between rows ``a`` and ``b``."""
        _, _, metres = WGS84.inv(self.lon[a], self.lat[a], self.lon[b], self.lat[b])
        return float(metres) / M_PER_KM

    def _span(self, lo: int, hi: int) -> zip:
        """``(row, rank)`` of the names ``lo`` to ``hi`` of the sorted index."""
        return zip(self._rows[lo:hi].tolist(), self._ranks[lo:hi].tolist(), strict=True)

    def _ordered(self, found: dict[int, int]) -> list[int]:
        return sorted(found, key=lambda r: (found[r], -self.population[r], r))

    def table(self, *, country: str | None = None, search: str | None = None) -> pd.DataFrame:
        """The gazetteer's places (:data:`TABLE_COLUMNS`), the most populous first; of one
        country (ISO2) and/or with a name beginning with ``search``."""
        frame = self.frame
        keep = np.ones(len(frame), dtype=bool)
        if country:
            keep &= (frame["country"] == country.strip().upper()).to_numpy(dtype=bool)
        if search:
            chosen = np.zeros(len(frame), dtype=bool)
            chosen[self.starting(search, limit=len(frame))] = True
            keep &= chosen
        rows = np.flatnonzero(keep)
        rows = rows[np.argsort(-self.population[rows], kind="stable")]
        out = frame.iloc[rows][list(TABLE_COLUMNS)].copy()
        out["aliases"] = out["aliases"].astype(str).str.replace(ALIAS_SEPARATOR, "; ")
        return out.reset_index(drop=True)


def _names(frame: pd.DataFrame) -> pd.DataFrame:
    """Every name of every row: ``name``, ``row`` (position) and ``rank`` (how it names it)."""
    parts = []
    for column, rank in _NAME_COLUMNS.items():
        values = frame[column].astype(str).reset_index(drop=True)
        if column in _SPLIT_COLUMNS:
            values = values.str.split(ALIAS_SEPARATOR).explode()
        parts.append(pd.DataFrame({"name": values, "row": values.index, "rank": rank}))
    names = pd.concat(parts, ignore_index=True)
    return names[names["name"].fillna("") != ""].reset_index(drop=True)


def _keys(names: pd.Series) -> list[str]:
    """:func:`planner.places.index.normalise_name` of many names at once (pyarrow's string kernels:
    the same letter folds, NFKD, letters and digits kept, lower case)."""
    text = names.astype(str).tolist()
    array = pa.array(text, type=pa.string())
    for letter, fold in _FOLDS.items():
        array = pc.replace_substring(array, letter, fold)
    array = pc.utf8_normalize(array, "NFKD")
    array = pc.replace_substring_regex(array, r"[^\p{L}\p{N}]", "")
    return pc.utf8_lower(array).to_pylist()


def _v_spellings(names: pd.DataFrame) -> pd.DataFrame:
    """The names with ``ü`` again under their ``v`` spelling (``Lüliang`` as ``lvliang``)."""
    has_u = names["name"].str.contains("|".join(U_UMLAUTS), regex=True).to_numpy(dtype=bool)
    rows = []
    for name, row, rank in names[has_u].itertuples(index=False):
        rows += [(key, row, rank) for key in name_keys(name)]
    return pd.DataFrame(rows, columns=["key", "row", "rank"])


def picks_of(frame: pd.DataFrame, *, min_population: int) -> pd.DataFrame:
    """The places a picker lists of a gazetteer's table: Shanxi's seats, then the cities of at
    least ``min_population`` people, the most populous first (columns ``id``, ``name_en``,
    ``name_zh``, ``kind``, ``country``, ``shanxi_seat``; a seat by its division's name)."""
    population = frame["population"].fillna(0).to_numpy(dtype=np.int64)
    seat = (frame["shanxi_seat"] != "").to_numpy(dtype=bool)
    city = (frame["kind"] == "city").to_numpy(dtype=bool)
    rows = np.flatnonzero(seat | (city & (population >= min_population)))
    rows = rows[np.lexsort((-population[rows], ~seat[rows]))]
    picked = frame.iloc[rows]
    first = picked[["shanxi_seat", "shanxi_seat_en"]].apply(
        lambda column: column.astype(str).str.split(ALIAS_SEPARATOR).str[0]
    )
    on_seat = seat[rows]
    return pd.DataFrame(
        {
            "id": picked["id"].astype(str).to_numpy(),
            "name_en": np.where(on_seat, first["shanxi_seat_en"], picked["name_en"]),
            "name_zh": np.where(on_seat, first["shanxi_seat"], picked["name_zh"]),
            "kind": picked["kind"].astype(str).to_numpy(),
            "country": picked["country"].astype(str).to_numpy(),
            "shanxi_seat": on_seat,
        }
    )


def load_picks(path: Path | str, *, min_population: int) -> pd.DataFrame:
    """:func:`picks_of` the gazetteer at ``path``, read without building its name index (a
    picker lists its places before anyone looks a name up: the app's first page)."""
    return picks_of(read_gazetteer(path), min_population=min_population)


@functools.lru_cache(maxsize=4)
def load_world(path: Path | str) -> World:
    """The world gazetteer at ``path``, read once per process (the planners, the CLI and the
    app's pickers share it)."""
    return World(path)
