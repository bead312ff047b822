"""The layers' GeoJSON features as frames: one row per feature, index ``id``, every property a
column (text as objects, ``None`` where missing; flags as booleans) and the geometry."""

from __future__ import annotations

import logging
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.errors import GEOSException
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from corridors.geo import geodesic_lengths_km
from corridors.validate import LINK_FLAGS, NODE_FLAGS

__all__ = ["CRS", "links_frame", "nodes_frame", "platforms_frame", "railways_frame"]

logger = logging.getLogger(__name__)

CRS = "EPSG:4326"
NODE_TEXT = (
    "name_en",
    "name_zh",
    "kind",
    "country",
    "source",
    "iata",
    "unlocode",
    "city",
    "counterpart",
)
LINK_TEXT = ("from", "to", "mode", "corridor", "name_en", "name_zh", "source", "railway")
PLATFORM_TEXT = ("name_en", "name_zh", "kind", "city", "source")


def _feature_rows(features: list[dict]) -> tuple[list[dict], list[Any]]:
    rows, geoms = [], []
    for feature in features:
        props = dict(feature.get("properties") or {})
        if props.get("id") is None and feature.get("id") is not None:
            props["id"] = feature["id"]
        rows.append(props)
        geoms.append(_shape_or_none(feature.get("geometry"), props.get("id")))
    return rows, geoms


def _shape_or_none(geometry: Any, feature_id: Any) -> BaseGeometry | None:
    """Build a shapely geometry; an unusable one (only when not validated) becomes ``None``."""
    if not geometry:
        return None
    try:
        return shape(geometry)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError, GEOSException) as exc:
        logger.warning("feature %r: unusable geometry dropped (%s)", feature_id, exc)
        return None


def _frame(features: list[dict], text: tuple[str, ...], flags: tuple[str, ...]) -> gpd.GeoDataFrame:
    rows, geoms = _feature_rows(features)
    columns = ["id", *text, *flags]
    for row in rows:
        columns += [k for k in row if k not in columns]
    data: dict[str, Any] = {}
    for col in columns:
        values = [row.get(col) for row in rows]
        if col in flags:
            data[col] = pd.Series([v is True for v in values], dtype=bool)
        else:
            # object dtype keeps None (not NaN) for a missing optional string
            data[col] = pd.Series(values, dtype=object)
    gdf = gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)
    return gdf.set_index("id")


def _add_lonlat(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    points = [g if g is not None and g.geom_type == "Point" else None for g in gdf.geometry]
    gdf["lon"] = pd.Series([p.x if p else float("nan") for p in points], index=gdf.index)
    gdf["lat"] = pd.Series([p.y if p else float("nan") for p in points], index=gdf.index)
    return gdf


def nodes_frame(features: list[dict]) -> gpd.GeoDataFrame:
    """The nodes layer: ``aliases`` a list per node, and ``lon``, ``lat`` of its point."""
    gdf = _frame(features, NODE_TEXT, NODE_FLAGS)
    if "aliases" not in gdf.columns:
        gdf["aliases"] = pd.Series([[] for _ in range(len(gdf))], index=gdf.index, dtype=object)
    else:
        gdf["aliases"] = [list(a) if isinstance(a, list) else [] for a in gdf["aliases"]]
    return _add_lonlat(gdf)


def links_frame(features: list[dict]) -> gpd.GeoDataFrame:
    """The links layer, with the geodesic length of the drawn line ``drawn_km`` and the
    length a route runs, ``distance_km`` (drawn times ``route_factor``, else drawn)."""
    gdf = _frame(features, LINK_TEXT, LINK_FLAGS)
    gdf["drawn_km"] = pd.Series(
        geodesic_lengths_km(list(gdf.geometry)), index=gdf.index, dtype=float
    )
    # a rail link drawn straight between stations runs as long as its published km posts
    factor = gdf.get("route_factor", pd.Series(1.0, index=gdf.index))
    gdf["distance_km"] = gdf["drawn_km"] * pd.to_numeric(factor, errors="coerce").fillna(1.0)
    return gdf


def platforms_frame(features: list[dict]) -> gpd.GeoDataFrame:
    """The platforms layer, with ``receives`` (``None`` where not given), ``lon`` and ``lat``."""
    gdf = _frame(features, PLATFORM_TEXT, ())
    if "receives" not in gdf.columns:
        gdf["receives"] = pd.Series([None] * len(gdf), index=gdf.index, dtype=object)
    return _add_lonlat(gdf)


def railways_frame(records: list[dict], links: gpd.GeoDataFrame) -> pd.DataFrame:
    """The railways of ``corridors.json``, with the ``computed_km`` of the links naming each."""
    columns = ["name_en", "name_zh", "published_km", "source", "sections"]
    frame = pd.DataFrame(
        [{"id": r.get("id"), **{c: r.get(c) for c in columns}} for r in records],
        columns=["id", *columns],
    ).set_index("id")
    frame["published_km"] = pd.to_numeric(frame["published_km"], errors="coerce")
    computed = links.loc[links["railway"].notna()].groupby("railway")["distance_km"].sum()
    frame["computed_km"] = computed.reindex(frame.index).fillna(0.0).astype(float)
    return frame
