"""Place names: turn what a person types into network nodes.

A *place* is what ``--from`` / ``--to`` accept: a node of the network (a city, an airport, a
seaport, a border crossing...) or a whole country. :func:`resolve_place` accepts a node id, an
English or Chinese name, an alias from the data (other romanisations), an IATA code, a
UN/LOCODE, an ISO 3166-1 alpha-2 code or a country name, Chinese in simplified or traditional
characters (``"運城" == "运城"``), case-, accent- and punctuation-insensitive
(``"Lüliang" == "Luliang" == "Lvliang"``, ``"Zamyn-Uud" == "zamyn uud"``).
"""

from __future__ import annotations

import difflib
import functools
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pandas as pd

from planner._errors import UnknownPlaceError
from planner.messages import Name
from planner.records import Place

if TYPE_CHECKING:
    from corridors.network import Network

__all__ = ["COUNTRY_KIND", "Place", "PlaceIndex", "normalise_name"]

logger = logging.getLogger(__name__)

#: Node kinds that stand for a whole town: asking for one also accepts its ports and terminals.
TOWN_KINDS = frozenset({"city", "destination"})
#: Node kinds that count as being in a country when a whole country is asked for.
COUNTRY_MEMBER_KINDS = frozenset({"destination", "city", "seaport", "airport"})
#: Kind of the places that stand for a whole country.
COUNTRY_KIND = "country"
#: How many close names an unknown place suggests, and how close they must be (difflib ratio).
MAX_SUGGESTIONS = 5
SUGGESTION_CUTOFF = 0.6
#: Separator of the aliases column of :func:`list_places`.
ALIAS_SEPARATOR = "; "

# Letters that NFKD does not decompose into a base letter plus combining marks.
_LETTER_FOLDS = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
    }
)
_U_UMLAUTS = ("ü", "Ü", "ǖ", "ǘ", "ǚ", "ǜ", "Ǖ", "Ǘ", "Ǚ", "Ǜ")

# Ranks of a match: the lower wins when one key names several places.
_RANK_ID = 0
_RANK_TOWN = 1
_RANK_NODE = 2
_RANK_COUNTRY = 3


def normalise_name(text: str) -> str:
    """Return the lookup key of a name: lower case, no accents, no spaces or punctuation.

    Parameters
    ----------
    text
        A place name, id or code as typed.

    Returns
    -------
    str
        The key; ``"Zamyn-Uud"`` and ``"zamyn uud"`` give ``"zamynuud"``, ``"Lüliang"`` gives
        ``"luliang"``. Chinese characters are kept as they are.
    """
    folded = unicodedata.normalize("NFKD", str(text).translate(_LETTER_FOLDS))
    kept = (ch for ch in folded if not unicodedata.combining(ch) and ch.isalnum())
    return "".join(kept).casefold()


def _name_keys(text: str) -> set[str]:
    """Every key under which ``text`` is indexed (``ü`` read both as ``u`` and as ``v``)."""
    keys = {normalise_name(text)}
    if any(u in text for u in _U_UMLAUTS):
        as_v = text
        for u in _U_UMLAUTS:
            as_v = as_v.replace(u, "v")
        keys.add(normalise_name(as_v))
    keys.discard("")
    return keys


def _text(value: Any) -> str:
    """A cell as clean text; missing values (None, NaN) give ``""``."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # list-like cells
        pass
    return str(value).strip()


def _aliases(value: Any) -> tuple[str, ...]:
    """The aliases cell as a tuple of names (a list, a tuple, a ``;``-separated string or empty)."""
    if isinstance(value, str):
        parts: Iterable[Any] = value.replace(",", ";").split(";")
    elif isinstance(value, Iterable):
        parts = value
    else:
        return ()
    return tuple(t for t in (_text(p) for p in parts) if t)


class PlaceIndex:
    """Every place of one network and the normalised keys that lead to each (a
    :class:`~planner.engine.Planner` builds one and keeps it)."""

    def __init__(self, network: Network) -> None:
        self.places: dict[str, Place] = {}
        self.aliases: dict[str, tuple[str, ...]] = {}
        self.codes: dict[str, tuple[str, ...]] = {}
        self._keys: dict[str, tuple[int, int, str]] = {}
        self._order = 0
        nodes = network.nodes
        rows = list(_node_rows(nodes))
        served: dict[str, list[str]] = {}
        for node_id, row in rows:
            town = _text(row.get("city"))
            if town and town != node_id:
                served.setdefault(town, []).append(node_id)
        for node_id, row in rows:
            kind = _text(row.get("kind"))
            node_ids = (node_id, *served.get(node_id, ())) if kind in TOWN_KINDS else (node_id,)
            place = Place(
                id=node_id,
                name_en=_text(row.get("name_en")) or node_id,
                name_zh=_text(row.get("name_zh")),
                kind=kind,
                country=_text(row.get("country")).upper(),
                node_ids=tuple(node_ids),
            )
            self.places[node_id] = place
            aliases = _aliases(row.get("aliases"))
            codes = tuple(c for c in (_text(row.get("iata")), _text(row.get("unlocode"))) if c)
            self.aliases[node_id] = aliases
            self.codes[node_id] = codes
            rank = _RANK_TOWN if kind in TOWN_KINDS else _RANK_NODE
            self._add(node_id, node_id, _RANK_ID)
            for name in (place.name_en, place.name_zh, *aliases, *codes):
                self._add(name, node_id, rank)
        self._add_countries(network, rows)
        self.keys = sorted(self._keys)
        logger.debug("place index: %d places, %d keys", len(self.places), len(self.keys))

    def _add(self, name: str, place_id: str, rank: int) -> None:
        self._order += 1
        for key in _name_keys(name):
            current = self._keys.get(key)
            candidate = (rank, self._order, place_id)
            if current is None or candidate < current:
                if current is not None and current[0] == rank and current[2] != place_id:
                    logger.debug("place key %r names %s and %s", key, current[2], place_id)
                self._keys[key] = candidate

    def _add_countries(self, network: Network, rows: list[tuple[str, dict]]) -> None:
        countries = getattr(network, "countries", None)
        table: dict[str, tuple[str, str]] = {}
        if countries is not None:
            for iso2, row in _country_rows(countries):
                table[iso2] = (_text(row.get("name_en")) or iso2, _text(row.get("name_zh")))
        for _, row in rows:
            iso2 = _text(row.get("country")).upper()
            if iso2 and iso2 not in table:
                table[iso2] = (iso2, "")
        for iso2, (name_en, name_zh) in table.items():
            members = [
                node_id
                for node_id, row in rows
                if _text(row.get("country")).upper() == iso2
                and _text(row.get("kind")) in COUNTRY_MEMBER_KINDS
            ]
            if not members:  # e.g. only a border crossing: any node of the country will do
                members = [n for n, row in rows if _text(row.get("country")).upper() == iso2]
            place = Place(iso2, name_en, name_zh, COUNTRY_KIND, iso2, tuple(members))
            if iso2 in self.places:  # a node id spelled like the code keeps the id
                logger.debug("country code %s is also a node id; the node wins", iso2)
                continue
            self.places[iso2] = place
            self.aliases[iso2] = ()
            self.codes[iso2] = (iso2,)
            for name in (iso2, name_en, name_zh):
                self._add(name, iso2, _RANK_COUNTRY)

    def lookup(self, name: str) -> Place | None:
        """The place ``name`` names, or ``None``; Chinese in traditional characters (運城)
        is also looked up in simplified ones (运城), as the names are stored."""
        hit = self._hit(name)
        if hit is None and _HAN.search(name):
            simplified = _simplified(name)
            if simplified != name:
                hit = self._hit(simplified)
        return None if hit is None else self.places[hit[2]]

    def _hit(self, name: str) -> tuple[int, int, str] | None:
        hit = None
        for key in _name_keys(name):
            candidate = self._keys.get(key)
            if candidate is not None and (hit is None or candidate < hit):
                hit = candidate
        return hit

    def resolve(self, name: str) -> Place:
        """The place a person means by ``name`` (see :func:`resolve_place`)."""
        place = self.lookup(str(name))
        if place is None:
            raise UnknownPlaceError(str(name).strip(), self.suggest(str(name)))
        return place

    def table(self) -> pd.DataFrame:
        """Every place, one row each (see :func:`list_places`)."""
        rows = [
            {
                "id": p.id,
                "name_en": p.name_en,
                "name_zh": p.name_zh,
                "kind": p.kind,
                "country": p.country,
                "aliases": ALIAS_SEPARATOR.join(self.aliases[p.id]),
                "codes": ALIAS_SEPARATOR.join(self.codes[p.id]),
            }
            for p in self.places.values()
        ]
        columns = ["id", "name_en", "name_zh", "kind", "country", "aliases", "codes"]
        return pd.DataFrame(rows, columns=columns)

    def suggest(self, name: str) -> list[Name]:
        """The closest known places' names, in both languages."""
        key = normalise_name(name)
        if not key:
            return []
        close = difflib.get_close_matches(
            key, self.keys, n=MAX_SUGGESTIONS * 3, cutoff=SUGGESTION_CUTOFF
        )
        names: list[Name] = []
        for match in close:
            place = self.places[self._keys[match][2]]
            found = Name(place.name_en, place.name_zh)
            if found not in names:
                names.append(found)
            if len(names) == MAX_SUGGESTIONS:
                break
        return names


#: A Chinese character (the CJK unified ideographs and their extension A).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
#: Longest text converted to simplified characters (a place name is far shorter).
MAX_CONVERTED_CHARS = 200


@functools.lru_cache(maxsize=1)
def _to_simplified() -> Any:
    """OpenCC's traditional-to-simplified converter (character and phrase tables), made once.

    OpenCC is the converter ``make gazetteer`` wrote the gazetteer's traditional names with,
    so a name typed in traditional characters comes back to the simplified one stored."""
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    """``text`` in simplified characters (``運城`` -> ``运城``); very long text as it is."""
    if len(text) > MAX_CONVERTED_CHARS:
        return text
    return _to_simplified().convert(text)


def _node_rows(nodes: pd.DataFrame) -> Iterator[tuple[str, dict]]:
    """``(id, properties)`` of every node, whether ids are the index or an ``id`` column."""
    records = nodes.to_dict(orient="records")
    if "id" in nodes.columns:
        ids = [str(v) for v in nodes["id"]]
    else:
        ids = [str(v) for v in nodes.index]
    yield from zip(ids, records, strict=True)


def _country_rows(countries: pd.DataFrame) -> Iterator[tuple[str, dict]]:
    records = countries.to_dict(orient="records")
    if "iso2" in countries.columns:
        codes = list(countries["iso2"])
    else:
        codes = list(countries.index)
    for code, row in zip(codes, records, strict=True):
        iso2 = _text(code).upper()
        if iso2:
            yield iso2, row
