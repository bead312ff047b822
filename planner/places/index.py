"""Place names: turn what a person types into network nodes.

A *place* is what ``--from`` / ``--to`` accept: a node of the network (a city, an airport, a
seaport, a border crossing...) or a whole country. :func:`resolve_place` accepts a node id, an
English or Chinese name, an alias from the data (other romanisations), an IATA code, a
UN/LOCODE, an ISO 3166-1 alpha-2 code or a country name, Chinese in simplified or traditional
characters (``"運城" == "运城"``), case-, accent- and punctuation-insensitive
(``"Lüliang" == "Luliang" == "Lvliang"``, ``"Zamyn-Uud" == "zamyn uud"``).

A name the network does not know is looked up in the world gazetteer shipped beside it
(:mod:`planner.places.world`, read on the first such name): a city, port, airport or country there
becomes a place *beyond the network*, reached by truck through its gateways
(:mod:`planner.places.gateways`). A name that names several places takes the most populous (a Shanxi
seat by its division's name first) and lists the others; a misspelling close to no name of the
network but close to one of the world is read as that one (``Casablanka``).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import logging
import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from planner.model.errors import UnknownPlaceError
from planner.model.records import Place
from planner.places.names import ALIAS_SEPARATOR, name_keys, normalise_name
from planner.places.world import GAZETTEER_FILE
from planner.text.message import Name
from planner.text.words import words

if TYPE_CHECKING:
    from corridors.network import Network
    from planner.places.gateways import Land
    from planner.places.world import World

__all__ = ["COUNTRY_KIND", "GAZETTEER_FILE", "Place", "PlaceIndex", "name_keys", "normalise_name"]

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
#: A world place this close to a network node of the same name is that node (km).
SAME_PLACE_KM = 50.0
#: Places of the world a name also names that are listed, and how far from the one taken a
#: place must be to count as another (a city's port and airport are the city).
MAX_ALTERNATIVES = 3
DISTINCT_KM = 50.0
#: How close a misspelling must be to a name of the world to be read as it (difflib ratio),
#: among the names that share its first letters.
WORLD_SPELLING_CUTOFF = 0.85
WORLD_SPELLING_PREFIX = 2

# Ranks of a match: the lower wins when one key names several places.
_RANK_ID = 0
_RANK_TOWN = 1
_RANK_NODE = 2
_RANK_COUNTRY = 3


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
    :class:`~planner.core.planner.Planner` builds one and keeps it).

    Parameters
    ----------
    network
        The network.
    world
        The world gazetteer's CSV (``None``: only the network's places).
    reach_km
        How far, as the crow flies, a truck joins a place beyond the network to a gateway of
        its own country (:func:`planner.places.gateways.nearest_gateways`).
    """

    def __init__(
        self, network: Network, *, world: Path | None = None, reach_km: float = math.inf
    ) -> None:
        self._nodes = network.nodes
        self._network = network
        self._world_path = world
        self._reach_km = reach_km
        self._beyond: dict[int, Place] = {}  # places of the world made, by gazetteer row
        self._trucked: dict[Place, Place] = {}  # network places as reached by truck
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
        for key in name_keys(name):
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
        # per country, its nodes (read once), those that stand for it first
        nodes_of: dict[str, list[str]] = {}
        members_of: dict[str, list[str]] = {}
        for node_id, row in rows:
            iso2 = _text(row.get("country")).upper()
            if iso2 and iso2 not in table:
                table[iso2] = (iso2, "")
            nodes_of.setdefault(iso2, []).append(node_id)
            if _text(row.get("kind")) in COUNTRY_MEMBER_KINDS:
                members_of.setdefault(iso2, []).append(node_id)
        for iso2, (name_en, name_zh) in table.items():
            # e.g. only a border crossing: any node of the country will do
            members = members_of.get(iso2) or nodes_of.get(iso2, [])
            place = Place(iso2, name_en, name_zh, COUNTRY_KIND, iso2, tuple(members))
            if iso2 in self.places:  # a node id spelled like the code keeps the id
                logger.debug("country code %s is also a node id; the node wins", iso2)
                continue
            self.places[iso2] = place
            self.aliases[iso2] = ()
            self.codes[iso2] = (iso2,)
            for name in (iso2, name_en, name_zh):
                self._add(name, iso2, _RANK_COUNTRY)

    def lookup(self, name: str, *, world: bool = True) -> Place | None:
        """The place ``name`` names, or ``None``; Chinese in traditional characters (運城)
        is also looked up in simplified ones (运城), as the names are stored. A name the
        network does not know is looked up in the world (unless ``world`` is False)."""
        hit = self._hit(name)
        if hit is None and _HAN.search(name):
            simplified = _simplified(name)
            if simplified != name:
                hit = self._hit(simplified)
        if hit is not None:
            return self.places[hit[2]]
        return self._in_world(name) if world else None

    @property
    def world(self) -> World | None:
        """The world gazetteer (read on first use), or ``None`` without one."""
        if self._world_path is None:
            return None
        from planner.places.world import load_world

        return load_world(self._world_path)

    def _in_world(self, name: str) -> Place | None:
        """The place of the world ``name`` names (exactly, or a misspelling close to no
        network name), or ``None``."""
        world = self.world
        if world is None or not normalise_name(name):
            return None
        by_id = world.position(name)
        if by_id is not None:
            return self.beyond(by_id)
        if _HAN.search(name) and len(name) <= MAX_CONVERTED_CHARS and not world.matches(name):
            name = _simplified(name)
        rows = world.matches(name)
        if not rows:
            # a misspelling: the world's name if it is closer than any of the network's
            # (``Casablanka``; but ``Mosco`` is the network's Moscow misspelt: suggested)
            key, ratio = world.spelled_like(
                name, cutoff=WORLD_SPELLING_CUTOFF, prefix=WORLD_SPELLING_PREFIX
            )
            if key and ratio > self._closest_ratio(name):
                name = key
                rows = world.matches(key)
        if not rows:
            return None
        named = world.matches(name, aliases=False)
        return self.beyond(rows[0], [r for r in named if r != rows[0]])

    def _closest_ratio(self, name: str) -> float:
        """How close (difflib ratio) the network's closest name is to ``name``."""
        key = normalise_name(name)
        close = difflib.get_close_matches(key, self.keys, n=1, cutoff=SUGGESTION_CUTOFF)
        return difflib.SequenceMatcher(None, key, close[0]).ratio() if close else 0.0

    def beyond(self, row: int, others: Iterable[int] = ()) -> Place:
        """Gazetteer row ``row`` as a place: the network's node (or country) of the same name
        where it is one, else a place beyond the network with its gateways; ``others``: the
        other rows its name named (the distinct ones become its alternatives)."""
        world = self.world
        assert world is not None
        found = self._beyond.get(row)
        if found is not None and not others:
            return found
        r = world.row(row)
        same = self._network_twin(r)
        if same is not None:
            return same
        from planner.places.gateways import nearest_gateways

        gateways = nearest_gateways(
            self._nodes, r.lon, r.lat, r.country, reach_km=self._reach_km, land=self._land()
        )
        alternatives: list[Name] = []
        for other in others:
            o = world.row(other)
            if len(alternatives) < MAX_ALTERNATIVES and world.km(row, other) > DISTINCT_KM:
                alternatives.append(
                    Name(
                        words("place.with_country", "en", name=o.name.en, country=o.country),
                        words("place.with_country", "zh", name=o.name, country=o.country),
                    )
                )
        place = Place(
            id=r.id,
            name_en=r.name.en,
            name_zh=r.name.zh,
            kind=r.kind,
            country=r.country,
            node_ids=tuple(g.node_id for g in gateways),
            lon=r.lon,
            lat=r.lat,
            gateways=gateways,
            alternatives=tuple(alternatives),
        )
        if not others:
            self._beyond[row] = place
        return place

    def reached_by_truck(self, place: Place) -> Place:
        """A network place as one beyond the network: joined by truck to its nearest gateways
        but itself (for when the network reaches it no other way: a closure, the modes left).
        Its trucks reach ``FAR_SLACK`` times as far as a city's: the closure left no nearer
        end, and its own rail hub is no gateway then (Moscow with the land crossings shut: the
        Port of Saint Petersburg, 635 km as the crow flies, the truck saying it is long)."""
        from planner.places.gateways import FAR_SLACK, nearest_gateways

        found = self._trucked.get(place)
        if found is not None:
            return found
        lon, lat = (float(self._nodes.at[place.id, c]) for c in ("lon", "lat"))
        found = nearest_gateways(
            self._nodes, lon, lat, place.country, reach_km=FAR_SLACK * self._reach_km,
            land=self._land(),
        )
        gateways = tuple(g for g in found if g.node_id != place.id)
        self._trucked[place] = dataclasses.replace(
            place, node_ids=tuple(g.node_id for g in gateways), lon=lon, lat=lat,
            gateways=gateways,
        )
        return self._trucked[place]

    @functools.cache  # noqa: B019 - one per index, which lives as long as its planner
    def _land(self) -> Land | None:
        """The world's land from the network's basemap (``None`` without one)."""
        from planner.places.gateways import Land

        try:
            return Land(self._network.basemap("world"))
        except (AttributeError, FileNotFoundError, ValueError):
            return None

    def _network_twin(self, row: Any) -> Place | None:
        """The network's place that a gazetteer row is under another spelling: its country,
        or a node of one of its names within :data:`SAME_PLACE_KM`."""
        for name in (row.name.en, row.name.zh):
            hit = self._hit(name) if name else None
            if hit is None:
                continue
            place = self.places[hit[2]]
            if row.kind == COUNTRY_KIND:
                if place.kind == COUNTRY_KIND and place.country == row.country:
                    return place
                continue
            if place.id in self._nodes.index and place.country == row.country:
                from planner.places.gateways import km_from

                if km_from(self._nodes.loc[[place.id]], row.lon, row.lat)[0] <= SAME_PLACE_KM:
                    return place
        return None

    def _hit(self, name: str) -> tuple[int, int, str] | None:
        hit = None
        for key in name_keys(name):
            candidate = self._keys.get(key)
            if candidate is not None and (hit is None or candidate < hit):
                hit = candidate
        return hit

    def resolve(self, name: str, *, world: bool = True) -> Place:
        """The place a person means by ``name`` (see :func:`resolve_place`); ``world``: also
        the places beyond the network."""
        place = self.lookup(str(name), world=world)
        if place is None:
            raise UnknownPlaceError(str(name).strip(), self.suggest(str(name)))
        return place

    def table(self, *, country: str | None = None, search: str | None = None) -> pd.DataFrame:
        """Every place, one row each (see :func:`list_places`); with a filter (a country's
        ISO2 code, a beginning of a name), the network's places that pass it and then the
        world's, the most populous first."""
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
        frame = pd.DataFrame(rows, columns=columns)
        if not country and not search:
            return frame
        if country:
            frame = frame[frame["country"] == country.strip().upper()]
        if search:
            prefix = normalise_name(search)
            ids = {self._keys[k][2] for k in self.keys if prefix and k.startswith(prefix)}
            frame = frame[frame["id"].isin(ids)]
        world = self.world
        if world is None:
            return frame.reset_index(drop=True)
        found = world.table(country=country, search=search)
        found = found.rename(columns={"code": "codes"})[columns]
        return pd.concat([frame, found], ignore_index=True)

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
