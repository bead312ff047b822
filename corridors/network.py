"""Load the shipped layers into one :class:`Network` (GeoDataFrames plus typed records)."""

from __future__ import annotations

import csv
import functools
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from corridors._errors import NetworkValidationError
from corridors.disk_cache import kept
from corridors.frames import CRS, links_frame, nodes_frame, platforms_frame, railways_frame
from corridors.jsonfile import read_json
from corridors.records import Corridor, Facility, Link, Mode, Node
from corridors.validate import validate_layers

__all__ = ["BASEMAPS", "CRS", "DEFAULT_DATA_DIR", "LOADED_FROM", "Network", "load_network"]

logger = logging.getLogger(__name__)

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "geodata"
BASEMAPS = ("world", "china", "shanxi")

NODES_FILE = "nodes.geojson"
LINKS_FILE = "links.geojson"
CORRIDORS_FILE = "corridors.json"
COUNTRIES_FILE = "countries.csv"
PLATFORMS_FILE = "platforms.geojson"
BASEMAP_DIR = "basemap"
_ISO2_RE = re.compile(r"^[A-Z]{2}$")

# Node and Link fields that are not part of ``props``.
_NODE_FIELDS = {"id", "name_en", "name_zh", "kind", "country", "source", "iata", "unlocode"}
_LINK_FIELDS = {"id", "from", "to", "mode", "corridor", "source", "distance_km"}
_FACILITY_FIELDS = {"id", "name_en", "name_zh", "kind", "source", "geometry", "lon", "lat"}


@dataclass(frozen=True, eq=False)
class Network:
    """The corridor network as loaded from ``geodata/``.

    Treat the frames as read-only: :func:`load_network` caches and shares one instance.

    Attributes
    ----------
    nodes
        Places, index ``id``; every property as a column plus ``geometry``, ``lon``, ``lat``.
    links
        Lines, index ``id``; ``from``, ``to``, ``mode`` (str), ``corridor``, names,
        ``source``, ``railway``, ``crossing``, ``gauge_change``, ``feeder`` (bool), the
        geodesic length of the drawn line ``drawn_km``, and ``distance_km``: the drawn length
        times the link's ``route_factor`` (rail links of a railway with a published length:
        published over drawn, so that they run as long as the km posts say), else the drawn
        length.
    corridors
        Named corridors by id.
    railways
        Index ``id``; ``name_en``, ``name_zh``, ``published_km``, ``source``, ``sections``
        (published lengths between two of its nodes, a list or ``None``) and the
        ``computed_km`` (``distance_km``) summed over the rail links that name the railway.
    countries
        Index ``iso2``; ``name_en``, ``name_zh``.
    platforms
        Open-economy platforms, index ``id`` (empty when the layer is not shipped).
    seed_figures
        The seed document's province-wide figures.
    seed_corridors
        Ids of the corridors the seed names, in file order.
    data_dir
        The directory the layers were read from.
    derived
        What other layers make from this network and keep while it lives, by name (the
        planners of :func:`planner.core.api.planner_for`); never pickled.
    """

    nodes: gpd.GeoDataFrame
    links: gpd.GeoDataFrame
    corridors: dict[str, Corridor]
    railways: pd.DataFrame
    countries: pd.DataFrame
    platforms: gpd.GeoDataFrame
    seed_figures: dict
    seed_corridors: tuple[str, ...] = ()
    data_dir: Path = DEFAULT_DATA_DIR
    _basemaps: dict = field(default_factory=dict, init=False, repr=False)
    derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "derived": {}}  # planners and their locks stay in this process

    def node(self, node_id: str) -> Node:
        """The node ``node_id``: a :class:`~corridors.Node` (``KeyError`` if none)."""
        row, props = _row_and_props(self.nodes, "node", node_id, _NODE_FIELDS | {"geometry"})
        return _node_of(node_id, row, props)

    def all_nodes(self) -> dict[str, Node]:
        """Every node as :meth:`node` gives it, by id (one pass over the table, not a lookup
        per node: the planner builds them all when it starts)."""
        rows = self.nodes.drop(columns="geometry").to_dict("index")
        skip = _NODE_FIELDS | {"geometry"}
        return {
            nid: _node_of(nid, row, {k: _plain(v) for k, v in row.items() if k not in skip})
            for nid, row in rows.items()
        }

    def facility(self, platform_id: str) -> Facility:
        """The platform ``platform_id``: a :class:`~corridors.Facility` (``KeyError`` if none)."""
        row, props = _row_and_props(self.platforms, "platform", platform_id, _FACILITY_FIELDS)
        return Facility(id=platform_id, **_place_fields(row), props=props)

    def link(self, link_id: str) -> Link:
        """The link ``link_id``: a :class:`~corridors.Link` (``KeyError`` if none)."""
        row, props = _row_and_props(self.links, "link", link_id, _LINK_FIELDS)
        return Link(
            id=link_id,
            from_id=row["from"],
            to_id=row["to"],
            mode=Mode(row["mode"]),
            corridor=row["corridor"],
            distance_km=float(row["distance_km"]),
            source=row["source"],
            props=props,
        )

    def sailed_links(self, passage: str) -> pd.DataFrame:
        """The links, less the sea links of the other passage: where Suez is on the way, a sea
        link is shipped twice (``passage`` ``"cape"`` and ``"suez"``); ``passage`` names the
        one sailed (the planner's ``sea.suez_open`` parameter chooses)."""
        if "passage" not in self.links.columns:
            return self.links
        other = self.links["passage"].fillna("")
        return self.links[(other == "") | (other == passage)]

    def basemap(self, name: str) -> gpd.GeoDataFrame:
        """Return a basemap layer, read on first use and cached.

        Parameters
        ----------
        name
            ``"world"`` (countries), ``"china"`` (national outline) or ``"shanxi"``
            (province and prefecture outlines).

        Returns
        -------
        geopandas.GeoDataFrame
            The layer in EPSG:4326.

        Raises
        ------
        ValueError
            If ``name`` is not one of the basemaps.
        FileNotFoundError
            If the basemap file is not shipped.
        """
        if name not in BASEMAPS:
            raise ValueError(f"unknown basemap {name!r}; choose one of: {', '.join(BASEMAPS)}")
        if name not in self._basemaps:
            path = self.data_dir / BASEMAP_DIR / f"{name}.geojson"
            if not path.is_file():
                raise FileNotFoundError(f"basemap {name!r} not found at {path}")
            gdf = gpd.read_file(path)
            self._basemaps[name] = gdf.set_crs(CRS) if gdf.crs is None else gdf.to_crs(CRS)
        return self._basemaps[name]


def load_network(data_dir: str | Path | None = None, *, validate: bool = True) -> Network:
    """Read, check and assemble the corridor network.

    Link lengths are computed geodesically (WGS84) from the geometry. The result is cached
    per directory and file state (path, modification time and size of every layer), so
    repeated calls are cheap and an edited file is read again.

    Parameters
    ----------
    data_dir
        Directory holding the layers; defaults to the repository's ``geodata/``.
    validate
        Check the layers against the data contract first. ``False`` is only for data known
        to be valid: files that cannot be read as GeoJSON still raise, other problems are
        logged as warnings.

    Returns
    -------
    Network
        The loaded network.

    Raises
    ------
    NetworkValidationError
        Listing every problem found (missing or malformed files included), if any.
    """
    path = Path(data_dir).expanduser().resolve() if data_dir is not None else DEFAULT_DATA_DIR
    return _load_cached(path, validate, _fingerprint(path))


def _fingerprint(path: Path) -> tuple:
    names = (NODES_FILE, LINKS_FILE, CORRIDORS_FILE, COUNTRIES_FILE, PLATFORMS_FILE)
    state = []
    for name in names:
        try:
            stat = (path / name).stat()
            state.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            state.append((name, None, None))
    return tuple(state)


#: The attribute naming the folder a network was read from, as :func:`load_network` read it
#: (checked, unchanged): what is made from it alone may be kept on disk beside it. Not a field:
#: a network made otherwise, or replaced from this one, has none.
LOADED_FROM = "loaded_from"


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, validate: bool, fingerprint: tuple) -> Network:
    if not validate:  # its warnings are said on every load: never from a copy
        return _read_network(path, validate)
    network = kept((str(path), fingerprint), lambda: _read_network(path, validate))
    object.__setattr__(network, LOADED_FROM, str(path))
    return network


def _read_network(path: Path, validate: bool) -> Network:
    logger.info("loading the corridor network from %s", path)
    problems: list[str] = []
    if not path.is_dir():
        raise NetworkValidationError([f"data directory not found: {path}"])
    nodes_fc, found = read_json(path / NODES_FILE)
    problems += found
    links_fc, found = read_json(path / LINKS_FILE)
    problems += found
    corridors_doc, found = read_json(path / CORRIDORS_FILE)
    problems += found
    platforms_fc = None
    if (path / PLATFORMS_FILE).is_file():
        platforms_fc, found = read_json(path / PLATFORMS_FILE)
        problems += found
    else:
        logger.warning("no %s in %s: loading without platforms", PLATFORMS_FILE, path)
    countries, found = _read_countries(path / COUNTRIES_FILE)
    problems += found

    if validate:
        problems += validate_layers(nodes_fc, links_fc, corridors_doc, platforms_fc=platforms_fc)
        if countries is not None and isinstance(nodes_fc, dict):
            problems += _check_countries(nodes_fc, countries)
    unusable = not all(
        isinstance(doc, dict) for doc in (nodes_fc, links_fc, corridors_doc)
    ) or not all(isinstance(fc.get("features"), list) for fc in (nodes_fc, links_fc))
    if unusable and not validate:  # say precisely why, as validation would
        problems += validate_layers(nodes_fc, links_fc, corridors_doc)
    if unusable and not problems:  # never load what cannot be used, even unexplained
        problems.append("the layers are not GeoJSON FeatureCollections and a corridors object")
    if problems and (validate or unusable):
        raise NetworkValidationError(problems)
    for problem in problems:
        logger.warning("not validated: %s", problem)
    try:
        return _assemble(path, nodes_fc, links_fc, corridors_doc, platforms_fc, countries)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as exc:
        # data that was not validated (validated data that fails here is a gap of the validator)
        if validate:
            logger.exception("validated layers that cannot be assembled")
        problems = validate_layers(nodes_fc, links_fc, corridors_doc, platforms_fc=platforms_fc)
        raise NetworkValidationError(problems or [f"cannot assemble the layers: {exc}"]) from None


def _assemble(
    path: Path,
    nodes_fc: dict,
    links_fc: dict,
    corridors_doc: dict,
    platforms_fc: dict | None,
    countries: pd.DataFrame | None,
) -> Network:
    """The network of layers read (and, unless told otherwise, validated)."""
    nodes = nodes_frame(nodes_fc["features"])
    links = links_frame(links_fc["features"])
    corridor_records = corridors_doc.get("corridors", [])
    corridors = {
        c["id"]: Corridor(
            id=c["id"],
            name_en=c.get("name_en"),
            name_zh=c.get("name_zh"),
            kind=c.get("kind"),
            source=c.get("source"),
            figures=dict(c.get("figures") or {}),
        )
        for c in corridor_records
    }
    seed = tuple(c["id"] for c in corridor_records if c.get("seed") is True)
    railways = railways_frame(corridors_doc.get("railways", []), links)
    platforms = platforms_frame(platforms_fc["features"] if platforms_fc else [])
    if countries is None:
        countries = pd.DataFrame(columns=["name_en", "name_zh"], index=pd.Index([], name="iso2"))
    network = Network(
        nodes=nodes,
        links=links,
        corridors=corridors,
        railways=railways,
        countries=countries,
        platforms=platforms,
        seed_figures=dict(corridors_doc.get("seed_figures") or {}),
        seed_corridors=seed,
        data_dir=path,
    )
    logger.info(
        "loaded %d nodes, %d links, %d corridors, %d platforms",
        len(nodes),
        len(links),
        len(corridors),
        len(platforms),
    )
    return network


def _read_countries(path: Path) -> tuple[pd.DataFrame | None, list[str]]:
    if not path.is_file():
        logger.warning("no %s in %s: loading without country names", COUNTRIES_FILE, path.parent)
        return None, []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return None, [f"{COUNTRIES_FILE}: cannot read: {exc}"]
    problems = []
    if rows and not {"iso2", "name_en", "name_zh"} <= set(rows[0]):
        return None, [f"{COUNTRIES_FILE}: needs the columns iso2,name_en,name_zh"]
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        iso2 = (row.get("iso2") or "").strip()
        if not _ISO2_RE.match(iso2):
            problems.append(f"{COUNTRIES_FILE}: line {line}: iso2 {iso2!r} is not two letters")
        elif iso2 in seen:
            problems.append(f"{COUNTRIES_FILE}: duplicate iso2 {iso2!r}")
        seen.add(iso2)
        for col in ("name_en", "name_zh"):
            if not (row.get(col) or "").strip():
                problems.append(f"{COUNTRIES_FILE}: line {line}: missing {col}")
    frame = pd.DataFrame(
        [{k: (row.get(k) or "").strip() for k in ("iso2", "name_en", "name_zh")} for row in rows],
        columns=["iso2", "name_en", "name_zh"],
    ).set_index("iso2")
    return frame, problems


def _check_countries(nodes_fc: dict, countries: pd.DataFrame) -> list[str]:
    known = set(countries.index)
    used: set[str] = set()
    features = nodes_fc.get("features")
    for feature in features if isinstance(features, list) else []:  # else the validator says
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict) and isinstance(props.get("country"), str):
            used.add(props["country"])
    missing = sorted(used - known)
    return [f"{COUNTRIES_FILE}: no row for country {c!r} used by nodes" for c in missing]


def _row_and_props(
    frame: pd.DataFrame, what: str, record_id: str, fields: set[str]
) -> tuple[pd.Series, dict]:
    """Return the row ``record_id`` of ``frame`` and its columns outside ``fields`` as ``props``.

    Raises
    ------
    KeyError
        If no row has that id (the message names ``what`` was looked up).
    """
    if record_id not in frame.index:
        raise KeyError(f"unknown {what} id {record_id!r}")
    row = frame.loc[record_id]
    return row, {k: _plain(v) for k, v in row.items() if k not in fields}


def _node_of(node_id: str, row: Mapping[str, Any], props: dict) -> Node:
    aliases = row.get("aliases")
    return Node(
        id=node_id,
        **_place_fields(row),
        country=row["country"],
        iata=row.get("iata"),
        unlocode=row.get("unlocode"),
        aliases=tuple(aliases) if isinstance(aliases, list | tuple) else (),
        props=props,
    )


def _place_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a :class:`~corridors.Node` and a :class:`~corridors.Facility` share."""
    return {
        "name_en": row["name_en"],
        "name_zh": row["name_zh"],
        "kind": row["kind"],
        "lon": float(row["lon"]),
        "lat": float(row["lat"]),
        "source": row["source"],
    }


def _plain(value: Any) -> Any:
    """Turn pandas/numpy scalars into plain Python values for record ``props``."""
    if hasattr(value, "item") and not isinstance(value, list | tuple | dict | str):
        try:
            return value.item()
        except (ValueError, AttributeError):
            return value
    return value
